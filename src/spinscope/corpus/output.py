"""Tables out of corpus commands: pretty (rich), jsonl or csv, one writer for all of them."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime

import click

from ..terminal import neutralize

TABLE_FORMATS = ("pretty", "jsonl", "csv")


def format_option(default: str = "pretty", choices=TABLE_FORMATS):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="pretty: a table on the terminal; jsonl: one object a line; csv: a header and rows.")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def write_rows(rows: list[dict], fmt: str, columns: list[str] | None = None, *, title: str | None = None,
               stream=None, empty: str | None = None) -> None:
    """Rows as a table (pretty), JSON lines (every field) or CSV (the given columns); `empty`: the line a pretty
    table of no rows is replaced by (an empty frame of squeezed headings read as a display fault)."""
    stream = stream or sys.stdout
    if fmt not in ("jsonl", "csv") and not rows and empty:
        stream.write(empty + "\n")
        return
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "jsonl":
        for r in rows:
            stream.write(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["; ".join(map(str, v)) if isinstance(v, list) else _plain(v) for v in
                             (r.get(c) for c in columns)])
    else:
        from rich.console import Console
        from rich.table import Table
        table = Table(*columns, title=title)
        for r in rows:
            table.add_row(*(_cell(r.get(c)) for c in columns))
        Console(file=stream).print(table)


def _cell(value):
    """A table cell as plain text: a title like "[video] …" or "… [/irony]" is data, not rich markup, and control
    characters are shown as escapes, not sent to the terminal."""
    from rich.text import Text
    return Text(neutralize(_cell_str(value)))


def _cell_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(_plain(value))
