"""WARC / ARC / WET archives, streamed record by record: HTML responses and WET text conversions."""
from __future__ import annotations

import os
from urllib.parse import urlsplit
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Document, Source
from .base import Failure, ReadError, ReadOptions
from ..dates import iso_date
from .decode import decode_bytes
from .files import Truncated, close_all, megabytes, open_binary, read_head
from .html import decode_html, document_from_html

ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_CHUNK = 1 << 16


def _content_type(value: str | None) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header value."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _read_capped(stream, cap: int) -> bytes | None:
    """The whole payload, or None when it is longer than `cap` (the rest is left unread)."""
    chunks, got = [], 0
    while got <= cap:
        chunk = stream.read(min(_CHUNK, cap + 1 - got))  # may return less than asked
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return None if got > cap else b"".join(chunks)


def _drain(raw) -> None:
    while raw.read(_CHUNK):
        pass


class _Record:
    """What one archive record gives: where it is, and what to make of its payload."""

    __slots__ = ("kind", "uri", "date", "media", "charset", "payload", "skip_reason")

    def __init__(self, rec, max_bytes: int):
        self.uri = rec.rec_headers.get_header("WARC-Target-URI")
        self.date = rec.rec_headers.get_header("WARC-Date")
        self.kind, self.payload, self.skip_reason = None, None, None
        self.media, self.charset = "", None
        if rec.rec_type == "response" and rec.http_headers is not None:
            status = rec.http_headers.statusline or ""  # "200 OK"; None when the line is cut
            self.media, self.charset = _content_type(rec.http_headers.get_header("Content-Type"))
            if self.media in HTML_TYPES and status.startswith("2"):
                self.kind = "html"  # redirects and error pages are not articles
        elif rec.rec_type == "conversion":
            self.media, self.charset = _content_type(rec.rec_headers.get_header("Content-Type"))
            if self.media in TEXT_TYPES or not self.media:
                self.kind = "text"
        if self.kind:
            self.payload = _read_capped(rec.content_stream(), max_bytes)
            if self.payload is None:
                self.skip_reason = f"record too large: over {megabytes(max_bytes)} " \
                                   f"(raise with --max-bytes)"
        # Reading to the end tells whether the record is complete (see `_short`).
        _drain(rec.raw_stream)


def _short(rec) -> bool:
    """True when the archive ended inside this record: in its header or before its length."""
    if rec.rec_type is None or rec.length is None:  # warcio takes EOF as the end of a header
        return True
    declared = rec.rec_headers.get_header("Content-Length") if rec.format == "warc" else "0"
    if not (declared or "").strip().isdigit():  # cut in the middle of the Content-Length line
        return True
    return getattr(rec.raw_stream, "limit", 0) > 0


def _document(r: _Record, where: str, options: ReadOptions) -> Document:
    if r.kind == "html":
        html = decode_html(r.payload, where, encoding=options.encoding, declared=r.charset)
        r.payload = None  # keep only the decoded page while it is parsed
        return document_from_html(html, url=r.uri, path=where, published=r.date, timeout=options.doc_timeout)
    text = decode_bytes(r.payload, where, options.encoding, declared=r.charset)
    if not text.strip():
        raise ReadError("empty text")
    return Document(text=text, source=Source(path=where, url=r.uri, outlet=_host(r.uri), published=iso_date(r.date)))


def _host(uri: str | None) -> str | None:
    """The site of a WET text record ("www.example.com" -> "example.com"), as the outlet: an HTML record's
    outlet is the site name the page gives, else its host; a text record has only its URL."""
    host = urlsplit(uri).hostname if uri else None
    return host.removeprefix("www.") if host else None


def read_warc(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """Documents from an archive, streamed; a cut-off file keeps what came before it."""
    if os.stat(path).st_size == 0:
        raise ReadError("empty file")
    if not read_head(path, 64).lstrip().startswith(ARCHIVE_STARTS):
        raise ReadError("not a WARC/ARC archive (it does not start with a WARC or ARC header)")
    stream = open_binary(path)
    count = 0  # complete records seen, of any type
    try:
        archive = ArchiveIterator(stream, arc2warc=True)
        records = iter(archive)
        while True:
            try:
                rec = next(records)
                r = _Record(rec, options.max_bytes)
                if _short(rec):
                    raise Truncated(f"record {count + 1} ends early")
            except StopIteration:
                break
            except ArchiveLoadFailed as e:
                if count == 0:
                    raise ReadError(f"not a WARC/ARC archive: {_one_line(e)}") from None
                yield _cut(path, count, f"{type(e).__name__}: {_one_line(e)}")
                return
            except Exception as e:  # warcio trips in many ways on a cut header; all mean "cut"
                yield _cut(path, count, str(e) if isinstance(e, Truncated)
                           else f"{type(e).__name__}: {_one_line(e)}")
                return
            count += 1
            if r.kind is None:
                continue
            where = f"{path}#{count}"
            if r.skip_reason:
                yield Failure(where, r.skip_reason)
                continue
            try:
                yield _document(r, where, options)
            except ReadError as e:
                yield Failure(where, str(e))
            except Exception as e:  # one bad page must not stop the archive
                yield Failure(where, f"{type(e).__name__}: {e}")
        leftover = _unparsed_bytes(stream, archive)
        if leftover:
            yield _cut(path, count, f"{leftover} bytes at the end are not a complete record")
    finally:
        close_all(stream)


def _cut(path: Path, count: int, reason: str) -> Failure:
    return Failure(str(path), f"truncated WARC after {count} records: {reason}")


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())


def _unparsed_bytes(stream, archive: ArchiveIterator) -> int:
    """Bytes warcio left unread at the end of a plain archive; it stops quietly on a cut header.

    Compressed archives report cuts through `Truncated` instead, so they are not checked here.
    """
    if getattr(stream, "fileobj", None) is not None:
        return 0
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError):
        return 0
    return max(0, size - archive.offset)
