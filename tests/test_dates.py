"""iso_date: one date form for every reader, partial dates left alone."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from spinscope.dates import iso_date


@pytest.mark.parametrize("value, expected", [
    ("2024-03-14", "2024-03-14"),
    ("2024-03-14T23:30:00-05:00", "2024-03-14"),
    ("Thu, 14 Mar 2024 09:30:00 GMT", "2024-03-14"),
    ("March 14, 2024", "2024-03-14"),
    ("14 March 2024", "2024-03-14"),
    (dt.datetime(2024, 3, 14, 9, 30), "2024-03-14"),
    (dt.date(2024, 3, 14), "2024-03-14"),
    (time.strptime("2024-03-14", "%Y-%m-%d"), "2024-03-14"),
    (1710408600, "2024-03-14"),  # epoch seconds
    (1710408600000, "2024-03-14"),  # epoch milliseconds
    ("2024", None),  # a year alone is not a publication date
    ("March 2024", None),
    ("2024-02-30", None),
    ("sometime in spring", None),
    ("", None),
    (None, None),
    (True, None),
    (-5, None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected
