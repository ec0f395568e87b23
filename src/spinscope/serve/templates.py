"""Jinja2 environment (autoescaping everything) and the page renderer."""
from __future__ import annotations

import re
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

NAV = [("/", "Dashboard"), ("/documents", "Documents"), ("/actors", "Actors"), ("/quotes", "Quotes"),
       ("/events", "Events"), ("/narratives", "Narratives"), ("/trends", "Trends"), ("/stories", "Stories"),
       ("/copies", "Copies"), ("/outlets", "Outlets"), ("/docs", "API")]


def render(request, name: str, **context) -> str:
    """A page: the template with the navigation, the search box's current values and the known outlets."""
    corpus = request.app.state.corpus
    q = request.query_params
    return ENV.get_template(name).render(
        nav=NAV, path=request.url.path, search={k: q.get(k, "") for k in SEARCH_FIELDS},
        outlets=corpus.outlets(), **context)


SEARCH_FIELDS = ("q", "mode", "outlet", "since", "until", "actor", "speaker", "place", "event", "technique",
                 "narrative", "story")
