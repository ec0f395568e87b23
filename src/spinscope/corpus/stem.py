"""The Snowball English (Porter2) stemmer in Python, as DuckDB's `stem(w, 'english')` stems a word of a-z.

The full-text index stems with DuckDB's libstemmer; a search stems its query words here instead of asking the
database, so that a query needs no round trip. tests/test_corpus_stem.py compares the two on many words (there is
no fallback at run time: a word stemmed otherwise than the index did would simply not be found).
Why not PyStemmer: its Snowball 3 English stemmer differs from the one DuckDB 1.4 built the index with
("added" -> "ad", not "add"), so query words would miss their index terms; that test caught it."""
from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiouy")
DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
LI_ENDING = frozenset("cdeghkmnrt")

EXCEPTION1 = {"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
              "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
              "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
              "andes": "andes"}
EXCEPTION2 = frozenset(("inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"))
R1_PREFIXES = ("gener", "commun", "arsen")

# (suffix, replacement) longest first; Snowball's `among` takes the longest suffix that matches, then its condition
STEP2 = sorted([("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
                ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
                ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
                ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
                ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", "")], key=lambda x: -len(x[0]))
STEP3 = sorted([("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
                ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", "")], key=lambda x: -len(x[0]))
STEP4 = sorted(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
                "iti", "ous", "ive", "ize", "ion"], key=len, reverse=True)


def _vowel(w: str, i: int) -> bool:
    return w[i] in VOWELS  # 'Y' (a consonant y) is not in VOWELS


def _regions(w: str) -> tuple[int, int]:
    """R1 and R2: after the first non-vowel following a vowel (R1 after one of R1_PREFIXES), and the same again."""
    def after(start: int) -> int:
        i = start
        while i < len(w) and not _vowel(w, i):
            i += 1
        while i < len(w) and _vowel(w, i):
            i += 1
        return min(i + 1, len(w)) if i < len(w) else len(w)
    p1 = next((len(p) for p in R1_PREFIXES if w.startswith(p)), None)
    if p1 is None:
        p1 = after(0)
    return p1, after(p1)


def _short_syllable(w: str, end: int) -> bool:
    """Whether w[:end] ends in a short syllable: non-vowel (not w, x, Y), vowel, non-vowel; or a vowel then a
    non-vowel at the start."""
    if end >= 3 and not _vowel(w, end - 1) and w[end - 1] not in "wxY" and _vowel(w, end - 2) \
            and not _vowel(w, end - 3):
        return True
    return end == 2 and _vowel(w, 0) and not _vowel(w, 1)


def _has_vowel(w: str, end: int) -> bool:
    return any(c in VOWELS for c in w[:end])


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a lower-case word of a-z."""
    if word in EXCEPTION1:
        return EXCEPTION1[word]
    if len(word) < 3:
        return word
    w = list(word)
    if w[0] == "y":
        w[0] = "Y"
    for i in range(1, len(w)):
        if w[i] == "y" and w[i - 1] in VOWELS:
            w[i] = "Y"
    w = "".join(w)
    p1, p2 = _regions(w)
    w = _step1a(w)
    if w not in EXCEPTION2:
        w = _step1b(w, p1)
        w = _step1c(w)
        w = _step2(w, p1)
        w = _step3(w, p1, p2)
        w = _step4(w, p2)
        w = _step5(w, p1, p2)
    return w.replace("Y", "y")


def _step1a(w: str) -> str:
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith(("ied", "ies")):
        return w[:-2] if len(w) > 4 else w[:-1]
    if w.endswith(("us", "ss")):
        return w
    if w.endswith("s"):
        # delete when a vowel stands before the letter preceding the s
        return w[:-1] if _has_vowel(w, len(w) - 2) else w
    return w


def _step1b(w: str, p1: int) -> str:
    for suf in ("eedly", "ingly", "edly", "eed", "ing", "ed"):
        if w.endswith(suf):
            break
    else:
        return w
    start = len(w) - len(suf)
    if suf in ("eed", "eedly"):
        return w[:start] + "ee" if start >= p1 else w
    if not _has_vowel(w, start):
        return w
    w = w[:start]
    if w.endswith(("at", "bl", "iz")):
        return w + "e"
    if w.endswith(DOUBLES):
        return w[:-1]
    if len(w) == p1 and _short_syllable(w, len(w)):  # R1 is empty (Snowball: `atmark p1`)
        return w + "e"
    return w


def _step1c(w: str) -> str:
    if len(w) > 2 and w[-1] in "yY" and not _vowel(w, len(w) - 2):
        return w[:-1] + "i"
    return w


def _step2(w: str, p1: int) -> str:
    for suf, rep in STEP2:
        if w.endswith(suf):
            start = len(w) - len(suf)
            if start < p1:
                return w
            if suf == "ogi":
                return w[:start] + rep if start > 0 and w[start - 1] == "l" else w
            if suf == "li":
                return w[:start] if start > 0 and w[start - 1] in LI_ENDING else w
            return w[:start] + rep
    return w


def _step3(w: str, p1: int, p2: int) -> str:
    for suf, rep in STEP3:
        if w.endswith(suf):
            start = len(w) - len(suf)
            if start < p1 or (suf == "ative" and start < p2):
                return w
            return w[:start] + rep
    return w


def _step4(w: str, p2: int) -> str:
    for suf in STEP4:
        if w.endswith(suf):
            start = len(w) - len(suf)
            if start < p2:
                return w
            if suf == "ion":
                return w[:start] if start > 0 and w[start - 1] in "st" else w
            return w[:start]
    return w


def _step5(w: str, p1: int, p2: int) -> str:
    if w.endswith("e"):
        start = len(w) - 1
        if start >= p2 or (start >= p1 and not _short_syllable(w, start)):
            return w[:start]
        return w
    if w.endswith("l"):
        start = len(w) - 1
        if start >= p2 and start > 0 and w[start - 1] == "l":
            return w[:start]
    return w
