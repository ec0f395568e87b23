"""Split a text into non-blank lines with offsets, indentation and the shape features cleaning uses."""
from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
SOFT_END = re.compile(r"[.,;:][\"'”’»)\]]*$")
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
# Unicode spaces read as plain spaces by the cue patterns; one character for one, so offsets hold.
_SPACES = str.maketrans({c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                         "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})


@dataclass(slots=True)
class Line:
    """One non-blank line: offsets of its stripped content and what it looks like."""

    index: int
    start: int
    end: int
    indent: int
    text: str
    words: int
    blank_before: int

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @property
    def letters(self) -> int:
        return len(_LETTER.findall(self.text[:200]))

    @property
    def paragraph_like(self) -> bool:
        """Running prose: long, or a full sentence of some length."""
        return self.words >= 16 or (self.ends_sentence and self.words >= 6)

    @property
    def headline_like(self) -> bool:
        """A short unpunctuated line: a headline, a link title, a caption or a subhead."""
        return 2 <= self.words <= 18 and not SOFT_END.search(self.text) and not self.text[:1].islower()


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of text[start:end], each with the count of blank lines before it."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    blanks = 0
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        raw = text[pos:stop]
        stripped = raw.strip().translate(_SPACES)
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            indent = len(raw[:lead].expandtabs(4))
            s = pos + lead
            e = pos + len(raw.rstrip())
            lines.append(Line(index=len(lines), start=s, end=e, indent=indent, text=stripped,
                              words=len(_WORD.findall(stripped)), blank_before=blanks))
            blanks = 0
        else:
            blanks += 1
        pos = stop + 1
    return lines


_PARA_END = re.compile(r"[.!?…:][\"'”’»)\]]*\s*$")


def paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs of text[start:end]: split at blank lines, and at line breaks after a finished sentence."""
    out: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for line in split_lines(text, start, end):
        if cur is not None and (line.blank_before or _PARA_END.search(text[cur[0]:cur[1]][-8:])):
            out.append((cur[0], cur[1]))
            cur = None
        if cur is None:
            cur = [line.start, line.end]
        else:
            cur[1] = line.end
    if cur is not None:
        out.append((cur[0], cur[1]))
    return out
