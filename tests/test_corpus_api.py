"""The Python API over the store (`spinscope.Corpus`, docs/api.md) on a store it ingested from tables we wrote: each
method answers as the command line and the REST API do, and `--column` takes several columns for one field."""
from __future__ import annotations

import csv
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

import spinscope
from spinscope.cli import cli, parse_columns
from spinscope.corpus.store import StoreError
from spinscope.ingest import read
from spinscope.ingest.base import ReadOptions
from spinscope.model import Document

from .serve_corpus import encode

# Two tables of one run spelling their columns otherwise: the CSV's text is in `body`, the JSONL's in `content`.
CSV_ROWS = [
    {"body": "Russia accused Ukraine of shelling Donetsk on Monday. \"Ukrainian artillery fired on homes in "
             "Donetsk and killed two civilians,\" said Maria Zakharova, the spokeswoman of the Russian foreign "
             "ministry. Ukraine denied the claim.",
     "headline": "Moscow accuses Kyiv over Donetsk shelling", "site": "Daily Ledger", "published_at": "2022-03-07"},
    {"body": "Negotiators from Russia and Ukraine met in Istanbul on Tuesday, but the talks broke up after an hour. "
             "Dmytro Kuleba said the shelling of Kharkiv made any agreement impossible. \"We will not sign while "
             "our cities burn,\" Kuleba told reporters.",
     "headline": "Istanbul talks break up", "site": "Daily Ledger", "published_at": "2022-03-15"},
    {"body": "The European Union condemned Russia for the attack on the port of Odesa on Saturday. \"This is a "
             "barbaric act,\" said Josep Borrell, the EU's foreign policy chief. The zanzibarquokka grain deal was "
             "meant to keep the port open.",
     "headline": "EU condemns strike on Odesa", "site": "Harbour Post", "published_at": "2022-07-23"},
]
JSONL_ROWS = [
    {"content": CSV_ROWS[0]["body"] + " The ministry repeated the charge on Tuesday.",
     "headline": "Russia says Ukraine shelled Donetsk", "site": "Wire Digest", "published_at": "2022-03-08"},
    {"content": "Turkey offered to host new talks between Russia and Ukraine in Istanbul. Recep Tayyip Erdogan "
                "said Turkey would keep its ports open to grain ships.",
     "headline": "Ankara offers talks", "site": "Wire Digest", "published_at": "2022-04-02"},
]
COLUMNS = {"text": ["body", "content"], "title": "headline", "outlet": "site", "date": "published_at"}


def write_tables(folder):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "ledger.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(CSV_ROWS[0]))
        w.writeheader()
        w.writerows(CSV_ROWS)
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as f:
        for row in JSONL_ROWS:
            f.write(json.dumps(row) + "\n")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("api")
    folder = write_tables(tmp / "in")
    db = tmp / "api.duckdb"
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        first = c.ingest([folder], columns=COLUMNS)
        again = c.ingest([folder], columns=COLUMNS)
    return {"db": db, "first": first, "again": again, "tmp": tmp}


@pytest.fixture
def corpus(built):
    with spinscope.Corpus(built["db"], encode=encode) as c:
        yield c


def by_title(corpus) -> dict[str, str]:
    return {d["title"]: d["doc_id"] for d in corpus.documents(limit=100)}


def test_ingest_stores_both_tables_once(built):
    first, again = built["first"], built["again"]
    assert (first.stored, first.failures, first.documents) == (5, [], 5)
    assert (again.stored, again.skipped, again.documents) == (0, 5, 5)


def test_documents_carry_the_columns_of_each_table(corpus):
    docs = {d["title"]: d for d in corpus.documents(limit=100)}
    assert len(corpus) == 5 and len(docs) == 5
    assert docs["Moscow accuses Kyiv over Donetsk shelling"]["outlet"] == "Daily Ledger"
    assert docs["Russia says Ukraine shelled Donetsk"]["outlet"] == "Wire Digest"
    assert docs["Ankara offers talks"]["published"] == "2022-04-02"


def test_documents_filters_and_pages(corpus):
    assert {d["outlet"] for d in corpus.documents(outlet="wire digest")} == {"Wire Digest"}
    march = corpus.documents(since="2022-03-01", until=date(2022, 3, 31))
    assert sorted(d["published"] for d in march) == ["2022-03-07", "2022-03-08", "2022-03-15"]
    seen, cursor = [], None
    while True:
        page = corpus.documents(limit=2, cursor=cursor)
        seen += [d["doc_id"] for d in page]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == 5 == len(set(seen))
    with pytest.raises(TypeError, match=r"unknown argument 'outlets' \(did you mean 'outlet'\?\)"):
        corpus.documents(outlets="x")


def test_document_is_the_stored_record(corpus):
    doc_id = by_title(corpus)["EU condemns strike on Odesa"]
    record = corpus.document(doc_id)
    doc = Document.from_dict(record)
    assert doc.doc_id == doc_id and "zanzibarquokka" in doc.text
    assert record["quotes"] and all(doc.text[q["start"]:q["end"]] == q["text"] for q in record["quotes"])
    assert corpus.document("0" * 16) is None


def test_search_modes_and_filters(corpus):
    hits = corpus.search("zanzibarquokka", mode="text")
    assert [h["title"] for h in hits] == ["EU condemns strike on Odesa"]
    passage = hits[0]["passage"]
    s, e = hits[0]["highlights"][0]
    assert passage["text"][s - passage["start"]:e - passage["start"]].lower() == "zanzibarquokka"
    assert {h["outlet"] for h in corpus.search("Donetsk shelling", outlet="Wire Digest")} == {"Wire Digest"}
    assert corpus.search("grain ports", mode="semantic", limit=2)  # by the stand-in encoder's vectors
    with pytest.raises(ValueError):
        corpus.search("x", mode="fuzzy")


def test_quotes_by_speaker_text_and_kind(corpus):
    quotes = corpus.quotes()
    assert any(q["text"] == '"This is a barbaric act,"' for q in quotes)
    kuleba = corpus.quotes(speaker="Dmytro Kuleba")
    assert kuleba and all("Kuleba" in q["speaker"] for q in kuleba)
    assert [q["text"] for q in corpus.quotes(contains="barbaric")] == ['"This is a barbaric act,"']
    assert all(q["kind"] == "direct" for q in corpus.quotes(kind="direct"))
    assert all(q["outlet"] == "Harbour Post" for q in corpus.quotes(outlet="Harbour Post"))
    with pytest.raises(ValueError, match="unknown quote kind 'drect'"):
        corpus.quotes(kind="drect")


def test_events_by_type_who_and_whom(corpus):
    events = corpus.events()
    accuse = corpus.events(type="ACCUSE")
    assert accuse and all(e["type"] == "ACCUSE" for e in accuse)
    assert len(accuse) < len(events)
    by_russia = corpus.events(who="Russia")
    assert by_russia and all(e["actor_kb_id"] == "russia" or e["actor"].lower() == "russia" for e in by_russia)
    assert all(e["target_kb_id"] == "ukraine" or (e["target"] or "").lower() == "ukraine"
               for e in corpus.events(whom="Ukraine"))
    assert corpus.events_geojson()["type"] == "FeatureCollection"


def test_actors_network_and_trends(corpus):
    actors = {a["actor"]: a for a in corpus.actors()}
    assert actors["russia"]["documents"] >= 4
    page = corpus.actor("russia")
    assert page["documents"] == actors["russia"]["documents"]
    net = corpus.actor_network()
    ids = {n["id"] for n in net["nodes"]}
    assert {"russia", "ukraine"} <= ids
    pair = [e for e in net["edges"] if e["kind"] == "cooccurrence" and {e["source"], e["target"]} == {"russia", "ukraine"}]
    assert pair and pair[0]["weight"] >= 3
    assert all(e["weight"] >= 2 for e in corpus.actor_network(min_weight=2)["edges"] if e["kind"] == "cooccurrence")
    rows = corpus.trends(actor="russia", by="month")
    assert [r["period"] for r in rows] == ["2022-03-01", "2022-04-01", "2022-05-01", "2022-06-01", "2022-07-01"]
    assert sum(r["total"] for r in rows) == 5
    with pytest.raises(ValueError):
        corpus.trends()


def test_copies_stories_outlets_report_export(corpus, built):
    ids = by_title(corpus)
    groups = corpus.copies()
    pair = {ids["Moscow accuses Kyiv over Donetsk shelling"], ids["Russia says Ukraine shelled Donetsk"]}
    assert any({d["doc_id"] for d in g["documents"]} == pair for g in groups)
    assert groups[0]["original"] == ids["Moscow accuses Kyiv over Donetsk shelling"]  # published a day earlier
    assert {(e["copier"], e["source"]) for e in corpus.provenance()} == {("Wire Digest", "Daily Ledger")}
    stories = corpus.stories(min_docs=1)
    assert sum(s["documents"] for s in stories) == 5
    assert corpus.story(stories[0]["story"])["items"]
    outlets = {o["outlet"]: o for o in corpus.outlets()}
    assert outlets["Daily Ledger"]["documents"] == 2 and outlets["Wire Digest"]["copies_made"] == 1
    profile = corpus.outlet("Harbour Post")
    assert profile["documents"] == 1 and corpus.outlet("Nowhere Times") is None
    assert corpus.report()
    out = built["tmp"] / "docs.jsonl"
    assert corpus.export("documents", out) == 5
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == set(ids.values())
    assert corpus.sql("SELECT count(*) AS n FROM quotes")[0]["n"] == len(corpus.quotes(limit=500))


def test_ingest_takes_the_commands_options(built, tmp_path):
    """stale, disable and pipeline reach the run as `spinscope ingest --stale --disable` do; a run analyzed otherwise
    than the stored documents says so."""
    import shutil
    db = tmp_path / "copy.duckdb"
    shutil.copy(built["db"], db)
    (tmp_path / "new.txt").write_text("Kuleba met Erdogan in Ankara on Friday.\n", encoding="utf-8")
    with spinscope.Corpus(db, write=True, encode=encode) as c:
        assert c.ingest(stale=True).stored == 0  # the same pipeline: nothing is stale
        other = c.ingest([tmp_path / "new.txt"], pipeline=spinscope.Pipeline(disable=["parse"]))
        assert other.stored == 1 and "analyzed with another configuration" in other.warning
        redone = c.ingest(stale=True, disable=["techniques"])
        assert redone.stored == 6 and redone.warning is None and len(c) == 6
        with pytest.raises(ValueError):
            c.ingest()


def test_read_only_and_missing(built, tmp_path):
    with spinscope.Corpus(built["db"]) as c:
        with pytest.raises(PermissionError):
            c.ingest([tmp_path])
    with pytest.raises(StoreError, match="no corpus database"):
        spinscope.Corpus(tmp_path / "none.duckdb")


# --- the same answers from the command line, the REST API and Python -----------------------------------------

def cli_rows(*args) -> list[dict]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def as_json(rows):
    """Python's values as the REST API sends them (a date as YYYY-MM-DD)."""
    return json.loads(json.dumps(list(rows), default=str))


@pytest.fixture(scope="module")
def client(built):
    from fastapi.testclient import TestClient

    from spinscope.serve.app import create_app
    with TestClient(create_app(built["db"], encode=encode), client=("127.0.0.1", 4000)) as c:
        yield c


def test_python_cli_and_rest_agree(built, corpus, client, tmp_path):
    db = built["db"]
    # search: the ranked documents and their passages
    for query, extra in (("Donetsk shelling", {}), ("talks", {"outlet": "Wire Digest"})):
        mine = corpus.search(query, mode="text", **extra)
        flags = [x for k, v in extra.items() for x in (f"--{k}", v)]
        by_cli = cli_rows("search", query, "--db", db, "--text", "--format", "jsonl", *flags)
        by_rest = client.get("/api/search", params={"q": query, "mode": "text", "limit": 10, **extra}).json()["results"]
        assert mine and [r["doc_id"] for r in mine] == [r["doc_id"] for r in by_cli] == [r["doc_id"] for r in by_rest]
        assert [r["passage"] for r in mine] == [r["passage"] for r in by_rest]
        assert [(r["start"], r["end"]) for r in by_cli] == [(r["passage"]["start"], r["passage"]["end"]) for r in mine]
    assert as_json(corpus.search("grain ports")) == \
        client.get("/api/search", params={"q": "grain ports", "limit": 10}).json()["results"]

    # events and quotes: the REST lists, Python's, and the command line's export of the tables
    def keys(rows):
        return sorted((r["doc_id"], r["id"]) for r in rows)
    exported = tmp_path / "events.jsonl"
    cli_rows("export", "--db", db, "--table", "events", "--out", exported)
    table = [json.loads(line) for line in exported.read_text().splitlines()]
    assert keys(corpus.events()) == keys(client.get("/api/events").json()["items"]) == keys(table)
    for params in ({"type": "ACCUSE"}, {"who": "russia"}, {"whom": "Ukraine"}, {"outlet": "Daily Ledger"}):
        mine = corpus.events(**params)
        assert mine and as_json(mine) == client.get("/api/events", params=params).json()["items"], params
    assert keys([e for e in table if e["type"] == "ACCUSE"]) == keys(corpus.events(type="ACCUSE"))

    exported = tmp_path / "quotes.jsonl"
    cli_rows("export", "--db", db, "--table", "quotes", "--out", exported)
    table = [json.loads(line) for line in exported.read_text().splitlines()]
    assert keys(corpus.quotes(limit=500)) == keys(client.get("/api/quotes", params={"limit": 500}).json()["items"]) \
        == keys(table)
    for params in ({"speaker": "Dmytro Kuleba"}, {"contains": "barbaric"}, {"kind": "statements"},
                   {"outlet": "Daily Ledger", "kind": "direct"}):
        mine = corpus.quotes(**params)
        assert mine and as_json(mine) == client.get("/api/quotes", params=params).json()["items"], params
    kuleba = corpus.quotes(speaker="Dmytro Kuleba")
    assert keys(kuleba) == keys([q for q in table if q["speaker_name"] == kuleba[0]["speaker"]])


# --- several columns for one field ------------------------------------------------------------------------------

def test_parse_columns_keeps_every_column_given():
    cols = parse_columns(("text=body", "text=content", "date=published_at"))
    assert cols["text"] == ["body", "content"] and cols["date"] == "published_at" and cols["url"] == "url"


def test_reader_takes_the_first_column_a_table_has(tmp_path):
    folder = write_tables(tmp_path / "in")
    (folder / "plain.jsonl").write_text(json.dumps({"text": "A third spelling: the default column.",
                                                    "date": "2022-05-01"}) + "\n")
    opts = ReadOptions(columns=parse_columns(("text=body", "text=content", "date=published_at", "title=headline")))
    docs = list(read([folder], opts))
    assert all(isinstance(d, Document) for d in docs), docs
    assert sorted(d.source.published for d in docs) == ["2022-03-07", "2022-03-08", "2022-03-15", "2022-04-02",
                                                          "2022-05-01", "2022-07-23"]
    assert {d.text for d in docs} >= {CSV_ROWS[0]["body"], JSONL_ROWS[1]["content"]}
    (folder / "odd.csv").write_text("story,head\nwords,a title\n")
    fails = [d for d in read([folder / "odd.csv"], opts)]
    assert "no text column 'body' or 'content' or 'text'" in str(fails[-1])


def test_ingest_command_takes_two_text_columns(tmp_path):
    folder = write_tables(tmp_path / "in")
    db = tmp_path / "c.duckdb"
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--column", "text=body", "--column",
                                   "text=content", "--column", "date=published_at", "--column", "outlet=site",
                                   "--disable", "parse", "--no-embeddings", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "stored 5, skipped 0 already stored, failed 0" in res.stderr
    with spinscope.Corpus(db) as c:
        assert {d["outlet"] for d in c.documents()} == {"Daily Ledger", "Harbour Post", "Wire Digest"}


# --- docs/api.md's example runs as written ------------------------------------------------------------------------

def test_the_documented_example_runs(tmp_path, monkeypatch, capsys):
    from .conftest import ROOT
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", doc, re.S | re.M)
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), namespace)  # noqa: S102 - our own documentation
    out = capsys.readouterr().out
    assert namespace["report"].stored == 3 and not namespace["report"].failures
    assert out.startswith("3 stored, 0 skipped, []")
    assert namespace["hits"] and namespace["doc"].doc_id == namespace["hits"][0]["doc_id"]
    assert "Dmytro Kuleba" in out and "ACCUSE" in out
