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
from operator import itemgetter

ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a plain one-token pattern may test
MEMO_SIZE = 200_000  # entries a per-process memo keeps before it starts again


def _values(spec, op: str = "IN") -> list | None:
    """The values of a plain value or an `op` list, or None when the spec is something else."""
    if isinstance(spec, dict):
        return list(spec[op]) if set(spec) == {op} else None
    return [spec] if op == "IN" else None


def _id(name: str, value, strings) -> int:
    """The value as `Doc.to_array` gives it: a string's hash, a flag's 0/1."""
    return int(value) if name == "IS_SPACE" else strings.add(value)


def _lookup(token_spec: dict, strings):
    """(columns, accepted value tuples, NOT_IN filters as (column, excluded ids)) of a one-token pattern a
    lookup can do, or None: only ATTRS, compared to a value, an IN list, or a NOT_IN list."""
    if not token_spec or any(n not in ATTRS for n in token_spec):
        return None
    keys, filters = [], []
    for name in sorted(token_spec):
        spec = token_spec[name]
        if (values := _values(spec)) is not None:
            keys.append((name, [_id(name, v, strings) for v in values]))
        elif (excluded := _values(spec, "NOT_IN")) is not None:
            filters.append((ATTRS.index(name), frozenset(_id(name, v, strings) for v in excluded)))
        else:
            return None
    if not keys:
        return None
    return tuple(ATTRS.index(n) for n, _ in keys), list(product(*(v for _, v in keys))), tuple(filters)


def _first_token_test(patterns, strings):
    """A test of a doc's rows true whenever some pattern could start in it (None: it cannot be told):
    every pattern's first token must ask for exact LOWER or DEP values, or a LOWER regex."""
    import re

    wanted: dict[int, set] = defaultdict(set)
    regexes = []
    for pattern in patterns:
        first = pattern[0] if pattern else {}
        if "OP" in first or not first:
            return None
        name = "LOWER" if "LOWER" in first else "DEP" if "DEP" in first else None
        spec = first.get(name) if name else None
        if name is None:
            return None
        if (values := _values(spec)) is not None:
            wanted[ATTRS.index(name)].update(strings.add(v) for v in values)
        elif name == "LOWER" and isinstance(spec, dict) and set(spec) == {"REGEX"}:
            regexes.append(re.compile(spec["REGEX"]))
        else:
            return None

    lower = ATTRS.index("LOWER")
    searched: dict[int, bool] = {}  # a lower-case form's hash -> does some regex find it (the same answer each time)

    def test(rows) -> bool:
        for col, ids in wanted.items():
            if any(r[col] in ids for r in rows):
                return True
        if not regexes:
            return False
        if len(searched) > MEMO_SIZE:
            searched.clear()
        for h in {r[lower] for r in rows}:  # each distinct form once, not each token against each regex
            hit = searched.get(h)
            if hit is None:
                form = strings[h]
                hit = searched[h] = any(rx.search(form) for rx in regexes)
            if hit:
                return True
        return False
    return test


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
        rest_patterns = []
        for attr_id in range(len(ruler.attrs)):  # the ruler keys its patterns str(attr_id)
            key = str(attr_id)
            patterns = ruler.matcher.get(key)[1]
            lookups = [_lookup(p[0], strings) if len(p) == 1 else None for p in patterns]
            if all(lookups):
                for cols, rows, filters in lookups:
                    for row in rows:
                        tables[cols][row].append((attr_id, strings[key], filters))
            else:
                self.rest.add(key, patterns)
                rest_patterns.extend(patterns)
        # itemgetter of one column gives the value, of several a tuple: the tables' keys follow suit
        self.tables = [(itemgetter(*cols), {(k[0] if len(cols) == 1 else k): v for k, v in t.items()})
                       for cols, t in tables.items()]
        self.may_match_rest = _first_token_test(rest_patterns, strings) if rest_patterns else (lambda rows: False)
        self.memo: dict[tuple, tuple] = {}  # a row of ATTRS -> its one-token matches (attr_id, match_id)

    def __call__(self, doc):
        """The ruler's match list for `doc`: (attr_id, match_id, start, end), sorted."""
        found = set()
        if not len(doc):
            return []
        rows = doc.to_array(self.columns).tolist()
        memo = self.memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        for i, row in enumerate(rows):
            row_key = tuple(row)
            hits = memo.get(row_key)  # a token's one-token matches depend on its row alone
            if hits is None:
                hits = []
                for key, table in self.tables:
                    hit = table.get(key(row))
                    if hit:
                        hits.extend((a, m) for a, m, filters in hit if all(row[c] not in ex for c, ex in filters))
                hits = memo[row_key] = tuple(hits)
            for a, m in hits:
                found.add((a, m, i, i + 1))
        if self.may_match_rest is None or self.may_match_rest(rows):
            for m_id, s, e in self.rest(doc, allow_missing=True):
                found.add((int(self.strings[m_id]), m_id, s, e))
        return sorted(found)


class FastAnnotations:
    """Replaces `ruler.set_annotations`: the same `set_token_attrs` calls in the same order, on the token itself
    (the stock method builds a Span and indexes it twice per match, and en_core_web_sm's tag map matches about
    every token). An index outside its match goes to the stock method, which raises as before."""

    def __init__(self, ruler):
        from spacy.tokens._retokenize import set_token_attrs

        self.ruler = ruler
        self.stock = type(ruler).set_annotations.__get__(ruler)
        self.set_token_attrs = set_token_attrs

    def __call__(self, doc, matches) -> None:
        attrs, indices, set_attrs = self.ruler.attrs, self.ruler.indices, self.set_token_attrs
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                self.stock(doc, matches)  # raises E1001 as spaCy does (nothing was set yet for this match)
                return
            set_attrs(doc[i], attrs[attr_id])


def fast_lemmatizer(lemmatizer) -> None:
    """Give a rule-mode spaCy Lemmatizer a faster `__call__` (its class swapped for a subclass)."""
    cls = type(lemmatizer)
    if getattr(cls, "_spinscope_fast", False):
        return
    lemmatizer.__class__ = type("Fast" + cls.__name__, (_FastLemmas, cls), {})
    lemmatizer._spinscope_lemmas = {}


class _FastLemmas:
    """The stock `Lemmatizer.__call__` reads every token as a spaCy Token and lemmatizes it, though in rule mode a
    lemma depends on the token's ORTH, POS and MORPH alone (spaCy's own cache is keyed by them, and base forms
    are not cached there). Here each (ORTH, POS, MORPH) is lemmatized once per process by the stock
    `lemmatize`, and the lemmas are written in one `Doc.from_array`. A token without a POS goes to the stock
    method each time (it warns)."""

    _spinscope_fast = True

    def __call__(self, doc):
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            from spacy.errors import Errors
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            from spacy.attrs import LEMMA, MORPH, ORTH, POS
            array = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = array[:, 3].copy()
            memo = self._spinscope_lemmas
            if len(memo) > MEMO_SIZE:
                memo.clear()
            strings = self.vocab.strings
            overwrite = self.overwrite
            changed = False
            for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
                if overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    h = memo.get(key)
                    if h is None:
                        h = strings.add(self.lemmatize(doc[i])[0])
                        if pos:
                            memo[key] = h
                    lemmas[i] = h
                    changed = True
            if changed:
                doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


def speed_up(nlp) -> None:
    """Give the pipeline's attribute_ruler (if any) the faster match and annotations, and its rule-mode
    lemmatizer the faster call: the same annotations (tests/test_ruler.py)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = FastMatch(ruler)
        ruler.set_annotations = FastAnnotations(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and hasattr(lemmatizer, "lemmatize"):
            fast_lemmatizer(lemmatizer)
