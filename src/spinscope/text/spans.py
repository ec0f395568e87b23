"""Spans by offset: which items overlap a range (entity mentions, place mentions), and token offsets."""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any


def token_span(offset: int, tok) -> tuple[int, int]:
    """The document offsets of a spaCy token of a segment parsed at `offset`."""
    return offset + tok.idx, offset + tok.idx + len(tok.text)


class SpanIndex:
    """(start, end, item) triples sorted by offset, for "what overlaps [start, end)" in O(log n + k)."""

    __slots__ = ("spans", "starts", "longest")

    def __init__(self, spans: Iterable[tuple[int, int, Any]]):
        self.spans = sorted(spans, key=lambda s: (s[0], -s[1]))
        self.starts = [s[0] for s in self.spans]
        # Look back by the longest span, so that a long mention that starts early is never missed.
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Every span overlapping [start, end), in text order."""
        i = bisect.bisect_left(self.starts, start - self.longest)
        j = bisect.bisect_left(self.starts, end, lo=i)
        return [s for s in self.spans[i:j] if s[1] > start]

    def last_overlapping(self, start: int, end: int) -> tuple[int, int, Any] | None:
        """The overlapping span that starts last (the innermost of nested mentions), or None."""
        found = self.overlapping(start, end)
        return found[-1] if found else None

    def __len__(self) -> int:
        return len(self.spans)
