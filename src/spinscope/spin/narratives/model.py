"""The trained narrative model: a sentence-voice head and a (sentence, narrative) pair head over MiniLM features."""
from __future__ import annotations

# Two heads, both logistic models fitted by src/spinscope/training/narratives.py:
# - the voice head reads one sentence (its embedding and four word flags) and says whether it is a
#   claim in the voice of the coverage, a rebuttal of one, or plain news; it decides the stance;
# - the pair head reads a sentence against one narrative's phrasings (similarities, the element-wise
#   product of the sentence with the narrative's mean example, the cue words and the voice head's
#   claim-vs-news log-odds) and says whether the sentence carries that narrative's claim. Its weights
#   are shared by all narratives and never see a narrative's id, so an entry a user adds to the
#   catalogue is scored by how its own phrasings relate to the sentence, like the built-in ones.
# Platt scaling on a calibration split turns the pair head's margin into a probability.
# A pair is evidence by one of two paths (`NarrativeModel.evidence`): the pair head alone is sure
# (probability >= threshold), or the voice head is sure the sentence is a claim (claim-vs-news
# log-odds >= claim_threshold) and the narrative is the sentence's most probable one, at pair_floor or
# more. The second path finds claims phrased unlike any catalogue example; both thresholds are chosen
# together on calibration data so that neutral news stays quiet.

import json
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from .catalogue import Catalogue, cue_pattern
from ...resources import resource

CLASSES = ("claim", "rejects", "news")
WORD_FLAGS = ("rebuttal", "negation", "reporting", "quoted")
PAIR_SCALARS = ("sim_max", "sim_top2", "sim_proto", "neutral_gap", "margin", "is_best", "cue", "claim_logodds")
TOP_K = 3  # a sentence is scored against its closest narratives only; the rest are far off topic
MODEL_FILE = "model.npz"
META_FILE = "model.json"
NAMING_FILE = "naming.npz"  # the naming head's weights (seventeenth round), beside model.npz

_NEGATION = re.compile(r"(?<![\w-])(?:not|no|never|nothing|neither|nor|none|n't|cannot|without)(?![\w-])|n't\b", re.I)
# What denies a claim, for the stance: the negations above but "without", which more often belongs to the claim
# ("the forces are there illegally and without the consent of the government") than denies it.
_DENIAL = re.compile(r"(?<![\w-])(?:not|no|never|nothing|neither|nor|none|n't|cannot)(?![\w-])|n't\b", re.I)
# Words that put a claim in someone else's mouth; whole words, as in the quotes layer's cue list.
_REPORTING = re.compile(r"(?<![\w-])(?:said|says|claim(?:s|ed)?|alleg(?:e|es|ed|ing|edly)|accus(?:e|es|ed|ing)|"
                        r"insist(?:s|ed)?|assert(?:s|ed)?|according to|told|argu(?:e|es|ed)|suggest(?:s|ed)?|"
                        r"report(?:s|ed)?|state[sd]?|believe[sd]?|wrote|writes|tweeted)(?![\w-])", re.I)
_QUOTED = re.compile(r"[\"“”«»„]")


def denies(text: str, rebuttal: re.Pattern | None) -> bool:
    """A negation or a rebuttal cue: what a sentence needs to reject a claim rather than relay it."""
    return _DENIAL.search(text) is not None or rebuttal is not None and rebuttal.search(text) is not None


def relays(text: str) -> bool:
    """A reporting verb or a quotation mark: the sentence gives someone else's words."""
    return _REPORTING.search(text) is not None or _QUOTED.search(text) is not None


def word_flags(texts: list[str], rebuttal: re.Pattern | None) -> np.ndarray:
    """(sentences, WORD_FLAGS) 0/1 array: rebuttal cue, negation, reporting verb, quotation mark."""
    out = np.zeros((len(texts), len(WORD_FLAGS)), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = (rebuttal is not None and rebuttal.search(t) is not None, _NEGATION.search(t) is not None,
                  _REPORTING.search(t) is not None, _QUOTED.search(t) is not None)
    return out


@dataclass
class Linear:
    """A standardised linear model: `(x - mean) / scale @ coef.T + intercept`."""

    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    def margin(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef.T + self.intercept


@dataclass
class NarrativeModel:
    """The two heads, the Platt calibration of the pair head and the evidence thresholds."""

    voice: Linear
    pair: Linear
    platt: tuple[float, float]
    threshold: float
    meta: dict
    claim_threshold: float | None = None  # None: the voice path is off (a model trained without it)
    pair_floor: float = 1.0
    # The pair path's threshold per narrative (model.json `narrative_thresholds`; none in the packaged
    # model). `tools/narratives_calibration.py --per-narrative T --write` sets each above the narrative's
    # highest pair probability on 340 calibration news articles, and at least T (issue 17, third round:
    # docs/narratives.md). A narrative without one (a user's entry) keeps `threshold`.
    narrative_thresholds: dict[str, float] = field(default_factory=dict)
    # The cross-encoder cascade (model.json `cross`; cross.py): {"enabled", "floor", "threshold", "keep"}.
    # Pairs at `floor` or more are re-scored; of them, evidence is a cross probability >= `threshold`, or
    # one >= `keep` for a pair already evidence by the two paths above. None: no cascade.
    cross: dict | None = None
    # The fine-tuned voice classifier's cascade (model.json `voice_ft`; voice_ft.py): {"enabled", "floor",
    # "threshold", "claim_threshold", "pair_floor"}. Sentences whose best candidate reaches the pair probability
    # `floor` are read by it; its claim-vs-news log-odds replace the logistic head's on the voice path, and its
    # operating point (pair threshold, claim log-odds, pair floor) replaces the model's. None: no cascade.
    # With "combine": "either" (ninth round) the classifier does not replace the logistic head: the voice path
    # fires when either head is over its own claim log-odds at its own pair floor (the logistic head's
    # `claim_threshold` and `pair_floor`, the classifier's in `voice_ft`), so no hit of the model without the
    # classifier is lost at the same pair threshold. Default "replace" (seventh and eighth rounds). With
    # "product": K (thirteenth round) the classifier's path also fires where the pair probability times its
    # claim log-odds reaches K (at its pair floor): the claim bar falls as the pair head grows surer.
    voice_ft: dict | None = None
    # The document rule (model.json `document`; issue 17, twelfth round): {"enabled", "threshold"}. A candidate
    # pair at `threshold` or more is evidence when another sentence of the same document has the same narrative
    # among its candidates at `threshold` or more: a second sentence of one narrative lowers the bar for both.
    # It needs the sentences' documents (`groups` of `evidence`); without them, or None here, it is off.
    document: dict | None = None
    # The naming head (model.json `naming`, weights naming.npz; issue 17, seventeenth round): one-vs-rest logistic
    # regressions, one per built-in narrative, over the sentence's MiniLM embedding alone (`Naming`). Its section:
    # {"enabled", "candidate", "evidence", "threshold", "claim_threshold", "pair_floor"}. "candidate" (i): the head's
    # most probable narrative joins the sentence's candidates (`Phrasings.candidates` `extra`), so the pair head scores
    # it too.
    # "evidence" (ii): a sentence's most probable candidate (by pair probability) is evidence when the head gives that
    # narrative `threshold` or more and the claim log-odds reach `claim_threshold` (the logistic head's, or the
    # fine-tuned classifier's where it read the sentence), and its pair probability reaches "pair_floor" when the
    # section has one (round 17b; absent or null: no floor, round 17's path). None, or no weights: no naming head.
    naming: "Naming | None" = None

    def naming_cfg(self) -> dict | None:
        """The naming head's section when it is on and its weights are loaded, else None."""
        cfg = self.meta.get("naming") if isinstance(self.meta, dict) else None
        return cfg if self.naming is not None and cfg and cfg.get("enabled") else None

    def naming_probs(self, emb: np.ndarray, ids: list[str]) -> np.ndarray | None:
        """(sentences, len(ids)) probabilities of the naming head for each narrative of `ids` (0 for an id the head
        was not trained on, e.g. a user's entry), or None when the head is off."""
        if self.naming_cfg() is None:
            return None
        return self.naming.probs(emb, ids)

    def voice_probs(self, emb: np.ndarray, flags: np.ndarray) -> np.ndarray:
        """(sentences, CLASSES) probabilities of the voice head."""
        z = self.voice.margin(np.hstack([emb, flags]))
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def pair_probs(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probabilities of the pair head for rows of `pair_features`."""
        z = self.pair.margin(x).reshape(-1)
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * z + b)))

    def pair_thresholds(self, ids: list[str]) -> np.ndarray:
        """The pair path's threshold of each narrative of `ids` (its own, else the model's `threshold`)."""
        return np.array([self.narrative_thresholds.get(n, self.threshold) for n in ids], dtype=float)

    def evidence(self, rows: np.ndarray, cols: np.ndarray, probs: np.ndarray, voice: np.ndarray,
                 threshold: float | None = None, ids: list[str] | None = None,
                 cross: np.ndarray | None = None, voice_ft: np.ndarray | None = None,
                 groups: np.ndarray | None = None, naming: np.ndarray | None = None) -> np.ndarray:
        """Which candidate pairs (rows of `Phrasings.candidates`) are evidence, by either path.

        `ids` (the catalogue's ids, `Phrasings.ids`) selects the per-narrative pair thresholds; without it,
        or with an explicit `threshold`, one threshold serves every narrative. `cross`: the cross-encoder's
        probability of each pair, NaN where it was not run (`stage.cross_scores`); it decides the pairs it
        scored (see `cross`). `voice_ft`: the fine-tuned voice classifier's claim-vs-news log-odds of each
        sentence, NaN where it was not run (`stage.voice_ft_scores`); with it the voice path reads them and the
        operating point is `self.voice_ft`'s (see `voice_ft`). `groups`: each sentence's document (an integer
        per sentence); with it and the model's `document` rule, pairs are also evidence by that rule. `naming`: the
        naming head's (sentences, narratives) probabilities (`naming_probs`); with it and the model's `naming`
        section's "evidence", pairs are also evidence by its path (see `naming`)."""
        hit = self._evidence(rows, cols, probs, voice, threshold, ids, voice_ft)
        cfg = self.naming_cfg()
        if naming is not None and cfg is not None and cfg.get("evidence") and len(rows):
            floor = cfg.get("pair_floor")  # round 17b: None (round 17's path) or the pair probability it needs
            hit = hit | naming_path(rows, cols, probs, voice, naming, float(cfg["threshold"]),
                                    float(cfg["claim_threshold"]), voice_ft if self.voice_ft else None,
                                    None if floor is None else float(floor))
        if groups is not None and self.document and self.document.get("enabled"):
            hit = hit | second_sentence(rows, cols, probs, groups, float(self.document["threshold"]))
        if cross is None or not self.cross:
            return hit
        scored = ~np.isnan(cross)
        c = np.where(scored, cross, 0.0)
        return np.where(scored, (c >= self.cross["threshold"]) | hit & (c >= self.cross["keep"]), hit)

    def _evidence(self, rows, cols, probs, voice, threshold, ids, voice_ft=None) -> np.ndarray:
        ft = self.voice_ft if voice_ft is not None and self.voice_ft else None
        if ft is not None and threshold is None:
            threshold = ft["threshold"]
        if threshold is None and ids is not None and self.narrative_thresholds:
            hit = probs >= self.pair_thresholds(ids)[cols] if len(cols) else np.zeros(0, dtype=bool)
        else:
            hit = probs >= (self.threshold if threshold is None else threshold)
        if self.claim_threshold is None or not len(rows):
            return hit
        logodds = claim_news_logodds(voice[rows])
        voice_path = (logodds >= self.claim_threshold) & (probs >= self.pair_floor)
        if ft is not None:  # the fine-tuned classifier's log-odds; a sentence it did not read takes no voice path
            ft_logodds = np.where(np.isnan(voice_ft[rows]), -np.inf, np.nan_to_num(voice_ft[rows], nan=0.0))
            ft_path = (ft_logodds >= ft["claim_threshold"]) & (probs >= ft["pair_floor"])
            if ft.get("product") is not None:  # thirteenth round: pair probability x claim log-odds >= K
                with np.errstate(invalid="ignore"):
                    ft_path |= (probs >= ft["pair_floor"]) & (probs * ft_logodds >= float(ft["product"]))
            voice_path = voice_path | ft_path if ft.get("combine") == "either" else ft_path
        return hit | (best_candidates(rows, probs) & voice_path)


def claim_news_logodds(voice: np.ndarray) -> np.ndarray:
    """The voice head's claim-vs-news log-odds of each row of `voice` (its class probabilities)."""
    return np.log(voice[:, CLASSES.index("claim")] + 1e-6) - np.log(voice[:, CLASSES.index("news")] + 1e-6)


def naming_path(rows: np.ndarray, cols: np.ndarray, probs: np.ndarray, voice: np.ndarray, naming: np.ndarray,
                threshold: float, claim_threshold: float, voice_ft: np.ndarray | None = None,
                pair_floor: float | None = None) -> np.ndarray:
    """The naming head's evidence path (seventeenth round): True at each sentence's most probable candidate pair (by
    pair probability) whose narrative the naming head gives `threshold` or more, when the sentence's claim-vs-news
    log-odds reach `claim_threshold` — the logistic voice head's, or the fine-tuned classifier's (`voice_ft`, NaN
    where it did not read the sentence). `pair_floor` (round 17b): the pair probability the pair needs too; None, no
    floor (round 17's path)."""
    logodds = claim_news_logodds(voice[rows])
    claim = logodds >= claim_threshold
    if voice_ft is not None:
        ft = voice_ft[rows]
        claim |= ~np.isnan(ft) & (np.nan_to_num(ft, nan=-np.inf) >= claim_threshold)
    hit = best_candidates(rows, probs) & claim & (naming[rows, cols] >= threshold)
    return hit if pair_floor is None else hit & (probs >= pair_floor)


def second_sentence(rows: np.ndarray, cols: np.ndarray, probs: np.ndarray, groups: np.ndarray,
                    threshold: float) -> np.ndarray:
    """The document rule: True at each candidate pair at `threshold` or more whose narrative has such a pair on
    another sentence of the same document (`groups[sentence]`)."""
    out = np.zeros(len(rows), dtype=bool)
    over = np.flatnonzero(probs >= threshold)
    if len(over) < 2:
        return out
    doc = np.asarray(groups)[rows[over]]
    sentences: dict[tuple[int, int], set[int]] = {}
    for d, j, i in zip(doc.tolist(), cols[over].tolist(), rows[over].tolist()):
        sentences.setdefault((d, j), set()).add(i)
    out[over] = [len(sentences[(d, j)]) >= 2 for d, j in zip(doc.tolist(), cols[over].tolist())]
    return out


def best_candidates(rows: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """True at each sentence's most probable candidate pair (the first of ties)."""
    best = np.zeros(len(rows), dtype=bool)
    top: dict[int, int] = {}
    for r, (i, p) in enumerate(zip(rows.tolist(), probs.tolist())):
        if i not in top or p > probs[top[i]]:
            top[i] = r
    best[list(top.values())] = True
    return best


def _linear(arrays, name: str) -> Linear:
    return Linear(arrays[f"{name}_coef"], arrays[f"{name}_intercept"], arrays[f"{name}_mean"], arrays[f"{name}_scale"])


@dataclass
class Naming:
    """The naming head: one logistic regression per narrative of `ids` over the standardised sentence embedding."""

    ids: list[str]
    linear: Linear

    def probs(self, emb: np.ndarray, ids: list[str]) -> np.ndarray:
        """(sentences, len(ids)) sigmoid probabilities, columns in the order of `ids`; 0 for an id not in the head."""
        z = self.linear.margin(emb)
        p = 1.0 / (1.0 + np.exp(-z))
        out = np.zeros((len(emb), len(ids)))
        where = {n: c for c, n in enumerate(self.ids)}
        for j, n in enumerate(ids):
            if n in where:
                out[:, j] = p[:, where[n]]
        return out


def load_naming(path) -> Naming:
    """The naming head's weights (naming.npz: ids, coef, intercept, mean, scale)."""
    with path.open("rb") as fh:
        z = dict(np.load(fh))
    return Naming([str(x) for x in z["ids"].tolist()], Linear(z["coef"], z["intercept"], z["mean"], z["scale"]))


@resource("data/narratives/model.npz", "data/narratives/model.json")
def load_model() -> NarrativeModel:
    """The packaged model (data/narratives/model.npz and model.json), read once per process."""
    return load_model_from(resources.files("spinscope") / "data" / "narratives")


def load_model_from(folder) -> NarrativeModel:
    """A model from a folder holding model.npz and model.json (the packaged one, or a training run's `--out`)."""
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    with (folder / MODEL_FILE).open("rb") as fh:
        arrays = dict(np.load(fh))
    voice_path = meta.get("claim_threshold") is not None
    naming = load_naming(folder / NAMING_FILE) if meta.get("naming") and (folder / NAMING_FILE).is_file() else None
    return NarrativeModel(_linear(arrays, "voice"), _linear(arrays, "pair"), tuple(meta["platt"]),
                          float(meta["threshold"]), meta, float(meta["claim_threshold"]) if voice_path else None,
                          float(meta["pair_floor"]) if voice_path else 1.0,
                          {k: float(v) for k, v in meta.get("narrative_thresholds", {}).items()},
                          meta.get("cross"), meta.get("voice_ft"), meta.get("document"), naming)


class Phrasings:
    """The catalogue's phrasings as embeddings: examples per narrative, their means, neutral sentences, cues."""

    def __init__(self, cat: Catalogue, encoder):
        self.ids = list(cat.narratives)
        self.labels = [n.label for n in cat.narratives.values()]
        texts, owner = [], []
        for j, n in enumerate(cat.narratives.values()):
            for t in (n.label, *n.examples):
                texts.append(t)
                owner.append(j)
        self.owner = np.asarray(owner)
        self.texts = texts  # each narrative's label, then its examples (rows of `examples`)
        neutral_own = [(j, s) for j, n in enumerate(cat.narratives.values()) for s in n.neutral]
        emb = encoder(texts + cat.neutral + [s for _, s in neutral_own])
        self.examples = emb[:len(texts)]
        self.shared_neutral = emb[len(texts):len(texts) + len(cat.neutral)]
        self.own_neutral = emb[len(texts) + len(cat.neutral):]
        self.own_neutral_owner = np.asarray([j for j, _ in neutral_own], dtype=int)
        proto = np.stack([self.examples[self.owner == j].mean(axis=0) for j in range(len(self.ids))]) \
            if self.ids else np.zeros((0, emb.shape[1] if emb.ndim == 2 else 384))
        self.proto = proto / np.maximum(np.linalg.norm(proto, axis=1, keepdims=True), 1e-9)
        self.cues = [cue_pattern(n.cues) for n in cat.narratives.values()]
        self.rebuttal = cue_pattern(cat.rebuttal_cues)
        self.hedge = cue_pattern(cat.hedge_cues)

    def pair_texts(self, emb: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> list[str]:
        """The narrative side of the cross-encoder's input for each pair: the label and the example closest
        to the sentence (by the sentence vectors), "label. example"."""
        out = []
        for i, j in zip(rows.tolist(), cols.tolist()):
            idx = np.flatnonzero(self.owner == j)
            label, examples = idx[0], idx[1:]
            if not len(examples):
                out.append(self.texts[label])
                continue
            best = examples[int(np.argmax(self.examples[examples] @ emb[i]))]
            out.append(f"{self.texts[label].rstrip('.')}. {self.texts[best]}")
        return out

    def candidates(self, emb: np.ndarray, texts: list[str], claim_logodds: np.ndarray,
                   top_k: int = TOP_K, rank: str = "closest",
                   extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows (sentence index, narrative index) of each sentence's `top_k` closest narratives, and their features.

        Features: PAIR_SCALARS, then the element-wise product of the sentence and the narrative's mean example.
        `rank` (model.json `candidate_rank`): which narratives are a sentence's closest — "closest", by the closest
        of each one's label and examples (trained so), or "closest+proto", by that similarity plus the similarity
        to the narrative's prototype (the normalised mean of its label and examples; issue 17, eleventh round).
        The features keep their meaning either way (`margin` and `is_best` against the closest-example order).
        `extra` (seventeenth round, the naming head's candidate): one narrative index per sentence (-1: none) that
        joins the sentence's candidates when it is not among them (rows stay in sentence order)."""
        n, k = len(emb), len(self.ids)
        if not n or not k:
            return np.zeros(0, int), np.zeros(0, int), np.zeros((0, len(PAIR_SCALARS) + emb.shape[1]))
        sims = emb @ self.examples.T
        sim_max = np.full((n, k), -1.0)
        sim_top2 = np.full((n, k), -1.0)
        for j in range(k):
            block = np.sort(sims[:, self.owner == j], axis=1)[:, ::-1]
            sim_max[:, j] = block[:, 0]
            sim_top2[:, j] = block[:, :2].mean(axis=1)
        shared = (emb @ self.shared_neutral.T).max(axis=1) if len(self.shared_neutral) else np.full(n, -1.0)
        neutral = np.repeat(shared[:, None], k, axis=1)
        if len(self.own_neutral):
            own = emb @ self.own_neutral.T
            for j in np.unique(self.own_neutral_owner):
                neutral[:, j] = np.maximum(neutral[:, j], own[:, self.own_neutral_owner == j].max(axis=1))
        kk = min(top_k, k)
        order = np.argsort(-sim_max, axis=1)[:, :max(kk, 2)]
        if rank == "closest+proto":
            chosen = np.argsort(-(sim_max + emb @ self.proto.T), axis=1, kind="stable")[:, :kk]
        elif rank == "closest":
            chosen = order[:, :kk]
        else:
            raise ValueError(f"unknown candidate rank {rank!r}")
        rows = np.repeat(np.arange(n), kk)
        cols = chosen.reshape(-1)
        if extra is not None:
            extra = np.asarray(extra, dtype=int)
            add = np.flatnonzero((extra >= 0) & ~(chosen == extra[:, None]).any(axis=1))
            if len(add):
                order_rows = np.argsort(np.concatenate([rows, add]), kind="stable")
                rows = np.concatenate([rows, add])[order_rows]
                cols = np.concatenate([cols, extra[add]])[order_rows]
        best = sim_max[np.arange(n), order[:, 0]]
        second = sim_max[np.arange(n), order[:, 1]] if k > 1 else np.full(n, -1.0)
        smax = sim_max[rows, cols]
        other = np.where(cols == order[rows, 0], second[rows], best[rows])
        cue = np.array([1.0 if self.cues[j] is not None and self.cues[j].search(texts[i]) else 0.0
                        for i, j in zip(rows, cols)])
        scal = np.column_stack([smax, sim_top2[rows, cols], np.sum(emb[rows] * self.proto[cols], axis=1),
                                smax - neutral[rows, cols], smax - other, (cols == order[rows, 0]).astype(float),
                                cue, claim_logodds[rows]])
        return rows, cols, np.hstack([scal, emb[rows] * self.proto[cols]])
