"""Figures of the packaged narrative model on the calibration split (never the held-out cases or PolNeAR dev).

    .venv/bin/python tools/narratives_calibration.py                      # the packaged operating point
    .venv/bin/python tools/narratives_calibration.py --part train         # training-period cases instead
    .venv/bin/python tools/narratives_calibration.py --threshold 0.82 --claim-threshold 5.75 --pair-floor 0.3 --top-k 8
    .venv/bin/python tools/narratives_calibration.py --per-narrative 0.6  # pair thresholds above each narrative's news

What it scores, with the stage's stance rule (no quotes layer): the EUvsDisinfo cases of a part
(`calib`: January-March 2017, 422; `train`: before 2017, in-sample for the heads) and their disproofs;
340 PolNeAR `train/` articles that give the model no training sentence (the 168 of the 20 % calibration
part and the 172 of the 80 % part left out of the 500 sampled; one article is 0.003); the own gold's DEV
sentences (bench/gold/narratives/dev.yaml; its test part is not read). Printed: recall (cases with an
asserted narrative), recall of the keyword-labelled cases, precision of their asserted pairs (the
bench's proxy), news articles with a narrative in any stance, disproofs with an asserted narrative,
own-gold dev negatives asserted and own-gold dev P/R of asserted pairs.

`--cross FILE --cross-grid`: the cross-encoder cascade's operating point (floor, threshold, keep) with the
most cases recalled at no worse news, pair precision, disproofs and own-gold negatives than without it;
`--cross-rule project` bounds the search by the project's calibration rule instead (news articles at most 2 %
of the split's, pair precision at least 0.8, disproofs and own-gold negatives no worse; sixth round);
`--cross FILE --cross-point F T K` its figures at one point, `--write` stores that point in model.json
(issue 17, fourth round).

`--voice-ft FILE --voice-grid`: the fine-tuned voice classifier's cascade (issue 17, seventh round): it reads
the sentences whose best candidate reaches the pair probability VOICE_FT_FLOOR (fixed before training) and its
claim-vs-news log-odds replace the logistic head's on the voice path; the search picks (pair threshold, claim
log-odds, pair floor) by the project's rule (news articles at most 2 % of the split's, pair precision at least
0.8, disproofs and own-gold dev negatives no worse than the packaged model's on the same split; then the most
cases recalled). `--voice-hold-threshold T` holds the pair path's threshold at T during that search (eighth
round: 0.8). `--voice-combine either` (ninth round): the classifier does not replace the logistic head on the
voice path but adds to it (the path fires when either head is over its own claim log-odds at its own pair
floor; the logistic head's 6.25 and 0.2 as packaged), so every hit of the packaged model at the same pair
threshold stays. `--voice-rule better` (tenth round): no printed figure of the split worse than the packaged
model's in the same run and recall higher; `--voice-min-floor F` searches only the classifier's pair floors of
at least F (with "either", its reading floor). `--voice-ft FILE --voice-point T C F` its figures at one point; `--write` stores it in
model.json (with "combine", and, for "either", the cascade's reading floor raised to the point's pair floor: a
sentence whose best candidate is under it cannot take the classifier's path).

`--round12` (issue 17, twelfth round, pre-registered in docs/narratives.md): one grid over the operating point —
the pair path's threshold, the logistic head's claim log-odds and pair floor, the packaged classifier's claim
log-odds (its pair floor held at 0.3) — and the document rule's bar (off, or a second sentence of the same
narrative in the same document at D or more), judged by `round12_ok` against the packaged point in the same run;
`round12_pick` chooses at most one point. `--round12-point T C1 P1 C2 D` (D 0 = off) its figures at one point;
`--write` stores it in model.json.

`--round13` (issue 17, thirteenth round, pre-registered in docs/narratives.md): the pair path and the logistic
head's voice path held as packaged, the classifier's floors held at 0.3; (A) the classifier's claim log-odds
lowered, or (B) a second classifier bar beside today's, pair probability x claim log-odds >= K; judged by
`round13_ok` (the tenth round's `better` and the added labelled pairs right at least 80 % of the time),
`round13_pick` chooses at most one. `--round13-point A C2` / `B K` its figures at one point; `--write` stores it.

`--round14 DIR [DIR ...]` (issue 17, fourteenth round, pre-registered in docs/narratives.md): refits of both logistic
heads (training's `--out DIR`, e.g. with `--index A` or `B`: the case index's titles as more claims) against the
packaged model in the same run, each with its own operating point and the packaged classifier's section as stored in
its model.json; judged by `round14_ok`, `round14_pick` chooses at most one.

`--round15 DIR [DIR ...] --round15-voice FILE` (issue 17, fifteenth round, pre-registered in docs/narratives.md): the
fine-tuned voice classifier refit (FILE, `python -m spinscope.training.narratives_voice --index A`) behind each
folder's logistic heads (the packaged ones copied, V; a `--index A --index-heads pair` refit, VP), each at its own
pair operating point and the classifier's claim log-odds on R15_C2 (floors as packaged), against the packaged model in
the same run; judged by `round14_ok`, `round15_pick` chooses at most one point; `--write` puts the pick into
data/narratives/ (model.npz, model.json with the point, voice.safetensors).

`--round16 VP_DIR --round16-voice FILE` (issue 17, sixteenth round, pre-registered in docs/narratives.md): the
11 points of R16_POINTS — VP (round 15's pair-head refit behind its refit classifier) with its pair threshold lowered
step by step or its logistic pair floor / claim bar one step lower, and the classifier's pair and reading floor under
0.3 for the packaged model and for VP — against the packaged model in the same run; judged by `round16_ok` (round 14's
rule, no more news articles than today's, the classifier's reads at most 1.3 times today's); `round16_pick` chooses at
most one; `--write` puts it into data/narratives/.

`--round17 NAMING_NPZ` (issue 17, seventeenth round, pre-registered in docs/narratives.md): the naming head (training's
`--naming`) behind the packaged model at the 11 points of R17_POINTS — (i) its most probable narrative joins each
sentence's candidates, (ii) an evidence path (the head's probability of the sentence's best candidate >= T_N and the
claim log-odds >= C_N), or both — against the packaged model in the same run (its reference row through this round's
code must equal it); judged by `round17_ok` (round 14's rule and round 16's reads cap), `round17_pick` chooses at most
one; `--write` puts it into data/narratives/.

`--round17b NAMING_NPZ` (round 17b, pre-registered in docs/narratives.md after round 17's figures and seeds): the same
head at the three points of R17B_POINTS — (i)+(ii) with a pair-probability floor under (ii) at T_N 0.8 or 0.7, and
(i) alone — judged and picked as round 17's; `--write` puts the pick into data/narratives/.

`--round18 NAMING_NPZ --round18-reference NAMING_NPZ` (issue 17, eighteenth round, pre-registered in
docs/narratives.md): a naming head trained with topical hard negatives (training's `--naming --naming-hard`) at the 11
points of R18_POINTS, and round 17b's B1 with round 17's head as a reference row; judged by `round17_ok`,
`round17_pick` chooses at most one; `--write` puts it into data/narratives/. `--round18-pages` prints the round's
independent false-flag pages (`indep_pages`: PTC articles no narratives training read, topical Dragnet dev pages).

`--per-narrative T`: each narrative's pair threshold is T, or just above its highest pair probability on
a sentence of the 340 news articles if that is higher (issue 17, third round: docs/narratives.md);
with `--write` they are stored in the packaged model.json (`narrative_thresholds`). Without it the
model's own thresholds are used.
"""
from __future__ import annotations

import argparse
import copy
import functools
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from spinscope.spin.narratives.catalogue import load_catalogue  # noqa: E402
from spinscope.spin.narratives.model import Phrasings, load_model  # noqa: E402
from spinscope.spin.narratives.stage import cached_encode, cross_scores, phrasings, score_sentences, text_stance  # noqa: E402
from spinscope.training import narratives as tr  # noqa: E402


def calibration_news(shared: Path) -> list[str]:
    """The 340 PolNeAR train/ articles without training sentences (the sampling of training.narratives)."""
    rng = np.random.default_rng(tr.SEED)
    pol_train, pol_calib = tr.polnear_train_parts(shared)
    perm = rng.permutation(len(pol_train))  # the first draw of gather()'s generator
    return pol_calib[:tr.POLNEAR_CALIB_ARTICLES] + [pol_train[i] for i in sorted(perm[tr.POLNEAR_TRAIN_ARTICLES:])]


def news_ceilings(ids: list[str], rows, cols, probs, owner, floor: float) -> dict[str, float]:
    """Each narrative's pair threshold: `floor`, or just above its best pair probability on a news sentence."""
    per = np.full(len(ids), floor)
    for r in range(len(rows)):
        if owner[rows[r]][0] == "news":
            per[cols[r]] = max(per[cols[r]], min(0.99, np.ceil((probs[r] + 1e-3) * 1000) / 1000))
    return {n: round(float(t), 3) for n, t in zip(ids, per)}


CROSS_FLOORS = (0.05, 0.1, 0.15, 0.2, 0.3)
CROSS_THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.3, 0.991, 0.02))
CROSS_KEEPS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


# The project's calibration rule (`--cross-rule project`, sixth round): news articles with a narrative at most
# this share of the calibration news, asserted-pair precision at least PAIR_PRECISION.
PROJECT_NEWS_SHARE = 0.02


def within_rule(base: dict, ctx, rule: str):
    """A test of a candidate's figures on this split against `base` (the model without the candidate): (`rule`
    "project") news articles at most PROJECT_NEWS_SHARE of the split's news and pair precision at least the
    training script's PAIR_PRECISION, or ("shipped") both no worse than base's; disproofs and own-gold dev
    negatives asserted no worse than base's in both."""
    if rule == "better":
        return lambda r: better(base, r)
    news_max = (int(PROJECT_NEWS_SHARE * len(ctx.news) + 1e-9) if rule == "project"
                else int(base["news_articles"].split("/")[0]))
    prec_min = tr.PAIR_PRECISION if rule == "project" else base["precision_pairs"]
    return lambda r: (int(r["news_articles"].split("/")[0]) <= news_max
                      and r["precision_pairs"] >= prec_min
                      and r["disproofs_asserted"] <= base["disproofs_asserted"]
                      and r["gold_dev_negatives_asserted"] <= base["gold_dev_negatives_asserted"])


def better(base: dict, r: dict) -> bool:
    """The tenth round's rule (`--voice-rule better`): no printed figure of the calibration split worse than the
    packaged model's in the same run, and more cases recalled — recall higher; the keyword-labelled recall, the
    pair precision and the own-gold dev P and R no lower; news articles, disproofs asserted and own-gold dev
    negatives asserted no higher. A candidate that only adds hits (the "either" combination) can meet it by
    adding right ones; it need not reach a bar the packaged model itself misses."""
    news = lambda x: int(x["news_articles"].split("/")[0])  # noqa: E731
    return (r["recall"] > base["recall"] and r["recall_labelled"] >= base["recall_labelled"]
            and r["precision_pairs"] >= base["precision_pairs"] and news(r) <= news(base)
            and r["disproofs_asserted"] <= base["disproofs_asserted"]
            and r["gold_dev_negatives_asserted"] <= base["gold_dev_negatives_asserted"]
            and r["gold_dev_p_r"][0] >= base["gold_dev_p_r"][0] and r["gold_dev_p_r"][1] >= base["gold_dev_p_r"][1])


def cross_search(ctx, probs, voice, cross, threshold, rule: str = "shipped") -> dict:
    """The cascade's operating point on this split: the most cases recalled with the news articles, the pair
    precision, the disproofs asserted and the own-gold dev negatives no worse than without the cascade
    (`rule` "shipped"); or (`rule` "project") news articles at most PROJECT_NEWS_SHARE of the split's news,
    pair precision at least the training script's PAIR_PRECISION (0.8), disproofs and own-gold dev negatives
    no worse than without the cascade."""
    model, rows, cols, ids = ctx.model, ctx.rows, ctx.cols, ctx.phr.ids
    base = summarize(model.evidence(rows, cols, probs, voice, threshold, ids), ctx)
    bound = within_rule(base, ctx, rule)
    best, rows_out = None, []
    for floor in CROSS_FLOORS:
        c = np.where(probs >= floor, cross, np.nan)
        for t in CROSS_THRESHOLDS:
            for keep in CROSS_KEEPS:
                model.cross = {**model.cross, "floor": floor, "threshold": t, "keep": keep}
                r = summarize(model.evidence(rows, cols, probs, voice, threshold, ids, c), ctx)
                r["point"] = {"floor": floor, "threshold": t, "keep": keep}
                rows_out.append(r)
                if bound(r) and (best is None or (r["recall"], r["precision_pairs"]) > (best["recall"],
                                                                                          best["precision_pairs"])):
                    best = r
    scored = int((probs >= min(CROSS_FLOORS)).sum())
    return {**base, "cross_rule": rule, "cross_best": best, "pairs_scored": scored, "pairs": int(len(rows)),
            "cross_frontier": sorted(({k: r[k] for k in ("recall", "precision_pairs", "news_articles",
                                                         "disproofs_asserted", "point")} for r in rows_out
                                      if r["recall"] > base["recall"]), key=lambda r: -r["precision_pairs"])[:15]}


VOICE_FT_FLOOR = 0.2  # fixed before training (seventh round): the voice path's lowest allowed pair floor
VOICE_FT_THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.5, 0.981, 0.02))
VOICE_FT_CLAIMS = tuple(round(x, 2) for x in np.arange(-2.0, 12.01, 0.5))
VOICE_FT_PAIR_FLOORS = (0.2, 0.3, 0.4, 0.5)


def write_floor(combine: str, pair_floor: float) -> float:
    """The cascade's reading floor stored with a point: VOICE_FT_FLOOR, or for "either" the point's pair floor
    when higher (the classifier's path needs it; the logistic head's path does not read the classifier)."""
    return max(VOICE_FT_FLOOR, pair_floor) if combine == "either" else VOICE_FT_FLOOR


def voice_ft_grid(hold_threshold: float | None = None, min_floor: float | None = None) -> list[dict]:
    """The voice cascade's search grid: (pair threshold, claim log-odds, pair floor); with `hold_threshold` the
    pair path's threshold is that value at every point and only the voice path's two settings are searched
    (eighth round: the seventh's joint search lowered the pair path's threshold, and that path alone made a
    wrong seed sentence)."""
    ts = VOICE_FT_THRESHOLDS if hold_threshold is None else (float(hold_threshold),)
    fs = [f for f in VOICE_FT_PAIR_FLOORS if min_floor is None or f >= min_floor - 1e-9]
    return [{"threshold": t, "claim_threshold": c, "pair_floor": f}
            for t in ts for c in VOICE_FT_CLAIMS for f in fs]


def voice_ft_search(ctx, probs, voice, ft, rule: str = "project", hold_threshold: float | None = None,
                    min_floor: float | None = None) -> dict:
    """The fine-tuned voice cascade's operating point by the project's rule (see the module's doc), or (`rule`
    "shipped") with every figure no worse than the packaged model's on this split: news articles, pair
    precision, disproofs asserted, own-gold dev negatives asserted. `hold_threshold`: see voice_ft_grid."""
    model, rows, cols, ids = ctx.model, ctx.rows, ctx.cols, ctx.phr.ids
    base = summarize(model.evidence(rows, cols, probs, voice, None, ids), ctx)
    bound = within_rule(base, ctx, rule)
    best, ok, seen = None, 0, []
    for point in voice_ft_grid(hold_threshold, min_floor):
        model.voice_ft = {**model.voice_ft, **point}
        r = summarize(model.evidence(rows, cols, probs, voice, None, ids, None, ft), ctx)
        r["point"] = point
        seen.append(r)
        if bound(r):
            ok += 1
            if best is None or (r["recall"], r["precision_pairs"]) > (best["recall"], best["precision_pairs"]):
                best = r
    keys = ("recall", "recall_labelled", "precision_pairs", "news_articles", "disproofs_asserted",
            "gold_dev_negatives_asserted", "gold_dev_p_r", "point")
    frontier = sorted(({k: r[k] for k in keys} for r in seen if r["recall"] > base["recall"]),
                      key=lambda r: (-r["precision_pairs"], -r["recall"]))[:12]
    return {**base, "voice_rule": rule, "voice_hold_threshold": hold_threshold, "voice_min_floor": min_floor,
            "voice_combine": model.voice_ft.get("combine", "replace"), "voice_ft_best": best,
            "points_within_rule": ok, "sentences_read": int((~np.isnan(ft)).sum()), "sentences": int(len(ft)),
            "voice_frontier": frontier}


# The twelfth round's grid (pre-registered): (pair threshold, logistic claim log-odds, logistic pair floor,
# classifier claim log-odds, document rule bar; 0.0 = off). The classifier's pair and reading floor stay 0.3.
R12_THRESHOLDS = (0.7, 0.72, 0.74, 0.76, 0.78, 0.8)
R12_CLAIMS = (4.5, 4.75, 5.0, 5.25, 5.5, 5.75, 6.0, 6.25)
R12_PAIR_FLOORS = (0.2, 0.3)
R12_FT_CLAIMS = (3.5, 4.0, 4.5, 5.0, 5.5)
R12_DOCUMENT = (0.0, 0.4, 0.5, 0.6, 0.7)
R12_FT_PAIR_FLOOR = 0.3
R12_NEWS_MAX = 6  # calibration news articles with a narrative (of 340), at most
R12_PRECISION_DROP = 0.01


def round12_grid() -> list[tuple[float, float, float, float, float]]:
    return [(t, c1, p1, c2, d) for t in R12_THRESHOLDS for c1 in R12_CLAIMS for p1 in R12_PAIR_FLOORS
            for c2 in R12_FT_CLAIMS for d in R12_DOCUMENT]


def round12_ok(base: dict, r: dict) -> bool:
    """The twelfth round's calibration rule: recall higher than the packaged point's (`base`, same run); news articles
    with a narrative at most R12_NEWS_MAX; pair precision at least base's minus R12_PRECISION_DROP; own-gold dev
    precision no lower; own-gold dev negatives asserted and disproofs asserted no higher."""
    return (r["recall"] > base["recall"] and int(r["news_articles"].split("/")[0]) <= R12_NEWS_MAX
            and r["precision_pairs"] >= round(base["precision_pairs"] - R12_PRECISION_DROP, 3)
            and r["gold_dev_p_r"][0] >= base["gold_dev_p_r"][0]
            and r["gold_dev_negatives_asserted"] <= base["gold_dev_negatives_asserted"]
            and r["disproofs_asserted"] <= base["disproofs_asserted"])


def round12_pick(base: dict, results: list[dict]) -> dict | None:
    """At most one point of `results` (each with "point": (T, C1, P1, C2, D)) within `round12_ok`: the highest
    recall, then the higher pair precision, then fewer news articles, then the nearest today's (D off first, then
    the higher T, C1, C2, the lower P1)."""
    ok = [r for r in results if round12_ok(base, r)]
    if not ok:
        return None
    def key(r):
        t, c1, p1, c2, d = r["point"]
        return (-r["recall"], -r["precision_pairs"], int(r["news_articles"].split("/")[0]), d > 0, d, -t, -c1, -c2, p1)
    return min(ok, key=key)


def round12_apply(model, point) -> None:
    """Set `model`'s operating point to a round-12 point (the classifier's section kept, its pair floor 0.3)."""
    t, c1, p1, c2, d = point
    model.threshold, model.claim_threshold, model.pair_floor = t, c1, p1
    model.voice_ft = {**model.voice_ft, "threshold": t, "claim_threshold": c2, "pair_floor": R12_FT_PAIR_FLOOR,
                      "floor": R12_FT_PAIR_FLOOR}
    model.document = {"enabled": True, "threshold": d} if d > 0 else None


def round12(ctx, probs, voice, ft, groups, point=None) -> dict:
    """The twelfth round's search (or, with `point`, one point's figures) on this split."""
    model, rows, cols, ids = ctx.model, ctx.rows, ctx.cols, ctx.phr.ids
    today = (model.voice_ft["threshold"], model.claim_threshold, model.pair_floor, model.voice_ft["claim_threshold"],
             float((model.document or {}).get("threshold", 0.0)) if (model.document or {}).get("enabled") else 0.0)
    def run(p):
        round12_apply(model, p)
        r = summarize(model.evidence(rows, cols, probs, voice, None, ids, None, ft, groups), ctx)
        r.pop("narrative_thresholds", None)
        r["point"] = list(p)
        return r
    base = run(today)
    if point is not None:
        out = run(tuple(point))
        return {"today": base, **out}
    seen = [run(p) for p in round12_grid()]
    best = round12_pick(base, seen)
    keys = ("recall", "recall_labelled", "precision_pairs", "news_articles", "disproofs_asserted",
            "gold_dev_negatives_asserted", "gold_dev_p_r", "point")
    frontier = sorted(({k: r[k] for k in keys} for r in seen
                       if r["recall"] > base["recall"] and int(r["news_articles"].split("/")[0]) <= 11),
                      key=lambda r: (-r["recall"], -r["precision_pairs"]))[:15]
    return {"today": base, "round12_best": best, "points": len(seen),
            "points_within_rule": sum(round12_ok(base, r) for r in seen), "frontier_news_le_11": frontier,
            "sentences_read": int((~np.isnan(ft)).sum()), "sentences": int(len(ft))}


# The thirteenth round's candidates (pre-registered in docs/narratives.md): the pair path and the logistic head's
# voice path held as packaged (0.8; 6.25; 0.2), the classifier's pair and reading floor held at 0.3. (A) the
# classifier's claim log-odds lowered from 5.5; (B) 5.5 kept and a second bar beside it, pair probability x claim
# log-odds >= K (`voice_ft` "product"). Both only add pairs to today's.
R13_FT_CLAIMS = (2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
R13_PRODUCTS = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6)
R13_ADDED_PRECISION = 0.8  # the added keyword-labelled pairs must be right at least this often


def round13_grid() -> list[tuple[str, float]]:
    return [("A", c) for c in R13_FT_CLAIMS] + [("B", k) for k in R13_PRODUCTS]


def round13_ok(base: dict, r: dict) -> bool:
    """The thirteenth round's calibration rule: the tenth round's `better` (recall higher, no printed figure worse
    than the packaged point's in the same run; pair precision no lower), and the keyword-labelled pairs it adds to
    today's — at least one — right at least R13_ADDED_PRECISION of the time."""
    added = r["pairs_labelled"] - base["pairs_labelled"]
    right = r["pairs_right"] - base["pairs_right"]
    return better(base, r) and added >= 1 and right >= R13_ADDED_PRECISION * added - 1e-9


def round13_pick(base: dict, results: list[dict]) -> dict | None:
    """At most one point of `results` (each with "point": (kind, value)) within `round13_ok`: the highest recall,
    then the higher pair precision, then A before B, then the higher bar (the point nearest today's)."""
    ok = [r for r in results if round13_ok(base, r)]
    if not ok:
        return None
    return min(ok, key=lambda r: (-r["recall"], -r["precision_pairs"], r["point"][0], -r["point"][1]))


def round13_apply(model, ft0: dict, point) -> None:
    """Set `model`'s classifier path to a thirteenth-round point (`ft0`: the packaged `voice_ft`), or today's when
    `point` is None."""
    ft = {k: v for k, v in ft0.items() if k != "product"}
    if point is not None:
        kind, value = point
        if kind == "A":
            ft["claim_threshold"] = float(value)
        elif kind == "B":
            ft["product"] = float(value)
        else:
            raise ValueError(f"round 13: no candidate {kind!r}")
    model.voice_ft = ft


def round13(ctx, probs, voice, ft, point=None) -> dict:
    """The thirteenth round's search (or, with `point`, one point's figures) on this split."""
    model, rows, cols, ids = ctx.model, ctx.rows, ctx.cols, ctx.phr.ids
    ft0 = dict(model.voice_ft)
    def run(p):
        round13_apply(model, ft0, p)
        r = summarize(model.evidence(rows, cols, probs, voice, None, ids, None, ft), ctx)
        r.pop("narrative_thresholds", None)
        r["point"] = None if p is None else list(p)
        return r
    base = run(None)
    if point is not None:
        return {"today": base, **run(point)}
    seen = [run(p) for p in round13_grid()]
    model.voice_ft = ft0
    return {"today": base, "round13_best": round13_pick(base, seen), "points": seen,
            "points_within_rule": sum(round13_ok(base, r) for r in seen),
            "sentences_read": int((~np.isnan(ft)).sum()), "sentences": int(len(ft))}


def write_round13(point, calibration: dict, path: Path | None = None) -> None:
    """Store a thirteenth-round point in model.json's `voice_ft`: (A) its claim log-odds, or (B) its "product" bar;
    the rest of the section (floors, pair threshold, combine) and the logistic head's point unchanged."""
    path = path or ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    kind, value = point
    if kind == "A":
        meta["voice_ft"]["claim_threshold"] = float(value)
    elif kind == "B":
        meta["voice_ft"]["product"] = float(value)
    else:
        raise ValueError(f"round 13: no candidate {kind!r}")
    meta["voice_ft"]["round13_calibration"] = calibration
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the thirteenth round's point {point} to {path}", file=sys.stderr)


# The fourteenth round's calibration rule (pre-registered in docs/narratives.md): round 12's news budget, round 13's
# precision bar (no drop from today's), recall higher.
R14_NEWS_MAX = 6  # calibration news articles with a narrative in any stance (of 340), at most (round 12)


def round14_ok(base: dict, r: dict) -> bool:
    """A refit within the fourteenth round's rule against the packaged model (`base`, same run): recall higher; news
    articles with a narrative at most R14_NEWS_MAX; pair precision no lower than base's; disproofs asserted and
    own-gold dev negatives asserted no higher; own-gold dev precision no lower."""
    return (r["recall"] > base["recall"] and int(r["news_articles"].split("/")[0]) <= R14_NEWS_MAX
            and r["precision_pairs"] >= base["precision_pairs"]
            and r["disproofs_asserted"] <= base["disproofs_asserted"]
            and r["gold_dev_negatives_asserted"] <= base["gold_dev_negatives_asserted"]
            and r["gold_dev_p_r"][0] >= base["gold_dev_p_r"][0])


def round14_pick(base: dict, results: list[dict]) -> dict | None:
    """At most one candidate of `results` (each with "candidate": its name) within `round14_ok`: the highest recall,
    then the higher pair precision, then fewer news articles, then the name (A before B: the strict time split)."""
    ok = [r for r in results if round14_ok(base, r)]
    if not ok:
        return None
    return min(ok, key=lambda r: (-r["recall"], -r["precision_pairs"], int(r["news_articles"].split("/")[0]),
                                  r["candidate"]))


def split_texts(shared: Path, part: str):
    """The split's sentences and their owners: each case's claims and disproof, the 340 news articles, own-gold dev."""
    cases = [r for r in tr.read_cases(shared) if tr.case_part(r) == part]
    news = calibration_news(shared)
    gold = yaml.safe_load((ROOT / "bench" / "gold" / "narratives" / "dev.yaml").read_text(encoding="utf-8"))["sentences"]
    texts, owner = [], []
    for k, r in enumerate(cases):
        texts += tr.case_claims(r)
        owner += [("case", k)] * (len(texts) - len(owner))
        texts += tr.split_sentences(r["disproof"])
        owner += [("disproof", k)] * (len(texts) - len(owner))
    for k, name in enumerate(news):
        texts += tr.split_sentences(tr.polnear_text(shared, "train", name))
        owner += [("news", k)] * (len(texts) - len(owner))
    texts += [g["text"] for g in gold]
    owner += [("gold", k) for k in range(len(gold))]
    return cases, news, gold, texts, owner


def model_figures(model, phr, texts, emb, ctx_base) -> dict:
    """One model's figures on the split at its own operating point, its classifier path as its model.json says."""
    from spinscope.spin.narratives.stage import naming_scores, voice_ft_scores
    nm = naming_scores(emb, model, phr)  # None unless the model has the naming head on (seventeenth round)
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb, nm)
    ft = voice_ft_scores(texts, rows, probs, model)
    asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
    ctx = SimpleNamespace(**{**vars(ctx_base), "rows": rows, "cols": cols, "asserts": asserts, "model": model})
    r = summarize(model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft, naming=nm), ctx)
    r.pop("narrative_thresholds", None)
    r["sentences_read"] = None if ft is None else int((~np.isnan(ft)).sum())
    r["operating_point"] = [model.threshold, model.claim_threshold, model.pair_floor,
                            (model.voice_ft or {}).get("claim_threshold")]
    return r


def _round_split(shared: Path, part: str):
    """(phrasings, texts, embeddings, context, the packaged model's figures) of a split, for rounds 14 and 15."""
    phr = phrasings()
    cases, news, gold, texts, owner = split_texts(shared, part)
    emb = tr.EmbeddingCache(Path.home() / ".cache" / "spinscope" / "narratives-train.npz")(texts)
    base_ctx = SimpleNamespace(part=part, owner=owner, cases=cases, gold=gold, news=news, phr=phr)
    return phr, texts, emb, base_ctx, model_figures(load_model(), phr, texts, emb, base_ctx)


def round14(shared: Path, part: str, candidates: list[Path]) -> dict:
    """The fourteenth round: the packaged model and each refit folder of `candidates` on this split, and the pick."""
    from spinscope.spin.narratives.model import load_model_from
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    seen = []
    for folder in candidates:
        r = model_figures(load_model_from(folder), phr, texts, emb, base_ctx)
        r["candidate"] = folder.name
        r["within_rule"] = round14_ok(today, r)
        seen.append(r)
    best = round14_pick(today, seen)
    return {"today": today, "candidates": seen, "round14_best": None if best is None else best["candidate"]}


# The fifteenth round (pre-registered in docs/narratives.md): the refit classifier's claim log-odds, round 14's rule.
R15_C2 = (4.5, 5.0, 5.5, 6.0, 6.5)


def round15_pick(base: dict, results: list[dict], order: list[str]) -> dict | None:
    """At most one point of `results` (each with "candidate": its folder's name and "claim_threshold": the classifier's
    claim log-odds) within `round14_ok` against `base`: the highest recall, then the higher pair precision, then fewer
    news articles, then the candidate first in `order` (V before VP), then the higher claim bar (nearest today's
    caution)."""
    ok = [r for r in results if round14_ok(base, r)]
    if not ok:
        return None
    return min(ok, key=lambda r: (-r["recall"], -r["precision_pairs"], int(r["news_articles"].split("/")[0]),
                                  order.index(r["candidate"]), -r["claim_threshold"]))


def round15_points(model, phr, texts, emb, ctx_base, weights: str, c2s=R15_C2) -> list[dict]:
    """One model's figures on the split with the classifier `weights` at each claim log-odds of `c2s` (its floors and
    "either" as the model's `voice_ft`); the classifier reads each sentence once."""
    from spinscope.spin.narratives.stage import voice_ft_scores
    model = copy.copy(model)
    ft0 = {**model.voice_ft, "path": str(weights)}
    model.voice_ft = ft0
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb)
    ft = voice_ft_scores(texts, rows, probs, model)
    asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
    ctx = SimpleNamespace(**{**vars(ctx_base), "rows": rows, "cols": cols, "asserts": asserts, "model": model})
    out = []
    for c2 in c2s:
        model.voice_ft = {**ft0, "claim_threshold": float(c2)}
        r = summarize(model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft), ctx)
        r.pop("narrative_thresholds", None)
        r["claim_threshold"] = float(c2)
        r["sentences_read"] = int((~np.isnan(ft)).sum())
        r["operating_point"] = [model.threshold, model.claim_threshold, model.pair_floor, float(c2)]
        out.append(r)
    return out


def round15(shared: Path, part: str, candidates: list[Path], weights: Path) -> dict:
    """The fifteenth round: the packaged model and each folder of `candidates` with the classifier `weights` at the
    claim log-odds of R15_C2, on this split, and the pick."""
    from spinscope.spin.narratives.model import load_model_from
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    seen = []
    for folder in candidates:
        for r in round15_points(load_model_from(folder), phr, texts, emb, base_ctx, str(weights)):
            r["candidate"] = folder.name
            r["within_rule"] = round14_ok(today, r)
            seen.append(r)
    best = round15_pick(today, seen, [f.name for f in candidates])
    return {"today": today, "candidates": seen, "weights": str(weights),
            "round15_best": None if best is None else [best["candidate"], best["claim_threshold"]]}


def write_round15(folder: Path, weights: Path, c2: float, calibration: dict, out: Path | None = None) -> None:
    """Put a fifteenth-round pick into `out` (data/narratives/): the folder's model.npz, its model.json with the
    classifier's claim log-odds `c2` and the pick's calibration figures (no "path": the packaged weights are read),
    and the weights as voice.safetensors."""
    import shutil
    out = out or ROOT / "src" / "spinscope" / "data" / "narratives"
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["voice_ft"] = {k: v for k, v in meta["voice_ft"].items() if k != "path"}
    meta["voice_ft"]["claim_threshold"] = float(c2)
    meta["voice_ft"]["round15_calibration"] = calibration
    if (folder / "model.npz").resolve() != (out / "model.npz").resolve():
        shutil.copyfile(folder / "model.npz", out / "model.npz")
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    shutil.copyfile(weights, out / "voice.safetensors")


# The sixteenth round (pre-registered in docs/narratives.md): (a) VP — round 15's pair-head refit (its folder) behind
# its refit classifier V at claim log-odds 4.5 — with its pair threshold lowered step by step, or its logistic head's
# pair floor / claim bar lowered one step; (b) the classifier's pair floor and reading floor lowered under 0.3, for the
# packaged model and for VP. A point is (candidate, T, C1, P1, C2, F): the pair threshold (both paths), the logistic
# head's claim log-odds and pair floor, the classifier's claim log-odds, its pair floor and reading floor. 11 points.
R16_POINTS = (
    ("VP", 0.80, 4.5, 0.3, 4.5, 0.3),
    ("VP", 0.78, 4.5, 0.3, 4.5, 0.3),
    ("VP", 0.76, 4.5, 0.3, 4.5, 0.3),
    ("VP", 0.74, 4.5, 0.3, 4.5, 0.3),
    ("VP", 0.72, 4.5, 0.3, 4.5, 0.3),
    ("VP", 0.82, 4.5, 0.2, 4.5, 0.3),
    ("VP", 0.82, 4.0, 0.3, 4.5, 0.3),
    ("packaged", 0.8, 6.25, 0.2, 5.5, 0.25),
    ("packaged", 0.8, 6.25, 0.2, 5.5, 0.2),
    ("VP", 0.82, 4.5, 0.3, 4.5, 0.25),
    ("VP", 0.82, 4.5, 0.3, 4.5, 0.2),
)
# Reference rows, not candidates: the packaged point (must give `today`'s figures) and round 15's VP row.
R16_REFERENCES = (("packaged", 0.8, 6.25, 0.2, 5.5, 0.3), ("VP", 0.82, 4.5, 0.3, 4.5, 0.3))
R16_READS_MAX = 1.3  # the classifier's reads on the split at most this many times today's (the cost bar's proxy)


def _news(r: dict) -> int:
    return int(r["news_articles"].split("/")[0])


def round16_ok(base: dict, r: dict) -> bool:
    """The sixteenth round's calibration rule against the packaged model (`base`, same run): round 14's (`round14_ok`),
    and no more news articles with a narrative than base's (round 15's "next try": until the news count is today's),
    and the classifier's reads at most R16_READS_MAX times base's."""
    return (round14_ok(base, r) and _news(r) <= _news(base)
            and r["sentences_read"] <= R16_READS_MAX * base["sentences_read"] + 1e-9)


def round16_pick(base: dict, results: list[dict]) -> dict | None:
    """At most one point of `results` (each with "point": a R16_POINTS entry) within `round16_ok`: the highest recall,
    then the higher pair precision, then fewer news articles, then fewer classifier reads, then the earlier point of
    R16_POINTS (the nearest its start)."""
    ok = [r for r in results if round16_ok(base, r)]
    if not ok:
        return None
    order = [list(p) for p in R16_POINTS]
    return min(ok, key=lambda r: (-r["recall"], -r["precision_pairs"], _news(r), r["sentences_read"],
                                  order.index(list(r["point"])) if list(r["point"]) in order else len(order)))


def round16_apply(model, ft0: dict, point) -> None:
    """Set `model` (a copy) to a sixteenth-round point; `ft0`: its `voice_ft` section as loaded (combine, path)."""
    _, t, c1, p1, c2, f = point
    model.threshold, model.claim_threshold, model.pair_floor = float(t), float(c1), float(p1)
    model.voice_ft = {**ft0, "threshold": float(t), "claim_threshold": float(c2), "pair_floor": float(f),
                      "floor": float(f)}


def round16_rows(name: str, model, weights: str | None, points, phr, texts, emb, ctx_base) -> list[dict]:
    """The figures of `points` (all of candidate `name`) on the split: the classifier reads once, at the lowest
    reading floor of the points; a point with a higher floor sees only the sentences whose best candidate reaches it."""
    from spinscope.spin.narratives.stage import voice_ft_scores
    model = copy.copy(model)
    ft0 = {**model.voice_ft, **({"path": weights} if weights else {})}
    model.voice_ft = ft0
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb)
    ft_all = voice_ft_scores(texts, rows, probs, model, floor=min(p[5] for p in points), path=weights)
    best = np.full(len(texts), -1.0)
    np.maximum.at(best, rows, probs)
    asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
    ctx = SimpleNamespace(**{**vars(ctx_base), "rows": rows, "cols": cols, "asserts": asserts, "model": model})
    out = []
    for p in points:
        round16_apply(model, ft0, p)
        ft = np.where(best >= p[5], ft_all, np.nan)
        r = summarize(model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft), ctx)
        r.pop("narrative_thresholds", None)
        r["point"], r["candidate"], r["sentences_read"] = list(p), name, int((~np.isnan(ft)).sum())
        out.append(r)
    return out


def round16(shared: Path, part: str, vp_folder: Path, vp_weights: Path) -> dict:
    """The sixteenth round on this split: the packaged model (`today`), the reference rows, the R16_POINTS and the
    pick."""
    from spinscope.spin.narratives.model import load_model_from
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    models = {"packaged": (load_model(), None), "VP": (load_model_from(vp_folder), str(vp_weights))}
    seen, refs = [], []
    for name, (model, weights) in models.items():
        mine = [p for p in R16_REFERENCES + R16_POINTS if p[0] == name]
        for p, r in zip(mine, round16_rows(name, model, weights, mine, phr, texts, emb, base_ctx)):
            if p in R16_REFERENCES:
                refs.append(r)
            else:
                r["within_rule"] = round16_ok(today, r)
                seen.append(r)
    seen.sort(key=lambda r: R16_POINTS.index(tuple(r["point"])))
    best = round16_pick(today, seen)
    keys = [k for k in today if k not in ("operating_point", "sentences_read")]
    same = all(refs[0][k] == today[k] for k in keys) and refs[0]["sentences_read"] == today["sentences_read"]
    return {"today": today, "references": refs, "reference_is_today": same, "points": seen, "weights": str(vp_weights),
            "points_within_rule": sum(r["within_rule"] for r in seen),
            "round16_best": None if best is None else best["point"]}


def write_round16(point, vp_folder: Path, vp_weights: Path, calibration: dict, out: Path | None = None) -> None:
    """Put a sixteenth-round point into `out` (data/narratives/): for VP its folder's model.npz and the weights as
    voice.safetensors; model.json (VP's or the packaged one) with the point and its calibration figures (no weights
    "path": the packaged weights are read)."""
    import shutil
    out = out or ROOT / "src" / "spinscope" / "data" / "narratives"
    src = vp_folder if point[0] == "VP" else out
    meta = json.loads((src / "model.json").read_text(encoding="utf-8"))
    _, t, c1, p1, c2, f = point
    meta["threshold"], meta["claim_threshold"], meta["pair_floor"] = float(t), float(c1), float(p1)
    meta["voice_ft"] = {**{k: v for k, v in meta["voice_ft"].items() if k != "path"}, "threshold": float(t),
                        "claim_threshold": float(c2), "pair_floor": float(f), "floor": float(f),
                        "round16_calibration": calibration}
    if point[0] == "VP":
        shutil.copyfile(vp_folder / "model.npz", out / "model.npz")
        shutil.copyfile(vp_weights, out / "voice.safetensors")
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


# The seventeenth round (pre-registered in docs/narratives.md): the naming head (`python -m spinscope.training.narratives
# --naming`: one-vs-rest logistic regressions per narrative over the sentence embedding) behind the packaged model,
# as (i) a candidate source — its most probable narrative joins the sentence's three candidates — and/or (ii) an
# evidence path — the sentence's most probable candidate is evidence when the head gives its narrative T_N or more and
# the claim log-odds (the logistic head's, or the classifier's where it read the sentence) reach C_N. A point is
# (mode, T_N, C_N); mode "i", "ii" or "i+ii". 11 points, fixed before any calibration figure of the head.
R17_POINTS = (
    ("i", None, None),
    ("ii", 0.5, 4.0), ("ii", 0.5, 5.0), ("ii", 0.5, 6.0),
    ("ii", 0.7, 4.0), ("ii", 0.7, 5.0), ("ii", 0.7, 6.0),
    ("i+ii", 0.5, 4.0), ("i+ii", 0.5, 5.0),
    ("i+ii", 0.7, 4.0), ("i+ii", 0.7, 5.0),
)


def round17_ok(base: dict, r: dict) -> bool:
    """The seventeenth round's calibration rule against the packaged model (`base`, same run): round 14's
    (`round14_ok`) and the classifier's reads at most R16_READS_MAX times base's (round 16's cap)."""
    return round14_ok(base, r) and r["sentences_read"] <= R16_READS_MAX * base["sentences_read"] + 1e-9


# Round 17b (pre-registered in docs/narratives.md "Round 17b (stop 50)", after round 17's figures and seeds): path (ii)
# with a pair-probability floor, a point being (mode, T_N, C_N, pair floor); three points in this order of preference.
R17B_POINTS = (
    ("i+ii", 0.8, 5.0, 0.2),
    ("i+ii", 0.7, 5.0, 0.2),
    ("i", None, None, None),
)


def round17_pick(base: dict, results: list[dict], points=R17_POINTS) -> dict | None:
    """At most one point of `results` (each with "point": an entry of `points`) within `round17_ok`: the highest
    recall, then the higher pair precision, then fewer news articles, then the earlier point of `points`."""
    ok = [r for r in results if round17_ok(base, r)]
    if not ok:
        return None
    order = [list(p) for p in points]
    return min(ok, key=lambda r: (-r["recall"], -r["precision_pairs"], _news(r),
                                  order.index(list(r["point"])) if list(r["point"]) in order else len(order)))


def naming_section(point) -> dict:
    """model.json's `naming` section for a seventeenth-round point (mode, T_N, C_N) or a round-17b point (mode, T_N,
    C_N, pair floor): the floor is written only when the point has one."""
    mode, t, c = point[:3]
    floor = point[3] if len(point) > 3 else None
    cfg = {"enabled": True, "candidate": mode in ("i", "i+ii"), "evidence": mode in ("ii", "i+ii")}
    if cfg["evidence"]:
        cfg["threshold"], cfg["claim_threshold"] = float(t), float(c)
        if floor is not None:
            cfg["pair_floor"] = float(floor)
    return cfg


def round17_rows(model, naming, points, phr, texts, emb, ctx_base) -> list[dict]:
    """The figures of `points` for `model` (a copy is changed) with the naming head `naming` (model.Naming, or None:
    the head off, the reference row) on the split; candidates, pair probabilities and the classifier's reads are
    computed once per candidate mode."""
    from spinscope.spin.narratives.stage import naming_scores, voice_ft_scores
    model = copy.copy(model)
    model.naming = naming
    out = []
    for candidate in (False, True):
        mine = [p for p in points if naming_section(p)["candidate"] == candidate] if naming is not None else \
            ([None] if not candidate else [])
        if not mine:
            continue
        model.meta = {**model.meta, "naming": {"enabled": naming is not None, "candidate": candidate, "evidence": False}}
        nm = naming_scores(emb, model, phr)
        rows, cols, probs, voice = score_sentences(texts, model, phr, emb, nm)
        ft = voice_ft_scores(texts, rows, probs, model)
        asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
        ctx = SimpleNamespace(**{**vars(ctx_base), "rows": rows, "cols": cols, "asserts": asserts, "model": model})
        for p in mine:
            if p is not None:
                model.meta = {**model.meta, "naming": naming_section(p)}
            r = summarize(model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft, naming=nm), ctx)
            r.pop("narrative_thresholds", None)
            r["point"] = None if p is None else list(p)
            r["sentences_read"] = None if ft is None else int((~np.isnan(ft)).sum())
            r["pairs_scored"] = int(len(rows))
            out.append(r)
    return out


def round17(shared: Path, part: str, naming_file: Path, points=R17_POINTS) -> dict:
    """The seventeenth round on this split: the packaged model (`today`), its reference row through this round's code
    with the head off (it must equal `today`), `points` (R17_POINTS, or round 17b's R17B_POINTS) with the naming head
    of `naming_file`, and the pick."""
    from spinscope.spin.narratives.model import load_naming
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    ref = round17_rows(load_model(), None, [], phr, texts, emb, base_ctx)[0]
    seen = round17_rows(load_model(), load_naming(naming_file), points, phr, texts, emb, base_ctx)
    for r in seen:
        r["within_rule"] = round17_ok(today, r)
    seen.sort(key=lambda r: points.index(tuple(r["point"])))
    best = round17_pick(today, seen, points)
    keys = [k for k in today if k not in ("operating_point",)]
    same = all(ref[k] == today[k] for k in keys)
    return {"today": today, "reference": ref, "reference_is_today": same, "points": seen, "naming": str(naming_file),
            "points_within_rule": sum(r["within_rule"] for r in seen),
            "round17_best": None if best is None else best["point"]}


def write_round17(point, naming_file: Path, calibration: dict, out: Path | None = None,
                  key: str = "round17_calibration") -> None:
    """Put a seventeenth-round (or round-17b) point into `out` (data/narratives/): the head's weights as naming.npz and
    model.json's `naming` section with the point and its calibration figures (under `key`)."""
    import shutil
    from spinscope.spin.narratives.model import NAMING_FILE
    out = out or ROOT / "src" / "spinscope" / "data" / "narratives"
    meta = json.loads((out / "model.json").read_text(encoding="utf-8"))
    meta["naming"] = {**naming_section(point), key: calibration}
    if Path(naming_file).resolve() != (out / NAMING_FILE).resolve():
        shutil.copyfile(naming_file, out / NAMING_FILE)
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


# The eighteenth round (pre-registered in docs/narratives.md "Eighteenth round (stop 51)"): a naming head trained with
# topical hard negatives (training's `--naming --naming-hard`: HARD_K per narrative at HARD_WEIGHT) at the 11 points of
# R18_POINTS (mode, T_N, C_N, pair floor), and round 17b's B1 point with round 17's head as a reference row (not a
# candidate). Round 17's rule (`round17_ok`); `round17_pick(points=R18_POINTS)` chooses at most one.
R18_POINTS = (
    ("i+ii", 0.6, 5.0, 0.2), ("i+ii", 0.7, 5.0, 0.2), ("i+ii", 0.8, 5.0, 0.2), ("i+ii", 0.5, 5.0, 0.2),
    ("i+ii", 0.6, 4.5, 0.2), ("i+ii", 0.7, 4.5, 0.2), ("i+ii", 0.6, 5.5, 0.2), ("i+ii", 0.6, 5.0, 0.3),
    ("ii", 0.6, 5.0, 0.2), ("ii", 0.7, 5.0, 0.2), ("i", None, None, None),
)
R18_REFERENCE = ("i+ii", 0.8, 5.0, 0.2)  # round 17b's B1, with round 17's head


def round18(shared: Path, part: str, naming_file: Path, reference_file: Path) -> dict:
    """The eighteenth round on this split: the packaged model (`today`), its row through round 17's code with the head
    off (must equal `today`), round 17b's B1 with round 17's head (`reference_file`, a reference row), R18_POINTS
    with the hard-negative head of `naming_file`, and the pick (R18_POINTS only)."""
    from spinscope.spin.narratives.model import load_naming
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    ref = round17_rows(load_model(), None, [], phr, texts, emb, base_ctx)[0]
    b1 = round17_rows(load_model(), load_naming(reference_file), [R18_REFERENCE], phr, texts, emb, base_ctx)[0]
    b1["within_rule"] = round17_ok(today, b1)
    seen = round17_rows(load_model(), load_naming(naming_file), R18_POINTS, phr, texts, emb, base_ctx)
    for r in seen:
        r["within_rule"] = round17_ok(today, r)
    seen.sort(key=lambda r: R18_POINTS.index(tuple(r["point"])))
    best = round17_pick(today, seen, R18_POINTS)
    keys = [k for k in today if k not in ("operating_point",)]
    return {"today": today, "reference": ref, "reference_is_today": all(ref[k] == today[k] for k in keys),
            "b1_round17_head": b1, "points": seen, "naming": str(naming_file), "reference_naming": str(reference_file),
            "points_within_rule": sum(r["within_rule"] for r in seen),
            "round18_best": None if best is None else best["point"]}


# The nineteenth round (pre-registered in docs/narratives.md "Nineteenth round (stop 52)"): a cross-encoder fine-tuned
# with recipe 7 (training/narratives_cross.py: recipe 6 plus the eighteenth round's topical hard negatives per
# narrative) as the cascade's second vote over the pair head's candidates (model.json `cross`): a candidate pair at
# pair probability `floor` or more is re-scored; it is evidence when the cross probability reaches `threshold`, or
# when it was evidence before and the cross probability reaches `keep` (keep 0: the cascade only adds). A point is
# (floor, threshold, keep): 8 points, fixed before any calibration figure of the model. Round 17's rule
# (`round17_ok`); `round17_pick(points=R19_POINTS)` chooses at most one.
R19_POINTS = (
    (0.3, 0.9, 0.0), (0.3, 0.8, 0.0), (0.2, 0.9, 0.0), (0.2, 0.8, 0.0),
    (0.3, 0.9, 0.1), (0.3, 0.8, 0.1), (0.2, 0.9, 0.1), (0.2, 0.8, 0.1),
)


def cross_section(point) -> dict:
    """model.json's `cross` section for a nineteenth-round point (floor, threshold, keep)."""
    floor, t, keep = point
    return {"enabled": True, "floor": float(floor), "threshold": float(t), "keep": float(keep)}


def round19_rows(model, cross_file: Path | None, points, phr, texts, emb, ctx_base) -> list[dict]:
    """The figures of `points` for `model` (a copy is changed) with the cross-encoder of `cross_file` (None: the
    cascade off, one reference row) on the split; the cross probabilities are computed once, at the lowest floor."""
    from spinscope.spin.narratives.stage import voice_ft_scores
    model = copy.copy(model)
    rows, cols, probs, voice = score_sentences(texts, model, phr, emb)
    ft = voice_ft_scores(texts, rows, probs, model)
    asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
    ctx = SimpleNamespace(**{**vars(ctx_base), "rows": rows, "cols": cols, "asserts": asserts, "model": model})

    def row(hit, p, scored):
        r = summarize(hit, ctx)
        r.pop("narrative_thresholds", None)
        r["point"] = None if p is None else list(p)
        r["sentences_read"] = None if ft is None else int((~np.isnan(ft)).sum())
        r["pairs_scored"] = int(len(rows))
        r["cross_pairs"] = scored
        return r

    if cross_file is None:
        model.cross = None
        return [row(model.evidence(rows, cols, probs, voice, None, phr.ids, None, ft), None, 0)]
    low = min(p[0] for p in points)
    model.cross = {**cross_section(points[0]), "path": str(cross_file)}
    cross = cross_scores(texts, emb, rows, cols, probs, model, phr, low)
    out = []
    for p in points:
        model.cross = {**cross_section(p), "path": str(cross_file)}
        c = np.where(probs >= p[0], cross, np.nan)
        out.append(row(model.evidence(rows, cols, probs, voice, None, phr.ids, c, ft), p,
                       int((~np.isnan(c)).sum())))
    return out


def round19(shared: Path, part: str, cross_file: Path) -> dict:
    """The nineteenth round on this split: the packaged model (`today`), its row through this round's code with the
    cascade off (must equal `today`), R19_POINTS with the cross-encoder of `cross_file`, and the pick."""
    phr, texts, emb, base_ctx, today = _round_split(shared, part)
    ref = round19_rows(load_model(), None, R19_POINTS, phr, texts, emb, base_ctx)[0]
    seen = round19_rows(load_model(), cross_file, R19_POINTS, phr, texts, emb, base_ctx)
    for r in seen:
        r["within_rule"] = round17_ok(today, r)
    best = round17_pick(today, seen, R19_POINTS)
    keys = [k for k in today if k not in ("operating_point",)]
    return {"today": today, "reference": ref, "reference_is_today": all(ref[k] == today[k] for k in keys),
            "points": seen, "cross": str(cross_file), "points_within_rule": sum(r["within_rule"] for r in seen),
            "round19_best": None if best is None else best["point"]}


def write_round19(point, calibration: dict, out: Path | None = None) -> None:
    """Put a nineteenth-round point into `out` (data/narratives/)'s model.json `cross` section with its calibration
    figures; the weights go to data/narratives/cross.safetensors (copied by hand: 21.7 MB)."""
    out = out or ROOT / "src" / "spinscope" / "data" / "narratives"
    meta = json.loads((out / "model.json").read_text(encoding="utf-8"))
    meta["cross"] = {**cross_section(point), "round19_calibration": calibration}
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


# The eighteenth round's independent false-flag pages (pre-registered before any calibration or held-out figure of
# the round): pages no narratives step has read. PTC training articles (not the techniques' held-out split) none of
# whose sentences is a training sentence of the naming/pair/voice heads (`gather`'s news) or of the fine-tuned voice
# classifier (`narratives_voice.training_sentences`), and Dragnet `dev` pages (`splits.dragnet_part`) whose gold
# content has at least INDEP_TOPICAL matches of the classifier's TOPICAL pattern; each list in the order of
# sha1("narratives51:" + id), at most INDEP_PAGES in all, the PTC ones first.
INDEP_PAGES, INDEP_TOPICAL = 20, 3


def indep_order(ids) -> list[str]:
    """`ids` in the order of sha1("narratives51:" + id) (a fixed hash: the pick never depends on the listing)."""
    import hashlib
    return sorted(ids, key=lambda i: hashlib.sha1(f"narratives51:{i}".encode()).hexdigest())


def indep_ptc(articles: dict[str, str], used: set[str], heldout: set[str]) -> list[str]:
    """The PTC article ids of `articles` (id -> text) outside `heldout` none of whose sentences (per line,
    `split_sentences`) is in `used`, in `indep_order`."""
    free = []
    for aid, text in articles.items():
        sents = {s for line in text.split("\n") if line.strip() for s in tr.split_sentences(line)}
        if aid not in heldout and not (sents & used):
            free.append(aid)
    return indep_order(free)


def indep_dragnet(pages: dict[str, str], topical, minimum: int = INDEP_TOPICAL) -> list[str]:
    """The Dragnet page ids of `pages` (id -> gold content, dev part only) with at least `minimum` matches of
    `topical` (a compiled pattern), in `indep_order`."""
    return indep_order([i for i, t in pages.items() if len(topical.findall(t)) >= minimum])


def indep_pages(shared: Path) -> dict:
    """The round's independent pages: {"ptc": ids, "dragnet": ids} (INDEP_PAGES in all, the PTC ones first)."""
    import gzip
    from spinscope.spin.narratives.catalogue import load_catalogue
    from spinscope.training import narratives_voice as nv
    from spinscope.training.splits import dragnet_part
    data = tr.gather(shared, load_catalogue(), lambda m: None)
    voice_texts, _, _ = nv.training_sentences(shared, log=lambda m: None)
    used = set(data["news"]) | set(voice_texts)
    heldout = {str(i) for i in yaml.safe_load((ROOT / "src" / "spinscope" / "data" / "techniques" / "split.yaml")
                                              .read_text(encoding="utf-8"))["heldout"]}
    folder = shared / "corpus" / "ptc" / "articles"
    ptc = indep_ptc({p.stem.replace("article", ""): p.read_text(encoding="utf-8")
                     for p in sorted(folder.glob("article*.txt"))}, used, heldout)[:INDEP_PAGES]
    pages = {}
    with gzip.open(shared / "corpus" / "dragnet" / "gold.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if dragnet_part(r["id"]) == "dev":
                pages[r["id"]] = r["content"]
    return {"ptc": ptc, "dragnet": indep_dragnet(pages, nv.TOPICAL)[:INDEP_PAGES - len(ptc)]}


def with_examples(cat, path: Path):
    """A copy of the catalogue `cat` with the examples of `path` (`examples: {id: [sentences]}`, eleventh round:
    tools/narratives_concrete.yaml) appended to its entries'; an id it does not have is an error."""
    extra = yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]
    cat = copy.deepcopy(cat)  # the loaded catalogue is the process's cached one
    for nid, sents in extra.items():
        if nid not in cat.narratives:
            raise SystemExit(f"{path}: no narrative {nid!r} in the catalogue")
        if not all(isinstance(t, str) for t in sents):  # e.g. an unquoted "a: b" read as a mapping
            raise SystemExit(f"{path}: {nid}: every example must be a string")
        cat.narratives[nid].examples = [*cat.narratives[nid].examples, *sents]
    return cat


def figures(shared: Path, part: str, threshold: float | None, claim_threshold: float | None,
            pair_floor: float | None, top_k: int | None, per_narrative: float | None,
            cross_file: Path | None = None, cross_grid: bool = False, cross_point: dict | None = None,
            cross_rule: str = "shipped", voice_ft_file: Path | None = None, voice_grid: bool = False,
            voice_point: dict | None = None, voice_rule: str = "project",
            voice_hold_threshold: float | None = None, voice_combine: str = "replace",
            voice_min_floor: float | None = None, extra_examples: Path | None = None,
            rank: str | None = None, round12_mode: bool = False, round12_point: tuple | None = None,
            round13_mode: bool = False, round13_point: tuple | None = None) -> dict:
    model, phr = load_model(), phrasings()
    if extra_examples is not None:  # candidate examples appended to the built-in catalogue (eleventh round)
        phr = Phrasings(with_examples(load_catalogue(()), extra_examples), cached_encode)
    if rank is not None:  # the candidates' ranking (model.json `candidate_rank`; eleventh round)
        model.meta["candidate_rank"] = rank
    cases, news, gold, texts, owner = split_texts(shared, part)
    enc = tr.EmbeddingCache(Path.home() / ".cache" / "spinscope" / "narratives-train.npz")
    if top_k is not None:  # the pair head's features do not depend on how many candidates are scored
        phr.candidates = functools.partial(phr.candidates, top_k=top_k)
    rows, cols, probs, voice = score_sentences(texts, model, phr, enc(texts))
    if claim_threshold is not None:
        model.claim_threshold = claim_threshold
    if pair_floor is not None:
        model.pair_floor = pair_floor
    if per_narrative is not None:
        model.narrative_thresholds = news_ceilings(phr.ids, rows, cols, probs, owner, per_narrative)
    cross = None
    if cross_file is not None:  # the cross-encoder cascade (docs/narratives.md, fourth round)
        model.cross = {"enabled": True, "path": str(cross_file), **(model.cross or {}), **(cross_point or {})}
        model.cross["path"] = str(cross_file)
        if not cross_grid and "floor" not in model.cross:
            raise SystemExit("--cross needs --cross-grid or --cross-point FLOOR THRESHOLD KEEP")
        floor = min(CROSS_FLOORS) if cross_grid else model.cross["floor"]
        cross = cross_scores(texts, enc(texts), rows, cols, probs, model, phr, floor)
    ft = None
    if voice_ft_file is not None:  # the fine-tuned voice classifier's cascade (seventh round)
        from spinscope.spin.narratives.stage import voice_ft_scores
        model.voice_ft = {"enabled": True, "floor": VOICE_FT_FLOOR, "combine": voice_combine, **(voice_point or {})}
        if not voice_grid and voice_point is None:
            raise SystemExit("--voice-ft needs --voice-grid or --voice-point THRESHOLD CLAIM PAIR_FLOOR")
        ft = voice_ft_scores(texts, rows, probs, model, path=str(voice_ft_file))
    asserts = np.array([text_stance(t, v, phr.rebuttal) == "asserts" for t, v in zip(texts, voice)])
    ctx = SimpleNamespace(part=part, owner=owner, cases=cases, gold=gold, news=news, phr=phr, rows=rows, cols=cols,
                          asserts=asserts, model=model)
    if round13_mode or round13_point is not None:  # thirteenth round: the packaged classifier, its floors 0.3
        from spinscope.spin.narratives.stage import voice_ft_scores
        return round13(ctx, probs, voice, voice_ft_scores(texts, rows, probs, model), round13_point)
    if round12_mode or round12_point is not None:  # twelfth round: the packaged classifier at its reading floor 0.3
        from spinscope.spin.narratives.stage import voice_ft_scores
        ft12 = voice_ft_scores(texts, rows, probs, model, floor=R12_FT_PAIR_FLOOR)
        index: dict = {}
        groups = np.array([index.setdefault(o, len(index)) for o in owner])  # a case's claims, its disproof, ...
        return round12(ctx, probs, voice, ft12, groups, round12_point)
    if cross_grid:
        return cross_search(ctx, probs, voice, cross, threshold, cross_rule)
    if voice_grid:
        return voice_ft_search(ctx, probs, voice, ft, voice_rule, voice_hold_threshold, voice_min_floor)
    hit = model.evidence(rows, cols, probs, voice, threshold, phr.ids, cross, ft)
    res = summarize(hit, ctx)
    if cross is not None:
        res["cross_point"] = {k: model.cross[k] for k in ("floor", "threshold", "keep")}
        res["pairs_scored"] = f"{int((~np.isnan(cross)).sum())}/{len(rows)}"
    if ft is not None:
        res["voice_ft_point"] = voice_point
        res["sentences_read"] = f"{int((~np.isnan(ft)).sum())}/{len(ft)}"
    return res


def summarize(hit, ctx) -> dict:
    """The printed figures for the evidence pairs `hit`."""
    owner, cases, gold, news, phr, rows, cols = ctx.owner, ctx.cases, ctx.gold, ctx.news, ctx.phr, ctx.rows, ctx.cols
    ids = set(phr.ids)
    found: dict[str, dict[int, set]] = {"case": {}, "disproof": {}, "news": {}, "gold": {}}
    for r in np.flatnonzero(hit):
        kind, k = owner[rows[r]]
        if kind == "news" or ctx.asserts[rows[r]]:
            found[kind].setdefault(k, set()).add(phr.ids[cols[r]])
    labels = [tr.case_narratives(r, ids) for r in cases]
    lab = [k for k in range(len(cases)) if labels[k]]
    pairs = [(k, n) for k in lab for n in found["case"].get(k, ())]
    want = [set(g["narratives"]) for g in gold]
    got = [found["gold"].get(k, set()) for k in range(len(gold))]
    tp = sum(len(w & g) for w, g in zip(want, got))
    fp, fn = sum(len(g - w) for w, g in zip(want, got)), sum(len(w - g) for w, g in zip(want, got))
    neg = [k for k, w in enumerate(want) if not w]
    r3 = lambda x: round(x, 3)  # noqa: E731
    return {"part": ctx.part, "cases": len(cases), "labelled": len(lab),
            "pairs_labelled": len(pairs), "pairs_right": sum(n in labels[k] for k, n in pairs),
            "recall": r3(len(found["case"]) / len(cases)),
            "recall_labelled": r3(sum(k in found["case"] for k in lab) / max(1, len(lab))),
            "precision_pairs": r3(sum(n in labels[k] for k, n in pairs) / max(1, len(pairs))),
            "news_articles": f"{len(found['news'])}/{len(news)}",
            "disproofs_asserted": r3(len(found["disproof"]) / len(cases)),
            "gold_dev_negatives_asserted": r3(sum(k in found["gold"] for k in neg) / max(1, len(neg))),
            "gold_dev_p_r": [r3(tp / max(1, tp + fp)), r3(tp / max(1, tp + fn))],
            "narrative_thresholds": ctx.model.narrative_thresholds}


def write_round12(point: tuple, calibration: dict, path: Path | None = None) -> None:
    """Store a twelfth-round point in model.json: the pair threshold, the logistic head's claim log-odds and pair
    floor, the classifier's claim log-odds (its floors 0.3), and the document rule (removed when D is 0)."""
    path = path or ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    t, c1, p1, c2, d = point
    meta["threshold"], meta["claim_threshold"], meta["pair_floor"] = t, c1, p1
    meta["voice_ft"] = {**meta["voice_ft"], "threshold": t, "claim_threshold": c2, "pair_floor": R12_FT_PAIR_FLOOR,
                        "floor": R12_FT_PAIR_FLOOR}
    meta.pop("document", None)
    if d > 0:
        meta["document"] = {"enabled": True, "threshold": d}
    meta["round12_calibration"] = calibration
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the twelfth round's point {point} to {path}", file=sys.stderr)


CALIBRATION_KEYS = ("recall", "precision_pairs", "news_articles", "disproofs_asserted", "gold_dev_negatives_asserted")


def _calibration_figures(row: dict, reads: bool = False) -> dict:
    """The calibration figures a written model records (rounds 12-18), with the sentences read from round 17 on."""
    return {k: row[k] for k in CALIBRATION_KEYS + (("sentences_read",) if reads else ())}


def _picked(res: dict, best_key: str) -> tuple | None:
    """A grid round's picked point (`res[best_key]`) and its row of `res["points"]`, or None when nothing was picked."""
    point = res[best_key]
    return None if point is None else (point, next(r for r in res["points"] if r["point"] == point))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--part", choices=("calib", "train"), default="calib")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--claim-threshold", type=float)
    ap.add_argument("--pair-floor", type=float)
    ap.add_argument("--top-k", type=int, help="closest narratives scored per sentence (else the model's TOP_K, 3)")
    ap.add_argument("--per-narrative", type=float, metavar="T")
    ap.add_argument("--write", action="store_true", help="store --per-narrative's thresholds in the packaged model.json")
    ap.add_argument("--cross", type=Path, metavar="FILE", help="the cross-encoder's weights: run the cascade")
    ap.add_argument("--cross-grid", action="store_true", help="with --cross: search its operating point")
    ap.add_argument("--cross-point", type=float, nargs=3, metavar=("FLOOR", "THRESHOLD", "KEEP"))
    ap.add_argument("--cross-rule", choices=("shipped", "project"), default="shipped",
                    help="with --cross-grid: bounds no worse than the shipped model (default), or the project's "
                         "calibration rule (news at most 2 %% of the articles, pair precision at least 0.8)")
    ap.add_argument("--voice-ft", type=Path, metavar="FILE", help="the fine-tuned voice classifier's weights")
    ap.add_argument("--voice-grid", action="store_true", help="with --voice-ft: search its operating point")
    ap.add_argument("--voice-point", type=float, nargs=3, metavar=("THRESHOLD", "CLAIM", "PAIR_FLOOR"))
    ap.add_argument("--voice-rule", choices=("project", "shipped", "better"), default="project",
                    help="with --voice-grid: the project's rule (default), or news, precision, disproofs and own-gold "
                         "negatives no worse than the packaged model's (shipped), or every printed figure no worse and "
                         "recall higher (better: tenth round)")
    ap.add_argument("--voice-min-floor", type=float, metavar="F",
                    help="with --voice-grid: search only the classifier's pair floors of at least F (tenth round: 0.3, "
                         "so that with \"either\" it reads only sentences whose best candidate reaches 0.3)")
    ap.add_argument("--voice-combine", choices=("replace", "either"), default="replace",
                    help="with --voice-ft: the classifier's log-odds replace the logistic head's on the voice path "
                         "(default), or the path fires when either head is over its own threshold (ninth round)")
    ap.add_argument("--voice-hold-threshold", type=float, metavar="T",
                    help="with --voice-grid: hold the pair path's threshold at T (eighth round: 0.8, the packaged "
                         "one) and search only the voice path's claim log-odds and pair floor")
    ap.add_argument("--extra-examples", type=Path, metavar="FILE",
                    help="append FILE's examples (examples: {id: [sentences]}) to the built-in catalogue's entries for "
                         "this run (eleventh round: tools/narratives_concrete.yaml)")
    ap.add_argument("--rank", choices=("closest", "closest+proto"),
                    help="how a sentence's candidate narratives are chosen (model.json candidate_rank; default the "
                         "model's): by the closest example, or by it plus the prototype (eleventh round)")
    ap.add_argument("--round12", action="store_true",
                    help="the twelfth round's search (operating point and document rule; docs/narratives.md)")
    ap.add_argument("--round12-point", type=float, nargs=5, metavar=("T", "C1", "P1", "C2", "D"),
                    help="the twelfth round's figures at one point (D 0 = the document rule off); --write stores it")
    ap.add_argument("--round13", action="store_true",
                    help="the thirteenth round's search (the classifier's claim bar; docs/narratives.md)")
    ap.add_argument("--round13-point", nargs=2, metavar=("KIND", "VALUE"),
                    help="the thirteenth round's figures at one point (A C2: the classifier's claim log-odds; B K: "
                         "pair probability x claim log-odds >= K beside 5.5); --write stores it")
    ap.add_argument("--round14", type=Path, nargs="+", metavar="DIR",
                    help="the fourteenth round: refit folders (training's --out) against the packaged model")
    ap.add_argument("--round15", type=Path, nargs="+", metavar="DIR",
                    help="the fifteenth round: model folders (V: the packaged heads; VP: a pair-head refit) with "
                         "--round15-voice's classifier; --write puts the pick into data/narratives/")
    ap.add_argument("--round15-voice", type=Path, metavar="FILE", help="the refit classifier's weights (--round15)")
    ap.add_argument("--round16", type=Path, metavar="VP_DIR",
                    help="the sixteenth round: R16_POINTS for the packaged model and VP (this folder's heads with "
                         "--round16-voice's classifier); --write puts the pick into data/narratives/")
    ap.add_argument("--round16-voice", type=Path, metavar="FILE", help="VP's classifier weights (--round16)")
    ap.add_argument("--round17", type=Path, metavar="NAMING_NPZ",
                    help="the seventeenth round: R17_POINTS, the naming head of this file (training's --naming) behind "
                         "the packaged model; --write puts the pick into data/narratives/")
    ap.add_argument("--round17b", type=Path, metavar="NAMING_NPZ",
                    help="round 17b: R17B_POINTS (path (ii) with a pair floor, or (i) alone), the naming head of this "
                         "file behind the packaged model; --write puts the pick into data/narratives/")
    ap.add_argument("--round18", type=Path, metavar="NAMING_NPZ",
                    help="the eighteenth round: R18_POINTS, the hard-negative naming head of this file behind the "
                         "packaged model, and round 17b's B1 with --round18-reference's head; --write puts the pick "
                         "into data/narratives/")
    ap.add_argument("--round18-reference", type=Path, metavar="NAMING_NPZ", help="round 17's head (--round18)")
    ap.add_argument("--round18-pages", action="store_true",
                    help="print the eighteenth round's independent false-flag pages (ids) and exit")
    ap.add_argument("--round19", type=Path, metavar="CROSS_FILE",
                    help="the nineteenth round: R19_POINTS, the recipe-7 cross-encoder of this file as the cascade "
                         "behind the packaged model; --write puts the pick's `cross` section into model.json")
    a = ap.parse_args()
    if a.round19:
        res = round19(a.shared, a.part, a.round19)
        print(json.dumps(res))
        if a.write and (pick := _picked(res, "round19_best")):
            write_round19(tuple(pick[0]), _calibration_figures(pick[1], reads=True))
        return 0
    if a.round18_pages:
        print(json.dumps(indep_pages(a.shared)))
        return 0
    if a.round18:
        if a.round18_reference is None:
            ap.error("--round18 needs --round18-reference NAMING_NPZ")
        res = round18(a.shared, a.part, a.round18, a.round18_reference)
        print(json.dumps(res))
        if a.write and (pick := _picked(res, "round18_best")):
            write_round17(tuple(pick[0]), a.round18, _calibration_figures(pick[1], reads=True),
                          key="round18_calibration")
        return 0
    if a.round17 or a.round17b:
        head, points = (a.round17b, R17B_POINTS) if a.round17b else (a.round17, R17_POINTS)
        res = round17(a.shared, a.part, head, points)
        print(json.dumps(res))
        if a.write and (pick := _picked(res, "round17_best")):
            write_round17(tuple(pick[0]), head, _calibration_figures(pick[1], reads=True),
                          key="round17b_calibration" if a.round17b else "round17_calibration")
        return 0
    if a.round16:
        if a.round16_voice is None:
            ap.error("--round16 needs --round16-voice FILE")
        res = round16(a.shared, a.part, a.round16, a.round16_voice)
        print(json.dumps(res))
        if a.write and (pick := _picked(res, "round16_best")):
            write_round16(tuple(pick[0]), a.round16, a.round16_voice, _calibration_figures(pick[1]))
        return 0
    if a.round15:
        if a.round15_voice is None:
            ap.error("--round15 needs --round15-voice FILE")
        res = round15(a.shared, a.part, a.round15, a.round15_voice)
        print(json.dumps(res))
        if a.write and res["round15_best"] is not None:
            name, c2 = res["round15_best"]
            best = next(r for r in res["candidates"] if r["candidate"] == name and r["claim_threshold"] == c2)
            write_round15(next(f for f in a.round15 if f.name == name), a.round15_voice, c2,
                          _calibration_figures(best))
        return 0
    if a.round14:
        print(json.dumps(round14(a.shared, a.part, a.round14)))
        return 0
    point = dict(zip(("floor", "threshold", "keep"), a.cross_point)) if a.cross_point else None
    res = figures(a.shared, a.part, a.threshold, a.claim_threshold, a.pair_floor, a.top_k, a.per_narrative,
                  a.cross, a.cross_grid, point, a.cross_rule, a.voice_ft, a.voice_grid,
                  dict(zip(("threshold", "claim_threshold", "pair_floor"), a.voice_point)) if a.voice_point else None,
                  a.voice_rule, a.voice_hold_threshold, a.voice_combine, a.voice_min_floor, a.extra_examples, a.rank,
                  a.round12, tuple(a.round12_point) if a.round12_point else None, a.round13,
                  (a.round13_point[0], float(a.round13_point[1])) if a.round13_point else None)
    if a.round13 or a.round13_point:
        print(json.dumps(res))
        if a.write and a.round13_point:
            write_round13((a.round13_point[0], float(a.round13_point[1])),
                          _calibration_figures(res))
        return 0
    if a.round12 or a.round12_point:
        print(json.dumps(res))
        if a.write and a.round12_point:
            write_round12(tuple(a.round12_point), _calibration_figures(res))
        return 0
    per = res.pop("narrative_thresholds")
    print(json.dumps(res))
    if a.write and a.cross is not None and point is not None:  # switch the cascade on at this point
        path = ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["cross"] = {"enabled": True, **point,
                         "calibration": _calibration_figures(res)}
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote the cascade's operating point to {path}; the weights go to data/narratives/cross.safetensors",
              file=sys.stderr)
    if a.write and a.voice_ft is not None and a.voice_point:  # switch the fine-tuned voice cascade on at this point
        path = ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        vp = dict(zip(("threshold", "claim_threshold", "pair_floor"), a.voice_point))
        meta["voice_ft"] = {"enabled": True, "combine": a.voice_combine,
                            "floor": write_floor(a.voice_combine, vp["pair_floor"]), **vp,
                            "calibration": _calibration_figures(res)}
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote the voice cascade's operating point to {path}; the weights go to data/narratives/voice.safetensors",
              file=sys.stderr)
    if a.write and a.per_narrative is not None:
        path = ROOT / "src" / "spinscope" / "data" / "narratives" / "model.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["narrative_thresholds_floor"] = a.per_narrative
        meta["narrative_thresholds"] = per
        meta["narrative_thresholds_calibration"] = {k: res[k] for k in ("recall", "precision_pairs", "news_articles",
                                                                      "disproofs_asserted")}
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(per)} narrative thresholds to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
