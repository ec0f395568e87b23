"""The `events` stage, its lexicons, generalization and export, on sentences written for these tests."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from spinscope.extract.events.stage import find_events
from spinscope.extract.events.generalize import generalize
from spinscope.extract.events.triggers import lexicon
from spinscope.export.events import COLUMNS, event_rows, geojson, write_csv
from spinscope.model import Document, Entity, Place, Span
from spinscope.pipeline import DEFAULT_ORDER, Pipeline

from .events_helpers import ROLE_GUARDS, rule_modes, rule_roles, run_doc

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)  # some tests re-run find_events on the parses


run = run_doc  # the document of a sentence, no problem recorded (tests/events_helpers.py)

def assert_no_rule_event(doc, word: str, typ: str) -> None:
    """No event of type `typ` ("*": of any type) at the trigger `word`, among the rules' events (before the sense
    model)."""
    events = find_events(doc, sense=False)
    assert not any(typ in ("*", e.type) for e in events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in events]


def assert_rule_event(doc, word: str, typ: str) -> None:
    """An event of type `typ` ("*": of any type) at the trigger `word`, among the rules' events (before the sense
    model)."""
    events = find_events(doc, sense=False)
    found = [e.type for e in events if doc.text[e.trigger.start:e.trigger.end] == word]
    assert found and (typ == "*" or typ in found), [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in events]


def kb(doc: Document, entity_id: str | None) -> str | None:
    ent = next((e for e in doc.entities if e.id == entity_id), None)
    return ent.kb_id if ent else None


def by_trigger(doc: Document, word: str):
    found = [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word]
    assert found, f"no event triggered by {word!r}: {[doc.text[e.trigger.start:e.trigger.end] for e in doc.events]}"
    return found[0]


def rule_triggers(doc: Document) -> set[str]:
    """The trigger words of the events the rules give, before the sense model filters them."""
    return {doc.text[e.trigger.start:e.trigger.end] for e in find_events(doc, sense=False)}


def test_stage_runs_after_entities_in_default_order():
    assert "events" in DEFAULT_ORDER
    assert DEFAULT_ORDER.index("events") > DEFAULT_ORDER.index("entities")
    for before in ("quotes", "places", "dates"):
        if before in DEFAULT_ORDER:
            assert DEFAULT_ORDER.index(before) < DEFAULT_ORDER.index("events")


def test_actor_and_target_from_subject_and_object(pipe):
    doc = run(pipe, "Turkey attacked the Syrian Democratic Forces on Monday.")
    ev = by_trigger(doc, "attacked")
    assert (ev.type, ev.cameo[:2], ev.mode) == ("ASSAULT", "19", "asserted")
    assert kb(doc, ev.actor) == "turkey" and kb(doc, ev.target) == "sdf"


def test_passive_agent_is_the_actor(pipe):
    doc = run(pipe, "The Syrian Democratic Forces were attacked by Turkey.")
    ev = by_trigger(doc, "attacked")
    assert kb(doc, ev.actor) == "turkey" and kb(doc, ev.target) == "sdf"


def test_meeting_partner_is_the_target(pipe):
    doc = run(pipe, "Sergey Lavrov met with John Kerry in Geneva.")
    ev = by_trigger(doc, "met")
    assert ev.type == "CONSULT"
    assert kb(doc, ev.actor) == "sergey-lavrov" and kb(doc, ev.target) == "john-kerry"


def test_noun_triggers_take_compound_and_possessive_actors(pipe):
    doc = run(pipe, "Russia's offensive against ISIS continued. US airstrikes on the Syrian army were reported.")
    off = by_trigger(doc, "offensive")
    assert off.type == "ASSAULT" and kb(doc, off.actor) == "russia" and kb(doc, off.target) == "isis"
    air = by_trigger(doc, "airstrikes")
    assert air.type == "ASSAULT" and kb(doc, air.actor) == "united-states"


@pytest.mark.parametrize("text, word, mode", [
    ("Russia threatened to strike the Syrian Democratic Forces.", "strike", "threatened"),
    ("Russian forces will strike the Syrian Democratic Forces.", "strike", "threatened"),
    ("Turkey could attack the Syrian Democratic Forces.", "attack", "hypothetical"),
    ("If Turkey attacks the Syrian Democratic Forces, Russia will respond.", "attacks", "hypothetical"),
    ("Turkey did not attack the Syrian Democratic Forces.", "attack", "negated"),
    ("Lavrov said that Turkey attacked the Syrian Democratic Forces.", "attacked", "reported"),
    ("Lavrov said that Turkey would never attack the Syrian Democratic Forces.", "attack",
     "reported+hypothetical+negated"),
])
def test_modes(pipe, text, word, mode):
    assert by_trigger(run(pipe, text), word).mode == mode


def test_warned_against_act_is_part_of_the_threat(pipe):
    doc = run(pipe, "Russia warned the United States not to strike Syria.")
    warn = by_trigger(doc, "warned")
    assert (warn.type, warn.mode) == ("THREATEN", "threatened")
    assert kb(doc, warn.actor) == "russia" and kb(doc, warn.target) == "united-states"
    assert not [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "strike"]


def test_event_inside_a_quote_is_reported_and_pronoun_is_the_speaker(pipe):
    doc = pipe(Document("Russia said it would strike the Syrian Democratic Forces."))
    ev = by_trigger(doc, "strike")
    assert "reported" in ev.mode and kb(doc, ev.actor) == "russia"


def test_spans_are_honest(pipe):
    doc = run(pipe, "Headline: Russia Rejects Proposal\n\nTurkey shelled positions of the Syrian Democratic Forces. "
                    "The United States condemned the shelling.")
    assert doc.events
    for ev in doc.events:
        assert ev.start <= ev.trigger.start < ev.trigger.end <= ev.end
        assert doc.text[ev.start:ev.end].strip() == doc.text[ev.start:ev.end]
        assert ev.cameo and lexicon().plover(ev.cameo) == ev.type


def test_place_prefers_the_one_governed_by_near(pipe):
    text = "In Damascus, officials said Turkey attacked the Syrian Democratic Forces near Manbij."
    doc = pipe(Document(text))
    def place(pid, name, lat, lon):
        i = text.index(name)
        return Place(pid, name, lat, lon, "SYR", None, [Span(i, i + len(name))])
    doc.places = [place("p1", "Damascus", 33.5, 36.3), place("p2", "Manbij", 36.5, 37.95)]
    doc.events = find_events(doc)
    assert by_trigger(doc, "attacked").place == "p2"
    gj = geojson([doc])
    kinds = [f["properties"]["kind"] for f in gj["features"]]
    assert gj["type"] == "FeatureCollection" and kinds.count("place") == 2 and "event" in kinds
    ev = next(f for f in gj["features"] if f["properties"]["kind"] == "event")
    assert ev["geometry"] == {"type": "Point", "coordinates": [37.95, 36.5]}
    assert {"type", "actor", "target", "date", "doc", "sentence"} <= set(ev["properties"])


def test_generalize_follows_the_kb():
    kon = Entity("e1", "Igor Konashenkov", "person", "igor-konashenkov")
    assert generalize(kon, level="state")["id"] == "russia"
    assert generalize(kon, level="org")["id"] == "russian-ministry-of-defence"
    sdf = Entity("e2", "Syrian Democratic Forces", "armed_group", "sdf")
    assert generalize(sdf)["id"] == "sdf"  # a group is not its country's state
    free = Entity("e3", "Some Militia", "organization", None)
    assert generalize(free)["name"] == "Some Militia"


def test_csv_export_has_one_row_per_event_and_generalizes(pipe):
    doc = run(pipe, "Igor Konashenkov accused the United States of shelling Syrian positions.")
    ev = by_trigger(doc, "accused")
    buf = io.StringIO()
    n = write_csv(event_rows([doc], generalize_to="state"), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(doc.events) == len(rows) and tuple(rows[0]) == COLUMNS
    row = next(r for r in rows if r["trigger"] == "accused")
    assert (row["actor_id"], row["actor_country"], row["type"]) == ("russia", "RUS", ev.type)
    plain = next(r for r in event_rows([doc]) if r["trigger"] == "accused")
    assert plain["actor_id"] == "igor-konashenkov"


def test_cli_events_jsonl(tmp_path):
    from click.testing import CliRunner
    from spinscope.cli import cli

    src = tmp_path / "a.txt"
    src.write_text("Turkey attacked the Syrian Democratic Forces near the border.\n", encoding="utf-8")
    out = tmp_path / "e.jsonl"
    res = CliRunner().invoke(cli, ["events", str(src), "--format", "jsonl", "--generalize", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["type"] == "ASSAULT" and r["actor_id"] == "turkey" for r in rows)


def test_lexicons_code_only_known_types():
    lex = lexicon()
    types = set(yaml.safe_load((ROOT / "src/spinscope/data/events/plover.yaml").read_text())["types"])
    assert {v for v in lex.roots.values() if v} <= types
    for code in lex.nouns.values():
        assert lex.plover(code) in types
    assert lex.plover("190") == "ASSAULT" and lex.plover("0871") == "RETREAT" and lex.plover("010") is None


def test_generated_verbs_match_the_build_script(shared):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_event_triggers as build
    finally:
        sys.path.pop(0)
    blocks = build.build(shared / "corpus" / "phoenix" / "CAMEO.2.0.txt")["blocks"]
    data = yaml.safe_load((ROOT / "src/spinscope/data/events/verbs.yaml").read_text(encoding="utf-8"))
    assert data["blocks"] == blocks
    assert "MIT License" in (ROOT / "src/spinscope/data/events/verbs.yaml").read_text(encoding="utf-8")[:3000]


def test_a_conjunct_does_not_inherit_the_first_verbs_negation(pipe):
    doc = run(pipe, "Turkey did not attack the Syrian Democratic Forces and shelled ISIS instead.")
    assert by_trigger(doc, "attack").mode == "negated"
    assert "negated" not in by_trigger(doc, "shelled").mode


def test_a_toponym_standing_as_a_party_is_not_the_place(pipe):
    text = "Turkey attacked the Syrian Democratic Forces."
    doc = pipe(Document(text))
    doc.places = [Place("p1", "Turkey", 39.0, 35.0, "TUR", None, [Span(0, 6)])]
    doc.events = find_events(doc)
    assert by_trigger(doc, "attacked").place is None


def test_the_sponsor_of_proxy_forces_is_not_the_target(pipe):
    doc = run(pipe, "Russia will strike US-backed forces near the border.")
    ev = by_trigger(doc, "strike")
    assert kb(doc, ev.actor) == "russia" and kb(doc, ev.target) != "united-states"


def _with_places(pipe, text: str, names: list[str]) -> Document:
    """`text` analysed, with hand-set places for `names` (each at its first occurrence)."""
    doc = pipe(Document(text))
    doc.places = []
    for k, name in enumerate(names, 1):
        i = text.index(name)
        doc.places.append(Place(f"p{k}", name, 36.0, 37.0, "SYR", None, [Span(i, i + len(name))]))
    doc.events = find_events(doc)
    return doc


@pytest.mark.parametrize("text, trigger, place", [
    ("Russia began the Raqqa offensive against the Islamic State on Monday.", "began", "Raqqa"),
    ("Kurdish fighters attacked the old quarter of Manbij.", "attacked", "Manbij"),
    ("The rebels shelled government positions south of Hama.", "shelled", "Hama"),
])
def test_place_in_the_events_own_phrase(pipe, text, trigger, place):
    doc = _with_places(pipe, text, [place])
    assert by_trigger(doc, trigger).place == "p1"


def test_a_sponsor_in_the_object_is_not_the_place(pipe):
    doc = _with_places(pipe, "Turkey shelled US-backed forces near Manbij.", ["US", "Manbij"])
    assert by_trigger(doc, "shelled").place == "p2"


def test_the_actor_under_a_preposition_is_not_the_place(pipe):
    doc = _with_places(pipe, "Damascus condemned the silence over U.S. air strikes on its army.", ["U.S."])
    ev = by_trigger(doc, "air strikes")
    assert kb(doc, ev.actor) == "united-states" and ev.place is None


def test_a_pro_or_anti_prefix_is_not_the_actor(pipe):
    doc = run(pipe, "The pro-Assad alliance warned the US military to stop its raids.")
    assert kb(doc, by_trigger(doc, "warned").actor) != "bashar-al-assad"


# ---- issue 17, point 3: capitals, joint subjects, prepositional and receiving roles, refusals ----

def test_capitals_and_seats_stand_for_their_government(pipe):
    doc = run(pipe, "Pyongyang fired two shells at Seoul on Tuesday. The White House warned Pyongyang against new tests.")
    fired = by_trigger(doc, "fired")
    assert kb(doc, fired.actor) == "north-korean-government"
    target = next(e for e in doc.entities if e.id == fired.target)
    assert target.name == "Seoul" or target.kb_id == "south-korean-government"  # "at Seoul": the city read as a seat
    warned = by_trigger(doc, "warned")
    assert (kb(doc, warned.actor), kb(doc, warned.target)) == ("white-house", "north-korean-government")


def test_joint_subjects_do_a_joint_act_to_each_other(pipe):
    doc = run(pipe, "Russia and Turkey agreed on the de-escalation zone.")
    ev = by_trigger(doc, "agreed")
    assert (kb(doc, ev.actor), kb(doc, ev.target)) == ("russia", "turkey")
    doc = run(pipe, "Both Russia and the U.S. traded blows while blaming each other for the collapse.")
    ev = by_trigger(doc, "blaming")
    assert {kb(doc, ev.actor), kb(doc, ev.target)} == {"russia", "united-states"}


def test_prepositional_and_plural_demonym_targets(pipe):
    doc = run(pipe, "The militants fired on the Brazilians near the border.")
    assert kb(doc, by_trigger(doc, "fired").target) == "brazil"
    doc = run(pipe, "The Kremlin imposed sanctions on Ankara.")
    ev = by_trigger(doc, "imposed")
    assert (kb(doc, ev.actor), kb(doc, ev.target)) == ("kremlin", "turkish-government")
    assert [e for e in doc.events if e.type == "SANCTION"] == [ev]  # the object noun is the same act, told once


def test_about_to_keeps_its_subject_and_is_announced(pipe):
    doc = run(pipe, "The Kremlin is about to impose sanctions on Ankara.")
    ev = by_trigger(doc, "impose")
    assert kb(doc, ev.actor) == "kremlin" and ev.mode == "threatened"


def test_receiving_verbs_swap_giver_and_receiver(pipe):
    doc = run(pipe, "Hamas received money from Egypt last year.")
    ev = by_trigger(doc, "received")
    assert (ev.type, kb(doc, ev.actor), kb(doc, ev.target)) == ("AID", "egypt", "hamas")


@pytest.mark.parametrize("text", [
    "Real Madrid seized victory over Barcelona in the final.",
    "The team overcame Germany in the semi-final.",
    "The ceasefire agreed in Geneva held for a week.",
    "Government forces shelled the rebel held area of Aleppo, which Russia backed.",
    "Trump was asked a question about Russia.",
])
def test_background_and_idiomatic_verbs_are_refused(pipe, text):
    doc = run(pipe, text)
    coded = {doc.text[e.trigger.start:e.trigger.end] for e in doc.events}
    assert not coded & {"seized", "overcame", "agreed", "held", "asked"}, coded


def test_verbal_attacks_between_people_are_accusations(pipe):
    doc = run(pipe, "Jeb Bush hit Marco Rubio on abortion.")
    assert by_trigger(doc, "hit").type == "ACCUSE"
    doc = run(pipe, "Russian jets hit rebel positions near Aleppo.")
    assert by_trigger(doc, "hit").type == "ASSAULT"


def test_a_proxy_is_the_group_named_with_the_same_sponsor(pipe):
    doc = run(pipe, "Russia warned that Russian forces will strike US-backed forces. "
                    "The US-backed Syrian Democratic Forces (SDF) control the east bank.")
    assert kb(doc, by_trigger(doc, "strike").target) == "sdf"


def test_an_everyday_verb_of_an_untrusted_block_is_no_event(pipe):
    doc = run(pipe, "Iran established a command center in Kirkuk and Russia conducted work on the report.")
    assert not {doc.text[e.trigger.start:e.trigger.end] for e in doc.events} & {"established", "conducted"}


def test_word_lists_refuse_yaml_booleans(tmp_path, monkeypatch):
    from spinscope.extract.events import modality
    text = (ROOT / "src" / "spinscope" / "data" / "events" / "modality.yaml").read_text(encoding="utf-8")
    assert '"on"' in text and "target_preps" in text
    assert "on" in modality.words().target_preps and True not in modality.words().target_preps


def test_trusted_blocks_name_real_blocks():
    lex = lexicon()
    assert lex.trusted and lex.trusted <= {b.name for bs in lex.blocks_by_verb.values() for b in bs}


def test_events_audit_file_is_well_formed():
    """The recorded audits (bench/gold/events_audit*.yaml): verdicts with reasons, offsets, trigger words only."""
    for path in sorted((ROOT / "bench" / "gold").glob("events_audit*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data["articles"] and not data["events"]:
            continue  # a selection rule committed before any of its articles is drafted (round 13's headers)
        if data.get("pending"):  # a held-out list committed before its events are judged (fresh17, stop 38)
            assert data["articles"] and not data["events"], path
            continue
        # development audits may be smaller; a held-out one only when its candidate list ran out (`pool_exhausted`,
        # fresh12: the last 31 unnamed PolNeAR train files, round 17; fresh13: the last 3 files, 6 events, round 18)
        least = 1 if data.get("pool_exhausted") else 30 if "_dev" in path.name else 100
        if "least_events" in data:  # a size pre-registered in docs/events.md below 100 (fresh18: 60 events, stop 38)
            assert data["least_events"] >= 30, path
            least = data["least_events"]
        assert len(data["events"]) >= least, path
        for e in data["events"]:
            assert e["doc"] in data["articles"], (path, e)
            assert e["verdict"] in ("ok", "wrong") and e["reason"], (path, e)
            assert isinstance(e["start"], int) and e["end"] - e["start"] == len(e["trigger"]) <= 40, (path, e)
        # `main_only` (an old branch's extra events) is not read by the bench: a second-pass verdict appended there
        # after it would silently count for nothing (stop 51 found three files where that had happened)
        for e in data.get("main_only") or []:
            assert not str(e.get("reason", "")).startswith("second pass"), (path, "second pass in main_only", e)


@pytest.mark.parametrize("text, word", [
    ("The Obama administration tried to combat the epidemic.", "combat"),  # an abstract object
    ("Iran wants to crush Kurdish aspirations.", "crush"),
    ("When I first met Mr. Lavrov, the talks were calmer.", "met"),  # the writer's own doing
    ("The group is hosting assaults on the very idea of Israel.", "hosting"),  # no party of a consultation
    ("Trump discussed Iran's breaches of the deal.", "discussed"),  # the object of "discuss" is a topic
    ("The Security Council called an emergency session on Wednesday.", "called"),  # "on Wednesday" is no particle
])
def test_abstract_objects_writers_and_topics_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [doc.text[e.trigger.start:e.trigger.end] for e in doc.events if
            doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_the_adversary_of_a_joint_campaign_is_not_the_partner(pipe):
    doc = run(pipe, "Turkey joined the war against ISIS last year.")
    assert all(kb(doc, e.target) != "isis" for e in doc.events if e.type in ("SUPPORT", "COOPERATE"))


def test_a_capital_attacked_by_nobody_named_is_the_city(pipe):
    doc = run(pipe, "The assault on Paris shocked the country.")
    assert all(kb(doc, e.target) != "french-government" for e in doc.events)
    doc = run(pipe, "Warren called upon the U.S. to pressure China.")
    assert kb(doc, by_trigger(doc, "called").target) == "united-states"


def test_an_except_phrase_is_not_the_target(pipe):
    doc = run(pipe, "Every apostle, except John, was killed by the authorities.")
    assert all(next((x.name for x in doc.entities if x.id == e.target), None) != "John" for e in doc.events)


@pytest.mark.parametrize("text, word", [
    ("The pope warned against that kind of accommodation.", "warned"),  # a risk, not a threat
    ("The third reporter to ask Francis about Ortega was a man.", "ask"),  # a question
    ("The Associated Press obtained a confidential letter.", "obtained"),  # nobody gives
    ("Trump pledged to bomb ISIS.", "pledged"),  # the bombing is the act
    ("As I am sure Faggioli would agree, that is absurd.", "agree"),  # an opinion
])
def test_risk_warnings_questions_and_opinions_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_warnings_of_harm_and_refusals_stay(pipe):
    doc = run(pipe, "Iran warned of a crushing response. But the Russians did not agree.")
    assert by_trigger(doc, "warned").type == "THREATEN" and by_trigger(doc, "agree").type == "AGREE"


# Round 17 (stop 34): a warning is a threat when aimed at a party, when it tells the warner's own coming act or
# when it names a harm; a forecast or a state of things told is CAMEO's pessimistic comment (012), no event.
@pytest.mark.parametrize("text, word", [
    ("Angela Merkel warned that Europe would lose its unity over the refugees.", "warned"),  # a forecast
    ("Mayor Bill de Blasio warned the city council that the budget had a large hole.", "warned"),  # a state told
    ("Senator Lindsey Graham warned his colleagues about voting for the bill.", "warned"),  # advice
    ("The FBI issued warnings of burglaries in the northern suburbs.", "issued"),  # a danger
])
def test_a_warning_of_a_forecast_or_a_state_of_things_is_no_threat(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


@pytest.mark.parametrize("text, word", [
    ("Iran warned that it would close the strait if attacked.", "warned"),  # its own coming act
    ("Russia warned that the United States would pay a heavy price.", "warned"),  # a harm
    ("Turkey warned the Kurdish rebels not to cross the river.", "warned"),  # aimed at a party
    ("China warned the United States against sending warships to the strait.", "warned"),
    ("The Islamic State's warnings of a coming attack alarmed Paris.", "warnings"),
    ("Iran and Syria warned against Kurdish independence.", "warned"),  # CAMEO: warn against independence
])
def test_a_warning_aimed_at_a_party_or_of_ones_own_act_stays_a_threat(pipe, text, word):
    assert by_trigger(run(pipe, text), word).type == "THREATEN"


def test_roles_of_called_upon_deployed_and_time_phrases(pipe):
    doc = run(pipe, "The Islamic State called upon Muslims across the U.S. to kill officers.")
    assert kb(doc, by_trigger(doc, "kill").actor) != "isis"
    doc = run(pipe, "Trump said he would deploy 20,000 American troops in the Gulf region.")
    ev = by_trigger(doc, "deploy")
    assert ev.type == "MOBILIZE" and ev.target is None
    doc = run(pipe, "The police began the program shortly after the 9/11 attacks.")
    assert all(e.actor is None for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "attacks")


# From development audit 5 (bench/gold/events_audit_dev5.yaml).
@pytest.mark.parametrize("text, word", [
    ("The threat from Hezbollah has grown in the election debate.", "threat"),  # a danger
    ("Iranian rockets now threaten the American sailors stationed in Bahrain.", "threaten"),  # a weapon's reach
    ("Iran cannot yet threaten Europe with ballistic missiles.", "threaten"),  # capability
    ("The doctor warned it is certain that the virus will reach other countries.", "warned"),  # a risk
    ("The senator had nothing left but the news release her staff published.", "release"),  # a paper
    ("The host asked his guest, a lawyer, about the inquiry.", "asked"),
    ("The commandos are headed to Iraq to help fight the militants.", "headed"),  # travel
    ("Biden would send more advisers than the 40 that Mr. Trump authorized to train rebels.", "authorized"),
    ("Hundreds of British soldiers, supported by helicopters and drones, guard the port.", "supported"),
])
def test_dangers_capabilities_papers_and_permissions_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_threats_made_stay(pipe):
    doc = run(pipe, "Washington keeps hurling threats at Iran. Iran threatened to close the Strait of Hormuz.")
    assert by_trigger(doc, "threats").type == "THREATEN" and by_trigger(doc, "threatened").type == "THREATEN"
    doc = run(pipe, "Russia warned that it would respond to any strike on Syria.")
    assert by_trigger(doc, "warned").type == "THREATEN"


def test_tests_withdrawals_negotiations_and_deployed_forces(pipe):
    doc = run(pipe, "Last week the Pakistan test fired a new cruise missile.")
    assert by_trigger(doc, "fired").type == "MOBILIZE"  # a show of force, not an assault
    doc = run(pipe, "Obama promised to remove all troops from Afghanistan.")
    assert by_trigger(doc, "remove").type == "RETREAT"
    doc = run(pipe, "Mr. Putin said he had instructed Mr. Lavrov to continue negotiating with the Americans over the "
                    "coming weeks.")
    ev = by_trigger(doc, "negotiating")
    assert ev.type == "CONSULT" and kb(doc, ev.actor) == "sergey-lavrov"
    doc = run(pipe, "National Guard troops arrived in Portland, deployed by President Trump ahead of the "
                    "election.")
    ev = by_trigger(doc, "deployed")
    assert kb(doc, ev.actor) == "donald-trump" and ev.target is None


# From development audit 6 (bench/gold/events_audit_dev6.yaml).
@pytest.mark.parametrize("text, word", [
    ("The bribery scandal dominated the minister's visit to Kenya.", "dominated"),
    ("The bishop stood by watching the whole time.", "stood"),
    ("We must redouble our efforts to stop smugglers from entering the country.", "redouble"),
    ("When pressed about his remarks, Putin kept praising Erdogan.", "pressed"),
    ("Macron said: I want to bring our troops back home.", "bring"),
])
def test_everyday_senses_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_places_and_generic_phrases_are_no_parties(pipe):
    doc = run(pipe, "The bombings killed more than 40 people in the Afghan capital on Sunday.")
    assert all(e.target is None for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "killed")
    doc = run(pipe, "London has approved a few instructors to help rebel fighters in "
                    "Syria.")
    assert all(kb(doc, e.target) != "syria" for e in doc.events)
    doc = run(pipe, "The law allowed the president to assist any Central American country.")
    assert all(e.target is None for e in doc.events)
    doc = run(pipe, "The retired archbishop of Santiago apologized to the families.")
    assert all(next((x.name for x in doc.entities if x.id == e.actor), None) != "Santiago" for e in doc.events)
    doc = run(pipe, "Trump said he hopes to withdraw US forces from South Korea.")
    ev = by_trigger(doc, "withdraw")
    assert ev.type == "RETREAT" and ev.target is None


# From development audit 7 (bench/gold/events_audit_dev7.yaml).
@pytest.mark.parametrize("text, word", [
    ("Thousands of migrants were marching toward the Hungarian border.", "marching"),
    ("The party's own rules prohibit such conduct.", "prohibit"),
    ("Several investigations targeting Hamas were closed.", "targeting"),
    ("The senator voted against the Iran deal.", "voted"),
    ("Romney urged colleagues to stand and fight Trump.", "fight"),
    ("The bomber said he sought to retaliate for French air strikes in Mali.", "retaliate"),
    ("The adviser said the ban could make the domestic terror threat worse.", "threat"),
])
def test_journeys_rules_lawmaking_and_politics_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_roles_from_development_audit_7(pipe):
    doc = run(pipe, "Senator Bernie Sanders met donors. Both Sanders and Warren stand accused of breaking campaign "
                    "rules.")
    ev = by_trigger(doc, "accused")
    assert ev.actor is None and ev.target is not None  # they are accused, not accusers
    doc = run(pipe, "The letters asked for money to support their votes against Judge Merrick Garland.")
    assert all(e.target is None for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "support")
    doc = run(pipe, "President Trump threatened to send the army to the southern border.")
    assert by_trigger(doc, "send").type == "MOBILIZE"
    doc = run(pipe, "The analyst John Smith said: \u201cIf we were to start bombing blindly, it would not help us.\u201d")
    assert all(e.actor is None for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "bombing")


# From development audit 8 (bench/gold/events_audit_dev8.yaml).
@pytest.mark.parametrize("text, word", [
    ("The party leader keeps talking about the Muslim invasion of Italy.", "invasion"),  # rhetoric
    ("Critics mocked the border wall Congress authorized in 2006.", "authorized"),  # nobody
    ("\u201cThe rain was so heavy, I ruined my shoes,\u201d Trump said.", "ruined"),
    ("The Romney attack hit Trump harder than the others.", "hit"),  # the noun is the act
])
def test_rhetoric_permissions_without_party_and_effects_give_no_event(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_religions_and_reflexives(pipe):
    doc = run(pipe, "Iran kept arming Islamic militants there.")
    assert all(next((x.name for x in doc.entities if x.id == e.target), "") != "Islamic" for e in doc.events)
    doc = run(pipe, "The Pentagon vowed to bomb the Islamic State.")
    assert kb(doc, by_trigger(doc, "bomb").target) == "isis"  # a name, not a faith
    doc = run(pipe, "Police said Stephen Paddock shot himself.")
    # not a verbal attack; since round 21 (stop 38, fresh16's verdicts) a suicide is no assault either
    assert not [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "shot"]
    doc = run(pipe, "Hutchins said Congress had never authorised military action against the Syrian government.")
    assert by_trigger(doc, "authorised").target is not None


@pytest.mark.parametrize("text, word, actor, target", [
    ("Moscow warned Washington against new sanctions.", "warned", "russian-government", "us-government"),
    ("Damascus accused Ankara of backing the rebels.", "accused", "syrian-government", "turkish-government"),
    ("The Pentagon accused Moscow of violating the treaty.", "accused", "pentagon", "russian-government"),
])
def test_every_capital_and_seat_of_the_issue_stands_for_its_government(pipe, text, word, actor, target):
    doc = run(pipe, text)
    ev = by_trigger(doc, word)
    assert (kb(doc, ev.actor), kb(doc, ev.target)) == (actor, target)


@pytest.mark.parametrize("text, word", [
    ("Beijing's heavy spending helped the regional economy.", "helped"),  # a subject that cannot act
    ("Vehicles from the factory failed to meet the new standards.", "meet"),
    ("China's economy hit bottom last year.", "hit"),
    ("The ministers refused to comment on the report.", "refused"),  # a refusal of speech
    ("The embassy issued a travel warning to Canadians.", "issued"),  # an advisory
    ("Cuba does not threaten the United States.", "threaten"),  # a danger denied
    ("The senator was pressed on why he had met the envoy.", "pressed"),  # a question
    ("The threat posed by the cartel is growing.", "threat"),  # a danger
    ("The governor supported this absurd plan.", "supported"),  # an idea backed
    ("The banker pleaded guilty to fraud.", "pleaded"),
])
def test_subjects_that_cannot_act_and_everyday_senses_of_audit_9_and_10(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_roles_from_development_audits_9_and_10(pipe):
    doc = run(pipe, "Washington blamed Hezbollah for bombing the embassy and killing two guards.")
    assert kb(doc, by_trigger(doc, "bombing").actor) == "hezbollah"  # the one blamed did it
    assert kb(doc, by_trigger(doc, "blamed").target) == "hezbollah"
    doc = run(pipe, "The report prompted Senator Lindsey Graham to accuse Russia of meddling.")
    ev = by_trigger(doc, "accuse")  # object control: Graham accuses
    assert next(x.name for x in doc.entities if x.id == ev.actor) == "Lindsey Graham" and kb(doc, ev.target) == "russia"
    doc = run(pipe, "The Prime Minister of Canada called on China to release the detainees.")
    assert kb(doc, by_trigger(doc, "called").actor) is None  # the prime minister, not Canada
    doc = run(pipe, "Turkey armed the Syrian rebels.")
    assert by_trigger(doc, "armed").target is None  # the rebels are not Syria
    doc = run(pipe, "France supported Ukraine. Government troops attacked the rebels near Homs.")
    assert kb(doc, by_trigger(doc, "supported").target) == "ukraine"
    assert by_trigger(doc, "attacked").type == "ASSAULT"  # troops can act


@pytest.mark.parametrize("text, word", [
    ("The State Department warned its citizens in Cuba to be vigilant.", "warned"),  # an advisory
    ("The senators were not invited to the wedding.", "invited"),  # a social occasion
    ("The columnist agreed with him that the scandal is relevant.", "agreed"),  # an opinion
    ("Clinton is targeting young voters in Ohio.", "targeting"),  # campaigning, nobody attacked
    ("The former minister later backed away from the claims.", "backed"),
])
def test_advisories_occasions_opinions_and_campaigning_of_audit_12(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_roles_from_development_audit_12(pipe):
    doc = run(pipe, "The Nafta agreement with Mexico was signed in 1992.")
    ev = by_trigger(doc, "agreement")
    assert ev.actor is None and kb(doc, ev.target) == "mexico"  # a name, no party
    doc = run(pipe, "Russian hackers released emails about Clinton.")
    assert all(next((x.name for x in doc.entities if x.id == e.target), "") != "Hillary Clinton" for e in doc.events)
    doc = run(pipe, "Trump boasted that he welcomed Obama to the Trump golf resort.")
    ev = by_trigger(doc, "welcomed")
    assert ev.actor != ev.target


def test_followers_are_not_their_party_and_a_quoted_question_asks_nothing(pipe):
    # development audit 13 (round 5): followers asking, a quoted question before "asked Sen. X"
    doc = pipe(Document("Sanders supporters asked the party to change its rules. Israel's allies attacked the "
                        "rebels. Our Kurdish allies occupy a long stretch of the Turkish frontier."))
    assert doc.problems() == []
    evs = find_events(doc, sense=False)
    names = {e.id: e.name for e in doc.entities}
    by = {doc.text[e.trigger.start:e.trigger.end]: e for e in evs}
    # (before round 5: Sanders asked, Israel attacked; with no other party named they are no events)
    assert "asked" not in by and "attacked" not in by
    assert "Kurd" in (names.get(by["occupy"].actor) or "")  # an adjective: the allies are Kurds
    doc = pipe(Document("“Will you let them stand against a rival in the county?” asked Sen. Ruth Calder. "
                        "Sen. Ruth Calder asked Obama to veto the bill."))
    asks = [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "asked"]
    assert [doc.text[e.start:e.end][:4] for e in asks] == ["Sen."]


def test_dismissals_and_party_adjectives_of_audit_13(pipe):
    doc = pipe(Document("Trump fired Comey in May 2017. Rubio fired back at Trump on Sunday. "
                        "Syrian troops fired rockets at the rebels."))
    words = [doc.text[e.trigger.start:e.trigger.end] + ">" + (kb(doc, e.target) or "")
             for e in find_events(doc, sense=False)]
    assert words == ["fired>donald-trump", "fired>"]  # the dismissal is gone, the retort and the shots stay
    doc = pipe(Document("But the county’s Democratic senator, Laura Whitfield, had already endorsed Clinton."))
    ev = next(e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "endorsed")
    assert next(x.name for x in doc.entities if x.id == ev.actor) == "Laura Whitfield"  # not "Democratic"


def test_questions_with_a_question_mark_and_nominees_of_audit_14(pipe):
    doc = pipe(Document("Sen. Paul Brennan asked Ford “how sure are you of that account?” "
                        "Two women accused President Trump’s court nominee Brett Kavanaugh of misconduct."))
    evs = find_events(doc, sense=False)
    assert [doc.text[e.trigger.start:e.trigger.end] for e in evs if e.type == "REQUEST"] == []
    acc = next(e for e in evs if doc.text[e.trigger.start:e.trigger.end] == "accused")
    assert kb(doc, acc.target) != "donald-trump"  # the nominee, not the one who named him


# From development audits 15 and 16 (round 6, branch events12).
@pytest.mark.parametrize("text, word", [
    ("James Comey was fired by President Donald Trump in May.", "fired"),  # a dismissal in the passive
    ("The Chicago Police Department fired Officer Jason Van Dyke on Tuesday.", "fired"),  # ... with a time phrase
    ("The lawyer looked crushed after the verdict.", "crushed"),  # a state after a linking verb
    ("Governor John Kasich endorsed the doctrine of restraint.", "endorsed"),  # an idea, no party
    ("The Red Cross released one million dollars for the clinic.", "released"),  # nobody freed
    ("The party removed Mayor John Smith from its state board.", "removed"),  # a dismissal inside a body
    ("The sheriff agreed with the company's statement.", "agreed"),  # an opinion
    ("Hurricane Maria hit the United States on Monday.", "hit"),  # a storm is no party
])
def test_dismissals_states_ideas_and_storms_of_audits_15_16(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_what_audits_15_16_keep_and_recode(pipe):
    doc = run(pipe, "Iran released the two American sailors on Tuesday. Russia agreed with Turkey on a ceasefire. "
                    "Russia fired missiles at Ukrainian positions near Donetsk.")
    assert rule_triggers(doc) >= {"released", "agreed", "fired"}
    doc = run(pipe, "Donald Trump has hammered Jeb Bush with insults for weeks. "
                    "The guard Jesus Campos was shot in the leg by the gunman.")
    types = {doc.text[e.trigger.start:e.trigger.end]: e.type for e in find_events(doc, sense=False)}
    assert types.get("hammered") == "ACCUSE" and types.get("shot") == "ASSAULT"  # words; a shooting
    doc = run(pipe, "France endorsed the idea floated by the Arab League.")
    assert any(e.type == "SUPPORT" for e in find_events(doc, sense=False))  # someone's idea: support of its author


def test_a_linked_body_is_no_he_and_joined_names_are_no_party(pipe):
    doc = run(pipe, "He was convicted of providing support to al-Shabab, the Justice Department said.")
    ev = next(e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "providing")
    assert kb(doc, ev.actor) is None  # "he" is the convict, not the department that spoke
    from spinscope.extract.events.parties import _garbled
    assert _garbled("Garcia, Miller") and _garbled("Twitter, Okafor")
    assert not _garbled("Martin Luther King, Jr.") and not _garbled("Donald Trump")


# From development audit 17 (round 7, branch events13).
def test_support_won_and_support_named_by_the_supported(pipe):
    doc = run(pipe, "Senator Ted Cruz earned the backing of Governor Scott Walker on Tuesday.")
    ev = next(e for e in find_events(doc, sense=False) if e.type == "SUPPORT")
    assert kb(doc, ev.target) == "ted-cruz" or (ev.target and "Cruz" in _ent(doc, ev.target))  # the one backed
    assert ev.actor is None or "Walker" in _ent(doc, ev.actor)
    doc = run(pipe, "Union leaders in Ohio see growing Bernie Sanders support among teachers.")
    ev = next(e for e in find_events(doc, sense=False) if e.type == "SUPPORT")
    assert ev.actor is None or "Sanders" not in _ent(doc, ev.actor)  # support for Sanders, not by him
    doc = run(pipe, "Turkish support for the rebels grew in 2015.")
    ev = next(e for e in find_events(doc, sense=False) if e.type == "SUPPORT")
    assert ev.actor is not None  # a nationality's support is still its own


def _ent(doc: Document, entity_id: str | None) -> str:
    return next((e.name for e in doc.entities if e.id == entity_id), "")


@pytest.mark.parametrize("text, word", [
    ("A man from Mexico was deported by immigration officers in 2014.", "Mexico"),  # a civilian's origin
])
def test_a_civilians_origin_is_no_party(pipe, text, word):
    doc = run(pipe, text)
    assert all(word not in _ent(doc, e.target) and word not in _ent(doc, e.actor) for e in find_events(doc, sense=False))


@pytest.mark.parametrize("text, word", [
    ("Senator Bernie Sanders asked rhetorically, shaking his head.", "asked"),  # a question, nothing asked for
    ("Abid Awan removed his stepmother as the beneficiary of the policy.", "removed"),  # a paper changed
    ("Imran Awan agreed to remove the listening devices.", "remove"),  # things taken away
    ("Michael Hadeed withdrew earlier allegations of fraud against the firm.", "withdrew"),  # a claim taken back
])
def test_questions_removals_and_withdrawals_of_audit_17(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_what_audit_17_keeps(pipe):
    doc = run(pipe, "Russia withdrew its troops from Syria. The party removed Senator John Smith. "
                    "Senator John Smith asked the governor to resign.")
    types = {doc.text[e.trigger.start:e.trigger.end]: e.type for e in find_events(doc, sense=False)}
    assert types.get("withdrew") == "RETREAT" and types.get("asked") == "REQUEST" and "removed" in types


def test_a_removal_from_a_post_named_by_as_stays(pipe):
    doc = run(pipe, "President Donald Trump removed James Comey as FBI director in May.")
    assert any(doc.text[e.trigger.start:e.trigger.end] == "removed" for e in find_events(doc, sense=False))


@pytest.mark.parametrize("text", [
    "The Republican Jewish Coalition called on seven other Democrats to resign.",  # counted members
    "President Trump urged GOP senators to confirm the judge.",  # members named by their party
    "Ted Cruz won the backing of three of the state's Republican legislators.",  # a part of them
])
def test_members_counted_or_named_by_their_party_are_not_the_party(pipe, text):
    doc = run(pipe, text)
    evs = find_events(doc, sense=False)
    assert evs and all("Party" not in _ent(doc, e.actor) and "Party" not in _ent(doc, e.target) for e in evs)


def test_a_party_plural_stays_the_party(pipe):
    doc = run(pipe, "Senate Democrats asked the committee to delay the vote. "
                    "Republicans accused the Obama administration of lying.")
    assert sum("Party" in _ent(doc, e.actor) for e in find_events(doc, sense=False)) == 2


def test_an_indefinite_member_is_no_party(pipe):
    doc = run(pipe, "The union waited to endorse a Democrat until June.")
    assert all(e.target is None for e in find_events(doc, sense=False))


def test_a_group_named_by_its_members_and_a_years_party_stay(pipe):
    doc = run(pipe, "2016 Democrats Call For Action On Guns.\n\nThe United States trained MEK members in Iraq.")
    evs = find_events(doc, sense=False)
    assert any("Party" in _ent(doc, e.actor) for e in evs if e.type == "REQUEST")
    # (the MEK is a KB actor since stop 26: "MEK members" are the group, by its KB id)
    assert any(kb(doc, e.target) == "mek" for e in evs if e.type != "REQUEST")


@pytest.mark.parametrize("text, word", [
    ("James Clyburn has fought all his life for social justice.", "fought"),  # a cause
    ("Senator Bernie Sanders crushed Hillary Clinton in the Michigan primary.", "crushed"),  # a vote won
    ("Donald Trump is still fighting to win over party leaders.", "fighting"),  # a campaign
    ("The ads keep hammering Republicans on health care.", "hammering"),  # campaign ads
])
def test_political_fights_of_audit_17(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_a_war_fought_and_a_state_crushed_stay(pipe):
    doc = run(pipe, "Would Donald Trump fight a war with China? Russian forces crushed the Ukrainian army near Kharkiv. "
                    "Iraqi forces combat the Islamic State near Mosul.")
    words = rule_triggers(doc)
    assert {"fight", "crushed", "combat"} <= words


@pytest.mark.parametrize("text, word", [
    ("Governor Scott Walker endorsed the compromise on Tuesday.", "endorsed"),  # an idea, no party
    ("Donald Trump withdrew the nomination of Ronny Jackson.", "withdrew"),  # a nomination taken back
])
def test_ideas_and_nominations_of_round_7(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_a_platform_is_where_not_whom(pipe):
    doc = run(pipe, "Donald Trump blamed state officials on Twitter for the delay. Twitter suspended the account of Alex Jones.")
    evs = {doc.text[e.trigger.start:e.trigger.end]: e for e in find_events(doc, sense=False)}
    assert "blamed" in evs and _ent(doc, evs["blamed"].target) != "Twitter"
    assert _ent(doc, evs["suspended"].actor) == "Twitter"


def test_a_clause_as_subject_lends_no_object_as_actor(pipe):
    # misparsed: "enters" is the clause subject of "commits", the migrant its subject, Germany its object
    doc = run(pipe, "Depending on his past, a migrant who re-enters Germany after having been previously removed "
                    "commits a crime punishable by five years in prison.")
    assert all(_ent(doc, e.actor) != "Germany" for e in find_events(doc, sense=False))  # was: Germany commits


# From development audit 18 (bench/gold/events_audit_dev18.yaml, round 8).
@pytest.mark.parametrize("text, word", [
    ("The gallery charged a high price for entry.", "charged"),  # a fee or price: no accusation
    ("The theft was captured by a security camera at the store.", "captured"),  # a thing as agent
    ("Mr. Holt was captured by a radical ideology.", "captured"),
    ("Republicans hope to capture the Senate next year.", "capture"),  # an election won
    ("The charity welcomed Iraqi refugees to Canada.", "welcomed"),  # where they come, no partner
    ("Senator Lane supported raising the minimum wage, his aides said.", "supported"),  # a policy, no party
    ("Obama decided not to carry out threats of air strikes against Syria.", "air strikes"),  # the threat's content
    ("He felt an attack of conscience.", "attack"),
    ("“Why now?” the former governor asked on Twitter.", "asked"),  # a question, nothing asked for
    ("Senator Holt has demonstrated little of his old fire since the vote.", "demonstrated"),  # shown, no protest
    ("Dr. Ames has warned that, while the outbreak is small, he fears that it could spread.", "warned"),  # a risk
    ("Their views are in accord with tradition.", "accord"),  # conformity, no agreement made
    ("Lawmakers want to tax consumption more.", "tax"),
])
def test_everyday_senses_of_audit_18(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_support_held_is_support_for_the_holder(pipe):
    doc = run(pipe, "Mrs. Lopez has support from half of the voters, while Mr. Grant trails far behind.")
    ev = by_trigger(doc, "support")
    names = {e.id: e.name for e in doc.entities}
    assert ev.type == "SUPPORT" and ev.actor is None and "Lopez" in names[ev.target]


def test_a_region_before_a_demonym_and_a_faith_are_no_party(pipe):
    doc = run(pipe, "The Lutheran leader, Bishop Karl Olsen, met Pope Francis in Rome.")
    names = {e.id: e.name for e in doc.entities}
    ev = by_trigger(doc, "met")
    assert names[ev.actor] == "Bishop Karl Olsen"
    names = lambda d: {e.id: e.name for e in d.entities}  # noqa: E731
    doc = run(pipe, "A group of American artists called on the United Nations to act.")
    assert names(doc).get(by_trigger(doc, "called").actor) == "American"  # the rule below is not vacuous
    for text in ("A group of Latin American artists called on the United Nations to act.",
                 "Central American officials urged Mexico to open the border."):
        doc = run(pipe, text)
        assert all(names(doc).get(e.actor) != "American" for e in doc.events), text


def test_a_removal_told_by_a_participle_has_its_subject_as_target(pipe):
    doc = run(pipe, "Dismissed from the ministry for his views, Mr. Ortiz has sought allies abroad.")
    names = {e.id: e.name for e in doc.entities}
    assert all(names.get(e.actor) != "Ortiz" for e in doc.events)


def test_what_audit_18_keeps(pipe):
    doc = run(pipe, "The rebels were captured by Kurdish forces near Raqqa.")
    assert by_trigger(doc, "captured").type == "ASSAULT"
    doc = run(pipe, "Karl Benn was convicted by a jury in Ohio last spring.")
    assert by_trigger(doc, "convicted").type == "COERCE"
    doc = run(pipe, "Syria warned that it would strike Israel.")
    assert by_trigger(doc, "warned").type == "THREATEN"


# From development audit 19 (bench/gold/events_audit_dev19.yaml, round 8).
@pytest.mark.parametrize("text, word", [
    ("Obama has cautioned against a retreat from our values in the way the country responds to threats.",
     "cautioned"),  # a risk warned of ("responds" is no threat word of the warning's own)
    ("Governor Ames warned that the plan would be unwise.", "warned"),  # a judgement
    ("The ministry welcomed the preacher into Britain.", "welcomed"),  # let into a country
    ("The Obamas hosted an Iftar meal at the White House.", "hosted"),  # a meal is no partner
    ("Investors pressured the company's board to oust Ms. Kuhn.", "oust"),  # a dismissal inside a body
    ("She said she supported it.", "supported"),  # a thing, no party
    ("He is supporting and condoning fascism.", "supporting"),  # an ideology shared with the conjunct
    ("Critics said the police want to shoot the messenger.", "shoot"),
    ("Rubio distanced himself from the bill.", "distanced"),
    ("Lane did not aim the gun at Ortiz.", "aim"),
])
def test_everyday_senses_of_audit_19(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_a_victims_possessive_and_a_bullet_of_audit_19(pipe):
    doc = run(pipe, "The protests followed Ms. Lane's killing by a police officer.")
    names = {e.id: e.name for e in doc.entities}
    ev = by_trigger(doc, "killing")
    assert ev.actor is None and "Lane" in names[ev.target]
    doc = run(pipe, "The bullet bounced off the wall before it struck Ms. Lane, killing her.")
    assert by_trigger(doc, "struck").type == "ASSAULT"  # a shooting, not words


def test_what_audit_19_keeps(pipe):
    doc = run(pipe, "Syria warned that any attack would be met with a crushing response.")
    assert by_trigger(doc, "warned").type == "THREATEN"


# From development audits 20 and 21 (bench/gold/events_audit_dev20.yaml, dev21.yaml; round 9). Each sentence
# gave an event before the round's rules.
@pytest.mark.parametrize("text, word", [
    ("Do you support Senator Wade?", "support"),  # a question put to the reader
    ("Karl Benn joined the Army in 2015.", "joined"),  # one man enlisting
    ("Senator Hale demanded to know why the files were sealed.", "demanded"),  # a question
    ("\u201cWhy did you sign it?\u201d Senator Hale demanded of Governor Ames.", "demanded"),
    ("CNN suspended Dana Cole for two weeks.", "suspended"),  # an employer's discipline
    ("Senator Hale rejected the term nation-building.", "rejected"),  # a word, no party
    ("Mr. Cole donated ten thousand dollars to charity.", "donated"),
    ("Governor Ames promised to veto the measure.", "veto"),
    ("Karl Benn is due to appear in court in Ohio on Friday.", "appear"),
    ("Ms. Pratt said she would never call on Mr. Benn.", "call"),  # the floor given
    ("The Red Cross mobilized volunteers to fight the spread of Ebola in Guinea.", "fight"),
    ("Ebola killed hundreds of people in Guinea last year.", "killed"),
    ("The Obama administration embraced refugees from Syria.", "embraced"),
    ("Voters back accepting refugees from countries such as Syria.", "accepting"),
    ("Thousands of migrants are invading the United States, Ms. Pratt said.", "invading"),
    ("Ms. Pratt warned of an invasion of migrants into Texas.", "invasion"),
    ("Right after the debate, Ms. Pratt launched a six-word missile.", "launched"),
    ("Ms. Pratt invited Senator Hale's ire.", "invited"),
    ("Ms. Pratt has captured the allegiance of young voters.", "captured"),
    ("Bishop Ruiz's support of the profession was welcomed.", "support"),  # a statement of faith, no party
])
def test_everyday_senses_of_round_9(pipe, text, word):
    doc = run(pipe, text)
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == []


def test_a_reception_is_no_meeting(pipe):
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import applies

    def met(text):
        doc = pipe(Document(text))
        return next(t for _, sdoc, _ in doc.parses for t in sdoc if t.lower_ == "met")
    assert applies("reception", met("The plan met with opposition from the United States."), "CONSULT", words())
    assert not applies("reception", met("Governor Ames met with Senator Hale in Boston."), "CONSULT", words())


def test_refusals_table_loads_and_rejects_unknown_kinds_and_lists(monkeypatch):
    """Stop 38 (round 21): the refusals are a table of rules (data/events/refusals.yaml), one interpreter per kind."""
    from spinscope.errors import DataFileError
    from spinscope.extract.events import refusals

    table = refusals.rules()
    assert {r["kind"] for r in table} == {"argument", "check"}
    assert {r["name"] for r in table if r["kind"] == "check"} <= set(refusals.CHECKS)
    for bad in ({"name": "x", "kind": "argument", "words": "no_such_list"},
                {"name": "x", "kind": "argument", "words": "reflexives", "depz": ["dobj"]},
                {"name": "x", "kind": "check"}, {"name": "x", "kind": "regex"}):
        monkeypatch.setattr(refusals, "read_data", lambda _path, bad=bad: {"rules": [bad]})
        with pytest.raises(DataFileError):
            refusals.rules.uncached()


def test_everyday_verbs_of_round_9_are_null():
    manual = lexicon().manual
    for verb in ("veto", "appear", "blast out", "overrule", "match", "purchase", "reach out"):
        assert verb in manual and manual[verb] is None, verb


def test_what_round_9_keeps(pipe):
    doc = run(pipe, "Voters support Senator Wade.")
    assert by_trigger(doc, "support").type == "SUPPORT"
    doc = run(pipe, "Governor Ames called on Congress to act.")
    assert by_trigger(doc, "called").type == "REQUEST"
    doc = run(pipe, "Senator Hale demanded answers from the Pentagon.")
    assert by_trigger(doc, "demanded").type == "REQUEST"
    doc = run(pipe, "Russia deployed troops to the border.")
    assert by_trigger(doc, "deployed").type == "MOBILIZE"
    doc = run(pipe, "Kurdish forces occupy the border of Syria.")
    # the rule under test, read before the sense filter (since round 10 the material types' threshold, 0.35,
    # drops this short invented sentence's event)
    ev = next(e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "occupy")
    assert ev.type == "ASSAULT"  # a border taken by force, no migration
    doc = run(pipe, "A group of rebels pledged loyalty to the Islamic State.")
    assert by_trigger(doc, "pledged").type == "AGREE"


def test_roles_of_round_9(pipe):
    doc = run(pipe, "Mr. Benn met an FBI informant in Dallas.")
    assert all("Federal Bureau" not in _ent(doc, e.target) for e in doc.events)  # the bureau's informant
    doc = run(pipe, "BERLIN, March 3 (Wire) - Chancellor Vogel criticized the plan of Senator Wade.")
    assert all("Germany" not in _ent(doc, e.actor) for e in doc.events)  # a dateline is no party
    doc = run(pipe, "Polls show Senator Wade's support nationwide is growing.")
    ev = by_trigger(doc, "support")
    assert ev.actor is None and "Wade" in _ent(doc, ev.target)  # the support he draws
    doc = run(pipe, "A Super PAC ad attack on Governor Ames begins on Monday.")
    assert by_trigger(doc, "attack").type == "ACCUSE"  # an attack in ads is words
    doc = run(pipe, "In the poll, Republicans endorse stricter background checks for buyers.")
    assert by_trigger(doc, "endorse").actor is not None  # the party itself
    doc = run(pipe, "In the poll, 61% of Republicans endorse stricter background checks for buyers.")
    assert [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "endorse"] == []  # a share polled


def test_the_ones_to_blame_are_the_target(pipe):
    doc = run(pipe, "Governor Ames said the Democrats are to blame for the shutdown.")
    ev = by_trigger(doc, "blame")
    assert ev.actor is None and "Democratic" in _ent(doc, ev.target)


def test_a_suspension_dismisses_only_a_person_named_as_object(pipe):
    doc = run(pipe, "Twitter suspended the account of Alex Jones.")
    evs = {doc.text[e.trigger.start:e.trigger.end]: e for e in find_events(doc, sense=False)}
    assert "suspended" in evs  # an account suspended: no dismissal (the platform's act stays for the model to read)


def test_campaign_figures_of_force_are_no_assault(pipe):
    """Stop 25 corpus read: a politician "went on the offensive" is words (ACCUSE), an army's offensive
    stays an assault; beating a rival in a primary or leading the field in a poll is no event."""
    doc = run(pipe, "On Monday, Senator Tom Ridley went on the offensive against his rivals.")
    assert by_trigger(doc, "offensive").type == "ACCUSE"
    doc = run(pipe, "Russian forces launched an offensive on the town.")
    assert by_trigger(doc, "launched").type == "ASSAULT"
    for text, word in (("Governor Anna Berg whipped the party establishment in the primary.", "whipped"),
                       ("In the latest poll, Tom Ridley is blowing the field away in Ohio.", "blowing")):
        doc = run(pipe, text)
        assert word not in {doc.text[e.trigger.start:e.trigger.end] for e in doc.events}, text


def test_a_role_noun_is_the_person_its_apposition_names(pipe):
    """The parser hangs the name on the country ("ambassador to Estonia, James Melville,"), so the name in
    apposition or in comma-closed conjunction after the role's prepositional object is the actor; a list
    with "and" and an apposition that is no person are not."""
    doc = run(pipe, "The Norwegian envoy to Latvia, Ingrid Solberg, criticised the Latvian government on Friday.")
    ev = by_trigger(doc, "criticised")
    assert next(e for e in doc.entities if e.id == ev.actor).name == "Ingrid Solberg"
    doc = run(pipe, "The president of Syria, Bashar al-Assad, accused Turkey of arming the rebels.")
    assert kb(doc, by_trigger(doc, "accused").actor) == "bashar-al-assad"
    doc = run(pipe, "The Norwegian envoy to Latvia, a small country, criticised the Latvian government.")
    ev = by_trigger(doc, "criticised")
    assert next(e for e in doc.entities if e.id == ev.actor).name != "Latvia"


def test_a_massacre_named_after_its_place_has_no_doer_by_that_name(pipe):
    """"the Katyn massacre": the model takes the unknown place for a firm or a person; one unlinked word
    before a noun trigger is the event's name, while a known doer before it stays its actor."""
    doc = run(pipe, "The broadcaster claimed the West had made up the Katyń massacre.")
    assert not any(next((e.name for e in doc.entities if e.id == ev.actor), None) == "Katyń" for ev in doc.events)
    doc = run(pipe, "The Hamas attack killed twelve soldiers near the border.")
    assert kb(doc, by_trigger(doc, "attack").actor) == "hamas"


def test_an_embedded_posts_author_line_is_not_the_actor_of_its_text(pipe):
    """The parser joins a post's header line ("Name @handle 2h ago") to the post's text below it; the
    author is not who did what the post tells."""
    doc = run(pipe, "Shelling Goes On\n\nThe army and its allies are heavily shelling the eastern parts of the city, "
                    "residents say, and the shelling went on all night:\n\nElijah J. Magnier @EjmAlrai 2h2 hours ago\n"
                    "17 killed and 92 wounded in #Kobani regime controlled area today following rebels cannon "
                    "bombing.\n\nThe town's council asked for help on Tuesday, and aid groups said the roads were cut.\n")
    assert any(e.kb_id == "elijah-j-magnier" for e in doc.entities)
    assert not any(kb(doc, ev.actor) == "elijah-j-magnier" for ev in doc.events)


# From development audits 22 and 23 (bench/gold/events_audit_dev22.yaml, dev23.yaml; round 11). Each sentence is
# written for the test; each test fails on main b46c209.
def _triggers(doc) -> set:
    return {doc.text[e.trigger.start:e.trigger.end] for e in doc.events}


def _name(doc, entity_id):
    return next((e.name for e in doc.entities if e.id == entity_id), None)


def test_kin_and_hosts_are_not_the_person_or_outlet_that_names_them(pipe):
    """"Trump's son", "Obama's wife, Michelle", "a Fox News host, X": the relative or the host acts, not the
    one named before them."""
    doc = run(pipe, "Trump's son accused Hillary Clinton of lying.")
    assert by_trigger(doc, "accused").actor is None
    doc = run(pipe, "Obama's wife, Michelle, accused Donald Trump of lying about the polls.")
    assert _name(doc, by_trigger(doc, "accused").actor) == "Michelle"
    doc = run(pipe, "A Fox News host, Tucker Carlson, criticized Hillary Clinton on Tuesday.")
    assert _name(doc, by_trigger(doc, "criticized").actor) == "Tucker Carlson"


def test_pressed_to_act_makes_the_one_pressed_the_actor(pipe):
    doc = run(pipe, "Paul Smith pressed Vladimir Putin to sign the accord with Ukraine.")
    assert kb(doc, by_trigger(doc, "sign").actor) == "vladimir-putin"


def test_questions_put_to_someone_are_no_requests_and_their_he_is_not_the_asker(pipe):
    doc = run(pipe, "Tom Ridley asked Donald Trump how long the war in Syria would last.")
    assert "asked" not in _triggers(doc)
    doc = run(pipe, "Tom Ridley asked Donald Trump if he would deport every farm worker.")
    assert not any(_name(doc, e.actor) == "Tom Ridley" for e in find_events(doc, sense=False))


def test_self_defence_prices_and_dismissals_are_no_support_accusation_or_rejection(pipe):
    doc = run(pipe, "Hillary Clinton defended herself against the accusations in a speech.")
    assert "defended" not in rule_triggers(doc)
    doc = run(pipe, "Donald Trump charged tenants far more for the office space.")
    assert "charged" not in _triggers(doc)
    doc = run(pipe, "Prosecutors charged Paul Smith with fraud on Monday.")
    assert by_trigger(doc, "charged").type == "ACCUSE"  # a charge with its accused stays
    doc = run(pipe, "ESPN dismissed Curt Schilling from its baseball show.")
    assert "dismissed" not in _triggers(doc)
    doc = run(pipe, "Iran dismissed the charge on Monday.")
    assert by_trigger(doc, "dismissed").type == "REJECT"  # a claim dismissed stays a rejection


def test_campaign_contests_are_no_assault_or_retreat(pipe):
    doc = run(pipe, "Bernie Sanders whipped Hillary Clinton among young and old voters alike.")
    assert "whipped" not in _triggers(doc)
    doc = run(pipe, "Hillary Clinton backed out of a televised debate in California.")
    assert "backed" not in _triggers(doc)


def test_anonymity_asked_for_and_a_cause_under_a_light_verb(pipe):
    doc = run(pipe, "A Hillary Clinton campaign aide, asking for anonymity, said she would win Ohio.")
    assert "asking" not in _triggers(doc)
    doc = run(pipe, "Jeb Bush went after Donald Trump over his refusal to apologize.")
    assert not any(_name(doc, e.actor) == "Jeb Bush" for e in doc.events
                   if doc.text[e.trigger.start:e.trigger.end] == "refusal")


def test_thanks_admissions_and_assurances_are_no_events(pipe):
    """Thanks are courtesy; letting people into a country is immigration; a pledge that something is so is an
    assurance (the pledged act, "pledged to attack", stays the event)."""
    for text, word in (("Donald Trump thanked his voters at a rally in Iowa.", "thanked"),
                       ("Angela Merkel favored allowing Syrians into the country.", "allowing"),
                       ("Senator Tom Ridley pledged that the governor is a friend of farmers.", "pledged")):
        doc = run(pipe, text)
        assert word not in rule_triggers(doc), text
    doc = run(pipe, "Vladimir Putin pledged to attack Ukraine.")
    assert by_trigger(doc, "attack").type == "ASSAULT"


# From development audits 24 and 25 (bench/gold/events_audit_dev24.yaml, dev25.yaml; round 12). Each sentence is
# written for the test; each test fails on main 29a9f9f.
def test_a_birthplace_and_a_relatives_first_name_are_no_party(pipe):
    """"Rubio's Cuba-born father": neither Cuba nor Rubio (the search stops at a refused possessor's name)."""
    doc = run(pipe, "Ted Smith met Marco Rubio's Cuba-born father in Miami.")
    assert "met" not in _triggers(doc)  # a meeting needs a partner, and neither is one


def test_pleading_with_people_to_act_makes_them_the_actor(pipe):
    doc = run(pipe, "Paul Khan pleaded with the voters to reject Donald Trump.")
    assert by_trigger(doc, "reject").actor is None  # the voters reject, not Khan
    doc = run(pipe, "Democrats called on Alan Grayson to quit the race.")
    assert by_trigger(doc, "called").type == "REQUEST"  # the call itself stays


def test_a_gathering_after_at_is_where_not_whom(pipe):
    doc = run(pipe, "Donald Trump said he was attacked by Paul Khan at the Democratic Convention.")
    assert not any("Convention" in (_name(doc, e.target) or "") for e in find_events(doc, sense=False))
    doc = run(pipe, "Donald Trump criticized Jeb Bush at a rally in Iowa.")
    assert _name(doc, by_trigger(doc, "criticized").target) == "Jeb Bush"  # the one named as object stays


def test_a_faith_is_no_party(pipe):
    doc = run(pipe, "Attacks on Islam by Donald Trump endanger the troops, John Allen said.")
    assert not any(_name(doc, e.target) == "Islam" for e in find_events(doc, sense=False))


def test_a_reported_he_is_not_the_woman_who_reports(pipe):
    doc = run(pipe, '"There is too much anger," said Debbie Hall, a baker. She said he might have wanted to kill Muslims.')
    assert not any(_name(doc, e.actor) == "Debbie Hall" for e in find_events(doc, sense=False))


def test_a_quote_inside_a_quote_is_not_the_outer_speakers(pipe):
    doc = run(pipe, "\u201cShe has said, \u2018I refuse to meet Vladimir Putin,\u2019\u201d Sebastian Gorka noted.")
    assert not any(_name(doc, e.actor) == "Sebastian Gorka" for e in find_events(doc, sense=False))
    doc = run(pipe, "\u201cI refuse to meet Vladimir Putin,\u201d Sebastian Gorka said.")
    assert _name(doc, by_trigger(doc, "meet").actor) == "Sebastian Gorka"  # his own words stay his


def test_criticism_dismissed_does_not_reject_the_one_criticized(pipe):
    doc = run(pipe, "Paul Manafort dismissed criticism of Donald Trump's comments as talking points.")
    assert _name(doc, by_trigger(doc, "dismissed").target) != "Donald Trump"


@pytest.mark.parametrize("text, word", [
    ("Bernie Sanders is counting on his young voters in Iowa.", "counting"),
    ("Barack Obama hopes Congress will pass the accord with Japan.", "pass"),
    ("Donald Trump will address the attack on Orlando in a speech.", "address"),
    ("Jeb Bush was declared the winner by the networks.", "declared"),
    ("Sebastian Gorka warned that the generals know the strategy is failing.", "warned"),
])
def test_everyday_senses_of_round_12(pipe, text, word):
    doc = run(pipe, text)
    assert word not in rule_triggers(doc), text


def test_training_as_a_career_is_no_cooperation(pipe):
    doc = run(pipe, "Jim Webb trained as a naval officer in Virginia.")
    assert "trained" not in rule_triggers(doc)
    doc = run(pipe, "The Pentagon trained the rebels in Jordan.")
    assert by_trigger(doc, "trained").type == "COOPERATE"  # training others stays cooperation


def test_a_phone_call_on_behalf_of_someone_is_no_appeal(pipe):
    doc = run(pipe, "Alan Grayson was phoning voters on behalf of his wife, Dena Grayson.")
    assert "phoning" not in rule_triggers(doc)
    doc = run(pipe, "Turkey is fighting ISIS near the border on behalf of its allies.")
    assert kb(doc, by_trigger(doc, "fighting").actor) == "turkey"  # "on behalf of" leaves other acts alone


# Round 13 (dev audit 26): sentences written for these tests.
def test_a_blame_gerund_after_the_object_is_the_subjects_own_words(pipe):
    doc = run(pipe, "Mitt Romney condemned Paul Ryan at a dinner on Friday, accusing him of betraying the voters.")
    assert _name(doc, by_trigger(doc, "accusing").actor) != "Paul Ryan"


def test_a_name_compounded_on_allegations_is_the_one_accused(pipe):
    doc = run(pipe, "Reporters asked her about the Trump Foundation allegations on Monday.")
    e = by_trigger(doc, "allegations")
    assert _name(doc, e.actor) != "Trump Foundation" and _name(doc, e.target) == "Trump Foundation"


@pytest.mark.parametrize("text, word", [
    ("The Republicans should destroy Donald Trump before the convention.", "destroy"),  # ruin of a person: politics
    ("Hillary Clinton fired back that the unions had endorsed her twice.", "fired"),  # a reply told
    ("An appeals judge agreed with the Republicans in Texas.", "agreed"),  # an opinion or a ruling
    ("The debate's host, Anderson Cooper, asked Jim Webb to explain the vote.", "asked"),  # an interview
    ("John McCain, pressed by moderator Chris Wallace to name a donor, changed the subject.", "pressed"),
    ("The senators support Medicaid cuts in the budget.", "support"),  # a policy done to a program, no party backed
    ("Jeb Bush wavered in his support for the American invasion of Iraq.", "support"),
    ("Rand Paul and Ted Cruz mocked the Kyoto protocol and criticized the Paris agreement.", "criticized"),
])
def test_everyday_senses_and_things_of_round_13(pipe, text, word):
    doc = run(pipe, text)
    found = [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == word]
    if word == "criticized":
        assert found and all(e.target is None for e in found), text  # the accord is named after the city
    else:
        assert found == [], text


def test_the_rivals_of_a_person_are_not_that_person(pipe):
    doc = run(pipe, "Donald Trump's remaining rivals met in Houston and demanded a new debate.")
    assert all(_name(doc, e.actor) != "Donald Trump" for e in find_events(doc, sense=False))


def test_round_13_rules_keep_the_acts_they_must_not_touch(pipe):
    doc = run(pipe, "Russia agreed with Turkey on a ceasefire in Idlib.")
    assert by_trigger(doc, "agreed").type == "AGREE"  # an agreement on something stays
    doc = run(pipe, "The United Nations pressed Iran to release the sailors.")
    assert by_trigger(doc, "pressed").type == "REQUEST"
    doc = run(pipe, "Two senators backed Bob Corker's plan.")
    assert _name(doc, by_trigger(doc, "backed").target) == "Bob Corker"  # a possessor stays the one backed
    doc = run(pipe, "Israel lobbied Congress against the deal.")
    assert by_trigger(doc, "lobbied").type == "REQUEST"


# Round 13 (dev audit 27): sentences written for these tests.
def test_a_party_named_after_to_or_of_on_a_follower_is_not_the_actor(pipe):
    doc = run(pipe, "Aides to Bernie Sanders have been pressing the party for a bigger role.")
    assert all(_name(doc, e.actor) != "Bernie Sanders" for e in find_events(doc, sense=False))


@pytest.mark.parametrize("text, word", [
    ("Hillary Clinton would ban assault weapons.", "ban"),  # a thing banned: a policy, nobody coerced
    ("The network pulled out of a sponsorship agreement with the Republican National Committee.", "agreement"),
    ("Former aides who spoke with The New York Times said Donald Trump was angry.", "spoke"),  # an interview
])
def test_policies_business_and_interviews_of_round_13(pipe, text, word):
    doc = run(pipe, text)
    assert word not in rule_triggers(doc), text


def test_a_reported_he_after_another_person_named_is_not_surely_the_speaker(pipe):
    doc = run(pipe, "Jon Tester said Chuck Grassley could lose in Iowa because he supports Donald Trump.")
    assert _name(doc, by_trigger(doc, "supports").actor) != "Jon Tester"
    doc = run(pipe, "Jon Tester said he supports Hillary Clinton.")
    assert _name(doc, by_trigger(doc, "supports").actor) == "Jon Tester"  # nobody else named: the speaker
    doc = run(pipe, "Marc Andreessen, who once backed Mitt Romney, wrote online that he was supporting Hillary Clinton.")
    assert _name(doc, by_trigger(doc, "supporting").actor) == "Marc Andreessen"  # named before the verb: still his


def test_round_13_keeps_people_banned_and_agreements_between_parties(pipe):
    doc = run(pipe, "Russia signed an agreement with Turkey.")
    assert by_trigger(doc, "signed").type == "AGREE"
    doc = run(pipe, "The White House met with The New York Times.")  # a meeting, not "spoke with"
    assert [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "met"]


def test_a_demonym_before_language_is_no_party(pipe):
    doc = run(pipe, "Donald Trump attacked the Spanish-language media.")
    assert all(_name(doc, e.target) != "Spanish" for e in find_events(doc, sense=False))
    doc = run(pipe, "Spanish troops attacked the town.")
    assert by_trigger(doc, "attacked").actor is not None  # the troops of a state stay


# Round 14 (stop 31, dev audits 28-29): sentences written for these tests.
@pytest.mark.parametrize("text, word", [
    ("Obama asked Republican lawmakers.", "asked"),  # people asked, nothing asked for: a question
    ("Just ask Senator Mitch McConnell.", "ask"),
    ("Hillary Clinton asked, according to the interview's transcript.", "asked"),
    ("Ted Cruz captured Alaska and Oklahoma.", "captured"),  # US states won in a primary
    ("Donald Trump has captured Alabama, Georgia, Tennessee and Virginia.", "captured"),
    ("Her rival, Bernie Sanders, captured Vermont, Colorado, Oklahoma, Minnesota and Kansas.", "captured"),
    ("Drug companies such as Pfizer were targeted by the Democratic National Committee for contributions.", "targeted"),
    ("The Supreme Court struck down a Texas abortion law on Monday.", "struck"),  # a ruling
])
def test_questions_primaries_fundraising_and_rulings_of_round_14(pipe, text, word):
    doc = run(pipe, text)
    assert word not in rule_triggers(doc), text


def test_round_14_keeps_requests_and_seizures(pipe):
    doc = run(pipe, "Senator Mitch McConnell asked Donald Trump to condemn the violence.")
    assert _name(doc, by_trigger(doc, "asked").target) == "Donald Trump"
    doc = run(pipe, "Obama asked Putin on Monday for help.")
    assert by_trigger(doc, "asked").type == "REQUEST"
    doc = run(pipe, "Documents show the DNC has asked oil companies, banks, and even firms like Walmart for donations.")
    assert by_trigger(doc, "asked").type == "REQUEST"  # what is asked for hangs on the last conjunct
    doc = run(pipe, "“Is that true?” former adviser David Axelrod asked on Twitter.")
    assert "asked" not in rule_triggers(doc)
    doc = run(pipe, "Vladimir Putin seized Crimea in 2014.")  # not a US state: a seizure
    assert by_trigger(doc, "seized").type == "COERCE"


def test_verbal_attacks_on_a_party_and_pummeling_are_accusations(pipe):
    doc = run(pipe, "The senator spent the year attacking prominent members of the Republican Party.")
    assert by_trigger(doc, "attacking").type == "ACCUSE"
    doc = run(pipe, "Representative Gwen Graham pummeled Donald Trump as divisive.")
    assert by_trigger(doc, "pummeled").type == "ACCUSE"
    doc = run(pipe, "Hamas attacked Fatah in Gaza.")  # an armed group: force
    assert by_trigger(doc, "attacked").type == "ASSAULT"
    doc = run(pipe, "Russian hackers struck the Democratic National Committee.")  # hackers: force on a party
    assert by_trigger(doc, "struck").type == "ASSAULT"


def test_support_others_draw_from_or_lagging_is_the_possessor_s_following(pipe):
    doc = run(pipe, "A poll of his members showed Donald Trump's support lagging far behind.")
    e = by_trigger(doc, "support")
    assert _name(doc, e.actor) is None and _name(doc, e.target) == "Donald Trump"
    doc = run(pipe, "A poll found that Michael Bloomberg would draw from Hillary Clinton's support in a race.")
    e = by_trigger(doc, "support")
    assert _name(doc, e.actor) is None and _name(doc, e.target) == "Hillary Clinton"


def test_roles_of_round_14(pipe):
    doc = run(pipe, "Bernie Sanders and Hillary Clinton both visited Wilmington on Saturday.")
    assert all(_name(doc, e.target) != "Hillary Clinton" for e in find_events(doc, sense=False))  # each visits a city
    doc = run(pipe, "Rejecting a new challenge to Ted Cruz's place on the ballot, the panel said a judge should rule.")
    assert all(_name(doc, e.target) != "Ted Cruz" for e in find_events(doc, sense=False))  # the challengers rejected
    doc = run(pipe, "Michelle Fields made allegations against Donald Trump's campaign manager last week.")
    assert all(_name(doc, e.target) != "Donald Trump" for e in find_events(doc, sense=False))  # the manager, not Trump


def test_a_call_s_content_is_the_caller_s_and_norms_are_no_party(pipe):
    doc = run(pipe, "Khizr Khan also criticized Donald Trump's frequent calls to ban Muslim visitors from the country.")
    assert _name(doc, by_trigger(doc, "ban").actor) == "Donald Trump"
    doc = run(pipe, "Donald Trump rejects the norms of Washington politics.")
    assert "rejects" not in rule_triggers(doc)


def test_criticism_fielded_or_drawn_is_aimed_at_the_subject(pipe):
    doc = run(pipe, "Francois Hollande has fielded sharp criticism on France's security.")
    e = by_trigger(doc, "criticism")
    assert _name(doc, e.target) == "François Hollande" and e.type == "ACCUSE"  # France is the topic
    doc = run(pipe, "Donald Trump drew criticism from Hillary Clinton.")
    assert [(_name(doc, e.actor), _name(doc, e.target)) for e in find_events(doc, sense=False)] == [
        ("Hillary Clinton", "Donald Trump")]


def test_a_party_on_its_hopefuls_is_not_the_party(pipe):
    doc = run(pipe, "The plan was criticized by fellow GOP presidential hopefuls.")
    assert all(_name(doc, e.actor) != "Republican Party (United States)" for e in find_events(doc, sense=False))


def test_quoted_words_a_class_of_people_and_solicited_supporters(pipe):
    doc = run(pipe, "Growing angrier as he went on, Donald Trump continued: “The worst attack ever on this country?”")
    assert all(_name(doc, e.actor) != "Donald Trump" for e in find_events(doc, sense=False))  # words quoted, no act
    doc = run(pipe, "The governor fought to protect federal support for disabled Americans who cannot work.")
    assert all(_name(doc, e.target) != "American" for e in find_events(doc, sense=False))  # welfare, no state
    doc = run(pipe, "It may surprise his fans that the very same DNC which backed Sanders has solicited the big banks "
                    "to support Hillary Clinton.")
    assert _name(doc, by_trigger(doc, "support").actor) is None  # the banks support, not the party that asked


def _roles_of(doc, word):
    """(actor name, target name) of every event the rules give (sense filter off) on a trigger word."""
    return [(_name(doc, e.actor), _name(doc, e.target)) for e in find_events(doc, sense=False)
            if doc.text[e.trigger.start:e.trigger.end] == word]


@pytest.mark.parametrize("text, name", [
    ("A new Marist poll puts Hillary Clinton's support at 46 percent among likely voters in Ohio.", "Hillary Clinton"),
    ("In the Gallup survey, Bernie Sanders's support is well below the 40 percent he needs.", "Bernie Sanders"),
    ("Obama's 48 percent support in the poll surpasses the share of his party.", "Barack Obama"),
])
def test_a_possessor_s_support_in_a_poll_s_measure_is_support_drawn(pipe, text, name):
    assert _roles_of(run(pipe, text), "support") == [(None, name)]
    # support announced outside a poll stays the possessor's
    doc = run(pipe, "Senator Elizabeth Warren announced her support for Hillary Clinton on Monday.")
    assert _roles_of(doc, "support") == [("Elizabeth Warren", "Hillary Clinton")]


@pytest.mark.parametrize("title, word, roles", [
    ("Hillary Clinton Accused Of Lying About Benghazi", "Accused", (None, "Hillary Clinton")),
    ("Barack Obama Criticized Over Syria Policy", "Criticized", (None, "Barack Obama")),
])
def test_a_headline_s_bare_past_form_without_object_is_a_passive(pipe, title, word, roles):
    doc = run(pipe, f"{title}\n\nThe report was published on Monday.")
    assert _roles_of(doc, word) == [roles]
    # a headline's past form with an object stays active
    doc = run(pipe, "Vladimir Putin Accused NATO Of Provocations\n\nThe report was published on Monday.")
    assert _roles_of(doc, "Accused") == [("Vladimir Putin", "NATO")]


@pytest.mark.parametrize("text, roles", [
    ("Governor Andrew Cuomo asked aid from the European Union after the floods.", ("Andrew Cuomo", "European Union")),
    ("Massoud Barzani asked weapons from the Pentagon last spring.", ("Masoud Barzani", "United States Department of Defense")),
])
def test_a_thing_asked_from_a_named_party_is_a_request_not_a_question(pipe, text, roles):
    assert _roles_of(run(pipe, text), "asked") == [roles]


@pytest.mark.parametrize("text, word", [
    ("In Ohio, the mayor is battling Senator Rob Portman for the open seat.", "battling"),
    ("Governor Jeb Bush battled with Senator Marco Rubio for second place in the primary.", "battled"),
    ("Ted Cruz, who is battling Ben Carson for the top spot in the polls, spoke in Iowa.", "battling"),
    ("Senator Bernie Sanders will fight Hillary Clinton for the nomination until June.", "fight"),
])
def test_a_battle_for_a_seat_or_a_place_in_a_race_is_no_attack(pipe, text, word):
    # a fight "for" a prize of a race (data/events/modality.yaml contest_prizes, electoral_objects) is
    # campaigning, no assault and no accusation (round 16: dev22, dev31, fresh3)
    assert word not in rule_triggers(run(pipe, text))
    # a battle for what is no prize of a race stays an event
    assert "battled" in rule_triggers(run(pipe, "Syrian government forces battled rebels for control of Aleppo on Monday."))


# Round 18 (stop 35, branch events35): three rules from the development audits' wrong verdicts.
@pytest.mark.parametrize("text, word", [
    ("At the rally the Democrats stressed the need for a more patient approach to the crisis.", "stressed"),
    ("Senator Harry Reid emphasized the need to treat the protesters respectfully.", "emphasized"),
    ("The governor underlined the urgency of new roads in the north.", "underlined"),
])
def test_stressing_a_need_is_a_statement_no_appeal(pipe, text, word):
    # CAMEO's EMPHASIZE block codes "emphasize need / urgency" as an appeal (020): nobody is asked
    assert word not in rule_triggers(run(pipe, text))


@pytest.mark.parametrize("text, word", [
    ("Clinton refused to describe the attack as terrorism.", "refused"),
    ("The Kremlin refused to rule out new strikes.", "refused"),
    ("The White House is refusing to call it terrorism.", "refusing"),
    ("Obama's refusal to name the enemy drew fire from Republicans.", "refusal"),
])
def test_a_refusal_to_speak_or_to_name_is_no_rejection(pipe, text, word):
    assert word not in rule_triggers(run(pipe, text))


def test_a_refusal_to_act_stays_a_rejection(pipe):
    assert by_trigger(run(pipe, "Netanyahu refused to extend the freeze."), "refused").type == "REJECT"
    assert by_trigger(run(pipe, "Turkey's refusal to acknowledge the genocide angers Armenia."), "refusal").type == "REJECT"


@pytest.mark.parametrize("text, word, roles", [
    ("Democrat members of the committee urged Trump to withdraw the nominee.", "urged", (None, "Donald Trump")),
    ("Graham blasted the Democrat senators on the committee.", "blasted", ("Graham", None)),
])
def test_democrat_as_a_modifier_of_members_is_no_party(pipe, text, word, roles):
    # "Democrat senators" (the noun as modifier, an unlinked entity): members, as "Democratic senators" are
    assert _roles_of(run(pipe, text), word) == [roles]
    assert _roles_of(run(pipe, "Graham blasted the Democrats on the committee."), "blasted") == [
        ("Graham", "Democratic Party (United States)")]


@pytest.mark.parametrize("text, word, name", [
    ("A senator in Manila wants Donald Trump banned from the Philippines.", "banned", "Donald Trump"),
    ("Green Party candidate Jill Stein removed from the debate site by police.", "removed", "Jill Stein"),
])
def test_a_wished_or_reduced_passive_participle_has_its_subject_as_the_one_acted_on(pipe, text, word, name):
    roles = _roles_of(run(pipe, text), word)
    assert all(actor != name for actor, _ in roles)  # the one banned or removed does not ban or remove
    assert all(target == name for _, target in roles)


def test_a_wished_force_deployed_keeps_its_owner_as_actor(pipe):
    doc = run(pipe, "Bibi wants to see U.S. power deployed alongside Israel, against Iran.")
    assert _roles_of(doc, "deployed") == [("United States", "Iran")]


@pytest.mark.parametrize("text, word, place", [
    ("Seventeen people were killed at Marjory Stoneman Douglas High School on Wednesday.", "killed", "School"),
    ("The gunman shot two men at the Pulse nightclub in Orlando.", "shot", "Pulse"),
])
def test_at_names_a_target_only_when_nothing_else_is_acted_on(pipe, text, word, place):
    # the one acted on is named (a passive subject, an object): "at" says where, no target
    assert not any(t and place in t for _, t in _roles_of(run(pipe, text), word))
    # nobody else aimed at, or a thing sent at it: "at" names the target
    assert [t for _, t in _roles_of(run(pipe, "Houthi rebels fired at Saudi Arabia on Sunday."), "fired")] == ["Saudi Arabia"]
    doc = run(pipe, "Palestinian terrorists in Gaza launched more than 150 rockets at Israel.")
    assert [t for _, t in _roles_of(doc, "launched")] == ["Israel"]


@pytest.mark.parametrize("text, word, target", [
    ("Two groups both condemned the Central American Minors program in statements on Monday.", "condemned", None),
    ("Border agents detained Central Americans near the fence on Monday.", "detained", "Central American"),
    ("Mexico deported thousands of Central Americans last year.", "deported", "Central American"),
])
def test_a_regions_people_as_a_modifier_is_no_party(pipe, text, word, target):
    # the peoples of a region are entities since stop 35 ("Central American", not the US): as the modifier of a
    # programme's name they are still no party (dev audit 23), as the phrase's head they are the target
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    found = [names.get(e.target) for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word]
    assert found == [target] if target else all(t is None for t in found)


def test_the_audits_compared_list_no_held_out_event_and_pool_each_side():
    from bench import events_audit as ea

    def result(ok, wrong, rows):
        return {"precision": round(ok / (ok + wrong), 3), "counts": {"ok": ok, "wrong": wrong}, "rows": rows}

    row = {"doc": "polnear/train/text/a.txt", "start": 10, "status": "wrong", "trigger": "attacked", "type": "ASSAULT",
           "actor": "Russia", "target": "Ukraine"}
    gone = {**row, "status": "gone"}
    before = {"events_audit_dev1": result(3, 1, [row]), "events_audit_fresh5": result(2, 2, [row])}
    after = {"events_audit_dev1": result(3, 0, [gone]), "events_audit_fresh5": result(2, 1, [gone])}
    text = ea.compare(before, after)
    assert "events_audit_dev1: 0.75 -> 1.0" in text and "events_audit_fresh5: 0.5 -> 0.667" in text
    assert "dev1 - wrong" in text and "dev1 + gone" in text and "fresh5 -" not in text and "fresh5 +" not in text
    assert ea.pooled(after, ea.HELD_OUT) == (2, 3) and ea.pooled(before, ["events_audit_dev1"]) == (3, 4)
    assert ea.compare(before, before) == "no audit changed"
    assert {p.stem for p in ea.audit_files()} >= set(ea.HELD_OUT)  # every held-out audit is a recorded file


def test_an_audit_holds_two_versions_of_one_trigger(tmp_path, monkeypatch):
    # a second pass (fresh22b, stop 42) adds the roles a later main gives at a judged trigger beside the first
    # pass's entry: each version takes its own verdict, and a trigger gone counts once
    from bench import events_audit as ea

    doc = "web/a.html.gz"
    ev = {"doc": doc, "start": 5, "end": 13, "trigger": "withheld", "type": "SANCTION", "actor": "Ann", "mode": "asserted"}
    audit = {"articles": [doc], "events": [
        {**ev, "target": "Army", "verdict": "wrong", "reason": "first pass"},
        {**ev, "target": "Kyiv", "verdict": "ok", "reason": "second pass"},
        {**ev, "start": 40, "end": 45, "trigger": "urged", "type": "REQUEST", "target": None, "verdict": "wrong",
         "reason": "first pass"},
        {**ev, "start": 40, "end": 45, "trigger": "urged", "type": "REQUEST", "target": "Bob", "verdict": "wrong",
         "reason": "second pass"}]}
    path = tmp_path / "events_audit_x.yaml"
    path.write_text(yaml.safe_dump(audit), encoding="utf-8")
    monkeypatch.setattr(ea, "shared_dir", lambda: tmp_path)
    found = {"start": 5, "end": 13, "trigger": "withheld", "type": "SANCTION", "actor": "Ann", "mode": "asserted"}
    for target, status in (("Army", "wrong"), ("Kyiv", "ok"), ("Lviv", "changed")):
        monkeypatch.setattr(ea, "run_articles", lambda docs, shared, t=target: {doc: [{**found, "target": t}]})
        res = ea.evaluate(path)
        assert [r["status"] for r in res["rows"]] == [status, "gone"], target
        assert res["counts"]["gone"] == 1 and res["counts"]["gone_ok"] == 0


# Round 19 (stop 36): sentences written for these tests; each fails on main 06e508b.
@pytest.mark.parametrize("text, word", [
    ("Germany defeated France 3-1 on Saturday in Berlin.", "defeated"),
    ("Argentina crushed Chile 3-0 in Madrid, with Schwartzman winning in straight sets.", "crushed"),
    ("In Group C, Diego Schwartzman defeated Cristian Garin 6-3, 6-4.", "defeated"),
    ("The U.S. had won all previous 15 meetings with Canada, though they had not met since 1965.", "meetings"),
    ("Wisconsin voters kept the court conservative on Tuesday. Bradley defeated Judge JoAnne Kloppenburg by ten "
     "points.", "defeated"),
    ("Senator Hale was the target of $900,000 in direct mail attacks by outside groups, including one PAC.", "attacks"),
    ("Trump was targeted by $4.4 million in attacks from groups such as Priorities USA.", "attacks"),
])
def test_matches_tallies_and_paid_attacks_are_no_assault_or_meeting(pipe, text, word):
    # a score in the clause of a word of defeating, meetings won or lost, a surname typed an organization beating a
    # person, attacks bought by mail or by the dollar: a match, an election, advertising (dev audits 32; the tennis
    # wire of docs/examples.md, stop 35)
    doc = run(pipe, text)
    assert not any(e.type in ("ASSAULT", "CONSULT", "THREATEN") for e in doc.events
                   if doc.text[e.trigger.start:e.trigger.end] == word), [(e.type, e.trigger) for e in doc.events]


@pytest.mark.parametrize("text, word, typ", [
    # wars and meetings without a score
    ("Kurdish fighters defeated the Islamic State in Raqqa after a four-month siege.", "defeated", "ASSAULT"),
    ("Hezbollah defeated the Nusra Front near the border.", "defeated", "ASSAULT"),
    ("The United States and Britain met in Geneva on Monday for talks on the ceasefire.", "met", "CONSULT"),
    ("Islamic State fighters staged attacks against Kurdish positions near Kobani.", "attacks", "ASSAULT"),
    # appeals to parties and agreements on terms
    ("The rebels appealed to the United Nations for help on Monday.", "appealed", "REQUEST"),
    ("Israel agreed with Hamas on a ceasefire after a week of fighting.", "agreed", "AGREE"),
    ("Iran agreed to a ten-month freeze of enrichment.", "agreed", "AGREE"),
])
def test_round_19_leaves_real_events_alone(pipe, text, word, typ):
    doc = run(pipe, text)
    assert any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


def test_a_named_riot_read_as_a_verb_has_no_actor(pipe):
    # "the Nika riots" parsed as "the Nika" + the verb "riots" (docs/examples.md, stop 35): the event's name, no party
    doc = run(pipe, "Little is known of the eunuch's early years. When the Nika riots, the worst unrest of the age, broke "
                    "out, Narses was the man sent to bribe the Blues.")
    names = {e.id: e.name for e in doc.entities}
    assert not any(names.get(e.actor) == "Nika" for e in doc.events)


@pytest.mark.parametrize("text, word, typ", [
    ("Smith said the Gillum campaign has to appeal to white guilt to get voters out.", "appeal", "REQUEST"),
    ("Sheriff Lombardo agreed with the casino's statement at a press briefing on Monday.", "agreed", "AGREE"),
    ("I back him, not because I agree with him on everything, but because he can win, Bolton told the radio host.",
     "agree", "AGREE"),
])
def test_a_pitch_to_a_feeling_and_a_view_shared_are_no_appeal_or_agreement(pipe, text, word, typ):
    # round 19 (stop 36): "appeal to white guilt" (dev audit fresh3), "agree with him on everything" (dev audit 24)
    doc = run(pipe, text)
    assert not any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word)


def test_an_unlinked_front_defeating_a_regime_stays_an_assault(pipe):
    # dev2's "... Liberation Front ... defeated the Derg" (right on main): a many-word name is no surname
    doc = run(pipe, "After a decade of war, three rebel groups - the Afar People's Liberation Front, the Somali "
                    "Liberation Front and the Gambela Liberation Front - defeated the Derg and entered the capital.")
    found = [e.type for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "defeated"]
    assert found == ["ASSAULT"]


# Round 20 (stop 37): sentences written for these tests; each fails on main 20c742d. The classes are fresh14's and
# fresh15's (docs/events.md), the real-page errors of docs/examples.md (stop 36) and development audits 14, 19, 23.
@pytest.mark.parametrize("text, word, typ", [
    # a race run and a race quit (docs/examples.md, stop 36)
    ("Paula Radcliffe pressed Mary Keitany in London for twenty miles.", "pressed", "REQUEST"),
    ("Mary Keitany is pressing the pace at the front, with Paula Radcliffe behind.", "pressing", "REQUEST"),
    ("Paula Radcliffe of Britain pulled out with a leg injury after ten miles.", "pulled", "CONCEDE"),
    # a question put (dev audit 23)
    ("Chuck Todd pressed Reince Priebus on the tax returns on Sunday.", "pressed", "REQUEST"),
    # a spouse met, a host's guest, an interview agreed to
    ("Hillary Clinton met her husband Bill Clinton at Yale Law School.", "met", "CONSULT"),
    ("Jeb Bush met his wife Columba in Mexico in 1970.", "met", "CONSULT"),
    ("Rush Limbaugh spoke with Ted Cruz on his radio show on Monday.", "spoke", "CONSULT"),
    ("Donald Trump agreed to an interview with Fox News.", "agreed", "AGREE"),
    # a debate moderated, people linked
    ("Lester Holt and Martha Raddatz co-moderated the debate in St. Louis on Sunday.", "moderated", "COERCE"),
    ("WikiLeaks tried to connect Julian Assange with Adam Schiff, the report said.", "connect", "AGREE"),
    # support expressed is the noun's event, not a second one of the verb (dev audits 6, 17)
    ("Senator Warren expressed support for Bernie Sanders on Monday.", "expressed", "AGREE"),
    # tariffs slapped and a missile fired into the sea are no assault
    ("The United States slapped retaliatory tariffs on Chinese steel last week.", "slapped", "ASSAULT"),
    ("Trump threatened to slap a 35 percent tariff on Mexican imports.", "slap", "ASSAULT"),
    ("North Korea fired three missiles into the sea on Tuesday.", "fired", "ASSAULT"),
    ("North Korea launched a missile into the Sea of Japan on Sunday.", "launched", "ASSAULT"),
    # a deadline extension granted is a concession (dev audit 14)
    ("The Obama administration granted Cuba a deadline extension on Friday.", "granted", "COOPERATE"),
])
def test_round_20_everyday_senses_levies_and_tests_are_not_those_events(pipe, text, word, typ):
    doc = run(pipe, text)
    assert not any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text, word, typ", [
    ("The United States slapped retaliatory tariffs on Chinese steel last week.", "slapped", "COERCE"),
    ("The Obama administration granted Cuba a deadline extension on Friday.", "granted", "CONCEDE"),
    ("North Korea fired three missiles into the sea on Tuesday.", "fired", "MOBILIZE"),
    ("Senator Warren expressed support for Bernie Sanders on Monday.", "support", "SUPPORT"),
    ("The United States stepped up pressure on China on Saturday to rein in its actions.", "stepped", "REQUEST"),
    # real requests, meetings and attacks stay
    ("Senator Hale pressed Obama to veto the bill.", "pressed", "REQUEST"),
    ("Critics said Washington had a lever to press Vietnam for improvements in human rights.", "press", "REQUEST"),
    ("Sanders wants the United States to press China into forcing North Korea to abide by the rules.", "press", "REQUEST"),
    ("Hamas fired rockets into Israel on Tuesday.", "fired", "ASSAULT"),
    ("Iran fired two missiles at Seoul on Tuesday.", "fired", "ASSAULT"),
    ("The United States and Britain met in Geneva on Monday for talks on the ceasefire.", "met", "CONSULT"),
    ("Iran agreed to a ten-month freeze of enrichment.", "agreed", "AGREE"),
])
def test_round_20_recodes_and_leaves_real_events_alone(pipe, text, word, typ):
    doc = run(pipe, text)
    assert any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text, word, wrong", [
    # the friends are invited, not John (docs/examples.md, stop 36)
    ("He invited John's faithful friends to sit near him.", "invited", "John"),
    # a support that dried up is the one supported's following (fresh14's class)
    ("Bergoglio's support has dried up in Buenos Aires, the bishop said.", "support", "actor:Bergoglio"),
    # opposing or backing a named war is no act against or for its country (fresh15's class)
    ("Obama opposed the Iraq War from the start.", "opposed", "Iraq"),
    ("Israel supported the Iraq War in 2003.", "supported", "Iraq"),
    # the act asked for hits Russia or Iran; they are not the ones asked (fresh15's class)
    ("Senator Graham urges retaliation on Russia for the hacking.", "urges", "Russia"),
    ("Obama urged new sanctions on Iran.", "urged", "Iran"),
])
def test_round_20_roles_of_friends_a_following_and_a_named_war(pipe, text, word, wrong):
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    role, name = wrong.split(":") if ":" in wrong else ("target", wrong)
    assert not any(names.get(getattr(e, role)) == name for e in doc.events
                   if doc.text[e.trigger.start:e.trigger.end] == word)


# Round 21 (stop 38): sentences written for these tests; each case of a fix fails on main 1e2c610. The classes are
# fresh16's wrong rows (development data since this round), the events stop 37's KB change exposed (docs/actors.md)
# and the real-page errors of docs/examples.md (stop 37).
@pytest.mark.parametrize("text, word, typ", [
    # a suicide is no assault (fresh16)
    ("Veterans in 2014 were killing themselves at twice the rate of civilians.", "killing", "ASSAULT"),
    ("Former Navy veteran John Kasten, 70, shot himself in the parking lot of a veterans hospital in Ohio last month.",
     "shot", "ASSAULT"),
    # a view shared is no agreement (fresh16)
    ("Writing for a Chicago Tribune panel that all agreed Pence won the debate, Tom Hale said the way he spoke mattered.",
     "agreed", "AGREE"),
    # a health warning is no threat (stop 37's KB change)
    ("Kenya has issued warnings over the possible spread of Ebola from Uganda.", "issued", "THREATEN"),
    # a war on a phenomenon (fresh16, dev audits 20 and 32)
    ("Trump told the crowd, “We will defeat radical Islamic terrorism, just as we have defeated every threat we have "
     "faced.”", "defeat", "ASSAULT"),
    ("The fight raised doubts about whether Congress will allocate funds to fight Zika before the recess.", "fight", "ASSAULT"),
    ("His speech Sunday about fighting Islamic State-style terrorism will be a major topic of the race.", "fighting",
     "ASSAULT"),
    # a claim undermined is no accusation (docs/examples.md, stop 37)
    ("The protests degrade the Communist Party's claim to speak for all workers.", "degrade", "ACCUSE"),
])
def test_round_21_suicides_opinions_policies_and_health_warnings_are_not_those_events(pipe, text, word, typ):
    doc = run(pipe, text)
    assert not any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text, word, wrong", [
    # a place naming a modifier of the noun, not the one acting (stop 37's KB change)
    ("Officials discussed a recent Mali hotel assault by gunmen on Tuesday.", "assault", "actor:Mali"),
    ("The archbishop relies on his Vatican media support, the report said.", "support", "actor:Holy See"),
    # the side fought on is no target (dev audit 2; stop 37's KB change)
    ("One proxy army fighting on the Eritrean side, a group of exiles, was founded in 2008.", "fighting", "Eritrean"),
    # a destination is not the one ordered (stop 37's KB change)
    ("President Obama recently ordered nearly 300 of them to Cameroon.", "ordered", "Cameroon"),
])
def test_round_21_roles_of_modifiers_sides_and_destinations(pipe, text, word, wrong):
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    role, name = wrong.split(":") if ":" in wrong else ("target", wrong)
    assert not any(names.get(getattr(e, role)) == name for e in doc.events
                   if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end], names.get(e.actor), names.get(e.target)) for e in doc.events]


@pytest.mark.parametrize("text, word, typ", [
    # real events of the same words stay
    ("Hamas gunmen shot two Israeli soldiers near Hebron on Monday.", "shot", "ASSAULT"),
    ("Russia and Turkey agreed to a ceasefire in Idlib on Thursday.", "agreed", "AGREE"),
    ("Pyongyang warned Washington that it would strike US bases.", "warned", "THREATEN"),
    ("Senator Hale is backing Hillary Clinton for president.", "backing", "SUPPORT"),
    ("Russian air strikes hit Aleppo on Monday.", "air strikes", "ASSAULT:Russian"),
    ("The candidates blasted President Obama's approach to combating Islamic State terrorism.", "combating", "ASSAULT"),
    ("Israel bombed Hamas positions after the Hamas rocket attack on Sderot.", "attack", "ASSAULT:Hamas"),
])
def test_round_21_leaves_real_events_alone(pipe, text, word, typ):
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    typ, actor = typ.split(":") if ":" in typ else (typ, None)
    assert any(e.type == typ and (actor is None or names.get(e.actor) == actor) for e in doc.events
               if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end], names.get(e.actor)) for e in doc.events]


def test_round_21_a_suicide_has_a_sole_reflexive_object(pipe):
    """The `suicide` rule of refusals.yaml: "killed himself", not "killed himself and twelve soldiers"."""
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import applies

    def killed(text):
        doc = pipe(Document(text))
        return next(t for _, sdoc, _ in doc.parses for t in sdoc if t.lower_ == "killed")
    assert applies("suicide", killed("The sergeant killed himself in the parking lot."), "ASSAULT", words())
    assert not applies("suicide", killed("A suicide bomber killed himself and twelve soldiers at the checkpoint."),
                       "ASSAULT", words())
    assert not applies("suicide", killed("The sergeant killed himself in the parking lot."), "COERCE", words())


# Round 22 (stop 39): local news (fresh17, fresh18: development data from this round on), each class on a sentence
# written for its test.
@pytest.mark.parametrize("text, word, typ", [
    # a road accident: no event at all
    ("Police said the car that hit Johnson did not stop.", "hit", "*"),
    # a war on a phenomenon (as round 21's `fought_phenomenon`)
    ("Egypt vowed to stamp out corruption.", "stamp", "ASSAULT"),
    # a paper criticized: no party
    ("Kosachyov criticized the protocol on Tuesday.", "criticized", "ACCUSE"),
    ("A French law was criticized by the bishops.", "criticized", "ACCUSE"),
    # a private person's meeting
    ("Deputy Jones spoke with Jeremy Watson, a witness, on Tuesday.", "spoke", "CONSULT"),
    ("Deputy Mark Jones met with Jeremy Watson, a neighbor, on Tuesday.", "met", "CONSULT"),
    ("Officer Dan Brown met with Maria Lopez, 45, at the station on Monday.", "met", "CONSULT"),
    # everyday senses of trusted verbs
    ("Governor Kathleen Sebelius signed a disaster declaration for the county.", "signed", "AGREE"),
    ("The Kansas Department of Transportation closed the highways because of the snow.", "closed", "COERCE"),
    ("United Airlines will start flights to Russia in May.", "start", "COOPERATE"),
    ("Millington was trained in the use of the Taser.", "trained", "COOPERATE"),
    ("Graham helped the candidates in South Carolina.", "helped", "AID"),
    ("Governor Sam Brownback signed a declaration of disaster emergency for 62 counties.", "signed", "AGREE"),
    ("Flood said he agreed to serve as president of the Friends of the Library.", "agreed", "AGREE"),
    ("Mayor Ann Hill invited all donors to join in a water pipe signing ceremony at the town hall.", "invited", "*"),
    # an accident
    ("Steven Miller was killed in a car crash in Ohio.", "killed", "ASSAULT"),
    # a conjunct clause with its own "would not" is a verb, negated, not the noun "support" (dev audit 3)
    ("Governor Kasich said the state needs a new road, but that he would not support mass deportation.", "support",
     "SUPPORT"),
])
def test_round_22_accidents_papers_private_meetings_and_everyday_senses_are_not_those_events(pipe, text, word, typ):
    doc = run(pipe, text)
    assert not any(typ in ("*", e.type) for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text, word, typ", [
    # a weapon in hand: force, not words (no ACCUSE)
    ("Officer Kwesi Millington hit Robert Dziekanski with a stun gun.", "hit", "ASSAULT"),
    ("Constable Bill Bentley struck Robert Dziekanski with a baton.", "struck", "ASSAULT"),
    ("Officer Kwesi Millington fired the Taser at the man.", "fired", "ASSAULT"),
])
def test_round_22_a_weapon_in_hand_is_force(pipe, text, word, typ):
    doc = run(pipe, text)
    assert [e.type for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word] == [typ], \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text, word, wrong", [
    # a place as a modifier of people
    ("A Coral Gables man was arrested on Tuesday.", "arrested", "target:Coral Gables"),
    ("An Alexandria grand jury indicted Smith on Monday.", "indicted", "actor:Alexandria"),
    # a weapon is no target
    ("Officer Kwesi Millington fired the Taser at the man.", "fired", "target:Taser"),
    # a sentence split after a title's dot: the title is no party, the next name no subject
    ("Deputies said Eberhart attacked Sgt. Mary Gale with a knife.", "attacked", "target:Sgt"),
    ("Police said the man attacked Sgt. Courtney Gale, repeatedly stabbing the uniformed officer in the neck.",
     "stabbing", "actor:Courtney Gale"),
])
def test_round_22_roles_of_modifiers_weapons_and_titles(pipe, text, word, wrong):
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    role, name = wrong.split(":")
    assert not any(names.get(getattr(e, role)) == name for e in find_events(doc, sense=False)
                   if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end], names.get(e.actor), names.get(e.target)) for e in doc.events]


@pytest.mark.parametrize("text, word, typ", [
    # the same words in their campaign and war senses stay
    ("Rubio hit Trump with a new ad on Tuesday.", "hit", "ACCUSE"),
    ("Russia and China signed a joint declaration on Tuesday.", "signed", "AGREE"),
    ("Turkey will close its borders with Syria.", "close", "COERCE"),
    ("The United States trained Iraqi security forces in Baghdad.", "trained", "AID"),
    ("Hillary Clinton criticized Barack Obama's health law.", "criticized", "ACCUSE"),
    ("Sergey Lavrov spoke with John Kerry on Tuesday.", "spoke", "CONSULT"),
    ("Sergey Lavrov met with John Kerry, 72, in Geneva.", "met", "CONSULT"),
    ("A car bomb struck a police checkpoint in Baghdad, killing five soldiers.", "struck", "ASSAULT"),
    ("Israeli troops shot the Hamas commander with a rifle.", "shot", "ASSAULT"),
    ("Senator Sanders said he would support Hillary Clinton in November.", "support", "SUPPORT"),
    ("Barack Obama invited Benjamin Netanyahu to join the talks in Washington.", "invited", "REQUEST"),
    ("Russia and Turkey agreed to hold talks in Astana.", "agreed", "AGREE"),
])
def test_round_22_leaves_real_events_alone(pipe, text, word, typ):
    doc = run(pipe, text)
    assert any(e.type == typ for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == word), \
        [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


# Round 23 (stop 40): local news (fresh19: development data from this round on), each class on a sentence written for
# its test; the rules' events (before the sense model), so that each test holds whatever the model keeps.
@pytest.mark.parametrize("text, word, typ", [
    # an accident told in the clause that says how
    ("A 79-year-old woman was killed this morning in Springfield when a neighbor accidentally hit her while backing "
     "out of a driveway.", "killed", "ASSAULT"),
    # a car or a hand moving out of a thing
    ("The driver was leaving to take her son to school, Mayor Linda Hart said, when she felt resistance while backing "
     "out of the driveway.", "backing", "RETREAT"),
    ("When the quarrel turned into a fight, Sullivan pulled a knife out of her purse and swung it at the women, police "
     "said.", "pulled", "*"),
    # animals
    ("A 40-year-old man was stung hundreds of times in what officials called the worst bee attack in Las Vegas in "
     "a decade.", "attack", "ASSAULT"),
    # a building visited or met at: no partner
    ("Mayor John Ellison visited Lincoln Elementary on Friday to read to pupils.", "visited", "CONSULT"),
    ("The city council set a special meeting for Monday at Roosevelt High School to discuss the budget.", "meeting",
     "CONSULT"),
    # a notice to readers; fundraising
    ("For information or tickets, call Mary Jones at the library.", "call", "REQUEST"),
    ("\"I'm still soliciting private donations to keep the museum open,\" Senator Tom Harkin said.", "soliciting",
     "REQUEST"),
    # a match report: a sentence that names a word of sport, or a text that names several
    ("Rovers coach Sam Hill refused to blame referee John Carr for the draw.", "refused", "REJECT"),
    ("United coach Peter Vance lauded his team's defence that kept the Rovers forwards at bay throughout the match. "
     "City rarely threatened keeper Paul Moss. A 90th minute strike by Ali Khan sealed the win after the referee had "
     "ruled a goal offside.", "lauded", "SUPPORT"),
    ("United coach Peter Vance lauded his team's defence throughout the match. City rarely threatened keeper Paul "
     "Moss. A 90th minute strike by Ali Khan sealed the win after the referee had ruled a goal offside.", "strike",
     "*"),
    # a policy supported, no party
    ("Governor Ellen Price expressed her support for the scheme.", "support", "SUPPORT"),
    ("Trump has voiced support for building a wall on the border.", "voiced", "SUPPORT"),
])
def test_round_23_local_news_everyday_senses_are_not_those_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words where they tell the event stay
    ("Governor Ellen Price expressed her support for the rebels.", "support", "SUPPORT"),
    ("Obama met Putin at the school on Monday.", "met", "CONSULT"),
    ("Ukraine asked the European Union for money.", "asked", "REQUEST"),
    ("Turkey attacked the Kurdish militia on Monday.", "attacked", "ASSAULT"),
    ("Senator Tom Harkin did not mention requesting a donation from Fox News.", "requesting", "REQUEST"),
    ("Spokesman Brian Fallon expressed his general support for his boss online.", "support", "SUPPORT"),
    ("The Taliban killed three Afghan soldiers when they stormed a checkpoint.", "killed", "ASSAULT"),
    ("The United States pulled out of the Paris agreement.", "pulled", "CONCEDE"),
])
def test_round_23_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


def test_round_23_a_match_report_is_told_by_its_words():
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import sport_text
    w = words()
    assert sport_text("The keeper saved a penalty; the referee ruled the equaliser offside.", w)
    assert not sport_text("The referee of the talks, a Norwegian envoy, met both sides.", w)
    assert not sport_text("The Arab League's envoy called for a penalty on the regime.", w)


# Round 24 (stop 41): court and legislative procedure, force verbs told as words, a car's model, a title split from its
# name, a source named with "the" as the "he" of its report; each on a sentence written for its test (the rules' events,
# before the sense model).
@pytest.mark.parametrize("text, word, typ", [
    # a plea entered, a court's paper served, a case dropped by the court's side, a veto overridden: procedure
    ("Smith pleaded no contest to the charges.", "pleaded", "REQUEST"),
    ("A judge issued a warrant for Miller's arrest.", "issued", "REQUEST"),
    ("The prosecutor dismissed the charge against Miller.", "dismissed", "REJECT"),
    ("The House failed to override the governor's veto.", "override", "*"),
    # a car's model year and maker: no accord struck
    ("Police said it struck a 2003 Honda Accord in the parking lot.", "struck", "AGREE"),
    # force told as words: an assailant of a police report, an officer by rank, a fist
    ("Two men attacked John Carr outside the bar.", "attacked", "ACCUSE"),
    ("Miller hit Officer Dan Moore in the face.", "hit", "ACCUSE"),
    ("Miller hit Dan Moore with a closed fist.", "hit", "ACCUSE"),
])
def test_round_24_procedure_models_and_force_are_not_those_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ, target", [
    # the sergeant named after the title's dot (round 22 dropped the event; the right one now)
    ("Police said Eberhart attacked Sgt. Courtney Gale, repeatedly stabbing the officer.", "attacked", "ASSAULT",
     "Courtney Gale"),
    # a real assault in a match report: a person named as the object
    ("United coach Peter Vance lauded his team's defence throughout the match. City rarely threatened keeper Paul "
     "Moss. Two fans attacked referee John Carr after the match, police said.", "attacked", "ASSAULT", "John Carr"),
    ("Two men attacked John Carr outside the bar.", "attacked", "ASSAULT", "John Carr"),
    ("The suspect hit Officer Dan Moore with a closed fist.", "hit", "ASSAULT", "Dan Moore"),
])
def test_round_24_assaults_told_by_force_are_assaults(pipe, text, word, typ, target):
    doc = run(pipe, text)
    names = {e.id: e.name for e in doc.entities}
    found = [(e.type, names.get(e.target)) for e in find_events(doc, sense=False)
             if doc.text[e.trigger.start:e.trigger.end] == word]
    assert (typ, target) in found, found


def test_round_24_a_source_named_with_the_is_no_he(pipe):
    doc = run(pipe, "According to the Tribune, Bush aides studied what would happen if their candidate announced he "
                    "would not back Trump now.")
    names = {e.id: e.name for e in doc.entities}
    assert not any(names.get(e.actor) == "Tribune" for e in find_events(doc, sense=False)), \
        [(e.type, names.get(e.actor)) for e in find_events(doc, sense=False)]


@pytest.mark.parametrize("text, word, typ", [
    # the same words where they tell the event stay
    ("Iran dismissed the charge.", "dismissed", "REJECT"),
    ("Trump attacked Gen. Jim Mattis on Twitter.", "attacked", "ACCUSE"),
    ("Rubio hit Trump with a new ad.", "hit", "ACCUSE"),
    ("The United States struck a 2015 accord with Iran.", "struck", "AGREE"),
    ("Ukraine pleaded with NATO for weapons.", "pleaded", "REQUEST"),
    ("Pope Francis said he would meet Putin in Rome.", "meet", "CONSULT"),
    ("Turkey attacked the Kurdish militia on Monday.", "attacked", "ASSAULT"),
])
def test_round_24_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


# Round 25b (stop 42, branch pages42): web pages (dev33, development data): everyday senses of trigger words whose party
# or object is a company, a product, a private person or a thing; each sentence written for its test (the rules'
# events, before the sense model).
@pytest.mark.parametrize("text, word, typ", [
    # a company's business: a partner company, a shop's offer, stations
    ("Now the startup has signed a deal with manufacturing company PCH International.", "deal", "AGREE"),
    ("Amazon has a lightning deal on the new Kindle Fire.", "deal", "AGREE"),
    ("The Dodgers can make deals with other stations in the market.", "deals", "AGREE"),
    # software, devices and a car's speed
    ("In addition to supporting 64 bit Windows systems, the new Google Toolbar now supports the latest browsers.",
     "supporting", "SUPPORT"),
    ("Please contact AdWords tech support if you have questions.", "support", "SUPPORT"),
    ("When Verizon Apps is removed from your phone next year, your purchases will be lost, Verizon said.", "removed",
     "COERCE"),
    ("Top speed from the BMW X5 is restricted electronically to 130 miles per hour.", "restricted", "COERCE"),
    # a fire, a state brought about, a pose, a resignation
    ("It is said that the Globe Theatre burned down after a production of Macbeth.", "burned", "*"),
    ("Officials say that 18,000 families have been rendered homeless by Hurricane Sandy.", "rendered", "*"),
    ("Trout runs off the field grinning, only pausing to strike a pose with Tori Hunter.", "strike", "*"),
    ("After her son left for college, Smith tendered her resignation.", "tendered", "COOPERATE"),
    # private persons met or supported
    ("Dick and Shiva met as teenagers in Gotham.", "met", "CONSULT"),
    ("While we were in Glacier we met up with Angie Monson and her family.", "met", "CONSULT"),
    ("It is once she meets Sadie, a crotchety old lady, that the two find hope.", "meets", "CONSULT"),
    ("David Sanchez said he came to the courthouse to support his daughter Katie.", "support", "SUPPORT"),
    # a photographer's shoot
    ("Mark Lane, who asks his models to pose as if for a driving licence photo, has shot everyone from chess players "
     "to drag queens.", "shot", "ASSAULT"),
    ("The photographer Jake Lane has shot dozens of bikers for his new book of portraits.", "shot", "ASSAULT"),
    # a match report (three sport words in the text): a basketball player's shooting, criticism of a team's play, a
    # player's ban
    ("Kane made two free throws and a jump shot in the first half. Oddly enough, Kane shot much better in transition, "
     "yet only scored 0.9 points per possession. He is no natural point guard.", "shot", "ASSAULT"),
    ("The Blues won the Champions League last season. Once again the Blues were criticized for their style of play. "
     "The Premier League side had a man sent off.", "criticized", "ACCUSE"),
    ("Barton was suspended after he was sent off against Leeds United in April. The midfielder apologized after the "
     "Premier League match.", "suspended", "SANCTION"),
])
def test_round_25b_everyday_senses_on_web_pages_are_no_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words where they tell the event stay
    ("The Pentagon signed a deal with Lockheed on Monday.", "deal", "AGREE"),
    ("Egypt supports the rebels in Libya.", "supports", "SUPPORT"),
    ("A selfish reason for Graham to endorse Rubio: his nephew.", "endorse", "SUPPORT"),  # a relative in apposition
    ("Rioters burned down the US embassy in Tripoli.", "burned", "*"),
    ("Obama met Putin as leaders of the two powers.", "met", "CONSULT"),
    ("Gunmen shot Reuters photographer Ali Khan in Kabul, in front of his camera crew.", "shot", "ASSAULT"),
    ("Taliban gunmen shot a photographer in Kabul on Monday.", "shot", "ASSAULT"),
    ("The UN suspended Syria's membership on Monday.", "suspended", "SANCTION"),
])
def test_round_25b_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


# Round 26b (stop 43, branch pages43): web pages (dev34, development data): prizes, contracts and broadcast rights
# awarded, software by name and businesses supported, a lawsuit's settlement approved, a job ad's call, a blow to a body
# read as words, a put-down in a press conference read as force. Each on a sentence written for its test (the rules'
# events, before the sense model).
@pytest.mark.parametrize("text, word, typ", [
    ("The NFL awarded CBS the rights to the Super Bowl.", "awarded", "*"),
    ("Microsoft says support for Firefox is coming next month.", "support", "SUPPORT"),
    ("Apple said support for Chrome is already available.", "support", "SUPPORT"),
    ("Jack Ma launched the Alibaba Foundation to support startups in Kenya.", "support", "SUPPORT"),
    ("Judge Mary Smith approved a settlement between the family of John Doe and Amtrak.", "approved", "COERCE"),
    ("According to her biography, Amelia Earhart applied to the Navy after seeing an ad in the New York Times, calling "
     "for pilots and mechanics, including women, to apply to the flight school.", "calling", "REQUEST"),
    ("Once she had to stop hitting Michael as she hurt her hand.", "hitting", "ACCUSE"),
    ("Cohen hit Maria Lopez in the face during the argument.", "hit", "ACCUSE"),  # a blow's place
    ("Smith challenged Armstrong in a press conference and Armstrong cut him down brutally.", "cut", "ASSAULT"),
])
def test_round_26b_everyday_senses_on_web_pages_are_no_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words where they tell the event stay
    ("Russia awarded Serbia a loan of $1 billion.", "awarded", "AID"),
    ("The United Nations awarded Jordan $50 million in aid.", "awarded", "AID"),
    ("Obama voiced support for Israel.", "voiced", "SUPPORT"),
    ("The Pentagon will support Kurdish fighters against ISIS.", "support", "SUPPORT"),
    ("Israel approved a new settlement in the West Bank.", "approved", "COERCE"),
    ("Hamas issued a statement calling for Palestinians to rise up.", "calling", "REQUEST"),
    ("The Muslim Brotherhood ran an ad in Al-Ahram calling for Egyptians to join the protests.", "calling", "REQUEST"),
    ("Trump hit Clinton hard over her emails.", "hit", "ACCUSE"),
    ("Trump hit Clinton hard, saying the decision was in his hands.", "hit", "ACCUSE"),  # an idiom, no blow
    ("Gunmen cut down Ahmed Shah in the square.", "cut", "ASSAULT"),
    ("Israeli troops cut down the protesters in the square.", "cut", "ASSAULT"),
    ("The protesters begged Obama to intervene in Syria.", "begged", "REQUEST"),
])
def test_round_26b_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


# Round 25 (stop 42): roles (a speaker or a subject taken from a clause that is not the event's, a stance word, a
# possessor helped, a cause, a building), force told in a report of harm; each on a sentence written for its test (the
# rules' events, before the sense model).
def _roles(pipe, text: str, word: str):
    return rule_roles(run(pipe, text), word)


@pytest.mark.parametrize("text, word, wrong", [
    # a second conjunct's own subject, hung on the first verb's object by the parser
    ("The Times will brand you a liar and NBC News will accuse you of lying.", "accuse", "The Times"),
    # an attribution set off from the clause: the reporter does not act
    ("Locals in Tijuana protested against the migrants, as Breitbart News reported, demanding they leave the city.",
     "demanding", "Breitbart News"),
    # a participle of blame after the content clause of a verb of blame: the critic's
    ("Trump criticized how the CIA handled the inquiry, accusing it of bias.", "accusing", "Central Intelligence Agency"),
    # a stance prefix on the trigger's own modifier: against Clinton, not Clinton's
    ("Despite Cruz consolidating anti-Trump support, Trump still leads in Ohio.", "support", "Donald Trump"),
    # the possessor of help come to is the one helped
    ("Several Democratic senators came to Obama's support after the speech.", "support", "Barack Obama"),
    # a cause, not an act: "led to"
    ("Morsi's decision led to the protests in Cairo.", "protests", "Mohamed Morsi"),
    # a participle set off after its clause: the subject is the one charged
    ("Garcia, 35, of Tulsa, is at the county jail, charged with three counts of robbery.", "charged", "Garcia"),
    # a reported "he"/"she" that is not the speaker: a trailing attribution, a nearer teller, the speaker's own pronoun
    ("She slammed the door and allegedly accused the neighbor of theft, Reyes said.", "accused", "Reyes"),
    ("Morales said Ortiz told him that he had stabbed the guard.", "stabbed", "Morales"),
    ("Collins said she was appalled that he would disparage the family.", "disparage", "Collins"),
])
def test_round_25_roles_from_another_clause_are_not_the_actor(pipe, text, word, wrong):
    found = _roles(pipe, text, word)
    assert not any(actor == wrong for _, actor, _ in found), found


@pytest.mark.parametrize("text, word, wrong", [
    # an attribution after the clause is no one acted on
    ("Ali made it to Syria, but after just three months tried to escape and was captured by Kurdish forces, The "
     "Washington Post reports.", "captured", "The Washington Post"),
    # a building or site under "at"/"on", someone acted on named: where
    ("His cousin was shot on the roof deck of the Empire State Building in 1999.", "shot", "Empire State Building"),
])
def test_round_25_places_and_reporters_are_not_the_target(pipe, text, word, wrong):
    found = _roles(pipe, text, word)
    assert not any(target == wrong for _, _, target in found), found


@pytest.mark.parametrize("text, word, typ, actor, target", [
    ("Several Democratic senators came to Obama's support after the speech.", "support", "SUPPORT", None, "Barack Obama"),
    ("The European Union would rush to Ukraine's aid.", "aid", "AID", "European Union", "Ukraine"),
    ("Garcia, 35, of Tulsa, is at the county jail, charged with three counts of robbery.", "charged", "ACCUSE", None,
     "Garcia"),
    # force told in a report of harm or arrest, or the verb "assault": never the verbal attack (ACCUSE)
    ("Lopez was arrested for allegedly attacking Mark Davis at a bar.", "attacking", "ASSAULT", None, "Mark Davis"),
    ("Carter was wounded in the first minutes of Harris's assault.", "assault", "ASSAULT", "Harris", None),
    ("Ramirez alleges that she was assaulted by Kavanaugh at a party.", "assaulted", "ASSAULT", "Brett Kavanaugh", None),
])
def test_round_25_roles_and_force_are_coded(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


@pytest.mark.parametrize("text, word, typ", [
    ("The European Union would rush to Ukraine's aid.", "rush", "CONSULT"),
    ("Lopez was arrested for allegedly attacking Mark Davis at a bar.", "attacking", "ACCUSE"),
    ("Carter was wounded in the first minutes of Harris's assault.", "assault", "ACCUSE"),
])
def test_round_25_force_and_help_are_not_those_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ, actor", [
    # the same shapes where the speaker or the subject is the actor stay
    ("Putin said he would meet Obama in Vienna.", "meet", "CONSULT", "Vladimir Putin"),
    ("Russia said it would strike the rebels.", "strike", "ASSAULT", "Russia"),
    ("Russia attacked Ukraine and will attack Georgia.", "attack", "ASSAULT", "Russia"),
    ("Accusing the West of lying, Putin said Russia would respond.", "Accusing", "ACCUSE", "Vladimir Putin"),
    ("Trump attacked Gen. Jim Mattis on Twitter.", "attacked", "ACCUSE", "Donald Trump"),
    ("The Syrian army fired on the convoy near Aleppo.", "fired", "ASSAULT", "Syrian Arab Army"),
])
def test_round_25_the_same_shapes_in_their_event_senses_stay(pipe, text, word, typ, actor):
    found = _roles(pipe, text, word)
    assert any(t == typ and (actor is None or a == actor) for t, a, _ in found), found


@pytest.mark.parametrize("text, word, typ", [
    # force words in another sense: a race won, a walkout, a drill, a hand, a body, a rescue
    ("The campaign laid the groundwork to blow away rival Newt Gingrich in Florida.", "blow", "ASSAULT"),
    ("The 1968 sanitation workers' strike in Memphis ended in April.", "strike", "ASSAULT"),
    ("Critics continue to bludgeon Senator Ted Cruz in the court of public opinion.", "bludgeon", "ASSAULT"),
    ("Russia simulated an attack on the Danish island of Bornholm.", "attack", "ASSAULT"),
    ("The officer pressed his weapon into Smith's back.", "pressed", "REQUEST"),
    ("Moon pulled the boy out of the pool.", "pulled", "CONCEDE"),
    # procedure: papers approved by a board or a court
    ("Commissioners approved a budget transfer for Sheriff Tom Hale.", "approved", "AGREE"),
])
def test_round_25_force_words_and_procedure_in_other_senses(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    ("Russia launched an attack on the Danish island of Bornholm.", "launched", "ASSAULT"),
    ("Rebels seized arms from the army depot in Idlib.", "seized", "COERCE"),
    ("Turkey pulled out of the talks with the Kurds.", "pulled", "CONCEDE"),
    ("The Senate approved the sale of fighter jets to Taiwan.", "approved", "AGREE"),
])
def test_round_25_force_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word", [
    # a demonym on a country's media, stars or goods is not its state
    ("Putin blasted the American media for its coverage.", "blasted"),
    ("Iran blasted the British press for its coverage.", "blasted"),
])
def test_round_25_a_demonym_on_media_or_stars_is_no_target(pipe, text, word):
    found = _roles(pipe, text, word)
    assert not any(target in ("American", "United States", "British", "United Kingdom") for _, _, target in found), found


# Round 26 (stop 43, branch events43): the development audits' wrong events (dev33's web pages and the older audits):
# everyday senses, roles, warnings of a risk; each sentence written for its test (the rules' events, before the sense
# model).
@pytest.mark.parametrize("text, word, typ", [
    # an advisory to the public or to one's own people, no threat
    ("Lee said she often warned customers to keep their passwords private.", "warned", "THREATEN"),
    ("The State Department warned Americans to avoid travel to Iraq.", "warned", "THREATEN"),
    # a shop visited
    ("Based on a visit to the new Samsung store in Seoul, the phone looks solid.", "visit", "CONSULT"),
    # shielded from harm
    ("When the gunman opened fire, Ortiz lunged to block his sister Maria from the gunfire.", "block", "SANCTION"),
    # an outcome that lets someone act
    ("It frees Chancellor Merkel to be able to work with the Social Democrats.", "frees", "CONCEDE"),
    # a transfer rumour
    ("The Brazilian has been linked with a move to Jose Mourinho's side this month.", "linked", "AGREE"),
    # a party's following measured
    ("Republican support fades as you drive north from the capital.", "support", "SUPPORT"),
    # everyday help, a newsroom's talk
    ('"I was just waiting to help someone," Ortega said.', "help", "AID"),
    ("Baker and Lopez talked with other editors about the layout.", "talked", "CONSULT"),
    # hit with a bullet: force, never words
    ("Police said Carter was hit with a bullet meant for someone else.", "hit", "ACCUSE"),
    # accusations and blame are words, not the dictionary's court charge (173) or rallying (053) of their block
    ("Putin accused Kiev of wrongdoing.", "accused", "COERCE"),
    ("Trump blamed the attack on Iran.", "blamed", "SUPPORT"),
    # ... and the attack blamed on Iran is no attack on Iran
    ("Trump blamed the attack on Iran.", "attack", "ASSAULT"),
    # sanctions lifted or eased: the easing is the event, no sanction taken, and no intent to agree
    ("The United States lifted sanctions on Cuba in January.", "lifted", "AGREE"),
    ("The United States lifted sanctions on Cuba in January.", "sanctions", "SANCTION"),
    ("The EU eased sanctions on Belarus in March.", "sanctions", "SANCTION"),
    ("The sanctions on Iran were lifted in January.", "sanctions", "SANCTION"),
    # business: rights or a contract awarded, a subscription
    ("The IOC has awarded NBC the broadcast rights through 2032.", "awarded", "CONCEDE"),
    ("The Pentagon awarded the contract to Boeing.", "awarded", "AGREE"),
    ("Follow me on Twitter and subscribe Lena Ray on YouTube.", "subscribe", "AGREE"),
])
def test_round_26_everyday_senses_and_advisories_are_no_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


def test_round_26_what_an_advisory_tells_its_own_people_to_do_is_no_event(pipe):
    # a guard of the advisory rule: the act the warned are told to do stays hidden, as under a threat (the warning's
    # content is no event: roles.warned_against)
    doc = run(pipe, "Merkel warned Germans to stock up on food and water.")
    assert_no_rule_event(doc, "warned", "THREATEN")
    assert_no_rule_event(doc, "stock", "*")


@pytest.mark.parametrize("text, word, typ", [
    # the same words where they tell the event stay
    ("China warned the Philippines to stay away from the shoal.", "warned", "THREATEN"),
    ("President Trump has warned these people to turn back.", "warned", "THREATEN"),  # a group the text names
    ("Putin warned Americans against meddling in Ukraine.", "warned", "THREATEN"),
    ("Merkel's visit to Washington was a success.", "visit", "CONSULT"),
    ("The United States blocked Venezuela from the loan.", "blocked", "SANCTION"),
    ("Saudi Arabia freed the activists to attend the hearing.", "freed", "CONCEDE"),
    ("Hamas freed the hostages on Monday.", "freed", "CONCEDE"),
    ("Turkish support for the rebels has grown since the summer.", "support", "SUPPORT"),
    ("Turkey helped the rebels in Idlib.", "helped", "AID"),
    ("Senator Cruz hit Trump with a barrage of insults.", "hit", "ACCUSE"),
    ("The EU extended sanctions on Russia.", "extended", "SANCTION"),
    ("The EU eased sanctions on Belarus in March.", "eased", "CONCEDE"),
    ("Russia granted Snowden asylum.", "granted", "AID"),
])
def test_round_26_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ, actor, target", [
    # a trial undergone: the one tried, no actor
    ("Former minister Bo Xilai stood trial for corruption on Thursday.", "stood", "COERCE", None, "Bo Xilai"),
    # a headline's passive in a related-news line: the ones urged
    ("- Australians urged to prepare for Cyclone Debbie", "urged", "REQUEST", None, "Australian"),
    # a dateline's place set off by a colon: the subject is the one after it
    ("New Delhi: Congress leader Digvijaya Singh on Monday launched a bitter attack on his rival Kapil Sibal and also "
     "targeted BJP president Amit Shah.", "targeted", "ACCUSE", "Digvijaya Singh", "Amit Shah"),
    # sanctions lifted: an easing (CAMEO 085) of the United States towards Cuba
    ("The United States lifted sanctions on Cuba in January.", "lifted", "CONCEDE", "United States", "Cuba"),
    # blame a thing on a party: the "on" object is the one blamed
    ("Trump blamed the attack on Iran.", "blamed", "ACCUSE", "Donald Trump", "Iran"),
    ("Some Democrats are prepared to blame a loss for Biden on the debate.", "blame", "ACCUSE",
     "Democratic Party (United States)", None),
    # guards: the active verb keeps its subject, blame of a party keeps its object
    ("Obama urged Canadians to prepare for the storm.", "urged", "REQUEST", "Barack Obama", "Canadian"),
    ("Obama blamed Putin for the crisis.", "blamed", "ACCUSE", "Barack Obama", "Vladimir Putin"),
])
def test_round_26_roles_of_trials_headlines_and_datelines(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


def test_round_26_state_verbs_are_data():
    """`rendered_state` reads its verbs from modality.yaml (`state_verbs`), no verb named in Python."""
    import dataclasses
    import spacy

    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import rendered_state

    w = words()
    assert "render" in w.state_verbs
    nlp = spacy.blank("en")
    doc = nlp("rendered homeless")
    verb, adj = doc[0], doc[1]
    verb.lemma_, verb.pos_, adj.lemma_, adj.pos_ = "render", "VERB", "homeless", "ADJ"
    adj.head, adj.dep_ = verb, "oprd"
    assert rendered_state(verb, w)
    assert not rendered_state(verb, dataclasses.replace(w, state_verbs=frozenset()))


# Round 27 (stop 44, branch events44): the development audits' roles and senses — a dateline as a party, a firm as the
# target of what befalls its staff, a firm's help desk named in a menu, a child grabbed; each sentence written for its
# test (the rules' events, before the sense model).
@pytest.mark.parametrize("text, word, typ, actor, target", [
    # a dateline is where the story was filed: never the actor, and the subject after it is
    ("LAGOS (Reuters) - Nigeria vowed on Monday to punish the attackers.", "punish", "COERCE", "Nigeria", None),
    ("LISBON (AP) - Portuguese police arrested four men on Sunday.", "arrested", "COERCE", "Portuguese", None),
    ("CAIRO — Egypt — the most populous Arab state — accused Ethiopia of stalling the dam talks.", "accused", "ACCUSE",
     "Egypt", "Ethiopia"),
    ("Ankara (AP) — Turkey's interior minister on Friday accused Greece of harboring coup plotters.", "accused",
     "ACCUSE", "Turkey", "Greece"),
    ("KABUL, Afghanistan — Afghanistan accused Pakistan of shelling the border district.", "accused", "ACCUSE",
     "Afghanistan", "Pakistan"),
    ("SEOUL, South Korea (AP) — Japan accused China of sending warships near the islands.", "accused", "ACCUSE",
     "Japan", "China"),
])
def test_round_27_a_dateline_is_no_party_and_the_subject_after_it_acts(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


@pytest.mark.parametrize("text, word, place", [
    ("CAIRO (Reuters) — Vowing to restore order, the Egyptian army sent tanks to the square.", "restore", "CAIRO"),
    ("Damascus, Syria — Pledging to curb the rebels, the army sent tanks to Homs.", "curb", "Damascus"),
])
def test_round_27_a_datelines_place_is_never_the_actor(pipe, text, word, place):
    found = _roles(pipe, text, word)
    assert not any(place in (a, t) for _, a, t in found), found


@pytest.mark.parametrize("text, word, typ, actor, target", [
    # the same shapes that are no datelines keep their subject: a parenthesis between dashes, a capital as its state
    # (the shared `ROLE_GUARDS`, tests/events_helpers.py, since round 31b: the seeds' shapes, capitals, a joint subject)
    *ROLE_GUARDS,
    ("Iran — which denies any role — accused Israel of the attack.", "accused", "ACCUSE", "Iran", "Israel"),
    ("France - the largest army in the EU - criticized the plan.", "criticized", "ACCUSE", "France", None),
    ("New Delhi: Congress leader Digvijaya Singh on Monday launched a bitter attack on his rival Kapil Sibal and also "
     "targeted BJP president Amit Shah.", "targeted", "ACCUSE", "Digvijaya Singh", "Amit Shah"),
])
def test_round_27_the_same_shapes_that_are_no_datelines_keep_their_subject(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


def test_round_27_a_headline_has_no_dateline(pipe):
    """`dateline_end` reads no dateline in a headline's parse (the stage marks it): a headline's first name before a
    dash is its subject or topic, not where a story was filed."""
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.syntax import TITLE_KEY, dateline_end

    doc = run(pipe, "PARIS — Police arrested four men on Sunday.")
    sdoc = next(s for _, s, kind in doc.parses if kind == "body")
    sent = next(iter(sdoc.sents))
    assert dateline_end(sent, words()) == 1
    sdoc.user_data[TITLE_KEY] = True
    try:
        assert dateline_end(sent, words()) is None
    finally:
        del sdoc.user_data[TITLE_KEY]


@pytest.mark.parametrize("text, word, firm", [
    # people who work for a firm, charged, arrested or indicted: they are the target, not the firm
    ("Federal prosecutors charged two Boeing engineers with fraud on Monday.", "charged", "Boeing"),
    ("Police arrested four employees of Raytheon in Riyadh.", "arrested", "Raytheon"),
    ("China detained two Apple employees in Shanghai.", "detained", "Apple"),
    ("Three former Nokia employees were indicted on fraud charges.", "indicted", "Nokia"),
    ("The Justice Department charged Theranos executives with wire fraud.", "charged", "Theranos"),
])
def test_round_27_staff_of_a_firm_are_the_target_not_the_firm(pipe, text, word, firm):
    found = _roles(pipe, text, word)
    assert not any(t == firm for _, _, t in found), found


@pytest.mark.parametrize("text, word, name", [
    # one person described by a town or an employer the KB does not know ("a X teen"): not that body
    ("Troopers arrested a Bayou Goula teen on Sunday.", "arrested", "Bayou Goula"),
    ("Deputies arrested a Tangipahoa teen on Sunday.", "arrested", "Tangipahoa"),
    ("The Diocese of Graz, Austria, invited divorced couples to a blessing.", "invited", "Austria"),
])
def test_round_27_a_person_described_by_an_unknown_name_is_not_that_body(pipe, text, word, name):
    # (and the country of a place named in a body's name: "the Diocese of Graz, Austria" is where, not who)
    found = _roles(pipe, text, word)
    assert not any(name in (a, t) for _, a, t in found), found


@pytest.mark.parametrize("text, word, typ, actor, target", [
    # a known group's member, an unknown firm's spokesman and a court's judge stand for their body
    ("A Hampshire County Circuit Court judge denied a motion by the developer Ray Dunn.", "denied", "REJECT",
     "Hampshire County Circuit Court", "Ray Dunn"),
    ("A Hamas commander was killed in Gaza.", "killed", "ASSAULT", None, "Hamas"),
    ("An Acme Mining spokesman criticized the ban.", "criticized", "ACCUSE", "Acme Mining", None),
    # the firm itself charged stays its target; members of a party or an armed group stand for it as before
    ("The United States charged Nokia with stealing trade secrets.", "charged", "ACCUSE", "United States", "Nokia"),
    ("Egypt arrested Muslim Brotherhood members.", "arrested", "COERCE", "Egypt", "Muslim Brotherhood"),
])
def test_round_27_a_firm_or_a_group_named_as_the_target_stays(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


@pytest.mark.parametrize("text, word, typ", [
    # a firm's help desk named in a page's menu or a line of help: no support of a party
    ("Visit Google Support to reset your password.", "Support", "SUPPORT"),
    ("Home\nProducts\nApple Support\nContact us\n\nApple unveiled a new phone on Tuesday.", "Support", "SUPPORT"),
    # a child or a woman grabbed in a crime scene: force, no seizure or arrest
    ("Prosecutors say Dale Hunt grabbed the girl outside the school.", "grabbed", "COERCE"),
    ("Witnesses said Ortiz snatched the boy from a playground.", "snatched", "COERCE"),
])
def test_round_27_help_desks_and_children_grabbed_are_no_such_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words in their event senses stay
    ("Turkish Support for the rebels grew in the spring.", "Support", "SUPPORT"),
    ("Prosecutors say Dale Hunt grabbed the girl outside the school.", "grabbed", "ASSAULT"),
    ("The Taliban snatched two aid workers near Kunduz.", "snatched", "COERCE"),
])
def test_round_27_the_same_words_in_their_event_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, mark", [
    # the index of a dateline's last token (its mark), or None: the shapes `dateline_end` reads
    ("CLINTON — A town couple — neighbors of the mayor — was charged with theft.", 1),  # capitals: a dateline
    ("Moscow (AP) — Russia accused Ukraine of shelling the town.", 4),
    ("KIEV, Ukraine — Ukraine accused Russia of shelling the town.", 3),
    ("PARIS, May 2 (AFP) — France accused Russia of meddling in the vote.", 7),
    ("BEIJING (Reuters) China pledged to curb steel exports.", 3),  # the agency's bracket ends it
    ("Iran — which denies any role — accused Israel of the attack.", None),  # a parenthesis
    ("UN: Most young people oppose violence, a poll found.", None),  # a source, no place
    ("Russia accused Ukraine of shelling the town.", None),
])
def test_round_27_dateline_shapes(pipe, text, mark):
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.syntax import dateline_end

    doc = run(pipe, text)
    sdoc = next(s for _, s, kind in doc.parses if kind == "body")
    assert dateline_end(next(iter(sdoc.sents)), words()) == mark


# Round 28b (stop 45, branch roles45): roles and linking from the development and training audits and the causes the
# held-out figures named (a piece of a hyphenated word, a modifier, one person of a nation or party, a relative, a
# dateline with a colon, a city's own body); each sentence written for its test (the rules' events, before the sense
# model).
@pytest.mark.parametrize("text, word, wrong", [
    # a piece of a hyphenated word is no party
    ("Protesters attacked anti-Semitism and racism in a march on Sunday.", "attacked", "Semitism"),
    ("Neo-Nazis attacked a synagogue in Halle.", "attacked", "Nazis"),
    ("An Iranian-American journalist was arrested by Iran.", "arrested", "Iranian"),
    # one person of a party, named by a singular party word alone
    ("The Republican was twice rebuffed by the White House.", "rebuffed", "Republican"),
    # a party as the modifier of the body it governs; a chamber as the modifier of a bill
    ("The GOP state government called on Obama to act.", "called", "Republican Party (United States)"),
    ("The Republican-led state government called on Obama to act.", "called", "Republican"),
    ("The GOP-controlled legislature accused Obama of lying.", "accused", "Republican Party (United States)"),
    ("The House bill has drawn criticism from the White House.", "criticism", "House"),
    ("Rubio supported the Senate bill.", "supported", "Senate"),
    ("About 30 Senate Democrats have urged Al Franken to step down.", "urged", "Senate"),
    # a capital as the modifier of the city's own body: the city's, not the state's government, nor the place
    ("London city council rejected the plan to seek sister cities.", "rejected", "London"),
    ("Moscow police detained Navalny on Sunday.", "detained", "Moscow"),
    ("Protesters accused the Moscow police of brutality.", "accused", "Moscow"),
    # a relative who speaks is not the one named in the "of" phrase
    ("The family of Laquan McDonald asked the court to release the video.", "asked", "Laquan McDonald"),
    # the one shot is no shooter: "police shooting" misread as a participle on the noun before it
    ("His clumsy handling of the Laquan McDonald police shooting in Chicago made the mayor a pariah.", "shooting",
     "Laquan McDonald"),
    # a dateline of two places joined by a slash is where the story was filed: no party
    ("ISLAMABAD/NEW DELHI (Reuters) - Troops fired on Indian posts on Monday.", "fired", "Government of India"),
    # an officer's "of" phrase names the body whose officer acts, not the actor ("the Prime Minister of Canada")
    ("The chief judge of the U.S. Court of Appeals met with top Senate Democrats.", "met", "U.S. Court of Appeals"),
])
def test_round_28b_no_party_from_a_piece_a_modifier_or_one_of_a_kind(pipe, text, word, wrong):
    found = _roles(pipe, text, word)  # (the event may go with its only party: "London city council rejected the plan")
    assert not any(wrong in (a, t) for _, a, t in found), found


@pytest.mark.parametrize("text, word, typ, actor, target", [
    # a dateline set off by a colon, the verb hung on the place by the parser: the subject after it acts
    ("MOSCOW: Russia accused Ukraine of shelling the town.", "accused", "ACCUSE", "Russia", "Ukraine"),
    ("ANKARA: Turkey accused Greece of harboring coup plotters.", "accused", "ACCUSE", "Turkey", "Greece"),
    # a participle set off by commas between a name and its verb: the one killed, no killer
    ("''Captain Khan, killed 12 years ago, was a hero,'' Mr. Trump wrote.", "killed", "ASSAULT", None, "Khan"),
])
def test_round_28b_roles_of_misparsed_shapes(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


@pytest.mark.parametrize("text, word, typ, actor, target", [
    # the same words that stay parties: modifiers of forces and officials, plurals, collective demonyms, names glued to
    # lower-case words, a party acting itself, a name particle, a state's agents as the audits count them
    ("German troops attacked the village.", "attacked", "ASSAULT", "German", None),
    ("The Germans attacked the village.", "attacked", "ASSAULT", "German", None),
    ("The British attacked Basra.", "attacked", "ASSAULT", "British", None),
    ("An Iranian official accused Israel of the attack.", "accused", "ACCUSE", "Iranian", "Israel"),
    ("Iran arrested a U.S. official in Tehran.", "arrested", "COERCE", "Iran", "United States"),
    ("The Republican Party accused Obama of lying.", "accused", "ACCUSE", "Republican Party (United States)",
     "Barack Obama"),
    ("The GOP blasted Obama for the deal.", "blasted", "ACCUSE", "Republican Party (United States)", "Barack Obama"),
    ("Bashar al-Assad accused Turkey of arming the rebels.", "accused", "ACCUSE", "Bashar al-Assad", "Turkey"),
    ("Russia condemned the Saudi-led coalition.", "condemned", "ACCUSE", "Russia", "Saudi-led coalition in Yemen"),
    ("The Kremlin spokesman accused Kiev of shelling the town.", "accused", "ACCUSE", "Kremlin", "Government of Ukraine"),
    ("The State Department asked Iran to release the sailors.", "asked", "REQUEST",
     "United States Department of State", "Iran"),
    ("Russia, angered by the vote, attacked Georgia and seized the town.", "attacked", "ASSAULT", "Russia", "Georgia"),
    ("Otto Warmbier's father accused North Korea of torturing his son.", "accused", "ACCUSE", None, "North Korea"),
    # two names glued as joint parties (not a person's heritage), a capitalised prefix inside a body's own name, a
    # chamber acting itself
    ("Talk of US-South Korean plans to decapitate North Korea’s leadership worries Pyongyang.", "decapitate", "ASSAULT",
     "South Korean", "North Korea"),
    ("In July 2010, the Anti-Defamation League condemned Sofian Zakkout and his group AMANA.", "condemned", "ACCUSE",
     "Anti-Defamation League", "Sofian Zakkout"),  # kb50: the KB holds the league whole (was the model's "Defamation League")
    ("The Senate accused Russia of meddling.", "accused", "ACCUSE", "Senate", "Russia"),
    ("Nearly 140 House members condemned the raids on Central American families.", "condemned", "ACCUSE", "House",
     None),
    # a demonym naming one person stays, as the development audits judge it ("the demonym names him")
    ("German stabbed to death in Paris\n\nA German tourist was stabbed on Sunday.", "stabbed", "ASSAULT", None, "German"),
    ("Police said the German attacked two officers.", "attacked", "ASSAULT", "German", None),
    ("An Israeli was stabbed in Jerusalem.", "stabbed", "ASSAULT", None, "Israeli"),
    # a plural misspelled with an apostrophe is the nation's side, not one person
    ("Kerry urged a truce, but the Russian’s did not agree.", "agree", "AGREE", "Russian", None),
])
def test_round_28b_the_same_words_that_are_parties_stay(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in _roles(pipe, text, word), _roles(pipe, text, word)


def test_round_28b_a_divisions_body_is_not_the_national_one(pipe):
    """A KB government body's name right after a first-level division of its own country ("the Florida Department of
    State") is the division's body, not the national one; the national body's own name stays linked."""
    doc = run(pipe, "The Florida Department of State asked federal prosecutors to investigate the forms. "
                    "The State Department asked Iran to release the sailors.")
    linked = [(e.name, [doc.text[m.start:m.end] for m in e.mentions]) for e in doc.entities
              if e.kb_id == "us-state-department"]
    assert linked and all("Department of State" not in ms for _, ms in linked), linked


def test_round_28b_word_lists_are_read(pipe, monkeypatch):
    """The round's lists come from modality.yaml: emptying `fragment_prefixes` brings "Semitism" back as a party."""
    import dataclasses

    from spinscope.extract.events import parties
    from spinscope.extract.events.modality import words

    doc = run(pipe, "Protesters attacked anti-Semitism and racism in a march on Sunday.")
    names = {e.id: e.name for e in doc.entities}
    assert not any(names.get(e.target) == "Semitism" for e in find_events(doc, sense=False))
    emptied = dataclasses.replace(words(), fragment_prefixes=frozenset())
    monkeypatch.setattr(parties, "_words", lambda: emptied)
    assert any(names.get(e.target) == "Semitism" for e in find_events(doc, sense=False))


def test_round_28b_a_dateline_of_two_places(pipe):
    """`dateline_end` reads two places joined by a slash before the agency and the mark."""
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.syntax import dateline_end

    doc = run(pipe, "ISLAMABAD/NEW DELHI (Reuters) - Troops fired on Indian posts on Monday.")
    sdoc = next(s for _, s, kind in doc.parses if kind == "body")
    assert dateline_end(next(iter(sdoc.sents)), words()) == 7


# Round 28 (stop 45, branch events45): everyday senses outside politics (sport, business, technology, entertainment,
# health): refusals.yaml "round 28", gate.yaml `pledge` and `gated_objects`, verbs_manual.yaml `embroil`; sentences
# written for these tests (each gives its event on main 1572697, among the rules' events).

@pytest.mark.parametrize("text, word, typ", [
    ("The Metropolitan Transportation Authority invited firms to submit bids for the contract.", "invited", "REQUEST"),
    ("Google invited developers to submit apps for the contest.", "invited", "REQUEST"),        # a contest's call
    ("Obama visited his grandmother Madelyn Dunham in Hawaii.", "visited", "CONSULT"),           # a family visit
    ("Prime Minister David Cameron visited the Jaguar Land Rover plant in Solihull.", "visited", "CONSULT"),  # a site
    ("The Rolling Stones will tour China for the first time to promote their new album.", "tour", "CONSULT"),  # a band
    ("FEMA warned residents of Florida to evacuate ahead of Hurricane Irma.", "warned", "THREATEN"),  # a storm warning
    ("The Bureau of Meteorology warned residents of Queensland to prepare for Cyclone Yasi.", "warned", "THREATEN"),
    ("Nike appealed to young buyers with its new campaign.", "appealed", "REQUEST"),             # marketing
    ("We are not asking Google for much, the publishers said.", "asking", "REQUEST"),             # an idiom
    ("Lance Armstrong has been embroiled in a doping controversy.", "embroiled", "REJECT"),     # a state
    ("Chelsea agreed a deal with Real Madrid for the striker.", "agreed", "AGREE"),              # clubs' business
    ("Manchester United rejected Chelsea's offer for Wayne Rooney.", "rejected", "REJECT"),
    ("The Knicks are asking for a first-round pick in return for Carmelo Anthony.", "asking", "REQUEST"),
    ("Sean Avery fired a slap shot at Martin Brodeur in the first period.", "fired", "*"),     # a shot at goal
    ("Lemieux fired a wrist shot past Patrick Roy, the goaltender.", "fired", "*"),
    ("Ferguson attacked the referee after the defeat, saying the penalty was a disgrace.", "attacked", "ASSAULT"),
    ("The Black Death killed millions of Europeans in the 14th century.", "killed", "ASSAULT"),  # a disease kills
    ("The Gates Foundation pledged $10 million to Harvard.", "pledged", "AGREE"),                 # a gift
    ("Mark Zuckerberg pledged $100 million to Newark schools.", "pledged", "AGREE"),
    ("China moved to curb pollution in Beijing.", "curb", "COERCE"),                             # a policy on a thing
    ("The Federal Reserve acted to curb inflation, Bernanke said.", "curb", "COERCE"),
    ("FIFA banned Sepp Blatter for eight years.", "banned", "COERCE"),                           # a sports body
    ("UEFA banned Michel Platini from football for four years.", "banned", "COERCE"),
    ("The single hit No. 1 in Britain.", "hit", "*"),                                            # a chart
    ("Samsung said the Galaxy S5 supports Verizon's LTE network.", "supports", "SUPPORT"),      # a device
])
def test_round_28_everyday_senses_outside_politics_are_no_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words in their political senses stay
    ("Russia pledged $500 million in aid to Syria.", "pledged", "AGREE"),             # a state's pledge
    ("The militant group has pledged loyalty to the Islamic State.", "pledged", "AGREE"),
    ("Iran agreed a deal with the European Union on its nuclear programme.", "agreed", "AGREE"),
    ("Ukraine rejected Russia's offer of a ceasefire.", "rejected", "REJECT"),
    ("The minister visited Damascus on Monday.", "visited", "CONSULT"),
    ("Israel warned residents of Gaza to evacuate ahead of the air strikes.", "warned", "THREATEN"),  # force named
    ("North Korea warned Japan of a storm of fire.", "warned", "THREATEN"),           # a party warned by name
    ("China moved to curb Iran's oil exports.", "curb", "COERCE"),
    ("Hamas appealed to Egypt to open the border.", "appealed", "REQUEST"),
    ("The UN invited Iran to submit a proposal for talks.", "invited", "REQUEST"),
    ("The US asked China for more pressure on North Korea.", "asked", "REQUEST"),
    ("Iran asked Russia for $5 billion in loans.", "asked", "REQUEST"),               # a state asks: the gate keeps it
    ("Pakistan banned the Taliban for ten years.", "banned", "COERCE"),
    ("Russia provided technical support to the Syrian army.", "provided", "SUPPORT"),
    ("The Taliban killed three soldiers in an attack on the base.", "killed", "ASSAULT"),
    ("Missiles hit the target near Aleppo, killing five soldiers.", "hit", "ASSAULT"),
    ("The UN's inspectors are not able to visit Iran's military bases and sites.", "visit", "CONSULT"),  # whose sites
    ("All ten Democratic members of the committee urged Trump to withdraw the nomination.", "urged", "REQUEST"),
    ("The township school board voted to approve a new contract for the superintendent, Ann Ruiz.", "approve", "AGREE"),
    ("Hanson Builders is asking for an additional $2 million for its work on the new bridge.", "asking", "REQUEST"),
])
def test_round_28_the_same_words_in_their_political_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # rules whose own shapes the stage rarely reaches today (the trigger is often not coded or the sense model drops
    # it): checked on the rules directly
    ("The asking price for the Manhattan apartment was $88 million.", "asking", "asking_price"),
    ("Customers can call the support line of Netgear.", "support", "help_desk"),
    ("The band announced a European tour with dates in Berlin.", "tour", "show_tour"),
    ("The Met Office issued a severe weather warning for Scotland.", "warning", "hazard_warning"),
    ("She visited her mother in Ohio.", "visited", "kin_visited"),
])
def test_round_28_checks_hold_on_their_shapes(pipe, text, word, typ):
    from spinscope.extract.events.detect import Trigger
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import CHECKS, Ctx

    doc = run(pipe, text)
    sdoc = next(s for _, s, kind in doc.parses if kind == "body")
    tok = next(t for t in sdoc if t.text == word)
    kind = {"asking_price": "REQUEST", "help_desk": "SUPPORT", "show_tour": "CONSULT", "hazard_warning": "THREATEN",
            "kin_visited": "CONSULT"}[typ]
    trig = Trigger(tok, [tok], None, kind, tok.pos_ in ("NOUN", "PROPN"))
    assert CHECKS[typ](Ctx(trig, tok.sent, [], None, words()))


@pytest.mark.parametrize("text, typ", [
    # ... and do not hold on the political shapes next to them
    ("Obama met the parents of the kidnapped girls in Abuja.", "kin_visited"),
    ("Obama will tour Asia next month to meet leaders in Japan and China.", "show_tour"),
    ("Israel warned residents of Gaza to evacuate ahead of the air strikes.", "hazard_warning"),
    ("North Korea warned Japan of a storm of fire.", "hazard_warning"),
    ("The Pentagon sent a support team to Iraq.", "help_desk"),
])
def test_round_28_checks_keep_the_political_shapes(pipe, text, typ):
    from spinscope.extract.events.detect import Trigger
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import CHECKS, Ctx

    word = {"kin_visited": "met", "show_tour": "tour", "hazard_warning": "warned", "help_desk": "support"}[typ]
    kind = {"kin_visited": "CONSULT", "show_tour": "CONSULT", "hazard_warning": "THREATEN", "help_desk": "SUPPORT"}[typ]
    doc = run(pipe, text)
    sdoc = next(s for _, s, kind_ in doc.parses if kind_ == "body")
    tok = next(t for t in sdoc if t.text == word)
    trig = Trigger(tok, [tok], None, kind, tok.pos_ in ("NOUN", "PROPN"))
    assert not CHECKS[typ](Ctx(trig, tok.sent, [], None, words()))


# Round 29 (stop 46, branch events46): trigger senses from the development and training audits (docs/events.md
# "Round 29"): refusals.yaml "round 29", modality.yaml lists after "Round 29", gate.yaml `gated_objects` THREATEN and
# the to-clause's objects (gate.py); sentences written for these tests (each gives its event on main, among the rules'
# events).

@pytest.mark.parametrize("text, word, typ", [
    # a question put, no request
    ("During the debate the moderator came back to the topic, asking Rubio to share his views on the Klan.",
     "asking", "REQUEST"),
    ("Jones said the senator walked toward him and asked Jones to repeat himself.", "asked", "REQUEST"),
    ("After CNN's Jake Tapper asked the senator who she thought would win the primary, Warren said she would not guess.",
     "asked", "REQUEST"),
    # a dismissal
    ("The Phoenix Police Department fired Officer Amber Guyger on Monday.", "fired", "*"),
    # an accident
    ("A 15-year-old student was killed in a suspected accidental shooting at a school in Texas as the Senate voted on "
     "the gun bill.", "killed", "ASSAULT"),
    # a regulation of a thing
    ("Dodd-Frank rescued the lenders and imposed new regulatory restrictions on the industry.", "imposed", "COERCE"),
    ("The senator urged Washington to fight terrorism abroad while imposing restrictions on handguns at home.",
     "imposing", "COERCE"),
    # a goal met, a reception, a phone call
    ("Democratic donors are anxious about meeting Clinton's declared goal of $2 billion for the race.", "meeting",
     "CONSULT"),
    ("Senator Sanders was met with chants of \"Lock her up\" at the rally in Ohio.", "met", "CONSULT"),
    ("\"On the way to the summit, Powell called me and said the embassy had been hit,\" the former president said.",
     "called", "REQUEST"),
    # a publication
    ("The White House ordered the release of the emails of former FBI director James Comey.", "ordered", "CONCEDE"),
    # a stance on an idea or a policy
    ("Senator Lindsey Graham endorsed one of their methods for blocking the nominee.", "endorsed", "SUPPORT"),
    ("House Democrats are happily supporting the delay as a blow to the Cadillac tax.", "supporting", "SUPPORT"),
    # business and fundraising
    ("In 2009 Mr. Cohen set up a fund in Cyprus and invited the billionaire Ihor Kolomoisky to invest.", "invited",
     "REQUEST"),
    ("Unilever threatened to pull out of the merger with Kraft.", "threatened", "THREATEN"),
    # the press declined
    ("A spokesman for the Kremlin declined requests for comment on Tuesday.", "declined", "REJECT"),
    # the road
    ("A 90-year-old man was killed in Dayton by a neighbor backing up.", "killed", "ASSAULT"),
    ("John Miller, 41, was struck while walking near Main Street, the coroner said.", "struck", "*"),
])
def test_round_29_senses_that_are_no_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    # the same words in their political senses stay
    ("Iran asked the UN inspectors to leave the country.", "asked", "REQUEST"),
    ("Two House committees asked the Justice Department to investigate whether Clinton lied.", "asked", "REQUEST"),
    ("The US asked China for more pressure on North Korea.", "asked", "REQUEST"),
    ("Russian troops fired on the protesters in Kiev.", "fired", "ASSAULT"),
    ("The rebels fired rockets at Israeli towns.", "fired", "ASSAULT"),
    ("Hamas militants killed two Israeli soldiers in an attack near the border.", "killed", "ASSAULT"),
    ("The United States imposed restrictions on Iran's oil exports.", "imposed", "*"),
    ("The EU imposed a ban on Russian oil.", "imposed", "*"),
    ("Cuba released Alan Gross, an American contractor.", "released", "CONCEDE"),
    ("Israel agreed to release 26 Palestinian prisoners.", "release", "CONCEDE"),
    ("Obama called on Russia to withdraw its troops from Crimea.", "called", "REQUEST"),
    ("Iran threatened to pull out of the nuclear deal.", "threatened", "THREATEN"),
    ("North Korea threatened to strike Guam.", "threatened", "THREATEN"),
    ("Jeb Bush endorsed Marco Rubio for president.", "endorsed", "SUPPORT"),
    ("Senator Portman endorsed the compromise drafted by Senator Manchin.", "endorsed", "SUPPORT"),  # its author's
    ("Germany backed Obama's compromise on the sanctions.", "backed", "SUPPORT"),
    ("Obama met Putin in Beijing.", "met", "CONSULT"),
    ("Russia invited China to join the talks in Geneva.", "invited", "REQUEST"),
    ("Iran rejected requests for inspections of its military sites.", "rejected", "REJECT"),
    ("A Palestinian was killed by Israeli troops while crossing the fence.", "killed", "ASSAULT"),
])
def test_round_29_the_same_words_in_their_political_senses_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


def test_round_29_word_lists_are_read(pipe, monkeypatch):
    """The checks read their lists from modality.yaml: emptied, the shape they refuse comes back."""
    import dataclasses

    from spinscope.extract.events import refusals
    from spinscope.extract.events.modality import words

    text = "Senator Lindsey Graham endorsed one of their methods for blocking the nominee."
    assert_no_rule_event(run(pipe, text), "endorsed", "SUPPORT")
    from spinscope.extract.events.detect import Trigger

    empty = dataclasses.replace(words(), policy_ideas=frozenset())
    sdoc = next(s for _, s, kind in run(pipe, text).parses if kind == "body")
    tok = next(t for t in sdoc if t.text == "endorsed")
    trig = Trigger(tok, [tok], None, "SUPPORT", False)
    assert refusals.idea_supported(trig, words())
    assert not refusals.idea_supported(trig, empty)


@pytest.mark.parametrize("text, word, holds", [
    # `question_asked` on the shapes the stage rarely codes today, checked on the rule directly
    ("\"Is the president running against his own party?\" asked Mr. Priebus, referring to the attacks.", "asked", True),
    ("The teacher asked the pupils if anyone had taken a first aid class.", "asked", True),
    ("Obama asked Congress whether it would fund the wall.", "asked", True),
    ("\"Will you help us?\" Iran asked Russia for weapons.", "asked", False),            # asked for something
    ("The committee asked the department to investigate whether she lied.", "asked", False),  # asked to act
    ("Israel asked Egypt to share intelligence on the smugglers.", "asked", False),       # "share" without a view
])
def test_round_29_question_asked_on_its_shapes(pipe, text, word, holds):
    from spinscope.extract.events.detect import Trigger
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import CHECKS, Ctx

    doc = run(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == word)
    trig = Trigger(tok, [tok], None, "REQUEST", False)
    assert CHECKS["question_asked"](Ctx(trig, tok.sent, [], None, words())) is holds



# ---- round 30 (stop 47, branch events47): modality the stage did not read, a thing as the doer, a chamber's
# procedure, groping (docs/events.md "Round 30"); sentences written for these tests.

def _modes(doc, word: str, typ: str) -> list[str]:
    """The modes of the rules' events of type `typ` ("*": any) at `word`."""
    return [m for t, m in rule_modes(doc, word) if typ in ("*", t)]


def _mode(doc, word: str, typ: str) -> str:
    found = _modes(doc, word, typ)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, word, typ, mode", [
    # an act told as not done (each "asserted" on main)
    ("Turkey has yet to release the detained journalists.", "release", "CONCEDE", "negated"),
    ("The governor is yet to endorse Senator Cruz.", "endorse", "SUPPORT", "negated"),
    ("The Security Council failed to condemn North Korea.", "condemn", "ACCUSE", "negated"),
    ("Germany refused to send weapons to Ukraine.", "send", "AID", "negated"),
    ("Obama declined to criticize Israel.", "criticize", "ACCUSE", "negated"),
    ("The opposition has yet to accuse Erdogan of fraud.", "accuse", "ACCUSE", "negated"),
    ("Russia avoided attacking NATO.", "attacking", "ASSAULT", "negated"),
    ("The senator avoided criticizing Saudi Arabia during the visit.", "criticizing", "ACCUSE", "negated"),
    # an act one could not do
    ("Egypt lacks the troops to attack Libya.", "attack", "ASSAULT", "hypothetical+negated"),
    ("Venezuela was too weak to attack Colombia.", "attack", "ASSAULT", "hypothetical+negated"),
])
def test_round_30_acts_not_done_take_their_mode(pipe, text, word, typ, mode):
    assert _mode(run(pipe, text), word, typ) == mode


@pytest.mark.parametrize("text, word, typ, mode", [
    # the governor's own event, and the shapes next to these, keep their modes
    ("Germany refused to send weapons to Ukraine.", "refused", "REJECT", "asserted"),
    ("Israel refused to withdraw from the Golan Heights.", "refused", "REJECT", "asserted"),
    ("North Korea threatened to strike Guam.", "strike", "ASSAULT", "threatened"),
    ("Hamas was quick to attack Israel.", "attack", "ASSAULT", "asserted"),
    ("Iran, too, attacked Israel.", "attacked", "ASSAULT", "asserted"),  # "too" as "also"
    ("Russia too wanted to punish Ukraine.", "punish", "COERCE", "hypothetical"),
])
def test_round_30_modes_next_to_them_stay(pipe, text, word, typ, mode):
    assert _mode(run(pipe, text), word, typ) == mode


@pytest.mark.parametrize("text, word, typ", [
    # an act one lacked the means for, with a party missing: no event (each fires on main)
    ("Egypt lacked the money to provide the support the region needed.", "provide", "SUPPORT"),
    ("Iraq lacks the means to attack Iran.", "attack", "ASSAULT"),
    # a weapon or a law as the doer through a relative pronoun, or a part "of" a law
    ("The rockets that threaten Israel are stored in Lebanon.", "threaten", "THREATEN"),
    ("The Hamas rockets that threaten Israel are stored in Gaza.", "threaten", "THREATEN"),
    ("The new rules single out the parts of the constitution that threaten Israel.", "threaten", "THREATEN"),
    # a chamber's procedure
    ("Speaker Paul Ryan called for a voice vote on the amendment.", "called", "REQUEST"),
    ("The scandal pushed Parliament to call a debate in May on whether to expel the envoy.", "call", "REQUEST"),
    # groping is no seizure
    ("Senator Joe Barton grabbed her breasts during a photo shoot, she said.", "grabbed", "COERCE"),
    ("Two women said that Mr. Barton grabbed their buttocks at a fundraiser.", "grabbed", "COERCE"),
])
def test_round_30_shapes_that_are_no_such_events(pipe, text, word, typ):
    assert_no_rule_event(run(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, typ", [
    ("Senator Joe Barton grabbed her breasts during a photo shoot, she said.", "grabbed", "ASSAULT"),  # an assault
    # political guards: the same words with a party acting stay
    ("Hezbollah, which threatened Israel last week, tested a missile.", "threatened", "THREATEN"),
    ("The Hezbollah militia that attacked Israel was based in Lebanon.", "attacked", "ASSAULT"),
    ("Iran threatened to close the Strait of Hormuz.", "threatened", "THREATEN"),
    ("Democrats called for a vote on the Russia sanctions bill.", "called", "REQUEST"),
    ("The EU called for sanctions on Iran.", "called", "REQUEST"),
    ("The EU called for sanctions on Iran.", "sanctions", "SANCTION"),
    ("Obama called on Russia to withdraw its troops from Crimea.", "called", "REQUEST"),
    ("Trump took to Twitter on Wednesday to call on Attorney General Jeff Sessions to end the inquiry.", "call",
     "REQUEST"),  # a surname no object convened
    ("Russian police grabbed the opposition leader Alexei Navalny outside his home.", "grabbed", "COERCE"),
    ("Egypt lacks the troops to attack Libya.", "attack", "ASSAULT"),  # both parties named: kept, with its mode
    ("Germany refused to send weapons to Ukraine.", "send", "AID"),
])
def test_round_30_political_shapes_stay(pipe, text, word, typ):
    assert_rule_event(run(pipe, text), word, typ)


def test_round_30_word_lists_are_read(pipe):
    """The new readings take their words from modality.yaml: emptied, the old reading comes back."""
    import dataclasses

    from spinscope.extract.events.modality import words

    empty = dataclasses.replace(words(), negating_governors=frozenset(), relative_pronouns=frozenset(),
                                convened_things=frozenset(), procedure_marks=frozenset())

    def found(text, word, w):
        return rule_modes(run(pipe, text), word, w)

    assert found("The Security Council failed to condemn North Korea.", "condemn", words()) == [("ACCUSE", "negated")]
    assert found("The Security Council failed to condemn North Korea.", "condemn", empty) == [("ACCUSE", "asserted")]
    for text, word, typ in (("The rockets that threaten Israel are stored in Lebanon.", "threaten", "THREATEN"),
                            ("Speaker Paul Ryan called for a voice vote on the amendment.", "called", "REQUEST")):
        assert typ not in [t for t, _ in found(text, word, words())]
        assert typ in [t for t, _ in found(text, word, empty)]


# ---- round 31 (stop 48, branch events48): modes and trigger senses from the development audits (docs/events.md
# "Round 31"); sentences written for these tests, run through the shared helpers of tests/events_helpers.py.


@pytest.mark.parametrize("text, word, typ, mode", [
    # an act one could not do: hypothetical and negated (main: hypothetical only)
    ("Egypt was unable to attack Libya.", "attack", "ASSAULT", "hypothetical+negated"),
    ("Britain was powerless to punish Iran.", "punish", "*", "hypothetical+negated"),
    # an act abstained from, or stopped short of: negated (main: asserted)
    ("Germany refrained from criticizing China.", "criticizing", "ACCUSE", "negated"),
    ("Obama stopped short of condemning Egypt.", "condemning", "ACCUSE", "negated"),
    ("The senator fell short of endorsing Trump.", "endorsing", "SUPPORT", "negated"),
])
def test_round_31_acts_not_done_take_their_mode(pipe, text, word, typ, mode):
    found = _modes(run_doc(pipe, text), word, typ)
    assert found == [mode], found


@pytest.mark.parametrize("text, word, typ, mode", [
    ("Egypt was able to attack Libya.", "attack", "ASSAULT", "hypothetical"),           # able: only hypothetical
    ("Iran refused to attack Israel.", "refused", "REJECT", "asserted"),
    ("Russia attacked Ukraine from the north.", "attacked", "ASSAULT", "asserted"),     # "from" on an act, no abstaining
])
def test_round_31_modes_next_to_them_stay(pipe, text, word, typ, mode):
    assert _modes(run_doc(pipe, text), word, typ) == [mode]


@pytest.mark.parametrize("text, word, typ", [
    # a warning to take care: advice, no threat (each fires on main)
    ("The Homeland Security Department warned state officials to tighten the security of voting machines.", "warned",
     "THREATEN"),
    ("DHS warned Ohio to boost its election security.", "warned", "THREATEN"),
    # "assail" in words: no force (ASSAULT on main)
    ("Aides fear that merely assailing Trump may not work.", "assailing", "ASSAULT"),
    # a rush, no accusation
    ("Kerry charged into the debate against President Bush.", "charged", "ACCUSE"),
    # a talk with a journalist: an interview, no meeting
    ("Maddow spoke with investigative reporter Jane Doe of ProPublica.", "spoke", "CONSULT"),
    ("Trump spoke with Fox News host Sean Hannity.", "spoke", "CONSULT"),
    # an act one is incapable of, with no actor read on the gerund: hypothetical and negated, dropped by the stage
    ("Iran is incapable of attacking Israel.", "attacking", "ASSAULT"),
    # a run for office, no request
    ("Kasich expected his White House bid to open his record to review.", "bid", "REQUEST"),
    # a figure of speech: an attack on a sovereignty
    ("Tehran called the sanctions an attack on the sovereignty of Iran.", "attack", "ASSAULT"),
])
def test_round_31_shapes_that_are_no_such_events(pipe, text, word, typ):
    assert_no_rule_event(run_doc(pipe, text), word, typ)


def test_round_31_assail_in_words_is_an_accusation(pipe):
    doc = run_doc(pipe, "Aides fear that merely assailing Trump may not work.")
    assert ("ACCUSE", None, "Donald Trump") in rule_roles(doc, "assailing")


@pytest.mark.parametrize("text, word, typ", [
    # political guards: the same words with a party acting, threatened or met stay (green on main and branch)
    ("The FBI warned Russia to stop its interference.", "warned", "THREATEN"),
    ("Iran warned the United States to take its warships out of the Gulf.", "warned", "THREATEN"),
    ("North Korea threatened to strike Guam.", "threatened", "THREATEN"),
    ("Gunmen assailed the convoy near Kabul.", "assailed", "ASSAULT"),
    ("Israel's attack on Syria killed ten.", "attack", "ASSAULT"),
    ("Russia accused Ukraine of shelling Donetsk.", "accused", "ACCUSE"),
    ("Prosecutors charged Manafort with fraud.", "charged", "ACCUSE"),
    ("Trump spoke with Putin on Tuesday.", "spoke", "CONSULT"),
    ("Obama spoke with Chinese President Xi Jinping.", "spoke", "CONSULT"),
    ("Iran was called on to withdraw from Syria.", "called", "REQUEST"),
    ("Obama called on Congress to act.", "called", "REQUEST"),
    ("Egypt was unable to attack Libya.", "attack", "ASSAULT"),   # both parties named: kept, with its mode
    ("The EU imposed sanctions on Russia.", "imposed", "SANCTION"),
    ("Police arrested the opposition leader in Moscow.", "arrested", "COERCE"),
])
def test_round_31_political_shapes_stay(pipe, text, word, typ):
    assert_rule_event(run_doc(pipe, text), word, typ)


@pytest.mark.parametrize("text, word, holds", [
    # the checks on shapes a whole sentence rarely codes, read on the rule directly
    ("Call Bob Smith at 555-1234 to volunteer.", "Call", True),                         # a telephone number
    ("For details, call the office at (615) 555-0199.", "call", True),
    ("Obama called Putin at 10 a.m. on Tuesday.", "called", False),                     # a subject, a time
    ("Call on Russia to withdraw its troops.", "Call", False),                           # no number, no notice word
])
def test_round_31_notice_to_readers_reads_a_phone_number(pipe, text, word, holds):
    from spinscope.extract.events.refusals import notice_to_readers
    from spinscope.extract.events.modality import words

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == word)
    assert notice_to_readers(tok, "REQUEST", words()) is holds


@pytest.mark.parametrize("text, holds", [
    ("The moderator replied that the reporter had not been called on.", True),           # the floor, no appeal
    ("Iran was called on to withdraw from Syria.", False),                              # asked to act
    ("Obama was called upon by Congress to act.", False),
])
def test_round_31_floor_given_in_the_passive(pipe, text, holds):
    from spinscope.extract.events.refusals import floor_given

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == "called")
    assert floor_given(tok) is holds


def test_round_31_word_lists_are_read(pipe):
    """The new readings take their words from modality.yaml: emptied, the old reading comes back."""
    import dataclasses

    from spinscope.extract.events.modality import words

    empty = dataclasses.replace(words(), unable_adjectives=frozenset(), abstaining_verbs=frozenset(),
                                precaution_objects=frozenset(), candidacy_marks=frozenset())

    def found(text, word, w):
        return rule_modes(run(pipe, text), word, w)

    assert found("Egypt was unable to attack Libya.", "attack", words()) == [("ASSAULT", "hypothetical+negated")]
    assert found("Egypt was unable to attack Libya.", "attack", empty) == [("ASSAULT", "hypothetical")]
    assert found("Germany refrained from criticizing China.", "criticizing", empty) == [("ACCUSE", "asserted")]
    assert found("DHS warned Ohio to boost its election security.", "warned", words()) == []
    assert [t for t, _ in found("DHS warned Ohio to boost its election security.", "warned", empty)] == ["THREATEN"]
    assert [t for t, _ in found("Kasich expected his White House bid to open his record to review.", "bid",
                                empty)] == ["REQUEST"]


@pytest.mark.parametrize("text, word, typ", [
    # a name the text calls a law, its initials or its bracketed short form as the doer: no party acts (each fires on main)
    ("Lawmakers debated Medicaid, the health program for the poor. Critics said Medicaid punished poor states.",
     "punished", "COERCE"),
    ("Congress will scrap parts of No Child Left Behind, the sprawling education law. Unions said NCLB punished them.",
     "punished", "COERCE"),
    ("Critics said that JASTA punished Saudi Arabia, since the Justice Against Sponsors of Terrorism Act (JASTA) opened "
     "the courts.", "punished", "COERCE"),
    ("The Justice Against Sponsors of Terrorism Act threatened Saudi Arabia.", "threatened", "THREATEN"),
])
def test_round_31_a_law_by_the_texts_word_is_no_doer(pipe, text, word, typ):
    assert_no_rule_event(run_doc(pipe, text), word, typ)


def test_round_31_a_group_party_to_a_pact_is_no_law(pipe):
    """The lead's final read (stop 48): an appositive whose law noun sits in a phrase after its head ("a signatory of
    the pact") does not call the name a law; the group's act stays (the merged round 31 dropped it)."""
    text = "The Afar Liberation Front, a signatory of the pact, shelled the village."
    assert ("ASSAULT", "Afar Liberation Front", None) in rule_roles(run_doc(pipe, text), "shelled")


@pytest.mark.parametrize("text, word, typ", [
    # an apposition that names a party's kind, a state's act on a law: they stay
    ("Hamas, the militant group, attacked Israel.", "attacked", "ASSAULT"),
    ("The EU, the trade bloc, sanctioned Russia.", "sanctioned", "SANCTION"),
    ("Jordan, the kingdom, accused Israel of violating the treaty.", "accused", "ACCUSE"),
    ("Obama attacked the Republicans over the Affordable Care Act.", "attacked", "ACCUSE"),
])
def test_round_31_parties_next_to_laws_stay(pipe, text, word, typ):
    assert_rule_event(run_doc(pipe, text), word, typ)


def test_round_31_law_names_read_the_texts_apposition():
    from spinscope.extract.events.modality import words
    from spinscope.extract.events.refusals import law_names

    text = ("Congress voted to end No Child Left Behind, the sweeping law of 2002. The Affordable Care Act (ACA) stays. "
            "Hamas, the militant group, fired rockets.")
    assert law_names(text, words()) == {"no child left behind", "nclb", "aca"}
    empty = __import__("dataclasses").replace(words(), law_nouns=frozenset({"zzz"}))
    assert law_names(text, empty) == {"aca"}


def test_round_31_law_doer_leaves_people_and_kb_names():
    from types import SimpleNamespace as NS

    from spinscope.extract.events.refusals import law_doer

    assert law_doer(NS(name="the Patriot Act", kb_id=None, type="organization"), frozenset())
    assert law_doer(NS(name="NCLB", kb_id=None, type="organization"), frozenset({"nclb"}))
    assert not law_doer(NS(name="Bonar Law", kb_id=None, type="person"), frozenset())          # a surname
    assert not law_doer(NS(name="NCLB", kb_id="x", type="organization"), frozenset({"nclb"}))  # a KB name
    assert not law_doer(None, frozenset({"nclb"}))

