"""One web page -> one Document: trafilatura's main text and metadata, plus the comment thread."""
from __future__ import annotations

import logging
import os
import re

from ..terminal import quote_name
from pathlib import Path
from typing import Iterator

from ..budget import OverBudget, deadline
from ..model import Document, Source, Span
from .assemble import MIN_HEAD_WORDS, TITLE_SEPARATORS, TextBuilder, lay_out, paragraphs, same_words
from .base import ReadError, ReadOptions
from .codepoints import repair_markup
from ..clean.cues import cues_for
from .comments import find_comment_tree
from ..dates import iso_date, weekday_checked
from .decode import decode_bytes
from .files import read_whole
from .flatten import LXML_MAX_DEPTH, depth_reaches, flatten_markup

log = logging.getLogger("spinscope.ingest")
NO_TEXT = "no article text found in HTML"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_LANG = re.compile(r"^[a-z]{2,3}$")
_LANG_XPATHS = (
    "/html/@lang", "/html/@xml:lang",
    "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']"
    "/@content",
    "//meta[@property='og:locale']/@content",
)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag near its start."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def decode_html(data: bytes, name: str, *, encoding: str | None = None,
                declared: str | None = None) -> str:
    """Page bytes to text: a forced encoding, else the HTTP or meta charset as a hint."""
    return decode_bytes(data, name, encoding, declared=declared or meta_charset(data))


_CANONICAL_XPATHS = (
    "//link[contains(concat(' ', translate(normalize-space(@rel), 'CANONICAL', 'canonical'), ' '), ' canonical ')]"
    "/@href",
    "//meta[@property='og:url']/@content", "//meta[@name='og:url']/@content",
)


def declared_address(tree, url: str | None) -> str | None:
    """The address the page declares its own (stop 40): its `<link rel="canonical">`, else its `og:url`, made absolute
    against `url` (a relative one without `url` is no address), as written otherwise; None when it declares none.
    Only an http(s) address counts. The store keys the page by it when it names the same site
    (`corpus.addresses.address_key`)."""
    from urllib.parse import urljoin, urlsplit
    for xp in _CANONICAL_XPATHS:
        try:
            values = tree.xpath(xp)
        except Exception:  # as page_language: a broken attribute leaves the others
            continue
        for value in values:
            found = " ".join(str(value).split())
            if not found:
                continue
            if found.startswith("//"):
                found = "https:" + found
            try:
                if not urlsplit(found).scheme:
                    if not url:
                        continue
                    found = urljoin(url, found)
                parts = urlsplit(found)
            except ValueError:
                continue
            if parts.scheme.lower() in ("http", "https") and parts.netloc:
                return found
    return None


def page_language(tree) -> str | None:
    """The page's declared language as a two- or three-letter code."""
    for xp in _LANG_XPATHS:
        try:
            values = tree.xpath(xp)
        except Exception:  # namespaced attributes can trip some lxml builds; the rest still work
            continue
        for value in values:
            code = str(value).strip().replace("_", "-").split("-")[0].lower()
            if _LANG.match(code):
                return code
    return None


def load_html(html: str):
    """trafilatura's lxml tree of a page (trafilatura is imported here: 0.1 s a process that reads no page skips)."""
    from trafilatura.utils import load_html as load
    return load(html)


def _extract(tree, url: str | None, prune: str | list[str] | None, *, comments: bool):
    import trafilatura
    try:
        return trafilatura.bare_extraction(tree, url=url, include_comments=comments,
                                           with_metadata=comments, prune_xpath=prune)
    except Exception as e:  # trafilatura only guards its own ValueErrors; keep the reason
        raise ReadError(f"HTML extraction failed: {type(e).__name__}: {e}") from None


def _add_comment_tree(builder: TextBuilder, found) -> tuple[Span | None, list[dict]]:
    """Lay the thread out as author line then text per comment; return section span and tree."""
    tree_hint, start = [], None
    for c in found:
        author_span = builder.add(c.author) if c.author else None
        # the timestamp on its own line under the author, as pages print it (the cleaner files it as
        # `comment_meta`)
        stamp_span = builder.add(c.stamp, "\n" if author_span else "\n\n") if c.stamp else None
        span = builder.add(c.text, "\n" if author_span or stamp_span else "\n\n")
        start = (author_span or stamp_span or span).start if start is None else start
        tree_hint.append({"author": c.author, "author_span": author_span, "span": span,
                          "parent_index": c.parent, "stamp_span": stamp_span, "posted": c.posted})
    return (Span(start, len(builder)) if start is not None else None), tree_hint


def document_from_html(html: str | bytes, *, url: str | None = None, path: str | None = None,
                       encoding: str | None = None, published: str | None = None,
                       timeout: float | None = None) -> Document:
    """A Document with title, main text and comments laid out, and hints giving their spans.

    `published` is a fallback date (e.g. the crawl date) used when the page states none; past
    `timeout` seconds the page fails with a `ReadError` (see budget.py).
    """
    try:
        with deadline(timeout):
            return _document_from_html(html, url=url, path=path, encoding=encoding, published=published)
    except OverBudget as e:
        raise ReadError(f"{e.args[0].replace('per document', 'per page')}") from None


def _document_from_html(html: str | bytes, *, url: str | None, path: str | None, encoding: str | None,
                        published: str | None) -> Document:
    name = path or url or "<html>"
    if isinstance(html, bytes):
        html = decode_html(html, name, encoding=encoding)
    if not html.strip():
        raise ReadError("empty file")
    html = repair_markup(html, name)  # one `&#65535;` must not lose the page
    try:
        tree = load_html(html)
    except Exception as e:
        raise ReadError(f"unparsable HTML: {type(e).__name__}: {e}") from None
    if tree is None:
        raise ReadError(NO_TEXT)
    if depth_reaches(tree):
        # lxml silently drops what lies deeper than its limit; flattened, the text survives
        log.warning("%s: markup nested over %d levels deep; deeper tags dropped, their text kept",
                    quote_name(name), LXML_MAX_DEPTH)
        tree = load_html(flatten_markup(html))
        if tree is None:
            raise ReadError(NO_TEXT)
    language = page_language(tree)
    canonical = declared_address(tree, url)  # (before the extractor prunes the tree)
    page_text = _page_text(tree)  # (before the extractor prunes the tree)
    summary = _summary_in_page(tree)  # (likewise)
    headings = _headings(tree)  # (likewise)
    cues = cues_for(language)
    thread = find_comment_tree(tree, cues)
    # With a recognised thread, its items are pruned so they cannot leak into the main text.
    _mend_markup(tree, cues)
    prune = [x for x in (thread[1] if thread else None, _mark_galleries(tree, cues)) if x] or None
    result = _extract(tree, url, prune, comments=True)
    if result is None:
        raise ReadError(NO_TEXT)
    # The article comes from a second pass without comments: trafilatura then prunes the comment
    # sections before it looks for the main text, which keeps threads it cannot parse out of the body.
    article = _extract(tree, url, prune, comments=False)
    if article is None or not article.text:
        article = None  # nothing left without comments: the first pass's text is all there is
    body = paragraphs(article.text if article is not None else result.text)
    if not body and not thread:
        raise ReadError(NO_TEXT)
    if summary is not None and (at := _summary_left_out(summary, body, result.title)) is not None:
        body.insert(at, summary[0])  # the page's standfirst, printed over the story, that the extractor dropped

    builder = TextBuilder()
    title = _page_title_over_site(_not_a_form_heading(result.title, tree, cues), result.sitename, url or result.url, tree)
    sitename = result.sitename
    if (heading := _heading_in_page_title(title, tree, headings)) is not None:
        if sitename and same_words(sitename, heading):
            sitename = title  # the extractor swapped them: "Virtual Geek" was the title, the headline the site
        title = heading
    if title and result.title and body and len(body[0].split()) <= 5 and not same_words(result.title, title) \
            and same_words(body[0], result.title):
        body.pop(0)  # the site's name the extractor took for the title, opening the body: its masthead (realworld38)
    hints = lay_out(builder, title_without_site(title, result.sitename), body)
    if thread:
        hints["comments"], hints["comment_tree"] = _add_comment_tree(builder, thread[0])
    elif result.comments and _other_stories_comments(result.comments, cues):
        pass  # a leaderboard of the site's best comments under other stories: no comment of this page
    elif result.comments and not _only_page_dates(result.comments, cues):
        hints["comments"] = _add_plain_comments(builder, result.comments.split("\n"))
    elif result.comments:  # the article's own "Posted: ... Updated: ..." line: page furniture under the body
        hints["body"].extend(s for s in (builder.add(p) for p in paragraphs(result.comments)) if s)
    elif article is not None:
        hints["comments"] = _add_plain_comments(builder, pruned_text(result.text, article.text))
    if getattr(result, "author", None):
        hints["author"] = result.author  # the page's byline: its closing bio is no body (clean/segment.py, realworld42)
    text = builder.text()
    source = Source(path=path, url=url or result.url, outlet=sitename or None,
                    title=hints["title"].of(text) if hints["title"] else None,
                    published=weekday_checked(iso_date(result.date), page_text) or iso_date(published),
                    language=language, canonical=canonical)
    return Document(text=text, source=source, hints=hints)


MIN_SUMMARY_WORDS = 15
SUMMARY_REACH = 1500  # characters of page text between the standfirst's end and the story's first paragraph


def _summary_in_page(tree) -> tuple[str, str, str] | None:
    """The page's meta description when the page prints it as a text of its own in its `<body>` (a
    standfirst: RT's "article__summary"), with the body's text (scripts left out) from it on and the text
    before it; else None."""
    if tree is None:
        return None
    try:
        found = tree.xpath("//meta[@name='description']/@content | //meta[@property='og:description']/@content")
        if not found:
            return None
        summary = " ".join(str(found[0]).split())
        if len(summary.split()) < MIN_SUMMARY_WORDS or summary.endswith(("...", "…")):
            return None  # a short teaser, or one cut off: no paragraph of the page
        text = " ".join(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)"
                                            " and not(ancestor::noscript)]")).split())
    except (ValueError, TypeError):
        return None
    at = text.find(summary)
    return (summary, text[at:], text[max(0, at - 2 * SUMMARY_REACH):at]) if at >= 0 else None


def _summary_left_out(summary: tuple[str, str], body: list[str], title: str | None = None) -> int | None:
    """Where the standfirst the page prints (see `_summary_in_page`) goes in the extracted body that lacks it:
    before the first or second block (the first may be the headline again), when the page prints that block
    soon after it (within `SUMMARY_REACH` characters): it opens the story, and the extractor left it out
    (realworld37: an RT story lost its two-sentence lead). The page must print the headline `title` right
    before it (within `SUMMARY_REACH` characters too): a blog's description of itself over the post is none.
    None otherwise."""
    text, after, before = summary
    if not body or any(text[:80] in " ".join(p.split()) for p in body):
        return None
    head = " ".join((title or "").split())[:60]
    if not head or head not in before[-SUMMARY_REACH:]:
        return None
    for i, block in enumerate(body[:2]):
        at = after.find(" ".join(block.split())[:80], len(text))
        if at >= 0 and at - len(text) <= SUMMARY_REACH:
            return i
    return None


# a masthead's heading (the site's name, not the story's): its id or class, or a link to the site's root
_MASTHEAD = re.compile(r"banner|masthead|home|logo|site|blog-?title|brand", re.I)
_ROOT_LINK = re.compile(r"^(?:(?:https?:)?//[^/]+)?/?(?:index\.\w+)?$", re.I)


def _headings(tree) -> set[str]:
    """The texts of the page's `<h1>` to `<h4>`, spaces folded, case-folded; not a masthead's (an id or class
    naming a banner, the home, the site or a logo, or a link to the site's root: the blog's name)."""
    out = set()
    try:
        for h in tree.iter("h1", "h2", "h3", "h4"):
            if _MASTHEAD.search(f"{h.get('id') or ''} {h.get('class') or ''}") or any(
                    _ROOT_LINK.match((a.get("href") or "").strip()) for a in h.iter("a") if a.get("href") is not None):
                continue
            out.add(" ".join(h.text_content().split()).casefold())
    except (ValueError, TypeError, AttributeError):
        return set()
    return out - {""}


def _heading_in_page_title(title: str | None, tree, headings: set[str]) -> str | None:
    """The headline, when the extractor's title is the whole page `<title>` or a part of it at a separator
    (the site's name) and another part, before or after a separator, is one of the page's headings and longer
    than the rest (realworld37: "Web Ink Now: HEADLINE", "High Scalability - High Scalability - HEADLINE",
    "HEADLINE - Virtual Geek" whose extractor's title was "Virtual Geek")."""
    if not title or not headings:
        return None
    node = tree.find(".//title") if tree is not None else None
    page = " ".join((node.text_content() if node is not None else "").split())
    if not page or page.casefold() in headings:
        return None  # the whole page title is the page's heading: "Section: Headline" is the headline
    cuts = [(m.start(), m.end()) for sep in _PAGE_TITLE_SEPARATORS for m in re.finditer(re.escape(sep), page)]
    parts = [(page[:a].strip(), page[b:].strip()) for a, b in cuts]
    if not (same_words(title, page) or any(same_words(title, x) for pair in parts for x in pair)):
        return None
    found = [(head, rest) for before, after in parts for head, rest in ((before, after), (after, before))
             if head.casefold() in headings and len(head.split()) >= MIN_HEAD_WORDS
             and len(head.split()) > len(rest.split())]
    if not found:
        return None
    return max(found, key=lambda f: len(f[0]))[0]


def _not_a_form_heading(title: str | None, tree, cues) -> str | None:
    """The extractor's title, unless it is the comment form's heading ("Leave a Reply Cancel reply"): then the
    page `<title>` (whose site's name the next steps take off), or None when the page has none."""
    if not title or cues.form_heading is None or not cues.form_heading.match(" ".join(title.split())):
        return title
    node = tree.find(".//title") if tree is not None else None
    page = " ".join((node.text_content() if node is not None else "").split())
    return page or None


# a photo gallery's box inside a page (realworld39: CNN's "cnnGalleryContainer" of 177 captioned photos, read as
# 177 body paragraphs between the story's fourth and fifth): a class or id naming a gallery, a slideshow or a
# carousel (the cues' `galleries.box`), holding GALLERY_MIN_IMAGES images or more and no paragraph of prose (a post
# wrapped in a "gallery" class keeps its text); one also naming the main box (`galleries.main`) is the page itself
GALLERY_MIN_IMAGES = 5
GALLERY_MAX_PROSE_WORDS = 40
GALLERY_MARK = "data-spinscope-gallery"


def _page_gallery(el, cues) -> bool:
    """A gallery page's main box (its id or class names a gallery and the main content): what is in it stays."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(cues.gallery_box.search(names) and cues.gallery_main is not None and cues.gallery_main.search(names))


def _mark_galleries(tree, cues) -> str | None:
    """Mark the page's photo galleries (the outermost box of each) for the extractor to prune; their XPath."""
    if tree is None or cues.gallery_box is None:
        return None
    found = False
    try:
        for el in tree.iter("div", "section", "ul", "aside", "figure"):
            names = f"{el.get('class') or ''} {el.get('id') or ''}"
            if not cues.gallery_box.search(names) or cues.gallery_main is not None and cues.gallery_main.search(names):
                continue  # (a gallery page's main box, "photo-gallery" id "main-content": the page itself)
            if any(a.get(GALLERY_MARK) or _page_gallery(a, cues) for a in el.iterancestors()):
                continue
            if sum(1 for _ in el.iter("img")) < GALLERY_MIN_IMAGES:
                continue
            if any(len(p.text_content().split()) >= GALLERY_MAX_PROSE_WORDS for p in el.iter("p")):
                continue
            el.set(GALLERY_MARK, "1")
            found = True
    except (ValueError, TypeError, AttributeError):
        return None
    return f"//*[@{GALLERY_MARK}]" if found else None


def _mend_markup(tree, cues=None) -> None:
    """Kinds of markup the extractor reads wrong, mended before it reads the page (realworld40): a table's `<tfoot>`
    that repeats its `<thead>` (a stats table's header row printed twice) is dropped; a struck-through word (`<s>`,
    `<strike>`: "<s>Gangnam</s> vegan style", a joke) is plain text, not glued to the next word ("Gangnamvegan").
    realworld41: a pop-up card inside a paragraph (the cues' `popups.box`) is dropped, its tail text kept.
    realworld42: a photo's caption paragraph in the photo's own box is dropped (`_drop_image_captions`), and a
    database's profile box (the cues' `profiles.box`, `_drop_profiles`). realworld43: what the page hides from its
    readers (`_drop_hidden`)."""
    if tree is None:
        return
    _drop_hidden(tree, cues)
    _join_source_lines(tree)
    _drop_popups(tree, cues)
    _drop_image_captions(tree)
    _drop_profiles(tree, cues)
    try:
        for el in list(tree.iter("tfoot", "s", "strike")):
            if el.tag in ("s", "strike"):
                el.tag = "span"
                continue
            table = el.getparent()
            head = table.find("thead") if table is not None else None
            if head is not None and " ".join(head.text_content().split()) == " ".join(el.text_content().split()):
                el.drop_tree()
    except (ValueError, TypeError, AttributeError):
        return


PREFORMATTED = frozenset(("pre", "textarea", "code", "script", "style", "listing", "plaintext", "xmp"))
_PRE_STYLE = re.compile(r"white-space\s*:\s*pre", re.IGNORECASE)
_SOURCE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def _preformatted(el) -> bool:
    return el.tag in PREFORMATTED or bool(_PRE_STYLE.search(el.get("style") or ""))


def _join_source_lines(tree) -> None:
    """A line break in the page's source inside running text is a space, as a browser shows it (realworld43: a
    guest post pasted from a word processor, `<span>As the time approaches for cycling\nchiefs to decide ...`, whose
    every source line the extractor kept as a paragraph, "cycling" / "chiefs" apart, statements cut at the break).
    Text inside `pre`, `textarea`, `code` or an inline `white-space: pre` style keeps its breaks; `<br>` is an element
    and stays a break."""
    try:
        root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
        kept = set()
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            parent = el.getparent()
            if _preformatted(el) or (parent is not None and parent in kept):
                kept.add(el)
            if el.text and el not in kept and ("\n" in el.text or "\r" in el.text):
                el.text = _SOURCE_BREAK.sub(" ", el.text)
            if el.tail and ("\n" in el.tail or "\r" in el.tail) and not (parent is not None and parent in kept):
                el.tail = _SOURCE_BREAK.sub(" ", el.tail)
    except (ValueError, TypeError, AttributeError):
        return


NEVER_HIDDEN = frozenset(("html", "body", "head"))


def _hidden(el, cues) -> bool:
    """True when the page hides `el` from its readers: the `hidden` attribute, `aria-hidden="true"`, an inline style
    matching the cues' `hidden.style` ("display: none") or a class token matching `hidden.class` whole ("hidden",
    "visually-hidden"; "field--label-hidden", "hidden-xs" are no such token)."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style, pattern = el.get("style"), getattr(cues, "hidden_style", None)
    if style and pattern is not None and pattern.search(style):
        return True
    names, pattern = el.get("class"), getattr(cues, "hidden_class", None)
    return bool(names and pattern is not None and any(pattern.fullmatch(n) for n in names.split()))


def _words(el) -> int:
    return len(el.text_content().split())


def _drop_hidden(tree, cues) -> None:
    """Drop the elements the page hides from its readers (realworld43): a paywalled story's hidden copy of its lead
    (the Wall Street Journal's `div.artSnippetTop ... hidden` beside the shown one, read twice), pull quotes hidden from
    screen readers (`aria-hidden="true"`), a copy of the story in a `display:none` box for search engines. The
    outermost hidden element only, its tail text kept (lxml's drop_tree); one holding at least as many words as the
    rest of the page stays (a page that shows its story by script: a blog's post in a `display:none` box)."""
    try:
        root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
        body = root.find(".//body")
        scope = body if body is not None else root
        found, inside = [], set()
        for el in scope.iter():
            if not isinstance(el.tag, str) or el.tag in NEVER_HIDDEN:
                continue
            parent = el.getparent()
            if parent is not None and parent in inside:
                inside.add(el)
                continue
            if _hidden(el, cues):
                found.append(el)
                inside.add(el)
        if not found:
            return
        total = _words(scope)
        for el in found:
            words = _words(el)
            if words and words >= total - words:
                continue  # the story itself, shown by script
            el.drop_tree()
    except (ValueError, TypeError, AttributeError):
        return


def _drop_profiles(tree, cues) -> None:
    """Drop a database's profile box printed inside the story (the cues' `profiles.box`: TechCrunch's
    `div.module-crunchbase`, realworld42); a box holding a headline (`h1`) stays."""
    box = getattr(cues, "profile_box", None)
    if box is None:
        return
    try:
        found = [el for el in tree.iter("div", "aside", "section")
                 if box.search(f"{el.get('class') or ''} {el.get('id') or ''}") and el.find(".//h1") is None]
        outer = set(found)
        for el in found:
            if not any(a in outer for a in el.iterancestors()):
                el.drop_tree()
    except (ValueError, TypeError, AttributeError):
        return


CAPTION_MAX_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")


def _drop_image_captions(tree) -> None:
    """Drop a photo's caption written as a paragraph in the photo's own box (realworld42, a stop-40 leftover: a car
    site's `<div class="image_wrapper"><img ...><p>2013 Suzuki Kizashi</p></div>` opened the body, and its model year
    was read as a date): a `div` whose only children are one image (or a link around one) and one `p` of at most
    CAPTION_MAX_WORDS words that ends no sentence, with no other text of its own. A paragraph of prose beside a photo
    stays."""
    found = []
    try:
        for box in tree.iter("div"):
            kids = [k for k in box if isinstance(k.tag, str)]
            if len(kids) != 2 or (box.text or "").strip() or any((k.tail or "").strip() for k in kids):
                continue
            paras = [k for k in kids if k.tag == "p"]
            images = [k for k in kids if k.tag == "img" or k.tag == "a" and k.find(".//img") is not None
                      and not k.text_content().strip()]
            if len(paras) != 1 or len(images) != 1 or paras[0].find(".//img") is not None:
                continue
            shown = " ".join(paras[0].text_content().split())
            if shown and len(shown.split()) <= CAPTION_MAX_WORDS and not _SENTENCE_END.search(shown):
                found.append(paras[0])
        for el in found:
            el.drop_tree()
    except (ValueError, TypeError, AttributeError):
        return


POPUP_TAGS = ("span", "div", "aside")
POPUP_MIN_LINKS = 2


def _drop_popups(tree, cues) -> None:
    """Drop the pop-up cards hidden inside paragraphs (realworld41: The Hill's "rollover-people-block", a photo, the
    person's name and three of its headlines, read into "South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota
    governor doubles down ..."): an inline box whose class or id matches the cues' `popups.box`, inside a `p`,
    holding an image or POPUP_MIN_LINKS links or more, and holding no such box itself (so the link the card hangs
    on, in the outer box, stays). Its tail text stays (lxml's drop_tree)."""
    box = getattr(cues, "popup_box", None)
    if box is None:
        return
    found = []
    try:
        for p in tree.iter("p"):
            for el in p.iter(*POPUP_TAGS):
                if el is p or not box.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
                    continue
                if any(box.search(f"{d.get('class') or ''} {d.get('id') or ''}") for d in el.iter(*POPUP_TAGS) if d is not el):
                    continue
                if next(el.iter("img"), None) is not None or sum(1 for _ in el.iter("a")) >= POPUP_MIN_LINKS:
                    found.append(el)
        for el in found:
            el.drop_tree()
    except (ValueError, TypeError, AttributeError):
        return


def _other_stories_comments(comments: str, cues) -> bool:
    """True when what the extractor took for comments opens with the heading of a box of the site's best comments
    under other stories (the cues' `comments.not_thread`: the Wall Street Journal's "Most Recommended")."""
    first = next((" ".join(line.split()) for line in comments.split("\n") if line.strip()), "")
    return bool(first and cues.not_thread is not None and cues.not_thread.match(first))


def _page_text(tree, limit: int = 100_000) -> str:
    """The page's text, up to `limit` characters (where a reader's date may be checked against a weekday)."""
    try:
        return " ".join(" ".join(tree.itertext())[:limit].split()) if tree is not None else ""  # (blocks apart)
    except ValueError:
        return ""


def title_without_site(title: str | None, site: str | None) -> str | None:
    """The page title without a trailing " | Site Name" when it names the site trafilatura found
    ("Talks Resume | Al Bawaba"): the outlet is not part of the headline."""
    if not title or not site:
        return title
    key = " ".join(site.split()).casefold()
    for _ in range(2):  # "Headline | Danger Room | Wired.com": the site's section, then its domain
        for sep in TITLE_SEPARATORS:
            head, found, tail = title.rpartition(sep)
            tail = " ".join(tail.split())
            if found and head.strip() and (tail.casefold() == key or _DOMAIN.match(tail)):
                title = head.rstrip()
                break
        else:
            break
    return title


def _site_key(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", (text or "").casefold())


# Endings of a site's address that are no part of its name ("TheHostingNews.com", "adwords.blogspot.com").
_TLDS = r"(?:com|net|org|co\.uk|org\.uk|info|us|ru|de|fr|blogspot\.com|wordpress\.com)"
_TLD = re.compile(rf"\.{_TLDS}$", re.I)
_BY_DOMAIN = re.compile(r"\s+(?:by|on|at|from)\s+(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,6}\s*$", re.I)
_PAGE_TITLE_SEPARATORS = (*TITLE_SEPARATORS, ": ", " » ", " ~ ")


def _page_title_over_site(title: str | None, site: str | None, url: str | None, tree) -> str | None:
    """The extractor's title when it names the article; when it is only the site's name (an og:title of
    "TheHostingNews.com", a masthead link "Joy the Baker") or a single word (a sidebar heading "About"),
    the page's <title> less the site's name, if that leaves a headline of two words or more ("Letters of
    Note: Vast riddles" -> "Vast riddles", "'Gauss' Virus ... Says by www.thehostingnews.com")."""
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", (url or "").casefold()).split("/")[0])
    site = site if site and len(site.split()) <= 5 else None  # (trafilatura sometimes gives a headline)
    keys = {k for k in (_site_key(site), _site_key(_TLD.sub("", site or "")), _site_key(_TLD.sub("", host)))
            if len(k) >= 4}
    if not title or not keys or not (_site_key(title) in keys or len(title.split()) <= 1):
        return title
    node = tree.find(".//title") if tree is not None else None
    page = " ".join((node.text_content() if node is not None else "").split())
    if not page:
        return title
    # a separator at an end, or one glued to the site's name ("» A Vegan Tour of NYC :zenhabits", a blog theme)
    stripped = _BY_DOMAIN.sub("", page).strip("»«|~·:-–— ")
    stripped = re.sub(r"\s+[:|»~]([^\s:|»~][^:|»~]*)$", lambda m: " | " + m[1] if _site_key(m[1]) in keys else m[0], stripped)
    parts = [stripped]
    for sep in _PAGE_TITLE_SEPARATORS:
        parts = [q for part in parts for q in part.split(sep)]
    def of_site(part: str) -> bool:  # "Inside AdWords" on adwords.blogspot.com
        key = _site_key(part)
        return key in keys or bool(_DOMAIN.match(part)) or len(part.split()) <= 4 and any(k in key for k in keys)
    kept = [q.strip() for q in parts if q.strip() and not of_site(q.strip())]
    site_named = stripped != page or len(kept) < len([q for q in parts if q.strip()])
    if site_named and len(kept) == 1 and len(kept[0].split()) >= 2:
        return kept[0]
    # "Headline · Section Tagline · Site" (stop 35): the first part, when it is the longest by two words
    # or more and has three words at least, is the headline; the shorter ones are the site's sections
    if site_named and len(kept) > 1 and len(kept[0].split()) >= 3 and \
            all(len(kept[0].split()) >= len(q.split()) + 2 for q in kept[1:]):
        return kept[0]
    return title


_DOMAIN = re.compile(rf"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.{_TLDS}$", re.I)


PAGE_DATE_KINDS = ("dateline", "byline")


def _only_page_dates(comments: str, cues) -> bool:
    """True when what trafilatura took for comments is only the article's date or byline lines (a
    `comments_datetime` block holding "Posted: DATE Updated: DATE"): no reader wrote them."""
    lines = [" ".join(line.split()) for line in comments.split("\n") if line.strip()]
    kinds = [cues.kind_of(line, len(line.split())) for line in lines]
    return bool(lines) and all(k is not None and k.kind in PAGE_DATE_KINDS for k in kinds)


def _add_plain_comments(builder: TextBuilder, lines: list[str]) -> Span | None:
    """Flat comments text as one section, one block per line."""
    spans = [s for s in (builder.add(p) for p in paragraphs("\n".join(lines))) if s]
    return Span(spans[0].start, spans[-1].end) if spans else None


MIN_PRUNED_WORDS = 30  # less than this beside the article is a widget, not a thread


def pruned_text(with_comments: str | None, without: str | None) -> list[str]:
    """The text trafilatura's comment pruning took out of the main text: the lines of the first
    pass missing from the second, less any article line they embed (a table row holding both).
    trafilatura finds no comments of its own on such pages, yet its pruning recognises the thread."""
    kept = [line.strip() for line in (without or "").split("\n") if line.strip()]
    known = set(kept)
    long_lines = [line for line in kept if len(line) >= 40]
    out = []
    for line in (with_comments or "").split("\n"):
        line = line.strip()
        if not line or line in known:
            continue
        for article_line in long_lines:
            if article_line in line:
                line = line.replace(article_line, "\n")
            elif len(shared := os.path.commonprefix([line, article_line])) >= 40:
                line = line[len(shared):]
        out.extend(part.strip() for part in line.split("\n") if part.strip())
    return out if sum(len(p.split()) for p in out) >= MIN_PRUNED_WORDS else []


def read_html_file(path: Path, options: ReadOptions) -> Iterator[Document]:
    """An HTML file on disk -> one Document."""
    # Decoded at once, so the bytes are dropped before the page is parsed.
    html = decode_html(read_whole(path, options.max_bytes), str(path), encoding=options.encoding)
    yield document_from_html(html, path=str(path), timeout=options.doc_timeout)
