"""The corpus overview, on the terminal and as one self-contained HTML file (inline SVG plots, no network)."""
from __future__ import annotations

import html
import math
from collections import defaultdict

from ..terminal import neutralize
from .copies import copy_groups, provenance_edges
from .outlets import PRONOUNS, named_speaker, outlet_table
from .store import LATEST, latest_docs, latest_rows

TOP = 15
UNKNOWN, UNDATED = "(unknown)", "(undated)"  # a document's missing outlet or date in the tables


# One actor is one KB id, whatever the document wrote: "Russian airstrikes" (the nationality, linked to
# the state) and "Russia struck" count together, named by a form that is not the demonym when there is one.
EVENTS_BY_ACTOR = """
    WITH e AS (
        SELECT v.type, coalesce(a.kb_id, chr(0) || lower(v.actor_name)) actor_group, v.actor_name, a.type actor_type,
               coalesce(t.kb_id, chr(0) || lower(v.target_name)) target_group, v.target_name, t.type target_type
        FROM events v LEFT JOIN entities a ON a.doc_id = v.doc_id AND a.id = v.actor
                      LEFT JOIN entities t ON t.doc_id = v.doc_id AND t.id = v.target
        WHERE v.actor_name IS NOT NULL AND v.""" + LATEST + """)
    SELECT type, coalesce(mode(actor_name ORDER BY actor_name) FILTER (WHERE actor_type IS DISTINCT FROM 'nationality'),
                          mode(actor_name ORDER BY actor_name)),
           coalesce(mode(target_name ORDER BY target_name) FILTER (WHERE target_type IS DISTINCT FROM 'nationality'),
                    mode(target_name ORDER BY target_name)),
           count(*)
    FROM e GROUP BY type, actor_group, target_group ORDER BY 4 DESC, 1, 2, 3, actor_group, target_group LIMIT ?"""


def _month_order(month: str) -> tuple[bool, str]:
    return month == UNDATED, month


def _period(month: str, unit: str) -> str:
    """A month ('2016-05') as the period of `unit` that holds it ('2016-Q2', '2016')."""
    if month == UNDATED or unit == "month":
        return month
    return month[:4] if unit == "year" else f"{month[:4]}-Q{(int(month[5:7]) + 2) // 3}"


def outlet_periods(by_month: list[dict], top: int = TOP, columns: int = 12) -> tuple[list[str], list[dict]]:
    """The documents-by-outlet grid a reader can take in: the `top` outlets by documents (the rest summed in
    one row) and months, else quarters, else years, whichever first fits in `columns` columns."""
    dated = sorted({r["month"] for r in by_month if r["month"] != UNDATED})
    unit = next((u for u in ("month", "quarter", "year") if len({_period(m, u) for m in dated}) <= columns), "year")
    totals: dict[str, int] = defaultdict(int)
    grid: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in by_month:
        totals[r["outlet"]] += r["documents"]
        grid[r["outlet"]][_period(r["month"], unit)] += r["documents"]
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    shown, rest = ranked[:top], ranked[top:]
    if rest:
        other = f"({len(rest)} other outlets)"
        for o in rest:
            for p, n in grid[o].items():
                grid[other][p] += n
        shown.append(other)
    periods = sorted({p for o in shown for p in grid[o]}, key=_month_order)
    return periods, [{"outlet": o, **{p: grid[o].get(p, "") for p in periods}} for o in shown]


def overview(con, *, versions: bool = False) -> dict:
    """Every section of the report as plain data; `versions`: the older versions of updated articles counted too
    (copies count every version: an update is a member of its group)."""
    groups = copy_groups(con)
    edges = provenance_edges(con, groups)
    by_month = con.execute(  # undated documents and those of no known outlet are counted too
        f"""SELECT coalesce(outlet, '{UNKNOWN}'), strftime(date_trunc('month', published_date), '%Y-%m') m, count(*)
           FROM documents WHERE {latest_docs(versions)} GROUP BY ALL ORDER BY m NULLS LAST, 1""").fetchall()
    total, no_outlet, undated, older = con.execute(
        "SELECT count(*) FILTER (" + latest_docs(versions) + "), count(*) FILTER (outlet IS NULL AND "
        + latest_docs(versions) + "), count(*) FILTER (published_date IS NULL AND " + latest_docs(versions) + "), "
        "count(*) FILTER (latest = FALSE) FROM documents").fetchone()
    return {
        "documents": total,
        "older_versions": older,  # stored, counted in `documents` only with `versions` (stop 41)
        "versions": versions,
        "without_outlet": no_outlet,
        "undated": undated,
        "period": [str(x) if x else None for x in con.execute(
            f"SELECT min(published_date), max(published_date) FROM documents WHERE {latest_docs(versions)}").fetchone()],
        "outlets": outlet_table(con, _counts(edges), versions=versions),
        "by_month": [{"outlet": o, "month": m or UNDATED, "documents": n} for o, m, n in by_month],
        "speakers": [{"speaker": s, "quotes": n, "documents": d} for s, n, d in con.execute(
            f"""SELECT mode(speaker_name ORDER BY speaker_name), count(*), count(DISTINCT doc_id) FROM quotes
                WHERE speaker_name IS NOT NULL AND kind IN ('direct', 'indirect', 'mixed', 'post') AND {named_speaker()}
                  AND {latest_rows(versions)}
                GROUP BY coalesce(speaker_kb_id, chr(0) || lower(speaker_name))
                ORDER BY 2 DESC, 1, coalesce(speaker_kb_id, chr(0) || lower(speaker_name)) LIMIT ?""",
            [*PRONOUNS, TOP]).fetchall()],
        "events": [{"type": t, "actor": a, "target": g, "count": n} for t, a, g, n in con.execute(
            EVENTS_BY_ACTOR.replace("v." + LATEST, latest_rows(versions, "v")), [TOP]).fetchall()],
        "narratives_by_outlet": [{"outlet": o, "narrative": n, "documents": c} for o, n, c in con.execute(
            f"""SELECT d.outlet, n.narrative, count(DISTINCT n.doc_id) FROM narratives n JOIN documents d USING (doc_id)
               WHERE d.outlet IS NOT NULL AND {latest_docs(versions, "d")} GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT 40""").fetchall()],
        "copy_groups": len(groups),
        "copied_documents": sum(len(g.docs) - 1 for g in groups),
        "provenance": edges,
    }


def _counts(edges):
    from .copies import copy_counts
    return copy_counts(edges)


def summary(data: dict) -> str:
    """The report's first line: documents (without an outlet, undated), outlets, period, copies."""
    missing = [f"{data[k]} {what}" for k, what in (("without_outlet", "without an outlet"), ("undated", "undated"))
               if data.get(k)]
    if data.get("versions"):
        missing.append("every version of an updated article counted")
    elif data.get("older_versions"):
        n = data["older_versions"]
        missing.append(f"{n} older {'version' if n == 1 else 'versions'} of updated articles not counted: --versions")
    return (f"{data['documents']} documents{' (' + ', '.join(missing) + ')' if missing else ''}, "
            f"{len(data['outlets'])} outlets, {data['period'][0] or '?'} to {data['period'][1] or '?'}; "
            f"{data['copy_groups']} groups of copies ({data['copied_documents']} copies)")


def print_overview(data: dict, console) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text
    head = f"{data['documents']} documents"
    console.print(f"[bold]{head}[/]{escape(summary(data)[len(head):])}")

    def table(title, rows, cols):
        t = Table(*cols, title=title, title_justify="left")
        for r in rows:
            t.add_row(*(Text(neutralize("" if r.get(c) is None else str(r.get(c)))) for c in cols))
        console.print(t)
    periods, rows = outlet_periods(data["by_month"])
    table("documents by outlet and " + ("month" if all(len(p) == 7 for p in periods if p != UNDATED) else "period"),
          rows, ["outlet", *periods])
    table("technique density by outlet (per 1,000 words)", data["outlets"][:TOP],
          ["outlet", "documents", "techniques_per_1000_words", "corpus_mean", "narratives", "hostile_comment_share"])
    table("top speakers", data["speakers"], ["speaker", "quotes", "documents"])
    table("top events", data["events"], ["type", "actor", "target", "count"])
    table("narratives by outlet", data["narratives_by_outlet"][:TOP], ["outlet", "narrative", "documents"])
    table("provenance: who republishes whom", data["provenance"][:TOP],
          ["copier", "source", "copies", "cited", "paragraphs_added", "headline_changed"])


def _bars(rows: list[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return "<p>(nothing)</p>"
    top = max(v for _, v in rows) or 1
    h = 22
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h * len(rows) + 4}" role="img">']
    for i, (label, v) in enumerate(rows):
        w = (width - 260) * v / top
        y = i * h + 2
        out.append(f'<text x="0" y="{y + 15}" font-size="12">{html.escape(str(label))[:38]}</text>'
                   f'<rect x="240" y="{y + 3}" width="{w:.1f}" height="{h - 8}" fill="#4a78b0"/>'
                   f'<text x="{244 + w:.1f}" y="{y + 15}" font-size="11">{v:g}{unit}</text>')
    out.append("</svg>")
    return "".join(out)


def _graph(edges: list[dict], size: int = 560) -> str:
    """The provenance graph as inline SVG: outlets on a circle, an arrow from copier to source."""
    nodes = sorted({e["copier"] for e in edges} | {e["source"] for e in edges})[:40]
    if not nodes:
        return "<p>(no copies or re-publication lines found)</p>"
    c, r = size / 2, size / 2 - 110
    pos = {n: (c + r * math.cos(2 * math.pi * i / len(nodes)), c + r * math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    top = max(e["copies"] + e["cited"] for e in edges) or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" role="img">',
           '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#b04a4a"/></marker></defs>']
    for e in edges:
        if e["copier"] in pos and e["source"] in pos:
            (x1, y1), (x2, y2) = pos[e["copier"]], pos[e["source"]]
            w = 1 + 4 * (e["copies"] + e["cited"]) / top
            out.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#b04a4a" '
                       f'stroke-width="{w:.1f}" marker-end="url(#a)"><title>{html.escape(e["copier"])} copies '
                       f'{html.escape(e["source"])}: {e["copies"]} copies, {e["cited"]} cited</title></line>')
    for n, (x, y) in pos.items():
        out.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="#333"/>'
                   f'<text x="{x + 7:.0f}" y="{y + 4:.0f}" font-size="11">{html.escape(n)}</text>')
    out.append("</svg>")
    return "".join(out)


def _table(rows: list[dict], cols: list[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in cols)
                   + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def html_report(data: dict) -> str:
    """The report as one HTML page: styles and plots inline, no script, nothing fetched."""
    months = defaultdict(int)
    for r in data["by_month"]:
        months[r["month"]] += r["documents"]
    sections = [
        ("Documents by month", _bars(sorted(months.items(), key=lambda kv: _month_order(kv[0])))),
        ("Documents by outlet", _bars([(o["outlet"], o["documents"]) for o in data["outlets"][:TOP]])),
        ("Technique density by outlet (per 1,000 words; corpus mean "
         f"{data['outlets'][0]['corpus_mean'] if data['outlets'] else 0})",
         _bars([(o["outlet"], o["techniques_per_1000_words"]) for o in data["outlets"][:TOP]])),
        ("Top speakers", _bars([(s["speaker"], s["quotes"]) for s in data["speakers"]])),
        ("Top events", _table(data["events"], ["type", "actor", "target", "count"])),
        ("Narratives by outlet", _table(data["narratives_by_outlet"], ["outlet", "narrative", "documents"])),
        ("Provenance graph: who republishes whom", _graph(data["provenance"]) +
         _table(data["provenance"][:TOP], ["copier", "source", "copies", "cited", "paragraphs_added",
                                           "headline_changed"])),
    ]
    body = "".join(f"<h2>{html.escape(t)}</h2>{s}" for t, s in sections)
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>spinscope corpus report</title>"
            "<style>body{font-family:sans-serif;max-width:900px;margin:2em auto}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}</style></head><body>"
            f"<h1>spinscope corpus report</h1><p>{html.escape(summary(data))}.</p>{body}</body></html>")
