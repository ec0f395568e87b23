"""The Python API: `analyze` one text or file, `analyze_paths` many inputs."""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .budget import OverBudget
from .errors import ConfigError, InputError
from .ingest import read, read_text
from .ingest.base import Failure, ReadError, ReadOptions
from .model import Document
from .pipeline import Pipeline


def _is_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    return len(value) < 4096 and "\n" not in value and os.path.exists(value)


def _pipeline(pipeline: Pipeline | None, disable: Iterable[str], kb: Iterable[str | Path],
              doc_timeout: float | None = None) -> Pipeline:
    kb = [str(f) for f in kb]
    if pipeline is not None:
        if kb:
            raise ConfigError("give the KB files to the Pipeline (config={'kb': {'files': [...]}}), not with pipeline=")
        if doc_timeout is not None:
            raise ConfigError("give the time budget to the Pipeline (doc_timeout=...), not with pipeline=")
        return pipeline
    return _default_pipeline(tuple(disable), tuple(kb), doc_timeout)


@functools.lru_cache(maxsize=4)
def _default_pipeline(disable: tuple[str, ...], kb: tuple[str, ...], doc_timeout: float | None) -> Pipeline:
    # `analyze` called in a loop must not rebuild its stages per call (the loaded models are shared
    # anyway; this saves the stage set-up).
    return Pipeline({"kb": {"files": list(kb)}}, disable=disable, doc_timeout=doc_timeout)


def analyze(text_or_path: str | Path, *, disable: Iterable[str] = (), pipeline: Pipeline | None = None,
            options: ReadOptions | None = None, kb: Iterable[str | Path] = (), doc_timeout: float | None = None,
            **source) -> Document:
    """Analyze one text (or the one document in a file) and return its `Document`.

    `disable` names stages to skip (e.g. ``disable=["parse"]``); `kb` lists actor knowledge-base
    files added to the built-in actors (like ``--kb``); `doc_timeout` is a time budget in seconds
    (`OverBudget` past it); keyword arguments such as ``title=``, ``url=``, ``outlet=``,
    ``published=``, ``language=`` fill the source metadata of a text. A text's invalid code points
    (lone surrogates, noncharacters, NUL) become U+FFFD, with a warning.

    Raises `ReadError` for an unreadable file, `ValueError` for a file of several documents and
    `budget.OverBudget` past the time budget.
    """
    pipeline = _pipeline(pipeline, disable, kb, doc_timeout)
    if _is_path(text_or_path):
        results = list(read([text_or_path], options))
        docs = [r for r in results if isinstance(r, Document)]
        failures = [r for r in results if isinstance(r, Failure)]
        if failures and not docs:
            raise ReadError(str(failures[0]))
        if len(docs) != 1:
            raise InputError(f"{text_or_path} holds {len(docs)} documents; use spinscope.analyze_paths")
        doc = docs[0]
        for key, value in source.items():
            setattr(doc.source, key, value)
    else:
        doc = read_text(str(text_or_path), **source)
    return pipeline(doc)


def analyze_paths(paths: Iterable[str | Path], *, disable: Iterable[str] = (), pipeline: Pipeline | None = None,
                  options: ReadOptions | None = None, kb: Iterable[str | Path] = (),
                  doc_timeout: float | None = None) -> Iterator[Document | Failure]:
    """Analyze every document of files and directories; failures come back in the stream, in order.
    `kb` lists actor knowledge-base files, as for `analyze`; a document over `doc_timeout` seconds
    comes back as a Failure."""
    pipeline = _pipeline(pipeline, disable, kb, doc_timeout)
    pending: list[Document] = []
    for item in read(paths, options):
        if isinstance(item, Failure):
            yield from process_isolated(pipeline, pending)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= pipeline.batch_size:
            yield from process_isolated(pipeline, pending)
            pending = []
    yield from process_isolated(pipeline, pending)


def process_isolated(pipeline: Pipeline, batch: list[Document]) -> Iterator[Document | Failure]:
    """Process a batch; if a stage fails on it or it runs over the time budget, retry one by one so
    only the bad or slow document is lost."""
    if not batch:
        return
    try:
        yield from pipeline.process(batch)
        return
    except OverBudget as exc:
        if len(batch) == 1:  # already alone: no second try
            yield Failure(_name(batch[0]), str(exc))
            return
    except Exception:  # noqa: BLE001 - isolate the culprit below
        pass
    for doc in batch:
        try:
            yield pipeline.process([doc])[0]
        except OverBudget as exc:
            yield Failure(_name(doc), str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a corpus run
            yield Failure(_name(doc), f"analysis failed: {type(exc).__name__}: {exc}")


def _name(doc: Document) -> str:
    return doc.source.path or doc.doc_id
