"""Round 13c (stop 45) of the techniques layer: the fine-tuned multi-label sentence classifier, tried and off
(`training/sentclf.py`); texts written here."""
from __future__ import annotations

import numpy as np
import pytest

import spinscope.training.generator as G
from spinscope.embed import tokenizer
from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.generator import LONG, Generator, trimmed
from spinscope.spin.techniques.model import MODEL_DIR, views_for
from spinscope.training import sentclf
from spinscope.training.sentclf import (GRID, MAX_PIECES, classifier_probs, pair_pieces, sentence_pairs, stability,
                                        train_classifier, train_sentclf)

from .test_techniques import LOADED, NEUTRAL, _doc

DOUBT = "Is it really true that the minister knew nothing about the deal?"
LONG_SENT = " ".join(["The committee reviewed the budget line by line"] * 30) + "."


@pytest.fixture(scope="module")
def view():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    d = pipe(_doc(NEUTRAL, DOUBT, LOADED))
    return views_for([(d.text, d.parses)])[0]


def test_sentence_pairs_take_the_previous_sentence_of_the_same_part(view):
    pairs = sentence_pairs(view)
    assert len(pairs) == len(view.sents) >= 4
    for i, ((s, e, kind, *_), (text, prev)) in enumerate(zip(view.sents, pairs)):
        assert text == view.text[s:e]
        if i == 0 or view.sents[i - 1][2] != kind:
            assert prev is None
        else:
            assert prev == view.text[view.sents[i - 1][0]:view.sents[i - 1][1]]
    assert pairs[0][1] is None  # the title has nothing before it
    body0 = next(i for i, s in enumerate(view.sents) if s[2] != view.sents[0][2])
    assert pairs[body0][1] is None  # the body's first sentence does not read the title


def test_pair_pieces_cut_the_context_first():
    tok = tokenizer()
    sent = tok.split([DOUBT])[0][0]
    assert pair_pieces(DOUBT, None) == sent
    both = pair_pieces(DOUBT, NEUTRAL)
    assert both[:len(sent)] == sent and both[len(sent)] == tok.sep_token_id
    assert both[len(sent) + 1:] == tok.split([NEUTRAL])[0][0]
    short = pair_pieces(DOUBT, LONG_SENT, max_pieces=len(sent) + 10)
    assert short[:len(sent)] == sent and len(short) == len(sent) + 8  # room = max - [CLS] - [SEP]
    long_only = pair_pieces(LONG_SENT, NEUTRAL)
    assert len(long_only) == MAX_PIECES - 2 and tok.sep_token_id not in long_only  # no room left for the context


def test_train_and_probs_are_seeded_and_shaped():
    rows = [pair_pieces(s, p) for s, p in [(DOUBT, None), (NEUTRAL, DOUBT), (LOADED, None), (NEUTRAL, None)]]
    y = np.zeros((4, len(LONG)), np.float32)
    y[0, 0] = y[2, 3] = 1
    quiet = dict(epochs=1, batch_size=2, log=lambda m: None)
    a = classifier_probs(train_classifier(rows, y, **quiet), rows)
    b = classifier_probs(train_classifier(rows, y, **quiet), rows)
    assert a.shape == (4, len(LONG)) and ((a > 0) & (a < 1)).all()
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError):
        train_classifier(rows, y[:3], **quiet)


def test_stability_uses_the_low_grid_and_restores_round_13s(view):
    n = len(view.sents)
    i = next(i for i in range(n) if "really true" in view.sent_text(i))
    s, e = trimmed(view, i)
    k = len(LONG)
    shell = Generator(LONG, np.zeros(1), np.ones(1), np.zeros((k, 1)), np.zeros(k), np.full(k, np.nan))
    probs = np.full((n, k), 0.01)
    probs[i, 0] = 0.07  # below round 13's grid (0.2 ...), inside 13c's (0.05 ...)
    gold = [(s, e, "Doubt")]
    old = G.GRID
    res = stability(shell, [view, view], [probs, probs], [[], []], [gold, gold], halves_at=1)
    assert G.GRID == old and GRID[0] == 0.05
    assert res["baseline"]["span_f1"] == 0
    assert res["S"]["passes"] and res["S"]["thresholds"][0] <= 0.07 and res["S"]["span_f1"] == 1.0
    none = stability(shell, [view, view], [np.full((n, k), 0.01)] * 2, [[], []], [gold, gold], halves_at=1)
    assert not none["S"]["passes"] and not none["P"]["passes"]


def test_it_is_never_written_into_the_packaged_model(tmp_path):
    with pytest.raises(ValueError):
        train_sentclf(tmp_path, MODEL_DIR)
    assert not (MODEL_DIR / sentclf.WEIGHTS_FILE).exists()
