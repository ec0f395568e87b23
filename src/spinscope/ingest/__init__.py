"""Reading inputs of any supported format into Documents, with a Failure for each unreadable one."""
from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document
from .base import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, Failure, ReadError, ReadOptions
from .feed import read_feed
from .files import not_regular, refuse_special
from .html import document_from_html, read_html_file
from .sniff import FORMATS, detect_format, format_by_name
from .table import read_csv, read_jsonl, read_parquet
from .text import read_text, read_text_file
from .warc import read_warc

__all__ = ["read", "read_text", "read_html", "read_path", "Failure", "ReadError", "ReadOptions",
           "DEFAULT_COLUMNS", "DEFAULT_MAX_BYTES", "FORMATS"]

read_html = document_from_html

READERS = {
    "text": read_text_file,
    "html": read_html_file,
    "warc": read_warc,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
    "feed": read_feed,
}


def _files(root: Path) -> Iterator[Path | Failure]:
    """Files under a directory in path order, leaving out hidden files and folders.

    Linked folders are not entered, so a link loop cannot make the walk endless.
    """
    try:
        with os.scandir(root) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield Failure(str(root), f"cannot list directory: {e.strerror or e}")
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path))
            elif _article_file(entry.name):
                what = not_regular(entry.stat().st_mode)
                # pipes, devices and sockets in a folder are not articles; a named one is said so
                if what is None:
                    yield Path(entry.path)
                elif format_by_name(Path(entry.name)) is not None:
                    yield Failure(entry.path, f"not a regular file: {what}")
        except OSError as e:  # a dangling link or a file gone since the listing
            yield Failure(entry.path, f"cannot read: {e.strerror or e}")


def _article_file(name: str) -> bool:
    """In a directory walk, files with a known extension or none; scripts, images, caches are not articles."""
    return format_by_name(Path(name)) is not None or "." not in name


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable_path(name: str) -> str:
    """A file name as text that can be written out: bytes that are not UTF-8 (which Python keeps as
    lone surrogates) become `\\xNN` escapes."""
    if not _SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_path(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """Everything one file gives; any error becomes a one-line Failure, never a traceback."""
    empty = True
    for item in _read_path(path, options):
        empty = False
        if isinstance(item, Failure):
            item.input = printable_path(item.input)
        else:
            if item.source.path:
                item.source.path = printable_path(item.source.path)
            _fill_source(item, options)
        yield item
    if empty:  # a table with a header only, a feed whose items were all skipped: said, not silent
        yield Failure(printable_path(str(path)), "no documents in this file")


def _fill_source(doc: Document, options: ReadOptions) -> None:
    """The outlet and date the reader was given (`--outlet`, `--published`) for a document that names none: what
    the document itself says is never overwritten."""
    if options.outlet and not doc.source.outlet:
        doc.source.outlet = options.outlet
    if options.published and not doc.source.published:
        doc.source.published = options.published


def _read_path(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    try:
        refuse_special(path)
        fmt = detect_format(path, options.format)
        reader = READERS.get(fmt)
        if reader is None:
            raise ReadError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        yield from reader(path, options)
    except ReadError as e:
        yield Failure(str(path), str(e))
    except gzip.BadGzipFile as e:
        yield Failure(str(path), f"not valid gzip data: {e}")
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror or e}")
    except Exception as e:  # the per-input boundary: report and go on with the batch
        yield Failure(str(path), f"{type(e).__name__}: {e}")


def read(paths: str | os.PathLike | Iterable[str | os.PathLike],
         options: ReadOptions | None = None) -> Iterator[Document | Failure]:
    """Documents from files and directories (recursively), in order, with Failures interleaved."""
    options = options or ReadOptions()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _files(path):
                found = True
                if isinstance(file, Failure):
                    file.input = printable_path(file.input)
                    yield file
                else:
                    yield from read_path(file, options)
            if not found:  # said, so that a wrong folder is not mistaken for an empty corpus
                yield Failure(printable_path(str(path)), "no article files in this directory "
                                                         "(hidden files and unknown extensions are left out)")
        elif path.exists():
            yield from read_path(path, options)
        elif path.is_symlink():
            yield Failure(printable_path(str(path)), "broken symbolic link")
        else:
            yield Failure(printable_path(str(path)), "no such file or directory")
