"""Helpers shared by the events round tests (round 29b's `_run`/`_roles` folded here in round 30b): run the events
pipeline on a sentence written for a test, and read the rules' events (before the sense model) at a trigger word; and
(round 31b) the one table of "same words stay" guards every roles round repeated."""
from __future__ import annotations

from spinscope.extract.events.stage import find_events
from spinscope.model import Document


def run_doc(pipe, text: str) -> Document:
    """The document of `text` through `pipe`, with no problem recorded."""
    doc = pipe(Document(text))
    assert doc.problems() == []
    return doc


def rule_roles(doc: Document, word: str, w=None) -> list[tuple[str, str | None, str | None]]:
    """(type, actor name, target name) of the rules' events triggered by `word` (with the word lists `w`, if given)."""
    names = {e.id: e.name for e in doc.entities}
    return [(e.type, names.get(e.actor), names.get(e.target)) for e in find_events(doc, w=w, sense=False)
            if doc.text[e.trigger.start:e.trigger.end] == word]


def rule_types(doc: Document, word: str, w=None) -> list[str]:
    """The types of the rules' events triggered by `word` (with the word lists `w`, if given)."""
    return [t for t, _, _ in rule_roles(doc, word, w)]


def rule_modes(doc: Document, word: str, w=None) -> list[tuple[str, str]]:
    """(type, mode) of the rules' events triggered by `word` (with the word lists `w`, if given)."""
    return [(e.type, e.mode) for e in find_events(doc, w=w, sense=False)
            if doc.text[e.trigger.start:e.trigger.end] == word]


# Round 31b (stop 48): the guards each roles round's "same words stay" table repeated (tests/test_events.py's round 27,
# test_events_round29b.py, test_events_round30b.py, test_events_round31b.py): the seeds' shapes (point 5: "X accused Y of",
# "X warned Y not to"), capitals as their states, a joint subject, a prepositional target. Rows of (text, trigger word,
# type, actor name, target name), each checked with `rule_roles`; the round files add their own rows after these.
ROLE_GUARDS = [
    ("Russia accused Ukraine of shelling the town.", "accused", "ACCUSE", "Russia", "Ukraine"),
    ("Iran warned the United States not to strike its nuclear sites.", "warned", "THREATEN", "Iran", "United States"),
    ("Moscow accused Kiev of shelling the town.", "accused", "ACCUSE", "Government of Russia", "Government of Ukraine"),
    ("Moscow accused Washington of meddling in the election.", "accused", "ACCUSE", "Government of Russia",
     "United States government"),
    ("Russia and Turkey agreed to a ceasefire in Idlib.", "agreed", "AGREE", "Russia", "Turkey"),
    ("The European Union imposed sanctions on Iran.", "imposed", "SANCTION", "European Union", "Iran"),
    ("The EU imposed sanctions on Iran.", "imposed", "SANCTION", "European Union", "Iran"),
]
