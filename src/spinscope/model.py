"""The one data model: a `Document` holding the original text plus typed span layers."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "spinscope.analysis/1"

# Layer names in the order they appear in a record; every one is present even when empty.
LAYERS = ("body", "boilerplate", "comments", "entities", "quotes", "places", "dates", "events",
          "techniques", "narratives", "labels", "markers", "citations")


@dataclass(slots=True)
class Span:
    """A half-open range of character offsets into `Document.text` (Python string indices)."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def to_dict(self, text: str | None = None) -> dict:
        out = {"start": self.start, "end": self.end}
        if text is not None:
            out["text"] = text[self.start:self.end]
        return out


@dataclass(slots=True)
class Boilerplate(Span):
    """Page furniture that is not the article: widgets, pleas, prompts, captions, links."""

    kind: str = "other"
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, **Span.to_dict(self, text), "kind": self.kind}


@dataclass(slots=True)
class Comment:
    """One reader comment: its own text span, author when given, and its place in the thread."""

    id: str
    parent: str | None
    author: str | None
    depth: int
    start: int
    end: int
    author_span: Span | None = None
    # True when the scrape kept the author line but no text: the span is then the author name,
    # kept so that the replies below it still have their parent.
    empty: bool = False
    # The date the page states for the comment (yyyy-mm-dd), and where its timestamp stands.
    posted: str | None = None
    posted_span: Span | None = None

    def to_dict(self, text: str | None = None) -> dict:
        out = {"id": self.id, "parent": self.parent, "author": self.author, "depth": self.depth,
               "start": self.start, "end": self.end, "empty": self.empty, "posted": self.posted}
        if text is not None:
            out["text"] = text[self.start:self.end]
        if self.author_span is not None:
            out["author_span"] = self.author_span.to_dict(text)
        if self.posted_span is not None:
            out["posted_span"] = self.posted_span.to_dict(text)
        return out


@dataclass(slots=True)
class Sentence(Span):
    """A sentence from the parser; `segment` says whether it lies in the title, body or a comment."""

    segment: str = "body"
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "start": self.start, "end": self.end, "segment": self.segment}


@dataclass(slots=True)
class Entity:
    """An actor, place, nationality or commenter of the document, with every span naming it."""

    id: str
    name: str
    type: str
    kb_id: str | None = None
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-3, from the KB (a nationality: its country)
    code: str | None = None  # CAMEO-style actor code from the KB

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "kb_id": self.kb_id,
                "country": self.country, "code": self.code,
                "mentions": [m.to_dict(text) for m in self.mentions]}


@dataclass(slots=True)
class Speaker:
    """Who a quote is by: an entity id when resolved, the name written, where it is written
    (for "he said", the pronoun's span), and the account handle for an embedded post."""

    entity: str | None
    name: str | None
    start: int | None = None
    end: int | None = None
    handle: str | None = None

    def to_dict(self, text: str | None = None) -> dict:
        out = {"entity": self.entity, "name": self.name, "start": self.start, "end": self.end,
               "handle": self.handle}
        if text is not None and self.start is not None and self.end is not None:
            out["text"] = text[self.start:self.end]
        return out


@dataclass(slots=True)
class Quote(Span):
    """A statement (direct, indirect, mixed, post), a nested quotation, or a scare quote / quoted term."""

    kind: str = "direct"
    speaker: Speaker | None = None
    cue: Span | None = None
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        out = {"id": self.id, **Span.to_dict(self, text)}
        out.update(kind=self.kind,
                   speaker=self.speaker.to_dict(text) if self.speaker else None,
                   cue=self.cue.to_dict(text) if self.cue else None)
        return out


@dataclass(slots=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None = None
    geonameid: int | None = None
    mentions: list[Span] = field(default_factory=list)
    feature_class: str | None = None  # GeoNames feature class: "P" populated place, "A" country or division...
    feature_code: str | None = None  # GeoNames feature code: "PPL", "ADM1", "ADM2", "PCLI", "CONT"...
    reason: str | None = None  # why this namesake: "curated", "context", "population" or "only"
    # spans that stand for the place's country, people or government without naming it as a location:
    # nationality words ("Iranian", "Russians"), a capital speaking for its government ("Moscow said")
    indirect_mentions: list[Span] = field(default_factory=list)

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "name": self.name, "lat": self.lat, "lon": self.lon,
                "country_code": self.country_code, "geonameid": self.geonameid,
                "mentions": [m.to_dict(text) for m in self.mentions], "feature_class": self.feature_class,
                "feature_code": self.feature_code, "reason": self.reason,
                "indirect_mentions": [m.to_dict(text) for m in self.indirect_mentions]}


@dataclass(slots=True)
class Event(Span):
    type: str = ""
    mode: str = "asserted"
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    trigger: Span | None = None
    cameo: str | None = None  # the CAMEO event code beside the PLOVER `type` ("190", "036")
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "type": self.type, "cameo": self.cameo, "mode": self.mode, "actor": self.actor,
                "target": self.target, "place": self.place, "date": self.date, **Span.to_dict(self, text),
                "trigger": self.trigger.to_dict(text) if self.trigger else None}


@dataclass(slots=True)
class DateMention(Span):
    """A date expression; `value` is ISO (YYYY-MM-DD, YYYY-MM or YYYY) at `granularity`, or None."""

    value: str | None = None
    granularity: str | None = None  # "day" | "month" | "year"; None when unresolved
    anchor: str | None = None  # "absolute" (the text names it) | "published" (relative to it) | "posted"
    # (relative to the day of the comment it stands in) | None
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, **Span.to_dict(self, text), "value": self.value, "granularity": self.granularity,
                "anchor": self.anchor}


@dataclass(slots=True)
class Technique(Span):
    technique: str = ""
    score: float = 0.0
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "technique": self.technique, **Span.to_dict(self, text), "score": self.score}


STANCES = ("asserts", "reports", "rejects")


@dataclass(slots=True)
class Evidence(Span):
    """A sentence carrying a narrative: its stance towards the claim (one of STANCES) and probability."""

    stance: str = "asserts"
    score: float = 0.0

    def to_dict(self, text: str | None = None) -> dict:
        return {**Span.to_dict(self, text), "stance": self.stance, "score": self.score}


@dataclass(slots=True)
class Narrative:
    id: str
    label: str
    score: float
    evidence: list[Span] = field(default_factory=list)
    stance: str = "asserts"  # the strongest stance of its evidence: asserts, else reports, else rejects

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "label": self.label, "score": self.score, "stance": self.stance,
                "evidence": [e.to_dict(text) for e in self.evidence]}


@dataclass(slots=True)
class Label(Span):
    """A naming choice: the word a text uses for an actor ("terrorists", "moderate rebels")."""

    entity: str | None = None  # entity id the label describes, when it can be linked
    label: str = ""  # the catalogue's canonical label
    category: str = ""  # the catalogue's framing class for the label
    confidence: float = 0.0  # how sure the link to `entity` is (0 when not linked)
    rule: str | None = None  # the linking rule that found the entity ("apposition", "fallback", ...)
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "entity": self.entity, "label": self.label, "category": self.category,
                "confidence": self.confidence, "rule": self.rule, **Span.to_dict(self, text)}


@dataclass(slots=True)
class Marker(Span):
    """A hostile or conspiratorial cue (hate, conspiracy, violence, insult), mostly in comments."""

    kind: str = ""
    term: str = ""  # the lexicon entry that matched
    score: float = 0.0
    comment: str | None = None  # id of the comment it lies in; None in the body
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "kind": self.kind, "term": self.term, "score": self.score, "comment": self.comment,
                **Span.to_dict(self, text)}


@dataclass(slots=True)
class Citation(Span):
    """Where a text or a claim comes from: a re-publication line, "X reported", "according to X"..."""

    kind: str = ""
    name: str = ""  # the outlet or source as written (or the KB's name when resolved)
    kb_id: str | None = None  # the actors-KB id of the outlet, when known
    entity: str | None = None  # the entity id of the document naming it, when there is one
    name_span: Span | None = None  # where the name is written inside the citation
    id: str = ""

    def to_dict(self, text: str | None = None) -> dict:
        return {"id": self.id, "kind": self.kind, "name": self.name, "kb_id": self.kb_id, "entity": self.entity,
                **Span.to_dict(self, text),
                "name_span": self.name_span.to_dict(text) if self.name_span else None}


@dataclass(slots=True)
class Source:
    """Where a document came from; every field is optional metadata."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    # the address the page declares its own (`<link rel="canonical">`, else `og:url`; HTML only, stop 40)
    canonical: str | None = None

    def to_dict(self) -> dict:
        return {"path": self.path, "url": self.url, "outlet": self.outlet, "title": self.title,
                "published": self.published, "language": self.language, "canonical": self.canonical}


_WS = re.compile(r"\s+")


def normalize_for_id(text: str) -> str:
    """The text a `doc_id` is a hash of: NFKC, whitespace collapsed, trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def make_doc_id(text: str) -> str:
    return hashlib.sha1(normalize_for_id(text).encode("utf-8")).hexdigest()[:16]


# Each layer's item class, for `Document.from_dict`.
LAYER_TYPES: dict[str, type] = {}

# Prefix of the ids `Document.assign_ids` gives to the items of a layer (entities, places, quotes,
# comments and narratives name their own ids).
ID_PREFIX = {"boilerplate": "bp", "sentences": "s", "dates": "d", "events": "ev", "techniques": "t",
             "labels": "l", "markers": "m", "citations": "ci"}


@dataclass(slots=True, eq=False)
class Document:
    """Original text plus span layers. Stages add layers; none rewrites `text`."""

    text: str
    source: Source = field(default_factory=Source)
    title: Span | None = None
    body: list[Span] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    # The comment thread at a glance (written by the markers stage); None until it runs.
    thread: dict | None = None
    # Version, stages that ran and content hashes of what they used (written by the pipeline).
    provenance: dict | None = None
    # Runtime only, never serialized: segmentation a reader already knows (HTML main text vs
    # comments), and parsed segments as (offset, spacy.tokens.Doc, segment kind), dropped when
    # the pipeline hands the document back.
    hints: dict[str, Any] = field(default_factory=dict)
    parses: list[tuple[int, Any, str]] = field(default_factory=list)
    _doc_id: str | None = None

    @property
    def doc_id(self) -> str:
        if self._doc_id is None:
            self._doc_id = make_doc_id(self.text)
        return self._doc_id

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    @property
    def body_text(self) -> str:
        """The article body's pieces joined by blank lines (for reading, not for offsets)."""
        return "\n\n".join(self.text[s.start:s.end] for s in self.body)

    def assign_ids(self, layers=ID_PREFIX) -> None:
        """Give every item of these layers without an id one derived from its offsets (stable for the
        same analysis): "t120-131", and "t120-131.2" for a second item on the same span."""
        for layer in layers:
            prefix = ID_PREFIX.get(layer)
            if prefix is None:
                continue
            items = getattr(self, layer)
            taken = {x.id for x in items if x.id}
            for x in items:
                if x.id:
                    continue
                base = f"{prefix}{x.start}-{x.end}"
                new, n = base, 1
                while new in taken:
                    n += 1
                    new = f"{base}.{n}"
                x.id = new
                taken.add(new)

    def __getstate__(self):
        # Pickled without the runtime fields: a parsed segment alone is about a megabyte.
        return {name: getattr(self, name) for name in self.__slots__ if name not in ("parses",)}

    def __setstate__(self, state):
        for name in self.__slots__:
            object.__setattr__(self, name, state.get(name, [] if name == "parses" else None))
        if self.hints is None:
            self.hints = {}

    def to_dict(self, *, span_text: bool = True) -> dict:
        """The record of the JSON contract (`docs/schema.md`)."""
        t = self.text if span_text else None
        return {
            "schema": SCHEMA,
            "doc_id": self.doc_id,
            "source": self.source.to_dict(),
            "text": self.text,
            "title": self.title.to_dict(t) if self.title else None,
            "body": [{"id": f"b{s.start}-{s.end}", **s.to_dict()} for s in self.body],
            "boilerplate": [b.to_dict(t) for b in self.boilerplate],
            "comments": [c.to_dict(t) for c in self.comments],
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict(t) for e in self.entities],
            "quotes": [q.to_dict(t) for q in self.quotes],
            "places": [p.to_dict(t) for p in self.places],
            "dates": [d.to_dict(t) for d in self.dates],
            "events": [e.to_dict(t) for e in self.events],
            "techniques": [x.to_dict(t) for x in self.techniques],
            "narratives": [n.to_dict(t) for n in self.narratives],
            "labels": [x.to_dict(t) for x in self.labels],
            "markers": [m.to_dict(t) for m in self.markers],
            "thread": self.thread,
            "citations": [c.to_dict(t) for c in self.citations],
            "provenance": self.provenance,
        }

    @classmethod
    def from_dict(cls, record: dict) -> Document:
        """The document a record describes (the inverse of `to_dict`; span `text` copies are ignored)."""
        if record.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} record (schema {record.get('schema')!r})")
        src = record.get("source") or {}
        doc = cls(text=record["text"], source=Source(**{k: src.get(k) for k in Source.__slots__}))
        doc.title = _build(Span, record.get("title"))
        doc.body = [_build(Span, s) for s in record.get("body") or []]
        for layer, item_type in LAYER_TYPES.items():
            setattr(doc, layer, [_build(item_type, x) for x in record.get(layer) or []])
        doc.thread = record.get("thread")
        doc.provenance = record.get("provenance")
        doc._doc_id = record.get("doc_id")
        return doc

    def iter_spans(self):
        """Every span of every layer, as (layer name, span-like object with start/end)."""
        if self.title:
            yield "title", self.title
        for name in ("body", "boilerplate", "comments", "sentences", "quotes", "dates", "events",
                     "techniques", "labels", "markers", "citations"):
            for s in getattr(self, name):
                yield name, s
        for c in self.comments:
            if c.author_span:
                yield "comments.author_span", c.author_span
            if c.posted_span:
                yield "comments.posted_span", c.posted_span
        for e in self.entities:
            for m in e.mentions:
                yield "entities.mentions", m
        for p in self.places:
            for m in p.mentions:
                yield "places.mentions", m
            for m in p.indirect_mentions:
                yield "places.indirect_mentions", m
        for q in self.quotes:
            if q.cue:
                yield "quotes.cue", q.cue
            if q.speaker and q.speaker.start is not None:
                yield "quotes.speaker", q.speaker
        for c in self.citations:
            if c.name_span:
                yield "citations.name_span", c.name_span
        for e in self.events:
            if e.trigger:
                yield "events.trigger", e.trigger
        for n in self.narratives:
            for ev in n.evidence:
                yield "narratives.evidence", ev

    def problems(self) -> list[str]:
        """Spans that break the contract (empty list when every span is honest)."""
        n = len(self.text)
        out = []
        for layer, s in self.iter_spans():
            if not (isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= n):
                out.append(f"{layer}: bad offsets {s.start}..{s.end} (text length {n})")
        ids = {c.id for c in self.comments}
        depth = {c.id: c.depth for c in self.comments}
        for c in self.comments:
            if c.parent is not None and (c.parent not in ids or c.depth != depth[c.parent] + 1):
                out.append(f"comment {c.id}: parent {c.parent} / depth {c.depth} inconsistent")
            if c.parent is None and c.depth != 0:
                out.append(f"comment {c.id}: top-level comment with depth {c.depth}")
            for b in self.body:
                if c.start < b.end and b.start < c.end:
                    out.append(f"comment {c.id} overlaps body {b.start}..{b.end}")
        return out


# Nested span fields of the item classes, built back by `_build`.
_NESTED = {"author_span": Span, "posted_span": Span, "speaker": "Speaker", "cue": Span, "name_span": Span, "trigger": Span}
_LISTS = {"mentions": Span, "indirect_mentions": Span, "evidence": Evidence}


def _build(cls: type, data: dict | None):
    """An item of class `cls` from its record object (None stays None)."""
    if data is None:
        return None
    values = {}
    for name in cls.__dataclass_fields__:
        if name not in data:
            continue
        value = data[name]
        if name in _NESTED and value is not None:
            kind = _NESTED[name]
            value = _build(Speaker if kind == "Speaker" else kind, value)
        elif name in _LISTS:
            value = [_build(_LISTS[name], v) for v in value or []]
        values[name] = value
    return cls(**values)


LAYER_TYPES.update(boilerplate=Boilerplate, comments=Comment, sentences=Sentence, entities=Entity,
                   quotes=Quote, places=Place, dates=DateMention, events=Event, techniques=Technique,
                   narratives=Narrative, labels=Label, markers=Marker, citations=Citation)
