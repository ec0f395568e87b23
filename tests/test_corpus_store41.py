"""Stop 41: counts, versions, event dates, sorted pages and declared addresses the analyst can trust in the Python API,
the command line and the server (the real app over HTTP). Each test but the guards fails on the code before."""
from __future__ import annotations

import json

import httpx
import pytest
from click.testing import CliRunner

import spinscope
from spinscope.cli import cli

from .harbour_samples import EDITED, FIRST, LIGHT, PARAS, TOWNS
from .ingest_samples import make_warc
from .serve_corpus import Running, encode
from .store_records import record, write

ARTICLE = "https://www.elling-post.example/news/harbour-budget"
OTHER = "\n\n".join(f"The ferry operator of {t} said on day {i} that the winter timetable would keep two crossings "
                    f"a day while the quay at {TOWNS[(i + 5) % 8]} is rebuilt." for i, t in enumerate(TOWNS))


def _app(db):
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    return create_app(str(db), Settings())


@pytest.fixture(scope="module")
def versioned(tmp_path_factory):
    """A store of two articles of the Elling Post, one of them updated at its address (3 texts stored)."""
    tmp = tmp_path_factory.mktemp("versioned")
    db = tmp / "c.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([write(tmp / "a.jsonl", [record(FIRST, title="Harbour budget passes", url=ARTICLE),
                                          record(OTHER, title="Ferry keeps two crossings",
                                                 url="https://elling-post.example/news/ferry")])])
        c.ingest([write(tmp / "b.jsonl", [record(EDITED, title="Harbour budget passes",
                                                 url=ARTICLE + "?utm_source=rss")])])
    return db


# -- 1. one meaning of "documents": articles -----------------------------------------------------------------------
def test_len_of_a_corpus_counts_articles_and_count_versions_counts_every_stored_text(versioned):
    # On main len(Corpus) was 3 (every stored version) while the outlet table and the dashboard said 2.
    with spinscope.Corpus(versioned) as c:
        assert len(c) == 2 == sum(o["documents"] for o in c.outlets())
        assert c.count(versions=True) == 3
        assert c.count(outlet="Elling Post") == 2 and c.count(since="2022-01-01") == 0


def test_ingest_says_articles_and_the_older_versions_beside_them(tmp_path):
    # `spinscope ingest` said "3 documents in c.duckdb" of a store whose pages count 2 articles.
    a = write(tmp_path / "a.jsonl", [record(FIRST, title="Harbour budget passes", url=ARTICLE)])
    b = write(tmp_path / "b.jsonl", [record(EDITED, title="Harbour budget passes", url=ARTICLE)])
    db = str(tmp_path / "c.duckdb")
    CliRunner().invoke(cli, ["ingest", str(a), "--db", db, "--no-embeddings"], catch_exceptions=False)
    res = CliRunner().invoke(cli, ["ingest", str(b), "--db", db, "--no-embeddings"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert f"1 documents in {db} (and 1 older version of updated articles" in res.output
    with spinscope.Corpus(db, write=True) as c:
        report = c.ingest([b])
    assert (report.documents, report.older) == (1, 1)


def test_the_server_counts_articles_and_says_the_older_versions_beside_them(versioned):
    with Running(_app(versioned)) as srv:
        o = httpx.get(srv.url + "/api/overview").json()
        assert (o["documents"], o["older_versions"]) == (2, 1)
        page = httpx.get(srv.url + "/").text
        assert "2 documents" in page and "1 older version is stored besides" in page


# -- 3. the events' dates -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """Events dated by their sentence in an undated article, by a month, and an old event in a recent article."""
    tmp = tmp_path_factory.mktemp("dated")
    db = tmp / "d.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([write(tmp / "a.jsonl", [
            record("Osk accused Marsk of closing the quay. More follows.", title="Quay row", published=None,
                   url="https://elling-post.example/quay", events=[("ACCUSE", "2019-11-05")]),
            record("Tovey rejected the ferry plan. More follows.", title="Ferry plan", published="2020-02-01",
                   url="https://elling-post.example/ferry-plan", events=[("REJECT", "2019-11")]),
            record("Skeld protested the tolls in 2018. More follows.", title="Old tolls", published="2019-11-10",
                   url="https://elling-post.example/tolls", events=[("PROTEST", "2018-06-01")]),
            record("Brandt threatened Lindholm again. More follows.", title="Threat", published="2019-11-20",
                   url="https://elling-post.example/threat", events=[("THREATEN", None)]),
        ])])
    return db


def test_the_events_of_a_period_are_those_whose_own_date_falls_in_it(dated):
    # On main `since`/`until` chose documents by their publication date: the undated article's event of 5 November
    # never matched, the 2018 protest of an article published in November did, the month "2019-11" did not.
    with spinscope.Corpus(dated) as c:
        got = [(e["type"], e["date"]) for e in c.events(since="2019-11-01", until="2019-11-30")]
        assert got == [("THREATEN", "2019-11-20"), ("ACCUSE", "2019-11-05"), ("REJECT", "2019-11")]
        # stop 42: an event dated only "2019-11" is in a period that holds the whole month, not in its second half
        assert [e["type"] for e in c.events(since="2019-11-15", until="2019-11-30")] == ["THREATEN"]
        assert [e["type"] for e in c.events(until="2018-12-31")] == ["PROTEST"]
        # newest first by the event's own date
        assert [e["type"] for e in c.events()] == ["THREATEN", "ACCUSE", "REJECT", "PROTEST"]


def test_the_events_page_and_api_filter_by_the_events_own_date(dated):
    with Running(_app(dated)) as srv:
        items = httpx.get(srv.url + "/api/events", params={"since": "2019-11-01", "until": "2019-11-30"}).json()
        assert [e["type"] for e in items["items"]] == ["THREATEN", "ACCUSE", "REJECT"]
        page = httpx.get(srv.url + "/events", params={"since": "2019-11-01", "until": "2019-11-30"}).text
        assert "Quay row" in page and "Old tolls" not in page


# -- 5. --outlet and --published on batch and events ---------------------------------------------------------------
def test_batch_gives_the_outlet_and_date_to_documents_that_name_none(tmp_path):
    from spinscope.scale.shards import read_shard
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Harbour budget passes\n\n" + FIRST, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[pipeline]\nstages = ["clean", "dates"]\n', encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["batch", str(tmp_path / "in"), "--out", str(out), "--config", str(cfg),
                                   "--no-progress", "--format", "jsonl", "--outlet", "elling-post.example",
                                   "--published", "6 April 2017"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    recs = [r for shard in sorted(out.glob("shard-*")) for r in read_shard(shard)]
    assert [(r["source"]["outlet"], r["source"]["published"]) for r in recs] == [("elling-post.example",
                                                                                 "2017-04-06")]
    bad = CliRunner().invoke(cli, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "o2"), "--published", "x"])
    assert bad.exit_code == 2 and "is no date" in bad.output


def test_events_gives_the_outlet_and_date_to_documents_that_name_none(tmp_path):
    import csv
    import io
    a = tmp_path / "a.txt"
    a.write_text("Osk accused Marsk of closing the quay.\n\nThe council of Osk said the quay would open in May.",
                 encoding="utf-8")
    res = CliRunner().invoke(cli, ["events", str(a), "--outlet", "elling-post.example", "--published", "2017-04-06"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {(r["outlet"], r["published"]) for r in rows} == {("elling-post.example", "2017-04-06")}
    bad = CliRunner().invoke(cli, ["events", str(a), "--published", "someday"])
    assert bad.exit_code == 2 and "is no date" in bad.output


# -- 6. a declared address naming another article ------------------------------------------------------------------
def _page(title: str, paras: list[str], head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def _warc(path, url, title, paras, head=""):
    path.write_bytes(make_warc([(url, _page(title, paras, head), "text/html; charset=utf-8")], gzip=False, extra=False))
    return path


def test_a_declared_address_naming_another_article_is_not_taken(tmp_path):
    # A site's template declared the harbour article's address on the ferry article's page: on main the ferry article
    # became a "version" of the harbour one, and only one of them was counted.
    head = f'<link rel="canonical" href="{ARTICLE}">'
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, "Harbour budget passes", PARAS)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://www.elling-post.example/news/ferry",
                                 "Ferry keeps two crossings", OTHER.split("\n\n"), head)], disable=LIGHT)
        assert (second.stored, second.updated) == (1, 0)
        assert second.untrusted == [f"https://www.elling-post.example/news/ferry (declares {ARTICLE})"]
        assert len(c) == 2
        first = c.sql("SELECT doc_id FROM documents ORDER BY seq")[0]["doc_id"]
        assert c.versions(first) == []
        # the record keeps what the page declared
        new = c.sql("SELECT record FROM documents ORDER BY seq")[1]["record"]
        assert json.loads(new)["source"]["canonical"] == ARTICLE


def test_a_declared_address_of_the_same_article_still_makes_a_version(tmp_path):
    # guard: an update under another path declaring its article (stop 40) is still its version
    head = f'<link rel="canonical" href="{ARTICLE}">'
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as c:
        c.ingest([_warc(tmp_path / "a.warc", ARTICLE, "Harbour budget passes", PARAS)], disable=LIGHT)
        second = c.ingest([_warc(tmp_path / "b.warc", "https://m.elling-post.example/n/4711", "Harbour budget passes",
                                 PARAS[:-1] + ["Correction: the survey was made in the summer."], head)], disable=LIGHT)
        assert (second.updated, second.untrusted, len(c)) == (1, [], 1)


def test_the_cli_warns_of_a_declared_address_it_did_not_take(tmp_path):
    head = f'<link rel="canonical" href="{ARTICLE}">'
    db = str(tmp_path / "c.duckdb")
    a = _warc(tmp_path / "a.warc", ARTICLE, "Harbour budget passes", PARAS)
    b = _warc(tmp_path / "b.warc", "https://www.elling-post.example/news/ferry", "Ferry keeps two crossings",
              OTHER.split("\n\n"), head)
    args = ["--db", db, "--no-embeddings", *(x for s in LIGHT for x in ("--disable", s))]
    CliRunner().invoke(cli, ["ingest", str(a), *args], catch_exceptions=False)
    res = CliRunner().invoke(cli, ["ingest", str(b), *args], catch_exceptions=False)
    assert "1 page declares the address (canonical) of a stored article whose title and text it does not share" \
        in res.output
    assert "2 documents in" in res.output


# -- 4. paged lists sort on the server -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many(tmp_path_factory):
    from .serve_corpus import build
    db, _ = build(tmp_path_factory.mktemp("many"))
    return db


def _all_pages(base: str, path: str, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        got = httpx.get(base + path, params={**params, **({"cursor": cursor} if cursor is not None else {})}).json()
        items += got["items"]
        cursor = got["next_cursor"]
        if cursor is None:
            return items


def test_the_documents_and_quotes_apis_sort_across_pages(many):
    # On main `sort` was no parameter: every list came newest first, and a page's table sorted only its own rows.
    with Running(_app(many)) as srv:
        docs = _all_pages(srv.url, "/api/documents", sort="-words", limit=7)
        assert [d["n_words"] for d in docs] == sorted((d["n_words"] for d in docs), reverse=True)
        assert len({d["doc_id"] for d in docs}) == len(docs) == len(_all_pages(srv.url, "/api/documents", limit=50))
        by_date = _all_pages(srv.url, "/api/documents", sort="published", limit=9)
        dated = [d["published"] for d in by_date if d["published"]]
        assert dated == sorted(dated) and all(d["published"] for d in by_date[:len(dated)])  # undated last
        quotes = _all_pages(srv.url, "/api/quotes", sort="speaker", limit=40)
        names = [(q["speaker"] or "").lower() for q in quotes if q["speaker"]]
        assert names == sorted(names) and len(quotes) == len(_all_pages(srv.url, "/api/quotes", limit=500))
        bad = httpx.get(srv.url + "/api/documents", params={"sort": "doc_id; DROP"})
        assert bad.status_code == 422 and "the columns are title, outlet, published" in bad.json()["error"]["message"]
        page = httpx.get(srv.url + "/documents", params={"sort": "-words"}).text
        assert 'aria-sort="descending"' in page and "Sorted by words, descending, over every page" in page
    with spinscope.Corpus(many) as c:
        first = c.documents(sort="title", limit=5)
        more = c.documents(sort="title", limit=5, cursor=first.next_cursor)
        titles = [d["title"].lower() for d in [*first, *more]]
        assert titles == sorted(titles)


# -- 2. the versions switch of every list, count and report --------------------------------------------------------
def _matching(rows):
    return sum(r["matching"] for r in rows)


def test_every_count_of_articles_takes_the_versions_switch_in_python(versioned):
    # On main only search and the lists took `versions`: the outlet table, the report, trends and stories counted the
    # latest version with no way to count every version.
    with spinscope.Corpus(versioned) as c:
        assert [o["documents"] for o in c.outlets()] == [2] and [o["documents"] for o in c.outlets(versions=True)] == [3]
        assert c.outlet("Elling Post", versions=True)["documents"] == 3
        plain, every = c.report(), c.report(versions=True)
        assert (plain["documents"], plain["older_versions"], every["documents"]) == (2, 1, 3)
        assert _matching(c.trends("harbour", by="month")) == 1
        assert _matching(c.trends("harbour", by="month", versions=True)) == 2
        assert sum(s["documents"] for s in c.stories(min_docs=1)) == 2
        assert sum(s["documents"] for s in c.stories(min_docs=1, versions=True)) == 3


def test_every_count_of_articles_takes_the_versions_switch_on_the_command_line(versioned):
    def run(*args):
        res = CliRunner().invoke(cli, [*args, "--db", str(versioned)], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res.output
    assert json.loads(run("outlets", "--format", "jsonl").splitlines()[0])["documents"] == 2
    assert json.loads(run("outlets", "--format", "jsonl", "--versions").splitlines()[0])["documents"] == 3
    assert "1 older version of updated articles not counted: --versions" in run("report")
    assert "3 documents (every version of an updated article counted" in run("report", "--versions")
    rows = run("trends", "harbour", "--by", "month", "--format", "jsonl", "--versions").splitlines()
    assert sum(json.loads(r)["matching"] for r in rows) == 2
    stories = run("stories", "--min-docs", "1", "--format", "jsonl", "--versions").splitlines()
    assert sum(json.loads(r)["documents"] for r in stories) == 3


def test_every_count_of_articles_takes_the_versions_switch_over_http(versioned):
    with Running(_app(versioned)) as srv:
        def get(path, **params):
            r = httpx.get(srv.url + path, params=params)
            assert r.status_code == 200, r.text
            return r.json()
        assert [o["documents"] for o in get("/api/outlets")["items"]] == [2]
        assert [o["documents"] for o in get("/api/outlets", versions="true")["items"]] == [3]
        assert get("/api/outlets/Elling Post", versions="true")["documents"] == 3
        assert get("/api/overview", versions="true")["documents"] == 3
        assert _matching(get("/api/trends", q="harbour", by="month", versions="true")["items"]) == 2
        assert _matching(get("/api/trends", q="harbour", by="month")["items"]) == 1
        assert sum(s["documents"] for s in get("/api/stories", min_docs=1, versions="true")["items"]) == 3
        page = httpx.get(srv.url + "/", params={"versions": "true"}).text
        assert "3 documents" in page and "Every version of an article updated at its address is counted" in page


def test_the_charts_and_the_actor_network_take_the_versions_switch(tmp_path):
    # The narratives over time and the actor network counted the latest version only, with no switch.
    a = record(FIRST, title="Harbour budget passes", url=ARTICLE)
    a["entities"] = [{"id": "e1", "name": "Port Elling", "type": "state", "kb_id": None, "country": None,
                      "code": None, "mentions": []},
                     {"id": "e2", "name": "Osk", "type": "state", "kb_id": None, "country": None, "code": None,
                      "mentions": []}]
    a["narratives"] = [{"id": "harbour-waste", "label": "Harbour waste", "score": 0.9, "evidence": []}]
    b = {**record(EDITED, title="Harbour budget passes", url=ARTICLE), "entities": a["entities"],
         "narratives": a["narratives"]}
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([write(tmp_path / "a.jsonl", [a])])
        c.ingest([write(tmp_path / "b.jsonl", [b])])
        assert [r["documents"] for r in c.over_time("narratives")] == [1]
        assert [r["documents"] for r in c.over_time("narratives", versions=True)] == [2]
        edge = lambda net: [e["weight"] for e in net["edges"] if e["kind"] == "cooccurrence"]  # noqa: E731
        assert edge(c.actor_network()) == [1] and edge(c.actor_network(versions=True)) == [2]
    with Running(_app(db)) as srv:
        got = httpx.get(srv.url + "/api/narratives/over-time", params={"versions": "true"}).json()["items"]
        assert [r["documents"] for r in got] == [2]
        net = httpx.get(srv.url + "/api/actors/network", params={"versions": "true"}).json()
        assert edge(net) == [2]
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--table", "quotes", "--versions"])
    assert res.exit_code == 2 and "--versions is for the actors graph" in res.output


# -- 3. the versions switch on actor pages and comment trends (versions41b) -----------------------------------------
def _commented(text: str, title: str, posted: str) -> dict:
    """A record of the Elling Post article with Port Elling named and one dated reader comment with an insult marker."""
    words = "Read this before the council votes, you clowns"
    body = text + "\n\n" + words
    rec = record(body, title=title, url=ARTICLE)
    rec["entities"] = [{"id": "e1", "name": "Port Elling", "type": "state", "kb_id": None, "country": None,
                        "code": None, "mentions": []}]
    start = len(text) + 2
    rec["comments"] = [{"id": "c1", "parent": None, "author": "reader", "depth": 0, "start": start,
                        "end": len(body), "empty": False, "posted": posted}]
    rec["markers"] = [{"kind": "insult", "term": "clowns", "score": 0.7, "comment": "c1",
                       "start": len(body) - 6, "end": len(body)}]
    return rec


def test_the_actor_page_and_the_comment_trends_take_the_versions_switch(tmp_path):
    # On main an actor's page (the server's pre-built digest) and the comment trends counted the latest version only
    # and took no `versions` (the API answered 422 to it).
    db = tmp_path / "c.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([write(tmp_path / "a.jsonl", [_commented(FIRST, "Harbour budget passes", "2021-03-02")])])
        c.ingest([write(tmp_path / "b.jsonl", [_commented(EDITED, "Harbour budget passes", "2021-03-03")])])
        assert c.actor("Port Elling")["documents"] == 1
        every = c.actor("Port Elling", versions=True)
        assert every["documents"] == 2 and sum(r["documents"] for r in every["documents_by_month"]) == 2
        plain, both = c.comment_trends(by="month"), c.comment_trends(by="month", versions=True)
        assert [(r["matching"], r["total"]) for r in plain] == [(1, 1)]
        assert [(r["matching"], r["total"]) for r in both] == [(2, 2)]
    res = CliRunner().invoke(cli, ["trends", "--comments", "--by", "month", "--db", str(db), "--format", "jsonl",
                                   "--versions"], catch_exceptions=False)
    assert res.exit_code == 0 and json.loads(res.output.splitlines()[0])["total"] == 2
    with Running(_app(db)) as srv:
        def get(path, **params):
            r = httpx.get(srv.url + path, params=params)
            assert r.status_code == 200, r.text
            return r
        assert get("/api/actors/Port Elling").json()["documents"] == 1
        assert get("/api/actors/Port Elling", versions="true").json()["documents"] == 2
        totals = lambda **p: [r["total"] for r in get("/api/comments/over-time", by="month", **p).json()["items"]]  # noqa: E731
        assert totals() == [1] and totals(versions="true") == [2]
        assert get("/actors/Port Elling", versions="true").status_code == 200
        # the actors list counting every version links to actor pages counting them too
        assert 'href="/actors/Port%20Elling?versions=true"' in get("/actors", versions="true").text
        assert get("/narratives", versions="true").status_code == 200
