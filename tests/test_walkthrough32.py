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
