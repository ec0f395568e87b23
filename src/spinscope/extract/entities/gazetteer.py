"""A list of names matched on whole words: longest first, case-tolerant, hyphen/space tolerant."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...text.names import Word, is_acronym, joinable, words


@dataclass(slots=True)
class Entry:
    key: tuple[str, ...]
    caps: tuple[bool, ...]  # per word: an acronym, matched only in capitals ("US" is not "us")
    has_upper: bool
    forms: list[set[str]] = field(default_factory=list)  # per word: the spellings added
    payloads: list = field(default_factory=list)
    # one word known only as "The X" ("The National", "The Hill"): matched only after "the" and not
    # as the head of a longer name ("the National Security Council", "Capitol Hill")
    needs_the: bool = False
    # per word: written with a possessive in the name ("People's Daily", "Women's Protection Units"),
    # so the 's may join it to the next word there (elsewhere a possessive ends a name: "Kerry's State")
    poss: tuple[bool, ...] = ()


@dataclass(slots=True)
class Match:
    start: int
    end: int
    first: int  # index of the first word in the word list searched
    last: int  # index one past the last word
    payloads: list
    lower: bool  # written all in lower case although the name has capitals ("russia")
    key: tuple[str, ...] = ()  # the name's normalized words


class Gazetteer:
    """Names -> payloads; `find` returns the longest non-overlapping names in a run of words."""

    def __init__(self):
        self._by_first: dict[str, list[Entry]] = {}
        self._entries: dict[tuple, Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, name: str, payload) -> None:
        ws = words(name)
        dropped = len(ws) > 1 and ws[0].norm == "the"
        if dropped:  # "the" is optional in the text, so never part of a name
            ws = ws[1:]
        if not ws:
            return
        key = tuple(w.norm for w in ws)
        caps = tuple(is_acronym(w.text) for w in ws)
        entry = self._entries.get((key, caps))
        the_only = dropped and len(ws) == 1
        if entry is not None and not the_only:
            entry.needs_the = False
        if entry is None:
            entry = Entry(key, caps, any(c.isupper() for c in name), [set() for _ in ws], needs_the=the_only,
                          poss=tuple(w.possessive for w in ws))
            self._entries[(key, caps)] = entry
            bucket = self._by_first.setdefault(key[0], [])
            bucket.append(entry)
            bucket.sort(key=lambda e: -len(e.key))
        for forms, w in zip(entry.forms, ws):
            forms.add(w.text)
        if payload not in entry.payloads:
            entry.payloads.append(payload)

    def find(self, text: str, ws: list[Word], *, exact_case: bool = False) -> list[Match]:
        """Longest matches, left to right, never overlapping. `exact_case` asks every word to be
        written as in the name, or in capitals."""
        out: list[Match] = []
        by_first = self._by_first
        n = len(ws)
        i = 0  # the first word not yet inside a match
        # only a word some name begins with can begin a match: the others are stepped over at once (round 16)
        for at in [a for a, w in enumerate(ws) if w.norm in by_first]:
            if at < i:
                continue
            i = at
            hit = None
            second = ws[i + 1].norm if i + 1 < n else None
            for entry in by_first[ws[i].norm]:
                k = len(entry.key)
                if i + k > n:
                    continue
                if k > 1 and entry.key[1] != second:
                    continue  # the first word the test below compares, compared without building it (round 16)
                if all(ws[i + j].norm == entry.key[j] for j in range(1, k)) \
                        and all(_joins(text, ws[i + j], ws[i + j + 1], entry.poss[j] and not self._named(ws[i + j]))
                                for j in range(k - 1)) \
                        and self._case_ok(entry, ws[i:i + k], exact_case) \
                        and (not entry.needs_the or _after_the(text, ws, i)):
                    hit = entry
                    break
            if hit is None:
                i += 1
                continue
            k = len(hit.key)
            span = ws[i:i + k]
            lower = hit.has_upper and not any(c.isupper() for w in span for c in w.text)
            out.append(Match(span[0].start, span[-1].end, i, i + k, list(hit.payloads), lower, hit.key))
            i += k
        return out

    def _named(self, word: Word) -> bool:
        """Whether the word alone is a name of the list: then its possessive ends the name ("Russia's
        Defence Ministry" is Russia and the ministry, as the text's possessor and possessed)."""
        return any(len(e.key) == 1 for e in self._by_first.get(word.norm, ()))

    def _case_ok(self, entry: Entry, span: list[Word], exact_case: bool) -> bool:
        for cap, w in zip(entry.caps, span):
            if cap and not w.text.replace(".", "").isupper():
                return False
        if exact_case:
            return all(_same_case(w.text, forms) for w, forms in zip(span, entry.forms))
        return True


def _joins(text: str, left: Word, right: Word, poss_in_name: bool) -> bool:
    """Whether two words of the text may be neighbours in a name; a possessive joins only where the
    name has one itself."""
    if left.possessive and poss_in_name:
        return joinable(text, replace(left, end=left.end + 2, possessive=False), right)  # past the 's
    return joinable(text, left, right)


def _after_the(text: str, ws: list[Word], i: int) -> bool:
    """Word `i` follows "the" and does not begin a longer capitalized name."""
    if i == 0 or ws[i - 1].norm != "the" or not joinable(text, ws[i - 1], ws[i]):
        return False
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    return nxt is None or ws[i].possessive or not (nxt.text[:1].isupper() and joinable(text, ws[i], nxt))


def _same_case(text: str, forms: set[str]) -> bool:
    """Written as one of the forms, or in capitals, or a lower-case particle capitalized ("De Mistura")."""
    if text in forms or (text.isupper() and len(text) > 2):
        return True
    return any(f[:1].islower() and text == f[:1].upper() + f[1:] for f in forms)
