"""Issue 15, round 7 (stop 31): can PACKING many texts into one int8 run cut the encoder's CPU? (tried, not kept)

Builds, from the installed all-MiniLM-L6-v2 weights, a MiniLM graph whose row-local work (embeddings, linear
layers, layer norms, GELU) runs on the word pieces of all texts of a run flattened to (pieces, 384), and whose
attention runs on a (texts, widest text) gather of them with a key mask (ONNX Runtime's MultiHeadAttention), so
each text attends only to itself and starts at position 0. The linear layers run int8 with one symmetric scale per
word piece (per-token activations, `QuantizeLinear` per axis, uint8 with zero point 128) and per-column int8
weights (`MatMulIntegerToFloat` with the row scales as a (pieces, 1) `a_scale`; its bias input is NOT used: with a
non-scalar a_scale ONNX Runtime 1.31 gives wrong sums when a bias is fused, so the bias is a separate Add).

Then it checks, on sentences of PTC training articles (never the held-out split): float32 vectors against the
torch model; whether a text's int8 vector is bit-for-bit the same alone and in packs of random mates; the cosine
of the shipped and of the per-token int8 vectors to float32; and the CPU seconds (one thread) of the shipped
graph one text per run against the packed graph (texts of each article packed, or all sorted by length) and of
tagger-like windows (<= 64 pieces). docs/speed.md, "Round 9 (stop 31)", has the figures.

    env OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python bench/packed_int8.py [--sentences 500]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def build(bert, path, states_layer: int = 4, int8: bool = True) -> None:
    """Write the packed graph (inputs ids, pos, gidx, kmask, back; outputs output and states, (pieces, 384))."""
    import onnx
    from onnx import TensorProto as TP
    from onnx import helper, numpy_helper

    sd = {k: v.detach().float().numpy() for k, v in bert.state_dict().items()}
    cfg = bert.config
    dim, heads, eps = cfg.hidden_size, cfg.num_attention_heads, cfg.layer_norm_eps
    nodes, inits, count, qcache = [], [], [0], {}

    def name(p):
        count[0] += 1
        return f"{p}_{count[0]}"

    def const(arr, p="c"):
        n = name(p)
        inits.append(numpy_helper.from_array(np.asarray(arr), n))
        return n

    def op(t, ins, domain=None, **attrs):
        out = name(t)
        nodes.append(helper.make_node(t, ins, [out], domain=domain, **attrs))
        return out

    c127, ceps, zero, c128 = (const(np.float32(v)) for v in (1 / 127, 1e-30, 0, 128))
    zq, ax1 = const(np.uint8(128)), const(np.array([1], np.int64))

    def quant(x):  # one symmetric int8 scale per word piece, stored as uint8 + 128
        if x not in qcache:
            m = op("Max", [op("ReduceMax", [x], axes=[-1], keepdims=0),
                           op("Neg", [op("ReduceMin", [x], axes=[-1], keepdims=0)])])
            s = op("Mul", [op("Max", [m, ceps]), c127])
            zp = op("Cast", [op("Add", [op("Mul", [s, zero]), c128])], to=TP.UINT8)
            qcache[x] = (op("QuantizeLinear", [x, s, zp], axis=0), op("Unsqueeze", [s, ax1]))
        return qcache[x]

    def linear(x, pre, bias=True):
        w, b = sd[pre + ".weight"].T.copy(), sd[pre + ".bias"]
        if int8:
            q, s = quant(x)
            cs = np.maximum(np.abs(w).max(0), 1e-30) / 127
            wq = np.clip(np.round(w / cs), -127, 127).astype(np.int8)
            y = op("MatMulIntegerToFloat", [q, const(wq, "w"), s, const(cs.astype(np.float32), "cs"), zq],
                   domain="com.microsoft")
        else:
            y = op("MatMul", [x, const(w, "w")])
        return op("Add", [y, const(b, "b")]) if bias else (y, b)

    def norm(x, pre):
        return op("LayerNormalization", [x, const(sd[pre + ".weight"]), const(sd[pre + ".bias"])], axis=-1, epsilon=eps)

    e = "embeddings."
    x = op("Add", [op("Add", [op("Gather", [const(sd[e + "word_embeddings.weight"]), "ids"]),
                              op("Gather", [const(sd[e + "position_embeddings.weight"]), "pos"])]),
                   const(sd[e + "token_type_embeddings.weight"][0])])
    x = states = norm(x, e + "LayerNorm")
    for i in range(cfg.num_hidden_layers):
        p = f"encoder.layer.{i}."
        qkv = [linear(x, p + f"attention.self.{n}", bias=False) for n in ("query", "key", "value")]
        bias = np.concatenate([b for _, b in qkv]).astype(np.float32)
        q, k, v = (op("Gather", [y, "gidx"]) for y, _ in qkv)
        ctx = op("MultiHeadAttention", [q, k, v, const(bias), "kmask"], domain="com.microsoft", num_heads=heads)
        c = op("Gather", [op("Reshape", [ctx, const(np.array([-1, dim], np.int64))]), "back"])
        x = norm(op("Add", [linear(c, p + "attention.output.dense"), x]), p + "attention.output.LayerNorm")
        h = op("Gelu", [linear(x, p + "intermediate.dense")], domain="com.microsoft")
        x = norm(op("Add", [linear(h, p + "output.dense"), x]), p + "output.LayerNorm")
        if i + 1 == states_layer:
            states = x
    nodes += [helper.make_node("Identity", [x], ["output"]), helper.make_node("Identity", [states], ["states"])]
    ins = [helper.make_tensor_value_info(n, t, s) for n, t, s in (
        ("ids", TP.INT64, ["T"]), ("pos", TP.INT64, ["T"]), ("gidx", TP.INT64, ["B", "W"]),
        ("kmask", TP.INT32, ["B", "W"]), ("back", TP.INT64, ["T"]))]
    outs = [helper.make_tensor_value_info(n, TP.FLOAT, ["T", dim]) for n in ("output", "states")]
    model = helper.make_model(helper.make_graph(nodes, "packed_minilm", ins, outs, inits), ir_version=9,
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    onnx.save(model, str(path))


def inputs(pieces, cls, sep):
    """The packed graph's inputs for texts' word pieces (no [CLS]/[SEP]); each text's first row and length."""
    n = [len(p) + 2 for p in pieces]
    total, width = sum(n), max(n)
    ids, pos, back = (np.empty(total, np.int64) for _ in range(3))
    gidx = np.zeros((len(pieces), width), np.int64)
    kmask = np.zeros((len(pieces), width), np.int32)
    o, starts = 0, []
    for b, p in enumerate(pieces):
        m = len(p) + 2
        ids[o], ids[o + 1:o + m - 1], ids[o + m - 1] = cls, p, sep
        pos[o:o + m] = np.arange(m)
        gidx[b, :m] = np.arange(o, o + m)
        kmask[b, :m] = 1
        back[o:o + m] = b * width + np.arange(m)
        starts.append(o)
        o += m
    return dict(ids=ids, pos=pos, gidx=gidx, kmask=kmask, back=back), np.array(starts), np.array(n)


def session(path):
    import onnxruntime as ort
    o = ort.SessionOptions()
    o.intra_op_num_threads = o.inter_op_num_threads = 1
    o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    o.log_severity_level = 3
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"])


def fastest(fn, rounds=5):
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def packs(order, lengths, limit):
    group, total = [], 0
    for i in order:
        if group and total + lengths[i] + 2 > limit:
            yield group
            group, total = [], 0
        group.append(i)
        total += lengths[i] + 2
    if group:
        yield group


def main() -> None:
    import torch
    import yaml

    from spinscope import embed
    from spinscope.resources import Resources

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=500)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    torch.set_num_threads(1)
    held = set(yaml.safe_load((ROOT / "src/spinscope/data/techniques/split.yaml").read_text())["heldout"])
    files = [f for f in sorted((args.shared / "corpus/ptc/articles").glob("*.txt")) if f.stem[7:] not in held]
    sents, art = [], []
    for a, f in enumerate(files[40:]):  # training articles only, past the bench's first 40 files
        lines = [x.strip() for x in f.read_text().splitlines() if x.strip()]
        sents += lines
        art += [a] * len(lines)
        if len(sents) >= args.sentences:
            break
    tok = embed.tokenizer()
    pieces = [ids[:embed.MAX_PIECES - 2] for ids, _ in tok.split(sents)]
    lengths = [len(p) for p in pieces]
    print(f"{len(sents)} sentences of {len(set(art))} PTC training articles, {np.mean(lengths):.1f} pieces on average")

    def pooled(sess, group):
        feed, starts, n = inputs([pieces[i] for i in group], tok.cls_token_id, tok.sep_token_id)
        h = sess.run(["output"], feed)[0]
        v = np.add.reduceat(h, starts, axis=0) / n[:, None]
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    with tempfile.TemporaryDirectory() as tmp, Resources(private=True).activate():
        bert = embed.base_bert()
        build(bert, Path(tmp) / "f32.onnx", int8=False)
        build(bert, Path(tmp) / "int8.onnx")
        f32, i8 = session(Path(tmp) / "f32.onnx"), session(Path(tmp) / "int8.onnx")
        shipped = embed.encoder_session()
        with torch.inference_mode():
            model = embed._pooled_encoder().eval()
            ref = np.vstack([model(*(torch.from_numpy(a) for a in embed.pad([p])))[0].numpy() for p in pieces])
        every = list(range(len(pieces)))

        def run_old(ids):  # the shipped graph, one text per run
            return shipped.run(["output"], dict(zip(["input_ids", "attention_mask"], embed.pad([ids]))))[0]

        gap = max(np.abs(pooled(f32, every[k:k + 16]) - ref[k:k + 16]).max() for k in range(0, len(every), 16))
        print(f"float32 packed graph, all texts in packs of 16, against torch: largest difference {gap:.2g}")
        solo = np.vstack([pooled(i8, [i]) for i in every])
        old = np.vstack([run_old(p) for p in pieces])
        for label, v in (("shipped int8 (one scale per run)", old), ("per-token int8", solo)):
            cos = (v * ref).sum(1)
            print(f"cosine to float32, {label}: mean {cos.mean():.4f}, lowest {cos.min():.4f}")
        for size in (8, 16, 32):
            order = np.random.default_rng(size).permutation(len(pieces))
            mixed = np.zeros_like(solo)
            for k in range(0, len(order), size):
                mixed[order[k:k + size]] = pooled(i8, list(order[k:k + size]))
            gap = np.abs(mixed - solo).max()
            print(f"packs of {size} random texts: largest difference to the text alone {gap:.3g}")
        by_len = np.argsort(lengths, kind="stable")
        t_old = fastest(lambda: [run_old(p) for p in pieces])
        t_solo = fastest(lambda: [pooled(i8, [i]) for i in every])
        print(f"CPU s, one thread, fastest of 5: shipped graph one text per run {t_old:.3f}; "
              f"per-token graph one text per run {t_solo:.3f}")
        for limit in (64, 128, 256, 512):
            per_article = [g for a in sorted(set(art))
                           for g in packs([i for i in by_len if art[i] == a], lengths, limit)]
            everything = list(packs(by_len, lengths, limit))
            t_art = fastest(lambda: [pooled(i8, g) for g in per_article])
            t_all = fastest(lambda: [pooled(i8, g) for g in everything])
            print(f"  packs of <= {limit} pieces: each article's texts sorted by length {t_art:.3f} "
                  f"({len(per_article)} runs); all texts sorted by length {t_all:.3f} ({len(everything)} runs)")
        # tagger-like windows: consecutive sentences of an article packed to <= 64 pieces
        wins, cur = [], []
        for a in sorted(set(art)):
            for i in (i for i in every if art[i] == a):
                if cur and len(cur) + lengths[i] > 64:
                    wins.append(cur)
                    cur = []
                cur = cur + pieces[i][:64]
            if cur:
                wins.append(cur)
                cur = []
        wl = [len(w) for w in wins]
        order = np.argsort(wl, kind="stable")

        def run_packed(group):
            return i8.run(["output"], inputs([wins[i] for i in group], tok.cls_token_id, tok.sep_token_id)[0])

        t_win = fastest(lambda: [run_old(w) for w in wins])
        t_packed = {lim: fastest(lambda: [run_packed(g) for g in packs(order, wl, lim)]) for lim in (256, 512)}
        packed = "; ".join(f"packed <= {lim}, sorted {t:.3f}" for lim, t in t_packed.items())
        print(f"{len(wins)} windows of <= 64 pieces ({np.mean(wl):.1f} on average): shipped graph one per run "
              f"{t_win:.3f}; {packed}")


if __name__ == "__main__":
    main()
