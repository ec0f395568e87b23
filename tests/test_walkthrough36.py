"""What the stop-36 walk-through (100 real documents stored over two ingests with a knowledge edit between them,
analysts' questions asked of the CLI, the Python API and the REST API) found wrong; each test fails on the code
before its fix."""
from __future__ import annotations

import copy
import json

from click.testing import CliRunner

from bench.corpus_synth import corpus
from spinscope.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(path, recs: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return str(path)


def test_one_article_read_from_two_files_is_not_a_copy_of_itself(tmp_path):
    # The walk-through's second ingest read a CSV overlapping the first (a second export of the same crawl): three
    # articles came again with their own outlet, URL and date, from another file. Ingest said "8 of them under a new
    # source", and `copies` listed "wash-post copies wash-post": the article, word for word, as its own copy.
    (rec,) = [r for r, _ in corpus(1, seed=3, copy_rate=0.0)]
    rec["source"].update(path="export1.csv#2", url="https://desk.example/a", outlet="Desk", published="2016-03-10")
    again = copy.deepcopy(rec)
    again["source"]["path"] = "export2.csv#7"  # the same publication, read from another file
    repost = copy.deepcopy(rec)
    repost["source"].update(path="export2.csv#9", url="https://echo.example/a", outlet="Echo", published="2016-03-11")
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "one.jsonl", [rec]), "--db", db, "--no-embeddings").exit_code == 0
    res = run("ingest", write(tmp_path / "two.jsonl", [again, repost]), "--db", db, "--no-embeddings")
    assert "(1 of them under a new source" in res.output
    groups = [json.loads(line) for line in run("copies", "--db", db, "--format", "jsonl").output.splitlines()]
    assert [[(d["outlet"], d["exact"]) for d in g["documents"]] for g in groups] == [[("Desk", False), ("Echo", True)]]


def with_hashes(rec: dict, kb: str) -> dict:
    rec["provenance"] = {"version": "0.1.0", "stages": ["clean"],
                         "hashes": {"config": "c1", "kb": kb, "catalogues": "n1", "models": "m1"}}
    return rec


def test_an_ingest_analyzed_otherwise_than_the_store_says_so(tmp_path):
    # The walk-through added an actor file, re-analyzed the store with `ingest --stale --kb mine.yaml`, then ingested
    # a second CSV forgetting `--kb`: 15 documents analyzed without the edit beside 85 with it, and not a word; the
    # next `ingest --stale` (without --kb) would have undone the edit on the 85, silently too.
    recs = [r for r, _ in corpus(3, seed=5, copy_rate=0.0)]
    db = str(tmp_path / "c.duckdb")
    first = run("ingest", write(tmp_path / "a.jsonl", [with_hashes(r, "kb-with-edit") for r in recs[:2]]),
                "--db", db, "--no-embeddings")
    assert "warning" not in first.output
    res = run("ingest", write(tmp_path / "b.jsonl", [with_hashes(recs[2], "kb-without")]), "--db", db,
              "--no-embeddings")
    assert res.exit_code == 0
    assert ("warning: the 1 documents stored now were analyzed with another knowledge base than the 2 stored "
            "before") in res.output
    same = [r for r, _ in corpus(4, seed=6, copy_rate=0.0)][3]
    assert "warning" not in run("ingest", write(tmp_path / "c.jsonl", [with_hashes(same, "kb-with-edit")]),
                                "--db", db, "--no-embeddings").output


def test_ingest_reads_the_knowledge_files_of_a_configuration_and_stale_says_what_it_redoes(tmp_path):
    # docs/config.md's [kb] and [narratives] files could be given to analyze, batch and events but not to ingest:
    # every ingest had to repeat each --kb and --narratives, and one forgotten flag mixed two analyses in the store.
    (tmp_path / "desk.yaml").write_text(
        "actors:\n  - id: zorvan-pelluck\n    name: Zorvan Pelluck\n    type: person\n    aliases: [Pelluck]\n",
        encoding="utf-8")
    (tmp_path / "desk.toml").write_text(f'[kb]\nfiles = ["{tmp_path / "desk.yaml"}"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Zorvan Pelluck told reporters in Lisbon that the harbour would reopen. "
                                    "Pelluck said the work had taken two years.\n", encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    res = run("ingest", str(tmp_path / "a.txt"), "--config", str(tmp_path / "desk.toml"), "--db", db,
              "--no-embeddings", "--disable", "techniques", "--disable", "narratives")
    assert res.exit_code == 0, res.output
    import duckdb
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM entities WHERE kb_id = 'zorvan-pelluck'").fetchone()[0] == 1
    res = run("ingest", "--stale", "--db", db, "--no-embeddings", "--disable", "techniques", "--disable", "narratives")
    assert "re-analyzing 1 of 1 stored documents: their " in res.output
    assert "knowledge base" in res.output.split("re-analyzing", 1)[1].splitlines()[0]


def test_events_can_be_asked_who_did_it_and_to_whom(tmp_path):
    # "Who accused whom": the API's and the page's `actor` chooses documents naming an actor and gives every event of
    # them (195 events for donald-trump in the walk-through, 19 of which he was the actor of); the events page had no
    # form at all (its only control, the search box's "Event type", gave 331 events of documents holding an ACCUSE,
    # 148 of them accusations), and an item did not say which KB actor its actor or target was.
    import httpx

    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings

    from .serve_corpus import Running, encode
    recs = [r for r, _ in corpus(12, seed=11, copy_rate=0.0)]
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "r.jsonl", recs), "--db", db, "--no-embeddings").exit_code == 0
    ent = {(r["doc_id"], e["id"]): e for r in recs for e in r["entities"]}
    events = [(r["doc_id"], e) for r in recs for e in r["events"]]
    doc, ev = next((d, e) for d, e in events if e.get("actor") and e.get("target"))
    who, whom = ent[(doc, ev["actor"])], ent[(doc, ev["target"])]
    by_who = [(d, e) for d, e in events if e.get("actor") and ent[(d, e["actor"])]["kb_id"] == who["kb_id"]]
    assert by_who and len(by_who) < len(events)
    with Running(create_app(db, Settings(), encode=encode)) as server:
        got = httpx.get(server.url + "/api/events", params={"who": who["kb_id"], "limit": 5000}).json()["items"]
        assert sorted((g["doc_id"], g["start"]) for g in got) == sorted((d, e["start"]) for d, e in by_who)
        assert {g["actor_kb_id"] for g in got} == {who["kb_id"]}
        got = httpx.get(server.url + "/api/events", params={"who": who["name"], "whom": whom["kb_id"],
                                                            "type": ev["type"]}).json()["items"]
        assert (doc, ev["start"]) in {(g["doc_id"], g["start"]) for g in got}
        assert all(g["target_kb_id"] == whom["kb_id"] and g["type"] == ev["type"] for g in got)
        geo = httpx.get(server.url + "/api/events.geojson", params={"who": who["kb_id"]}).json()["features"]
        assert {f["properties"]["actor_kb_id"] for f in geo} <= {who["kb_id"]}
        html = httpx.get(server.url + "/events", params={"who": who["kb_id"]}).text
        assert 'aria-label="Filter events"' in html and 'name="whom"' in html and 'name="type"' in html
        assert f"<p>{len(by_who)} events;" in html
        assert f'href="/api/events.geojson?who={who["kb_id"]}"' in html  # the GeoJSON of what the page shows


def test_records_of_analyze_are_not_stale_to_an_ingest_with_the_same_options(tmp_path):
    # The walk-through analyzed a stored document again with the Python API and the same KB files: the same record,
    # every layer, but another configuration hash. `ingest` gave its --batch-size (documents per transaction, 64) to
    # the pipeline as its batch size (documents per stage call, 32 elsewhere), which is part of the hash: records of
    # `analyze`, `batch` or Python were all "stale" to `ingest --stale` and re-analyzed for nothing.
    (tmp_path / "a.txt").write_text("The mayor of Lisbon opened the new harbour bridge on Monday.\n", encoding="utf-8")
    off = ["--disable", "techniques", "--disable", "narratives"]
    out = str(tmp_path / "a.jsonl")
    assert run("analyze", str(tmp_path / "a.txt"), *off, "--format", "jsonl", "--out", out).exit_code == 0
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", out, "--db", db, "--no-embeddings").exit_code == 0
    res = run("ingest", "--stale", "--db", db, "--no-embeddings", *off)
    assert "stored 0," in res.output and "re-analyzing" not in res.output


def test_trends_of_an_outlet_without_the_narrative_says_that_others_have_it(tmp_path):
    # `trends --narrative clinton-corruption --outlet "Patriot Pulse"` warned "no stored document of 'Patriot Pulse'
    # matches ...; check the name (`spinscope report`, `spinscope export --table entities`)": the name was right (two
    # documents of other outlets carry it), and a narrative is not in the entities table.
    recs = [r for r, _ in corpus(12, seed=3, copy_rate=0.0)]
    carrier = next(r for r in recs if r["narratives"])
    other = next(r for r in recs if not r["narratives"] and r["source"]["outlet"] != carrier["source"]["outlet"])
    nid = carrier["narratives"][0].get("narrative") or carrier["narratives"][0]["id"]
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "r.jsonl", recs), "--db", db, "--no-embeddings").exit_code == 0
    with_n = [r["source"]["outlet"] for r in recs if any((n.get("narrative") or n.get("id")) == nid for n in r["narratives"])]
    assert other["source"]["outlet"] not in with_n
    with_n = len(with_n)
    res = run("trends", "--narrative", nid, "--outlet", other["source"]["outlet"], "--by", "month", "--db", db)
    assert f"{with_n} stored document{'s' if with_n != 1 else ''} of other outlets do" in res.output
    res = run("trends", "--narrative", "no-such-narrative", "--by", "month", "--db", db)
    assert "`spinscope export --table narratives`" in res.output


def long_record() -> dict:
    """A long article with astral characters (emoji) before a quote near its end: offsets are code points."""
    from spinscope.model import make_doc_id
    paras = [f"Paragraph {i} of the harbour report 🚢 says the cranes were idle for a week. " * 6 for i in range(60)]
    quote = "The port will reopen on Monday, the harbour master said."
    text = "Harbour report\n\n" + "\n\n".join(paras) + "\n\n" + quote
    start = text.index(quote)
    span = {"start": start, "end": start + len(quote), "text": quote}
    body = {"start": len("Harbour report\n\n"), "end": len(text)}
    return {"schema": "spinscope.analysis/1", "doc_id": make_doc_id(text),
            "source": {"path": "long.txt", "url": None, "outlet": "Port Desk", "title": "Harbour report",
                       "published": "2026-03-04", "language": "en"},
            "text": text, "title": {"start": 0, "end": 14, "text": "Harbour report"}, "body": [body],
            "boilerplate": [], "comments": [], "sentences": [],
            "entities": [{"id": "e1", "name": "harbour master", "type": "person", "kb_id": None, "country": None,
                          "code": None, "mentions": [{"start": span["end"] - 21, "end": span["end"] - 7,
                                                      "text": "harbour master"}]}],
            "quotes": [{"id": "q1", "kind": "direct", **span, "cue": None,
                        "speaker": {"entity": "e1", "name": "harbour master", "handle": None,
                                    "start": span["end"] - 21, "end": span["end"] - 7, "text": "harbour master"}}],
            "places": [], "dates": [], "events": [], "techniques": [], "narratives": [], "citations": [],
            "labels": [], "markers": [], "thread": {},
            "provenance": {"version": "test", "stages": [], "hashes": {"config": "c", "kb": "k", "catalogues": "n",
                                                                      "models": "m"}}}


# test_a_quote_link_lands_on_its_words_in_a_long_article is in tests/test_serve_browser.py (its Chromium).


def test_readme_commands_on_a_store_of_another_name_and_with_nothing_found(tmp_path, monkeypatch):
    # README's commands ingested into corpus.duckdb, then ran `spinscope search ...` without --db: "no corpus database
    # at spinscope.duckdb; create one ..." beside the store just made. On the examples `copies` printed an empty
    # frame of fourteen squeezed headings ("gr… ro… do…"), `stories --min-docs 5` likewise.
    recs = [r for r, _ in corpus(3, seed=8, copy_rate=0.0)]
    monkeypatch.chdir(tmp_path)
    assert run("ingest", write(tmp_path / "r.jsonl", recs), "--db", "corpus.duckdb", "--no-embeddings").exit_code == 0
    res = run("search", "convoy")
    assert res.exit_code == 1 and "(this folder holds corpus.duckdb: give it with --db)" in res.output
    assert run("copies", "--db", "corpus.duckdb").output.startswith("no copies: ")
    assert run("copies", "--graph", "--db", "corpus.duckdb").output.startswith("no outlet copies or cites another")
    assert run("stories", "--min-docs", "5", "--db", "corpus.duckdb").output == \
        "no story of 5 documents or more (--min-docs)\n"
    assert run("copies", "--db", "corpus.duckdb", "--format", "csv").output.startswith("group,role,doc_id")


def test_serve_with_a_configuration_analyzes_with_its_knowledge_and_shows_its_ratings(tmp_path):
    # `spinscope serve --config desk.toml` read only the file's [serve] section: POST /api/analyze ran the default
    # pipeline (a desk's own actors unlinked, and a stored record analyzed otherwise than the store), and the outlet
    # pages never showed the ratings `kb import-ratings` wrote, which `spinscope outlet NAME --kb FILE` shows.
    import httpx

    from spinscope.serve.cli import configured_app
    from spinscope.serve.settings import load

    from .serve_corpus import Running
    (tmp_path / "desk.yaml").write_text(
        "actors:\n  - id: zorvan-pelluck\n    name: Zorvan Pelluck\n    type: person\n    aliases: [Pelluck]\n"
        "  - id: port-desk\n    name: Port Desk\n    type: media\n"
        "    ratings:\n      - {source: Our desk, date: 2026-12-01, factuality: high, bias: center}\n",
        encoding="utf-8")
    toml = tmp_path / "desk.toml"
    toml.write_text(f'[kb]\nfiles = ["{tmp_path / "desk.yaml"}"]\n[pipeline]\ndisable = ["techniques", "narratives"]\n',
                    encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "r.jsonl", [long_record()]), "--db", db, "--no-embeddings").exit_code == 0
    with Running(configured_app(db, load(str(toml)), str(toml))) as server:
        page = httpx.get(server.url + "/outlets/Port%20Desk").text
        assert "Rated by Our desk (2026-12-01): factuality high, bias center" in page
        assert httpx.get(server.url + "/api/outlets/Port%20Desk").json()["ratings"][0]["factuality"] == "high"
        rec = httpx.post(server.url + "/api/analyze", json={"text": "Zorvan Pelluck opened the harbour bridge in "
                                                                    "Lisbon on Monday, Pelluck said."},
                         timeout=300).json()
        assert "zorvan-pelluck" in {e["kb_id"] for e in rec["entities"]}


def test_the_next_page_keeps_every_filter(tmp_path):
    # /documents?since=... listed 50 documents published since then, and its "Next page" was /documents?cursor=N:
    # page 2 listed documents of any date. The quotes page's next link kept five filters and dropped the others
    # (`actor`: quotes of documents naming an actor; page 2 was every document's).
    import httpx

    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings

    from .serve_corpus import Running, encode
    recs = [r for r, _ in corpus(160, seed=4, copy_rate=0.0)]
    dates = sorted(r["source"]["published"] for r in recs)
    since = dates[len(dates) // 4]  # three quarters of the documents: more than one page of 50
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "r.jsonl", recs), "--db", db, "--no-embeddings").exit_code == 0
    want = {r["doc_id"] for r in recs if r["source"]["published"] >= since}
    import re
    with Running(create_app(db, Settings(), encode=encode)) as server:
        url, seen = f"/documents?since={since}", []
        while url:
            html = httpx.get(server.url + url).text
            seen += re.findall(r'<tr><td><a href="/documents/([0-9a-f]+)"', html)
            nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
            url = nxt.group(1).replace("&amp;", "&") if nxt else None
        assert len(seen) == len(set(seen)) and set(seen) == want


def test_ingest_checks_its_knowledge_files_before_it_reads_or_creates_anything(tmp_path):
    # `ingest --kb broken.yaml` (or a --config whose [kb] file or TOML is broken) read its inputs first and built the
    # pipeline only for the first raw document: a table whose text column was not given failed with "no text column"
    # and the broken file was never named; a store of records only never checked it; the database file was created.
    (tmp_path / "bad.yaml").write_text("actors:\n  - id: x-y\n    name: X\n    type: persn\n", encoding="utf-8")
    (tmp_path / "bad.toml").write_text(f'[kb]\nfiles = ["{tmp_path / "bad.yaml"}"]\n', encoding="utf-8")
    (tmp_path / "worse.toml").write_text("[kb\nfiles = 3\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("body,outlet\nThe harbour reopened on Monday.,Port Desk\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    res = run("ingest", str(tmp_path / "t.csv"), "--kb", str(tmp_path / "bad.yaml"), "--db", str(db))
    assert res.exit_code == 2 and "bad.yaml:4: field `type`: 'persn'" in res.output
    res = run("ingest", str(tmp_path / "t.csv"), "--config", str(tmp_path / "bad.toml"), "--db", str(db))
    assert res.exit_code == 2 and "bad.toml: " in res.output and "bad.yaml:4: field `type`" in res.output
    res = run("ingest", str(tmp_path / "t.csv"), "--config", str(tmp_path / "worse.toml"), "--db", str(db))
    assert res.exit_code == 2 and "not valid TOML" in res.output
    assert not db.exists()


def test_the_documents_page_says_which_filters_it_applies_and_when_nothing_matches(tmp_path):
    # /documents?technique=Doubt&outlet=nyt&since=2016-01-01 was headed "Documents · Newest stored first" like the
    # whole list (the filters showed only in the search box's folded panel), and a filter matching nothing gave an
    # empty table without a word.
    import httpx

    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings

    from .serve_corpus import Running, encode
    recs = [r for r, _ in corpus(4, seed=9, copy_rate=0.0)]
    outlet = recs[0]["source"]["outlet"]
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", write(tmp_path / "r.jsonl", recs), "--db", db, "--no-embeddings").exit_code == 0
    with Running(create_app(db, Settings(), encode=encode)) as server:
        html = httpx.get(server.url + "/documents", params={"outlet": outlet, "since": "2000-01-01"}).text
        assert f'Only documents with outlet <strong dir="auto">{outlet}</strong>, since <strong dir="auto">2000-01-01' \
               f'</strong>' in html and '<a href="/documents">all documents</a>' in html
        html = httpx.get(server.url + "/documents", params={"technique": "No_Such_Technique"}).text
        assert "No document matches these filters." in html
        assert "Only documents with" not in httpx.get(server.url + "/documents").text
