"""Quality gate: the techniques model must hold its floors on held-out PTC articles.

Runs `bench/techniques.py`'s `run(...)` in-process on the first GATE_ARTICLES held-out articles
(the whole held-out set takes minutes); the floors are in `bench/floors.json`. Skipped when
../shared (or $SPINSCOPE_SHARED) is absent.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._common import shared_dir  # noqa: E402

SHARED = shared_dir()
pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(SHARED is None, reason="../shared is absent (set SPINSCOPE_SHARED)")]

FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))


def test_techniques_hold_their_floors():
    from bench import techniques

    if not (SHARED / "corpus" / "ptc" / "labels").is_dir():
        pytest.skip("corpus/ptc is absent")
    n = FLOORS["techniques_gate_articles"]
    r = techniques.run(SHARED, limit=n)
    assert r["articles"] == n
    detail = (f"span F1 {r['span_f1']:.3f}, technique micro-F1 {r['technique_micro_f1']:.3f}, "
              f"full F1 {r['full_f1']:.3f} on {n} held-out articles")
    assert r["span_f1"] >= FLOORS["techniques_span_f1"], detail
    assert r["technique_micro_f1"] >= FLOORS["techniques_technique_micro_f1"], detail
    assert r["full_f1"] >= FLOORS["techniques_full_f1"], detail
