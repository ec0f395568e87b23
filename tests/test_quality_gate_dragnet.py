"""Quality gate on the Dragnet pages: body, comment leak and comments must hold their floors and
stay level with trafilatura.

Runs `bench/dragnet.py` in-process on its gate subset (about 110 pages, all inside the reported test
part; about 30 s with both systems). Floors live in `bench/floors.json` (`dragnet_*`). Skipped when
../shared (or $SPINSCOPE_SHARED) is absent.
"""
from __future__ import annotations

import pytest

from .conftest import FLOORS, NO_SHARED, SHARED, need

pytestmark = [pytest.mark.shared, NO_SHARED]


@pytest.fixture(scope="module")
def result() -> dict:
    from bench import dragnet

    need("corpus", "dragnet", "gold.jsonl.gz")
    return dragnet.run(SHARED, gate=True)


def _detail(result: dict) -> str:
    s, t = result["systems"]["spinscope"], result["systems"]["trafilatura"]
    return (f"{result['pages']} pages ({result['with_comments']} with comments): spinscope body F1 {s['body']['f1']:.4f}, "
            f"leak {s['leak']:.4f}, comment F1 {s['comments']['f1']:.4f}; trafilatura {t['body']['f1']:.4f}, "
            f"{t['leak']:.4f}, {t['comments']['f1']:.4f}; spinscope errors {s['errors']}")


def test_dragnet_body_holds_its_floor_and_trafilatura(result):
    spin, traf = result["systems"]["spinscope"], result["systems"]["trafilatura"]
    assert result["pages"] >= 80 and result["with_comments"] >= 10, _detail(result)
    assert spin["body"]["f1"] >= FLOORS["dragnet_body_f1"], _detail(result)
    assert spin["body"]["f1"] >= traf["body"]["f1"] + FLOORS["dragnet_body_margin_vs_trafilatura"], _detail(result)


def test_dragnet_comment_text_stays_out_of_the_body(result):
    spin, traf = result["systems"]["spinscope"], result["systems"]["trafilatura"]
    assert spin["leak"] <= FLOORS["dragnet_leak_max"], _detail(result)
    assert spin["leak"] <= traf["leak"], _detail(result)


def test_dragnet_comments_hold_their_floor(result):
    spin = result["systems"]["spinscope"]
    assert spin["comments"]["f1"] >= FLOORS["dragnet_comment_f1"], _detail(result)
    assert spin["comments_mean"]["f1"] >= FLOORS["dragnet_comment_mean_f1"], _detail(result)
