"""The cue lists of the quotes stage (data/quotes/en.yaml), loaded once."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ...resources import resource
from ...datafile import read_data


@dataclass(frozen=True)
class QuoteCues:
    speech: frozenset[str]
    clause_speech: frozenset[str]  # speech verbs that make "X <verb> that ..." an indirect quote
    phrasal: tuple[tuple[str, ...], ...]
    documents: frozenset[str]
    anonymous: frozenset[str]
    term_markers: frozenset[str]
    scare_max_words: int
    lines: tuple[tuple[str, re.Pattern], ...]
    report_verbs: frozenset[str]
    media_words: frozenset[str]
    interview: tuple[str, ...]
    published_in: tuple[str, ...]
    post_header: re.Pattern
    idioms: tuple[str, ...]
    audience: frozenset[str]
    relative_antecedents: frozenset[str]
    object_infinitive: frozenset[str]
    adverbial_marks: frozenset[str]
    gloss_marks: frozenset[str]
    subject_infinitive: frozenset[str] = frozenset()
    object_phrase: Mapping[str, frozenset[str]] = ()  # lemma -> prepositions of its phrase
    object_predicative: frozenset[str] = frozenset()  # "called Trump “unhinged”": object + predicate
    same_subject_preps: frozenset[str] = frozenset()  # "responded by saying": the participle shares the subject
    same_subject_nouns: frozenset[str] = frozenset()  # "made a point of saying": the verb's subject speaks
    institutions: frozenset[str] = frozenset()  # "The ministry ... It said": nouns "it" may speak for
    object_content: frozenset[str] = frozenset()  # "announced his resignation": the noun object is the statement
    gerund_content: frozenset[str] = frozenset()  # "reported spending $3 million": the gerund is the statement
    idioms_after: tuple[str, ...] = ()  # "the title says it all": words right after the verb that make it an idiom
    proxies: frozenset[str] = frozenset()  # "Cameron's spokesman said": someone who speaks for another
    temporal_as: frozenset[str] = frozenset()  # "as he replied": an "as" clause of time, no source
    hearer_verbs: frozenset[str] = frozenset()  # "…,” X told Ms. Holm": their object hears, never speaks
    asking_verbs: frozenset[str] = frozenset()  # "X asked Y about …. “…,” she said": the answer is Y's
    own_words: frozenset[str] = frozenset()  # "“…,” Holm said, according to a transcript": Holm's words
    duty_modals: frozenset[str] = frozenset()  # "must acknowledge": what one ought to say, nothing said
    not_said: frozenset[str] = frozenset()  # "did not say whether", "could declare that": a verb's aux/neg, nothing said
    addressing: frozenset[str] = frozenset()  # "emailed volunteers saying …": the participle is the sender's
    interview_pronouns: frozenset[str] = frozenset()  # "speaking to her": an interview that cites no source
    not_interviewer_types: frozenset[str] = frozenset()  # "interviewed by the FBI": a body of state, no source
    claim_objects: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # "denied the charges": verb -> object nouns that are a statement
    noun_cues: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # "his call to close …": noun -> complements it takes
    short_answer_verbs: frozenset[str] = frozenset()  # "46 percent said yes", "26 percent said the same"
    infinitive_hosts: frozenset[str] = frozenset()  # "is quick to point out that …": the infinitive reports
    data_nouns: frozenset[str] = frozenset()  # "according to data presented in X's report": X's report is the source
    evidential: frozenset[str] = frozenset()  # "An error revealed that …": no statement unless the subject can speak
    source_nouns: frozenset[str] = frozenset()  # "the poll suggests …": texts and data that speak for their authors
    share_nouns: frozenset[str] = frozenset()  # "half say …", "most suggest …": shares of people
    group_nouns: frozenset[str] = frozenset()  # "the delegation": groups whose words end as abstract nouns do
    abstract_endings: tuple[str, ...] = ()  # "-tion", "-ment": endings of abstract nouns
    abstract_nouns: frozenset[str] = frozenset()  # "error", "history", "the trip": nouns that name no speaker
    # "the Smith", "an angry Jones": an article (with one word between for those that take it) just before a name
    # the KB does not know makes it a thing, no antecedent of "he"/"she"
    article_before: re.Pattern = re.compile(r"(?!)")
    # "Turkey urges NATO to keep up its defences 1:40pm BST": a headline's time stamp after a reported clause
    content_trailer: re.Pattern = re.compile(r"(?!)")


def _word_map(items) -> Mapping[str, frozenset[str]]:
    """A YAML mapping of words to word lists, lower-cased and read-only."""
    return MappingProxyType({str(k).lower(): _words(v) for k, v in (items or {}).items()})


def _words(items) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items or ())


@resource("data/quotes/en.yaml")
def quote_cues() -> QuoteCues:
    data = read_data("data/quotes/en.yaml")
    speech = _words(data["speech_verbs"])
    return QuoteCues(
        speech=speech,
        clause_speech=speech - _words(data.get("clause_only_exclude")),
        phrasal=tuple(tuple(p.lower().split()) for p in data.get("phrasal_cues") or ()),
        documents=_words(data.get("document_nouns")),
        anonymous=_words(data.get("anonymous_nouns")),
        term_markers=_words(data.get("term_markers")),
        scare_max_words=int(data.get("scare_max_words", 4)),
        lines=tuple((item["kind"], re.compile(item["pattern"], re.I))
                    for item in data.get("republication_lines") or ()),
        report_verbs=_words(data.get("report_verbs")),
        media_words=_words(data.get("media_words")),
        interview=tuple(sorted((c.lower() for c in data.get("interview_cues") or ()), key=len, reverse=True)),
        published_in=tuple(sorted((c.lower() for c in data.get("published_in_cues") or ()), key=len,
                                  reverse=True)),
        post_header=re.compile(data["post_header"]),
        idioms=tuple(c.lower() for c in data.get("idioms") or ()),
        idioms_after=tuple(c.lower() for c in data.get("idioms_after") or ()),
        audience=_words(data.get("audience_nouns")),
        relative_antecedents=_words(data.get("relative_antecedents")),
        object_infinitive=_words(data.get("object_infinitive_verbs")),
        adverbial_marks=_words(data.get("adverbial_marks")),
        gloss_marks=_words(data.get("gloss_marks")),
        subject_infinitive=_words(data.get("subject_infinitive_verbs")),
        object_phrase=_word_map(data.get("object_phrase_verbs")),
        object_predicative=_words(data.get("object_predicative_verbs")),
        same_subject_preps=_words(data.get("same_subject_preps")),
        same_subject_nouns=_words(data.get("same_subject_nouns")),
        institutions=_words(data.get("institution_nouns")),
        object_content=_words(data.get("object_content_verbs")),
        gerund_content=_words(data.get("gerund_content_verbs")),
        temporal_as=_words(data.get("temporal_as_verbs")),
        proxies=_words(data.get("proxy_nouns")),
        hearer_verbs=_words(data.get("hearer_verbs")),
        asking_verbs=_words(data.get("asking_verbs")),
        own_words=_words(data.get("own_words_verbs")),
        duty_modals=_words(data.get("duty_modals")),
        not_said=_words(data.get("not_said_auxiliaries")),
        addressing=_words(data.get("addressing_verbs")),
        interview_pronouns=_words(data.get("interview_pronouns")),
        not_interviewer_types=_words(data.get("not_interviewer_types")),
        noun_cues=_word_map(data.get("noun_cues")),
        claim_objects=_word_map(data.get("claim_object_verbs")),
        short_answer_verbs=_words(data.get("short_answer_verbs")),
        infinitive_hosts=_words(data.get("infinitive_hosts")),
        data_nouns=_words(data.get("data_nouns")),
        evidential=_words(data.get("evidential_verbs")),
        source_nouns=_words(data.get("source_nouns")),
        share_nouns=_words(data.get("share_nouns")),
        group_nouns=_words(data.get("group_nouns")),
        abstract_endings=tuple(str(x).lower() for x in data.get("abstract_endings") or ()),
        abstract_nouns=_words(data.get("abstract_nouns")),
        article_before=_article_before(data.get("articles_before_name") or (), data.get("articles_with_word") or ()),
        content_trailer=_any_at_end(data.get("content_trailers") or ()),
    )


def _any_at_end(patterns) -> re.Pattern:
    """The patterns as one, each anchored to the end of a statement's words (blanks before it taken too)."""
    return re.compile(rf"\s+(?:{'|'.join(f'(?:{p})' for p in patterns)})\s*$", re.I) if patterns else re.compile(r"(?!)")


def _capital_either(word: str) -> str:
    """A word as a pattern matching it in lower case or with its first letter capitalized ("[Tt]he")."""
    w = str(word).lower()
    return f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"


def _article_before(bare, with_word) -> re.Pattern:
    """The articles (and those taking one lower-case word between) that end the text before a name."""
    alts = [rf"\b{_capital_either(w)}" for w in bare] + [rf"\b{_capital_either(w)}\s+[a-z]+" for w in with_word]
    return re.compile(rf"(?:{'|'.join(alts)})\s+$") if alts else re.compile(r"(?!)")


_DATA_PREPS = frozenset({"in", "by", "from"})


def data_source(obj, cues: QuoteCues):
    """The phrase that holds figures cited by "according to": "data presented in Akamai's latest report" ->
    "Akamai's latest report", "figures from the health ministry" -> "the health ministry", "a report in the Argus
    Leader" -> "the Argus Leader"; else `obj` itself."""
    if obj.lemma_.lower() not in cues.data_nouns and obj.lower_ not in cues.data_nouns:
        return obj
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "in" and c.i == obj.i + 1:
            # "according to a report in the Argus Leader": the paper it appeared in (realworld43); not "in 2019"
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
        preps = [c] if c.dep_ == "prep" and c.lower_ == "from" else \
            [g for g in c.children if g.dep_ in ("prep", "agent") and g.lower_ in _DATA_PREPS] \
            if c.dep_ == "acl" and c.tag_ == "VBN" else []
        for prep in preps:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return obj
