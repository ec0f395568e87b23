"""Routes by resource; each module has an `api` router (JSON under /api) and a `pages` router (HTML)."""
from . import (actors, analyze, copies, dashboard, docs, documents, events, narratives, network, outlets, quotes, search,
               stories)

MODULES = (documents, analyze, search, actors, quotes, events, network, narratives, stories, copies, outlets, dashboard, docs)
ROUTERS = [r for m in MODULES for r in (getattr(m, "api", None), getattr(m, "pages", None)) if r is not None]
