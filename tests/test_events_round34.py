"""Round 34 (stop 51, branch events51): what round 33 left and the stop-50 fresh-eyes events findings (docs/events.md
"Round 34"). Each sentence is written for its test (made-up names where the shape allows, a paraphrase of a shape,
never an audit's text); the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.errors import DataFileError
from spinscope.extract.events.modality import words
from spinscope.extract.events.stage import find_events
from spinscope.extract.events.triggers import lexicon
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_modes, rule_roles, rule_types, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


# (a) The CAMEO intent-to-give -> aid-given recode is data (plover.yaml `given_codes`), no string rule in detect.py.

def test_round_34_given_codes_are_read_from_plover_yaml():
    assert lexicon().given == {"033": "070", "0331": "071", "0332": "072", "0333": "073", "0334": "074"}
    assert all(lexicon().plover(v) == "AID" for v in lexicon().given.values())


def test_round_34_aid_given_takes_its_code_from_the_table(pipe):
    """A helicopter lent: CAMEO's GRANT block codes it 0332 (an intent); the table makes it 072, aid given. With the
    table emptied the intent (AGREE, 0332) comes back: the code is read from the data, not written in Python."""
    doc = run_doc(pipe, "Estonia lent three helicopters to Moldova.")
    lent = [e for e in find_events(doc, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "lent"]
    assert [(e.type, e.cameo) for e in lent] == [("AID", "072")], lent
    empty = dataclasses.replace(lexicon(), given={})
    lent = [e for e in find_events(doc, lex=empty, sense=False) if doc.text[e.trigger.start:e.trigger.end] == "lent"]
    assert [(e.type, e.cameo) for e in lent] == [("AGREE", "0332")], lent


@pytest.mark.parametrize("text, line, says", [
    ('roots: {}\ngiven_codes:\n  "0332": 72\n', 3, "must be a quoted CAMEO code of aid given"),   # unquoted value
    ('roots: {}\ngiven_codes:\n  "0331": "071"\n  0332: "072"\n', 4, "the key must be a quoted CAMEO code"),  # a YAML int
    ('roots: {}\ngiven_codes:\n  "0411": "071"\n', 3, "intent to give aid"),                    # no intent to give aid
    ('roots: {}\ngiven_codes:\n  "0331": "111"\n', 3, "aid given"),                             # not aid
    ('roots: {}\ngiven_codes: ["0331"]\n', 2, "a mapping of CAMEO code"),
])
def test_round_34_given_codes_errors_name_file_and_line(text, line, says):
    from spinscope.extract.events.triggers import given_codes

    with pytest.raises(DataFileError) as err:
        given_codes(text, {"07": "AID"})
    assert f"events/plover.yaml:{line}:" in str(err.value) and says in str(err.value), str(err.value)


def test_round_34_given_codes_need_aid_in_the_roots():
    from spinscope.extract.events.triggers import given_codes

    with pytest.raises(DataFileError, match="roots has no"):
        given_codes('given_codes:\n  "0331": "071"\n', {"07": "COOPERATE"})


# (b) Military craft sent into another's airspace or waters: a show of force (MOBILIZE), no aid (AID on main 73c1677).
CRAFT = [
    ("Syria sent a drone into Turkish airspace on Monday.", "sent", "Syria"),
    ("Russia sent four bombers into Syria last spring.", "sent", "Russia"),
    ("The Pentagon dispatched two warships to the Gulf.", "dispatched", "United States Department of Defense"),
]


@pytest.mark.parametrize("text, word, actor", CRAFT)
def test_round_34_craft_sent_into_a_place_is_a_show_of_force(pipe, text, word, actor):
    roles = rule_roles(run_doc(pipe, text), word)
    assert any(t == "MOBILIZE" and a == actor for t, a, _ in roles), roles
    assert not any(t in ("AID", "COOPERATE") for t, _, _ in roles), roles


def test_round_34_someone_sent_to_a_spot_is_no_cooperation(pipe):
    """A deputy dispatched to a house: sent somewhere, nobody helped (COOPERATE on main 73c1677)."""
    doc = run_doc(pipe, "Deputy Tom Berg of Levy County was dispatched to the home on Saturday.")
    assert "COOPERATE" not in rule_types(doc, "dispatched")


# (b) What one presses another to do is not told done (asserted on main 73c1677): hypothetical.
@pytest.mark.parametrize("text, word, typ", [
    ("Senator Ada Fenn pushed Obama to arm the Syrian rebels.", "arm", "COOPERATE"),
    ("Turkey pressured Sweden to extradite the Kurdish activists.", "extradite", "COOPERATE"),
])
def test_round_34_an_act_pressed_for_is_hypothetical(pipe, text, word, typ):
    assert rule_modes(run_doc(pipe, text), word) == [(typ, "hypothetical")]


# (b) A claim the text calls false, or proof shown faked: what it holds is reported and negated. On main 73c1677 none
# of these gives its event at all (the perfect "had attacked" under the noun was read as a participle of a state).
FALSE = [
    ("Moscow repeated its false claim that Ukraine had attacked Russia.", "attacked"),
    ("The Kremlin was caught faking proof that Ukraine had attacked Russia.", "attacked"),
    ("Russia fabricated evidence that Ukraine had attacked Poland.", "attacked"),
]


@pytest.mark.parametrize("text, word", FALSE)
def test_round_34_a_claim_called_false_holds_a_negated_event(pipe, text, word):
    assert rule_modes(run_doc(pipe, text), word) == [("ASSAULT", "reported+negated")]


def test_round_34_a_perfect_under_a_noun_is_a_told_act(pipe):
    """"its claim that Ukraine had attacked Russia": the noun's clause has its own subject and auxiliary, the doer and
    the one attacked are its own (no event on main 73c1677: read as a participle of a state, the noun its target)."""
    doc = run_doc(pipe, "Moscow repeated its claim that Ukraine had attacked Russia.")
    assert rule_roles(doc, "attacked") == [("ASSAULT", "Ukraine", "Russia")]
    assert rule_modes(doc, "attacked") == [("ASSAULT", "reported")]
    doc = run_doc(pipe, "Reports that Israel had struck Hamas positions spread quickly.")
    assert ("ASSAULT", "Israel", None) in rule_roles(doc, "struck")


# (b, fresh eyes) A verb that drives people to act: the people act, not the one driving (the to-clause parsed as a
# purpose). On main 73c1677 the actor is the subject.
def test_round_34_those_driven_to_act_are_the_actors(pipe):
    roles = rule_roles(run_doc(pipe, "Azerbaijan drove thousands of Armenians to demand a referendum."), "demand")
    assert roles == [("REQUEST", "Armenian", None)], roles


@pytest.mark.parametrize("text, word, typ, mode", [
    ("Ukraine attacked Russia, and the claim was false.", "attacked", "ASSAULT", "asserted"),
    ("Britain forced Iran to release the sailors.", "release", "CONCEDE", "asserted"),   # implicative: done
    ("Britain urged France to strike Syria.", "strike", "ASSAULT", "reported"),
    ("Moscow said that Ukraine had attacked Russia.", "attacked", "ASSAULT", "reported"),
])
def test_round_34_mode_guards(pipe, text, word, typ, mode):
    assert (typ, mode) in rule_modes(run_doc(pipe, text), word)


# Political guards (green on main and on the branch).
STAY = [
    *ROLE_GUARDS,
    ("The Pentagon sent drones to Ukraine.", "sent", "AID", "United States Department of Defense", "Ukraine"),
    ("The United States sent 300 troops to Poland.", "sent", "MOBILIZE", "United States", None),
    ("Britain sent aid to the refugees in Jordan.", "sent", "AID", "United Kingdom", None),
    ("Syria sent its troops into Lebanon.", "sent", "MOBILIZE", "Syria", None),
    ("Estonia lent three helicopters to Moldova.", "lent", "AID", "Estonia", "Moldova"),
    ("Britain urged France to strike Syria.", "urged", "REQUEST", "United Kingdom", "France"),
    ("Iran threatened to strike American bases.", "threatened", "THREATEN", "Iran", None),
    ("The United States imposed sanctions on North Korea.", "imposed", "SANCTION", "United States", "North Korea"),
    ("Russia forced Ukraine to withdraw its troops.", "withdraw", "RETREAT", "Ukraine", None),
    ("President Obama ordered the Pentagon to strike the Islamic State.", "strike", "ASSAULT", None, "Islamic State"),
    ("Police arrested the opposition leader in Minsk.", "arrested", "COERCE", None, None),
]


@pytest.mark.parametrize("text, word, typ, actor, target", STAY)
def test_round_34_political_shapes_stay(pipe, text, word, typ, actor, target):
    roles = rule_roles(run_doc(pipe, text), word)
    assert any(t == typ and (actor is None or a == actor) and (target is None or g == target) for t, a, g in roles), roles


def test_round_34_word_lists_are_read(pipe):
    """The new readings take their words from modality.yaml: emptied, the old events and modes come back."""
    empty = dataclasses.replace(words(), military_craft=frozenset(), destination_nouns=frozenset(),
                                pressing_governors=frozenset(), false_claim_marks=frozenset(), faking_verbs=frozenset(),
                                causative_verbs=frozenset())
    doc = run_doc(pipe, "Syria sent a drone into Turkish airspace on Monday.")
    assert "AID" in rule_types(doc, "sent", empty) and "AID" not in rule_types(doc, "sent")
    doc = run_doc(pipe, "Deputy Tom Berg of Levy County was dispatched to the home on Saturday.")
    assert "COOPERATE" in rule_types(doc, "dispatched", empty)
    doc = run_doc(pipe, "Senator Ada Fenn pushed Obama to arm the Syrian rebels.")
    assert rule_modes(doc, "arm", empty) == [("COOPERATE", "asserted")]
    doc = run_doc(pipe, "Moscow repeated its false claim that Ukraine had attacked Russia.")
    assert rule_modes(doc, "attacked", empty) == [("ASSAULT", "reported")]
    doc = run_doc(pipe, "The Kremlin was caught faking proof that Ukraine had attacked Russia.")
    assert rule_modes(doc, "attacked", empty) == [("ASSAULT", "reported")]
    doc = run_doc(pipe, "Azerbaijan drove thousands of Armenians to demand a referendum.")
    assert rule_roles(doc, "demand", empty) == [("REQUEST", "Azerbaijan", None)]


def test_round_34_things_sent_to_a_spot_stay(pipe):
    """The spot rule reads only a person sent: aid sent to an area is still aid."""
    doc = run_doc(pipe, "Britain sent medical aid to the area hit by the earthquake.")
    assert "AID" in rule_types(doc, "sent")
