"""The server's digest answers exactly what the per-key queries answer, and follows the store when it changes."""
from __future__ import annotations

import copy
import json

import pytest

from spinscope.corpus import store, views
from spinscope.corpus.ingest import Ingester
from spinscope.corpus.outlets import profile
from spinscope.corpus.search import Filters
from spinscope.model import make_doc_id
from spinscope.serve.state import Corpus

from .serve_corpus import build, encode


def variant(rec: dict, words: str, **source) -> dict:
    """The record with `words` appended to its text (so another doc_id), and other source fields."""
    rec = copy.deepcopy(rec)
    rec["text"] += words
    rec["doc_id"] = make_doc_id(rec["text"])
    rec["source"].update(source)
    return rec


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve_digest")
    db, planted = build(folder, n=40)
    # unlinked actors: one named like another's KB id (two groups for one key), one named in another case;
    # and an outlet whose name differs from the planted one's only in case
    a = variant(planted, " a", outlet="PLANTED <i>daily</i>", published="2026-03-09")
    a["entities"][1]["kb_id"] = None
    a["entities"][1]["name"] = "dara-vell"
    b = variant(planted, " b", outlet="Other Wire", published=None)
    b["entities"][1]["kb_id"] = None
    b["entities"][1]["name"] = "Ora LIND"
    b["quotes"][0]["speaker"]["name"] = "ora lind"
    con = store.connect(db, write=True)
    Ingester(con, embed=encode).write([a, b])
    con.close()
    c = Corpus(db, encode=encode)
    yield c
    c.close()


def same(a, b) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def test_actor_pages_and_quotes_by_speaker_are_the_queries_answers(corpus):
    with corpus.cursor() as con:
        names = {n for (n,) in con.execute("SELECT DISTINCT name FROM entities").fetchall()}
        kb_ids = {k for (k,) in con.execute("SELECT DISTINCT kb_id FROM entities WHERE kb_id IS NOT NULL").fetchall()}
        keys = sorted(names | kb_ids | {n.upper() for n in names} | {"ora lind", "no such actor"})
        assert "dara-vell" in kb_ids and "dara-vell" in names  # one key, two groups: answered by the query
        answered = 0
        for key in keys:
            expected = views.actor(con, key)
            assert same(corpus.actor(con, key), expected), key
            answered += expected is not None
            for limit in (1, 3, 100):
                items, nxt = views.quotes(con, speaker=key, limit=limit)
                assert (items, nxt) == corpus.quotes(con, speaker=key, filters=Filters(), text=None, limit=limit,
                                                     cursor=None), key
                if nxt is not None:
                    assert views.quotes(con, speaker=key, limit=limit, cursor=nxt) == corpus.digest().quotes(key, limit, nxt)
        assert answered > 20
        assert corpus.actor(con, "ORA lind")["quotes"], "an unlinked speaker's quotes, found by name in any case"


def test_outlet_profiles_and_events_by_outlet_are_the_queries_answers(corpus):
    with corpus.cursor() as con:
        names = views.outlets_of(con)
        assert "PLANTED <i>daily</i>" in names and "Planted <i>Daily</i>" in names
        edges = corpus.groups()[1]
        for name in names + [n.upper() for n in names] + ["no such outlet"]:
            assert same(corpus.outlet(con, name), profile(con, name, copy_edges=edges)), name
            for limit in (2, 5000):
                assert corpus.events(con, Filters(outlet=name), type=None, limit=limit) == \
                    views.events(con, Filters(outlet=name), limit=limit), name
        assert corpus.events(con, Filters(), type=None, limit=5000) == views.events(con, Filters(), limit=5000)


def test_the_digest_follows_a_write(tmp_path):
    db, planted = build(tmp_path, n=5)
    c = Corpus(db, write=True, encode=encode)
    try:
        with c.cursor() as con:
            assert c.outlet(con, "Fresh Wire") is None
            Ingester(c.con, embed=encode).write([variant(planted, " fresh", outlet="Fresh Wire")])
            c.changed()
            assert c.outlet(con, "Fresh Wire")["documents"] == 1
            assert any(e["outlet"] == "Fresh Wire" for e in c.events(con, Filters(outlet="fresh wire"), type=None,
                                                                    limit=10))
    finally:
        c.close()
