"""Exports of what a list's filters show (stop 43): every event or quote the list would page through, as CSV or
JSON Lines, streamed (a list of 500,000 events is not held in memory)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date

from fastapi.responses import StreamingResponse

CHUNK = 1_000  # rows a piece of the response


def _plain(value):
    return value.isoformat() if isinstance(value, date) else str(value)


def _pieces_csv(rows: Iterable[dict], columns: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, columns, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
        if n % CHUNK == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _pieces_jsonl(rows: Iterable[dict]) -> Iterator[str]:
    out = []
    for row in rows:
        out.append(json.dumps(row, ensure_ascii=False, default=_plain))
        if len(out) == CHUNK:
            yield "\n".join(out) + "\n"
            out = []
    if out:
        yield "\n".join(out) + "\n"


def csv_response(rows: Iterable[dict], columns: list[str], filename: str) -> StreamingResponse:
    """Rows as a CSV download (UTF-8, a header row, RFC 4180 quoting)."""
    return StreamingResponse((p.encode() for p in _pieces_csv(rows, columns)), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{filename}"'})


def jsonl_response(rows: Iterable[dict], filename: str) -> StreamingResponse:
    """Rows as JSON Lines (one object a line, UTF-8)."""
    return StreamingResponse((p.encode() for p in _pieces_jsonl(rows)), media_type="application/x-ndjson",
                             headers={"content-disposition": f'attachment; filename="{filename}"'})


def own_cursor(request, read):
    """The rows of `read(con)` on a cursor of the corpus's own, opened here and closed when the response has been
    sent: the request's cursor goes back to the pool when the route returns, before a streamed body is read."""
    con = request.app.state.corpus.con.cursor()
    try:
        yield from read(con)
    finally:
        con.close()
