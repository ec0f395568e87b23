"""Where and when: an event's place (places layer) and date (dates layer)."""
from __future__ import annotations

from ...model import Document
from .modality import Words
from .syntax import token_span, prep_objects
from .parties import Mentions
from .detect import Trigger


def event_place(trig: Trigger, sent, offset: int, ments: Mentions, w: Words, parties: frozenset = frozenset()):
    """(place, governed): the place under in/near/at... of the trigger (True), else the nearest such one."""
    heads = [trig.tok, *(c for c in trig.tok.children if c.dep_ == "dobj")]  # "repel the offensive near Aleppo"
    areas = [c for c in trig.tok.children if c.lower_ in w.place_heads]  # "attacked ... south of Aleppo"
    governed = [g for h in heads for g in prep_objects(h, w.place_preps)]
    for pobj in governed + [g for a in areas for g in prep_objects(a, {"of"})]:
        for t in pobj.subtree:
            if (p := ments.place(*token_span(offset, t))) is not None:
                return p, True
    if trig.type in w.material_types:
        for head in _own_phrase(trig):
            for t in head.subtree:
                if t.head.tag_ == "VBN" and t.dep_ in ("npadvmod", "compound", "nmod"):
                    continue  # "US-backed forces": a sponsor, not a place
                if (p := ments.place(*token_span(offset, t))) is not None and _not_party(t, offset, ments, parties):
                    return p, False  # where it happened, but not enough to make a party-less event
    # Else the nearest place the sentence puts after in/near/at...: a toponym as subject or object
    # ("Russia warned", "met with France") names a party, not where it happened.
    pos = offset + trig.tok.idx
    inside = []
    for tok in sent:
        phrase = tok
        while phrase.dep_ in ("compound", "amod", "flat") and phrase.head.i != phrase.i:
            phrase = phrase.head
        prep = phrase.head if phrase.dep_ == "pobj" else None
        if prep is not None and (prep.lower_ in w.place_preps or prep.lower_ == "of"
                                 and prep.head.lower_ in w.place_heads):
            if (p := ments.place(*token_span(offset, tok))) is not None and _not_party(tok, offset, ments, parties):
                inside.append((abs(offset + tok.idx - pos), p))
    return (min(inside, key=lambda x: x[0])[1], False) if inside else (None, False)


def _not_party(tok, offset: int, ments: Mentions, parties: frozenset) -> bool:
    """Whether a toponym is not the event's actor or target ("strike the US", "over U.S. air strikes")."""
    ent = ments.entity(*token_span(offset, tok))
    return ent is None or ent.id not in parties


def _own_phrase(trig: Trigger) -> list:
    """Heads of the phrases that make up the event itself: a noun trigger's modifiers ("the Aleppo
    offensive"), a verb trigger's object, passive subject and complement ("stop attacking Syria")."""
    if trig.noun:
        return [c for c in trig.tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c not in trig.toks]
    return [c for c in trig.tok.children if c.dep_ in ("dobj", "nsubjpass", "xcomp")]


def event_date(doc: Document, sent_span: tuple[int, int], trig: Trigger, lead: bool, modes: set[str]) -> str | None:
    """The date written in the sentence (dates layer); else the publication day for a fact of the lead."""
    try:
        from ..dates.stage import date_for_span
    except ImportError:  # the dates layer is another stage's; without it only the lead fallback remains
        date_for_span = None
    if date_for_span is not None and doc.dates:
        found = date_for_span(doc, *sent_span)
        value = getattr(found, "value", found)
        if value:
            return str(value)
    head = trig.tok if not trig.noun else trig.tok.head
    if lead and not modes and doc.source.published and head.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
        return doc.source.published[:10]
    return None
