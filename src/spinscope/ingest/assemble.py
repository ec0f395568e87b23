"""Building `Document.text` from parts (title, paragraphs, comments) while recording their spans."""
from __future__ import annotations

import re

from ..dates import iso_date
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


# curly quotes and apostrophes read as straight ones: a page title "We're" and its headline "We’re"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
# what parts a page title's headline from the site's and section's names ("Headline | Blog | Site"),
# tried in this order
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
MIN_HEAD_WORDS = 3


def same_words(a: str, b: str) -> bool:
    return _WS.sub(" ", a).strip().casefold().translate(_QUOTES) == _WS.sub(" ", b).strip().casefold().translate(_QUOTES)


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def headline_variant(title: str, first: str) -> bool:
    """A first block that words the headline again (stop 35: a BBC page's `<h1>` over its body): a line of
    at most 12 words with no sentence end, holding every word of a title of four words or more and at
    most three more."""
    t = {w.casefold() for w in _WORD.findall(title.translate(_QUOTES))}
    words = [w.casefold() for w in _WORD.findall(first.translate(_QUOTES))]
    if len(t) < 4 or len(words) > 20 or re.search(r"[.!?][\"”’')]*$", first.strip()):
        return False
    if len(words) <= 12 and t <= set(words) and len(set(words) - t) <= 3:
        return True
    # a longer standfirst-like headline (realworld36: a tabloid's "Hunter diagnosed with ... making him third
    # Beijing local to contract medieval disease" under "Hunter in Beijing diagnosed with ..."): its first word
    # the title's, every word of a title of six words or more but one, twenty words at most
    first_title = _WORD.findall(title.translate(_QUOTES))[:1]
    return len(t) >= 6 and len(words) <= 20 and words[:1] == [w.casefold() for w in first_title] \
        and len(t - set(words)) <= 1


def headline_of_title(title: str, first: str) -> str | None:
    """The part of a page title before a bar when the page's first block repeats it (the headline, of
    at least MIN_HEAD_WORDS words): what follows the bar names the blog or the site. Or the part after the bar: what
    comes before it names the section ("Opinion | Is Football Violence a Crime?" over a first block "Is Football
    Violence a Crime?", realworld43)."""
    for sep in TITLE_SEPARATORS:
        for head in (title.split(sep, 1)[0].strip(), title.rsplit(sep, 1)[-1].strip()):
            if head != title and len(head.split()) >= MIN_HEAD_WORDS and same_words(head, first):
                return head
    return None


# a line of a date badge: a weekday alone, or a month's abbreviation, day and year run together ("Oct242012")
# (a spaced date line, "6 Nov 2012", is a date line the stop-35 rule keeps)
_BADGE = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|[a-z]{3}\d{1,2}\d{4}|\d{1,2}[a-z]{3}\d{4}", re.I)


def _date_badge(body: list[str]) -> int:
    """How many of the first blocks (three at most, not all of them) are lines of a date badge."""
    k = 0
    while k < min(3, len(body) - 1) and _BADGE.fullmatch(body[k].strip()):
        k += 1
    return k


HEAD_LINE_MAX_WORDS = 10  # most words of a line over the headline's repeat opening the body (furniture with it)


def lay_out(builder: TextBuilder, title: str | None, body: list[str]) -> dict:
    """Add title then paragraphs, blank-line separated; return hints saying where each lies."""
    title = _WS.sub(" ", title).strip() if title else None
    if title and body and same_words(body[0], title):
        body = body[1:]  # extractors often repeat the headline as the first block
    elif title and body and (head := headline_of_title(title, body[0])):
        title, body = head, body[1:]  # "Headline | Blog Name | Site" over a first block "Headline"
    elif title and len(body) > 1 and headline_variant(title, body[0]):
        body = body[1:]  # "Julian Assange: Sweden drops rape investigation" under "Sweden drops Assange rape investigation"
    elif title and (k := _date_badge(body)) and len(body) > k + 1 and same_words(body[k], title):
        body = body[k + 1:]  # a blog theme's date badge ("Wednesday", "Oct242012"), then the headline (realworld37)
    elif title and len(body) > 1 and len(body[0].split()) <= 6 and iso_date(body[0]) and same_words(body[1], title):
        body = body[:1] + body[2:]  # a date line, then the headline again (stop 35: a trade site's page)
    elif title and len(body) > 2 and len(body[0].split()) <= HEAD_LINE_MAX_WORDS \
            and not re.search(r"[.!?:]$", body[0].strip()) and same_words(body[1], title):
        # a section's name, then the headline again ("Review", HEADLINE: a review site's page); a photo's title over
        # the headline again ("Paul and Joe Fall 2012 Runway Collection", HEADLINE: a fashion blog's page, realworld42)
        body = body[2:]
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
