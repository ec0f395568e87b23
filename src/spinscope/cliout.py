"""What the commands share: the `--out` check, output write failures, warning and failure lines on stderr."""
from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from .ingest.base import Failure
from .terminal import neutralize, one_line, quote_name


def check_out(ctx, param, value: str | None) -> str | None:
    """`--out` must be a file that can be written, checked before any model loads (usage error, exit 2)."""
    if value is None or value == "-":
        return value
    path = Path(value)
    if path.is_dir():
        raise click.BadParameter(f"{quote_name(value)} is a directory", ctx, param)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise click.BadParameter(f"cannot write {quote_name(value)}: no directory {quote_name(str(parent))}",
                                 ctx, param)
    if path.exists() and not os.access(path, os.W_OK) or not path.exists() and not os.access(parent, os.W_OK):
        raise click.BadParameter(f"cannot write {quote_name(value)}: permission denied", ctx, param)
    return value


def open_out(out: str | None, **kwargs):
    """The output stream: standard output, or the file `--out` names (already checked)."""
    if out is None or out == "-":
        return sys.stdout
    try:
        return open(out, "w", encoding="utf-8", **kwargs)
    except OSError as e:
        raise click.BadParameter(f"cannot write {quote_name(out)}: {e.strerror or e}", param_hint="--out") from None


@contextmanager
def writing(out: str | None, **kwargs):
    """The output stream for the block, flushed and closed after it; a failed write (disk full,
    closed pipe) in the block or at the close ends the run with one line and exit 1."""
    stream = open_out(out, **kwargs)
    if stream is sys.stdout and hasattr(stream, "reconfigure"):
        # A terminal in a legacy encoding must not end the run on the first character it lacks.
        stream.reconfigure(errors="backslashreplace")
    failed = None
    try:
        yield stream
        stream.flush()
    except OSError as exc:
        failed = exc
    finally:
        if stream is not sys.stdout:
            try:
                stream.close()
            except OSError as exc:
                failed = failed or exc
    if failed is not None:
        output_failed(failed, out)


def report_warnings() -> None:
    """Readers' warnings (repaired code points, flattened markup) as `spinscope: warning: ...` lines on
    stderr; library chatter ("discarding data") is silenced, it would drown the failure lines."""
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    logger = logging.getLogger("spinscope")
    logger.setLevel(logging.WARNING)  # whatever a library user (or a bench run in this process) set before
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines())


class _WarningLines(logging.Handler):
    """Writes to whatever stderr is when the warning comes (a progress bar may have wrapped it)."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"spinscope: warning: {one_line(record.getMessage())}\n")
        except Exception:  # noqa: BLE001 - a warning must never end the run
            self.handleError(record)


def print_failure(err: Console, item: Failure) -> None:
    """One line on stderr: the quoted input name and the reason, control characters escaped."""
    err.print(f"spinscope: error: {item}", markup=False, highlight=False, soft_wrap=True)


def output_failed(exc: OSError, out: str | None) -> None:
    """A write to the output failed (disk full, closed pipe): one line, exit 1, no traceback."""
    where = quote_name(out) if out and out != "-" else "standard output"
    try:
        sys.stderr.write(f"spinscope: error: cannot write to {where}: {exc.strerror or exc}\n")
    except OSError:
        pass
    # Python would try to flush the broken stream again at exit and print a second complaint.
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    sys.exit(1)


class TerminalSafe:
    """A text stream that neutralises control characters on their way to a terminal (CSV or JSON Lines
    read by a person); a file or a pipe gets the data unchanged."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(neutralize(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def for_reading(stream):
    """`stream` itself, or wrapped in `TerminalSafe` when it is a terminal."""
    try:
        return TerminalSafe(stream) if stream.isatty() else stream
    except (AttributeError, ValueError):
        return stream


def date_order_option(f):
    """`--date-order` of the commands that read tables (analyze, ingest, batch, events)."""
    return click.option("--date-order", type=click.Choice(("month-first", "day-first")), default=None,
                        help="How a table's all-number dates are read when both orders give a date: 01/03/2021 is "
                             "3 January month-first, 1 March day-first (docs/config.md). [default: the config's "
                             "[read] date_order, else month-first]")(f)


def iso_day(ctx, param, value):
    """A `--since`/`--until` callback: a `date` from YYYY-MM-DD, None when not given."""
    from datetime import date
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected YYYY-MM-DD") from None


def _iso_published(ctx, param, value):
    if value is None:
        return None
    from .dates import iso_date
    day = iso_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is no date (write it as 2017-04-06)")
    return day


def source_defaults_option(f):
    """`--outlet` and `--published` of the commands that read inputs (analyze, ingest; batch and events since stop
    41): what a document that names
    no outlet or date is given (a folder of one outlet's text files has neither)."""
    f = click.option("--published", default=None, metavar="DATE", callback=_iso_published,
                     help="Publication date of the documents that give none (yyyy-mm-dd); what a document "
                          "says is kept.")(f)
    return click.option("--outlet", default=None, metavar="NAME",
                        help="Outlet of the documents that name none (e.g. a folder of one site's text files); "
                             "what a document says is kept.")(f)
