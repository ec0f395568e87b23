"""How the pipeline splits the five reference seeds (`shared/corpus/seeds/*.txt`), at a glance.

    .venv/bin/python bench/seeds.py            # clean stage only
    .venv/bin/python bench/seeds.py --parse    # clean + spaCy parse
    .venv/bin/python bench/seeds.py --json     # the table, then the figures as JSON

Per seed: characters, title, body characters, boilerplate characters by kind, comment count,
deepest nesting, empty comments (author line kept, text lost), and the first / last 40 characters
of the body. Skips with exit 0 when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import emit, ensure_spinscope, need_shared, snippet, table  # noqa: E402

ensure_spinscope()


def seed_paths(shared: Path | None = None) -> list[Path]:
    folder = Path(shared) / "corpus" / "seeds" if shared else need_shared("corpus", "seeds")
    return sorted(folder.glob("*.txt"))


# Page furniture that must never be left in an article body (checked case-insensitively).
FURNITURE = ("patreon", "notify of", "leave a reply", "would love your thoughts", "inline feedbacks",
             "view all comments", "newest most voted")


def describe(doc, name: str) -> dict:
    """The figures of one processed document."""
    kinds: dict[str, int] = {}
    for b in doc.boilerplate:
        kinds[b.kind] = kinds.get(b.kind, 0) + (b.end - b.start)
    body_text = doc.body_text
    overlaps = sum(1 for c in doc.comments for b in doc.body if c.start < b.end and b.start < c.end)
    return {
        "seed": name,
        "chars": len(doc.text),
        "title": doc.span_text(doc.title) if doc.title else None,
        "body_chars": sum(s.end - s.start for s in doc.body),
        "body_spans": len(doc.body),
        "boilerplate": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        "comments": len(doc.comments),
        "max_depth": max((c.depth for c in doc.comments), default=None),
        "empty_comments": sum(1 for c in doc.comments if c.empty),
        "body_head": body_text[:40],
        "body_tail": body_text[-40:],
        "body_comment_overlaps": overlaps,
        "furniture_in_body": [m for m in FURNITURE if m in body_text.lower()],
        "problems": doc.problems(),
        "sentences": len(doc.sentences),
    }


def run(shared: Path | None = None, *, parse: bool = False, paths: list[Path] | None = None) -> dict:
    """Process the seeds (or `paths`) and return {"seeds": [...], "seconds": ..., "stages": {...}}."""
    from spinscope import Pipeline
    from spinscope.ingest import read
    from spinscope.ingest.base import Failure

    paths = list(paths) if paths is not None else seed_paths(shared)
    pipeline = Pipeline(disable=[] if parse else ["parse"])
    out, failures = [], []
    t0 = time.perf_counter()
    for path in paths:
        for item in read([path]):
            if isinstance(item, Failure):
                failures.append(str(item))
                continue
            doc = pipeline(item)
            out.append(describe(doc, Path(path).stem))
    seconds = time.perf_counter() - t0
    return {"seeds": out, "failures": failures, "seconds": round(seconds, 3),
            "stages": {k: round(v, 3) for k, v in pipeline.timings.items()}, "parse": parse}


def render(result: dict) -> str:
    rows = []
    for s in result["seeds"]:
        title = s["title"] or "-"
        rows.append([s["seed"][:24], s["chars"], s["body_chars"], len(s["boilerplate"]), s["comments"],
                     "-" if s["max_depth"] is None else s["max_depth"], s["empty_comments"],
                     title if len(title) <= 48 else title[:47] + "…"])
    lines = [table(["seed", "chars", "body", "bp kinds", "comments", "depth", "empty", "title"], rows,
                   align="lrrrrrrl"), ""]
    for s in result["seeds"]:
        kinds = " ".join(f"{k}:{v}" for k, v in s["boilerplate"].items()) or "-"
        lines.append(f"{s['seed'][:24]}")
        lines.append(f"  boilerplate  {kinds}")
        lines.append(f"  body starts  «{snippet(s['body_head'])}»")
        lines.append(f"  body ends    «{snippet(s['body_tail'], tail=True)}»")
        if s["body_comment_overlaps"] or s["problems"] or s["furniture_in_body"]:
            lines.append(f"  PROBLEMS     overlaps={s['body_comment_overlaps']} furniture in body="
                         f"{s['furniture_in_body']} {s['problems'][:3]}")
        if result["parse"]:
            lines.append(f"  sentences    {s['sentences']}")
    for f in result["failures"]:
        lines.append(f"FAILED {f}")
    stages = ", ".join(f"{k} {v:.3f}s" for k, v in result["stages"].items())
    lines.append(f"\n{len(result['seeds'])} seeds in {result['seconds']:.3f}s ({stages})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parse", action="store_true", help="also run the spaCy parse stage")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    ap.add_argument("paths", nargs="*", type=Path, help="other text files instead of the seeds")
    args = ap.parse_args(argv)
    result = run(parse=args.parse, paths=args.paths or None)
    return emit(result, render, args.json)


if __name__ == "__main__":
    sys.exit(main())
