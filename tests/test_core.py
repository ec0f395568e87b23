"""The core: declared stages, one Config, shared Resources, records that round-trip, a pipeline that travels."""
from __future__ import annotations

import json
import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pytest

import spinscope
from spinscope import Config, Pipeline, SpinscopeError
from spinscope.errors import ConfigError, DataFileError, InputError, ModelError
from spinscope.ingest import read_text
from spinscope.model import Document
from spinscope.pipeline import STAGES, needed_for, register_stage
from spinscope.resources import Resources, resource

from .conftest import EXAMPLES, SEEDS

# The cheap stages only, for tests of the machinery that need no models.
LIGHT = ["clean", "markers"]


def _inputs() -> list[str]:
    paths = sorted(str(p) for p in (EXAMPLES / "txt").glob("*.txt")) + sorted(str(p) for p in (EXAMPLES / "html").glob("*.html"))
    if SEEDS.is_dir():
        paths += sorted(str(p) for p in SEEDS.glob("*.txt"))
    return paths


@pytest.fixture(scope="module")
def analyzed():
    """Every example and seed through the whole pipeline, once, with the write check on."""
    pipeline = Pipeline(check_writes=True)
    docs = [d for d in spinscope.analyze_paths(_inputs(), pipeline=pipeline) if isinstance(d, Document)]
    assert len(docs) == len(_inputs())
    return pipeline, docs


# -- declared stages -------------------------------------------------------------------------------

def test_every_stage_declares_what_it_needs_and_writes():
    Pipeline(stages=LIGHT)  # loads the stage modules
    for name, spec in STAGES.items():
        assert spec.assigns, name
        assert all(isinstance(x, str) for x in spec.requires + spec.assigns)


def test_an_order_missing_a_requirement_names_both_stages():
    with pytest.raises(ConfigError, match=r"'events' requires 'entities'.*'entities' is not in the pipeline"):
        Pipeline(stages=["clean", "parse", "events"])
    with pytest.raises(ConfigError, match=r"'quotes' requires 'entities'.*'entities' comes after 'quotes'"):
        Pipeline(stages=["clean", "parse", "quotes", "entities"])


def test_a_partial_run_derives_what_it_needs():
    assert needed_for(["events"]) == ["clean", "parse", "entities", "quotes", "places", "dates", "events"]
    assert needed_for(["markers"]) == ["clean", "markers"]
    assert Pipeline(targets=["markers"]).names == ["clean", "markers"]


def test_disabling_a_stage_skips_what_needs_it():
    p = Pipeline(disable=["parse"])
    assert p.names == ["clean", "dates", "markers"]  # dates reads the cleaner's text without spaCy
    assert p.skipped["parse"] == "disabled" and "parses" in p.skipped["entities"]


def test_unknown_stage_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline(disable=["parsing"])


def test_a_stage_that_writes_an_undeclared_layer_is_caught():
    @register_stage("rogue_test_stage", requires=("body",), assigns=("techniques",))
    def make_rogue(config, resources):
        def rogue(docs):
            for doc in docs:
                doc.events = []  # declared: techniques; writes: events
                doc.markers.clear()
                doc.boilerplate.append(doc.boilerplate[0] if doc.boilerplate else None)
        return rogue

    try:
        p = Pipeline(stages=["clean", "rogue_test_stage"], check_writes=True)
        with pytest.raises(ConfigError, match="rogue_test_stage"):
            p(read_text("Title\n\nA body line.\n\nSupport us on Patreon!\n"))
    finally:
        del STAGES["rogue_test_stage"]


@pytest.mark.slow
def test_stages_write_only_what_they_assign(analyzed):
    # The fixture ran the whole pipeline with check_writes=True: reaching here means no stage wrote
    # a layer it does not declare, on every example and seed.
    pipeline, docs = analyzed
    assert docs and pipeline.check_writes


# -- one config ------------------------------------------------------------------------------------

def test_config_is_frozen_and_typed():
    cfg = Config()
    assert cfg.pipeline.batch_size == 32 and cfg.kb.files == ()
    with pytest.raises(Exception):
        cfg.kb = None
    with pytest.raises(Exception):
        cfg.kb.files = ("x",)
    assert cfg.replace(kb={"files": ["a.yaml"]}).kb.files == ("a.yaml",)
    assert cfg.replace(kb={"files": ["a.yaml"]}).hash() != cfg.hash()
    assert pickle.loads(pickle.dumps(cfg)) == cfg


def test_batch_sizes_leave_the_records_hash_alone():
    """How work is cut changes no record: stored records stay fresh when a batch size changes."""
    cfg = Config()
    assert cfg.replace(pipeline={"batch_size": 7}, parse={"batch_size": 9}).hash() == cfg.hash()
    assert cfg.replace(parse={"spacy_disable": ["ner"]}).hash() != cfg.hash()
    assert cfg.replace(pipeline={"doc_timeout": 5.0}).hash() != cfg.hash()


@pytest.mark.parametrize("data, message", [
    ({"kb_files": ["x.yaml"]}, "'kb_files' is not a section"),
    ({"kb": {"file": ["x.yaml"]}}, r"unknown key 'file' in section \[kb\]"),
    ({"narrative": {}}, r"unknown section \[narrative\]"),
    ({"entities": {"kb": "x"}}, r"unknown key 'kb' in section \[entities\] \(it has no settings\)"),
    ({"pipeline": {"batch_size": "32"}}, r"\[pipeline\] batch_size: expected a whole number"),
    ({"narratives": {"comments": 1}}, r"\[narratives\] comments: expected true or false"),
    ({"kb": {"files": "x.yaml"}}, r"\[kb\] files: expected a list"),
])
def test_bad_settings_are_refused_by_name(data, message):
    with pytest.raises(ConfigError, match=message):
        Pipeline(config=data)


def test_config_from_toml(tmp_path):
    f = tmp_path / "spinscope.toml"
    f.write_text('[pipeline]\nbatch_size = 4\ndisable = ["techniques"]\n\n[narratives]\nthreshold = 0.9\n')
    cfg = Config.from_toml(f)
    assert cfg.pipeline.batch_size == 4 and cfg.narratives.threshold == 0.9
    f.write_text("[kb]\nfile = []\n")
    with pytest.raises(ConfigError, match=rf"{f}: unknown key 'file' in section \[kb\]"):
        Config.from_toml(f)
    f.write_text("[kb\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.from_toml(f)


def test_cli_config_errors_are_usage_errors(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[places]\nradius = 5\n")
    text = tmp_path / "a.txt"
    text.write_text("Some text.\n")
    run = subprocess.run([sys.executable, "-m", "spinscope", "analyze", str(text), "--config", str(f)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "unknown key 'radius' in section [places]" in run.stderr
    assert "Traceback" not in run.stderr


# -- resources -------------------------------------------------------------------------------------

def test_resources_key_by_content_and_reload(tmp_path):
    calls = []

    @resource(user_files=True)
    def words(path):
        calls.append(path)
        return open(path).read().split()

    f = tmp_path / "w.txt"
    f.write_text("a b")
    res = Resources(private=True)
    with res.activate():
        assert words(str(f)) == ["a", "b"] and words(str(f)) == ["a", "b"]
        assert len(calls) == 1
        f.write_text("a b c d")  # an edited user file is read again (size and time changed)
        assert words(str(f)) == ["a", "b", "c", "d"] and len(calls) == 2
    with Resources(private=True).activate():
        words(str(f))
    assert len(calls) == 3, "a private Resources loads its own values"
    with Resources().activate(), Resources().activate():
        words(str(f)), words(str(f))
    assert len(calls) == 4, "the process's Resources share what they load"


def test_user_kb_edit_is_picked_up_by_reload(tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text("actors:\n  - id: zz-first\n    name: Zorblax Institute\n    type: organization\n")
    p = Pipeline({"kb": {"files": [str(kb)]}}, targets=["entities"])
    doc = p(read_text("The Zorblax Institute said so.\n"))
    assert any(e.kb_id == "zz-first" for e in doc.entities)
    kb.write_text("actors:\n  - id: zz-second\n    name: Zorblax Institute\n    type: organization\n")
    p.reload()
    doc = p(read_text("The Zorblax Institute said so.\n"))
    assert any(e.kb_id == "zz-second" for e in doc.entities)


def test_nothing_is_loaded_or_set_at_import():
    code = ("import os, sys; before = dict(os.environ); import spinscope.pipeline; "
            "spinscope.pipeline.load_stage_modules(); "
            "assert dict(os.environ) == before, set(os.environ) ^ set(before); "
            "heavy = [m for m in ('spacy', 'torch', 'transformers', 'sentence_transformers') if m in sys.modules]; "
            "assert not heavy, heavy")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_the_model_imports_no_stage():
    code = ("import sys, spinscope.model; "
            "print([m for m in sys.modules if m.startswith(('spinscope.extract', 'spinscope.spin', 'spinscope.clean'))])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# -- errors ----------------------------------------------------------------------------------------

def test_one_exception_root():
    from spinscope.clean.cues import CueFileError
    from spinscope.ingest.base import ReadError
    from spinscope.kb import KBError
    from spinscope.kb.ratings import RatingsError
    from spinscope.nlp import ModelMissing
    from spinscope.pipeline import UnknownStage
    from spinscope.spin.narratives.catalogue import NarrativeError
    from spinscope.spin.techniques.model import ModelError as TechniquesModelError
    for cls in (CueFileError, KBError, RatingsError, NarrativeError):
        assert issubclass(cls, DataFileError)
    assert issubclass(ReadError, InputError) and issubclass(UnknownStage, ConfigError)
    assert issubclass(ModelMissing, ModelError) and issubclass(TechniquesModelError, ModelError)
    for cls in (ConfigError, DataFileError, InputError, ModelError):
        assert issubclass(cls, SpinscopeError)


# -- records ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_records_round_trip_exactly(analyzed):
    _, docs = analyzed
    for doc in docs:
        record = doc.to_dict()
        again = Document.from_dict(json.loads(json.dumps(record, ensure_ascii=False)))
        assert again.to_dict() == record, doc.source.path
        assert again.problems() == []


@pytest.mark.slow
def test_records_carry_provenance_and_ids(analyzed):
    pipeline, docs = analyzed
    for doc in docs:
        prov = doc.to_dict()["provenance"]
        assert prov["version"] == spinscope.__version__
        assert prov["stages"] == pipeline.names
        assert set(prov["hashes"]) == {"config", "kb", "catalogues", "models"}
        record = doc.to_dict()
        for layer in ("body", "boilerplate", "comments", "sentences", "entities", "quotes", "places", "dates",
                      "events", "techniques", "narratives", "labels", "markers", "citations"):
            ids = [x["id"] for x in record[layer]]
            assert all(ids) and len(ids) == len(set(ids)), (layer, doc.source.path)
    # the same analysis gives the same ids
    again = spinscope.analyze(docs[0].source.path, pipeline=pipeline)
    assert again.to_dict() == docs[0].to_dict()


def test_models_hash_tells_the_transformers_runtime_apart(monkeypatch):
    """int8 and float32 give slightly different vectors and spans: a record must say which one made it,
    so that `ingest --stale` re-analyzes after a switch."""
    from spinscope import ct2run

    def models_hash(int8, ct2="none"):
        for name, value in (("SPINSCOPE_INT8", int8), ("SPINSCOPE_CT2", ct2)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return Pipeline(stages=LIGHT, build=False).resources.fingerprint()["models"]
    onnx_default = models_hash(None)  # ONNX Runtime for both models
    assert models_hash("encoder,tagger") == onnx_default, "ONNX Runtime's default is int8 for both"
    assert len({onnx_default, models_hash("none"), models_hash("tagger"), models_hash("encoder")}) == 4
    if ct2run.available():  # CTranslate2 (the default when installed) is told apart from each of those
        hashes = {models_hash(None, None), models_hash(None, "encoder"), models_hash(None, "tagger"), onnx_default}
        assert len(hashes) == 4 and models_hash(None, None) == models_hash(None, "encoder,tagger")


def test_stage_not_run_is_told_apart_from_nothing_found():
    doc = Pipeline(stages=LIGHT)(read_text("Title\n\nNothing here.\n"))
    record = doc.to_dict()
    assert record["provenance"]["stages"] == ["clean", "markers"]
    assert record["markers"] == [] and record["thread"]["comments"] == 0  # ran, found nothing
    assert "quotes" not in record["provenance"]["stages"]  # did not run


@pytest.mark.slow
def test_parses_are_dropped_and_documents_pickle_small(analyzed):
    _, docs = analyzed
    for doc in docs:
        assert doc.parses == []
        assert len(pickle.dumps(doc)) < 20 * len(doc.text) + 50_000, doc.source.path
    kept = Pipeline(targets=["parse"], keep_parses=True)(read_text("One. Two.\n"))
    assert kept.parses


# -- a pipeline that travels -----------------------------------------------------------------------

def test_a_pipeline_pickles_as_its_config():
    p = Pipeline(config={"narratives": {"threshold": 0.7}}, stages=LIGHT)
    blob = pickle.dumps(p)
    assert len(blob) < 2000
    q = pickle.loads(blob)
    assert q.config == p.config and q.names == p.names


def _analyze_in_worker(pipeline: Pipeline, paths: list[str]) -> list[dict]:
    return [d.to_dict() for d in spinscope.analyze_paths(paths, pipeline=pipeline) if isinstance(d, Document)]


@pytest.mark.slow
def test_a_pipeline_travels_to_a_process_pool(analyzed):
    pipeline, docs = analyzed
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else _inputs()[:5]
    plain = Pipeline.from_config(pipeline.config)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        remote = pool.submit(_analyze_in_worker, plain, paths).result(timeout=900)
    local = {d.source.path: d.to_dict() for d in docs}
    assert [r["source"]["path"] for r in remote] == paths
    for record in remote:
        assert record == local[record["source"]["path"]]


def test_the_loaded_heap_is_frozen_once_after_a_first_batch():
    # docs/speed.md round 12: the models' and KB's long-lived objects leave the cyclic collector's older passes;
    # in a fresh process, so that no earlier test's pipeline has frozen it already
    code = ("import gc; from spinscope import Pipeline; from spinscope.model import Document\n"
            "from spinscope.pipeline import freeze_loaded_heap\n"
            "p = Pipeline(stages=['clean']); before = gc.get_freeze_count()\n"
            "p.process([Document(text='A line of text.\\n')]); after = gc.get_freeze_count()\n"
            "print(before, after > 0, freeze_loaded_heap())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "True", "False"], out.stdout


def test_provenance_hashes_do_not_depend_on_where_the_package_lives(tmp_path, monkeypatch):
    """Two installs of the same data at two paths give the same content hashes (stop 45: the packaged files' absolute
    paths were hashed, so a second checkout of one commit stamped other hashes on the same findings)."""
    from spinscope import resources as res

    for where in ("a", "b"):
        data = tmp_path / where / "data"
        (data / "actors").mkdir(parents=True)
        (data / "actors" / "kb.yaml").write_text("- id: x\n")
    hashes = {}
    for where in ("a", "b"):
        monkeypatch.setattr(res, "package_path", lambda packaged, w=where: tmp_path / w / packaged)
        hashes[where] = res.Resources().hash_of([tmp_path / where / "data" / "actors"])
    assert hashes["a"] == hashes["b"]
    (tmp_path / "c" / "data" / "actors").mkdir(parents=True)  # the content still counts
    (tmp_path / "c" / "data" / "actors" / "kb.yaml").write_text("- id: y\n")
    monkeypatch.setattr(res, "package_path", lambda packaged: tmp_path / "c" / packaged)
    assert res.Resources().hash_of([tmp_path / "c" / "data" / "actors"]) != hashes["a"]
