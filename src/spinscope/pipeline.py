"""Declared stages run in a checked order over batches of documents.

A stage is a factory registered with `register_stage(name, requires=..., assigns=..., config=...)`:
it is called once with its config section and the pipeline's `Resources`, and returns a function
that processes a batch (a list of documents) in place, writing only the layers it assigns. The
`Pipeline` checks the order against the declarations, derives what a partial run needs, records
which stages ran, and travels (pickling it ships only its configuration).
"""
from __future__ import annotations

import gc
import hashlib
import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .budget import OverBudget, deadline
from .config import Config, NoConfig
from .errors import ConfigError
from .model import Document
from .resources import Resources

# Layers every document has before any stage runs.
BASE_LAYERS = frozenset({"text", "source"})


@dataclass(frozen=True)
class StageSpec:
    """What a stage is: its name, what it needs and writes, its config section and its factory."""

    name: str
    factory: Callable  # (section config, Resources) -> Callable[[list[Document]], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    config: type


STAGES: dict[str, StageSpec] = {}

# The order stages run in when none is given.
DEFAULT_ORDER = ("clean", "parse", "entities", "quotes", "places", "dates", "events", "techniques",
                 "narratives", "labels", "markers")

# Modules that register stages when imported (one line each; order does not matter).
STAGE_MODULES = (
    "spinscope.clean.stage",
    "spinscope.extract.parse",
    "spinscope.extract.entities.stage",
    "spinscope.extract.quotes.stage",
    "spinscope.extract.places.stage",
    "spinscope.extract.dates.stage",
    "spinscope.extract.events.stage",
    "spinscope.spin.techniques.stage",
    "spinscope.spin.narratives.stage",
    "spinscope.spin.labels",
    "spinscope.spin.markers",
)


def register_stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
                   config: type = NoConfig):
    """Decorator that declares a stage factory: `factory(cfg_section, resources) -> process(batch)`."""
    def deco(factory):
        STAGES[name] = StageSpec(name, factory, tuple(requires), tuple(assigns), config)
        return factory
    return deco


class UnknownStage(ConfigError):
    """A stage name that no module registered."""


def load_stage_modules() -> None:
    """Stage modules register themselves on import."""
    for name in STAGE_MODULES:
        importlib.import_module(name)


def providers(layer: str, names: Iterable[str]) -> list[str]:
    return [n for n in names if layer in STAGES[n].assigns]


def needed_for(targets: Iterable[str], order: Iterable[str] = DEFAULT_ORDER) -> list[str]:
    """The stages of `order` that `targets` need, transitively, in order (targets included)."""
    load_stage_modules()
    order = list(order)
    _check_known(order + list(targets))
    want = set(targets)
    for name in reversed(order):
        if name in want:
            for layer in STAGES[name].requires:
                want.update(p for p in providers(layer, order[:order.index(name)]))
    return [n for n in order if n in want]


def check_order(order: list[str]) -> None:
    """Every stage's requirements are assigned by a stage before it; else a ConfigError naming both."""
    _check_known(order)
    for i, name in enumerate(order):
        for layer in STAGES[name].requires:
            if layer in BASE_LAYERS or providers(layer, order[:i]):
                continue
            later = providers(layer, order[i + 1:])
            known = providers(layer, STAGES)
            if later:
                raise ConfigError(f"stage {name!r} requires {layer!r}, which stage {later[0]!r} assigns, "
                                  f"but {later[0]!r} comes after {name!r}")
            if known:
                raise ConfigError(f"stage {name!r} requires {layer!r}, which stage {known[0]!r} assigns, "
                                  f"but {known[0]!r} is not in the pipeline")
            raise ConfigError(f"stage {name!r} requires {layer!r}, which no stage assigns")


def _check_known(names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(STAGES))
    if unknown:
        raise UnknownStage(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(STAGES)}")


_heap_frozen = False


def freeze_loaded_heap() -> bool:
    """Move every object alive now out of the cyclic collector's reach, once per process (True the first time).

    Why: the models, KB and gazetteers are hundreds of thousands of long-lived objects; without this each of the
    collector's older-generation passes walks all of them again (1.0 of 1.3 CPU s of garbage collection over
    `bench/throughput.py --ptc 20`'s pass, docs/speed.md round 12). Reference counting still frees them."""
    global _heap_frozen
    if _heap_frozen:
        return False
    _heap_frozen = True
    gc.collect()
    gc.freeze()
    return True


class Pipeline:
    """Runs the configured stages, in a checked order, over batches of documents; keeps time per stage.

    `Pipeline(config)` takes a `Config` (or a dict of sections). `stages`, `disable` and `batch_size`
    override the `[pipeline]` section; `targets` runs only those stages and what they need.
    Disabling a stage drops every stage that needs what it assigns (`skipped` says why).
    """

    def __init__(self, config: Config | dict | None = None, *, stages: Iterable[str] | None = None,
                 disable: Iterable[str] | None = None, batch_size: int | None = None,
                 targets: Iterable[str] | None = None, resources: Resources | None = None,
                 keep_parses: bool = False, check_writes: bool = False, doc_timeout: float | None = None,
                 build: bool = True):
        load_stage_modules()
        cfg = config if isinstance(config, Config) else Config.from_dict(config)
        changes = {k: list(v) if k in ("stages", "disable") else v
                   for k, v in (("stages", stages), ("disable", disable), ("batch_size", batch_size),
                                ("doc_timeout", doc_timeout)) if v is not None}
        if changes:
            cfg = cfg.replace(pipeline=changes)
        self.config = cfg
        self.targets = tuple(targets) if targets is not None else None
        self.keep_parses = keep_parses
        self.check_writes = check_writes
        self.resources = resources if resources is not None else Resources(cfg)
        self.timings: dict[str, float] = {}  # wall seconds per stage, summed over batches
        self.cpu_timings: dict[str, float] = {}  # CPU seconds of this process (all its threads) per stage
        self.order, self.skipped = self._plan()
        self.stages: list | None = None
        if build:  # False: the stages are built on first use (a batch driver whose workers build their own)
            self._build()

    @classmethod
    def from_config(cls, config: Config | dict | None = None, **options) -> Pipeline:
        return cls(config, **options)

    def _plan(self) -> tuple[list[str], dict[str, str]]:
        p = self.config.pipeline
        order = list(p.stages) or list(DEFAULT_ORDER)
        _check_known(order + list(p.disable) + list(self.targets or ()))
        if self.targets is not None:
            order = needed_for(self.targets, order)
        skipped: dict[str, str] = {n: "disabled" for n in order if n in p.disable}
        for name in order:  # what needs a skipped stage's layers cannot run either
            if name in skipped:
                continue
            for layer in STAGES[name].requires:
                earlier = order[:order.index(name)]
                if providers(layer, earlier) and not providers(layer, [n for n in earlier if n not in skipped]):
                    skipped[name] = f"needs {layer!r} from {providers(layer, earlier)[0]!r}"
                    break
        run = [n for n in order if n not in skipped]
        check_order(run)
        return run, skipped

    def _build(self) -> None:
        with self.resources.activate():
            self.stages = [(name, STAGES[name].factory(getattr(self.config, name), self.resources))
                           for name in self.order]
        self._provenance = None

    @property
    def names(self) -> list[str]:
        return list(self.order)

    @property
    def provenance(self) -> dict:
        """What a record made by this pipeline carries: version, stages and content hashes."""
        if self._provenance is None:
            from . import __version__
            self._provenance = {"version": __version__, "stages": list(self.order),
                                "hashes": {"config": self.config.hash(), **self.resources.fingerprint()}}
        return self._provenance

    def reload(self) -> bool:
        """Pick up edited user files (KB, catalogues): rebuild the stages when one changed."""
        changed = self.resources.reload()
        if changed:
            self._build()
        return changed

    def process(self, docs: list[Document]) -> list[Document]:
        """Run every stage over one batch, in place, within `[pipeline] doc_timeout` seconds; parses
        are dropped at the end unless kept.

        Past the budget `OverBudget` is raised (naming the stage); a batch gets the budget of one
        document, and `api.analyze_paths` then retries its documents one by one, so that only the
        slow one is dropped.
        """
        if self.stages is None:
            self._build()
        current = None
        try:
            with deadline(self.config.pipeline.doc_timeout), self.resources.activate():
                for current, stage in self.stages:
                    self._run_stage(current, stage, docs)
        except OverBudget as exc:
            raise OverBudget(exc.seconds, exc.stage or current) from None
        prov = self.provenance
        for doc in docs:
            doc.provenance = _merged(doc.provenance, prov)
            if not self.keep_parses:
                doc.parses = []
        freeze_loaded_heap()  # after a first batch: what stages load on first use is loaded by now
        return docs

    def _run_stage(self, name: str, stage, docs: list[Document]) -> None:
        assigns = STAGES[name].assigns
        before = [_layers_fingerprint(d, assigns) for d in docs] if self.check_writes else None
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            stage(docs)
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            self.cpu_timings[name] = self.cpu_timings.get(name, 0.0) + time.process_time() - c0
        for doc in docs:
            doc.assign_ids(assigns)
        if before is not None:
            for doc, fp in zip(docs, before):
                if _layers_fingerprint(doc, assigns) != fp:
                    raise ConfigError(f"stage {name!r} wrote a layer it does not assign "
                                      f"(it declares {', '.join(assigns)})")

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process a stream of documents batch by batch, yielding them in order."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.config.pipeline.batch_size:
                yield from self.process(batch)
                batch = []
        if batch:
            yield from self.process(batch)

    def __call__(self, doc: Document) -> Document:
        return self.process([doc])[0]

    @property
    def batch_size(self) -> int:
        return self.config.pipeline.batch_size

    def __reduce__(self):
        # A pipeline travels as its configuration: the receiving process builds its own stages once.
        return (_rebuild, (self.config, self.targets, self.keep_parses))

    def __repr__(self):
        return f"Pipeline(stages={self.order!r})"


def _rebuild(config: Config, targets, keep_parses) -> Pipeline:
    return Pipeline(config, targets=targets, keep_parses=keep_parses)


def _merged(old: dict | None, new: dict) -> dict:
    """A document run through two partial pipelines keeps both sets of stages."""
    if not old or old.get("hashes") != new["hashes"]:
        return {**new, "stages": list(new["stages"]), "hashes": dict(new["hashes"])}
    stages = list(old["stages"]) + [s for s in new["stages"] if s not in old["stages"]]
    return {**new, "stages": stages, "hashes": dict(new["hashes"])}


def _layers_fingerprint(doc: Document, allowed: Iterable[str]) -> str:
    """A hash of every serialized layer a stage may not write (used with check_writes=True)."""
    record = doc.to_dict(span_text=False)
    skip = set(allowed) | {"provenance", "doc_id"}
    own = {layer.split(".", 1)[1] for layer in allowed if layer.startswith("source.")}
    record["source"] = {k: v for k, v in record["source"].items() if k not in own}
    return hashlib.sha256(repr(sorted((k, repr(v)) for k, v in record.items() if k not in skip)).encode()).hexdigest()
