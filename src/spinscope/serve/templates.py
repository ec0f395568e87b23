"""Jinja2 environment (autoescaping everything) and the page renderer."""
from __future__ import annotations

import re
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

ENV.filters["pathpart"] = lambda value: quote(str(value), safe="")  # one path segment: "/", "?", "#" encoded

_QUOTE_MARKS = "\"'“”‘’«»„"


def unquoted(text: str) -> str:
    """A quotation's words without the marks around them, for a `<q>` element that draws its own:
    '"We will respond,"' -> 'We will respond'; a text with other marks inside is left whole."""
    inner = text.strip()
    middle = re.sub(r"(?<=\w)['’](?=\w)", "", inner[1:-1])  # an apostrophe ("Syria's") is no quotation mark
    if len(inner) >= 2 and inner[0] in _QUOTE_MARKS and inner[-1] in _QUOTE_MARKS \
            and not any(c in _QUOTE_MARKS for c in middle):
        inner = inner[1:-1].strip().rstrip(",")
    return inner


ENV.filters["unquoted"] = unquoted
ENV.filters["combine"] = lambda a, b: {**a, **b}  # a page's filters with a link's own (stop 43)
ENV.filters["dropkeys"] = lambda a, *keys: {k: v for k, v in a.items() if k not in keys}

_CORPUS: ContextVar = ContextVar("spinscope_corpus", default=None)  # the corpus of the page being rendered


def untitled(doc_id) -> str:
    """The label of a document without a title: "(untitled)" and the first words of its body, so that two untitled
    documents in a list can be told apart (the stored title stays empty; the API says null)."""
    corpus = _CORPUS.get()
    words = corpus.opening(str(doc_id)) if corpus is not None and doc_id else None
    return f"(untitled) “{words}”" if words else "(untitled)"


ENV.globals["untitled"] = untitled

NAV = [("/", "Dashboard"), ("/documents", "Documents"), ("/actors", "Actors"), ("/quotes", "Quotes"),
       ("/events", "Events"), ("/network", "Network"), ("/narratives", "Narratives"), ("/trends", "Trends"), ("/stories", "Stories"),
       ("/copies", "Copies"), ("/outlets", "Outlets"), ("/docs", "API")]


def render(request, name: str, **context) -> str:
    """A page: the template with the navigation, the search box's current values and the known outlets."""
    corpus = request.app.state.corpus
    q = request.query_params
    token = _CORPUS.set(corpus)
    try:
        return ENV.get_template(name).render(
            nav=NAV, path=request.url.path, search={k: q.get(k, "") for k in SEARCH_FIELDS},
            outlets=corpus.outlets(), next_page=lambda cursor: next_page(request, cursor),
            unknown_params=getattr(request.state, "unknown_params", None), **context)
    finally:
        _CORPUS.reset(token)


def next_page(request, cursor) -> str:
    """The address of the next page: this page's own query (every filter it was given) with the cursor replaced. The
    pages wrote their next link by hand and dropped filters (the documents page all of them: page 2 of an outlet's
    documents was every outlet's)."""
    from urllib.parse import urlencode
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor" and v != ""]
    return request.url.path + "?" + urlencode([*kept, ("cursor", str(cursor))])


SEARCH_FIELDS = ("q", "mode", "outlet", "since", "until", "actor", "speaker", "place", "event", "technique",
                 "narrative", "story", "versions")
