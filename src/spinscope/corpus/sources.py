"""What `spinscope ingest` reads: stored records (analyze's JSONL, the batch runner's Parquet) or raw inputs."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..ingest import _files, read_path
from ..ingest.base import Failure, ReadOptions
from ..model import Document

SCHEMA_PREFIX = "spinscope.analysis/"


def expand(paths) -> Iterator[Path | Failure]:
    """Files of the given paths, directories walked in name order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _files(path)
        elif path.exists():
            yield path
        else:
            yield Failure(str(path), "no such file or directory")


def is_record_jsonl(path: Path) -> bool:
    """A JSONL file whose first line is an analysis record (`spinscope analyze --format jsonl`)."""
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        return False
    try:
        with path.open(encoding="utf-8") as f:
            first = f.readline()
        return str(json.loads(first).get("schema", "")).startswith(SCHEMA_PREFIX)
    except (OSError, ValueError, AttributeError):
        return False


def is_record_parquet(path: Path) -> bool:
    """A Parquet file in the batch runner's layout: a `record` column of JSON records (docs/store.md)."""
    if path.suffix.lower() != ".parquet":
        return False
    try:
        import pyarrow.parquet as pq
        return "record" in pq.read_schema(path).names
    except Exception:  # noqa: BLE001 - not readable as Parquet: the raw reader will say why
        return False


def records(path: Path) -> Iterator[dict | Failure]:
    """The records of a record file, one dict each; a bad line is a Failure, the rest goes on."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq
        pf = pq.ParquetFile(path)
        n = 0
        for batch in pf.iter_batches(columns=["record"], batch_size=512):
            for value in batch.column(0).to_pylist():
                n += 1
                yield _parse(value, f"{path}#{n}")
        return
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield _parse(line, f"{path}:{n}")


def _parse(value: str | None, where: str) -> dict | Failure:
    try:
        record = json.loads(value)
    except (TypeError, ValueError) as exc:
        return Failure(where, f"not a JSON record: {exc}")
    if not isinstance(record, dict) or not str(record.get("schema", "")).startswith(SCHEMA_PREFIX) \
            or "doc_id" not in record or "text" not in record:
        return Failure(where, "not a spinscope analysis record (schema, doc_id and text are required)")
    return record


def count(path: Path) -> int | None:
    """How many documents a file will give, when that is cheap to know (for the progress bar)."""
    if is_record_parquet(path):
        import pyarrow.parquet as pq
        return pq.ParquetFile(path).metadata.num_rows
    if is_record_jsonl(path):
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    if path.suffix.lower() in (".txt", ".html", ".htm", ".md"):
        return 1
    return None


def inputs(paths, options: ReadOptions) -> Iterator[dict | Document | Failure]:
    """Stored records as dicts, raw documents (to analyze) as Documents, and Failures, in input order."""
    for path in expand(paths):
        if isinstance(path, Failure):
            yield path
        elif is_record_jsonl(path) or is_record_parquet(path):
            yield from records(path)
        else:
            yield from read_path(path, options)
