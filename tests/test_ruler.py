"""The faster attribute-ruler match gives exactly the stock ruler's matches, hence the same POS, MORPH and LEMMA."""
from __future__ import annotations

import pytest

from .conftest import NO_SHARED, need

# Written for this test: contractions and colloquial forms the ruler's multi-token and regex patterns
# handle, expletives, auxiliaries, determiners, spaces and plain news prose.
TEXTS = [
    "They ain't gonna stop now, y'all know that.",
    "Let's go, c'mon! I gotta say nothin' changed.",
    "There is a rumour that it was planned; there were three of them.",
    "The ministry has been warned and will have to answer.",
    "Which side did that?  Those who   lied.\n\nNothing else.",
    "The US-backed forces said on Monday that 12 civilians had been killed near Deir ez-Zor.",
    "“We won't accept it,” he said. What's done is done.",
    "",
]


def _pair():
    from spinscope.nlp import load_nlp
    from spinscope.text.ruler import FastMatch
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, FastMatch)  # load_nlp installs it
    stock = type(ruler).match.__get__(ruler)  # the class's own method, bypassing the instance's
    return nlp, ruler, stock


def _same(nlp, ruler, stock, texts):
    n = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"]):
        expected = sorted(set(stock(doc)))
        assert ruler.match(doc) == expected, doc.text
        n += len(expected)
    return n


def test_fast_match_equals_the_stock_ruler_on_written_text():
    nlp, ruler, stock = _pair()
    assert _same(nlp, ruler, stock, TEXTS) > 50
    assert len(ruler.match.rest) < 12 and ruler.match.may_match_rest is not None  # most are looked up


def test_fast_match_changes_no_annotation():
    from spinscope.nlp import import_spacy, load_nlp
    nlp = load_nlp()
    plain = import_spacy().load(nlp.path)  # a second copy, as spaCy loads it
    assert not hasattr(plain.get_pipe("attribute_ruler").match, "rest")
    for ours, theirs in zip(nlp.pipe(TEXTS), plain.pipe(TEXTS)):
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in ours] == \
               [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in theirs]


@pytest.mark.shared
@NO_SHARED
def test_fast_match_equals_the_stock_ruler_on_real_articles():
    articles = sorted(need("corpus", "ptc", "articles").glob("*.txt"))[:15]
    paras = [p for a in articles for p in a.read_text(encoding="utf-8", errors="replace").split("\n") if p.strip()]
    nlp, ruler, stock = _pair()
    assert _same(nlp, ruler, stock, paras) > 1000


def test_fast_lemmatizer_gives_the_stock_lemmas():
    """load_nlp's lemmatizer lemmatizes each (ORTH, POS, MORPH) once and writes the lemmas as an array (stop 39):
    the same lemmas as a stock copy, words repeated with other tags and morphology included."""
    from spinscope.nlp import import_spacy, load_nlp
    nlp = load_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert getattr(lemmatizer, "_spinscope_fast", False)
    plain = import_spacy().load(nlp.path)
    assert not getattr(plain.get_pipe("lemmatizer"), "_spinscope_fast", False)
    texts = TEXTS + ["I saw the saw. Saws were sawn; she saws wood and sawed more, seeing the sawing men.",
                     "Better leaders led the best. The leading leader leads; the lead was leaded.",
                     "The U.S. presidents' meetings met their meeting's aims; they're meeting again."]
    for _ in range(2):  # the second time from its memo
        for ours, theirs in zip(nlp.pipe(texts), plain.pipe(texts)):
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_fast_annotations_set_what_the_stock_method_sets():
    """load_nlp's ruler sets each match's attributes on the token itself (no Span per match, stop 39): POS, MORPH,
    LEMMA and TAG as the stock method sets them on the same matches."""
    from spinscope.nlp import load_nlp
    from spinscope.text.ruler import FastAnnotations
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.set_annotations, FastAnnotations)
    stock = type(ruler).set_annotations.__get__(ruler)
    for a, b in zip(nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]),
                    nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"])):
        matches = ruler.match(a)
        ruler.set_annotations(a, matches)
        stock(b, matches)
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in a] == [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in b]
