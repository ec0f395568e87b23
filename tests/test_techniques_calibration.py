"""Round 8: a tagger trained on all articles, mapped onto the dev-slice tagger by quantiles (ProbMap)."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from spinscope.spin.techniques.model import META_FILE, MODEL_DIR, ModelError, ProbMap, load_model

SURE = ("The traitorous, lying mob of globalist parasites is destroying our great nation and every decent "
        "patriot must rise up now before it is too late!")
PLAIN = "The regional water board published its quarterly report on reservoir levels this morning."


def test_the_map_matches_the_quantiles_of_a_surer_tagger_onto_the_other():
    rng = np.random.default_rng(5)
    old = rng.beta(0.6, 4.0, 20000)  # the dev-slice tagger: mostly low
    new = np.sqrt(rng.beta(0.6, 4.0, 20000))  # a surer one: the same ranking, pushed up
    levels = np.linspace(0, 1, 201)
    pmap = ProbMap.fit(new, old, levels)
    probe_new, probe_old = np.sqrt(rng.beta(0.6, 4.0, 5000)), rng.beta(0.6, 4.0, 5000)  # other draws
    for thr in (0.15, 0.3, 0.5):
        assert np.mean(probe_new >= thr) > np.mean(probe_old >= thr) + 0.05  # raw: it marks far more
        assert abs(np.mean(pmap(probe_new) >= thr) - np.mean(probe_old >= thr)) < 0.02  # mapped: about the same
    grid = np.linspace(0, 1, 101)
    assert np.all(np.diff(pmap(grid)) >= 0)  # monotone: the ranking of the words is kept
    assert np.isclose(pmap(np.array([-1.0]))[0], pmap.dst[0]) and np.isclose(pmap(np.array([2.0]))[0], pmap.dst[-1])
    assert pmap(np.zeros(0)).shape == (0,)


def test_repeated_knots_are_merged_and_the_map_survives_meta_json():
    new = np.array([0.0] * 60 + [0.2, 0.4, 0.6, 0.8])  # most words at exactly 0: repeated quantiles
    old = np.linspace(0.0, 0.5, 64)
    pmap = ProbMap.fit(new, old, np.linspace(0, 1, 11), {"method": "quantiles"})
    assert np.all(np.diff(pmap.src) > 0) and len(pmap.src) < 11
    back = ProbMap.from_dict(json.loads(json.dumps(pmap.to_dict())))
    assert back.about == {"method": "quantiles"}
    assert np.allclose(back(new), pmap(new), atol=1e-6)
    assert ProbMap.from_dict(None) is None
    with pytest.raises(ModelError, match="strictly increasing"):
        ProbMap.from_dict({"src": [0.0, 0.5, 0.5], "dst": [0.0, 0.1, 0.2]})
    with pytest.raises(ModelError, match="as many"):
        ProbMap.from_dict({"src": [0.0, 0.5], "dst": [0.0]})


@pytest.fixture(scope="module")
def views():
    from spinscope.spin.techniques.model import views_for
    from spinscope.training.ptc import Article
    from spinscope.training.techniques import parse_articles
    arts = [Article("a", f"A title\n{PLAIN} {SURE}\n{PLAIN}"), Article("b", f"{SURE}\n{PLAIN} {SURE}")]
    return views_for([(a.text, p) for a, p in zip(arts, parse_articles(arts))])


def _copy_model(tmp_path, calibration):
    where = tmp_path / "model"
    shutil.copytree(MODEL_DIR, where)
    meta = json.loads((where / META_FILE).read_text(encoding="utf-8"))
    if not meta.get("tagger"):
        pytest.skip("the packaged model has no tagger")
    meta["tagger"]["calibration"] = calibration
    (where / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return where


def test_a_calibrated_model_maps_the_tagger_before_mixing(tmp_path, views):
    shipped = load_model()
    # a map that silences the tagger: only the token model's share of the mix is left on the words read
    mapped = load_model(str(_copy_model(tmp_path, {"src": [0.0, 1.0], "dst": [0.0, 0.0]})))
    assert shipped.calibration is None and mapped.calibration is not None
    emb = shipped.sentence_embeddings(views)
    sp = shipped.sentence_probs(views, emb)
    only = [{i for i, p in enumerate(s) if p >= shipped.cascade} for s in sp] if shipped.cascade > 0 else None
    lr = shipped.lr_token_probs(views, sp, only)
    before, after = shipped.token_probs(views, emb), mapped.token_probs(views, emb)
    assert any(np.any(b > a + 1e-6) for a, b in zip(after, before))
    for a, b, l in zip(after, before, lr):
        read = b > 0
        assert np.allclose(a[read], (1 - shipped.mix) * l[read], atol=1e-6)
        assert np.all(a[~read] == 0)


def test_calibrate_writes_the_map_and_its_check_into_meta_json(tmp_path):
    from spinscope.spin.techniques.tagger import TAGGER_FILE
    from spinscope.training.techniques import calibrate

    where = _copy_model(tmp_path, None)
    folder = tmp_path / "unlabelled"
    folder.mkdir()
    for k in range(6):
        (folder / f"t{k}.txt").write_text(f"Report {k}\n{PLAIN} {SURE if k % 2 else PLAIN}\n{SURE}\n",
                                          encoding="utf-8")
    # mapped onto itself the tagger is unchanged: the map is the identity on its probabilities
    entry = calibrate(where, where / TAGGER_FILE, folder, n=4, check=2, log=lambda m: None)
    meta = json.loads((where / META_FILE).read_text(encoding="utf-8"))
    assert meta["tagger"]["calibration"] == entry
    assert entry["check"]["articles"] == 2 and "4 articles" in entry["fitted_on"] and entry["words"] > 20
    pmap = ProbMap.from_dict(entry)
    assert np.allclose(pmap(pmap.src), pmap.src, atol=1e-5)
    for shares in entry["check"]["marked_share"].values():
        assert shares["raw"] == shares["dev_tagger"]
    spans = entry["check"]["share_in_spans"]
    assert spans["raw"] == spans["dev_tagger"] > 0 and abs(spans["mapped"] - spans["raw"]) < 0.02
    assert load_model(str(where)).calibration is not None


def test_calibration_is_a_training_option_and_its_own_command(monkeypatch, tmp_path):
    from click.testing import CliRunner
    from spinscope.training import techniques as tr
    from spinscope.training.cli import train_group

    got = {}

    def fake_train(ptc, out, **kw):
        got.update(kw)
        return {"train_articles": 0, "train_spans": 0, "cv_span_f1": 0.0, "tagger": None, "train_seconds": 0.0}

    def fake_calibrate(model_dir, dev_tagger, unlabelled, **kw):
        got.update(model_dir=model_dir, dev_tagger=dev_tagger, unlabelled=unlabelled, **kw)
        return {"check": {"articles": 0}}

    monkeypatch.setattr(tr, "train", fake_train)
    monkeypatch.setattr(tr, "calibrate", fake_calibrate)
    res = CliRunner().invoke(train_group, ["techniques", "--ptc", str(tmp_path), "--out", str(tmp_path / "m"),
                                           "--tagger-all", "--calibrate-on", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert got["calibrate_on"] == str(tmp_path) and got["tagger_all"] is True
    dev = tmp_path / "dev.safetensors"
    dev.write_bytes(b"")
    res = CliRunner().invoke(train_group, ["techniques-calibrate", "--unlabelled", str(tmp_path), "--dev-tagger",
                                           str(dev), "--out", str(tmp_path), "--articles", "50", "--check", "5"])
    assert res.exit_code == 0, res.output
    assert got["dev_tagger"] == str(dev) and got["n"] == 50 and got["check"] == 5
