"""POST /api/analyze: a text or an HTML page in, its analysis record out; stored only with the write token."""
from __future__ import annotations

import threading

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

from ..security import token_ok
from .common import fast

api = APIRouter(prefix="/api", tags=["analyze"])
_pipeline_lock = threading.Lock()


class AnalyzeIn(BaseModel):
    """One document: `text` or `html` (exactly one), with optional source metadata."""

    text: str | None = Field(None, description="Plain text of an article.")
    html: str | None = Field(None, description="An HTML page; the article and its comments are extracted.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date.")
    store: bool = Field(False, description="Also store the record in the corpus (needs the write token).")

    @model_validator(mode="after")
    def one_input(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text and html")
        return self


def _pipeline(request: Request):
    app = request.app
    with _pipeline_lock:
        if getattr(app.state, "pipeline", None) is None:
            factory = app.state.pipeline_factory
            if factory is None:
                from ...pipeline import Pipeline
                factory = Pipeline
            app.state.pipeline = factory()
        return app.state.pipeline


@api.post("/analyze", summary="Analyze a text or HTML page; optionally store it (Authorization: Bearer TOKEN)")
@fast
def analyze(body: AnalyzeIn, request: Request):
    if body.store and not token_ok(request.app.state.settings, request.headers.get("authorization")):
        raise HTTPException(401 if request.app.state.settings.token else 403,
                            "storing needs the write token (Authorization: Bearer TOKEN); "
                            "the server reads it from [serve] token in its configuration or SPINSCOPE_SERVE_TOKEN")
    from ...ingest import read_html, read_text
    from ...ingest.base import ReadError
    given = "html" if body.html is not None else "text"
    if not (body.html if body.html is not None else body.text).strip():  # as `spinscope analyze` says "empty file"
        raise HTTPException(422, f"{given}: empty: nothing to analyze")
    meta = {k: v for k, v in {"title": body.title, "outlet": body.outlet, "published": body.published}.items() if v}
    # Never through spinscope.analyze(): it takes a string naming an existing file as a path to read.
    try:
        if body.html is not None:
            doc = read_html(body.html, url=body.url, path="api")
            for k, v in meta.items():
                setattr(doc.source, k, v)
        else:
            doc = read_text(body.text, url=body.url, **meta)
    except ReadError as exc:  # a page with no text in it: the reader's reason, not a 500
        raise HTTPException(422, f"{given}: {exc}") from None
    pipeline = _pipeline(request)
    with _pipeline_lock:
        doc = pipeline(doc)
    record = doc.to_dict()
    if body.store:
        corpus = request.app.state.corpus
        from ...corpus.ingest import Ingester
        from ...corpus.stories import StoryAssigner
        with corpus.lock:
            Ingester(corpus.con, embed=corpus.encode, on_batch=StoryAssigner(corpus.con).assign).write([record])
            corpus.changed()
    return record
