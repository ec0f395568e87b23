"""Issue 17, point 5: every statement of the seeds of the form "X accused Y of ...", "X warned Y ...",
"X threatened to ..." (and their kin: cautioned, blamed, condemned, criticised) is coded with both
its actor and its target. Skipped when ../shared (the seeds) is absent.

The statements are named by their trigger word and its occurrence in the seed (no seed text here);
the accepted ids are KB ids, the state or the body that speaks for it. Statements "X warned that
..." with nobody warned ("Russian officials have warned that radical groups could ...") have no
target to code and are not listed."""
from __future__ import annotations

import re

import pytest

from .conftest import NO_SHARED

pytestmark = [pytest.mark.shared, pytest.mark.slow, NO_SHARED]

RUSSIA = {"russia", "russian-government", "kremlin", "russian-foreign-ministry", "russian-ministry-of-defence",
          "russian-armed-forces", "sergey-lavrov", "igor-konashenkov"}
US = {"united-states", "us-government", "us-state-department", "pentagon", "us-armed-forces", "white-house"}
SYRIA_FORCES = {"syrian-armed-forces", "syrian-arab-army", "syrian-government", "syria", "russian-armed-forces"}

# (seed stem, trigger word, occurrence, accepted actor ids, accepted target ids)
STATEMENTS = [
    ("000_b07e474f8893b19e", "warning", 1, RUSSIA, US),        # a warning to Washington to stay out
    ("000_b07e474f8893b19e", "cautioned", 1, RUSSIA, US),      # cautioned the U.S. not to intervene
    ("000_b07e474f8893b19e", "blaming", 1, RUSSIA | US, RUSSIA | US),  # blaming each other
    ("000_b07e474f8893b19e", "criticized", 1, {"john-kerry"} | US, SYRIA_FORCES),
    ("002_f03de66c0a184dee", "warns", 1, {"pro-assad-alliance"}, US),  # warns US military to stop attacking
    ("002_f03de66c0a184dee", "condemned", 1, RUSSIA, US),      # condemned the US attack
    ("002_f03de66c0a184dee", "criticised", 1, RUSSIA, US),     # criticised the United States for claiming
    ("004_12d340b1156f7294", "Strike", 1, RUSSIA, {"sdf"}),    # Russia to strike US-backed forces (a threat)
    ("004_12d340b1156f7294", "strike", 1, RUSSIA, {"sdf"}),    # Russian forces will strike US-backed forces
]


@pytest.fixture(scope="module")
def coded():
    from bench._common import shared_dir
    from bench.entities import read_document
    from spinscope.pipeline import Pipeline

    pipe = Pipeline(targets=["events"])
    docs = {}
    for stem in sorted({s[0] for s in STATEMENTS}):
        docs[stem] = pipe(read_document(f"shared/corpus/seeds/{stem}.txt", shared_dir()))
    return docs


@pytest.mark.parametrize("stem,word,occurrence,actors,targets", STATEMENTS,
                         ids=[f"{s[0][:3]}-{s[1]}" for s in STATEMENTS])
def test_seed_accusations_and_threats_have_actor_and_target(coded, stem, word, occurrence, actors, targets):
    doc = coded[stem]
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", doc.text)]
    assert len(starts) >= occurrence, (word, "not in the seed")
    start = starts[occurrence - 1]
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    events = [e for e in doc.events if sentence.start <= e.trigger.start < sentence.end
              and e.type in ("ACCUSE", "THREATEN", "ASSAULT")]
    kb = {e.id: e.kb_id for e in doc.entities}
    pairs = [(kb.get(e.actor), kb.get(e.target), doc.text[e.trigger.start:e.trigger.end]) for e in events]
    assert any(a in actors and t in targets for a, t, _ in pairs), pairs
