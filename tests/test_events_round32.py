"""Round 32 (stop 49, branch events49): trigger senses and modes from the development audits' non-role errors
(docs/events.md "Round 32"). Each sentence is written for its test (made-up names, a paraphrase of a shape, never an
audit's text); the rules' events, before the sense model."""
from __future__ import annotations

import dataclasses

import pytest

from spinscope.extract.events.modality import words
from spinscope.pipeline import Pipeline

from .events_helpers import ROLE_GUARDS, rule_roles, run_doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


def _types(doc, word: str, w=None) -> list[str]:
    return [t for t, _, _ in rule_roles(doc, word, w)]


# Each gives its event among the rules' events on main 4898e8b and none of that type on the branch.
GONE = [
    # a verbal act, a request or a backing whose other party is nobody (`generic_party`)
    ("Cardinal Rossi says it is ugly to accuse others of sinning.", "accuse", "ACCUSE"),
    ("Senator Mara Quill said it is hard to blame any one person for the collapse.", "blame", "ACCUSE"),
    ("Mayor Tilden said he did not recall the evenings and denied asking anyone to join him in the kitchen.", "asking",
     "REQUEST"),
    ("Molvania accused others of meddling in the vote.", "accused", "ACCUSE"),
    # a private invitation to leisure (`leisure_invited`)
    ("Later, Dana Kell invited Ray Osmond to her flat to watch a movie.", "invited", "REQUEST"),
    ("Osmond was invited by Dana Kell to her town late on the night of May 3 to watch a movie.", "invited", "REQUEST"),
    ("The woman did invite Osmond over to her home to watch a film, but she later got tired.", "invite", "REQUEST"),
    # a generic noun trigger whose "every" an adverb makes the parser read as a number: hypothetical, no actor, dropped
    ("Walker noted that virtually every attack in Europe has been inspired not by Russia but by its rivals.", "attack",
     "ASSAULT"),
    # delegates counted as pledged, read as a verb with its object (`pledged_delegates`)
    ("Heading into the final contests in June, Senator Ana Ruiz leads Governor Tom Hale by 271 pledged delegates "
     "according to a tally by Reuters, but the governor has vowed to fight on.", "pledged", "AGREE"),
    # private terms agreed to: an interview, a fee (`private_terms_agreed`)
    ("There were reports that the actress Mona Vail only agreed to do the interview after her producers said they would "
     "pay off her hotel bill.", "agreed", "AGREE"),
    ("Senator Tom Hale agreed to give an interview to the station.", "agreed", "AGREE"),
    ("The Russian tycoon Ivan Dorin agreed to pay a 2 percent annual management fee to Tom Vance and his partners.",
     "agreed", "AGREE"),
    # an accident told by the machine's failure (`accident_words`)
    ("Sergeant Tom Hale was killed in May 2006 when the power washer he was using to clean a truck short-circuited.",
     "killed", "ASSAULT"),
    # a thing as the doer or the object (`inanimate_subjects`, `abstract_objects`)
    ("Jettisoning the limitations that constrained Senator Tom Hale, they proposed a flat tax.", "constrained", "COERCE"),
    ("Continuing to defer the maintenance of America's highways will cost more.", "defer", "ACCUSE"),
    ("Party members of the Tory right called these Labour threats against Ann Hale's ascendancy to the premiership a "
     "smear.", "threats", "THREATEN"),
]


@pytest.mark.parametrize("text, word, typ", GONE)
def test_round_32_shapes_that_are_no_such_events(pipe, text, word, typ):
    assert typ not in _types(run_doc(pipe, text), word)


# Political guards (green on main and on the branch): the same words with a party named, narrowed by a clause, or force.
STAY = [
    *ROLE_GUARDS,
    ("Ayotte called on others who took money from the donors to return it.", "called", "REQUEST", "Kelly Ayotte", None),
    ("Ryan invited Trump to meet with House leaders.", "invited", "REQUEST", "Ryan", "Donald Trump"),
    ("Assad may invite Iran to set up bases in Syria.", "invite", "REQUEST", "Bashar al-Assad", "Iran"),
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
    doc = run_doc(pipe, "Pope Leo meets meets with Orthodox leader, Bishop Ivan Petrov, in Finland")
    assert _types(doc, "meets").count("CONSULT") == 1
    doc = run_doc(pipe, "Israel bombed Gaza again and again, and Hamas fired rockets at Israel.")
    assert "ASSAULT" in _types(doc, "bombed")    # a word repeated elsewhere is no doubled word


@pytest.mark.parametrize("text, word, typ, actor, target", STAY)
def test_round_32_political_shapes_stay(pipe, text, word, typ, actor, target):
    roles = rule_roles(run_doc(pipe, text), word)
    assert any(t == typ and (actor is None or a == actor) and (target is None or g == target) for t, a, g in roles), roles


@pytest.mark.parametrize("text, holds", [
    # "ask" with an "if" clause the parser hangs on the main verb, right after the one asked: a question put
    ('"And when I asked the kids if anyone had any classes on that, maybe five of the 30 students raised their hands," '
     "Moreno said.", True),                                                 # the "if" clause parsed onto "raised"
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
    ("Cardinal Rossi says it is ugly to accuse others of sinning.", "accuse", True),
    ("Senator Mara Quill said it is hard to blame any one person for the collapse.", "blame", True),
    ("Ayotte called on others who took money from the donors to return it.", "called", False),  # a relative clause
    ("Christie said he would endorse anyone who backs the wall.", "endorse", False),
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
    doc = run_doc(pipe, "Cardinal Rossi says it is ugly to accuse others of sinning.")
    assert "ACCUSE" in _types(doc, "accuse", empty) and "ACCUSE" not in _types(doc, "accuse")
    doc = run_doc(pipe, "Later, Dana Kell invited Ray Osmond to her flat to watch a movie.")
    assert "REQUEST" in _types(doc, "invited", empty) and "REQUEST" not in _types(doc, "invited")
    doc = run_doc(pipe, "Senator Tom Hale agreed to give an interview to the station.")
    assert "AGREE" in _types(doc, "agreed", empty) and "AGREE" not in _types(doc, "agreed")
    doc = run_doc(pipe, "Heading into the final contests in June, Senator Ana Ruiz leads Governor Tom Hale by 271 pledged "
                        "delegates according to a tally by Reuters, but the governor has vowed to fight on.")
    assert "AGREE" in _types(doc, "pledged", empty) and "AGREE" not in _types(doc, "pledged")
