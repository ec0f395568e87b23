"""Derive `src/spinscope/data/events/verbs.yaml` from PETRARCH's CAMEO verb dictionary (run by hand).

    .venv/bin/python tools/build_event_triggers.py [/path/to/CAMEO.2.0.txt]

Input: `shared/corpus/phoenix/CAMEO.2.0.txt` (MIT, Open Event Data Alliance; its notice is copied
into the generated file's header). The output is committed; nothing reads the dictionary at run time.

What is kept of the dictionary (PETRARCH semantics: a pattern applies to every verb of its block):
- each block's verbs with their code (the verb line's own `[code]`, else the block's), multi-word
  forms `+MEET_WITH` as "meet with" (the second word must hang on the verb as particle/preposition);
- patterns made of one word after the verb: a particle ("- * OFF"), a bare preposition
  ("- * (AT)"), a direct object ("- * SANCTIONS", synonym sets such as &PROPOSAL expanded to their
  one-word members), or a preposition and its object ("- * (AGAINST PLAN)");
- codes `[A:B]` keep A (B when A is empty); `[---]` is kept as null: the phrase is no event
  ("fight corruption"), which stops the verb's default from firing.
Patterns with a subject constraint ("&AIRCRAFT * RAIDS"), several words or markers ($, ^, +) are
left out: the parser-based coder cannot honour them faithfully. Blocks that code nothing (no
default, no kept pattern) are dropped, and so are patterns whose code equals the block's default.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "corpus" / "phoenix" / "CAMEO.2.0.txt"
OUT = ROOT / "src" / "spinscope" / "data" / "events" / "verbs.yaml"
PARTICLES = {"up", "down", "off", "out", "back", "away", "over", "on", "in", "forward", "through", "along"}
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^(\+?)([A-Z][A-Z0-9_'\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
WORD = re.compile(r"^[A-Z][A-Z\-]*_?$")


def code_of(raw: str) -> str | None:
    """'[042:043]' -> '042'; '[:173]' -> '173'; '[---]' -> None."""
    parts = [p.strip() for p in raw.strip("[] ").split(":")]
    for p in parts:
        if p and p != "---":
            return p
    return None


def license_text(lines: list[str]) -> list[str]:
    """The MIT notice of the dictionary's header, as comment lines."""
    start = next(i for i, line in enumerate(lines) if "The MIT License" in line)
    end = next(i for i in range(start, len(lines)) if "CONNECTION WITH THE SOFTWARE" in lines[i])
    return [line.rstrip() for line in lines[start:end + 1]]


def synonym_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = sets.setdefault(line.strip(), [])
        elif line.startswith("+") and current is not None:
            word = line[1:].split("#")[0].strip().rstrip("_")
            if WORD.match(word + "_") and "_" not in word:
                current.append(word.lower())
        elif not line.strip():
            current = None
    return sets


def words(token: str, sets: dict[str, list[str]]) -> list[str]:
    """One pattern word, or the one-word members of a synonym set; [] when it is anything else."""
    if token.startswith("&"):
        return sets.get(token, [])
    token = token.rstrip("_")
    return [token.lower()] if WORD.match(token) and "_" not in token else []


def pattern(body: str, sets) -> tuple[str, list[str]] | None:
    """('particle'|'object', keys) for the kept pattern shapes; None otherwise."""
    if any(mark in body for mark in "$^+{"):
        return None
    head, star, tail = body.partition("*")
    if not star or head.strip():
        return None  # a subject constraint before the verb
    tail = tail.strip()
    m = re.fullmatch(r"\((\w+)\)", tail)
    if m:
        return "particle", [m.group(1).lower()]
    m = re.fullmatch(r"\((\w+)\s+(&?[\w\-]+)\)", tail)
    if m:
        return "object", [f"{m.group(1).lower()} {w}" for w in words(m.group(2), sets)]
    if re.fullmatch(r"&?[\w\-]+", tail):
        if tail.lower() in PARTICLES:
            return "particle", [tail.lower()]
        return "object", words(tail, sets)
    return None


def build(src: Path) -> dict:
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    sets = synonym_sets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    blocks, block = [], None
    for line in lines[start + 1:]:
        stripped = line.split("#")[0].rstrip() if not line.startswith("-") else line.rstrip()
        if not stripped.strip():
            continue
        h = HEADER.match(line)
        if h:
            block = {"name": h.group(1), "code": code_of(h.group(2)), "verbs": {}, "particles": {}, "objects": {}}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            p = PATTERN.match(line)
            if not p:
                continue
            shape = pattern(p.group(1).split("#")[0], sets)
            if shape is None:
                continue
            kind, keys = shape
            code = code_of(p.group(2))
            for key in keys:
                if code != block["code"]:
                    block["particles" if kind == "particle" else "objects"].setdefault(key, code)
            continue
        v = VERB.match(stripped.strip())
        if not v:
            continue
        parts = [w for w in v.group(2).lower().split("_") if w]
        if not parts or len(parts[0]) < 3 or len(parts) > 2:
            continue  # "RE_..." stems and long phrases
        if v.group(1) and parts[0].endswith("ed") and len(parts) == 2 and parts[1] == "by":
            continue  # passive forms ("+ANGERED_BY")
        code = code_of(v.group(4)) if v.group(4) else block["code"]
        block["verbs"].setdefault(" ".join(parts), code)
    kept = []
    for b in blocks:
        if not b["verbs"]:
            continue
        codes = [b["code"], *b["verbs"].values(), *b["particles"].values(), *b["objects"].values()]
        if not any(codes):
            continue
        out = {"name": b["name"], "code": b["code"],
               "verbs": {k: (None if c == b["code"] else c) for k, c in sorted(b["verbs"].items())}}
        if b["particles"]:
            out["particles"] = dict(sorted(b["particles"].items()))
        if b["objects"]:
            out["objects"] = dict(sorted(b["objects"].items()))
        kept.append(out)
    return {"lines": lines, "blocks": kept}


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    if not src.is_file():
        print(f"no CAMEO dictionary at {src}", file=sys.stderr)
        return 1
    result = build(src)
    head = ["# CAMEO verb triggers for spinscope's `events` stage. GENERATED by tools/build_event_triggers.py",
            f"# from {src.name} (PETRARCH's CAMEO verb pattern dictionary); do not edit by hand: hand-made",
            "# additions and corrections go to verbs_manual.yaml, which wins at run time.",
            "# Per block: `code` is the CAMEO code of its verbs; `verbs` maps a lemma (\"meet with\": lemma and",
            "# particle) to its own code when it differs (null: the block's); `particles` and `objects` map a",
            "# particle/preposition, a direct object lemma or \"prep object\" after any verb of the block to a",
            "# code (null: the phrase is no event). CAMEO root -> PLOVER type: plover.yaml.",
            "#",
            "# The source dictionary's notice:",
            "#",
            *("# " + line.lstrip("# ").rstrip() if line.strip("# ") else "#" for line in license_text(result["lines"])),
            ""]
    body = yaml.safe_dump({"blocks": result["blocks"]}, sort_keys=False, allow_unicode=True, width=110,
                          default_flow_style=None)
    OUT.write_text("\n".join(head) + "\n" + body, encoding="utf-8")
    n_verbs = sum(len(b["verbs"]) for b in result["blocks"])
    n_pat = sum(len(b.get("particles", {})) + len(b.get("objects", {})) for b in result["blocks"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(result['blocks'])} blocks, {n_verbs} verbs, {n_pat} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
