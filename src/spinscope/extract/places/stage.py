"""The `places` stage: every toponym of a document geocoded offline, with all its mentions."""
from __future__ import annotations

# Toponyms come from the `entities` layer (places, and states: a country is a place wherever it is
# named) plus the multiword town names of the coverage's countries that the recognizer missed.
# Nationalities, organisations and people are never places; a capital the entities layer took for
# its government ("Moscow warns") is an organisation there and is left out here too.

from functools import lru_cache

import yaml

from ...model import Document, Place, Span
from ...pipeline import register_stage
from .geocode import Geocoder
from .geoindex import data_text, geo_index, geocode_config
from ...text.names import joinable, words
from .placenames import place_key, plain

TOPONYM_TYPES = ("place", "state")


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Nationality words (data/entities/demonyms.yaml), lower case: never the start of a place."""
    data = yaml.safe_load(data_text("entities", "demonyms.yaml"))
    out = set()
    for group in ("countries", "peoples"):
        for ws in (data.get(group) or {}).values():
            out.update(w.casefold() for w in ws)
    return frozenset(out)


@lru_cache(maxsize=1)
def geocoder() -> Geocoder:
    return Geocoder(geo_index())


def find_places(doc: Document, geo: Geocoder) -> list[Place]:
    """The places of one document (after `entities`), ids p1, p2, ... in order of first mention."""
    index = geo.index
    named: set[str] = set()
    for e in doc.entities:  # the countries the document names, as a state or a nationality
        if e.type in ("state", "nationality") and e.country:
            rec = index.country_record(e.country)
            if rec is not None:
                named.add(index.country[rec])
    toponyms = [e for e in doc.entities if e.type in TOPONYM_TYPES and e.mentions]
    extra = _scan(doc, geo)
    located: set[str] = set()  # a place of a single country says where the text is
    for surface in [s for s, _ in extra] + [e.name for e in toponyms if e.type == "place"]:
        located.update(_sole_country(geo, surface))
    context = geo.context(named, located)

    spans_of: dict[int, list[Span]] = {}
    for e in toponyms:
        rec = index.country_record(e.country) if e.type == "state" else None
        if rec is None:
            rec = _resolve_entity(doc, e, geo, context)
        if rec is not None:
            spans_of.setdefault(rec, []).extend(Span(m.start, m.end) for m in e.mentions)
    for surface, span in extra:
        rec = geo.resolve(surface, context)
        if rec is not None:
            spans_of.setdefault(rec, []).append(span)

    found = []
    for rec, spans in spans_of.items():
        uniq = sorted({(s.start, s.end) for s in spans})
        found.append((uniq[0][0], rec, [Span(a, b) for a, b in uniq]))
    found.sort()
    return [_place(index, f"p{n}", rec, spans) for n, (_, rec, spans) in enumerate(found, 1)]


def _sole_country(geo: Geocoder, surface: str) -> set[str]:
    cs = geo.countries_of(surface)
    return cs if len(cs) == 1 else set()


def _resolve_entity(doc: Document, e, geo: Geocoder, context: dict[str, float]) -> int | None:
    """The entity's name, else the first of its written forms the gazetteer knows."""
    seen = set()
    for surface in [e.name, *(doc.text[m.start:m.end] for m in e.mentions)]:
        key = place_key(surface)
        if key in seen:
            continue
        seen.add(key)
        rec = geo.resolve(surface, context)
        if rec is not None:
            return rec
    return None


def _place(index, pid: str, rec: int, spans: list[Span]) -> Place:
    gid = int(index.geonameid[rec])
    return Place(pid, plain(index.names[rec]), round(float(index.lat[rec]), 5), round(float(index.lon[rec]), 5),
                 index.country[rec] or None, gid or None, spans)


def _scan(doc: Document, geo: Geocoder) -> list[tuple[str, Span]]:
    """Multiword town names of the scanned countries ("Abu Kamal") outside every entity mention:
    capitalized words (articles aside), the longest name first."""
    keys = geo.index.scan_keys
    if not keys or not doc.parses:
        return []
    taken = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    max_n = int(geocode_config().get("scan_max_words", 4))
    lowercase_ok = {str(w) for w in geocode_config()["scan_lowercase_words"]}
    bad_first = demonyms()
    out = []
    for offset, sdoc, _kind in doc.parses:
        ws = words(doc.text, offset, offset + len(sdoc.text))
        i = 0
        while i < len(ws):
            hit = None
            if ws[i].text[:1].isupper() and ws[i].norm not in bad_first:
                for n in range(min(max_n, len(ws) - i), 1, -1):
                    span = ws[i:i + n]
                    if any(w.possessive for w in span[:-1]):
                        continue
                    if not all(joinable(doc.text, a, b) for a, b in zip(span, span[1:])):
                        continue
                    if not all(w.text[:1].isupper() or w.norm in lowercase_ok for w in span):
                        continue
                    start, end = span[0].start, span[-1].end
                    if place_key(doc.text[start:end]) in keys and not _overlaps(taken, start, end):
                        hit = (n, start, end)
                        break
            if hit:
                n, start, end = hit
                out.append((doc.text[start:end], Span(start, end)))
                i += n
            else:
                i += 1
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@register_stage("places")
def make_places(config: dict):
    geo = geocoder()  # load the gazetteer now, before any document

    def places(docs: list[Document]) -> None:
        for doc in docs:
            doc.places = find_places(doc, geo)
    return places
