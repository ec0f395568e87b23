"""Pick the articles of a new events development audit by a rule fixed before any of their events is seen.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --salt events17-r11 genre   # dev22's candidates
    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --salt events17-r11 campaign # dev23's candidates

Candidates: PTC articles of the techniques' training part (not in src/spinscope/data/techniques/split.yaml)
and PolNeAR train files, that no tracked file names (`git grep -w -F` of the PTC id, of its file stem "articleN" and of the PolNeAR file stem;
the seeds and PolNeAR dev are other folders, never listed). `genre`: PTC articles whose title (first line)
and PolNeAR files whose text (at least 5 times) name the seeds' theatre (GENRE below); `campaign`: the other
ones. Each list in the order of sha256(salt + ":" + file name); the audit takes them in the cycle PTC, PolNeAR,
PTC, ... until the events the stage gives as shipped first reach the audit's size.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GENRE = re.compile(r"\b(russia\w*|syria\w*|ukrain\w*|iran\w*|nato|putin|military|pentagon|isis|islamic state|assad|"
                   r"kremlin|missiles?|troops|airstrikes?|north korea\w*|crimea|war)\b", re.I)


def _named(word: str) -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "grep", "-w", "-F", "-q", word], capture_output=True).returncode == 0


def candidates(kind: str, salt: str, corpus: Path) -> tuple[list[Path], list[Path]]:
    """(PTC, PolNeAR train) candidates of `kind` in salted hash order."""
    held = set(yaml.safe_load((ROOT / "src/spinscope/data/techniques/split.yaml").read_text())["heldout"])
    ptc = [p for p in sorted((corpus / "ptc/articles").glob("article*.txt"))
           if p.stem[len("article"):] not in held and not _named(p.stem[len("article"):]) and not _named(p.stem)]
    pol = [p for p in sorted((corpus / "polnear/train/text").glob("*.txt")) if not _named(p.stem)]
    is_ptc = lambda p: bool(GENRE.search(p.read_text(encoding="utf-8").split("\n", 1)[0]))  # noqa: E731
    is_pol = lambda p: len(GENRE.findall(p.read_text(encoding="utf-8"))) >= 5  # noqa: E731
    want = kind == "genre"
    order = lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest()  # noqa: E731
    return (sorted([p for p in ptc if is_ptc(p) == want], key=order),
            sorted([p for p in pol if is_pol(p) == want], key=order))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=("genre", "campaign"))
    ap.add_argument("--salt", required=True)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    ptc, pol = candidates(args.kind, args.salt, args.corpus)
    for i in range(max(len(ptc), len(pol))):
        for lst in (ptc, pol):
            if i < len(lst):
                print(lst[i].relative_to(args.corpus))


if __name__ == "__main__":
    main()
