"""Datelines: where a story was filed, opening its first paragraph ("MOSCOW (Reuters) —", "PARIS, Tenn. —")."""
from __future__ import annotations

import re

# What follows the place of a dateline: a state or date after a comma, an agency in brackets, then
# a dash or a colon ("PARIS, Tenn. —", "MOSCOW, Nov 5 (Reuters) -", "LONDON (AP) —", "New Delhi:").
_END = r"(?:,[ \w.]{1,20}?)?\s*(?:\([^()\n]{1,30}\)\s*)?(?:--|—|–|-(?=\s)|:(?=\s))"
DATELINE_END = re.compile(_END)

# A whole dateline at the head of a text: the place in capitals, its end, and the blanks after it.
DATELINE = re.compile(r"[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3}" + _END + r"\s*")
