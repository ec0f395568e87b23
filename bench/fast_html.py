"""Bulk HTML: pages/s and body F1 of trafilatura beside a faster reader (Resiliparse) on articlebench.

    .venv/bin/python bench/fast_html.py            # all 181 pages
    .venv/bin/python bench/fast_html.py --limit 60

Both readers get the same raw page bytes; F1 is bench/articlebench.py's (set of word 4-grams, mean over
pages); seconds are the extraction calls only. spinscope would use the faster reader behind a
`--fast-html` option only if its F1 stays within 0.01 of trafilatura's; the last line says whether
it does. Skips with exit 0 when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import articlebench  # noqa: E402
from bench._common import table  # noqa: E402

SYSTEMS = ("trafilatura-nocomments", "resiliparse")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    r = articlebench.run(limit=args.limit, systems=SYSTEMS)
    rows = []
    for name in SYSTEMS:
        s = r["systems"][name]
        rows.append([name, f"{s['f1']:.4f}", f"{s['micro_f1']:.4f}", f"{s['seconds']:.2f}",
                     f"{r['pages'] / s['seconds']:.1f}" if s["seconds"] else "-"])
    print(f"{r['pages']} pages")
    print(table(["reader", "mean F1", "micro F1", "seconds", "pages/s"], rows, align="lrrrr"))
    gap = r["systems"]["trafilatura-nocomments"]["f1"] - r["systems"]["resiliparse"]["f1"]
    verdict = "within 0.01: usable for --fast-html" if gap <= 0.01 else "more than 0.01 below: not used"
    print(f"resiliparse F1 - trafilatura F1 = {-gap:+.4f} ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
