"""Reported clauses: the range of what a speech verb reports, across the parser's misparses, glosses cut."""
from __future__ import annotations

import re

from .cues import QuoteCues
from .speakers import SUBJECT_DEPS
from ...text.dateline import DATELINE
from .syntax import FINITE_TAGS, CLAUSE_SUBJECTS

_COMPLEMENTIZERS = {"that", ",", ":", "whether", "if"}


_QUESTION_WORDS = {"if", "whether", "how", "why", "what", "when", "where", "who", "which"}


def asks_question(verb) -> bool:
    """ "asked whether/if/how ...": a reported question (not "asked about X", "asked him to ...")."""
    if verb.lemma_.lower() != "ask":
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and c.left_edge.lower_ in _QUESTION_WORDS for c in verb.children) \
        or _question_clause(verb) is not None


def _question_clause(verb):
    """The "if"/"whether" clause the parser made adverbial right after "asked" or its hearer or agent
    ("asked the pupils if they were …", "Asked by Berg whether he …"), or None."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "advcl" or c.i < verb.i or c.left_edge.lower_ not in ("if", "whether"):
            continue
        before = doc[c.left_edge.i - 1]
        if before.i == verb.i or any(t.dep_ in ("dobj", "dative", "agent") and t.head.i == verb.i
                                     and t.right_edge.i == before.i for t in doc[verb.i + 1:before.i + 1]):
            return c
    return None


def _reported_clause(comp, verb, cues: QuoteCues) -> bool:
    """Whether a ccomp of a speech verb can be what was said: not an adverbial clause ("said before he
    died"), not a finite clause without subject (a misparse: "Everything Trump says is a lie"), and
    before the verb only as "CLAUSE, X said" (not "CLAUSE: X declared war", not when the verb has an
    object or complement of its own: "..., she added the words")."""
    if any(m.dep_ == "mark" and m.lower_ in cues.adverbial_marks for m in comp.children) \
            and not (asks_question(verb) and comp.left_edge.lower_ == "if"):  # "asked if ...": a question
        return False
    if comp.tag_ in FINITE_TAGS and not any(c.dep_ in CLAUSE_SUBJECTS for c in comp.children) \
            and _relative_word(verb) is None:
        return False
    if comp.i < verb.i:
        if any(t.text == ":" for t in verb.doc[comp.right_edge.i + 1:verb.i]):
            return False
        if any(c.dep_ == "xcomp" or c.dep_ == "dobj" and not _hearer(c, cues) for c in verb.children):
            return False  # (an object of "tell" that is the hearer stays: "…, an official told The Times")
    return True


def clause_content(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """Character range (in the segment) of the clause a speech verb reports, or None."""
    if verb.lemma_.lower() not in cues.object_infinitive and _in_headline(verb):
        # "Adler Says Parking Fines Will Fall": the parser reads a title-case clause as names; all the
        # words after the verb are what was said (not after "Warns", "Urges": their object is the hearer)
        return trimmed_range(verb.doc, verb.i + 1, verb.right_edge.i, cues, quoted)
    # (a finite clause right after the verb the parser made its xcomp: "which she said covered …")
    comps = [c for c in verb.children if (c.dep_ == "ccomp" or c.dep_ == "xcomp" and c.tag_ in ("VBD", "VBZ", "VBP")
                                          and c.i > verb.i) and _reported_clause(c, verb, cues)]
    if not comps and (question := _question_clause(verb)) is not None:
        comps = [question]  # "asked the pupils if they were …": the question, parsed as adverbial
    # a clause after the verb first; one before it only as "..., X said" (not "after X bombed Y, Z said")
    comp = next((c for c in comps if c.i > verb.i), None) or next(iter(comps), None)
    if comp is None and verb.lemma_.lower() in cues.object_infinitive:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if obj is not None and xcomp is not None:
            return trimmed_range(verb.doc, obj.left_edge.i, xcomp.right_edge.i, cues, quoted)
    if comp is None:
        doc = verb.doc
        that = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if that is not None and that.lower_ == "that" and that.dep_ in ("prep", "dep") and that.head.i == verb.i \
                and verb.right_edge.i > that.i + 2:
            # "noting that at one point last spring the ferry had lost …": the parser took "that" for
            # a preposition; the rest of the verb's words are the clause
            return trimmed_range(doc, that.i + 1, verb.right_edge.i, cues, quoted)
        comp = _misattached_clause(verb, cues)
        if comp is not None:
            return trimmed_range(verb.doc, comp[0], comp[1], cues, quoted)
        gerund = _gerund_subject_clause(verb)
        if gerund is not None:
            return trimmed_range(verb.doc, gerund[0], gerund[1], cues, quoted)
        joined = _inverted_conjunct(verb)
        if joined is not None:
            return trimmed_range(verb.doc, joined[0], joined[1], cues, quoted)
        inset = _parenthetical(verb)
        if inset is not None:
            return trimmed_range(verb.doc, inset[0], inset[1], cues, quoted)
        host = _host_clause(verb, cues)
        if host is not None:
            return trimmed_range(verb.doc, host[0], host[1], cues, quoted)
        split = _clause_as_object(verb, cues, quoted)
        if split is not None:
            return trimmed_range(verb.doc, split[0], split[1], cues, quoted)
        trailing = _trailing_cue(verb, cues, quoted)
        if trailing is not None:
            return trimmed_range(verb.doc, trailing[0], trailing[1], cues, quoted)
        return None
    comp = _inside_closing_report(comp, verb, cues)
    first, last = comp.left_edge.i, comp.right_edge.i
    rel = _relative_word(verb)
    if rel is not None and comp.i > verb.i and not any(c.dep_ in CLAUSE_SUBJECTS for c in comp.children):
        first = rel.i  # "which she has often said was a blunder": the relative word is the subject
    # "told me he’s had a quiet life": the parser may split one clause into adjacent complements
    for other in sorted((c for c in verb.children if c.dep_ == "ccomp" and c.i > comp.i), key=lambda c: c.i):
        if other.left_edge.i == last + 1:
            last = other.right_edge.i
    # "announced it will open ... (i.e. this Friday), and that it will cost ...": a second "that" clause the
    # parser joined to the verb, not to the first clause, is said too (realworld38)
    for other in sorted((c for c in verb.children if c.dep_ == "conj" and c.i > last and comp.i > verb.i
                         and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), key=lambda c: c.i):
        between = verb.doc[last + 1:other.left_edge.i]
        if all(t.is_punct or t.dep_ == "cc" and t.lower_ in ("and", "but") for t in between) \
                and any(t.dep_ == "cc" for t in between):
            last = other.right_edge.i
    last = _before_own_report(comp, last, cues)
    if first < verb.i < last:
        # "a levy, which officials said would fund two buses": the relative word is the clause's, and the
        # statement runs from it, over the cue, to the clause's end
        if verb.dep_ == "relcl" and verb.doc[first].lower_ in ("which", "that", "who", "what") \
                and all(t.i >= first for t in verb.subtree):
            return trimmed_range(verb.doc, first, last, cues, quoted)
        return None  # the parse put the verb inside its own complement
    if first > verb.i and _quoted_title(verb.doc, first, last, cues, quoted):
        return None
    return trimmed_range(verb.doc, first, last, cues, quoted)


def _inside_closing_report(comp, verb, cues: QuoteCues):
    """The clause a speech verb reports when the parser made a closing report of it the verb's complement: in
    "Holm said the new rules show a double standard, the ministry's website reported", "reported" (with its subject
    after a comma, nothing after it) is where the report comes from, its clause before it what Holm said
    (realworld52)."""
    if comp.i < verb.i or comp.pos_ != "VERB" or comp.lemma_.lower() not in cues.report_verbs | cues.clause_speech:
        return comp
    inner = next((c for c in comp.children if c.dep_ == "ccomp" and verb.i < c.i < comp.i), None)
    subj = next((c for c in comp.children if c.dep_ == "nsubj" and c.i < comp.i), None)
    if inner is None or subj is None or inner.right_edge.i >= subj.left_edge.i \
            or comp.doc[subj.left_edge.i - 1].text != "," \
            or any(not t.is_punct for t in comp.doc[comp.i + 1:comp.right_edge.i + 1]):
        return comp
    return inner


def _before_own_report(comp, last: int, cues: QuoteCues) -> int:
    """The reported clause's last token before a speech verb with no subject of its own that the parser joined to it
    ("told the paper her firm never worked with Dorn and said the firm hired ...": the second "said" is the
    speaker's, with its own clause, not part of what was told; realworld50)."""
    for c in comp.children:
        if c.dep_ == "conj" and comp.i < c.i <= last and c.pos_ == "VERB" and c.lemma_.lower() in cues.clause_speech \
                and not any(g.dep_ in CLAUSE_SUBJECTS for g in c.children) \
                and any(g.dep_ == "ccomp" for g in c.children):
            return min(last, c.left_edge.i - 1)
    return last


def _before_inset(doc, first: int, last: int, cues: QuoteCues, quoted) -> int:
    """The clause's last token before a dash or semicolon that opens a statement with its own inset cue:
    in "said that A – B, he said, C" the first cue reports A; B ... C is the inset's (token index)."""
    for t in doc[first + 1:last]:
        if t.text in _CLAUSE_BREAKS and not quoted(t) and any(
                v.pos_ == "VERB" and v.lemma_.lower() in cues.clause_speech and _parenthetical(v) is not None
                for v in doc[t.i + 1:t.sent.end]):
            return t.i - 1
    return last


def _relative_word(verb):
    """The relative word a relative-clause speech verb took as its own object before it, leaving its
    clause with no subject ("which she has often said was a blunder"), or None."""
    if verb.dep_ != "relcl":
        return None
    # (or a second subject before the verb's own: "which she said covered all her letters")
    return next((c for c in verb.children if c.i < verb.i and c.lower_ in ("which", "that") and c.left_edge.i == c.i
                 and (c.dep_ == "dobj" or c.dep_ == "nsubj" and c.tag_ == "WDT"
                      and any(o.dep_ == "nsubj" and c.i < o.i < verb.i for o in verb.children))), None)


def _in_headline(verb) -> bool:
    """A capitalised verb with a subject inside a title-case sentence (a headline): "Adler Says Parking ..."."""
    sent = verb.sent
    if verb.i == sent.start or not verb.text[:1].isupper() or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    if verb.i + 1 >= sent.end or verb.doc[verb.i + 1].pos_ in ("ADP", "PART"):
        return False  # "Rubio Responds To Question ...": what follows is no statement
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _clause_as_object(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """A reported clause the parser split into the verb's object and a complement without a subject
    (token range): "The mayor told the Gazette the new depot would open late"."""
    if any(c.dep_ in ("neg", "auxpass") or c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and not _hearer(c, cues)
               and c.pos_ in ("NOUN", "PROPN")]
    if not objects:
        return None
    obj = objects[-1]
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == obj.right_edge.i + 1
                 and c.tag_ in FINITE_TAGS and not any(g.dep_ in CLAUSE_SUBJECTS for g in c.children)), None)
    if comp is not None:
        return obj.left_edge.i, comp.right_edge.i
    return None


def _quoted_title(sdoc, first: int, last: int, cues: QuoteCues, quoted) -> bool:
    """ "she said on the podcast “Open Line.”": a clause that is only a short quotation
    right after a noun is a title the parser took for the verb's complement."""
    words = [t for t in sdoc[first:last + 1] if not t.is_punct]
    if not words or len(words) > cues.scare_max_words or not all(quoted(t) for t in words):
        return False
    k = first - 1
    while k > 0 and sdoc[k].is_punct:
        k -= 1
    return sdoc[k].pos_ in ("NOUN", "PROPN") or sdoc[k].tag_ == "POS"


def _host_clause(verb, cues: QuoteCues) -> tuple[int, int] | None:
    """ "As the Gazette noted, the ferry has not run ...", "The mayor told the radio, her plan would be ...": a cue the
    parser hangs on the clause it reports (an "as" clause, or a parataxis before it). The host clause
    without the cue's own words is the statement (token range), when the cue stands at its start or
    end and has a subject and no object but a hearer."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "nsubj" for c in verb.children):
        return None  # (active only: "as it is currently written" reports nobody)
    if any(c.dep_ == "auxpass" or c.dep_ == "prep" and c.lower_ in _NOT_HOST_PREPS for c in verb.children):
        return None  # "as voters responded to ...", "joked with his friend": not a report of the clause
    if verb.dep_ == "advcl":
        # "as the Gazette noted", not the "as" of time ("as he replied", "as he added")
        if not any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children) \
                or verb.lemma_.lower() in cues.temporal_as:
            return None
        if any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
            return None  # "As I mention in the video, I've removed ...": the writer's own aside (realworld37)
    elif not (verb.dep_ == "parataxis" and verb.i < head.i):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and not _hearer(c, cues) for c in verb.children):
        return None
    if any(c.dep_ in ("aux", "neg") and c.lower_ in ("to", "not", "n't", "n’t", "never") for c in verb.children):
        return None
    if not any(c.dep_ in CLAUSE_SUBJECTS for c in head.children):
        return None  # the host must be a clause of its own, not "as expected"
    first, last = verb.left_edge.i, verb.right_edge.i
    doc = verb.doc
    lead = head.left_edge.i
    while lead < first and doc[lead].is_punct:
        lead += 1  # "(As the Gazette first reported, …)": an opening bracket stands before the cue
    if first <= lead:
        return last + 1, head.right_edge.i
    if last >= head.right_edge.i or all(t.is_punct for t in doc[last + 1:head.right_edge.i + 1]):
        return head.left_edge.i, first - 1
    # set off by commas inside the clause: "The answer, the inspector told them, was in the plans"
    while first < verb.i and doc[first].is_punct:
        first += 1
    while last > verb.i and doc[last].is_punct:
        last -= 1
    if doc[first - 1].text == "," and doc[last + 1].text == ",":
        return head.left_edge.i, head.right_edge.i
    return None


_NOT_HOST_PREPS = {"to", "with", "about", "for", "of", "against"}


def _hearer(tok, cues: QuoteCues) -> bool:
    """Whether an object of "tell" is who hears it: a person, an outlet, a pronoun, an audience noun."""
    return tok.head.lemma_.lower() == "tell" and (tok.pos_ in ("PROPN", "PRON")
                                                 or tok.lemma_.lower() in cues.audience
                                                 or tok.ent_type_ in ("PERSON", "ORG", "NORP"))


_CLAUSE_BREAKS = {"–", "—", "--", ";"}


def _parenthetical(verb) -> tuple[int, int] | None:
    """ "a clause, Vale said, that is meant to ...", "The irony, says Ruth Oduya, archivist at
    ..., is that ...": a cue set off by commas inside the sentence it reports. The sentence is the
    statement (token range), when the cue has no object or clause of its own and words stand on both
    sides of it."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        return None
    sent = verb.sent
    # the inset may carry a time or place after the verb: "Lavrov said on Monday,"
    inner = [verb, *subj.subtree] + [t for c in verb.children if c.i > verb.i and c.dep_ in ("npadvmod", "advmod", "prep")
                                     for t in c.subtree]
    first = min(t.i for t in inner)
    last = max(t.i for t in inner)
    doc = verb.doc
    if first - 1 <= sent.start or last + 2 >= sent.end:
        return None  # not inside: "..., Corker said." is the ordinary inverted cue
    if doc[first - 1].text != "," or doc[last + 1].text != ",":
        return None
    # only the clause around the inset, when a dash or semicolon sets it apart from what the sentence said
    # before or after: "X said A, warning B – an evacuation, he said, could help" is his second statement
    start = max((t.i + 1 for t in doc[sent.start:first - 1] if t.text in _CLAUSE_BREAKS), default=sent.start)
    end = min((t.i - 1 for t in doc[last + 2:sent.end] if t.text in _CLAUSE_BREAKS), default=sent.end - 1)
    return start, end


def _gerund_subject_clause(verb) -> tuple[int, int] | None:
    """ "Holm said closing the line would save money", parsed with "closing" as the verb's own
    participle and "would save" hung under it or beside the verb: the gerund is the reported clause's
    subject, and the clause runs from it to the end of that finite verb's phrase (token range)."""
    if verb.tag_ not in FINITE_TAGS or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    doc = verb.doc
    k = verb.i + 1
    if k < len(doc) and doc[k].lower_ == "that":
        k += 1
    gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == k), None)
    if gerund is None:
        return None

    def finite(t) -> bool:
        return t.pos_ in ("VERB", "AUX") and (t.tag_ in FINITE_TAGS or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in t.children))
    under = [c for c in gerund.children if c.i > gerund.i and finite(c) and (c.dep_ == "ccomp" or c.dep_ == "conj"
             and not any(g.dep_ in CLAUSE_SUBJECTS for g in c.children))]
    # (or a verb with a modal the parser joined to the speech verb, with no subject of its own: "said
    # raising the fares, and without asking anyone, could hurt the line"; not "reported spending …, while
    # X has reported spending …")
    beside = [c for c in verb.children if c.dep_ == "conj" and c.i > gerund.i and c.tag_ == "VB"
              and any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
              and not any(g.dep_ in CLAUSE_SUBJECTS for g in c.children)]
    found = (under or beside or [None])[0]
    if found is None:
        return None
    return gerund.left_edge.i, max(found.right_edge.i, gerund.right_edge.i) if found in under else found.right_edge.i


def _inverted_conjunct(verb) -> tuple[int, int] | None:
    """ "The yard is holding on, yet it suffers from imports, said its owner": the
    parser joined an inverted cue to the clause before it as a conjunct; that clause, up to the comma
    before the cue, is what was said (token range). Only a finite verb with its subject after it and
    nothing else of its own but that subject's words and a time or place."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or head.i >= verb.i \
            or head.pos_ not in ("VERB", "AUX") or verb.i < 1 or doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ == "cc" for c in verb.children) or any(c.dep_ == "cc" and c.i > verb.i for c in head.children):
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
    if len(subj) != 1 or subj[0].i < verb.i or any(
            c.dep_ not in ("nsubj", "punct", "npadvmod", "prep", "advmod") for c in verb.children):
        return None
    if not any(c.dep_ in CLAUSE_SUBJECTS for c in head.children):
        return None
    first = head.left_edge.i
    if first != verb.sent.start:
        return None
    return first, verb.i - 2


_TRAILING_KIN = {"nsubj", "punct", "npadvmod", "prep", "advmod", "aux"}
_NAME_WORDS = {"DET", "PROPN", "NOUN", "ADJ", "ADP", "NUM", "PUNCT", "CCONJ", "PART"}


def trailing_subject(verb, cues: QuoteCues, quoted):
    """(comma index, subject token) of a closing cue "..., SUBJECT VERB [time, place, hearer]." that the parser
    hung inside the clause before it (a relative clause of its last noun, a conjunct, an xcomp: "The issue will
    be the main topic of the talks in Lausanne, ministry spokeswoman Anna Holm said.", "The agency is working to
    verify a photo, the mother of one of the men said during an interview.", realworld52), or None. Only a
    finite verb ending its sentence, its subject right after that comma (its nsubj, or else the words between
    the comma and the verb when they are a name: its head is their last noun before "of" or a bracket), nothing
    of its own after it but a time, a place, a manner, a hearer ("told the media") or a gerund ("citing local
    sources"); the words before the comma a clause of their own, not an adverbial one."""
    doc, sent = verb.doc, verb.sent
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ == "ROOT":
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subj) > 1 or subj and subj[0].i > verb.i:
        return None
    if subj:
        comma, head = subj[0].left_edge.i - 1, subj[0]
    else:
        comma = next((k for k in range(verb.i - 1, max(sent.start, verb.i - 14) - 1, -1) if doc[k].text == ","), None)
        if comma is None:
            return None
        name = doc[comma + 1:verb.i]
        if not name or any(t.pos_ not in _NAME_WORDS or t.is_punct and t.text not in "()" for t in name) \
                or name[0].pos_ in ("ADP", "CCONJ", "PART"):
            return None
        stop = next((t.i for t in name if t.pos_ == "ADP" or t.text == "("), verb.i)
        head = next((doc[k] for k in range(stop - 1, comma, -1) if doc[k].pos_ in ("NOUN", "PROPN")), None)
        if head is None:
            return None
    if comma <= sent.start + 3 or doc[comma].text != ",":
        return None
    for c in verb.children:
        if c.dep_ in _TRAILING_KIN and (c.dep_ != "prep" or c.i > verb.i):
            continue
        if c.dep_ == "dobj" and _hearer(c, cues) or c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i:
            continue
        return None
    if any(not t.is_punct for t in doc[verb.right_edge.i + 1:sent.end]):
        return None  # the cue does not close the sentence
    words = doc[sent.start:comma]
    if words[0].lower_ in cues.adverbial_marks or any(quoted(t) for t in words):
        return None  # "After the vote ended, ..." is no statement; a quotation is the quotation's cue's
    if not any(t.dep_ in CLAUSE_SUBJECTS and sent.start <= t.head.i < comma and t.head.pos_ in ("VERB", "AUX")
               for t in words):
        return None
    return comma, head


def _trailing_cue(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    found = trailing_subject(verb, cues, quoted)
    return None if found is None else (verb.sent.start, found[0] - 1)


def _misattached_clause(verb, cues: QuoteCues) -> tuple[int, int] | None:
    """ "said on Thursday during a press conference that Russia endorsed ...": the parser hangs the
    that-clause on the nearest noun; take it when no other verb stands between. Not a relative clause
    ("the same way that we must respond") nor one of the verb's own object ("emphasizing the threat
    that a Trump presidency would constitute"), unless that object is an audience ("told reporters")."""
    sent = verb.sent
    for tok in verb.doc[verb.i + 1:sent.end]:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "relcl") and tok.lower_ != "that":
            return None
        if tok.lower_ == "that" and tok.dep_ in ("mark", "advmod") and tok.head.i > tok.i \
                and tok.head.dep_ in ("acl", "relcl") and verb in tok.head.ancestors:
            noun = tok.head.head
            if noun.lemma_.lower() in cues.relative_antecedents or (
                    noun.dep_ == "dobj" and noun.head.i == verb.i and noun.lemma_.lower() not in cues.audience):
                return None
            return tok.i + 1, tok.head.right_edge.i
    return None


_GLOSS_SEPARATORS = {",", "("}


def _without_glosses(sdoc, first: int, last: int, cues: QuoteCues, quoted) -> int:
    """The clause's last token once the writer's trailing additions are cut: an appositive ("Mr. Trump,
    the presumed Putin favorite"), a non-restrictive relative clause (", which ..."), a concessive or
    circumstantial clause (", although he refused ...", ", when there are radio clips ...")."""
    cut = True
    while cut:
        cut = False
        for tok in sdoc[first:last + 1]:
            begin = tok.left_edge.i
            if tok.right_edge.i != last or begin <= first + 2 or sdoc[begin - 1].text not in _GLOSS_SEPARATORS:
                continue
            if quoted(sdoc[begin - 1]):
                continue  # inside the speaker's own words: “another Srebrenica, another Rwanda”
            gloss = (tok.dep_ == "appos"
                     or tok.dep_ in ("relcl", "acl") and sdoc[begin].lower_ in ("which", "who", "whom", "whose")
                     or tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues.gloss_marks
                                                    for m in tok.children))
            if gloss:
                last = begin - 2
                cut = True
                break
    return last


def statement_range(sdoc, first: int, last: int, cues: QuoteCues, quoted,
                    min_tokens: int = 3) -> tuple[int, int] | None:
    """`trimmed_range`'s range when it holds at least 8 characters (shorter is no statement)."""
    found = trimmed_range(sdoc, first, last, cues, quoted, min_tokens)
    return found if found is not None and found[1] - found[0] >= 8 else None


def trimmed_range(sdoc, first: int, last: int, cues: QuoteCues, quoted,
                  min_tokens: int = 3) -> tuple[int, int] | None:
    """The clause's character range without complementizers, edge punctuation and the writer's glosses;
    `quoted(token)` says whether a token stands inside a quotation."""
    last = _before_inset(sdoc, first, _without_glosses(sdoc, first, last, cues, quoted), cues, quoted)
    if first <= last and sdoc[first].idx == 0 and (dateline := DATELINE.match(sdoc.text)):
        while first <= last and sdoc[first].idx < dateline.end():
            first += 1  # "MOSCOW (Reuters) — Russia will ...": where the story was filed is nobody's words
    while first <= last and (sdoc[first].lower_ in _COMPLEMENTIZERS or sdoc[first].is_punct
                             and sdoc[first].text not in "“\"‘'"):
        first += 1
    # (a per cent sign is the number's: "guidance of 4.0%" kept whole, realworld43)
    while last >= first and (sdoc[last].is_punct and sdoc[last].text not in "”\"’'%" or _dangling_conjunction(sdoc[last])):
        if sdoc[last].text == ")" and _unclosed(sdoc, first, last):
            break  # "on November 16 (i.e. this Friday)": the bracket the clause opened closes it (realworld37)
        last -= 1
    if last - first < min_tokens - 1:
        return None
    return with_quote_mates(sdoc.text, sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text))


def _dangling_conjunction(tok) -> bool:
    """A coordinating conjunction left at a clause's end, the words it joined cut off ("said they were happy with
    the mayor and | 40 percent said ...", "said she had met him twice but | said ...": realworld50)."""
    return tok.dep_ == "cc" and tok.lower_ in ("and", "but", "or", "nor") and not tok.is_quote


# a quotation's closing mark right after a clause cut inside it, its comma or stop kept inside as printed
_CLOSER_AFTER = {'"': re.compile(r'[,.;:!?]?"'), "''": re.compile(r"[,.;:!?]?''"), "“": re.compile(r"[,.;:!?]?”")}


def with_quote_mates(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause's range with the mate of a quotation mark it holds alone: a clause the parse ended inside
    a quotation ('said he thinks the plan was "a costly error," though ...') takes the closing mark that
    follows it; one that opens inside a quotation ('said "local crews" must lead') takes the opening mark
    right before it (realworld49). Straight double quotes, a news archive's doubled apostrophes ('') and
    curly double quotes; anything else is left as it was."""
    piece = text[start:end]
    straight, doubled = piece.count('"'), piece.count("''")
    opens, closes = piece.count("“"), piece.count("”")
    if straight % 2 or doubled % 2:
        mark = '"' if straight % 2 else "''"
        after = _CLOSER_AFTER[mark].match(text, end)
        if after:
            return start, after.end()
        if text[max(0, start - len(mark)):start] == mark and piece.find(mark) >= 0:
            return start - len(mark), end
    elif opens > closes and (after := _CLOSER_AFTER["“"].match(text, end)):
        return start, after.end()
    elif closes > opens and text[start - 1:start] == "“":
        return start - 1, end
    return start, end


def _unclosed(sdoc, first: int, last: int) -> bool:
    """Whether tokens first..last-1 open more round brackets than they close."""
    opened = sum(t.text == "(" for t in sdoc[first:last])
    return opened > sum(t.text == ")" for t in sdoc[first:last])
