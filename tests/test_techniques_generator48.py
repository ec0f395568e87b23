"""Round 15 (stop 48) of the techniques layer: the generator file validated in one call, and the multi-task pooled
generator (a pooled "any long technique" detector with its own per-technique label head; `spin/techniques/
generator.py`, `training/generator.py`); texts written here."""
from __future__ import annotations

import numpy as np
import pytest

from spinscope.spin.techniques.generator import GENERATOR_FILE, LONG, Generator, row_width


def test_load_checks_the_width_in_the_same_call_when_asked(tmp_path):
    d = row_width()
    ok = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                   np.full(len(LONG), 0.5))
    ok.save(tmp_path / GENERATOR_FILE)
    assert Generator.load(tmp_path / GENERATOR_FILE, width=True).coef.shape == (len(LONG), d)
    # weights of round 13's width that say they read the tagger: their arrays fit together, their rows do not
    wrong = Generator(LONG, np.zeros(d), np.ones(d), np.zeros((len(LONG), d)), np.zeros(len(LONG)),
                      np.full(len(LONG), 0.5), features=("tagger",))
    wrong.save(tmp_path / "wrong.npz")
    assert Generator.load(tmp_path / "wrong.npz").features == ("tagger",)  # arrays only, as before
    with pytest.raises(ValueError, match="features"):
        Generator.load(tmp_path / "wrong.npz", width=True)
