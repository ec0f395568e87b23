"""Quality gate for events and geocoding: the figures of `bench/events.py` and `bench/geocoding.py` on
the hand-made gold (examples and seeds) must not drop below their floors in `bench/floors.json`.
Skipped when ../shared (or $SPINSCOPE_SHARED) is absent: half of the gold is on the seeds."""
from __future__ import annotations

import pytest

from .conftest import FLOORS, NO_SHARED

pytestmark = [pytest.mark.shared, pytest.mark.slow, NO_SHARED]


def test_event_figures_hold_their_floors():
    from bench import events
    result = events.evaluate()
    assert not result["skipped"], result["skipped"]
    for key in ("type_p", "type_r", "type_f1", "actor", "target", "place", "mode"):
        assert result[key] >= FLOORS[f"events_{key}"], (key, result[key], FLOORS[f"events_{key}"])


def test_geocoding_holds_its_floor_and_beats_the_baseline():
    from bench import geocoding
    overall = next(r for r in geocoding.geocoding_figures() if r["doc"] == "overall")
    assert overall["F1"] >= FLOORS["geocoding_f1"], overall
    assert overall["acc"] >= FLOORS["geocoding_acc"], overall
    assert overall["acc"] > overall["base_acc"], overall
