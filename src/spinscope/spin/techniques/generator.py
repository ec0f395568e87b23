"""A sentence-level span generator for the long techniques (round 13, docs/techniques.md).

The tagger marks words; the long, argument-level techniques (Doubt, fear, causal and black-and-white reasoning...)
are mostly not found at all. Here a logistic regression per long technique reads each sentence of the title and body
(its MiniLM embedding, the sentence and token models' probabilities, the technique model's probabilities with the
whole sentence taken as a span, and a few cheap features) and, above its threshold, adds the sentence (trimmed of
whitespace, quotation marks and a trailing `.,;:`) as a span of that technique, unless a reported span of that
technique already overlaps it. The weights live in `generator.npz` in the model folder; without that file the
generator is off.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .features import QUOTES, DocView

GENERATOR_FILE = "generator.npz"
# The long techniques (docs/techniques.md, Weak spots), in the order the generator's rows of weights follow.
LONG = ("Doubt", "Causal_Oversimplification", "Black-and-White_Fallacy", "Appeal_to_fear-prejudice",
        "Whataboutism,Straw_Men,Red_Herring", "Thought-terminating_Cliches", "Exaggeration,Minimisation",
        "Flag-Waving")
TRIM_END = ".,;:"
COVER = 0.5  # the label rule: the gold spans of a technique cover at least this share of the sentence
CHEAP = ("sent_prob", "tok_max", "tok_mean", "log_words", "position", "title", "question", "exclaim", "quote",
         "starts_quote")


def trimmed(v: DocView, i: int) -> tuple[int, int] | None:
    """Sentence `i` of `v` as (start, end): leading and trailing whitespace and quotation marks, and a trailing
    `.`, `,`, `;` or `:`, trimmed; None when nothing is left."""
    s, e = v.sents[i][:2]
    text = v.text
    while True:
        e0, s0 = e, s
        while s < e and (text[s].isspace() or text[s] in QUOTES):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTES or text[e - 1] in TRIM_END):
            e -= 1
        if (s, e) == (s0, e0):
            break
    return (s, e) if e > s else None


def sentence_labels(v: DocView, gold: list[tuple[int, int, str]], technique: str, cover: float = COVER) -> np.ndarray:
    """1 for a sentence whose characters the merged gold spans of `technique` cover at least `cover` of."""
    from ...training.ptc import _merge
    spans = _merge([(s, e) for s, e, t in gold if t == technique])
    y = np.zeros(len(v.sents), np.int8)
    for i, (s, e, *_) in enumerate(v.sents):
        if e <= s:
            continue
        inside = sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in spans)
        y[i] = inside / (e - s) >= cover
    return y


def sentence_span_matrix(v: DocView, sent_emb: np.ndarray):
    """The technique model's input for every sentence of `v` taken as a span (its embedding and its context's are
    the sentence's own, so nothing is encoded again)."""
    from scipy import sparse
    from .features import span_features
    from .model import hashers
    if not v.sents:
        return None
    _, hasher = hashers()
    feats = [span_features(v, s, e) for s, e, *_ in v.sents]
    se = np.asarray(sent_emb, np.float32)
    return sparse.hstack([hasher.transform(feats), sparse.csr_matrix(se), sparse.csr_matrix(se)]).tocsr()


def technique_probs(tech, v: DocView, sent_emb: np.ndarray, order) -> np.ndarray:
    """(sentences, techniques) probabilities of the technique model `tech` with each sentence as a span, its
    columns in `order` (techniques the model does not know get 0)."""
    X = sentence_span_matrix(v, sent_emb)
    if X is None:
        return np.zeros((0, len(order)), np.float32)
    proba = tech.predict_proba(X)
    col = {str(c): j for j, c in enumerate(tech.classes_)}
    out = np.zeros((len(v.sents), len(order)), np.float32)
    for k, t in enumerate(order):
        if t in col:
            out[:, k] = proba[:, col[t]]
    return out


def feature_rows(v: DocView, sent_emb: np.ndarray, sent_probs: np.ndarray, tok_probs: np.ndarray,
                 tech_probs: np.ndarray, cascade: float = 0.0) -> np.ndarray:
    """One row per sentence: its embedding, the technique model's probabilities with the sentence as a span, then
    `CHEAP` (the token model's probabilities count as 0 in a sentence under the cascade, as the stage computes
    them there)."""
    n = len(v.sents)
    cheap = np.zeros((n, len(CHEAP)), np.float32)
    for i, (s, e, kind, a, b) in enumerate(v.sents):
        sp = float(sent_probs[i]) if len(sent_probs) else 0.0
        tp = np.asarray(tok_probs[a:b], np.float64) if sp >= cascade else np.zeros(0)
        text = v.text[s:e]
        words = sum(1 for f in v.flags[a:b] if f[2])
        cheap[i] = (sp, tp.max() if len(tp) else 0.0, tp.mean() if len(tp) else 0.0, math.log1p(words),
                    i / max(1, n - 1), kind == "title", "?" in text, "!" in text, any(c in QUOTES for c in text),
                    bool(text) and text[0] in QUOTES)
    emb = np.asarray(sent_emb, np.float32).reshape(n, -1)
    return np.hstack([emb, np.asarray(tech_probs, np.float32).reshape(n, -1), cheap])


@dataclass
class Generator:
    """Logistic regressions (standardised inputs) per technique and the thresholds above which a sentence is
    added as a span (NaN: that technique is off). `one_per_sentence`: only the likeliest technique above its
    threshold is added per sentence."""

    techniques: tuple
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (techniques, features)
    intercept: np.ndarray  # (techniques,)
    thresholds: np.ndarray  # (techniques,)
    one_per_sentence: bool = False
    about: dict = field(default_factory=dict)

    def probs(self, rows: np.ndarray) -> np.ndarray:
        """(sentences, techniques) probabilities."""
        if not len(rows):
            return np.zeros((0, len(self.techniques)))
        z = (np.asarray(rows, np.float64) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.coef.T + self.intercept)))

    def spans(self, v: DocView, probs: np.ndarray, kept: list[tuple]) -> list[tuple[int, int, str, float]]:
        """(start, end, technique, score) for the sentences above their technique's threshold, none where a kept
        span ((start, end, technique, ...)) of that technique overlaps the sentence."""
        out = []
        thr = np.asarray(self.thresholds, np.float64)
        for i in range(len(v.sents)):
            if i >= len(probs):
                break
            p = probs[i]
            above = [k for k in range(len(self.techniques)) if not math.isnan(thr[k]) and p[k] >= thr[k]]
            if not above:
                continue
            if self.one_per_sentence:
                above = [max(above, key=lambda k: p[k])]
            span = trimmed(v, i)
            if span is None:
                continue
            s, e = span
            for k in above:
                t = self.techniques[k]
                if any(x[2] == t and x[0] < e and s < x[1] for x in kept):
                    continue
                out.append((s, e, t, round(float(p[k]), 4)))
        return out

    def save(self, path: str | Path) -> None:
        np.savez(path, mean=self.mean, scale=self.scale, coef=self.coef, intercept=self.intercept,
                 thresholds=np.asarray(self.thresholds, np.float64),
                 info=np.array(json.dumps({"techniques": list(self.techniques),
                                           "one_per_sentence": self.one_per_sentence, **self.about})))

    @classmethod
    def load(cls, path: str | Path) -> "Generator":
        with np.load(path, allow_pickle=False) as z:
            info = json.loads(str(z["info"]))
            techniques = tuple(info.pop("techniques"))
            one = bool(info.pop("one_per_sentence", False))
            g = cls(techniques, z["mean"], z["scale"], z["coef"], z["intercept"], z["thresholds"], one, info)
        k, d = g.coef.shape
        if (k != len(techniques) or g.mean.shape != (d,) or g.scale.shape != (d,) or g.intercept.shape != (k,)
                or g.thresholds.shape != (k,)):
            raise ValueError(f"{path}: the generator's arrays do not fit together ({k} techniques, {d} features)")
        return g
