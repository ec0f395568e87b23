"""Quality gate for geoparsing real local news: `bench/lgl.py` on the first documents of the LGL test split
against the floors in bench/floors.json (skips when ../shared is absent)."""
from __future__ import annotations

from .conftest import FLOORS, need


def test_lgl_holds_its_floors_and_beats_the_population_baseline():
    need("corpus", "lgl", "gold.json")
    from bench import lgl

    r = lgl.run("test", FLOORS["lgl_gate_documents"])
    assert r["F1"] >= FLOORS["lgl_f1"], r
    assert r["acc161"] >= FLOORS["lgl_acc161"], r
    assert r["acc161"] > r["base_acc161"], r
