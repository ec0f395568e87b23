"""The corpus dashboard: documents by outlet over time, top actors, top narratives, technique density by outlet."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ...corpus import views
from ...corpus.copies import copy_counts
from ...corpus.outlets import outlet_table
from ..charts import bars, lines
from .common import cursor, page, fast

api = APIRouter(prefix="/api", tags=["corpus"])
pages = APIRouter(include_in_schema=False)


def overview(request: Request, con) -> dict:
    _, edges = request.app.state.corpus.groups()
    n, first, last, older = con.execute(
        "SELECT count(*) FILTER (latest IS NOT FALSE), min(published_date) FILTER (latest IS NOT FALSE), "
        "max(published_date) FILTER (latest IS NOT FALSE), count(*) FILTER (latest = FALSE) FROM documents"
    ).fetchone()  # an updated article once (stop 40); its older versions said beside (stop 41)
    return {"documents": n, "older_versions": older, "first": first.isoformat() if first else None, "last": last.isoformat() if last else None,
            "by_month": views.documents_by_period(con, "month"), "actors": views.top_actors(con, 15),
            "narratives": views.top(con, "narratives", 15), "techniques": views.top(con, "techniques", 15),
            "outlets": outlet_table(con, copy_counts(edges))}


@api.get("/overview", summary="The dashboard's figures")
@fast
def api_overview(request: Request, con=Depends(cursor)):
    return overview(request, con)


@pages.get("/")
def dashboard(request: Request, con=Depends(cursor)):
    o = overview(request, con)
    charts = [
        ("Documents by outlet and month", lines(o["by_month"], "outlet", "documents", title="documents by month", by="month")),
        ("Top actors (documents naming them)", bars([(a["name"], a["documents"]) for a in o["actors"]])),
        ("Top narratives (documents)", bars([(_name(n, o["narratives"]), n["documents"]) for n in o["narratives"]])),
        ("Technique density by outlet (per 1,000 words)",
         bars([(r["outlet"], r["techniques_per_1000_words"]) for r in o["outlets"][:15]])),
    ]
    return page(request, "dashboard.html", o=o, charts=charts)


def _name(n: dict, all_: list[dict]) -> str:
    """A narrative's label, with its id when another narrative has the same label."""
    same = sum(1 for m in all_ if m["label"] == n["label"])
    return n["narrative"] if not n["label"] else (f"{n['label']} ({n['narrative']})" if same > 1 else n["label"])
