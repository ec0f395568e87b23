"""Synthetic analysis records for the corpus benchmark and tests: stories, outlets, actors, and planted copies.

Every span is honest (`text[start:end]` is the span); the words are made up, so nothing of any
real article is in here. Copies are planted with one edit each (EDIT_KINDS), so that near-duplicate
precision and recall can be measured."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

EDIT_KINDS = ("reflow", "boilerplate", "trim", "add_paragraph", "cut_paragraph", "headline")
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "vin", "dor", "pel", "qua", "zen", "bri", "mon", "tas", "gul",
             "fer", "nok", "sal", "tir", "ved", "xan", "yol", "wem", "hup", "jor", "cal", "dre", "esk", "ith", "oon"]
TECHNIQUES = ["loaded_language", "name_calling", "exaggeration", "doubt", "flag_waving", "fear", "whataboutism",
              "repetition"]
NARRATIVES = [f"narrative-{i}" for i in range(12)]
EVENT_TYPES = ["ACCUSE", "ASSAULT", "CONSULT", "THREATEN", "AID", "PROTEST", "SANCTION", "AGREE"]
LABELS = [("regime", "delegitimizing"), ("terrorists", "delegitimizing"), ("government", "neutral"),
          ("rebels", "neutral"), ("liberators", "legitimizing")]
MARKERS = [("conspiracy", "deep state"), ("insult", "idiots"), ("hate", "vermin")]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


@dataclass
class World:
    """The fixed cast: outlets, actors, places, and a vocabulary."""

    rng: random.Random
    outlets: list[str] = field(default_factory=list)
    actors: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kb_id, type)
    places: list[tuple[str, float, float]] = field(default_factory=list)
    vocab: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, seed: int = 0, n_outlets: int = 40, n_actors: int = 300, n_places: int = 80, n_vocab: int = 6000):
        rng = random.Random(seed)
        w = cls(rng)
        w.vocab = sorted({_word(rng) for _ in range(n_vocab)})
        w.outlets = [f"{_word(rng).title()} {rng.choice(['News', 'Times', 'Post', 'Front', 'Courier', 'Daily'])}"
                     for _ in range(n_outlets)]
        types = ["person", "person", "person", "state", "government", "military", "armed_group", "organization"]
        w.actors = [(f"{_word(rng).title()} {_word(rng).title()}", f"actor-{i}", rng.choice(types))
                    for i in range(n_actors)]
        w.places = [(_word(rng).title() + rng.choice(["", "abad", "grad", "ville"]), rng.uniform(30, 40),
                     rng.uniform(30, 45)) for _ in range(n_places)]
        return w


@dataclass
class Story:
    id: int
    day: int  # days after 2026-01-01
    actors: list[int]
    places: list[int]
    shared: list[str]  # sentences that every report of the story repeats (a statement everyone quotes)
    vec: np.ndarray


class Builder:
    """Appends text and keeps the spans of each layer."""

    def __init__(self):
        self.text = ""
        self.layers: dict[str, list] = {k: [] for k in ("body", "boilerplate", "quotes", "citations", "dates",
                                                         "events", "techniques", "labels", "markers")}
        self.mentions: dict[int, list] = {}
        self.place_mentions: dict[int, list] = {}

    def add(self, s: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += s
        return start, len(self.text)


def _sentence(w: World, rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(w.vocab) for _ in range(n or rng.randint(8, 18))]
    return words[0].title() + " " + " ".join(words[1:]) + "."


def make_story(w: World, sid: int, rng: random.Random, days: int = 365) -> Story:
    vec = np.asarray([rng.gauss(0, 1) for _ in range(384)], dtype=np.float32)
    return Story(sid, rng.randrange(days), rng.sample(range(len(w.actors)), 3), rng.sample(range(len(w.places)), 2),
                 [_sentence(w, rng, 20) for _ in range(2)], vec / np.linalg.norm(vec))


def article(w: World, story: Story, rng: random.Random) -> dict:
    """A fresh article about `story`: title, 5-9 paragraphs, every layer filled with honest spans."""
    paras = []
    for p in range(rng.randint(5, 9)):
        sents = [_sentence(w, rng) for _ in range(rng.randint(2, 4))]
        if p == 1:
            sents.insert(0, rng.choice(story.shared))
        paras.append(sents)
    return {"story": story.id, "title": " ".join(_word(rng).title() for _ in range(rng.randint(5, 9))),
            "paras": paras, "day": story.day + rng.randint(0, 3)}


def edit(a: dict, kind: str, w: World, rng: random.Random) -> dict:
    """A copy of article `a` with one edit of EDIT_KINDS."""
    b = {**a, "paras": [list(p) for p in a["paras"]], "edit": kind, "day": a["day"] + rng.randint(0, 5)}
    if kind == "reflow":
        b["reflow"] = True
    elif kind == "boilerplate":
        b["boilerplate"] = [f"Support {_word(rng).title()}! Donate today.", "Share this: Twitter Facebook Telegram"]
    elif kind == "trim":
        words = [s for p in b["paras"] for s in p]
        keep = max(3, int(len(words) * 0.7))
        out, n = [], 0
        for p in b["paras"]:
            if n >= keep:
                break
            out.append(p[:keep - n])
            n += len(out[-1])
        b["paras"] = out
    elif kind == "add_paragraph":
        b["paras"].insert(rng.randint(1, len(b["paras"])), [_sentence(w, rng) for _ in range(3)])
    elif kind == "cut_paragraph":
        del b["paras"][rng.randrange(1, len(b["paras"]))]
    elif kind == "headline":
        b["title"] = " ".join(_word(rng).title() for _ in range(6))
    return b


def record(w: World, a: dict, outlet: str, rng: random.Random, n: int, source_of: str | None = None) -> dict:
    """The analysis record (`spinscope.analysis/1` shape) of an article as `outlet` publishes it."""
    from datetime import date, timedelta
    story_actors = a.get("actors") or []
    b = Builder()
    t0, t1 = b.add(a["title"])
    b.add("\n\n")
    for bp in a.get("boilerplate", []):
        s, e = b.add(bp)
        b.layers["boilerplate"].append({"start": s, "end": e, "kind": "support", "text": bp})
        b.add("\n\n")
    published = (date(2026, 1, 1) + timedelta(days=a["day"])).isoformat()
    for pi, sents in enumerate(a["paras"]):
        start = len(b.text)
        for si, sent in enumerate(sents):
            if si:
                b.add("\n" if a.get("reflow") and si % 2 else " ")
            s, e = b.add(sent)
            if pi == 0 and si == 0 and story_actors:
                actor = story_actors[0]
                name = w.actors[actor][0]
                ns, ne = b.add(f" {name} said.")
                b.mentions.setdefault(actor, []).append((ns + 1, ns + 1 + len(name)))
                b.layers["quotes"].append({"start": s, "end": e, "kind": "indirect", "actor": actor,
                                           "name_span": (ns + 1, ns + 1 + len(name))})
        b.layers["body"].append({"start": start, "end": len(b.text)})
        b.add("\n\n")
    text_words = b.text
    if source_of:
        s, e = b.add(f"Originally appeared at {source_of}")
        b.layers["boilerplate"].append({"start": s, "end": e, "kind": "source_line", "text": b.text[s:e]})
        b.layers["citations"].append({"kind": "republished_from", "name": source_of, "kb_id": None, "entity": None,
                                      "start": s, "end": e, "text": b.text[s:e],
                                      "name_span": {"start": e - len(source_of), "end": e, "text": source_of}})
        b.add("\n\n")
    # Layers over the body: pick words of the body as technique, label and marker spans.
    body = b.layers["body"]

    def some_span(k=1):
        seg = rng.choice(body)
        s = rng.randrange(seg["start"], max(seg["start"] + 1, seg["end"] - 20))
        while s < seg["end"] and not b.text[s].isalpha():
            s += 1
        e = s
        while e < seg["end"] and b.text[e].isalpha():
            e += 1
        return (s, e) if e > s else (seg["start"], seg["start"] + 1)
    for a_ in story_actors[1:]:
        name = w.actors[a_][0]
        s, e = b.add(name)
        b.mentions.setdefault(a_, []).append((s, e))
        b.add(" was named too.\n\n")
    for p in a.get("places") or []:
        s, e = b.add(w.places[p][0])
        b.place_mentions.setdefault(p, []).append((s, e))
        b.add(" is where it happened.\n\n")
    text = b.text
    ids = {actor: f"e{i + 1}" for i, actor in enumerate(b.mentions)}
    entities = [{"id": ids[actor], "name": w.actors[actor][0], "type": w.actors[actor][2], "kb_id": w.actors[actor][1],
                 "country": None, "code": None,
                 "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]}
                for actor, spans in b.mentions.items()]
    pids = {p: f"p{i + 1}" for i, p in enumerate(b.place_mentions)}
    places = [{"id": pids[p], "name": w.places[p][0], "lat": w.places[p][1], "lon": w.places[p][2],
               "country_code": "XX", "geonameid": None,
               "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]}
              for p, spans in b.place_mentions.items()]
    quotes = []
    for i, q in enumerate(b.layers["quotes"]):
        ns, ne = q["name_span"]
        quotes.append({"id": f"q{i + 1}", "start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]],
                       "kind": "indirect", "speaker": {"entity": ids[q["actor"]], "name": w.actors[q["actor"]][0],
                                                       "start": ns, "end": ne, "handle": None, "text": text[ns:ne]},
                       "cue": None})
    techniques = []
    for _ in range(rng.randint(0, 4)):
        s, e = some_span()
        techniques.append({"technique": rng.choice(TECHNIQUES), "start": s, "end": e, "text": text[s:e],
                           "score": round(rng.uniform(0.5, 1), 3)})
    labels = []
    if entities:
        for _ in range(rng.randint(0, 2)):
            s, e = some_span()
            lab, cat = rng.choice(LABELS)
            labels.append({"entity": rng.choice(entities)["id"], "label": lab, "category": cat, "confidence": 0.8,
                           "rule": "modifier", "start": s, "end": e, "text": text[s:e]})
    events = []
    if len(entities) >= 2:
        seg = body[0]
        events.append({"type": rng.choice(EVENT_TYPES), "cameo": None, "mode": "asserted", "actor": entities[0]["id"],
                       "target": entities[1]["id"], "place": places[0]["id"] if places else None, "date": published,
                       "start": seg["start"], "end": seg["end"], "text": text[seg["start"]:seg["end"]],
                       "trigger": {"start": seg["start"], "end": seg["start"] + 1, "text": text[seg["start"]]}})
    narratives = []
    if rng.random() < 0.4:
        seg = rng.choice(body)
        narratives.append({"id": rng.choice(NARRATIVES), "label": "a narrative", "score": 0.6,
                           "evidence": [{"start": seg["start"], "end": seg["end"], "text": text[seg["start"]:seg["end"]]}]})
    markers = []
    if rng.random() < 0.1:
        s, e = some_span()
        kind, term = rng.choice(MARKERS)
        markers.append({"kind": kind, "term": term, "score": 0.7, "comment": None, "start": s, "end": e,
                        "text": text[s:e]})
    from spinscope.model import make_doc_id
    del text_words
    return {
        "schema": "spinscope.analysis/1", "doc_id": make_doc_id(text),
        "source": {"path": f"synthetic/{n}.txt", "url": None, "outlet": outlet, "title": a["title"],
                   "published": published, "language": "en"},
        "text": text, "title": {"start": t0, "end": t1, "text": text[t0:t1]},
        "body": b.layers["body"], "boilerplate": b.layers["boilerplate"], "comments": [], "sentences": [],
        "entities": entities, "quotes": quotes, "places": places, "dates": [], "events": events,
        "techniques": techniques, "narratives": narratives, "citations": b.layers["citations"], "labels": labels,
        "markers": markers, "thread": {},
        "provenance": {"version": "synthetic", "stages": [], "hashes": {"config": "c0", "kb": "k0", "catalogues": "n0",
                                                                      "models": "m0"}},
    }


def corpus(n: int, seed: int = 0, copy_rate: float = 0.1, docs_per_story: float = 3.0):
    """`n` records, and the truth: for each planted copy (doc_id) its original's doc_id and its edit kind.

    Yields (record, info) with info = {"story": id, "vec": story-topic embedding, "copy_of": doc_id or None,
    "edit": kind or None}."""
    w = World.make(seed)
    rng = random.Random(seed + 1)
    stories: list[Story] = []
    originals: list[tuple[dict, str, str]] = []  # (article, outlet, doc_id)
    for i in range(n):
        if originals and rng.random() < copy_rate:
            a, outlet, orig_id = rng.choice(originals)
            kind = EDIT_KINDS[i % len(EDIT_KINDS)]
            b = edit(a, kind, w, rng)
            copier = rng.choice([o for o in w.outlets if o != outlet])
            r = record(w, b, copier, rng, i, source_of=outlet if rng.random() < 0.3 else None)
            yield r, {"story": a["story"], "vec": stories[a["story"]].vec, "copy_of": orig_id, "edit": kind}
            continue
        if not stories or rng.random() < 1 / docs_per_story:
            stories.append(make_story(w, len(stories), rng))
        story = stories[-1] if rng.random() < 0.5 else rng.choice(stories[-50:])
        a = article(w, story, rng)
        a["actors"], a["places"] = story.actors, story.places
        outlet = rng.choice(w.outlets)
        r = record(w, a, outlet, rng, i)
        originals.append((a, outlet, r["doc_id"]))
        if len(originals) > 5000:
            originals.pop(0)
        yield r, {"story": story.id, "vec": story.vec, "copy_of": None, "edit": None}
