"""Features for the techniques models: per token (is it inside a propaganda span) and per span (which technique)."""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from ...resources import resource
from ...datafile import read_data

LEXICON_FILE = Path(__file__).resolve().parents[2] / "data" / "techniques" / "lexicon.yaml"
TOKEN_HASH = 2 ** 18
SPAN_HASH = 2 ** 16
QUOTES = set("\"“”‘’«»")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Lexicon:
    """Cue words (token -> categories) and cue phrases (token tuple -> categories) from lexicon.yaml."""

    words: dict
    phrases: dict
    longest: int
    starts: frozenset = frozenset()  # the first word of every phrase (a token no phrase begins with is skipped)


@resource("data/techniques/lexicon.yaml", user_files=True)
def load_lexicon(path: str | None = None) -> Lexicon:
    data = read_data("data/techniques/lexicon.yaml", path)
    words: dict[str, set] = {}
    phrases: dict[tuple, set] = {}
    for cat, items in data["categories"].items():
        for item in items:
            key = str(item).lower().split()
            if len(key) == 1:
                words.setdefault(key[0], set()).add(cat)
            else:
                phrases.setdefault(tuple(key), set()).add(cat)
    return Lexicon(words, phrases, max((len(k) for k in phrases), default=1), frozenset(k[0] for k in phrases))


@dataclass
class DocView:
    """The title and body of one document as flat token and sentence lists with document offsets."""

    text: str
    tokens: list = field(default_factory=list)  # spaCy tokens, in document order
    starts: list = field(default_factory=list)  # document offset of each token
    tok_sent: list = field(default_factory=list)  # sentence index of each token
    sents: list = field(default_factory=list)  # (start, end, kind, first token, last token + 1)
    lemma_counts: Counter = field(default_factory=Counter)
    lex_tags: list = field(default_factory=list)  # lexicon categories of each token (set)
    # What the token features read of each token, read from spaCy once (each attribute is a lookup)
    low: list = field(default_factory=list)  # lower-case form
    lemma: list = field(default_factory=list)  # lower-case lemma
    pos: list = field(default_factory=list)
    tag: list = field(default_factory=list)
    dep: list = field(default_factory=list)
    head: list = field(default_factory=list)  # the head's lower-case form
    flags: list = field(default_factory=list)  # (is_upper, is_title, is_alpha, is_stop, text)

    @classmethod
    def build(cls, text: str, parses, lex: Lexicon) -> "DocView":
        """From `(offset, spacy Doc, kind)` pieces; comments are left out (reader talk, not the article)."""
        v = cls(text)
        for offset, sdoc, kind in sorted(parses, key=lambda p: p[0]):
            if kind not in ("title", "body"):
                continue
            for sent in sdoc.sents:
                toks = [t for t in sent if not t.is_space]
                if not toks:
                    continue
                first = len(v.tokens)
                for t in toks:
                    v.tokens.append(t)
                    v.starts.append(offset + t.idx)
                    v.tok_sent.append(len(v.sents))
                v.sents.append((offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1]), kind,
                                first, len(v.tokens)))
        for t in v.tokens:
            v.low.append(t.lower_)
            v.lemma.append(t.lemma_.lower())
            v.pos.append(t.pos_)
            v.tag.append(t.tag_)
            v.dep.append(t.dep_)
            v.head.append(t.head.lower_)
            v.flags.append((t.is_upper, t.is_title, t.is_alpha, t.is_stop, t.text))
        v.lemma_counts = Counter(lm for lm, f in zip(v.lemma, v.flags) if f[2] and not f[3])
        v.lex_tags = _lex_tags(v, lex)
        return v

    def sent_text(self, i: int) -> str:
        s, e = self.sents[i][:2]
        return self.text[s:e]

    def end_of(self, i: int) -> int:
        return self.starts[i] + len(self.tokens[i])

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [a, b) of the tokens that start inside [start, end) (or the one covering start)."""
        a = bisect_left(self.starts, start)
        if a > 0 and self.end_of(a - 1) > start:
            a -= 1
        b = bisect_right(self.starts, end - 1)
        return a, max(a, b)


def _lex_tags(v: DocView, lex: Lexicon) -> list[set]:
    tags = [set() for _ in v.tokens]
    low, words = v.low, lex.words
    for i, (w, lm) in enumerate(zip(low, v.lemma)):
        cw, cl = words.get(w), words.get(lm)
        if cw is not None or cl is not None:  # else the empty set stays (the same set either way)
            tags[i] |= (set() if cw is None else cw) | (set() if cl is None else cl)
    starts = lex.starts if lex.starts or not lex.phrases else frozenset(k[0] for k in lex.phrases)
    for _, _, _, a, b in v.sents:  # phrases never cross a sentence
        for i in range(a, b):
            if low[i] not in starts:  # no phrase begins with this word: none is found at any length
                continue
            for n in range(2, lex.longest + 1):
                if i + n > b:
                    break
                cats = lex.phrases.get(tuple(low[i:i + n]))
                if cats:
                    for j in range(i, i + n):
                        tags[j] |= cats
    return tags


def _bucket(x: float, edges: tuple) -> int:
    """How many of the (ascending) edges x reaches."""
    return bisect_right(edges, x)


_POSITION = [("pos=" + str(k), 1.0) for k in range(4)]  # the token's place in its sentence, as a feature
_NEIGHBOURS = [(k, f"w{k:+d}=") for k in (-2, -1, 1, 2)]


def token_features(v: DocView, sent_prob: np.ndarray, only: set | None = None) -> list[list[tuple[str, float]]]:
    """One list of (feature, value) pairs per token; `sent_prob` is the sentence model's output per sentence.
    With `only` (sentence indices), the tokens of those sentences alone, in order (a token's features
    read its own sentence only)."""
    out = []
    low, lemma, poss, tags, deps, heads, flags = v.low, v.lemma, v.pos, v.tag, v.dep, v.head, v.flags
    for si, (s, e, kind, a, b) in enumerate(v.sents):
        if only is not None and si not in only:
            continue
        sp = float(sent_prob[si])
        n = b - a
        # Inside quotation marks: propaganda often sits in quoted words and scare quotes.
        inq, quoted = False, []
        for i in range(a, b):
            if flags[i][4] in QUOTES:
                inq = not inq
            quoted.append(inq)
        sent_txt = v.text[s:e]
        excl, ques = "!" in sent_txt, "?" in sent_txt
        seg, length = ("seg=" + kind, 1.0), ("len=" + str(_bucket(n, (6, 12, 25, 40))), 1.0)
        bias, sp_, sp2 = ("bias", 1.0), ("sp", sp), ("sp2", sp * sp)
        for i in range(a, b):
            w, pos, dep = low[i], poss[i], deps[i]
            is_upper, is_title, is_alpha, is_stop, _ = flags[i]
            f = [bias, ("w=" + w, 1.0), ("l=" + lemma[i], 1.0), ("p=" + pos, 1.0),
                 ("t=" + tags[i], 1.0), ("d=" + dep, 1.0), ("hd=" + heads[i], 1.0),
                 sp_, sp2, ("sp|p=" + pos, sp), ("sp|d=" + dep, sp),
                 seg, _POSITION[_bucket((i - a) / n, (0.15, 0.5, 0.85))], length]
            for k, prefix in _NEIGHBOURS:
                j = i + k
                f.append((prefix + (low[j] if a <= j < b else "<s>"), 1.0))
            f.append(("w-1|w=" + (low[i - 1] if i > a else "<s>") + "|" + w, 1.0))
            f.append(("w|w+1=" + w + "|" + (low[i + 1] if i + 1 < b else "</s>"), 1.0))
            f.append(("p-1|p|p+1=" + (poss[i - 1] if i > a else "<s>") + "|" + pos + "|"
                      + (poss[i + 1] if i + 1 < b else "</s>"), 1.0))
            if is_upper and len(w) > 1:
                f.append(("upper", 1.0))
            if is_title and i > a:
                f.append(("title_case", 1.0))
            if quoted[i - a]:
                f.append(("quoted", 1.0))
            if excl:
                f.append(("sent!", 1.0))
            if ques:
                f.append(("sent?", 1.0))
            for cat in v.lex_tags[i]:
                f.append(("lex=" + cat, 1.0))
                f.append(("lex=" + cat + "|sp", sp))
            for k in (-1, 1):  # a cue next door pulls its neighbours in
                if a <= i + k < b:
                    for cat in v.lex_tags[i + k]:
                        f.append((f"lex{k:+d}=" + cat, 1.0))
            if is_alpha and not is_stop:
                c = v.lemma_counts[lemma[i]]
                f.append(("rep", math.log(c)))
            out.append(f)
    return out


def span_features(v: DocView, start: int, end: int) -> list[tuple[str, float]]:
    """(feature, value) pairs for the technique of the span [start, end)."""
    a, b = v.token_range(start, end)
    toks = v.tokens[a:b]
    low = [t.lower_ for t in toks]
    text = v.text[start:end]
    f = [("bias", 1.0), ("ntok=" + str(_bucket(len(toks), (2, 3, 5, 8, 13, 21, 34))), 1.0),
         ("ntok", math.log1p(len(toks)))]
    for w in low:
        f.append(("in=" + w, 1.0))
    for t in toks:
        f.append(("inl=" + t.lemma_.lower(), 1.0))
        f.append(("inp=" + t.pos_, 1.0 / max(1, len(toks))))
    for w1, w2 in zip(low, low[1:]):
        f.append(("in2=" + w1 + "|" + w2, 1.0))
    if low:
        f.append(("first=" + low[0], 1.0))
        f.append(("last=" + low[-1], 1.0))
    for k in range(1, 4):  # the words just before and after
        if a - k >= 0:
            f.append((f"L{k}=" + v.tokens[a - k].lower_, 1.0))
        if b - 1 + k < len(v.tokens):
            f.append((f"R{k}=" + v.tokens[b - 1 + k].lower_, 1.0))
    cats = Counter(c for i in range(a, b) for c in v.lex_tags[i])
    for c, n in cats.items():
        f.append(("lex=" + c, math.log1p(n)))
    if toks:
        si = v.tok_sent[a]
        s, e, kind = v.sents[si][:3]
        f.append(("seg=" + kind, 1.0))
        f.append(("sent_cover", (end - start) / max(1, e - s)))
        sent_txt = v.text[s:e]
        if "?" in sent_txt:
            f.append(("sent?", 1.0))
        if "!" in sent_txt:
            f.append(("sent!", 1.0))
    # Repetition: the same words elsewhere in the article.
    key = " ".join(text.lower().split())
    if key and _WORD.search(key):
        n = v.text.lower().count(key)
        f.append(("exact_rep", math.log(max(1, n))))
        f.append(("exact_rep>1", float(n > 1)))
    reps = [v.lemma_counts[t.lemma_.lower()] for t in toks if t.is_alpha and not t.is_stop]
    if reps:
        f.append(("max_rep", math.log(max(reps))))
        f.append(("mean_rep", math.log(sum(reps) / len(reps))))
    if any(ch in QUOTES for ch in text):
        f.append(("has_quote", 1.0))
    if text.isupper():
        f.append(("all_caps", 1.0))
    return f
