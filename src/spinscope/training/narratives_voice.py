"""Fine-tuning the narratives voice classifier (spin/narratives/voice_ft.py) on CPU (seeded).

    python -m spinscope.training.narratives_voice [--shared ../shared] [--out FILE] [--epochs E] [--index A]

Classes claim / rejects / news, on the voice head's own training data (src/spinscope/training/narratives.py,
`gather`): claims are the catalogue's examples and the claim sentences (title, summary) of the EUvsDisinfo
cases before 2017; rejects their disproofs; news the training script's news sentences (PolNeAR `train/`'s
training part, PTC sentences no propaganda span touches, articlebench, the catalogue's neutral sentences).
Added, so that the topic alone cannot make a claim: **topical hard negatives**, news sentences that name
Russia, Syria, Ukraine, NATO or the US military (TOPICAL) drawn from every sentence of the same PolNeAR
training articles, of the PTC articles (no span touching them) and of articlebench, and the disproofs of
every training-period case as rejects. Not read: calibration cases (January-March 2017), PolNeAR `dev/`
and the 20 % calibration part of `train/`, the held-out cases (April 2017 on), LGL.
`--index A` (issue 17, fifteenth round, docs/narratives.md; off by default): the EUvsDisinfo case index's titles
dated before 2017 (`narratives.index_claims`, with its leakage rules) join the claims **on top of** the usual
sample (`claim_sample`: the same CLAIMS sentences drawn as without them, every kept title added), so the model
learns the claim in the analysts' headline register as well as in the summaries'. Only A (the strict time split).
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


def claim_sample(cat_claims: list[str], case_claims: list[str], rng: np.random.Generator,
                 index_titles: list[str] = ()) -> list[str]:
    """The classifier's claims: every catalogue example, CLAIMS minus those of the case claims (a seeded draw), then
    the index titles (fifteenth round), each once and not already a claim. The draw is the same with or without
    titles (they take no draw of `rng`), so adding them changes nothing else of the sample."""
    claims = cat_claims + [case_claims[i] for i in sorted(rng.permutation(len(case_claims))[:CLAIMS - len(cat_claims)])]
    have = {c.casefold() for c in claims}
    for t in index_titles:
        if t.casefold() not in have:
            have.add(t.casefold())
            claims.append(t)
    return claims


def index_titles(shared: Path, index: str, cache: Path | None, log=print) -> tuple[list[str], dict | None]:
    """The case index's titles of `index` ("A"; "off": none) that survive the leakage rules (`tr.index_claims`;
    its near-copy rule embeds them with `cache`'s encoder), and the rules' counts."""
    if index == "off":
        return [], None
    if index != "A":
        raise ValueError(f"the voice classifier reads the case index in mode 'A' only (the strict time split), "
                         f"not {index!r}")
    from ..spin.narratives.catalogue import load_catalogue
    kept, counts = tr.index_claims(tr.read_index(shared), tr.read_cases(shared), index, tr.EmbeddingCache(cache),
                                   set(load_catalogue().narratives))
    log(f"case index ({index}) for the voice classifier: {counts}")
    return [t for t, _ in kept], counts


def training_sentences(shared: Path, log=print, index: str = "off",
                       cache: Path | None = None) -> tuple[list[str], np.ndarray, dict]:
    """(sentences, class index per sentence, counts): the training set, texts in memory only. `index` "A": the
    case index's titles before 2017 join the claims (`claim_sample`, `index_titles`)."""
    from ..spin.narratives.catalogue import load_catalogue
    from ..spin.narratives.model import CLASSES
    from .narratives_cross import polnear_training_sentences
    cat = load_catalogue()
    rng = np.random.default_rng(SEED)
    data = tr.gather(shared, cat, log)
    n_cat = data["catalogue_claims"]
    cat_claims, case_claims = data["claims"][:n_cat], data["claims"][n_cat:]
    titles, index_counts = index_titles(shared, index, cache, log)
    claims = claim_sample(cat_claims, case_claims, rng, titles)
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
    if index != "off":
        counts.update(index=index, index_titles=len(claims) - CLAIMS, index_counts=index_counts)
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
    from .narratives_cross import head_arguments, save_head, shared_missing
    ap = head_arguments(__doc__, "voice.safetensors")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--index", choices=("off", "A"), default="off",
                    help="also the case index's titles before 2017 as claims (fifteenth round; default off)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "spinscope" / "narratives-train.npz",
                    help="embedding cache for --index's near-copy rule")
    args = ap.parse_args(argv)
    if shared_missing(args.shared, "the voice classifier"):
        return 2
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    t0 = time.process_time()
    texts, y, counts = training_sentences(args.shared, log, args.index, args.cache)
    model = fine_tune(texts, y, epochs=args.epochs, log=log)
    info = {"seed": SEED, "epochs": args.epochs, "lr": LR, "batch": BATCH, **counts,
            "cpu_seconds": round(time.process_time() - t0, 1)}
    trained_on = ("EUvsDisinfo cases before 2017 (claims: titles and summaries; rejects: disproofs), the catalogue's "
                  "examples (claims) and neutral sentences (news), PolNeAR train/ (the training script's 500 articles), "
                  "PTC sentences no propaganda span touches and articlebench sentences (news; topical ones as hard "
                  "negatives); not read: calibration cases (Jan-Mar 2017), PolNeAR dev/ and train/'s calibration part, "
                  "held-out cases (Apr 2017 on), LGL")
    if args.index == "A":
        trained_on += ("; also claims: the EUvsDisinfo case index's titles dated before 2017 "
                       "(cases_index_2015_2021.csv, never 2017; titles equal or near-copies (cosine >= 0.9) of "
                       "calibration / held-out cases dropped)")
    save_head(model, args.out, trained_on, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
