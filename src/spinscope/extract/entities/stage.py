"""The `entities` stage: the actors, places and nationalities of each document, linked to the KB."""
from __future__ import annotations

# The stage needs the `parse` stage (its segments and NER): a document without parses is left with
# no entities rather than parsed here, so `--disable parse` stays the fast, spaCy-free run it is; the
# report then says the layer was not run.

from ...model import Document, Entity, Span
from ...pipeline import register_stage
from ..quotes.cues import quote_cues
from .kb_index import kb_index
from .places_index import place_index
from .divisions import alpha2, among_divisions, listed_in
from .recognize import Context, recognize
from .resolve import Cluster, resolve
from .roles import vocabulary


def make_context(kb_files=()) -> Context:
    """The KB index (cached per set of files), the place names and the role words."""
    return Context(kb_index(tuple(str(f) for f in kb_files)), place_index(), vocabulary())


def find_entities(doc: Document, ctx: Context) -> list[Entity]:
    """The entities of one parsed document, ids e1, e2, ... in order of first mention."""
    if not doc.parses:
        return []
    segs, mentions = recognize(doc, ctx)
    clusters = resolve(doc.text, segs, mentions, ctx, _published_year(doc))
    _divisions(doc.text, clusters, ctx)
    found: list[tuple[int, Entity]] = [(c.first, _entity(c, doc.text, ctx)) for c in clusters]
    found.extend(_accounts(doc, ctx, [e for _, e in found]))
    found.extend(_commenters(doc))
    found.sort(key=lambda p: p[0])
    entities = []
    for i, (_, ent) in enumerate(found, 1):
        ent.id = f"e{i}"
        entities.append(ent)
    return entities


def _published_year(doc: Document) -> int | None:
    """The year the document says it was published (`source.published`, yyyy-mm-dd), if any."""
    published = doc.source.published if doc.source is not None else None
    return int(published[:4]) if published and published[:4].isdigit() else None


def _divisions(text: str, clusters: list[Cluster], ctx: Context) -> None:
    """A KB state the text lists among another country's first-level divisions is that division, a
    place the KB does not hold ("Trump won Virginia, Georgia and Alabama": the US state); so is one written only by
    its bare name in a text naming two or more other divisions of that country and no other name or demonym of the
    state (stop 43)."""
    for c in clusters:
        actor = ctx.index.kb.get(c.kb_id) if c.kb_id else None
        if actor is None or actor.type != "state" or c.nat is not None:
            continue
        spans = [(m.start, m.end) for m in c.mentions if m.source != "nominal"]
        if spans and (listed_in(text, actor.name, alpha2(actor.country), spans,
                                lambda n: ctx.places.country_code(n) is not None)
                      or all(text[s:e] == actor.name for s, e in spans)
                      and among_divisions(text, actor.name, alpha2(actor.country),
                                          [*actor.names, *(actor.demonyms or ())], _states_named(clusters, c, ctx))):
            c.kb_id, c.type, c.kb_names = None, "place", set()


def _states_named(clusters: list[Cluster], but: Cluster, ctx: Context) -> set[str]:
    """The countries (alpha-2) of the KB states the text names, by name or demonym, but `but`."""
    out = set()
    for o in clusters:
        a = ctx.index.kb.get(o.kb_id) if o is not but and o.kb_id else None
        if a is not None and a.type == "state" and o.mentions:
            out.add(alpha2(a.country) or "")
    return out


def _entity(c: Cluster, text: str, ctx: Context) -> Entity:
    actor = ctx.index.kb.get(c.kb_id)
    if c.nat is not None:
        name, typ, country = c.nat.name, "nationality", c.nat.country
        code = actor.code if actor else None
    elif actor is not None:
        name, typ, country, code = actor.name, actor.type, actor.country, actor.code
    else:
        name, typ, country, code = _longest(c, text), c.type, None, None
    spans, seen = [], set()
    for m in c.mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            spans.append(Span(m.start, m.end))
    return Entity("", name, typ, c.kb_id, spans, country=country, code=code)


def _longest(c: Cluster, text: str) -> str:
    """The fullest form written: most words, then mixed case over capitals, then the first."""
    forms = [(m.start, text[m.start:m.end], len(m.key)) for m in c.mentions if m.source != "nominal"]
    if not forms:
        return text[c.mentions[0].start:c.mentions[0].end]
    best = max(forms, key=lambda f: (f[2], not f[1].isupper(), len(f[1]), -f[0]))
    return " ".join(best[1].split())


def _accounts(doc: Document, ctx: Context, known: list[Entity]) -> list[tuple[int, Entity]]:
    """The display name on a pasted post's header line ("Name @handle time") as a mention of the KB
    actor that owns the handle: added to that actor's entity, or a new entity when the text names
    it nowhere else. The quotes stage reads these as the posts' speakers."""
    header = quote_cues().post_header
    by_kb = {e.kb_id: e for e in known if e.kb_id}
    new: list[tuple[int, Entity]] = []
    for piece in doc.body:
        pos = piece.start
        for raw in doc.text[piece.start:piece.end].split("\n"):
            line_start, pos = pos, pos + len(raw) + 1
            m = header.match(raw.strip())
            actor = ctx.index.kb.by_handle(m.group("handle")) if m else None
            if actor is None:
                continue
            start = line_start + len(raw) - len(raw.lstrip())
            span = Span(start, start + len(m.group("name")))
            ent = by_kb.get(actor.id)
            if ent is None:
                ent = by_kb[actor.id] = Entity("", actor.name, actor.type, actor.id, [],
                                               country=actor.country, code=actor.code)
                new.append((span.start, ent))
            if not any(x.start < span.end and span.start < x.end for x in ent.mentions):
                ent.mentions.append(span)
                ent.mentions.sort(key=lambda x: x.start)
    return new


def _commenters(doc: Document) -> list[tuple[int, Entity]]:
    """One `commenter` entity per distinct author name; never linked, never merged with anyone else."""
    by_name: dict[str, Entity] = {}
    first: dict[str, int] = {}
    for c in doc.comments:
        if not c.author or c.author_span is None:
            continue
        span = c.author_span
        if span.end <= span.start or not doc.text[span.start:span.end].strip():
            continue
        key = " ".join(c.author.split())
        ent = by_name.get(key)
        if ent is None:
            ent = by_name[key] = Entity("", key, "commenter", None, [])
            first[key] = span.start
        ent.mentions.append(Span(span.start, span.end))
    return [(first[k], e) for k, e in by_name.items()]


@register_stage("entities", requires=("parses",), assigns=("entities",))
def make_entities(config, resources):
    ctx_files = resources.config.kb.files
    kb_index(ctx_files)  # load the KB now: a bad user file fails before any document is read

    def entities(docs: list[Document]) -> None:
        ctx = make_context(ctx_files)
        for doc in docs:
            doc.entities = find_entities(doc, ctx)
    return entities
