"""Stop 43: the analyst's actor network (who acts on whom, who quotes and cites whom) with the ids behind each edge,
the exports of what a filter shows (events and quotes as CSV and JSON Lines), the events' quad classes,
`spinscope events --since/--until`, and the unsorted quotes list found without a window over every quote. Python and
the real app over HTTP; each test but the guards fails on the code before."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

import spinscope

from .serve_corpus import Running, encode
from .store_records import record as base_record, write


def article(text: str, *, title: str, outlet: str | None, published: str | None, entities: dict[str, str],
            events: list[tuple], quotes: list[tuple] = (), citations: list[tuple] = ()) -> dict:
    """A record of `text`: `entities` {id: "Name|type|kb_id"}; `events` (type, cameo, actor id, target id, date, the
    sentence's words); `quotes` (kind, speaker entity id, words); `citations` (kind, name, kb_id, words)."""
    rec = base_record(text, title=title, url=f"https://{(outlet or 'none').lower().replace(' ', '-')}.example/"
                      f"{abs(hash(title))}", outlet=outlet, published=published)
    rec["entities"] = []
    for eid, spec in entities.items():
        name, typ, kb = spec.split("|")
        at = text.index(name) if name in text else None
        rec["entities"].append({"id": eid, "name": name, "type": typ, "kb_id": kb or None, "country": None,
                                "code": None, "mentions": [] if at is None else
                                [{"start": at, "end": at + len(name), "text": name}]})
    rec["events"] = []
    for i, (typ, cameo, actor, target, day, words) in enumerate(events):
        s = text.index(words)
        rec["events"].append({"id": f"ev{i}", "type": typ, "cameo": cameo, "mode": "asserted", "actor": actor,
                              "target": target, "place": None, "date": day, "start": s, "end": s + len(words),
                              "text": words, "trigger": {"start": s, "end": s + 3, "text": words[:3]}})
    rec["quotes"] = []
    for i, (kind, speaker, words) in enumerate(quotes):
        s = text.index(words)
        ent = next((e for e in rec["entities"] if e["id"] == speaker), None)
        rec["quotes"].append({"id": f"q{i}", "kind": kind, "start": s, "end": s + len(words), "text": words,
                              "cue": None, "speaker": None if ent is None else
                              {"entity": speaker, "name": ent["name"], "handle": None, "start": None, "end": None}})
    rec["citations"] = []
    for i, (kind, name, kb, words) in enumerate(citations):
        s = text.index(words)
        rec["citations"].append({"id": f"ci{i}", "kind": kind, "name": name, "kb_id": kb, "entity": None,
                                 "start": s, "end": s + len(words), "text": words, "name_span": None})
    return rec


ENTS = {"e1": "Russia|state|russia", "e2": "Ukraine|state|ukraine", "e3": "Turkey|state|turkey",
        "e4": "Dmytro Kuleba|person|dmytro-kuleba"}


def records() -> list[dict]:
    a = ("Russia accused Ukraine of shelling Donetsk. Russia shelled Kharkiv in Ukraine. Turkey offered talks to "
         "Ukraine. \"We will not sign, comma, \"\"quoted\"\"\nnewline\" said Dmytro Kuleba. According to Wire Digest, "
         "it was so.")
    b = "Russia accused Ukraine again. Russia struck Ukraine at night. Ukraine rejected Russia's demand."
    c = "Russia accused Ukraine in the spring of 2021. Russia asked Ukraine for water."
    return [
        article(a, title="Monday", outlet="Daily Ledger", published="2022-03-07", entities=ENTS,
                events=[("ACCUSE", "112", "e1", "e2", "2022-03-07", "Russia accused Ukraine of shelling Donetsk."),
                        ("ASSAULT", "195", "e1", "e2", "2022-03-06", "Russia shelled Kharkiv in Ukraine."),
                        ("AGREE", "036", "e3", "e2", "2022-03-07", "Turkey offered talks to Ukraine."),
                        ("ACCUSE", "112", "e1", None, "2022-03-07", "Russia accused Ukraine of shelling")],
                quotes=[("direct", "e4", "\"We will not sign, comma, \"\"quoted\"\"\nnewline\"")],
                citations=[("according_to", "Wire Digest", None, "According to Wire Digest")]),
        article(b, title="Tuesday", outlet="Wire Digest", published="2022-03-15", entities=ENTS,
                events=[("ACCUSE", "112", "e1", "e2", "2022-03-15", "Russia accused Ukraine again."),
                        ("ASSAULT", "190", "e1", "e2", "2022-03-14", "Russia struck Ukraine at night."),
                        ("REJECT", "120", "e2", "e1", "2022-03", "Ukraine rejected Russia's demand.")],
                quotes=[("direct", "e4", "Russia struck Ukraine at night."),
                        ("indirect", None, "Ukraine rejected Russia's demand.")]),
        article(c, title="Old", outlet="Daily Ledger", published="2022-04-01", entities=ENTS,
                events=[("ACCUSE", "112", "e1", "e2", "2021", "Russia accused Ukraine in the spring of 2021."),
                        ("REQUEST", None, "e1", "e2", "2021-05-02", "Russia asked Ukraine for water.")],
                quotes=[("scare", None, "asked Ukraine for water")]),
    ]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "n.duckdb"
    with spinscope.Corpus(path, write=True, encode=encode) as c:
        report = c.ingest([write(tmp_path / "a.jsonl", records())])
        assert report.stored == 3, report.failures
    return path


def _app(db):
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    return create_app(str(db), Settings(), encode=encode)


@pytest.fixture()
def server(db):
    with Running(_app(db)) as s:
        yield s


def _edge(net, source, target, typ):
    found = [e for e in net["edges"] if (e["source"], e["target"], e["type"]) == (source, target, typ)]
    assert len(found) == 1, (source, target, typ, net["edges"])
    return found[0]


# -- 1. the network ----------------------------------------------------------------------------------------------
def test_the_events_network_has_an_edge_per_pair_and_type_with_the_ids_of_its_events(db):
    with spinscope.Corpus(db) as c:
        net = c.network()
        events = {(e["doc_id"], e["id"]): e for e in c.events(limit=100)}
    accuse = _edge(net, "russia", "ukraine", "ACCUSE")
    assert accuse["weight"] == 3 and accuse["documents"] == 3  # the one without a target is on no edge
    assert accuse["quad"] == "verbal_conflict" and accuse["quad_label"] == "verbal conflict"
    assert accuse["first"] == "2021-01-01" and accuse["last"] == "2022-03-15"  # "2021": from its first day
    for x in accuse["evidence"]:  # the ids open the events: the same words, the same offsets
        e = events[(x["doc_id"], x["id"])]
        assert (e["type"], e["actor_kb_id"], e["target_kb_id"]) == ("ACCUSE", "russia", "ukraine")
        assert (x["start"], x["end"]) == (e["start"], e["end"])
    assert _edge(net, "russia", "ukraine", "ASSAULT")["quad"] == "material_conflict"
    assert _edge(net, "turkey", "ukraine", "AGREE")["quad"] == "verbal_cooperation"
    assert _edge(net, "ukraine", "russia", "REJECT")["weight"] == 1
    assert _edge(net, "russia", "ukraine", "REQUEST")["quad"] is None  # no CAMEO code: appeal or demand
    assert net["unpaired"] == 1 and net["edges_total"] == len(net["edges"]) == 5
    russia = next(n for n in net["nodes"] if n["id"] == "russia")
    assert (russia["label"], russia["kind"], russia["out"], russia["in"]) == ("Russia", "actor", 6, 1)


def test_the_network_takes_the_events_filters_dates_by_the_events_own(db):
    with spinscope.Corpus(db) as c:
        march = c.network(since="2022-03-01", until="2022-03-31")
        # by the event's own date: the 2021 events of a document published in April 2022 are not in April
        april = c.network(since="2022-04-01", until="2022-04-30")
        conflict = c.network(quad="conflict")
        ledger = c.network(outlet="Daily Ledger", type="ACCUSE")
        ukraine_acts = c.network(who="ukraine")
        few = c.network(min_weight=2)
    assert _edge(march, "russia", "ukraine", "ACCUSE")["weight"] == 2
    assert _edge(march, "ukraine", "russia", "REJECT")["weight"] == 1  # "2022-03" lies within March
    assert april["edges"] == []
    assert {e["quad"] for e in conflict["edges"]} == {"verbal_conflict", "material_conflict"}
    assert [(e["source"], e["type"], e["weight"]) for e in ledger["edges"]] == [("russia", "ACCUSE", 2)]
    assert [(e["source"], e["target"]) for e in ukraine_acts["edges"]] == [("ukraine", "russia")]
    assert [(e["type"], e["weight"]) for e in few["edges"]] == [("ACCUSE", 3), ("ASSAULT", 2)]
    with spinscope.Corpus(db) as c, pytest.raises(ValueError, match="no quad class"):
        c.network(quad="conflicts")


def test_the_quotes_and_citations_networks_go_from_the_outlet(db):
    with spinscope.Corpus(db) as c:
        quotes = c.network("quotes")
        cites = c.network("citations")
        with pytest.raises(ValueError, match="for the events network"):
            c.network("quotes", type="ACCUSE")
    e = _edge(quotes, "Daily Ledger", "dmytro-kuleba", "direct")
    assert (e["weight"], e["target_label"], e["evidence"][0]["id"]) == (1, "Dmytro Kuleba", "q0")
    assert {n["kind"] for n in quotes["nodes"]} == {"outlet", "actor"}
    assert _edge(quotes, "Wire Digest", "dmytro-kuleba", "direct")["weight"] == 1  # not the quote without a speaker
    assert len(quotes["edges"]) == 2
    e = _edge(cites, "Daily Ledger", "Wire Digest", "according_to")
    assert e["evidence"][0]["id"] == "ci0"


def test_the_network_over_http_matches_python_and_each_id_opens_its_words(db, server):
    with spinscope.Corpus(db) as c:
        expected = c.network(quad="conflict", evidence=1)
    got = httpx.get(server.url + "/api/network", params={"quad": "conflict", "evidence": 1}).json()
    assert got == json.loads(json.dumps(expected))
    for e in got["edges"]:
        assert len(e["evidence"]) == 1 and e["more"] == e["weight"] - 1
        x = e["evidence"][0]
        doc = httpx.get(f"{server.url}/api/documents/{x['doc_id']}").json()
        ev = next(v for v in doc["events"] if v["id"] == x["id"])
        assert doc["text"][x["start"]:x["end"]] == ev["text"]
    bad = httpx.get(server.url + "/api/network", params={"quad": "war"})
    assert bad.status_code == 422 and "no quad class" in bad.json()["error"]["message"]
    assert httpx.get(server.url + "/api/network", params={"kind": "quotes", "who": "x"}).status_code == 422
    assert httpx.get(server.url + "/api/network", params={"kind": "people"}).status_code == 422
    rows = list(csv.DictReader(io.StringIO(httpx.get(server.url + "/api/network.csv").text)))
    accuse = next(r for r in rows if (r["source"], r["type"]) == ("russia", "ACCUSE"))
    assert accuse["weight"] == "3" and len(accuse["evidence"].split()) == 3


def test_the_network_page_draws_the_graph_and_links_each_edge_to_its_events(server):
    html = httpx.get(server.url + "/network").text
    assert '<svg class="chart network"' in html and "<nav" in html and 'href="/network" aria-current="page"' in html
    assert html.count('class="edge"') == 3  # an arrow a pair (Russia -> Ukraine of four types), each a link
    table = html.split("<h2>Edges</h2>", 1)[1]
    links = [unescape(h) for h in re.findall(r'<a href="(/events\?[^"]+)">(\d+)</a>', table)]
    assert links
    for href, n in re.findall(r'<a href="(/events\?[^"]+)">(\d+)</a>', table):
        params = dict(parse_qsl(urlsplit(unescape(href)).query))
        api = httpx.get(server.url + "/api/events", params=params).json()["items"]
        assert len(api) == int(n), (params, api)  # the link lists exactly the edge's events
        assert {(e["actor_kb_id"], e["target_kb_id"], e["type"]) for e in api} == \
            {(params["who"], params["whom"], params["type"])}
    # filters carried to the edges' links; an empty result says so
    html = httpx.get(server.url + "/network", params={"since": "2022-03-01", "until": "2022-03-31"}).text
    assert "since=2022-03-01" in unescape(html.split("<h2>Edges</h2>", 1)[1])
    assert "No edge matches these filters." in httpx.get(server.url + "/network", params={"who": "turkey",
                                                                                           "type": "ASSAULT"}).text
    quotes = httpx.get(server.url + "/network", params={"kind": "quotes"}).text
    assert "/quotes?" in quotes and "Dmytro Kuleba" in quotes


# -- 2. exports ---------------------------------------------------------------------------------------------------
def _every_page(server, path: str, params: dict, limit: int) -> list:
    """Every item of a paged list, following `next_cursor` to the end."""
    listed, cursor = [], None
    while True:
        page = httpx.get(server.url + path, params={**params, "limit": limit,
                                                    **({"cursor": cursor} if cursor else {})}).json()
        listed += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return listed


def test_the_events_export_is_every_event_the_filters_choose_in_the_lists_order(server):
    for params in ({}, {"quad": "conflict"}, {"since": "2022-03-01", "until": "2022-03-31", "who": "russia"}):
        listed = _every_page(server, "/api/events", params, limit=2)
        r = httpx.get(server.url + "/api/events.csv", params=params)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert [(x["doc_id"], x["id"]) for x in rows] == [(e["doc_id"], e["id"]) for e in listed]
        assert [x["quad"] for x in rows] == [e["quad"] or "" for e in listed]
        lines = httpx.get(server.url + "/api/events.jsonl", params=params).text.splitlines()
        assert [json.loads(x) for x in lines] == listed
    assert httpx.get(server.url + "/api/events.csv", params={"quad": "nope"}).status_code == 422


def test_the_quotes_export_keeps_the_words_whole_and_follows_the_filters(server):
    r = httpx.get(server.url + "/api/quotes.csv", params={"outlet": "Daily Ledger", "kind": "statements"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["text"] for x in rows] == ["\"We will not sign, comma, \"\"quoted\"\"\nnewline\""]  # commas, quotes, newline
    wire = list(csv.DictReader(io.StringIO(httpx.get(server.url + "/api/quotes.csv",
                                                     params={"outlet": "Wire Digest"}).text)))
    assert [(x["speaker"], x["kind"]) for x in wire] == [("", "indirect"), ("Dmytro Kuleba", "direct")]  # last first
    lines = httpx.get(server.url + "/api/quotes.jsonl", params={"sort": "-speaker"}).text.splitlines()
    assert [json.loads(x) for x in lines] == httpx.get(server.url + "/api/quotes", params={"sort": "-speaker"}).json()["items"]
    assert httpx.get(server.url + "/api/quotes.csv", params={"kind": "drect"}).status_code == 422
    assert httpx.get(server.url + "/api/quotes.csv", params={"sort_by": "x"}).status_code == 422


def test_the_lists_link_to_their_exports_and_the_network(server):
    events = httpx.get(server.url + "/events", params={"quad": "conflict", "outlet": "Daily Ledger"}).text
    assert 'href="/api/events.csv?quad=conflict&amp;outlet=Daily+Ledger"' in events
    assert 'href="/network?quad=conflict&amp;outlet=Daily+Ledger"' in events
    assert 'id="equad"' in events and "verbal conflict" in events
    quotes = httpx.get(server.url + "/quotes", params={"outlet": "Daily Ledger", "cursor": "1"}).text
    assert 'href="/api/quotes.csv?outlet=Daily+Ledger&amp;kind=statements"' in quotes  # no cursor: every page
    actor = httpx.get(server.url + "/actors/russia").text
    assert 'href="/network?who=russia"' in actor and 'href="/network?whom=russia"' in actor


# -- quad classes on the events list ------------------------------------------------------------------------------
def test_events_say_their_quad_class_and_filter_by_it(db):
    with spinscope.Corpus(db) as c:
        every = c.events(limit=100)
        coop = c.events(quad="cooperation")
        both = c.events(quad="verbal_cooperation,material_conflict")
    by = {(e["doc_id"], e["id"]): e["quad"] for e in every}
    assert sorted(set(by.values()), key=str) == sorted({"verbal_conflict", "material_conflict", "verbal_cooperation",
                                                        None}, key=str)
    assert [e["type"] for e in coop] == ["AGREE"]
    assert sorted(e["type"] for e in both) == ["AGREE", "ASSAULT", "ASSAULT"]


# -- 3. `spinscope events --since/--until` ----------------------------------------------------------------------
def test_event_periods_of_the_events_command():
    from spinscope.export.events import Period, event_period
    assert event_period("2021", None) == (date(2021, 1, 1), date(2021, 12, 31))
    assert event_period("2024-02", None) == (date(2024, 2, 1), date(2024, 2, 29))
    assert event_period(None, "2022-03-15T10:00:00Z") == (date(2022, 3, 15), date(2022, 3, 15))
    assert event_period("someday", None) is None
    week = Period(date(2021, 5, 1), date(2021, 5, 7))
    assert week.keeps("2021-05-02", None) and not week.keeps("2021", None) and not week.keeps("2021-06-01", None)
    assert week.around == 1  # "2021" meets the week without lying within it
    assert not week.keeps(None, None)


def test_the_events_command_keeps_the_events_of_the_period(tmp_path):
    from click.testing import CliRunner

    from spinscope.cli import cli
    src = tmp_path / "a.txt"
    src.write_text("Russia accused Ukraine of shelling Donetsk on 3 March 2022. NATO warned Russia in 2021.\n",
                   encoding="utf-8")
    every = CliRunner().invoke(cli, ["events", str(src), "--published", "2022-03-15", "--format", "jsonl"])
    assert every.exit_code == 0, every.output
    dates = [json.loads(x)["date"] for x in every.stdout.splitlines()]
    assert "2021" in dates and "2022-03-03" in dates
    march = CliRunner().invoke(cli, ["events", str(src), "--published", "2022-03-15", "--format", "jsonl",
                                     "--since", "2022-03-01", "--until", "2022-03-05"])
    assert march.exit_code == 0
    assert {json.loads(x)["date"] for x in march.stdout.splitlines()} == {"2022-03-03"}
    year = CliRunner().invoke(cli, ["events", str(src), "--published", "2022-03-15", "--since", "2021-06-01",
                                    "--until", "2021-06-30"])
    assert year.exit_code == 0 and len(year.stdout.splitlines()) == 1  # the header: "2021" is not in June
    assert "dated only to a month or a year" in year.stderr
    swapped = CliRunner().invoke(cli, ["events", str(src), "--since", "2022-03-05", "--until", "2022-03-01"])
    assert swapped.exit_code == 2 and "before --since" in swapped.output


# -- 4. the unsorted quotes list without a window -------------------------------------------------------------------
def _window_pages(con, kinds, outlet, limit):
    """The unsorted quotes list as stop 42 computed it: a row_number() window over every filtered quote."""
    conds = ["d.latest IS NOT FALSE"]
    params: list = []
    if kinds:
        conds.append("q.kind IN (SELECT unnest(?))")
        params.append(list(kinds))
    if outlet:
        conds.append("lower(d.outlet) = lower(?)")
        params.append(outlet)
    rows = con.execute(f"""SELECT d.seq * 10000 + row_number() OVER (PARTITION BY q.doc_id ORDER BY q.start, q.id) k,
                                  q.doc_id, q.id FROM quotes q JOIN documents d USING (doc_id)
                           WHERE {' AND '.join(conds)} ORDER BY k DESC""", params).fetchall()
    pages = [rows[i:i + limit] for i in range(0, len(rows), limit)]
    return [([(d, i) for _k, d, i in p], p[-1][0] if n < len(pages) - 1 else None) for n, p in enumerate(pages)]


def test_the_unsorted_quotes_pages_are_those_of_the_window(tmp_path):
    recs = []
    for n in range(9):
        words = [f"Word{n}x{k} here." for k in range(n % 4 + 1)]
        text = " ".join(words)
        rec = base_record(text, title=f"T{n}", url=f"https://x.example/{n}", outlet="A" if n % 2 else "B")
        rec["quotes"] = [{"id": f"q{k}", "kind": "scare" if (n + k) % 3 == 0 else "direct",
                          "start": text.index(w), "end": text.index(w) + len(w), "text": w, "cue": None,
                          "speaker": None} for k, w in reversed(list(enumerate(words)))]  # ids not in text order
        recs.append(rec)
    db = tmp_path / "q.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        c.ingest([write(tmp_path / "q.jsonl", recs)])
    from spinscope.corpus import views
    from spinscope.corpus.search import Filters
    with spinscope.Corpus(db) as c:
        con = c.con
        for kinds, outlet, limit in ((None, None, 3), (("direct",), None, 2), (None, "A", 1), (("scare",), "B", 4)):
            expected = _window_pages(con, kinds, outlet, limit)
            got, cursor = [], None
            while True:
                items, cursor = views.quotes(con, filters=Filters(outlet=outlet), kinds=kinds, limit=limit,
                                             cursor=cursor)
                got.append(([(q["doc_id"], q["id"]) for q in items], cursor))
                if cursor is None:
                    break
            assert got == expected, (kinds, outlet, limit)


def test_the_quotes_export_is_the_list_over_all_its_pages_in_each_order(server):
    assert len(httpx.get(server.url + "/api/quotes").json()["items"]) == 4
    for params in ({}, {"sort": "speaker"}, {"sort": "-published"}, {"sort": "quote"}, {"kind": "statements"},
                   {"kind": "statements", "outlet": "Wire Digest"}):
        listed = _every_page(server, "/api/quotes", params, limit=1)
        lines = httpx.get(server.url + "/api/quotes.jsonl", params=params).text.splitlines()
        assert [json.loads(x) for x in lines] == listed, params
