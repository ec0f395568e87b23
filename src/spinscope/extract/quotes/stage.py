"""The `quotes` stage: who said what (direct, indirect, mixed, embedded posts, scare quotes) and citations."""
from __future__ import annotations

# Quotations are found on the raw text (marks pair across tokens and paragraphs); their cues and
# speakers, and the indirect quotes, come from the dependency parse of each paragraph.

import bisect
from itertools import accumulate

from ...model import Document, Quote, Span
from ...pipeline import register_stage
from .citations import find_citations
from ..entities.kb_index import kb_index
from .cues import QuoteCues, quote_cues
from .marks import Marked, find_quotations
from ..entities.roles import vocabulary
from .speakers import SpeakerResolver
from ...text.index import TextIndex
from .direct import quoted_words, classify
from .indirect import find_indirect
from .merge import merge_quotes
from .attribution import attribute
from .posts import find_posts

STATEMENT_KINDS = ("direct", "indirect", "mixed", "post")


def find_quotes(doc: Document, kb, roles, cues: QuoteCues | None = None,
                index: TextIndex | None = None) -> list[Quote]:
    """The quotes of one document (parsed, with entities), ids q1, q2, ... in text order."""
    cues = cues or quote_cues()
    index = index or TextIndex(doc)
    pieces = ([doc.title] if doc.title else []) + list(doc.body)
    if not doc.body and not doc.title and doc.parses:
        pieces = [Span(s.start, s.end) for s in doc.sentences if s.segment != "comment"]
    marks: list[Marked] = []
    for p in pieces:
        marks.extend(find_quotations(doc.text, p.start, p.end))
    outer = sorted((m for m in marks if m.depth == 0), key=lambda m: m.start)
    outer_starts = [m.start for m in outer]
    reach = list(accumulate((m.end for m in outer), max))  # furthest end among the marks so far

    def inside_quote(start: int, end: int) -> bool:
        # by bisection, not a scan of every quotation per token (quadratic on a text of many quotes)
        i = bisect.bisect_right(outer_starts, start) - 1
        while i >= 0 and reach[i] >= end:
            if end <= outer[i].end:
                return True
            i -= 1
        return False

    resolver = SpeakerResolver(index, cues, kb, roles, inside_quote)
    posts = find_posts(doc, pieces, index, cues, kb)
    in_post = [(q.start, q.end) for q in posts]
    quotes: list[Quote] = list(posts)
    direct: list[Quote] = []
    for m in marks:
        if any(s <= m.start < e for s, e in in_post):
            if m.depth == 0 and quoted_words(doc.text, m) <= cues.scare_max_words:
                quotes.append(Quote(m.start, m.end, "scare"))
            continue
        kind = classify(doc.text, m, index, cues)
        q = Quote(m.start, m.end, kind)
        if kind == "direct":
            direct.append(q)
        quotes.append(q)
    # speakers are resolved in text order afterwards, so that "it said" can look back at earlier ones
    pending: dict[int, tuple] = {}
    indirect = find_indirect(index, cues, inside_quote, resolver, pending)
    quotes = merge_quotes(doc.text, quotes, indirect, pending)
    quotes.sort(key=lambda q: (q.start, -q.end))
    attribute(doc, quotes, index, cues, resolver, pending)
    for q in quotes:
        if q.kind in ("indirect", "mixed"):
            _trim(doc.text, q, cues)
    for i, q in enumerate(quotes, 1):
        q.id = f"q{i}"
    return quotes


@register_stage("quotes", requires=("parses", "sentences", "entities"), assigns=("quotes", "citations"))
def make_quotes(config, resources):
    index = kb_index(resources.config.kb.files)

    def quotes(docs: list[Document]) -> None:
        roles = vocabulary()
        for doc in docs:
            if not doc.parses:
                doc.quotes, doc.citations = [], []
                continue
            text_index = TextIndex(doc)
            doc.quotes = find_quotes(doc, index.kb, roles, index=text_index)
            doc.citations = find_citations(doc, index, text_index=text_index)
    return quotes


def _trim(text: str, q: Quote, cues: QuoteCues) -> None:
    """A reported clause's words without blanks at either end ("said that  Ban underlined ...": the page's double
    blank, realworldb) and without a trailing time stamp (`content_trailers`); a clause that would be left empty
    stays as it was."""
    start, end = q.start, q.end
    m = cues.content_trailer.search(text, start, end)
    if m is not None and m.end() == end:
        end = m.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        q.start, q.end = start, end
