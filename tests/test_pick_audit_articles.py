"""tools/pick_audit_articles.py: the `--scope events` candidates of round 18 (stop 35)."""
from __future__ import annotations

import importlib.util

from .conftest import ROOT

TOOL = ROOT / "tools" / "pick_audit_articles.py"


def _tool():
    spec = importlib.util.spec_from_file_location("pick_audit_articles", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_named_in_is_a_whole_word_test():
    named = _tool().named_in("audit: ptc/articles/article123.txt and nyt_2016-01-01_a-b-c, 4567")
    assert named("123") is False  # part of "article123"
    assert named("article123") and named("nyt_2016-01-01_a-b-c") and named("4567")
    assert not named("456") and named("nyt_2016")  # "nyt_2016-..." follows: a hyphen ends a word, as in git grep -w


def _corpus(tmp_path):
    (tmp_path / "ptc/articles").mkdir(parents=True)
    (tmp_path / "polnear/train/text").mkdir(parents=True)
    for n in ("111000001", "111000002", "111000003"):
        (tmp_path / f"ptc/articles/article{n}.txt").write_text("A title about a budget\n\nBody.\n")
    (tmp_path / "ptc/articles/article111000004.txt").write_text("Putin and Syria\n\nBody.\n")
    for stem in ("nyt_x-a", "nyt_x-b"):
        (tmp_path / f"polnear/train/text/{stem}.txt").write_text("A campaign story.\n")
    return tmp_path


def test_scope_events_excludes_only_what_events_files_name(tmp_path, monkeypatch):
    mod = _tool()
    corpus = _corpus(tmp_path)
    # an events audit names article111000001 and nyt_x-a; some other tracked file names 111000002 (no exclusion)
    monkeypatch.setattr(mod, "_events_text", lambda: "articles:\n  - ptc/articles/article111000001.txt\n  - nyt_x-a\n")
    monkeypatch.setattr(mod, "_named", lambda word: word in {"111000002", "article111000001", "nyt_x-a"})
    ptc, pol = mod.candidates("all", "salt", corpus, scope="events")
    assert sorted(p.stem for p in ptc) == ["article111000002", "article111000003", "article111000004"]
    assert [p.stem for p in pol] == ["nyt_x-b"]
    ptc_all, pol_all = mod.candidates("all", "salt", corpus, scope="all")
    assert sorted(p.stem for p in ptc_all) == ["article111000003", "article111000004"]
    campaign, _ = mod.candidates("campaign", "salt", corpus, scope="events")
    assert "article111000004" not in {p.stem for p in campaign}  # the seeds' theatre in its title: genre


def test_events_paths_name_the_audits_and_examples():
    mod = _tool()
    assert "bench/gold/events*" in mod.EVENTS_PATHS and "docs/examples.md" in mod.EVENTS_PATHS
    text = mod._events_text()
    # every file of the last held-out audit is named by the events files
    assert mod.named_in(text)("wash-post_2016-04-17_cruz-wins-most-wyo-delegates-in-")


def test_examples_not_taken_notes_do_not_exclude():
    mod = _tool()
    text = "Articles: `nyt_a-b` (4).\n\n(The next two in the order, not taken: `nyt_c-d` and\n`wash-post_e-f`, both 3.)\n"
    named = mod.named_in(mod.NOT_TAKEN.sub("", text))
    assert named("nyt_a-b") and not named("nyt_c-d") and not named("wash-post_e-f")


def test_scope_techniques_heldout_takes_only_the_split_unnamed(tmp_path, monkeypatch):
    """Round 19 (stop 36): fresh14's source is the techniques' PTC held-out split, minus what events files name."""
    import hashlib

    mod = _tool()
    corpus = _corpus(tmp_path)
    (tmp_path / "ptc/articles/article111000005.txt").write_text("Another title\n\nBody.\n")
    monkeypatch.setattr(mod, "_techniques_heldout", lambda: ["111000001", "111000002", "111000004", "111000005"])
    monkeypatch.setattr(mod, "_events_text", lambda: "docs: article111000002 was audited; 111000004 too\n")
    ptc, pol = mod.candidates("all", "s", corpus, scope="techniques-heldout")
    assert pol == []  # no PolNeAR file
    assert sorted(p.stem for p in ptc) == ["article111000001", "article111000005"]  # 3: not held out; 2, 4: named
    order = lambda p: hashlib.sha256(f"s:{p.name}".encode()).hexdigest()  # noqa: E731
    assert ptc == sorted(ptc, key=order)
    # the other scopes still leave the held-out split out
    ptc_ev, _ = mod.candidates("all", "s", corpus, scope="events")
    assert {p.stem for p in ptc_ev}.isdisjoint({"article111000001", "article111000005"})


def test_techniques_heldout_is_the_split_file():
    assert len(_tool()._techniques_heldout()) == 60


def test_scope_polnear_dev_takes_only_dev_unnamed(tmp_path, monkeypatch):
    """Stop 36 (fresh15): the source is PolNeAR dev, minus what events files name, in salted hash order."""
    import hashlib

    mod = _tool()
    corpus = _corpus(tmp_path)
    (tmp_path / "polnear/dev/text").mkdir(parents=True)
    for stem in ("nyt_d-a", "nyt_d-b", "wash-post_d-c", "politico_d-d"):
        (tmp_path / f"polnear/dev/text/{stem}.txt").write_text("A dev story.\n")
    monkeypatch.setattr(mod, "_events_text", lambda: "audit: polnear/dev/text/nyt_d-b.txt; nyt_x-b; article111000003\n")
    ptc, pol = mod.candidates("all", "salt36", corpus, scope="polnear-dev")
    assert ptc == []  # no PTC article
    assert sorted(p.stem for p in pol) == ["nyt_d-a", "politico_d-d", "wash-post_d-c"]  # nyt_d-b: named
    assert all(p.parent == corpus / "polnear/dev/text" for p in pol)  # no train file (nyt_x-a is unnamed, not taken)
    order = lambda p: hashlib.sha256(f"salt36:{p.name}".encode()).hexdigest()  # noqa: E731
    assert pol == sorted(pol, key=order)
    # the other scopes never take a dev file
    _, pol_ev = mod.candidates("all", "salt36", corpus, scope="events")
    assert all("dev" not in p.parts for p in pol_ev)


def test_scope_lgl_takes_unnamed_lgl_texts_of_the_genre(tmp_path, monkeypatch):
    """Stop 38 (fresh17): the source is LGL's texts that no events file names and that match GENRE once, salted order."""
    import hashlib

    mod = _tool()
    corpus = _corpus(tmp_path)
    (tmp_path / "lgl/text").mkdir(parents=True)
    texts = {"1001": "Troops moved into the town on Monday.\n", "1002": "The school board met on Monday.\n",
             "1003": "A missile hit the border post.\n", "1004": "Iranian officials said the war was over.\n",
             "1005": "Police said the fire was out.\n"}
    for stem, text in texts.items():
        (tmp_path / f"lgl/text/{stem}.txt").write_text(text)
    monkeypatch.setattr(mod, "_events_text", lambda: "audit: lgl/text/1003.txt; 10045\n")
    ptc, lgl = mod.candidates("all", "salt38", corpus, scope="lgl")
    assert ptc == []  # no PTC article, no PolNeAR file
    assert sorted(p.stem for p in lgl) == ["1001", "1004"]  # 1003: named; 1002, 1005: no GENRE word
    order = lambda p: hashlib.sha256(f"salt38:{p.name}".encode()).hexdigest()  # noqa: E731
    assert lgl == sorted(lgl, key=order)
    # fresh18's scope: the same exclusion, the texts with no GENRE word
    _, other = mod.candidates("all", "salt38", corpus, scope="lgl-other")
    assert sorted(p.stem for p in other) == ["1002", "1005"] and other == sorted(other, key=order)
    # the other scopes never take an LGL file
    ptc_ev, pol_ev = mod.candidates("all", "salt38", corpus, scope="events")
    assert all("lgl" not in p.parts for p in ptc_ev + pol_ev)


def test_scope_pages_takes_unnamed_news_pages_first(tmp_path, monkeypatch):
    """Stop 41 (fresh21): Dragnet pages of GENRE, then articlebench pages of GENRE, then other Dragnet pages, then
    (stop 44) the other articlebench pages, each salted, without the pages an events file names (a numeric Dragnet id only as a page name, not as any number)."""
    import gzip
    import hashlib
    import json

    mod = _tool()
    gold = [{"id": "R1", "content": "Troops crossed the border."}, {"id": "R2", "content": "A recipe for bread."},
            {"id": "17", "content": "The war went on."}, {"id": "18", "content": "NATO met again."},
            {"id": "R3", "content": "Syrian rebels fought on."}, {"id": "19", "content": "A garden show."}]
    (tmp_path / "dragnet/html").mkdir(parents=True)
    with gzip.open(tmp_path / "dragnet/gold.jsonl.gz", "wt") as f:
        f.write("".join(json.dumps(g) + "\n" for g in gold))
    (tmp_path / "articlebench").mkdir()
    (tmp_path / "articlebench/ground-truth.json").write_text(json.dumps(
        {"ab1": {"articleBody": "Putin spoke.", "url": "u"}, "ab2": {"articleBody": "Cats.", "url": "v"}}))
    # R3 is named as a word; 18 as a page file; "17" only as a number (not a page name): it stays
    monkeypatch.setattr(mod, "_events_text", lambda: "pages R3 and dragnet/html/18.html.gz; 17 events\n")
    ptc, pages = mod.candidates("all", "salt41", tmp_path, scope="pages")
    assert ptc == []
    names = [p.name for p in pages]
    order = lambda n: hashlib.sha256(f"salt41:{n}".encode()).hexdigest()  # noqa: E731
    assert names[:2] == sorted(["R1.html.gz", "17.html.gz"], key=order)
    assert names[2:3] == ["ab1.html.gz"] and pages[2].parent == tmp_path / "articlebench/html"
    assert names[3:5] == sorted(["R2.html.gz", "19.html.gz"], key=order)
    # stop 44 (fresh23): the articlebench pages outside GENRE come last, as a fourth run
    assert names[5:] == ["ab2.html.gz"] and pages[5].parent == tmp_path / "articlebench/html"
