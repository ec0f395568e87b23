"""The party gate (stop 44, branch gate44): an event whose trigger has an everyday sense as common as its political
one (data/events/gate.yaml `gated`: a company's "deal", a library "assisting" a writer) is reported only when one of
its parties (actor or target, as resolved) is a political or public-order party, or its sentence gives other evidence
of a political setting (a KB-linked political entity, a word such as "police", "court", "ministry"). Called once, on
the stage's events of a document; every other event passes as it is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...datafile import load_yaml_nodes, node_line, data_or_file_text
from ...errors import DataFileError
from ...model import Document, Entity, Event
from ...resources import active, resource

ORIGIN = "events/gate.yaml"
KEYS = ("party_types", "evidence_words", "gated", "gated_after_party", "gated_objects")
WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class GateRules:
    party_types: frozenset
    evidence_words: frozenset
    gated: dict  # event type -> frozenset of trigger lemmas
    gated_after_party: dict  # event type -> frozenset of trigger nouns gated only after a party's name
    gated_objects: dict = None  # event type -> frozenset of object nouns that gate the trigger (round 28)


def _words(value, root, key: str) -> frozenset:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise DataFileError(f"{ORIGIN}:{node_line(root, key)}: field `{key}`: a list of words (quote a bare `on` or `no`)")
    return frozenset(x.strip().lower() for x in value)


def parse_rules(text: str, origin: str = ORIGIN) -> GateRules:
    """The gate's table from the YAML text; a malformed one raises DataFileError at file:line."""
    root, data = load_yaml_nodes(text, origin, DataFileError)
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}:1: a mapping with {', '.join(KEYS)}")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise DataFileError(f"{origin}:{node_line(root, unknown[0])}: field `{unknown[0]}`: unknown field "
                            f"(known: {', '.join(KEYS)})")
    missing = [k for k in KEYS if k not in data and k != "gated_objects"]  # (gated_objects: optional, round 28)
    if missing:
        raise DataFileError(f"{origin}:1: field `{missing[0]}`: required")
    tables = {"gated_objects": {}}
    for key in ("gated", "gated_after_party", "gated_objects"):
        if key not in data:
            continue
        if not isinstance(data[key], dict):
            raise DataFileError(f"{origin}:{node_line(root, key)}: field `{key}`: a mapping of event type -> words")
        node = next(v for k, v in root.value if k.value == key)
        tables[key] = {str(t): _words(ws, node, str(t)) for t, ws in data[key].items()}
    return GateRules(_words(data["party_types"], root, "party_types"), _words(data["evidence_words"], root, "evidence_words"),
                     tables["gated"], tables["gated_after_party"], tables["gated_objects"])


@resource("data/events/gate.yaml")
def gate_rules() -> GateRules:
    return parse_rules(data_or_file_text("data/events/gate.yaml"))


def political(entity: Entity | None, rules: GateRules, kb) -> bool:
    """Whether a party is political or public-order: its type or its KB actor's type is one of `party_types`, or it is
    a KB person the KB gives a role or an affiliation to such a body (an official, a senator)."""
    if entity is None:
        return False
    if entity.type in rules.party_types:
        return True
    if not entity.kb_id:
        return False
    actor = kb.get(entity.kb_id)
    if actor is None:
        return False
    if actor.type in rules.party_types:
        return True
    if actor.type == "person":
        body = kb.get(actor.affiliation) if actor.affiliation else None
        return bool(actor.role) or (body is not None and body.type in rules.party_types)
    return False


def _tokens_by_start(doc: Document) -> dict:
    """Document offset -> the parse's token that begins there (built once a document, when an event may be gated)."""
    return {offset + tok.idx: tok for offset, sdoc, _kind in doc.parses for tok in sdoc}


def _named_before(doc: Document, event: Event, parties: list[Entity]) -> bool:
    """Whether a party's mention ends right before the trigger, parted by spaces only ("AdWords support")."""
    t0 = event.trigger.start
    return any(m.end <= t0 and doc.text[m.end:t0].strip() == "" and 0 < t0 - m.end <= 2
               for p in parties for m in p.mentions)


def _object_name_before(doc: Document, event: Event, parties: list[Entity], tokens: dict) -> bool:
    """The trigger written in its bare form right after a party's name that a lower-case verb or noun governs or
    modifies ("contact AdWords support" parsed with "support" a verb): the name is no subject, the trigger is the noun
    (kb45; "Google and Apple support the bill", "Democrats support it" keep the verb)."""
    t0 = event.trigger.start
    word = doc.text[t0:event.trigger.end]
    tok = tokens.get(t0)
    if tok is None or not word.islower() or word != tok.lemma_.lower():
        return False
    for p in parties:
        for m in p.mentions:
            if m.end <= t0 and doc.text[m.end:t0].strip() == "" and 0 < t0 - m.end <= 2:
                a = max(0, m.start - 40)
                before = re.search(r"(\S+)[ \u00a0]+$", doc.text[a:m.start])
                prev = tokens.get(a + before.start(1)) if before else None
                if prev is not None and prev.text.islower() and prev.pos_ in ("VERB", "NOUN"):
                    return True
    return False


def _gated_object(tok, nouns) -> bool:
    """Whether the trigger's direct object, or the object of its "to"/"on"/"for", is one of `nouns` ("agreed a deal",
    "rejected an offer for the striker", "agreed to the contract"; round 28)."""
    if not nouns:
        return False
    heads = [c for c in tok.children if c.dep_ == "dobj"] + [g for c in tok.children if c.dep_ == "prep" and c.lower_
                                                             in ("to", "on", "for") for g in c.children if g.dep_ == "pobj"]
    # round 29 (stop 46): the objects of its to-clause ("threatened to pull out of the deal", "agreed to pay a fee")
    for x in (c for c in tok.children if c.dep_ == "xcomp"):
        heads += [c for c in x.children if c.dep_ == "dobj"] + [
            g for c in x.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "out", "on", "to", "for")
            for g in (*c.children, *(p for p2 in c.children if p2.dep_ == "prep" for p in p2.children))
            if g.dep_ == "pobj"]
    return any(h.lemma_.lower() in nouns or h.lower_ in nouns for h in heads)


def gated(doc: Document, event: Event, by_id: dict[str, Entity], rules: GateRules, tokens: dict) -> bool:
    """Whether the gate drops `event`: its trigger is gated, no party is political, the sentence shows no politics.
    `tokens`: `_tokens_by_start(doc)`."""
    if event.trigger is None:
        return False
    word = doc.text[event.trigger.start:event.trigger.end].lower()
    tok = tokens.get(event.trigger.start)
    lemma = tok.lemma_.lower() if tok is not None else word
    parties = [e for e in (by_id.get(event.actor), by_id.get(event.target)) if e is not None]
    noun = tok.pos_ in ("NOUN", "PROPN") if tok is not None else False  # "AdWords support", not "Acme supports"
    noun = noun or tok is not None and _object_name_before(doc, event, parties, tokens)
    if not (lemma in rules.gated.get(event.type, ()) or word in rules.gated.get(event.type, ())
            or noun and (lemma in rules.gated_after_party.get(event.type, ())
                         or word in rules.gated_after_party.get(event.type, ()))
            and _named_before(doc, event, parties)
            or tok is not None and _gated_object(tok, (rules.gated_objects or {}).get(event.type, ()))):
        return False
    from ...kb import load_kb

    kb = load_kb(list(active().config.kb.files))  # only for a gated trigger: rare
    if any(political(p, rules, kb) for p in parties):
        return False
    sentence = doc.text[event.start:event.end]
    if set(WORD.findall(sentence.lower())) & rules.evidence_words:
        return False
    return not any(political(e, rules, kb) for e in doc.entities
                   if e.kb_id and any(event.start <= m.start and m.end <= event.end for m in e.mentions))


def party_gate(doc: Document, events: list[Event], rules: GateRules | None = None) -> list[Event]:
    """The events the gate keeps, in their order (see the module's text)."""
    if not events:
        return events
    rules = rules or gate_rules()
    if not any(e.type in rules.gated or e.type in rules.gated_after_party or e.type in (rules.gated_objects or {})
               for e in events):
        return events  # no event of a gated type: nothing to look up (the hot path)
    by_id = {e.id: e for e in doc.entities}
    tokens = _tokens_by_start(doc)
    return [e for e in events if not gated(doc, e, by_id, rules, tokens)]
