"""The actor network (stop 43): who acts on whom (events), who quotes whom and who cites whom (outlets), under the
events' filters; as JSON and CSV, and as a page with a drawing and an adjacency table linked to the evidence."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ...corpus import network as net
from ...corpus.search import Filters
from .common import cursor, fast, filters, page
from .events import Near, Type, Who, Whom, _near
from .exports import csv_response

api = APIRouter(prefix="/api", tags=["network"])
pages = APIRouter(include_in_schema=False)
Kind = Query("events", description="`events`: actor -> target (who acts on whom); `quotes`: outlet -> the resolved "
                                   "speakers its documents quote; `citations`: outlet -> the sources its documents "
                                   "cite.")
Quad = Query(None, max_length=100, description="Quad class of the events: `verbal_cooperation`, "
                                               "`material_cooperation`, `verbal_conflict`, `material_conflict`, "
                                               "`cooperation`, `conflict`, or several separated by commas.")
MinWeight = Query(1, ge=1, le=100_000, description="Keep an edge of at least this many items.")
Limit = Query(net.EDGE_LIMIT, ge=1, le=net.MAX_EDGES, description="How many edges, the heaviest.")
Evidence = Query(net.EVIDENCE, ge=0, le=net.MAX_EVIDENCE, description="How many of each edge's items to list "
                                                                      "(newest stored first; `more` counts the rest).")


def quad_value(quad: str | None) -> tuple[str, ...] | None:
    """The quad classes of a `quad` parameter, or a 422 naming the values taken."""
    try:
        return net.parse_quad(quad)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def _network(request: Request, con, f: Filters, kind, type, quad, who, whom, near, min_weight, limit,
             evidence) -> dict:
    ends = request.app.state.corpus.event_ends()  # and beside it the quotes' speakers (stop 44)
    speakers = ends.rsplit(".", 1)[0] + ".quote_speakers"
    try:
        return net.network(con, f, kind=kind, type=type or None, quad=quad_value(quad), who=who or None,
                           whom=whom or None, near=_near(near), min_weight=min_weight, limit=limit, evidence=evidence,
                           ends=ends, speakers=speakers)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


KindName = Literal["events", "quotes", "citations"]


@api.get("/network", summary="The actor network: who acts on whom (events), who quotes or cites whom (outlets), "
                             "filtered; each edge with the ids of the items behind it")
@fast
def network_json(request: Request, f: Filters = Depends(filters), kind: KindName = Kind, type: str | None = Type, quad: str | None = Quad,
                 who: str | None = Who, whom: str | None = Whom, near: str | None = Near,
                 min_weight: int = MinWeight, limit: int = Limit, evidence: int = Evidence, con=Depends(cursor)):
    return _network(request, con, f, kind, type, quad, who, whom, near, min_weight, limit, evidence)


EDGE_COLUMNS = ["source", "source_label", "target", "target_label", "type", "quad", "weight", "documents", "first",
                "last", "evidence", "more"]


@api.get("/network.csv", summary="The edges of the actor network as CSV (one row per edge; `evidence`: its items "
                                 "as doc_id/id separated by spaces)")
def network_csv(request: Request, f: Filters = Depends(filters), kind: KindName = Kind, type: str | None = Type, quad: str | None = Quad,
                who: str | None = Who, whom: str | None = Whom, near: str | None = Near,
                min_weight: int = MinWeight, limit: int = Limit, evidence: int = Evidence, con=Depends(cursor)):
    result = _network(request, con, f, kind, type, quad, who, whom, near, min_weight, limit, evidence)
    rows = ({**e, "evidence": " ".join(f"{x['doc_id']}/{x['id']}" for x in e["evidence"])} for e in result["edges"])
    return csv_response(rows, EDGE_COLUMNS, f"network-{kind}.csv")


SHOWN = 200  # edges in the page's table (the drawing takes the most connected nodes of those)


@pages.get("/network")
def network_page(request: Request, f: Filters = Depends(filters), kind: KindName = Kind, type: str | None = Type,
                 quad: str | None = Quad, who: str | None = Who, whom: str | None = Whom, near: str | None = Near,
                 min_weight: int = MinWeight, con=Depends(cursor)):
    from ..charts import GRAPH_NODES, network_graph
    result = _network(request, con, f, kind, type, quad, who, whom, near, min_weight, SHOWN, 3)
    types = [r[0] for r in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1").fetchall()]
    return page(request, "network.html", net=result, graph=network_graph(result, query=_links(request)),
                kind=kind, type=type or "", quad=quad or "", who=who or "", whom=whom or "", near=near or "",
                min_weight=min_weight, types=types, graph_nodes=GRAPH_NODES, quads=net.quad_classes(), links=_links(request),
                query=request.url.query)


def _links(request: Request) -> dict:
    """The filters of this page to carry to the lists an edge links to (the events of a pair, the quotes of a
    speaker by an outlet): the corpus filters, and the events' own for the events list."""
    q = request.query_params
    keep = ("outlet", "since", "until", "actor", "speaker", "place", "event", "technique", "narrative", "story",
            "versions")
    return {k: q[k] for k in keep if q.get(k)} | ({k: q[k] for k in ("quad", "near") if q.get(k)})
