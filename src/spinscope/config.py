"""One frozen, typed configuration: a section per stage plus `pipeline`, `kb`, `cache`, `serve` and `read`.

A section is a frozen dataclass. Stages declare theirs with `register_stage(..., config=...)`; the
core sections are below. `Config.from_toml(path)` reads a TOML file (`spinscope analyze --config`);
an unknown section or key is an error that names it. Every key is documented in `docs/config.md`
(a test checks it).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclasses.dataclass(frozen=True)
class NoConfig:
    """The section of a stage that has no settings."""


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    """Which stages run, and how documents are batched."""

    modules: tuple[str, ...] = ()  # Python modules to import first: they register stages of their own
    stages: tuple[str, ...] = ()  # the order to run; empty means every registered stage in the default order
    disable: tuple[str, ...] = ()  # stages to skip (and with them every stage that needs what they assign)
    batch_size: int = 32  # documents per batch handed to each stage
    doc_timeout: float = 120.0  # seconds a document may take (docs/robustness.md); 0: no budget


@dataclasses.dataclass(frozen=True)
class KBConfig:
    """The actor knowledge base: the built-in actors plus the user's files (later files override by id)."""

    files: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class CacheConfig:
    """Where built indexes are cached on disk."""

    dir: str | None = None  # default: $SPINSCOPE_CACHE, else $XDG_CACHE_HOME/spinscope, else ~/.cache/spinscope


@dataclasses.dataclass(frozen=True)
class ServeConfig:
    """`spinscope serve`: the write token, who may read, request limits, CORS; the defaults are the safe ones."""

    # writes (POST /api/analyze with store) need `Authorization: Bearer <token>`; a secret, so never in a repr
    token: str | None = dataclasses.field(default=None, repr=False)
    allow_remote: bool = False  # answer readers that are not on the loopback interface
    max_body: int = 2_000_000  # bytes of a request body (413 above)
    max_query: int = 2_000  # characters of a query string (414 above)
    cors_origins: tuple[str, ...] = ()  # origins allowed to read the API from a browser (GET only); none by default


READ_FIELDS = ("text", "title", "url", "date", "outlet", "language")
DATE_ORDERS = ("month-first", "day-first")


@dataclasses.dataclass(frozen=True)
class ReadConfig:
    """How tables (JSONL, CSV, Parquet) are read: the column of each field, as `--column FIELD=COLUMN` says it (a
    name, or a list of names tried in order, then the field's own name), and the order of all-number dates."""

    text: tuple[str, ...] | str = ()
    title: tuple[str, ...] | str = ()
    url: tuple[str, ...] | str = ()
    date: tuple[str, ...] | str = ()
    outlet: tuple[str, ...] | str = ()
    language: tuple[str, ...] | str = ()
    date_order: str = "month-first"  # month-first or day-first: how "01/03/2021" is read (docs/config.md)

    def __post_init__(self):
        for name in READ_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, (value,) if value else ())
        if self.date_order not in DATE_ORDERS:
            raise ValueError(f"date_order: expected month-first or day-first, not {self.date_order!r}")

    def columns(self) -> dict[str, list[str]]:
        """The fields given a column here (field -> its columns, in order)."""
        return {name: list(getattr(self, name)) for name in READ_FIELDS if getattr(self, name)}


CORE_SECTIONS: dict[str, type] = {"pipeline": PipelineConfig, "kb": KBConfig, "cache": CacheConfig,
                                  "serve": ServeConfig, "read": ReadConfig}
# Sections that change no analysis: left out of the configuration's hash (a record's provenance), which must
# neither change with the server's settings nor carry anything derived from its token.
# `[read]` says how inputs become documents (a document's text and fields), not how a document is analyzed.
UNHASHED = ("serve", "read")
# Settings that change how work is cut, not what comes out (a document's record does not depend on its batch):
# a new batch size must not make every stored record stale.
UNHASHED_KEYS = {"pipeline": ("batch_size",), "parse": ("batch_size",)}


def import_modules(names, origin: str = "config") -> None:
    """Import the modules named in `[pipeline] modules` (a stage plug-in registers itself on import)."""
    import importlib

    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise ConfigError(f"{origin}: [pipeline] modules: expected a list, not {names!r}")
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise ConfigError(f"{origin}: [pipeline] modules: cannot import {name!r}: {exc}") from None


def known_sections() -> dict[str, type]:
    """Section name -> dataclass: the core sections and one per registered stage."""
    from .pipeline import STAGES, load_stage_modules

    load_stage_modules()
    return {**CORE_SECTIONS, **{name: spec.config for name, spec in STAGES.items()}}


class Config:
    """The whole configuration, frozen; `cfg.parse.batch_size`, `cfg.kb.files`, ..."""

    __slots__ = ("_sections",)

    def __init__(self, sections: Mapping[str, Any] | None = None, *, origin: str = "config"):
        given = dict(sections or {})
        pipeline = given.get("pipeline")
        modules = pipeline.get("modules", ()) if isinstance(pipeline, Mapping) else getattr(pipeline, "modules", ())
        import_modules(modules, origin)  # their stages' sections become known
        known = known_sections()
        for name in given:
            if name not in known:
                raise ConfigError(f"{origin}: unknown section [{name}]; known: {', '.join(sorted(known))}")
        built = {}
        for name, cls in known.items():
            value = given.get(name)
            if value is None:
                value = cls()
            elif isinstance(value, Mapping):
                value = _section(cls, value, name, origin)
            elif not isinstance(value, cls):
                raise ConfigError(f"{origin}: section [{name}] must be a table of keys, not {type(value).__name__}")
            built[name] = value
        object.__setattr__(self, "_sections", built)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, *, origin: str = "config") -> Config:
        if data is not None and not isinstance(data, Mapping):
            raise ConfigError(f"{origin}: expected a table of sections, not {type(data).__name__}")
        for key, value in (data or {}).items():
            if not isinstance(value, Mapping) and not dataclasses.is_dataclass(value):
                raise ConfigError(f"{origin}: {key!r} is not a section (write it under its [section], "
                                  f"see docs/config.md)")
        return cls(data, origin=origin)

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_dict(data, origin=str(path))

    def replace(self, **changes: Mapping[str, Any]) -> Config:
        """A copy with some keys of some sections changed: `cfg.replace(kb={"files": ["a.yaml"]})`."""
        data = self.to_dict()
        for name, keys in changes.items():
            if name not in data:
                raise ConfigError(f"unknown section [{name}]; known: {', '.join(sorted(data))}")
            data[name] = {**data[name], **dict(keys)}
        return Config.from_dict(data)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {name: _plain(dataclasses.asdict(sec)) for name, sec in self._sections.items()}

    def hash(self) -> str:
        """A content hash of every setting (part of each record's provenance)."""
        settings = {k: {key: val for key, val in v.items() if key not in UNHASHED_KEYS.get(k, ())}
                    for k, v in self.to_dict().items() if k not in UNHASHED}
        blob = json.dumps(settings, sort_keys=True, ensure_ascii=True).encode("ascii")
        return hashlib.sha256(blob).hexdigest()[:16]

    def __getattr__(self, name: str):
        try:
            return self._sections[name]
        except KeyError:
            raise AttributeError(f"no configuration section {name!r}") from None

    def __setattr__(self, name, value):
        raise dataclasses.FrozenInstanceError(f"Config is frozen; use cfg.replace({name}=...)")

    def __eq__(self, other):
        return isinstance(other, Config) and self._sections == other._sections

    def __hash__(self):
        return hash(self.hash())

    def __reduce__(self):
        return (Config.from_dict, (self.to_dict(),))

    def __repr__(self):
        shown = self.to_dict()
        if shown["serve"]["token"]:
            shown["serve"]["token"] = "<set>"
        return f"Config({shown!r})"


def _section(cls: type, data: Mapping[str, Any], name: str, origin: str):
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    unknown = [k for k in data if k not in fields]
    if unknown:
        hint = f"; known: {', '.join(sorted(fields))}" if fields else " (it has no settings)"
        raise ConfigError(f"{origin}: unknown key {unknown[0]!r} in section [{name}]{hint}")
    values = {key: _coerce(hints[key], value, f"{origin}: [{name}] {key}") for key, value in data.items()}
    try:
        return cls(**values)
    except ValueError as exc:  # a section's own check of its values (`__post_init__`)
        raise ConfigError(f"{origin}: [{name}] {exc}") from None


def _coerce(tp, value, where: str):
    """`value` checked against the annotation `tp` (str, int, float, bool, X | None, tuple[X, ...])."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        last = None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(arg, value, where)
            except ConfigError as exc:
                last = exc
        raise last or ConfigError(f"{where}: unexpected value {value!r}")
    if origin is tuple:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, not {value!r}")
        (item,) = typing.get_args(tp)[:1]
        return tuple(_coerce(item, v, where) for v in value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, not {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, not {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: expected a number, not {value!r}")
        return float(value)
    if tp is str:
        if isinstance(value, Path):
            return str(value)
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, not {value!r}")
        return value
    raise ConfigError(f"{where}: unsupported setting type {tp!r}")


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
