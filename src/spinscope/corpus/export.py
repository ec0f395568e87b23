"""Export corpus tables (JSONL, Parquet, CSV) and its graphs (GraphML for Gephi)."""
from __future__ import annotations

import json
import sys

from .store import TABLES, latest_rows

GRAPHS = ("actors", "provenance")
EXPORT_FORMATS = ("jsonl", "parquet", "csv", "graphml")
# Entity types that are actors (not places, commenters or stray words) in the actor network.
ACTOR_TYPES = ("person", "state", "government", "military", "armed_group", "designated_group", "igo", "media",
               "party", "organization", "nationality")


# Each table's rows in one order on every connection and every run: documents by storing order, stories by id;
# every other table in the order its rows were written (document by document, each layer in text order).
EXPORT_ORDER = {"stories": "story_id"}


class ExportError(ValueError):
    """A table/format combination that cannot be written."""


def exportable() -> list[str]:
    return [t for t in TABLES if t != "meta"] + list(GRAPHS)


def export_table(con, table: str, fmt: str, out: str | None, min_weight: int = 1, *, versions: bool = False) -> int:
    """Write one table; `documents` as one analysis record per document (the JSON contract). Returns rows written.
    `min_weight`: the fewest documents naming two actors for their co-occurrence edge (the actors graph)."""
    if min_weight != 1 and table != "actors":
        raise ExportError("--min-weight is for the actors graph")
    if versions and table != "actors":
        raise ExportError("--versions is for the actors graph: a table holds every version (its `latest` column "
                          "says which stands for its article)")
    if table in GRAPHS:
        if fmt != "graphml":
            raise ExportError(f"the {table} graph is exported as graphml")
        if not out:
            raise ExportError("graphml needs --out FILE")
        return write_graphml(actor_graph(con, min_weight, versions=versions) if table == "actors" else provenance_graph(con), out)
    if table not in TABLES or table == "meta":
        raise ExportError(f"unknown table {table!r}; choose from {', '.join(exportable())}")
    if fmt == "graphml":
        raise ExportError("graphml is for the graphs: " + ", ".join(GRAPHS))
    if table == "documents" and fmt != "csv":
        # The batch runner's layout (docs/store.md): doc_id plus the record as a JSON string.
        query = "SELECT doc_id, record FROM documents ORDER BY seq"
    elif table == "documents":
        query = "SELECT * EXCLUDE (record, text) FROM documents ORDER BY seq"
    else:
        query = f'SELECT * FROM "{table}" ORDER BY {EXPORT_ORDER.get(table, "rowid")}'
    n = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
    if table == "documents" and fmt == "jsonl":
        stream = open(out, "w", encoding="utf-8") if out else sys.stdout
        try:
            cur = con.execute(query)
            while chunk := cur.fetchmany(1000):
                for _doc_id, record in chunk:
                    stream.write(json.dumps(json.loads(record), ensure_ascii=False) + "\n")
        finally:
            if out:
                stream.close()
        return n
    if fmt == "parquet" and not out:
        raise ExportError("parquet needs --out FILE")
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}[fmt]
    if out:
        con.execute(f"COPY ({query}) TO '{_quote(out)}' ({options})")
        return n
    # To standard output: the very bytes `--out FILE` writes (DuckDB's COPY to a temporary file, then copied), so a
    # table piped to a file reads back as the same values: Python's csv module wrote lists as "['a', 'b']", vectors
    # as "(0.1, ...)" with float64 digits and booleans as "False" where the file has "[a, b]", "[0.1, ...]", "false".
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory(prefix="spinscope-export-") as tmp:
        path = f"{tmp}/{table}.{fmt}"
        con.execute(f"COPY ({query}) TO '{_quote(path)}' ({options})")
        sys.stdout.flush()
        with open(path, "rb") as f:
            target = getattr(sys.stdout, "buffer", None)
            if target is not None:
                shutil.copyfileobj(f, target)
                target.flush()
            else:
                sys.stdout.write(f.read().decode("utf-8"))
    return n


def _quote(path: str) -> str:
    return str(path).replace("'", "''")


def actor_graph(con, min_weight: int = 1, *, versions: bool = False):
    """Actors (KB id, else name) with co-occurrence edges (documents naming both) and event edges (who did what to whom).
    Every query is ordered and each label is the actor's most frequent name (ties by name): the same store gives the
    same graph, node for node, on every connection (DuckDB's parallel grouping has no order of its own)."""
    import networkx as nx
    g = nx.MultiDiGraph()
    types = list(ACTOR_TYPES)
    # the latest version of an updated article only (stop 40)
    for key, name, typ, docs in con.execute(
            f"""SELECT coalesce(kb_id, name) k, mode(name ORDER BY name), mode(type ORDER BY type), count(DISTINCT doc_id)
               FROM entities WHERE type IN (SELECT unnest(?)) AND {latest_rows(versions)} GROUP BY k ORDER BY k""", [types]).fetchall():
        g.add_node(key, label=name, type=typ, documents=docs)
    for a, b, n in con.execute(
            f"""WITH e AS (SELECT DISTINCT doc_id, coalesce(kb_id, name) k FROM entities
                          WHERE type IN (SELECT unnest(?)) AND {latest_rows(versions)})
               SELECT x.k, y.k, count(*) n FROM e x JOIN e y ON x.doc_id = y.doc_id AND x.k < y.k
               GROUP BY x.k, y.k HAVING count(*) >= ? ORDER BY 1, 2""", [types, min_weight]).fetchall():
        g.add_edge(a, b, kind="cooccurrence", weight=n)
    for a, b, typ, n in con.execute(
            f"""SELECT coalesce(ea.kb_id, ea.name), coalesce(et.kb_id, et.name), v.type, count(*)
               FROM events v JOIN entities ea ON ea.doc_id = v.doc_id AND ea.id = v.actor
               JOIN entities et ON et.doc_id = v.doc_id AND et.id = v.target WHERE {latest_rows(versions, "v")}
               GROUP BY ALL ORDER BY 1, 2, 3""").fetchall():
        for node in (a, b):
            if node not in g:
                g.add_node(node, label=node, type="", documents=0)
        g.add_edge(a, b, kind="event", type=typ, weight=n)
    if min_weight > 1:  # an actor left without an edge only clutters the drawing of a pruned graph
        g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    return g


def actor_network(con, min_weight: int = 1, *, versions: bool = False) -> dict:
    """`actor_graph` as plain values: nodes (id, label, type, documents) and edges (source, target, kind, weight and,
    for an event edge, its type): what `Corpus.actor_network` and `GET /api/actors/network` give."""
    g = actor_graph(con, min_weight, versions=versions)
    return {"nodes": [{"id": n, **a} for n, a in g.nodes(data=True)],
            "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)]}


def provenance_graph(con):
    """Outlets with `copier -> source` edges: copies found by text, re-publications found by citation."""
    import networkx as nx

    from .copies import copy_groups, provenance_edges
    g = nx.DiGraph()
    for outlet, n in con.execute("SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall():
        g.add_node(outlet, label=outlet, documents=n)
    for e in provenance_edges(con, copy_groups(con)):
        for node in (e["copier"], e["source"]):
            if node not in g:
                g.add_node(node, label=node, documents=0)
        # weight: the copier's documents that copy or cite the source (one document doing both counts once)
        g.add_edge(e["copier"], e["source"], weight=len(e["doc_ids"]), copies=e["copies"], cited=e["cited"],
                   paragraphs_added=e["paragraphs_added"], headline_changed=e["headline_changed"],
                   doc_ids=" ".join(e["doc_ids"]))
    return g


def write_graphml(graph, out: str) -> int:
    import networkx as nx
    nx.write_graphml(graph, out)
    return graph.number_of_edges()
