"""Indirect quotes: the speech verbs, acts and nouns that report something, what they report and who says it."""
from __future__ import annotations

import re

from ...model import Quote, Span
from .cues import QuoteCues, data_source
from .speakers import SUBJECT_DEPS
from ...text.index import TextIndex
from ..parse import segment_text, tokens_where
from .syntax import FINITE_TAGS
from .clauses import asks_question, clause_content, trailing_subject, trimmed_range
from .acts import short_answer, noun_cue, speech_act, participle_owner, naming_participle, object_content, \
    to_gerund_content



def find_indirect(index: TextIndex, cues: QuoteCues, inside_quote, resolver, pending: dict) -> list[Quote]:
    """Reported clauses of speech verbs ("X said (that) ...", "X warned Y not to ...", "according to X, ...")."""
    out: list[Quote] = []
    for seg in index.segments:
        if seg.kind == "comment":
            continue
        off = seg.start
        seg_text = segment_text(seg.sdoc)

        def quoted(t, off=off) -> bool:
            return inside_quote(off + t.idx, off + t.idx + len(t.text))
        # Only verbs, auxiliaries and "according" can start a reported clause below.
        for tok in tokens_where(seg.sdoc, POS=("VERB", "AUX").__contains__, LOWER="according".__eq__):
            pos = off + tok.idx
            if quoted(tok):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(seg.sdoc) and seg.sdoc[tok.i + 1].lower_ == "to":
                found = _according_to(seg, tok, cues, quoted)
                if found is not None:
                    q, obj = found
                    if obj.pos_ == "NOUN" and resolver.mute(obj, off):
                        obj = None  # "according to their instinctive preference": no one's words
                    pending[id(q)] = (obj, seg.start, q.start)
                    out.append(q)
                continue
            lemma = tok.lemma_.lower()
            if _yes_no_question(tok):
                continue  # "Have the generals told the president how …?": asked, not reported
            if tok.pos_ == "VERB" and _supposed(tok):
                continue  # "if someone asks me to help ...", "the same as saying an app can ...": nothing was reported
            if tok.pos_ == "VERB" and (act := speech_act(tok, cues, quoted)) is not None:
                start, end = off + act[0], off + act[1]
                q = Quote(start, end, "indirect", None, Span(pos, pos + len(tok.text)))
                # "The mayor called Trump a fascist" read as a noun with a participle: the noun speaks
                speaker = participle_owner(tok) if naming_participle(tok, cues) \
                    else resolver.subject_of(tok, off, mute_ok=True)
                if lemma in cues.evidential and resolver.mute(speaker, off) or _nobody(speaker):
                    continue  # "The crisis calls for …", "no one called for …"
                if speaker is not None and speaker.pos_ == "NOUN" and resolver.mute(speaker, off):
                    speaker = None
                pending[id(q)] = (speaker, off, start)
                out.append(q)
                continue
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            clause_cue = lemma in cues.clause_speech or _phrasal(tok, cues) or asks_question(tok) \
                or _describes_how(tok)
            if not (clause_cue or lemma in cues.object_content or lemma in cues.short_answer_verbs):
                continue
            host = _infinitive_host(tok, cues)
            if host is None and any(c.dep_ in ("aux", "neg") and c.lower_ in cues.not_said for c in tok.children):
                continue  # "to admit that ...", "did not say whether ...", "Basil could declare that ...": nothing was reported
            if _admitted_to(tok):
                continue  # "refugees admitted to the country have been ...": let in, not confessing (realworld50)
            if _supposed(tok):
                continue
            if _imperative(tok) or _in_idiom(seg_text, tok, cues):
                continue  # "tell us this isn't ...", "it goes without saying that ...": nobody's words
            content = to_gerund_content(tok, cues, quoted)  # "admitted to threatening the girl" (realworld43)
            if content is None and clause_cue:
                content = clause_content(tok, cues, quoted)
            if tok.tag_ in FINITE_TAGS and seg_text[:tok.idx].rstrip(" ,").endswith(("”", '"', "''", "’")) and not any(
                    c.dep_ in SUBJECT_DEPS and c.i < tok.i for c in tok.children):
                # "''…,'' said Robin Maynard, half joking": the quotation's cue, the speaker after it; but
                # "The ferry is “a money pit,” said Holm": a clause of the writer's words ending in the
                # quotation is what was said
                if content is None or content[1] > tok.idx or not _clause_into_quote(tok.doc, content, quoted):
                    continue
            if content is None:
                if host is None and _obliged(tok, cues):
                    continue  # "Norway must also acknowledge the history of ...": a duty towards a thing, nothing
                    # was said (realworld50; a clause after "should say that" is left to be reported)
                content = object_content(tok, cues, quoted, resolver.roles)
            short = content is None and (content := short_answer(tok, cues, quoted)) is not None
            if content is None:
                continue
            a, b = content
            start, end = off + a, off + b
            if end - start < 8 and not short:
                continue
            if _quotation_with_own_cue(tok.doc, a, b, cues, quoted):
                continue  # "... but the mayor denies — “why would you ...?” asked Brandt": Brandt's words (realworld49)
            q = Quote(start, end, "indirect", None, Span(pos, pos + len(tok.text)))
            # "Asked whether Putin would attend, the spokesman said": the question is put to the
            # clause's subject by someone not named, so it has no speaker
            asked = lemma == "ask" and tok.tag_ == "VBN" and (not any(c.dep_ in ("aux", "auxpass")
                                                                     for c in tok.children)
                                                             or any(c.dep_ == "auxpass" for c in tok.children))
            # ("the actress was asked if …": passive, its subject is the one asked, not the asker)
            # ("Asked by Berg whether …": the one named after "by" put it)
            asker = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                         None) if asked else None
            speaker = asker if asked else resolver.subject_of(host if host is not None else tok, off, mute_ok=True)
            if not asked and not any(c.dep_ == "nsubj" for c in tok.children) \
                    and (closing := trailing_subject(tok, cues, quoted)) is not None:
                speaker = closing[1]  # "..., the Syrian Arab News Agency (SANA) reported": the name the parser did
                # not make the verb's subject, not the subject of the clause it hung the verb in (realworld52)
            if lemma in cues.evidential and resolver.mute(speaker, off):
                continue  # "An administrative error revealed that …": evidence, not anyone's words
            if not asked and speaker is not None and speaker.pos_ == "NOUN" and resolver.mute(speaker, off):
                speaker = None  # "The event featured X, an activist, accusing …": not the event
            if _nobody(speaker):
                continue  # "no one told the reporters what to write": nothing was said
            pending[id(q)] = (speaker, off, start)
            out.append(q)
        # "his call to close the harbour …", "Solberg's call for an independent audit", "her remark that “…”"
        for tok in tokens_where(seg.sdoc, LEMMA=cues.noun_cues.__contains__):
            found = None if tok.pos_ != "NOUN" or quoted(tok) else noun_cue(tok, cues, quoted)
            if found is not None:
                start, end = off + found[0][0], off + found[0][1]
                q = Quote(start, end, "indirect", None, Span(off + tok.idx, off + tok.idx + len(tok.text)))
                pending[id(q)] = (found[1], off, start)
                out.append(q)
    return out


def _clause_into_quote(sdoc, content: tuple[int, int], quoted, min_words: int = 2) -> bool:
    """Whether a reported clause before its cue opens with at least `min_words` words outside any
    quotation and runs on into one ("The ferry is “a money pit,” said Holm"), rather than lying in it."""
    words = [t for t in sdoc if content[0] <= t.idx < content[1] and not t.is_punct]
    outside = 0
    for t in sdoc[words[0].i:] if words else ():
        if quoted(t):
            return outside >= min_words
        if t.text in "()[]":
            return False  # "… anger (“I want my fare back,” said X)": the quotation stands alone
        outside += not t.is_punct
    return False


def _nobody(subject) -> bool:
    """A subject that denies anyone spoke: "no one", "nobody", "no official", "none of them"."""
    return subject is not None and (subject.lower_ in ("nobody", "none", "noone", "nothing")
                                    or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children))


def _yes_no_question(verb) -> bool:
    """Whether a verb is the one a yes/no question opens with its auxiliary ("Have the generals told the
    president how …?", "Did she say that …?"): the writer asks whether it was said."""
    sent = verb.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    first = sent[0]
    # (the parser may hang the auxiliary elsewhere: "Have the officers sending troops abroad told …?")
    return last is not None and last.text == "?" and first.pos_ == "AUX" and first.dep_ in ("aux", "auxpass") \
        and first.i < verb.i


def _infinitive_host(verb, cues: QuoteCues):
    """The verb whose subject speaks through an infinitive speech verb that reports what was said: "is
    quick to point out that …", "was right to note that …" (the adjective's verb), "continued to complain
    that …", "went on to note that …" (the host itself); None for any other infinitive ("refused to admit
    that …", "is expected to argue that …"), a negated one or a host that is negated."""
    marks = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.lower_ in ("to", "not", "n't", "n’t", "never")]
    if [c.lower_ for c in marks] != ["to"] or verb.dep_ not in ("xcomp", "advcl"):
        return None
    head = verb.head
    if head.lemma_.lower() not in cues.infinitive_hosts or any(c.dep_ == "neg" for c in head.children):
        return None
    if head.pos_ == "ADJ":
        host = head.head if head.dep_ == "acomp" else None
        return host if host is not None and not any(c.dep_ == "neg" for c in host.children) else None
    if head.lemma_.lower() == "go" and not any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children):
        return None  # "went on to note"; not "went to say goodbye"
    return head if head.pos_ in ("VERB", "AUX") else None


def _phrasal(verb, cues: QuoteCues) -> bool:
    """A two-word cue of the data's phrasal list on the verb and its particle or predicate: "pointed out
    that ...", "made clear that ..."."""
    lemma = verb.lemma_.lower()
    return any(len(p) == 2 and p[0] in (lemma, verb.lower_) and any(
        c.lower_ == p[1] and c.dep_ in ("prt", "oprd", "acomp") for c in verb.children) for p in cues.phrasal)


def _describes_how(verb) -> bool:
    """ "described how, growing up, Rafael turned into Felito": a described event is reported."""
    return verb.lemma_.lower() == "describe" and any(
        c.dep_ == "ccomp" and c.i > verb.i and verb.doc[verb.i + 1].lower_ in ("how", "what", "why")
        for c in verb.children)
# words under a speech verb that say it was not said: an infinitive, a negation, a possibility ("an app could
# declare that it handles links", "the court might rule that ..."; realworld38)
def _obliged(verb, cues: QuoteCues) -> bool:
    """A speech verb under a modal of duty with no perfect "have" ("must acknowledge", "should admit"): what someone
    ought to say, not what was said ("must have told" still reports)."""
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(a in cues.duty_modals for a in aux) and "have" not in aux


def _admitted_to(verb) -> bool:
    """A past participle of a speech verb after its noun with "to" and a noun ("the refugees admitted to the country",
    "a letter addressed to the council"): an entry or an address, not words said; also when the parser made it the
    main verb and the clause after it has no subject ("refugees from Peru admitted to the country have been ...")."""
    to_noun = any(c.dep_ == "prep" and c.lower_ == "to" and c.i > verb.i
                  and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") for g in c.children) for c in verb.children)
    if not to_noun:
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    return bool(comps) and all(not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)
                               and not any(g.dep_ == "mark" for g in c.children) for c in comps)


# a speech verb in a condition ("if someone asks me to help them, I say ..."), or a gerund compared with
# something ("is not the same as saying an app can find you", "is like saying that ...", "rather than saying
# ..."): a supposed act, nobody's words (realworld39)
_CONDITION_MARKS = frozenset({"if", "unless"})
_COMPARED_BY = frozenset({"as", "like", "than"})
_FREE_RELATIVES = frozenset({"what", "whatever"})


def _quotation_with_own_cue(sdoc, a: int, b: int, cues: QuoteCues, quoted) -> bool:
    """Whether the clause a..b (characters of `sdoc`) lies inside a quotation that its own inverted cue follows
    ("... denies — “why would you keep quiet about it?” asked Brandt"): the quotation is the second speaker's, and
    the verb before it reports nothing of it. The first token after the closing marks is a speech verb with its
    subject after it."""
    span = sdoc.char_span(a, b, alignment_mode="contract")  # a binary search, not a walk over every token
    inside = list(span) if span is not None else []
    if not inside or not all(quoted(t) for t in inside if not t.is_punct):
        return False
    n, closed = inside[-1].i + 1, False
    # past the rest of the quotation (an editor's "[for tampering]" too) and its closing mark
    while n < len(sdoc) and (quoted(sdoc[n]) or sdoc[n].is_punct and sdoc[n].text not in ("—", "–", "-")):
        closed = closed or sdoc[n].text in ("”", '"', "''", "’", "»")
        n += 1
    if n >= len(sdoc) or not closed:
        return False  # no closing mark: the clause goes on past the quotation
    verb = sdoc[n]
    return verb.lemma_.lower() in cues.speech and verb.pos_ in ("VERB", "AUX") \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in verb.children)


def _supposed(verb) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return True  # "less credit than aides say he deserves": a comparison, its clause left unsaid (realworld49)
    if any(c.dep_ == "dobj" and c.lower_ in _FREE_RELATIVES and c.i < verb.i for c in verb.children) \
            and any(c.dep_ == "dobj" and c.pos_ == "PRON" and c.i > verb.i for c in verb.children):
        return True  # "Regardless of what you call it, ...", "Whatever you call it": anyone's name for it (realworld40)
    if not (verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in _COMPARED_BY):
        return False
    # "as" after a verb is no comparison: "is quoted as saying that ...", "was cited as saying ..." report words
    return verb.head.lower_ != "as" or verb.head.head.pos_ not in ("VERB", "AUX")


def _imperative(verb) -> bool:
    """An order to the reader ("tell us ..."): a bare verb with no subject or auxiliary, the root or the first
    word of its sentence ("Note that ..., the other one will follow": the parser may hang it on a later verb,
    realworld37)."""
    return verb.tag_ == "VB" and (verb.dep_ == "ROOT" or verb.i == verb.sent.start) and not any(
        c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in verb.children)


def _in_idiom(text: str, verb, cues: QuoteCues) -> bool:
    window = text[max(0, verb.idx - 30):verb.idx + len(verb.text)].lower()
    if any(window.endswith(idiom) for idiom in cues.idioms):
        return True
    after = re.match(r"[ \u00a0]+([a-z’']+(?:[ \u00a0]+[a-z’']+)?)(?![\w’'])", text[verb.idx + len(verb.text):verb.idx + len(verb.text) + 30].lower())
    if after is None or after.group(1) not in cues.idioms_after:
        return False
    # "the title says it all" (realworld40), not "said it all went well": the words are the verb's object; "said
    # no to the war" (realworld51): the parser makes "no" an interjection, not "said no tax would pass"
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.head.i == verb.i and nxt.dep_ in ("dobj", "npadvmod", "advmod", "intj")


def _according_to(seg, tok, cues: QuoteCues, quoted) -> tuple[Quote, object] | None:
    """ "according to X, CLAUSE" / "CLAUSE, according to X": the clause is X's, with "according to" the cue."""
    sdoc = seg.sdoc
    to = sdoc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    phrase_first = tok.i
    phrase_last = obj.right_edge.i
    obj = data_source(obj, cues)  # "according to data presented in X's report": the report speaks
    head = tok.head
    # "a firm that, according to X, stopped ...": X's claim is the relative clause, not the sentence
    clause = head if head.pos_ in ("VERB", "AUX") and head.dep_ in ("relcl", "ccomp") else tok.sent.root
    first, last = clause.left_edge.i, clause.right_edge.i
    if clause.i == tok.sent.root.i:
        first, last = tok.sent.start, tok.sent.end - 1
    if phrase_first - first <= 1:
        a, b = phrase_last + 1, last
    else:
        a, b = first, phrase_first - 1
        if phrase_last < last and clause.i > phrase_last:
            a = phrase_last + 1
            b = last
    if any(t.pos_ == "VERB" and t.lemma_.lower() in cues.own_words and t.tag_ in ("VBD", "VBZ", "VBP") and not quoted(t)
           and any(c.dep_ == "nsubj" and not quoted(c) for c in t.children)
           and not any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in t.children) for t in sdoc[a:b + 1]):
        return None  # "“…,” Holm said, according to a transcript": Holm's words, the transcript where they were
        # read (the citation layer keeps the source; realworld50)
    trimmed = trimmed_range(sdoc, a, b, cues, quoted) if b >= a else None
    if trimmed is None:
        return None
    off = seg.start
    cue = Span(off + tok.idx, off + to.idx + len(to.text))
    return Quote(off + trimmed[0], off + trimmed[1], "indirect", None, cue), obj
