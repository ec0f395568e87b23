"""Training the sentence-level span generator of the long techniques (round 13, docs/techniques.md).

Rows: every sentence of the training articles of folds 1-4 (folds of `spinscope train techniques`), with
out-of-fold features (sentence probabilities out of 5 folds, token-model probabilities out of 4 folds inside folds
1-4, technique-model probabilities from a technique model fitted on the other three folds' gold spans); no tagger
probability (the shipped tagger was trained on folds 1-4: its probabilities there are memory). Labels: the gold
spans of a technique cover at least half of the sentence. Thresholds are chosen on the dev slice (fold 0) over the
found spans of the packaged pipeline run as at inference (the dev-slice harness of rounds 10-12).

Round 14: with out-of-fold taggers (`oof_taggers`: folds -> a tagger file fine-tuned on the other folds of 1-4) the
rows also get the tagger's features, on folds 1-4 from those taggers and on the dev slice from the model's own
(trained on folds 1-4, so genuine there), all run as the stage runs it (window, cascade, runtime); candidates T
(+ the tagger's features), TN (+ the neighbours') and TP (a pooled "any long technique" head over TN's rows).

Round 15: candidate M, the multi-task pooled generator: a pooled "any long technique" head over T's rows and its
own label head (a multinomial logistic regression fitted on the rows positive for some long technique, one copy
of a row per technique it is positive for; C by grouped cross-validation on how often its likeliest technique is
one of a held-out positive row's), which labels the pooled head's sentences (`fit(..., label_head=True)`).
"""
from __future__ import annotations

import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np

from ..spin.techniques.generator import (GENERATOR_FILE, LONG, Generator, feature_rows, sentence_labels,
                                         technique_probs)
from .ptc import TECHNIQUES, heldout_ids, read_ptc, score
from .techniques import (SEED, _folds, _objective, _ranked, _sent_labels, _token_labels, oof_sentence_probs,
                         parse_articles, technique_lr, token_lr)

CS = (0.01, 0.1, 1.0)
GRID = tuple(round(x, 2) for x in np.arange(0.2, 0.9001, 0.05))
GRID_LOW = tuple(round(x, 2) for x in np.arange(0.05, 0.9001, 0.05))  # round 13b's, and round 14's
DEV_FOLD = 0
# Round 14's candidates: the features of their rows, and whether the head is pooled.
CANDIDATES = {"S": ((), False), "P": ((), False), "S1": ((), False), "T": (("tagger",), False),
              "TN": (("tagger", "neighbours"), False), "TP": (("tagger", "neighbours"), True),
              "M": (("tagger",), True)}
MULTITASK = {"M"}  # round 15: pooled heads with their own label head


def parse_oof(specs) -> dict[int, str]:
    """{fold: tagger file} from "FOLDS=FILE" specs (e.g. "1,2=a.safetensors"); each of folds 1-4 once."""
    out = {}
    for spec in specs or ():
        folds, sep, path = str(spec).partition("=")
        if not sep or not path:
            raise ValueError(f"{spec!r}: expected FOLDS=FILE, e.g. 1,2=tagger_a.safetensors")
        for f in folds.split(","):
            f = int(f)
            if f == DEV_FOLD or f in out:
                raise ValueError(f"{spec!r}: fold {f} is the dev slice or named twice")
            out[f] = path
    return out


def oof_tagger_probs(views, sent_probs, fold_of: dict, oof: dict, window: int, cascade: float, runtime: str,
                     calibration=None) -> dict:
    """{article: the tagger's word probabilities} for the articles `fold_of` names, each from the out-of-fold
    tagger of its fold (`oof`: fold -> file), run as the stage runs it; 0 where it did not read."""
    from ..spin.techniques.model import tagger_probs
    from ..spin.techniques.tagger import runtime_tagger
    out = {}
    for f, path in sorted(oof.items()):
        ids = [k for k, fk in fold_of.items() if fk == f]
        if not ids:
            continue
        tagger = runtime_tagger(str(path), runtime)
        tf, read = tagger_probs(tagger, [views[k] for k in ids], [sent_probs[k] for k in ids], cascade, window)
        for k, a, m in zip(ids, tf, read):
            out[k] = np.where(m, calibration(a) if calibration is not None else a, 0.0)
    missing = sorted({fk for fk in fold_of.values()} - set(oof))
    if missing:
        raise ValueError(f"no out-of-fold tagger for folds {missing}")
    return out


def tagger_features_probs(model, views, sent_probs, fold_of: dict, oof: dict, where="the model") -> dict:
    """{article: the tagger's word probabilities} for round 14's rows: on folds 1-4 from the out-of-fold taggers
    `oof` ({fold: file}), on the dev slice from `model`'s own tagger (trained on folds 1-4), all run as the stage
    runs it (the model's window, cascade, runtime and calibration) over the sentence probabilities given."""
    from ..spin.techniques.model import tagger_probs
    if model.tagger is None:
        raise ValueError(f"{where}: no tagger for the dev slice's tagger features")
    runtime = (model.meta.get("tagger") or {}).get("runtime", "float32")
    trn = {k: f for k, f in fold_of.items() if f != DEV_FOLD}
    dev = [k for k, f in fold_of.items() if f == DEV_FOLD]
    tag = oof_tagger_probs(views, sent_probs, trn, oof, model.window, model.cascade, runtime, model.calibration)
    tf, read = tagger_probs(model.tagger, [views[k] for k in dev], [sent_probs[k] for k in dev], model.cascade,
                            model.window)
    for k, a, m in zip(dev, tf, read):
        tag[k] = np.where(m, model.calibration(a) if model.calibration is not None else a, 0.0)
    return tag


def rows_for(d: dict, features=(), ids=None) -> dict:
    """{article: rows} with round 13's features and `features` ("tagger", "neighbours") from `prepare`'s parts."""
    out = {}
    for k in (d["rows"] if ids is None else ids):
        if not features:
            out[k] = d["rows"][k]
            continue
        sent_emb, sp, lr, tp, tag = d["parts"][k]
        out[k] = feature_rows(d["views"][k], sent_emb, sp, lr, tp, d["cascade"], tag, "neighbours" in features)
    return out


def prepare(ptc: str | Path, model_dir: str | Path, *, seed: int = SEED, cache: str | Path | None = None,
            oof_taggers: dict | None = None, log=print) -> dict:
    """Rows, labels and the dev slice's baseline spans (see the module's doc). Nothing held out is read.
    `oof_taggers` ({fold: tagger file} covering folds 1-4): also the tagger's word probabilities, for round 14's
    rows (`parts`, `rows_for`)."""
    import pickle
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from ..spin.techniques import model as tm
    from ..spin.techniques.features import token_features
    from ..spin.techniques.model import decode, hashers, load_model, mix_probs, sentence_embeddings, span_matrix, views_for

    t0 = time.perf_counter()
    if cache and Path(cache).exists():
        tm.EMBED_CACHE = pickle.loads(Path(cache).read_bytes())
    elif cache:
        tm.EMBED_CACHE = {}
    held = heldout_ids()
    arts = [a for a in read_ptc(ptc) if a.id not in held]
    if not arts or any(a.id in held for a in arts):
        raise ValueError(f"no training articles under {ptc}")
    log(f"{len(arts)} training articles; parsing")
    views = views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])
    sent_emb = sentence_embeddings(views)
    if cache:
        Path(cache).write_bytes(pickle.dumps(tm.EMBED_CACHE))
    log(f"parsed and embedded at {time.perf_counter() - t0:.0f} s")
    golds = [a.spans for a in arts]
    fold = _folds(len(arts), 5, seed)
    ys = [_sent_labels(v, g) for v, g in zip(views, golds)]
    oof_sp = oof_sentence_probs(views, sent_emb, ys, fold, [np.zeros(0)] * len(arts))
    hasher, _ = hashers()
    keep_ids = [k for k in range(len(arts)) if views[k].tokens]
    dev = [k for k in keep_ids if fold[k] == DEV_FOLD]
    trn = [k for k in keep_ids if fold[k] != DEV_FOLD]
    Xs = {k: hasher.transform(token_features(views[k], oof_sp[k])) for k in keep_ids}
    yt = {k: _token_labels(views[k], golds[k]) for k in keep_ids}
    spans = [[(s, e) for s, e, _ in g] for g in golds]

    def fit_tok(ids):
        return LogisticRegression(**token_lr(seed)).fit(sparse.vstack([Xs[k] for k in ids]), np.concatenate([yt[k] for k in ids]))

    def fit_tech(ids):
        return LogisticRegression(**technique_lr(seed)).fit(
            span_matrix([views[k] for k in ids], [spans[k] for k in ids], [sent_emb[k] for k in ids]),
            np.array([t for k in ids for _, _, t in golds[k]]))

    model = load_model(str(model_dir))
    cascade = model.cascade
    lr, tech_of = {}, {}
    dev_tok = fit_tok(trn)
    for k in dev:
        lr[k] = dev_tok.predict_proba(Xs[k])[:, 1]
    dev_tech = fit_tech(trn)
    for k in dev:
        tech_of[k] = dev_tech
    log(f"dev token and technique models (folds 1-4) at {time.perf_counter() - t0:.0f} s")
    for f in sorted({int(fold[k]) for k in trn}):
        ids = [k for k in trn if fold[k] != f]
        tok_f, tech_f = fit_tok(ids), fit_tech(ids)
        for k in trn:
            if fold[k] == f:
                lr[k] = tok_f.predict_proba(Xs[k])[:, 1]
                tech_of[k] = tech_f
        log(f"out-of-fold token and technique models, fold {f}, at {time.perf_counter() - t0:.0f} s")
    tag = tagger_features_probs(model, views, oof_sp, {k: int(fold[k]) for k in keep_ids}, oof_taggers,
                                model_dir) if oof_taggers else {}
    if tag:
        log(f"tagger probabilities (out of fold on folds 1-4, the model's on the dev slice) at "
            f"{time.perf_counter() - t0:.0f} s")
    rows, labels, parts = {}, {}, {}
    for k in keep_ids:
        tp = technique_probs(tech_of[k], views[k], sent_emb[k], TECHNIQUES)
        rows[k] = feature_rows(views[k], sent_emb[k], oof_sp[k], lr[k], tp, cascade)
        parts[k] = (sent_emb[k], oof_sp[k], lr[k], tp, tag.get(k))
        labels[k] = np.stack([sentence_labels(views[k], golds[k], t) for t in LONG], axis=1).reshape(-1, len(LONG))
    if cache:
        Path(cache).write_bytes(pickle.dumps(tm.EMBED_CACHE))
    log(f"rows at {time.perf_counter() - t0:.0f} s")

    # The dev slice's found spans, as the packaged pipeline finds them (its tagger was trained on folds 1-4).
    dv = [views[k] for k in dev]
    mixed = mix_probs(model.tagger, dv, [oof_sp[k] for k in dev], [lr[k] for k in dev], model.mix, model.cascade,
                      model.window, model.calibration) if model.tagger is not None else [lr[k] for k in dev]
    found = [decode(v, p, model.thr_hi, model.thr_lo) for v, p in zip(dv, mixed)]
    X = span_matrix(dv, [[(s, e) for s, e, _ in f] for f in found], [sent_emb[k] for k in dev])
    ranked = _ranked(dev_tech, X, found)
    kept = [model.keep.apply(f, r, v) for f, r, v in zip(found, ranked, dv)]
    log(f"dev slice's found spans at {time.perf_counter() - t0:.0f} s")
    return {"ids": [arts[k].id for k in keep_ids], "fold": {k: int(fold[k]) for k in keep_ids}, "dev": dev,
            "trn": trn, "rows": rows, "labels": labels, "views": {k: views[k] for k in keep_ids},
            "golds": {k: golds[k] for k in keep_ids}, "kept": dict(zip(dev, kept)), "cascade": cascade,
            "parts": parts, "tagger": bool(tag)}


def fit(rows: list[np.ndarray], labels: list[np.ndarray], groups: list[int], cs=CS, seed: int = SEED,
        log=print, features=(), pooled: bool = False, label_head: bool = False) -> tuple[Generator, dict]:
    """Per technique a logistic regression on standardised rows; one C for all, by grouped cross-validation
    (mean average precision over the techniques). Thresholds NaN (off) until chosen. `pooled`: one logistic
    regression for "any of the long techniques" instead (round 14's TP); with `label_head` its sentences are
    labelled by a label head fitted on the same rows (round 15's M, `fit_label_head`) instead of by the technique
    model's columns. `features`: recorded in the generator."""
    if label_head and not pooled:
        raise ValueError("a label head labels a pooled head's sentences: pooled=True")
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from .ptc import TECHNIQUES as ALL
    from ..spin.techniques.generator import EMBED
    X = np.vstack(rows).astype(np.float64)
    Y = np.vstack(labels)
    if pooled:
        Y = Y.any(1, keepdims=True).astype(np.int8)
    g = np.concatenate([np.full(len(r), gr) for r, gr in zip(rows, groups)])
    cv = {}
    for c in cs:
        aps = []
        for j in range(Y.shape[1]):
            pred = np.zeros(len(X))
            for f in sorted(set(groups)):
                tr, te = g != f, g == f
                mean, scale = X[tr].mean(0), X[tr].std(0) + 1e-6
                if Y[tr, j].sum() == 0:
                    continue
                m = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit((X[tr] - mean) / scale, Y[tr, j])
                pred[te] = m.predict_proba((X[te] - mean) / scale)[:, 1]
            aps.append(average_precision_score(Y[:, j], pred) if Y[:, j].any() else 0.0)
        cv[c] = aps
        log(f"C {c}: grouped average precision " + ", ".join(f"{t} {a:.3f}" for t, a in
                                                         zip(("any long technique",) if pooled else LONG, aps))
            + f"; mean {np.mean(aps):.4f}")
    best = max(cs, key=lambda c: np.mean(cv[c]))
    mean, scale = X.mean(0), X.std(0) + 1e-6
    coef, icpt = [], []
    for j in range(Y.shape[1]):
        m = LogisticRegression(C=best, max_iter=3000, random_state=seed).fit((X - mean) / scale, Y[:, j])
        coef.append(m.coef_[0])
        icpt.append(m.intercept_[0])
    cols = np.array([EMBED + ALL.index(t) for t in LONG]) if pooled and not label_head else None
    gen = Generator(LONG, mean, scale, np.array(coef), np.array(icpt), np.full(len(LONG), np.nan),
                    about={"C": best, "rows": int(len(X)), "positives": [int(x) for x in Y.sum(0)]}, pooled=cols,
                    features=tuple(features))
    info = {"C": best, "cv_ap": {str(c): [round(a, 4) for a in v] for c, v in cv.items()}}
    if label_head:
        lc, li, linfo = fit_label_head(X, np.vstack(labels), g, mean, scale, cs=cs, seed=seed, log=log)
        gen.label_coef, gen.label_intercept = lc, li
        gen.about.update({"label_C": linfo["C"], "label_rows": linfo["rows"]})
        info["label"] = linfo
    return gen, info


def _label_lr(X, Y, c, seed):
    """A multinomial logistic regression over the rows positive for some technique, a copy of a row per technique
    it is positive for; (coef, intercept) with a row per column of Y (a technique without rows: never likeliest)."""
    from sklearn.linear_model import LogisticRegression
    i, j = np.nonzero(Y)
    m = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(X[i], j)
    coef = np.zeros((Y.shape[1], X.shape[1]))
    icpt = np.full(Y.shape[1], -50.0)
    classes = [int(x) for x in m.classes_]
    if len(classes) == 2:  # sklearn gives one row for two classes: the second's log-odds
        coef[classes[1]], icpt[classes[1]] = m.coef_[0], m.intercept_[0]
        icpt[classes[0]] = 0.0
    else:
        for r, cl in enumerate(classes):
            coef[cl], icpt[cl] = m.coef_[r], m.intercept_[r]
    return coef, icpt


def fit_label_head(X: np.ndarray, Y: np.ndarray, g: np.ndarray, mean: np.ndarray, scale: np.ndarray, cs=CS,
                   seed: int = SEED, log=print) -> tuple[np.ndarray, np.ndarray, dict]:
    """Round 15's label head: which long technique a sentence holds, given that it holds one. Fitted on the rows
    positive for some technique (standardised with `mean`, `scale`, the pooled head's); C from `cs` by grouped
    cross-validation over the groups `g` (one per row): the share of a held-out fold's positive rows whose
    likeliest technique is one of theirs (ties: the smaller C). Returns (coef (techniques, features), intercept,
    info)."""
    X = np.asarray(X, np.float64)
    Y = np.asarray(Y).astype(bool)
    pos = Y.any(1)
    if not pos.any():
        raise ValueError("no positive rows for the label head")
    Z = (X - mean) / scale
    cv = {}
    for c in cs:
        hit = n = 0
        for f in sorted(set(g[pos].tolist())):
            tr, te = pos & (g != f), pos & (g == f)
            if not tr.any() or not te.any():
                continue
            mu, sd = X[g != f].mean(0), X[g != f].std(0) + 1e-6
            coef, icpt = _label_lr((X[tr] - mu) / sd, Y[tr], c, seed)
            guess = (((X[te] - mu) / sd) @ coef.T + icpt).argmax(1)
            hit += int(Y[te][np.arange(int(te.sum())), guess].sum())
            n += int(te.sum())
        cv[c] = hit / max(1, n)
        log(f"label head C {c}: grouped share of positive rows labelled with one of their techniques {cv[c]:.4f}")
    best = max(cs, key=lambda c: (cv[c], -c))
    coef, icpt = _label_lr(Z[pos], Y[pos], best, seed)
    return coef, icpt, {"C": best, "cv_accuracy": {str(c): round(a, 4) for c, a in cv.items()},
                        "rows": int(pos.sum())}


def dev_score(gen: Generator, views, probs, kept, golds, thresholds, one: bool = False) -> dict:
    """Scores of the kept spans plus the generator's at `thresholds` over the dev articles given."""
    g = dataclasses.replace(gen, thresholds=np.asarray(thresholds, np.float64), one_per_sentence=one, about={})
    pairs = [(kp + g.spans(v, p, kp), gd) for v, p, kp, gd in zip(views, probs, kept, golds)]
    return score(pairs)


def choose(gen: Generator, views, probs, kept, golds, candidate: str, log=None) -> tuple[np.ndarray, dict]:
    """The thresholds of `candidate` ("S": one shared, "P": per technique from S's, "S1": shared, one span per
    sentence; round 14's "T", "TN", "TP" and round 15's "M": one shared on `GRID_LOW`) with the best objective (span F1 + full F1) on
    the articles given."""
    k = len(gen.techniques)
    one = candidate == "S1"
    best = None
    for t in (GRID_LOW if candidate in ("T", "TN", "TP") or candidate in MULTITASK else GRID):
        res = dev_score(gen, views, probs, kept, golds, np.full(k, t), one)
        if best is None or _objective(res) > best[0] + 1e-12:
            best = (_objective(res), np.full(k, t), res)
    if candidate != "P":
        return best[1], best[2]
    obj, thr, res = best
    for _ in range(2):
        for j in range(k):
            for t in (math.nan,) + GRID:
                trial = thr.copy()
                trial[j] = t
                r = dev_score(gen, views, probs, kept, golds, trial)
                if _objective(r) > obj + 0.001:
                    obj, thr, res = _objective(r), trial, r
    return thr, res


def train_generator(ptc: str | Path, out: str | Path, *, candidate: str = "S", seed: int = SEED,
                    cache: str | Path | None = None, oof_taggers: dict | None = None, log=print) -> dict:
    """Fit the generator on folds 1-4, choose its thresholds on the dev slice (`candidate`), write `generator.npz`
    into the model folder `out` and record it in its meta.json (`generator`). Round 14's candidates (T, TN, TP)
    and round 15's M need `oof_taggers` ({fold: tagger file} for folds 1-4, see `parse_oof`)."""
    out = Path(out)
    features, pooled = CANDIDATES[candidate]
    if features and not oof_taggers:
        raise ValueError(f"candidate {candidate} reads the tagger's probabilities: name out-of-fold taggers for "
                         "folds 1-4 (--oof-tagger 1,2=FILE --oof-tagger 3,4=FILE)")
    if oof_taggers and sorted(oof_taggers) != [1, 2, 3, 4]:
        raise ValueError(f"out-of-fold taggers for folds {sorted(oof_taggers)}: folds 1-4 each need one")
    d = prepare(ptc, out, seed=seed, cache=cache, oof_taggers=oof_taggers if features else None, log=log)
    trn, dev = d["trn"], d["dev"]
    rows = rows_for(d, features)
    gen, info = fit([rows[k] for k in trn], [d["labels"][k] for k in trn], [d["fold"][k] for k in trn], log=log,
                    features=features, pooled=pooled, label_head=candidate in MULTITASK)
    views = [d["views"][k] for k in dev]
    probs = [gen.probs(rows[k]) for k in dev]
    kept = [d["kept"][k] for k in dev]
    golds = [d["golds"][k] for k in dev]
    base = score(list(zip(kept, golds)))
    thr, res = choose(gen, views, probs, kept, golds, candidate)
    gen.thresholds, gen.one_per_sentence = thr, candidate == "S1"
    gen.about.update({"candidate": candidate, "trained_on": "folds 1-4", "seed": seed})
    gen.save(out / GENERATOR_FILE)
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["generator"] = {"file": GENERATOR_FILE, "techniques": list(LONG), "candidate": candidate, "C": info["C"],
                         "features": list(features), "pooled": pooled, "label_head": candidate in MULTITASK,
                         "thresholds": [None if math.isnan(x) else float(x) for x in thr],
                         "dev_before": {"span_f1": round(base["si"][2], 4), "full_f1": round(base["full"][2], 4)},
                         "dev_after": {"span_f1": round(res["si"][2], 4), "full_f1": round(res["full"][2], 4)}}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta["generator"]
