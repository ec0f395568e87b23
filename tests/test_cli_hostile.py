"""Regression tests for the command line on hostile input and bad usage (issue 12, points 1, 3, 7, 8)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import spinscope.cli as cli_module
from spinscope.cli import cli
from spinscope.ingest.base import Failure
from spinscope.model import Document, Source

ARTICLE = """Moscow Rejects New Proposal

Russia's foreign ministry said on Friday that it rejected the latest proposal for the city.
"""
# Only the cleaner: these tests are about the command line, not the models.
LIGHT = ["--disable", "parse", "--disable", "entities", "--disable", "quotes", "--disable", "places",
         "--disable", "dates", "--disable", "events", "--disable", "techniques", "--disable", "narratives",
         "--disable", "labels", "--disable", "markers"]


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def no_pipeline(monkeypatch):
    """Fails the test if the pipeline (and so its models) would be built."""
    def refuse(*a, **k):
        raise AssertionError("the pipeline was built before the usage error was found")
    monkeypatch.setattr(cli_module, "Pipeline", refuse)


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# --- 1: usage errors before any model loads, output errors in one line ----------------------

def test_out_into_missing_directory_is_a_usage_error_before_loading(tmp_path, no_pipeline):
    a = write(tmp_path, "a.txt", ARTICLE)
    res = run("analyze", str(a), "--out", str(tmp_path / "nope" / "out.jsonl"))
    assert res.exit_code == 2
    assert "--out" in res.output and "no directory" in res.output


def test_out_is_a_directory_is_a_usage_error(tmp_path, no_pipeline):
    a = write(tmp_path, "a.txt", ARTICLE)
    res = run("analyze", str(a), "--out", str(tmp_path))
    assert res.exit_code == 2 and "is a directory" in res.output


def test_bad_column_is_a_usage_error_before_loading(tmp_path, no_pipeline):
    a = write(tmp_path, "a.csv", "body\nx\n")
    res = run("analyze", str(a), "--column", "nonsense=body")
    assert res.exit_code == 2 and "--column" in res.output


def test_events_out_into_missing_directory_is_a_usage_error(tmp_path, monkeypatch):
    import spinscope.cli as cli_module  # the events command builds its pipeline through cli.build_pipeline

    monkeypatch.setattr(cli_module, "Pipeline", lambda *a, **k: (_ for _ in ()).throw(AssertionError("built")))
    a = write(tmp_path, "a.txt", ARTICLE)
    res = run("events", str(a), "--out", str(tmp_path / "nope" / "e.csv"))
    assert res.exit_code == 2 and "no directory" in res.output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_write_error_on_the_output_is_one_line_exit_1(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE)
    proc = subprocess.run([sys.executable, "-m", "spinscope", "analyze", str(a), "--out", "/dev/full", *LIGHT],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["spinscope: error: cannot write to '/dev/full': No space left on device"]


# --- 3: terminal escapes from the article ------------------------------------------------------

HOSTILE = ("Title \x1b[31mRED\x1b]0;pwned\x07 [bold]x[/bold] \u202eevil\u202c\n\n"
           "Body with \x1b[2J a clear-screen, \x9b31m a C1 CSI and [/link] a stray tag. It goes on.\n")


def test_pretty_report_neutralizes_control_characters(tmp_path):
    a = write(tmp_path, "hostile.txt", HOSTILE)
    res = run("analyze", str(a), "--format", "pretty", *LIGHT)
    assert res.exit_code == 0, res.output
    out = res.stdout  # not a terminal: rich adds no escapes of its own
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in out
    assert "\\x1b[31mRED" in out and "\\x1b]0;pwned\\x07" in out and "\\u202eevil" in out
    assert "[bold]x[/bold]" in out and "[/link]" in out  # brackets shown, not read as markup


def test_pretty_report_on_a_terminal_has_only_rich_styles(tmp_path):
    import io
    import re

    from rich.console import Console

    from spinscope.clean.segment import segment
    from spinscope.report import print_report

    doc = Document(text=HOSTILE, source=Source(path="p\x1b[31m.txt", title="T\x1b]0;x\x07"))
    segment(doc)
    buf = io.StringIO()
    print_report(doc, Console(file=buf, force_terminal=True, width=100))
    out = buf.getvalue()
    assert not re.findall(r"\x1b(?!\[[0-9;]*m)", out), "an escape that is not a colour"
    assert "\x07" not in out and "\u202e" not in out


# --- 7: naming reports its failures --------------------------------------------------------

def test_naming_reports_failures_and_exits_1(tmp_path, monkeypatch):
    good = Document(text="A text.", source=Source(path="good.txt"))

    def fake(paths, **kwargs):
        yield Failure("bad\nname.txt", "empty file")
        yield good
    monkeypatch.setattr(cli_module, "analyze_paths", fake)
    res = run("naming", "whatever", "--format", "json")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == ["spinscope: error: 'bad\\nname.txt': empty file"]
    assert json.loads(res.stdout) == []


def test_naming_with_nothing_found_exits_1(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "analyze_paths", lambda paths, **kwargs: iter(()))
    res = run("naming", "whatever")
    assert res.exit_code == 1 and "no documents found" in res.stderr


# --- 8: one line per failure, names quoted ------------------------------------------------------

def test_failure_line_for_a_name_with_a_newline_is_one_line(tmp_path):
    bad = write(tmp_path, "two\nlines.txt", b"")
    good = write(tmp_path, "good.txt", ARTICLE)
    res = run("analyze", str(bad), str(good), "--format", "jsonl", *LIGHT)
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"spinscope: error: '{tmp_path}/two\\nlines.txt': empty file"]
    assert len(res.stdout.splitlines()) == 1


def test_reader_warnings_are_lines_on_stderr(tmp_path):
    a = write(tmp_path, "nul.txt", b"A text with a NUL \x00 byte in it, otherwise fine.\n")
    res = run("analyze", str(a), "--format", "jsonl", *LIGHT)
    assert res.exit_code == 0
    assert res.stderr.startswith(f"spinscope: warning: '{a}': 1 invalid code point(s)")
    assert json.loads(res.stdout)["text"].startswith("A text with a NUL \ufffd byte")


def test_jsonl_escapes_terminal_controls_and_line_separators_without_changing_text(tmp_path):
    text = "Head\u2028line\n\nBody \x9b31m C1, \u202eevil\u202c, \x1b[2J and \u2029 more text here.\n"
    a = write(tmp_path, "a.txt", text)
    res = run("analyze", str(a), "--format", "jsonl", *LIGHT)
    assert res.exit_code == 0
    raw = res.stdout
    assert len(raw.splitlines()) == 1
    assert not any(c in raw for c in "\x9b\u202e\u2028\u2029\x1b")
    assert json.loads(raw)["text"] == text


def test_csv_to_a_terminal_is_neutralised_to_a_file_unchanged():
    import io

    from spinscope.cliout import for_reading

    class Tty(io.StringIO):
        def isatty(self):
            return True
    tty, plain = Tty(), io.StringIO()
    for stream in (tty, plain):
        for_reading(stream).write("a,\x1b[31mb\u202e\n")
    assert tty.getvalue() == "a,\\x1b[31mb\\u202e\n"
    assert plain.getvalue() == "a,\x1b[31mb\u202e\n"


def test_broken_kb_and_narratives_files_are_usage_errors_before_loading(tmp_path, no_pipeline):
    a = write(tmp_path, "a.txt", ARTICLE)
    kb = write(tmp_path, "kb.yaml", "actors: [ {id: x, name: }\n")
    res = run("analyze", str(a), "--kb", str(kb))
    assert res.exit_code == 2 and "--kb" in res.output and "kb.yaml" in res.output
    nar = write(tmp_path, "n.yaml", "narratives: 5\n")
    res = run("analyze", str(a), "--narratives", str(nar))
    assert res.exit_code == 2 and "--narratives" in res.output
