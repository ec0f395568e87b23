"""Markers on real text nobody here wrote: how often hate, conspiracy, violence and insult cues fire.

    .venv/bin/python bench/markers_real.py            # the held-out sets: PolNeAR dev, Dragnet test
    .venv/bin/python bench/markers_real.py --tune     # the sets the lexicon's context rules were fitted on
    .venv/bin/python bench/markers_real.py --list     # also every marker with its context, to judge

No gold says which cue is right, so the figures are counts (markers per 100,000 words, by term) and
`--list` gives what an analyst judges by eye. Neutral news (PolNeAR: US election coverage; LGL: local
news) should give almost none; Dragnet's reader comments (2012 blogs and news) some insults.
The pipeline is `clean` then `markers`, as in `spinscope analyze`.
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import bench_parser, ensure_spinscope, need_shared, table  # noqa: E402

ensure_spinscope()


def text_files(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def dragnet(split: str) -> list[tuple[str, str]]:
    """Each page's gold article and, apart, its gold comments."""
    out = []
    with gzip.open(need_shared("corpus", "dragnet", "gold.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("split") != split:
                continue
            if (r.get("content") or "").strip():
                out.append((r["id"], r["content"]))
            if (r.get("comments") or "").strip():
                out.append((r["id"] + "#comments", r["comments"]))
    return out


def corpora(tune: bool) -> dict[str, list[tuple[str, str]]]:
    polnear = need_shared("corpus", "polnear")
    if tune:
        return {"PolNeAR train": text_files(polnear / "train" / "text"),
                "LGL": text_files(need_shared("corpus", "lgl", "text")),
                "Dragnet train": dragnet("train")}
    return {"PolNeAR dev": text_files(polnear / "dev" / "text"), "Dragnet test": dragnet("test")}


def run(tune: bool = False) -> dict:
    from spinscope import Pipeline
    from spinscope.model import Document

    pipeline = Pipeline(stages=["clean", "markers"], doc_timeout=0)
    out = {}
    for name, items in corpora(tune).items():
        docs = [Document(text=text) for _, text in items]
        words, terms, hits = 0, Counter(), []
        for (doc_id, _), doc in zip(items, pipeline.pipe(docs)):
            words += len(doc.text.split())
            for m in doc.markers:
                terms[f"{m.kind}: {m.term}"] += 1
                context = doc.text[max(0, m.start - 70):m.end + 50].replace("\n", " ")
                hits.append((doc_id, m.kind, m.term, doc.text[m.start:m.end], context))
        out[name] = {"documents": len(items), "words": words, "markers": sum(terms.values()),
                     "per_100k_words": round(1e5 * sum(terms.values()) / max(words, 1), 2),
                     "terms": dict(terms.most_common()), "hits": hits}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, tune="the tuning sets instead of the held-out ones",
                      list="also list every marker with its context")
    args = ap.parse_args(argv)
    result = run(args.tune)
    print(table(["corpus", "documents", "words", "markers", "per 100k words"],
                [[k, r["documents"], r["words"], r["markers"], r["per_100k_words"]] for k, r in result.items()]))
    for name, r in result.items():
        print(f"\n{name}: " + (", ".join(f"{t} {n}" for t, n in r["terms"].items()) or "none"))
        if args.list:
            for doc_id, kind, term, found, context in r["hits"]:
                print(f"  {doc_id[:30]:30} {kind:10} {found!r:24} | {context}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
