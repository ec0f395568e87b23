"""Round 11 (stop 43) of the techniques layer: the span verifier (features, model, and the keep rule's floor on it;
texts written here)."""
from __future__ import annotations

import dataclasses
import shutil

import joblib
import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques import verifier as vf
from spinscope.spin.techniques.model import MODEL_DIR, MODEL_FILE, Keep, ModelError, load_model, views_for

from .test_techniques import LOADED, NEUTRAL, _doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(stages=["parse", "techniques"], keep_parses=True)


@pytest.fixture(scope="module")
def model():
    return load_model()


def _view(pipe, *paragraphs):
    doc = pipe(_doc(*paragraphs))
    return doc, views_for([(doc.text, doc.parses)])[0]


def test_feature_rows_read_the_span_its_sentence_and_the_word_probabilities(pipe, model):
    doc, v = _view(pipe, NEUTRAL, LOADED)
    cats = vf.lexicon_categories()
    techniques = [str(c) for c in model.tech.classes_]
    names = vf.scalar_names(techniques, cats)
    a = doc.text.index("barbaric")
    b = doc.text.index("committee")
    spans = [(a, a + len("barbaric")), (b, b + len("committee met"))]
    lr = np.linspace(0.0, 1.0, len(v.tokens))
    sent_prob = np.array([0.1 * (i + 1) for i in range(len(v.sents))])
    tech = np.full((2, len(techniques)), 1.0 / len(techniques))
    span_emb = np.ones((2, 384), np.float32)
    sent_emb = np.arange(len(v.sents) * 384, dtype=np.float32).reshape(len(v.sents), 384)
    X = vf.feature_rows(v, spans, lr, sent_prob, tech, span_emb, sent_emb, cats)
    assert X.shape == (2, len(names) + 768)
    col = {n: i for i, n in enumerate(names)}
    i0, _ = v.token_range(*spans[0])
    si = v.tok_sent[i0]
    assert X[0, col["lr_mean"]] == pytest.approx(lr[i0], abs=1e-6)  # one word: mean = max = min = its own
    assert X[0, col["one_word"]] == 1 and X[1, col["one_word"]] == 0
    assert X[0, col["sent_prob"]] == pytest.approx(sent_prob[si])
    assert X[0, col["exclaim"]] == 1 and X[1, col["exclaim"]] == 0  # the loaded sentence ends with "!"
    assert X[1, col["at_sent_start"]] == 0  # "The" comes before "committee"
    assert X[0, col["lex=loaded"]] > 0  # "barbaric" is a loaded word in the lexicon
    assert X[0, col["tech_entropy"]] == pytest.approx(np.log(len(techniques)), abs=1e-4)
    n = len(names)
    assert np.array_equal(X[0, n:n + 384], span_emb[0])
    assert np.array_equal(X[0, n + 384:], sent_emb[si])  # its own sentence's embedding, not another's
    assert not np.array_equal(X[1, n + 384:], sent_emb[si])


def test_the_verifier_learns_from_rows_refuses_other_widths_and_round_trips():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 6)).astype(np.float32)
    y = (X[:, 2] > 0).astype(int)
    ver = vf.fit(X, y, ["A", "B"], ["loaded"], C=1.0)
    p = ver.probs(X)
    assert p.shape == (200,) and ((p >= 0.5) == (y == 1)).mean() > 0.95
    with pytest.raises(ValueError, match="6"):
        ver.probs(X[:, :5])
    with pytest.raises(ValueError, match="both"):
        vf.fit(X, np.zeros(200), ["A"], ["loaded"])
    back = vf.Verifier.from_dict(ver.to_dict())
    assert back.techniques == ("A", "B") and back.categories == ("loaded",) and back.width == 6
    assert np.allclose(back.probs(X), p)
    assert list(vf.touches([(0, 5), (10, 12), (20, 30)], [(4, 8, "x"), (12, 20, "y")])) == [1, 0, 0]


def test_the_keep_rule_keeps_its_verifier_floor():
    keep = Keep(second=0.2, verify=0.35)
    assert Keep.from_dict(keep.to_dict()) == keep
    assert Keep.from_dict(Keep(second=0.2).to_dict()).verify is None


class _ByColumn:
    """A stand-in for the fitted pipeline: the probability is one feature column, clipped to [0, 1]."""

    def __init__(self, column: int):
        self.column = column

    def predict_proba(self, X):
        p = np.clip(X[:, self.column], 0, 1)
        return np.column_stack([1 - p, p])


def _with_verifier(model, column: int, floor: float | None):
    techniques = tuple(str(c) for c in model.tech.classes_)
    cats = vf.lexicon_categories()
    ver = vf.Verifier(_ByColumn(column), techniques, cats, len(vf.scalar_names(techniques, cats)) + 768)
    return dataclasses.replace(model, verifier=ver, keep=dataclasses.replace(model.keep, verify=floor))


def test_found_spans_below_the_verifier_floor_are_not_reported(pipe, model):
    doc, v = _view(pipe, NEUTRAL, LOADED, "They are thugs. The vote was on Monday. Patriots will never surrender to "
                   "these traitors!")
    before = model.predict([v])[0]
    thugs = doc.text.index("They are thugs")
    assert any(s <= thugs < e for s, e, *_ in before)
    names = vf.scalar_names([str(c) for c in model.tech.classes_], vf.lexicon_categories())
    exclaim = names.index("exclaim")
    # The floor off: the same spans as without a verifier.
    assert _with_verifier(model, exclaim, None).predict([v])[0] == before
    # A verifier that says 1 for spans in a sentence with "!" and 0 for the others keeps only those.
    got = _with_verifier(model, exclaim, 0.5).predict([v])[0]
    kept = {(s, e) for s, e, *_ in got}
    assert kept and kept < {(s, e) for s, e, *_ in before}
    assert not any(s <= thugs < e for s, e in kept)
    for s, e in kept:
        si = v.tok_sent[v.token_range(s, e)[0]]
        assert "!" in v.sent_text(si)
    # The spans it keeps keep their techniques and scores.
    assert [x for x in before if (x[0], x[1]) in kept] == got
    # A floor of 0 keeps all.
    assert _with_verifier(model, exclaim, 0.0).predict([v])[0] == before


def test_a_verifier_floor_without_a_verifier_is_refused(tmp_path):
    for name in ("meta.json", "tagger.safetensors"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    parts = joblib.load(MODEL_DIR / MODEL_FILE)
    parts["keep"] = {**parts["keep"], "verify": 0.3}
    joblib.dump(parts, tmp_path / MODEL_FILE)
    with pytest.raises(ModelError, match="verifier"):
        load_model.uncached(str(tmp_path))


def test_a_verifier_reading_the_techniques_in_another_order_is_refused(tmp_path):
    for name in ("meta.json", "tagger.safetensors"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    parts = joblib.load(MODEL_DIR / MODEL_FILE)
    techniques = [str(c) for c in parts["tech"].classes_]
    cats = vf.lexicon_categories()
    width = len(vf.scalar_names(techniques, cats)) + 768
    parts["verifier"] = vf.Verifier(_ByColumn(0), tuple(reversed(techniques)), cats, width).to_dict()
    parts["keep"] = {**parts["keep"], "verify": 0.3}
    joblib.dump(parts, tmp_path / MODEL_FILE)
    with pytest.raises(ModelError, match="order"):
        load_model.uncached(str(tmp_path))
    parts["verifier"]["techniques"] = techniques  # the same verifier in the right order loads
    joblib.dump(parts, tmp_path / MODEL_FILE)
    got = load_model.uncached(str(tmp_path))
    assert got.keep.verify == 0.3 and got.verifier.width == width
