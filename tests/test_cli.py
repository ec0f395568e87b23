"""The command line end to end: formats, output file, progress, exit codes and failure lines."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from spinscope.cli import cli
from spinscope.model import SCHEMA

ARTICLE = """Moscow Rejects New Proposal on Aleppo

Russia's foreign ministry said on Friday that it rejected the latest proposal for the city, calling it an attempt to shield armed groups.

"This plan changes nothing on the ground," the ministry's spokeswoman told reporters in Moscow.

Support Eastwind Review
"""


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_jsonl_record_per_document(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE)
    b = write(tmp_path, "b.txt", ARTICLE.replace("Aleppo", "Idlib"))
    res = run("analyze", str(a), str(b), "--format", "jsonl", "--disable", "parse")
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["source"]["title"] for r in recs] == ["Moscow Rejects New Proposal on Aleppo",
                                                    "Moscow Rejects New Proposal on Idlib"]
    assert all(r["schema"] == SCHEMA for r in recs)
    assert recs[0]["boilerplate"][0]["kind"] == "support"


def test_json_array_and_out_file(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE)
    out = tmp_path / "out.json"
    res = run("analyze", str(a), "--format", "json", "--out", str(out))
    assert res.exit_code == 0
    recs = json.loads(out.read_text(encoding="utf-8"))
    assert len(recs) == 1 and recs[0]["sentences"], "the parse stage ran and found sentences"


def test_pretty_report_shows_split(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE)
    res = run("analyze", str(a), "--format", "pretty", "--disable", "parse")
    assert res.exit_code == 0
    assert "Moscow Rejects New Proposal on Aleppo" in res.stdout
    assert "boilerplate" in res.stdout and "support" in res.stdout
    assert "entities: not run" in res.stdout


def test_pretty_report_dates_comments_and_the_hostile_day(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE + """

3 Comments

Ines Varro says:
March 3, 2026 at 4:12 pm
The deep state staged the gas attack.
Reply

Obed Lark says:
March 4, 2026 at 9:30 am
Thanks for the report.
Reply
""")
    res = run("analyze", str(a), "--format", "pretty", "--disable", "techniques", "--disable", "narratives")
    assert res.exit_code == 0
    out = " ".join(res.stdout.replace("│", " ").split())
    assert "Ines Varro 2026-03-03:" in out and "Obed Lark 2026-03-04:" in out
    assert "dated 2026-03-03 to 2026-03-04 (2 of 2 comments dated); most hostile day 2026-03-03: 1 of 1" in out


def test_some_inputs_fail_exit_1_rest_processed(tmp_path):
    good = write(tmp_path, "good.txt", ARTICLE)
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "blob.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    res = run("analyze", str(empty), str(good), str(binary), str(tmp_path / "missing.txt"),
              "--format", "jsonl", "--disable", "parse")
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 1
    errors = res.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "empty.txt" in errors[0] and "empty" in errors[0].split("empty.txt", 1)[1]
    assert "blob.txt" in errors[1] and "binary" in errors[1]
    assert "missing.txt" in errors[2]


def test_usage_errors_exit_2(tmp_path):
    a = write(tmp_path, "a.txt", ARTICLE)
    assert run("analyze").exit_code == 2
    assert run("analyze", str(a), "--format", "xml").exit_code == 2
    res = run("analyze", str(a), "--disable", "nonsense")
    assert res.exit_code == 2 and "unknown stage" in res.output
    assert run("analyze", str(a), "--column", "text").exit_code == 2


def test_real_process_exit_codes_and_stderr(tmp_path):
    good = write(tmp_path, "good.txt", ARTICLE)
    bad = write(tmp_path, "bad.txt", b"")
    proc = subprocess.run([sys.executable, "-m", "spinscope", "analyze", str(good), str(bad),
                           "--disable", "parse"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["source"]["path"].endswith("good.txt")  # jsonl when piped
    assert proc.stderr.count("\n") == 1 and "bad.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_config_file_pipeline_settings_hold_unless_an_option_is_given(tmp_path):
    from spinscope.cli import build_pipeline
    a = write(tmp_path, "a.txt", ARTICLE)
    cfg = write(tmp_path, "spinscope.toml", '[pipeline]\ndisable = ["parse"]\nbatch_size = 3\ndoc_timeout = 7.5\n')
    res = run("analyze", str(a), "--format", "jsonl", "--config", str(cfg))
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert "parse" not in rec["provenance"]["stages"] and not rec["sentences"], "the file's disable holds"
    res = run("analyze", str(a), "--format", "jsonl", "--config", str(cfg), "--disable", "techniques")
    rec = json.loads(res.stdout)
    assert "parse" in rec["provenance"]["stages"] and "techniques" not in rec["provenance"]["stages"], \
        "--disable replaces the file's list"
    # The commands pass None for options left unset: the file's values stay.
    p = build_pipeline(str(cfg), disable=None, batch_size=None, doc_timeout=None, build=False).config.pipeline
    assert (p.batch_size, p.doc_timeout) == (3, 7.5)
    p = build_pipeline(str(cfg), disable=None, batch_size=8, doc_timeout=0, build=False).config.pipeline
    assert (p.batch_size, p.doc_timeout) == (8, 0)


def test_outlet_and_date_given_on_the_command_line_fill_documents_that_name_none(tmp_path):
    """A folder of one outlet's text files has no outlet or date: `--outlet` and `--published` give them; a document
    that names its own (a JSONL row's outlet and date) keeps them (stop 40)."""
    a = write(tmp_path, "a.txt", ARTICLE)
    b = write(tmp_path, "b.jsonl", json.dumps({"text": ARTICLE, "outlet": "Harbour Times", "date": "2016-11-02"}) + "\n")
    res = run("analyze", str(a), str(b), "--format", "jsonl", "--disable", "parse", "--outlet", "elling-post.example",
              "--published", "April 6, 2017")
    assert res.exit_code == 0, res.output
    sources = [json.loads(line)["source"] for line in res.stdout.splitlines()]
    assert [(s["outlet"], s["published"]) for s in sources] == [("elling-post.example", "2017-04-06"),
                                                               ("Harbour Times", "2016-11-02")]
    bad = run("analyze", str(a), "--published", "someday")
    assert bad.exit_code == 2 and "'someday' is no date" in bad.output


def test_ingest_stores_the_outlet_and_date_given_on_the_command_line(tmp_path):
    import duckdb
    a = write(tmp_path, "a.txt", ARTICLE)
    db = tmp_path / "c.duckdb"
    res = run("ingest", str(a), "--db", str(db), "--no-embeddings", "--disable", "techniques", "--disable",
              "narratives", "--outlet", "elling-post.example", "--published", "2017-04-06")
    assert res.exit_code == 0, res.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT outlet, published FROM documents").fetchall() == [("elling-post.example",
                                                                                      "2017-04-06")]


def test_the_python_api_ingest_takes_the_outlet_and_date_of_documents_that_name_none(tmp_path):
    import spinscope
    a = write(tmp_path, "a.txt", ARTICLE)
    with spinscope.Corpus(tmp_path / "c.duckdb", write=True) as corpus:
        with pytest.raises(ValueError, match="is no date"):
            corpus.ingest([a], published="someday")
        corpus.ingest([a], outlet="elling-post.example", published="6 April 2017", embeddings=False,
                      disable=["techniques", "narratives"])
        assert [(d["outlet"], d["published"]) for d in corpus.documents()] == [("elling-post.example", "2017-04-06")]
