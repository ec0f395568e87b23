"""Round 10 (stop 42) of the techniques layer: the keep rule's per-technique second threshold, the cap on how much
of one article is marked, and runs joined across a sentence boundary for the long techniques (texts written here)."""
from __future__ import annotations

import pytest

from spinscope.pipeline import Pipeline
from spinscope.spin.techniques.model import Keep, join_runs, views_for

from .test_techniques import _doc


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(stages=["parse", "techniques"], keep_parses=True)


def test_a_technique_can_have_its_own_second_label_threshold():
    found = [(0, 5, 0.8), (10, 20, 0.9)]
    ranked = [[("Doubt", 0.6), ("Slogans", 0.25)], [("Loaded_Language", 0.6), ("Name_Calling,Labeling", 0.25)]]
    keep = Keep(second=0.2, second_by={"Loaded_Language": 0.3})
    got = [x[:3] for x in keep.apply(found, ranked)]
    assert got == [(0, 5, "Doubt"), (0, 5, "Slogans"), (10, 20, "Loaded_Language")]
    none = Keep(second=0.2, second_by={"Doubt": None})
    assert [x[:3] for x in none.apply(found, ranked)] == [(0, 5, "Doubt"), (10, 20, "Loaded_Language"),
                                                          (10, 20, "Name_Calling,Labeling")]
    assert Keep.from_dict(keep.to_dict()) == keep and Keep.from_dict(none.to_dict()) == none


def _view(pipe, *paragraphs):
    doc = pipe(_doc(*paragraphs))
    return doc, views_for([(doc.text, doc.parses)])[0]


def test_the_cap_keeps_the_best_scored_spans_of_an_article(pipe):
    body = ("The mayor opened the new library on Monday. Children read books there all afternoon. "
            "The library has ten thousand books and a small garden.")
    doc, v = _view(pipe, body)
    words = sum(1 for f in v.flags if f[2])
    at = [doc.text.index(w) for w in ("mayor", "Children", "garden")]
    found = [(a, a + 5, p) for a, p in zip(at, (0.5, 0.9, 0.4))]
    ranked = [[("Loaded_Language", 0.8), ("Doubt", 0.1)]] * 3
    # 0.9 spans in this article's words, rounded up: one span, the best scored one
    keep = Keep(cap={"per_1000_words": 900 / words})
    assert [x[0] for x in keep.apply(found, ranked, v)] == [at[1]]
    # a share of the characters: ten characters of the sentences' total
    total = sum(e - s for s, e, *_ in v.sents)
    two = Keep(cap={"share": 10.5 / total})
    assert [x[0] for x in two.apply(found, ranked, v)] == [at[0], at[1]]
    assert len(Keep().apply(found, ranked, v)) == 3  # no cap: all stay
    assert Keep.from_dict(two.to_dict()) == two


def test_a_doubt_run_cut_by_a_sentence_boundary_is_joined_again(pipe):
    first = "Can we really trust what these officials tell us?"
    second = "Nobody has ever seen the proof they promised."
    doc, v = _view(pipe, first + " " + second + " The weather was mild.")
    a, b = doc.text.index(first), doc.text.index(second)
    found = [(a, a + len(first) - 1, 0.6), (b, b + len(second) - 1, 0.4)]
    ranked = [[("Doubt", 0.7), ("Loaded_Language", 0.2)], [("Doubt", 0.5), ("Slogans", 0.2)]]
    joined, techs = join_runs(v, found, ranked, ("Doubt",))
    assert joined == [(a, b + len(second) - 1, pytest.approx((0.6 * (len(first) - 1) + 0.4 * (len(second) - 1))
                                                            / (len(first) + len(second) - 2)))]
    assert techs == [ranked[0]]
    got = Keep(join=("Doubt",)).apply(found, ranked, v)
    assert [x[:3] for x in got] == [(a, b + len(second) - 1, "Doubt")]
    assert doc.text[got[0][0]:got[0][1]] == first + " " + second[:-1]
    # not joined: another technique first, or a span that does not reach its sentence's end
    assert join_runs(v, found, [ranked[1][::-1], ranked[1]], ("Doubt",))[0] == found
    short = [(a, a + 10, 0.6), found[1]]
    assert join_runs(v, short, ranked, ("Doubt",))[0] == short
    # join_same: both halves' likeliest technique must agree
    mixed = [ranked[0], [("Slogans", 0.5), ("Doubt", 0.2)]]
    assert join_runs(v, found, mixed, ("Doubt",), same=True)[0] == found
    assert len(join_runs(v, found, mixed, ("Doubt",))[0]) == 1
    assert Keep.from_dict(Keep(join=("Doubt",), join_same=True).to_dict()) == Keep(join=("Doubt",), join_same=True)


def test_runs_in_the_title_and_the_body_are_not_joined(pipe):
    body = "Nobody has ever seen the proof they promised."
    doc = pipe(_doc(body, title="Can we trust them?"))
    v = views_for([(doc.text, doc.parses)])[0]
    t, b = doc.text.index("Can we"), doc.text.index(body)
    found = [(t, t + len("Can we trust them"), 0.6), (b, b + len(body) - 1, 0.4)]
    ranked = [[("Doubt", 0.7), ("Slogans", 0.1)]] * 2
    assert join_runs(v, found, ranked, ("Doubt",))[0] == found
