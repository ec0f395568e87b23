"""A capital the KB lists as a government's alias that stands for the city here ("talks in Moscow")."""
from __future__ import annotations

import re

from .gazetteer import Match
from ..places.placenames import after_division_phrase
from ...text.dateline import DATELINE_END
from ...text.names import is_acronym, name_key
from .segment import Context, Segment, close_words, listed_words, title_case


_DASHES = ("-", "\u2013", "\u2014")


# "(M2)" between a route's places and its noun: "the Baghdad-Damascus (M2) highway"
_ROUTE_CODE = re.compile(r"\s*\([^()\n]{1,12}\)")


def _on_route(text: str, seg: Segment, first: int, last: int) -> bool:
    """Whether words first..last are one of several capitalized names joined by dashes before a
    route noun: "the Baghdad-Damascus highway"."""
    ws = seg.words

    def glued(i: int) -> bool:  # word i and i + 1 joined by one dash, both capitalized
        return (i + 1 < len(ws) and text[ws[i].end:ws[i + 1].start] in _DASHES
                and ws[i].text[:1].isupper() and ws[i + 1].text[:1].isupper())

    a, b = first, last - 1
    while a > 0 and glued(a - 1):
        a -= 1
    while glued(b):
        b += 1
    if a == first and b == last - 1:
        return False  # no other name joined to it
    end = ws[b].end
    code = _ROUTE_CODE.match(text, end)
    if code:
        end = code.end()
    nxt = seg.word_at(end + 1) if text[end:end + 1] == " " else None
    return nxt is not None and ws[nxt].start == end + 1 and ws[nxt].norm in listed_words("route_nouns")


def literal_capital(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """A city the KB lists as a government's alias stands for the city after "in", "from"..., on a
    dateline, glued to "-based", and before a noun it modifies ("a Moscow press conference"); a body's
    own name never does ("White House" is also a name of Casablanca)."""
    name = text[m.start:m.end]
    if actor.type in ("state", "person") or not ctx.places.is_place(name):
        return False
    if name_key(name) == name_key(actor.name):
        return False  # the body's own name ("a White House adviser"), not a city standing for it
    if m.first == 0 and seg.kind != "title" and (DATELINE_END.match(text, m.end) or _agency_after(text, m.end, ctx)):
        return True  # "WASHINGTON —", "LONDON (AP) —", "New Delhi:", "Washington (CNN) Senate ..." open the story
    if _opens_longer_name(text, seg, m):
        return True  # "the Washington Redskins", "the Paris Agreement": a name of something named after the city
    if is_acronym(name):
        return False  # "UN" is also a town of India, but "His UN speech" is the organisation's
    if after_division_phrase(text, m.start):
        return True  # "states like Washington and Colorado": the US state, no government (stop 44)
    if m.first > 0 and seg.words[m.first - 1].norm in listed_words("locative_prepositions") | listed_words("area_words") \
            and not _attitude_toward(seg, m.first - 1):
        return True
    if m.first > 0 and seg.words[m.first - 1].norm in ("to", "for") and _destination(seg, m.first - 1):
        return True
    if m.first > 1 and _listed_after_locative(text, seg, m.first, m.end):
        return True  # "via Moscow and Paris", "in London, Paris and Berlin": each of the list is a city
    if seg.words[m.last - 1].possessive and any(
            w.norm in listed_words("city_nouns") for w in seg.words[m.last:m.last + 4]):
        return True  # "Seoul's millions of inhabitants", "London's newly elected Labour mayor": the city
    if m.first > 1 and seg.words[m.first - 1].norm == "of" and seg.words[m.first - 2].norm in listed_words("city_nouns"):
        return True  # "the Diocese of Paris", "the streets of Moscow", "the mayor of London": the city (stop 38)
    if _CITY_WITH_DISTRICT.match(text, m.end) or (text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ":"):
        return True  # "a Washington, DC, store"; "(Paris: Editions Robert Laffont, 1972)", a publisher's city (stop 38)
    if _on_route(text, seg, m.first, m.last):
        return True
    if _city_pair(text, seg, m, actor, ctx):
        return True  # "flights between Boston and Washington": two cities of one country (stop 40)
    events = listed_words("city_event_words")
    after = seg.words[m.last:m.last + 2]
    if after and (after[0].norm in events or len(after) == 2 and after[0].text[:1].isupper()
                  and after[1].norm in events):
        return True  # "the London Marathon", "London Women's Marathon": the city's race, not its government
    if m.last < len(seg.words) and text[m.end:m.end + 1] == "-" and seg.words[m.last].start == m.end + 1 \
            and seg.words[m.last].norm in listed_words("literal_suffixes"):
        return True
    tok = seg.token_at(seg.words[m.last - 1].start)
    return (tok is not None and tok.dep_ == "compound" and tok.head.pos_ == "NOUN"
            and not seg.words[m.last - 1].possessive
            and tok.head.lemma_.lower() not in listed_words("capital_government_nouns"))  # "the Pyongyang regime" (stop 41)


_BRACKETED = re.compile(r" \(([^()\n]{1,30})\) +(?=[A-Z])")
_NAME_LABELS = ("ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT")


def _agency_after(text: str, end: int, ctx: Context) -> bool:
    """An agency in brackets follows the name and the story goes on without a dash ("Washington (CNN) Senate
    Republicans ..."): a dateline (stop 41). The bracket holds an acronym or a KB outlet's name."""
    hit = _BRACKETED.match(text, end)
    if hit is None:
        return False
    inside = hit.group(1).strip()
    return is_acronym(inside) or any(a.type == "media" for a in ctx.index.kb.lookup(inside))


def _city_parts() -> frozenset[str]:
    """Words of a body's or a place's name that, after a capital's possessive, make it the city's: `named_thing_nouns`
    ("Washington's Institute for Science"), `place_tail_words` and `place_head_words` ("London's River Thames",
    "Beijing's Tiananmen Square"; stop 42)."""
    return listed_words("named_thing_nouns") | listed_words("place_tail_words") | listed_words("place_head_words")


def _opens_longer_name(text: str, seg: Segment, m: Match) -> bool:
    """The parser's name of a body, law, event, building or work starts with the capital and goes on with
    capitalized words ("the Washington Redskins", "the Paris Agreement", "the Beijing Olympics"; stop 41): the
    capital is the first word of that name, not its government. A longer KB name ("Washington Post") is matched
    whole before this is asked; a Title-Case headline is not read so. A capital's possessive before the parser's
    body or place whose name holds one of `_city_parts` ("London's River Thames") is the city too."""
    if m.last >= len(seg.words) or not seg.words[m.last].text[:1].isupper():
        return False
    if seg.words[m.last - 1].possessive:  # "Washington's Institute for Science and International Security": a
        at = seg.words[m.last].start  # body of the city (`named_thing_nouns`), not of the government
        return any((seg.start + e.start_char == at or seg.start + e.start_char <= m.start < m.end
                    < seg.start + e.end_char) and e.label_ in ("ORG", "FAC", "LOC") and any(
            w.lower() in _city_parts() for w in e.text.split()) for e in seg.ents) \
            and not title_case(seg)
    if seg.words[m.last].norm in listed_words("named_thing_nouns"):
        return False  # "Tehran University", "the Moscow Zoo": `named_things` makes the body of these (stop 29)
    for e in seg.ents:
        start, stop = seg.start + e.start_char, seg.start + e.end_char
        if start <= m.start and stop > m.end and e.label_ in _NAME_LABELS and text[m.start:stop].count(" ") >= 1:
            return not title_case(seg)
        if start > m.start:
            break
    return False


_CITY_WITH_DISTRICT = re.compile(r",?[\s\u00a0]+(?:D\.C\.|DC)(?![\w.])")


_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)[A-Z]")


def _listed_after_locative(text: str, seg: Segment, first: int, end: int) -> bool:
    """Whether word `first` follows "and" or "or" (or a comma, when the list goes on after the name that ends at
    `end`) in a list of capitalized names that one of `locative_prepositions` opens ("via Moscow and Paris",
    "in London, Paris and Berlin"; not "inside Syria, Damascus declared"), nine words back at most (realworld37)."""
    ws = seg.words
    if not (ws[first - 1].norm in ("and", "or")
            or "," in text[ws[first - 1].end:ws[first].start] and _LIST_GOES_ON.match(text, end)):
        return False
    names = 0
    for k in range(first - 1, max(-1, first - 10), -1):
        if ws[k].text[:1].isupper() and not ws[k].possessive:
            names += 1
        elif ws[k].norm not in ("and", "or"):
            return names > 0 and ws[k].norm in listed_words("locative_prepositions")
    return False


def _destination(seg: Segment, to: int) -> bool:
    """Word `to` ("to" or "for") leads to a destination: "to" after a verb of travel ("traveled with officials
    to London", "flew to Damascus") or closing a "from X to Y" ("from Tehran to Beirut"), not "opposed to
    Damascus"; "for" after a verb of leaving ("left Moscow for Ankara"), not "support for Damascus"."""
    ws = seg.words
    if ws[to].norm == "for":
        verbs = listed_words("departure_verbs")
    elif any(ws[j].norm == "from" and ws[j + 1].text[:1].isupper() for j in range(max(0, to - 5), to - 1)):
        return True
    else:
        verbs = listed_words("travel_verbs")
    tok = seg.token_at(ws[to].start)
    if ws[to].norm == "to" and tok is not None and tok.head is not tok and tok.head.pos_ == "NOUN" \
            and tok.head.lemma_.lower() in listed_words("travel_nouns"):
        return True  # "Lam's recent trip to Beijing", "a visit to Moscow" (realworld37)
    for _ in range(3):  # "to" -> its verb, through "and to" coordination
        if tok is None or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ in verbs:  # ("bound for": an adjective to the parser)
            return tok.lemma_.lower() in verbs or tok.lower_ in verbs
    return False


def _attitude_toward(seg: Segment, i: int) -> bool:
    """Word i is "toward(s)" after a noun or adjective that is no noun of travel ("its policy toward Beijing",
    "hostile towards Moscow"): the government, not a direction (stop 40); "headed toward Moscow", "the march
    toward Kyiv" stay the city."""
    if seg.words[i].norm not in ("toward", "towards"):
        return False
    tok = seg.token_at(seg.words[i].start)
    return tok is not None and tok.head is not tok and tok.head.pos_ in ("NOUN", "ADJ") \
        and tok.head.lemma_.lower() not in listed_words("travel_nouns")


def _city_pair(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """A capital joined by "and" or "or" to a city of the same country that no KB name covers: "between Boston
    and Washington", "Shanghai or Beijing" are two cities ("between Kyiv and Washington", two capitals that
    both stand for governments, and "Jerusalem and Washington", of two countries, are not touched)."""
    ws = seg.words
    if m.first >= 2 and ws[m.first - 1].norm in ("and", "or"):
        j = m.first - 2
        a = j
        while a > 0 and a > j - 2 and ws[a - 1].text[:1].isupper() and close_words(seg, a - 1):
            a -= 1
        first, last = a, j + 1
    elif m.last + 1 < len(ws) and ws[m.last].norm in ("and", "or"):
        first = b = m.last + 1
        while b + 1 < len(ws) and b < first + 2 and ws[b + 1].text[:1].isupper() and close_words(seg, b):
            b += 1
        first, last = first, b + 1
    else:
        return False
    if not ws[first].text[:1].isupper() or ws[last - 1].possessive \
            or any(seg.starts.get(k) is not None or seg.ends.get(k) is not None for k in range(first, last)):
        return False
    info = ctx.places.get(text[ws[first].start:ws[last - 1].end])
    return info is not None and info.kind == "city" and info.country is not None and info.country == actor.country
