"""Narratives and techniques over time by outlet, and attention trends (JSON or CSV)."""
from __future__ import annotations

import csv
import io
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from ...corpus import views
from ...corpus.search import Filters
from ...corpus.trends import comment_trends, trends
from ..charts import SERIES, lines
from .common import VERSIONS, _day, cursor, fast, page

api = APIRouter(prefix="/api", tags=["narratives and trends"])
pages = APIRouter(include_in_schema=False)
By = Literal["day", "week", "month"]
Outlet = Query(None, max_length=200, description="Only this outlet's documents.")
Since = Query(None, max_length=10, description="Only documents published on or after YYYY-MM-DD.")
Until = Query(None, max_length=10, description="Only documents published on or before YYYY-MM-DD.")
Layer = Literal["narratives", "techniques"]


@api.get("/narratives", summary="Narratives by the number of documents carrying them")
@fast
def list_narratives(request: Request, limit: int = Query(50, ge=1, le=500), versions: bool = VERSIONS,
                    con=Depends(cursor)):
    return {"items": request.app.state.corpus.top(con, "narratives", limit, versions=versions)}


@api.get("/techniques", summary="Techniques by the number of documents using them")
@fast
def list_techniques(request: Request, limit: int = Query(50, ge=1, le=500), versions: bool = VERSIONS,
                    con=Depends(cursor)):
    return {"items": request.app.state.corpus.top(con, "techniques", limit, versions=versions)}


# declared before /{layer}/over-time, which would otherwise take "comments" for a layer
@api.get("/comments/over-time", summary="Per period of the comments' own dates: hostile reader comments, all dated "
                                          "comments, their ratio")
@fast
def comments_over_time(by: By = "week", marker: Literal["hate", "conspiracy", "violence", "insult"] | None = None,
                       outlet: str | None = Outlet, versions: bool = VERSIONS, con=Depends(cursor)):
    return {"by": by, "marker": marker,
            "items": comment_trends(con, by, marker=marker, outlet=outlet or None, versions=versions)}


@api.get("/{layer}/over-time", summary="Per period and outlet: documents carrying each narrative (or technique)")
@fast
def over_time(request: Request, layer: Layer, by: By = "month", outlet: str | None = Outlet,
              versions: bool = VERSIONS, con=Depends(cursor)):
    items = request.app.state.corpus.memo(("over_time", layer, by, outlet, versions),
                                          lambda: views.over_time(con, layer, by, outlet=outlet, versions=versions))
    return {"by": by, "items": items}


def _trends(request: Request, q, actor, narrative, technique, speaker, by, outlet, since=None, until=None,
            versions: bool = False):
    """corpus.trends over the server's resident search snapshot."""
    if not (q or actor or narrative or technique or speaker):
        raise HTTPException(422, "give q, actor, narrative, technique or speaker")
    since, until = _day("since", since), _day("until", until)
    if since and until and until < since:
        raise HTTPException(422, f"until ({until}) is before since ({since})")
    match = Filters(actor=actor or None, narrative=narrative or None, technique=technique or None,
                    speaker=speaker or None, versions=versions)
    return request.app.state.corpus.with_searcher(
        lambda searcher: trends(searcher.con, by, query=q or None, outlet=outlet or None, since=since, until=until,
                               match=match, searcher=searcher))




@api.get("/trends", summary="Attention over time: per period the matching documents, all documents, their ratio")
@fast
def api_trends(request: Request, q: str | None = Query(None, max_length=200), actor: str | None = Query(None, max_length=200), narrative: str | None = Query(None, max_length=200),
               technique: str | None = Query(None, max_length=200), speaker: str | None = Query(None, max_length=200), by: By = "week",
               outlet: str | None = Outlet, since: str | None = Since, until: str | None = Until,
               format: Literal["json", "csv"] = "json", versions: bool = VERSIONS):
    rows = _trends(request, q, actor, narrative, technique, speaker, by, outlet, since, until, versions)
    if format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, ["period", "matching", "total", "ratio"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="trends.csv"'})
    return {"by": by, "items": rows}


@pages.get("/narratives")
def narratives_page(request: Request, by: By = "month", outlet: str | None = Outlet, versions: bool = VERSIONS,
                    con=Depends(cursor)):
    corpus = request.app.state.corpus
    charts = []
    for layer in ("narratives", "techniques"):
        key = layer[:-1]
        empty = f"(no dated document with {layer})"  # the documents may be dated and simply hold none
        # documents counted once per point: a document with three techniques is one document of its outlet
        for series, head, name in (("key", f"by {key}", f"{layer} over time"), ("outlet", "by outlet", f"{layer} by outlet")):
            # kept until the server writes (stop 44: the page cost 0.4 s of CPU at 100,000 documents)
            rows = corpus.memo(("over_time_series", layer, by, series, outlet or None, versions),
                               lambda: views.over_time_series(con, layer, by, series=series, outlet=outlet or None,
                                                              keep=SERIES, versions=versions))
            title = (f"{layer.title()} over time (documents per {by}, by {key})" if series == "key"
                     else f"{layer.title()} over time by outlet (documents per {by} with any {key})")
            # a point of one narrative (technique) opens the documents it counts: that filter, that period (stop 44)
            link = _period_link(key, by, outlet, versions) if series == "key" else None
            charts.append((title, lines(rows, "series", "documents", title=name, empty=empty, folded=True, by=by,
                                        href=link)))
    hostile = corpus.memo(("comment_trends", by, outlet or None, versions),
                          lambda: comment_trends(con, by, outlet=outlet or None, versions=versions))
    charts.append((f"Reader comments over time (per {by}, by the date each page gives its comments)",
                   lines([{"period": r["period"], "series": name, "comments": r[key]} for r in hostile
                          for name, key in (("with a hate, conspiracy, violence or insult marker", "matching"),
                                            ("all dated comments", "total"))],
                         "series", "comments", title="reader comments over time", by=by)
                   if hostile else Markup("<p>(no dated comments)</p>")))
    return page(request, "narratives.html", charts=charts, by=by, outlet=outlet or "",
                narratives=corpus.top(con, "narratives", 30, versions=versions),
                techniques=corpus.top(con, "techniques", 30, versions=versions))


def _period_link(key: str, by: str, outlet: str | None, versions: bool):
    """href(series, period) of the chart of one narrative (technique) per period: the documents list with that
    filter, published within that period (a day, a week from its Monday, a month), of the page's outlet."""
    from datetime import date, timedelta
    from urllib.parse import urlencode

    def href(series: str, period: str) -> str | None:
        if series == "(unknown)":
            return None
        first = date.fromisoformat(period)
        if by == "month":
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        else:
            last = first + timedelta(days=6 if by == "week" else 0)
        query = {key: series, "since": first.isoformat(), "until": last.isoformat()}
        if outlet:
            query["outlet"] = outlet
        if versions:
            query["versions"] = "true"
        return "/documents?" + urlencode(query)
    return href


@pages.get("/trends")
def trends_page(request: Request, q: str | None = Query(None, max_length=200), actor: str | None = Query(None, max_length=200), narrative: str | None = Query(None, max_length=200),
                technique: str | None = Query(None, max_length=200), speaker: str | None = Query(None, max_length=200), by: By = "week",
                outlet: str | None = Outlet, since: str | None = Since, until: str | None = Until,
                versions: bool = VERSIONS):
    asked = any((q, actor, narrative, technique, speaker))
    rows = _trends(request, q, actor, narrative, technique, speaker, by, outlet, since, until, versions) if asked else []
    chart = lines([{"period": r["period"], "s": s, "v": r[s]} for r in rows for s in ("matching", "total")], "s", "v",
                  title="matching and all documents per period", by=by) if rows else None
    return page(request, "trends.html", rows=rows, chart=chart, asked=asked, by=by,
                form={"q": q or "", "actor": actor or "", "narrative": narrative or "", "technique": technique or "",
                      "speaker": speaker or "", "outlet": outlet or "", "since": since or "", "until": until or ""},
                query=request.url.query)
