"""A fine-tuned MiniLM voice classifier (claim / rejects / news) for the voice path, as a cascade stage.

Why (issue 17, seventh round, docs/narratives.md): the voice head of model.py is a logistic regression on the
frozen sentence vector; of the held-out misses whose narrative is among the sentence's candidates, most score
under the voice path's claim log-odds. A fine-tuned encoder reads the words themselves (negations, who is the
subject, a reporting frame), so it may tell a claim from plain news on the same topic better.

It is a cascade: only sentences whose most probable candidate narrative reaches the pair probability `floor`
(model.json `voice_ft`) are read, and for them its claim-vs-news log-odds replace the logistic head's on the
voice path (`NarrativeModel.evidence`); the pair head still reads the logistic head's (it was trained on them)
and the stance is still the logistic head's. Input: "[CLS] sentence [SEP]", cut at MAX_PIECES word pieces;
output: the three classes' log-probabilities (CLASSES order). The weights are stored like the techniques
tagger's (fp16, without the frozen word embeddings, `tagger.save_trained`) and run in ONNX Runtime (int8 by
default, one sentence per run) from the cache dir; trained by src/spinscope/training/narratives_voice.py.
"""
from __future__ import annotations

from importlib import resources as ilr

import numpy as np

from ...embed import pad, tokenizer
from ...resources import resource
from ..techniques.tagger import BASE_PACKAGE, int8_default, load_trained
from .model import CLASSES

VOICE_FILE = "voice.safetensors"
MAX_PIECES = 64  # longer sentences are cut (training and run time alike)


def build_voice():
    """The base encoder with a three-unit linear head (claim, rejects, news) over the mean of its last hidden
    states (fresh head, base weights); forward gives the logits."""
    import torch

    from ...embed import base_bert

    class Voice(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = base_bert()
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(CLASSES))

        def forward(self, ids, mask):
            h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(h.dtype)
            h = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)  # mean pooling, as the base was trained
            return self.head(self.drop(h))

    return Voice()


def log_probs_module(model):
    """The classifier as one module giving log-probabilities (batch, 3): what is exported to ONNX."""
    import torch
    from ... import onnxrun
    return onnxrun.applied(model, lambda logits: torch.log_softmax(logits, dim=-1))


def sentence_pieces(sentences: list[str]) -> list[list[int]]:
    """Word pieces of each sentence, cut at MAX_PIECES (`pad` adds [CLS] and [SEP])."""
    return [x[:MAX_PIECES] for x, _ in tokenizer().split(sentences)]


def packaged_path() -> str | None:
    """The packaged weights (data/narratives/voice.safetensors), or None when they are not installed."""
    path = ilr.files("spinscope") / "data" / "narratives" / VOICE_FILE
    return str(path) if path.is_file() else None


@resource(user_files=True)
def load_voice(path: str):
    """The torch classifier in `path` (eval mode), once per process."""
    return load_trained(build_voice, path)


@resource(user_files=True)
def voice_session(path: str):
    """The classifier in `path` as an ONNX Runtime session (exported into the cache dir on first use), or None."""
    from ... import onnxrun
    if not onnxrun.available():
        return None
    return onnxrun.session("narratives-voice", [path], lambda: log_probs_module(load_voice(path)),
                           packages=(BASE_PACKAGE,), int8=int8_default())


def claim_logodds(sentences: list[str], path: str | None = None) -> np.ndarray:
    """log p(claim) - log p(news) of the fine-tuned classifier for each sentence."""
    out = np.zeros(len(sentences), dtype=np.float32)
    if not sentences:
        return out
    path = path or packaged_path()
    pieces = sentence_pieces(sentences)
    lp = np.zeros((len(sentences), len(CLASSES)), dtype=np.float32)
    sess = voice_session(path)
    if sess is not None:
        from .cross import run_session
        run_session(sess, pieces, lp)
    else:
        import torch
        model = log_probs_module(load_voice(path))
        with torch.inference_mode():
            for k in range(0, len(pieces), 16):
                ids, mask = pad(pieces[k:k + 16])
                lp[k:k + 16] = model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    out[:] = lp[:, CLASSES.index("claim")] - lp[:, CLASSES.index("news")]
    return out
