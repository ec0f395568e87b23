"""The readable terminal report of one analyzed document (rich)."""
from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .model import Document

# Which stages fill which later layer; a section says "not run" rather than "none found"
# when one of its stages was not in the pipeline (entities need the parser's segments and NER).
LAYER_STAGES = {"entities": ("parse", "entities"), "quotes": ("quotes",), "citations": ("quotes",),
                "places": ("places",), "dates": ("dates",), "events": ("events",),
                "techniques": ("techniques",), "narratives": ("narratives",), "labels": ("labels",),
                "markers": ("markers",)}
# Layer -> function(doc) -> renderable, for the layers that have a section of their own.
SECTIONS: dict = {}
MAX_COMMENTS = 40
MAX_ENTITIES = 30  # per type
PREVIEW = 90


def _short(text: str, n: int = PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _sizes(doc: Document) -> Table:
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column()
    body_chars = sum(s.end - s.start for s in doc.body)
    body_words = sum(len(doc.text[s.start:s.end].split()) for s in doc.body)
    t.add_row("text", f"{len(doc.text):,} chars")
    t.add_row("body", f"{body_chars:,} chars, {body_words:,} words in {len(doc.body)} span(s)")
    kinds = Counter()
    for b in doc.boilerplate:
        kinds[b.kind] += b.end - b.start
    bp = ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()) or "none"
    t.add_row("boilerplate", f"{sum(kinds.values()):,} chars ({bp})")
    if doc.comments:
        authors = Counter(c.author for c in doc.comments if c.author)
        top = ", ".join(f"{a} ({n})" for a, n in authors.most_common(3))
        t.add_row("comments", f"{len(doc.comments)} (max depth {max(c.depth for c in doc.comments)}, "
                              f"{len(authors)} authors{': ' + top if top else ''})")
    else:
        t.add_row("comments", "none")
    t.add_row("sentences", f"{len(doc.sentences):,}")
    return t


def _boilerplate(doc: Document) -> Table:
    t = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    t.add_column("kind", style="yellow")
    t.add_column("text", style="dim")
    for b in doc.boilerplate:
        t.add_row(b.kind, _short(doc.text[b.start:b.end]))
    return t


def _comments(doc: Document) -> Tree:
    root = Tree(Text(f"{len(doc.comments)} comments", style="bold"))
    nodes = {}
    for c in doc.comments[:MAX_COMMENTS]:
        label = Text()
        label.append(c.author or "(anonymous)", style="cyan")
        label.append(": ")
        label.append("(no text)" if c.empty else _short(doc.text[c.start:c.end], 70))
        parent = nodes.get(c.parent, root)
        nodes[c.id] = parent.add(label)
    if len(doc.comments) > MAX_COMMENTS:
        root.add(Text(f"… {len(doc.comments) - MAX_COMMENTS} more", style="dim"))
    return root


def _entities(doc: Document) -> Table:
    """Entities grouped by type (the most mentioned type first), each with its mention count and KB id."""
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column(style="magenta")
    t.add_column()
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
            t.add_row(typ if i == 0 else "", line)
        if len(ents) > MAX_ENTITIES:
            t.add_row("", Text(f"… {len(ents) - MAX_ENTITIES} more", style="dim"))
    return t


SECTIONS["entities"] = _entities


def render(doc: Document, stages: list[str] | None = None) -> Panel:
    """One panel per document: metadata, sizes, the split, and a section per layer."""
    src = doc.source
    head = Text()
    head.append(src.title or "(no title)", style="bold")
    meta = " · ".join(x for x in (src.outlet, src.published, src.url or src.path) if x)
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
    return Panel(Group(*parts), title=f"[bold]{doc.doc_id}[/]", title_align="left", expand=True)


def print_report(doc: Document, console: Console, stages: list[str] | None = None) -> None:
    console.print(render(doc, stages))
