"""A narrower techniques tagger distilled whole from the shipped one (docs/techniques.md, round 9).

The student is the shipped tagger with only some of its BERT layers kept (in order; the embeddings and the
head as shipped) and is trained to give the shipped int8 tagger's word-piece probabilities (soft targets)
on unlabelled news: no gold is read. Steps:

1. `unlabelled_texts`: the texts of the sources the recipe names (never a held-out split: PTC fold 0 and the
   PTC held-out split, PolNeAR dev, LGL test, Dragnet test and the articlebench pages held out by
   docs/examples.md are left out).
2. `student_windows`: each text parsed as the training parses PTC and cut into the tagger's windows.
3. `teacher_targets`: the teacher, as it runs at analysis time (ONNX int8, one window per run), once over
   every window; probabilities kept in float16 (`prepare` caches windows and targets in one file).
4. `train_student`: binary cross-entropy of the student's logits against those probabilities.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import pickle
import time
from pathlib import Path

import numpy as np

from .ptc import Article, heldout_ids, read_ptc
from .splits import dragnet_part, lgl_split

SEED = 13
WINDOW = 64  # the tagger's inference window (model.joblib's `window`)
EPOCHS = 1
BATCH = 64
LR = 1e-4
LAYERS = (0, 2, 5)  # the teacher's layers a 3-layer student keeps (first, middle, last)
# articlebench pages held out by docs/examples.md (the entity-role audit), by id prefix
ARTICLEBENCH_HELD = ("04a6711c", "0dd13570", "16c30add", "39d5c43b", "57d46c9d")
SOURCES = ("polnear", "lgl", "articlebench", "dragnet", "ptc")


def ptc_train_folds(ptc: str | Path, seed: int = SEED) -> list[Article]:
    """The PTC training articles outside the dev slice (folds 1-4 of `spinscope train techniques`)."""
    from .techniques import _folds
    held = heldout_ids()
    arts = [a for a in read_ptc(ptc) if a.id not in held]
    fold = _folds(len(arts), 5, seed)
    return [Article(a.id, a.text) for a, f in zip(arts, fold) if f != 0]  # text only: no label kept


def unlabelled_texts(corpus: str | Path, sources=SOURCES, seed: int = SEED) -> list[Article]:
    """(source:id, text) of every unlabelled text the recipe trains on, in a fixed order; absent sources skipped."""
    corpus = Path(corpus)
    out: list[Article] = []
    if "polnear" in sources:
        for p in sorted((corpus / "polnear" / "train" / "text").glob("*.txt")):
            out.append(Article(f"polnear:{p.stem}", p.read_text(encoding="utf-8")))
    if "lgl" in sources and (corpus / "lgl" / "gold.json").exists():
        docs = json.loads((corpus / "lgl" / "gold.json").read_text(encoding="utf-8"))["docs"]
        for d in sorted(docs, key=lambda d: d["file"]):
            if lgl_split(d["file"]) == "dev":
                out.append(Article(f"lgl:{d['file']}", (corpus / "lgl" / d["file"]).read_text(encoding="utf-8")))
    if "articlebench" in sources and (corpus / "articlebench" / "ground-truth.json").exists():
        truth = json.loads((corpus / "articlebench" / "ground-truth.json").read_text(encoding="utf-8"))
        for pid in sorted(truth):
            if not pid.startswith(ARTICLEBENCH_HELD) and truth[pid].get("articleBody"):
                out.append(Article(f"articlebench:{pid}", truth[pid]["articleBody"]))
    if "dragnet" in sources and (corpus / "dragnet" / "gold.jsonl.gz").exists():
        with gzip.open(corpus / "dragnet" / "gold.jsonl.gz", "rt", encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh if line.strip()]
        for r in sorted(recs, key=lambda r: r["id"]):
            if dragnet_part(r["id"]) == "dev" and (r.get("content") or "").strip():
                out.append(Article(f"dragnet:{r['id']}", r["content"]))
    if "ptc" in sources and (corpus / "ptc" / "articles").exists():
        out += [Article(f"ptc:{a.id}", a.text) for a in ptc_train_folds(corpus / "ptc", seed)]
    return [a for a in out if a.text.strip()]


# ---- windows and teacher targets ------------------------------------------------------------------------

def student_windows(articles: list[Article], window: int = WINDOW, log=print) -> list[list[int]]:
    """The word-piece ids of the tagger's windows over all sentences of each text (parsed as for training)."""
    from ..spin.techniques.model import views_for
    from ..spin.techniques.tagger import windows
    from .techniques import parse_articles
    out: list[list[int]] = []
    t0 = time.perf_counter()
    for i in range(0, len(articles), 100):  # in chunks, so the parses are not all kept at once
        chunk = articles[i:i + 100]
        views = views_for([(a.text, p) for a, p in zip(chunk, parse_articles(chunk))])
        for v in views:
            out += [ids for ids, _ in windows(v, window)]
        log(f"  windows: {i + len(chunk)}/{len(articles)} texts, {len(out)} windows ({time.perf_counter() - t0:.0f} s)")
    return out


def piece_probs_one_by_one(model, wins: list[list[int]], log=print) -> list[np.ndarray]:
    """The tagger's probability of each word piece of each window, one window per run (as at analysis time
    in int8), in float16."""
    from ..embed import pad
    from ..spin.techniques.tagger import _piece_probs
    out = []
    t0 = time.process_time()
    for k, ids in enumerate(wins):
        out.append(_piece_probs(model, *pad([ids]))[0, 1:1 + len(ids)].astype(np.float16))
        if (k + 1) % 5000 == 0:
            log(f"  teacher: {k + 1}/{len(wins)} windows ({time.process_time() - t0:.0f} CPU s)")
    return out


def file_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def prepare(corpus: str | Path, teacher: str | Path, cache: str | Path, *, seed: int = SEED, window: int = WINDOW,
            sources=SOURCES, log=print) -> tuple[list[list[int]], list[np.ndarray], dict]:
    """(windows, teacher probabilities, about) for the recipe's texts; read from `cache` when it was made by
    the same teacher file, sources, window and seed, else computed and written there."""
    from ..spin.techniques.tagger import runtime_tagger
    cache = Path(cache)
    key = {"teacher_sha256": file_hash(teacher), "sources": list(sources), "window": window, "seed": seed}
    if cache.exists():
        data = pickle.loads(cache.read_bytes())
        if data.get("key") == key:
            log(f"teacher targets read from {cache}: {len(data['windows'])} windows")
            return data["windows"], data["targets"], data["about"]
    arts = unlabelled_texts(corpus, sources, seed)
    counts: dict[str, int] = {}
    for a in arts:
        counts[a.id.split(":")[0]] = counts.get(a.id.split(":")[0], 0) + 1
    log(f"unlabelled texts: {len(arts)} {counts}")
    t0 = time.process_time()
    wins = student_windows(arts, window, log)
    parse_cpu = time.process_time() - t0
    model = runtime_tagger(str(teacher), "float32")  # the ONNX int8 session when ONNX Runtime is there
    t0 = time.process_time()
    targets = piece_probs_one_by_one(model, wins, log)
    about = {"texts": counts, "windows": len(wins), "pieces": int(sum(len(w) for w in wins)),
             "parse_cpu_s": round(parse_cpu, 1), "teacher_cpu_s": round(time.process_time() - t0, 1),
             "teacher_runtime": "onnx-int8" if hasattr(model, "run") else "torch"}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps({"key": key, "windows": wins, "targets": targets, "about": about}))
    log(f"teacher targets: {about}; cached in {cache}")
    return wins, targets, about


# ---- the student ----------------------------------------------------------------------------------------

def student_from(teacher: str | Path, keep: tuple[int, ...]):
    """The teacher tagger in `teacher` (fp16 safetensors) with only its BERT layers `keep` (0-based, in order)."""
    import torch
    from ..spin.techniques.tagger import load_tagger
    if not keep or list(keep) != sorted(set(keep)):
        raise ValueError(f"layers to keep must be distinct and increasing: {keep}")
    model = load_tagger.uncached(str(teacher))
    layers = list(model.bert.encoder.layer)
    if keep[-1] >= len(layers):
        raise ValueError(f"{teacher} has {len(layers)} layers; cannot keep {keep}")
    model.bert.encoder.layer = torch.nn.ModuleList([layers[i] for i in keep])
    model.bert.config.num_hidden_layers = len(keep)
    return model


def train_student(model, wins: list[list[int]], targets: list[np.ndarray], *, seed: int = SEED, epochs: int = EPOCHS,
                  lr: float = LR, batch_size: int = BATCH, log=print):
    """Train `model` (a tagger) so that its probabilities give `targets` on `wins`: soft-target binary
    cross-entropy over every piece but [CLS] and [SEP]; returns the model in eval mode and per-epoch losses."""
    import torch
    from ..spin.techniques.tagger import _batches, _pad, _torch_threads, fine_tuning
    _torch_threads()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    lengths = [len(w) for w in wins]
    steps = epochs * math.ceil(len(wins) / batch_size)
    update = fine_tuning(model, lr, steps)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum")
    log(f"student ({model.bert.config.num_hidden_layers} layers): {len(wins)} windows, {sum(lengths)} word pieces, "
        f"{steps} steps")
    step, t0, c0, losses = 0, time.perf_counter(), time.process_time(), []
    for ep in range(epochs):
        model.train()
        total, count = 0.0, 0
        for b in _batches(lengths, batch_size, rng):
            ids, mask = _pad([wins[i] for i in b])
            y = torch.zeros(ids.shape, dtype=torch.float32)
            for r, i in enumerate(b):
                y[r, 1:1 + len(wins[i])] = torch.from_numpy(targets[i].astype(np.float32))
            live = mask.clone()
            live[:, 0] = 0
            live[torch.arange(len(b)), mask.sum(1) - 1] = 0  # [SEP]
            live = live.bool()
            loss = loss_fn(model(ids, mask)[live], y[live]) / live.sum()
            update(loss)
            step += 1
            total += float(loss.detach()) * float(live.sum())
            count += int(live.sum())
            if step % 50 == 0:
                log(f"  step {step}/{steps} loss {total / count:.4f} ({time.perf_counter() - t0:.0f} s wall, "
                    f"{time.process_time() - c0:.0f} CPU s)")
        losses.append(round(total / max(1, count), 5))
        log(f"student epoch {ep + 1}: loss {losses[-1]:.5f} ({time.perf_counter() - t0:.0f} s wall, "
            f"{time.process_time() - c0:.0f} CPU s)")
    model.eval()
    return model, losses


def distil(corpus: str | Path, teacher: str | Path, out: str | Path, *, keep: tuple[int, ...] = LAYERS,
           cache: str | Path | None = None, seed: int = SEED, epochs: int = EPOCHS, lr: float = LR,
           batch_size: int = BATCH, window: int = WINDOW, sources=SOURCES, log=print) -> dict:
    """Distil the tagger `teacher` into a student keeping its layers `keep`, written to `out` (fp16
    safetensors with what it was made from in its metadata). Returns that record."""
    from ..spin.techniques.tagger import save_trained
    if cache is None:
        from ..resources import active
        cache = Path(active().cache_dir) / f"techniques-distil-targets-{window}.pkl"
    wins, targets, about = prepare(corpus, teacher, cache, seed=seed, window=window, sources=sources, log=log)
    model = student_from(teacher, keep)
    t0, c0 = time.perf_counter(), time.process_time()
    model, losses = train_student(model, wins, targets, seed=seed, epochs=epochs, lr=lr, batch_size=batch_size, log=log)
    record = {"distilled_from": file_hash(teacher)[:16], "teacher_layers_kept": list(keep), "layers": len(keep),
              "epochs": epochs, "lr": lr, "batch": batch_size, "window": window, "seed": seed, "losses": losses,
              "data": about, "train_wall_s": round(time.perf_counter() - t0, 1),
              "train_cpu_s": round(time.process_time() - c0, 1)}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_trained(model, out, {"distil": json.dumps(record)})
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {record}")
    return record


# ---- the dev-slice check (the harness of `spinscope train techniques`) ----------------------------------

def _span_f1(views, probs, golds, hi: float, lo: float) -> dict:
    from ..spin.techniques.model import decode
    from .ptc import Tally
    tally = Tally()
    for v, p, g in zip(views, probs, golds):
        tally.add([(s, e) for s, e, _ in decode(v, p, hi, lo)], [(s, e) for s, e, _ in g])
    prec, rec, f1 = tally.prf()
    return {"span_f1": round(f1, 4), "p": round(prec, 4), "r": round(rec, 4)}


def dev_check(ptc: str | Path, taggers: dict[str, str], model_dir: str | Path, *, seed: int = SEED,
              cache: str | Path | None = None, log=print) -> dict:
    """Span F1 on the dev slice (fold 0) of each tagger in `taggers` (name: safetensors file), at the window,
    cascade, mix and thresholds of the model in `model_dir`, on the whole slice and on its halves (first
    half of the articles in order, then the rest); beside it, the mix and thresholds re-tuned per tagger.

    The harness of `spinscope train techniques`: sentence probabilities out of fold (5 folds), the token model
    fitted on folds 1-4; the same inputs for every tagger, so only the tagger differs."""
    import joblib
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    from ..spin.techniques import model as tech_model
    from ..spin.techniques.features import token_features
    from ..spin.techniques.model import MODEL_FILE, hashers, sentence_embeddings, tagger_probs, views_for
    from ..spin.techniques.tagger import runtime_tagger
    from .techniques import (MIXES, _folds, _sent_labels, _token_labels, _tune_mix, oof_sentence_probs, parse_articles,
                             token_lr)

    shipped = joblib.load(Path(model_dir) / MODEL_FILE)
    mix, hi, lo = shipped["mix"], shipped["thr_hi"], shipped["thr_lo"]
    window, cascade = shipped.get("window", 64), shipped["cascade"]
    if cache:
        cache = Path(cache)
        tech_model.EMBED_CACHE = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    try:
        held = heldout_ids()
        arts = [a for a in read_ptc(ptc) if a.id not in held]
        views = views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])
        sent_emb = sentence_embeddings(views)
    finally:
        if cache:
            cache.write_bytes(pickle.dumps(tech_model.EMBED_CACHE))
            tech_model.EMBED_CACHE = None
    golds = [a.spans for a in arts]
    fold = _folds(len(arts), 5, seed)
    ys = [_sent_labels(v, g) for v, g in zip(views, golds)]
    oof = oof_sentence_probs(views, sent_emb, ys, fold, [None] * len(arts))
    hasher, _ = hashers()
    keep_ids = [k for k in range(len(arts)) if views[k].tokens]
    trn = [k for k in keep_ids if fold[k] != 0]
    dev = [k for k in keep_ids if fold[k] == 0]
    Xs = {k: hasher.transform(token_features(views[k], oof[k])) for k in keep_ids}
    tok = LogisticRegression(**token_lr(seed)).fit(
        sparse.vstack([Xs[k] for k in trn]), np.concatenate([_token_labels(views[k], golds[k]) for k in trn]))
    dv, gd, sp = [views[k] for k in dev], [golds[k] for k in dev], [oof[k] for k in dev]
    lr = [tok.predict_proba(Xs[k])[:, 1] for k in dev]
    half = len(dev) // 2
    parts = {"whole": slice(None), "first_half": slice(0, half), "second_half": slice(half, None)}
    out = {"dev_articles": len(dev), "setting": {"mix": mix, "thr_hi": hi, "thr_lo": lo, "window": window,
                                                  "cascade": cascade}, "taggers": {}}
    for name, path in taggers.items():
        tagger = runtime_tagger(str(path), "float32")
        c0 = time.process_time()
        tf, read = tagger_probs(tagger, dv, sp, cascade, window)
        cpu = time.process_time() - c0
        tf = [np.where(m, a, 0.0) for a, m in zip(tf, read)]
        lr_read = [np.where(m, b, 0.0) for b, m in zip(lr, read)]
        probs = [mix * a + (1 - mix) * b for a, b in zip(tf, lr_read)]  # = mix_probs
        row = {part: _span_f1(dv[s], probs[s], gd[s], hi, lo) for part, s in parts.items()}
        row["tagger_cpu_s"] = round(cpu, 2)
        f1, m2, h2, l2 = _tune_mix(dv, tf, lr_read, gd, [w for w in MIXES if w > 0])
        row["retuned"] = {"span_f1": round(f1, 4), "mix": m2, "thr_hi": h2, "thr_lo": l2}
        out["taggers"][name] = row
        log(f"{name}: {row}")
    return out
