"""Toponyms the entities layer does not give as places: inside organisation names, and the known head of an
unknown place name."""
from __future__ import annotations

# The entities layer types whole names: "Georgia School Boards Association" is an organisation and
# "Moscow" in "Moscow warns" the Russian government. The first still names a place, and a reader (and
# the usual geoparsing gold) counts it; the second is left to the entities layer. Only strong names are taken from inside other names: a country,
# a state, province or county, or a town of some size; a wrong place is worse than none.

import re
from collections.abc import Mapping

from ...model import Document, Span
from ...text.dateline import DATELINE_AT_SENTENCE
from ...text.names import joinable, longest_runs, words
from .geocode import Geocoder
from .geoindex import CITY, COUNTRY, CURATED, DIVISION, geocode_config
from ..entities.given_names import given_name_genders

MAX_WORDS = 4
# Not "government" nor "military": a capital standing for its government ("Moscow warns") or a country
# naming its forces ("US forces") is the actor there (a modifier, like a nationality), and the
# project's gold does not count it as a place.
HOST_TYPES = ("organization", "igo", "other")
# Words after which a town ending an organisation's name is still its place: "University of Chicago",
# "Bank in Moscow" (otherwise the town is the name's own last word: "Media Lens", "World Summit").
_TAIL_LINKS = frozenset({"of", "in", "at", "on", "for", "de", "du", "del", "and", "&", "metro", "metropolitan",
                         "greater", "serving"})


def _hyphen_joined(text: str, a, b) -> bool:
    """Whether words `a` and `b` are two capitalised words joined by a hyphen, as a double given name is written
    ("Lin-Manuel", "Jean-Claude")."""
    return a is not None and a.text[:1].isupper() and b.text[:1].isupper() and text[a.end:b.start] == "-"


def inner_toponyms(doc: Document, geo: Geocoder, taken: list[tuple[int, int]],
                   countries: Mapping[str, float]) -> list[tuple[str, Span]]:
    """(text, span) of the strong place names inside the mentions of organisations, governments and
    other non-place names, the longest first, outside `taken` spans; `countries` are the document's."""
    cfg = geocode_config()
    sizes = (int(cfg.get("inner_min_population", 20000)), int(cfg.get("inner_min_population_abroad", 500000)))
    stop = {str(w).lower() for w in [*(cfg.get("inner_stop_words") or ()), *(cfg.get("head_stop_words") or ())]}
    openers = {str(w).lower() for w in cfg.get("name_openers") or ()}
    causes = {str(w).lower() for w in cfg.get("inner_cause_links") or ()}
    after = {}  # where a word of the current name starts -> the word before it
    tail = [-1]  # where the current name ends
    tail_city = int(cfg.get("tail_min_population", 100000))

    def accept(span) -> bool:
        if not all(w.text[:1].isupper() for w in span) or span[-1].norm in stop:
            return False
        prev = after.get(span[0].start)
        if prev is not None and prev.norm in openers and prev.text[:1].isupper() and joinable(doc.text, prev, span[0]) \
                and geo.candidates(doc.text[prev.start:span[-1].end]):
            return False  # "York" of "New York University": the tail of a longer place name the gazetteer knows
        if not all(joinable(doc.text, a, b) for a, b in zip(span, span[1:])):
            return False
        if span[-1].end == tail[0] and prev is not None and prev.norm not in _TAIL_LINKS \
                and doc.text[prev.end:span[0].start] == " " \
                and not any(int(geo.index.kind[c.record]) in (COUNTRY, DIVISION, CURATED)
                            or int(geo.index.population[c.record]) >= tail_city
                            for c in geo.candidates(doc.text[span[0].start:span[-1].end])):
            return False  # "Lens" of "Media Lens", "Bell" of "Taco Bell": the name's own last word, no town
        if any(w.possessive for w in span[:-1]) or (len(span) == 1 and span[0].norm in stop):
            return False
        if prev is not None and prev.norm in causes and not _a_country(geo, doc.text[span[0].start:span[-1].end]):
            return False  # "Coalition for Unity and Democracy": the body's cause, no town or division (realworld51)
        s, t = span[0].start, span[-1].end
        if prev is not None and prev.text[:1].isupper() and doc.text[prev.end:s] == " " \
                and (prev.norm in given_name_genders() or _hyphen_joined(doc.text, after.get(prev.start), prev)) \
                and not any(int(geo.index.kind[c.record]) in (COUNTRY, CURATED) for c in geo.candidates(doc.text[s:t])):
            return False  # "Miranda" of "Lin-Manuel Miranda" (the model's organisation): a word after a given name or
            # a hyphenated pair of capitalised words is a person's surname, no place (kb52, realworld51)
        if prev is not None and prev.text[:1].isupper() and not prev.possessive and doc.text[prev.end:s] == " " \
                and prev.norm not in _TAIL_LINKS and prev.norm not in openers and prev.norm not in stop \
                and span[-1].end < tail[0] \
                and not any(int(geo.index.kind[c.record]) in (COUNTRY, CURATED) for c in geo.candidates(doc.text[s:t])):
            return False  # "Nevada" of "Sierra Nevada Corp.", "Mission" of "Science Mission Directorate": a word
            # inside the name, after another capitalized word of it, is the name's (realworld40)
        return _strong(geo, doc.text[s:t], sizes, countries) and not _overlaps(taken, s, t)

    # a person's surname of the text is that person inside an organisation's name ("Clinton Foundation")
    people = {w.norm for e in doc.entities if e.type == "person" for m in e.mentions
              for w in words(doc.text, m.start, m.end)[-1:]}
    out = []
    # a name the recognizer took for a person's holds a place only as "X County", "X Parish"... ("Anderson
    # County Sheriff"): a person's name is often a town's too ("Madison", "Philip Hammond")
    divisions = {str(w).lower() for w in cfg.get("division_name_words") or ()}
    foreign = {str(w).casefold() for w in cfg.get("foreign_words") or ()}
    for e in doc.entities:
        if e.type not in HOST_TYPES and e.type != "person":
            continue
        for m in e.mentions:
            ws = words(doc.text, m.start, m.end)
            after.clear()
            after.update((b.start, a) for a, b in zip(ws, ws[1:]))
            tail[0] = ws[-1].end if ws else -1
            for span in longest_runs(ws, MAX_WORDS,  # "New York" of "New York Fed" may open a run
                                     lambda w: w.text[:1].isupper() and (w.norm not in stop or w.norm in openers),
                                     accept):
                if e.type == "person" and (len(span) < 2 or span[-1].norm.rstrip(".") not in divisions):
                    continue
                if len(span) == 1 and span[0].norm in people:
                    continue
                surface = doc.text[span[0].start:span[-1].end]
                if len(span) == 1 and surface.casefold() in foreign and not any(
                        geo.index.country[c.record] in countries for c in geo.candidates(surface) if not c.loose):
                    continue  # "Como Educar" alone: "como" ("how") of a Portuguese blog's name, in a text that names
                    # no Italy, is no Como (kb47); "Como Calcio" in a text on Italian football stays the town
                if e.kb_id and e.type == "organization" and _a_country(geo, surface) \
                        and re.search(r"\b" + re.escape(surface.casefold()) + r"\b", e.name.casefold()):
                    continue  # "Bank of America", "BANK OF AMERICA": a company the KB knows, named, not placed; a
                    # country outside its name stays ("the U.K.- based Syrian Observatory ...") (stop 44)
                if e.kb_id and e.type == "igo" and not (span[0].start in after and after[span[0].start].norm in _TAIL_LINKS) \
                        and re.search(r"\b" + re.escape(surface.casefold()) + r"\b", e.name.casefold()):
                    continue  # "the Shanghai Cooperation Organization": a body of states the KB knows, named after
                    # the town of its founding, not placed there (realworld50); "... Force in Lebanon" is there
                out.append((doc.text[span[0].start:span[-1].end], Span(span[0].start, span[-1].end)))
    return out


# "Washington-based", "London-born", "Ohio-registered": a place name glued to a participle
_COMPOUND = re.compile(r"\b([A-Z][\w.']*(?:[ ][A-Z][\w.']*){0,3})-(?:based|born|bred|registered|headquartered)\b")


def based_toponyms(doc: Document, geo: Geocoder, taken: list[tuple[int, int]],
                   countries: Mapping[str, float]) -> list[tuple[str, Span]]:
    """(text, span) of strong place names glued to "-based", "-born"... ("a Washington-based group"),
    outside `taken` spans; the longest name that is strong, else its last words."""
    cfg = geocode_config()
    sizes = (int(cfg.get("inner_min_population", 20000)), int(cfg.get("inner_min_population_abroad", 500000)))
    out = []
    for m in _COMPOUND.finditer(doc.text):
        ws = words(doc.text, m.start(1), m.end(1))
        for i in range(len(ws)):  # "Paris" of "The Paris-based": the longest strong tail
            s, t = ws[i].start, ws[-1].end
            if _strong(geo, doc.text[s:t], sizes, countries) and not _overlaps(taken, s, t):
                out.append((doc.text[s:t], Span(s, t)))
                break
    return out


def _a_country(geo: Geocoder, surface: str) -> bool:
    """Whether a country or a curated region bears the name ("America", "Asia")."""
    return any(int(geo.index.kind[c.record]) in (COUNTRY, CURATED) for c in geo.candidates(surface) if not c.loose)


def _strong(geo: Geocoder, surface: str, sizes: tuple[int, int], countries: Mapping[str, float]) -> bool:
    """A name the gazetteer knows as a country, a division, a curated place, or a town of the first
    size in one of the document's countries or of the second anywhere."""
    index = geo.index
    for c in geo.candidates(surface):
        if c.loose or not c.primary:
            continue
        k = int(index.kind[c.record])
        if k in (COUNTRY, DIVISION, CURATED):
            return True
        if k == CITY:
            pop = int(index.population[c.record])
            if pop >= sizes[1] or (pop >= sizes[0] and index.country[c.record] in countries):
                return True
    return False


def known_head(doc: Document, geo: Geocoder, start: int, end: int, countries=()) -> Span | None:
    """The longest run of leading words of an unknown place name that the gazetteer knows ("Columbus"
    of "Columbus East", "Cherry Hinton" of "Cherry Hinton Hall"), None when there is none."""
    stop = {str(w).lower() for w in geocode_config().get("head_stop_words") or ()}
    ws = words(doc.text, start, end)
    for n in range(len(ws) - 1, 0, -1):
        s, t = ws[0].start, ws[n - 1].end
        if n == 1 and (ws[0].norm in stop or len(ws[0].norm) <= 2 or not ws[0].text[:1].isupper()):
            continue  # "del" of "del Black Friday": an article, no Delaware (stop 39)
        if ws[n].norm == "of":
            continue  # "Republic" of "Republic of Ireland": the head of "X of Y" is a kind of thing, not a place
        feature = ws[n].norm in geo.features  # "Han" of "Han River": a town only in the text's countries
        water = ws[n].norm in geo.water_features  # "Pearl" of "Pearl Harbor": no town anywhere (realworld50)
        found = [c for c in geo.candidates(doc.text[s:t]) if not c.loose]
        if any(c.primary and not ((feature or water) and geo.index.kind[c.record] == CITY
                                  and (water or geo.index.country[c.record] not in countries)) for c in found):
            return Span(s, t)
        if n > 1 and found:
            return None  # "Salt Lake" of "Salt Lake Tribune" (another name of Salt Lake City): not "Salt" (As Salt,
            # Jordan) either (realworld40)
    return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# A legislator's party and home: "Rep. Earl Pomeroy, D-N.D.", "Torrey Westrom, R-Elbow Lake", "(R-Ocilla)"
_PARTY = re.compile(r"\b(?:D|R|I|DFL)-([A-Z][\w.’']*(?: [A-Z][\w.’']*)?)")


def dateline_toponyms(doc: Document, geo: Geocoder, taken: list[tuple[int, int]],
                      head_chars: int = 400) -> list[tuple[str, Span]]:
    """(text, span) of the place a story's dateline names (within its first `head_chars` characters),
    when the gazetteer knows it by its main name."""
    out = []
    for m in DATELINE_AT_SENTENCE.finditer(doc.text, 0, min(len(doc.text), head_chars)):
        s, t = m.start(1), m.end(1)
        surface = doc.text[s:t]
        if not _overlaps(taken, s, t) and any(c.primary and not c.loose for c in geo.candidates(surface)):
            out.append((surface, Span(s, t)))
    return out


def party_toponyms(doc: Document, geo: Geocoder, taken: list[tuple[int, int]]) -> list[tuple[str, Span]]:
    """(text, span) of the home a legislator's party tag names ("D-N.D.", "R-Elbow Lake"): the longest
    run of its words the gazetteer knows by a main name."""
    out = []
    for m in _PARTY.finditer(doc.text):
        ws = words(doc.text, m.start(1), m.end(1))
        for n in range(len(ws), 0, -1):
            s, t = ws[0].start, ws[n - 1].end
            surface = doc.text[s:t].rstrip(",")
            t = s + len(surface)
            if not _overlaps(taken, s, t) and any(c.primary and not c.loose for c in geo.candidates(surface)):
                out.append((surface, Span(s, t)))
                break
    return out
