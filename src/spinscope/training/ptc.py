"""The Propaganda Techniques Corpus: reading articles and labels, the held-out split, the task's scores."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "techniques"
SPLIT_FILE = DATA / "split.yaml"

# The 14 techniques of SemEval-2020 Task 11, spelled as in the corpus labels.
TECHNIQUES = (
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt", "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
    "Black-and-White_Fallacy", "Whataboutism,Straw_Men,Red_Herring", "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)


@dataclass
class Article:
    """One PTC article: its id, text and gold (start, end, technique) spans."""

    id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def read_ptc(root: str | Path) -> list[Article]:
    """Every article under `root/articles` with its labels from `root/labels`, sorted by id."""
    root = Path(root)
    out = []
    for path in sorted((root / "articles").glob("article*.txt")):
        aid = path.stem[len("article"):]
        # newline="" keeps \r characters: the offsets count characters of the file as read.
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        spans = []
        lab = root / "labels" / f"article{aid}.labels"
        if lab.exists():
            for line in lab.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in TECHNIQUES:
                    spans.append((int(parts[2]), int(parts[3]), parts[1]))
        out.append(Article(aid, text, sorted(spans)))
    return out


def heldout_ids() -> set[str]:
    """The article ids held out from training (fixed, versioned in data/techniques/split.yaml)."""
    return {str(x) for x in yaml.safe_load(SPLIT_FILE.read_text(encoding="utf-8"))["heldout"]}


def make_split(ids: list[str], fraction: float = 0.2, seed: int = 13) -> list[str]:
    """A seeded random choice of held-out ids (used once to write split.yaml)."""
    import random
    rng = random.Random(seed)
    ids = sorted(ids)
    return sorted(rng.sample(ids, round(len(ids) * fraction)))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined (the task merges them before scoring)."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _credit(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """Sum over spans of `a` of the share of each one covered by spans of `b` (both merged)."""
    total = 0.0
    for s, e in a:
        total += sum(max(0, min(e, e2) - max(s, s2)) for s2, e2 in b) / (e - s)
    return total


@dataclass
class Tally:
    """Running sums for the partial-overlap precision and recall over many articles."""

    p_credit: float = 0.0
    r_credit: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
        pred, gold = _merge(pred), _merge(gold)
        self.p_credit += _credit(pred, gold)
        self.r_credit += _credit(gold, pred)
        self.n_pred += len(pred)
        self.n_gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.p_credit / self.n_pred if self.n_pred else 0.0
        r = self.r_credit / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs: list[tuple[list, list]]) -> dict:
    """Span-identification and full-task scores with partial overlap credit.

    `pairs` holds, per article, (predicted, gold) lists of (start, end, technique, ...). Span identification
    ignores the technique; the full task counts overlap only between spans of the same technique
    (SemEval-2020 Task 11, with spans of one technique merged when they overlap).
    """
    si, full = Tally(), Tally()
    per = {t: Tally() for t in TECHNIQUES}
    for pred, gold in pairs:
        pred, gold = [tuple(x[:3]) for x in pred], [tuple(x[:3]) for x in gold]
        si.add([(s, e) for s, e, _ in pred], [(s, e) for s, e, _ in gold])
        for t in TECHNIQUES:
            tp = [(s, e) for s, e, x in pred if x == t]
            tg = [(s, e) for s, e, x in gold if x == t]
            per[t].add(tp, tg)
    for t in TECHNIQUES:  # the full task sums the per-technique credits
        full.p_credit += per[t].p_credit
        full.r_credit += per[t].r_credit
        full.n_pred += per[t].n_pred
        full.n_gold += per[t].n_gold
    return {"si": si.prf(), "full": full.prf(), "per_technique": {t: per[t].prf() for t in TECHNIQUES},
            "support": {t: per[t].n_gold for t in TECHNIQUES}}


def micro_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    """Micro-F1 of technique labels per gold span (a span with k labels gets k guesses)."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, pred):
        tp += sum((Counter(g) & Counter(p)).values())
        n_pred += len(p)
        n_gold += len(g)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0
