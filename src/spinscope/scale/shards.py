"""Record shards: Parquet (or JSONL) files of analysis records, written whole or not at all."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# One row per document; `record` is the whole record as JSON (docs/store.md: what `spinscope ingest` reads).
COLUMNS = ("doc_id", "path", "outlet", "published", "title", "record")
SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl"}


def write_shard(folder: Path, name: str, records: list[dict], fmt: str = "parquet") -> Path:
    """Write `records` to folder/name.<fmt> atomically (a temporary file renamed into place)."""
    path = folder / (name + SUFFIX[fmt])
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX[fmt])
    try:
        with os.fdopen(fd, "wb") as fh:
            if fmt == "parquet":
                _parquet(records, fh)
            else:
                for r in records:
                    fh.write(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _parquet(records: list[dict], fh) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = [r.get("source") or {} for r in records]
    table = pa.table({
        "doc_id": [r["doc_id"] for r in records],
        "path": [s.get("path") for s in src],
        "outlet": [s.get("outlet") for s in src],
        "published": [s.get("published") for s in src],
        "title": [s.get("title") for s in src],
        "record": [json.dumps(r, ensure_ascii=False) for r in records],
    })
    pq.write_table(table, fh, compression="zstd")


def read_shard(path: str | Path) -> Iterator[dict]:
    """The records of one shard, in order."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(columns=["record"], batch_size=256):
            for value in batch.column(0).to_pylist():
                yield json.loads(value)
    else:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
