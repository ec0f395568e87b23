"""Names that go on past a KB actor's name: a body or place named after it ("the Reagan Library")."""
from __future__ import annotations

from ...text.names import is_acronym
from .segment import Mention, Segment, close_words, title_case, listed_words


def names_for_country(text: str, si: int, seg: Segment, mentions: list[Mention]) -> list[Mention]:
    """A state the model did not see inside a longer name: capitalized words, "for", the state
    ("Veterans Alliance for Freedonia") name an organisation, not the country. Not in a Title-Case
    headline, not after a title ("Special Envoy for Syria"), and a one-word name not at the start of
    the sentence ("Sanctions for Russia")."""
    if seg.kind == "title" or title_case(seg):
        return mentions
    ws = seg.words
    out = []
    for m in mentions:
        i = m.first - 1
        if not (m.source == "kb" and m.type == "state" and i >= 1 and ws[i].norm == "for"
                and text[ws[i - 1].end:ws[i].start] == " " and text[ws[i].end:m.start] == " "):
            out.append(m)
            continue
        first, inner = i, None
        for o in mentions:  # the model's name right before "for": "Mothers Alliance" (ORG) for Syria
            if o.source == "ner" and o.type in ("organization", "other") and o.last == i \
                    and text[ws[i - 1].end:ws[i].start] == " ":
                first, inner = o.first, o
        while inner is None and first >= 1 and i - first < 4 and ws[first - 1].text[:1].isupper() and ws[first - 1].text[1:].islower() \
                and ws[first - 1].text.isalpha() and seg.ends.get(first - 1) is None \
                and not ws[first - 1].possessive \
                and (first == i or text[ws[first - 1].end:ws[first].start] == " ") \
                and not any(o.first <= first - 1 < o.last for o in mentions):
            first -= 1
        if first == i or (first == 0 and i - first < 2) or seg.ends.get(first - 1) is not None:
            out.append(m)  # no name before "for", a sentence's first word alone, or a title before it
            continue
        if inner is not None:
            out = [x for x in out if x is not inner]
        span = ws[first:m.last]
        out.append(Mention(span[0].start, span[-1].end, si, first, m.last, "ner", "organization", label="ORG",
                           key=tuple(w.norm for w in span)))
    return out


# Types whose name may open a body's own name; a state's or a capital's only outside headlines, where
# every word is capitalized ("Trump's Iran Initiative" is an initiative about Iran)
_NAMES_BODIES = ("person", "state", "government", "party")  # stop 38: "the Senate Conservatives Fund" (party)


def named_things(si: int, seg: Segment, mentions: list[Mention]) -> list[Mention]:
    """A person's or a state's name, or a capital standing for its government, that goes on to a body or
    building named after it ("the Clinton Global Initiative", "the Reagan Library", "Tehran University")
    is that body: one organisation over the whole name, unlinked."""
    out, skip_to = [], -1
    for m in mentions:
        if m.first < skip_to:
            continue  # a piece of the name just taken whole ("Global Initiative")
        accord = _named_accord(seg, m) if m.type in ("place", "government") else m.last
        if accord > m.last:  # "the Paris Climate Agreement": where it was made, no place or party (kb48)
            out.append(Mention(m.start, seg.words[accord - 1].end, si, m.first, accord, "ner", "other", label="LAW",
                               key=tuple(w.norm for w in seg.words[m.first:accord])))
            skip_to = accord
            continue
        named = _named_thing(seg, m.last) if m.type == "person" or (
            m.type in _NAMES_BODIES and seg.kind != "title" and not title_case(seg)) else m.last
        if named > m.last:
            m = Mention(m.start, seg.words[named - 1].end, si, m.first, named, "ner", "organization", label="ORG",
                        key=tuple(w.norm for w in seg.words[m.first:named]))
            skip_to = named
        elif m.type == "state" and m.source == "kb" and seg.kind != "title" and not title_case(seg) \
                and _place_after_state(seg, m):
            named = m.last + 1  # "Jamaica Estates", "Jordan Valley": a place named after the state (stop 37)
            m = Mention(m.start, seg.words[m.last].end, si, m.first, named, "ner", "place", label="GPE",
                        key=tuple(w.norm for w in seg.words[m.first:named]))
            skip_to = named
        out.append(m)
    return out


def _place_after_state(seg: Segment, m: Mention) -> bool:
    """A state's one-word name (no acronym: "U.S. Park Police") goes on, joined, with a capitalized last word
    of place names (`place_tail_words`): "Jamaica Estates, Queens", "the Jordan Valley"."""
    ws = seg.words
    if m.last - m.first != 1 or m.last >= len(ws) or is_acronym(ws[m.first].text) or ws[m.first].possessive:
        return False
    nxt = ws[m.last]
    return nxt.text[:1].isupper() and close_words(seg, m.first) and nxt.norm in listed_words("place_tail_words")


def _named_accord(seg: Segment, m: Mention) -> int:
    """Past the end of a capitalized name that goes on from a town's name, or a capital's standing for its government,
    to one of `named_accord_nouns` ("Paris Climate Agreement", "Kyoto Protocol", "Minsk Accords"), else `m.last`: up to
    three more words, all joined, in a headline too (kb48). A possessive ("Paris's agreement") or a lower-case word
    ("the Paris climate deal") ends the name."""
    ws, nouns = seg.words, listed_words("named_accord_nouns")
    for j in range(m.last, min(len(ws), m.last + 3)):
        if not ws[j].text[:1].isupper() or not close_words(seg, j - 1) or ws[j - 1].possessive:
            return m.last
        if ws[j].norm in nouns:
            return j + 1
    return m.last


def _named_thing(seg: Segment, last: int) -> int:
    """Past the end of a capitalized name that goes on from a person's name to one of `named_thing_nouns`
    ("Clinton Global Initiative", "Reagan Library"), else `last`: up to three more words, all joined."""
    ws, nouns = seg.words, listed_words("named_thing_nouns")
    for j in range(last, min(len(ws), last + 3)):
        if not ws[j].text[:1].isupper() or not close_words(seg, j - 1) or ws[j - 1].possessive:
            return last
        if ws[j].norm in nouns:
            return j + 1
    return last
