"""Speakers in text order: a cue's subject, a speech verb near a quotation, an introducer, the quote continued."""
from __future__ import annotations

import bisect
import re

from ...model import Document, Quote, Span, Speaker
from .cues import QuoteCues
from ...text.index import TextIndex
from ..parse import segment_text



def attribute(doc: Document, quotes: list[Quote], index: TextIndex, cues: QuoteCues, resolver,
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
