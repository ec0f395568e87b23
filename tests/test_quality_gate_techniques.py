"""Quality gate: the techniques model must hold its floors on held-out PTC articles.

Runs `bench/techniques.py`'s `run(...)` in-process on the first GATE_ARTICLES held-out articles
(the whole held-out set takes minutes); the floors are in `bench/floors.json`. Skipped when
../shared (or $SPINSCOPE_SHARED) is absent.
"""
from __future__ import annotations

import pytest

from .conftest import FLOORS, NO_SHARED, SHARED, need

pytestmark = [pytest.mark.shared, NO_SHARED]


def test_techniques_hold_their_floors():
    from bench import techniques

    need("corpus", "ptc", "labels")
    n = FLOORS["techniques_gate_articles"]
    r = techniques.run(SHARED, limit=n)
    assert r["articles"] == n
    detail = (f"span F1 {r['span_f1']:.3f}, technique micro-F1 {r['technique_micro_f1']:.3f}, "
              f"full F1 {r['full_f1']:.3f} on {n} held-out articles")
    assert r["span_f1"] >= FLOORS["techniques_span_f1"], detail
    assert r["technique_micro_f1"] >= FLOORS["techniques_technique_micro_f1"], detail
    assert r["full_f1"] >= FLOORS["techniques_full_f1"], detail
