"""Direct quotations: whether a pair of quotation marks holds a statement, a nested quotation or a quoted term."""
from __future__ import annotations

import bisect
import re

from .cues import QuoteCues
from .marks import Marked
from ...text.index import TextIndex
from ..parse import segment_text
from .syntax import FINITE_TAGS

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def quoted_words(text: str, m: Marked) -> int:
    a, b = m.inner
    return len(_WORD.findall(text, a, b))


def classify(text: str, m: Marked, index: TextIndex, cues: QuoteCues) -> str:
    """`direct` (a statement), `nested` (a quotation inside one) or `scare` (a quoted term)."""
    n = quoted_words(text, m)
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
