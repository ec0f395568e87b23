"""Round 31b (stop 48, branch roles48): roles of the development audits' wrong verdicts, by sentence shape
(docs/events.md "Round 31b"). Each sentence is written for its test (a paraphrase of a shape, never an audit's text);
the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.extract.events.modality import words
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_roles, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


# Each fails on main 275d15e: the party named is a word of a name, a heritage, a kind, the owner's own, a thing's body,
# where, or a quote's speaker the quote's pronoun cannot stand for, not the actor or target.
NO_PARTY = [
    # a group noun outside `is_people`'s lists in apposition: the capitalised word is the group's name
    ("Democracy for America, a progressive activism outfit, started a petition on Monday, asking Clinton to reject the "
     "pact.", "asking", "United States"),
    # a state's demonym after another people's: citizens of a heritage, no agents of the state
    ("Arab Israeli lawmakers called on the government to block the visit.", "called", "Israeli"),
    # the owner's own forces supplied or equipped: the owner is no target
    ("Russia used the new highway to supply Iran's own troops fighting in Syria.", "supply", "Iran"),
    # a thing asked for that a body would do or host: the body is not the one asked
    ("Senators and Pelosi keep demanding an FBI probe of the nominee.", "demanding", "Federal Bureau of Investigation"),
    ("Egypt proposed a United Nations summit to discuss the crisis.", "proposed", "United Nations"),
    # a name glued to a suffix of kind or origin
    ("Obama did not want an Iraq-style occupation of Libya.", "occupation", "Iraq"),
    ("Russian-made missiles struck Kiev.", "struck", "Russian"),
    # what the ones lobbied are asked for is not the one asked
    ("In 2014, Obama officials lobbied scores of trade ministers for Mr. Kim.", "lobbied", "Kim"),
    # a role backed is a policy, no party supported
    ("Kagan supports a bigger U.S. military role in Syria.", "supports", "United States Armed Forces"),
    # the sender's own envoy, told by a title
    ("Mubarak dispatched Foreign Minister Ahmed Aboul Gheit to Tunis for talks on the border.", "dispatched",
     "Ahmed Aboul Gheit"),
    # a "between" phrase on land says where
    ("Kurdish forces seized three villages between Turkey and Syria.", "seized", "Turkey"),
    # a quote's pronoun speaker linked to a name that is an object in a clause whose subject is that same pronoun
    ("Tom Hale, a Labour MP, wants the visit stopped. He named two earlier bans as models for taking action against "
     "Trump. In a letter to May, he said: “I am writing to ask you to keep him out of Britain.”", "ask", "Donald Trump"),
    # ... also when the object stands in a relative clause's phrase (a relative pronoun's subject is its noun's)
    ("Hughes, a former minister, said the premier should bar the president. He cited the cases of two bloggers, Tom Reed "
     "and Ann Cole, who were barred by the government in 2013 from entering the country to speak at rallies, as "
     "precedents for taking action against Trump. In a letter to the premier, he said: “I am writing to ask you to ban "
     "the president from entering Canada.”", "ask", "Donald Trump"),
    ("Dylann Cobb is accused of killing nine people inside the chapel, including the son of Lena Sanders. Sanders "
     "called her son a hero before explaining why she forgave Cobb. “Hate ruins those who hold it,” she said on "
     "stage. “I refuse to let hate ruin me.”", "refuse", "Dylann Cobb"),
]


@pytest.mark.parametrize("text, word, wrong", NO_PARTY)
def test_round_31b_no_party_from_a_name_a_heritage_a_kind_or_a_place(pipe, text, word, wrong):
    found = rule_roles(run_doc(pipe, text), word)
    assert not any(wrong in (a, t) for _, a, t in found), found


# Each fails on main 275d15e: the possessor or "of" object of a support noun is the one backed, not the backer; the one
# who faces a claim (the parser's "faced" a modifier of the noun) or whom "accused" describes is the one accused.
@pytest.mark.parametrize("text, word, typ, actor, target", [
    ("Mr. Cruz had twice the grassroots support of Mr. Trump.", "support", "SUPPORT", None, "Donald Trump"),
    ("The leaks were meant to damage Snowden's support before his trial.", "support", "SUPPORT", None,
     "Edward Snowden"),
    ("Critics note that Omar has “faced allegations -- with some proof -- that she lied on her forms.", "allegations",
     "ACCUSE", None, "Omar"),
    # "accused" before a noun read as a verb: the one it describes is accused
    ("Watch how serial fibber and accused wife beater Keith Ellison tries to fool you.", "accused", "ACCUSE", None,
     "Keith Ellison"),
])
def test_round_31b_the_one_backed_or_accused_is_the_target(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in rule_roles(run_doc(pipe, text), word)


# Guards: the same words stay parties where they are (pass on main and here); first the shared `ROLE_GUARDS` (the
# seeds' shapes, capitals, a joint subject, a prepositional target: tests/events_helpers.py).
@pytest.mark.parametrize("text, word, typ, actor, target", [
    *ROLE_GUARDS,
    # a group named with its group noun keeps its own request
    ("Human Rights Watch, an advocacy group, asked Russia to free the activists.", "asked", "REQUEST",
     "Human Rights Watch", "Russia"),
    # a stateless people's demonym second stays (round 30b's order)
    ("Syrian Kurdish fighters attacked the town on Monday.", "attacked", "ASSAULT", "Kurdish", None),
    # own forces struck by another keep their owner; forces without "own" keep theirs
    ("Israel struck Iran's own forces in Syria.", "struck", "ASSAULT", "Israel", "Iran"),
    ("Russia agreed to equip Iran's forces in Syria.", "equip", "COOPERATE", "Russia", "Iran"),
    # an act of the one asked: the one asked stays; a body asked to act stays
    ("Britain demanded an Iranian apology for the seizure.", "demanded", "REQUEST", "United Kingdom", "Iranian"),
    ("The senators asked the FBI to investigate the leak.", "asked", "REQUEST", None,
     "Federal Bureau of Investigation"),
    # a partner of the thing asked for stays the one asked
    ("Trump requested a summit with Putin in Helsinki.", "requested", "REQUEST", "Donald Trump", "Vladimir Putin"),
    # the one lobbied, named as the object, stays
    ("Officials lobbied Germany for tougher sanctions.", "lobbied", "REQUEST", None, "Germany"),
    # a backer's support for someone, or lost by the one backed, stays the backer's
    ("Russia's support for Assad was decisive.", "support", "SUPPORT", "Russia", "Bashar al-Assad"),
    ("The reform has the public support of the local bishop, Georg Bätzing.", "support", "SUPPORT", "Georg Bätzing", None),
    ("Assad could lose Russia's support.", "support", "SUPPORT", "Russia", None),
    # a quote's pronoun speaker: the name the pronoun chain reaches, or one that is no object of that pronoun, stays
    ("Merkel met Putin in Berlin on Monday. “I asked Russia to withdraw its troops,” she said.", "asked", "REQUEST",
     "Angela Merkel", "Russia"),
    ("Trump called Merkel on Monday. “I asked Russia to withdraw its troops,” she said.", "asked", "REQUEST",
     "Angela Merkel", "Russia"),
    ("John Carter is accused of killing six people, including the son of Mary Jones. Jones praised her son before "
     "explaining why she forgave Carter. “Hate destroys those who harbor it,” she said at the vigil. “I refuse to let "
     "hate destroy me.”", "refuse", "REJECT", "Mary Jones", None),
    # "accused" with its own subject and object
    ("Ellison accused Omar of lying.", "accused", "ACCUSE", "Ellison", "Omar"),
    # criticism faced from someone: the critic acts, the one facing it is the target
    ("Trump has faced criticism from Clinton.", "criticism", "ACCUSE", "Clinton", "Donald Trump"),
    # a party's role backed, with its possessor, keeps the party
    ("Obama supported Russia's role in the talks.", "supported", "SUPPORT", "Barack Obama", "Russia"),
])
def test_round_31b_the_same_words_that_are_parties_stay(pipe, text, word, typ, actor, target):
    assert (typ, actor, target) in rule_roles(run_doc(pipe, text), word)


def test_round_31b_rules_read_their_word_lists(pipe, monkeypatch):
    """Emptied (through parties.py's module `_words` too), the lists give the old parties back: the rules read the
    data, not fixed words."""
    from spinscope.extract.events import parties

    w = dataclasses.replace(words(), group_nouns=frozenset(), kind_suffixes=frozenset(), procedure_acts=frozenset(),
                            land_nouns=frozenset(), supporter_adjectives=frozenset())
    monkeypatch.setattr(parties, "_words", lambda: w)
    # (kb51: NO_PARTY[0]'s "Democracy for America" is a KB body now, so its "America" is no mention of the United States
    # whether the group nouns are read or not: the three other cases show the lists are read)
    cases = [(NO_PARTY[3], "Federal Bureau of Investigation"), (NO_PARTY[5], "Iraq"), (NO_PARTY[10], "Turkey")]
    for (text, word, _), party in cases:
        found = rule_roles(run_doc(pipe, text), word, w=w)
        assert any(party in (a, t) for _, a, t in found), (text, found)
    found = rule_roles(run_doc(pipe, "Mr. Cruz had twice the grassroots support of Mr. Trump."),
                       "support", w=w)
    assert ("SUPPORT", "Donald Trump", "Ted Cruz") in found, found  # (as on main)
