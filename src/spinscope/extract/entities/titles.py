"""Titles around a person's name, and role nominals ("the spokesman", "the Russian diplomat")."""
from __future__ import annotations

import re

from .roles import Profile
from .segment import Mention, Segment, close_words, recognize_data, listed_words


def title_before(seg: Segment, first: int) -> Profile:
    """Titles right before a name: "Russian Defense Ministry spokesman General" Igor Konashenkov."""
    profile = Profile()
    j = first - 1
    run_start = first
    while j >= 0:
        unit = seg.ends.get(j)
        if unit is None or (j == first - 1 and unit.roles and unit.roles[0].term in _CONNECTORS):
            break  # "spokesman for the" Free Syrian Army: a title does not end in a small word
        nxt = seg.words[unit.last] if unit.last < len(seg.words) else None
        if nxt is not None and not (seg.words[unit.last - 1].possessive or close_words(seg, unit.last - 1)):
            break
        if unit.country and not profile.country:
            profile.country = unit.country
        run_start = unit.first
        j = unit.first - 1
        if first - run_start > 10:
            break
    _collect(seg, run_start, first, profile)
    return profile


def appositive_after(text: str, seg: Segment, last: int) -> Profile:
    """A title after the name and a comma: "Maria Zakharova, the spokeswoman of the Foreign Ministry"."""
    return _appositive(text, seg, last)[0]


# A person's candidacy said by a clause right after the name ("Eric Kingson, who is running for Congress", "Smith,
# running against the incumbent"): the candidate a later "the candidate" means (stop 39, second pass).
_RUNNING = re.compile(r",?[\s\u00a0]+(?:who[\s\u00a0]+(?:is|was|has[\s\u00a0]+been)[\s\u00a0]+|(?:is|was)[\s\u00a0]+)?"
                      r"(?:now[\s\u00a0]+)?(?:running|campaigning)[\s\u00a0]+(?:for|against)\b")


def candidacy_after(text: str, end: int) -> Profile:
    """The role "candidate" for a name a candidacy clause follows (`_RUNNING`), else nothing."""
    profile = Profile()
    if _RUNNING.match(text, end):
        profile.kinds.add("candidate")
        profile.personal = True
    return profile


def _appositive(text: str, seg: Segment, last: int) -> tuple[Profile, int]:
    """The appositive title's roles and the index of the word after its titles."""
    profile = Profile()
    ws = seg.words
    if last >= len(ws) or last == 0 or text[ws[last - 1].end:ws[last].start].strip() != ",":
        return profile, last
    k = last
    if ws[k].norm in ("a", "an"):
        k += 1
        # one or two capitalized words that are no title before a role ("a House candidate", "a Harvard
        # professor"): the role's modifier, skipped (stop 39, second pass)
        j = k
        while j < len(ws) and j - k < 2 and seg.starts.get(j) is None and ws[j].text[:1].isupper() \
                and ws[j].text.isalpha() and close_words(seg, j):
            j += 1
        if j > k and seg.starts.get(j) is not None and seg.starts[j].roles:
            k = j
    start = k
    while k < len(ws) and k - start <= 10:
        unit = seg.starts.get(k)
        if unit is None:
            break
        if unit.country and not profile.country:
            profile.country = unit.country
        k = unit.last
        if k < len(ws) and not close_words(seg, k - 1):
            break
    if k > start:
        _collect(seg, start, k, profile)
    if not profile.kinds:
        return Profile(), last  # a comma and a country ("Lavrov, Russia") says nothing of a role
    return profile, k


def personal_appositive(text: str, seg: Segment, last: int) -> Profile | None:
    """A personal title heads the appositive: "X, an Iranian journalist visiting ..." (not "X, a militant
    group", whose head is the noun after the title)."""
    profile, k = _appositive(text, seg, last)
    if not profile.personal:
        return None
    if k < len(seg.words):
        tok = seg.token_at(seg.words[k].start)
        if tok is None or tok.pos_ in ("NOUN", "PROPN") or seg.words[k - 1].possessive:
            return None
    return profile


def _collect(seg: Segment, first: int, last: int, profile: Profile) -> None:
    """The roles of every title unit inside words first..last."""
    for j in range(first, last):
        unit = seg.starts.get(j)
        if unit is not None and unit.last <= last:
            for r in unit.roles:
                profile.add_role(r)


def nominals(segs: list[Segment], mentions: list[Mention]) -> list[Mention]:
    """Role nominals: "the spokesman", "the Russian diplomat" (not "the spokesman Igor Konashenkov",
    not "the general public")."""
    taken = {(m.seg, i) for m in mentions if m.source != "nationality" for i in range(m.first, m.last)}
    out = []
    for si, seg in enumerate(segs):
        ws = seg.words
        for i, w in enumerate(ws):
            if w.norm != "the" or not close_words(seg, i):
                continue
            k, country = i + 1, None
            unit = seg.starts.get(k)
            if unit is not None and unit.country and not unit.roles and close_words(seg, unit.last - 1):
                country, k = unit.country, unit.last
            for _ in range(3):  # "the former deputy foreign minister"
                unit = seg.starts.get(k)
                if unit is None or not unit.roles or unit.roles[0].kinds or unit.roles[0].term in _CONNECTORS \
                        or not close_words(seg, unit.last - 1):
                    break
                k = unit.last
            unit = seg.starts.get(k)
            if unit is None or not unit.roles or not unit.roles[0].nominal:
                continue
            role, end = unit.roles[0], unit.last
            if i > 0 and ws[i - 1].norm in listed_words("copulas") and not ws[end - 1].possessive:
                continue  # "to be the candidate": a predicate ("was the president's call" is no predicate)
            if not role.capitalized and any(x.text[:1].isupper() for x in ws[k:end]):
                continue  # "the Special Envoy" is an office's name more often than a person
            if end < len(ws) and close_words(seg, end - 1) and ws[end].text[:1].isupper() and not ws[end - 1].possessive:
                continue  # a title before a name
            tok = seg.token_at(ws[end - 1].start)
            if role.ambiguous and (tok is None or tok.pos_ != "NOUN"):
                continue
            if tok is not None and tok.dep_ == "compound" and tok.head.i > tok.i \
                    and tok.head.lower_ in listed_words("office_nouns"):
                continue  # "the deputy prime minister post", "the mayor race": the office, no person
            if any((si, j) in taken for j in range(i + 1, end)):
                continue
            if _described_by_of(seg, end):
                continue  # "the leader of the conservative movement", "the president of the company": a
                # description of someone, not the office holder named last (stop 39)
            country = country or _of_country(seg, end) or _of_epithet(seg, end)
            out.append(Mention(ws[i + 1].start, ws[end - 1].end, si, i + 1, end, "nominal", "person",
                               key=tuple(x.norm for x in ws[i + 1:end]), role=role, role_country=country,
                               role_of=_of_body(seg, end)))
    return out


_CONNECTORS = ("the", "of", "for", "and", "to")


def _after_of(seg: Segment, end: int) -> int | None:
    """The index of the word an "of" complement right after a role starts with ("the" skipped), None without one."""
    ws = seg.words
    k = end
    if k >= len(ws) or ws[k].norm != "of" or not close_words(seg, k - 1):
        return None
    k += 1
    if k < len(ws) and ws[k].norm == "the":
        k += 1
    return k


def _described_by_of(seg: Segment, end: int) -> bool:
    """A lower-case "of" complement right after the role: "the leader of the conservative movement", unless the
    role is the object of a verb that takes "of" itself (`of_verbs`: "to accuse the president of obstruction")."""
    k = _after_of(seg, end)
    if k is None or k >= len(seg.words) or not seg.words[k].text[:1].islower() or _of_epithet(seg, end):
        return False
    role = seg.token_at(seg.words[end - 1].start)
    return role is None or role.dep_ != "dobj" or role.head.lemma_.lower() not in listed_words("of_verbs")


def _of_epithet(seg: Segment, end: int) -> str | None:
    """The country of an office's epithet in an "of" complement right after a role (`of_epithets`: "the leader of
    the free world" asks for the US president the text names)."""
    k = _after_of(seg, end)
    if k is None:
        return None
    for phrase, country in (recognize_data().get("of_epithets") or {}).items():
        words = str(phrase).split()
        if [w.norm for w in seg.words[k:k + len(words)]] == words:
            return str(country)
    return None


def _of_body(seg: Segment, end: int) -> str | None:
    """The first word of a capitalized name in an "of" complement right after a role that names no
    country: "the chairman of the Republican party in Pike County" asks for the chairman of that
    body, not for any chairman the text names ("republican")."""
    k = _after_of(seg, end)
    if k is None or k >= len(seg.words) or not seg.words[k].text[:1].isupper():
        return None
    unit = seg.starts.get(k)
    if unit is not None and unit.country and not unit.roles:  # "the president of Russia": a country
        if _country_opens_name(seg, unit):
            return seg.words[unit.last].norm  # "of the United States Hispanic Chamber": "hispanic" (stop 40)
        tok = seg.token_at(seg.words[k].start)
        if tok is None or tok.dep_ not in ("amod", "compound") or tok.head.i <= tok.i:
            return None  # (but "the chairman of the Republican party" names a party)
    return seg.words[k].norm


def _of_country(seg: Segment, end: int) -> str | None:
    """The country an "of" complement right after a role names: "the foreign secretary of the United
    Kingdom", "the president of Ukraine" ask for a person of that country, like "the British ..." does."""
    k = _after_of(seg, end)
    unit = seg.starts.get(k) if k is not None else None
    if unit is None or unit.roles or _country_opens_name(seg, unit):
        return None  # "the president of the United States Hispanic Chamber of Commerce": a body's name (stop 40)
    return unit.country


def _country_opens_name(seg: Segment, unit) -> bool:
    """A country's name with a capitalized word right after it opens a longer name ("the United States
    Hispanic Chamber of Commerce", "Russia Today"): the country is no complement of the role before it."""
    ws = seg.words
    return unit.last < len(ws) and close_words(seg, unit.last - 1) and ws[unit.last].text[:1].isupper() \
        and not ws[unit.last - 1].possessive
