"""The `narratives` stage: which catalogue narratives a document carries, with evidence sentences."""
from __future__ import annotations

# A sentence is scored against every narrative from a few features (closeness in embedding space to
# the narrative's examples and to neutral reporting, lexical cues, rebuttal words); one logistic model,
# shared by all narratives so that user-added ones are scored too, turns them into a probability.
# Its parameters and threshold are data (calibration.yaml), fitted by tools/calibrate_narratives.py.

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from ...embed import encode
from ...model import Document, Narrative, Span
from ...pipeline import register_stage
from .catalogue import Catalogue, cue_pattern, load_catalogue

FEATURES = ("sim_max", "sim_top2", "neutral_gap", "is_best", "cue", "cue_sim", "rebuttal")
MIN_WORDS = 3  # shorter sentences ("Read more.") carry no claim
MAX_EVIDENCE = 10  # per narrative and document, the best-scoring sentences


@dataclass(frozen=True)
class Model:
    """A logistic model over some of FEATURES, with the threshold chosen on the dev gold."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def predict(self, feats: np.ndarray) -> np.ndarray:
        cols = [FEATURES.index(f) for f in self.features]
        z = feats[..., cols] @ np.asarray(self.coef, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def load_models() -> dict[str, Model]:
    """The fitted models of calibration.yaml by name (`full`, `embedding`, `lexical`)."""
    path = resources.files("spinscope") / "data" / "narratives" / "calibration.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: Model(tuple(m["features"]), tuple(m["coef"]), float(m["intercept"]), float(m["threshold"]))
            for name, m in data["models"].items()}


class Matcher:
    """The catalogue with its example embeddings (computed once) and cue patterns."""

    def __init__(self, cat: Catalogue):
        self.ids = list(cat.narratives)
        self.labels = [n.label for n in cat.narratives.values()]
        texts, owner = [], []
        for j, n in enumerate(cat.narratives.values()):
            for t in (n.label, *n.examples):
                texts.append(t)
                owner.append(j)
        self.owner = np.asarray(owner)
        emb = cached_encode(texts + cat.all_neutral())
        self.examples, self.neutral = emb[:len(texts)], emb[len(texts):]
        self.cues = [cue_pattern(n.cues) for n in cat.narratives.values()]
        self.rebuttal = cue_pattern(cat.rebuttal_cues)

    def features(self, texts: list[str], emb: np.ndarray | None = None) -> np.ndarray:
        """(sentences, narratives, FEATURES) array; `emb` when the caller already encoded `texts`."""
        emb = encode(texts) if emb is None else emb
        n, k = len(texts), len(self.ids)
        sims = emb @ self.examples.T
        sim_max = np.zeros((n, k))
        sim_top2 = np.zeros((n, k))
        for j in range(k):
            block = np.sort(sims[:, self.owner == j], axis=1)[:, ::-1]
            sim_max[:, j] = block[:, 0]
            sim_top2[:, j] = block[:, :2].mean(axis=1)
        neutral = (emb @ self.neutral.T).max(axis=1, initial=-1.0) if len(self.neutral) else np.full(n, -1.0)
        cue = np.array([[1.0 if p is not None and p.search(t) else 0.0 for p in self.cues] for t in texts])
        cue = cue.reshape(n, k)
        rebut = np.array([1.0 if self.rebuttal is not None and self.rebuttal.search(t) else 0.0 for t in texts])
        out = np.zeros((n, k, len(FEATURES)))
        out[..., 0] = sim_max
        out[..., 1] = sim_top2
        out[..., 2] = sim_max - neutral[:, None]
        out[..., 3] = sim_max >= sim_max.max(axis=1, keepdims=True) if k else 0.0
        out[..., 4] = cue
        out[..., 5] = cue * sim_max
        out[..., 6] = rebut[:, None]
        return out

    def scores(self, texts: list[str], model: Model, emb: np.ndarray | None = None) -> np.ndarray:
        """(sentences, narratives) probabilities under `model`."""
        if not texts:
            return np.zeros((0, len(self.ids)))
        return model.predict(self.features(texts, emb))


def cached_encode(texts: list[str]) -> np.ndarray:
    """`encode`, kept on disk by a hash of the texts: the catalogue is the same from run to run."""
    key = hashlib.sha1("\n".join(["all-MiniLM-L6-v2", *texts]).encode("utf-8")).hexdigest()[:20]
    folder = Path(os.environ.get("SPINSCOPE_CACHE") or Path.home() / ".cache" / "spinscope")
    path = folder / f"narratives-{key}.npy"
    try:
        emb = np.load(path)
        if emb.shape == (len(texts), 384):
            return emb
    except (OSError, ValueError):
        pass
    emb = encode(texts)
    try:  # a read-only home only costs the encoding next time
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, emb)
        os.replace(tmp, path)
    except OSError:
        pass
    return emb


@lru_cache(maxsize=8)
def matcher(files: tuple[str, ...] = ()) -> Matcher:
    """The matcher of the built-in catalogue plus user files, built once per process."""
    return Matcher(load_catalogue(files))


def _candidates(doc: Document, segments: tuple[str, ...]) -> list:
    return [s for s in doc.sentences if s.segment in segments and len(doc.text[s.start:s.end].split()) >= MIN_WORDS]


def doc_narratives(doc: Document, sents: list, probs: np.ndarray, m: Matcher, threshold: float) -> list[Narrative]:
    """Narratives with at least one sentence at or over the threshold; score = its best sentence's."""
    out = []
    for j, nid in enumerate(m.ids):
        hits = [(float(probs[i, j]), s) for i, s in enumerate(sents) if probs[i, j] >= threshold]
        if not hits:
            continue
        hits = sorted(hits, key=lambda h: -h[0])[:MAX_EVIDENCE]
        # The maximum, not a noisy-or: the sentences of one article are not independent evidence, and
        # a noisy-or of several middling sentences on the same topic would read as certainty.
        score = hits[0][0]
        evidence = [Span(s.start, s.end) for _, s in sorted(hits, key=lambda h: h[1].start)]
        out.append(Narrative(nid, m.labels[j], round(score, 3), evidence))
    return sorted(out, key=lambda n: (-n.score, n.id))


@register_stage("narratives")
def make_narratives(config: dict):
    files = tuple(str(f) for f in config.get("narrative_files", ()))
    load_catalogue(files)  # a bad user file fails when the pipeline is built, not mid-run
    model = load_models()["full"]
    threshold = float(config.get("narrative_threshold", model.threshold))
    # Comments are left out by default: the layer describes what the outlet says, not its readers.
    segments = ("title", "body", "comment") if config.get("narrative_comments") else ("title", "body")

    def narratives(docs: list[Document]) -> None:
        per_doc = [_candidates(doc, segments) for doc in docs]
        texts = [doc.text[s.start:s.end] for doc, sents in zip(docs, per_doc) for s in sents]
        if not texts:  # nothing parsed (`--disable parse`): no need to load the encoder
            for doc in docs:
                doc.narratives = []
            return
        m = matcher(files)
        probs = m.scores(texts, model, encode(texts))
        i = 0
        for doc, sents in zip(docs, per_doc):
            doc.narratives = doc_narratives(doc, sents, probs[i:i + len(sents)], m, threshold)
            i += len(sents)
    return narratives
