"""Events: who did what to whom, where and when; as a table, as GeoJSON, and on the map page."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ...corpus import views
from ...corpus.search import Filters
from .common import FastJSON, actor_hints, cursor, filters, page, fast

api = APIRouter(prefix="/api", tags=["events"])
pages = APIRouter(include_in_schema=False)
Type = Query(None, max_length=40, description="PLOVER type or CAMEO code.")
Who = Query(None, max_length=200, description="The event's actor (KB id or name): who did it. (`actor` chooses "
                                              "documents naming an actor, and gives every event of them.)")
Whom = Query(None, max_length=200, description="The event's target (KB id or name): to whom it was done.")
Near = Query(None, max_length=80, description="`lat,lon,km`: only the events whose own place lies within km of the "
                                              "point (`place` chooses documents naming a place, and gives every "
                                              "event of them).")


def _parsed(value: str | None, parse):
    """None for an absent or empty parameter, else `parse(value)`; its ValueError is a 422 saying why."""
    if value is None or value == "":
        return None
    try:
        return parse(value)
    except ValueError as e:
        from fastapi import HTTPException
        raise HTTPException(422, str(e)) from None


def _near(near: str | None):
    return _parsed(near, views.parse_near)


Quad = Query(None, max_length=100, description="Quad class: `verbal_cooperation`, `material_cooperation`, "
                                               "`verbal_conflict`, `material_conflict`, `cooperation`, `conflict`, "
                                               "or several separated by commas (stop 43).")


def _quad(quad: str | None):
    from ...corpus.network import parse_quad
    return _parsed(quad, parse_quad)


@api.get("/events", summary="Events with actor, target, place (and coordinates), date and document, newest first; "
                            "page after page with `next_cursor`")
@fast
def list_events(request: Request, f: Filters = Depends(filters), type: str | None = Type, who: str | None = Who,
                whom: str | None = Whom, near: str | None = Near, limit: int = Query(500, ge=1, le=5000),
                after: int | None = Query(None, alias="cursor", ge=0, description="`next_cursor` of the previous page."),
                quad: str | None = Quad, con=Depends(cursor)):
    # a script read at most the newest 5,000 events (the limit's bound) and no more: `next_cursor` (the events read
    # so far, in an order that is total) gives the next page
    start = after or 0
    items = request.app.state.corpus.events(con, f, type=type, limit=limit + 1, who=who, whom=whom,
                                            near=_near(near), offset=start, quad=_quad(quad))
    more = len(items) > limit
    around = views.events_dated_around(con, f, type=type, who=who, whom=whom, near=_near(near), quad=_quad(quad))
    return {"items": items[:limit], "next_cursor": start + limit if more else None, "dated_around": around}


@api.get("/events.geojson", summary="Events that have a place with coordinates, as a GeoJSON FeatureCollection")
@fast
def events_geojson(request: Request, f: Filters = Depends(filters), type: str | None = Type, who: str | None = Who,
                   whom: str | None = Whom, near: str | None = Near, limit: int = Query(5000, ge=1, le=5000),
                   quad: str | None = Quad, con=Depends(cursor)):
    # the limit counts points: it was taken of all events first, so the placed events past the newest 5,000 were left
    # out of the GeoJSON without a word
    return FastJSON(views.geojson(request.app.state.corpus.events(con, f, type=type, limit=limit, placed=True,
                                                                  who=who, whom=whom, near=_near(near),
                                                                  quad=_quad(quad))),
                    media_type="application/geo+json")


EXPORT_COLUMNS = ["doc_id", "id", "date", "type", "cameo", "quad", "mode", "actor", "actor_kb_id", "target",
                  "target_kb_id", "place", "lat", "lon", "start", "end", "text", "outlet", "title"]


def _export(request: Request, f: Filters, type, who, whom, near, quad, fmt: str):
    from .exports import csv_response, jsonl_response, own_cursor
    args = dict(type=type or None, who=who or None, whom=whom or None, near=_near(near), quad=_quad(quad))
    rows = own_cursor(request, lambda con: views.iter_events(con, f, **args))
    if fmt == "csv":
        return csv_response(rows, EXPORT_COLUMNS, "events.csv")
    return jsonl_response(rows, "events.jsonl")


@api.get("/events.csv", summary="Every event the filters of the events list choose, as CSV (its order; no page)")
def events_csv(request: Request, f: Filters = Depends(filters), type: str | None = Type, who: str | None = Who,
               whom: str | None = Whom, near: str | None = Near, quad: str | None = Quad):
    return _export(request, f, type, who, whom, near, quad, "csv")


@api.get("/events.jsonl", summary="Every event the filters of the events list choose, as JSON Lines (its order)")
def events_jsonl(request: Request, f: Filters = Depends(filters), type: str | None = Type, who: str | None = Who,
                 whom: str | None = Whom, near: str | None = Near, quad: str | None = Quad):
    return _export(request, f, type, who, whom, near, quad, "jsonl")


EVENTS_SHOWN = 1000  # rows of the events page (and points of its map): the newest


@pages.get("/events")
def events_page(request: Request, f: Filters = Depends(filters), type: str | None = Type, who: str | None = Who,
                whom: str | None = Whom, near: str | None = Near, quad: str | None = Quad, con=Depends(cursor)):
    items = request.app.state.corpus.events(con, f, type=type, limit=EVENTS_SHOWN + 1, who=who, whom=whom,
                                            near=_near(near), quad=_quad(quad))
    more = len(items) > EVENTS_SHOWN  # the page said "1000 events" of a corpus of 12,000
    items = items[:EVENTS_SHOWN]
    hints = [] if items else actor_hints(request, con, {"who": who, "whom": whom, "actor": f.actor})
    around = views.events_dated_around(con, f, type=type, who=who, whom=whom, near=_near(near), quad=_quad(quad))
    from ...corpus.network import quad_classes
    return page(request, "events.html", items=items, geo=views.geojson(items), type=type or "", more=more, hints=hints,
                dated_around=around, quad=quad or "", quads=quad_classes(),
                who=who or "", whom=whom or "", near=near or "", query=request.url.query,
                types=[r[0] for r in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1")
                       .fetchall()])
