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
tagger's (fp16, without the frozen word embeddings, `tagger.save_trained`) and run, like the tagger, in
CTranslate2 int8 when it is installed (ninth round: each word piece gets its own int8 scale, so sentences of
similar length share a run, CT2_BATCH at a time, and a sentence's score does not depend on its batch-mates; the
mean pooling and the three-unit head in numpy), else in ONNX Runtime (int8 by default, one sentence per run),
converted or exported into the cache dir on first use; trained by src/spinscope/training/narratives_voice.py.
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
CT2_BATCH = 8  # sentences per CTranslate2 run, sorted by length (as the encoder's and the tagger's)


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


class CT2Voice:
    """The classifier's BERT in CTranslate2 int8, its mean pooling and three-unit head in numpy."""

    def __init__(self, encoder, weight: np.ndarray, bias: np.ndarray):
        self.encoder, self.weight, self.bias = encoder, weight, bias

    def log_probs(self, pieces: list[list[int]]) -> np.ndarray:
        """(sentences, CLASSES) log-probabilities of word-piece lists (without [CLS] and [SEP])."""
        from ...ct2run import last_states
        out = np.zeros((len(pieces), len(CLASSES)), dtype=np.float32)
        ids, _ = pad(pieces)
        order = np.argsort([len(p) for p in pieces], kind="stable")
        for k in range(0, len(order), CT2_BATCH):
            rows = order[k:k + CT2_BATCH]
            seqs = [ids[i][:len(pieces[i]) + 2].tolist() for i in rows]  # [CLS] pieces [SEP], unpadded
            states = last_states(self.encoder, seqs)
            # each row over its own pieces: the same sums whatever the batch's width
            pooled = np.stack([states[r, :len(q)].mean(axis=0) for r, q in enumerate(seqs)])
            z = (pooled[:, None, :] * self.weight[None]).sum(-1) + self.bias  # no GEMM: a row's sums alone
            z = z - z.max(axis=1, keepdims=True)
            out[rows] = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return out


@resource(user_files=True)
def voice_ct2(path: str):
    """The classifier in `path` in CTranslate2 int8 (converted into the cache dir on first use, like the
    techniques tagger: `tagger.tagger_ct2`), or None without CTranslate2 ($SPINSCOPE_CT2 must name "voice"
    when it is set)."""
    from ... import ct2run
    if not ct2run.available("voice"):
        return None
    source = ct2run.bert_folder(lambda: load_voice.uncached(path).bert)
    encoder = ct2run.encoder("narratives-voice", [path], source, packages=(BASE_PACKAGE,))
    if encoder is None:
        return None
    from safetensors.numpy import load_file
    head = load_file(path)
    return CT2Voice(encoder, head["head.weight"].astype(np.float32), head["head.bias"].astype(np.float32))


def claim_logodds(sentences: list[str], path: str | None = None) -> np.ndarray:
    """log p(claim) - log p(news) of the fine-tuned classifier for each sentence."""
    out = np.zeros(len(sentences), dtype=np.float32)
    if not sentences:
        return out
    path = path or packaged_path()
    pieces = sentence_pieces(sentences)
    lp = np.zeros((len(sentences), len(CLASSES)), dtype=np.float32)
    ct2 = voice_ct2(path)
    sess = voice_session(path) if ct2 is None else None
    if ct2 is not None:
        lp[:] = ct2.log_probs(pieces)
    elif sess is not None:
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
