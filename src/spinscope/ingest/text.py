"""Plain-text files and in-memory strings -> one Document each (the cleaner finds the title)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import Document, Source
from .base import ReadError, ReadOptions
from .codepoints import repair_text
from .decode import decode_bytes, normalize_newlines
from .files import read_whole


def read_text(text: str, **source_fields) -> Document:
    """A Document for text already in memory; keyword arguments fill `Source` (path, url, ...).

    Line ends become `\\n` (as in text mode) and invalid code points (lone surrogates, noncharacters,
    NUL) become U+FFFD with a warning; nothing else of the text changes.
    """
    fields = {k: repair_text(v, f"source.{k}") if isinstance(v, str) else v for k, v in source_fields.items()}
    return Document(text=repair_text(normalize_newlines(text)), source=Source(**fields))


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Document]:
    """A text file -> one Document, decoded with the shared rules."""
    data = read_whole(path, options.max_bytes)
    text = decode_bytes(data, str(path), options.encoding)
    del data  # the decoded text replaces the bytes; do not hold both
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    yield Document(text=text, source=Source(path=str(path)))
