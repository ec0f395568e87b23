"""A span verifier for the techniques layer (round 11, stop 43): does a found span overlap a gold span?

The tagger and the token model score words, the technique model labels a span; none of their scores ranks the
found spans by their overlap with gold (round 10: correlation 0.13). The verifier reads each found span as a
whole, in its context: the MiniLM embedding of the span and of its sentence (both already computed by the
stage), the token model's word probabilities inside the span and just around it, the sentence model's
probability, the technique model's distribution, the span's length and place in its sentence, and its cue
lexicon hits. It is a logistic regression (features standardised) giving the probability that the span touches
a gold span; a found span below the model's `verify` floor is not reported (`Keep.verify`).

It is trained on the found spans of training articles that no model scoring them had seen (docs/techniques.md
"Round 11 (stop 43)"). The tagger's own probabilities are not among the features: on the articles the tagger
was trained on they are memory, not a signal.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import QUOTES, DocView

AROUND = 3  # words either side read for the token model's probabilities around the span


def lexicon_categories(path: str | None = None) -> tuple[str, ...]:
    """The cue lexicon's categories in file order (their hits in a span are counted features)."""
    from ...datafile import read_data
    return tuple(str(c) for c in read_data("data/techniques/lexicon.yaml", path)["categories"])


def scalar_names(techniques, categories) -> list[str]:
    """Names of the scalar features, in order (the embeddings follow them)."""
    return (["lr_mean", "lr_max", "lr_min", "lr_before", "lr_after", "lr_sent_mean", "sent_prob", "log_words",
             "one_word", "sent_cover", "at_sent_start", "at_sent_end", "title", "quoted", "question", "exclaim",
             "sents_found", "tech_top", "tech_second", "tech_entropy"]
            + ["tech=" + t for t in techniques] + ["lex=" + c for c in categories])


def span_scalars(v: DocView, start: int, end: int, lr: np.ndarray, sent_prob: np.ndarray, tech: np.ndarray,
                 sents_found: int, categories) -> list[float]:
    """The scalar features of the span [start, end) of view `v` (see `scalar_names`).

    `lr`: the token model's probability per token of the view; `sent_prob`: the sentence model's per sentence;
    `tech`: the technique model's probabilities for the span (in its class order); `sents_found`: how many found
    spans its sentence holds; `categories`: the lexicon categories counted."""
    a, b = v.token_range(start, end)
    b = max(b, a + 1)
    si = v.tok_sent[a]
    s0, s1, kind, sa, sb = v.sents[si]
    inside = lr[a:b]
    before = lr[max(sa, a - AROUND):a]
    after = lr[b:min(sb, b + AROUND)]
    words = sum(1 for k in range(a, b) if v.flags[k][2])
    text = v.text[start:end]
    sent_txt = v.text[s0:s1]
    p = np.clip(np.asarray(tech, np.float64), 1e-9, 1.0)
    top2 = np.sort(p)[::-1][:2]
    lex = {c: 0 for c in categories}
    for k in range(a, b):
        for c in v.lex_tags[k]:
            if c in lex:
                lex[c] += 1
    return ([float(inside.mean()), float(inside.max()), float(inside.min()),
             float(before.mean()) if len(before) else 0.0, float(after.mean()) if len(after) else 0.0,
             float(lr[sa:sb].mean()), float(sent_prob[si]), float(np.log1p(words)), float(words <= 1),
             (end - start) / max(1, s1 - s0),
             float(all(v.tokens[k].is_punct for k in range(sa, a))),
             float(all(v.tokens[k].is_punct for k in range(b, sb))),
             float(kind == "title"), float(any(ch in QUOTES for ch in text)), float("?" in sent_txt),
             float("!" in sent_txt), float(np.log1p(sents_found)), float(top2[0]),
             float(top2[1]) if len(top2) > 1 else 0.0, float(-(p * np.log(p)).sum())]
            + [float(x) for x in tech] + [float(np.log1p(lex[c])) for c in categories])


def feature_rows(v: DocView, spans: list[tuple[int, int]], lr: np.ndarray, sent_prob: np.ndarray,
                 tech: np.ndarray, span_emb: np.ndarray, sent_emb: np.ndarray, categories) -> np.ndarray:
    """One row per span: the scalars, then the span's MiniLM embedding, then its sentence's.

    `tech`: (spans, techniques) probabilities; `span_emb`: (spans, 384); `sent_emb`: (sentences, 384) of `v`;
    `categories`: the lexicon categories counted (`lexicon_categories`)."""
    if not spans:
        return np.zeros((0, 0), np.float32)
    per_sent: dict[int, int] = {}
    first = []
    for s, e in spans:
        si = v.tok_sent[v.token_range(s, e)[0]]
        first.append(si)
        per_sent[si] = per_sent.get(si, 0) + 1
    rows = []
    for k, (s, e) in enumerate(spans):
        rows.append(np.concatenate([np.asarray(span_scalars(v, s, e, lr, sent_prob, tech[k], per_sent[first[k]], categories),
                                               np.float32), span_emb[k], sent_emb[first[k]]]))
    return np.vstack(rows).astype(np.float32)


@dataclass
class Verifier:
    """The fitted model (a scikit-learn pipeline: scaler, logistic regression) and what it expects."""

    model: object
    techniques: tuple  # the technique model's class order its `tech=` features follow
    categories: tuple  # the lexicon categories its `lex=` features count, in order
    width: int  # columns of a feature row

    def probs(self, X: np.ndarray) -> np.ndarray:
        """Probability that each span (a row of `feature_rows`) touches a gold span."""
        if not len(X):
            return np.zeros(0)
        if X.shape[1] != self.width:
            raise ValueError(f"verifier: rows of {X.shape[1]} features, the model reads {self.width}")
        return self.model.predict_proba(X)[:, 1]

    def to_dict(self) -> dict:
        return {"model": self.model, "techniques": list(self.techniques), "categories": list(self.categories),
                "width": self.width}

    @classmethod
    def from_dict(cls, d: dict | None) -> "Verifier | None":
        if not d:
            return None
        return cls(d["model"], tuple(d["techniques"]), tuple(d["categories"]), int(d["width"]))


def fit(X: np.ndarray, y: np.ndarray, techniques, categories, C: float = 0.1, seed: int = 13) -> Verifier:
    """A verifier fitted on rows `X` (`feature_rows`) and targets `y` (1: the span touches gold)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    y = np.asarray(y).astype(int)
    if len(set(y.tolist())) < 2:
        raise ValueError("verifier: the targets need both spans that touch gold and spans that do not")
    model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=3000, random_state=seed))
    model.fit(X, y)
    return Verifier(model, tuple(techniques), tuple(categories), int(X.shape[1]))


def touches(spans: list[tuple[int, int]], gold) -> np.ndarray:
    """1 for each span that overlaps any gold span (start, end, ...) by at least one character."""
    return np.array([int(any(gs < e and s < ge for gs, ge, *_ in gold)) for s, e in spans], dtype=np.int8)
