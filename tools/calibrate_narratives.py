"""Fit the narrative score on the dev gold and write src/spinscope/data/narratives/calibration.yaml."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from spinscope.spin.narratives.stage import FEATURES, Matcher, Model  # noqa: E402
from spinscope.spin.narratives.catalogue import load_catalogue  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "narratives"
OUT = ROOT / "src" / "spinscope" / "data" / "narratives" / "calibration.yaml"
# The ablations of bench/narratives.py are fitted the same way on fewer features.
MODELS = {"full": FEATURES,
          "embedding": ("sim_max", "sim_top2", "neutral_gap", "is_best"),
          "lexical": ("cue", "rebuttal")}


def load_gold(name: str) -> list[dict]:
    return yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))["sentences"]


def gold_matrix(gold: list[dict], ids: list[str]) -> np.ndarray:
    """(sentences, narratives) 0/1 labels."""
    col = {nid: j for j, nid in enumerate(ids)}
    y = np.zeros((len(gold), len(ids)), dtype=int)
    for i, g in enumerate(gold):
        for nid in g["narratives"]:
            y[i, col[nid]] = 1
    return y


def micro_f1(probs: np.ndarray, y: np.ndarray, t: float) -> float:
    pred = probs >= t
    tp = int((pred & (y == 1)).sum())
    fp, fn = int(pred.sum()) - tp, int(y.sum()) - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _lr(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    # Weak regularisation: the features are few and on small scales (cosines), and the data are ours.
    return LogisticRegression(C=100.0, max_iter=5000).fit(x.reshape(-1, x.shape[-1]), y.reshape(-1))


def fit(feats: np.ndarray, y: np.ndarray, names: tuple[str, ...], folds: int = 5) -> tuple[Model, np.ndarray]:
    """Logistic regression over every (sentence, narrative) pair of dev, and its out-of-fold probabilities.

    The threshold is the one with the best micro F1 on the out-of-fold probabilities (each dev sentence
    scored by a model that did not see it), so it is not tuned on in-sample scores."""
    from sklearn.model_selection import KFold
    x = feats[..., [FEATURES.index(f) for f in names]]
    oof = np.zeros(y.shape)
    for train, held in KFold(folds, shuffle=True, random_state=0).split(x):
        lr = _lr(x[train], y[train])
        oof[held] = lr.predict_proba(x[held].reshape(-1, x.shape[-1]))[:, 1].reshape(len(held), -1)
    grid = np.round(np.arange(0.05, 0.951, 0.025), 3)
    best = max(grid, key=lambda t: (micro_f1(oof, y, t), -abs(t - 0.5)))
    lr = _lr(x, y)
    model = Model(names, tuple(round(float(c), 4) for c in lr.coef_[0]), round(float(lr.intercept_[0]), 4),
                  float(best))
    return model, oof


def reliability(probs: np.ndarray, y: np.ndarray) -> str:
    """Mean predicted probability against the observed share of positives, per probability bin."""
    bins = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001]
    rows = []
    for lo, hi in zip(bins, bins[1:]):
        sel = (probs >= lo) & (probs < hi)
        if sel.any():
            rows.append(f"[{lo:.1f},{min(hi, 1):.1f}) n={int(sel.sum())} pred={probs[sel].mean():.2f} obs={y[sel].mean():.2f}")
    return "; ".join(rows)


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    cat = load_catalogue()
    m = Matcher(cat)
    dev = load_gold("dev")
    feats = m.features([g["text"] for g in dev])
    y = gold_matrix(dev, m.ids)
    out = {}
    for name, names in MODELS.items():
        model, oof = fit(feats, y, names)
        out[name] = {"features": list(model.features), "coef": list(model.coef), "intercept": model.intercept,
                     "threshold": model.threshold}
        print(f"{name:9} threshold {model.threshold:.3f}  dev micro F1 out-of-fold {micro_f1(oof, y, model.threshold):.3f}  "
              + " ".join(f"{f}={c:+.2f}" for f, c in zip(model.features, model.coef)))
        print(f"          reliability (out-of-fold): {reliability(oof, y)}")
    header = ("# Narrative score calibration: logistic models over (sentence, narrative) features, fitted by\n"
              "# tools/calibrate_narratives.py on bench/gold/narratives/dev.yaml (re-run it after editing the\n"
              "# catalogue or the dev gold). `threshold` is the probability at which a sentence is evidence,\n"
              "# chosen for the best out-of-fold micro F1 on dev. The stage uses `full`; the others are ablations.\n")
    OUT.write_text(header + yaml.safe_dump({"models": out}, sort_keys=False, default_flow_style=None), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(dev)} dev sentences, {int(y.sum())} positive pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
