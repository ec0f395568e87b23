"""The `parse` stage: spaCy over the title, each body paragraph and each comment, never across them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..budget import check as check_budget
from ..clean.lines import paragraph_spans
from ..clean.segment import document_cues
from ..model import Document, Sentence
from ..nlp import load_nlp
from ..pipeline import register_stage

# Bounds that keep the parser and every stage after it near-linear on pathological text (one
# 50,000-word sentence, a 5 MB line): a paragraph longer than MAX_SEGMENT characters is parsed in
# pieces cut at line breaks or sentence ends, and a stretch of MAX_SENTENCE characters without a
# sentence end is cut at a space, so no sentence the later stages loop over is longer. Ordinary
# paragraphs and sentences are far below both and are parsed exactly as before.
MAX_SEGMENT = 10_000
MAX_SENTENCE = 1_500
_BREAK = re.compile(r"\n|[.!?…]['\"”’)\]]*\s")


def segments(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every piece parsed on its own."""
    out: list[tuple[int, int, str]] = []
    if doc.title:
        out.append((doc.title.start, doc.title.end, "title"))
    body = doc.body or ([] if doc.comments or doc.title else [_whole(doc)])
    widgets = document_cues(doc).inline_widgets  # a widget glued into a line is cut as `clean` cut it
    for span in body:
        if span is not None:
            out.extend((s, e, "body") for s, e in paragraph_spans(doc.text, span.start, span.end, widgets))
    for c in doc.comments:
        if not c.empty:
            out.extend((s, e, "comment") for s, e in paragraph_spans(doc.text, c.start, c.end, widgets))
    return [piece for s, e, kind in out for piece in _cut(doc.text, s, e, kind)]


def _whole(doc: Document):
    from ..model import Span
    stripped = doc.text.strip()
    if not stripped:
        return None
    start = doc.text.index(stripped[0])
    return Span(start, start + len(stripped))


def _cut(text: str, start: int, end: int, kind: str):
    """An over-long piece in bounded parts: whole sentences packed up to MAX_SEGMENT characters, and a
    stretch over MAX_SENTENCE characters without a sentence end in parts of its own, cut at spaces."""
    if end - start <= MAX_SENTENCE:
        yield start, end, kind
        return
    pieces: list[list] = []  # [start, end, stands alone]
    for s, e in _sentences(text, start, end):
        if e - s > MAX_SENTENCE:
            pieces.extend([a, b, True] for a, b in _at_spaces(text, s, e))
        elif pieces and not pieces[-1][2] and e - pieces[-1][0] <= MAX_SEGMENT:
            pieces[-1][1] = e
        else:
            pieces.append([s, e, False])
    for s, e, _ in pieces:
        s, e = _strip(text, s, e)
        if e > s:
            yield s, e, kind


def _sentences(text: str, start: int, end: int):
    """(start, end) stretches of text[start:end] that end at a line break or a sentence end."""
    s = start
    for m in _BREAK.finditer(text, start, end):
        if m.end() - s >= 1:
            yield s, m.end()
            s = m.end()
    if end > s:
        yield s, end


def _at_spaces(text: str, start: int, end: int):
    """text[start:end] in parts of at most MAX_SENTENCE characters, cut after a semicolon, a comma or
    a space in the second half of each part where there is one, else hard."""
    while end - start > MAX_SENTENCE:
        lo, hi = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
        cut = max(text.rfind("; ", lo, hi), text.rfind(", ", lo, hi))
        cut = cut + 2 if cut >= lo else text.rfind(" ", lo, hi) + 1
        cut = cut if cut > lo else hi
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class ParseConfig:
    """spaCy settings of the parse stage."""

    spacy_disable: tuple[str, ...] = ()  # spaCy components to leave out (e.g. ["ner"])
    # Segments per spaCy batch. The parser and the entity recognizer decode a quarter of it at a time, sorted by
    # length: 64 at 256, the fastest of 4, 16, 64 and 256 for both on news text (docs/speed.md, stop 36).
    batch_size: int = 256


TEXT_KEY = "spinscope.text"


def segment_text(sdoc) -> str:
    """A parsed segment's text. The parse stage records it; spaCy's `Doc.text` would join every token
    again on each call (a Token object each), and the stages ask for it thousands of times."""
    text = sdoc.user_data.get(TEXT_KEY)
    if text is None:
        text = sdoc.user_data[TEXT_KEY] = sdoc.text
    return text


def segment_words(text: str, offset: int, sdoc) -> tuple:
    """The words (spinscope.text.names) of a parsed segment of `text` at `offset`, found once for the
    stages that read them (entities, places); a fresh list each time."""
    found = sdoc.user_data.get(WORDS_KEY)
    if found is None or found[0] != offset:
        from ..text.names import words
        found = sdoc.user_data[WORDS_KEY] = (offset, tuple(words(text, offset, offset + len(segment_text(sdoc)))))
    return list(found[1])


WORDS_KEY = "spinscope.words"


def tokens_where(sdoc, **tests) -> list:
    """The tokens of a parsed segment, in order, for which any test passes: `LEMMA=lambda s: ...` gets
    the token's lemma string, `POS=...` its part of speech, `LOWER=...` ... Each test runs once per
    distinct value and only the tokens kept are built: a loop over every token would make a spaCy
    Token object per word."""
    if not len(sdoc):
        return []
    from spacy.attrs import IDS
    from spacy.parts_of_speech import NAMES
    keep = set()
    for attr, test in tests.items():
        values = sdoc.to_array(IDS[attr]).tolist()
        name = NAMES.get if attr == "POS" else sdoc.vocab.strings.__getitem__
        wanted = {v for v in set(values) if test(name(v) or "")}
        keep.update(i for i, v in enumerate(values) if v in wanted)
    return [sdoc[i] for i in sorted(keep)]


# Needs only the text: it parses the cleaner's title, body and comments when `clean` ran before it,
# else the whole text as body.
@register_stage("parse", requires=("text",), assigns=("sentences", "parses"), config=ParseConfig)
def make_parse(config: ParseConfig, resources):
    nlp = load_nlp(config.spacy_disable)
    batch_size = config.batch_size

    def parse(docs: list[Document]) -> None:
        jobs = [(doc.text[s:e], (doc, s, e, kind)) for doc in docs for s, e, kind in segments(doc)]
        for doc in docs:
            doc.parses, doc.sentences = [], []
        for sdoc, (doc, offset, end, kind) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            check_budget()  # the time budget off the main thread, where no timer can stop the stage
            text = sdoc.user_data[TEXT_KEY] = doc.text[offset:end]  # what spaCy read: its Doc.text, unbuilt
            doc.parses.append((offset, sdoc, kind))
            for sent in sdoc.sents:
                raw = text[sent.start_char:sent.end_char]  # = sent.text, without joining its tokens
                lead = len(raw) - len(raw.lstrip())
                body = raw.strip()
                if body:
                    start = offset + sent.start_char + lead
                    doc.sentences.append(Sentence(start, start + len(body), kind))
        for doc in docs:
            doc.sentences.sort(key=lambda s: s.start)
    return parse
