"""Stop 44: the pages at corpus scale (docs/serve.md "Stop 44 (serve44)"). The work moved gives the answers it gave:
the events page found by its keys first, the actor page's "named with" from the documents naming the actor, the
network read from the server's table of the events' ends, and the whole-store figures kept by the server until it
writes. Each rewritten query is compared with the query as it was (kept here) on a small store; the kept figures and
the table of ends are checked over HTTP against the views computed afresh, and after a write."""
from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from spinscope.corpus import network as net
from spinscope.corpus import store, views
from spinscope.corpus.ingest import Ingester
from spinscope.corpus.search import Filters
from spinscope.serve.state import Corpus

from .serve_corpus import Running, build, encode
from .test_serve_digest import variant
from .test_serve_network43 import records as network_records


def same(a, b) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """40 synthetic records, the planted one and stop 43's three articles of Russia, Ukraine and Turkey (events
    between KB actors, undated and month-dated events, quotes, citations)."""
    folder = tmp_path_factory.mktemp("scale44")
    path, _planted = build(folder, n=40)
    con = store.connect(path, write=True)
    Ingester(con, embed=encode).write(network_records())
    con.close()
    return path


# -- the events list: its page's keys first, then their columns --------------------------------------------------
def old_events(con, filters=None, *, type=None, limit=500, placed=False, who=None, whom=None, near=None, offset=0,
               quad=None):
    """views.events as it was before stop 44 (every filtered event's columns, then the order and the limit)."""
    where, params = views._events_where(filters or Filters(), type=type, placed=placed, who=who, whom=whom,
                                        near=near, quad=quad)
    return [views.event_item(r) for r in con.execute(
        f"""SELECT {views.EVENT_COLS} FROM events e JOIN documents d USING (doc_id)
            LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
            WHERE {where} ORDER BY {views.EVENT_ORDER} LIMIT ? OFFSET ?""",
        [*params, limit, int(offset)]).fetchall()]


EVENT_ARGS = [
    {}, {"limit": 3}, {"limit": 3, "offset": 3}, {"limit": 2, "offset": 7}, {"type": "ACCUSE"}, {"type": "112"},
    {"who": "russia"}, {"whom": "Ukraine"}, {"who": "russia", "whom": "ukraine", "limit": 2, "offset": 1},
    {"quad": ("verbal_conflict", "material_conflict")}, {"quad": "cooperation"}, {"placed": True},
    {"placed": True, "limit": 4, "offset": 2}, {"near": (48.0, 31.0, 3000.0)},
    {"filters": Filters(since=date(2022, 3, 1), until=date(2022, 3, 31))}, {"filters": Filters(outlet="wire digest")},
    {"filters": Filters(actor="russia"), "type": "ASSAULT"}, {"filters": Filters(versions=True), "limit": 5},
]


@pytest.mark.parametrize("args", EVENT_ARGS, ids=[json.dumps(a, default=str) for a in EVENT_ARGS])
def test_the_events_page_found_by_its_keys_is_the_page_it_was(db, args):
    con = store.connect(db)
    try:
        got = views.events(con, **args)
        assert got == old_events(con, **args)
    finally:
        con.close()


def test_every_event_is_on_exactly_one_page_in_the_old_order(db):
    con = store.connect(db)
    try:
        every = old_events(con, limit=10_000)
        assert len(every) > 20
        pages = [views.events(con, limit=4, offset=k) for k in range(0, len(every), 4)]
        assert [e for p in pages for e in p] == every
    finally:
        con.close()


# -- named with: the entities of the documents naming the actor -------------------------------------------------
def old_named_with(con, key, limit=30, *, versions=False):
    """views.named_with as it was before stop 44."""
    from spinscope.corpus.export import ACTOR_TYPES
    from spinscope.corpus.store import latest_rows
    rows = con.execute(
        f"""WITH e AS (SELECT DISTINCT doc_id, coalesce(kb_id, name) k, kb_id, name FROM entities
                      WHERE type IN (SELECT unnest(?)) AND {latest_rows(versions)}),
                mine AS (SELECT DISTINCT doc_id FROM entities
                         WHERE (kb_id = ? OR (kb_id IS NULL AND lower(name) = lower(?))) AND {latest_rows(versions)})
           SELECT e.k, max(e.kb_id), mode(e.name ORDER BY e.name), count(DISTINCT e.doc_id) n
           FROM e JOIN mine USING (doc_id)
           WHERE NOT (e.kb_id IS NOT DISTINCT FROM ? OR (e.kb_id IS NULL AND lower(e.name) = lower(?)))
           GROUP BY e.k ORDER BY n DESC, e.k LIMIT ?""", [list(ACTOR_TYPES), key, key, key, key, limit]).fetchall()
    return [{"actor": k, "kb_id": kb, "name": name, "documents": n} for k, kb, name, n in rows]


def test_named_with_is_the_old_querys_answer_for_every_actor(db):
    con = store.connect(db)
    try:
        keys = [a["kb_id"] or a["name"] for a in views.top_actors(con, 10_000)]
        assert "russia" in keys and len(keys) > 20
        for key in [*keys, "RUSSIA", "no such actor"]:
            for versions in (False, True):
                assert views.named_with(con, key, versions=versions) == old_named_with(con, key, versions=versions)
                assert views.named_with(con, key, 3) == old_named_with(con, key, 3)
        assert views.named_with(con, "russia")  # not a comparison of two empty lists
    finally:
        con.close()


# -- the network from the server's table of ends ----------------------------------------------------------------
NETWORK_ARGS = [
    {}, {"evidence": 1}, {"evidence": 1000, "min_weight": 2}, {"limit": 2}, {"type": "ACCUSE"},
    {"quad": ("verbal_conflict", "material_conflict")}, {"who": "russia"}, {"whom": "ukraine"},
    {"near": (48.0, 31.0, 3000.0)}, {"filters": Filters(since=date(2022, 3, 1), until=date(2022, 3, 31))},
    {"filters": Filters(outlet="Daily Ledger"), "type": "ACCUSE"}, {"filters": Filters(actor="turkey")},
]


def test_the_network_read_from_the_servers_table_of_ends_is_the_network(db):
    c = Corpus(db, encode=encode)
    try:
        ends = c.event_ends()
        assert c.event_ends() == ends  # made once
        with c.cursor() as con:
            assert con.execute(f"SELECT count(*) FROM {ends}").fetchone() == \
                con.execute("SELECT count(*) FROM events").fetchone()
            for args in NETWORK_ARGS:
                plain = net.network(con, **args)
                assert same(net.network(con, ends=ends, **args), plain), args
            assert net.network(con, ends=ends)["edges"]  # not a comparison of two empty networks
            speakers = ends.rsplit(".", 1)[0] + ".quote_speakers"
            for args in ({}, {"evidence": 1}, {"filters": Filters(outlet="Daily Ledger")}, {"min_weight": 2}):
                plain = net.network(con, kind="quotes", **args)
                assert same(net.network(con, kind="quotes", speakers=speakers, **args), plain), args
            assert net.network(con, kind="quotes", speakers=speakers)["edges"]
    finally:
        c.close()


def test_the_network_pages_and_kept_figures_over_http_are_the_views_computed_afresh(db):
    from spinscope.corpus.export import actor_network
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    with Running(create_app(db, Settings(), encode=encode)) as s, store.connect(db) as con:
        for params in ({}, {"quad": "conflict", "evidence": 2}, {"who": "russia"}, {"type": "ACCUSE", "limit": 1},
                       {"kind": "quotes"}, {"kind": "citations"}):
            got = httpx.get(s.url + "/api/network", params=params, timeout=30).json()
            expected = net.network(con, kind=params.get("kind", "events"), type=params.get("type"),
                                   quad=net.parse_quad(params.get("quad")),
                                   who=params.get("who"), evidence=params.get("evidence", net.EVIDENCE),
                                   limit=params.get("limit", net.EDGE_LIMIT))
            assert got == json.loads(json.dumps(expected, default=str)), params
        for _ in range(2):  # computed, then kept: the same answer
            assert httpx.get(s.url + "/api/actors?limit=7").json()["items"] == views.top_actors(con, 7)
            assert httpx.get(s.url + "/api/actors?limit=500").json()["items"] == views.top_actors(con, 500)
            assert httpx.get(s.url + "/api/narratives?limit=3").json()["items"] == views.top(con, "narratives", 3)
            assert httpx.get(s.url + "/api/techniques").json()["items"] == views.top(con, "techniques", 50)
            assert httpx.get(s.url + "/api/techniques/over-time?by=week").json()["items"] == \
                views.over_time(con, "techniques", "week")
            assert same(httpx.get(s.url + "/api/actors/network?min_weight=2").json(), actor_network(con, 2))
        overview = httpx.get(s.url + "/api/overview").json()
        assert overview["documents"] == con.execute("SELECT count(*) FROM documents WHERE latest IS NOT FALSE"
                                                    ).fetchone()[0]
        assert overview["actors"] == views.top_actors(con, 15)
        for path in ("/", "/actors", "/actors/russia", "/narratives", "/network"):
            r = httpx.get(s.url + path, timeout=30)
            assert r.status_code == 200, path
        assert "Ukraine" in httpx.get(s.url + "/actors/russia").text.split("Named with", 1)[-1]


# -- the kept figures follow the server's own writes --------------------------------------------------------------
def test_the_kept_figures_and_the_table_of_ends_follow_a_write(tmp_path):
    from spinscope.serve.routes.dashboard import overview
    path, planted = build(tmp_path, n=5)
    c = Corpus(path, write=True, encode=encode)
    try:
        with c.cursor() as con:
            before = overview(c, con)
            assert overview(c, con) is before  # kept, not computed again
            actors = c.top_actors(con, 1000)
            ends = c.event_ends()
            n_ends = con.execute(f"SELECT count(*) FROM {ends}").fetchone()[0]
            fresh = variant(planted, " fresh", outlet="Fresh Wire", url="https://fresh-wire.example/1")
            Ingester(c.con, embed=encode).write([fresh])
            assert overview(c, con) is before  # the server's own writes are followed by `changed`
            c.changed()
            after = overview(c, con)
            assert after["documents"] == before["documents"] + 1
            assert any(r["outlet"] == "Fresh Wire" for r in after["outlets"])
            grown = c.top_actors(con, 1000)
            assert grown == views.top_actors(con, 1000) and grown != actors
            assert con.execute(f"SELECT count(*) FROM {c.event_ends()}").fetchone()[0] == \
                n_ends + len(fresh["events"]) > n_ends
            assert same(net.network(con, ends=c.event_ends()), net.network(con))
    finally:
        c.close()


def test_a_figure_computed_across_a_write_is_not_kept(tmp_path):
    path, _ = build(tmp_path, n=3)
    c = Corpus(path, write=True, encode=encode)
    try:
        def racing():
            c.changed()  # a write lands while the figure is computed
            return "stale"
        assert c.memo(("k",), racing) == "stale"
        assert c.memo(("k",), lambda: "fresh") == "fresh"
    finally:
        c.close()
