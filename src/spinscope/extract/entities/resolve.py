"""Resolution inside one document: which mentions name the same entity."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from .gazetteer import Gazetteer
from .kb_index import Nationality
from ...resources import resource
from ...text.names import is_acronym, name_key, norm
from .recognize import Context, Mention, Segment, after_saint, listed_words, nominals, title_before
from .roles import Profile, genders_clash
from .given_names import given_name_genders
from .kb_names import _months, _surname_persons, _title_case_line, month_of_date
from .settle import _kin_introduced

# Words an acronym skips ("Islamic State of Iraq and Syria" -> ISIS).
_SKIP = frozenset(("of", "the", "and", "for", "de", "al", "el", "in", "on", "to", "a", "an", "&"))
# "Syrian Democratic Forces (SDF)": an acronym in brackets right after a name.
_BRACKETED = re.compile(r"\s*\(\s*((?:[A-Z]\.?){2,8}|[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s*\)")
# "SVU (Syrian Volunteer Union)": a capitalized name in brackets right after an acronym.
_EXPANSION = re.compile(r"\s*\(\s*([A-Z][\w'’.\-]*(?:[ \-][\w'’.\-]+){1,7})\s*\)")
_PROPER = ("PROPN",)
# "of" and a capitalized word after a name: a longer name goes on ("Congress of Industrial Organizations")
_OF_NAME = re.compile(r" of (?:the )?[A-Z]")
# A second person fitting a role nominal named within this many characters before it makes it ambiguous.
_RIVAL_WINDOW = 1000


@dataclass(eq=False)
class Cluster:
    mentions: list[Mention]
    type: str
    kb_id: str | None = None
    nat: Nationality | None = None
    profile: Profile = field(default_factory=Profile)
    kb_names: set[tuple[str, ...]] = field(default_factory=set)  # keys of the KB actor's names
    role_words: set[str] = field(default_factory=set)  # KB persons: the words of their role and affiliation
    died: int | None = None  # KB persons: the year of death (stop 43)
    # KB persons: the role classes of every office the KB gives them (past ones too) and of their KB `titles`;
    # `titles_listed`: the KB lists their titles, so a title outside these is someone else's (stop 44)
    title_kinds: set[str] = field(default_factory=set)
    titles_listed: bool = False

    @property
    def keys(self) -> set[tuple[str, ...]]:
        """The names it goes by in the document and in the KB."""
        return {m.key for m in self.mentions if m.source != "nominal"} | self.kb_names

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def last_before(self, pos: int) -> int:
        """End of its latest mention before `pos` (-1 when none)."""
        return max((m.end for m in self.mentions if m.end <= pos), default=-1)

    def absorb(self, other: "Cluster") -> None:
        self.mentions.extend(other.mentions)
        self.profile.update(other.profile)
        self.kb_id = self.kb_id or other.kb_id
        self.kb_names |= other.kb_names
        other.mentions = []


def resolve(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context,
            year: int | None = None) -> list[Cluster]:
    """Group mentions into entities: KB id, full name and surname, acronym and expansion, case
    variants; then find missed repeats of the names and give role nominals their person. `year`, the year the
    document was published when it says so: a KB role dated otherwise ("President (from January 2017)" in a 2016
    text) is not the person's then (stop 41)."""
    mentions = _of_a_division(text, _of_another_country(
        text, _foreign_bodies(text, _trusted_acronyms(text, segs, mentions, ctx), ctx), ctx), ctx)
    clusters = _group(mentions, ctx, text, year, segs)
    _acronyms(text, segs, clusters, ctx)
    clusters = [c for c in clusters if c.mentions]
    _rescan(text, segs, clusters, ctx)
    _one_company(text, clusters)
    clusters = [c for c in clusters if c.mentions]
    _kb_profiles(clusters, ctx, year)
    taken = [m for c in clusters for m in c.mentions]
    unclear: dict[str | None, int] = {}  # role class -> where a nominal of it was last left ambiguous
    for nom in nominals(segs, taken):
        held = _held_in_clause_year(nom, clusters, segs, ctx)
        if held is _AMBIGUOUS:
            continue  # a year in its clause no one named held the office in, or two did (kb48): no link, nor
            # "unclear" for the nominals after it (their own clauses, or the document's year, decide them)
        person = _antecedent(nom, clusters) if held is None else held
        if person is _AMBIGUOUS:
            unclear[nom.role.kind] = nom.start
            continue
        if person is None or person.last_before(nom.start) < unclear.get(nom.role.kind, -1):
            continue  # nobody fitting named since "the president" was left unclear: still unclear
        for c in clusters:  # "Russian" inside "the Russian diplomat" is part of the nominal now
            c.mentions = [m for m in c.mentions
                          if not (m.seg == nom.seg and nom.start <= m.start and m.end <= nom.end)]
        person.mentions.append(nom)
    clusters = [c for c in clusters if c.mentions]
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return clusters


def _trusted_acronyms(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> list[Mention]:
    """KB acronyms the text does not use for the actor: one it defines for other words
    ("mortgage-backed securities (MBS)": no link anywhere in it), and one inside a run of other capitals
    that name nothing known ("AAA MBS bonds", a shouted "IS UP")."""
    redefined = set()
    for m in mentions:
        surface = text[m.start:m.end]
        if m.source != "kb" or not is_acronym(surface) or text[m.start - 1:m.start] != "(" \
                or text[m.end:m.end + 1] != ")":
            continue
        ws = segs[m.seg].words[:m.first]
        keys = [tuple(w.norm for w in ws[len(ws) - n:]) for n in range(2, min(8, len(ws)) + 1)]
        names = ctx.index.name_keys(m.kb_id)  # "National Security Council (NSC)": a name of it, less "US"
        if any(_fits_acronym(surface, k, False) for k in keys) \
                and not any(n[-len(k):] == k for k in keys for n in names):
            redefined.add(surface)
    for m in mentions:  # "NSC (NATO Shipping Centre)": the expansion in brackets after the acronym
        surface = text[m.start:m.end]
        if m.source != "kb" or not is_acronym(surface) or not (hit := _EXPANSION.match(text, m.end)):
            continue
        key = name_key(hit.group(1))
        if _fits_acronym(surface, key, False) and not any(n[-len(key):] == key for n in ctx.index.name_keys(m.kb_id)):
            redefined.add(surface)
    known = {(m.seg, i) for m in mentions if m.source in ("kb", "nationality") for i in range(m.first, m.last)}

    def capitals(m: Mention, i: int) -> bool:
        """Word i, next to m or to other capitals next to it ("WHO IS THE FRONT-RUNNER?", where "IS"
        names something too), is other capitals that name nothing known."""
        ws = segs[m.seg].words
        surface = text[m.start:m.end]
        if segs[m.seg].kind == "title" or "." in surface \
                or surface not in ctx.index.kb.get(m.kb_id).names:  # "RUSSIA WARNS": no acronym
            return False  # (and "U.N. PANEL RULES": the dots mark an abbreviation, shouting or not)
        step = -1 if i < m.first else 1
        near = m.first if i < m.first else m.last - 1
        while 0 <= i < len(ws):
            w = ws[i].text
            gap = text[ws[i].end:ws[near].start] if step < 0 else text[ws[near].end:ws[i].start]
            if not (gap == " " and len(w) >= 2 and w.isalpha() and w.isupper()):
                return False
            if (m.seg, i) not in known:
                return True
            near, i = i, i + step
        return False

    out = []
    for m in mentions:
        surface = text[m.start:m.end]
        if m.source == "kb" and is_acronym(surface) and (
                surface in redefined or capitals(m, m.first - 1) or capitals(m, m.last)):
            continue
        out.append(m)
    return out


def _generic_alias(m: Mention, ctx: Context) -> str | None:
    """The actor's country when its name here is its full name less the country ("Congress" of
    "United States Congress", "House of Representatives"; six names of the built-in KB): a body many
    countries have."""
    actor = ctx.index.kb.get(m.kb_id)
    if actor is None or not actor.country or actor.type in ("state", "person"):
        return None
    full = name_key(actor.name)
    k = len(m.key)
    if not 0 < k < len(full):
        return None
    if full[-k:] == m.key:
        rest = full[:-k]
    elif full[:k] == m.key and full[k:k + 1] in (("of",), ("in",)):
        rest = full[k + 1:]
    else:
        return None
    return actor.country if ctx.places.country_code(" ".join(rest)) == actor.country else None


def _countries(text: str, mentions: list[Mention], generic: dict[int, str], ctx: Context) -> dict[str, int]:
    """How often the text names each country (ISO alpha-3): states, governments, demonyms, countries
    and cities of 100,000 people or more (`generic`: the mentions that are a body's generic name)."""
    counts: dict[str, int] = {}
    for m in mentions:
        code = None
        if m.source == "kb":
            actor = ctx.index.kb.get(m.kb_id)
            if actor is not None and actor.type in ("state", "government") and id(m) not in generic:
                code = actor.country
        elif m.source == "nationality":
            code = m.nat.country
        elif m.type == "place":
            info = ctx.places.get(text[m.start:m.end])
            if info is not None and info.kind == "country":
                code = info.country
            elif info is not None and info.kind == "city" and info.population >= 100_000:
                code = info.country
        if code:
            counts[code] = counts.get(code, 0) + 1
    return counts


# "of" and a country's name after a body's name: "Democratic Party of Germany", "Supreme Court of Israel"
_OF_COUNTRY = re.compile(r" of (?:the )?([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3})")


def _of_another_country(text: str, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """A KB body's name that goes on with "of" and another country than the body's is that country's
    body, not the KB's ("the National Democratic Party of Germany" holds no US Democratic Party)."""
    out = []
    for m in mentions:
        actor = ctx.index.kb.get(m.kb_id) if m.source == "kb" else None
        hit = _OF_COUNTRY.match(text, m.end) if actor is not None and actor.country \
            and actor.type not in ("state", "person") else None
        if hit:
            words = hit.group(1).split(" ")
            code = next((c for n in range(len(words), 0, -1) if (c := ctx.places.country_code(" ".join(words[:n])))), None)
            if code and code != actor.country:
                m = replace(m, source="ner", type="organization", kb_id=None, label="ORG", unlike_kb=True)
        out.append(m)
    return out


# capitalised words right before a body's name: "Florida Department of State", "the California Department of Justice"
_DIVISION_BEFORE = re.compile(r"(?:^|[^\w’'.-])([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}) $")


def _of_a_division(text: str, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Round 28b (stop 45, roles45): a KB government body's name right after the name of a first-level division of the
    body's own country ("the Florida Department of State", "the California Department of Justice") is that division's
    body, not the national one (fresh3: Florida's department linked to the US State Department, twice). A division of
    another country is left ("Georgia's Ministry of Defence" of the Caucasus republic is the KB's)."""
    from .divisions import alpha2, division_names

    out = []
    for m in mentions:
        actor = ctx.index.kb.get(m.kb_id) if m.source == "kb" and m.start > 0 else None
        if actor is not None and actor.type == "government" and actor.country:
            hit = _DIVISION_BEFORE.search(text, max(0, m.start - 40), m.start)
            if hit:
                words = hit.group(1).split(" ")
                countries = next((c for n in range(len(words)) if (c := division_names().get(name_key(" ".join(words[n:]))))),
                                 None)
                if countries and alpha2(actor.country) in countries:
                    m = replace(m, source="ner", type="organization", kb_id=None, label="ORG", unlike_kb=True)
        out.append(m)
    return out


def _foreign_bodies(text: str, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """A body's generic name ("Congress") links to the KB's body only when the text is not plainly
    about another country (one it names twice or more while never naming the body's own) and the
    name does not go on ("Congress of Industrial Organizations", "Congress of Deputies"). A name of
    `generic_names_of_own_country` ("Coast Guard": every coastal state has one) only when the text names
    the body's country and no other country more often (kb52)."""
    generic = {id(m): own for m in mentions if m.source == "kb" and (own := _generic_alias(m, ctx))}
    if not generic:
        return mentions
    counts = _countries(text, mentions, generic, ctx)
    strict = listed_words("generic_names_of_own_country")
    out = []
    for m in mentions:
        own = generic.get(id(m))
        if own and (_OF_NAME.match(text, m.end) or not counts.get(own)
                    and any(n >= 2 for c, n in counts.items() if c != own)
                    or " ".join(m.key) in strict and (not counts.get(own)
                                                      or any(n > counts[own] for c, n in counts.items() if c != own))):
            m = replace(m, source="ner", type="organization", kb_id=None, label="ORG")  # India's Congress
        out.append(m)
    return out


def _group(mentions: list[Mention], ctx: Context, text: str = "", year: int | None = None,
           segs: list[Segment] | None = None) -> list[Cluster]:
    by_key: dict[tuple, Cluster] = {}
    clusters: list[Cluster] = []

    def get(key: tuple, typ: str, **kw) -> Cluster:
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = Cluster([], typ, **kw)
            clusters.append(c)
        return c

    kb_keys: dict[tuple, str] = {}  # a name of a KB actor found in the document -> its id
    for m in mentions:
        if m.source == "kb":
            c = get(("kb", m.kb_id), m.type, kb_id=m.kb_id)
            if not c.mentions:  # the KB's gender first: "Mrs. Clinton" must not join Bill Clinton
                c.profile.gender = getattr(ctx.index.kb.get(m.kb_id), "gender", None)
                _title_kinds(c, ctx)
            c.mentions.append(m)
            c.profile.update(m.profile)
            for key in ctx.index.name_keys(m.kb_id):
                kb_keys.setdefault(key, m.kb_id)
                c.kb_names.add(key)
        elif m.source == "nationality":
            get(("nat", m.nat.key), "nationality", kb_id=m.nat.kb_id, nat=m.nat).mentions.append(m)

    persons = [m for m in mentions if m.source == "ner" and m.type == "person"]
    person_keys = {m.key for m in persons} | {k for k, aid in kb_keys.items()
                                              if ctx.index.kb.get(aid).type == "person"}

    def short(key: tuple) -> bool:
        return any(len(f) > len(key) and f[-len(key):] == key for f in person_keys)

    # the first words of the full names the text writes: "Chelsea" alone may be "Chelsea Clinton"
    given_firsts = {m.key[0] for m in mentions if m.type == "person" and len(m.key) > 1}

    outlets = _outlet_parts(kb_keys, ctx)
    later: list[Mention] = []
    given_names: list[Mention] = []
    for m in mentions:
        if m.source != "ner":
            continue
        actor = ctx.index.kb.get(kb_keys[m.key]) if m.key in kb_keys and not m.unlike_kb \
            and not _function_word(text, m) else None
        if actor is not None and (m.type != "place" or actor.type == "state") \
                and not genders_clash(m.profile.gender, actor.gender):  # "Mrs. Obama" is not Barack Obama
            c = by_key[("kb", kb_keys[m.key])]  # the KB's name written in a way its patterns did not take
            # (but "in Moscow", the city, stays apart from "Moscow", the government)
        elif (outlet := _outlet_part(m, outlets, text, ctx)) is not None and not short(m.key):
            c = by_key[("kb", outlet)]  # "the Enquirer" after "the Cincinnati Enquirer", "told Fox" (stop 42)
        elif m.type == "person" and short(m.key) and not m.unlike_kb:  # ("the Trump family": no one's surname)
            later.append(m)
            continue
        elif m.type == "person" and len(m.key) == 1 and m.key[0] in given_firsts:
            given_names.append(m)
            continue
        elif m.type == "person":
            c = get(("person", m.key), "person")
        else:
            c = get(("name", m.key), m.type)
        c.mentions.append(m)
        c.profile.update(m.profile)
    person_clusters = [c for c in clusters if c.type == "person"]
    known = {id(c): c.profile.gender for c in person_clusters}  # before any surname adds its title's
    titled: dict[tuple, set[str]] = {}  # surname -> the genders its titles give ("Mr. Khan", "Ms. Khan")
    for m in later:
        if m.profile.gender:
            titled.setdefault(m.key, set()).add(m.profile.gender)
    for m in later:  # a surname joins the one person of that name the text means (see _owner)
        owner = _owner(m, person_clusters, known, len(titled.get(m.key, ())) > 1, text, (segs, year), ctx)
        if owner is None or owner is _AMBIGUOUS:  # a person of its own, kept apart by title gender
            key = ("person", m.key) if owner is None else ("person", m.key, m.profile.gender)
            owner = get(key, "person")
            person_clusters.append(owner)
        owner.mentions.append(m)
        owner.profile.update(m.profile)
    for m in given_names:  # a given name alone is the one person of the text whose full name, as the text
        # writes it, opens with it (not a KB alias: "Rafael" near "Ted Cruz" is his father)
        fits = [c for c in person_clusters if any(len(x.key) > 1 and x.key[0] == m.key[0] for x in c.mentions)
                and not genders_clash(m.profile.gender, known.get(id(c), c.profile.gender))]
        owner = fits[0] if len(fits) == 1 else get(("person", m.key), "person")  # several: "Donald" alone
        owner.mentions.append(m)
        owner.profile.update(m.profile)
    _office_holder_by_date(text, clusters, by_key, ctx, year, segs)
    _holder_of_title(text, clusters, by_key, ctx)
    for c in clusters:
        if c.kb_id is None and c.nat is None and c.mentions:
            c.type = _vote(c)
    return clusters


def _dated_office_kinds(text: str, m: Mention) -> set[str]:
    """The offices a surname is given by the words around it, read by the document's date (kb46): a title right
    before it ("President Bush": its role classes), or a government noun after it (`dated_government_nouns`: "the Bush
    administration", "the Bush White House": a president's)."""
    if m.profile.kinds and _TITLE_RIGHT_BEFORE.search(text, max(0, m.start - 30), m.start):
        return set(m.profile.kinds)
    rest = re.sub(r"^['’]s\b", "", text[m.end:m.end + 40]).lower().split()
    nouns = listed_words("dated_government_nouns")
    rest = [re.sub(r"['’]s$", "", w.strip(".,;:")) for w in rest[:2]]  # "the Bush administration's policy"
    if rest and (rest[0] in nouns or " ".join(rest) in nouns) \
            and not set(text[max(0, m.start - 30):m.start].lower().split()[-1:]) & listed_words("government_not_after"):
        return {"president"}
    return set()


def _before_era(text: str, m: Mention) -> bool:
    """Whether one of `era_nouns` follows the surname at `m`, alone or after a list of capitalized names ("the Clinton
    era", "the Clinton and Bush eras"; kb48)."""
    if m.source == "nominal" or len(m.key) != 1:
        return False
    hit = _ERA.match(text, m.end)
    return hit is not None and hit.group(1).lower() in listed_words("era_nouns")


_ERA = re.compile(r"(?:['’]s)?(?:(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+)[A-Z][\w'’-]+)*[ \t]+([A-Za-z]+)\b")


def _office_holder_by_date(text: str, clusters: list[Cluster], by_key: dict, ctx: Context, year: int | None,
                           segs: list[Segment] | None = None) -> None:
    """A surname alone, no namesake named in full: the KB person of that surname who held the office its title or a
    government noun says in the year of its clause, else of the document ("President Bush", "the Bush administration"
    in a 2006 text: George W. Bush; in a 1990 text, or in a 2006 text's "President Bush launched the war in 1991":
    George H. W. Bush), when exactly one did, for an office of one holder at a time (`dated_office_kinds`: "State Sen.
    Johnson" of a local paper is no US senator of the KB). When every titled mention of the surname names the same
    holder, the cluster's other mentions go with it (kb46); when they name different holders, nobody, or a year is
    unknown (an undated text's "President Bush" with no year in its clause), each titled mention with one holder goes
    to its holder alone and the rest stay unlinked (kb47). None held it then (a 2016 text's "the Bush
    administration"): no link, as before (kb46)."""
    table = _surname_persons(ctx)
    offices = listed_words("dated_office_kinds")
    for c in _lone_surname_clusters(clusters):
        namesakes = [a for a in table.get(c.mentions[0].key[0], []) if not genders_clash(c.profile.gender, a.gender)]
        if not namesakes:
            continue
        eras = [m for m in c.mentions if _before_era(text, m)]
        presidents = [a for a in namesakes if _dates_office(a, "president", ctx)]
        for m in eras:  # "the Clinton era" with no president of the name named in full: the one the KB knows (kb48)
            c.mentions.remove(m)
            alone = Cluster([m], "person", profile=replace(m.profile, kinds=set(m.profile.kinds)))
            if len(presidents) == 1 and _link_to_holder(alone, presidents[0], clusters, by_key, ctx) is not alone:
                continue
            clusters.append(alone)
        if not c.mentions:
            continue
        picks: list[tuple[Mention, list]] = []  # a titled mention and the namesakes holding its office in its year
        for m in c.mentions:
            if not (asked := _dated_office_kinds(text, m) & offices):
                continue
            picks.append((m, _dated_holders(segs, m, year, [(a, a) for a in namesakes], asked, ctx) or []))
        if not picks:
            continue
        ids = {a.id for _, held in picks for a in held}
        _link_picks(c, picks, len(ids) == 1 and all(held for _, held in picks), clusters, by_key, ctx)


def _holder_of_title(text: str, clusters: list[Cluster], by_key: dict, ctx: Context) -> None:
    """A surname alone with a title right before it, no namesake named in full, not a KB alias ("Secretary Clinton" in
    a text that never writes "Hillary Clinton"): the one KB person of that surname whose KB `titles` hold the title
    ("Secretary" is Hillary Clinton's, not Bill Clinton's: President, Governor), as a surname alone that is an alias
    goes to its person (`kb_names._titled_namesake`). Only the KB's listed titles are read, not its offices: "Senator
    Johnson" of a local paper may be a state's senator. The offices `dated_office_kinds` are left to
    `_office_holder_by_date` ("President Clinton" of a 2016 text may be a future one). As there, when every titled
    mention names the same person the cluster's other mentions go with it, else each titled mention with one holder
    goes to it alone (kb52)."""
    table = _surname_persons(ctx)
    dated = listed_words("dated_office_kinds")
    for c in _lone_surname_clusters(clusters):
        namesakes = [a for a in table.get(c.mentions[0].key[0], []) if a.titles
                     and not genders_clash(c.profile.gender, a.gender)]
        if not namesakes:
            continue
        picks: list[tuple[Mention, list]] = []
        for m in c.mentions:
            if m.source == "nominal" or not m.profile.kinds or m.profile.kinds & dated \
                    or not _TITLE_RIGHT_BEFORE.search(text, max(0, m.start - 30), m.start):
                continue
            picks.append((m, [a for a in namesakes if m.profile.kinds & _listed_title_kinds(a, ctx)
                              and not genders_clash(m.profile.gender, a.gender)]))
        if not picks:
            continue
        ids = {a.id for _, fit in picks for a in fit}
        _link_picks(c, picks, len(ids) == 1 and all(len(fit) == 1 for _, fit in picks), clusters, by_key, ctx)


def _link_picks(c: Cluster, picks: list[tuple[Mention, list]], whole: bool, clusters: list[Cluster], by_key: dict,
                ctx: Context) -> None:
    """Link a cluster of titled mentions after `_office_holder_by_date` or `_holder_of_title` chose holders: the whole
    cluster to the one holder when `whole` (every titled mention names the same person), else each titled mention with
    one holder to it alone (the holders differ by clause), the rest keeping the cluster with its profile redone."""
    if whole:
        _link_to_holder(c, picks[0][1][0], clusters, by_key, ctx)
        return
    for m, held in picks:
        if len(held) != 1:
            continue
        c.mentions.remove(m)
        alone = Cluster([m], "person", profile=replace(m.profile, kinds=set(m.profile.kinds)))
        if _link_to_holder(alone, held[0], clusters, by_key, ctx) is alone:
            clusters.append(alone)
    if c.mentions:
        c.profile = Profile()
        for m in c.mentions:
            c.profile.update(m.profile)


def _lone_surname_clusters(clusters: list[Cluster]):
    """The unlinked person clusters whose mentions are all one surname alone, over a copy of `clusters` (the callers
    append to it)."""
    for c in list(clusters):
        if c.kb_id is None and c.type == "person" and c.mentions and len({m.key for m in c.mentions}) == 1 \
                and len(c.mentions[0].key) == 1:
            yield c


def _listed_title_kinds(actor, ctx: Context) -> set[str]:
    """The role classes of a KB person's `titles` alone."""
    return {k for t in actor.titles for r in ctx.vocab.roles_in(t) for k in r.kinds}


def _link_to_holder(c: Cluster, actor, clusters: list[Cluster], by_key: dict, ctx: Context) -> Cluster:
    """Cluster `c` names KB person `actor`: it joins the actor's cluster when the text has one (returned), else it is
    it (`c` returned)."""
    target = by_key.get(("kb", actor.id))
    if target is not None and target is not c and target.mentions:
        target.absorb(c)
        return target
    c.kb_id = actor.id
    c.profile.gender = actor.gender or c.profile.gender
    _title_kinds(c, ctx)
    c.kb_names.update(ctx.index.name_keys(actor.id))
    by_key[("kb", actor.id)] = c
    return c


def _dated_holders(segs: list[Segment] | None, m: Mention, year: int | None, candidates: list[tuple], asked: set[str],
                   ctx: Context) -> list | None:
    """Of `candidates` ((item, KB person) pairs), the items whose person held an office of `asked` in the year its
    own clause gives (`_clause_years`: "President Bush launched the war in 1991"), or, none holding it then or no
    year in the clause, in the document's `year` (kb46; a title of today on an earlier event: "In 1999, President
    Bush ran for office" of a 2006 text is George W. Bush); None when neither year is known (kb47)."""
    def held(years) -> list:
        return [item for item, a in candidates if any(_held_kinds(a, ctx, y) & asked for y in years)]

    years = _clause_years(segs, m)
    found = held(years) if years else []
    if not found and year is not None:
        found = held({year})
    return found if years or year is not None else None


def _clause_years(segs: list[Segment] | None, m: Mention, nominal: bool = False) -> set[int]:
    """The years written in the clause of a mention, as the time of that clause: a year after one of
    `clause_year_prepositions` ("in 1991", "during 1991"), through a month or day ("on March 3, 1991", "in March
    1991") or a time noun and "of" ("in the summer of 1991"), when the preposition hangs on the verb that governs the
    mention (its nearest verb up the parse). "the 1991 war", "the war of 1812" (no such preposition) and a year in
    another clause ("President Bush, who took office in 2001, said") do not count (kb47)."""
    if not segs or m.seg >= len(segs) or m.source == "nominal" and not nominal:
        return set()
    tok = segs[m.seg].token_at(m.end - 1)
    if tok is None:
        return set()
    head = _clause_head(tok)
    preps, nouns, months = listed_words("clause_year_prepositions"), listed_words("clause_year_nouns"), _months()
    years = set()
    for t in tok.sent:
        if not _YEAR_TOKEN.fullmatch(t.text) or t.pos_ != "NUM":
            continue
        y = t
        if y.dep_ in ("nummod", "npadvmod", "appos", "compound") and y.head.lower_ in months:
            y = y.head  # "March 1991", "March 3, 1991"
        if y.dep_ == "pobj" and y.head.lower_ == "of" and y.head.head.lower_ in nouns | months:
            y = y.head.head  # "the summer of 1991", "March of 1991"
        if y.dep_ == "pobj" and y.head.lower_ in preps and _clause_head(y.head).i == head.i:
            years.add(int(t.text))
    return years


_YEAR_TOKEN = re.compile(r"1[7-9]\d\d|20\d\d")


def _held_in_clause_year(nom: Mention, clusters: list[Cluster], segs: list[Segment] | None,
                         ctx: Context) -> Cluster | None:
    """A role nominal of a dated office (`dated_office_kinds`: "the president", "the vice president") whose own clause
    gives a year (`_clause_years`: "the president signed the welfare law in 1996") is the KB person named before it who
    held that office then, by the KB's dated role, when exactly one did (the document's year does not decide: a 2016
    text's "the president" of that clause is Bill Clinton, not Obama). None when no year is given or the office is not
    dated, or when a person named before it fits the office and the KB dates none of theirs (no year to read): the
    document's year decides as before (`_antecedent`). Several who held such an office then: the latest named, as
    `_antecedent` picks (another named close before it too: `_AMBIGUOUS`). None of the persons named before it held it
    then: `_AMBIGUOUS`, no link beats a wrong one ("the president visited Moscow in 1999" of a 2016 text naming only
    Obama is not Obama; kb48)."""
    kind = nom.role.kind if nom.role is not None else None
    if kind not in listed_words("dated_office_kinds") or "former" in nom.key or "ex" in nom.key:
        return None
    years = _clause_years(segs, nom, nominal=True)
    if not years:
        return None
    held, undated = [], False
    for c in clusters:
        if c.type != "person" or c.nat is not None or c.last_before(nom.start) < 0:
            continue
        actor = ctx.index.kb.get(c.kb_id) if c.kb_id else None
        if actor is None or actor.type != "person" or not _dates_office(actor, kind, ctx):
            undated = undated or c.profile.fits(nom.role, nom.role_country, kind)  # no dates to read: a guess
            continue
        for y in years:
            p = Profile(gender=actor.gender, country=actor.country)
            for t in role_parts(actor.role or "", y):
                if _YEAR.search(t):
                    for r in ctx.vocab.roles_in(t):
                        p.add_role(r)
            if p.fits(nom.role, nom.role_country, kind):
                held.append(c)
                break
    if undated:
        return None
    if len(held) > 1:  # several held such an office then ("the president" after Obama and Putin): the latest named,
        # unless another was named close before it too, as `_antecedent` reads them
        held.sort(key=lambda c: -c.last_before(nom.start))
        return held[0] if nom.start - held[1].last_before(nom.start) > _RIVAL_WINDOW and not nom.role.one_holder \
            else _AMBIGUOUS
    return held[0] if held else _AMBIGUOUS


def _dates_office(actor, kind: str, ctx: Context) -> bool:
    """Whether a KB person's `role` gives years to an office of role class `kind` ("Vice President of the United
    States (1981-1989)")."""
    return any(_YEAR.search(t) and any(r.kind == kind for r in ctx.vocab.roles_in(t))
               for t in _PARTS.findall(actor.role or ""))


def _clause_head(tok):
    """The verb (or auxiliary) nearest above a token in the parse, or the sentence's root."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _held_kinds(actor, ctx: Context, year: int | None) -> set[str]:
    """The own role classes of the offices of a KB person's `role` held in `year` (none when `year` is unknown): a
    president's "president", not the broader "leader" a prime minister's title also gives. Only an office the KB dates
    counts: "US Senator (Ohio)", undated, may have ended before the text was written (kb46)."""
    if year is None:
        return set()
    return {r.kind for t in role_parts(actor.role or "", year) if _YEAR.search(t)
            for r in ctx.vocab.roles_in(t) if r.kind}


def _title_kinds(c: Cluster, ctx: Context) -> None:
    """What a title before a KB person's surname may say of them: the role classes of every office of their KB
    `role` (past ones too: "Governor Bush" is Jeb) and of their KB `titles` ("Secretary Clinton", "Senator
    Clinton": Hillary Clinton, whose KB role is the 2016 nomination). Stop 44."""
    actor = ctx.index.kb.get(c.kb_id)
    if actor is None or actor.type != "person":
        return
    for t in [*_PARTS.findall(actor.role or ""), *actor.titles]:
        c.title_kinds.update(k for r in ctx.vocab.roles_in(t) for k in r.kinds)
    c.titles_listed = bool(actor.titles)


def _function_word(text: str, m: Mention) -> bool:
    """A word not in capitals that is an English function word, in a line written in Title Case ("Us" of the headline
    "Democrats Want Us To Believe All Women"): never a KB name the model's mention joins (the acronym "US" is matched in
    capitals only; a commenter's "Us is backing them up" keeps the United States); stop 43."""
    from spacy.lang.en.stop_words import STOP_WORDS

    word = text[m.start:m.end]
    return " " not in word and not word.isupper() and word.lower() in STOP_WORDS and _title_case_line(text, m.start)


def _outlet_parts(kb_keys: dict[tuple, str], ctx: Context) -> dict[tuple, str | None]:
    """The first word and the last one or two words (no "the") of the names of the KB outlets the document names,
    each to its outlet (None when two outlets of the document share it: "Post" after the Washington Post and the
    New York Post)."""
    parts: dict[tuple, str | None] = {}
    for key, aid in kb_keys.items():
        actor = ctx.index.kb.get(aid)
        if actor is None or actor.type != "media":
            continue
        key = tuple(w for w in key if w != "the")
        if len(key) < 2:
            continue
        for part in {key[:1], key[-1:], key[-2:]} - {key}:
            if len(part[-1]) >= 3:
                parts[part] = aid if parts.get(part, aid) == aid else None
    return parts


def _outlet_part(m: Mention, outlets: dict[tuple, str | None], text: str, ctx: Context) -> str | None:
    """The KB outlet a model's name is a part of, the outlet named in full in the document ("the Enquirer" after
    "the Cincinnati Enquirer", "Clinton told Fox" after "Fox News"); a place's name is never one ("Washington"
    after "The Washington Post"); stop 42."""
    if m.type not in ("organization", "person", "place", "media") or not outlets:
        return None
    key = tuple(w for w in m.key if w != "the")
    aid = outlets.get(key)
    if aid is None or (m.type == "person" and m.profile.gender):
        return None
    word = text[m.start:m.end]
    if not word[:1].isupper():
        return None
    if ctx.places.is_place(word) \
            and (m.type == "place" or not re.search(r"(?<!\w)the[ \t]+$", text[max(0, m.start - 5):m.start])):
        return None  # "in Washington": the city; "according to the Post" (a town in Texas too) is the paper (stop 43)
    return aid


def _one_company(text: str, clusters: list[Cluster]) -> None:
    """One word the model types a person in some sentences and an organization in more, with no title
    and no fuller name of a person in the text ("a Carrier worker", "Carrier's plant"): the company; the
    person's mentions, repeats found for it included, join it. A text that writes the word after a given
    name ("Officer Amber Guyger", then "Guyger" alone) names a person by it: no merge. A name of several words
    none of which is a given name, never before a speech verb, typed an organization at least half as often as a
    person ("Open Graph", Facebook's protocol): one organization too (stop 43)."""

    orgs = {}
    for c in clusters:
        keys = {m.key for m in c.mentions}
        if c.kb_id is None and c.nat is None and c.type == "organization" and len(keys) == 1:
            orgs[next(iter(keys))] = c
    for c in clusters:
        keys = {m.key for m in c.mentions}
        if c.kb_id is not None or c.type != "person" or c.profile.gender or len(keys) != 1:
            continue
        key = next(iter(keys))
        other = orgs.get(key)
        if other is None:
            continue
        ner = sum(m.source == "ner" for m in c.mentions)
        org_ner = sum(m.source == "ner" for m in other.mentions)
        word = text[c.mentions[0].start:c.mentions[0].end]
        if len(key) > 1:
            # several words, none a given name, never before a speech verb ("Facebook's Open Graph", "publish to Open
            # Graph"): a thing's name the model typed a person in some sentences, when it is an organization in at
            # least half as many (repeats found for either counted; stop 43); "Sravish Sridhar says" stays a person
            if any(w in given_name_genders() for w in key) or len(other.mentions) * 2 < len(c.mentions) \
                    or re.search(re.escape(word) + r"[ \t]+(?:" + "|".join(map(re.escape, listed_words("speech_verbs")))
                                 + r")\b", text):
                continue
            other.mentions.extend(c.mentions)
            c.mentions = []
            continue
        fuller = re.finditer(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) " + re.escape(word) + r"\b", text)
        if any(part.casefold() in given_name_genders() for f in fuller for part in f.group(1).split("-")):
            continue
        if org_ner > ner:
            other.mentions.extend(c.mentions)
            c.mentions = []


def _owner(m: Mention, persons: list[Cluster], known: dict[int, str | None] | None = None,
           both_titles: bool = False, text: str = "", dating: tuple | None = None,
           ctx: Context | None = None) -> Cluster | None:
    """The person a lone surname names among those of the text whose fuller name ends in it. A
    title's gender ("Mr.", "Mrs.", "Ms.") never picks one of the other gender (known from the KB or a
    title by the full name); it picks the one known to be of its own when no namesake's gender is
    unknown, or when the text titles the surname both ways ("Mr. Obama", "Mrs. Obama"); titled both
    ways with no namesake of a known gender ("Mr. Khan", "Ms. Khan"), _AMBIGUOUS. A
    surname with an office ("President Bush") goes to the one person holding it, else to the latest
    named before it; a bare one to the main referent (see _main_referent)."""
    k = len(m.key)
    known = known or {}

    def gender(c: Cluster) -> str | None:
        return known.get(id(c), c.profile.gender)

    fits = [c for c in persons if c.mentions and any(len(f) > k and f[-k:] == m.key for f in c.keys)
            and not genders_clash(m.profile.gender, gender(c))]  # "Mrs. Clinton" is not Bill Clinton
    if m.profile.kinds and _TITLE_RIGHT_BEFORE.search(text, max(0, m.start - 30), m.start):
        # "Secretary Clinton" is not Bill Clinton, whose KB titles hold no secretary (stop 44); only a title written
        # right before the surname ("a former adviser and pollster to Mr. Clinton" is still Bill)
        fits = [c for c in fits if not c.titles_listed or (c.profile.kinds | c.title_kinds) & m.profile.kinds]
    if text and ctx is not None and _before_era(text, m):
        # "the Clinton era": a president's, not the candidate's named in full (kb48); `_office_holder_by_date` links
        # it when the KB knows one president of the surname and no namesake of the text is one
        held = [c for c in fits if c.kb_id and (a := ctx.index.kb.get(c.kb_id)) is not None
                and _dates_office(a, "president", ctx)]
        return held[0] if len(held) == 1 else None if not held else _AMBIGUOUS
    if not fits:
        return None
    if m.profile.gender:
        same = [c for c in fits if gender(c) == m.profile.gender]
        unknown = [c for c in fits if gender(c) is None]
        if len(same) == 1 and (both_titles or not unknown):
            return same[0]  # (a namesake of unknown gender may be the "Mr." unless a "Mrs." is about)
        if both_titles and not same:
            return _AMBIGUOUS
        if same and not unknown:
            fits = same
    if len(fits) == 1:
        return fits[0]
    if dating is not None and ctx is not None \
            and (asked := _dated_office_kinds(text, m) & listed_words("dated_office_kinds")):
        # "President Bush", "the Bush administration" in a dated text naming both Bushes in full: the one the KB says
        # held the office in its year (kb46), or in the year its clause gives (kb47); none or both did: the rules below
        segs, year = dating
        kb_fits = [(c, a) for c in fits if c.kb_id and (a := ctx.index.kb.get(c.kb_id)) is not None]
        holders = _dated_holders(segs, m, year, kb_fits, asked, ctx) or []
        if len(holders) == 1:
            return holders[0]
    if _before_government(text, m.start, m.end):  # "the Bush White House": the president's, if one is named so
        presidents = [c for c in fits if "president" in c.profile.kinds]
        return presidents[0] if len(presidents) == 1 else _AMBIGUOUS
    if m.profile.kinds:
        holders = [c for c in fits if c.profile.kinds & m.profile.kinds] \
            or [c for c in fits if c.title_kinds & m.profile.kinds]  # a KB office or title (stop 44)
        if len(holders) == 1:
            return holders[0]
        before = [c for c in fits if c.last_before(m.start) >= 0]
        if before:
            return max(before, key=lambda c: c.last_before(m.start))
        return min(fits, key=lambda c: c.first)
    return _main_referent(fits, k, text)


# a capitalized word right before a surname that is no courtesy title: "Secretary Clinton", "Sen. Clinton" (stop 44)
_TITLE_RIGHT_BEFORE = re.compile(r"(?<![\w.])(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Messrs)\b)[A-Z][a-z]+\.?[ \u00a0]$")


def _before_government(text: str, start: int, end: int) -> bool:
    """Whether one of `government_nouns` follows the name at [start, end) ("the Bush White House"), and
    the word before it is none of `government_not_after` ("a potential Clinton White House", "a Clinton White House")."""
    rest = re.sub(r"^['’]s\b", "", text[end:end + 40]).lower().split()
    nouns = listed_words("government_nouns")
    if not rest or not (rest[0].strip(".,;:") in nouns or " ".join(rest[:2]).strip(".,;:") in nouns):
        return False
    return not set(text[max(0, start - 30):start].lower().split()[-1:]) & listed_words("government_not_after")


# "Khizr and" before "Ghazala Khan": two given names share the surname; the couple is named together.
_JOINT = re.compile(r"[A-Z][\w'’\-]*\.?,? (?:and|&) $")


def _main_referent(fits: list[Cluster], k: int, text: str = "") -> Cluster:
    """Of several persons sharing a surname, the one a bare surname means: the one the text names
    in full first ("Rep. Alan Grayson ... his ex-wife Lolita Grayson ... Grayson said" is Alan). When
    the first two are first named in the same segment, or the first is named jointly with another
    ("Khizr and Ghazala Khan"), the only one of them the KB knows; else _AMBIGUOUS: no link beats a
    wrong one. Named first in the same segment (a paragraph), not jointly, the KB-known one only when the other is
    introduced as someone's kin ("John Podesta ... his son Mark Podesta": the family's other member, as
    `surnames_of_namesakes` reads a KB alias); "Mark Podesta, the brother of John Podesta" names two persons alike:
    no one (kb52)."""
    firsts = []
    for c in fits:
        full = [x for x in c.mentions if len(x.key) > k and x.source != "nominal"]
        x = min(full, key=lambda x: x.start) if full else min(c.mentions, key=lambda x: x.start)
        firsts.append((x.start, x.seg if full else -1, bool(_JOINT.search(text, max(0, x.start - 30), x.start)), c, x))
    firsts.sort(key=lambda f: f[0])
    (_, seg0, joint0, c0, x0), (_, seg1, _, c1, x1) = firsts[0], firsts[1]
    if not joint0 and not (seg0 == seg1 >= 0):
        return c0
    kb = [c for c in (c0, c1) if c.kb_id]
    if len(kb) != 1:
        return _AMBIGUOUS
    if joint0 or _kin_introduced(text, x1 if kb[0] is c0 else x0):
        return kb[0]
    return _AMBIGUOUS


def _vote(c: Cluster) -> str:
    """The most frequent type among its mentions; ties go to person, organization, place, other."""
    order = ("person", "organization", "place", "nationality", "other")
    counts: dict[str, int] = {}
    for m in c.mentions:
        counts[m.type] = counts.get(m.type, 0) + 1
    return max(counts, key=lambda t: (counts[t], -order.index(t) if t in order else -len(order)))


def _initials(key: tuple[str, ...], skip: bool) -> str:
    return "".join(w[0] for w in key if w and not (skip and w in _SKIP))


def _fits_acronym(acr: str, key: tuple[str, ...], lenient: bool) -> bool:
    """Whether `acr` abbreviates the name: its initials (with or without the small words), or, for
    an acronym given in brackets, a subsequence of them that starts with the first."""
    letters = norm(acr)
    if len(key) < 2 or len(letters) < 2:
        return False
    full, short = _initials(key, False), _initials(key, True)
    if letters in (full, short):
        return True
    if lenient and letters[0] == full[0]:
        it = iter(full)
        return all(ch in it for ch in letters)
    return False


def _acronyms(text: str, segs: list[Segment], clusters: list[Cluster], ctx: Context | None = None) -> None:
    """"Syrian Democratic Forces (SDF)" and "SDF (Syrian Democratic Forces)" introduce a pair; an
    acronym equal to the initials of a name in the document joins it too, unless the acronym is a KB
    actor's whose own long name is another ("DNC", the committee, is not the Democratic National
    Convention the text also names)."""
    owner = {id(m): c for c in clusters for m in c.mentions}
    ordered = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if a.seg != b.seg or not re.fullmatch(r"\s*\(\s*", text[a.end:b.start]) \
                or not re.match(r"\s*\)", text[b.end:b.end + 3]):
            continue
        ca, cb = owner[id(a)], owner[id(b)]
        # which of the two is the acronym, which the long name, and their clusters
        acr, long_, c_long, c_acr = (b, a, ca, cb) if is_acronym(text[b.start:b.end]) else (a, b, cb, ca)
        short = text[acr.start:acr.end]
        if ca is not cb and is_acronym(short) and _fits_acronym(short, long_.key, True) and _compatible(c_long, c_acr):
            _merge(c_long, c_acr, owner)
    # a bracketed acronym the model did not tag
    covered = {(m.start, m.end) for m in ordered}
    for m in ordered:
        if m.type in ("person", "nationality") or len(m.key) < 2:
            continue
        hit = _BRACKETED.match(text, m.end)
        if not hit or (hit.start(1), hit.end(1)) in covered or not _fits_acronym(hit.group(1), m.key, True):
            continue
        seg = segs[m.seg]
        i = seg.word_at(hit.start(1))
        if i is None or seg.words[i].end != hit.end(1):
            continue
        c = owner[id(m)]
        new = Mention(hit.start(1), hit.end(1), m.seg, i, i + 1, "local", c.type, key=(seg.words[i].norm,))
        c.mentions.append(new)
        owner[id(new)] = c
    # an expansion in brackets after an acronym, which the model cut up: "SVU (Syrian Volunteer Union)"
    for m in ordered:
        c = owner.get(id(m))
        if c is None or not c.mentions or not is_acronym(text[m.start:m.end]):
            continue
        hit = _EXPANSION.match(text, m.end)
        if not hit:
            continue
        seg = segs[m.seg]
        ws = [i for i, w in enumerate(seg.words) if hit.start(1) <= w.start and w.end <= hit.end(1)]
        if not ws or seg.words[ws[-1]].end != hit.end(1):
            continue
        key = tuple(seg.words[i].norm for i in ws)
        if not _fits_acronym(text[m.start:m.end], key, True):
            continue
        inside = [x for x in ordered if hit.start(1) <= x.start and x.end <= hit.end(1) and x is not m]
        if any(owner[id(x)].type in ("person",) or (x.start, x.end) == (hit.start(1), hit.end(1)) for x in inside):
            continue  # the model already has it (merged above) or it is a person's name
        for x in inside:  # "Syrian" of "Syrian Volunteer Union" is part of the name
            owner[id(x)].mentions.remove(x)
        new = Mention(hit.start(1), hit.end(1), m.seg, ws[0], ws[-1] + 1, "local", c.type, key=key)
        c.mentions.append(new)
        owner[id(new)] = c
    # initials without brackets: "US" and "the United States", "SAA" and "Syrian Arab Army"
    longs = [c for c in clusters if c.mentions and c.type not in ("person", "nationality")
             and any(len(k) >= 2 for k in c.keys)]
    for c in list(clusters):
        if not c.mentions or c.type in ("person", "nationality") or all(m.unlike_kb for m in c.mentions):
            continue  # (a KB name refused where it stands, "AP flour", joins no long name by its initials)
        acrs = {text[m.start:m.end] for m in c.mentions if len(m.key) == 1 and is_acronym(text[m.start:m.end])}
        for acr in acrs:
            for other in longs:
                if other.type not in ("place", "state") and acr in _division_abbreviations():
                    continue  # stop 50: "COLUMBIA, S.C." is South Carolina, not the Supreme Court the text names
                if other is not c and other.mentions and _compatible(other, c) \
                        and any(_fits_acronym(acr, k, False) for k in other.keys) \
                        and not _spelled_out_otherwise(acr, c, other, ctx):
                    _merge(other, c, owner)
                    break
            if not c.mentions:
                break


@resource("data/places/geocode.yaml")
def _division_abbreviations() -> frozenset[str]:
    """The news abbreviations of first-level divisions written with their dots ("S.C.", "N.C.", "D.C."; geocode.yaml
    `division_abbreviations`): initials of a place, which join no organisation's name by its initials."""
    from .places_index import geocode_config
    return frozenset(str(a) for names in (geocode_config().get("division_abbreviations") or {}).values()
                     for a in names if "." in str(a)[:-1])


def _spelled_out_otherwise(acr: str, c: Cluster, other: Cluster, ctx: Context | None) -> bool:
    """The acronym's cluster is a KB actor with a long name of the same initials that is not the other
    cluster's name: two bodies sharing initials."""
    if ctx is None or c.kb_id is None or other.kb_id is not None \
            or any(all(len(w) == 1 for w in k) for k in other.keys):  # "U.S" cut from its period: the acronym
        return False
    own = {k for k in ctx.index.name_keys(c.kb_id) if len(k) >= 2 and _fits_acronym(acr, k, False)}
    return bool(own) and not own & other.keys


def _compatible(a: Cluster, b: Cluster) -> bool:
    return not (a.kb_id and b.kb_id and a.kb_id != b.kb_id) and "nationality" not in (a.type, b.type)


def _merge(keep: Cluster, gone: Cluster, owner: dict) -> None:
    if keep.kb_id is None and gone.kb_id is not None:
        keep.type = gone.type
    for m in gone.mentions:
        owner[id(m)] = keep
    keep.absorb(gone)


def _rescan(text: str, segs: list[Segment], clusters: list[Cluster], ctx: Context) -> None:
    """Repeats the model missed: a person's full name and surname, a place, an acronym, a longer
    name, written as in the document (case-exact) and not inside another mention."""
    gaz = Gazetteer()
    for c in clusters:
        if c.type in ("nationality",) or c.type == "commenter":
            continue
        for m in c.mentions:
            surface = text[m.start:m.end]
            single = len(m.key) == 1
            if not single or c.type in ("person", "place") or is_acronym(surface):
                gaz.add(surface, c)
            if c.type == "person" and len(m.key) > 1:
                for form in _surnames(segs[m.seg], m):
                    gaz.add(form, c)
    if not len(gaz):
        return
    taken = _Spans((m.start, m.end) for c in clusters for m in c.mentions)
    titled: dict[tuple, set[str]] = {}  # as in _group: the genders of the titles a surname bears
    for c in clusters:
        for m in c.mentions:
            if c.type == "person" and m.profile.gender:
                titled.setdefault(m.key, set()).add(m.profile.gender)
    for si, seg in enumerate(segs):
        for hit in gaz.find(text, seg.words, exact_case=True):
            if taken.overlaps(hit.start, hit.end) or (hit.start, hit.end) in seg.refused or after_saint(text, hit.start):
                continue  # (and "St. Francis" is no repeat of Pope Francis's name: stop 38)
            owners = [c for c in hit.payloads if c.mentions]
            if not owners:
                continue
            if hit.last - hit.first == 1 and not _proper_alone(seg, hit.first, ctx):
                continue
            if hit.last - hit.first == 1 and month_of_date(text, seg, hit.first, hit.last):
                continue  # "on May 22" is a date, no repeat of Theresa May's surname (stop 40)
            k = len(hit.key)
            namesakes = [c for c in owners if c.type == "person"
                         and any(len(f) > k and f[-k:] == hit.key for f in c.keys)]
            if len(namesakes) > 1:  # a surname several persons share: as _owner decides
                new = Mention(hit.start, hit.end, si, hit.first, hit.last, "local", "person", key=hit.key,
                              profile=title_before(seg, hit.first))
                c = _owner(new, namesakes, None, len(titled.get(hit.key, set()) | {new.profile.gender} - {None}) > 1,
                           text)
                if c is _AMBIGUOUS or c is None:
                    alone = [o for o in owners if o.type == "person" and o not in namesakes]
                    if not alone:
                        continue
                    c = alone[0]  # the surname's own person, left apart by _group
            else:
                before = [c for c in owners if c.last_before(hit.start) >= 0]
                c = max(before, key=lambda c: c.last_before(hit.start)) if before \
                    else min(owners, key=lambda c: c.first)
            c.mentions.append(Mention(hit.start, hit.end, si, hit.first, hit.last, "local", c.type, key=hit.key))
            taken.add(hit.start, hit.end)


def _surnames(seg: Segment, m: Mention) -> list[str]:
    """"Sergei Lavrov" -> "Lavrov"; "Staffan de Mistura" -> "de Mistura", "Mistura"."""
    ws = seg.words[m.first:m.last]
    out = []
    last = ws[-1]
    if len(last.text) >= 3 and last.text[:1].isupper():
        out.append(last.text)
    for i in range(1, len(ws) - 1):
        if ws[i].text[:1].islower():  # a particle: de, al, van
            out.append(seg.text[ws[i].start:last.end])
            break
    return out


def _proper_alone(seg: Segment, i: int, ctx: Context) -> bool:
    """A one-word repeat counts when the parser takes it for a proper noun standing alone: not the
    start or end of a longer capitalized name ("Black" of "Black Sea")."""
    ws = seg.words
    tok = seg.token_at(ws[i].start)
    glued = tok is not None and tok.text != ws[i].text and not tok.text.startswith(ws[i].text)  # "#Lavrov"
    # the parser reads an unknown acronym after a possessive as a common noun ("Ruiz's AMANA accused":
    # NOUN), though the text named it before: still the name (stop 37: the owner was taken for the actor)
    owned = i > 0 and ws[i - 1].possessive and is_acronym(ws[i].text) and len(ws[i].text) >= 3
    if tok is not None and tok.pos_ not in _PROPER and not glued and not owned:
        return False
    if seg.kind == "title":
        return True  # every word of a Title-Case headline is capitalized
    if i + 1 < len(ws) and ws[i + 1].text[:1].isupper() and _joined(seg, i) and not ws[i].possessive:
        return False
    if i > 0 and ws[i - 1].text[:1].isupper() and _joined(seg, i - 1) and ws[i - 1].norm not in ("the",) \
            and seg.starts.get(i - 1) is None and seg.ends.get(i - 1) is None:
        return False
    return True


def _joined(seg: Segment, i: int) -> bool:
    return i + 1 < len(seg.words) and seg.text[seg.words[i].end:seg.words[i + 1].start] == " "


class _Spans:
    """Non-overlapping taken spans, sorted, asked whether a new span overlaps one."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before `end`; the latest few may overlap
        return any(e > start for _, e in self.spans[max(0, i - 3):i])

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.spans.insert(i, (start, end))
        self.starts.insert(i, start)


def _kb_profiles(clusters: list[Cluster], ctx: Context, year: int | None = None) -> None:
    """A KB person's role, affiliation, gender and country go into what is known of them; of a role of several
    offices ("President of the United States (from January 2017), Republican presidential nominee (2016)") only
    those held in `year` when the document's year is known (`role_parts`)."""
    for c in clusters:
        actor = ctx.index.kb.get(c.kb_id) if c.nat is None else None
        if actor is None or actor.type != "person":
            continue
        p = Profile(gender=actor.gender, country=actor.country,
                    former=(actor.role or "").lower().startswith(("former ", "ex-")))
        texts = role_parts(actor.role or "", year)
        if not texts and year is not None:  # every office over by then: a former one ("the former president" in
            texts = role_parts(actor.role or "", year, past=True)  # a 2018 text is Obama, "the president" not)
            p.former = p.former or bool(texts)
        aff = ctx.index.kb.get(actor.affiliation)
        if aff is not None:
            texts.append(aff.name)
        for t in texts:
            for r in ctx.vocab.roles_in(t):
                p.add_role(r)
        c.role_words.update(ctx.index.kb.role_words(actor.id))
        c.died = actor.died
        c.profile.update(p)
        c.profile.gender = actor.gender or c.profile.gender
        c.profile.country = actor.country or c.profile.country


_PARTS = re.compile(r"(?:[^,(]|\([^)]*\))+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def role_parts(role: str, year: int | None, past: bool = False) -> list[str]:
    """The offices of a KB `role`, split at commas outside brackets, those whose bracketed years exclude `year`
    left out: "(2009-2017)" a span, "(2016)" one year, "(from January 2017)" or "(2013-)" open; an office with no
    year is kept. With no `year`, a role holding an open office drops its one-year offices (Donald Trump is the
    president, not the 2016 nominee, in a text of no date, as before stop 41); any other office is kept. `past`: the
    offices that ended before `year` instead."""
    if "(" not in role:
        return [role]
    parts = []
    for part in _PARTS.findall(role):
        span = part[part.find("("):] if "(" in part else ""
        years = [int(y) for y in _YEAR.findall(span)]
        start = years[0] if years else None
        end = None if not years or "from" in span or re.search(r"\d\s*[-\u2013]\s*\)", span) else years[-1]
        parts.append((part.strip(), start, end))
    if year is None:  # no date: an open office ("from January 2017") supersedes a one-year one ("nominee (2016)")
        if any(start is not None and end is None for _, start, end in parts):
            return [p for p, start, end in parts if start is None or start != end]
        return [role]
    if past:
        return [p for p, start, end in parts if end is not None and end < year]
    return [p for p, start, end in parts if start is None or (start <= year and (end is None or year <= end))]


_AMBIGUOUS = Cluster([], "person")  # what _antecedent returns when two persons fit


def _antecedent(nom: Mention, clusters: list[Cluster]) -> Cluster | None:
    """The person mentioned most recently before the nominal whose role, gender and nationality fit;
    failing any, whose broader class fits ("the general" for a military spokesman), never another
    office ("the president" is no prime minister), never one whose office the KB gives as past unless
    the nominal says "former" ("the president" is not Saddam Hussein), nor one the KB says died when a living KB person
    fits (stop 43: "the pope" is Francis, not John Paul II). _AMBIGUOUS when another person who fits was named
    close before it too ("Trump's call with Zelensky ... the president"): which one is meant is a guess."""
    for kind in (nom.role.kind, nom.role.fallback):
        if kind is None:
            continue
        past = "former" in nom.key or "ex" in nom.key  # "the former president" may be one the KB calls former
        fits = sorted(((c.last_before(nom.start), c) for c in clusters
                       if c.type == "person" and c.nat is None and c.last_before(nom.start) >= 0
                       and (past or not c.profile.former)
                       and (nom.role_of is None or nom.role_of in c.role_words)
                       and c.profile.fits(nom.role, nom.role_country, kind)), key=lambda x: -x[0])
        if not fits:
            continue
        if not past and any(c.kb_id and c.died is None for _, c in fits):
            # "the pope" after Pope Francis and a mention of John Paul II: the living office holder the KB knows, not
            # one who died (with none alive, as before: a history naming Pius XI and Paul VI leaves it a guess); stop 43
            fits = [(at, c) for at, c in fits if c.died is None]
        if len(fits) > 1 and (nom.start - fits[1][0] <= _RIVAL_WINDOW or nom.role.one_holder):
            return _AMBIGUOUS
        return fits[0][1]
    return None
