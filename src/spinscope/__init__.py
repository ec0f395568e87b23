"""spinscope: an offline evidence base from news articles, every finding pointing at its characters."""
from __future__ import annotations

from .config import Config
from .errors import SpinscopeError
from .model import SCHEMA, Document, Source
from .pipeline import DEFAULT_ORDER, Pipeline, register_stage
from .resources import Resources

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_paths", "Corpus", "Document", "Source", "Pipeline", "Config", "Resources", "register_stage",
           "SpinscopeError", "DEFAULT_ORDER", "SCHEMA", "__version__"]


def __getattr__(name: str):
    # The readers pull in trafilatura and lxml; load them only when the API is used.
    if name in ("analyze", "analyze_paths"):
        from . import api
        return getattr(api, name)
    if name == "Corpus":  # the store's API (DuckDB, the corpus modules): loaded when asked for
        from .corpus.api import Corpus
        return Corpus
    raise AttributeError(f"module 'spinscope' has no attribute {name!r}")
