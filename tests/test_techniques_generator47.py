"""Round 14 (stop 47) of the techniques layer: the sentence generator with the tagger's evidence (the tagger's
features, the neighbours' features, a pooled head; `spin/techniques/generator.py`, `training/generator.py`); texts
written here."""
from __future__ import annotations

import math
import shutil

import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.generator import (CHEAP, EMBED, GENERATOR_FILE, LONG, TAGGER, Generator, feature_rows,
                                                 neighbour_rows, row_width, tagger_rows, trimmed)
from spinscope.spin.techniques.model import MODEL_DIR, ModelError, load_model, tagger_probs, views_for
from spinscope.training.generator import CANDIDATES, choose, fit, oof_tagger_probs, parse_oof, rows_for
from spinscope.training.ptc import TECHNIQUES

from .test_techniques import LOADED, NEUTRAL, _doc

DOUBT = "Is it really true that the minister knew nothing about the deal?"
FEAR = "If we let them in, our children will not be safe in their own streets."


@pytest.fixture(scope="module")
def view():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    d = pipe(_doc(NEUTRAL, DOUBT, FEAR, LOADED))
    return views_for([(d.text, d.parses)])[0]


def _sent(view, needle):
    return next(i for i in range(len(view.sents)) if needle in view.sent_text(i))


def test_tagger_rows_max_mean_share_and_zero_under_the_cascade(view):
    n = len(view.sents)
    tag = np.zeros(len(view.tokens))
    i = _sent(view, "really true")
    a, b = view.sents[i][3:5]
    tag[a:b] = 0.1
    tag[a] = 0.9
    tag[a + 1] = 0.3  # at TAG_SHARE: counted
    sp = np.full(n, 0.5)
    rows = tagger_rows(view, tag, sp, cascade=0.1)
    assert rows.shape == (n, len(TAGGER))
    assert rows[i, 0] == pytest.approx(0.9)
    assert rows[i, 1] == pytest.approx((0.9 + 0.3 + 0.1 * (b - a - 2)) / (b - a))
    assert rows[i, 2] == pytest.approx(2 / (b - a))
    assert not rows[np.arange(n) != i].any()  # the other sentences' words are all 0
    sp[i] = 0.05  # under the cascade: the tagger did not read it
    assert not tagger_rows(view, tag, sp, cascade=0.1)[i].any()


def test_neighbours_are_of_the_same_part_with_flags(view):
    n = len(view.sents)
    kinds = [x[2] for x in view.sents]
    assert kinds[0] == "title" and kinds[1] == "body"
    small = np.arange(n * 2, dtype=np.float32).reshape(n, 2) + 1
    nb = neighbour_rows(view, small)
    assert nb.shape == (n, 6)
    # the title has no neighbour in its part (the body's first sentence is of another part)
    assert not nb[0].any()
    # the body's first sentence: no previous, the next is sentence 2
    assert not nb[1, :3].any() and list(nb[1, 3:]) == [*small[2], 1.0]
    # the last: a previous, no next
    assert list(nb[n - 1, :3]) == [*small[n - 2], 1.0] and not nb[n - 1, 3:].any()


def test_feature_rows_layouts_and_widths(view):
    n = len(view.sents)
    emb = np.ones((n, EMBED), np.float32)
    sp = np.full(n, 0.5)
    lr = np.linspace(0, 1, len(view.tokens))
    tech = np.tile(np.arange(14, dtype=np.float32) / 100, (n, 1))
    tag = np.linspace(1, 0, len(view.tokens))
    base = feature_rows(view, emb, sp, lr, tech, 0.1)
    t = feature_rows(view, emb, sp, lr, tech, 0.1, tag)
    tn = feature_rows(view, emb, sp, lr, tech, 0.1, tag, neighbours=True)
    assert base.shape[1] == row_width() == EMBED + 14 + len(CHEAP)
    assert t.shape[1] == row_width(("tagger",)) == base.shape[1] + 3
    assert tn.shape[1] == row_width(("tagger", "neighbours")) == t.shape[1] + 2 * (t.shape[1] - EMBED + 1)
    assert np.array_equal(t[:, :base.shape[1]], base) and np.array_equal(tn[:, :t.shape[1]], t)
    w = t.shape[1] - EMBED
    assert np.array_equal(tn[2, t.shape[1]:t.shape[1] + w], t[1, EMBED:])  # sentence 2's previous is sentence 1
    with pytest.raises(ValueError):
        feature_rows(view, emb, sp, lr, tech, 0.1, None, neighbours=True)


def _pooled(d, p_any, cols):
    """A pooled generator over rows of width `d` whose probability is sigmoid(row[0] + logit(p_any))."""
    coef = np.zeros((1, d))
    coef[0, 0] = 1.0
    return Generator(LONG, np.zeros(d), np.ones(d), coef, np.array([math.log(p_any / (1 - p_any))]),
                     np.full(len(LONG), 0.4), pooled=np.asarray(cols), features=())


def test_pooled_head_labels_with_the_likeliest_long_technique(view, tmp_path):
    n = len(view.sents)
    d = 12
    cols = np.arange(2, 2 + len(LONG))  # the columns holding the technique model's probabilities of LONG
    rows = np.zeros((n, d))
    i, j = _sent(view, "really true"), _sent(view, "children")
    rows[i, 2 + LONG.index("Doubt")] = 0.7
    rows[j, 2 + LONG.index("Appeal_to_fear-prejudice")] = 0.6
    rows[j, 2 + LONG.index("Doubt")] = 0.1
    g = _pooled(d, 0.5, cols)
    p = g.probs(rows)
    assert p.shape == (n, len(LONG)) and np.allclose(p.sum(1), 0.5)  # one column per sentence gets p(any)
    assert p[i, LONG.index("Doubt")] == pytest.approx(0.5) and p[j, LONG.index("Appeal_to_fear-prejudice")] == 0.5
    got = {(view.text[s:e], t) for s, e, t, _ in g.spans(view, p, [])}
    assert (DOUBT, "Doubt") in got and (FEAR[:-1], "Appeal_to_fear-prejudice") in got
    assert len(got) == n  # every sentence is above 0.4, one span each
    assert g.spans(view, _pooled(d, 0.3, cols).probs(rows), []) == []
    # saved and loaded with its columns and features; a pooled file with 8 rows of weights is refused
    g.features = ("tagger",)
    g.save(tmp_path / GENERATOR_FILE)
    back = Generator.load(tmp_path / GENERATOR_FILE)
    assert back.features == ("tagger",) and np.array_equal(back.pooled, cols) and back.coef.shape == (1, d)
    assert np.allclose(back.probs(rows), p)
    bad = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                    np.zeros(len(LONG)), pooled=cols)
    bad.save(tmp_path / "bad.npz")
    with pytest.raises(ValueError):
        Generator.load(tmp_path / "bad.npz")
    bad2 = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((1, d)), np.zeros(1), np.zeros(len(LONG)),
                     pooled=np.array([d + 5] * len(LONG)))
    bad2.save(tmp_path / "bad2.npz")
    with pytest.raises(ValueError):
        Generator.load(tmp_path / "bad2.npz")


def test_fit_pooled_and_per_technique_and_choose_on_the_low_grid(view):
    rng = np.random.default_rng(0)
    d = row_width(("tagger",))
    rows, labels, groups = [], [], []
    for g in (1, 2, 3, 4):
        X = rng.normal(size=(60, d))
        Y = (X[:, :len(LONG)] > 1.3).astype(np.int8)  # every technique has a few positives
        Y[:, 0] = X[:, -1] > 1.0  # Doubt follows the last feature (the tagger's share)
        rows.append(X)
        labels.append(Y)
        groups.append(g)
    per, info = fit(rows, labels, groups, log=lambda *a: None, features=("tagger",))
    assert per.coef.shape == (len(LONG), d) and per.pooled is None and per.features == ("tagger",)
    pooled, pinfo = fit(rows, labels, groups, log=lambda *a: None, features=("tagger",), pooled=True)
    assert pooled.coef.shape == (1, d) and pooled.about["positives"] == [int(np.vstack(labels).any(1).sum())]
    assert list(pooled.pooled) == [EMBED + TECHNIQUES.index(t) for t in LONG]
    # choose: T, TN, TP take one shared threshold from the low grid (0.05 ...), S from round 13's (0.2 ...)
    n = len(view.sents)
    i = _sent(view, "really true")
    probs = np.full((n, len(LONG)), 0.01)
    probs[i, 0] = 0.07
    s, e = trimmed(view, i)
    gold = [[(s, e, "Doubt")]]
    thr, res = choose(per, [view], [probs], [[]], gold, "T")
    assert thr[0] == 0.05 and len(set(thr)) == 1 and res["full"][2] == 1.0
    thr, res = choose(per, [view], [probs], [[]], gold, "S")
    assert thr[0] >= 0.2 and res["si"][2] == 0
    assert CANDIDATES["TP"] == (("tagger", "neighbours"), True) and CANDIDATES["S"] == ((), False)


def test_parse_oof():
    assert parse_oof(["1,2=a.st", "3,4=b.st"]) == {1: "a.st", 2: "a.st", 3: "b.st", 4: "b.st"}
    assert parse_oof([]) == {}
    for bad in (["1,2"], ["0=a"], ["1=a", "1=b"], ["x=a"]):
        with pytest.raises(ValueError):
            parse_oof(bad)


def test_oof_tagger_probs_are_the_stage_s_tagger_run(view):
    model = load_model()
    if model.tagger is None:
        pytest.skip("no tagger")
    sp = np.full(len(view.sents), 0.5)
    sp[1] = 0.05  # under the cascade
    from spinscope.spin.techniques.tagger import TAGGER_FILE
    runtime = (model.meta.get("tagger") or {}).get("runtime", "float32")
    got = oof_tagger_probs({7: view}, {7: sp}, {7: 2}, {2: str(MODEL_DIR / TAGGER_FILE)}, model.window,
                           model.cascade, runtime)
    tf, read = tagger_probs(model.tagger, [view], [sp], model.cascade, model.window)
    assert np.allclose(got[7], np.where(read[0], tf[0], 0.0), atol=1e-5)
    a, b = view.sents[1][3:5]
    assert not got[7][a:b].any() and got[7].max() > 0
    with pytest.raises(ValueError):  # a fold without a tagger
        oof_tagger_probs({7: view}, {7: sp}, {7: 3}, {2: str(MODEL_DIR / TAGGER_FILE)}, model.window,
                         model.cascade, runtime)


def test_rows_for_builds_each_candidate_s_rows(view):
    n = len(view.sents)
    emb = np.ones((n, EMBED), np.float32)
    sp = np.full(n, 0.5)
    lr = np.full(len(view.tokens), 0.2)
    tech = np.zeros((n, 14), np.float32)
    tag = np.full(len(view.tokens), 0.4)
    base = feature_rows(view, emb, sp, lr, tech, 0.1)
    d = {"rows": {0: base}, "parts": {0: (emb, sp, lr, tech, tag)}, "views": {0: view}, "cascade": 0.1}
    assert rows_for(d)[0] is base
    assert rows_for(d, ("tagger",))[0].shape[1] == row_width(("tagger",))
    assert np.allclose(rows_for(d, ("tagger",))[0][:, -3:], [0.4, 0.4, 1.0])
    assert rows_for(d, ("tagger", "neighbours"))[0].shape[1] == row_width(("tagger", "neighbours"))


def test_a_model_folder_with_a_tagger_feature_generator_reads_the_stage_s_tagger(view, tmp_path):
    model = load_model()
    base = model.predict([view])[0]
    for name in ("model.joblib", "meta.json", "tagger.safetensors"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    feats = ("tagger", "neighbours")
    d = row_width(feats)
    # probability = sigmoid(40 x (the sentence's own tagger max - 0.5)): on where the tagger is sure
    col = row_width() + TAGGER.index("tag_max")
    coef = np.zeros((len(LONG), d))
    coef[:, col] = 40.0
    g = Generator(LONG, np.zeros(d), np.ones(d), coef, np.full(len(LONG), -20.0), np.full(len(LONG), 0.5),
                  features=feats)
    g.save(tmp_path / GENERATOR_FILE)
    with_gen = load_model.uncached(str(tmp_path))
    got = with_gen.predict([view])[0]
    sent_emb = model.sentence_embeddings([view])
    _, _, sp, tf = model._token_probs([view], sent_emb, with_tagger=True)
    sure = {i for i in range(len(view.sents)) if sp[0][i] >= model.cascade
            and tf[0][view.sents[i][3]:view.sents[i][4]].max(initial=0) > 0.5}
    added = [x for x in got if x not in base]
    # the tagger is sure in some of the sentences it read and not in others (the test tells them apart)
    assert sure and any(sp[0][i] >= model.cascade and i not in sure for i in range(len(view.sents)))
    assert {next(i for i in range(len(view.sents)) if view.sents[i][0] <= s < view.sents[i][1])
            for s, e, t, p in added} == sure
    assert set(base) <= set(got)
    # the weights must fit the rows its features make: a round 13 width with round 14's features is refused
    bad = Generator(LONG, np.zeros(row_width()), np.ones(row_width()), np.zeros((len(LONG), row_width())),
                    np.zeros(len(LONG)), np.full(len(LONG), 0.5), features=("tagger",))
    bad.save(tmp_path / GENERATOR_FILE)
    with pytest.raises(ModelError):
        load_model.uncached(str(tmp_path))


def test_the_mixed_probabilities_are_unchanged_by_asking_for_the_tagger_s(view):
    model = load_model()
    sent_emb = model.sentence_embeddings([view])
    mixed, lr, sp = model._token_probs([view], sent_emb)
    mixed2, lr2, sp2, tf = model._token_probs([view], sent_emb, with_tagger=True)
    assert np.array_equal(mixed[0], mixed2[0]) and np.array_equal(lr[0], lr2[0])
    if model.tagger is not None:
        assert tf[0].shape == mixed[0].shape and tf[0].max() > 0


def test_round_14_candidates_need_the_out_of_fold_taggers(tmp_path):
    from spinscope.training.generator import train_generator
    for cand in ("T", "TN", "TP"):
        with pytest.raises(ValueError, match="out-of-fold taggers"):
            train_generator(str(tmp_path), tmp_path, candidate=cand)
    with pytest.raises(ValueError, match="folds 1-4"):
        train_generator(str(tmp_path), tmp_path, candidate="T", oof_taggers={1: "a", 2: "a"})
