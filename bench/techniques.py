"""Propaganda techniques on the held-out PTC articles: span F1, technique micro-F1 on gold spans, full-task F1.

Usage: .venv/bin/python bench/techniques.py [--json] [--limit N]

Scores as in SemEval-2020 Task 11 (partial-overlap credit); the held-out ids are in
src/spinscope/data/techniques/split.yaml and were never trained on. Articles per second cover the
techniques work alone (features, embeddings, classifiers) on already-parsed text, and, separately,
spaCy parsing plus techniques; the CPU seconds per article (all threads of the process) are steadier on
a shared machine than the wall-clock rates.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import emit, ensure_spinscope, need_shared, shared_dir, table  # noqa: E402

ensure_spinscope()


def run(shared: Path | None = None, limit: int | None = None) -> dict:
    from spinscope.embed import encode
    from spinscope.training.ptc import TECHNIQUES, heldout_ids, micro_f1, read_ptc, score
    from spinscope.spin.techniques.model import load_model, views_for
    from spinscope.training.techniques import parse_articles

    shared = shared or shared_dir()
    held = heldout_ids()
    arts = [a for a in read_ptc(shared / "corpus" / "ptc") if a.id in held][:limit]
    model = load_model()
    encode(["warm up"])  # the encoder loads once per process; not part of the per-article speed
    t0 = time.perf_counter()
    parses = parse_articles(arts)
    t_parse = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    views = views_for([(a.text, p) for a, p in zip(arts, parses)])
    found = model.predict(views)
    t_tech, c_tech = time.perf_counter() - t0, time.process_time() - c0
    res = score([(f, a.spans) for f, a in zip(found, arts)])

    # Technique classification on the gold spans: a span labelled k times gets the k likeliest techniques.
    gold_sets = []
    for a in arts:
        by_span: dict = {}
        for s, e, t in a.spans:
            by_span.setdefault((s, e), []).append(t)
        gold_sets.append(by_span)
    ranked = model.rank(views, [list(g) for g in gold_sets], model.sentence_embeddings(views))
    gold, pred = [], []
    for g, r in zip(gold_sets, ranked):
        for labels, order in zip(g.values(), r):
            gold.append(labels)
            pred.append(order[:len(labels)])
    per_tc = {}
    for t in TECHNIQUES:
        tp = sum(p.count(t) and g.count(t) and min(p.count(t), g.count(t)) for g, p in zip(gold, pred))
        npred = sum(p.count(t) for p in pred)
        ngold = sum(g.count(t) for g in gold)
        pr, rc = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        per_tc[t] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return {"articles": len(arts), "gold_spans": sum(len(a.spans) for a in arts),
            "predicted_spans": sum(len(f) for f in found),
            "span_p": res["si"][0], "span_r": res["si"][1], "span_f1": res["si"][2],
            "technique_micro_f1": micro_f1(gold, pred),
            "full_p": res["full"][0], "full_r": res["full"][1], "full_f1": res["full"][2],
            "per_technique_full": res["per_technique"], "per_technique_tc": per_tc, "support": res["support"],
            "articles_per_s": len(arts) / t_tech if t_tech else 0.0,
            "cpu_s_per_article": c_tech / len(arts) if arts else 0.0,
            "articles_per_s_with_parse": len(arts) / (t_tech + t_parse) if t_tech + t_parse else 0.0,
            "model": model.meta}


def render(r: dict) -> str:
    head = (f"{r['articles']} held-out PTC articles, {r['gold_spans']} gold spans, "
            f"{r['predicted_spans']} predicted\n"
            f"span identification  P {r['span_p']:.3f}  R {r['span_r']:.3f}  F1 {r['span_f1']:.3f}\n"
            f"technique micro-F1 on gold spans  {r['technique_micro_f1']:.3f}\n"
            f"full task (span and technique)  P {r['full_p']:.3f}  R {r['full_r']:.3f}  F1 {r['full_f1']:.3f}\n"
            f"speed  {r['articles_per_s']:.1f} articles/s (techniques on parsed text), "
            f"{r['articles_per_s_with_parse']:.1f} articles/s with spaCy parsing; "
            f"{r['cpu_s_per_article']:.2f} CPU s per article for the techniques (all threads; steadier than "
            "wall time on a shared machine)\n")
    rows = []
    for t, (p, rc, f) in r["per_technique_full"].items():
        tp, tr, tf = r["per_technique_tc"][t]
        rows.append([t, r["support"][t], round(tp, 3), round(tr, 3), round(tf, 3), round(p, 3), round(rc, 3), round(f, 3)])
    return head + "\n" + table(["technique", "gold", "TC P", "TC R", "TC F1", "full P", "full R", "full F1"], rows,
                               align="lrrrrrrr")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--limit", type=int, default=None, help="only the first N held-out articles")
    args = ap.parse_args()
    shared = need_shared("corpus", "ptc").parent.parent
    return emit(run(shared, args.limit), render, args.json)


if __name__ == "__main__":
    sys.exit(main())
