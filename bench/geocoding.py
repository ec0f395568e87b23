"""Toponyms and their coordinates against hand-made gold (`bench/gold/places/*.yaml`).

    .venv/bin/python bench/geocoding.py            # the table
    .venv/bin/python bench/geocoding.py --errors   # also list misses, false alarms, wrong places (and the baseline's)
    .venv/bin/python bench/geocoding.py --json     # the table, then the figures as JSON

The documents go through `Pipeline(order=["clean", "parse", "entities", "places"])`. Scored region:
the title and the body as the `clean` stage finds them; a gold mention or prediction elsewhere
(comments, boilerplate) is left out, and so is a prediction overlapping an `ignore` span.

Figures (micro: counts pooled over documents):
- toponym P, R, F1: a predicted place mention matches a gold mention when their trimmed spans
  overlap (one-to-one, largest overlap first);
- acc: the share of gold toponyms whose matched prediction lies within 50 km of the gold place
  (or carries its GeoNames id); an unmatched gold toponym counts as wrong;
- acc|found: the same over the matched gold toponyms only;
- baseline acc / acc|found: the same predicted toponyms, each resolved to its largest-population
  gazetteer candidate (no context, no curated preference), as a naive geocoder would.

`geocoding_figures()` returns the rows (per document and "overall") for other bench scripts.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, bench_parser, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

from bench.entities import occurrences, read_document, trim  # noqa: E402

GOLD_DIR = ROOT / "bench" / "gold" / "places"
RADIUS_KM = 50.0


class GoldError(ValueError):
    """A gold file that cannot be used."""


@dataclass
class GoldPlace:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    mentions: list[tuple[str, int]]  # (surface, occurrence)
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Gold:
    path: Path
    doc: str
    places: list[GoldPlace]
    ignore: list[tuple[str, int]]
    ignored: list[tuple[int, int]] = field(default_factory=list)


def _mention(m) -> list[tuple[str, int]]:
    if isinstance(m, str):
        return [(m, 1)]
    if "occurrences" in m:
        return [(str(m["text"]), int(n)) for n in m["occurrences"]]
    return [(str(m["text"]), int(m.get("occurrence", 1)))]


def load_gold(path: Path) -> Gold:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "doc" not in data:
        raise GoldError(f"{path.name}: no `doc`")
    places = []
    for p in data.get("places") or []:
        gid, lat, lon = p.get("geonameid"), p.get("lat"), p.get("lon")
        if gid is None and (lat is None or lon is None):
            raise GoldError(f"{path.name}: {p.get('name')}: give geonameid or lat and lon")
        mentions = [x for m in p.get("mentions") or [] for x in _mention(m)]
        if not mentions:
            raise GoldError(f"{path.name}: {p.get('name')}: no mentions")
        places.append(GoldPlace(str(p["name"]), int(gid) if gid is not None else None,
                                float(lat) if lat is not None else None, float(lon) if lon is not None else None,
                                p.get("country"), mentions))
    ignore = [x for m in data.get("ignore") or [] for x in _mention(m)]
    return Gold(path, str(data["doc"]), places, ignore)


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def _locate(text: str, surface: str, n: int, problems: list[str], where: str, *,
            count: bool = False) -> tuple[int, int] | None:
    """The n-th `surface` in `text`, or None after a "not found" problem (naming how many there are if `count`)."""
    found = occurrences(text, surface)
    if n < 1 or n > len(found):
        problems.append(f"{where} {surface!r} occurrence {n} not found" + (f" ({len(found)})" if count else ""))
        return None
    return found[n - 1]


def resolve(gold: Gold, text: str) -> list[str]:
    """Offsets for every gold mention and ignore entry; the problems (empty when all resolve)."""
    problems, seen = [], {}
    for p in gold.places:
        p.spans = []
        for surface, n in p.mentions:
            span = _locate(text, surface, n, problems, f"{gold.path.name}: {p.name}:", count=True)
            if span is None:
                continue
            if span in seen:
                problems.append(f"{gold.path.name}: {surface!r} occurrence {n} listed twice")
            seen[span] = p.name
            p.spans.append(span)
    gold.ignored = []
    for surface, n in gold.ignore:
        span = _locate(text, surface, n, problems, f"{gold.path.name}: ignore")
        if span is not None:
            gold.ignored.append(span)
    return problems


def _inside(regions, s, e) -> bool:
    return any(a <= s and e <= b for a, b in regions)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def gold_point(index, p: GoldPlace) -> tuple[float, float]:
    if p.lat is not None and p.lon is not None:
        return p.lat, p.lon
    import numpy as np

    hits = np.nonzero(index.geonameid == p.geonameid)[0]
    if not len(hits):
        raise GoldError(f"{p.name}: GeoNames id {p.geonameid} is not in the gazetteer; give lat and lon")
    return float(index.lat[hits[0]]), float(index.lon[hits[0]])


def score_doc(doc, gold: Gold, geo) -> dict:
    """Counts for one document: toponym matches and places right for spinscope and the baseline."""
    from spinscope.extract.places.geoindex import distance_km

    index = geo.index
    regions = ([(doc.title.start, doc.title.end)] if doc.title else []) + [(b.start, b.end) for b in doc.body]
    golds = []  # (span, place)
    for p in gold.places:
        for s in p.spans:
            if _inside(regions, *s):
                golds.append((trim(doc.text, *s), p))
    preds = []  # (span, Place)
    for pl in doc.places:
        for m in pl.mentions:
            s = trim(doc.text, m.start, m.end)
            if _inside(regions, *s) and not any(_overlap(s, i) for i in gold.ignored):
                preds.append((s, pl))
    pairs = sorted(((_overlap(g[0], p[0]), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                    if _overlap(g[0], p[0])), reverse=True)
    used_g, used_p, matches = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matches.append((gi, pi))

    def right(gp: GoldPlace, lat, lon, gid) -> bool:
        if gp.geonameid is not None and gid == gp.geonameid:
            return True
        glat, glon = gold_point(index, gp)
        return distance_km(glat, glon, lat, lon) <= RADIUS_KM

    c = {"gold": len(golds), "pred": len(preds), "match": len(matches), "right": 0, "base_right": 0, "errors": []}
    for gi, pi in matches:
        (gs, gp), (ps, pl) = golds[gi], preds[pi]
        if right(gp, pl.lat, pl.lon, pl.geonameid):
            c["right"] += 1
        else:
            c["errors"].append(f"wrong: {doc.text[ps[0]:ps[1]]!r}@{ps[0]} -> {pl.name} ({pl.country_code}), "
                               f"gold {gp.name}")
        rec = geo.biggest(doc.text[ps[0]:ps[1]])
        if rec is not None and right(gp, float(index.lat[rec]), float(index.lon[rec]),
                                     int(index.geonameid[rec]) or None):
            c["base_right"] += 1
        else:
            c["errors"].append(f"baseline wrong: {doc.text[ps[0]:ps[1]]!r}@{ps[0]} -> "
                               f"{index.names[rec] if rec is not None else None} "
                               f"({index.country[rec] if rec is not None else '-'}), gold {gp.name}")
    c["errors"] += [f"missed: {doc.text[s[0]:s[1]]!r}@{s[0]} ({p.name})"
                    for gi, (s, p) in enumerate(golds) if gi not in used_g]
    c["errors"] += [f"false: {doc.text[s[0]:s[1]]!r}@{s[0]} -> {pl.name}"
                    for pi, (s, pl) in enumerate(preds) if pi not in used_p]
    return c


def ratios(c: dict) -> dict:
    p = c["match"] / c["pred"] if c["pred"] else 0.0
    r = c["match"] / c["gold"] if c["gold"] else 0.0
    return {"gold": c["gold"], "pred": c["pred"], "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
            "acc": c["right"] / c["gold"] if c["gold"] else 0.0,
            "acc_found": c["right"] / c["match"] if c["match"] else 0.0,
            "base_acc": c["base_right"] / c["gold"] if c["gold"] else 0.0,
            "base_acc_found": c["base_right"] / c["match"] if c["match"] else 0.0}


def run(shared: Path | None = None, golds: list[Path] | None = None) -> dict:
    from spinscope.extract.places.stage import geocoder
    from spinscope.pipeline import Pipeline

    shared = shared if shared is not None else shared_dir()
    pipe = Pipeline(order=["clean", "parse", "entities", "places"])
    geo = geocoder()
    rows, total, skipped = [], {"gold": 0, "pred": 0, "match": 0, "right": 0, "base_right": 0}, []
    errors = {}
    for path in golds or gold_files():
        gold = load_gold(path)
        doc = read_document(gold.doc, shared)
        if doc is None:
            skipped.append(path.stem)
            continue
        problems = resolve(gold, doc.text)
        if problems:
            raise GoldError("; ".join(problems))
        pipe(doc)
        c = score_doc(doc, gold, geo)
        errors[path.stem] = c.pop("errors")
        for k in total:
            total[k] += c[k]
        rows.append({"doc": path.stem, **ratios(c)})
    rows.append({"doc": "overall", **ratios(total)})
    return {"rows": rows, "skipped": skipped, "errors": errors}


def geocoding_figures(shared: Path | None = None) -> list[dict]:
    """Per-document rows and the "overall" row: gold, pred, P, R, F1, acc, acc_found, base_acc, base_acc_found."""
    return run(shared)["rows"]


def render(result: dict, *, errors: bool = False) -> str:
    heads = ["doc", "gold", "pred", "P", "R", "F1", "acc", "acc|found", "base acc", "base acc|found"]
    body = [[r["doc"], r["gold"], r["pred"], *(f"{r[k]:.3f}" for k in ("P", "R", "F1", "acc", "acc_found",
                                                                        "base_acc", "base_acc_found"))]
            for r in result["rows"]]
    out = [table(heads, body, align="lrrrrrrrrr"),
           f"\nacc: gold toponyms resolved within {RADIUS_KM:.0f} km of the gold place (or its GeoNames id); "
           "base: largest population among the same toponym's candidates"]
    if result["skipped"]:
        out.append(f"skipped (document absent): {', '.join(result['skipped'])}")
    if errors:
        for doc, errs in result["errors"].items():
            out.extend(f"{doc}: {e}" for e in errs)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, errors=None, json=None).parse_args(argv)
    result = run()
    print(render(result, errors=args.errors))
    if args.json:
        dump_json({"rows": result["rows"], "skipped": result["skipped"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
