"""The ratings importer: user-supplied outlet ratings -> a KB file of media actors with ratings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinscope.kb import load_kb
from spinscope.kb.cli import kb_group
from spinscope.kb.ratings import (ImportReport, RatingsError, import_ratings, normalize_domain, write_kb)


@pytest.fixture(scope="module")
def builtin():
    return load_kb()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("raw, expected", [
    ("rt.com", "rt.com"), ("https://www.RT.com/news/123?x=1", "rt.com"), ("http://sputniknews.com:80/", "sputniknews.com"),
    ("//www2.example.org/a", "example.org"), ("edition.cnn.com", "edition.cnn.com"), ("RT", None), ("", None),
    ("not a domain", None), ("mailto:x@y", None),
])
def test_normalize_domain(raw, expected):
    assert normalize_domain(raw) == expected


MBFC = {
    "version": 3, "date": "2025-11-26T14:00:36+00:00",
    "aliases": {"sputnikglobe.example": "sputniknews.com"},
    "questionable": {"P": "Propaganda", "C": "Conspiracy"},
    "sources": {
        "rt.com": {"b": "FN", "d": "rt.com", "n": "RT News", "r": "VL", "c": "L", "q": ["C", "P"], "u": "https://x/rt"},
        "edition.cnn.com": {"b": "L", "d": "edition.cnn.com", "n": "CNN", "r": "MF", "c": "M", "q": []},
        "sputniknews.com": {"b": "FN", "d": "sputniknews.com", "n": "Sputnik", "r": "L", "c": "L", "q": []},
        "newsite.example": {"b": "RC", "d": "newsite.example", "n": "New Site", "r": "H", "c": "H", "q": []},
        "noratings.example": {"d": "noratings.example", "n": "Nothing", "c": "NA", "q": []},
    },
}


def test_mbfc_small_file(tmp_path, builtin):
    path = write(tmp_path, "mbfc.json", json.dumps(MBFC))
    report = ImportReport()
    actors = {a.id: a for a in import_ratings(path, "mbfc", kb=builtin, report=report)}
    assert set(actors) == {"rt", "cnn", "sputnik", "newsite-example"}
    assert report.entries == 5 and len(report.matched) == 3 and report.new == 1
    rt = actors["rt"]
    assert rt.name == "RT" and rt.domains == builtin.get("rt").domains and rt.country == "RUS"  # built-in fields kept
    [r] = rt.ratings
    assert (r.source, r.date, r.factuality, r.bias) == ("Media Bias/Fact Check", "2025-11-26", "very low",
                                                         "questionable source")
    assert "FN" in r.notes and "VL" in r.notes and "propaganda" in r.notes and "rt.com" in r.notes
    assert actors["cnn"].ratings[0].bias == "left" and actors["cnn"].ratings[0].factuality == "mostly factual"
    new = actors["newsite-example"]
    assert (new.type, new.name, new.domains) == ("media", "New Site", ["newsite.example"])
    assert new.ratings[0].bias == "right-center" and new.ratings[0].factuality == "high"


def test_mbfc_source_date_and_only_known(tmp_path, builtin):
    path = write(tmp_path, "mbfc.json", json.dumps(MBFC))
    actors = import_ratings(path, "mbfc", source="MBFC 2025", date="2025-01-31", only_known=True, kb=builtin)
    assert sorted(a.id for a in actors) == ["cnn", "rt", "sputnik"]
    assert {(r.source, r.date) for a in actors for r in a.ratings} == {("MBFC 2025", "2025-01-31")}


def test_mbfc_alias_domain_matches(tmp_path, builtin):
    data = json.loads(json.dumps(MBFC))
    data["sources"] = {"other.example": {"b": "FN", "d": "other.example", "n": "X", "r": "L"}}
    data["aliases"] = {"sputniknews.com": "other.example"}  # the outlet is known to us by its alias domain
    actors = import_ratings(write(tmp_path, "m.json", json.dumps(data)), "mbfc", kb=builtin)
    assert [a.id for a in actors] == ["sputnik"]


def test_opensources_small_file(tmp_path, builtin):
    data = {"sputniknews.com": {"type": "bias", "2nd type": "state", "3rd type": "fake ", "Source Notes (things to know?)": ""},
            "zerohedge.com": {"type": "conspiracy", "2nd type": "", "3rd type": "", "Source Notes (things to know?)": "x"},
            "weird.example": {"type": "satirical", "2nd type": "", "3rd type": "", "Source Notes (things to know?)": ""}}
    actors = {a.id: a for a in import_ratings(write(tmp_path, "os.json", json.dumps(data)), "opensources", kb=builtin)}
    s = actors["sputnik"].ratings[0]
    assert s.source == "OpenSources" and s.factuality == "fake news" and s.bias == "extreme bias; state news"
    z = actors["zerohedge"].ratings[0]
    assert z.factuality == "conspiracy theory" and z.bias is None and z.notes.endswith("x")
    assert actors["weird-example"].ratings[0].factuality == "satire"


def test_baly_small_file(tmp_path, builtin):
    text = ("source_url\tsource_url_normalized\tref\tfact\tbias\n"
            "http://www.reuters.com\treuters.com\thttp://mbfc/reuters\thigh\tcenter\n"
            "https://unknown-outlet.example\tunknown-outlet.example\thttp://mbfc/u\tlow\tright\n")
    actors = {a.id: a for a in import_ratings(write(tmp_path, "baly.tsv", text), "baly", date="2020-07-05", kb=builtin)}
    r = actors["reuters"].ratings[0]
    assert (r.factuality, r.bias, r.date) == ("high", "center", "2020-07-05") and "Baly" in r.source
    assert actors["unknown-outlet-example"].ratings[0].bias == "right"


def test_baly_bad_header(tmp_path, builtin):
    with pytest.raises(RatingsError, match=r"baly.tsv:1: .*fact and bias"):
        import_ratings(write(tmp_path, "baly.tsv", "a\tb\n1\t2\n"), "baly", kb=builtin)


def test_csv_by_domain_and_by_name(tmp_path, builtin):
    text = ("outlet,factuality,bias,name\n"
            "https://www.theduran.com/x,low,right,\n"
            "Russia Today,low,,\n"
            "My Blog,mixed,left,\n"
            "blog.example.net,high,center,Example Blog\n")
    actors = {a.id: a for a in import_ratings(write(tmp_path, "mine.csv", text), "csv", source="my team", kb=builtin)}
    assert set(actors) == {"the-duran", "rt", "my-blog", "blog-example-net"}
    assert actors["rt"].ratings[0].factuality == "low" and actors["rt"].ratings[0].bias is None
    assert actors["the-duran"].ratings[0].source == "my team"
    assert actors["blog-example-net"].name == "Example Blog" and actors["blog-example-net"].domains == ["blog.example.net"]
    assert actors["my-blog"].domains == []


def test_csv_domain_column_and_errors(tmp_path, builtin):
    ok = write(tmp_path, "d.csv", "domain;factuality;bias\nzerohedge.com;low;right\n")
    assert [a.id for a in import_ratings(ok, "csv", kb=builtin)] == ["zerohedge"]
    with pytest.raises(RatingsError, match=r"bad.csv:1: no `outlet` or `domain` column"):
        import_ratings(write(tmp_path, "bad.csv", "site_name,fact\nx,y\n"), "csv", kb=builtin)
    with pytest.raises(RatingsError, match=r"empty.csv:3: field `outlet`"):
        import_ratings(write(tmp_path, "empty.csv", "outlet,bias\nrt.com,left\n,right\n"), "csv", kb=builtin)
    with pytest.raises(RatingsError, match="YYYY-MM-DD"):
        import_ratings(ok, "csv", date="31/01/2025", kb=builtin)
    with pytest.raises(RatingsError, match="unknown ratings format"):
        import_ratings(ok, "xml", kb=builtin)
    with pytest.raises(RatingsError, match=r"broken.json:1: not valid JSON"):
        import_ratings(write(tmp_path, "broken.json", "{"), "mbfc", kb=builtin)


def test_round_trip_write_then_load(tmp_path, builtin):
    path = write(tmp_path, "mbfc.json", json.dumps(MBFC))
    actors = import_ratings(path, "mbfc", kb=builtin)
    out = write_kb(actors, tmp_path / "ratings.yaml", header="test")
    kb = load_kb([out])
    assert len(kb) == len(builtin) + 1  # matched outlets override, one new outlet
    rt, before = kb.get("rt"), builtin.get("rt")
    assert rt.origin.startswith(str(out))
    for key in ("name", "type", "country", "code", "aliases", "domains", "note"):
        assert getattr(rt, key) == getattr(before, key), key
    assert rt.ratings == [a for a in actors if a.id == "rt"][0].ratings
    assert rt.ratings[0].date == "2025-11-26"  # a string, not a YAML date
    again = load_kb([write_kb(list(load_kb([out], builtin=True)), tmp_path / "all.yaml")], builtin=False)
    assert again.get("rt").ratings == rt.ratings and len(again) == len(kb)


def test_cli_import_show_stats(tmp_path):
    src = write(tmp_path, "mine.csv", "domain,factuality,bias\nrt.com,low,right\nnew.example,high,center\n")
    out = tmp_path / "out.yaml"
    runner = CliRunner()
    res = runner.invoke(kb_group, ["import-ratings", str(src), "--format", "csv", "--source", "Team",
                                   "--date", "2024-02-03", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "1 matched built-in outlets" in res.output and "1 new outlets" in res.output
    res = runner.invoke(kb_group, ["show", "rt.com", "--kb", str(out)])
    assert res.exit_code == 0 and "RT  [rt]  media" in res.output
    assert "rating (Team, 2024-02-03): factuality low; bias right" in res.output
    res = runner.invoke(kb_group, ["stats", "--kb", str(out)])
    assert res.exit_code == 0 and "media" in res.output and str(out) in res.output and "2 actors carry ratings" in res.output
    res = runner.invoke(kb_group, ["show", "no such actor at all"])
    assert res.exit_code != 0 and "no actor named" in res.output
    res = runner.invoke(kb_group, ["import-ratings", str(src), "--format", "csv", "--date", "2024", "--out", str(out)])
    assert res.exit_code != 0 and "YYYY-MM-DD" in res.output


# --- the real files in ../shared/corpus/sources ----------------------------------------------------

@pytest.mark.shared
def test_real_mbfc(shared, tmp_path, builtin):
    report = ImportReport()
    actors = import_ratings(shared / "corpus" / "sources" / "mbfc_combined.json", "mbfc", kb=builtin, report=report)
    assert report.entries > 8000 and len(report.matched) >= 80
    by_id = {a.id: a for a in actors}
    for outlet in ("rt", "southfront", "the-duran", "zerohedge", "moon-of-alabama", "al-masdar-news", "reuters", "bbc"):
        assert outlet in by_id and len(by_id[outlet].ratings) == 1, outlet
    rt = by_id["rt"].ratings[0]
    assert rt.factuality == "very low" and rt.bias == "questionable source" and rt.date == "2025-11-26"
    reuters = by_id["reuters"].ratings[0]
    assert reuters.factuality == "very high" and reuters.bias == "least biased"
    out = write_kb(actors, tmp_path / "mbfc.yaml")
    kb = load_kb([out])
    assert kb.get("rt").aliases == builtin.get("rt").aliases and kb.get("rt").ratings[0].source == "Media Bias/Fact Check"
    assert sum(1 for a in kb if a.ratings) == len(actors)


@pytest.mark.shared
def test_real_opensources_and_baly(shared, builtin):
    report = ImportReport()
    actors = {a.id: a for a in import_ratings(shared / "corpus" / "sources" / "opensources.json", "opensources",
                                               only_known=True, kb=builtin, report=report)}
    assert len(report.matched) >= 15 and len(actors) == len(report.matched)
    assert "state news" in actors["sputnik"].ratings[0].bias and actors["rt"].ratings[0].bias == "state news"
    baly_file = next((shared / "corpus" / "sources").glob("baly_*.tsv"))
    report = ImportReport()
    actors = {a.id: a for a in import_ratings(baly_file, "baly", only_known=True, kb=builtin, report=report)}
    assert len(report.matched) >= 20
    assert actors["reuters"].ratings[0].factuality == "high" and actors["reuters"].ratings[0].bias == "center"
