"""The keys place names are looked up by: exact (spelling-tolerant) and loose (transliteration-tolerant)."""
from __future__ import annotations

import re
import unicodedata

from ...datafile import read_data



def _geocode_words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in read_data("data/places/geocode.yaml")[key])


# Arabic article forms written as a word of their own ("al-Tanf"): left out of a key (data file).
_ARTICLES = _geocode_words("name_articles")
# The article glued to a word and assimilated to its first letter ("Ezzor", "Assad", "Arraqqa"): a
# vowel, then the doubled consonant.
_GLUED = re.compile(r"^[ae]([tdrzsnl])(?=\1[a-z]{2})")
_QUOTES = str.maketrans("", "", "'’ʿʾ`‘")
_MARKS = str.maketrans("", "", "ʿʾ‘’`")
_SPLIT = re.compile(r"[^a-z0-9]+")
# Transliteration variants folded by the loose key, longest first (applied in order).
_LOOSE = (("aw", "o"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("dj", "j"),
          ("q", "k"), ("ck", "k"), ("c", "k"), ("w", "u"), ("y", "i"), ("ou", "u"), ("oo", "u"),
          ("ee", "i"), ("ai", "e"), ("ay", "e"), ("ei", "e"), ("ey", "e"), ("ie", "i"), ("o", "u"))
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiu])h\b")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes dropped ("Ḩalab" -> "halab", "Ma'arrat" -> "maarrat")."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold().translate(_QUOTES)


def plain(name: str) -> str:
    """A name with its accents and ʿayn/hamza marks dropped, case kept ("Ḩamāh" -> "Hamah")."""
    if name.isascii():
        return name
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text.translate(_MARKS)).strip()


def place_key(name: str) -> str:
    """Words of the name without articles or a leading "the", hyphens and spaces alike: "Deir ez-Zor",
    "Deir Ezzor" and "DEIR EZ ZOR" give "deir zor"; "" when nothing is left."""
    return folded_key(fold(name))


def folded_key(folded: str) -> str:
    """`place_key` of a name already folded."""
    ws = [w for w in _SPLIT.split(folded) if w]
    if len(ws) > 1 and ws[0] == "the":
        ws = ws[1:]
    out = []
    for i, w in enumerate(ws):
        if w in _ARTICLES and len(ws) > 1:
            continue
        if i > 0:  # a glued article only inside a name: "Assad" alone stays "assad"
            w = _GLUED.sub("", w)
        out.append(w)
    return " ".join(out)


def loose_key(name: str) -> str:
    """The exact key with transliteration variants folded and doubled letters single ("Dayr az Zawr"
    and "Deir ez-Zor", "Khmeimim" and "Hmeimim", "Raqqah" and "Raqqa" meet); spaces dropped."""
    return loose_of_key(place_key(name))


def loose_of_key(key: str) -> str:
    """`loose_key` from a name's exact key."""
    key = key.replace(" ", "")
    key = _FINAL_H.sub("", key)
    for a, b in _LOOSE:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


_DISH_NOUNS = _geocode_words("dish_nouns")
_DISH_ADJECTIVES = _geocode_words("dish_adjectives")
_MEASURE_BEFORE = re.compile(r"(?<![\w/.])(?:\d+(?:[/.]\d+)?|\d* ?[½¼¾⅓⅔⅛])[ \u00a0]*(?:"
                             + "|".join(sorted(_geocode_words("recipe_measures"), key=len, reverse=True))
                             + r")\.?[ \u00a0]+$", re.I)
_WORD_AFTER = re.compile(r"[ \u00a0]+([A-Za-z][\w-]*)(?:[ \u00a0]+([A-Z][\w-]*))?")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)[ \u00a0]+$")


def beside_dish_word(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands right before one of `dish_nouns` (only spaces between:
    "Turkey Meatloaf"; or before a capitalized word and then one, "Texas Sheet Cake") or right after one of
    `dish_adjectives` ("Glazed Turkey", "Thanksgiving Turkey") or a recipe's measure ("1/8 tsp Chinese 5-spice"), and
    is no possessive ("Thanksgiving Turkey's" is the state's)."""
    if text[end:end + 2] in ("'s", "’s"):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is not None and (after.group(1).casefold() in _DISH_NOUNS or after.group(1)[:1].isupper()
                              and after.group(2) and after.group(2).casefold() in _DISH_NOUNS):
        return True
    if _MEASURE_BEFORE.search(text, max(0, start - 30), start):
        return True  # "1/8 tsp Chinese 5-spice": an ingredient after its measure (`recipe_measures`)
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).casefold() in _DISH_ADJECTIVES


# "states like" (any case) and then capitalized names joined by commas, "and", "or", up to the name asked about
_DIVISION_PHRASE = re.compile(r"\b(?i:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(
    _geocode_words("division_phrases_before"), key=len, reverse=True)) + r")\s+(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$")


def after_division_phrase(text: str, start: int) -> bool:
    """Whether the name starting at `start` follows one of `division_phrases_before`, alone or in a list of
    capitalized names that opens with it ("states like Colorado and Washington"): a first-level division (stop 44)."""
    return _DIVISION_PHRASE.search(text, max(0, start - 160), start) is not None
