"""The corpus store: ingest of records and raw texts, idempotence, --stale, crash safety, schema migration, errors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from bench.corpus_synth import corpus
from spinscope.cli import cli
from spinscope.corpus import store
from spinscope.corpus.ingest import ingest, reanalyze, stale_ids
from spinscope.corpus.records import pipeline_provenance, provenance
from spinscope.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
LAYER_TABLES = ["documents", "segments", "entities", "mentions", "quotes", "citations", "places", "events",
                "techniques", "narratives", "labels", "markers", "minhashes"]
# The cheapest pipeline: the cleaner alone (no spaCy, no models).
CHEAP = ["parse", "entities", "quotes", "places", "dates", "events", "techniques", "narratives", "labels", "markers"]


def write_records(path: Path, n: int, seed: int = 0) -> list[dict]:
    recs = [r for r, _ in corpus(n, seed=seed)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return recs


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in LAYER_TABLES}
    finally:
        con.close()


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_records_are_stored_once_with_every_layer(tmp_path):
    recs = write_records(tmp_path / "r.jsonl", 40)
    db = tmp_path / "c.duckdb"
    res = run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings", "--batch-size", "7")
    assert res.exit_code == 0, res.output
    unique = {}
    for r in recs:
        unique.setdefault(r["doc_id"], r)  # the first of two records with one doc_id is the one stored
    first = counts(db)
    assert first["documents"] == len(unique)
    assert first["entities"] == sum(len(r["entities"]) for r in unique.values())
    assert first["quotes"] == sum(len(r["quotes"]) for r in unique.values())
    assert first["techniques"] == sum(len(r["techniques"]) for r in unique.values())
    # the same file again, and the same records under another name: nothing doubled
    (tmp_path / "again.jsonl").write_text((tmp_path / "r.jsonl").read_text())
    res = run("ingest", str(tmp_path / "r.jsonl"), str(tmp_path / "again.jsonl"), "--db", str(db), "--no-embeddings")
    assert res.exit_code == 0
    assert f"stored 0, skipped {2 * len(recs)}" in res.stderr
    assert counts(db) == first
    # --reanalyze of records rewrites them in place: still nothing doubled
    res = run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings", "--reanalyze")
    assert res.exit_code == 0
    assert counts(db) == first


def test_spans_survive_the_store(tmp_path):
    write_records(tmp_path / "r.jsonl", 15)
    db = tmp_path / "c.duckdb"
    run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings")
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT d.text, m.start, m."end", m.text FROM mentions m JOIN documents d USING (doc_id)""").fetchall()
    assert rows and all(text[s:e] == t for text, s, e, t in rows)
    # documents keep the whole record: exported it is the record as analyze wrote it
    rec = json.loads(con.execute("SELECT record FROM documents LIMIT 1").fetchone()[0])
    assert rec["schema"].startswith("spinscope.analysis/") and rec["text"]


def test_indirect_place_mentions_are_stored_as_their_own_layer(tmp_path):
    rec = next(r for r, _ in corpus(30) if r["places"])
    text = rec["text"]
    word = text.split()[0]
    start = text.index(word)
    rec["places"][0]["indirect_mentions"] = [{"start": start, "end": start + len(word), "text": word}]
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT item, start, "end", text FROM mentions WHERE layer = 'places.indirect'""").fetchall()
    assert rows == [(rec["places"][0]["id"], start, start + len(word), word)]


def test_raw_texts_are_analyzed_then_skipped(tmp_path):
    db = tmp_path / "c.duckdb"
    args = ["ingest", str(ROOT / "examples" / "txt"), "--db", str(db), "--no-embeddings"] + \
        [x for s in CHEAP for x in ("--disable", s)]
    res = run(*args)
    assert res.exit_code == 0, res.output
    n = counts(db)["documents"]
    assert n == len(list((ROOT / "examples" / "txt").glob("*.txt")))
    res = run(*args)
    assert f"stored 0, skipped {n}" in res.stderr


def test_stale_reanalyzes_exactly_the_documents_whose_provenance_changed(tmp_path):
    recs = write_records(tmp_path / "r.jsonl", 12)
    old = {r["doc_id"] for r in recs[:5]}
    for r in recs[:5]:
        r["provenance"]["hashes"]["kb"] = "old-kb"
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    con = store.connect(tmp_path / "c.duckdb", write=True, create=True)
    ingest(con, [str(tmp_path / "r.jsonl")], pipeline_factory=lambda: None)
    current = provenance(recs[-1])
    assert set(stale_ids(con, current)) == old
    pipeline = Pipeline(disable=CHEAP)
    result = reanalyze(con, stale_ids(con, current), pipeline=pipeline)
    assert result.stored == len(old) and not result.failures
    # the re-analyzed records carry this pipeline's provenance now, the others are untouched
    assert {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE hash_kb IS DISTINCT FROM 'k0'").fetchall()} \
        == (old if pipeline_provenance(pipeline)["hashes"]["kb"] != "k0" else set())
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len({r["doc_id"] for r in recs})
    con.close()


@pytest.mark.slow
def test_crash_mid_ingest_loses_and_doubles_nothing(tmp_path):
    recs = write_records(tmp_path / "r.jsonl", 600, seed=5)
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "spinscope", "ingest", str(tmp_path / "r.jsonl"), "--db", str(db),
           "--no-embeddings", "--batch-size", "20", "--verbose", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    committed = 0
    for line in proc.stderr:
        if line.startswith("committed:"):
            committed += 1
            if committed == 3:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = counts(db)["documents"]
    assert 60 <= partial < len({r["doc_id"] for r in recs})
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    after = counts(db)
    # a clean ingest of the same records, for comparison
    clean = tmp_path / "clean.duckdb"
    subprocess.run(cmd[:6] + [str(clean)] + cmd[7:], capture_output=True, text=True, env=env, check=True)
    assert after == counts(clean)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) - count(DISTINCT doc_id) FROM documents").fetchone()[0] == 0
    assert con.execute("SELECT count(*) - count(DISTINCT (doc_id, id)) FROM quotes").fetchone()[0] == 0


def _make_v1(db: Path) -> None:
    """A database as version 1 wrote it: no label entity names, no stories tables."""
    con = store.connect(db, write=True, create=True)
    con.execute("DROP TABLE stories")
    con.execute("DROP TABLE story_docs")
    con.execute("ALTER TABLE labels DROP COLUMN entity_name")
    con.execute("ALTER TABLE labels DROP COLUMN entity_kb_id")
    con.execute("ALTER TABLE comments DROP COLUMN posted")
    con.execute("INSERT INTO entities (doc_id, id, name, type, kb_id) VALUES ('d1', 'e1', 'Vladimir Putin', 'person', 'putin')")
    con.execute("""INSERT INTO labels (doc_id, id, entity, label, category, confidence, rule, start, "end", text)
                   VALUES ('d1', 'l1', 'e1', 'regime', 'delegitimizing', 0.9, 'modifier', 0, 6, 'regime')""")
    store.set_meta(con, "schema_version", "1")
    con.close()


def test_a_version_1_database_is_migrated(tmp_path):
    db = tmp_path / "old.duckdb"
    _make_v1(db)
    with pytest.raises(store.StoreError, match="older schema version 1"):
        store.connect(db)
    con = store.connect(db, write=True)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert con.execute("SELECT entity_name, entity_kb_id FROM labels").fetchall() == [("Vladimir Putin", "putin")]
    assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
    con.close()
    write_records(tmp_path / "r.jsonl", 5)
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings").exit_code == 0


def test_a_version_2_database_gets_comment_dates(tmp_path):
    db = tmp_path / "v2.duckdb"
    con = store.connect(db, write=True, create=True)
    con.execute("ALTER TABLE comments DROP COLUMN posted")
    con.execute("""INSERT INTO comments (doc_id, id, author, depth, start, "end", empty, text)
                   VALUES ('d0', 'c1', 'Ola', 0, 0, 4, false, 'Nope')""")
    store.set_meta(con, "schema_version", "2")
    con.close()
    with pytest.raises(store.StoreError, match="older schema version 2"):
        store.connect(db)
    recs = write_records(tmp_path / "r.jsonl", 3)
    text = recs[0]["text"]
    recs[0]["comments"] = [{"id": "c1", "parent": None, "author": None, "depth": 0, "start": 0,
                            "end": len(text.split()[0]), "empty": False, "posted": "2012-06-08"}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings").exit_code == 0
    con = store.connect(db)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    rows = dict(con.execute("SELECT doc_id, CAST(posted AS VARCHAR) FROM comments").fetchall())
    con.close()
    assert rows == {"d0": None, recs[0]["doc_id"]: "2012-06-08"}


def test_missing_newer_and_locked_databases_are_told_plainly(tmp_path):
    res = run("export", "--db", str(tmp_path / "none.duckdb"), "--table", "documents")
    assert res.exit_code == 1 and "no corpus database at" in res.stderr
    db = tmp_path / "new.duckdb"
    con = store.connect(db, write=True, create=True)
    store.set_meta(con, "schema_version", str(store.SCHEMA_VERSION + 1))
    con.close()
    res = run("export", "--db", str(db), "--table", "documents")
    assert res.exit_code == 1 and "newer than this spinscope" in res.stderr
    locked = tmp_path / "locked.duckdb"
    store.connect(locked, write=True, create=True).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
                               "print('ok', flush=True); time.sleep(30)", str(locked)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        res = run("export", "--db", str(locked), "--table", "documents")
        assert res.exit_code == 1 and "locked by another process" in res.stderr
    finally:
        holder.kill()
        holder.wait()


def test_progress_bar_shows_rate_and_time_left(tmp_path):
    from spinscope.corpus.cli import progress_bar
    with progress_bar(True, 10, "ingest") as update:
        update(3, 1, 0)
        time.sleep(0.05)
        update(6, 1, 0)
    with progress_bar(False, 10, "ingest") as update:
        assert update is None


@pytest.mark.slow
def test_stale_on_the_command_line(tmp_path):
    write_records(tmp_path / "r.jsonl", 6)
    db = tmp_path / "c.duckdb"
    run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings")
    res = run("ingest", "--stale", "--db", str(db), "--no-embeddings", *[x for s in CHEAP for x in ("--disable", s)])
    if all(v is None for v in pipeline_provenance(Pipeline(disable=CHEAP))["hashes"].values()):
        # until the pipeline reports provenance hashes, --stale says it cannot tell
        assert res.exit_code == 1 and "reports no provenance hashes" in res.stderr
    else:
        # the synthetic records carry made-up hashes: every one of them is stale
        assert res.exit_code == 0 and "stored 6," in res.stderr


@pytest.mark.slow
def test_raw_texts_with_embeddings_are_searchable_by_meaning(tmp_path):
    db = tmp_path / "c.duckdb"
    res = run("ingest", str(ROOT / "examples" / "txt"), "--db", str(db), *[x for s in CHEAP for x in ("--disable", s)])
    assert res.exit_code == 0, res.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM embeddings").fetchone() == con.execute("SELECT count(*) FROM documents").fetchone()
    assert con.execute("SELECT count(*) FROM story_docs").fetchone() == con.execute("SELECT count(*) FROM documents").fetchone()
    con.close()
    res = run("search", "economic sanctions against Russia", "--semantic", "--db", str(db), "--format", "jsonl",
              "--limit", "1")
    assert "Sanctions" in json.loads(res.stdout.splitlines()[0])["title"]


def test_a_text_reposted_word_for_word_by_another_outlet_is_kept_as_a_sighting(tmp_path):
    from spinscope.corpus.copies import copy_groups, provenance_edges
    recs = write_records(tmp_path / "r.jsonl", 6)
    first = recs[0]
    repost = json.loads(json.dumps(first))
    repost["source"].update(outlet="Echo Wire", url="https://echo.example/reposted", path="echo.jsonl",
                            published="2001-01-02")  # earlier than any synthetic date: the re-poster was first
    (tmp_path / "echo.jsonl").write_text(json.dumps(repost) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings").exit_code == 0
    res = run("ingest", str(tmp_path / "echo.jsonl"), "--db", str(db), "--no-embeddings")
    assert res.exit_code == 0 and "stored 0, skipped 1 already stored (1 of them under a new source" in res.stderr
    # again: the source is known now, nothing more is recorded
    res = run("ingest", str(tmp_path / "echo.jsonl"), str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings")
    assert "under a new source" not in res.stderr
    con = store.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len({r["doc_id"] for r in recs})
    rows = con.execute("SELECT outlet, url FROM sightings WHERE doc_id = ? ORDER BY seen_at, outlet",
                       [first["doc_id"]]).fetchall()
    assert rows == [(first["source"]["outlet"], first["source"]["url"]), ("Echo Wire", "https://echo.example/reposted")]
    group = next(g for g in copy_groups(con) if any(d["doc_id"] == first["doc_id"] for d in g.docs))
    original, copy = group.docs[0], next(d for d in group.docs if d["outlet"] == first["source"]["outlet"])
    assert (original["outlet"], original["url"], original["published"]) == \
        ("Echo Wire", "https://echo.example/reposted", "2001-01-02")
    assert copy["exact"] and copy["similarity"] == 1.0 and not original["exact"]
    edges = provenance_edges(con, [group])
    assert [(e["copier"], e["source"], e["copies"]) for e in edges if first["doc_id"] in e["doc_ids"]] == \
        [(first["source"]["outlet"], "Echo Wire", 1)]
    con.close()
    res = run("copies", "--db", str(db), "--format", "csv")
    assert "https://echo.example/reposted" in res.stdout


def test_a_version_3_database_gets_its_documents_as_first_sightings(tmp_path):
    recs = write_records(tmp_path / "r.jsonl", 4)
    db = tmp_path / "v3.duckdb"
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", str(db), "--no-embeddings").exit_code == 0
    con = store.connect(db, write=True)
    con.execute("DROP TABLE sightings")
    store.set_meta(con, "schema_version", "3")
    con.close()
    with pytest.raises(store.StoreError, match="older schema version 3"):
        store.connect(db)
    con = store.connect(db, write=True)
    got = con.execute("SELECT doc_id, outlet, url, path FROM sightings ORDER BY doc_id").fetchall()
    want = con.execute("SELECT doc_id, outlet, url, path FROM documents ORDER BY doc_id").fetchall()
    con.close()
    assert got == want and len(got) == len({r["doc_id"] for r in recs})
