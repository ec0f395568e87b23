"""What the routes share: the corpus cursor, the filters from the query string, page rendering."""
from __future__ import annotations

import functools
import json
from datetime import date

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...corpus.search import Filters
from ..templates import render

DOC_ID = r"^[0-9a-f]{16}$"
LIMIT = Query(50, ge=1, le=500, description="How many items (at most 500).")


async def cursor(request: Request):
    """A cursor of the corpus database for this request (a FastAPI dependency; async, so that taking and giving back
    a cursor costs no trip through the thread pool)."""
    with request.app.state.corpus.cursor() as cur:
        yield cur


def _day(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}") from None


def filters(outlet: str | None = Query(None, max_length=200, description="Only this outlet."),
            since: str | None = Query(None, max_length=10, description="Published on or after YYYY-MM-DD."),
            until: str | None = Query(None, max_length=10, description="Published on or before YYYY-MM-DD."),
            actor: str | None = Query(None, max_length=200, description="Naming this actor (KB id or name)."),
            speaker: str | None = Query(None, max_length=200, description="Quoting this speaker (KB id or name)."),
            place: str | None = Query(None, max_length=200, description="Naming this place."),
            event: str | None = Query(None, max_length=40, description="With an event of this PLOVER type or CAMEO code."),
            technique: str | None = Query(None, max_length=80, description="With this technique."),
            narrative: str | None = Query(None, max_length=200, description="Carrying this narrative (id or label)."),
            story: str | None = Query(None, max_length=12, description="In this story (its number)."),
            versions: bool = Query(False, description="Also the older versions of an article updated at its address "
                                                      "(else its latest version stands for it).")) -> Filters:
    """The corpus filters of `spinscope search`, from the query string; empty values mean any."""
    if story:
        if not story.isdigit():
            raise HTTPException(422, f"story: expected a story number, got {story[:12]!r}")
    return Filters(outlet=outlet or None, since=_day("since", since), until=_day("until", until), actor=actor or None,
                   speaker=speaker or None, place=place or None, event=event or None, technique=technique or None,
                   narrative=narrative or None, story=int(story) if story else None, versions=versions)


def page(request: Request, template: str, **context) -> HTMLResponse:
    return HTMLResponse(render(request, template, **context))


def stored_outlets(request: Request) -> set[str]:
    """The outlets the store holds documents of, lower-cased: the names an outlet page answers (a source that
    documents only cite has none)."""
    return {o.lower() for o in request.app.state.corpus.outlets()}


def found(value, what: str):
    """The value, or a 404 saying what was not found."""
    if value is None or value == []:
        raise HTTPException(404, f"no {what}")
    return value


def _plain(value):
    return value.isoformat() if isinstance(value, date) else str(value)


class FastJSON(JSONResponse):
    """JSON by json.dumps (dates as ISO strings), without FastAPI's per-value encoder, which costs more than the query."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_plain).encode()


def fast(route):
    """An API route whose plain return value is sent as FastJSON (the signature is kept for FastAPI)."""
    @functools.wraps(route)
    def wrapper(*args, **kwargs):
        result = route(*args, **kwargs)
        return result if isinstance(result, Response) else FastJSON(result)
    return wrapper
