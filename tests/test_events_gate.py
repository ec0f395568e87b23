"""The party gate (stop 44, branch gate44; data/events/gate.yaml, extract/events/gate.py): a trigger with an everyday
sense as common as its political one is reported only with a political or public-order party, or a political setting
in its sentence. Sentences written for these tests."""
from __future__ import annotations

import pytest

from spinscope.errors import DataFileError
from spinscope.extract.events.gate import gate_rules, parse_rules
from spinscope.model import Document
from spinscope.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


def events(pipe, text: str) -> list[tuple[str, str]]:
    doc = pipe(Document(text))
    assert doc.problems() == []
    return [(e.type, doc.text[e.trigger.start:e.trigger.end]) for e in doc.events]


@pytest.mark.parametrize("text", [
    "Sony made a deal with Ubisoft to bring the game to PlayStation.",        # a company deal (main: AGREE "deal")
    "Apple signed a deal with Samsung to supply screens.",                    # (main: AGREE "deal", Samsung)
    "We encourage you to contact AdWords support if you have questions.",     # software support (main: SUPPORT)
    "Library staff are assisting Jonathan Flood with his new book.",          # everyday help (main: COOPERATE)
    "The Red Cross is assisting residents who have been displaced.",          # relief work (main: COOPERATE, the ICRC)
])
def test_everyday_senses_without_a_political_party_tell_no_event(pipe, text):
    """Each fires on main 4c9cf80; no party is political and the sentence names no politics."""
    assert events(pipe, text) == []


@pytest.mark.parametrize("text", [
    "Manchester United defeated Liverpool 2-0 at Old Trafford on Sunday.",   # a sports win
    "Cholera has killed more than 300 people in Yemen since April.",         # a disease killing
])
def test_sport_win_and_disease_tell_no_event(pipe, text):
    """Guards: main refuses these already (refusals.py's sport and disease checks); the gate must not bring them back."""
    assert events(pipe, text) == []


@pytest.mark.parametrize("text, event", [
    ("Russia's foreign ministry accused Ukraine of shelling the city.", ("ACCUSE", "accused")),
    ("Police arrested John Smith on Tuesday after the robbery.", ("COERCE", "arrested")),
    ("Rebels attacked an army base near Goma, killing 12 soldiers.", ("ASSAULT", "attacked")),
    # gated triggers kept: a political party, a KB-linked political body in the sentence, a public-order word
    ("Iran made a deal with Russia to buy missiles.", ("AGREE", "deal")),
    ("Sony made a deal with the Pentagon to supply headsets.", ("AGREE", "deal")),
    ("Ukrainian troops are assisting Jonathan Flood with his new book.", ("COOPERATE", "assisting")),
    ("Library staff are assisting Jonathan Flood with his new book, the mayor said.", ("COOPERATE", "assisting")),
])
def test_political_events_stay(pipe, text, event):
    assert event in events(pipe, text)


def test_gate_table_loads_and_names_file_and_line():
    rules = gate_rules()
    assert "state" in rules.party_types and "police" in rules.evidence_words and "deal" in rules.gated["AGREE"]
    with pytest.raises(DataFileError, match=r"events/gate.yaml:3: field `gated`"):
        parse_rules("party_types: [state]\nevidence_words: [police]\ngated: [deal]\ngated_after_party: {}\n")
    with pytest.raises(DataFileError, match=r"events/gate.yaml:2: field `evidence_words`"):
        parse_rules("party_types: [state]\nevidence_words: [police, no]\ngated: {}\ngated_after_party: {}\n")
    with pytest.raises(DataFileError, match=r"events/gate.yaml:5: field `gate`: unknown field"):
        parse_rules("party_types: [state]\nevidence_words: [police]\ngated: {}\ngated_after_party: {}\ngate: {}\n")


def test_stop45_contact_a_firm_s_support_with_support_tagged_a_verb_tells_no_event(pipe):
    # the brief: "contact AdWords support" in this two-sentence text was a SUPPORT event (the parser tags "support"
    # a verb here, so the noun-only `gated_after_party` rule did not see it); "Google and Apple ..." and "Russia
    # supports" are no such case
    text = "If your ads stop running, contact AdWords support. You can also contact Google support for help."
    assert events(pipe, text) == []
    assert ("SUPPORT", "supports") in events(pipe, "Russia strongly supports the Syrian government, the minister said.")


def test_gated_objects_are_optional_and_checked():
    """Round 28 (stop 45): `gated_objects` (a trigger gated by its object's noun) may be absent; malformed, it names its
    line."""
    rules = parse_rules("party_types: [state]\nevidence_words: [police]\ngated: {}\ngated_after_party: {}\n")
    assert rules.gated_objects == {}
    assert "deal" in gate_rules().gated_objects["AGREE"] and "pledge" in gate_rules().gated["AGREE"]
    with pytest.raises(DataFileError, match=r"events/gate.yaml:5: field `gated_objects`"):
        parse_rules("party_types: [state]\nevidence_words: [police]\ngated: {}\ngated_after_party: {}\n"
                    "gated_objects: [deal]\n")
