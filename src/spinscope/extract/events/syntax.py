"""Parse-tree look-ups shared by the events modules: a verb's subject, a preposition's objects, spans of tokens."""
from __future__ import annotations

from ...text.spans import token_span
from .modality import Words
from .modality import words as _words
from ..parse import segment_text


SUBJECTS = ("nsubj", "csubj")




def doc_text(sdoc) -> str:
    """A parsed piece's text, joined once: spaCy's `Doc.text` joins every token again on each call,
    which made the stance check below quadratic in the length of the piece."""
    return segment_text(sdoc)


def for_clauses(tok) -> list:
    """Clauses "for X to act" hanging on a verb ("called for the Council to act")."""
    return [c for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
            and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]  # not "calls for more troops have come"


def quoted_apart(a, b, colon_only: bool = False) -> bool:
    """Whether a quote mark or a colon (with `colon_only`, a colon) stands between two tokens ("he continued: “The
    worst attack ...”"): the second is in the words quoted, not the first's object (dev audit 28)."""
    marks = (":",) if colon_only else ('"', "“", "”", "''", "``", ":")
    return any(t.text in marks for t in a.doc[min(a.i, b.i) + 1:max(a.i, b.i)])


def is_venue(prep, w: Words) -> bool:
    """Whether a preposition names where or when something was said ("asked on Twitter", "asked on Monday")."""
    return any(g.dep_ == "pobj" and (g.text in w.platform_names or g.ent_type_ in ("DATE", "TIME"))
               for g in prep.children)


def is_people(tok, w: Words) -> bool:
    """Whether a common noun names people or a body that can be coerced ("the protesters", "the regime")."""
    lemma = tok.lemma_.lower()
    return (lemma in w.agent_nouns or lemma in w.civilian_nouns or lemma in w.captive_nouns or lemma in w.own_force_words
            or lemma in w.role_nouns or lemma in w.opposed_nouns or lemma in w.follower_nouns or lemma in w.office_words)


def objects_acted_on(tok, w: Words) -> list:
    """The heads a trigger acts on: its object or passive subject, and the objects of its target
    prepositions after it ("attacks on the existence of Israel")."""
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ in w.target_preps and c.i > tok.i
        for g in c.children if g.dep_ == "pobj"]


TITLE_KEY = "spinscope_events_title"  # set by the stage on a headline's parse: a headline has no dateline
DATELINE_KEY = "spinscope_events_datelines"  # a parse's datelines by sentence start (`in_dateline`)


def dateline_end(sent, w: Words) -> int | None:
    """Round 27 (stop 44): the index of the last token of a dateline that opens a body sentence, or None. A dateline
    is where a story is filed, never a party: a place name (words in capitals, or a place the parser tags), with an
    optional region or country and date after commas ("KIEV, Ukraine, March 3"), an optional agency in brackets
    ("(Reuters)", "(AP)"), then a dash or colon of `dateline_marks` ("BEIJING —", "Moscow (AP) —", "PARIS, May 2
    (AFP) -"); with an agency the mark may be missing. A bare place (not in capitals) and dash with another dash later in
    the sentence is a parenthesis ("Russia — which denies it — accused Kiev"), no dateline; in capitals it is one
    ("CLINTON — A town couple — neighbors of ... — was charged")."""
    doc = sent.doc
    if doc.user_data.get(TITLE_KEY):
        return None
    i, end = sent.start, sent.end
    while i < end and doc[i].is_space:
        i += 1
    first = i

    def named(t) -> bool:
        return t.text[:1].isupper() and (t.pos_ == "PROPN" or t.is_upper or t.ent_type_ in ("GPE", "LOC"))

    while i < end and i - first < 7 and (named(doc[i]) and i - first < 4 or i > first and doc[i].text == "/"
                                         and i + 1 < end and named(doc[i + 1])):
        i += 1  # (round 28b: two places filed from, "ISLAMABAD/NEW DELHI (Reuters) -")
    place = doc[first:i]
    if not len(place) or not (all(t.is_upper and len(t.text) > 1 for t in place if t.is_alpha)
                              or any(t.ent_type_ in ("GPE", "LOC") for t in place)):
        return None
    extra = False  # a region, country or date after the place: a dateline's shape, not a parenthesis
    for _ in range(3):  # ", Ukraine", ", Calif.", ", March 3", ", Jan. 5, 2016"
        if i + 1 < end and doc[i].text == "," and (doc[i + 1].text[:1].isupper() or doc[i + 1].like_num):
            j = i + 1
            while j < end and j - i <= 3 and (doc[j].text[:1].isupper() or doc[j].like_num or doc[j].text == ".") \
                    and doc[j].text not in w.dateline_marks:
                j += 1
            i, extra = j, True
        else:
            break
    agency = False
    if i < end and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(end, i + 7)) if doc[j].text == ")"), None)
        if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper():
            return None
        i, agency = close + 1, True
    if i < end and doc[i].text in w.dateline_marks and (doc[i].text != ":" or any(
            t.ent_type_ in ("GPE", "LOC") for t in place)):  # ("UN: 70% of youth ...", "NATO: ..." are sources)
        mark = i
    elif agency:
        mark = i - 1  # "BEIJING (Reuters) China pledged ...": the bracket ends it
    else:
        return None
    if mark + 2 >= end:
        return None  # nothing, or one word, after it: no sentence filed
    capitals = any(t.is_alpha for t in place) and all(t.is_upper and len(t.text) > 2 for t in place if t.is_alpha)
    if not (agency or extra or capitals) and doc[mark].text != ":" \
            and any(t.text in w.dateline_marks and t.text != ":" for t in doc[mark + 1:end]):
        return None  # "China — the world's largest emitter — pledged": a parenthesis
    return mark


def in_dateline(tok, w: Words) -> bool:
    """Whether a token stands in the dateline opening its sentence (`dateline_end`): no party."""
    sent = tok.sent
    if tok.i - sent.start > 16:
        return False
    if tok.i == sent.start and len(tok.text) > 1 and tok.is_upper and tok.i + 1 < sent.end and tok.nbor().text == ",":
        return True  # "PARIS, May 2 (Agency) – ...", its mark anywhere (the check before round 27)
    cache = tok.doc.user_data.setdefault(DATELINE_KEY, {})  # one look per sentence
    if sent.start not in cache:
        cache[sent.start] = dateline_end(sent, w)
    end = cache[sent.start]
    return end is not None and tok.i <= end


def _after_dateline(tok, w: Words):
    """The phrase set off in apposition after a dateline's mark on a dateline place the parser took for the subject
    ("New Delhi: BJP leader Ram Jethmalani ... targeted", "MOSCOW — Foreign Minister Sergei Lavrov, ..."), or None."""
    end = dateline_end(tok.sent, w)
    if end is None:
        return None
    return next((c for c in tok.subtree if c.dep_ == "appos" and c.i > end and c.head.i <= end), None)


def subject_of(verb, w: Words, steps: int = 0):
    """The subject phrase head of a verb, through control, conjunction and participles; a dateline's place is no
    subject (round 27: "PARIS — Protesters attacked ...": the protesters; "Moscow (AP) — ...")."""
    for c in verb.children:
        if c.dep_ == "csubj" and c.pos_ in ("VERB", "AUX"):
            # a clause as subject: its own subject, never its object ("a migrant who re-enters Germany ...
            # commits a crime", misparsed with "enters" as the clause: Germany commits nothing)
            return next((g for g in c.children if g.dep_ == "nsubj"), None)
        if c.dep_ in SUBJECTS:
            if c.i - verb.sent.start <= 16 and in_dateline(c, w):
                if (set_off := _after_dateline(c, w)) is not None:
                    return set_off
                continue
            return c
    if verb.tag_ == "VBG" and (blamed := _blamed(verb, w)) is not None:
        return blamed  # "blamed the group for killing ..., bombing ...": the group did it
    if steps > 4 or verb.head.i == verb.i:
        return None
    head = verb.head
    infinitive = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and (plan := next((c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in w.proposal_nouns
                                     and c.right_edge.i + 1 == verb.left_edge.i), None)) is not None:
        # "criticized Trump's calls to ban Muslims" (the infinitive parsed on the verb): the call's content, done by
        # whoever calls, not by the critic (dev audit 28)
        if (owner := next((c for c in plan.children if c.pos_ != "PRON" and (c.dep_ == "poss" or c.dep_ == "nmod" and any(
                g.dep_ == "case" for g in c.children))), None)) is not None:  # ("Trump’s calls" parsed as an nmod)
            return owner  # (no possessor named: "has a plan to destroy", "increase our efforts to destroy": the subject's own)
    if verb.dep_ == "xcomp" or infinitive:  # "called upon Muslims ... to kill" is parsed either way
        if head.lemma_.lower() in w.object_control:
            for c in head.children:
                if c.dep_ in ("dobj", "dative") and not infinitive:  # (an advcl may be a purpose: "called a meeting to")
                    return c
            for c in head.children:  # "called upon Muslims to kill", "pleaded with voters to reject": they act
                if c.dep_ == "prep" and c.lower_ in w.control_preps and c.i < verb.i:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
        if head.lemma_.lower() in w.future_governors:  # "X is poised to strike" (parsed as a passive)
            for c in head.children:
                if c.dep_ == "nsubjpass":
                    return c
        return subject_of(head, w, steps + 1)
    if verb.dep_ == "conj" and (own := _own_conj_subject(verb)) is not None:
        return own  # "the Post will brand you a liar and NBC News will accuse you": NBC News accuses (round 25)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        trailing = head.i > verb.i and verb.tag_ not in ("VBG", "VBN")  # ("Accusing the West, Putin said": his)
        if head.lemma_.lower() in w.speech_verbs and (trailing or any(
                c.dep_ == "mark" and c.lower_ == "as" for c in head.children)):
            # round 25 (stop 42): a verb of saying set off as an attribution ("..., as Breitbart reported, demanding
            # they leave", "... tried to escape and was captured by Kurdish forces, the Post reports"): the reporter
            # does not do the act; an "as" parenthetical is skipped to the clause it interrupts, a trailing one (after
            # a finite verb the parser hung on it) ends the search
            if trailing or head.dep_ not in ("advcl", "parataxis") or head.head.i == head.i:
                return None
            return subject_of(head.head, w, steps + 1)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and verb.i > 0 \
                and verb.doc[verb.left_edge.i - 1].text == "," and verb.lemma_.lower() in w.blame_verbs | w.speech_verbs \
                | w.demand_verbs and head.head.pos_ in ("VERB", "AUX") \
                and head.head.lemma_.lower() in w.blame_verbs | w.speech_verbs:
            # round 25: "Trump criticized how the FBI handled the probe, accusing it of ...": a participle of blame or
            # saying set off after the content clause of a verb of blame or saying is the speaker's, not the clause's
            return subject_of(head.head, w, steps + 1)
        return subject_of(head, w, steps + 1)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):  # "is about to strike": the copula's subject
        return subject_of(head, w, steps + 1)
    if verb.dep_ == "acl" and verb.tag_ != "VBN":  # "militants launching attacks"
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and prev.i != head.i and prev.pos_ == "NOUN" and prev.dep_ == "pobj" \
                and prev.lemma_.lower() in w.agency_modifiers and prev.head.head.i == head.i:
            return None  # round 28b: "his handling of the Laquan McDonald police shooting" (the noun "police shooting"
            # misread as a participle on "handling"): no doer named, least of all the one shot (dev26)
        return head
    return None


def _own_conj_subject(verb):
    """Round 25 (stop 42): the subject of a second conjunct verb that the parser hung on the first verb's object as a
    conjunct ("the Post will brand you a liar and NBC News will accuse you", "prosecutors charged the officer with
    murder and Emanuel fired his chief": "NBC News" and "Emanuel" read as conjuncts of "liar" and "murder"): the noun
    right before the verb (or before its auxiliaries), a conjunct of a word of the first verb's clause, never of the
    first verb's own subject ("Russia and Iran will attack" has a real joint subject, on the first verb)."""
    left = verb.left_edge
    if any(c.dep_ in ("dobj", "prep") and c.i < verb.i for c in verb.children):
        return None
    if left.i < 2 or any(t.dep_ not in ("aux", "neg", "advmod") for t in verb.doc[left.i:verb.i]):
        return None
    prev = verb.doc[left.i - 1]
    if prev.dep_ != "conj" or prev.pos_ not in ("PROPN", "NOUN") or prev.head.dep_ in ("nsubj", "nsubjpass"):
        return None
    if not any(c.dep_ == "cc" for c in prev.head.children) or prev.head.i >= prev.i:
        return None
    first = verb.head
    return prev if first.i < prev.head.i < verb.i and first.pos_ in ("VERB", "AUX") else None


def _blamed(verb, w: Words):
    """The one a verb of blame or praise holds to account for its gerund: "blamed the group for killing",
    "accused X of bombing", "was praised for helping", or "blamed the group, bombing ..." (an adverbial
    gerund after the object)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
        head = head.head
        if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in w.blame_verbs:
            return head  # "accused X of killing": the preposition hangs on the object
    elif verb.dep_ != "advcl":
        return None
    if head.lemma_.lower() not in w.blame_verbs:
        return None
    if verb.lemma_.lower() in w.blame_verbs | w.speech_verbs:
        return None  # "criticized X, accusing him of ...", "praised X, calling him ...": the subject's own words
        # (dev audit 26)
    return next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def that_clause(tok) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def phrase_span(offset: int, head) -> tuple[int, int]:
    """Document offsets of a phrase head's whole subtree."""
    return offset + head.left_edge.idx, offset + head.right_edge.idx + len(head.right_edge.text)


def agent_of(tok):
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def prep_objects(tok, preps, after: bool = False) -> list:
    """The objects of the prepositions `preps` on `tok`; with `after`, only those that follow it (a
    fronted "At Addis Ababa University, administrators cracked down" sets the scene, names no target),
    and no gathering under "at" ("attacked by him at the Democratic Convention": where, not whom)."""
    gatherings = _words().gathering_nouns
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and not (after and c.i < tok.i)
            for g in c.children if g.dep_ == "pobj"
            and not (after and c.lower_ == "at" and g.lemma_.lower() in gatherings)]
