"""Lookups from document offsets to parsed tokens and to entity mentions, shared by the quote finders."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import Document, Entity
from .spans import SpanIndex
from ..extract.parse import segment_text

PERSONAL = {"he", "she", "him", "her", "his"}
PLURAL = {"they", "them", "we"}


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    sdoc: object  # spacy Doc of text[start:end]
    kind: str
    token_starts: list[int]  # token offsets within the segment, for bisecting


def _segment(off: int, sdoc, kind: str) -> Segment:
    from spacy.attrs import IDX  # spaCy is imported: `sdoc` is one of its Docs

    starts = sdoc.to_array(IDX).tolist() if len(sdoc) else []  # no Token object per word
    return Segment(off, off + len(segment_text(sdoc)), sdoc, kind, starts)


class TextIndex:
    """Parsed segments by offset and entity mentions by offset, for one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.segments = sorted((_segment(off, sdoc, kind) for off, sdoc, kind in doc.parses),
                               key=lambda s: s.start)
        self._starts = [s.start for s in self.segments]
        self._mentions = SpanIndex((m.start, m.end, e) for e in doc.entities for m in e.mentions)
        self.mentions = self._mentions.spans
        self._mstarts = self._mentions.starts
        self.by_id = {e.id: e for e in doc.entities}

    def segment_at(self, pos: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.segments[i].start <= pos < self.segments[i].end:
            return self.segments[i]
        return None

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions overlapping [start, end), in text order."""
        return self._mentions.overlapping(start, end)

    def best_entity(self, start: int, end: int, head: int | None = None) -> tuple[int, int, Entity] | None:
        """The entity named in [start, end): the mention holding `head` (none when the head word is not
        part of a name: "U.S. officials" are not the United States), else a person, else the longest."""
        found = [m for m in self.entities_in(start, end) if m[2].type not in ("nationality", "commenter")]
        if not found:
            return None
        if head is not None:
            at_head = [m for m in found if m[0] <= head < m[1]]
            return max(at_head, key=lambda m: m[1] - m[0]) if at_head else None
        people = [m for m in found if m[2].type == "person"]
        return max(people or found, key=lambda m: m[1] - m[0])

    def previous_mention(self, before: int, kinds: set[str] | None = None, skip=None, gender: str | None = None,
                         gender_of=None, window: int = 2500, accept=None) -> tuple[int, int, Entity] | None:
        """The nearest mention ending before `before` (within `window` chars) of an entity of `kinds` (and,
        with `accept`, one for which accept(entity) holds)."""
        i = bisect.bisect_left(self._mstarts, before)
        for ms, me, e in reversed(self.mentions[max(0, i - 400):i]):
            if me > before or ms < before - window:
                if ms < before - window:
                    break
                continue
            if kinds is not None and e.type not in kinds:
                continue
            if skip is not None and skip(ms, me):
                continue
            if gender and gender_of is not None:
                g = gender_of(e)
                if g and g != gender:
                    continue
            if accept is not None and not accept(e):
                continue
            return ms, me, e
        return None
