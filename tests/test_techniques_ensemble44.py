"""Round 12 (stop 44) of the techniques layer: taggers averaged (`TaggerEnsemble`, meta.json's `tagger.ensemble`)
and a narrower tagger fine-tuned on gold (`train_tagger(layers=)`); texts written here."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.model import MODEL_DIR, MODEL_FILE, ModelError, load_model, views_for
from spinscope.spin.techniques.tagger import (TAGGER_FILE, TaggerEnsemble, file_layers, runtime_tagger, save_tagger,
                                              token_probs, train_tagger)

from .test_techniques import LOADED, NEUTRAL, _doc


@pytest.fixture(scope="module")
def views():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    docs = [pipe(_doc(NEUTRAL, LOADED)), pipe(_doc("They are thugs and traitors.", NEUTRAL, title=None))]
    return [views_for([(d.text, d.parses)])[0] for d in docs]


class _Constant:
    """An ONNX-session-like tagger giving every word piece the same probability."""

    def __init__(self, p: float):
        self.p = p

    def run(self, _names, feed):
        return [np.full(feed["input_ids"].shape, self.p, dtype=np.float32) * feed["attention_mask"]]


def test_an_ensemble_gives_the_mean_of_its_members(views):
    got = token_probs(TaggerEnsemble([_Constant(0.2), _Constant(0.6)]), views, max_pieces=64)
    assert [len(g) for g in got] == [len(v.tokens) for v in views]
    for g in got:
        assert np.allclose(g, 0.4, atol=1e-6)
    # the cascade's sentences only: the others get 0 from every member, so 0 in the mean
    sents = [[0], [1]]
    got = token_probs(TaggerEnsemble([_Constant(0.2), _Constant(0.6), _Constant(1.0)]), views, sents=sents,
                      max_pieces=64)
    for v, g, (i,) in zip(views, got, sents):
        inside = np.zeros(len(v.tokens), bool)
        inside[v.sents[i][3]:v.sents[i][4]] = True
        assert np.allclose(g[inside], 0.6, atol=1e-6) and not g[~inside].any()
    with pytest.raises(ValueError):
        TaggerEnsemble([_Constant(0.5)])


@pytest.fixture(scope="module")
def narrow_file(views, tmp_path_factory):
    """A 3-layer tagger fine-tuned for one step on gold spans written here."""
    v = views[0]
    a = v.text.index("corrupt")
    model = train_tagger([v], [[(a, a + len("corrupt, lying warmongers"), "Name_Calling,Labeling")]], seed=14,
                         epochs=1, layers=3, log=lambda *_: None)
    assert len(model.bert.encoder.layer) == 3 and model.bert.config.num_hidden_layers == 3
    path = tmp_path_factory.mktemp("narrow") / "tagger3.safetensors"
    save_tagger(model, path)
    return path


def test_a_narrow_tagger_trained_on_gold_keeps_the_first_layers(narrow_file):
    assert file_layers(str(narrow_file)) == 3


def test_a_model_folder_with_an_ensemble_averages_its_taggers(views, narrow_file, tmp_path):
    for name in ("meta.json", MODEL_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    shutil.copy(narrow_file, tmp_path / "tagger2.safetensors")
    meta = json.loads((tmp_path / "meta.json").read_text())
    meta["tagger"]["ensemble"] = ["tagger2.safetensors"]
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    got = load_model.uncached(str(tmp_path))
    assert isinstance(got.tagger, TaggerEnsemble) and len(got.tagger.members) == 2
    one = token_probs(runtime_tagger(str(MODEL_DIR / TAGGER_FILE)), views, max_pieces=64)
    two = token_probs(runtime_tagger(str(narrow_file)), views, max_pieces=64)
    both = token_probs(got.tagger, views, max_pieces=64)
    for a, b, c in zip(one, two, both):
        assert np.allclose(c, (a + b) / 2, atol=1e-6) and not np.allclose(a, b, atol=1e-3)
    # the whole model reads the mean: its probabilities differ from the single tagger's, the output stays valid
    shipped = load_model()
    emb = shipped.sentence_embeddings(views)
    p1, p2 = shipped.token_probs(views, emb), got.token_probs(views, emb)
    assert any(not np.allclose(a, b) for a, b in zip(p1, p2))
    for v, spans in zip(views, got.predict(views)):
        assert all(0 <= s < e <= len(v.text) for s, e, *_ in spans)


def test_an_ensemble_of_two_copies_is_the_single_tagger(views, tmp_path):
    for name in ("meta.json", MODEL_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    shutil.copy(MODEL_DIR / TAGGER_FILE, tmp_path / "copy.safetensors")
    meta = json.loads((tmp_path / "meta.json").read_text())
    meta["tagger"]["ensemble"] = ["copy.safetensors"]
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    assert load_model.uncached(str(tmp_path)).predict(views) == load_model().predict(views)


@pytest.mark.parametrize("bad", [["missing.safetensors"], ["../tagger.safetensors"], [TAGGER_FILE], "x.safetensors",
                                 ["t2.safetensors", "t2.safetensors"]])
def test_a_bad_ensemble_entry_is_refused(tmp_path, bad):
    for name in ("meta.json", MODEL_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    shutil.copy(MODEL_DIR / TAGGER_FILE, tmp_path / "t2.safetensors")
    meta = json.loads((tmp_path / "meta.json").read_text())
    meta["tagger"]["ensemble"] = bad
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="ensemble"):
        load_model.uncached(str(tmp_path))


def test_the_packaged_model_has_no_ensemble_unless_its_meta_says_so():
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    model = load_model()
    assert isinstance(model.tagger, TaggerEnsemble) == bool(meta["tagger"].get("ensemble"))


def test_register_ensemble_adds_the_file_once_and_refuses_a_missing_one(tmp_path, narrow_file):
    from spinscope.training.techniques import ENSEMBLE_FILE, register_ensemble
    for name in ("meta.json", MODEL_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    with pytest.raises(ValueError, match="no tagger2"):
        register_ensemble(tmp_path, ENSEMBLE_FILE, {})
    shutil.copy(narrow_file, tmp_path / ENSEMBLE_FILE)
    register_ensemble(tmp_path, ENSEMBLE_FILE, {"layers": 3, "seed": 14})
    register_ensemble(tmp_path, ENSEMBLE_FILE, {"layers": 3, "seed": 14})
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["tagger"]["ensemble"] == [ENSEMBLE_FILE]
    assert meta["tagger"]["ensemble_info"][ENSEMBLE_FILE] == {"layers": 3, "seed": 14}
    assert isinstance(load_model.uncached(str(tmp_path)).tagger, TaggerEnsemble)
    with pytest.raises(ModelError, match="another tagger file"):
        register_ensemble(tmp_path, TAGGER_FILE, {})


def test_train_ensemble_member_trains_on_folds_one_to_four_only(tmp_path, monkeypatch, narrow_file):
    """The articles it trains on: folds 1-4 of `train techniques`, never the dev slice nor a held-out article."""
    from spinscope.spin.techniques import tagger as tg
    from spinscope.training import techniques as tr
    from spinscope.training.ptc import Article
    for name in ("meta.json", MODEL_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    held = sorted(tr.heldout_ids())[:2]
    arts = [Article(i, f"Title {i}\nThe shameful traitors of {i} lied again.") for i in held]
    arts += [Article(f"t{k}", f"Title {k}\nThe committee {k} met on Tuesday.") for k in range(10)]
    monkeypatch.setattr(tr, "read_ptc", lambda _ptc: arts)
    seen = {}

    def fake_train(views, golds, **kw):
        seen["texts"], seen["kw"] = [v.text for v in views], kw
        return tg.load_tagger.uncached(str(narrow_file))

    monkeypatch.setattr(tg, "train_tagger", fake_train)
    out = tr.train_ensemble_member("unused", tmp_path, layers=3, seed=14)
    fold = tr._folds(10, 5, tr.SEED)
    assert seen["texts"] == [a.text for a, f in zip(arts[2:], fold) if f != 0]
    assert seen["kw"]["seed"] == 14 and seen["kw"]["layers"] == 3
    assert out["ensemble"] == [tr.ENSEMBLE_FILE] and out["ensemble_info"][tr.ENSEMBLE_FILE]["layers"] == 3
