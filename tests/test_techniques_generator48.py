"""Round 15 (stop 48) of the techniques layer: the generator file validated in one call, and the multi-task pooled
generator (a pooled "any long technique" detector with its own per-technique label head; `spin/techniques/
generator.py`, `training/generator.py`); texts written here."""
from __future__ import annotations

import dataclasses
import math
import shutil

import numpy as np
import pytest

from spinscope.spin.techniques.generator import EMBED, GENERATOR_FILE, LONG, TAGGER, Generator, row_width
from spinscope.spin.techniques.model import MODEL_DIR, ModelError, load_model
from spinscope.training.generator import CANDIDATES, MULTITASK, choose, fit, fit_label_head
from spinscope.training.ptc import TECHNIQUES

from .test_techniques_generator47 import DOUBT, FEAR, _sent, view  # noqa: F401 (the parsed fixture text, shared)


def test_load_checks_the_width_in_the_same_call_when_asked(tmp_path):
    d = row_width()
    ok = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                   np.full(len(LONG), 0.5))
    ok.save(tmp_path / GENERATOR_FILE)
    assert Generator.load(tmp_path / GENERATOR_FILE, width=True).coef.shape == (len(LONG), d)
    # weights of round 13's width that say they read the tagger: their arrays fit together, their rows do not
    wrong = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                      np.full(len(LONG), 0.5), features=("tagger",))
    wrong.save(tmp_path / "wrong.npz")
    assert Generator.load(tmp_path / "wrong.npz").features == ("tagger",)  # arrays only, as before
    with pytest.raises(ValueError, match="features"):
        Generator.load(tmp_path / "wrong.npz", width=True)


# --- round 15's multi-task pooled generator (M) -------------------------------------------------------------------

def _multitask(d, p_any, label_col=1):
    """A multi-task generator over rows of width `d`: p(any) = sigmoid(row[0] + logit(p_any)); its label head gives
    technique j the score row[label_col + j] (so the label is the row's likeliest there)."""
    coef = np.zeros((1, d))
    coef[0, 0] = 1.0
    lc = np.zeros((len(LONG), d))
    for j in range(len(LONG)):
        lc[j, label_col + j] = 1.0
    return Generator(LONG, np.zeros(d), np.ones(d), coef, np.array([math.log(p_any / (1 - p_any))]),
                     np.full(len(LONG), 0.4), label_coef=lc, label_intercept=np.zeros(len(LONG)))


def test_the_label_head_labels_the_pooled_head_s_sentences(view, tmp_path):
    n = len(view.sents)
    d = 1 + len(LONG) + len(LONG)
    rows = np.zeros((n, d))
    i, j = _sent(view, "really true"), _sent(view, "children")
    # the label head's columns (1..8) say Doubt for i and fear for j; the columns a round 14 pooled head would read
    # (9..16, standing for the technique model's) say the opposite
    rows[i, 1 + LONG.index("Doubt")] = 2.0
    rows[j, 1 + LONG.index("Appeal_to_fear-prejudice")] = 2.0
    rows[i, 1 + len(LONG) + LONG.index("Flag-Waving")] = 0.9
    rows[j, 1 + len(LONG) + LONG.index("Doubt")] = 0.9
    g = _multitask(d, 0.5)
    assert g.is_pooled and g.pooled is None
    p = g.probs(rows)
    assert p.shape == (n, len(LONG)) and np.allclose(p.sum(1), 0.5)
    assert p[i, LONG.index("Doubt")] == 0.5 and p[j, LONG.index("Appeal_to_fear-prejudice")] == 0.5
    old = dataclasses.replace(g, label_coef=None, label_intercept=None,
                              pooled=np.arange(1 + len(LONG), 1 + 2 * len(LONG)))
    assert old.probs(rows)[i, LONG.index("Flag-Waving")] == 0.5  # round 14's labeller reads the other columns
    got = {(view.text[s:e], t) for s, e, t, _ in g.spans(view, p, [])}
    assert (DOUBT, "Doubt") in got and (FEAR[:-1], "Appeal_to_fear-prejudice") in got and len(got) == n
    # a kept span of the label's technique over the sentence: nothing added there
    s, e = view.sents[i][:2]
    assert (DOUBT, "Doubt") not in {(view.text[a:b], t) for a, b, t, _ in g.spans(view, p, [(s, s + 5, "Doubt", .3)])}
    assert g.spans(view, _multitask(d, 0.3).probs(rows), []) == []
    # saved and loaded with its label head; arrays that do not fit are refused
    g.save(tmp_path / GENERATOR_FILE)
    back = Generator.load(tmp_path / GENERATOR_FILE)
    assert back.label_coef.shape == (len(LONG), d) and back.pooled is None and np.allclose(back.probs(rows), p)
    for bad in (dataclasses.replace(g, label_coef=np.zeros((len(LONG), d + 1))),
                dataclasses.replace(g, label_intercept=np.zeros(len(LONG) - 1)),
                dataclasses.replace(g, coef=np.zeros((len(LONG), d)), intercept=np.zeros(len(LONG)))):
        bad.save(tmp_path / "bad.npz")
        with pytest.raises(ValueError):
            Generator.load(tmp_path / "bad.npz")


def _synthetic(d, seed=0):
    """Four folds of rows where "any" follows column 0 and which technique follows columns 1..8."""
    rng = np.random.default_rng(seed)
    rows, labels, groups = [], [], []
    for g in (1, 2, 3, 4):
        X = rng.normal(size=(120, d))
        Y = np.zeros((120, len(LONG)), np.int8)
        on = X[:, 0] > 0.8
        Y[on, X[on, 1:1 + len(LONG)].argmax(1)] = 1
        rows.append(X)
        labels.append(Y)
        groups.append(g)
    return rows, labels, groups


def test_fit_multitask_learns_the_label_from_its_own_rows():
    d = row_width(("tagger",))
    rows, labels, groups = _synthetic(d)
    gen, info = fit(rows, labels, groups, log=lambda *a: None, features=("tagger",), pooled=True, label_head=True)
    assert gen.coef.shape == (1, d) and gen.label_coef.shape == (len(LONG), d) and gen.pooled is None
    assert info["label"]["rows"] == int(np.vstack(labels).any(1).sum()) and gen.about["label_C"] == info["label"]["C"]
    X, Y = np.vstack(rows), np.vstack(labels).astype(bool)
    pos = Y.any(1)
    assert Y[pos][np.arange(int(pos.sum())), gen.labels(X[pos])].mean() > 0.8
    # the technique model's columns say nothing here: round 14's labeller is near chance on the same rows
    tp, _ = fit(rows, labels, groups, log=lambda *a: None, features=("tagger",), pooled=True)
    assert list(tp.pooled) == [EMBED + TECHNIQUES.index(t) for t in LONG] and tp.label_coef is None
    assert Y[pos][np.arange(int(pos.sum())), tp.labels(X[pos])].mean() < 0.4
    with pytest.raises(ValueError):
        fit(rows, labels, groups, log=lambda *a: None, label_head=True)
    assert CANDIDATES["M"] == (("tagger",), True) and MULTITASK == {"M"}


def test_fit_label_head_chooses_c_by_grouped_accuracy_and_handles_a_missing_class():
    d = 20
    rows, labels, groups = _synthetic(d, seed=1)
    X, Y = np.vstack(rows), np.vstack(labels)
    g = np.concatenate([np.full(len(r), gr) for r, gr in zip(rows, groups)])
    Y[:, LONG.index("Thought-terminating_Cliches")] = 0  # a technique without positives: never the label
    logs = []
    coef, icpt, info = fit_label_head(X, Y, g, X.mean(0), X.std(0) + 1e-6, log=logs.append)
    assert set(info["cv_accuracy"]) == {"0.01", "0.1", "1.0"} and len(logs) == 3
    assert info["C"] == max((0.01, 0.1, 1.0), key=lambda c: (info["cv_accuracy"][str(c)], -c))
    assert coef.shape == (len(LONG), d) and icpt[LONG.index("Thought-terminating_Cliches")] == -50.0
    z = (X - X.mean(0)) / (X.std(0) + 1e-6)
    assert not ((z @ coef.T + icpt).argmax(1) == LONG.index("Thought-terminating_Cliches")).any()
    with pytest.raises(ValueError):
        fit_label_head(X, np.zeros_like(Y), g, X.mean(0), X.std(0) + 1e-6, log=logs.append)


def test_choose_m_on_the_low_grid(view):
    d = row_width(("tagger",))
    gen = _multitask(d, 0.5)
    n = len(view.sents)
    i = _sent(view, "really true")
    probs = np.zeros((n, len(LONG)))
    probs[i, LONG.index("Doubt")] = 0.07  # p(any) at the label's column only, as `probs` gives it
    from spinscope.spin.techniques.generator import trimmed
    s, e = trimmed(view, i)
    thr, res = choose(gen, [view], [probs], [[]], [[(s, e, "Doubt")]], "M")
    assert thr[0] == 0.05 and len(set(thr)) == 1 and res["full"][2] == 1.0


def test_a_model_folder_with_a_multitask_generator_labels_by_its_head(view, tmp_path):
    model = load_model()
    base = model.predict([view])[0]
    for name in ("model.joblib", "meta.json", "tagger.safetensors"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    feats = ("tagger",)
    d = row_width(feats)
    # p(any) = sigmoid(40 x (the sentence's tagger max - 0.5)); the label head always says Flag-Waving
    col = row_width() + TAGGER.index("tag_max")
    coef = np.zeros((1, d))
    coef[0, col] = 40.0
    li = np.zeros(len(LONG))
    li[LONG.index("Flag-Waving")] = 5.0
    g = Generator(LONG, np.zeros(d), np.ones(d), coef, np.array([-20.0]), np.full(len(LONG), 0.5), features=feats,
                  label_coef=np.zeros((len(LONG), d)), label_intercept=li)
    g.save(tmp_path / GENERATOR_FILE)
    got = load_model.uncached(str(tmp_path)).predict([view])[0]
    added = [x for x in got if x not in base]
    sent_emb = model.sentence_embeddings([view])
    _, _, sp, tf = model._token_probs([view], sent_emb, with_tagger=True)
    sure = {i for i in range(len(view.sents)) if sp[0][i] >= model.cascade
            and tf[0][view.sents[i][3]:view.sents[i][4]].max(initial=0) > 0.5}
    assert sure and added and {t for _, _, t, _ in added} == {"Flag-Waving"}
    assert {next(i for i in range(len(view.sents)) if view.sents[i][0] <= s < view.sents[i][1])
            for s, e, t, p in added} == sure
    # a label head whose width does not fit the rows is refused when the folder is loaded
    dataclasses.replace(g, label_coef=np.zeros((len(LONG), d - 1))).save(tmp_path / GENERATOR_FILE)
    with pytest.raises(ModelError):
        load_model.uncached(str(tmp_path))
