"""The distilled, narrower techniques tagger (docs/techniques.md, round 9): a student keeps some of the shipped
tagger's layers, loads and exports like the tagger, and is trained only on texts outside the held-out parts."""
from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from spinscope.resources import Resources

TEXTS = ["The senator said the new tariffs would bring the factories home by spring.",
         "Opponents called the scheme a shameful surrender to foreign lobbyists.",
         "It rained."]


@pytest.fixture(scope="module")
def student_file(tmp_path_factory):
    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE, save_trained
    from spinscope.training.distil import student_from

    model = student_from(MODEL_DIR / TAGGER_FILE, (0, 2, 5))
    path = tmp_path_factory.mktemp("student") / "student.safetensors"
    save_trained(model, path)
    return str(path)


def test_a_student_keeps_the_chosen_layers_of_the_teacher():
    import torch

    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE, load_tagger
    from spinscope.training.distil import student_from

    teacher = load_tagger.uncached(str(MODEL_DIR / TAGGER_FILE))
    student = student_from(MODEL_DIR / TAGGER_FILE, (0, 2, 5))
    assert len(student.bert.encoder.layer) == 3 and student.bert.config.num_hidden_layers == 3
    for mine, theirs in zip(student.bert.encoder.layer, [teacher.bert.encoder.layer[i] for i in (0, 2, 5)]):
        assert all(torch.equal(a, b) for a, b in zip(mine.state_dict().values(), theirs.state_dict().values()))
    assert torch.equal(student.head.weight, teacher.head.weight)
    with pytest.raises(ValueError):
        student_from(MODEL_DIR / TAGGER_FILE, (2, 0))
    with pytest.raises(ValueError):
        student_from(MODEL_DIR / TAGGER_FILE, (0, 6))


def test_a_saved_student_loads_with_its_own_number_of_layers(student_file):
    from spinscope.embed import pad, tokenizer
    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE, _piece_probs, file_layers, load_tagger

    assert file_layers(student_file) == 3 and file_layers(str(MODEL_DIR / TAGGER_FILE)) == 6
    student = load_tagger.uncached(student_file)
    assert len(student.bert.encoder.layer) == 3
    ids, mask = pad([ids for ids, _ in tokenizer().split(TEXTS)])
    mine = _piece_probs(student, ids, mask)
    teacher = _piece_probs(load_tagger.uncached(str(MODEL_DIR / TAGGER_FILE)), ids, mask)
    assert mine.shape == teacher.shape and not np.allclose(mine, teacher)  # three layers are another model


def test_onnx_runtime_student_gives_the_torch_probabilities(student_file, monkeypatch):
    from spinscope.spin.techniques.tagger import load_tagger

    from .test_embed import assert_onnx_tagger_matches_torch
    assert_onnx_tagger_matches_torch(monkeypatch, student_file, load_tagger.uncached(student_file), 0.03, 0.15,
                                     texts=TEXTS)


def test_training_moves_the_student_towards_the_teacher_targets(student_file):
    import torch

    from spinscope.embed import pad, tokenizer
    from spinscope.spin.techniques.tagger import _piece_probs, load_tagger
    from spinscope.training.distil import train_student

    wins = [ids for ids, _ in tokenizer().split(TEXTS)]
    targets = [np.full(len(w), 0.9 if k == 1 else 0.05, dtype=np.float16) for k, w in enumerate(wins)]
    model = load_tagger.uncached(student_file)
    ids, mask = pad(wins)
    before = _piece_probs(model, ids, mask)
    torch.manual_seed(0)
    model, losses = train_student(model, wins, targets, epochs=8, lr=3e-4, batch_size=3, log=lambda m: None)
    after = _piece_probs(model, ids, mask)
    live = [slice(1, 1 + len(w)) for w in wins]
    gap = lambda p: np.mean([np.abs(p[r, s] - t).mean() for r, (s, t) in enumerate(zip(live, targets))])  # noqa: E731
    assert len(losses) == 8 and losses[-1] < losses[0]
    assert gap(after) < gap(before)


def _write_corpus(root):
    (root / "polnear" / "train" / "text").mkdir(parents=True)
    (root / "polnear" / "dev" / "text").mkdir(parents=True)
    (root / "polnear" / "train" / "text" / "a1.txt").write_text("Train story\nThe mayor opened a bridge.\n")
    (root / "polnear" / "dev" / "text" / "d1.txt").write_text("Dev story\nHeld out, never read.\n")
    (root / "lgl" / "text").mkdir(parents=True)
    from spinscope.training.distil import dragnet_part, lgl_split
    files = [f"text/{n}.txt" for n in range(12)]
    for f in files:
        (root / "lgl" / f).write_text(f"Local news {f}\nA street fair in town.\n")
    (root / "lgl" / "gold.json").write_text(json.dumps({"source": "x", "docs": [{"file": f} for f in files]}))
    (root / "articlebench").mkdir()
    (root / "articlebench" / "ground-truth.json").write_text(json.dumps(
        {"04a6711cffff": {"articleBody": "Held by the examples audit."}, "aaaa": {"articleBody": "Page text here."}}))
    (root / "dragnet").mkdir()
    pages = [str(n) for n in range(20)]
    with gzip.open(root / "dragnet" / "gold.jsonl.gz", "wt", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps({"id": p, "split": "train", "content": f"Blog page {p}\nSome words."}) + "\n")
    return files, pages, lgl_split, dragnet_part


def test_unlabelled_texts_leave_out_every_held_out_part(tmp_path):
    from spinscope.training.distil import unlabelled_texts

    files, pages, lgl_split, dragnet_part = _write_corpus(tmp_path)
    ids = [a.id for a in unlabelled_texts(tmp_path)]
    assert "polnear:a1" in ids and not any("d1" in i for i in ids)
    lgl = {i.split(":", 1)[1] for i in ids if i.startswith("lgl:")}
    assert lgl == {f for f in files if lgl_split(f) == "dev"} and 0 < len(lgl) < len(files)
    drag = {i.split(":", 1)[1] for i in ids if i.startswith("dragnet:")}
    assert drag == {p for p in pages if dragnet_part(p) == "dev"} and 0 < len(drag) < len(pages)
    assert "articlebench:aaaa" in ids and "articlebench:04a6711cffff" not in ids


def test_the_splits_are_those_of_the_benches():
    """One split rule, read by the benches and by the training (a copy of it could drift)."""
    import bench.dragnet
    import bench.lgl

    from spinscope.training import distil, splits

    assert bench.lgl.split_of is splits.lgl_split is distil.lgl_split
    assert bench.dragnet.part_of is splits.dragnet_part is distil.dragnet_part


def test_ptc_texts_are_folds_one_to_four_only(tmp_path):
    from spinscope.training.distil import ptc_train_folds
    from spinscope.training.ptc import heldout_ids, read_ptc
    from spinscope.training.techniques import _folds

    held = sorted(heldout_ids())[:3]
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    free = [str(900000 + n) for n in range(20)]
    for aid in held + free:
        (tmp_path / "articles" / f"article{aid}.txt").write_text(f"Title {aid}\nBody.\n")
    got = [a.id for a in ptc_train_folds(tmp_path)]
    arts = [a for a in read_ptc(tmp_path) if a.id not in heldout_ids()]
    fold = _folds(len(arts), 5, 13)
    assert got == [a.id for a, f in zip(arts, fold) if f != 0]
    assert not set(got) & set(held) and len(got) == 16


def test_teacher_targets_are_cached_and_remade_for_another_teacher(tmp_path, monkeypatch, student_file):
    from spinscope.spin.techniques.model import MODEL_DIR
    from spinscope.spin.techniques.tagger import TAGGER_FILE
    from spinscope.training import distil

    _write_corpus(tmp_path / "corpus")
    calls = []
    monkeypatch.setattr(distil, "student_windows", lambda arts, window, log: calls.append(len(arts)) or [[2023, 2047]])
    cache = tmp_path / "targets.pkl"
    with Resources(private=True).activate():
        wins, targets, about = distil.prepare(tmp_path / "corpus", MODEL_DIR / TAGGER_FILE, cache, log=lambda m: None)
        assert wins == [[2023, 2047]] and targets[0].dtype == np.float16 and targets[0].shape == (2,)
        again = distil.prepare(tmp_path / "corpus", MODEL_DIR / TAGGER_FILE, cache, log=lambda m: None)
        assert len(calls) == 1 and np.array_equal(again[1][0], targets[0])
        distil.prepare(tmp_path / "corpus", student_file, cache, log=lambda m: None)
    assert len(calls) == 2
