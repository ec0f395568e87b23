"""The `places` layer: gazetteer keys, resolution rules, the stage on texts written for these tests, the cache."""
from __future__ import annotations

import sys

import pytest

from spinscope.extract.places.geoindex import CURATED, build_index, load_index
from spinscope.extract.places.placenames import loose_key, place_key
from spinscope.model import Document
from spinscope.pipeline import Pipeline

from .conftest import ROOT, SHARED


@pytest.fixture(scope="module")
def geo():
    from spinscope.extract.places.stage import geocoder

    return geocoder()


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(order=["clean", "parse", "entities", "places"])


def gid(geo, rec):
    return int(geo.index.geonameid[rec]) if rec is not None else None


def test_keys_ignore_articles_hyphens_and_case():
    assert place_key("Deir ez-Zor") == place_key("Deir Ezzor") == place_key("DEIR EZ ZOR") == "deir zor"
    assert place_key("al-Tanf") == place_key("At Tanf") == place_key("Tanf")
    assert place_key("Assad") == "assad"  # a glued article is only cut inside a name
    assert loose_key("Khmeimim") == loose_key("Hmeimim")
    assert loose_key("Dayr az Zawr") == loose_key("Deir al-Zour")


def test_context_country_wins_over_a_bigger_namesake(geo):
    libya = geo.resolve("Tripoli")
    lebanon = geo.resolve("Tripoli", geo.context({"LB"}, set()))
    assert geo.index.country[libya] == "LY"  # no context: the bigger city
    assert geo.index.country[lebanon] == "LB"


def test_a_us_mention_does_not_pull_towns_to_their_american_namesakes(geo):
    ctx = geo.context({"US", "SY"}, set())
    assert geo.index.country[geo.resolve("Palmyra", ctx)] == "SY"
    assert geo.index.country[geo.resolve("Geneva", geo.context({"US"}, set()))] == "CH"


@pytest.mark.parametrize("variants", [
    ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor", "DEIR EZ ZOR", "Deir Ez Zor"],
    ["Raqqa", "Ar Raqqah", "Raqqah", "al-Raqqa"],
    ["Aleppo", "Halab"],
    ["Kiev", "Kyiv"],
])
def test_transliterations_resolve_to_one_geonames_id(geo, variants):
    ids = {gid(geo, geo.resolve(v, geo.context({"SY", "UA"}, set()))) for v in variants}
    assert len(ids) == 1 and None not in ids and 0 not in ids


def test_palmyra_and_tadmur_are_one_place_in_a_syrian_text(geo):
    ctx = geo.context({"SY"}, set())
    assert geo.resolve("Palmyra", ctx) == geo.resolve("Tadmur", ctx)


def test_curated_places_beat_namesake_villages(geo):
    for name in ("Hmeimim", "Khmeimim", "al-Tanf", "Middle East", "Chechnya", "Euphrates River"):
        rec = geo.resolve(name)
        assert rec is not None and geo.index.kind[rec] == CURATED, name
    assert geo.resolve("Hmeimim") == geo.resolve("Khmeimim")


def test_acronyms_are_never_towns(geo):
    assert geo.resolve("UN") is None  # a town "Un" exists; the UN is not it
    assert geo.index.country[geo.resolve("US")] == "US"


def test_baseline_takes_the_biggest(geo):
    assert geo.index.country[geo.biggest("Tripoli")] == "LY"


TEXT = ("Convoy Reaches Palmyra\n\n"
        "Syrian troops escorted a convoy from Homs to Palmyra on Monday, the Russian defence ministry said. "
        "Russian jets flew from Hmeimim while American aircraft stayed near al-Tanf, officials in Syria said. "
        "Further east, the convoy reached Deir Ezzor city on the Euphrates River before dusk.\n")


@pytest.fixture(scope="module")
def doc(pipe):
    return pipe(Document(TEXT))


def test_places_of_a_text(doc):
    by_text = {doc.text[m.start:m.end]: p for p in doc.places for m in p.mentions}
    assert {"Palmyra", "Homs", "Hmeimim", "al-Tanf", "Syria", "Deir Ezzor", "Euphrates River"} <= set(by_text)
    assert by_text["Palmyra"].country_code == "SY" and by_text["Palmyra"].geonameid == 163808
    assert by_text["Syria"].geonameid is not None and by_text["Syria"].country_code == "SY"
    assert by_text["al-Tanf"].geonameid is None and by_text["al-Tanf"].country_code == "SY"


def test_demonyms_are_not_places(doc):
    texts = {doc.text[m.start:m.end] for p in doc.places for m in p.mentions}
    assert not texts & {"Syrian", "Russian", "American"}


def test_mentions_are_honest_and_ids_in_order(doc):
    assert doc.problems() == []
    firsts = [p.mentions[0].start for p in doc.places]
    assert firsts == sorted(firsts)
    assert [p.id for p in doc.places] == [f"p{i}" for i in range(1, len(doc.places) + 1)]
    palmyra = next(p for p in doc.places if p.geonameid == 163808)
    assert {doc.text[m.start:m.end] for m in palmyra.mentions} == {"Palmyra"}
    assert TEXT.index("Palmyra on Monday") in [m.start for m in palmyra.mentions]
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in doc.places)


def test_without_entities_there_are_no_places(pipe):
    d = Pipeline(order=["clean", "places"])(Document("Troops entered Palmyra.\n"))
    assert d.places == []


TINY = {
    "1": {"geonameid": 1, "name": "Qaryatayn", "latitude": 34.23, "longitude": 37.24, "countrycode": "SY",
          "population": 25000, "alternatenames": ["Al Qaryatayn", "Qaryatain"]},
    "2": {"geonameid": 2, "name": "Abu Kamal", "latitude": 34.45, "longitude": 40.92, "countrycode": "SY",
          "population": 57000, "alternatenames": []},
}


def test_cache_is_written_then_loaded(tmp_path):
    built = []

    def builder():
        built.append(1)
        return build_index(cities=TINY)

    first = load_index(tmp_path, builder=builder)
    files = list(tmp_path.glob("geoindex-*.pkl"))
    assert len(files) == 1 and built == [1]
    second = load_index(tmp_path, builder=lambda: pytest.fail("the cache was not used"))
    assert len(second) == len(first)
    assert [second.names[r] for r, _ in second.lookup("al-Qaryatayn")] == ["Qaryatayn"]
    assert "abu kamal" in second.scan_keys


def test_unwritable_cache_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    index = load_index(blocker / "sub", builder=lambda: build_index(cities=TINY))
    assert index.lookup("Qaryatain")


# ------------------------------------------------------------------------------------ gold files

sys.path.insert(0, str(ROOT))
from bench import geocoding  # noqa: E402

GOLD = geocoding.gold_files()


def test_there_is_gold():
    assert len(GOLD) >= 15


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_resolves(path, geo):
    gold = geocoding.load_gold(path)
    for p in gold.places:
        geocoding.gold_point(geo.index, p)  # a GeoNames id the gazetteer has, or coordinates
        assert all(len(s) <= 40 for s, _ in p.mentions)  # toponyms, never article text
    if gold.doc.startswith("shared/") and not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent")
    doc = geocoding.read_document(gold.doc, SHARED)
    assert doc is not None, gold.doc
    assert geocoding.resolve(gold, doc.text) == []
