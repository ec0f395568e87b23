"""The web UI in a real browser (Playwright driving Debian's Chromium) over a server on a free loopback port:
every page loads cleanly with the network cut, highlighting toggles, search, the map, and hostile text stays text."""
from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import PLANTED_WORD, Running, build, encode

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("SPINSCOPE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUT = Path(__file__).parent / "output" / "serve"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pw = sync_api.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db, planted = build(tmp_path_factory.mktemp("serve_ui"))
    app = create_app(db, Settings(), encode=encode)
    with Running(app) as server:
        yield {"url": server.url, "planted": planted, "app": app}


class Watched:
    """A page that records console errors, page errors, dialogs, failed requests and off-site requests."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._only_local)  # the network is cut: anything off the server fails the test
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _only_local(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.problems.append(f"off-site request: {url}")
            route.abort()

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def goto(self, path: str):
        r = self.page.goto(self.base + path, wait_until="load")
        assert r.status == 200, f"{path}: HTTP {r.status}"
        return self.page

    def close(self):
        self.context.close()


@contextmanager
def records_watched(browser, tmp_path, records: list[dict]):
    """Analysis records ingested by the CLI into a new store, served, and a watched browser tab on it."""
    from click.testing import CliRunner

    from spinscope.cli import cli

    from .test_walkthrough36 import write
    db = str(tmp_path / "c.duckdb")
    assert CliRunner().invoke(cli, ["ingest", write(tmp_path / "r.jsonl", records), "--db", db,
                                    "--no-embeddings"]).exit_code == 0
    with Running(create_app(db, Settings(), encode=encode)) as server:
        w = Watched(browser, server.url)
        try:
            yield w
        finally:
            w.close()


@pytest.fixture
def watched(browser, site):
    w = Watched(browser, site["url"])
    yield w
    w.close()


def shot(page, name: str):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def pages(site) -> list[tuple[str, str]]:
    doc = site["planted"]["doc_id"]
    return [("dashboard", "/"), ("documents", "/documents"), ("article", f"/documents/{doc}"),
            ("actors", "/actors"), ("actor", "/actors/dara-vell"),
            ("actor-hostile", "/actors/" + quote(site["planted"]["entities"][0]["kb_id"], safe="")),
            ("quotes", "/quotes"), ("events", "/events"), ("narratives", "/narratives"),
            ("trends", f"/trends?q={PLANTED_WORD}&by=month"), ("stories", "/stories?min_docs=1"),
            ("story", "first story"), ("copies", "/copies"), ("outlets", "/outlets"),
            ("outlet", "/outlets/" + quote(site["planted"]["source"]["outlet"], safe="")),
            ("search", f"/search?q={PLANTED_WORD}"), ("api-docs", "/docs")]


def test_every_page_loads_without_errors_or_outside_requests(watched, site):
    for name, path in pages(site):
        if path == "first story":
            path = watched.page.locator("main table a").first.get_attribute("href")
            assert path.startswith("/stories/")
        page = watched.goto(path)
        if name == "api-docs":
            page.wait_for_selector(".opblock", timeout=15000)
        if name == "events":
            page.wait_for_selector("#map[data-markers]")
            page.locator("#map path").nth(100).wait_for(state="attached")
        assert page.locator("main h1").count() >= 1, name
        shot(page, name)
    assert watched.problems == []
    assert watched.dialogs == []
    assert watched.page.evaluate("typeof window.__pwned") == "undefined"


def test_hostile_article_and_comments_are_shown_as_text(watched, site):
    p = site["planted"]
    page = watched.goto(f"/documents/{p['doc_id']}")
    assert "<script>" in page.locator("main h1").inner_text()
    text = page.locator("#text").inner_text()
    assert '<img src=x onerror="window.__pwned = 1;' in text and 'href="javascript:' in text
    thread = page.locator(".thread").inner_text()
    assert "<script>window.__pwned = 1</script>" in thread and "onerror=\"alert('author')\">Mallory" in thread
    counts = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => s.src === '' && s.type !== 'application/json').length,
        imgs: document.querySelectorAll('img').length,
        js_links: [...document.querySelectorAll('a')].filter(a => a.protocol === 'javascript:').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        pwned: typeof window.__pwned})""")
    assert counts == {"scripts": 0, "imgs": 0, "js_links": 0, "handlers": 0, "pwned": "undefined"}
    for a in page.locator("#text a").all():  # entity links go to actor pages, never elsewhere
        assert urlsplit(a.get_attribute("href")).path.startswith("/actors/")
    page.locator("#text a").first.click()
    page.wait_for_load_state("networkidle")
    assert "/actors/" in page.url and "<script>" in page.locator("main h1").inner_text()
    assert watched.dialogs == [] and watched.problems == []
    assert page.evaluate("typeof window.__pwned") == "undefined"


def _background(page, selector):
    return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def test_highlighting_toggles(watched, site):
    page = watched.goto(f"/documents/{site['planted']['doc_id']}")
    legend = page.locator(".legend li").all_inner_texts()
    assert any("name_calling" in t and t.strip().endswith("1") for t in legend)
    on = _background(page, "#text .tech")
    assert on not in ("rgba(0, 0, 0, 0)", "transparent")
    page.get_by_label("Techniques").uncheck()
    assert _background(page, "#text .tech") != on
    page.get_by_label("Techniques").check()
    assert _background(page, "#text .tech") == on
    grey = _background(page, "#text .part-boilerplate")
    page.get_by_label("Boilerplate").uncheck()
    assert grey != "rgba(0, 0, 0, 0)" and _background(page, "#text .part-boilerplate") == "rgba(0, 0, 0, 0)"
    page.get_by_label("Comments").uncheck()
    assert _background(page, "#text .part-comment") == "rgba(0, 0, 0, 0)"
    page.get_by_label("Body").uncheck()
    page.get_by_label("Techniques").uncheck()
    assert _background(page, "#text .tech") == "rgba(0, 0, 0, 0)"
    quote_title = page.get_attribute("#text .quote", "title")
    assert "speaker: Vora" in quote_title and "<script>" in quote_title  # the hover text, as text
    details = page.locator(".thread details").first
    assert details.get_attribute("open") is not None
    details.locator("summary").first.click()
    assert details.get_attribute("open") is None  # the thread folds
    page.get_by_label("Techniques").focus()
    page.keyboard.press("Space")
    assert _background(page, "#text .tech") == on  # keyboard works too
    assert watched.problems == []


def test_search_box_finds_the_planted_document(watched, site):
    page = watched.goto("/")
    page.get_by_label("Search", exact=True).fill(PLANTED_WORD)
    page.get_by_label("Mode").select_option("text")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    first = page.locator("ol.results li h2 a").first
    assert first.get_attribute("href") == f"/documents/{site['planted']['doc_id']}"
    assert page.locator("ol.results mark").first.inner_text().lower() == PLANTED_WORD
    assert watched.problems == []


def test_map_shows_the_planted_events(watched, site):
    outlet = site["planted"]["source"]["outlet"]
    page = watched.goto("/events?outlet=" + quote(outlet))
    page.wait_for_selector("#map[data-markers]")
    page.locator("#map path").nth(100).wait_for(state="attached")  # country outlines drawn
    # no outline stretched across the map: rings crossing the antimeridian continue past it (Russia: about 160)
    assert 100 < int(page.get_attribute("#map", "data-widest-ring")) < 200
    assert page.get_attribute("#map", "data-markers") == "2"
    assert page.locator("#map path.event-marker").count() == 2
    page.locator("#map path.event-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Dara Vell" in popup or "Vora" in popup
    assert page.locator(".leaflet-popup-content img").count() == 0
    shot(page, "events-planted")
    assert watched.problems == [] and watched.dialogs == []


def test_article_view_of_a_copied_article(watched, site):
    """A synthetic article that has copies: the copies section lists them and links back."""
    page = watched.goto("/copies")
    href = page.locator("main ol li a").first.get_attribute("href")
    page = watched.goto(href)
    assert page.locator("#text span.part-body").count() >= 1
    copies = page.locator("aside section", has_text="Copies and origin").locator("a")
    assert copies.count() >= 1
    shot(page, "article-copied")
    assert watched.problems == []


@pytest.mark.skipif(not os.environ.get("SPINSCOPE_UPDATE_SCREENSHOT"),
                    reason="set SPINSCOPE_UPDATE_SCREENSHOT=1 to analyze an example with the full pipeline and "
                           "refresh docs/img/article.png")
def test_readme_screenshot_of_the_article_view(browser, tmp_path):
    """docs/img/article.png: the article view of examples/txt/wordpress_thread.txt, analyzed by the full pipeline."""
    from click.testing import CliRunner

    from spinscope.cli import cli
    root = Path(__file__).parents[1]
    db = tmp_path / "example.duckdb"
    r = CliRunner().invoke(cli, ["ingest", str(root / "examples/txt/wordpress_thread.txt"), "--db", str(db),
                                 "--no-embeddings"])
    assert r.exit_code == 0, r.output
    app = create_app(str(db), Settings(), encode=encode)
    with Running(app) as server:
        w = Watched(browser, server.url)
        page = w.goto("/documents")
        page = w.goto(page.locator("main table a").first.get_attribute("href"))
        page.screenshot(path=str(OUT / "article-readme.png"), full_page=False)
        shutil.copy(OUT / "article-readme.png", root / "docs" / "img" / "article.png")
        assert w.problems == []
        w.close()


RTL_TEXT = ("وزراء الخارجية يلتقون في القاهرة\n\n"
            "Foreign ministers met in Cairo on Tuesday to discuss the ferry dispute between the two ports.\n\n"
            "قال المتحدث إن الاجتماع كان مثمرا وإن المحادثات ستستمر غدا في العاصمة.\n\n"
            "השרים ייפגשו שוב בשבוע הבא כדי לסיים את הדיון.\n")

# Where the first and the last letter of a paragraph are drawn, and the text box's edges (a Range over one letter).
_EDGES = """([needle, box]) => {
  const root = document.querySelector(box);
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walk.nextNode())) {
    const i = node.data.indexOf(needle);
    if (i < 0) continue;
    const first = document.createRange(); first.setStart(node, i); first.setEnd(node, i + 1);
    const last = document.createRange(); last.setStart(node, i + needle.length - 1); last.setEnd(node, i + needle.length);
    const a = first.getBoundingClientRect(), b = last.getBoundingClientRect(), r = root.getBoundingClientRect();
    return {first: a.left, last: b.left, left: r.left, right: r.right};
  }
  return null;
}"""


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory):
    """A store holding one article whose title and two paragraphs are Arabic and Hebrew, one paragraph English."""
    import spinscope
    from spinscope.pipeline import Pipeline

    from .serve_corpus import store_records
    rec = spinscope.analyze(RTL_TEXT, pipeline=Pipeline(stages=["clean"]), outlet="Harbour Courier").to_dict()
    db, _ = store_records(tmp_path_factory.mktemp("serve_rtl"), [rec], encode, "rtl.duckdb", batch_size=10)
    app = create_app(str(db), Settings(), encode=encode)
    with Running(app) as server:
        yield {"url": server.url, "record": rec}


def test_right_to_left_paragraphs_and_titles_run_right_to_left(browser, rtl_site):
    """New-user walk-through (stop 32): the article view set every paragraph left to right, so an Arabic or Hebrew
    paragraph started at the left edge and its full stop landed at its start; the title too. Each paragraph and
    title now takes the direction of its first letter; the English paragraph stays left to right, and the text
    (and so every highlight's offsets) is unchanged."""
    w = Watched(browser, rtl_site["url"])
    try:
        page = w.goto(f"/documents/{rtl_site['record']['doc_id']}")
        page.locator("#text span.part-body").first.wait_for()
        assert page.locator("#text").text_content() == RTL_TEXT
        for needle in ("قال المتحدث إن الاجتماع", "השרים ייפגשו שוב"):
            e = page.evaluate(_EDGES, [needle, "#text"])
            assert e["first"] > e["last"], needle  # drawn right to left
            assert e["right"] - e["first"] < 20, needle  # and starting at the right edge
        e = page.evaluate(_EDGES, ["Foreign ministers met", "#text"])
        assert e["first"] < e["last"] and e["first"] - e["left"] < 5
        e = page.evaluate(_EDGES, ["وزراء الخارجية", "main h1"])
        assert e["first"] > e["last"] and e["right"] - e["first"] < 30
        assert page.locator("main h1").get_attribute("dir") == "auto"
        shot(page, "article-rtl")
        page = w.goto("/documents")
        assert page.locator("main table a[dir=auto]").first.text_content() == "وزراء الخارجية يلتقون في القاهرة"
        assert w.problems == []
    finally:
        w.close()


OVERLAP_TEXT = ("Harbour board quarrels over the ferry fees\n\n"
                "The so-called reformers are traitors who will wreck every single harbour in the land, the mayor "
                "told a crowd on the quay. Nobody else has ever cared about the ferry.\n")


@pytest.fixture(scope="module")
def overlap_site(tmp_path_factory):
    """One article whose technique spans overlap: name_calling inside a longer loaded_language span, and an
    exaggeration on its own."""
    import spinscope
    from spinscope.pipeline import Pipeline

    from .serve_corpus import store_records
    rec = spinscope.analyze(OVERLAP_TEXT, pipeline=Pipeline(stages=["clean"]), outlet="Quay Gazette").to_dict()

    def at(phrase):
        i = OVERLAP_TEXT.index(phrase)
        return {"start": i, "end": i + len(phrase), "text": phrase}
    rec["techniques"] = [
        {"technique": "loaded_language", **at("so-called reformers are traitors who will wreck"), "score": 0.9},
        {"technique": "name_calling", **at("traitors"), "score": 0.8},
        {"technique": "exaggeration", **at("Nobody else has ever cared"), "score": 0.7}]
    db, _ = store_records(tmp_path_factory.mktemp("serve_overlap"), [rec], encode, "overlap.duckdb", batch_size=10)
    app = create_app(str(db), Settings(), encode=encode)
    with Running(app) as server:
        yield {"url": server.url, "record": rec}


def test_overlapping_techniques_are_both_visible_and_named(browser, overlap_site):
    """New-user walk-through (stop 33): where two technique spans overlap the article view drew one colour (the
    class written last in app.css won), so the analyst saw one technique. The overlap is now striped in both
    techniques' colours, names both on hover and on keyboard focus, and the legend lists the combination."""
    w = Watched(browser, overlap_site["url"])
    try:
        page = w.goto(f"/documents/{overlap_site['record']['doc_id']}")
        page.locator("#text .tech").first.wait_for()
        assert page.locator("#text").text_content() == OVERLAP_TEXT
        both = page.locator("#text .tech", has_text="traitors")
        assert both.count() == 1 and both.text_content() == "traitors"
        def swatch(name):  # a technique's colour, as the legend shows it
            return page.locator(".legend:not(.overlaps) li", has_text=name).locator(".swatch-box").evaluate(
                "e => getComputedStyle(e).backgroundColor")
        ll, nc = swatch("loaded_language"), swatch("name_calling")
        assert ll != nc
        assert _background(page, "#text .tech >> text=reformers") == ll  # drawn alone: its own colour
        image = both.evaluate("e => getComputedStyle(e).backgroundImage")
        stripes = set(re.findall(r"rgb\([^)]*\)", image))
        assert stripes == {ll, nc}, image  # the overlap: a stripe of each
        title = both.get_attribute("title")
        assert "loaded_language" in title and "name_calling" in title
        both.focus()  # reachable by keyboard, and the names show as text beside it
        after = both.evaluate("e => getComputedStyle(e, '::after').content")
        assert "loaded_language" in after and "name_calling" in after
        shot(page, "article-overlap")
        overlaps = page.locator(".legend.overlaps li").all_inner_texts()
        assert len(overlaps) == 1 and "loaded_language + name_calling" in overlaps[0]
        swatch = page.locator(".legend.overlaps .swatch-box").evaluate("e => getComputedStyle(e).backgroundImage")
        assert set(re.findall(r"rgb\([^)]*\)", swatch)) == stripes
        page.get_by_label("Techniques").uncheck()
        assert both.evaluate("e => getComputedStyle(e).backgroundImage") == "none"
        assert w.problems == []
    finally:
        w.close()


def test_narrow_screen_pages_do_not_scroll_sideways(browser, site):
    """New-user walk-through (stop 33): on a 375 px phone screen every page was 520 to 800 px wide: the menu's
    links (written with no space between them) could not wrap, and wide tables widened the page. The menu wraps
    and a wide table scrolls inside itself."""
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site["url"]) else r.abort())
    page = ctx.new_page()
    try:
        wide = {}
        for name, path in pages(site):
            if path == "first story" or name == "api-docs":
                continue
            page.goto(site["url"] + path, wait_until="load")
            w = page.evaluate("() => document.documentElement.scrollWidth")
            if w > 376:
                wide[name] = w
        assert wide == {}
        page.goto(site["url"] + "/outlets", wait_until="load")
        last = page.locator("nav a").last
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 375  # the menu wrapped, all of it in view
    finally:
        ctx.close()


def test_print_view_keeps_the_highlights_and_drops_the_site_furniture(browser, overlap_site):
    """New-user walk-through (stop 33): printed, the article view led with the menu, the search form and the
    highlight toggles, and dropped every highlight (browsers leave backgrounds out of print unless told)."""
    w = Watched(browser, overlap_site["url"])
    try:
        page = w.goto(f"/documents/{overlap_site['record']['doc_id']}")
        page.emulate_media(media="print")
        shown = page.evaluate("""() => ({header: getComputedStyle(document.querySelector('header')).display,
            toggles: getComputedStyle(document.querySelector('#toggles')).display,
            adjust: getComputedStyle(document.querySelector('#text .tech')).printColorAdjust,
            colour: getComputedStyle(document.querySelector('#text .tech')).backgroundColor})""")
        assert shown["header"] == "none" and shown["toggles"] == "none"
        assert shown["adjust"] == "exact" and shown["colour"] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert page.locator("#text").text_content() == OVERLAP_TEXT
        assert w.problems == []
    finally:
        w.close()


def test_a_quote_link_lands_on_its_words_in_a_long_article(browser, tmp_path):
    """New-user walk-through (stop 36): the outlet profile's evidence, the quotes page and the actor page linked each
    quote or span to the top of its article: in a 46,000-character article the analyst had to find "Cracks Racist
    Joke" by eye. A link now carries #at-START-END, and the article view marks those characters and scrolls to them
    (offsets are code points: 60 emoji come before the quote here)."""
    from .test_walkthrough36 import long_record
    rec = long_record()
    q = rec["quotes"][0]
    with records_watched(browser, tmp_path, [rec]) as w:
        page = w.goto("/quotes?speaker=harbour%20master")
        link = page.locator("main table a[href^='/documents/']")
        href = link.get_attribute("href")
        assert href == f"/documents/{rec['doc_id']}#at-{q['start']}-{q['end']}"
        link.click()
        page.wait_for_load_state()
        marked = page.evaluate("""() => { const h = CSS.highlights.get('at'); let r; for (const x of h) r = x;
            const b = r.getBoundingClientRect(); return [r.toString(), b.top, window.scrollY]; }""")
        assert marked[0] == q["text"]
        assert 0 <= marked[1] <= 900 and marked[2] > 0  # scrolled to, in view
        assert "Linked passage" in page.text_content("#at-note")
        page = w.goto("/actors/harbour%20master")
        assert page.get_attribute("main a[href*='#at-']", "href") == href
        assert w.problems == []


def test_events_spread_over_the_world_fill_the_map(browser, tmp_path):
    """Analyst walk-through (stop 40): events in Washington, Buenos Aires, Moscow and Sydney were drawn on a world a
    quarter as wide as the map's box (whole zoom levels and a bounding box padded by half its size), the rest grey."""
    import copy as copying

    from spinscope.model import make_doc_id

    from .test_walkthrough36 import long_record
    rec = copying.deepcopy(long_record())
    cities = [("Washington", 38.9, -77.04), ("Buenos Aires", -34.6, -58.38), ("Moscow", 55.75, 37.62),
              ("Sydney", -33.87, 151.21)]
    text = "World desk\n\n" + " ".join(f"Officials met in {c}." for c, _, _ in cities)
    rec.update(doc_id=make_doc_id(text), text=text, title={"start": 0, "end": 10, "text": "World desk"},
               body=[{"start": 12, "end": len(text)}], entities=[], quotes=[], places=[], events=[])
    for i, (name, lat, lon) in enumerate(cities):
        s = text.index(f"Officials met in {name}.")
        at = s + len("Officials met in ")
        rec["places"].append({"id": f"p{i + 1}", "name": name, "lat": lat, "lon": lon, "country_code": None,
                              "geonameid": None, "mentions": [{"start": at, "end": at + len(name), "text": name}]})
        rec["events"].append({"type": "CONSULT", "cameo": "040", "mode": "asserted", "actor": None, "target": None,
                              "place": f"p{i + 1}", "date": "2026-03-04", "start": s, "end": at + len(name) + 1,
                              "text": text[s:at + len(name) + 1],
                              "trigger": {"start": s + 10, "end": s + 13, "text": "met"}})
    with records_watched(browser, tmp_path, [rec]) as w:
        page = w.goto("/events")
        page.wait_for_selector("#map[data-markers='4']")
        spread = page.evaluate("""() => { const m = document.getElementById('map').getBoundingClientRect();
            const xs = [...document.querySelectorAll('#map path.event-marker')].map(p => {
                const b = p.getBoundingClientRect(); return b.left + b.width / 2; });
            return (Math.max(...xs) - Math.min(...xs)) / m.width; }""")
        assert spread > 0.5, spread
        assert w.problems == []


def test_events_at_one_place_are_one_marker_that_counts_and_lists_them(browser, tmp_path):
    """Analyst walk-through (stop 42): three events in Damascus were three markers on one spot: the map looked the same
    for one event as for twenty, and the top marker's popup hid the others'. Its popup linked to the article's top."""
    import copy as copying

    from spinscope.model import make_doc_id

    from .test_walkthrough36 import long_record
    rec = copying.deepcopy(long_record())
    lines = ["Troops shelled Damascus.", "Rebels attacked Damascus.", "Envoys met in Damascus.", "Envoys met in Oslo."]
    text = "World desk\n\n" + " ".join(lines)
    rec.update(doc_id=make_doc_id(text), text=text, title={"start": 0, "end": 10, "text": "World desk"},
               body=[{"start": 12, "end": len(text)}], entities=[], quotes=[], places=[], events=[])
    for name, lat, lon in (("Damascus", 33.51, 36.29), ("Oslo", 59.91, 10.75)):
        rec["places"].append({"id": name, "name": name, "lat": lat, "lon": lon, "country_code": None,
                              "geonameid": None, "mentions": []})
    for line, kind in zip(lines, ("ASSAULT", "ASSAULT", "CONSULT", "CONSULT")):
        s = text.index(line)
        verb = line.split()[1]
        rec["events"].append({"type": kind, "cameo": None, "mode": "asserted", "actor": None, "target": None,
                              "place": line.split()[-1].rstrip("."), "date": "2026-03-04", "start": s,
                              "end": s + len(line), "text": line,
                              "trigger": {"start": s + line.index(verb), "end": s + line.index(verb) + len(verb),
                                          "text": verb}})
    with records_watched(browser, tmp_path, [rec]) as w:
        page = w.goto("/events")
        page.wait_for_selector("#map[data-markers]")
        assert page.get_attribute("#map", "data-markers") == "2" and page.get_attribute("#map", "data-events") == "4"
        big = page.locator("#map path.event-marker[data-events='3']")
        assert big.count() == 1
        big.click(force=True)
        popup = page.locator(".leaflet-popup-content")
        assert "3 events at Damascus" in popup.inner_text()
        links = popup.locator("a")
        assert links.count() == 3
        first = rec["events"][0]
        assert links.first.get_attribute("href") == f"/documents/{rec['doc_id']}#at-{first['start']}-{first['end']}"
        small = page.locator("#map path.event-marker[data-events='1']")  # the keyboard reaches a marker too
        assert small.get_attribute("aria-label") == "CONSULT at Oslo"
        small.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => /Oslo|CONSULT/.test(document.querySelector('.leaflet-popup-content')"
                               ".innerText) && !/Damascus/.test(document.querySelector('.leaflet-popup-content')"
                               ".innerText)")
        assert w.problems == []


def test_a_table_sorts_by_the_column_whose_header_is_clicked_or_pressed(watched, site):
    """Analyst walk-through (stop 40): no table could be sorted (the outlets by technique density, the actors by
    mentions, the events by type). A header is now a button: numbers sort as numbers, largest first, then the other
    way; Enter on a focused header does the same; aria-sort names the order. Paged lists (documents, quotes) are
    left as they are: sorting the rows of one page would look like sorting them all."""
    page = watched.goto("/outlets")
    column = page.locator("main table th", has_text="Documents")
    index = page.locator("main table th").all_inner_texts().index(column.inner_text())

    def values():
        return [int(v.replace(",", "")) for v in page.locator(f"main table tbody tr td:nth-child({index + 1})")
                .all_inner_texts()]
    assert len(values()) > 2 and column.locator("button").count() == 1
    column.locator("button").click()
    assert values() == sorted(values(), reverse=True) and column.get_attribute("aria-sort") == "descending"
    column.locator("button").focus()
    page.keyboard.press("Enter")
    assert values() == sorted(values()) and column.get_attribute("aria-sort") == "ascending"
    assert page.locator("main table.paged").count() == 0
    assert watched.problems == []


def test_a_paged_list_sorts_on_the_server_across_its_pages(watched, site):
    """Analyst walk-through (stop 40): the paged lists (documents, quotes) did not sort: sorting one page's rows would
    look like sorting them all. Stop 41: a header of theirs is a button asking the server for the list in that order
    (`sort=`), so that the next page goes on in it; again the other way; aria-sort names the order."""
    page = watched.goto("/documents")
    column = page.locator("main table.paged th", has_text="Words")

    def words():
        return [int(v) for v in page.locator("main table.paged tbody tr td:nth-child(4)").all_inner_texts()]
    assert column.locator("button.sort").count() == 1
    with page.expect_navigation():
        column.locator("button").click()
    assert "sort=words" in page.url and column.get_attribute("aria-sort") == "ascending"
    first = words()
    assert len(first) == 50 and first == sorted(first)
    with page.expect_navigation():
        page.locator("a[rel=next]").click()
    rest = words()
    assert rest and rest == sorted(rest) and min(rest) >= max(first)  # page 2 goes on in the same order
    column = page.locator("main table.paged th", has_text="Words")
    column.locator("button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=-words" in page.url and "cursor" not in page.url
    assert words() == sorted(words(), reverse=True)
    assert page.locator("main table.paged th", has_text="Words").get_attribute("aria-sort") == "descending"
    assert watched.problems == []


def test_quotes_sorted_by_speaker_say_the_order_and_page_on_by_the_last_row(watched, site):
    """Stop 42: the Speaker header (a button of sort.js) asks for the quotes by speaker: the caption says the order
    (resolved people and organisations first, then the speakers given only as words, then none), and the next page's
    link carries the last row's keys (a keyset cursor), so page 2 goes on after page 1's last row."""
    page = watched.goto("/quotes?kind=all")
    column = page.locator("main table.paged th", has_text="Speaker")
    with page.expect_navigation():
        column.locator("button").click()
    assert "sort=speaker" in page.url and column.get_attribute("aria-sort") == "ascending"
    caption = page.locator("main table.paged caption").inner_text()
    assert "first the people and organisations the analysis resolved" in caption
    nxt = page.locator("a[rel=next]")
    if nxt.count():
        assert "cursor=k" in nxt.get_attribute("href")
        first = page.locator("main table.paged tbody tr").count()
        with page.expect_navigation():
            nxt.click()
        assert page.locator("main table.paged tbody tr").count() > 0 and first == 100
    assert watched.problems == []


def test_the_network_page_draws_links_that_open_the_events_of_an_edge(watched, site):
    # Stop 43: no page drew the actor network. The page draws it (SVG, no script), every arrow and table count a link
    # to the events behind the edge, hostile names stay text, and nothing is fetched from elsewhere.
    page = watched.goto("/network")
    svg = page.locator("svg.network")
    assert svg.count() == 1 and svg.bounding_box()["width"] > 300
    assert page.locator("svg.network a.edge line").count() >= 1
    assert page.locator("svg.network text").count() >= 2
    page.keyboard.press("Tab")  # the arrows and names are links: reached with the keyboard
    shot(page, "network")
    planted = page.locator("main table tbody tr", has_text="Dara Vell").first
    assert planted.count() == 1
    n = int(planted.locator("td").nth(4).inner_text())
    planted.locator("td").nth(4).locator("a").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/events"
    rows = page.locator("main table tbody tr")
    assert rows.count() == n and "Dara Vell" in rows.first.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert watched.problems == [] and watched.dialogs == []


def _highlighted(page) -> str | None:
    """The characters the article view marks for its #at- link (CSS Custom Highlight API), or None."""
    return page.evaluate("() => { const h = CSS.highlights.get('at'); if (!h) return null; let out = [];"
                         " h.forEach(r => out.push(r.toString())); return out.join('|'); }")


def test_a_narrative_point_opens_its_documents_and_their_evidence_its_words(watched, site):
    # Stop 44: a point of a narrative's line on /narratives was a hover text only; the documents behind a rise were
    # not one click away. Each point links to the documents list of that narrative and period, exactly as many as it
    # counts, and a document's narrative evidence link marks exactly text[start:end] of the record.
    page = watched.goto("/narratives")
    points = page.locator("svg.chart a.point")
    assert points.count() >= 5
    point = points.first
    count = int(float(point.locator("title").text_content().rsplit(": ", 1)[1]))
    assert 1 <= count <= 50
    point.focus()  # with the keyboard: points of other lines may lie over it
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents?**")
    assert urlsplit(page.url).path == "/documents" and "narrative=" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == count
    rows.first.locator("a").first.click()
    page.wait_for_load_state("load")
    doc_id = urlsplit(page.url).path.rsplit("/", 1)[1]
    record = httpx.get(f"{site['url']}/api/documents/{doc_id}").json()
    evidence = page.locator("section", has=page.locator("h2", has_text="Narratives")).locator("a.at")
    assert evidence.count() >= 1
    for i in range(min(evidence.count(), 3)):
        href = evidence.nth(i).get_attribute("href")
        start, end = (int(x) for x in href.rsplit("#at-", 1)[1].split("-"))
        evidence.nth(i).click()
        page.wait_for_function("() => CSS.highlights.get('at') !== undefined")
        assert _highlighted(page) == record["text"][start:end] != ""
    assert watched.problems == [] and watched.dialogs == []


def test_the_network_evidence_links_mark_the_words_of_their_events(watched, site):
    # Stop 44 (the walk of the pages at scale): every item an edge of the network lists opens the article with exactly
    # the event's characters marked, text[start:end] of the record.
    page = watched.goto("/network")
    links = [h for h in page.eval_on_selector_all("main table a[href*='#at-']", "els => els.map(e => e.href)")]
    assert len(links) >= 3
    for href in links[:8]:
        path = urlsplit(href).path
        start, end = (int(x) for x in href.rsplit("#at-", 1)[1].split("-"))
        record = httpx.get(site["url"] + "/api" + path).json()
        page = watched.goto(path + f"#at-{start}-{end}")
        assert _highlighted(page) == record["text"][start:end] != ""
        assert any(e["start"] == start and e["end"] == end for e in record["events"])
    assert watched.problems == [] and watched.dialogs == []
