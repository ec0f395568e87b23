"""Round 35 (stop 52, branch events52): trigger senses from the development and training audits' wrong events
(docs/events.md "Round 35"). Each sentence is written for its test (made-up names where the shape allows, a paraphrase
of a shape, never an audit's text); the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.extract.events.modality import words
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_roles, rule_types, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


# Each shape gives its event on main (checked at the branch point 43f9a82) and none of that type on the branch.
GONE = [
    # a meeting that led to a marriage: a life story
    ("Before she met Senator Tom Vance and got married, Ann Petrie lived in Dover.", "met", "CONSULT"),
    ("Years before she met Senator Tom Hale and married him, Ann Brook taught in Dover.", "met", "CONSULT"),
    # a means weighed for settling a conflict (a poll's question)
    ("Nearly 70 percent of young Ruritanians believe the use of violence to resolve the conflict with Israel is not "
     "helpful.", "resolve", "AGREE"),
    ("Poll: most Ruritanian students oppose violence to resolve conflict with Israel.", "resolve", "AGREE"),
    # someone's words backed, not the one who wrote them
    ("Senator Ray Dunmore wrote a note endorsing Senator Ann Hale's email.", "endorsing", "SUPPORT"),
    ("The governor stopped short of fully endorsing Senator Ann Hale's criticisms.", "endorsing", "SUPPORT"),
    # a push forward, no aid given
    ("The senator was helped along by a weak campaign by Tom Vance.", "helped", "AID"),
    # put out of a school
    ("Yale expelled former student Carl Jessup last year.", "expelled", "COERCE"),
    # a building pulled down
    ("The Acme Valve plant in Ohio was demolished by Ford.", "demolished", "COERCE"),
    # a road accident told in a headline, the parser making the driving the root
    ("Woman, 80, killed in Dover by neighbor backing up.", "killed", "ASSAULT"),
    # papers as the accuser
    ("The archive keeps secret the records that directly implicate the CIA in the plot.", "implicate", "ACCUSE"),
    # a stay past one's visa
    ("A Ruritanian man who overstayed a lawful visit to the U.S. was arrested on Monday.", "visit", "CONSULT"),
    # a border visited
    ("President Obama made a visit to the border of Mexico and the United States on Friday.", "visit", "CONSULT"),
]


@pytest.mark.parametrize("text, word, typ", GONE)
def test_round_35_shape_gives_no_event_of_its_type(pipe, text, word, typ):
    assert typ not in rule_types(run_doc(pipe, text), word), rule_roles(run_doc(pipe, text), word)


# Guards: the same words in political events stay (pass on main and on the branch).
GUARDS = ROLE_GUARDS + [
    ("Ted Cruz met Vladimir Putin and agreed to a truce.", "met", "CONSULT", "Ted Cruz", "Vladimir Putin"),
    ("Gunmen killed two soldiers in Dover.", "killed", "ASSAULT", None, None),
    ("Senator Tom Vance implicated the CIA in the plot.", "implicated", "ACCUSE", "Tom Vance", "Central Intelligence Agency"),
    ("Mike Pompeo met with Chinese foreign minister Wang Yi in Washington.", "met", "CONSULT", "Mike Pompeo", "Wang Yi"),
    ("Israel and Hamas agreed to resolve the dispute in Cairo.", "agreed", "AGREE", "Israel", "Hamas"),
    ("Egypt sent envoys to settle the dispute with Ethiopia.", "settle", "AGREE", "Egypt", "Ethiopia"),
    ("Chris Christie endorsed Donald Trump last week.", "endorsed", "SUPPORT", "Chris Christie", "Donald Trump"),
    ("Ted Cruz is endorsing Donald Trump's presidential campaign.", "endorsing", "SUPPORT", "Ted Cruz", "Donald Trump"),
    ("Egypt is prepared to help Sudan in any fashion.", "help", "AID", "Egypt", "Sudan"),
    ("The US expelled 15 Cuban diplomats from the country.", "expelled", "SANCTION", "United States", "Cuban"),
    ("Trump's visit to Israel was blocked.", "visit", "CONSULT", "Donald Trump", "Israel"),
    ("Pope Francis visited Mexico on Wednesday.", "visited", "CONSULT", "Pope Francis", "Mexico"),
]


@pytest.mark.parametrize("text, word, typ, actor, target", GUARDS)
def test_round_35_guards_keep_political_events(pipe, text, word, typ, actor, target):
    roles = rule_roles(run_doc(pipe, text), word)
    assert (typ, actor, target) in roles, roles


def test_round_35_punitive_demolition_stays(pipe):
    """A demolition of homes is no building of the list: it stays COERCE."""
    roles = rule_roles(run_doc(pipe, "Israel demolished the homes of the attackers."), "demolished")
    assert any(t == "COERCE" and a == "Israel" for t, a, _ in roles), roles


def test_round_35_means_weighed_on_its_shapes(pipe):
    from spinscope.extract.events.refusals import means_weighed

    def trig(text, word):
        doc = run_doc(pipe, text)
        return next(t for _, s, _ in doc.parses for t in s if t.text == word)

    w = words()
    assert means_weighed(trig("Most voters oppose the use of force to settle the dispute with Iran.", "settle"), "AGREE", w)
    assert not means_weighed(trig("Israel and Hamas agreed to resolve the dispute in Cairo.", "resolve"), "AGREE", w)
    assert not means_weighed(trig("Russia and Turkey held talks to resolve the conflict.", "resolve"), "AGREE", w)
    # only agreements: force used to attack is an attack
    assert not means_weighed(trig("Most voters oppose the use of force to settle the dispute with Iran.", "settle"),
                             "ASSAULT", w)


def test_round_35_lists_are_data(pipe):
    """With the round's lists emptied the old readings come back: the words are read from modality.yaml."""
    empty = dataclasses.replace(words(), marriage_verbs=frozenset(), message_nouns=frozenset(),
                                means_nouns=frozenset(), school_people=frozenset(), demolished_buildings=frozenset(),
                                overstay_verbs=frozenset(), frontier_nouns=frozenset())
    for text, word, typ in GONE:
        if word in ("helped", "killed", "implicate"):  # verbs_manual.yaml, `driving_verbs`, `inanimate_subjects`
            continue
        doc = run_doc(pipe, text)
        assert typ in rule_types(doc, word, empty), (text, rule_roles(doc, word, empty))
