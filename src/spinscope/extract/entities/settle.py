"""Which of overlapping KB and NER names stands, and namesakes of KB people and states ("Zeynep Akar", "Chad Smith")."""
from __future__ import annotations

import re
from bisect import bisect_right

from rapidfuzz import fuzz

from ...text.names import name_key, words
from .kb_index import ActorRef
from ...nlp import adjective_or_verb
from .given_names import given_name_genders
from .segment import Context, Mention, Segment, listed_words, title_case
from .divisions import division_names


# A KB actor of these types inside a longer organisation or place name is a modifier of that name
# ("Syrian Observatory for Human Rights", "Russia Defense Ministry"): the longer name wins.
MODIFIER_TYPES = ("state",)


_KIN_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+),?[\s\u00a0]+$")


def _kin_introduced(text: str, m: Mention) -> bool:
    """A full name right after a kin noun (`kin_nouns`: "his son Eric Trump", "Trump's daughter, Ivanka Trump")."""
    hit = _KIN_BEFORE.search(text, max(0, m.start - 20), m.start) if text else None
    return hit is not None and hit.group(1).casefold() in listed_words("kin_nouns")


def surnames_of_namesakes(mentions: list[Mention], ctx: Context, text: str = "") -> None:
    """A KB person's lone surname belongs to a namesake the text names in full ("Abdulhadi Yildirim ...
    Yildirim said") when the text never names the KB's person in full nor gives the surname a role that
    fits them ("Sen. Cruz"). A gendered title ("Mr. Cruz") keeps the KB's person only when it fits none
    of the namesakes (their given names say they are of the other sex: "Mr. Obama" beside "Michelle
    Obama"); "Mr. Cruz" after "Juan Carlos Cruz" is that man (stop 37: both were Ted Cruz). A namesake the
    text introduces as someone's kin ("his son Eric Trump") is the family's other member: the surname alone,
    untitled or with a title that fits the KB's person ("Mr. Trump"), stays the KB's person (stop 39)."""
    named_in_full = {m.kb_id for m in mentions if m.source == "kb" and len(m.key) > 1}
    local: dict[str, set[str | None]] = {}  # surname -> the genders the namesakes' given names give
    kin: dict[str, set[str | None]] = {}  # the same, of namesakes introduced by a kin noun
    for m in mentions:
        if m.source == "ner" and m.type == "person" and len(m.key) > 1:
            gender = m.profile.gender or given_name_genders().get(m.key[0])
            (kin if _kin_introduced(text, m) else local).setdefault(m.key[-1], set()).add(gender)
    for m in mentions:
        if m.source == "kb" and m.type == "person" and len(m.key) == 1 and m.key[0] in kin \
                and m.key[0] not in local and m.kb_id not in named_in_full and not m.profile.kinds:
            actor = ctx.index.kb.get(m.kb_id)
            if m.profile.gender and (actor is None or actor.gender != m.profile.gender):
                local[m.key[0]] = kin[m.key[0]]  # "Mrs. Obama" beside "his wife Michelle Obama": hers
    for m in mentions:
        if m.source == "kb" and m.type == "person" and len(m.key) == 1 and m.key[0] in local \
                and m.kb_id not in named_in_full and not m.profile.kinds:
            actor = ctx.index.kb.get(m.kb_id)
            if not (m.profile.gender and actor is not None and actor.gender == m.profile.gender
                    and m.profile.gender not in local[m.key[0]] and None not in local[m.key[0]]):
                m.source, m.kb_id, m.label = "ner", None, "PERSON"


_OF_BEFORE = re.compile(r"\bof\s+$")


def settle(text: str, seg: Segment, kb: list[Mention], ner: list[Mention], ctx: Context) -> list[Mention]:
    """KB names win over overlapping NER names, except a state or nationality word inside a longer
    organisation or place name, and any KB name inside a known place's name, which lose to it."""
    drop_kb: set[int] = set()
    keep_ner = []
    kb = sorted(kb, key=lambda k: k.start)  # KB matches never overlap one another
    ends = [k.end for k in kb]
    for n in ner:
        i = bisect_right(ends, n.start)
        hits = []
        while i < len(kb) and kb[i].start < n.end:
            hits.append(kb[i])
            i += 1
        if not hits or _namesake(text, seg, n, hits, ctx):
            keep_ner.append(n)  # "Zeynep Akar" is not the KB's Hulusi Akar, though "Akar" is his name
            drop_kb.update(id(k) for k in hits)
            continue
        inside = all(n.start <= k.start and k.end <= n.end and (k.end - k.start) < (n.end - n.start) for k in hits)
        # a city after "of" inside a longer name is part of that name: "American University of Kabul"
        modifiers = n.label in ("ORG", "GPE", "LOC", "FAC") and all(
            k.source == "nationality" or k.type in MODIFIER_TYPES
            or (n.label in ("ORG", "FAC") and ctx.places.is_place(text[k.start:k.end])
                and _OF_BEFORE.search(text, n.start, k.start)) for k in hits)
        if inside and (modifiers or ctx.places.for_person(text[n.start:n.end])):  # "al-Assad" inside "Dahiyat al-Assad"
            keep_ner.append(n)
            drop_kb.update(id(k) for k in hits)
        elif inside and _longer_name(text, seg, n, hits, ctx):
            # "the Utah Supreme Court", "the Goldman Sachs Foundation", "the Library of Congress": another body whose
            # name holds a KB name; kept whole, unlinked, and no other mention joins it to the KB by name (kb51)
            n.unlike_kb = True
            keep_ner.append(n)
            drop_kb.update(id(k) for k in hits)
    out = [k for k in kb if id(k) not in drop_kb] + keep_ner
    out.sort(key=lambda m: (m.start, -m.end))
    final, end = [], -1
    for m in out:  # NER pieces never overlap one another, but be safe
        if m.start >= end:
            final.append(m)
            end = m.end
    return _bodies_of_others(text, seg, _possessor_bodies(text, seg, _given_name_states(text, seg, final, ctx), ctx))


# Stop 51 (kb51): what in a longer name the model found says it names another body than the KB name inside it
_LONGER_LABELS = ("ORG", "FAC")
_LIST_MARKS = re.compile(r",|\n|&|\(| and | - |[\u2013\u2014]")
_NEXT_CAPITAL = re.compile(r"[ \u00a0]+[A-Z][\w'’.-]*")
_FOR_END = re.compile(r"[ \u00a0]+for[ \u00a0]+$")


def _longer_name(text: str, seg: Segment, n: Mention, hits: list[Mention], ctx: Context) -> bool:
    """A name the model tagged ORG or FAC that holds a KB name (not only states' names and demonyms, which
    `MODIFIER_TYPES` already leave to it) and names another body: a run of capitalised words after the KB name
    ("Goldman Sachs Foundation", "JVP Artists Council", "Trump Tower", "Democratic Party of Florida"), or before it a
    place's name ("Utah Supreme Court", "Florida Democratic Party", "the Bramwell County Democratic Party", words of
    `local_unit_words`) or capitalised words ending in "for" ("Citizens for Trump"). Not when the first word after is a
    legal form or a word of `kb_name_heads_kept` ("Goldman Sachs Group Inc", "the Obama Administration Officials"), a role
    ("Department of Justice Inspector General"), a place the body is in ("CIA Benghazi"), a given name opening a person's
    name (the model joining a body and a person: "the Federal Bureau of Investigation Louis Freeh") or shouted ("TALIBAN
    CLOSING"); nor for a name opening with an outlet's (its editions and programmes: "BBC Sport", "Fox News Sunday"), a
    list or a broken span (a comma, "and", a dash, a line break), or in a Title-Case headline ("Trump Pardons
    Hammonds"). kb51."""
    if n.label not in _LONGER_LABELS or seg.kind == "title" or title_case(seg) or _LIST_MARKS.search(text[n.start:n.end]):
        return False
    bodies = [k for k in hits if k.source != "nationality" and k.type not in MODIFIER_TYPES]
    if not bodies or any(k.type == "media" and k.start == n.start for k in hits):
        return False
    covered = [(k.start, k.end) for k in hits]
    first = bodies[0]
    if _another_country_before(text, n, first, hits, ctx):
        return True  # "the German Council on Foreign Relations": a demonym or a state of another country (kb52)
    if first.type == "media":
        # an outlet's editions and programmes go on after its name ("BBC Sport"): only words before it say another
        # body ("a Thompson Reuters business": the firm, not the news agency; kb52)
        return _other_words_before(text, seg, n, first, ctx) and not _opens_sentence(seg, n)
    after = [w for w in seg.words if first.end <= w.start and w.end <= n.end
             and not any(s <= w.start < e for s, e in covered)]
    caps = [w for w in after if w.text[:1].isupper()]
    genders = given_name_genders()
    if caps:
        if any(not w.text[:1].isupper() and w.norm not in listed_words("name_connectors") for w in after):
            return False  # "Trump its Tree of Life": no name goes on from the KB name
        if first.type == "person" and text[first.end:first.end + 1] == "-":
            return False  # "the Mueller-McGahn talks": two persons' names joined, not a longer name
        if first.type in ("person", "place", "government") and caps[-1].norm in listed_words("named_thing_nouns"):
            return False  # "Trump Tower", "the Reagan Library": named_things' (stop 43), which types them already
        tok = seg.token_at(caps[0].start)
        if tok is not None and tok.pos_ in ("VERB", "AUX"):
            return False  # "... and Obama Approved Uranium One": a verb in capitals, not a longer name
        if any(w.norm in genders and i + 1 < len(caps) and caps[i + 1].start == w.end + 1 for i, w in enumerate(caps)):
            return False  # "the Federal Bureau of Investigation Louis Freeh": a body and a person run together
        if any(w.norm in listed_words("named_accord_nouns") for w in caps):
            return False  # "the Minsk Accords": an accord's name, named_things' (kb48)
        if all(w.text.isupper() and len(w.text) > 1 for w in caps):
            return False  # "TALIBAN CLOSING": a shouted line, not a longer name ("NASA SDO" keeps NASA too)
        nxt = _NEXT_CAPITAL.match(text, n.end)  # "Department of Justice Inspector| General": the role goes on
        rest = text[first.end:nxt.end() if nxt else n.end]
        run = text[caps[0].start:caps[-1].end]
        if _role(rest, ctx) or caps[0].norm.rstrip(".") in listed_words("kb_name_heads_kept") \
                or _place_name(run, ctx) and not _OF_BEFORE.search(text, first.end, caps[0].start):
            return False
        return True
    before = text[n.start:first.start]
    if not _other_words_before(text, seg, n, first, ctx):
        return False  # "the Chelsea Clinton Foundation", "the Clinton State Department": a person's name before it
    if _FOR_END.search(before):
        return True  # "Citizens for Trump", "the National Coalition for Trump"
    if first.type == "person":
        return False
    if first.type == "party" and "party" in first.key and not _opens_sentence(seg, n):
        return True  # "the Social Democratic Party", "the New Democratic Party": another party, not the US one; not
        # "House Democrats", the US party's members (kb52)
    lead = _lead(before)
    info = ctx.places.get(lead)
    key = name_key(lead)
    return bool(division_names().get(key)) or (info is not None and info.kind == "city" and info.population >= 100_000) \
        or bool(key) and key[-1] in listed_words("local_unit_words")  # "Bramwell County", "State"


def _lead(before: str) -> str:
    """The words of a longer name before the KB name in it, less an article."""
    return re.sub(r"^(?:[Tt]he|[Aa]n?)[ \u00a0]+", "", before).strip()


def _other_words_before(text: str, seg: Segment, n: Mention, first: Mention, ctx: Context) -> bool:
    """Whether the longer name `n` has capitalised words before the KB name `first` that are no role, no given name
    and no KB name ("Utah", "Social", "Thompson"; not "the Chelsea Clinton Foundation", "the Clinton State Department",
    "Department of Justice Inspector General")."""
    lead = _lead(text[n.start:first.start])
    return bool(lead) and lead[:1].isupper() and not _role(lead, ctx) \
        and all(w[:1].isupper() or w in listed_words("name_connectors") for w in lead.split()) \
        and not any(w.norm in given_name_genders() for w in seg.words if n.start <= w.start and w.end <= first.start) \
        and not any(isinstance(p, ActorRef) for x in ctx.index.names.find(lead, words(lead)) for p in x.payloads)


def _opens_sentence(seg: Segment, n: Mention) -> bool:
    """Whether the name's first word opens its sentence (after a paragraph's start, a dash, a bracket or a sentence's
    end): its capital may be the sentence's (a dateline's dash, then "Top Republican Party donor X said"); not when an
    article opens the name ("The Social Democratic Party won"). kb52."""
    if re.match(r"(?:[Tt]he|[Aa]n?)[ \u00a0]+", seg.text[n.start:n.end]):
        return False  # an article opens it: the next word's capital is its own
    ahead = seg.text[seg.start:n.start].rstrip(" \u00a0")
    if not ahead or not (ahead[-1].isalnum() or ahead[-1] in ",;"):
        return True  # after a paragraph's start, a dash or a bracket (a dateline's dash: "Top Republican Party donor")
    tok = seg.token_at(n.start)
    return tok is None or bool(tok.is_sent_start) or tok.i == 0


def _another_country_before(text: str, n: Mention, first: Mention, hits: list[Mention], ctx: Context) -> bool:
    """Whether the longer name `n` opens with a demonym or a state's name (with the possessive or not) of another
    country than the KB body `first` is of: "the German Council on Foreign Relations" is no US council (kb52)."""
    actor = ctx.index.kb.get(first.kb_id) if first.kb_id else None
    if actor is None or not actor.country or actor.type in ("state", "person"):
        return False
    lead = [k for k in hits if k.end <= first.start]
    if not lead or not _lead(text[n.start:lead[0].start]) == "" or text[lead[-1].end:first.start].strip(" \u00a0'’s"):
        return False  # the demonym or state must open the name and stand right before the body's
    countries = set()
    for k in lead:
        if k.source == "nationality" and k.nat is not None and k.nat.country:
            countries.add(k.nat.country)
        elif k.type == "state" and (a := ctx.index.kb.get(k.kb_id)) is not None and a.country:
            countries.add(a.country)
        else:
            return False
    return bool(countries) and actor.country not in countries


def _place_name(name: str, ctx: Context) -> bool:
    """A first-level division's name ("South Carolina") or a place the place index knows ("Benghazi")."""
    return bool(division_names().get(name_key(name))) or ctx.places.is_place(name)


def _role(words: str, ctx: Context) -> bool:
    """Whether the words hold a role or title ("Inspector General", "spokesman"), not only a connective."""
    return any(r.kinds for r in ctx.vocab.roles_in(words))


_BODY_TYPES = ("party", "government", "military")


def _possessor_bodies(text: str, seg: Segment, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """An organisation the model found right after a KB person's or state's possessive, whose name is the end of
    the name of exactly one party, government body or armed force of that actor's country: "Xi's Communist Party"
    is the Chinese Communist Party, "Erdogan's Justice and Development Party" the AKP (stop 38)."""
    for prev, m in zip(mentions, mentions[1:]):
        if prev.source != "kb" or prev.type not in ("person", "state") or not seg.words[prev.last - 1].possessive \
                or m.source != "ner" or m.type != "organization" or m.kb_id or len(m.key) < 2:
            continue
        if not re.fullmatch(r"['’]s\s+", text[prev.end:m.start]):
            continue
        actor = ctx.index.kb.get(prev.kb_id)
        if actor is None or not actor.country:
            continue
        k = len(m.key)
        found = {a.id: a for a in _bodies_of(ctx.index.kb, actor.country)
                 if any(len(key) > k and key[-k:] == m.key for key in ctx.index.name_keys(a.id))}
        if len(found) == 1:
            body = next(iter(found.values()))
            m.source, m.type, m.kb_id, m.label = "kb", body.type, body.id, None
    return mentions


def _bodies_of_others(text: str, seg: Segment, mentions: list[Mention]) -> list[Mention]:
    """An international body's KB name right after the possessive of a capitalized name that is no KB actor, place or
    person (an organisation the model found, or a word it left out): that name's own body, "SSMU's General Assembly"
    is a student union's, not the UN's (stop 39)."""
    ws = seg.words
    for m in mentions:
        j = m.first - 1
        if m.source != "kb" or m.type != "igo" or j < 0 or not ws[j].possessive or not ws[j].text[:1].isupper() \
                or not re.fullmatch(r"['’]s?\s+", text[_name_end(text, ws[j]):m.start]):
            continue
        owner = next((o for o in mentions if o.first <= j < o.last), None)
        if owner is None and j > 0 and ws[j - 1].text[:1].isupper() and text[ws[j - 1].end:ws[j].start] == " ":
            continue  # a longer name the model did not take: leave it
        if owner is None or owner.source == "ner" and owner.type in ("organization", "other") and not owner.unlike_kb:
            m.source, m.type, m.kb_id, m.label, m.unlike_kb = "ner", "organization", None, "ORG", True
    return mentions


def _name_end(text: str, word) -> int:
    """Where a possessive word's name ends, before its "'s" or "'"."""
    end = word.end
    if text[end - 2:end] in ("'s", "’s"):
        return end - 2
    return end - 1 if text[end - 1:end] in ("'", "’") else end


def _bodies_of(kb, country: str) -> list:
    """The KB's parties, government bodies and armed forces of one country (read only where a pair is found)."""
    return [a for a in kb if a.country == country and a.type in _BODY_TYPES]


def _proper_noun(seg: Segment, start: int) -> bool:
    tok = seg.token_at(start)
    return tok is not None and tok.pos_ == "PROPN" and not (seg.kind == "title" and adjective_or_verb(tok.text))


def _given_name_states(text: str, seg: Segment, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """A state's one-word name that is also a given name (`given_name_countries`), followed by one space and a
    one-word name the model tags PERSON, is that person's given name: "Reality star Kenya Moore" is one person,
    not Kenya and a "Moore" (the model tagging the whole name is `given_name_country`'s case; stop 38)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.source == "kb" and prev.type == "state" and prev.last - prev.first == 1 \
                and seg.words[prev.first].norm in listed_words("given_name_countries") \
                and not seg.words[prev.first].possessive and text[prev.end:m.start] == " " \
                and m.label == "PERSON" and m.type == "person" and m.last - m.first == 1 and m.first == prev.last \
                and seg.starts.get(m.first) is None and _proper_noun(seg, m.start):  # the model's PERSON: a town's
            # name too is a surname here ("Moore", Oklahoma)
            out[-1] = Mention(prev.start, m.end, m.seg, prev.first, m.last, "ner", "person", label="PERSON",
                              key=tuple(w.norm for w in seg.words[prev.first:m.last]))
            continue
        out.append(m)
    return out


def _namesake(text: str, seg: Segment, n: Mention, hits: list[Mention], ctx: Context) -> bool:
    """A person the model found whose surname is a KB person's, with another given name before it: the
    KB match ends the name, the words before it are a proper noun, no title, and none begins a name of
    the actor (nor an initial or a spelling of it: "Sergey" for Sergei, "W." for William)."""
    if n.label != "PERSON" or len(hits) != 1:
        return False
    k = hits[0]
    if k.source == "kb" and k.type == "person" and k.start == n.start and k.end < n.end and k.last - k.first == 1:
        return _given_name_of_another(text, seg, n, k, ctx)
    if k.source == "kb" and k.type == "state" and k.start == n.start and k.end < n.end:
        return given_name_country(seg, k.first, k.last, n.last, ctx)  # "Chad Smith" is no state
    if k.source == "kb" and k.type == "person" and n.start < k.start and k.end < n.end and k.last - k.first == 1:
        # a KB surname in the middle of a longer name that has none of the actor's other names: "Juan de
        # la Cruz Barros" (a double Spanish surname) is not Ted Cruz
        own = {w for key in ctx.index.name_keys(k.kb_id) for w in key}
        return not set(name_key(text[n.start:k.start] + " " + text[k.end:n.end])) & own
    if k.source != "kb" or k.type != "person" or k.end != n.end or k.start <= n.start:
        return False
    before = text[n.start:k.start]
    given = name_key(before)
    if not given or not before[:1].isupper() or ctx.vocab.roles_in(before):
        return False
    tok = seg.token_at(n.start)
    if tok is None or tok.pos_ != "PROPN" or adjective_or_verb(tok.text):  # "Endorsed Trump" in a headline
        return False
    first = given[0]
    # a name of the actor with more words than the text's counts only when the words between are initials: "George
    # Bush" may be "George W. Bush", but "Rafael Cruz" is not "Rafael Edward Cruz" (Ted Cruz's legal name; his
    # father is Rafael Cruz; stop 38)
    size = len(given) + k.last - k.first
    names = [key[0] for key in ctx.index.name_keys(k.kb_id) if len(key) > 1
             and (len(key) <= size or all(len(w) == 1 for w in key[1:len(key) - (k.last - k.first)]))]
    return not any(f == first or f[0] == first[0] and (len(first) == 1 or len(f) == 1
                   or fuzz.ratio(f, first) >= 60) for f in names)


def given_name_country(seg: Segment, first: int, last: int, end: int, ctx: Context) -> bool:
    """Words first..last are a state's one-word name that is also a given name (`given_name_countries`)
    and the name the model tagged PERSON goes on to `end` with a capitalized proper noun that is no title,
    known name, place or country: "Chad Smith", "Jordan Peterson" (not "Jordan King Abdullah")."""
    ws = seg.words
    if last - first != 1 or last >= end or ws[first].norm not in listed_words("given_name_countries"):
        return False
    after = ws[last]
    if not after.text[:1].isupper() or seg.starts.get(last) is not None \
            or ctx.places.is_place(seg.text[after.start:after.end]):
        return False
    tok = seg.token_at(after.start)
    return tok is not None and tok.pos_ == "PROPN" and not (seg.kind == "title" and adjective_or_verb(tok.text))


def _given_name_of_another(text: str, seg: Segment, n: Mention, k: Mention, ctx: Context) -> bool:
    """A KB person's one-word name opening a longer name the model found ("Christopher Nolan", not Warren
    Christopher): the words after it are a proper noun, no verb of a headline ("Erdogan Slams"), and no
    word of the actor's own names."""
    after = text[k.end:n.end].strip()
    if not after[:1].isupper() or ctx.vocab.roles_in(after):
        return False
    tok = seg.token_at(seg.words[k.last].start) if k.last < len(seg.words) else None
    if tok is None or tok.pos_ != "PROPN" or seg.kind == "title" and adjective_or_verb(tok.text):
        return False  # (in a Title-Case headline a verb is capitalized too; in a sentence "Lee" is a name)
    own = {w for key in ctx.index.name_keys(k.kb_id) for w in key}
    return not set(name_key(after)) & own
