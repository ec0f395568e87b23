"""Training the techniques models on the PTC corpus (seeded, CPU, a few minutes)."""
from __future__ import annotations

import json
import platform
import re
import time
from pathlib import Path

import numpy as np

from . import TAGGER_UNITS  # the tagger's head: one unit, or one more per technique (round 17)
from ..embed import encoder_name
from .ptc import TECHNIQUES, Article, Tally, heldout_ids, read_ptc, score
from ..spin.techniques.features import token_features
from ..spin.techniques.model import (FORMAT, META_FILE, MODEL_FILE, Keep, decode, hashers, sentence_embeddings,
                                     span_matrix, views_for)

SEED = 13
TAGGER_EPOCHS = 3
TAGGER_WINDOW = 254  # training window of the tagger, word pieces (MAX_PIECES)
TAGGER_TECHNIQUE_WEIGHT = 1.0  # the technique units' share of the multi-task tagger's loss (round 17)
TAGGER_BATCH = 16  # windows per training batch (16 x 254 pieces; 64 x 64 keeps the pieces per step)
RUNTIME = "float32"
_LINE = re.compile(r"[^\n]+")


def parse_articles(articles: list[Article], batch_size: int = 64) -> list[list]:
    """(offset, spaCy Doc, kind) per non-empty line of each article: the first is the title."""
    from ..nlp import load_nlp
    nlp = load_nlp(("ner",))  # the features use tags, lemmas and the parse, not entities
    jobs = []
    for k, a in enumerate(articles):
        first = True
        for m in _LINE.finditer(a.text):
            raw = m.group()
            if not raw.strip():
                continue
            lead = len(raw) - len(raw.lstrip())
            jobs.append((raw.strip(), (k, m.start() + lead, "title" if first else "body")))
            first = False
    out: list[list] = [[] for _ in articles]
    for sdoc, (k, offset, kind) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
        out[k].append((offset, sdoc, kind))
    return out


def _token_labels(v, spans) -> np.ndarray:
    """1 for a token that starts inside a gold span."""
    y = np.zeros(len(v.tokens), dtype=np.int8)
    for s, e, _ in spans:
        a, b = v.token_range(s, e)
        y[a:b] = 1
    return y


def _sent_labels(v, spans) -> np.ndarray:
    y = np.zeros(len(v.sents), dtype=np.int8)
    for i, (s, e, *_) in enumerate(v.sents):
        y[i] = any(gs < e and s < ge for gs, ge, _ in spans)
    return y


SENT_LR = dict(C=1.0, max_iter=2000)  # the sentence model's logistic regression


def token_lr(seed: int) -> dict:
    """The token model's logistic regression settings."""
    return dict(C=0.1, solver="liblinear", random_state=seed)


def technique_lr(seed: int) -> dict:
    """The technique model's logistic regression settings."""
    # C = 0.5: top-1 accuracy on gold spans 0.608 against 0.599 for the earlier C = 2 (0.6 for 0.25
    # and 8, 0.593 for 0.1), grouped by article over 3 of the 5 folds of the training articles (round 4).
    return dict(C=0.5, max_iter=3000, random_state=seed)


def oof_sentence_probs(views, sent_emb, ys, fold, out: list) -> list:
    """The sentence model's out-of-fold probabilities per article (`out` holds the value for an article without
    sentences), from five logistic regressions, each fitted on the other folds' sentences."""
    from sklearn.linear_model import LogisticRegression

    for f in range(5):
        tr = [k for k in range(len(views)) if fold[k] != f]
        m = LogisticRegression(**SENT_LR).fit(np.vstack([sent_emb[k] for k in tr]), np.concatenate([ys[k] for k in tr]))
        for k in range(len(views)):
            if fold[k] == f and len(views[k].sents):
                out[k] = m.predict_proba(sent_emb[k])[:, 1]
    return out


def _folds(n: int, k: int, seed: int) -> np.ndarray:
    """Fold number of each article (grouped by article so nothing leaks across folds)."""
    rng = np.random.default_rng(seed)
    return rng.permutation(np.arange(n) % k)


def _tune(views, probs, golds) -> tuple[float, float, float]:
    """Thresholds with the best span-identification F1 on out-of-fold token probabilities."""
    best = (0.0, 0.5, 0.5)
    for hi in np.arange(0.20, 0.80, 0.05):
        for lo in np.arange(0.10, hi + 0.001, 0.05):
            tally = Tally()
            for v, p, g in zip(views, probs, golds):
                tally.add([(s, e) for s, e, _ in decode(v, p, hi, lo)], [(s, e) for s, e, _ in g])
            f1 = tally.prf()[2]
            if f1 > best[0]:
                best = (f1, float(round(hi, 2)), float(round(lo, 2)))
    return best


MIXES = (0.0, 0.25, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# How the tagger runs at inference, tried on the dev slice: its window (word pieces) and the cascade (the
# sentence-model probability a sentence needs to be read by the tagger at all).
WINDOWS = (254, 128, 64)
CASCADES = (0.0, 0.1, 0.2)
# The cheapest (window, cascade) whose dev span F1 is within this of the best is kept: speed is a
# requirement of the layer, and smaller differences are noise on 49 articles.
SPEED_TOLERANCE = 0.003


def _tune_mix(views, tagger_probs, lr_probs, golds, mixes=MIXES) -> tuple[float, float, float, float]:
    """(F1, weight of the tagger, thr_hi, thr_lo) with the best span F1 on held-in dev articles."""
    best = (-1.0, 0.0, 0.5, 0.5)
    for w in mixes:
        f1, hi, lo = _tune(views, [w * a + (1 - w) * b for a, b in zip(tagger_probs, lr_probs)], golds)
        if f1 > best[0]:
            best = (f1, w, hi, lo)
    return best


def tagger_cost(views, sent_probs, window: int, cascade: float) -> float:
    """Relative CPU of the tagger: word pieces read x (1 + window / 64), which follows the CPU seconds
    measured here for windows of 254, 128 and 64 (8.9, 5.0 and 4.0 s on the dev slice, int8)."""
    from ..spin.techniques.tagger import windows
    pieces = 0
    for v, sp in zip(views, sent_probs):
        chosen = [i for i, p in enumerate(sp) if p >= cascade] if cascade > 0 else None
        pieces += sum(len(ids) for ids, _ in windows(v, window, chosen))
    return pieces * (1 + window / 64)


def tune_runtime(tagger, views, sent_probs, lr_probs, golds, log=print) -> dict:
    """The tagger's window and cascade, its weight and the thresholds, on the dev slice (see SPEED_TOLERANCE)."""
    from ..spin.techniques.model import tagger_probs
    rows = []
    for window in WINDOWS:
        for cascade in CASCADES:
            tf, read = tagger_probs(tagger, views, sent_probs, cascade, window)
            masked = [np.where(m, a, 0.0) for a, m in zip(tf, read)]
            lr = [np.where(m, b, 0.0) for b, m in zip(lr_probs, read)]
            f1, mix, hi, lo = _tune_mix(views, masked, lr, golds, [w for w in MIXES if w > 0])
            cost = tagger_cost(views, sent_probs, window, cascade)
            rows.append({"window": window, "cascade": cascade, "span_f1": round(f1, 4), "mix": mix,
                         "thr_hi": hi, "thr_lo": lo, "cost": cost})
            log(f"  window {window} cascade {cascade}: dev span F1 {f1:.4f} (mix {mix}, {hi}/{lo}), "
                f"relative cost {cost / 1e6:.2f}")
    best = max(r["span_f1"] for r in rows)
    chosen = min((r for r in rows if r["span_f1"] >= best - SPEED_TOLERANCE), key=lambda r: r["cost"])
    full = next(r for r in rows if r["window"] == WINDOWS[0] and r["cascade"] == 0.0)
    return {**chosen, "best_span_f1": best, "full_tagger": full,
            "cost_share": round(chosen["cost"] / full["cost"], 3), "grid": rows}


def dev_tagger_file(out_dir: Path, n_dev_train: int, tagger_all: bool, dev_tagger, old: dict | None):
    """(file of the tagger that makes the dev-slice choices, whether the shipped one is trained on all articles).

    That tagger never saw the dev slice. With `tagger_all` the shipped one is fine-tuned afterwards on all
    training articles and the dev tagger is kept apart (`dev_tagger`, default the cache dir: not shipped,
    for the artifact's size). `old`: the shipped model's meta `tagger` when retuning (it decides), else None.
    """
    from ..spin.techniques.tagger import TAGGER_FILE
    if old is not None:
        tagger_all = old.get("train_articles") != n_dev_train
        if old.get("dev_train_articles", n_dev_train) != n_dev_train:
            raise ValueError(f"{out_dir}: its dev-slice tagger was not trained on the {n_dev_train} articles outside "
                             "the dev slice; retrain it (without --retune)")
    if not tagger_all:
        path = out_dir / TAGGER_FILE
    elif dev_tagger:
        path = Path(dev_tagger)
    else:
        from ..resources import active
        path = Path(active().cache_dir) / f"techniques-dev-{TAGGER_FILE}"
    if old is not None and not path.exists():
        raise ValueError(f"{path}: no tagger trained on the {n_dev_train} articles outside the dev slice; retrain "
                         "(without --retune) or name it with --dev-tagger")
    return path, tagger_all


def _ranked(tech, X, found, views=None, unit_probs=None, units: tuple = (), blend: float = 0.0
            ) -> list[list[list[tuple[str, float]]]]:
    """The two likeliest techniques (name, probability) of each found span, per view. With `blend` > 0 the
    technique model's probabilities are blended with the multi-task tagger's units (`unit_probs` per view,
    named by `units`; round 16, `model.blend_probs`)."""
    if X is None:
        return [[] for _ in found]
    proba = tech.predict_proba(X)
    if blend > 0:
        from ..spin.techniques.model import blend_probs
        parts, k = [], 0
        for v, f, up in zip(views, found, unit_probs):
            parts.append(blend_probs(proba[k:k + len(f)], tech.classes_, [(s, e) for s, e, *_ in f], v, up, units,
                                     blend))
            k += len(f)
        proba = np.vstack(parts)
    order = np.argsort(-proba, axis=1)[:, :2]
    flat = [[(str(tech.classes_[j]), float(proba[k, j])) for j in row] for k, row in enumerate(order)]
    out, k = [], 0
    for f in found:
        out.append(flat[k:k + len(f)])
        k += len(f)
    return out


FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
SECONDS = (None, 0.4, 0.3, 0.25, 0.2)


def _keep_score(found, ranked, golds, keep: Keep) -> dict:
    return score([(keep.apply(f, r), g) for f, r, g in zip(found, ranked, golds)])


def _objective(res: dict) -> float:
    # Both figures the task reports, equally: a floor that buys full-task precision by losing spans pays for it.
    return res["si"][2] + res["full"][2]


def tune_keep(found, ranked, golds) -> tuple[Keep, dict, dict]:
    """One score floor for all techniques and the second-technique threshold, by grid on the dev slice.

    One floor, not one per technique: per-technique floors chosen on half the dev slice lost span and
    full-task F1 on the other half (too few spans per technique to choose them). Returns the chosen
    Keep and the scores with everything kept and with the choice.
    """
    before = _keep_score(found, ranked, golds, Keep())
    best = (_objective(before), Keep(), before)
    for floor in FLOORS:
        for second in SECONDS:
            trial = Keep({t: floor for t in TECHNIQUES}, second)
            res = _keep_score(found, ranked, golds, trial)
            if _objective(res) > best[0] + 1e-4:
                best = (_objective(res), trial, res)
    return best[1], before, best[2]


# The weight of a multi-task tagger's technique units in a found span's technique (round 16), tried on the dev
# slice with the Keep rule chosen anew for each; 0 is the technique model alone (a one-unit tagger: always 0).
BLENDS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)


def tune_blend(tech, X, found, views, unit_probs, units: tuple, golds, blends=BLENDS):
    """(blend, Keep, scores with everything kept, scores with the Keep, a row per blend tried) with the best
    objective on the dev slice; a blend above 0 must beat 0's objective by more than 1e-4 (as `tune_keep`)."""
    rows, best = [], None
    for a in blends:
        ranked = _ranked(tech, X, found, views, unit_probs, units, a)
        keep, before, after = tune_keep(found, ranked, golds)
        rows.append({"blend": a, "span_f1": round(after["si"][2], 4), "full_f1": round(after["full"][2], 4),
                     "keep": keep.to_dict()})
        if best is None or _objective(after) > _objective(best[3]) + 1e-4:
            best = (a, keep, before, after)
    return (*best, rows)


def train(ptc: str | Path, out: str | Path, *, seed: int = SEED, cache: str | Path | None = None,
          tagger_epochs: int = TAGGER_EPOCHS, runtime: str = RUNTIME, retune: bool = False,
          tagger_all: bool = False, dev_tagger: str | Path | None = None, tagger_window: int = TAGGER_WINDOW,
          tagger_batch: int = TAGGER_BATCH, tagger_units: str = "any", calibrate_on: str | Path | None = None,
          log=print) -> dict:
    """Fit the sentence, token and technique models on the PTC articles not held out; write them to `out`.

    `cache`: a .pkl file keeping sentence and span embeddings between runs (development only).
    `tagger_epochs`: fine-tuning epochs of the MiniLM token tagger (0: none, the token model alone).
    `runtime`: how the tagger and this layer's sentence encoder run ("int8-dynamic" or "float32"); every
    model is fitted, and every dev-slice choice made, on that runtime's outputs.
    `retune`: keep the tagger already in `out` and refit everything else, with the dev-slice choices.
    `tagger_all`: after the dev-slice choices (made with a tagger trained on the articles outside the dev
    slice), fine-tune the shipped tagger on all training articles with the same settings.
    `dev_tagger`: where the tagger trained outside the dev slice is kept (written when it is trained, read
    by `retune`); default: the shipped tagger file, which is then that tagger.
    `tagger_window`: the word pieces of the tagger's training windows (the inference window is a dev choice).
    `tagger_batch`: windows per training batch of the tagger.
    `tagger_units`: "any" (the one-unit tagger that ships) or "techniques" (round 17: a multi-task tagger trained
    from the start, unit 0 inside any span then one unit per technique, `TAGGER_TECHNIQUE_WEIGHT`).
    `calibrate_on`: a folder of unlabelled .txt articles; when the shipped tagger is trained on all
    articles, its probabilities are mapped onto the dev-slice tagger's by quantiles there (`calibrate`).
    """
    import pickle
    from ..spin.techniques import model as tech_model
    if cache:
        cache = Path(cache)
        tech_model.EMBED_CACHE = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    try:
        meta = _train(ptc, out, seed, tagger_epochs, runtime, retune, tagger_all, dev_tagger, tagger_window,
                      tagger_batch, log, tagger_units)
    finally:
        if cache:
            cache.write_bytes(pickle.dumps(tech_model.EMBED_CACHE))
            tech_model.EMBED_CACHE = None
    tagger = meta.get("tagger") or {}
    if calibrate_on and tagger and tagger.get("train_articles") != tagger.get("dev_train_articles"):
        dev_file, _ = dev_tagger_file(Path(out), tagger["dev_train_articles"], True, dev_tagger, None)
        meta["tagger"]["calibration"] = calibrate(out, dev_file, calibrate_on, seed=seed, log=log)
    return meta


def _train(ptc, out, seed, tagger_epochs, runtime, retune, tagger_all, dev_tagger, tagger_window,
                      tagger_batch, log, tagger_units="any") -> dict:
    import joblib
    import sklearn
    from sklearn.linear_model import LogisticRegression

    if tagger_units not in TAGGER_UNITS:
        raise ValueError(f"tagger_units must be one of {TAGGER_UNITS}, not {tagger_units!r}")
    multitask = tagger_units == "techniques" and not retune
    heads = {"techniques": TECHNIQUES, "technique_weight": TAGGER_TECHNIQUE_WEIGHT} if multitask else {}
    names = ("any", *TECHNIQUES) if multitask else None
    t0 = time.perf_counter()
    held = heldout_ids()
    arts = [a for a in read_ptc(ptc) if a.id not in held]
    if not arts:
        raise ValueError(f"no training articles under {ptc}")
    log(f"{len(arts)} training articles ({len(held)} held out); parsing")
    views = views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])
    log(f"parsed in {time.perf_counter() - t0:.0f} s; embedding sentences")
    sent_emb = sentence_embeddings(views, runtime)
    golds = [a.spans for a in arts]
    fold = _folds(len(arts), 5, seed)

    # 1. Sentence model (does this sentence hold a span?), with out-of-fold outputs for the token model.
    ys = [_sent_labels(v, g) for v, g in zip(views, golds)]
    oof_sp = oof_sentence_probs(views, sent_emb, ys, fold, [None] * len(arts))
    sent_model = LogisticRegression(**SENT_LR).fit(np.vstack(sent_emb), np.concatenate(ys))
    log(f"sentence model at {time.perf_counter() - t0:.0f} s")

    # 2. Token model (inside a span?) on lexical features plus the sentence model's output.
    hasher, _ = hashers()
    Xs = [hasher.transform(token_features(v, sp)) if v.tokens else None for v, sp in zip(views, oof_sp)]
    yt = [_token_labels(v, g) for v, g in zip(views, golds)]
    tok_lr = token_lr(seed)
    from scipy import sparse
    keep_ids = [k for k in range(len(arts)) if Xs[k] is not None]
    use_tagger = tagger_epochs > 0 or retune
    f1, thr_hi, thr_lo = None, 0.5, 0.5
    if not use_tagger:  # without the tagger the thresholds come from out-of-fold token probabilities
        oof_tp = [None] * len(arts)
        for f in range(3):  # fewer folds: only the thresholds are tuned on these
            tr = [k for k in keep_ids if fold[k] % 3 != f]
            m = LogisticRegression(**tok_lr).fit(sparse.vstack([Xs[k] for k in tr]),
                                                 np.concatenate([yt[k] for k in tr]))
            for k in keep_ids:
                if fold[k] % 3 == f:
                    oof_tp[k] = m.predict_proba(Xs[k])[:, 1]
        f1, thr_hi, thr_lo = _tune([views[k] for k in keep_ids], [oof_tp[k] for k in keep_ids],
                                   [golds[k] for k in keep_ids])
        log(f"token model cross-validated: span F1 {f1:.3f} at thresholds {thr_hi}/{thr_lo} "
            f"({time.perf_counter() - t0:.0f} s)")
    tok_model = LogisticRegression(**tok_lr).fit(sparse.vstack([Xs[k] for k in keep_ids]),
                                                 np.concatenate([yt[k] for k in keep_ids]))
    spans = [[(s, e) for s, e, _ in g] for g in golds]
    tech_lr = technique_lr(seed)
    log(f"token model at {time.perf_counter() - t0:.0f} s")

    # 2b. The fine-tuned MiniLM tagger. It is trained on four fifths of the articles; the fifth (fold 0,
    # the dev slice) chooses its weight against the token model, the thresholds of both mixed, and which
    # found spans are kept (`Keep`). On the dev slice the token model and the technique model are ones
    # fitted without it, as the shipped ones are fitted without the articles they will see.
    tagger_meta, mix, keep, window, cascade, blend = None, 0.0, Keep(), None, 0.0, 0.0
    if use_tagger:
        from ..spin.techniques.model import mix_probs
        from ..spin.techniques.tagger import TAGGER_FILE, int8_default, runtime_tagger, save_tagger, \
            tagger_info, train_tagger
        dev = [k for k in keep_ids if fold[k] == 0]
        trn = [k for k in keep_ids if fold[k] != 0]
        t1 = time.perf_counter()
        out_dir = Path(out)
        old = (json.loads((out_dir / META_FILE).read_text(encoding="utf-8")).get("tagger") or {}) if retune else None
        dev_file, tagger_all = dev_tagger_file(out_dir, len(trn), tagger_all, dev_tagger, old)
        if retune:
            tagger_epochs, tagger_seconds = old["epochs"], old["train_seconds"]
            tagger_window = old.get("max_pieces", TAGGER_WINDOW)
            tagger_batch = old.get("batch", TAGGER_BATCH)
        else:
            tagger = train_tagger([views[k] for k in trn], [golds[k] for k in trn], seed=seed,
                                  epochs=tagger_epochs, max_pieces=tagger_window, batch_size=tagger_batch, log=log,
                                  **heads)
            tagger_seconds = time.perf_counter() - t1
            # saved first: the dev slice is read by the saved fp16 weights, in the shipped runtime
            dev_file.parent.mkdir(parents=True, exist_ok=True)
            save_tagger(tagger, dev_file, names)
        dv = [views[k] for k in dev]
        gd = [golds[k] for k in dev]
        dev_run = runtime_tagger(str(dev_file), runtime)
        dev_tok = LogisticRegression(**tok_lr).fit(sparse.vstack([Xs[k] for k in trn]),
                                                  np.concatenate([yt[k] for k in trn]))
        lr_dev = [dev_tok.predict_proba(Xs[k])[:, 1] for k in dev]
        sp_dev = [oof_sp[k] for k in dev]  # from the sentence model fitted on folds 1-4
        lr_only = _tune(dv, lr_dev, gd)
        f1 = lr_only[0]
        log(f"tagger ready in {tagger_seconds:.0f} s; dev slice ({len(dev)} articles), window and cascade:")
        run = tune_runtime(dev_run, dv, sp_dev, lr_dev, gd, log)
        dev_f1, mix, thr_hi, thr_lo = run["span_f1"], run["mix"], run["thr_hi"], run["thr_lo"]
        window, cascade = run["window"], run["cascade"]
        log(f"dev span F1 {dev_f1:.3f} with window {window}, cascade {cascade}, tagger weight {mix} at "
            f"thresholds {thr_hi}/{thr_lo} (best of the grid {run['best_span_f1']:.3f}; full tagger "
            f"{run['full_tagger']['span_f1']:.3f}; token model alone {lr_only[0]:.3f})")
        from ..spin.techniques.tagger import file_units
        units = file_units(str(dev_file))  # a multi-task tagger (round 16) names its technique units
        if len(units) > 1:
            mixed, _, unit_dev = mix_probs(dev_run, dv, sp_dev, lr_dev, mix, cascade, window, with_units=True)
        else:
            mixed, unit_dev = mix_probs(dev_run, dv, sp_dev, lr_dev, mix, cascade, window), None
        found = [decode(v, p, thr_hi, thr_lo) for v, p in zip(dv, mixed)]
        dev_tech = LogisticRegression(**tech_lr).fit(
            span_matrix([views[k] for k in trn], [spans[k] for k in trn], [sent_emb[k] for k in trn], runtime),
            np.array([t for k in trn for _, _, t in golds[k]]))
        X_dev = span_matrix(dv, [[(s, e) for s, e, _ in f] for f in found], [sent_emb[k] for k in dev], runtime)
        blend, blend_rows = 0.0, []
        if len(units) > 1:
            blend, keep, before, after, blend_rows = tune_blend(dev_tech, X_dev, found, dv, unit_dev, units, gd)
            log("technique blend on the dev slice: " + ", ".join(
                f"{r['blend']}: span {r['span_f1']:.4f} full {r['full_f1']:.4f}" for r in blend_rows) +
                f"; chosen {blend}")
        else:
            keep, before, after = tune_keep(found, _ranked(dev_tech, X_dev, found), gd)
        log(f"kept spans tuned on the dev slice: span F1 {before['si'][2]:.3f} -> {after['si'][2]:.3f}, "
            f"full F1 {before['full'][2]:.3f} -> {after['full'][2]:.3f}")
        if tagger_all and not retune:
            t1 = time.perf_counter()
            final = train_tagger([views[k] for k in keep_ids], [golds[k] for k in keep_ids], seed=seed,
                                 epochs=tagger_epochs, max_pieces=tagger_window, batch_size=tagger_batch, log=log,
                                 **heads)
            tagger_seconds += time.perf_counter() - t1
            save_tagger(final, out_dir / TAGGER_FILE, names)
        tagger_meta = {**tagger_info(tagger_window), "runtime": runtime, "epochs": tagger_epochs, "batch": tagger_batch,
                       "train_articles": len(keep_ids) if tagger_all else len(trn), "dev_train_articles": len(trn),
                       "dev_articles": len(dev), "dev_span_f1": round(dev_f1, 4),
                       "dev_span_f1_token_model_alone": round(lr_only[0], 4), "mix": mix,
                       # the dev choices were made on ONNX Runtime's int8 tagger when this is true
                       "onnx_int8": runtime == "float32" and int8_default(),
                       "window": window, "cascade": cascade, "cost_share": run["cost_share"],
                       "dev_span_f1_full_tagger": run["full_tagger"]["span_f1"],
                       "dev_kept": {"span_f1": round(after["si"][2], 4), "full_f1": round(after["full"][2], 4),
                                    "span_f1_all_found": round(before["si"][2], 4),
                                    "full_f1_all_found": round(before["full"][2], 4)},
                       "train_seconds": round(tagger_seconds, 1),
                       **({"units": list(units), "blend": blend, "dev_blend": blend_rows} if len(units) > 1 else {}),
                       # a retune keeps the map of an all-articles tagger onto the dev-slice one (round 8)
                       **({"calibration": old["calibration"]} if retune and old.get("calibration") else {}),
                       # how a multi-task tagger was fine-tuned (round 16), kept by a retune
                       **({"multitask": old["multitask"]} if retune and old.get("multitask") else {}),
                       # round 17: trained from the start with the technique units
                       **({"multitask": {"init": "base encoder", "units": len(names),
                                         "technique_weight": TAGGER_TECHNIQUE_WEIGHT}} if multitask else {})}

    # 3. Technique model on the gold spans.
    X = span_matrix(views, spans, sent_emb, runtime)
    y = np.array([t for g in golds for _, _, t in g])
    tech_model = LogisticRegression(**tech_lr).fit(X, y)
    log(f"technique model on {len(y)} spans at {time.perf_counter() - t0:.0f} s")

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"sent": sent_model, "tok": tok_model, "tech": tech_model, "thr_hi": thr_hi, "thr_lo": thr_lo,
                 "mix": mix, "keep": keep.to_dict(), "cascade": cascade,
                 **({"window": window} if window else {}), **({"blend": blend} if blend else {})},
                out / MODEL_FILE, compress=3)
    from ..spin.techniques.tagger import TAGGER_FILE
    if not tagger_meta and (out / TAGGER_FILE).exists():
        (out / TAGGER_FILE).unlink()
    meta = {"format": FORMAT, "sklearn": sklearn.__version__, "numpy": np.__version__,
            "python": platform.python_version(), "seed": seed, "train_articles": len(arts),
            "heldout_articles": len(held), "train_spans": int(len(y)), "techniques": list(TECHNIQUES),
            "thresholds": [thr_hi, thr_lo], "encoder_runtime": runtime,
            "encoder": encoder_name() if runtime == "float32" else f"all-MiniLM-L6-v2 torch {runtime}",
            # token model alone: out-of-fold on all articles without the tagger, on the dev slice with it
            "cv_span_f1": round(f1, 4),
            "tagger": tagger_meta,
            "train_seconds": round(time.perf_counter() - t0, 1)}
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out / MODEL_FILE} ({(out / MODEL_FILE).stat().st_size / 1e6:.1f} MB) in {meta['train_seconds']} s")
    return meta


# ---- mapping a tagger trained on all articles onto the dev-slice tagger (round 8) ------------------------

# Quantile levels of the map: sparse where the probabilities are all near 0, dense in the top fifth, where
# the thresholds (0.3 / 0.15 on the mix) cut.
CALIBRATION_LEVELS = np.concatenate([np.linspace(0.0, 0.8, 17), np.linspace(0.8, 0.98, 37)[1:],
                                     np.linspace(0.98, 1.0, 21)[1:]])
CALIBRATION_ARTICLES = 200  # unlabelled articles the map is fitted on
CHECK_ARTICLES = 30  # others, kept apart, on which the mapped tagger's marked share is checked


def unlabelled_articles(folder: str | Path, seed: int = SEED, skip: int = CHECK_ARTICLES,
                        n: int = CALIBRATION_ARTICLES) -> tuple[list[Article], list[Article]]:
    """(check articles, fitting articles) among the .txt files of `folder` (texts only, no labels read):
    a seeded shuffle, the first `skip` for the check, the next `n` for the fit."""
    files = sorted(Path(folder).glob("*.txt"))
    if not files:
        raise ValueError(f"no .txt files in {folder}")
    order = np.random.default_rng(seed).permutation(len(files))
    arts = [Article(files[i].stem, files[i].read_text(encoding="utf-8")) for i in order[:skip + n]]
    return arts[:skip], arts[skip:]


def read_word_probs(model, taggers: list, views) -> list[np.ndarray]:
    """Per tagger, its probabilities over the words `model` has it read at run time (the sentences at or
    above the cascade, the model's window), concatenated over `views`; the same words for every tagger."""
    from ..spin.techniques.model import tagger_probs
    sp = model.sentence_probs(views, model.sentence_embeddings(views))
    out = []
    for tagger in taggers:
        tf, read = tagger_probs(tagger, views, sp, model.cascade, model.window)
        out.append(np.concatenate([a[m] for a, m in zip(tf, read)] or [np.zeros(0)]).astype(np.float64))
    return out


def marked_share(probs: np.ndarray, thr: float) -> float:
    """Share of the words whose probability reaches `thr`."""
    return float(np.mean(probs >= thr)) if len(probs) else 0.0


def calibrate(model_dir: str | Path, dev_tagger: str | Path, unlabelled: str | Path, *, seed: int = SEED,
              n: int = CALIBRATION_ARTICLES, check: int = CHECK_ARTICLES, log=print) -> dict:
    """Map the tagger of `model_dir` (trained on all training articles) onto `dev_tagger` (the one the mix
    and thresholds were chosen with) by quantiles of their word probabilities on `n` unlabelled articles
    of the folder `unlabelled`, and write the map into meta.json (`tagger.calibration`). Checked on
    `check` other articles of the folder: the share of words each marks. Returns the calibration entry."""
    from ..spin.techniques.model import ProbMap, load_model
    from ..spin.techniques.tagger import runtime_tagger
    model_dir = Path(model_dir)
    meta_path = model_dir / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    tagger_meta = meta.get("tagger") or {}
    if not tagger_meta:
        raise ValueError(f"{model_dir}: no tagger to calibrate")
    model = load_model.uncached(str(model_dir))  # a private copy: its calibration is dropped below
    model.calibration = None  # the map is fitted on the raw probabilities
    dev = runtime_tagger(str(dev_tagger), tagger_meta.get("runtime", "float32"))
    check_arts, fit_arts = unlabelled_articles(unlabelled, seed, check, n)
    t0 = time.perf_counter()
    log(f"calibration: parsing {len(fit_arts)} + {len(check_arts)} unlabelled articles of {unlabelled}")
    views = views_for([(a.text, p) for a, p in zip(fit_arts, parse_articles(fit_arts))])
    new, old = read_word_probs(model, [model.tagger, dev], views)
    about = {"method": "quantiles", "fitted_on": f"{Path(unlabelled).as_posix()}: {len(fit_arts)} articles "
             f"(seed {seed}, after the first {check})", "words": int(len(new)),
             "onto": "the tagger trained outside the dev slice"}
    pmap = ProbMap.fit(new, old, CALIBRATION_LEVELS, about)
    cviews = views_for([(a.text, p) for a, p in zip(check_arts, parse_articles(check_arts))])
    cnew, cold = read_word_probs(model, [model.tagger, dev], cviews)
    shares = {}
    for thr in (0.15, 0.3, 0.5):
        shares[str(thr)] = {"dev_tagger": round(marked_share(cold, thr), 4), "raw": round(marked_share(cnew, thr), 4),
                            "mapped": round(marked_share(pmap(cnew), thr), 4)}
    # and the share of all words inside the spans the whole model finds (mix, thresholds), each way
    import dataclasses
    in_spans = {}
    for name, m in (("dev_tagger", dataclasses.replace(model, tagger=dev)), ("raw", model),
                    ("mapped", dataclasses.replace(model, calibration=pmap))):
        emb = m.sentence_embeddings(cviews)
        inside = total = 0
        for v, p in zip(cviews, m.token_probs(cviews, emb)):
            for s, e, _ in decode(v, p, m.thr_hi, m.thr_lo):
                a, b = v.token_range(s, e)
                inside += b - a
            total += len(v.tokens)
        in_spans[name] = round(inside / total, 4) if total else 0.0
    entry = {**pmap.to_dict(), "check": {"articles": len(check_arts), "words": int(len(cnew)),
                                         "marked_share": shares, "share_in_spans": in_spans}}
    tagger_meta["calibration"] = entry
    meta["tagger"] = tagger_meta
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"calibration: {len(new)} words, {len(pmap.src)} knots, {time.perf_counter() - t0:.0f} s; check on "
        f"{len(check_arts)} other articles, share of words at >= 0.3: dev tagger {shares['0.3']['dev_tagger']}, "
        f"raw {shares['0.3']['raw']}, mapped {shares['0.3']['mapped']}; share of words in spans {in_spans}")
    return entry


ENSEMBLE_FILE = "tagger2.safetensors"


def register_ensemble(model_dir: str | Path, file: str, info: dict) -> dict:
    """Add the tagger file `file` of the model folder to meta.json's `tagger.ensemble` (its token probabilities
    averaged with the first tagger's; docs/techniques.md, round 12), with `info` on how it was trained."""
    where = Path(model_dir)
    meta = json.loads((where / META_FILE).read_text(encoding="utf-8"))
    tagger = meta.get("tagger")
    if not tagger:
        raise ValueError(f"{where}: the model has no tagger to average another with")
    if not (where / file).exists():
        raise ValueError(f"{where}: no {file}")
    files = [f for f in tagger.get("ensemble") or [] if f != file] + [file]
    tagger["ensemble"] = files
    tagger.setdefault("ensemble_info", {})[file] = info
    from ..spin.techniques.model import ensemble_files
    ensemble_files(tagger, where)  # the same checks as at load
    (where / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return tagger


def train_ensemble_member(ptc: str | Path, out: str | Path, *, layers: int = 3, seed: int = 14,
                          file: str = ENSEMBLE_FILE, log=print) -> dict:
    """A second tagger for the model folder `out`: the base's first `layers` BERT layers fine-tuned with the
    shipped tagger's recipe on the same articles (folds 1-4, never the dev slice nor a held-out one) with
    another `seed`, saved as `file` and added to meta.json's `tagger.ensemble` (round 12)."""
    from ..spin.techniques.tagger import file_layers, save_tagger, train_tagger
    held = heldout_ids()
    arts = [a for a in read_ptc(ptc) if a.id not in held]
    if not arts:
        raise ValueError(f"no training articles under {ptc}")
    views = views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])
    fold = _folds(len(arts), 5, SEED)  # the folds of `train techniques`: fold 0 is the dev slice
    trn = [k for k in range(len(arts)) if views[k].tokens and fold[k] != 0]
    t0 = time.perf_counter()
    model = train_tagger([views[k] for k in trn], [arts[k].spans for k in trn], seed=seed, epochs=TAGGER_EPOCHS,
                         max_pieces=TAGGER_WINDOW, batch_size=TAGGER_BATCH, layers=layers, log=log)
    path = Path(out) / file
    save_tagger(model, path)
    info = {"layers": file_layers(str(path)), "seed": seed, "train_articles": len(trn), "epochs": TAGGER_EPOCHS,
            "max_pieces": TAGGER_WINDOW, "batch": TAGGER_BATCH, "train_seconds": round(time.perf_counter() - t0, 1)}
    return register_ensemble(out, file, info)
