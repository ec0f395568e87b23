"""What the routes share: the corpus cursor, the filters from the query string, page rendering."""
from __future__ import annotations

import functools
import json
import re
from datetime import date

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...corpus.search import Filters
from ..templates import render

DOC_ID = r"^[0-9a-f]{16}$"
LIMIT = Query(50, ge=1, le=500, description="How many items (at most 500).")


async def cursor(request: Request):
    """A cursor of the corpus database for this request (a FastAPI dependency; async, so that taking and giving back
    a cursor costs no trip through the thread pool)."""
    with request.app.state.corpus.cursor() as cur:
        yield cur


def _day(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}") from None


def filters(outlet: str | None = Query(None, max_length=200, description="Only this outlet."),
            since: str | None = Query(None, max_length=10, description="Published on or after YYYY-MM-DD."),
            until: str | None = Query(None, max_length=10, description="Published on or before YYYY-MM-DD."),
            actor: str | None = Query(None, max_length=200, description="Naming this actor (KB id or name)."),
            speaker: str | None = Query(None, max_length=200, description="Quoting this speaker (KB id or name)."),
            place: str | None = Query(None, max_length=200, description="Naming this place."),
            event: str | None = Query(None, max_length=40, description="With an event of this PLOVER type or CAMEO code."),
            technique: str | None = Query(None, max_length=80, description="With this technique."),
            narrative: str | None = Query(None, max_length=200, description="Carrying this narrative (id or label)."),
            story: str | None = Query(None, max_length=12, description="In this story (its number)."),
            versions: bool = Query(False, description="Also the older versions of an article updated at its address "
                                                      "(else its latest version stands for it).")) -> Filters:
    """The corpus filters of `spinscope search`, from the query string; empty values mean any."""
    if story:
        if not story.isdigit():
            raise HTTPException(422, f"story: expected a story number, got {story[:12]!r}")
    return Filters(outlet=outlet or None, since=_day("since", since), until=_day("until", until), actor=actor or None,
                   speaker=speaker or None, place=place or None, event=event or None, technique=technique or None,
                   narrative=narrative or None, story=int(story) if story else None, versions=versions)


# `versions=true` of the lists and counts outside the corpus filters (outlets, stories, actors, narratives, techniques,
# trends, the overview; stop 41)
VERSIONS = Query(False, description="Count the older versions of articles updated at their address too (else the "
                                    "latest version stands for each).")


def page(request: Request, template: str, **context) -> HTMLResponse:
    return HTMLResponse(render(request, template, **context))


def stored_outlets(request: Request) -> set[str]:
    """The outlets the store holds documents of, lower-cased: the names an outlet page answers (a source that
    documents only cite has none)."""
    return {o.lower() for o in request.app.state.corpus.outlets()}


def found(value, what: str):
    """The value, or a 404 saying what was not found."""
    if value is None or value == []:
        raise HTTPException(404, f"no {what}")
    return value


def _plain(value):
    return value.isoformat() if isinstance(value, date) else str(value)


class FastJSON(JSONResponse):
    """JSON by json.dumps (dates as ISO strings), without FastAPI's per-value encoder, which costs more than the query."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_plain).encode()


def fast(route):
    """An API route whose plain return value is sent as FastJSON (the signature is kept for FastAPI)."""
    @functools.wraps(route)
    def wrapper(*args, **kwargs):
        result = route(*args, **kwargs)
        return result if isinstance(result, Response) else FastJSON(result)
    return wrapper


def actor_hints(request: Request, con, fields: dict[str, str | None]) -> list[dict]:
    """When a page found nothing: for each actor field given (`actor`, `speaker`, `who`, `whom`) whose value names no
    actor, the actors whose name holds it as a word ("trump": Donald Trump), each with this page's address for it.
    An analyst typing a surname got "No document matches these filters." and no way on (stop 40)."""
    from urllib.parse import urlencode

    from ...corpus import views
    given = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    if not given:
        return []
    actors = request.app.state.corpus.top_actors(con, 100_000)
    hints = []
    for field, value in given.items():
        low = value.lower()
        if any(low in ((a["kb_id"] or "").lower(), (a["name"] or "").lower()) for a in actors):
            continue  # it names an actor: nothing matched for other reasons
        words = re.compile(r"(?<!\w)" + re.escape(low) + r"(?!\w)")
        near = [a for a in actors if a["name"] and words.search(a["name"].lower())][:HINTS]
        if near:
            kept = [(k, v) for k, v in request.query_params.multi_items() if k not in (field, "cursor")]
            hints.append({"field": field, "value": value, "actors": [
                {**a, "href": request.url.path + "?" + urlencode([*kept, (field, a["actor"])])} for a in near]})
    return hints


HINTS = 6  # actors offered for a value that names none


def sort_query(columns) -> Query:
    """The `sort` parameter of a paged list (stop 41): one of `columns`, `-` before it for descending."""
    return Query(None, max_length=40, description="Sort every page by a column: " + ", ".join(columns)
                 + "; a leading `-` for descending (empty values last; the next page's cursor is then the last row's "
                 "sort keys).")


# The cursor of a paged list (documents, quotes): a number for the list in its own order, a keyset cursor (text) for
# a sorted list (stop 42); the view checks it.
After = Query(None, alias="cursor", max_length=2000, pattern=r"^[0-9A-Za-z_-]*$",
              description="`next_cursor` of the previous page (a number, or text for a sorted list).")


def paged(view, *args, **kwargs):
    """A paged view's (items, next_cursor); a cursor that is not one of this list (of another sort, an offset of
    stop 41) is a 422 saying so."""
    try:
        return view(*args, **kwargs)
    except ValueError as exc:
        if str(exc).startswith("cursor:"):
            raise HTTPException(422, str(exc)) from None
        raise


def checked_sort(sort: str | None, columns: dict) -> str | None:
    """The sort value, or a 422 naming the columns."""
    from ...corpus.views import parse_sort
    try:
        parse_sort(sort, columns)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return sort or None


def _query_names(dependant) -> set[str]:
    """The query parameter names a route takes: its own and those of its dependencies (`filters`), by alias
    (`cursor`, not `after`)."""
    names = {getattr(f, "validation_alias", None) or f.alias for f in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


# The query parameters a route reads as a list (given again, each value kept): none today. Any other parameter given
# twice (`?outlet=a&outlet=b`, of which FastAPI read the last) is refused (stop 42).
LIST_PARAMS: frozenset[str] = frozenset()


async def known_query(request: Request) -> None:
    """An app-wide dependency (stop 41): an `/api/...` route answers 422 to a query parameter it does not take,
    naming it and the ones it takes (a misspelt `?sort_by=words` answered 200, unsorted, and the analyst believed the
    list sorted). A page (stop 42) shows itself as it would without the parameter, with a notice naming it (a page is
    read by people through links: an old bookmark, a tracking suffix still opens it). On both, a parameter given twice
    that the route reads once is a 422 naming it (FastAPI read the last value silently).
    Async, so that it costs no thread; a request without a query costs one dictionary look-up."""
    if not request.scope.get("query_string"):
        return
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    takes = getattr(route, "_spinscope_takes", None)  # computed once a route, kept on it
    if takes is None:
        takes = route._spinscope_takes = frozenset(_query_names(dependant))
    names = [k for k, _ in request.query_params.multi_items()]
    unknown = list(dict.fromkeys(k for k in names if k not in takes))
    api = request.url.path.startswith("/api/")
    if unknown and api:
        raise HTTPException(422, unknown_message(unknown, takes))
    repeated = [k for k in dict.fromkeys(names) if k in takes and k not in LIST_PARAMS and names.count(k) > 1]
    if repeated:
        raise HTTPException(422, repeated_message(request, repeated))
    if unknown:
        request.state.unknown_params = unknown_message(unknown, takes, what="page")


def repeated_message(request: Request, repeated: list[str]) -> str:
    """"query parameter 'outlet' is given 2 times (a, b); this route reads one value of it: give it once"."""
    parts = []
    for name in repeated:
        values = request.query_params.getlist(name)
        shown = ", ".join(repr(v[:40]) for v in values[:4]) + (", ..." if len(values) > 4 else "")
        parts.append(f"{name!r} is given {len(values)} times ({shown})")
    return ("query parameter " + "; ".join(parts) + "; this route reads one value of "
            + ("each" if len(repeated) > 1 else "it") + ": give it once")


def unknown_message(unknown: list[str], takes, what: str = "route") -> str:
    """"unknown query parameter 'sort_by' (did you mean 'sort'?); this route takes: cursor, limit, sort, ..."."""
    import difflib
    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name, takes, n=1, cutoff=0.6)
        parts.append(repr(name) + (f" (did you mean {close[0]!r}?)" if close else ""))
    text = "unknown query parameter" + ("s " if len(unknown) > 1 else " ") + ", ".join(parts)
    if not takes:
        return text + f"; this {what} takes no query parameters"
    return text + f"; this {what} takes: " + ", ".join(sorted(takes))
