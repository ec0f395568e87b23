"""Pick the articles of a new events development audit by a rule fixed before any of their events is seen.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --salt events17-r11 genre   # dev22's candidates
    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --salt events17-r11 campaign # dev23's candidates

Candidates: PTC articles of the techniques' training part (not in src/spinscope/data/techniques/split.yaml)
and PolNeAR train files, that no tracked file names (`git grep -w -F` of the PTC id, of its file stem "articleN" and of the PolNeAR file stem;
the seeds and PolNeAR dev are other folders, never listed). `genre`: PTC articles whose title (first line)
and PolNeAR files whose text (at least 5 times) name the seeds' theatre (GENRE below); `campaign`: the other
ones; `all`: both. Each list in the order of sha256(salt + ":" + file name); the audit takes them in the cycle
PTC, PolNeAR, PTC, ... until the events the stage gives as shipped first reach the audit's size.

`--scope events` (round 18, stop 35: the pool above is used up) widens "no tracked file names it" to "no
*events-related* tracked file names it": the files of EVENTS_PATHS (the events audits and gold, docs/events.md, the
events tests, the events data, the sense model's training tool, whose data are the audits) and docs/examples.md
(its real-article audits; the whole file is read but for the "(The next ... in the order, not taken: ...)" notes,
which name files those audits did not take). The other exclusions hold: the seeds and PolNeAR
dev are other folders, the techniques' PTC held-out split is left out.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope events --salt events35-r18-fresh13 all  # fresh13

`--scope techniques-heldout` (round 19, stop 36: the lead's source for fresh14, the pools above being used up): the
60 PTC articles of the techniques' held-out split (src/spinscope/data/techniques/split.yaml, never read for events),
minus any that an events-related tracked file names (as `--scope events`), in the order of sha256(salt + ":" + file
name). No PolNeAR file; `kind` is not applied (pass `all`). The articles stay held out for the techniques: only
their events are judged.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope techniques-heldout --salt events36-r19-fresh14 all  # fresh14

`--scope polnear-dev` (stop 36, fresh15: the lead's source once fresh14's ran out): the 84 PolNeAR dev files
(polnear/dev/text/, never read for events; they stay the held-out set of the speakers bench and of the narratives'
neutral share), minus any that an events-related tracked file names (as `--scope events`: by file stem), in the order
of sha256(salt + ":" + file name). No PTC article; `kind` is not applied (pass `all`).

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope polnear-dev --salt stop36-fresh15 all  # fresh15

`--scope lgl` (stop 38, fresh17: PTC and PolNeAR have no unaudited file left): LGL's local news texts
(lgl/text/*.txt, the geocoding benches' data, never read for events; another genre than PTC and PolNeAR), minus any
that an events-related tracked file names (as `--scope events`: by file stem), keeping only those whose text has at
least one match of GENRE, in the order of sha256(salt + ":" + file name). No PTC or PolNeAR file; `kind` is not
applied (pass `all`).

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope lgl --salt stop38-fresh17 all  # fresh17

`--scope lgl-other` (stop 38, fresh18, the lead's): the LGL texts that do NOT match GENRE (fresh17 took those), the
same exclusion and order. The list file of fresh18 names them now; at a commit without
that file (and without docs/events.md's section on it) the command below gives its 115 files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope lgl-other --salt stop38-fresh18 all  # fresh18

Stop 39, fresh19 (the lead's, 100 events): the same scope, another salt; at a commit without fresh19's list file (and
without docs/events.md's section on it) the command below gives its 192 files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope lgl-other --salt stop39-fresh19 all  # fresh19

Stop 40, fresh20 (the lead's, 100 events): the same scope, another salt; at a commit without fresh20's list file (and
without docs/events.md's section on it) the command below gives its 172 files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope lgl-other --salt stop40-fresh20 all  # fresh20

Stop 41, fresh21 (the lead's, 100 events): `--scope pages` (LGL's unaudited files are too few, 57, for 100 events):
web pages never read for events (the cleaning benches' data), in three runs one after the other, each in the order of
sha256(salt + ":" + file name): the Dragnet pages (`dragnet/html/ID.html.gz`, 2012 news and blog pages) whose gold
`content` matches GENRE at least once, then the articlebench pages (`articlebench/html/ID.html.gz`) whose true body
matches GENRE, then the other Dragnet pages; in each, the pages an events-related tracked file names are left out (as
`--scope events`; a page id with a letter as a whole word, a numeric Dragnet id as `` `ID` ``, as a page file name or
within 40 characters after "Dragnet", so that numbers in the docs do not exclude pages). The events are those the
product gives on the page (`bench/events_audit.py` reads it with the HTML reader, as `spinscope analyze PAGE`). At a
commit without fresh21's list file the command below gives its files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope pages --salt stop41-fresh21 all  # fresh21

Stop 42, fresh22 (the lead's, 100 events): the same scope and runs, another salt; fresh21's pages are left out by
their list file. The genre run of Dragnet is empty now (fresh21 took all of it), so the tranche is the last three
articlebench pages of the genre, then other Dragnet pages. At a commit without fresh22's list file the command below
gives its files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope pages --salt stop42-fresh22 all  # fresh22

Stop 42, dev33 (branch pages42, 120 events, DEVELOPMENT: its events are read and rules written from them): the same
scope and runs, another salt; fresh21's and fresh22's pages are left out by their list files, so the candidates are
other Dragnet pages only (715). Taken in order until the events main 7a83254 gives on them (counted, not read) reach
120; a page the HTML reader finds no article text in (it gives no events; `bench/events_audit.py` stops on it) is
skipped and not listed. At a commit without dev33's list file the command below gives its files first.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope pages --salt stop42-dev33 all  # dev33

Stop 43, dev34 (branch pages43, DEVELOPMENT): the same scope and runs, another salt; fresh21's, fresh22's and dev33's
pages are left out by their list files, so the pool is the last 141 other Dragnet pages, on which main 33715f9 gives
only 27 events (counted, not read): all 141 are taken. The pages scope is used up after it. At a commit without
dev34's list file the command below gives its files.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope pages --salt stop43-dev34 all  # dev34

Stop 44, fresh23 (the lead's, HELD OUT): a fourth run is added after the three (all used up by then): the articlebench
pages whose true body does NOT match GENRE, the same exclusion, in salted order. 124 candidates; main e82e4df gives 59
events on them (counted, not read), so all are taken. At a commit without fresh23's list file the command below gives
its files.

    PYTHONPATH=src .venv/bin/python tools/pick_audit_articles.py --scope pages --salt stop44-fresh23 all  # fresh23
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


# Round 18 (stop 35): the tracked files whose naming of an article keeps it out of an events audit (`--scope events`).
EVENTS_PATHS = ("bench/gold/events*", "docs/events.md", "tests/test_events*", "src/spinscope/data/events/",
                "tools/train_event_sense.py", "docs/examples.md")


def _named(word: str) -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "grep", "-w", "-F", "-q", word], capture_output=True).returncode == 0


# docs/examples.md names, after each real-article audit's list, the next candidates of its order that it did *not*
# take: "(The next two in the order, not taken: ...)". Those were never audited, so they do not exclude a file.
NOT_TAKEN = re.compile(r"\(The next \w+ in the order, not taken:[^)]*\)", re.S)


def _events_text() -> str:
    """The text of every tracked file under EVENTS_PATHS, one string (docs/examples.md without its "not taken")."""
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--", *EVENTS_PATHS],
                           capture_output=True, check=True).stdout.decode().split("\0")
    text = lambda f: (ROOT / f).read_text(encoding="utf-8", errors="replace")  # noqa: E731
    return "\n".join(NOT_TAKEN.sub("", text(f)) if f == "docs/examples.md" else text(f) for f in files if f)


def named_in(text: str):
    """A test of `word` occurring in `text` as a whole word (as `git grep -w -F`: no word character either side)."""
    return lambda word: re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", text) is not None


def heldout_candidates(salt: str, corpus: Path) -> list[Path]:
    """Round 19 (stop 36): the PTC articles of the techniques' held-out split that no events-related tracked file
    names (by PTC id or file stem), in salted hash order."""
    named = named_in(_events_text())
    held = set(_techniques_heldout())
    ptc = [p for p in sorted((corpus / "ptc/articles").glob("article*.txt"))
           if p.stem[len("article"):] in held and not named(p.stem[len("article"):]) and not named(p.stem)]
    return sorted(ptc, key=lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest())


def polnear_dev_candidates(salt: str, corpus: Path) -> list[Path]:
    """Stop 36 (fresh15): the PolNeAR dev files that no events-related tracked file names (by file stem), in salted
    hash order."""
    named = named_in(_events_text())
    pol = [p for p in sorted((corpus / "polnear/dev/text").glob("*.txt")) if not named(p.stem)]
    return sorted(pol, key=lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest())


def lgl_candidates(salt: str, corpus: Path, genre: bool = True) -> list[Path]:
    """Stop 38: the LGL texts that no events-related tracked file names (by file stem) and whose text matches GENRE
    at least once (fresh17; `genre=False`: never, fresh18), in salted hash order."""
    named = named_in(_events_text())
    lgl = [p for p in sorted((corpus / "lgl/text").glob("*.txt"))
           if not named(p.stem) and bool(GENRE.search(p.read_text(encoding="utf-8"))) == genre]
    return sorted(lgl, key=lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest())


def page_candidates(salt: str, corpus: Path) -> list[Path]:
    """Stop 41 (fresh21): web pages no events audit has read, in three salted runs one after the other — the Dragnet
    pages whose gold content matches GENRE, the articlebench pages whose true body matches GENRE, then the other
    Dragnet pages — each without the pages an events-related tracked file names (see the module's doc)."""
    import gzip
    import json

    text = _events_text()
    named = named_in(text)

    def page_named(page: str) -> bool:
        if re.search(r"[A-Za-z]", page):
            return named(page)
        return (f"`{page}`" in text or f"/{page}.html" in text
                or re.search(rf"Dragnet[^.\n]{{0,40}}(?<![A-Za-z0-9_]){page}(?![A-Za-z0-9_])", text) is not None)

    def ordered(pages: list[Path]) -> list[Path]:
        return sorted(pages, key=lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest())

    with gzip.open(corpus / "dragnet/gold.jsonl.gz", "rt", encoding="utf-8") as f:
        dragnet = [json.loads(line) for line in f if line.strip()]
    bench = json.loads((corpus / "articlebench/ground-truth.json").read_text(encoding="utf-8"))
    genre_pages = [corpus / "dragnet/html" / f"{g['id']}.html.gz" for g in dragnet
                   if GENRE.search(g["content"]) and not page_named(g["id"])]
    bench_pages = [corpus / "articlebench/html" / f"{key}.html.gz" for key, g in bench.items()
                   if GENRE.search(g.get("articleBody") or "") and not page_named(key)]
    other_pages = [corpus / "dragnet/html" / f"{g['id']}.html.gz" for g in dragnet
                   if not GENRE.search(g["content"]) and not page_named(g["id"])]
    # Stop 44: the articlebench pages outside GENRE, a fourth run after the other three (used up by then).
    bench_other = [corpus / "articlebench/html" / f"{key}.html.gz" for key, g in bench.items()
                   if not GENRE.search(g.get("articleBody") or "") and not page_named(key)]
    return ordered(genre_pages) + ordered(bench_pages) + ordered(other_pages) + ordered(bench_other)

def _techniques_heldout() -> list[str]:
    return [str(x) for x in yaml.safe_load((ROOT / "src/spinscope/data/techniques/split.yaml").read_text())["heldout"]]


def candidates(kind: str, salt: str, corpus: Path, scope: str = "all") -> tuple[list[Path], list[Path]]:
    """(PTC, PolNeAR train) candidates of `kind` (genre, campaign or all) in salted hash order; `scope` "all"
    (no tracked file names them), "events" (no events-related tracked file names them) or "techniques-heldout"
    (the techniques' PTC held-out split that no events-related file names; no PolNeAR file), "polnear-dev" (the
    PolNeAR dev files that no events-related file names; no PTC article), "lgl" (LGL's texts that no
    events-related file names and that match GENRE, returned in the second list; no PTC article) or "lgl-other"
    (the same without a GENRE match) or "pages" (web pages of Dragnet and articlebench that no events-related file
    names, in the second list: see `page_candidates`)."""
    if scope == "techniques-heldout":
        return heldout_candidates(salt, corpus), []
    if scope == "polnear-dev":
        return [], polnear_dev_candidates(salt, corpus)
    if scope in ("lgl", "lgl-other"):
        return [], lgl_candidates(salt, corpus, genre=scope == "lgl")
    if scope == "pages":
        return [], page_candidates(salt, corpus)
    named = _named if scope == "all" else named_in(_events_text())
    held = set(_techniques_heldout())
    ptc = [p for p in sorted((corpus / "ptc/articles").glob("article*.txt"))
           if p.stem[len("article"):] not in held and not named(p.stem[len("article"):]) and not named(p.stem)]
    pol = [p for p in sorted((corpus / "polnear/train/text").glob("*.txt")) if not named(p.stem)]
    is_ptc = lambda p: bool(GENRE.search(p.read_text(encoding="utf-8").split("\n", 1)[0]))  # noqa: E731
    is_pol = lambda p: len(GENRE.findall(p.read_text(encoding="utf-8"))) >= 5  # noqa: E731
    want = kind == "genre"
    keep = lambda p, test: kind == "all" or test(p) == want  # noqa: E731
    order = lambda p: hashlib.sha256(f"{salt}:{p.name}".encode()).hexdigest()  # noqa: E731
    return (sorted([p for p in ptc if keep(p, is_ptc)], key=order),
            sorted([p for p in pol if keep(p, is_pol)], key=order))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=("genre", "campaign", "all"))
    ap.add_argument("--salt", required=True)
    ap.add_argument("--scope", choices=("all", "events", "techniques-heldout", "polnear-dev", "lgl", "lgl-other",
                                          "pages"),
                    default="all",
                    help="which tracked files' naming of an article excludes it (default: any tracked file)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    ptc, pol = candidates(args.kind, args.salt, args.corpus, args.scope)
    for i in range(max(len(ptc), len(pol))):
        for lst in (ptc, pol):
            if i < len(lst):
                print(lst[i].relative_to(args.corpus))


if __name__ == "__main__":
    main()
