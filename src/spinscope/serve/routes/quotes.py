"""Quotes: by speaker, outlet and period, searchable, with cursor pagination."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ...corpus.search import Filters
from ...corpus import views
from ...corpus.views import quote_kinds
from .common import LIMIT, After, actor_hints, checked_sort, cursor, fast, filters, page, paged, sort_query

api = APIRouter(prefix="/api", tags=["quotes"])
pages = APIRouter(include_in_schema=False)
Sort = sort_query(views.QUOTE_SORTS)
Text = Query(None, max_length=200, description="Words the quote contains (case-insensitive).")
Kind = Query(None, pattern=r"^(statements|scare|all|[a-z]+(,[a-z]+)*)$", max_length=100,
             description="`statements` (direct, indirect, mixed, post), `scare` (scare quotes and nested "
                         "quotations), `all`, or kinds separated by commas; the API's default is all, the page's "
                         "statements.")


def _kinds(kind: str | None, default: str) -> tuple[str, ...] | None:
    """The quote kinds a `kind` parameter asks for (None: every kind)."""
    try:
        return quote_kinds(kind or default)
    except ValueError as exc:
        raise HTTPException(422, f"kind: {exc}") from None


@api.get("/quotes", summary="Quotes with speaker, outlet and date, newest stored first")
@fast
def list_quotes(request: Request, f: Filters = Depends(filters), contains: str | None = Text, limit: int = LIMIT,
                after: str | None = After, kind: str | None = Kind, sort: str | None = Sort, con=Depends(cursor)):
    items, nxt = paged(request.app.state.corpus.quotes, con, speaker=f.speaker, filters=_without_speaker(f),
                       text=contains, limit=limit, cursor=after, kinds=_kinds(kind, "all"),
                       sort=checked_sort(sort, views.QUOTE_SORTS))
    return {"items": items, "next_cursor": nxt}


EXPORT_COLUMNS = ["doc_id", "id", "kind", "speaker", "speaker_kb_id", "text", "start", "end", "outlet", "published",
                  "title"]


def _export(request: Request, f: Filters, contains, kind, sort, fmt: str):
    """Every quote of the list with these filters (the API's kinds: all by default), in its order, from one query
    (page after page of 5,000 scanned the quotes once a page: 59 s for 585,000 quotes)."""
    from .exports import csv_response, jsonl_response, own_cursor
    kinds, sort = _kinds(kind, "all"), checked_sort(sort, views.QUOTE_SORTS)
    rows = own_cursor(request, lambda con: views.iter_quotes(con, speaker=f.speaker, filters=_without_speaker(f),
                                                             text=contains, kinds=kinds, sort=sort))
    if fmt == "csv":
        return csv_response(rows, EXPORT_COLUMNS, "quotes.csv")
    return jsonl_response(rows, "quotes.jsonl")


@api.get("/quotes.csv", summary="Every quote the filters of the quotes list choose, as CSV (its order; no page)")
def quotes_csv(request: Request, f: Filters = Depends(filters), contains: str | None = Text, kind: str | None = Kind,
               sort: str | None = Sort):
    return _export(request, f, contains, kind, sort, "csv")


@api.get("/quotes.jsonl", summary="Every quote the filters of the quotes list choose, as JSON Lines (its order)")
def quotes_jsonl(request: Request, f: Filters = Depends(filters), contains: str | None = Text,
                 kind: str | None = Kind, sort: str | None = Sort):
    return _export(request, f, contains, kind, sort, "jsonl")


def _without_speaker(f: Filters) -> Filters:
    """The speaker filters the quote itself, not the document."""
    from dataclasses import replace
    return replace(f, speaker=None)


@pages.get("/quotes")
def quotes_page(request: Request, f: Filters = Depends(filters), contains: str | None = Text, after: str | None = After,
                kind: str | None = Kind, sort: str | None = Sort, con=Depends(cursor)):
    kinds = _kinds(kind, "statements")
    sort = checked_sort(sort, views.QUOTE_SORTS)
    items, nxt = paged(request.app.state.corpus.quotes, con, speaker=f.speaker, filters=_without_speaker(f),
                       text=contains, limit=100, cursor=after, kinds=kinds, sort=sort)
    total = views.quotes_count(con, speaker=f.speaker, filters=_without_speaker(f), text=contains, kinds=kinds)
    hints = [] if items else actor_hints(request, con, {"speaker": f.speaker, "actor": f.actor})
    return page(request, "quotes.html", items=items, hints=hints, next_cursor=nxt, contains=contains or "",
                kind=kind or "statements", total=total, later=after is not None, sort=sort or "",
                export_query=_export_query(request, kind))


def _export_query(request: Request, kind: str | None) -> str:
    """The page's query for its export links: without the cursor (an export is every page), with the page's kind
    (the page shows statements by default, the API all kinds)."""
    from urllib.parse import urlencode
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "kind") and v != ""]
    return urlencode([*kept, ("kind", kind or "statements")])
