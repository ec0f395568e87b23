"""The narratives layer: catalogue loading and user files, matching, honest evidence spans, the CLI option."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ConfigError
from click.testing import CliRunner

from spinscope.api import analyze
from spinscope.embed import encode
from spinscope.cli import cli
from spinscope.model import STANCES, Document
from spinscope.pipeline import Pipeline
from spinscope.spin.narratives.catalogue import NarrativeError, load_catalogue
from spinscope.spin.narratives.model import MODEL_FILE, Phrasings, load_model
from spinscope.spin.narratives.stage import cached_encode, cross_scores, phrasings, score_sentences, text_stance, \
    voice_ft_scores

# A user's narrative the built-in catalogue does not have.
MOON = """\
  - id: moon-landing-faked
    label: The Moon landings were faked
    description: The Apollo landings are said to have been filmed in a studio.
    examples:
      - The Apollo astronauts never set foot on the Moon; it was all filmed in a Hollywood studio.
      - NASA staged the Moon landing footage to win the space race against the Soviets.
      - The flag waving in a vacuum proves the Moon landing pictures were fake.
"""

USER = "narratives:\n" + MOON + """\
  - id: ukraine-nazis
    label: Kyiv is governed by neo-Nazis (user wording)
    description: Overrides the built-in entry.
    examples:
      - The government in Kyiv is in the hands of neo-Nazis.
"""


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(NarrativeError) as info:
        load_catalogue((str(path),))
    return str(info.value)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A private embedding cache, so tests neither read nor write the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SPINSCOPE_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def builtin(cache) -> Phrasings:
    return phrasings()


def carried(phr: Phrasings, text: str, stance: str | None = "asserts") -> set[str]:
    """The narratives one sentence carries as the stage decides (with that stance, unless None)."""
    model = load_model()
    emb = encode([text])
    rows, cols, probs, voice = score_sentences([text], model, phr, emb)
    cross = cross_scores([text], emb, rows, cols, probs, model, phr)  # the cascades, when the model enables them
    ft = voice_ft_scores([text], rows, probs, model)
    return {phr.ids[j] for i, j, ok in zip(rows, cols, model.evidence(rows, cols, probs, voice, ids=phr.ids,
                                                                      cross=cross, voice_ft=ft))
            if ok and (stance is None or text_stance(text, voice[i], phr.rebuttal) == stance)}


# --- the catalogue ------------------------------------------------------------------------------

def test_builtin_catalogue_is_valid():
    cat = load_catalogue()
    assert len(cat.narratives) >= 50
    for nid, n in cat.narratives.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", nid)
        assert n.label and n.description and len(n.examples) >= 3, nid
    assert cat.neutral and cat.rebuttal_cues


def test_model_artifact_is_small_numbers_only():
    from importlib import resources
    folder = resources.files("spinscope") / "data" / "narratives"
    size = (folder / MODEL_FILE).stat().st_size if hasattr(folder / MODEL_FILE, "stat") else 0
    assert 0 < size < 2_000_000
    model = load_model()
    with (folder / MODEL_FILE).open("rb") as fh:
        import numpy as np
        arrays = np.load(fh)
        assert all(arrays[k].dtype.kind == "f" for k in arrays.files)  # weights only: no sentence is kept
    assert 0 < model.threshold < 1 and model.meta["seed"]
    assert model.pair.coef.shape[-1] == model.pair.mean.shape[0]


def test_packaged_voice_classifier_joins_the_voice_path_by_either():
    """Issue 17, eleventh round (stop 42): the fine-tuned voice classifier ships with "either" at the point chosen on
    calibration in the tenth round (pair threshold 0.8, its claim log-odds 5.5, its pair and reading floor 0.3), its
    weights packaged (under 25 MB) with what they were trained on."""
    import json
    import os

    from safetensors import safe_open

    from spinscope.spin.narratives.voice_ft import packaged_path
    ft = load_model().voice_ft
    assert ft and ft["enabled"] and ft["combine"] == "either"
    assert (ft["threshold"], ft["claim_threshold"], ft["pair_floor"], ft["floor"]) == (0.8, 5.5, 0.3, 0.3)
    path = packaged_path()
    assert path is not None and 0 < os.path.getsize(path) < 25_000_000
    meta = safe_open(path, "np").metadata()
    assert "not read: calibration cases" in meta["trained_on"] and "held-out cases" in meta["trained_on"]
    assert json.loads(meta["training"])["seed"] == 37


def test_packaged_voice_classifier_hears_claims_not_news(cache):
    """The packaged classifier (sentences written here): short claims in the voice of the coverage reach its claim
    log-odds on the voice path; plain news is far under it."""
    from spinscope.spin.narratives.voice_ft import claim_logodds
    claims = ["The Olympic ban on Russian athletes is political revenge.",
              "The sanctions against Russian athletes are political revenge."]
    news = ["The foreign ministers of both countries will meet in Geneva on Thursday.",
            "Turnout in the Austrian presidential election rerun was about 74 per cent."]
    lo = claim_logodds(claims + news)
    assert (lo[:2] >= load_model().voice_ft["claim_threshold"]).all() and (lo[2:] < 0).all(), lo


def test_per_narrative_thresholds_apply_to_their_narrative_only():
    import dataclasses
    import numpy as np
    model = load_model()
    rows, cols = np.array([0, 0, 1]), np.array([0, 1, 0])
    probs = np.array([0.7, 0.7, 0.9])
    voice = np.tile([0.01, 0.01, 0.98], (2, 1))  # plain news: the voice path stays shut
    ids = ["a", "b"]
    plain = dataclasses.replace(model, threshold=0.8, narrative_thresholds={})
    assert plain.evidence(rows, cols, probs, voice, ids=ids).tolist() == [False, False, True]
    per = dataclasses.replace(model, threshold=0.8, narrative_thresholds={"a": 0.65, "b": 0.95})
    assert per.evidence(rows, cols, probs, voice, ids=ids).tolist() == [True, False, True]
    # An id without its own threshold (a user's entry) keeps the model's; an explicit threshold wins.
    assert per.evidence(rows, cols, probs, voice, ids=["a", "user-entry"]).tolist() == [True, False, True]
    assert per.evidence(rows, cols, probs, voice, 0.95, ids).tolist() == [False, False, False]
    assert per.evidence(rows, cols, probs, voice).tolist() == [False, False, True]  # no ids: one threshold


def test_cross_cascade_decides_only_the_pairs_it_scored():
    import dataclasses
    import numpy as np
    model = dataclasses.replace(load_model(), threshold=0.8, narrative_thresholds={},
                                cross={"enabled": True, "floor": 0.2, "threshold": 0.9, "keep": 0.3})
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    probs = np.array([0.85, 0.4, 0.85, 0.1])
    voice = np.tile([0.01, 0.01, 0.98], (2, 1))  # plain news: the voice path stays shut
    before = model.evidence(rows, cols, probs, voice)
    assert before.tolist() == [True, False, True, False]
    # Pair 0: evidence before, kept (cross 0.5 >= keep 0.3); pair 1: added (0.95 >= 0.9);
    # pair 2: evidence before, vetoed (0.1 < keep); pair 3: not scored (NaN), left as it was.
    cross = np.array([0.5, 0.95, 0.1, np.nan])
    assert model.evidence(rows, cols, probs, voice, cross=cross).tolist() == [True, True, False, False]
    assert model.evidence(rows, cols, probs, voice, cross=None).tolist() == before.tolist()
    off = dataclasses.replace(model, cross=None)  # a model without a cascade ignores the scores
    assert off.evidence(rows, cols, probs, voice, cross=cross).tolist() == before.tolist()


def test_voice_ft_cascade_replaces_the_voice_paths_logodds():
    import dataclasses
    import numpy as np
    model = dataclasses.replace(load_model(), threshold=0.8, claim_threshold=6.25, pair_floor=0.2,
                                narrative_thresholds={}, cross=None,
                                voice_ft={"enabled": True, "floor": 0.2, "threshold": 0.85, "claim_threshold": 1.0,
                                          "pair_floor": 0.3})
    rows, cols = np.array([0, 0, 1, 1, 2]), np.array([0, 1, 0, 1, 0])
    probs = np.array([0.4, 0.1, 0.82, 0.25, 0.5])
    voice = np.tile([0.01, 0.01, 0.98], (3, 1))  # the logistic head hears plain news: its voice path stays shut
    assert model.evidence(rows, cols, probs, voice).tolist() == [False, False, True, False, False]
    # The fine-tuned classifier: sentence 0 a claim (log-odds 3 >= 1) whose best narrative has 0.4 >= 0.3;
    # sentence 1 not read (NaN); sentence 2 news (-4). Its operating point also moves the pair path to 0.85.
    ft = np.array([3.0, np.nan, -4.0])
    assert model.evidence(rows, cols, probs, voice, voice_ft=ft).tolist() == [True, False, False, False, False]
    off = dataclasses.replace(model, voice_ft=None)  # a model without the cascade ignores the scores
    assert off.evidence(rows, cols, probs, voice, voice_ft=ft).tolist() == [False, False, True, False, False]


def test_voice_ft_reads_only_sentences_whose_best_candidate_reaches_the_floor(builtin, tmp_path, monkeypatch):
    import dataclasses
    import json
    import numpy as np
    import torch
    from safetensors import safe_open
    from spinscope.spin.narratives.voice_ft import MAX_PIECES, build_voice, sentence_pieces
    from spinscope.spin.techniques.tagger import save_trained
    monkeypatch.setenv("SPINSCOPE_RUNTIME", "torch")  # no ONNX export of these throw-away weights
    torch.manual_seed(1)
    path = tmp_path / "voice.safetensors"
    save_trained(build_voice().eval(), path, {"trained_on": "our own sentences", "training": json.dumps({"n": 3})})
    with safe_open(str(path), framework="pt") as fh:
        assert fh.metadata()["trained_on"] == "our own sentences"
        assert not any(k.endswith("word_embeddings.weight") for k in fh.keys())
    texts = ["The lighthouse keeper says the ferries will sail again next week.",
             "NATO keeps moving its bases and missiles right up to the borders of Russia."]
    model = load_model()
    rows, cols, probs, _ = score_sentences(texts, model, builtin, encode(texts))
    assert voice_ft_scores(texts, rows, probs, dataclasses.replace(model, voice_ft=None)) is None
    best = np.array([probs[rows == i].max() for i in range(len(texts))])
    floor = float(best.mean())  # between the two sentences' best pair probabilities
    on = dataclasses.replace(model, voice_ft={"enabled": True, "floor": floor, "path": str(path)})
    got = voice_ft_scores(texts, rows, probs, on)
    assert np.isnan(got).tolist() == (best < floor).tolist() and np.isfinite(got[best >= floor]).all()
    assert voice_ft_scores(texts, rows, probs, dataclasses.replace(on, voice_ft={**on.voice_ft, "enabled": False})) \
        is None
    assert len(sentence_pieces(["word " * 200])[0]) == MAX_PIECES  # long sentences are cut


def test_voice_ft_either_head_opens_the_voice_path():
    """Ninth round: with "combine": "either" the classifier adds to the logistic head's voice path instead of
    replacing it, so a relayed claim the logistic head is sure of (seed 001's shape) is not lost."""
    import dataclasses
    import numpy as np
    model = dataclasses.replace(load_model(), threshold=0.8, claim_threshold=6.25, pair_floor=0.2,
                                narrative_thresholds={}, cross=None,
                                voice_ft={"enabled": True, "combine": "either", "floor": 0.3, "threshold": 0.8,
                                          "claim_threshold": 4.5, "pair_floor": 0.3})
    rows, cols = np.array([0, 0, 1, 1, 2, 3]), np.array([0, 1, 0, 1, 0, 0])
    probs = np.array([0.25, 0.1, 0.4, 0.2, 0.35, 0.9])
    claim, news = [0.9998, 0.0001, 0.0001], [0.01, 0.01, 0.98]
    voice = np.array([claim, news, news, news])  # the logistic head: sentence 0 a claim (log-odds over 9)
    # Sentence 0: the classifier says news (3.2 < 4.5) but the logistic head's path holds (0.25 >= 0.2).
    # Sentence 1: the classifier's path (5 >= 4.5, 0.4 >= 0.3); sentence 2 too (4.6, 0.35, but not at a pair
    # floor of 0.38, below); sentence 3: the pair path.
    ft = np.array([3.2, 5.0, 4.6, np.nan])
    assert model.evidence(rows, cols, probs, voice, voice_ft=ft).tolist() == [True, False, True, False, True, True]
    replace = dataclasses.replace(model, voice_ft={**model.voice_ft, "combine": "replace"})
    assert replace.evidence(rows, cols, probs, voice, voice_ft=ft).tolist() == [False, False, True, False, True, True]
    high = dataclasses.replace(model, voice_ft={**model.voice_ft, "pair_floor": 0.38})  # its own floor, not 0.2
    assert high.evidence(rows, cols, probs, voice, voice_ft=ft).tolist() == [True, False, True, False, False, True]


def test_voice_ft_either_does_not_read_settled_sentences():
    """Ninth round, the cost: with "either" a sentence whose best candidate is evidence already (by the pair path
    or the logistic head's voice path) cannot change, so the classifier does not read it."""
    import dataclasses
    import numpy as np
    from spinscope.spin.narratives.stage import settled
    model = dataclasses.replace(load_model(), threshold=0.8, claim_threshold=6.25, pair_floor=0.2,
                                narrative_thresholds={}, cross=None,
                                voice_ft={"enabled": True, "combine": "either", "floor": 0.2, "threshold": 0.8,
                                          "claim_threshold": 4.5, "pair_floor": 0.2})
    rows, cols = np.array([0, 0, 1, 2, 3]), np.array([0, 1, 0, 0, 0])
    probs = np.array([0.3, 0.85, 0.5, 0.3, 0.1])  # sentence 0: its second candidate is the best, at 0.85
    claim, news = [0.9998, 0.0001, 0.0001], [0.01, 0.01, 0.98]
    voice = np.array([news, news, claim, news])
    assert settled(4, rows, cols, probs, voice, model, None, None).tolist() == [True, False, True, False]
    assert settled(4, rows, cols, probs, voice, model, 0.9, None).tolist() == [False, False, True, False]
    replace = dataclasses.replace(model, voice_ft={**model.voice_ft, "combine": "replace"})
    assert settled(4, rows, cols, probs, voice, replace, None, None) is None  # there it can change them


def test_voice_ft_ctranslate2_scores_do_not_depend_on_the_batch(cache, tmp_path):
    """Ninth round: the classifier in CTranslate2 int8 (the cost) gives each sentence the score it gets alone,
    close to the float32 torch model's."""
    pytest.importorskip("ctranslate2")
    import numpy as np
    import torch
    from spinscope.embed import pad
    from spinscope.spin.narratives.voice_ft import build_voice, load_voice, log_probs_module, sentence_pieces, \
        voice_ct2
    from spinscope.spin.techniques.tagger import save_trained
    torch.manual_seed(3)
    path = tmp_path / "voice.safetensors"
    save_trained(build_voice().eval(), path)
    ct2 = voice_ct2(str(path))
    assert ct2 is not None
    texts = ["The lighthouse keeper says the ferries will sail again next week.",
             "NATO keeps moving its bases and missiles right up to the borders of Russia.",
             "Rain.", "The council met on Tuesday and voted to repair the old bridge over the river before winter."]
    pieces = sentence_pieces(texts)
    together = ct2.log_probs(pieces)
    alone = np.vstack([ct2.log_probs([p]) for p in pieces])
    assert np.array_equal(together, alone)
    model = log_probs_module(load_voice.uncached(str(path)))
    with torch.inference_mode():
        ref = np.vstack([model(*map(torch.from_numpy, pad([p]))).numpy() for p in pieces])
    assert np.allclose(np.exp(together).sum(1), 1.0, atol=1e-4)
    assert np.abs(together - ref).max() < 0.1


def test_voice_ft_topical_negatives_name_the_narratives_topics():
    from spinscope.training.narratives_voice import TOPICAL
    for text in ("Russian hackers broke into the committee's servers, officials said.",
                 "The Pentagon sent two hundred more troops to the base.", "NATO ministers meet in Brussels today."):
        assert TOPICAL.search(text), text
    for text in ("The school board approved the new budget on Tuesday.", "Prussian blue is a dark pigment."):
        assert not TOPICAL.search(text), text


def test_cross_pair_text_is_the_label_and_the_closest_example(builtin):
    import numpy as np
    j = builtin.ids.index("nato-encircles-russia")
    idx = np.flatnonzero(builtin.owner == j)
    example = builtin.texts[idx[2]]
    text, = builtin.pair_texts(builtin.examples[[idx[2]]], np.array([0]), np.array([j]))
    assert text == f"{builtin.labels[j].rstrip('.')}. {example}"


def test_cross_pieces_join_narrative_and_sentence():
    from spinscope.embed import tokenizer
    from spinscope.spin.narratives.cross import NARRATIVE_PIECES, SENTENCE_PIECES, pair_pieces
    tok = tokenizer()
    short, = pair_pieces(["The harbour is closed."], ["Boats wait outside the pier."])
    (a, _), (b, _) = tok.split(["The harbour is closed.", "Boats wait outside the pier."])
    assert short == a + [tok.sep_token_id] + b
    long_a, long_b = "word " * 200, "other " * 300
    cut, = pair_pieces([long_a], [long_b])
    assert len(cut) == NARRATIVE_PIECES + 1 + SENTENCE_PIECES and cut[NARRATIVE_PIECES] == tok.sep_token_id


def test_cross_weights_round_trip_without_word_embeddings(tmp_path):
    import torch
    from safetensors.torch import load_file
    from spinscope.embed import pad
    from spinscope.spin.narratives.cross import build_cross, pair_pieces
    from spinscope.spin.techniques.tagger import FROZEN, load_trained, save_trained
    torch.manual_seed(0)
    model = build_cross().eval()
    path = tmp_path / "cross.safetensors"
    save_trained(model, path)
    stored = load_file(str(path))
    assert not any(k.endswith(FROZEN) for k in stored) and all(v.dtype == torch.float16 for v in stored.values())
    again = load_trained(build_cross, str(path))
    ids, mask = pad(pair_pieces(["Bridges are unsafe."], ["The town repaired a bridge last spring."]))
    with torch.inference_mode():
        x, y = (m(torch.from_numpy(ids), torch.from_numpy(mask)) for m in (model, again))
    assert abs(float(x[0]) - float(y[0])) < 0.05  # fp16 storage
    assert path.stat().st_size < 40_000_000


def test_cross_weights_say_what_they_were_trained_on(tmp_path):
    """Stop 33: the pair model's file carries its training meta beside the base's name."""
    import json

    from safetensors import safe_open
    from spinscope.spin.narratives.cross import build_cross
    from spinscope.spin.techniques.tagger import BASE_PACKAGE, save_trained
    path = tmp_path / "cross.safetensors"
    save_trained(build_cross().eval(), path, {"trained_on": "our own sentences", "training": json.dumps({"pairs": 3})})
    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata()
    assert meta["base"] == BASE_PACKAGE and meta["trained_on"] == "our own sentences"
    assert json.loads(meta["training"]) == {"pairs": 3}


def test_cross_sibling_families_from_keywords():
    """Sixth round: narratives one analyst keyword names together are siblings of each other (not of themselves)."""
    from spinscope.training import narratives as tr
    from spinscope.training.narratives_cross import keyword_families
    ids = {n for names in tr.KEYWORD_NARRATIVES.values() for n in names}
    fam = keyword_families(ids)
    war = set(tr.UKRAINE_WAR)
    for n in war:
        assert war - {n} <= fam[n] and n not in fam[n]
    assert {"us-supports-terrorists-syria", "turkey-gulf-sponsor-jihadists"} <= fam["west-created-isis"]
    assert "mh17-ukraine-blame" not in fam["crimea-legitimate"]
    # a narrative absent from the catalogue ids is never a sibling
    small = keyword_families(ids - {"turkey-gulf-sponsor-jihadists"})
    assert "turkey-gulf-sponsor-jihadists" not in small["west-created-isis"]


def test_cross_confusion_siblings_from_examples_and_repeated_claims():
    """Sixth round: the other candidates of a narrative's catalogue examples, and the unnamed candidates that
    score high on its training claims at least twice, are its siblings; one high score alone is not."""
    import numpy as np
    from spinscope.training.narratives_cross import FLOOR, SIBLING_CONFUSION, confusion_siblings
    ids = ["a", "b", "c", "d"]
    labels = [{"a"}, {"a"}, {"a"}, {"b"}, {"a"}]  # rows 0-3 training claims, row 4 a catalogue example of "a"
    hi, lo = SIBLING_CONFUSION + 0.1, SIBLING_CONFUSION - 0.1
    rows = np.array([0, 0, 1, 2, 3, 4, 4, 4])
    cols = np.array([0, 2, 2, 3, 0, 0, 1, 3])
    probs = np.array([0.9, hi, hi, hi, lo, 0.9, FLOOR + 0.01, FLOOR / 2])
    out = confusion_siblings(ids, labels, rows, cols, probs, {4: 0})
    assert out["a"] == {"b", "c"}  # b: an example's candidate; c: twice high on a's claims; d: once, and low
    assert out["b"] == set() and out["c"] == set()


def test_cross_training_news_never_reads_the_calibration_articles(shared):
    """The fifth round's pair-model negatives take every sentence of the training script's PolNeAR sample; the
    articles the calibration tool judges the cascade on must stay out of it."""
    import importlib.util
    from spinscope.training import narratives as tr
    from spinscope.training.narratives_cross import polnear_training_articles
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    train = polnear_training_articles(shared)
    held = calib.calibration_news(shared)
    assert len(train) == tr.POLNEAR_TRAIN_ARTICLES and len(held) >= tr.POLNEAR_CALIB_ARTICLES
    assert not set(train) & set(held)
    all_train, _ = tr.polnear_train_parts(shared)
    assert set(train) | set(held) >= set(all_train)  # together they are the whole train/ folder


def test_cross_scores_read_only_the_pairs_over_the_floor(builtin, tmp_path, monkeypatch):
    import dataclasses
    import numpy as np
    import torch
    from spinscope.spin.narratives.cross import build_cross
    from spinscope.spin.techniques.tagger import save_trained
    monkeypatch.setenv("SPINSCOPE_RUNTIME", "torch")  # no ONNX export of these throw-away weights
    torch.manual_seed(1)
    path = tmp_path / "cross.safetensors"
    save_trained(build_cross().eval(), path)
    texts = ["The lighthouse keeper says the ferries will sail again next week."]
    emb = encode(texts)
    model = load_model()
    rows, cols, probs, _ = score_sentences(texts, model, builtin, emb)
    assert cross_scores(texts, emb, rows, cols, probs, dataclasses.replace(model, cross=None), builtin) is None
    floor = float(np.median(probs))
    on = dataclasses.replace(model, cross={"enabled": True, "floor": floor, "threshold": 0.9, "keep": 0.1,
                                           "path": str(path)})
    got = cross_scores(texts, emb, rows, cols, probs, on, builtin)
    assert np.isnan(got).tolist() == (probs < floor).tolist()
    assert ((got[~np.isnan(got)] > 0) & (got[~np.isnan(got)] < 1)).all()
    off = dataclasses.replace(on, cross={**on.cross, "enabled": False})
    assert cross_scores(texts, emb, rows, cols, probs, off, builtin) is None


def test_user_file_extends_and_overrides(tmp_path):
    cat = load_catalogue((str(write(tmp_path, USER)),))
    builtin = load_catalogue()
    assert "moon-landing-faked" in cat.narratives and "moon-landing-faked" not in builtin.narratives
    assert cat.narratives["ukraine-nazis"].label == "Kyiv is governed by neo-Nazis (user wording)"
    assert builtin.narratives["ukraine-nazis"].label != cat.narratives["ukraine-nazis"].label
    assert len(cat.narratives) == len(builtin.narratives) + 1


@pytest.mark.parametrize("text, line, words", [
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: [x]\n    colour: red\n", 6, "`colour`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n", 2, "`examples`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: []\n", 5, "`examples`"),
    ("narratives:\n  - id: Bad_Id\n    label: A\n    description: d\n    examples: [x]\n", 2, "`id`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: [x]\n"
     "  - id: a\n    label: B\n    description: d\n    examples: [y]\n", 6, "already defined"),
    ("narratives:\n  - id: a\n    label: [unclosed\n    description: d\n", None, "not valid YAML"),
    ("stories: []\n", 1, "`narratives`"),
])
def test_bad_file_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    msg = error_of(path)
    found = re.match(rf"{re.escape(str(path))}:(\d+): ", msg)
    assert found, msg
    if line is not None:
        assert int(found.group(1)) == line, msg
    assert words in msg


def test_cli_rejects_bad_narratives_file(tmp_path):
    bad = write(tmp_path, "narratives:\n  - id: a\n    label: A\n")
    art = write(tmp_path, "A short article about nothing in particular.\n", "a.txt")
    result = CliRunner().invoke(cli, ["analyze", str(art), "--disable", "parse", "--narratives", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2" in result.output and "--narratives" in result.output


# --- matching -----------------------------------------------------------------------------------

def test_keyword_labels_name_catalogue_narratives():
    from spinscope.training.narratives import KEYWORD_NARRATIVES
    ids = set(load_catalogue().narratives)
    assert {n for names in KEYWORD_NARRATIVES.values() for n in names} <= ids


# Misses of the model retrained with the issue-17 catalogue (51 narratives): its calibrated operating point
# (pair threshold 0.8; voice path at claim log-odds 6.25) is stricter than before, and these two sentences
# score 0.76 and 0.59 with claim log-odds 3.0 and 5.8. Kept strict so that a fix shows.
KNOWN_MISS = pytest.mark.xfail(strict=True, reason="known miss of the issue-17 model (below its thresholds)")


@pytest.mark.parametrize("nid, text", [
    pytest.param("us-supports-terrorists-syria", "The Pentagon keeps arming the jihadists of al-Nusra and rescues "
                 "their commanders from the Syrian army.", marks=KNOWN_MISS),
    ("chemical-attacks-staged",
     "The so-called gas attack in the town was staged by the militants to provoke Western missile strikes."),
    pytest.param("nato-encircles-russia", "NATO keeps moving its bases and missiles right up to the borders of Russia.",
                 marks=KNOWN_MISS),
    # Narratives added for issue 17 (sentences written before the model was scored on them).
    ("russia-not-party-ukraine",
     "There are no Russian soldiers in Donbas; what is going on there is a civil war among Ukrainians."),
    ("eu-collapsing", "The European Union is collapsing, and after Brexit other member states will soon head for the exit."),
    ("western-mercenaries-ukraine",
     "Polish mercenaries and American contractors are fighting on the side of the Ukrainian army in Donbas."),
    ("terror-attacks-false-flag", "The Brussels bombings were staged by Western intelligence agencies to frighten Europeans."),
])
def test_clear_sentences_assert_their_narrative(builtin, nid, text):
    assert nid in carried(builtin, text)


@pytest.mark.parametrize("text", [
    "The foreign ministers of both countries will meet in Geneva on Thursday.",
    "Turkey said it was monitoring the situation closely.",
    "Turkey, which regards the Kurdish YPG militia as a terrorist organisation, said it was monitoring the "
    "situation closely and reserved the right to act if its security was threatened.",
    "U.S. intelligence officials have warned of Russian efforts to use hacking to interfere in the election.",
    "The FBI will also have a command center in the city to monitor the vote.",
    # A false positive (us-supports-terrorists-syria) until the issue-17 model; now below its threshold.
    "Several hundred US troops are stationed in north-eastern Syria alongside Kurdish-led forces.",
    # Plain reporting on the topics of the narratives added for issue 17.
    "Britain formally notified the EU of its intention to leave in March 2017.",
    "Ukrainian officials said three soldiers were wounded in clashes with separatists overnight.",
    "Turnout in the Austrian presidential election rerun was about 74 per cent.",
    "NATO leaders agreed in Warsaw to deploy four battalions to Poland and the Baltic states.",
])
def test_neutral_topical_sentences_match_nothing(builtin, text):
    assert carried(builtin, text, stance=None) == set()


def test_rebuttals_never_assert(builtin):
    for text in ("The claim that the White Helmets staged the rescue videos has been debunked.",
                 "There is no evidence that the chemical attack was staged; the OPCW found the government responsible."):
        assert carried(builtin, text) == set(), text


NEW_NARRATIVE = "narratives:\n" + MOON + """\
      - Stanley Kubrick directed the fake Moon landing on a sound stage for the government.
      - No human has ever been to the Moon; the Apollo missions were a hoax.
    neutral:
      - NASA plans to send astronauts back to the Moon later this decade.
"""


def test_user_narrative_unseen_in_training_is_matched(tmp_path, cache):
    """The pair head has never seen this topic: it matches by the entry's own phrasings, not by its id."""
    phr = Phrasings(load_catalogue((str(write(tmp_path, NEW_NARRATIVE)),)), cached_encode)
    assert "moon-landing-faked" in carried(phr, "The so-called Moon landing was a Hollywood fake shot in a studio "
                                                "to fool the world during the Cold War.")
    assert "moon-landing-faked" not in carried(phr, "NASA said the Artemis rocket would launch towards the Moon "
                                                    "next month.", stance=None)


# --- the stage ----------------------------------------------------------------------------------

ARTICLE = """\
Washington Shields Its Jihadists Again

The US-led coalition has once again protected the terrorists in Syria: American helicopters evacuated ISIS commanders from the besieged town before the Syrian army could reach them.

The weather in Damascus was mild on Tuesday, and the markets were open as usual.

Western media, of course, will never report any of this to their readers.
"""


@pytest.fixture(scope="module")
def pipeline(cache):
    return Pipeline(targets=["narratives"])


def test_stage_finds_narratives_with_honest_evidence(pipeline):
    doc = analyze(ARTICLE, pipeline=pipeline)
    assert doc.problems() == []
    found = {n.id: n for n in doc.narratives}
    assert "us-supports-terrorists-syria" in found
    sentences = {(s.start, s.end) for s in doc.sentences}
    for n in doc.narratives:
        assert 0 < n.score <= 1 and n.stance in STANCES
        assert n.stance == next(s for s in STANCES if any(e.stance == s for e in n.evidence))
        for ev in n.evidence:
            assert ev.stance in STANCES and 0 < ev.score <= 1
            assert (ev.start, ev.end) in sentences  # evidence is whole sentences of the document
            assert doc.text[ev.start:ev.end].strip() == doc.text[ev.start:ev.end]
    evidence = " ".join(doc.text[e.start:e.end] for e in found["us-supports-terrorists-syria"].evidence)
    assert "evacuated ISIS commanders" in evidence
    assert all("weather" not in doc.text[e.start:e.end] for n in doc.narratives for e in n.evidence)
    assert found["us-supports-terrorists-syria"].stance == "asserts"
    record = doc.to_dict()
    assert record["narratives"][0]["stance"] in STANCES and record["narratives"][0]["evidence"][0]["stance"] in STANCES
    assert record["narratives"][0]["evidence"][0]["text"] == doc.text[record["narratives"][0]["evidence"][0]["start"]:
                                                                      record["narratives"][0]["evidence"][0]["end"]]


def test_stage_needs_the_parser_sentences():
    with pytest.raises(ConfigError, match="'narratives' requires 'sentences'.*'parse' is not in the pipeline"):
        Pipeline(stages=["clean", "narratives"])


REPORTED = """\
Moscow Says Gas Attack Was Staged

Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday: "The so-called chemical attack in Douma was staged by the White Helmets to justify Western missile strikes on Syria."

Fact checkers said there is no evidence that the attack in Douma was staged, and inspectors found traces of chlorine.
"""


def test_quoted_claim_is_reported_not_asserted(cache):
    doc = analyze(REPORTED, pipeline=Pipeline(stages=["clean", "parse", "entities", "quotes", "narratives"]))
    assert doc.problems() == []
    stances = {(n.id, e.stance, doc.text[e.start:e.end][:20]) for n in doc.narratives for e in n.evidence}
    assert not any(st == "asserts" for _, st, _ in stances), stances
    assert any(st == "reports" and txt.startswith("Russian Foreign") for _, st, txt in stances), stances


def test_a_section_heading_is_no_evidence():
    """Fresh-eyes audit (stop 25): a short body line without closing punctuation is a section heading
    ("4. Troops, weapons and the eastern front"): it names a topic and asserts nothing. Titles and
    sentences stay candidates."""
    from spinscope.model import Sentence
    from spinscope.spin.narratives.stage import _subheading

    text = ("Envoys Meet\n\nThe envoys met for five hours.\n\n4. Troops, weapons and the eastern front\n\n"
            "There are no foreign troops in the east, the minister said\n")

    def sent(piece: str, segment: str = "body") -> Sentence:
        start = text.index(piece)
        return Sentence(start, start + len(piece), segment=segment)

    assert _subheading(text, sent("Troops, weapons and the eastern front"))
    assert _subheading(text, sent("4. Troops, weapons and the eastern front"))
    assert not _subheading(text, sent("Envoys Meet", "title"))
    assert not _subheading(text, sent("The envoys met for five hours."))
    assert not _subheading(text, sent("There are no foreign troops in the east, the minister said")), \
        "eleven words: a sentence that lost its full stop"


def test_a_field_written_twice_in_one_narrative_is_an_error(tmp_path):
    """New-user walk-through (stop 32): a second `label:` (or `examples:`) in one entry silently replaced the
    first; now the file and both lines are named."""
    path = write(tmp_path, "narratives:\n  - id: ferry-plot\n    label: The ferry fares are a plot\n"
                           "    description: Fares are said to be raised on purpose.\n"
                           "    examples: [The fare rise is a plot against the islanders.]\n"
                           "    examples: [Another one.]\n")
    assert error_of(path) == (f"{path}:6: field `examples`: given twice in the same mapping (first at line 5); "
                              f"YAML would keep only the last value")


def test_without_in_a_relayed_claim_is_no_denial():
    """Stop 34: "The spokeswoman said the foreign troops were in the country illegally and without the consent
    of its government" relays the claim; "without" made it `rejects`."""
    from spinscope.spin.narratives.model import denies
    assert not denies("The spokeswoman said the foreign troops were in the country illegally and without the "
                      "consent of its government.", None)
    assert denies("There is no evidence that the troops were there illegally.", None)
    assert denies("The troops did not enter the country, the ministry said.", None)


def test_calibration_rule_bounds_news_precision_disproofs_and_gold_negatives():
    """tools/narratives_calibration.py's one rule for the cascades' operating points (rounds 6 and 7)."""
    import importlib.util
    from types import SimpleNamespace
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    ctx = SimpleNamespace(news=list(range(100)))  # 2 % of 100 news articles: 2 may carry a narrative
    base = {"news_articles": "1/100", "precision_pairs": 0.7, "disproofs_asserted": 0.1,
            "gold_dev_negatives_asserted": 0.03}
    fig = lambda news, prec, dis=0.1, neg=0.03: {"news_articles": f"{news}/100", "precision_pairs": prec,  # noqa: E731
                                                 "disproofs_asserted": dis, "gold_dev_negatives_asserted": neg}
    project, shipped = calib.within_rule(base, ctx, "project"), calib.within_rule(base, ctx, "shipped")
    assert project(fig(2, 0.8)) and not project(fig(3, 0.8)) and not project(fig(2, 0.79))
    assert shipped(fig(1, 0.7)) and not shipped(fig(2, 0.9)) and not shipped(fig(1, 0.69))
    assert not project(fig(0, 0.9, dis=0.11)) and not shipped(fig(0, 0.9, neg=0.04))


def test_voice_grid_can_hold_the_pair_paths_threshold():
    """Eighth round: the voice cascade's search with the pair path's threshold held (only the voice path's claim
    log-odds and pair floor are searched)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    held = calib.voice_ft_grid(0.8)
    assert {p["threshold"] for p in held} == {0.8}
    assert len(held) == len(calib.VOICE_FT_CLAIMS) * len(calib.VOICE_FT_PAIR_FLOORS)
    free = calib.voice_ft_grid()
    assert {p["threshold"] for p in free} == set(calib.VOICE_FT_THRESHOLDS) and 0.76 in calib.VOICE_FT_THRESHOLDS
    # Ninth round: "either" stores the point's pair floor as the reading floor when over 0.2 (exact: the
    # classifier's path needs it); "replace" keeps 0.2 (there the classifier's score replaces the logistic head's).
    assert calib.write_floor("either", 0.3) == 0.3 and calib.write_floor("either", 0.2) == 0.2
    assert calib.write_floor("replace", 0.4) == calib.VOICE_FT_FLOOR == 0.2


def test_voice_better_rule_needs_more_recall_and_no_worse_figure():
    """Tenth round: `--voice-rule better` admits a point only if it recalls more cases and no printed figure of
    the calibration split is worse than the packaged model's; `--voice-min-floor` bounds the pair floors."""
    import importlib.util
    from types import SimpleNamespace
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    base = {"recall": 0.44, "recall_labelled": 0.53, "precision_pairs": 0.767, "news_articles": "4/340",
            "disproofs_asserted": 0.116, "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.786, 0.342]}
    ok = calib.within_rule(base, SimpleNamespace(news=list(range(340))), "better")
    assert ok({**base, "recall": 0.45}) and not ok(base)
    for worse in ({"recall_labelled": 0.52}, {"precision_pairs": 0.766}, {"news_articles": "5/340"},
                  {"disproofs_asserted": 0.117}, {"gold_dev_negatives_asserted": 0.06}, {"gold_dev_p_r": [0.78, 0.4]},
                  {"gold_dev_p_r": [0.8, 0.3]}):
        assert not ok({**base, "recall": 0.5, **worse}), worse
    grid = calib.voice_ft_grid(0.8, 0.3)
    assert {p["pair_floor"] for p in grid} == {0.3, 0.4, 0.5} and {p["threshold"] for p in grid} == {0.8}
    assert len(grid) == len(calib.VOICE_FT_CLAIMS) * 3


def test_candidates_ranked_by_closest_example_plus_prototype_keep_their_features(builtin):
    """Eleventh round, candidate B2 (not shipped: `candidate_rank` absent from model.json): with "closest+proto" a
    sentence's candidates are the narratives with the highest closest-example plus prototype similarity; a pair
    chosen both ways has the same features (they keep their closest-example meaning); the default is unchanged."""
    import numpy as np
    texts = ["Washington is arming the jihadists in Syria and NATO is massing troops on Russia's borders.",
             "The European Union is collapsing under the weight of migrants."]
    emb = encode(texts)
    lo = np.zeros(len(texts))
    r0, c0, x0 = builtin.candidates(emb, texts, lo)
    r1, c1, x1 = builtin.candidates(emb, texts, lo, rank="closest+proto")
    assert "candidate_rank" not in load_model().meta
    sims = emb @ builtin.examples.T
    sim_max = np.stack([sims[:, builtin.owner == j].max(axis=1) for j in range(len(builtin.ids))], axis=1)
    want = np.argsort(-(sim_max + emb @ builtin.proto.T), axis=1, kind="stable")[:, :3]
    assert c1.tolist() == want.reshape(-1).tolist() and r1.tolist() == r0.tolist()
    assert c0.tolist() == np.argsort(-sim_max, axis=1)[:, :3].reshape(-1).tolist()
    both = [(a, b) for a in range(len(c0)) for b in range(len(c1)) if r0[a] == r1[b] and c0[a] == c1[b]]
    assert both and all(np.allclose(x0[a], x1[b]) for a, b in both)
    with pytest.raises(ValueError):
        builtin.candidates(emb, texts, lo, rank="prototype")


def test_calibration_extra_examples_append_to_the_catalogue(tmp_path):
    """`tools/narratives_calibration.py --extra-examples FILE` (eleventh round): FILE's examples are appended to the
    entries' own; an unknown id or a sentence YAML read as a mapping ("a: b" unquoted) stops the run."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    path = write(tmp_path, "examples:\n  eu-collapsing:\n    - Sweden is next to leave the sinking EU.\n", "x.yaml")
    cat = calib.with_examples(load_catalogue(()), path)
    assert cat.narratives["eu-collapsing"].examples[-1] == "Sweden is next to leave the sinking EU."
    assert cat.narratives["eu-collapsing"].examples[:-1] == load_catalogue(()).narratives["eu-collapsing"].examples
    for bad in ("examples:\n  no-such-id:\n    - A sentence here.\n",
                "examples:\n  eu-collapsing:\n    - Brexit: the EU falls apart.\n"):
        with pytest.raises(SystemExit):
            calib.with_examples(load_catalogue(()), write(tmp_path, bad, "bad.yaml"))
    shipped = calib.yaml.safe_load((Path(__file__).resolve().parents[1] / "tools" / "narratives_concrete.yaml")
                                   .read_text(encoding="utf-8"))["examples"]
    assert sum(map(len, shipped.values())) == 79 and len(shipped) == 49


def test_the_bench_says_how_the_voice_classifier_joins_the_voice_path():
    """bench/narratives.py named the ninth round's "either" classifier as replacing the logistic head's path (stop 41)."""
    from bench.narratives import render

    point = {"floor": 0.3, "threshold": 0.8, "claim_threshold": 5.5, "pair_floor": 0.3}
    head = {"threshold": 0.8, "claim_threshold": 6.25, "pair_floor": 0.2, "own_gold": None}
    assert "adds a path beside the line above" in render({**head, "voice_ft": {**point, "combine": "either"}})
    assert "replaces the line above" in render({**head, "voice_ft": {**point, "combine": "replace"}})


def test_document_rule_lowers_the_bar_for_a_second_sentence_of_the_same_narrative():
    """Twelfth round: with model.json's `document` rule, a pair at its bar is evidence when another sentence of the
    same document has the same narrative at the bar; one sentence alone, another narrative, or another document
    does not count, and without `groups` (or with the rule off) nothing changes."""
    import dataclasses
    import numpy as np
    model = dataclasses.replace(load_model(), threshold=0.8, claim_threshold=None, narrative_thresholds={},
                                cross=None, voice_ft=None, document={"enabled": True, "threshold": 0.5})
    # sentences 0, 1 in document 0; sentences 2, 3 in document 1; sentence 4 in document 2
    rows = np.array([0, 0, 1, 1, 2, 3, 4])
    cols = np.array([0, 1, 0, 2, 1, 1, 0])
    probs = np.array([0.55, 0.6, 0.7, 0.45, 0.9, 0.3, 0.6])
    voice = np.full((5, 3), 1 / 3)
    groups = np.array([0, 0, 1, 1, 2])
    # narrative 0 twice in document 0 (0.55, 0.7): both; narrative 1 once there (0.6) and once in document 1 at
    # 0.9 (the pair path) with its other sentence under the bar (0.3); sentence 4's narrative 0 is alone in its
    # document (document 2), though narrative 0 is over the bar in document 0
    assert model.evidence(rows, cols, probs, voice, groups=groups).tolist() == \
        [True, False, True, False, True, False, False]
    assert model.evidence(rows, cols, probs, voice).tolist() == [False, False, False, False, True, False, False]
    off = dataclasses.replace(model, document={"enabled": False, "threshold": 0.5})
    assert off.evidence(rows, cols, probs, voice, groups=groups).tolist() == \
        [False, False, False, False, True, False, False]
    # the bar is the rule's: at 0.6, narrative 0 of document 0 keeps one sentence (0.7; 0.55 is under it): none
    high = dataclasses.replace(model, document={"enabled": True, "threshold": 0.6})
    assert high.evidence(rows, cols, probs, voice, groups=groups).tolist() == \
        [False, False, False, False, True, False, False]


def test_stage_applies_the_document_rule_within_a_document_only(cache, monkeypatch):
    """The stage gives the document rule each sentence's document: two sentences of one narrative in one article
    make evidence together; the same two sentences in two articles of the same batch do not."""
    import dataclasses
    from spinscope.spin.narratives import stage as st
    a = "The White Helmets stage fake rescues for Western cameras."
    b = "The so-called rescuers are a propaganda tool funded by London and Washington."
    base = load_model()
    model = dataclasses.replace(base, threshold=0.999, claim_threshold=None, narrative_thresholds={}, cross=None,
                                voice_ft=None, document={"enabled": True, "threshold": 0.05})
    monkeypatch.setattr(st, "load_model", lambda: model)
    pipe = Pipeline(stages=["clean", "parse", "entities", "quotes", "narratives"])
    together = Document(text=f"{a} {b}\n")
    apart = [Document(text=a + "\n"), Document(text=b + "\n")]
    pipe.process([together, *apart])
    assert together.narratives and all(len(n.evidence) == 2 for n in together.narratives), together.narratives
    assert not apart[0].narratives and not apart[1].narratives
    off = dataclasses.replace(model, document=None)  # the same batch without the rule: nothing
    monkeypatch.setattr(st, "load_model", lambda: off)
    again = Document(text=f"{a} {b}\n")
    Pipeline(stages=["clean", "parse", "entities", "quotes", "narratives"]).process([again])
    assert not again.narratives


def test_round12_rule_and_pick():
    """Twelfth round (tools/narratives_calibration.py --round12): the calibration rule needs more recall, at most 6
    of the 340 news articles, pair precision at most 0.01 under today's, own-gold dev P no lower, disproofs and
    own-gold negatives no higher; the pick is the highest recall, then precision, then fewer news, then the
    point nearest today's."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    base = {"recall": 0.45, "recall_labelled": 0.53, "precision_pairs": 0.769, "news_articles": "4/340",
            "disproofs_asserted": 0.116, "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.786, 0.342],
            "point": [0.8, 6.25, 0.2, 5.5, 0.0]}
    ok = lambda **kw: calib.round12_ok(base, {**base, "recall": 0.5, **kw})  # noqa: E731
    assert ok() and ok(news_articles="6/340", precision_pairs=0.759) and not calib.round12_ok(base, base)
    for worse in ({"news_articles": "7/340"}, {"precision_pairs": 0.758}, {"gold_dev_p_r": [0.78, 0.5]},
                  {"disproofs_asserted": 0.117}, {"gold_dev_negatives_asserted": 0.06}):
        assert not ok(**worse), worse
    assert ok(recall_labelled=0.4, gold_dev_p_r=[0.786, 0.1])  # not part of this rule
    pts = [{**base, "recall": 0.5, "point": [0.76, 6.0, 0.2, 5.0, 0.5]},
           {**base, "recall": 0.5, "point": [0.78, 6.0, 0.2, 5.0, 0.0]},
           {**base, "recall": 0.49, "precision_pairs": 0.8, "point": [0.8, 6.0, 0.2, 5.0, 0.0]},
           {**base, "recall": 0.6, "news_articles": "7/340", "point": [0.7, 4.5, 0.2, 3.5, 0.4]}]
    assert calib.round12_pick(base, pts)["point"] == [0.78, 6.0, 0.2, 5.0, 0.0]  # D off first at equal figures
    assert calib.round12_pick(base, pts[2:3])["point"] == [0.8, 6.0, 0.2, 5.0, 0.0]
    assert calib.round12_pick(base, pts[3:]) is None
    grid = calib.round12_grid()
    assert len(grid) == 2400 and (0.8, 6.25, 0.2, 5.5, 0.0) in grid


def test_round12_write_stores_the_point_and_the_document_rule(tmp_path):
    import importlib.util
    import json
    import shutil
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    path = tmp_path / "model.json"
    shutil.copy(Path(__file__).resolve().parents[1] / "src" / "spinscope" / "data" / "narratives" / "model.json", path)
    calib.write_round12((0.76, 5.5, 0.3, 4.5, 0.6), {"recall": 0.5}, path)
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert (meta["threshold"], meta["claim_threshold"], meta["pair_floor"]) == (0.76, 5.5, 0.3)
    assert meta["voice_ft"]["threshold"] == 0.76 and meta["voice_ft"]["claim_threshold"] == 4.5
    assert meta["voice_ft"]["pair_floor"] == meta["voice_ft"]["floor"] == 0.3 and meta["voice_ft"]["combine"] == "either"
    assert meta["document"] == {"enabled": True, "threshold": 0.6}
    calib.write_round12((0.8, 6.25, 0.2, 5.5, 0.0), {"recall": 0.45}, path)
    assert "document" not in json.loads(path.read_text(encoding="utf-8"))


def test_voice_classifier_product_bar_adds_pairs_where_the_pair_head_is_surer():
    """Thirteenth round: with `voice_ft` "product": K the classifier's path also fires at a sentence's most probable
    candidate when pair probability x claim log-odds reaches K (and the pair floor); the flat bar stays, an unread
    sentence (NaN) and a second candidate take no path, and without "product" nothing changes."""
    import dataclasses
    import numpy as np
    ft = {"enabled": True, "combine": "either", "floor": 0.3, "threshold": 0.8, "claim_threshold": 5.5,
          "pair_floor": 0.3}
    model = dataclasses.replace(load_model(), threshold=0.8, claim_threshold=6.25, pair_floor=0.2,
                                narrative_thresholds={}, cross=None, voice_ft=ft, document=None)
    rows = np.array([0, 0, 1, 2, 3, 4])
    cols = np.array([0, 1, 0, 1, 2, 0])
    probs = np.array([0.6, 0.5, 0.3, 0.25, 0.5, 0.55])
    voice = np.full((5, 3), 1 / 3)
    # claim log-odds: 2.5 (0.6 x 2.5 = 1.5), 4.5 (0.3 x 4.5 = 1.35), 9.0 under the floor, NaN (not read), 5.6
    logodds = np.array([2.5, 4.5, 9.0, np.nan, 5.6], dtype=np.float32)
    assert model.evidence(rows, cols, probs, voice, voice_ft=logodds).tolist() == \
        [False, False, False, False, False, True]
    k14 = dataclasses.replace(model, voice_ft={**ft, "product": 1.4})
    # sentence 0's best candidate (0.6 x 2.5 = 1.5 >= 1.4), not its second (0.5); sentence 1 at 1.35 < 1.4;
    # sentence 2 under the pair floor; sentence 3 unread; sentence 4 by the flat bar as before
    assert k14.evidence(rows, cols, probs, voice, voice_ft=logodds).tolist() == \
        [True, False, False, False, False, True]
    k13 = dataclasses.replace(model, voice_ft={**ft, "product": 1.3})
    assert k13.evidence(rows, cols, probs, voice, voice_ft=logodds).tolist() == \
        [True, False, True, False, False, True]


def _calibration_tool():
    import importlib.util
    spec = importlib.util.spec_from_file_location("calib", Path(__file__).resolve().parents[1] / "tools"
                                                  / "narratives_calibration.py")
    calib = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calib)
    return calib


def test_round13_rule_and_pick():
    """Thirteenth round (tools/narratives_calibration.py --round13): no printed figure worse than today's, recall
    higher, and the labelled pairs it adds right at least 80 % of the time; the pick is the highest recall, then
    precision, then A before B, then the higher bar."""
    calib = _calibration_tool()
    base = {"recall": 0.45, "recall_labelled": 0.53, "precision_pairs": 0.779, "news_articles": "4/340",
            "disproofs_asserted": 0.116, "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335],
            "pairs_labelled": 190, "pairs_right": 148, "point": None}
    ok = lambda **kw: calib.round13_ok(base, {**base, "recall": 0.46, "pairs_labelled": 195, "pairs_right": 152,  # noqa: E731
                                              **kw})
    assert ok() and not calib.round13_ok(base, base)
    assert not ok(pairs_right=151)  # 3 of 5 added pairs right: under 0.8
    assert not ok(pairs_labelled=190, pairs_right=148)  # no added labelled pair: nothing to judge the additions by
    for worse in ({"news_articles": "5/340"}, {"precision_pairs": 0.778}, {"gold_dev_p_r": [0.78, 0.4]},
                  {"gold_dev_p_r": [0.8, 0.3]}, {"disproofs_asserted": 0.117}, {"gold_dev_negatives_asserted": 0.06},
                  {"recall_labelled": 0.52}):
        assert not ok(**worse), worse
    add = {"pairs_labelled": 195, "pairs_right": 152}
    pts = [{**base, **add, "recall": 0.46, "point": ["B", 1.2]},
           {**base, **add, "recall": 0.46, "point": ["A", 4.0]},
           {**base, **add, "recall": 0.46, "point": ["A", 4.5]},
           {**base, **add, "recall": 0.455, "precision_pairs": 0.79, "point": ["A", 5.0]},
           {**base, "recall": 0.5, "pairs_labelled": 200, "pairs_right": 150, "point": ["A", 2.0]}]
    assert calib.round13_pick(base, pts)["point"] == ["A", 4.5]  # A before B, then the higher bar
    assert calib.round13_pick(base, pts[:1] + pts[3:])["point"] == ["B", 1.2]  # recall first
    assert calib.round13_pick(base, pts[4:]) is None
    grid = calib.round13_grid()
    assert len(grid) == 16 and ("A", 4.0) in grid and ("B", 1.2) in grid and ("A", 5.5) not in grid


def test_round13_apply_and_write(tmp_path):
    import dataclasses
    import json
    import shutil
    calib = _calibration_tool()
    packaged = load_model().voice_ft
    model = dataclasses.replace(load_model())
    calib.round13_apply(model, packaged, ("A", 4.0))
    assert model.voice_ft["claim_threshold"] == 4.0 and "product" not in model.voice_ft
    calib.round13_apply(model, packaged, ("B", 1.2))
    assert model.voice_ft["claim_threshold"] == packaged["claim_threshold"] and model.voice_ft["product"] == 1.2
    calib.round13_apply(model, packaged, None)
    assert model.voice_ft == packaged
    path = tmp_path / "model.json"
    shutil.copy(Path(__file__).resolve().parents[1] / "src" / "spinscope" / "data" / "narratives" / "model.json", path)
    before = json.loads(path.read_text(encoding="utf-8"))
    calib.write_round13(("B", 1.3), {"recall": 0.46}, path)
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["voice_ft"]["product"] == 1.3 and meta["voice_ft"]["round13_calibration"] == {"recall": 0.46}
    assert {k: v for k, v in meta["voice_ft"].items() if k not in ("product", "round13_calibration")} == \
        before["voice_ft"]
    assert (meta["threshold"], meta["claim_threshold"], meta["pair_floor"]) == \
        (before["threshold"], before["claim_threshold"], before["pair_floor"])
    calib.write_round13(("A", 4.5), {"recall": 0.46}, tmp_path / "model.json")
    assert json.loads(path.read_text(encoding="utf-8"))["voice_ft"]["claim_threshold"] == 4.5


# --- fourteenth round (stop 46): the case index's titles as more claims -------------------------------------------

def _index_row(day: str, title: str, keywords: str = "") -> dict:
    return {"date": day, "id": "x", "title": title, "countries": "", "keywords": keywords, "languages": "",
            "outlets": ""}


def _case_row(day: str, title: str, summary: str = "") -> dict:
    m, d, y = day.split("/")
    return {"date": f"{int(m)}/{int(d)}/{y}", "title": title, "summary": summary, "disproof": "", "keywords": "",
            "outlet": ""}


def test_index_modes_never_read_the_calibration_and_heldout_year():
    """Fourteenth round: A reads the index before 2017 only, B also from 2018 on; no mode reads 2017."""
    from datetime import date
    from spinscope.training import narratives as tr
    for mode in ("A", "B"):
        for d in (date(2017, 1, 1), date(2017, 4, 2), date(2017, 12, 31)):
            assert not tr.index_in_mode(d, mode)
        assert tr.index_in_mode(date(2016, 12, 31), mode)
    assert not tr.index_in_mode(date(2018, 1, 1), "A") and tr.index_in_mode(date(2018, 1, 1), "B")
    assert not tr.index_in_mode(date(2016, 5, 1), "off")


def test_index_claims_drops_every_leak_and_labels_by_plus_keywords():
    """index_claims: dates, short titles, titles equal (normalised) to a calibration/held-out case's or to a training
    case's, and embedding near-copies of either are dropped, each counted; labels come from `+`-separated keywords."""
    from spinscope.training import narratives as tr
    cases = [_case_row("2/10/16", "Training case about a staged attack in a city", "Nothing else to say here."),
             _case_row("2/10/17", "Calibration case that the West plots in Kyiv", "Second calib sentence here now."),
             _case_row("6/10/17", "Held out case about the sanctions hurting Europe", "Held out summary sentence now.")]
    rows = [_index_row("2016-03-01", "MH17 was downed by a Ukrainian jet fighter", "MH17+Donbas"),
            _index_row("2017-05-01", "A claim of the held-out year about anything at all"),
            _index_row("2019-05-01", "Held out case about the sanctions hurting Europe!"),  # same title, normalised
            _index_row("2016-02-10", "Training case about a staged attack in a city…"),  # a training case again
            _index_row("2016-03-02", "Too short"),
            _index_row("2019-06-01", "NEAR COPY of a held-out summary sentence"),
            _index_row("2020-06-01", "Plain later claim about NATO in the Baltics", "NATO+Anglo-Saxon")]
    near = "NEAR COPY of a held-out summary sentence"

    def encoder(texts):  # one unit vector per distinct text, the near copy on the held-out sentence's
        out = np.zeros((len(texts), 64), np.float32)
        for i, t in enumerate(texts):
            key = "Held out summary sentence now." if t == near else t
            out[i, sum(map(ord, key)) % 64] = 1.0
        return out

    ids = {"mh17-ukraine-blame", "donbas-genocide", "west-wants-destroy-russia"}
    a, ca = tr.index_claims(rows, cases, "A", encoder, ids)
    assert [t for t, _ in a] == ["MH17 was downed by a Ukrainian jet fighter"]
    assert a[0][1] == {"mh17-ukraine-blame", "donbas-genocide"}
    assert ca["same_title_train_or_repeat"] == 1 and ca["short"] == 1 and ca["outside_dates"] == 4
    b, cb = tr.index_claims(rows, cases, "B", encoder, ids)
    assert [t for t, _ in b] == ["MH17 was downed by a Ukrainian jet fighter",
                                 "Plain later claim about NATO in the Baltics"]
    assert b[1][1] == {"west-wants-destroy-russia"}
    assert cb["same_title_heldout_or_calib"] == 1 and cb["near_heldout_or_calib"] == 1 and cb["outside_dates"] == 1
    assert cb["kept"] == 2 and cb["kept_labelled"] == 2


def test_refit_carries_the_classifier_section_over():
    """A refit's model.json keeps the packaged classifier's section (training does not fit it); its pair threshold
    follows the refit's. Before the fourteenth round a refit dropped it and so switched the classifier off."""
    from spinscope.training import narratives as tr
    prev = {"threshold": 0.8, "voice_ft": {"enabled": True, "combine": "either", "threshold": 0.8,
                                           "claim_threshold": 5.5, "floor": 0.3, "pair_floor": 0.3}}
    meta = tr.carried_sections({"threshold": 0.76, "claim_threshold": 6.0}, prev)
    assert meta["voice_ft"]["threshold"] == 0.76 and meta["voice_ft"]["claim_threshold"] == 5.5
    assert meta["voice_ft"]["combine"] == "either" and prev["voice_ft"]["threshold"] == 0.8  # a copy
    assert "cross" not in meta and "voice_ft" not in tr.carried_sections({"threshold": 0.8}, None)


def test_load_model_from_a_folder_equals_the_packaged(tmp_path):
    """model.load_model_from reads a training run's --out folder; on a copy of the packaged files it is the packaged
    model."""
    import shutil
    from importlib import resources
    from spinscope.spin.narratives.model import META_FILE, load_model_from
    folder = resources.files("spinscope") / "data" / "narratives"
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(str(folder / name), tmp_path / name)
    got, want = load_model_from(tmp_path), load_model()
    assert got.threshold == want.threshold and got.voice_ft == want.voice_ft
    assert np.array_equal(got.pair.coef, want.pair.coef)


def test_round14_rule_and_pick():
    """Fourteenth round (tools/narratives_calibration.py --round14): recall higher, news at most 6 of 340, pair
    precision no lower than today's, disproofs and own-gold negatives no higher, own-gold dev P no lower; the pick
    is the highest recall, then precision, then fewer news articles, then A before B."""
    calib = _calibration_tool()
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335]}
    ok = lambda **kw: calib.round14_ok(base, {**base, "recall": 0.5, **kw})  # noqa: E731
    assert ok() and ok(news_articles="6/340") and ok(gold_dev_p_r=[0.783, 0.2]) and not calib.round14_ok(base, base)
    for worse in ({"news_articles": "7/340"}, {"precision_pairs": 0.778}, {"disproofs_asserted": 0.117},
                  {"gold_dev_negatives_asserted": 0.06}, {"gold_dev_p_r": [0.78, 0.5]}):
        assert not ok(**worse), worse
    a = {**base, "recall": 0.5, "candidate": "A"}
    b = {**base, "recall": 0.5, "candidate": "B"}
    assert calib.round14_pick(base, [b, a])["candidate"] == "A"
    assert calib.round14_pick(base, [a, {**b, "recall": 0.51}])["candidate"] == "B"
    assert calib.round14_pick(base, [a, {**b, "precision_pairs": 0.8}])["candidate"] == "B"
    assert calib.round14_pick(base, [a, {**b, "news_articles": "3/340"}])["candidate"] == "B"
    assert calib.round14_pick(base, [{**a, "recall": 0.45}]) is None


def test_index_heads_split_keeps_the_voice_head_out_in_pair_mode():
    """`--index-heads pair`: no index title joins the voice head's claims; the labelled ones are pair-head rows only.
    "both": every title is a claim, an unlabelled one with None (voice head only), as an unlabelled case is."""
    from spinscope.training import narratives as tr
    extra = [("Title one is a claim here", {"mh17-ukraine-blame"}), ("Title two has no theme", set())]
    assert tr.index_heads_split(extra, "both") == ([("Title one is a claim here", {"mh17-ukraine-blame"}),
                                                   ("Title two has no theme", None)], [])
    assert tr.index_heads_split(extra, "pair") == ([], [("Title one is a claim here", {"mh17-ukraine-blame"})])
    with pytest.raises(ValueError):
        tr.index_heads_split(extra, "voice")


def test_voice_classifier_index_titles_join_the_claims_on_top_of_the_same_draw(tmp_path):
    """Fifteenth round (`narratives_voice --index A`): the classifier's claim sample is the same CLAIMS sentences with
    or without the index titles (the titles take no draw of the seeded generator), the titles come after it, each
    once and none that is a claim already; the index is read in mode A only (the strict time split), off reads none."""
    from spinscope.training import narratives_voice as nv
    cat = [f"catalogue example {i}" for i in range(20)]
    cases = [f"case claim number {i}" for i in range(3000)]
    without = nv.claim_sample(cat, cases, np.random.default_rng(nv.SEED))
    picked = without[len(cat) + 5]
    titles = ["An index title that is new", picked.upper(), "an index title that is NEW", "Another new index title"]
    rng = np.random.default_rng(nv.SEED)
    got = nv.claim_sample(cat, cases, rng, titles)
    assert len(without) == nv.CLAIMS and got[:nv.CLAIMS] == without
    assert got[nv.CLAIMS:] == ["An index title that is new", "Another new index title"]
    assert rng.random() == (lambda r: (r.permutation(len(cases)), r.random())[1])(np.random.default_rng(nv.SEED))
    assert nv.index_titles(tmp_path, "off", None) == ([], None)
    with pytest.raises(ValueError):
        nv.index_titles(tmp_path, "B", None)


def test_round15_pick_and_write(tmp_path):
    """Fifteenth round (tools/narratives_calibration.py --round15): round 14's rule on each (candidate, claim log-odds)
    point; the pick is the highest recall, then precision, then fewer news articles, then V before VP, then the higher
    claim bar. `write_round15` puts the pick's heads, its point (no weights path) and the weights into the folder."""
    import json
    import shutil
    from importlib import resources
    from spinscope.spin.narratives.model import META_FILE, load_model_from
    calib = _calibration_tool()
    assert calib.R15_C2 == (4.5, 5.0, 5.5, 6.0, 6.5)
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335]}
    v55 = {**base, "recall": 0.5, "candidate": "V", "claim_threshold": 5.5}
    v50 = {**v55, "claim_threshold": 5.0}
    vp = {**v55, "candidate": "VP"}
    order = ["V", "VP"]
    assert calib.round15_pick(base, [vp, v50, v55], order) is v55
    assert calib.round15_pick(base, [v55, {**vp, "recall": 0.51}], order)["candidate"] == "VP"
    assert calib.round15_pick(base, [v55, {**v50, "precision_pairs": 0.78}], order)["claim_threshold"] == 5.0
    assert calib.round15_pick(base, [v55, {**vp, "news_articles": "3/340"}], order)["candidate"] == "VP"
    assert calib.round15_pick(base, [{**v55, "news_articles": "7/340"}, {**vp, "recall": 0.45}], order) is None
    src, out = tmp_path / "VP", tmp_path / "out"
    src.mkdir(), out.mkdir()
    folder = resources.files("spinscope") / "data" / "narratives"
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(str(folder / name), src / name)
    meta = json.loads((src / META_FILE).read_text(encoding="utf-8"))
    meta["voice_ft"]["path"] = "/somewhere/voice.safetensors"
    (src / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    weights = tmp_path / "w.safetensors"
    weights.write_bytes(b"weights")
    calib.write_round15(src, weights, 6.0, {"recall": 0.5}, out)
    got = load_model_from(out)
    assert got.voice_ft["claim_threshold"] == 6.0 and "path" not in got.voice_ft
    assert got.voice_ft["round15_calibration"] == {"recall": 0.5} and got.voice_ft["floor"] == meta["voice_ft"]["floor"]
    assert (out / "voice.safetensors").read_bytes() == b"weights" and (out / MODEL_FILE).is_file()


def test_round16_rule_pick_and_write(tmp_path):
    """Sixteenth round (tools/narratives_calibration.py --round16): 11 pre-registered points; round 14's rule plus no
    more news articles than today's and the classifier's reads at most 1.3 times today's; the pick is the highest
    recall, then precision, fewer news articles, fewer reads, the earlier point. `write_round16` stores a point: for VP
    its heads and weights, for the packaged model its point only."""
    import json
    import shutil
    from importlib import resources
    from spinscope.spin.narratives.model import META_FILE, load_model_from
    calib = _calibration_tool()
    assert len(calib.R16_POINTS) == 11 and len(set(calib.R16_POINTS)) == 11
    assert not set(calib.R16_POINTS) & set(calib.R16_REFERENCES)
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335], "sentences_read": 608}
    p0, p1 = (list(p) for p in calib.R16_POINTS[:2])
    a = {**base, "recall": 0.47, "point": p0}
    assert calib.round16_ok(base, a) and not calib.round16_ok(base, base)
    for worse in ({"news_articles": "5/340"}, {"precision_pairs": 0.778}, {"sentences_read": 791},
                  {"disproofs_asserted": 0.117}, {"gold_dev_p_r": [0.78, 0.5]}):
        assert not calib.round16_ok(base, {**a, **worse}), worse
    assert calib.round14_ok(base, {**a, "news_articles": "5/340"})  # round 14 alone would allow it
    assert calib.round16_ok(base, {**a, "sentences_read": 790})
    b = {**a, "point": p1}
    assert calib.round16_pick(base, [b, a]) is a
    assert calib.round16_pick(base, [a, {**b, "recall": 0.48}])["point"] == p1
    assert calib.round16_pick(base, [a, {**b, "precision_pairs": 0.8}])["point"] == p1
    assert calib.round16_pick(base, [a, {**b, "news_articles": "3/340"}])["point"] == p1
    assert calib.round16_pick(base, [a, {**b, "sentences_read": 600}])["point"] == p1
    assert calib.round16_pick(base, [{**a, "news_articles": "5/340"}, {**b, "recall": 0.45}]) is None
    folder = resources.files("spinscope") / "data" / "narratives"
    vp, out = tmp_path / "VP", tmp_path / "out"
    vp.mkdir(), out.mkdir()
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(str(folder / name), vp / name)
        shutil.copy(str(folder / name), out / name)
    meta = json.loads((vp / META_FILE).read_text(encoding="utf-8"))
    meta["voice_ft"]["path"], meta["platt"] = "/somewhere/voice.safetensors", [1.0, -2.0]
    (vp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    weights = tmp_path / "w.safetensors"
    weights.write_bytes(b"weights")
    calib.write_round16(("packaged", 0.8, 6.25, 0.2, 5.5, 0.25), vp, weights, {"recall": 0.46}, out)
    got = load_model_from(out)
    assert got.platt == load_model().platt and not (out / "voice.safetensors").exists()
    assert (got.voice_ft["floor"], got.voice_ft["pair_floor"], got.voice_ft["claim_threshold"]) == (0.25, 0.25, 5.5)
    calib.write_round16(("VP", 0.76, 4.5, 0.3, 4.5, 0.3), vp, weights, {"recall": 0.47}, out)
    got = load_model_from(out)
    assert got.platt == (1.0, -2.0) and (got.threshold, got.claim_threshold, got.pair_floor) == (0.76, 4.5, 0.3)
    assert got.voice_ft["threshold"] == 0.76 and got.voice_ft["claim_threshold"] == 4.5 and "path" not in got.voice_ft
    assert got.voice_ft["round16_calibration"] == {"recall": 0.47} and got.voice_ft["combine"] == "either"
    assert (out / "voice.safetensors").read_bytes() == b"weights"


def test_round16_rows_read_the_classifier_once_and_mask_by_each_floor(monkeypatch):
    """`round16_rows` reads the classifier at the points' lowest floor once; a point with a higher floor counts only
    the sentences whose best candidate reaches it (its reads), and at the packaged point gives the packaged figures."""
    from types import SimpleNamespace
    from spinscope.spin.narratives import stage
    calib = _calibration_tool()
    calls = []
    def fake_scores(texts, rows, probs, model, floor=None, path=None, done=None):
        calls.append(floor)
        best = np.full(len(texts), -1.0)
        np.maximum.at(best, rows, probs)
        return np.where(best >= floor, 9.0, np.nan).astype(np.float32)
    monkeypatch.setattr(stage, "voice_ft_scores", fake_scores)
    seen = []
    monkeypatch.setattr(calib, "summarize", lambda hit, ctx: seen.append(hit.copy()) or {"narrative_thresholds": {}})
    texts = ["The West is behind every war in the world today.", "NATO held exercises near the Baltic states.",
             "NATO keeps moving its bases and missiles right up to the borders of Russia."]
    phr = phrasings()
    ctx = SimpleNamespace(part="calib", owner=[("news", 0)] * 3, cases=[], gold=[], news=[""], phr=phr)
    model = load_model()
    emb = encode(texts)
    pts = [("packaged", 0.8, 6.25, 0.2, 5.5, 0.3), ("packaged", 0.8, 6.25, 0.2, 5.5, 0.2)]
    got = calib.round16_rows("packaged", model, None, pts, phr, texts, emb, ctx)
    assert calls == [0.2] and [r["point"] for r in got] == [list(p) for p in pts]
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb)
    best = np.full(3, -1.0)
    np.maximum.at(best, rows, probs)
    assert [r["sentences_read"] for r in got] == [int((best >= 0.3).sum()), int((best >= 0.2).sum())]
    assert ((best >= 0.2) & (best < 0.3)).any()  # a sentence only the lower floor reads
    ft = np.where(best >= 0.3, 9.0, np.nan)
    assert np.array_equal(seen[0], model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft))
    assert load_model().voice_ft["floor"] == 0.3  # the packaged model is not changed


def _stance_of(text: str, quotes, hedge=None) -> str:
    """The stance of the whole `text` as one evidence sentence the voice head hears as a claim."""
    from spinscope.model import Quote, Sentence
    from spinscope.spin.narratives.stage import _reported, sentence_stance

    doc = Document(text)
    doc.quotes = list(quotes)
    voice = np.array([0.9, 0.05, 0.05])  # claim
    args = (doc, Sentence(0, len(text)), voice, _reported(doc), None)
    return sentence_stance(*args, hedge) if hedge is not None else sentence_stance(*args)


def test_a_quotation_with_its_attribution_relays_the_claim_realworld49():
    """Fresh-eyes audit (stop 49): a quotation followed by "said NAME, a director of ... for a firm that ..."
    asserted the narrative: the quotation was under half its sentence, the speaker's name and a long appositive
    after it. The cue and the name written beside the quotation count as relayed too; a
    writer's own long sentence with a short attributed quotation still asserts."""
    from spinscope.model import Quote, Span, Speaker

    text = ("“The harbour has always been run by smugglers,” said Vera Holm, a spokeswoman for the dockers' union at "
            "the northern terminal.")
    q = Quote(0, text.index(" said"), "direct", Speaker(None, "Vera Holm", text.index("Vera"),
                                                         text.index("Vera") + 9),
              Span(text.index("said"), text.index("said") + 4))
    assert _stance_of(text, [q]) == "reports"
    text = ("The harbour has always been run by smugglers who pay the port police and the customs officers to look "
            "away, and the town knows it, whatever Holm calls “a lie.”")
    q = Quote(text.index("“"), len(text), "direct", Speaker(None, "Holm", text.index("Holm"), text.index("Holm") + 4),
              Span(text.index("calls"), text.index("calls") + 5))
    assert _stance_of(text, [q]) == "asserts"


def test_a_hedged_claim_is_relayed_not_asserted_realworld49():
    """Fresh-eyes audit (stop 49): a sentence naming a state's backing of armed groups "including - allegedly -" the
    worst of them asserted a narrative the writer hedged; a word of the catalogue's `hedge_cues` makes the sentence
    relay it. The built-in catalogue lists the hedges; a sentence without one still asserts, and so does a mocking
    "supposedly" (the writer disbelieves the other side's claim: it is no hedge of the writer's own)."""
    from spinscope.spin.narratives.catalogue import cue_pattern

    assert {"allegedly", "purportedly"} <= set(load_catalogue().hedge_cues)
    hedge = cue_pattern(load_catalogue().hedge_cues)
    assert _stance_of("The neighbour armed the rebels, including - allegedly - the most violent bands.", [],
                      hedge) == "reports"
    assert _stance_of("The neighbour armed the rebels, including the most violent bands.", [], hedge) == "asserts"
    assert _stance_of("The supposedly neutral rescuers staged the whole attack for the cameras.", [],
                      hedge) == "asserts"


def _packaged_copy_and_head(tmp_path):
    """A copy of the packaged model's files in tmp_path/out and a one-narrative naming head file beside it."""
    import shutil
    from importlib import resources

    from spinscope.spin.narratives.model import META_FILE
    folder = resources.files("spinscope") / "data" / "narratives"
    out = tmp_path / "out"
    out.mkdir()
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(str(folder / name), out / name)
    head = tmp_path / "naming.npz"
    np.savez(head, ids=np.array(["russophobia"]), coef=np.ones((1, 384), np.float32),
             intercept=np.zeros(1, np.float32), mean=np.zeros(384, np.float32), scale=np.ones(384, np.float32))
    return out, head


def _naming_model(section: dict | None, dim: int = 4):
    """The packaged model with a two-narrative naming head ("a", "b") over `dim`-wide vectors and the given `naming`
    section."""
    import copy
    from spinscope.spin.narratives.model import Linear, Naming
    model = copy.copy(load_model())
    model.meta = {**model.meta, "naming": section}
    lin = Linear(np.eye(2, dim, dtype=np.float32), np.zeros(2, np.float32), np.zeros(dim, np.float32),
                 np.ones(dim, np.float32))
    model.naming = Naming(["a", "b"], lin)
    return model


def test_naming_head_probs_follow_the_catalogue_ids():
    """Seventeenth round: the naming head gives each narrative of the catalogue's ids its own sigmoid probability, in
    the catalogue's column order; an id it was not trained on (a user's entry) gets 0; off, it gives None."""
    model = _naming_model({"enabled": True, "candidate": True, "evidence": False})
    emb = np.array([[3.0, -3.0, 0.0, 0.0]])
    p = model.naming_probs(emb, ["b", "user-entry", "a"])
    assert p.shape == (1, 3) and p[0, 1] == 0.0
    assert p[0, 2] == pytest.approx(1 / (1 + np.exp(-3.0))) and p[0, 0] == pytest.approx(1 / (1 + np.exp(3.0)))
    assert _naming_model({"enabled": False}).naming_probs(emb, ["a"]) is None
    assert _naming_model(None).naming_probs(emb, ["a"]) is None
    assert load_model().naming_cfg() is None  # the packaged model: no naming head (main's behaviour)


def test_naming_candidate_joins_the_three_closest(builtin):
    """(i): the head's narrative joins a sentence's candidates when it is not among its three closest; rows stay in
    sentence order, and a narrative already among them is not added twice."""
    texts = ["NATO keeps moving its missiles up to the borders of Russia.", "The doping scandal is a Western plot."]
    emb = encode(texts)
    lo = np.zeros(2)
    rows, cols, x = builtin.candidates(emb, texts, lo)
    far = [j for j in range(len(builtin.ids)) if j not in cols[rows == 0]][-1]
    near = int(cols[rows == 1][0])
    rows2, cols2, x2 = builtin.candidates(emb, texts, lo, extra=np.array([far, near]))
    assert rows2.tolist() == [0, 0, 0, 0, 1, 1, 1] and far in cols2[rows2 == 0].tolist()
    assert cols2[rows2 == 1].tolist() == cols[rows == 1].tolist() and x2.shape == (7, x.shape[1])
    kept = [k for k in range(len(rows2)) if cols2[k] != far or rows2[k] != 0]
    assert np.allclose(x2[kept], x)  # the three closest keep their features
    rows3, cols3, _ = builtin.candidates(emb, texts, lo, extra=np.array([-1, -1]))
    assert rows3.tolist() == rows.tolist() and cols3.tolist() == cols.tolist()


def test_naming_evidence_path_needs_the_best_candidate_the_head_and_a_claim():
    """(ii): a sentence's most probable candidate is evidence when the naming head gives its narrative T_N or more and
    the claim log-odds reach C_N (the logistic head's, or the classifier's where it read the sentence); a candidate
    that is not the sentence's best, a head under T_N or a sentence under C_N is not; with "evidence" off, nothing."""
    from spinscope.spin.narratives.model import CLASSES
    section = {"enabled": True, "candidate": False, "evidence": True, "threshold": 0.6, "claim_threshold": 4.0}
    model = _naming_model(section)
    model.claim_threshold, model.threshold, model.voice_ft = 99.0, 0.99, None  # the other paths silent
    rows = np.array([0, 0, 1, 1, 2, 2])
    cols = np.array([0, 1, 0, 1, 1, 0])
    probs = np.array([0.1, 0.05, 0.1, 0.15, 0.1, 0.05])

    def voice_for(lo):  # claim-vs-news log-odds per sentence
        v = np.zeros((len(lo), 3))
        v[:, CLASSES.index("claim")] = 1 / (1 + np.exp(-np.asarray(lo)))
        v[:, CLASSES.index("news")] = 1 - v[:, CLASSES.index("claim")]
        return v

    naming = np.array([[0.9, 0.1], [0.9, 0.2], [0.3, 0.55]])
    got = model.evidence(rows, cols, probs, voice_for([5.0, 5.0, 5.0]), naming=naming)
    # sentence 0: best candidate a, head 0.9 -> evidence; sentence 1: best is b, head 0.2 -> no (a is not its best);
    # sentence 2: best b, head 0.55 < 0.6 -> no
    assert got.tolist() == [True, False, False, False, False, False]
    assert not model.evidence(rows, cols, probs, voice_for([3.0, 5.0, 5.0]), naming=naming).any()
    assert not model.evidence(rows, cols, probs, voice_for([5.0] * 3)).any()  # no head probabilities given
    model.voice_ft = {"enabled": True, "combine": "either", "claim_threshold": 99.0, "pair_floor": 0.99,
                      "threshold": 0.99, "floor": 0.3}
    ft = np.array([4.5, np.nan, np.nan], dtype=np.float32)  # the classifier read sentence 0 only
    assert model.evidence(rows, cols, probs, voice_for([1.0, 5.0, 5.0]), naming=naming,
                          voice_ft=ft).tolist()[:2] == [True, False]
    off = _naming_model({**section, "evidence": False})
    off.claim_threshold, off.threshold, off.voice_ft = 99.0, 0.99, None
    assert not off.evidence(rows, cols, probs, voice_for([5.0] * 3), naming=naming).any()


def test_naming_rows_and_head_from_the_training_part():
    """The naming head's rows: labelled claims positive for their narratives, unlabelled claims left out, news and
    disproof sentences negative for all; `fit_naming` gives one row of weights per narrative."""
    from spinscope.training import narratives as tr
    data = {"claims": ["The label of a", "A claim of a and b", "A claim of nothing known", "A claim of x only"],
            "claim_labels": [{"a"}, {"a", "b"}, None, {"x"}],
            "rebuttals": ["There is no proof of that."], "news": ["Ministers met on Monday."]}
    texts, y = tr.naming_rows(data, ["a", "b"])
    assert texts == ["The label of a", "A claim of a and b", "There is no proof of that.", "Ministers met on Monday."]
    assert y.tolist() == [[1, 0], [1, 1], [0, 0], [0, 0]]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 5))
    yy = np.zeros((40, 2), dtype=int)
    yy[:10, 0] = 1
    x[:10, 0] += 4.0
    coef, intercept, mean, scale = tr.fit_naming(x, yy)
    assert coef.shape == (2, 5) and coef[0, 0] > 0 and intercept[1] == -20.0  # no positive: never named


def test_round17_rule_pick_and_write(tmp_path):
    """Seventeenth round (tools/narratives_calibration.py --round17): 11 pre-registered points (mode, T_N, C_N); round
    14's rule plus the classifier's reads at most 1.3 times today's; the pick is the highest recall, then precision,
    then fewer news articles, then the earlier point. `write_round17` stores the head and its section; the refit's
    carried sections keep it."""
    import json
    from spinscope.spin.narratives.model import META_FILE, NAMING_FILE, Linear, load_model_from
    from spinscope.training import narratives as tr
    calib = _calibration_tool()
    assert len(calib.R17_POINTS) == 11 and len(set(calib.R17_POINTS)) == 11
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335], "sentences_read": 608}
    p0, p1 = (list(p) for p in calib.R17_POINTS[:2])
    a = {**base, "recall": 0.47, "point": p0, "news_articles": "6/340"}
    assert calib.round17_ok(base, a) and not calib.round17_ok(base, base)
    for worse in ({"news_articles": "7/340"}, {"precision_pairs": 0.778}, {"sentences_read": 791},
                  {"disproofs_asserted": 0.117}, {"gold_dev_p_r": [0.78, 0.5]}, {"gold_dev_negatives_asserted": 0.06}):
        assert not calib.round17_ok(base, {**a, **worse}), worse
    b = {**a, "point": p1}
    assert calib.round17_pick(base, [b, a]) is a
    assert calib.round17_pick(base, [a, {**b, "recall": 0.48}])["point"] == p1
    assert calib.round17_pick(base, [a, {**b, "precision_pairs": 0.8}])["point"] == p1
    assert calib.round17_pick(base, [a, {**b, "news_articles": "5/340"}])["point"] == p1
    assert calib.round17_pick(base, [{**a, "sentences_read": 800}, {**b, "recall": 0.45}]) is None
    assert calib.naming_section(("i", None, None)) == {"enabled": True, "candidate": True, "evidence": False}
    assert calib.naming_section(("ii", 0.7, 5.0)) == {"enabled": True, "candidate": False, "evidence": True,
                                                      "threshold": 0.7, "claim_threshold": 5.0}
    out, head = _packaged_copy_and_head(tmp_path)
    calib.write_round17(("i+ii", 0.5, 4.0), head, {"recall": 0.47}, out)
    got = load_model_from(out)
    assert (out / NAMING_FILE).is_file() and got.naming.ids == ["russophobia"] and isinstance(got.naming.linear, Linear)
    assert got.naming_cfg() == {"enabled": True, "candidate": True, "evidence": True, "threshold": 0.5,
                                "claim_threshold": 4.0, "round17_calibration": {"recall": 0.47}}
    assert got.voice_ft == load_model().voice_ft and got.threshold == load_model().threshold
    assert tr.carried_sections({"threshold": 0.8}, json.loads((out / META_FILE).read_text()))["naming"]["threshold"] == 0.5


def test_score_sentences_takes_the_naming_heads_candidate(builtin):
    """With the naming head's "candidate" setting, score_sentences scores the head's narrative beside the three
    closest (here the head knows only ids the catalogue lacks, so its top column is the catalogue's first narrative);
    the packaged model (no head) scores the three closest only."""
    text = "The doping scandal is a Western plot against our athletes."
    emb = encode([text])
    rows, cols, _, _ = score_sentences([text], load_model(), builtin, emb)
    assert len(rows) == 3 and 0 not in cols.tolist()
    model = _naming_model({"enabled": True, "candidate": True, "evidence": False}, dim=384)
    rows2, cols2, probs2, _ = score_sentences([text], model, builtin, emb)
    assert sorted(cols2.tolist()) == sorted(cols.tolist() + [0]) and len(probs2) == 4


def test_naming_evidence_path_pair_floor_round17b():
    """Round 17b: with a `pair_floor` in the naming section, path (ii) also needs the best candidate's pair
    probability at the floor or more; without one (None or absent) it is round 17's path, with no floor."""
    from spinscope.spin.narratives.model import CLASSES, naming_path
    rows = np.array([0, 0, 1, 1])
    cols = np.array([0, 1, 0, 1])
    probs = np.array([0.25, 0.1, 0.15, 0.05])  # sentence 0's best at 0.25, sentence 1's at 0.15
    v = np.zeros((2, 3))
    v[:, CLASSES.index("claim")] = 1 / (1 + np.exp(-6.0))
    v[:, CLASSES.index("news")] = 1 - v[:, CLASSES.index("claim")]
    naming = np.array([[0.9, 0.1], [0.9, 0.1]])
    assert naming_path(rows, cols, probs, v, naming, 0.8, 5.0).tolist() == [True, False, True, False]
    assert naming_path(rows, cols, probs, v, naming, 0.8, 5.0, pair_floor=0.2).tolist() == [True, False, False, False]
    section = {"enabled": True, "candidate": False, "evidence": True, "threshold": 0.8, "claim_threshold": 5.0}
    for floor, want in ((None, [True, False, True, False]), (0.2, [True, False, False, False]),
                        (0.3, [False] * 4)):
        model = _naming_model({**section, "pair_floor": floor})
        model.claim_threshold, model.threshold, model.voice_ft = 99.0, 0.99, None  # the other paths silent
        assert model.evidence(rows, cols, probs, v, naming=naming).tolist() == want, floor
    model = _naming_model(section)  # no "pair_floor" key at all: round 17's behaviour
    model.claim_threshold, model.threshold, model.voice_ft = 99.0, 0.99, None
    assert model.evidence(rows, cols, probs, v, naming=naming).tolist() == [True, False, True, False]


def test_round17b_points_pick_and_write(tmp_path):
    """Round 17b (tools/narratives_calibration.py --round17b): exactly three points (mode, T_N, C_N, pair floor) in the
    registered order of preference; round 17's rule; ties on recall and pair precision and news go to the earlier
    point; the written section carries the floor, and (i) alone writes none."""
    from spinscope.spin.narratives.model import load_model_from
    calib = _calibration_tool()
    assert calib.R17B_POINTS == (("i+ii", 0.8, 5.0, 0.2), ("i+ii", 0.7, 5.0, 0.2), ("i", None, None, None))
    assert calib.naming_section(calib.R17B_POINTS[0]) == {"enabled": True, "candidate": True, "evidence": True,
                                                           "threshold": 0.8, "claim_threshold": 5.0,
                                                           "pair_floor": 0.2}
    assert calib.naming_section(calib.R17B_POINTS[2]) == {"enabled": True, "candidate": True, "evidence": False}
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335], "sentences_read": 608}
    b1, b2, b3 = ({**base, "recall": 0.47, "point": list(p)} for p in calib.R17B_POINTS)
    assert calib.round17_pick(base, [b3, b2, b1], calib.R17B_POINTS) is b1  # a full tie: the registered order
    assert calib.round17_pick(base, [b1, {**b2, "recall": 0.48}], calib.R17B_POINTS)["point"] == b2["point"]
    assert calib.round17_pick(base, [b1, {**b3, "precision_pairs": 0.8}], calib.R17B_POINTS) is not b1
    assert calib.round17_pick(base, [{**b1, "disproofs_asserted": 0.2}, b3], calib.R17B_POINTS) is b3
    out, head = _packaged_copy_and_head(tmp_path)
    calib.write_round17(calib.R17B_POINTS[0], head, {"recall": 0.47}, out, key="round17b_calibration")
    got = load_model_from(out).naming_cfg()
    assert got["pair_floor"] == 0.2 and got["threshold"] == 0.8 and got["round17b_calibration"] == {"recall": 0.47}


def test_a_foreign_agents_laws_name_is_no_cue_realworld50(pipeline):
    """Fresh-eyes audit (stop 50): an AP story's "registering under the foreign agents law" asserted
    `soros-ngos` (the cue "foreign agent*" matched the law's name, which neutral news reports); the cues now take a
    side ("are foreign agents"). A sentence calling groups foreign agents still asserts it (guard)."""
    cues = load_catalogue().narratives["soros-ngos"].cues
    assert "foreign agent*" not in cues and "are foreign agents" in cues
    doc = analyze("Consultants who take money from foreign governments must register under the Foreign Agents "
                  "Registration Act.\n", pipeline=pipeline)
    assert "soros-ngos" not in {n.id for n in doc.narratives}, [(n.id, n.stance, n.score) for n in doc.narratives]
    doc = analyze("These so-called human rights groups are foreign agents serving Washington.\n", pipeline=pipeline)
    assert "soros-ngos" in {n.id for n in doc.narratives}


def test_hard_negative_weights_pick_each_narratives_nearest_unlabelled_rows():
    """Eighteenth round: each narrative's `k` hard negatives are the unlabelled rows (no narrative: news and disproof
    sentences) nearest to any of its labelled rows, skipping near-copies (cosine >= `near`); they weigh `weight` in
    that narrative's column only; labelled rows (another narrative's claims) stay at 1; k 0 gives round 17's head."""
    from spinscope.training import narratives as tr
    x = np.array([[1.0, 0.0, 0.0],   # claim of narrative 0
                  [0.0, 1.0, 0.0],   # claim of narrative 1
                  [1.0, 0.02, 0.0],  # unlabelled near-copy of claim 0 (cosine ~1): skipped
                  [0.8, 0.6, 0.0],   # unlabelled, topical for 0 (0.8) and for 1 (0.6)
                  [0.3, 0.0, 0.95],  # unlabelled, a little topical for 0
                  [0.0, 0.0, 1.0]])  # unlabelled, off topic
    y = np.array([[1, 0], [0, 1], [0, 0], [0, 0], [0, 0], [0, 0]], dtype=np.int8)
    w = tr.hard_negative_weights(x, y, k=2, weight=5.0, near=0.9)
    assert w[:, 0].tolist() == [1, 1, 1, 5, 5, 1]
    assert w[:, 1].tolist() == [1, 1, 1, 5, 1, 1] or w[:, 1].tolist() == [1, 1, 5, 5, 1, 1]
    assert w[0, 1] == 1 and w[1, 0] == 1  # other narratives' claims are not up-weighted
    assert (tr.hard_negative_weights(x, y, k=0) == 1).all()
    rng = np.random.default_rng(0)
    xx = rng.normal(size=(40, 3))
    yy = np.zeros((40, 1), dtype=np.int8)
    yy[:10, 0] = 1
    plain = tr.fit_naming(xx, yy)[0]
    hard = tr.fit_naming(xx, yy, weights=tr.hard_negative_weights(xx, yy, k=5, weight=5.0))[0]
    assert not np.allclose(plain, hard)  # the weights reach the regression


def test_round18_points_reference_pick_and_pages():
    """Eighteenth round (tools/narratives_calibration.py --round18): 11 registered points of the hard-negative head,
    every (ii) one with a pair floor; round 17b's B1 as the reference row (not among the points); round 17's rule
    and pick over them. The independent pages: PTC articles none of whose sentences training used, outside the
    held-out split, and Dragnet pages with enough topical words, each in sha1 order."""
    import re
    calib = _calibration_tool()
    pts = calib.R18_POINTS
    assert len(pts) == 11 and len(set(pts)) == 11 and calib.R18_REFERENCE == calib.R17B_POINTS[0]
    assert calib.R18_REFERENCE == pts[2]  # the same point on round 17's head is the reference row (H3 is H's)
    assert all(p[3] is not None for p in pts if calib.naming_section(p)["evidence"])
    assert calib.naming_section(pts[0]) == {"enabled": True, "candidate": True, "evidence": True, "threshold": 0.6,
                                            "claim_threshold": 5.0, "pair_floor": 0.2}
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335], "sentences_read": 608}
    rows = [{**base, "recall": 0.47, "point": list(p)} for p in pts]
    assert calib.round17_pick(base, rows[::-1], pts) is rows[0]
    assert calib.round17_pick(base, [rows[0], {**rows[3], "recall": 0.49}], pts)["point"] == list(pts[3])
    assert calib.round17_pick(base, [{**r, "news_articles": "7/340"} for r in rows], pts) is None
    order = calib.indep_order(["b", "a", "c"])
    assert sorted(order) == ["a", "b", "c"] and calib.indep_order(["c", "a", "b"]) == order
    arts = {"1": "Alpha went home early today.\nBeta stayed in the old town.", "2": "Gamma ran far across the hills.",
            "3": "Delta sang loud at the fair.", "4": "Eps hid under the wooden bridge."}
    got = calib.indep_ptc(arts, used={"Beta stayed in the old town."}, heldout={"4"})
    assert sorted(got) == ["2", "3"] and got == calib.indep_order(["2", "3"])
    pat = re.compile(r"\b(?:troops|sanctions)\b", re.I)
    pages = {"x": "Troops and sanctions and troops.", "y": "Troops and sanctions.", "z": "Sanctions x3 sanctions, "
             "sanctions"}
    assert sorted(calib.indep_dragnet(pages, pat, minimum=3)) == ["x", "z"]


def test_topical_pairs_put_each_narrative_against_the_unlabelled_rows_nearest_its_claims():
    """Nineteenth round (recipe 7 of training/narratives_cross.py): the cross-encoder's topical hard negatives are, for
    each narrative, the naming head's hard-negative rows (`hard_negative_weights`): unlabelled sentences (news,
    disproofs) nearest that narrative's labelled claims, never a claim, skipping near-copies."""
    from spinscope.training import narratives_cross as nc
    from spinscope.training import narratives as tr
    vec = {"The envoys bribe the valley's judges.": [1.0, 0.0, 0.0],
           "Foreign mills poison the river on purpose.": [0.0, 1.0, 0.0],
           "The valley's judges met the envoys on Monday.": [0.8, 0.6, 0.0],
           "A mill on the river closed for repairs.": [0.1, 0.8, 0.5],
           "Rain is expected over the hills.": [0.0, 0.0, 1.0],
           "The envoys bribe the valley's judges, it said.": [1.0, 0.01, 0.0]}
    data = {"claims": ["The envoys bribe the valley's judges.", "Foreign mills poison the river on purpose."],
            "claim_labels": [{"envoys-bribe"}, {"mills-poison"}],
            "rebuttals": ["The envoys bribe the valley's judges, it said."],
            "news": ["The valley's judges met the envoys on Monday.", "A mill on the river closed for repairs.",
                     "Rain is expected over the hills."]}
    ids = ["envoys-bribe", "mills-poison"]
    enc = lambda texts: np.array([vec[t] for t in texts], dtype=float)  # noqa: E731
    texts = tr.naming_rows(data, ids)[0]
    got = {(texts[i], ids[j]) for i, j in nc.topical_pairs(data, ids, enc, k=1)}
    assert got == {("The valley's judges met the envoys on Monday.", "envoys-bribe"),
                   ("A mill on the river closed for repairs.", "mills-poison")}
    assert all(texts[i] not in data["claims"] for i, _ in nc.topical_pairs(data, ids, enc, k=3))
    assert nc.topical_pairs(data, ids, enc, k=0) == []
    assert nc.PAIRS_7 > 0 and nc.TOPICAL_SHARE + nc.SIBLING_SHARE_7 + nc.NEWS_SHARE_7 < 1


def test_round19_points_sections_and_pick():
    """Nineteenth round (tools/narratives_calibration.py --round19): 8 registered cascade points (floor, threshold,
    keep) written as model.json's `cross` section; round 17's rule and pick over them."""
    calib = _calibration_tool()
    pts = calib.R19_POINTS
    assert len(pts) == 8 and len(set(pts)) == 8 and {p[2] for p in pts} == {0.0, 0.1}
    assert calib.cross_section(pts[0]) == {"enabled": True, "floor": 0.3, "threshold": 0.9, "keep": 0.0}
    base = {"recall": 0.45, "precision_pairs": 0.779, "news_articles": "4/340", "disproofs_asserted": 0.116,
            "gold_dev_negatives_asserted": 0.05, "gold_dev_p_r": [0.783, 0.335], "sentences_read": 608}
    rows = [{**base, "recall": 0.47, "point": list(p)} for p in pts]
    assert calib.round17_pick(base, rows[::-1], pts) is rows[0]
    assert calib.round17_pick(base, [rows[0], {**rows[5], "recall": 0.48}], pts)["point"] == list(pts[5])
    assert calib.round17_pick(base, [{**r, "precision_pairs": 0.77} for r in rows], pts) is None
