"""The sentence encoder and the tagger: their runtimes give the torch outputs, and each text is encoded once."""
from __future__ import annotations

import numpy as np
import pytest

from spinscope.resources import Resources, TextCache

TEXTS = ["The minister said the ceasefire would hold until Friday.",
         "Critics called the plan a betrayal of the nation's workers.",
         "Short one.",
         "The minister said the ceasefire would hold until Friday."]


def test_text_cache_keeps_the_most_recently_used():
    cache = TextCache(size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert (cache.hits, cache.misses) == (3, 1)


def test_each_distinct_text_is_encoded_once_per_process(monkeypatch):
    from spinscope import embed

    calls = []

    def fake_run(texts, batch_size):
        calls.append(list(texts))
        return np.vstack([np.full(embed.DIM, len(t), np.float32) for t in texts])

    monkeypatch.setattr(embed, "_run", fake_run)
    with Resources(private=True).activate():
        first = embed.encode(TEXTS)
        again = embed.encode(TEXTS[1:3] + ["A new sentence here."])
    assert calls == [TEXTS[:3], ["A new sentence here."]]  # the repeat inside the first call too
    assert first.shape == (4, embed.DIM) and (first[0] == first[3]).all()
    assert (again[:2] == first[1:3]).all() and again[2, 0] == len("A new sentence here.")
    assert embed.encode([]).shape == (0, embed.DIM)


def test_onnx_runtime_gives_the_sentence_transformers_embeddings(monkeypatch):
    from spinscope import embed, onnxrun

    monkeypatch.setenv("SPINSCOPE_CT2", "none")
    if not onnxrun.available():
        pytest.skip("onnxruntime is not installed")
    with Resources(private=True).activate():  # the default: int8 linear layers
        int8 = embed.encode(TEXTS)
        reference = embed.load_encoder().encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    monkeypatch.setenv("SPINSCOPE_INT8", "none")
    with Resources(private=True).activate():
        ours = embed.encode(TEXTS)
    assert np.abs(ours - reference).max() < 1e-4
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert (int8 * reference).sum(1).min() > 0.95  # close to float32, not equal


def test_an_int8_embedding_does_not_depend_on_the_other_texts_of_its_call(monkeypatch):
    from spinscope import embed, onnxrun

    monkeypatch.setenv("SPINSCOPE_CT2", "none")
    if not onnxrun.available() or not embed.encoder_int8():
        pytest.skip("the int8 ONNX encoder is not in use")
    others = ["A much longer sentence about the negotiations in Geneva, which dragged on for weeks "
              "while both delegations accused each other of stalling.", "Yes!"]
    with Resources(private=True).activate():
        alone = embed.encode(TEXTS[:1])
    with Resources(private=True).activate():
        mixed = embed.encode(others + TEXTS[:1])
    assert (alone[0] == mixed[2]).all()


def test_one_run_gives_the_embedding_and_the_piece_states_and_fills_the_cache(monkeypatch):
    import torch

    from spinscope import embed, onnxrun
    from spinscope.extract.events.sense import _token_encoder

    monkeypatch.setenv("SPINSCOPE_CT2", "none")
    if not onnxrun.available():
        pytest.skip("ONNX Runtime is not in use")
    text = TEXTS[0]
    with Resources(private=True).activate() as res:
        vec, states = embed.encode_states(text)
        before = res.embeddings.hits
        again = embed.encode([text])[0]
        assert res.embeddings.hits == before + 1  # not encoded a second time
    with Resources(private=True).activate():
        alone = embed.encode([text])[0]
    assert (vec == again).all() and (vec == alone).all()  # the same vector as a plain encode
    (ids, _), = embed.tokenizer().split([text])
    assert states.shape == (len(ids) + 2, embed.DIM)
    with torch.inference_mode():  # the fourth layer of the float32 model in torch: close, not equal in int8
        ref = _token_encoder().eval()(*(torch.from_numpy(a) for a in embed.pad([ids]))).numpy()[0]
    cos = (states * ref).sum(1) / np.linalg.norm(states, axis=1) / np.linalg.norm(ref, axis=1)
    assert cos.min() > (0.9 if embed.encoder_int8() else 0.9999)


def assert_onnx_tagger_matches_torch(monkeypatch, path: str, torch_tagger, mean_gap: float, max_gap: float,
                                     texts: list[str] = TEXTS) -> None:
    """The ONNX Runtime tagger of `path` gives `torch_tagger`'s word-piece probabilities over `texts`: to 1e-4 in
    float32, and within `mean_gap` on average and `max_gap` at worst with int8 linear layers (the default)."""
    from spinscope import onnxrun
    from spinscope.embed import pad, tokenizer
    from spinscope.spin.techniques.tagger import _piece_probs, tagger_session

    if not onnxrun.available():
        pytest.skip("onnxruntime is not installed")
    monkeypatch.setenv("SPINSCOPE_CT2", "none")
    ids, mask = pad([ids for ids, _ in tokenizer().split(texts)])
    live = mask.astype(bool)
    reference = _piece_probs(torch_tagger, ids, mask)
    with Resources(private=True).activate():  # the default: int8 linear layers, close to torch's float32
        int8 = _piece_probs(tagger_session(path), ids, mask)
    monkeypatch.setenv("SPINSCOPE_INT8", "none")
    with Resources(private=True).activate():
        ours = _piece_probs(tagger_session(path), ids, mask)
    assert ours.shape == ids.shape and np.abs(ours - reference)[live].max() < 1e-4
    gap = np.abs(int8 - reference)[live]
    assert gap.mean() < mean_gap and gap.max() < max_gap


def test_onnx_runtime_tagger_gives_the_torch_probabilities(monkeypatch):
    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE, load_tagger

    path = str(MODEL_DIR / TAGGER_FILE)
    assert_onnx_tagger_matches_torch(monkeypatch, path, load_tagger(path), 0.02, 0.1)


def _ct2_or_skip(name: str) -> None:
    from spinscope import ct2run
    if not ct2run.available(name):
        pytest.skip(f"CTranslate2 is not in use for the {name}")


OTHERS = ["A much longer sentence about the negotiations in Geneva, which dragged on for weeks while both "
          "delegations accused each other of stalling, and the mediators said so.", "Yes!", "Two words."]


def test_ctranslate2_gives_the_sentence_transformers_embeddings_each_of_its_own():
    from spinscope import embed

    _ct2_or_skip("encoder")
    with Resources(private=True).activate():
        assert embed.encoder_name().endswith("ct2-int8")
        ours = embed.encode(TEXTS)
        reference = embed.load_encoder().encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    with Resources(private=True).activate():  # texts of other lengths in the same runs: the same vector
        mixed = embed.encode(OTHERS * 3 + TEXTS[:1])
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * reference).sum(1).min() > 0.98 and not np.allclose(ours, reference, atol=1e-4)  # int8: close
    assert (mixed[-1] == ours[0]).all() and (ours[0] == ours[3]).all()


def test_ctranslate2_states_run_keeps_onnx_vectors_out_of_the_cache():
    from spinscope import embed, onnxrun

    _ct2_or_skip("encoder")
    if not onnxrun.available():
        pytest.skip("ONNX Runtime is not in use")
    with Resources(private=True).activate() as res:
        vec, _ = embed.encode_states(TEXTS[1])
        assert res.embeddings.get(TEXTS[1]) is None  # an ONNX Runtime vector never stands for a CTranslate2 one
        again = embed.encode([TEXTS[1]])[0]
    assert not (vec == again).all() and float(vec @ again) > 0.98


def test_ctranslate2_tagger_gives_the_torch_probabilities_each_window_of_its_own():
    from spinscope.embed import pad, tokenizer
    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE, CT2Tagger, _piece_probs, load_tagger, runtime_tagger

    _ct2_or_skip("tagger")
    path = str(MODEL_DIR / TAGGER_FILE)
    rows = [ids for ids, _ in tokenizer().split(TEXTS + OTHERS)]
    ids, mask = pad(rows)
    live = mask.astype(bool)
    reference = _piece_probs(load_tagger(path), ids, mask)
    with Resources(private=True).activate():
        tagger = runtime_tagger(path)
        assert isinstance(tagger, CT2Tagger)
        ours = _piece_probs(tagger, ids, mask)
        alone = _piece_probs(tagger, *pad(rows[:1]))
        mates = _piece_probs(tagger, *pad([rows[0], rows[4][:len(rows[0])], rows[3]]))  # one length, no padding
    gap = np.abs(ours - reference)[live]
    assert ours.shape == ids.shape and (ours[~live] == 0).all()
    assert gap.mean() < 0.01 and gap.max() < 0.1 and gap.max() > 0  # int8: close to float32, not equal
    # Batch-mates of its length change nothing, to the bit (padding may, on some CPUs: ct2run.runs, stop 43).
    assert (alone[0] == mates[0]).all() and (alone[0] == mates[2]).all()


def test_the_records_say_which_runtime_made_them(monkeypatch):
    from spinscope.onnxrun import runtime_signature

    _ct2_or_skip("encoder")
    both = runtime_signature()
    monkeypatch.setenv("SPINSCOPE_CT2", "tagger")
    tagger_only = runtime_signature()
    monkeypatch.setenv("SPINSCOPE_RUNTIME", "onnx")
    onnx = runtime_signature()
    assert len({both, tagger_only, onnx}) == 3 and "ctranslate2" not in onnx


def test_the_records_say_which_instruction_set_ctranslate2_ran(monkeypatch):
    """Round 17: CTranslate2's AVX512 kernels round some int8 activations otherwise than its AVX2 ones, so the
    records' models hash names the instruction set."""
    from spinscope import ct2run
    from spinscope.onnxrun import runtime_signature

    _ct2_or_skip("encoder")
    monkeypatch.delenv("CT2_FORCE_CPU_ISA", raising=False)
    monkeypatch.setenv("SPINSCOPE_CT2_ISA", "AVX2")
    avx2 = runtime_signature()
    monkeypatch.delenv("CT2_FORCE_CPU_ISA")
    monkeypatch.setenv("SPINSCOPE_CT2_ISA", "auto")
    auto = runtime_signature()
    assert "isa=AVX2" in avx2 and "isa=auto" in auto and ct2run.choose_isa() is None


def test_word_pieces_are_those_of_the_transformers_tokenizer():
    from transformers import AutoTokenizer

    from spinscope.embed import base_path, tokenizer

    texts = TEXTS + ["Ünïcödé naïve café — “quotes” 東京 🙂\tand  spaces ", "x" * 600]
    hf = AutoTokenizer.from_pretrained(str(base_path()), local_files_only=True)(
        texts, add_special_tokens=False, return_offsets_mapping=True)
    ours = tokenizer().split(texts)
    assert [ids for ids, _ in ours] == hf["input_ids"]
    assert [[tuple(o) for o in offs] for _, offs in ours] == [[tuple(o) for o in offs] for offs in hf["offset_mapping"]]


def test_runtime_torch_turns_onnx_off(monkeypatch):
    from spinscope import onnxrun

    monkeypatch.setenv("SPINSCOPE_RUNTIME", "torch")
    assert not onnxrun.available()
    monkeypatch.setenv("SPINSCOPE_TORCH_THREADS", "1")
    assert onnxrun.threads() == 1


def test_a_failed_export_leaves_torch_in_charge(tmp_path, monkeypatch, caplog):
    from spinscope import onnxrun

    if not onnxrun.available():
        pytest.skip("onnxruntime is not installed")
    monkeypatch.setenv("SPINSCOPE_CACHE", str(tmp_path))

    def broken():
        raise RuntimeError("no such layer")

    with Resources(private=True).activate():
        assert onnxrun.session("broken", [], broken) is None
    assert "running torch" in caplog.text
    assert not list(tmp_path.rglob("*.onnx"))


def test_loading_the_base_model_prints_no_progress_bar(capfd):
    """The first run after installing exports the encoder from the installed weights: nothing of that load
    may reach the CLI's stderr (transformers draws a "Loading weights" bar unless told not to)."""
    from spinscope.embed import base_bert

    base_bert()
    assert "Loading weights" not in capfd.readouterr().err


def test_two_processes_quantizing_one_export_do_not_share_a_scratch_file(tmp_path, monkeypatch):
    # The workers of a first `batch --workers 2` export the tagger at once and each quantizes the shared
    # export; onnxruntime's quantizer writes and deletes NAME-inferred.onnx beside its input. Here the second
    # worker's whole quantization runs while the first is between writing that file and reading it.
    import onnx
    import torch

    from spinscope import onnxrun

    if not onnxrun.available():
        pytest.skip("onnxruntime is not installed")

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding(16, 8)
            self.out = torch.nn.Linear(8, 3)

        def forward(self, ids, mask):
            return self.out(self.emb(ids) * mask.unsqueeze(-1)).sum(1)

    shared = tmp_path / "tiny.onnx"
    onnxrun.export(Tiny(), shared)
    real = onnx.shape_inference.infer_shapes_path
    other = []

    def interleaved(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        if not other:  # the other worker, start to finish, in between
            other.append(tmp_path / "tiny-int8.222.tmp")
            onnxrun.quantize(shared, other[0])

    monkeypatch.setattr(onnx.shape_inference, "infer_shapes_path", interleaved)
    onnxrun.quantize(shared, tmp_path / "tiny-int8.111.tmp")
    for target in (tmp_path / "tiny-int8.111.tmp", other[0]):
        assert onnx.load(str(target)).graph.node
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny-int8.111.tmp", "tiny-int8.222.tmp", "tiny.onnx"]


def test_events_states_from_the_four_layers_alone_equal_the_whole_encoders():
    from spinscope import embed, onnxrun
    from spinscope.extract.events import sense

    _ct2_or_skip("encoder")
    if not onnxrun.available():
        pytest.skip("ONNX Runtime is not in use")
    (ids, _), = embed.tokenizer().split([TEXTS[1]])
    with Resources(private=True).activate():
        alone = sense._states(TEXTS[1], ids)  # the four-layer export (CTranslate2 gives the vectors)
        _, whole = embed.encode_states(TEXTS[1], ids)  # the whole encoder's run, as without CTranslate2
    assert alone.shape == (len(ids), embed.DIM) and (alone == whole[1:len(ids) + 1]).all()


def test_ctranslate2_runs_hold_rows_of_one_length_within_the_budget():
    from spinscope import ct2run

    # Stop 43: a run holds rows of one length only (no padding), in length order, while rows x length fit
    # RUN_PIECES and RUN_ROWS; a row longer than the budget runs alone.
    # Stop 44: the budget is 512 pieces and 64 rows (fewer calls: oneDNN packs the weights at every call).
    assert (ct2run.RUN_PIECES, ct2run.RUN_ROWS) == (512, 64)
    lengths = [3] * 9 + [5] * 70 + [100, 60, 300, 4, 60] + [60] * 7
    got = ct2run.runs(lengths)
    assert sorted(i for r in got for i in r) == list(range(len(lengths)))
    assert [lengths[i] for r in got for i in r] == sorted(lengths)
    for r in got:
        assert len({lengths[i] for i in r}) == 1  # one length a run
        assert len(r) <= ct2run.RUN_ROWS and (len(r) == 1 or len(r) * lengths[r[0]] <= ct2run.RUN_PIECES)
    assert [[lengths[i] for i in r] for r in got] == [[3] * 9, [4], [5] * 64, [5] * 6, [60] * 8, [60], [100], [300]]
    assert ct2run.runs([]) == [] and ct2run.runs([2]) == [[0]]


def test_ctranslate2_states_do_not_depend_on_the_run():
    from spinscope import ct2run, embed

    _ct2_or_skip("encoder")

    def states(model, rows, runs):
        out = [None] * len(rows)
        for run in runs:
            got = ct2run.last_states(model, [rows[i] for i in run])
            for j, i in enumerate(run):
                out[i] = got[j, :len(rows[i])]
        return out

    with Resources(private=True).activate():
        model = embed.encoder_ct2()
        texts = TEXTS + OTHERS + ["Two", "Yes", "Peace now.", "War again.", "Critics called the plan a failure."]
        rows = [[101, *ids, 102] for ids, _ in embed.tokenizer().split(texts)]
        alone = states(model, rows, [[i] for i in range(len(rows))])
        packed = states(model, rows, ct2run.runs([len(r) for r in rows]))
        reversed_ = states(model, rows[::-1], ct2run.runs([len(r) for r in rows[::-1]]))[::-1]
    assert max(len(r) for r in ct2run.runs([len(r) for r in rows])) > 1  # some rows do share a run
    for a, p, q in zip(alone, packed, reversed_):
        assert (a == p).all() and (a == q).all()  # to the bit, whatever the run-mates


def test_ctranslate2_states_of_a_full_run_of_one_length_are_each_rows_own():
    """Stop 44: a run of one length now holds up to 64 rows (RUN_ROWS); each row's states in the fullest run are
    those it gets alone, to the bit."""
    from spinscope import ct2run, embed

    _ct2_or_skip("encoder")
    words = "the plan failed because critics said officials had warned about war and peace again now".split()
    rows = [[101, *[2000 + (7 * k + 3 * j) % 900 for j in range(6)], 102] for k in range(ct2run.RUN_ROWS)]
    rows[5] = [101, *embed.tokenizer().split([" ".join(words[:6])])[0][0][:6], 102]
    assert len({len(r) for r in rows}) == 1 and ct2run.runs([len(r) for r in rows]) == [list(range(len(rows)))]
    with Resources(private=True).activate():
        model = embed.encoder_ct2()
        packed = ct2run.last_states(model, rows)
        for i in (0, 5, len(rows) - 1):
            assert (ct2run.last_states(model, [rows[i]])[0] == packed[i]).all()


def test_ctranslate2_runs_its_kernels_in_avx512_where_the_cpu_has_it(monkeypatch):
    """Round 17 (docs/speed.md): CTranslate2 picks AVX2 for its own kernels on a CPU with AVX512; the models
    load with $CT2_FORCE_CPU_ISA=AVX512 where the CPU has it, unless the user chose (CT2_FORCE_CPU_ISA, or
    $SPINSCOPE_CT2_ISA: another ISA, or auto for CTranslate2's own choice)."""
    from spinscope import ct2run

    avx512 = {"avx2", "avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq"}
    monkeypatch.delenv("CT2_FORCE_CPU_ISA", raising=False)
    monkeypatch.delenv("SPINSCOPE_CT2_ISA", raising=False)
    monkeypatch.setattr(ct2run, "cpu_flags", lambda: avx512)
    assert ct2run.choose_isa() == "AVX512" and __import__("os").environ["CT2_FORCE_CPU_ISA"] == "AVX512"
    monkeypatch.setenv("CT2_FORCE_CPU_ISA", "GENERIC")
    assert ct2run.choose_isa() == "GENERIC"  # the user's setting wins
    monkeypatch.delenv("CT2_FORCE_CPU_ISA")
    monkeypatch.setattr(ct2run, "cpu_flags", lambda: {"avx2", "avx512f"})  # not all of AVX512's parts
    assert ct2run.choose_isa() is None and "CT2_FORCE_CPU_ISA" not in __import__("os").environ
    monkeypatch.setattr(ct2run, "cpu_flags", lambda: avx512)
    monkeypatch.setenv("SPINSCOPE_CT2_ISA", "auto")
    assert ct2run.choose_isa() is None and "CT2_FORCE_CPU_ISA" not in __import__("os").environ
    monkeypatch.setenv("SPINSCOPE_CT2_ISA", "avx2")
    assert ct2run.choose_isa() == "AVX2"
