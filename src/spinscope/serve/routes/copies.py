"""Copies: groups of near-identical articles (earliest first) and the who-copies-whom provenance graph."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..charts import graph
from .common import page, fast, stored_outlets

api = APIRouter(prefix="/api", tags=["copies"])
pages = APIRouter(include_in_schema=False)


@api.get("/copies", summary="Groups of copies, largest first; the first document of each is the earliest publication")
@fast
def list_copies(request: Request, limit: int = Query(100, ge=1, le=1000)):
    groups, _ = request.app.state.corpus.groups()
    return {"items": [g.to_dict() for g in groups[:limit]], "total": len(groups)}


@api.get("/provenance", summary="The provenance graph: outlet edges copier -> source, from copies and citations")
@fast
def provenance(request: Request):
    _, edges = request.app.state.corpus.groups()
    return {"edges": edges}


@pages.get("/copies")
def copies_page(request: Request):
    groups, edges = request.app.state.corpus.groups()
    from ...corpus.copies import CONTAINMENT, SHINGLE, THRESHOLD
    rule = {"shingle": SHINGLE, "threshold": THRESHOLD, "containment": CONTAINMENT}
    return page(request, "copies.html", groups=groups[:100], total=len(groups), edges=edges[:100], rule=rule,
                graph=graph(edges), stored=stored_outlets(request))
