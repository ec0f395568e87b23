"""What the stop-35 walk-through (114 real documents through batch, Ray, ingest, every export, the web UI in Chromium)
found wrong; each test fails on the code before its fix."""
from __future__ import annotations

import json
import os
import re

import httpx
import pytest
from click.testing import CliRunner

from bench.corpus_synth import corpus
from spinscope.cli import cli
from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import Running, encode


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def store(tmp_path, recs: list[dict]) -> str:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", str(path), "--db", db, "--no-embeddings").exit_code == 0
    return db


def with_techniques(rec: dict, names: list[str]) -> dict:
    body = rec["body"][0]
    rec["techniques"] = [{"technique": n, "start": body["start"], "end": body["start"] + 5,
                          "text": rec["text"][body["start"]:body["start"] + 5], "score": 0.9} for n in names]
    return rec


def chart_points(html: str, label: str) -> dict[str, str]:
    svg = re.search(rf'<svg class="chart"[^>]*aria-label="{label}".*?</svg>', html, re.S).group(0)
    return {m.group(1): m.group(2) for m in re.finditer(r"<circle [^>]*><title>(.*?): ([\d.]+)</title>", svg)}


def test_the_narratives_page_counts_documents_once_by_outlet_and_in_other(tmp_path):
    # The walk-through's "Techniques over time by outlet (documents per month)" said wash-post had 28 documents in
    # March 2016: it had 4, with 28 (document, technique) pairs; the "other" line of the by-technique chart likewise
    # counted a document once per folded technique (8 for 4 documents).
    recs = [r for r, _ in corpus(3, seed=7, copy_rate=0.0)]
    many = ["Doubt", "Slogans", "Repetition", "Flag-Waving", "Bandwagon", "Loaded_Language", "Name_Calling",
            "Exaggeration", "Appeal_to_fear", "Whataboutism"]
    for r in recs:
        r["source"].update(outlet="Desk", published="2016-03-10")
        with_techniques(r, many)  # ten techniques each: seven lines drawn, three folded into "other"
    db = store(tmp_path, recs)
    with Running(create_app(db, Settings(), encode=encode)) as server:
        html = httpx.get(server.url + "/narratives").text
    by_outlet = chart_points(html, "techniques by outlet")
    assert by_outlet == {"Desk, Mar 2016": "3"}  # (stop 42: a month is named so, not 2016-03-01)
    by_technique = chart_points(html, "techniques over time")
    assert by_technique["other, Mar 2016"] == "3"
    assert by_technique["Doubt, Mar 2016"] == "3"


def test_a_table_exported_to_standard_output_is_the_file_it_exports_to(tmp_path):
    # `export --table documents --format csv > d.csv` wrote the stages as "['clean', 'parse']", a comment's `empty` as
    # "False" and a vector as "(0.1, ...)" in float64 digits; with --out the same table says "[clean, parse]",
    # "false", "[0.1, ...]": one command, two files that read back differently.
    recs = [r for r, _ in corpus(4, seed=9, copy_rate=0.0)]
    for r in recs:
        r["provenance"]["stages"] = ["clean", "parse"]
    r = recs[0]
    s = len(r["text"]) + 2
    r["text"] += "\n\nA reader's comment here."
    r["doc_id"] = r["doc_id"][:-1] + ("0" if r["doc_id"][-1] != "0" else "1")
    r["comments"] = [{"id": "c1", "parent": None, "author": "Ann", "depth": 0, "start": s, "end": len(r["text"]),
                      "empty": False, "posted": None}]
    db = store(tmp_path, recs)
    for table in ("documents", "comments", "stories", "sightings", "entities"):
        for fmt in ("csv", "jsonl"):
            if table == "documents" and fmt == "jsonl":
                continue  # whole records, written by Python both ways
            out = tmp_path / f"{table}.{fmt}"
            assert run("export", "--table", table, "--format", fmt, "--db", db, "--out", str(out)).exit_code == 0
            piped = run("export", "--table", table, "--format", fmt, "--db", db)
            assert piped.exit_code == 0
            assert piped.stdout_bytes == out.read_bytes(), (table, fmt)


PID_STAGE = '''
import os
import time
from dataclasses import dataclass
from spinscope import register_stage

@dataclass(frozen=True)
class W35Config:
    pass

@register_stage("w35_pid", requires=("body",), assigns=(), config=W35Config)
def make(config, resources):
    path = os.environ["W35_PIDS"]
    waited = []
    def stage(docs):
        for _ in docs:
            with open(path, "a") as f:
                f.write(f"{os.getpid()}\\n")
            # the first document of each actor waits (at most 30 s) for another actor to write: with the work
            # spread, the second actor takes a block meanwhile; with every block on one actor, nobody comes
            deadline = time.monotonic() + 30
            while not waited and time.monotonic() < deadline:
                if len(set(open(path).read().split())) > 1:
                    break
                time.sleep(0.1)
            waited.append(True)
    return stage
'''


def test_a_single_table_is_read_in_parts_for_every_actor():
    # The walk-through's `batch lgl.parquet --engine ray --workers 2` gave Ray one input file, hence one block, and a
    # block goes to one actor: every document of a CSV, JSONL, Parquet, WARC or feed was analyzed by one actor however
    # many were asked for ("the operator only received 1 input(s)").
    from spinscope.ingest.base import ReadOptions
    from spinscope.scale.ray_engine import plan_reads
    reads = plan_reads(["big.csv"], 2, ReadOptions())
    assert len(reads) == 4 and {r["part"] for r in reads} == {0, 1, 2, 3}
    assert plan_reads(["a.html", "b.txt"], 2, ReadOptions()) == [{"path": "a.html", "part": 0, "parts": 1},
                                                                  {"path": "b.txt", "part": 0, "parts": 1}]
    many = [f"f{i}.jsonl" for i in range(8)]
    assert all(r["parts"] == 1 for r in plan_reads(many, 2, ReadOptions()))  # enough files: one task each


def test_the_parts_of_a_table_give_every_document_once(tmp_path):
    from spinscope.ingest.base import ReadOptions
    from spinscope.scale.ray_engine import _Read
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}.\n\nIt was written on day {i}."}) + "\n" for i in range(11))
                    + "not json\n", encoding="utf-8")
    read = _Read(ReadOptions(), frozenset())
    whole = read({"path": str(path)})
    parts = [read({"path": str(path), "part": i, "parts": 3}) for i in range(3)]
    assert all(parts) and sorted(r["key"] for p in parts for r in p) == sorted(r["key"] for r in whole)
    assert len(whole) == 12 and sum(1 for p in parts for r in p if r["failure"]) == 1


@pytest.mark.slow
def test_ray_analyzes_one_table_on_every_actor(tmp_path, monkeypatch, capfd):
    pytest.importorskip("ray")
    from spinscope import Config
    from spinscope.scale.ray_engine import run_ray
    (tmp_path / "w35_pidstage.py").write_text(PID_STAGE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path}:{os.environ.get('PYTHONPATH', '')}")  # the actors import it too
    monkeypatch.setenv("W35_PIDS", str(tmp_path / "pids.txt"))
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}.\n\nIt was written on day {i}."}) + "\n" for i in range(16)),
                    encoding="utf-8")
    from spinscope.pipeline import STAGES
    cfg = Config.from_dict({"pipeline": {"modules": ["w35_pidstage"], "stages": ["clean", "w35_pid"]}})
    try:
        result = run_ray([str(path)], tmp_path / "out", config=cfg, workers=2, fmt="jsonl")
    finally:
        STAGES.pop("w35_pid", None)  # registered in this process too (the driver plans the pipeline)
    assert result.docs == 16 and result.failures == 0
    pids = (tmp_path / "pids.txt").read_text().split()
    assert len(pids) == 16 and len(set(pids)) == 2
    # and Ray Data's progress tables (every 10 s on a pipe, 20 of the 33 stderr lines of 12 documents) are off
    err = capfd.readouterr().err
    assert "Running Dataset" not in err and "Total Progress" not in err and "Progress bars disabled" not in err


def test_a_resumed_batch_says_what_failed_before(tmp_path):
    # After a kill, the walk-through's `batch ... --resume` said "58 documents analyzed, 1 failed, 20 done before":
    # the five bad inputs the killed run had failed (empty, binary, a cut WARC ...) were neither counted nor named, and
    # a resume that fails nothing new exits 0, as if every input had been read.
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}.\n\nIt was written on day {i}."}) + "\n" for i in range(3))
                    + json.dumps({"text": ""}) + "\nnot json\n", encoding="utf-8")
    out = str(tmp_path / "run")
    first = run("batch", str(path), "--out", out, "--disable", "parse", "--no-progress", "--format", "jsonl")
    assert first.exit_code == 1 and "3 documents analyzed, 2 failed, 0 done before," in first.stderr
    again = run("batch", str(path), "--out", out, "--disable", "parse", "--no-progress", "--format", "jsonl", "--resume")
    assert again.exit_code == 0
    assert "0 documents analyzed, 0 failed, 3 done before, 2 failed before (see " in again.stderr
    assert "failures.jsonl)" in again.stderr


def test_the_events_page_says_when_it_shows_only_the_newest(tmp_path, monkeypatch):
    # The events page lists the newest 1,000 events and said "1000 events; N with a place on the map" however many
    # the corpus holds (12 of 12 here, with the page cut at 5): an analyst read the cut as the corpus's count.
    from spinscope.serve.routes import events as events_routes
    recs = [r for r, _ in corpus(12, seed=11, copy_rate=0.0)]
    db = store(tmp_path, recs)
    n = sum(len(r["events"]) for r in recs)
    assert n > 5
    monkeypatch.setattr(events_routes, "EVENTS_SHOWN", 5, raising=False)
    with Running(create_app(db, Settings(), encode=encode)) as server:
        html = httpx.get(server.url + "/events").text
    assert f"{n} events" not in html and "5 events;" not in html
    assert "The newest 5 events (more match" in html


def test_a_file_named_parquet_that_is_not_one_says_so(tmp_path):
    # The walk-through's bad input "notparquet.parquet" failed with pyarrow's own words and class name:
    # "ArrowInvalid: Parquet magic bytes not found in footer. Either the file is corrupted or this is not a parquet file."
    import spinscope
    path = tmp_path / "notparquet.parquet"
    path.write_bytes(b"PAR1 nonsense")
    (failure,) = list(spinscope.analyze_paths([str(path)], disable=["parse"]))
    assert failure.reason.startswith("not a Parquet file, or a damaged one (") and "ArrowInvalid" not in failure.reason


def test_the_geojson_limit_counts_points_not_events(tmp_path):
    # GET /api/events.geojson took its `limit` (5,000 by default) of all events, newest first, and then kept those with
    # coordinates: placed events of older documents were left out while the answer held fewer points than the limit.
    recs = [r for r, _ in corpus(12, seed=13, copy_rate=0.0)]
    for i, r in enumerate(recs):
        r["source"]["published"] = f"2016-05-{i + 1:02d}"
        if i >= 4:  # the eight newest documents' events have no place
            for e in r["events"]:
                e["place"] = None
    placed = sum(len(r["events"]) for r in recs[:4])
    assert placed >= 2
    db = store(tmp_path, recs)
    with Running(create_app(db, Settings(), encode=encode)) as server:
        for extra in ("", "&since=2016-01-01"):  # the digest's path and the query's
            got = httpx.get(f"{server.url}/api/events.geojson?limit={placed}{extra}").json()
            assert len(got["features"]) == placed, extra


@pytest.mark.slow
def test_events_reads_a_table_by_its_columns_and_a_configuration(tmp_path):
    # `spinscope events polnear.csv` could not be told that the text is in "Story Body" (no --column: "no text column
    # 'text'"), nor given the TOML the batch ran with (no --config), though analyze, ingest and batch take both.
    import csv
    path = tmp_path / "t.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Story Body", "Publisher"])
        w.writerow(["Russian aircraft bombed the city of Aleppo on Monday, the monitor said.", "Desk"])
    cfg = tmp_path / "s.toml"
    cfg.write_text("[pipeline]\ndoc_timeout = 60\n", encoding="utf-8")
    res = run("events", str(path), "--column", "text=Story Body", "--column", "outlet=Publisher", "--config", str(cfg),
              "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(r["outlet"] == "Desk" for r in rows)


def test_a_batch_says_each_failure_as_it_meets_it(tmp_path):
    # The walk-through's batch was killed 70 s in: five inputs had failed in its first seconds (failures.jsonl held
    # them) and stderr held no line of them; every failure line was kept for the end of the run.
    import signal
    import subprocess
    import sys
    import time
    path = tmp_path / "t.jsonl"
    path.write_text("not json\n" + "".join(json.dumps({"text": f"Story {i}.\n\nIt was written on day {i}."}) + "\n"
                                           for i in range(400)), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "spinscope", "batch", str(path), "--out", str(out), "--disable", "parse",
           "--shard-size", "20", "--no-progress", "--format", "jsonl"]
    err = open(tmp_path / "err.txt", "wb")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        manifest = out / "manifest.jsonl"
        if manifest.exists() and manifest.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    err.close()
    assert not finished  # killed before its end, as the walk-through's run was
    assert f"spinscope: error: '{path}#1': not JSON" in (tmp_path / "err.txt").read_text()
