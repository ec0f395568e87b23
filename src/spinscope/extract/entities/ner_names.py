"""The model's names, trimmed to their words, and curated places (mention finding)."""
from __future__ import annotations

import re

from ...text.names import is_acronym
from ..places.geoindex import geocode_config
from .roles import Profile
from .given_names import given_name_genders
from .segment import Context, Mention, Segment, outside_spans, title_case, listed_words, ner_types
from .settle import given_name_country


MAX_UNIT = 8  # words of the longest title unit looked back for


MAX_NER_WORDS = 6  # longer NER "names" in this press are headlines or shouting, not actors


def headline_fragments(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Without the model's names of a Title-Case or all-capitals headline that the text below it never
    writes with the same letters: there every word is capitalised, so the model takes runs of them for
    names ("Islamic Republic Ceases Naval Provocations", "Put Terrorists", "OF"); a real name of the
    headline is almost always written again in the story. A known place stays ("Oil Tanker Reaches Baniyas")
    unless shouted."""
    heads = {i for i, seg in enumerate(segs) if seg.kind == "title" and title_case(seg)}
    if not heads:
        return mentions
    below = "\n".join(text[a:b] for a, b in outside_spans(len(text), [(segs[i].start, segs[i].end) for i in heads]))
    out = []
    for m in mentions:
        surface = text[m.start:m.end]
        # shouted: "ALEPPO" is written "Aleppo" below, and a known place may be a word ("OF", a Turkish town)
        forms = [surface, surface.title()] if surface.isupper() else [surface]
        if m.source == "ner" and m.seg in heads and (surface.isupper() or not ctx.places.for_person(surface)) \
                and not any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", below) for f in forms):
            continue
        out.append(m)
    return out


def ner_candidates(text: str, si: int, seg: Segment, ctx: Context) -> list[Mention]:
    """The model's names, trimmed to their words: no "the", no possessive, no leading title."""
    labels = ner_types()
    out = []
    for ent in seg.ents:
        if ent.label_ not in labels:
            continue
        s, e = seg.start + ent.start_char, seg.start + ent.end_char
        raw = text[s:e]
        if not any(c.isupper() for c in raw) or any(x in raw for x in ("http", "www.", "@", "/", "_")):
            continue  # lower-case fragments and handles/URLs of comment threads are not names
        first, last = seg.words_within(s, e)
        if last <= first:
            continue
        # an inner possessive splits two names: "Kerry's State Department" (not a group's: "Women's March", kb48)
        for i in range(first, last - 1):
            if seg.words[i].possessive and seg.words[i].norm not in listed_words("name_group_possessors"):
                out.extend(_ner_piece(text, si, seg, first, i + 1, None, ctx))
                first = i + 1
        label = ent.label_
        if label in ("PERSON", "GPE", "LOC", "FAC") and any(seg.words[i].possessive for i in range(first, last - 1)) \
                and not ctx.places.is_place(text[seg.words[first].start:seg.words[last - 1].end]) \
                and not any(w.norm in listed_words("state_form_words") for w in seg.words[first:last]):
            label = "ORG"  # a group's possessive inside: "Swiss People's Party", "the Afar People's Liberation Front"
            # are no person's or place's name (kb48); a state's ("Lao People's Democratic Republic") stays
        out.extend(_ner_piece(text, si, seg, first, last, label, ctx))
    return out


def _ner_piece(text: str, si: int, seg: Segment, first: int, last: int, label: str | None,
               ctx: Context) -> list[Mention]:
    ws = seg.words
    whole = text[ws[first].start:ws[last - 1].end]
    if whole.count("(") != whole.count(")"):  # "Halifax (Nashville": a roster's "TOWN (TEAM)" run together
        for i in range(first, last - 1):
            if any(c in "()" for c in text[ws[i].end:ws[i + 1].start]):
                return (_ner_piece(text, si, seg, first, i + 1, label, ctx)
                        + _ner_piece(text, si, seg, i + 1, last, label, ctx))
    if ws[first].norm == "the" and last - first > 1:
        first += 1
    while last - first > 1 and ws[last - 1].norm in _DANGLING:
        last -= 1  # "Border Security Force of" (Kurds and Arabs): the model stopped one word late
    while last - first > 2 and _SCORE.fullmatch(text[ws[last - 2].start:ws[last - 1].end]):
        last -= 2  # a match score run into the name: "beating Nicolas Jarry 6-4, 6-3", "past Chile 3-0"
    if last - first > 1 and ws[first].norm in listed_words("prefixes") and text[ws[first].end:ws[first + 1].start] == "-":
        first += 1  # "Pro-Assad" names Assad
    if seg.kind == "title" and label != "PERSON" and last - first > 1:
        place = _place_in_headline(text, seg, first, last, ctx)
        if place is not None:  # "Oil Tanker Reaches Baniyas" tagged ORG in a Title-Case headline
            first, last, label = place[0], place[1], "GPE"
    profile = Profile()
    i = first
    while i < last - 1:  # leading titles and nationalities: "Spokesman Igor Konashenkov"
        unit = seg.starts.get(i)
        if unit is None or unit.last >= last or unit.source == "kb" and not unit.roles and not unit.country:
            break  # a KB person's name opening a longer one is no title: "Christopher Nolan" (see _namesake)
        if i == first and label == "PERSON" and given_name_country(seg, unit.first, unit.last, last, ctx):
            break  # "Chad Smith": the given name, not the state (see _namesake)
        for r in unit.roles:
            profile.add_role(r)
        profile.country = unit.country or profile.country
        i = unit.last
    if i > first and (label == "PERSON" or profile.personal) and ws[i].text[:1].isupper():
        first, label = i, "PERSON"
    elif i > first and _country_glued_to_name(seg, first, i, last):
        first, label = i, "PERSON"  # "ambassador to Ukraine Marie Yovanovitch" tagged ORG: the country is apart
        profile = Profile()  # (and says nothing of her: the ambassador *to* Ukraine is no Ukrainian)
    else:
        profile = Profile()
    if _in_title(seg, first, last):
        return []  # "State" of "Virginia State Senator", "General" alone
    if label == "PERSON" and first > 0 and ws[first - 1].norm in listed_words("given_name_idioms_after") \
            and ws[first].text.casefold() in given_name_genders() \
            and (last - first == 1 or (unit := seg.starts.get(first + 1)) is not None
                 and unit.source == "nationality" and unit.last == last):
        return []  # "a regular Joe American", "an average Joe": an idiom, no person (kb47; "a regular Joe Smith" stays)
    span = ws[first:last]
    n_words = last - first
    txt = text[span[0].start:span[-1].end]
    if n_words > MAX_NER_WORDS or (n_words >= 3 and txt.isupper()):
        return []
    if _shouted_lead(text, seg, first, last, ctx):
        return []
    if not any(c.isupper() for c in txt):
        return []
    typ = ner_types().get(label, "other") if label else "other"
    return [Mention(span[0].start, span[-1].end, si, first, last, "ner", typ, label=label,
                    key=tuple(w.norm for w in span), profile=profile)]


def _shouted_lead(text: str, seg: Segment, first: int, last: int, ctx: Context) -> bool:
    """A listing's lead verb in capitals opening its line ("SPEND a day in the country", "ATTEND a two-day
    symposium", "CHEER ON Juniors and ..."): the capitals run from the line's start and go on with an article
    or possessive in lower case, or hold a function word ("ON") after their first word; not a name
    ("NASA scientists", "NATO and Russia"); realworld38."""
    ws = seg.words
    head = ws[first].text
    if not (len(head) >= 3 and head.isalpha() and head.isupper()) or ctx.places.is_place(head):
        return False
    if text[max(seg.start, ws[first].start - 2):ws[first].start].strip() or \
            (ws[first].start > seg.start and text[ws[first].start - 1] not in "\n"):
        return False  # only at the start of the text's line
    run = first
    while run < len(ws) and ws[run].text.isalpha() and ws[run].text.isupper():
        run += 1
    vocab = seg.sdoc.vocab
    if any(vocab[w.text.lower()].is_stop for w in ws[first + 1:run]):
        return True  # "CHEER ON", "SIGN UP FOR"
    return run < len(ws) and run >= last and ws[run].norm in listed_words("determiners") \
        and ws[run].text[:1].islower()


def _country_glued_to_name(seg: Segment, first: int, i: int, last: int) -> bool:
    """Words first..i are a country's name (no given name among them: "Georgia", "Chad" are both) and
    words i..last a given name borne by one sex and at least one more word: the model ran a country
    into the person named after it ("ambassador to Ukraine Marie Yovanovitch")."""
    genders = given_name_genders()
    ws = seg.words
    units, j = [], first
    while j < i:
        unit = seg.starts.get(j)
        if unit is None or unit.roles or not unit.country or unit.source not in ("country", "kb"):
            return False
        units.append(unit)
        j = unit.last
    return (last - i >= 2 and ws[i].norm in genders and ws[i].text[:1].isupper()
            and not any(w.norm in genders for w in ws[first:i]))


# a game or match score ("6-4", "3–0"), never the last word of a name (stop-35 audit: a tennis report)
_SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")


_DANGLING = frozenset({"of", "and", "for", "the", "in", "on", "at", "to", "by", "with", "from", "&"})


def _place_in_headline(text: str, seg: Segment, first: int, last: int, ctx: Context) -> tuple[int, int] | None:
    """The longest known place inside a name the model found in a Title-Case headline; the whole name
    first, and never the tail of a place name's opener ("Jersey" of "New Jersey", "York" of "New York")."""
    openers = {str(w) for w in geocode_config()["name_openers"]}
    for n in range(last - first, 0, -1):
        for i in range(first, last - n + 1):
            if i > first and seg.words[i - 1].norm in openers:
                continue
            if ctx.places.for_person(text[seg.words[i].start:seg.words[i + n - 1].end]):
                return i, i + n
    return None


def curated_places(text: str, si: int, seg: Segment, ctx: Context) -> list[Mention]:
    """The curated places of the coverage, wherever they stand ("Dahiyat al-Assad", "al-Tanf")."""
    out = []
    exact = None
    for m in ctx.places.curated.find(text, seg.words):
        if any(w.text[:1].isupper() for w in seg.words[m.first:m.last]):
            if m.last - m.first > 1 and m.first > 0 and seg.words[m.first - 1].text[:1].isupper() \
                    and text[seg.words[m.first - 1].end:m.start] == " ":
                # the tail of a longer name, written in another case: "the Tampa Bay area" is no "Bay Area"
                if exact is None:
                    exact = {(e.start, e.end) for e in ctx.places.curated.find(text, seg.words, exact_case=True)}
                if (m.start, m.end) not in exact:
                    continue
            out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "place", label="GPE", key=m.key))
    return out


def with_places(ner: list[Mention], places: list[Mention]) -> list[Mention]:
    """NER names plus curated places: a place replaces the model's names it overlaps, unless one
    of them is longer and holds it ("Deir Ezzor City")."""
    out = list(ner)
    for p in places:
        over = [n for n in out if n.start < p.end and p.start < n.end]
        if any(n.start <= p.start and p.end <= n.end and (n.end - n.start) > (p.end - p.start) for n in over):
            continue
        out = [n for n in out if n not in over] + [p]
    return sorted(out, key=lambda m: m.start)


def _in_title(seg: Segment, first: int, last: int) -> bool:
    """Every word of the span belongs to title words ("State" of "Virginia State Senator"); an
    acronym ("UN", "EU") is a name of its own."""
    if last - first == 1 and is_acronym(seg.words[first].text):
        return False
    i = first
    while i < last:
        unit = next((u for j in range(i, max(i - MAX_UNIT, -1), -1) if (u := seg.starts.get(j)) is not None
                     and u.source == "role" and i < u.last), None)
        if unit is None:
            return False
        i = unit.last
    return True
