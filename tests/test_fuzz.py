"""Hypothesis over the Python API (any Unicode, surrogates included) and over every reader with mutated
inputs: no exception but the documented ones, no invalid span, `text` never rewritten after reading."""
from __future__ import annotations

import gzip
import json
import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from spinscope.api import analyze
from spinscope.clean.segment import segment
from spinscope.ingest import read
from spinscope.ingest.base import Failure, ReadOptions
from spinscope.model import Document

from .badinputs import ARTICLE, PAGE, SENT, _http, _parquet, _warc

# Any code point: surrogates, noncharacters, controls, bidi marks, line separators.
ANY_CHAR = st.characters(exclude_categories=())
WORDS = ["Russia", "said", "attacked", '"', "“", "”", "the", "minister", "Kyiv", "\n", "\n\n", "\r", "\r\n",
         ".", ",", "\u2028", "\u202e", "\x1b[31m", "\ud83d", "\ude00", "\x00", "\uffff", "Reply", "Support us"]
TEXTS = st.one_of(st.text(ANY_CHAR, max_size=300),
                  st.lists(st.one_of(st.sampled_from(WORDS), st.text(ANY_CHAR, max_size=8)), max_size=80)
                  .map(" ".join))

_PIPELINE = None


def pipeline():
    """The whole pipeline, built once for the module (with a time budget, as the command line runs it)."""
    global _PIPELINE
    if _PIPELINE is None:
        from spinscope.pipeline import Pipeline
        _PIPELINE = Pipeline(doc_timeout=60)
    return _PIPELINE


def expected_text(given: str) -> str:
    """What the API promises to keep of a text: line ends as in text mode, invalid code points as U+FFFD."""
    text = re.sub(r"\r\n?", "\n", given)
    return "".join("\ufffd" if (0xD800 <= ord(c) <= 0xDFFF or c == "\x00" or 0xFDD0 <= ord(c) <= 0xFDEF
                                or (ord(c) & 0xFFFE) == 0xFFFE) else c for c in text)


def assert_contract(doc: Document) -> None:
    assert doc.problems() == []
    record = doc.to_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # writable: no lone surrogate anywhere
    assert record["text"] == doc.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_api_on_any_unicode(text):
    assume(len(text) >= 4096 or "\n" in text or not os.path.exists(text))  # "." is a path, not a text
    doc = analyze(text, pipeline=pipeline())
    assert doc.text == expected_text(text)
    assert_contract(doc)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_cleaning_never_rewrites_text(text):
    from spinscope.ingest import read_text
    doc = read_text(text)
    before = doc.text
    assert before == expected_text(text)
    segment(doc)
    assert doc.text == before
    assert_contract(doc)


# --- readers on mutated inputs --------------------------------------------------------------

def _seeds() -> dict[str, bytes]:
    rows = [{"text": ARTICLE, "title": "T1", "date": "2024-03-01"}, {"text": SENT, "title": "T2"}]
    page = PAGE.format(body=SENT).encode()
    warc = _warc([("http://a.example/1", _http(page), page)])
    seeds = {
        "a.txt": ARTICLE.encode(),
        "a.txt.gz": gzip.compress(ARTICLE.encode()),
        "a.html": page,
        "a.warc": warc,
        "a.warc.gz": gzip.compress(warc),
        "a.jsonl": ("\n".join(json.dumps(r) for r in rows) + "\n").encode(),
        "a.json": json.dumps(rows).encode(),
        "a.csv": b'title,text,date\n"T1","' + SENT.encode() + b'",2024-03-01\n"T2","' + SENT.encode() + b'",x\n',
        "a.rss": ('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>One</title>'
                  f"<description>{SENT}</description><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
                  "<item><title>Two</title><description>&lt;p&gt;Two&lt;/p&gt;</description></item>"
                  "</channel></rss>").encode(),
    }
    pq = _parquet({"text": [ARTICLE, SENT], "title": ["T1", "T2"]})
    if pq:
        seeds["a.parquet"] = pq
    return seeds


SEEDS = _seeds()
NASTY = [b"\x00", b"\xff", b"\xed\xa0\x80", b"&#xD83D;", b"&#65535;", b"<", b"</", b'"', b"\r", b"\n",
         b"\x1b[31m", b"\xe2\x80\xae", b"<div>" * 50, b"\x1f\x8b", b"WARC/1.0\r\n", b"PAR1", b",", b"{", b"]]>"]


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """`data` with a few edits: cut, byte flips, inserted nasty or random bytes, a slice repeated."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "flip", "insert", "repeat", "delete"]))
        pos = draw(st.integers(0, max(0, len(data))))
        if op == "cut":
            data = data[:pos]
        elif op == "flip" and data:
            pos = min(pos, len(data) - 1)
            data = data[:pos] + bytes([draw(st.integers(0, 255))]) + data[pos + 1:]
        elif op == "insert":
            data = data[:pos] + draw(st.one_of(st.sampled_from(NASTY), st.binary(max_size=16))) + data[pos:]
        elif op == "repeat":
            end = draw(st.integers(pos, min(len(data), pos + 200)))
            data = data[:end] + data[pos:end] * draw(st.integers(1, 20)) + data[end:]
        else:
            end = draw(st.integers(pos, min(len(data), pos + 50)))
            data = data[:pos] + data[end:]
    return data


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_reader_on_mutated_input(name, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mut")

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(SEEDS[name]))
    def check(data):
        path = folder / name
        path.write_bytes(data)
        items = list(read([path], ReadOptions(doc_timeout=30)))
        assert items, "every input ends with a record or a failure"
        for item in items:
            if isinstance(item, Failure):
                line = str(item)
                assert "\n" not in line and line.startswith("'")
                continue
            assert isinstance(item, Document)
            before = item.text
            segment(item)
            assert item.text == before
            assert_contract(item)
    check()


def test_mutation_strategy_changes_inputs():
    """The mutations do change the seeds (a fuzz test over unchanged inputs would prove nothing)."""
    seen = set()

    @settings(max_examples=30, deadline=None)
    @given(mutated(SEEDS["a.jsonl"]))
    def collect(data):
        seen.add(data)
    collect()
    assert len(seen - {SEEDS["a.jsonl"]}) >= 10
