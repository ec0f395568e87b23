"""Candidate mentions of one document: knowledge-base names, demonyms and the parser's NER, typed."""
from __future__ import annotations

from ...model import Document
from ...text.names import words
from ..places.placenames import beside_dish_word
from .segment import Context, Mention, Segment, listed_words, segments
from .kb_names import _surname_persons, before_founding, kb_candidates, kb_matches, after_saint
from .titles import appositive_after, candidacy_after, nominals, title_before
from .settle import settle, surnames_of_namesakes
from .ner_names import curated_places, headline_fragments, ner_candidates, with_places
from .named_things import named_things, names_for_country
from .name_types import type_ner
from .given_names import given_name_genders


def recognize(doc: Document, ctx: Context) -> tuple[list[Segment], list[Mention]]:
    """Segments and the typed, non-overlapping candidate mentions of a parsed document."""
    segs = segments(doc, ctx)
    mentions: list[Mention] = []
    for si, seg in enumerate(segs):
        found = kb_matches(doc.text, seg, ctx)  # first: their units serve the NER title stripping
        ner = with_places(ner_candidates(doc.text, si, seg, ctx), curated_places(doc.text, si, seg, ctx))
        kb = kb_candidates(doc.text, si, seg, found, ctx)
        settled = before_founding(doc.text, si, seg, settle(doc.text, seg, kb, ner, ctx), ctx)
        for m in settled:  # the model's "AP" of "AP flour" never joins the news agency by its name
            if (m.start, m.end) in seg.refused:
                m.unlike_kb = True
        mentions.extend(named_things(si, seg, names_for_country(doc.text, si, seg, settled)))
    mentions = headline_fragments(doc.text, segs, mentions, ctx)
    # "Buckley, Jr.": the model's PERSON of a name's suffix alone is no person (stop 39: it became Al Gore's surname)
    mentions = [m for m in mentions if not (m.source == "ner" and m.key and len(m.key) == 1
                                            and m.key[0] in listed_words("name_suffixes"))]
    type_ner(doc.text, segs, mentions, ctx)
    mentions = [m for m in mentions if not _name_in_idiom(segs[m.seg], m) and not _person_word(doc.text, m, ctx)
                and not _thing_noun_as_person(segs[m.seg], m)]
    for m in mentions:
        if m.type == "place" and m.source == "ner" and beside_dish_word(doc.text, m.start, m.end):
            m.type = "other"  # "Thanksgiving Turkey", "Tuscan Turkey Roulade": a dish (`dish_nouns`, `dish_adjectives`), no place
    # "1/8 tsp Chinese 5-spice", "2 cups Turkish delight": an ingredient's demonym, no nationality (realworld38)
    mentions = [m for m in mentions if not (m.source == "nationality" and beside_dish_word(doc.text, m.start, m.end))]
    for m in mentions:
        if m.type == "person" and m.source != "kb" and after_saint(doc.text, m.start):
            m.unlike_kb, m.key = True, ("saint", *m.key)  # "St. Francis": never Pope Francis's "Francis" (stop 38)
    for m in mentions:
        if m.type == "person":
            m.profile.update(title_before(segs[m.seg], m.first))
            m.profile.update(appositive_after(doc.text, segs[m.seg], m.last))
            m.profile.update(candidacy_after(doc.text, m.end))  # "Eric Kingson, who is running for Congress"
    surnames_of_namesakes(mentions, ctx, doc.text)
    mentions.sort(key=lambda m: m.start)
    return segs, mentions


def _name_in_idiom(seg: Segment, m: Mention) -> bool:
    """A one-word name of a set phrase of myth or story (`name_idioms`: "Achilles' heel", "a Trojan horse", "Pandora's
    box"): no person, place or party (kb48)."""
    ws = seg.words
    return m.last - m.first == 1 and m.last < len(ws) and m.source != "kb" \
        and f"{ws[m.first].norm} {ws[m.last].norm}" in listed_words("name_idioms")


def _person_word(text: str, m: Mention, ctx: Context) -> bool:
    """A one-word name the model found that is a person's name with one of `person_word_endings` ("Trumpian attacks",
    "Reaganesque", "Thatcherite", "Stalinism"): a style, a follower or a doctrine, no entity. The name must be the last
    word of a KB person's name (not any person of the text: "Christian" after "Jesus Christ"), and the word no place's
    name, no name or demonym the KB holds ("Jordanian"; "Canadian" has no person's name before its ending) and no
    one-sex given name ("Adrian"; kb48)."""
    if m.source != "ner" or m.last - m.first != 1 or m.type not in ("other", "person", "organization"):
        return False
    word = text[m.start:m.end]
    if not word[:1].isupper() or not word.isalpha() or ctx.places.is_place(word) \
            or ctx.index.names.find(word, words(word)) or word.casefold() in given_name_genders():
        return False  # a place's name, a name or demonym the KB holds ("Jordanian"), a given name
    low = word.lower()
    for end in sorted(listed_words("person_word_endings"), key=len, reverse=True):
        if not low.endswith(end) or len(low) - len(end) < 3:
            continue
        stem = word[:len(word) - len(end)]
        stems = {stem, stem + "e"} if end[0] in "ie" else {stem}  # "Blairite", "Gaullist"
        for s in stems:
            if _surname_persons(ctx).get(s.casefold()):
                return True
    return False


def _thing_noun_as_person(seg: Segment, m: Mention) -> bool:
    """A one-word person of the model that is one of `named_thing_nouns` ("the former Heisman Trophy winner": "Trophy"
    tagged PERSON): the end of a thing's name, no person (kb48)."""
    return m.source == "ner" and m.type == "person" and m.last - m.first == 1 \
        and seg.words[m.first].norm in listed_words("named_thing_nouns")


__all__ = ["Context", "Mention", "Segment", "after_saint", "listed_words", "nominals", "recognize", "title_before"]
