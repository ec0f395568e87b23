"""The Python API: analyze a text or a file, switch stages off, stream many inputs."""
from __future__ import annotations

import pytest

import spinscope
from spinscope.ingest.base import Failure, ReadError
from spinscope.nlp import load_nlp
from spinscope.pipeline import Pipeline, UnknownStage

TEXT = """Damascus Reopens Airport to Civilian Flights

Syria's transport ministry said on Sunday that the airport would reopen to civilian flights next week after repairs to the runway.

The first flight is expected from Moscow, the ministry said.

Leave a Reply
"""


def test_analyze_text_with_metadata():
    doc = spinscope.analyze(TEXT, outlet="Levant Wire", published="2026-03-01")
    assert doc.source.outlet == "Levant Wire" and doc.source.published == "2026-03-01"
    assert doc.span_text(doc.title) == "Damascus Reopens Airport to Civilian Flights"
    assert doc.body_text.endswith("the ministry said.")
    assert [b.kind for b in doc.boilerplate] == ["comment_prompt"]
    assert {s.segment for s in doc.sentences} == {"title", "body"}
    assert len(doc.sentences) == 3


def test_stages_switch_off():
    doc = spinscope.analyze(TEXT, disable=["parse"])
    assert doc.sentences == [] and doc.body
    doc = spinscope.analyze(TEXT, disable=["clean"])
    assert doc.body == [] and doc.sentences, "parse falls back to the whole text"
    with pytest.raises(UnknownStage, match="unknown stage"):
        Pipeline(disable=["nonsense"])


def test_spacy_loaded_once_per_process():
    with Pipeline(targets=["parse"]).resources.activate():
        first = load_nlp()
    with Pipeline(disable=["techniques"]).resources.activate():
        second = load_nlp()
    assert first is second  # pipelines of one process share the loaded model


def test_analyze_path_and_errors(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert spinscope.analyze(path).source.path == str(path)
    assert spinscope.analyze(str(path), disable=["parse"]).span_text(spinscope.analyze(str(path)).title)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="empty"):
        spinscope.analyze(empty)
    many = tmp_path / "many.jsonl"
    many.write_text('{"text": "One article."}\n{"text": "Another article."}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="2 documents"):
        spinscope.analyze(many)


def test_analyze_paths_streams_documents_and_failures(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(TEXT.replace("Sunday", "Monday"), encoding="utf-8")
    out = list(spinscope.analyze_paths([tmp_path], disable=["parse"]))
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1], Failure) and out[1].input.endswith("b.txt")


def test_a_stage_that_crashes_loses_only_its_document(tmp_path, monkeypatch):
    from spinscope import api

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "boom.txt").write_text("BOOM " + TEXT, encoding="utf-8")
    pipeline = Pipeline(disable=["parse"])
    real = pipeline.stages[0][1]

    def fragile(docs):
        if any(d.text.startswith("BOOM") for d in docs):
            raise RuntimeError("stage broke")
        real(docs)
    pipeline.stages[0] = ("clean", fragile)
    out = list(api.analyze_paths([tmp_path], pipeline=pipeline))
    assert isinstance(out[0], spinscope.Document) and out[0].body
    assert isinstance(out[1], Failure) and "stage broke" in out[1].reason
