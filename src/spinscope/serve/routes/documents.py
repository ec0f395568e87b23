"""Documents: the list with filters and cursor pagination, one document's record, and the article view."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ...corpus import views
from ...corpus.search import Filters
from .. import article
from .common import (DOC_ID, LIMIT, After, actor_hints, checked_sort, cursor, fast, filters, found, page, paged,
                     sort_query)

api = APIRouter(prefix="/api", tags=["documents"])
pages = APIRouter(include_in_schema=False)
DocId = Path(pattern=DOC_ID, description="The document's id (16 hex digits).")
Sort = sort_query(views.DOCUMENT_SORTS)


@api.get("/documents", summary="Documents, newest stored first, with the corpus filters")
@fast
def list_documents(f: Filters = Depends(filters), limit: int = LIMIT,
                   after: str | None = After, sort: str | None = Sort, con=Depends(cursor)):
    items, nxt = paged(views.documents, con, f, limit=limit, cursor=after,
                       sort=checked_sort(sort, views.DOCUMENT_SORTS))
    return {"items": items, "next_cursor": nxt}


@api.get("/documents/{doc_id}", summary="One document with every layer: its analysis record (docs/schema.md)")
@fast
def get_document(doc_id: str = DocId, con=Depends(cursor)):
    raw = found(views.record_json(con, doc_id), f"document {doc_id}")
    return Response(raw, media_type="application/json")  # the stored JSON, sent as it is


def copies_of(request: Request, rec: dict) -> dict:
    """The copy group of a document (earliest publication first), the earliest when it is another, and the group's
    other members (a member is one source of a text: the same text under another outlet is one)."""
    group = request.app.state.corpus.group_of(rec["doc_id"])
    src = rec.get("source") or {}
    own = (rec["doc_id"], src.get("path"), src.get("url"), src.get("outlet"))

    def is_own(d):
        return (d["doc_id"], d["path"], d["url"], d["outlet"]) == own
    if not group:
        return {"group": None, "original": None, "others": []}
    # A member's similarity and containment are measured against the earliest member. In `others` each says what
    # it is measured against (`versus`): this document for the earliest (this document's own figures: an excerpt's
    # original read "similarity 1.0", its own against itself) and for every member when this is the earliest.
    mine = next((d for d in group.docs if is_own(d)), None)
    first_is_mine = is_own(group.docs[0])
    others = []
    for i, d in enumerate(group.docs):
        if is_own(d):
            continue
        if i == 0 and mine is not None:
            d = {**d, "similarity": mine["similarity"], "contained": mine["contained"]}
        others.append({**d, "versus": "this" if first_is_mine or (i == 0 and mine is not None) else "earliest"})
    return {"group": group.to_dict(), "original": None if first_is_mine else group.docs[0], "others": others}


@api.get("/documents/{doc_id}/copies", summary="The copies of a document and where it came from", tags=["copies"])
@fast
def document_copies(request: Request, doc_id: str = DocId, con=Depends(cursor)):
    rec = found(views.record(con, doc_id), f"document {doc_id}")
    cited = [c for c in rec.get("citations") or [] if c.get("kind") == "republished_from"]
    return {**copies_of(request, rec), "cites_as_source": cited}


@pages.get("/documents")
def documents_page(request: Request, f: Filters = Depends(filters), after: str | None = After,
                   sort: str | None = Sort, con=Depends(cursor)):
    sort = checked_sort(sort, views.DOCUMENT_SORTS)
    items, nxt = paged(views.documents, con, f, limit=50, cursor=after, sort=sort)
    hints = [] if items else actor_hints(request, con, {"actor": f.actor, "speaker": f.speaker})
    return page(request, "documents.html", items=items, next_cursor=nxt, hints=hints, sort=sort or "")


@pages.get("/documents/{doc_id}")
def article_page(request: Request, doc_id: str = DocId, con=Depends(cursor)):
    rec = found(views.record(con, doc_id), f"document {doc_id}")
    cited = [c for c in rec.get("citations") or [] if c.get("kind") == "republished_from"]
    entities = {e["id"]: e for e in rec.get("entities") or []}
    span = rec.get("title") if isinstance(rec.get("title"), dict) else None
    title = (rec.get("source") or {}).get("title") or (rec["text"][span["start"]:span["end"]] if span else None)
    cut = article.pieces(rec)
    return page(request, "article.html", rec=rec, title=title, pieces=cut, legend=article.legend(rec), stances=article.STANCES,
                overlaps=article.overlaps(rec, cut),
                entity_groups=article.entity_groups(rec),
                tree=article.comment_tree(rec), copies=copies_of(request, rec), cited=cited, entities=entities,
                versions=views.versions(con, doc_id),
                actor_href=article.actor_href)
