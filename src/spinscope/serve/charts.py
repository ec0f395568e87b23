"""Charts as inline SVG drawn on the server (no chart script): lines over time, bars, the provenance graph."""
from __future__ import annotations

import html
import re
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

from ..corpus.report import _graph

SERIES = 7  # lines drawn; the rest are summed into "other"


def _clip(text: str, size: int) -> str:
    """A label cut to `size` characters, with an ellipsis when cut (the whole name is in its tooltip)."""
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _name(value) -> str:
    """A series' name in the legend: a missing value (a document without an outlet) is "(unknown)", not "None"."""
    return "(unknown)" if value is None else str(value)


MAX_FILLED = 2_000  # periods filled in between the first and the last; a longer span is drawn without the zeros


def _next(d: date, by: str) -> date:
    if by == "month":
        return (d.replace(day=1) + timedelta(days=32)).replace(day=1)
    return d + timedelta(days=7 if by == "week" else 1)


def _periods(given: set[str], by: str | None) -> list[str]:
    """The periods to draw: those of the rows and, with `by` (day, week, month), every period between the first and
    the last, which the rows leave out when nothing happened in them (a month without documents is a zero, not a
    month that does not exist)."""
    periods = sorted(given)
    if by not in ("day", "week", "month"):
        return periods
    try:
        d, last = date.fromisoformat(periods[0]), date.fromisoformat(periods[-1])
    except ValueError:
        return periods
    filled = []
    while d <= last and len(filled) <= MAX_FILLED:
        filled.append(d.isoformat())
        d = _next(d, by)
    return sorted(given | set(filled)) if len(filled) <= MAX_FILLED else periods


def _positions(periods: list[str]) -> list[float]:
    """Each period's place on the time axis, 0 to 1, by its date (periods that are no dates: evenly)."""
    try:
        days = [date.fromisoformat(p).toordinal() for p in periods]
    except ValueError:
        return [i / max(1, len(periods) - 1) for i in range(len(periods))]
    span = (days[-1] - days[0]) or 1
    return [(d - days[0]) / span for d in days]


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _label(period: str, by: str | None) -> str:
    """A period as the axis and the points name it: a month as "Mar 2017" (its first day, 2017-03-01, read as the
    1st of March), a day or a week (its Monday) as its date."""
    if by == "month" and len(period) == 10 and period[4] == "-" and period[5:7].isdigit() and 1 <= int(period[5:7]) <= 12:
        return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}"
    return period


TICK_GAP = 0.16  # the least distance between two date labels of the x axis, as a share of its width


def _ticks(at: list[float]) -> list[int]:
    """The periods (indexes) labelled between the first and the last: spread along the axis, none nearer than
    TICK_GAP to another label (the first and last are always labelled)."""
    chosen, last = [], 0.0
    for i, a in enumerate(at[1:-1], start=1):
        if a - last >= TICK_GAP and 1 - a >= TICK_GAP:
            chosen.append(i)
            last = a
    return chosen


def lines(rows: list[dict], series: str, value: str, *, period: str = "period", title: str = "", width: int = 760,
          height: int = 240, empty: str = "(no dated documents)", folded: bool = False,
          by: str | None = None, href=None) -> Markup:
    """One line per series (the SERIES largest; the others summed) over the periods, with a legend; `empty` when
    there is nothing to draw. `folded`: the rows were cut to SERIES series by their producer already, the rest in
    rows whose `other` is true (`views.over_time_series`): drawn as given, since summing a count of documents over
    series counts a document once per series it is in. `by` (day, week, month): the rows' period, whose missing
    periods are drawn as zeros. Periods that are dates stand on the axis where their dates are: 2012-07 is as far
    from 2016-03 as 44 months are. `href(series name, period)` (stop 44): the address a point links to, or None (a
    point was a hover text only: the documents behind a rise of a narrative were not one click away)."""
    if not rows:
        return Markup(f"<p>{escape(empty)}</p>")
    totals: dict[str, float] = {}
    for r in rows:
        if folded and r.get("other"):
            continue
        totals[_name(r[series])] = totals.get(_name(r[series]), 0) + r[value]
    keep = sorted(totals, key=lambda k: (-totals[k], k))[:None if folded else SERIES]
    periods = _periods({r[period] for r in rows}, by)
    at = _positions(periods)
    grid: dict[str, dict[str, float]] = {k: {} for k in keep}
    for r in rows:
        k = "other" if folded and r.get("other") else _name(r[series]) if _name(r[series]) in grid else "other"
        grid.setdefault(k, {})
        grid[k][r[period]] = grid[k].get(r[period], 0) + r[value]
    top = max((v for g in grid.values() for v in g.values()), default=1) or 1
    left, bottom, right = 40, 22, 10
    w, h = width - left - right, height - bottom - 8

    def x(i):
        return left + w * at[i]

    def y(v):
        return 8 + h - h * v / top
    out = [f'<svg class="chart" viewBox="0 0 {width} {height + 18 * ((len(grid) + 3) // 4)}" role="img" '
           f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
           f'<line x1="{left}" y1="{8 + h}" x2="{left + w}" y2="{8 + h}" class="axis"/>',
           f'<text x="{left - 4}" y="14" class="tick" text-anchor="end">{top:g}</text>',
           f'<text x="{left - 4}" y="{8 + h}" class="tick" text-anchor="end">0</text>',
           f'<text x="{left}" y="{height - 4}" class="tick">{escape(_label(periods[0], by))}</text>',
           f'<text x="{left + w}" y="{height - 4}" class="tick" text-anchor="end">{escape(_label(periods[-1], by))}'
           '</text>']
    if top >= 4:  # a middle tick, so a reader can tell 3 from 7 without hovering every point
        # counts are whole: a middle tick of 5.5 documents (top 11) read as a fraction of a document; a whole number
        # near the middle, drawn where it stands
        whole = all(float(v).is_integer() for g in grid.values() for v in g.values())
        mid = (top + 1) // 2 if whole else top / 2
        out.append(f'<text x="{left - 4}" y="{y(mid) + 4:.1f}" class="tick" text-anchor="end">{mid:g}</text>')
    out.extend(f'<line x1="{x(i):.1f}" y1="{8 + h}" x2="{x(i):.1f}" y2="{12 + h}" class="axis"/>'
               f'<text x="{x(i):.1f}" y="{height - 4}" class="tick" text-anchor="middle">{escape(_label(periods[i], by))}'
               '</text>' for i in _ticks(at))
    for n, (k, g) in enumerate(grid.items()):
        pts = " ".join(f"{x(i):.1f},{y(g.get(p, 0)):.1f}" for i, p in enumerate(periods))
        out.append(f'<polyline points="{pts}" class="series s{n}"><title>{escape(k)}</title></polyline>')
        for i, p in enumerate(periods):
            if not g.get(p):
                continue
            point = (f'<circle cx="{x(i):.1f}" cy="{y(g[p]):.1f}" r="2.5" class="s{n}"><title>{escape(k)}, '
                     f'{escape(_label(p, by))}: {g[p]:g}</title></circle>')
            link = href(k, p) if href is not None and not (folded and k == "other") else None
            out.append(f'<a href="{escape(link)}" class="point">{point}</a>' if link else point)
        lx, ly = 10 + 190 * (n % 4), height + 12 + 18 * (n // 4)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" class="swatch s{n}"/>'
                   f'<text x="{lx + 14}" y="{ly}" class="tick"><title>{escape(k)}</title>{escape(_clip(k, 28))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def bars(rows: list[tuple[str, float]], unit: str = "", *, width: int = 560, label: int = 200) -> Markup:
    """Horizontal bars with their values; scales with the page (viewBox)."""
    if not rows:
        return Markup("<p>(nothing)</p>")
    top = max(v for _, v in rows) or 1
    h = 22
    room = width - label - 60
    out = [f'<svg class="chart" viewBox="0 0 {width} {h * len(rows) + 4}" role="img">']
    for i, (name, v) in enumerate(rows):
        w = room * v / top
        y = i * h + 2
        out.append(f'<text x="0" y="{y + 15}" class="tick"><title>{escape(str(name))}</title>{escape(_clip(str(name), 32))}</text>'
                   f'<rect x="{label}" y="{y + 3}" width="{w:.1f}" height="{h - 8}" class="bar"/>'
                   f'<text x="{label + w + 4:.1f}" y="{y + 15}" class="tick">{v:g}{escape(unit)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def graph(edges: list[dict]) -> Markup:
    """Who republishes whom (the corpus report's graph)."""
    svg = _graph(edges)
    if svg.startswith("<svg "):
        size = int(svg.split('width="', 1)[1].split('"', 1)[0])
        # the outlets' names stand right of their points: the box reaches the end of the longest (11-px text, about
        # 0.62 em a character), else a name on the right of the circle was cut at the edge ("Futurism. Read the")
        ends = [int(x) + 0.62 * 11 * len(html.unescape(name)) + 8
                for x, name in re.findall(r'<text x="(\d+)"[^>]*>([^<]*)</text>', svg)]
        width = max([size, *(round(e) for e in ends)])
        svg = svg.replace("<svg ", f'<svg class="chart" viewBox="0 0 {width} {size}" ', 1)
    return Markup(svg)


GRAPH_NODES = 30  # nodes drawn: the most connected of the network's edges (the table lists every edge)


def network_graph(net: dict, *, query: dict | None = None, size: int = 760) -> Markup:
    """The actor network (`corpus.network.network`) as an SVG drawn on the server: the GRAPH_NODES most connected
    nodes on a circle, an arrow from the one acting (quoting, citing) to the one acted on, as wide as its items,
    coloured by the quad class of most of its events; each arrow a link to the items behind it (the events of the
    pair, the quotes of the speaker by the outlet), each node a link to its actor or outlet page. `query`: the
    page's filters, carried to those links."""
    from urllib.parse import quote, urlencode
    nodes = net["nodes"][:GRAPH_NODES]
    if not nodes:
        return Markup("<p>(no edge matches these filters)</p>")
    kind, query = net["kind"], query or {}
    drawn = {(n["kind"], n["id"]) for n in nodes}
    pairs: dict[tuple[str, str], dict] = {}
    for e in net["edges"]:
        skind = "outlet" if kind != "events" else "actor"
        if (skind, e["source"]) not in drawn or ("actor", e["target"]) not in drawn:
            continue
        p = pairs.setdefault((e["source"], e["target"]), {"weight": 0, "by": {}, "labels": (e["source_label"],
                                                                                          e["target_label"])})
        p["weight"] += e["weight"]
        key = e.get("quad") or e["type"] if kind == "events" else e["type"]
        p["by"][key] = p["by"].get(key, 0) + e["weight"]
    c = size / 2
    r = c - 160  # room for the names, which stand outward along the radius (a name beside its neighbour's overlapped)
    import math
    angle = {(n["kind"], n["id"]): 2 * math.pi * i / len(nodes) - math.pi / 2 for i, n in enumerate(nodes)}
    pos = {k: (c + r * math.cos(a), c + r * math.sin(a)) for k, a in angle.items()}
    top = max((p["weight"] for p in pairs.values()), default=1) or 1
    title = {"events": "who acts on whom", "quotes": "who quotes whom", "citations": "who cites whom"}[kind]
    out = [f'<svg class="chart network" viewBox="0 0 {size} {size}" role="group" aria-label="{escape(title)}">'
           f'<title>{escape(title)}</title><defs>'
           + "".join(f'<marker id="arrow-{q}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
                     f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" class="edge-{q}"/></marker>'
                     for q in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
                               "other"))
           + "</defs>"]
    for (s, t), p in sorted(pairs.items(), key=lambda kv: kv[1]["weight"]):
        skind = "outlet" if kind != "events" else "actor"
        (x1, y1), (x2, y2) = pos[(skind, s)], pos[("actor", t)]
        if (x1, y1) == (x2, y2):
            continue  # an actor acting on itself: in the table
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        x2, y2 = x2 - 7 * dx / d, y2 - 7 * dy / d  # the arrowhead ends at the node's edge
        main = max(p["by"], key=lambda k: (p["by"][k], k))
        cls = main if kind == "events" and main in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                                    "material_conflict") else "other"
        parts = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in sorted(p["by"].items(), key=lambda kv: -kv[1]))
        what = {"events": "events", "quotes": "quotes", "citations": "citations"}[kind]
        label = f"{p['labels'][0]} → {p['labels'][1]}: {p['weight']} {what} ({parts})"
        if kind == "events":
            href = "/events?" + urlencode({**query, "who": s, "whom": t})
        elif kind == "quotes":
            href = "/quotes?" + urlencode({**{k: v for k, v in query.items() if k not in ("quad", "near")},
                                           "outlet": s, "speaker": t, "kind": "statements"})
        else:
            href = "/outlets/" + quote(s, safe="")
        w = 1 + 5 * p["weight"] / top
        out.append(f'<a href="{escape(href)}" class="edge"><line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" '
                   f'y2="{y2:.0f}" class="edge-{cls}" stroke-width="{w:.1f}" marker-end="url(#arrow-{cls})">'
                   f'<title>{escape(label)}</title></line></a>')
    for n in nodes:
        a = angle[(n["kind"], n["id"])]
        x, y = pos[(n["kind"], n["id"])]
        right = math.cos(a) >= -1e-9
        deg = math.degrees(a) if right else math.degrees(a) + 180
        tx, ty = c + (r + 10) * math.cos(a), c + (r + 10) * math.sin(a)
        href = ("/outlets/" if n["kind"] == "outlet" else "/actors/") + quote(str(n["id"]), safe="")
        label = n["label"] or n["id"]
        out.append(f'<a href="{escape(href)}" class="node node-{n["kind"]}"><circle cx="{x:.0f}" cy="{y:.0f}" r="6"/>'
                   f'<text x="{tx:.1f}" y="{ty:.1f}" dy="4" text-anchor="{"start" if right else "end"}" class="tick" '
                   f'transform="rotate({deg:.1f} {tx:.1f} {ty:.1f})">'
                   f'<title>{escape(label)}: {n["out"]} out, {n["in"]} in</title>{escape(_clip(label, 22))}</text></a>')
    out.append("</svg>")
    return Markup("".join(out))
