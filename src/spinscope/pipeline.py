"""Stages run in a configured order over batches of documents."""
from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .model import Document

# name -> factory(config dict) -> stage; a stage is called with a batch (list of documents).
STAGES: dict[str, Callable[[dict], Callable[[list[Document]], None]]] = {}

# The order stages run in; later issues append theirs.
DEFAULT_ORDER = ["clean", "parse", "entities", "quotes", "places", "dates", "events", "techniques", "narratives", "labels", "markers"]


def register_stage(name: str):
    """Decorator that makes a stage factory available to pipelines by name."""
    def deco(factory):
        STAGES[name] = factory
        return factory
    return deco


class UnknownStage(ValueError):
    """A stage name that no module registered."""


@dataclass
class Pipeline:
    """Runs the enabled stages, in order, over batches of documents; keeps time spent per stage."""

    order: list[str] = field(default_factory=lambda: list(DEFAULT_ORDER))
    disable: Iterable[str] = ()
    batch_size: int = 32
    config: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        _import_stage_modules()
        self.disable = set(self.disable)
        unknown = (set(self.order) | self.disable) - set(STAGES)
        if unknown:
            raise UnknownStage(f"unknown stage(s): {', '.join(sorted(unknown))}; "
                               f"known: {', '.join(STAGES)}")
        self.stages = [(name, STAGES[name](self.config)) for name in self.order if name not in self.disable]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def process(self, docs: list[Document]) -> list[Document]:
        """Run every enabled stage over one batch, in place."""
        for name, stage in self.stages:
            t0 = time.perf_counter()
            stage(docs)
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
        return docs

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process a stream of documents batch by batch, yielding them in order."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self.process(batch)
                batch = []
        if batch:
            yield from self.process(batch)

    def __call__(self, doc: Document) -> Document:
        return self.process([doc])[0]


# Modules that register stages when imported (one line each; order does not matter).
STAGE_MODULES = (
    "spinscope.clean.stage",
    "spinscope.extract.parse",
    "spinscope.spin.narratives.stage",
    "spinscope.spin.labels",
    "spinscope.spin.markers",
    "spinscope.spin.techniques.stage",
    "spinscope.extract.entities.stage",
    "spinscope.extract.places.stage",
    "spinscope.extract.events.stage",
    "spinscope.extract.quotes.stage",
    "spinscope.extract.dates.stage",
)


def _import_stage_modules() -> None:
    """Stage modules register themselves on import."""
    for name in STAGE_MODULES:
        importlib.import_module(name)
