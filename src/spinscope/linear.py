"""Fitted logistic regressions and feature hashing applied with numpy alone, for loading without scikit-learn."""
from __future__ import annotations

# Why: importing scikit-learn (with the scipy.stats, pandas and pyarrow it pulls in) costs about 1.5 s
# of every cold start, only to apply models that are a weight matrix and an intercept. A model saved
# with `arrays()` is applied here with numpy, with the probabilities of sklearn's
# LogisticRegression.predict_proba (tests/test_linear.py compares both on real inputs), and
# `hash_pairs` places features in the columns sklearn's FeatureHasher gives them (MurmurHash3 x86
# 32-bit, seed 0: the murmurhash package spaCy already depends on). Training keeps sklearn.

from dataclasses import dataclass

import numpy as np

_INT32_MIN = -2 ** 31


@dataclass
class Hashed:
    """Rows of hashed features as coordinates: row, column, value (duplicates summed, sorted by row then column)."""

    row: np.ndarray
    col: np.ndarray
    val: np.ndarray
    n_rows: int
    n_features: int


def hash_pairs(rows, n_features: int, alternate_sign: bool = False) -> Hashed:
    """FeatureHasher(n_features, input_type="pair", alternate_sign=...).transform(rows), as coordinates.

    Each row is an iterable of (name, value) pairs; a string value v makes the feature "name=v" with
    value 1; zero values are dropped.
    """
    from murmurhash.mrmr import hash as murmur

    names: list = []
    values: list[float] = []
    r: list[int] = []
    n_rows = 0
    for i, pairs in enumerate(rows):
        n_rows = i + 1
        for name, value in pairs:
            if isinstance(value, str):
                name, value = f"{name}={value}", 1.0
            if value == 0:
                continue
            names.append(name)
            values.append(value)
            r.append(i)
    if any(not isinstance(n, (str, bytes)) for n in names):
        raise TypeError("feature names must be strings")
    h = np.fromiter((murmur(n.encode("utf-8") if isinstance(n, str) else n) for n in names), np.int64, len(names))
    # abs(h) % n_features, with sklearn's definition for abs(-2**31) (an int32 overflow in C)
    col = np.where(h == _INT32_MIN, (2 ** 31 - 1 - (n_features - 1)) % n_features, np.abs(h) % n_features)
    val = np.asarray(values, np.float64)
    if alternate_sign:
        val = np.where(h >= 0, val, -val)
    row = np.asarray(r, np.int64)
    col = col.astype(np.int64)
    if len(row):
        # Sum duplicates in (row, column) order, as scipy's csr sum_duplicates does before a product.
        order = np.lexsort((col, row))
        row, col, val = row[order], col[order], val[order]
        first = np.ones(len(row), bool)
        first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
        starts = np.flatnonzero(first)
        val = np.add.reduceat(val, starts)
        row, col = row[starts], col[starts]
    return Hashed(row, col, val, n_rows, n_features)


@dataclass
class Logistic:
    """A fitted logistic regression: coef (classes or 1, features), intercept, classes."""

    coef: np.ndarray
    intercept: np.ndarray
    classes: np.ndarray

    @classmethod
    def from_sklearn(cls, model) -> "Logistic":
        # The stored dtypes are kept: a float32 model applied to float32 inputs computes in float32, as sklearn does.
        return cls(np.asarray(model.coef_), np.asarray(model.intercept_), np.asarray(model.classes_))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named arrays (for np.savez; classes as a string or number array, never objects)."""
        classes = self.classes
        if classes.dtype == object:
            classes = classes.astype(str)
        return {f"{prefix}.coef": self.coef, f"{prefix}.intercept": self.intercept, f"{prefix}.classes": classes}

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> "Logistic":
        return cls(np.asarray(arrays[f"{prefix}.coef"]), np.asarray(arrays[f"{prefix}.intercept"]),
                   np.asarray(arrays[f"{prefix}.classes"]))

    def decision(self, dense: np.ndarray | None = None, hashed: Hashed | None = None) -> np.ndarray:
        """X @ coef.T + intercept, (rows, classes or 1); X's columns are the hashed block, then `dense`'s."""
        n_hash = hashed.n_features if hashed is not None else 0
        n_rows = hashed.n_rows if hashed is not None else len(dense)
        if hashed is None:  # numpy's own type promotion, as sklearn's X @ coef.T
            if dense.shape[1] != self.coef.shape[1]:
                raise ValueError(f"{dense.shape[1]} features; the model has {self.coef.shape[1]}")
            return dense @ self.coef.T + self.intercept
        out = np.zeros((n_rows, self.coef.shape[0]), np.float64)
        if hashed is not None:
            for k in range(self.coef.shape[0]):
                out[:, k] = np.bincount(hashed.row, weights=hashed.val * self.coef[k, hashed.col], minlength=n_rows)
        if dense is not None and dense.shape[1]:
            if dense.shape[0] != n_rows or n_hash + dense.shape[1] != self.coef.shape[1]:
                raise ValueError(f"{dense.shape} dense columns after {n_hash} hashed ones; the model has "
                                 f"{self.coef.shape[1]} features")
            out += dense @ self.coef[:, n_hash:].T
        elif n_hash != self.coef.shape[1]:
            raise ValueError(f"{n_hash} features; the model has {self.coef.shape[1]}")
        return out + self.intercept

    def predict_proba(self, dense: np.ndarray | None = None, hashed: Hashed | None = None) -> np.ndarray:
        """sklearn's LogisticRegression.predict_proba: [1 - p, p] for two classes, else the softmax."""
        d = self.decision(dense, hashed)
        if len(self.classes) <= 2:
            p = _expit(d[:, 0])
            return np.stack([1 - p, p], axis=1)
        d -= d.max(axis=1, keepdims=True)
        np.exp(d, out=d)
        d /= d.sum(axis=1, keepdims=True)
        return d


def _expit(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-x)) without overflow warnings."""
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out
