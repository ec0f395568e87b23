"""Narratives: do they fire on neutral news, do they find held-out disinformation claims, and with which stance.

    .venv/bin/python bench/narratives.py              # the full run (PolNeAR dev through the pipeline)
    .venv/bin/python bench/narratives.py --fast       # sentence-level only, no parse/quotes (the gate's mode)
    .venv/bin/python bench/narratives.py --limit 20   # the first 20 PolNeAR dev articles, 120 held-out cases
    .venv/bin/python bench/narratives.py --json       # the tables, then the figures as JSON
    .venv/bin/python bench/narratives.py --lgl        # also a second neutral set: 588 LGL local news articles

Data (../shared/corpus; none of it is used here for fitting):
- neutral news: PolNeAR `dev/` (84 US election articles, 2016). The model is trained on PolNeAR
  `train/` only (src/spinscope/training/narratives.py), so these articles are unseen. Full mode runs
  clean, parse, entities, quotes and narratives, as `spinscope analyze` does; `--fast` scores the
  articles' sentences (a regex split) without the quotes layer, so no sentence can be `reports` and
  the asserted share is an upper bound of the full mode's.
- a second neutral set (`--lgl`): the 588 local news articles of LGL (`lgl/text/`, US and world local
  papers, each with its headline as the first line), through the same pipeline as the full mode. No
  narratives step reads LGL (training, calibration or this bench's development), so it is neutral news
  the model has never seen, from other papers than PolNeAR's. About 2 minutes.
- held-out claims: EUvsDisinfo cases dated April 2017 or later (`cases_2015_2017.csv`; training used
  cases before 2017 and calibration January-March 2017): held out by case AND by time. Also reported:
  the subset whose outlet never occurs in the training cases.
- recall: share of held-out cases whose title/summary sentences carry some narrative with stance
  `asserts` (a case is a claim, so every one of them should). Cases whose theme is not in the
  catalogue cannot be found; the recall on the cases whose analyst keywords name a catalogue theme
  (`labelled`) is given beside it.
- precision on held-out positives: on the labelled cases, the share of asserted (case, narrative)
  pairs whose narrative is one the case's keywords name (KEYWORD_NARRATIVES of the training script),
  and the share whose best narrative is. A proxy: a case can carry a narrative its keywords do not name.
- stance split: the stances of what fires on the held-out cases' claims, on their disproofs (the
  analysts' rebuttals; they should not be `asserts`) and on PolNeAR dev.
- own gold (`bench/gold/narratives/test.yaml`, sentences we wrote): pairs P/R counting asserted pairs only.
The previous matcher's figures (similarity features, no stance) are printed beside, from
bench/narratives_baseline.json (measured once with this script on the commit before the trained model).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import ROOT, dump_json, ensure_spinscope, shared_dir, table  # noqa: E402

ensure_spinscope()

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from spinscope.spin.narratives.model import load_model  # noqa: E402
from spinscope.spin.narratives.stage import cross_scores, naming_scores, phrasings, score_sentences, text_stance, \
    voice_ft_scores  # noqa: E402
from spinscope.training import narratives as tr  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "narratives"
BASELINE = ROOT / "bench" / "narratives_baseline.json"
# Sentence embeddings kept between runs (the same MiniLM vectors; it only saves the encoding time).
ENCODE = tr.EmbeddingCache(Path.home() / ".cache" / "spinscope" / "narratives-bench.npz")


def sentence_hits(texts: list[str], owner: list[int], n_owner: int) -> list[dict[str, tuple[str, float]]]:
    """Per owner (article or case): {narrative: (strongest stance, best score)} from sentence-level scoring."""
    model, phr = load_model(), phrasings()
    out: list[dict] = [{} for _ in range(n_owner)]
    if not texts:
        return out
    emb = ENCODE(texts)
    naming = naming_scores(emb, model, phr)  # None unless the model has the naming head on (seventeenth round)
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb, naming)
    cross = cross_scores(texts, emb, rows, cols, probs, model, phr)  # None unless the model enables the cascade
    ft = voice_ft_scores(texts, rows, probs, model)  # None unless the model enables the fine-tuned voice classifier
    order = ("asserts", "reports", "rejects")
    # groups: each sentence's owner (a case's claims, a case's disproof, an article, a gold sentence) is its document
    for i, j, p, ok in zip(rows, cols, probs, model.evidence(rows, cols, probs, voice, ids=phr.ids, cross=cross,
                                                             voice_ft=ft, groups=np.asarray(owner),
                                                             naming=naming)):
        if not ok:
            continue
        st, nid, k = text_stance(texts[i], voice[i], phr.rebuttal), phr.ids[j], owner[i]
        old = out[k].get(nid)
        if old is None or order.index(st) < order.index(old[0]) or st == old[0] and p > old[1]:
            out[k][nid] = (st, float(p))
    return out


def polnear_dev(shared: Path, limit: int | None, fast: bool) -> dict:
    """Share of PolNeAR dev articles with an asserted narrative (and with any), the stance counts, what fires."""
    names = tr.polnear_names(shared, "dev")[:limit]
    return neutral_news([tr.polnear_text(shared, "dev", n) for n in names], fast)


def lgl_news(shared: Path, limit: int | None) -> dict:
    """The same figures on LGL's local news articles (a second neutral set, never read by the narratives model)."""
    files = sorted((shared / "corpus" / "lgl" / "text").glob("*.txt"))[:limit]
    return neutral_news([f.read_text(encoding="utf-8", errors="replace") for f in files], fast=False)


def neutral_news(texts: list[str], fast: bool) -> dict:
    """Share of neutral articles with an asserted narrative (and with any), the stance counts, what fires."""
    t0 = time.perf_counter()
    if fast:
        sents, owner = [], []
        for k, t in enumerate(texts):
            for s in tr.split_sentences(t):
                sents.append(s)
                owner.append(k)
        per = sentence_hits(sents, owner, len(texts))
    else:
        from spinscope.model import Document
        from spinscope.pipeline import Pipeline
        # No time budget: the articles run as one batch, and the bench may share a loaded machine.
        pipe = Pipeline(stages=["clean", "parse", "entities", "quotes", "narratives"], doc_timeout=0)
        docs = [Document(text=t) for t in texts]
        for k in range(0, len(docs), 32):  # batches keep memory flat on the larger sets
            pipe.process(docs[k:k + 32])
        per = [{n.id: (getattr(n, "stance", "asserts"), n.score) for n in d.narratives} for d in docs]
    secs = time.perf_counter() - t0
    stances = Counter(st for d in per for st, _ in d.values())
    fired = Counter(f"{nid} ({st})" for d in per for nid, (st, _) in d.items())
    return {"articles": len(texts), "mode": "sentences, no quotes" if fast else "pipeline",
            "asserted_share": round(sum(any(st == "asserts" for st, _ in d.values()) for d in per) / max(1, len(per)), 3),
            "any_share": round(sum(bool(d) for d in per) / max(1, len(per)), 3),
            "stances": dict(stances), "fired": fired.most_common(12),
            "asserted_articles": {k: sorted(n for n, (st, _) in d.items() if st == "asserts")
                                  for k, d in enumerate(per) if any(st == "asserts" for st, _ in d.values())},
            "seconds": round(secs, 1)}


RECURRENCE_BELOW = 0.8  # fourteenth round: a held-out case is "not recurring" when no index-B title is this close


def far_from_index(shared: Path, rows: list[dict], below: float = RECURRENCE_BELOW) -> list[int]:
    """The held-out cases (indices into `rows`) none of whose title and summary sentences has an embedding cosine of
    `below` or more with a title the training script's `--index B` adds (tr.index_claims: the case index's entries
    before 2017 and from 2018 on, with its leakage rules). Only figures come out; no title is printed."""
    from spinscope.embed import encode
    extra, _ = tr.index_claims(tr.read_index(shared), tr.read_cases(shared), "B", encode, set(phrasings().ids))
    e = encode([t for t, _ in extra])
    out = []
    for k, r in enumerate(rows):
        sents = tr.case_claims(r)
        if not sents or not len(e) or float((encode(sents) @ e.T).max()) < below:
            out.append(k)
    return out


def heldout_cases(shared: Path, limit: int | None, recurrence: bool = False) -> dict:
    """Recall, proxy precision and stance split on EUvsDisinfo cases held out by time (and by outlet). `recurrence`:
    also the recall on the cases far from every index-B title (far_from_index)."""
    rows = [r for r in tr.read_cases(shared) if tr.case_part(r) == "test"]
    train_outlets = {r["outlet"].strip().casefold() for r in tr.read_cases(shared) if tr.case_part(r) == "train"}
    rows = rows[:limit]
    ids = set(phrasings().ids)
    texts, owner, dtexts, downer = [], [], [], []
    for k, r in enumerate(rows):
        for s in tr.case_claims(r):
            texts.append(s)
            owner.append(k)
        for s in tr.split_sentences(r["disproof"]):
            dtexts.append(s)
            downer.append(k)
    per = sentence_hits(texts + dtexts, owner + [len(rows) + k for k in downer], 2 * len(rows))
    claims, disproofs = per[:len(rows)], per[len(rows):]
    asserted = [{nid: p for nid, (st, p) in d.items() if st == "asserts"} for d in claims]
    labels = [tr.case_narratives(r, ids) for r in rows]
    lab = [k for k in range(len(rows)) if labels[k]]
    new_outlet = [k for k, r in enumerate(rows) if r["outlet"].strip().casefold() not in train_outlets]
    share = lambda ks: round(sum(bool(asserted[k]) for k in ks) / len(ks), 3) if ks else None  # noqa: E731
    pairs = [(k, nid) for k in lab for nid in asserted[k]]
    top = [k for k in lab if asserted[k]]
    far = {}
    if recurrence and (shared / "corpus" / "euvsdisinfo" / tr.INDEX_FILE).exists():
        ks = far_from_index(shared, rows)
        far = {"far_from_index_b": len(ks), "recall_far_from_index_b": share(ks)}
    return {**far, "cases": len(rows), "labelled": len(lab), "new_outlet": len(new_outlet),
            "recall": share(range(len(rows))), "recall_labelled": share(lab), "recall_new_outlet": share(new_outlet),
            "precision_pairs": round(sum(nid in labels[k] for k, nid in pairs) / len(pairs), 3) if pairs else None,
            "precision_top": round(sum(max(asserted[k], key=asserted[k].get) in labels[k] for k in top) / len(top), 3)
            if top else None,
            "pairs": len(pairs),
            "stance_claims": dict(Counter(st for d in claims for st, _ in d.values())),
            "stance_disproofs": dict(Counter(st for d in disproofs for st, _ in d.values())),
            "disproof_cases_asserted": round(sum(any(st == "asserts" for st, _ in d.values()) for d in disproofs)
                                             / max(1, len(rows)), 3)}


def own_gold() -> dict:
    """Pairs P/R on our written test sentences, counting asserted pairs only."""
    gold = yaml.safe_load((GOLD / "test.yaml").read_text(encoding="utf-8"))["sentences"]
    per = sentence_hits([g["text"] for g in gold], list(range(len(gold))), len(gold))
    tp = fp = fn = 0
    for g, d in zip(gold, per):
        pred = {nid for nid, (st, _) in d.items() if st == "asserts"}
        tp, fp, fn = tp + len(pred & set(g["narratives"])), fp + len(pred - set(g["narratives"])), \
            fn + len(set(g["narratives"]) - pred)
    p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    neg = [d for g, d in zip(gold, per) if not g["narratives"]]
    return {"sentences": len(gold), "p": round(p, 3), "r": round(r, 3),
            "f": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "negatives_asserted": round(sum(any(st == "asserts" for st, _ in d.values()) for d in neg) / len(neg), 3)}


def run(shared: Path | None, limit: int | None = None, fast: bool = False, gold: bool = True,
        lgl: bool = False, recurrence: bool = False) -> dict:
    res = {"threshold": load_model().threshold, "claim_threshold": load_model().claim_threshold,
           "pair_floor": load_model().pair_floor, "own_gold": own_gold() if gold else None}
    ft = load_model().voice_ft
    if ft and ft.get("enabled"):  # the fine-tuned voice classifier's operating point: it replaces the three, or with
        # "combine": "either" (ninth round) adds a path beside the logistic head's
        res["voice_ft"] = {k: ft[k] for k in ("floor", "threshold", "claim_threshold", "pair_floor")}
        res["voice_ft"]["combine"] = ft.get("combine", "replace")
        if ft.get("product") is not None:  # thirteenth round: pair probability x claim log-odds >= K as well
            res["voice_ft"]["product"] = ft["product"]
    if shared is not None:
        res["polnear_dev"] = polnear_dev(shared, limit, fast)
        res["euvsdisinfo_heldout"] = heldout_cases(shared, None if limit is None else 6 * limit, recurrence)
        if lgl and (shared / "corpus" / "lgl" / "text").is_dir():
            res["lgl"] = lgl_news(shared, None if limit is None else 7 * limit)
    return res


def render(res: dict) -> str:
    base = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    old = lambda *keys: _dig(base, keys)  # noqa: E731
    out = [f"threshold {res['threshold']}; voice path: claim log-odds >= {res['claim_threshold']}, "
           f"pair probability >= {res['pair_floor']}"]
    if res.get("voice_ft"):
        how = "adds a path beside the line above" if res["voice_ft"].get("combine") == "either" else \
            "replaces the line above"
        out.append(f"fine-tuned voice classifier on: {res['voice_ft']} ({how})")
    pn, ev = res.get("polnear_dev"), res.get("euvsdisinfo_heldout")
    if pn is None:
        out.append("../shared is absent: only the own gold is measured")
    else:
        out.append(f"\nPolNeAR dev ({pn['articles']} articles, {pn['mode']}, {pn['seconds']} s); "
                   f"EUvsDisinfo held out ({ev['cases']} cases from April 2017; {ev['labelled']} labelled by keywords; "
                   f"{ev['new_outlet']} from outlets unseen in training)")
        rows = [["neutral articles with an ASSERTED narrative (aim <= 0.05)", pn["asserted_share"],
                 old("polnear_dev", "asserted_share")],
                ["neutral articles with any narrative (any stance)", pn["any_share"], old("polnear_dev", "any_share")],
                ["recall: held-out cases with an asserted narrative (aim >= 0.75)", ev["recall"],
                 old("euvsdisinfo_heldout", "recall")],
                ["recall on the keyword-labelled cases", ev["recall_labelled"], old("euvsdisinfo_heldout", "recall_labelled")],
                ["recall on cases from unseen outlets", ev["recall_new_outlet"], old("euvsdisinfo_heldout", "recall_new_outlet")],
                ["precision: asserted pairs named by the case's keywords", ev["precision_pairs"],
                 old("euvsdisinfo_heldout", "precision_pairs")],
                ["precision: best narrative named by the case's keywords", ev["precision_top"],
                 old("euvsdisinfo_heldout", "precision_top")],
                ["disproofs (rebuttals) with an asserted narrative", ev["disproof_cases_asserted"],
                 old("euvsdisinfo_heldout", "disproof_cases_asserted")]]
        if ev.get("far_from_index_b") is not None:
            rows.append([f"recall on the {ev['far_from_index_b']} cases with no index-B title at cosine >= "
                         f"{RECURRENCE_BELOW}", ev["recall_far_from_index_b"], "-"])
        out.append(table(["figure", "now", "before"], rows, align="lrr"))
        out.append("(before: the previous matcher, --fast measures on all 84 articles and 544 cases; "
                   "bench/narratives_baseline.json)")
        out.append("\nStance split (narratives fired)")
        out.append(table(["where", "asserts", "reports", "rejects"],
                         [[w, *(d.get(s, 0) for s in ("asserts", "reports", "rejects"))]
                          for w, d in (("held-out case claims", ev["stance_claims"]),
                                       ("held-out case disproofs", ev["stance_disproofs"]),
                                       ("PolNeAR dev articles", pn["stances"]))], align="lrrr"))
        out.append("\nFired on PolNeAR dev (narrative (stance): articles)")
        out.append(table(["narrative", "articles"], [list(x) for x in pn["fired"]], align="lr"))
    if res.get("lgl"):
        lg = res["lgl"]
        out.append(f"\nLGL local news ({lg['articles']} articles, {lg['mode']}, {lg['seconds']} s): "
                   f"asserted share {lg['asserted_share']} (aim <= 0.05), any stance {lg['any_share']}")
        out.append(table(["narrative", "articles"], [list(x) for x in lg["fired"]], align="lr"))
    g = res["own_gold"]
    if g is None:
        return "\n".join(out)
    out.append(f"\nOwn gold test part ({g['sentences']} sentences, asserted pairs): P {g['p']} R {g['r']} F1 {g['f']}; "
               f"negatives with an asserted narrative {g['negatives_asserted']} "
               f"(before: P {old('own_gold', 'p')} R {old('own_gold', 'r')} F1 {old('own_gold', 'f')}, "
               f"negatives flagged {old('own_gold', 'negatives_asserted')})")
    return "\n".join(out)


def _dig(d: dict, keys: tuple) -> object:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return "-"
        d = d[k]
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fast", action="store_true", help="sentence-level scoring, no parse or quotes")
    ap.add_argument("--limit", type=int, default=None, help="first N PolNeAR dev articles and 6N held-out cases")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--lgl", action="store_true", help="also the LGL local news articles as a second neutral set")
    ap.add_argument("--recurrence", action="store_true",
                    help="also the recall on held-out cases far (cosine < 0.8) from every title the training's "
                         "--index B reads (fourteenth round: how much of a B model's recall is recurring claims)")
    args = ap.parse_args()
    res = run(shared_dir(), args.limit, args.fast, lgl=args.lgl, recurrence=args.recurrence)
    print(render(res))
    if args.json:
        dump_json(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
