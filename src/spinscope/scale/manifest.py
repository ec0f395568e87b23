"""The batch's manifest: which shards are complete and which inputs they hold, so a killed run resumes."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.jsonl"
FAILURES = "failures.jsonl"


@dataclass
class Manifest:
    """Append-only lines: one per complete shard (its name and the input keys in it), one per failure.

    A shard counts only once its line is written (after the shard file is in place); on resume,
    shard files without a line are deleted, so a crash between the two cannot double a document.
    """

    folder: Path
    done: set[str] = field(default_factory=set)  # input keys (source path, `file#N`) already handled
    shards: list[str] = field(default_factory=list)
    failures: int = 0
    failed: set[str] = field(default_factory=set)  # input keys of failures.jsonl

    @classmethod
    def open(cls, folder: Path, *, resume: bool) -> Manifest:
        folder.mkdir(parents=True, exist_ok=True)
        m = cls(folder)
        lines = _lines(folder / MANIFEST)
        if lines and not resume:
            raise FileExistsError(f"{folder} already holds a batch; give --resume to go on with it, or a new --out")
        _rewrite_valid(folder / MANIFEST, lines)
        _rewrite_valid(folder / FAILURES, _lines(folder / FAILURES))
        for row in lines:
            m.shards.append(row["shard"])
            m.done.update(row["keys"])
        for row in _lines(folder / FAILURES):
            m.done.add(row["input"])
            m.failed.add(row["input"])
            m.failures += 1
        listed = set(m.shards)
        for f in folder.iterdir():  # temporary files and shards written without their manifest line
            if f.name.startswith(".tmp-") or (f.name.startswith("shard-") and f.name not in listed):
                f.unlink(missing_ok=True)
        return m

    def add_shard(self, shard: Path, keys: list[str]) -> None:
        _append(self.folder / MANIFEST, {"shard": shard.name, "docs": len(keys), "keys": keys})
        self.shards.append(shard.name)
        self.done.update(keys)

    def add_failure(self, key: str, reason: str) -> None:
        _append(self.folder / FAILURES, {"input": key, "reason": reason})
        self.done.add(key)
        self.failed.add(key)
        self.failures += 1

    def next_shard_name(self) -> str:
        return f"shard-{len(self.shards):06d}"


def _lines(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    rows = []
    for line in text.split("\n"):
        try:
            rows.append(json.loads(line))
        except ValueError:  # an empty or half-written last line: that shard is not complete
            continue
    return rows


def _rewrite_valid(path: Path, rows: list[dict]) -> None:
    """Drop a half-written last line (a kill mid-append), so the next append starts on a line of its own."""
    if not path.exists() or path.read_text(encoding="utf-8") == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows):
        return
    tmp = path.with_name(".tmp-" + path.name)
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    os.replace(tmp, path)


def _append(path: Path, row: dict) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
