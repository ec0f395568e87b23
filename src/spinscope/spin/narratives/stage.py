"""The `narratives` stage: which catalogue narratives a document asserts, reports or rejects, with evidence sentences."""
from __future__ import annotations

# Each title and body sentence is encoded once (one `encode` call per batch of documents); the trained
# model (model.py) scores it against its closest narratives and says which pairs are evidence (two
# paths, `NarrativeModel.evidence`). An evidence sentence's stance is `rejects` when the voice head
# hears a rebuttal and the words deny, `reports` when it relays someone's words (a rebuttal-sounding
# sentence without a denial, or one inside a quote the quotes layer gave a speaker), else `asserts`.

import hashlib
import os
from dataclasses import dataclass

import numpy as np

from ...embed import encode, encoder_name
from ...model import Document, Evidence, Narrative, Span
from ...pipeline import register_stage
from ...resources import active, resource
from .catalogue import load_catalogue
from .model import CLASSES, NarrativeModel, Phrasings, best_candidates, claim_news_logodds, denies, load_model, relays, \
    word_flags

MIN_WORDS = 4  # shorter sentences ("Read more.", "Follow us on Twitter") carry no claim
MAX_EVIDENCE = 10  # per narrative and document, the best-scoring sentences
REPORTED_KINDS = ("direct", "indirect", "mixed", "post")
STANCE_ORDER = ("asserts", "reports", "rejects")  # a narrative's stance is the first its evidence has


def cached_encode(texts: list[str]) -> np.ndarray:
    """`encode`, kept on disk by a hash of the texts: the catalogue is the same from run to run."""
    key = hashlib.sha1("\n".join([encoder_name(), *texts]).encode("utf-8")).hexdigest()[:20]
    folder = active().cache_dir
    path = folder / f"narratives-{key}.npy"
    try:
        emb = np.load(path)
        if emb.shape == (len(texts), 384):
            return emb
    except (OSError, ValueError):
        pass
    emb = encode(texts)
    try:  # a read-only home only costs the encoding next time
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, emb)
        os.replace(tmp, path)
    except OSError:
        pass
    return emb


@resource("data/narratives/catalogue.yaml", user_files=True)
def phrasings(files: tuple[str, ...] = ()) -> Phrasings:
    """The built-in catalogue plus user files as embeddings, built once per process."""
    return Phrasings(load_catalogue(files), cached_encode)


def score_sentences(texts: list[str], model: NarrativeModel, phr: Phrasings, emb: np.ndarray | None = None,
                    naming: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(sentence index, narrative index, probability) of each candidate pair, and the voice probabilities.
    `naming`: the naming head's probabilities (`naming_scores`; computed here when None and the model has the head):
    with its "candidate" setting, each sentence's most probable narrative by the head joins its candidates."""
    emb = encode(texts) if emb is None else emb
    voice = model.voice_probs(emb, word_flags(texts, phr.rebuttal))
    logodds = claim_news_logodds(voice)
    cfg = model.naming_cfg()
    extra = None
    if cfg is not None and cfg.get("candidate") and len(phr.ids):
        naming = model.naming_probs(emb, phr.ids) if naming is None else naming
        extra = naming.argmax(axis=1)
    rows, cols, x = phr.candidates(emb, texts, logodds, rank=model.meta.get("candidate_rank", "closest"), extra=extra)
    return rows, cols, model.pair_probs(x) if len(rows) else np.zeros(0), voice


def naming_scores(emb: np.ndarray, model: NarrativeModel, phr: Phrasings) -> np.ndarray | None:
    """The naming head's (sentences, narratives) probabilities, or None when the model has no naming head on."""
    return model.naming_probs(emb, phr.ids) if len(phr.ids) else None


def cross_scores(texts: list[str], emb: np.ndarray, rows: np.ndarray, cols: np.ndarray, probs: np.ndarray,
                 model: NarrativeModel, phr: Phrasings, floor: float | None = None) -> np.ndarray | None:
    """The cross-encoder's probability of each candidate pair the pair head scores at the cascade's floor or
    more (NaN for the others), or None when the model has no cascade. `floor`: another floor (calibration)."""
    cfg = model.cross
    if not cfg or not (cfg.get("enabled") or floor is not None):
        return None
    from .cross import cross_probs, packaged_path
    path = cfg.get("path") or packaged_path()
    if path is None:
        return None
    out = np.full(len(rows), np.nan, dtype=np.float32)
    sel = np.flatnonzero(probs >= (cfg["floor"] if floor is None else floor))
    if len(sel):
        out[sel] = cross_probs(phr.pair_texts(emb, rows[sel], cols[sel]), [texts[i] for i in rows[sel]], path)
    return out


def voice_ft_scores(texts: list[str], rows: np.ndarray, probs: np.ndarray, model: NarrativeModel,
                    floor: float | None = None, path: str | None = None,
                    done: np.ndarray | None = None) -> np.ndarray | None:
    """The fine-tuned voice classifier's claim-vs-news log-odds of each sentence whose most probable candidate
    narrative reaches the cascade's pair-probability floor (NaN for the others), or None when the model has no
    such cascade. `floor`, `path`: another floor or weights file (calibration). `done`: sentences not to read
    (True), e.g. those whose best candidate is evidence already (`settled`)."""
    cfg = model.voice_ft
    if not cfg or not (cfg.get("enabled") or floor is not None):
        return None
    from .voice_ft import claim_logodds, packaged_path
    path = path or cfg.get("path") or packaged_path()
    if path is None:
        return None
    best = np.full(len(texts), -1.0)
    np.maximum.at(best, rows, probs)
    out = np.full(len(texts), np.nan, dtype=np.float32)
    read = best >= (cfg["floor"] if floor is None else floor)
    if done is not None:
        read &= ~done
    sel = np.flatnonzero(read)
    if len(sel):
        out[sel] = claim_logodds([texts[i] for i in sel], path)
    return out


def settled(n: int, rows: np.ndarray, cols: np.ndarray, probs: np.ndarray, voice: np.ndarray, model: NarrativeModel,
            threshold: float | None, ids: list[str], groups: np.ndarray | None = None,
            naming: np.ndarray | None = None) -> np.ndarray | None:
    """Sentences (of `n`) whose most probable candidate is evidence without the fine-tuned voice classifier, when
    the classifier only adds to the voice path (`voice_ft` "combine": "either"): its score cannot change them,
    so the stage does not read them (ninth round: the cost). None when it can (the classifier replaces)."""
    cfg = model.voice_ft
    if not cfg or cfg.get("combine") != "either":
        return None
    ft_threshold = cfg.get("threshold") if threshold is None else threshold
    hit = model.evidence(rows, cols, probs, voice, ft_threshold, ids, groups=groups, naming=naming)
    out = np.zeros(n, dtype=bool)
    out[rows[hit & best_candidates(rows, probs)]] = True
    return out


def voice_stance(voice_row: np.ndarray) -> str:
    """`rejects` when the sentence sounds more like a rebuttal than a claim, else `asserts`."""
    return "rejects" if voice_row[CLASSES.index("rejects")] > voice_row[CLASSES.index("claim")] else "asserts"


def text_stance(text: str, voice_row: np.ndarray, rebuttal) -> str:
    """The stance from the sentence alone: `rejects` needs the voice head and a denial in the words; a
    sentence the voice head hears as a rebuttal without one, that relays someone's words, `reports`."""
    # The voice head learned rebuttals from EUvsDisinfo disproofs, which often restate the claim with a
    # reporting verb ("X claimed that ..."); without a negation or a rebuttal cue such a sentence relays.
    if voice_stance(voice_row) == "asserts":
        return "asserts"
    if denies(text, rebuttal):
        return "rejects"
    return "reports" if relays(text) else "asserts"


def _reported(doc: Document) -> list[tuple[int, int]]:
    """Spans of the document's statements that the quotes layer attributes to a speaker, each with its cue and the
    speaker's name where they stand beside it: "“...,” said Ward" relays Ward's words, the attribution included
    (realworld49: a quotation with a long appositive after the speaker's name was under half its sentence)."""
    out = []
    for q in doc.quotes:
        if q.kind in REPORTED_KINDS and q.speaker is not None:
            parts = [(q.start, q.end)] + [(x.start, x.end) for x in (q.cue, q.speaker)
                                          if x is not None and x.start is not None and x.end is not None
                                          and _beside(doc.text, q.start, q.end, x.start, x.end)]
            out.append((min(b for b, _ in parts), max(e for _, e in parts)))
    return out


def _beside(text: str, qb: int, qe: int, b: int, e: int, gap: int = 60) -> bool:
    """A cue or a name written next to the quote: at most `gap` characters away, no line break between."""
    between = text[qe:b] if b >= qe else text[e:qb] if e <= qb else ""
    return len(between) <= gap and "\n" not in between


def sentence_stance(doc: Document, s: Span, voice_row: np.ndarray, reported: list[tuple[int, int]], rebuttal,
                    hedge=None) -> str:
    """The stance of one evidence sentence: rejects, reports (also: mostly inside an attributed quote, or hedged
    by a word of the catalogue's `hedge_cues`: "including - allegedly - groups like ISIS") or asserts."""
    text = doc.text[s.start:s.end]
    stance = text_stance(text, voice_row, rebuttal)
    if stance != "asserts":
        return stance
    if hedge is not None and hedge.search(text):
        return "reports"  # the writer relays the claim as another's (realworld49)
    merged = _merged(reported, s)
    if any(b <= s.start + 2 and _appositive_tail(doc.text[e:s.end]) for b, e in merged):
        return "reports"  # "“...,” said Ward, director of ...": the quotation, its attribution and the speaker's title
    inside = sum(max(0, min(e, s.end) - max(b, s.start)) for b, e in merged)
    return "reports" if inside * 2 >= s.end - s.start else "asserts"


def _appositive_tail(rest: str) -> bool:
    """What follows an attributed quotation's speaker to the sentence's end is only a description of the speaker
    (", director of communications for a security firm."): it opens with a comma and quotes nothing."""
    rest = rest.strip()
    return not rest.strip(".!?…") or rest.startswith(",") and not any(m in rest for m in "\"“”«»")


def _merged(spans: list[tuple[int, int]], s: Span) -> list[tuple[int, int]]:
    """The spans that overlap the sentence, overlapping ones joined (a quote's attribution may cover another's)."""
    out: list[list[int]] = []
    for b, e in sorted((b, e) for b, e in spans if b < s.end and s.start < e):
        if out and b <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([b, e])
    return [(b, e) for b, e in out]


def _in_boilerplate(doc: Document, s: Span) -> bool:
    return any(b.start < s.end and s.start < b.end for b in doc.boilerplate)


def _candidates(doc: Document, segments: tuple[str, ...]) -> list:
    return [s for s in doc.sentences if s.segment in segments and not _in_boilerplate(doc, s)
            and len(doc.text[s.start:s.end].split()) >= MIN_WORDS and not _subheading(doc.text, s)]


SUBHEADING_WORDS = 10  # a body line this short without a sentence's end is a section heading


def _subheading(text: str, s: Span) -> bool:
    """A short body line of its own without closing punctuation ("5. Military aid and mixed messages"):
    a section heading names a topic and asserts nothing. (The title is a headline and stays.)"""
    if s.segment != "body":
        return False
    end = text.find("\n", s.end)
    line = text[text.rfind("\n", 0, s.start) + 1:len(text) if end < 0 else end].strip()
    return len(line.split()) <= SUBHEADING_WORDS and line[-1:] not in ".!?\"'”’…:;)"


def doc_narratives(doc: Document, sents: list, rows: np.ndarray, cols: np.ndarray, probs: np.ndarray,
                   voice: np.ndarray, phr: Phrasings, evidence: np.ndarray) -> list[Narrative]:
    """Narratives with at least one evidence sentence (`NarrativeModel.evidence`); score = its best sentence's."""
    reported = _reported(doc)
    by_narrative: dict[int, list[Evidence]] = {}
    for i, j, p, ok in zip(rows, cols, probs, evidence):
        if ok:
            s = sents[i]
            stance = sentence_stance(doc, s, voice[i], reported, phr.rebuttal, phr.hedge)
            by_narrative.setdefault(int(j), []).append(Evidence(s.start, s.end, stance, round(float(p), 3)))
    out = []
    for j, hits in by_narrative.items():
        hits = sorted(hits, key=lambda e: -e.score)[:MAX_EVIDENCE]
        # The maximum, not a noisy-or: the sentences of one article are not independent evidence.
        stance = next(st for st in STANCE_ORDER if any(e.stance == st for e in hits))
        score = max(e.score for e in hits if e.stance == stance)
        out.append(Narrative(phr.ids[j], phr.labels[j], score, sorted(hits, key=lambda e: e.start), stance))
    return sorted(out, key=lambda n: (STANCE_ORDER.index(n.stance), -n.score, n.id))


@dataclass(frozen=True)
class NarrativesConfig:
    """The user's catalogue files and how sure a match must be."""

    files: tuple[str, ...] = ()  # catalogue files added to the built-in one (docs/narratives.md)
    threshold: float | None = None  # the pair path's; default: the calibrated model's
    comments: bool = False  # also match reader comments
    cross: bool | None = None  # False: no cross-encoder cascade even if the model enables it (model.json `cross`)
    voice_ft: bool | None = None  # False: no fine-tuned voice classifier even if the model enables it (`voice_ft`)


# Quotes: a sentence inside an attributed quote `reports` a claim rather than asserting it.
@register_stage("narratives", requires=("sentences", "quotes"), assigns=("narratives",), config=NarrativesConfig)
def make_narratives(config: NarrativesConfig, resources):
    files = config.files
    load_catalogue(files)  # a bad user file fails when the pipeline is built, not mid-run
    model = load_model()
    threshold = config.threshold  # None: the model's
    # Comments are left out by default: the layer describes what the outlet says, not its readers.
    segments = ("title", "body", "comment") if config.comments else ("title", "body")

    def narratives(docs: list[Document]) -> None:
        per_doc = [_candidates(doc, segments) for doc in docs]
        texts = [doc.text[s.start:s.end] for doc, sents in zip(docs, per_doc) for s in sents]
        if not texts:  # nothing parsed (`--disable parse`): no need to load the encoder
            for doc in docs:
                doc.narratives = []
            return
        phr = phrasings(files)
        emb = encode(texts)
        naming = naming_scores(emb, model, phr)  # None unless the model has the naming head on
        rows, cols, probs, voice = score_sentences(texts, model, phr, emb, naming)
        cross = cross_scores(texts, emb, rows, cols, probs, model, phr) if config.cross is not False else None
        groups = np.repeat(np.arange(len(docs)), [len(sents) for sents in per_doc])  # each sentence's document
        ft = None
        if config.voice_ft is not False:
            ft = voice_ft_scores(texts, rows, probs, model,
                                 done=settled(len(texts), rows, cols, probs, voice, model, threshold, phr.ids, groups,
                                              naming))
        evidence = model.evidence(rows, cols, probs, voice, threshold, phr.ids, cross, ft, groups, naming)
        i = 0
        for doc, sents in zip(docs, per_doc):
            sel = (rows >= i) & (rows < i + len(sents))
            doc.narratives = doc_narratives(doc, sents, rows[sel] - i, cols[sel], probs[sel], voice[i:i + len(sents)],
                                            phr, evidence[sel])
            i += len(sents)
    return narratives
