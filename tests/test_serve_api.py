"""The REST API over HTTP, against the real app on a loopback port, over a small corpus built by the loader."""
from __future__ import annotations

import csv
import io
import re
import shutil

import httpx
import pytest

from spinscope.corpus import store
from spinscope.corpus.copies import copy_groups
from spinscope.model import make_doc_id
from spinscope.pipeline import Pipeline
from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import PLANTED_WORD, Running, build, encode

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve_api")
    db, planted = build(folder)
    spare = folder / "readonly.duckdb"
    shutil.copy(db, spare)
    app = create_app(db, Settings(token=TOKEN, max_body=200_000, max_query=1_000), encode=encode,
                     pipeline_factory=lambda: Pipeline(stages=["clean"]))
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield {"client": client, "planted": planted, "db": db, "spare": str(spare), "app": app}


@pytest.fixture
def http(served):
    return served["client"]


def all_doc_ids(db) -> set[str]:
    with store.connect(db) as con:
        return {d for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}


def test_documents_cursor_pagination_visits_every_document_once(served, http):
    seen, cursor, pages = [], None, 0
    while True:
        r = http.get("/api/documents", params={"limit": 7, **({"cursor": cursor} if cursor is not None else {})})
        assert r.status_code == 200
        body = r.json()
        seen += [d["doc_id"] for d in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages > 3
    assert len(seen) == len(set(seen))
    assert set(seen) >= all_doc_ids(served["spare"])


def test_documents_filters_and_bad_input(served, http):
    outlet = served["planted"]["source"]["outlet"]
    items = http.get("/api/documents", params={"outlet": outlet}).json()["items"]
    assert [d["doc_id"] for d in items] == [served["planted"]["doc_id"]]
    r = http.get("/api/documents", params={"since": "2026-13-45"})
    assert r.status_code == 422 and "since" in r.json()["error"]["message"]
    r = http.get("/api/documents", params={"limit": 100000})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")


def test_one_document_is_the_record(served, http):
    p = served["planted"]
    rec = http.get(f"/api/documents/{p['doc_id']}").json()
    assert rec["text"] == p["text"] and rec["techniques"] == p["techniques"]
    for t in rec["techniques"]:
        assert rec["text"][t["start"]:t["end"]] == t["text"]
    r = http.get("/api/documents/0123456789abcdef")
    assert r.status_code == 404 and "0123456789abcdef" in r.json()["error"]["message"]


@pytest.mark.parametrize("mode", ["text", "hybrid", "semantic"])
def test_search_finds_the_planted_document(served, http, mode):
    q = f"Planted headline Minister Vora Keltan said the {PLANTED_WORD} talks in Nairobi failed"
    r = http.get("/api/search", params={"q": q, "mode": mode}).json()
    assert r["results"][0]["doc_id"] == served["planted"]["doc_id"]
    if mode == "text":
        assert len(r["results"]) >= 1 and r["results"][0]["highlights"]
    other = http.get("/api/search", params={"q": PLANTED_WORD, "mode": "text", "outlet": "nobody"}).json()
    assert other["results"] == []


def test_actor_quotes_events_and_naming(served, http):
    a = http.get("/api/actors/dara-vell").json()
    assert a["name"] == "Dara Vell"
    assert [e["type"] for e in a["events_as_actor"]] == ["ASSAULT"]
    assert [e["type"] for e in a["events_as_target"]] == ["CONSULT"]
    assert {(n["label"], n["category"]) for n in a["naming_by_outlet"]} == {("regime", "delegitimizing")}
    assert http.get("/api/actors/nobody-at-all").status_code == 404
    top = http.get("/api/actors", params={"limit": 5}).json()["items"]
    assert len(top) == 5 and top[0]["documents"] >= top[-1]["documents"]


def test_quotes_by_speaker_text_and_pages(served, http):
    p = served["planted"]
    q = http.get("/api/quotes", params={"speaker": p["quotes"][0]["speaker"]["name"]}).json()["items"]
    assert [x["doc_id"] for x in q] == [p["doc_id"]]
    assert http.get("/api/quotes", params={"contains": PLANTED_WORD}).json()["items"][0]["doc_id"] == p["doc_id"]
    first = http.get("/api/quotes", params={"limit": 5}).json()
    second = http.get("/api/quotes", params={"limit": 5, "cursor": first["next_cursor"]}).json()
    keys = {(x["doc_id"], x["id"]) for x in first["items"]} & {(x["doc_id"], x["id"]) for x in second["items"]}
    assert first["next_cursor"] is not None and second["items"] and not keys


def test_events_and_geojson(served, http):
    doc = served["planted"]["doc_id"]
    items = http.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert all(e["type"] == "ASSAULT" for e in items) and any(e["doc_id"] == doc for e in items)
    r = http.get("/api/events.geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    mine = [f for f in r.json()["features"] if f["properties"]["doc_id"] == doc]
    assert sorted(tuple(f["geometry"]["coordinates"]) for f in mine) == [(36.82, -1.28), (37.15, 36.2)]


def test_narratives_techniques_over_time(served, http):
    techs = {t["technique"] for t in http.get("/api/techniques").json()["items"]}
    assert {"name_calling", "exaggeration"} <= techs
    rows = http.get("/api/narratives/over-time", params={"by": "month"}).json()["items"]
    mine = [r for r in rows if r["narrative"] == "planted-narrative"]
    assert mine == [{"period": "2026-03-01", "outlet": served["planted"]["source"]["outlet"],
                     "narrative": "planted-narrative", "documents": 1, "total": 1}]
    assert http.get("/api/stories/over-time").status_code in (404, 422)


def test_trends_json_and_csv_agree(served, http):
    j = http.get("/api/trends", params={"q": PLANTED_WORD, "by": "month"}).json()["items"]
    assert sum(r["matching"] for r in j) == 1
    c = http.get("/api/trends", params={"q": PLANTED_WORD, "by": "month", "format": "csv"})
    assert c.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(c.text)))
    assert [(r["period"], int(r["matching"]), int(r["total"])) for r in rows] == \
        [(r["period"], r["matching"], r["total"]) for r in j]
    assert http.get("/api/trends").status_code == 422
    day = served["planted"]["source"]["published"][:10]
    inside = http.get("/api/trends", params={"q": PLANTED_WORD, "by": "day", "since": day, "until": day}).json()
    assert [(r["period"], r["matching"]) for r in inside["items"]] == [(day, 1)]
    for since, until in (("2026-13-01", None), (day, "2000-01-01")):
        bad = http.get("/api/trends", params={"q": PLANTED_WORD, "since": since, "until": until})
        assert bad.status_code == 422 and ("since" in bad.text or "until" in bad.text)


def test_copies_provenance_stories_outlets(served, http):
    with store.connect(served["spare"]) as con:
        expected = [g.to_dict() for g in copy_groups(con)]
    got = http.get("/api/copies", params={"limit": 1000}).json()
    assert got["total"] == len(expected) > 0 and got["items"] == expected
    edges = http.get("/api/provenance").json()["edges"]
    assert edges and all({"copier", "source", "copies", "cited"} <= e.keys() for e in edges)
    stories = http.get("/api/stories", params={"min_docs": 1}).json()["items"]
    assert stories
    one = http.get(f"/api/stories/{stories[0]['story']}").json()
    assert len(one["items"]) == stories[0]["documents"]
    outlets = http.get("/api/outlets").json()["items"]
    assert sum(o["documents"] for o in outlets) == len(all_doc_ids(served["spare"]))
    name = outlets[0]["outlet"]
    assert http.get(f"/api/outlets/{name}").json()["outlet"] == name
    assert http.get("/api/outlets/No Such Outlet").status_code == 404


def test_analyze_returns_a_record_and_stores_only_with_the_token(served, http):
    text = "Ministers met in Lisbon on Monday. They agreed on a plan called quillfeather."
    r = http.post("/api/analyze", json={"text": text, "outlet": "Test Wire", "published": "2026-05-01"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "spinscope.analysis/1" and rec["text"].startswith("Ministers met")
    assert http.get(f"/api/documents/{rec['doc_id']}").status_code == 404  # not stored
    assert http.post("/api/analyze", json={"text": text, "store": True}).status_code == 401
    assert http.post("/api/analyze", json={"text": text, "store": True},
                     headers={"authorization": "Bearer wrong"}).status_code == 401
    ok = http.post("/api/analyze", json={"text": text, "store": True, "outlet": "Test Wire"},
                   headers={"authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    assert http.get(f"/api/documents/{rec['doc_id']}").json()["text"] == rec["text"]
    hits = http.get("/api/search", params={"q": "quillfeather", "mode": "text"}).json()["results"]
    assert [h["doc_id"] for h in hits] == [rec["doc_id"]]


def test_analyze_html_and_bad_bodies(served, http):
    html = "<html><head><title>Page</title></head><body><article><p>" + "Words of the article. " * 20 + \
           "</p></article></body></html>"
    r = http.post("/api/analyze", json={"html": html})
    assert r.status_code == 200 and "Words of the article" in r.json()["text"]
    r = http.post("/api/analyze", json={"text": "a", "html": "<p>b</p>"})
    assert r.status_code == 422 and "exactly one" in r.json()["error"]["message"]
    assert http.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    r = http.post("/api/analyze", json={"text": "x" * 300_000})
    assert r.status_code == 413 and "larger" in r.json()["error"]["message"]

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(30):
            yield b"x" * 10_000
    r = http.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert http.get("/api/search", params={"q": "x" * 1500}).status_code == 414


def test_analyze_never_reads_a_file_named_by_the_text(served, http, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT", encoding="utf-8")
    rec = http.post("/api/analyze", json={"text": str(secret)}).json()
    assert rec["text"] == str(secret) and "TOP SECRET" not in rec["text"]


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fcli.py", "/static/vendor/../../app.py",
                                  "/static//etc/passwd", "/api/documents/..%2f..%2fetc%2fpasswd"])
def test_no_path_traversal(http, path):
    r = http.get(path)
    assert r.status_code in (404, 422)
    assert "import" not in r.text and "root:" not in r.text


def test_security_headers_no_cors_openapi(http):
    r = http.get("/", headers={"origin": "http://evil.example"})
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "access-control-allow-origin" not in r.headers
    pre = http.options("/api/documents", headers={"origin": "http://evil.example",
                                                  "access-control-request-method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    spec = http.get("/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/analyze", "/api/search", "/api/actors/{key}",
            "/api/quotes", "/api/events", "/api/events.geojson", "/api/trends", "/api/stories", "/api/copies",
            "/api/provenance", "/api/outlets/{name}", "/api/{layer}/over-time"} <= set(spec["paths"])


def test_remote_clients_and_writes_without_a_configured_token(served):
    from fastapi.testclient import TestClient
    app = create_app(served["spare"], Settings(), encode=encode, pipeline_factory=lambda: Pipeline(stages=["clean"]))
    remote, local = TestClient(app, client=("203.0.113.9", 4000)), TestClient(app, client=("127.0.0.1", 4000))
    r = remote.get("/api/documents")
    assert r.status_code == 403 and "loopback" in r.json()["error"]["message"]
    assert local.get("/api/documents").status_code == 200
    r = local.post("/api/analyze", json={"text": "x", "store": True}, headers={"authorization": "Bearer "})
    assert r.status_code == 403 and "token" in r.json()["error"]["message"]
    app.state.corpus.close()
    opened = create_app(served["spare"], Settings(allow_remote=True), encode=encode)
    assert TestClient(opened, client=("203.0.113.9", 4000)).get("/api/documents").status_code == 200
    opened.state.corpus.close()


def test_pages_escape_hostile_text_in_html_attributes_and_json(served, http):
    p = served["planted"]
    html = http.get(f"/documents/{p['doc_id']}").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert 'onerror="window' not in html and "<img" not in html
    assert 'href="javascript:' not in html
    events = http.get("/events", params={"outlet": p["source"]["outlet"]}).text
    data = events.split('<script type="application/json" id="events-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003cscript\\u003e" in data  # the JSON block cannot be closed from inside


def test_the_article_page_dates_the_comments_the_page_dated(served, http):
    html = http.get(f"/documents/{served['planted']['doc_id']}").text
    thread = html.split('class="thread"', 1)[1]
    assert thread.count("<time ") == 1 and 'Trudy · <time datetime="2026-03-05">2026-03-05</time>' in thread


def test_hostile_comments_over_time(served, http):
    """Only the planted record's comments are dated: one of two carries a date, and a marker."""
    rows = http.get("/api/comments/over-time", params={"by": "day"}).json()
    assert rows == {"by": "day", "marker": None,
                    "items": [{"period": "2026-03-05", "matching": 1, "total": 1, "ratio": 1.0}]}
    hate = http.get("/api/comments/over-time", params={"by": "day", "marker": "hate"}).json()["items"]
    assert hate == [{"period": "2026-03-05", "matching": 0, "total": 1, "ratio": 0.0}]
    assert http.get("/api/comments/over-time", params={"marker": "rude"}).status_code == 422
    html = http.get("/narratives", params={"by": "day"}).text
    chart = html.split("Reader comments over time", 1)[1].split("</section>", 1)[0]
    assert 'aria-label="reader comments over time"' in chart and "all dated comments" in chart


def test_serve_command_refuses_a_public_host_and_a_missing_database(tmp_path):
    from click.testing import CliRunner

    from spinscope.cli import cli
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--allow-remote" in r.output
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and "no corpus database" in r.output


def _quotes_app(served, tmp_path_factory, name: str):
    """An app with a token over a copy of the spare store, analyzing posted texts up to quotes and citations."""
    db = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
    shutil.copy(served["spare"], db)
    return create_app(str(db), Settings(token=TOKEN), encode=encode,
                      pipeline_factory=lambda: Pipeline(stages=["clean", "parse", "entities", "quotes"]))


def _store_one(client, text: str, outlet: str) -> dict:
    """POST /api/analyze with the token, storing `text` as `outlet`'s; its record."""
    r = client.post("/api/analyze", json={"text": text, "store": True, "outlet": outlet},
                    headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    return r.json()


@pytest.fixture(scope="module")
def quoting(served, tmp_path_factory):
    """A copy of the store served by an app that analyzes quotes, holding one stored article with a direct
    quote and a scare quote."""
    from fastapi.testclient import TestClient
    app = _quotes_app(served, tmp_path_factory, "quoting")
    local = TestClient(app, client=("127.0.0.1", 4000))
    text = ('Port Talks\n\n"The harbour will reopen in spring," the mayor of Tallinn said on Monday. Critics called '
            'the plan a \u2018gift\u2019 to the shipping lobby.\n')
    yield local, _store_one(local, text, "Test Wire")
    app.state.corpus.close()


def test_quotation_marks_are_drawn_once_on_the_pages(quoting):
    """`<q>` draws its own marks: a direct quote's own marks around its words are not shown twice."""
    local, rec = quoting
    assert rec["quotes"][0]["text"].startswith('"')
    assert "<q>The harbour will reopen in spring</q>" in local.get(f"/documents/{rec['doc_id']}").text
    shown = re.findall(r"<q>(.*?)</q>", local.get("/quotes").text, re.S)
    assert "The harbour will reopen in spring" in shown
    assert not any(s[:1] in "\"'“”‘’" or s.startswith(("&#34;", "&#39;", "&quot;")) for s in shown)


def test_quotes_by_kind_the_page_lists_statements_unless_asked(quoting):
    local, rec = quoting
    assert {q["kind"] for q in rec["quotes"]} >= {"direct", "scare"}
    every = local.get("/api/quotes", params={"limit": 500}).json()["items"]
    statements = local.get("/api/quotes", params={"limit": 500, "kind": "statements"}).json()["items"]
    scare = local.get("/api/quotes", params={"limit": 500, "kind": "scare"}).json()["items"]
    assert statements and scare and len(statements) + len(scare) == len(every)
    assert {q["kind"] for q in statements} <= {"direct", "indirect", "mixed", "post"}
    assert {q["kind"] for q in scare} <= {"scare", "nested"}
    assert local.get("/api/quotes", params={"kind": "bad kind!"}).status_code == 422
    assert "<q>gift</q>" not in local.get("/quotes").text
    assert "<q>gift</q>" in local.get("/quotes", params={"kind": "scare"}).text


@pytest.mark.parametrize("text, shown", [('"We will respond,"', "We will respond"), ("“Never.”", "Never."),
                                         ('"a pretext for Syria’s oil."', "a pretext for Syria’s oil."),
                                         ('"A" and "B"', '"A" and "B"'), ("no marks", "no marks")])
def test_unquoted(text, shown):
    from spinscope.serve.templates import unquoted

    assert unquoted(text) == shown


def test_a_chart_names_a_missing_outlet_unknown_not_none():
    from spinscope.serve.charts import lines

    svg = str(lines([{"period": "2026-01", "outlet": None, "n": 2}, {"period": "2026-02", "outlet": "Wire", "n": 1}],
                    "outlet", "n"))
    assert ">(unknown)<" in svg and ">Wire<" in svg and ">None<" not in svg


def test_a_chart_label_cut_short_ends_in_an_ellipsis_and_keeps_its_name_in_the_tooltip():
    from spinscope.serve.charts import bars

    name = "United States Department of State and its many bureaus"
    svg = str(bars([(name, 3), ("Syria", 2)]))
    assert f"<title>{name}</title>United States Department of Sta…<" in svg and ">Syria<" in svg



def test_the_side_panel_keeps_the_article_s_entities_apart_from_the_comments():
    from spinscope.serve.article import entity_groups

    text = "Lisbon spoke. || Bob: the Moon did it. Lisbon too."
    record = {"text": text, "comments": [{"start": 14, "end": len(text)}], "entities": [
        {"id": "e1", "name": "Lisbon", "type": "place", "mentions": [{"start": 0, "end": 6}, {"start": 43, "end": 49}]},
        {"id": "e2", "name": "Moon", "type": "other", "mentions": [{"start": 24, "end": 28}]},
        {"id": "e3", "name": "Bob", "type": "commenter", "mentions": [{"start": 17, "end": 20}]}]}
    groups = entity_groups(record)
    assert [[e["name"] for e in groups[k]] for k in ("article", "comments", "commenters")] == [
        ["Lisbon"], ["Moon"], ["Bob"]]


def test_a_mistyped_quote_kind_is_a_422_not_an_empty_list(http):
    """`kind=statement` (for `statements`) or a misspelt kind in a list read as "no such quotes" (200, no items)."""
    for kind in ("statement", "direct,drect", "quotes"):
        r = http.get("/api/quotes", params={"kind": kind})
        assert r.status_code == 422, kind
        message = r.json()["error"]["message"]
        assert message.startswith("kind:") and "statements" in message and "nested" in message
        assert http.get("/quotes", params={"kind": kind}).status_code == 422
    assert http.get("/api/quotes", params={"kind": "direct,indirect,nested"}).status_code == 200
    assert http.get("/quotes", params={"kind": "post"}).status_code == 200


@pytest.fixture(scope="module")
def citing(served, tmp_path_factory):
    """A copy of the store, served over HTTP with a token, holding one analyzed article that says it comes from
    an outlet the store has no document of."""
    app = _quotes_app(served, tmp_path_factory, "citing")
    text = ("Ferry Fares Rise\n\nFares on the island ferry rose by a third on Monday, the operator said.\n\n"
            "Originally appeared at The Nowhere Gazette\n")
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client, _store_one(client, text, "Harbour Courier")
    app.state.corpus.close()


def test_a_source_only_cited_is_named_not_linked_to_a_404(citing):
    """New-user walk-through (stop 32): /copies linked every source of the provenance graph to its outlet page,
    and a source that documents only cite (no stored document) has none: the link was a 404."""
    client, rec = citing
    assert [c["name"] for c in rec["citations"] if c["kind"] == "republished_from"] == ["The Nowhere Gazette"]
    edges = client.get("/api/provenance").json()["edges"]
    assert any(e["source"] == "The Nowhere Gazette" for e in edges)
    for page in ("/copies", "/outlets/Harbour%20Courier"):
        html = client.get(page).text
        assert "The Nowhere Gazette" in html, page
        links = set(re.findall(r'href="(/outlets/[^"]+)"', html))
        assert "/outlets/Harbour%20Courier" in links | {page}
        for link in links:
            assert client.get(link).status_code == 200, (page, link)


def test_the_dashboard_of_an_empty_store_says_so(tmp_path):
    """New-user walk-through (stop 32): a new store's dashboard read "0 documents from 0 outlets, ? to ?." over a
    "Top actors" heading with nothing under it."""
    db = tmp_path / "empty.duckdb"
    store.connect(db, write=True, create=True).close()
    app = create_app(str(db), Settings(), encode=encode)
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        html = client.get("/").text
        assert "? to ?" not in html and "0 documents" not in html
        assert "No documents stored yet" in html and "spinscope ingest" in html
        top = html[html.index("<h2>Top actors</h2>"):]
        assert top.split("</section>")[0].endswith("<p>(nothing)</p>")
        assert client.get("/api/overview").json()["documents"] == 0


def test_analyze_an_empty_text_or_a_page_without_text_is_a_422(http):
    """New-user walk-through (stop 32): an HTML page with no article text in it was a 500 ("internal error:
    ReadError"), and an empty or blank text gave a record of nothing (and would be stored so with the token)."""
    for body, said in [({"html": "<html><body><script>var x = 1;</script></body></html>"}, "html: no article text"),
                       ({"html": ""}, "html: empty"), ({"text": ""}, "text: empty"), ({"text": " \n\t "}, "text: empty")]:
        r = http.post("/api/analyze", json=body)
        assert r.status_code == 422, body
        assert r.json()["error"]["message"].startswith(said), (body, r.json())
    r = http.post("/api/analyze", json={"html": "<html><body><p>The ferry left at noon, the harbour master "
                                                "said.</p></body></html>"})
    assert r.status_code == 200 and "ferry" in r.json()["text"]


def test_a_body_that_is_not_json_is_said_so(http):
    """New-user walk-through (stop 32): the message was "0: JSON decode error" (the position read as a field)."""
    r = http.post("/api/analyze", content=b'{"text": "Ferry fares rise",}', headers={"content-type": "application/json"})
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert message.startswith("body: not valid JSON at character ") and "0:" not in message


def test_the_same_text_stored_under_a_second_outlet_shows_as_its_copy(served, tmp_path_factory):
    """A text is stored once (by the hash of its words): the second outlet's word-for-word re-post was dropped
    without a trace, so neither the copies nor the article page could show who re-posted it."""
    from fastapi.testclient import TestClient
    app = _quotes_app(served, tmp_path_factory, "reposted")
    local = TestClient(app, client=("127.0.0.1", 4000))
    text = "Dam Repairs Delayed\n\nThe repairs of the river dam will start a month later, the water board said.\n"
    auth = {"authorization": f"Bearer {TOKEN}"}
    first = local.post("/api/analyze", json={"text": text, "store": True, "outlet": "Delta Post",
                                             "published": "2019-03-02"}, headers=auth).json()
    again = local.post("/api/analyze", json={"text": text, "store": True, "outlet": "Mirror Feed",
                                             "published": "2019-03-04", "url": "https://mirror.example/dam"},
                       headers=auth).json()
    assert first["doc_id"] == again["doc_id"]
    got = local.get(f"/api/documents/{first['doc_id']}/copies").json()
    members = [(d["outlet"], d["published"], d["exact"]) for d in got["group"]["documents"]]
    assert members == [("Delta Post", "2019-03-02", False), ("Mirror Feed", "2019-03-04", True)]
    edges = local.get("/api/provenance").json()["edges"]
    assert any(e["copier"] == "Mirror Feed" and e["source"] == "Delta Post" and e["copies"] == 1 for e in edges)
    html = local.get(f"/documents/{first['doc_id']}").text
    assert "the same text" in html and ("Delta Post" in html or "Mirror Feed" in html)
    assert "the same text word for word (<span class=\"url\">https://mirror.example/dam</span>)" in \
        local.get("/copies").text
    app.state.corpus.close()


def test_the_article_view_highlights_each_event_where_its_trigger_stands_and_names_who_did_what_to_whom(served, http):
    """Events were the one layer of the record the article view drew nowhere in the text: an analyst saw "ASSAULT:
    Dara Vell → …" in the side panel and could not tell which words said so (stop 40)."""
    p = served["planted"]
    ev = next(e for e in p["events"] if e["type"] == "ASSAULT")
    t = ev["trigger"]
    html = http.get(f"/documents/{p['doc_id']}").text
    assert 'data-layer="event"' in html and "show-event" in html  # a toggle, on by default
    text = html.split('id="text"', 1)[1].split("</div>", 1)[0]
    word = p["text"][t["start"]:t["end"]]
    m = re.search(r'<span class="([^"]*\bevent\b[^"]*)" title="([^"]*)"[^>]*>' + re.escape(word) + "</span>", text)
    assert m, f"no event span around {word!r}"
    assert "event ASSAULT (195): Dara Vell → " in m.group(2) and "2026-03-03" in m.group(2)
    assert "Aleppo &lt;svg" in m.group(2)  # the place's name, escaped as every hover text


def _text_span(html: str, cls: str, word: str):
    """The hover text of the article view's span of class `cls` around exactly `word`, or None."""
    text = html.split('id="text"', 1)[1].split("</div>", 1)[0]
    m = re.search(r'<span class="([^"]*\b' + cls + r'\b[^"]*)" title="([^"]*)"[^>]*>(?:<a [^>]*>)?' + re.escape(word)
                  + "(?:</a>)?</span>", text)
    return m and m.group(2)


def test_the_article_view_draws_places_and_naming_labels_in_the_text(served, http):
    """The record's places (what the map plots) and naming labels ("regime") were drawn nowhere in the text: an
    analyst could not see which word was read as Aleppo, nor which word the outlet profile's "naming choices" counted
    (stop 42). Each is now a highlight layer, toggled as the others, its hover text naming the place or the label."""
    p = served["planted"]
    html = http.get(f"/documents/{p['doc_id']}").text
    for layer in ("place", "label"):
        assert f'data-layer="{layer}"' in html and f"show-{layer}" in html
    title = _text_span(html, "place", "Aleppo")
    assert title and "place: Aleppo &lt;svg" in title and "SY, 36.20, 37.15" in title, title
    title = _text_span(html, "label", "regime")
    assert title and "label: regime (delegitimizing) for Dara Vell" in title, title
    aside = html.split("<aside>", 1)[1].split("</aside>", 1)[0]
    i = p["text"].index("Nairobi")
    assert f'href="#at-{i}-{i + 7}"' in aside and "KE, -1.28, 36.82" in aside  # the side panel lists the places


def test_the_article_view_says_the_stance_of_each_narrative_sentence(served, http):
    """A sentence that rejects a narrative ("the claim that ... is false") was underlined and listed exactly as one
    asserting it: the record's stance (asserts, reports, rejects) was shown nowhere (stop 42)."""
    p = served["planted"]
    ev = p["narratives"][0]["evidence"][0]
    html = http.get(f"/documents/{p['doc_id']}").text
    title = _text_span(html, "narr-rejects", p["text"][ev["start"]:ev["end"]].split(" ")[0])  # a piece of the sentence
    assert title is None or "(the text rejects it)" in title
    text = html.split('id="text"', 1)[1].split("</div>", 1)[0]
    assert "narr-rejects" in text and "(the text rejects it)" in text
    aside = html.split("<aside>", 1)[1].split("</aside>", 1)[0]
    assert re.search(r'class="stance stance-rejects"[^>]*>rejects</span>: <a class="at" href="#at-'
                     + f'{ev["start"]}-{ev["end"]}"', aside)
    assert "counts for a narrative whatever its stance" in http.get("/narratives").text  # what the counts are


def test_the_article_side_panel_links_each_quote_event_narrative_and_marker_to_its_words(served, http):
    """The side panel listed quotes, events, narrative evidence and markers as plain text: in a long article the
    analyst had to hunt for them. Each now links to #at-START-END, which the article view marks and scrolls to."""
    p = served["planted"]
    html = http.get(f"/documents/{p['doc_id']}").text
    aside = html.split("<aside>", 1)[1].split("</aside>", 1)[0]
    q = p["quotes"][0]
    ev = next(e for e in p["events"] if e["type"] == "ASSAULT")
    narr = p["narratives"][0]["evidence"][0]
    mk = p["markers"][0]
    for start, end in [(q["start"], q["end"]), (ev["trigger"]["start"], ev["trigger"]["end"]),
                       (narr["start"], narr["end"]), (mk["start"], mk["end"])]:
        assert f'href="#at-{start}-{end}"' in aside, (start, end)


def test_a_chart_over_time_labels_zero_a_middle_value_and_dates_between_the_first_and_last():
    """A chart over time named only its highest value and its first and last period: on the narratives page an
    analyst could not read when a peak was (nine years of months between two labels) nor where zero was."""
    from spinscope.serve.charts import lines

    rows = [{"period": f"{y}-{m:02d}-01", "outlet": "Ledger", "documents": (m * y) % 9}
            for y in (2016, 2017, 2018) for m in range(1, 13)]
    svg = str(lines(rows, "outlet", "documents", by="month"))
    ticks = re.findall(r'class="tick"[^>]*>([^<]+)</text>', svg)
    assert "0" in ticks and "8" in ticks and "4" in ticks
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    dates = [f"{t[-4:]}-{months.index(t[:3]) + 1:02d}-01" for t in ticks if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t)]
    assert dates[0] == "2016-01-01" and dates[1] == "2018-12-01" and len(dates) >= 5, dates  # (stop 42: "Jan 2016")
    inner = sorted(dates[2:])
    assert "2016-01-01" < inner[0] and inner[-1] < "2018-12-01"


def test_a_chart_of_counts_names_its_months_and_no_fraction_of_a_document():
    """Analyst walk-through (stop 42): the dashboard's chart of documents per month had a middle tick of "5.5"
    (documents; its top was 11) and named March 2017 "2017-03-01", read as the 1st of March."""
    from spinscope.serve.charts import lines

    rows = [{"period": f"2017-{m:02d}-01", "outlet": "Ledger", "documents": (5 * m) % 12} for m in range(1, 13)]
    svg = str(lines(rows, "outlet", "documents", by="month"))
    ticks = re.findall(r'class="tick"[^>]*>([^<]+)</text>', svg)
    assert "11" in ticks and "6" in ticks and "5.5" not in ticks, ticks
    assert "Jan 2017" in ticks and "Dec 2017" in ticks and not any(re.fullmatch(r"\d{4}-\d\d-01", t) for t in ticks)
    assert "Ledger, Jul 2017: 11" in svg and "2017-07-01" not in svg  # the points' hover texts too
    week = str(lines([{"period": "2017-03-06", "s": "a", "v": 2}, {"period": "2017-03-13", "s": "a", "v": 5}],
                     "s", "v", by="week"))
    assert "2017-03-06" in week  # a week stays its Monday's date


def test_the_dashboard_and_an_actor_page_say_how_many_documents_are_undated_and_not_on_their_chart(tmp_path):
    """Analyst walk-through (stop 40): a store of 190 articles, 150 of them undated, said "190 documents … 2010-10-22
    to 2019-11-20" above a chart of 40, and an actor "named in 92 documents" above a chart of 14, without a word on
    where the others were."""
    from click.testing import CliRunner

    from spinscope.cli import cli

    from .test_walkthrough36 import long_record, write
    recs = []
    for i, published in enumerate(["2026-03-04", None, None]):
        rec = long_record()
        text = rec["text"] + f" Report {i}."
        rec.update(text=text, doc_id=make_doc_id(text))
        rec["body"] = [{"start": rec["body"][0]["start"], "end": len(text)}]
        rec["source"] = {**rec["source"], "path": f"long{i}.txt", "published": published}
        recs.append(rec)
    db = str(tmp_path / "c.duckdb")
    assert CliRunner().invoke(cli, ["ingest", write(tmp_path / "r.jsonl", recs), "--db", db,
                                    "--no-embeddings"]).exit_code == 0
    with Running(create_app(db, Settings(), encode=encode)) as server, httpx.Client(base_url=server.url) as c:
        assert "2 of them have no date: they are not on the chart over time." in c.get("/").text
        page = c.get("/actors/harbour%20master").text
        assert "named in 3 documents" in page
        assert "2 of the 3 documents naming harbour master have no date: they are not on the chart." in page


def test_the_provenance_graph_leaves_room_for_the_longest_outlet_name():
    """Analyst walk-through (stop 40): the copies page cut "Futurism. Read the original article" at the graph's right
    edge: the box was the circle's, and the names stand right of their points."""
    from spinscope.serve.charts import graph

    name = "A wire desk. Read the original article at the wire desk"  # first by name: the rightmost point
    svg = str(graph([{"copier": "Alpha", "source": name, "copies": 2, "cited": 0},
                     {"copier": "Beta", "source": "Alpha", "copies": 1, "cited": 0}]))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    x = float(re.search(r'<text x="(\d+)"[^>]*>' + re.escape(name), svg).group(1))
    assert width >= x + 0.6 * 11 * len(name), (width, x)


@pytest.mark.parametrize("path, field", [("/documents", "actor"), ("/events", "who"), ("/quotes", "speaker"),
                                         ("/search?q=talks&mode=text", "actor")])
def test_an_actor_filter_naming_no_actor_offers_the_actors_whose_name_holds_it(served, http, path, field):
    """Analyst walk-through (stop 40): `actor=trump` found nothing ("No document matches these filters.") and left the
    analyst guessing that the store calls him "donald-trump". A page that finds nothing for an actor, speaker, who or
    whom naming no actor now offers the actors whose name holds that word, each a link to the same page for it."""
    path, _, query = path.partition("?")
    given = dict(kv.split("=") for kv in query.split("&") if kv)
    r = http.get(path, params={**given, field: "VELL"})
    assert r.status_code == 200
    hint = re.search(r'<p class="hint">(.*?)</p>', r.text)
    assert hint, r.text[-2000:]
    assert "No actor is called “VELL”" in hint.group(1) and ">Dara Vell</a>" in hint.group(1)
    href = re.search(r'href="([^"]+)">Dara Vell</a>', hint.group(1)).group(1).replace("&amp;", "&")
    assert f"{field}=dara-vell" in href and "VELL" not in href
    again = http.get(href)
    assert again.status_code == 200 and '<p class="hint">' not in again.text
    assert '<p class="hint">' not in http.get(path, params={**given, field: "zzqxqz"}).text  # no actor holds it


def test_a_filter_form_shows_the_value_the_page_applied_even_in_another_case_or_stored_nowhere(served, http):
    """Analyst walk-through (stop 42): /events?outlet=sputnik listed Sputnik's events (outlets match in any case) under
    a form whose Outlet said "any"; /events?type=FOO and /quotes?outlet=NoSuch showed an empty page under "any" too.
    The form now selects the outlet whatever its case, and keeps a value no option holds, saying it is none."""
    outlet = served["planted"]["source"]["outlet"]  # "Planted <i>Daily</i>"
    selected = lambda html, sid: re.search(f'<select id="{sid}"[^>]*>(.*?)</select>', html, re.S).group(1) \
        .split(" selected>", 1)[1].split("</option>", 1)[0] if " selected>" in re.search(
            f'<select id="{sid}"[^>]*>(.*?)</select>', html, re.S).group(1) else None
    html = http.get("/events", params={"outlet": outlet.lower()}).text
    assert selected(html, "eoutlet") == "Planted &lt;i&gt;Daily&lt;/i&gt;"
    assert selected(html, "soutlet") == "Planted &lt;i&gt;Daily&lt;/i&gt;"  # the search box's filters too
    html = http.get("/events", params={"type": "FOO"}).text
    assert selected(html, "etype") == "FOO (no such type)"
    html = http.get("/quotes", params={"outlet": "No <b>such</b>"}).text
    assert selected(html, "qoutlet") == "No &lt;b&gt;such&lt;/b&gt; (none stored)"
    html = http.get("/narratives", params={"outlet": outlet.upper()}).text
    assert selected(html, "noutlet") == "Planted &lt;i&gt;Daily&lt;/i&gt;"


def test_an_empty_store_says_so_on_every_table_instead_of_a_bare_header(tmp_path):
    """Analyst walk-through (stop 42): on a store with no document the actors, outlets and narratives pages drew a
    table header over nothing, where the documents, quotes and events pages said "No documents." and so on."""
    import spinscope

    db = str(tmp_path / "empty.duckdb")
    with spinscope.Corpus(db, write=True):
        pass
    app = create_app(db, Settings(), encode=encode)
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        for path, words in [("/actors", ["No actors"]), ("/outlets", ["No outlets"]),
                            ("/narratives", ["No narratives", "No techniques"]),
                            ("/documents", ["No documents"]), ("/events", ["No events"]), ("/quotes", ["No quotes"])]:
            r = client.get(path)
            assert r.status_code == 200
            for body in re.findall(r"<tbody>(.*?)</tbody>", r.text, re.S):
                assert body.strip(), f"{path}: an empty table"
            for w in words:
                assert w in r.text, (path, w)


def test_the_technique_legend_lists_each_span_and_a_result_without_outlet_has_no_stray_separator(tmp_path):
    """Analyst walk-through (stop 42): the article view's legend said "Loaded_Language 41" and nothing more: the 41
    spans were to be found by eye (or hovered one by one), and the keyboard reached none of them. Each technique now
    opens to its spans in text order, each linked to its words. And a search result of a text file (no outlet) began
    its line with a stray "·"."""
    from click.testing import CliRunner

    from spinscope.cli import cli

    from .test_walkthrough36 import long_record, write
    rec = long_record()
    rec["source"] = {**rec["source"], "outlet": None}
    text = rec["text"]
    spans = [(text.index("cranes were idle", 5000), "Loaded_Language"), (text.index("cranes were idle"), "Loaded_Language"),
             (text.index("harbour master"), "Doubt")]
    rec["techniques"] = [{"technique": name, "start": s, "end": s + 14, "text": text[s:s + 14], "score": 0.9}
                         for s, name in spans]
    db = str(tmp_path / "c.duckdb")
    assert CliRunner().invoke(cli, ["ingest", write(tmp_path / "r.jsonl", [rec]), "--db", db,
                                    "--no-embeddings"]).exit_code == 0
    with Running(create_app(db, Settings(), encode=encode)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        aside = client.get(f"/documents/{rec['doc_id']}").text.split("<aside>", 1)[1].split("</aside>", 1)[0]
        loaded = aside.split("Loaded_Language", 1)[1].split("</details>", 1)[0]
        links = re.findall(r'href="#at-(\d+)-(\d+)"', loaded)
        assert links == sorted(links, key=lambda x: int(x[0])) and len(links) == 2  # in text order
        assert (str(spans[1][0]), str(spans[1][0] + 14)) in links and ">cranes were id</a>" in loaded
        meta = re.search(r'<p class="meta">(.*?)</p>', client.get("/search", params={"q": "harbour", "mode": "text"})
                         .text.split('class="results"', 1)[1], re.S).group(1)
        assert meta.startswith("2026-03-04 · score"), meta


def test_a_period_whose_end_is_before_its_start_says_so_on_the_pages(served, http):
    """Analyst walk-through (stop 42): /events?since=2026-03-05&until=2026-03-01 (the dates swapped) answered "0
    events" and an empty map, the documents, quotes and search pages an empty list, without a word on why."""
    for path, extra in [("/events", {}), ("/quotes", {}), ("/documents", {}), ("/search", {"q": PLANTED_WORD, "mode": "text"})]:
        r = http.get(path, params={"since": "2026-03-05", "until": "2026-03-01", **extra})
        assert r.status_code == 200
        assert "Until (2026-03-01) is before since (2026-03-05)" in r.text, path
        r = http.get(path, params={"since": "2026-03-01", "until": "2026-03-05", **extra})
        assert "is before since" not in r.text, path
