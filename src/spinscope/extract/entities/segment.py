"""Segments of a parsed document, the mentions found in them, and the recognizer's word lists."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ...model import Document
from .kb_index import KBIndex, Nationality
from ...text.names import Word, joinable
from .places_index import PlaceIndex
from .roles import Profile, Role, Vocabulary
from ...resources import resource
from ...datafile import read_data
from ..parse import segment_text, segment_words


@resource("data/entities/recognize.yaml")
def recognize_data() -> dict:
    return read_data("data/entities/recognize.yaml")


def ner_types() -> dict[str, str]:
    return recognize_data()["ner_labels"]


@resource("data/entities/recognize.yaml")
def listed_words(key: str) -> frozenset[str]:
    """One word list of `data/entities/recognize.yaml`, lower-cased (read once)."""
    return frozenset(str(w).lower() for w in recognize_data().get(key) or ())


@dataclass(slots=True)
class Unit:
    """A run of words inside a title ("Russian", "Defense Ministry", "spokesman", "U.S.")."""

    first: int
    last: int  # one past the last word
    roles: list[Role] = field(default_factory=list)
    country: str | None = None
    source: str = "role"  # "role" (a title word), "kb", "nationality", "country"


@dataclass
class Segment:
    """One parsed piece (title, body paragraph, comment) and what was found in it."""

    text: str  # the whole document text (offsets are the document's)
    start: int
    end: int
    kind: str
    sdoc: Any
    words: list[Word]
    starts: dict[int, Unit] = field(default_factory=dict)  # longest title unit starting at a word
    ends: dict[int, Unit] = field(default_factory=dict)  # longest title unit ending at a word (index of the last)
    refused: set = field(default_factory=set)  # (start, end) of KB names the word after them refused (`not_before`)

    def add_unit(self, unit: Unit) -> None:
        old = self.starts.get(unit.first)
        if old is None or unit.last > old.last:
            self.starts[unit.first] = unit
        old = self.ends.get(unit.last - 1)
        if old is None or unit.first < old.first:
            self.ends[unit.last - 1] = unit

    _word_starts: list[int] | None = None
    _tok_starts: list[int] | None = None
    _ents: list | None = None
    _title_case: bool | None = None  # `title_case`, worked out once (round 16)
    _shared_acronyms: dict | None = None  # kb_names `shared_acronym_elsewhere`, by (start, end, actor id) (stop 52)

    @property
    def ents(self) -> list:
        """The parser's named entities (spaCy builds them anew at every access)."""
        if self._ents is None:
            self._ents = list(self.sdoc.ents)
        return self._ents

    def words_within(self, start: int, end: int) -> tuple[int, int]:
        """Indices (first, one past the last) of the words lying inside start..end."""
        if self._word_starts is None:
            self._word_starts = [w.start for w in self.words]
        first = bisect_left(self._word_starts, start)
        last = bisect_right(self._word_starts, end - 1)
        while last > first and self.words[last - 1].end > end:
            last -= 1
        return first, last

    def word_at(self, char: int) -> int | None:
        if self._word_starts is None:
            self._word_starts = [w.start for w in self.words]
        i = bisect_right(self._word_starts, char) - 1
        return i if i >= 0 and char < self.words[i].end else None

    def token_at(self, char: int):
        """The parser's token at a document offset, or None."""
        if self._tok_starts is None:
            from spacy.attrs import IDX  # spaCy is imported when a parse is there, not with the module

            self._tok_starts = self.sdoc.to_array(IDX).tolist()
        i = bisect_right(self._tok_starts, char - self.start) - 1
        if i < 0:
            return None
        tok = self.sdoc[i]
        return tok if char - self.start < tok.idx + len(tok.text) else None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    seg: int  # index of its segment
    first: int  # word indices in the segment, last one past the end
    last: int
    source: str  # "kb", "nationality", "ner", "local", "nominal"
    type: str
    kb_id: str | None = None
    nat: Nationality | None = None
    label: str | None = None  # the NER label it came from
    key: tuple[str, ...] = ()  # normalized words
    profile: Profile = field(default_factory=Profile)  # persons: what titles around it say
    role: Role | None = None  # role nominals: the role asked for
    role_country: str | None = None  # role nominals: "the Russian diplomat"
    role_of: str | None = None  # role nominals: the body named after "of" ("the chairman of the Ohio party": "ohio")
    unlike_kb: bool = False  # a KB name refused here (an earlier body): never joins the actor by its name


@dataclass
class Context:
    """What recognition needs beyond the document: loaded once per process."""

    index: KBIndex
    places: PlaceIndex
    vocab: Vocabulary


def segments(doc: Document, ctx: Context) -> list[Segment]:
    """The parsed pieces, with their words and title units (roles, nationalities, country names)."""
    out = []
    for offset, sdoc, kind in sorted(doc.parses, key=lambda p: p[0]):
        end = offset + len(segment_text(sdoc))
        ws = segment_words(doc.text, offset, sdoc)
        seg = Segment(doc.text, offset, end, kind, sdoc, ws)
        for m in ctx.vocab.terms.find(doc.text, ws):
            seg.add_unit(Unit(m.first, m.last, [m.payloads[0]]))
        for i, w in enumerate(ws):
            if w.text[:1].isupper():
                code = ctx.places.country_code(w.text)
                if code:
                    seg.add_unit(Unit(i, i + 1, country=code, source="country"))
                if i + 1 < len(ws) and joinable(doc.text, w, ws[i + 1]):
                    code = ctx.places.country_code(doc.text[w.start:ws[i + 1].end])
                    if code:
                        seg.add_unit(Unit(i, i + 2, country=code, source="country"))
        out.append(seg)
    return out


def title_case(seg: Segment) -> bool:
    """Most words of four letters or more start with a capital (a Title-Case or shouted headline). Asked several
    times of a segment by the entity rules, of words that do not change: worked out once (round 16)."""
    found = seg._title_case
    if found is None:
        long = [w for w in seg.words if len(w.text) >= 4 and w.text[:1].isalpha()]
        found = seg._title_case = len(long) >= 2 and sum(w.text[:1].isupper() for w in long) >= 0.75 * len(long)
    return found


def outside_spans(n: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, at = [], 0
    for a, b in sorted(spans):
        out.append((at, a))
        at = max(at, b)
    return out + [(at, n)]


def close_words(seg: Segment, i: int) -> bool:
    """Word i and word i+1 stand in one title: only blanks (or an abbreviation's dot) between them."""
    return i + 1 < len(seg.words) and joinable(seg.text, seg.words[i], seg.words[i + 1])
