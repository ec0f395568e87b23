"""What a third new analyst met (stop 33): ingest formats as they come (feeds, archives, odd tables), reader-comment
threads on real pages, and the corpus features."""
from __future__ import annotations

from spinscope.ingest import read_html
from spinscope.pipeline import Pipeline

ARTICLE = "".join(f"<p>{s}</p>" for s in (
    "The harbour board met on Thursday evening to settle the quarrel over ferry fees for island residents.",
    "Members voted by seven to four to freeze the fees until the spring, after a long and noisy debate.",
    "The chair said the board would publish the accounts of the ferry service before the next meeting.",
    "Residents of the northern island had asked for the freeze in a petition signed by nine hundred people."))
DATELINE_PAGE = f"""<html><head><title>Ferry fees frozen until spring</title></head><body>
<div class="entry"><h1>Ferry fees frozen until spring</h1>
<div class="comments_datetime_new"><p><span class="posted-and-updated">Posted: 03/14/2016 9:12 am Updated:
03/14/2016 9:40 am</span></p></div>
<div class="entry_body">{ARTICLE}</div></div></body></html>"""


def test_a_pages_own_dateline_is_no_reader_comment():
    """A HuffPost page of the Dragnet set: its "Posted: DATE Updated: DATE" block (class `comments_datetime`) came out
    as a comment by nobody, the page's only comment. It is the article's dateline: no comment, a dateline line."""
    doc = Pipeline(stages=["clean"])(read_html(DATELINE_PAGE))
    assert doc.comments == []
    lines = {doc.text[b.start:b.end]: b.kind for b in doc.boilerplate}
    assert any(k == "dateline" and t.startswith("Posted: 03/14/2016") for t, k in lines.items()), lines
    assert "The harbour board met on Thursday" in doc.text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Desk</title><link>https://harbour-desk.example/news/</link><description>d</description>
<item><title>Ferry fees frozen</title><link>/2016/02/01/ferry-fees</link><pubDate>Mon, 01 Feb 2016 22:15:00 -0500</pubDate>
<content:encoded><![CDATA[<p>The harbour board froze the ferry fees on Monday night.</p>]]></content:encoded></item>
<item><title>Don&amp;#8217;t close the quay &amp;amp; the pier</title><link>story/2.html</link>
<description>The island council&amp;#8217;s vote &amp;amp; its aftermath.</description></item>
<item><title>Pier reopens</title><link>https://elsewhere.example/pier</link><pubDate>Tue, 02 Feb 2016 09:00:00 GMT</pubDate>
<description>The pier reopened on Tuesday morning.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Notes</title><id>urn:q</id><updated>2016-03-01T00:00:00Z</updated>
<entry><id>urn:q:1</id><title type="html">Fees &amp;amp; fares: the board&amp;#8217;s plan</title>
<updated>2016-03-09T23:30:00-08:00</updated><content type="text">Fares rise &amp; fall; the text says &lt;b&gt; as written.</content></entry>
</feed>"""


def _feed_docs(tmp_path, name, data):
    from spinscope.ingest import read
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    return list(read(path))


def test_feed_item_links_dates_and_html_titles(tmp_path):
    """RSS items of a real-world shape: a link relative to the channel's site came out as "/2016/02/01/..." (no
    host); "Mon, 01 Feb 2016 22:15 -0500" came out as 2 February (feedparser's time in UTC, not the date the feed
    states); an HTML-typed title's character references stayed ("Don&#8217;t")."""
    docs = _feed_docs(tmp_path, "desk.rss", RSS)
    assert [d.source.url for d in docs] == ["https://harbour-desk.example/2016/02/01/ferry-fees",
                                            "https://harbour-desk.example/news/story/2.html",
                                            "https://elsewhere.example/pier"]
    assert [d.source.published for d in docs] == ["2016-02-01", None, "2016-02-02"]
    assert docs[1].source.title == "Don\u2019t close the quay & the pier"
    assert "council\u2019s vote & its aftermath" in docs[1].text and "&#8217;" not in docs[1].text


def test_atom_html_title_and_plain_text_content(tmp_path):
    doc, = _feed_docs(tmp_path, "notes.atom", ATOM)
    assert doc.source.title == "Fees & fares: the board\u2019s plan"
    assert doc.source.published == "2016-03-09"  # as stated, not 2016-03-10 in UTC
    assert "Fares rise & fall; the text says <b> as written." in doc.text  # plain text stays as it reads


def test_wet_text_records_name_their_site_as_outlet(tmp_path):
    """WET text records came out with no outlet (an HTML record of the same site has one), so `outlets` and the
    store lumped every WET document under "unknown"."""
    import io

    from warcio.warcwriter import WARCWriter

    from spinscope.ingest import read
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url in ("https://www.quay-gazette.example/a/1", "http://ferry.example:8080/b"):
        rec = writer.create_warc_record(url, "conversion", payload=io.BytesIO(b"The ferry ran late again today."),
                                        warc_content_type="text/plain",
                                        warc_headers_dict={"WARC-Date": "2018-01-10T00:00:00Z"})
        writer.write_record(rec)
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(buf.getvalue())
    docs = list(read(path))
    assert [(d.source.outlet, d.source.published) for d in docs] == [("quay-gazette.example", "2018-01-10"),
                                                                      ("ferry.example", "2018-01-10")]


def test_ingest_into_a_store_the_server_holds_says_what_holds_it(tmp_path):
    """`spinscope ingest` into the database a running `spinscope serve` reads said "locked by another process
    writing to it (an ingest still running?); wait for it to finish": no ingest ran, and waiting would never end.
    It now names the server's process and says to stop it (DuckDB: one writer, or readers only). The stored
    documents are untouched and the server goes on answering."""
    import json
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    import spinscope
    from spinscope.cli import cli
    from click.testing import CliRunner

    from .serve_corpus import encode, store_records
    rec = spinscope.analyze("Ferry fees frozen\n\nThe harbour board froze the ferry fees on Monday.",
                            pipeline=Pipeline(stages=["clean"]), outlet="Quay Gazette").to_dict()
    db, _ = store_records(tmp_path, [rec], encode, "held.duckdb", batch_size=10)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(Path(spinscope.__file__).parents[1])}
    env.pop("SPINSCOPE_SERVE_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-m", "spinscope", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/overview"
        for _ in range(300):
            try:
                assert json.load(urllib.request.urlopen(url, timeout=2))["documents"] == 1
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        more = tmp_path / "more.txt"
        more.write_text("The pier reopened on Tuesday after repairs.", encoding="utf-8")
        r = CliRunner().invoke(cli, ["ingest", str(more), "--db", str(db), "--no-embeddings"])
        assert r.exit_code != 0
        assert f"process {server.pid}" in r.output and "serve" in r.output and "stop the server" in r.output, r.output
        assert "wait for it to finish" not in r.output
        assert json.load(urllib.request.urlopen(url, timeout=5))["documents"] == 1
    finally:
        server.terminate()
        server.wait(20)
