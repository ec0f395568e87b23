"""Reported clauses and quotations folded together: mixed quotes, one clause for two cues, two speakers' reports."""
from __future__ import annotations

import re

from ...model import Quote



def merge_quotes(text: str, quotes: list[Quote], indirect: list[Quote], pending: dict) -> list[Quote]:
    """Fold a quotation that fills a reported clause into it: mostly quoted -> the direct quote keeps the
    cue; partly quoted -> one `mixed` quote over the clause."""
    statements = [q for q in quotes if q.kind == "direct"]
    drop: set[int] = set()
    keep: list[Quote] = []
    for ind in indirect:
        overlapping = [d for d in statements if d.start < ind.end and ind.start < d.end]
        if not overlapping:
            keep.append(ind)
            continue
        covered = sum(min(d.end, ind.end) - max(d.start, ind.start) for d in overlapping)
        if covered >= 0.8 * (ind.end - ind.start):
            for d in overlapping:
                if d.cue is None:
                    d.cue = ind.cue
                    pending[id(d)] = pending.get(id(ind))
            continue
        for d in overlapping:
            drop.add(id(d))
        start = min([ind.start] + [d.start for d in overlapping])
        end = max([ind.end] + [d.end for d in overlapping])
        mixed = Quote(start, end, "mixed", None, ind.cue)
        pending[id(mixed)] = pending.get(id(ind))
        keep.append(mixed)
    # "X said the attack was,¶“…an aggressive act …”": the clause runs on into the quotation after it
    for i, ind in enumerate(keep):
        nxt = min((d for d in statements if d.start >= ind.end and id(d) not in drop), key=lambda d: d.start,
                  default=None)
        if nxt is not None and re.fullmatch(r"[\s,:]*", text[ind.end:nxt.start]) and text[ind.end:nxt.start].strip():
            drop.add(id(nxt))
            keep[i] = Quote(ind.start, nxt.end, "mixed", None, ind.cue)
            pending[id(keep[i])] = pending.get(id(ind))
    # two cues for one clause ("said ... adding that") or nested reporting: keep the outer clause
    keep.sort(key=lambda q: (q.start, -q.end))
    merged: list[Quote] = []
    for q in keep:
        if merged and q.start >= merged[-1].start and q.end <= merged[-1].end:
            if _is_according(text, merged[-1]):
                merged[-1] = q  # "X said ..., according to Reuters": X's words; the citation keeps Reuters
                continue
            cut = _contrast_cut(text, merged[-1], q, pending)
            if cut is None:
                continue
            # "61 percent said the ferry should run, while 30 percent said the money should go …": two speakers,
            # the outer clause ends where the other's begins
            outer = merged[-1]
            merged[-1] = Quote(outer.start, cut, outer.kind, None, outer.cue)
            pending[id(merged[-1])] = pending.get(id(outer))
        merged.append(q)
    return [q for q in quotes if id(q) not in drop] + merged


_CONTRAST_MARKS = {"while", "whereas"}
_JOINS = re.compile(r"[\s,;:\u2014\u2013-]*(?:\b(?:and|but|while|whereas)\b)?[\s,;:\u2014\u2013-]*$")


def _contrast_cut(text: str, outer: Quote, inner: Quote, pending: dict) -> int | None:
    """Where an indirect statement must end when the last part of its clause is another speaker's
    report joined by "while"/"whereas" or by "and"/"but" ("…, while 30 percent said the money …",
    "…, and the group said it …"): the start of that report's subject; None when the inner statement
    does not end the outer one, its cue has no subject of its own, or that subject is the outer's."""
    if outer.kind != "indirect" or inner.cue is None or text[inner.end:outer.end].strip(" .,;\"”'’"):
        return None
    found, mine = pending.get(id(inner)), pending.get(id(outer))
    if not found or found[0] is None or mine and mine[0] is found[0]:
        return None
    subj, off = found[0], found[1]
    verb = subj.head
    if subj.dep_ != "nsubj" or off + verb.idx != inner.cue.start or subj.lower_ in ("who", "that", "which"):
        return None
    contrast = any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in verb.children)
    joined = verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in ("and", "but") and c.i < subj.i
                                         for c in (*verb.head.children, *verb.children))
    k = subj.left_edge.i - 1
    while k > 0 and verb.doc[k].is_punct:
        k -= 1
    # "…, and three-quarters said the same of her": the parser hung the second report under the first
    joined = joined or verb.dep_ == "ccomp" and k >= 0 and verb.doc[k].dep_ == "cc" \
        and verb.doc[k].lower_ in ("and", "but") and verb.doc[k].i > verb.head.i
    if not (contrast or joined):
        return None
    start = off + subj.left_edge.idx
    if not outer.start < start <= inner.start:
        return None
    head = _JOINS.sub("", text[outer.start:start])
    return outer.start + len(head) if len(head) >= 8 else None


def _is_according(text: str, q: Quote) -> bool:
    return q.cue is not None and text[q.cue.start:q.cue.end].lower().startswith("according")
