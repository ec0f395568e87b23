"""Plain-text files and in-memory strings -> one Document each (the cleaner finds the title)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import Document, Source
from .base import ReadError, ReadOptions
from .decode import decode_bytes, normalize_newlines
from .files import read_whole


def read_text(text: str, **source_fields) -> Document:
    """A Document for text already in memory; keyword arguments fill `Source` (path, url, ...)."""
    return Document(text=normalize_newlines(text), source=Source(**source_fields))


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Document]:
    """A text file -> one Document, decoded with the shared rules."""
    data = read_whole(path, options.max_bytes)
    text = decode_bytes(data, str(path), options.encoding)
    del data  # the decoded text replaces the bytes; do not hold both
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    yield Document(text=text, source=Source(path=str(path)))
