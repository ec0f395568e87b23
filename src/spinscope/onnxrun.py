"""Transformer models run by ONNX Runtime: exported from their torch weights once into the cache dir, then loaded."""
from __future__ import annotations

# Why: on this CPU, ONNX Runtime runs the MiniLM sentence encoder and the techniques tagger 2-4 times
# faster than torch eager, in float32 with the same results (differences about 1e-7); both run int8 by
# default, about half the CPU again, with outputs a little off float32's (docs/speed.md). The .onnx files
# (about 90 MB each) are not shipped: each is exported from the installed weights on first use into
# [cache] dir/onnx, named by a hash of those weights and of the versions that shape the export, and
# later processes load it without building the torch model. $SPINSCOPE_RUNTIME=torch keeps torch eager.

import hashlib
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from .resources import _version, active

EXPORT_VERSION = 1  # raise when the exported graph changes for the same weights
OPSET = 17
log = logging.getLogger("spinscope")


def available() -> bool:
    """True when ONNX Runtime is installed and $SPINSCOPE_RUNTIME does not ask for torch."""
    if os.environ.get("SPINSCOPE_RUNTIME", "").lower() == "torch":
        return False
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def int8(name: str, default: bool) -> bool:
    """Whether model `name` runs in int8: `default`, unless $SPINSCOPE_INT8 lists the models that do
    ("encoder,tagger", "none")."""
    value = os.environ.get("SPINSCOPE_INT8")
    if value is None:
        return default
    return name in {v.strip() for v in value.split(",")}


def runtime_signature() -> str:
    """Which runtime gives the two transformer models' outputs (part of records' `models` hash): CTranslate2,
    or ONNX Runtime and each model's int8 or float32, with their versions; or torch."""
    from .embed import encoder_int8
    from .spin.techniques.tagger import int8_default
    from . import ct2run
    if not available():
        return "torch"
    # CTranslate2 runs in int8; the events stage's word-piece states always come from ONNX Runtime
    # and its kernels' instruction set (round 17: AVX512 and AVX2 round some int8 activations apart)
    ct2 = f"ctranslate2={_version('ctranslate2')};isa={ct2run.choose_isa() or 'auto'}" if ct2run.available() else ""
    encoder = "ct2" if ct2run.available("encoder") else "int8" if encoder_int8() else "float32"
    tagger = "ct2" if ct2run.available("tagger") else "int8" if int8_default() else "float32"
    return f"onnxruntime={_version('onnxruntime')};{ct2};encoder={encoder};tagger={tagger}"


def threads() -> int:
    """Intra-op threads: $SPINSCOPE_TORCH_THREADS, else $OMP_NUM_THREADS, else 0 (ONNX Runtime's choice)."""
    for name in ("SPINSCOPE_TORCH_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
    return 0


def weights_hash(prefix: str, files: Iterable[str | Path], dists: Iterable[str]) -> str:
    """16 hex digits of a hash of `prefix`, the content of the weight `files` and the versions of `dists`: what
    names a model made from installed weights in the cache dir (an ONNX export, a CTranslate2 conversion)."""
    h = hashlib.sha256(prefix.encode())
    h.update(active().hash_of(files).encode())
    for dist in dists:
        h.update(f";{dist}={_version(dist)}".encode())
    return h.hexdigest()[:16]


def export_key(name: str, files: Iterable[str | Path], packages: Iterable[str]) -> str:
    """A name for the exported file: the model's name, then a hash of its weights and the versions involved."""
    dists = ("torch", "transformers", "onnx", *packages)
    return f"{name}-{weights_hash(f'{name};{EXPORT_VERSION};{OPSET}', files, dists)}.onnx"


def session(name: str, files: Iterable[str | Path], build: Callable, packages: Iterable[str] = (),
            per_piece: bool = False, int8: bool = False, extra_outputs: tuple[str, ...] = ()):
    """An ONNX Runtime session of the torch module `build()` returns, exported once into the cache dir.

    `files` are the weights it is made from and `packages` the distributions they come from: a change
    of either gives a new file name. The module takes (input_ids, attention_mask), both int64
    (batch, pieces); its output is (batch, pieces) when `per_piece`, else (batch, ...); a module that
    returns a tuple names its other outputs in `extra_outputs`, each (batch, pieces, ...). `int8`: its
    linear layers quantized to int8 per output channel (activations per batch), about half the CPU.
    A cache dir that cannot be written gets the files in a temporary folder. None (with a warning)
    when the export fails: the caller runs torch instead.
    """
    try:
        return _session(name, files, build, packages, per_piece, int8, extra_outputs)
    except Exception as exc:  # noqa: BLE001 - any exporter or runtime failure: torch still works
        log.warning("ONNX Runtime unavailable for %s (%s: %s); running torch", name, type(exc).__name__, exc)
        return None


def _session(name, files, build, packages, per_piece, int8, extra_outputs=()):
    file_name = export_key(name, files, packages)
    path = active().cache_dir / "onnx" / file_name
    final = path.with_name(path.stem + "-int8.onnx") if int8 else path
    if final.exists():
        return _load(final)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _make(path, final, build, per_piece, extra_outputs)
        return _load(final)
    except OSError:
        with tempfile.TemporaryDirectory() as folder:
            log.debug("cache dir not writable: %s exported to a temporary folder", name)
            where = Path(folder) / final.name
            _make(Path(folder) / path.name, where, build, per_piece, extra_outputs)
            return _load(where)


def _load(path: Path):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # its warnings would land on the CLI's stderr
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _make(path: Path, final: Path, build: Callable, per_piece: bool, extra_outputs: tuple[str, ...] = ()) -> None:
    """Export to `path` unless it exists, then quantize it to `final` when that is another file."""
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        export(build(), tmp, per_piece, extra_outputs)
        os.replace(tmp, path)  # another process exporting the same file writes the same bytes
    if final != path and not final.exists():
        tmp = final.with_suffix(f".{os.getpid()}.tmp")
        quantize(path, tmp)
        os.replace(tmp, final)


def quantize(source: Path, target: Path) -> None:
    """int8 weights per output channel for the MatMul layers, activations quantized per batch."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process the model goes to the root logger
    # quantize_dynamic writes its shape-inferred copy beside its input as NAME-inferred.onnx and deletes it
    # after: two processes quantizing one shared export (the workers of a first `batch --workers 2`) wrote,
    # read and deleted the same scratch file, and one fell back to torch ("Failed to find proper ai.onnx
    # domain"). Each quantizes its own link to the export, named after its own target.
    private = target.with_name(target.name + ".src.onnx")
    try:
        try:
            os.link(source, private)
        except OSError:
            shutil.copyfile(source, private)
        quantize_dynamic(str(private), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
        private.unlink(missing_ok=True)


def applied(model, fn):
    """A torch model of (ids, mask) -> logits, with `fn` applied to its output, as one module: what is exported."""
    import torch

    class Applied(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, ids, mask):
            return fn(self.model(ids, mask))

    return Applied().eval()


def sigmoid(model):
    """A torch model of (ids, mask) -> logits as one module giving probabilities."""
    import torch
    return applied(model, torch.sigmoid)


def export(module, path: Path, per_piece: bool = False, extra_outputs: tuple[str, ...] = ()) -> None:
    """Write `module` (eval mode, inputs ids and mask, batch and length dynamic) as an ONNX file."""
    import torch

    module.eval()
    ids = torch.ones((2, 8), dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    mask[1, 5:] = 0
    axes = {"input_ids": {0: "batch", 1: "pieces"}, "attention_mask": {0: "batch", 1: "pieces"},
            "output": {0: "batch", 1: "pieces"} if per_piece else {0: "batch"},
            **{name: {0: "batch", 1: "pieces"} for name in extra_outputs}}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's notices would land on the CLI's stderr
        # The TorchScript exporter: it needs neither onnxscript nor a trace of every shape.
        torch.onnx.export(module, (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["output", *extra_outputs], dynamic_axes=axes, opset_version=OPSET,
                          dynamo=False)
