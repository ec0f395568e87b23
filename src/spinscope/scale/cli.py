"""`spinscope batch INPUT... --out DIR`: analyze a corpus in worker processes (or on Ray) into record shards."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ..cliout import date_order_option, source_defaults_option
from ..ingest.base import DEFAULT_MAX_BYTES


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for the record shards, the manifest and failures.jsonl.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local) or actors (Ray), each with its own pipeline.")
@click.option("--format", "fmt", type=click.Choice(("parquet", "jsonl")), default="parquet", show_default=True,
              help="Shard format; `spinscope ingest` loads either without re-analysis.")
@click.option("--resume", is_flag=True, help="Go on with a batch in --out that was stopped or killed.")
@click.option("--engine", type=click.Choice(("local", "ray")), default="local", show_default=True)
@click.option("--address", default=None, metavar="ADDR",
              help="A Ray cluster to join (--engine ray); without it a local Ray is started.")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="A TOML configuration (docs/config.md).")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str), help="An actor KB file (repeatable).")
@click.option("--narratives", "narrative_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str), help="A narratives file (repeatable).")
@click.option("--disable", multiple=True, metavar="STAGE", help="Skip a pipeline stage (repeatable).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Column of a JSONL/CSV/Parquet corpus holding text, title, url, date, outlet or language; "
                   "a field given again names another column to try, for tables spelling it otherwise.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document read.")
@click.option("--shard-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Records per shard file (a killed run redoes at most one shard per worker).")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: on a terminal).")
@date_order_option
@source_defaults_option
def batch_command(paths, out, workers, fmt, resume, engine, address, config_file, kb_files, narrative_files,
                  disable, columns, max_bytes, shard_size, progress, date_order, outlet, published):
    """Analyze PATHS into record shards under --out, in worker processes; resumable."""
    from ..cli import build_config, reader_options
    from .manifest import MANIFEST

    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"{out!r} exists and is not a folder", param_hint="--out")
    if (out_dir / MANIFEST).exists() and not resume:
        raise click.BadParameter(f"{out!r} already holds a batch; add --resume to go on with it", param_hint="--out")
    if address and engine != "ray":
        raise click.BadParameter("--address needs --engine ray", param_hint="--address")
    cfg = build_config(config_file, kb_files, narrative_files)
    if disable:
        cfg = cfg.replace(pipeline={"disable": [*cfg.pipeline.disable, *disable]})
    options = reader_options(cfg, columns, date_order, max_bytes=max_bytes, outlet=outlet, published=published)
    show = sys.stderr.isatty() if progress is None else progress
    report = _Progress(show)  # failure lines as they come; the status line on a terminal
    if engine == "ray":
        from .ray_engine import run_ray
        result = run_ray(paths, out_dir, config=cfg, address=address, workers=workers, fmt=fmt, resume=resume,
                         options=options, shard_size=shard_size, on_progress=report)
    else:
        from .batch import run_batch
        result = run_batch(paths, out_dir, config=cfg, workers=workers, fmt=fmt, resume=resume, options=options,
                           shard_size=shard_size, on_progress=report)
    report.done(result)
    rate = result.docs / result.seconds if result.seconds else 0.0
    steady = result.steady_rate()
    after = (f"; first records after {result.first_seconds:.1f} s, then {steady:.2f} docs/s"
             if steady is not None else "")
    # inputs that failed in an earlier run are said too: their lines were printed by that run (or not, if it was
    # killed) and a resumed run that fails nothing new exits 0
    before = (f", {result.failed_before} failed before (see {Path(out) / 'failures.jsonl'})"
              if result.failed_before else "")
    click.echo(f"spinscope: {result.docs} documents analyzed, {result.failures} failed, {result.skipped} done "
               f"before{before}, in {result.seconds:.1f} s ({rate:.2f} docs/s{after}); shards in {out}", err=True)
    sys.exit(1 if result.failures else 0)


class _Progress:
    """On stderr: a line per failed input as the run meets it (they were all printed at the end, so a run of hours
    said nothing of its failures until then, and a killed run never did), and with `show` one status line:
    documents, failures, documents/s."""

    def __init__(self, show: bool = True):
        import time
        self.show, self.printed = show, 0
        self.t0, self.clock = time.perf_counter(), time.perf_counter

    def _failures(self, result) -> None:
        new = result.failure_lines[self.printed:]
        if not new:
            return
        if self.show:
            sys.stderr.write("\r\x1b[K")  # the status line gives way, and is written again below the lines
            sys.stderr.flush()
        for line in new:
            click.echo(f"spinscope: error: {line}", err=True)
        self.printed += len(new)

    def __call__(self, result) -> None:
        self._failures(result)
        if not self.show:
            return
        spent = self.clock() - self.t0
        rate = result.docs / spent if spent else 0.0
        sys.stderr.write(f"\ranalyzed {result.docs} · failed {result.failures} · {rate:.2f} docs/s ")
        sys.stderr.flush()

    def done(self, result) -> None:
        if self.show:
            sys.stderr.write("\n")
        self.show = False
        self._failures(result)
