"""The `quotes` stage: who said what (direct, indirect, mixed, embedded posts, scare quotes) and citations."""
from __future__ import annotations

# Quotations are found on the raw text (marks pair across tokens and paragraphs); their cues and
# speakers, and the indirect quotes, come from the dependency parse of each paragraph.

import bisect
import re
from itertools import accumulate

from ...model import Document, Quote, Span, Speaker
from ...pipeline import register_stage
from .citations import find_citations
from ..entities.kb_index import kb_index
from .cues import QuoteCues, data_source, quote_cues
from .marks import Marked, find_quotations
from ..entities.roles import vocabulary
from .speakers import NOT_SPEAKERS, SUBJECT_DEPS, SpeakerResolver, can_speak
from ...text.dateline import DATELINE
from ...text.index import TextIndex
from ..parse import segment_text, tokens_where

STATEMENT_KINDS = ("direct", "indirect", "mixed", "post")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_COMPLEMENTIZERS = {"that", ",", ":", "whether", "if"}
_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def find_quotes(doc: Document, kb, roles, cues: QuoteCues | None = None,
                index: TextIndex | None = None) -> list[Quote]:
    """The quotes of one document (parsed, with entities), ids q1, q2, ... in text order."""
    cues = cues or quote_cues()
    index = index or TextIndex(doc)
    pieces = ([doc.title] if doc.title else []) + list(doc.body)
    if not doc.body and not doc.title and doc.parses:
        pieces = [Span(s.start, s.end) for s in doc.sentences if s.segment != "comment"]
    marks: list[Marked] = []
    for p in pieces:
        marks.extend(find_quotations(doc.text, p.start, p.end))
    outer = sorted((m for m in marks if m.depth == 0), key=lambda m: m.start)
    outer_starts = [m.start for m in outer]
    reach = list(accumulate((m.end for m in outer), max))  # furthest end among the marks so far

    def inside_quote(start: int, end: int) -> bool:
        # by bisection, not a scan of every quotation per token (quadratic on a text of many quotes)
        i = bisect.bisect_right(outer_starts, start) - 1
        while i >= 0 and reach[i] >= end:
            if end <= outer[i].end:
                return True
            i -= 1
        return False

    resolver = SpeakerResolver(index, cues, kb, roles, inside_quote)
    posts = _posts(doc, pieces, index, cues, kb)
    in_post = [(q.start, q.end) for q in posts]
    quotes: list[Quote] = list(posts)
    direct: list[Quote] = []
    for m in marks:
        if any(s <= m.start < e for s, e in in_post):
            if m.depth == 0 and _words(doc.text, m) <= cues.scare_max_words:
                quotes.append(Quote(m.start, m.end, "scare"))
            continue
        kind = _classify(doc.text, m, index, cues)
        q = Quote(m.start, m.end, kind)
        if kind == "direct":
            direct.append(q)
        quotes.append(q)
    # speakers are resolved in text order afterwards, so that "it said" can look back at earlier ones
    pending: dict[int, tuple] = {}
    indirect = _indirect(index, cues, inside_quote, resolver, pending)
    quotes = _merge(doc.text, quotes, indirect, pending)
    quotes.sort(key=lambda q: (q.start, -q.end))
    _attribute(doc, quotes, index, cues, resolver, pending)
    for i, q in enumerate(quotes, 1):
        q.id = f"q{i}"
    return quotes


def _words(text: str, m: Marked) -> int:
    a, b = m.inner
    return len(_WORD.findall(text, a, b))


def _classify(text: str, m: Marked, index: TextIndex, cues: QuoteCues) -> str:
    """`direct` (a statement), `nested` (a quotation inside one) or `scare` (a quoted term)."""
    n = _words(text, m)
    if n == 0:
        return "scare"
    if m.depth > 0:
        return "scare" if n <= cues.scare_max_words else "nested"
    before = text[max(0, m.start - 30):m.start].lower().split()
    if before and before[-1].strip("(,") in cues.term_markers:
        return "scare"
    if _heading(text, m, n):
        return "scare"
    if n <= cues.scare_max_words:
        # a short quotation is a statement only when it stands as one: “Never,” he said.
        lead = text[max(0, m.start - 3):m.start].rstrip()
        stands = not lead or lead[-1] in ".!?:\n" or text[m.start - 1] == "\n"
        inner = text[m.inner[0]:m.inner[1]].rstrip()
        return "direct" if stands and inner[-1:] in ",.!?" else "scare"
    seg = index.segment_at(m.start)
    if seg is not None and not _has_finite_verb(seg, m) and not _speech_before(seg, m, cues) \
            and not _speech_after(seg, m, cues):
        return "scare"  # a quoted name or phrase: “commander of the operations room”
    return "direct"


def _heading(text: str, m: Marked, n_words: int, max_words: int = 8) -> bool:
    """A quotation that is its paragraph's only content, in title case: a sub-heading ('All Bets Are
    Off.'), which names a section rather than reporting a statement."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    if n_words > max_words or text[line_start:m.start].strip() or text[m.end:line_end].strip(" .\t"):
        return False
    words = _WORD.findall(text, *m.inner)
    long_words = [w for w in words if len(w) > 3]
    if len(words) >= 2 and bool(long_words) and all(w[0].isupper() for w in long_words):
        return True
    # a crosshead: the line's words said again elsewhere in the text ("'A healthy environment.'" over
    # "... a healthy environment,'' said ..."), a heading drawn from the story, no statement of its own
    said = r"\W+".join(re.escape(w) for w in words)
    return len(words) >= 2 and any(hit.start() < line_start or hit.start() >= line_end
                                   for hit in re.finditer(rf"(?<!\w){said}(?!\w)", text, re.I))


def _speech_before(seg, m: Marked, cues: QuoteCues, window: int = 8) -> bool:
    """A speech verb a few words before a verbless quotation: calling the attack “a deliberate attempt ...”."""
    n = bisect.bisect_left(seg.token_starts, m.start - seg.start)
    if n == 0:
        return False
    sent_start = seg.sdoc[n - 1].sent.start
    return any(t.lemma_.lower() in cues.speech and t.pos_ == "VERB"
               for t in seg.sdoc[max(sent_start, n - window):n])


def _speech_after(seg, m: Marked, cues: QuoteCues, window: int = 3) -> bool:
    """A speech verb right after a verbless quotation that ends a clause: “Oh, let him make that
    decision,” said Vice President Joe Biden."""
    n = bisect.bisect_left(seg.token_starts, m.end - seg.start)
    inner = segment_text(seg.sdoc)[m.inner[0] - seg.start:m.inner[1] - seg.start].rstrip()
    if inner[-1:] not in ",.!?":
        return False
    if any(t.lemma_.lower() in cues.speech and t.pos_ == "VERB" for t in seg.sdoc[n:n + window]):
        return True
    # “…,” the retired harbour master told …: a noun phrase of up to six words, then the verb
    k = n
    while k < len(seg.sdoc) and k - n < 6 and seg.sdoc[k].pos_ in _SUBJECT_WORDS:
        k += 1
    return k - n > 0 and k < len(seg.sdoc) and seg.sdoc[k].lemma_.lower() in cues.speech \
        and seg.sdoc[k].pos_ == "VERB" and seg.sdoc[k].tag_ in FINITE_TAGS


_SUBJECT_WORDS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"}


def _has_finite_verb(seg, m: Marked) -> bool:
    a, b = m.inner
    first = bisect.bisect_left(seg.token_starts, a - seg.start)  # from the quotation, not the piece's start
    for tok in seg.sdoc[first:]:
        pos = seg.start + tok.idx
        if pos >= b:
            break
        if pos >= a and (tok.tag_ in FINITE_TAGS or tok.pos_ == "AUX" or tok.dep_ == "ROOT" and tok.pos_ == "VERB"):
            return True
    return False


def _indirect(index: TextIndex, cues: QuoteCues, inside_quote, resolver, pending: dict) -> list[Quote]:
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
            if tok.pos_ == "VERB" and (act := _speech_act(tok, cues, quoted)) is not None:
                start, end = off + act[0], off + act[1]
                q = Quote(start, end, "indirect", None, Span(pos, pos + len(tok.text)))
                # "The mayor called Trump a fascist" read as a noun with a participle: the noun speaks
                speaker = _participle_owner(tok) if _naming_participle(tok, cues) \
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
            clause_cue = lemma in cues.clause_speech or _phrasal(tok, cues) or _asks_question(tok) \
                or _describes_how(tok)
            if not (clause_cue or lemma in cues.object_content or lemma in cues.short_answer_verbs):
                continue
            host = _infinitive_host(tok, cues)
            if host is None and any(c.dep_ in ("aux", "neg") and c.lower_ in _NOT_SAID for c in tok.children):
                continue  # "to admit that ...", "did not say whether ...", "Basil could declare that ...": nothing was reported
            if _supposed(tok):
                continue
            if _imperative(tok) or _in_idiom(seg_text, tok, cues):
                continue  # "tell us this isn't ...", "it goes without saying that ...": nobody's words
            content = _content(tok, cues, quoted) if clause_cue else None
            if tok.tag_ in FINITE_TAGS and seg_text[:tok.idx].rstrip(" ,").endswith(("”", '"', "''", "’")) and not any(
                    c.dep_ in SUBJECT_DEPS and c.i < tok.i for c in tok.children):
                # "''…,'' said Robin Maynard, half joking": the quotation's cue, the speaker after it; but
                # "The ferry is “a money pit,” said Holm": a clause of the writer's words ending in the
                # quotation is what was said
                if content is None or content[1] > tok.idx or not _clause_into_quote(tok.doc, content, quoted):
                    continue
            if content is None:
                content = _object_content(tok, cues, quoted, resolver.roles)
            short = content is None and (content := _short_answer(tok, cues, quoted)) is not None
            if content is None:
                continue
            a, b = content
            start, end = off + a, off + b
            if end - start < 8 and not short:
                continue
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
            found = None if tok.pos_ != "NOUN" or quoted(tok) else _noun_cue(tok, cues, quoted)
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


def _short_answer(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
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


def _noun_cue(noun, cues: QuoteCues, quoted):
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
                and clause.head.i < noun.i and any(c.dep_ in _CLAUSE_SUBJECTS for c in clause.children):
            span = (that.i, clause.right_edge.i)
    if span is None:
        return None
    found = _statement(noun.doc, span[0], span[1], cues, quoted)
    return (found, owner) if found is not None else None


def _phrasal(verb, cues: QuoteCues) -> bool:
    """A two-word cue of the data's phrasal list on the verb and its particle or predicate: "pointed out
    that ...", "made clear that ..."."""
    lemma = verb.lemma_.lower()
    return any(len(p) == 2 and p[0] in (lemma, verb.lower_) and any(
        c.lower_ == p[1] and c.dep_ in ("prt", "oprd", "acomp") for c in verb.children) for p in cues.phrasal)


_QUESTION_WORDS = {"if", "whether", "how", "why", "what", "when", "where", "who", "which"}


def _asks_question(verb) -> bool:
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


def _describes_how(verb) -> bool:
    """ "described how, growing up, Rafael turned into Felito": a described event is reported."""
    return verb.lemma_.lower() == "describe" and any(
        c.dep_ == "ccomp" and c.i > verb.i and verb.doc[verb.i + 1].lower_ in ("how", "what", "why")
        for c in verb.children)


def _speech_act(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
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
    if not (_has_subject(verb, cues) or names and _naming_participle(verb, cues)) or any(
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
        if obj is not None and xcomp is not None and obj.i < xcomp.i:
            span = (obj.left_edge.i, xcomp.right_edge.i)
    if span is not None:
        pass
    elif lemma in cues.subject_infinitive:
        xcomp = next((c for c in after if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                      and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if xcomp is not None:
            span = (xcomp.left_edge.i, xcomp.right_edge.i)
    elif preps is not None:
        prep = next((c for c in after if c.dep_ == "prep" and c.lower_ in preps
                     and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)), None)
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
    return _statement(verb.doc, span[0], span[1], cues, quoted, min_tokens=2 if short else 3)


_CLOSING = ("”", '"', "’", "''")
# words under a speech verb that say it was not said: an infinitive, a negation, a possibility ("an app could
# declare that it handles links", "the court might rule that ..."; realworld38)
_NOT_SAID = frozenset({"to", "not", "n't", "n’t", "never", "could", "might", "may"})


# a speech verb in a condition ("if someone asks me to help them, I say ..."), or a gerund compared with
# something ("is not the same as saying an app can find you", "is like saying that ...", "rather than saying
# ..."): a supposed act, nobody's words (realworld39)
_CONDITION_MARKS = frozenset({"if", "unless"})
_COMPARED_BY = frozenset({"as", "like", "than"})
_FREE_RELATIVES = frozenset({"what", "whatever"})


def _supposed(verb) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in verb.children):
        return True
    if any(c.dep_ == "dobj" and c.lower_ in _FREE_RELATIVES and c.i < verb.i for c in verb.children) \
            and any(c.dep_ == "dobj" and c.pos_ == "PRON" and c.i > verb.i for c in verb.children):
        return True  # "Regardless of what you call it, ...", "Whatever you call it": anyone's name for it (realworld40)
    if not (verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in _COMPARED_BY):
        return False
    # "as" after a verb is no comparison: "is quoted as saying that ...", "was cited as saying ..." report words
    return verb.head.lower_ != "as" or verb.head.head.pos_ not in ("VERB", "AUX")


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


def _participle_owner(verb):
    """The noun a participle hangs on, past a phrase set between them ("Lund, speaking on KRX990,
    called …": the parser hangs "called" on "KRX990", but Lund speaks)."""
    owner = verb.head
    while owner.dep_ in ("pobj", "prep", "acl", "advcl") and owner.head is not owner:
        owner = owner.head
    return owner if owner.pos_ in ("NOUN", "PROPN") else verb.head


def _naming_participle(verb, cues: QuoteCues) -> bool:
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


def _object_content(verb, cues: QuoteCues, quoted, roles=None) -> tuple[int, int] | None:
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
        return _statement(verb.doc, pobj.left_edge.i, pobj.right_edge.i, cues, quoted, min_tokens=2) \
            if pobj is not None else None
    if verb.lemma_.lower() == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None  # "pointing a finger"; "pointed out the risk" is the phrasal cue's
    if not objects and len(gerund) == 1 and lemma in cues.gerund_content:
        # "reported spending $3 million", "denied having met him"
        return _statement(verb.doc, gerund[0].i, gerund[0].right_edge.i, cues, quoted, min_tokens=2)
    obj = objects[0] if len(objects) == 1 else None  # (two: "denied the team a penalty")
    if lemma not in cues.object_content and (obj is None or obj.lemma_.lower() not in cues.claim_objects.get(lemma, ())):
        return None  # "denied the charges", "confirmed the report"; not "denied him entry", "confirmed the nominee"
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in NOT_SPEAKERS \
            or any(c.dep_ == "aux" for c in obj.children):
        return None  # (an object with "to" is a verb the parser took for a noun: "promised to bridge")
    return _statement(verb.doc, obj.left_edge.i, obj.right_edge.i, cues, quoted, min_tokens=2)


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
    # "the title says it all" (realworld40), not "said it all went well": the words are the verb's object
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.head.i == verb.i and nxt.dep_ in ("dobj", "npadvmod", "advmod")


def _reported_clause(comp, verb, cues: QuoteCues) -> bool:
    """Whether a ccomp of a speech verb can be what was said: not an adverbial clause ("said before he
    died"), not a finite clause without subject (a misparse: "Everything Trump says is a lie"), and
    before the verb only as "CLAUSE, X said" (not "CLAUSE: X declared war", not when the verb has an
    object or complement of its own: "..., she added the words")."""
    if any(m.dep_ == "mark" and m.lower_ in cues.adverbial_marks for m in comp.children) \
            and not (_asks_question(verb) and comp.left_edge.lower_ == "if"):  # "asked if ...": a question
        return False
    if comp.tag_ in FINITE_TAGS and not any(c.dep_ in _CLAUSE_SUBJECTS for c in comp.children) \
            and _relative_word(verb) is None:
        return False
    if comp.i < verb.i:
        if any(t.text == ":" for t in verb.doc[comp.right_edge.i + 1:verb.i]):
            return False
        if any(c.dep_ == "xcomp" or c.dep_ == "dobj" and not _hearer(c, cues) for c in verb.children):
            return False  # (an object of "tell" that is the hearer stays: "…, an official told The Times")
    return True


def _content(verb, cues: QuoteCues, quoted) -> tuple[int, int] | None:
    """Character range (in the segment) of the clause a speech verb reports, or None."""
    if verb.lemma_.lower() not in cues.object_infinitive and _in_headline(verb):
        # "Adler Says Parking Fines Will Fall": the parser reads a title-case clause as names; all the
        # words after the verb are what was said (not after "Warns", "Urges": their object is the hearer)
        return _trim(verb.doc, verb.i + 1, verb.right_edge.i, cues, quoted)
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
            return _trim(verb.doc, obj.left_edge.i, xcomp.right_edge.i, cues, quoted)
    if comp is None:
        doc = verb.doc
        that = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if that is not None and that.lower_ == "that" and that.dep_ in ("prep", "dep") and that.head.i == verb.i \
                and verb.right_edge.i > that.i + 2:
            # "noting that at one point last spring the ferry had lost …": the parser took "that" for
            # a preposition; the rest of the verb's words are the clause
            return _trim(doc, that.i + 1, verb.right_edge.i, cues, quoted)
        comp = _misattached_clause(verb, cues)
        if comp is not None:
            return _trim(verb.doc, comp[0], comp[1], cues, quoted)
        gerund = _gerund_subject_clause(verb)
        if gerund is not None:
            return _trim(verb.doc, gerund[0], gerund[1], cues, quoted)
        joined = _inverted_conjunct(verb)
        if joined is not None:
            return _trim(verb.doc, joined[0], joined[1], cues, quoted)
        inset = _parenthetical(verb)
        if inset is not None:
            return _trim(verb.doc, inset[0], inset[1], cues, quoted)
        host = _host_clause(verb, cues)
        if host is not None:
            return _trim(verb.doc, host[0], host[1], cues, quoted)
        split = _clause_as_object(verb, cues, quoted)
        if split is not None:
            return _trim(verb.doc, split[0], split[1], cues, quoted)
        return None
    first, last = comp.left_edge.i, comp.right_edge.i
    rel = _relative_word(verb)
    if rel is not None and comp.i > verb.i and not any(c.dep_ in _CLAUSE_SUBJECTS for c in comp.children):
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
    if first < verb.i < last:
        # "a levy, which officials said would fund two buses": the relative word is the clause's, and the
        # statement runs from it, over the cue, to the clause's end
        if verb.dep_ == "relcl" and verb.doc[first].lower_ in ("which", "that", "who", "what") \
                and all(t.i >= first for t in verb.subtree):
            return _trim(verb.doc, first, last, cues, quoted)
        return None  # the parse put the verb inside its own complement
    if first > verb.i and _quoted_title(verb.doc, first, last, cues, quoted):
        return None
    return _trim(verb.doc, first, last, cues, quoted)


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
                 and c.tag_ in FINITE_TAGS and not any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children)), None)
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
    if not any(c.dep_ in _CLAUSE_SUBJECTS for c in head.children):
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
             and not any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children))]
    # (or a verb with a modal the parser joined to the speech verb, with no subject of its own: "said
    # raising the fares, and without asking anyone, could hurt the line"; not "reported spending …, while
    # X has reported spending …")
    beside = [c for c in verb.children if c.dep_ == "conj" and c.i > gerund.i and c.tag_ == "VB"
              and any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
              and not any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children)]
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
    if not any(c.dep_ in _CLAUSE_SUBJECTS for c in head.children):
        return None
    first = head.left_edge.i
    if first != verb.sent.start:
        return None
    return first, verb.i - 2


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


def _statement(sdoc, first: int, last: int, cues: QuoteCues, quoted, min_tokens: int = 3) -> tuple[int, int] | None:
    """`_trim`'s range when it holds at least 8 characters (shorter is no statement)."""
    found = _trim(sdoc, first, last, cues, quoted, min_tokens)
    return found if found is not None and found[1] - found[0] >= 8 else None


def _trim(sdoc, first: int, last: int, cues: QuoteCues, quoted, min_tokens: int = 3) -> tuple[int, int] | None:
    """The clause's character range without complementizers, edge punctuation and the writer's glosses;
    `quoted(token)` says whether a token stands inside a quotation."""
    last = _before_inset(sdoc, first, _without_glosses(sdoc, first, last, cues, quoted), cues, quoted)
    if first <= last and sdoc[first].idx == 0 and (dateline := DATELINE.match(sdoc.text)):
        while first <= last and sdoc[first].idx < dateline.end():
            first += 1  # "MOSCOW (Reuters) — Russia will ...": where the story was filed is nobody's words
    while first <= last and (sdoc[first].lower_ in _COMPLEMENTIZERS or sdoc[first].is_punct
                             and sdoc[first].text not in "“\"‘'"):
        first += 1
    while last >= first and sdoc[last].is_punct and sdoc[last].text not in "”\"’'":
        if sdoc[last].text == ")" and _unclosed(sdoc, first, last):
            break  # "on November 16 (i.e. this Friday)": the bracket the clause opened closes it (realworld37)
        last -= 1
    if last - first < min_tokens - 1:
        return None
    return sdoc[first].idx, sdoc[last].idx + len(sdoc[last].text)


def _unclosed(sdoc, first: int, last: int) -> bool:
    """Whether tokens first..last-1 open more round brackets than they close."""
    opened = sum(t.text == "(" for t in sdoc[first:last])
    return opened > sum(t.text == ")" for t in sdoc[first:last])


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
    trimmed = _trim(sdoc, a, b, cues, quoted) if b >= a else None
    if trimmed is None:
        return None
    off = seg.start
    cue = Span(off + tok.idx, off + to.idx + len(to.text))
    return Quote(off + trimmed[0], off + trimmed[1], "indirect", None, cue), obj


def _merge(text: str, quotes: list[Quote], indirect: list[Quote], pending: dict) -> list[Quote]:
    """Fold a quotation that fills a reported clause into it: mostly quoted -> the direct quote keeps the
    cue; partly quoted -> one `mixed` quote over the clause."""
    statements = [q for q in quotes if q.kind == "direct"]
    drop: set[int] = set()
    keep: list[Quote] = []
    for ind in indirect:
        overlapping = [d for d in statements if d.start < ind.end and ind.start < d.end]
        if not overlapping:
            keep.append(ind)
            continue
        covered = sum(min(d.end, ind.end) - max(d.start, ind.start) for d in overlapping)
        if covered >= 0.8 * (ind.end - ind.start):
            for d in overlapping:
                if d.cue is None:
                    d.cue = ind.cue
                    pending[id(d)] = pending.get(id(ind))
            continue
        for d in overlapping:
            drop.add(id(d))
        start = min([ind.start] + [d.start for d in overlapping])
        end = max([ind.end] + [d.end for d in overlapping])
        mixed = Quote(start, end, "mixed", None, ind.cue)
        pending[id(mixed)] = pending.get(id(ind))
        keep.append(mixed)
    # "X said the attack was,¶“…an aggressive act …”": the clause runs on into the quotation after it
    for i, ind in enumerate(keep):
        nxt = min((d for d in statements if d.start >= ind.end and id(d) not in drop), key=lambda d: d.start,
                  default=None)
        if nxt is not None and re.fullmatch(r"[\s,:]*", text[ind.end:nxt.start]) and text[ind.end:nxt.start].strip():
            drop.add(id(nxt))
            keep[i] = Quote(ind.start, nxt.end, "mixed", None, ind.cue)
            pending[id(keep[i])] = pending.get(id(ind))
    # two cues for one clause ("said ... adding that") or nested reporting: keep the outer clause
    keep.sort(key=lambda q: (q.start, -q.end))
    merged: list[Quote] = []
    for q in keep:
        if merged and q.start >= merged[-1].start and q.end <= merged[-1].end:
            if _is_according(text, merged[-1]):
                merged[-1] = q  # "X said ..., according to Reuters": X's words; the citation keeps Reuters
                continue
            cut = _contrast_cut(text, merged[-1], q, pending)
            if cut is None:
                continue
            # "61 percent said the ferry should run, while 30 percent said the money should go …": two speakers,
            # the outer clause ends where the other's begins
            outer = merged[-1]
            merged[-1] = Quote(outer.start, cut, outer.kind, None, outer.cue)
            pending[id(merged[-1])] = pending.get(id(outer))
        merged.append(q)
    return [q for q in quotes if id(q) not in drop] + merged


_CONTRAST_MARKS = {"while", "whereas"}
_JOINS = re.compile(r"[\s,;:\u2014\u2013-]*(?:\b(?:and|but|while|whereas)\b)?[\s,;:\u2014\u2013-]*$")


def _contrast_cut(text: str, outer: Quote, inner: Quote, pending: dict) -> int | None:
    """Where an indirect statement must end when the last part of its clause is another speaker's
    report joined by "while"/"whereas" or by "and"/"but" ("…, while 30 percent said the money …",
    "…, and the group said it …"): the start of that report's subject; None when the inner statement
    does not end the outer one, its cue has no subject of its own, or that subject is the outer's."""
    if outer.kind != "indirect" or inner.cue is None or text[inner.end:outer.end].strip(" .,;\"”'’"):
        return None
    found, mine = pending.get(id(inner)), pending.get(id(outer))
    if not found or found[0] is None or mine and mine[0] is found[0]:
        return None
    subj, off = found[0], found[1]
    verb = subj.head
    if subj.dep_ != "nsubj" or off + verb.idx != inner.cue.start or subj.lower_ in ("who", "that", "which"):
        return None
    contrast = any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in verb.children)
    joined = verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in ("and", "but") and c.i < subj.i
                                         for c in (*verb.head.children, *verb.children))
    k = subj.left_edge.i - 1
    while k > 0 and verb.doc[k].is_punct:
        k -= 1
    # "…, and three-quarters said the same of her": the parser hung the second report under the first
    joined = joined or verb.dep_ == "ccomp" and k >= 0 and verb.doc[k].dep_ == "cc" \
        and verb.doc[k].lower_ in ("and", "but") and verb.doc[k].i > verb.head.i
    if not (contrast or joined):
        return None
    start = off + subj.left_edge.idx
    if not outer.start < start <= inner.start:
        return None
    head = _JOINS.sub("", text[outer.start:start])
    return outer.start + len(head) if len(head) >= 8 else None


def _is_according(text: str, q: Quote) -> bool:
    return q.cue is not None and text[q.cue.start:q.cue.end].lower().startswith("according")


def _attribute(doc: Document, quotes: list[Quote], index: TextIndex, cues: QuoteCues, resolver,
               pending: dict) -> None:
    """Speakers in text order: the pending subject of a cue, a speech verb next to a quotation, else the
    quote it continues."""
    text = doc.text
    previous: Quote | None = None
    for q in quotes:
        if pending.get(id(q)) is not None:
            q.speaker = resolver.resolve(*pending[id(q)])
        if q.kind in ("indirect", "mixed", "post"):
            if q.speaker is not None:
                resolver.remember(q.start, q.speaker)
            # a question put by nobody named ("… when asked if she had met the mayor. “We agreed …”") does not
            # break the chain of the quotation before it
            previous = q if q.kind != "post" and q.speaker is not None else previous
            continue
        if q.kind != "direct":
            continue
        bare_cue = False  # a participle cue with no subject of its own: "Adding, “…”", "… if asked. “…”"
        if q.cue is None and q.speaker is None:
            found = _cue_near(q, index, cues)
            if found is None or found[0].lemma_.lower() not in cues.speech:
                # "Pollsters agree - Carl Bialik: “…”": a name before the colon beats a verb that is no cue
                q.speaker = _named_before_colon(q, index, text)
                found = found if q.speaker is None else None
            if found is not None:
                verb, off = found
                q.cue = Span(off + verb.idx, off + verb.idx + len(verb.text))
                subject = resolver.subject_of(verb, off, mute_ok=True)
                if not (verb.lemma_.lower() in cues.evidential and resolver.mute(subject, off)):
                    q.speaker = resolver.resolve(subject, off, q.start)
        if q.speaker is None and q.cue is not None:
            verb = _token_at(index, q.cue.start)
            bare_cue = verb is not None and verb.tag_ in ("VBG", "VBN") and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children)
        if q.speaker is None and (q.cue is None or bare_cue):
            if q.cue is None:
                q.speaker = _document_subject(q, index, cues, resolver) or _introducer(q, index, resolver)
            # (a finite cue whose subject the parser lost is left alone: the speaker is written there)
            if q.speaker is None and previous is not None and previous.speaker is not None \
                    and _continues(text, previous, q, index):
                q.speaker = Speaker(previous.speaker.entity, previous.speaker.name, previous.speaker.start,
                                    previous.speaker.end, previous.speaker.handle)
        if q.speaker is not None:
            resolver.remember(q.start, q.speaker)
        previous = q


def _token_at(index: TextIndex, pos: int):
    """The parsed token starting at document offset `pos`, else None."""
    seg = index.segment_at(pos)
    if seg is None:
        return None
    n = bisect.bisect_left(seg.token_starts, pos - seg.start)
    return seg.sdoc[n] if n < len(seg.sdoc) and seg.token_starts[n] == pos - seg.start else None


def _cue_near(q: Quote, index: TextIndex, cues: QuoteCues):
    """The speech verb of a quotation: in its own sentence outside the marks, or in a short sentence
    right after it ("... ,” he wrote for Vzglyad."), or ending the sentence before it with ':' or ','."""
    seg = index.segment_at(q.start)
    if seg is None:
        return None
    off = seg.start
    best = None
    text = segment_text(seg.sdoc)
    inner = text[q.start - off:q.end - off].rstrip("”\"’' ")
    ends_statement = inner[-1:] in ",.!?…" or text[q.end - off:q.end - off + 1] in (",", "")
    for sent in seg.sdoc.sents:
        s0, s1 = off + sent.start_char, off + sent.end_char
        if s1 <= q.start:
            last = sent[-1] if len(sent) else None
            # the parser may end a sentence at the opening mark: "calling the attack¶“a deliberate ...”"
            if not (last is not None and last.text not in (".", "!", "?") and q.start - s1 < 4):
                continue
        elif s0 >= q.end and s0 - q.end > 3:
            break
        for tok in sent:
            pos = off + tok.idx
            if q.start <= pos < q.end or tok.lemma_.lower() not in cues.speech or tok.pos_ not in ("VERB", "AUX"):
                continue
            if s0 >= q.end and any(c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") and c.i > tok.i
                                   for c in tok.children):
                continue  # a sentence after the quotation that reports its own words ("“…” A day later, the
                # treasurer insisted the mayor was ruining the town.") is no cue of the quotation
            dist = q.start - pos if pos < q.start else pos - q.end
            if pos >= q.end and not ends_statement:
                dist += 1000  # "... the ceasefire” agreed in Geneva": a cue after a mid-sentence quote is rare
            if best is None or dist < best[0]:
                best = (dist, tok)
    last_seg = index.segment_at(q.end - 1)
    if best is None and last_seg is not None and last_seg is not seg:
        # a quotation over several paragraphs: its cue follows the end ("… oppose that,” said Jim Bopp")
        found = _cue_after(q, last_seg, cues)
        if found is not None:
            return found, last_seg.start
    if best is None:
        # "An economist put it bluntly: “...”": the verb before the colon introduces the quotation
        colon = next((t for t in seg.sdoc if off + t.idx < q.start and t.text == ":"
                      and not segment_text(seg.sdoc)[t.idx + 1:q.start - off].strip()), None)
        if colon is not None:
            verb = colon.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and off + verb.idx < q.start:
                return verb, off
        # a quote that opens the paragraph after "X said the attack was," has its cue there
        prev = index.segment_at(q.start - 3) if q.start >= 3 else None
        if prev is not None and prev is not seg:
            tail = prev.sdoc[-1] if len(prev.sdoc) else None
            if tail is not None and tail.text in (":", ","):
                for tok in reversed(list(tail.sent)):
                    if tok.lemma_.lower() in cues.speech and tok.pos_ in ("VERB", "AUX"):
                        return tok, prev.start
        return None
    return best[1], off


def _named_before_colon(q: Quote, index: TextIndex, text: str) -> Speaker | None:
    """ "Carl Bialik: “One of the biggest lessons ...”", "More from Jones: “...”": the person or
    organisation named right before the colon that opens the quotation."""
    lead = text[max(0, q.start - 80):q.start]
    colon = lead.rstrip().rfind(":")
    if colon < 0 or lead[colon + 1:].strip():
        return None
    end = q.start - len(lead) + colon
    for ms, me, ent in reversed(index.entities_in(max(0, end - 60), end)):
        if me == end and ent.type not in ("place", "nationality", "commenter", "state"):
            return Speaker(ent.id, ent.name, ms, me)
        break
    return None


def _cue_after(q: Quote, seg, cues: QuoteCues, window: int = 4):
    """A speech verb among the first words after a quotation's end, in the segment holding that end."""
    n = bisect.bisect_left(seg.token_starts, q.end - seg.start)
    return next((t for t in seg.sdoc[n:n + window] if t.lemma_.lower() in cues.speech
                 and t.pos_ in ("VERB", "AUX")), None)


def _document_subject(q: Quote, index: TextIndex, cues: QuoteCues, resolver) -> Speaker | None:
    """A quotation standing after a sentence about a document ("The statement was issued ...") is the
    document's."""
    seg = index.segment_at(q.start - 3) if q.start >= 3 else None
    if seg is None or seg.start + len(segment_text(seg.sdoc)) > q.start:
        seg_here = index.segment_at(q.start)
        if seg_here is None or q.start - seg_here.start > 2:
            return None
        seg = index.segment_at(seg_here.start - 3) if seg_here.start >= 3 else None
        if seg is None:
            return None
    sents = list(seg.sdoc.sents)
    if not sents:
        return None
    root = sents[-1].root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lemma_.lower() in cues.documents:
        return resolver.resolve(subj, seg.start, q.start)
    return None


def _introducer(q: Quote, index: TextIndex, resolver) -> Speaker | None:
    """A quotation opening the paragraph after one that ends with a colon is by that paragraph's
    named subject ("Kerry ... tried to convince ... :¶“We’ve even proposed ...”")."""
    here = index.segment_at(q.start)
    if here is None or q.start - here.start > 2 or here.start < 3:
        return None
    prev = index.segment_at(here.start - 3)
    if prev is None or not segment_text(prev.sdoc).rstrip().endswith(":"):
        return None
    for sent in reversed(list(prev.sdoc.sents)):
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in ("this", "that"):
            continue
        speaker = resolver.resolve(subj, prev.start, q.start)
        if speaker is not None and speaker.entity is not None:
            return speaker
    return None


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[A-Z])")


def _continues(text: str, prev: Quote, q: Quote, index: TextIndex | None = None) -> bool:
    """Whether q goes on from prev: at most one short stretch of narration or one paragraph between them."""
    gap = text[prev.end:q.start]
    sp = prev.speaker
    if sp is not None and sp.start is not None and prev.end <= sp.start < q.start:
        if "\n" not in gap:
            # "“…,” said Dino Spencer, who now runs the gym — …. “He got …”": one paragraph, the
            # speaker written between the two quotations, whatever the gloss after the name
            return True
        # "“…,” Lindgren said during a visit to the site on Monday, a week after ….¶“After that, …”": the
        # sentence naming the speaker is the last before the next paragraph's quotation, however long
        seg = index.segment_at(sp.start) if index is not None else None
        if seg is not None and seg is not index.segment_at(q.start):
            n = bisect.bisect_right(seg.token_starts, sp.start - seg.start) - 1
            if n >= 0 and not text[seg.start + seg.sdoc[n].sent.end_char:q.start].strip():
                return True
    if len(gap.strip()) > 160 or gap.count("\n\n") > 2:
        return False
    if index is not None:
        # "“…?” Jo Reyes of the Greens denounced the “…” of “…”": a new sentence between them naming
        # another person, outside quotation marks, makes the next quotation no longer the last speaker's
        lead = max(prev.start, prev.end - 3)  # (the quotation's own "?”" may end the sentence)
        brk = _SENTENCE_BREAK.search(text, lead, q.start)
        if brk is not None:
            after = brk.end()
            for s, e, ent in index.entities_in(after, q.start):
                if ent.type == "person" and (sp is None or ent.id != sp.entity) \
                        and not re.search(r"[“\"]", text[after:s]):
                    return False
    return not re.search(r"[.!?]\s+[A-Z][^“”\"]{60,}", gap)


def _posts(doc: Document, pieces, index: TextIndex, cues: QuoteCues, kb) -> list[Quote]:
    """Social-media posts pasted as text: a "Name @handle time" line, then the post's paragraph(s);
    following paragraphs belong to the post while they carry hashtags or mentions."""
    text = doc.text
    out: list[Quote] = []
    for piece in pieces:
        lines = []
        pos = piece.start
        for raw in text[piece.start:piece.end].split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        i = 0
        while i < len(lines):
            ls, le = lines[i]
            m = cues.post_header.match(text[ls:le].strip())
            if not m or not _looks_like_name(m.group("name")):
                i += 1
                continue
            lead = len(text[ls:le]) - len(text[ls:le].lstrip())
            name_start = ls + lead
            name_end = name_start + len(m.group("name"))
            j = i + 1
            start = end = None
            paragraphs = 0
            while j < len(lines):
                s, e = lines[j]
                line = text[s:e]
                if not line.strip():
                    if start is not None:
                        paragraphs += 1
                    j += 1
                    continue
                if cues.post_header.match(line.strip()):
                    break
                if start is not None and paragraphs and not re.search(r"(?:^|\s)[#@]\w", line):
                    break
                if start is None:
                    start = s + len(line) - len(line.lstrip())
                end = s + len(line.rstrip())
                paragraphs = 0
                j += 1
            if start is not None and end > start:
                speaker = _account(doc, index, kb, name_start, name_end, m.group("name"), m.group("handle"))
                out.append(Quote(start, end, "post", speaker, None))
            i = j
    return out


def _account(doc: Document, index: TextIndex, kb, start: int, end: int, name: str, handle: str) -> Speaker:
    """The owner of an account: the entity of the KB actor with that handle (the entities stage
    recognises the header's display name as its mention), else the entity the display name names,
    else the name alone."""
    actor = kb.by_handle(handle) if kb is not None else None
    ent = next((e for e in doc.entities if e.kb_id == actor.id), None) if actor is not None else None
    if ent is not None:
        return Speaker(ent.id, ent.name, start, end, handle)
    found = index.best_entity(start, end)
    if found is not None and found[0] <= start and found[1] >= end - 1:
        return Speaker(found[2].id, found[2].name, start, end, handle)
    return Speaker(None, name, start, end, handle)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return 0 < len(words) <= 6 and name[:1].isupper() and not name.rstrip().endswith((".", ":", ","))


@register_stage("quotes", requires=("parses", "sentences", "entities"), assigns=("quotes", "citations"))
def make_quotes(config, resources):
    index = kb_index(resources.config.kb.files)

    def quotes(docs: list[Document]) -> None:
        roles = vocabulary()
        for doc in docs:
            if not doc.parses:
                doc.quotes, doc.citations = [], []
                continue
            text_index = TextIndex(doc)
            doc.quotes = find_quotes(doc, index.kb, roles, index=text_index)
            doc.citations = find_citations(doc, index, text_index=text_index)
    return quotes
