"""Fine-tuning the narratives pair model (cross-encoder, spin/narratives/cross.py) on CPU (seeded).

    python -m spinscope.training.narratives_cross [--shared ../shared] [--out FILE] [--pairs N] [--epochs E]

The same splits as src/spinscope/training/narratives.py: EUvsDisinfo cases before 2017 (their claim
sentences with the narratives their analyst keywords name are the positives, with the catalogue's
examples); negatives: the other close narratives of those sentences, the cases' disproofs against their
close narratives (a rebuttal restates the claim it denies: the pairs the sentence vector confuses), and
news sentences (the training part of PolNeAR `train/`, PTC sentences no span touches, articlebench)
against theirs. Only pairs the packaged pair head scores at FLOOR or more are used, as at run time only
those are re-scored. Calibration cases (January-March 2017), PolNeAR `dev/`, the held-out cases and LGL
are not read. The weights go to data/narratives/cross.safetensors (fp16, no word embeddings);
tools/narratives_calibration.py --cross chooses the operating point on the calibration split.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

from . import narratives as tr

SEED = 23
FLOOR = 0.05  # pairs under this pair probability are not re-scored at run time (lower than any run-time floor)
PAIRS = 6000  # training pairs (CPU: about 0.12 s per pair and epoch on one thread)
POSITIVE_SHARE = 0.4
EPOCHS = 2
LR = 4e-5
BATCH = 16


def training_pairs(shared: Path, n_pairs: int = PAIRS, log=print) -> tuple[list[str], list[str], np.ndarray, dict]:
    """(narrative texts, sentences, labels, counts) of the training pairs (texts in memory only)."""
    from ..spin.narratives.catalogue import load_catalogue
    from ..spin.narratives.model import load_model, Phrasings
    from ..spin.narratives.stage import score_sentences
    cat = load_catalogue()
    enc = tr.EmbeddingCache(Path.home() / ".cache" / "spinscope" / "narratives-train.npz")
    phr = Phrasings(cat, enc)
    model = load_model()
    ids = set(phr.ids)
    data = tr.gather(shared, cat, log)  # the training script's sampling of the news sentences
    cases = [r for r in tr.read_cases(shared) if tr.case_part(r) == "train"]
    texts, labels, kinds = [], [], []
    for r in cases:
        lab = tr.case_narratives(r, ids)
        if lab:  # a case with no keyword narrative gives no pair label
            for s in tr.case_claims(r):
                texts.append(s)
                labels.append(lab)
                kinds.append("claim")
        for s in tr.split_sentences(r["disproof"]):
            texts.append(s)
            labels.append(set())
            kinds.append("disproof")
    n_cat = len(set(cat.all_neutral()))
    for s in data["news"][:len(data["news"]) - len(cat.all_neutral())]:
        texts.append(s)
        labels.append(set())
        kinds.append("news")
    log(f"scoring {len(texts)} training sentences with the packaged model ...")
    emb = enc(texts)
    rows, cols, probs, _ = score_sentences(texts, model, phr, emb)
    narr = phr.pair_texts(emb, rows, cols)
    pos, neg = [], []
    for r, (i, j, p) in enumerate(zip(rows.tolist(), cols.tolist(), probs.tolist())):
        y = phr.ids[j] in labels[i]
        if y:
            pos.append((narr[r], texts[i], kinds[i]))
        elif p >= FLOOR:
            neg.append((narr[r], texts[i], kinds[i], p))
    # The catalogue's own examples: each with its narrative's label and closest OTHER example (positive).
    for j, nid in enumerate(phr.ids):
        idx = np.flatnonzero(phr.owner == j)
        for k in idx[1:]:
            others = [x for x in idx[1:] if x != k] or [idx[0]]
            best = others[int(np.argmax(phr.examples[others] @ phr.examples[k]))]
            pos.append((f"{phr.texts[idx[0]].rstrip('.')}. {phr.texts[best]}", phr.texts[k], "catalogue"))
    rng = np.random.default_rng(SEED)
    pool = {"positive_pool": len(pos), "negative_pool": len(neg)}
    n_pos = min(len(pos), int(n_pairs * POSITIVE_SHARE))
    pos = [pos[i] for i in sorted(rng.permutation(len(pos))[:n_pos])]
    # Negatives: the hard ones first (higher pair probability), drawn with weight p + 0.1.
    w = np.array([x[3] + 0.1 for x in neg])
    pick = rng.choice(len(neg), size=min(len(neg), n_pairs - n_pos), replace=False, p=w / w.sum())
    neg = [neg[i] for i in sorted(pick)]
    counts = {**pool, "positives": len(pos), "negatives": len(neg),
              "negative_kinds": {k: sum(x[2] == k for x in neg) for k in ("claim", "disproof", "news")},
              "positive_kinds": {k: sum(x[2] == k for x in pos) for k in ("claim", "catalogue")},
              "catalogue_neutral": n_cat}
    log(f"pairs: {counts}")
    a = [x[0] for x in pos] + [x[0] for x in neg]
    b = [x[1] for x in pos] + [x[1] for x in neg]
    return a, b, np.array([1.0] * len(pos) + [0.0] * len(neg), dtype=np.float32), counts


def fine_tune(narratives: list[str], sentences: list[str], y: np.ndarray, *, epochs: int = EPOCHS, lr: float = LR,
              batch_size: int = BATCH, seed: int = SEED, log=print):
    """Fine-tune a fresh pair model (binary cross-entropy on its logit); returns it in eval mode."""
    import torch

    from ..spin.narratives.cross import build_cross, pair_pieces
    from ..spin.techniques.tagger import _batches, _pad, _torch_threads, fine_tuning
    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pieces = pair_pieces(narratives, sentences)
    model = build_cross()
    steps = epochs * math.ceil(len(pieces) / batch_size)
    update = fine_tuning(model, lr, steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    log(f"pair model: {len(pieces)} pairs, {sum(map(len, pieces))} word pieces, {steps} steps")
    t0, step = time.perf_counter(), 0
    for ep in range(epochs):
        model.train()
        total = 0.0
        for b in _batches([len(p) for p in pieces], batch_size, rng):
            ids, mask = _pad([pieces[i] for i in b])
            loss = loss_fn(model(ids, mask), torch.from_numpy(y[b]))
            update(loss)
            step += 1
            total += float(loss.detach()) * len(b)
            if step % 50 == 0:
                log(f"  step {step}/{steps} ({time.perf_counter() - t0:.0f} s)")
        log(f"pair model epoch {ep + 1}: loss {total / len(pieces):.4f} ({time.perf_counter() - t0:.0f} s)")
    model.eval()
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[3]
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "narratives"
                    / "cross.safetensors")
    ap.add_argument("--pairs", type=int, default=PAIRS)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "euvsdisinfo").is_dir():
        print(f"{args.shared}/corpus is absent: the pair model needs ../shared to train", file=sys.stderr)
        return 2
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    t0 = time.process_time()
    a, b, y, counts = training_pairs(args.shared, args.pairs, log)
    model = fine_tune(a, b, y, epochs=args.epochs, log=log)
    from ..spin.techniques.tagger import save_trained
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_trained(model, args.out)
    info = {"seed": SEED, "floor": FLOOR, "epochs": args.epochs, "lr": LR, "batch": BATCH, **counts,
            "cpu_seconds": round(time.process_time() - t0, 1), "bytes": args.out.stat().st_size}
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
