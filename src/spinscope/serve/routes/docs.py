"""/docs: the OpenAPI description in Swagger UI, served from the vendored files (no CDN, no inline script)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from .common import page

pages = APIRouter(include_in_schema=False)


@pages.get("/docs")
def docs(request: Request):
    return page(request, "docs.html")
