"""Throughput of the whole spinscope pipeline next to a bare spaCy `nlp.pipe` on the same texts.

    .venv/bin/python bench/throughput.py                 # seeds + bundled examples, repeated 20 times
    .venv/bin/python bench/throughput.py --repeat 5
    .venv/bin/python bench/throughput.py --paths a.txt corpus.jsonl
    .venv/bin/python bench/throughput.py --json

Documents are read once (reading is not timed), then copied `--repeat` times. After a warm-up of
both, the run times `Pipeline().pipe(docs)` (clean + parse) and `load_nlp().pipe(full texts)`.
Words are whitespace-separated words of the full texts, for both. Without `--paths`, skips with
exit 0 when the shared folder (the seeds) is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
from copy import copy
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import EXAMPLES, emit, ensure_spinscope, need_shared, table  # noqa: E402

ensure_spinscope()

EXAMPLE_FILES = ["txt/*.txt", "html/*.html", "corpus.jsonl", "corpus.csv", "feed.rss", "archive.warc.gz"]


def default_paths(shared: Path | None = None) -> list[Path]:
    seeds = Path(shared) / "corpus" / "seeds" if shared else need_shared("corpus", "seeds")
    paths = sorted(seeds.glob("*.txt"))
    for pattern in EXAMPLE_FILES:
        paths.extend(sorted(EXAMPLES.glob(pattern)))
    return paths


def load_documents(paths: list[Path]) -> tuple[list, list[str]]:
    from spinscope.ingest import read
    from spinscope.ingest.base import Failure

    docs, failures = [], []
    for item in read(paths):
        (failures.append(str(item)) if isinstance(item, Failure) else docs.append(item))
    return docs, failures


def fresh(doc):
    """An unprocessed copy of a read document (same text, source and reader hints)."""
    from spinscope.model import Document
    return Document(text=doc.text, source=copy(doc.source), hints=dict(doc.hints))


def run(shared: Path | None = None, *, paths: list[Path] | None = None, repeat: int = 20,
        batch_size: int = 32) -> dict:
    from spinscope import Pipeline
    from spinscope.nlp import load_nlp

    paths = list(paths) if paths else default_paths(shared)
    base, failures = load_documents(paths)
    if not base:
        raise SystemExit(f"no documents read from {len(paths)} path(s): {failures[:3]}")
    texts = [d.text for d in base] * repeat
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    # Warm-up: load the model and run both paths once on a few documents.
    nlp = load_nlp()
    list(nlp.pipe(texts[: min(8, len(base))]))
    list(Pipeline(batch_size=batch_size).pipe([fresh(d) for d in base[:8]]))

    docs = [fresh(d) for _ in range(repeat) for d in base]
    pipeline = Pipeline(batch_size=batch_size)
    t0 = time.perf_counter()
    n_out = sum(1 for _ in pipeline.pipe(docs))
    spin_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_bare = sum(1 for _ in nlp.pipe(texts, batch_size=64))
    bare_s = time.perf_counter() - t0
    assert n_out == n_bare == len(texts)

    return {
        "documents": len(texts), "distinct_documents": len(base), "repeat": repeat,
        "words": words, "chars": chars, "read_failures": failures,
        "spinscope": {"seconds": round(spin_s, 3), "docs_per_s": round(len(texts) / spin_s, 2),
                      "words_per_s": round(words / spin_s, 1),
                      "stages": {k: round(v, 3) for k, v in pipeline.timings.items()}},
        "bare_spacy": {"seconds": round(bare_s, 3), "docs_per_s": round(len(texts) / bare_s, 2),
                       "words_per_s": round(words / bare_s, 1)},
        "ratio_time_spinscope_over_bare": round(spin_s / bare_s, 3),
        "ratio_throughput_spinscope_over_bare": round(bare_s / spin_s, 3),
    }


def render(r: dict) -> str:
    s, b = r["spinscope"], r["bare_spacy"]
    lines = [f"{r['documents']} documents ({r['distinct_documents']} distinct x {r['repeat']}), "
             f"{r['words']:,} words, {r['chars']:,} chars", "",
             table(["system", "seconds", "docs/s", "words/s"],
                   [[f"spinscope Pipeline ({'+'.join(s['stages'])})", s["seconds"], s["docs_per_s"], s["words_per_s"]],
                    ["bare en_core_web_sm nlp.pipe", b["seconds"], b["docs_per_s"], b["words_per_s"]]],
                   align="lrrr"), ""]
    total = sum(s["stages"].values()) or 1.0
    lines.append(table(["stage", "seconds", "share", "docs/s"],
                       [[k, f"{v:.3f}", f"{100 * v / total:.1f}%", f"{r['documents'] / v:.1f}" if v else "-"]
                        for k, v in s["stages"].items()], align="lrrr"))
    lines.append("")
    lines.append(f"spinscope / bare time ratio: {r['ratio_time_spinscope_over_bare']:.3f} "
                 f"(throughput {r['ratio_throughput_spinscope_over_bare']:.3f}x of bare spaCy)")
    for f in r["read_failures"]:
        lines.append(f"read failure: {f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20, help="copies of each document (default 20)")
    ap.add_argument("--paths", nargs="+", type=Path, help="files or folders to read instead of seeds + examples")
    ap.add_argument("--batch-size", type=int, default=32, help="pipeline batch size (default 32)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args(argv)
    result = run(paths=args.paths, repeat=args.repeat, batch_size=args.batch_size)
    return emit(result, render, args.json)


if __name__ == "__main__":
    sys.exit(main())
