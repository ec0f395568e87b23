"""A person's gender, read one way by every stage that needs it (the quotes stage's speakers, the events stage's
pronouns): the KB's, else the titles written beside the person's mentions, else a one-sex given name.

Stop 50 (kb50): the quotes stage's `SpeakerResolver._gender` and the events stage's `person_gender` (round 32b) each
spelled this out; both call `entity_gender` now, the quotes stage with the titles it reads beside each mention."""
from __future__ import annotations

from collections.abc import Iterable

from ...resources import active, resource
from .given_names import given_name_genders


@resource("data/actors", user_files=True)
def _kb_genders(kb_files: tuple[str, ...] = ()) -> dict[str, str]:
    """KB id -> "m"/"f" of the KB's people whose gender it gives."""
    from ...kb import load_kb
    return {a.id: a.gender for a in load_kb(list(kb_files)) if a.type == "person" and a.gender}


def _kb_gender(ent, kb) -> str | None:
    """The KB's gender of the entity's actor: from `kb` when the caller holds the stage's KB, else from the KB the
    active configuration loads."""
    if not ent.kb_id:
        return None
    if kb is not None:
        actor = kb.get(ent.kb_id)
        return actor.gender if actor is not None else None
    return _kb_genders(active().config.kb.files).get(ent.kb_id)


def title_genders(words: str, roles) -> set[str]:
    """The genders the role terms of a free text give (roles.yaml, `roles.roles_in`): an honorific ("Mr.", "Ms.") or a
    feminine title; not "spokesman" or "chairman", which papers also write of women ("Trump spokesman Hope Hicks")."""
    return {r.gender for r in roles.roles_in(words) if r.gender == "f" or r.gender and not r.kinds}


def entity_gender(ent, *, kb=None, titles: Iterable[str] | None = None, roles=None) -> str | None:
    """A person's gender, "m" or "f": the KB's (`kb`, else the active configuration's KB); else what the `titles`
    say (optional: the words written beside the entity's mentions, "Ms." of "Ms. Holm", "the union's spokeswoman" of
    "Berg, the union's spokeswoman", read with `roles`, default data/entities/roles.yaml); else what the given name of
    a full name says when it is borne by one sex only (data/entities/given_names.yaml: "Rachel Berg"). None when
    nothing says it or when the titles disagree."""
    if g := _kb_gender(ent, kb):
        return g
    found: set[str] = set()
    if titles is not None:
        if roles is None:
            from .roles import vocabulary
            roles = vocabulary()
        for words in titles:
            found.update(title_genders(words, roles))
    if not found and ent.type == "person" and len(ent.name.split()) >= 2:
        # no title says it: a given name borne by one sex only ("Rachel Berg", "Walter Quint")
        given = given_name_genders().get(ent.name.split()[0].casefold())
        if given:
            found.add(given)
    return found.pop() if len(found) == 1 else None
