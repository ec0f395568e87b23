"""Quotes: by speaker, outlet and period, searchable, with cursor pagination."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ...corpus.search import Filters
from .common import LIMIT, cursor, filters, page, fast

api = APIRouter(prefix="/api", tags=["quotes"])
pages = APIRouter(include_in_schema=False)
Text = Query(None, max_length=200, description="Words the quote contains (case-insensitive).")
After = Query(None, alias="cursor", ge=0, description="`next_cursor` of the previous page.")


@api.get("/quotes", summary="Quotes with speaker, outlet and date, newest stored first")
@fast
def list_quotes(request: Request, f: Filters = Depends(filters), contains: str | None = Text, limit: int = LIMIT,
                after: int | None = After, con=Depends(cursor)):
    items, nxt = request.app.state.corpus.quotes(con, speaker=f.speaker, filters=_without_speaker(f), text=contains,
                                                 limit=limit, cursor=after)
    return {"items": items, "next_cursor": nxt}


def _without_speaker(f: Filters) -> Filters:
    """The speaker filters the quote itself, not the document."""
    from dataclasses import replace
    return replace(f, speaker=None)


@pages.get("/quotes")
def quotes_page(request: Request, f: Filters = Depends(filters), contains: str | None = Text, after: int | None = After,
                con=Depends(cursor)):
    items, nxt = request.app.state.corpus.quotes(con, speaker=f.speaker, filters=_without_speaker(f), text=contains,
                                                 limit=100, cursor=after)
    return page(request, "quotes.html", items=items, next_cursor=nxt, contains=contains or "")
