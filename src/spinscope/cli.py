"""The command line: `spinscope analyze PATH...` and friends."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .api import analyze_paths
from .budget import DEFAULT_DOC_TIMEOUT
from .cliout import (check_out, date_order_option, for_reading, print_failure, report_warnings, source_defaults_option,
                     writing)
from .ingest.base import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, Failure, ReadOptions
from .kb import KBError
from .config import Config
from .errors import ConfigError, DataFileError, SpinscopeError
from .pipeline import DEFAULT_ORDER, STAGES, Pipeline, load_stage_modules
from .report import print_report
from .spin.narratives.catalogue import NarrativeError
from .terminal import neutralize

FORMATS = ("pretty", "json", "jsonl")
INPUT_FORMATS = ("text", "html", "warc", "jsonl", "csv", "parquet", "feed")


# Characters JSON may escape and `json.dumps` leaves raw: line separators that some line readers
# (Python's str.splitlines, JavaScript) take as line ends, and C1 controls and bidi overrides that
# could steer a terminal showing the output. Escaped, a record means the same and stays one line.
_ESCAPED = str.maketrans({c: f"\\u{ord(c):04x}" for c in
                          "\u2028\u2029\u061c\u200e\u200f" + "".join(map(chr, range(0x7F, 0xA0)))
                          + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A)))})


def record_json(doc, indent: int | None = None) -> str:
    """A document's record as JSON, non-ASCII kept, line separators and terminal controls escaped."""
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent).translate(_ESCAPED)


def _check_user_files(kb_files, narrative_files) -> None:
    """A broken `--kb` or `--narratives` file is a usage error, found before any model loads."""
    from .kb import parse_kb_text
    from .spin.narratives.catalogue import load_catalogue

    for f in kb_files:
        try:
            parse_kb_text(Path(f).read_text(encoding="utf-8"), str(f))
        except (KBError, OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(str(exc), param_hint="--kb") from None
    if narrative_files:
        try:
            load_catalogue(tuple(str(f) for f in narrative_files))
        except (NarrativeError, OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(str(exc), param_hint="--narratives") from None


def checked_config(config_file: str | None, kb_files=(), narrative_files=()) -> Config:
    """The configuration of a command that builds its pipeline late (ingest, serve), checked now: a broken TOML, or a
    broken KB or narratives file given on the command line or in the file's [kb] or [narratives] section, is a usage
    error before any input is read or any database opened."""
    cfg = build_config(config_file, kb_files, narrative_files)
    _check_user_files(kb_files, narrative_files)
    try:
        _check_user_files([f for f in cfg.kb.files if f not in kb_files],
                          [f for f in cfg.narratives.files if f not in narrative_files])
    except click.BadParameter as exc:
        raise click.UsageError(f"{config_file}: {exc.message}") from None
    return cfg


def parse_columns(values: tuple[str, ...]) -> dict[str, str | list[str]]:
    """The reader's columns from `--column FIELD=COLUMN` options (analyze, ingest, batch, events); a usage error names
    a bad one. A field given several times names several columns, tried in that order (then the field's own name):
    the tables of one run may spell it otherwise (`--column text=body --column text=content`)."""
    return {**DEFAULT_COLUMNS, **given_columns(values)}


def given_columns(values: tuple[str, ...]) -> dict[str, str | list[str]]:
    """The fields `--column` options give, each to its column (or list of columns)."""
    given: dict[str, list[str]] = {}
    for item in values:
        key, sep, name = item.partition("=")
        if not sep or key not in DEFAULT_COLUMNS or not name:
            raise click.BadParameter(f"{item!r}: expected FIELD=COLUMN with FIELD one of "
                                     f"{', '.join(DEFAULT_COLUMNS)}", param_hint="--column")
        given.setdefault(key, []).append(name)
    return {key: names[0] if len(names) == 1 else names for key, names in given.items()}


def table_columns(cfg: Config, values: tuple[str, ...]) -> dict[str, str | list[str]]:
    """The reader's columns: the configuration's `[read]` columns, each field given by `--column` replacing the
    file's columns of that field (as every option overrides the file)."""
    cols: dict[str, str | list[str]] = dict(DEFAULT_COLUMNS)
    cols.update({key: names[0] if len(names) == 1 else names for key, names in cfg.read.columns().items()})
    cols.update(given_columns(values))
    return cols


def reader_options(cfg: Config, columns: tuple[str, ...], date_order: str | None, **kw) -> ReadOptions:
    """ReadOptions of a command: its --column and --date-order over the configuration's `[read]` section."""
    return ReadOptions(columns=table_columns(cfg, columns), date_order=date_order or cfg.read.date_order, **kw)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spinscope")
def cli():
    """spinscope: who said what, who did what to whom, and how it is spun."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="pretty (default on a terminal), json (an array) or jsonl (one record a line).")
@click.option("--out", default=None, callback=check_out, metavar="FILE",
              help="Write the output to FILE instead of standard output.")
@click.option("--disable", multiple=True, metavar="STAGE",
              help=f"Skip a pipeline stage (repeatable): {', '.join(DEFAULT_ORDER)}.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help="Read every input with this reader instead of guessing from the extension.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Column of a JSONL/CSV/Parquet corpus holding text, title, url, date, outlet or language; "
                   "a field given again names another column to try, for tables spelling it otherwise.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document read; larger inputs fail with a clear error.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Time budget per document (reading a page, then the analysis); a document over it "
                   f"fails with a one-line error and the rest goes on. 0: no budget. [default: the "
                   f"config's [pipeline] doc_timeout, else {DEFAULT_DOC_TIMEOUT:g}]")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per batch handed to each stage. [default: the config's [pipeline] "
                   "batch_size, else 32]")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="An actor knowledge-base file (YAML, format in docs/actors.md) added to the built-in "
                   "actors; repeatable, later files override earlier ones by id.")
@click.option("--narratives", "narrative_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="A narratives catalogue file (YAML, format in docs/narratives.md) added to the built-in "
                   "one; repeatable, later files override earlier ones by id.")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="A TOML configuration (docs/config.md); the options above override it.")
@date_order_option
@source_defaults_option
def analyze(paths, fmt, out, disable, input_format, columns, max_bytes, doc_timeout, batch_size, progress,
            kb_files, narrative_files, config_file, date_order, outlet, published):
    """Analyze articles in PATHS (files or directories) and report each document."""
    err = Console(stderr=True, highlight=False)
    report_warnings()
    # Every usage problem is found before the pipeline (and its models) loads.
    options = reader_options(build_config(config_file), columns, date_order, max_bytes=max_bytes,
                             format=input_format, outlet=outlet, published=published)
    _check_user_files(kb_files, narrative_files)
    # Options left unset (None, no --disable) keep the config file's [pipeline] values.
    pipeline = build_pipeline(config_file, kb_files, narrative_files, disable=disable or None,
                              batch_size=batch_size, doc_timeout=doc_timeout)
    options.doc_timeout = pipeline.config.pipeline.doc_timeout or None
    failures = 0
    docs = 0
    show_progress = err.is_terminal if progress is None else progress
    with writing(out) as stream:
        fmt = fmt or ("pretty" if stream.isatty() else "jsonl")
        console = Console(file=stream, force_terminal=None if stream is sys.stdout else False,
                          width=None if stream is sys.stdout else 110)
        try:
            with _progress(err, show_progress) as bar:
                task = bar.add_task("analyzing", total=None) if bar else None
                if fmt == "json":
                    stream.write("[")
                for item in analyze_paths(paths, pipeline=pipeline, options=options):
                    if isinstance(item, Failure):
                        failures += 1
                        print_failure(err, item)
                        continue
                    docs += 1
                    if fmt == "pretty":
                        print_report(item, console, pipeline.names)
                    elif fmt == "json":
                        stream.write(("," if docs > 1 else "") + "\n" + record_json(item, indent=1))
                    else:
                        stream.write(record_json(item) + "\n")
                    if bar:
                        bar.update(task, advance=1, description=f"analyzed {docs} · failed {failures}")
                if fmt == "json":
                    stream.write("\n]\n")
        except KeyboardInterrupt:
            err.print("spinscope: interrupted")
            sys.exit(130)
    if docs == 0 and failures == 0:
        err.print("spinscope: error: no documents found in the given paths", highlight=False)
        sys.exit(1)
    sys.exit(1 if failures else 0)


def build_config(config_file: str | None, kb_files=(), narrative_files=()) -> Config:
    """The configuration of a command: the --config file, then --kb and --narratives files added to it."""
    try:
        cfg = Config.from_toml(config_file) if config_file else Config()
        if kb_files:
            cfg = cfg.replace(kb={"files": [*cfg.kb.files, *kb_files]})
        if narrative_files:
            cfg = cfg.replace(narratives={"files": [*cfg.narratives.files, *narrative_files]})
        return cfg
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def build_pipeline(config_file: str | None, kb_files=(), narrative_files=(), **options) -> Pipeline:
    """The pipeline of a command (see `build_config`); a bad setting or data file is a usage error
    (exit 2) before any input is read."""
    cfg = build_config(config_file, kb_files, narrative_files)
    try:
        return Pipeline(cfg, **{k: v for k, v in options.items() if v is not None})
    except KBError as exc:
        if any(str(exc).startswith(str(f)) for f in kb_files):
            raise click.BadParameter(str(exc), param_hint="--kb") from None
        raise click.ClickException(f"the knowledge base cannot be loaded: {exc}") from None
    except NarrativeError as exc:
        if any(str(exc).startswith(str(f)) for f in narrative_files):
            raise click.BadParameter(str(exc), param_hint="--narratives") from None
        raise click.ClickException(f"the narratives catalogue cannot be loaded: {exc}") from None
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    except DataFileError as exc:
        raise click.UsageError(f"a data file cannot be loaded: {exc}") from None


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
    """List the pipeline stages in the order they run, with the layers each needs and writes."""
    load_stage_modules()
    for name in [*DEFAULT_ORDER, *(n for n in STAGES if n not in DEFAULT_ORDER)]:
        spec = STAGES[name]
        extra = "" if name in DEFAULT_ORDER else "  (not in the default order)"
        click.echo(f"{name:<11} requires: {', '.join(spec.requires) or '-'}; assigns: {', '.join(spec.assigns)}{extra}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(("pretty", "csv", "json")), default="pretty", show_default=True)
@click.option("--comments/--no-comments", default=False, help="Count labels in reader comments too.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Time budget per document, as for `analyze`. 0: no budget. [default: the config's "
                   f"[pipeline] doc_timeout, else {DEFAULT_DOC_TIMEOUT:g}]")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="An actor knowledge-base file added to the built-in actors (repeatable).")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="A TOML configuration (docs/config.md).")
def naming(paths, fmt, comments, doc_timeout, kb_files, config_file):
    """How each document names each actor: actor x label x count (the `labels` layer).

    Exit code 0 when every input was read, 1 when some failed (one line on stderr each)."""
    from .spin.labels import naming_table
    err = Console(stderr=True, highlight=False)
    report_warnings()
    _check_user_files(kb_files, ())
    pipeline = build_pipeline(config_file, kb_files, targets=["labels"], doc_timeout=doc_timeout)
    docs, failures = [], 0
    read_options = ReadOptions(doc_timeout=pipeline.config.pipeline.doc_timeout or None)
    for item in analyze_paths(paths, pipeline=pipeline, options=read_options):
        if isinstance(item, Failure):
            failures += 1
            print_failure(err, item)
        else:
            docs.append(item)
    if not docs and not failures:
        err.print("spinscope: error: no documents found in the given paths", highlight=False)
        sys.exit(1)
    rows = naming_table(docs, comments=comments)
    with writing(None):
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1).translate(_ESCAPED))
        elif fmt == "csv":
            import csv
            writer = csv.DictWriter(for_reading(sys.stdout), fieldnames=["outlet", "doc_id", "actor", "label", "category", "count"])
            writer.writeheader()
            writer.writerows(rows)
        else:
            from rich.table import Table
            from rich.text import Text
            table = Table("outlet", "actor", "label", "category", "count")
            for r in rows:
                # Text, not markup strings: a label written "[bold]" in an article is shown as it is
                table.add_row(*(Text(neutralize(str(v))) for v in (r["outlet"] or "", r["actor"] or "(none)",
                                                                   r["label"], r["category"], r["count"])))
            Console().print(table)
    sys.exit(1 if failures else 0)


def main():
    try:
        cli(standalone_mode=True)
    except SpinscopeError as exc:  # what a stage raises while building: say it in one line
        click.echo(f"spinscope: error: {exc}", err=True)
        sys.exit(exc.exit_code)


def _register_commands() -> None:
    """The command groups kept in their own packages: `kb`, `events`, `batch`, `train`."""
    from .kb.cli import kb_group
    from .export.cli import events_command
    from .scale.cli import batch_command
    from .training.cli import train_group
    for command in (kb_group, events_command, batch_command, train_group):
        cli.add_command(command)


_register_commands()

from .corpus.cli import register as _register_corpus_commands  # noqa: E402 - after the group exists
_register_corpus_commands(cli)
from .serve.cli import serve_command  # noqa: E402
cli.add_command(serve_command)


if __name__ == "__main__":
    main()
