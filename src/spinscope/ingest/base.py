"""What every reader shares: options, failures and the rule for turning bytes into text."""
from __future__ import annotations

from dataclasses import dataclass, field
from ..errors import InputError

DEFAULT_MAX_BYTES = 20_000_000  # one document; larger inputs get a clear error, never a hang

DEFAULT_COLUMNS = {
    "text": "text",
    "title": "title",
    "url": "url",
    "date": "date",
    "outlet": "outlet",
    "language": "language",
}


@dataclass(slots=True)
class Failure:
    """An input that could not be read, with the reason in one line; the batch goes on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


class ReadError(InputError):
    """Raised inside readers; turned into a `Failure` at the batch boundary."""


@dataclass(slots=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    columns: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLUMNS))
    format: str | None = None  # force a reader: text, html, warc, jsonl, csv, parquet, feed
    encoding: str | None = None  # force a text encoding instead of detecting it
