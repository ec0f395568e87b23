"""The `parse` stage: spaCy over the title, each body paragraph and each comment, never across them."""
from __future__ import annotations

from dataclasses import dataclass

from ..clean.lines import paragraph_spans
from ..model import Document, Sentence
from ..nlp import load_nlp
from ..pipeline import register_stage

MAX_SEGMENT = 100_000  # characters per spaCy call; a longer paragraph is cut at line breaks


def segments(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every piece parsed on its own."""
    out: list[tuple[int, int, str]] = []
    if doc.title:
        out.append((doc.title.start, doc.title.end, "title"))
    body = doc.body or ([] if doc.comments or doc.title else [_whole(doc)])
    for span in body:
        if span is not None:
            out.extend((s, e, "body") for s, e in paragraph_spans(doc.text, span.start, span.end))
    for c in doc.comments:
        if not c.empty:
            out.extend((s, e, "comment") for s, e in paragraph_spans(doc.text, c.start, c.end))
    return [piece for s, e, kind in out for piece in _cut(doc.text, s, e, kind)]


def _whole(doc: Document):
    from ..model import Span
    stripped = doc.text.strip()
    if not stripped:
        return None
    start = doc.text.index(stripped[0])
    return Span(start, start + len(stripped))


def _cut(text: str, start: int, end: int, kind: str):
    """Split an over-long piece at line breaks (or hard, as a last resort) to bound memory."""
    while end - start > MAX_SEGMENT:
        cut = text.rfind("\n", start, start + MAX_SEGMENT)
        cut = cut if cut > start else start + MAX_SEGMENT
        yield start, cut, kind
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end, kind


@dataclass(frozen=True)
class ParseConfig:
    """spaCy settings of the parse stage."""

    spacy_disable: tuple[str, ...] = ()  # spaCy components to leave out (e.g. ["ner"])
    batch_size: int = 64  # segments per spaCy batch


# Needs only the text: it parses the cleaner's title, body and comments when `clean` ran before it,
# else the whole text as body.
@register_stage("parse", requires=("text",), assigns=("sentences", "parses"), config=ParseConfig)
def make_parse(config: ParseConfig, resources):
    nlp = load_nlp(config.spacy_disable)
    batch_size = config.batch_size

    def parse(docs: list[Document]) -> None:
        jobs = [(doc.text[s:e], (doc, s, kind)) for doc in docs for s, e, kind in segments(doc)]
        for doc in docs:
            doc.parses, doc.sentences = [], []
        for sdoc, (doc, offset, kind) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            doc.parses.append((offset, sdoc, kind))
            for sent in sdoc.sents:
                raw = sent.text
                lead = len(raw) - len(raw.lstrip())
                body = raw.strip()
                if body:
                    start = offset + sent.start_char + lead
                    doc.sentences.append(Sentence(start, start + len(body), kind))
        for doc in docs:
            doc.sentences.sort(key=lambda s: s.start)
    return parse
