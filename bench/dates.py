"""Date mentions against hand-made gold (`bench/gold/dates/*.yaml`): the `dates` stage vs plain spaCy + dateparser.

    .venv/bin/python bench/dates.py              # the tables
    .venv/bin/python bench/dates.py --errors     # also list misses, false alarms and wrong values
    .venv/bin/python bench/dates.py --ptc 60     # stage speed over 60 PTC articles (0: skip)
    .venv/bin/python bench/dates.py --json       # the tables, then the figures as JSON

Systems, both given the same documents (read by spinscope's readers, cleaned by `clean`, parsed by `parse`):
- spinscope: the `dates` stage, its `doc.dates` (and `doc.source.published`).
- plain: `en_core_web_sm` DATE entities over the same segments, each given to dateparser with its
  default settings (no RELATIVE_BASE, so relative dates count from today; no language hint); the
  value is cut to the period dateparser reports (day/month/year; week and time -> day).

Scored region: the title, body and comments as `clean` finds them (those the gold `covers`). Spans
are compared after trimming blanks, quotes, edge punctuation and a possessive 's. A prediction
matches a gold mention when the trimmed spans are equal ("exact": P/R/F1) — the lenient figures
also accept an overlap of at least half the longer span. One-to-one.

Figures (micro, pooled over documents): span P/R/F1 (exact and lenient); `value`: share of
leniently matched gold mentions whose (value, granularity) is exactly the gold's (null = null);
`resolved`: share of gold mentions with a value that are matched with that exact value and
granularity; `published`: documents whose publication date after the run equals the gold's.
Speed: docs/s of the stage alone (parse not counted), first run in the process (dateparser's
language data loading included) and steady state (its parse cache cleared).
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import (ROOT, bench_parser, emit, ensure_spinscope, match_spans, result_notes,  # noqa: E402
                           shared_dir, table)

ensure_spinscope()

from bench.entities import gold_documents, occurrences, trim  # noqa: E402

GOLD_DIR = ROOT / "bench" / "gold" / "dates"
GRANULARITIES = ("day", "month", "year")
SYSTEMS = ("spinscope", "plain")


class GoldError(ValueError):
    """A gold file that cannot be used: the message names the file and the mention."""


@dataclass
class GoldDate:
    text: str
    occurrence: int
    value: str | None
    granularity: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class Gold:
    path: Path
    doc: str
    covers: list[str]
    published: str | None
    dates: list[GoldDate] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem


def load_gold(path: Path) -> Gold:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    if not isinstance(data, dict) or not isinstance(data.get("doc"), str):
        raise GoldError(f"{where}: needs a `doc` string")
    covers = list(data.get("covers") or ["title", "body"])
    if set(covers) - {"title", "body", "comments"}:
        raise GoldError(f"{where}: covers: unknown segment(s)")
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        raise GoldError(f"{where}: published must be a quoted ISO date or null")
    dates = []
    for m in data.get("dates") or []:
        if not isinstance(m, dict) or not isinstance(m.get("text"), str):
            raise GoldError(f"{where}: {m!r}: needs a text string")
        value, gran = m.get("value"), m.get("granularity")
        if (value is None) != (gran is None) or (gran is not None and gran not in GRANULARITIES):
            raise GoldError(f"{where}: {m['text']!r}: value and granularity are both null or both set")
        if value is not None and (not isinstance(value, str) or len(value) != {"day": 10, "month": 7, "year": 4}[gran]):
            raise GoldError(f"{where}: {m['text']!r}: value {value!r} is not a quoted ISO {gran}")
        dates.append(GoldDate(m["text"], int(m.get("occurrence", 1)), value, gran))
    return Gold(path, data["doc"], covers, published, dates)


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def resolve(gold: Gold, text: str) -> list[str]:
    """Offsets for every gold mention; the problems (empty when every mention is found once)."""
    problems, seen = [], set()
    for m in gold.dates:
        found = occurrences(text, m.text)
        if m.occurrence > len(found):
            problems.append(f"{gold.name}: {m.text!r} occurrence {m.occurrence} not found ({len(found)} in the text)")
            continue
        m.start, m.end = found[m.occurrence - 1]
        if (m.start, m.end) in seen:
            problems.append(f"{gold.name}: {m.text!r} occurrence {m.occurrence} listed twice")
        seen.add((m.start, m.end))
    return problems


def regions(doc, gold: Gold) -> list[tuple[int, int]]:
    out = []
    if doc.title and "title" in gold.covers:
        out.append((doc.title.start, doc.title.end))
    if "body" in gold.covers:
        out.extend((b.start, b.end) for b in doc.body)
    if "comments" in gold.covers:
        out.extend((c.start, c.end) for c in doc.comments)
    return out


def _inside(spans, s, e) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def score(text: str, gold: list[GoldDate], pred: list[tuple[int, int, str | None, str | None]],
          where: list[tuple[int, int]]) -> dict:
    """Counts of one document: exact and lenient matches, value agreement, errors."""
    g = [(*trim(text, m.start, m.end), m.value, m.granularity) for m in gold if m.start is not None]
    out_of_scope = sum(1 for s, e, *_ in g if not _inside(where, s, e))
    g = [x for x in g if _inside(where, x[0], x[1])]
    p = [(*trim(text, s, e), v, gr) for s, e, v, gr in pred]
    p = [x for x in p if x[1] > x[0] and _inside(where, x[0], x[1])]
    g2p, p2g, exact_n = match_spans([x[:2] for x in g], [x[:2] for x in p])
    value_ok = resolved_ok = 0
    errors = {"missed": [], "false": [], "value": []}
    for gi, (gs, ge, gv, gg) in enumerate(g):
        if gi not in g2p:
            errors["missed"].append(f"{text[gs:ge]}@{gs}")
            continue
        _, _, pv, pg = p[g2p[gi]]
        if (pv, pg) == (gv, gg):
            value_ok += 1
            resolved_ok += gv is not None
        else:
            errors["value"].append(f"{text[gs:ge]}@{gs}: {pv} ({pg}) for {gv} ({gg})")
    for pi, (ps, pe, *_) in enumerate(p):
        if pi not in p2g:
            errors["false"].append(f"{text[ps:pe]}@{ps}")
    return {"gold": len(g), "pred": len(p), "exact": exact_n, "lenient": len(g2p), "value_ok": value_ok,
            "with_value": sum(1 for x in g if x[2] is not None), "resolved_ok": resolved_ok,
            "out_of_scope": out_of_scope, "errors": errors}


KEYS = ("gold", "pred", "exact", "lenient", "value_ok", "with_value", "resolved_ok", "out_of_scope")


def ratios(c: dict) -> dict:
    div = lambda a, b: round(a / b, 3) if b else None  # noqa: E731

    def f1(p, r):
        if p is None and r is None:
            return None  # nothing predicted, nothing to find
        return round(2 * p * r / (p + r), 3) if p and r else 0.0

    p, r = div(c["exact"], c["pred"]), div(c["exact"], c["gold"])
    lp, lr = div(c["lenient"], c["pred"]), div(c["lenient"], c["gold"])
    return {"p": p, "r": r, "f1": f1(p, r), "lenient_p": lp, "lenient_r": lr, "lenient_f1": f1(lp, lr),
            "value": div(c["value_ok"], c["lenient"]), "resolved": div(c["resolved_ok"], c["with_value"])}


# ------------------------------------------------------------------------------------ systems

def plain_dates(doc, nlp, parser) -> list[tuple[int, int, str | None, str | None]]:
    """spaCy DATE entities over the parse stage's segments, valued by dateparser with no anchor."""
    from spinscope.extract.parse import segments

    out = []
    for start, end, _kind in segments(doc):
        for ent in nlp(doc.text[start:end]).ents:
            if ent.label_ != "DATE":
                continue
            data = parser.get_date_data(ent.text)
            value = gran = None
            if data.date_obj is not None:
                gran = data.period if data.period in GRANULARITIES else "day"
                d = data.date_obj
                value = {"day": d.date().isoformat(), "month": f"{d.year:04d}-{d.month:02d}",
                         "year": f"{d.year:04d}"}[gran]
            out.append((start + ent.start_char, start + ent.end_char, value, gran))
    return out


def run(shared: Path | None = None, *, golds: list[Path] | None = None, ptc: int = 60,
        systems: tuple[str, ...] = SYSTEMS) -> dict:
    from dateparser.date import DateDataParser

    from spinscope import Pipeline
    from spinscope.extract.dates import stage as timex
    from spinscope.pipeline import STAGES

    shared = Path(shared) if shared else shared_dir()
    prep = Pipeline(order=["clean", "parse"])
    stage = STAGES["dates"]({})
    docs, skipped, problems = [], [], []
    for gold, doc in gold_documents(golds if golds is not None else gold_files(), load_gold, shared, skipped):
        problems.extend(resolve(gold, doc.text))
        docs.append((gold, prep(doc)))
    t0 = time.perf_counter()
    stage([d for _, d in docs])
    cold = time.perf_counter() - t0
    timex._parse.cache_clear()
    t0 = time.perf_counter()
    stage([d for _, d in docs])
    steady = time.perf_counter() - t0

    from bench.entities import plain_nlp

    nlp, parser = (plain_nlp(), DateDataParser()) if "plain" in systems else (None, None)
    rows, counts = [], {s: [] for s in systems}
    pub_ok = 0
    for gold, doc in docs:
        where = regions(doc, gold)
        row = {"gold": gold.name, "published": doc.source.published, "gold_published": gold.published,
               "systems": {}}
        pub_ok += (doc.source.published or None) == gold.published
        for system in systems:
            if system == "spinscope":
                pred = [(d.start, d.end, d.value, d.granularity) for d in doc.dates]
            else:
                pred = plain_dates(doc, nlp, parser)
            c = score(doc.text, gold.dates, pred, where)
            counts[system].append(c)
            row["systems"][system] = {**{k: c[k] for k in KEYS}, **ratios(c), "errors": c["errors"]}
        rows.append(row)
    overall = {}
    for system in systems:
        pooled = {k: sum(c[k] for c in counts[system]) for k in KEYS}
        overall[system] = {**pooled, **ratios(pooled)}
    speed = {"docs": len(docs), "cold_s": round(cold, 3), "steady_s": round(steady, 3),
             "cold_docs_per_s": round(len(docs) / cold, 1) if cold else None,
             "steady_docs_per_s": round(len(docs) / steady, 1) if steady else None}
    speed["ptc"] = _ptc_speed(shared, ptc, prep, stage) if ptc else None
    return {"docs": rows, "overall": overall, "published_ok": pub_ok, "n_docs": len(docs), "speed": speed,
            "skipped": skipped, "gold_problems": problems}


def _ptc_speed(shared: Path | None, n: int, prep, stage) -> dict | None:
    """The stage's docs/s (and dates found) over the first `n` PTC articles, parse excluded."""
    from spinscope.extract.dates import stage as timex
    from spinscope.ingest import read

    folder = shared / "corpus" / "ptc" / "articles" if shared else None
    if folder is None or not folder.is_dir():
        return None
    docs = [d for d in read(sorted(folder.glob("*.txt"))[:n]) if hasattr(d, "text")]
    for i in range(0, len(docs), 16):
        prep.process(docs[i:i + 16])
    timex._parse.cache_clear()
    t0 = time.perf_counter()
    stage(docs)
    took = time.perf_counter() - t0
    words = sum(len(d.text.split()) for d in docs)
    return {"docs": len(docs), "seconds": round(took, 3), "docs_per_s": round(len(docs) / took, 1),
            "words_per_s": round(words / took), "dates": sum(len(d.dates) for d in docs),
            "resolved": sum(1 for d in docs for x in d.dates if x.value)}


def _f(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def render(result: dict, *, errors: bool = False) -> str:
    head = ["doc", "system", "gold", "pred", "P", "R", "F1", "lenF1", "value", "resolved"]
    rows = []
    for d in result["docs"]:
        name = d["gold"]
        for system, s in d["systems"].items():
            rows.append([name, system, s["gold"], s["pred"], _f(s["p"]), _f(s["r"]), _f(s["f1"]),
                         _f(s["lenient_f1"]), _f(s["value"]), _f(s["resolved"])])
            name = ""
    lines = [table(head, rows, align="llrrrrrrrr"), "", "overall (micro)"]
    orows = [[s, o["gold"], o["pred"], _f(o["p"]), _f(o["r"]), _f(o["f1"]), _f(o["lenient_f1"]),
              _f(o["value"]), _f(o["resolved"])] for s, o in result["overall"].items()]
    lines.append(table(head[1:], orows, align="lrrrrrrrr"))
    lines.append("")
    lines.append(f"publication date right: {result['published_ok']}/{result['n_docs']} documents")
    o = result["overall"]["spinscope"]
    lines.append(f"gold mentions with a value: {o['with_value']}; out of scope: {o['out_of_scope']}")
    sp = result["speed"]
    lines.append(f"dates stage speed ({sp['docs']} gold docs, parse excluded): first run {sp['cold_s']} s "
                 f"({sp['cold_docs_per_s']} docs/s, dateparser loading included), steady {sp['steady_s']} s "
                 f"({sp['steady_docs_per_s']} docs/s)")
    if sp.get("ptc"):
        p = sp["ptc"]
        lines.append(f"dates stage over {p['docs']} PTC articles (parse excluded, cold parse cache): {p['seconds']} s, "
                     f"{p['docs_per_s']} docs/s, {p['words_per_s']} words/s; {p['dates']} dates, {p['resolved']} resolved")
    lines += result_notes(result, ("missed", "false", "value") if errors else ())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "bench/gold/dates", json="also print the figures as JSON",
                      errors="list every miss, false alarm and wrong value")
    ap.add_argument("--ptc", type=int, default=60, help="PTC articles to time the stage on (0: skip)")
    args = ap.parse_args(argv)
    result = run(golds=[p.resolve() for p in args.gold] or None, ptc=args.ptc)
    return emit(result, partial(render, errors=args.errors), args.json)


if __name__ == "__main__":
    sys.exit(main())
