"""The `events` stage: who did what to whom, where and when, coded from the dependency parse (PLOVER + CAMEO)."""
from __future__ import annotations

# Needs `parse` and `entities`; uses `quotes`, `places` and `dates` when they ran before it (each is
# optional: without quotes, "reported" comes from speech-verb complements; without places, no place;
# without dates, the date falls back as documented in docs/events.md).

import bisect
from dataclasses import dataclass

from ...model import Document, Entity, Event, Span
from ...pipeline import register_stage
from .modality import Words, clause_modes, join, speech_governor, words
from .triggers import Lexicon, lexicon

SUBJECTS = ("nsubj", "csubj")
PROXY = words().proxy_participles
STANCE = tuple(sorted(words().stance_prefixes))  # "pro-", "anti-"
_STANCE_CHARS = max((len(p) for p in STANCE), default=0)
PRONOUN_SPEAKER = {"it", "we", "he", "she", "i"}  # pronouns that stand for the speaker of a report
NOT_ACTORS = {"place", "commenter"}
NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"}
SKIP_DEPS = {"amod", "compound", "aux", "auxpass"}  # "US-backed forces", "attack aircraft"


@dataclass
class Trigger:
    tok: object  # the head token (spaCy)
    toks: list  # every token of the trigger ("air strike")
    code: str
    type: str
    noun: bool


class Mentions:
    """Entity and place mentions by document offset, for token -> entity look-ups."""

    def __init__(self, doc: Document):
        spans = [(m.start, m.end, e) for e in doc.entities if e.type not in NOT_ACTORS for m in e.mentions]
        spans.sort(key=lambda s: s[0])
        self.starts = [s[0] for s in spans]
        self.spans = spans
        self.places = sorted(((m.start, m.end, p) for p in doc.places for m in p.mentions), key=lambda s: s[0])

    def entity(self, start: int, end: int) -> Entity | None:
        """The entity one of whose mentions overlaps [start, end)."""
        i = bisect.bisect_right(self.starts, end - 1)
        for s, e, ent in reversed(self.spans[max(0, i - 8):i]):
            if s < end and start < e:
                return ent
        return None

    def place(self, start: int, end: int):
        for s, e, p in self.places:
            if s < end and start < e:
                return p
        return None


def _span(offset: int, tok) -> tuple[int, int]:
    return offset + tok.idx, offset + tok.idx + len(tok.text)


def _entity_of(head, offset: int, ments: Mentions, depth: int = 3) -> Entity | None:
    """The entity a phrase stands for: its head's, else the nearest one in its subtree (names before demonyms)."""
    best, frontier = None, [(head, 0)]
    while frontier:
        tok, d = frontier.pop(0)
        # "the Pro-Assad alliance", "anti-Russian forces": for or against X, not X
        stance = d > 0 and tok.doc.text[max(0, tok.idx - _STANCE_CHARS):tok.idx].lower().endswith(STANCE)
        ent = None if stance else ments.entity(*_span(offset, tok))
        if ent is not None:
            rank = (d, ent.type == "nationality", tok.i)
            if best is None or rank < best[0]:
                best = (rank, ent)
            if d == 0:
                return ent
        if d < depth:
            # not into clauses, nor into proxy participles: "US-backed forces" are not the US
            # (while the "United States-led coalition" is the US and its partners)
            frontier.extend((c, d + 1) for c in tok.children
                            if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "det")
                            and not (c.dep_ == "amod" and c.lemma_.lower() in PROXY))
    return best[1] if best else None


def verb_code(tok, lex: Lexicon) -> str | None:
    """The CAMEO code of a verb token.

    The most specific hand-made entry ("call for" before "call") decides first when it is null
    (never an event); then a dictionary pattern on its object or particle (unless the entry says
    `patterns: false`); then the hand-made code; then the dictionary block's default."""
    lemma = tok.lemma_.lower()
    # "called for the Council to act": the parser makes "for" a subordinator (mark)
    parts = [c.lower_ for c in tok.children
             if c.dep_ in ("prt", "prep", "agent") or (c.dep_ == "mark" and c.lower_ == "for")]
    keys = [f"{lemma} {p}" for p in parts if f"{lemma} {p}" in lex.verb_keys()] + [lemma]
    manual = next((k for k in keys if k in lex.manual), None)
    if manual is not None and lex.manual[manual] is None:
        return None
    if manual not in lex.no_patterns:
        objects = [w for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")
                   for w in (c.lemma_.lower(), c.lower_)]
        objects += [f"{c.lower_} {g.lemma_.lower()}" for c in tok.children if c.dep_ == "prep"
                    for g in c.children if g.dep_ == "pobj"]
        for b in (b for key in keys for b in lex.blocks_by_verb.get(key, [])):
            for o in objects:
                if o in b.objects:
                    return b.objects[o]
            for p in parts:
                if p in b.particles:
                    return b.particles[p]
    if manual is not None:
        return lex.manual[manual]
    for key in keys:
        for b in lex.blocks_by_verb.get(key, []):
            code = b.verb_code(key)
            if code:
                return code
    return None


def find_triggers(sent, lex: Lexicon) -> list[Trigger]:
    out = []
    for tok in sent:
        if tok.dep_ in SKIP_DEPS:
            continue
        # "US airstrikes on ..." is sometimes tagged a verb with a subject: a verb in a noun's slot
        # whose lemma is a noun trigger is read as the noun.
        lemma = tok.lemma_.lower()
        misread = (tok.pos_ == "VERB" and lemma in lex.nouns
                   and (tok.dep_ in NOMINAL or lemma not in lex.verb_keys()))
        if tok.pos_ == "VERB" and not misread:
            code = verb_code(tok, lex)
            typ = lex.plover(code)
            if typ:
                out.append(Trigger(tok, [tok], code, typ, False))
        elif tok.pos_ in ("NOUN", "PROPN") or misread:
            lemma = tok.lemma_.lower()
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i == tok.i - 1]
            for m in mods:
                code = lex.nouns.get(f"{m.lemma_.lower()} {lemma}") or lex.nouns.get(f"{m.lower_} {lemma}")
                if code and lex.plover(code):
                    out.append(Trigger(tok, [m, tok], code, lex.plover(code), True))
                    break
            else:
                code = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
                if code and lex.plover(code):
                    out.append(Trigger(tok, [tok], code, lex.plover(code), True))
    return out


def _subject(verb, w: Words, steps: int = 0):
    """The subject phrase head of a verb, through control, conjunction and participles."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            return c
    if steps > 4 or verb.head.i == verb.i:
        return None
    head = verb.head
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in w.object_control:
            for c in head.children:
                if c.dep_ in ("dobj", "dative"):
                    return c
        return _subject(head, w, steps + 1)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, w, steps + 1)
    if verb.dep_ == "acl" and verb.tag_ != "VBN":  # "militants launching attacks"
        return head
    return None


def _agent(tok):
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _prep_objects(tok, preps) -> list:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _roles(trig: Trigger, w: Words):
    """(actor phrase heads, target phrase heads) in order of preference."""
    tok = trig.tok
    preps = set(w.target_preps) | set(w.partner_preps.get(trig.type, ()))
    actors, targets = [], []
    if trig.noun:
        actors += [c for c in tok.children
                   if c.dep_ in ("poss", "compound", "amod", "nmod", "nsubj") and c not in trig.toks]
        if (a := _agent(tok)) is not None:
            actors.append(a)
        gov = tok.head
        if tok.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "ADP"):
            verb = gov if gov.pos_ == "VERB" else gov.head
            if verb.pos_ == "VERB" and verb.lemma_.lower() in w.light_verbs:
                if (s := _subject(verb, w)) is not None:
                    actors.append(s)
        targets += _prep_objects(tok, preps)
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            targets += _prep_objects(tok.head, set(w.target_preps))  # "condemned the attack on a convoy"
    else:
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if passive or tok.tag_ == "VBN" and tok.dep_ == "acl":
            if (a := _agent(tok)) is not None:
                actors.append(a)
            targets += passive or [tok.head]
        else:
            if (s := _subject(tok, w)) is not None:
                actors.append(s)
            targets += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        targets += _prep_objects(tok, preps)
    return actors, targets


def _place(trig: Trigger, sent, offset: int, ments: Mentions, w: Words, parties: frozenset = frozenset()):
    """(place, governed): the place under in/near/at... of the trigger (True), else the nearest such one."""
    heads = [trig.tok, *(c for c in trig.tok.children if c.dep_ == "dobj")]  # "repel the offensive near Aleppo"
    areas = [c for c in trig.tok.children if c.lower_ in w.place_heads]  # "attacked ... south of Aleppo"
    governed = [g for h in heads for g in _prep_objects(h, w.place_preps)]
    for pobj in governed + [g for a in areas for g in _prep_objects(a, {"of"})]:
        for t in pobj.subtree:
            if (p := ments.place(*_span(offset, t))) is not None:
                return p, True
    if trig.type in w.material_types:
        for head in _own_phrase(trig):
            for t in head.subtree:
                if t.head.tag_ == "VBN" and t.dep_ in ("npadvmod", "compound", "nmod"):
                    continue  # "US-backed forces": a sponsor, not a place
                if (p := ments.place(*_span(offset, t))) is not None and _not_party(t, offset, ments, parties):
                    return p, False  # where it happened, but not enough to make a party-less event
    # Else the nearest place the sentence puts after in/near/at...: a toponym as subject or object
    # ("Russia warned", "met with France") names a party, not where it happened.
    pos = offset + trig.tok.idx
    inside = []
    for tok in sent:
        phrase = tok
        while phrase.dep_ in ("compound", "amod", "flat") and phrase.head.i != phrase.i:
            phrase = phrase.head
        prep = phrase.head if phrase.dep_ == "pobj" else None
        if prep is not None and (prep.lower_ in w.place_preps or prep.lower_ == "of"
                                 and prep.head.lower_ in w.place_heads):
            if (p := ments.place(*_span(offset, tok))) is not None and _not_party(tok, offset, ments, parties):
                inside.append((abs(offset + tok.idx - pos), p))
    return (min(inside, key=lambda x: x[0])[1], False) if inside else (None, False)


def _not_party(tok, offset: int, ments: Mentions, parties: frozenset) -> bool:
    """Whether a toponym is not the event's actor or target ("strike the US", "over U.S. air strikes")."""
    ent = ments.entity(*_span(offset, tok))
    return ent is None or ent.id not in parties


def _own_phrase(trig: Trigger) -> list:
    """Heads of the phrases that make up the event itself: a noun trigger's modifiers ("the Aleppo
    offensive"), a verb trigger's object, passive subject and complement ("stop attacking Syria")."""
    if trig.noun:
        return [c for c in trig.tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c not in trig.toks]
    return [c for c in trig.tok.children if c.dep_ in ("dobj", "nsubjpass", "xcomp")]


def _quote_at(doc: Document, start: int, end: int):
    for q in doc.quotes:
        if q.start <= start and end <= q.end and getattr(q, "kind", "direct") not in ("scare", "term"):
            return q
    return None


def _date(doc: Document, sent_span: tuple[int, int], trig: Trigger, lead: bool, modes: set[str]) -> str | None:
    """The date written in the sentence (dates layer); else the publication day for a fact of the lead."""
    try:
        from ..dates.stage import date_for_span
    except ImportError:  # the dates layer is another stage's; without it only the lead fallback remains
        date_for_span = None
    if date_for_span is not None and doc.dates:
        found = date_for_span(doc, *sent_span)
        value = getattr(found, "value", found)
        if value:
            return str(value)
    head = trig.tok if not trig.noun else trig.tok.head
    if lead and not modes and doc.source.published and head.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
        return doc.source.published[:10]
    return None


def _sentence_case(doc: Document, offset: int, sdoc, ments: Mentions, disable: tuple = ()):
    """A headline In Title Case parsed again in sentence case (names kept), same offsets; else as it was.

    The parser reads "Russia Rejects Kerry's New Attempts" as one long name; "Russia rejects
    Kerry's new attempts" parses as a clause. Only lower-casing is done, so offsets stay valid."""
    text = sdoc.text
    words = [t for t in sdoc if t.is_alpha and len(t) > 3]
    if not words or sum(t.text[0].isupper() for t in words) < 0.6 * len(words):
        return sdoc
    chars = list(text)
    for t in sdoc:
        if t.i == 0 or not t.text.istitle() or ments.entity(*_span(offset, t)) is not None:
            continue
        low = t.text[0].lower()
        if len(low) == 1:
            chars[t.idx] = low
    recased = "".join(chars)
    if len(recased) != len(text):
        return sdoc
    from ...nlp import load_nlp
    return load_nlp(disable)(recased)  # the parse stage's model (same cache key)


def find_events(doc: Document, lex: Lexicon | None = None, w: Words | None = None,
                spacy_disable: tuple = ()) -> list[Event]:
    """The events of the title and body sentences of one parsed document, in text order."""
    lex, w = lex or lexicon(), w or words()
    if not doc.parses:
        return []
    ments = Mentions(doc)
    by_id = {e.id: e for e in doc.entities}
    events: list[tuple[int, Event]] = []
    first_body = True
    for offset, sdoc, kind in sorted(doc.parses, key=lambda p: p[0]):
        if kind not in ("title", "body"):
            continue
        if kind == "title":
            sdoc = _sentence_case(doc, offset, sdoc, ments, spacy_disable)
        for sent in sdoc.sents:
            raw = sent.text
            lead = kind == "title" or first_body
            if kind == "body" and raw.strip():
                first_body = False
            sstart = offset + sent.start_char + (len(raw) - len(raw.lstrip()))
            send = offset + sent.start_char + len(raw.rstrip())
            if send <= sstart:
                continue
            threats: dict[int, str | None] = {}  # token index of a THREATEN verb -> its target's entity id
            found = []
            for trig in find_triggers(sent, lex):
                actor_heads, target_heads = _roles(trig, w)
                actor = next((e for h in actor_heads if (e := _entity_of(h, offset, ments)) is not None), None)
                target = next((e for h in target_heads if (e := _entity_of(h, offset, ments)) is not None
                               and (actor is None or e.id != actor.id)), None)
                pred = trig.tok.head if trig.noun and trig.tok.head.pos_ == "VERB" else trig.tok
                modes = clause_modes(pred, trig.type, w)
                if trig.type == "THREATEN":
                    modes.add("threatened")
                if kind == "title" and not trig.noun and trig.tok.dep_ in ("ROOT", "ccomp") and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in trig.tok.children):
                    # headline "Russia to strike ...": the infinitive announces a future act
                    modes.add("threatened" if trig.type in w.hostile_types else "hypothetical")
                if any(c.dep_ == "det" and c.lower_ in w.negations for c in trig.tok.children):
                    modes.add("negated")
                t0, t1 = offset + trig.toks[0].idx, offset + trig.toks[-1].idx + len(trig.toks[-1].text)
                speaker = None
                if (q := _quote_at(doc, t0, t1)) is not None:
                    modes.add("reported")
                    speaker = by_id.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
                elif (gov := speech_governor(trig.tok, w)) is not None:
                    modes.add("reported")
                    if (s := _subject(gov, w)) is not None:
                        speaker = _entity_of(s, offset, ments)
                if actor is None and speaker is not None:
                    subj = next((h for h in actor_heads if h.pos_ == "PRON"), None)
                    if subj is not None and subj.lower_ in PRONOUN_SPEAKER:
                        actor = speaker
                found.append((trig, actor, target, modes, t0, t1))
                if trig.type == "THREATEN" and not trig.noun:
                    threats[trig.tok.i] = target.id if target else None
            seen: set[tuple] = set()
            for trig, actor, target, modes, t0, t1 in found:
                # "issued a warning": the verb pattern and the noun code one event; keep the first
                key = (trig.type, actor.id if actor else None, target.id if target else None, join(modes))
                if key in seen and (actor or target):
                    continue
                seen.add(key)
                # "warned the US not to strike": the act warned against is the threat's content, not an event.
                gov = trig.tok.head
                if (trig.tok.dep_ == "xcomp" and gov.i in threats and actor is not None
                        and threats[gov.i] == actor.id):
                    continue
                parties = frozenset(e.id for e in (actor, target) if e is not None)
                place, governed = _place(trig, sent, offset, ments, w, parties)
                if actor is None and target is None and not governed:
                    # nobody, and no "in/near X" of its own: a word of the CAMEO lists, rarely an event
                    continue
                date = _date(doc, (sstart, send), trig, lead, modes)
                events.append((t0, Event(sstart, send, type=trig.type, mode=join(modes),
                                         actor=actor.id if actor else None, target=target.id if target else None,
                                         place=place.id if place else None, date=date,
                                         trigger=Span(t0, t1), cameo=trig.code)))
    events.sort(key=lambda p: p[0])
    return [e for _, e in events]


@register_stage("events")
def make_events(config: dict):
    lex, w = lexicon(), words()  # load the lexicons now: a broken data file fails before any document
    disable = tuple(config.get("spacy_disable", ()))

    def events(docs: list[Document]) -> None:
        for doc in docs:
            doc.events = find_events(doc, lex, w, disable)
    return events
