"""Datelines: where a story was filed, opening its first paragraph ("MOSCOW (Reuters) —", "PARIS, Tenn. —")."""
from __future__ import annotations

import re

# What follows the place of a dateline: a state or date after a comma, an agency in brackets, then
# a dash or a colon ("PARIS, Tenn. —", "MOSCOW, Nov 5 (Reuters) -", "LONDON (AP) —", "New Delhi:").
_END = r"(?:,[ \w.]{1,20}?)?\s*(?:\([^()\n]{1,30}\)\s*)?(?:--|—|–|-(?=\s)|:(?=\s))"
DATELINE_END = re.compile(_END)

# The place of a dateline: one to four words in capitals ("MOSCOW", "SAN JUAN", "ST. PAUL", "GUINEA-BISSAU").
PLACE = r"[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3}"

# A whole dateline at the head of a text: the place in capitals, its end, and the blanks after it.
DATELINE = re.compile(PLACE + _END + r"\s*")

# A dateline at the head of a text or of a sentence near it, the place as group 1 (places reads it).
DATELINE_AT_SENTENCE = re.compile(r"(?:^|(?<=[\n.!?])\s*)(" + PLACE + ")" + _END)
