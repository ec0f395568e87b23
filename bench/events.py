"""Events against hand-made gold (`bench/gold/events/*.yaml`): type, actor, target, place and mode.

    .venv/bin/python bench/events.py            # the tables
    .venv/bin/python bench/events.py --errors   # also list misses and false alarms
    .venv/bin/python bench/events.py --json     # the tables, then the figures as JSON

System: `Pipeline(order=DEFAULT_ORDER up to "events")` (clean, parse, entities, and whichever of
quotes, places, dates run before events), its `doc.events`.

Matching (format and rules in `bench/gold/events/README.md`): a predicted event matches a gold
event when its trigger overlaps the gold trigger, or else when its sentence contains the gold
trigger and the types agree; one-to-one, trigger overlaps first.
Figures (micro, pooled over documents):
- type P/R/F1: matched pairs whose types agree, over predicted / gold events;
- detect P/R: matched pairs of any type (did the coder see an event there);
- actor, target: on matched pairs whose gold value is not null, the share whose predicted entity's
  KB id is (one of) the gold id(s); actor~/target~ the same after generalizing both to the state;
- place: on matched pairs with a gold place, the share whose predicted place name equals it
  (case and accents ignored); mode: exact string on matched pairs.
When `bench/geocoding.py` exists, its table (geocoding accuracy beside the naive largest-population
baseline) is printed below.
"""
from __future__ import annotations

import importlib
import sys
import unicodedata
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, bench_parser, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402
from bench.entities import occurrences, read_document  # noqa: E402

ensure_spinscope()

GOLD_DIR = ROOT / "bench" / "gold" / "events"


def _ids(value) -> set[str]:
    if value is None:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _fold(name: str | None) -> str:
    name = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in name if not unicodedata.combining(c)).casefold().strip()


def load(path: Path, text: str) -> tuple[list[dict], list[str]]:
    """The gold events with their trigger offsets; problems (a trigger not found) as messages."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out, problems = [], []
    for g in data.get("events") or []:
        found = occurrences(text, g["trigger"])
        occ = g.get("occurrence", 1)
        if occ > len(found):
            problems.append(f"{path.stem}: trigger {g['trigger']!r} occurrence {occ} not found")
            continue
        out.append({**g, "start": found[occ - 1][0], "end": found[occ - 1][1]})
    return out, problems


def match(gold: list[dict], pred: list) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): trigger overlaps first, then sentence + type."""
    pairs, used_g, used_p = [], set(), set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if (pi not in used_p and gi not in used_g and p.trigger
                    and p.trigger.start < g["end"] and g["start"] < p.trigger.end):
                pairs.append((gi, pi)); used_g.add(gi); used_p.add(pi)
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if (pi not in used_p and gi not in used_g
                    and p.start <= g["start"] and g["end"] <= p.end and p.type == g["type"]):
                pairs.append((gi, pi)); used_g.add(gi); used_p.add(pi)
    return pairs


def _state(kb_id, kb):
    from spinscope.extract.events.generalize import generalize
    from spinscope.model import Entity

    if kb_id is None:
        return None
    return generalize(Entity("", kb_id, "", kb_id), None, kb)["id"]


def evaluate() -> dict:
    from spinscope.kb import load_kb
    from spinscope.pipeline import DEFAULT_ORDER, Pipeline

    order = DEFAULT_ORDER[:DEFAULT_ORDER.index("events") + 1]
    pipe = Pipeline(order=order)
    kb = load_kb()
    shared = shared_dir()
    counts = dict.fromkeys(("gold", "pred", "detect", "type", "actor_n", "actor", "actor_g", "target_n", "target",
                            "target_g", "place_n", "place", "mode"), 0)
    per_doc, errors, problems, skipped = [], [], [], []
    for path in sorted(GOLD_DIR.glob("*.yaml")):
        import yaml
        key = yaml.safe_load(path.read_text(encoding="utf-8"))["doc"]
        doc = read_document(key, shared)
        if doc is None:
            skipped.append(path.stem)
            continue
        doc = pipe(doc)
        gold, probs = load(path, doc.text)
        problems += probs
        pred = doc.events
        ents = {e.id: e for e in doc.entities}
        places = {p.id: p for p in doc.places}
        pairs = match(gold, pred)
        row = {"doc": path.stem, "gold": len(gold), "pred": len(pred), "matched": len(pairs), "type": 0}
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        counts["detect"] += len(pairs)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if g["type"] == p.type:
                counts["type"] += 1
                row["type"] += 1
            for role in ("actor", "target"):
                want = _ids(g.get(role))
                if not want:
                    continue
                counts[f"{role}_n"] += 1
                got = ents.get(getattr(p, role))
                got_id = got.kb_id if got else None
                if got_id in want:
                    counts[role] += 1
                else:
                    errors.append(f"{path.stem}: {role} of {g['trigger']!r}: {got_id} "
                                  f"(gold {'/'.join(sorted(want))})")
                if got_id and _state(got_id, kb) in {_state(w, kb) for w in want}:
                    counts[f"{role}_g"] += 1
            if g.get("place"):
                counts["place_n"] += 1
                if p.place and _fold(places[p.place].name) in {_fold(n) for n in _ids(g["place"])}:
                    counts["place"] += 1
                else:
                    got = places[p.place].name if p.place else None
                    want = "/".join(sorted(_ids(g["place"])))
                    errors.append(f"{path.stem}: place of {g['trigger']!r}: {got} (gold {want})")
            counts["mode"] += g.get("mode", "asserted") == p.mode
        matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        errors += [f"{path.stem}: missed {g['type']} {g['trigger']!r}"
                   for gi, g in enumerate(gold) if gi not in matched_g]
        errors += [f"{path.stem}: extra {p.type} {doc.text[p.trigger.start:p.trigger.end]!r}"
                   for pi, p in enumerate(pred) if pi not in matched_p]
        per_doc.append(row)
    c = counts

    def ratio(a, b):
        return round(a / b, 3) if b else None
    p, r = ratio(c["type"], c["pred"]), ratio(c["type"], c["gold"])
    return {"stages": order, "docs": len(per_doc), "skipped": skipped, "problems": problems, "counts": c,
            "type_p": p, "type_r": r, "type_f1": round(2 * p * r / (p + r), 3) if p and r else 0.0,
            "detect_p": ratio(c["detect"], c["pred"]), "detect_r": ratio(c["detect"], c["gold"]),
            "actor": ratio(c["actor"], c["actor_n"]), "actor~": ratio(c["actor_g"], c["actor_n"]),
            "target": ratio(c["target"], c["target_n"]), "target~": ratio(c["target_g"], c["target_n"]),
            "place": ratio(c["place"], c["place_n"]), "mode": ratio(c["mode"], c["detect"]),
            "per_doc": per_doc, "errors": errors}


def _geocoding():
    """The geocoding helper's table (bench/geocoding.py, beside its largest-population baseline), or None."""
    if not (ROOT / "bench" / "geocoding.py").exists():
        return None
    mod = importlib.import_module("bench.geocoding")
    if hasattr(mod, "run") and hasattr(mod, "render"):
        return mod.render(mod.run())
    fn = getattr(mod, "geocoding_figures", None) or getattr(mod, "evaluate", None)
    return fn() if callable(fn) else None


def render(res: dict, errors: bool = False) -> str:
    c = res["counts"]
    out = [f"events: {res['docs']} documents, {c['gold']} gold events, {c['pred']} predicted "
           f"(stages: {', '.join(res['stages'])})"]
    if res["skipped"]:
        out.append(f"skipped (document absent): {', '.join(res['skipped'])}")
    out += [f"problem: {p}" for p in res["problems"]]
    out.append(table(["figure", "value", "of"], [
        ["type P", res["type_p"], c["pred"]], ["type R", res["type_r"], c["gold"]],
        ["type F1", res["type_f1"], ""],
        ["detect P", res["detect_p"], c["pred"]], ["detect R", res["detect_r"], c["gold"]],
        ["actor", res["actor"], c["actor_n"]], ["actor~ (state)", res["actor~"], c["actor_n"]],
        ["target", res["target"], c["target_n"]], ["target~ (state)", res["target~"], c["target_n"]],
        ["place", res["place"], c["place_n"]], ["mode", res["mode"], c["detect"]]], align="lrr"))
    out.append("")
    out.append(table(["doc", "gold", "pred", "matched", "type ok"],
                     [[d["doc"], d["gold"], d["pred"], d["matched"], d["type"]] for d in res["per_doc"]]))
    if res.get("geocoding") is not None:
        out += ["", "geocoding (bench/geocoding.py):", str(res["geocoding"])]
    if errors:
        out += ["", *res["errors"]]
    return "\n".join(out)


def main(argv=None) -> int:
    args = bench_parser(__doc__, errors=None, json=None).parse_args(argv)
    res = evaluate()
    try:
        res["geocoding"] = _geocoding()
    except Exception as exc:  # noqa: BLE001 - another helper's script; its failure must not hide ours
        res["geocoding"] = f"failed: {exc}"
    print(render(res, args.errors))
    if args.json:
        dump_json({k: v for k, v in res.items() if k != "errors"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
