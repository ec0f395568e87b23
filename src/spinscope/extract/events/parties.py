"""Which entity a phrase stands for: entity mentions by offset, seats of government, the walk of a phrase's subtree."""
from __future__ import annotations

import re
from functools import cache

from ...model import Document, Entity
from ...resources import active, resource
from ...text.spans import SpanIndex
from ..entities.gender import entity_gender
from .modality import Words, words
from .modality import words as _words
from .refusals import no_party, poll_share
from .syntax import token_span, doc_text, in_dateline, is_people, TITLE_KEY


@cache
def _proxy() -> frozenset:
    """Participles that make a group a proxy ("Iranian-backed"); read on first use, not at import (reading data
    at import loads the stage registry, which imports this module: a cycle when this module is imported first)."""
    return words().proxy_participles


@cache
def _stance() -> tuple[tuple[str, ...], int]:
    """The stance prefixes ("pro-", "anti-") and the longest one's length."""
    prefixes = tuple(sorted(words().stance_prefixes))
    return prefixes, max((len(p) for p in prefixes), default=0)


NOT_ACTORS = {"place", "commenter"}
OWNERS = {"its", "their"}  # possessives of a collective actor: "its proxy", "their own programme"


@resource("data/actors", user_files=True)
def _seats_of(kb_files: tuple[str, ...] = ()) -> dict[str, str]:
    """Folded name -> KB id of the government a city stands for in news usage (the KB lists capitals
    and seats of government, "Pyongyang", "Kremlin", as aliases of their government)."""
    from ...kb import load_kb
    return {" ".join(name.casefold().split()): a.id for a in load_kb(list(kb_files)) if a.type == "government"
            for name in a.names}


@resource("data/actors", user_files=True)
def officials_of(kb_files: tuple[str, ...] = ()) -> frozenset:
    """KB ids of the people the KB ties to a body (an affiliation): officials whose "we" is that body."""
    from ...kb import load_kb
    return frozenset(a.id for a in load_kb(list(kb_files)) if a.type == "person" and a.affiliation)


def _seats() -> dict[str, str]:
    """The seats of the KB in use (built-in actors and the user's files)."""
    return _seats_of(active().config.kb.files)


def is_seat(tok) -> bool:
    """Whether a token (with its compound name parts) is a city the KB lists as a seat of government."""
    if tok.ent_type_ not in ("GPE", "LOC"):
        return False
    left = tok.left_edge if all(t.dep_ in ("compound", "flat") for t in tok.doc[tok.left_edge.i:tok.i]) else tok
    return " ".join(tok.doc[left.i:tok.i + 1].text.casefold().split()) in _seats()


def _seat_entities(doc: Document) -> list[tuple[int, int, Entity]]:
    """Mentions of a place that is a seat of government, as that government: "fired at Seoul" (the
    entities stage reads a capital after "at" as the city). The document's entity of that government
    when it has one, else the place entity itself."""
    seats = _seats()
    by_kb = {e.kb_id: e for e in doc.entities if e.kb_id and e.type not in NOT_ACTORS}
    out = []
    for e in doc.entities:
        if e.type != "place":
            continue
        for m in e.mentions:
            kb_id = seats.get(" ".join(doc.text[m.start:m.end].casefold().split()))
            if kb_id is not None:
                out.append((m.start, m.end, by_kb.get(kb_id, e)))
    return out


class Mentions:
    """Entity and place mentions by document offset, for token -> entity look-ups."""

    def __init__(self, doc: Document):
        actors = [(m.start, m.end, e) for e in doc.entities if e.type not in NOT_ACTORS for m in e.mentions]
        seats = _seat_entities(doc)
        self.actors = SpanIndex(actors + seats)
        self.seats = SpanIndex(seats)
        self.places = SpanIndex((m.start, m.end, p) for p in doc.places for m in p.mentions)
        # round 32b: names the entities stage typed a place, geocoded or not ("Cape Breton")
        self.place_names = SpanIndex((m.start, m.end, e) for e in doc.entities if e.type == "place" for m in e.mentions)

    def entity(self, start: int, end: int) -> Entity | None:
        """The entity one of whose mentions overlaps [start, end) (the innermost when nested)."""
        hit = self.actors.last_overlapping(start, end)
        return hit[2] if hit else None

    def seat(self, start: int, end: int, ent: Entity, text: str) -> bool:
        """Whether [start, end) holds a capital or seat standing for `ent` ("Seoul", "the Kremlin"), read
        so here or by the entities stage."""
        if any(hit[2].id == ent.id for hit in self.seats.overlapping(start, end)):
            return True
        seats = _seats()
        return any(" ".join(text[m.start:m.end].casefold().split()) in seats
                   for m in ent.mentions if m.start < end and start < m.end)

    def place(self, start: int, end: int):
        hit = self.places.overlapping(start, end)
        return hit[0][2] if hit else None

    def place_name(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a name the entities stage typed a place (round 32b)."""
        return bool(self.place_names.overlapping(start, end))


def _garbled(name: str, w: Words | None = None) -> bool:
    """Whether an entity's name joins two names with a comma ("Garcia, Miller", "Twitter, Okafor"), not a
    name and its suffix ("Martin Luther King, Jr."), or is no name: a suffix alone ("Jr"), words joined by a
    spaced dash ("Weak - Rubio")."""
    parts = name.split(", ")
    suffixes = (w or _words()).name_suffixes
    if name.rstrip(".") in suffixes or " - " in name:
        return True  # "Jr" alone, "Weak - Rubio": a piece of a name, or a headline's words joined to one
    if name in (w or _words()).title_abbreviations:
        return True  # "Sgt" alone: a title cut off from its name where the sentence split after its dot (round 22)
    return len(parts) > 1 and all(p[:1].isupper() and p.rstrip(".") not in suffixes for p in parts[1:])


def post_header(actor, trig) -> bool:
    """The actor stands on an embedded post's header line above the trigger ("Elijah J. Magnier
    @EjmAlrai 2h" over "17 killed and 92 wounded ..."): the parser joined the two lines into one sentence.
    Only a line with a handle counts, since hard-wrapped text also breaks lines inside a clause."""
    if actor.i > trig.i:
        return False
    text = doc_text(actor.doc)
    between = text[actor.idx:trig.idx]
    if "\n" not in between:
        return False
    line = text[text.rfind("\n", 0, actor.idx) + 1:actor.idx + between.index("\n")]
    return any(w.startswith("@") and len(w) > 1 for w in line.split())


def _name_head(tok):
    """The word a name modifies through its compound chain ("Coral" of "a Coral Gables man": "man"), else the
    token's head ("Georg" of "the bishop, Georg Bätzing": "Bätzing", the name itself in apposition)."""
    top = tok
    while top.dep_ in ("compound", "flat") and top.head.pos_ == "PROPN" and top.head.i != top.i:
        top = top.head
    return top.head if top is not tok and top.dep_ in ("compound", "flat") else tok.head


def _compound_top(tok):
    """The noun a chain of compounds modifies ("Alton" of "an Alton funeral director": "director")."""
    steps = 0
    while tok.dep_ == "compound" and tok.head.i != tok.i and steps < 6:
        tok, steps = tok.head, steps + 1
    return tok


def _role_named(head, offset: int, ments: Mentions, w: Words) -> Entity | None:
    """The person a role noun names in apposition: "the US ambassador [to Estonia], James Melville, ..." or
    "the president of Syria, Bashar al-Assad" (the parser hangs the name on the country), not the country."""
    if head.lemma_.lower() not in w.role_nouns or ments.entity(*token_span(offset, head)) is not None:
        return None
    named = [c for c in head.children if c.dep_ == "appos"]
    for p in head.children:  # (a list, "the leaders of Syria, Iran and Russia", has its "and")
        for o in p.children if p.dep_ == "prep" else ():
            if o.dep_ == "pobj" and not any(c.dep_ == "cc" for c in o.children):
                named += [a for a in o.children if a.dep_ in ("appos", "conj") and a.i > o.i]
    for a in named:
        ent = ments.entity(*token_span(offset, a))
        first, last = a.left_edge.i, a.right_edge.i
        if ent is not None and ent.type == "person" and first > 0 and a.doc[first - 1].text == "," \
                and (last + 1 == len(a.doc) or a.doc[last + 1].text == ","):
            return ent
    return None


_CIVILIANS: dict = {}


def _civilians(w: Words) -> frozenset:
    """`civilian_nouns` and `national_things` (round 25): nouns a demonym or state on which is not that state; the union
    made once per word lists."""
    found = _CIVILIANS.get(id(w))
    if found is None or found[0] is not w:
        found = _CIVILIANS[id(w)] = (w, w.civilian_nouns | w.national_things | w.private_body_nouns)  # (round 32b)
    return found[1]


def entity_of(head, offset: int, ments: Mentions, depth: int = 3, skip_preps=frozenset(),
               owned: bool = True, only_preps=None) -> Entity | None:
    """The entity a phrase stands for: its head's, else the nearest one in its subtree (names before demonyms).

    A demonym on a noun of people who are no state's agents ("Syrian refugees") is not that state; the
    search does not enter the phrases of `skip_preps` ("the campaign against ISIS"), nor "except X",
    nor (given `only_preps`) the phrases of other prepositions ("hosting attacks on Israel");
    without `owned`, nor a phrase owned by "its"/"their" (a mobilization's "reinforce the presence of its
    proxy Hezbollah": the actor's own forces, no target)."""
    w = _words()
    if (named := _role_named(head, offset, ments, w)) is not None:
        return named
    civilians = _civilians(w)  # ("the American media", round 25)
    skip_preps = skip_preps | w.exception_preps | w.location_preps | w.topic_preps
    best, frontier = None, [(head, 0)]
    while frontier:
        tok, d = frontier.pop(0)
        closed = False  # a possessor or compound refused as the phrase's party: not its own name's parts either
        # "the Pro-Assad alliance", "anti-Russian forces": for or against X, not X
        if not owned and any(c.dep_ == "poss" and c.lower_ in OWNERS for c in tok.children):
            continue
        prefixes, longest = _stance()
        # (round 25: also the phrase's own head when it modifies the trigger: "consolidating anti-Trump support")
        stance = (d > 0 or tok.dep_ in ("amod", "compound", "nmod", "npadvmod")) \
            and doc_text(tok.doc)[max(0, tok.idx - longest):tok.idx].lower().endswith(prefixes)
        ent = None if stance else ments.entity(*token_span(offset, tok))
        if ent is not None and d > 0 and tok.dep_ == "pobj" and (
                ments.seats.overlapping(*token_span(offset, tok))
                or ent.type not in w.state_types and ments.place(*token_span(offset, tok)) is not None):
            ent = None  # "the archbishop of Santiago": the city, not its government (nor an organization so named)
        if ent is not None and d > 0 and tok.dep_ in ("amod", "compound") and tok.lower_ in w.religion_words \
                and (tok.ent_type_ in ("NORP", "") or ent.name.lower() in w.religion_words):  # (not the "Islamic" of "the Islamic State")
            ent = None  # "Islamic jihadis", "Muslim migrants": a faith, no party
        if ent is not None and tok.dep_ in ("amod", "compound") and tok.lower_ in w.label_words and not ent.kb_id:
            ent = None  # "the Islamist massacre", "a jihadist attack": a label, no party (round 32b, dev16)
        if ent is not None and d > 0 and tok.dep_ == "compound" and not ent.kb_id \
                and ent.type not in (*w.state_types, "nationality") and (site := _name_head(tok)).pos_ == "NOUN" \
                and (site.lemma_.lower() in w.venue_words | w.facility_words or site.lower_ in w.venue_words | w.facility_words) \
                and (site.dep_ in ("compound", "nmod", "amod") or any(c.dep_ == "acl" and c.tag_ == "VBG" for c in site.children)):
            ent, closed = None, True  # "after the Orchid nightclub shooting": the venue's name, where, not who (round 32b,
            # dev30; the venue modifies the act, or the parser hung the act on it; "the attack on the Pulse nightclub"
            # keeps what was hit, dev22; a known body stays: "the Hamas school")
        if ent is not None and tok.dep_ == "pobj" and tok.head.lower_ == "on" and ent.name in w.platform_names:
            ent = None  # "blamed officials on Twitter": where it was said
        if ent is not None and tok.i > 0 and (prev := tok.doc[tok.i - 1]).lower_ in w.region_prefixes \
                and ments.entity(*token_span(offset, prev)) is None:
            ent = None  # "Latin American artists", "Central American migrants": another people, not the US
        if ent is not None and tok.dep_ in ("amod", "compound") and not ent.kb_id \
                and ent.name.split()[0].lower() in w.region_prefixes:
            ent = None  # those peoples are entities of their own since stop 35: as a modifier still no party
            # ("condemned the Central American Minors program"); as the phrase's head they stay ("detained Central Americans")
        if ent is not None and no_party(ent, tok, w):
            ent = None  # "the spread of Ebola", "#Strong": a disease or a hashtag
        if d == 0 and poll_share(tok, w):
            return None  # "61% of Republicans endorse ...": a share of people polled, no party
        if ent is not None and _garbled(ent.name, w):
            ent = None  # "Garcia, Miller": two names the entities stage joined, neither party
        if ent is not None and d > 0 and not (tok.dep_ == "appos" and ent.type == "person") and (
                tok.head.lemma_.lower() in civilians or tok.dep_ == "pobj" and tok.head.lower_ == "from"
                                          and tok.head.head.lemma_.lower() in civilians
                                          or _name_head(tok).lemma_.lower() in civilians):  # "A Coral Gables man" (round 22)
            # "Syrian refugees", "two U.S. banks", "a man from Mexico": people or firms of a country, not its state
            # (round 30b: nor the parts of its name, as possessor or modifier, "Otto Warmbier's father", or where people
            # come from it, "removed mothers from the United States"; "asked aid from the European Union" still
            # reaches the giver through the name's parts)
            ent, closed = None, tok.dep_ in ("poss", "compound") or tok.dep_ == "pobj" and tok.head.lower_ == "from" \
                and tok.head.head.lemma_.lower() in w.civilian_nouns
        if ent is not None and d > 0 and tok.dep_ == "appos" and tok.head.dep_ == "pobj" \
                and ments.place(*token_span(offset, tok.head)) is not None:
            ent, closed = None, True  # "the Diocese of Linz, Austria": the country of a place named, where, not who
            # (round 27, dev21)
        if ent is not None and d > 0 and tok.dep_ == "compound" and not ent.kb_id and ent.type in w.described_types \
                and (noun := _compound_top(tok)).pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children) and (
                    noun.lemma_.lower() not in w.role_nouns | w.body_officers
                    or any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in noun.children)):
            ent, closed = None, True  # "a Pointe Coupee teen", "an Alton funeral director": one person described by
            # a town or an employer the KB does not know, not that body (round 27; "a Hamas commander" is known, and
            # "an Acme Mining spokesman" speaks for it: a role noun, unless a common noun makes it a trade)
        if ent is not None and ent.type == "nationality" and any(c.dep_ == "amod" and c.lower_ in w.class_adjectives
                                                                for c in tok.children):
            ent = None  # "support for disabled Americans": a class of the country's people, not its state (dev audit 29)
        if ent is not None and d > 0 and ent.type == "other" and not ent.kb_id and (
                tok.dep_ == "amod" or tok.dep_ == "compound" and _noun_lemma(tok.head) in w.member_nouns):
            ent = None  # "the state's Democratic senator", "Republican lawmakers": an adjective of no known party;
            # "Democrat members", "the Democrat senators" (the noun as modifier, round 18): members, no party
        if ent is not None and d > 0 and (tok.dep_ in ("poss", "compound") or tok.dep_ in ("amod", "nmod") and ent.type == "party") \
                and tok.head.lemma_.lower() in w.follower_nouns:  # ("GOP presidential hopefuls", dev audit 16)
            ent, closed = None, True  # "Sanders supporters", "Israel's allies": people on X's side, not X ("our Kurdish allies"
            # are Kurds); nor the first name of "Ted Cruz's father" (dev audit 25)
        if ent is not None and d > 1 and tok.dep_ == "pobj" and tok.head.lower_ in w.follower_preps \
                and tok.head.head.lemma_.lower() in w.follower_nouns | w.rival_nouns:
            ent, closed = None, True  # "aides to Mr. Sanders", "supporters of Assad" (dev audit 27)
        if ent is not None and d > 0 and tok.head.lemma_.lower() in w.rival_nouns and (
                tok.dep_ == "poss" or tok.dep_ == "compound" and ent.type == "person"):
            ent, closed = None, True  # "Mr. Trump's remaining rivals", "Clinton critics": against X, not X (dev audit 26)
        if ent is not None and d > 0 and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" \
                and tok.doc[tok.i + 2].lower_ in w.language_words:
            ent = None  # "her Spanish-language skills", "Spanish-dominant voters": a language, no people (dev audit 26)
        if ent is not None and d > 0 and tok.head.lemma_.lower() in w.side_nouns and tok.dep_ in ("poss", "compound", "amod", "nmod"):
            ent, closed = None, True  # "fighting on the Eritrean side", "on Russia's side": the fighter's own side (round 21)
        if ent is not None and d > 0 and tok.dep_ == "compound" and tok.head.lemma_.lower() in w.pact_nouns \
                and ments.seats.overlapping(*token_span(offset, tok)) and ments.entity(*token_span(offset, tok.head)) is None:
            ent = None  # "the Paris agreement", "the Minsk accords": named after the city, not its government (dev audit 26)
        if ent is not None and ent.type == "party" and (
                any(c.dep_ == "nummod" and c.ent_type_ != "DATE" and not (len(c.text) == 4 and c.text.isdigit())
                    for c in tok.children)  # (not a year: "2016 Democrats Call For Action")
                or tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.tag_ == "CD"
                or d > 0 and tok.dep_ in ("amod", "compound", "poss") and _noun_lemma(tok.head) in w.member_nouns):
            ent, closed = None, d > 0 and tok.dep_ in ("amod", "compound", "poss")
            # "seven other Democrats", "two of the Republicans", "Republican senators": members, not the party
        if ent is not None and ent.type in ("party", "nationality", "other") and not ent.kb_id and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            ent = None  # "to endorse a Democrat", "an American": one person of the kind, not a body
        if ent is not None and d > 0 and tok.head.lemma_.lower() in w.opposed_nouns \
                and ent.type in (*w.state_types, "nationality"):
            ent = None  # "Syrian rebels", "American adversaries": against the state, not it
        if ent is not None and _fragment(tok, offset, ments, w, paired=d > 0):
            ent = None  # "anti-Semitism", "neo-Nazis", "an Iranian-American journalist": a piece of a word (round 28b)
        if ent is not None and d > 0 and ent.type == "nationality" and tok.dep_ in ("amod", "compound") \
                and tok.head.pos_ == "PROPN" and any(c.dep_ == "compound" and tok.i < c.i < tok.head.i
                                                     and c.lemma_.lower() in civilians for c in tok.head.children):
            ent, closed = None, True  # "fellow German Cardinal Jan Roe's suggestion": the titled person's nationality,
            # as "the German cardinal" (round 32b, dev20; "Iraqi Foreign Minister X" keeps Iraq: no title of private people)
        if ent is not None and d > 0 and _elided_place(tok, ent, offset, ments):
            ent = None  # "Putin's threat to Eastern and Northern Europe countries": a piece of a place's name (round 32b)
        if ent is not None and d > 0 and _employer_of_named(tok, ent, offset, ments, w):
            ent, closed = None, True  # "including University of Kent at Canterbury professor Jane Roe": her employer
            # (round 32b, the shape of a training audit's "... professor Zeynep Tufekci")
        if ent is not None and d > 0 and _slashed(tok, offset, ments):
            ent = None  # "Pelosi/Schumer/Schiff order ...": one of names joined by slashes, no one party (round 32b, dev13)
        if ent is not None and d == 0 and _one_of_kind(tok, ent, w):
            ent = None  # "the Republican was rebuffed": one person of a party, not the party (round 28b)
        if ent is not None and d > 0 and tok.dep_ in ("amod", "compound", "nmod", "npadvmod") and (
                ent.type in ("party", "other") and _modified(tok).lemma_.lower() in w.governed_nouns
                or tok.lower_ in w.chamber_words and (_modified(tok).lemma_.lower() in w.bill_nouns | w.caucus_nouns
                                                  or _modified(tok).lower_ in w.party_member_words | w.party_member_plurals)):
            ent, closed = None, True  # "the Republican state government", "the Republican governor": the body or the
            # office holder, not the party; "a Senate bill", "the House bill": where a bill was brought; "30 Senate
            # Democrats", "the Senate Democratic caucus": a party's members in the chamber, not the chamber ("140 House
            # members" are the chamber's, as the audits judge them: dev28) (round 28b)
        if ent is not None and d > 0 and tok.dep_ in ("amod", "compound", "nmod") and (
                ments.seats.overlapping(*token_span(offset, tok)) or is_seat(tok)) \
                and _modified(tok).lemma_.lower() in w.local_nouns:
            ent, closed = None, True  # "London city council", "the Moscow police": the city's own, not the state's
            # government (round 28b)
        if ent is not None and _stacked_demonym(tok, ent, offset, ments):
            ent = None  # "Arab Israeli lawmakers": the first of two demonyms qualifies the second, no party (round 30b)
        if ent is not None and _state_heritage(tok, ent, offset, ments):
            ent = None  # "Arab Israeli lawmakers": the second, a state's, tells citizens of a people within it, no
            # agents of the state (round 31b; "Syrian Kurdish fighters" keep the Kurds, a people of no state)
        if ent is not None and (edge := _closed_edge(tok, w)) is not None:
            ent, closed = None, edge is not tok  # "calls to close France's borders", "CLOSE OUR SOUTHERN BORDER": the
            # owner's own edge closed, no target ("its border with Serbia" keeps the "with" object) (round 30b)
        if ent is not None and _in_group_name(tok, offset, ments, w):
            ent, closed = None, True  # "the Neocons For Hillary movement", "Democracy for America": a word of a
            # group's name, not the party (round 30b)
        if d == 0 and ent is None and (ments.place(*token_span(offset, tok)) is not None
                                       or ments.place_name(*token_span(offset, tok))):
            return None  # the phrase names a place ("Eritrea was annexed", "in Dupont Circle"), not an actor; round 32b:
            # also a name typed a place but not geocoded, whose possessor is where it lies ("Canada's Cape Breton Will
            # Welcome ...", dev32: not Canada)
        if ent is not None:
            rank = (d, ent.type == "nationality", tok.i)
            if best is None or rank < best[0]:
                best = (rank, ent)
            if d == 0:
                return ent
        if d < depth and not closed:
            # not into clauses, nor into proxy participles: "US-backed forces" are not the US
            # (while the "United States-led coalition" is the US and its partners), nor into a dateline the parser
            # hung on the phrase ("LONDON (Reuters) - British police arrested ...": round 27)
            frontier.extend((c, d + 1) for c in tok.children
                            if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "det")
                            and not (c.i < tok.i and in_dateline(c, w))
                            and not (c.dep_ == "amod" and c.lemma_.lower() in _proxy())
                            and not (c.dep_ == "prep" and (c.lower_ in skip_preps
                                                           or only_preps is not None and c.lower_ not in only_preps))
                            # "the Prime Minister of Canada": the minister, not the state
                            and not (c.dep_ == "prep" and c.lower_ == "of" and ent is None
                                     and tok.lemma_.lower() in w.role_nouns)
                            # round 29b: "endorsed the secretary's bid, including Gov. Jack Markell" (dev29): a list
                            # hung on a singular thing names members of another phrase ("several firms, including
                            # Gazprom" and "the coalition, including France" keep theirs)
                            and not (c.dep_ == "prep" and c.lower_ in w.listing_preps and tok.tag_ == "NN"
                                     and not is_people(tok, w))
                            # round 30b: "the father of the slain teen, Laquan McDonald, accused" (dev26): a name set
                            # off after a kin word's "of" phrase may name either person; no party rather than a guess
                            and not (c.dep_ == "appos" and _after_kin_of(tok, c, offset, ments, w))
                            # round 32b: an apposition past a clause on the noun is no apposition of it ("the blizzard
                            # of tweets he sent ..., supported by ..., including, for a while, Ted Cruz", dev32: a participle's clause between)
                            and not (c.dep_ == "appos" and any(k.dep_ == "acl" and tok.i < k.i < c.i for k in tok.children))
                            # (a relative clause between stays: "Four people, all of whom live at X, were arrested:
                            # Jane Roe, 23; ...", fresh18)
                            # round 31b: "seized seven districts between Armenia and Karabakh" (dev22): where, no party
                            # ("talks between Russia and Ukraine" keep theirs: no noun of land)
                            and not (c.dep_ == "prep" and c.lower_ == "between" and tok.lemma_.lower() in w.land_nouns))
    return best[1] if best else None


def person_gender(ent: Entity) -> str | None:
    """Round 32b (stop 49): a person's gender as the KB gives it, else as the given name of a full name tells it when
    it is borne by one sex only; None otherwise (and for any entity that is no person). Stop 50: read by the one
    function the quotes stage reads too (extract/entities/gender.py), without the titles beside the mentions."""
    return entity_gender(ent) if ent.type == "person" else None


def pronoun_gender(word: str, w: Words) -> str | None:
    """"m" for a word of `masculine_pronouns`, "f" for one of `feminine_pronouns`, else None."""
    return "m" if word in w.masculine_pronouns else "f" if word in w.feminine_pronouns else None


def pronoun_mismatch(pronoun: str, ent: Entity, w: Words) -> bool:
    """Round 32b (stop 49): whether "he" (or "she") cannot stand for a person of the other gender ("Officer Betty Roe
    said he refused to follow her commands", the shape of fresh16: "he" is not the officer speaking)."""
    said, person = pronoun_gender(pronoun, w), person_gender(ent)
    return said is not None and person is not None and said != person


def _noun_lemma(tok) -> str:
    """Round 30b (stop 47): a noun's lemma, lower-cased, with a capitalised plural the tagger read as a name brought to
    its singular ("Democrat Senators on the committee", dev14: the lemma "senators")."""
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNPS", "NNP") and lemma == tok.lower_ and len(lemma) > 3 and lemma.endswith("s") \
            and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


def _stacked_demonym(tok, ent: Entity, offset: int, ments: Mentions) -> bool:
    """Round 30b (stop 47): whether a demonym stands right before another demonym of another people, both before one
    noun ("Arab Israeli lawmakers called on the government", dev19; "Syrian Kurdish fighters"): the first qualifies the
    second (a heritage or a people within a state), so it is not the party; the second, next to the noun, is left to the
    other rules. Glued by a hyphen it is round 28b's `_fragment`; one name of two words ("South Korean") is one entity."""
    if ent.type != "nationality" or tok.dep_ not in ("amod", "compound", "nmod"):
        return False
    doc, j = tok.doc, tok.i + 1
    if j >= len(doc) or not doc[j].text[:1].isupper() or doc[j].dep_ not in ("amod", "compound", "nmod"):
        return False
    other = ments.entity(*token_span(offset, doc[j]))
    return other is not None and other.id != ent.id and other.type == "nationality" and (
        doc[j].head.i in (tok.head.i, tok.i) or tok.head.i == doc[j].i)


def _state_heritage(tok, ent: Entity, offset: int, ments: Mentions) -> bool:
    """Round 31b (stop 48): whether a state's demonym (a nationality the KB links) stands right after another demonym of
    another people, both before one noun ("Arab Israeli lawmakers called on the government", dev19; "British Pakistani
    voters"): citizens of the state of a people within it, or of a heritage, no agents of its state; no party rather than
    the state. The other order, a stateless people's demonym second ("Syrian Kurdish fighters": the Kurds), is left to
    round 30b's `_stacked_demonym`."""
    if ent.type != "nationality" or not ent.kb_id or tok.dep_ not in ("amod", "compound", "nmod") or tok.i < 1:
        return False
    prev = tok.doc[tok.i - 1]
    if not prev.text[:1].isupper() or prev.dep_ not in ("amod", "compound", "nmod"):
        return False
    other = ments.entity(*token_span(offset, prev))
    return other is not None and other.id != ent.id and other.type == "nationality" and (
        prev.head.i in (tok.head.i, tok.i) or tok.head.i == prev.i)


def _closed_edge(tok, w: Words):
    """Round 30b (stop 47): the edge noun (`edge_nouns`: border, coast, airspace) that a token is, or that it modifies
    as owner ("France's borders", "US border", "OUR SOUTHERN BORDER"), when the edge is the object of closing or opening
    it (`closure_words`, also through a preposition: "closure at US border"): a country closing its own edge (dev11,
    fresh4 ×2), the edge's owner no target. None otherwise."""
    edge = tok
    if tok.lower_ not in w.edge_nouns:
        edge = tok.head
        if tok.dep_ not in ("poss", "compound", "amod", "nmod") or edge.lower_ not in w.edge_nouns:
            return None
    gov = edge.head
    if edge.dep_ == "pobj":
        gov = gov.head
    elif edge.dep_ not in ("dobj", "nsubjpass", "compound", "conj"):
        return None
    closing = [gov] + [c for c in gov.children if c.dep_ == "dobj"] if edge.dep_ == "pobj" else [gov]
    # (a verb's object may be the closing, the "at" phrase hung on the verb: "threatens closure at US border")
    return edge if gov.i != edge.i and any(g.lower_ in w.closure_words or g.lemma_.lower() in w.closure_words
                                           for g in closing) else None


def _in_group_name(tok, offset: int, ments: Mentions, w: Words) -> bool:
    """Round 30b (stop 47): whether a party's word is the object of a preposition inside a group's or a campaign's name
    ("the nascent “Neocons For Hillary” movement", dev24; "Democracy for America, a progressive outfit", dev25):
    `name_preps` hung on a proper noun with no entity of its own, outside a headline (whose every word is capitalised)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in w.name_preps or tok.doc.user_data.get(TITLE_KEY):
        return False
    name = tok.head.head
    if not name.text[:1].isupper() or name.i > tok.i or ments.entity(*token_span(offset, name)) is not None:
        return False
    # a proper noun, or a capitalised noun set off with a group noun in apposition ("Democracy for America, a digital
    # activism group, launched ...": the parser's common noun at the sentence's start)
    # (round 31b: or a noun of `group_nouns`, "a digital progressive activism outfit", dev25)
    return name.tag_ in ("NNP", "NNPS") or any(c.dep_ == "appos" and c.i > tok.i and (
        is_people(c, w) or c.lemma_.lower() in w.group_nouns or c.lower_ in w.group_nouns) for c in name.children)


def _after_kin_of(tok, appos, offset: int, ments: Mentions, w: Words) -> bool:
    """Round 30b (stop 47): whether a name in apposition on a kin word (`follower_nouns`: father, mother, family) stands
    right after the kin word's "of" phrase whose object is a common noun of no entity ("the father of the slain teen,
    Laquan McDonald, accused", dev26): the name may be the teen's as well as the father's."""
    if tok.lemma_.lower() not in w.follower_nouns:
        return False
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "of" and p.i < appos.i:
            for g in p.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN" and g.right_edge.i < appos.left_edge.i \
                        and ments.entity(*token_span(offset, g)) is None:
                    return True
    return False


def _modified(tok):
    """The noun a modifier describes, through a chain of compounds ("Republican" of "the Republican state government":
    "government") and a participle glued to it by a hyphen ("the Republican-led state government", "the GOP-controlled
    legislature")."""
    noun, steps = tok.head, 0
    if noun.i == tok.i + 2 and tok.doc[tok.i + 1].text == "-" and noun.dep_ in ("amod", "compound", "nmod") \
            and noun.head.i != noun.i:
        noun = noun.head
    while noun.dep_ == "compound" and noun.head.i != noun.i and steps < 6:
        noun, steps = noun.head, steps + 1
    return noun


def _mention_at(tok, offset: int, ments: Mentions):
    """The actor mention at a token with the parsed text and its bounds in it (hit, text, start, end), or None when
    there is none or it lies outside the parsed text."""
    hit = ments.actors.last_overlapping(*token_span(offset, tok))
    if hit is None:
        return None
    text = doc_text(tok.doc)
    start, end = hit[0] - offset, hit[1] - offset
    return (hit, text, start, end) if 0 <= start <= end <= len(text) else None


def _fragment(tok, offset: int, ments: Mentions, w: Words, paired: bool) -> bool:
    """Round 28b (stop 45): whether the entity mention at a token is a piece of a hyphenated word: glued after a lower-case
    prefix of `fragment_prefixes` ("anti-Semitism", "neo-Nazis", "un-American": an idea or a kind, never the party
    named), or, with `paired` (inside a phrase, not its head), glued to another name ("an Iranian-American journalist",
    "the Palestinian-Israeli conflict": a heritage or a matter between two, not one party; "the US-led coalition" and
    "Saudi-backed" are names glued to lower-case words, left to their own rules)."""
    found = _mention_at(tok, offset, ments)
    if found is None:
        return False
    hit, text, start, end = found
    if (kind := re.match(r"-([a-z]+)\b", text[end:end + 12])) and kind.group(1) in w.kind_suffixes:
        return True  # round 31b: "an Iraq-style invasion", "Soviet-era tanks", "a Qatar-based network": a kind or an origin
    before = text[max(0, start - 12):start]
    glued = re.search(r"(?:^|[^A-Za-z])([A-Za-z]+)-$", before)  # the word glued before the name by a hyphen
    if glued and glued.group(1).lower() in w.fragment_prefixes and glued.group(1)[1:].islower() \
            and not (glued.group(1)[:1].isupper() and " " in hit[2].name):  # ("the Anti-Defamation League": one name)
        return True
    if not paired or not (glued and glued.group(1)[:1].isupper() or re.match(r"-[A-Z][a-z]", text[end:end + 3])):
        return False
    noun, steps = tok, 0  # the noun the glued names describe: a person's heritage ("an Iranian-American journalist"),
    while noun.dep_ in ("amod", "compound", "npadvmod", "nmod") and noun.head.i != noun.i and steps < 4:
        noun, steps = noun.head, steps + 1  # not a joint party ("US-South Korean plans", "US-Russian talks")
    return noun.lemma_.lower() in _civilians(w)


def _elided_place(tok, ent: Entity, offset: int, ments: Mentions) -> bool:
    """Round 32b (stop 49): whether a one-word name the KB does not know is coordinated with a place's name after it
    ("to Eastern and Northern Europe countries", fresh4: the model's "Eastern" is "Eastern Europe" with its noun
    shared): a piece of a place's name, no party."""
    if ent.kb_id or " " in ent.name or ent.type in ("person", "state", "nationality"):
        return False
    return any(c.dep_ == "conj" and c.i > tok.i and (ments.place(*token_span(offset, c)) is not None
                                                      or ments.place_name(*token_span(offset, c)))
               for c in tok.children)


def _employer_of_named(tok, ent: Entity, offset: int, ments: Mentions, w: Words) -> bool:
    """Round 32b (stop 49): whether a body's name stands before a common noun of a trade and a person's name ("University
    of Kent at Canterbury professor Jane Roe", "Acme Bank economist John Doe"), with at most a place's "at/in" phrase
    between: the body employs the person named, who is the party, not the body. A noun of office (`role_nouns`,
    `body_officers`: "Acme spokesman John Doe" speaks for it) keeps the body."""
    if ent.type not in w.firm_types | {"organization"}:
        return False
    hit = ments.actors.last_overlapping(*token_span(offset, tok))
    if hit is None:
        return False
    doc = tok.doc
    j = next((t.i for t in doc[tok.i:] if offset + t.idx >= hit[1]), None)
    if j is None:
        return False
    if doc[j].lower_ in ("at", "in"):  # "... at Chapel Hill professor": a campus or a town between
        j += 1
        while j < len(doc) and (ments.place_name(*token_span(offset, doc[j])) or ments.place(*token_span(offset, doc[j]))
                                or doc[j].ent_type_ in ("GPE", "LOC")):
            j += 1
    if j + 1 >= len(doc):
        return False
    noun, name = doc[j], doc[j + 1]
    if noun.pos_ != "NOUN" or not noun.is_lower or noun.lemma_.lower() in w.role_nouns | w.body_officers:
        return False
    person = ments.entity(*token_span(offset, name))
    return person is not None and person.type == "person" and person.id != ent.id


def _slashed(tok, offset: int, ments: Mentions) -> bool:
    """Round 32b (stop 49): whether the entity mention at a token is glued by a slash to another capitalised word
    ("the Pelosi/Schumer/Schiff/Warner order", dev13; "the U.S./Mexico plan"): one of several names read as one
    modifier, not the party of the phrase."""
    found = _mention_at(tok, offset, ments)
    if found is None:
        return False
    _, text, start, end = found
    return bool(re.search(r"[A-Za-z.]/$", text[max(0, start - 2):start]) or re.match(r"/[A-Z]", text[end:end + 2]))


def _one_of_kind(tok, ent: Entity, w: Words) -> bool:
    """Round 28b (stop 45): whether a phrase's head is a party's word in the singular, standing alone ("the Republican
    was twice rebuffed", "the next committee Democrat"): one person of that party, not the party. Not a modifier
    ("Republican senators"), not a plural ("Republicans"). A demonym naming one person ("a Palestinian rammed ...",
    "American in China injured") is left as the audits judge it: the nationality names the person."""
    if tok.dep_ in ("amod", "compound", "nmod") or tok.tag_ in ("NNS", "NNPS"):
        return False
    if tok.dep_ != "poss" and any(c.dep_ == "case" for c in tok.children):
        return False  # "the Republican’s did not agree": a plural misspelled with an apostrophe
    return tok.lower_ in w.party_member_words and ent.type in ("party", "other", "nationality")


def staff_of_firm(head, ent: Entity, offset: int, ments: Mentions, w: Words) -> bool:
    """Round 27 (stop 44): whether a phrase names people who work for a firm ("three executives of Volkswagen", "two
    Siemens employees", "a Gazprom executive"), its entity the firm's (of `firm_types`), not the head's own: charged,
    arrested or attacked, the people are the target, not the firm."""
    return head is not None and head.lemma_.lower() in w.staff_nouns and ent.type in w.firm_types \
        and ments.entity(*token_span(offset, head)) is None


def sponsored(head, text: str, ments: Mentions):
    """The named group a proxy phrase stands for: "US-backed forces" is the group the document names
    with the same sponsor elsewhere ("the US-backed Syrian Democratic Forces"), when there is one."""
    for amod in head.children:
        if amod.dep_ != "amod" or amod.lemma_.lower() not in _proxy():
            continue
        sponsor = next((c for c in amod.children if c.dep_ in ("npadvmod", "compound", "nmod")), None)
        if sponsor is None:
            continue
        pattern = re.compile(rf"\b{re.escape(sponsor.text)}\s*-\s*{re.escape(amod.text)}\s+(?:the\s+)?(?=[A-Z])")
        found = {ent.id: ent for m in pattern.finditer(text)
                 if (ent := ments.entity(m.end(), m.end() + 1)) is not None and ent.type != "nationality"}
        if len(found) == 1:  # one group so called: the phrase is that group
            return next(iter(found.values()))
    return None


def _token_at(doc: Document, start: int, end: int):
    """The head token of the words at document offsets [start, end) in the body or title parse that holds them (the
    token of the span whose head lies outside it), or None."""
    for offset, sdoc, kind in doc.parses:
        if kind not in ("title", "body") or not offset <= start < offset + len(doc_text(sdoc)):
            continue
        toks = [t for t in sdoc if start <= offset + t.idx < end]
        return next((t for t in toks if not start <= offset + t.head.idx < end or t.head.i == t.i), None)
    return None


def chained_away(doc: Document, speaker: Entity, pronoun: str | None, at: int | None) -> bool:
    """Round 31b (stop 48): whether a quote's speaker told by a pronoun ("he said: 'I am writing to ask ...'") was linked
    to a name that the same pronoun cannot stand for: the name's last mention before the pronoun is an object in a
    clause whose own subject is that pronoun ("He cited two bans as precedents for action against Trump. ... he said:
    'I am writing to ask ...'", dev19; "she forgave Roof. 'I refuse ...,' she said", dev32): "he" there is someone
    else than Trump, and so is the next "he". The speaker is not trusted then (the events stage gives no actor from it).
    """
    if pronoun not in ("he", "she", "it", "they") or at is None:
        return False
    before = [m for m in speaker.mentions if m.end <= at]
    if not before:
        return False
    m = max(before, key=lambda m: m.end)
    tok = _token_at(doc, m.start, m.end)
    if tok is None or tok.dep_ not in ("dobj", "pobj", "dative"):
        return False
    verb = tok.head
    for _ in range(16):  # up to the first verb with a subject of its own (a relative pronoun stands for its noun: on)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT")]
        if verb.pos_ in ("VERB", "AUX") and subjects:
            return any(c.lower_ == pronoun for c in subjects)
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def quote_at(doc: Document, start: int, end: int):
    for q in doc.quotes:
        if q.start <= start and end <= q.end and getattr(q, "kind", "direct") not in ("scare", "term"):
            return q
    return None
