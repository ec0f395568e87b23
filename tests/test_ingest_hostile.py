"""Regression tests for hostile inputs to the readers (issue 12, points 2, 4, 5, 6, 8, 9)."""
from __future__ import annotations

import json
import logging
import os
import threading

import pytest

from spinscope.ingest import read, read_text
from spinscope.ingest.base import Failure, ReadOptions
from spinscope.model import Document

ARTICLE = ("This is the first paragraph of the article, long enough to count as the main text of the page. "
           "It goes on with a second sentence so that the extractor keeps it.")


def _one(path, options=None):
    (item,) = list(read([path], options))
    return item


def _read_in_thread(paths, seconds=10.0):
    """read() in a thread, so that a hang fails the test instead of stalling the suite."""
    out: list = []
    t = threading.Thread(target=lambda: out.extend(read(paths)), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "read() hangs"
    return out


# --- 2: pipes and devices ------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_refused_without_blocking_and_the_rest_is_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    out = _read_in_thread([fifo, good])
    assert isinstance(out[0], Failure) and out[0].reason == "not a regular file: a named pipe (FIFO)"
    assert isinstance(out[1], Document)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_in_a_directory_is_named_not_opened(tmp_path):
    os.mkfifo(tmp_path / "feed.xml")
    (tmp_path / "b.txt").write_text(ARTICLE)
    out = _read_in_thread([tmp_path])
    assert [type(x).__name__ for x in out] == ["Document", "Failure"]
    assert out[1].input.endswith("feed.xml") and "named pipe" in out[1].reason


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is absent")
    fail = _read_in_thread([device])[0]
    assert fail == Failure(device, "not a regular file: a character device")


@pytest.mark.parametrize("fmt", ["text", "html", "warc", "jsonl", "csv", "parquet", "feed"])
def test_devices_are_refused_by_every_forced_reader(fmt):
    out: list = []
    t = threading.Thread(target=lambda: out.extend(read(["/dev/zero"], ReadOptions(format=fmt))), daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive()
    assert out[0].reason == "not a regular file: a character device"


# --- 4: a NUL byte in UTF-8 ---------------------------------------------------------------

def test_utf8_with_a_nul_byte_stays_utf8(tmp_path, caplog):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Hello world.\x00 This is a normal English sentence with words.\n")
    with caplog.at_level(logging.WARNING, logger="spinscope"):
        doc = _one(path)
    assert doc.text == "Hello world.\ufffd This is a normal English sentence with words.\n"
    assert "invalid code point" in caplog.text and "nul.txt" in caplog.text


def test_real_utf16_without_bom_is_still_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    assert _one(path).text == ARTICLE


def test_binary_with_many_nuls_is_still_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"abc\x00\x00\x01\x02" * 200)
    assert _one(path).reason.startswith("binary file, not text")


# --- 5: invalid code points ----------------------------------------------------------------

def test_html_with_a_noncharacter_reference_keeps_its_article(tmp_path, caplog):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article><h1>Title here</h1><p>{ARTICLE} &#65535; more.</p>"
                    f"<p>{ARTICLE}</p></article></body></html>")
    with caplog.at_level(logging.WARNING, logger="spinscope"):
        doc = _one(path)
    assert isinstance(doc, Document), doc
    assert "\ufffd more." in doc.text and "page.html" in caplog.text


def test_feed_with_a_surrogate_pair_as_two_references_keeps_every_item(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                    "<item><title>One</title><description>Smile &#xD83D;&#xDE00; item one.</description></item>"
                    "<item><title>Two</title><description>Lone &#xD83D; item two.</description></item>"
                    "</channel></rss>")
    docs = list(read([path]))
    assert [type(d).__name__ for d in docs] == ["Document", "Document"]
    assert "Smile \U0001F600 item one." in docs[0].text
    assert "Lone \ufffd item two." in docs[1].text


def test_lone_surrogate_in_jsonl_is_replaced_in_place(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Lone \\ud83d surrogate, then a pair \\ud83d\\ude00 and more.", "title": "T\\udc00"}\n')
    doc = _one(path)
    assert doc.text == "Lone \ufffd surrogate, then a pair \U0001F600 and more."
    assert doc.source.title == "T\ufffd"
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # writable


def test_read_text_replaces_invalid_code_points_keeping_offsets():
    text = "A \ud83d B \udc00\ud83d C \x00 D \uffff E \U0001F600"
    doc = read_text(text)
    assert len(doc.text) == len(text)
    assert doc.text == "A \ufffd B \ufffd\ufffd C \ufffd D \ufffd E \U0001F600"


# --- 6: deep markup ------------------------------------------------------------------------

def test_ten_thousand_nested_divs_keep_their_paragraph(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 10_000 + f"<p>{ARTICLE}</p>" + "</div>" * 10_000
                    + "</body></html>")
    doc = _one(path)
    assert isinstance(doc, Document), doc
    assert ARTICLE in doc.text


# --- 8: names that break lines -------------------------------------------------------------

def test_failure_line_quotes_a_name_with_a_newline_and_escapes(tmp_path):
    path = tmp_path / "bad\nname\x1b[31m.txt"
    path.write_bytes(b"")
    line = str(_one(path))
    assert "\n" not in line and "\x1b" not in line
    assert line.startswith("'") and "bad\\nname\\x1b[31m.txt'" in line and line.endswith(": empty file")


def test_undecodable_file_name_is_written_with_escapes(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    path = tmp_path / name
    try:
        path.write_text(ARTICLE)
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses non-UTF-8 names")
    doc = _one(path)
    assert doc.source.path.endswith("caf\\xe9.txt")
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")


# --- 9: locations and messages -------------------------------------------------------------

def test_failure_locations_use_hash_like_records(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                    "<item><title>One</title><description>Item one text.</description></item>"
                    "<item></item></channel></rss>")
    table = tmp_path / "c.csv"
    table.write_text('text,title\n"A text.",A\n"",B\n')
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"text": "A text."}\nnot json\n')
    fails = [x for x in read([feed, table, jsonl]) if isinstance(x, Failure)]
    assert [f.input for f in fails] == [f"{feed}#2", f"{table}#3", f"{jsonl}#2"]
    docs = [x for x in read([feed, table, jsonl]) if isinstance(x, Document)]
    assert all("#" in d.source.path for d in docs)


def test_big_plain_file_is_not_called_decompressed(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    fail = _one(path, ReadOptions(max_bytes=100))
    assert "decompressed" not in fail.reason and fail.reason.startswith("file too large: 5,000 bytes")


def test_raised_limit_does_not_allocate_it(tmp_path):
    import tracemalloc
    path = tmp_path / "small.txt"
    path.write_text(ARTICLE)
    tracemalloc.start()
    try:
        _one(path, ReadOptions(max_bytes=2_000_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
