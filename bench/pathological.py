"""CPU time and peak memory per stage on the worst inputs: long sentences and lines, big fields, deep threads, many quotes.

    nice -n 10 .venv/bin/python bench/pathological.py                # every input at 100 KB
    .venv/bin/python bench/pathological.py --size 300 --only long_sentence,big_field
    .venv/bin/python bench/pathological.py --stage-limit 60 --json

The inputs are generated here (own words, no shared data). Each is read with its reader, then every
pipeline stage runs on it alone; the table gives CPU seconds (process time: every thread counted),
CPU seconds per MB of input, and the stage's peak memory: the highest resident set size sampled every
5 ms during the stage, less the size at its start (so C allocations of spaCy and torch count too). A stage over `--stage-limit` seconds of CPU time is stopped
(SIGPROF) and shown with `>`; the stages after it do not run. The aim: none over 10 s per MB.
The pipeline first runs once on an ordinary article, so one-time loads are not counted. The
per-document time budget (`--doc-timeout`) is not applied here: the point is what each stage costs.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ensure_spinscope  # noqa: E402

ensure_spinscope()

AIM = 10.0  # CPU seconds per MB of input, per stage

# Words that make the stages work: actors, speech verbs, event triggers, loaded words.
SENTENCE = ("Russian forces attacked the city of Kharkiv on Monday while Ukrainian officials said "
            "the so-called peacekeepers had shelled the villages, and the ministry in Moscow denied "
            "every report, calling it a provocation by the terrorist regime in Kyiv")


def _words(size: int) -> list[str]:
    words, total, base = [], 0, SENTENCE.split()
    while total < size:
        w = base[len(words) % len(base)]
        words.append(w)
        total += len(w) + 1
    return words


def long_sentence(size: int) -> tuple[str, str]:
    """One sentence of `size` bytes: no full stop, no line break."""
    return "long_sentence.txt", "A Headline\n\n" + " ".join(_words(size)) + ".\n"


def long_line(size: int) -> tuple[str, str]:
    """Ordinary sentences, but all on one line."""
    sent = SENTENCE + ". "
    return "long_line.txt", "A Headline\n\n" + sent * max(1, size // len(sent)) + "\n"


def big_field(size: int) -> tuple[str, str]:
    """A CSV row whose text field is one long comma-rich paragraph (commas quoted)."""
    text = ", ".join(SENTENCE for _ in range(max(1, size // (len(SENTENCE) + 2))))
    return "big_field.csv", 'title,text\n"A Headline","' + text + '"\n'


def deep_thread(size: int) -> tuple[str, str]:
    """A WordPress comment thread where every comment replies to the one before."""
    one = ('<li class="comment"><div class="comment-author"><cite class="fn">Reader {n}</cite></div>'
           '<div class="comment-content"><p>I think the officials said the forces attacked us, reply {n}.</p></div>'
           '<ul class="children">')
    n = max(1, size // len(one))
    thread = "".join(one.format(n=i) for i in range(n)) + "</ul></li>" * n
    page = ("<html><head><title>A Headline</title></head><body><article><h1>A Headline</h1>"
            + "".join(f"<p>{SENTENCE}. Paragraph {i}.</p>" for i in range(5))
            + f'</article><ol class="commentlist">{thread}</ol></body></html>')
    return "deep_thread.html", page


def many_quotes(size: int) -> tuple[str, str]:
    """Short quotations, one after another, each with a speaker."""
    one = '"The forces attacked the city again," the minister said. '
    return "many_quotes.txt", "A Headline\n\n" + one * max(1, size // len(one)) + "\n"


INPUTS = {f.__name__: f for f in (long_sentence, long_line, big_field, deep_thread, many_quotes)}


class _StageLimit(BaseException):
    pass


def _alarm(signum, frame):
    raise _StageLimit()


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


PAGE = 4096


class _PeakRSS(threading.Thread):
    """Samples the resident set size until stopped; `peak` is the highest seen."""

    def __init__(self):
        super().__init__(daemon=True)
        self.start_rss = self.peak = _rss()
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.005):
            self.peak = max(self.peak, _rss())


def measure(fn, limit: float) -> tuple[float, float, bool]:
    """(CPU seconds, peak extra resident MB, stopped at the limit) of one call."""
    sampler = _PeakRSS()
    sampler.start()
    c0 = time.process_time()
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, limit)
    stopped = False
    try:
        fn()
    except _StageLimit:
        stopped = True
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    cpu = time.process_time() - c0
    sampler.done.set()
    sampler.join()
    sampler.peak = max(sampler.peak, _rss())
    return cpu, (sampler.peak - sampler.start_rss) / 1e6, stopped


def run(size_kb: int, only: list[str], limit: float, disable: list[str]) -> list[dict]:
    from spinscope.ingest import read
    from spinscope.ingest.base import Failure, ReadOptions
    from spinscope.pipeline import Pipeline

    pipeline = Pipeline(disable=disable)
    # Warm-up on an ordinary article: lazy one-time loads (indexes, encoders) are not a document's cost.
    from spinscope.ingest import read_text
    pipeline.process([read_text("A Headline\n\n" + (SENTENCE + ". ") * 5)])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in only:
            fname, data = INPUTS[name](size_kb * 1000)
            path = Path(tmp) / fname
            path.write_text(data, encoding="utf-8")
            mb = path.stat().st_size / 1e6
            got: list = []
            cpu, peak, stopped = measure(lambda: got.extend(read([path], ReadOptions(max_bytes=10**9))), limit)
            rows.append(_row(name, mb, "read", cpu, peak, stopped, limit))
            docs = [d for d in got if not isinstance(d, Failure)]
            if not docs:
                rows[-1]["note"] = "; ".join(str(f) for f in got) or "nothing read"
            for stage_name, stage in pipeline.stages:
                if stopped or not docs:
                    break
                cpu, peak, stopped = measure(lambda: stage(docs), limit)
                rows.append(_row(name, mb, stage_name, cpu, peak, stopped, limit))
            _print_rows([r for r in rows if r["input"] == name])
    return rows


def _row(name, mb, stage, cpu, peak, stopped, limit) -> dict:
    return {"input": name, "mb": round(mb, 3), "stage": stage, "cpu_s": round(cpu, 2),
            "cpu_s_per_mb": round(cpu / mb, 1), "peak_mb": round(peak, 1), "stopped": stopped,
            "limit_s": limit}


def _print_rows(rows: list[dict]) -> None:
    for r in rows:
        cpu = f">{r['cpu_s']:.1f}" if r["stopped"] else f"{r['cpu_s']:.2f}"
        flag = "  OVER AIM" if r["stopped"] or r["cpu_s_per_mb"] > AIM else ""
        print(f"{r['input']:<15} {r['mb']:>7.3f} MB  {r['stage']:<11} cpu {cpu:>8} s  "
              f"{r['cpu_s_per_mb']:>8.1f} s/MB  peak {r['peak_mb']:>8.1f} MB{flag}"
              + (f"  ({r['note']})" if r.get("note") else ""), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100, help="size of each input in KB (default 100)")
    ap.add_argument("--only", default=",".join(INPUTS), help=f"comma-separated inputs: {', '.join(INPUTS)}")
    ap.add_argument("--stage-limit", type=float, default=120.0, help="CPU seconds before a stage is stopped")
    ap.add_argument("--disable", action="append", default=[], help="a stage to skip (repeatable)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON at the end")
    args = ap.parse_args(argv)
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in only if n not in INPUTS]
    if unknown:
        ap.error(f"unknown input(s): {', '.join(unknown)}")
    rows = run(args.size, only, args.stage_limit, args.disable)
    worst = max(rows, key=lambda r: r["cpu_s_per_mb"], default=None)
    if worst:
        print(f"worst: {worst['input']} / {worst['stage']}: {worst['cpu_s_per_mb']} s per MB "
              f"({'over' if worst['stopped'] or worst['cpu_s_per_mb'] > AIM else 'within'} the aim of {AIM:g})")
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
