"""Training the techniques models on the PTC corpus (seeded, CPU, a few minutes)."""
from __future__ import annotations

import json
import platform
import re
import time
from pathlib import Path

import numpy as np

from .ptc import TECHNIQUES, Article, Tally, heldout_ids, read_ptc
from .tech_features import token_features
from .tech_model import FORMAT, META_FILE, MODEL_FILE, decode, hashers, sentence_embeddings, span_matrix, views_for

SEED = 13
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
    for hi in np.arange(0.20, 0.75, 0.05):
        for lo in np.arange(0.10, hi + 0.001, 0.05):
            tally = Tally()
            for v, p, g in zip(views, probs, golds):
                tally.add([(s, e) for s, e, _ in decode(v, p, hi, lo)], [(s, e) for s, e, _ in g])
            f1 = tally.prf()[2]
            if f1 > best[0]:
                best = (f1, float(round(hi, 2)), float(round(lo, 2)))
    return best


def train(ptc: str | Path, out: str | Path, *, seed: int = SEED, cache: str | Path | None = None,
          log=print) -> dict:
    """Fit the sentence, token and technique models on the PTC articles not held out; write them to `out`.

    `cache`: a .pkl file keeping sentence and span embeddings between runs (development only).
    """
    import pickle
    from . import tech_model
    if cache:
        cache = Path(cache)
        tech_model.EMBED_CACHE = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    try:
        return _train(ptc, out, seed, log)
    finally:
        if cache:
            cache.write_bytes(pickle.dumps(tech_model.EMBED_CACHE))
            tech_model.EMBED_CACHE = None


def _train(ptc, out, seed, log) -> dict:
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

    # 3. Technique model on the gold spans.
    spans = [[(s, e) for s, e, _ in g] for g in golds]
    X = span_matrix(views, spans, sent_emb)
    y = np.array([t for g in golds for _, _, t in g])
    tech_model = LogisticRegression(C=2.0, max_iter=3000, random_state=seed).fit(X, y)
    log(f"technique model on {len(y)} spans at {time.perf_counter() - t0:.0f} s")

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"sent": sent_model, "tok": tok_model, "tech": tech_model, "thr_hi": thr_hi, "thr_lo": thr_lo},
                out / MODEL_FILE, compress=3)
    meta = {"format": FORMAT, "sklearn": sklearn.__version__, "numpy": np.__version__,
            "python": platform.python_version(), "seed": seed, "train_articles": len(arts),
            "heldout_articles": len(held), "train_spans": int(len(y)), "techniques": list(TECHNIQUES),
            "thresholds": [thr_hi, thr_lo], "cv_span_f1": round(f1, 4),
            "train_seconds": round(time.perf_counter() - t0, 1)}
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out / MODEL_FILE} ({(out / MODEL_FILE).stat().st_size / 1e6:.1f} MB) in {meta['train_seconds']} s")
    return meta
