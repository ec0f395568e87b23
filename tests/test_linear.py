"""spinscope.linear applies the techniques model's fitted logistic regressions as sklearn does, on real inputs."""
from __future__ import annotations

import numpy as np
import pytest

from spinscope.linear import Logistic, hash_pairs

from .conftest import SEEDS, NO_SHARED

sklearn = pytest.importorskip("sklearn")


def _csr(hashed):
    from scipy import sparse
    return sparse.csr_matrix((hashed.val, (hashed.row, hashed.col)), shape=(hashed.n_rows, hashed.n_features))


def _same_matrix(ours, theirs):
    theirs = theirs.tocsr()
    theirs.sum_duplicates()
    mine = _csr(ours)
    assert mine.shape == theirs.shape
    assert np.array_equal(mine.indptr, theirs.indptr)
    assert np.array_equal(mine.indices, theirs.indices)
    # Duplicates (two features in one column) may be summed in another order: equal to the last bits.
    np.testing.assert_allclose(mine.data, theirs.data, rtol=1e-12, atol=0)


@pytest.mark.parametrize("alternate_sign", [False, True])
def test_hashing_places_features_where_feature_hasher_does(alternate_sign):
    from sklearn.feature_extraction import FeatureHasher

    rows = [[("w=the", 1.0), ("w=the", 2.0), ("pos", "NOUN"), ("zero", 0.0), ("é|ü=ß", 0.5)],
            [],
            [(f"f{i}", i / 7) for i in range(300)]]
    for n in (2 ** 4, 2 ** 16, 2 ** 18):
        fh = FeatureHasher(n, input_type="pair", alternate_sign=alternate_sign)
        _same_matrix(hash_pairs(rows, n, alternate_sign), fh.transform(rows))


@pytest.fixture(scope="module")
def real():
    """The packaged techniques model's inputs on the five seeds (data this repository did not write)."""
    from spinscope import Pipeline
    from spinscope.ingest import read
    from spinscope.ingest.base import Failure
    from spinscope.spin.techniques import model as tm

    if not SEEDS.is_dir():
        pytest.skip("../shared is absent")
    docs = [d for d in read(sorted(SEEDS.glob("*.txt"))) if not isinstance(d, Failure)]
    pipe = Pipeline(stages=["parse"], keep_parses=True)
    docs = [pipe(d) for d in docs]
    model = tm.load_model()
    views = tm.views_for([(d.text, d.parses) for d in docs])
    sent_emb = tm.sentence_embeddings(views)
    return tm, model, views, sent_emb


@NO_SHARED
def test_probabilities_equal_sklearn_on_the_seeds(real):
    from scipy import sparse

    from spinscope.spin.techniques.features import SPAN_HASH, TOKEN_HASH, span_features, token_features

    tm, model, views, sent_emb = real
    tok_hasher, span_hasher = tm.hashers()
    sent, tok, tech = (Logistic.from_sklearn(m) for m in (model.sent, model.tok, model.tech))
    n_tokens = n_spans = 0
    for v, se in zip(views, sent_emb):
        sp = model.sent.predict_proba(se)
        # float32 model and inputs: numpy's exp and scipy's expit differ in the last bit of some values
        assert sent.predict_proba(dense=se).dtype == sp.dtype == np.float32
        np.testing.assert_allclose(sent.predict_proba(dense=se), sp, rtol=0, atol=2e-7)
        feats = token_features(v, sp[:, 1])
        ours = hash_pairs(feats, TOKEN_HASH)
        _same_matrix(ours, tok_hasher.transform(feats))
        np.testing.assert_allclose(tok.predict_proba(hashed=ours), model.tok.predict_proba(tok_hasher.transform(feats)),
                                   rtol=0, atol=1e-12)
        n_tokens += len(feats)
        # Spans: every sentence of the view, as the technique classifier sees a found span.
        spans = [(s, e) for s, e, _, a, b in v.sents if b > a]
        theirs = tm.span_matrix([v], [spans], [se])
        if theirs is None:
            continue
        feats = [span_features(v, s, e) for s, e in spans]
        hashed = hash_pairs(feats, SPAN_HASH)
        dense = theirs[:, SPAN_HASH:].toarray()
        _same_matrix(hashed, sparse.csr_matrix(theirs[:, :SPAN_HASH]))
        expected = model.tech.predict_proba(theirs)
        got = tech.predict_proba(dense=dense, hashed=hashed)
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
        assert np.array_equal(np.argsort(-got, axis=1, kind="stable")[:, :2],
                              np.argsort(-expected, axis=1, kind="stable")[:, :2])
        n_spans += len(spans)
    assert n_tokens > 3000 and n_spans > 100  # the comparison covered real text


def test_arrays_round_trip(tmp_path):
    model = Logistic(np.array([[0.5, -1.0, 2.0]]), np.array([0.1]), np.array(["no", "yes"], dtype=object))
    np.savez(tmp_path / "m.npz", **model.arrays("tok"))
    with np.load(tmp_path / "m.npz", allow_pickle=False) as data:
        back = Logistic.from_arrays(data, "tok")
    x = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_array_equal(back.predict_proba(dense=x), model.predict_proba(dense=x))
    assert back.classes.tolist() == ["no", "yes"]


def test_wrong_widths_are_refused():
    model = Logistic(np.zeros((1, 5)), np.zeros(1), np.array([0, 1]))
    with pytest.raises(ValueError):
        model.predict_proba(dense=np.zeros((2, 4)))
