"""Latency of `spinscope serve` under load: p50/p95 of the main API routes and the article page with 20
concurrent clients on loopback, over 10,000 stored documents; and the server's memory.

The documents are synthetic records (bench/corpus_synth.py: made-up words, honest spans, planted copies),
stored with the corpus loader; their embeddings come from a hashed bag of words (tests/serve_corpus.py's
stand-in), so semantic/hybrid search time here excludes the MiniLM query encoding (about 10 ms a query on
2 cores when the packaged model is used).

    nice -n 10 python bench/serve.py [--docs 10000] [--clients 20] [--requests 30] [--sequential 10] [--db FILE]

The clients run in this process on the same machine: their CPU time is printed beside the server's, with the
load average, since on a shared machine latency says as much about the neighbours as about the server.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def build(db: Path, n: int) -> None:
    from bench.corpus_synth import corpus
    from spinscope.corpus import store
    from spinscope.corpus.ingest import Ingester
    from spinscope.corpus.search import refresh_index
    from spinscope.corpus.stories import StoryAssigner
    from tests.serve_corpus import encode
    t = time.perf_counter()
    con = store.connect(db, write=True, create=True)
    ing = Ingester(con, embed=encode, on_batch=StoryAssigner(con).assign)
    batch = []
    for r, _ in corpus(n, seed=3, copy_rate=0.1):
        batch.append(r)
        if len(batch) == 500:
            ing.write(batch)
            batch = []
    ing.write(batch)
    refresh_index(con)
    count = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    print(f"stored {count} synthetic documents in {time.perf_counter() - t:.0f} s", file=sys.stderr)


def serve(db: str, port: int) -> None:
    """The server process: the real app and uvicorn, with the stand-in query encoder."""
    import uvicorn

    from spinscope.serve.app import create_app
    from spinscope.serve.settings import Settings
    from tests.serve_corpus import encode
    uvicorn.run(create_app(db, Settings(), encode=encode), host="127.0.0.1", port=port, log_level="warning")


def memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            fields[k] = int(v.split()[0]) // 1024
    return fields


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads."""
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per route under load")
    ap.add_argument("--sequential", type=int, default=10,
                    help="requests per route sent one at a time first, for each route's server CPU time")
    ap.add_argument("--db", default=None, help="reuse (or create) this database file")
    ap.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        return serve(a.serve[0], int(a.serve[1]))
    import httpx
    db = Path(a.db or Path(tempfile.mkdtemp()) / "bench.duckdb")
    if not db.exists():
        build(db, a.docs)
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    load_start = load()
    try:
        t0 = time.perf_counter()
        while True:
            try:
                httpx.get(base + "/api/documents?limit=1", timeout=1)
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        start_s = time.perf_counter() - t0
        with httpx.Client(base_url=base, timeout=120) as c:
            docs = []
            cursor = None
            for _ in range(10):
                page = c.get("/api/documents", params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
                docs += page["items"]
                cursor = page["next_cursor"]
                if not cursor:
                    break
            actors = [x["actor"] for x in c.get("/api/actors", params={"limit": 500}).json()["items"]]
            outlets = [x["outlet"] for x in c.get("/api/outlets").json()["items"]]
            t = time.perf_counter()
            c.get("/copies")  # the copy index and groups: built once, on first use
            c.get(f"/api/actors/{actors[0]}")  # the digest (actor pages, outlet profiles, quotes by speaker): built once
            from spinscope.serve.state import SEARCHERS
            for _ in range(SEARCHERS):  # each pooled searcher reads the embeddings on its first search
                c.get("/api/search", params={"q": "warm up"})
            warm = time.perf_counter() - t
        rng = random.Random(0)
        words = [w for d in docs[:500] for w in (d["title"] or "").split()][:1000]
        # every request draws its own document, actor, outlet or words: nothing is asked twice on purpose
        routes = {
            "GET /api/documents (filtered page)": lambda: ("/api/documents", {"outlet": rng.choice(outlets), "limit": 50}),
            "GET /api/documents/{id}": lambda: (f"/api/documents/{rng.choice(docs)['doc_id']}", {}),
            "GET /api/search (text)": lambda: ("/api/search", {"q": rng.choice(words), "mode": "text"}),
            "GET /api/search (hybrid)": lambda: ("/api/search", {"q": " ".join(rng.sample(words, 2))}),
            "GET /api/actors/{id}": lambda: (f"/api/actors/{rng.choice(actors)}", {}),
            "GET /api/quotes (speaker)": lambda: ("/api/quotes", {"speaker": rng.choice(actors)}),
            "GET /api/events.geojson (outlet)": lambda: ("/api/events.geojson", {"outlet": rng.choice(outlets)}),
            "GET /api/trends (words, week)": lambda: ("/api/trends", {"q": rng.choice(words)}),
            "GET /api/outlets/{name}": lambda: (f"/api/outlets/{rng.choice(outlets)}", {}),
            "GET /documents/{id} (article page)": lambda: (f"/documents/{rng.choice(docs)['doc_id']}", {}),
        }
        # one client, one request at a time: each route's server CPU time per request
        alone: dict[str, tuple[float, float]] = {}
        with httpx.Client(base_url=base, timeout=120) as c:
            for name, make in routes.items():
                wall, cpu0 = [], cpu_seconds(proc.pid)
                for _ in range(a.sequential):
                    path, params = make()
                    t = time.perf_counter()
                    c.get(path, params=params)
                    wall.append((time.perf_counter() - t) * 1000)
                alone[name] = (statistics.median(wall) if wall else 0.0,
                               (cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, a.sequential))
        jobs = [(name, *make()) for name, make in routes.items() for _ in range(a.requests)]
        rng.shuffle(jobs)
        lat: dict[str, list[float]] = {k: [] for k in routes}
        errors = []
        lock = threading.Lock()

        def client():
            with httpx.Client(base_url=base, timeout=120) as c:
                while True:
                    with lock:
                        if not jobs:
                            return
                        name, path, params = jobs.pop()
                    t = time.perf_counter()
                    try:
                        status = c.get(path, params=params).status_code
                    except httpx.HTTPError as exc:
                        status = type(exc).__name__
                    dt = (time.perf_counter() - t) * 1000
                    with lock:
                        lat[name].append(dt)
                        if status != 200:
                            errors.append(f"{name}: {status}")
        load_before = load()
        server_cpu, client_cpu = cpu_seconds(proc.pid), time.process_time()
        t = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(a.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t
        server_cpu, client_cpu = cpu_seconds(proc.pid) - server_cpu, time.process_time() - client_cpu
        load_after = load()
        mem = memory(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    n = sum(len(v) for v in lat.values())
    print(f"spinscope serve: {len(docs)} of the stored documents drawn from, {len(actors)} actors, {len(outlets)} outlets; "
          f"{a.clients} concurrent clients on loopback, {a.requests} requests per route ({n} in {wall:.1f} s, "
          f"{n / wall:.0f} req/s); server start {start_s:.1f} s, warm-up (copy index, digest, searchers) {warm:.1f} s")
    print(f"CPU under load: server {server_cpu * 1000 / n:.1f} ms/request, bench clients {client_cpu * 1000 / n:.1f} "
          f"ms/request ({os.cpu_count()} CPUs); load average (1/5/15 min) at start {load_start}, "
          f"before the load {load_before}, after {load_after}")
    print(f"{'route':36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} | {'alone ms':>8} {'srv CPU ms':>10}")
    for name, xs in lat.items():
        print(f"{name:36} {pct(xs, 50):8.1f} {pct(xs, 95):8.1f} {max(xs):8.1f} | {alone[name][0]:8.1f} {alone[name][1]:10.1f}")
    allx = [x for xs in lat.values() for x in xs]
    print(f"{'all':36} {pct(allx, 50):8.1f} {pct(allx, 95):8.1f} {max(allx):8.1f}")
    print("(alone: median latency and server CPU per request with one client, one request at a time)")
    print(f"server memory: RSS {mem.get('VmRSS')} MiB, peak {mem.get('VmHWM')} MiB")
    if errors:
        print(f"errors: {len(errors)}: {errors[:5]}")
    print(json.dumps({"p95_all_ms": round(pct(allx, 95), 1), "req_per_s": round(n / wall, 1),
                      "server_cpu_ms_per_request": round(server_cpu * 1000 / n, 2), "rss_mib": mem.get("VmRSS"),
                      "load_avg": load_before, "errors": len(errors)}))


if __name__ == "__main__":
    main()
