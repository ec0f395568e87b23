"""Stop 40: re-crawls, versions and counts. A page's own declared address (`<link rel="canonical">`, else `og:url`)
is read at ingest and keys the article; the phone and AMP forms of an address (data/corpus/addresses.yaml) are the
article's; and the latest version of an article updated at its address stands for it in lists, search and counts,
the older ones reachable (`Corpus.versions`, the article page). Each test but the guards fails on the code before."""
from __future__ import annotations

import json

import pytest

import spinscope
from spinscope.corpus.addresses import url_key
from spinscope.ingest.html import document_from_html

from .harbour_samples import EDITED, FIRST, LIGHT, PARAS, TOWNS
from .ingest_samples import make_warc

ARTICLE = "https://www.elling-post.example/news/harbour-budget"


def _page(paras: list[str], head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour budget passes</title>{head}</head>'
            f"<body><article><h1>Harbour budget passes</h1>{body}</article></body></html>").encode()


@pytest.mark.parametrize("amp", [
    "https://m.elling-post.example/news/harbour-budget",
    "https://mobile.elling-post.example/news/harbour-budget/",
    "https://amp.elling-post.example/news/harbour-budget",
    "https://www.elling-post.example/amp/news/harbour-budget",
    "https://www.elling-post.example/news/harbour-budget/amp/",
    "https://www.elling-post.example/news/harbour-budget?amp=1",
    "https://www.elling-post.example/news/harbour-budget?outputType=amp&utm_source=x",
])
def test_phone_and_amp_forms_have_the_article_key(amp):
    assert url_key(amp) == url_key(ARTICLE) == "elling-post.example/news/harbour-budget"


@pytest.mark.parametrize("a, b", [
    ("https://m.co/a", "https://co/a"),  # a two-label host keeps its first label
    ("https://x.example/amplifier", "https://x.example/lifier"),
    ("https://x.example/news/amp-rally", "https://x.example/news/rally"),  # a word starting so is a word
    ("https://x.example/a?amplitude=3", "https://x.example/a"),
])
def test_words_like_amp_stay(a, b):
    assert url_key(a) != url_key(b)


def test_the_html_reader_reads_the_declared_address():
    head = '<link rel="canonical" href="/news/harbour-budget"><meta property="og:url" content="https://x.example/og">'
    doc = document_from_html(_page(PARAS, head), url="https://m.elling-post.example/n/123", path="p.html")
    assert doc.source.url == "https://m.elling-post.example/n/123"  # as crawled
    assert doc.source.canonical == "https://m.elling-post.example/news/harbour-budget"  # made absolute
    og = document_from_html(_page(PARAS, '<meta property="og:url" content="https://x.example/og">'), path="p.html")
    assert og.source.canonical == "https://x.example/og"
    assert document_from_html(_page(PARAS), path="p.html").source.canonical is None
    assert document_from_html(_page(PARAS), path="p.html").to_dict()["source"]["canonical"] is None


def test_a_declared_address_keys_only_within_its_site():
    from spinscope.corpus.addresses import address_key
    # the page's own address of the same site wins; another site's (a re-post naming its original) or the site's
    # front page (a template's default) does not
    assert address_key("https://elling-post.example/n/123", ARTICLE) == url_key(ARTICLE)
    assert address_key("https://m.elling-post.example/n/123", ARTICLE) == url_key(ARTICLE)
    assert address_key("https://mirror.example/copy", ARTICLE) == "mirror.example/copy"
    assert address_key("https://elling-post.example/n/123", "https://elling-post.example/") == "elling-post.example/n/123"
    assert address_key(None, ARTICLE) == url_key(ARTICLE)


def _warc(path, url, paras, head=""):
    path.write_bytes(make_warc([(url, _page(paras, head), "text/html; charset=utf-8")], gzip=False, extra=False))
    return path


def test_a_recrawl_under_another_path_declaring_the_article_is_its_version(tmp_path):
    # An analyst crawled the article, then re-crawled the outlet's phone site, whose address of the (since corrected)
    # article is another path: the page declares the article's address its own. On main the two were two articles.
    canonical = f'<link rel="canonical" href="{ARTICLE}">'
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, PARAS, canonical)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://m.elling-post.example/n/4711",
                                 PARAS[:-1] + ["Correction: the survey was made in the summer."], canonical)],
                          disable=LIGHT)
        assert (second.stored, second.updated) == (1, 1)
        old, new = (r["doc_id"] for r in c.sql("SELECT doc_id FROM documents ORDER BY seq"))
        assert [(v["doc_id"], v["latest"]) for v in c.versions(old)] == [(new, True)]
        assert [r["url"] for r in c.sql("SELECT url FROM documents ORDER BY seq")][1] == \
            "https://m.elling-post.example/n/4711"  # as crawled


def test_a_mobile_recrawl_without_a_declared_address_is_a_version(tmp_path):
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, PARAS)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://m.elling-post.example/news/harbour-budget/amp/",
                                 PARAS[:-1] + ["Correction: the survey was made in the summer."])], disable=LIGHT)
        assert second.updated == 1


def test_another_sites_declared_address_is_no_version(tmp_path):
    # guard: a re-post on another site naming the original as canonical stays the re-post's own article
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, PARAS)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://mirror.example/harbour",
                                 PARAS[:-1] + ["Correction: the survey was made in the summer."],
                                 f'<link rel="canonical" href="{ARTICLE}">')], disable=LIGHT)
        assert second.updated == 0


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(text, url, outlet="Elling Post", date="2021-03-01"):
    return {"title": "Harbour budget passes", "text": text, "url": url, "outlet": outlet, "date": date}


OTHER = "\n\n".join(f"The ferry operator of {t} said on day {i} that the winter timetable would keep two crossings "
                    f"a day while the quay at {TOWNS[(i + 5) % 8]} is rebuilt." for i, t in enumerate(TOWNS))


def test_the_latest_version_stands_for_the_article_in_counts(tmp_path):
    # An outlet corrected an article at its address and the crawl was ingested again: on main the store counted two
    # articles everywhere (the outlet's documents, search hits, trends, stories, the dashboard).
    from fastapi.testclient import TestClient
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    from tests.serve_corpus import encode
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([_write(tmp_path / "a.jsonl", [_row(FIRST, ARTICLE),
                                                _row(OTHER, "https://elling-post.example/news/ferry")])],
                 disable=LIGHT)
        c.ingest([_write(tmp_path / "b.jsonl", [_row(EDITED, ARTICLE + "?utm_source=rss")])], disable=LIGHT)
        old, new = (r["doc_id"] for r in c.sql(
            "SELECT doc_id FROM documents WHERE url LIKE '%harbour%' ORDER BY seq"))
        assert len(c) == 2 and c.count(versions=True) == 3  # articles; every version is stored (stop 41)
        assert [o["documents"] for o in c.outlets()] == [2]
        assert c.outlet("Elling Post")["documents"] == 2
        hits = [h["doc_id"] for h in c.search("quay engineers surveyed", mode="text", limit=10)]
        assert new in hits and old not in hits
        both = [h["doc_id"] for h in c.search("quay engineers surveyed", mode="text", limit=10, versions=True)]
        assert old in both and new in both
        assert sum(r["total"] for r in c.trends("harbour", by="week")) == 2
        assert sum(s["documents"] for s in c.stories(min_docs=1)) == 2
        assert [d["doc_id"] for d in c.documents() if d["doc_id"] in (old, new)] == [new]
        assert c.document(old) is not None  # the old version stays reachable
        assert [v["doc_id"] for v in c.versions(new)] == [old]
    client = TestClient(create_app(str(db), Settings(), encode=encode), client=("127.0.0.1", 4000))
    assert client.get("/api/overview").json()["documents"] == 2
    page = client.get(f"/documents/{old}").text
    assert "A later version of this article" in page and new in page
    assert "Older versions of this article" in client.get(f"/documents/{new}").text


def test_reanalysis_keeps_which_version_is_latest(tmp_path):
    # re-analyzing the older version (stored again: a new `seq`) does not make it the latest
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_write(tmp_path / "a.jsonl", [_row(FIRST, ARTICLE)])], disable=LIGHT)
        c.ingest([_write(tmp_path / "b.jsonl", [_row(EDITED, ARTICLE)])], disable=LIGHT)
        c.ingest([tmp_path / "a.jsonl"], disable=LIGHT, reanalyze=True)
        rows = c.sql("SELECT text LIKE '%Correction%' AS edited, latest FROM documents ORDER BY seq")
        assert {(r["edited"], r["latest"]) for r in rows} == {(True, True), (False, False)}


def test_a_version_5_database_is_migrated_with_its_latest_versions(tmp_path):
    import duckdb
    from spinscope.corpus import store
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True) as c:
        c.ingest([_write(tmp_path / "a.jsonl", [_row(FIRST, ARTICLE)])], disable=LIGHT)
        c.ingest([_write(tmp_path / "b.jsonl", [_row(EDITED, "https://m.elling-post.example/news/harbour-budget")])],
                 disable=LIGHT)
    con = duckdb.connect(str(db))
    con.execute("DROP INDEX documents_doc_id")  # DuckDB drops no column of an indexed table
    con.execute("DROP INDEX sightings_doc_id")
    con.execute("ALTER TABLE documents DROP COLUMN latest")
    con.execute("ALTER TABLE documents DROP COLUMN canonical")
    con.execute("ALTER TABLE sightings DROP COLUMN canonical")
    con.execute("CREATE INDEX documents_doc_id ON documents (doc_id)")  # a version 5 store has them
    con.execute("CREATE INDEX sightings_doc_id ON sightings (doc_id)")
    con.execute("UPDATE documents SET url_key = NULL WHERE url LIKE '%//m.%'")  # a key made before the AMP rules
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.execute("DELETE FROM meta WHERE key = 'address_rules'")
    con.close()
    con = store.connect(db, write=True)
    assert store.schema_version(con) == store.SCHEMA_VERSION == 6
    assert con.execute("SELECT count(DISTINCT url_key), count(*) FILTER (WHERE latest) FROM documents").fetchone() \
        == (1, 1)
    con.close()


def test_the_same_page_recrawled_through_its_phone_address_is_no_second_source(tmp_path):
    # The walk-through re-crawled six outlets through their phone and AMP addresses: on main each unchanged page was
    # recorded as a second source of its text and `copies` listed the outlet as copying itself word for word.
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, PARAS)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://amp.elling-post.example/news/harbour-budget", PARAS)],
                          disable=LIGHT)
        assert (second.stored, second.skipped, second.sighted) == (0, 1, 0)
        assert c.copies() == []


def test_the_command_line_and_the_server_ask_for_every_version(tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient
    from spinscope.cli import cli
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    from tests.serve_corpus import encode
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([_write(tmp_path / "a.jsonl", [_row(FIRST, ARTICLE)])], disable=LIGHT)
        c.ingest([_write(tmp_path / "b.jsonl", [_row(EDITED, "https://m.elling-post.example/news/harbour-budget")])],
                 disable=LIGHT)
        old, new = (r["doc_id"] for r in c.sql("SELECT doc_id FROM documents ORDER BY seq"))

    def cli_hits(*extra):
        r = CliRunner().invoke(cli, ["search", "quay engineers surveyed", "--db", str(db), "--text", "--format",
                                     "jsonl", *extra], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return {json.loads(line)["doc_id"] for line in r.stdout.splitlines() if line.strip()}
    assert cli_hits() == {new} and cli_hits("--versions") == {old, new}
    client = TestClient(create_app(str(db), Settings(), encode=encode), client=("127.0.0.1", 4000))

    def api_hits(**extra):
        got = client.get("/api/search", params={"q": "quay engineers surveyed", "mode": "text", **extra}).json()
        return {h["doc_id"] for h in got["results"]}
    assert api_hits() == {new} and api_hits(versions="true") == {old, new}
    events = client.get("/api/events", params={"versions": "true"})
    assert events.status_code == 200
