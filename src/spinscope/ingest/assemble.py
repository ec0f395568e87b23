"""Building `Document.text` from parts (title, paragraphs, comments) while recording their spans."""
from __future__ import annotations

import re

from ..model import Document, Source, Span

PARAGRAPH_BREAK = "\n\n"
_WS = re.compile(r"\s+")


class TextBuilder:
    """Appends parts with separators and returns the exact span of each part."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add(self, part: str, sep: str = PARAGRAPH_BREAK) -> Span | None:
        if not part:
            return None
        if self._length:
            self._parts.append(sep)
            self._length += len(sep)
        start = self._length
        self._parts.append(part)
        self._length += len(part)
        return Span(start, self._length)

    def text(self) -> str:
        return "".join(self._parts)


def paragraphs(text: str | None) -> list[str]:
    """Non-empty stripped lines of an extracted text: each line is one block."""
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def same_words(a: str, b: str) -> bool:
    return _WS.sub(" ", a).strip().casefold() == _WS.sub(" ", b).strip().casefold()


def lay_out(builder: TextBuilder, title: str | None, body: list[str]) -> dict:
    """Add title then paragraphs, blank-line separated; return hints saying where each lies."""
    title = _WS.sub(" ", title).strip() if title else None
    if title and body and same_words(body[0], title):
        body = body[1:]  # extractors often repeat the headline as the first block
    title_span = builder.add(title) if title else None
    body_spans = [s for s in (builder.add(p) for p in body) if s]
    return {"title": title_span, "body": body_spans, "comments": None}


def article(title: str | None, body: list[str], source: Source) -> Document:
    """A document of a title and paragraphs, with hints; `source.title` filled when missing."""
    builder = TextBuilder()
    hints = lay_out(builder, title, body)
    text = builder.text()
    if hints["title"] and not source.title:
        source.title = hints["title"].of(text)
    return Document(text=text, source=source, hints=hints)
