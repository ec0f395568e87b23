"""Event trigger lexicons (CAMEO verbs and nouns, CAMEO -> PLOVER) loaded from `data/events/`."""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ...resources import resource
from ...datafile import read_data, load_yaml_nodes, node_line, data_or_file_text
from ...errors import DataFileError

_MISSING = object()


@dataclass(slots=True)
class Block:
    """One CAMEO verb block: its verbs' codes and the one-word patterns after any of them."""

    name: str
    code: str | None
    verbs: dict[str, str | None]
    particles: dict[str, str | None] = field(default_factory=dict)
    objects: dict[str, str | None] = field(default_factory=dict)

    def verb_code(self, key: str) -> str | None:
        own = self.verbs.get(key)
        return own if own is not None else self.code


@dataclass
class Lexicon:
    roots: dict[str, str | None]  # CAMEO code prefix -> PLOVER type (None: not coded)
    manual: dict[str, str | None]  # lemma or "lemma particle" -> code, hand-made, wins
    no_patterns: set[str]  # lemmas whose dictionary object patterns are ignored
    blocks_by_verb: dict[str, list[Block]]  # lemma or "lemma particle" -> blocks listing it
    nouns: dict[str, str]  # noun lemma or "modifier lemma" -> code
    trusted: frozenset = frozenset()  # names of the CAMEO blocks whose codes count without a pattern
    given: dict = field(default_factory=dict)  # CAMEO code of an intent to give aid -> code of the aid given (round 34)

    def plover(self, code: str | None) -> str | None:
        """The PLOVER type of a CAMEO code by its longest listed prefix; None when not coded."""
        if not code:
            return None
        for n in range(len(code), 1, -1):
            typ = self.roots.get(code[:n], _MISSING)
            if typ is not _MISSING:
                return typ
        return None

    def verb_keys(self) -> set[str]:
        if not hasattr(self, "_keys"):
            self._keys = set(self.manual) | set(self.blocks_by_verb)
        return self._keys


def given_codes(text: str, roots: dict, origin: str = "events/plover.yaml") -> dict[str, str]:
    """Round 34 (stop 51): plover.yaml's `given_codes`, CAMEO's intent to give aid (033x) -> the aid given (07x), read
    for a verb of giving (detect.py). Keys and values must be quoted CAMEO codes (digits), every key an intent to give
    aid (033...) and every value a code `roots` types as AID (07...); a malformed entry raises DataFileError at
    file:line."""
    root, data = load_yaml_nodes(text, origin, DataFileError)
    table = (data or {}).get("given_codes")
    if table is None:
        return {}
    node = next(v for k, v in root.value if k.value == "given_codes")
    if not isinstance(table, dict):
        raise DataFileError(f"{origin}:{node_line(node)}: field `given_codes`: a mapping of CAMEO code -> CAMEO code")
    aid = roots.get("07") == "AID"
    out = {}
    for k, v in node.value:
        key, value = k.value, v.value if isinstance(v, yaml.ScalarNode) else None
        line = k.start_mark.line + 1
        if k.tag != "tag:yaml.org,2002:str" or not key.isdigit() or not key.startswith("033"):
            raise DataFileError(f"{origin}:{line}: given_codes: {key!r}: the key must be a quoted CAMEO code of an "
                                f"intent to give aid (\"033...\")")
        if value is None or v.tag != "tag:yaml.org,2002:str" or not value.isdigit() or not value.startswith("07"):
            raise DataFileError(f"{origin}:{line}: given_codes: {key!r}: {value!r} must be a quoted CAMEO code of aid "
                                f"given (\"07...\")")
        if not aid:
            raise DataFileError(f"{origin}:{line}: given_codes: roots has no \"07\" (aid) to type {value!r}")
        out[key] = value
    return out


def _load(name: str):
    return read_data(f"data/events/{name}")


def _code(value) -> str | None:
    return None if value is None else str(value)


@resource("data/events")
def lexicon() -> Lexicon:
    """The trigger lexicons, read once per process."""
    plover = _load("plover.yaml")
    roots = {str(k): v for k, v in plover["roots"].items()}
    manual_file = _load("verbs_manual.yaml")
    rows = manual_file["verbs"] or {}
    trusted = frozenset(manual_file.get("trusted_blocks") or ())
    manual = {k: _code((v or {}).get("code")) for k, v in rows.items()}
    no_patterns = {k for k, v in rows.items() if (v or {}).get("patterns") is False}
    by_verb: dict[str, list[Block]] = {}
    for b in _load("verbs.yaml")["blocks"]:
        block = Block(b["name"], _code(b.get("code")), {k: _code(v) for k, v in b["verbs"].items()},
                      {str(k): _code(v) for k, v in (b.get("particles") or {}).items()},
                      {str(k): _code(v) for k, v in (b.get("objects") or {}).items()})
        for verb in block.verbs:
            by_verb.setdefault(verb, []).append(block)
    # hand-made object patterns of a lemma (verbs_manual.yaml `objects`), looked at before the dictionary's blocks
    # (round 26: "lift + sanction" is the dictionary's 0351, an intent; lifting sanctions eases them, 085)
    for verb, objects in (manual_file.get("objects") or {}).items():
        by_verb.setdefault(verb, []).insert(0, Block("MANUAL", None, {verb: None}, {},
                                                     {str(k): _code(v) for k, v in (objects or {}).items()}))
    nouns = {str(k): str(v) for k, v in _load("nouns.yaml")["nouns"].items()}
    unknown = trusted - {b.name for blocks in by_verb.values() for b in blocks}
    if unknown:
        raise ValueError(f"verbs_manual.yaml: trusted_blocks: no such CAMEO block {sorted(unknown)}")
    given = given_codes(data_or_file_text("data/events/plover.yaml"), roots)
    return Lexicon(roots, manual, no_patterns, by_verb, nouns, trusted, given)
