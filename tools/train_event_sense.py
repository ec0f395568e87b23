"""Train the events stage's sense model (src/spinscope/data/models/events/sense.npz) on the judged events
of the development audits.

    PYTHONPATH=src .venv/bin/python tools/train_event_sense.py            # cross-validate, fit, write
    PYTHONPATH=src .venv/bin/python tools/train_event_sense.py --cv-only  # the cross-validation table only

Data: every audit file `bench/gold/events_audit*.yaml` except the held-out ones (`*fresh*`, whose
verdicts are never read here), and the judged events of EUvsDisinfo case summaries
(`bench/gold/events_sense_euvsdisinfo.yaml`: war reports, the seeds' domain). The pipeline is run on their articles with the sense filter off; an event
counts with its recorded verdict when the audit holds one at the same trigger with the same type, actor
and target; a recorded event the rules no longer produce counts too (its trigger read in the sentence
that holds it: the rules of later rounds removed mostly wrong ones, everyday senses the model should
learn). Changed and unjudged events are left out.
Features: the trigger's vector (sense.trigger_vectors), standardised; a logistic regression (C below,
balanced classes), the standardisation folded into its weights. Cross-validation: 5 folds grouped by
article; the out-of-fold table shows, per threshold, the precision and the share of right events kept,
on the events the rules produce today and on all judged events.
The threshold is given with --threshold (chosen with the table and the own gold: docs/events.md).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
C = 0.01  # chosen by the grouped cross-validation (0.003-0.03 within 0.01 of ROC AUC)
OUT = ROOT / "src" / "spinscope" / "data" / "models" / "events" / "sense.npz"


def judged_events() -> list[dict]:
    """(article, sentence, trigger span, label, produced today) of every judged event of the development audits."""
    from bench._common import shared_dir
    from spinscope.extract.events.stage import find_events
    from spinscope.model import Document, Source
    from spinscope.pipeline import Pipeline

    pipe = Pipeline(targets=["events"], keep_parses=True)
    shared = shared_dir()
    out = []
    for f in sorted((ROOT / "bench" / "gold").glob("events_audit*.yaml")):
        if "fresh" in f.name:
            continue  # held out: never trained or tuned on
        audit = yaml.safe_load(f.read_text(encoding="utf-8"))
        recorded: dict[str, dict] = {}
        for e in audit["events"]:
            recorded.setdefault(e["doc"], {})[(e["start"], e["end"])] = e
        for rel in audit["articles"]:
            text = (shared / "corpus" / rel).read_text(encoding="utf-8")
            doc = pipe(Document(text, Source(path=rel)))
            names = {e.id: e.name for e in doc.entities}
            rec = recorded.get(rel, {})
            seen = set()
            for ev in find_events(doc, sense=False):
                k = (ev.trigger.start, ev.trigger.end)
                r = rec.get(k)
                seen.add(k)
                if r is None or (r["type"], r.get("actor"), r.get("target")) != (
                        ev.type, names.get(ev.actor, ev.actor), names.get(ev.target, ev.target)):
                    continue  # unjudged or changed since the audit
                out.append({"doc": rel, "sentence": text[ev.start:ev.end], "span": (k[0] - ev.start, k[1] - ev.start),
                            "ok": r["verdict"] == "ok", "today": True, "type": ev.type})
            for k, r in rec.items():
                s = next((s for s in doc.sentences if s.start <= k[0] and k[1] <= s.end), None)
                if k in seen or s is None:
                    continue
                out.append({"doc": rel, "sentence": text[s.start:s.end], "span": (k[0] - s.start, k[1] - s.start),
                            "ok": r["verdict"] == "ok", "today": False, "type": r["type"]})
    return out + euvsdisinfo_events(pipe, shared)


def euvsdisinfo_events(pipe, shared) -> list[dict]:
    """The judged events of EUvsDisinfo case summaries (bench/gold/events_sense_euvsdisinfo.yaml): war
    reports in the seeds' style, which the audits' election and church news lack."""
    import csv

    from spinscope.extract.events.stage import find_events
    from spinscope.model import Document, Source

    path = ROOT / "bench" / "gold" / "events_sense_euvsdisinfo.yaml"
    if not path.exists():
        return []
    judged = yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
    with open(shared / "corpus" / "euvsdisinfo" / "cases_2015_2017.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    by_case: dict[str, list[dict]] = {}
    for e in judged:
        by_case.setdefault(e["doc"], []).append(e)
    for key, events in by_case.items():
        text = rows[int(key.rsplit("#", 1)[1])]["summary"]
        doc = pipe(Document(text, Source(path=key)))
        produced = {(ev.trigger.start, ev.trigger.end) for ev in find_events(doc, sense=False)}
        for e in events:
            s = next((s for s in doc.sentences if s.start <= e["start"] and e["end"] <= s.end), None)
            if s is None or text[e["start"]:e["end"]] != e["trigger"]:
                continue
            out.append({"doc": key, "sentence": text[s.start:s.end], "span": (e["start"] - s.start, e["end"] - s.start),
                        "ok": e["verdict"] == "ok", "today": (e["start"], e["end"]) in produced, "type": e["type"]})
    return out


def features(rows: list[dict]) -> np.ndarray:
    from spinscope.extract.events.sense import trigger_vectors
    return np.stack([trigger_vectors(r["sentence"], [r["span"]])[0] for r in rows])


def fit(x: np.ndarray, y: np.ndarray):
    """(coef, intercept) on raw vectors: the standardised model with its scaling folded in."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit((x - mean) / scale, y)
    coef = clf.coef_[0] / scale
    return coef, float(clf.intercept_[0] - mean @ coef)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
        coef, b = fit(x[tr], y[tr])
        oof[te] = 1 / (1 + np.exp(-(x[te] @ coef + b)))
    return oof


def table(oof: np.ndarray, y: np.ndarray, today: np.ndarray) -> str:
    from sklearn.metrics import roc_auc_score

    lines = []
    for sel, name in ((today, "produced today"), (np.ones(len(y), bool), "all judged")):
        yy, pp = y[sel], oof[sel]
        lines.append(f"{name}: {len(yy)} events, precision {yy.mean():.3f}, ROC AUC {roc_auc_score(yy, pp):.3f}")
        for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            k = pp >= t
            lines.append(f"  threshold {t:.2f}: keeps {k.mean():.2f} of events, precision {yy[k].mean():.3f}, "
                         f"right kept {k[yy].mean():.3f}, wrong removed {1 - k[~yy].mean():.3f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.35)
    args = ap.parse_args(argv)
    rows = judged_events()
    x = features(rows)
    y = np.array([r["ok"] for r in rows])
    today = np.array([r["today"] for r in rows])
    groups = np.array([r["doc"] for r in rows])
    print(f"{len(rows)} judged events on {len(set(groups))} articles ({y.sum()} right)")
    print(table(cross_validate(x, y, groups), y, today))
    if args.cv_only:
        return 0
    coef, b = fit(x, y)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez(OUT, coef=coef.astype(np.float32), intercept=np.float64(b), threshold=np.float64(args.threshold))
    print(f"wrote {OUT.relative_to(ROOT)} (threshold {args.threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
