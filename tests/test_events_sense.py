"""The events stage's sense model: trigger vectors in context, the packaged model, and the filter."""
from __future__ import annotations

import numpy as np
import pytest

from spinscope.extract.events.sense import event_probs, sense_model, trigger_vectors
from spinscope.extract.events.stage import find_events
from spinscope.model import Document
from spinscope.pipeline import Pipeline


def prob(sentence: str, word: str) -> float:
    a = sentence.index(word)
    return float(sense_model().probs(trigger_vectors(sentence, [(a, a + len(word))]))[0])


def test_trigger_vectors_read_the_trigger_in_its_sentence():
    s = "Russian jets struck rebel positions near Aleppo."
    a = s.index("struck")
    v = trigger_vectors(s, [(a, a + 6), (0, 7)])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert not np.allclose(v[0], v[1])
    # the same word in another sentence gets another vector
    other = "It struck me that he had changed his mind."
    w = trigger_vectors(other, [(3, 9)])[0]
    assert float(v[0] @ w / np.linalg.norm(v[0]) / np.linalg.norm(w)) < 0.95


def test_the_packaged_model_loads_with_a_threshold_in_range():
    m = sense_model()
    assert m is not None and m.coef.shape == (384 + 3 + 2 * (len(m.entity_types) + 1),)
    assert "state" in m.entity_types and "person" in m.entity_types
    assert 0.0 < m.threshold < 0.5
    # a threshold per type: every type has one (docs/events.md, round 10); since round 15 chosen per type where the
    # training audits hold enough of its events, so the verbal types no longer share one
    assert set(m.type_thresholds) >= {"ACCUSE", "THREATEN", "ASSAULT", "COERCE", "AGREE", "AID"}
    assert all(0.0 < t < 0.6 for t in m.type_thresholds.values())
    assert len({m.cut(t) for t in ("AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN")}) > 1


def test_the_roles_move_the_score():
    """The same trigger in the same sentence scores otherwise with a state acting on a state than with nobody named."""
    from spinscope.extract.events.sense import role_features
    from spinscope.model import Entity
    m = sense_model()
    s = "Moscow warned Washington not to intervene."
    v = trigger_vectors(s, [(7, 13)])
    state = Entity("e1", "Russia", "state", "russia")
    both = np.array([role_features(state, Entity("e2", "United States", "state", "united-states"), m.entity_types)])
    none = np.array([role_features(None, None, m.entity_types)])
    assert both.shape == (1, len(m.coef) - 384)
    assert float(m.probs(v, both)[0]) != pytest.approx(float(m.probs(v, none)[0]), abs=1e-3)


def test_the_training_tool_never_reads_the_reported_audit():
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tools"))
    try:
        import train_event_sense
    finally:
        sys.path.remove(str(root / "tools"))
    from bench.events_audit import AUDIT
    assert AUDIT.name in train_event_sense.HELD_OUT and "events_audit_fresh6.yaml" in train_event_sense.HELD_OUT
    # every held-out audit in bench/gold (fresh5 and later, but the ones released as development data) is left out
    fresh = [p.name for p in (root / "bench" / "gold").glob("events_audit_fresh*.yaml")
             if int(p.stem.rsplit("fresh", 1)[1] or 1) >= 5 and p.name not in train_event_sense.RELEASED]
    assert len(fresh) >= 5 and all(name in train_event_sense.HELD_OUT for name in fresh)
    # stop 41: fresh21 (pages) is held out; fresh20 (LGL), whose wrong events round 24 read, is released
    assert "events_audit_fresh21.yaml" in train_event_sense.HELD_OUT
    assert "events_audit_fresh20.yaml" in train_event_sense.RELEASED
    # stop 42: fresh22 (pages, the lead's pre-registered tranche) is held out by the training tool and the bench
    from bench.events_audit import HELD_OUT as BENCH_HELD_OUT
    assert "events_audit_fresh22.yaml" in train_event_sense.HELD_OUT and "events_audit_fresh22" in BENCH_HELD_OUT
    # stop 44: fresh23 (articlebench pages outside GENRE, the lead's pre-registered tranche) likewise
    assert "events_audit_fresh23.yaml" in train_event_sense.HELD_OUT and "events_audit_fresh23" in BENCH_HELD_OUT
    # and the development audits released since round 21 are training data
    assert not set(train_event_sense.RELEASED) & set(train_event_sense.HELD_OUT)


@pytest.mark.parametrize("event, everyday, word", [
    ("Russian jets struck rebel positions near Aleppo on Tuesday.", "It struck me that the senator had changed his mind.", "struck"),
    ("Pyongyang warned Washington that it would strike US bases.", "Doctors warned that the virus could spread.", "warned"),
    ("The army seized the town of Palmyra from Islamic State fighters.", "Clinton seized the opportunity to attack Trump's record.", "seized"),
])
def test_an_everyday_sense_scores_below_the_event_sense(event, everyday, word):
    assert prob(everyday, word) < prob(event, word)


def test_the_filter_only_removes_events():
    pipe = Pipeline(targets=["events"], keep_parses=True)
    doc = pipe(Document("It struck me that the senator had changed his mind. Russian jets struck rebel positions "
                        "near Aleppo on Tuesday, and Moscow warned Washington not to intervene."))
    kept, every = find_events(doc, sense=True), find_events(doc, sense=False)
    key = lambda e: (e.trigger.start, e.type, e.actor, e.target)  # noqa: E731
    assert {key(e) for e in kept} <= {key(e) for e in every}
    probs = event_probs(doc.text, every, {e.id: e for e in doc.entities})
    assert len(probs) == len(every) and ((probs >= 0) & (probs <= 1)).all()
    assert [key(e) for e, p in zip(every, probs) if p >= sense_model().cut(e.type)] == [key(e) for e in kept]


def test_the_threshold_is_a_config_key():
    text = ("It struck me that the senator had changed his mind. Russian jets struck rebel positions near Aleppo "
            "on Tuesday, and Moscow warned Washington not to intervene.")
    every = Pipeline(targets=["events"], config={"events": {"sense_threshold": 0.0}})(Document(text)).events
    none = Pipeline(targets=["events"], config={"events": {"sense_threshold": 1.01}})(Document(text)).events
    default = Pipeline(targets=["events"])(Document(text)).events
    assert none == [] and len(every) >= len(default) > 0


def test_the_euvsdisinfo_training_file_is_well_formed():
    """Judged events of EUvsDisinfo summaries: verdicts with reasons, offsets, trigger words only."""
    import yaml
    from pathlib import Path
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "bench" / "gold" /
                           "events_sense_euvsdisinfo.yaml").read_text(encoding="utf-8"))
    assert len(data["events"]) >= 100
    for e in data["events"]:
        assert e["doc"].startswith("euvsdisinfo/cases_2015_2017.csv#") and int(e["doc"].rsplit("#", 1)[1]) in data["cases"]
        assert e["verdict"] in ("ok", "wrong") and e["reason"]
        assert e["end"] - e["start"] == len(e["trigger"]) <= 40
