"""The `labels` stage: naming choices ("terrorists", "regime", "liberated") linked to the actor they describe."""
from __future__ import annotations

# Needs the `parse` and `entities` stages: links come from the dependency parse and the entity
# mentions, so a document without parses gets no labels (the report then says "none found").
# The catalogue is data (data/labels/en.yaml); the linking rules below are tried in order, the
# first that finds an actor of a type the label can describe wins.

import re
from collections import Counter
from dataclasses import dataclass


from ..model import Document, Entity, Label
from ..pipeline import register_stage
from ..resources import resource
from ..text.spans import SpanIndex, token_span
from ..datafile import read_data
from ..extract.parse import segment_text, tokens_where

QUOTES = "\"'“”‘’"
# How sure each rule is: a label inside an actor's own mention, down to the nearest actor before it.
CONFIDENCE = {"mention": 1.0, "compound": 0.9, "apposition": 0.9, "predicate": 0.9, "of": 0.85,
              "modifier": 0.85, "verb": 0.85, "proxy": 0.8, "antecedent": 0.75, "following": 0.7, "fallback": 0.5,
              "fallback-previous": 0.4}
# Types whose name as a modifier is rarely the labelled actor ("Russian officials", "U.S. air strikes").
_MODIFIER_TYPES = {"state", "nationality", "government", "person"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry: its canonical label, framing class and the types it can describe."""

    label: str
    category: str
    describes: frozenset
    fallback: frozenset
    modifier: bool = False
    possessive: bool = False
    from_label: str | None = None
    from_category: str | None = None


@dataclass(slots=True)
class Catalogue:
    forms: dict  # normalized form -> Entry (None: a phrase that is not a label)
    verbs: dict  # verb lemma -> Entry
    pattern: re.Pattern
    proxy_words: frozenset
    bridge_words: frozenset
    akin_words: frozenset
    not_ground: frozenset = frozenset()  # what a verb of territorial change takes when it is no ground
    ground_nouns: frozenset = frozenset()  # what an object must hold to be ground (with places, states)
    idiom_particles: frozenset = frozenset()  # "seized on", "seized upon": a verb taking a use, not ground
    not_denying: frozenset = frozenset()  # "not the only ...": a negated predicate that still gives its label


def _key(text: str) -> str:
    """A form as looked up: lower case, straight quotes, hyphens and spaces as one space."""
    text = text.lower().replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"[\s\-]+", " ", text).strip()


def _form_regex(form: str) -> str:
    parts = []
    for ch in _key(form):
        if ch == " ":
            parts.append(r"[\s\-]+")
        elif ch in "\"'":
            parts.append("[\"'“”‘’]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _types(value, groups: dict) -> frozenset:
    if isinstance(value, str):
        return frozenset(groups[value])
    return frozenset(t for v in value for t in (groups[v] if v in groups else [v]))


@resource("data/labels/en.yaml", user_files=True)
def catalogue(path: str | None = None) -> Catalogue:
    """The label catalogue (the package's `data/labels/en.yaml`, or another file of that format)."""
    data = read_data("data/labels/en.yaml", path)
    groups = data.get("type_groups", {})
    forms, verbs = {}, {}
    for item in data["labels"]:
        describes = _types(item["describes"], groups)
        frm = item.get("from") or {}
        entry = Entry(item["label"], item["category"], describes,
                      _types(item["fallback"], groups) if "fallback" in item else describes,
                      bool(item.get("modifier")), bool(item.get("possessive")),
                      frm.get("label"), frm.get("category"))
        for form in item.get("forms", ()):
            forms[_key(form)] = entry
        for verb in item.get("verbs", ()):
            verbs[verb.lower()] = entry
    for phrase in data.get("not_labels", ()):
        forms[_key(phrase)] = None  # matched, then dropped: "regime change" names no one
    # Longest forms first, so "legitimate government" wins over "government"; a form glued to a
    # word by a hyphen before it ("pro-opposition") is not that label.
    alts = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(_form_regex(f) for f in alts) + r")(?!\w)",
                         re.IGNORECASE)
    def words(key: str) -> frozenset:
        return frozenset(str(w).lower() for w in data.get(key, ()))
    return Catalogue(forms, verbs, pattern, words("proxy_words"), words("bridge_words"), words("akin_words"),
                     words("not_ground"), not_denying=words("not_denying_words"),
                     ground_nouns=words("ground_nouns"), idiom_particles=words("idiom_particles"))


class _Mentions(SpanIndex):
    """Actor mentions of a document by offset, for 'which actor does this token belong to'."""

    def __init__(self, doc: Document):
        super().__init__((m.start, m.end, e) for e in doc.entities if e.type not in ("commenter", "place")
                         for m in e.mentions)
        self.text = doc.text

    at = SpanIndex.last_overlapping

    def named_with(self, word: str, before: int, types) -> Entity | None:
        """The last actor before offset `before` one of whose mentions ends in `word` as its head noun ("the
        coalition" after "the US-led coalition"; not "the government" after "Syrian government forces"), of a
        fitting type."""
        pattern = re.compile(rf"(?<![\w]){re.escape(word)}$", re.IGNORECASE)
        for start, end, ent in reversed(self.spans):
            if end <= before and ent.type in types and pattern.search(self.text[start:end]):
                return ent
        return None


class _Linker:
    """The linking rules over one parsed segment."""

    def __init__(self, offset: int, sdoc, mentions: _Mentions, cat: Catalogue):
        self.offset, self.sdoc, self.mentions, self.cat = offset, sdoc, mentions, cat
        self.places: SpanIndex | None = None  # place mentions (set by find_labels)

    def ent(self, tok, types) -> Entity | None:
        """The entity whose mention holds `tok`, when its type is one of `types`."""
        hit = self.mentions.at(*token_span(self.offset, tok))
        return hit[2] if hit is not None and hit[2].type in types else None

    def ent_in(self, tok, types) -> Entity | None:
        """The entity of `tok` or of its compound / modifier words ("the Syrian Democratic Forces")."""
        found = self.ent(tok, types)
        if found is None:
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "nmod", "appos") and (found := self.ent(child, types)):
                    break
        return found

    def noun(self, entry: Entry, start: int, end: int, span):
        """(entity, rule) for a noun or modifier label over document offsets [start, end)."""
        types, root = entry.describes, span.root
        hit = self.mentions.at(start, end)
        # The label is a word of a longer name ("Syrian regime", "US-led coalition").
        if hit is not None and (hit[0] < start or hit[1] > end) and hit[2].type in types:
            return hit[2], "mention"
        if entry.modifier:
            return self._modified(span, types), "modifier"
        for tok in span.doc[root.left_edge.i:span.start]:
            if tok.lower_ in self.cat.proxy_words:
                for prev in (tok.nbor(-1) if tok.i > 0 else None, tok.nbor(-2) if tok.i > 1 else None):
                    if prev is not None and (found := self.ent(prev, entry.describes | {"state"})):
                        return found, "proxy"
        if (found := self._predicate(root, types)) is not None:
            return found, "predicate"
        deps = {"compound", "amod", "nmod", "npadvmod"} | ({"poss"} if entry.possessive else set())
        for child in root.children:
            if child.dep_ in deps and child.i < span.start and (found := self.ent_in(child, types)):
                return found, "compound"
        if root.dep_ == "appos" and (found := self.ent_in(root.head, types)):
            return found, "apposition"
        for child in root.children:
            if child.dep_ == "appos" and (found := self.ent_in(child, types)):
                return found, "apposition"
        if root.dep_ == "conj" and any(c.lower_ in self.cat.akin_words for c in root.children) \
                and (found := self.ent_in(root.head, types)):
            return found, "apposition"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "among", "within", "such", "like",
                                                          "including"):
                for pobj in child.subtree:
                    if pobj.dep_ == "pobj" and (found := self.ent_in(pobj, types)):
                        return found, "of"
        found = self._following(span, types)
        if found is not None:
            return found, "following"
        if _anaphoric(span):
            # "the coalition" after "the US-led coalition": the actor named with the label's own word (not "the
            # inspections regime", a compound that names something else)
            if not any(c.dep_ == "compound" for c in root.children) \
                    and (found := self.mentions.named_with(root.text, start, types)) is not None:
                return found, "antecedent"
            return self._fallback(span, entry.fallback)
        return None, None

    def _predicate(self, root, types) -> Entity | None:
        """"X are terrorists", "X, which is a terrorist group", "the UNSC declared X a terrorist group"."""
        head = root.head
        if root.dep_ == "dobj" and head.dep_ in ("acomp", "xcomp"):  # "is a UN recognized ... group"
            root, head = head, head.head
        if any(c.dep_ == "neg" for c in head.children) and not any(
                t.lower_ in self.cat.not_denying for t in root.subtree if t.i < root.i):
            return None  # "Assad is not a terrorist" denies the label ("not the only extremist" gives it)
        if root.dep_ in ("attr", "acomp"):
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif root.dep_ == "oprd":
            subj = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        else:
            return None
        if head.dep_ == "relcl":
            subj.append(head.head)
        for s in subj:
            if (found := self.ent_in(s, types)) is not None:
                return found
            for prep in s.children:  # "50% of the SDF are ..."
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and (found := self.ent_in(pobj, types)) is not None:
                            return found
        return None

    def _modified(self, span, types) -> Entity | None:
        """The actor named by the noun a modifier qualifies: the next mention, before any verb or comma."""
        for tok in span.doc[span.end:span.end + 6]:
            if (found := self.ent(tok, types)) is not None:
                return found
            if tok.pos_ in ("VERB", "AUX") or tok.text in ",.;:":
                break
        return None

    def _following(self, span, types) -> Entity | None:
        """An actor right after the label, joined by a dash, colon, 'such as', 'to', 'like'."""
        for tok in span.doc[span.end:span.end + 5]:
            if tok.sent != span.root.sent:
                break
            if (found := self.ent(tok, types)) is not None:
                return found
            if not (tok.is_punct or tok.lower_ in self.cat.bridge_words):
                break
        return None

    def _fallback(self, span, types):
        """The nearest KB actor before the label in its sentence (else the one before), of a fitting type."""
        sent = span.root.sent
        verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
        for rule, toks in (("fallback", span.doc[sent.start:span.start]),
                           ("fallback-previous", self._previous(sent))):
            seen = set()
            for tok in reversed(list(toks)):
                hit = self.mentions.at(*token_span(self.offset, tok))
                if hit is None or hit[:2] in seen or hit[2].type not in types or hit[2].kb_id is None:
                    continue
                seen.add(hit[:2])
                head = self._root_of(hit, tok)
                # A modifier ("Russian officials", "U.S. air strikes on ...") or the subject of a verb
                # the label depends on ("Syrian forces attacked the rebels") is not what it describes.
                if head.dep_ in ("amod", "compound", "poss", "nmod") and hit[2].type in _MODIFIER_TYPES:
                    continue
                if head.dep_ in ("nsubj", "nsubjpass") and verb is not None and head.head.i == verb.i:
                    continue
                return hit[2], rule
        return None, None

    def _root_of(self, hit, tok):
        """The token of a mention whose head lies outside it."""
        lo, hi = hit[0] - self.offset, hit[1] - self.offset
        while lo <= tok.head.idx < hi and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def _previous(self, sent):
        prev = None
        for s in self.sdoc.sents:
            if s.start >= sent.start:
                break
            prev = s
        return prev if prev is not None else []

    def verb(self, entry: Entry, tok):
        """[(entity, rule, label, category)] for a verb of territorial change."""
        out = []
        kids = list(tok.children)
        taker = None
        rule = "verb"
        for c in kids:
            if c.dep_ == "nsubj":
                taker = self.ent_in(c, entry.describes)
                if taker is None and c.pos_ == "PRON":
                    taker, rule = self._fallback(tok.doc[tok.i:tok.i + 1], entry.describes)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "to" and entry.label == "fell to"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        taker = self.ent_in(p, entry.describes)
        if taker is None and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    taker = self.ent_in(c, entry.describes)
        out.append((taker, rule if taker else None, entry.label, entry.category))
        if entry.from_label:
            for c in [*kids, *(g for k in kids if k.dep_ == "dobj" for g in k.children)]:
                if c.dep_ == "prep" and c.lower_ == "from":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            loser = self.ent_in(p, entry.describes)
                            out.append((loser, "verb" if loser else None, entry.from_label,
                                        entry.from_category))
        return out


def _anaphoric(span) -> bool:
    """A definite label ("the terrorist group", "those militants") or a predicate of a pronoun
    ("those are terrorists"): it points back at an actor named before, so the fallback may look."""
    root = span.root
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in root.children):
        return True
    if root.dep_ in ("attr", "acomp"):
        return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in root.head.children)
    return False


def _wants_verb(entry: Entry, tok) -> bool:
    if tok.pos_ != "VERB" or tok.dep_ == "amod":
        return False
    if entry.label == "fell to":  # "fall" is only a label in "fell to X"
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    return True


def _no_ground(entry: Entry, tok, cat: Catalogue, linker: _Linker) -> bool:
    """The verb acts on people, figures or an office, not on ground: "freed the hostages", "the
    survey captures crimes", "to occupy the White House" (its object, or a passive's subject)."""
    if entry.label == "fell to":
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in cat.not_ground
                                               or c.lower_ in cat.not_ground
                                               or linker.ent_in(c, frozenset({"person"})) is not None):
            return True
        if c.lower_ in cat.idiom_particles and (c.dep_ == "prt" or c.dep_ == "prep" and not any(
                g.dep_ == "pobj" for g in c.children)):
            return True  # "the story was seized on by all sides": taken up, not taken
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if cat.ground_nouns and objects and not any(_ground(o, cat, linker) for o in objects):
        return True  # "grab the proverbial bull", "FREE Domain for Life": an object that is no ground
    return False


_GROUND_TYPES = frozenset({"place", "state", "government"})
_GROUND_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _ground(obj, cat: Catalogue, linker: _Linker) -> bool:
    """The object names ground: a pronoun ("liberate it"), or a word of its phrase that is a ground noun
    ("half of the rebel-held areas", "land") or inside a place, state or seat of government ("the rest
    of Syria", "85% of Deir Ezzor city")."""
    if obj.pos_ == "PRON":
        return True
    for t in obj.subtree:
        if t.lemma_.lower() in cat.ground_nouns or t.lower_ in cat.ground_nouns or t.ent_type_ in _GROUND_ENTS \
                or linker.ent(t, _GROUND_TYPES) is not None \
                or (linker.places is not None and linker.places.last_overlapping(*token_span(linker.offset, t))):
            return True
    return False


_VERB_LEADS = frozenset({"to", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "did",
                         "do", "does", "not", "never", "n't"})


def _used_as_verb(span) -> bool:
    """A one-word naming form the sentence uses as a verb after "to", a modal or a negation ("I used to rebel
    against these norms", "they will rebel"): an act, no name for anyone (realworld38)."""
    if len(span) != 1:
        return False
    tok = span[0]
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.tag_ in ("VB", "VBP") and prev is not None and prev.lower_ in _VERB_LEADS


def find_labels(doc: Document, cat: Catalogue | None = None) -> list[Label]:
    """Every naming choice of one parsed document, linked to an entity where one is in reach."""
    cat = cat or catalogue()
    mentions = _Mentions(doc)
    # places, for "is the object of a verb of territorial change ground": entity mentions and geocoded ones
    places = SpanIndex([(m.start, m.end, e) for e in doc.entities if e.type == "place" for m in e.mentions]
                       + [(m.start, m.end, p) for p in doc.places for m in p.mentions])
    out: list[Label] = []
    for offset, sdoc, _kind in doc.parses:
        linker = _Linker(offset, sdoc, mentions, cat)
        linker.places = places
        for m in cat.pattern.finditer(segment_text(sdoc)):
            entry = cat.forms.get(_key(m.group()))
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand") if entry else None
            if span is None or _used_as_verb(span):
                continue
            start, end = offset + m.start(), offset + m.end()
            ent, rule = linker.noun(entry, start, end, span)
            label = entry.label + " (proxy)" if rule == "proxy" else entry.label
            out.append(_label(start, end, ent, label, entry.category, rule))
        for tok in tokens_where(sdoc, LEMMA=lambda s: s.lower() in cat.verbs):
            entry = cat.verbs.get(tok.lemma_.lower())
            if entry is None or not _wants_verb(entry, tok) or _no_ground(entry, tok, cat, linker):
                continue
            start, end = token_span(offset, tok)
            for ent, rule, label, category in linker.verb(entry, tok):
                out.append(_label(start, end, ent, label, category, rule))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _label(start, end, ent, label, category, rule) -> Label:
    return Label(start, end, ent.id if ent is not None else None, label, category,
                 confidence=CONFIDENCE.get(rule, 0.0) if ent is not None else 0.0,
                 rule=rule if ent is not None else None)


def naming_table(docs, *, comments: bool = False) -> list[dict]:
    """Rows {outlet, doc_id, actor, label, category, count}: how each document names each actor.

    `actor` is the entity's KB id when linked, else its name, else None (no actor in reach).
    Labels in reader comments are left out unless `comments` is true: the table compares outlets.
    """
    rows = []
    for doc in docs:
        by_id = {e.id: e for e in doc.entities}
        counts: Counter = Counter()
        for lab in doc.labels:
            if not comments and any(c.start <= lab.start < c.end for c in doc.comments):
                continue
            ent = by_id.get(lab.entity)
            actor = (ent.kb_id or ent.name) if ent is not None else None
            counts[(actor, lab.label, lab.category)] += 1
        outlet = doc.source.outlet or doc.source.path or doc.doc_id
        for (actor, label, category), n in sorted(counts.items(), key=lambda kv: (str(kv[0][0]), -kv[1], kv[0][1])):
            rows.append({"outlet": outlet, "doc_id": doc.doc_id, "actor": actor, "label": label,
                         "category": category, "count": n})
    return rows


@dataclass(frozen=True)
class LabelsConfig:
    """The naming-labels catalogue."""

    file: str | None = None  # a catalogue file used instead of the packaged one (docs/spin.md)


@register_stage("labels", requires=("parses", "entities"), assigns=("labels",), config=LabelsConfig)
def make_labels(config: LabelsConfig, resources):
    cat = catalogue(config.file)

    def labels(docs: list[Document]) -> None:
        for doc in docs:
            doc.labels = find_labels(doc, cat) if doc.parses else []
    return labels
