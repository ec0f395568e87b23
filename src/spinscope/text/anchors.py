"""Strings one of which every match of a regular expression contains: a cheap test (`in` on casefolded text)
that lets a costly search be skipped where it cannot match (markers, the cleaner's cue lines)."""
from __future__ import annotations

import re._constants as _sre_c
import re._parser as _sre


def anchors(pattern: str) -> frozenset | None:
    """Casefolded strings one of which every match of `pattern` contains, or None when none is known."""
    try:
        return _required(list(_sre.parse(pattern)))
    except Exception:  # noqa: BLE001 - an unparsable or exotic pattern: it simply always runs
        return None


def _required(items) -> frozenset | None:
    """Of a parsed regex sequence: its literal runs and required groups, the one with the longest shortest string."""
    c = _sre_c
    found, run = [], []
    for op, av in items + [(None, None)]:  # the sentinel flushes the last run
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run).casefold()]))
            run = []
        need = None
        if op is c.SUBPATTERN:
            need = _required(list(av[-1]))
        elif op is c.BRANCH:
            alts = [_required(list(b)) for b in av[1]]
            need = None if any(a is None for a in alts) else frozenset().union(*alts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            need = _required(list(av[2]))
        if need:
            found.append(need)
    found = [f for f in found if all(f)]  # an empty string is no anchor
    return max(found, key=lambda f: min(map(len, f))) if found else None
