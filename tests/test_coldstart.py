"""What a cold start skips: torch under spaCy, rebuilding the place index (kept in the cache dir)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from spinscope import diskcache


def test_a_cached_value_is_built_once_then_loaded(tmp_path):
    first = diskcache.cached("thing", "k1", lambda: {"a": [1, 2]}, tmp_path)
    assert first == {"a": [1, 2]}
    assert [p.name for p in tmp_path.glob("thing-*.pkl")] == ["thing-k1.pkl"]
    second = diskcache.cached("thing", "k1", lambda: pytest.fail("the cache was not used"), tmp_path)
    assert second == first


def test_a_new_key_builds_again_and_removes_the_old_file(tmp_path):
    diskcache.cached("thing", "k1", lambda: 1, tmp_path)
    assert diskcache.cached("thing", "k2", lambda: 2, tmp_path) == 2
    assert [p.name for p in tmp_path.glob("thing-*.pkl")] == ["thing-k2.pkl"]


def test_a_damaged_file_is_rebuilt(tmp_path):
    (tmp_path / "thing-k1.pkl").write_bytes(b"not a pickle")
    assert diskcache.cached("thing", "k1", lambda: 3, tmp_path) == 3
    assert diskcache.cached("thing", "k1", lambda: pytest.fail("not rewritten"), tmp_path) == 3


def test_an_unwritable_cache_dir_only_costs_the_build(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert diskcache.cached("thing", "k1", lambda: 4, blocker / "sub") == 4


def test_the_key_follows_data_versions_and_code(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("A = 1\n")
    base = diskcache.key_of([b"data"], ("numpy",), (src,))
    assert base == diskcache.key_of([b"data"], ("numpy",), (src,))
    assert base != diskcache.key_of([b"data2"], ("numpy",), (src,))
    assert base != diskcache.key_of([b"data"], ("pyyaml",), (src,))
    src.write_text("A = 2\n")
    assert base != diskcache.key_of([b"data"], ("numpy",), (src,))


def test_the_cached_place_index_equals_a_fresh_build(tmp_path):
    from spinscope.config import Config
    from spinscope.extract.entities.places_index import build_place_index, place_index
    from spinscope.resources import Resources

    cfg = Config.from_dict({"cache": {"dir": str(tmp_path)}})
    with Resources(cfg, private=True).activate():
        built = place_index()  # writes the file
    assert len(list(tmp_path.glob("placeindex-*.pkl"))) == 1
    with Resources(cfg, private=True).activate():
        loaded = place_index()
    fresh = build_place_index()
    for index in (built, loaded):
        assert index.names == fresh.names
        assert (index.not_places, index.region, index.person_min_population) == \
            (fresh.not_places, fresh.region, fresh.person_min_population)
        assert index.curated._entries.keys() == fresh.curated._entries.keys()
    assert loaded.get("Aleppo") == fresh.get("Aleppo") and loaded.get("Aleppo") is not None


def test_spacy_loads_without_torch_and_torch_still_imports_after():
    code = ("import sys\n"
            "from spinscope.nlp import load_nlp\n"
            "nlp = load_nlp()\n"
            "assert [t.dep_ for t in nlp('Russia warned the U.S.')][0]\n"
            "assert 'torch' not in sys.modules, 'spaCy imported torch'\n"
            "import thinc.compat\n"
            "assert not thinc.compat.has_torch\n"
            "import torch\n"
            "assert torch.ones(2).sum().item() == 2.0\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_cached_actors_equal_a_fresh_parse(tmp_path):
    import spinscope.kb as kb
    from spinscope.config import Config
    from spinscope.resources import Resources

    cfg = Config.from_dict({"cache": {"dir": str(tmp_path)}})
    with Resources(cfg, private=True).activate():
        built = kb._builtin()
    assert len(list(tmp_path.glob("kb-actors-*.pkl"))) == 1
    with Resources(cfg, private=True).activate():
        loaded = kb._builtin()
    fresh = kb._parse_builtin(kb.builtin_files())
    assert built == loaded == fresh and len(fresh) > 1000
    assert [a.lines for a in loaded] == [a.lines for a in fresh]  # line numbers for error messages survive
