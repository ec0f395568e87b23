"""A sentence-level span generator for the long techniques (round 13, docs/techniques.md).

The tagger marks words; the long, argument-level techniques (Doubt, fear, causal and black-and-white reasoning...)
are mostly not found at all. Here a logistic regression per long technique reads each sentence of the title and body
(its MiniLM embedding, the sentence and token models' probabilities, the technique model's probabilities with the
whole sentence taken as a span, and a few cheap features) and, above its threshold, adds the sentence (trimmed of
whitespace, quotation marks and a trailing `.,;:`) as a span of that technique, unless a reported span of that
technique already overlaps it. The weights live in `generator.npz` in the model folder; without that file the
generator is off.

Round 14 adds, as options recorded in the file (`features`): the tagger's highest and mean word probability in the
sentence and the share of its words at `TAG_SHARE` or above ("tagger"); the previous and next sentence's features of
the same part without their embedding ("neighbours"); and a pooled head ("pooled"): one logistic regression for "any
long technique", whose sentence is labelled with the long technique the technique model finds likeliest for it.

Round 15 adds the multi-task pooled generator: the same pooled "any long technique" head, its sentence labelled by
its own label head (`label_coef`, `label_intercept`: a multinomial logistic regression over the same rows, fitted on
the sentences positive for some long technique) instead of by the technique model.
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
TAGGER = ("tag_max", "tag_mean", "tag_share")  # round 14: the tagger's word probabilities in the sentence
TAG_SHARE = 0.3
EMBED = 384  # the sentence embedding's width (the first columns of a row)


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


def tagger_rows(v: DocView, tag_probs: np.ndarray, sent_probs: np.ndarray, cascade: float = 0.0) -> np.ndarray:
    """(sentences, 3): `TAGGER` over each sentence's words: the tagger's highest and mean word probability and the
    share of its words at `TAG_SHARE` or above; 0 for a sentence under the cascade (the tagger did not read it)."""
    out = np.zeros((len(v.sents), len(TAGGER)), np.float32)
    for i, (s, e, kind, a, b) in enumerate(v.sents):
        sp = float(sent_probs[i]) if len(sent_probs) else 0.0
        if sp < cascade or b <= a:
            continue
        tp = np.asarray(tag_probs[a:b], np.float64)
        if len(tp):
            out[i] = (tp.max(), tp.mean(), float(np.mean(tp >= TAG_SHARE)))
    return out


def neighbour_rows(v: DocView, small: np.ndarray) -> np.ndarray:
    """(sentences, 2 x (width + 1)): the rows `small` of the previous and of the next sentence of the same part
    (title or body), each followed by a flag of its presence; zeros where there is no such sentence."""
    n, w = small.shape
    out = np.zeros((n, 2 * (w + 1)), np.float32)
    kinds = [x[2] for x in v.sents]
    for i in range(n):
        if i > 0 and kinds[i - 1] == kinds[i]:
            out[i, :w], out[i, w] = small[i - 1], 1.0
        if i + 1 < n and kinds[i + 1] == kinds[i]:
            out[i, w + 1:2 * w + 1], out[i, 2 * w + 1] = small[i + 1], 1.0
    return out


def feature_rows(v: DocView, sent_emb: np.ndarray, sent_probs: np.ndarray, tok_probs: np.ndarray,
                 tech_probs: np.ndarray, cascade: float = 0.0, tag_probs: np.ndarray | None = None,
                 neighbours: bool = False) -> np.ndarray:
    """One row per sentence: its embedding, the technique model's probabilities with the sentence as a span, then
    `CHEAP` (the token model's probabilities count as 0 in a sentence under the cascade, as the stage computes
    them there); with `tag_probs` (the tagger's word probabilities) then `TAGGER`; with `neighbours` then the
    non-embedding part of the previous and the next sentence's rows (`neighbour_rows`)."""
    base = _base_rows(v, sent_emb, sent_probs, tok_probs, tech_probs, cascade)
    if tag_probs is not None:
        base = np.hstack([base, tagger_rows(v, tag_probs, sent_probs, cascade)])
    elif neighbours:
        raise ValueError("neighbour features are built on the tagger's: give tag_probs")
    if neighbours:
        base = np.hstack([base, neighbour_rows(v, base[:, EMBED:])])
    return base


def _base_rows(v: DocView, sent_emb: np.ndarray, sent_probs: np.ndarray, tok_probs: np.ndarray,
               tech_probs: np.ndarray, cascade: float = 0.0) -> np.ndarray:
    """Round 13's rows (see `feature_rows`)."""
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
    threshold is added per sentence. `pooled`: the columns of a row holding the technique model's probabilities of
    `techniques` (round 14's pooled head): `coef` is then one row, "any long technique", and a sentence's
    probability goes to the technique likeliest by those columns (0 for the others). `label_coef` (techniques,
    features) and `label_intercept` (round 15's multi-task head): a pooled head's own label head, a multinomial
    logistic regression over the same standardised rows; when present the sentence's probability goes to the
    technique it finds likeliest instead. `features`: what the rows hold beyond round 13's ("tagger",
    "neighbours"), so the stage builds them the same way."""

    techniques: tuple
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (techniques, features)
    intercept: np.ndarray  # (techniques,)
    thresholds: np.ndarray  # (techniques,)
    one_per_sentence: bool = False
    about: dict = field(default_factory=dict)
    pooled: np.ndarray | None = None
    features: tuple = ()
    label_coef: np.ndarray | None = None
    label_intercept: np.ndarray | None = None

    @property
    def is_pooled(self) -> bool:
        """One "any long technique" head (round 14's pooled or round 15's multi-task generator)."""
        return self.pooled is not None or self.label_coef is not None

    def labels(self, rows: np.ndarray) -> np.ndarray:
        """The technique index a pooled head gives each row: its label head's likeliest, else the likeliest by the
        technique model's columns (`pooled`)."""
        rows = np.asarray(rows, np.float64)
        if self.label_coef is not None:
            z = (rows - self.mean) / self.scale
            return np.asarray(z @ np.asarray(self.label_coef).T + self.label_intercept).argmax(1)
        return rows[:, np.asarray(self.pooled, int)].argmax(1)

    def probs(self, rows: np.ndarray) -> np.ndarray:
        """(sentences, techniques) probabilities."""
        if not len(rows):
            return np.zeros((0, len(self.techniques)))
        rows = np.asarray(rows, np.float64)
        z = (rows - self.mean) / self.scale
        p = 1.0 / (1.0 + np.exp(-(z @ self.coef.T + self.intercept)))
        if not self.is_pooled:
            return p
        out = np.zeros((len(rows), len(self.techniques)))
        out[np.arange(len(rows)), self.labels(rows)] = p[:, 0]
        return out

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
        extra = {} if self.pooled is None else {"pooled": np.asarray(self.pooled, np.int64)}
        if self.label_coef is not None:
            extra.update(label_coef=np.asarray(self.label_coef, np.float64),
                         label_intercept=np.asarray(self.label_intercept, np.float64))
        np.savez(path, mean=self.mean, scale=self.scale, coef=self.coef, intercept=self.intercept,
                 thresholds=np.asarray(self.thresholds, np.float64), **extra,
                 info=np.array(json.dumps({"techniques": list(self.techniques),
                                           "one_per_sentence": self.one_per_sentence,
                                           "features": list(self.features), **self.about})))

    @classmethod
    def load(cls, path: str | Path, width: bool = False) -> "Generator":
        """The generator saved at `path`; ValueError when its arrays do not fit together, and with `width` also
        when its weights do not fit the rows the stage builds for its features (`check_width`)."""
        with np.load(path, allow_pickle=False) as z:
            info = json.loads(str(z["info"]))
            techniques = tuple(info.pop("techniques"))
            one = bool(info.pop("one_per_sentence", False))
            features = tuple(info.pop("features", ()))
            pooled = z["pooled"] if "pooled" in z.files else None
            lc = z["label_coef"] if "label_coef" in z.files else None
            li = z["label_intercept"] if "label_intercept" in z.files else None
            g = cls(techniques, z["mean"], z["scale"], z["coef"], z["intercept"], z["thresholds"], one, info, pooled,
                    features, lc, li)
        k, d = g.coef.shape
        n = len(techniques)
        if (lc is None) != (li is None) or (lc is not None and (lc.shape != (n, d) or li.shape != (n,))):
            raise ValueError(f"{path}: the label head's arrays do not fit {n} techniques and {d} features")
        if ((k != (1 if g.is_pooled else n)) or g.mean.shape != (d,) or g.scale.shape != (d,)
                or g.intercept.shape != (k,) or g.thresholds.shape != (n,)):
            raise ValueError(f"{path}: the generator's arrays do not fit together ({k} rows of weights, {n} "
                             f"techniques, {d} features)")
        if set(features) - {"tagger", "neighbours"} or ("neighbours" in features and "tagger" not in features):
            raise ValueError(f"{path}: unknown features {list(features)}")
        if pooled is not None and (pooled.shape != (n,) or pooled.min() < 0 or pooled.max() >= d):
            raise ValueError(f"{path}: the pooled head's technique columns are not columns of its rows")
        if width:
            g.check_width()
        return g

    def check_width(self) -> None:
        """ValueError unless the weights fit the rows the stage builds for `features`."""
        d = self.coef.shape[1]
        if d != row_width(self.features):
            raise ValueError(f"{d} features, but rows with {list(self.features) or 'round 13 features'} have "
                             f"{row_width(self.features)}")


def row_width(features=()) -> int:
    """The width of a row with round 13's features and `features` ("tagger", "neighbours")."""
    from ...training.ptc import TECHNIQUES
    d = EMBED + len(TECHNIQUES) + len(CHEAP)
    if "tagger" in features:
        d += len(TAGGER)
    if "neighbours" in features:
        d += 2 * (d - EMBED + 1)
    return d
