"""Markers (hate, conspiracy, violence, insult) and naming labels against hand-made gold.

    .venv/bin/python bench/spin_lexical.py            # both tables
    .venv/bin/python bench/spin_lexical.py --errors   # also list misses and false alarms
    .venv/bin/python bench/spin_lexical.py --json     # the tables, then the figures as JSON

Markers (`bench/gold/markers/*.yaml`, format in its README): a predicted marker is right when it
overlaps a gold marker of the same kind (overlap scoring: "Globalist Bankster Cabal" found as three
markers counts once for recall, and each of the three is right for precision); predictions inside
an `ignore` span are not scored. P, R, F1 per kind and pooled (micro).

Labels (`bench/gold/labels/*.yaml`): detection P/R over title and body (a prediction is right when
it overlaps a gold label with the same canonical label); then, over the matched pairs, linking:
`link acc` the share whose actor (KB id, else entity name, else none) equals the gold actor or one
of its `also`; `link P` right actors among matched predictions that name an actor; `link R` right
actors among matched gold labels that have an actor.

The same readers and pipeline as `spinscope analyze` (clean, parse, entities, labels, markers).
Seeds live in the shared folder; without it they are skipped and the examples still run.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, bench_parser, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

GOLD = ROOT / "bench" / "gold"
KINDS = ("hate", "conspiracy", "violence", "insult")


def resolve(doc_ref: str) -> Path | None:
    """The file a gold `doc` names (`shared/...` under the shared folder), or None when absent."""
    path, _, _ = doc_ref.partition("#")
    if path.startswith("shared/"):
        base = shared_dir()
        return base / path[len("shared/"):] if base else None
    return ROOT / path


def load_docs(refs: list[str]):
    """{gold doc ref: analyzed Document} for every reference whose file exists."""
    from spinscope.api import analyze_paths
    from spinscope.model import Document
    files = {}
    for ref in refs:
        p = resolve(ref)
        if p is not None and p.exists():
            files.setdefault(str(p), []).append(ref)
    out = {}
    for item in analyze_paths(sorted(files)):
        if not isinstance(item, Document):
            continue
        path, _, rec = (item.source.path or "").partition("#")
        for ref in files.get(path, []):
            if ref.partition("#")[2] == rec:
                out[ref] = item
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_markers(golds, docs, errors):
    tp_p, tp_r, n_pred, n_gold = Counter(), Counter(), Counter(), Counter()
    for g in golds:
        doc = docs.get(g["doc"])
        if doc is None:
            continue
        gold = [(m["start"], m["end"], m["kind"]) for m in g.get("markers") or []]
        ignore = [(m["start"], m["end"]) for m in g.get("ignore") or []]
        for s, e, k in gold:
            n_gold[k] += 1
            if any(p.kind == k and _overlap((p.start, p.end), (s, e)) for p in doc.markers):
                tp_r[k] += 1
            else:
                errors.append(f"marker miss   {g['doc']} {k:10} {doc.text[s:e]!r}")
        for p in doc.markers:
            if any(_overlap((p.start, p.end), i) for i in ignore):
                continue
            n_pred[p.kind] += 1
            if any(k == p.kind and _overlap((p.start, p.end), (s, e)) for s, e, k in gold):
                tp_p[p.kind] += 1
            else:
                errors.append(f"marker false  {g['doc']} {p.kind:10} {doc.text[p.start:p.end]!r} ({p.term})")
    rows = {}
    for k in (*KINDS, "all"):
        keys = KINDS if k == "all" else (k,)
        tp, tr = sum(tp_p[x] for x in keys), sum(tp_r[x] for x in keys)
        npred, ngold = sum(n_pred[x] for x in keys), sum(n_gold[x] for x in keys)
        p = tp / npred if npred else None
        r = tr / ngold if ngold else None
        f = 2 * p * r / (p + r) if p and r else None
        rows[k] = {"gold": ngold, "predicted": npred, "P": p, "R": r, "F1": f}
    return rows


def _actor(doc, label):
    ent = next((e for e in doc.entities if e.id == label.entity), None)
    return (ent.kb_id or ent.name) if ent is not None else None


def _in_scope(doc, start) -> bool:
    if doc.title and doc.title.start <= start < doc.title.end:
        return True
    return any(b.start <= start < b.end for b in doc.body)


def score_labels(golds, docs, errors):
    n_gold = n_pred = hit_gold = hit_pred = 0
    pairs = link_right = pred_linked = pred_linked_right = gold_linked = gold_linked_right = 0
    for g in golds:
        doc = docs.get(g["doc"])
        if doc is None:
            continue
        gold = g.get("labels") or []
        preds = [x for x in doc.labels if _in_scope(doc, x.start)]
        n_gold += len(gold)
        n_pred += len(preds)
        used = set()
        for gl in gold:
            match = next((p for p in preds if id(p) not in used and p.label.replace(" (proxy)", "") == gl["label"]
                          and _overlap((p.start, p.end), (gl["start"], gl["end"]))), None)
            if match is None:
                errors.append(f"label miss    {g['doc']} {gl['text']!r} ({gl['label']} -> {gl['entity']})")
                continue
            used.add(id(match))
            hit_gold += 1
            pairs += 1
            want = {gl["entity"], *(gl.get("also") or [])}
            got = _actor(doc, match)
            right = got in want
            link_right += right
            if got is not None:
                pred_linked += 1
                pred_linked_right += right
            if gl["entity"] is not None:
                gold_linked += 1
                gold_linked_right += right and got is not None
            if not right:
                errors.append(f"label link    {g['doc']} {gl['text']!r}@{gl['start']}: {got} "
                              f"[{match.rule}] want {gl['entity']}")
        for p in preds:
            if id(p) not in used:
                if any(_overlap((p.start, p.end), (gl["start"], gl["end"])) and p.label.replace(" (proxy)", "") == gl["label"]
                       for gl in gold):
                    hit_pred += 1  # a second prediction on a gold label already matched
                    continue
                errors.append(f"label false   {g['doc']} {doc.text[p.start:p.end]!r} ({p.label})")
            else:
                hit_pred += 1

    def div(a, b):
        return a / b if b else None
    return {"gold": n_gold, "predicted": n_pred, "P": div(hit_pred, n_pred), "R": div(hit_gold, n_gold),
            "pairs": pairs, "link_acc": div(link_right, pairs), "link_P": div(pred_linked_right, pred_linked),
            "link_R": div(gold_linked_right, gold_linked), "gold_linked": gold_linked, "pred_linked": pred_linked}


def _f(x):
    return "-" if x is None else f"{x:.3f}"


def render(result) -> str:
    m = result["markers"]
    out = [f"markers: {result['marker_docs']} documents ({result['marker_seeds']} seeds)",
           table(["kind", "gold", "predicted", "P", "R", "F1"],
                 [[k, v["gold"], v["predicted"], _f(v["P"]), _f(v["R"]), _f(v["F1"])] for k, v in m.items()],
                 align="lrrrrr")]
    lab = result["labels"]
    out += ["", f"labels: {result['label_docs']} seeds, title and body",
            table(["gold", "predicted", "P", "R", "pairs", "link acc", "link P", "link R"],
                  [[lab["gold"], lab["predicted"], _f(lab["P"]), _f(lab["R"]), lab["pairs"], _f(lab["link_acc"]),
                    _f(lab["link_P"]), _f(lab["link_R"])]], align="rrrrrrrr")]
    return "\n".join(out)


def main(argv=None) -> int:
    args = bench_parser(__doc__, errors=None, json=None).parse_args(argv)
    mg = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((GOLD / "markers").glob("*.yaml"))]
    lg = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((GOLD / "labels").glob("*.yaml"))]
    docs = load_docs([g["doc"] for g in mg + lg])
    errors: list[str] = []
    result = {"marker_docs": sum(g["doc"] in docs for g in mg),
              "marker_seeds": sum(g["doc"] in docs and g["doc"].startswith("shared/") for g in mg),
              "label_docs": sum(g["doc"] in docs for g in lg),
              "markers": score_markers(mg, docs, errors), "labels": score_labels(lg, docs, errors)}
    print(render(result))
    if args.errors:
        print("\n" + "\n".join(errors))
    if args.json:
        dump_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
