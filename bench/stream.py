"""Streaming: `spinscope batch` over a generated WARC of a given size, with its peak memory.

    .venv/bin/python bench/stream.py                   # a 1 GB WET (text conversion records)
    .venv/bin/python bench/stream.py --mb 200 --html   # HTML response records (trafilatura reads them)
    .venv/bin/python bench/stream.py --stages clean,dates,markers

The archive is generated under a temporary folder (never kept) from synthetic articles; the run is
a separate process (`python -m spinscope batch ... --workers 1`) with the cheap stages given by
`--stages` (the default `clean`: reading, decoding and cleaning are what streaming is about; the
models' memory is the same for any corpus size and is in bench/throughput.py). Printed: archive
size, documents, seconds, documents/s, MB/s and the peak resident memory of the batch process.
Aim: peak under 2 GB for 1 GB of input.
"""
from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the minister said that forces near the border were moving while officials in the capital "
         "denied any talks with rebels and observers reported shelling of villages overnight").split()


def article(rng: random.Random, i: int, size: int) -> str:
    paras, n = [f"Report {i}: {' '.join(rng.choices(WORDS, k=8)).capitalize()}"], 0
    while n < size:
        p = " ".join(rng.choices(WORDS, k=rng.randint(40, 120))).capitalize() + "."
        paras.append(p)
        n += len(p)
    return "\n\n".join(paras) + "\n\nShare this article\nSupport us on Patreon!\n"


def make_warc(path: Path, megabytes: int, html: bool, seed: int = 7) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng, target, n = random.Random(seed), megabytes * 1024 * 1024, 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        while fh.tell() < target:
            text = article(rng, n, rng.randint(3000, 30000))
            url = f"https://news.example/{n}"
            if html:
                body = "<html><head><title>Report %d</title></head><body><article>%s</article></body></html>" % (
                    n, "".join(f"<p>{p}</p>" for p in text.split("\n\n")))
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()), http_headers=headers)
            else:
                rec = writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode()),
                                                warc_headers_dict={"Content-Type": "text/plain"})
            writer.write_record(rec)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=1024, help="archive size in MB (default 1024)")
    ap.add_argument("--html", action="store_true", help="HTML response records instead of WET text")
    ap.add_argument("--stages", default="clean", help="stages to run, comma-separated (default clean)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / ("corpus.warc" if args.html else "corpus.warc.wet")
        t0 = time.perf_counter()
        records = make_warc(warc, args.mb, args.html)
        made = time.perf_counter() - t0
        size = warc.stat().st_size / 1024 / 1024
        config = Path(tmp) / "cheap.toml"
        config.write_text("[pipeline]\nstages = [%s]\n" % ", ".join(f'"{s}"' for s in args.stages.split(",")))
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "spinscope", "batch", str(warc), "--out", str(Path(tmp) / "out"),
                              "--config", str(config), "--no-progress", "--format", "jsonl"],
                             capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"archive: {size:.0f} MB, {records} records ({'HTML responses' if args.html else 'WET text'}), "
              f"generated in {made:.0f} s; stages: {args.stages}")
        print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}")
        print(f"batch: {seconds:.1f} s, {records / seconds:.1f} docs/s, {size / seconds:.2f} MB/s; "
              f"peak memory {peak:.0f} MB (aim: under 2048 MB)")
        return run.returncode


if __name__ == "__main__":
    sys.exit(main())
