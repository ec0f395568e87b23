"""Unknown query parameters (stop 41): every `/api/...` route answers 422 to a query parameter it does not take,
naming it and the ones it takes; every declared parameter is still taken; the pages (and the UI's own links) still
answer 200. The real app over HTTP on a loopback port, over a small corpus built by the loader."""
from __future__ import annotations

import re

import httpx
import pytest

from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import Running, build, encode

UNKNOWN = "unknown query parameter"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db, planted = build(tmp_path_factory.mktemp("serve_unknown"))
    app = create_app(db, Settings(), encode=encode)
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        spec = client.get("/openapi.json").json()
        yield {"client": client, "planted": planted, "spec": spec}


@pytest.fixture
def http(served):
    return served["client"]


def _error(r) -> str:
    assert r.status_code == 422, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()["error"]["message"]


def test_a_misspelt_sort_is_a_422_naming_it_and_the_parameters_taken(http):
    msg = _error(http.get("/api/documents", params={"sort_by": "words"}))
    assert "'sort_by'" in msg and "did you mean 'sort'?" in msg
    for taken in ("cursor", "limit", "sort", "outlet", "versions"):
        assert re.search(rf"\b{taken}\b", msg.split("takes:")[1]), (taken, msg)
    assert "after" not in msg.split("takes:")[1]  # the alias `cursor` is what a client sends, not the Python name
    assert "'sort_by'" in _error(http.get("/api/documents", params={"limit": "abc", "sort_by": "x"}))


@pytest.mark.parametrize("path", ["/api/documents", "/api/search", "/api/actors", "/api/quotes", "/api/events",
                                  "/api/events.geojson", "/api/narratives", "/api/techniques", "/api/trends",
                                  "/api/copies", "/api/stories", "/api/outlets", "/api/overview"])
def test_an_unknown_parameter_is_a_422_on_every_list_route(http, served, path):
    if not any(p == path for p in served["spec"]["paths"]):
        pytest.skip(f"{path} is not a route of this app")
    msg = _error(http.get(path, params={"q": "x", "frobnicate": "1"} if path == "/api/search" else {"frobnicate": "1"}))
    assert "'frobnicate'" in msg and "takes" in msg


def test_routes_with_a_path_and_two_unknowns_name_both(http, served):
    doc = served["planted"]["doc_id"]
    msg = _error(http.get(f"/api/documents/{doc}", params={"layers": "quotes", "pretty": "1"}))
    assert "'layers'" in msg and "'pretty'" in msg and "takes no query parameters" in msg
    assert http.get(f"/api/documents/{doc}").status_code == 200


def test_the_post_route_refuses_an_unknown_query_parameter_too(http):
    msg = _error(http.post("/api/analyze", params={"stages": "clean"}, json={"text": "A short text."}))
    assert "'stages'" in msg


def _value(schema: dict) -> str:
    """A value of the parameter's type (its default, the first choice, or a small one)."""
    for s in [schema, *schema.get("anyOf", [])]:
        if s.get("default") is not None:
            return str(s["default"]).lower() if isinstance(s["default"], bool) else str(s["default"])
        if s.get("enum"):
            return str(s["enum"][0])
        if s.get("type") == "integer":
            return str(max(1, s.get("minimum", 1)))
        if s.get("type") == "boolean":
            return "true"
    return "x"


def test_every_declared_query_parameter_of_every_api_route_is_still_taken(http, served):
    """From the OpenAPI description (not from the check's own reading of the routes): each declared query parameter,
    sent alone and then all together, is never an unknown one."""
    seen = 0
    for path, ops in served["spec"]["paths"].items():
        if not path.startswith("/api/") or "get" not in ops:
            continue
        params = [p for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        url = re.sub(r"\{[^}]+\}", "x", path)
        given = {p["name"]: _value(p.get("schema", {})) for p in params}
        for name, value in given.items():
            r = http.get(url, params={name: value})
            assert UNKNOWN not in r.text, (path, name, r.text[:300])
            seen += 1
        r = http.get(url, params=given)
        assert UNKNOWN not in r.text, (path, r.text[:300])
    assert seen > 40


def test_known_parameters_still_work_on_the_api(http, served):
    r = http.get("/api/documents", params={"sort": "-published", "limit": 5, "versions": "true"})
    assert r.status_code == 200 and len(r.json()["items"]) == 5
    nxt = r.json()["next_cursor"]
    assert http.get("/api/documents", params={"sort": "-published", "limit": 5, "cursor": nxt}).status_code == 200
    outlet = served["planted"]["source"]["outlet"]
    assert http.get("/api/documents", params={"outlet": outlet, "since": "2000-01-01"}).status_code == 200
    assert http.get("/api/search", params={"q": "the", "mode": "text"}).status_code == 200
    assert http.get("/api/actors", params={"limit": 3, "versions": "false"}).status_code == 200


@pytest.mark.parametrize("page", ["/", "/documents", "/quotes", "/events", "/actors", "/narratives", "/trends",
                                  "/copies", "/stories", "/outlets", "/search"])
def test_pages_keep_ignoring_an_unknown_parameter(http, page):
    """Decision (docs/api.md "stop 41"): a page is read by a person through links; an extra parameter (an old
    bookmark, a tracking suffix) does not break it."""
    r = http.get(page, params={"utm_source": "mail", "sort_by": "words"})
    assert r.status_code in (200, 404), r.status_code
    if r.status_code == 404:
        pytest.skip(f"{page} is not a page of this app")
    assert r.headers["content-type"].startswith("text/html")


def test_a_page_still_checks_the_values_it_takes(http):
    r = http.get("/documents", params={"sort": "bogus", "utm_source": "mail"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")


def test_every_link_the_pages_build_still_answers(http):
    """The UI's own links (pagination cursors, sort, filters, `versions=true`, hints), followed from the pages."""
    starts = ["/", "/?versions=true", "/documents?sort=-published", "/documents?limit=5", "/quotes", "/events",
              "/actors?versions=true", "/narratives?by=week", "/trends?q=the"]
    seen, todo = set(), list(starts)
    while todo and len(seen) < 120:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = http.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        if r.headers["content-type"].startswith("text/html"):
            for href in re.findall(r'href="(/[^"#]*)"', r.text):
                href = href.replace("&amp;", "&")
                if "?" in href and not href.startswith("/static") and href not in seen:
                    todo.insert(0, href) if "cursor=" in href else todo.append(href)
    assert any("cursor=" in u for u in seen), sorted(seen)[:20]
