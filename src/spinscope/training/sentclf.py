"""Round 13c (docs/techniques.md): a fine-tuned multi-label sentence classifier as the ranker of the long
techniques' sentence-level span generator. Tried, not shipped: it is off (no weights in the package, nothing in
the stage reads it); `spinscope train techniques-sentclf` reproduces the experiment into a folder of one's choice.

The model: the packaged MiniLM's first 3 layers, mean pooling, one sigmoid output per long technique (`LONG`),
reading `[CLS] sentence [SEP] previous sentence of the same part [SEP]` (at most 128 word pieces, the context cut
first). Labels: round 13's rule (the merged gold spans of a technique cover at least half of the sentence).
"""
from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np

from ..spin.techniques.generator import LONG

MAX_PIECES = 128
LAYERS = 3
EPOCHS = 2
LR = 1e-4
POS_WEIGHT = 5.0
BATCH = 32
WEIGHTS_FILE = "sentclf.safetensors"
GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.9001, 0.05))


def sentence_pairs(v) -> list[tuple[str, str | None]]:
    """(sentence text, previous sentence's text or None) for every sentence of the DocView `v`, in order; the
    previous sentence only when it is of the same part (title / body)."""
    out = []
    for i, (s, e, kind, *_) in enumerate(v.sents):
        prev = None
        if i and v.sents[i - 1][2] == kind:
            ps, pe = v.sents[i - 1][:2]
            prev = v.text[ps:pe]
        out.append((v.text[s:e], prev))
    return out


def pair_pieces(sent: str, prev: str | None, max_pieces: int = MAX_PIECES) -> list[int]:
    """The word pieces of `sent [SEP] prev`, without [CLS] and the final [SEP] (`embed.pad` adds them), at most
    `max_pieces` in all: the sentence first, the context cut first (dropped when fewer than 2 pieces of it fit)."""
    from ..embed import tokenizer
    tok = tokenizer()
    room = max_pieces - 2
    ids = tok.split([sent])[0][0][:room]
    if prev and len(ids) + 2 < room:
        ctx = tok.split([prev])[0][0]
        ids = ids + [tok.sep_token_id] + ctx[:room - len(ids) - 1]
    return ids[:room]


def build_classifier(n_out: int = len(LONG), layers: int = LAYERS):
    """The 3-layer MiniLM with mean pooling and an `n_out`-unit linear head (fresh head, base weights)."""
    import torch
    from ..spin.techniques.tagger import build_model
    model = build_model(pool=True, layers=layers)
    model.head = torch.nn.Linear(model.bert.config.hidden_size, n_out)
    return model


def train_classifier(pieces: list[list[int]], labels: np.ndarray, *, epochs: int = EPOCHS, lr: float = LR,
                     pos_weight: float = POS_WEIGHT, batch_size: int = BATCH, seed: int = 13, log=print):
    """Fine-tune a fresh classifier on word-piece rows `pieces` with 0/1 `labels` (rows, outputs): binary
    cross-entropy with positives weighted `pos_weight`, AdamW with warm-up and linear decay (`fine_tuning`)."""
    import torch
    from ..embed import pad
    from ..spin.techniques.tagger import _batches, _torch_threads, fine_tuning
    labels = np.asarray(labels, np.float32)
    if len(pieces) != len(labels) or not len(pieces):
        raise ValueError(f"{len(pieces)} rows, {len(labels)} labels")
    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = build_classifier(labels.shape[1])
    update = fine_tuning(model, lr, epochs * math.ceil(len(pieces) / batch_size))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.full((labels.shape[1],), float(pos_weight)))
    t0 = time.perf_counter()
    for ep in range(epochs):
        model.train()
        tot = 0.0
        for b in _batches([len(x) for x in pieces], batch_size, rng):
            ids, mask = pad([pieces[j] for j in b])
            loss = loss_fn(model(torch.from_numpy(ids), torch.from_numpy(mask)), torch.from_numpy(labels[b]))
            update(loss)
            tot += float(loss.detach()) * len(b)
        log(f"epoch {ep + 1}: loss {tot / len(pieces):.4f} ({time.perf_counter() - t0:.0f} s)")
    model.eval()
    return model


def classifier_probs(model, pieces: list[list[int]], batch_size: int = 64) -> np.ndarray:
    """(rows, outputs) sigmoid probabilities of `model` over word-piece rows."""
    import torch
    from ..embed import pad
    from ..spin.techniques.tagger import _batches
    n_out = model.head.out_features
    out = np.zeros((len(pieces), n_out), np.float64)
    if not pieces:
        return out
    model.eval()
    with torch.inference_mode():
        for b in _batches([len(x) for x in pieces], batch_size, None):
            ids, mask = pad([pieces[j] for j in b])
            out[b] = torch.sigmoid(model(torch.from_numpy(ids), torch.from_numpy(mask))).double().numpy()
    return out


def train_sentclf(ptc: str | Path, out: str | Path, *, seed: int = 13, cache: str | Path | None = None,
                  log=print) -> dict:
    """Round 13c end to end: round 13's rows and dev harness (`generator.prepare`), the classifier fitted on folds
    1-4's sentences, candidates S and P chosen on the dev slice, the stability rule; the weights and a report are
    written into `out` (a folder of one's own: never the packaged model folder, the classifier is off)."""
    from ..spin.techniques.generator import Generator
    from ..spin.techniques.model import MODEL_DIR
    from ..spin.techniques.tagger import save_trained
    from . import generator as G
    out = Path(out)
    if out.resolve() == Path(MODEL_DIR).resolve():
        raise ValueError("the sentence classifier is off: write it elsewhere than the packaged model folder")
    out.mkdir(parents=True, exist_ok=True)
    d = G.prepare(ptc, MODEL_DIR, seed=seed, cache=cache, log=log)
    trn, dev = d["trn"], d["dev"]
    rows = {k: [pair_pieces(s, p) for s, p in sentence_pairs(d["views"][k])] for k in trn + dev}
    X = [r for k in trn for r in rows[k]]
    Y = np.vstack([d["labels"][k] for k in trn])
    model = train_classifier(X, Y, seed=seed, log=log)
    save_trained(model, out / WEIGHTS_FILE, {"trained_on": "PTC folds 1-4 sentences", "techniques": ",".join(LONG)})
    probs = [classifier_probs(model, rows[k]) for k in dev]
    k = len(LONG)
    shell = Generator(LONG, np.zeros(1), np.ones(1), np.zeros((k, 1)), np.zeros(k), np.full(k, math.nan))
    report = {"rows": len(X), "positives": Y.sum(0).astype(int).tolist(),
              "dev": stability(shell, [d["views"][k] for k in dev], probs, [d["kept"][k] for k in dev],
                               [d["golds"][k] for k in dev])}
    (out / "sentclf.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


def stability(shell, views, probs, kept, golds, halves_at: int = 24) -> dict:
    """Round 13's dev rule (rule 7) for S and P over `probs` (the shell's techniques; thresholds on `GRID`)."""
    from . import generator as G
    from .ptc import score
    from .techniques import _objective
    old, G.GRID = G.GRID, GRID
    try:
        n = len(views)
        H = [list(range(min(halves_at, n))), list(range(min(halves_at, n), n))]

        def sub(ix):
            return [views[i] for i in ix], [probs[i] for i in ix], [kept[i] for i in ix], [golds[i] for i in ix]
        base = score(list(zip(kept, golds)))
        bh = [score([(kept[i], golds[i]) for i in h]) for h in H]
        out = {"baseline": {"span_f1": base["si"][2], "full_f1": base["full"][2]}}
        for cand in ("S", "P"):
            thr, res = G.choose(shell, views, probs, kept, golds, cand)
            gain = _objective(res) - _objective(base)
            hs = [G.dev_score(shell, *sub(h), thr) for h in H]
            a = all(r["si"][2] > b["si"][2] and _objective(r) > _objective(b) for r, b in zip(hs, bh))
            cross = []
            for i, j in ((0, 1), (1, 0)):
                th, _ = G.choose(shell, *sub(H[i]), cand)
                cross.append(_objective(G.dev_score(shell, *sub(H[j]), th)) - _objective(bh[j]))
            b_ = all(c >= 0 for c in cross)
            c_ = gain >= 0.003 and res["si"][2] >= base["si"][2] and res["full"][2] >= base["full"][2]
            out[cand] = {"thresholds": [None if math.isnan(x) else float(x) for x in thr],
                         "span_f1": res["si"][2], "full_f1": res["full"][2], "gain": gain, "cross": cross,
                         "a": a, "b": b_, "c": c_, "passes": bool(a and b_ and c_)}
        return out
    finally:
        G.GRID = old
