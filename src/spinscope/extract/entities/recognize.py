"""Candidate mentions of one document: knowledge-base names, demonyms and the parser's NER, typed."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ...model import Document
from .gazetteer import Match
from .kb_index import ActorRef, KBIndex, Nationality
from ...text.dateline import DATELINE_AT_SENTENCE, DATELINE_END
from ...text.names import Word, is_acronym, joinable, name_key
from .places_index import PlaceIndex
from ..places.geoindex import geocode_config
from ..places.placenames import beside_dish_word
from .roles import Profile, Role, Vocabulary
from ...resources import resource
from ...datafile import read_data
from ..parse import segment_text, segment_words
from ...nlp import adjective_or_verb
from .given_names import given_name_genders

MAX_UNIT = 8  # words of the longest title unit looked back for
MAX_NER_WORDS = 6  # longer NER "names" in this press are headlines or shouting, not actors
# A KB actor of these types inside a longer organisation or place name is a modifier of that name
# ("Syrian Observatory for Human Rights", "Russia Defense Ministry"): the longer name wins.
MODIFIER_TYPES = ("state",)


@resource("data/entities/recognize.yaml")
def _data() -> dict:
    return read_data("data/entities/recognize.yaml")


def ner_types() -> dict[str, str]:
    return _data()["ner_labels"]


@resource("data/entities/recognize.yaml")
def listed_words(key: str) -> frozenset[str]:
    """One word list of `data/entities/recognize.yaml`, lower-cased (read once)."""
    return frozenset(str(w).lower() for w in _data().get(key) or ())


@dataclass(slots=True)
class Unit:
    """A run of words inside a title ("Russian", "Defense Ministry", "spokesman", "U.S.")."""

    first: int
    last: int  # one past the last word
    roles: list[Role] = field(default_factory=list)
    country: str | None = None
    source: str = "role"  # "role" (a title word), "kb", "nationality", "country"


@dataclass
class Segment:
    """One parsed piece (title, body paragraph, comment) and what was found in it."""

    text: str  # the whole document text (offsets are the document's)
    start: int
    end: int
    kind: str
    sdoc: Any
    words: list[Word]
    starts: dict[int, Unit] = field(default_factory=dict)  # longest title unit starting at a word
    ends: dict[int, Unit] = field(default_factory=dict)  # longest title unit ending at a word (index of the last)
    refused: set = field(default_factory=set)  # (start, end) of KB names the word after them refused (`not_before`)

    def add_unit(self, unit: Unit) -> None:
        old = self.starts.get(unit.first)
        if old is None or unit.last > old.last:
            self.starts[unit.first] = unit
        old = self.ends.get(unit.last - 1)
        if old is None or unit.first < old.first:
            self.ends[unit.last - 1] = unit

    _word_starts: list[int] | None = None
    _tok_starts: list[int] | None = None
    _ents: list | None = None

    @property
    def ents(self) -> list:
        """The parser's named entities (spaCy builds them anew at every access)."""
        if self._ents is None:
            self._ents = list(self.sdoc.ents)
        return self._ents

    def words_within(self, start: int, end: int) -> tuple[int, int]:
        """Indices (first, one past the last) of the words lying inside start..end."""
        if self._word_starts is None:
            self._word_starts = [w.start for w in self.words]
        first = bisect_left(self._word_starts, start)
        last = bisect_right(self._word_starts, end - 1)
        while last > first and self.words[last - 1].end > end:
            last -= 1
        return first, last

    def word_at(self, char: int) -> int | None:
        if self._word_starts is None:
            self._word_starts = [w.start for w in self.words]
        i = bisect_right(self._word_starts, char) - 1
        return i if i >= 0 and char < self.words[i].end else None

    def token_at(self, char: int):
        """The parser's token at a document offset, or None."""
        if self._tok_starts is None:
            from spacy.attrs import IDX  # spaCy is imported when a parse is there, not with the module

            self._tok_starts = self.sdoc.to_array(IDX).tolist()
        i = bisect_right(self._tok_starts, char - self.start) - 1
        if i < 0:
            return None
        tok = self.sdoc[i]
        return tok if char - self.start < tok.idx + len(tok.text) else None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    seg: int  # index of its segment
    first: int  # word indices in the segment, last one past the end
    last: int
    source: str  # "kb", "nationality", "ner", "local", "nominal"
    type: str
    kb_id: str | None = None
    nat: Nationality | None = None
    label: str | None = None  # the NER label it came from
    key: tuple[str, ...] = ()  # normalized words
    profile: Profile = field(default_factory=Profile)  # persons: what titles around it say
    role: Role | None = None  # role nominals: the role asked for
    role_country: str | None = None  # role nominals: "the Russian diplomat"
    role_of: str | None = None  # role nominals: the body named after "of" ("the chairman of the Ohio party": "ohio")
    unlike_kb: bool = False  # a KB name refused here (an earlier body): never joins the actor by its name


@dataclass
class Context:
    """What recognition needs beyond the document: loaded once per process."""

    index: KBIndex
    places: PlaceIndex
    vocab: Vocabulary


def segments(doc: Document, ctx: Context) -> list[Segment]:
    """The parsed pieces, with their words and title units (roles, nationalities, country names)."""
    out = []
    for offset, sdoc, kind in sorted(doc.parses, key=lambda p: p[0]):
        end = offset + len(segment_text(sdoc))
        ws = segment_words(doc.text, offset, sdoc)
        seg = Segment(doc.text, offset, end, kind, sdoc, ws)
        for m in ctx.vocab.terms.find(doc.text, ws):
            seg.add_unit(Unit(m.first, m.last, [m.payloads[0]]))
        for i, w in enumerate(ws):
            if w.text[:1].isupper():
                code = ctx.places.country_code(w.text)
                if code:
                    seg.add_unit(Unit(i, i + 1, country=code, source="country"))
                if i + 1 < len(ws) and joinable(doc.text, w, ws[i + 1]):
                    code = ctx.places.country_code(doc.text[w.start:ws[i + 1].end])
                    if code:
                        seg.add_unit(Unit(i, i + 2, country=code, source="country"))
        out.append(seg)
    return out


def recognize(doc: Document, ctx: Context) -> tuple[list[Segment], list[Mention]]:
    """Segments and the typed, non-overlapping candidate mentions of a parsed document."""
    segs = segments(doc, ctx)
    mentions: list[Mention] = []
    for si, seg in enumerate(segs):
        found = _kb_matches(doc.text, seg, ctx)  # first: their units serve the NER title stripping
        ner = _with_places(_ner_candidates(doc.text, si, seg, ctx), _curated_places(doc.text, si, seg, ctx))
        kb = _kb_candidates(doc.text, si, seg, found, ctx)
        settled = _before_founding(doc.text, si, seg, _settle(doc.text, seg, kb, ner, ctx), ctx)
        for m in settled:  # the model's "AP" of "AP flour" never joins the news agency by its name
            if (m.start, m.end) in seg.refused:
                m.unlike_kb = True
        mentions.extend(_named_things(si, seg, _names_for_country(doc.text, si, seg, settled)))
    mentions = _headline_fragments(doc.text, segs, mentions, ctx)
    _type_ner(doc.text, segs, mentions, ctx)
    for m in mentions:
        if m.type == "place" and m.source == "ner" and beside_dish_word(doc.text, m.start, m.end):
            m.type = "other"  # "Thanksgiving Turkey", "Tuscan Turkey Roulade": a dish (`dish_nouns`, `dish_adjectives`), no place
    # "1/8 tsp Chinese 5-spice", "2 cups Turkish delight": an ingredient's demonym, no nationality (realworld38)
    mentions = [m for m in mentions if not (m.source == "nationality" and beside_dish_word(doc.text, m.start, m.end))]
    for m in mentions:
        if m.type == "person" and m.source != "kb" and after_saint(doc.text, m.start):
            m.unlike_kb, m.key = True, ("saint", *m.key)  # "St. Francis": never Pope Francis's "Francis" (stop 38)
    for m in mentions:
        if m.type == "person":
            m.profile.update(title_before(segs[m.seg], m.first))
            m.profile.update(_appositive_after(doc.text, segs[m.seg], m.last))
    _surnames_of_namesakes(mentions, ctx)
    mentions.sort(key=lambda m: m.start)
    return segs, mentions


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


def _before_founding(text: str, si: int, seg: Segment, mentions: list[Mention], ctx: Context) -> list[Mention]:
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


def _names_for_country(text: str, si: int, seg: Segment, mentions: list[Mention]) -> list[Mention]:
    """A state the model did not see inside a longer name: capitalized words, "for", the state
    ("Veterans Alliance for Freedonia") name an organisation, not the country. Not in a Title-Case
    headline, not after a title ("Special Envoy for Syria"), and a one-word name not at the start of
    the sentence ("Sanctions for Russia")."""
    if seg.kind == "title" or _title_case(seg):
        return mentions
    ws = seg.words
    out = []
    for m in mentions:
        i = m.first - 1
        if not (m.source == "kb" and m.type == "state" and i >= 1 and ws[i].norm == "for"
                and text[ws[i - 1].end:ws[i].start] == " " and text[ws[i].end:m.start] == " "):
            out.append(m)
            continue
        first, inner = i, None
        for o in mentions:  # the model's name right before "for": "Mothers Alliance" (ORG) for Syria
            if o.source == "ner" and o.type in ("organization", "other") and o.last == i \
                    and text[ws[i - 1].end:ws[i].start] == " ":
                first, inner = o.first, o
        while inner is None and first >= 1 and i - first < 4 and ws[first - 1].text[:1].isupper() and ws[first - 1].text[1:].islower() \
                and ws[first - 1].text.isalpha() and seg.ends.get(first - 1) is None \
                and not ws[first - 1].possessive \
                and (first == i or text[ws[first - 1].end:ws[first].start] == " ") \
                and not any(o.first <= first - 1 < o.last for o in mentions):
            first -= 1
        if first == i or (first == 0 and i - first < 2) or seg.ends.get(first - 1) is not None:
            out.append(m)  # no name before "for", a sentence's first word alone, or a title before it
            continue
        if inner is not None:
            out = [x for x in out if x is not inner]
        span = ws[first:m.last]
        out.append(Mention(span[0].start, span[-1].end, si, first, m.last, "ner", "organization", label="ORG",
                           key=tuple(w.norm for w in span)))
    return out


def _headline_fragments(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Without the model's names of a Title-Case or all-capitals headline that the text below it never
    writes with the same letters: there every word is capitalised, so the model takes runs of them for
    names ("Islamic Republic Ceases Naval Provocations", "Put Terrorists", "OF"); a real name of the
    headline is almost always written again in the story. A known place stays ("Oil Tanker Reaches Baniyas")
    unless shouted."""
    heads = {i for i, seg in enumerate(segs) if seg.kind == "title" and _title_case(seg)}
    if not heads:
        return mentions
    below = "\n".join(text[a:b] for a, b in _outside(len(text), [(segs[i].start, segs[i].end) for i in heads]))
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


def _title_case(seg: Segment) -> bool:
    """Most words of four letters or more start with a capital (a Title-Case or shouted headline)."""
    long = [w for w in seg.words if len(w.text) >= 4 and w.text[:1].isalpha()]
    return len(long) >= 2 and sum(w.text[:1].isupper() for w in long) >= 0.75 * len(long)


def _outside(n: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, at = [], 0
    for a, b in sorted(spans):
        out.append((at, a))
        at = max(at, b)
    return out + [(at, n)]


def _surnames_of_namesakes(mentions: list[Mention], ctx: Context) -> None:
    """A KB person's lone surname belongs to a namesake the text names in full ("Abdulhadi Yildirim ...
    Yildirim said") when the text never names the KB's person in full nor gives the surname a role that
    fits them ("Sen. Cruz"). A gendered title ("Mr. Cruz") keeps the KB's person only when it fits none
    of the namesakes (their given names say they are of the other sex: "Mr. Obama" beside "Michelle
    Obama"); "Mr. Cruz" after "Juan Carlos Cruz" is that man (stop 37: both were Ted Cruz)."""
    named_in_full = {m.kb_id for m in mentions if m.source == "kb" and len(m.key) > 1}
    local: dict[str, set[str | None]] = {}  # surname -> the genders the namesakes' given names give
    for m in mentions:
        if m.source == "ner" and m.type == "person" and len(m.key) > 1:
            local.setdefault(m.key[-1], set()).add(m.profile.gender or given_name_genders().get(m.key[0]))
    for m in mentions:
        if m.source == "kb" and m.type == "person" and len(m.key) == 1 and m.key[0] in local \
                and m.kb_id not in named_in_full and not m.profile.kinds:
            actor = ctx.index.kb.get(m.kb_id)
            if not (m.profile.gender and actor is not None and actor.gender == m.profile.gender
                    and m.profile.gender not in local[m.key[0]] and None not in local[m.key[0]]):
                m.source, m.kb_id, m.label = "ner", None, "PERSON"


def _kb_matches(text: str, seg: Segment, ctx: Context) -> list[Match]:
    """KB names and demonyms in a segment; each also becomes a title unit (its country, its roles)."""
    found = []
    for m in ctx.index.names.find(text, seg.words):
        if _every_actor_refused(text, m, ctx):
            seg.refused.add((m.start, m.end))
        elif not _unsettled(text, m, ctx):
            found.append(m)
    for m in found:
        actor = _actor(m, ctx, text)
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
    if text and any(a.not_after for a in refs):
        prev = _PREV_WORD.search(text, max(0, m.start - 40), m.start)
        if prev is not None:  # "Islamic groups in the West": where they are, not the bloc (`not_after`)
            word = prev.group(1).casefold()
            refs = [a for a in refs if word not in a.not_after]
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


def _kb_candidates(text: str, si: int, seg: Segment, found: list[Match], ctx: Context) -> list[Mention]:
    out = []
    raw_ner = [(seg.start + e.start_char, seg.start + e.end_char) for e in seg.ents]
    for m in found:
        key = m.key
        actor = _actor(m, ctx, text)
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
            if actor.type == "person" and _name_goes_on(text, m, ctx, actor.id):
                continue  # "Mubarak al-Shabwani" is not Hosni Mubarak
            if actor.type == "person" and after_saint(text, m.start):
                continue  # "a medal of St. Christopher", "Saint Francis": the saint, not the KB person (stop 38)
            if _article_title_of_place(text, m, actor, ctx):
                continue  # "across the Atlantic": the ocean, not the magazine The Atlantic
            if actor.type == "person" and m.last - m.first == 1 and re.match(r"['’]s/", text[m.end:m.end + 3]):
                continue  # "Feinstein's/54 Below": a venue's name glued to a surname, not the senator
            if _literal_capital(text, seg, m, actor, ctx):  # "talks in Moscow": the city, not the government
                out.append(Mention(m.start, m.end, si, m.first, m.last, "ner", "place", label="GPE", key=key))
                continue
            out.append(Mention(m.start, m.end, si, m.first, m.last, "kb", actor.type, actor.id, key=key))
        else:
            if m.lower and text[m.start:m.end].lower() in listed_words("common_words"):
                continue  # "light poles", "nail polish": the ordinary word, not the people
            if _order_member(text, m):
                continue  # "a Dominican friar": a religious order, not the Dominican Republic (stop 38)
            nat = _nationality(m)
            out.append(Mention(m.start, m.end, si, m.first, m.last, "nationality", "nationality", nat.kb_id,
                               nat=nat, key=key))
    return out


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
    particles = "|".join(re.escape(str(p)) for p in _data().get("name_particles") or ())
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


# Types whose name may open a body's own name; a state's or a capital's only outside headlines, where
# every word is capitalized ("Trump's Iran Initiative" is an initiative about Iran)
_NAMES_BODIES = ("person", "state", "government", "party")  # stop 38: "the Senate Conservatives Fund" (party)


def _named_things(si: int, seg: Segment, mentions: list[Mention]) -> list[Mention]:
    """A person's or a state's name, or a capital standing for its government, that goes on to a body or
    building named after it ("the Clinton Global Initiative", "the Reagan Library", "Tehran University")
    is that body: one organisation over the whole name, unlinked."""
    out, skip_to = [], -1
    for m in mentions:
        if m.first < skip_to:
            continue  # a piece of the name just taken whole ("Global Initiative")
        named = _named_thing(seg, m.last) if m.type == "person" or (
            m.type in _NAMES_BODIES and seg.kind != "title" and not _title_case(seg)) else m.last
        if named > m.last:
            m = Mention(m.start, seg.words[named - 1].end, si, m.first, named, "ner", "organization", label="ORG",
                        key=tuple(w.norm for w in seg.words[m.first:named]))
            skip_to = named
        elif m.type == "state" and m.source == "kb" and seg.kind != "title" and not _title_case(seg) \
                and _place_after_state(seg, m):
            named = m.last + 1  # "Jamaica Estates", "Jordan Valley": a place named after the state (stop 37)
            m = Mention(m.start, seg.words[m.last].end, si, m.first, named, "ner", "place", label="GPE",
                        key=tuple(w.norm for w in seg.words[m.first:named]))
            skip_to = named
        out.append(m)
    return out


def _place_after_state(seg: Segment, m: Mention) -> bool:
    """A state's one-word name (no acronym: "U.S. Park Police") goes on, joined, with a capitalized last word
    of place names (`place_tail_words`): "Jamaica Estates, Queens", "the Jordan Valley"."""
    ws = seg.words
    if m.last - m.first != 1 or m.last >= len(ws) or is_acronym(ws[m.first].text) or ws[m.first].possessive:
        return False
    nxt = ws[m.last]
    return nxt.text[:1].isupper() and _close(seg, m.first) and nxt.norm in listed_words("place_tail_words")


def _named_thing(seg: Segment, last: int) -> int:
    """Past the end of a capitalized name that goes on from a person's name to one of `named_thing_nouns`
    ("Clinton Global Initiative", "Reagan Library"), else `last`: up to three more words, all joined."""
    ws, nouns = seg.words, listed_words("named_thing_nouns")
    for j in range(last, min(len(ws), last + 3)):
        if not ws[j].text[:1].isupper() or not _close(seg, j - 1) or ws[j - 1].possessive:
            return last
        if ws[j].norm in nouns:
            return j + 1
    return last


def _lower_ok(text: str, seg: Segment, m: Match, actor, raw_ner: list[tuple[int, int]]) -> bool:
    """A KB name written in lower case ("russia", "al-qaeda", "sdf" in comments) counts where the
    model saw a name too, or when it cannot be an ordinary word: several words (not an outlet's,
    "foreign policy"), a state that is no English word, an acronym of three letters or more that
    is not a stop word. One of `common_words` after a determiner is the word ("That turkey is
    spectacular", "your china"), whatever the model saw."""
    if m.last - m.first == 1 and m.first > 0 and seg.words[m.first].text.lower() in listed_words("common_words") \
            and seg.words[m.first - 1].norm in listed_words("determiners"):
        return False
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


def _literal_capital(text: str, seg: Segment, m: Match, actor, ctx: Context) -> bool:
    """A city the KB lists as a government's alias stands for the city after "in", "from"..., on a
    dateline, glued to "-based", and before a noun it modifies ("a Moscow press conference"); a body's
    own name never does ("White House" is also a name of Casablanca)."""
    name = text[m.start:m.end]
    if actor.type in ("state", "person") or not ctx.places.is_place(name):
        return False
    if name_key(name) == name_key(actor.name):
        return False  # the body's own name ("a White House adviser"), not a city standing for it
    if m.first == 0 and seg.kind != "title" and DATELINE_END.match(text, m.end):
        return True  # "WASHINGTON —", "LONDON (AP) —", "New Delhi:" open the story: where it is filed
    if is_acronym(name):
        return False  # "UN" is also a town of India, but "His UN speech" is the organisation's
    if m.first > 0 and seg.words[m.first - 1].norm in listed_words("locative_prepositions") | listed_words("area_words"):
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
            and not seg.words[m.last - 1].possessive)


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


def _ner_candidates(text: str, si: int, seg: Segment, ctx: Context) -> list[Mention]:
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
        # an inner possessive splits two names: "Kerry's State Department"
        for i in range(first, last - 1):
            if seg.words[i].possessive:
                out.extend(_ner_piece(text, si, seg, first, i + 1, None, ctx))
                first = i + 1
        out.extend(_ner_piece(text, si, seg, first, last, ent.label_, ctx))
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
        if i == first and label == "PERSON" and _given_name_country(seg, unit.first, unit.last, last, ctx):
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


def _curated_places(text: str, si: int, seg: Segment, ctx: Context) -> list[Mention]:
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


def _with_places(ner: list[Mention], places: list[Mention]) -> list[Mention]:
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


_OF_BEFORE = re.compile(r"\bof\s+$")


def _settle(text: str, seg: Segment, kb: list[Mention], ner: list[Mention], ctx: Context) -> list[Mention]:
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
    out = [k for k in kb if id(k) not in drop_kb] + keep_ner
    out.sort(key=lambda m: (m.start, -m.end))
    final, end = [], -1
    for m in out:  # NER pieces never overlap one another, but be safe
        if m.start >= end:
            final.append(m)
            end = m.end
    return _possessor_bodies(text, seg, _given_name_states(text, seg, final, ctx), ctx)


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


def _bodies_of(kb, country: str) -> list:
    """The KB's parties, government bodies and armed forces of one country (read only where a pair is found)."""
    return [a for a in kb if a.country == country and a.type in _BODY_TYPES]


def _proper_noun(seg: Segment, start: int) -> bool:
    tok = seg.token_at(start)
    return tok is not None and tok.pos_ == "PROPN" and not (seg.kind == "title" and adjective_or_verb(tok.text))


def _given_name_states(text: str, seg: Segment, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """A state's one-word name that is also a given name (`given_name_countries`), followed by one space and a
    one-word name the model tags PERSON, is that person's given name: "Reality star Kenya Moore" is one person,
    not Kenya and a "Moore" (the model tagging the whole name is `_given_name_country`'s case; stop 38)."""
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
        return _given_name_country(seg, k.first, k.last, n.last, ctx)  # "Chad Smith" is no state
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


def _given_name_country(seg: Segment, first: int, last: int, end: int, ctx: Context) -> bool:
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


def _type_ner(text: str, segs: list[Segment], mentions: list[Mention], ctx: Context) -> None:
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
            after = _personal_appositive(text, segs[m.seg], m.last)  # "X, an Iranian journalist" tagged ORG
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
        if nxt is not None and not (seg.words[unit.last - 1].possessive or _close(seg, unit.last - 1)):
            break
        if unit.country and not profile.country:
            profile.country = unit.country
        run_start = unit.first
        j = unit.first - 1
        if first - run_start > 10:
            break
    _collect(seg, run_start, first, profile)
    return profile


def _appositive_after(text: str, seg: Segment, last: int) -> Profile:
    """A title after the name and a comma: "Maria Zakharova, the spokeswoman of the Foreign Ministry"."""
    return _appositive(text, seg, last)[0]


def _appositive(text: str, seg: Segment, last: int) -> tuple[Profile, int]:
    """The appositive title's roles and the index of the word after its titles."""
    profile = Profile()
    ws = seg.words
    if last >= len(ws) or last == 0 or text[ws[last - 1].end:ws[last].start].strip() != ",":
        return profile, last
    k = last
    if ws[k].norm in ("a", "an"):
        k += 1
    start = k
    while k < len(ws) and k - start <= 10:
        unit = seg.starts.get(k)
        if unit is None:
            break
        if unit.country and not profile.country:
            profile.country = unit.country
        k = unit.last
        if k < len(ws) and not _close(seg, k - 1):
            break
    if k > start:
        _collect(seg, start, k, profile)
    if not profile.kinds:
        return Profile(), last  # a comma and a country ("Lavrov, Russia") says nothing of a role
    return profile, k


def _personal_appositive(text: str, seg: Segment, last: int) -> Profile | None:
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


def _close(seg: Segment, i: int) -> bool:
    """Word i and word i+1 stand in one title: only blanks (or an abbreviation's dot) between them."""
    return i + 1 < len(seg.words) and joinable(seg.text, seg.words[i], seg.words[i + 1])


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
            if w.norm != "the" or not _close(seg, i):
                continue
            k, country = i + 1, None
            unit = seg.starts.get(k)
            if unit is not None and unit.country and not unit.roles and _close(seg, unit.last - 1):
                country, k = unit.country, unit.last
            for _ in range(3):  # "the former deputy foreign minister"
                unit = seg.starts.get(k)
                if unit is None or not unit.roles or unit.roles[0].kinds or unit.roles[0].term in _CONNECTORS \
                        or not _close(seg, unit.last - 1):
                    break
                k = unit.last
            unit = seg.starts.get(k)
            if unit is None or not unit.roles or not unit.roles[0].nominal:
                continue
            role, end = unit.roles[0], unit.last
            if i > 0 and ws[i - 1].norm in listed_words("copulas") and not ws[end - 1].possessive:
                continue  # "to be the candidate": a predicate ("was the president's call" is no predicate)
            if any(x.text[:1].isupper() for x in ws[k:end]):
                continue  # "the Special Envoy" is an office's name more often than a person
            if end < len(ws) and _close(seg, end - 1) and ws[end].text[:1].isupper() and not ws[end - 1].possessive:
                continue  # a title before a name
            tok = seg.token_at(ws[end - 1].start)
            if role.ambiguous and (tok is None or tok.pos_ != "NOUN"):
                continue
            if tok is not None and tok.dep_ == "compound" and tok.head.i > tok.i \
                    and tok.head.lower_ in listed_words("office_nouns"):
                continue  # "the deputy prime minister post", "the mayor race": the office, no person
            if any((si, j) in taken for j in range(i + 1, end)):
                continue
            country = country or _of_country(seg, end)
            out.append(Mention(ws[i + 1].start, ws[end - 1].end, si, i + 1, end, "nominal", "person",
                               key=tuple(x.norm for x in ws[i + 1:end]), role=role, role_country=country,
                               role_of=_of_body(seg, end)))
    return out


_CONNECTORS = ("the", "of", "for", "and", "to")


def _after_of(seg: Segment, end: int) -> int | None:
    """The index of the word an "of" complement right after a role starts with ("the" skipped), None without one."""
    ws = seg.words
    k = end
    if k >= len(ws) or ws[k].norm != "of" or not _close(seg, k - 1):
        return None
    k += 1
    if k < len(ws) and ws[k].norm == "the":
        k += 1
    return k


def _of_body(seg: Segment, end: int) -> str | None:
    """The first word of a capitalized name in an "of" complement right after a role that names no
    country: "the chairman of the Republican party in Pike County" asks for the chairman of that
    body, not for any chairman the text names ("republican")."""
    k = _after_of(seg, end)
    if k is None or k >= len(seg.words) or not seg.words[k].text[:1].isupper():
        return None
    unit = seg.starts.get(k)
    if unit is not None and unit.country and not unit.roles:  # "the president of Russia": a country
        tok = seg.token_at(seg.words[k].start)
        if tok is None or tok.dep_ not in ("amod", "compound") or tok.head.i <= tok.i:
            return None  # (but "the chairman of the Republican party" names a party)
    return seg.words[k].norm


def _of_country(seg: Segment, end: int) -> str | None:
    """The country an "of" complement right after a role names: "the foreign secretary of the United
    Kingdom", "the president of Ukraine" ask for a person of that country, like "the British ..." does."""
    k = _after_of(seg, end)
    unit = seg.starts.get(k) if k is not None else None
    return unit.country if unit is not None and not unit.roles else None
