"""The WARC reader: HTML responses only, metadata from the record, streaming, truncation."""
from __future__ import annotations

import io

import pytest

from spinscope.ingest import read
from spinscope.ingest.base import Failure, ReadOptions
from spinscope.model import Document

from .ingest_samples import EN_PARAS, RU_TEXT, WORDPRESS_HTML, html_page, make_warc

PAGES = [
    ("https://courier.example/a", html_page("Bridge repairs delayed", EN_PARAS).encode(),
     "text/html; charset=utf-8"),
    ("https://courier.example/b", html_page("Ремонт моста", [RU_TEXT.strip()] * 3,
                                            charset="windows-1251").encode("cp1251"),
     "text/html"),  # charset only in the meta tag
    ("https://courier.example/c", WORDPRESS_HTML.encode(), "text/html; charset=UTF-8"),
]


def _split(results):
    results = list(results)
    docs = [r for r in results if isinstance(r, Document)]
    fails = [r for r in results if isinstance(r, Failure)]
    return docs, fails


@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_only(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(make_warc(PAGES, gzip=gz))
    docs, fails = _split(read([path]))
    assert fails == []
    assert [d.source.url for d in docs] == [u for u, _, _ in PAGES]
    assert docs[0].source.title == "Bridge repairs delayed"
    assert RU_TEXT.strip() in docs[1].text  # meta charset honoured
    assert docs[2].hints["comment_tree"][0]["author"] == "Janet Pike"
    # no date on the first page: the crawl date stands in
    assert docs[0].source.published and len(docs[0].source.published) == 10
    assert docs[2].source.published == "2024-03-14"  # the page's own date wins
    assert all(d.source.path.startswith(str(path) + "#") for d in docs)


def test_wet_conversion_records(tmp_path):
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, text in [("https://bote.example/1", "Der Radweg ist offen.\r\nEr ist lang."),
                      ("https://bote.example/2", "Die Bibliothek schließt früher.")]:
        rec = writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode()),
                                        warc_content_type="text/plain",
                                        warc_headers_dict={"WARC-Date": "2024-05-01T06:00:00Z"})
        writer.write_record(rec)
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(buf.getvalue())
    docs, fails = _split(read(path))
    assert fails == []
    assert [d.text for d in docs] == ["Der Radweg ist offen.\nEr ist lang.",
                                      "Die Bibliothek schließt früher."]
    assert docs[0].source.url == "https://bote.example/1"
    assert docs[0].source.published == "2024-05-01"


def _cut_points(data: bytes, n: int = 12):
    # cuts inside the archive, away from the very end (where only the record separator is cut)
    return sorted({len(data) * k // (n + 1) for k in range(1, n + 1)})


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_documents(tmp_path, gz):
    data = make_warc(PAGES, gzip=gz, extra=False)
    full_docs, _ = _split(read_bytes(tmp_path, data, gz))
    for cut in _cut_points(data):
        docs, fails = _split(read_bytes(tmp_path, data[:cut], gz))
        assert len(fails) == 1, (cut, fails)
        reason = fails[0].reason
        assert reason.startswith("truncated WARC after "), reason
        assert len(docs) < len(full_docs)
        assert [d.source.url for d in docs] == [d.source.url for d in full_docs[:len(docs)]]
        assert [d.text for d in docs] == [d.text for d in full_docs[:len(docs)]]


def read_bytes(tmp_path, data, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data)
    return list(read([path]))


def test_truncated_gzip_reason_counts_records(tmp_path):
    data = make_warc(PAGES, gzip=True, extra=False)
    results = read_bytes(tmp_path, data[: len(data) - 200], True)
    docs, fails = _split(results)
    assert len(docs) == 2
    # warcinfo + 3 requests + 2 responses are complete before the cut
    assert fails[0].reason.startswith("truncated WARC after 6 records: ")
    assert results[-1] is fails[0]  # reported after the documents that came before


def test_record_over_size_limit_is_skipped_not_fatal(tmp_path):
    big = html_page("Long read", ["word " * 5000]).encode()
    pages = [PAGES[0], ("https://courier.example/big", big, "text/html"), PAGES[0]]
    path = tmp_path / "c.warc"
    path.write_bytes(make_warc(pages, gzip=False, extra=False))
    docs, fails = _split(read(path, ReadOptions(max_bytes=10_000)))
    assert len(docs) == 2
    assert len(fails) == 1 and fails[0].reason.startswith("record too large")
    assert fails[0].input == f"{path}#5"


def test_warc_streams(tmp_path):
    path = tmp_path / "s.warc.gz"
    path.write_bytes(make_warc(PAGES, gzip=True))
    results = read(path)
    first = next(results)  # a generator: one document is ready before the rest is read
    assert isinstance(first, Document)
    results.close()


def test_not_a_warc(tmp_path):
    path = tmp_path / "x.warc"
    path.write_text("hello, this is not an archive\n")
    (fail,) = read(path)
    assert isinstance(fail, Failure)
    assert fail.reason.startswith("not a WARC/ARC archive")
