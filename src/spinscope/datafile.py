"""YAML data files read with their node tree, so that errors can name the file and the line."""
from __future__ import annotations

import re
from importlib import resources

import yaml

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def data_or_file_text(packaged: str, path: str | None = None) -> str:
    """The text of the user's file at `path`, else of the package's data file `packaged` (e.g. "data/labels/en.yaml")."""
    if path is None:
        return resources.files("spinscope").joinpath(packaged).read_text(encoding="utf-8")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def node_line(node, key: str | None = None) -> int:
    """1-based line of a mapping node (or of one of its keys) in the YAML file."""
    if key is not None and isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k.start_mark.line + 1
    return node.start_mark.line + 1


def load_yaml_nodes(text: str, origin: str, error: type[Exception]) -> tuple:
    """The root node and data of a YAML text (None, None when empty); invalid YAML raises `error` at origin:line."""
    try:
        # One pass: the node tree keeps line numbers for errors, and becomes the data (C loader when built).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise error(f"{origin}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    twice = duplicate_key(root)
    if twice is not None:  # YAML would keep the last value and drop the first without a word
        key, first = twice
        raise error(f"{origin}:{key.start_mark.line + 1}: field `{key.value}`: given twice in the same mapping (first "
                    f"at line {first.start_mark.line + 1}); YAML would keep only the last value")
    return root, data


_MERGE = "tag:yaml.org,2002:merge"


def duplicate_key(root):
    """(the key node, its first occurrence) of the first key, in file order, written twice in one mapping; or None."""
    found, stack, seen = None, [root] if root is not None else [], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias shares its anchor's node
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE:
                    if k.value in first and (found is None or k.start_mark.index < found[0].start_mark.index):
                        found = (k, first[k.value])
                    first.setdefault(k.value, k)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


def read_data(packaged: str, path: str | None = None, error: type[Exception] | None = None):
    """The data of a YAML file, the user's at `path` or else the package's `packaged`
    ("data/labels/en.yaml"); an unreadable file or invalid YAML raises `error` (default
    DataFileError) at file:line."""
    from .errors import DataFileError

    error = error or DataFileError
    origin = str(path) if path is not None else packaged.removeprefix("data/")
    try:
        text = data_or_file_text(packaged, path)
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{origin}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return load_yaml_nodes(text, origin, error)[1]


def check_entry(data, node, origin: str, *, what: str, known: set[str], required: tuple[str, ...],
                error: type[Exception]) -> None:
    """Check one catalogue entry: a mapping, no unknown field, the required fields non-empty strings, a
    well-formed `id`; a failure raises `error` at origin:line naming the field."""
    if not isinstance(data, dict):
        raise error(f"{origin}:{node_line(node)}: {what} must be a mapping with {', '.join(required)}")
    unknown = set(map(str, data)) - known
    if unknown:
        key = sorted(unknown)[0]
        raise error(f"{origin}:{node_line(node, key)}: field `{key}`: unknown field (known: {', '.join(sorted(known))})")
    for key in required:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise error(f"{origin}:{node_line(node, key)}: field `{key}`: required, a non-empty string")
    if "id" in required and not ITEM_ID.match(data["id"]):
        raise error(f"{origin}:{node_line(node, 'id')}: field `id`: {data['id']!r} must be lower-case letters, "
                    f"digits and hyphens")
