"""Body and comment extraction on the Dragnet pages (`shared/corpus/dragnet/`): spinscope vs trafilatura.

    .venv/bin/python bench/dragnet.py                  # the test part (the figures to report)
    .venv/bin/python bench/dragnet.py --part dev       # the dev part (the one to tune on)
    .venv/bin/python bench/dragnet.py --part all --limit 50 --worst 10
    .venv/bin/python bench/dragnet.py --json           # the table, then the figures as JSON

Split (ours, not the set's `split` field): a page is in `test` when the first 8 hex digits of
sha256("dragnet:" + ID), read as a number, modulo 10 are 0, 1 or 2 (about 30% of the pages); every
other page is `dev`. Tune on dev, report test. The quality gate (tests/test_quality_gate_dragnet.py)
uses the test pages whose number modulo 10 is 0 (about a tenth of all pages).

Systems, given the same raw page bytes:
- spinscope: `document_from_html(html)`, then the `clean` stage (`Pipeline(stages=["clean"])`). Article = the title
  line and `doc.body_text`; comments = each comment's author, its text and the `comment_meta` lines
  (timestamps and signature lines, which the gold keeps as comment text). A crash counts as empty.
- trafilatura: `bare_extraction(html, include_comments=False, with_metadata=True)` for the article
  (title line and main text), and `bare_extraction(html, include_comments=True)`'s `comments` field
  for the comments (its own comment extraction).

Measures, on lowercased `\\w+` word tokens counted as a bag (multiset). The gold `content` keeps the
title, byline and "related" lists as article (the annotators' convention), so they count there.
- body P/R/F1: |pred ∩ content| over |pred|, |content|. "Mean" averages pages; "micro" pools counts.
- article F1 ("art F1"): the same with spinscope's byline, dateline and related-link lines (above its
  comments) put back beside title and body, as the annotators' article holds them; for trafilatura
  it is its body F1 (its text keeps what it keeps).
- leak: comment tokens in the body that the article does not explain: per token
  min(max(0, body[t] - content[t]), comments[t]), pooled over pages with comments, over the gold
  comment tokens of those pages (the share of comment text that ended up in the body).
- comment P/R/F1: the same as body against `comments`, pooled over all pages of the part (a page
  without gold comments adds only to the predicted count), and the mean over pages with comments.
Skips with exit 0 when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import dump_json, ensure_spinscope, need_shared, table  # noqa: E402

ensure_spinscope()

from spinscope.training.splits import dragnet_bucket, dragnet_part  # noqa: E402

SYSTEMS = ("spinscope", "trafilatura")
CONVENTION_KINDS = {"byline", "dateline", "related"}  # what spinscope files apart and the gold keeps as article
_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> Counter:
    """The bag of lowercased `\\w+` tokens of a text."""
    return Counter(_WORD.findall((text or "").lower()))


part_of = dragnet_part  # 'test' or 'dev': a fixed hash of the ID (spinscope.training.splits)


def in_gate(page_id: str) -> bool:
    """The gate subset: a tenth of the pages, all inside the test part."""
    return dragnet_bucket(page_id) == 0


def bench_dir(shared: Path | None = None) -> Path:
    return Path(shared) / "corpus" / "dragnet" if shared else need_shared("corpus", "dragnet")


def load_gold(folder: Path) -> dict[str, dict]:
    with gzip.open(folder / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def page_ids(gold: dict, part: str = "test", *, gate: bool = False, limit: int | None = None) -> list[str]:
    ids = sorted(i for i in gold if part == "all" or part_of(i) == part)
    if gate:
        ids = [i for i in ids if in_gate(i)]
    return ids[:limit] if limit else ids


def spinscope_extractor():
    from spinscope import Pipeline
    from spinscope.ingest.html import document_from_html

    pipeline = Pipeline(stages=["clean"])  # later stages do not change the body or the comments

    def extract(html: bytes) -> tuple[str, str, str]:
        doc = pipeline(document_from_html(html))
        title = doc.span_text(doc.title) if doc.title else ""
        # The annotators' article: spinscope files bylines, datelines and related links apart, the gold keeps them.
        end = min((c.start for c in doc.comments), default=len(doc.text))
        kept = [(b.start, b.end) for b in doc.boilerplate if b.kind in CONVENTION_KINDS and b.end <= end]
        pieces = ([(doc.title.start, doc.title.end)] if doc.title else []) + [(s.start, s.end) for s in doc.body]
        article = "\n\n".join(doc.text[s:e] for s, e in sorted(pieces + kept))
        parts = [(c.author_span.start, c.author_span.end) for c in doc.comments if c.author_span is not None]
        parts += [(c.start, c.end) for c in doc.comments if not c.empty]
        parts += [(b.start, b.end) for b in doc.boilerplate if b.kind == "comment_meta"]
        comments = [doc.text[s:e] for s, e in sorted(set(parts))]
        return "\n\n".join(p for p in (title, doc.body_text) if p), "\n\n".join(comments), article
    return extract


def trafilatura_extractor():
    import trafilatura

    def extract(html: bytes) -> tuple[str, str, str]:
        art = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
        com = trafilatura.bare_extraction(html, include_comments=True)
        body = "\n\n".join(p for p in ((art.title or "", art.text or "") if art else ()) if p)
        return body, (com.comments or "") if com else "", body
    return extract


def prf(pred: Counter, gold: Counter) -> dict:
    tp = sum((pred & gold).values())
    np_, ng = sum(pred.values()), sum(gold.values())
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return {"tp": tp, "pred": np_, "gold": ng, "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def leaked(body: Counter, content: Counter, comments: Counter) -> int:
    """Comment tokens in the body beyond what the article itself holds."""
    return sum(min(max(0, n - content[t]), comments[t]) for t, n in body.items() if t in comments)


def score_page(body: str, comments: str, article: str, gold: dict) -> dict:
    b, c = tokens(body), tokens(comments)
    gc, gm = tokens(gold["content"]), tokens(gold["comments"] if gold.get("has_comments") else "")
    return {"body": prf(b, gc), "article": prf(tokens(article), gc), "comments": prf(c, gm),
            "leak": leaked(b, gc, gm), "comment_gold": sum(gm.values())}


def _pooled(rows: list[dict]) -> dict:
    tp, pred, gold = (sum(r[k] for r in rows) for k in ("tp", "pred", "gold"))
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _mean(rows: list[dict]) -> dict:
    n = len(rows) or 1
    return {k: sum(r[k] for r in rows) / n for k in ("p", "r", "f1")}


def summarize(pages: list[dict], system: str) -> dict:
    rows = [p[system] for p in pages]
    with_comments = [r for p, r in zip(pages, rows) if p["has_comments"]]
    comment_gold = sum(r["comment_gold"] for r in with_comments)
    return {
        "body": _mean([r["body"] for r in rows]),
        "body_micro": _pooled([r["body"] for r in rows]),
        "article": _mean([r["article"] for r in rows]),
        "leak": sum(r["leak"] for r in with_comments) / comment_gold if comment_gold else 0.0,
        "comments": _pooled([r["comments"] for r in rows]),
        "comments_mean": _mean([r["comments"] for r in with_comments]),
        "spurious_comment_pages": sum(1 for p, r in zip(pages, rows) if not p["has_comments"] and r["comments"]["pred"]),
        "errors": {p["id"]: r["error"] for p, r in zip(pages, rows) if r.get("error")},
        "seconds": sum(r["seconds"] for r in rows),
    }


def run(shared: Path | None = None, *, part: str = "test", gate: bool = False, limit: int | None = None,
        ids: list[str] | None = None, systems: tuple[str, ...] = SYSTEMS) -> dict:
    """Score each system on the pages; returns {"pages", "with_comments", "systems": {name: summary}, "per_page"}."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("spinscope").setLevel(logging.CRITICAL)
    folder = bench_dir(shared)
    gold = load_gold(folder)
    ids = ids if ids is not None else page_ids(gold, part, gate=gate, limit=limit)
    makers = {"spinscope": spinscope_extractor, "trafilatura": trafilatura_extractor}
    extract = {name: makers[name]() for name in systems}
    pages = []
    for pid in ids:
        html = gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes())
        page = {"id": pid, "has_comments": bool(gold[pid].get("has_comments"))}
        for name in systems:
            error = None
            t0 = time.perf_counter()
            try:
                body, comments, article = extract[name](html)
            except Exception as e:  # a crash counts as empty output, and is reported
                body, comments, article, error = "", "", "", f"{type(e).__name__}: {e}"[:200]
            page[name] = {**score_page(body, comments, article, gold[pid]), "seconds": time.perf_counter() - t0,
                          "error": error}
        pages.append(page)
    return {"pages": len(pages), "part": "gate" if gate else part,
            "with_comments": sum(p["has_comments"] for p in pages),
            "measure": "bags of lowercased \\w+ tokens; body mean over pages, comments pooled",
            "systems": {name: summarize(pages, name) for name in systems}, "per_page": pages}


def render(r: dict) -> str:
    rows = []
    for name, s in r["systems"].items():
        b, bm, c, cm = s["body"], s["body_micro"], s["comments"], s["comments_mean"]
        rows.append([name, f"{b['p']:.4f}", f"{b['r']:.4f}", f"{b['f1']:.4f}", f"{bm['f1']:.4f}",
                     f"{s['article']['f1']:.4f}",
                     f"{s['leak']:.4f}", f"{c['p']:.4f}", f"{c['r']:.4f}", f"{c['f1']:.4f}", f"{cm['f1']:.4f}",
                     s["spurious_comment_pages"], len(s["errors"]), f"{s['seconds']:.1f}"])
    lines = [f"dragnet {r['part']}: {r['pages']} pages, {r['with_comments']} with comments; {r['measure']}", "",
             table(["system", "body P", "body R", "body F1", "micro F1", "art F1", "leak", "comm P", "comm R", "comm F1",
                    "mean cF1", "spurious", "errors", "seconds"], rows, align="lrrrrrrrrrrrrr")]
    for name, s in r["systems"].items():
        for pid, why in s["errors"].items():
            lines.append(f"{name} error on {pid}: {why}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("test", "dev", "all"), default="test", help="which pages (default: test)")
    ap.add_argument("--gate", action="store_true", help="only the quality gate's subset (inside test)")
    ap.add_argument("--limit", type=int, help="score only the first N pages (sorted by ID)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON (per page too)")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where spinscope trails most")
    args = ap.parse_args(argv)
    result = run(part=args.part, gate=args.gate, limit=args.limit)
    print(render(result))
    if args.worst and "trafilatura" in result["systems"]:
        def gap(p):
            return (p["spinscope"]["body"]["f1"] - p["trafilatura"]["body"]["f1"]
                    + p["spinscope"]["comments"]["f1"] - p["trafilatura"]["comments"]["f1"] * p["has_comments"])
        per = sorted(result["per_page"], key=gap)
        print()
        print(table(["page", "spin bP", "spin bR", "traf bF1", "spin leak", "spin cP", "spin cR", "traf cF1"],
                    [[p["id"], f"{p['spinscope']['body']['p']:.3f}", f"{p['spinscope']['body']['r']:.3f}",
                      f"{p['trafilatura']['body']['f1']:.3f}", p["spinscope"]["leak"],
                      f"{p['spinscope']['comments']['p']:.3f}", f"{p['spinscope']['comments']['r']:.3f}",
                      f"{p['trafilatura']['comments']['f1']:.3f}"] for p in per[:args.worst]], align="lrrrrrrr"))
    if args.json:
        dump_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
