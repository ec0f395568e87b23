"""spaCy's parser and entity recognizer decoded from Python (spinscope.text.stepped): the same annotations as stock spaCy."""
from __future__ import annotations

from spinscope.nlp import import_spacy, load_nlp
from spinscope.text.stepped import SteppedParser

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met his French counterpart in Moscow on Thursday.",
    "The Pentagon said on Monday that U.S.-backed forces had retaken the town of Manbij from ISIS fighters.",
    "“We will not allow it,” she told reporters. Then she left for Ankara.",
    "",
    "   ",
    "A",
    "NATO, the EU and the United Nations Security Council have called for a ceasefire in Aleppo, Syria, "
    "where at least 300 people were killed in the last two weeks according to the Syrian Observatory for "
    "Human Rights, a London-based monitor; Damascus denies it.",
    "Trump's campaign manager Paul Manafort resigned in August 2016 amid reports about payments from Ukraine.",
]


def annotations(doc):
    return [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


def test_parser_and_ner_are_decoded_from_python():
    nlp = load_nlp()
    assert isinstance(nlp.get_pipe("parser"), SteppedParser)
    assert isinstance(nlp.get_pipe("ner"), SteppedParser)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_same_annotations_as_stock_spacy_in_batches_and_one_by_one():
    ours = load_nlp()
    stock = import_spacy().load(ours.path)
    expected = [annotations(d) for d in stock.pipe(TEXTS * 3, batch_size=5)]
    assert [annotations(d) for d in ours.pipe(TEXTS * 3, batch_size=5)] == expected
    assert [annotations(d) for d in ours.pipe(TEXTS * 3, batch_size=256)] == expected
    assert [annotations(ours(t)) for t in TEXTS * 3] == expected
    assert any(d for d in expected)  # entities and parses were compared, not empty docs alone
    assert sum(1 for d in stock.pipe(TEXTS) for _ in d.ents) >= 15


def test_a_failure_reaches_spacys_error_handler():
    """spaCy's default handler raises again (nothing is swallowed), from one doc and from a batch alike."""
    import pytest

    ner = load_nlp().get_pipe("ner")
    broken = SteppedParser(ner.inner)
    broken.predict = lambda docs: (_ for _ in ()).throw(ValueError("boom"))
    make = load_nlp().make_doc
    with pytest.raises(ValueError, match="boom"):
        broken(make("Paris is in France."))
    with pytest.raises(ValueError, match="boom"):
        list(broken.pipe([make("Berlin too."), make("And Rome.")], batch_size=8))


def test_a_copy_of_the_stand_in_is_whole():
    import copy

    ner = load_nlp().get_pipe("ner")
    twin = copy.copy(ner)
    assert twin.inner is ner.inner and twin.name == "ner"
