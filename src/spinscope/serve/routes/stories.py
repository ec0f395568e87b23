"""Stories: articles about the same story, with period, outlets, main actors and first report."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request

from ...corpus.stories import story, story_rows
from .common import VERSIONS, cursor, fast, found, page

api = APIRouter(prefix="/api", tags=["stories"])
pages = APIRouter(include_in_schema=False)
MinDocs = Query(2, ge=1, le=10000, description="Only stories with at least this many documents.")
StoryId = Path(ge=0, le=2**31 - 1)


@api.get("/stories", summary="Stories, largest first")
@fast
def list_stories(min_docs: int = MinDocs, limit: int = Query(50, ge=1, le=500), versions: bool = VERSIONS,
                 con=Depends(cursor)):
    return {"items": story_rows(con, limit=limit, min_docs=min_docs, versions=versions)}


def _story(con, sid: int, versions: bool = False) -> dict:
    return found(story(con, sid, versions=versions), f"story {sid}")


@api.get("/stories/{sid}", summary="One story and its documents")
@fast
def get_story(sid: int = StoryId, versions: bool = VERSIONS, con=Depends(cursor)):
    return _story(con, sid, versions)


@pages.get("/stories")
def stories_page(request: Request, min_docs: int = MinDocs, versions: bool = VERSIONS, con=Depends(cursor)):
    return page(request, "stories.html", items=story_rows(con, limit=200, min_docs=min_docs, versions=versions),
                min_docs=min_docs)


@pages.get("/stories/{sid}")
def story_page(request: Request, sid: int = StoryId, versions: bool = VERSIONS, con=Depends(cursor)):
    return page(request, "story.html", s=_story(con, sid, versions))
