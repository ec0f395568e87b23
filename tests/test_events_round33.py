"""Round 33 (stop 50, branch events50): trigger senses and modes from the stop-49 fresh-eyes findings and the
development audits' non-role errors (docs/events.md "Round 33"). Each sentence is written for its test (made-up
names, a paraphrase of a shape, never an audit's text); the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.extract.events.modality import words
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_modes, rule_roles, rule_types, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


# An order that sends one's own forces (or a number of people the text counts) to a place: a deployment (MOBILIZE),
# no request put to another party. Each is a REQUEST among the rules' events on main 334b36b.
SENT = [
    ("President Karlov recently ordered nearly 300 of them to Cameroon to assist local troops in their battle against "
     "the rebels.", "ordered", "Karlov"),
    ("General Ostrov ordered 400 soldiers to Chad to guard the airport.", "ordered", "Ostrov"),
]


@pytest.mark.parametrize("text, word, actor", SENT)
def test_round_33_an_order_sending_forces_somewhere_is_a_deployment(pipe, text, word, actor):
    roles = rule_roles(run_doc(pipe, text), word)
    assert ("MOBILIZE", actor, None) in roles, roles
    assert not any(t == "REQUEST" for t, _, _ in roles), roles


# Each gives its event among the rules' events on main 334b36b and none of that type on the branch.
GONE = [
    # one's own private property lent or given (`private_favour`)
    ("Senator Mark Dolan has lent his private jet to the Clintons.", "lent", "AGREE"),
    # a statistic of a whole people (`statistic_shares` with a nationality as the doer)
    ("Senator Dolan repeated his claim that Mexicans killed 60 percent of the victims.", "killed", "ASSAULT"),
    ("Rep. Ada Fenn wrote that Canadians killed 40 percent of the people murdered in the state.", "killed", "ASSAULT"),
    # a visit with a purpose clause: nobody asked (the CONSULT verb's xcomp read as a request only for `object_control`)
    ("Meanwhile, Senator Ada Fenn visited the Denver area to campaign over the weekend.", "visited", "REQUEST"),    # what an invitation is to: not yet done (`hypothetical_nouns` gains invitation), with nobody named: dropped
    ("Mr. Dorn, a retired welder, does not have an invitation to visit the White House, but hopes the president will "
     "let him in.", "visit", "CONSULT"),
]


@pytest.mark.parametrize("text, word, typ", GONE)
def test_round_33_shapes_that_are_no_such_events(pipe, text, word, typ):
    assert typ not in rule_types(run_doc(pipe, text), word)


def test_round_33_aid_given_is_no_promise(pipe):
    """A verb of giving with an object CAMEO codes as an intent to give aid (033x: a helicopter, a plane): the aid is
    given (AID); on main 334b36b AGREE. A verb of offering keeps the intent."""
    assert rule_roles(run_doc(pipe, "Poland has lent four helicopters to Ukraine."), "lent") == [
        ("AID", "Poland", "Ukraine")]
    assert ("AGREE", "Poland", None) in rule_roles(run_doc(pipe, "Poland offered four helicopters to Ukraine."),
                                                   "offered")


# What a claim holds: the event in the "that" clause of a noun of claiming or showing is reported (asserted on main
# 334b36b, whose speech-verb reading took "claim", "report" but not these nouns).
CLAIMED = [
    ("The channel aired a “proof” that Ukraine had shot down the Malaysia Airlines jet.", "shot", "ASSAULT"),
    ("The ministry spread the rumor that Israel had attacked Lebanon.", "attacked", "ASSAULT"),
]


def test_round_33_an_invited_visit_is_not_yet_done(pipe):
    """The visit an invitation is to: hypothetical (asserted on main 334b36b)."""
    modes = rule_modes(run_doc(pipe, "Putin accepted Xi Jinping's invitation to visit Beijing."), "visit")
    assert modes == [("CONSULT", "hypothetical")], modes



@pytest.mark.parametrize("text, word, typ", CLAIMED)
def test_round_33_an_event_inside_a_claim_is_reported(pipe, text, word, typ):
    assert (typ, "reported") in rule_modes(run_doc(pipe, text), word)


@pytest.mark.parametrize("text, word, typ, mode", [
    ("Russia shot down a Turkish jet.", "shot", "ASSAULT", "asserted"),
    ("Ukraine shot down the Malaysia Airlines jet, and the proof was clear.", "shot", "ASSAULT", "asserted"),
    ("Hamas attacked Israel, the proof of years of planning.", "attacked", "ASSAULT", "asserted"),
    ("Moscow said that Ukraine had shot down the Malaysia Airlines jet.", "shot", "ASSAULT", "reported"),
])
def test_round_33_mode_guards(pipe, text, word, typ, mode):
    assert (typ, mode) in rule_modes(run_doc(pipe, text), word)


# Political guards (green on main and on the branch): the same words with a state, an army or an aid named.
STAY = [
    *ROLE_GUARDS,
    ("The United States sent 300 troops to Poland.", "sent", "MOBILIZE", "United States", None),
    ("The United States provided military aid to Ukraine.", "provided", "AID", "United States", "Ukraine"),
    ("Israeli troops killed 40 percent of the fighters.", "killed", "ASSAULT", "Israel Defense Forces", None),
    ("Mexicans attacked the convoy near the border.", "attacked", "ASSAULT", None, None),
    ("Russia shot down a Turkish jet.", "shot", "ASSAULT", "Russia", None),
    ("President Obama ordered the Pentagon to strike the Islamic State.", "strike", "ASSAULT", None, "Islamic State"),
    ("Iran threatened to strike American bases.", "threatened", "THREATEN", "Iran", None),
    ("The United States imposed sanctions on North Korea.", "imposed", "SANCTION", "United States", "North Korea"),
    ("Police arrested the opposition leader in Minsk.", "arrested", "COERCE", None, None),
    ("Paul Ryan invited Donald Trump to talk with the Senate leaders.", "invited", "REQUEST", "Paul Ryan", "Donald Trump"),
    ("Syria may invite Iran to build airfields on its soil.", "invite", "REQUEST", "Syria", "Iran"),
    ("President Putin visited Beijing to meet Xi Jinping.", "meet", "CONSULT", "Vladimir Putin", "Xi Jinping"),
    ("Kerry met Lavrov in Geneva to discuss the truce.", "met", "CONSULT", "John Kerry", "Sergey Lavrov"),
]


@pytest.mark.parametrize("text, word, typ, actor, target", STAY)
def test_round_33_political_shapes_stay(pipe, text, word, typ, actor, target):
    roles = rule_roles(run_doc(pipe, text), word)
    assert any(t == typ and (actor is None or a == actor) and (target is None or g == target) for t, a, g in roles), roles


def test_round_33_word_lists_are_read(pipe):
    """The new readings take their words from modality.yaml: emptied, the old events and modes come back."""
    empty = dataclasses.replace(words(), destination_entity_types=frozenset(), giving_verbs=frozenset(),
                                private_marks=frozenset(), claim_content_nouns=frozenset(),
                                statistic_shares=frozenset())
    doc = run_doc(pipe, "Senator Mark Dolan has lent his private jet to the Clintons.")
    assert "AGREE" in rule_types(doc, "lent", empty) and "AGREE" not in rule_types(doc, "lent")
    doc = run_doc(pipe, "Poland has lent four helicopters to Ukraine.")
    assert "AGREE" in rule_types(doc, "lent", empty) and "AID" in rule_types(doc, "lent")
    doc = run_doc(pipe, "Senator Dolan repeated his claim that Mexicans killed 60 percent of the victims.")
    assert "ASSAULT" in rule_types(doc, "killed", empty) and "ASSAULT" not in rule_types(doc, "killed")
    doc = run_doc(pipe, "The ministry spread the rumor that Israel had attacked Lebanon.")
    assert ("ASSAULT", "asserted") in rule_modes(doc, "attacked", empty)


@pytest.mark.parametrize("text, holds", [
    ("General Ostrov ordered 400 soldiers to Chad.", True),         # a number of people
    ("The general ordered the troops to the border.", True),       # one's own force
    ("President Karlov ordered them to Moldova.", True),            # "them"
    ("President Karlov ordered Russia to withdraw.", False),        # a party asked to act
    ("The judge ordered the release of the prisoner.", False),
])
def test_round_33_sends_forces_on_its_own_shapes(pipe, text, holds):
    from spinscope.extract.events.detect import sends_forces

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == "ordered")
    assert sends_forces(tok, words()) is holds
