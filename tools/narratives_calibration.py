"""Figures of the packaged narrative model on the calibration split (never the held-out cases or PolNeAR dev).

    .venv/bin/python tools/narratives_calibration.py                      # the packaged operating point
    .venv/bin/python tools/narratives_calibration.py --part train         # training-period cases instead
    .venv/bin/python tools/narratives_calibration.py --threshold 0.82 --claim-threshold 5.75 --pair-floor 0.3 --top-k 8
    .venv/bin/python tools/narratives_calibration.py --per-narrative 0.6  # pair thresholds above each narrative's news

What it scores, with the stage's stance rule (no quotes layer): the EUvsDisinfo cases of a part
(`calib`: January-March 2017, 422; `train`: before 2017, in-sample for the heads) and their disproofs;
340 PolNeAR `train/` articles that give the model no training sentence (the 168 of the 20 % calibration
part and the 172 of the 80 % part left out of the 500 sampled; one article is 0.003); the own gold's DEV
sentences (bench/gold/narratives/dev.yaml; its test part is not read). Printed: recall (cases with an
asserted narrative), recall of the keyword-labelled cases, precision of their asserted pairs (the
bench's proxy), news articles with a narrative in any stance, disproofs with an asserted narrative,
own-gold dev negatives asserted and own-gold dev P/R of asserted pairs.

`--per-narrative T`: each narrative's pair threshold is T, or just above its highest pair probability on
a sentence of the 340 news articles if that is higher (issue 17, third round: docs/narratives.md);
with `--write` they are stored in the packaged model.json (`narrative_thresholds`). Without it the
model's own thresholds are used.
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from spinscope.spin.narratives.model import load_model  # noqa: E402
from spinscope.spin.narratives.stage import phrasings, score_sentences, text_stance  # noqa: E402
from spinscope.training import narratives as tr  # noqa: E402


def calibration_news(shared: Path) -> list[str]:
    """The 340 PolNeAR train/ articles without training sentences (the sampling of training.narratives)."""
    rng = np.random.default_rng(tr.SEED)
    pol_train, pol_calib = tr.polnear_train_parts(shared)
    perm = rng.permutation(len(pol_train))  # the first draw of gather()'s generator
    return pol_calib[:tr.POLNEAR_CALIB_ARTICLES] + [pol_train[i] for i in sorted(perm[tr.POLNEAR_TRAIN_ARTICLES:])]


def news_ceilings(ids: list[str], rows, cols, probs, owner, floor: float) -> dict[str, float]:
    """Each narrative's pair threshold: `floor`, or just above its best pair probability on a news sentence."""
    per = np.full(len(ids), floor)
    for r in range(len(rows)):
        if owner[rows[r]][0] == "news":
            per[cols[r]] = max(per[cols[r]], min(0.99, np.ceil((probs[r] + 1e-3) * 1000) / 1000))
    return {n: round(float(t), 3) for n, t in zip(ids, per)}


def figures(shared: Path, part: str, threshold: float | None, claim_threshold: float | None,
            pair_floor: float | None, top_k: int | None, per_narrative: float | None) -> dict:
    model, phr = load_model(), phrasings()
    ids = set(phr.ids)
    cases = [r for r in tr.read_cases(shared) if tr.case_part(r) == part]
    news = calibration_news(shared)
    gold = yaml.safe_load((ROOT / "bench" / "gold" / "narratives" / "dev.yaml").read_text(encoding="utf-8"))["sentences"]
    texts, owner = [], []
    for k, r in enumerate(cases):
        texts += tr.case_claims(r)
        owner += [("case", k)] * (len(texts) - len(owner))
        texts += tr.split_sentences(r["disproof"])
        owner += [("disproof", k)] * (len(texts) - len(owner))
    for k, name in enumerate(news):
        texts += tr.split_sentences(tr.polnear_text(shared, "train", name))
        owner += [("news", k)] * (len(texts) - len(owner))
    texts += [g["text"] for g in gold]
    owner += [("gold", k) for k in range(len(gold))]
    enc = tr.EmbeddingCache(Path.home() / ".cache" / "spinscope" / "narratives-train.npz")
    if top_k is not None:  # the pair head's features do not depend on how many candidates are scored
        phr.candidates = functools.partial(phr.candidates, top_k=top_k)
    rows, cols, probs, voice = score_sentences(texts, model, phr, enc(texts))
    if claim_threshold is not None:
        model.claim_threshold = claim_threshold
    if pair_floor is not None:
        model.pair_floor = pair_floor
    if per_narrative is not None:
        model.narrative_thresholds = news_ceilings(phr.ids, rows, cols, probs, owner, per_narrative)
    hit = model.evidence(rows, cols, probs, voice, threshold, phr.ids)
    found: dict[str, dict[int, set]] = {"case": {}, "disproof": {}, "news": {}, "gold": {}}
    for r in np.flatnonzero(hit):
        kind, k = owner[rows[r]]
        if kind == "news" or text_stance(texts[rows[r]], voice[rows[r]], phr.rebuttal) == "asserts":
            found[kind].setdefault(k, set()).add(phr.ids[cols[r]])
    labels = [tr.case_narratives(r, ids) for r in cases]
    lab = [k for k in range(len(cases)) if labels[k]]
    pairs = [(k, n) for k in lab for n in found["case"].get(k, ())]
    want = [set(g["narratives"]) for g in gold]
    got = [found["gold"].get(k, set()) for k in range(len(gold))]
    tp = sum(len(w & g) for w, g in zip(want, got))
    fp, fn = sum(len(g - w) for w, g in zip(want, got)), sum(len(w - g) for w, g in zip(want, got))
    neg = [k for k, w in enumerate(want) if not w]
    r3 = lambda x: round(x, 3)  # noqa: E731
    return {"part": part, "cases": len(cases), "labelled": len(lab),
            "recall": r3(len(found["case"]) / len(cases)),
            "recall_labelled": r3(sum(k in found["case"] for k in lab) / max(1, len(lab))),
            "precision_pairs": r3(sum(n in labels[k] for k, n in pairs) / max(1, len(pairs))),
            "news_articles": f"{len(found['news'])}/{len(news)}",
            "disproofs_asserted": r3(len(found["disproof"]) / len(cases)),
            "gold_dev_negatives_asserted": r3(sum(k in found["gold"] for k in neg) / max(1, len(neg))),
            "gold_dev_p_r": [r3(tp / max(1, tp + fp)), r3(tp / max(1, tp + fn))],
            "narrative_thresholds": model.narrative_thresholds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--part", choices=("calib", "train"), default="calib")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--claim-threshold", type=float)
    ap.add_argument("--pair-floor", type=float)
    ap.add_argument("--top-k", type=int, help="closest narratives scored per sentence (else the model's TOP_K, 3)")
    ap.add_argument("--per-narrative", type=float, metavar="T")
    ap.add_argument("--write", action="store_true", help="store --per-narrative's thresholds in the packaged model.json")
    a = ap.parse_args()
    res = figures(a.shared, a.part, a.threshold, a.claim_threshold, a.pair_floor, a.top_k, a.per_narrative)
    per = res.pop("narrative_thresholds")
    print(json.dumps(res))
    if a.write and a.per_narrative is not None:
        path = ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["narrative_thresholds_floor"] = a.per_narrative
        meta["narrative_thresholds"] = per
        meta["narrative_thresholds_calibration"] = {k: res[k] for k in ("recall", "precision_pairs", "news_articles",
                                                                      "disproofs_asserted")}
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(per)} narrative thresholds to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
