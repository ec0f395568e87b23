"""The `entities` stage: recognition, type repair, resolution inside a document, KB links, commenters."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import spinscope
from spinscope.cli import cli
from spinscope.kb import KBError
from spinscope.model import Document
from spinscope.nlp import load_nlp
from spinscope.pipeline import DEFAULT_ORDER, Pipeline
from spinscope.report import render

from .conftest import SEEDS, cleaned_document

pytestmark = pytest.mark.slow

USER_KB = """actors:
  - id: freedonia
    name: Freedonia
    type: state
    country: FRE
    demonyms: [Freedonian, Freedonians]
  - id: coastal-shield-brigades
    name: Coastal Shield Brigades
    type: armed_group
    country: SYR
    aliases: [CSB, Liwa al-Dir al-Sahili]
  - id: liwa-suqour-al-jabal
    name: Liwa Suqour al-Jabal
    type: armed_group
    aliases: [Suqour al-Jabal Brigade, Suqour al-Jabal]
"""


def make_doc(title: str, paragraphs: list[str], comments: list[tuple[str, str]] = ()) -> Document:
    """A cleaned document with a title, body paragraphs and comments."""
    return cleaned_document(paragraphs, comments, title=title)


@pytest.fixture(scope="module")
def user_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "mine.yaml"
    path.write_text(USER_KB, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run(user_kb):
    """Analyze a document with parse + entities (and the user KB)."""
    pipeline = Pipeline(stages=["parse", "entities"], config={"kb": {"files": [str(user_kb)]}})

    def go(doc: Document) -> Document:
        return pipeline(doc)
    return go


def surfaces(doc: Document, ent) -> list[str]:
    return [doc.text[m.start:m.end] for m in ent.mentions]


def entity_of(doc: Document, surface: str):
    """The entity one of whose mentions reads `surface` (exactly)."""
    hits = [e for e in doc.entities if surface in surfaces(doc, e)]
    assert len(hits) == 1, f"{surface!r} in {len(hits)} entities: {[(e.name, surfaces(doc, e)) for e in doc.entities]}"
    return hits[0]


def valid_spans(doc: Document) -> None:
    """Every mention is its exact words: no blanks, no leading "the", no trailing possessive."""
    assert doc.problems() == []
    for e in doc.entities:
        assert e.mentions, e
        for m in e.mentions:
            s = doc.text[m.start:m.end]
            assert s and s == s.strip(), (e.name, s)
            assert not s.lower().startswith("the "), (e.name, s)
            assert not s.endswith(("'s", "’s")), (e.name, s)
    assert [e.id for e in doc.entities] == [f"e{i}" for i in range(1, len(doc.entities) + 1)]
    firsts = [min(m.start for m in e.mentions) for e in doc.entities]
    assert firsts == sorted(firsts), "ids follow the order of first mention"


def test_stage_is_in_the_default_order_after_parse():
    assert DEFAULT_ORDER.index("entities") == DEFAULT_ORDER.index("parse") + 1


def test_surname_joins_the_full_name(run):
    """People the KB does not know: the surname alone, later, is the same person."""
    doc = run(make_doc("Talks Resume in Geneva", [
        "Russian Deputy Foreign Minister Andrei Voloshenko met the UN envoy Pieter van Roon on Monday.",
        "Voloshenko said the talks had been useful. Van Roon said nothing after the meeting.",
    ]))
    valid_spans(doc)
    andrei = entity_of(doc, "Voloshenko")
    assert (andrei.name, andrei.type, andrei.kb_id) == ("Andrei Voloshenko", "person", None)
    assert surfaces(doc, andrei) == ["Andrei Voloshenko", "Voloshenko"]
    roon = entity_of(doc, "Van Roon")
    assert roon.name == "Pieter van Roon" and surfaces(doc, roon) == ["Pieter van Roon", "Van Roon"]


def test_acronym_in_brackets_and_back(run):
    doc = run(make_doc("Militia Advances Near the River", [
        "Fighters of the Northern Valley Front (NVF) took two villages on Tuesday.",
        "A spokesman for the NVF said the offensive would go on.",
        "Meanwhile the SVU (Syrian Volunteer Union) said it would stay out. The Syrian Volunteer Union "
        "has about 2,000 men.",
    ]))
    valid_spans(doc)
    nvf = entity_of(doc, "NVF")
    assert nvf.name == "Northern Valley Front"
    assert surfaces(doc, nvf) == ["Northern Valley Front", "NVF", "NVF"]
    svu = entity_of(doc, "SVU")
    assert svu.name == "Syrian Volunteer Union"
    assert surfaces(doc, svu).count("Syrian Volunteer Union") == 2


def test_acronym_known_to_the_kb(run):
    doc = run(make_doc("Coastal Clashes", [
        "The Coastal Shield Brigades shelled the road. CSB commanders denied it.",
    ]))
    csb = entity_of(doc, "CSB")
    assert csb.kb_id == "coastal-shield-brigades" and csb.type == "armed_group"
    assert surfaces(doc, csb) == ["Coastal Shield Brigades", "CSB"]


def test_role_nominals_follow_gender_role_and_nationality(run):
    doc = run(make_doc("Moscow Answers Washington", [
        "\u201cThe strikes will have consequences,\u201d said Russian Defence Ministry spokesman "
        "General Igor Konashenkov on Saturday.",
        "Maria Zakharova, spokeswoman of the Russian Foreign Ministry, called the claims absurd.",
        "The spokesman added that the aircraft had returned to base. The spokeswoman did not comment further.",
        "The Russian diplomat also said Moscow would raise the issue. The American diplomat declined to answer.",
    ]))
    valid_spans(doc)
    kon = entity_of(doc, "Igor Konashenkov")
    zak = entity_of(doc, "Maria Zakharova")
    assert kon.kb_id == "igor-konashenkov"
    assert "spokesman" in surfaces(doc, kon), "the spokesman is the man who is a spokesman"
    assert "spokeswoman" in surfaces(doc, zak), "gender: the spokeswoman is not Konashenkov"
    assert "Russian diplomat" in surfaces(doc, zak), "a Foreign Ministry spokeswoman is a diplomat"
    assert "Russian diplomat" not in surfaces(doc, kon), "a military spokesman is no diplomat"
    assert not any("American diplomat" in surfaces(doc, e) for e in doc.entities), "no American person to be"


def test_an_acronym_before_a_noun_stays_the_organisation(run):
    doc = run(make_doc("Talks Stall", [
        "His UN speech was short. The diplomats met at a Moscow press conference later.",
    ]))
    valid_spans(doc)
    un = entity_of(doc, "UN")
    assert un.kb_id == "united-nations" and un.type == "igo", "an acronym is not the town that shares its letters"
    assert entity_of(doc, "Moscow").type == "place", "a city before a noun is still the city"


def test_possessive_is_left_out_of_the_mention(run):
    doc = run(make_doc("Russia's Warning", [
        "Russia's defence ministry said the convoy was hit from the air. Konashenkov's statement followed.",
    ]))
    valid_spans(doc)
    russia = entity_of(doc, "Russia")
    assert russia.kb_id == "russia" and russia.type == "state" and russia.country == "RUS"
    assert surfaces(doc, russia) == ["Russia", "Russia"]
    assert entity_of(doc, "Konashenkov").kb_id == "igor-konashenkov"


def test_case_variants_are_one_entity(run):
    doc = run(make_doc("RUSSIA WARNS THE KURDS", [
        "Moscow told the Kurds to leave the border area, the agency said.",
    ], [("Alex M", "THE KURDS WILL NEVER LEAVE. russia is bluffing and Kurds know it.")]))
    valid_spans(doc)
    kurds = entity_of(doc, "KURDS")
    assert surfaces(doc, kurds) == ["KURDS", "Kurds", "KURDS", "Kurds"]
    assert kurds.type == "nationality" and kurds.kb_id is None
    russia = entity_of(doc, "RUSSIA")
    assert russia.kb_id == "russia"


def test_hyphen_and_space_variants_match_the_kb(run):
    doc = run(make_doc("Militants Regroup", [
        "Fighters of Liwa Suqour al Jabal moved north. The Suqour al-Jabal Brigade denied it; "
        "Suqour Al Jabal fighters were seen later near LIWA SUQOUR AL-JABAL positions.",
    ]))
    group = [e for e in doc.entities if e.kb_id == "liwa-suqour-al-jabal"]
    assert len(group) == 1
    assert surfaces(doc, group[0]) == ["Liwa Suqour al Jabal", "Suqour al-Jabal Brigade", "Suqour Al Jabal",
                                       "LIWA SUQOUR AL-JABAL"]


def test_titles_are_stripped_and_kept_as_roles(run):
    doc = run(make_doc("Kerry Calls Lavrov", [
        "U.S. Secretary of State John Kerry spoke by phone with Spokesman Igor Konashenkov and "
        "General Viktor Pozdnyakov on Friday.",
        "The general said later that the call was short.",
    ]))
    valid_spans(doc)
    kerry = entity_of(doc, "John Kerry")
    assert kerry.type == "person" and kerry.name == "John Kerry"
    assert entity_of(doc, "Igor Konashenkov").kb_id == "igor-konashenkov"
    pozd = entity_of(doc, "Viktor Pozdnyakov")
    assert "general" in surfaces(doc, pozd), "the title General made him the general"


def test_titles_inside_the_model_span_are_stripped():
    from spinscope.extract.entities.stage import find_entities, make_context

    doc = _with_forced_labels("U.S. Secretary of State John Kerry called Spokesman Igor Konashenkov and "
                              "General Viktor Pozdnyakov; Mr. Pozdnyakov did not answer.",
                              [("U.S. Secretary of State John Kerry", "PERSON"),
                               ("Spokesman Igor Konashenkov", "PERSON"),
                               ("General Viktor Pozdnyakov", "PERSON"), ("Mr. Pozdnyakov", "PERSON")])
    doc.entities = find_entities(doc, make_context())
    valid_spans(doc)
    assert entity_of(doc, "John Kerry").type == "person"
    assert entity_of(doc, "Igor Konashenkov").kb_id == "igor-konashenkov"
    assert surfaces(doc, entity_of(doc, "Viktor Pozdnyakov")) == ["Viktor Pozdnyakov", "Pozdnyakov"]


def _with_forced_labels(text: str, labels: list[tuple[str, str]]) -> Document:
    """A parsed document whose NER tags the given strings, in order, as the given labels (the
    model's mistakes, made sure of)."""
    doc = make_doc("Front Line Report", [text])
    start, end = doc.body[0].start, doc.body[0].end
    sdoc = load_nlp()(doc.text[start:end])
    ents, pos = [], 0
    for surface, label in labels:
        i = sdoc.text.index(surface, pos)
        pos = i + len(surface)
        span = sdoc.char_span(i, pos, label=label)
        assert span is not None, surface
        ents.append(span)
    others = [e for e in sdoc.ents if not any(e.start < x.end and x.start < e.end for x in ents)]
    sdoc.ents = sorted(others + ents, key=lambda s: s.start)
    doc.parses = [(start, sdoc, "body")]
    return doc


def test_known_places_are_never_persons_or_nationalities():
    from spinscope.extract.entities.stage import find_entities, make_context

    doc = _with_forced_labels(
        "Shelling hit Aleppo and the Dahiyat al-Assad district; troops near al Tanf and Raqqa held.",
        [("Aleppo", "PERSON"), ("Dahiyat al-Assad", "PERSON"), ("al Tanf", "PERSON"), ("Raqqa", "NORP")])
    doc.entities = find_entities(doc, make_context())
    valid_spans(doc)
    for name in ("Aleppo", "Dahiyat al-Assad", "al Tanf", "Raqqa"):
        assert entity_of(doc, name).type == "place", name


def test_person_evidence_beats_a_town_of_the_same_name():
    from spinscope.extract.entities.stage import find_entities, make_context

    doc = _with_forced_labels("Senator Lindsey Graham spoke first. Later Graham said the vote would fail.",
                              [("Lindsey Graham", "PERSON"), ("Graham", "PERSON")])
    doc.entities = find_entities(doc, make_context())
    graham = entity_of(doc, "Graham")
    assert graham.type == "person" and graham.name == "Lindsey Graham"


def test_demonyms_are_nationalities_linked_to_their_state(run):
    doc = run(make_doc("Freedonian Troops Arrive", [
        "Russian officers met Freedonian commanders. Syrians in the town said the Freedonians left at dawn.",
    ]))
    valid_spans(doc)
    russian = entity_of(doc, "Russian")
    assert (russian.type, russian.kb_id, russian.name, russian.country) == ("nationality", "russia", "Russian", "RUS")
    fre = entity_of(doc, "Freedonians")
    assert fre.type == "nationality" and fre.kb_id == "freedonia" and surfaces(doc, fre) == [
        "Freedonian", "Freedonian", "Freedonians"]
    syr = entity_of(doc, "Syrians")
    assert syr.type == "nationality" and syr.country == "SYR"
    assert not any(e.type == "place" for e in doc.entities if e.name in ("Russian", "Syrian", "Freedonian"))


def test_commenters_are_their_own_entities(run):
    doc = run(make_doc("Ministry Denies Report", [
        "Igor Konashenkov, the ministry spokesman, denied the report on Monday.",
    ], [("Igor Konashenkov", "Nobody believes Konashenkov any more."),
        ("Wahid Algiers", "Sergei Lavrov should resign."),
        ("Igor Konashenkov", "I stand by every word.")]))
    valid_spans(doc)
    commenters = [e for e in doc.entities if e.type == "commenter"]
    assert sorted(e.name for e in commenters) == ["Igor Konashenkov", "Wahid Algiers"]
    igor = next(e for e in commenters if e.name == "Igor Konashenkov")
    assert igor.kb_id is None and len(igor.mentions) == 2
    assert [(m.start, m.end) for m in igor.mentions] == [
        (c.author_span.start, c.author_span.end) for c in doc.comments if c.author == "Igor Konashenkov"]
    figure = next(e for e in doc.entities if e.kb_id == "igor-konashenkov")
    spans = {(m.start, m.end) for m in figure.mentions}
    assert not spans & {(m.start, m.end) for m in igor.mentions}
    assert "Konashenkov" in surfaces(doc, figure), "names inside comment text are resolved like any text"
    assert entity_of(doc, "Sergei Lavrov").type == "person"


def test_user_kb_file_adds_an_actor(user_kb):
    text = "Liwa al-Dir al-Sahili fighters entered the village, residents said."
    assert not any(e.kb_id == "coastal-shield-brigades" for e in spinscope.analyze(text).entities)
    doc = spinscope.analyze(text, kb=[user_kb])
    ent = entity_of(doc, "Liwa al-Dir al-Sahili")
    assert ent.kb_id == "coastal-shield-brigades" and ent.name == "Coastal Shield Brigades"
    assert ent.country == "SYR"
    record = doc.to_dict()["entities"]
    assert {"id", "name", "type", "kb_id", "country", "code", "mentions"} <= set(record[0])
    path = user_kb.parent / "article.txt"
    path.write_text(text, encoding="utf-8")
    [streamed] = spinscope.analyze_paths([path], kb=[user_kb])
    assert any(e.kb_id == "coastal-shield-brigades" for e in streamed.entities)
    with pytest.raises(ValueError, match="Pipeline"):
        spinscope.analyze(text, pipeline=Pipeline(), kb=[user_kb])


def test_bad_kb_file_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n    name: X\n    type: nonsense\n", encoding="utf-8")
    with pytest.raises(KBError, match="bad.yaml:4"):
        Pipeline(config={"kb": {"files": [str(bad)]}})
    res = CliRunner().invoke(cli, ["analyze", str(bad), "--kb", str(bad), "--format", "jsonl"])
    assert res.exit_code == 2 and "bad.yaml:4" in res.output


def test_cli_kb_option(tmp_path, user_kb):
    article = tmp_path / "a.txt"
    article.write_text("Freedonia Sends Envoy\n\nFreedonia said its envoy would arrive in Damascus on Sunday.\n",
                       encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(article), "--kb", str(user_kb), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output.splitlines()[0])
    ids = {e["kb_id"] for e in rec["entities"]}
    assert "freedonia" in ids
    res = CliRunner().invoke(cli, ["analyze", str(article), "--kb", str(user_kb), "--format", "pretty"])
    assert "state" in res.output and "Freedonia (kb freedonia) ×2" in res.output


def test_without_parse_there_are_no_entities():
    doc = spinscope.analyze("Russia Warns\n\nRussia's ministry warned the U.S. on Friday.\n", disable=["parse"])
    assert doc.entities == []
    assert "entities: not run" in _plain(render(doc, ["clean", "entities"]))


def _plain(renderable) -> str:
    from rich.console import Console
    console = Console(width=120, record=True, force_terminal=False)
    console.print(renderable)
    return console.export_text()


@pytest.mark.shared
def test_every_mention_span_is_valid_on_the_seeds(shared):
    pipeline = Pipeline()
    docs = [d for d in spinscope.analyze_paths(sorted(SEEDS.glob("*.txt")), pipeline=pipeline)]
    assert len(docs) == 5
    for doc in docs:
        valid_spans(doc)
        assert doc.entities
        comment_authors = {(c.author_span.start, c.author_span.end) for c in doc.comments if c.author_span}
        for e in doc.entities:
            spans = {(m.start, m.end) for m in e.mentions}
            if e.type == "commenter":
                assert spans <= comment_authors and e.kb_id is None
            else:
                assert not spans & comment_authors, "a commenter's name is never a public figure"
    names = {(e.name, e.type) for d in docs for e in d.entities}
    for place in ("Aleppo", "al Tanf", "Dahiyat al-Assad"):
        assert (place, "place") in names, place
    first = docs[0]
    assert surfaces(first, entity_of(first, "Lavrov")) == ["Sergei Lavrov", "Lavrov"]


def test_the_outlets_named_with_the_are_not_their_bare_word(run):
    """Fresh-eyes audit (stop 24): "The National" and "Foreign Policy" are outlets only as written so."""
    doc = run(make_doc("Envoy Named", [
        "The deputy national security adviser briefed the National Security Council on foreign policy.",
        "National polls show a tight race, and The National reported the same on Tuesday.",
    ]))
    valid_spans(doc)
    linked = [(e.kb_id, surfaces(doc, e)) for e in doc.entities if e.kb_id in ("the-national", "foreign-policy")]
    assert linked == [("the-national", ["National"])]
    m = next(e for e in doc.entities if e.kb_id == "the-national").mentions[0]
    assert doc.text[m.start - 4:m.start] == "The "


def test_a_capital_on_a_dateline_or_glued_to_based_is_the_city(run):
    """Fresh-eyes audit (stop 24): the place a story is filed from is no government."""
    doc = run(make_doc("Vote Called", [
        "LONDON (AP) — The prime minister called an early election on Tuesday.",
        "A London-based monitor said the capital, Kabul, was calm.",
        "Students of the American University of Kabul returned to class.",
        "London warned Kabul against new restrictions.",
    ]))
    valid_spans(doc)
    kinds = {}
    for e in doc.entities:
        for m in e.mentions:
            kinds.setdefault(doc.text[m.start:m.end], []).append((m.start, e.type, e.kb_id))
    london = sorted(kinds["London"] + kinds.get("LONDON", []))
    assert [t for _, t, _ in london] == ["place", "place", "government"]  # dateline, -based, "London warned"
    kabul = sorted(kinds["Kabul"])
    assert [t for _, t, _ in kabul] == ["place", "government"]  # "the capital, Kabul" then "warned Kabul"
    assert any(e.name == "American University of Kabul" and e.type == "organization" for e in doc.entities)


def test_zelensky_and_ghani_are_in_the_kb(run):
    doc = run(make_doc("Calls", ["President Volodymyr Zelensky spoke to Ashraf Ghani. Zelensky thanked Ghani."]))
    assert entity_of(doc, "Zelensky").kb_id == "volodymyr-zelensky"
    assert entity_of(doc, "Ghani").kb_id == "ashraf-ghani"


def test_social_platforms_are_organizations(run):
    doc = run(make_doc("Accounts Removed", ["Twitter said it removed the accounts, and Facebook followed on Monday."]))
    assert (entity_of(doc, "Twitter").type, entity_of(doc, "Twitter").kb_id) == ("organization", "twitter")
    assert entity_of(doc, "Facebook").kb_id == "facebook"


def test_a_role_naming_an_office_is_no_person(run):
    """Fresh-eyes audit (stop 24): "the deputy prime minister post" names the office, not the person
    last named."""
    doc = run(make_doc("Coalition Talks", [
        "Nick Clegg met Boris Johnson in March. A year later he was propelled into the deputy prime minister post.",
    ]))
    assert all("deputy prime minister" not in surfaces(doc, e) for e in doc.entities)


def test_a_name_before_a_facility_noun_is_the_facility(run):
    """ "Omar" of "the Omar oil field" is no person and "Conoco" of "the Conoco gas field" no company: the
    facility, nouns included, is the entity (typed other, so no namesake town is geocoded for it)."""
    doc = run(make_doc("Field raid", ["A drone hit a base near the Omar oil field, and rebels held the Conoco gas field."]))
    for name in ("Omar oil field", "Conoco gas field"):
        e = entity_of(doc, name)
        assert e.type == "other"
    assert not any(e.type == "person" and "Omar" in e.name for e in doc.entities)
    valid_spans(doc)


def _joined(doc: Document, nominal: str) -> list[str]:
    """Names of the person entities one of whose mentions reads `nominal` ("president")."""
    return [e.name for e in doc.entities if e.type == "person" and nominal in surfaces(doc, e)]


def test_a_role_nominal_joins_only_a_person_of_that_office(run):
    """Stop 24, second wave: "the chairman" or "the president" no longer falls back to any leader (a
    prime minister); "the minister" fallbacks stay for broad classes ("the general" -> military)."""
    doc = run(make_doc("Party Vote", [
        "Prime Minister Anna Berg opened the debate on Monday. The chairman of the Liberal Party then praised the plan.",
        "Prime Minister Lena Ost met the press. Later the president of the bank declined to comment.",
    ]))
    assert _joined(doc, "chairman") == [] and _joined(doc, "president") == []
    doc = run(make_doc("Port Visit", ["President Tom Ridley visited the port. The president praised the workers."]))
    assert _joined(doc, "president") == ["Tom Ridley"]


def test_a_role_nominal_with_two_fitting_persons_stays_unlinked(run):
    """Two presidents named close before "the president": which one is meant is a guess, and the
    next "the president" stays unclear until one of them is named again."""
    doc = run(make_doc("Phone Call", [
        "President Tom Ridley called President Ivo Marek on Monday. Later the president said the call went well.",
        "The weather stayed mild all week in the capital. " * 25,
        "Aides said the president would travel soon.",
        "On Friday Tom Ridley flew home, and the president thanked his staff.",
    ]))
    assert surfaces(doc, entity_of(doc, "Ivo Marek")) == ["Ivo Marek"]
    assert surfaces(doc, entity_of(doc, "Tom Ridley")) == ["Tom Ridley", "Tom Ridley", "president"]
    assert _joined(doc, "president") == ["Tom Ridley"]
    assert doc.text.index("president thanked") == max(m.start for e in doc.entities for m in e.mentions
                                                      if doc.text[m.start:m.end] == "president")


def test_a_role_after_a_copula_is_a_predicate(run):
    """ "to be the candidate of reform", "remains the president": what someone is, no mention of the
    person named before."""
    doc = run(make_doc("Primary", [
        "Democratic candidate Paul Grant met voters in Ohio. His rival wants to be the candidate of reform.",
        "President Tom Ridley spoke next. If Grant wins, Ridley remains the president until January.",
    ]))
    assert _joined(doc, "candidate") == [] and _joined(doc, "president") == []
    doc = run(make_doc("Port Visit", ["President Tom Ridley visited the port. The news was the president's speech."]))
    assert _joined(doc, "president") == ["Tom Ridley"]


def test_a_kb_acronym_the_text_defines_otherwise_is_no_link(run):
    """ "mortgage-backed securities (MBS)" defines MBS for the whole text; "Mohammed bin Salman (MBS)"
    keeps it; an acronym among other capitals ("AAA MBS bonds", "RATES ARE UP") is no link either."""
    doc = run(make_doc("Bond Market", [
        "Banks sold mortgage-backed securities (MBS) to pension funds, and the MBS market froze in weeks.",
    ]))
    assert not any(e.kb_id == "mohammed-bin-salman" for e in doc.entities)
    doc = run(make_doc("Bond Market", ["Traders bought AAA MBS bonds before the crash, and CRIME IS UP again."]))
    assert not any(e.kb_id in ("mohammed-bin-salman", "isis") for e in doc.entities)
    doc = run(make_doc("Digest", ["Item two. U.N. PANEL BACKS TRUCE PLAN, and aid trucks wait."]))
    assert entity_of(doc, "U.N.").kb_id == "united-nations"
    doc = run(make_doc("Royal Visit", [
        "Crown Prince Mohammed bin Salman (MBS) met the envoy. MBS later flew to Paris with US FBI agents.",
    ]))
    assert surfaces(doc, entity_of(doc, "Mohammed bin Salman")).count("MBS") == 2
    assert entity_of(doc, "US").kb_id == "united-states" and entity_of(doc, "FBI").kb_id


def test_a_generic_body_name_follows_the_country_of_the_text(run):
    """ "Congress" is the US Congress unless the text is plainly about another country (named twice,
    the US never) or the name goes on ("Congress of Industrial Organizations")."""
    doc = run(make_doc("State Polls", [
        "The Congress party won in Kerala, and its leaders thanked voters in New Delhi and Mumbai.",
    ]))
    # stop 42: the KB holds the Indian National Congress ("the Congress party"); the US Congress never
    assert all(e.kb_id != "united-states-congress" for e in doc.entities)
    doc = run(make_doc("Budget", ["Congress passed the budget bill in Washington, and voters in Mumbai watched."]))
    assert entity_of(doc, "Congress").kb_id == "united-states-congress"
    doc = run(make_doc("Award", ["He won praise from the Congress of Industrial Organizations in March."]))
    assert all(e.kb_id != "united-states-congress" for e in doc.entities)


def test_capitals_joined_before_a_route_noun_are_places(run):
    """ "the Baghdad-Damascus highway" runs between two cities: no government acts in it."""
    doc = run(make_doc("Convoy", [
        "The convoy drove along the Baghdad-Damascus highway, then took the Beirut–Damascus road.",
        "Later Damascus said the convoy was safe.",
    ]))
    kb = {doc.text[m.start:m.end] + str(m.start): e.kb_id for e in doc.entities for m in e.mentions}
    first = doc.text.index("Baghdad")
    assert kb.get(f"Baghdad{first}") is None and kb.get(f"Damascus{first + 8}") is None
    assert kb.get(f"Beirut{doc.text.index('Beirut')}") is None
    assert kb.get(f"Damascus{doc.text.index('Later Damascus') + 6}") == "syrian-government"


def test_a_namesake_of_a_kb_person_stays_apart(run):
    """Stop 25: a person the model finds whose surname is a KB person's but whose given name is another
    ("Deniz Akar" is not the KB's Hulusi Akar) keeps the whole name, unlinked, and the lone surname later
    joins them, unless the text names the KB's person in full. A spelling of the given name still links."""
    doc = run(make_doc("Market Fire", [
        "Deniz Akar, who runs a bakery near the harbour, said the fire started before dawn.",
        "Akar said the firemen came within ten minutes.",
    ]))
    ent = entity_of(doc, "Deniz Akar")
    assert ent.kb_id is None and ent.type == "person" and surfaces(doc, ent) == ["Deniz Akar", "Akar"]
    doc = run(make_doc("Talks", ["Hulusi Akar met his counterpart on Monday. Akar said the talks went well."]))
    assert entity_of(doc, "Hulusi Akar").kb_id == "hulusi-akar"
    doc = run(make_doc("Talks", ["Sergey Lavrov met his counterpart on Monday."]))
    assert entity_of(doc, "Sergey Lavrov").kb_id == "sergey-lavrov"


def test_a_title_of_the_other_gender_keeps_a_surname_from_the_kb_person(run):
    """"Mrs. Obama" after a namesake named in full is that namesake, not Barack Obama; "Mr. Obama" is his."""
    doc = run(make_doc("Visit", ["Michelle Obama visited a school on Monday. Mrs. Obama read to the pupils. "
                                 "Mr. Obama stayed in Washington."]))
    assert surfaces(doc, entity_of(doc, "Michelle Obama")) == ["Michelle Obama", "Obama"]
    assert entity_of(doc, "Michelle Obama").kb_id is None
    barack = [e for e in doc.entities if e.kb_id == "barack-obama"]
    assert len(barack) == 1 and len(barack[0].mentions) == 1


def test_a_personal_appositive_makes_a_person_of_an_organisation_tag(run):
    """The small model tags some unfamiliar two-word names ORG; "X, a Turkish journalist visiting ..."
    says X is a person. A title that only modifies the head noun ("a militant group") does not."""
    doc = run(make_doc("Harbour", ["Leyla Sunbeam, a Turkish journalist visiting the city, said the market was quiet."]))
    assert entity_of(doc, "Leyla Sunbeam").type == "person"
    doc = run(make_doc("Harbour", ["Nadia Orchard, an Egyptian militant group, said the market was quiet."]))
    assert entity_of(doc, "Nadia Orchard").type != "person"


# --- fresh-eyes audit (stop 25): sentences written for these rules ---------------------------------

def test_a_possessive_inside_a_kb_name_joins_it(run):
    """ "People's Daily" (any apostrophe) is one name of the KB; "Russia's" stays the state's own mention."""
    doc = run(make_doc("Papers Weigh In", [
        "The People’s Daily warned the strikers on Monday. Russia's defence ministry kept silent.",
    ]))
    valid_spans(doc)
    assert entity_of(doc, "People’s Daily").kb_id == "peoples-daily"
    assert entity_of(doc, "Russia").kb_id == "russia"


def test_a_shared_surname_goes_to_the_one_named_in_full(run):
    doc = run(make_doc("Ticket Talk", ["Joe Lieberman spoke at the dinner. Later, Lieberman praised the mayor."]))
    assert {e.kb_id for e in doc.entities if "Lieberman" in surfaces(doc, e)} == {"joe-lieberman"}
    doc = run(make_doc("Ticket Talk", ["The old Gore-Lieberman ticket came up at the dinner on Friday."]))
    lieb = entity_of(doc, "Lieberman")
    assert lieb.kb_id is None and lieb.type == "person", "named by surname alone, either Lieberman could be meant"
    doc = run(make_doc("Race Widens", ["Michael Bloomberg joined the race. Expect Bloomberg to spend freely."]))
    assert entity_of(doc, "Bloomberg").kb_id == "michael-bloomberg"
    doc = run(make_doc("Markets", ["Shares slid after Bloomberg reported the merger talks had stalled."]))
    assert entity_of(doc, "Bloomberg").kb_id == "bloomberg"


def test_national_security_council_is_not_the_un_body(run):
    doc = run(make_doc("Aide Testifies", ["A former National Security Council aide testified in Washington on Tuesday."]))
    assert entity_of(doc, "National Security Council").kb_id == "united-states-national-security-council"
    assert not any(e.kb_id == "united-nations-security-council" for e in doc.entities)


def test_lower_case_demonyms_that_are_common_words(run):
    doc = run(make_doc("Storm Damage", ["The wind brought down light poles on the avenue, and the Poles in the village helped."]))
    poles = [e for e in doc.entities if e.kb_id == "poland"]
    assert [surfaces(doc, e) for e in poles] == [["Poles"]]


def test_a_capital_after_an_area_word_is_the_city(run):
    doc = run(make_doc("Growth", ["The population of suburban Washington doubled. Washington imposed new tariffs."]))
    gov = [e for e in doc.entities if e.kb_id == "us-government"]
    assert [surfaces(doc, e) for e in gov] == [["Washington"]]
    assert gov[0].mentions[0].start > doc.text.index("doubled")


def test_an_acronym_inside_a_shouted_heading(run):
    """ "WHO IS THE FRONT-RUNNER?": "IS" names something too, but "THE" and "FRONT" name nothing."""
    doc = run(make_doc("Debate Night", ["Ten hopefuls meet tonight.", "WHO IS THE FRONT-RUNNER?",
                                        "Polls disagree. The WHO said the outbreak was over."]))
    who = [e for e in doc.entities if e.kb_id == "world-health-organization"]
    assert len(who) == 1 and len(who[0].mentions) == 1
    assert doc.text[who[0].mentions[0].start - 4:who[0].mentions[0].start] == "The "
    assert not any(e.kb_id == "isis" for e in doc.entities)


def test_a_titled_surname_joins_the_full_name_of_its_gender(run):
    """Stop 25: "Mrs. Clinton" after "Bill Clinton" is Hillary Clinton, named before him; "Mr. Clinton" is his."""
    doc = run(make_doc("Primary", ["Hillary Clinton won the primary. Bill Clinton campaigned in Ohio. "
                                   "Mrs. Clinton thanked voters. Mr. Clinton spoke later."]))
    assert surfaces(doc, entity_of(doc, "Hillary Clinton")) == ["Hillary Clinton", "Clinton"]
    assert surfaces(doc, entity_of(doc, "Bill Clinton")) == ["Bill Clinton", "Clinton"]
    hillary = entity_of(doc, "Hillary Clinton")
    assert doc.text[hillary.mentions[1].start - 5:hillary.mentions[1].start] == "Mrs. "


def test_title_case_headline_runs_are_no_names(run):
    """Fresh-eyes audit (stop 26): in a Title-Case headline the model takes runs of capitalised words
    for organisations ("Turkish Ambitions Expand", "Islamic Republic Halts Tanker Seizures"); a run the
    story never writes again is dropped, a known place and KB names stay."""
    body = ["Officials in Damascus and Moscow said the talks would resume next week. The United States "
            "declined to comment."]
    doc = run(make_doc("Turkish Ambitions Expand", body))
    assert not any(m.start < len("Turkish Ambitions Expand") for e in doc.entities for m in e.mentions
                   if e.type == "organization")
    title = "Islamic Republic Halts Tanker Seizures in Gulf"
    doc = run(make_doc(title, body))
    head = [(doc.text[m.start:m.end], e.type) for e in doc.entities for m in e.mentions if m.start < len(title)]
    assert head == [("Gulf", "place")]
    title = "Pentagon Plan for Syria: Arm Rebels in Secret?"
    doc = run(make_doc(title, body))
    head = {doc.text[m.start:m.end] for e in doc.entities for m in e.mentions if m.start < len(title)}
    assert head == {"Pentagon", "Syria"}
    valid_spans(doc)


def test_a_name_of_the_headline_written_again_below_stays(run):
    title = "Hawks Rally Behind Tulsi Gabbard"
    doc = run(make_doc(title, ["Tulsi Gabbard spoke in Hawaii on Monday. Gabbard opposed the strikes."]))
    assert [doc.text[m.start:m.end] for e in doc.entities for m in e.mentions
            if m.start < len(title) and e.type == "person"] == ["Tulsi Gabbard"]


def test_people_and_states_of_the_genre_are_in_the_kb(run):
    """Fresh-eyes audit (stop 26): the Assange coverage's people, WikiLeaks, Ecuador and its demonym."""
    doc = run(make_doc("Embassy", ["WikiLeaks founder Julian Assange stayed in the Ecuadorean embassy while "
                                   "Ecuador's president Lenin Moreno weighed his fate. Glenn Greenwald and "
                                   "Edward Snowden defended Assange; Robert Mueller was silent."]))
    kb = {doc.text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}
    assert kb["WikiLeaks"] == "wikileaks"
    assert kb["Julian Assange"] == kb["Assange"] == "julian-assange"
    assert kb["Ecuadorean"] == kb["Ecuador"] == "ecuador"
    assert kb["Lenin Moreno"] == "lenin-moreno"
    assert kb["Glenn Greenwald"] == "glenn-greenwald" and kb["Edward Snowden"] == "edward-snowden"
    assert kb["Robert Mueller"] == "robert-mueller"


def test_a_name_does_not_end_in_a_preposition(run):
    """Fresh-eyes audit (stop 26): the model's "Border Security Force of" (Kurds and Arabs) ended one word late."""
    doc = run(make_doc("Note", ["Meanwhile, the Pentagon has unveiled plans to raise a 12,000-man Regional Security "
                                "Force of Kurds and Arabs to hold the border with Iraq."]))
    names = {doc.text[m.start:m.end] for e in doc.entities for m in e.mentions}
    assert not any(n.endswith((" of", " and")) for n in names), names
    valid_spans(doc)


def test_a_place_the_model_tagged_in_a_headline_stays_whole(run):
    """A headline's "New York" is New York, not the York inside it (the cut is for names tagged as firms)."""
    doc = run(make_doc("The group did not keep its part and staged blasts in New York and New Jersey.",
                       ["Protesters marched in Albany on Monday."]))
    valid_spans(doc)
    names = {e.name for e in doc.entities}
    assert {"New York", "New Jersey"} <= names and not {"York", "Jersey"} & names


# --- fresh-eyes audit (stop 27): sentences written for these rules ---------------------------------

def test_people_and_outlets_of_the_stop27_audit_are_in_the_kb(run):
    doc = run(make_doc("Talks and Columns", [
        "Kim Jong-un met Moon Jae-in at the border, and the Washington Free Beacon reported on the talks.",
        "Senators Ted Cruz and Jeff Flake disagreed. Alexei Navalny was detained again in Moscow.",
        "Dina Habib Powell left the White House. Wesley Clark recalled the fate of Muammar Gaddafi.",
    ]))
    assert entity_of(doc, "Kim Jong-un").kb_id == "kim-jong-un"
    assert entity_of(doc, "Moon Jae-in").kb_id == "moon-jae-in"
    assert entity_of(doc, "Washington Free Beacon").kb_id == "washington-free-beacon"
    assert entity_of(doc, "Ted Cruz").kb_id == "ted-cruz"
    assert entity_of(doc, "Jeff Flake").kb_id == "jeff-flake"
    assert entity_of(doc, "Alexei Navalny").kb_id == "alexei-navalny"
    assert entity_of(doc, "Dina Habib Powell").kb_id == "dina-powell"
    assert entity_of(doc, "Wesley Clark").kb_id == "wesley-clark"
    assert entity_of(doc, "Muammar Gaddafi").kb_id == "muammar-gaddafi"


def test_a_role_with_an_of_country_complement_asks_for_that_country(run):
    """Fresh-eyes audit (stop 27): a foreign secretary "of the United Kingdom" is no US secretary
    of state named before; "the president of Ukraine" is no US president (sentences written for this test)."""
    doc = run(make_doc("Visits", [
        "In Washington the envoys met Mr. Pompeo, who said nothing. An incoming foreign secretary of the "
        "United Kingdom stayed away.",
        "Donald Trump spoke in Ohio on Monday. The president of Ukraine was not there.",
    ]))
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "mike-pompeo"] == [["Pompeo"]]
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "donald-trump"] == [["Donald Trump"]]


def test_a_body_named_after_a_kb_person_is_no_mention_of_the_person(run):
    """Fresh-eyes audit (stop 27): "the Clinton Global Initiative" is an organisation, not a mention of
    Hillary Clinton named in full in the same text (sentences written for this test)."""
    doc = run(make_doc("Giving", [
        "Hillary Clinton spoke in Ohio on Monday.",
        "Her aide once worked with the Clinton Global Initiative on a project, and Clinton thanked her.",
    ]))
    hillary = entity_of(doc, "Hillary Clinton")
    assert not any(doc.text[m.start:m.end + 7] == "Clinton Global" for m in hillary.mentions)
    assert entity_of(doc, "Clinton Global Initiative").type == "organization"


def test_a_body_named_after_a_capital_or_a_state_is_no_mention_of_the_government(run):
    """Stop 29: "Tehran University" and "the Moscow Zoo" are bodies, not the governments the capitals
    stand for; in a title-case headline "Iran Initiative" stays the state (sentences written for this test)."""
    doc = run(make_doc("Trump's Iran Initiative Is Here", [
        "In a Tehran University speech the president spoke of pride. A Moscow Zoo keeper fed the bears.",
        "Tehran said it would reply.",
    ]))
    assert entity_of(doc, "Tehran University").type == "organization"
    assert entity_of(doc, "Moscow Zoo").type == "organization"
    government = entity_of(doc, "Tehran")
    assert government.kb_id == "iranian-government" and surfaces(doc, government) == ["Tehran"]
    assert entity_of(doc, "Iran").kb_id == "iran"


def test_a_body_named_in_a_sentence_about_a_year_before_its_founding_is_not_linked(run):
    """Stop 29: the KB's `since` (the Bundeswehr: 1955) keeps "the German army" of a sentence set in 1944 apart
    from it; the same words in a sentence about a later year, or with no year, are the KB's body, and a
    number of soldiers is no year (sentences written for this test)."""
    doc = run(make_doc("Armies", [
        "The German army retreated from the coast in the summer of 1944, the historian recalled.",
        "In 2019 the German army bought trucks. The German army sent 1500 soldiers to the border.",
    ]))
    linked = [e for e in doc.entities if e.kb_id == "bundeswehr"]
    assert [surfaces(doc, e) for e in linked] == [["German army", "German army"]]
    assert linked[0].mentions[0].start > doc.text.index("1944")
    earlier = [e for e in doc.entities if e.kb_id is None and "German army" in surfaces(doc, e)]
    assert len(earlier) == 1 and earlier[0].mentions[0].start < doc.text.index("1944")


def test_a_capital_entered_taken_bombed_or_left_for_is_the_city(run):
    """Stop 29: a capital as the place troops enter, fighters take or jets bomb, or that someone leaves for,
    is the city; "warned Damascus" and "support for Damascus" stay the government (sentences written for
    this test)."""
    doc = run(make_doc("Cities", [
        "Rebel troops entered Kabul at dawn. Jets bombed Tehran overnight.",
        "The envoy left Rome for Ankara. Russia warned Damascus, and its support for Damascus held.",
    ]))
    for city in ("Kabul", "Tehran", "Ankara"):
        assert entity_of(doc, city).type == "place", city
    assert entity_of(doc, "Damascus").kb_id == "syrian-government"
    assert len(entity_of(doc, "Damascus").mentions) == 2


def test_a_given_name_alone_is_the_one_person_the_text_names_in_full_with_it(run):
    """Stop 29: "Julian" after "Julian Okafor" is him; a given name two persons of the text share stays apart,
    and a KB person's alias the text never writes ("Rafael" of Ted Cruz's legal name) does not pull a given name
    to him (sentences written for this test)."""
    doc = run(make_doc("Rally", [
        "Julian Okafor spoke in Ohio on Tuesday. Later, Julian told reporters that the plant would stay open.",
        "The count was run by John Baker and by John Miller. John said it was close.",
        "Ted Cruz came too, with his father, Rafael, a preacher.",
    ]))
    assert surfaces(doc, entity_of(doc, "Julian Okafor")) == ["Julian Okafor", "Julian"]
    assert surfaces(doc, entity_of(doc, "John Baker")) == ["John Baker"]
    assert surfaces(doc, entity_of(doc, "John Miller")) == ["John Miller"]
    assert "Rafael" not in surfaces(doc, entity_of(doc, "Ted Cruz"))


def test_a_capital_as_a_destination_or_a_home_is_the_city(run):
    """Fresh-eyes audit (stop 27): a capital after "to" of a trip or of "from X to Y", after "capitol,"
    and with its inhabitants is the city; "opposed to Damascus" and "Moscow said" stay the governments
    (sentences written for this test)."""
    doc = run(make_doc("Trips", [
        "Our envoy flew with two aides to London and then to Washington to argue the case.",
        "Artillery keeps Seoul's millions of inhabitants in range, and they want a corridor from Tehran to Beirut.",
        "Paris is opposed to Damascus. Moscow said no.",
    ]))
    for city in ("London", "Washington", "Seoul", "Tehran", "Beirut"):
        assert entity_of(doc, city).type == "place", city
    assert entity_of(doc, "Damascus").kb_id == "syrian-government"
    assert entity_of(doc, "Moscow").kb_id == "russian-government"


def test_a_kb_name_opening_another_persons_name_is_no_link(run):
    """Fresh-eyes audit (stop 27): "Christopher" of "Christopher Nolan" is no Warren Christopher; a shouted
    "IS" used as a verb ("Bond IS the hero") is no Islamic State, while "IS fighters" stays the group
    (sentences written for this test)."""
    doc = run(make_doc("Films and Fronts", [
        "Christopher Nolan revived an old series, and the critic said that Bond IS the hero.",
        "Far away, IS fighters claimed the attack.",
    ]))
    assert entity_of(doc, "Christopher Nolan").kb_id is None
    isis = [surfaces(doc, e) for e in doc.entities if e.kb_id == "isis"]
    assert isis == [["IS"]] and not any(doc.text[m.start:m.end + 4] == "IS the"
                                         for e in doc.entities for m in e.mentions)


def test_a_kb_surname_inside_a_longer_name_is_no_link(run):
    """Stop 27 merge: with Ted Cruz in the KB (alias "Cruz"), "Cruz" in the middle of a double Spanish
    surname named in full is not Ted Cruz, and the full name stays one person; a lone "Cruz" after
    "Ted Cruz" still is (sentences written for this test)."""
    doc = run(make_doc("Bishops", [
        "The letter named a bishop, Pedro de la Cruz Ibarra, and the pope defended him.",
        "In Iowa, Ted Cruz spoke first. Cruz said he would win.",
    ]))
    assert entity_of(doc, "Pedro de la Cruz Ibarra").kb_id is None
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "ted-cruz"] == [["Ted Cruz", "Cruz"]]


# --- fresh-eyes audit (stop 28): sentences written for these rules ---------------------------------

def test_people_outlets_and_states_of_the_stop28_audit_are_in_the_kb(run):
    doc = run(make_doc("Visits and Columns", [
        "Louis Farrakhan flew to Tehran, and Mohsen Rezaee received him; the Algemeiner and MEMRI covered it.",
        "Rashida Tlaib and Keith Ellison answered questions, and Jimmy Carter sent a letter to Rob Portman.",
        "The former ruler, Ali Abdullah Salih, gave up power. Refugees crossed Greece and Macedonia on foot.",
        "A report obtained by The Washington Times was shared with Hizb ut-Tahrir critics.",
    ]))
    assert entity_of(doc, "Louis Farrakhan").kb_id == "louis-farrakhan"
    assert entity_of(doc, "Mohsen Rezaee").kb_id == "mohsen-rezaei"
    assert entity_of(doc, "Algemeiner").kb_id == "algemeiner"
    assert entity_of(doc, "MEMRI").kb_id == "memri"
    assert entity_of(doc, "Rashida Tlaib").kb_id == "rashida-tlaib"
    assert entity_of(doc, "Keith Ellison").kb_id == "keith-ellison"
    assert entity_of(doc, "Jimmy Carter").kb_id == "jimmy-carter"
    assert entity_of(doc, "Rob Portman").kb_id == "rob-portman"
    assert entity_of(doc, "Ali Abdullah Salih").kb_id == "ali-abdullah-saleh"
    assert entity_of(doc, "Macedonia").kb_id == "north-macedonia"
    assert entity_of(doc, "Washington Times").kb_id == "washington-times"
    assert entity_of(doc, "Hizb ut-Tahrir").kb_id == "hizb-ut-tahrir"
    assert not any(e.kb_id == "us-government" for e in doc.entities)


def test_a_short_outlet_name_is_the_fuller_outlet_named_before(run):
    """Fresh-eyes audit (stop 28): "the Times" after "the Los Angeles Times" is that paper, not The Times
    of London; with no fuller name before it, it stays the London paper (sentences written for this test)."""
    doc = run(make_doc("Coverage", [
        "The story first ran in the Los Angeles Times on Friday.",
        "According to the Times, the police found no motive.",
    ]))
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "los-angeles-times"] == [["Los Angeles Times", "Times"]]
    assert not any(e.kb_id == "the-times" for e in doc.entities)
    other = run(make_doc("Coverage", ["According to the Times, the minister will resign."]))
    assert entity_of(other, "Times").kb_id == "the-times"


def test_a_kb_name_as_a_common_noun_phrase_is_no_link(run):
    """Fresh-eyes audit (stop 28): "an Islamic state" (a kind of state) is not the Islamic State group,
    while "an Islamic State fighter" and "a Syrian army" (a demonym first) keep their links (sentences
    written for this test)."""
    doc = run(make_doc("Sermons", [
        "The preacher demanded an Islamic state in every land he named.",
        "Later an Islamic State fighter was captured, and the town faced a Syrian army backed by Iran.",
    ]))
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "isis"] == [["Islamic State"]]
    assert entity_of(doc, "Syrian army").kb_id == "syrian-arab-army"


def test_a_kb_name_before_an_arabic_name_particle_is_another_person(run):
    """Fresh-eyes audit (stop 28): "Mubarak al-Shabwani" is not Hosni Mubarak; "Hosni Mubarak" and a lone
    "Mubarak" after him still are (sentences written for this test)."""
    doc = run(make_doc("Courts", [
        "A court sentenced a tribesman, Mubarak al-Qurashi, to death on Monday.",
    ]))
    assert not any(e.kb_id == "hosni-mubarak" for e in doc.entities)
    doc = run(make_doc("Courts", ["Hosni Mubarak stood trial again. Mubarak denied the charges."]))
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "hosni-mubarak"] == [["Hosni Mubarak", "Mubarak"]]
def test_a_bare_surname_two_persons_share_goes_to_the_one_named_first(run):
    """Stop 28: a bare surname shared by two persons of the text is the main referent, the one named in
    full first, not whichever of them was named last ("his former wife Nora Keller ... Keller said")."""
    doc = run(make_doc("Race", [
        "State senator Tom Keller lost ground in the county race this week.",
        "His former wife, Nora Keller, told a local paper about their long dispute over the farm.",
        "Keller said on Friday that he would stay in the race until the vote.",
    ]))
    tom = entity_of(doc, "Tom Keller")
    assert surfaces(doc, tom) == ["Tom Keller", "Keller"]
    assert surfaces(doc, entity_of(doc, "Nora Keller")) == ["Nora Keller"]


def test_a_surname_shared_with_a_kb_person_named_first_is_that_person(run):
    """Stop 28: "Sanders" after Bernie Sanders (of the KB, named first) and his wife Jane Sanders is his."""
    doc = run(make_doc("Campaign", [
        "Bernie Sanders spoke to students in a packed hall on Tuesday.",
        "His wife, Jane Sanders, later met the organisers of the tour.",
        "On Friday, Sanders promised to keep fighting for lower tuition.",
    ]))
    bernie = [e for e in doc.entities if e.kb_id == "bernie-sanders"]
    assert len(bernie) == 1 and surfaces(doc, bernie[0]) == ["Bernie Sanders", "Sanders"]
    assert surfaces(doc, entity_of(doc, "Jane Sanders")) == ["Jane Sanders"]


def test_titles_of_both_genders_leave_a_surname_of_unknown_gender_unlinked(run):
    """Stop 28: with "Mr. Haddad" and "Ms. Haddad" both in the text and only Leila Haddad named in full
    (her gender unknown), "Mr. Haddad" is not linked to her: no link beats a wrong one."""
    doc = run(make_doc("Parents", [
        "Omar and Leila Haddad spoke to reporters outside the court on Monday.",
        "Mr. Haddad said the ruling had come far too late for the family.",
        "Ms. Haddad added that they would appeal before the end of the month.",
    ]))
    leila = entity_of(doc, "Leila Haddad")
    mr = doc.text.index("Mr. Haddad") + 4
    assert not any(s.start == mr for s in leila.mentions)


def test_a_country_after_for_inside_a_longer_name_is_no_country(run):
    """Stop 28: "Mothers Alliance for Syria", a name the model does not tag, names a group, not Syria."""
    doc = run(make_doc("Appeal", [
        "On Sunday the group Mothers Alliance for Syria asked donors for blankets and food.",
    ]))
    start = doc.text.index("Syria")
    assert not any(s.start <= start < s.end for e in doc.entities if e.kb_id == "syria" for s in e.mentions)
    assert entity_of(doc, "Mothers Alliance for Syria").type == "organization"


def test_a_surname_before_white_house_is_the_president_or_no_one(run):
    """Stop 28: "the Keller White House" names a president's government, not the article's main person of
    that surname: the namesake the text calls president, else nobody (the bare "Keller" stays Tom's)."""
    doc = run(make_doc("Race", [
        "State senator Tom Keller lost ground in the county race this week.",
        "His cousin, Nora Keller, told a local paper about their long dispute over the farm.",
        "Critics said the plan recalled the Keller White House of the nineties.",
        "Keller said on Friday that he would stay in the race until the vote.",
    ]))
    tom = entity_of(doc, "Tom Keller")
    assert surfaces(doc, tom) == ["Tom Keller", "Keller"], [(e.name, surfaces(doc, e)) for e in doc.entities]
    assert all(doc.text[m.end:m.end + 12] != " White House" for e in doc.entities if e.kb_id or e is tom
               for m in e.mentions)
    doc = run(make_doc("Race", [
        "State senator Tom Keller lost ground in the county race this week.",
        "His uncle, President Hal Keller, left office in 1999.",
        "Critics said the plan recalled the Keller White House of the nineties.",
    ]))
    assert "Keller" in surfaces(doc, entity_of(doc, "Hal Keller")), [(e.name, surfaces(doc, e)) for e in doc.entities]


# --- fresh-eyes audit (stop 29): sentences written for these rules ---------------------------------

def test_people_and_bodies_of_the_stop29_audit_are_in_the_kb(run):
    doc = run(make_doc("Campaign Notes", [
        "Mitch McConnell met John Kasich and Ben Carson, and Kasich left first.",
        "Debbie Wasserman Schultz handed the gavel to Donna Brazile before Tim Kaine spoke.",
        "Steve Bannon and Reince Priebus called Sheldon Adelson, who backs AIPAC and the Republican Jewish Coalition.",
        "Pope Francis prayed for peace; the Palestinian Authority thanked him, and the RNC stayed silent.",
        "Al Sharpton and Mike Huckabee debated on the radio.",
    ]))
    for surface, kb_id in [("Mitch McConnell", "mitch-mcconnell"), ("John Kasich", "john-kasich"),
                           ("Kasich", "john-kasich"), ("Ben Carson", "ben-carson"),
                           ("Debbie Wasserman Schultz", "debbie-wasserman-schultz"), ("Donna Brazile", "donna-brazile"),
                           ("Tim Kaine", "tim-kaine"), ("Steve Bannon", "steve-bannon"),
                           ("Reince Priebus", "reince-priebus"), ("Sheldon Adelson", "sheldon-adelson"),
                           ("AIPAC", "aipac"), ("Republican Jewish Coalition", "republican-jewish-coalition"),
                           ("Pope Francis", "pope-francis"), ("Palestinian Authority", "palestinian-authority"),
                           ("Al Sharpton", "al-sharpton"), ("Mike Huckabee", "mike-huckabee"),
                           ("RNC", "republican-national-committee")]:
        assert entity_of(doc, surface).kb_id == kb_id, surface


def test_a_kb_acronym_does_not_join_another_body_of_the_same_initials(run):
    """Fresh-eyes audit (stop 29): "the DNC" (the committee, in the KB) is not the Democratic National
    Convention the text names too."""
    doc = run(make_doc("Party Week", [
        "The DNC chair stepped down days before the Democratic National Convention opened in the city.",
        "Later the DNC apologized to the delegates.",
    ]))
    dnc = entity_of(doc, "DNC")
    assert dnc.kb_id == "democratic-national-committee" and surfaces(doc, dnc) == ["DNC", "DNC"]
    assert entity_of(doc, "Democratic National Convention") is not dnc


def test_a_shouted_word_named_like_a_kb_person_is_no_link(run):
    """Fresh-eyes audit (stop 29): "BAN" in a shouted line ("VOTERS BACK FULL BAN ON FIREWORKS") is the
    word, not Ban Ki-moon; a shouted "PUTIN" over a text that writes "Putin" keeps the link."""
    doc = run(make_doc("Morning Digest", [
        "VOTERS BACK FULL BAN ON FIREWORKS The council will vote again next month on the new rules.",
        "PUTIN WARNS THE WEST Putin said on Monday that the talks had failed.",
    ]))
    assert not any(e.kb_id == "ban-ki-moon" for e in doc.entities), [(e.name, surfaces(doc, e)) for e in doc.entities]
    assert entity_of(doc, "PUTIN").kb_id == "vladimir-putin"


def test_a_kb_name_opening_a_sentence_in_lower_case_is_the_phrase(run):
    """Fresh-eyes audit (stop 29): "Foreign policy is always uncertain" opens a sentence with the phrase,
    not the magazine Foreign Policy, which "Foreign Policy reported" still names."""
    doc = run(make_doc("Notes", [
        "Foreign policy is always uncertain, and voters know it.",
        "Foreign Policy reported on Monday that the envoy had resigned.",
    ]))
    assert [surfaces(doc, e) for e in doc.entities if e.kb_id == "foreign-policy"] == [["Foreign Policy"]]


def test_the_president_is_no_one_the_kb_gives_that_office_as_past(run):
    """Fresh-eyes audit (stop 29): "the president" after Barack Obama and Jimmy Carter (a former
    president in the KB) is Obama; "the former president" may be Carter."""
    doc = run(make_doc("Peace Talks", [
        "Barack Obama ordered the talks to resume. Jimmy Carter urged patience in a letter.",
        "The president said on Friday that the talks would go on.",
    ]))
    start = doc.text.index("president said")
    owner = next(e for e in doc.entities for m in e.mentions if m.start <= start < m.end)
    assert owner.kb_id == "barack-obama"
    doc = run(make_doc("Peace Talks", [
        "Jimmy Carter urged patience in a letter. The former president said the talks would go on.",
    ]))
    start = doc.text.index("former president")
    assert any(e.kb_id == "jimmy-carter" for e in doc.entities for m in e.mentions if m.start <= start + 7 < m.end)


def test_a_country_listed_among_another_countrys_states_is_that_state(run):
    """Fresh-eyes audit (stop 31): "Georgia" in a list of US states is the US state, no KB link to the
    Caucasus republic; beside Russia and Ukraine it stays the country."""
    doc = run(make_doc("Primary Night", [
        "Senator Kane won Virginia, Georgia and Alabama on Tuesday, and his rival carried Texas and Oklahoma.",
        "Kane also leads in Georgia.",
    ]))
    georgia = entity_of(doc, "Georgia")
    assert georgia.kb_id is None and georgia.type == "place"
    doc = run(make_doc("Accord", ["Russia, Ukraine and Georgia signed the accord on Monday."]))
    assert entity_of(doc, "Georgia").kb_id == "georgia"


def test_actors_added_at_the_stop_31_audit(run):
    """Fresh-eyes audit (stop 31): the London mayor, ITV, two former secretaries of state, a former
    defense secretary, an under secretary, a former EU foreign-policy chief, a campaign adviser and three
    senators are in the KB."""
    doc = run(make_doc("Mayor Rebuked", [
        "Sadiq Khan told ITV on Monday that the remarks were ignorant.",
        "Donald Rumsfeld once said the same of Colin Powell and Condoleezza Rice, Senator Dianne Feinstein noted.",
        "Wendy Sherman met Lady Ashton in Vienna; Jake Sullivan briefed Senator Tim Scott and Senator Joe Donnelly.",
    ]))
    linked = {e.kb_id for e in doc.entities}
    assert {"sadiq-khan", "itv", "donald-rumsfeld", "colin-powell", "condoleezza-rice", "dianne-feinstein",
            "wendy-sherman", "catherine-ashton", "jake-sullivan", "tim-scott", "joe-donnelly"} <= linked, linked


WHIRLCO = 'Furnace plant to move south.\n\nThe video, shot by a worker on the floor of a Whirlco factory here last month, captured the debate over trade.\n\nWhirlco is moving 1,400 jobs to Monterrey. Whirlco said the decision was strictly about costs.\n\nNina Holt, a 14-year Whirlco worker, said she was undecided. Whirlco\'s managers told workers in February.\n\nMark Reed started work at Whirlco 24 years ago. Whirlco employs 2,000 people in the state.\n\nBack in the capital, state Representative Ellen Marsh, a Democrat, wants answers. Her district includes the Whirlco plant. "We were never told," she said.\n'


def test_a_word_typed_a_person_in_a_few_places_and_a_company_more_often_is_one_company(run):
    """Fresh-eyes audit (stop 31): the model types a one-word company name a person in a few sentences
    ("Whirlco said", "a 14-year Whirlco worker") and an organization in more; with no title and no
    fuller person's name it is one organization, so "she said" can no longer go to it."""
    doc = run(Document(WHIRLCO))
    found = [(e.type, len(e.mentions)) for e in doc.entities if e.name == "Whirlco"]
    assert len(found) == 1 and found[0][0] == "organization", found


def test_a_given_name_and_a_surname_typed_a_body_is_a_person(run):
    """Fresh-eyes audit (stop 31): "Eva-Marie Lindgren" typed an organization by the model (a
    hyphenated given name) is a person, so "Lindgren" later joins her."""
    doc = run(Document("Prosecutors Close Fraud Case\n\n“After a full review of the evidence, I have decided to "
                       "close the case,” the region’s deputy chief prosecutor, Eva-Marie Lindgren, said on "
                       "Tuesday.\n\nLindgren explained that the witness had first seemed credible.\n"))
    people = [(e.name, len(e.mentions)) for e in doc.entities if e.type == "person"]
    assert people == [("Eva-Marie Lindgren", 2)], [(e.name, e.type) for e in doc.entities]
    doc = run(Document("Deputies in Henry County and on Martin Court searched the area on Friday.\n"))
    assert not [e.name for e in doc.entities if e.type == "person"], [(e.name, e.type) for e in doc.entities]


def test_a_surname_that_is_a_town_is_the_person_when_it_tells(run):
    """Fresh-eyes audit (stop 31): "Dayton tells The Associated Press" after "Gov. Mark Dayton" is the
    governor ("tells" now a speech verb of data/entities/recognize.yaml, as "says" was)."""
    doc = run(Document("Caucus Night\n\nMinnesota Gov. Mark Dayton is backing Hillary Clinton.\n\n"
                       "Dayton tells the Star Tribune that he expects a close night.\n"))
    assert entity_of(doc, "Dayton").name == "Mark Dayton"


def test_a_capitals_possessive_four_words_before_its_mayor_is_the_city(run):
    """Fresh-eyes audit (stop 31): "London's newly elected Labour mayor" is the city's mayor, not the
    British government (the city noun may stand four words after the possessive, was three)."""
    doc = run(Document("The candidate also criticised London’s newly elected Labour mayor for his remarks.\n"))
    assert entity_of(doc, "London").kb_id is None


def test_a_given_name_typed_a_body_after_the_full_name_is_that_person(run):
    """Fresh-eyes audit (stop 31): "a big fan of Paul" (tagged ORG, then geocoded to a town named Paul)
    after "Speaker Paul D. Ryan" is Ryan; "Paris" after "Paul D. Ryan" stays a place."""
    doc = run(Document("Budget Fight\n\nSpeaker Paul D. Ryan was absent from his home state last week.\n\n"
                       "''I'm a big fan of Paul,'' said Senator Ann Vale. ''He's a good person.''\n"))
    assert entity_of(doc, "Paul").kb_id == "paul-ryan"


def test_a_surname_after_a_given_name_in_the_text_is_no_company():
    """Review of stop 31: the one-company merge ("Whirlco") must not take a person the text names in full
    ("Officer Karen Voskuijlen", then "Voskuijlen" alone, which the model types a person twice and an
    organization three times): she stays a person (seen on a real police story)."""
    from spinscope.extract.entities.recognize import Mention
    from spinscope.extract.entities.resolve import Cluster, _one_company

    text = ("Officer Karen Voskuijlen was fired. Voskuijlen said little. Voskuijlen left. "
            "Voskuijlen appealed. Voskuijlen lost. Voskuijlen moved.")

    def mentions(source_type):
        found = [i for i in range(len(text)) if text.startswith("Voskuijlen", i) and text[i - 6:i] != "Karen "]
        return [Mention(start=i, end=i + 10, seg=0, first=0, last=1, source="ner", type=source_type,
                        key=("voskuijlen",)) for i in found]

    person, org = mentions("person")[:2], mentions("organization")[2:]
    clusters = [Cluster(mentions=person, type="person"), Cluster(mentions=org, type="organization")]
    _one_company(text, clusters)
    assert len(clusters[0].mentions) == 2 and len(clusters[1].mentions) == 3
    # without the fuller name the same mentions are one company
    bare = text.replace("Officer Karen Voskuijlen", "The officer")
    person = [Mention(start=m.start - 10, end=m.end - 10, seg=0, first=0, last=1, source="ner", type="person",
                      key=("voskuijlen",)) for m in mentions("person")[:2]]
    org = [Mention(start=m.start - 10, end=m.end - 10, seg=0, first=0, last=1, source="ner", type="organization",
                   key=("voskuijlen",)) for m in mentions("organization")[2:]]
    clusters = [Cluster(mentions=person, type="person"), Cluster(mentions=org, type="organization")]
    _one_company(bare, clusters)
    assert clusters[0].mentions == [] and len(clusters[1].mentions) == 5


def test_a_given_name_alone_after_the_full_name_is_the_person_not_a_town(run):
    """Stop 31: "Amelia" alone after "Amelia Earhart" was a town in Ohio (the name was missing from
    data/entities/given_names.yaml, which the given-name repair reads)."""
    text = ("Search Team Returns to Atoll\n\nAmelia Earhart vanished in 1937 with her navigator Fred Noonan. "
            "Researchers think Amelia may have landed on a reef near the island.\n")
    doc = run(Document(text))
    assert [(e.name, e.type, len(e.mentions)) for e in doc.entities if "Amelia" in e.name] == \
        [("Amelia Earhart", "person", 2)], [(e.name, e.type) for e in doc.entities]


def test_an_acronym_the_text_spells_out_as_another_body_is_not_the_kb_actor(run):
    """Stop 32: "NSC (NATO Shipping Centre)" in a piracy bulletin was the US National Security Council
    (a KB acronym) in all five mentions; the text's own expansion, in brackets after the acronym, says
    it is another body. "the National Security Council (NSC)" still is the council."""
    text = ("Masters should send reports to the NSC (NATO Shipping Centre) in Northwood. "
            "The NSC answers every report within a day.\n")
    doc = run(Document(text))
    assert not [e for e in doc.entities if e.kb_id == "united-states-national-security-council"], \
        [(e.name, e.kb_id) for e in doc.entities]
    doc = run(Document("The president met the National Security Council (NSC) on Monday. The NSC then issued a statement.\n"))
    assert [len(e.mentions) for e in doc.entities if e.kb_id == "united-states-national-security-council"] == [3]


def test_a_kb_body_name_that_goes_on_with_another_country_is_not_the_kb_body(run):
    """Stop 32: "the far-right National Democratic Party of Germany" linked its "Democratic Party" to the
    US party; a body's name followed by "of" and another country than the KB body's is that country's."""
    text = ("Voters in Saxony turned to the far-right National Democratic Party of Germany in large numbers, "
            "while turnout in Dresden fell.\n")
    doc = run(Document(text))
    assert not [e for e in doc.entities if e.kb_id == "democratic-party-us"], [(e.name, e.kb_id) for e in doc.entities]
    doc = run(Document("Hillary Clinton spoke to the Democratic Party of Iowa on Monday, and then to the United States "
                       "Senate.\n"))
    assert [e.kb_id for e in doc.entities if e.name.startswith("Democratic Party")] == ["democratic-party-us"]


def test_a_role_nominal_of_a_named_body_is_not_a_kb_holder_of_another(run):
    """Stop 32: "the chairman of the [county] Republican party" was John McCain (the KB's
    chairman of the Senate Armed Services Committee, named earlier): a role with an "of" complement naming
    a body joins only a person whose KB role or affiliation names it; "the chairman" alone still joins him."""
    text = ("Senator John McCain visited Arizona on Monday. A few days later, the chairman of the Republican "
            "party in Pike County, Ohio, attacked the plan.\n")
    doc = run(Document(text))
    mccain = [e for e in doc.entities if e.kb_id == "john-mccain"]
    assert [text[m.start:m.end] for m in mccain[0].mentions] == ["John McCain"], mccain
    doc = run(Document("Senator John McCain visited Arizona on Monday. Later the chairman of the Senate Armed "
                       "Services Committee attacked the plan.\n"))
    assert "chairman" in [doc.text[m.start:m.end] for e in doc.entities if e.kb_id == "john-mccain" for m in e.mentions]
    # a body the KB role names by another of its names still fits ("director of the FBI")
    doc = run(Document("James Comey testified on Monday. Later the director of the Federal Bureau of "
                       "Investigation said he had no regrets.\n"))
    assert "director" in [doc.text[m.start:m.end] for e in doc.entities if e.kb_id == "james-comey" for m in e.mentions]


def test_kb_actors_added_at_stop_32(run):
    """Stop 32: the Benghazi ambassador, 2012-2016 campaign figures and the ACLU were unlinked names."""
    text = ("Ambassador Chris Stevens died in the attack. The ACLU sued, Rick Santorum and Jill Stein "
            "spoke, and Santorum later wrote to Rush Limbaugh.\n")
    doc = run(Document(text))
    got = {e.kb_id: len(e.mentions) for e in doc.entities if e.kb_id}
    assert got == {"chris-stevens": 1, "aclu": 1, "rick-santorum": 2, "jill-stein": 1, "rush-limbaugh": 1}, got


def test_an_outlet_named_the_and_a_place_written_without_its_capital_the_is_the_place(run):
    """Stop 32 (left from stop 31): "across the Atlantic" linked the magazine The Atlantic; an outlet
    "The X" whose X is a curated place is the outlet only as "The X"."""
    doc = run(Document("Diplomats across the Atlantic welcomed the treaty on Monday.\n"))
    assert not [e for e in doc.entities if e.kb_id == "the-atlantic"], [(e.name, e.kb_id) for e in doc.entities]
    doc = run(Document("An essay in The Atlantic drew replies from two senators on Monday.\n"))
    assert [e.kb_id for e in doc.entities if "Atlantic" in e.name] == ["the-atlantic"]


def test_a_venue_glued_to_a_surname_is_not_the_kb_person(run):
    """Stop 32 (fresh7 at stop 31): "Feinstein's/54 Below", a cabaret, was the KB's Senator Dianne
    Feinstein (bare-surname alias)."""
    doc = run(Document("The singer played two nights at Feinstein's/54 Below in Manhattan last month.\n"))
    assert not [e for e in doc.entities if e.kb_id == "dianne-feinstein"], [(e.name, e.kb_id) for e in doc.entities]
    doc = run(Document("Senator Dianne Feinstein spoke on Monday. Feinstein's office said she would vote no.\n"))
    assert [len(e.mentions) for e in doc.entities if e.kb_id == "dianne-feinstein"] == [2]


def test_a_dotted_acronym_goes_to_the_actor_the_kb_writes_so(run):
    """Stop 32 (left from stop 31): "M.I.T." was Turkey's intelligence service (KB alias "MIT"); of two
    actors sharing a name, the one whose name is written as in the text."""
    doc = run(Document("She studied physics at M.I.T. before joining a laboratory in Boston.\n"))
    assert [e.kb_id for e in doc.entities if e.kb_id] == ["massachusetts-institute-of-technology"]
    doc = run(Document("Turkey's MIT intelligence agency detained two suspects in Ankara.\n"))
    assert "mit" in [e.kb_id for e in doc.entities]


def test_kb_actors_added_at_stop_33(run):
    """Stop 33: a British column of 2012 and a 2016 media story named unlinked actors, and "Liberal
    Democrats" gave the US Democratic Party (its last word)."""
    text = ("The Liberal Democrats and UKIP both lost seats, while William Hague and Nick Clegg argued "
            "over the budget.\n\nSean Hannity praised the plan on air; Roger Ailes had hired Hannity years "
            "before, as BuzzFeed News reported.\n")
    doc = run(Document(text))
    got = {e.kb_id: len(e.mentions) for e in doc.entities if e.kb_id}
    assert got == {"liberal-democrats": 1, "ukip": 1, "william-hague": 1, "nick-clegg": 1, "sean-hannity": 2,
                   "roger-ailes": 1, "buzzfeed-news": 1}, got


def test_a_given_name_and_surname_the_model_tags_a_facility_is_a_person(run):
    """Stop 33: "(Bradley Cooper)" after a role in a film review was a facility, so a place, and the
    places stage made it Bradley, a US town; the given-name rule read only ORG, GPE and LOC tags."""
    doc = run(Document("It is a gentle comedy in which a man (Bradley Cooper) with a bad temper becomes "
                       "friends with a widow (Jennifer Lawrence).\n"))
    got = {e.name: e.type for e in doc.entities}
    assert got.get("Bradley Cooper") == "person", got


def test_a_landform_the_model_tags_a_person_is_no_person_and_no_town(run):
    """Stop 34: "Jebel Tharda" (a mountain) was a person; typed a place, the places stage made it a town of
    Colorado ("El Jebel"). A landform the gazetteer does not hold is `other`; a town so named stays a place."""
    doc = run(Document("The jets bombed the soldiers on Jebel Tharda a year ago and killed more than sixty of them.\n"))
    got = {e.name: e.type for e in doc.entities}
    assert got.get("Jebel Tharda") == "other", got
    assert all(e.type != "person" for e in doc.entities if "Jebel" in e.name)


def test_a_country_run_into_the_name_after_it_is_apart(run):
    # "ambassador to Ukraine Marie ..." came out as one organization "Ukraine Marie ..." (stop-34 audit)
    doc = run(make_doc("Hearing Ends", [
        "Former U.S. ambassador to Ukraine Marie Castellane testified before the committee on Friday.",
    ]))
    valid_spans(doc)
    marie = entity_of(doc, "Marie Castellane")
    assert marie.type == "person" and surfaces(doc, marie) == ["Marie Castellane"]
    assert entity_of(doc, "Ukraine").kb_id == "ukraine"


def test_a_kb_name_is_not_the_actor_its_not_before_word_refuses(run):
    # stop-34 audit: "a Russian MIT graduate" was Turkey's intelligence service (plain "MIT" stays it), "the
    # AP flour" of a recipe the news agency (KB field `not_before`)
    doc = run(make_doc("Letters", [
        "The parody came from an MIT graduate living in Paris. Ankara said MIT officers were not involved.",
        "Mix the sugar with the AP flour. The AP reported the recipe contest on Monday.",
    ]))
    valid_spans(doc)
    kb_of = {(doc.text[m.start:m.start + 3], m.start): e.kb_id for e in doc.entities for m in e.mentions}
    mits = sorted((s, k) for (t, s), k in kb_of.items() if t == "MIT")
    assert [k for _, k in mits] == ["massachusetts-institute-of-technology", "mit"]
    aps = sorted((s, k) for (t, s), k in kb_of.items() if t.startswith("AP"))
    assert [k for _, k in aps] == [None, "associated-press"]


def test_a_relatives_given_name_is_a_person_not_a_town(run):
    # stop-34 audit: an obituary's "his wife Shannon ... parents Bob and Cecilia" gave two US towns
    doc = run(make_doc("Soldier Remembered", [
        "Sergeant Tom Ray, 34, of Dallas, Texas, died on March 15. He is survived by his wife Shannon, son Dean, "
        "parents Bob and Cecilia, and sister Jennifer. Its sister city Lyon sent a band.",
    ]))
    valid_spans(doc)
    for name in ("Shannon", "Cecilia"):
        assert entity_of(doc, name).type == "person", name
    assert entity_of(doc, "Lyon").type == "place"


def test_a_match_score_run_into_a_name_is_no_part_of_it():
    # stop-35 audit: a tennis report's "beating Nicolas Jarry 6-4, 6-3", "past Chile 3-0" gave names
    # ending in the score ("Nicolas Jarry 6-4", a place "Chile 3-0")
    from spinscope.extract.entities.stage import find_entities, make_context

    doc = _with_forced_labels("Peru got past Chile 3-0 on clay, with Luis Pena beating Marco Varro 6-4, 6-3 "
                              "and Ken Mori beating Bram van der Linden 6-2, 6-2.",
                              [("Chile 3-0", "GPE"), ("Luis Pena", "PERSON"), ("Marco Varro 6-4", "PERSON"),
                               ("Ken Mori", "PERSON"), ("Bram van der Linden 6-2", "PERSON")])
    doc.entities = find_entities(doc, make_context())
    valid_spans(doc)
    names = {e.name for e in doc.entities}
    assert {"Chile", "Marco Varro", "Bram van der Linden"} <= names, names
    assert not any(ch.isdigit() for n in names for ch in n), names


def test_stop35_kb_entries_link_and_the_verb_fed_does_not():
    # stop-35 audit: the Federal Reserve, Sajid Javid, Kristinn Hrafnsson and the Swedish Prosecution
    # Authority were missing from the KB; the verb "fed" is no Fed
    text = ("The Fed raised rates on Wednesday. Farmers fed the cattle and were fed up with prices. Home Secretary "
            "Sajid Javid approved the request. WikiLeaks editor Kristinn Hrafnsson said the case was weak, and the "
            "Swedish Prosecution Authority dropped it.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked["Fed"] == "federal-reserve" and "fed" not in linked
    assert linked["Sajid Javid"] == "sajid-javid" and linked["Kristinn Hrafnsson"] == "kristinn-hrafnsson"
    assert linked["Swedish Prosecution Authority"] == "swedish-prosecution-authority"


def test_north_and_latin_american_are_no_us_nationality():
    # stop-35 audit: "their North American neighbours" (Canada, to a US team) linked "American" to the US
    text = "The U.S. team lost to its North American neighbours. Latin American voters met American voters.\n"
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get("North American") is None and linked.get("American") == "united-states"
    assert "Latin American" in linked and linked["Latin American"] is None


def test_the_west_is_an_actor_but_not_a_compass_part_or_a_surname():
    # stop-34 leftover: "the West armed the jihadists" had no actor ("the West" a place entity with no link)
    text = ("The minister said that the West armed the jihadists. \"The West has no right to lecture us,\" he said. "
            "In the West of the country, rains came late, and West said he was tired.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = [(m.start, e.kb_id) for e in doc.entities for m in e.mentions if text[m.start:m.end] == "West"]
    firsts = [text.index("the West armed") + 4, text.index("The West has") + 4]
    assert [k for s, k in linked if s in firsts] == ["the-west", "the-west"], linked
    assert all(k is None for s, k in linked if s not in firsts), linked
    # `not_after`: "groups in the West" is where they are, no bloc that acts
    text = "Groups in the West issue condemnations, and the West armed them.\n"
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get(text.index("West")) is None and linked.get(text.rindex("West")) == "the-west", linked


def test_a_mark_in_not_before_refuses_a_name_written_right_before_it():
    # stop-35 leftover: "SARC!" closing a comment (sarcasm) was the Syrian Arab Red Crescent
    text = ("The SARC said on Monday that its convoy reached the town, and volunteers of SARC unloaded flour.\n\n"
            "Sure, the government will fix it all by Friday. SARC!\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions if text[m.start:m.end] == "SARC"}
    assert [linked.get(i) for i in (4, text.index("of SARC") + 3)] == ["syrian-arab-red-crescent"] * 2, linked
    assert linked.get(text.index("SARC!")) is None, linked


def test_a_name_with_an_unclosed_bracket_is_two_names():
    # realworld36: a roster's "NAME, TOWN (TEAM)" lines gave "Halifax (Nashville" and "Chicoutimi (Montreal" as names
    text = ("TEAM ROSTER\n\nBrent Andrews, Halifax (Nashville)\n\nCharles Hudon, Chicoutimi (Montreal)\n\n"
            "Nathan Example, Moncton (Florida)\n\nThe Motion Picture Association of America (MPAA) said nothing.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    names = {text[m.start:m.end] for e in doc.entities for m in e.mentions}
    assert not any(n.count("(") != n.count(")") for n in names), names
    assert {"Halifax", "Nashville", "Chicoutimi", "Montreal"} <= names, names


def test_a_capital_before_marathon_or_olympics_is_the_city():
    # realworld36: a race blog's "London Women's Marathon" and "winning the London Marathon" were the UK government
    text = ("London Women's Marathon\n\nShe won the London Marathon this year, and the Beijing Olympics were her first "
            "games. London said on Monday that it would fund the race.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get(0) is None and linked.get(text.index("London Marathon")) is None, linked
    assert linked.get(text.index("Beijing")) is None, linked
    assert linked.get(text.index("London said")) == "uk-government", linked


def test_chris_dodd_and_the_mpaa_are_kb_actors():
    # realworld36: a tech news item on an anti-piracy video named both, unlinked
    text = ("The video mocks former senator and current Motion Picture Association of America (MPAA) chairman, "
            "Chris Dodd, whose lobbying for the bill sparked protests. Dodd did not answer. The MPAA declined.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get("Chris Dodd") == "chris-dodd" and linked.get("Dodd") == "chris-dodd", linked
    assert linked.get("MPAA") == "motion-picture-association-of-america", linked


def test_a_states_name_beside_a_dish_word_is_the_dish():
    # realworld37 (and the stop-36 "Turkey Meatloaf"): a recipe page's "Thanksgiving Turkey", "Turkey Schnitzel",
    # "Glazed Turkey" and a comment's "That turkey is spectacular!" were the state of Turkey
    text = ("Thanksgiving Turkey\n\nOur testers loved the Turkey Schnitzel with Leeks and the Maple Glazed Turkey "
            "with gravy. That turkey is spectacular!\n\nMeanwhile Turkey said on Monday that its troops would stay, "
            "and Turkey's president agreed.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions}
    for at in (text.index("Turkey\n"), text.index("Turkey Schnitzel"), text.index("Turkey with"),
               text.index("turkey is")):
        assert linked.get(at) != "turkey", (at, linked)
    assert linked.get(text.index("Turkey said")) == "turkey", linked
    assert linked.get(text.index("Turkey's")) == "turkey", linked


def test_the_fed_cup_is_no_central_bank():
    # realworld37: a tennis podcast's "the Fed Cup and Davis Cup Finals" linked "Fed" to the Federal Reserve
    text = "She played the Fed Cup final last year. The Fed raised rates on Wednesday.\n"
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get(text.index("Fed Cup")) is None, linked
    assert linked.get(text.index("Fed raised")) == "federal-reserve", linked


def test_a_capital_listed_after_via_or_a_trip_to_is_the_city():
    # realworld37: a deportee's "reached Mexico via Moscow and Paris" gave Paris as the French government, and "Carrie
    # Lam's recent trip to Beijing" the Chinese government
    text = ("He reached Mexico via Moscow and Paris last May. The chief executive's recent trip to Beijing was "
            "about new guidance, but Beijing's orders achieved nothing, and Paris said it would not comment. "
            "Of the plan to train a force inside Syria, Damascus declared that it was an attack.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {m.start: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get(text.index("Paris last")) is None, linked
    assert linked.get(text.index("Beijing was")) is None, linked
    assert linked.get(text.index("Beijing's")) == "chinese-government", linked
    assert linked.get(text.index("Paris said")) == "french-government", linked
    assert linked.get(text.index("Damascus")) == "syrian-government", linked  # a comma ends the clause, no list


def test_evo_morales_the_ombudsman_chinas_state_security_and_pti_are_kb_actors():
    # realworld37: an RT story, a Washington Examiner column and an Indian wire story named them, unlinked
    text = ("Evo Morales resigned. Public Ombudsman Nadia Cruz said the deaths were caused by gunshots. Police and "
            "their Chinese Ministry of State Security masters failed. Some 150 Indians returned home, PTI reported.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    linked = {text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}
    assert linked.get("Evo Morales") == "evo-morales" and linked.get("Nadia Cruz") == "nadia-cruz", linked
    assert linked.get("Chinese Ministry of State Security") == "chinese-ministry-of-state-security", linked
    assert linked.get("PTI") == "press-trust-of-india", linked


# --- stop 37 (kb37): every sovereign state in the KB -------------------------------------------------------------

def _links(text: str) -> dict[str, str | None]:
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    return {text[m.start:m.end]: e.kb_id for e in doc.entities for m in e.mentions}


def test_every_un_member_and_observer_state_is_a_kb_state():
    # kb37: "Kenya" was no actor (stop-36 audit); the KB held 103 states only
    from spinscope.kb import load_kb
    kb = load_kb([])
    states = {a.country for a in kb if a.type == "state"}
    assert len(states) >= 197, len(states)
    assert {"KEN", "UGA", "TCD", "NER", "TGO", "DMA", "GIN", "COD", "COG", "CIV", "MMR", "TLS", "SSD", "VAT",
            "XKX", "TWN", "TUV", "FJI"} <= states
    names = {n for a in kb if a.type == "state" for n in a.names}
    assert not names & {"Nairobi", "Kampala", "Kinshasa", "Congo", "N'djamena", "Dili"}, names & {"Nairobi"}


def test_new_states_link_with_their_demonyms_and_capitals_stay_places():
    text = ("Kenya and Uganda signed a trade deal on Monday, Kenyan officials said. Nairobi is the capital. "
            "The DRC, Ivory Coast and Burma voted against.\n")
    links = _links(text)
    assert links.get("Kenya") == "kenya" and links.get("Uganda") == "uganda", links
    assert links.get("Kenyan") == "kenya", links
    assert links.get("Nairobi") is None, links
    assert links.get("DRC") == "democratic-republic-of-the-congo", links
    assert links.get("Ivory Coast") == "ivory-coast" and links.get("Burma") == "myanmar", links


def test_a_country_that_is_a_given_name_heading_a_person_is_the_person():
    # kb37: with Chad a state, "Chad Smith said" gave the state Chad and a person "Smith"; main did the same
    # to "Jordan Peterson" and "Israel Katz"
    text = ("Chad Smith said the vote was close. Jordan Peterson spoke later. Israel Katz, the foreign minister, "
            "agreed. Chad President Idriss Deby met Jordan's King Abdullah in Chad.\n")
    links = _links(text)
    assert "Chad Smith" in links and links["Chad Smith"] is None, links
    assert "Jordan Peterson" in links and "Israel Katz" in links, links
    assert links.get("Chad") == "chad" and links.get("Jordan") == "jordan", links


def test_the_state_of_georgia_is_the_us_state():
    # kb37: "the state of Georgia" was the Caucasus republic
    text = "The vote in the state of Georgia was close. Georgia's governor agreed. Russia praised Chad.\n"
    links = _links(text)
    assert "Georgia" in links and links["Georgia"] is None, links
    text = "Russia and Georgia fought a war in 2008. Tbilisi said Georgia would not yield.\n"
    assert _links(text).get("Georgia") == "georgia"


# --- stop 37 (kb37): a bare surname and a possessive's organisation --------------------------------------------

def test_a_titled_surname_is_the_namesake_named_in_full_not_the_kb_bearer():
    # kb37 (held-out fresh14 cause, text written here): "Mr. Cruz" after "Juan Carlos Cruz" was Ted Cruz
    doc = make_doc("Survivor Meets the Pope", [
        "Juan Carlos Cruz, who was abused as a teenager, met the pope on Monday.",
        "\u201cHe apologised,\u201d Mr. Cruz said. Mr. Cruz later flew home.",
    ])
    doc = Pipeline(stages=["parse", "entities"])(doc)
    cruz = entity_of(doc, "Juan Carlos Cruz")
    assert cruz.kb_id is None and surfaces(doc, cruz) == ["Juan Carlos Cruz", "Cruz", "Cruz"], surfaces(doc, cruz)
    assert not any(e.kb_id == "ted-cruz" for e in doc.entities)


def test_a_titled_surname_stays_the_kb_bearer_when_the_namesake_is_of_the_other_sex():
    doc = Pipeline(stages=["parse", "entities"])(make_doc("Talks", [
        "Rachel Maddow met Maria Putin on Monday. Mr. Putin said nothing.",
    ]))
    assert entity_of(doc, "Putin").kb_id == "vladimir-putin"
    assert entity_of(doc, "Maria Putin").kb_id is None


def test_an_acronym_named_before_is_found_again_after_a_possessive():
    # kb37: "Ruiz's AMANA accused ..." gave Ruiz as the actor: the parser read the repeat "AMANA" as a
    # common noun, so it was no mention and the event took its owner
    doc = Pipeline(stages=["parse", "entities"])(make_doc("Group Sues City", [
        "Maria Ruiz founded AMANA in 2010. Ruiz's AMANA accused the mayor of lying.",
    ]))
    amana = entity_of(doc, "AMANA")
    assert amana.type == "organization" and surfaces(doc, amana) == ["AMANA", "AMANA"]
    ruiz = entity_of(doc, "Maria Ruiz")
    assert surfaces(doc, ruiz) == ["Maria Ruiz", "Ruiz"]


def test_a_state_name_opening_a_place_name_is_that_place():
    # kb37 (PolNeAR train read-through): "moved to Jamaica Estates, Queens" linked the new state Jamaica
    text = ("She moved to Jamaica Estates, Queens, as a child. Settlers moved into the Jordan Valley. "
            "Jamaica and Jordan protested. The Panama Papers named a bank near the Panama Canal.\n")
    links = _links(text)
    assert links.get("Panama Papers", "-") is None and links.get("Panama Canal", "-") is None, links
    assert "Jamaica Estates" in links and links["Jamaica Estates"] is None, links
    assert "Jordan Valley" in links and links["Jordan Valley"] is None, links
    assert links.get("Jamaica") == "jamaica" and links.get("Jordan") == "jordan", links


def test_an_unknown_place_of_a_country_is_a_person():
    # kb37 (stop-36 audit's largest mistyping of names: a race report's runners typed places): the model tags
    # "Gelana", "Dibaba" GPE; no gazetteer knows them, and "of Ethiopia" says whose country they are
    text = ("Tiki Gelana of Ethiopia won the race in Olympic record time. Not that Gelana was an outsider. "
            "Earlier Dibaba of Ethiopia had led.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    types = {text[m.start:m.end]: e.type for e in doc.entities for m in e.mentions}
    assert types.get("Gelana") == "person" and types.get("Dibaba") == "person", types
    assert types.get("Ethiopia") == "state", types


# kb38: the stop-38 linking audit (docs/actors.md, "Linking audit (stop 38)"); texts written for the tests.

def test_a_name_after_saint_is_the_saint_not_the_kb_person():
    # audit: "a medal of St. Christopher" was Warren Christopher, "St. Francis" Pope Francis
    text = ("Drivers often carry a medal of St. Christopher on long trips. Pilgrims prayed at the tomb of "
            "Saint Francis in the hills. Warren Christopher met Pope Francis once.\n")
    links = _links(text)
    assert links.get("Christopher") is None and links.get("St. Christopher") is None, links
    assert links.get("Francis") is None and links.get("Saint Francis") is None, links
    assert links.get("Warren Christopher") == "warren-christopher" and links.get("Pope Francis") == "pope-francis"
    text = ("Pope Francis spoke in Rome. Before St. Francis died, he warned his brothers. A painting shows "
            "St. Francis in ecstasy.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    saints = [i for i in range(len(text)) if text.startswith("Francis", i) and text[i - 4:i] == "St. "]
    assert not any(m.start in saints and e.kb_id for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]


def test_a_kb_name_written_without_its_possessive_apostrophe():
    # known from earlier audits: "Peoples Liberation Army" (no apostrophe) was an unknown organisation
    links = _links("Units of the Peoples Liberation Army held drills near the coast on Monday, officials said.\n")
    assert links.get("Peoples Liberation Army") == "peoples-liberation-army", links


def test_congress_after_an_adjective_of_another_congress():
    # audit: the four "Eucharistic Congress" of a church text were the US Congress
    text = ("The cardinal was responsible for the Eucharistic Congress in Melbourne. Later the World Jewish "
            "Congress met in Geneva. Congress passed the bill on Friday.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    congress = [(m.start, e.kb_id) for e in doc.entities for m in e.mentions if text[m.start:m.end] == "Congress"]
    last = text.rindex("Congress passed")
    assert [k for s, k in congress if s != last] == [None] * len([1 for s, k in congress if s != last]), congress
    assert (last, "united-states-congress") in congress, congress


def test_democrat_party_is_the_democratic_party():
    # audit: "the Democrat Party" was an unlinked organisation
    links = _links("Voters will punish the Democrat Party in November, the congressman said on Tuesday.\n")
    assert links.get("Democrat Party") == "democratic-party-us", links


def test_a_dominican_friar_is_no_dominican_republic():
    # known from the stop-37 audit: "a Dominican friar" was the Dominican Republic's demonym
    text = ("A Dominican friar preached in the square. Dominican officials in Santo Domingo welcomed the "
            "Dominican Republic's new ambassador.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    first = text.index("Dominican")
    assert not any(m.start == first and e.kb_id for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]
    second = text.index("Dominican officials")
    assert any(m.start == second and e.kb_id == "dominican-republic" for e in doc.entities for m in e.mentions)


def test_a_senator_of_georgia_is_the_us_state():
    # audit: "Sens. Johnny Isakson of Georgia and John Boozman of Arkansas" linked the Caucasus republic
    text = ("The bill is backed by Sen. Johnny Isakson of Georgia and Sen. John Boozman of Arkansas, both up for "
            "reelection.\n")
    links = _links(text)
    assert links.get("Georgia", "-") is None, links


def test_a_party_name_before_fund_is_the_fund():
    # audit: "the Senate Conservatives Fund" (a US political group) linked the British Conservative Party
    links = _links("Ken Cuccinelli, head of the Senate Conservatives Fund, praised the senator on Monday.\n")
    assert links.get("Conservatives") is None and "conservative-party" not in links.values(), links


def test_a_capital_after_a_city_noun_and_of_or_a_district_is_the_city():
    # audit: "the Diocese of Paris", "(Paris: Editions ..., 1972)", "a Washington, DC, gifts store" were governments
    text = ("Fifteen young men entered the seminary of Paris this year, the Diocese of Paris said. The book "
            "(Paris: Editions Laffont, 1972) is out of print. Dalton is a Washington, DC, gift shop. "
            "Paris protested to Washington on Monday.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    last = text.index("Paris protested")
    linked = {(m.start, e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id}
    cities = [i for i in range(len(text)) if text.startswith("Paris", i) and i != last]
    cities.append(text.index("Washington, DC"))
    assert not [s for s, k in linked if s in cities], sorted(linked)
    assert (last, "french-government") in linked, sorted(linked)


def test_vatican_ii_and_the_vatican_council_are_no_holy_see():
    # audit: "Vatican II" and "the Second Vatican Council" were the Holy See (the state)
    text = ("The reforms of Vatican II divided the faithful. Bishops met at the Second Vatican Council in 1962. "
            "The Vatican said on Monday that the pope would travel.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    said = text.index("Vatican said")
    linked = {(m.start, e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id}
    assert [s for s, k in linked if k == "holy-see"] == [said], sorted(linked)


def test_a_long_hong_kong_name_of_phoenix_is_found_by_its_short_form():
    # known from the stop-37 audits: "Carrie Lam" stayed unlinked (phoenix: "Carrie Lam Cheng Yuet Ngor")
    text = "Hong Kong leader Carrie Lam said on Tuesday that the bill was dead. John Tsang had resigned.\n"
    links = _links(text)
    assert links.get("Carrie Lam") == "carrie-lam-cheng-yuet-ngor", links
    assert links.get("John Tsang") == "john-tsang-chun-wah", links


def test_a_state_named_given_name_before_a_surname_the_model_tags_person():
    # known from the stop-37 audit: "Kenya Moore" (the model tags "Moore" only) was the state Kenya and a "Moore"
    text = "Reality star Kenya Moore was on the show last night. Kenya sent troops to Somalia.\n"
    links = _links(text)
    assert "Kenya Moore" in links and links["Kenya Moore"] is None, links
    assert links.get("Kenya") == "kenya", links


def test_a_leaders_possessive_before_the_end_of_a_party_name():
    # known from the stop-37 audits: "Xi's Communist Party" was an unlinked organisation
    links = _links("Critics say Xi's Communist Party controls every newspaper in the country.\n")
    assert links.get("Xi") == "xi-jinping", links
    assert links.get("Communist Party") == "communist-party-of-china", links


def test_a_given_name_of_a_longer_legal_name_is_another_person():
    # known from the stop-37 audits: "Rafael Cruz" (Ted Cruz's father) was Ted Cruz, whose legal name the KB holds
    # as "Rafael Edward Cruz" (which stays his)
    text = "Ted Cruz spoke in Houston. His father Rafael Cruz spoke later.\n"
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    father = text.index("Rafael Cruz") + len("Rafael ")
    assert not any(m.start <= father < m.end and e.kb_id == "ted-cruz" for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]
    links = _links("Rafael Edward Cruz, known as Ted, spoke in Texas on Monday.\n")
    assert links.get("Rafael Edward Cruz") == "ted-cruz", links


def _types_of(text: str) -> dict[str, str]:
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    return {text[m.start:m.end]: e.type for e in doc.entities for m in e.mentions}


def test_a_listings_lead_verb_in_capitals_is_no_name():
    # realworld38: a riding magazine's events list opens each item with a verb in capitals ("CHEER ON Juniors and
    # ...", "SPEND a day ...", "ATTEND a two-day symposium ..."): three organizations; "NASA scientists" stays one
    text = ("Race Day Picks for the Month\n\n"
            "CHEER ON Juniors and Young Riders as they show their skills at the Elm Farm show, Oct. 5–7.\n\n"
            "SPEND a day in the country rooting for your favorite riders in Elkton, MD.\n\n"
            "ATTEND a two-day symposium with the dressage rider Karl Osterberg, Oct. 28–29.\n\n"
            "NASA scientists will watch the show too.\n")
    types = _types_of(text)
    assert not {"CHEER ON Juniors", "SPEND", "ATTEND"} & set(types), types
    assert "NASA" in types and types.get("Karl Osterberg") == "person", types


def test_a_name_after_a_measure_is_a_product_not_a_person():
    # realworld38: "drinking 2 liters of Mountain Dew a day" typed a person, who then spoke the doctor's words as "She"
    text = ("When I moved to the city, I saw a new doctor. I used to rebel by drinking 2 liters of Mountain Dew a "
            "day. She asked why I was using tools designed for tracking.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    types = {text[m.start:m.end]: e.type for e in doc.entities for m in e.mentions}
    assert types.get("Mountain Dew") == "other", types
    assert all((q.speaker is None or q.speaker.name != "Mountain Dew") for q in doc.quotes)
    assert _types_of("Mary Smith drank a can of Red Bull before the race.\n").get("Red Bull") == "other"


def test_a_datelines_place_in_capitals_and_a_mauna_are_places():
    # realworld38: "HONOLULU, Hawaii (HawaiiNewsNow) - ..." typed HONOLULU an organization; "atop Mauna Kea" a person
    text = ("Scientists spot water vapor on a distant moon\n\n"
            "HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists using a telescope atop Mauna Kea have confirmed the "
            "presence of water vapor.\n")
    types = _types_of(text)
    assert types.get("HONOLULU") == "place" and types.get("Mauna Kea") != "person", types


def test_a_name_the_text_gives_a_person_is_no_town_where_the_model_sees_one():
    # realworld38 (an app blog): "(stored in Basil)" tagged GPE where the text names its app Basil six times as a
    # person: geocoded as Baltimore; "the technology Kyle refers to" after "Kyle Baxter" and "my wife and co-founder
    # Kati" were towns (Kyle, Texas; Kati, Mali)
    text = ("Kyle Whitfield writes about the future of phones. He uses his app Basil as an example for what better "
            "talk between apps could lead to. For example, Basil could declare that it handles web links. Then, I "
            "could build the recipe saving feature of Basil as a mini application (saved in Basil) that users can "
            "use from any other application that deals with the web. If someone who uses Basil is browsing recipe "
            "websites in Safari, they could tap a Basil icon and my mini application would pop up, save the recipe "
            "to Basil and get out of the way. Apple will allow XPC (the technology Kyle refers to) to work with "
            "other apps. My wife and co-founder Kati and I use it.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    types = {(text[m.start:m.end], e.type) for e in doc.entities for m in e.mentions}
    assert ("Basil", "place") not in types and ("Kyle", "person") in types and ("Kati", "person") in types, types
    assert not [p.name for p in doc.places], [p.name for p in doc.places]


def test_an_ingredient_after_its_measure_is_no_nationality_or_state():
    # stop-37 leftover (realworld38): a recipe's "1/8 tsp Chinese 5-spice" linked China
    text = ("Mix 1/8 tsp Chinese 5-spice with the sugar. Add 2 cups Turkish delight and ½ tsp Jamaica pepper. "
            "The Chinese government said nothing. Jamaica said no.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = sorted((text[m.start:m.end], e.kb_id or "-") for e in doc.entities for m in e.mentions if e.kb_id)
    assert got == [("Chinese government", "chinese-government"), ("Jamaica", "jamaica")], got
    assert [(p.name, len(p.mentions)) for p in doc.places] == [("Jamaica", 1)], doc.places


def test_nasa_and_apple_are_actors_but_not_the_fruit_or_the_hong_kong_paper():
    # realworld38: "NASA scientists" and Apple (named beside Google and Facebook) were unlinked organizations
    text = ("NASA scientists using a telescope confirmed it. Apple will allow the feature to work with other apps. "
            "Hong Kong's Apple Daily reported the arrests. She baked an Apple pie in the Big Apple.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    links = {(m.start, e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id}
    assert links == {(text.index("NASA"), "nasa"), (text.index("Apple will"), "apple")}, links


def test_a_name_suffix_alone_is_no_person_nor_a_kb_surname():
    # stop-39 audit: "William F. Buckley, Jr." and "Brent Bozell, Jr." gave three "Jr" linked to Al Gore (whose KB
    # alias "Albert Gore Jr." ends in it)
    text = ("Al Gore spoke first. He has direct ties to the movement. William F. Buckley, Jr. was his uncle and his "
            "father, Brent Bozell, Jr. was the ghost writer of the book. The students met at the home of the editor "
            "William F. Buckley, Jr., where they founded a group.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(text[m.start:m.end], e.kb_id) for e in doc.entities for m in e.mentions]
    assert not [g for g in got if g[0].startswith("Jr")], got
    assert ("Al Gore", "al-gore") in got, got


def test_a_leaning_in_lower_case_is_no_party():
    # stop-39 audit: "some 90 young conservatives met at the home of ..." linked the British Conservative Party
    text = ("In the fall of 1960, some 90 young conservatives met at a home in Connecticut. Liberals and "
            "conservatives argued. In London, the Conservatives won the vote.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(m.start, e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id == "conservative-party"]
    assert got == [(text.index("Conservatives won"), "conservative-party")], got


def test_a_county_before_georgia_makes_it_the_us_state():
    # stop-39 audit: "One homework assignment in Walton County, Georgia, stated ..." and "Georgia parent Michelle
    # King" linked the Caucasus republic
    text = ("One homework assignment in Walton County, Georgia, stated the rules. Meanwhile, Georgia parent "
            "Michelle King noted her worry.\n")
    links = _links(text)
    assert links.get("Georgia", "-") is None, links


def test_a_body_after_an_unknown_organisation_possessive_is_its_own():
    # stop-39 audit: "SSMU's General Assembly moved to ratify the board" linked the UN General Assembly
    text = ("In October, SSMU's General Assembly moved to ratify the board of the student union. Later the "
            "United Nations General Assembly voted on the resolution.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(m.start, e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id]
    assert (text.index("General Assembly moved"), "united-nations-general-assembly") not in got, got
    assert any(k == "united-nations-general-assembly" for _, k in got), got


def test_a_kb_surname_that_is_a_word_needs_the_full_name_or_a_title():
    # stop-38 leftover: "Power" (a theme) linked Samantha Power in a text that never names her
    text = ("Power, not principle, drives the new rules. The Power of Habit sold well. Gates opened at noon.\n")
    links = _links(text)
    assert "samantha-power" not in links.values() and "robert-m-gates" not in links.values(), links
    text = ("Samantha Power spoke at the United Nations. Later Power said the vote was close. Ambassador Power "
            "left on Friday.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    power = [e.kb_id for e in doc.entities for m in e.mentions if text[m.start:m.end] == "Power"]
    assert power == ["samantha-power", "samantha-power"], power


def test_the_jordan_after_the_is_the_river():
    # stop-38 leftover: "the Jordan" (the river) linked the state
    text = ("The pilgrims were baptized in the Jordan near the old ford. Jordan closed its border, and the "
            "Jordan-Syria crossing stayed shut.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(m.start, e.kb_id) for e in doc.entities for m in e.mentions if text[m.start:m.end] == "Jordan"]
    river = text.index("Jordan near")
    assert (river, "jordan") not in got, got
    assert (text.index("Jordan closed"), "jordan") in got and (text.index("Jordan-Syria"), "jordan") in got, got


def test_the_pope_is_the_pope_named_last_not_pope_francis_by_his_title():
    # stop-38 audit (text 6): "the Pope" meaning Pius IX or Paul VI went to Pope Francis, whom the text names: the
    # word "Pope" was taken for the first name of "Pope Francis"
    text = ("Pope Francis visited Chile in January. Historians recall the old quarrel: in 1864, Pope Pius IX issued "
            "the Syllabus of Errors, a long list of condemned ideas. Bishops were told to read it aloud to their "
            "people in every parish church of the country. Many refused for a time, and the newspapers mocked the "
            "list for years. The Pope himself asked the bishops to read it again.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    last = text.index("Pope himself")
    assert not any(m.start == last and e.kb_id == "pope-francis" for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]
    text = "Pope Francis arrived in Chile on Monday. The Pope urged the bishops to act.\n"
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    pope = text.index("Pope urged")
    assert any(m.start == pope and e.kb_id == "pope-francis" for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [(m.start, text[m.start:m.end]) for m in e.mentions]) for e in doc.entities]


def test_a_role_with_a_common_of_complement_is_no_anaphor():
    # stop-38 audit (text 21): "the leader of the conservative movement" (Ted Cruz) went to Donald Trump
    text = ("Donald Trump spoke in Iowa on Monday. Ted Cruz answered him that night. The senator, once called "
            "the leader of the conservative movement by his friends, said nothing more.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    leader = text.index("leader of")
    assert not any(m.start == leader and e.kb_id == "donald-trump" for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]


def test_an_of_complement_of_the_verb_keeps_the_anaphor():
    # stop-39 events audit (dev9): "to accuse the president of obstruction" lost its president with the rule above
    text = ("Donald Trump wrote on Twitter again. The tweets prompted a congressman to accuse the president of "
            "obstruction.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    pres = text.index("president of")
    assert any(m.start == pres and e.kb_id == "donald-trump" for e in doc.entities for m in e.mentions), \
        [(e.kb_id, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]


def test_the_pope_in_a_text_naming_several_popes_is_nobody():
    # stop-39 events audit (dev20): in a history naming Pius XI and Paul VI, "he visits the pope every day" (Paul VI)
    # went to Pius XI, the pope named last: with two popes named before it, "the pope" is a guess
    text = ("Pope Pius XI wrote the encyclical long ago. Much later Pope Paul VI received many visitors. The bishop "
            "said that he visits the pope every day.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    pope = text.index("pope every")
    assert not any(m.start == pope for e in doc.entities for m in e.mentions), \
        [(e.name, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]


def _kb_links(text: str) -> list[tuple[str, str]]:
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    return sorted((m.start, text[m.start:m.end], e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id)


def test_a_capitalized_leaning_links_a_party_only_where_its_country_is_named():
    # stop-39 fresh-eyes audit: "Liberals. Conservatives." in a US blogger's list of hates was the British party
    text = "Things I hate: Liberals. Conservatives. Hipsters who ride fixed-gear bikes in Brooklyn.\n"
    assert not [g for g in _kb_links(text) if g[2] == "conservative-party"], _kb_links(text)
    text = "In London, the Conservatives won the vote. The Labour leader conceded.\n"
    assert ("Conservatives", "conservative-party") in [g[1:] for g in _kb_links(text)]


def test_a_team_demonym_in_a_text_on_sport_is_no_nationality():
    # stop-39 fresh-eyes audit: "The Yankees, Yankee fans" of a sports text linked the United States
    text = "The Yankees won again on Sunday. Yankee fans cheered the best baseball season in years.\n"
    assert not [g for g in _kb_links(text) if g[2] == "united-states"], _kb_links(text)
    text = "Yankee imperialism was denounced by the Cuban leader in Havana.\n"
    assert ("Yankee", "united-states") in [g[1:] for g in _kb_links(text)]


def test_an_acronym_glued_to_a_word_in_capitals_is_no_acronym():
    # stop-39 fresh-eyes audit: an AP basketball box's heading "TIP-INS" linked the Turkistan Islamic Party
    text = "TIP-INS\nThunder: Dort scored 20 points in Oklahoma City.\n\nLakers: James had 30 points.\n"
    assert not [g for g in _kb_links(text) if g[2] == "turkistan-islamic-party"], _kb_links(text)
    text = "Turkistan Islamic Party fighters attacked. The TIP-ETIM link was denied.\n"
    assert ("TIP", "turkistan-islamic-party") in [g[1:] for g in _kb_links(text)]


def test_a_namesake_introduced_as_kin_leaves_the_surname_to_the_kb_person():
    # stop-38 audit leftover: "Mr. Trump" beside "Eric Trump" (and never "Donald Trump") went to Eric
    text = ("Mr. Trump held a rally in Ohio on Monday. His son Eric Trump spoke first. Later, Mr. Trump attacked "
            "the press.\n")
    got = [g for g in _kb_links(text) if g[1] == "Trump"]
    assert len(got) == 2 and all(g[2] == "donald-trump" for g in got), _kb_links(text)
    text = "The president's wife, Michelle Obama, spoke in Ohio. Mrs. Obama praised the volunteers.\n"
    assert not [g for g in _kb_links(text) if g[1] == "Obama"], _kb_links(text)


def test_a_candidacy_clause_makes_the_candidate_of_the_text():
    # stop-38 audit text 7 leftover: "praising the candidate" (a man "who is running for Congress") was Hillary Clinton
    text = ("Hillary Clinton spoke in Ohio. Jim Smith, who is running for Congress, met voters. Republicans were "
            "praising the candidate on Monday.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(text[m.start:m.end], e.kb_id, e.name) for e in doc.entities for m in e.mentions]
    assert ("candidate", "hillary-clinton", "Hillary Clinton") not in got, got
    text = "Hillary Clinton spoke in Ohio on Monday. Republicans were praising the candidate.\n"
    assert ("candidate", "hillary-clinton") in [g[1:] for g in _kb_links(text)], _kb_links(text)


def test_the_leader_of_the_free_world_is_the_us_president_the_text_names():
    # kb39's "of" rule (stop 39) made "the leader of the free world" no anaphor; it is the US president named
    text = "President Barack Obama met Angela Merkel in Berlin. The leader of the free world said the alliance holds.\n"
    assert ("leader", "barack-obama") in [g[1:] for g in _kb_links(text)], _kb_links(text)
    text = "Barack Obama met Angela Merkel. The leader of the conservative movement said the alliance holds.\n"
    assert not [g for g in _kb_links(text) if g[1] == "leader"], _kb_links(text)


def test_an_appositive_role_after_a_capitalized_modifier():
    # the candidacy of "a House candidate" was lost: the appositive stopped at the capitalized "House"
    text = ("Hillary Clinton spoke in Ohio in May. Weeks later, Jim Smith, a House candidate in Ohio, met voters in "
            "a diner and a church for many hours before dawn. Republicans were praising the candidate on Monday.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    got = [(text[m.start:m.end], e.kb_id, e.name) for e in doc.entities for m in e.mentions]
    assert ("candidate", "hillary-clinton", "Hillary Clinton") not in got, got


def _kb_pairs(text: str) -> list[tuple[str, str]]:
    return [g[1:] for g in _kb_links(text)]


def test_a_month_beside_a_day_is_no_surname():
    # stop-40 linking audit text 4: "on May 22, 2013" was Theresa May, whom the text names in full
    text = ("Prime Minister Theresa May spoke on Monday. The attack happened on May 22, 2013, in London. "
            "It was remembered on 22 May each year. Later, May said she would act.\n")
    got = _kb_links(text)
    may = [g for g in got if g[1] == "May"]
    assert len(may) == 1 and text[may[0][0]:].startswith("May said"), got


def test_a_country_opening_a_body_s_name_is_no_complement_of_the_role():
    # stop-40 linking audit text 25: "the president of the United States Hispanic Chamber of Commerce" was Trump
    text = ("Donald Trump spoke in Miami on Tuesday. \"He gets it,\" said Ana Ruiz, the president of the United "
            "States Hispanic Chamber of Commerce.\n")
    assert ("president", "donald-trump") not in _kb_pairs(text), _kb_links(text)
    text = "Donald Trump spoke in Miami on Tuesday. Critics of the president of the United States were loud.\n"
    assert ("president", "donald-trump") in _kb_pairs(text), _kb_links(text)


def test_a_state_name_in_lower_case_that_is_a_word_needs_the_state_named():
    # stop-40 linking audit text 21: "choose china patterns" (a first lady's job) was China
    text = "The first lady traditionally chooses china patterns and plans the holiday dinners at the White House.\n"
    assert ("china", "china") not in _kb_pairs(text), _kb_links(text)


def test_a_capital_after_an_outlet_s_name_is_its_edition():
    # stop-40 linking audit text 3: "Breitbart London's Raheem Kassam" was the British government
    text = "Breitbart London's editor Raheem Kassam will call in from London to discuss the vote.\n"
    assert not [g for g in _kb_pairs(text) if g[1] == "uk-government"], _kb_links(text)
    assert ("Breitbart", "breitbart") in _kb_pairs(text), _kb_links(text)


def test_a_capital_paired_with_a_city_of_its_country_is_the_city():
    # stop-39 audit text 25 leftover: "Boston and Washington" was the US government
    text = "Storms delayed flights between Boston and Washington on Friday, the airline said.\n"
    assert ("Washington", "us-government") not in _kb_pairs(text), _kb_links(text)
    text = "The shuttle connected San Francisco and Washington for decades, the airline said.\n"
    assert ("Washington", "us-government") not in _kb_pairs(text), _kb_links(text)
    text = "Talks between Kyiv and Washington resumed on Friday, the ministry said.\n"
    assert ("Washington", "us-government") in _kb_pairs(text), _kb_links(text)


def test_a_policy_toward_a_capital_is_toward_its_government():
    # stop-39 audit text 5 leftover: "toward Beijing" after a noun was the city (a miss of the Chinese government)
    text = "The United States will shift its policy toward Beijing, the official said.\n"
    assert ("Beijing", "chinese-government") in _kb_pairs(text), _kb_links(text)
    text = "The convoy headed toward Beijing on Monday, the official said.\n"
    assert ("Beijing", "chinese-government") not in _kb_pairs(text), _kb_links(text)


def _kb_pairs_at(text: str, **source) -> list[tuple[str, str]]:
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"], **source)
    return [(text[m.start:m.end], e.kb_id) for e in doc.entities for m in e.mentions if e.kb_id]


def test_us_agencies_space_companies_and_newspapers_of_record_are_kb_actors():
    # stop-40 note: the Salt Lake Tribune, the FCC, SpaceX, Blue Origin and Jim Bridenstine were missing (stop 41
    # adds them and others of their kind by a rule, data/actors/15_us_bodies.yaml)
    text = ("NASA Administrator Jim Bridenstine said SpaceX and Blue Origin will bid. The FCC approved the plan, "
            "according to the Salt Lake Tribune. Bridenstine spoke on Monday.\n")
    got = _kb_pairs(text)
    for pair in [("Jim Bridenstine", "jim-bridenstine"), ("SpaceX", "spacex"), ("Blue Origin", "blue-origin"),
                 ("FCC", "federal-communications-commission"), ("Salt Lake Tribune", "salt-lake-tribune"),
                 ("Bridenstine", "jim-bridenstine")]:
        assert pair in got, got


def test_a_dated_kb_role_is_the_person_s_only_in_its_years():
    # stop-41 audit text 15: "the candidate" after Trump's visits was Hillary Clinton (the KB gave Trump his
    # presidency only, which a 2016 text cannot mean)
    text = ("Donald Trump toured three counties on Monday. Voters said the candidate listened to them.\n")
    assert ("candidate", "donald-trump") in _kb_pairs_at(text, published="2016-08-08"), _kb_links(text)
    # in a 2016 text "the president" is Barack Obama, not the president from 2017
    text = ("Barack Obama spoke on Monday. Donald Trump answered him. Later the president signed the bill.\n")
    assert ("president", "barack-obama") in _kb_pairs_at(text, published="2016-05-02")
    assert ("president", "donald-trump") in _kb_pairs_at(text, published="2018-05-02")
    text = "Barack Obama spoke in Chicago on Monday. The former president urged voters to turn out.\n"
    assert ("former president", "barack-obama") in _kb_pairs_at(text, published="2018-05-02")
    # with no date, Trump is the president and not the 2016 nominee, as before
    text = "Donald Trump toured three counties on Monday. Voters said the president listened to them.\n"
    assert ("president", "donald-trump") in _kb_pairs(text)


def test_a_capital_opening_a_longer_name_or_a_dateline_is_no_government():
    # stop-41 audit texts 4, 17, 23, 25: "Washington (CNN) Senate ...", "the Washington Redskins mascot",
    # "Washington's Institute for Science and International Security", "the Paris Agreement"
    for text, capital in [
            ("Washington (CNN) Senate Republicans on Wednesday accused the administration of lying.\n", "Washington"),
            ("He led the campaign to change the Washington Redskins mascot last year.\n", "Washington"),
            ("Nuclear experts of Washington's Institute for Science and International Security wrote that the "
             "regime might be able to build a smaller device within several years.\n", "Washington"),
            ("Countries must ratify the Paris Agreement before it takes effect, officials said.\n", "Paris")]:
        got = _kb_pairs(text)
        assert not [g for g in got if g[0] == capital], (text, got)
    text = "The sanctions are a blow to Washington, which had hoped for a deal with Tehran.\n"
    assert ("Washington", "us-government") in _kb_pairs(text), _kb_links(text)


def test_a_capital_before_regime_is_the_government():
    # stop-41 audit text 17: "the Pyongyang regime's existing capabilities" was the city
    text = "Experts doubt the claims. A hydrogen bomb is beyond the Pyongyang regime's existing capabilities.\n"
    assert ("Pyongyang", "north-korean-government") in _kb_pairs(text), _kb_links(text)


def test_a_product_model_word_ends_no_person():
    # stop-40 note: "MacBook Pro" a person and an organisation in a review
    doc = spinscope.analyze("Apple unveiled a new MacBook Pro on Tuesday. Sarah Lee bought the older MacBook Pro.\n",
                            disable=["techniques", "narratives", "events"])
    typed = {doc.text[m.start:m.end]: e.type for e in doc.entities for m in e.mentions}
    assert typed.get("MacBook Pro") in (None, "other"), typed
    assert typed.get("Sarah Lee") == "person", typed


def test_a_shared_acronym_beside_sport_words_is_not_the_us_body():
    # stop-41 "still wrong": SEC (also the Southeastern Conference of US college sport) went to the commission
    text = ("Alabama beat Georgia in the SEC championship on Saturday. The quarterback threw three touchdowns and the "
            "fans stormed the field.\n")
    assert not [g for g in _kb_pairs(text) if g[0] == "SEC"], _kb_links(text)
    text = "The SEC fined the bank $20 million on Monday for misleading investors about its mortgage bonds.\n"
    assert ("SEC", "securities-and-exchange-commission") in _kb_pairs(text), _kb_links(text)
    # the body's full name written: the acronym is the body, whatever sport words stand near it
    text = ("The Securities and Exchange Commission opened an inquiry. The SEC said the team's owner sold shares "
            "before the football season began.\n")
    assert ("SEC", "securities-and-exchange-commission") in _kb_pairs(text), _kb_links(text)


def test_a_word_acronym_in_a_shouted_line_is_the_word():
    # stop-41 "still wrong": ICE in a shouted line went to the immigration agency
    text = "SUMMER DEALS: ICE COLD DRINKS FOR ONE DOLLAR\n\nThe store on Main Street opened its doors on Friday.\n"
    assert not [g for g in _kb_pairs(text) if g[0] == "ICE"], _kb_links(text)
    text = "ICE RAIDS IN TEXAS\n\nICE agents arrested twelve people at a farm on Tuesday, officials said.\n"
    assert [g for g in _kb_pairs(text) if g[0] == "ICE"] == [("ICE", "us-immigration-and-customs-enforcement")] * 2, \
        _kb_links(text)


def test_an_account_name_holding_a_surname_is_not_the_person():
    # stop-41 audit text 14: "STUMP 4 TRUMP (@Stump4TrumpPAC)" was Donald Trump
    text = "The rally was promoted online.\n\nSTUMP 4 TRUMP (@Stump4TrumpPAC) posted a video of the crowd.\n"
    assert ("TRUMP", "donald-trump") not in _kb_pairs(text), _kb_links(text)
    text = "The candidate answered at night.\n\nDonald J. Trump (@realDonaldTrump) posted a video of the crowd.\n"
    assert [g for g in _kb_pairs(text) if g[1] == "donald-trump"], _kb_links(text)


def test_another_given_name_before_a_kb_surname_or_capital_is_another_person():
    # stop-42 audit texts 5 and 11: "the next George Washington" was the US government, "Gary Cameron/Reuters"
    # (a photographer's credit) David Cameron
    text = "Beck called the Texas senator the next George Washington at a rally in Indiana.\n"
    assert not [g for g in _kb_pairs(text) if g[0] == "Washington"], _kb_links(text)
    text = "Khan spoke at the convention on Thursday.\n\nGary Cameron/Reuters.\n\nThe father of a soldier spoke.\n"
    assert not [g for g in _kb_pairs(text) if g[1] == "david-cameron"], _kb_links(text)
    text = "David Cameron spoke in London. Later, Cameron said the vote was final.\n"
    assert ("Cameron", "david-cameron") in _kb_pairs(text), _kb_links(text)
    text = "Paula Manafort, Trump's former campaign manager, met the lawyer in London.\n"  # a typo, events fresh3
    assert ("Manafort", "paul-manafort") in _kb_pairs(text), _kb_links(text)
    text = "Will Russia act? Analysts in Moscow doubt it.\n"
    assert ("Russia", "russia") in _kb_pairs(text), _kb_links(text)


def test_an_acronym_before_a_model_number_is_no_body():
    # stop-42 audit text 12: "EC-130 Eurocopters" was the European Commission
    text = "Records show that a squadron of EC-130 helicopters left the airfield at 10:12 p.m.\n"
    assert not [g for g in _kb_pairs(text) if g[0] == "EC"], _kb_links(text)


def test_a_demonym_before_a_myth_noun_and_the_west_of_a_region():
    # stop-41 audit texts 16 and 18: "the Greek demi-god" was Greece, "Rural communities of the West" the bloc
    text = "The probe was named after the Greek demi-god who carried the sky. Greek officials praised it.\n"
    got = _kb_pairs(text)
    assert ("Greek", "greece") in got and got.count(("Greek", "greece")) == 1, _kb_links(text)
    text = "Rural communities of the West face drought. The West must answer Russia's aggression, NATO said.\n"
    got = _kb_pairs(text)
    assert got.count(("West", "the-west")) == 1, _kb_links(text)


def test_a_part_of_an_outlet_s_name_after_the_outlet_is_the_outlet():
    # stop-42 audit texts 4 and 23: "records obtained by the Enquirer" after "the Cincinnati Enquirer", and
    # "Clinton told Fox" after "Fox News", were left unlinked
    text = ("The man was arrested on Monday, the Cincinnati Enquirer reported. Police had visited the house three "
            "weeks ago, records obtained by the Enquirer showed.\n")
    assert ("Enquirer", "cincinnati-enquirer") in _kb_pairs(text), _kb_links(text)
    text = ("Hillary Clinton spoke to Fox News on Sunday. \"We know the facts,\" Clinton told Fox in the interview, "
            "taped Saturday.\n")
    assert ("Fox", "fox-news") in _kb_pairs(text), _kb_links(text)


def test_a_capital_s_possessive_before_its_river_or_square_is_the_city():
    # stop-42 audit text 2: "London's River Thames" was the British government
    text = "Temperatures were low enough to cause London's River Thames to freeze over on a regular basis.\n"
    assert not [g for g in _kb_pairs(text) if g[0] == "London"], _kb_links(text)
    text = "London's response to the sanctions was swift, and Paris followed within days.\n"
    assert ("London", "uk-government") in _kb_pairs(text), _kb_links(text)


def test_governors_leaders_institutes_and_companies_of_the_stop_42_rule():
    # stop 41 fresh-eyes audit: Kristi Noem, Anna Hazare, Arvind Kejriwal, NIDA, Verizon were missing or mistyped
    for text, pair in [
            ("Gov. Kristi Noem signed the bill in Pierre on Tuesday. Noem said it would protect farmers.\n",
             ("Noem", "kristi-noem")),
            ("Anna Hazare began a fast in Delhi. Arvind Kejriwal, his former aide, joined the protest.\n",
             ("Arvind Kejriwal", "arvind-kejriwal")),
            ("Anna Hazare began a fast in Delhi. Arvind Kejriwal, his former aide, joined the protest.\n",
             ("Anna Hazare", "anna-hazare")),
            ("The study was funded by the National Institute on Drug Abuse. NIDA said the results were clear.\n",
             ("NIDA", "national-institute-on-drug-abuse")),
            ("Verizon said on Monday that it would raise prices for its unlimited plans.\n",
             ("Verizon", "verizon"))]:
        assert pair in _kb_pairs(text), (text, _kb_links(text))


def test_a_saint_s_or_a_given_name_s_word_alone_later_is_no_kb_actor():
    # stop-40 notes: "Francis' name" after "Saint Francis" was Pope Francis; "It's Cuba's best role" after
    # "Cuba Gooding Jr." was Cuba
    text = "The town honours Saint Francis every October. Children carry Francis' name on banners.\n"
    assert not [g for g in _kb_pairs(text) if g[1] == "pope-francis"], _kb_links(text)
    text = "Pope Francis visited Assisi, the town of Saint Francis. Later, Francis met the mayor.\n"
    assert ("Francis", "pope-francis") in _kb_pairs(text), _kb_links(text)
    text = "Cuba Gooding Jr. plays a lawyer in the new film. It's Cuba's best role in years, critics say.\n"
    assert not [g for g in _kb_pairs(text) if g[1] == "cuba"], _kb_links(text)
    text = "Cuba Gooding Jr. visited Havana. Cuba's government welcomed him, Cuban officials said.\n"
    assert ("Cuba", "cuba") in _kb_pairs(text), _kb_links(text)
    # events dev3: a Title-Case headline "Hosts Destroy Israel Event" wrote no person's given name
    text = "Society Hosts Destroy Israel Event\n\nThe group wants to destroy Israel, its critics say.\n"
    assert ("Israel", "israel") in _kb_pairs(text), _kb_links(text)


def test_a_leaning_in_a_us_text_naming_new_england():
    # stop-42 audit text 7: "Conservatives still praise his refusal" was the British party ("Western New England
    # University" gave the text a place of Britain)
    text = ("John Baick of Western New England University said Reagan stood firm. Conservatives still praise his "
            "refusal to accept the status quo.\n")
    assert not [g for g in _kb_pairs(text) if g[0] == "Conservatives"], _kb_links(text)
    text = "In Manchester, England, the Conservatives won the vote on Thursday.\n"
    assert ("Conservatives", "conservative-party") in _kb_pairs(text), _kb_links(text)


def test_a_body_s_name_in_a_court_case_s_name_is_no_actor():
    # stop-42 audit (after): "Walmart Stores v. Dukes" was the company
    text = "Of the cases, 16 involved business, including Walmart Stores v. Dukes and Citizens United v. FEC.\n"
    got = _kb_pairs(text)
    assert not [g for g in got if g[1] in ("walmart", "federal-election-commission")], _kb_links(text)
    text = "Walmart said on Monday that it would raise wages. The FEC fined the campaign.\n"
    assert ("Walmart", "walmart") in _kb_pairs(text), _kb_links(text)


# --- stop 43 (kb43): linking audit of stop 43 and the brief's known misses; texts written for them ---------------

def test_stop43_the_late_x_is_a_person_who_died():
    # stop-42 audit text 17: "the nephew of the late King Abdullah" was Jordan's Abdullah II (alive)
    text = "Prince Alwaleed bin Talal is the nephew of the late King Abdullah. He mocked Trump on Twitter.\n"
    got = _kb_pairs(text)
    assert ("King Abdullah", "king-abdullah-of-saudi-arabia") in got, got
    assert "abdullah-ii-of-jordan" not in dict(got).values(), got
    text = "King Abdullah met the Syrian refugees in Amman on Monday.\n"
    assert ("King Abdullah", "abdullah-ii-of-jordan") in _kb_pairs(text), _kb_links(text)
    text = "They remembered the late Sen. John McCain. The late Chuck Grassley is no one: Grassley is alive.\n"
    got = _kb_pairs(text)
    assert ("John McCain", "john-mccain") in got and ("Chuck Grassley", "chuck-grassley") not in got, got


def test_stop43_a_verb_fed_is_no_federal_reserve():
    # stop-42 realworld pages and stop-43 audit text 7: "were well fed", "the information being fed"
    text = "The slaves were well fed and adequately housed, he said. The Fed raised rates on Wednesday.\n"
    got = _kb_links(text)
    assert [g[1] for g in got if g[2] == "federal-reserve"] == ["Fed"], got


def test_stop43_emirates_beside_airline_words_is_no_state():
    # realworld42: CNBC's "Emirates inks ... Boeing", "Emirates President Tim Clark", "the Emirates fleet" were the UAE
    text = ("Emirates inks a deal for 30 Boeing jets at the Dubai Air Show. Emirates President Tim Clark said the "
            "Emirates fleet would grow.\n")
    assert not [g for g in _kb_pairs(text) if g[1] == "united-arab-emirates"], _kb_links(text)
    text = "The United Arab Emirates condemned the attack. The Emirates said on Monday that its jets struck.\n"
    assert ("Emirates", "united-arab-emirates") in _kb_pairs(text), _kb_links(text)


def test_stop43_indians_are_india_s_only_where_india_is_named():
    # stop-42 audit text 14: "the Americans occupied the republics of the Indians" was India
    text = "The Americans occupied the republics of the Indians, who fought back for decades.\n"
    assert not [g for g in _kb_pairs(text) if g[1] == "india"], _kb_links(text)
    text = "India and Pakistan met in Geneva. The Indians said the talks went well.\n"
    assert ("Indians", "india") in _kb_pairs(text), _kb_links(text)


def test_stop43_a_thing_s_name_typed_person_and_organization_is_one_organization():
    # realworld42: TechCrunch's "Open Graph" (Facebook's protocol) was a person in some sentences
    text = ("Kinvey adds support for Facebook's Open Graph. Applicasa also offers Open Graph integration. "
            "Right now, Open Graph essentially only applies to web apps. Apps cannot integrate with Open Graph, "
            "because Facebook needs a web database. Apps publish to Open Graph because Kinvey stores the data. "
            "Open Graph integrations require web endpoints, Sravish Sridhar says.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    kinds = {e.type for e in doc.entities if e.name == "Open Graph"}
    assert kinds == {"organization"}, [(e.name, e.type, len(e.mentions)) for e in doc.entities]


def test_stop43_a_us_state_among_other_us_states_is_no_country():
    # stop-43 audit text 11: "And in Georgia, a religious-freedom bill ..." in a story on Missouri was the country
    text = ("In Indiana, lawmakers voted down a bill after a backlash from employers. And in Georgia, a "
            "religious-freedom bill faced dismal prospects. Missouri senators voted on Wednesday.\n")
    assert not [g for g in _kb_pairs(text) if g[1] == "georgia"], _kb_links(text)
    text = "Georgia and Russia fought a war in 2008. Officials in Texas and Ohio watched it closely.\n"
    assert ("Georgia", "georgia") in _kb_pairs(text), _kb_links(text)


def test_stop43_an_ampersand_name_and_the_post_after_the_washington_post():
    # stop-43 audit texts 11 and 8: "Marriott and AT&T" and "According to the Post" were unlinked
    text = "The bill drew a backlash from employers including Marriott and AT&T, the paper said.\n"
    assert ("AT&T", "att") in _kb_pairs(text), _kb_links(text)
    text = ("The Washington Post reported it first. According to the Post, the notes say four boys were involved. "
            "Officials in Washington declined to comment.\n")
    got = _kb_pairs(text)
    assert ("Post", "washington-post") in got and ("Washington", "us-government") not in got, got


def test_stop43_a_demonym_as_a_surname_a_game_or_a_language():
    # stop-43 audit texts 8, 12 and 19: "by David French", "Russian roulette", "Russian for 'goodbye'" were states
    text = ("Weighing the Allegations, by David French, National Review. He was playing his own version of Russian "
            "roulette. Friends jeered, \"Do svidaniya!\" - Russian for \"goodbye.\" French officials disagreed.\n")
    got = _kb_links(text)
    assert [g[1] for g in got if g[2] in ("france", "russia")] == ["French"], got


def test_stop43_another_country_s_party_and_a_headline_s_us():
    # stop-43 audit texts 14 and 8: "the Sweden Democrats" was the US Democratic Party, "Democrats Want Us To
    # Believe" (a headline) the United States
    text = ("The election is in September, with the opposition Sweden Democrats leading. Democrats in Congress "
            "objected.\n")
    got = _kb_links(text)
    assert [g[1] for g in got if g[2] == "democratic-party-us"] == ["Democrats"] and \
        got[[g[1] for g in got].index("Democrats")][0] > text.index("Sweden Democrats") + 10, got
    text = "Democrats Want Us To Believe All Women\n\nThe US Senate voted on Monday.\n"
    got = _kb_pairs(text)
    assert ("Us", "united-states") not in got and ("US Senate", "us-senate") in got, got


def test_stop43_a_family_s_name_and_a_place_named_after_a_person():
    # stop-43 audit text 19: "the upwardly mobile Trump family", "the Trump name", "Trump Village" were Donald Trump
    text = ("In the upwardly mobile Trump family, Donald was the second son. He made the Trump name a brand. His "
            "father began building Trump Village on Coney Island. Trump's family was rich, Mr. Trump said.\n")
    got = _kb_links(text)
    assert [g[1] for g in got if g[2] == "donald-trump"] == ["Trump", "Trump"], got
    assert all(g[0] > text.index("Trump's") - 1 for g in got if g[2] == "donald-trump"), got


def test_stop43_us_senators_and_the_missing_actors_of_the_stop_42_audit():
    # stop-42 audit: Grassley, Ayotte, Toomey, ESPN, Petraeus, Drudge, the Nation of Islam were missing; realworld42:
    # Liu Xiaoming, Chris Tang; several popes
    cases = [("Sen. Chuck Grassley (R-Iowa) said the hearing would go ahead. Grassley told reporters so.\n",
              [("Chuck Grassley", "chuck-grassley"), ("Grassley", "chuck-grassley")]),
             ("Kelly Ayotte and Pat Toomey voted no. Toomey said he was sorry.\n",
              [("Kelly Ayotte", "kelly-ayotte"), ("Toomey", "pat-toomey")]),
             ("ESPN fired Curt Schilling. Petraeus resigned from the CIA in 2012.\n",
              [("ESPN", "espn"), ("Petraeus", "david-petraeus")]),
             ("The Drudge Report linked the story. Louis Farrakhan leads the Nation of Islam.\n",
              [("Drudge Report", "drudge-report"), ("Nation of Islam", "nation-of-islam")]),
             ("Liu Xiaoming, China's ambassador in London, spoke. Commissioner Chris Tang praised the police.\n",
              [("Liu Xiaoming", "liu-xiaoming"), ("Chris Tang", "chris-tang")]),
             ("Pope Benedict XVI and John Paul II both visited Poland.\n",
              [("Pope Benedict XVI", "pope-benedict-xvi"), ("John Paul II", "pope-john-paul-ii")])]
    for text, pairs in cases:
        got = _kb_pairs(text)
        for pair in pairs:
            assert pair in got, (text, got)


def test_stop43_senators_file_follows_its_rule():
    # 17_us_senators.yaml: US senators of 2012-2018, no senator twice, no bare surname of the header's exclusions
    import yaml
    from pathlib import Path
    path = Path(spinscope.__file__).parent / "data/actors/17_us_senators.yaml"
    actors = yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]
    assert len(actors) >= 100
    for a in actors:
        assert a["type"] == "person" and a["country"] == "USA" and a["role"].startswith("US Senator (")
        assert not {"Flake", "Cotton", "Burr", "Warner", "Collins", "Graham", "Whitehouse", "Booker", "Udall",
                    "Perdue", "Levin", "Landrieu", "Blumenthal", "Kohl", "Kennedy"} & set(a.get("aliases", [])), a
    from spinscope.kb import load_kb
    kb = load_kb([])
    assert kb.get("harry-reid").origin.startswith(str(path.name)) or "17_us_senators" in kb.get("harry-reid").origin


def test_stop43_the_pope_is_the_living_pope_the_kb_knows():
    # stop-43 check text 40: with John Paul II in the KB (stop 43), "the pope" after Pope Francis and "John Paul II's
    # encyclical" became nobody; the KB's John Paul II died (2005): the living pope named is meant
    text = ("Pope Francis spoke about John Paul II's encyclical. Cardinal Müller said it is the pope's duty to unite "
            "the Church.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    pope = text.index("pope's")
    assert [e.kb_id for e in doc.entities for m in e.mentions if m.start == pope] == ["pope-francis"], \
        [(e.name, [text[m.start:m.end] for m in e.mentions]) for e in doc.entities]


# --- stop 44 (kb44): the known-left list; texts written for each ----------------------------------------------------

def test_stop44_a_title_decides_between_persons_of_one_surname():
    # stop-43 audit text 1: "Secretary Clinton" after "Bill Clinton" was Bill; the KB's `titles` say Hillary Clinton
    # is addressed "Secretary" and "Senator", Bill Clinton "President" and "Governor"
    text = ("Hillary Clinton and Bill Clinton arrived in Iowa. Former President Bill Clinton spoke first. Then "
            "Secretary Clinton told the crowd she would win. President Clinton smiled.\n")
    got = _kb_links(text)
    at = {g[0]: g[2] for g in got}
    assert at.get(text.index("Secretary Clinton") + len("Secretary ")) == "hillary-clinton", got
    assert at.get(text.index("President Clinton") + len("President ")) == "bill-clinton", got
    # only Bill named in full: "Secretary Clinton" is not him (no link beats a wrong one)
    text = "Former President Bill Clinton campaigned in Iowa on Monday. Secretary Clinton told the crowd she would win.\n"
    assert [g[1] for g in _kb_links(text) if g[2] == "bill-clinton"] == ["Bill Clinton"], _kb_links(text)
    # a past office of the KB `role` counts too: "Governor Bush" is Jeb (former Governor of Florida), though his
    # father was named last; "Vice President Bush" the father
    text = "Jeb Bush and George H. W. Bush spoke in Texas. Governor Bush said yes. Vice President Bush said no.\n"
    got = _kb_links(text)
    at = {g[0]: g[2] for g in got}
    assert at.get(text.index("Governor Bush") + len("Governor ")) == "jeb-bush", got
    assert at.get(text.index("Vice President Bush") + len("Vice President ")) == "george-h-w-bush", got


def test_stop44_nfl_is_the_football_league():
    # realworld42/43: "NFL" was the National Front for Liberation (a Syrian armed group, whose acronym is NLF)
    text = "The NFL suspended the player for four games. The NBA and the NCAA agreed.\n"
    got = _kb_pairs(text)
    assert ("NFL", "national-football-league") in got and ("NBA", "national-basketball-association") in got, got
    text = "Rebels of the National Front for Liberation (NLF) attacked in Idlib.\n"
    assert ("NLF", "national-front-for-liberation") in _kb_pairs(text), _kb_links(text)


def test_stop44_states_like_washington_is_no_government():
    # stop-43 audit text 3: "states like Washington" was the US government
    text = "Legalization passed in states like Washington and Colorado. The White House said nothing.\n"
    assert not [g for g in _kb_pairs(text) if g[0] == "Washington"], _kb_links(text)
    text = "Officials in Moscow and Washington traded accusations. Washington said the talks failed.\n"
    assert ("Washington", "us-government") in _kb_pairs(text), _kb_links(text)


# --- stop 45 (kb45): the known-left list; texts written for each ----------------------------------------------------

def test_stop45_a_surname_two_kb_persons_bear_goes_by_title_and_full_name():
    # kb44's doubt: "Reid" (Harry Reid's bare alias) is also Joy Reid, an MSNBC host; "MSNBC host Reid" was the senator
    text = "MSNBC host Reid said the vote was wrong. Sen. Reid disagreed.\n"
    got = _kb_links(text)
    at = {g[0]: g[2] for g in got}
    assert at.get(text.index("host Reid") + len("host ")) == "joy-reid", got
    assert at.get(text.index("Sen. Reid") + len("Sen. ")) == "harry-reid", got
    text = "Joy Reid said on MSNBC that the vote was wrong. Reid Hoffman disagreed. Reid added that it was urgent.\n"
    assert [g[2] for g in _kb_links(text) if g[1] == "Reid"] == ["joy-reid"], _kb_links(text)  # not Reid Hoffman's
    # guards: the senator named in full, or no one named, keeps the alias's person
    text = "Harry Reid said the Senate would vote. Reid added that it was urgent.\n"
    assert [g[2] for g in _kb_links(text) if g[1] == "Reid"] == ["harry-reid"], _kb_links(text)
    assert [g[2] for g in _kb_links("Reid said the vote was wrong.\n")] == ["harry-reid"]
    # every KB surname two persons share goes the same way: "Gov. McMaster" is the governor (Henry McMaster), though
    # H.R. McMaster (bare alias "McMaster") was named in full before; "McMaster said" right after him stays his
    text = "H.R. McMaster spoke. McMaster said little. Gov. McMaster said more.\n"
    got = _kb_links(text)
    at = {g[0]: g[2] for g in got}
    assert at.get(text.index("McMaster said")) == "h-r-mcmaster", got
    assert at.get(text.index("Gov. McMaster") + len("Gov. ")) == "henry-mcmaster", got


def test_stop45_a_camel_case_word_is_no_person():
    # the brief: "contact AdWords support" made AdWords a person (and a party of a SUPPORT event); "McConnell",
    # "DeSantis", "LeBron" stay persons
    doc = spinscope.analyze("If your ads stop running, contact AdWords support.\n",
                            disable=["techniques", "narratives", "events"])
    assert [e.type for e in doc.entities if e.name == "AdWords"] == ["organization"], \
        [(e.name, e.type) for e in doc.entities]
    doc = spinscope.analyze("McConnell said the vote would wait. DeSantis agreed. LeBron scored 30 points.\n",
                            disable=["techniques", "narratives", "events"])
    assert {e.name: e.type for e in doc.entities}.get("LeBron") == "person", [(e.name, e.type) for e in doc.entities]
    assert {e.kb_id for e in doc.entities} >= {"mitch-mcconnell", "ron-desantis"}


def test_stop45_a_person_s_name_before_an_outlet_s_thing_is_the_outlet():
    # stop-42/43 "still wrong": "made another Drudge headline" was Matt Drudge, where the Drudge Report is meant
    text = "The story made another Drudge headline on Monday. Drudge said nothing.\n"
    got = _kb_links(text)
    assert [g[2] for g in got] == ["drudge-report", "matt-drudge"], got


# --- stop 46 (kb46): the known-left list; texts written for each -----------------------------------------------------

def test_stop46_a_generational_suffix_or_elder_younger_names_one_of_two_presidents():
    # the stop-38 audit's "the Bush administration ... invaded Iraq" was George H. W. Bush: "George Bush Jr" was no KB
    # name, so a bare "Bush" went to the only namesake linked, "George Bush Sr"
    text = ("Egypt had trouble with the administration of George Bush Jr. Ties were good under George Bush Sr. "
            "The Bush Jr administration ignored Egypt. The elder Bush met Gorbachev; the younger Bush met Putin.\n")
    got = _kb_links(text)
    at = {g[0]: g[2] for g in got}
    assert at.get(text.index("George Bush Jr")) == "george-w-bush", got
    assert at.get(text.index("George Bush Sr")) == "george-h-w-bush", got
    assert at.get(text.index("Bush Jr administration")) == "george-w-bush", got
    assert at.get(text.index("elder Bush")) == "george-h-w-bush", got
    assert at.get(text.index("younger Bush")) == "george-w-bush", got
    # a bare "Bush" after both named in full is no longer the father's (no link beats a wrong one)
    text = ("Egypt had trouble with George Bush Jr. Ties were good under George Bush Sr. The Bush administration "
            "invaded Iraq.\n")
    assert "george-h-w-bush" not in [g[2] for g in _kb_links(text) if g[1] == "Bush"], _kb_links(text)
    # guard: a text naming only the father keeps his bare surname his
    text = "George H. W. Bush met Gorbachev in Malta. Bush said the Cold War was over.\n"
    assert [g[2] for g in _kb_links(text) if g[1] == "Bush"] == ["george-h-w-bush"], _kb_links(text)


def test_stop46_president_or_administration_of_a_shared_surname_goes_by_the_document_s_date():
    # "President Bush", "the Bush administration" with no Bush named in full: who held the presidency in the year
    # the document was published (KB roles' years)
    text = "The Bush administration defended its tax cuts. President Bush said the economy was strong.\n"
    assert {k for _, k in _kb_pairs_at(text, published="2006-05-02")} == {"george-w-bush"}, \
        _kb_pairs_at(text, published="2006-05-02")
    assert _kb_pairs_at("The Bush administration's tax cuts passed.\n", published="2006-05-02") == \
        [("Bush", "george-w-bush")]
    assert {k for _, k in _kb_pairs_at(text, published="1990-05-02")} == {"george-h-w-bush"}, \
        _kb_pairs_at(text, published="1990-05-02")
    # guards: no Bush in office (a 2016 text), no date, or a would-be administration: no link, as before
    assert _kb_pairs_at(text, published="2016-05-02") == []
    assert _kb_pairs_at(text) == []
    assert _kb_pairs_at("Critics said a Clinton administration would raise taxes.\n", published="2016-05-02") == []
    # both named in full: the title picks the one in office that year
    text = ("George H. W. Bush and his son George W. Bush met in Maine. President Bush later flew to Iraq.\n")
    got = _kb_pairs_at(text, published="2007-05-02")
    assert ("Bush", "george-w-bush") in got and ("Bush", "george-h-w-bush") not in got, got
    # an office of many holders is not read so: "State Sen. Johnson" of a local paper is no KB senator
    assert _kb_pairs_at("State Sen. Johnson voted against the bill.\n", published="2016-05-02") == []


def test_stop46_a_national_red_cross_society_is_not_the_icrc():
    # the audits' "the American Red Cross" (and a local "Red Cross" after it) linked to the ICRC
    text = "The American Red Cross sent volunteers. The Red Cross said 40 families were displaced.\n"
    assert [g[2] for g in _kb_links(text)] == ["american-red-cross", "american-red-cross"], _kb_links(text)
    text = "The British Red Cross and the Turkish Red Crescent helped. The Red Cross also gave blankets.\n"
    assert not [g for g in _kb_links(text) if "red-cross" in g[2]], _kb_links(text)
    doc = spinscope.analyze("The Kenya Red Cross said 12 people died.\n", disable=["techniques", "narratives", "events"])
    assert [(e.name, e.type, e.kb_id) for e in doc.entities] == [("Kenya Red Cross", "organization", None)]
    # guards: the international committee named, or a bare "Red Cross" of a text naming no national society
    text = "The International Committee of the Red Cross visited prisoners. The Red Cross said conditions were poor.\n"
    assert {g[2] for g in _kb_links(text)} == {"international-committee-of-the-red-cross"}, _kb_links(text)
    text = "The Red Cross visited prisoners in Syria.\n"
    assert ("Red Cross", "international-committee-of-the-red-cross") in [g[1:] for g in _kb_links(text)]
    # a text naming no country (a US town's fire, LGL dev): its own country's society or the committee, no link
    text = "Fire destroyed the building on Main Street. The Red Cross is assisting residents who were displaced.\n"
    assert _kb_links(text) == [], _kb_links(text)


def test_stop46_a_senator_who_left_is_not_the_senator_of_a_later_text():
    # docs/actors.md (stop 43): the senators' roles held no years, so "the senator" of a 2016 text joined a senator
    # who left in 2015; the roles now carry their terms
    text = "Tim Johnson spoke at the fair. The senator said farmers needed help.\n"
    assert ("senator", "tim-johnson") not in _kb_pairs_at(text, published="2016-05-02")
    assert ("senator", "tim-johnson") in _kb_pairs_at(text, published="2012-05-02")  # in office then
    text = "Former Sen. Tim Johnson spoke at the fair. The former senator said farmers needed help.\n"
    assert ("former senator", "tim-johnson") in _kb_pairs_at(text, published="2016-05-02")
    text = "Ron Johnson spoke at the fair. The senator said farmers needed help.\n"
    assert ("senator", "ron-johnson") in _kb_pairs_at(text, published="2016-05-02")


# --- stop 47 (kb47): the known-left list; texts written for each -----------------------------------------------------

def _at(text: str, published: str | None = None) -> dict[int, str]:
    """Start of each KB-linked mention -> its KB id."""
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"],
                            **({"published": published} if published else {}))
    return {m.start: e.kb_id for e in doc.entities if e.kb_id for m in e.mentions}


def test_stop47_a_year_in_the_clause_dates_a_titled_office():
    # kb46's left: the dated-office rule trusted the document's year, so a 2006 retrospective's "President Bush ...
    # in 1991" was George W. Bush; the year the clause itself gives dates the office
    text = ("In a look back at the Gulf War, historians said President Bush launched the air campaign in 1991. "
            "Ten years later President Bush invaded Afghanistan.\n")
    at = _at(text, "2006-05-02")
    assert at.get(text.index("Bush launched")) == "george-h-w-bush", at
    assert at.get(text.index("Bush invaded")) == "george-w-bush", at
    for text in ["In March 1991 President Bush declared victory.\n",
                 "In the summer of 1991 the Bush administration declared victory.\n"]:
        assert set(_at(text, "2006-05-02").values()) == {"george-h-w-bush"}, (text, _at(text, "2006-05-02"))
    # an undated text: the clause's year alone
    assert set(_at("President Bush launched the Gulf War in 1991.\n").values()) == {"george-h-w-bush"}
    # any office of `dated_office_kinds`, any KB surname: "President Clinton" of a 2016 text, in 1996
    text = "President Clinton signed the welfare law in 1996. Clinton said it worked.\n"
    assert set(_at(text, "2016-05-02").values()) == {"bill-clinton"}, _at(text, "2016-05-02")
    # both Bushes named in full: the title picks the one in office in the clause's year
    text = ("George H. W. Bush and his son George W. Bush met in Maine. President Bush launched the Gulf War in "
            "1991, the historian wrote.\n")
    assert _at(text, "2007-05-02").get(text.index("Bush launched")) == "george-h-w-bush", _at(text, "2007-05-02")
    # guards: a year in another clause, a year naming a thing ("the 1991 war"), no year: the document's year; a
    # clause year in which no namesake held it: the document's year too (a title of today on an earlier event)
    for text in ["President Bush, who took office in 2001, said the war in 1991 was different.\n",
                 "President Bush compared the invasion to the 1991 war.\n",
                 "President Bush said on Tuesday that the economy was strong.\n",
                 "In 1999, President Bush ran for office.\n"]:
        assert set(_at(text, "2006-05-02").values()) == {"george-w-bush"}, (text, _at(text, "2006-05-02"))
    assert set(_at("Vice President Cheney spoke in 1991.\n", "2006-05-02").values()) == {"dick-cheney"}
    assert _at("Critics said President Clinton would in 2017 raise taxes.\n", "2016-05-02") == {}


def test_stop47_a_kb_politician_s_name_of_a_company_is_a_namesake():
    # stop 45's left: "Ron Johnson, the former head of Apple retail stores" was the senator of Wisconsin
    for text in ["Ron Johnson of Apple built the stores. Johnson said the design mattered.\n",
                 "Ron Johnson, the former head of Apple retail stores, left.\n",
                 "Ron Johnson, Apple's retail chief, left.\n",
                 "Mike Lee at Acme Widgets Inc. said sales rose.\n"]:
        assert not {"ron-johnson", "mike-lee"} & set(_at(text, "2016-05-02").values()), (text, _at(text, "2016-05-02"))
    # guards: no post there, a state, the person's own title, "from", a company the KB says the person served
    for text, kb_id in [("Sen. Ron Johnson, a longtime critic of Apple, spoke.\n", "ron-johnson"),
                        ("Ron Johnson, who grilled the head of Apple, spoke.\n", "ron-johnson"),
                        ("Ron Johnson of Wisconsin agreed.\n", "ron-johnson"),
                        ("Sen. Ron Johnson at Boeing spoke.\n", "ron-johnson"),
                        ("A letter to Ron Johnson from Apple arrived.\n", "ron-johnson"),
                        ("Carly Fiorina, the former chief executive of Hewlett-Packard, spoke.\n", "carly-fiorina"),
                        ("Rex Tillerson of ExxonMobil was nominated.\n", "rex-tillerson"),
                        ("Elon Musk of SpaceX smiled.\n", "elon-musk")]:
        assert kb_id in _at(text, "2016-12-15").values(), (text, _at(text, "2016-12-15"))


def test_stop47_a_red_cross_of_a_us_town_is_the_american_red_cross():
    # kb46's left: "Red Cross in Waterbury" (LGL dev 41880863: a local chapter) was no one's
    text = ("A fire destroyed three homes on Elm Street. The Red Cross in Waterbury provided shelter. The Red Cross "
            "said 12 people were helped.\n")
    assert list(_at(text).values()) == ["american-red-cross", "american-red-cross"], _at(text)
    # guards: a town abroad (the committee), a capital (a delegation of the committee), no town: as before
    assert "international-committee-of-the-red-cross" in \
        _at("The Red Cross in Aleppo delivered food. Syria's war goes on.\n").values()
    assert "american-red-cross" not in _at("The Red Cross in Washington said detainees were visited.\n").values()
    text = "Fire destroyed the building on Main Street. The Red Cross is assisting residents who were displaced.\n"
    assert _at(text) == {}, _at(text)


def test_stop47_a_regular_joe_is_no_person():
    # stop 43's audit: "a regular Joe American" lost its American (the given-name rules read "Joe American" as a
    # person's name); the idiom's "Joe" is no one
    doc = spinscope.analyze("He is a regular Joe American who works hard. Average Joe voters agree.\n",
                            disable=["techniques", "narratives", "events"])
    assert [(e.type, e.kb_id) for e in doc.entities] == [("nationality", "united-states")], \
        [(e.name, e.type) for e in doc.entities]
    # guards: a full name after the idiom's word stays a person, a KB one stays linked
    doc = spinscope.analyze("A regular Joe Smith came by. The average Joe Biden voter is older.\n",
                            disable=["techniques", "narratives", "events"])
    assert {(e.name, e.kb_id) for e in doc.entities if e.type == "person"} == {("Joe Smith", None),
                                                                               ("Joe Biden", "joe-biden")}


# --- stop 48 (kb48): the known-left list; texts written for each -----------------------------------------------------

def test_stop48_a_year_in_the_clause_dates_a_role_nominal():
    # kb47's left: "the president" read the document's year alone; the clause's own year dates it as a title's
    text = "Bill Clinton and Barack Obama spoke at the dinner. The president signed the welfare law in 1996.\n"
    at = _at(text, "2016-05-02")
    assert at.get(text.index("president")) == "bill-clinton", at
    # none named held it in the clause's year: no link (was Obama, the president of the document's year)
    text = "Barack Obama spoke at the dinner. The president visited Moscow in 1999.\n"
    assert text.index("president") not in _at(text, "2016-05-02"), _at(text, "2016-05-02")
    # the vice presidency of George H. W. Bush (1981-1989) is in his KB role now
    text = "George H. W. Bush and Ronald Reagan met. The vice president flew to Moscow in 1987.\n"
    assert _at(text, "2004-05-02").get(text.index("vice president")) == "george-h-w-bush", _at(text, "2004-05-02")
    # guards: the clause's year of the office's holder, no year, a former president, a person the KB does not date
    text = "Bill Clinton and Barack Obama spoke at the dinner. The president signed the health law in 2010.\n"
    assert _at(text, "2016-05-02").get(text.index("president")) == "barack-obama"
    text = "Bill Clinton and Barack Obama spoke at the dinner. The president said on Monday that he would veto it.\n"
    assert _at(text, "2016-05-02").get(text.index("president")) == "barack-obama"
    text = "Bill Clinton spoke at the dinner. The former president said in 2016 that he was tired.\n"
    assert _at(text, "2016-05-02").get(text.index("former president")) == "bill-clinton"
    doc = spinscope.analyze("President Ulrich Beck of Freedonia spoke. The president said in 2015 that he was tired.\n",
                            disable=["techniques", "narratives", "events"], published="2016-05-02")
    persons = [[m.of(doc.text) for m in e.mentions] for e in doc.entities if e.type == "person"]
    assert persons == [["Ulrich Beck", "president"]], persons  # no KB date to read: the document's reading


def test_stop48_vice_president_bush_in_1987_is_george_h_w_bush():
    # kb47's left: his vice presidency was not in his KB role, so "Vice President Bush" in 1987 was no one's
    text = "Vice President Bush met Gorbachev in 1987. Bush said the talks went well.\n"
    for published in ("2004-05-02", None):
        assert set(_at(text, published).values()) == {"george-h-w-bush"}, _at(text, published)
    assert set(_at("Vice President Nixon debated Khrushchev in 1959.\n", "1999-05-02").values()) == {"richard-nixon"}
    # guards: "President Bush" of a 2004 text stays the son; the vice president of 2004 is Cheney, not a Bush
    assert set(_at("President Bush met Putin. Bush said the talks went well.\n", "2004-05-02").values()) \
        >= {"george-w-bush"}
    assert "george-h-w-bush" not in _at("Vice President Bush spoke on Tuesday.\n", "2004-05-02").values()


def _named(text: str) -> list[tuple[str, str, str | None]]:
    """(surface of the first mention, type, KB id) of each entity."""
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    return [(e.mentions[0].of(doc.text), e.type, e.kb_id) for e in doc.entities]


def test_stop48_a_group_s_possessive_opening_a_name_does_not_split_it():
    # the events audits' "Women" of Women's March (a piece of a name made a party): the inner possessive of a group
    # of people (`name_group_possessors`) opens the name, not another one
    found = _named("The paper covered the support for Farrakhan by Women's March leaders. "
                   "Women's March organizers spoke.\n")
    assert ("Women's March", "organization", None) in found, found
    assert not any(s in ("Women", "March") for s, _, _ in found), found
    # a name the model tagged PERSON with a group's possessive inside is an organisation, its demonym no nationality
    found = _named("The nationalist Swiss People's Party, or SVP, grew. Blocher spoke to the Swiss People's Party.\n")
    assert ("Swiss People's Party", "organization", None) in found, found
    assert not any(t == "nationality" or t == "person" and "Party" in s for s, t, _ in found), found
    # ... and so is one it tags a facility or a place (tests/test_events.py's front defeating a regime keeps its actor)
    found = _named("Three groups - the Afar People's Liberation Front, the Somali Liberation Front and the Gambela "
                   "Liberation Front - defeated the Derg.\n")
    assert ("Afar People's Liberation Front", "organization", None) in found, found
    # guard: a state's own name with a group's possessive stays the state
    assert ("Lao People's Democratic Republic", "state", "laos") in \
        _named("Officials of the Lao People's Democratic Republic met in Vientiane.\n")
    # guard: a person's possessive still splits two names ("Kerry's State Department")
    found = _named("John Kerry's State Department issued a statement.\n")
    assert any(k == "john-kerry" for _, _, k in found) and not any("Kerry's State" in s for s, _, _ in found), found


def test_stop48_a_town_opening_an_accord_s_name_is_no_place_or_government():
    # the events audits' "The Paris Climate Agreement" (Paris's government agreeing): the town names where it was made
    for text, name in [("France signed the Paris Climate Agreement in 2015.\n", "Paris Climate Agreement"),
                       ("Russia ignored the Minsk Accords, officials said.\n", "Minsk Accords"),
                       ("Moscow and Washington signed the Moscow Treaty in 2002.\n", "Moscow Treaty")]:
        found = _named(text)
        assert (name, "other", None) in found and len([s for s, _, _ in found if s in ("Paris", "Minsk", "Moscow")]) \
            == text.startswith("Moscow"), (text, found)  # the signer "Moscow" stays the Russian government
    # in a Title-Case headline too (there the capital was the French government; the name is not written below)
    found = _named("Climate News\n\nThe Paris Climate Agreement Is A Big Step For Mankind\n\nLeaders spoke.\n")
    assert not any(s == "Paris" for s, _, _ in found), found
    # guards: the town alone, a lower-case deal, a state's own name before the noun
    assert ("Paris", "place", None) in _named("Leaders met in Paris to sign the climate deal.\n")
    assert not any("Agreement" in s for s, _, _ in _named("Leaders met in Paris. The agreement was signed.\n"))
    assert any(k == "iran" for _, _, k in _named("Iran signed the agreement with six powers in Vienna.\n"))


def test_stop48_a_name_of_myth_in_a_set_phrase_is_no_entity():
    # the events audits' "Achilles" (the idiom's heel made the target of an accusation)
    for text in ["Republicans found Clinton's Achilles heel. Her Achilles' heel is Libya.\n",
                 "It was a Trojan horse for the Kremlin. Opening Pandora's box would be a mistake.\n"]:
        found = _named(text)
        assert not any(s in ("Achilles", "Trojan", "Pandora") for s, _, _ in found), (text, found)
    # guard: the name outside the phrase stays
    assert any(s == "Achilles" for s, _, _ in _named("The hero Achilles fought Hector at Troy, Homer wrote.\n")) \
        or any(s == "Hector" for s, _, _ in _named("The hero Achilles fought Hector at Troy, Homer wrote.\n"))


def test_stop48_a_word_made_from_a_person_s_name_is_no_entity():
    # the events audits' "Trumpian attacks" (the style made the one attacking)
    found = _named("Advisers peppered her with Trumpian attacks. The Clintonian style was Nixonian.\n")
    assert not any(s in ("Trumpian", "Clintonian", "Nixonian") for s, _, _ in found), found
    # guards: demonyms stay nationalities; a given name of such an ending stays ("Christian")
    found = _named("Canadian and Jordanian officials met Brazilian diplomats.\n")
    assert {s for s, t, _ in found if t == "nationality"} == {"Canadian", "Jordanian", "Brazilian"}, found
    assert ("Christian", "other", None) in _named("It concerns Christian Unity and Christian values.\n")


def test_stop48_a_thing_s_noun_the_model_calls_a_person_is_no_person():
    # the events audits' "Trophy" of "the former Heisman Trophy winner" (tagged PERSON: made the one endorsing)
    found = _named("The former Heisman Trophy winner endorsed Donald Trump in 2015.\n")
    assert not any(s == "Trophy" for s, _, _ in found) and ("Donald Trump", "person", "donald-trump") in found, found


def test_stop48_a_surname_before_era_is_the_president_of_that_name():
    # stop 43's "the Clinton ... eras" (Hillary, named in full, where Bill's presidency is meant)
    text = "Hillary Clinton spoke in Iowa. Trade grew under the Clinton and Bush eras, she said. Clinton smiled.\n"
    at = _at(text, "2016-03-17")
    assert at.get(text.index("Clinton and")) == "bill-clinton", at
    assert at.get(text.index("Clinton smiled")) == "hillary-clinton", at  # the bare surname stays hers
    assert "george-w-bush" not in at.values() and "george-h-w-bush" not in at.values(), at  # two Bush presidents
    assert set(_at("The Obama era ended.\n", "2017-03-17").values()) == {"barack-obama"}
    # guards: "era" not right after the surname; a namesake of the text who held no presidency is not given the era
    text = "Hillary Clinton spoke in Iowa. Clinton said the era of big government was over.\n"
    assert set(_at(text, "2016-03-17").values()) == {"hillary-clinton"}
    text = "Jeb Bush spoke in Iowa. The Bush era was over, Bush said.\n"
    at = _at(text, "2016-03-17")
    assert text.index("Bush era") not in at and at.get(text.index("Bush said")) == "jeb-bush", at


def _ids_of(text: str) -> dict[str, str | None]:
    """Surface of each mention -> its KB id (None when unlinked); the entities stage alone."""
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    return {m.of(doc.text): e.kb_id for e in doc.entities for m in e.mentions}


def test_stop50_think_tanks_are_in_the_kb():
    # the stop-49 fresh-eyes audit: Brookings, CSIS (typed a place), Cato ... were unlinked names
    ids = _ids_of("Scholars at the Brookings Institution and the Heritage Foundation argued on Monday, and a CSIS "
                  "paper and a RAND Corporation study agreed. The Cato Institute and the Council on Foreign Relations "
                  "did not, nor did RAND itself or the Washington Institute for Near East Policy.\n")
    assert ids.get("Brookings Institution") == "brookings-institution", ids
    assert ids.get("Heritage Foundation") == "heritage-foundation", ids
    assert ids.get("CSIS") == "csis", ids
    assert ids.get("RAND Corporation") == ids.get("RAND") == "rand-corporation", ids
    assert ids.get("Cato Institute") == "cato-institute", ids
    assert ids.get("Council on Foreign Relations") == "council-on-foreign-relations", ids
    assert ids.get("Washington Institute for Near East Policy") == "washington-institute-for-near-east-policy", ids
    # guards: the same words in their other senses stay unlinked (a currency, a senator's first name, a Roman, a
    # way of speaking, a town)
    ids = _ids_of("The farmer was paid forty rand in Pretoria. Rand Paul voted no. Cato the Elder was a Roman. "
                  "The talk was held under the Chatham House rule. The fair opened in Brookings, South Dakota.\n")
    assert "rand-corporation" not in ids.values() and ids.get("Rand Paul") == "rand-paul", ids
    assert "cato-institute" not in ids.values() and "chatham-house" not in ids.values(), ids
    assert "brookings-institution" not in ids.values(), ids


def test_stop50_party_committees_intelligence_and_commands_are_in_the_kb():
    ids = _ids_of("The DCCC and the DSCC bought ads in Iowa, and the NRCC and the NRSC answered. The KGB had "
                  "recruited him decades ago, a defector said. The Joint Chiefs of Staff met on Friday, and AFRICOM "
                  "said its drones struck near Kismayo.\n")
    assert [ids.get(k) for k in ("DCCC", "DSCC", "NRCC", "NRSC")] == ["dccc", "dscc", "nrcc", "nrsc"], ids
    assert ids.get("KGB") == "kgb" and ids.get("Joint Chiefs of Staff") == "joint-chiefs-of-staff", ids
    assert ids.get("AFRICOM") == "us-africa-command", ids
    # the audit's "United States Special Operations Command" was typed a place; SOCOM is the command, not the troops
    ids = _ids_of("According to the United States Special Operations Command, SOCOM sent more US special forces "
                  "to the region.\n")
    assert ids.get("United States Special Operations Command") == ids.get("SOCOM") == "us-special-operations-command"
    assert ids.get("US special forces") == "us-special-operations-forces", ids
    # guard: Israel's Southern Command is no US command
    ids = _ids_of("Israel's Southern Command raised its alert level on Sunday.\n")
    assert "us-southern-command" not in ids.values(), ids


def test_stop50_foundations_and_advocacy_groups_are_in_the_kb():
    ids = _ids_of("The Clinton Foundation took money from a Gulf emirate, Judicial Watch said. The NRA and Planned "
                  "Parenthood ran ads, and the Southern Poverty Law Center and the ADL condemned the rally.\n")
    assert ids.get("Clinton Foundation") == "clinton-foundation" and ids.get("Judicial Watch") == "judicial-watch", ids
    assert ids.get("NRA") == "national-rifle-association" and ids.get("Planned Parenthood") == "planned-parenthood"
    assert ids.get("Southern Poverty Law Center") == "southern-poverty-law-center", ids
    assert ids.get("ADL") == "anti-defamation-league", ids


def test_stop50_a_body_named_after_another_state_is_that_state_s_own():
    # the bare "Department of Justice" and "Supreme Court" are the US bodies now (as "Congress" and "Department of
    # Defense" were), unless another state or its people is named right before them
    ids = _ids_of("The Department of Justice opened an inquiry, and the Supreme Court ruled on Monday.\n")
    assert ids.get("Department of Justice") == "united-states-department-of-justice", ids
    assert ids.get("Supreme Court") == "supreme-court-of-the-united-states", ids
    for text in ("Canada's Department of Justice opened an inquiry.\n", "The Irish Department of Justice declined.\n",
                 "Pakistan's Supreme Court ruled on Monday.\n", "The state Supreme Court ruled on Monday.\n",
                 "Canada's Joint Chiefs met on Friday.\n"):
        ids = _ids_of(text)
        assert not {"united-states-department-of-justice", "supreme-court-of-the-united-states",
                    "joint-chiefs-of-staff"} & set(ids.values()), (text, ids)
    # guards: a body of the same state keeps its link, possessive or demonym
    ids = _ids_of("The Soviet KGB watched him, Iran's Revolutionary Guards fired, and the American CIA listened.\n")
    assert ids.get("KGB") == "kgb" and ids.get("Revolutionary Guards") == "irgc" and ids.get("CIA") == "cia", ids


def test_stop50_a_division_s_abbreviation_joins_no_body_by_its_initials():
    # the development count's diff: with the bare "Supreme Court" in the KB, a dateline's "S.C." joined the court by
    # its initials (S. C.); a division's dotted abbreviation (geocode.yaml `division_abbreviations`) is a place's
    text = ("The Latest: Senator Dana Holt tells voters she is with them\n\nCOLUMBIA, S.C. (AP) — The Latest on the "
            "primary: South Carolina's Democrats vote on Saturday.\n\nHolt spoke in South Carolina on Friday. The "
            "Supreme Court vacancy came up, and South Carolina voters cheered.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    at = {m.of(doc.text): (e.type, e.kb_id) for e in doc.entities for m in e.mentions}
    assert at.get("S.C.", (None, None))[1] is None, at
    assert at.get("Supreme Court") == ("government", "supreme-court-of-the-united-states"), at
    # guard: an acronym still joins its own body's name by its initials
    doc = spinscope.analyze("The Democratic National Committee met on Monday. The DNC said it would appeal.\n",
                            disable=["techniques", "narratives", "events"])
    assert {e.kb_id for e in doc.entities} == {"democratic-national-committee"}, doc.entities


def test_realworld50_two_kb_aliases():
    # realworld50: an AP list of a lobbying firm's clients wrote "the Republic of Azerbaijan" (a place linked to
    # nothing, and no place found), an NYT profile "the American Navy" (unlinked); the short names stay (guards)
    found = _named("The firm has worked for Albania, the Republic of Azerbaijan, Cyprus and Kenya.\n")
    assert ("Republic of Azerbaijan", "state", "azerbaijan") in found, found
    found = _named("His father was a petty officer in the American Navy before the war.\n")
    assert ("American Navy", "military", "us-navy") in found, found
    assert ("Azerbaijan", "state", "azerbaijan") in _named("Talks with Azerbaijan resumed.\n")
    assert ("U.S. Navy", "military", "us-navy") in _named("The U.S. Navy sent two ships.\n")


# --- stop 51 (kb51): the bodies still missing, a KB name inside a longer name, a shared acronym --------------------


def test_stop51_bodies_of_the_audits_are_in_the_kb():
    # stop 50's fresh-eyes audit: the Eurasian Economic Union, the AIIB, CITIC, the Party of Regions, UPI (typed a
    # place) were unlinked names; made-up sentences of the same shapes
    ids = _ids_of("DENVER, May 4 (UPI) -- Kazakhstan joined the Eurasian Economic Union, and the AIIB lent money "
                  "to a road builder that CITIC partly owns. The Party of Regions had backed the plan, and the "
                  "Zionist Union attacked it. A fellow at the Royal United Services Institute and one at the "
                  "Carnegie Moscow Center doubted it.\n")
    assert ids.get("UPI") == "upi", ids
    assert ids.get("Eurasian Economic Union") == "eurasian-economic-union", ids
    assert ids.get("AIIB") == "asian-infrastructure-investment-bank" and ids.get("CITIC") == "citic-group", ids
    assert ids.get("Party of Regions") == "party-of-regions" and ids.get("Zionist Union") == "zionist-union", ids
    assert ids.get("Royal United Services Institute") == "royal-united-services-institute", ids
    assert ids.get("Carnegie Moscow Center") == "carnegie-moscow-center", ids
    ids = _ids_of("The Podesta Group and Mercury Public Affairs lobbied for the centre, while American Crossroads "
                  "and America Rising PAC bought ads. The AFL-CIO and the SEIU endorsed the mayor, the Congressional "
                  "Budget Office scored the bill and NPR and PBS aired the debate.\n")
    for name, kb_id in (("Podesta Group", "podesta-group"), ("Mercury Public Affairs", "mercury-public-affairs"),
                        ("American Crossroads", "american-crossroads"), ("America Rising PAC", "america-rising-pac"),
                        ("AFL-CIO", "afl-cio"), ("SEIU", "seiu"), ("Congressional Budget Office",
                                                                    "congressional-budget-office"),
                        ("NPR", "npr"), ("PBS", "pbs")):
        assert ids.get(name) == kb_id, (name, ids)
    ids = _ids_of("Gazprom cut the gas after Naftogaz refused to pay, and the Rada met in an emergency session. "
                  "The SBU said Right Sector and the Azov Regiment had fought near the port.\n")
    for name, kb_id in (("Gazprom", "gazprom"), ("Naftogaz", "naftogaz"), ("Rada", "verkhovna-rada"),
                        ("SBU", "security-service-of-ukraine"), ("Right Sector", "right-sector"),
                        ("Azov Regiment", "azov-regiment")):
        assert ids.get(name) == kb_id, (name, ids)
    # guards: the same words in their other senses stay unlinked (a planet, a sea, an ordinary phrase in lower case)
    ids = _ids_of("Mercury is the smallest planet. The ships crossed the Sea of Azov at night. She works from a home "
                  "office and gives to world relief efforts; the right sector of the market fell, and the border "
                  "patrol of the ranch found nothing.\n")
    assert not {"mercury-public-affairs", "azov-regiment", "home-office", "world-relief", "right-sector",
                "us-border-patrol"} & set(ids.values()), ids


def test_stop51_a_kb_name_inside_a_longer_name_stays_unlinked():
    # kb50's "Utah Supreme Court" (cut to "Supreme Court") and "Goldman Sachs Foundation" (the bank): a longer name the
    # model found whole that goes on after the KB name, or has a place's name or "X of" before it, is another body
    text = ("In a ruling issued late on Tuesday after months of delay, the Utah Supreme Court threw out the county's "
            "new map, and the Goldman Sachs Foundation said it would pay for a fresh count of every ballot.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    found = {m.of(doc.text): (e.type, e.kb_id) for e in doc.entities for m in e.mentions}
    assert found.get("Utah Supreme Court") == ("organization", None), found
    assert found.get("Goldman Sachs Foundation") == ("organization", None), found
    assert "Supreme Court" not in found and "Goldman Sachs" not in found, found
    ids = _ids_of("Officials of the Florida Democratic Party met their donors on a rainy evening and asked them for "
                  "more money than they had given in any year before.\n")
    assert ids.get("Florida Democratic Party") is None and "democratic-party-us" not in ids.values(), ids
    # made-up names of the same shapes: a fellowship and a prize named after KB bodies, a county's party
    ids = _ids_of("Last spring the Heritage Foundation Alder Fellowship paid for three students to spend a summer in "
                  "the capital, and the Cato Institute Orchard Prize went to a young economist who wrote on housing.\n")
    assert ids.get("Heritage Foundation Alder Fellowship", "?") is None, ids
    assert ids.get("Cato Institute Orchard Prize", "?") is None, ids
    assert not {"heritage-foundation", "cato-institute"} & set(ids.values()), ids
    ids = _ids_of("Every winter the officers of the Bramwell County Democratic Party hold a dinner for volunteers and "
                  "donors in the old town hall.\n")
    assert ids.get("Bramwell County Democratic Party", "?") is None, ids
    # guards: a legal form, the actor's own administration, a role after the name, a body and a person the model ran
    # together, an outlet's programme keep the link
    ids = _ids_of("Shares of Goldman Sachs Group Inc fell on the news, and a spokesman for the company declined to "
                  "say more about the deal or its terms.\n")
    assert "goldman-sachs" in ids.values(), ids
    ids = _ids_of("Department of Justice Inspector General Martin Vale said the report would come out in the spring "
                  "after a long review of the files.\n")
    assert "united-states-department-of-justice" in ids.values(), ids
    ids = _ids_of("The Supreme Court ruled on Monday that the law could stand, and the Democratic Party said it "
                  "would appeal to voters instead of the courts.\n")
    assert ids.get("Supreme Court") == "supreme-court-of-the-united-states", ids
    assert ids.get("Democratic Party") == "democratic-party-us", ids
    # a communist party's congress is no US Congress (`not_after: party`); the US Congress stays
    ids = _ids_of("When the Party Congress opened in the capital, delegates were told to expect a long session with "
                  "many speeches. Congress passed the bill on Friday.\n")
    assert ids.get("Congress") == "united-states-congress" and "Party Congress" in ids, ids
    assert ids.get("Party Congress") != "united-states-congress", ids


def test_stop51_csis_by_context():
    # "CSIS" is the Washington think tank and Canada's intelligence service: the one the text names in full; neither
    # named in full, in a paragraph naming Canada (and not the US): no link; else the think tank, as before
    ids = _ids_of("Anne Tremblay, a spokeswoman for the Canadian Security Intelligence Service, said CSIS had warned "
                  "the minister in March.\n")
    assert ids.get("CSIS") == ids.get("Canadian Security Intelligence Service") \
        == "canadian-security-intelligence-service", ids
    ids = _ids_of("Canadian officials said CSIS had watched the man for two years before his arrest in Calgary.\n")
    assert "CSIS" in ids and ids["CSIS"] is None, ids
    ids = _ids_of("Analysts at CSIS in Washington said the plan would fail, and a CSIS report agreed.\n")
    assert ids.get("CSIS") == "csis", ids
    ids = _ids_of("A report by the Center for Strategic and International Studies found that Canadian ships had "
                  "entered the zone. CSIS published it on Monday.\n")
    assert ids.get("CSIS") == "csis", ids


def test_stop51_a_lower_case_leaning_before_a_party_name_is_no_party_of_that_name():
    # realworld51: "liberal Democrats" (a leaning and a US party's voters) linked to the British Liberal Democrats; the
    # party's name written with its capitals stays the party (made-up sentences)
    ids = _ids_of("Turnout among liberal Democrats in the county fell sharply, the pollster Dana Welk said on Tuesday, "
                  "while conservative Republicans turned out as before.\n")
    assert "liberal-democrats" not in ids.values(), ids
    ids = _ids_of("In Britain, the Liberal Democrats won two seats in the by-election, and the Conservative Party lost "
                  "one of its safest.\n")
    assert ids.get("Liberal Democrats") == "liberal-democrats", ids


def test_al_qaeda_written_solid_is_linked_realworldb(run):
    # realworldb (Moon of Alabama): "AlQaeda", written solid seven times, was an unlinked person
    doc = run(make_doc("Aid in the war", ["The agency is also helping AlQaeda by arming rebels. The army gives "
                                          "medical care to AlQaeda fighters."]))
    ent = entity_of(doc, "AlQaeda")
    assert ent.kb_id == "al-qaeda" and ent.type == "designated_group", (ent.kb_id, ent.type)


# --- stop 52 (kb52): the bodies and people realworld51 found missing, a title with a surname, namesakes, longer names -


def test_stop52_ethiopian_eritrean_somali_and_us_bodies_are_in_the_kb():
    # realworld51's list (an NYT profile of an Ethiopian exile, a Sanders story): made-up sentences of the same shapes
    ids = _ids_of("Under the Derg, the young teacher joined the EPRP; later the TPLF and the EPLF drove the junta out, "
                  "and Meles Zenawi ruled until Hailemariam Desalegn took his place. Isaias Afwerki has ruled the "
                  "other side of the border since then.\n")
    for name, kb_id in (("Derg", "derg"), ("EPRP", "eprp"), ("TPLF", "tplf"), ("EPLF", "eplf"),
                        ("Meles Zenawi", "meles-zenawi"), ("Hailemariam Desalegn", "hailemariam-desalegn"),
                        ("Isaias Afwerki", "isaias-afwerki")):
        assert ids.get(name) == kb_id, (name, ids)
    ids = _ids_of("The Coalition for Unity and Democracy won the city council, Ginbot 7 called for a boycott and the "
                  "Oromo Liberation Front stayed away. The Shabab claimed an attack near Mogadishu.\n")
    for name, kb_id in (("Coalition for Unity and Democracy", "coalition-for-unity-and-democracy"),
                        ("Ginbot 7", "ginbot-7"), ("Oromo Liberation Front", "oromo-liberation-front"),
                        ("Shabab", "al-shabaab")):
        assert ids.get(name) == kb_id, (name, ids)
    ids = _ids_of("Activists of the Tea Party booed the senator, who sits on the Senate Veterans Affairs Committee, "
                  "and a veterans group paid for the ads.\n")
    assert ids.get("Tea Party") == "tea-party-movement", ids
    assert ids.get("Senate Veterans Affairs Committee") == "senate-veterans-affairs-committee", ids
    # guard: a party with tea
    ids = _ids_of("The children held a tea party in the garden on Sunday afternoon.\n")
    assert "tea-party-movement" not in ids.values(), ids


def test_stop52_a_title_and_a_surname_name_the_kb_person_whose_titles_hold_it():
    # realworld51: "Secretary Clinton" in a text naming neither Clinton in full was an unlinked "Clinton"; the KB
    # lists Hillary Clinton's titles (Secretary, Senator), not Bill Clinton's (President, Governor)
    ids = _ids_of("Senator Dale Orrin spoke in Iowa on Thursday. Secretary Clinton answered that her plan was better, "
                  "and Mrs. Clinton's aides agreed.\n")
    assert ids.get("Clinton") == "hillary-clinton", ids
    ids = _ids_of("The veterans group praised Senator Reid on Monday.\n")
    assert ids.get("Reid") == "harry-reid", ids
    # guards: a title both namesakes' titles hold is no one's; a president's title is left to the dated rule
    ids = _ids_of("Governor Bush signed the bill in the spring, aides said.\n")
    assert ids.get("Bush") is None, ids
    ids = _ids_of("The former first lady said a President Clinton would fight for the middle class.\n")
    assert ids.get("Clinton") != "hillary-clinton", ids


def test_stop52_a_bare_surname_of_two_namesakes_named_together_is_no_ones():
    # realworld51 (an AP story): "Podesta" alone went to John Podesta, named in full in the same sentence as his
    # brother; two persons of one surname named together, neither as the other's kin, leave a bare surname unlinked
    ids = _ids_of("The head of the lobbying firm, Mark Podesta, is the brother of the strategist John Podesta. "
                  "Podesta said the firm had done nothing wrong.\n")
    assert ids.get("John Podesta") == "john-podesta" and ids.get("Podesta", "?") is None, ids
    # guards: a namesake introduced as kin leaves the surname to the KB's person; named in different paragraphs, the
    # one named first (the main referent)
    ids = _ids_of("John Podesta chaired the campaign, and his son Mark Podesta joined it. Podesta said it would win.\n")
    assert ids.get("Podesta") == "john-podesta", ids
    ids = _ids_of("John Podesta chaired the campaign.\n\nMonths later Mark Podesta, a lawyer, joined it. Podesta said "
                  "it would win.\n")
    assert ids.get("Podesta") == "john-podesta", ids


def test_stop52_a_kb_name_after_of_in_a_longer_capitalised_name_is_no_link():
    # "The Library of Congress" came out as "Congress" alone (kb51 added a `not_after`); the general shape: a KB body
    # that is the object of "of" in a capitalised name the model cut
    ids = _ids_of("She has volunteered for the Friends of the Brookings Institution since her retirement.\n")
    assert "brookings-institution" not in ids.values(), ids
    # guards: a role before "of", a sentence's first word, a body named alone
    ids = _ids_of("Members of Congress voted on Friday. The Director of the CIA testified, and the Brookings "
                  "Institution published a report.\n")
    assert ids.get("Congress") == "united-states-congress" and ids.get("CIA") == "cia", ids
    assert ids.get("Brookings Institution") == "brookings-institution", ids


def test_stop52_another_country_s_body_or_party_is_not_the_kb_s():
    # kb51's "Still wrong": a demonym before a body, other countries' parties, gave the US body or party
    ids = _ids_of("A fellow at the German Council on Foreign Relations said Berlin would wait for Paris.\n")
    assert "council-on-foreign-relations" not in ids.values(), ids
    ids = _ids_of("In Berlin the Social Democratic Party lost votes, and in Ottawa the New Democratic Party gained.\n")
    assert "democratic-party-us" not in ids.values(), ids
    ids = _ids_of("Leaders of the Canadian Democratic Party met in Toronto on Sunday.\n")
    assert "democratic-party-us" not in ids.values(), ids
    # guards: the US bodies and party named alone, or after their own country's demonym, and a chamber's members
    ids = _ids_of("A fellow at the Council on Foreign Relations said the Democratic Party would wait, and House "
                  "Democrats agreed with the American Democratic Party's leaders.\n")
    assert ids.get("Council on Foreign Relations") == "council-on-foreign-relations", ids
    assert ids.get("Democratic Party") == ids.get("Democrats") == "democratic-party-us", ids


def test_stop52_words_before_an_outlet_s_name_make_another_body():
    # realworld51b: "a Thompson Reuters business" gave the news agency: kb51's longer-name rule left every outlet's
    # name alone (its editions go on after it); words before it are another body's
    ids = _ids_of("The guide was written by a Thompson Reuters unit in Minnesota, and Reuters reported on it.\n")
    assert ids.get("Thompson Reuters", "?") is None and ids.get("Reuters") == "reuters", ids
    # guard: an edition after an outlet's name stays the outlet's
    ids = _ids_of("The presenter joined BBC Sport in London last year.\n")
    assert "bbc" in ids.values(), ids


def test_stop52_a_bare_coast_guard_is_the_us_one_only_in_a_text_about_the_us():
    ids = _ids_of("Italy's Coast Guard rescued 300 migrants off Sicily on Sunday. The Coast Guard said more boats "
                  "were coming.\n")
    assert "us-coast-guard" not in ids.values(), ids
    ids = _ids_of("The U.S. military and the Coast Guard searched the Gulf of Mexico for the crew. The Coast Guard "
                  "said the United States would keep looking.\n")
    assert ids.get("Coast Guard") == "us-coast-guard", ids


def test_stop52_lead_the_genres_missing_people_and_bodies_are_in_the_kb():
    # the stop-52 fresh-eyes audits of outside pages (state media, blogs, wires) named them as unlinked: made-up
    # sentences of the same shapes
    ids = _ids_of("Secretary of State Antony Blinken met Ned Price on Monday. Blinken said Raeisi was wrong, and OFAC "
                  "listed two firms.\n")
    for name, kb_id in (("Antony Blinken", "antony-blinken"), ("Blinken", "antony-blinken"), ("Ned Price", "ned-price"),
                        ("Raeisi", "ebrahim-raisi"), ("OFAC", "office-of-foreign-assets-control")):
        assert ids.get(name) == kb_id, (name, ids)
    ids = _ids_of("The DPR said its forces shelled the town; Eduard Basurin, a DPR spokesman, blamed Kyiv. The LPR "
                  "agreed.\n")
    for name, kb_id in (("DPR", "donetsk-peoples-republic"), ("Eduard Basurin", "eduard-basurin"),
                        ("LPR", "luhansk-peoples-republic")):
        assert ids.get(name) == kb_id, (name, ids)
    ids = _ids_of("Saeed Khatibzadeh said on Monday that Nasser Kanaani would travel. Khatibzadeh added that Mahmoud "
                  "Abbas had met Hamid Karzai and Hans Blix.\n")
    for name, kb_id in (("Khatibzadeh", "saeed-khatibzadeh"), ("Nasser Kanaani", "nasser-kanaani"),
                        ("Mahmoud Abbas", "mahmoud-abbas"), ("Hamid Karzai", "hamid-karzai"), ("Hans Blix", "hans-blix")):
        assert ids.get(name) == kb_id, (name, ids)
    # the father named in full is his own actor; the bare "Assad" stays the son's (guard: passes on main too)
    ids = _ids_of("Hafez al-Assad ruled Syria until 2000, when his son Bashar al-Assad took over. Assad said on Monday "
                  "the war was over.\n")
    assert ids.get("Hafez al-Assad") == "hafez-al-assad" and ids.get("Assad") == "bashar-al-assad", ids
    # a surname another well-known person has is no alias: the runner is no minister
    ids = _ids_of("Oscar Pistorius ran. Boris Pistorius, Germany's defence minister, visited the troops.\n")
    assert ids.get("Oscar Pistorius") != "boris-pistorius" and ids.get("Boris Pistorius") == "boris-pistorius", ids
