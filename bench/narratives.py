"""Narrative matching against our own labelled sentences, with ablations, and coverage of EUvsDisinfo claims.

    .venv/bin/python bench/narratives.py            # test-part P/R, ablations, EUvsDisinfo coverage
    .venv/bin/python bench/narratives.py --errors   # also list the test sentences it gets wrong
    .venv/bin/python bench/narratives.py --all      # every EUvsDisinfo 2015-2017 case, not a sample
    .venv/bin/python bench/narratives.py --json     # the tables, then the figures as JSON

Gold: `bench/gold/narratives/test.yaml`, sentences we wrote in the style of the coverage, each with
the catalogue ids it carries; negatives are neutral reporting on the same topics, rebuttals, and
everyday article sentences. The test part is never used for fitting (`dev.yaml` is, by
tools/calibrate_narratives.py). A (sentence, narrative) pair is predicted when the model's
probability reaches its threshold from `calibration.yaml`; P/R count pairs, per narrative and micro.

Systems: `full` (the stage's model: embeddings + cues), `embedding` (embedding features only) and
`lexical` (cue and rebuttal words only), each fitted and thresholded the same way on dev.

EUvsDisinfo (needs ../shared): each case of `cases_2015_2017.csv` (its title, a one-line claim, and its
summary, split into sentences) is scored like a document: it matches a narrative when one of its
sentences reaches the threshold. Reported: the share of cases matched to some narrative and the
narratives matched most. This is COVERAGE, not accuracy: nobody labelled these cases with our
catalogue. As a rough check of direction, for a few analyst keywords whose theme is one of our
narratives, the share of cases with that keyword that match the narrative ("keyword agreement").
Default sample: every case that mentions Syria plus 600 others drawn with a fixed seed.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from spinscope.embed import encode  # noqa: E402
from spinscope.spin.narratives.stage import load_models, matcher  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "narratives"
SAMPLE = 600
# Analyst keywords of the 2015-2017 cases whose theme is one narrative of ours (for keyword agreement).
KEYWORD_NARRATIVE = {
    "white helmets": "white-helmets-propaganda",
    "chemical weapons/attack": "chemical-attacks-staged",
    "nazi/fascist": "ukraine-nazis",
    "mh17": "mh17-ukraine-blame",
    "sanctions": "sanctions-hurt-europe",
    "george soros": "soros-ngos",
    "migration crisis": "migrants-destroy-europe",
    "russophobia": "russophobia",
    "coup": "maidan-coup",
    "warmongering": "world-war-coming",
}
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def evaluate(m, gold: list[dict], emb: np.ndarray) -> dict:
    """Per-model micro P/R/F1 and, for the full model, per-narrative counts and the errors."""
    y = np.zeros((len(gold), len(m.ids)), dtype=bool)
    col = {nid: j for j, nid in enumerate(m.ids)}
    for i, g in enumerate(gold):
        for nid in g["narratives"]:
            y[i, col[nid]] = True
    feats = m.features([g["text"] for g in gold], emb)
    out = {}
    for name, model in load_models().items():
        pred = model.predict(feats) >= model.threshold
        tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
        neg = np.array([not g["narratives"] for g in gold])
        res = {"threshold": model.threshold, "tp": tp, "fp": fp, "fn": fn, **dict(zip("prf", prf(tp, fp, fn))),
               "negatives_flagged": round(float(pred[neg].any(axis=1).mean()), 3)}
        if name == "full":
            res["per_narrative"] = {nid: dict(zip(("tp", "fp", "fn"), (int((pred[:, j] & y[:, j]).sum()),
                                                                      int((pred[:, j] & ~y[:, j]).sum()),
                                                                      int((~pred[:, j] & y[:, j]).sum()))))
                                    for j, nid in enumerate(m.ids)}
            res["errors"] = [{"text": g["text"], "gold": sorted(g["narratives"]),
                              "predicted": sorted(m.ids[j] for j in np.flatnonzero(pred[i]))}
                             for i, g in enumerate(gold) if (pred[i] != y[i]).any()]
        out[name] = res
    return out


def euvsdisinfo(m, use_all: bool) -> dict | None:
    """Coverage of the 2015-2017 case claims (title + summary sentences) by the full model."""
    base = shared_dir()
    path = base / "corpus" / "euvsdisinfo" / "cases_2015_2017.csv" if base else None
    if path is None or not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not use_all:
        syria = [r for r in rows if "syria" in (r["title"] + r["summary"] + r["keywords"]).casefold()]
        rest = [r for r in rows if r not in syria]
        rows = syria + random.Random(0).sample(rest, min(SAMPLE, len(rest)))
    texts, owner = [], []
    for i, r in enumerate(rows):
        for s in [r["title"], *_SENT.split(r["summary"])]:
            if len(s.split()) >= 3:
                texts.append(" ".join(s.split()))
                owner.append(i)
    model = load_models()["full"]
    t0 = time.perf_counter()
    probs = m.scores(texts, model, encode(texts))
    secs = time.perf_counter() - t0
    owner = np.asarray(owner)
    case = np.zeros((len(rows), len(m.ids)))
    np.maximum.at(case, owner, probs)
    hit = case >= model.threshold
    top = Counter({m.ids[j]: int(hit[:, j].sum()) for j in range(len(m.ids))})
    kw = {}
    for key, nid in KEYWORD_NARRATIVE.items():
        sel = [i for i, r in enumerate(rows) if key in [k.strip().casefold() for k in r["keywords"].split(",")]]
        if sel:
            kw[key] = {"narrative": nid, "cases": len(sel),
                       "agree": round(float(hit[sel, m.ids.index(nid)].mean()), 3)}
    syria = [i for i, r in enumerate(rows) if "syria" in (r["title"] + r["summary"] + r["keywords"]).casefold()]
    return {"cases": len(rows), "sentences": len(texts), "seconds": round(secs, 1),
            "matched": round(float(hit.any(axis=1).mean()), 3),
            "matched_syria": round(float(hit[syria].any(axis=1).mean()), 3) if syria else None,
            "syria_cases": len(syria), "mean_narratives": round(float(hit.sum(axis=1).mean()), 2),
            "top": top.most_common(15), "keyword_agreement": kw}


def render(res: dict, errors: bool) -> str:
    out = [f"Test part: {res['test_sentences']} sentences ({res['test_negatives']} with no narrative), "
           f"{res['test_pairs']} gold (sentence, narrative) pairs, {res['narratives']} narratives\n"]
    rows = [[name, r["threshold"], r["p"], r["r"], r["f"], r["tp"], r["fp"], r["fn"], r["negatives_flagged"]]
            for name, r in res["models"].items()]
    out.append(table(["model", "threshold", "P", "R", "F1", "tp", "fp", "fn", "neg. flagged"], rows))
    full = res["models"]["full"]
    out.append("\nPer narrative (full model)")
    rows = [[nid, *prf(c["tp"], c["fp"], c["fn"]), c["tp"], c["fp"], c["fn"]]
            for nid, c in full["per_narrative"].items()]
    out.append(table(["narrative", "P", "R", "F1", "tp", "fp", "fn"], rows))
    if errors:
        out.append("\nErrors (full model, test part)")
        for e in full["errors"]:
            out.append(f"- {e['text']}\n    gold {e['gold']}  predicted {e['predicted']}")
    ev = res.get("euvsdisinfo")
    if ev is None:
        out.append("\nEUvsDisinfo: skipped (../shared is absent)")
    else:
        out.append(f"\nEUvsDisinfo coverage (NOT accuracy): {ev['cases']} cases, {ev['sentences']} sentences scored "
                   f"in {ev['seconds']} s; matched to some narrative: {ev['matched']:.1%} "
                   f"(Syria cases {ev['matched_syria']:.1%} of {ev['syria_cases']}); "
                   f"{ev['mean_narratives']} narratives per case on average")
        out.append(table(["narrative matched most", "cases"], [list(x) for x in ev["top"]]))
        out.append("\nKeyword agreement: share of cases with the analysts' keyword that match our narrative")
        out.append(table(["keyword", "narrative", "cases", "agree"],
                         [[k, v["narrative"], v["cases"], v["agree"]] for k, v in ev["keyword_agreement"].items()]))
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--all", action="store_true", help="score every EUvsDisinfo 2015-2017 case")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = yaml.safe_load((GOLD / "test.yaml").read_text(encoding="utf-8"))["sentences"]
    m = matcher()
    emb = encode([g["text"] for g in gold])
    res = {"test_sentences": len(gold), "test_negatives": sum(1 for g in gold if not g["narratives"]),
           "test_pairs": sum(len(g["narratives"]) for g in gold), "narratives": len(m.ids),
           "models": evaluate(m, gold, emb), "euvsdisinfo": euvsdisinfo(m, args.all)}
    print(render(res, args.errors))
    if args.json:
        dump_json(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
