"""Register the cleaning step as the pipeline stage `clean`."""
from __future__ import annotations

from ..model import Document
from ..pipeline import register_stage
from .cues import cues_for
from .segment import segment


@register_stage("clean", assigns=("title", "body", "boilerplate", "comments", "source.title", "source.published"))
def make_clean(config, resources):
    cues_for(None)  # the English cue file, its tables compiled once here (other languages' on first use)

    def clean(docs: list[Document]) -> None:
        for doc in docs:
            segment(doc)
    return clean
