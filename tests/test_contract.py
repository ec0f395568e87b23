"""The JSON contract on the bundled examples and on the seeds, checked by the shared checker too."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spinscope.model import LAYERS, SCHEMA

from .conftest import CHECKER, EXAMPLES, SEEDS

TOP_KEYS = ("schema", "doc_id", "source", "text", *LAYERS)


def analyze_jsonl(paths, *extra) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "spinscope", "analyze", *map(str, paths), "--format", "jsonl",
                           *extra], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def check_record(rec: dict) -> None:
    for key in TOP_KEYS:
        assert key in rec, key
    assert rec["schema"] == SCHEMA
    assert set(rec["source"]) == {"path", "url", "outlet", "title", "published", "language", "canonical"}
    text = rec["text"]
    spans = list(rec["body"]) + rec["boilerplate"] + rec["comments"] + rec["sentences"]
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(text)
        if "text" in s:
            assert s["text"] == text[s["start"]:s["end"]]


def shared_checker(records: list[dict], tmp_path) -> str:
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    return proc.stdout.strip().splitlines()[-1]


def test_examples_follow_the_contract(tmp_path):
    records = analyze_jsonl([EXAMPLES])
    assert len(records) >= 8
    for rec in records:
        check_record(rec)
    assert any(r["comments"] for r in records)
    assert {r["source"]["path"].rsplit(".", 1)[-1].split("#")[0] for r in records} >= {"txt", "html", "jsonl", "gz", "rss"}
    if CHECKER.is_file():
        assert shared_checker(records, tmp_path).endswith(" 0 problems")


@pytest.mark.shared
def test_seeds_follow_the_contract(shared, tmp_path):
    records = analyze_jsonl(sorted(SEEDS.glob("*.txt")))
    assert len(records) == 5
    for rec in records:
        check_record(rec)
    assert shared_checker(records, tmp_path).endswith(" 0 problems")
