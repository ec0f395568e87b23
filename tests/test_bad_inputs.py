"""The bad-input corpus (tests/badinputs.py) end to end: every case ends with a record or a one-line error
naming it, never a traceback or a hang, and every record passes the contract checks."""
from __future__ import annotations

import _thread
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from spinscope.api import analyze_paths
from spinscope.ingest import printable_path
from spinscope.ingest.base import Failure, ReadOptions
from spinscope.model import Document
from spinscope.pipeline import Pipeline
from spinscope.terminal import quote_name

from .badinputs import write_corpus
from .conftest import CHECKER

DOC_TIMEOUT = 60  # the long cases take seconds; a hang would take for ever
WATCHDOG = 900  # the whole corpus, in seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("bad") / "corpus")


def _belongs(name: str, case: str) -> bool:
    return name == case or name.startswith(case + "#") or name.startswith(case + "/")


def _unnamed(cases: list[str], names: list[str]) -> list[str]:
    return [c for c in cases if not any(_belongs(n, c) for n in names)]


def test_every_case_gives_a_record_or_a_failure_through_the_api(corpus):
    # The two transformer stages are left out: linear but heavy (bench/pathological.py), and
    # tests/test_fuzz.py runs them on arbitrary text; every other layer is checked here.
    pipeline = Pipeline(disable=["techniques", "narratives"], doc_timeout=DOC_TIMEOUT)
    watchdog = threading.Timer(WATCHDOG, _thread.interrupt_main)  # a hang fails instead of stalling CI
    watchdog.start()
    try:
        items = list(analyze_paths(corpus, pipeline=pipeline, options=ReadOptions(doc_timeout=DOC_TIMEOUT)))
    except KeyboardInterrupt:
        pytest.fail(f"the corpus did not finish in {WATCHDOG} s")
    finally:
        watchdog.cancel()
    names, problems = [], []
    for item in items:
        if isinstance(item, Failure):
            names.append(item.input)
            line = str(item)
            if "\n" in line or "\x1b" in line or not line.startswith("'"):
                problems.append(f"failure line {line!r}")
            continue
        assert isinstance(item, Document)
        names.append(item.source.path)
        problems += [f"{item.source.path}: {p}" for p in item.problems()]
        json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")  # no lone surrogate left
    assert problems == []
    assert _unnamed([printable_path(str(p)) for p in corpus], names) == []
    kinds = {type(i).__name__ for i in items}
    assert kinds == {"Document", "Failure"}


# The command line once over the whole corpus, with the cleaner only: the guarantees tested here are
# the process's (exit code, stderr lines, output contract), not the models'.
LIGHT = [arg for stage in ("parse", "entities", "quotes", "places", "dates", "events", "techniques",
                           "narratives", "labels", "markers") for arg in ("--disable", stage)]


def test_command_line_over_the_corpus(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "spinscope", "analyze", *map(str, corpus), "--format", "jsonl",
                           "--out", str(out), "--doc-timeout", str(DOC_TIMEOUT), *LIGHT],
                          capture_output=True, timeout=WATCHDOG)
    stderr = proc.stderr.decode("utf-8")  # must be UTF-8 even with undecodable names
    assert "Traceback" not in stderr
    assert proc.returncode == 1  # some cases fail by design
    lines = stderr.splitlines()
    assert all(line.startswith(("spinscope: error: '", "spinscope: warning: '")) for line in lines), \
        [line for line in lines if not line.startswith(("spinscope: error: '", "spinscope: warning: '"))]
    assert not any(c in stderr for c in "\x1b\x07\x9b\u202e")
    raw = out.read_text(encoding="utf-8")
    assert len(raw.splitlines()) == raw.count("\n"), "a line separator inside a record"
    records = [json.loads(line) for line in raw.splitlines()]
    named = [r["source"]["path"] for r in records]
    errors = [line for line in lines if line.startswith("spinscope: error: ")]
    for case in corpus:
        case_name = printable_path(str(case))
        assert any(_belongs(n, case_name) for n in named) or any(
            e.startswith("spinscope: error: " + quote_name(case_name)[:-1]) for e in errors), case_name
    for r in records:
        text = r["text"]
        for layer in ("body", "boilerplate", "comments"):
            for s in r[layer]:
                assert 0 <= s["start"] < s["end"] <= len(text)
    if CHECKER.is_file():
        check = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:]
