"""Quality gate: narratives must stay quiet on neutral news and keep finding held-out disinformation claims.

Runs `bench/narratives.py`'s `run(..., fast=True)` in-process on the first FLOORS["narratives_gate_articles"]
PolNeAR dev articles (sentence-level, without the quotes layer: stricter than the full run) and six
times as many held-out EUvsDisinfo cases (April 2017 on). Floors in `bench/floors.json`. Skipped when
../shared (or $SPINSCOPE_SHARED) is absent.
"""
from __future__ import annotations

import pytest

from .conftest import FLOORS, NO_SHARED, SHARED, need

pytestmark = [pytest.mark.shared, NO_SHARED]


def test_narratives_hold_their_floors():
    from bench import narratives

    need("corpus", "polnear", "dev")
    need("corpus", "euvsdisinfo", "cases_2015_2017.csv")
    n = FLOORS["narratives_gate_articles"]
    r = narratives.run(SHARED, limit=n, fast=True, gold=False)
    pn, ev = r["polnear_dev"], r["euvsdisinfo_heldout"]
    assert pn["articles"] == n and ev["cases"] == 6 * n
    detail = (f"neutral articles asserting {pn['asserted_share']}, held-out recall {ev['recall']}, "
              f"labelled recall {ev['recall_labelled']}, precision {ev['precision_pairs']}, "
              f"disproofs asserting {ev['disproof_cases_asserted']}")
    assert pn["asserted_share"] <= FLOORS["narratives_neutral_asserted_max"], detail
    assert ev["recall"] >= FLOORS["narratives_heldout_recall"], detail
    assert ev["precision_pairs"] >= FLOORS["narratives_heldout_precision"], detail
    assert ev["disproof_cases_asserted"] <= FLOORS["narratives_disproof_asserted_max"], detail
