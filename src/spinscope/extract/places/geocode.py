"""Toponym resolution: a name's gazetteer candidates, scored with the document's countries."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .geoindex import CITY, KINDS, GeoIndex, geocode_config
from ...text.names import is_acronym
from .placenames import place_key


@dataclass(slots=True, frozen=True)
class Candidate:
    record: int
    primary: bool  # the text is the place's main name (not an alternate spelling)
    loose: bool  # found only through the transliteration-folded key


class Geocoder:
    """Candidates by key lookup (no scans), then the best by population, kind and context."""

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
        kind = bonus.get("kind") or {}
        self.b_kind = [float(kind.get(k, 0.0)) for k in KINDS]
        self.min_abroad = int(cfg.get("min_population_abroad", 1000))
        self.pop_floor = max(1, int(cfg.get("population_floor", 1000)))
        self.suffixes = frozenset(w.lower() for w in cfg.get("generic_suffixes") or ())
        self.prefixes = frozenset(w.lower() for w in cfg.get("generic_prefixes") or ())

    def candidates(self, surface: str) -> list[Candidate]:
        """The gazetteer's places for a toponym: the whole name, else without a generic word
        ("Deir Ezzor City", "North Hama"), else the same through the loose key."""
        forms = self._forms(surface)
        out: list[Candidate] = []
        for form in forms:
            out = [Candidate(r, p, False) for r, p in self.index.lookup(form)]
            if out:
                break
        if not out:
            for form in forms:
                out = [Candidate(r, False, True) for r in self.index.lookup_loose(form)]
                if out:
                    break
        if is_acronym(surface.strip()):  # "UN", "ISIS": a country or a curated name, never a town
            out = [c for c in out if self.index.kind[c.record] != CITY]
        return out

    def _forms(self, surface: str) -> list[str]:
        words = place_key(surface).split()
        forms = [surface]
        if len(words) > 1 and words[-1] in self.suffixes:
            words = words[:-1]
            forms.append(" ".join(words))
        if len(words) > 1 and words[0] in self.prefixes:
            forms.append(" ".join(words[1:]))
        return forms

    def context(self, named: set[str], located: set[str]) -> dict[str, float]:
        """Country -> bonus for a document: a country of the region that it names, or where one of its
        toponyms can only lie, counts fully; any other country it names a little ("the US" is named
        in most texts, and has a namesake of almost every town)."""
        out = {c: self.b_doc_weak for c in named}
        out.update({c: self.b_doc for c in named if c in self.region})
        out.update({c: self.b_doc for c in located})
        return out

    def allowed(self, c: Candidate, context: Mapping[str, float]) -> bool:
        """A hamlet abroad is not taken, nor a loose match abroad: the toponym is more likely
        something else."""
        i = c.record
        cc = self.index.country[i]
        near = cc in context or cc in self.region
        if c.loose and not near:
            return False
        if self.index.kind[i] != CITY:
            return True
        return near or int(self.index.population[i]) >= self.min_abroad

    def score(self, c: Candidate, context: Mapping[str, float]) -> float:
        i = c.record
        cc = self.index.country[i]
        # GeoNames gives many Syrian and Iraqi towns population 0 (unknown): a floor keeps them in reach
        # of the context bonus against a namesake hamlet abroad.
        s = math.log10(max(int(self.index.population[i]), self.pop_floor)) + self.b_kind[int(self.index.kind[i])]
        if cc:
            s += context.get(cc, 0.0)
        if cc in self.region:
            s += self.b_region
        if c.primary:
            s += self.b_primary
        if c.loose:
            s += self.b_loose
        return s

    def resolve(self, surface: str, context: Mapping[str, float] | None = None) -> int | None:
        """The record the toponym most likely names in a document whose countries (alpha-2) carry
        the bonuses of `context` (see `context`)."""
        context = context or {}
        cands = [c for c in self.candidates(surface) if self.allowed(c, context)]
        if not cands:
            return None
        return max(cands, key=lambda c: (self.score(c, context), -c.record)).record

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
