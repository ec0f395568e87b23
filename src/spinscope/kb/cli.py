"""`spinscope kb ...`: look into the actor knowledge base and import outlet ratings.

The main command line registers `kb_group` (`cli.add_command(kb_group)`).
"""
from __future__ import annotations

from collections import Counter

import click

from . import ACTOR_TYPES, KBError, KnowledgeBase, load_kb
from .ratings import FORMATS, ImportReport, RatingsError, import_ratings, write_kb

_KB_OPTION = click.option("--kb", "kb_files", multiple=True, type=click.Path(dir_okay=False),
                          help="A KB file of your own, loaded after the built-in actors (repeatable).")


def _load(kb_files) -> KnowledgeBase:
    try:
        return load_kb(list(kb_files))
    except KBError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("kb", context_settings={"help_option_names": ["-h", "--help"]})
def kb_group():
    """The actor knowledge base: show actors, count them, import outlet ratings."""


@kb_group.command("show")
@click.argument("name", nargs=-1, required=True)
@_KB_OPTION
def show(name, kb_files):
    """Print the actors named NAME (an id, name, alias, demonym or web domain; else a part of a name)."""
    kb = _load(kb_files)
    text = " ".join(name)
    found = kb.lookup(text)
    if not found:
        key = text.casefold()
        found = [a for a in kb if any(key in n.casefold() for n in a.names)][:20]
    if not found:
        raise click.ClickException(f"no actor named {text!r}")
    for i, actor in enumerate(found):
        if i:
            click.echo()
        click.echo(f"{actor.name}  [{actor.id}]  {actor.type}")
        for label, value in (("country", actor.country), ("code", actor.code), ("role", actor.role),
                             ("gender", actor.gender)):
            if value:
                click.echo(f"  {label}: {value}")
        if actor.affiliation:
            aff = kb.get(actor.affiliation)
            click.echo(f"  affiliation: {aff.name if aff else '?'} [{actor.affiliation}]")
        for label, values in (("aliases", actor.aliases), ("demonyms", actor.demonyms), ("domains", actor.domains)):
            if values:
                click.echo(f"  {label}: {', '.join(values)}")
        if actor.note:
            click.echo(f"  note: {actor.note}")
        for r in actor.ratings:
            parts = [f"factuality {r.factuality or '-'}", f"bias {r.bias or '-'}"]
            click.echo(f"  rating ({r.source}{', ' + r.date if r.date else ''}): {'; '.join(parts)}")
        click.echo(f"  from: {actor.origin}")


@kb_group.command("stats")
@_KB_OPTION
def stats(kb_files):
    """Count the actors by type and by the file they come from."""
    kb = _load(kb_files)
    types = Counter(a.type for a in kb)
    files = Counter(a.file for a in kb)
    click.echo(f"{len(kb)} actors")
    click.echo("by type:")
    for t in ACTOR_TYPES:
        if types[t]:
            click.echo(f"  {t:<18}{types[t]:>6}")
    click.echo("by file:")
    for f in kb.files:
        click.echo(f"  {f:<40}{files[f]:>6}")
    rated = sum(1 for a in kb if a.ratings)
    if rated:
        click.echo(f"{rated} actors carry ratings")


@kb_group.command("import-ratings")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="The ratings file's format.")
@click.option("--source", help="The ratings' source name, recorded in each rating (default: the format's).")
@click.option("--date", help="The ratings' date, YYYY-MM-DD (mbfc: the file's own date by default).")
@click.option("--only-known", is_flag=True, help="Keep only outlets that match built-in media actors.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="The KB YAML file to write.")
@_KB_OPTION
def import_ratings_cmd(file, fmt, source, date, only_known, out, kb_files):
    """Turn a ratings FILE into a KB file of media actors with ratings; load it with `--kb OUT`."""
    kb = _load(kb_files)
    report = ImportReport()
    try:
        actors = import_ratings(file, fmt, source=source, date=date, only_known=only_known, kb=kb, report=report)
    except RatingsError as exc:
        raise click.ClickException(str(exc)) from None
    rating = actors[0].ratings[-1] if actors and actors[0].ratings else None
    header = (f"Outlet ratings imported from {file} ({fmt}) by `spinscope kb import-ratings`.\n"
              f"Source: {rating.source if rating else source or fmt}; date: {(rating.date if rating else date) or '-'}.\n"
              "Matched outlets repeat their built-in entry, so loading this file with --kb overrides it.")
    write_kb(actors, out, header=header)
    click.echo(f"{report.entries} entries read; {len(report.matched)} matched built-in outlets, "
               f"{report.new} new outlets, {report.skipped} left out; wrote {len(actors)} actors to {out}")
    if report.matched:
        shown = sorted(report.matched)
        more = f" and {len(shown) - 30} more" if len(shown) > 30 else ""
        click.echo("matched: " + ", ".join(shown[:30]) + more)
