"""read(): dispatch, sniffing, directories, limits, and every bad input as a one-line Failure."""
from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
import zipfile

import pytest

from spinscope import ingest
from spinscope.ingest import read, read_text
from spinscope.ingest.base import DEFAULT_MAX_BYTES, Failure, ReadOptions
from spinscope.ingest.sniff import detect_format
from spinscope.model import Document

from .ingest_samples import ATOM, EN_PARAS, FR_TEXT, RSS, RU_TEXT, WORDPRESS_HTML, html_page, \
    make_warc

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
ARTICLE = "\n\n".join(EN_PARAS) + "\n"


def _names(results):
    return [(r.source.path if isinstance(r, Document) else r.input).rsplit("/", 1)[-1]
            for r in results]


def test_text_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    (doc,) = read(path)
    assert doc.text == ARTICLE
    assert doc.source.path == str(path) and doc.source.title is None and doc.hints == {}


def test_read_text_in_memory():
    doc = read_text("Title\r\n\r\nBody text.", title="Title", outlet="The Courier")
    assert doc.text == "Title\n\nBody text."
    assert doc.source.title == "Title" and doc.source.outlet == "The Courier"


@pytest.mark.parametrize("data, expected", [
    (RU_TEXT.encode("cp1251"), RU_TEXT),
    (FR_TEXT.encode("latin-1"), FR_TEXT),
    (FR_TEXT.encode("utf-16"), FR_TEXT),
])
def test_legacy_encodings_from_files(tmp_path, data, expected):
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    (doc,) = read(path)
    assert doc.text == expected


def test_forced_encoding_option(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(RU_TEXT.encode("cp1251"))
    (doc,) = read(path, ReadOptions(encoding="cp1251"))
    assert doc.text == RU_TEXT


def test_invalid_utf8_still_reads(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(ARTICLE.encode() + b"\xff\xfe\xfd broken tail\n" + ARTICLE.encode())
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert EN_PARAS[0] in doc.text and "broken tail" in doc.text


def _zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", ARTICLE)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "no text (only whitespace)"),
    ("image.txt", PNG, "binary file, not text (looks like PNG image)"),
    ("archive.txt", _zip_bytes(), "binary file, not text (looks like ZIP archive (also .docx, .xlsx, .epub))"),
    ("photo.png", PNG, "binary file, not text (looks like PNG image)"),
    ("data.bin", bytes(range(256)) * 8, "binary file, not text (contains NUL bytes)"),
    ("empty.jsonl", b"", "empty file"),
    ("empty.csv", b"", "empty file"),
    ("empty.warc", b"", "empty file"),
])
def test_bad_inputs_are_one_line_failures(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (fail,) = read(path)
    assert isinstance(fail, Failure)
    assert fail.input == str(path)
    assert fail.reason == reason
    assert "\n" not in str(fail)


def test_missing_path():
    (fail,) = read(["/no/such/place/story.txt"])
    assert fail == Failure("/no/such/place/story.txt", "no such file or directory")


def test_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    line = (EN_PARAS[0] + "\n").encode()
    with open(path, "wb") as fh:  # a real 50 MB text file
        for _ in range(52_400_000 // len(line) + 1):
            fh.write(line)
    tracemalloc.start()
    t0 = time.perf_counter()
    (fail,) = read(path)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(fail, Failure)
    size_mb = path.stat().st_size / 1e6
    assert fail.reason == (f"file too large: {size_mb:.1f} MB > limit "
                           f"{DEFAULT_MAX_BYTES / 1e6:.1f} MB (raise with --max-bytes)")
    assert elapsed < 2 and peak < 2_000_000  # never read into memory


def test_small_max_bytes(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(WORDPRESS_HTML)
    (fail,) = read(path, ReadOptions(max_bytes=1000))
    assert fail.reason.startswith("file too large: ") and "limit 1,000 bytes" in fail.reason
    assert isinstance(next(read(path, ReadOptions(max_bytes=10**6))), Document)


def test_gzip_bomb_is_limited_after_decompression(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 3_000_000))
    (fail,) = read(path, ReadOptions(max_bytes=1_000_000))
    assert fail.reason == ("file too large: over 1.0 MB once decompressed > limit 1.0 MB "
                           "(raise with --max-bytes)")


def test_truncated_gz_text(tmp_path):
    path = tmp_path / "story.txt.gz"
    data = gzip.compress(ARTICLE.encode() * 50)
    path.write_bytes(data[: len(data) // 2])
    (fail,) = read(path)
    assert fail.reason.startswith("truncated gzip file: ")


def _tree(tmp_path):
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a.txt").write_text(ARTICLE)
    (root / "c.html").write_text(html_page("Page C", EN_PARAS))
    (root / "b_sub" / "d.jsonl").write_text(json.dumps({"text": FR_TEXT}) + "\n")
    (root / "b_sub" / "deeper" / "e.rss").write_text(RSS)
    (root / ".secret.txt").write_text("hidden")
    (root / ".hidden_dir" / "f.txt").write_text("hidden too")
    return root


def test_directory_recursive_sorted_skips_hidden(tmp_path):
    root = _tree(tmp_path)
    results = list(read(root))
    assert all(isinstance(r, Document) for r in results)
    assert _names(results) == ["a.txt", "d.jsonl#1", "e.rss#1", "e.rss#2", "c.html"]
    assert not any("hidden" in r.text for r in results)


def test_mixed_paths_keep_order(tmp_path):
    root = _tree(tmp_path)
    results = list(read([root / "c.html", tmp_path / "nope.txt", str(root / "a.txt")]))
    assert _names(results) == ["c.html", "nope.txt", "a.txt"]
    assert isinstance(results[1], Failure)


@pytest.mark.parametrize("name, fmt", [
    ("a.txt", "text"), ("a.md", "text"), ("a.HTML", "html"), ("a.htm", "html"),
    ("a.xhtml", "html"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.wet.gz", "warc"),
    ("a.arc.gz", "warc"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "jsonl"),
    ("a.jsonl.gz", "jsonl"), ("a.csv", "csv"), ("a.tsv", "csv"), ("a.parquet", "parquet"),
    ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml", "feed"),
])
def test_dispatch_by_extension(tmp_path, name, fmt):
    assert detect_format(tmp_path / name) == fmt  # the name decides; the file need not exist


@pytest.mark.parametrize("content, fmt", [
    (RSS.encode(), "feed"),
    (ATOM.encode(), "feed"),
    (WORDPRESS_HTML.encode(), "html"),
    (b"\xef\xbb\xbf  <!doctype html><html><body><p>x</p></body></html>", "html"),
    (make_warc([], gzip=False), "warc"),
    (make_warc([], gzip=True), "warc"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'[\n  {"text": "a"}\n]', "jsonl"),
    (gzip.compress(RSS.encode()), "feed"),
    (gzip.compress(b'{"text": "a"}\n'), "jsonl"),
    (ARTICLE.encode(), "text"),
    (PNG, "text"),  # the text reader then refuses it as binary
])
def test_dispatch_by_sniffing(tmp_path, content, fmt):
    path = tmp_path / "download_0001"
    path.write_bytes(content)
    assert detect_format(path) == fmt


def test_sniffed_files_are_read(tmp_path):
    (tmp_path / "feed_dump").write_bytes(gzip.compress(RSS.encode()))
    (tmp_path / "page_dump").write_text(WORDPRESS_HTML)
    (tmp_path / "crawl_dump").write_bytes(
        make_warc([("https://x.example/", html_page("T", EN_PARAS).encode(), "text/html")],
                  gzip=True))
    results = list(read(tmp_path))
    assert [type(r).__name__ for r in results] == ["Document"] * 4
    assert results[0].source.url == "https://x.example/"
    assert results[1].source.outlet == "The Millbrook Courier"
    assert results[3].hints["comment_tree"]


def test_forced_format(tmp_path):
    path = tmp_path / "notes.dat"
    path.write_text(json.dumps({"text": "Forced JSON line."}) + "\n")
    (doc,) = read(path, ReadOptions(format="jsonl"))
    assert doc.text == "Forced JSON line."
    (fail,) = read(path, ReadOptions(format="docx"))
    assert fail.reason.startswith("unknown format 'docx'")


def test_reader_exceptions_become_failures(tmp_path, monkeypatch):
    def boom(path, options):
        yield from ()
        raise KeyError("pubDate")

    monkeypatch.setitem(ingest.READERS, "text", boom)
    path = tmp_path / "a.txt"
    path.write_text("x")
    (fail,) = read(path)
    assert fail == Failure(str(path), "KeyError: 'pubDate'")
