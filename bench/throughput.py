"""Throughput of the whole spinscope pipeline next to a bare spaCy `nlp.pipe` on the same texts.

    .venv/bin/python bench/throughput.py                 # seeds, examples and 40 PTC articles
    .venv/bin/python bench/throughput.py --repeat 3 --ptc 0
    .venv/bin/python bench/throughput.py --paths a.txt corpus.jsonl
    .venv/bin/python bench/throughput.py --workers --cold --json
    .venv/bin/python bench/throughput.py --workers-only --ptc 300     # the scaling ratio alone (idle machine)
    .venv/bin/python bench/throughput.py --ptc 20 --profile           # and where the pipeline's CPU goes

Documents are read once (reading is not timed), then copied `--repeat` times. After a warm-up of
both over every text, the run times the whole `Pipeline().pipe(docs)` (every stage, each on its own
line with its share) and a stock en_core_web_sm's `nlp.pipe(full texts)` (the parse stage's batch size),
`--rounds` times each (the
fastest kept), wall and CPU time (user+sys of this process: on a shared
machine the CPU figure is the steadier one), peak memory, and how many texts were encoded by the
sentence encoder and how many reused from the embedding cache (narratives reads the sentences
techniques encoded). `--workers` also runs `spinscope
batch` in new processes over the same inputs: 1 worker with one thread, 2 workers (one thread each,
what batch gives them on 2 cores), and 1 worker with its libraries' default threads. Two ratios:
of the whole run (process start, pipeline builds, tail included) and of the steady rate, documents
per second after the first records came back (batch's summary line), which leaves the start out;
with `--ptc 300` the start is a few percent of a run. The load average before and after each run is
printed with it: a ratio measured beside other work is not a scaling figure. `--workers-only` skips
the in-process comparison. `--profile` adds one more pass with the transformer runs timed (the sentence
encoder and the techniques tagger in CTranslate2, the events stage's trigger states: CPU s, runs, word
pieces) and spaCy's components timed one after the other over the parse stage's segments; each stage's
line gives its CPU seconds too. `--cold` times `spinscope analyze` on the five seeds from a cold start. Words are whitespace-separated words of
the full texts, for both. Without `--paths`, skips with exit 0 when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from copy import copy
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import EXAMPLES, emit, ensure_spinscope, need_shared, table  # noqa: E402

ensure_spinscope()

EXAMPLE_FILES = ["txt/*.txt", "html/*.html", "corpus.jsonl", "corpus.csv", "feed.rss", "archive.warc.gz"]


def default_paths(shared: Path | None = None, ptc: int = 40) -> list[Path]:
    seeds = Path(shared) / "corpus" / "seeds" if shared else need_shared("corpus", "seeds")
    paths = sorted(seeds.glob("*.txt"))
    for pattern in EXAMPLE_FILES:
        paths.extend(sorted(EXAMPLES.glob(pattern)))
    paths.extend(sorted((seeds.parent / "ptc" / "articles").glob("*.txt"))[:ptc])  # a fixed subset
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


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _sys() -> float:
    return os.times().system


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(shared: Path | None = None, *, paths: list[Path] | None = None, repeat: int = 1,
        batch_size: int = 32, ptc: int = 40, workers: bool = False, cold: bool = False,
        workers_only: bool = False, rounds: int = 3, profile: bool = False) -> dict:
    from spinscope import Pipeline
    from spinscope.extract.parse import ParseConfig
    from spinscope.nlp import import_spacy, load_nlp

    paths = list(paths) if paths else default_paths(shared, ptc)
    if workers_only:
        out = {"workers": _workers(paths), "paths": len(paths)}
        if cold:
            out["cold_seeds"] = _cold_seeds(shared)
        return out
    base, failures = load_documents(paths)
    if not base:
        raise SystemExit(f"no documents read from {len(paths)} path(s): {failures[:3]}")
    texts = [d.text for d in base] * repeat
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    # Warm-up: load both models and run both paths once. Each spaCy pass covers every text: spaCy's
    # vocabulary, tokenizer and lemmatizer caches fill as it reads, so a cold pass costs more than a
    # long-running process's steady state; warm, neither timing depends on which ran first.
    # The bare pipeline is en_core_web_sm as spaCy loads it; spinscope's own copy (load_nlp) has a
    # faster attribute-ruler match (spinscope.text.ruler) and is part of what is measured.
    nlp = import_spacy().load(load_nlp().path)
    bare_batch = ParseConfig().batch_size  # the bare parse gets the batch size the parse stage uses
    for model in (nlp, load_nlp()):
        list(model.pipe(texts, batch_size=bare_batch))
    list(Pipeline(batch_size=batch_size, doc_timeout=0).pipe([fresh(d) for d in base[:8]]))

    # Rounds: the two are timed one after the other `rounds` times and the fastest of each is kept
    # (run to run the same work varies by a few percent on this machine; the minimum is the least
    # disturbed). Every round encodes afresh: the embedding cache is emptied before each.
    pipeline = Pipeline(batch_size=batch_size, doc_timeout=0)
    cache = pipeline.resources.embeddings
    best = None
    bare_s = bare_cpu = bare_sys = float("inf")
    # Each side is timed in its steady state, as in a long job: right after an untimed pass of its
    # own, after a full garbage collection, the other side's output freed. The first pass after a
    # switch paid for memory the other side had just given back (up to 5 s of system time for the
    # bare parse on this virtual machine, and the garbage collector walking the last round's documents).
    for _ in range(max(1, rounds)):
        sum(1 for _ in pipeline.pipe([fresh(d) for _ in range(repeat) for d in base]))
        docs = [fresh(d) for _ in range(repeat) for d in base]
        cache.clear()  # the warm-up's (or the last round's) sentences would count as reused
        hits, misses = cache.hits, cache.misses
        pipeline.timings.clear()
        pipeline.cpu_timings.clear()
        gc.collect()
        t0, c0, k0 = time.perf_counter(), _cpu(), _sys()
        n_out = sum(1 for _ in pipeline.pipe(docs))
        took = (time.perf_counter() - t0, _cpu() - c0)
        if best is None or took[1] < best[1]:
            best = (*took, (dict(pipeline.timings), dict(pipeline.cpu_timings)), {"encoded": cache.misses - misses, "reused": cache.hits - hits},
                    _sys() - k0)
        del docs
        gc.collect()
        sum(1 for _ in nlp.pipe(texts, batch_size=bare_batch))
        gc.collect()

        t0, c0, k0 = time.perf_counter(), _cpu(), _sys()
        n_bare = sum(1 for _ in nlp.pipe(texts, batch_size=bare_batch))
        if _cpu() - c0 < bare_cpu:
            bare_s, bare_cpu, bare_sys = time.perf_counter() - t0, _cpu() - c0, _sys() - k0
        assert n_out == n_bare == len(texts)
    spin_s, spin_cpu, (stage_times, stage_cpu), embedded, spin_sys = best
    extra = {"peak_memory_mb": round(_peak_mb(), 1)}
    if profile:
        extra["profile"] = _profile(pipeline, [fresh(d) for _ in range(repeat) for d in base])
    if workers:
        extra["workers"] = _workers(paths)
    if cold:
        extra["cold_seeds"] = _cold_seeds(shared)

    return {
        "documents": len(texts), "distinct_documents": len(base), "repeat": repeat, "rounds": max(1, rounds),
        "words": words, "chars": chars, "read_failures": failures,
        **extra,
        "spinscope": {"seconds": round(spin_s, 3), "cpu_seconds": round(spin_cpu, 3),
                      "system_cpu_seconds": round(spin_sys, 3),
                      "docs_per_s": round(len(texts) / spin_s, 2),
                      "words_per_s": round(words / spin_s, 1),
                      "stages": {k: round(v, 3) for k, v in stage_times.items()},
                      "stages_cpu": {k: round(v, 3) for k, v in stage_cpu.items()},
                      "sentence_embeddings": embedded},
        "bare_spacy": {"seconds": round(bare_s, 3), "cpu_seconds": round(bare_cpu, 3),
                       "system_cpu_seconds": round(bare_sys, 3),
                       "docs_per_s": round(len(texts) / bare_s, 2),
                       "words_per_s": round(words / bare_s, 1)},
        "ratio_time_spinscope_over_bare": round(spin_s / bare_s, 3),
        "ratio_throughput_spinscope_over_bare": round(bare_s / spin_s, 3),
        "ratio_cpu_spinscope_over_bare": round(spin_cpu / bare_cpu, 3) if bare_cpu else None,
    }


_SUMMARY = re.compile(r"spinscope: (\d+) documents analyzed.* in ([\d.]+) s \(([\d.]+) docs/s"
                      r"(?:; first records after ([\d.]+) s, then ([\d.]+) docs/s)?")


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _workers(paths: list[Path]) -> dict:
    """`spinscope batch` over the same inputs in new processes: 1 worker with one thread, 2 workers (one
    thread each, batch's default on 2 cores), and 1 worker with its default threads; whole-run and
    steady-rate ratios, with the load average around each run."""
    runs = {"1": (1, "1"), "2": (2, None), "1_default_threads": (1, None)}
    out = {"cores": os.cpu_count()}
    for name, (n, threads) in runs.items():
        env = {k: v for k, v in os.environ.items() if k not in ("SPINSCOPE_TORCH_THREADS", "OMP_NUM_THREADS")}
        if threads:
            env.update(SPINSCOPE_TORCH_THREADS=threads, OMP_NUM_THREADS=threads)
        with tempfile.TemporaryDirectory() as tmp:
            load_before, c0 = os.getloadavg()[0], _children_cpu()
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "spinscope", "batch", *map(str, paths), "--out",
                                   str(Path(tmp) / "out"), "--workers", str(n), "--format", "jsonl", "--no-progress"],
                                  check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall = time.perf_counter() - t0
            m = _SUMMARY.search(done.stderr)
            if not m:
                raise SystemExit(f"no summary line from spinscope batch: {done.stderr[-500:]}")
            out[name] = {"seconds": round(wall, 2), "cpu_seconds": round(_children_cpu() - c0, 2), "workers": n,
                         "threads": threads or ("batch's: cores / workers" if n > 1 else "default"),
                         "documents": int(m[1]), "batch_seconds": float(m[2]),
                         "first_records_s": float(m[4]) if m[4] else None,
                         "steady_docs_per_s": float(m[5]) if m[5] else None,
                         "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}
    for other in ("1", "1_default_threads"):
        suffix = "" if other == "1" else "_default_threads"
        out[f"speedup_2_over_1{suffix}"] = round(out[other]["seconds"] / out["2"]["seconds"], 3)
        a, b = out["2"]["steady_docs_per_s"], out[other]["steady_docs_per_s"]
        out[f"steady_speedup_2_over_1{suffix}"] = round(a / b, 3) if a and b else None
    return out


def _cold_seeds(shared: Path | None) -> dict:
    """Wall and CPU seconds of `spinscope analyze` on the five seeds from a cold start (a new process)."""
    seeds = sorted((Path(shared) / "corpus" / "seeds" if shared else need_shared("corpus", "seeds")).glob("*.txt"))
    load, c0 = os.getloadavg()[0], _children_cpu()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spinscope", "analyze", *map(str, seeds), "--format", "jsonl"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"seconds": round(time.perf_counter() - t0, 2), "cpu_seconds": round(_children_cpu() - c0, 2),
            "load_before": round(load, 2)}


def _render_cold(c: dict) -> str:
    return (f"cold start, `spinscope analyze` on the five seeds: {c['seconds']} s wall, {c['cpu_seconds']} CPU s "
            f"(load average {c['load_before']})")


def render_workers(w: dict) -> list[str]:
    lines = [f"spinscope batch in new processes ({w['cores']} cores; load average = 1-minute, before -> after):"]
    for name, label in (("1", "1 worker, 1 thread"), ("2", "2 workers, 1 thread each"),
                        ("1_default_threads", "1 worker, default threads")):
        x = w[name]
        steady = (f"first records after {x['first_records_s']} s, then {x['steady_docs_per_s']} docs/s"
                  if x["steady_docs_per_s"] else "no steady rate (too few documents)")
        lines.append(f"  {label}: {x['documents']} documents in {x['seconds']} s wall, {x['cpu_seconds']} CPU s; "
                     f"{steady}; load {x['load_before']} -> {x['load_after']}")
    # The runs load the machine themselves (up to one process per core, and the 1-minute average lags
    # a run behind); more than that is other work.
    busiest = max(max(w[n]["load_before"], w[n]["load_after"]) for n in ("1", "2", "1_default_threads"))
    if busiest > (w["cores"] or 1) + 0.5:
        lines.append(f"  WARNING: load average up to {busiest} on {w['cores']} cores from other work: these ratios "
                     f"are not scaling figures; run again on an idle machine")
    x = lambda v: f"{v}x" if v else "n/a"  # noqa: E731
    lines.append(f"  2 workers over 1: {x(w['speedup_2_over_1'])} whole run, {x(w['steady_speedup_2_over_1'])} steady "
                 f"rate (over 1 worker with default threads: {x(w['speedup_2_over_1_default_threads'])}, "
                 f"{x(w['steady_speedup_2_over_1_default_threads'])})")
    return lines


# The model runs the profile times: (module that calls, attribute, label). Each wrapper adds the CPU of the
# calls made from that module; the two transformers share `ct2run.last_states`, told apart by their caller.
def _profile(pipeline, docs: list) -> dict:
    """One more pass of `docs` with the transformer runs timed (CPU s, runs, word pieces) and spaCy's
    components timed one after the other over the parse stage's segments: where the pipeline's CPU goes."""
    import spinscope.ct2run as ct2run
    from spinscope.extract.events import sense
    from spinscope.extract.parse import segments
    from spinscope.nlp import load_nlp

    runs: dict[str, list[float]] = {}

    def add(label: str, took: float, pieces: int) -> None:
        row = runs.setdefault(label, [0.0, 0, 0])
        row[0] += took
        row[1] += 1
        row[2] += pieces

    last_states = ct2run.last_states

    def timed_last_states(model, rows):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        label = "techniques tagger (CTranslate2)" if "tagger" in caller else "sentence encoder (CTranslate2)"
        c0 = time.process_time()
        try:
            return last_states(model, rows)
        finally:
            add(label, time.process_time() - c0, sum(len(r) for r in rows))

    states_session = sense._states_session

    class _TimedSession:
        def __init__(self, session):
            self.session = session

        def run(self, outputs, feeds):
            c0 = time.process_time()
            try:
                return self.session.run(outputs, feeds)
            finally:
                add("event trigger states (ONNX, 4 layers)", time.process_time() - c0, int(feeds["attention_mask"].sum()))

    def timed_states_session():
        session = states_session()
        return None if session is None else _TimedSession(session)

    pipeline.resources.embeddings.clear()
    pipeline.cpu_timings.clear()
    ct2run.last_states, sense._states_session = timed_last_states, timed_states_session
    try:
        gc.collect()
        c0 = time.process_time()
        done = list(pipeline.pipe(docs))
        total = time.process_time() - c0
    finally:
        ct2run.last_states, sense._states_session = last_states, states_session
    stages = dict(pipeline.cpu_timings)

    # spaCy's components one after the other over the same segments the parse stage read (its own settings).
    nlp = load_nlp(pipeline.config.parse.spacy_disable)
    texts = [d.text[s:e] for d in done for s, e, _ in segments(d)]
    spacy_cpu: dict[str, float] = {}
    c0 = time.process_time()
    parsed = [nlp.make_doc(t) for t in texts]
    spacy_cpu["tokenizer"] = time.process_time() - c0
    for name, proc in nlp.pipeline:
        c0 = time.process_time()
        parsed = list(proc.pipe(parsed, batch_size=pipeline.config.parse.batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in parsed]
        spacy_cpu[name] = time.process_time() - c0
    return {"cpu_seconds": round(total, 3), "stages_cpu": {k: round(v, 3) for k, v in stages.items()},
            "model_runs": {k: {"cpu_seconds": round(v[0], 3), "runs": v[1], "pieces": v[2]} for k, v in runs.items()},
            "spacy_components": {k: round(v, 3) for k, v in spacy_cpu.items()}, "segments": len(texts)}


def render_profile(p: dict) -> list[str]:
    models = sum(m["cpu_seconds"] for m in p["model_runs"].values())
    spacy = sum(p["spacy_components"].values())
    rows = [[k, f"{m['cpu_seconds']:.3f}", m["runs"], f"{m['pieces']:,}"] for k, m in p["model_runs"].items()]
    lines = ["", f"profile: one more pass, {p['cpu_seconds']:.2f} CPU s (model runs {models:.2f}, "
             f"spaCy's components about {spacy:.2f} over {p['segments']} segments, the rest about "
             f"{p['cpu_seconds'] - models - spacy:.2f})",
             table(["model runs", "cpu s", "runs", "word pieces"], rows, align="lrrr"), "",
             table(["spaCy component (parse stage's segments, alone)", "cpu s"],
                   [[k, f"{v:.3f}"] for k, v in p["spacy_components"].items()], align="lr")]
    return lines


def render(r: dict) -> str:
    if "spinscope" not in r:  # --workers-only
        lines = render_workers(r["workers"])
        if "cold_seeds" in r:
            lines.append(_render_cold(r["cold_seeds"]))
        return "\n".join(lines)
    s, b = r["spinscope"], r["bare_spacy"]
    lines = [f"{r['documents']} documents ({r['distinct_documents']} distinct x {r['repeat']}), "
             f"{r['words']:,} words, {r['chars']:,} chars; the fastest of {r.get('rounds', 1)} round(s) each", "",
             table(["system", "seconds", "cpu s", "docs/s", "words/s"],
                   [["spinscope Pipeline (every stage)", s["seconds"], s["cpu_seconds"], s["docs_per_s"], s["words_per_s"]],
                    ["bare en_core_web_sm nlp.pipe", b["seconds"], b["cpu_seconds"], b["docs_per_s"], b["words_per_s"]]],
                   align="lrrrr"), ""]
    cpu = s.get("stages_cpu", {})
    total = sum(cpu.values()) or sum(s["stages"].values()) or 1.0
    lines.append(table(["stage", "seconds", "cpu s", "cpu share", "docs/s"],
                       [[k, f"{v:.3f}", f"{cpu.get(k, 0.0):.3f}", f"{100 * cpu.get(k, v) / total:.1f}%",
                         f"{r['documents'] / v:.1f}" if v else "-"]
                        for k, v in s["stages"].items()], align="lrrrr"))
    lines.append("")
    lines.append(f"spinscope / bare time ratio: {r['ratio_time_spinscope_over_bare']:.3f} wall, "
                 f"{r['ratio_cpu_spinscope_over_bare']} CPU "
                 f"(throughput {r['ratio_throughput_spinscope_over_bare']:.3f}x of bare spaCy)")
    lines.append(f"of which system (kernel) CPU: spinscope {r['spinscope']['system_cpu_seconds']} s, "
                 f"bare {r['bare_spacy']['system_cpu_seconds']} s (memory handed back and faulted in again; "
                 f"varies with the machine, not the code)")
    e = s.get("sentence_embeddings")
    if e:
        lines.append(f"texts embedded: {e['encoded']} encoded, {e['reused']} reused from the embedding cache")
    lines.append(f"peak memory: {r['peak_memory_mb']:.0f} MB")
    if "profile" in r:
        lines.extend(render_profile(r["profile"]))
    if "workers" in r:
        lines.extend(render_workers(r["workers"]))
    if "cold_seeds" in r:
        lines.append(_render_cold(r["cold_seeds"]))
    for f in r["read_failures"]:
        lines.append(f"read failure: {f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="copies of each document (default 1)")
    ap.add_argument("--ptc", type=int, default=40, help="PTC articles added to the seeds and examples (default 40)")
    ap.add_argument("--workers", action="store_true", help="also time spinscope batch with 1 and 2 workers")
    ap.add_argument("--workers-only", action="store_true", help="time spinscope batch only (no in-process comparison)")
    ap.add_argument("--cold", action="store_true", help="also time a cold-start run on the five seeds")
    ap.add_argument("--paths", nargs="+", type=Path, help="files or folders to read instead of seeds + examples")
    ap.add_argument("--batch-size", type=int, default=32, help="pipeline batch size (default 32)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="time the pipeline and the bare parse this many times each, keep the fastest (default 3)")
    ap.add_argument("--profile", action="store_true",
                    help="after the timed rounds, one more pass with the model runs and spaCy's components timed")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args(argv)
    result = run(paths=args.paths, repeat=args.repeat, batch_size=args.batch_size, ptc=args.ptc,
                 workers=args.workers, cold=args.cold, workers_only=args.workers_only, rounds=args.rounds,
                 profile=args.profile)
    return emit(result, render, args.json)


if __name__ == "__main__":
    sys.exit(main())
