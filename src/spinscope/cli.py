"""The command line: `spinscope analyze PATH...` and friends."""
from __future__ import annotations

import json
import logging
import sys

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .api import analyze_paths
from .ingest.base import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, Failure, ReadOptions
from .kb import KBError
from .pipeline import DEFAULT_ORDER, STAGES, Pipeline, UnknownStage, _import_stage_modules
from .report import print_report
from .spin.narratives.catalogue import NarrativeError

FORMATS = ("pretty", "json", "jsonl")
INPUT_FORMATS = ("text", "html", "warc", "jsonl", "csv", "parquet", "feed")


def _columns(values: tuple[str, ...]) -> dict[str, str]:
    cols = dict(DEFAULT_COLUMNS)
    for item in values:
        key, sep, name = item.partition("=")
        if not sep or key not in DEFAULT_COLUMNS or not name:
            raise click.BadParameter(f"{item!r}: expected FIELD=COLUMN with FIELD one of "
                                     f"{', '.join(DEFAULT_COLUMNS)}", param_hint="--column")
        cols[key] = name
    return cols


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spinscope")
def cli():
    """spinscope: who said what, who did what to whom, and how it is spun."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="pretty (default on a terminal), json (an array) or jsonl (one record a line).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the output to FILE instead of standard output.")
@click.option("--disable", multiple=True, metavar="STAGE",
              help=f"Skip a pipeline stage (repeatable): {', '.join(DEFAULT_ORDER)}.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help="Read every input with this reader instead of guessing from the extension.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Column of a JSONL/CSV/Parquet corpus holding text, title, url, date, outlet or language.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document read; larger inputs fail with a clear error.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="An actor knowledge-base file (YAML, format in docs/actors.md) added to the built-in "
                   "actors; repeatable, later files override earlier ones by id.")
@click.option("--narratives", "narrative_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="A narratives catalogue file (YAML, format in docs/narratives.md) added to the built-in "
                   "one; repeatable, later files override earlier ones by id.")
def analyze(paths, fmt, out, disable, input_format, columns, max_bytes, batch_size, progress, kb_files,
            narrative_files):
    """Analyze articles in PATHS (files or directories) and report each document."""
    # Library chatter ("discarding data") would drown the one line per failed input on stderr.
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        pipeline = Pipeline(disable=disable, batch_size=batch_size,
                            config={"kb_files": list(kb_files), "narrative_files": list(narrative_files)})
    except UnknownStage as exc:
        raise click.UsageError(str(exc)) from None
    except KBError as exc:
        if any(str(exc).startswith(str(f)) for f in kb_files):
            raise click.BadParameter(str(exc), param_hint="--kb") from None
        raise click.ClickException(f"the built-in knowledge base cannot be loaded: {exc}") from None
    except NarrativeError as exc:
        raise click.BadParameter(str(exc), param_hint="--narratives") from None
    options = ReadOptions(max_bytes=max_bytes, columns=_columns(columns), format=input_format)
    stream = open(out, "w", encoding="utf-8") if out else sys.stdout
    fmt = fmt or ("pretty" if stream.isatty() else "jsonl")
    err = Console(stderr=True, highlight=False)
    show_progress = err.is_terminal if progress is None else progress
    failures = 0
    docs = 0
    try:
        console = Console(file=stream, force_terminal=None if stream is sys.stdout else False,
                          width=None if stream is sys.stdout else 110)
        with _progress(err, show_progress) as bar:
            task = bar.add_task("analyzing", total=None) if bar else None
            if fmt == "json":
                stream.write("[")
            for item in analyze_paths(paths, pipeline=pipeline, options=options):
                if isinstance(item, Failure):
                    failures += 1
                    err.print(f"spinscope: error: {item}", markup=False, highlight=False, soft_wrap=True)
                    continue
                docs += 1
                if fmt == "pretty":
                    print_report(item, console, pipeline.names)
                elif fmt == "json":
                    stream.write(("," if docs > 1 else "") + "\n" + json.dumps(item.to_dict(), ensure_ascii=False, indent=1))
                else:
                    stream.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                if bar:
                    bar.update(task, advance=1, description=f"analyzed {docs} · failed {failures}")
            if fmt == "json":
                stream.write("\n]\n")
    except KeyboardInterrupt:
        err.print("spinscope: interrupted")
        sys.exit(130)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if docs == 0 and failures == 0:
        err.print("spinscope: error: no documents found in the given paths", highlight=False)
        sys.exit(1)
    sys.exit(1 if failures else 0)


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress(console: Console, enabled: bool):
    if not enabled:
        return _NoBar()
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


@cli.command()
def stages():
    """List the pipeline stages in the order they run."""
    _import_stage_modules()
    for name in DEFAULT_ORDER:
        click.echo(name)
    for name in STAGES:
        if name not in DEFAULT_ORDER:
            click.echo(f"{name} (not in the default order)")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(("pretty", "csv", "json")), default="pretty", show_default=True)
@click.option("--comments/--no-comments", default=False, help="Count labels in reader comments too.")
def naming(paths, fmt, comments):
    """How each document names each actor: actor x label x count (the `labels` layer)."""
    from .spin.labels import naming_table
    docs = [d for d in analyze_paths(paths, disable=["markers"]) if not isinstance(d, Failure)]
    rows = naming_table(docs, comments=comments)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        import csv
        writer = csv.DictWriter(sys.stdout, fieldnames=["outlet", "doc_id", "actor", "label", "category", "count"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.table import Table
        table = Table("outlet", "actor", "label", "category", "count")
        for r in rows:
            table.add_row(r["outlet"], r["actor"] or "(none)", r["label"], r["category"], str(r["count"]))
        Console().print(table)


def main():
    cli()


def _register_kb_commands() -> None:
    from .kb.cli import kb_group
    cli.add_command(kb_group)


_register_kb_commands()


def _register_events_command() -> None:
    from .export.cli import events_command
    cli.add_command(events_command)


_register_events_command()


def _register_train_commands() -> None:
    from .training.cli import train_group
    cli.add_command(train_group)


_register_train_commands()


if __name__ == "__main__":
    main()
