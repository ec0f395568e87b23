"""Publication dates in one form: ISO `yyyy-mm-dd`, or None when a value is not a full date."""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone

from dateutil import parser as dateparser

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Two different defaults: a string that only names a year or a month gets filled in differently
# by each, which tells a partial date (kept as given) from a full one.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_EPOCH_RANGE = (0, 4_102_444_800)  # 1970 .. 2100; outside it a number is not a timestamp


# An all-number date that leads with its day or month ("01/03/2021", "1.3.21", "01-03-2021"), not its year
_DAY_OR_MONTH_FIRST = re.compile(r"^\s*\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?!\d)")


def iso_date(value: object, order: str | None = None) -> str | None:
    """`yyyy-mm-dd` for a date-like value (string, datetime, epoch seconds, struct_time).

    `order` ("month-first" or "day-first", a table's `date_order`) says how an all-number date that leads with a
    number of one or two digits is read when both readings are dates: "01/03/2021" is 3 January month first, 1 March
    day first; "13/05/2021" can only be 13 May and is read so in either order; a dotted date ("01.03.2021") is day
    first in either (the order of every country that writes dots); a date that leads with its year is year, month,
    day. Without `order`, the date parser's own reading (month first)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > _EPOCH_RANGE[1] else value  # milliseconds are common
        if _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(value)
    if m:
        return _safe_date(*map(int, m.groups()))
    numeric = _DAY_OR_MONTH_FIRST.match(value) if order else None
    day_first = bool(numeric) and (order == "day-first" or numeric.group(1) == ".")
    try:
        first, second = (dateparser.parse(value, default=d, ignoretz=True, dayfirst=day_first)
                         for d in _DEFAULTS)  # the date only
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    return first.date().isoformat()


_TIME_AFTER = re.compile(r"[\s,|@-]*(?:at\s+)?\d{1,2}:\d{2}.*$", re.S)
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)")


def stated_date(stamp: str | None) -> str | None:
    """`yyyy-mm-dd` of a timestamp as a page prints it; None unless it names one day for sure.

    All-number dates are read month first in the US and day first elsewhere, so "06/08/2012" and
    "11.05.12" give no date; "13/05/2013" and "05/13/13" do."""
    if not stamp:
        return None
    m = _NUMERIC.match(stamp)
    if not m:
        # the date alone: a time after "|" or "@" ("Nov 06 2012 | 3:15 pm") stops the date parser
        return iso_date(stamp) or iso_date(_TIME_AFTER.sub("", stamp))
    first, second, year = (int(g) for g in m.groups())
    if year < 100:
        year += 2000 if year < 70 else 1900
    if first > 12:
        day, month = first, second
    elif second > 12 or first == second:
        month, day = first, second
    elif _named_weekday(stamp, year, first, second) != _named_weekday(stamp, year, second, first):
        # the stamp's weekday tells the order: "Monday, 11.05.2012" is 5 November (11 May 2012 was a Friday)
        month, day = (second, first) if _named_weekday(stamp, year, first, second) else (first, second)
    else:
        return None
    return _safe_date(year, month, day)


_MONTH_DATE = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                         r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{4}\b", re.I)
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_ISO_IN_LINE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def line_date(text: str) -> str | None:
    """`yyyy-mm-dd` of the first date a page's date or byline line states, by name or in digits whose order is
    sure: a month by name ("Posted by b on September 6, 2017 at 09:12 AM"), an ISO date, a dotted date (day
    first, the order of every country that writes dots: "07.03.2017"); None otherwise (`iso_date` reads the rest)."""
    for pattern in (_MONTH_DATE, _ISO_IN_LINE):
        m = pattern.search(text)
        if m:
            return iso_date(m.group())
    m = _DOTTED.search(text)
    if not m:
        return None
    day, month, year = int(m[1]), int(m[2]), int(m[3])
    if _named_weekday(text, year, month, day) and not _named_weekday(text, year, day, month):
        day, month = month, day  # "Monday, 11.05.2012": 5 November 2012 was a Monday, 11 May a Friday
    return _safe_date(year, month, day)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_IN_LINE = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?", re.I)


def _named_weekday(text: str, year: int, month: int, day: int) -> bool:
    """True when the line names a weekday and (year, month, day) is a real date on another weekday: the
    reading the line's own weekday rules out (no weekday, or an impossible date, rules nothing out here)."""
    m = _WEEKDAY_IN_LINE.search(text)
    if not m:
        return False
    try:
        weekday = date(year, month, day).weekday()
    except ValueError:
        return False
    return _WEEKDAYS[weekday][:3] != m[1].lower()


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


_WEEKDAY_NUMERIC = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)", re.I)


def weekday_checked(iso: str | None, page_text: str) -> str | None:
    """A publication date `iso` that a reader took from an all-number date the page prints after a weekday
    ("Monday, 11.05.2012"), read in the order that weekday rules out, is read in the other order (5 November
    2012 was a Monday, 11 May a Friday); any other date is returned as it is."""
    if not iso or not _ISO.match(iso):
        return iso
    year, month, day = (int(x) for x in iso[:10].split("-"))
    for m in _WEEKDAY_NUMERIC.finditer(page_text):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if y == year and a != b and {a, b} == {month, day} \
                and _named_weekday(m[0], year, month, day) and not _named_weekday(m[0], year, day, month):
            return _safe_date(year, day, month) or iso
    return iso

