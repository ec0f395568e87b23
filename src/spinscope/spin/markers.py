"""The `markers` stage: hate, conspiracy, violence and insult cues in comments and body, and the thread summary."""
from __future__ import annotations

# Needs only `clean` (its body and comment spans): lexicon entries are regular expressions, plus
# optional spaCy Matcher patterns run over a blank tokenizer, so it works with `--disable parse`.

import re
from collections import Counter, defaultdict
from dataclasses import dataclass


from ..model import Document, Marker
from ..pipeline import register_stage
from ..resources import resource
from ..datafile import read_data
from ..text.anchors import anchors as _anchors

KINDS = ("hate", "conspiracy", "violence", "insult")
TOP = 5


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon entry compiled: what it finds, how much it weighs, what context it needs."""

    kind: str
    term: str
    weight: float
    patterns: tuple  # compiled regexes
    tokens: tuple  # spaCy Matcher patterns (lists of token dicts)
    near: re.Pattern | None = None
    near_window: int = 0
    unless: re.Pattern | None = None
    unless_window: int = 0


@dataclass(slots=True)
class Lexicon:
    rules: list
    targets: re.Pattern | None
    target_boost: float
    target_window: int
    matcher: object = None  # spaCy Matcher over a blank tokenizer, when some rule has token patterns
    # Fast paths (same markers): most paragraphs hold no marker at all. `anchors` gives, per rule and
    # pattern, strings one of which every match contains (casefolded; None: not known), so a pattern
    # runs only on regions holding one; `token_words` are the lowercase words a token pattern can start
    # with (None: some pattern can start with anything), so a region holding none needs no tokenizing.
    anchors: list | None = None
    token_words: tuple | None = None
    # Round 17 (docs/speed.md): a token pattern's first two tokens as text, on word edges: most regions
    # holding a first word ("gas prices", "bombing") hold no second one next to it, and need no tokenizing.
    # None: some pattern's first tokens are not plain LOWER words (then only `token_words` filters).
    token_regex: re.Pattern | None = None


def _words_regex(words) -> re.Pattern:
    """Words (a trailing * is a prefix) as one case-insensitive alternation on word boundaries."""
    alts = []
    for w in words:
        stem = re.escape(w.rstrip("*")).replace(r"\ ", r"[\s\-]+")
        alts.append(stem + (r"\w*" if w.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def _phrase(p: str) -> str:
    return r"(?<!\w)" + r"[\s\-]+".join(re.escape(w) for w in p.split()) + r"(?!\w)"


@resource("data/markers/en.yaml", user_files=True)
def lexicon(path: str | None = None) -> Lexicon:
    """The marker lexicon (the package's `data/markers/en.yaml`, or another file of that format)."""
    data = read_data("data/markers/en.yaml", path)
    rules = []
    for item in data["entries"]:
        if item["kind"] not in KINDS:
            raise ValueError(f"marker entry {item.get('term')!r}: kind {item['kind']!r} is not one of {KINDS}")
        pats = [re.compile(_phrase(p), re.IGNORECASE) for p in item.get("phrases", ())]
        pats += [re.compile(p, re.IGNORECASE) for p in item.get("regex", ())]
        near, unless = item.get("near") or {}, item.get("unless") or {}
        rules.append(Rule(item["kind"], str(item["term"]), float(item["weight"]), tuple(pats),
                          tuple(item.get("tokens", ())),
                          _words_regex(near["words"]) if near else None, int(near.get("window", 60)),
                          _words_regex(unless["words"]) if unless else None, int(unless.get("window", 60))))
    targets = data.get("targets")
    lex = Lexicon(rules, _words_regex(targets) if targets else None, float(data.get("target_boost", 0.0)),
                  int(data.get("target_window", 60)))
    if any(r.tokens for r in rules):
        lex.matcher = _matcher(rules)
        lex.token_words = _first_words(rules)
        lex.token_regex = _token_regex(rules, lex.matcher[0].tokenizer)
    lex.anchors = [tuple(_anchors(p.pattern) for p in r.patterns) for r in rules]
    return lex


def _first_words(rules) -> tuple | None:
    """The lowercase words every token pattern's first token must be, or None when one can start otherwise."""
    words = set()
    for rule in rules:
        for pattern in rule.tokens:
            first = pattern[0] if pattern else {}
            lower = first.get("LOWER")
            if set(first) != {"LOWER"} or not lower:  # an optional first token, or another attribute
                return None
            values = lower.get("IN") if isinstance(lower, dict) else [lower]
            if not values or (isinstance(lower, dict) and set(lower) != {"IN"}):
                return None
            words.update(str(v).lower() for v in values)
    return tuple(sorted(words))


def _lower_words(token: dict) -> list[str] | None:
    """The words a Matcher token dict {LOWER: w} or {LOWER: {IN: [...]}} accepts; None for any other dict."""
    if not isinstance(token, dict) or set(token) != {"LOWER"}:
        return None
    lower = token["LOWER"]
    if isinstance(lower, dict):
        values = lower.get("IN") if set(lower) == {"IN"} else None
        return [str(v) for v in values] if values else None
    return [str(lower)] if lower else None


_NO_LETTER_BEFORE, _NO_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


def _token_regex(rules, tokenizer) -> re.Pattern | None:
    """A regex that finds, in a region's lower-case text, every place a token pattern can match (more places,
    never fewer): its first token's word, then nothing or one space, then its second token's word. A token
    begins and ends where the text has no letter next to it (the tokenizer cuts words from letters only in
    its special cases, "yall" -> "y" "all": a word cut so in one of them is not held to that edge). Between
    two tokens the text has one space or none (other whitespace is a token of its own). None when a
    pattern's first (or a two-token pattern's second) token is not a plain LOWER word or list of words."""
    from spacy.attrs import ORTH
    cut_left, cut_right = set(), set()  # words a special case cuts from the piece before / after them
    for pieces in tokenizer.rules.values():
        words = [str(p.get(ORTH, p.get("ORTH", ""))).lower() for p in pieces]
        for k, w in enumerate(words):
            if k > 0:
                cut_left.add(w)
            if k < len(words) - 1:
                cut_right.add(w)

    def alternation(words, left: bool, right: bool) -> str:
        return "(?:" + "|".join((_NO_LETTER_BEFORE if left and w not in cut_left else "") + re.escape(w)
                                + (_NO_LETTER_AFTER if right and w not in cut_right else "")
                                for w in sorted(set(words))) + ")"

    alts = []
    for rule in rules:
        for pattern in rule.tokens:
            first = _lower_words(pattern[0]) if pattern else None
            if first is None:
                return None
            if len(pattern) == 1:
                alts.append(alternation(first, True, True))
                continue
            second = _lower_words(pattern[1])
            if second is None:
                return None
            alts.append(alternation(first, True, False) + " ?" + alternation(second, False, True))
    return re.compile("|".join(alts)) if alts else None


def _matcher(rules):
    """A spaCy Matcher over a blank English tokenizer: no model, no parse."""
    from ..nlp import import_spacy
    spacy = import_spacy()
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for i, rule in enumerate(rules):
        if rule.tokens:
            matcher.add(str(i), [list(p) for p in rule.tokens])
    return nlp, matcher


def _regions(doc: Document) -> list[tuple[int, int, str | None]]:
    """(start, end, comment id) of the text markers are looked for in: title, body pieces, comments."""
    out = []
    if doc.title:
        out.append((doc.title.start, doc.title.end, None))
    out.extend((s.start, s.end, None) for s in doc.body)
    out.extend((c.start, c.end, c.id) for c in doc.comments if not c.empty)
    if not out and doc.text.strip():  # no `clean` stage: the whole text
        out.append((0, len(doc.text), None))
    return out


def _near(pattern: re.Pattern, text: str, start: int, end: int, window: int, lo: int, hi: int) -> bool:
    """Whether `pattern` matches within `window` characters of [start, end), inside [lo, hi), not on it."""
    a, b = max(lo, start - window), min(hi, end + window)
    return any(not (m.start() >= start and m.end() <= end) for m in pattern.finditer(text, a, b))


def find_markers(doc: Document, lex: Lexicon | None = None) -> list[Marker]:
    """Every marker in the title, the body and the comments, scored; overlaps of one kind keep the strongest."""
    lex = lex or lexicon()
    text = doc.text
    found: list[Marker] = []
    for lo, hi, cid in _regions(doc):
        folded = text[lo:hi].casefold() if lex.anchors is not None else ""
        hits = [(m.start(), m.end(), rule) for r, rule in enumerate(lex.rules)
                for k, p in enumerate(rule.patterns) if _may_match(lex, r, k, folded)
                for m in p.finditer(text, lo, hi)]
        if lex.matcher is not None and _may_match_tokens(lex, text, lo, hi):
            hits += _token_hits(lex, text, lo, hi)
        for start, end, rule in hits:
            if end <= start:
                continue
            if rule.near is not None and not _near(rule.near, text, start, end, rule.near_window, lo, hi):
                continue
            if rule.unless is not None and _near(rule.unless, text, start, end, rule.unless_window, lo, hi):
                continue
            score = rule.weight
            if rule.kind != "conspiracy" and lex.targets is not None \
                    and _near(lex.targets, text, start, end, lex.target_window, lo, hi):
                score += lex.target_boost
            found.append(Marker(start, end, rule.kind, rule.term, round(min(score, 1.0), 2), cid))
    return _dedupe(found)


def _may_match(lex: Lexicon, rule: int, pattern: int, folded: str) -> bool:
    """False only when the region (casefolded) holds none of the pattern's anchors."""
    anchors = lex.anchors[rule][pattern] if lex.anchors is not None else None
    return anchors is None or any(a in folded for a in anchors)


def _may_match_tokens(lex: Lexicon, text: str, lo: int, hi: int) -> bool:
    """False only when no token pattern can match in text[lo:hi] (none of their first words occurs in it)."""
    if lex.token_words is None:
        return True
    region = text[lo:hi].lower()
    if not any(w in region for w in lex.token_words):
        return False
    return lex.token_regex is None or lex.token_regex.search(region) is not None


def _token_hits(lex: Lexicon, text: str, lo: int, hi: int):
    nlp, matcher = lex.matcher
    tdoc = nlp.make_doc(text[lo:hi])
    for match_id, s, e in matcher(tdoc):
        span = tdoc[s:e]
        yield lo + span.start_char, lo + span.end_char, lex.rules[int(nlp.vocab.strings[match_id])]


def _dedupe(markers: list[Marker]) -> list[Marker]:
    """One marker per stretch of text and kind: the highest score, then the longest span."""
    markers.sort(key=lambda m: (-m.score, -(m.end - m.start), m.start))
    kept: list[Marker] = []
    for m in markers:
        if not any(k.kind == m.kind and k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end, m.kind))
    return kept


def thread_summary(doc: Document) -> dict:
    """The comment thread at a glance: hostile share, kinds, active and hostile authors, top terms."""
    comments = [c for c in doc.comments if not c.empty]
    by_comment: dict[str, list[Marker]] = defaultdict(list)
    for m in doc.markers:
        if m.comment is not None:
            by_comment[m.comment].append(m)
    author = {c.id: c.author or "(anonymous)" for c in comments}
    hostile = [c.id for c in comments if by_comment.get(c.id)]
    per_kind = {k: sum(1 for cid in hostile if any(m.kind == k for m in by_comment[cid])) for k in KINDS}
    active = Counter(author[c.id] for c in comments)
    hostile_authors: dict[str, dict] = {}
    for cid in hostile:
        row = hostile_authors.setdefault(author[cid], {"author": author[cid], "hostile_comments": 0,
                                                        "markers": 0, "score": 0.0})
        row["hostile_comments"] += 1
        row["markers"] += len(by_comment[cid])
        row["score"] = round(row["score"] + sum(m.score for m in by_comment[cid]), 2)
    terms = Counter((m.term, m.kind) for m in doc.markers)
    per_day = Counter(c.posted for c in comments if c.posted)
    hostile_per_day = Counter(c.posted for c in comments if c.posted and c.id in by_comment)
    days = sorted(per_day)
    return {
        "comments": len(comments),
        "authors": len(active),
        "hostile_comments": len(hostile),
        "hostile_share": round(len(hostile) / len(comments), 3) if comments else 0.0,
        "comments_by_kind": per_kind,
        "markers_by_kind": {k: sum(1 for m in doc.markers if m.kind == k) for k in KINDS},
        "body_markers": sum(1 for m in doc.markers if m.comment is None),
        "active_authors": [{"author": a, "comments": n} for a, n in active.most_common(TOP)],
        "hostile_authors": sorted(hostile_authors.values(),
                                  key=lambda r: (-r["score"], -r["hostile_comments"], r["author"]))[:TOP],
        "top_terms": [{"term": t, "kind": k, "count": n} for (t, k), n in terms.most_common(10)],
        # when the thread was written, where the page dates its comments: a burst of hostile comments
        # on one day shows here
        "dated_comments": sum(per_day.values()),
        "first_posted": days[0] if days else None,
        "last_posted": days[-1] if days else None,
        "by_day": [{"day": d, "comments": per_day[d], "hostile_comments": hostile_per_day[d]} for d in days],
    }


def comment_markers(doc: Document) -> dict[str, list[Marker]]:
    """Markers grouped by the id of the comment they lie in (body markers under None)."""
    out: dict = defaultdict(list)
    for m in doc.markers:
        out[m.comment].append(m)
    return dict(out)


@dataclass(frozen=True)
class MarkersConfig:
    """The comment-markers lexicon."""

    file: str | None = None  # a lexicon file used instead of the packaged one (docs/spin.md)


@register_stage("markers", requires=("title", "body", "comments"), assigns=("markers", "thread"), config=MarkersConfig)
def make_markers(config: MarkersConfig, resources):
    lex = lexicon(config.file)

    def markers(docs: list[Document]) -> None:
        for doc in docs:
            doc.markers = find_markers(doc, lex)
            doc.assign_ids(("markers",))
            doc.thread = thread_summary(doc)
    return markers

