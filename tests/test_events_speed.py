"""Speed-ups of the events stage that must leave every trigger as it was (docs/speed.md, round 14), on written text."""
from __future__ import annotations

import pytest

from spinscope.extract.events import detect
from spinscope.extract.events.detect import find_triggers
from spinscope.extract.events.modality import words
from spinscope.extract.events.triggers import lexicon
from spinscope.model import Document
from spinscope.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(targets=["events"], keep_parses=True)


def _sents(pipe, text: str):
    doc = pipe(Document(text))
    return [s for _, sdoc, kind in doc.parses if kind == "body" for s in sdoc.sents]


def test_every_lexicon_key_passes_the_prefilters():
    lex, w = lexicon(), words()
    for key in lex.verb_keys():
        assert detect._verb_may_code(key.split(" ")[0], lex, w), key
    for lemma in (*w.withdrawal_verbs, *w.sending_verbs):
        assert detect._verb_may_code(lemma, lex, w), lemma
    assert not detect._verb_may_code("yawn", lex, w)  # no verb key starts with it
    assert detect._verb_may_code("two words", lex, w)  # a lemma with a space is never skipped


def test_tokens_no_key_can_code_skip_the_rule_checks(pipe, monkeypatch):
    text = "The tired clerk yawned and stretched on the sofa. Rebels attacked the army base near the river."
    sents = _sents(pipe, text)
    lex, w = lexicon(), words()
    seen = []
    real = detect._idiom
    monkeypatch.setattr(detect, "_idiom", lambda tok, w: seen.append(tok.lemma_) or real(tok, w))
    found = [t.tok.lemma_ for s in sents for t in find_triggers(s, lex, w)]
    assert "attack" in found
    assert "attack" in seen and "yawn" not in seen and "stretch" not in seen  # main ran the checks on them


def test_noun_prefilter_keeps_modifier_keys():
    lex = lexicon()
    two = [k for k in lex.nouns if " " in k]
    assert two, "the noun lexicon has modifier keys"

    class Tok:
        lower_ = "zzz"
    for key in two:
        assert detect._noun_may_code(Tok(), key.rsplit(" ", 1)[-1], lex), key
    assert not detect._noun_may_code(Tok(), "sofa", lex)
