"""Toponym resolution: a name's gazetteer candidates, scored by prior and by the document's context."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from .geoindex import CITY, COUNTRY, CURATED, DIVISION, KINDS, GeoIndex, geocode_config
from ...datafile import read_data
from ...text.names import is_acronym
from .placenames import place_key


@dataclass(slots=True, frozen=True)
class Candidate:
    record: int
    primary: bool  # the text is the place's main name (not an alternate spelling)
    loose: bool  # found only through the transliteration-folded key
    feature: bool = False  # a town found for a feature's name without its word ("Han" of "Han River")


@dataclass
class DocContext:
    """What a document says about where it is: country -> bonus (from what it names outright), and what
    its toponyms found in a first pass, each with the toponyms (name keys) that found it, so that a
    toponym is never its own evidence: the first-level divisions (ISO 3166-2) its toponyms name, the
    countries where a named division or two other places lie, and the points each toponym may stand
    for (name key -> array of (lat, lon) in radians: its local candidates), for mutual distance."""

    countries: dict[str, float] = field(default_factory=dict)
    divisions: dict[str, set[str]] = field(default_factory=dict)
    support: dict[str, set[str]] = field(default_factory=dict)  # country -> keys of its named divisions
    places_in: dict[str, set[str]] = field(default_factory=dict)  # country -> keys of places found there
    points: dict[str, np.ndarray] = field(default_factory=dict)

    def get(self, cc: str, default: float = 0.0) -> float:  # a mapping of countries, as before
        return self.countries.get(cc, default)

    def __contains__(self, cc: str) -> bool:
        return cc in self.countries

    def __len__(self) -> int:
        return len(self.countries)

    def country_bonus(self, cc: str, key: str, full: float) -> float:
        """The bonus of a country for the toponym `key`: what the text names, or `full` when a division
        or two places other than this toponym lie there."""
        b = self.countries.get(cc, 0.0)
        divisions = len(self.support.get(cc, set()) - {key})
        places = len(self.places_in.get(cc, set()) - {key})
        # one named state alone ("a Virginia senator") does not make a text about its country
        if divisions + places >= 2:
            b = max(b, full)
        return b

    def has_home(self, full: float) -> bool:
        """Whether the text is plainly about some country (named, or where two of its places lie)."""
        return any(v >= full for v in self.countries.values()) or any(len(v) >= 2 for v in self.places_in.values())

    def names_division(self, code: str, key: str) -> bool:
        return bool(self.divisions.get(code, set()) - {key})


def _nearest_km(lat: float, lon: float, pts: np.ndarray) -> float:
    """The distance (km) from (lat, lon) to the nearest of the points (all radians), haversine."""
    if not len(pts):
        return math.inf
    a = np.sin((pts[:, 0] - lat) / 2) ** 2 + np.cos(lat) * np.cos(pts[:, 0]) * np.sin((pts[:, 1] - lon) / 2) ** 2
    return float((2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, a)))).min())


class Geocoder:
    """Candidates by key lookup (no scans), then the best by prior (population, kind, spelling) plus the
    document's context (its countries, divisions and other places)."""

    def __init__(self, index: GeoIndex, config: dict | None = None):
        cfg = config or geocode_config()
        self.index = index
        self.region = frozenset(cfg.get("region") or ())
        bonus = cfg.get("bonus") or {}
        self.b_doc = float(bonus.get("doc_country", 2.5))
        self.b_doc_weak = float(bonus.get("doc_country_weak", 0.5))
        self.b_region = float(bonus.get("region", 1.0))
        self.b_primary = float(bonus.get("primary", 1.5))
        self.b_loose = float(bonus.get("loose", -1.5))
        self.b_division = float(bonus.get("doc_division", 2.0))
        self.b_near = float(bonus.get("near", 1.5))
        self.b_capital = float(bonus.get("capital", 0.0))
        self.near_km = float(cfg.get("near_km", 250))
        self.close_km = float(cfg.get("close_km", 40))
        self.b_close = float(bonus.get("close", 1.0))
        self.implied_min = int(cfg.get("implied_division_min", 3))
        self.implied_margin = int(cfg.get("implied_division_margin", 2))
        self.state_near_km = float(cfg.get("state_near_km", 1500))
        self.near_margin = float(cfg.get("near_margin", 1.5))
        self.seat_min = int(cfg.get("seat_min_population", 100000))
        self.b_world_capital = float(bonus.get("world_capital", 0.0))
        self.world_capital_min = int(cfg.get("world_capital_min_population", 1000000))
        self.world_text = int(cfg.get("world_text_countries", 3))
        self.b_world_news = float(bonus.get("world_news_capital", 0.0))
        self.world_news = int(cfg.get("world_news_countries", 6))
        self.b_division_abroad = float(bonus.get("division_abroad", 0.0))
        kind = bonus.get("kind") or {}
        self.b_kind = [float(kind.get(k, 0.0)) for k in KINDS]
        level = cfg.get("division_population") or {}
        self.division_pop = {str(k): int(v) for k, v in level.items()}
        self.min_abroad = int(cfg.get("min_population_abroad", 1000))
        self.min_abroad_elsewhere = int(cfg.get("min_population_elsewhere", 50000))
        self.min_alternate_abroad = int(cfg.get("min_population_alternate_abroad", 0))
        # the first-level divisions data/places/additions.yaml lists as states (their records are the ISO
        # divisions'): curated places, allowed in a text about another country as every curated place is
        # ("the University of Florida" beside German places is no town of Cuba; realworld38)
        self.curated_divisions = frozenset(
            int(e["geonameid"]) for e in read_data("data/places/additions.yaml").get("places") or ()
            if e.get("type") == "state" and e.get("geonameid"))
        self.pop_floor = max(1, int(cfg.get("population_floor", 1000)))
        self.min_similarity = float(cfg.get("min_similarity", 80))
        self.capital_keys: dict[str, set[str]] = {}  # country -> name keys of its national capital
        for r, f in enumerate(index.fcode):
            if f == "P.PPLC":
                self.capital_keys.setdefault(index.country[r], set()).add(place_key(index.names[r]))
        self.suffixes = frozenset(w.lower() for w in cfg.get("generic_suffixes") or ())
        self.prefixes = frozenset(w.lower() for w in cfg.get("generic_prefixes") or ())
        self.features = frozenset(w.lower() for w in cfg.get("feature_suffixes") or ())
        self.water_features = frozenset(w.lower() for w in cfg.get("water_feature_suffixes") or ())

    def candidates(self, surface: str) -> list[Candidate]:
        """The gazetteer's places for a toponym: the whole name, else without a generic word
        ("Deir Ezzor City", "North Hama"), else the same through the loose key, kept only when the
        place's name is close to the text (rapidfuzz; "Utah" is not "Utta", "Hamas" not "Hamm")."""
        forms = self._forms(surface)
        out: list[Candidate] = []
        for form in forms:
            out = [Candidate(r, p, False) for r, p in self.index.lookup(form)]
            if out:
                break
        if not out:
            for form in forms:
                out = [Candidate(r, False, True) for r in self.index.lookup_loose(form)
                       if self.similarity(form, r) >= self.min_similarity]
                if out:
                    break
        if out and self.names_feature(surface):
            if form != surface:
                out = [Candidate(c.record, c.primary, c.loose, self.index.kind[c.record] == CITY) for c in out]
            else:  # "the East River" is no town that once bore the name (Wallingford, Connecticut)
                out = [c for c in out if c.primary or self.index.kind[c.record] != CITY]
        word = surface.strip()
        if is_acronym(word) and ("." in word or len(word) <= 4):
            # "UN", "ISIS", "U.S.": a country or a curated name, never a town ("CHATTANOOGA (AP)" is one)
            out = [c for c in out if self.index.kind[c.record] != CITY]
        return out

    def names_feature(self, surface: str) -> bool:
        """A toponym ending in a feature's generic word ("Han River", "Jordan Valley")."""
        words = place_key(surface).split()
        return len(words) > 1 and words[-1] in self.features

    def similarity(self, surface: str, record: int) -> float:
        """0-100: how close the text is to the place's main name (folded, articles aside)."""
        return fuzz.ratio(place_key(surface), place_key(self.index.names[record]))

    def _forms(self, surface: str) -> list[str]:
        words = place_key(surface).split()
        forms = [surface]
        if len(words) > 1 and words[-1] in self.suffixes:
            words = words[:-1]
            forms.append(" ".join(words))
        if len(words) > 1 and words[0] in self.prefixes:
            forms.append(" ".join(words[1:]))
        return forms

    def context(self, named: set[str], located: set[str], outlet: str | None = None) -> DocContext:
        """The countries of a document: a country of the region that it names, where one of its
        toponyms can only lie, or the outlet's, counts fully; any other country it names a little ("the
        US" is named in most texts, and has a namesake of almost every town)."""
        out = {c: self.b_doc_weak for c in named}
        out.update({c: self.b_doc for c in named if c in self.region})
        out.update({c: self.b_doc for c in located})
        if outlet:
            out[outlet] = self.b_doc
        return DocContext(out)

    def allowed(self, c: Candidate, context: Mapping[str, float] | DocContext) -> bool:
        """A hamlet abroad is not taken, nor a loose match abroad: the toponym is more likely
        something else."""
        i = c.record
        cc = self.index.country[i]
        near = cc in context or cc in self.region
        if c.loose and not near or c.feature and cc not in context:
            return False  # "Han River" in a Korean story is no Han, Turkey (a local river's town may be)
        kind = int(self.index.kind[i])
        if kind not in (CITY, DIVISION) or kind == DIVISION and int(self.index.geonameid[i]) in self.curated_divisions:
            return True
        pop = int(self.index.population[i])
        if not near and isinstance(context, DocContext) and context.has_home(self.b_doc) \
                and not context.country_bonus(cc, "", self.b_doc):
            # a text about another country: a town abroad only when big ("Titan", "Petrova", "Bush"
            # in a US paper are no Afghan, Romanian or Egyptian villages), a division abroad never
            # ("Berea", "Durango", "Southland" in a US paper)
            return kind == CITY and pop >= self.min_abroad_elsewhere
        return kind == DIVISION or near or pop >= self.min_abroad

    def prior(self, c: Candidate) -> float:
        """What a candidate is worth before the document is read: population (a division counts as
        the population of its level), kind, main name or alternate, loose match."""
        i = c.record
        k = int(self.index.kind[i])
        pop = int(self.index.population[i])
        if k == DIVISION and not pop:
            pop = self.division_pop.get(self.index.feature_of(i)[1], 0)
        s = math.log10(max(pop, self.pop_floor)) + self.b_kind[k]
        if self.index.country[i] in self.region:
            s += self.b_region
        if c.primary:
            s += self.b_primary
        if c.loose:
            s += self.b_loose
        return s

    def score(self, c: Candidate, context: Mapping[str, float] | DocContext, key: str = "",
              local: bool = True) -> float:
        """Prior plus context: the document's countries, the divisions it names, and closeness to its
        other places (spatial minimality); the last two only when `local` (see `ranked`)."""
        i = c.record
        s = self.prior(c)
        cc = self.index.country[i]
        if cc and self._world_capital(i) and (context.get(cc, 0.0) > 0 or len(context) >= self.world_text):
            s += self.b_world_capital  # its country is named, or the text names several: news of the world
            if len(context) >= self.world_news:
                s += self.b_world_news  # a text of many countries: its "London" is no namesake town at home
        if cc:
            b = context.country_bonus(cc, key, self.b_doc) if isinstance(context, DocContext) else context.get(cc, 0.0)
            s += b
            if not b and int(self.index.kind[i]) == DIVISION:
                s -= self.b_division_abroad  # a division of a country the text is not about
            if b >= self.b_doc and self.index.fcode and self.index.fcode[i] == "P.PPLC":
                s += self.b_capital  # the capital of the country the text is about
        if isinstance(context, DocContext) and local:
            adm1 = self.index.admin1[i] if i < len(self.index.admin1) else ""
            if adm1 and context.names_division(adm1, key):
                s += self.b_division
            if int(self.index.kind[i]) != COUNTRY and context.points:
                la, lo = math.radians(float(self.index.lat[i])), math.radians(float(self.index.lon[i]))
                d = min((_nearest_km(la, lo, pts) for k, pts in context.points.items() if k != key),
                        default=math.inf)
                if d <= self.near_km:
                    s += self.b_near
                if d <= self.close_km:  # a town and its county, two neighbouring towns
                    s += self.b_close
        return s

    def _world_capital(self, i: int) -> bool:
        return bool(self.index.fcode) and self.index.fcode[i] == "P.PPLC" \
            and int(self.index.population[i]) >= self.world_capital_min

    def supported(self, record: int, context: DocContext, key: str) -> bool:
        """Whether the document's other toponyms back a candidate: it lies in a division they name or
        imply, or within `near_km` of one of their places."""
        adm1 = self.index.admin1[record]
        if adm1 and context.names_division(adm1, key):
            return True
        la, lo = math.radians(float(self.index.lat[record])), math.radians(float(self.index.lon[record]))
        return any(_nearest_km(la, lo, pts) <= self.near_km for k, pts in context.points.items() if k != key)

    def local_points(self, surface: str, context, limit: int = 20) -> np.ndarray:
        """The points (radians) of a toponym's likely local candidates: towns, counties and curated places
        (not countries, continents or whole states) scoring within `near_margin` of its best candidate
        in this context, at most `limit` ("Palmyra" in a Syrian text is not also Palmyra, New York)."""
        index = self.index
        scored = self.ranked(surface, context)
        if not scored:
            return np.zeros((0, 2))
        top = scored[0][0]
        recs = [r for sc, r in scored if sc >= top - self.near_margin
                and int(index.kind[r]) in (CITY, CURATED, DIVISION) and index.feature_of(r)[1] != "ADM1"][:limit]
        return np.radians(np.array([(index.lat[r], index.lon[r]) for r in recs], dtype=np.float64).reshape(-1, 2))

    def ranked(self, surface: str, context: Mapping[str, float] | DocContext | None = None) -> list[tuple[float, int]]:
        """(score, record) of the allowed candidates, best first."""
        context = context if context is not None else {}
        key = place_key(surface)
        found = self.candidates(surface)
        cands = [c for c in found if self.allowed(c, context)]
        if any(c.primary for c in found):
            # a name that is some place's main name is not a town abroad under `min_population_alternate_abroad`
            # by one of its alternates: "after Panda" (Google's update; Panda, Comoros) was Pandi, Philippines
            # (stop 39); "Mt. Vernon", the main name of no place, still finds its towns by their alternates
            cands = [c for c in cands if c.primary or c.loose or int(self.index.kind[c.record]) != CITY
                     or self.index.country[c.record] in context or self.index.country[c.record] in self.region
                     or int(self.index.population[c.record]) >= self.min_alternate_abroad]
        # a place the text names only by an old or foreign alternate name gets no local bonus when
        # another place has it as its main name ("Paris" is not Swainsboro, Georgia, in a Georgia text)
        some_primary = any(c.primary for c in cands)
        out = sorted(((self.score(c, context, key, c.primary or not some_primary), c.record) for c in cands),
                     key=lambda t: (-t[0], t[1]))
        if out and self.index.feature_of(out[0][1])[1] == "ADM1":
            # a national capital or a city of its own name beats the division of its country named like
            # it ("Washington", "Deir ez-Zor", "Idlib"): news writes the division out ("Idlib province")
            cc = self.index.country[out[0][1]]
            # by its main name; by an alternate only in the coverage's region, whose divisions ISO
            # names in another transliteration ("Halab" for Aleppo): "New York" stays the state
            exact = {c.record for c in cands if c.primary or (not c.loose and cc in self.region)}
            seat = next((t for t in out if self.index.country[t[1]] == cc and t[1] in exact
                         and int(self.index.kind[t[1]]) == CITY
                         and (self.index.fcode[t[1]] == "P.PPLC" or int(self.index.population[t[1]]) >= self.seat_min)),
                        None)
            if seat is not None:
                out = [seat] + [t for t in out if t is not seat]
        return out

    def resolve(self, surface: str, context: Mapping[str, float] | DocContext | None = None) -> int | None:
        """The record the toponym most likely names in a document with this context (see `context`)."""
        best = self.ranked(surface, context)
        return best[0][1] if best else None

    def biggest(self, surface: str) -> int | None:
        """The naive baseline: the candidate with the largest population."""
        cands = self.candidates(surface)
        if not cands:
            return None
        return max(cands, key=lambda c: (int(self.index.population[c.record]), -c.record)).record

    def countries_of(self, surface: str) -> set[str]:
        """The countries a toponym can lie in (one country: the toponym says where the text is)."""
        return {self.index.country[c.record] for c in self.candidates(surface)
                if self.allowed(c, {})} - {""}

