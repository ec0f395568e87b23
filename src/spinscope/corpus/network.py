"""The analyst's networks (stop 43): who acts on whom (events: actor -> target, by type and quad class), who quotes
whom (an outlet -> the speakers its documents quote) and who cites whom (an outlet -> the sources its documents cite),
under the filters of the events list, each edge with the ids of the items behind it, so that the evidence opens.

`spinscope.corpus.export.actor_graph` (stop 38) is the whole store as one graph for Gephi (co-occurrences and event
edges, unfiltered); this is the filtered view the web UI (`/network`) and the REST API (`/api/network`) show."""
from __future__ import annotations

import functools

from ..datafile import read_data
from .search import Filters

KINDS = ("events", "quotes", "citations")
EDGE_LIMIT = 200  # edges of a network, the heaviest (the API takes up to MAX_EDGES)
MAX_EDGES = 5_000
EVIDENCE = 20  # items listed per edge (the API takes up to MAX_EVIDENCE; `weight` counts them all)
MAX_EVIDENCE = 1_000


@functools.cache
def quad_data() -> dict:
    """`data/corpus/quad_classes.yaml` as read."""
    return read_data("data/corpus/quad_classes.yaml")


def quad_classes() -> dict[str, str]:
    """Quad class -> its label ("verbal_conflict" -> "verbal conflict")."""
    return {k: v["label"] for k, v in quad_data()["classes"].items()}


def quad_sql(alias: str = "e") -> str:
    """SQL: the quad class of an event (its CAMEO code's root, else its PLOVER type when that has one class; NULL
    when neither says)."""
    classes = quad_data()["classes"]
    by_root = " ".join(f"WHEN '{r}' THEN '{k}'" for k, v in classes.items() for r in v["roots"])
    by_type = " ".join(f"WHEN '{t}' THEN '{k}'" for k, v in classes.items() for t in v["types"])
    return (f"coalesce(CASE left({alias}.cameo, 2) {by_root} END, "
            f"CASE upper({alias}.type) {by_type} END)")


def parse_quad(value: str | None) -> tuple[str, ...] | None:
    """The quad classes a `quad` value asks for (None: any): a class (`verbal_conflict`), a group (`conflict`,
    `cooperation`), or several separated by commas; ValueError naming the values taken."""
    if value is None or value.strip() == "":
        return None
    data = quad_data()
    out: list[str] = []
    for part in (p.strip().lower().replace(" ", "_").replace("-", "_") for p in value.split(",")):
        if part in data["classes"]:
            out.append(part)
        elif part in data["groups"]:
            out.extend(data["groups"][part])
        else:
            taken = ", ".join([*data["classes"], *data["groups"]])
            raise ValueError(f"quad: {part[:40]!r} is no quad class; give one of {taken} (or several separated by "
                             f"commas)")
    return tuple(dict.fromkeys(out))


def quad_where(quad: tuple[str, ...] | None, alias: str = "e") -> tuple[str, list]:
    """SQL: the event is of one of these quad classes (TRUE for None)."""
    if not quad:
        return "TRUE", []
    return f"{quad_sql(alias)} IN (SELECT unnest(?))", [list(quad)]


# The columns of an event's actor and target entities (one row per event; `network(ends=)`): made once by the server
# (serve/state.py) into a table of its own, since joining 182,000 events with 1.27 million entities twice was most of
# a network's cost, at every request.
EVENT_ENDS = """SELECT e.doc_id, e.id, a.kb_id akb, a.type atype, t.kb_id tkb, t.type ttype FROM events e
                LEFT JOIN entities a ON a.doc_id = e.doc_id AND a.id = e.actor
                LEFT JOIN entities t ON t.doc_id = e.doc_id AND t.id = e.target"""

# The type and name of each quote's speaker entity (one row per quote, NULL without one; `network(speakers=)`).
QUOTE_SPEAKERS = """SELECT q.doc_id, q.id, se.type, se.name FROM quotes q
                    LEFT JOIN entities se ON se.doc_id = q.doc_id AND se.id = q.speaker_entity"""


def _evidence(limit: int, *items: str) -> str:
    """SQL: the first `limit` items of a group as a list of structs, newest first (the order of the lists)."""
    return f"list({{{', '.join(items)}}} ORDER BY seq DESC, start, id)[1:{int(limit)}]"


def network(con, filters: Filters | None = None, *, kind: str = "events", type: str | None = None,
            quad: tuple[str, ...] | None = None, who: str | None = None, whom: str | None = None,
            near=None, min_weight: int = 1, limit: int = EDGE_LIMIT, evidence: int = EVIDENCE,
            ends: str | None = None, speakers: str | None = None) -> dict:
    """A network of `kind`:

    - `events`: actor -> target, one edge per pair, PLOVER type and quad class, over the events that `views.events`
      lists with these arguments (`since`/`until` by the event's own date; `who`/`whom` the event's own actor and
      target; `quad` a tuple of quad classes, `parse_quad`). Ends: the actor's KB id, else the name the event gives
      (an event without an actor or a target is on no edge; counted in `unpaired`).
    - `quotes`: outlet -> speaker, one edge per pair and quote kind: the statements (direct, indirect, mixed, post)
      whose speaker the quotes stage resolved to a person or an organisation, in the documents the filters choose.
    - `citations`: outlet -> cited source (KB id, else the name written), one edge per pair and citation kind.

    Quotes and citations of a document without an outlet are on no edge (counted in `unpaired`). Edges: the
    heaviest `limit` of those of `min_weight` items or more, each with `weight` (items), `documents`, `first` and
    `last` (dates: the events' own periods; the documents' publication days), and `evidence`: its first `evidence`
    items, newest stored first (`doc_id`, `id`, `start`, `end`, `date`, `title`), `more` the items not listed. Nodes:
    the ends of those edges, with what they do (`out`) and undergo (`in`) on them. `edges_total`: the edges before
    `limit`.

    `ends` (stop 44): the name of a table made by `EVENT_ENDS` (the server keeps one in memory, rebuilt when it
    writes), read instead of joining the events with their actor's and target's entities: the same answer, without
    the two joins over every entity (most of the 0.84 s of CPU at 182,000 events). `speakers`: likewise a table made
    by `QUOTE_SPEAKERS`, for the quotes network."""
    from .views import EVENT_FIRST_DAY, EVENT_LAST_DAY, SPEAKER_JOIN, SPEAKER_TYPES, STATEMENT_KINDS, _events_where
    if kind not in KINDS:
        raise ValueError(f"kind: {str(kind)[:40]!r}; give one of {', '.join(KINDS)}")
    filters = filters or Filters()
    if kind != "events" and (type or quad or who or whom or near is not None):
        given = [n for n, v in (("type", type), ("quad", quad), ("who", who), ("whom", whom), ("near", near)) if v]
        raise ValueError(f"{', '.join(given)}: for the events network (kind=events); the {kind} network takes the "
                         f"corpus filters (outlet, since, until, speaker, ...)")
    if kind == "events":
        where, params = _events_where(filters, type=type, placed=False, who=who, whom=whom, near=near, quad=quad)
        if ends:  # the entities' columns, one row per event, read by the event's keys
            cols = "x.akb, x.atype, x.tkb, x.ttype"
            join = f"JOIN {ends} x ON x.doc_id = e.doc_id AND x.id = e.id"
        else:
            cols = "a.kb_id akb, a.type atype, t.kb_id tkb, t.type ttype"
            join = """LEFT JOIN entities a ON a.doc_id = e.doc_id AND a.id = e.actor
                      LEFT JOIN entities t ON t.doc_id = e.doc_id AND t.id = e.target"""
        base = f"""SELECT coalesce(akb, chr(0) || lower(e.actor_name)) sg, akb skb, e.actor_name sn,
                          atype st, coalesce(tkb, chr(0) || lower(e.target_name)) tg, tkb,
                          e.target_name tn, ttype tt, e.type kind, {quad_sql()} quad, e.doc_id, e.id, e.start,
                          e."end", coalesce(e.date, d.published_date::VARCHAR) date, {EVENT_FIRST_DAY} d0,
                          {EVENT_LAST_DAY} d1, d.seq
                   FROM (SELECT e.*, {cols} FROM events e {join}) e JOIN documents d USING (doc_id)
                   {"LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place" if near is not None else ""}
                   WHERE {where}"""
        paired = "nullif(trim(sn), '') IS NOT NULL AND nullif(trim(tn), '') IS NOT NULL"
    else:
        where, params = filters.sql()
        if kind == "quotes":
            resolved = f"se.type IN ({', '.join(repr(t) for t in SPEAKER_TYPES)}) AND nullif(trim(se.name), '') IS NOT NULL"
            base = f"""SELECT chr(1) || lower(d.outlet) sg, NULL::VARCHAR skb, d.outlet sn, 'outlet' st,
                              coalesce(q.speaker_kb_id, chr(0) || lower(se.name)) tg, q.speaker_kb_id tkb,
                              se.name tn, se.type tt, q.kind kind, NULL::VARCHAR quad, q.doc_id, q.id, q.start, q."end",
                              d.published_date::VARCHAR date, d.published_date d0, d.published_date d1, d.seq
                       FROM quotes q JOIN documents d USING (doc_id) {
                           f"JOIN {speakers} se ON se.doc_id = q.doc_id AND se.id = q.id" if speakers
                           else SPEAKER_JOIN}
                       WHERE {where} AND q.kind IN (SELECT unnest(?)) AND {resolved}"""
            params = [*params, list(STATEMENT_KINDS)]
        else:
            base = f"""SELECT chr(1) || lower(d.outlet) sg, NULL::VARCHAR skb, d.outlet sn, 'outlet' st,
                              coalesce(c.kb_id, chr(0) || lower(c.name)) tg, c.kb_id tkb, c.name tn,
                              NULL::VARCHAR tt, c.kind kind, NULL::VARCHAR quad, c.doc_id, c.id, c.start, c."end",
                              d.published_date::VARCHAR date, d.published_date d0, d.published_date d1, d.seq
                       FROM citations c JOIN documents d USING (doc_id)
                       WHERE {where} AND nullif(trim(c.name), '') IS NOT NULL"""
        paired = "nullif(trim(sn), '') IS NOT NULL"
    # the titles are read for the listed items' documents only, after (carried through the grouping they cost a
    # fifth of the query at 182,000 events)
    items = _evidence(evidence, "'doc_id': doc_id", "'id': id", "'start': start", "'end': \"end\"", "'date': date")
    rows = con.execute(
        f"""WITH x AS MATERIALIZED ({base}),
                 g AS MATERIALIZED (
                    SELECT sg, max(skb) skb,
                           coalesce(mode(sn ORDER BY sn) FILTER (WHERE st IS DISTINCT FROM 'nationality'),
                                    mode(sn ORDER BY sn)) sname,
                           tg, max(tkb) tkb,
                           coalesce(mode(tn ORDER BY tn) FILTER (WHERE tt IS DISTINCT FROM 'nationality'),
                                    mode(tn ORDER BY tn)) tname,
                           kind, quad, count(*) n, count(DISTINCT doc_id) docs, min(d0) first_day, max(d1) last_day,
                           {items} items
                    FROM x WHERE {paired} GROUP BY sg, tg, kind, quad HAVING count(*) >= ?)
            SELECT *, (SELECT count(*) FROM g), (SELECT count(*) FROM x WHERE NOT ({paired})) FROM g
            ORDER BY n DESC, sname, tname, sg, tg, kind, quad NULLS LAST LIMIT ?""",
        [*params, int(min_weight), int(limit)]).fetchall()
    total = rows[0][-2] if rows else 0
    unpaired = rows[0][-1] if rows else con.execute(
        f"SELECT count(*) FROM ({base}) x WHERE NOT ({paired})", params).fetchone()[0]
    listed = sorted({x["doc_id"] for r in rows for x in r[12]})
    titles = dict(con.execute("SELECT doc_id, title FROM documents WHERE doc_id IN (SELECT unnest(?))",
                              [listed]).fetchall()) if listed else {}
    for r in rows:
        for x in r[12]:
            x["title"] = titles.get(x["doc_id"])
    labels = quad_classes()
    nodes: dict[str, dict] = {}
    edges = []
    for sg, skb, sname, tg, tkb, tname, k, q, n, docs, first, last, items, _t, _u in rows:
        ends = []
        for group, kb_id, name, role in ((sg, skb, sname, "out"), (tg, tkb, tname, "in")):
            node_kind = "outlet" if group.startswith(chr(1)) else "actor"
            key = kb_id or name
            node = nodes.setdefault(group, {"id": key, "label": name, "kb_id": kb_id, "kind": node_kind,
                                            "out": 0, "in": 0})
            node[role] += n
            ends.append(node["id"])
        edge = {"source": ends[0], "target": ends[1], "source_label": sname, "target_label": tname,
                "type": k, "weight": n, "documents": docs,
                "first": first.isoformat() if first else None, "last": last.isoformat() if last else None,
                "evidence": items, "more": n - len(items)}
        if kind == "events":
            edge["quad"] = q
            edge["quad_label"] = labels.get(q) if q else None
        edges.append(edge)
    return {"kind": kind, "nodes": sorted(nodes.values(), key=lambda v: (-(v["out"] + v["in"]), v["label"] or "",
                                                                         v["id"] or "")),
            "edges": edges, "edges_total": total, "unpaired": unpaired}
