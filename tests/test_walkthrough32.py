"""What a second new analyst met (stop 32): a CSV corpus whose text column is not called `text` could be read by
`analyze --column` but not stored by `ingest` nor sharded by `batch`, which had no `--column`."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
from click.testing import CliRunner

from spinscope.cli import cli

CSV = ("body,outlet,published_at,headline\n"
       '"The harbour board said on Monday that ferry fares would rise by a third in spring.",Island Post,2019-03-04,'
       "Ferry fares to rise\n"
       '"Dock workers said the new timetable would cut two evening crossings.",Quay Times,2019-03-06,Crossings cut\n')
COLUMNS = ["--column", "text=body", "--column", "date=published_at", "--column", "title=headline"]


def test_ingest_reads_a_csv_by_the_columns_given(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(CSV, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    r = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "--disable", "parse", "--no-embeddings",
                                 *COLUMNS])
    assert r.exit_code == 0, r.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT outlet, published, title, text FROM documents ORDER BY published").fetchall()
    assert [row[:3] for row in rows] == [("Island Post", "2019-03-04", "Ferry fares to rise"),
                                         ("Quay Times", "2019-03-06", "Crossings cut")]
    assert rows[0][3].startswith("The harbour board said")
    r = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "--column", "body"])
    assert r.exit_code == 2 and "FIELD=COLUMN" in r.output


def test_batch_reads_a_csv_by_the_columns_given(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(CSV, encoding="utf-8")
    out = tmp_path / "run"
    r = CliRunner().invoke(cli, ["batch", str(path), "--out", str(out), "--disable", "parse", *COLUMNS])
    assert r.exit_code == 0, r.output
    shard = pd.read_parquet(next(out.glob("shard-*.parquet")))
    assert sorted(shard["outlet"]) == ["Island Post", "Quay Times"]
    assert sorted(shard["title"]) == ["Crossings cut", "Ferry fares to rise"]
    assert {json.loads(rec)["text"].split()[1] for rec in shard["record"]} == {"harbour", "workers"}


SCRIPTS = ("Ministers met in Cairo on Tuesday, 4 March 2019.\n\n"
           "Министр иностранных дел Сергей Лавров заявил, что переговоры продолжатся.\n\n"
           "قال المتحدث إن الحكومة سترد على التقرير.\n")


def test_text_search_finds_words_of_other_scripts(tmp_path):
    """New-user walk-through (stop 32): the index keeps Cyrillic and Arabic words, but a query was cut at every
    character not a-z, so `search "Лавров" --text`, the API's text search and trends found nothing."""
    import httpx

    import spinscope
    from bench.corpus_synth import corpus
    from spinscope.pipeline import Pipeline
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings

    from .serve_corpus import Running, encode, store_records
    rec = spinscope.analyze(SCRIPTS, pipeline=Pipeline(stages=["clean"]), outlet="Harbour Courier",
                            published="2019-03-04").to_dict()
    others = [r for r, _ in corpus(6, seed=2, copy_rate=0.0)]
    db, _ = store_records(tmp_path, [rec, *others], encode, "scripts.duckdb", batch_size=10)
    for query in ("Лавров", "сергей лавров", "الحكومة"):
        r = CliRunner().invoke(cli, ["search", query, "--text", "--db", str(db), "--format", "csv"])
        assert r.exit_code == 0 and rec["doc_id"] in r.output, (query, r.output)
    app = create_app(str(db), Settings(), encode=encode)
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        for query in ("Лавров", "الحكومة"):
            found = client.get("/api/search", params={"q": query, "mode": "text"}).json()["results"]
            assert [x["doc_id"] for x in found] == [rec["doc_id"]], query
        rows = client.get("/api/trends", params={"q": "Лавров", "by": "month"}).json()["items"]
        assert sum(row["matching"] for row in rows) == 1
