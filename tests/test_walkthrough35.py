"""What the stop-35 walk-through (114 real documents through batch, Ray, ingest, every export, the web UI in Chromium)
found wrong; each test fails on the code before its fix."""
from __future__ import annotations

import json
import re

import httpx
from click.testing import CliRunner

from bench.corpus_synth import corpus
from spinscope.cli import cli
from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import Running, encode


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def store(tmp_path, recs: list[dict]) -> str:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", str(path), "--db", db, "--no-embeddings").exit_code == 0
    return db


def with_techniques(rec: dict, names: list[str]) -> dict:
    body = rec["body"][0]
    rec["techniques"] = [{"technique": n, "start": body["start"], "end": body["start"] + 5,
                          "text": rec["text"][body["start"]:body["start"] + 5], "score": 0.9} for n in names]
    return rec


def chart_points(html: str, label: str) -> dict[str, str]:
    svg = re.search(rf'<svg class="chart"[^>]*aria-label="{label}".*?</svg>', html, re.S).group(0)
    return {m.group(1): m.group(2) for m in re.finditer(r"<circle [^>]*><title>(.*?): ([\d.]+)</title>", svg)}


def test_the_narratives_page_counts_documents_once_by_outlet_and_in_other(tmp_path):
    # The walk-through's "Techniques over time by outlet (documents per month)" said wash-post had 28 documents in
    # March 2016: it had 4, with 28 (document, technique) pairs; the "other" line of the by-technique chart likewise
    # counted a document once per folded technique (8 for 4 documents).
    recs = [r for r, _ in corpus(3, seed=7, copy_rate=0.0)]
    many = ["Doubt", "Slogans", "Repetition", "Flag-Waving", "Bandwagon", "Loaded_Language", "Name_Calling",
            "Exaggeration", "Appeal_to_fear", "Whataboutism"]
    for r in recs:
        r["source"].update(outlet="Desk", published="2016-03-10")
        with_techniques(r, many)  # ten techniques each: seven lines drawn, three folded into "other"
    db = store(tmp_path, recs)
    with Running(create_app(db, Settings(), encode=encode)) as server:
        html = httpx.get(server.url + "/narratives").text
    by_outlet = chart_points(html, "techniques by outlet")
    assert by_outlet == {"Desk, 2016-03-01": "3"}
    by_technique = chart_points(html, "techniques over time")
    assert by_technique["other, 2016-03-01"] == "3"
    assert by_technique["Doubt, 2016-03-01"] == "3"


def test_a_table_exported_to_standard_output_is_the_file_it_exports_to(tmp_path):
    # `export --table documents --format csv > d.csv` wrote the stages as "['clean', 'parse']", a comment's `empty` as
    # "False" and a vector as "(0.1, ...)" in float64 digits; with --out the same table says "[clean, parse]",
    # "false", "[0.1, ...]": one command, two files that read back differently.
    recs = [r for r, _ in corpus(4, seed=9, copy_rate=0.0)]
    for r in recs:
        r["provenance"]["stages"] = ["clean", "parse"]
    r = recs[0]
    s = len(r["text"]) + 2
    r["text"] += "\n\nA reader's comment here."
    r["doc_id"] = r["doc_id"][:-1] + ("0" if r["doc_id"][-1] != "0" else "1")
    r["comments"] = [{"id": "c1", "parent": None, "author": "Ann", "depth": 0, "start": s, "end": len(r["text"]),
                      "empty": False, "posted": None}]
    db = store(tmp_path, recs)
    for table in ("documents", "comments", "stories", "sightings", "entities"):
        for fmt in ("csv", "jsonl"):
            if table == "documents" and fmt == "jsonl":
                continue  # whole records, written by Python both ways
            out = tmp_path / f"{table}.{fmt}"
            assert run("export", "--table", table, "--format", fmt, "--db", db, "--out", str(out)).exit_code == 0
            piped = run("export", "--table", table, "--format", fmt, "--db", db)
            assert piped.exit_code == 0
            assert piped.stdout_bytes == out.read_bytes(), (table, fmt)
