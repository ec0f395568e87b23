"""Corpus commands over a synthetic corpus: export, search, trends, copies, stories, outlets, report."""
from __future__ import annotations

import json
from datetime import date
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

import spinscope

from bench.corpus_synth import EDIT_KINDS, corpus
from spinscope.cli import cli
from spinscope.corpus import store
from spinscope.corpus.copies import CopyIndex, copy_groups, provenance_edges
from spinscope.corpus.ingest import ingest
from spinscope.corpus.outlets import profile
from spinscope.corpus.search import Filters, Searcher, refresh_index
from spinscope.corpus.stories import StoryAssigner
from spinscope.corpus.trends import trends
from .serve_corpus import store_records

N = 400


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A database of N synthetic records, with embeddings standing for each record's story (plus noise)."""
    tmp = tmp_path_factory.mktemp("corpus")
    pairs = list(corpus(N, seed=11, copy_rate=0.15))
    first: dict[str, tuple] = {}
    for r, info in pairs:
        first.setdefault(r["doc_id"], (r, info))
    rng = np.random.default_rng(0)
    vec_of = {}
    for r, info in first.values():
        v = info["vec"] + rng.normal(0, 0.15, 384).astype(np.float32)
        vec_of[(r["source"]["title"] or "") + "\n" + r["text"][r["body"][0]["start"]:r["body"][0]["start"] + 50]] = \
            v / np.linalg.norm(v)

    def embed(texts):
        return np.stack([next(v for k, v in vec_of.items() if t.startswith(k)) for t in texts])
    db, path = store_records(tmp, [r for r, _ in pairs], embed, "c.duckdb", batch_size=50)
    return {"db": db, "records": {d: r for d, (r, _) in first.items()}, "info": {d: i for d, (_, i) in first.items()},
            "path": path, "tmp": tmp}


@pytest.fixture
def con(built):
    c = store.connect(built["db"])
    yield c
    c.close()


def test_documents_export_is_the_records_and_parquet_reingests(built, tmp_path):
    res = run("export", "--db", built["db"], "--table", "documents", "--format", "jsonl")
    out = {r["doc_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert out == built["records"]
    run("export", "--db", built["db"], "--table", "documents", "--format", "parquet", "--out", tmp_path / "d.parquet")
    res = run("ingest", tmp_path / "d.parquet", "--db", tmp_path / "again.duckdb", "--no-embeddings")
    assert res.exit_code == 0, res.output
    a, b = store.connect(built["db"]), store.connect(tmp_path / "again.duckdb")
    for t in ("documents", "entities", "quotes", "mentions", "labels"):
        assert a.execute(f"SELECT count(*) FROM {t}").fetchone() == b.execute(f"SELECT count(*) FROM {t}").fetchone()


def test_table_exports_and_graphml(built, tmp_path):
    res = run("export", "--db", built["db"], "--table", "entities", "--format", "csv")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("doc_id,id,name,type,kb_id")
    assert len(lines) == 1 + sum(len(r["entities"]) for r in built["records"].values())
    run("export", "--db", built["db"], "--table", "quotes", "--format", "parquet", "--out", tmp_path / "q.parquet")
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / "q.parquet").num_rows == sum(len(r["quotes"]) for r in built["records"].values())
    run("export", "--db", built["db"], "--table", "actors", "--format", "graphml", "--out", tmp_path / "a.graphml")
    g = nx.read_graphml(tmp_path / "a.graphml")
    assert g.number_of_nodes() > 10
    assert {d["kind"] for _, _, d in g.edges(data=True)} == {"cooccurrence", "event"}
    # a corpus's co-occurrence graph is a hairball of weight-1 edges (journey33: 10,119 of 10,755): --min-weight
    run("export", "--db", built["db"], "--table", "actors", "--format", "graphml", "--out", tmp_path / "a3.graphml",
        "--min-weight", 3)
    g3 = nx.read_graphml(tmp_path / "a3.graphml")
    co = [d["weight"] for _, _, d in g3.edges(data=True) if d["kind"] == "cooccurrence"]
    assert co and min(co) >= 3 and len(co) == sum(d["kind"] == "cooccurrence" and d["weight"] >= 3
                                                  for _, _, d in g.edges(data=True))
    assert all(g3.degree(n) for n in g3.nodes) and g3.number_of_nodes() <= g.number_of_nodes()
    res = run("export", "--db", built["db"], "--table", "quotes", "--min-weight", 2)
    assert res.exit_code == 2 and "actors graph" in res.output
    run("export", "--db", built["db"], "--table", "provenance", "--format", "graphml", "--out", tmp_path / "p.graphml")
    assert nx.read_graphml(tmp_path / "p.graphml").number_of_edges() > 0
    res = run("export", "--db", built["db"], "--table", "nonsense")
    assert res.exit_code == 2 and "unknown table" in res.output


@pytest.mark.parametrize("args", [["search", "x"], ["trends", "x"], ["copies"], ["stories"], ["outlets"],
                                  ["outlet", "x"], ["report"], ["export", "--table", "documents"]])
def test_every_command_says_when_the_database_is_missing(args, tmp_path):
    res = run(*args, "--db", tmp_path / "none.duckdb")
    assert res.exit_code == 1 and "no corpus database" in res.stderr


@pytest.mark.parametrize("args", [["search", "the", "--text"], ["trends", "the", "--by", "month"], ["copies"], ["stories"],
                                  ["outlets"]])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "pretty"])
def test_table_commands_take_every_format(built, args, fmt):
    res = run(*args, "--db", built["db"], "--format", fmt)
    assert res.exit_code == 0, res.output
    if fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in res.stdout.splitlines())


def _rare_word(records):
    """A body word found in exactly one record."""
    import re
    seen = Counter(w for r in records.values() for w in set(re.findall(r"\w+", r["text"].lower())))
    for d, r in records.items():
        for w in re.findall(r"\w+", r["text"][r["body"][0]["start"]:r["body"][0]["end"]].lower()):
            if seen[w] == 1 and len(w) > 6:
                return d, w
    raise AssertionError("no rare word")


def test_full_text_search_finds_and_highlights(built, con):
    doc_id, word = _rare_word(built["records"])
    s = Searcher(con)
    results = s.search(word, mode="text", k=3)
    results = [r for r in results if r["doc_id"] == doc_id]  # the stemmer may fold the word with another
    assert results
    p = results[0]["passage"]
    text = built["records"][doc_id]["text"]
    assert text[p["start"]:p["end"]] == p["text"]
    assert any(text[a:b].lower().startswith(word.lower()) for a, b in results[0]["highlights"])
    outlet = built["records"][doc_id]["source"]["outlet"]
    assert doc_id in [r["doc_id"] for r in s.search(word, Filters(outlet=outlet), mode="text", k=3)]
    other = next(r["source"]["outlet"] for r in built["records"].values() if r["source"]["outlet"] != outlet)
    assert doc_id not in [r["doc_id"] for r in s.search(word, Filters(outlet=other), mode="text")]


def test_filters_match_the_records(built, con):
    recs = built["records"]
    actor = Counter(e["kb_id"] for r in recs.values() for e in r["entities"]).most_common(1)[0][0]
    want = {d for d, r in recs.items() if any(e["kb_id"] == actor for e in r["entities"])}
    where, params = Filters(actor=actor).sql()
    assert {d for (d,) in con.execute(f"SELECT doc_id FROM documents d WHERE {where}", params).fetchall()} == want
    tech = "fear"
    since, until = "2026-03-01", "2026-06-30"
    want = {d for d, r in recs.items() if any(t["technique"] == tech for t in r["techniques"])
            and since <= r["source"]["published"] <= until}
    from datetime import date
    where, params = Filters(technique=tech, since=date.fromisoformat(since), until=date.fromisoformat(until)).sql()
    assert {d for (d,) in con.execute(f"SELECT doc_id FROM documents d WHERE {where}", params).fetchall()} == want


def test_semantic_search_ranks_the_story_first(built, con):
    info = built["info"]
    story = Counter(i["story"] for i in info.values()).most_common(1)[0][0]
    vec = next(i["vec"] for i in info.values() if i["story"] == story)
    members = {d for d, i in info.items() if i["story"] == story}
    top = Searcher(con).semantic(vec, Filters(), k=len(members))
    assert {d for d, _ in top} == members


def test_hybrid_fuses_both_rankings(built, con):
    doc_id, word = _rare_word(built["records"])
    s = Searcher(con, encode=lambda texts: np.stack([built["info"][doc_id]["vec"]]))
    assert s.search(word, mode="hybrid")[0]["doc_id"] == doc_id


def test_each_result_says_whether_its_words_or_only_its_meaning_matched(built, con):
    doc_id, word = _rare_word(built["records"])
    s = Searcher(con, encode=lambda texts: np.stack([built["info"][doc_id]["vec"]]))
    found = {r["doc_id"]: r["match"] for r in s.search(word, mode="hybrid", k=5)}
    assert found[doc_id] == "words"
    assert "meaning" in found.values()  # the other four are only near by embedding
    assert {r["match"] for r in s.search("zqxwvyt", mode="hybrid", k=5)} == {"meaning"}
    assert {r["match"] for r in s.search(word, mode="text", k=5)} == {"words"}
    res = run("search", "zqxwvyt", "--db", built["db"], "--format", "pretty")
    assert "no document holds these words" in res.stdout


@pytest.mark.slow
def test_search_command_with_the_real_encoder(built):
    doc_id, word = _rare_word(built["records"])
    res = run("search", word, "--db", built["db"], "--format", "jsonl")
    assert doc_id in [json.loads(line)["doc_id"] for line in res.stdout.splitlines()]


def test_trends_count_matching_and_all_documents(built, con):
    recs = built["records"]
    actor = Counter(e["kb_id"] for r in recs.values() for e in r["entities"]).most_common(1)[0][0]
    rows = trends(con, "month", match=Filters(actor=actor))
    total, matching = Counter(), Counter()
    for r in recs.values():
        month = r["source"]["published"][:7] + "-01"
        total[month] += 1
        matching[month] += any(e["kb_id"] == actor for e in r["entities"])
    assert {r["period"]: (r["matching"], r["total"]) for r in rows if r["total"]} == \
        {m: (matching[m], total[m]) for m in total}
    assert all(r["ratio"] == round(r["matching"] / r["total"], 4) for r in rows if r["total"])
    res = run("trends", "--actor", actor, "--by", "week", "--db", built["db"])
    assert res.stdout.splitlines()[0] == "period,matching,total,ratio"


def test_trends_within_a_window_of_dates(built, con):
    """--since/--until keep the documents published in the window (matching and all), by SQL, by the resident
    snapshot and on the command line; a window that ends before it starts is refused."""
    recs = built["records"]
    days = sorted({r["source"]["published"][:10] for r in recs.values()})
    assert len(days) >= 3
    since, until = date.fromisoformat(days[1]), date.fromisoformat(days[-2])
    actor = Counter(e["kb_id"] for r in recs.values() for e in r["entities"] if e.get("kb_id")).most_common(1)[0][0]
    rows = trends(con, "day", match=Filters(actor=actor), since=since, until=until)
    inside = [r for r in recs.values() if days[1] <= r["source"]["published"][:10] <= days[-2]]
    assert rows[0]["period"] == days[1] and rows[-1]["period"] == days[-2]
    assert sum(r["total"] for r in rows) == len(inside) < len(recs)
    assert sum(r["matching"] for r in rows) == sum(any(e["kb_id"] == actor for e in r["entities"]) for r in inside)
    s = Searcher(con.cursor(), watch=False, resident=True)
    assert trends(con, "day", match=Filters(actor=actor), since=since, until=until, searcher=s) == rows
    res = run("trends", "--actor", actor, "--by", "day", "--since", days[1], "--until", days[-2], "--db", built["db"])
    assert [line.split(",")[0] for line in res.stdout.splitlines()[1:]] == [r["period"] for r in rows]
    bad = run("trends", "--actor", actor, "--since", days[-1], "--until", days[0], "--db", built["db"])
    assert bad.exit_code == 2 and "before --since" in bad.output
    with pytest.raises(ValueError, match="before since"):
        trends(con, "day", match=Filters(actor=actor), since=until, until=since)


def test_planted_copies_are_grouped_with_their_original(built, con):
    info = built["info"]
    groups = copy_groups(con)
    group_of = {d["doc_id"]: g.id for g in groups for d in g.docs}
    found = Counter()
    planted = Counter()
    for d, i in info.items():
        if i["copy_of"] and i["copy_of"] in info:
            planted[i["edit"]] += 1
            found[i["edit"]] += group_of.get(d) is not None and group_of.get(d) == group_of.get(i["copy_of"])
    assert set(planted) == set(EDIT_KINDS)
    for kind in EDIT_KINDS:
        assert found[kind] / planted[kind] >= 0.8, (kind, found[kind], planted[kind])
    family = {}
    for d, i in info.items():
        family[d] = family.get(i["copy_of"], i["copy_of"]) if i["copy_of"] else d
    wrong = sum(1 for g in groups for x in g.docs if family[x["doc_id"]] != family[g.docs[0]["doc_id"]])
    assert wrong <= 0.05 * sum(len(g.docs) for g in groups)
    for g in groups:
        days = [x["published"] for x in g.docs]
        assert days[0] == min(days)
    edges = provenance_edges(con, groups)
    assert any(e["cited"] for e in edges) and any(e["copies"] for e in edges)
    res = run("copies", "--db", built["db"], "--format", "jsonl")
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == len(groups)
    assert all({"doc_id", "path", "outlet", "published"} <= set(d) for g in lines for d in g["documents"])
    # one lookup: a stored copy's text finds its original
    d = next(d for d, i in info.items() if i["copy_of"] in info and i["edit"] == "trim")
    r = built["records"][d]
    body = "\n\n".join(r["text"][b["start"]:b["end"]] for b in r["body"])
    assert info[d]["copy_of"] in {x for x, _ in CopyIndex(con).lookup(body, exclude=d)}


def test_stories_gather_the_documents_of_one_story(built, con):
    info = built["info"]
    got = dict(con.execute("SELECT doc_id, story_id FROM story_docs").fetchall())
    assert set(got) == set(info)
    # purity: most documents of a found story come from one planted story
    by_story = defaultdict(list)
    for d, s in got.items():
        by_story[s].append(info[d]["story"])
    pure = sum(Counter(v).most_common(1)[0][1] for v in by_story.values())
    assert pure / len(got) >= 0.9
    res = run("stories", "--db", built["db"], "--format", "jsonl")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(r["documents"] >= 2 and r["first_report"] and r["outlets"] for r in rows)
    first = rows[0]
    assert first["first"] == min(built["records"][d]["source"]["published"] for d, s in got.items() if s == first["story"])


def test_outlet_profile_figures_and_evidence(built, con):
    recs = built["records"]
    outlet = Counter(r["source"]["outlet"] for r in recs.values()).most_common(1)[0][0]
    mine = [r for r in recs.values() if r["source"]["outlet"] == outlet]
    p = profile(con, outlet, copy_edges=provenance_edges(con, copy_groups(con)))
    assert p["documents"] == len(mine)
    words = sum(len("\n\n".join(r["text"][b["start"]:b["end"]] for b in r["body"]).split()) for r in mine)
    assert p["words"] == words
    n_tech = sum(len(r["techniques"]) for r in mine)
    assert p["techniques_per_1000_words"] == round(1000 * n_tech / words, 2)
    for t in p["techniques"]:
        for e in t["evidence"]:
            assert recs[e["doc_id"]]["text"][e["start"]:e["end"]] == e["text"]
            assert recs[e["doc_id"]]["source"]["outlet"] == outlet
    res = run("outlet", outlet, "--db", built["db"], "--format", "json")
    assert json.loads(res.stdout)["outlet"] == outlet
    assert run("outlet", "no such outlet", "--db", built["db"]).exit_code == 1


def test_report_terminal_and_self_contained_html(built, tmp_path):
    res = run("report", "--db", built["db"], "--html", tmp_path / "r.html")
    assert res.exit_code == 0 and "documents by outlet and month" in res.stdout
    page = (tmp_path / "r.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 4
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "<script" not in page


def test_outlet_profile_shows_imported_ratings_apart(built, tmp_path):
    recs = built["records"]
    outlet = Counter(r["source"]["outlet"] for r in recs.values()).most_common(1)[0][0]
    kb = tmp_path / "ratings.yaml"
    kb.write_text(f"""actors:
  - id: rated-outlet
    name: {outlet}
    type: media
    ratings:
      - source: Test Ratings
        date: 2026-01-01
        factuality: mixed
        bias: right
""", encoding="utf-8")
    res = run("outlet", outlet, "--db", built["db"], "--kb", kb, "--format", "json")
    assert res.exit_code == 0, res.output
    p = json.loads(res.stdout)
    assert p["ratings"] == [{"source": "Test Ratings", "date": "2026-01-01", "factuality": "mixed", "bias": "right",
                             "actor": "rated-outlet"}]
    res = run("outlet", outlet, "--db", built["db"], "--kb", kb)
    assert "rated by Test Ratings (2026-01-01): factuality mixed, bias right" in res.stdout


def test_stories_carry_on_across_ingest_runs(tmp_path):
    pairs = list(corpus(120, seed=4))
    vec = {r["doc_id"]: i["vec"] for r, i in pairs}
    by_title = {r["source"]["title"]: i["vec"] for r, i in pairs}

    def embed(texts):
        return np.stack([by_title[t.split("\n", 1)[0]] for t in texts])
    db = tmp_path / "c.duckdb"
    for half in (pairs[:60], pairs[60:]):
        con = store.connect(db, write=True, create=True)
        path = tmp_path / "half.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r, _ in half))
        ingest(con, [str(path)], pipeline_factory=lambda: None, embed=embed, on_batch=StoryAssigner(con).assign)
        con.close()
    con = store.connect(db)
    story = dict(con.execute("SELECT doc_id, story_id FROM story_docs").fetchall())
    # documents with one topic vector share one story, also when they came in different runs
    for a in story:
        for b in story:
            same_vec = np.allclose(vec[a], vec[b])
            assert (story[a] == story[b]) == same_vec or not same_vec
    assert len(set(story.values())) == len({tuple(np.round(v, 5)) for v in vec.values()})


def test_an_undated_document_and_a_dated_one_never_share_a_story(tmp_path):
    """With no date to compare, two texts on one topic are not known to be one story: the undated ones
    form stories of their own, and the dated ones join by the window."""
    pairs = list(corpus(6, seed=3))
    one_topic = pairs[0][1]["vec"]
    records = [r for r, _ in pairs]
    for r, day in zip(records, (None, "2026-03-01", None, "2026-03-03", "2026-05-20", None)):
        r["source"]["published"] = day

    def embed(texts):
        return np.stack([one_topic for _ in texts])
    db = tmp_path / "c.duckdb"
    con = store.connect(db, write=True, create=True)
    path = tmp_path / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    ingest(con, [str(path)], pipeline_factory=lambda: None, embed=embed, on_batch=StoryAssigner(con).assign)
    story = dict(con.execute("SELECT doc_id, story_id FROM story_docs").fetchall())
    con.close()
    ids = [r["doc_id"] for r in records]
    undated, march, may = {story[ids[i]] for i in (0, 2, 5)}, {story[ids[i]] for i in (1, 3)}, story[ids[4]]
    assert len(undated) == 1 and len(march) == 1 and len(undated | march | {may}) == 3


def test_a_searcher_sees_documents_stored_after_it_was_made(tmp_path):
    """The in-memory snapshot (embedding matrix, full-text docids) is read again when the store changes."""
    from spinscope.corpus.ingest import Ingester
    pairs = list(corpus(60, seed=5, copy_rate=0.0))
    rng = np.random.default_rng(1)
    vec = {r["doc_id"]: (lambda v: v / np.linalg.norm(v))(rng.normal(0, 1, 384).astype(np.float32)) for r, _ in pairs}
    text_vec = {}

    def embed(texts):
        return np.stack([text_vec[t] for t in texts])
    from spinscope.corpus.ingest import embedding_text
    for r, _ in pairs:
        text_vec[embedding_text(r)] = vec[r["doc_id"]]
    con = store.connect(tmp_path / "g.duckdb", write=True, create=True)
    writer = Ingester(con, embed=embed)
    writer.write([r for r, _ in pairs[:40]])
    refresh_index(con)
    s, other, fixed = Searcher(con, resident=True), Searcher(con.cursor()), Searcher(con.cursor(), watch=False)
    late = pairs[50][0]
    word = max(late["text"][late["body"][0]["start"]:late["body"][0]["end"]].split(), key=len).strip(".").lower()
    assert late["doc_id"] not in {d for d, _ in s.semantic(vec[late["doc_id"]], Filters(), k=5)}
    assert late["doc_id"] not in {d for d, _ in fixed.text(word, Filters(), k=100)}
    assert s.snapshot() is other.snapshot() is fixed.snapshot()  # searchers of one file share the matrix
    writer.write([r for r, _ in pairs[40:]])
    refresh_index(con)
    assert s.semantic(vec[late["doc_id"]], Filters(), k=1)[0][0] == late["doc_id"]
    assert late["doc_id"] in {d for d, _ in s.text(word, Filters(), k=100)}
    assert late["doc_id"] in {d for d, _ in s.text(word, Filters(outlet=late["source"]["outlet"]), k=100)}
    assert [r["doc_id"] for r in s.search(word, mode="text", k=100)] == [d for d, _ in s.text(word, Filters(), k=100)]
    # a searcher that does not watch keeps its snapshot (the server makes new ones after its writes)
    assert late["doc_id"] not in {d for d, _ in fixed.text(word, Filters(), k=100)}
    assert late["doc_id"] in {d for d, _ in Searcher(con.cursor(), watch=False).text(word, Filters(), k=100)}
    assert s.search(word, mode="text", k=100) == other.search(word, mode="text", k=100)
    con.close()


def test_searcher_filters_select_what_the_sql_filters_select(built, con):
    """Searcher.allowed (layer tables read one by one, sets intersected) equals Filters.sql over documents."""
    from datetime import date
    recs = built["records"]
    actor = Counter(e["kb_id"] for r in recs.values() for e in r["entities"]).most_common(3)[-1][0]
    outlet = Counter(r["source"]["outlet"] for r in recs.values()).most_common(1)[0][0]
    s = Searcher(con)
    snap = s.snapshot()
    cases = [Filters(actor=actor), Filters(outlet=outlet.upper()), Filters(technique="fear", since=date(2026, 3, 1)),
             Filters(actor=actor, technique="doubt", until=date(2026, 9, 1)), Filters(event="accuse", outlet=outlet),
             Filters(narrative="narrative-3", story=1), Filters(place="nowhere")]
    for f in cases:
        where, params = f.sql()
        want = {d for (d,) in con.execute(f"SELECT doc_id FROM documents d WHERE {where}", params).fetchall()}
        assert {snap.ids[r] for r in s.allowed(snap, f)} == want, f
    assert s.allowed(snap, Filters()) is None


def test_in_memory_search_answers_as_the_sql_search(built, con):
    """The resident search (postings, dictionary and columns in memory, query words stemmed in Python) and the
    queried one return exactly what the search of every step a query returned (tests/search_reference.py): same
    documents, order, scores, passages and highlights, for text, semantic and hybrid, with and without filters."""
    import random
    from datetime import date
    from .search_reference import ReferenceSearcher
    from .serve_corpus import encode
    recs = built["records"]
    rng = random.Random(4)
    titles = [w for r in recs.values() for w in (r["source"].get("title") or "").split()]
    outlets = sorted({r["source"]["outlet"] for r in recs.values()})
    actors = sorted({e["kb_id"] for r in recs.values() for e in r["entities"] if e.get("kb_id")})
    queries = ["the of and", "Zürich élite café naïve", "running runs ran", "", "12345", "don't stop", "ÉCHO façade",
               "changes followed regarding"]  # stopwords whose stems other words share
    queries += [" ".join(rng.sample(titles, rng.randint(1, 3))) for _ in range(40)]
    filters = [Filters(), Filters(outlet=outlets[0]), Filters(outlet=outlets[1].upper()), Filters(outlet="Écho Nord"),
               Filters(since=date(2026, 3, 1)), Filters(until=date(2026, 6, 30), outlet=outlets[2]),
               Filters(actor=actors[0]), Filters(technique="fear", since=date(2026, 2, 1)),
               Filters(actor=actors[1], outlet=outlets[3], until=date(2026, 9, 1))]
    resident = Searcher(con.cursor(), encode=encode, watch=False, resident=True)
    queried = Searcher(con.cursor(), encode=encode)
    ref = ReferenceSearcher(con.cursor(), encode=encode)
    found = 0
    for i, q in enumerate(queries):
        f = filters[i % len(filters)] if i % 2 else Filters()
        for mode in ("text", "semantic", "hybrid"):
            k = (5, 20, 100)[i % 3]
            want = ref.search(q, f, mode=mode, k=k)
            assert resident.search(q, f, mode=mode, k=k) == want, (q, f, mode, k)
            assert queried.search(q, f, mode=mode, k=k) == want, (q, f, mode, k)
            found += bool(want)
    assert found > 80  # most searches find something: the comparison is not of empty lists


def test_a_resident_searcher_over_an_empty_store_finds_nothing(tmp_path):
    from datetime import date
    con = store.connect(tmp_path / "empty.duckdb", write=True, create=True)
    refresh_index(con)
    s = Searcher(con, encode=lambda texts: np.zeros((len(texts), 384), dtype=np.float32), watch=False, resident=True)
    s.warm()
    for mode in ("text", "semantic", "hybrid"):
        assert s.search("hello wörld", Filters(outlet="x", since=date(2020, 1, 1)), mode=mode) == []
        assert s.search("hello", mode=mode) == []
    con.close()


def test_resident_trends_count_as_the_query(built, con):
    """trends() over a resident searcher's snapshot (the server's) equals the SQL count, by day, week and month, with a
    query, the layer filters and an outlet (exact, other case, unknown, not ASCII)."""
    recs = built["records"]
    words = [w for r in recs.values() for w in (r["source"].get("title") or "").split()][:30]
    outlets = sorted({r["source"]["outlet"] for r in recs.values()})
    actor = Counter(e["kb_id"] for r in recs.values() for e in r["entities"] if e.get("kb_id")).most_common(1)[0][0]
    s = Searcher(con.cursor(), watch=False, resident=True)
    cases = [dict(query=words[0]), dict(query=" ".join(words[1:3]), outlet=outlets[0]),
             dict(query="the of and"), dict(query="Zürich", outlet="Écho"), dict(match=Filters(actor=actor)),
             dict(match=Filters(technique="fear"), outlet=outlets[1].upper()), dict(query=words[3], outlet="nowhere"),
             dict(query=words[4], match=Filters(narrative="narrative-3"))]
    for case in cases:
        for by in ("day", "week", "month"):
            want = trends(con, by, **case)
            assert trends(con, by, searcher=s, **case) == want, (case, by)
            assert case.get("outlet") in ("nowhere", "Écho") or sum(r["total"] for r in want) > 0


def test_report_counts_documents_without_an_outlet_or_a_date(tmp_path):
    """A folder of plain text files has neither: the overview says so and counts them, not an empty table."""
    (tmp_path / "a.txt").write_text("Harbour Reopens\n\nThe harbour of Lindby reopened on Monday after repairs.\n",
                                    encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({
        "text": "Talks Resume\n\nThe talks resumed in Oslo on Tuesday.", "outlet": "Daily Tide",
        "date": "2026-03-04", "url": "https://example.org/talks"}) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    stages = ["--disable", "techniques", "--disable", "narratives", "--no-embeddings"]
    assert run("ingest", tmp_path / "a.txt", tmp_path / "b.jsonl", "--db", db, *stages).exit_code == 0
    res = run("report", "--db", db)
    assert res.exit_code == 0, res.output
    head = " ".join(res.stdout.split())
    assert "2 documents (1 without an outlet, 1 undated), 1 outlets" in head
    for cell in ("(unknown)", "(undated)", "Daily Tide", "2026-03"):
        assert cell in res.stdout


def test_outlet_grid_shows_the_biggest_outlets_and_folds_long_periods():
    """190 outlets over 14 months cannot be read in a terminal: the biggest outlets, the rest in one row,
    and quarters once the months do not fit."""
    from spinscope.corpus.report import UNDATED, outlet_periods
    by_month = [{"outlet": f"site{i:03d}", "month": f"2016-{1 + i % 12:02d}", "documents": 1} for i in range(190)]
    by_month += [{"outlet": "Big Wire", "month": m, "documents": 5} for m in ("2016-01", "2017-02")]
    by_month += [{"outlet": "Big Wire", "month": UNDATED, "documents": 2}]
    periods, rows = outlet_periods(by_month, top=3)
    assert periods == ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4", "2017-Q1", UNDATED]
    assert [r["outlet"] for r in rows] == ["Big Wire", "site000", "site001", "(188 other outlets)"]
    assert rows[0]["2016-Q1"] == 5 and rows[0]["2017-Q1"] == 5 and rows[0][UNDATED] == 2
    assert sum(r[p] or 0 for r in rows for p in periods if r[p] != "") == 190 + 12
    periods, rows = outlet_periods(by_month[:5], top=15)  # few months: months, every outlet
    assert periods == ["2016-01", "2016-02", "2016-03", "2016-04", "2016-05"] and len(rows) == 5


def test_report_counts_an_actor_once_whatever_the_document_wrote(tmp_path):
    """'Russian airstrikes' (the nationality, linked to the state) and 'Russia bombed' are one actor's events."""
    from spinscope.corpus.report import overview
    rows = [("Strikes Near Idlib\n\nRussian airstrikes hit the town of Saraqib on Monday, local officials said.",
             "2016-03-04"),
            ("Bombing Goes On\n\nRussia bombed the town of Maarat al-Numan on Tuesday, residents said.", "2016-07-05")]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"text": t, "outlet": f"Wire {i}", "date": d}) + "\n"
                                              for i, (t, d) in enumerate(rows)), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run("ingest", tmp_path / "a.jsonl", "--db", db, "--disable", "techniques", "--disable", "narratives",
               "--no-embeddings").exit_code == 0
    con = store.connect(str(db))
    names = {n for (n,) in con.execute("SELECT actor_name FROM events WHERE actor_name IS NOT NULL").fetchall()}
    assert names == {"Russian", "Russia"}  # the records keep what each document wrote
    assert [(e["type"], e["actor"], e["count"]) for e in overview(con)["events"]] == [("ASSAULT", "Russia", 2)]
    con.close()


def _with_comments(rec: dict, comments: list[tuple[str, str | None, str | None]]) -> dict:
    """The record with reader comments (text, posted, marker kind or None) appended after its text."""
    text = rec["text"]
    rec = {**rec, "comments": [], "markers": [m for m in rec["markers"] if m["comment"] is not None]}
    for n, (words, posted, kind) in enumerate(comments, 1):
        text += "\n\n"
        start = len(text)
        text += words
        rec["comments"].append({"id": f"c{n}", "parent": None, "author": f"reader{n}", "depth": 0, "start": start,
                                "end": len(text), "empty": False, "posted": posted})
        if kind:
            rec["markers"].append({"kind": kind, "term": words.split()[-1], "score": 0.7, "comment": f"c{n}",
                                   "start": len(text) - len(words.split()[-1]), "end": len(text)})
    rec["text"] = text
    return rec


def test_trends_of_hostile_comments_by_the_date_their_page_gives(tmp_path):
    a, b = (r for r, _ in corpus(2, seed=7))
    a = _with_comments(a, [("They are all traitors", "2016-10-03", "insult"), ("Good report", "2016-10-03", None),
                           ("Undated and vile vermin", None, "hate")])
    b = _with_comments(b, [("The globalists planned it", "2016-10-17", "conspiracy"), ("Thanks", "2016-10-18", None)])
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (a, b)), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", str(tmp_path / "r.jsonl"), "--db", db, "--no-embeddings").exit_code == 0
    res = run("trends", "--comments", "--by", "week", "--db", db, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows == [{"period": "2016-10-03", "matching": 1, "total": 2, "ratio": 0.5},
                    {"period": "2016-10-10", "matching": 0, "total": 0, "ratio": 0.0},
                    {"period": "2016-10-17", "matching": 1, "total": 2, "ratio": 0.5}]
    res = run("trends", "--comments", "--marker", "conspiracy", "--by", "month", "--db", db, "--format", "jsonl")
    assert [json.loads(line) for line in res.output.splitlines()] == [
        {"period": "2016-10-01", "matching": 1, "total": 4, "ratio": 0.25}]
    assert run("trends", "--marker", "hate", "--db", db).exit_code == 2
    assert run("trends", "x", "--comments", "--db", db).exit_code == 2


def _article(seed: int, n: int) -> list[str]:
    """n sentences of made-up words, the same for the same seed."""
    import random
    rng = random.Random(seed)
    syll = ["ka", "lo", "mi", "ra", "te", "su", "vin", "dor", "pel", "qua", "zen", "bri", "mon", "tas", "gul"]
    return [" ".join("".join(rng.choice(syll) for _ in range(2)) for _ in range(12)).capitalize() + "."
            for _ in range(n)]


def test_an_excerpt_under_another_outlets_header_is_a_copy(tmp_path):
    """A re-post of the first two fifths of an article with the copier's own lines around it has a Jaccard under
    0.5 with its source (journey33's three fifths: 0.477), but most of it is in the source: a copy, with `contained` near 1. An
    article that only shares a short quoted passage with another is not."""
    src = _article(1, 60)
    excerpt = ["Our readers first: support independent media today, share it with a friend."] + _article(2, 2) + \
        src[:24] + _article(3, 2)
    other = _article(4, 30) + src[:4]  # a four-sentence quotation of the source, 48 words
    rows = [{"text": "Original headline\n\n" + "\n\n".join(src), "outlet": "Source Daily", "date": "2026-05-01"},
            {"text": "Excerpt headline\n\n" + "\n\n".join(excerpt), "outlet": "Copier Wire", "date": "2026-05-02"},
            {"text": "Other headline\n\n" + "\n\n".join(other), "outlet": "Third Post", "date": "2026-05-03"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    con = store.connect(tmp_path / "c.duckdb", write=True, create=True)
    ingest(con, [str(path)], pipeline_factory=lambda: spinscope.Pipeline(
        spinscope.Config.from_dict({"pipeline": {"stages": ["clean"]}})), embed=None)
    groups = copy_groups(con)
    assert [[d["outlet"] for d in g.docs] for g in groups] == [["Source Daily", "Copier Wire"]]
    copy_ = groups[0].docs[1]
    assert copy_["similarity"] < 0.5 and copy_["contained"] >= 0.7
    index = CopyIndex(con)
    assert {d for d, _ in index.lookup("\n\n".join(src[:24]))} == {d["doc_id"] for d in groups[0].docs}
    con.close()
