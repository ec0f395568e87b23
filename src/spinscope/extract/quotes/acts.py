"""Speech acts with no reported clause: naming acts, pledges, demands, speech nouns, short answers, noun objects."""
from __future__ import annotations

from .cues import QuoteCues
from .speakers import NOT_SPEAKERS, SUBJECT_DEPS, can_speak
from ..parse import segment_text
from .syntax import FINITE_TAGS, CLAUSE_SUBJECTS
from .clauses import statement_range



def short_answer(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """Character range of a short answer a verb of saying reports right after it: "46 percent said yes",
    "he said no to the levy", "26 percent said the same", "a third say the same of the mayor", "half
    said so", "a quarter said that of the council"; only with a subject written before the verb (the
    poll share or person answering), none of them inside a quotation."""
    if verb.lemma_.lower() not in cues.short_answer_verbs or any(c.dep_ in ("neg", "ccomp", "xcomp")
                                                                  for c in verb.children):
        return None
    if verb.tag_ not in FINITE_TAGS and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return None  # "more likely to say X than say the same about Y": the poll's comparison, not an answer
    subject = _subject_token(verb, cues)
    doc = verb.doc
    k = verb.i + 1
    if subject is None or subject.i > verb.i or k >= len(doc) or quoted(doc[k]):
        return None
    word = doc[k].lower_
    last = None
    to_after = k + 1 < len(doc) and doc[k + 1].lower_ == "to" and doc[k + 1].head.i == verb.i
    if word in ("yes", "no", "so") and (doc[k].head.i == verb.i or word == "no" and to_after and doc[k].head.i == k + 1):
        last = k
        # "said no to the levy": the preposition the parser hangs on the verb goes with the answer
        to = next((c for c in verb.children if c.dep_ == "prep" and c.i == k + 1 and c.lower_ == "to"), None)
        if word != "so" and to is not None:
            last = to.right_edge.i
    elif word == "the" and k + 1 < len(doc) and doc[k + 1].lower_ == "same" and doc[k + 1].head.i == verb.i:
        last = doc[k + 1].right_edge.i
    elif word == "that" and doc[k].head.i == verb.i and any(
            c.dep_ == "prep" and c.lower_ in ("of", "about", "for") for c in doc[k].children):
        last = doc[k].right_edge.i  # ("said that" alone is a clause the parser lost, not an answer)
    if last is None or any(quoted(t) for t in doc[k:last + 1]):
        return None
    while last > k and doc[last].is_punct:
        last -= 1
    return doc[k].idx, doc[last].idx + len(doc[last].text)


def noun_cue(noun, cues: QuoteCues, quoted):
    """(character range, speaker token) of what a speech noun with a written possessor puts forward:
    its infinitive ("his call to close …"), its "for" phrase ("Solberg's call for an independent audit"),
    its that-clause ("her remark that …"); None without a possessor, when negated or with none of
    the complements its entry in `noun_cues` allows."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        # "the ministry's demand", written without the possessive: "the Justice Department demand that …"
        owner = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1
                      and c.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")), None)
    if owner is None or owner.lower_ == "whose" or any(c.dep_ == "neg" or c.lower_ == "no"
                                                               for c in noun.children):
        return None  # "no mention of", "whose call …": no speaker written here
    allowed = cues.noun_cues[noun.lemma_]
    after = [c for c in noun.children if c.i > noun.i]
    span = None
    for c in after:
        if c.dep_ in ("acl", "relcl", "ccomp") and c.left_edge.i == noun.i + 1 and c.pos_ in ("VERB", "AUX"):
            marks = {g.lower_ for g in c.children if g.dep_ in ("aux", "mark")}
            if "to" in allowed and "to" in marks and noun.doc[noun.i + 1].lower_ == "to" \
                    or "that" in allowed and "that" in marks:
                span = (c.left_edge.i, c.right_edge.i)
        elif c.dep_ == "prep" and c.lower_ == "for" and "for" in allowed and c.i == noun.i + 1 \
                and any(g.dep_ == "pobj" for g in c.children):
            last = c.right_edge.i
            # "calls for an inquiry to examine …": the infinitive hung on the noun goes with it
            inf = next((g for g in after if g.dep_ == "acl" and g.i > last
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in g.children)), None)
            span = (c.i + 1, inf.right_edge.i if inf is not None else last)
        if span is not None:
            break
    if span is None and "that" in allowed and noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ == "that":
        # "his warning that the ferry would stop": the parser hung the that-clause on the sentence's verb
        that = noun.doc[noun.i + 1]
        clause = that.head if that.dep_ == "mark" else None
        if clause is not None and clause.dep_ in ("ccomp", "advcl") and clause.left_edge.i == that.i \
                and clause.head.i < noun.i and any(c.dep_ in CLAUSE_SUBJECTS for c in clause.children):
            span = (that.i, clause.right_edge.i)
    if span is None:
        return None
    found = statement_range(noun.doc, span[0], span[1], cues, quoted)
    return (found, owner) if found is not None else None


def speech_act(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """Character range of what a speech act without a reported clause puts forward: a pledge's
    infinitive ("pledged to push for ..."), or an object with its preposition ("accused X of Y",
    "called on X to Y", "called for X"); None for any other verb, a negated or bare one, or one
    with a clause of its own (left to the reported-clause path)."""
    lemma = verb.lemma_.lower()
    preps = cues.object_phrase.get(lemma)
    asks = lemma in cues.object_infinitive and lemma not in cues.clause_speech  # "asked Barros to resign"
    names = lemma in cues.object_predicative
    if lemma not in cues.subject_infinitive and preps is None and not asks and not names:
        return None
    # "called what she saw ''shameful''": a naming act whose object the parser read as a clause
    named_clause = names and _named_in_quotes(verb, quoted, cues.speech) is not None
    if not (_has_subject(verb, cues) or names and naming_participle(verb, cues)) or any(
            c.dep_ == "neg" or c.dep_ == "auxpass" or c.dep_ == "ccomp" and not _clause_before_stop(c, verb)
            and not (named_clause and c.i > verb.i) for c in verb.children):
        return None  # "refused to pledge", "was accused of": nobody named says it here
    after = [c for c in verb.children if c.i > verb.i]
    span = None
    short = False
    if names:
        obj, pred = _named_and_name(verb, after)
        if obj is not None and pred is not None and obj.i < pred.i:
            last = pred.right_edge.i
            doc = verb.doc
            first = obj.left_edge.i
            if first > verb.i + 1 and all(t.lower_ in ("both", "either", "all") for t in doc[verb.i + 1:first]):
                first = verb.i + 1  # "called both Trump and Clinton “crazy”": the parser hangs "both" on the verb
            # the closing mark of a quoted predicate the parser hung on the verb: Trump “unhinged.”
            for k in (last + 1, last + 2):
                if k < len(doc) and doc[k].text in ("”", '"', "’", "''") and all(
                        doc[j].is_punct for j in range(last + 1, k + 1)):
                    last = k
                    break
            span = (first, last)
        if span is None:
            span = _named_in_quotes(verb, quoted, cues.speech)
        rel = next((c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.lower_ in ("what", "which")),
                   None)
        if rel is not None:
            # "what he calls waste", "which Ms. Varga called ''a gift to landlords''": from the relative word
            pred = next((c for c in after if c.dep_ in ("oprd", "dobj", "attr")), None)
            if span is not None or pred is not None:
                span = (rel.i, span[1] if span is not None else pred.right_edge.i)
    if span is not None:
        pass
    elif asks:
        obj = next((c for c in after if c.dep_ in ("dobj", "dative")), None)
        xcomp = next((c for c in after if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                                    for g in c.children)), None)
        # (not a move: "ordered 300 troops to Cameroon to assist ...", a destination between, realworld49)
        sent_to = obj is not None and xcomp is not None and any(
            c.dep_ == "prep" and c.lower_ in ("to", "into") and obj.i < c.i < xcomp.i
            and any(g.dep_ == "pobj" for g in c.children) for c in after)
        if obj is not None and xcomp is not None and obj.i < xcomp.i and not sent_to:
            span = (obj.left_edge.i, xcomp.right_edge.i)
    if span is not None:
        pass
    elif lemma in cues.subject_infinitive:
        xcomp = next((c for c in after if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                      and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if xcomp is not None:
            span = (xcomp.left_edge.i, xcomp.right_edge.i)
    elif preps is not None:
        # ("described the raids as tantamount to terror": an adjective after "as" the parser did not make its object,
        # realworld52)
        prep = next((c for c in after if c.dep_ == "prep" and c.lower_ in preps
                     and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
                             or c.lower_ == "as" and g.pos_ == "ADJ" for g in c.children)), None)
        obj = next((c for c in after if c.dep_ == "dobj"), None)
        xcomp = next((c for c in after if c.dep_ == "xcomp"), None)
        rel = next((c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.lower_ in ("what", "which")
                    and verb.dep_ == "relcl"), None)
        if prep is not None and obj is not None and obj.i < prep.i:  # "accused X of Y", "described X as Y"
            span = (obj.left_edge.i, prep.right_edge.i)
        elif prep is not None and obj is None and rel is not None and prep.i == verb.i + 1:
            # "which he described as a leaky bucket": from the relative word, over the cue
            last = prep.right_edge.i
            if last + 1 < len(verb.doc) and verb.doc[last + 1].text in _CLOSING and verb.doc[last].is_punct:
                last += 1  # the closing mark the parser hung elsewhere: as “like an open door.”
            span = (rel.i, last)
        elif prep is not None and obj is None and prep.i == verb.i + 1 and (xcomp is not None or prep.lower_ == "for"):
            # "called on people to protest", "called for steep new tariffs"
            obj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
            span = (obj.left_edge.i, max(prep.right_edge.i, xcomp.right_edge.i if xcomp is not None else 0))
            short = prep.lower_ == "for"  # "called for calm", "did call for more transparency"
        elif "for" in preps and obj is None and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "for":
            # "is calling for the council to take a stronger role": the parser made "for" the mark of
            # an infinitive clause with its own subject
            clause = next((c for c in after if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.i == verb.i + 1
                                                                          for g in c.children)
                           and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
            if clause is not None:
                span = (verb.i + 2, clause.right_edge.i)
    # a naming act may be two words: "called him divisive", "calling them rapists"
    short = short or names
    if span is None or span[1] - span[0] < (1 if short else 2):
        return None
    return statement_range(verb.doc, span[0], span[1], cues, quoted, min_tokens=2 if short else 3)


_CLOSING = ("”", '"', "’", "''")


_NAME_POS = ("NOUN", "PROPN", "ADJ")


def _clause_before_stop(comp, verb) -> bool:
    """A clause the parser hung on a verb across a semicolon or colon before it ("The mayor wants to fix
    roads; she calls for …"): another sentence, not the verb's own clause."""
    return comp.i < verb.i and any(t.text in (";", ":") for t in verb.doc[comp.right_edge.i + 1:verb.i])


def _named_and_name(verb, after: list):
    """(object, predicate) tokens of a naming act ("called the mayor a liar"), also where the parser
    split them otherwise: the named one an xcomp with the name its object or hung under it ("calling
    Trump a fascist"), two predicates ("called Trump a fascist" read as a participle), or the name an
    apposition written with no comma ("called her son her hero"); (None, None) when there is none."""
    obj = next((c for c in after if c.dep_ == "dobj"), None)
    pred = next((c for c in after if c.dep_ == "oprd"), None)
    if pred is not None and obj is None and not any(c.dep_ == "dobj" for c in verb.children):
        # "called Trump a fascist" read as a noun and its participle: two predicates, the first named
        # (not "what he calls X a Y", whose object is the relative word)
        second = next((c for c in after if c.dep_ == "oprd" and c.i > pred.i), None)
        if second is not None and pred.pos_ in ("PROPN", "PRON", "NOUN") and second.pos_ in _NAME_POS:
            return pred, second
    if pred is not None and obj is None and pred.pos_ in ("PROPN", "PRON"):
        # "called Trump a “blowhard”" read as a participle: the name hung under the named one
        name = next((c for c in pred.children if c.dep_ in ("dobj", "attr", "oprd") and c.i > pred.i
                     and c.pos_ in _NAME_POS), None)
        if name is not None:
            return pred, name
    if pred is not None:
        return obj, pred
    named = next((c for c in after if c.dep_ in ("xcomp", "oprd") and c.pos_ in ("PROPN", "PRON")), None)
    if named is not None:
        # "calling the mayor a coward": the named one an xcomp, the name the verb's object or its own
        name = obj if obj is not None and named.i < obj.i else next(
            (c for c in named.children if c.dep_ in ("dobj", "attr", "oprd") and c.i > named.i), None)
        if name is not None:
            return named, name
    if obj is not None:
        # "called her son her hero": an apposition with no comma before it is the name
        name = next((c for c in obj.children if c.dep_ == "appos" and c.left_edge.i == obj.right_edge.i + 1
                     and c.left_edge.i > obj.i and not obj.doc[c.left_edge.i - 1].is_punct), None)
        if name is None:
            # (the apposition's own subtree ends the object's: the object ends just before it)
            name = next((c for c in obj.children if c.dep_ == "appos" and c.i > obj.i
                         and not any(t.is_punct for t in obj.doc[obj.i + 1:c.left_edge.i])), None)
        if name is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") and name.pos_ in _NAME_POS:
            return obj, name  # (not "called major donors himself": a reflexive is no name)
    return obj, None


def participle_owner(verb):
    """The noun a participle hangs on, past a phrase set between them ("Lund, speaking on KRX990,
    called …": the parser hangs "called" on "KRX990", but Lund speaks)."""
    owner = verb.head
    while owner.dep_ in ("pobj", "prep", "acl", "advcl") and owner.head is not owner:
        owner = owner.head
    return owner if owner.pos_ in ("NOUN", "PROPN") else verb.head


def naming_participle(verb, cues: QuoteCues) -> bool:
    """A naming act the parser read as a participle on the noun before it ("The mayor called Trump a
    fascist" parsed like "a man called Trump"): two predicates after it, or a named one with its own
    name; the noun is then the speaker."""
    if verb.lemma_.lower() not in cues.object_predicative or verb.tag_ != "VBN" or verb.dep_ != "acl" \
            or verb.head.pos_ not in ("NOUN", "PROPN") or verb.head.i > verb.i:
        return False
    after = [c for c in verb.children if c.i > verb.i]
    if any(c.dep_ == "dobj" for c in after):
        return False
    obj, pred = _named_and_name(verb, after)
    return obj is not None and pred is not None


def _named_in_quotes(verb, quoted, speech: frozenset = frozenset(), reach: int = 12) -> tuple[int, int] | None:
    """ "called its critics “half-baked”", "called both candidates “dangerously vague”": the parser mangles a quoted
    predicate, so take the words after a naming verb up to the end of the quotation that follows
    within a few words (and one joined to it: “reckless” and “vain”), when no other verb or clause
    boundary stands between (token range)."""
    doc = verb.doc
    sent_end = verb.sent.end
    k = verb.i + 1
    if k >= sent_end or doc[k].pos_ == "ADP":
        return None  # "called for", "called on"
    relative = False  # "called the claim that the ferry made a profit “pure fiction”": a clause inside the object
    while k < sent_end and not quoted(doc[k]):
        t = doc[k]
        if k - verb.i > reach or t.text in (".", ";", ":", "?", "!") or t.lower_ == "because" \
                or t.text == "," and relative or t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech:
            return None
        if t.pos_ in ("VERB", "AUX") or t.lower_ in ("that", "which", "who"):
            if k == verb.i + 1 or any(u.text == "," for u in doc[verb.i + 1:k]):
                return None  # (not "called the police, who arrived “within minutes”")
            relative = True
        k += 1
    if k >= sent_end or k == verb.i + 1 and doc[k].text not in ("“", '"', "‘", "``", "'", "''"):
        return None
    last = k
    while last + 1 < sent_end and (quoted(doc[last + 1]) or doc[last + 1].text in _CLOSING
                                   or doc[last + 1].lower_ in ("and", "or", ",") and last + 2 < sent_end
                                   and doc[last + 2].text in ("“", '"', "‘", "``")):
        last += 1
    return (verb.i + 1, last) if last > verb.i + 1 else None


def to_gerund_content(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """Character range of the gerund after "to" of a verb of `gerund_content_verbs` ("Webb admitted to threatening
    the girl, and hiding her ..."), with the gerunds the parser hung beside the verb as its conjuncts; None when the
    verb has no "to" and gerund right after it (realworld43: the whole sentence, "Shortly before their arrival, Webb
    admitted to ...", was the statement)."""
    if verb.lemma_.lower() not in cues.gerund_content:
        return None
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.i == verb.i + 1), None)
    done = next((c for c in to.children if c.dep_ in ("pcomp", "pobj") and c.i == to.i + 1 and (
        c.tag_ == "VBG" or c.tag_ == "NN" and c.lower_.endswith("ing"))), None) if to is not None else None
    if done is None:
        return None
    last = to.right_edge.i
    for c in verb.children:
        if c.dep_ == "conj" and c.tag_ == "VBG" and c.i > last:
            last = max(last, c.right_edge.i)
    return statement_range(verb.doc, done.i, last, cues, quoted, min_tokens=2)


def object_content(verb, cues: QuoteCues, quoted, roles=None) -> tuple[int, int] | None:
    """Character range of a speech verb's noun object when that is what was said ("announced his
    resignation", "denied the allegations"); not a pronoun, a date or a number, not when the verb is
    negated or passive or has a clause of its own, and only when its subject can speak."""
    lemma = verb.lemma_.lower()
    if lemma not in cues.object_content and lemma not in cues.gerund_content and lemma not in cues.claim_objects:
        return None
    subject = _subject_token(verb, cues)
    # the subject before the verb: "..., reported the Washington Examiner" has its speaker as object
    if subject is None or subject.i > verb.i or not can_speak(subject, cues, roles):
        return None
    if verb.dep_ in ("amod", "compound") or any(c.dep_ in ("neg", "ccomp", "auxpass", "dative")
                                                or c.dep_ == "xcomp" and c.tag_ != "VBG" for c in verb.children):
        return None  # "pledged delegates"; "denied the team a penalty" gives, not says
    if segment_text(verb.doc)[:verb.idx].rstrip(" ,").endswith(("”", '"', "''", "’")):
        return None  # "…,” tweeted a reader from Leeds": the verb is the quotation's cue, its speaker after it
    if verb.dep_ == "conj" and not any(c.dep_ == "cc" and c.i < verb.i for c in (*verb.head.children, *verb.children)):
        return None  # a conjunct with no "and" before it is a misparse ("ahead in both pledged delegates and polls")
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_.lower() == "repeat" \
            and verb.head.lemma_.lower() in cues.speech:
        return None  # "…,'' the mayor said, repeating an old line": the writer's gloss on the quote
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    gerund = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1]
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.i == verb.i + 1), None)
    if not objects and to is not None and verb.lemma_.lower() == "point":
        # "the governor pointed to the jobless rate": what a speaker points to is put forward
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        return statement_range(verb.doc, pobj.left_edge.i, pobj.right_edge.i, cues, quoted, min_tokens=2) \
            if pobj is not None else None
    if verb.lemma_.lower() == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None  # "pointing a finger"; "pointed out the risk" is the phrasal cue's
    if not objects and len(gerund) == 1 and lemma in cues.gerund_content:
        # "reported spending $3 million", "denied having met him"
        return statement_range(verb.doc, gerund[0].i, gerund[0].right_edge.i, cues, quoted, min_tokens=2)
    obj = objects[0] if len(objects) == 1 else None  # (two: "denied the team a penalty")
    if obj is not None and verb.dep_ == "relcl" and verb.head.i < verb.i and subject.lower_ not in _RELATIVE_SUBJECTS:
        return None  # "Everything we promised people who bought it": the antecedent was promised, "people" were told (realworld41)
    if lemma not in cues.object_content and (obj is None or obj.lemma_.lower() not in cues.claim_objects.get(lemma, ())):
        return None  # "denied the charges", "confirmed the report"; not "denied him entry", "confirmed the nominee"
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in NOT_SPEAKERS \
            or any(c.dep_ == "aux" for c in obj.children):
        return None  # (an object with "to" is a verb the parser took for a noun: "promised to bridge")
    return statement_range(verb.doc, obj.left_edge.i, obj.right_edge.i, cues, quoted, min_tokens=2)


# a relative clause's own subject word: "a firm that denied the charges" says them; "everything we promised people"
# (whose subject is "we") has its antecedent for object, and the noun after the verb is the one told
_RELATIVE_SUBJECTS = frozenset({"who", "that", "which", "whom"})


def _subject_token(verb, cues: QuoteCues):
    """The subject of a verb, or of the clause a conjoined verb or participle shares it with."""
    own = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if own is not None and verb.dep_ == "conj":
        return own  # "…, but she did call for more transparency": a conjunct with a subject of its own
    head = verb
    if verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG":
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ == "advcl" and head.tag_ == "VBG" and verb.tag_ == "VBG":
            head = head.head  # "…, criticizing the plan and calling for limits": the clause's subject
    elif verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
            and verb.head.lower_ in cues.same_subject_preps:
        head = verb.head.head
    return next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)


def _has_subject(verb, cues: QuoteCues) -> bool:
    """Whether a speech act's verb has a subject of its own, or shares one: a conjoined verb ("criticized
    the deals and called for tariffs"), a participle of the clause ("..., calling it “disqualifying”",
    "responded by calling him a “loser”")."""
    return _subject_token(verb, cues) is not None
