"""Search: full text (BM25), semantic, or both fused, with the corpus filters."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request

from ...corpus import views
from ...corpus.search import Filters
from .common import cursor, filters, page, fast, actor_hints

api = APIRouter(prefix="/api", tags=["search"])
pages = APIRouter(include_in_schema=False)
Mode = Literal["hybrid", "text", "semantic"]


def _search(request: Request, q: str, f: Filters, mode: str, limit: int) -> list[dict]:
    return request.app.state.corpus.search(q, f, mode, limit)


@api.get("/search", summary="Ranked documents with the best matching passage and the query words' offsets")
@fast
def search(request: Request, q: str = Query(..., min_length=1, max_length=500), mode: Mode = "hybrid",
           limit: int = Query(20, ge=1, le=100), f: Filters = Depends(filters)):
    return {"query": q, "mode": mode, "results": _search(request, q, f, mode, limit)}


@pages.get("/search")
def search_page(request: Request, q: str = Query("", max_length=500), mode: Mode | Literal[""] = "",
                f: Filters = Depends(filters), con=Depends(cursor)):
    results = _search(request, q, f, mode or "hybrid", 50) if q.strip() else []
    in_comments, commented = (0, [])
    if q.strip() and mode != "semantic" and len(q.split()) <= 6:  # words the search cannot see: in reader comments
        in_comments, commented = views.comments_holding(con, q, f, exclude=[r["doc_id"] for r in results])
    hints = [] if results or not q.strip() else actor_hints(request, con, {"actor": f.actor, "speaker": f.speaker})
    return page(request, "search.html", q=q, results=results, in_comments=in_comments, commented=commented,
                hints=hints, versions=f.versions)
