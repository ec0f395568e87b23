"""`spinscope train techniques`: fit the techniques model on the PTC corpus."""
from __future__ import annotations

import json

import click

from . import TAGGER_UNITS


@click.group("train")
def train_group():
    """Train the models that ship with spinscope."""


@train_group.command("techniques")
@click.option("--ptc", required=True, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The Propaganda Techniques Corpus folder (articles/ and labels/).")
@click.option("--out", default=None, type=click.Path(file_okay=False, path_type=str),
              help="Where to write model.joblib, tagger.safetensors and meta.json "
                   "(default: the packaged model folder).")
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--cache", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A file keeping embeddings between runs (for development; same results).")
@click.option("--tagger-epochs", default=3, show_default=True, type=int,
              help="Fine-tuning epochs of the MiniLM token tagger (0: no tagger, the token model alone).")
@click.option("--tagger-window", default=254, show_default=True, type=click.IntRange(16, 510),
              help="Word pieces per training window of the tagger (the inference window is chosen on the dev "
                   "slice; docs/techniques.md, round 6).")
@click.option("--tagger-batch", default=16, show_default=True, type=click.IntRange(1, 512),
              help="Windows per training batch of the tagger (64 with --tagger-window 64 keeps the word pieces "
                   "per step of 16 x 254).")
@click.option("--tagger-units", default="any", show_default=True, type=click.Choice(TAGGER_UNITS),
              help="The tagger's head: 'any' (one unit, inside any span: what ships) or 'techniques' (round 17: "
                   "trained from the start with a unit per technique beside it; docs/techniques.md).")
@click.option("--tagger-runtime", default="float32", show_default=True,
              type=click.Choice(["int8-dynamic", "float32"]),
              help="How the tagger runs at analysis time; the dev-slice choices are made on its outputs.")
@click.option("--retune", is_flag=True,
              help="Keep the tagger already in --out and refit the rest with the dev-slice choices (minutes, "
                   "not the tagger's fine-tuning).")
@click.option("--tagger-all/--no-tagger-all", default=False, show_default=True,
              help="Ship a tagger fine-tuned on all training articles (the dev-slice choices are made with "
                   "one trained outside the dev slice, kept in --dev-tagger). Not what ships: "
                   "docs/techniques.md, rounds 5 and 8; with --calibrate-on its probabilities are mapped onto "
                   "the dev-slice tagger's.")
@click.option("--dev-tagger", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Where the tagger trained outside the dev slice is written (read by --retune when the "
                   "shipped tagger is trained on all articles).")
@click.option("--calibrate-on", default=None, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="With --tagger-all: a folder of unlabelled .txt articles (e.g. PolNeAR train texts) on which "
                   "the shipped tagger's probabilities are mapped onto the dev-slice tagger's by quantiles, so "
                   "that the dev-slice mix and thresholds apply (docs/techniques.md, round 8).")
def train_techniques(ptc, out, seed, cache, tagger_epochs, tagger_window, tagger_batch, tagger_units, tagger_runtime,
                     retune, tagger_all, dev_tagger, calibrate_on):
    """Fit the technique span and label models; the held-out articles of data/techniques/split.yaml are skipped."""
    from ..spin.techniques.model import MODEL_DIR
    from .techniques import train
    meta = train(ptc, out or MODEL_DIR, seed=seed, cache=cache, tagger_epochs=tagger_epochs,
                 runtime=tagger_runtime, retune=retune,
                 tagger_all=tagger_all, dev_tagger=dev_tagger, tagger_window=tagger_window,
                 tagger_batch=tagger_batch, tagger_units=tagger_units, calibrate_on=calibrate_on,
                 log=lambda msg: click.echo(msg, err=True))
    tagger = meta.get("tagger") or {}
    dev = f"; dev-slice span F1 {tagger['dev_span_f1']} (tagger weight {tagger['mix']})" if tagger else ""
    click.echo(f"cross-validated span F1 of the token model {meta['cv_span_f1']}{dev}; {meta['train_spans']} spans; "
               f"{meta['train_seconds']} s")


@train_group.command("techniques-calibrate")
@click.option("--unlabelled", required=True, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="A folder of unlabelled .txt articles (never held-out ones), e.g. PolNeAR train texts.")
@click.option("--dev-tagger", required=True, type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="The tagger trained outside the dev slice, with which the mix and thresholds were chosen.")
@click.option("--out", default=None, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The model folder whose tagger (trained on all articles) is mapped (default: the packaged one).")
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--articles", default=200, show_default=True, type=click.IntRange(10, 100000),
              help="Unlabelled articles the map is fitted on.")
@click.option("--check", default=30, show_default=True, type=click.IntRange(0, 100000),
              help="Other unlabelled articles, kept apart, on which the share of marked words is compared.")
def calibrate_techniques(unlabelled, dev_tagger, out, seed, articles, check):
    """Map the model's tagger onto the dev-slice tagger by quantiles on unlabelled articles (meta.json)."""
    from ..spin.techniques.model import MODEL_DIR
    from .techniques import calibrate
    entry = calibrate(out or MODEL_DIR, dev_tagger, unlabelled, seed=seed, n=articles, check=check,
                      log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(entry["check"], indent=1))


@train_group.command("techniques-distil")
@click.option("--corpus", required=True, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The shared corpus folder (polnear/, lgl/, articlebench/, dragnet/, ptc/): only texts are read, "
                   "and never their held-out parts.")
@click.option("--teacher", default=None, type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="The tagger to distil (default: the packaged model's tagger.safetensors).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Where to write the student (fp16 safetensors; put it in a model folder as tagger.safetensors).")
@click.option("--layers", default="0,2,5", show_default=True,
              help="The teacher's BERT layers the student keeps, 0-based, in order.")
@click.option("--epochs", default=1, show_default=True, type=click.IntRange(1, 50))
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--targets", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A file caching the windows and the teacher's probabilities (default: in the cache dir).")
def distil_techniques(corpus, teacher, out, layers, epochs, seed, targets):
    """Distil the techniques tagger into one with fewer layers, on the teacher's probabilities over unlabelled
    news (docs/techniques.md, round 9)."""
    from pathlib import Path

    from ..spin.techniques.model import MODEL_DIR
    from ..spin.techniques.tagger import TAGGER_FILE
    from .distil import distil
    try:
        keep = tuple(int(x) for x in layers.split(","))
    except ValueError:
        raise click.BadParameter(f"not a list of layer numbers: {layers!r}", param_hint="--layers") from None
    record = distil(corpus, teacher or str(Path(MODEL_DIR) / TAGGER_FILE), out, keep=keep, cache=targets, seed=seed,
                    epochs=epochs, log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(record, indent=1))


@train_group.command("techniques-distil-check")
@click.option("--ptc", required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--tagger", "taggers", multiple=True, required=True,
              help="NAME=FILE: a tagger (safetensors) to score; repeat for each (e.g. the shipped one and a student).")
@click.option("--model", default=None, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The model folder whose window, cascade, mix and thresholds are used (default: the packaged one).")
@click.option("--cache", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A file keeping embeddings between runs (for development; same results).")
@click.option("--seed", default=13, show_default=True, type=int)
def distil_check(ptc, taggers, model, cache, seed):
    """Dev-slice span F1 (whole, halves) of taggers in the harness of `train techniques` (round 9)."""
    from ..spin.techniques.model import MODEL_DIR
    from .distil import dev_check
    pairs = {}
    for item in taggers:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise click.BadParameter(f"expected NAME=FILE, got {item!r}", param_hint="--tagger")
        pairs[name] = path
    out = dev_check(ptc, pairs, model or MODEL_DIR, seed=seed, cache=cache, log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(out, indent=1))


@train_group.command("techniques-ensemble")
@click.option("--ptc", required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--out", default=None, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The model folder the tagger is added to (default: the packaged one).")
@click.option("--layers", default=3, show_default=True, type=click.IntRange(1, 6),
              help="The base's first BERT layers the second tagger keeps.")
@click.option("--seed", default=14, show_default=True, type=int)
def ensemble_techniques(ptc, out, layers, seed):
    """Train a second tagger on folds 1-4 and average it with the model's tagger (docs/techniques.md, round 12)."""
    from ..spin.techniques.model import MODEL_DIR
    from .techniques import train_ensemble_member
    tagger = train_ensemble_member(ptc, out or MODEL_DIR, layers=layers, seed=seed,
                                   log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps({k: tagger[k] for k in ("ensemble", "ensemble_info")}, indent=1))


@train_group.command("techniques-generator")
@click.option("--ptc", required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--out", default=None, type=click.Path(exists=True, file_okay=False, path_type=str),
              help="The model folder the generator is written into (default: the packaged one).")
@click.option("--candidate", default="S", show_default=True, type=click.Choice(["S", "P", "S1", "T", "TN", "TP", "M"]),
              help="How the thresholds are chosen on the dev slice: one shared (S), per technique (P), shared with "
                   "one span per sentence (S1); round 14: with the tagger's features (T), and the neighbours' (TN), "
                   "a pooled head over TN's rows (TP), each with one shared threshold; round 15: a pooled head over "
                   "T's rows with its own label head (M).")
@click.option("--oof-tagger", "oof_tagger", multiple=True, metavar="FOLDS=FILE",
              help="T, TN, TP, M: a tagger fine-tuned outside FOLDS (e.g. 1,2=a.safetensors), giving those folds' "
                   "tagger features; folds 1-4 each once.")
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--cache", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A file keeping embeddings between runs (for development; same results).")
def generator_techniques(ptc, out, candidate, oof_tagger, seed, cache):
    """Fit the sentence-level span generator of the long techniques on folds 1-4, its thresholds on the dev slice,
    and write generator.npz into the model folder (docs/techniques.md, rounds 13-15; without that file it is off)."""
    from ..spin.techniques.model import MODEL_DIR
    from .generator import parse_oof, train_generator
    try:
        oof = parse_oof(oof_tagger)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--oof-tagger") from exc
    info = train_generator(ptc, out or MODEL_DIR, candidate=candidate, seed=seed, cache=cache, oof_taggers=oof or None,
                           log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(info, indent=1))


@train_group.command("techniques-sentclf")
@click.option("--ptc", required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=str),
              help="A folder of one's own for the weights and the report (never the packaged model folder).")
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--cache", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A file keeping embeddings between runs (for development; same results).")
def sentclf_techniques(ptc, out, seed, cache):
    """Round 13c: fine-tune the multi-label sentence classifier of the long techniques on folds 1-4 and report
    round 13's dev rule for it (docs/techniques.md). Tried, not shipped: the stage does not read it."""
    from .sentclf import train_sentclf
    info = train_sentclf(ptc, out, seed=seed, cache=cache, log=lambda msg: click.echo(msg, err=True))
    click.echo(json.dumps(info, indent=1))
