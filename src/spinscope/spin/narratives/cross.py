"""A fine-tuned MiniLM pair model (cross-encoder): does this sentence assert this narrative?

Why: the pair head (model.py) reads the frozen MiniLM sentence vector, which puts a claim, its negation
and a plain statement on the same topic close together (docs/narratives.md, third round). A cross-encoder
reads the narrative's words and the sentence's words together, through all six layers, so it can see a
negation or a change of subject. It is a cascade stage: only candidate pairs that the pair head already
scores at `floor` or more are re-scored (`NarrativeModel.evidence` combines both).

Input: "[CLS] narrative [SEP] sentence [SEP]", the narrative being its label and its example closest to
the sentence (`narrative_text`); output: the probability that the sentence asserts it. The weights are
the base MiniLM's fine-tuned (src/spinscope/training/narratives_cross.py) plus one linear unit over the
mean of the last hidden states; they are stored like the techniques tagger's (fp16, without the frozen
word embeddings, `tagger.save_trained`) and run in ONNX Runtime int8 from the cache dir.
"""
from __future__ import annotations

from importlib import resources as ilr

import numpy as np

from ...embed import pad, tokenizer
from ...resources import resource
from ..techniques.tagger import BASE_PACKAGE, build_model, int8_default, load_trained

CROSS_FILE = "cross.safetensors"
NARRATIVE_PIECES = 48  # the label plus one example; longer ones are cut
SENTENCE_PIECES = 80


def build_cross():
    """The base encoder with one linear unit over the mean of its last hidden states (fresh head)."""
    return build_model(pool=True)


def pair_pieces(narratives: list[str], sentences: list[str]) -> list[list[int]]:
    """Word pieces "narrative [SEP] sentence" of each pair (`pad` adds [CLS] and the last [SEP])."""
    tok = tokenizer()
    a = tok.split(narratives)
    b = tok.split(sentences)
    return [x[:NARRATIVE_PIECES] + [tok.sep_token_id] + y[:SENTENCE_PIECES] for (x, _), (y, _) in zip(a, b)]


def packaged_path() -> str | None:
    """The packaged weights (data/narratives/cross.safetensors), or None when they are not installed."""
    path = ilr.files("spinscope") / "data" / "narratives" / CROSS_FILE
    return str(path) if path.is_file() else None


@resource(user_files=True)
def cross_session(path: str):
    """The pair model in `path` as an ONNX Runtime session (exported into the cache dir on first use), or
    None without ONNX Runtime."""
    from ... import onnxrun
    if not onnxrun.available():
        return None
    return onnxrun.session("narratives-cross", [path], lambda: onnxrun.sigmoid(load_cross(path)),
                           packages=(BASE_PACKAGE,), int8=int8_default())


@resource(user_files=True)
def load_cross(path: str):
    """The torch pair model in `path` (eval mode), once per process."""
    return load_trained(build_cross, path)


def cross_probs(narratives: list[str], sentences: list[str], path: str | None = None) -> np.ndarray:
    """The pair model's probability for each (narrative text, sentence) pair."""
    out = np.zeros(len(sentences), dtype=np.float32)
    if not sentences:
        return out
    path = path or packaged_path()
    sess = cross_session(path)
    pieces = pair_pieces(narratives, sentences)
    if sess is not None:
        return run_session(sess, pieces, out)
    import torch
    model = load_cross(path)
    with torch.inference_mode():
        for k in range(0, len(pieces), 16):
            ids, mask = pad(pieces[k:k + 16])
            out[k:k + 16] = torch.sigmoid(model(torch.from_numpy(ids), torch.from_numpy(mask))).numpy()
    return out


def run_session(sess, pieces: list[list[int]], out: np.ndarray) -> np.ndarray:
    """Fill `out`'s rows with an exported head's outputs for `pieces` (one word-piece list a row)."""
    # int8 activations are quantized with one scale per run: each input runs alone, so its score does not
    # depend on the other inputs of a batch (as for the sentence encoder).
    batch = 1 if int8_default() else 16
    order = np.argsort([len(p) for p in pieces], kind="stable")
    for k in range(0, len(order), batch):
        rows = order[k:k + batch]
        ids, mask = pad([pieces[i] for i in rows])
        out[rows] = sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    return out
