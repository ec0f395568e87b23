"""`spinscope batch`: worker processes, shards, resume after a kill, crashes and failing documents."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import spinscope
from spinscope import Config
from spinscope.model import Document
from spinscope.pipeline import STAGES
from spinscope.scale.batch import run_batch
from spinscope.scale.manifest import MANIFEST
from spinscope.scale.shards import read_shard

from .conftest import EXAMPLES

# Cheap stages: the machinery is under test here, not the models.
CHEAP = Config.from_dict({"pipeline": {"stages": ["clean", "dates", "markers"]}})


def _records(folder: Path) -> list[dict]:
    return [r for shard in sorted(folder.glob("shard-*")) for r in read_shard(shard)]


def _corpus(tmp_path: Path, n: int, poison: dict[int, str] | None = None) -> Path:
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (poison or {}).get(i, f"Headline number {i}\n\nParagraph {i} of the article, written on May {i % 28 + 1}, 2016.")
            fh.write(json.dumps({"text": text, "outlet": "Example"}) + "\n")
    return path


def test_batch_writes_the_records_analyze_writes(tmp_path):
    out = tmp_path / "out"
    result = run_batch([str(EXAMPLES / "txt")], out, config=CHEAP, shard_size=3, chunk=1)
    expected = {d.doc_id: d.to_dict() for d in spinscope.analyze_paths([str(EXAMPLES / "txt")], pipeline=spinscope.Pipeline(CHEAP))
                if isinstance(d, Document)}
    got = _records(out)
    assert result.docs == len(expected) == len(got) and result.failures == 0
    assert {r["doc_id"]: r for r in got} == expected
    assert len(list(out.glob("shard-*.parquet"))) == -(-len(expected) // 3)
    import pyarrow.parquet as pq
    table = pq.read_table(next(out.glob("shard-*.parquet")))
    assert {"doc_id", "record"} <= set(table.column_names)  # the layout `spinscope ingest` reads


def test_shards_hold_shard_size_records_when_a_chunk_holds_more(tmp_path):
    # `--shard-size 3` with the default 8 documents per chunk wrote shards of 8 (journey33)
    corpus = _corpus(tmp_path, 10)
    result = run_batch([str(corpus)], tmp_path / "out", config=CHEAP, shard_size=3, chunk=8, fmt="jsonl")
    sizes = [len(list(read_shard(p))) for p in sorted((tmp_path / "out").glob("shard-*"))]
    assert result.docs == 10 and sizes == [3, 3, 3, 1]


def test_two_workers_give_the_same_records(tmp_path):
    corpus = _corpus(tmp_path, 40)
    one = run_batch([str(corpus)], tmp_path / "one", config=CHEAP, fmt="jsonl")
    two = run_batch([str(corpus)], tmp_path / "two", config=CHEAP, workers=2, chunk=4, fmt="jsonl")
    assert one.docs == two.docs == 40
    key = lambda r: r["source"]["path"]  # noqa: E731
    assert sorted(_records(tmp_path / "one"), key=key) == sorted(_records(tmp_path / "two"), key=key)


def test_a_killed_batch_resumes_without_loss_or_doubles(tmp_path):
    corpus = _corpus(tmp_path, 400)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "spinscope", "batch", str(corpus), "--out", str(out), "--disable", "parse",
           "--shard-size", "20", "--no-progress", "--format", "jsonl"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 240
    while time.time() < deadline:
        lines = (out / MANIFEST).read_text().count("\n") if (out / MANIFEST).exists() else 0
        if lines >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = len(_records(out))
    assert before < 400, "the kill came too late to test a resume"
    run = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    records = _records(out)
    paths = [r["source"]["path"] for r in records]
    assert len(paths) == len(set(paths)) == 400
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 2 and "--resume" in again.stderr  # never mixes two batches silently


@pytest.fixture
def crash_stages():
    """A configuration with the test stage of tests/crash_stage.py (workers import it by name)."""
    yield Config.from_dict({"pipeline": {"modules": ["tests.crash_stage"], "stages": ["clean", "crash_test"]}})
    STAGES.pop("crash_test", None)


def test_a_worker_crash_is_retried_then_recorded(tmp_path, crash_stages):
    corpus = _corpus(tmp_path, 30, poison={7: "Title\n\nKILL-THE-WORKER now.", 19: "Title\n\nRAISE-IN-STAGE here."})
    out = tmp_path / "out"
    result = run_batch([str(corpus)], out, config=crash_stages, workers=2, chunk=4, fmt="jsonl")
    assert result.docs == 28 and result.failures == 2
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    reasons = {f["input"].rsplit("#", 1)[1]: f["reason"] for f in failures}
    assert "died on this document twice" in reasons["8"]  # records are numbered from 1
    assert "refused by the test stage" in reasons["20"]
    assert len({r["source"]["path"] for r in _records(out)}) == 28


@pytest.fixture(scope="module")
def unbuildable():
    """A configuration with the stage of tests/unbuildable_stage.py (imported once: kept for the module)."""
    yield Config.from_dict({"pipeline": {"modules": ["tests.unbuildable_stage"], "stages": ["clean", "unbuildable_test"]}})
    STAGES.pop("unbuildable_test", None)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_that_cannot_be_built_stops_the_batch_with_its_error(tmp_path, unbuildable, workers):
    from spinscope.errors import ModelError
    from spinscope.pipeline import Pipeline

    assert Pipeline(unbuildable, build=False).names == ["clean", "unbuildable_test"]  # the driver's plan only
    corpus = _corpus(tmp_path, 12)
    with pytest.raises(ModelError, match="model is missing"):
        run_batch([str(corpus)], tmp_path / "out", config=unbuildable, workers=workers, chunk=4, fmt="jsonl")
    assert not list((tmp_path / "out").glob("shard-*"))


def test_the_start_and_the_steady_rate_are_reported(tmp_path):
    corpus = _corpus(tmp_path, 24)
    result = run_batch([str(corpus)], tmp_path / "out", config=CHEAP, workers=2, chunk=4, fmt="jsonl")
    assert result.first_docs == 4 and 0 < result.first_seconds <= result.seconds
    assert result.steady_rate() == pytest.approx(20 / (result.seconds - result.first_seconds))


@pytest.mark.slow
def test_ray_gives_the_same_records(tmp_path):
    pytest.importorskip("ray")
    from spinscope.scale.ray_engine import run_ray

    corpus = _corpus(tmp_path, 12)
    inputs = [str(corpus), str(EXAMPLES / "txt")]
    local = run_batch(inputs, tmp_path / "local", config=CHEAP, fmt="jsonl")
    remote = run_ray(inputs, tmp_path / "ray", config=CHEAP, workers=2, fmt="jsonl")
    assert remote.docs == local.docs and remote.failures == local.failures == 0
    key = lambda r: r["source"]["path"]  # noqa: E731
    assert sorted(_records(tmp_path / "ray"), key=key) == sorted(_records(tmp_path / "local"), key=key)


def test_the_summary_line_gives_the_bench_its_steady_rate(tmp_path):
    from bench.throughput import _SUMMARY

    corpus = _corpus(tmp_path, 24)
    cmd = [sys.executable, "-m", "spinscope", "batch", str(corpus), "--out", str(tmp_path / "out"), "--disable", "parse",
           "--no-progress", "--format", "jsonl"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    m = _SUMMARY.search(run.stderr)
    assert m and int(m[1]) == 24, run.stderr
    assert m[4] is not None and float(m[4]) <= float(m[2]) and float(m[5]) > 0  # first records, then a rate
