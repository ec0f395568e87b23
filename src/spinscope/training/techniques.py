"""Training the techniques models on the PTC corpus (seeded, CPU, a few minutes)."""
from __future__ import annotations

import json
import platform
import re
import time
from pathlib import Path

import numpy as np

from .ptc import TECHNIQUES, Article, Tally, heldout_ids, read_ptc
from ..spin.techniques.features import token_features
from ..spin.techniques.model import FORMAT, META_FILE, MODEL_FILE, decode, hashers, sentence_embeddings, span_matrix, views_for

SEED = 13
TAGGER_EPOCHS = 3
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


def _tune_mix(views, tagger_probs, lr_probs, golds) -> tuple[float, float, float, float]:
    """(F1, weight of the tagger, thr_hi, thr_lo) with the best span F1 on held-in dev articles."""
    best = (-1.0, 0.0, 0.5, 0.5)
    for w in MIXES:
        f1, hi, lo = _tune(views, [w * a + (1 - w) * b for a, b in zip(tagger_probs, lr_probs)], golds)
        if f1 > best[0]:
            best = (f1, w, hi, lo)
    return best


def train(ptc: str | Path, out: str | Path, *, seed: int = SEED, cache: str | Path | None = None,
          tagger_epochs: int = TAGGER_EPOCHS, log=print) -> dict:
    """Fit the sentence, token and technique models on the PTC articles not held out; write them to `out`.

    `cache`: a .pkl file keeping sentence and span embeddings between runs (development only).
    `tagger_epochs`: fine-tuning epochs of the MiniLM token tagger (0: none, the token model alone).
    """
    import pickle
    from ..spin.techniques import model as tech_model
    if cache:
        cache = Path(cache)
        tech_model.EMBED_CACHE = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    try:
        return _train(ptc, out, seed, tagger_epochs, log)
    finally:
        if cache:
            cache.write_bytes(pickle.dumps(tech_model.EMBED_CACHE))
            tech_model.EMBED_CACHE = None


def _train(ptc, out, seed, tagger_epochs, log) -> dict:
    import joblib
    import sklearn
    from sklearn.linear_model import LogisticRegression

    t0 = time.perf_counter()
    held = heldout_ids()
    arts = [a for a in read_ptc(ptc) if a.id not in held]
    if not arts:
        raise ValueError(f"no training articles under {ptc}")
    log(f"{len(arts)} training articles ({len(held)} held out); parsing")
    views = views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])
    log(f"parsed in {time.perf_counter() - t0:.0f} s; embedding sentences")
    sent_emb = sentence_embeddings(views)
    golds = [a.spans for a in arts]
    fold = _folds(len(arts), 5, seed)

    # 1. Sentence model (does this sentence hold a span?), with out-of-fold outputs for the token model.
    ys = [_sent_labels(v, g) for v, g in zip(views, golds)]
    sent_lr = dict(C=1.0, max_iter=2000)
    oof_sp = [None] * len(arts)
    for f in range(5):
        tr = [k for k in range(len(arts)) if fold[k] != f]
        m = LogisticRegression(**sent_lr).fit(np.vstack([sent_emb[k] for k in tr]), np.concatenate([ys[k] for k in tr]))
        for k in range(len(arts)):
            if fold[k] == f and len(views[k].sents):
                oof_sp[k] = m.predict_proba(sent_emb[k])[:, 1]
    sent_model = LogisticRegression(**sent_lr).fit(np.vstack(sent_emb), np.concatenate(ys))
    log(f"sentence model at {time.perf_counter() - t0:.0f} s")

    # 2. Token model (inside a span?) on lexical features plus the sentence model's output.
    hasher, _ = hashers()
    Xs = [hasher.transform(token_features(v, sp)) if v.tokens else None for v, sp in zip(views, oof_sp)]
    yt = [_token_labels(v, g) for v, g in zip(views, golds)]
    tok_lr = dict(C=0.1, solver="liblinear", random_state=seed)
    from scipy import sparse
    oof_tp = [None] * len(arts)
    for f in range(3):  # fewer folds: only the thresholds are tuned on these
        tr = [k for k in range(len(arts)) if fold[k] % 3 != f and Xs[k] is not None]
        m = LogisticRegression(**tok_lr).fit(sparse.vstack([Xs[k] for k in tr]), np.concatenate([yt[k] for k in tr]))
        for k in range(len(arts)):
            if fold[k] % 3 == f and Xs[k] is not None:
                oof_tp[k] = m.predict_proba(Xs[k])[:, 1]
    keep = [k for k in range(len(arts)) if Xs[k] is not None]
    f1, thr_hi, thr_lo = _tune([views[k] for k in keep], [oof_tp[k] for k in keep], [golds[k] for k in keep])
    log(f"token model cross-validated: span F1 {f1:.3f} at thresholds {thr_hi}/{thr_lo} "
        f"({time.perf_counter() - t0:.0f} s)")
    tok_model = LogisticRegression(**tok_lr).fit(sparse.vstack([Xs[k] for k in keep]),
                                                 np.concatenate([yt[k] for k in keep]))
    log(f"token model at {time.perf_counter() - t0:.0f} s")

    # 2b. The fine-tuned MiniLM tagger. It is trained on four fifths of the articles; the fifth (fold 0,
    # the dev slice) chooses its weight against the token model above and the thresholds of both mixed.
    tagger_meta, mix = None, 0.0
    if tagger_epochs > 0:
        from ..spin.techniques.tagger import save_tagger, tagger_info, token_probs, train_tagger
        dev = [k for k in keep if fold[k] == 0]
        trn = [k for k in keep if fold[k] != 0]
        t1 = time.perf_counter()
        tagger = train_tagger([views[k] for k in trn], [golds[k] for k in trn], seed=seed, epochs=tagger_epochs,
                              log=log)
        tagger_seconds = time.perf_counter() - t1
        dv = [views[k] for k in dev]
        tf_dev = token_probs(tagger, dv)
        lr_dev = [oof_tp[k] for k in dev]
        gd = [golds[k] for k in dev]
        lr_only = _tune(dv, lr_dev, gd)
        dev_f1, mix, thr_hi, thr_lo = _tune_mix(dv, tf_dev, lr_dev, gd)
        log(f"tagger trained in {tagger_seconds:.0f} s; dev slice ({len(dev)} articles): span F1 "
            f"{dev_f1:.3f} with tagger weight {mix} at thresholds {thr_hi}/{thr_lo} "
            f"(token model alone {lr_only[0]:.3f})")
        tagger_meta = {**tagger_info(), "epochs": tagger_epochs, "train_articles": len(trn),
                       "dev_articles": len(dev), "dev_span_f1": round(dev_f1, 4),
                       "dev_span_f1_token_model_alone": round(lr_only[0], 4), "mix": mix,
                       "train_seconds": round(tagger_seconds, 1)}

    # 3. Technique model on the gold spans.
    spans = [[(s, e) for s, e, _ in g] for g in golds]
    X = span_matrix(views, spans, sent_emb)
    y = np.array([t for g in golds for _, _, t in g])
    tech_model = LogisticRegression(C=2.0, max_iter=3000, random_state=seed).fit(X, y)
    log(f"technique model on {len(y)} spans at {time.perf_counter() - t0:.0f} s")

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"sent": sent_model, "tok": tok_model, "tech": tech_model, "thr_hi": thr_hi, "thr_lo": thr_lo,
                 "mix": mix}, out / MODEL_FILE, compress=3)
    from ..spin.techniques.tagger import TAGGER_FILE
    if tagger_meta:
        save_tagger(tagger, out / TAGGER_FILE)
    elif (out / TAGGER_FILE).exists():
        (out / TAGGER_FILE).unlink()
    meta = {"format": FORMAT, "sklearn": sklearn.__version__, "numpy": np.__version__,
            "python": platform.python_version(), "seed": seed, "train_articles": len(arts),
            "heldout_articles": len(held), "train_spans": int(len(y)), "techniques": list(TECHNIQUES),
            "thresholds": [thr_hi, thr_lo], "cv_span_f1": round(f1, 4), "tagger": tagger_meta,
            "train_seconds": round(time.perf_counter() - t0, 1)}
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out / MODEL_FILE} ({(out / MODEL_FILE).stat().st_size / 1e6:.1f} MB) in {meta['train_seconds']} s")
    return meta
