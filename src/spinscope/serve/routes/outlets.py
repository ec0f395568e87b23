"""Outlet profiles: what each outlet publishes, how it spins, whom it quotes and copies, with evidence."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request

from ...corpus.copies import copy_counts
from ...corpus.outlets import outlet_table
from ..charts import bars
from .common import VERSIONS, cursor, fast, found, page, stored_outlets

api = APIRouter(prefix="/api", tags=["outlets"])
pages = APIRouter(include_in_schema=False)
Name = Path(max_length=200)


def _table(request, con, versions: bool = False):
    _, edges = request.app.state.corpus.groups()
    return outlet_table(con, copy_counts(edges), versions=versions)


def _profile(request, con, name, versions: bool = False):
    return found(request.app.state.corpus.outlet(con, name, versions=versions), f"outlet {name}")


@api.get("/outlets", summary="One row per outlet: documents, period, technique density, narratives, copying")
@fast
def list_outlets(request: Request, versions: bool = VERSIONS, con=Depends(cursor)):
    return {"items": _table(request, con, versions)}


@api.get("/outlets/{name:path}", summary="One outlet's profile; every figure with its evidence")
@fast
def get_outlet(request: Request, name: str = Name, versions: bool = VERSIONS, con=Depends(cursor)):
    return _profile(request, con, name, versions)


@pages.get("/outlets")
def outlets_page(request: Request, versions: bool = VERSIONS, con=Depends(cursor)):
    rows = _table(request, con, versions)
    return page(request, "outlets.html", items=rows,
                chart=bars([(r["outlet"], r["techniques_per_1000_words"]) for r in rows[:25]]))


@pages.get("/outlets/{name:path}")
def outlet_page(request: Request, name: str = Name, versions: bool = VERSIONS, con=Depends(cursor)):
    return page(request, "outlet.html", p=_profile(request, con, name, versions), stored=stored_outlets(request))
