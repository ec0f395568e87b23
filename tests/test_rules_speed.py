"""Exact savings in the rule stages (docs/speed.md, round 16): the same results as the plain checks, less work, on
written text."""
from __future__ import annotations

from types import SimpleNamespace

import spacy

from spinscope.extract.entities import gazetteer as gz
from spinscope.extract.entities.gazetteer import Gazetteer
from spinscope.extract.places import stage
from spinscope.model import Document
from spinscope.text.names import joinable, longest_runs, words

TEXT = ("In New York City, the New York Times said the New Yorkers of Abu Kamal and Port Said met "
        "Abu Dhabi's envoy; the Port of Said, New York's mayor and the United States of America, U.S. Navy.")


class Counting(list):
    """A word list that counts its reads by index."""
    reads = 0

    def __getitem__(self, i):
        Counting.reads += 1
        return list.__getitem__(self, i)


def _reference_find(g: Gazetteer, text: str, ws, exact_case=False):
    """Gazetteer.find as main wrote it (round 15), to compare against."""
    out, i, n = [], 0, len(ws)
    while i < n:
        hit = None
        for entry in g._by_first.get(ws[i].norm, ()):
            k = len(entry.key)
            if i + k > n:
                continue
            if all(ws[i + j].norm == entry.key[j] for j in range(1, k)) \
                    and all(gz._joins(text, ws[i + j], ws[i + j + 1], entry.poss[j] and not g._named(ws[i + j]))
                            for j in range(k - 1)) \
                    and g._case_ok(entry, ws[i:i + k], exact_case) \
                    and (not entry.needs_the or gz._after_the(text, ws, i)):
                hit = entry
                break
        if hit is None:
            i += 1
            continue
        k = len(hit.key)
        span = ws[i:i + k]
        lower = hit.has_upper and not any(c.isupper() for w in span for c in w.text)
        out.append((span[0].start, span[-1].end, i, i + k, list(hit.payloads), lower, hit.key))
        i += k
    return out


def _gazetteer() -> Gazetteer:
    g = Gazetteer()
    for name in ("New York", "New York City", "New York Times", "New Zealand", "New Delhi", "New Yorkers",
                 "Abu Dhabi", "Abu Kamal", "Port Said", "Port of Spain", "US", "United States",
                 "United States of America", "The Times", "Said", "York"):
        g.add(name, name)
    return g


def test_find_matches_as_the_plain_loop():
    g = _gazetteer()
    for text in (TEXT, TEXT.lower(), "new york times", "New", "Abu", "the Times of New York and New York Times"):
        ws = words(text)
        for exact in (False, True):
            got = [(m.start, m.end, m.first, m.last, m.payloads, m.lower, m.key) for m in g.find(text, ws, exact_case=exact)]
            assert got == _reference_find(g, text, ws, exact), text


def test_find_reads_fewer_words():
    g = _gazetteer()
    ws = Counting(words(TEXT))
    Counting.reads = 0
    found = g.find(TEXT, ws)
    reads = Counting.reads
    Counting.reads = 0
    assert [(m.start, m.end) for m in found] == [r[:2] for r in _reference_find(g, TEXT, ws)]
    assert [TEXT[m.start:m.end] for m in found][:2] == ["New York City", "New York Times"]
    # main read every word by index, and word i+1 once per name beginning with word i
    assert reads < Counting.reads, (reads, Counting.reads)


def _scan_doc(text: str):
    nlp = spacy.blank("en")
    doc = Document(text)
    doc.parses = [(0, nlp(text), "body")]
    return doc


def _reference_scan(doc, keys, lowercase_ok, bad_first, max_n=4, join=joinable):
    """_scan's word tests as main wrote them (round 15)."""
    def accept(span):
        if any(w.possessive for w in span[:-1]):
            return False
        if not all(join(doc.text, a, b) for a, b in zip(span, span[1:])):
            return False
        if not all(w.text[:1].isupper() or w.norm in lowercase_ok for w in span):
            return False
        return stage.place_key(doc.text[span[0].start:span[-1].end]) in keys
    ws = words(doc.text)
    return [(doc.text[s[0].start:s[-1].end]) for s in
            longest_runs(ws, max_n, lambda w: w.text[:1].isupper() and w.norm not in bad_first, accept, min_n=2)]


def test_scan_joins_each_pair_once_per_first_word(monkeypatch):
    text = ("Fighters left Abu Kamal and Deir ez-Zor for Tal Abyad; Abu Kamal's market, Ras al Ain. "
            "Officials of Deir ez Zor Military Council met in Tal Abyad Town Hall.")
    doc = _scan_doc(text)
    keys = frozenset({"abu kamal", "deir ez zor", "tal abyad", "ras al ain"})
    geo = SimpleNamespace(index=SimpleNamespace(scan_keys=keys))
    calls = []
    monkeypatch.setattr(stage, "joinable", lambda t, a, b: calls.append((a.start, b.start)) or joinable(t, a, b))
    got = [surface for surface, _ in stage._scan(doc, geo)]
    cfg = stage.geocode_config()
    args = (doc, keys, {str(w) for w in cfg["scan_lowercase_words"]}, stage.demonyms(), int(cfg.get("scan_max_words", 4)))
    ours = len(calls)
    calls.clear()
    monkeypatch.setattr(stage, "joinable", joinable)
    counted = []
    import spinscope.text.names as names
    want = _reference_scan(*args, join=lambda t, a, b: counted.append(1) or names.joinable(t, a, b))
    assert got == want
    assert "Abu Kamal" in got and "Tal Abyad" in got
    assert ours < 0.75 * len(counted), (ours, len(counted))  # main tried each pair once for each run length
