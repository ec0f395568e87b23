"""The readable terminal report of one analyzed document (rich)."""
from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text
from rich.tree import Tree

from .model import Document
from .terminal import neutralize

# Which stages fill which later layer; a section says "not run" rather than "none found"
# when one of its stages was not in the pipeline (entities need the parser's segments and NER).
LAYER_STAGES = {"entities": ("parse", "entities"), "quotes": ("quotes",), "citations": ("quotes",),
                "places": ("parse", "entities", "places"), "dates": ("dates",), "events": ("events",),
                "techniques": ("techniques",), "narratives": ("narratives",), "labels": ("labels",),
                "markers": ("markers",)}
# Layer -> function(doc) -> renderable, for the layers that have a section of their own.
SECTIONS: dict = {}
MAX_COMMENTS = 40
MAX_ENTITIES = 30  # per type
PREVIEW = 90


def _short(text: str, n: int = PREVIEW) -> str:
    text = neutralize(" ".join(text.split()))
    return text if len(text) <= n else text[: n - 1] + "…"


def _row(table: Table, *cells) -> None:
    """Add a row; strings become `Text`, so that brackets in article text are never read as markup."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def _grid(*columns: Column) -> Table:
    """A table without header, borders or edge padding, of the given columns."""
    return Table(*columns, show_header=False, box=None, pad_edge=False)


def _sizes(doc: Document) -> Table:
    t = _grid(Column(style="bold"), Column())
    body_chars = sum(s.end - s.start for s in doc.body)
    body_words = sum(len(doc.text[s.start:s.end].split()) for s in doc.body)
    _row(t, "text", f"{len(doc.text):,} chars")
    _row(t, "body", f"{body_chars:,} chars, {body_words:,} words in {len(doc.body)} span(s)")
    kinds = Counter()
    for b in doc.boilerplate:
        kinds[b.kind] += b.end - b.start
    bp = ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()) or "none"
    _row(t, "boilerplate", f"{sum(kinds.values()):,} chars ({bp})")
    if doc.comments:
        authors = Counter(c.author for c in doc.comments if c.author)
        top = ", ".join(f"{a} ({n})" for a, n in authors.most_common(3))
        _row(t, "comments", f"{len(doc.comments)} (max depth {max(c.depth for c in doc.comments)}, "
                              f"{len(authors)} authors{': ' + top if top else ''})")
    else:
        _row(t, "comments", "none")
    _row(t, "sentences", f"{len(doc.sentences):,}")
    return t


def _boilerplate(doc: Document) -> Table:
    t = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    t.add_column("kind", style="yellow")
    t.add_column("text", style="dim")
    for b in doc.boilerplate:
        _row(t, b.kind, _short(doc.text[b.start:b.end]))
    return t


def _comments(doc: Document) -> Tree:
    root = Tree(Text(f"{len(doc.comments)} comments", style="bold"))
    nodes = {}
    for c in doc.comments[:MAX_COMMENTS]:
        label = Text()
        label.append(c.author or "(anonymous)", style="cyan")
        if c.posted:
            label.append(f" {c.posted}", style="dim")
        label.append(": ")
        label.append("(no text)" if c.empty else _short(doc.text[c.start:c.end], 70))
        parent = nodes.get(c.parent, root)
        nodes[c.id] = parent.add(label)
    if len(doc.comments) > MAX_COMMENTS:
        root.add(Text(f"… {len(doc.comments) - MAX_COMMENTS} more", style="dim"))
    return root


def _entities(doc: Document) -> Table:
    """Entities grouped by type (the most mentioned type first), each with its mention count and KB id."""
    t = _grid(Column(style="magenta"), Column())
    by_type: dict[str, list] = {}
    for e in doc.entities:
        by_type.setdefault(e.type, []).append(e)
    for typ, ents in sorted(by_type.items(), key=lambda kv: -sum(len(e.mentions) for e in kv[1])):
        ents = sorted(ents, key=lambda e: -len(e.mentions))
        for i, e in enumerate(ents[:MAX_ENTITIES]):
            line = Text(e.name)
            if e.kb_id:
                line.append(f" (kb {e.kb_id})", style="green")
            line.append(f" ×{len(e.mentions)}", style="dim")
            _row(t, typ if i == 0 else "", line)
        if len(ents) > MAX_ENTITIES:
            _row(t, "", Text(f"… {len(ents) - MAX_ENTITIES} more", style="dim"))
    return t


SECTIONS["entities"] = _entities

MAX_QUOTES = 6  # per speaker


def _quotes(doc: Document) -> Table:
    """Statements grouped by speaker (most quoted first); scare quotes and quoted terms on one line."""
    t = _grid(Column(style="cyan", max_width=32), Column())
    ents = {e.id: e for e in doc.entities}
    groups: dict[str, list] = {}
    scare = []
    for q in doc.quotes:
        if q.kind in ("scare", "nested"):
            scare.append(q)
            continue
        sp = q.speaker
        key = (ents[sp.entity].name if sp.entity in ents else sp.name) if sp else "(no speaker)"
        if sp and sp.handle:
            key += f" @{sp.handle}"
        groups.setdefault(key, []).append(q)
    for key, qs in sorted(groups.items(), key=lambda kv: (kv[0] == "(no speaker)", -len(kv[1]))):
        for i, q in enumerate(qs[:MAX_QUOTES]):
            line = Text()
            line.append(f"{q.kind} ", style="dim")
            if q.cue:
                line.append(f"[{doc.text[q.cue.start:q.cue.end]}] ", style="yellow")
            line.append(_short(doc.text[q.start:q.end], 110))
            _row(t, key if i == 0 else "", line)
        if len(qs) > MAX_QUOTES:
            _row(t, "", Text(f"… {len(qs) - MAX_QUOTES} more", style="dim"))
    if scare:
        terms = ", ".join(dict.fromkeys(" ".join(doc.text[q.start:q.end].split()) for q in scare))
        _row(t, "scare quotes", Text(_short(terms, 200), style="magenta"))
    return t


def _citations(doc: Document) -> Table:
    """Citations grouped by outlet: kinds and where they stand."""
    t = _grid(Column(style="green", max_width=32), Column())
    groups: dict[str, list] = {}
    for c in doc.citations:
        groups.setdefault(c.name + (f" (kb {c.kb_id})" if c.kb_id else ""), []).append(c)
    for key, cs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        kinds = Counter(c.kind for c in cs)
        line = Text(", ".join(f"{k} ×{n}" if n > 1 else k for k, n in kinds.items()))
        line.append("  " + _short(doc.text[cs[0].start:cs[0].end], 70), style="dim")
        _row(t, key, line)
    return t


SECTIONS["quotes"] = _quotes
SECTIONS["citations"] = _citations


def _places(doc: Document) -> Table:
    """One line per place: name, country, coordinates, GeoNames id and feature, why, mention count."""
    t = _grid(Column(style="magenta"), Column())
    for p in sorted(doc.places, key=lambda p: -len(p.mentions))[:MAX_ENTITIES]:
        line = Text(f"{p.name} ")
        line.append(f"{p.lat:.3f}, {p.lon:.3f}", style="cyan")
        if p.geonameid:
            line.append(f" (geonames {p.geonameid})", style="green")
        if p.feature_code:
            line.append(f" {p.feature_class}.{p.feature_code}", style="dim")
        if p.reason:
            line.append(f" [{p.reason}]", style="yellow")
        line.append(f" ×{len(p.mentions)}", style="dim")
        if p.indirect_mentions:
            line.append(f" (+{len(p.indirect_mentions)} indirect)", style="dim")
        _row(t, p.country_code or "--", line)
    if len(doc.places) > MAX_ENTITIES:
        _row(t, "", Text(f"… {len(doc.places) - MAX_ENTITIES} more", style="dim"))
    return t


SECTIONS["places"] = _places


def _labels(doc: Document) -> Table:
    """The naming-choice table: actor -> the labels the text gives it, with counts (comments apart)."""
    from .spin.labels import naming_table
    t = _grid(Column(style="magenta"), Column())
    colour = {"delegitimizing": "red", "legitimizing": "green"}
    for part, rows in (("", naming_table([doc])),
                       (" (comments)", [r for r in naming_table([doc], comments=True)
                                        if r not in naming_table([doc])])):
        by_actor: dict = {}
        for r in rows:
            by_actor.setdefault(r["actor"] or "(no actor in reach)", []).append(r)
        for actor, items in by_actor.items():
            line = Text()
            for i, r in enumerate(items):
                line.append(", " if i else "")
                line.append(r["label"], style=colour.get(r["category"], ""))
                line.append(f" ×{r['count']}", style="dim")
            _row(t, actor + part, line)
    return t


def _markers(doc: Document) -> Group:
    """The comment-thread summary, then the strongest markers."""
    from .spin.markers import thread_summary
    s = thread_summary(doc)
    kinds = ", ".join(f"{k} {n}" for k, n in s["comments_by_kind"].items() if n) or "none"
    lines = [Text(f"{s['hostile_comments']} of {s['comments']} comments hostile ({s['hostile_share']:.0%}): {kinds}; "
                  f"{s['body_markers']} marker(s) in the article")]
    if s["first_posted"]:
        busiest = max(s["by_day"], key=lambda d: (d["hostile_comments"], d["comments"]))
        lines.append(Text(f"dated {s['first_posted']} to {s['last_posted']} ({s['dated_comments']} of "
                          f"{s['comments']} comments dated); most hostile day {busiest['day']}: "
                          f"{busiest['hostile_comments']} of {busiest['comments']}", style="dim"))
    if s["hostile_authors"]:
        lines.append(Text("most hostile: " + ", ".join(f"{a['author']} ({a['hostile_comments']})"
                                                       for a in s["hostile_authors"]), style="dim"))
    if s["top_terms"]:
        lines.append(Text("top terms: " + ", ".join(f"{x['term']} ×{x['count']}" for x in s["top_terms"]),
                          style="dim"))
    t = _grid(Column(style="red"), Column(style="dim"), Column())
    for m in sorted(doc.markers, key=lambda m: -m.score)[:10]:
        _row(t, m.kind, f"{m.score:.2f}", _short(doc.text[m.start:m.end], 60))
    return Group(*lines, t)


SECTIONS["labels"] = _labels
SECTIONS["markers"] = _markers


def _events(doc: Document) -> Table:
    """One line per event: date, actor, TYPE, target, (place), [mode], "trigger"."""
    names = {e.id: e.name for e in doc.entities}
    places = {p.id: p.name for p in doc.places}
    t = _grid(Column())
    for ev in doc.events:
        line = Text()
        line.append(f"{ev.date or '----------'} ", style="dim")
        line.append(names.get(ev.actor, "?"), style="cyan")
        line.append(f" {ev.type} ", style="bold")
        line.append(names.get(ev.target, "?"), style="cyan")
        if ev.place:
            line.append(f" ({places.get(ev.place, ev.place)})", style="green")
        line.append(f" [{ev.mode}]", style="yellow" if ev.mode != "asserted" else "dim")
        if ev.trigger:
            line.append(f' "{doc.text[ev.trigger.start:ev.trigger.end]}"', style="dim")
        _row(t, line)
    return t


SECTIONS["events"] = _events


def _dates(doc: Document) -> Table:
    """The publication date resolved against, then each date: surface -> value (granularity)."""
    t = _grid(Column(style="blue"), Column())
    how = {"text": "from a date or byline of the page's text"}.get(doc.hints.get("published_from") or "", "")
    _row(t, "published", Text(doc.source.published or "unknown (relative dates left unresolved)")
              + Text(f" ({how})" if how else "", style="dim"))
    for d in doc.dates:
        line = Text(" ".join(doc.text[d.start:d.end].split()))
        if d.value:
            line.append(f" → {d.value} ({d.granularity})", style="green")
            if d.anchor == "published":
                line.append(" rel.", style="dim")
            elif d.anchor == "posted":
                line.append(" rel. to the comment", style="dim")
        else:
            line.append(" → unresolved", style="dim")
        _row(t, "", line)
    return t


SECTIONS["dates"] = _dates


def _narratives(doc: Document) -> Table:
    """Each narrative with its stance and score, then its evidence sentences (shortened, at most three)."""
    t = _grid(Column(style="red", justify="right"), Column())
    for n in doc.narratives:
        stance = getattr(n, "stance", "asserts")
        _row(t, f"{n.score:.2f}", Text(f"[{stance}] ", style="bold red" if stance == "asserts" else "yellow")
             + Text(n.label, style="bold") + Text(f" ({n.id})", style="dim"))
        for ev in n.evidence[:3]:
            tag = getattr(ev, "stance", None)
            _row(t, "", Text("“" + _short(doc.text[ev.start:ev.end], 100) + "”", style="dim")
                 + Text(f" {tag}" if tag and tag != stance else "", style="yellow"))
        if len(n.evidence) > 3:
            _row(t, "", Text(f"… {len(n.evidence) - 3} more sentences", style="dim"))
    return t


SECTIONS["narratives"] = _narratives


def _techniques(doc: Document) -> Table:
    """Techniques by type (the most frequent first) with counts and their strongest spans."""
    t = _grid(Column(style="red"), Column(style="dim", justify="right"), Column())
    by_type: dict[str, list] = {}
    for x in doc.techniques:
        by_type.setdefault(x.technique, []).append(x)
    for typ, items in sorted(by_type.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        items = sorted(items, key=lambda x: -x.score)
        for i, x in enumerate(items[:3]):
            _row(t, f"{typ} ×{len(items)}" if i == 0 else "", f"{x.score:.2f}",
                      _short(doc.text[x.start:x.end], 70))
    return t


SECTIONS["techniques"] = _techniques


def render(doc: Document, stages: list[str] | None = None) -> Panel:
    """One panel per document: metadata, sizes, the split, and a section per layer."""
    src = doc.source
    head = Text()
    head.append(_short(src.title, 300) if src.title else "(no title)", style="bold")
    meta = neutralize(" · ".join(x for x in (src.outlet, src.published, src.url or src.path) if x))
    if meta:
        head.append("\n" + meta, style="dim")
    parts: list = [head, Text(""), _sizes(doc)]
    if doc.body:
        parts += [Text("\nbody", style="bold green"),
                  Text(_short(doc.text[doc.body[0].start:doc.body[0].end], 300))]
    if doc.boilerplate:
        parts += [Text("\nboilerplate", style="bold yellow"), _boilerplate(doc)]
    if doc.comments:
        parts += [Text(""), _comments(doc)]
    for layer, needs in LAYER_STAGES.items():
        items = getattr(doc, layer)
        if items:
            status = f"{len(items)}"
        elif stages is not None and any(stage not in stages for stage in needs):
            status = "not run"
        else:
            status = "none found"
        parts.append(Text.assemble((f"{layer}: ", "bold"), (status, "dim" if not items else "")))
        if items and layer in SECTIONS:
            parts.append(SECTIONS[layer](doc))
    return Panel(Group(*parts), title=Text(doc.doc_id, style="bold"), title_align="left", expand=True)


class Neutralized:
    """A renderable whose text, wherever it came from, cannot steer the terminal: article text is
    hostile (an ESC sequence can recolour the screen or set the window title), so every character
    that could is shown as an escape (terminal.neutralize). Rich's own styling is left alone."""

    def __init__(self, renderable):
        self.renderable = renderable

    def __rich_console__(self, console, options):
        for seg in console.render(self.renderable, options):
            yield seg if seg.control else Segment(neutralize(seg.text), seg.style, seg.control)


def print_report(doc: Document, console: Console, stages: list[str] | None = None) -> None:
    console.print(Neutralized(render(doc, stages)))
