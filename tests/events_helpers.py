"""Helpers shared by the events round tests (round 29b's `_run`/`_roles` folded here in round 30b): run the events
pipeline on a sentence written for a test, and read the rules' events (before the sense model) at a trigger word."""
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
