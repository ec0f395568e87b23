"""RSS and Atom feeds -> one Document per item, laid out title first like the HTML reader."""
from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlsplit
from pathlib import Path
from typing import Iterator

import feedparser

from ..model import Document, Source
from .assemble import article
from .base import Failure, ReadError, ReadOptions
from .codepoints import repair_markup, repair_references
from ..dates import iso_date
from .files import read_whole
from .htmltext import html_paragraphs


def _language(code: str | None) -> str | None:
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


HTML_TYPES = ("text/html", "application/xhtml+xml")


def _item_html(entry) -> tuple[str, bool]:
    """The fullest body an item offers: content:encoded / atom:content, else the summary; and whether it is
    HTML (feedparser has already decoded a plain-text body's character references)."""
    contents = [(c.get("value") or "", c.get("type")) for c in entry.get("content") or []]
    best, kind = max(contents, key=lambda c: len(c[0]), default=("", None))
    summary = entry.get("summary") or ""
    if len(best) < len(summary):
        best, kind = summary, (entry.get("summary_detail") or {}).get("type")
    return best, kind not in ("text/plain",)


def _published(entry) -> str | None:
    """The item's date as the feed states it: its own string first ("Mon, 01 Feb 2016 22:15:00 -0500" is
    1 February where it was written; feedparser's parsed time is UTC, a day later), then feedparser's
    reading of forms it alone knows, then the string as given."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        found = iso_date(str(raw)) if raw else None
        if found or entry.get(key + "_parsed"):
            return found or iso_date(entry[key + "_parsed"])
    for key in ("published", "updated"):
        if entry.get(key):
            return repair_markup(str(entry[key]), "a feed date")
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    """An item link resolved against the feed's own link when it is relative ("/2016/02/01/story")."""
    if not link or urlsplit(link).scheme or not base or not urlsplit(base).scheme:
        return link
    return urljoin(base, link)


def _field(mapping, key: str, where: str) -> str:
    """A string field of an entry or of the feed, invalid code points repaired (feedparser keeps them)."""
    value = mapping.get(key)
    return repair_markup(value, where) if isinstance(value, str) else ""


def entry_document(entry, feed_info, where: str) -> Document:
    title = _field(entry, "title", where).strip() or None
    html_title = (entry.get("title_detail") or {}).get("type") in HTML_TYPES
    if title and ("<" in title or (html_title and "&" in title)):
        # an HTML-typed title: its words, not its tags nor its character references ("Don&#8217;t")
        title = " ".join(html_paragraphs(title)) or None
    value, is_html = _item_html(entry)
    value = repair_markup(value, where)
    body = html_paragraphs(value) if is_html else [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    if not title and not body:
        raise ReadError("empty item (no title, no content)")
    content = (entry.get("content") or [{}])[0]
    source = Source(path=where, url=_absolute(_field(entry, "link", where) or None, _field(feed_info, "link", where)),
                    outlet=_field(feed_info, "title", where).strip() or None,
                    title=title, published=_published(entry),
                    language=_language(content.get("language") or feed_info.get("language")))
    return article(title, body, source)


def read_feed(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """Every item of an RSS/Atom file as its own Document."""
    data = read_whole(path, options.max_bytes)
    # A stream, never a string: feedparser would treat a string as a URL or a path to fetch.
    parsed = feedparser.parse(io.BytesIO(repair_references(data, str(path))))
    complete = _complete_items(data) if parsed.get("bozo") else None
    del data
    if not parsed.entries:
        if parsed.get("bozo"):
            err = parsed.get("bozo_exception")
            raise ReadError(f"not a readable RSS/Atom feed: {type(err).__name__}: {err}")
        raise ReadError("feed has no items")
    entries = parsed.entries
    if complete is not None:
        # A feed cut short (a download that stopped, a full disk): feedparser's lenient parser still gives the
        # item the file ends in, with its text cut wherever the bytes stop, and says nothing of it. The items
        # closed before the end are whole; the rest are not read, and the feed is reported as a failure.
        entries = entries[:complete]
    for n, entry in enumerate(entries, 1):
        try:
            yield entry_document(entry, parsed.feed, f"{path}#{n}")
        except ReadError as e:
            yield Failure(f"{path}#{n}", str(e))
        except Exception as e:  # one odd item must not lose the rest of the feed
            yield Failure(f"{path}#{n}", f"{type(e).__name__}: {e}")
    if complete is not None:
        err = parsed.get("bozo_exception")
        yield Failure(str(path), f"truncated feed after {complete} items: the file ends before its closing tag "
                                 f"({err}); an item cut short is not read")


_ROOT_END = re.compile(rb"</\s*(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>\s*(?:<!--.*?-->\s*)*\Z", re.S | re.I)
_ITEM_END = re.compile(rb"</\s*(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)


def _complete_items(data: bytes) -> int | None:
    """For a feed whose file ends before the closing tag of its root (`</rss>`, `</feed>`, `</rdf:RDF>`): how
    many items were closed before the end. None for a whole file (a feed with other faults, an undefined
    entity, is read as feedparser reads it)."""
    if _ROOT_END.search(data[-4096:]):
        return None
    return len(_ITEM_END.findall(data))
