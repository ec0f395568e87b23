"""Actors: the most named, and one actor's quotes, events as actor and target, and naming by outlet."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request

from ...corpus import views
from .common import VERSIONS, cursor, fast, found, page

api = APIRouter(prefix="/api", tags=["actors"])
pages = APIRouter(include_in_schema=False)
Key = Path(max_length=200, description="A KB id, or the name of an actor without one.")


@api.get("/actors", summary="Actors by the number of documents naming them")
@fast
def list_actors(request: Request, limit: int = Query(50, ge=1, le=500), versions: bool = VERSIONS,
                con=Depends(cursor)):
    return {"items": request.app.state.corpus.top_actors(con, limit, versions=versions)}


@api.get("/actors/network", summary="The actor network: actors, co-occurrence edges (documents naming both) and event "
                                     "edges (who did what to whom), as `spinscope export --table actors` draws it")
def actor_network(request: Request, min_weight: int = Query(1, ge=1, le=10_000, description="Keep a co-occurrence edge only when at "
                                          "least this many documents name both actors (and leave out actors without "
                                          "an edge)."), versions: bool = VERSIONS, con=Depends(cursor)):
    from ...corpus.export import actor_network as network
    # the whole store's graph, kept until the server writes (stop 44: 2.6 s of CPU at 100,000 documents)
    return request.app.state.corpus.memo(("actor_network", min_weight, versions),
                                         lambda: network(con, min_weight, versions=versions))


@api.get("/actors/{key:path}", summary="One actor: quotes, events as actor and target, naming by outlet, documents by month")
@fast
def get_actor(request: Request, key: str = Key, versions: bool = VERSIONS, con=Depends(cursor)):
    return found(request.app.state.corpus.actor(con, key, versions=versions), f"actor {key}")


@pages.get("/actors")
def actors_page(request: Request, versions: bool = VERSIONS, con=Depends(cursor)):
    return page(request, "actors.html", items=request.app.state.corpus.top_actors(con, 200, versions=versions), versions=versions)


@pages.get("/actors/{key:path}")
def actor_page(request: Request, key: str = Key, versions: bool = VERSIONS, con=Depends(cursor)):
    a = found(request.app.state.corpus.actor(con, key, versions=versions), f"actor {key}")
    corpus, who = request.app.state.corpus, a.get("kb_id") or a.get("name") or key
    # kept until the server writes (stop 44: 0.6-0.8 s of CPU for an actor named in 30,000 of 100,000 documents)
    together = (corpus.memo(("named_with", who, versions), lambda: views.named_with(con, who, versions=versions))
                if a.get("documents") else [])
    return page(request, "actor.html", a=a, chart=_months_chart(a["documents_by_month"]), together=together)


def _months_chart(rows):
    from ..charts import lines
    return lines(rows, "outlet", "documents", title="documents naming the actor, by month and outlet", by="month")
