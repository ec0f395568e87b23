"""Round 32 (stop 49, branch events49): trigger senses and modes from the development audits' non-role errors
(docs/events.md "Round 32"). Each sentence is written for its test (made-up names, a paraphrase of a shape, never an
audit's text); the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.extract.events.modality import words
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_roles, rule_types, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


# Each gives its event among the rules' events on main 4898e8b and none of that type on the branch.
GONE = [
    # a verbal act, a request or a backing whose other party is nobody (`generic_party`)
    ("Bishop Rossi told the synod that it is cruel to accuse others of lying.", "accuse", "ACCUSE"),
    ("Governor Ned Orr said it was pointless to blame any one person for the shortage.", "blame", "ACCUSE"),
    ("Mayor Tilden could not recall the dinners and denied asking anyone to follow him upstairs.", "asking", "REQUEST"),
    ("Molvania accused others of meddling in the vote.", "accused", "ACCUSE"),
    # a private invitation to leisure (`leisure_invited`)
    ("Later, Dana Kell invited Ray Osmond to her flat to watch a movie.", "invited", "REQUEST"),
    ("Osmond was invited by Dana Kell to her cabin on a Friday evening to watch a film.", "invited", "REQUEST"),
    ("Dana Kell invited Osmond over to her flat to watch a film, and later she fell asleep.", "invited", "REQUEST"),
    # a generic noun trigger whose "every" an adverb makes the parser read as a number: hypothetical, no actor, dropped
    ("Reed noted that almost every attack in Europe has been inspired by foreign preachers.", "attack", "ASSAULT"),
    # private terms agreed to: an interview, a fee (`private_terms_agreed`)
    ("Gossip sites said the singer Mona Vail agreed to give the interview only after the network settled her hotel "
     "debts.", "agreed", "AGREE"),
    ("Senator Tom Hale agreed to give an interview to the station.", "agreed", "AGREE"),
    ("The Greek shipowner Ivan Dorin agreed to pay a 3 percent yearly advisory fee to Tom Vance's fund.", "agreed",
     "AGREE"),
    # an accident told by the machine's failure (`accident_words`)
    ("Private Ned Orr was killed in 2004 when the pressure pump he was repairing at the base short-circuited.", "killed",
     "ASSAULT"),
    # a thing as the doer or the object (`inanimate_subjects`, `abstract_objects`)
    ("Dropping the limitations that restrained Senator Tom Hale, the committee drafted a bolder budget.", "restrained",
     "COERCE"),
    ("Delaying the maintenance of America's aging bridges will cost far more later.", "Delaying", "ACCUSE"),
    ("Party members of the Tory right called these Labour threats against Ann Hale's ascendancy to the premiership a "
     "smear.", "threats", "THREATEN"),
]


@pytest.mark.parametrize("text, word, typ", GONE)
def test_round_32_shapes_that_are_no_such_events(pipe, text, word, typ):
    assert typ not in rule_types(run_doc(pipe, text), word)


# Political guards (green on main and on the branch): the same words with a party named, narrowed by a clause, or force.
STAY = [
    *ROLE_GUARDS,
    ("Senator Kelly Ayotte called on others who accepted the lobbyist's money to give it back.", "called", "REQUEST",
     "Kelly Ayotte", None),
    ("Paul Ryan invited Donald Trump to talk with the Senate leaders.", "invited", "REQUEST", "Paul Ryan", "Donald Trump"),
    ("Syria may invite Iran to build airfields on its soil.", "invite", "REQUEST", "Syria", "Iran"),
    ("Senator Marco Rubio pledged his delegates to Donald Trump.", "pledged", "AGREE", "Marco Rubio", None),
    ("China invited North Korea to the talks in Beijing.", "invited", "CONSULT", "China", "North Korea"),
    ("Hamas attacked someone in the square.", "attacked", "ASSAULT", "Hamas", None),
    ("Kenya accused the rebels of shelling the town.", "accused", "ACCUSE", "Kenya", None),
    ("Moscow accused Kiev of blaming everyone but itself.", "accused", "ACCUSE", "Government of Russia",
     "Government of Ukraine"),
    ("Iran threatened to strike anyone who attacks its ships.", "threatened", "THREATEN", "Iran", None),
    ("Russia carried out almost every strike on the city.", "strike", "ASSAULT", "Russia", None),
    ("Police arrested the opposition leader in Minsk.", "arrested", "COERCE", None, None),
    ("The United States imposed sanctions on North Korea.", "imposed", "SANCTION", "United States", "North Korea"),
    ("The gunman pledged allegiance to the Islamic State.", "pledged", "AGREE", None, "Islamic State"),
    ("The militants pledged loyalty to al-Qaeda.", "pledged", "AGREE", None, "al-Qaeda"),
    ("Germany agreed to pay compensation to the families of the victims.", "agreed", "AGREE", "Germany", None),
    ("Russia and Turkey agreed to issue a joint statement.", "agreed", "AGREE", "Russia", "Turkey"),
    ("The United States imposed new constraints on Iran.", "imposed", "COERCE", "United States", "Iran"),
    ("Israeli troops killed two men when their car exploded.", "killed", "ASSAULT", "Israel Defense Forces", None),
    ("Iran's threats against Israel grew louder.", "threats", "THREATEN", "Iran", "Israel"),
]


def test_round_32_a_headlines_doubled_word_is_one_event(pipe):
    """"meets meets": the doubled word of a headline tells one meeting (two on main 4898e8b)."""
    doc = run_doc(pipe, "King Leo meets meets with the Anglican leader, Bishop Ivan Petrov, in Oslo")
    assert rule_types(doc, "meets").count("CONSULT") == 1
    doc = run_doc(pipe, "Israel bombed Gaza again and again, and Hamas fired rockets at Israel.")
    assert "ASSAULT" in rule_types(doc, "bombed")    # a word repeated elsewhere is no doubled word


@pytest.mark.parametrize("text, word, typ, actor, target", STAY)
def test_round_32_political_shapes_stay(pipe, text, word, typ, actor, target):
    roles = rule_roles(run_doc(pipe, text), word)
    assert any(t == typ and (actor is None or a == actor) and (target is None or g == target) for t, a, g in roles), roles


@pytest.mark.parametrize("text, holds", [
    # "ask" with an "if" clause the parser hangs on the main verb, right after the one asked: a question put
    ('"So when I asked the audience if anyone had any questions on the plan, about ten of the 200 guests stood up," '
     "Moreno said.", True),                                                 # the "if" clause parsed onto "stood"
    ('"When I asked the pupils if anyone had taken a course, only two raised their hands," Moreno said.', True),  # on "asked"
    ("The senator asked the department to investigate whether the firm broke the law.", False),  # a request to act
    ("When Rivera asked Iran to free the sailors, if only for talks, Tehran refused.", False),   # "if" not after the object
])
def test_round_32_question_asked_reads_a_detached_if_clause(pipe, text, holds):
    from spinscope.extract.events.refusals import question_asked

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == "asked")
    assert question_asked(tok, "REQUEST", words()) is holds


@pytest.mark.parametrize("text, word, holds", [
    ("Bishop Rossi told the synod that it is cruel to accuse others of lying.", "accuse", True),
    ("Governor Ned Orr said it was pointless to blame any one person for the shortage.", "blame", True),
    ("Senator Kelly Ayotte called on others who accepted the lobbyist's money to give it back.", "called", False),
    ("Governor Chris Christie said he would back anyone who supports the tunnel.", "back", False),  # a relative clause
    ("Mayor Lena Ortiz called on everyone to stay calm.", "called", False),                    # an appeal to the public
    ("Lena Ortiz blamed the people of the valley for the flood.", "blamed", False),               # "the", a phrase
    ("Lena Ortiz blamed Carl Dunn and others for the flood.", "blamed", False),                   # a named party first
])
def test_round_32_generic_party_on_its_own_shapes(pipe, text, word, holds):
    from spinscope.extract.events.refusals import generic_party

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == word)
    assert generic_party(tok, "ACCUSE", words()) is holds
    assert generic_party(tok, "THREATEN", words()) is False  # force and threats are never read so


def test_round_32_word_lists_are_read(pipe):
    """The new readings take their words from modality.yaml: emptied, the old events come back."""
    empty = dataclasses.replace(words(), generic_pronouns=frozenset(), generic_people=frozenset(),
                                indefinite_persons=frozenset(),
                                leisure_things=frozenset(), delegate_words=frozenset(), private_terms=frozenset())
    doc = run_doc(pipe, "Bishop Rossi told the synod that it is cruel to accuse others of lying.")
    assert "ACCUSE" in rule_types(doc, "accuse", empty) and "ACCUSE" not in rule_types(doc, "accuse")
    doc = run_doc(pipe, "Later, Dana Kell invited Ray Osmond to her flat to watch a movie.")
    assert "REQUEST" in rule_types(doc, "invited", empty) and "REQUEST" not in rule_types(doc, "invited")
    doc = run_doc(pipe, "Senator Tom Hale agreed to give an interview to the station.")
    assert "AGREE" in rule_types(doc, "agreed", empty) and "AGREE" not in rule_types(doc, "agreed")
    doc = run_doc(pipe, "Gossip sites said the singer Mona Vail agreed to give the interview only after the network "
                        "settled her hotel debts.")
    assert "AGREE" in rule_types(doc, "agreed", empty) and "AGREE" not in rule_types(doc, "agreed")


@pytest.mark.parametrize("text, holds", [
    # delegates counted as pledged, parsed as a verb with its object (`pledged_delegates`, read on the rule directly:
    # the parser reads "94 pledged delegates" so only in some long sentences)
    ("Senator Ana Ruiz pledged 40 delegates.", True),
    ("Senator Marco Rubio pledged his delegates to Donald Trump.", False),   # owned and given to someone
    ("The gunman pledged allegiance to the Islamic State.", False),
])
def test_round_32_pledged_delegates_on_its_own_shapes(pipe, text, holds):
    from spinscope.extract.events.refusals import applies

    doc = run_doc(pipe, text)
    tok = next(t for _, s, kind in doc.parses if kind == "body" for t in s if t.text == "pledged")
    assert applies("pledged_delegates", tok, "AGREE", words()) is holds
    empty = dataclasses.replace(words(), delegate_words=frozenset())
    assert applies("pledged_delegates", tok, "AGREE", empty) is False
