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


# A bookshop widget inside a paragraph (LewRockwell-style pages): a title cut to 22 characters and
# "...", the author, "Best Price: $9.95 Buy New $12.00 (as of 06:00 EDT - Details)". It becomes a line of
# its own, which the cue file's shop-advert patterns then label; the prose around it stays.
_SHOP = re.compile(r"(?:(?<![^\s\"'“”‘’(])[^\n]{22}\.\.\.\s+|(?<![\w,;:-] ))"
                   r"(?:(?-i:[A-Z])[\w.'’-]*\s+){0,6}?Best Price\s*:\s*[$£€]\s?\d[\d.,]*"
                   r"(?:\s+Buy New\s*[$£€]\s?\d[\d.,]*)?(?:\s*\(as of [^()]{0,40}\))?")


# A live blog's widget scraped to text with no line breaks (realworld51, a HuffPost live blog of 2016 on Livefyre):
# its head "34 postsGet LivefyreFAQSign in ... Newest | Oldest", and before each post its buttons and stamp, glued
# to the reporter's credit before and the post's headline after: "Julia CravenFlagShareLikeReplyAni Vrabel
# 5ptsmoderatorFeaturedFebruary 6, 2016 10:57PMJeb Bush Hits ...". Each becomes a line of its own, which the cue
# file's live-blog pattern labels; the credit and the headline stay lines of their own.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LIVEBLOG = re.compile(r"(?:\d+\s?posts\s?Get Livefyre.{0,300}?Newest\s?\|\s?Oldest|FlagShareLikeReply(?:Show More Posts\.?)?)"
                       r"(?:[^\n]{0,40}?\d+\s?pts\s?moderator(?:Featured)?\s?(?:" + _MONTHS + r")\s\d{1,2},\s\d{4}\s"
                       r"\d{1,2}:\d{2}\s?[AP]M)?")


def _pieces(raw: str) -> list[tuple[int, int]]:
    """The line, or its prose and shop or live-blog widgets as separate pieces (offsets in `raw`)."""
    shop, liveblog = "Best Price" in raw, "FlagShareLikeReply" in raw or "Get Livefyre" in raw
    if not shop and not liveblog:
        return [(0, len(raw))]
    cuts = [0]
    found = ([*_SHOP.finditer(raw)] if shop else []) + ([*_LIVEBLOG.finditer(raw)] if liveblog else [])
    for m in sorted(found, key=lambda m: m.start()):
        if m.start() >= cuts[-1]:
            cuts += [m.start(), m.end()]
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [len(raw)]) if b > a]


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
        whole = text[pos:stop]
        if not whole.strip():
            blanks += 1
        for a, b in _pieces(whole):
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
