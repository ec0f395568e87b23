"""What a new analyst met walking a real corpus through the store, the commands and the web UI (stop 31):
titles and outlets shown as they are on the terminal, untitled documents told apart, empty sections said."""
from __future__ import annotations

import copy
import re

import httpx
import pytest
from click.testing import CliRunner

from bench.corpus_synth import corpus
from spinscope.cli import cli
from spinscope.serve.app import create_app
from spinscope.serve.settings import Settings

from .serve_corpus import Running, encode, store_records

ODD_OUTLET = "[/irony] Press"  # brackets are common in outlet names and titles ("[VIDEO]", "[updated]")
ODD_TITLE = "[video] Minister resigns [/satire]"
UNNAMED_SPEAKER = "Some Officials"


def _records():
    recs = [copy.deepcopy(r) for r, _ in corpus(4, seed=3, copy_rate=0.0)]
    recs[0]["source"]["outlet"] = ODD_OUTLET
    recs[0]["source"]["title"] = ODD_TITLE
    q = recs[1]["quotes"][0]  # a speaker no entity names (the entities stage missed it, or "the groups")
    q["speaker"] = {**q["speaker"], "entity": None, "name": UNNAMED_SPEAKER}
    for r in recs[2:]:  # two documents without any title: plain text files often have none
        r["source"]["title"] = None
        r["title"] = None
    return recs


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    recs = _records()
    db, _ = store_records(tmp_path_factory.mktemp("walk"), recs, encode, "walk.duckdb", batch_size=10)
    return {"db": str(db), "records": recs}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "400"})


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[│┃]", " ", text).split())


def test_outlet_names_and_titles_print_as_they_are_not_as_rich_markup(store):
    """A closing tag in an outlet name crashed the pretty tables; an opening one vanished from the cell."""
    res = run("outlets", "--db", store["db"], "--format", "pretty")
    assert res.exit_code == 0, res.output
    assert "[/irony]" in res.output
    res = run("report", "--db", store["db"])
    assert res.exit_code == 0, res.output
    assert "[/irony]" in res.output
    res = run("outlet", ODD_OUTLET, "--db", store["db"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith(ODD_OUTLET + ": 1 document,")


def test_pretty_table_cells_keep_brackets_and_neutralize_control_characters():
    import io

    from spinscope.corpus.output import write_rows
    out = io.StringIO()
    write_rows([{"title": "[video] Minister resigns", "outlet": "Wire\x1b[2J"}], "pretty", stream=out)
    assert "[video] Minister resigns" in _flat(out.getvalue())
    assert "\x1b" not in out.getvalue() and "\\x1b" in out.getvalue()


def test_outlet_profile_says_when_a_section_is_empty_and_counts_in_the_singular(store):
    res = run("outlet", ODD_OUTLET, "--db", store["db"])
    lines = res.output.splitlines()
    for head in ("narratives", "copies"):
        after = lines[lines.index(head) + 1]
        assert after.strip() in ("none", "none found"), (head, after)
    assert " in 1 documents" not in res.output and " 1 quotes " not in res.output


@pytest.fixture(scope="module")
def http(store):
    app = create_app(store["db"], Settings(), encode=encode)
    with Running(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def _opening(rec: dict, n: int = 8) -> str:
    body = rec["text"][rec["body"][0]["start"]:rec["body"][0]["end"]]
    return " ".join(body.split()[:n])


def test_untitled_documents_are_told_apart_by_their_first_words(store, http):
    untitled = store["records"][2:]
    page = http.get("/documents").text
    assert page.count("(untitled)") == 2
    for rec in untitled:
        assert f'<a href="/documents/{rec["doc_id"]}" dir="auto">(untitled) “{_opening(rec)}…”</a>' in page
        article = http.get(f"/documents/{rec['doc_id']}").text
        assert f"<h1 dir=\"auto\">(untitled) “{_opening(rec)}…”</h1>" in article
        assert http.get(f"/api/documents/{rec['doc_id']}").json()["source"]["title"] is None  # the record is as stored
    listed = {d["doc_id"]: d["title"] for d in http.get("/api/documents").json()["items"]}
    assert all(listed[r["doc_id"]] is None for r in untitled)


def test_narratives_page_does_not_say_no_dated_documents_when_only_narratives_are_missing(store, http):
    """Every document is dated; none holds a narrative: the page said "(no dated documents)"."""
    assert all(r["source"]["published"] for r in store["records"])
    page = http.get("/narratives").text
    assert "(no dated documents)" not in page
    assert "(no dated document with narratives)" in page


def test_outlet_page_counts_in_the_singular_and_says_when_no_copies_were_found(http):
    page = http.get("/outlets/" + httpx.URL(path=ODD_OUTLET).raw_path.decode().lstrip("/")).text
    assert re.search(r"\b1 documents\b", page) is None and re.search(r"\b1 quotes\b", page) is None
    copies = page.split("<h2>Copies</h2>", 1)[1].split("</section>", 1)[0]
    assert "None found." in copies


def test_every_speaker_link_opens_a_page(store, http):
    """The outlet page links speakers by name and the quotes page links a speaker without an entity by name: a KB
    actor's name and such a speaker's name both answered 404."""
    recs = store["records"]
    links = set()
    for path in ["/quotes"] + ["/outlets/" + httpx.URL(path=r["source"]["outlet"]).raw_path.decode().lstrip("/")
                               for r in recs]:
        links |= set(re.findall(r'href="(/actors/[^"]+)"', http.get(path).text))
    kb_name = recs[0]["quotes"][0]["speaker"]["name"]
    by_name = "/actors/" + httpx.URL(path=kb_name).raw_path.decode().lstrip("/")
    assert by_name in links and "/actors/Some%20Officials" in links
    for link in links:
        assert http.get(link).status_code == 200, link
    kb_id = next(e["kb_id"] for e in recs[0]["entities"] if e["name"] == kb_name)
    assert http.get("/api" + by_name).json()["kb_id"] == kb_id
    speaker = http.get("/api/actors/Some%20Officials").json()
    assert [q["doc_id"] for q in speaker["quotes"]] == [recs[1]["doc_id"]] and speaker["documents"] == 1
    assert http.get("/api/actors/Nobody%20Ever").status_code == 404


def test_an_empty_search_query_is_a_usage_error(store):
    """An empty query ranked every document by its embedding's closeness to nothing."""
    res = run("search", "  ", "--db", store["db"])
    assert res.exit_code == 2 and "QUERY is empty" in res.output


def test_trends_of_a_name_matching_nothing_say_so(store):
    """A mistyped KB id gave a table of zeros, read as "no attention"; now a warning says nothing matched."""
    kb_id = store["records"][0]["entities"][0]["kb_id"]
    res = CliRunner().invoke(cli, ["trends", "--actor", kb_id + "-typo", "--by", "month", "--db", store["db"],
                                   "--format", "csv"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "warning: no stored document matches --actor" in res.stderr
    assert res.stdout.startswith("period,matching,total,ratio")
    res = CliRunner().invoke(cli, ["trends", "--actor", kb_id, "--by", "month", "--db", store["db"], "--format", "csv"],
                             catch_exceptions=False)
    assert "warning" not in res.stderr


def test_text_search_finds_a_word_set_in_curly_quotes_and_old_indexes_are_rebuilt(tmp_path):
    """DuckDB's fts tokenizer cuts only at ASCII punctuation: “Word” was indexed with its quotes and a search for
    the word missed it. The index now cuts at every character that is not a letter; a store indexed the old way
    is indexed again the first time it is searched."""
    from spinscope.corpus import store as corpus_store
    from spinscope.corpus.cli import searchable
    from spinscope.corpus.search import FTS, Searcher
    recs = [copy.deepcopy(r) for r, _ in corpus(3, seed=5, copy_rate=0.0)]
    text = recs[0]["text"]
    body = recs[0]["body"][0]
    m = next(m for m in re.finditer(r" ([A-Za-z]{9,}) ", text[body["start"]:body["end"]])
             if not any(m.group(1)[:-2].lower() in r["text"].lower() for r in recs[1:]))
    word, at = m.group(1)[:-2], body["start"] + m.start(1)
    # the word, cut by two letters, set in curly quotes: same length, so every offset of the record holds
    recs[0]["text"] = text[:at] + "“" + word + "”" + text[at + len(word) + 2:]
    db, _ = store_records(tmp_path, recs, encode, "curly.duckdb", batch_size=10)
    with searchable(str(db)) as con:
        assert recs[0]["doc_id"] in [r["doc_id"] for r in Searcher(con).search(word, mode="text")]
    with corpus_store.connect(str(db), write=True) as con:  # as an older version built it
        corpus_store.load_extensions(con, "fts")
        con.execute(f"PRAGMA create_fts_index('documents', 'doc_id', 'title', 'body_text', stemmer = 'english', "
                    "stopwords = 'english', overwrite = 1)")
        con.execute("DELETE FROM meta WHERE key = 'fts_tokenizer'")
        assert con.execute(f"SELECT count(*) FROM {FTS}.dict WHERE term LIKE '“%'").fetchone()[0] > 0
    with searchable(str(db)) as con:
        assert recs[0]["doc_id"] in [r["doc_id"] for r in Searcher(con).search(word, mode="text")]
