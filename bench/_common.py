"""What the bench scripts share: where ../shared is, importing spinscope, options, span matching and plain tables."""
from __future__ import annotations

import argparse
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


def bench_parser(doc: str, gold_dir: str | None = None, **flags: str | None) -> argparse.ArgumentParser:
    """The script's options: an on/off `--name` per keyword (the value its help), then gold files if `gold_dir`."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    for name, help_text in flags.items():
        ap.add_argument(f"--{name}", action="store_true", help=help_text)
    if gold_dir is not None:
        ap.add_argument("gold", nargs="*", type=Path, help=f"gold files (default: all of {gold_dir})")
    return ap


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int], int]:
    """One-to-one matches (equal spans, then overlaps >= half the longer span): gold->pred, pred->gold, n equal."""
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap <= 0:
                continue
            exact = (gs, ge) == (ps, pe)
            share = overlap / max(ge - gs, pe - ps)
            if exact or share >= 0.5:
                candidates.append((not exact, -share, gi, pi))
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    exact_n = 0
    for inexact, _, gi, pi in sorted(candidates):
        if gi in gold_to_pred or pi in pred_to_gold:
            continue
        gold_to_pred[gi], pred_to_gold[pi] = pi, gi
        exact_n += not inexact
    return gold_to_pred, pred_to_gold, exact_n


def result_notes(result: dict, error_kinds: tuple[str, ...] = (), *, error_counts: bool = False) -> list[str]:
    """A result's skipped documents and gold problems, then its errors of `error_kinds` per doc, system and kind."""
    lines = [f"skipped {s}" for s in result["skipped"]]
    lines += [f"GOLD PROBLEM {p}" for p in result["gold_problems"]]
    for d in result["docs"]:
        for system, s in d["systems"].items():
            for kind in error_kinds:
                found = s["errors"][kind]
                if found:
                    count = f" ({len(found)})" if error_counts else ""
                    lines.append(f"{d['gold']} {system} {kind}{count}: " + "; ".join(found))
    return lines


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
