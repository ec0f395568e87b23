"""The app factory: API and pages over one corpus database, with the guards of security.py."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .security import Guard
from .settings import Settings
from .state import Corpus
from .templates import render

HERE = Path(__file__).parent


def _problem(e: dict) -> str:
    """One validation error as "where: what"; a body that is not JSON says so, with the position and the reason."""
    loc = e.get("loc", ())
    if e.get("type") == "json_invalid":
        return f"body: not valid JSON at character {loc[-1]} ({(e.get('ctx') or {}).get('error', 'decode error')})"
    return f"{'.'.join(str(x) for x in loc[1:]) or 'input'}: {e.get('msg')}"


def create_app(db, settings: Settings | None = None, *, encode=None, pipeline_factory=None, kb=None) -> FastAPI:
    """The app serving the corpus in `db`; `encode` (texts -> vectors) and `pipeline_factory` replace the
    packaged embedding model and the default pipeline (tests use small stand-ins; `spinscope serve --config` gives the
    configuration's pipeline); `kb`: a knowledge base whose imported outlet ratings the outlet profiles show."""
    from .routes import ROUTERS
    from .routes.common import known_query
    settings = settings or Settings()
    app = FastAPI(lifespan=_lifespan, title="spinscope", version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  dependencies=[Depends(known_query)],
                  description="The corpus database of spinscope: documents with every layer, search, actors, quotes, "
                              "events, narratives, techniques, stories, copies, outlets and trends.")
    app.state.settings = settings
    app.state.corpus = Corpus(db, write=bool(settings.token), encode=encode, kb=kb)
    app.state.pipeline_factory = pipeline_factory
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"])
    app.add_middleware(Guard, settings=settings)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError):
        msg = "; ".join(_problem(e) for e in exc.errors())
        return error_response(request, 422, msg or "bad input")

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception):
        return JSONResponse({"error": {"status": 500, "message": f"internal error: {type(exc).__name__}"}},
                            status_code=500)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI):
    app.state.corpus.warm()
    yield
    app.state.corpus.close()


def error_response(request: Request, status: int, message: str):
    """JSON under /api (and for non-page clients), an HTML page for the UI."""
    if request.url.path.startswith(("/api", "/openapi")) or request.method != "GET":
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return HTMLResponse(render(request, "error.html", status=status, message=message), status_code=status)
