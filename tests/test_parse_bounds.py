"""The parser gets bounded pieces (issue 12, point 10): no sentence a later stage loops over is unbounded."""
from __future__ import annotations

from spinscope.clean.segment import segment
from spinscope.extract.parse import MAX_SEGMENT, MAX_SENTENCE, segments
from spinscope.ingest import read_text

WORDS = "Russian forces attacked the city while officials said the ministry denied every report".split()


def _doc(text):
    doc = read_text(text, title="A Headline")
    segment(doc)
    assert doc.title is not None
    return doc


def test_one_giant_sentence_is_cut_into_bounded_pieces_at_spaces():
    body = " ".join(WORDS[i % len(WORDS)] for i in range(20_000)) + "."
    doc = _doc("A Headline\n\n" + body + "\n")
    pieces = [(s, e) for s, e, kind in segments(doc) if kind == "body"]
    assert len(pieces) > 50
    assert max(e - s for s, e in pieces) <= MAX_SENTENCE
    assert all(doc.text[s - 1] == " " and doc.text[s] != " " for s, _ in pieces[1:])  # cut at spaces
    assert "".join(doc.text[s:e] + " " for s, e in pieces).strip() == body  # nothing lost


def test_one_giant_line_of_sentences_is_packed_in_whole_sentences():
    sentence = " ".join(WORDS) + ". "
    doc = _doc("A Headline\n\n" + sentence * 2000 + "\n")
    pieces = [(s, e) for s, e, kind in segments(doc) if kind == "body"]
    assert max(e - s for s, e in pieces) <= MAX_SEGMENT
    assert all(doc.text[s:e].endswith(".") for s, e in pieces)
    assert sum(doc.text[s:e].count(".") for s, e in pieces) == 2000


def test_a_word_without_spaces_is_cut_hard():
    doc = _doc("A Headline\n\n" + "x" * 10_000 + "\n")
    pieces = [(s, e) for s, e, kind in segments(doc) if kind == "body"]
    assert [e - s for s, e in pieces] == [MAX_SENTENCE] * 6 + [1000]


def test_ordinary_paragraphs_are_parsed_as_before():
    from spinscope.clean.lines import paragraph_spans

    paras = [f"Paragraph {i}: " + " ".join(WORDS) + ". " + (" ".join(reversed(WORDS)) + ". ") * (4 * i + 1) + "End." for i in range(8)]
    doc = _doc("A Headline\n\n" + "\n\n".join(paras) + "\n")
    pieces = [doc.text[s:e] for s, e, kind in segments(doc) if kind == "body"]
    assert pieces == [doc.text[s:e] for b in doc.body for s, e in paragraph_spans(doc.text, b.start, b.end)]
    assert len(pieces) >= 4 and any(len(p) > MAX_SENTENCE for p in pieces)  # long paragraphs stay whole


def test_parsed_sentences_are_bounded():
    from spinscope.pipeline import Pipeline

    body = " ".join(WORDS[i % len(WORDS)] for i in range(6_000))
    doc = Pipeline(stages=["clean", "parse"], keep_parses=True)(read_text("A Headline\n\n" + body + ".\n"))
    assert doc.problems() == []
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
