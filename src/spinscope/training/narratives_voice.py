"""Fine-tuning the narratives voice classifier (spin/narratives/voice_ft.py) on CPU (seeded).

    python -m spinscope.training.narratives_voice [--shared ../shared] [--out FILE] [--sentences N] [--epochs E]

Classes claim / rejects / news, on the voice head's own training data (src/spinscope/training/narratives.py,
`gather`): claims are the catalogue's examples and the claim sentences (title, summary) of the EUvsDisinfo
cases before 2017; rejects their disproofs; news the training script's news sentences (PolNeAR `train/`'s
training part, PTC sentences no propaganda span touches, articlebench, the catalogue's neutral sentences).
Added, so that the topic alone cannot make a claim: **topical hard negatives**, news sentences that name
Russia, Syria, Ukraine, NATO or the US military (TOPICAL) drawn from every sentence of the same PolNeAR
training articles, of the PTC articles (no span touching them) and of articlebench, and the disproofs of
every training-period case as rejects. Not read: calibration cases (January-March 2017), PolNeAR `dev/`
and the 20 % calibration part of `train/`, the held-out cases (April 2017 on), LGL.
The weights go to data/narratives/voice.safetensors (fp16, no word embeddings); the operating point is chosen
on the calibration split by `tools/narratives_calibration.py --voice-ft FILE --voice-grid`.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

from . import narratives as tr

SEED = 37
EPOCHS = 1
LR = 5e-5
BATCH = 16
# Sentences per class in the training set (the rest of each pool is not read).
CLAIMS = 2400  # all catalogue examples, the rest EUvsDisinfo training claims
REJECTS = 1100
NEWS = 1500  # the training script's news sample
TOPICAL_NEWS = 1500  # the topical hard negatives
TOPICAL = re.compile(r"(?<![\w-])(?:russia\w*|moscow|kremlin|putin|syria\w*|assad|damascus|aleppo|ukrain\w*|"
                     r"kiev|kyiv|donbas+|crimea\w*|nato|pentagon|u\.?s\.? (?:military|troops|forces|army)|"
                     r"american (?:troops|forces|military)|troops|military|airstrikes?|isis|daesh|"
                     r"al[- ]qaeda|terroris\w*|sanctions|hack\w*)(?![\w-])", re.I)


def training_sentences(shared: Path, log=print) -> tuple[list[str], np.ndarray, dict]:
    """(sentences, class index per sentence, counts): the training set, texts in memory only."""
    from ..spin.narratives.catalogue import load_catalogue
    from ..spin.narratives.model import CLASSES
    from .narratives_cross import polnear_training_sentences
    cat = load_catalogue()
    rng = np.random.default_rng(SEED)
    data = tr.gather(shared, cat, log)
    n_cat = data["catalogue_claims"]
    cat_claims, case_claims = data["claims"][:n_cat], data["claims"][n_cat:]
    claims = cat_claims + [case_claims[i] for i in sorted(rng.permutation(len(case_claims))[:CLAIMS - n_cat])]
    # Rejects: disproof sentences of every training-period case (gather's 800 are a subset).
    cases = [r for r in tr.read_cases(shared) if tr.case_part(r) == "train"]
    rej_pool = list(dict.fromkeys(s for r in cases for s in tr.split_sentences(r["disproof"])))
    rejects = [rej_pool[i] for i in sorted(rng.permutation(len(rej_pool))[:REJECTS])]
    neutral = set(cat.all_neutral())
    news_pool = [s for s in data["news"] if s not in neutral]
    news = [news_pool[i] for i in sorted(rng.permutation(len(news_pool))[:NEWS])] + list(dict.fromkeys(cat.all_neutral()))
    # Topical hard negatives: plain news naming the narratives' topics, from the same training sources.
    pool = polnear_training_sentences(shared)
    pool += tr.ptc_clean_sentences(shared, np.random.default_rng(SEED), 10 ** 9)  # all clean PTC sentences
    pool += tr.articlebench_sentences(shared, np.random.default_rng(SEED), 10 ** 9)
    taken = set(news)
    topical_pool = list(dict.fromkeys(s for s in pool if TOPICAL.search(s) and s not in taken))
    topical = [topical_pool[i] for i in sorted(rng.permutation(len(topical_pool))[:TOPICAL_NEWS])]
    texts = claims + rejects + news + topical
    y = np.array([CLASSES.index("claim")] * len(claims) + [CLASSES.index("rejects")] * len(rejects)
                 + [CLASSES.index("news")] * (len(news) + len(topical)))
    counts = {"claims": len(claims), "catalogue_examples": n_cat, "rejects": len(rejects), "rejects_pool": len(rej_pool),
              "news": len(news), "topical_news": len(topical), "topical_pool": len(topical_pool)}
    log(f"voice classifier data: {counts}")
    return texts, y, counts


def fine_tune(texts: list[str], y: np.ndarray, *, epochs: int = EPOCHS, lr: float = LR, batch_size: int = BATCH,
              seed: int = SEED, log=print):
    """Fine-tune a fresh classifier (cross-entropy, classes weighted by their inverse frequency); eval mode."""
    import torch

    from ..spin.narratives.voice_ft import build_voice, sentence_pieces
    from ..spin.techniques.tagger import _torch_threads, fine_tuning
    from .narratives_cross import run_epochs
    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pieces = sentence_pieces(texts)
    model = build_voice()
    steps = epochs * math.ceil(len(pieces) / batch_size)
    update = fine_tuning(model, lr, steps)
    freq = np.bincount(y, minlength=3).astype(np.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.from_numpy(freq.sum() / (3 * np.maximum(freq, 1))))
    log(f"voice classifier: {len(pieces)} sentences, {sum(map(len, pieces))} word pieces, {steps} steps")
    return run_epochs(model, pieces, torch.from_numpy(y.astype(np.int64)), loss_fn, update, epochs=epochs,
                      batch_size=batch_size, rng=rng, steps=steps, what="voice classifier", log=log)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[3]
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "narratives"
                    / "voice.safetensors")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "euvsdisinfo").is_dir():
        print(f"{args.shared}/corpus is absent: the voice classifier needs ../shared to train", file=sys.stderr)
        return 2
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    t0 = time.process_time()
    texts, y, counts = training_sentences(args.shared, log)
    model = fine_tune(texts, y, epochs=args.epochs, log=log)
    info = {"seed": SEED, "epochs": args.epochs, "lr": LR, "batch": BATCH, **counts,
            "cpu_seconds": round(time.process_time() - t0, 1)}
    trained_on = ("EUvsDisinfo cases before 2017 (claims: titles and summaries; rejects: disproofs), the catalogue's "
                  "examples (claims) and neutral sentences (news), PolNeAR train/ (the training script's 500 articles), "
                  "PTC sentences no propaganda span touches and articlebench sentences (news; topical ones as hard "
                  "negatives); not read: calibration cases (Jan-Mar 2017), PolNeAR dev/ and train/'s calibration part, "
                  "held-out cases (Apr 2017 on), LGL")
    from .narratives_cross import save_head
    save_head(model, args.out, trained_on, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
