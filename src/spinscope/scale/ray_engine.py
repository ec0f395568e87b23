"""`spinscope batch --engine ray`: the same batch on Ray Data, one pipeline per actor.

Input files are the rows of a dataset; read tasks turn each file into documents (so a cluster reads
in parallel too), actors analyze batches of them with a pipeline each builds once from the pickled
configuration, and the driver writes the shards and the manifest as results stream back, exactly
as the local runner does (same layout, same `--resume`). Ray Data's streaming executor gives the
back-pressure: reading pauses while the actors are busy. Without an address a local Ray is started.
"""
from __future__ import annotations

import json
import os
import pickle
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config
from ..ingest import _files, read_path
from ..ingest.base import Failure, ReadOptions
from ..ingest.sniff import detect_format
from ..pipeline import Pipeline
from .batch import CHUNK, SHARD, BatchResult, _ShardWriter, analyze_chunk, key_of
from .manifest import Manifest


# Readers of files that hold many documents: such a file is read by several tasks, each keeping every n-th item.
MANY = frozenset({"warc", "jsonl", "csv", "parquet", "feed"})


def plan_reads(files: list[str], actors: int, options: ReadOptions) -> list[dict]:
    """The read tasks: one row per file, or `parts` rows for a file of many documents when there are fewer files than
    twice the actors. A read task's output is one block of the dataset and a block goes to one actor, so a single
    CSV, JSONL, Parquet, WARC or feed read by one task was analyzed by one actor however many were asked for (Ray
    Data: "the operator only received 1 input(s)"), and held every document of the file in one block. Each part
    reads the file and keeps the items whose position modulo `parts` is its own (reading is cheap beside the
    analysis: a part costs one more pass over the file)."""
    want = 2 * max(1, actors)
    parts = max(1, -(-want // max(1, len(files))))
    rows = []
    for f in files:
        try:
            many = detect_format(Path(f), options.format) in MANY
        except Exception:  # unreadable here: the read task says why
            many = False
        n = parts if many else 1
        rows.extend({"path": f, "part": i, "parts": n} for i in range(n))
    return rows


class _Read:
    """A read task: one input file (or one part of it, `plan_reads`) -> rows of pickled documents (or a failure),
    skipping done ones."""

    def __init__(self, options: ReadOptions, done: frozenset[str]):
        self.options, self.done = options, done

    def __call__(self, row: dict) -> list[dict]:
        out = []
        part, parts = int(row.get("part", 0)), int(row.get("parts", 1))
        for i, item in enumerate(read_path(Path(row["path"]), self.options)):
            if i % parts != part:
                continue
            if isinstance(item, Failure):
                if item.input not in self.done:
                    out.append({"key": item.input, "doc": b"", "failure": item.reason})
            elif key_of(item) not in self.done:
                out.append({"key": key_of(item), "doc": pickle.dumps(item), "failure": ""})
        return out


class _Analyze:
    """An actor: builds its pipeline once, then analyzes batches of documents."""

    def __init__(self, pipeline_blob: bytes):
        self.pipeline: Pipeline = pickle.loads(pipeline_blob)  # arrives as its configuration

    def __call__(self, batch: dict) -> dict:
        keys, records, reasons = [], [], []
        docs, failed = [], []
        for key, blob, failure in zip(batch["key"], batch["doc"], batch["failure"]):
            if failure:
                failed.append((str(key), None, str(failure)))
            else:
                docs.append(pickle.loads(blob))
        for key, record, reason in failed + analyze_chunk(self.pipeline, docs):
            keys.append(key)
            records.append(json.dumps(record, ensure_ascii=False) if record is not None else "")
            reasons.append(reason or "")
        return {"key": keys, "record": records, "reason": reasons}


def input_files(inputs: Iterable[str], manifest: Manifest, result: BatchResult) -> list[str]:
    """The files to read: directories walked as `spinscope analyze` walks them; missing paths fail."""
    files = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for f in _files(path):
                if isinstance(f, Failure):
                    _fail(manifest, result, f.input, f.reason)
                else:
                    files.append(str(f))
        elif path.exists():
            files.append(str(path))
        else:
            _fail(manifest, result, str(path), "no such file or directory")
    return files


def _fail(manifest: Manifest, result: BatchResult, key: str, reason: str) -> None:
    if key not in manifest.done:
        manifest.add_failure(key, reason)
        result.failures += 1
        result.failure_lines.append(f"{key}: {reason}")


def quiet_ray_data() -> None:
    """Ray Data's own progress off: on a pipe it logged a table of operators every 10 seconds to stderr (20 lines for
    12 documents), beside the batch's own progress line and closing summary. Errors still show."""
    import logging

    import ray

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.enable_operator_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # also "Progress bars disabled. To enable, ..."


READ_CPUS = 0.5  # what a read task asks for


def actor_cpus(cpus: float, actors: int) -> float:
    """The CPU an actor asks for: half a CPU, or less, so that `actors` of them leave a read task its share of a
    cluster of `cpus`."""
    return max(0.0, min(0.5, (cpus - READ_CPUS) / max(actors, 1)))


def run_ray(inputs: Iterable[str], out: str | Path, *, config: Config | None = None, address: str | None = None,
            workers: int | None = None, fmt: str = "parquet", resume: bool = False,
            options: ReadOptions | None = None, shard_size: int = SHARD, chunk: int = CHUNK,
            on_progress: Callable[[BatchResult], None] | None = None) -> BatchResult:
    import ray

    out = Path(out)
    manifest = Manifest.open(out, resume=resume)
    pipeline = Pipeline(config)  # built here first: a bad configuration fails before Ray starts
    # the read tasks leave out what an earlier run did: counted here, from the manifest
    result = BatchResult(failed_before=manifest.failures, skipped=len(manifest.done - manifest.failed))
    t0 = time.perf_counter()
    started = False
    if not ray.is_initialized():
        local = {} if address else {"num_cpus": os.cpu_count() or 1}
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False,
                 **local)
        started = True
    quiet_ray_data()
    try:
        files = input_files(inputs, manifest, result)
        writer = _ShardWriter(out, manifest, result, fmt, shard_size)
        if files:
            cpus = float(ray.cluster_resources().get("CPU", 1))
            actors = workers or max(1, int(cpus))
            reads = plan_reads(files, actors, options or ReadOptions())
            ds = ray.data.from_items(reads, override_num_blocks=len(reads))
            ds = ds.flat_map(_Read(options or ReadOptions(), frozenset(manifest.done)), num_cpus=READ_CPUS)
            # Actors take half a CPU each, less when there are more actors than that leaves room for: the read
            # tasks must still get their share, or Ray Data waits forever with its readers queued behind busy
            # actors (stop 37: `--workers 4` on a 2-core machine, 4 x 0.5 CPU, never ended).
            # One block in flight per actor: with Ray's default (several), the first actor to finish building its
            # pipeline took every block of a small run before the others were ready.
            ds = ds.map_batches(_Analyze, fn_constructor_args=(pickle.dumps(pipeline),), batch_size=chunk,
                                compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=1),
                                num_cpus=actor_cpus(cpus, actors), batch_format="numpy")
            for batch in ds.iter_batches(batch_size=chunk, batch_format="numpy"):
                writer.take([(str(k), json.loads(r) if r else None, str(why) or None)
                             for k, r, why in zip(batch["key"], batch["record"], batch["reason"])])
                if on_progress:
                    on_progress(result)
        writer.flush()
    finally:
        if started:
            ray.shutdown()
    result.seconds = time.perf_counter() - t0
    return result
