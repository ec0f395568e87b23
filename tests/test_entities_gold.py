"""The entity gold (`bench/gold/entities/*.yaml`) cannot rot silently, and the scorer counts right.

Every gold file must load, name a document that exists (seeds skip without the shared folder),
and every mention must resolve: its string found at its occurrence in the text spinscope's
reader gives. Partial gold must list every occurrence of its covered strings in the comments.
kb ids must exist in the actor KB once the KB is big enough (>= 100 actors) to be the real one.
"""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import entities as B  # noqa: E402
from bench._common import shared_dir  # noqa: E402

GOLD = B.gold_files()
SHARED = shared_dir()


def _doc(gold):
    path, _ = B.doc_location(gold.doc, SHARED)
    if path is None or not path.exists():
        if gold.doc.startswith("shared/"):
            pytest.skip(f"{gold.doc}: the shared folder is absent")
        pytest.fail(f"{gold.name}: {gold.doc} does not exist")
    doc = B.read_document(gold.doc, SHARED)
    assert doc is not None, f"{gold.name}: {gold.doc} gives no single document"
    return doc


def test_there_is_gold_for_the_seeds_and_the_examples():
    names = {p.stem for p in GOLD}
    assert len([n for n in names if n[:3].isdigit()]) == 5
    assert {"ex_txt_wire_report", "ex_txt_opinion_repost", "ex_txt_threaded_comments",
            "ex_txt_wordpress_thread", "ex_html_news_page", "ex_html_wordpress_article"} <= names
    assert any(n.startswith("ex_corpus_jsonl_") for n in names)


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_resolves(path):
    gold = B.load_gold(path)  # raises GoldError on unknown types, bad slugs, empty entities
    if gold.doc.startswith("shared/corpus/seeds/"):
        assert Path(gold.doc).stem == path.stem, "seed gold is named by the seed file stem"
    doc = _doc(gold)
    assert B.resolve(gold, doc.text) == []
    assert B.ambiguous_bare_strings(path, doc.text) == []
    if gold.partial:
        assert gold.kinds, "partial gold says in words which mention kinds it covers"
        from spinscope import Pipeline

        assert B.coverage_problems(gold, Pipeline(stages=["clean"])(doc)) == []


def test_gold_kb_ids_exist_in_the_kb():
    from spinscope.kb import load_kb

    kb = load_kb()
    if len(kb) < 100:
        pytest.skip(f"the KB holds {len(kb)} actors; ids are checked once it has 100")
    missing = sorted({f"{p.stem}: {e.kb_id} ({e.name})" for p in GOLD for e in B.load_gold(p).entities
                      if e.kb_id and e.kb_id not in kb.actors})
    assert missing == []


# ------------------------------------------------------------------------------ the scorer

def _at(text: str, s: str, n: int = 1) -> tuple[int, int]:
    return B.occurrences(text, s)[n - 1]


TEXT = "Lavrov met Kerry. The Russian minister said Lavrov's plan works. Kerry's reply came."


def _tiny():
    gold = [B.Ent("Sergey Lavrov", "person", "sergey-lavrov",
                  [_at(TEXT, "Lavrov"), _at(TEXT, "The Russian minister"), _at(TEXT, "Lavrov", 2)]),
            B.Ent("John Kerry", "person", "john-kerry", [_at(TEXT, "Kerry"), _at(TEXT, "Kerry", 2)])]
    kerrys = _at(TEXT, "Kerry", 2)
    pred = [B.Ent("Lavrov", "person", "sergey-lavrov", [_at(TEXT, "Lavrov"), _at(TEXT, "Lavrov", 2)]),
            B.Ent("Kerry", "person", None, [_at(TEXT, "Kerry")]),
            B.Ent("Russian", "nationality", "russia", [_at(TEXT, "Russian")]),
            B.Ent("Kerry's", "state", None, [(kerrys[0], kerrys[1] + 2)])]  # "Kerry's": trimmed to "Kerry"
    return gold, pred


def test_score_tiny_case():
    gold, pred = _tiny()
    c = B.score(TEXT, gold, pred)
    # 5 gold mentions, 5 predicted; "Russian" inside the unmatched "The Russian minister" is a false alarm
    assert (c["gold"], c["pred"], c["tp"], c["exact_n"]) == (5, 5, 4, 4)
    r = B.ratios(c)
    assert (r["p"], r["r"], r["f1"]) == (0.8, 0.8, 0.8)
    assert r["type"] == 0.75  # the second Kerry came out as a state
    # gold pairs (L1,L2) and (K1,K2); predicted pairs only (L1,L2)
    assert (c["merge_gold"], c["merge_pred"], c["merge_both"]) == (2, 1, 1)
    assert (r["merge_p"], r["merge_r"]) == (1.0, 0.5)
    assert (c["kb_n"], c["kb_ok"]) == (4, 2) and r["kb"] == 0.5
    assert c["errors"]["missed"] == ["The Russian minister@18 (person)"]
    assert c["errors"]["false"] == ["Russian@22 (nationality)"]


def test_overlap_half_of_the_longer_span_matches():
    text = "said General Igor Konashenkov on Friday"
    gold = [B.Ent("Igor Konashenkov", "person", None, [_at(text, "Igor Konashenkov")])]
    long = [B.Ent("x", "person", None, [_at(text, "General Igor Konashenkov")])]  # 16/24 of the longer
    short = [B.Ent("x", "person", None, [_at(text, "Igor")])]  # 4/16 of the longer
    assert B.score(text, gold, long)["tp"] == 1 and B.score(text, gold, long)["exact_n"] == 0
    assert B.score(text, gold, short)["tp"] == 0


def test_partial_gold_scores_comments_only_on_covered_strings():
    text = "Russia acts.\n\nRussia and China agree. Nigel Maund wrote."
    body, comment = (0, 12), (14, len(text))
    regions = {"full": [body], "comments": [comment], "recall": [body, comment]}
    gold = [B.Ent("Russia", "state", "russia", [_at(text, "Russia"), _at(text, "Russia", 2)])]
    pred = [B.Ent("Russia", "state", "russia", [_at(text, "Russia"), _at(text, "Russia", 2)]),
            B.Ent("China", "state", "china", [_at(text, "China")]),  # comment, not covered: ignored
            B.Ent("Nigel", "person", None, [_at(text, "Nigel Maund")])]  # covered string, not gold: wrong
    c = B.score(text, gold, pred, regions, strings=["Russia", "Nigel Maund"])
    assert (c["gold"], c["pred"], c["tp"]) == (2, 3, 2)
    c = B.score(text, gold, pred, regions, strings=["Russia"])
    assert (c["gold"], c["pred"], c["tp"]) == (2, 2, 2)
    # an ignored (doubtful) string is neither right nor wrong
    c = B.score(text, gold, pred, regions, strings=["Russia", "Nigel Maund"], ignored=[_at(text, "Nigel Maund")])
    assert c["pred"] == 2


def test_gold_outside_the_scored_region_is_out_of_scope():
    text = "Header Russia.\n\nBody Russia."
    regions = {"full": [(16, len(text))], "comments": [], "recall": [(16, len(text))]}
    gold = [B.Ent("Russia", "state", "russia", [_at(text, "Russia"), _at(text, "Russia", 2)])]
    c = B.score(text, gold, [], regions)
    assert (c["gold"], c["out_of_scope"], c["tp"]) == (1, 1, 0)


def test_kb_link_accepts_a_slug_whose_actor_bears_the_gold_name():
    actor = SimpleNamespace(names=["Sergey Lavrov", "Sergei Lavrov"])
    kb = SimpleNamespace(get=lambda i: actor if i == "lavrov" else None)
    gold = B.Ent("Sergei Lavrov", "person", "sergey-lavrov", [])
    assert B.kb_match(gold, B.Ent("x", "person", "lavrov", []), kb)
    assert not B.kb_match(gold, B.Ent("x", "person", "kerry", []), kb)
    assert not B.kb_match(gold, B.Ent("x", "person", None, []), kb)


@pytest.mark.slow
def test_bench_runs_on_the_examples_without_the_shared_folder(tmp_path):
    examples = [p for p in GOLD if p.stem in ("ex_txt_wire_report", "ex_corpus_jsonl_3")]
    result = B.run(tmp_path, golds=examples + [p for p in GOLD if p.stem.startswith("000")])
    assert [d["gold"] for d in result["docs"]] == ["ex_corpus_jsonl_3", "ex_txt_wire_report"]
    assert len(result["skipped"]) == 1 and result["gold_problems"] == []
    assert result["overall"]["plain"]["gold"] > 0
    assert "spinscope" in B.render(result)
