"""Who speaks: the subject of a speech cue, resolved to an entity (names, pronouns, role nominals, documents)."""
from __future__ import annotations

import bisect
import re

from ...model import Speaker
from ..entities.gender import entity_gender
from .cues import QuoteCues
from ...text.index import TextIndex
from ...text.names import norm

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# After an inverted cue ("..., said the minister") the parser often hangs the speaker here.
INVERTED_DEPS = {"nsubj", "attr", "npadvmod", "appos", "dep", "oprd"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# A possessive speaker ("their call for …", a speech noun's owner) resolves as its subject form.
POSSESSIVE = {"their": "they", "its": "it"}
GROUP_TYPES = {"government", "military", "igo", "organization", "armed_group", "designated_group", "media",
               "state"}
PERSON_TYPES = {"person"}
PLACE_TYPES = {"place", "state"}
# Named-entity labels of words that never speak: "saying Monday that", "more than 4 in 10 said".
NOT_SPEAKERS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
RELATIVE = {"who", "that", "which"}
# The title word right before a mention ("Ms. Holm", "spokeswoman Anna Berg") and an apposition
# right after it ("Berg, the union’s spokeswoman"), where a person's gender may be written.
_TITLE_BEFORE = re.compile(r"([A-Za-z][\w.’'-]*\s+)$")
_APPOS_AFTER = re.compile(r",\s+((?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,4}?[\w’'-]+)\s*[,.;]")


def _passive(verb) -> bool:
    """A passive verb ("were confirmed", "is said", "was told"), or a passive participle on a noun ("the
    claims, confirmed by …")."""
    kids = list(verb.children)
    if any(c.dep_ in ("nsubj", "csubj") for c in kids):
        return False  # "the case he has said he would make" with "that"
    marks = [c for c in kids if c.dep_ == "auxpass"]
    if marks:
        # "He's said …", "who’s argued for years that …": the parser's auxpass is "has"
        return any(c.lower_ not in ("'s", "’s") for c in marks)
    return any(c.dep_ in ("nsubjpass", "csubjpass") for c in kids) \
        or verb.tag_ == "VBN" and verb.dep_ == "acl" and not any(c.dep_ == "aux" for c in kids)


def _quoted_as(verb):
    """The verb of "quoted/cited X as saying", "X was quoted as saying" for its participle "saying", else None."""
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.lower_ == "as" and prep.dep_ == "prep" and prep.head.i != prep.i \
            and prep.head.lemma_.lower() in ("quote", "cite"):
        return prep.head
    return None


_PERSONAL = {"he", "she", "they", "we", "i", "you", "who"}
PERSONAL_PRONOUNS = frozenset(_PERSONAL)  # a speaker written so and left unresolved names no one (corpus tables)
_SPEAKING_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _of_body(subject) -> str | None:
    """The first capitalized word of an "of" complement that names a body, not a country: "the
    chairman of the Republican party in Pike County" -> "republican"; "the president of Russia",
    "the prime minister of the United Kingdom" -> None."""
    prep = next((c for c in subject.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None or pobj.ent_type_ == "GPE":
        return None
    word = next((t for t in pobj.subtree if t.i <= pobj.i and t.text[:1].isupper()), None)
    return word.lower_ if word is not None else None


def can_speak(tok, cues: QuoteCues, roles) -> bool:
    """Whether a subject names someone who can say something: a name, a personal pronoun, a person,
    group, institution or document noun ("the senator", "officials", "the ministry", "the report"), or
    a noun of people of `audience_nouns` ("a former staffer", "donors")."""
    if tok.pos_ == "PRON":
        return tok.lower_ in _PERSONAL
    if tok.pos_ == "PROPN" or tok.ent_type_ in _SPEAKING_ENTS:
        return True
    lemma = tok.lemma_.lower()
    if lemma in cues.anonymous or lemma in cues.institutions or lemma in cues.documents or lemma in cues.audience:
        return True
    return roles is not None and any(r.nominal for r in roles.roles_in(tok.text))


def _conjoined(tok) -> list:
    """A name and the names joined to it, however the parser chained them ("Holm, Vance and Berg")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "PROPN":
            out.extend(_conjoined(c))
    return out


def _antecedent(subject):
    """A relative pronoun's antecedent ("Mr. Ekovich, who noted ..." -> "Ekovich"), else None."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "one that backs up tough talk and doesn't ask …"
    if subject.lower_ in RELATIVE and subject.dep_ in SUBJECT_DEPS and verb.dep_ == "relcl" \
            and (verb.head.pos_ in ("PROPN", "NOUN") or verb.head.pos_ == "PRON" and not verb.head.lower_.endswith("thing")):
        return verb.head  # (people: "those who say", "someone who"; not "nothing that suggests")
    return None


def _described(tok):
    """The name a relative clause's antecedent describes: past a place after a preposition ("a dentist
    from Trenton") and past appositive nouns ("Paul Heller, a dentist") to the name; None when the
    antecedent is neither a place in a prepositional phrase nor an appositive."""
    start = tok
    if tok.dep_ in ("appos", "compound", "conj") and tok.head.pos_ == "PROPN" and tok.pos_ == "PROPN":
        tok = tok.head  # "Englewood, New Jersey": the town, not its state
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head.head
    while tok.dep_ == "appos" and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok is not start and tok.pos_ == "PROPN" else None


def _after_fronted_phrase(prep, verb, outside):
    """The last word of the name right after the comma that closes a fronted phrase ("Of Carson, Levine,
    who ..., said": Levine), when it lies before the verb; else None."""
    doc = prep.doc
    comma = next((t for t in doc[prep.i + 1:verb.i] if t.text == ","), None)
    if comma is None:
        return None
    last = None
    for t in doc[comma.i + 1:verb.i]:
        if t.pos_ != "PROPN" or not outside(t):
            break
        last = t
    return last


def _definite(tok) -> bool:
    """ "the spokesman", "this diplomat", "the Florida senator" (anaphoric: a place or a people may
    qualify it), not "a spokesman" or "the State Department spokesman"."""
    first = tok.left_edge
    return first.lower_ in ("the", "this", "that") and all(
        t.pos_ in ("DET", "ADJ", "NOUN") and t.ent_type_ == "" or t.ent_type_ in ("GPE", "NORP")
        for t in tok.doc[first.i + 1:tok.i])


# an opening mark and the closing one that ends a name written in quotation marks
_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019"}


# between a speaker and the person they speak for: "A lawyer for Mr. Dorn", "an aide to Senator Vance" (the title is
# checked against the role words of data/entities/roles.yaml)
_AGENT_LINK = re.compile(r"[ \u00a0]+(?:for|of|to)[ \u00a0]+(?:(\S+(?:[ \u00a0]\S+)?)[ \u00a0]+)?")


def _plural_form(verb) -> bool:
    """A bare present verb with no subject or auxiliary of its own ("... and admit that"): no third person singular."""
    return verb.tag_ in ("VB", "VBP") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark")
                                                  for c in verb.children)


def _singular_subject(verb) -> bool:
    """A verb whose subject is one singular noun or name ("Lund has joined"), or that agrees with one ("has")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subj.children):
        return True
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBZ" for c in verb.children)


def _closing_cue_subject(tok, cues: QuoteCues) -> bool:
    """Whether a pronoun is the subject of a speech verb that closes its sentence after a comma ("..., he added.",
    "..., she said on Tuesday."): the words before the comma are what was said."""
    verb = tok.head
    if tok.dep_ not in SUBJECT_DEPS or verb.lemma_ not in cues.speech or verb.i < tok.i or tok.i == tok.sent.start:
        return False
    if tok.doc[tok.i - 1].text != "," or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i
                                             for c in verb.children):
        return False
    return all(t.is_punct for t in tok.doc[verb.right_edge.i + 1:tok.sent.end])


def _closed_quote(text: str, start: int, end: int) -> int:
    """The end of a written speaker that opens a quotation mark its phrase does not close ('the agency
    "Newsroom' of 'the agency "Newsroom" said'): one past the closing mark right after it."""
    span = text[start:end]
    for opening, closing in _QUOTE_PAIRS.items():
        unclosed = span.count(opening) > span.count(closing) if opening != closing else span.count(opening) % 2
        if unclosed and text[end:end + 1] == closing:
            return end + 1
    return end


_PLAIN_PERSON = {"man": "m", "woman": "f"}  # "the man said": the last person of that sex named


class SpeakerResolver:
    """Resolves a subject token to a `Speaker`; remembers the speakers seen so far for "it said"."""

    def __init__(self, index: TextIndex, cues: QuoteCues, kb, roles, inside_quote):
        self.index = index
        self.cues = cues
        self.kb = kb
        self.roles = roles
        self.inside_quote = inside_quote  # f(start, end) -> bool: lies inside a quotation
        self.history: list[tuple[int, Speaker, str]] = []  # (position, speaker, entity type or "")
        self._genders: dict[str, str | None] = {}  # entity id -> gender from the titles beside it
        self._bearers: dict[tuple[str, str], bool] = {}  # (entity id, title) -> written or known to bear it
        self._surnames: dict | None = None  # built on first use (_surname)

    def remember(self, pos: int, speaker: Speaker | None) -> None:
        if speaker is not None:
            typ = self.index.by_id[speaker.entity].type if speaker.entity in self.index.by_id else ""
            self.history.append((pos, speaker, typ))

    def subject_of(self, verb, offset: int | None = None, mute_ok: bool = False):
        """The token naming who speaks through `verb`, climbing from "saying"/"adding" to the main verb;
        with the segment's `offset`, words inside a quotation are never the subject (the parser makes
        "Mayo" of "“Happy Cinco de Mayo!,” he tweeted" a second subject); an abstract noun (`mute`) is no
        subject unless `mute_ok`."""
        def outside(t) -> bool:
            return offset is None or not self.inside_quote(offset + t.idx, offset + t.idx + len(t.text))
        tok = verb
        if _passive(verb) and verb.lemma_.lower() in self.cues.speech:
            # "Giuliani's claims were confirmed", "Reporters were told that …", "It was reported that …": the
            # subject is what was said or who heard it; the speaker is the agent ("was admitted by Clark"), if any
            return next((g for c in verb.children if c.dep_ == "agent" for g in c.children
                         if g.dep_ == "pobj" and outside(g)), None)
        for _ in range(4):
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and outside(c)]
            if subjects:
                found = self._nearest_subject(tok, subjects)
                if found.pos_ == "ADP":
                    # "Of Carson, Levine, who ..., said": the parser made the fronted preposition the
                    # subject; the speaker is the name between the commas after its phrase ("Of" is no one,
                    # nor Carson, who is spoken of)
                    return _after_fronted_phrase(found, tok, outside)
                # an abstract noun names no speaker ("A third event featured X, an activist, accusing …")
                return None if not mute_ok and offset is not None and found.pos_ == "NOUN" \
                    and self.mute(found, offset) else found
            quoted = _quoted_as(tok)
            if quoted is not None:
                # "Reuters quoted Sigmar Gabriel as saying …", "Bagheri is quoted as saying …": the one quoted
                named = next((c for c in quoted.children if c.dep_ in ("dobj", "nsubjpass") and outside(c)), None)
                return named
            quoted_subject = any(c.dep_ in SUBJECT_DEPS for c in tok.children)
            # inverted cue: "..., said General Igor Konashenkov"; not a date ("saying Monday that")
            # (not the predicate of a naming act: "calling them rapists")
            right = [c for c in tok.children if c.i > tok.i and c.dep_ in INVERTED_DEPS
                     and c.pos_ in ("PROPN", "NOUN", "PRON") and c.ent_type_ not in NOT_SPEAKERS and outside(c)
                     and not (c.dep_ == "oprd" and any(d.dep_ == "dobj" and d.i < c.i for d in tok.children))]
            if right and tok is verb:
                return right[0]
            # "''…,'' recalled Mr. Hughes.": right after its quotation the parser made the name the
            # object; not of a verb whose object hears it ("…,” Norberg told Ms. Holm)
            named = self._inverted_object(tok, offset, outside) if tok is verb and not quoted_subject else None
            if named is not None:
                return named
            # "Sen. Elizabeth Warren (D-MA) said", "her adviser, Jake Sullivan, said": the parser hung the
            # name elsewhere and left the finite verb with no subject; the person written right before it
            # (also when the parser's only subject is a word of the quotation before: "''…, Madam
            # Mayor,'' Councillor Pia Norberg, Liberal of Uppsala, told Ms. Holm")
            named = self._person_left(tok, offset, outside) if tok is verb else None
            if named is not None:
                return named
            # "'' said Robin Maynard, half joking": the parser made the name the subject of a clause
            # after the verb
            clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.left_edge.i == tok.i + 1), None)
            named = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.pos_ == "PROPN"
                     and c.left_edge.i == tok.i + 1 and c.ent_type_ == "PERSON"] if clause is not None else []
            if named and tok is verb and offset is not None and not quoted_subject \
                    and tok.doc.text[:tok.idx].rstrip(" ,").endswith(("”", '"', "''", "’")):
                return named[0]
            # "”, Bozell notes.": the name parsed as a compound of the verb right before it
            named = [c for c in tok.children if c.i == tok.i - 1 and c.dep_ in ("compound", "npadvmod", "dep")
                     and c.pos_ == "PROPN" and c.ent_type_ not in NOT_SPEAKERS and outside(c)]
            if named and tok is verb:
                return named[0]
            if quoted_subject:
                return None  # the only subject is quoted: the speaker is not written in this clause
            if tok is verb and tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.pos_ == "VERB" \
                    and tok.head.head.i != tok.head.i:
                # "Lund rebuked Mr. Dorn for suggesting that ...": the one blamed for the words said them, the
                # verb's object (realworld51: no speaker); "thanked the voters for saying" alike
                obj = next((c for c in tok.head.head.children if c.dep_ == "dobj" and c.i < tok.i and outside(c)
                            and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
                if obj is not None:
                    return obj
            if tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.dep_ == "dobj" \
                    and tok.head.head.lemma_.lower() in self.cues.same_subject_nouns and tok.head.head.head.pos_ == "VERB":
                tok = tok.head.head.head  # "he made a point of saying ...": the subject of "made" (realworld51)
                continue
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in self.cues.same_subject_preps \
                    and tok.head.head.i != tok.head.i:
                tok = tok.head.head  # "responded before adding that ...": the subject of "responded"
                continue
            if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.lemma_.lower() in self.cues.documents \
                    and tok is not verb:
                tok = tok.head  # "X issued a statement saying ...": the statement speaks for its issuer
                continue
            # (a poll's share speaks for its respondents: "with 48 percent saying the ferry should run at night")
            if tok is verb and tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN") \
                    and tok.head.i < tok.i and outside(tok.head) and (tok.head.ent_type_ not in NOT_SPEAKERS
                                                                     or tok.head.ent_type_ == "PERCENT"):
                noun = tok.head
                lemma = noun.lemma_.lower()
                if noun.dep_ == "dobj" and noun.head.i != noun.i and (
                        lemma in self.cues.documents or noun.head.lemma_.lower() in self.cues.addressing):
                    # "emailed volunteers saying …", "issued a statement saying …", "released a short
                    # clip saying …": the sender's words
                    tok = noun.head
                    continue
                if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "NOUN") and noun.head.head.i != noun.head.i \
                        and (noun.head.lower_ == "to" or noun.head.head.pos_ == "VERB"):
                    # "sent a text message to volunteers saying …", "was heard on a recording telling …":
                    # the words of who sends or is heard
                    tok = noun.head.head
                    continue
                # "council officers suggesting the vote …", "phone calls saying the bridge …"; not a noun that
                # names no speaker ("a third event accusing X of …")
                return None if offset is not None and self.mute(noun, offset) else noun
            if tok.dep_ in ("advcl", "xcomp", "conj", "ccomp", "relcl", "acl") and tok.head.i != tok.i:
                if tok.dep_ == "ccomp" and tok.head.lemma_ in self.cues.speech:
                    return None  # "X said he added": the inner verb's own subject is missing
                if tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and tok.head.head.i != tok.head.i \
                        and _plural_form(tok) and _singular_subject(tok.head):
                    # "sources believe Lund has joined the camp, and admit that ...": "admit" cannot share Lund;
                    # it is the second verb of "believe" (realworld49)
                    tok = tok.head.head
                    continue
                if tok.dep_ == "conj" and tok is verb and tok.head.dep_ == "ccomp" and tok.head.head.i != tok.head.i \
                        and tok.head.head.lemma_.lower() in self.cues.speech \
                        and tok.lemma_.lower() in self.cues.clause_speech and any(c.dep_ == "ccomp" for c in tok.children):
                    # "told the paper her firm never worked with Dorn and said the firm hired ...": a second speech
                    # verb the parser joined to the reported clause is the first one's speaker's (realworld50)
                    tok = tok.head.head
                    continue
                tok = tok.head
                continue
            if tok.dep_ == "ROOT" and tok is not verb and tok.lemma_.lower() not in self.cues.speech:
                # "Dorn summed up Lund as “weak,” denounced her record and said she ...": a quotation's comma made
                # the parser hang the first verb, with the subject, as a clause before a root that has none; that
                # subject is the one of the verbs joined after it (realworld51)
                lead = next((c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i < tok.i
                             and not any(g.dep_ == "mark" for g in c.children)), None)
                named = next((c for c in lead.children if c.dep_ == "nsubj" and c.pos_ != "PRON" and c.text[:1].isupper()
                              and outside(c)), None) if lead is not None else None
                if named is not None:
                    return named
            break
        return None

    def mute(self, tok, offset: int) -> bool:
        """Whether a subject is an abstract common noun that names no one who could speak ("An administrative
        error", "Excellent background", "The trip", "History"): one of `abstract_nouns` or with an abstract
        noun's ending, naming no entity and no person beside it, and not a person, group, text, data or share
        of people by the word lists."""
        if tok is not None and tok.lower_ == "that" and tok.tag_ == "DT" and tok.dep_ in SUBJECT_DEPS:
            return True  # "That explains why she got back": a demonstrative names a fact, never one who speaks
        if tok is not None and tok.lower_ in ("it", "this") and tok.dep_ in SUBJECT_DEPS:
            # "History tells us …. It also tells us …": "it" stands for the abstract noun (or the "that") before it
            before = self._subject_before(tok, offset)
            return before is not None and (before[0].lower_ == "that" and before[0].tag_ == "DT"
                                           or before[0].pos_ == "NOUN" and self.mute(*before))
        if tok is None or tok.pos_ != "NOUN" or tok.ent_type_ in _SPEAKING_ENTS \
                or tok.text[:1].isupper() and tok.i > tok.sent.start:
            return False  # (a capitalised word inside a sentence is a name the parser missed: "Hannity said")
        cues = self.cues
        lemma, lower = tok.lemma_.lower(), tok.lower_
        listed = lemma in cues.abstract_nouns or lower in cues.abstract_nouns
        # (an ending alone does not make a capitalised word abstract: "Hannity added", "Boreing said")
        if not (listed or lemma.endswith(cues.abstract_endings) and not tok.text[:1].isupper()):
            return False
        if can_speak(tok, cues, self.roles) or any(w in cues.media_words or w in cues.source_nouns or w in cues.share_nouns
                                                    or w in cues.group_nouns for w in (lemma, lower)):
            return False
        found = self.index.best_entity(offset + tok.left_edge.idx, offset + tok.idx + len(tok.text), offset + tok.idx)
        return found is None and self._person_beside(tok, offset) is None

    def _nearest_subject(self, verb, subjects):
        """Of the subjects the parser gave a verb, the nearest that can speak: not the possessor of another
        ("said U2's Bono": Bono), nor a noun that names no speaker when another subject does ("Ambassador
        Vitaly Churkin, spurning requests from …, asserted": the ambassador, not the requests)."""
        if len(subjects) > 1:
            doc = verb.doc
            owned = [c for c in subjects if c.i + 1 < len(doc) and doc[c.i + 1].lower_ in ("'s", "’s")
                     and any(d.i > c.i for d in subjects)]
            subjects = [c for c in subjects if c not in owned] or subjects
            # (a participle's phrase the parser took for a subject: "spurning requests from …")
            subjects = [c for c in subjects if c.left_edge.tag_ not in ("VBG", "VBN")] or subjects
        return min(subjects, key=lambda c: abs(c.i - verb.i))

    def _inverted_object(self, verb, offset: int | None, outside):
        """The one named as the object right after a cue that directly follows its quotation's closing
        mark and has no subject ("…,'' recalled Mr. Hughes", "…?” asked Mr. Vance", "…,” added a Liberal
        councillor"): a person, or a noun that can speak (a member of a group, a title, an official);
        a verb whose object may hear it only when finite ("…,” telling Ms. Holm" is no inversion); else None."""
        if offset is None or not verb.doc.text[:verb.idx].rstrip(" ,").endswith(("”", '"', "''", "’")):
            return None
        if verb.lemma_.lower() in self.cues.hearer_verbs and verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN") and outside(c)
                    and c.left_edge.i == verb.i + 1 and c.ent_type_ not in NOT_SPEAKERS), None)
        if obj is None:
            # "…,” said Lund, adding …": a surname the parser took for an adverb right after the cue;
            # the speaker when it names a person of the document
            word = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
            if word is not None and word.head.i == verb.i and word.dep_ in ("advmod", "npadvmod", "dep") \
                    and word.text[:1].isupper() and word.text.isalpha() and outside(word):
                hit = self.index.best_entity(offset + word.idx, offset + word.idx + len(word.text), offset + word.idx)
                if hit is not None and hit[2].type == "person" or hit is None and self._surname(word) is not None:
                    return word
            return None
        hit = self.index.best_entity(offset + obj.left_edge.idx, offset + obj.idx + len(obj.text), offset + obj.idx)
        if hit is not None and hit[2].type not in PLACE_TYPES and obj.ent_type_ != "NORP":
            return obj if hit[2].type == "person" else None  # (a member of a group: "an Uppsala Liberal")
        if hit is None:
            # "…,” asked her friend Gladys Pollard": the person named in apposition ends the object
            named = next((c for c in obj.rights if c.dep_ in ("appos", "compound", "flat") and c.i == obj.right_edge.i
                          and c.pos_ == "PROPN"), None)
            if named is not None:
                found = self.index.best_entity(offset + named.left_edge.idx, offset + named.idx + len(named.text),
                                               offset + named.idx)
                if found is not None and found[2].type == "person":
                    return named
        lemma = obj.lemma_.lower()
        speaks = obj.ent_type_ in ("NORP", "PERSON") or lemma in self.cues.anonymous \
            or self.roles is not None and self._is_role(obj)
        return obj if speaks else None

    def _person_left(self, verb, offset: int | None, outside):
        """The last word of a person's name written right before a finite verb that has no subject of
        its own: across a parenthesis ("Warren (D-MA) said") or an apposition between commas
        ("Murphy, the head of the PAC, tweeted"); None when a word of another kind stands between."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass", "expl") for c in verb.children):
            return None
        doc = verb.doc
        sent_start = verb.sent.start

        def person(t) -> bool:
            # (a capitalised word the parser took for another part of speech may still be a name the
            # entities stage found: "Early said")
            if not (t.pos_ == "PROPN" or offset is not None and t.text[:1].isupper()) or not outside(t) \
                    or t.ent_type_ in NOT_SPEAKERS:
                return False
            if offset is None:
                return t.ent_type_ == "PERSON"
            # the entities stage's people, not the parser's labels ("President of CNN Worldwide, said")
            hit = self.index.best_entity(offset + t.idx, offset + t.idx + len(t.text), offset + t.idx)
            if hit is None:
                return self._surname(t) is not None
            # (or one the parser labels a person that the entities stage typed otherwise: "Lindqvist, 58, told")
            return hit[2].type == "person" or (t.ent_type_ == "PERSON" or self._surname(t) is not None) \
                and hit[2].type not in PLACE_TYPES
        j = verb.i - 1
        if j >= sent_start and doc[j].text == ")":
            k = j - 1
            while k >= sent_start and doc[k].text != "(" and j - k < 8:
                k -= 1
            if k < sent_start or doc[k].text != "(":
                return None
            j = k - 1
        if j < sent_start:
            return None
        if doc[j].text != ",":
            return doc[j] if person(doc[j]) else None
        if j - 1 >= sent_start and person(doc[j - 1]):
            # "Jake Sullivan, said:"; a name ending a relative clause is not who speaks ("Of Biden, Morrow,
            # who has given money to Ann Vale, said": Morrow, the clause's antecedent, or no one)
            clause = next((a for a in doc[j - 1].ancestors if a.dep_ == "relcl" and a.i < verb.i), None)
            if clause is None:
                return doc[j - 1]
            antecedent = clause.head
            return antecedent if antecedent.i < doc[j - 1].i and person(antecedent) else None
        # an apposition closed by this comma: the name before its opening comma
        for k in range(j - 1, max(sent_start, j - 14) - 1, -1):
            t = doc[k]
            if t.pos_ in ("VERB", "AUX") or t.text in ("“", "”", '"', ";", ":", "(", ")"):
                break
            if t.text == ",":
                return doc[k - 1] if k - 1 >= sent_start and person(doc[k - 1]) else None
        # "Tull, later alleging - falsely - that the mayor wanted ..., said he would ...": a participial clause
        # between the name that opens the sentence and its verb (realworld50; the parser hung the name elsewhere)
        comma = next((t.i for t in doc[sent_start:j] if t.text == ","), None)
        if comma is not None and comma > sent_start and person(doc[comma - 1]) \
                and all(person(t) or t.text == "." for t in doc[sent_start:comma]) \
                and any(t.tag_ in ("VBG", "VBN") for t in doc[comma + 1:comma + 4]) \
                and not any(t.text in ("“", "”", '"', ";", ":") and not t.i > j for t in doc[comma + 1:j]):
            return doc[comma - 1]
        return None

    def resolve(self, subject, offset: int, before: int) -> Speaker | None:
        """A Speaker for the subject token (document offset of its segment), or None."""
        if subject is None:
            return None
        lower = subject.lower_
        antecedent = _antecedent(subject)
        if antecedent is not None:
            # "Beck, who said ...": written as "who" (the span), spoken by the antecedent (the entity,
            # else its words as the name)
            found = self.resolve(antecedent, offset, before)
            if found is None or found.entity is None or self._is_place(found.entity):
                # "a dentist from Trenton, New Jersey, who said": the parse hangs the clause on the
                # place or on the appositive noun; the speaker is the person they describe
                holder = _described(antecedent)
                named = self.resolve(holder, offset, before) if holder is not None else None
                if named is not None and named.entity is not None:
                    found = named
                elif found is not None and self._is_place(found.entity):
                    found = None
            if found is not None:
                start = offset + subject.idx
                return Speaker(found.entity, found.name, start, start + len(subject.text))
            return None
        if lower in ("that", "which") and subject.tag_ == "WDT":
            return None  # a relative word whose antecedent the parse does not give names no one
        if subject.pos_ == "PRON" or lower in PRONOUN_GENDER or lower in ("it", "they", "we", "i"):
            return self._pronoun(subject, offset, before)
        left, right = subject.left_edge, subject
        # keep name parts to the right of the head ("President Bashar al-Assad"), stopping at a comma
        # ("Staffan de Mistura, head of ...")
        for tok in subject.rights:
            if tok.dep_ in ("compound", "flat", "nmod", "appos") and tok.left_edge.i == right.i + 1 \
                    and tok.pos_ == "PROPN":
                right = tok.right_edge
                if any(t.is_punct for t in subject.doc[tok.i:right.i + 1]):
                    right = tok
        head_pos = offset + subject.idx
        if right is not subject and right.pos_ == "PROPN" and subject.pos_ != "PROPN":
            head_pos = offset + right.idx  # "President Bashar al-Assad": the name is the head for linking
        start = offset + left.idx
        end = offset + right.idx + len(right.text)
        start = _after_heading_line(self.index.doc.text, start, head_pos)
        while start < end and self.inside_quote(start, start + 1):
            start += 1
        found = self.index.best_entity(start, end, head_pos)
        if found is None and self.roles is not None and self._is_role(subject):
            # "Syrian President Bashar al-Assad" parsed with the title as head: the person right after it
            people = [m for m in self.index.entities_in(start, end + 40)
                      if m[2].type == "person" and start <= m[0] <= end + 1]
            # "A spokesman for the centre, Colonel Igor Samsonov, said": the person in apposition
            appos = next((c for c in subject.rights if c.dep_ == "appos"), None)
            if not people and appos is not None:
                people = [m for m in self.index.entities_in(offset + appos.left_edge.idx,
                                                             offset + appos.right_edge.idx + len(appos.right_edge))
                          if m[2].type == "person"]
            found = people[0] if people else None
        if found is None and self.roles is not None and self._is_role(subject):
            # "Ambassador to the UN Vitaly Churkin": the name ends the title's phrase
            edge = subject.right_edge
            # (right after the body's name: not "a spokesman for Bernie Sanders", "an aide to President Bush")
            mentions = self.index.entities_in(start, offset + edge.idx + len(edge.text))
            people = [m for m in mentions if m[2].type == "person" and m[1] == offset + edge.idx + len(edge.text)
                      and m[0] > start and any(b[2].type in GROUP_TYPES and 0 <= m[0] - b[1] <= 1 for b in mentions)]
            found = people[0] if people and not self.inside_quote(people[0][0], people[0][1]) else None
        if found is not None and self._for_another(subject, offset, found):
            # "Cameron's spokesman said", "One Clinton spokesman has called": the one who speaks for
            # the person named is not that person: the person in apposition ("Cameron's spokesman, Tom
            # Hale, said"), else the words as written
            appos = next((c for c in subject.rights if c.dep_ == "appos"), None)
            people = [m for m in self.index.entities_in(offset + appos.left_edge.idx,
                                                         offset + appos.right_edge.idx + len(appos.right_edge))
                      if m[2].type == "person"] if appos is not None else []
            if people:
                return Speaker(people[0][2].id, people[0][2].name, people[0][0], people[0][1])
            name = " ".join(self.index.doc.text[start:end].split())
            return Speaker(None, name, start, end)
        if found is not None and found[2].type == "place" and subject.ent_type_ == "PERSON" \
                and found[0] <= head_pos < found[1]:
            found = None  # a singer the entities stage took for a place ("U2's Bono"): the name as written
        if found is None and left.i == right.i and subject.text[:1].isupper():
            # a surname the entities stage did not mark here (the parser took "Early" for an adverb)
            ent = self._surname(subject)
            if ent is not None:
                return Speaker(ent.id, ent.name, start, end)
        if found is None or found[2].type in PLACE_TYPES:
            # "the rival at the lectern, former Governor Ann Vale, won ...",
            # "DAYTON, May 4 (AP) — Former Senator Paul Ostrander told": the person beside
            found = self._person_beside(subject, offset) or found
        text = self.index.doc.text
        if found is not None:
            ms, me, ent = found
            return Speaker(ent.id, ent.name, ms, me)
        head = subject.lemma_.lower()
        end = _closed_quote(text, start, end)
        name = " ".join(text[start:end].split())
        if subject.lower_ in _PLAIN_PERSON and _definite(subject) and subject.i == left.i + 1:
            # "In my interview with Loren Brichter, the man behind atebits said ...": "the man" (or "the woman") is
            # the person of that sex named last, in this sentence or the one before (realworld38)
            sent_start = subject.sent.start
            prev = subject.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
            bearer = self.index.previous_mention(start, PERSON_TYPES, skip=self.inside_quote,
                                                 gender=_PLAIN_PERSON[subject.lower_], gender_of=self._gender,
                                                 window=start - (offset + subject.doc[prev].idx))
            if bearer is not None:
                return Speaker(bearer[2].id, bearer[2].name, start, end)
        if self.roles is not None and self._is_role(subject) and _definite(subject):
            # "the spokesman added": the last person named before who bears that title
            term = subject.lower_
            body = _of_body(subject)
            # the nearest earlier person who bears it, however many people were named since ("the
            # treasurer" two paragraphs after "the council's treasurer, Mr. Brian Hale"); "the chairman
            # of the Republican party in Pike County" is only one whose KB role names that body
            bearer = self.index.previous_mention(start, PERSON_TYPES, skip=self.inside_quote,
                                                 gender=self._role_gender(subject), gender_of=self._gender,
                                                 accept=lambda e: self._bears(e, term) and (
                                                     body is None or self._role_names(e, body)))
            if bearer is not None:
                return Speaker(bearer[2].id, bearer[2].name, start, end)
        if head in self.cues.documents:
            # "the ministry's statement", "a statement issued by the army command": its author
            author = next((c for c in subject.children if c.dep_ in ("poss", "compound")), None)
            agent = next((c for c in subject.head.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            for tok in (author, pobj):
                if tok is not None:
                    hit = self.index.best_entity(offset + tok.left_edge.idx, offset + tok.idx + len(tok.text),
                                                 offset + tok.idx)
                    if hit is not None:
                        return Speaker(hit[2].id, hit[2].name, start, end)
        if start >= end or not name:
            return None
        return Speaker(None, name, start, end)

    def _for_another(self, subject, offset: int, found) -> bool:
        """Whether the subject is a common noun speaking for someone (`proxy_nouns`: "spokesman",
        "aide") whose possessor or modifier is the entity found."""
        if subject.pos_ == "PROPN" or subject.lower_ not in self.cues.proxies:
            return False
        mods = [c for c in subject.children if c.dep_ in ("poss", "compound", "nmod")]
        return any(offset + m.left_edge.idx <= found[0] < offset + m.idx + len(m.text) for m in mods)

    def _is_place(self, entity_id: str | None) -> bool:
        """Whether the entity is a place (never a speaker: "Englewood, who said")."""
        if entity_id is None:
            return False
        ent = next((e for e in self.index.doc.entities if e.id == entity_id), None)
        return ent is not None and ent.type == "place"  # ("Russia, which said": a state speaks)

    def _surname(self, tok):
        """The one person entity of the document whose name ends with this capitalised word, else None."""
        if self._surnames is None:  # last name -> its person, or None when two people share it
            self._surnames = {}
            for e in self.index.doc.entities:
                if e.type == "person" and e.name.split():
                    last = e.name.split()[-1]
                    self._surnames[last] = None if last in self._surnames else e
        return self._surnames.get(tok.text)

    def _surname_hit(self, tok, offset: int):
        """(start, end, person) of a word that is the surname of the text's one person of that name (`_surname`),
        else None."""
        ent = self._surname(tok)
        return None if ent is None else (offset + tok.idx, offset + tok.idx + len(tok.text), ent)

    def _person_beside(self, subject, offset: int):
        """A person named in apposition to, or joined with, a subject that names nobody (or a place)."""
        # the parser often hangs the apposition on the last noun of the subject ("a spokeswoman for the
        # forum, Greta Lind, told"): an appositive name later in the subject's phrase counts too
        later = [t for t in subject.subtree if t.i > subject.i and t.dep_ == "appos" and t.pos_ == "PROPN"]
        for c in [c for c in subject.children if c.dep_ in ("appos", "conj") and c.pos_ == "PROPN"] + later:
            hit = self.index.best_entity(offset + c.left_edge.idx, offset + c.idx + len(c.text), offset + c.idx)
            if hit is not None and hit[2].type == "person":
                return hit
        return self._name_closing_role(subject, offset)

    def _name_closing_role(self, subject, offset: int):
        """A role noun whose phrase ends on a person's name written right after the body the role serves ("A
        spokesman for the city council Anna Holm said", "advisor to the Minister of Internal Affairs Tom Berg wrote":
        the name stands for the role, realworld52); not a name after a preposition ("the spokesman for Anna Holm")."""
        if subject.pos_ != "NOUN" or not self._is_role(subject):
            return None
        last = subject.right_edge
        if last.pos_ != "PROPN" or last.i <= subject.i + 2:
            return None
        hit = self.index.best_entity(offset + last.idx, offset + last.idx + len(last.text), offset + last.idx)
        if hit is None or hit[2].type != "person" or hit[1] != offset + last.idx + len(last.text):
            return None
        first = next((t for t in subject.subtree if offset + t.idx >= hit[0]), None)
        if first is None or first.i <= subject.i + 1:
            return None
        k = first.i - 1
        while k > subject.i and subject.doc[k].pos_ == "PROPN" and self.roles.roles_in(subject.doc[k].text):
            k -= 1  # "A lawyer for Mr. Dorn", "for Senator Dorn": the title is the name's (roles.yaml), the preposition
            # before it
        before = subject.doc[k]
        return hit if before.pos_ in ("NOUN", "PROPN") and before.i > subject.i else None

    def _role_names(self, ent, word: str) -> bool:
        """Whether a person's KB role, affiliation or a body their role names has the word ("republican", "senate")."""
        return bool(ent.kb_id) and norm(word) in self.kb.role_words(ent.kb_id)

    def _bears(self, ent, term: str) -> bool:
        """Whether a person is known to bear a title: by the KB, or written next to one of its mentions."""
        key = (ent.id, term)
        if key not in self._bearers:
            self._bearers[key] = self._bears_uncached(ent, term)
        return self._bearers[key]

    def _bears_uncached(self, ent, term: str) -> bool:
        actor = self.kb.get(ent.kb_id) if ent.kb_id else None
        if actor is not None and actor.role and term in actor.role.lower():
            return True
        text = self.index.doc.text
        # "spokesman General Igor Konashenkov", "her adviser, Lars Eriksen", "Konashenkov, the ministry's
        # spokesman", "the chief executive of the transport company, Olivia Grant" (not "Putin's adviser")
        # (the name's capitals matched as written: "the spokesman said the minister ..." names no bearer)
        before = re.compile(rf"\b{re.escape(term)}(?:,?|\s+of\s+[^.,;:]{{1,50}},)\s+(?:(?-i:[A-Z])[\w.-]*\s+){{0,3}}$",
                            re.I)
        after = re.compile(rf"^\s*,\s*(?:the\s+|a\s+)?(?:[\w’'-]+\s+){{0,4}}{re.escape(term)}\b", re.I)
        return any(before.search(text[max(0, m.start - 60):m.start]) or after.match(text[m.end:m.end + 60])
                   for m in ent.mentions)

    def _role_subject(self, tok) -> str | None:
        """For a possessive "his"/"her" with no person named before it, the words of its clause's subject when that
        is a role ("The Iranian president has renewed his call for ...": "The Iranian president", realworld52),
        not a pronoun left unresolved; genders must not clash."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subj is None or subj.pos_ != "NOUN" or not self._is_role(subj):
            return None
        g = self._role_gender(subj)
        if g and g != PRONOUN_GENDER.get(POSSESSIVE.get(tok.lower_, tok.lower_)):
            return None
        return subj.doc[subj.left_edge.i:subj.i + 1].text

    def _is_role(self, tok) -> bool:
        roles = self.roles.roles_in(tok.text)
        return any(r.nominal for r in roles)

    def _role_gender(self, tok) -> str | None:
        roles = self.roles.roles_in(tok.text)
        return next((r.gender for r in roles if r.gender), None)

    def _gender(self, ent) -> str | None:
        """A person's gender: the KB's, else what the titles written beside its mentions say ("Ms.
        Holm", "Mr. Vance", "Berg, the union's spokeswoman"), else what the given name of its full
        name says (data/entities/given_names.yaml); None when unknown or when they disagree. One function
        reads it for the quotes and the events stages (extract/entities/gender.py, stop 50)."""
        if ent.id not in self._genders:
            titles = self._titles_beside(ent) if self.roles is not None else None
            self._genders[ent.id] = entity_gender(ent, kb=self.kb, titles=titles, roles=self.roles)
        return self._genders[ent.id]

    def _titles_beside(self, ent) -> list[str]:
        """The words where a person's gender may be written, for each mention: the title word right before it, an
        apposition right after it, and the mention itself."""
        text, out = self.index.doc.text, []
        for m in ent.mentions:
            title = _TITLE_BEFORE.search(text, max(0, m.start - 40), m.start)
            after = _APPOS_AFTER.match(text, m.end, min(len(text), m.end + 60))
            out += [title.group(1) if title else "", after.group(1) if after else "", text[m.start:m.end]]
        return out

    def _chained_speaker(self, before: int, after: int, gender: str) -> Speaker | None:
        """The last person speaker written between `after` and `before` (a role nominal or pronoun resolved
        to a person) whose gender does not contradict `gender`, else None."""
        for _, sp, typ in reversed(self.history):
            if sp.start is None or sp.start >= before:
                continue
            if sp.start < after:
                return None
            ent = self.index.by_id.get(sp.entity) if sp.entity else None
            if ent is None or typ != "person":
                continue
            g = self._gender(ent)
            if g and g != gender:
                continue
            return sp
        return None

    def _agent_before(self, prev, before: int) -> Speaker | None:
        """The last speaker before `before` when it is the one who speaks *for* the person `prev` names ("A lawyer for
        Mr. Dorn said .... He added ...": the lawyer, not Dorn; realworld49): an unresolved or person speaker written
        right before that mention with "for", "of" or "to" (and a title) between."""
        text = self.index.doc.text
        for _, sp, typ in reversed(self.history):
            if sp.start is None or sp.end is None or sp.start >= before:
                continue
            if sp.end > prev[0] or (sp.entity and typ != "person"):
                return None
            link = _AGENT_LINK.fullmatch(text, sp.end, prev[0])
            title = link.group(1) if link else None
            return sp if link and (title is None or self.roles is not None and self.roles.roles_in(title)) else None
        return None

    def _last_speaker(self, before: int, persons: bool) -> Speaker | None:
        for pos, sp, typ in reversed(self.history):
            if pos < before and before - pos < 3000 and (typ == "person") == persons:
                return sp
        return None

    def _subject_before(self, tok, offset: int):
        """(the subject a pronoun may stand for, the offset of its segment): earlier in the pronoun's own
        sentence, else of the sentence before (in its paragraph or the one before); None when there is none."""
        if tok.dep_ not in SUBJECT_DEPS:
            return None
        sent = tok.sent
        # "House Republicans stalled the measure since they said ...": a subject earlier in its own sentence
        # (not one inside what the pronoun's own verb reports: "[the ferry costs should be shared], they said")
        reported = {t.i for c in tok.head.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i
                    for t in c.subtree}
        if tok.head.dep_ == "parataxis" and tok.head.head.i != tok.head.i:
            # "With the dock workers taking a bigger role, they said, the mayor ...": the inset's host clause is
            # what was said, its nouns no antecedent of the speaker (realworld49)
            reported |= {t.i for t in tok.head.head.subtree} - {t.i for t in tok.head.subtree}
        subj = next((t for t in reversed(tok.doc[sent.start:tok.i]) if t.dep_ in ("nsubj", "nsubjpass")
                     and t.i not in reported), None)
        prev_off = offset
        if subj is None and sent.start > 0:
            subj = next((c for c in tok.doc[sent.start - 1].sent.root.children if c.dep_ in ("nsubj", "nsubjpass")),
                        None)
        elif subj is None:
            last = self._sentence_before_paragraph(offset)
            if last is None:
                return None
            before, prev_off = last
            subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return (subj, prev_off) if subj is not None else None

    def _sentence_before_paragraph(self, offset: int):
        """The last parsed sentence of the paragraph that ends right before `offset`, and that paragraph's offset;
        None when there is none."""
        seg = self._segment_before(offset)
        if seg is None or seg.start >= offset or not len(seg.sdoc):
            return None
        return seg.sdoc[-1].sent, seg.start

    def _segment_before(self, offset: int):
        """The segment (paragraph) that ends right before `offset`, across the blank line between them."""
        text = self.index.doc.text
        p = offset - 1
        while p >= 0 and text[p].isspace():
            p -= 1
        return self.index.segment_at(p) if p >= 0 else None

    def _previous_subject(self, tok, offset: int, plural: bool) -> Speaker | None:
        """The speaker named by the subject of the sentence before the pronoun's (in its paragraph or
        the one before): for "they" a plural noun or a group, for "it" a body ("ministry", a document,
        an organisation found by the entities stage); never a person, a pronoun or a quoted word."""
        found = self._subject_before(tok, offset)
        if found is None:
            return None
        subj, prev_off = found
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ in NOT_SPEAKERS \
                or self.inside_quote(prev_off + subj.idx, prev_off + subj.idx + len(subj.text)):
            return None
        hit = self.index.best_entity(prev_off + subj.left_edge.idx, prev_off + subj.idx + len(subj.text),
                                     prev_off + subj.idx)
        # (the parser may split "May, Macron and Merkel" into two subjects of one verb)
        siblings = [c for c in subj.head.children if c.dep_ == "nsubj" and c.i > subj.i and c.pos_ == "PROPN"] \
            if subj.head.i != subj.i else []
        people = [p for t in [subj] + siblings for p in _conjoined(t)]
        if plural and hit is not None and hit[2].type in PERSON_TYPES and len(people) > 1:
            # "Holm and Vance argued …. A second depot could be built, they said": the people named together
            doc_text = self.index.doc.text
            names = []
            for p in people:
                found = self.index.best_entity(prev_off + p.left_edge.idx, prev_off + p.idx + len(p.text),
                                               prev_off + p.idx)
                names.append(found[2].name if found is not None and found[2].type in PERSON_TYPES else
                             " ".join(doc_text[prev_off + p.left_edge.idx:prev_off + p.idx + len(p.text)].split()))
            last = people[-1]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            return Speaker(None, joined, prev_off + subj.left_edge.idx, prev_off + last.idx + len(last.text))
        if plural and subj.dep_ == "nsubjpass" and self.mute(subj, prev_off):
            # "The accusations were rejected by officials who said …. They said …": not the accusations
            return None
        if hit is not None and hit[2].type in PERSON_TYPES | PLACE_TYPES - {"state"}:
            return None
        is_plural = subj.tag_ in ("NNS", "NNPS")
        group = hit is not None and hit[2].type in GROUP_TYPES
        lemma = subj.lemma_.lower()
        if plural:
            ok = is_plural or (group and hit[2].type != "state")
        else:
            ok = not is_plural and (group or lemma in self.cues.institutions or lemma in self.cues.documents)
        if not ok:
            return None
        return self.resolve(subj, prev_off, prev_off + subj.idx)

    def _clause_subject(self, tok, offset: int, gender: str, nearest):
        """For a possessive "his"/"her", the person subject of its own clause when the nearest person
        before it is named inside that subject ("Anna Berg, a Holm ally, stirred controversy over her
        remark …": Berg's, not Holm's; but "Dahl criticised Lindgren over his call …" stays Lindgren's)
        and their genders do not clash; else None."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        hit = self._subject_person(subj, offset)
        if hit is None:
            return None
        edge = subj.right_edge
        if nearest is not None and not offset + subj.left_edge.idx <= nearest[0] < offset + edge.idx + len(edge.text):
            return None
        g = self._gender(hit[2])
        return hit if not g or g == gender else None

    def _subject_person(self, subj, offset: int):
        """The person a subject names, outside quotations: a name, or a noun with a name in apposition
        ("The former minister Anna Berg", "A spokeswoman for the forum, Greta Lind, told ...")."""
        # (a surname of the text's one person of that name, whatever the parser's tag: "Tull" as an adjective)
        surname = self._surname_hit(subj, offset) if subj is not None and subj.text[:1].isupper() else None
        if subj is None or subj.pos_ not in ("PROPN", "NOUN") and not surname:
            return None
        if subj.pos_ == "PROPN" or surname and subj.pos_ != "NOUN":
            hit = self.index.best_entity(offset + subj.left_edge.idx, offset + subj.idx + len(subj.text),
                                         offset + subj.idx)
            if hit is None and surname:
                # a bare surname the entities stage left out of the person's mentions ("Tull, later alleging ...,
                # said"): the one person of the text of that name (realworld50)
                hit = surname
        else:
            hit = self._person_beside(subj, offset)
        if hit is None or hit[2].type != "person" or self.inside_quote(hit[0], hit[1]):
            return None
        return hit

    def _speaker_before(self, tok, offset: int, gender: str, nearest):
        """For "he"/"she" as the subject of a speech verb, the person who was the speaking subject of the
        sentence before ("Anna Berg told reporters the firm never paid Dahl or Lind. She said ..."): the
        speaker goes on, though a person is named after her in that sentence; genders must not clash."""
        if nearest is None or tok.dep_ not in SUBJECT_DEPS or tok.head.lemma_ not in self.cues.speech:
            return None
        sent = tok.sent
        if sent.start > 0:
            before, prev_off = tok.doc[sent.start - 1].sent, offset
        else:
            last = self._sentence_before_paragraph(offset)
            if last is None:
                return None
            before, prev_off = last
        for _ in range(4):
            # "“Was that a mistake?” he asked": the parser made the quotation a sentence (or sentences) of its
            # own; the sentence before it (in its paragraph or the one before) is the one whose subject may go on
            # speaking (realworld50)
            if not (len(before) > 2 and before[0].is_quote and before[-1].is_quote
                    or self.inside_quote(prev_off + before[0].idx, prev_off + before[-1].idx + len(before[-1].text))):
                break
            if before.start > 0:
                before = before.doc[before.start - 1].sent
            else:
                last = self._sentence_before_paragraph(prev_off)
                if last is None:
                    return None
                before, prev_off = last
        if before.root.pos_ not in ("VERB", "AUX"):
            return None
        if before.root.lemma_ in self.cues.asking_verbs and not self._asks_a_thing(before.root, prev_off):
            return None  # "Berg asked Holm about …. He said": Holm answers; but "Vok questioned Tull's logic.
            # “…,” he said": a thing was questioned, Vok goes on (realworld50)
        subj = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
        hit = self._subject_person(subj, prev_off)
        if hit is None:
            # "Like his remarks about Holm, Mr. Berg said, Dorn's jabs at the Lunds were wrong. “…,” he said": the
            # speaker of the inset cue goes on, not a person named after him (realworld51: Graham's "he said" went
            # to "Mr. and Mrs. Khan")
            inset = next((c for c in before.root.children if c.dep_ == "parataxis" and c.lemma_ in self.cues.speech
                          and c.i < before.root.i), None)
            inset_subj = next((c for c in inset.children if c.dep_ == "nsubj"), None) if inset is not None else None
            found = self._subject_person(inset_subj, prev_off)
            if found is not None:
                subj, hit = inset_subj, found
        if subj is None and hit is None and before.root.lemma_ in self.cues.speech:
            # "Tull, later alleging ..., said he would ...": a speaker the parser hung elsewhere (realworld50)
            named = self._person_left(before.root, prev_off, lambda t: not self.inside_quote(
                prev_off + t.idx, prev_off + t.idx + len(t.text)))
            found = None if named is None else self.index.best_entity(
                prev_off + named.idx, prev_off + named.idx + len(named.text), prev_off + named.idx)
            if found is None and named is not None:
                found = self._surname_hit(named, prev_off)
            hit = found if found is not None and found[2].type == "person" else None
        if hit is None or hit[2] is nearest[2]:
            return None
        if not hit[1] <= nearest[0] < prev_off + before.end_char:
            return None  # the nearer person must be named later in that same sentence
        named = next((t for t in before if prev_off + t.idx <= nearest[0] < prev_off + t.idx + len(t.text)), None)
        while named is not None and named.dep_ in ("compound", "flat") and named.head.i != named.i:
            named = named.head
        if named is not None and named.dep_ in SUBJECT_DEPS and named.head.lemma_ in self.cues.speech:
            return None  # "Trump, Sexton said, has created …. “…,” he said": the nearer one spoke last
        g = self._gender(hit[2])
        return hit if not g or g == gender else None

    def _token_covering(self, pos: int):
        """The parsed segment and token whose span holds document offset `pos`, else (None, None)."""
        seg = self.index.segment_at(pos)
        if seg is None:
            return None, None
        n = bisect.bisect_right(seg.token_starts, pos - seg.start) - 1
        return (seg, seg.sdoc[n]) if n >= 0 else (None, None)

    def _named_in_role_clause(self, mention) -> Speaker | None:
        """For a person mention inside a relative clause of a sentence's subject whose head is a role noun ("A mayor
        who ordered the arrest of Tom Berg ... will hand ...". "... he said"), the speaker that subject names: the
        holder of the role goes on, not the person the clause is about (realworld49's leftover, realworld50)."""
        seg, tok = self._token_covering(mention[0])
        if tok is None:
            return None
        for a in tok.ancestors:
            if a.dep_ == "relcl":
                head = a.head
                if head.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "NOUN" and self.roles is not None \
                        and self._is_role(head) and not self.inside_quote(seg.start + head.idx,
                                                                          seg.start + head.idx + len(head.text)):
                    return self.resolve(head, seg.start, seg.start + head.idx)
                # ("who authorized the raid that killed X": a clause inside a clause of the subject)
        return None

    def _asks_a_thing(self, verb, offset: int) -> bool:
        """Whether an asking verb's object is a common noun that names no person ("questioned the mayor's logic"),
        so that nobody was asked and nobody answers."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is None or obj.pos_ != "NOUN" or self.roles is not None and self._is_role(obj):
            return False  # "questioned the mayor": a person was asked
        return self._person_beside(obj, offset) is None

    def _object_persons(self, tok, offset: int) -> set[str]:
        """Ids of the persons named as the object of the verb `tok` is the subject of ("he asked Timothy")."""
        found = set()
        for c in tok.head.children:
            if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ == "PROPN":
                hit = self.index.best_entity(offset + c.left_edge.idx, offset + c.idx + len(c.text), offset + c.idx)
                if hit is not None and hit[2].type == "person":
                    found.add(hit[2].id)
        return found

    def _no_antecedent(self, start: int, end: int) -> bool:
        """A person mention a "he"/"she" does not stand for: one inside a quotation, or a name the KB does
        not know written after an article ("a replica Purple Heart", "the Purple Heart": people's names
        take none, so the recognizer's person is a thing)."""
        if self.inside_quote(start, end):
            return True
        if self._modifies_a_thing(end):
            return True
        if not self.cues.article_before.search(self.index.doc.text, max(0, start - 30), start):
            return False
        hit = self.index.best_entity(start, end)
        return hit is not None and hit[2].kb_id is None

    def _modifies_a_thing(self, end: int) -> bool:
        """Whether the name ending at `end` is a noun modifier of a common noun after it ("the Tull meeting", "at the
        City Hall Amos R. Dahl press room"): the text names a thing there, not the person, so a later "he" does not
        stand for it (realworld51: "he tweeted" went to Trump of "the Trump meeting", "he called on" to the
        briefing room's namesake)."""
        _, tok = self._token_covering(end - 1)
        if tok is None or tok.dep_ != "compound" or tok.head.i <= tok.i or tok.head.pos_ != "NOUN":
            return False
        return all(t.dep_ == "compound" for t in tok.doc[tok.i + 1:tok.head.i])

    def _asked_about(self, mention, gender: str) -> bool:
        """Whether a person mention stands in a question of the narration ("Will he vote for [X]?",
        "Does Ken Marsh trust [X]?") that has a person or a pronoun of `gender` as its subject, the mention
        not being that subject."""
        _, tok = self._token_covering(mention[0])
        if tok is None:
            return False
        sent = tok.sent
        if not sent.text.rstrip().endswith("?") or self.inside_quote(mention[0], mention[1]):
            return False
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.left_edge.i <= tok.i <= subj.right_edge.i:
            return False
        if subj.pos_ == "PRON":
            return PRONOUN_GENDER.get(subj.lower_) == gender
        return subj.pos_ == "PROPN"

    def _pronoun(self, tok, offset: int, before: int) -> Speaker | None:
        lower = POSSESSIVE.get(tok.lower_, tok.lower_)
        start = offset + tok.idx
        end = start + len(tok.text)
        if lower in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[lower]
            prev = self.index.previous_mention(start, PERSON_TYPES, skip=self._no_antecedent, gender=gender,
                                               gender_of=self._gender)
            if prev is not None and offset + tok.sent.start_char <= prev[0] and _closing_cue_subject(tok, self.cues):
                # "A plan that follows in the footsteps of former president Tom Berg is not serious, he added": a
                # person named in the words a closing "he said" reports is who they are about, not who said them;
                # the one named before that sentence (realworld52)
                prev = self.index.previous_mention(offset + tok.sent.start_char, PERSON_TYPES, skip=self._no_antecedent,
                                                   gender=gender, gender_of=self._gender)
            if prev is not None and tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "relcl":
                # "Ross Pike, whom she called a “con artist”": the subject of a relative clause is not
                # the person the clause is about; the one named before
                ante = tok.head.head  # (the clause's own noun: not "Comey's news conference, in which he")
                if prev[0] <= offset + ante.idx < prev[1]:
                    prev = self.index.previous_mention(prev[0], PERSON_TYPES, skip=self.inside_quote,
                                                       gender=gender, gender_of=self._gender)
            if prev is not None and tok.dep_ in SUBJECT_DEPS and self._asked_about(prev, gender):
                # "Will he vote for Mitt Romney? “Probably,” he says": a person the question is about
                # (not its subject) is not who answers it
                prev = self.index.previous_mention(prev[0], PERSON_TYPES, skip=self.inside_quote, gender=gender,
                                                   gender_of=self._gender)
            if prev is not None and tok.dep_ in SUBJECT_DEPS:
                objects = self._object_persons(tok, offset)
                if prev[2].id in objects:
                    # "Now he is asking Timothy to ...": the subject of a verb is not the person named as
                    # its object (stop-34 audit, a sermon); the nearest other person of that gender
                    prev = self.index.previous_mention(start, PERSON_TYPES, skip=self._no_antecedent,
                                                       gender=gender, gender_of=self._gender,
                                                       accept=lambda e: e.id not in objects)
            if prev is not None and tok.dep_ in SUBJECT_DEPS:
                held = self._named_in_role_clause(prev)
                if held is not None:
                    return Speaker(held.entity, held.name, start, end)
            bound = self._clause_subject(tok, offset, gender, prev) if tok.dep_ == "poss" else None
            if bound is None:
                bound = self._speaker_before(tok, offset, gender, prev)
            if bound is not None:
                return Speaker(bound[2].id, bound[2].name, start, end)
            # a speaker written after that mention as a title or pronoun ("the treasurer told ... He
            # said") is a nearer link of the chain than any name
            chained = self._chained_speaker(start, prev[1] if prev is not None else -1, gender)
            if chained is not None:
                return Speaker(chained.entity, chained.name, start, end)
            agent = self._agent_before(prev, start) if prev is not None and tok.dep_ in SUBJECT_DEPS else None
            if agent is not None:
                return Speaker(agent.entity, agent.name, start, end)
            if prev is not None:
                return Speaker(prev[2].id, prev[2].name, start, end)
            if tok.dep_ == "poss":
                role = self._role_subject(tok)
                if role is not None:
                    return Speaker(None, role, start, end)
            return Speaker(None, tok.text, start, end)
        if lower in ("it", "they"):
            # "The foreign ministry has not published the dates. It said ...": the subject of the sentence
            # before, when it can be what the pronoun stands for
            found = self._previous_subject(tok, offset, plural=lower == "they")
            if found is not None:
                return Speaker(found.entity, found.name, start, end)
        if lower == "it":
            sp = self._last_speaker(before, persons=False)
            if sp is not None:
                return Speaker(sp.entity, sp.name, start, end)
            prev = self.index.previous_mention(start, GROUP_TYPES - {"state"}, skip=self.inside_quote)
            if prev is not None:
                return Speaker(prev[2].id, prev[2].name, start, end)
            return Speaker(None, tok.text, start, end)
        # ("they" with no subject before it to stand for is left unresolved: the nearest group named within
        # a few sentences was another one more often than not, "America's allies … They said" not the
        # United States)
        # "we", "I", "they" with nothing in reach: the text gives no resolvable speaker
        return Speaker(None, tok.text, start, end)


def _after_heading_line(text: str, start: int, head: int) -> int:
    """Where a subject's words begin when the parse ran them over a line of their own above the head: a heading
    the subject swallowed whole ("War Criminals" over "Iraqi media said ...", realworldb) is no part of the
    speaker's name; a name broken inside a line ("the Foreign\nMinister said") keeps its start."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start
    cut = text.rfind("\n", start, head)
    if cut < 0:
        return start
    cut += 1
    while cut < head and text[cut].isspace():
        cut += 1
    return cut
