"""bench/events_audit.py reads a web page of an audit (fresh21, stop 41) as the product reads it."""
from __future__ import annotations

import gzip

from spinscope.model import Document, Source


def test_an_audit_page_is_read_by_the_html_reader(tmp_path):
    from bench.events_audit import _read_article

    html = ("<html><head><title>Talks stall</title></head><body><article><h1>Talks stall</h1>"
            "<p>The minister met his counterpart in Geneva on Monday to discuss the border.</p>"
            "<p>Both sides said more talks would follow.</p></article></body></html>")
    page = tmp_path / "7.html.gz"
    page.write_bytes(gzip.compress(html.encode()))
    doc = _read_article(page, "dragnet/html/7.html.gz", Document, Source)
    assert doc.source.path == "dragnet/html/7.html.gz"
    assert "<p>" not in doc.text and "met his counterpart in Geneva" in doc.text
    plain = tmp_path / "a.txt"
    plain.write_text("Russia accused Ukraine of shelling.\n", encoding="utf-8")
    assert _read_article(plain, "lgl/text/a.txt", Document, Source).text == "Russia accused Ukraine of shelling.\n"
