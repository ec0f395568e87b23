"""Corpus commands: ingest, copies, stories, search, outlets, outlet, trends, report, export."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager

import click

from .output import format_option, write_rows
from .store import DEFAULT_DB, StoreError, connect


def db_option(f):
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
                        help="The corpus database file.")(f)


@contextmanager
def opened(db: str, *, write: bool = False, create: bool = False):
    """The database, or a one-line error for a missing, locked or newer-schema file."""
    try:
        con = connect(db, write=write, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield con
    finally:
        con.close()


def _pipeline_factory(disable, kb_files, narrative_files, batch_size):
    def make():
        from ..kb import KBError
        from ..pipeline import Pipeline, UnknownStage
        try:
            return Pipeline(disable=disable, batch_size=batch_size,
                            config={"kb_files": list(kb_files), "narrative_files": list(narrative_files)})
        except (UnknownStage, KBError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
    return make


@contextmanager
def progress_bar(enabled: bool, total: int | None, verb: str):
    """A bar on stderr with documents/s and time left; yields an update(stored, skipped, failed) callable."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            return Text(f"{task.speed:.1f} docs/s" if task.speed else "… docs/s")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                  TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(verb, total=total)

        def update(stored, skipped, failed):
            bar.update(task, completed=stored + skipped + failed,
                       description=f"{verb}: stored {stored} · skipped {skipped} · failed {failed}")
        yield update


def _embedder(enabled: bool):
    if not enabled:
        return None
    from ..embed import encode
    return encode


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@db_option
@click.option("--reanalyze", is_flag=True, help="Analyze and store again documents already stored.")
@click.option("--stale", is_flag=True,
              help="Re-analyze exactly the stored documents whose provenance (KB, catalogue, model, config "
                   "hashes) differs from the current pipeline's.")
@click.option("--disable", multiple=True, metavar="STAGE", help="Skip a pipeline stage (repeatable).")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="An actor knowledge-base file added to the built-in actors (repeatable).")
@click.option("--narratives", "narrative_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False), help="A narratives catalogue file (repeatable).")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Compute sentence embeddings of new documents (semantic search and stories need them).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="One line on stderr per committed batch.")
def ingest_command(paths, db, reanalyze, stale, disable, kb_files, narrative_files, batch_size, embeddings,
                   progress, verbose):
    """Analyze PATHS and store every document in the corpus database; records are stored as they are."""
    from ..ingest.base import ReadOptions
    from . import search, sources, stories
    from .ingest import ingest, reanalyze as reanalyze_ids, stale_ids
    from .records import pipeline_provenance
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    if not paths and not stale:
        raise click.UsageError("give PATHS to ingest, or --stale")
    make_pipeline = _pipeline_factory(disable, kb_files, narrative_files, batch_size)
    show = sys.stderr.isatty() if progress is None else progress

    def committed(n):
        if verbose:
            click.echo(f"committed: {n} stored", err=True)
    with opened(db, write=True, create=True) as con:
        embed = _embedder(embeddings)
        on_batch = stories.StoryAssigner(con).assign
        failures, stored, skipped = [], 0, 0
        if paths:
            files = [p for p in sources.expand(paths) if not hasattr(p, "reason")]
            counts = [sources.count(p) for p in files]
            total = sum(counts) if None not in counts else None
            with progress_bar(show, total, "ingest") as update:
                result = ingest(con, paths, pipeline_factory=make_pipeline, options=ReadOptions(),
                                reanalyze=reanalyze, batch_size=batch_size, embed=embed, on_batch=on_batch,
                                progress=update, committed=committed)
            failures += result.failures
            stored += result.stored
            skipped += result.skipped
        if stale:
            pipeline = make_pipeline()
            current = pipeline_provenance(pipeline)
            if all(v is None for v in current["hashes"].values()):
                raise click.ClickException("this spinscope's pipeline reports no provenance hashes; "
                                           "--stale cannot tell which documents are stale")
            ids = stale_ids(con, current)
            with progress_bar(show, len(ids), "re-analyze") as update:
                result = reanalyze_ids(con, ids, pipeline=pipeline, batch_size=batch_size, embed=embed,
                                       on_batch=on_batch, progress=update, committed=committed)
            failures += result.failures
            stored += result.stored
        search.refresh_index(con)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    for f in failures:
        click.echo(f"spinscope: error: {f}", err=True)
    click.echo(f"stored {stored}, skipped {skipped} already stored, failed {len(failures)}; "
               f"{n} documents in {db}", err=True)
    sys.exit(1 if failures else 0)


@click.command("export")
@db_option
@click.option("--table", "table", required=True, metavar="TABLE",
              help="A table (documents, entities, quotes, ...), or a graph: actors, provenance.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "parquet", "csv", "graphml")), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write to FILE (needed for parquet, graphml).")
def export_command(db, table, fmt, out):
    """Export a table (documents: one analysis record per document) or a graph (GraphML for Gephi)."""
    from .export import ExportError, export_table
    with opened(db) as con:
        try:
            n = export_table(con, table, fmt, out)
        except ExportError as exc:
            raise click.UsageError(str(exc)) from None
    if out:
        click.echo(f"wrote {n} {'edges' if fmt == 'graphml' else 'rows'} to {out}", err=True)


COMMANDS = [ingest_command, export_command]


def register(group: click.Group) -> None:
    """Add the corpus commands to the main `spinscope` group."""
    for command in COMMANDS:
        group.add_command(command)


__all__ = ["register", "format_option", "write_rows"]
