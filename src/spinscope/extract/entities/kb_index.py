"""The actor knowledge base as name patterns: loaded and indexed once per process and set of files."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


from ...kb import KnowledgeBase, load_kb
from .gazetteer import Gazetteer
from ...text.names import name_key
from ...resources import resource
from ...datafile import read_data


@dataclass(slots=True, frozen=True)
class Nationality:
    """What a demonym names: a people, linked to its state when the KB has one."""

    key: str  # ISO alpha-3, or the people's name when it has no state ("Kurds")
    name: str  # the first demonym: the entity's name ("Russian")
    country: str | None
    kb_id: str | None


@dataclass(slots=True, frozen=True)
class ActorRef:
    actor_id: str


@dataclass
class KBIndex:
    kb: KnowledgeBase
    names: Gazetteer  # actor names and aliases -> ActorRef; demonyms -> Nationality
    _keys: dict[str, tuple] = field(default_factory=dict)

    def name_keys(self, actor_id: str | None) -> tuple[tuple[str, ...], ...]:
        """The normalized names of an actor (computed once)."""
        if actor_id is None:
            return ()
        keys = self._keys.get(actor_id)
        if keys is None:
            actor = self.kb.get(actor_id)
            keys = self._keys[actor_id] = tuple(name_key(n) for n in actor.names) if actor else ()
        return keys


def demonym_data() -> dict:
    return read_data("data/entities/demonyms.yaml") or {}


_INNER_POSSESSIVE = re.compile(r"(?<=\w)['’](?=s\s)|(?<=\ws)['’](?=\s)")


def _without_apostrophes(names, written: set) -> list[str]:
    """A name of several words with a possessive inside, written without its apostrophe ("Peoples Liberation
    Army", "Workers Party"), as headlines and hurried copy do; not when that form is another name of the KB."""
    out = []
    for name in names:
        if " " in name and _INNER_POSSESSIVE.search(name):
            bare = _INNER_POSSESSIVE.sub("", name)
            if bare.casefold() not in written:
                out.append(bare)
    return out


def build_index(kb: KnowledgeBase) -> KBIndex:
    names = Gazetteer()
    states: dict[str, str] = {}
    for actor in kb:
        if actor.type == "state" and actor.country and actor.country not in states:
            states[actor.country] = actor.id
    kb_demonyms: set = set()
    written = {n.casefold() for actor in kb for n in actor.names}
    for actor in kb:
        for name in actor.names:
            names.add(name, ActorRef(actor.id))
        for name in _without_apostrophes(actor.names, written):
            names.add(name, ActorRef(actor.id))
        if actor.demonyms:
            key = actor.country or actor.id
            nat = Nationality(key, actor.demonyms[0], actor.country, actor.id)
            for d in actor.demonyms:
                names.add(d, nat)
                kb_demonyms.add(d.casefold())
    data = demonym_data()
    for iso3, forms in (data.get("countries") or {}).items():
        forms = [f for f in forms if f.casefold() not in kb_demonyms]  # the KB's own demonyms win
        if forms:
            nat = Nationality(iso3, forms[0], iso3, states.get(iso3))
            for f in forms:
                names.add(f, nat)
    for people, forms in (data.get("peoples") or {}).items():
        forms = [f for f in forms if f.casefold() not in kb_demonyms]
        if forms:
            nat = Nationality(people, forms[0], None, None)
            for f in forms:
                names.add(f, nat)
    return KBIndex(kb, names)


@resource("data/actors", user_files=True)
def kb_index(files: tuple[str, ...] = ()) -> KBIndex:
    """The index of the package's actors plus the user's `files` (an edited file is read again)."""
    return build_index(load_kb(list(files)))
