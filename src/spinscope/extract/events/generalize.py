"""Generalize an event's actor along the KB: a person to the body they speak for, a body to its state."""
from __future__ import annotations

from ...kb import KnowledgeBase, load_kb
from ...model import Document, Entity

# Actors that speak for a state and so generalize to it; groups, IGOs, media and parties stay themselves.
STATE_BOUND = {"person", "government", "military", "nationality"}
LEVELS = ("org", "state")


def _states(kb: KnowledgeBase) -> dict[str, object]:
    """ISO alpha-3 -> the KB's `state` actor of that country (the first one listed)."""
    cached = getattr(kb, "_states_by_country", None)
    if cached is None:
        cached = {}
        for a in kb:
            if a.type == "state" and a.country:
                cached.setdefault(a.country, a)
        kb._states_by_country = cached
    return cached


def generalize(entity: Entity | None, doc: Document | None = None, kb: KnowledgeBase | None = None,
               level: str = "state") -> dict | None:
    """{id, name, code, country, type} of the actor `entity` stands for at `level`.

    `org`: a person becomes the body of their KB `affiliation` (Konashenkov -> Russian Ministry of
    Defence); `state`: people, governments, armed forces and nationalities become the state of their
    `country` (-> Russia), following affiliations first (a person of a group -> the group). Entities
    the KB does not hold are returned as they are. `doc` is accepted for callers that generalize with
    document context; the KB relations alone decide today."""
    if entity is None:
        return None
    kb = kb or load_kb()
    actor = kb.get(entity.kb_id)
    if actor is None:
        return {"id": entity.kb_id or entity.id, "name": entity.name, "code": entity.code,
                "country": entity.country, "type": entity.type}
    typ = "nationality" if entity.type == "nationality" else actor.type
    seen = {actor.id}
    # Walk affiliations: to the first body for `org`, as far as they go for `state`.
    while actor.affiliation and actor.affiliation not in seen and (level == "state" or actor.type == "person"):
        nxt = kb.get(actor.affiliation)
        if nxt is None:
            break
        seen.add(nxt.id)
        actor, typ = nxt, nxt.type
        if level == "org":
            break
    if level == "state" and typ in STATE_BOUND and actor.country:
        actor = _states(kb).get(actor.country, actor)
    return {"id": actor.id, "name": actor.name, "code": actor.code, "country": actor.country, "type": actor.type}
