"""The `techniques` stage: propaganda-technique spans (SemEval-2020 Task 11 taxonomy) in the title and body."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Document, Technique
from ...pipeline import register_stage
from .model import load_model, views_for


@dataclass(frozen=True)
class TechniquesConfig:
    """The techniques model and the lowest score of a span kept."""

    model: str | None = None  # a model folder (docs/techniques.md); default: the packaged model
    min_score: float = 0.0


@register_stage("techniques", requires=("parses",), assigns=("techniques",), config=TechniquesConfig)
def make_techniques(config: TechniquesConfig, resources):
    # Loaded when the pipeline is built, so a missing or mismatched model fails before any input is read.
    model = load_model(config.model)
    min_score = config.min_score

    def techniques(docs: list[Document]) -> None:
        # Comments are left out: they are readers' talk, covered by the markers layer, and would
        # multiply the cost on long threads.
        views = views_for([(doc.text, doc.parses) for doc in docs])
        for doc, found in zip(docs, model.predict(views)):
            doc.techniques = [Technique(s, e, t, score) for s, e, t, score in found if score >= min_score]
    return techniques
