"""`spinscope batch`: the pipeline over a corpus in N worker processes, records written as shards.

Inputs are read as a stream in the main process; documents go to the workers in small chunks, with
at most two chunks per worker in flight (back-pressure: memory stays bounded whatever the corpus
size). Each worker builds its pipeline once, from the pickled configuration. Records are written
in shards, each followed by its manifest line, so that `--resume` after a kill goes on where the
run stopped, with no document lost or doubled. A worker that dies is replaced; the documents it
held are retried one by one, and a document that kills a worker twice is recorded as a failure.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..ingest import read
from ..ingest.base import Failure, ReadOptions
from ..model import Document
from ..pipeline import Pipeline
from .manifest import Manifest
from .shards import write_shard

CHUNK = 8  # documents per task sent to a worker
SHARD = 500  # records per shard file


@dataclass
class BatchResult:
    """What a batch run did (this run only; `skipped` were done by an earlier run, `failed_before` failed in one:
    the lines of failures.jsonl that a resumed run found)."""

    docs: int = 0
    failures: int = 0
    skipped: int = 0
    failed_before: int = 0
    shards: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failure_lines: list[str] = field(default_factory=list)
    # When the first records came back (seconds from the start) and how many: what follows is the
    # steady rate, without the start (building the pipelines, the first chunk).
    first_seconds: float | None = None
    first_docs: int = 0

    def steady_rate(self) -> float | None:
        """Documents per second after the first records came back; None without two points."""
        if self.first_seconds is None or self.seconds <= self.first_seconds or self.docs <= self.first_docs:
            return None
        return (self.docs - self.first_docs) / (self.seconds - self.first_seconds)


def key_of(doc: Document) -> str:
    """The input a document came from (`file`, or `file#N` for record N of a corpus file)."""
    return doc.source.path or doc.doc_id


# -- worker side ----------------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None
_WORKER_ERROR: Exception | None = None


def _init_worker(blob: bytes) -> None:
    # `blob` is the pipeline pickled as its configuration: this process builds its own stages, once.
    # A failure to build (a missing model) is kept and raised with the first chunk, so that the
    # driver stops with that error instead of seeing a broken pool.
    global _WORKER_PIPELINE, _WORKER_ERROR
    try:
        _WORKER_PIPELINE = pickle.loads(blob)
    except Exception as exc:  # noqa: BLE001 - raised again in the driver
        _WORKER_ERROR = exc


def _analyze_chunk(docs: list[Document]) -> list[tuple[str, dict | None, str | None]]:
    """(key, record, None) per analyzed document, (key, None, reason) per failure."""
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return analyze_chunk(_WORKER_PIPELINE, docs)


def analyze_chunk(pipeline: Pipeline, docs: list[Document]) -> list[tuple[str, dict | None, str | None]]:
    from ..api import process_isolated  # per-document isolation: a failing document is retried alone

    keys = {id(d): key_of(d) for d in docs}
    out = []
    for item, doc in zip(process_isolated(pipeline, docs), docs):
        if isinstance(item, Failure):
            out.append((keys[id(doc)], None, item.reason))
        else:
            out.append((keys[id(doc)], item.to_dict(), None))
    return out


# -- driver side ----------------------------------------------------------------------------------

def documents(inputs: Iterable[str], options: ReadOptions, done: set[str], result: BatchResult,
              manifest: Manifest) -> Iterator[Document]:
    """The documents still to analyze; read failures go to the manifest as they come."""
    failed = set(manifest.failed)  # as the run began: an input that fails in this run is not "failed before"
    for item in read(list(inputs), options):
        if isinstance(item, Failure):
            if item.input not in done:
                manifest.add_failure(item.input, item.reason)
                result.failures += 1
                result.failure_lines.append(str(item))
            continue
        if key_of(item) in failed:
            continue  # counted in failed_before, not among the documents done before
        if key_of(item) in done:
            result.skipped += 1
            continue
        yield item


def run_batch(inputs: Iterable[str], out: str | Path, *, config: Config | None = None, workers: int = 1,
              fmt: str = "parquet", resume: bool = False, options: ReadOptions | None = None,
              shard_size: int = SHARD, chunk: int = CHUNK,
              on_progress: Callable[[BatchResult], None] | None = None) -> BatchResult:
    """Analyze every document of `inputs` into shards under `out`; see the module docstring."""
    out = Path(out)
    manifest = Manifest.open(out, resume=resume)
    # With worker processes, each builds its own stages: building them here too would only add a
    # start (seconds of CPU, a GB of memory) before the workers start theirs. The plan (stage names,
    # order) is still checked here; a stage that cannot be built fails in the workers, raised here.
    pipeline = Pipeline(config, build=workers <= 1)
    result = BatchResult(failed_before=manifest.failures)
    t0 = time.perf_counter()
    writer = _ShardWriter(out, manifest, result, fmt, shard_size, t0)
    docs = documents(inputs, options or ReadOptions(), set(manifest.done), result, manifest)
    if workers <= 1:
        for group in _chunks(docs, chunk):
            writer.take(analyze_chunk(pipeline, group))
            if on_progress:
                on_progress(result)
    else:
        _run_pool(pipeline, docs, workers, chunk, writer, on_progress)
    writer.flush()
    result.seconds = time.perf_counter() - t0
    return result


class _ShardWriter:
    def __init__(self, folder: Path, manifest: Manifest, result: BatchResult, fmt: str, size: int,
                 t0: float | None = None):
        self.folder, self.manifest, self.result, self.fmt, self.size = folder, manifest, result, fmt, size
        self.t0 = time.perf_counter() if t0 is None else t0
        self.records: list[dict] = []
        self.keys: list[str] = []

    def take(self, analyzed: list[tuple[str, dict | None, str | None]]) -> None:
        if self.result.first_seconds is None and analyzed:
            self.result.first_seconds = time.perf_counter() - self.t0
            self.result.first_docs = sum(1 for _, record, _ in analyzed if record is not None)
        for key, record, reason in analyzed:
            if record is None:
                self.manifest.add_failure(key, reason)
                self.result.failures += 1
                self.result.failure_lines.append(f"{key}: {reason}")
            else:
                self.records.append(record)
                self.keys.append(key)
                self.result.docs += 1
        while len(self.records) >= self.size:  # a chunk may hold more records than a shard
            self._write(self.size)

    def flush(self) -> None:
        while self.records:
            self._write(self.size)

    def _write(self, n: int) -> None:
        """The first `n` records held as one shard."""
        shard = write_shard(self.folder, self.manifest.next_shard_name(), self.records[:n], self.fmt)
        self.manifest.add_shard(shard, self.keys[:n])  # the shard counts from this line on
        self.result.shards.append(shard.name)
        self.records, self.keys = self.records[n:], self.keys[n:]


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    group: list[Document] = []
    for d in docs:
        group.append(d)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


THREAD_VARS = ("SPINSCOPE_TORCH_THREADS", "OMP_NUM_THREADS")


def worker_threads(workers: int) -> int:
    """Threads per worker process: the cores shared out, at least one."""
    return max(1, (os.cpu_count() or 1) // workers)


def _run_pool(pipeline: Pipeline, docs: Iterator[Document], workers: int, chunk: int, writer: _ShardWriter,
              on_progress) -> None:
    # Each worker's torch, ONNX Runtime and BLAS would otherwise take every core, and N workers would
    # fight over them; a thread count the user set ($SPINSCOPE_TORCH_THREADS, $OMP_NUM_THREADS) wins.
    # Spawned workers read the environment when they start, so it is set around the pool's life.
    saved = {k: os.environ.get(k) for k in THREAD_VARS}
    if not any(saved.values()):
        for k in THREAD_VARS:
            os.environ[k] = str(worker_threads(workers))
    try:
        _run_pool_threads_set(pipeline, docs, workers, chunk, writer, on_progress)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _run_pool_threads_set(pipeline: Pipeline, docs: Iterator[Document], workers: int, chunk: int,
                          writer: _ShardWriter, on_progress) -> None:
    def new_pool() -> ProcessPoolExecutor:
        # Spawned, not forked: a fork of a process whose libraries run threads (torch, tokenizers)
        # can hang on a lock one of them held. Each worker starts clean and builds its pipeline.
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(pickle.dumps(pipeline),))

    pool = new_pool()
    pending: dict[Future, tuple[list[Document], bool]] = {}  # future -> (its documents, is a retry)
    retries: list[list[Document]] = []  # single documents to try again, last first
    groups = _chunks(docs, chunk)
    exhausted = False
    try:
        while True:
            if retries:
                # After a worker died, its documents go one at a time, alone in the pool, so that
                # a second death names the document that caused it.
                if not pending:
                    group = retries.pop()
                    pending[pool.submit(_analyze_chunk, group)] = (group, True)
            else:
                while len(pending) < 2 * workers and not exhausted:
                    group = next(groups, None)
                    if group is None:
                        exhausted = True
                        break
                    pending[pool.submit(_analyze_chunk, group)] = (group, False)
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                group, retry = pending.pop(fut)
                try:
                    writer.take(fut.result())
                except BrokenProcessPool:
                    broken = True
                    if retry:  # this document alone killed a worker again
                        writer.take([(key_of(group[0]), None, "a worker process died on this document twice")])
                    else:
                        retries.extend([d] for d in group)
            if broken:
                # Every task still pending died with the pool: retry their documents one by one.
                for fut, (group, retry) in list(pending.items()):
                    if retry:
                        writer.take([(key_of(group[0]), None, "a worker process died on this document twice")])
                    else:
                        retries.extend([d] for d in group)
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
            if on_progress:
                on_progress(writer.result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
