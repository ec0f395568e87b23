"""Quotes and speakers: spinscope vs textacy's `direct_quotations`, on own gold and on PolNeAR dev.

    .venv/bin/python bench/quotes.py               # both tables
    .venv/bin/python bench/quotes.py --limit 30    # only the first 30 PolNeAR dev articles
    .venv/bin/python bench/quotes.py --errors      # also list misses and wrong speakers on the own gold
    .venv/bin/python bench/quotes.py --json        # the tables, then the figures as JSON
    .venv/bin/python bench/quotes.py --no-gold --split train --limit 150 --polnear-errors
                                                   # develop on PolNeAR train: list wrong speakers there
    .venv/bin/python bench/quotes.py --no-gold --split train --error-classes
                                                   # why speakers are lost there, counted by cause
    .venv/bin/python bench/quotes.py --ceiling     # the best earlier-scorer speaker F1 possible on dev

Statements are quotes of kind direct, indirect, mixed and post; scare quotes and nested quotations
are not statements and are not scored.

Own gold (`bench/gold/quotes/*.yaml`, format in its README): every statement of the title and body
of the bundled examples and the five seeds, with its speaker (a KB id, or a name when the actor is
not in the KB or not an actor: "the statement", "U.S. officials").

PolNeAR dev (`shared/corpus/polnear/dev/`, one annotator file per article, the first by name):
gold statements are the attributions whose cue is a speech cue (a verb of `data/quotes/en.yaml`'s
`speech_verbs` by lemma, or "according to"); their Content spans are the quote spans, their Source
spans the speakers. A prediction that overlaps any attribution (speech or not, e.g. "believes")
is not counted as a false alarm; recall is over the speech attributions.

Measures (micro, pooled over documents):
- span P/R/F1: a predicted statement is right when it overlaps a gold statement (any shared
  character); a gold statement is found when some predicted statement overlaps it. `tok` is the
  proportional variant: overlap length shared out as in SemEval-2020 Task 11 (precision = sum over
  predictions of overlap/pred length, recall = sum over gold of overlap/gold length).
- speaker P/R/F1: each gold statement is paired with the predicted statement overlapping it most;
  the speaker is right when (own gold) the predicted speaker's entity has the gold KB id, or its
  name contains the gold name (case-insensitive), or (PolNeAR) the predicted speaker span or a
  mention of its entity overlaps the gold Source span. R is over gold statements that have a
  speaker. P is over predicted statements that have one, each judged against the gold statement it
  overlaps most (on PolNeAR any attribution, as for span precision); the earlier P (right gold
  statements over predictions, which counted the second half of "“A,” X said. “B.”" wrong) is
  printed too, as `speakerP_paired`/`speakerF1_paired`.

textacy (0.13, `textacy.extract.triples.direct_quotations`) runs on the same spaCy parses (the
paragraph parses spinscope makes for own gold; the whole article parsed once for PolNeAR). Its
speaker tokens are linked through spinscope's own entity mentions (it has no linker of its own).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

import yaml  # noqa: E402

GOLD_DIR = ROOT / "bench" / "gold" / "quotes"
STATEMENTS = ("direct", "indirect", "mixed", "post")
ORDER = ["clean", "parse", "entities", "quotes"]


class Tally:
    """Counts for span and speaker figures."""

    def __init__(self):
        self.pred = self.pred_ok = self.gold = self.gold_found = 0
        self.tok_p = self.tok_r = 0.0
        self.spk_pred = self.spk_gold = self.spk_ok = self.spk_pred_ok = 0
        self.kind_pred: dict[str, int] = {}
        self.kind_ok: dict[str, int] = {}

    def precision_by_kind(self) -> dict:
        """Per quote kind: predictions and the share of them inside an annotated span."""
        return {k: {"pred": n, "P": self.kind_ok.get(k, 0) / n} for k, n in sorted(self.kind_pred.items())}

    def figures(self) -> dict:
        def prf(p_ok, p_all, r_ok, r_all):
            p = p_ok / p_all if p_all else 0.0
            r = r_ok / r_all if r_all else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)
        p, r, f = prf(self.pred_ok, self.pred, self.gold_found, self.gold)
        tp, tr, tf = prf(self.tok_p, self.pred, self.tok_r, self.gold)
        sp, sr, sf = prf(self.spk_pred_ok, self.spk_pred, self.spk_ok, self.spk_gold)
        # the earlier precision: right gold statements over predictions (mixed units), kept to compare
        pp, _, pf = prf(self.spk_ok, self.spk_pred, self.spk_ok, self.spk_gold)
        return {"gold": self.gold, "pred": self.pred, "P": p, "R": r, "F1": f, "tokP": tp, "tokR": tr, "tokF1": tf,
                "speakerP": sp, "speakerR": sr, "speakerF1": sf, "speakerP_paired": pp, "speakerF1_paired": pf}


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(tally: Tally, preds: list[dict], golds: list[dict], any_gold: list[dict] | None = None,
          speaker_ok=None, errors: list | None = None, text: str = "") -> None:
    """Add one document: preds/golds are dicts with `span` (start, end) and speaker info; `any_gold` are
    all annotated statements (a superset of `golds`: PolNeAR's attributions with any cue)."""
    any_gold = any_gold if any_gold is not None else golds
    for p in preds:
        tally.pred += 1
        hits = [(_overlap(p["span"], g["span"]), g) for g in any_gold]
        hits = [(n, g) for n, g in hits if n]
        tally.pred_ok += bool(hits)
        if "kind" in p:
            tally.kind_pred[p["kind"]] = tally.kind_pred.get(p["kind"], 0) + 1
            tally.kind_ok[p["kind"]] = tally.kind_ok.get(p["kind"], 0) + bool(hits)
        plen = p["span"][1] - p["span"][0]
        tally.tok_p += min(1.0, sum(n for n, _ in hits) / plen) if plen else 0.0
        if p.get("has_speaker"):
            tally.spk_pred += 1
            # precision per prediction: its speaker against the statement it overlaps most (any of a tie)
            most = max((n for n, _ in hits), default=0)
            tally.spk_pred_ok += any(n == most and g.get("has_speaker") and speaker_ok(p, g) for n, g in hits)
    for g in golds:
        tally.gold += 1
        glen = g["span"][1] - g["span"][0]
        tally.tok_r += min(1.0, sum(_overlap(p["span"], g["span"]) for p in preds) / glen) if glen else 0.0
        best = max(preds, key=lambda p: _overlap(p["span"], g["span"]), default=None)
        found = best is not None and _overlap(best["span"], g["span"]) > 0
        tally.gold_found += found
        if g.get("has_speaker"):
            tally.spk_gold += 1
            ok = found and best.get("has_speaker") and speaker_ok(best, g)
            tally.spk_ok += bool(ok)
            if errors is not None and not ok:
                errors.append((g, best if found else None))
        elif errors is not None and not found:
            errors.append((g, None))


# ---- own gold -------------------------------------------------------------------------------------

def load_gold() -> list[dict]:
    out = []
    base = shared_dir()
    for path in sorted(GOLD_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ref = data["doc"]
        if ref.startswith("shared/"):
            if base is None:
                continue
            file = base / ref.removeprefix("shared/")
        else:
            file = ROOT / ref
        out.append({"name": path.stem, "path": file, "quotes": data.get("quotes") or []})
    return out


def _textacy_quotes(parses) -> list[tuple]:
    """(start, end, speaker (start, end) or None) of textacy's direct quotations over parsed segments."""
    from textacy.extract.triples import direct_quotations
    out = []
    for off, sdoc, kind in parses:
        if kind == "comment":
            continue
        try:
            triples = list(direct_quotations(sdoc))
        except Exception:  # noqa: BLE001 - textacy asserts on odd quote marks; count as nothing found
            continue
        for t in triples:
            content = t.content
            spk = t.speaker
            sspan = (off + spk[0].idx, off + spk[-1].idx + len(spk[-1].text)) if spk else None
            out.append((off + content.start_char, off + content.end_char, sspan))
    return out


def _entity_at(doc, span):
    if span is None:
        return None
    for e in doc.entities:
        if any(_overlap((m.start, m.end), span) for m in e.mentions):
            return e
    return None


def _statements(doc):
    """(quote, its speaker's entity or None) for each statement of `doc`, in order: scare and nested quotes left out."""
    by_id = {e.id: e for e in doc.entities}
    for q in doc.quotes:
        if q.kind in STATEMENTS:
            yield q, (by_id.get(q.speaker.entity) if q.speaker else None)


def _name_ok(gold_speaker: str, kb_id, name) -> bool:
    g = str(gold_speaker).lower()
    if kb_id and kb_id == gold_speaker:
        return True
    return bool(name) and g in name.lower()


def run_gold(errors: list | None = None) -> dict:
    from spinscope.api import analyze_paths
    from spinscope.pipeline import Pipeline
    pipe = Pipeline(stages=ORDER, keep_parses=True)
    spin, tex = Tally(), Tally()
    per_doc = []
    for item in load_gold():
        doc = next(iter(analyze_paths([item["path"]], pipeline=pipe)))
        golds = [{"span": (q["start"], q["end"]), "has_speaker": q.get("speaker") is not None,
                  "speaker": q.get("speaker"), "doc": item["name"]} for q in item["quotes"]]
        preds = []
        for q, ent in _statements(doc):
            sp = q.speaker
            preds.append({"span": (q.start, q.end), "has_speaker": sp is not None,
                          "kb": ent.kb_id if ent else None, "name": (ent.name if ent else sp.name) if sp else None,
                          "text": doc.text[q.start:q.end]})
        before = Tally()
        score(before, preds, golds, speaker_ok=lambda p, g: _name_ok(g["speaker"], p["kb"], p["name"]))
        score(spin, preds, golds, speaker_ok=lambda p, g: _name_ok(g["speaker"], p["kb"], p["name"]), errors=errors)
        tq = []
        for s, e, sspan in _textacy_quotes(doc.parses):
            ent = _entity_at(doc, sspan)
            tq.append({"span": (s, e), "has_speaker": sspan is not None, "kb": ent.kb_id if ent else None,
                       "name": ent.name if ent else (doc.text[sspan[0]:sspan[1]] if sspan else None)})
        score(tex, tq, golds, speaker_ok=lambda p, g: _name_ok(g["speaker"], p["kb"], p["name"]))
        f = before.figures()
        per_doc.append({"doc": item["name"], "gold": f["gold"], "pred": f["pred"], "P": f["P"], "R": f["R"],
                        "speakerR": f["speakerR"]})
    return {"docs": len(per_doc), "spinscope": spin.figures(), "textacy": tex.figures(), "per_doc": per_doc}


# ---- PolNeAR ----------------------------------------------------------------------------------------

def _ann(path: Path) -> list[dict]:
    """Attributions of one brat file: content (start, end), source (start, end) or None, cue text."""
    spans, rels = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 1 and " " in line.split("\t")[1]:
            # (a train file has one text-bound line without label or offsets: skipped)
            tid, info, *text = line.split("\t")
            label, offsets = info.split(" ", 1)
            parts = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[tid] = (label, min(p[0] for p in parts), max(p[1] for p in parts), text[0] if text else "", parts)
        elif line.startswith("E"):
            rels.append(dict(arg.split(":") for arg in line.split("\t")[1].split()))
    out = []
    for r in rels:
        content = spans.get(r.get("Content"))
        if content is None:
            continue
        source = spans.get(r.get("Source"))
        cue = spans.get(r.get("Cue"))
        out.append({"span": (content[1], content[2]), "source": (source[1], source[2]) if source else None,
                    "cue": cue[3] if cue else "", "parts": sorted(content[4])})
    return out


def _pieces(text: str, parts: list[tuple[int, int]]) -> int:
    """How many separate quotations an attribution's Content parts make: parts with words between them."""
    return 1 + sum(bool(re.search(r"[^\W\d_]", text[a[1]:b[0]])) for a, b in zip(parts, parts[1:]))


def ceiling(split: str = "dev", limit: int | None = None) -> dict | None:
    """What the earlier (paired) speaker scorer can give at best to a system that finds every speech
    attribution with a Source, names its speaker right, and makes one statement per quotation: PolNeAR
    joins "“A,” X said. “B.”" into one attribution whose pieces (parts with words between them) are
    separate statements, and only one of them can be paired. Also how the Sources are written."""
    base = shared_dir()
    root = base / "corpus" / "polnear" / split if base else None
    if root is None or not root.is_dir():
        return None
    from spinscope.extract.quotes.cues import quote_cues
    from spinscope.nlp import load_nlp
    nlp, speech = load_nlp(()), quote_cues().speech
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(anns)[:limit] if limit else sorted(anns)
    cache: dict[str, bool] = {}
    gold = pieces = 0
    kinds: dict[str, int] = {}
    for name in names:
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        for a in _ann(anns[name]):
            if a["source"] is None:
                continue
            if a["cue"] not in cache:
                cache[a["cue"]] = _speech_cue(a["cue"], nlp, speech)
            if not cache[a["cue"]]:
                continue
            gold += 1
            pieces += _pieces(text, a["parts"])
            kind = _source_kind(text, a["source"])
            kinds[kind] = kinds.get(kind, 0) + 1
    p = gold / pieces if pieces else 0.0
    return {"split": split, "articles": len(names), "speech_attributions_with_source": gold, "pieces": pieces,
            "P": p, "R": 1.0, "F1": 2 * gold / (gold + pieces) if gold else 0.0, "source_kinds": kinds}


def _speech_cue(cue: str, nlp, speech: frozenset) -> bool:
    low = cue.lower()
    if "according to" in low:
        return True
    return any(t.lemma_.lower() in speech for t in nlp(cue))


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}


def _source_kind(text: str, src) -> str:
    """How PolNeAR writes a Source: `pronoun` ("he", "who"), `nominal` ("the spokesman"), else `name`."""
    words = text[src[0]:src[1]].split()
    if not words:
        return "name"
    if " ".join(words).lower() in _PRONOUNS:
        return "pronoun"
    if words[0].lower() in ("the", "a", "an", "this") and not any(w[:1].isupper() for w in words[1:]):
        return "nominal"
    return "name"


def classify_speakers(classes: dict, text: str, preds: list[dict], golds: list[dict], any_gold: list[dict],
                      spk_ok) -> None:
    """Count why speakers are lost under the earlier (paired) scorer, into `classes`:
    `recall/<cause>/<source kind>` for each gold statement with a Source not counted right, and
    `pred/<kind>` for each prediction with a speaker (only `counted` ones are right for that scorer)."""
    best_of: dict[int, list[dict]] = {}
    for g in golds:
        best = max(range(len(preds)), key=lambda i: _overlap(preds[i]["span"], g["span"]), default=None)
        found = best is not None and _overlap(preds[best]["span"], g["span"]) > 0
        if found:
            best_of.setdefault(best, []).append(g)
        if not g.get("has_speaker"):
            continue
        p = preds[best] if found else None
        if p is not None and p["has_speaker"] and spk_ok(p, g):
            continue
        src = g["source"]
        if p is None:
            cause = "statement missed"
        elif not p["has_speaker"]:
            cause = "no speaker given"
        elif any(_overlap(q["span"], g["span"]) and q["has_speaker"] and spk_ok(q, g) for q in preds):
            cause = "another piece has it (scorer)"
        else:
            sp = p["speaker_spans"][0] if p.get("speaker") is not None and p["speaker"].start is not None else None
            if sp is not None and abs(sp[0] - src[0]) < 40:
                cause = "span next to the gold Source"
            elif sp is not None and text[sp[0]:sp[1]].lower() in _PRONOUNS:
                cause = "pronoun written elsewhere"
            else:
                cause = "other speaker"
        key = f"recall/{cause}/{_source_kind(text, src)}"
        classes[key] = classes.get(key, 0) + 1
    for i, p in enumerate(preds):
        if not p["has_speaker"]:
            continue
        hits = [(n, g) for g in any_gold if (n := _overlap(p["span"], g["span"]))]
        most = max((n for n, _ in hits), default=0)
        right = any(n == most and g.get("has_speaker") and spk_ok(p, g) for n, g in hits)
        if any(g.get("has_speaker") and spk_ok(p, g) for g in best_of.get(i, ())):
            kind = "counted"
        elif not hits:
            kind = "overlaps no attribution"
        elif not any(g in golds for _, g in hits):
            kind = "overlaps only non-speech attributions"
        elif i not in best_of:
            kind = "second piece of an attribution, " + ("right speaker" if right else "wrong speaker")
        else:
            kind = "paired, wrong speaker"
        classes["pred/" + kind] = classes.get("pred/" + kind, 0) + 1


def run_polnear(limit: int | None = None, split: str = "dev", offset: int = 0,
                errors: list | None = None, classes: dict | None = None) -> dict | None:
    """PolNeAR figures on `split` (dev is the reported one; train is for development), articles
    [offset, offset + limit) in name order; `errors` collects (article, text, gold, prediction) misses,
    `classes` the counts of `classify_speakers`."""
    base = shared_dir()
    dev = base / "corpus" / "polnear" / split if base else None
    if dev is None or not dev.is_dir():
        return None
    from spinscope.extract.quotes.cues import quote_cues
    from spinscope.model import Document, Source
    from spinscope.nlp import load_nlp
    from spinscope.pipeline import Pipeline
    pipe = Pipeline(stages=ORDER)
    nlp = load_nlp(())
    speech = quote_cues().speech
    spin, tex, spin_direct = Tally(), Tally(), Tally()
    anns: dict[str, Path] = {}
    for ann in sorted((dev / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(anns)[offset:offset + limit] if limit else sorted(anns)[offset:]
    texts = [(dev / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    docs = pipe.pipe(Document(text, Source(path=name)) for name, text in zip(names, texts))
    whole = nlp.pipe(texts, batch_size=16)
    cue_cache: dict[str, bool] = {}
    n_speech = n_all = 0
    for name, doc, sdoc in zip(names, docs, whole):
        attributions = _ann(anns[name])
        for a in attributions:
            if a["cue"] not in cue_cache:
                cue_cache[a["cue"]] = _speech_cue(a["cue"], nlp, speech)
        speech_attr = [a for a in attributions if cue_cache[a["cue"]]]
        n_all += len(attributions)
        n_speech += len(speech_attr)
        golds = [{"span": a["span"], "has_speaker": a["source"] is not None, "source": a["source"]}
                 for a in speech_attr]
        any_gold = [{"span": a["span"], "has_speaker": a["source"] is not None, "source": a["source"]}
                    for a in attributions]
        preds = []
        for q, ent in _statements(doc):
            sp = q.speaker
            spans = []
            if sp is not None and sp.start is not None:
                spans.append((sp.start, sp.end))
            if ent is not None:
                spans.extend((m.start, m.end) for m in ent.mentions)
            preds.append({"span": (q.start, q.end), "has_speaker": bool(spans), "speaker_spans": spans,
                          "kind": q.kind, "speaker": sp, "entity": ent})

        def spk_ok(p, g):
            return any(_overlap(s, g["source"]) for s in p["speaker_spans"])
        found: list | None = [] if errors is not None else None
        score(spin, preds, golds, any_gold, spk_ok, errors=found)
        if classes is not None:
            classify_speakers(classes, doc.text, preds, golds, any_gold, spk_ok)
        if errors is not None:
            errors.extend((name, doc.text, g, p) for g, p in found)
        # textacy's own task: direct quotations with a speaker; the same subset of spinscope's output
        score(spin_direct, [p for p in preds if p["kind"] == "direct" and p["has_speaker"]], golds, any_gold, spk_ok)
        tq = []
        for s, e, sspan in _textacy_quotes([(0, sdoc, "body")]):
            tq.append({"span": (s, e), "has_speaker": sspan is not None, "speaker_spans": [sspan] if sspan else []})
        score(tex, tq, golds, any_gold, spk_ok)
    return {"split": split, "articles": len(names), "attributions": n_all, "speech_attributions": n_speech,
            "spinscope": spin.figures(), "textacy": tex.figures(), "spinscope_by_kind": spin.precision_by_kind(),
            "spinscope_direct_with_speaker": spin_direct.figures()}


def render(result: dict) -> str:
    cols = ["gold", "pred", "P", "R", "F1", "tokP", "tokR", "tokF1", "speakerP", "speakerR", "speakerF1"]

    def rows(block):
        names = [n for n in ("spinscope", "textacy", "spinscope_direct_with_speaker") if n in block]
        return [[name.replace("spinscope_direct_with_speaker", "spinscope direct+speaker")]
                + [block[name][c] if isinstance(block[name][c], int) else f"{block[name][c]:.3f}" for c in cols]
                for name in names]
    out = []
    g = result.get("gold")
    if g:
        out.append(f"Own gold: {g['docs']} documents (examples and seeds), statements of title and body")
        out.append(table(["system"] + cols, rows(g), align="l" + "r" * len(cols)))
        out.append("")
        out.append(table(["doc", "gold", "pred", "P", "R", "speakerR"],
                         [[d["doc"], d["gold"], d["pred"], f"{d['P']:.2f}", f"{d['R']:.2f}", f"{d['speakerR']:.2f}"]
                          for d in g["per_doc"]], align="lrrrrr"))
    p = result.get("polnear")
    if p:
        out.append("")
        out.append(f"PolNeAR {p.get('split', 'dev')}: {p['articles']} articles, {p['speech_attributions']} speech attributions "
                   f"(of {p['attributions']} attributions)")
        out.append(table(["system"] + cols, rows(p), align="l" + "r" * len(cols)))
        out.append("speaker figures of the earlier scorer (P = right gold statements / predictions): " + ", ".join(
            f"{n} P {p[n]['speakerP_paired']:.3f} F1 {p[n]['speakerF1_paired']:.3f}" for n in ("spinscope", "textacy")))
        out.append("spinscope precision by kind: " + ", ".join(
            f"{k} {v['P']:.3f} ({v['pred']})" for k, v in p["spinscope_by_kind"].items()))
    elif p is None and "polnear" in result:
        out.append("\nPolNeAR dev: skipped (shared/corpus/polnear/dev is absent)")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="PolNeAR dev articles to use (default: all)")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-polnear", action="store_true")
    ap.add_argument("--no-gold", action="store_true", help="skip the own gold table")
    ap.add_argument("--split", choices=("dev", "train"), default="dev",
                    help="PolNeAR split (dev is the reported one; develop on train)")
    ap.add_argument("--offset", type=int, default=0, help="PolNeAR articles to skip first")
    ap.add_argument("--polnear-errors", action="store_true", help="list PolNeAR misses and wrong speakers")
    ap.add_argument("--ceiling", action="store_true",
                    help="only the best earlier-scorer speaker figures any one-statement-per-quotation system can get")
    ap.add_argument("--error-classes", action="store_true",
                    help="count PolNeAR speaker losses by cause (earlier scorer) and predictions by kind")
    args = ap.parse_args(argv)
    if args.ceiling:
        c = ceiling(args.split, args.limit)
        if c is None:
            print(f"PolNeAR {args.split}: skipped (absent)")
            return 0
        print(f"PolNeAR {args.split}: {c['articles']} articles, {c['speech_attributions_with_source']} speech "
              f"attributions with a Source, written in {c['pieces']} pieces; ceiling of the earlier speaker scorer: "
              f"P {c['P']:.3f} R {c['R']:.3f} F1 {c['F1']:.3f}; Sources written as {c['source_kinds']}")
        if args.json:
            dump_json(c)
        return 0
    errors: list | None = [] if args.errors else None
    result = {} if args.no_gold else {"gold": run_gold(errors)}
    polnear_errors: list | None = [] if args.polnear_errors else None
    classes: dict | None = {} if args.error_classes else None
    if not args.no_polnear:
        result["polnear"] = run_polnear(args.limit, args.split, args.offset, polnear_errors, classes)
    print(render(result))
    if classes:
        print(f"\nSpeaker losses by cause (PolNeAR {args.split}; recall: gold statements with a Source not "
              "counted right, by how the Source is written; pred: predictions with a speaker, of which the "
              "earlier scorer counts only `counted` as right):")
        for key, n in sorted(classes.items(), key=lambda kv: (kv[0].split("/")[0], -kv[1])):
            print(f"  {n:6d}  {key}")
        if result.get("polnear"):
            result["polnear"]["speaker_error_classes"] = classes
    if polnear_errors:
        print(f"\nWrong or missing speakers (PolNeAR {args.split}):")
        for name, text, g, p in polnear_errors:
            if not g.get("has_speaker"):
                continue
            src = g["source"]
            line = f"  {name} gold {text[src[0]:src[1]]!r}@{src[0]}"
            if p is None:
                line += " MISSED quote " + repr(" ".join(text[g['span'][0]:g['span'][1]].split())[:60])
            else:
                sp, ent = p["speaker"], p["entity"]
                line += (f" pred {sp.name!r}@{sp.start} ent {ent.name if ent else None!r}" if sp else " pred None")
                line += f" [{p['kind']}] cue-ctx {' '.join(text[max(0, src[0] - 60):src[1] + 40].split())!r}"
            print(line)
    if errors:
        print("\nMisses and wrong speakers (own gold):")
        for g, p in errors:
            where = f"{g['doc']} {g['span'][0]}..{g['span'][1]} gold speaker {g['speaker']!r}"
            got = f"pred speaker {p['name']!r} ({p['kb']})" if p else "MISSED"
            print(f"  {where}: {got}")
    if args.json:
        dump_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
