"""Tabular corpora -> one Document per row: JSON Lines / JSON, CSV / TSV and Parquet, streamed."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Iterator

from ..model import Document, Source
from .base import DEFAULT_COLUMNS, Failure, ReadError, ReadOptions
from ..dates import iso_date
from .codepoints import repair_text
from .decode import check_not_binary, normalize_newlines, sniff_encoding
from .files import Truncated, close_all, megabytes, open_binary, read_head, read_whole

# A news article easily beats csv's default 128 KB field limit; the per-row size check below
# is the real guard. (csv keeps one process-wide limit, so this is set once.)
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = ",;\t|"
PARQUET_BATCH_ROWS = 512


def columns(options: ReadOptions) -> dict[str, tuple[str, ...]]:
    """The columns to try for each field, in order: those configured (a name, or a list of names: several tables
    of one run spell a field differently), then the field's default name."""
    out = {}
    for key, default in DEFAULT_COLUMNS.items():
        given = (options.columns or {}).get(key) or ()
        given = (given,) if isinstance(given, str) else tuple(given)
        out[key] = tuple(dict.fromkeys((*given, default)))
    return out


def pick(rec: Mapping, names: tuple[str, ...]) -> str | None:
    """The first of `names` that the row has (a CSV or Parquet table has the same columns in every row)."""
    return next((n for n in names if n in rec), None)


def missing_text_column(names: str | tuple[str, ...], present: Iterable[str]) -> ReadError:
    found = ", ".join(repr(str(c)) for c in present) or "none"
    names = (names,) if isinstance(names, str) else names
    wanted = " or ".join(repr(n) for n in names)
    return ReadError(f"no text column {wanted}; columns found: {found}")


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = repair_text(str(value).strip(), "a metadata field")
    return text or None


def record_document(rec: Mapping, where: str, cols: Mapping[str, str | tuple[str, ...]], max_bytes: int,
                    date_order: str = "month-first") -> Document:
    """One row -> Document; `where` (file#row) becomes `source.path` so it can be traced. A field of several
    columns takes the first the row has."""
    cols = {key: pick(rec, (names,) if isinstance(names, str) else names) for key, names in cols.items()}
    text = rec.get(cols["text"]) if cols["text"] is not None else None
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ReadError("empty text")
    if not isinstance(text, str):
        raise ReadError(f"text is {type(text).__name__}, not a string")
    if len(text) > max_bytes:
        raise ReadError(f"text too large: over {megabytes(max_bytes)} (raise with --max-bytes)")
    text = repair_text(normalize_newlines(text), where)
    field = {key: rec.get(name) if name is not None else None for key, name in cols.items()}
    source = Source(path=where, url=_str(field["url"]), outlet=_str(field["outlet"]),
                    title=_str(field["title"]),
                    published=iso_date(field["date"], date_order) or _str(field["date"]),
                    language=_str(field["language"]))
    # The text is kept exactly as the corpus gives it, so offsets match the user's own column;
    # the cleaner finds the title line in it from `source.title` when it is there.
    return Document(text=text, source=source)


def _rows(records: Iterable[tuple[int, object]], path: Path, options: ReadOptions
          ) -> Iterator[Document | Failure]:
    """Documents from (row number, parsed record); the first record must have the text column."""
    cols = columns(options)
    checked = False
    for n, rec in records:
        if isinstance(rec, Failure):
            yield rec
            continue
        if not isinstance(rec, Mapping):
            yield Failure(f"{path}#{n}", f"not a JSON object but {type(rec).__name__}")
            continue
        if not checked:
            if pick(rec, cols["text"]) is None:
                raise missing_text_column(cols["text"], rec.keys())
            checked = True
        try:
            yield record_document(rec, f"{path}#{n}", cols, options.max_bytes, options.date_order)
        except ReadError as e:
            yield Failure(f"{path}#{n}", str(e))


# --- JSON Lines / JSON ---------------------------------------------------------------------

def _json_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, object]]:
    stream = open_binary(path)
    n = 0
    try:
        while True:
            try:
                line = stream.readline(max_bytes + 1)
            except Truncated as e:
                yield n + 1, Failure(str(path), f"truncated gzip after {n} lines: {e}")
                return
            if not line:
                return
            n += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass  # skip the rest of an oversized line without holding it
                yield n, Failure(f"{path}#{n}", f"line too large: over {megabytes(max_bytes)}")
                continue
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except ValueError as e:  # includes bad UTF-8
                yield n, Failure(f"{path}#{n}", f"not JSON: {e}")
            except RecursionError:
                yield n, Failure(f"{path}#{n}", "not JSON that can be read: nested too deeply")
    finally:
        close_all(stream)


def _json_document(path: Path, max_bytes: int) -> Iterator[tuple[int, object]]:
    """A whole .json file: a list of records (numbered from 1) or a single record."""
    data = read_whole(path, max_bytes)
    try:
        value = json.loads(data)
    except ValueError as e:
        raise ReadError(f"not JSON: {e}") from None
    except RecursionError:
        raise ReadError("not JSON that can be read: nested too deeply") from None
    del data
    if isinstance(value, list):
        yield from enumerate(value, 1)
    else:
        yield 1, value


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """JSON Lines streamed line by line; a `.json` file holding one array or object read whole."""
    head = read_head(path, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ReadError("empty file")
    whole = head.startswith(b"[") or (_is_plain_json(path) and not _is_one_line_object(head))
    records = _json_document(path, options.max_bytes) if whole \
        else _json_lines(path, options.max_bytes)
    yield from _rows(records, path, options)


def _is_plain_json(path: Path) -> bool:
    return path.name.lower().endswith((".json", ".json.gz"))


def _is_one_line_object(head: bytes) -> bool:
    # a .json file may still hold JSON Lines; a complete object on its first line says so
    try:
        json.loads(head.split(b"\n", 1)[0])
        return True
    except ValueError:
        return False


# --- CSV / TSV -----------------------------------------------------------------------------

def _delimiter(path: Path, first_line: str) -> str:
    if path.name.lower().endswith((".tsv", ".tsv.gz")):
        return "\t"
    # The header line names the columns, so the delimiter is the candidate it uses most.
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """CSV/TSV streamed row by row; the header names the columns."""
    head = read_head(path)
    if not head.strip():
        raise ReadError("empty file")
    check_not_binary(head)
    encoding = options.encoding or sniff_encoding(head)
    stream = open_binary(path)
    try:
        reader_io = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        first_line = head.decode(encoding, errors="replace").split("\n", 1)[0]
        reader = csv.DictReader(reader_io, delimiter=_delimiter(path, first_line))
        if not reader.fieldnames:
            raise ReadError("no header row")
        reader.fieldnames = [str(f).strip() for f in reader.fieldnames]
        yield from _rows(_csv_records(reader, path), path, options)
    except Truncated as e:
        yield Failure(str(path), f"truncated gzip: {e}")
    finally:
        close_all(stream)


def _csv_records(reader: csv.DictReader, path: Path) -> Iterator[tuple[int, object]]:
    """(line where the row starts, row) pairs; a malformed row becomes a Failure, not a stop."""
    last_line = reader.line_num
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if reader.line_num == last_line:
                raise ReadError(f"line {start}: unreadable CSV: {e}") from None
            last_line = reader.line_num
            yield start, Failure(f"{path}#{start}", f"bad CSV row: {e}")
            continue
        last_line = reader.line_num
        yield start, {k: v for k, v in row.items() if k is not None}


# --- Parquet -------------------------------------------------------------------------------

def read_parquet(path: Path, options: ReadOptions) -> Iterator[Document | Failure]:
    """Parquet read in record batches, only the configured columns, never the whole table."""
    import pyarrow.parquet as pq  # heavy; only loaded when a Parquet file comes

    import pyarrow as pa

    cols = columns(options)
    try:
        pf = pq.ParquetFile(path)
    except pa.ArrowInvalid as e:  # said "ArrowInvalid: Parquet magic bytes not found in footer. ..."
        raise ReadError(f"not a Parquet file, or a damaged one ({e})") from None
    try:
        names = pf.schema_arrow.names
        if pick(names, cols["text"]) is None:
            raise missing_text_column(cols["text"], names)
        wanted = list(dict.fromkeys(c for cs in cols.values() for c in cs if c in names))
        records = ((n, rec) for n, rec in enumerate(_parquet_rows(pf, wanted), 1))
        yield from _rows(records, path, options)
    finally:
        pf.close()


def _parquet_rows(pf, wanted: list[str]) -> Iterator[dict]:
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
        yield from batch.to_pylist()
