"""Shared test helpers: where the repo, the examples and ../shared are."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SPINSCOPE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
CHECKER = SHARED / "tools" / "check_output.py"


@pytest.fixture
def shared():
    """The read-only evaluation data; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent")
    return SHARED
