"""What the bench scripts share: where ../shared is, importing spinscope, and plain tables."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def ensure_spinscope() -> None:
    """Make `import spinscope` work from a checkout even when the package is not installed."""
    try:
        import spinscope  # noqa: F401
    except ModuleNotFoundError:
        sys.path.insert(0, str(ROOT / "src"))


def shared_dir() -> Path | None:
    """The read-only data folder: $SPINSCOPE_SHARED, else the repo root's sibling `shared/`; None if absent."""
    env = os.environ.get("SPINSCOPE_SHARED")
    path = Path(env) if env else ROOT.parent / "shared"
    return path if path.is_dir() else None


def need_shared(*parts: str) -> Path:
    """The path under shared/, or a message and exit 0 when it is not there (benchmarks skip cleanly)."""
    base = shared_dir()
    where = base.joinpath(*parts) if base else None
    if where is None or not where.exists():
        shown = where or (os.environ.get("SPINSCOPE_SHARED") or ROOT.parent / "shared")
        print(f"skipped: {shown} is absent (set SPINSCOPE_SHARED to the shared data folder)")
        sys.exit(0)
    return where


def table(headers: list[str], rows: list[list], *, align: str | None = None) -> str:
    """A plain fixed-width table; `align` has one 'l' or 'r' per column (numbers default to right)."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    if align is None:
        align = "".join("r" if rows and all(isinstance(r[i], (int, float)) for r in rows) else "l"
                        for i in range(len(headers)))
    def fmt(row):
        return "  ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align)).rstrip()
    out = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    out.extend(fmt(r) for r in cells[1:])
    return "\n".join(out)


def dump_json(data: dict) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


def emit(result: dict, render, as_json: bool) -> int:
    """Print a bench result as its table, then as JSON when asked; the script's exit status."""
    print(render(result))
    if as_json:
        dump_json(result)
    return 0


def snippet(text: str, n: int = 40, *, tail: bool = False) -> str:
    """The first (or last) n characters on one line, newlines shown as ⏎."""
    piece = text[-n:] if tail else text[:n]
    return piece.replace("\r", "").replace("\n", "⏎")
