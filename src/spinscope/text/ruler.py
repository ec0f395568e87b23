"""A faster `match` for spaCy's AttributeRuler: the same matches, its one-token patterns found by lookup."""
from __future__ import annotations

# Why: en_core_web_sm's attribute_ruler runs a spaCy Matcher with 179 patterns over every token; it
# is a sixth of the whole parse. All but eight of those patterns are one token with exact values
# (TAG, LOWER, DEP, IS_SPACE, or an IN list of them), which a dict lookup per token finds. The
# others stay in a Matcher of their own. The ruler's `set_annotations` is untouched and gets the
# same match list, in the same order, so the tokens' POS, MORPH and LEMMA cannot differ
# (tests/test_ruler.py compares both on real text).

from collections import defaultdict
from itertools import product

ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a plain one-token pattern may test


def _values(spec) -> list | None:
    """The exact values a token attribute spec accepts, or None when it is not a plain value or IN list."""
    if isinstance(spec, dict):
        return list(spec["IN"]) if set(spec) == {"IN"} else None
    return [spec]


def _lookup_rows(token_spec: dict, strings) -> tuple[tuple[int, ...], list[tuple]] | None:
    """(columns of ATTRS, accepted value tuples as the ids to_array gives) of a one-token pattern, or
    None when a lookup cannot do it."""
    names = sorted(token_spec)
    if not names or any(n not in ATTRS for n in names):
        return None
    values = [_values(token_spec[n]) for n in names]
    if any(v is None for v in values):
        return None
    ids = [[int(v) if n == "IS_SPACE" else strings.add(v) for v in vs] for n, vs in zip(names, values)]
    return tuple(ATTRS.index(n) for n in names), list(product(*ids))


class FastMatch:
    """Replaces `ruler.match`: lookups for plain one-token patterns, a spaCy Matcher for the rest."""

    def __init__(self, ruler):
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self.columns = [IDS[a] for a in ATTRS]
        tables: dict[tuple[int, ...], dict[tuple, list]] = defaultdict(lambda: defaultdict(list))
        self.rest = Matcher(ruler.vocab, validate=False)
        self.strings = strings
        for attr_id in range(len(ruler.attrs)):  # the ruler keys its patterns str(attr_id)
            key = str(attr_id)
            patterns = ruler.matcher.get(key)[1]
            lookups = [_lookup_rows(p[0], strings) if len(p) == 1 else None for p in patterns]
            if all(lookups):
                for cols, rows in lookups:
                    for row in rows:
                        tables[cols][row].append((attr_id, strings[key]))
            else:
                self.rest.add(key, patterns)
        self.tables = [(cols, dict(t)) for cols, t in tables.items()]

    def __call__(self, doc):
        """The ruler's match list for `doc`: (attr_id, match_id, start, end), sorted."""
        found = set()
        if len(doc):
            rows = doc.to_array(self.columns).tolist()
            for i, row in enumerate(rows):
                for cols, table in self.tables:
                    hit = table.get(tuple(row[c] for c in cols))
                    if hit:
                        found.update((a, m, i, i + 1) for a, m in hit)
        for m_id, s, e in self.rest(doc, allow_missing=True):
            found.add((int(self.strings[m_id]), m_id, s, e))
        return sorted(found)


def speed_up(nlp) -> None:
    """Give the pipeline's attribute_ruler (if any) the faster match."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = FastMatch(ruler)
