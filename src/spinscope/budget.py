"""A time budget per document: a deadline that stops the work on it, so one document cannot stall a batch.

How it stops the work: `deadline(seconds)` arms a wall-clock timer (SIGALRM) when it runs in the main
thread of a Unix process. When the timer fires, the next Python instruction raises: that interrupts
any pure-Python loop of any stage, and a C call (a regex, spaCy's parser) as soon as it returns to
Python. Stages with long loops may also call `check()`, which costs one clock read, so the budget is
kept in threads other than the main one too (there no timer can be armed).

What it does not guarantee: a single C call that never returns (none is known: the parser gets
bounded pieces, see `extract/parse.py`) cannot be interrupted in-process; that would need a worker
process that is killed, which costs a copy of the models per worker and is not done here.
"""
from __future__ import annotations

import math
import signal
import threading
import time
from contextlib import contextmanager

DEFAULT_DOC_TIMEOUT = 120.0  # seconds per document; an ordinary article takes well under 2


class OverBudget(Exception):
    """A document took longer than its time budget; it is dropped and the batch goes on."""

    def __init__(self, seconds: float, stage: str | None = None):
        self.seconds, self.stage = seconds, stage
        where = f" (in stage {stage!r})" if stage else ""
        super().__init__(f"over the time budget of {seconds:g} s per document{where}; "
                         f"raise it with --doc-timeout")


class _Expired(BaseException):
    """Raised by the timer; a BaseException so that a stage's `except Exception` cannot swallow it."""


_deadline: float | None = None  # time.monotonic() value, or None when no budget runs
_seconds: float = 0.0


def check() -> None:
    """Raise `OverBudget` when the current document's deadline has passed (cheap: one clock read)."""
    if _deadline is not None and time.monotonic() > _deadline:
        raise OverBudget(_seconds)


def _on_alarm(signum, frame):
    if _deadline is not None:  # not when the block has just ended
        raise _Expired()


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None):
    """Run the block under a budget of `seconds` (None, 0 or infinite: no budget); past it,
    `OverBudget` is raised out of the block. Budgets do not nest: an inner one is ignored."""
    global _deadline, _seconds
    if not seconds or seconds <= 0 or math.isinf(seconds) or _deadline is not None:
        yield
        return
    _deadline, _seconds = time.monotonic() + seconds, seconds
    armed = False
    if _can_arm():
        previous_timer = signal.getitimer(signal.ITIMER_REAL)
        # Someone else's timer (a test runner's timeout) that fires first is left alone.
        if not previous_timer[0] or previous_timer[0] > seconds:
            previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            armed = True
    try:
        yield
    except _Expired:
        raise OverBudget(seconds) from None
    finally:
        spent = seconds - (_deadline - time.monotonic())
        _deadline = None
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_timer[0]:  # give the outer timer back what it had left
                signal.setitimer(signal.ITIMER_REAL, max(previous_timer[0] - spent, 0.001), previous_timer[1])
