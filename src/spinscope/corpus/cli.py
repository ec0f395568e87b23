"""Corpus commands: ingest, copies, stories, search, outlets, outlet, trends, report, export."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager

import click

from ..cliout import date_order_option, iso_day, source_defaults_option
from ..terminal import neutralize, one_line
from .output import format_option, write_rows
from .store import DEFAULT_DB, StoreError, connect


def db_option(f):
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
                        help="The corpus database file.")(f)


def versions_option(f):
    """`--versions` of the commands that count articles (stop 41)."""
    return click.option("--versions", is_flag=True, default=False,
                        help="Count the older versions of articles updated at their address too (else the latest "
                             "stands for each).")(f)


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


def _pipeline_factory(disable, kb_files, narrative_files, config_file=None):
    def make():
        from ..cli import build_pipeline  # the same configuration rules (and errors) as `analyze`
        # ingest's --batch-size counts documents per transaction; given to the pipeline it was part of every record's
        # configuration hash, so records of `analyze`, `batch` or Python (the pipeline's own batch size) and those of
        # `ingest` differed in provenance, and `ingest --stale` re-analyzed the former for nothing
        return build_pipeline(config_file, kb_files, narrative_files, disable=disable or None)
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
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Column of a JSONL/CSV/Parquet corpus holding text, title, url, date, outlet or language; "
                   "a field given again names another column to try, for tables spelling it otherwise.")
@click.option("--disable", multiple=True, metavar="STAGE", help="Skip a pipeline stage (repeatable).")
@click.option("--kb", "kb_files", multiple=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="An actor knowledge-base file added to the built-in actors (repeatable).")
@click.option("--narratives", "narrative_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False), help="A narratives catalogue file (repeatable).")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="A TOML configuration (docs/config.md: [kb] files, [narratives] files, ...); the options above "
                   "override it.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Compute sentence embeddings of new documents (semantic search and stories need them).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="One line on stderr per committed batch.")
@date_order_option
@source_defaults_option
def ingest_command(paths, db, reanalyze, stale, columns, disable, kb_files, narrative_files, config_file, batch_size,
                   embeddings, progress, verbose, date_order, outlet, published):
    """Analyze PATHS and store every document in the corpus database; records are stored as they are."""
    from .ingest import IngestError, run
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    if not paths and not stale:
        raise click.UsageError("give PATHS to ingest, or --stale")
    from ..cli import checked_config, reader_options
    # the pipeline is built late: its files are checked now
    cfg = checked_config(config_file, kb_files, narrative_files)
    options = reader_options(cfg, columns, date_order, outlet=outlet, published=published)
    make_pipeline = _pipeline_factory(disable, kb_files, narrative_files, config_file)
    show = sys.stderr.isatty() if progress is None else progress

    def committed(n):
        if verbose:
            click.echo(f"committed: {n} stored", err=True)
    with opened(db, write=True, create=True) as con:
        try:
            result = run(con, paths, pipeline_factory=make_pipeline, options=options, reanalyze=reanalyze,
                         stale=stale, batch_size=batch_size, embed=_embedder(embeddings),
                         progress=lambda total, verb: progress_bar(show, total, verb), committed=committed,
                         say=lambda line: click.echo(line, err=True))
        except IngestError as exc:
            raise click.ClickException(str(exc)) from None
    for f in result.failures:
        click.echo(f"spinscope: error: {f}", err=True)
    if result.mixed:
        click.echo(f"spinscope: warning: {result.mixed}", err=True)
    if result.untrusted:
        from .ingest import untrusted_note
        click.echo(f"spinscope: warning: {untrusted_note(result.untrusted)}", err=True)
    if result.updated:
        from .ingest import updated_note
        click.echo(f"spinscope: note: {updated_note(result.updated)}", err=True)
    sighted = result.sighted
    again = f" ({sighted} of them under a new source, recorded in sightings)" if sighted else ""
    click.echo(f"stored {result.stored}, skipped {result.skipped} already stored{again}, failed {len(result.failures)}; "
               f"{result.documents} documents in {db}{older_note(result.older)}", err=True)
    sys.exit(1 if result.failures else 0)


def older_note(older: int) -> str:
    """Beside a count of documents (articles: an updated article once), the older versions stored besides."""
    if not older:
        return ""
    return (f" (and {older} older {'version' if older == 1 else 'versions'} of updated articles, stored and not "
            "counted: --versions)")


@click.command("export")
@db_option
@click.option("--table", "table", required=True, metavar="TABLE",
              help="A table (documents, entities, quotes, ...), or a graph: actors, provenance.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "parquet", "csv", "graphml")), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write to FILE (needed for parquet, graphml).")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Actors graph: keep a co-occurrence edge only when at least this many documents name both actors "
                   "(and leave out actors without an edge).")
@click.option("--versions", is_flag=True, default=False,
              help="Actors graph: count the older versions of updated articles too (a table holds every version).")
def export_command(db, table, fmt, out, min_weight, versions):
    """Export a table (documents: one analysis record per document) or a graph (GraphML for Gephi)."""
    from .export import ExportError, export_table
    with opened(db) as con:
        try:
            n = export_table(con, table, fmt, out, min_weight, versions=versions)
        except ExportError as exc:
            raise click.UsageError(str(exc)) from None
    if out:
        click.echo(f"wrote {n} {'edges' if fmt == 'graphml' else 'rows'} to {out}", err=True)


def filter_options(f):
    """The filters every search-like command takes."""
    for name, help_ in reversed([
            ("outlet", "Only documents of this outlet."), ("actor", "Naming this actor (KB id or name)."),
            ("speaker", "Quoting this speaker (KB id or name)."), ("place", "Naming this place."),
            ("event", "With an event of this type (PLOVER type or CAMEO code)."),
            ("technique", "With this technique."), ("narrative", "Carrying this narrative (id or label).")]):
        f = click.option(f"--{name}", default=None, help=help_)(f)
    f = click.option("--story", type=int, default=None, help="In this story (its number).")(f)
    f = click.option("--versions", is_flag=True, default=False,
                     help="Also the older versions of an article updated at its address (else its latest stands for it).")(f)
    f = click.option("--until", callback=iso_day, default=None, help="Published on or before YYYY-MM-DD.")(f)
    f = click.option("--since", callback=iso_day, default=None, help="Published on or after YYYY-MM-DD.")(f)
    return f


def _filters(kw):
    from .search import Filters
    return Filters(**{k: kw.pop(k) for k in ("outlet", "since", "until", "actor", "speaker", "place", "event",
                                             "technique", "narrative", "story", "versions")})


@contextmanager
def searchable(db: str):
    """A read-only database whose full-text index is current (rebuilt first when an ingest was cut short or the
    index is of an older tokenizer)."""
    from .search import index_current, refresh_index
    with opened(db) as con:
        fresh = index_current(con)
    if not fresh:
        with opened(db, write=True) as con:
            refresh_index(con)
    with opened(db) as con:
        yield con


@click.command("search")
@click.argument("query")
@db_option
@filter_options
@click.option("--semantic", "mode", flag_value="semantic", help="Semantic search only (sentence embeddings).")
@click.option("--text", "mode", flag_value="text", help="Full-text (BM25) search only.")
@click.option("--hybrid", "mode", flag_value="hybrid", default=True, help="Both, fused by rank (default).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@format_option()
def search_command(query, db, mode, limit, fmt, **kw):
    """Ranked documents matching QUERY, with the matching passage highlighted."""
    from .search import Searcher
    if not query.strip():
        raise click.UsageError("QUERY is empty: give the words to search for")
    filters = _filters(kw)
    with searchable(db) as con:
        results = Searcher(con).search(query, filters, mode=mode, k=limit)
    if fmt != "pretty":
        write_rows([{**r, "passage": r["passage"]["text"], "start": r["passage"]["start"],
                     "end": r["passage"]["end"]} for r in results], fmt,
                   ["rank", "doc_id", "score", "match", "title", "outlet", "published", "path", "start", "end",
                    "passage"])
        return
    from rich.console import Console
    from rich.text import Text
    console = Console()
    if not results:
        console.print("no matching documents")
    elif all(r["match"] == "meaning" for r in results):
        console.print("no document holds these words; the nearest by meaning:", style="italic")
    for r in results:
        console.print(Text.assemble((f"{r['rank']}. ", "bold"), (r["title"] or "(untitled)", "bold"),
                                    f"  {r['outlet'] or '?'} · {r['published'] or '?'} · {r['doc_id']} · {r['score']}",
                                    ("  (by meaning)", "italic") if r["match"] == "meaning" else ""))
        p = r["passage"]
        text = Text(p["text"].replace("\n", " "))
        for s, e in r["highlights"]:
            text.stylize("bold yellow", s - p["start"], e - p["start"])
        console.print(text, style="dim" if not r["highlights"] else None)
        console.print()


@click.command("trends")
@click.argument("query", required=False)
@db_option
@click.option("--actor", default=None, help="Count documents naming this actor (KB id or name).")
@click.option("--narrative", default=None, help="Count documents carrying this narrative.")
@click.option("--technique", default=None, help="Count documents with this technique.")
@click.option("--speaker", default=None, help="Count documents quoting this speaker.")
@click.option("--comments", "hostile_comments", is_flag=True,
              help="Count reader comments by the date their page gives them: those holding a marker against all "
                   "dated comments.")
@click.option("--marker", type=click.Choice(("hate", "conspiracy", "violence", "insult")), default=None,
              help="With --comments: only markers of this kind.")
@click.option("--by", type=click.Choice(("day", "week", "month")), default="week", show_default=True)
@click.option("--outlet", default=None, help="Only this outlet's documents (matching and all).")
@click.option("--since", callback=iso_day, default=None, help="Only documents published on or after YYYY-MM-DD.")
@click.option("--until", callback=iso_day, default=None, help="Only documents published on or before YYYY-MM-DD.")
@versions_option
@format_option(default="csv", choices=("csv", "pretty", "jsonl"))
def trends_command(query, db, actor, narrative, technique, speaker, hostile_comments, marker, by, outlet, since, until,
                   versions, fmt):
    """Attention over time: per period the matching documents, all documents and their ratio (with
    --comments: hostile reader comments, all dated comments and their ratio)."""
    from .search import Filters
    from .trends import comment_trends, trends
    if hostile_comments:
        if query or actor or narrative or technique or speaker:
            raise click.UsageError("--comments counts comments: give no QUERY, --actor, --narrative, --technique "
                                   "or --speaker with it")
        with opened(db) as con:
            rows = comment_trends(con, by, marker=marker, outlet=outlet, versions=versions)
        write_rows(rows, fmt, ["period", "matching", "total", "ratio"])
        return
    if marker:
        raise click.UsageError("--marker goes with --comments")
    if since and until and until < since:
        raise click.BadParameter(f"{until} is before --since {since}", param_hint="--until")
    if not (query or actor or narrative or technique or speaker):
        raise click.UsageError("give a QUERY, --actor, --narrative, --technique, --speaker or --comments")
    match = Filters(actor=actor, narrative=narrative, technique=technique, speaker=speaker, versions=versions)
    elsewhere = 0
    with searchable(db) as con:
        rows = trends(con, by, query=query, outlet=outlet, since=since, until=until, match=match)
        if outlet and not any(r["matching"] for r in rows):
            elsewhere = sum(r["matching"] for r in trends(con, by, query=query, since=since, until=until, match=match))
    if not any(r["matching"] for r in rows):  # a mistyped KB id or label must not read as "no attention"
        asked = "; ".join(f"{k} {v!r}" for k, v in (("QUERY", query), ("--actor", actor), ("--narrative", narrative),
                                                     ("--technique", technique), ("--speaker", speaker)) if v)
        if elsewhere:  # the name is right: this outlet has none
            hint = f"{elsewhere} stored document{'s' if elsewhere != 1 else ''} of other outlets do"
        else:
            table = ("narratives" if narrative else "techniques" if technique else "quotes" if speaker
                     else "entities" if actor else None)
            hint = "check the name (`spinscope report`" + (f", `spinscope export --table {table}`)" if table else ")")
        click.echo(f"spinscope: warning: no stored document{' of ' + repr(outlet) if outlet else ''} matches "
                   f"{one_line(asked)}; {hint}", err=True)
    write_rows(rows, fmt, ["period", "matching", "total", "ratio"])


@click.command("copies")
@db_option
@click.option("--threshold", type=click.FloatRange(0.1, 1.0), default=None,
              help="Estimated Jaccard of the bodies' 5-word shingles from which two documents are copies (0.5); "
                   "an excerpt (70 % of a body of 60 shingles or more inside the other) is one whatever the Jaccard.")
@click.option("--graph", is_flag=True, help="Print the provenance graph (who republishes whom) instead of the groups.")
@format_option()
def copies_command(db, threshold, graph, fmt):
    """Groups of copied articles (earliest publication first) and the outlet provenance graph."""
    from .copies import THRESHOLD, copy_groups, provenance_edges
    with opened(db) as con:
        groups = copy_groups(con, threshold or THRESHOLD)
        edges = provenance_edges(con, groups) if graph else None
    if graph:
        write_rows(edges, fmt, ["copier", "source", "copies", "cited", "paragraphs_added", "paragraphs_cut",
                                "headline_changed", "doc_ids"], first=["copier", "source", "copies", "cited"],
                   empty="no outlet copies or cites another (no copies across outlets, no \"originally appeared\" line)")
    elif fmt == "jsonl":
        write_rows([g.to_dict() for g in groups], fmt)
    else:
        rows = [{"group": g.id, **d, "role": "original" if i == 0 else "update" if d.get("same_address") else "copy"}
                for g in groups for i, d in enumerate(g.docs)]
        write_rows(rows, fmt, ["group", "role", "doc_id", "outlet", "published", "similarity", "contained",
                               "exact", "paragraphs_added", "paragraphs_cut", "headline_changed", "title", "path",
                               "url"], first=["group", "role", "outlet", "published", "title", "similarity", "exact"],
                   empty=f"no copies: no two stored texts share an estimated Jaccard of {threshold or THRESHOLD} "
                         "(--threshold) or an excerpt, and no text was stored from two sources")


@click.command("stories")
@db_option
@click.option("--min-docs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only stories with at least this many documents.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@versions_option
@format_option()
def stories_command(db, min_docs, limit, versions, fmt):
    """Stories: articles about the same story, with label, period, outlets, main actors and first report."""
    from .stories import story_rows
    with opened(db) as con:
        rows = story_rows(con, limit=limit, min_docs=min_docs, versions=versions)
    write_rows(rows, fmt, ["story", "documents", "first", "last", "label", "outlets", "actors", "first_report"],
               first=["story", "documents", "label", "outlets", "first", "last"], empty=f"no story of {min_docs} documents or more (--min-docs)")


def _kb(kb_files):
    from ..kb import KBError, load_kb
    try:
        return load_kb(list(kb_files))
    except KBError as exc:
        raise click.BadParameter(str(exc), param_hint="--kb") from None


kb_option = click.option("--kb", "kb_files", multiple=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
                         help="A KB file with outlet ratings (`spinscope kb import-ratings`), shown beside the profile.")


@click.command("outlets")
@db_option
@versions_option
@format_option()
def outlets_command(db, versions, fmt):
    """One row per outlet: documents, period, technique density beside the corpus mean, copying, hostile comments."""
    from .copies import copy_counts, copy_groups, provenance_edges
    from .outlets import outlet_table
    with opened(db) as con:
        rows = outlet_table(con, copy_counts(provenance_edges(con, copy_groups(con))), versions=versions)
    write_rows(rows, fmt, ["outlet", "documents", "first", "last", "techniques_per_1000_words", "corpus_mean",
                           "narratives", "copies_made", "copied_by_others", "hostile_comment_share"])


@click.command("outlet")
@click.argument("name")
@db_option
@kb_option
@click.option("--format", "fmt", type=click.Choice(("pretty", "json")), default="pretty", show_default=True)
@versions_option
def outlet_command(name, db, kb_files, fmt, versions):
    """One outlet's profile; every figure with its evidence (document ids and spans)."""
    import json

    from .copies import copy_groups, provenance_edges
    from .outlets import profile
    kb = _kb(kb_files)
    with opened(db) as con:
        p = profile(con, name, kb=kb, copy_edges=provenance_edges(con, copy_groups(con)), versions=versions)
        seen = None if p is not None else con.execute(
            "SELECT count(DISTINCT doc_id) FROM sightings WHERE lower(outlet) = lower(?)", [name]).fetchone()[0]
    if p is None and seen:
        # An outlet that only re-posted stored texts word for word: in `copies` and the provenance graph, and
        # nowhere else (the profiles count each document under the source it was stored from).
        texts = "1 stored text" if seen == 1 else f"{seen} stored texts"
        raise click.ClickException(
            f"outlet {name!r} has no document of its own in {db}: it is only a second source of {texts} (re-posted "
            f"word for word; see `spinscope copies` and `spinscope export --table sightings`)")
    if p is None:
        raise click.ClickException(f"no document of outlet {name!r} in {db}; `spinscope outlets` lists them")
    if fmt == "json":
        click.echo(json.dumps(p, ensure_ascii=False, indent=1, default=str))
        return
    _print_profile(p)


def _print_profile(p):
    from rich.console import Console
    from rich.markup import escape
    c = Console()

    def d(value) -> str:  # a value from the documents: printed as it is, never read as rich markup
        return escape(neutralize(str(value)))

    def n_of(count, word):
        return f"{count} {word}" if count == 1 else f"{count} {word}s"

    def n_copies(count):
        return "1 copy" if count == 1 else f"{count} copies"
    c.print(f"[bold]{d(p['outlet'])}[/]: {n_of(p['documents'], 'document')}, {p['first'] or '?'} to "
            f"{p['last'] or '?'}, {p['words']} words")
    if p["ratings"]:
        for r in p["ratings"]:
            c.print(f"  rated by {d(r['source'])} ({r['date'] or 'undated'}): factuality {d(r['factuality'] or '?')}, "
                    f"bias {d(r['bias'] or '?')}")
    else:
        c.print("  no imported ratings (see `spinscope kb import-ratings`, then --kb FILE)")
    c.print(f"[bold]spinscope's measurements[/]: techniques {p['techniques_per_1000_words']} per 1,000 words "
            f"(corpus mean {p['corpus_mean_per_1000_words']})")

    def ev(items):
        return ", ".join(f"{e['doc_id']}[{e['start']}:{e['end']}]" if isinstance(e, dict) else str(e)
                         for e in items[:3])
    for t in p["techniques"]:
        c.print(f"  {d(t['technique'])}: {t['per_1000_words']} (corpus {t['corpus_per_1000_words']})  "
                f"{ev(t['evidence'])}")
    c.print("[bold]narratives[/]")
    for n in p["narratives"]:
        c.print(f"  {d(n['narrative'])}: {n_of(n['documents'], 'document')} ({n['share']:.0%})  {ev(n['evidence'])}")
    if not p["narratives"]:
        c.print("  none")
    c.print("[bold]naming choices[/]")
    for n in p["naming"][:15]:
        c.print(f"  {d(n['actor'])} as '{d(n['label'])}' ({d(n['category'])}): {n['count']}  {ev(n['evidence'])}")
    if not p["naming"]:
        c.print("  none")
    c.print("[bold]quotes most[/]")
    for q in p["quotes"][:10]:
        c.print(f"  {d(q['speaker'])}: {n_of(q['quotes'], 'quote')} in {n_of(q['documents'], 'document')}  "
                f"{ev(q['evidence'])}")
    if not p["quotes"]:
        c.print("  none")
    c.print("[bold]copies[/]")
    for e in p["copies"]:
        c.print(f"  from {d(e['source'])}: {n_copies(e['copies'])}, {e['cited']} cited  "
                f"{ev(e['evidence'])}")
    for e in p["copied_by"]:
        c.print(f"  copied by {d(e['copier'])}: {n_copies(e['copies'])}, "
                f"{e['cited']} cited  {ev(e['evidence'])}")
    if not p["copies"] and not p["copied_by"]:
        c.print("  none found")
    h = p["hostile_comments"]
    if h:
        c.print(f"[bold]comments[/]: {h['hostile']} of {h['comments']} hostile ({h['share']:.0%})  {ev(h['evidence'])}")


@click.command("report")
@db_option
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the report as one self-contained HTML file.")
@versions_option
def report_command(db, html_out, versions):
    """The corpus overview: documents by outlet and month, speakers, events, narratives, techniques, provenance."""
    from rich.console import Console

    from .report import html_report, overview, print_overview
    with opened(db) as con:
        data = overview(con, versions=versions)
    print_overview(data, Console())
    if html_out:
        with open(html_out, "w", encoding="utf-8") as f:
            f.write(html_report(data))
        click.echo(f"wrote {html_out}", err=True)


COMMANDS = [ingest_command, export_command, search_command, trends_command, copies_command, stories_command,
            outlets_command, outlet_command, report_command]


def register(group: click.Group) -> None:
    """Add the corpus commands to the main `spinscope` group."""
    for command in COMMANDS:
        group.add_command(command)


__all__ = ["register", "format_option", "write_rows"]
