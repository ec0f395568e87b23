"""The trained techniques model: loading it (offline, version-checked) and finding technique spans."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .features import QUOTES, SPAN_HASH, TOKEN_HASH, DocView, load_lexicon, span_features, token_features
from ...resources import resource
from ... import errors

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "techniques"
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
FORMAT = 2


class ModelError(errors.ModelError):
    """The techniques model is missing or was trained with another scikit-learn, base encoder or format."""


def hashers():
    """Stateless feature hashers (nothing to pickle): tokens, spans."""
    from sklearn.feature_extraction import FeatureHasher
    return (FeatureHasher(TOKEN_HASH, input_type="pair", alternate_sign=False),
            FeatureHasher(SPAN_HASH, input_type="pair", alternate_sign=False))


def check_meta(meta: dict, where: Path) -> None:
    """Refuse a model pickled by another scikit-learn (its objects may load wrongly) or format."""
    import sklearn
    if meta.get("format") != FORMAT:
        raise ModelError(f"{where}: model format {meta.get('format')!r}, this spinscope reads format {FORMAT}; "
                         "retrain with `make train-techniques`")
    if meta.get("sklearn") != sklearn.__version__:
        raise ModelError(f"{where}: trained with scikit-learn {meta.get('sklearn')}, installed is "
                         f"{sklearn.__version__}; install scikit-learn=={meta.get('sklearn')} or retrain "
                         "with `make train-techniques`")
    tagger = meta.get("tagger")
    if tagger:
        from .tagger import BASE_PACKAGE, base_version
        try:
            have = base_version()
        except Exception:  # noqa: BLE001 - the package is missing altogether
            have = None
        # The tagger ships without its word embeddings: they are read from this exact base package.
        if tagger.get("base") != BASE_PACKAGE or tagger.get("base_version") != have:
            raise ModelError(f"{where}: the token tagger was fine-tuned from {tagger.get('base')} "
                             f"{tagger.get('base_version')}, installed is {BASE_PACKAGE} {have}; install "
                             f"{tagger.get('base')}=={tagger.get('base_version')} or retrain with "
                             "`make train-techniques`")


def ensemble_files(tagger: dict, where: Path) -> list[str]:
    """The file names of meta.json's `tagger.ensemble` (taggers averaged with the first; round 12), checked:
    plain file names in the model folder, each once, none the first tagger's."""
    from .tagger import TAGGER_FILE
    files = tagger.get("ensemble") or []
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ModelError(f"{where}: meta.json's tagger.ensemble must be a list of file names, got {files!r}")
    for f in files:
        if Path(f).name != f or f in (TAGGER_FILE, META_FILE, MODEL_FILE) or files.count(f) > 1:
            raise ModelError(f"{where}: meta.json's tagger.ensemble names {f!r}: each must be another tagger file "
                             "of the model folder, named once")
        if not (where / f).exists():
            raise ModelError(f"no {f} in {where} (meta.json's tagger.ensemble); retrain with `make train-techniques`")
    return files


@resource("data/models/techniques", user_files=True)
def load_model(path: str | None = None) -> "TechniquesModel":
    """The packaged model (or the one in directory `path`), loaded once per process."""
    import joblib
    where = Path(path) if path else MODEL_DIR
    if not (where / META_FILE).exists() or not (where / MODEL_FILE).exists():
        raise ModelError(f"no techniques model in {where}; train one with `make train-techniques`")
    meta = json.loads((where / META_FILE).read_text(encoding="utf-8"))
    check_meta(meta, where)
    parts = joblib.load(where / MODEL_FILE)
    tagger, mix = None, 0.0
    from .tagger import MAX_PIECES
    if meta.get("tagger"):
        from .tagger import TAGGER_FILE, runtime_tagger
        if not (where / TAGGER_FILE).exists():
            raise ModelError(f"no {TAGGER_FILE} in {where}; train one with `make train-techniques`")
        tagger = runtime_tagger(str(where / TAGGER_FILE), meta["tagger"].get("runtime", "float32"))
        extra = ensemble_files(meta["tagger"], where)
        if extra:  # more taggers beside it, their token probabilities averaged with its own (round 12)
            from .tagger import TaggerEnsemble
            tagger = TaggerEnsemble([tagger] + [runtime_tagger(str(where / f), meta["tagger"].get("runtime", "float32"))
                                                for f in extra])
        mix = float(parts["mix"])
    calibration = ProbMap.from_dict((meta.get("tagger") or {}).get("calibration"))
    from .verifier import Verifier
    keep, verifier = Keep.from_dict(parts.get("keep")), Verifier.from_dict(parts.get("verifier"))
    if keep.verify is not None and verifier is None:
        raise ModelError(f"{where}: its keep rule has a verifier floor but {MODEL_FILE} holds no verifier; retrain "
                         "with `make train-techniques`")
    if verifier is not None and tuple(verifier.techniques) != tuple(str(c) for c in parts["tech"].classes_):
        raise ModelError(f"{where}: the span verifier reads the techniques in another order than the technique "
                         "model gives them; retrain with `make train-techniques`")
    blend, units = float(parts.get("blend", 0.0)), ()
    if blend:
        units = blend_units(meta, where, tagger, mix, keep)
    from .generator import GENERATOR_FILE, Generator
    generator = None
    if (where / GENERATOR_FILE).exists():  # the sentence-level span generator (round 13): off without its file
        try:
            generator = Generator.load(where / GENERATOR_FILE, width=True)
        except (ValueError, KeyError, OSError) as exc:
            raise ModelError(f"{where / GENERATOR_FILE}: {exc}; rebuild it with `spinscope train "
                             "techniques-generator`") from exc
    return TechniquesModel(parts["sent"], parts["tok"], parts["tech"], parts["thr_hi"], parts["thr_lo"], meta,
                           tagger, mix, keep, meta.get("encoder_runtime", "float32"),
                           float(parts.get("cascade", 0.0)), int(parts.get("window", MAX_PIECES)), calibration,
                           verifier, generator, blend, units)


def blend_units(meta: dict, where: Path, tagger, mix: float, keep: "Keep") -> tuple[str, ...]:
    """The unit names of the multi-task tagger a `blend` reads (round 16), checked: a blend needs a tagger that is
    mixed in, one file (no ensemble), with a unit per technique, and no verifier floor (its path does not blend)."""
    from .tagger import TAGGER_FILE, file_units
    if tagger is None or mix <= 0:
        raise ModelError(f"{where}: {MODEL_FILE} blends the tagger's technique units but the model mixes no tagger")
    if (meta.get("tagger") or {}).get("ensemble"):
        raise ModelError(f"{where}: a technique blend reads one multi-task tagger, not an ensemble")
    if keep.verify is not None:
        raise ModelError(f"{where}: a technique blend and a verifier floor cannot be combined")
    try:
        units = file_units(str(where / TAGGER_FILE))
    except RuntimeError as exc:
        raise ModelError(str(exc)) from exc
    if len(units) < 2:
        raise ModelError(f"{where}: {MODEL_FILE} blends the tagger's technique units but {TAGGER_FILE} has one "
                         "unit; retrain with `make train-techniques`")
    return units


def blend_probs(proba: np.ndarray, classes, spans: list[tuple[int, int]], v: "DocView", unit_probs: np.ndarray,
                units: tuple[str, ...], blend: float) -> np.ndarray:
    """The technique model's probabilities (`proba`, one row per span of `spans` in view `v`, columns `classes`)
    blended with the multi-task tagger's (round 16): (1 - blend) x technique model + blend x the mean over the
    span's words of the tagger's technique units (`unit_probs`, (tokens, units) with `units` naming them, "any"
    first), renormalised to sum 1 over the classes; a class without a unit gets 0 from the tagger."""
    col = [units.index(str(c)) if str(c) in units[1:] else None for c in classes]
    out = np.array(proba, dtype=np.float64, copy=True)
    for r, (s, e) in enumerate(spans):
        a, b = v.token_range(s, e)
        mean = unit_probs[a:max(b, a + 1)].mean(axis=0) if len(unit_probs) else np.zeros(len(units))
        tag = np.array([mean[j] if j is not None else 0.0 for j in col], dtype=np.float64)
        total = tag.sum()
        if total > 0:
            out[r] = (1 - blend) * out[r] + blend * tag / total
    return out


# (encoder runtime, text) -> embedding, filled only when training asks for it (`train(..., cache=...)`):
# reruns skip the encoder.
EMBED_CACHE: dict | None = None
ENCODER_RUNTIMES = ("float32", "int8-dynamic")


@resource()
def int8_encoder():
    """A copy of the packaged sentence encoder with int8 linear layers (about 3 times less CPU), for this layer only."""
    from ...embed import load_encoder
    from .tagger import quantize
    return quantize(load_encoder())


def _encode(texts: list[str], runtime: str = "float32") -> np.ndarray:
    if runtime == "float32":
        from ...embed import encode
    elif runtime == "int8-dynamic":
        def encode(xs):
            return int8_encoder().encode(list(xs), batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                                         show_progress_bar=False).astype(np.float32)
    else:
        raise ValueError(f"unknown encoder runtime {runtime!r} (known: {', '.join(ENCODER_RUNTIMES)})")
    if not texts:
        return np.zeros((0, 384), np.float32)
    if EMBED_CACHE is None:
        return encode(texts)
    if runtime == "float32":  # the shared encoder: its vectors differ between its float32 and int8 runs
        from ...embed import encoder_name
        runtime = encoder_name()
    todo = sorted({t for t in texts if (runtime, t) not in EMBED_CACHE})
    if todo:
        EMBED_CACHE.update(zip(((runtime, t) for t in todo), encode(todo)))
    return np.vstack([EMBED_CACHE[runtime, t] for t in texts])


def span_matrix(views: list[DocView], spans: list[list[tuple[int, int]]], sent_emb: list[np.ndarray],
                runtime: str = "float32", with_embeddings: bool = False):
    """Sparse hashed span features beside the span's and its sentence's embeddings (and, `with_embeddings`, the
    spans' embeddings apart: (matrix, embeddings))."""
    from scipy import sparse

    _, hasher = hashers()
    feats, texts, ctx = [], [], []
    for v, ss, se in zip(views, spans, sent_emb):
        for s, e in ss:
            feats.append(span_features(v, s, e))
            texts.append(v.text[s:e])
            a, _ = v.token_range(s, e)
            ctx.append(se[v.tok_sent[a]] if v.tokens else np.zeros(384, np.float32))
    if not feats:
        return (None, None) if with_embeddings else None
    emb = _encode(texts, runtime)
    X = sparse.hstack([hasher.transform(feats), sparse.csr_matrix(emb), sparse.csr_matrix(np.vstack(ctx))]).tocsr()
    return (X, emb) if with_embeddings else X


def sentence_embeddings(views: list[DocView], runtime: str = "float32") -> list[np.ndarray]:
    """MiniLM embedding of every sentence, one array per view (one batch for all)."""
    texts = [v.sent_text(i) for v in views for i in range(len(v.sents))]
    emb = _encode(texts, runtime)
    out, k = [], 0
    for v in views:
        out.append(emb[k:k + len(v.sents)])
        k += len(v.sents)
    return out


def decode(v: DocView, probs: np.ndarray, thr_hi: float, thr_lo: float) -> list[tuple[int, int, float]]:
    """Runs of tokens inside one sentence: seeded by a token at thr_hi, grown over neighbours at thr_lo."""
    out = []
    for _, _, _, a, b in v.sents:
        i = floor = a  # floor: the first token after the previous span, so spans never overlap
        while i < b:
            if probs[i] < thr_hi:
                i += 1
                continue
            lo, hi = i, i + 1
            while lo > floor and probs[lo - 1] >= thr_lo:
                lo -= 1
            while hi < b and probs[hi] >= thr_lo:
                hi += 1
            # Edges: never inside a word ("al" of "al-Qaeda"), no stray punctuation (quotation
            # marks stay, the corpus keeps them).
            while lo > floor and not v.tokens[lo - 1].whitespace_:
                lo -= 1
            while hi < b and not v.tokens[hi - 1].whitespace_:
                hi += 1
            floor = hi
            while lo < hi and v.tokens[lo].is_punct and v.tokens[lo].text not in QUOTES:
                lo += 1
            while hi > lo and v.tokens[hi - 1].is_punct and v.tokens[hi - 1].text not in QUOTES:
                hi -= 1
            if hi > lo:
                out.append((v.starts[lo], v.end_of(hi - 1), float(probs[lo:hi].mean())))
            i = max(floor, i + 1)
    return out


def mix_probs(tagger, views: list[DocView], sent_probs, lr_probs, mix: float, cascade: float = 0.0,
              window: int | None = None, calibration: "ProbMap | None" = None, with_tagger: bool = False,
              with_units: bool = False):
    """mix x tagger + (1 - mix) x token model per token; 0 in the sentences below `cascade` (not tagged).

    `calibration`: a map of the tagger's probabilities onto those of the tagger the mix and thresholds were
    chosen with (`ProbMap`), applied before mixing. `with_tagger`: (mixed, the tagger's own after the map, 0 where
    it did not read). `with_units`: (mixed, the tagger's own, every unit of its head per token, (tokens, units),
    0 where it did not read; round 16's multi-task tagger, unit 0 being what is mixed)."""
    if with_units:
        every, read = tagger_probs(tagger, views, sent_probs, cascade, window, units=True)
        tf = [a[:, 0] for a in every]
    else:
        tf, read = tagger_probs(tagger, views, sent_probs, cascade, window)
    if calibration is not None:
        tf = [calibration(a) for a in tf]
    mixed = [np.where(m, mix * a + (1 - mix) * b, 0.0) for a, b, m in zip(tf, lr_probs, read)]
    if with_units:
        return (mixed, [np.where(m, a, 0.0) for a, m in zip(tf, read)],
                [np.where(m[:, None], a, 0.0) for a, m in zip(every, read)])
    return (mixed, [np.where(m, a, 0.0) for a, m in zip(tf, read)]) if with_tagger else mixed


def tagger_probs(tagger, views: list[DocView], sent_probs, cascade: float = 0.0, window: int | None = None,
                 units: bool = False):
    """The tagger's token probabilities over the sentences at or above `cascade`, and which tokens it read.
    `units`: every unit of its head per token ((tokens, units) arrays; `tagger.token_probs`)."""
    from .tagger import MAX_PIECES, token_probs
    chosen = [[i for i, p in enumerate(sp) if p >= cascade] for sp in sent_probs] if cascade > 0 else None
    tf = token_probs(tagger, views, sents=chosen, max_pieces=window or MAX_PIECES, units=units)
    read = []
    for k, v in enumerate(views):
        m = np.ones(len(v.tokens), bool)
        if chosen is not None:
            m[:] = False
            for i in chosen[k]:
                m[v.sents[i][3]:v.sents[i][4]] = True
        read.append(m)
    return tf, read


@dataclass
class ProbMap:
    """A monotone map of one tagger's word probabilities onto another's, by matching quantiles.

    The mix and thresholds are chosen on the dev slice with a tagger that never saw it; a tagger trained
    on all articles (the dev slice too) is surer, so its probabilities are mapped onto the dev-slice
    tagger's before mixing: `src` are quantiles of its probabilities and `dst` the same quantiles of
    the dev-slice tagger's, both on the same unlabelled articles (meta.json, `tagger.calibration`).
    Between knots the map is linear; below the first and above the last it is flat.
    """

    src: np.ndarray
    dst: np.ndarray
    about: dict = field(default_factory=dict)

    @classmethod
    def fit(cls, probs: np.ndarray, target: np.ndarray, levels: np.ndarray, about: dict | None = None) -> "ProbMap":
        """The map taking the quantiles at `levels` of `probs` onto those of `target` (knots whose `src`
        repeat are merged, their `dst` averaged, so that `src` increases strictly)."""
        src = np.quantile(np.asarray(probs, np.float64), levels)
        dst = np.quantile(np.asarray(target, np.float64), levels)
        keys, inv = np.unique(src, return_inverse=True)
        merged = np.bincount(inv, weights=dst) / np.bincount(inv)
        return cls(keys, np.maximum.accumulate(merged), dict(about or {}))

    def __call__(self, p: np.ndarray) -> np.ndarray:
        if not len(p):
            return np.asarray(p, np.float32)
        return np.interp(p, self.src, self.dst).astype(np.float32)

    @classmethod
    def from_dict(cls, d: dict | None) -> "ProbMap | None":
        if not d:
            return None
        src, dst = np.asarray(d["src"], np.float64), np.asarray(d["dst"], np.float64)
        if len(src) != len(dst) or len(src) < 2 or np.any(np.diff(src) <= 0) or np.any(np.diff(dst) < 0):
            raise ModelError("meta.json: tagger.calibration needs as many src as dst knots (at least 2), src "
                             "strictly increasing and dst not decreasing; retrain with `make train-techniques`")
        return cls(src, dst, {k: v for k, v in d.items() if k not in ("src", "dst")})

    def to_dict(self, digits: int = 6) -> dict:
        return {**self.about, "src": [round(float(x), digits) for x in self.src],
                "dst": [round(float(x), digits) for x in self.dst]}


def sentence_edges(v: DocView, start: int, end: int) -> tuple[int, int, bool, bool]:
    """(index of the span's first sentence, of its last, whether it reaches the first one's start, and the last
    one's end), punctuation aside."""
    a, b = v.token_range(start, end)
    i, j = v.tok_sent[a], v.tok_sent[max(a, b - 1)]
    return (i, j, all(v.tokens[k].is_punct for k in range(v.sents[i][3], a)),
            all(v.tokens[k].is_punct for k in range(b, v.sents[j][4])))


def join_runs(v: DocView, found: list[tuple[int, int, float]], ranked: list[list[tuple[str, float]]],
              techniques, same: bool = False):
    """Runs that a sentence boundary cut, joined again for the techniques whose spans are long (Doubt, fear...).

    Two found spans in consecutive body sentences, the first reaching its sentence's end and the second starting
    at the next one's start (punctuation aside), become one span when the first one's likeliest technique is in
    `techniques` (with `same`: when both spans' likeliest techniques are the same one of them). The joined span
    keeps the first span's techniques; its probability is the mean of both weighted by their lengths."""
    if not found:
        return found, ranked
    techniques = set(techniques)
    out, out_r = [found[0]], [ranked[0]]
    for span, techs in zip(found[1:], ranked[1:]):
        s0, e0, p0 = out[-1]
        s1, e1, p1 = span
        _, i0, _, end0 = sentence_edges(v, s0, e0)
        i1, _, start1, _ = sentence_edges(v, s1, e1)
        t0, t1 = out_r[-1][0][0], techs[0][0]
        if (i1 == i0 + 1 and end0 and start1 and v.sents[i0][2] == "body" and v.sents[i1][2] == "body"
                and t0 in techniques and (not same or t1 == t0)):
            w0, w1 = e0 - s0, e1 - s1
            out[-1] = (s0, e1, (p0 * w0 + p1 * w1) / (w0 + w1))
            continue
        out.append(span)
        out_r.append(techs)
    return out, out_r


@dataclass
class Keep:
    """Which found spans are reported, and with which techniques (chosen on the dev slice at training).

    A span is kept when its score (mean word probability x technique probability) reaches the floor of
    its technique (`floor`; the tagger marks many emotive words the corpus leaves unmarked, and how often
    that happens differs by technique). A kept span also gets its second likeliest technique when that
    one's probability reaches `second` (the corpus gives some spans two; None: never), or the threshold of
    its likeliest technique in `second_by` when that names it. `cap` bounds how much of one article is
    marked: {"per_1000_words": n} (spans per 1,000 words) or {"share": x} (share of the title and body's
    characters inside spans); beyond it the lowest-scored spans are dropped. `join`: the techniques whose runs
    cut by a sentence boundary are joined again (`join_runs`; `join_same`: only when both halves agree).
    `verify`: a found span whose span-verifier probability (`verifier.py`) is below it is not reported (the model
    drops it before this rule when it has a verifier; see `TechniquesModel.predict`).
    """

    floor: dict = field(default_factory=dict)
    second: float | None = None
    second_by: dict = field(default_factory=dict)
    cap: dict = field(default_factory=dict)
    join: tuple = ()
    join_same: bool = False
    verify: float | None = None  # the lowest span-verifier probability of a reported span (round 11; None: off)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Keep":
        d = d or {}
        return cls({str(k): float(v) for k, v in d.get("floor", {}).items()},
                   None if d.get("second") is None else float(d["second"]),
                   {str(k): (None if v is None else float(v)) for k, v in (d.get("second_by") or {}).items()},
                   {str(k): float(v) for k, v in (d.get("cap") or {}).items()},
                   tuple(d.get("join") or ()), bool(d.get("join_same", False)),
                   None if d.get("verify") is None else float(d["verify"]))

    def to_dict(self) -> dict:
        out = {"floor": dict(self.floor), "second": self.second}
        if self.second_by:
            out["second_by"] = dict(self.second_by)
        if self.cap:
            out["cap"] = dict(self.cap)
        if self.join:
            out["join"] = list(self.join)
            out["join_same"] = self.join_same
        if self.verify is not None:
            out["verify"] = self.verify
        return out

    def capped(self, v: DocView | None, spans: list[tuple[int, int, float]]) -> set[int]:
        """Indexes of `spans` ((start, end, score)) within the cap of the article `v` (all without a cap)."""
        if not self.cap or v is None or not spans:
            return set(range(len(spans)))
        order = sorted(range(len(spans)), key=lambda k: -spans[k][2])
        if "per_1000_words" in self.cap:
            words = sum(1 for f in v.flags if f[2])
            n = max(1, int(np.ceil(self.cap["per_1000_words"] * words / 1000)))
            return set(order[:n])
        total = sum(e - s for s, e, *_ in v.sents) or 1
        kept, marked = set(), 0
        for k in order:
            s, e, _ = spans[k]
            if kept and (marked + e - s) / total > self.cap["share"]:
                continue
            kept.add(k)
            marked += e - s
        return kept

    def apply(self, found: list[tuple[int, int, float]], ranked: list[list[tuple[str, float]]],
              v: DocView | None = None):
        """(start, end, technique, score) for the kept spans of one view; `ranked`: top techniques per span;
        `v`: the view (for the cap)."""
        if self.join and v is not None:
            found, ranked = join_runs(v, found, ranked, self.join, self.join_same)
        passed = []
        for (s, e, p), techs in zip(found, ranked):
            (t, tp) = techs[0]
            if p * tp >= self.floor.get(t, 0.0):
                passed.append((s, e, p, techs))
        within = self.capped(v, [(s, e, p * techs[0][1]) for s, e, p, techs in passed])
        out = []
        for k, (s, e, p, techs) in enumerate(passed):
            if k not in within:
                continue
            (t, tp), rest = techs[0], techs[1:]
            out.append((s, e, t, round(p * tp, 4)))
            second = self.second_by.get(t, self.second) if self.second_by else self.second
            if second is not None and rest and rest[0][1] >= second:
                out.append((s, e, rest[0][0], round(p * rest[0][1], 4)))
        return out


@dataclass
class TechniquesModel:
    """Sentence model -> token model -> spans; a technique classifier labels each span."""

    sent: object
    tok: object
    tech: object
    thr_hi: float
    thr_lo: float
    meta: dict
    tagger: object = None  # the fine-tuned MiniLM token tagger (tech_tagger), or None
    mix: float = 0.0  # its weight against the logistic-regression token model
    keep: Keep = field(default_factory=Keep)
    # How the sentence encoder runs (meta.json's `encoder_runtime`): "float32" is the name, kept for
    # the saved models, of the shared encoder of spinscope.embed (int8 ONNX by default since 0.2.0;
    # meta.json's `encoder` says which it was trained on); "int8-dynamic" a torch int8 copy.
    encoder: str = "float32"
    cascade: float = 0.0  # the tagger reads only sentences whose sentence-model probability reaches this
    window: int = 254  # word pieces per tagger window at inference
    calibration: ProbMap | None = None  # maps the tagger's probabilities onto the dev-slice tagger's
    verifier: object = None  # the span verifier (verifier.Verifier), read when `keep.verify` is set
    generator: object = None  # the sentence-level span generator (generator.Generator; round 13), or None
    blend: float = 0.0  # weight of the multi-task tagger's technique units in a span's technique (round 16)
    units: tuple = ()  # the names of that tagger's units ("any" first), when `blend` is set

    def sentence_embeddings(self, views: list[DocView]) -> list[np.ndarray]:
        return sentence_embeddings(views, self.encoder)

    def sentence_probs(self, views: list[DocView], sent_emb: list[np.ndarray]) -> list[np.ndarray]:
        """The sentence model's probability that each sentence holds a span."""
        return [self.sent.predict_proba(se)[:, 1] if len(v.sents) else np.zeros(0) for v, se in zip(views, sent_emb)]

    def token_probs(self, views: list[DocView], sent_emb: list[np.ndarray]) -> list[np.ndarray]:
        """Probability that each token lies inside a span: the two token models, mixed.

        With a cascade, the tagger reads only the sentences the sentence model finds likely enough and
        the tokens of the others get 0 (no span there): the tagger is most of this layer's cost."""
        return self._token_probs(views, sent_emb)[0]

    def _token_probs(self, views: list[DocView], sent_emb: list[np.ndarray], with_tagger: bool = False,
                     with_units: bool = False):
        """(mixed probabilities, the token model's alone, the sentence probabilities), per view; `with_tagger`:
        and the tagger's own (after the calibration map; 0 where it did not read; None without a tagger);
        `with_units`: and, after those four, every unit of a multi-task tagger per token (`mix_probs`)."""
        sp = self.sentence_probs(views, sent_emb)
        if self.tagger is None or self.mix <= 0:
            lr = self.lr_token_probs(views, sp)
            if with_units:
                return lr, lr, sp, None, None
            return (lr, lr, sp, None) if with_tagger else (lr, lr, sp)
        # The token model's words outside the cascade's sentences would be multiplied by 0: not computed.
        only = [{i for i, p in enumerate(s) if p >= self.cascade} for s in sp] if self.cascade > 0 else None
        lr = self.lr_token_probs(views, sp, only)
        if with_units:
            mixed, tf, units = mix_probs(self.tagger, views, sp, lr, self.mix, self.cascade, self.window,
                                         self.calibration, with_units=True)
            return mixed, lr, sp, tf, units
        if not with_tagger:
            return mix_probs(self.tagger, views, sp, lr, self.mix, self.cascade, self.window, self.calibration), lr, sp
        mixed, tf = mix_probs(self.tagger, views, sp, lr, self.mix, self.cascade, self.window, self.calibration,
                              with_tagger=True)
        return mixed, lr, sp, tf

    def lr_token_probs(self, views: list[DocView], sent_probs: list[np.ndarray],
                       only: list[set] | None = None) -> list[np.ndarray]:
        """The token model's probability per token; with `only`, just in those sentences of each view (0 elsewhere)."""
        # The views' rows are hashed and scored together: one sparse row's score does not depend on the others.
        hasher, _ = hashers()
        out, rows, parts = [], [], []
        for k, (v, sp) in enumerate(zip(views, sent_probs)):
            out.append(np.zeros(len(v.tokens)))
            sents = None if only is None else only[k]
            mine = token_features(v, sp, sents)
            if mine:
                at = slice(None) if sents is None else np.concatenate(
                    [np.arange(a, b) for i, (_, _, _, a, b) in enumerate(v.sents) if i in sents])
                parts.append((k, at, len(rows), len(rows) + len(mine)))
                rows.extend(mine)
        if rows:
            probs = self.tok.predict_proba(hasher.transform(rows))[:, 1]
            for k, at, a, b in parts:
                out[k][at] = probs[a:b]
        return out

    def classify(self, views, spans, sent_emb, top: int = 2, unit_probs=None) -> list[list[list[tuple[str, float]]]]:
        """The `top` likeliest techniques and their probabilities for each given span, per view. `unit_probs`: per
        view the multi-task tagger's units per token, blended in by `blend` (round 16; `blend_probs`)."""
        X = span_matrix(views, spans, sent_emb, self.encoder)
        if X is None:
            return [[] for _ in views]
        proba = self.tech.predict_proba(X)
        if unit_probs is not None and self.blend > 0:
            parts, k = [], 0
            for v, ss, up in zip(views, spans, unit_probs):
                parts.append(blend_probs(proba[k:k + len(ss)], self.tech.classes_, ss, v, up, self.units, self.blend))
                k += len(ss)
            proba = np.vstack(parts)
        order = np.argsort(-proba, axis=1)[:, :top]
        labels = [[(str(self.tech.classes_[j]), float(proba[k, j])) for j in row] for k, row in enumerate(order)]
        out, k = [], 0
        for ss in spans:
            out.append(labels[k:k + len(ss)])
            k += len(ss)
        return out

    def rank(self, views, spans, sent_emb) -> list[list[list[str]]]:
        """Techniques of each span from most to least likely (for scoring on given spans)."""
        X = span_matrix(views, spans, sent_emb, self.encoder)
        if X is None:
            return [[] for _ in views]
        order = np.argsort(-self.tech.predict_proba(X), axis=1)
        ranked = [[str(self.tech.classes_[j]) for j in row] for row in order]
        out, k = [], 0
        for ss in spans:
            out.append(ranked[k:k + len(ss)])
            k += len(ss)
        return out

    def predict(self, views: list[DocView]) -> list[list[tuple[int, int, str, float]]]:
        """(start, end, technique, score) per view; score = span probability x technique probability."""
        sent_emb = self.sentence_embeddings(views)
        # the tagger's own probabilities only for a generator that reads them (the hot path builds no extra arrays)
        reads_tagger = self.generator is not None and "tagger" in getattr(self.generator, "features", ())
        unit_probs = None
        if self.blend > 0:  # the multi-task tagger's technique units, read in the same run (round 16)
            probs, lr, sp, tf, unit_probs = self._token_probs(views, sent_emb, with_units=True)
            tf = tf if reads_tagger else None
        else:
            probs, lr, sp, *tf = self._token_probs(views, sent_emb, with_tagger=reads_tagger)
            tf = tf[0] if tf else None
        found = [decode(v, p, self.thr_hi, self.thr_lo) for v, p in zip(views, probs)]
        spans = [[(s, e) for s, e, _ in f] for f in found]
        if self.verifier is None or self.keep.verify is None:
            techs = self.classify(views, spans, sent_emb, unit_probs=unit_probs)
        else:
            techs, verified = self.verify(views, spans, sent_emb, lr, sp)
            found = [[x for x, p in zip(f, vp) if p >= self.keep.verify] for f, vp in zip(found, verified)]
            techs = [[t for t, p in zip(tt, vp) if p >= self.keep.verify] for tt, vp in zip(techs, verified)]
        kept = [self.keep.apply(f, tt, v) for f, tt, v in zip(found, techs, views)]
        if self.generator is not None:
            tf = tf or [None] * len(views)
            kept = [sorted(k + self.generated(v, se, spv, lp, k, tp), key=lambda x: (x[0], x[1]))
                    for v, se, spv, lp, k, tp in zip(views, sent_emb, sp, lr, kept, tf)]
        return kept

    def generated(self, v: DocView, sent_emb: np.ndarray, sent_probs: np.ndarray, lr: np.ndarray,
                  kept: list[tuple], tag_probs: np.ndarray | None = None) -> list[tuple[int, int, str, float]]:
        """The generator's sentence spans of one view (round 13), none where a kept span of their technique
        overlaps. `tag_probs`: the tagger's word probabilities the stage mixed (round 14's features; a generator
        built on them gives 0 for them without a tagger)."""
        from .generator import feature_rows, technique_probs
        from ...training.ptc import TECHNIQUES
        if not v.sents:
            return []
        feats = tuple(getattr(self.generator, "features", ()))
        if "tagger" in feats and tag_probs is None:
            tag_probs = np.zeros(len(v.tokens))
        rows = feature_rows(v, sent_emb, sent_probs, lr, technique_probs(self.tech, v, sent_emb, TECHNIQUES),
                            self.cascade, tag_probs if "tagger" in feats else None, "neighbours" in feats)
        return self.generator.spans(v, self.generator.probs(rows), kept)

    def verify(self, views, spans, sent_emb, lr, sp, top: int = 2):
        """(the `top` likeliest techniques per span as `classify` gives them, the span verifier's probability
        that each span touches a gold span), per view; the spans' embeddings are encoded once for both."""
        from .verifier import feature_rows
        X, emb = span_matrix(views, spans, sent_emb, self.encoder, with_embeddings=True)
        if X is None:
            return [[] for _ in views], [np.zeros(0) for _ in views]
        proba = self.tech.predict_proba(X)
        order = np.argsort(-proba, axis=1)[:, :top]
        labels = [[(str(self.tech.classes_[j]), float(proba[k, j])) for j in row] for k, row in enumerate(order)]
        techs, verified, k = [], [], 0
        for v, ss, se, lp, spv in zip(views, spans, sent_emb, lr, sp):
            techs.append(labels[k:k + len(ss)])
            rows = feature_rows(v, ss, lp, spv, proba[k:k + len(ss)], emb[k:k + len(ss)], se,
                                self.verifier.categories)
            verified.append(self.verifier.probs(rows) if ss else np.zeros(0))
            k += len(ss)
        return techs, verified


def views_for(docs: list[tuple[str, list]]) -> list[DocView]:
    """DocViews for (text, parses) pairs."""
    lex = load_lexicon()
    return [DocView.build(text, parses, lex) for text, parses in docs]
