"""Words of a text with their offsets, and the normal form names are compared in."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A dotted abbreviation keeps its dots ("U.S.", "U.N."); any other word is letters and digits, with
# inner apostrophes ("O'Brien"). Hyphens and spaces separate words, so "al-Nusra", "al Nusra" and
# "Al Nusra" are the same two words.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['’]\w+)*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_STRIP = str.maketrans("", "", ".'’")


@dataclass(slots=True, frozen=True)
class Word:
    start: int
    end: int
    text: str
    norm: str
    possessive: bool = False  # an "'s" followed and was left out of the word


def norm(word: str) -> str:
    """Case-, accent- and dot-insensitive form of one word ("U.S." -> "us", "Erdoğan" -> "erdogan")."""
    if word.isascii():
        return word.lower().translate(_STRIP)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_STRIP)


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of `text[start:end]`, offsets into `text`; a trailing possessive 's is cut off."""
    out = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        s, e = m.span()
        w = m.group()
        poss = len(w) > 2 and w.endswith(_POSSESSIVE)
        if poss:
            e -= 2
            w = w[:-2]
        out.append(Word(s, e, w, norm(w), poss))
    return out


def name_key(text: str) -> tuple[str, ...]:
    """A name as the tuple of its normalized words, a leading "the" dropped."""
    if text.isascii():  # the fast path: most names, and every one of the 100,000 place names
        key = tuple((w[:-2] if w.endswith("'s") and len(w) > 2 else w).translate(_STRIP)
                    for w in _WORD.findall(text.lower()))
    else:
        key = tuple(norm(_unpossessive(m)) for m in _WORD.findall(text))
    return key[1:] if len(key) > 1 and key[0] == "the" else key


def _unpossessive(word: str) -> str:
    return word[:-2] if len(word) > 2 and word.endswith(_POSSESSIVE) else word


def is_acronym(word: str) -> bool:
    """All capitals (dots aside), at least two letters: "SDF", "U.S.", "UNSC"."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def joinable(text: str, left: Word, right: Word) -> bool:
    """Whether two neighbouring words may belong to one name: only blanks or a hyphen between them,
    or the dot of an abbreviation ("St. Petersburg", "Gen. Igor"), or an ampersand between two short words in
    capitals ("AT&T")."""
    gap = text[left.end:right.start]
    if len(gap) > 3 or left.possessive:
        return False
    if gap == "&" and left.text.isupper() and right.text.isupper() and len(left.text) <= 3 and len(right.text) <= 3:
        return True  # "AT&T", "S&P", "P&G": one name glued by an ampersand (stop 43)
    if gap.startswith(".") and len(left.text) <= 3:
        gap = gap[1:]
    return all(c in " \t\u00a0-‐‑" or c == "\n" for c in gap) and gap.count("\n") <= 1


def longest_runs(ws: list[Word], max_n: int, starts, accept, min_n: int = 1):
    """Left to right, at each word `starts` allows, the longest run of `max_n` down to `min_n` words
    that `accept` takes, yielded as a list of words; a run taken is stepped over as a whole."""
    i = 0
    while i < len(ws):
        if starts(ws[i]):
            for n in range(min(max_n, len(ws) - i), min_n - 1, -1):
                if accept(ws[i:i + n]):
                    yield ws[i:i + n]
                    i += n
                    break
            else:
                i += 1
        else:
            i += 1
