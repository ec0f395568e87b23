"""Print the recurring themes of the EUvsDisinfo cases: top keywords, overall and for Syria/US cases."""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import need_shared, table  # noqa: E402

# Title words that say nothing about a theme.
STOP = set("""a an the of to in and or is are was were be been by for on with as at from that this it its
his her their they he she we not no but has have had will would can could into over than after about
which who what when all also more most new other out up so if only just s t""".split())


def _keywords(cell: str, sep: str) -> list[str]:
    return [k.strip().casefold() for k in re.split(sep, cell or "") if k.strip()]


def survey(folder: Path, top: int) -> None:
    with open(folder / "cases_2015_2017.csv", encoding="utf-8", newline="") as fh:
        early = list(csv.DictReader(fh))
    with open(folder / "cases_index_2015_2021.csv", encoding="utf-8", newline="") as fh:
        index = list(csv.DictReader(fh))
    kw_all = Counter(k for r in index for k in _keywords(r["keywords"], r"\+"))
    kw_early = Counter(k for r in early for k in _keywords(r["keywords"], r","))
    syria = [r for r in early if "syria" in (r["title"] + r["summary"] + r["keywords"]).casefold()]
    kw_syria = Counter(k for r in syria for k in _keywords(r["keywords"], r","))
    words = Counter(w for r in syria for w in re.findall(r"[a-z]+", r["title"].casefold()) if w not in STOP and len(w) > 2)
    print(f"{len(index):,} indexed cases 2015-2021, {len(early):,} cases with summaries 2015-2017 "
          f"({len(syria)} mention Syria)\n")
    for title, counter in (("keywords, all indexed cases", kw_all), ("keywords, cases 2015-2017", kw_early),
                           ("keywords, Syria cases", kw_syria), ("title words, Syria cases", words)):
        print(title)
        print(table(["theme", "cases"], [[k, n] for k, n in counter.most_common(top)]))
        print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=30)
    survey(need_shared("corpus", "euvsdisinfo"), ap.parse_args().top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
