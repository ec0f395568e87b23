"""The pages and API routes of `spinscope serve` on a large store: each route's wall and CPU time, one route at a time.

The large store is stop 43's (docs/serve.md "Actor network and exports (stop 43)"): a store that `spinscope ingest`
filled with real analyses, repeated N times under new doc_ids, seqs and addresses, every layer table with it (the
copies' minhashes, embeddings and stories are left out: N copies of one text would be one copy group of N, and the
semantic and story pages are not what is measured). Unlike stop 43's, the copies keep their title, text and record,
so the article view, search and the labels of untitled documents work on any of them, and the full-text index
covers them all.

    # the base store: examples/ and the first 60 PTC articles of ../shared/corpus (skipped when absent)
    nice python bench/serve_scale.py build --out /tmp/scale.duckdb [--base DB] [--copies 562]
    nice python bench/serve_scale.py time --db /tmp/scale.duckdb [--repeat 3] [--only PREFIX]

`build --base DB` starts from a store already ingested (stop 43 used the walk store of 111 EUvsDisinfo case
summaries, 60 PTC articles and the 5 seeds). `time` runs the real app in this process (uvicorn in a thread, 2
DuckDB threads), waits for its digest and search snapshot, then GETs every route once and `--repeat` times more,
printing the median wall time and the CPU time of this process (server and client) of each, with the answer's
status and size. The routes' parameters (an actor, an outlet, a document) are read from the store.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
SHARED = ROOT.parent / "shared" / "corpus"

# Tables grown with the documents; the others (embeddings, minhashes, stories, story_docs) stay with the originals.
GROWN = ("segments", "comments", "entities", "mentions", "quotes", "citations", "places", "dates", "events",
         "techniques", "narratives", "labels", "markers", "sightings")


def ingest_base(out: Path) -> None:
    """examples/ and the first 60 PTC articles (when ../shared is there), through `spinscope ingest`."""
    paths = [str(ROOT / "examples")]
    ptc = SHARED / "ptc" / "articles"
    tmp = None
    if ptc.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix="spinscope-scale-"))
        for f in sorted(ptc.glob("*.txt"))[:60]:
            shutil.copy(f, tmp / f.name)
        paths.append(str(tmp))
    try:
        subprocess.run([sys.executable, "-m", "spinscope", "ingest", *paths, "--db", str(out)], check=True,
                       env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    finally:
        if tmp:
            shutil.rmtree(tmp)


def grow(out: Path, copies: int) -> None:
    import duckdb

    from spinscope.corpus import store
    from spinscope.corpus.search import refresh_index, set_meta
    con = duckdb.connect(str(out))
    top = con.execute("SELECT max(seq) FROM documents").fetchone()[0] + 1
    cols = {t: [r[0] for r in con.execute(f'DESCRIBE "{t}"').fetchall()] for t in ("documents", *GROWN)}
    con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies])
    renamed = {"doc_id": "doc_id || '-' || k", "url": "url || '#' || k", "url_key": "url_key || '#' || k",
               "canonical": "canonical || '#' || k", "path": "path || '#' || k"}
    t = time.perf_counter()
    dc = ", ".join(f"seq + k * {top}" if c == "seq" else renamed.get(c, f'"{c}"') for c in cols["documents"])
    con.execute(f"INSERT INTO documents SELECT {dc} FROM documents, k WHERE seq < {top} ORDER BY k, seq")
    for table in GROWN:
        tc = ", ".join(renamed.get(c, f'"{c}"') if c in ("doc_id", "url", "canonical", "path") else f'"{c}"'
                       for c in cols[table])
        con.execute(f"""INSERT INTO "{table}" SELECT {tc} FROM "{table}", k WHERE doc_id NOT LIKE '%-%'""")
    print(f"grown in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    set_meta(con, "fts_dirty", "1")
    con.close()
    t = time.perf_counter()
    with store.connect(out, write=True) as con:
        refresh_index(con)
        counts = {tb: con.execute(f'SELECT count(*) FROM "{tb}"').fetchone()[0]
                  for tb in ("documents", "events", "quotes", "citations", "entities", "mentions")}
    print(f"full-text index in {time.perf_counter() - t:.0f} s; {counts}", file=sys.stderr)


def build(args) -> None:
    out = Path(args.out)
    if out.exists():
        sys.exit(f"{out} exists")
    if args.base:
        shutil.copy(args.base, out)
    else:
        ingest_base(out)
    grow(out, args.copies)


def routes(con) -> list[str]:
    """Every page and the main API routes, with parameters read from the store."""
    def one(sql):
        row = con.execute(sql).fetchone()
        return row[0] if row else None
    doc = one("""SELECT d.doc_id FROM documents d JOIN events e USING (doc_id) JOIN quotes q USING (doc_id)
                 WHERE d.record IS NOT NULL GROUP BY d.doc_id, d.seq ORDER BY count(DISTINCT e.id) DESC, d.seq LIMIT 1""")
    actor = one("""SELECT kb_id FROM entities WHERE kb_id IS NOT NULL GROUP BY kb_id ORDER BY count(*) DESC, kb_id
                   LIMIT 1""") or "russia"
    outlet = one("SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet "
                 "LIMIT 1")
    speaker = one("""SELECT speaker_kb_id FROM quotes WHERE speaker_kb_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC,
                     1 LIMIT 1""")
    etype = one("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC, type LIMIT 1")
    word = "government"
    o = quote(outlet or "", safe="")
    return [
        "/", "/documents", "/documents?sort=-words", f"/documents?outlet={o}", f"/documents/{doc}",
        f"/api/documents/{doc}", f"/api/documents?limit=100&actor={actor}",
        "/events", f"/events?type={etype}", f"/events?who={actor}", "/events?quad=conflict",
        "/api/events?limit=500", f"/api/events?limit=500&type={etype}", "/api/events.geojson?limit=5000",
        "/quotes", "/quotes?kind=statements", "/quotes?sort=speaker", f"/quotes?contains={word}",
        f"/quotes?speaker={speaker}&since=2016-01-01", "/api/quotes?limit=100",
        "/narratives", "/api/narratives", "/api/techniques", "/api/narratives/over-time",
        "/api/techniques/over-time", "/api/comments/over-time",
        f"/search?q={word}", f"/api/search?q={word}&mode=text", f"/api/search?q={word}&mode=hybrid",
        f"/trends?q={word}", f"/api/trends?actor={actor}",
        "/actors", f"/actors/{actor}", "/api/actors?limit=100", "/api/actors/network?min_weight=50",
        "/outlets", f"/outlets/{o}", "/stories", "/copies",
        "/network", "/network?kind=quotes", "/network?kind=citations",
        "/network?quad=conflict&since=2017-01-01&until=2017-12-31", f"/network?who={actor}",
        "/api/network", "/api/network?evidence=1000", "/api/network.csv",
    ]


def timed(args) -> None:
    import httpx

    from spinscope.corpus import store
    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    from tests.serve_corpus import Running, encode
    with store.connect(args.db) as con:
        paths = routes(con)
    if args.only:
        paths = [p for p in paths if any(p.startswith(x) for x in args.only)]
    app = create_app(args.db, Settings(), encode=encode)
    app.state.corpus.con.execute(f"SET threads = {args.threads}")
    rows = []
    with Running(app) as s, httpx.Client(timeout=600) as c:
        t = time.perf_counter()
        for th in app.state.corpus._threads:
            th.join()
        print(f"warm-up (digest, search snapshot): {time.perf_counter() - t:.1f} s", file=sys.stderr)
        for path in paths:
            r = c.get(s.url + path)
            walls, cpus = [], []
            for _ in range(args.repeat):
                w, p = time.perf_counter(), time.process_time()
                r = c.get(s.url + path)
                walls.append((time.perf_counter() - w) * 1000)
                cpus.append((time.process_time() - p) * 1000)
            rows.append((path, r.status_code, len(r.content), statistics.median(walls), statistics.median(cpus)))
            print(f"{path}\t{r.status_code}\t{len(r.content)}\t{rows[-1][3]:.0f} ms\t{rows[-1][4]:.0f} ms",
                  file=sys.stderr, flush=True)
    print(f"| route | status | bytes | wall ms (median of {args.repeat}) | CPU ms |")
    print("|---|---|---|---|---|")
    for path, status, size, wall, cpu in rows:
        print(f"| `{path}` | {status} | {size:,} | {wall:,.0f} | {cpu:,.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--base", help="a store already ingested (else examples/ and 60 PTC articles are ingested)")
    b.add_argument("--copies", type=int, default=562)
    t = sub.add_parser("time")
    t.add_argument("--db", required=True)
    t.add_argument("--repeat", type=int, default=3)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--only", nargs="*", help="only the routes beginning so")
    args = ap.parse_args()
    build(args) if args.command == "build" else timed(args)


if __name__ == "__main__":
    main()
