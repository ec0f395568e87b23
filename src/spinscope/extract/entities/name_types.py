"""Type repair of the model's names: person, organisation, place or other."""
from __future__ import annotations

import re

from ...text.dateline import DATELINE_AT_SENTENCE
from ...text.names import is_acronym
from ..places.geoindex import geocode_config
from .given_names import given_name_genders
from .segment import Context, Mention, Segment, listed_words
from .titles import personal_appositive, title_before


_CAMEL = re.compile(r"([A-Z][a-z]+)[A-Z][a-z]+")


def _camel_product(word: str) -> bool:
    """A word with a capital after lower-case letters inside ("AdWords", "YouTube"), its opening no surname's or given
    name's (`camel_name_openings`: "McCain", "DeSantis", "LeBron" are names)."""
    m = _CAMEL.fullmatch(word)
    return m is not None and m.group(1).lower() not in listed_words("camel_name_openings")


def type_ner(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> None:
    """Type repair: titles and full names make persons, known places are never persons or nationalities."""
    for m in mentions:  # "the Omar oil field" tagged PERSON: the facility, nouns included, is the entity
        words = _facility_after(segs[m.seg], m.last) if m.source == "ner" and m.label in ("PERSON", "ORG") else 0
        if words:  # typed `other`, not `place`: the geocoder would take the name's head for a namesake town
            ws = segs[m.seg].words  # (Omar, West Virginia); facilities the gazetteer knows come as places
            m.end, m.key = ws[m.last + words - 1].end, m.key + tuple(w.norm for w in ws[m.last:m.last + words])
            m.last += words
            m.type, m.label = "other", "FAC"
    for m in mentions:  # "the UN envoy Staffan de Mistura" tagged ORG: a personal title makes a person
        if m.source == "ner" and m.label != "PERSON" and not ctx.places.is_place(text[m.start:m.end]):
            before = title_before(segs[m.seg], m.first)
            if before.personal:
                m.type, m.label = "person", "PERSON"
                m.profile.update(before)
        if m.source == "ner" and m.label == "ORG" and 2 <= len(m.key) <= 3 and not is_acronym(text[m.start:m.end]) \
                and not ctx.places.is_place(text[m.start:m.end]):
            after = personal_appositive(text, segs[m.seg], m.last)  # "X, an Iranian journalist" tagged ORG
            if after is not None:
                m.type, m.label = "person", "PERSON"
                m.profile.update(after)
    for m in mentions:  # "his wife Shannon", "parents Bob and Cecilia": a relative's given name, no town
        if m.source == "ner" and m.label != "PERSON" and len(m.key) == 1 and _after_kin_noun(segs[m.seg], m.first):
            m.type, m.label = "person", "PERSON"
    for m in mentions:  # "Eva-Marie Persson" tagged ORG, "Marina Fang" tagged GPE: a given name and a surname
        if m.source == "ner" and m.label in ("ORG", "GPE", "LOC", "FAC") and _given_and_surname(text[m.start:m.end], ctx):
            m.type, m.label = "person", "PERSON"
    full_names = [m.key for m in mentions if len(m.key) > 1 and (
        (m.source == "kb" and m.type == "person")
        or (m.label == "PERSON" and not ctx.places.for_person(text[m.start:m.end])))]
    for m in mentions:
        if m.source == "kb" and m.type == "person":
            full_names.extend(k for k in _actor_keys(ctx, m.kb_id) if len(k) > 1)
    full_set = set(full_names)
    person_keys = {m.key for m in mentions if m.label == "PERSON"}
    for m in mentions:  # "Staffan de Mistura" tagged ORG, "De Mistura" tagged PERSON
        if m.source == "ner" and m.label != "PERSON" and 2 <= len(m.key) <= 4 \
                and any(len(p) < len(m.key) and m.key[-len(p):] == p for p in person_keys) \
                and not ctx.places.is_place(text[m.start:m.end]) and "-" not in text[m.start:m.end].split()[0]:
            m.type, m.label = "person", "PERSON"
            full_set.add(m.key)

    def surname(key: tuple) -> bool:
        return any(len(f) > len(key) and f[-len(key):] == key for f in full_set)

    firsts = {f[0] for f in full_set if len(f) > 1}
    for m in mentions:  # "a big fan of Paul" tagged ORG after "Paul D. Ryan": the given name of a person
        if m.source == "ner" and m.label in ("ORG", "GPE", "LOC") and len(m.key) == 1 and m.key[0] in firsts \
                and m.key[0] in given_name_genders() and not ctx.places.for_person(text[m.start:m.end]):
            m.type, m.label = "person", "PERSON"
    for m in mentions:  # "contact AdWords support" tagged PERSON: a product's name written in camel case (kb45)
        if m.source == "ner" and m.label == "PERSON" and len(m.key) == 1 and _camel_product(text[m.start:m.end]) \
                and m.key[0] not in firsts and not surname(m.key):
            m.type, m.label = "organization", "ORG"
    person_votes: dict[tuple, int] = {}
    for m in mentions:
        if m.source == "ner" and m.label == "PERSON" and len(m.key) == 1:
            person_votes[m.key] = person_votes.get(m.key, 0) + 1
    for m in mentions:  # "stored in Basil" tagged GPE where the text names its app Basil six times as a person
        if m.source == "ner" and m.label in ("GPE", "LOC") and len(m.key) == 1 and person_votes.get(m.key, 0) >= 2 \
                and not ctx.places.is_place(text[m.start:m.end]):
            m.type, m.label = "person", "PERSON"

    _unknown_places_of_people(text, segs, mentions, ctx)
    for m in mentions:  # "HONOLULU, Hawaii (HawaiiNewsNow) -" tagged ORG: a dateline's place, which the places stage reads
        if m.source == "ner" and m.label in ("ORG", "PERSON", "NORP") and _dateline_place(text, m, ctx):
            m.type, m.label = "place", "GPE"
    for m in mentions:  # "2 liters of Mountain Dew" tagged PERSON: a drink, a food or a product
        if m.source == "ner" and m.label in ("PERSON", "ORG") and _after_measure(segs[m.seg], m.first):
            m.type, m.label = "other", "PRODUCT"
    for m in mentions:  # "the new MacBook Pro" tagged PERSON or ORG: a product's model word ends it (stop 41)
        if m.source == "ner" and m.label in ("PERSON", "ORG") and len(m.key) >= 2 \
                and m.key[-1] in listed_words("product_model_words") and not m.profile.kinds:
            m.type, m.label = "other", "PRODUCT"
    for m in mentions:
        if m.source != "ner" or m.label == "PRODUCT":
            continue
        name = text[m.start:m.end]
        if m.label == "PERSON":
            if _feature_head(name) and not m.profile.kinds and not ctx.places.for_person(name):
                m.type = "other"  # as a facility: a landform the gazetteer (towns) does not hold is not geocoded
            elif m.profile.kinds or m.profile.gender or surname(m.key) or m.key in full_set or _speaks(segs[m.seg], m):
                m.type = "person"
            elif len(m.key) == 1 and not ctx.places.country_code(name) and (
                    _after_kin_noun(segs[m.seg], m.first)
                    or m.key[0] in firsts and _subject_of_verb(segs[m.seg], m)):
                m.type = "person"  # "my wife and co-founder Kati", "the technology Kyle refers to" (after "Kyle
                # Baxter"): a person, though Kati and Kyle are towns (realworld38)
            elif ctx.places.for_person(name):
                m.type = "place"
        elif surname(m.key) and not is_acronym(name) and (not ctx.places.is_place(name) or _speaks(segs[m.seg], m)):
            m.type = "person"  # "Lavrov" or "De Mistura" tagged ORG; "Orlov said" though Orlov is a town
        elif m.label == "NORP":
            m.type = "place" if ctx.places.is_place(name) else "other"
        elif m.label == "ORG" and len(m.key) == 1 and not is_acronym(name) and ctx.places.for_person(name):
            m.type = "place"  # "Crimea" tagged ORG
        elif m.label is None:
            m.type = "place" if ctx.places.is_place(name) else "other"


# " of Ethiopia", " of the USA" after a name: whose country a person is ("Dibaba of Ethiopia")
_OF_ITS_COUNTRY = re.compile(r" of (?:the )?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})")


def _unknown_places_of_people(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> None:
    """A name the model tags GPE or LOC that no gazetteer knows is a person when "of" and a country follow it
    ("Tiki Gelana of Ethiopia", "Jeptoo of Kenya": a race report's runners), and so is every other such
    unknown "place" of the text with that name ("Not that Gelana was an outsider"); stop 37."""
    def unknown_place(m: Mention) -> bool:
        name = text[m.start:m.end]
        return (m.source == "ner" and m.label in ("GPE", "LOC") and len(m.key) <= 2 and not is_acronym(name)
                and not ctx.places.is_place(name) and not ctx.vocab.roles_in(name))

    people = set()  # (not every word the model tags PERSON once: "the Jenin camp" may be one)
    for m in mentions:
        if unknown_place(m) and (hit := _OF_ITS_COUNTRY.match(text, m.end)):
            words = hit.group(1).split(" ")
            if any(ctx.places.country_code(" ".join(words[:n])) for n in range(len(words), 0, -1)):
                m.type, m.label = "person", "PERSON"
                people.add(m.key[-1:])
    for m in mentions:
        if unknown_place(m) and len(m.key) == 1 and m.key in people:
            m.type, m.label = "person", "PERSON"


def _subject_of_verb(seg: Segment, m: Mention) -> bool:
    """The one-word mention is the subject of a verb ("the technology Kyle refers to")."""
    tok = seg.token_at(seg.words[m.first].start)
    return tok is not None and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB"


def _dateline_place(text: str, m: Mention, ctx: Context) -> bool:
    """The mention is the place in capitals of a dateline opening a paragraph ("HONOLULU, Hawaii (Outlet) -")."""
    name = text[m.start:m.end]
    if not name.isupper() or not ctx.places.is_place(name) or (m.start > 0 and text[m.start - 1] != "\n"):
        return False
    hit = DATELINE_AT_SENTENCE.match(text, m.start)
    return hit is not None and hit.end(1) == m.end


_COUNT = re.compile(r"\d[\d.,/]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|half|dozen|several|few")


def _after_measure(seg: Segment, first: int) -> bool:
    """The name comes after "NUMBER MEASURE of" ("2 liters of", "a can of", "three cups of")."""
    ws = seg.words
    return (first >= 3 and ws[first - 1].norm == "of" and ws[first - 2].norm in listed_words("measure_nouns")
            and _COUNT.fullmatch(ws[first - 3].norm) is not None)


def _feature_head(name: str) -> bool:
    """A name of two or more words opening with a landform word ("Jebel Tharda", "Mount Hermon", "Wadi Barada"):
    no person, though the model typed it so."""
    words = name.split()
    return len(words) > 1 and words[0].lower().strip(".") in listed_words("place_head_words")


def _after_kin_noun(seg: Segment, first: int) -> bool:
    """Word `first` right after a kin noun (`kin_nouns`), after "<kin noun> <Name> and", or after "<kin noun> and
    <noun>" ("my wife and co-founder Kati"; realworld38)."""
    ws, kin = seg.words, listed_words("kin_nouns")
    if first >= 1 and ws[first - 1].norm in kin and ws[first - 1].text[:1].islower():
        return True
    j = first - 1  # the noun after "and", hyphened words included ("co-founder")
    while j >= 1 and ws[j].text[:1].islower() and seg.text[ws[j - 1].end:ws[j].start] == "-":
        j -= 1
    if j >= 2 and j < first and ws[j].text[:1].islower() and ws[j - 1].norm == "and" and ws[j - 2].norm in kin \
            and ws[j - 2].text[:1].islower():
        return True
    return (first >= 3 and ws[first - 1].norm == "and" and ws[first - 2].text[:1].isupper()
            and ws[first - 3].norm in kin and ws[first - 3].text[:1].islower())


def _given_and_surname(name: str, ctx: Context) -> bool:
    """Two capitalized words, the first (or a part of a hyphenated first) a given name borne by one sex
    (data/entities/given_names.yaml), the second no body or feature noun, the whole no known place or
    acronym: a person's name the model typed otherwise ("Eva-Marie Persson", "Marina Fang")."""

    words = name.split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:2].islower() for w in words) or ctx.places.is_place(name):
        return False
    last = words[1].lower().strip(".,’'")
    if last in listed_words("named_thing_nouns") or last in listed_words("facility_nouns") \
            or last in listed_words("place_tail_words") \
            or last in (str(w) for w in geocode_config().get("feature_suffixes") or ()):
        return False
    genders = given_name_genders()
    return any(part.casefold() in genders for part in words[0].split("-"))


def _facility_after(seg: Segment, last: int) -> int:
    """How many words of one of `facility_nouns` follow word `last` (0, 1 or 2; the longer first)."""
    ws, nouns = seg.words, listed_words("facility_nouns")
    if last + 1 < len(ws) and f"{ws[last].norm} {ws[last + 1].norm}" in nouns:
        return 2
    return 1 if last < len(ws) and ws[last].norm in nouns else 0


def _speaks(seg: Segment, m: Mention) -> bool:
    """A speech verb follows: "Orlov said" is a person whatever town bears the name."""
    return m.last < len(seg.words) and seg.words[m.last].norm in listed_words("speech_verbs") \
        and not seg.words[m.last - 1].possessive


def _actor_keys(ctx: Context, actor_id: str | None) -> tuple[tuple[str, ...], ...]:
    return ctx.index.name_keys(actor_id)
