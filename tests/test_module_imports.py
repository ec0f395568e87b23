"""Every module of the extraction stages imports on its own, in a fresh interpreter (stop 39: after the events stage
was split into modules, importing `extract.events.parties` first failed on a cycle through the stage registry)."""
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MODULES = sorted(".".join(p.relative_to(SRC).with_suffix("").parts)
                 for p in (SRC / "spinscope" / "extract").rglob("*.py") if p.name != "__init__.py")


def test_the_extraction_modules_are_found():
    assert "spinscope.extract.events.parties" in MODULES and "spinscope.extract.entities.settle" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_first(module):
    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
