"""Transformer encoders run by CTranslate2 in int8: converted from their weights once into the cache dir."""
from __future__ import annotations

# Why: CTranslate2 quantizes each word piece's activations with its own scale, so a text's output does not
# depend on the other texts of a run: texts of similar length can share a run (ONNX Runtime's dynamic int8
# takes one scale per run, so it had to run them one by one), and its int8 outputs are closer to float32's
# (sentence vectors at cosine 0.997 on average against 0.993). On this CPU it costs about 20 % less than
# ONNX Runtime's int8 for the encoder and 30 % less for the tagger (docs/speed.md, round 6). The converted
# folders (about 23 MB each) are not shipped: each is made from the installed weights on first use into
# [cache] dir/ct2, named by a hash of those weights and of the versions that shape it.
# $SPINSCOPE_RUNTIME=onnx keeps ONNX Runtime, =torch torch eager; $SPINSCOPE_CT2=encoder (or tagger) runs
# only that model in CTranslate2.

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .resources import active

CONVERT_VERSION = 1  # raise when the conversion changes for the same weights
COMPUTE_TYPE = "int8"
log = logging.getLogger("spinscope")


def available(name: str | None = None) -> bool:
    """True when CTranslate2 is installed, $SPINSCOPE_RUNTIME asks for neither ONNX Runtime nor torch, and
    $SPINSCOPE_CT2 (the models that run in it: "encoder,tagger" by default, "none") names model `name`."""
    if os.environ.get("SPINSCOPE_RUNTIME", "").lower() in ("onnx", "torch"):
        return False
    chosen = os.environ.get("SPINSCOPE_CT2")
    if name is not None and chosen is not None and name not in {v.strip() for v in chosen.split(",")}:
        return False
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def convert_key(name: str, files: Iterable[str | Path], packages: Iterable[str]) -> str:
    """A folder name for the converted model: its name, then a hash of its weights and the versions involved."""
    from .onnxrun import weights_hash
    dists = ("ctranslate2", "transformers", "torch", *packages)
    return f"{name}-{weights_hash(f'{name};{CONVERT_VERSION};{COMPUTE_TYPE}', files, dists)}-{COMPUTE_TYPE}"


def bert_folder(load_bert: Callable[[], object]) -> Callable[[Path], Path]:
    """A `source` for `encoder`: the BERT that `load_bert()` gives, saved as a Hugging Face folder beside the base
    package's tokenizer files (the converter reads the vocabulary; ids are given, not words)."""
    def source(folder: Path) -> Path:
        from .embed import base_path
        load_bert().save_pretrained(folder)  # not kept once converted
        for f in base_path().iterdir():
            if f.name.startswith(("tokenizer", "vocab", "special_tokens")):
                shutil.copy(f, folder / f.name)
        return folder
    return source


def encoder(name: str, files: Iterable[str | Path], source: Callable[[Path], Path], packages: Iterable[str] = ()):
    """A `ctranslate2.Encoder` of the BERT that `source(scratch_dir)` gives as a Hugging Face folder, converted
    once into the cache dir (`files`, `packages`: what it is made from, part of the folder's name). None (with
    a warning) when the conversion fails: the caller runs ONNX Runtime instead."""
    try:
        return _encoder(name, list(files), source, packages)
    except Exception as exc:  # noqa: BLE001 - any converter or runtime failure: ONNX Runtime still works
        log.warning("CTranslate2 unavailable for %s (%s: %s); running ONNX Runtime", name, type(exc).__name__, exc)
        return None


def _encoder(name, files, source, packages):
    folder = active().cache_dir / "ct2" / convert_key(name, files, packages)
    if not folder.exists():
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            _convert(source, folder)
        except OSError:
            log.debug("cache dir not writable: %s converted in a temporary folder", name)
            with tempfile.TemporaryDirectory(prefix="spinscope-ct2-") as scratch:
                where = Path(scratch) / folder.name
                _convert(source, where)
                return _load(where)  # the model is read whole at load: the folder can go
    return _load(folder)


def _convert(source: Callable[[Path], Path], folder: Path) -> None:
    from ctranslate2.converters import TransformersConverter
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()  # its "Loading weights" bar would land on the CLI's stderr
    with tempfile.TemporaryDirectory(prefix="spinscope-ct2-") as scratch:
        model_dir = source(Path(scratch) / "hf")
        tmp = Path(scratch) / "out"
        TransformersConverter(str(model_dir)).convert(str(tmp), quantization=COMPUTE_TYPE)
        staged = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        shutil.copytree(tmp, staged)
        try:
            os.replace(staged, folder)  # another process converting the same weights wrote the same files
        except OSError:
            shutil.rmtree(staged, ignore_errors=True)
            if not folder.exists():
                raise


# CTranslate2's own kernels (activation quantization, softmax, layer norm, GELU) run in AVX2 by default even on
# a CPU with AVX512 (MKL's int8 GEMM picks its own instructions either way). On this machine AVX512 costs about
# 10 % less CPU for both models (docs/speed.md, round 17); the outputs are not the same to the bit (int8 rounds
# some activations the other way), the quality figures are. $SPINSCOPE_CT2_ISA=AVX2 (or GENERIC, AVX) keeps
# that instead, =auto leaves CTranslate2's own choice; an explicit $CT2_FORCE_CPU_ISA always wins.
ISA = "AVX512"
_AVX512_FLAGS = {"avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq"}


def cpu_flags() -> set[str]:
    """The CPU's feature flags (Linux /proc/cpuinfo; empty elsewhere)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.partition(":")[2].split())
    except OSError:
        pass
    return set()


def choose_isa() -> str | None:
    """Set $CT2_FORCE_CPU_ISA before the first model loads (CTranslate2 reads it once per process): ISA (or
    $SPINSCOPE_CT2_ISA) when the CPU has it; the ISA set, or None when CTranslate2 chooses."""
    if os.environ.get("CT2_FORCE_CPU_ISA"):
        return os.environ["CT2_FORCE_CPU_ISA"]
    wanted = os.environ.get("SPINSCOPE_CT2_ISA", ISA).strip().upper()
    if wanted in ("", "AUTO") or (wanted == "AVX512" and not _AVX512_FLAGS <= cpu_flags()):
        return None
    os.environ["CT2_FORCE_CPU_ISA"] = wanted
    return wanted


def _load(folder: Path):
    import ctranslate2

    from .onnxrun import threads
    choose_isa()
    # Without a thread setting, as many threads as cores, as ONNX Runtime takes (not CTranslate2's own default).
    return ctranslate2.Encoder(str(folder), device="cpu", compute_type=COMPUTE_TYPE,
                               intra_threads=threads() or os.cpu_count() or 1, inter_threads=1)


# Runs: rows sorted by length, a run holding rows of ONE length (so no row is padded) up to RUN_ROWS rows and
# RUN_PIECES pieces. Why one length: a padded row's states depend on the GEMM kernels its run's longest row selects,
# and those differ by CPU. On the Intel CPUs of stops 15-42 rows of 4 pieces or more came out the same to the bit
# padded or alone, but on an AMD EPYC (stop 43) a row of 5-11 pieces beside a long one moved by up to 1e-6
# (with MKL) or 0.04-0.16 (CTranslate2's default there), so a document's spans and scores depended on the
# other documents of its batch. Rows of one length gave the states they get alone on both CPUs.
# Why 512 and 64 (stop 44, docs/speed.md round 18): on this machine's AMD EPYC the int8 GEMM (oneDNN) copies
# every weight matrix into its packed layout at every call: about 1 ms of a run's cost whatever its size, half a
# one-row run's CPU. Fewer, larger runs (256 / 32 before) save 3-6 % of the two models' CPU; the states are the same
# to the bit (one length a run, as before). Larger budgets (1,024 and up) saved no more.
RUN_PIECES = 512
RUN_ROWS = 64


def runs(lengths) -> list[list[int]]:
    """Index lists, one per run, for rows of these lengths (word pieces, [CLS] and [SEP] included): sorted by
    length (stable), a run holds rows of one length only, as many as fit RUN_PIECES pieces and RUN_ROWS rows
    (a longer row runs alone)."""
    import numpy as np
    lengths = [int(n) for n in lengths]
    order = np.argsort(np.asarray(lengths, dtype=np.int64), kind="stable").tolist()
    out: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and (lengths[i] != lengths[current[0]] or (len(current) + 1) * lengths[i] > RUN_PIECES
                        or len(current) >= RUN_ROWS):
            out.append(current)
            current = []
        current.append(i)
    if current:
        out.append(current)
    return out


def last_states(model, rows: list[list[int]]):
    """(batch, pieces, hidden) float32 last hidden states of word-piece id rows ([CLS] ... [SEP] each)."""
    import numpy as np
    return np.asarray(model.forward_batch(rows).last_hidden_state, dtype=np.float32)
