"""The actor knowledge base: canonical actors with aliases, loaded from versioned data files."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..datafile import check_entry, load_yaml_nodes, node_line
from ..resources import resource
from ..errors import DataFileError

ACTOR_TYPES = ("person", "state", "government", "military", "armed_group", "designated_group", "igo",
               "media", "party", "organization")
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(slots=True)
class Rating:
    """An outlet rating imported from a user's file: factuality and bias kept apart."""

    source: str
    date: str | None = None
    factuality: str | None = None
    bias: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO-style actor code, e.g. RUSGOVMIL
    role: str | None = None  # for people: "spokesman", "foreign minister"
    affiliation: str | None = None  # actor id of the body a person speaks for
    gender: str | None = None  # "m" / "f" for people, to resolve he/she
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)  # for states: "Russian", "Russians"
    domains: list[str] = field(default_factory=list)  # for media: "rt.com"
    handles: list[str] = field(default_factory=list)  # social-media accounts, without "@": "mfa_russia"
    ratings: list[Rating] = field(default_factory=list)
    origin: str = ""  # file:line it was read from
    note: str | None = None  # a fact worth knowing ("state-funded", "renamed in 2016"); not used in matching
    since: int | None = None  # the year the body was founded: its names in a sentence about an earlier year are not it
    died: int | None = None  # for people: the year of death ("the late X" names only a person who died; stop 43)
    not_before: list[str] = field(default_factory=list)  # words that, right after one of its names, make it another
    not_after: list[str] = field(default_factory=list)  # words that, right before one of its names, make it another
    titles: list[str] = field(default_factory=list)  # for people: every title the press gives them before the
    # surname, past offices too ("Secretary", "Senator" for Hillary Clinton); a titled surname whose title fits none
    # of a person's titles and offices is not that person (stop 44)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # field -> line in its file

    @property
    def file(self) -> str:
        """The file the actor was read from (its `origin` without the line)."""
        return self.origin.rsplit(":", 1)[0] if ":" in self.origin else self.origin

    @property
    def names(self) -> list[str]:
        """Every surface form that names this actor: the canonical name first."""
        return [self.name, *(a for a in self.aliases if a != self.name)]


class KBError(DataFileError):
    """A knowledge-base file that cannot be used: the message names the file, line and field."""


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _handles: dict | None = field(default=None, repr=False)
    _bodies: dict | None = field(default=None, repr=False)
    _role_words: dict | None = field(default=None, repr=False)

    def add(self, actor: Actor) -> None:
        """Add an actor; a later file's entry with the same id replaces an earlier one (user overrides)."""
        self.actors[actor.id] = actor
        self._handles = self._bodies = self._role_words = None

    def role_words(self, actor_id: str | None) -> frozenset[str]:
        """The words (as `name_key` writes them) of a person's KB role, of their affiliation's names and of the names
        of every KB body their role names ("director of the FBI": also "federal", "bureau"); computed once."""
        if self._role_words is None:
            self._role_words = {}
        words = self._role_words.get(actor_id)
        if words is None:
            from ..text.names import name_key
            actor = self.get(actor_id)
            if self._bodies is None:  # name key -> the body (not a person or a state) of that name
                self._bodies = {}
                for a in self:
                    if a.type not in ("person", "state"):
                        for n in a.names:
                            self._bodies.setdefault(name_key(n), a)
            role = name_key(actor.role or "") if actor is not None else ()
            aff = self.get(actor.affiliation) if actor is not None else None
            names = [*(aff.names if aff is not None else ())]
            for i in range(len(role)):
                for j in range(i + 1, min(len(role), i + 8) + 1):
                    body = self._bodies.get(role[i:j])
                    if body is not None:
                        names += body.names
            words = self._role_words[actor_id] = frozenset([*role, *(w for n in names for w in name_key(n))])
        return words

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors.values())

    def by_handle(self, handle: str) -> Actor | None:
        """The actor owning a social-media handle (case-insensitive, "@" optional)."""
        if self._handles is None:
            self._handles = {h.casefold(): a for a in self for h in a.handles}
        return self._handles.get(handle.lstrip("@").casefold())

    def lookup(self, text: str) -> list[Actor]:
        """Actors whose id, name, alias, demonym or domain is `text` (case and a leading "the" ignored)."""
        key = _fold(text)
        return [a for a in self if key in {_fold(x) for x in (a.id, *a.names, *a.demonyms, *a.domains, *a.handles)}]


def _fold(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.split()).casefold())


_RATING_FIELDS = {"source", "date", "factuality", "bias", "notes"}
_FIELDS = {"id", "name", "type", "country", "code", "role", "affiliation", "gender", "aliases", "demonyms",
           "domains", "handles", "ratings", "note", "source", "since", "died", "not_before", "not_after", "titles"}


def _strings(value, where: str, field_name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KBError(f"{where}: field `{field_name}`: expected a list of non-empty strings")
    return [v.strip() for v in value]


def parse_actor(data, node, origin: str) -> Actor:
    """One actor from its YAML mapping; errors say file, line and field."""
    where = f"{origin}:{node_line(node)}"
    check_entry(data, node, origin, what="an actor", known=_FIELDS, required=("id", "name", "type"), error=KBError)
    if data["type"] not in ACTOR_TYPES:
        raise KBError(f"{origin}:{node_line(node, 'type')}: field `type`: {data['type']!r} is not one of "
                      f"{', '.join(ACTOR_TYPES)}")
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and _ISO3.match(country)):
        raise KBError(f"{origin}:{node_line(node, 'country')}: field `country`: {country!r} is not an ISO 3166 alpha-3 code")
    if data.get("gender") not in (None, "m", "f"):
        raise KBError(f"{origin}:{node_line(node, 'gender')}: field `gender`: must be m or f")
    ratings = []
    for r in data.get("ratings") or []:
        if not isinstance(r, dict) or not r.get("source"):
            raise KBError(f"{origin}:{node_line(node, 'ratings')}: field `ratings`: each rating needs a `source`")
        extra = set(r) - _RATING_FIELDS
        if extra:
            raise KBError(f"{origin}:{node_line(node, 'ratings')}: field `ratings`: unknown rating field "
                          f"`{sorted(map(str, extra))[0]}` (known: {', '.join(sorted(_RATING_FIELDS))})")
        ratings.append(Rating(source=str(r["source"]), date=_opt(r.get("date")), factuality=_opt(r.get("factuality")),
                              bias=_opt(r.get("bias")), notes=_opt(r.get("notes"))))
    for key in ("code", "role", "affiliation", "note", "source"):
        if data.get(key) is not None and not isinstance(data[key], (str, int, float)):
            raise KBError(f"{origin}:{node_line(node, key)}: field `{key}`: expected a string")
    since = data.get("since")
    if since is not None and (isinstance(since, bool) or not isinstance(since, int) or not 1000 <= since <= 2100):
        raise KBError(f"{origin}:{node_line(node, 'since')}: field `since`: {since!r} is not a year")
    died = data.get("died")
    if died is not None and (isinstance(died, bool) or not isinstance(died, int) or not 1000 <= died <= 2100):
        raise KBError(f"{origin}:{node_line(node, 'died')}: field `died`: {died!r} is not a year")
    if died is not None and data["type"] != "person":
        raise KBError(f"{origin}:{node_line(node, 'died')}: field `died`: only a person dies (type {data['type']!r})")
    w = lambda key: f"{origin}:{node_line(node, key)}"  # noqa: E731
    if data.get("titles") is not None and data["type"] != "person":
        raise KBError(f"{w('titles')}: field `titles`: only a person bears titles (type {data['type']!r})")
    return Actor(id=data["id"], name=data["name"].strip(), type=data["type"], country=country,
                 code=_opt(data.get("code")), role=_opt(data.get("role")), affiliation=_opt(data.get("affiliation")),
                 gender=data.get("gender"), aliases=_strings(data.get("aliases"), w("aliases"), "aliases"),
                 demonyms=_strings(data.get("demonyms"), w("demonyms"), "demonyms"),
                 domains=_strings(data.get("domains"), w("domains"), "domains"),
                 handles=[h.lstrip("@") for h in _strings(data.get("handles"), w("handles"), "handles")],
                 ratings=ratings,
                 origin=where, note=_opt(data.get("note")), since=since, died=died,
                 not_before=[x.casefold() for x in _strings(data.get("not_before"), w("not_before"), "not_before")],
                 not_after=[x.casefold() for x in _strings(data.get("not_after"), w("not_after"), "not_after")],
                 titles=_strings(data.get("titles"), w("titles"), "titles"),
                 lines={k: node_line(node, k) for k in data if isinstance(k, str)})


def _opt(value) -> str | None:
    return None if value is None else str(value)


def parse_kb_text(text: str, origin: str) -> list[Actor]:
    """The actors of one file's text: a mapping with an `actors` list."""
    root, data = load_yaml_nodes(text, origin, KBError)
    if root is None:
        return []
    if not isinstance(data, dict) or "actors" not in data:
        raise KBError(f"{origin}:1: field `actors`: the file must be a mapping with an `actors` list")
    actors_node = next(v for k, v in root.value if k.value == "actors")
    if not isinstance(data["actors"], list):
        raise KBError(f"{origin}:{node_line(actors_node)}: field `actors`: must be a list")
    out, seen = [], {}
    for item, node in zip(data["actors"], actors_node.value):
        actor = parse_actor(item, node, origin)
        if actor.id in seen:
            raise KBError(f"{origin}:{node_line(node, 'id')}: field `id`: {actor.id!r} already defined at line "
                          f"{seen[actor.id]}")
        seen[actor.id] = node_line(node, "id")
        out.append(actor)
    return out  # affiliations may point into another file: checked once all files are loaded


def builtin_files() -> list:
    folder = resources.files("spinscope") / "data" / "actors"
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name)


@resource("data/actors")
def _builtin() -> tuple[Actor, ...]:
    """The package's actors, parsed once (about 0.25 s) and kept in the cache dir, keyed by the files
    and the code that parses them."""
    import sys

    from .. import datafile, diskcache

    files = builtin_files()
    parts = [p for f in files for p in (f.name, f.read_bytes())]
    key = diskcache.key_of([*parts, sys.version], packages=("pyyaml",), modules=(__file__, datafile.__file__))
    return diskcache.cached("kb-actors", key, lambda: _parse_builtin(files))


def _parse_builtin(files) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    for f in files:
        actors.extend(parse_kb_text(f.read_text(encoding="utf-8"), f"actors/{f.name}"))
    return tuple(actors)


def load_kb(extra: list[str | Path] | tuple = (), *, builtin: bool = True) -> KnowledgeBase:
    """The package's actors plus the user's files (`--kb FILE`), later entries overriding by id."""
    kb = KnowledgeBase()
    if builtin:
        for actor in _builtin():
            kb.add(actor)
        kb.files.extend(f"actors/{f.name}" for f in builtin_files())
    for path in extra:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KBError(f"{path}: cannot read: {exc.strerror or exc}") from None
        for actor in parse_kb_text(text, str(path)):
            kb.add(actor)
        kb.files.append(str(path))
    for actor in kb:
        if actor.affiliation and actor.affiliation not in kb.actors:
            line = actor.lines.get("affiliation")
            where = f"{actor.file}:{line}" if line else actor.origin
            raise KBError(f"{where}: field `affiliation`: {actor.affiliation!r} is not an actor id "
                          f"(actor {actor.id!r} defined at {actor.origin})")
    return kb
