"""The quote gold is well-formed, the scorer counts right, and the figures hold their floors."""
from __future__ import annotations

import pytest
import yaml

from bench import quotes as bench

from .conftest import FLOORS

KINDS = {"direct", "indirect", "mixed", "post"}


def test_gold_files_are_well_formed():
    files = sorted(bench.GOLD_DIR.glob("*.yaml"))
    assert len(files) >= 11
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["doc"] and data["quotes"], path
        for q in data["quotes"]:
            assert set(q) == {"start", "end", "kind", "speaker"}, (path, q)
            assert 0 <= q["start"] < q["end"] and q["kind"] in KINDS, (path, q)
            assert q["speaker"] is None or str(q["speaker"]).strip(), (path, q)
        if data["doc"].startswith("shared/"):
            assert "#" not in path.read_text(encoding="utf-8"), f"{path}: seed gold must not hold article text"


def test_gold_offsets_fit_the_texts():
    from spinscope.api import analyze
    from spinscope.pipeline import Pipeline
    pipe = Pipeline(stages=["clean"])
    for item in bench.load_gold():
        text = analyze(item["path"], pipeline=pipe).text
        for q in item["quotes"]:
            piece = text[q["start"]:q["end"]]
            assert q["end"] <= len(text) and piece == piece.strip() and piece, (item["name"], q)


def test_scorer_counts_overlaps_and_speakers():
    tally = bench.Tally()
    golds = [{"span": (0, 10), "has_speaker": True, "speaker": "a"},
             {"span": (20, 30), "has_speaker": True, "speaker": "b"}]
    preds = [{"span": (5, 15), "has_speaker": True, "name": "a", "kb": None},
             {"span": (40, 50), "has_speaker": False, "name": None, "kb": None}]
    bench.score(tally, preds, golds, speaker_ok=lambda p, g: bench._name_ok(g["speaker"], p["kb"], p["name"]))
    f = tally.figures()
    assert (f["P"], f["R"]) == (0.5, 0.5)
    assert f["tokP"] == pytest.approx((5 / 10 + 0) / 2) and f["tokR"] == pytest.approx((5 / 10 + 0) / 2)
    assert (f["speakerP"], f["speakerR"]) == (1.0, 0.5)


def test_speaker_precision_is_counted_per_prediction():
    # PolNeAR's discontinuous content ("“A,” X said. “B.”") is one gold statement that two predictions
    # overlap; both name the right speaker, so both are right (the earlier scorer counted one right gold
    # statement over two predictions: P 0.5). A prediction is judged against the statement it overlaps most.
    tally = bench.Tally()
    golds = [{"span": (0, 40), "has_speaker": True, "source": (20, 25)}]
    others = golds + [{"span": (50, 60), "has_speaker": True, "source": (61, 65)}]
    preds = [{"span": (0, 18), "has_speaker": True, "speaker_spans": [(20, 25)]},
             {"span": (27, 40), "has_speaker": True, "speaker_spans": [(20, 25)]},
             {"span": (50, 60), "has_speaker": True, "speaker_spans": [(20, 25)]}]  # a wrong speaker

    def ok(p, g):
        return any(bench._overlap(s, g["source"]) for s in p["speaker_spans"])
    bench.score(tally, preds, golds, others, ok)
    f = tally.figures()
    assert f["speakerP"] == pytest.approx(2 / 3) and f["speakerR"] == 1.0
    assert f["speakerP_paired"] == pytest.approx(1 / 3)


@pytest.mark.slow
def test_own_gold_figures_hold_their_floors_and_lead_textacy():
    result = bench.run_gold()
    spin, tex = result["spinscope"], result["textacy"]
    assert result["docs"] >= 6
    assert spin["F1"] >= FLOORS["quotes_gold_span_f1"], spin
    assert spin["speakerF1"] >= FLOORS["quotes_gold_speaker_f1"], spin
    for key in ("P", "R", "F1", "speakerP", "speakerR", "speakerF1"):
        assert spin[key] > tex[key], (key, spin[key], tex[key])


def test_polnear_figures_hold_their_floors_and_lead_textacy():
    result = bench.run_polnear(FLOORS["quotes_polnear_gate_articles"])
    if result is None:
        pytest.skip("../shared/corpus/polnear/dev is absent")
    spin, tex = result["spinscope"], result["textacy"]
    assert spin["F1"] >= FLOORS["quotes_polnear_span_f1"], spin
    assert spin["speakerF1"] >= FLOORS["quotes_polnear_speaker_f1"], spin
    # textacy finds only direct quotations with a speaker, the easiest kind: against all of spinscope's
    # statements it keeps a precision edge of under two points (genuine statements PolNeAR left
    # unannotated: 0.977 against 0.993 on these 30 articles, one prediction from the old 0.015 margin,
    # since issue 17 point 4 added noun-object, naming and relative-clause statements; on PolNeAR
    # train, 840 articles, span precision was 0.975 before and 0.976 after); on textacy's own task,
    # spinscope's direct quotations with a speaker, spinscope leads everywhere.
    for key in ("R", "F1", "tokR", "tokF1", "speakerP", "speakerR", "speakerF1"):
        assert spin[key] > tex[key], (key, spin[key], tex[key])
    assert spin["P"] >= tex["P"] - 0.02, (spin["P"], tex["P"])
    same_task = result["spinscope_direct_with_speaker"]
    for key in ("P", "R", "F1", "tokP", "tokR", "tokF1", "speakerP", "speakerR", "speakerF1"):
        assert same_task[key] > tex[key], (key, same_task[key], tex[key])


def test_error_classes_count_losses_by_cause():
    # one gold statement "“A,” X said. “B.”" (Source X), found in two pieces: the first paired and right,
    # the second a right piece the earlier scorer cannot count; a second gold statement missed; a
    # prediction over a non-speech attribution only
    text = "“A,” he said. “B.” Jo said more. Jo believes it."
    golds = [{"span": (0, 18), "has_speaker": True, "source": (5, 7)},
             {"span": (19, 32), "has_speaker": True, "source": (19, 21)}]
    believes = {"span": (33, 48), "has_speaker": True, "source": (33, 35)}
    preds = [{"span": (0, 4), "has_speaker": True, "speaker_spans": [(5, 7)], "speaker": None},
             {"span": (14, 18), "has_speaker": True, "speaker_spans": [(5, 7)], "speaker": None},
             {"span": (45, 47), "has_speaker": True, "speaker_spans": [(33, 35)], "speaker": None}]

    def ok(p, g):
        return any(bench._overlap(s, g["source"]) for s in p["speaker_spans"])
    classes: dict = {}
    bench.classify_speakers(classes, text, preds, golds, golds + [believes], ok)
    assert classes == {"recall/statement missed/name": 1, "pred/counted": 1,
                       "pred/second piece of an attribution, right speaker": 1,
                       "pred/overlaps only non-speech attributions": 1}


def test_ceiling_counts_the_pieces_of_a_joined_attribution():
    # "“A,” she said. “B.”" is one attribution in two pieces; parts split only by a mark or a space are one
    text = "“We will go,” she said. “Soon.” And “then, ” “later.”"
    assert bench._pieces(text, [(1, 12), (25, 30)]) == 2
    assert bench._pieces(text, [(37, 43), (46, 52)]) == 1
    assert bench._pieces(text, [(1, 12)]) == 1
