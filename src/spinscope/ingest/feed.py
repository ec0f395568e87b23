"""RSS and Atom feeds -> one Document per item, laid out title first like the HTML reader."""
from __future__ import annotations

import io
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


def _item_html(entry) -> str:
    """The fullest body an item offers: content:encoded / atom:content, else the summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _published(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return iso_date(entry[key])
    for key in ("published", "updated"):
        if entry.get(key):
            return iso_date(entry[key]) or repair_markup(str(entry[key]), "a feed date")
    return None


def _field(mapping, key: str, where: str) -> str:
    """A string field of an entry or of the feed, invalid code points repaired (feedparser keeps them)."""
    value = mapping.get(key)
    return repair_markup(value, where) if isinstance(value, str) else ""


def entry_document(entry, feed_info, where: str) -> Document:
    title = _field(entry, "title", where).strip() or None
    if title and "<" in title:  # an HTML-typed title: keep its words, not its tags
        title = " ".join(html_paragraphs(title)) or None
    body = html_paragraphs(repair_markup(_item_html(entry), where))
    if not title and not body:
        raise ReadError("empty item (no title, no content)")
    content = (entry.get("content") or [{}])[0]
    source = Source(path=where, url=_field(entry, "link", where) or None,
                    outlet=_field(feed_info, "title", where).strip() or None,
                    title=title, published=_published(entry),
                    language=_language(content.get("language") or feed_info.get("language")))
    return article(title, body, source)


def read_feed(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """Every item of an RSS/Atom file as its own Document."""
    data = read_whole(path, options.max_bytes)
    # A stream, never a string: feedparser would treat a string as a URL or a path to fetch.
    parsed = feedparser.parse(io.BytesIO(repair_references(data, str(path))))
    del data
    if not parsed.entries:
        if parsed.get("bozo"):
            err = parsed.get("bozo_exception")
            raise ReadError(f"not a readable RSS/Atom feed: {type(err).__name__}: {err}")
        raise ReadError("feed has no items")
    for n, entry in enumerate(parsed.entries, 1):
        try:
            yield entry_document(entry, parsed.feed, f"{path}#{n}")
        except ReadError as e:
            yield Failure(f"{path}#{n}", str(e))
        except Exception as e:  # one odd item must not lose the rest of the feed
            yield Failure(f"{path}#{n}", f"{type(e).__name__}: {e}")
