"""The `techniques` stage: propaganda-technique spans (SemEval-2020 Task 11 taxonomy) in the title and body."""
from __future__ import annotations

from ...model import Document, Technique
from ...pipeline import register_stage
from .model import load_model, views_for


@register_stage("techniques")
def make_techniques(config: dict):
    # Loaded when the pipeline is built, so a missing or mismatched model fails before any input is read.
    model = load_model(config.get("techniques_model"))
    min_score = float(config.get("techniques_min_score", 0.0))

    def techniques(docs: list[Document]) -> None:
        # Comments are left out: they are readers' talk, covered by the markers layer, and would
        # multiply the cost on long threads.
        views = views_for([(doc.text, doc.parses) for doc in docs])
        for doc, found in zip(docs, model.predict(views)):
            doc.techniques = [Technique(s, e, t, score) for s, e, t, score in found if score >= min_score]
    return techniques
