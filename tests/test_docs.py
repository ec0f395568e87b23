"""The docs name every config key, stage and command (as datasette's test_docs does for its settings)."""
from __future__ import annotations

import dataclasses
import re

import click
import pytest

from spinscope.cli import cli
from spinscope.config import known_sections
from spinscope.pipeline import STAGES, load_stage_modules

from .conftest import ROOT

CONFIG_DOC = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
ALL_DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _section_text(name: str) -> str:
    """The part of docs/config.md under the heading of section [name]."""
    m = re.search(rf"^### `\[{re.escape(name)}\]`\n(.*?)(?=^### |^## |\Z)", CONFIG_DOC, re.M | re.S)
    return m.group(1) if m else ""


def _config_keys():
    return [(section, f.name) for section, cls in known_sections().items() for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("section, key", _config_keys())
def test_every_config_key_is_documented(section, key):
    assert re.search(rf"^\| `{re.escape(key)}` \|", _section_text(section), re.M), \
        f"docs/config.md: key `{key}` of [{section}] is not in its section's table"


def test_every_section_is_documented():
    for section, cls in known_sections().items():
        if dataclasses.fields(cls):
            assert _section_text(section), f"docs/config.md has no heading for [{section}]"
        else:
            assert f"`[{section}]`" in CONFIG_DOC, f"docs/config.md does not name the section [{section}]"


def test_every_stage_is_documented():
    load_stage_modules()
    for name, spec in STAGES.items():
        row = re.search(rf"^\| `{re.escape(name)}` \|(.*)$", CONFIG_DOC, re.M)
        assert row, f"docs/config.md: stage `{name}` is not in the stages table"
        for layer in spec.assigns:
            assert layer in row.group(1), f"docs/config.md: stage `{name}` assigns {layer!r}, the table does not say so"


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path", list(_commands(cli)), ids=" ".join)
def test_every_command_is_documented(path):
    name = path[-1]
    assert re.search(rf"(spinscope [^`\n]*\b{re.escape(name)}\b|`{re.escape(name)}`)", ALL_DOCS), \
        f"`spinscope {' '.join(path)}` is not mentioned in README.md or docs/"


def test_the_pipeline_configurations_the_docs_write_in_python_build(tmp_path):
    """New-user walk-through (stop 32): docs/narratives.md showed `Pipeline(config={"narrative_files": [...]})`,
    which raises ConfigError ('narrative_files' is not a section). Every `Pipeline(config=...)` of the docs builds,
    with its YAML file names standing for small valid files."""
    from spinscope import Pipeline

    files = {"my_narratives.yaml": "narratives:\n  - id: ferry-plot\n    label: The ferry fares are a plot\n"
                                   "    description: Fares are said to be raised on purpose.\n"
                                   "    examples: [The fare rise is a plot against the islanders.]\n",
             "my_actors.yaml": "actors:\n  - id: ahmad-nouri\n    name: Ahmad Nouri\n    type: person\n"}
    spans = re.findall(r"`(Pipeline\(config=\{[^`]*\))`", ALL_DOCS)
    assert spans
    for span in spans:
        code = span
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
            code = code.replace(f'"{name}"', repr(str(tmp_path / name)))
        assert str(tmp_path) in code, span
        eval(code, {"Pipeline": Pipeline})  # noqa: S307 - the docs' own sample
