"""Pick the texts of a linking audit (docs/actors.md, "Linking audit (stop 38)", "(stop 39)") by a rule fixed first.

    PYTHONPATH=src .venv/bin/python tools/pick_linking_audit.py --commit 1e2c610   # stop 38's 45 texts, as committed
    PYTHONPATH=src .venv/bin/python tools/pick_linking_audit.py --commit a700648 --salt stop39-kb   # stop 39's
    PYTHONPATH=src .venv/bin/python tools/pick_linking_audit.py --commit 5b70128 --salt stop40-kb   # stop 40's
    PYTHONPATH=src .venv/bin/python tools/pick_linking_audit.py --commit 5550c02 --salt stop42-kb   # stop 42's
    PYTHONPATH=src .venv/bin/python tools/pick_linking_audit.py --commit 33715f9 --salt stop43       # stop 43's

Candidates: PolNeAR train files (polnear/train/text/) and PTC articles of the techniques' training part (not in
src/spinscope/data/techniques/split.yaml) that no tracked file of COMMIT names (whole word, as `git grep -w -F`, of
the file stem, and for PTC of the id too), *except* the events development audits (bench/gold/events_audit.yaml,
bench/gold/events_audit_dev*.yaml): at main 1e2c610 every PolNeAR train file and every PTC training article is named
by some tracked file, so the strict rule leaves none; those audits judged events only, never links, and files a
held-out (fresh) audit names stay out. Each list in the order of sha256(SALT + ":" + file name), taken
alternately PolNeAR, PTC, PolNeAR, ...; texts 1-25 are the audit, 26-45 the check of docs/actors.md.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV_AUDIT = re.compile(r"bench/gold/events_audit(_dev\d*)?\.yaml$")
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True).stdout.decode("utf-8", "replace")


def _whole_word_in(word: str, text: str) -> bool:
    """Whether `word` occurs in `text` with no letter, digit or underscore on either side (str.find: a regex with a
    lookbehind tried at every position took minutes over the whole tree)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _WORD_CHAR.match(text[at - 1])) and (end == len(text) or not _WORD_CHAR.match(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def pick(corpus: Path, commit: str, n: int = 45, salt: str = "stop38-kb") -> list[str]:
    files = [f for f in _git("ls-tree", "-r", "--name-only", commit).split("\n") if f and not DEV_AUDIT.match(f)]
    text = "\n".join(_git("show", f"{commit}:{f}") for f in files if not f.endswith((".onnx", ".png", ".gz", ".duckdb")))
    named = lambda w: _whole_word_in(w, text)  # noqa: E731
    held = set(yaml.safe_load(_git("show", f"{commit}:src/spinscope/data/techniques/split.yaml"))["heldout"])
    order = lambda name: hashlib.sha256((salt + ":" + name).encode()).hexdigest()  # noqa: E731
    polnear = [p.name for p in sorted((corpus / "polnear/train/text").glob("*.txt"), key=lambda p: order(p.name))
               if not named(p.stem)]
    ptc = [p.name for p in sorted((corpus / "ptc/articles").glob("*.txt"), key=lambda p: order(p.name))
           if p.stem[7:] not in held and not named(p.stem) and not named(p.stem[7:])]
    return [f"polnear/train/text/{polnear[i // 2]}" if i % 2 == 0 else f"ptc/articles/{ptc[i // 2]}" for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--commit", default="1e2c610")
    ap.add_argument("--salt", default="stop38-kb")
    ap.add_argument("-n", type=int, default=45)
    args = ap.parse_args()
    for i, name in enumerate(pick(args.corpus, args.commit, args.n, args.salt), 1):
        print(i, name)


if __name__ == "__main__":
    main()
