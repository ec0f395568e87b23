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


MIN_CELL = 10  # characters a pretty column keeps at least (its heading, when shorter)


def fitting(columns: list[str], width: int, first: list[str] | None = None,
            widths: dict[str, int] | None = None) -> list[str]:
    """The columns a pretty table of `width` characters shows, each at its `widths` (its cells' widest, at most
    MIN_CELL) with its borders: those of `first` (the columns a reader needs, in that order of need), then the rest,
    as many as fit, in the table's own order. Fourteen columns on 80 characters were squeezed to "gr… ro… do…"."""
    widths = widths or {}
    order = [c for c in (first or []) if c in columns] + [c for c in columns if c not in (first or [])]
    kept, used = set(), 1
    for c in order:
        need = widths.get(c, min(len(c), MIN_CELL)) + 3
        if used + need > width and kept:
            continue
        kept.add(c)
        used += need
    return [c for c in columns if c in kept]


def write_rows(rows: list[dict], fmt: str, columns: list[str] | None = None, *, title: str | None = None,
               stream=None, empty: str | None = None, first: list[str] | None = None) -> None:
    """Rows as a table (pretty), JSON lines (every field) or CSV (the given columns); `empty`: the line a pretty
    table of no rows is replaced by (an empty frame of squeezed headings read as a display fault). A pretty table
    too wide for the terminal shows the columns that fit (`first`: those to keep first) and names the others."""
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
        console = Console(file=stream)
        cells = [{c: _cell(r.get(c)) for c in columns} for r in rows]
        widths = {c: min(max([len(c)] + [x[c].cell_len for x in cells]), MIN_CELL) for c in columns}
        shown = fitting(columns, console.width, first, widths)
        table = Table(title=title)
        for c in shown:
            table.add_column(c, min_width=widths[c])
        for x in cells:
            table.add_row(*(x[c] for c in shown))
        console.print(table)
        left = [c for c in columns if c not in shown]
        if left:
            console.print(f"({len(left)} columns left out at {console.width} characters: {', '.join(left)}; "
                          "--format csv or jsonl gives every column)", markup=False, highlight=False)


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
