"""KB names and demonyms in a segment, each kept or refused by its context (KB linking)."""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import Match
from .kb_index import ActorRef, Nationality, demonym_data
from ...text.names import is_acronym, name_key, words
from ..places.placenames import beside_dish_word
from ...resources import resource
from ...datafile import read_data
from .segment import Context, Mention, Segment, Unit, close_words, recognize_data, listed_words, title_case
from .capitals import literal_capital
from .titles import title_before
from .given_names import given_name_genders


@lru_cache(maxsize=1)
def _stated_year():
    """A year as a sentence states it: after one of the dates stage's leads, a month or a one-word
    modifier ("in 1944", "June 1941", "of 1944", "late 1945"; data/dates/en.yaml), or a decade ("the
    1940s"); a bare number before a noun ("1500 troops") is no year."""
    words = read_data("data/dates/en.yaml") or {}
    before = [str(w) for w in (*words.get("leads", ()), *words.get("months", ()), *words.get("modifiers", ()))
              if " " not in str(w)]
    lead = "|".join(sorted(map(re.escape, before), key=len, reverse=True))
    return re.compile(rf"\b(?:{lead})[\s,-]+(1[0-9]{{3}}|20[0-9]{{2}})\b|\b(1[0-9]{{3}}|20[0-9]{{2}})s\b", re.I)


def before_founding(text: str, si: int, seg: Segment, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """A KB body's name in a sentence whose every stated year is before the body was founded (its
    `since`) names an earlier body: "the German army" of 1944 is not the Bundeswehr (an organisation,
    unlinked)."""
    out = []
    for m in mentions:
        actor = ctx.index.kb.get(m.kb_id) if m.source == "kb" else None
        tok = seg.token_at(m.start) if actor is not None and actor.since else None
        if tok is not None:
            sent = tok.sent
            stated = _stated_year().findall(text, seg.start + sent.start_char, seg.start + sent.end_char)
            years = [int(a or b) for a, b in stated]
            if years and max(years) < actor.since:
                m = Mention(m.start, m.end, si, m.first, m.last, "ner", "organization", label="ORG", key=m.key,
                            unlike_kb=True)
        out.append(m)
    return out


def kb_matches(text: str, seg: Segment, ctx: Context) -> list[Match]:
    """KB names and demonyms in a segment; each also becomes a title unit (its country, its roles)."""
    found = []
    for m in ctx.index.names.find(text, seg.words):
        if _every_actor_refused(text, m, ctx):
            seg.refused.add((m.start, m.end))
        elif not _unsettled(text, m, ctx):
            found.append(m)
    for m in found:
        actor = _actor(m, ctx, text)
        if actor is not None and _shared_acronym_once(text, seg, m, actor, ctx):
            continue  # "CSIS" beside "Canada": maybe Canada's service, maybe the think tank (kb51): no title unit
        if actor is not None:
            country = actor.country if actor.type != "person" else None
            seg.add_unit(Unit(m.first, m.last, ctx.vocab.roles_in(actor.name), country, "kb"))
        else:
            seg.add_unit(Unit(m.first, m.last, country=_nationality(m).country, source="nationality"))
    return found


def _actor(m: Match, ctx: Context, text: str = ""):
    """The actor a KB name names; of several sharing it, one from a user's file first, else the one
    the text names in full ("Bloomberg" after "Michael Bloomberg"), else the first."""
    refs = _refs(m, ctx, text)
    if not refs:
        return None
    user = next((a for a in refs if not a.origin.startswith("actors/")), None)
    if user is not None or len(refs) == 1:
        return _fuller_outlet(text, m, user or refs[0], ctx)
    named = [a for a in refs if _named_in_full(text, m, a)]
    if len(named) != 1 and text:
        # the one whose name is written here as the KB writes it: "M.I.T." is the institute, "MIT" the
        # Turkish intelligence service
        named = [a for a in refs if text[m.start:m.end] in a.names]
    return _fuller_outlet(text, m, named[0] if len(named) == 1 else refs[0], ctx)


def _shared_acronym_once(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """`_shared_acronym_elsewhere`, worked out once per match and actor of a segment: `kb_matches` asks it, and
    `kb_candidates` again of the same match (of another actor only when it chose another one)."""
    if seg._shared_acronyms is None:
        seg._shared_acronyms = {}
    key = (m.start, m.end, actor.id)
    found = seg._shared_acronyms.get(key)
    if found is None:
        found = seg._shared_acronyms[key] = _shared_acronym_elsewhere(text, m, actor, ctx)
    return found


def _shared_acronym_elsewhere(text: str, m: Match, actor, ctx: Context) -> bool:
    """An acronym KB actors of different countries share ("CSIS": the Washington think tank, listed first, and Canada's
    intelligence service), written where the text names none of them in full, in a paragraph that names the country of
    one of the others (a state's name, a demonym, a body of that state: "Canada", "Canadian", "Ottawa") and not the
    country of `actor`, the one `_actor` would take: no link, whose body it is the words do not say (kb51). "MIT" beside
    "Turkish" stays Turkey's service; "CSIS" beside "Canadian officials" is no one's."""
    surface = text[m.start:m.end]
    if not text or not is_acronym(surface):
        return False
    refs = _refs(m, ctx, text)
    others = {a.country for a in refs if a is not actor and a.type != "person" and a.country}
    if len(refs) < 2 or not actor.country or not others - {actor.country} \
            or any(_named_in_full(text, m, a) for a in refs):
        return False
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    para = text[start:end if end >= 0 else len(text)]
    named: set[str] = set()
    for x in ctx.index.names.find(para, words(para)):
        if x.start == m.start - start:
            continue
        for p in x.payloads:
            code = _country_of(p, ctx)
            if code is None and isinstance(p, ActorRef):
                body = ctx.index.kb.get(p.actor_id)
                code = body.country if body is not None and body.type in _STATE_BODY_TYPES else None
            if code:
                named.add(code)
    return actor.country not in named and bool(named & (others - {actor.country}))


def _fuller_outlet(text: str, m: Match, actor, ctx: Context):
    """A short outlet name ("the Times") after the text has named another KB outlet whose name ends in
    it ("the Los Angeles Times", "The Washington Times") is that outlet, not the one the short name is
    in the KB ("The Times" of London); of several, the one named last before it."""
    if actor.type != "media" or not text or len(m.key) > 2:
        return actor
    short = tuple(w for w in m.key if w != "the")
    if not short:
        return actor
    best, at = actor, -1
    for other, name in _outlets_ending(ctx).get(short, ()):
        if other.id == actor.id:
            continue
        for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text[:m.start]):
            if hit.start() > at:
                best, at = other, hit.start()
    return best


def _outlets_ending(ctx: Context) -> dict:
    """The KB's media actors' names by their last one or two words (without "the"), each under the
    endings shorter than the whole name: (outlet, name) pairs in KB order, kept on the index."""
    cached = getattr(ctx.index, "_outlet_endings", None)
    if cached is None:
        cached = {}
        for actor in (a for a in ctx.index.kb if a.type == "media"):
            for name in actor.names:
                key = tuple(w for w in name_key(name) if w != "the")
                for n in (1, 2):
                    if len(key) > n:
                        cached.setdefault(key[-n:], []).append((actor, name))
        try:
            ctx.index._outlet_endings = cached
        except AttributeError:
            pass
    return cached


def _article_title_of_place(text: str, m: Match, actor, ctx: Context) -> bool:
    """An outlet named "The X" whose X is a curated place ("The Atlantic"), written without its capital
    "The" ("across the Atlantic", "over Atlantic waters"): the place."""
    if actor.type != "media" or not actor.name.startswith("The ") or text[max(0, m.start - 4):m.start] == "The ":
        return False
    info = ctx.places.get(text[m.start:m.end])
    return info is not None and info.kind == "curated"


_NEXT_WORD = re.compile(r"[\s\u00a0]+([^\W\d_][\w'’-]*)")


_PREV_WORD = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)[\s\u00a0]+(?:[Tt]he[\s\u00a0]+)?$")
_PREV_TWO = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)[\s\u00a0]+([^\W\d_][\w'’-]*)[\s\u00a0]+(?:[Tt]he[\s\u00a0]+)?$")


# Stop 50 (kb50): a word right before a name, with its possessive ("Canada's", "the Irish"), that may name a state
_PREV_OWNER = re.compile(r"(?<![\w'’.-])([^\W\d_][\w'’-]*?)(?:['’]s)?[\s\u00a0]+$")
# the types of a state's own bodies: a state or people named right before them says whose body it is (a party's:
# `_state_before`)
_STATE_BODY_TYPES = frozenset({"government", "military"})


# Stop 52 (kb52): capitalised words and "of" (or "of the") right before a name: "The Library of Congress"
_NAME_OF_BEFORE = re.compile(r"(?<![\w'’.-])((?:(?!(?:The|A|An)\b)[A-Z][\w'’-]*[ \u00a0]+){1,3})"
                             r"of[ \u00a0]+(?:the[ \u00a0]+)?$")


def _object_of_a_name(text: str, seg: Segment, m: Match, ctx: Context) -> bool:
    """Whether the KB name at `m` is the object of "of" in a longer capitalised name ("The Library of Congress",
    "the Friends of the Brookings Institution"): capitalised words, "of" (and "the") right before it, in the same
    segment, after another word of its sentence (not its first word: a sentence's capital says nothing), the last of
    them a head of a body's or a thing's name (`of_name_heads`: "Library", "Friends", "Museum"; not "Democratic Members
    of Congress" nor a person's name), with no role among them ("the Director of the CIA"), nor a month, no person's
    or place's name the model found right before "of" nor a given name (an archbishop's name before "of the Armenian
    Patriarchate"), and not in a Title-Case line (a headline capitalises every word)."""
    hit = _NAME_OF_BEFORE.search(text, max(seg.start, m.start - 60), m.start)
    if hit is None or title_case(seg) or seg.kind == "title":
        return False
    head = hit.group(1)
    ahead = text[seg.start:hit.start(1)].rstrip(" \u00a0")
    if not ahead or not (ahead[-1].isalnum() or ahead[-1] in ",;:"):
        return False  # the sentence's first word, or after a quotation mark or a bracket
    if head.split()[-1].casefold() not in listed_words("of_name_heads"):
        return False  # "Members of Congress", a researcher's name before "of Human Rights Watch": no name
    if any(r.kinds for r in ctx.vocab.roles_in(head)) or any(w.casefold() in _months() for w in head.split()):
        return False  # "the Director of the CIA"
    head_end = hit.start(1) + len(head.rstrip(" \u00a0"))
    if any(e.label_ in ("PERSON", "GPE") and seg.start + e.end_char == head_end for e in seg.ents) \
            or any(w.casefold() in given_name_genders() for w in head.split()):
        return False  # an archbishop's name before "of the Armenian Patriarchate": a person of the body, not a name
    return True


def _states_before(text: str, start: int, ctx: Context) -> set[str]:
    """The countries (ISO alpha-3) a state's name or a demonym written right before `start` names, possessive or not
    ("Canada's Department of Justice", "the Irish Department of Justice", "the Philippine Department of Defense");
    empty when the word before names no state or people with one."""
    prev = _PREV_OWNER.search(text, max(0, start - 40), start)
    if prev is None:
        return set()
    word = prev.group(1)
    out: set[str] = set()
    for mm in ctx.index.names.find(word, words(word)):
        if mm.start != 0 or mm.end != len(word) or mm.lower:
            continue
        for p in mm.payloads:
            if isinstance(p, Nationality) and p.country:
                out.add(p.country)
            elif isinstance(p, ActorRef):
                a = ctx.index.kb.get(p.actor_id)
                if a is not None and a.type == "state" and a.country:
                    out.add(a.country)
    return out


def _refs(m: Match, ctx: Context, text: str = "") -> list:
    """The actors a KB name may name; with the text, none whose `not_before` holds the word after it
    ("MIT graduate" is not Turkey's intelligence service, "AP flour" no news agency)."""
    refs = [a for a in (ctx.index.kb.get(p.actor_id) for p in m.payloads if isinstance(p, ActorRef)) if a is not None]
    if text and any(a.not_before for a in refs):
        nxt = _NEXT_WORD.match(text, m.end)
        if nxt is not None:
            word = nxt.group(1).casefold()
            refs = [a for a in refs if word not in a.not_before]
        glued = text[m.end:m.end + 1]  # a mark written right after the name ("SARC!": sarcasm, no Red Crescent)
        if glued and not glued.isspace() and not glued.isalnum():
            refs = [a for a in refs if glued not in a.not_before]
    if text and any(a.type == "state" for a in refs) and beside_dish_word(text, m.start, m.end):
        refs = [a for a in refs if a.type != "state"]  # "Turkey Meatloaf", "Glazed Turkey": a dish (`dish_nouns`)
    if text and any(a.type in _STATE_BODY_TYPES and a.country for a in refs):
        # stop 50: a body of one state named right after another state or its people is that other state's own
        # ("Canada's Department of Justice" is no US department; "the Soviet KGB", "the US Joint Chiefs" stay)
        owners = _states_before(text, m.start, ctx)
        if owners:
            refs = [a for a in refs if not (a.type in _STATE_BODY_TYPES and a.country and a.country not in owners)]
    if text and any(a.not_after for a in refs):
        prev = _PREV_WORD.search(text, max(0, m.start - 40), m.start)
        if prev is not None:  # "Islamic groups in the West": where they are, not the bloc (`not_after`)
            word = prev.group(1).casefold()
            refs = [a for a in refs if word not in a.not_after]
            two = _PREV_TWO.search(text, max(0, m.start - 60), m.start) \
                if any(" " in w for a in refs for w in a.not_after) else None  # "communities of the West" (stop 42)
            if two is not None:
                words = f"{two.group(1)} {two.group(2)}".casefold()
                refs = [a for a in refs if words not in a.not_after]
    return refs


def _every_actor_refused(text: str, m: Match, ctx: Context) -> bool:
    """A name only of actors whose `not_before` holds the next word (or `not_after` the word before), and no
    demonym: no KB name here."""
    return (not any(isinstance(p, Nationality) for p in m.payloads) and bool(_refs(m, ctx))
            and not _refs(m, ctx, text))


def _named_in_full(text: str, m: Match, actor) -> bool:
    """Whether the text writes one of the actor's longer names (its surname alone is `m`)."""
    k = len(m.key)
    return any(len(name.split()) > k and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
               for name in actor.names)


def _unsettled(text: str, m: Match, ctx: Context) -> bool:
    """A name two people of the KB share ("Lieberman") that the text never writes in full for either
    one (nor for exactly one): no link, the model's person stays."""
    refs = _refs(m, ctx)
    people = [a for a in refs if a.type == "person"]
    if len(people) < 2 or len(people) < len(refs):
        return False
    return sum(_named_in_full(text, m, a) for a in people) != 1


def _nationality(m: Match) -> Nationality:
    return next(p for p in m.payloads if isinstance(p, Nationality))


def kb_candidates(text: str, si: int, seg: Segment, found: list[Match], ctx: Context) -> list[Mention]:
    out = []
    raw_ner = [(seg.start + e.start_char, seg.start + e.end_char) for e in seg.ents]
    for m in found:
        key = m.key
        actor = _actor(m, ctx, text)
        if actor is not None and actor.type == "person" and actor.died is None and _after_late(text, m.start):
            actor = _deceased_namesake(m, ctx)  # "the late King Abdullah": Saudi Arabia's, not Jordan's (stop 43)
            if actor is None:
                continue  # "the late X" of a living KB person: someone else, no link
        if actor is not None and actor.type == "person" and m.last - m.first == 1:
            # "another Drudge headline": the Drudge Report; "MSNBC host Reid": Joy Reid, not Senator Harry Reid (kb45);
            # the checks below still apply to the actor chosen ("Reid Hoffman" is no Reid of the KB)
            actor = _outlet_of_item(text, m, actor, ctx) or _titled_namesake(text, seg, m, actor, ctx)
            if actor is None:
                continue
        if actor is not None and actor.type != "person" and " ".join(key) in listed_words("national_society_names"):
            # "the American Red Cross", "the Kenya Red Cross", "the Red Cross" in a text naming the British Red Cross:
            # a country's own society, not the international committee (kb46)
            nation = _nation_before(text, m, out)
            if nation is not None:
                out = [x for x in out if not (x.start == nation.start and x.end == nation.end)]
                out.append(Mention(nation.start, m.end, si, nation.first, m.last, "ner", "organization",
                                   label="ORG", key=name_key(text[nation.start:m.end]), unlike_kb=True))
                continue
            actor = _national_society(text, m, actor, ctx)
            if actor is None:
                continue
        if actor is not None and _shared_acronym_once(text, seg, m, actor, ctx):
            # "CSIS" in a paragraph naming Canada, neither body named in full: the think tank or Canada's intelligence
            # service; an organisation no other mention joins to the KB by name (kb51)
            out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "organization", label="ORG", key=key,
                               unlike_kb=True))
            continue
        if actor is not None and actor.type not in ("state", "person") and _object_of_a_name(text, seg, m, ctx):
            # "The Library of Congress" the model cut to "Congress": the object of "of" in a longer capitalised name
            # is that name's, not the body (kb52); an organisation no other mention joins to the KB by name
            out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "organization", label="ORG", key=key,
                               unlike_kb=True))
            continue
        if actor is not None:
            if m.lower and not _lower_ok(text, seg, m, actor, raw_ner):
                continue
            if _shouted_word(text, seg, m):
                continue  # "Bond IS Arthur", "LET US go": an English word in capitals, no acronym
            if actor.type == "person" and _shouted_name(text, seg, m, actor):
                continue  # "FULL BAN FROM OLYMPICS": a word of a shouted line, not Ban Ki-moon
            if _phrase_at_sentence_start(text, seg, m, raw_ner):
                continue  # "Foreign policy is uncertain": the phrase, not the magazine
            if _generic_phrase(text, seg, m, ctx):
                continue  # "an Islamic state": a kind of state, not the group
            if _leaning_before_party(seg, m, actor):
                continue  # "turnout among liberal Democrats": a leaning and a party's voters, not the British party
            if actor.type == "person" and _family_name(text, seg, m):
                # "the upwardly mobile Trump family", "made the Trump name a brand": the family, not the KB person
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "other", label="NORP", key=key,
                                   unlike_kb=True))
                continue
            if actor.type == "person" and _of_a_company(text, seg, m, actor, found, ctx):
                # "Ron Johnson of Apple", "Ron Johnson, the former head of Apple retail stores": a namesake who works
                # there, not the senator (kb47); a person of its own, whom no other mention joins to the KB by name
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "person", label="PERSON", key=key,
                                   unlike_kb=True))
                continue
            if actor.type == "person" and _name_goes_on(text, m, ctx, actor.id):
                continue  # "Mubarak al-Shabwani" is not Hosni Mubarak
            if actor.type == "person" and after_saint(text, m.start):
                continue  # "a medal of St. Christopher", "Saint Francis": the saint, not the KB person (stop 38)
            if actor.type == "person" and _saint_of_the_text(text, m, actor):
                continue  # "Francis' name" after "Saint Francis", in a text naming no pope: the saint (stop 42)
            if actor.type == "state" and _shared_state_name(text, m) \
                    or actor.type == "party" and _state_before(text, seg, m, actor, ctx):
                # "Emirates inks a $15 billion Boeing order": the airline, not the state; "the Sweden Democrats":
                # another country's party (stop 43); an organisation that no other mention of the name joins to the KB
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "organization", label="ORG", key=key,
                                   unlike_kb=True))
                continue
            if actor.type == "state" and _given_name_of_the_text(text, m, actor, ctx):
                continue  # "It's Cuba's best role" after "Cuba Gooding Jr.": the actor, not the state (stop 42)
            if _article_title_of_place(text, m, actor, ctx):
                continue  # "across the Atlantic": the ocean, not the magazine The Atlantic
            if actor.type == "person" and m.last - m.first == 1 and re.match(r"['’]s/", text[m.end:m.end + 3]):
                continue  # "Feinstein's/54 Below": a venue's name glued to a surname, not the senator
            if actor.type == "party" and _leaning_abroad(text, seg, m, actor, ctx):
                continue  # "Liberals, Conservatives" in a US text: leanings, not the British party (stop 39)
            if _glued_capitals(text, m, actor):
                continue  # "TIP-INS" (a basketball heading): a word in capitals, not the Turkistan Islamic Party
            if _shared_acronym(text, seg, m, actor):
                continue  # "the SEC title game": the Southeastern Conference, not the US commission (stop 42)
            if actor.type not in ("person", "state") and _case_name(text, m):
                continue  # "Walmart Stores v. Dukes": a court case's name, not the company (stop 42)
            if _account_name(text, seg, m, actor):
                continue  # "STUMP 4 TRUMP (@Stump4TrumpPAC)": an account's name, not the person (stop 42)
            other = _other_given_name(text, seg, m, actor, ctx, raw_ner)
            if other is not None:
                if actor.type == "person" and not any(s <= other < e for s, e in raw_ner):
                    # "Gary Cameron/Reuters": another person than David Cameron, whom the model did not see (stop 42)
                    out.append(Mention(other, m.end, si, m.first - 1, m.last, "ner", "person", label="PERSON",
                                       key=tuple(name_key(text[other:m.end]))))
                continue  # "the next George Washington": the person, not the US government (stop 42)
            if actor.type == "person" and month_of_date(text, seg, m.first, m.last):
                continue  # "on May 22, 2013", "22 May": a date, not Theresa May (stop 40)
            if actor.type == "person" and _bare_word_surname(text, seg, m, actor):
                continue  # "Power" of a theme, not Samantha Power, whom the text never names nor titles (stop 39)
            if actor.type == "state" and _river(text, seg, m):  # "across the Jordan": the river (stop 39)
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "place", label="LOC", key=key,
                                   unlike_kb=True))
                continue
            if literal_capital(text, seg, m, actor, ctx) or _outlet_edition(text, seg, m, actor, ctx, found):
                # "talks in Moscow": the city, not the government; "Breitbart London": an outlet's edition
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "place", label="GPE", key=key))
                continue
            out.append(Mention(m.start, m.end, si, m.first, m.last, "kb", actor.type, actor.id, key=key))
        else:
            if m.lower and text[m.start:m.end].lower() in listed_words("common_words"):
                continue  # "light poles", "nail polish": the ordinary word, not the people
            if _team_demonym(text, m):
                continue  # "The Yankees, Yankee fans" beside "baseball": the team, not the United States (stop 39)
            if _order_member(text, m):
                continue  # "a Dominican friar": a religious order, not the Dominican Republic (stop 38)
            if _myth_word(text, m):
                continue  # "the Greek demi-god": a myth's, not the Greek state's (stop 42)
            if _given_name_before(text, seg, m, raw_ner):
                continue  # "by David French, National Review": a person's surname, no French national (stop 43)
            if _demonym_idiom(text, m):
                continue  # "Russian roulette", "Russian for 'goodbye'": a game, a language (stop 43)
            if _state_unnamed(text, m, ctx):
                continue  # "the republics of the Indians" in a text never naming India: no Indian nationals (stop 43)
            nat = _nationality(m)
            out.append(Mention(m.start, m.end, si, m.first, m.last, "nationality", "nationality", nat.kb_id,
                               nat=nat, key=key))
    return out


# "the late", "his late" right before a name, up to two capitalized words (titles) between ("the late Sen. John
# McCain", "the late King Abdullah": the title inside the KB name).
_LATE = re.compile(r"(?<![\w'’])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y|[Yy]our)[ \t]+late[ \t]+"
                   r"(?:[A-Z][\w.'’-]*[ \t]+){0,2}$")


def _nation_before(text: str, m: Match, out: list[Mention]) -> Mention | None:
    """The demonym or state's name written right before `m` ("American", "Kenya" before "Red Cross"), as a mention
    already found in the segment; else None."""
    for x in reversed(out):
        if x.end <= m.start and text[x.end:m.start] in (" ", "\u00a0") and x.type in ("nationality", "state"):
            return x
    return None


def _society_names() -> str:
    """The names of `national_society_names` written with capitals, as one regex alternation ("Red[ \u00a0]Cross|...")."""
    return "|".join(r"[ \u00a0]".join(re.escape(w.capitalize()) for w in n.split())
                    for n in sorted(listed_words("national_society_names")))


@lru_cache(maxsize=1)
def _society_pattern() -> re.Pattern:
    """Up to three capitalised words before a name of `national_society_names` ("the American Red Cross")."""
    return re.compile(r"(?<![\w-])((?:[A-Z][\w.'’-]*[ \u00a0]){1,3})(" + _society_names() + r")\b")


def _national_society(text: str, m: Match, actor, ctx: Context):
    """What a bare "Red Cross" (`national_society_names`) names: the international body it is in the KB, unless the
    text names a country's own society ("the American Red Cross", "the British Red Cross": a demonym's or a country's
    name before the words) and never the international body in full; then the society the text names last before it
    (else first): its KB actor when the KB holds it (the American Red Cross), else None, no link. A local chapter
    ("the Red Cross in Waterbury", `_local_chapters`) names its society too (kb47). A text naming no society and no
    country but the United States: None too (a local story's "Red Cross" is the national one, a Guantanamo story's the
    committee: no link beats a guess); kb46."""
    if any(n.casefold() in text.casefold() for n in (actor.name, *actor.aliases) if len(n.split()) > 2 or n.isupper()):
        return actor  # "the International Committee of the Red Cross", "the ICRC": the text names the body itself
    societies = []
    for hit in _society_pattern().finditer(text):
        head = hit.group(1)
        ws = words(head)
        found = ctx.index.names.find(head, ws)
        if found and found[-1].end == len(head.rstrip()) and any(
                isinstance(p, Nationality) or (isinstance(p, ActorRef) and getattr(ctx.index.kb.get(p.actor_id),
                                                                              "type", None) == "state")
                for p in found[-1].payloads):
            start = hit.start(1) + found[-1].start
            societies.append((start, hit.end()))
    chapters = _local_chapters(text, ctx)
    if m.start in chapters:
        return chapters[m.start]  # "the Red Cross in Waterbury": the American Red Cross's local chapter (kb47)
    if not societies and not chapters:
        # no society named: a text that names no country, or none but the United States (a US town's fire: "the Red
        # Cross is assisting residents"), may mean its own country's society as well as the committee: no link
        countries = {_country_of(p, ctx) for x in ctx.index.names.find(text, words(text)) for p in x.payloads}
        return actor if countries - {None, "USA"} else None
    named = sorted([*((start, _society_named(text, start, end, ctx)) for start, end in societies),
                    *chapters.items()], key=lambda sn: sn[0])
    before = [sn for sn in named if sn[0] < m.start]
    return (before[-1] if before else named[0])[1]


def _society_named(text: str, start: int, end: int, ctx: Context):
    """The KB actor of a national society the text names at [start, end) ("the American Red Cross"), else None."""
    refs = [p for x in ctx.index.names.find(text[start:end], words(text[start:end]))
            if x.start == 0 and x.end == end - start for p in x.payloads if isinstance(p, ActorRef)]
    return ctx.index.kb.get(refs[0].actor_id) if refs else None


# "Red Cross in Waterbury", "the Red Cross of Greater Hartford": a society's local chapter, named by its town
_CHAPTER_TOWN = re.compile(r"[ \u00a0]+(?:in|of)[ \u00a0]+(?:the[ \u00a0]+)?(?:Greater[ \u00a0]+)?"
                           r"([A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*){0,2})")


def _local_chapters(text: str, ctx: Context) -> dict[int, object]:
    """Where the text writes a bare `national_society_names` name right before "in"/"of" and a town ("the Red Cross
    in Waterbury"): a local chapter of the national society of the town's country, when the KB holds that society (a
    KB organisation of that country named with the same words: the American Red Cross) -> that society. Not a
    town that is a KB name (a capital standing for its government: "the Red Cross in Washington", where the
    committee has a delegation), nor a country ("the Red Cross in Syria" is the committee); kb47."""
    out: dict[int, object] = {}
    for hit in _bare_society_pattern().finditer(text):
        town = _CHAPTER_TOWN.match(text, hit.end())
        if town is None:
            continue
        ws = town.group(1).split()
        for n in range(len(ws), 0, -1):
            name = " ".join(ws[:n]).rstrip(".,;:")
            info = ctx.places.get(name)
            if info is None:
                continue
            if info.kind == "city" and info.country and not ctx.index.names.find(name, words(name)):
                society = _society_of(hit.group(0), info.country, ctx)
                if society is not None:
                    out[hit.start()] = society
            break
    return out


@lru_cache(maxsize=1)
def _bare_society_pattern() -> re.Pattern:
    """A name of `national_society_names` written with capitals ("Red Cross")."""
    return re.compile(r"(?<![\w-])(?:" + _society_names() + r")(?![\w-])")


def _society_of(name: str, country: str, ctx: Context):
    """The KB's national society of `country` (alpha-3) named with `name` ("Red Cross"): a KB organisation of that
    country whose name ends in it ("American Red Cross"), else None."""
    key = " ".join(name.split()).casefold()
    for a in ctx.index.kb.actors.values():
        if a.type == "organization" and a.country == country and a.name.casefold().endswith(" " + key):
            return a
    return None


def _country_of(payload, ctx: Context) -> str | None:
    """The country a KB name's payload names: a nationality's, or a state's (else None)."""
    if isinstance(payload, Nationality):
        return payload.country
    actor = ctx.index.kb.get(payload.actor_id) if isinstance(payload, ActorRef) else None
    return actor.country if actor is not None and actor.type == "state" else None


def _outlet_of_item(text: str, m: Match, actor, ctx: Context):
    """The KB outlet a person's one-word name stands for before a word of `outlet_item_nouns` ("another Drudge
    headline"): the person's affiliation, when it is an outlet whose name opens with that word (kb45); else None."""
    after = re.match(r"[ \u00a0]+([a-z-]+)\b", text[m.end:m.end + 30])
    if after is None or after.group(1) not in listed_words("outlet_item_nouns") or not actor.affiliation:
        return None
    outlet = ctx.index.kb.get(actor.affiliation)
    if outlet is None or outlet.type != "media":
        return None
    word = text[m.start:m.end].casefold()
    return outlet if any(n.split()[0].casefold() in (word, "the") and word in n.casefold().split()[:2]
                         for n in (outlet.name, *outlet.aliases)) else None


_ROLE_PARTS = re.compile(r"(?:[^,(]|\([^)]*\))+")
_PLAIN_TITLE = re.compile(r"(?<![\w.])(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Messrs)\b)[A-Za-z][a-z-]+\.?[ \u00a0]$")


def _kinds_of(actor, ctx: Context) -> set[str]:
    """The role classes of a KB person's offices (`role`, past ones too) and `titles`."""
    return {k for t in [*_ROLE_PARTS.findall(actor.role or ""), *actor.titles] for r in ctx.vocab.roles_in(t)
            for k in r.kinds}


def _titled_namesake(text: str, seg: Segment, m: Match, actor, ctx: Context):
    """The KB person a one-word surname names when the KB holds two persons of that surname, or a title written right
    before it does not fit the alias's person (kb45). A title right before the surname keeps the persons whose offices
    or titles fit it, else those whose KB `titles` are not listed: "MSNBC host Reid" is Joy Reid, not Harry Reid
    (titles Senator, Leader); "Gov. McMaster" Henry McMaster. Of those left, the one the text last named in full
    before the surname ("Joy Reid said ... Reid added"); else the one left, when one is; else the alias's person when
    no title ruled it out and the text names no namesake in full; else nobody (None)."""
    word = text[m.start:m.end].casefold()
    namesakes = _surname_persons(ctx).get(word, [])
    if actor not in namesakes:
        namesakes = [actor, *namesakes]
    titled = actor.titles and _PLAIN_TITLE.search(text, max(0, m.start - 30), m.start)
    kinds = title_before(seg, m.first).kinds if titled or len(namesakes) > 1 else set()
    if len(namesakes) == 1 and (not kinds or kinds & _kinds_of(actor, ctx)):
        return actor
    # (a title one namesake's offices or titles hold picks among those: "Gov. McMaster" is Henry McMaster, even after
    # H.R. McMaster named in full, whose KB lists no titles)
    fits = [a for a in namesakes if kinds & _kinds_of(a, ctx)] if kinds else []
    fits = fits or [a for a in namesakes if not kinds or not a.titles]
    before = [(max(p), a) for a in fits if (p := _named_before(text, a, m.start))]
    if before:
        return max(before, key=lambda pa: pa[0])[1]
    if len(fits) == 1 and (fits[0] is actor or kinds):
        return fits[0]
    if actor in fits and not any(_named_before(text, a, len(text)) for a in namesakes if a is not actor):
        return actor
    return None


def _named_before(text: str, actor, end: int) -> list[int]:
    """Where the text writes a KB person's name or a longer alias of theirs in full before `end`."""
    out = []
    for name in {actor.name, *actor.aliases}:
        if " " in name or "-" in name:
            out += [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text[:end])]
    return out


def _surname_persons(ctx: Context) -> dict[str, list]:
    """Last word of a KB person's name (case-folded) -> the KB's persons of that name (built once a KB)."""
    kb = ctx.index.kb
    cached = _SURNAMES.get(id(kb))
    if cached is None or cached[0] is not kb:
        table: dict[str, list] = {}
        for a in kb.actors.values():
            if a.type == "person" and " " in a.name:
                table.setdefault(a.name.split()[-1].casefold(), []).append(a)
        cached = _SURNAMES[id(kb)] = (kb, table)
    return cached[1]


_SURNAMES: dict[int, tuple] = {}


def _after_late(text: str, start: int) -> bool:
    """Whether "the late" (or "his late" ...) stands right before `start`, titles allowed between (stop 43)."""
    return _LATE.search(text, max(0, start - 60), start) is not None


def _deceased_namesake(m: Match, ctx: Context):
    """The one KB person who died (`died`) and one of whose names begins with the words of `m` ("King Abdullah" ->
    "King Abdullah bin Abdulaziz"), else None: "the late X" names a dead person, never a living one (stop 43)."""
    k = len(m.key)
    fits = [a for a in ctx.index.kb if a.type == "person" and a.died is not None
            and any(tuple(key[:k]) == tuple(m.key) for key in ctx.index.name_keys(a.id))]
    return fits[0] if len(fits) == 1 else None


def _outlet_edition(text: str, seg: Segment, m: Match, actor, ctx: Context, found: list[Match]) -> bool:
    """A capital right after a KB outlet's name ("Breitbart London's editor", "Breitbart Jerusalem"): the
    outlet's edition or bureau in that city, not the government (stop 40)."""
    if actor.type in ("state", "person") or m.first == 0 or not close_words(seg, m.first - 1) \
            or not ctx.places.is_place(text[m.start:m.end]):
        return False
    return any(o.last == m.first and (a := _actor(o, ctx, text)) is not None and a.type == "media" for o in found)


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in (read_data("data/dates/en.yaml") or {}).get("months", ()))


_DAY = re.compile(r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"(?:1[0-9]|20)[0-9]{2}$")


def month_of_date(text: str, seg: Segment, first: int, last: int) -> bool:
    """Words first..last are one word that is a month (data/dates/en.yaml `months`: "May", "June") with a day or
    a year after it, or a day before it, blanks only between ("on May 22, 2013", "May 2013", "22 May"): a date,
    not a person's surname ("In 2016 May won" keeps Theresa May; stop 40)."""
    ws = seg.words
    if last - first != 1 or ws[first].text.casefold() not in _months():
        return False
    after = last < len(ws) and text[ws[first].end:ws[last].start].isspace() \
        and (_DAY.match(ws[last].text) or _YEAR.match(ws[last].text))
    before = first > 0 and text[ws[first - 1].end:ws[first].start].isspace() and _DAY.match(ws[first - 1].text)
    return bool(after or before)


def _bare_word_surname(text: str, seg: Segment, m: Match, actor) -> bool:
    """A KB person's one-word name that is an ordinary English word (`word_surnames`: "Power", "Gates"), with no
    title before it, in a text that never writes a longer name of the person: the word, not the person."""
    if m.last - m.first != 1 or seg.words[m.first].norm not in listed_words("word_surnames"):
        return False
    titled = title_before(seg, m.first)
    return not (titled.kinds or titled.gender) and not _named_in_full(text, m, actor)


def _words_in(text: str, key: str) -> bool:
    """Whether the text writes one of the word list's words (any case, whole words)."""
    words = listed_words(key)
    return any(w.casefold() in words for w in re.findall(r"[^\W\d_]+", text))


def _leaning_abroad(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """A party's one-word name that is a leaning's word (`leaning_words`, "the Conservatives", "Liberals") in a
    text that never names the party's country (its name, a demonym of it, a place of the places index there:
    "In London, the Conservatives won") nor writes another name of the party ("Tories", "the Conservative
    Party"): the leaning, not the foreign party (stop 39, second pass)."""
    if m.last - m.first != 1 or seg.words[m.first].norm not in listed_words("leaning_words") or not actor.country:
        return False
    if any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in actor.names
           if name_key(n) != m.key):
        return False
    demonyms = {str(d).casefold() for d in ((demonym_data().get("countries") or {}).get(actor.country) or ())}
    for hit in re.finditer(r"[A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2}", text):
        words = hit.group(0).rstrip(".").split(" ")
        for i in range(len(words)):
            if i > 0 and words[i - 1] == "New":
                continue  # "Western New England University", "New South Wales": no place of the old country (stop 42)
            for j in range(i + 1, len(words) + 1):
                name = " ".join(words[i:j])
                if name.casefold() in demonyms:
                    return False
                info = ctx.places.get(name)
                if info is not None and info.country == actor.country:
                    return False
    return True


def _glued_capitals(text: str, m: Match, actor) -> bool:
    """A KB acronym in capitals glued by a hyphen to a word in capitals that is no name of the actor ("TIP-INS",
    a basketball box's heading), or followed by a hyphen and a number ("EC-130", an aircraft's model; stop 42), in
    a text that never writes the actor's longer name: one word in capitals, not the acronym ("ISIS-K" after "the
    Islamic State" keeps it)."""
    word = text[m.start:m.end]
    if " " in word or not word.isupper() or actor.type in ("state", "person"):
        return False
    after = re.match(r"[-\u2010\u2011]([A-Z]{2,}|[0-9]+[A-Z]?)(?![\w-])", text[m.end:m.end + 20])
    before = re.search(r"(?<![\w-])([A-Z]{2,})[-\u2010\u2011]$", text[max(0, m.start - 20):m.start])
    glued = (after or before)
    if glued is None or glued.group(1) in actor.names:
        return False
    return not any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in actor.names if not n.isupper())


def _team_demonym(text: str, m: Match) -> bool:
    """A demonym that is a sports team's name (`team_demonyms`: "Yankees") in a text that writes a word of sport
    (`sport_words`: "fans", "baseball", "season"): the team, no nationality (stop 39, second pass)."""
    return text[m.start:m.end].casefold() in listed_words("team_demonyms") and _words_in(text, "sport_words")


def _river(text: str, seg: Segment, m: Match) -> bool:
    """A state's one-word name that is also a river's (`river_states`: "Jordan", "Niger") after "the", with no
    capitalized word or possessive after it: "across the Jordan" is the river ("the Jordan Valley" is a place
    named after the state, `_place_after_state`)."""
    ws = seg.words
    if m.last - m.first != 1 or m.first == 0 or ws[m.first].norm not in listed_words("river_states") \
            or ws[m.first - 1].text != "the" or ws[m.first].possessive:
        return False
    if text[m.end:m.end + 1] in ("-", "\u2013", "'", "’"):
        return False  # "the Jordan-Syria border", "the Jordan's": the state
    return m.last >= len(ws) or not ws[m.last].text[:1].isupper() or not close_words(seg, m.first)


# A saint's title (`saint_titles`: "St.", "Saint") right before a name: a saint ("a medal of St. Christopher"),
# whatever the KB holds (stop 38).
_TITLE_BEFORE = re.compile(r"(?<![\w.])(\w+)\.?[\s\u00a0]+$")


def after_saint(text: str, start: int) -> bool:
    """Whether a saint's title (`saint_titles`) stands right before `start`: the name is a saint's."""
    m = _TITLE_BEFORE.search(text, max(0, start - 8), start)
    return m is not None and m.group(1)[:1].isupper() and m.group(1).lower() in listed_words("saint_titles")


def _order_member(text: str, m: Match) -> bool:
    """A demonym that is also a religious order's name (`order_demonyms`: "Dominican") before one of
    `order_nouns` ("a Dominican friar", "the Dominican Sisters"): the order, not the state's people (stop 38)."""
    if text[m.start:m.end].casefold() not in listed_words("order_demonyms"):
        return False
    nxt = _NEXT_WORD.match(text, m.end)
    return nxt is not None and nxt.group(1).casefold() in listed_words("order_nouns")


def _shouted_word(text: str, seg: Segment, m: Match) -> bool:
    """A one-word KB acronym that the parser reads as a verb, pronoun or other function word, before an
    article, a pronoun or a comma ("he just IS, living", "Bond IS the hero"): emphasis, not the acronym
    ("IS fighters", "IS claimed" stay the group)."""
    word = text[m.start:m.end]
    if m.last - m.first != 1 or not word.isupper() or "." in word or not seg.sdoc.vocab[word.lower()].is_stop:
        return False  # only a word that is an English function word in lower case ("is", "us", "who")
    tok = seg.token_at(seg.words[m.first].start)
    if tok is None or tok.pos_ not in ("AUX", "VERB", "PRON", "ADP", "DET", "CCONJ", "SCONJ", "PART"):
        return False
    after = seg.sdoc[tok.i + 1] if tok.i + 1 < len(seg.sdoc) else None  # "IS the hero", "IS, living"
    return after is not None and after.pos_ in ("DET", "PUNCT", "ADV", "PRON", "ADP") and not after.text[:1].isupper()


def _shouted_name(text: str, seg: Segment, m: Match, actor) -> bool:
    """A KB person's one-word name in capitals beside other capitals ("RUSSIANS SPARED FULL BAN FROM
    OLYMPICS") that the text never writes as the KB does ("Ban"): a word of a shouted line, not the
    person ("PUTIN WARNS" over a story that names Putin keeps the link)."""
    word = text[m.start:m.end]
    if m.last - m.first != 1 or not word.isupper() or len(word) < 2 or word in actor.names:
        return False
    ws = seg.words
    if not any(0 <= j < len(ws) and len(ws[j].text) >= 2 and ws[j].text.isalpha() and ws[j].text.isupper()
               for j in (m.first - 1, m.first + 1)):
        return False
    return not any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in actor.names if not n.isupper())


def _phrase_at_sentence_start(text: str, seg: Segment, m: Match, raw_ner: list[tuple[int, int]]) -> bool:
    """A KB name of several words opening a sentence, a later word in lower case ("Foreign policy is
    always uncertain"): the capital is the sentence's, the words an ordinary phrase, unless the model
    saw a name there."""
    ws, connectors = seg.words, listed_words("name_connectors")
    if m.last - m.first < 2 or not any(w.text[:1].islower() and w.norm not in connectors
                                       for w in ws[m.first + 1:m.last]):
        return False
    tok = seg.token_at(ws[m.first].start)
    if tok is None or not tok.is_sent_start:
        return False
    return not any(s < m.end and m.start < e for s, e in raw_ner)


def _generic_phrase(text: str, seg: Segment, m: Match, ctx: Context) -> bool:
    """A KB name of several words after "a" / "an", its first word capitalized and a later one in lower
    case ("an Islamic state"): a kind of state, not the name ("the Islamic State", "an Islamic State
    fighter" keep it). A country's demonym first names that country's body: "a Syrian army" is still
    the army of Syria."""
    ws = seg.words
    if m.last - m.first < 2 or m.first == 0 or ws[m.first - 1].norm not in ("a", "an") \
            or not ws[m.first].text[:1].isupper():
        return False
    if not any(w.text[:1].islower() for w in ws[m.first + 1:m.last]):
        return False
    first = ctx.index.names.find(text, ws[m.first:m.first + 1])
    return not any(isinstance(p, Nationality) for f in first for p in f.payloads)


@resource("data/entities/recognize.yaml")
def _name_particle() -> re.Pattern:
    """A name particle of `name_particles` (case kept) and a capitalized name after a one-word KB name."""
    particles = "|".join(re.escape(str(p)) for p in recognize_data().get("name_particles") or ())
    return re.compile(rf"[ \t]+(?:{particles})[-\s]([A-Z][\w'’-]+)")


def _name_goes_on(text: str, m: Match, ctx: Context, actor_id: str) -> bool:
    """A KB person's one-word name followed by an Arabic name particle and another name that is none of
    the actor's ("Mubarak al-Shabwani", "Abbas bin Farhan"): the first name of someone else."""
    if m.last - m.first != 1:
        return False
    hit = _name_particle().match(text, m.end)
    if hit is None:
        return False
    own = {w for key in ctx.index.name_keys(actor_id) for w in key}
    return not set(name_key(hit.group(1))) & own


def _leaning_before_party(seg: Segment, m: Match, actor) -> bool:
    """A party's name of several words whose first word, a word of `leaning_words`, is written in lower case while a
    later word has its capital ("liberal Democrats", "conservative Republicans"): a leaning before another party's
    members, not the party of that name (stop 51: the British Liberal Democrats in a US text)."""
    if actor.type != "party" or m.last - m.first < 2:
        return False
    first = seg.words[m.first]
    return first.text[:1].islower() and first.norm in listed_words("leaning_words") \
        and any(w.text[:1].isupper() for w in seg.words[m.first + 1:m.last])


def _lower_ok(text: str, seg: Segment, m: Match, actor, raw_ner: list[tuple[int, int]]) -> bool:
    """A KB name written in lower case ("russia", "al-qaeda", "sdf" in comments) counts where the
    model saw a name too, or when it cannot be an ordinary word: several words (not an outlet's,
    "foreign policy"), a state that is no English word, an acronym of three letters or more that
    is not a stop word. One of `common_words` after a determiner is the word ("That turkey is
    spectacular", "your china"), whatever the model saw; so is a one-word name the parser reads as a verb
    ("well fed": not the Federal Reserve; stop 43)."""
    if " ".join(w.norm for w in seg.words[m.first:m.last]) in listed_words("kb_names_capitalized_only"):
        return False  # "works from a home office", "the right sector of the market": the phrase (kb51)
    if actor.type == "party" and m.last - m.first == 1 and seg.words[m.first].norm in listed_words("leaning_words"):
        return False  # "young conservatives": a leaning, not the British party (stop 39)
    if m.last - m.first == 1 and actor.type != "state":
        tok = seg.token_at(seg.words[m.first].start)
        if tok is not None and tok.pos_ in ("VERB", "AUX"):
            return False  # "well fed", "the information being fed": the verb, whatever the model saw (stop 43)
    if m.last - m.first == 1 and m.first > 0 and seg.words[m.first].text.lower() in listed_words("common_words") \
            and seg.words[m.first - 1].norm in listed_words("determiners"):
        return False
    if actor.type == "state" and m.last - m.first == 1 and seg.words[m.first].text.lower() in listed_words("common_words") \
            and not _written_capitalized(text, actor):
        return False  # "choose china patterns" in a text that never writes "China": the word, whatever the model saw
    if any(s < m.end and m.start < e for s, e in raw_ner):
        return True
    if actor.type == "media":  # an outlet's name in lower case is the phrase ("foreign policy")
        return False
    if m.last - m.first > 1:
        return True
    word = seg.words[m.first].text
    if word.lower() in listed_words("common_words"):
        return False
    if actor.type == "state":
        return True
    return any(is_acronym(n) and len(n) >= 3 and n.lower() == word for n in actor.names) \
        and not seg.sdoc.vocab[word].is_stop


def _written_capitalized(text: str, actor) -> bool:
    """Whether the text writes one of the state's names with its capital ("China", "People's Republic of China")
    or its demonym ("Chinese"): only then is a lower-case "china" the state (stop 40)."""
    for name in (*actor.names, *(actor.demonyms or ())):
        if name[:1].isupper() and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            return True
    return False


def _longer_name_written(text: str, actor, word: str) -> bool:
    """Whether the text writes one of the actor's names that is not in capitals (its expansion: "Securities and
    Exchange Commission" for "SEC")."""
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in actor.names
               if n != word and not n.isupper())


_CAPS_WORD = re.compile(r"[A-Z][A-Z0-9'’]+")


def _beside_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word right before or right after start..end (blanks between) is a word in capitals of two
    letters or more: a shouted line ("ICE COLD", "HOT ICE")."""
    before = re.search(r"([A-Za-z0-9'’]+)[ \t]+$", text[max(0, start - 30):start])
    after = re.match(r"[ \t]+([A-Za-z0-9'’]+)", text[end:end + 30])
    return any(w is not None and _CAPS_WORD.fullmatch(w.group(1)) is not None and not w.group(1).isdigit()
               for w in (before, after))


@resource("data/entities/recognize.yaml")
def _shared_acronym_rules() -> tuple[dict[str, str], int]:
    """`shared_acronyms` (acronym -> the word list that refuses it) and `shared_acronym_window`, read once."""
    data = recognize_data()
    return ({str(k): str(v) for k, v in (data.get("shared_acronyms") or {}).items()},
            int(data.get("shared_acronym_window") or 300))


def _shared_acronym(text: str, seg: Segment, m: Match, actor) -> bool:
    """A body's acronym that other things share, in a text that never writes the body's longer name (stop 42):
    one of `shared_acronyms` with a word of its list within `shared_acronym_window` characters ("the SEC
    championship" beside "football": the Southeastern Conference, not the Securities and Exchange Commission);
    or one of `word_acronyms` (an English word: "ICE") beside another word in capitals, in a text that writes it
    nowhere else outside such a line ("ICE COLD DRINKS": the word, not the immigration agency; "ICE RAIDS" over
    a story saying "ICE agents" keeps it)."""
    word = text[m.start:m.end]
    if actor.type in ("state", "person") or m.last - m.first != 1 or not word.isupper() or not word.isalpha():
        return False
    shared, reach = _shared_acronym_rules()
    clue = shared.get(word)
    shouted = word.lower() in listed_words("word_acronyms")
    if clue is None and not shouted:
        return False
    if _longer_name_written(text, actor, word):
        return False
    if clue is not None:
        near = text[max(0, m.start - reach):m.end + reach]
        return _words_in(near, str(clue))
    if not _beside_capitals(text, m.start, m.end):
        return False
    return all(_beside_capitals(text, h.start(), h.end())
               for h in re.finditer(r"(?<![\w@#])" + re.escape(word) + r"(?![\w])", text))


def _account_name(text: str, seg: Segment, m: Match, actor) -> bool:
    """A KB person's name inside an account's display name, the "(@handle)" right after it, when the display
    name holds a word that is none of the person's ("STUMP 4 TRUMP (@Stump4TrumpPAC)": a political action
    committee's account; "Donald J. Trump (@realDonaldTrump)" keeps the person); stop 42."""
    if actor.type != "person" or re.match(r"[ \t]*\(@\w+\)", text[m.end:m.end + 40]) is None:
        return False
    line_start = max(text.rfind("\n", 0, m.start), text.rfind(".", 0, m.start), text.rfind(":", 0, m.start)) + 1
    before = text[line_start:m.start].split()
    own = {w.casefold() for n in actor.names for w in n.split()}
    return any(w.casefold().strip("'’\"“") not in own for w in before[-3:])


def _given_name_word(seg: Segment, m: Match):
    """The word right before a one-word match when it is a capitalized given name of data/entities/given_names.yaml
    (no stop word) close to it ("Gary Cameron", "David French"), else None."""
    if m.last - m.first != 1 or m.first == 0 or not close_words(seg, m.first - 1):
        return None
    prev = seg.words[m.first - 1]
    if not prev.text[:1].isupper() or prev.text.casefold() not in given_name_genders() \
            or seg.sdoc.vocab[prev.text.lower()].is_stop:
        return None
    if m.first >= 2 and seg.words[m.first - 2].norm in listed_words("given_name_idioms_after"):
        return None  # "a regular Joe American": the idiom's "Joe", no given name (kb47)
    return prev


def _other_given_name(text: str, seg: Segment, m: Match, actor, ctx: Context,
                      raw_ner: list[tuple[int, int]]) -> int | None:
    """A KB one-word name (a person's surname, a state's or a capital's name) right after a given name of
    data/entities/given_names.yaml that is no word of the actor's names ("Gary Cameron/Reuters", "the next George
    Washington"): another person, whose start is returned. For a state or a government (a capital) the model must
    see one person over both words too ("Will Russia act?" keeps Russia); stop 42."""
    prev = _given_name_word(seg, m)
    if prev is None:
        return None
    own = {w for key in ctx.index.name_keys(actor.id) for w in key}
    given = prev.text.casefold()
    if prev.norm in own or given in own:
        return None
    if any(len(w) >= 3 and abs(len(w) - len(given)) == 1 and (given.startswith(w) or w.startswith(given)) for w in own):
        return None  # "Paula Manafort, Trump's former campaign manager": a letter too many, the KB person still
    if actor.type != "person":
        tok = seg.token_at(prev.start)
        if tok is None or tok.ent_type_ != "PERSON" or not any(s <= prev.start and m.end <= e for s, e in raw_ner):
            return None
    return prev.start


def _myth_word(text: str, m: Match) -> bool:
    """A demonym before one of `myth_nouns` ("the Greek demi-god", "Norse gods", "a Roman goddess"): a myth's
    people, not the state's (stop 42)."""
    nxt = re.match(r"[\s\u00a0]+([^\W\d_][\w-]*)", text[m.end:m.end + 30])
    return nxt is not None and nxt.group(1).casefold() in listed_words("myth_nouns")


# "of" or "at" right after a name, then the company ("Ron Johnson of Apple", "Jane Doe at Acme Inc."; not "from": "a
# letter to Ron Johnson from Apple" is the senator's)
_OF_AT = re.compile(r"[ \u00a0]+(?:of|at)[ \u00a0]+(?:the[ \u00a0]+)?")
# an apposition of up to five words ending in "of"/"at" and the company (", the former head of Apple retail stores")
_APPOSITION_OF = re.compile(r",[ \u00a0]+((?:[\w'’.&-]+[ \u00a0]+){1,5}?)(?:of|at)[ \u00a0]+(?:the[ \u00a0]+)?")
# an apposition opening with the company's possessive (", Apple's retail chief")
_APPOSITION_POSS = re.compile(r",[ \u00a0]+(?:the[ \u00a0]+)?")
# what an apposition may hold before "of": determiners, adjectives, nouns ("the former head"); no verb, no relative
# pronoun ("Ron Johnson, who grilled the head of Apple" is the senator)
_APPOSITION_POS = frozenset(("DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PUNCT"))


def _of_a_company(text: str, seg: Segment, m: Match, actor, found: list[Match], ctx: Context) -> bool:
    """A KB person's name right before "of"/"at" and a company ("Ron Johnson of Apple"), or before an apposition
    naming a post there (", the former head of Apple retail stores", ", Apple's retail chief"): a namesake who works
    there, when the KB does not say the person serves that company (`_serves`) and no title of the person's own
    stands before the name ("Sen. Ron Johnson at Boeing" visits it); `company_codes`, `company_suffixes` in
    recognize.yaml (kb47)."""
    places = []
    if (hit := _OF_AT.match(text, m.end)) is not None:
        places.append((hit.end(), False))
    if (hit := _APPOSITION_OF.match(text, m.end)) is not None \
            and _names_a_post(text, seg, hit.start(1), hit.end(1), ctx):
        places.append((hit.end(), False))
    if (hit := _APPOSITION_POSS.match(text, m.end)) is not None:
        places.append((hit.end(), True))
    for at, possessive in places:
        company = _company_at(text, seg, at, found, ctx, possessive)
        if company is not None and not _serves(actor, *company):
            return not (title_before(seg, m.first).kinds & _kinds_of(actor, ctx))
    return False


def _names_a_post(text: str, seg: Segment, start: int, end: int, ctx: Context) -> bool:
    """Whether text[start:end] is nouns and adjectives only (no verb, no relative pronoun) holding a post of the role
    vocabulary ("the former head", "senior vice president"; not "a longtime critic")."""
    for w in re.finditer(r"[^ \u00a0]+", text[start:end]):
        tok = seg.token_at(start + w.start())
        if tok is None or tok.pos_ not in _APPOSITION_POS or tok.lower_ in ("that", "which", "whose", "what"):
            return False
    return any(r.kind for r in ctx.vocab.roles_in(text[start:end]))


def _company_at(text: str, seg: Segment, at: int, found: list[Match], ctx: Context, possessive: bool = False):
    """The company whose name the text writes from `at`, and that name as written: a KB actor of a `company_codes`
    code (as the KB matcher found it there), or a capitalised name ending in one of `company_suffixes` (no KB actor:
    None); else None. With `possessive`, only a KB company written with "'s" right after it, then a post ("Apple's
    retail chief")."""
    for f in found:
        if f.start != at:
            continue
        company = _actor(f, ctx, text)
        if company is None or company.type == "person" \
                or not any((company.code or "").endswith(c) for c in recognize_data().get("company_codes") or ()):
            return None
        if possessive and not ((post := _POSSESSIVE_POST.match(text, f.end)) is not None
                               and _names_a_post(text, seg, post.start(1), post.end(1), ctx)):
            return None
        return company, text[f.start:f.end]
    if possessive:
        return None
    hit = _company_suffixed().match(text, at)
    return (None, re.sub(r"[ \u00a0,]+\S+$", "", hit.group(0).strip())) if hit is not None else None


# "'s" and the words up to the apposition's end after a company's name (", Apple's retail chief,")
_POSSESSIVE_POST = re.compile(r"['’]s[ \u00a0]+((?:[\w-]+[ \u00a0]*){1,4})(?=[,.;:)]|$)")


@lru_cache(maxsize=1)
def _company_suffixed() -> re.Pattern:
    """Up to five capitalised words and one of `company_suffixes` ("Acme Widgets Inc.", "Pacur, LLC")."""
    suffixes = "|".join(re.escape(str(w).rstrip(".")) for w in recognize_data().get("company_suffixes") or ())
    return re.compile(r"[A-Z][\w&'’.-]*(?:[ \u00a0]+[A-Z&][\w&'’.-]*){0,4}?,?[ \u00a0]+(?:" + suffixes
                      + r")(?![\w])\.?")


def _serves(actor, company, written: str) -> bool:
    """Whether the KB says person `actor` serves a company (a KB actor or None; `written`, its name as the text writes
    it, less a suffix): it is their `affiliation`, or its name as written or one of its KB names is written in their
    `role` ("chief executive of Hewlett-Packard", "founder of Amazon" for "Amazon.com")."""
    if company is not None and actor.affiliation == company.id:
        return True
    role = (actor.role or "").casefold()
    names = [written, *([company.name, *company.aliases] if company is not None else [])]
    names += [n.removesuffix(".com") for n in names if n.casefold().endswith(".com")]
    return any(len(n) >= 3 and re.search(r"(?<![\w-])" + re.escape(n.casefold()) + r"(?![\w-])", role) for n in names)


def _family_name(text: str, seg: Segment, m: Match) -> bool:
    """A KB person's one-word name, not possessive, right before one of `family_nouns` ("the Trump family", "the
    Trump name", "the Kennedy clan"): the family, not the person ("Trump's family" is his); stop 43."""
    ws = seg.words
    if m.last - m.first != 1 or m.last >= len(ws) or ws[m.first].possessive or not close_words(seg, m.first):
        return False
    return ws[m.last].text.islower() and ws[m.last].norm in listed_words("family_nouns")


def _state_before(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """A party's name right after the name of a KB state of another country, in one name ("the Sweden Democrats",
    "Kosovo Democrats"), or its demonym ("the Canadian Democratic Party", kb52): that country's party, not the KB's
    (stop 43)."""
    if m.first == 0 or not close_words(seg, m.first - 1) or not actor.country:
        return False
    for k in (1, 2, 3):
        if m.first - k < 0:
            break
        for hit in ctx.index.names.find(text, seg.words[m.first - k:m.first]):
            if hit.last - hit.first == k:
                for p in hit.payloads:
                    if isinstance(p, Nationality) and p.country and p.country != actor.country and not hit.lower:
                        return True
                    other = ctx.index.kb.get(p.actor_id) if isinstance(p, ActorRef) else None
                    if other is not None and other.type == "state" and other.country != actor.country:
                        return True
    return False


def _given_name_before(text: str, seg: Segment, m: Match, raw_ner: list[tuple[int, int]]) -> bool:
    """A one-word demonym right after a capitalized given name of data/entities/given_names.yaml, the model seeing one
    person over both ("David French", "Ryan Irish"): the person's surname, no nationality (stop 43)."""
    prev = _given_name_word(seg, m)
    if prev is None:
        return False
    return any(s <= prev.start and m.end <= e for s, e in raw_ner) and \
        (tok := seg.token_at(prev.start)) is not None and tok.ent_type_ == "PERSON"


_LANGUAGE_FOR = re.compile(r"[ \t]+for[ \t]+[\"'“‘]")


def _demonym_idiom(text: str, m: Match) -> bool:
    """A demonym before one of `demonym_idiom_nouns` ("Russian roulette", "French fries"), or before "for" and a
    quotation ("Russian for 'goodbye'": the language): no nationality (stop 43)."""
    nxt = re.match(r"[\s\u00a0]+([^\W\d_][\w-]*)", text[m.end:m.end + 30])
    return nxt is not None and nxt.group(1).casefold() in listed_words("demonym_idiom_nouns") \
        or _LANGUAGE_FOR.match(text, m.end) is not None


def _state_unnamed(text: str, m: Match, ctx: Context) -> bool:
    """A demonym of `state_named_demonyms` ("Indians": Native Americans, a baseball team, as often as India's people)
    in a text that never writes a name of its state ("India"): no nationality (stop 43)."""
    if text[m.start:m.end].casefold() not in listed_words("state_named_demonyms"):
        return False
    state = ctx.index.kb.get(_nationality(m).kb_id)
    return state is not None and not any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)
                                         for n in state.names if n[:1].isupper())


@resource("data/entities/recognize.yaml")
def _shared_state_rules() -> dict[str, str]:
    """`shared_state_names`: a state's name a company bears too -> the word list that makes it the company."""
    return {str(k).casefold(): str(v) for k, v in (recognize_data().get("shared_state_names") or {}).items()}


def _shared_state_name(text: str, m: Match) -> bool:
    """A state's name of `shared_state_names` ("Emirates", the airline) right before a word of its list ("the Emirates
    fleet"), or not after "the" with such a word within `shared_acronym_window` characters ("Emirates inks an order
    for 30 Boeing jets"): the company, not the state (stop 43)."""
    clue = _shared_state_rules().get(text[m.start:m.end].casefold())
    if clue is None:
        return False
    nxt = _NEXT_WORD.match(text, m.end)
    if nxt is not None and nxt.group(1).casefold() in listed_words(clue):
        return True
    if re.search(r"(?<![\w])[Tt]he[ \t]+$", text[max(0, m.start - 5):m.start]):
        return False
    reach = _shared_acronym_rules()[1]
    return _words_in(text[max(0, m.start - reach):m.end + reach], clue)


def _saint_of_the_text(text: str, m: Match, actor) -> bool:
    """A KB person's one-word name that the text writes after a saint's title elsewhere ("Saint Francis") and
    never in a longer name of the person ("Pope Francis"): the saint (stop 42)."""
    if m.last - m.first != 1:
        return False
    word = re.escape(text[m.start:m.end])  # one search for a saint's title before the word, then the checks
    titles = "|".join(sorted((re.escape(t.capitalize()) for t in listed_words("saint_titles")), key=len, reverse=True))
    if re.search(r"(?<![\w.])(?:" + titles + r")\.?[\s\u00a0]+" + word + r"(?!\w)", text) is None:
        return False
    return not _named_in_full(text, m, actor) and \
        any(after_saint(text, h.start()) for h in re.finditer(r"(?<![\w])" + word + r"(?!\w)", text))


def _given_name_of_the_text(text: str, m: Match, actor, ctx: Context) -> bool:
    """A state's one-word name that is also a given name (`given_name_countries`), in a text that writes it as a
    person's given name ("Cuba Gooding Jr.": a capitalized word after it, no place, no title) and never writes the
    state's demonym nor a longer name of it, nor the name after a locative preposition or before a title ("in Chad",
    "Chad President", "Jordan's King"): the person ("It's Cuba's best role"); stop 42."""
    word = text[m.start:m.end]
    if m.last - m.first != 1 or word.casefold() not in listed_words("given_name_countries"):
        return False
    given = False
    for h in re.finditer(r"(?<![\w])" + re.escape(word) + r"[ \t]+([A-Z][a-z]+)(?![\w])", text):
        if not ctx.places.is_place(h.group(1)) and not ctx.vocab.roles_in(h.group(1)) \
                and not _title_case_line(text, h.start()):  # "Hosts Destroy Israel Event": a headline's capitals
            given = True
            break
    if not given:
        return False
    for h in re.finditer(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text):  # "in Chad", "Chad President",
        prev = _PREV_WORD.search(text, max(0, h.start() - 40), h.start())  # "Jordan's King": the state here
        nxt = re.match(r"(?:['’]s)?[ \t]+([A-Za-z]+)", text[h.end():h.end() + 40])
        if prev is not None and prev.group(1).casefold() in listed_words("locative_prepositions") \
                or nxt is not None and nxt.group(1)[:1].isupper() and ctx.vocab.roles_in(nxt.group(1)):
            return False
    for name in (*actor.names, *(actor.demonyms or ())):
        if name != word and name[:1].isupper() and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            return False
    return True


_CASE_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w.&'’-]*){0,3}[ \t]+v\.[ \t]+[A-Z]")
_CASE_BEFORE = re.compile(r"[A-Z][\w.&'’-]*[ \t]+v\.[ \t]+(?:[A-Z][\w.&'’-]*[ \t]+){0,3}$")


def _case_name(text: str, m: Match) -> bool:
    """A body's name in a court case's name, "A v. B" (the legal "v.", capitalized words only between: "Walmart
    Stores v. Dukes", "Citizens United v. FEC"): the case, not the body as an actor (stop 42)."""
    return _CASE_AFTER.match(text, m.end, min(len(text), m.end + 60)) is not None \
        or _CASE_BEFORE.search(text, max(0, m.start - 60), m.start) is not None


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line holding `at` is written in Title Case: most of its words of four letters or more capitalized
    ("Historical Society Hosts Destroy Israel Event")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text[start:end if end >= 0 else len(text)])]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) * 2 > len(words) + 1
