"""Headlines In Title Case parsed again in sentence case, for a batch of documents at once."""
from __future__ import annotations

from ...model import Document
from ..parse import segment_text
from .syntax import token_span
from .parties import Mentions


def sentence_case(doc: Document, offset: int, sdoc, ments: Mentions, disable: tuple = ()):
    """A headline In Title Case parsed again in sentence case (names kept), same offsets; else as it was.

    The parser reads "Russia Rejects Kerry's New Attempts" as one long name; "Russia rejects
    Kerry's new attempts" parses as a clause. Only lower-casing is done, so offsets stay valid."""
    recased = _recased(offset, sdoc, ments)
    if recased is None:
        return sdoc
    from ...nlp import load_nlp
    return load_nlp(disable)(recased)  # the parse stage's model (same cache key)


def _recased(offset: int, sdoc, ments: Mentions) -> str | None:
    """The headline's text in sentence case for `sentence_case`, or None when it is not In Title Case."""
    text = segment_text(sdoc)
    words = [t for t in sdoc if t.is_alpha and len(t) > 3]
    if not words or sum(t.text[0].isupper() for t in words) < 0.6 * len(words):
        return None
    chars = list(text)
    for t in sdoc:
        if t.i == 0 or not t.text.istitle() or ments.entity(*token_span(offset, t)) is not None:
            continue
        low = t.text[0].lower()
        if len(low) == 1:
            chars[t.idx] = low
    recased = "".join(chars)
    return recased if len(recased) == len(text) else None


def parse_headlines(docs: list[Document], disable: tuple = ()) -> dict[int, tuple[Mentions, dict]]:
    """For each document of a batch with a parse (by id): its Mentions and its headlines as `sentence_case`
    gives them (offset -> spaCy Doc). The headlines to parse again are parsed in one `nlp.pipe` for the batch,
    the same parses as one call each (spaCy's output does not depend on the batch), at about a third of the CPU."""
    out: dict[int, tuple[Mentions, dict]] = {}
    jobs = []
    for doc in docs:
        if not doc.parses:
            continue
        ments = Mentions(doc)
        heads: dict = {}
        out[id(doc)] = (ments, heads)
        for offset, sdoc, kind in doc.parses:
            if kind == "title":
                recased = _recased(offset, sdoc, ments)
                heads[offset] = sdoc
                if recased is not None:
                    jobs.append((recased, (heads, offset)))
    if jobs:
        from ...nlp import load_nlp
        for parsed, (heads, offset) in load_nlp(disable).pipe(jobs, as_tuples=True):
            heads[offset] = parsed
    return out
