"""Round 13 (stop 45) of the techniques layer: the sentence-level span generator of the long techniques
(`spin/techniques/generator.py`, `generator.npz` in a model folder); texts written here."""
from __future__ import annotations

import math
import shutil
import types

import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.generator import (GENERATOR_FILE, LONG, Generator, feature_rows, sentence_labels,
                                                 technique_probs, trimmed)
from spinscope.spin.techniques.model import MODEL_DIR, ModelError, load_model, views_for
from spinscope.training.generator import choose, dev_score
from spinscope.training.ptc import TECHNIQUES

from .test_techniques import LOADED, NEUTRAL, _doc

DOUBT = "Is it really true that the minister knew nothing about the deal?"
QUOTED = "\u201cWe will never surrender our great nation to these people.\u201d"


@pytest.fixture(scope="module")
def view():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    d = pipe(_doc(NEUTRAL, DOUBT, QUOTED, LOADED))
    return views_for([(d.text, d.parses)])[0]


def _gen(thresholds, one=False, d=3):
    """A generator over `d` features whose probability for sentence i and technique k is sigmoid(row[i, k])."""
    k = len(LONG)
    coef, intercept = np.zeros((k, d)), np.full(k, -30.0)  # the techniques past the d-th: probability ~0
    for j in range(min(k, d)):
        coef[j, j], intercept[j] = 1.0, 0.0
    return Generator(LONG, np.zeros(d), np.ones(d), coef, intercept, np.asarray(thresholds, float), one)


def _logit(p):
    return math.log(p / (1 - p))


def test_trimmed_sentences_are_honest_spans(view):
    texts = []
    for i in range(len(view.sents)):
        s, e = trimmed(view, i)
        texts.append(view.text[s:e])
        assert view.sents[i][0] <= s < e <= view.sents[i][1]
    assert DOUBT in texts  # the question mark stays
    assert "We will never surrender our great nation to these people" in texts  # quotes and the full stop go
    assert NEUTRAL[:-1] in texts
    fake = types.SimpleNamespace(text=' "  ." ', sents=[(0, 7, "body", 0, 1)])
    assert trimmed(fake, 0) is None


def test_spans_only_above_threshold_and_not_over_a_kept_span_of_the_technique(view):
    n = len(view.sents)
    rows = np.full((n, 3), _logit(0.1))
    i_doubt = next(i for i in range(n) if "really true" in view.sent_text(i))
    i_quote = next(i for i in range(n) if "surrender" in view.sent_text(i))
    rows[i_doubt, 0] = _logit(0.8)  # LONG[0] = Doubt
    rows[i_quote, 1] = _logit(0.55)  # LONG[1] = Causal_Oversimplification, just above 0.5
    rows[i_quote, 2] = _logit(0.45)  # LONG[2] = Black-and-White_Fallacy, under 0.5
    g = _gen([0.5] * len(LONG))
    got = g.spans(view, g.probs(rows), [])
    assert sorted((t, view.text[s:e]) for s, e, t, _ in got) == sorted([
        ("Doubt", DOUBT), ("Causal_Oversimplification", "We will never surrender our great nation to these people")])
    for s, e, t, p in got:
        assert view.text[s:e].strip() == view.text[s:e] and 0.5 <= p <= 1
    # a threshold of NaN turns a technique off; a higher one drops what is under it
    g_off = _gen([math.nan] + [0.5] * (len(LONG) - 1))
    assert [t for *_, t, _ in g_off.spans(view, g_off.probs(rows), [])] == ["Causal_Oversimplification"]
    g_hi = _gen([0.9] * len(LONG))
    assert g_hi.spans(view, g_hi.probs(rows), []) == []
    # a kept span of the same technique overlapping the sentence blocks it; one of another technique does not
    a = view.text.index("minister")
    kept_same = [(a, a + 8, "Doubt", 0.3)]
    kept_other = [(a, a + 8, "Loaded_Language", 0.3)]
    assert [t for *_, t, _ in g.spans(view, g.probs(rows), kept_same)] == ["Causal_Oversimplification"]
    assert len(g.spans(view, g.probs(rows), kept_other)) == 2
    # one per sentence: only the likeliest technique above its threshold
    rows[i_doubt, 1] = _logit(0.6)
    both = g.spans(view, g.probs(rows), [])
    one = _gen([0.5] * len(LONG), one=True).spans(view, g.probs(rows), [])
    assert len(both) == 3 and len(one) == 2 and ("Doubt" in {t for *_, t, _ in one})


def test_save_and_load(tmp_path):
    g = _gen([0.3, math.nan] + [0.5] * (len(LONG) - 2), one=True)
    g.about = {"C": 0.1}
    g.save(tmp_path / GENERATOR_FILE)
    back = Generator.load(tmp_path / GENERATOR_FILE)
    assert back.techniques == LONG and back.one_per_sentence and back.about == {"C": 0.1}
    assert np.allclose(back.coef, g.coef) and np.isnan(back.thresholds[1]) and back.thresholds[0] == 0.3
    bad = Generator(LONG, np.zeros(3), np.ones(3), np.zeros((len(LONG), 4)), np.zeros(len(LONG)),
                    np.zeros(len(LONG)))
    bad.save(tmp_path / "bad.npz")
    with pytest.raises(ValueError):
        Generator.load(tmp_path / "bad.npz")


def test_labels_and_rows(view):
    i = next(i for i in range(len(view.sents)) if "really true" in view.sent_text(i))
    s, e = view.sents[i][:2]
    half = s + (e - s) // 2
    assert sentence_labels(view, [(s, e, "Doubt")], "Doubt")[i] == 1
    assert sentence_labels(view, [(s, e, "Doubt")], "Flag-Waving").sum() == 0
    assert sentence_labels(view, [(s, half - 3, "Doubt")], "Doubt")[i] == 0  # under half the sentence
    assert sentence_labels(view, [(s, half - 3, "Doubt"), (half - 4, e, "Doubt")], "Doubt")[i] == 1  # merged
    n = len(view.sents)
    emb = np.ones((n, 384), np.float32)
    sp = np.array([0.05] + [0.5] * (n - 1))
    lr = np.linspace(0, 1, len(view.tokens))
    rows = feature_rows(view, emb, sp, lr, np.zeros((n, 14)), cascade=0.1)
    assert rows.shape == (n, 384 + 14 + 10)
    assert rows[0, 398 + 1] == 0 and rows[0, 398 + 2] == 0  # under the cascade: no token probabilities
    assert rows[1, 398 + 1] > 0 and rows[1, 398 + 5] == 0  # not the title


def test_the_packaged_model_has_no_generator_and_a_folder_with_one_adds_spans(view, tmp_path):
    # Off when its file is absent (the packaged model ships none: round 13 did not ship, docs/techniques.md).
    assert not (MODEL_DIR / GENERATOR_FILE).exists()
    model = load_model()
    assert model.generator is None
    base = model.predict([view])[0]
    for name in ("model.joblib", "meta.json", "tagger.safetensors"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    assert load_model.uncached(str(tmp_path)).generator is None
    # A generator giving every sentence a probability of 0.5 for every long technique, threshold 0.4
    d = 384 + 14 + 10
    g = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                  np.full(len(LONG), 0.4))
    g.save(tmp_path / GENERATOR_FILE)
    with_gen = load_model.uncached(str(tmp_path))
    assert with_gen.generator is not None
    got = with_gen.predict([view])[0]
    added = [x for x in got if x not in base]
    assert set(base) <= set(got) and added
    for s, e, t, p in got:
        assert 0 <= s < e <= len(view.text) and view.text[s:e].strip() == view.text[s:e]
    for s, e, t, p in added:
        assert t in LONG and p == 0.5
        i = next(i for i in range(len(view.sents)) if view.sents[i][0] <= s < view.sents[i][1])
        assert (s, e) == trimmed(view, i)
        assert not any(k[2] == t and k[0] < e and s < k[1] for k in base)
    assert got == sorted(got, key=lambda x: (x[0], x[1]))
    # threshold above every probability: nothing added
    g.thresholds = np.full(len(LONG), 0.6)
    g.save(tmp_path / GENERATOR_FILE)
    assert load_model.uncached(str(tmp_path)).predict([view])[0] == sorted(base, key=lambda x: (x[0], x[1]))
    # a broken file is refused at load
    (tmp_path / GENERATOR_FILE).write_bytes(b"not an npz")
    with pytest.raises(ModelError):
        load_model.uncached(str(tmp_path))


def test_technique_probs_reuse_the_sentence_embedding(view):
    model = load_model()
    se = model.sentence_embeddings([view])[0]
    tp = technique_probs(model.tech, view, se, TECHNIQUES)
    assert tp.shape == (len(view.sents), 14) and np.allclose(tp.sum(1), 1, atol=1e-5)
    # the same as the technique model on the sentences taken as spans (their embedding encoded again)
    spans = [[(s, e) for s, e, *_ in view.sents]]
    ranked = model.classify([view], spans, [se], top=1)[0]
    assert [r[0][0] for r in ranked] == [TECHNIQUES[j] for j in tp.argmax(1)]


def test_choose_and_dev_score(view):
    n = len(view.sents)
    i = next(i for i in range(n) if "really true" in view.sent_text(i))
    s, e = trimmed(view, i)
    rows = np.full((n, 3), _logit(0.1))
    rows[i, 0] = _logit(0.7)
    g = _gen([math.nan] * len(LONG))
    probs = [g.probs(rows)]
    gold = [[(s, e, "Doubt")]]
    before = dev_score(g, [view], probs, [[]], gold, g.thresholds)
    assert before["si"][2] == 0
    thr, res = choose(g, [view], probs, [[]], gold, "S")
    assert thr[0] <= 0.7 and res["si"][2] == 1.0 and res["full"][2] == 1.0
    thr, res = choose(g, [view], probs, [[]], gold, "P")
    assert res["full"][2] == 1.0
