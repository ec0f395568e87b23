"""`spinscope events PATH...`: analyze, then write one row per event (CSV, JSONL) or a GeoJSON map."""
from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from ..api import analyze_paths
from ..cliout import (check_out, date_order_option, for_reading, iso_day, print_failure, report_warnings,
                      source_defaults_option, writing)
from ..extract.events.generalize import LEVELS
from ..ingest.base import Failure
from ..kb import KBError, load_kb
from .events import Period, event_rows, geojson, write_csv, write_jsonl


@click.command("events")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(("csv", "jsonl", "geojson")), default="csv", show_default=True,
              help="csv / jsonl: one row per event; geojson: a FeatureCollection of places and placed events.")
@click.option("--generalize", "level", type=click.Choice(LEVELS), is_flag=False, flag_value="state", default=None,
              help="Report actor and target as their state (`--generalize`, `--generalize state`) or as the "
                   "body a person speaks for (`--generalize org`), following the KB.")
@click.option("--out", default=None, callback=check_out, metavar="FILE",
              help="Write to FILE instead of standard output.")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="An actor knowledge-base file added to the built-in actors (repeatable).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Column of a JSONL/CSV/Parquet corpus holding text, title, url, date, outlet or language; "
                   "a field given again names another column to try, for tables spelling it otherwise.")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="A TOML configuration (docs/config.md).")
@click.option("--since", callback=iso_day, default=None, metavar="YYYY-MM-DD",
              help="Only the events whose own date (else their document's publication day) lies on or after this "
                   "day; an event dated only to a month or a year counts from its first day.")
@click.option("--until", callback=iso_day, default=None, metavar="YYYY-MM-DD",
              help="Only the events whose own date (else their document's publication day) lies on or before this "
                   "day; an event dated only to a month or a year counts to its last day.")
@date_order_option
@source_defaults_option
def events_command(paths, fmt, level, out, kb_files, columns, config_file, date_order, outlet, published, since,
                   until):
    """Analyze PATHS and export their events: who did what to whom, where and when."""
    err = Console(stderr=True, highlight=False)
    if since and until and until < since:
        raise click.BadParameter(f"{until} is before --since {since}", param_hint="--until")
    period = Period(since, until)
    report_warnings()
    from ..cli import build_config, build_pipeline, reader_options
    # a usage error before any model loads
    options = reader_options(build_config(config_file), columns, date_order, outlet=outlet, published=published)
    # the stages events need, nothing after; a CSV whose text is in `body` and the configuration's KB files and
    # settings, as `analyze` reads them (the command had neither --column nor --config)
    pipeline = build_pipeline(config_file, kb_files, targets=["events"])
    options.doc_timeout = pipeline.config.pipeline.doc_timeout or None
    try:
        kb = load_kb(list(pipeline.config.kb.files)) if level else None
    except KBError as exc:
        raise click.ClickException(str(exc)) from None
    failures = 0

    def docs():
        nonlocal failures
        for item in analyze_paths(paths, pipeline=pipeline, options=options):
            if isinstance(item, Failure):
                failures += 1
                print_failure(err, item)
                continue
            yield item

    with writing(out, newline="") as raw:
        stream = for_reading(raw)
        if fmt == "geojson":
            json.dump(geojson(docs(), generalize_to=level, kb=kb, period=period), stream, ensure_ascii=False,
                      indent=1)
            stream.write("\n")
        elif fmt == "jsonl":
            write_jsonl(event_rows(docs(), generalize_to=level, kb=kb, period=period), stream)
        else:
            write_csv(event_rows(docs(), generalize_to=level, kb=kb, period=period), stream)
    if period.around:
        err.print(f"spinscope: {period.around} more event{'s are' if period.around != 1 else ' is'} dated only to a "
                  f"month or a year that the period does not hold whole: not written (give a period holding the "
                  f"whole month or year to have {'them' if period.around != 1 else 'it'})")
    sys.exit(1 if failures else 0)

