"""Round 17 (stop 51) of the techniques layer: a multi-task tagger trained from the start (`train_tagger(techniques=)`,
`spinscope train techniques --tagger-units techniques`); texts and corpus made up here."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.model import views_for
from spinscope.spin.techniques.tagger import (TAGGER_FILE, char_inside, file_units, piece_labels, runtime_tagger,
                                              save_tagger, token_probs, train_tagger, windows)
from spinscope.training.ptc import TECHNIQUES, Article

from .test_techniques import _doc

UNITS = ("any", *TECHNIQUES)
SLUR = "those crooked swindlers of Brackenford"
PLAIN = "The harbour board of Brackenford met on a Wednesday to read the budget."
DOUBT = "Can anyone still believe a word the harbour board says?"


@pytest.fixture(scope="module")
def view_and_gold():
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    doc = pipe(_doc(PLAIN, f"The mayor called them {SLUR}. {DOUBT}", PLAIN, title="Harbour news"))
    text = doc.text
    view = views_for([(doc.text, doc.parses)])[0]
    s, d = text.index(SLUR), text.index(DOUBT)
    return view, [(s, s + len(SLUR), "Name_Calling,Labeling"), (d, d + len(DOUBT), "Doubt")]


def test_a_multi_task_tagger_starts_its_technique_units_at_their_share_and_learns_a_head_per_unit(view_and_gold,
                                                                                                  tmp_path):
    view, gold = view_and_gold
    seen = []
    # lr 0: the weights stay where they started, so the head's start can be read after "training"
    model = train_tagger([view], [gold], seed=13, epochs=1, lr=0.0, layers=1, techniques=TECHNIQUES,
                         after_epoch=lambda ep, m, secs: seen.append(ep), log=lambda m: None)
    assert seen == [1] and model.head.out_features == len(UNITS)
    (ids, offs), = windows(view)
    for j, t in enumerate(TECHNIQUES, start=1):
        share = piece_labels(offs, char_inside(len(view.text), [g for g in gold if g[2] == t])).mean()
        p = min(max(share, 1e-4), 0.5)
        assert float(model.head.bias[j]) == pytest.approx(math.log(p / (1 - p)), abs=1e-4), t
    j = UNITS.index("Name_Calling,Labeling")
    assert float(model.head.bias[j]) > -5 > float(model.head.bias[UNITS.index("Slogans")])
    path = tmp_path / TAGGER_FILE
    save_tagger(model, path, UNITS, {"round": "17"})
    assert file_units(str(path)) == UNITS
    probs = token_probs(runtime_tagger(str(path), "float32"), [view], units=True)[0]
    assert probs.shape == (len(view.tokens), len(UNITS))


def test_after_epoch_can_stop_the_training_and_the_units_learn_their_labels(view_and_gold):
    import torch
    view, gold = view_and_gold
    seen = []
    model = train_tagger([view], [gold], seed=13, epochs=40, lr=3e-3, layers=1, techniques=TECHNIQUES,
                         after_epoch=lambda ep, m, secs: seen.append(ep) or ep == 12, log=lambda m: None)
    assert seen == list(range(1, 13))  # stopped after the 12th of 40 epochs
    (ids, offs), = windows(view)
    t = torch.tensor([[101, *ids, 102]])
    with torch.inference_mode():
        p = torch.sigmoid(model(t, torch.ones_like(t)))[0, 1:-1].numpy()
    name = piece_labels(offs, char_inside(len(view.text), gold[:1])).astype(bool)
    doubt = piece_labels(offs, char_inside(len(view.text), gold[1:])).astype(bool)
    nc, db = UNITS.index("Name_Calling,Labeling"), UNITS.index("Doubt")
    assert p[name, nc].mean() > p[~name, nc].mean() + 0.2 and p[doubt, db].mean() > p[~doubt, db].mean() + 0.2
    assert p[name | doubt, 0].mean() > p[~(name | doubt), 0].mean() + 0.2


def test_a_one_unit_tagger_is_trained_as_before(view_and_gold):
    view, gold = view_and_gold
    model = train_tagger([view], [gold], seed=13, epochs=1, layers=1, log=lambda m: None)
    assert model.head.out_features == 1


def _corpus():
    arts = []
    for k in range(10):
        text = f"Harbour news {k}\n{PLAIN} The mayor called them {SLUR}. {DOUBT}\n{PLAIN}"
        s, d = text.index(SLUR), text.index(DOUBT)
        arts.append(Article(f"m{k}", text, [(s, s + len(SLUR), "Name_Calling,Labeling"),
                                            (d, d + len(DOUBT), "Doubt")]))
    return arts


def test_the_training_command_trains_a_multi_task_tagger_with_tagger_units_techniques(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from spinscope.spin.techniques import tagger as tg
    from spinscope.training import techniques as tr
    from spinscope.training.cli import train_group

    monkeypatch.setattr(tr, "read_ptc", lambda _ptc: _corpus())
    real, calls = tg.train_tagger, []

    def small(views, golds, **kw):  # the real training, on one layer and one epoch to keep the test short
        calls.append(kw)
        return real(views, golds, **{**kw, "layers": 1, "epochs": 1})

    monkeypatch.setattr(tg, "train_tagger", small)
    out = tmp_path / "model"
    res = CliRunner().invoke(train_group, ["techniques", "--ptc", str(tmp_path), "--out", str(out),
                                           "--tagger-units", "techniques", "--tagger-epochs", "1"])
    assert res.exit_code == 0, res.output
    assert calls[0]["techniques"] == TECHNIQUES and calls[0]["technique_weight"] == tr.TAGGER_TECHNIQUE_WEIGHT == 1.0
    assert file_units(str(out / TAGGER_FILE)) == UNITS
    meta = json.loads((out / "meta.json").read_text())
    assert meta["tagger"]["units"] == list(UNITS) and meta["tagger"]["multitask"]["init"] == "base encoder"
    assert meta["tagger"]["blend"] in tr.BLENDS


def test_tagger_units_is_a_command_line_option_and_any_by_default(monkeypatch, tmp_path):
    from click.testing import CliRunner
    from spinscope.training import techniques as tr
    from spinscope.training.cli import train_group

    got = {}

    def fake_train(ptc, out, **kw):
        got.update(kw)
        return {"train_articles": 0, "train_spans": 0, "cv_span_f1": 0.0, "tagger": None, "train_seconds": 0.0}

    monkeypatch.setattr(tr, "train", fake_train)
    base = ["techniques", "--ptc", str(tmp_path), "--out", str(tmp_path / "m")]
    assert CliRunner().invoke(train_group, base).exit_code == 0 and got["tagger_units"] == "any"
    assert CliRunner().invoke(train_group, [*base, "--tagger-units", "techniques"]).exit_code == 0
    assert got["tagger_units"] == "techniques"
    assert CliRunner().invoke(train_group, [*base, "--tagger-units", "every"]).exit_code != 0
    with pytest.raises(ValueError, match="tagger_units"):
        tr._train(tmp_path, tmp_path, 13, 1, "float32", False, False, None, 254, 16, print, "every")
