"""What every reader shares: options, failures and the rule for turning bytes into text."""
from __future__ import annotations

from dataclasses import dataclass, field
from ..errors import InputError

from ..terminal import one_line, quote_name

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
    """An input that could not be read, with the reason in one line; the batch goes on.

    `input` is the file name, or `file#N` for the N-th document of a corpus file (as `source.path`).
    """

    input: str
    reason: str

    def __str__(self) -> str:
        # Names and reasons come from the outside world: quoted and escaped, the line stays one line
        # and cannot steer the terminal.
        return f"{quote_name(self.input)}: {one_line(self.reason)}"


class ReadError(InputError):
    """Raised inside readers; turned into a `Failure` at the batch boundary."""


@dataclass(slots=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    columns: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLUMNS))
    format: str | None = None  # force a reader: text, html, warc, jsonl, csv, parquet, feed
    encoding: str | None = None  # force a text encoding instead of detecting it
    doc_timeout: float | None = None  # seconds to extract one web page (budget.py); None: no budget
    date_order: str = "month-first"  # a table's all-number dates: month-first or day-first (dates.iso_date)
    outlet: str | None = None  # the outlet of documents that name none (a folder of one outlet's text files)
    published: str | None = None  # likewise their publication date, yyyy-mm-dd
