"""Quality gate on the shared data: article extraction must not regress, the seeds must keep their shape.

Runs `bench/articlebench.py` and `bench/seeds.py` in-process (their `run(...)` functions); the floors
live in `bench/floors.json`. Skipped when ../shared (or $SPINSCOPE_SHARED) is absent.
"""
from __future__ import annotations

import pytest

from .conftest import FLOORS, NO_SHARED, SHARED, need

pytestmark = [pytest.mark.shared, NO_SHARED]


def test_articlebench_f1_holds_its_floor():
    from bench import articlebench

    need("corpus", "articlebench", "ground-truth.json")
    result = articlebench.run(SHARED)  # all pages: about 10 s on the reference machine
    spin = result["systems"]["spinscope"]
    # The better trafilatura set-up is the baseline (its default includes comments in the body).
    traf = max((s for name, s in result["systems"].items() if name.startswith("trafilatura")), key=lambda s: s["f1"])
    detail = (f"spinscope mean F1 {spin['f1']:.4f} (micro {spin['micro_f1']:.4f}), trafilatura {traf['f1']:.4f}; "
              f"{result['pages']} pages; spinscope empty on {len(spin['empty'])}: {spin['errors'] or spin['empty']}")
    assert result["pages"] > 0
    assert spin["f1"] >= FLOORS["articlebench_f1"], f"below the floor {FLOORS['articlebench_f1']}: {detail}"
    margin = FLOORS["articlebench_margin_vs_trafilatura"]
    assert spin["f1"] >= traf["f1"] + margin, f"trails trafilatura by more than {-margin}: {detail}"


def test_markers_stay_rare_on_real_news_and_comments():
    from bench import markers_real

    need("corpus", "polnear", "dev", "text")
    need("corpus", "dragnet", "gold.jsonl.gz")
    result = markers_real.run()
    for name, key in (("PolNeAR dev", "markers_polnear_dev_max"), ("Dragnet test", "markers_dragnet_test_max")):
        found = result[name]
        assert found["documents"] > 0
        assert found["markers"] <= FLOORS[key], f"{name}: {found['markers']} markers (ceiling {FLOORS[key]}): {found['terms']}"


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    from bench import seeds as seeds_bench

    need("corpus", "seeds")
    result = seeds_bench.run(SHARED)
    assert not result["failures"], result["failures"]
    by_prefix = {s["seed"][:3]: s for s in result["seeds"]}
    missing = {"000", "001", "002", "003", "004"} - set(by_prefix)
    assert not missing, f"seeds missing: {sorted(missing)}"
    return by_prefix


def test_seed_reports_have_no_comments(seeds):
    for key in ("000", "001", "002"):
        assert seeds[key]["comments"] == 0, (key, seeds[key]["comments"])


def test_seed_003_has_a_flat_comment_section(seeds):
    s = seeds["003"]
    assert s["comments"] >= 3, s["comments"]
    assert s["max_depth"] == 0, s["max_depth"]


def test_seed_004_has_a_deep_thread(seeds):
    s = seeds["004"]
    assert s["comments"] >= 40, s["comments"]
    assert s["max_depth"] >= 3, s["max_depth"]


def test_every_seed_has_a_clean_body(seeds):
    for key, s in seeds.items():
        assert s["body_chars"] > 0, f"{key}: empty body"
        assert s["body_comment_overlaps"] == 0, f"{key}: body overlaps comments"
        assert not s["furniture_in_body"], f"{key}: furniture left in body: {s['furniture_in_body']}"
        assert not s["problems"], f"{key}: {s['problems']}"
