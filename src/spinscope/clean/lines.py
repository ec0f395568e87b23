"""Split a text into non-blank lines with offsets, indentation and the shape features cleaning uses."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import fold

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
SOFT_END = re.compile(r"[.,;:][\"'”’»)\]]*$")
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
# Unicode spaces read as plain spaces by the cue patterns; one character for one, so offsets hold.
_SPACES = str.maketrans({c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                         "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})


def _pieces(raw: str, widgets: tuple) -> list[tuple[int, int]]:
    """The line, or its prose and the widgets glued into it (data/cues `inline_widgets`: a bookshop's "Best Price"
    box, a live blog's buttons) as separate pieces (offsets in `raw`). `widgets`: those the text may hold."""
    if widgets:
        folded = None
        live = []
        for w in widgets:
            if w.anchors is not None:
                folded = fold(raw) if folded is None else folded
                if not any(a in folded for a in w.anchors):
                    continue
            live.append(w.pattern)
        widgets = live
    if not widgets:
        return [(0, len(raw))]
    cuts = [0]
    found = [m for pattern in widgets for m in pattern.finditer(raw)]
    for m in sorted(found, key=lambda m: m.start()):
        if m.start() >= cuts[-1]:
            cuts += [m.start(), m.end()]
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [len(raw)]) if b > a]


def _possible(widgets, text: str) -> tuple:
    """The widgets one of whose anchors the text holds (or that have none): the only ones a line of it can hold."""
    if widgets is None:
        from .cues import default_widgets
        widgets = default_widgets()
    if not widgets:
        return ()
    folded = fold(text) if any(w.anchors is not None for w in widgets) else ""
    return tuple(w for w in widgets if w.anchors is None or any(a in folded for a in w.anchors))


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


def split_lines(text: str, start: int = 0, end: int | None = None, widgets=None) -> list[Line]:
    """The non-blank lines of text[start:end], each with the count of blank lines before it; a widget glued into a
    line (`widgets`: a cue file's `inline_widgets`, None: the English file's) is a line of its own."""
    end = len(text) if end is None else end
    widgets = _possible(widgets, text[start:end])
    lines: list[Line] = []
    blanks = 0
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        whole = text[pos:stop]
        if not whole.strip():
            blanks += 1
        for a, b in _pieces(whole, widgets):
            raw = whole[a:b]
            stripped = raw.strip().translate(_SPACES)
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            indent = len(raw[:lead].expandtabs(4))
            s = pos + a + lead
            e = pos + a + len(raw.rstrip())
            lines.append(Line(index=len(lines), start=s, end=e, indent=indent, text=stripped,
                              words=len(_WORD.findall(stripped)), blank_before=blanks))
            blanks = 0
        pos = stop + 1
    return lines


_PARA_END = re.compile(r"[.!?…:][\"'”’»)\]]*\s*$")


def paragraph_spans(text: str, start: int, end: int, widgets=None) -> list[tuple[int, int]]:
    """Paragraphs of text[start:end]: split at blank lines, and at line breaks after a finished sentence (`widgets`:
    as `split_lines`)."""
    out: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for line in split_lines(text, start, end, widgets):
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
