"""Article-body extraction quality on articlebench (`shared/corpus/articlebench/`): spinscope vs trafilatura.

    .venv/bin/python bench/articlebench.py              # all pages
    .venv/bin/python bench/articlebench.py --limit 30   # the first 30 pages (sorted by ID)
    .venv/bin/python bench/articlebench.py --json       # the table, then the figures as JSON

Systems, both given the same raw page bytes and the page's URL:
- spinscope: `document_from_html(html, url=...)`, then `Pipeline(disable=["parse"])`, body = `doc.body_text`.
  A page on which spinscope raises counts as empty output (and is listed).
- trafilatura: `trafilatura.extract(html, url=...)` with its defaults (which include comments).
- trafilatura-nocomments: the same with `include_comments=False`, the fair baseline for an
  article body; the quality gate compares spinscope with the better of the two.

Measure (the usual articlebench one): text -> lowercased `\\w+` tokens -> the SET of word 4-grams
(a text shorter than 4 tokens gives one shorter gram). Per page: precision = |pred ∩ gold| / |pred|,
recall = |pred ∩ gold| / |gold|, F1 their harmonic mean; an empty output scores P = R = F1 = 0.
"Mean" figures average the per-page P, R and F1 over pages; "micro" figures pool the intersection
and set sizes over all pages first. Skips with exit 0 when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import dump_json, ensure_spinscope, need_shared, table  # noqa: E402

ensure_spinscope()

SYSTEMS = ("spinscope", "trafilatura", "trafilatura-nocomments")
N = 4
_WORD = re.compile(r"\w+")


def shingles(text: str | None, n: int = N) -> set[tuple[str, ...]]:
    """The set of word n-grams of a text (lowercased `\\w+` tokens)."""
    tokens = _WORD.findall((text or "").lower())
    if not tokens:
        return set()
    if len(tokens) < n:
        return {tuple(tokens)}
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def score(pred: str | None, gold: str) -> dict:
    """Set-of-4-gram precision, recall and F1 of one page, with the counts behind them."""
    p_set, g_set = shingles(pred), shingles(gold)
    tp = len(p_set & g_set)
    precision = tp / len(p_set) if p_set else 0.0
    recall = tp / len(g_set) if g_set else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "pred": len(p_set), "gold": len(g_set), "p": precision, "r": recall, "f1": f1}


def bench_dir(shared: Path | None = None) -> Path:
    return Path(shared) / "corpus" / "articlebench" if shared else need_shared("corpus", "articlebench")


def page_ids(folder: Path, *, limit: int | None = None, every: int = 1) -> list[str]:
    """Sorted page IDs; `every` keeps every k-th (a deterministic subset), `limit` the first N after that."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[::every]
    return ids[:limit] if limit else ids


def spinscope_extractor():
    from spinscope import Pipeline
    from spinscope.ingest.html import document_from_html

    pipeline = Pipeline(disable=["parse"])

    def extract(html: bytes, url: str | None) -> str:
        return pipeline(document_from_html(html, url=url)).body_text
    return extract


def trafilatura_extractor(include_comments: bool = True):
    import trafilatura

    def extract(html: bytes, url: str | None) -> str | None:
        return trafilatura.extract(html, url=url, include_comments=include_comments)
    return extract


def resiliparse_extractor():
    """Resiliparse's main-content text extraction (a fast C++ reader), for `bench/fast_html.py`."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def extract(html: bytes, url: str | None) -> str:
        return extract_plain_text(bytes_to_str(html, detect_encoding(html)), main_content=True)
    return extract


def summarize(pages: list[dict], system: str) -> dict:
    rows = [p[system] for p in pages]
    n = len(rows) or 1
    tp, pred, gold = (sum(r[k] for r in rows) for k in ("tp", "pred", "gold"))
    mp, mr = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {
        "precision": sum(r["p"] for r in rows) / n,
        "recall": sum(r["r"] for r in rows) / n,
        "f1": sum(r["f1"] for r in rows) / n,
        "micro_precision": mp, "micro_recall": mr,
        "micro_f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0,
        "empty": [p["id"] for p in pages if not p[system]["pred"]],
        "errors": {p["id"]: p[system]["error"] for p in pages if p[system].get("error")},
        "seconds": sum(r["seconds"] for r in rows),
    }


def run(shared: Path | None = None, *, limit: int | None = None, every: int = 1,
        ids: list[str] | None = None, systems: tuple[str, ...] = SYSTEMS) -> dict:
    """Score each system on the pages; returns {"pages": n, "systems": {name: summary}, "per_page": [...]}."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("spinscope").setLevel(logging.CRITICAL)
    folder = bench_dir(shared)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = ids if ids is not None else page_ids(folder, limit=limit, every=every)
    extractors = {"spinscope": spinscope_extractor, "trafilatura": trafilatura_extractor,
                  "trafilatura-nocomments": lambda: trafilatura_extractor(include_comments=False),
                  "resiliparse": resiliparse_extractor}
    extract = {name: extractors[name]() for name in systems}
    pages = []
    for pid in ids:
        html = gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes())
        gold, url = truth[pid]["articleBody"], truth[pid].get("url")
        page = {"id": pid}
        for name in systems:
            error = None
            t0 = time.perf_counter()
            try:
                out = extract[name](html, url)
            except Exception as e:  # a crash counts as empty output, and is reported
                out, error = "", f"{type(e).__name__}: {e}"[:200]
            seconds = time.perf_counter() - t0
            page[name] = {**score(out, gold), "seconds": seconds, "error": error}
        pages.append(page)
    return {"pages": len(pages), "measure": "set of lowercased \\w+ word 4-grams; mean = per-page average",
            "systems": {name: summarize(pages, name) for name in systems}, "per_page": pages}


def render(r: dict) -> str:
    rows = []
    for name, s in r["systems"].items():
        rows.append([name, f"{s['precision']:.4f}", f"{s['recall']:.4f}", f"{s['f1']:.4f}",
                     f"{s['micro_precision']:.4f}", f"{s['micro_recall']:.4f}", f"{s['micro_f1']:.4f}",
                     len(s["empty"]), len(s["errors"]), f"{s['seconds']:.1f}"])
    lines = [f"articlebench: {r['pages']} pages; {r['measure']}", "",
             table(["system", "P", "R", "F1", "micro P", "micro R", "micro F1", "empty", "errors", "seconds"],
                   rows, align="lrrrrrrrrr")]
    others = [name for name in r["systems"] if name.startswith("trafilatura")] if "spinscope" in r["systems"] else []
    lines += [""] if others else []
    for other in others:
        d = r["systems"]["spinscope"]["f1"] - r["systems"][other]["f1"]
        per = [p["spinscope"]["f1"] - p[other]["f1"] for p in r["per_page"]]
        lines += [f"spinscope - {other} mean F1: {d:+.4f} "
                  f"(better on {sum(x > 0.005 for x in per)} pages, worse on {sum(x < -0.005 for x in per)}, "
                  f"within 0.005 on {sum(abs(x) <= 0.005 for x in per)})"]
    for name, s in r["systems"].items():
        for pid in s["empty"]:
            why = s["errors"].get(pid)
            lines.append(f"{name} empty: {pid[:16]}" + (f"  ({why})" if why else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="score only the first N pages (sorted by ID)")
    ap.add_argument("--every", type=int, default=1, help="keep every k-th page (deterministic subset)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON (per page too)")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where spinscope trails most")
    args = ap.parse_args(argv)
    result = run(limit=args.limit, every=args.every)
    print(render(result))
    if args.worst:
        per = sorted(result["per_page"], key=lambda p: p["spinscope"]["f1"] - p["trafilatura"]["f1"])
        print()
        print(table(["page", "spin P", "spin R", "spin F1", "traf F1"],
                    [[p["id"][:16], f"{p['spinscope']['p']:.3f}", f"{p['spinscope']['r']:.3f}",
                      f"{p['spinscope']['f1']:.3f}", f"{p['trafilatura']['f1']:.3f}"] for p in per[:args.worst]],
                    align="lrrrr"))
    if args.json:
        dump_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
