"""Retrain and recalibrate the packaged narrative model (a shortcut for `python -m spinscope.training.narratives`).

    .venv/bin/python tools/calibrate_narratives.py [--shared ../shared] [--out DIR]

Needs ../shared/corpus (EUvsDisinfo, PolNeAR train/, PTC, articlebench). Re-run after editing the
built-in catalogue: the pair head reads the catalogue's phrasings, so its threshold is chosen again.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from spinscope.training.narratives import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
