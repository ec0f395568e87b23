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
