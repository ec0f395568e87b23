"""The narratives catalogue: built-in YAML plus user files, validated with file:line errors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from ...datafile import check_entry, load_yaml_nodes, node_line
from ...resources import resource
from ...errors import DataFileError

_FIELDS = {"id", "label", "description", "examples", "cues", "neutral"}
_TOP = {"narratives", "neutral", "rebuttal_cues", "hedge_cues"}


class NarrativeError(DataFileError):
    """A catalogue file that cannot be used: the message names the file, line and field."""


@dataclass(slots=True)
class NarrativeDef:
    id: str
    label: str
    description: str
    examples: list[str]
    cues: list[str] = field(default_factory=list)
    neutral: list[str] = field(default_factory=list)  # plain reporting on the same topic
    origin: str = ""  # file:line it was read from


@dataclass
class Catalogue:
    narratives: dict[str, NarrativeDef] = field(default_factory=dict)
    neutral: list[str] = field(default_factory=list)
    rebuttal_cues: list[str] = field(default_factory=list)
    hedge_cues: list[str] = field(default_factory=list)  # words that keep a claim from being the writer's own
    files: list[str] = field(default_factory=list)

    def extend(self, other: Catalogue) -> None:
        """Add a later file: an entry with a known id replaces the earlier one, new ids are appended."""
        self.narratives.update(other.narratives)
        self.neutral.extend(other.neutral)
        self.rebuttal_cues.extend(other.rebuttal_cues)
        self.hedge_cues.extend(other.hedge_cues)
        self.files.extend(other.files)

    def all_neutral(self) -> list[str]:
        """The shared neutral sentences and every narrative's own."""
        return [*self.neutral, *(s for n in self.narratives.values() for s in n.neutral)]


def cue_pattern(cues: list[str]) -> re.Pattern | None:
    """One case-insensitive regex for whole-word cues; `*` stands for any word ending."""
    if not cues:
        return None
    parts = []
    for cue in sorted(set(cues), key=len, reverse=True):
        body = r"\s+".join(re.escape(w).replace(r"\*", r"[\w'-]*") for w in cue.split())
        parts.append(rf"(?<![\w-]){body}(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE)


def _strings(value, where: str, name: str, *, required: bool = False) -> list[str]:
    if value is None and not required:
        return []
    if isinstance(value, str) and not required:
        value = [value]
    if not isinstance(value, list) or not value and required or \
            not all(isinstance(v, str) and v.strip() for v in value):
        raise NarrativeError(f"{where}: field `{name}`: expected a {'non-empty ' if required else ''}"
                             f"list of non-empty strings")
    return [" ".join(v.split()) for v in value]


def _narrative(data, node, origin: str) -> NarrativeDef:
    where = f"{origin}:{node_line(node)}"
    check_entry(data, node, origin, what="a narrative", known=_FIELDS, required=("id", "label", "description"),
                error=NarrativeError)
    w = lambda key: f"{origin}:{node_line(node, key)}"  # noqa: E731
    return NarrativeDef(data["id"], " ".join(data["label"].split()), " ".join(data["description"].split()),
                        _strings(data.get("examples"), w("examples"), "examples", required=True),
                        _strings(data.get("cues"), w("cues"), "cues"),
                        _strings(data.get("neutral"), w("neutral"), "neutral"), where)


def parse_catalogue(text: str, origin: str) -> Catalogue:
    """The catalogue of one file's text: a mapping with a `narratives` list (and optional extras)."""
    root, data = load_yaml_nodes(text, origin, NarrativeError)
    if not isinstance(data, dict) or not isinstance(data.get("narratives"), list):
        raise NarrativeError(f"{origin}:{node_line(root) if root is not None else 1}: field `narratives`: the file must "
                             f"be a mapping with a `narratives` list")
    unknown = set(map(str, data)) - _TOP
    if unknown:
        key = sorted(unknown)[0]
        raise NarrativeError(f"{origin}:{node_line(root, key)}: field `{key}`: unknown top-level field "
                             f"(known: {', '.join(sorted(_TOP))})")
    nodes = next(v for k, v in root.value if k.value == "narratives")
    out = Catalogue(files=[origin])
    for item, node in zip(data["narratives"], nodes.value):
        nar = _narrative(item, node, origin)
        if nar.id in out.narratives:
            raise NarrativeError(f"{origin}:{node_line(node, 'id')}: field `id`: {nar.id!r} already defined at "
                                 f"{out.narratives[nar.id].origin}")
        out.narratives[nar.id] = nar
    for key in ("neutral", "rebuttal_cues", "hedge_cues"):
        if key in data:
            setattr(out, key, _strings(data[key], f"{origin}:{node_line(root, key)}", key))
    return out


def _builtin_text() -> tuple[str, str]:
    path = resources.files("spinscope") / "data" / "narratives" / "catalogue.yaml"
    return path.read_text(encoding="utf-8"), str(path)


@resource("data/narratives/catalogue.yaml", user_files=True)
def load_catalogue(files: tuple[str, ...] = ()) -> Catalogue:
    """The built-in catalogue extended by the user files, in order (cached per tuple of files)."""
    cat = parse_catalogue(*_builtin_text())
    for f in files:
        try:
            with open(f, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as exc:
            raise NarrativeError(f"{f}: cannot read: {exc.strerror or exc}") from None
        cat.extend(parse_catalogue(text, str(f)))
    return cat
