"""The corpus dashboard: documents by outlet over time, top actors, top narratives, technique density by outlet."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ...corpus import views
from ...corpus.copies import copy_counts
from ...corpus.outlets import outlet_table
from ..charts import bars, lines
from ...corpus.store import latest_docs
from .common import VERSIONS, cursor, fast, page

api = APIRouter(prefix="/api", tags=["corpus"])
pages = APIRouter(include_in_schema=False)


def overview(corpus, con, versions: bool = False) -> dict:
    """The dashboard's figures (of the server's `Corpus`), computed once until the server writes (`Corpus.memo`,
    stop 44: 1.3 s of CPU at 100,000 documents)."""
    return corpus.memo(("overview", versions), lambda: _overview(corpus, con, versions))


def _overview(corpus, con, versions: bool = False) -> dict:
    _, edges = corpus.groups()
    counted = latest_docs(versions)
    n, first, last, older = con.execute(
        f"SELECT count(*) FILTER ({counted}), min(published_date) FILTER ({counted}), "
        f"max(published_date) FILTER ({counted}), count(*) FILTER (latest = FALSE) FROM documents"
    ).fetchone()  # an updated article once (stop 40); its older versions said beside (stop 41)
    return {"documents": n, "older_versions": older, "versions": versions,
            "first": first.isoformat() if first else None, "last": last.isoformat() if last else None,
            "by_month": views.documents_by_period(con, "month", versions=versions),
            "actors": corpus.top_actors(con, 15, versions=versions),
            "narratives": corpus.top(con, "narratives", 15, versions=versions),
            "techniques": corpus.top(con, "techniques", 15, versions=versions),
            "outlets": outlet_table(con, copy_counts(edges), versions=versions)}


@api.get("/overview", summary="The dashboard's figures")
@fast
def api_overview(request: Request, versions: bool = VERSIONS, con=Depends(cursor)):
    return overview(request.app.state.corpus, con, versions)


@pages.get("/")
def dashboard(request: Request, versions: bool = VERSIONS, con=Depends(cursor)):
    o = overview(request.app.state.corpus, con, versions)
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
