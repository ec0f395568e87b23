"""Toponym recognition and resolution on LGL (local news, GeoNames gold), beside the largest-population baseline.

    .venv/bin/python bench/lgl.py                   # the test split (the figures to report)
    .venv/bin/python bench/lgl.py --split dev       # the split to tune on
    .venv/bin/python bench/lgl.py --limit 40        # the first 40 documents of the split (the gate's subset)
    .venv/bin/python bench/lgl.py --errors          # also list misses, false alarms and places > 161 km off
    .venv/bin/python bench/lgl.py --json            # the table, then the figures as JSON

Data: ../shared/corpus/lgl (Lieberman, Samet & Sankaranarayanan 2010): `text/ID.txt` and `gold.json`.
Split: a document is in `dev` or `test` by the parity of the first byte of the SHA-1 of its file name
(deterministic, about half each); tune on dev, report test.

Each text goes through `Pipeline(stages=["clean", "parse", "entities", "places"])` as a plain document
with its URL (as a feed or crawl gives it: the outlet's country-code domain counts as context).
A place's predicted mentions are its `mentions` and its `indirect_mentions` (nationality words, a
capital standing for its government): LGL's gold counts both kinds as toponyms ("Iranian", "Moscow
said"), spinscope's own gold (bench/geocoding.py) only the first.
Gold toponyms are those with coordinates; a prediction overlapping a gold toponym without coordinates
(mostly streets) is neither right nor wrong and is left out.

Figures (micro, counts pooled over documents):
- P, R, F1: toponym recognition; a predicted place mention matches a gold toponym when their spans
  overlap (one-to-one, largest overlap first);
- acc@161: the share of matched gold toponyms whose predicted point lies within 161 km (100 miles)
  of the gold point; median and mean error km over the same;
- base: the same matched mentions, each resolved to its largest-population gazetteer candidate
  (no context), the usual naive baseline; a mention the baseline cannot resolve counts as 20,039 km
  (half the Earth's circumference), as in Gritta et al. 2018;
- F1 all: recognition against every gold toponym, those without coordinates included.
Anchors (accuracy@161 km on LGL, Gritta et al., ACL 2018, table 1, on gold toponyms): CamCoder 0.76,
Edinburgh geoparser 0.76, CLAVIN 0.71, largest-population baseline 0.70.
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import bench_parser, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

from spinscope.training.splits import lgl_split  # noqa: E402

RADIUS_KM = 161.0
FAR_KM = 20039.0
ANCHORS = {"CamCoder": 0.76, "Edinburgh geoparser": 0.76, "CLAVIN": 0.71, "population baseline (published)": 0.70}


def lgl_dir(shared: Path | None = None) -> Path | None:
    base = shared if shared is not None else shared_dir()
    path = base / "corpus" / "lgl" if base else None
    return path if path is not None and (path / "gold.json").exists() else None


split_of = lgl_split  # `dev` or `test`, fixed by the file name (spinscope.training.splits)


def documents(folder: Path, split: str, limit: int | None = None) -> list[dict]:
    """The gold records of one split, in file-name order (the first `limit`)."""
    docs = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["docs"]
    docs = sorted((d for d in docs if split in ("all", split_of(d["file"]))), key=lambda d: d["file"])
    return docs[:limit] if limit else docs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(golds: list[tuple[int, int]], preds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans, largest overlap first."""
    pairs = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                    if _overlap(g, p)), key=lambda t: (-t[0], t[1], t[2]))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _entity_at(entities, start: int, end: int) -> str:
    """What the entities layer made of a span: "type name", or "-" for nothing."""
    for e in entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                return f"{e.type} {e.name!r}"
    return "-"


def score_doc(text: str, record: dict, places, geo, entities=()) -> dict:
    """Counts and errors of one document."""
    from spinscope.extract.places.geoindex import distance_km

    index = geo.index
    gold = [t for t in record["toponyms"] if t.get("lat") is not None]
    blind = [(t["start"], t["end"]) for t in record["toponyms"] if t.get("lat") is None]
    preds = [((m.start, m.end), p) for p in places for m in [*p.mentions, *getattr(p, "indirect_mentions", ())]]
    preds_all = preds
    preds = [(s, p) for s, p in preds if not any(_overlap(s, b) for b in blind)]
    pairs = match([(t["start"], t["end"]) for t in gold], [s for s, _ in preds])
    all_pairs = match([(t["start"], t["end"]) for t in record["toponyms"]], [s for s, _ in preds_all])
    c = {"gold": len(gold), "pred": len(preds), "match": len(pairs), "gold_all": len(record["toponyms"]),
         "pred_all": len(preds_all), "match_all": len(all_pairs), "err": [], "base_err": [], "errors": []}
    for gi, pi in pairs:
        t, (span, pl) = gold[gi], preds[pi]
        d = distance_km(t["lat"], t["lon"], pl.lat, pl.lon)
        c["err"].append(d)
        surface = text[span[0]:span[1]]
        if d > RADIUS_KM:
            c["errors"].append(f"wrong {d:.0f} km: {surface!r}@{span[0]} -> {pl.name} ({pl.country_code}, "
                               f"{getattr(pl, 'feature_code', None)}, {getattr(pl, 'reason', None)}); "
                               f"gold {t['gaz_name']} ({t['country']}, {t['fcode']})")
        rec = geo.biggest(surface)
        c["base_err"].append(FAR_KM if rec is None else
                             distance_km(t["lat"], t["lon"], float(index.lat[rec]), float(index.lon[rec])))
    got_g = {gi for gi, _ in pairs}
    got_p = {pi for _, pi in pairs}
    c["errors"] += [f"missed: {t['text']!r}@{t['start']} ({t['gaz_name']}, {t['fcode']}; entity: "
                    f"{_entity_at(entities, t['start'], t['end'])})"
                    for gi, t in enumerate(gold) if gi not in got_g]
    c["errors"] += [f"false: {text[s[0]:s[1]]!r}@{s[0]} -> {pl.name} ({pl.country_code}, "
                    f"{getattr(pl, 'feature_code', None)}; entity: {_entity_at(entities, s[0], s[1])})"
                    for pi, (s, pl) in enumerate(preds) if pi not in got_p]
    return c


def figures(c: dict) -> dict:
    def prf(m, p, g):
        P, R = (m / p if p else 0.0), (m / g if g else 0.0)
        return P, R, (2 * P * R / (P + R) if P + R else 0.0)

    P, R, F = prf(c["match"], c["pred"], c["gold"])
    _, _, F_all = prf(c["match_all"], c["pred_all"], c["gold_all"])
    err, base = c["err"], c["base_err"]

    def acc(xs):
        return sum(x <= RADIUS_KM for x in xs) / len(xs) if xs else 0.0

    return {"docs": c["docs"], "gold": c["gold"], "pred": c["pred"], "match": c["match"], "P": P, "R": R, "F1": F,
            "F1_all": F_all, "acc161": acc(err), "median_km": statistics.median(err) if err else 0.0,
            "mean_km": statistics.fmean(err) if err else 0.0, "base_acc161": acc(base),
            "base_median_km": statistics.median(base) if base else 0.0,
            "base_mean_km": statistics.fmean(base) if base else 0.0}


def run(split: str = "test", limit: int | None = None, shared: Path | None = None) -> dict | None:
    """The figures of one split (None when LGL is absent), with per-document errors."""
    from spinscope.extract.places.stage import geocoder
    from spinscope.model import Document, Source
    from spinscope.pipeline import Pipeline

    folder = lgl_dir(shared)
    if folder is None:
        return None
    pipe = Pipeline(stages=["clean", "parse", "entities", "places"])
    geo = geocoder()
    total = {"docs": 0, "gold": 0, "pred": 0, "match": 0, "gold_all": 0, "pred_all": 0, "match_all": 0,
             "err": [], "base_err": []}
    errors = {}
    for record in documents(folder, split, limit):
        text = (folder / record["file"]).read_text(encoding="utf-8")
        doc = Document(text=text, source=Source(url=record.get("url")))  # the outlet, as a feed gives it
        pipe.process([doc])
        c = score_doc(text, record, doc.places, geo, doc.entities)
        errors[record["file"]] = c.pop("errors")
        total["docs"] += 1
        for k, v in c.items():
            total[k] += v
    return {"split": split, "limit": limit, **figures(total), "errors": errors}


def render(result: dict, *, errors: bool = False) -> str:
    r = result
    rows = [["spinscope", f"{r['P']:.3f}", f"{r['R']:.3f}", f"{r['F1']:.3f}", f"{r['F1_all']:.3f}",
             f"{r['acc161']:.3f}", f"{r['median_km']:.1f}", f"{r['mean_km']:.1f}"],
            ["largest population (same mentions)", "", "", "", "", f"{r['base_acc161']:.3f}",
             f"{r['base_median_km']:.1f}", f"{r['base_mean_km']:.1f}"]]
    rows += [[f"{name} (published)", "", "", "", "", f"{v:.2f}", "", ""] for name, v in ANCHORS.items()
             if "baseline" not in name] + [["population baseline (published)", "", "", "", "",
                                            f"{ANCHORS['population baseline (published)']:.2f}", "", ""]]
    out = [f"LGL {r['split']} split: {r['docs']} documents, {r['gold']} gold toponyms with coordinates, "
           f"{r['pred']} predicted mentions, {r['match']} matched",
           table(["system", "P", "R", "F1", "F1 all", "acc@161", "median km", "mean km"], rows,
                 align="lrrrrrrr")]
    if errors:
        for doc, errs in r["errors"].items():
            out.extend(f"{doc}: {e}" for e in errs)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, errors="list misses, false alarms and wrong places", json="also print JSON")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of the split")
    args = ap.parse_args(argv)
    result = run(args.split, args.limit)
    if result is None:
        print("skipped: ../shared/corpus/lgl is absent (set SPINSCOPE_SHARED to the shared data folder)")
        return 0
    print(render(result, errors=args.errors))
    if args.json:
        dump_json({k: v for k, v in result.items() if k != "errors"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
