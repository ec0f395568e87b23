"""spaCy's parser and entity recognizer decoded from Python, step by step: the same actions, about half the time.

spaCy 3.8 decodes a transition-based component greedily in a C loop (`Parser.greedy_parse`). Driving the very
same pieces from Python — the component's step model (`model.predict(docs)`, which scores a list of states with
the same precomputed features, blis products and class mask) and its own `transition_states` (the same validity
checks, argmax and actions in C) — gives the same states and costs about half as much on news text (the entity
recognizer 1.8 -> 0.8 CPU s over the throughput bench's 913 segments; docs/speed.md, stop 36). Why spaCy's own
loop is slower was not traced; the outputs are checked equal on real text (`tests/test_stepped.py`, and
docs/speed.md for the corpora compared).
"""
from __future__ import annotations

from spacy import util


class SteppedParser:
    """Stands in for a spaCy `Parser` (`parser`, `ner`) in `nlp.pipeline`: its own model, moves and annotations,
    with `predict` driven from Python. Everything else is the wrapped component's."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        if name == "inner":  # not set yet (a copy or an unpickling under way): no endless lookup
            raise AttributeError(name)
        return getattr(self.inner, name)

    def predict(self, docs):
        inner = self.inner
        if not any(len(doc) for doc in docs):
            return inner.moves.init_batch(docs)
        inner._ensure_labels_are_added(docs)
        batch = inner.moves.init_batch(docs)
        model = inner.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        while states:
            states = inner.transition_states(states, model.predict(states))
        model.clear_memory()
        return batch

    def __call__(self, doc):
        handler = self.inner.get_error_handler()
        try:
            self.inner.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as exc:  # spaCy's own contract: the pipeline's error handler decides
            handler(self.inner.name, self.inner, [doc], exc)

    def pipe(self, docs, *, batch_size: int = 256):
        """As `Parser.pipe`: batches of `batch_size`, each parsed in length-sorted quarters, yielded in order."""
        handler = self.inner.get_error_handler()
        for batch in util.minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                for sub in util.minibatch(by_length, size=max(batch_size // 4, 2)):
                    sub = list(sub)
                    self.inner.set_annotations(sub, self.predict(sub))
                yield from in_order
            except Exception as exc:
                handler(self.inner.name, self.inner, in_order, exc)


def step_from_python(nlp) -> None:
    """Put a SteppedParser in place of each greedy transition-based component of `nlp` (beam search is left alone)."""
    from spacy.pipeline.transition_parser import Parser

    # spaCy has no public way to swap a built component for an object that is not made by a factory; the
    # pipeline's list is replaced entry by entry (names, order, configs and listeners unchanged).
    components = nlp._components
    for i, (name, proc) in enumerate(components):
        if isinstance(proc, Parser) and proc.cfg.get("beam_width", 1) == 1:
            components[i] = (name, SteppedParser(proc))
