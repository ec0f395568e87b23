"""Stop 52 (tidy52): same-output refactors. The shared-acronym check of the KB names is worked out once per match,
and the `--tagger-units` choices have one source. Sentences made up here."""
from __future__ import annotations

from collections import Counter

import spinscope
from spinscope.extract.entities import kb_names


def test_the_shared_acronym_check_runs_once_per_match_and_actor(monkeypatch):
    real = kb_names._shared_acronym_elsewhere
    asked: Counter = Counter()

    def counted(text, m, actor, ctx):
        asked[(m.start, m.end, actor.id)] += 1
        return real(text, m, actor, ctx)

    monkeypatch.setattr(kb_names, "_shared_acronym_elsewhere", counted)
    text = ("Canadian officials said CSIS had watched the harbour for two years before the arrest in Calgary.\n\n"
            "Analysts at CSIS in Washington said the plan would fail, and a CSIS report agreed.\n")
    doc = spinscope.analyze(text, disable=["techniques", "narratives", "events"])
    ids = {(m.start, m.end): e.kb_id for e in doc.entities for m in e.mentions}
    first = text.index("CSIS")
    assert ids.get((first, first + 4)) is None and "csis" in ids.values(), ids  # (the answers of test_entities, kb51)
    assert asked and set(asked.values()) == {1}, asked


def test_the_tagger_units_choices_have_one_source():
    from spinscope import training
    from spinscope.training import techniques
    from spinscope.training.cli import train_group

    option = next(p for p in train_group.commands["techniques"].params if p.name == "tagger_units")
    assert tuple(option.type.choices) == training.TAGGER_UNITS == ("any", "techniques")
    assert techniques.TAGGER_UNITS is training.TAGGER_UNITS
