"""Fine-tuning the narratives pair model (cross-encoder, spin/narratives/cross.py) on CPU (seeded).

    python -m spinscope.training.narratives_cross [--shared ../shared] [--out FILE] [--pairs N] [--epochs E] [--recipe 4|5]

The same splits as src/spinscope/training/narratives.py: EUvsDisinfo cases before 2017 (their claim
sentences with the narratives their analyst keywords name are the positives, with the catalogue's
examples); negatives: the other close narratives of those sentences, the cases' disproofs against their
close narratives (a rebuttal restates the claim it denies: the pairs the sentence vector confuses), and
news sentences (the training part of PolNeAR `train/`, PTC sentences no span touches, articlebench)
against theirs. Only pairs the packaged pair head scores at FLOOR or more are used, as at run time only
those are re-scored. Calibration cases (January-March 2017), PolNeAR `dev/`, the held-out cases and LGL
are not read. The weights go to data/narratives/cross.safetensors (fp16, no word embeddings);
tools/narratives_calibration.py --cross chooses the operating point on the calibration split.

Recipes (docs/narratives.md): `--recipe 4` is the fourth round's candidate (negatives drawn with weight p + 0.1
from every pair at 0.05 or more; the news sentences are the training script's sample, 10 per PolNeAR
article). `--recipe 5` (the default, fifth round) adds what the fourth round lacked, plain topical news:
every sentence of the 500 PolNeAR `train/` articles the training script samples (not only 10 each; the
other articles of `train/` are the calibration tool's news and are not read), news pairs down to a pair
probability of NEWS_FLOOR, the catalogue's own neutral sentences against their own narrative and every
candidate, and a fixed share of the negatives for news pairs, so they are not crowded out by the
higher-scored claim and disproof pairs.
`--recipe 6` (the default, sixth round) adds sibling negatives to recipe 5: each positive sentence (a training
claim whose named narrative is among its candidates, or a catalogue example) against its narratives' siblings
that its own labels do not name, whatever their pair probability: the narratives one analyst keyword names
together (e.g. the five of the war in Ukraine, or the three `daesh` names) and those the pair head confuses
with it (other candidates of its catalogue examples; unnamed candidates scoring SIBLING_CONFUSION or more on
training claims named with it). They get a fixed SIBLING_SHARE of the negatives (drawn with weight p + 0.1),
so that the model must read who does what, not only the theme.
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
# Recipe 5 (fifth round): news and catalogue-neutral pairs as negatives, drawn at a lower floor.
NEWS_FLOOR = 0.01
NEWS_SHARE = 0.3  # of the negatives, news pairs (PolNeAR, PTC, articlebench), drawn with weight p + 0.1
PAIRS_5 = 7000
# Recipe 6 (sixth round): sibling negatives, a positive sentence against the narratives it could be confused with.
SIBLING_SHARE = 0.25  # of the negatives
SIBLING_CONFUSION = 0.3  # a training claim's unnamed candidate at this pair probability or more is a sibling ...
SIBLING_CONFUSION_COUNT = 2  # ... when it happens this often for the same named narrative
PAIRS_6 = 7000
# Recipe 7 (nineteenth round, stop 52): recipe 6 plus the eighteenth round's topical hard negatives per narrative
# (`tr.hard_negative_weights`: for each narrative, the tr.HARD_K unlabelled training rows — news and disproof
# sentences — nearest its labelled training claims, skipping near-copies at tr.HARD_NEAR) against that narrative.
# The negatives' shares: news NEWS_SHARE_7, siblings SIBLING_SHARE_7, topical TOPICAL_SHARE, every catalogue-neutral
# pair, the rest the claims' other candidates and the disproofs.
NEWS_SHARE_7 = 0.2
SIBLING_SHARE_7 = 0.15
TOPICAL_SHARE = 0.25
PAIRS_7 = 5000


def keyword_families(ids: set[str]) -> dict[str, set[str]]:
    """Each narrative's siblings by the analysts' keywords: the narratives one keyword names together."""
    fam: dict[str, set[str]] = {n: set() for n in ids}
    for names in tr.KEYWORD_NARRATIVES.values():
        names = [n for n in names if n in ids]
        for n in names:
            fam[n].update(m for m in names if m != n)
    return fam


def confusion_siblings(ids: list[str], labels: list[set], rows, cols, probs, owner_of_example: dict[int, int],
                       ) -> dict[str, set[str]]:
    """Each narrative's siblings by the pair head's confusions: the other candidates of its catalogue examples
    (rows in `owner_of_example`, pair probability 0.05 or more), and the unnamed candidates that score at
    SIBLING_CONFUSION or more on training claims named with it, SIBLING_CONFUSION_COUNT times or more."""
    out: dict[str, set[str]] = {n: set() for n in ids}
    count: dict[tuple[str, str], int] = {}
    for i, j, p in zip(rows.tolist(), cols.tolist(), probs.tolist()):
        m = ids[j]
        if i in owner_of_example:
            n = ids[owner_of_example[i]]
            if m != n and p >= FLOOR:
                out[n].add(m)
        elif labels[i] and m not in labels[i] and p >= SIBLING_CONFUSION:
            for n in labels[i]:
                count[(n, m)] = count.get((n, m), 0) + 1
    for (n, m), c in count.items():
        if c >= SIBLING_CONFUSION_COUNT:
            out[n].add(m)
    return out


def polnear_training_articles(shared: Path) -> list[str]:
    """The PolNeAR `train/` articles the training script samples for its news (its generator's first draw);
    the articles it leaves out are the calibration tool's news and are not read."""
    rng = np.random.default_rng(tr.SEED)
    pol_train, _ = tr.polnear_train_parts(shared)
    return [pol_train[i] for i in sorted(rng.permutation(len(pol_train))[:tr.POLNEAR_TRAIN_ARTICLES])]


def polnear_training_sentences(shared: Path) -> list[str]:
    """Every sentence of those articles."""
    return [s for name in polnear_training_articles(shared)
            for s in tr.split_sentences(tr.polnear_text(shared, "train", name))]


def topical_pairs(data: dict, ids: list[str], enc, k: int | None = None) -> list[tuple[int, int]]:
    """Recipe 7: (row, narrative index of `ids`) of each narrative's topical hard negatives among the naming head's
    training rows (`tr.naming_rows` of `gather`'s `data`): `tr.hard_negative_weights` marks them (news and disproof
    sentences only, never a claim). Returns (index into `tr.naming_rows`' texts, column) pairs; the texts are
    `tr.naming_rows(data, ids)[0]`."""
    texts, y = tr.naming_rows(data, ids)
    if not len(texts):
        return []
    w = tr.hard_negative_weights(enc(texts), y, tr.HARD_K if k is None else k)
    rows, cols = np.nonzero(w > 1.0)
    return list(zip(rows.tolist(), cols.tolist()))


def training_pairs(shared: Path, n_pairs: int = PAIRS, log=print, recipe: int = 4
                   ) -> tuple[list[str], list[str], np.ndarray, dict]:
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
    news = data["news"][:len(data["news"]) - len(cat.all_neutral())]
    own: list[int | None] = [None] * len(texts)  # the narrative a catalogue-neutral sentence belongs to
    if recipe >= 5:
        pol = set(polnear_training_sentences(shared))
        news = list(dict.fromkeys([*pol, *news]))  # all their sentences, then PTC and articlebench
    for s in news:
        texts.append(s)
        labels.append(set())
        kinds.append("news")
        own.append(None)
    if recipe >= 5:
        owner = {s: j for j, n in enumerate(phr.ids) for s in cat.narratives[n].neutral}
        for s in dict.fromkeys(cat.all_neutral()):
            texts.append(s)
            labels.append(set())
            kinds.append("neutral")
            own.append(owner.get(s))
    example_of: dict[int, int] = {}  # recipe 6: text index of each catalogue example -> its narrative
    if recipe >= 6:
        for j in range(len(phr.ids)):
            for k in np.flatnonzero(phr.owner == j)[1:]:
                example_of[len(texts)] = j
                texts.append(phr.texts[k])
                labels.append({phr.ids[j]})
                kinds.append("example")
                own.append(None)
    log(f"scoring {len(texts)} training sentences with the packaged model ...")
    emb = enc(texts)
    rows, cols, probs, _ = score_sentences(texts, model, phr, emb)
    narr = phr.pair_texts(emb, rows, cols)
    pos, neg = [], []
    floors = {"news": NEWS_FLOOR, "neutral": 0.0} if recipe >= 5 else {}
    seen = set()
    for r, (i, j, p) in enumerate(zip(rows.tolist(), cols.tolist(), probs.tolist())):
        y = phr.ids[j] in labels[i]
        seen.add((i, j))
        if kinds[i] == "example":  # recipe 6: the catalogue's examples give sibling negatives only (below)
            continue
        if y:
            pos.append((narr[r], texts[i], kinds[i]))
        elif p >= floors.get(kinds[i], FLOOR):
            neg.append((narr[r], texts[i], kinds[i], p))
    # A catalogue-neutral sentence against its own narrative, when that is not among its candidates.
    extra = [(i, j) for i, j in enumerate(own) if j is not None and (i, j) not in seen]
    if extra:
        ei, ej = np.array([x[0] for x in extra]), np.array([x[1] for x in extra])
        for (i, _), t in zip(extra, phr.pair_texts(emb, ei, ej)):
            neg.append((t, texts[i], "neutral", 0.0))
    if recipe >= 6:  # sibling negatives: each positive sentence against its narratives' unnamed siblings
        fam = keyword_families(ids)
        conf = confusion_siblings(phr.ids, labels, rows, cols, probs, example_of)
        pair_p = {(i, j): p for i, j, p in zip(rows.tolist(), cols.tolist(), probs.tolist())}
        col = {n: j for j, n in enumerate(phr.ids)}
        sib = []
        for i in range(len(texts)):
            if kinds[i] not in ("claim", "example") or not labels[i]:
                continue
            if kinds[i] == "claim" and not any((i, col[n]) in seen for n in labels[i]):
                continue  # a claim whose named narratives are not among its candidates gives no positive pair
            for m in sorted({m for n in labels[i] for m in fam[n] | conf[n]} - labels[i]):
                sib.append((i, col[m], pair_p.get((i, col[m]), 0.0)))
        if sib:
            si, sj = np.array([x[0] for x in sib]), np.array([x[1] for x in sib])
            for (i, _, p), t in zip(sib, phr.pair_texts(emb, si, sj)):
                neg.append((t, texts[i], "sibling", p))
        log(f"sibling families: {sum(len(v) for v in fam.values())} keyword links, "
            f"{sum(len(v) for v in conf.values())} confusion links; {len(sib)} sibling pairs")
    if recipe >= 7:  # topical hard negatives: each narrative against the unlabelled rows nearest its claims
        ntexts = tr.naming_rows(data, phr.ids)[0]
        hard = topical_pairs(data, phr.ids, enc)
        if hard:
            htexts = sorted({ntexts[i] for i, _ in hard})
            at = {t: k for k, t in enumerate(htexts)}
            hemb = enc(htexts)
            hi = np.array([at[ntexts[i]] for i, _ in hard])
            hj = np.array([j for _, j in hard])
            pair_p = {(texts[i], j): p for i, j, p in zip(rows.tolist(), cols.tolist(), probs.tolist())}
            for (i, j), t in zip(hard, phr.pair_texts(hemb, hi, hj)):
                neg.append((t, ntexts[i], "topical", pair_p.get((ntexts[i], j), 0.0)))
        log(f"topical hard negatives: {len(hard)} pairs ({tr.HARD_K} per narrative)")
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
    kinds_all = ("claim", "disproof", "news", "neutral", "sibling", "topical")
    pool["negative_pool_kinds"] = {k: sum(x[2] == k for x in neg) for k in kinds_all}

    def draw(items: list, size: int) -> list:
        if size >= len(items):
            return items
        w = np.array([x[3] + 0.1 for x in items])
        return [items[i] for i in sorted(rng.choice(len(items), size=size, replace=False, p=w / w.sum()))]

    n_neg = n_pairs - n_pos
    if recipe >= 5:  # every catalogue-neutral pair, a fixed share of news pairs, the rest claims and disproofs
        kept = [x for x in neg if x[2] == "neutral"]
        news_pairs = draw([x for x in neg if x[2] == "news"], int(n_neg * (NEWS_SHARE_7 if recipe >= 7 else NEWS_SHARE)))
        sib_pairs = draw([x for x in neg if x[2] == "sibling"],
                         int(n_neg * (SIBLING_SHARE_7 if recipe >= 7 else SIBLING_SHARE))) if recipe >= 6 else []
        top_pairs = draw([x for x in neg if x[2] == "topical"], int(n_neg * TOPICAL_SHARE)) if recipe >= 7 else []
        rest = draw([x for x in neg if x[2] in ("claim", "disproof")],
                    max(0, n_neg - len(kept) - len(news_pairs) - len(sib_pairs) - len(top_pairs)))
        neg = kept + news_pairs + sib_pairs + top_pairs + rest
    else:
        neg = draw(neg, n_neg)
    counts = {**pool, "recipe": recipe, "positives": len(pos), "negatives": len(neg),
              "negative_kinds": {k: sum(x[2] == k for x in neg) for k in kinds_all},
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
    from ..spin.techniques.tagger import _torch_threads, fine_tuning
    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pieces = pair_pieces(narratives, sentences)
    model = build_cross()
    steps = epochs * math.ceil(len(pieces) / batch_size)
    update = fine_tuning(model, lr, steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    log(f"pair model: {len(pieces)} pairs, {sum(map(len, pieces))} word pieces, {steps} steps")
    return run_epochs(model, pieces, torch.from_numpy(y), loss_fn, update, epochs=epochs, batch_size=batch_size,
                      rng=rng, steps=steps, what="pair model", log=log)


def run_epochs(model, pieces: list[list[int]], targets, loss_fn, update, *, epochs: int, batch_size: int, rng,
               steps: int, what: str, log=print):
    """The fine-tuning loop of the narratives' transformer heads: batches of similar length, one update each, the
    loss logged per epoch; returns the model in eval mode."""
    from ..spin.techniques.tagger import _batches, _pad
    t0, step = time.perf_counter(), 0
    for ep in range(epochs):
        model.train()
        total = 0.0
        for b in _batches([len(p) for p in pieces], batch_size, rng):
            ids, mask = _pad([pieces[i] for i in b])
            loss = loss_fn(model(ids, mask), targets[b])
            update(loss)
            step += 1
            total += float(loss.detach()) * len(b)
            if step % 50 == 0:
                log(f"  step {step}/{steps} ({time.perf_counter() - t0:.0f} s)")
        log(f"{what} epoch {ep + 1}: loss {total / len(pieces):.4f} ({time.perf_counter() - t0:.0f} s)")
    model.eval()
    return model


def head_arguments(doc: str, out_name: str) -> argparse.ArgumentParser:
    """The command line of a narratives head's training script (this one, narratives_voice): its help `doc`, then
    --shared (the folder holding corpus/) and --out (data/narratives/`out_name` by default)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[3]
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "narratives" / out_name)
    return ap


def shared_missing(shared: Path, what: str) -> bool:
    """Whether the EUvsDisinfo corpus is absent under `shared` (said on stderr: `what` needs it to train)."""
    if (shared / "corpus" / "euvsdisinfo").is_dir():
        return False
    print(f"{shared}/corpus is absent: {what} needs ../shared to train", file=sys.stderr)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = head_arguments(__doc__, "cross.safetensors")
    ap.add_argument("--recipe", type=int, choices=(4, 5, 6, 7), default=6,
                    help="4: the fourth round's candidate; 5: with news and catalogue-neutral negatives; "
                         "6: and sibling negatives (default); 7: and topical hard negatives (nineteenth round)")
    ap.add_argument("--pairs", type=int,
                    help=f"training pairs (recipe 4: {PAIRS}, 5: {PAIRS_5}, 6: {PAIRS_6}, 7: {PAIRS_7})")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    if shared_missing(args.shared, "the pair model"):
        return 2
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    t0 = time.process_time()
    n_pairs = args.pairs or {4: PAIRS, 5: PAIRS_5, 6: PAIRS_6, 7: PAIRS_7}[args.recipe]
    a, b, y, counts = training_pairs(args.shared, n_pairs, log, recipe=args.recipe)
    model = fine_tune(a, b, y, epochs=args.epochs, log=log)
    info = {"seed": SEED, "floor": FLOOR, "news_floor": NEWS_FLOOR if args.recipe >= 5 else FLOOR, "epochs": args.epochs, "lr": LR, "batch": BATCH, **counts,
            "cpu_seconds": round(time.process_time() - t0, 1)}
    trained_on = ("EUvsDisinfo cases before 2017 (claims with their keyword narratives; disproofs), the catalogue's "
                  "examples and neutral sentences, PolNeAR train/ (the training script's 500 articles), PTC and "
                  "articlebench sentences; not read: calibration cases (Jan-Mar 2017), PolNeAR dev/, held-out "
                  "cases (Apr 2017 on), LGL")
    save_head(model, args.out, trained_on, info)
    return 0


def save_head(model, out: Path, trained_on: str, info: dict) -> None:
    """Write a fine-tuned head's weights with what it was trained on and how (safetensors metadata); print `info`
    with the file's size."""
    from ..spin.techniques.tagger import save_trained
    out.parent.mkdir(parents=True, exist_ok=True)
    save_trained(model, out, {"trained_on": trained_on, "training": json.dumps(info)})
    print(json.dumps({**info, "bytes": out.stat().st_size}))


if __name__ == "__main__":
    sys.exit(main())
