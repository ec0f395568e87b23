"""bench/throughput.py on two of the bundled examples: per-stage CPU and the --profile pass (figures not judged)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def test_profile_pass_names_where_the_cpu_goes():
    from bench.throughput import render, run

    paths = sorted((ROOT / "examples" / "txt").glob("*.txt"))[:2]
    result = run(paths=paths, rounds=1, profile=True)
    stages = result["spinscope"]["stages"]
    assert set(result["spinscope"]["stages_cpu"]) == set(stages)
    assert all(v >= 0 for v in result["spinscope"]["stages_cpu"].values())
    profile = result["profile"]
    assert set(profile["stages_cpu"]) == set(stages)
    # Every spaCy component of the parse stage is timed, after the tokenizer.
    assert list(profile["spacy_components"])[0] == "tokenizer" and "ner" in profile["spacy_components"]
    # The techniques stage encodes sentences and tags words: both transformers' runs are counted.
    runs = profile["model_runs"]
    assert any("encoder" in k for k in runs) and any("tagger" in k for k in runs)
    assert all(r["runs"] > 0 and r["pieces"] > 0 for r in runs.values())
    text = render(result)
    assert "profile: one more pass" in text and "cpu share" in text


def test_pipeline_counts_cpu_per_stage():
    from spinscope import Document, Pipeline

    pipe = Pipeline(stages=("clean", "parse"), doc_timeout=0)
    list(pipe.pipe([Document(text="The minister said on Monday that talks would go on. " * 20)]))
    assert set(pipe.cpu_timings) == set(pipe.timings) == {"clean", "parse"}
    assert pipe.cpu_timings["parse"] > 0
