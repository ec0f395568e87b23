"""Corpus store at scale: N synthetic records (bench/corpus_synth.py) stored, indexed, searched, copies found.

    nice -n 10 python bench/corpus.py [--n 100000] [--db FILE [--reuse]]

Prints: store rate, full-text index build, LSH indexing rate and lookup time, search latency p50/p95
(full text, semantic, hybrid; without and with filters), trends time, database size, and
near-duplicate precision/recall on planted copies for each edit kind. The analysis itself is not
timed: records are made up. Embeddings are synthetic too (a story's topic vector plus noise), so
semantic latency is measured, not semantic quality; the query's encoding by MiniLM is timed apart.
Aims (issue 13): search p95 < 100 ms and near-duplicate lookup < 10 ms at 100,000 documents.
With --reuse, a database this bench stored before (same --n) is read again and the store is not
timed: the records are generated again (the truth for precision/recall and the queries).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.corpus_synth import EDIT_KINDS, corpus  # noqa: E402
from spinscope.corpus import store  # noqa: E402
from spinscope.corpus.copies import CopyIndex, copy_groups, minhash  # noqa: E402
from spinscope.corpus.ingest import Ingester  # noqa: E402
from spinscope.corpus.records import body_text  # noqa: E402
from spinscope.corpus.search import Filters, Searcher, refresh_index  # noqa: E402
from spinscope.corpus.stories import StoryAssigner  # noqa: E402
from spinscope.corpus.trends import trends  # noqa: E402


def pct(xs, q):
    return float(np.percentile(np.asarray(xs) * 1000, q))


def timed(fn, runs):
    """Wall-clock and CPU seconds of fn(arg) for each arg (CPU: this process, all its threads)."""
    wall, cpu = [], []
    for arg in runs:
        t, c = time.perf_counter(), time.process_time()
        fn(arg)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return wall, cpu


def line(name, xs):
    wall, cpu = xs
    print(f"  {name:<42} wall p50 {pct(wall, 50):7.1f} ms  p95 {pct(wall, 95):7.1f} ms | "
          f"cpu p50 {pct(cpu, 50):7.1f} ms  p95 {pct(cpu, 95):7.1f} ms  (n={len(wall)})")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="database file (default: a temporary one, removed after)")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--reuse", action="store_true", help="query the --db stored by an earlier run; do not store again")
    args = ap.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = os.path.join(tmp.name, "bench.duckdb")
        args.reuse = False
    elif os.path.exists(args.db) and not args.reuse:
        os.remove(args.db)
    elif args.reuse and not os.path.exists(args.db):
        ap.error(f"--reuse: no database at {args.db}")
    rng = random.Random(7)
    nrng = np.random.default_rng(7)
    print(f"corpus bench: {args.n} synthetic records -> {args.db}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (wall times on a shared machine run long: cpu times beside them)")

    t = time.perf_counter()
    pairs = list(corpus(args.n, seed=1, copy_rate=0.1))
    print(f"generated in {time.perf_counter() - t:.1f} s (not part of any figure)")
    info = {}
    for r, i in pairs:
        info.setdefault(r["doc_id"], i)
    vec_by_title = {}

    def embed(texts):
        out = []
        for text in texts:
            v = vec_by_title[text.split("\n", 1)[0]] + nrng.normal(0, 0.15, 384).astype(np.float32)
            out.append(v / np.linalg.norm(v))
        return np.stack(out)
    for r, i in pairs:
        vec_by_title.setdefault(r["source"]["title"], i["vec"])

    if args.reuse:
        con = store.connect(args.db, write=True)
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(f"store: not timed (--reuse: {n_docs} documents stored by an earlier run)")
        refresh_index(con)
    else:
        con = store.connect(args.db, write=True, create=True)
        writer = Ingester(con, embed=embed, on_batch=StoryAssigner(con).assign)
        minhash("warm up the hash permutations")
        t, c = time.perf_counter(), time.process_time()
        for k in range(0, len(pairs), args.batch):
            writer.write([r for r, _ in pairs[k:k + args.batch]])
        store_s, store_cpu = time.perf_counter() - t, time.process_time() - c
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(f"store: {n_docs} documents in {store_s:.1f} s wall = {n_docs / store_s:.0f} docs/s "
              f"({store_cpu:.1f} s cpu = {n_docs / store_cpu:.0f} docs/cpu-s; records to rows, MinHash, "
              f"story assignment, a transaction per {args.batch}); load average {os.getloadavg()[0]:.1f}")
        t, c = time.perf_counter(), time.process_time()
        refresh_index(con)
        print(f"full-text index build: {time.perf_counter() - t:.1f} s wall, {time.process_time() - c:.1f} s cpu")
    con.execute("CHECKPOINT")
    con.close()
    size = os.path.getsize(args.db)
    print(f"database size: {size / 1e6:.0f} MB ({size / n_docs / 1e3:.1f} kB per document)")

    con = store.connect(args.db)
    t, c = time.perf_counter(), time.process_time()
    index = CopyIndex(con)
    lsh_s, lsh_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"LSH index (load average {os.getloadavg()[0]:.1f}): {len(index.sigs)} signatures read and indexed in "
          f"{lsh_s:.1f} s wall = {len(index.sigs) / lsh_s:.0f} docs/s ({lsh_cpu:.1f} s cpu = "
          f"{len(index.sigs) / lsh_cpu:.0f} docs/cpu-s)")
    records = {r["doc_id"]: r for r, _ in pairs}
    sample = rng.sample(sorted(records), min(args.queries, len(records)))
    texts = [body_text(records[d]) for d in sample]
    mhs = [minhash(x) for x in texts]
    print("near-duplicate lookup:")
    line("lookup (signature given)", timed(lambda m: index.lookup_minhash(m), mhs))
    line("lookup (text: shingles + MinHash + query)", timed(lambda x: index.lookup(x), texts))

    t, c = time.perf_counter(), time.process_time()
    groups = copy_groups(con, index=index)
    print(f"copy groups: {len(groups)} groups in {time.perf_counter() - t:.1f} s wall, {time.process_time() - c:.1f} s cpu")
    group_of = {d["doc_id"]: g.id for g in groups for d in g.docs}
    family = {}
    for d, i in info.items():
        family[d] = family.get(i["copy_of"], i["copy_of"]) if i["copy_of"] else d
    planted, found = Counter(), Counter()
    for d, i in info.items():
        if i["copy_of"] and i["copy_of"] in info:
            planted[i["edit"]] += 1
            found[i["edit"]] += group_of.get(d) is not None and group_of.get(d) == group_of.get(i["copy_of"])
    # A member of a group is one source of a text: a planted copy whose text equals its original's is stored once
    # and is a member under its own source (`sightings`), so the true pairs are counted over the records' sources.
    sources = {(r["doc_id"], r["source"]["path"], r["source"]["url"], r["source"]["outlet"]) for r, _ in pairs}
    true_pairs = Counter(family[s[0]] for s in sources)
    n_true = sum(k * (k - 1) // 2 for k in true_pairs.values())
    pred_pairs = good = 0
    for g in groups:
        fams = Counter(family[d["doc_id"]] for d in g.docs)
        pred_pairs += len(g.docs) * (len(g.docs) - 1) // 2
        good += sum(k * (k - 1) // 2 for k in fams.values())
    print(f"near-duplicates: pair precision {good / max(pred_pairs, 1):.3f}, pair recall {good / max(n_true, 1):.3f} "
          f"({pred_pairs} pairs found, {n_true} planted)")
    for kind in EDIT_KINDS:
        print(f"  recall, copies with edit {kind:<15} {found[kind] / max(planted[kind], 1):.3f} "
              f"({found[kind]}/{planted[kind]})")

    vocab = sorted({w for r in list(records.values())[:2000] for w in body_text(r).split()[:40] if len(w) > 5})
    queries = [" ".join(rng.sample(vocab, rng.choice((1, 2)))).strip(".") for _ in range(args.queries)]
    stories = [info[d]["vec"] for d in sample]
    outlets = [r["source"]["outlet"] for r in records.values()]
    top_outlet = Counter(outlets).most_common(1)[0][0]
    actor = Counter(e["kb_id"] for r in list(records.values())[:5000] for e in r["entities"]).most_common(1)[0][0]
    filters = Filters(outlet=top_outlet, since=date(2026, 3, 1), until=date(2026, 9, 30))
    actor_filter = Filters(actor=actor)
    qvec = dict(zip(queries, stories))
    s = Searcher(con, encode=lambda xs: np.stack([qvec[x] for x in xs]))
    t, c = time.perf_counter(), time.process_time()
    s.semantic(stories[0], Filters())
    s.text(queries[0], Filters())
    print(f"search (load average {os.getloadavg()[0]:.1f}); the first query of a process reads the documents' order, "
          f"the embedding matrix and the full-text docids: {time.perf_counter() - t:.2f} s wall, "
          f"{time.process_time() - c:.2f} s cpu")
    print("search latency (warm session, the whole search: ranking, filters, titles, passages):")
    line("full text", timed(lambda q: s.search(q, mode="text"), queries))
    line("full text + outlet + dates", timed(lambda q: s.search(q, filters, mode="text"), queries))
    line("full text + actor", timed(lambda q: s.search(q, actor_filter, mode="text"), queries))
    line("semantic", timed(lambda q: s.search(q, mode="semantic"), queries))
    line("semantic + outlet + dates", timed(lambda q: s.search(q, filters, mode="semantic"), queries))
    line("semantic + actor", timed(lambda q: s.search(q, actor_filter, mode="semantic"), queries))
    line("hybrid", timed(lambda q: s.search(q, mode="hybrid"), queries))
    line("hybrid + outlet + dates", timed(lambda q: s.search(q, filters, mode="hybrid"), queries))
    line("hybrid + actor", timed(lambda q: s.search(q, actor_filter, mode="hybrid"), queries))
    try:
        from spinscope.embed import encode
        encode(["warm up"])
        line("query encoding by MiniLM (CPU)", timed(lambda q: encode([q]), queries[:50]))
    except Exception as exc:  # noqa: BLE001 - the model package may be absent on a bare machine
        print(f"  query encoding not measured: {exc}")
    print(f"trends (load average now {os.getloadavg()[0]:.1f}):")
    line("trends QUERY --by week", timed(lambda q: trends(con, "week", query=q), queries[:30]))
    line("trends --actor X --by month", timed(lambda _: trends(con, "month", match=actor_filter), range(10)))
    con.close()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
