"""The narratives layer: catalogue loading and user files, matching, honest evidence spans, the CLI option."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinscope.api import analyze
from spinscope.cli import cli
from spinscope.pipeline import Pipeline
from spinscope.spin.narratives.catalogue import NarrativeError, load_catalogue
from spinscope.spin.narratives.stage import Matcher, load_models

USER = """\
narratives:
  - id: moon-landing-faked
    label: The Moon landings were faked
    description: The Apollo landings are said to have been filmed in a studio.
    examples:
      - The Apollo astronauts never set foot on the Moon; it was all filmed in a Hollywood studio.
      - NASA staged the Moon landing footage to win the space race.
      - The flag waving in a vacuum proves the Moon landing pictures were fake.
  - id: ukraine-nazis
    label: Kyiv is governed by neo-Nazis (user wording)
    description: Overrides the built-in entry.
    examples:
      - The government in Kyiv is in the hands of neo-Nazis.
"""


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(NarrativeError) as info:
        load_catalogue((str(path),))
    return str(info.value)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A private embedding cache, so tests neither read nor write the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SPINSCOPE_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def builtin(cache) -> Matcher:
    return Matcher(load_catalogue())


def carried(m: Matcher, text: str) -> set[str]:
    model = load_models()["full"]
    probs = m.scores([text], model)[0]
    return {nid for nid, p in zip(m.ids, probs) if p >= model.threshold}


# --- the catalogue ------------------------------------------------------------------------------

def test_builtin_catalogue_is_valid():
    cat = load_catalogue()
    assert len(cat.narratives) >= 30
    for nid, n in cat.narratives.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", nid)
        assert n.label and n.description and len(n.examples) >= 3, nid
    assert cat.neutral and cat.rebuttal_cues


def test_calibration_covers_models():
    models = load_models()
    assert {"full", "embedding", "lexical"} <= set(models)
    for m in models.values():
        assert 0 < m.threshold < 1 and len(m.coef) == len(m.features)


def test_user_file_extends_and_overrides(tmp_path):
    cat = load_catalogue((str(write(tmp_path, USER)),))
    builtin = load_catalogue()
    assert "moon-landing-faked" in cat.narratives and "moon-landing-faked" not in builtin.narratives
    assert cat.narratives["ukraine-nazis"].label == "Kyiv is governed by neo-Nazis (user wording)"
    assert builtin.narratives["ukraine-nazis"].label != cat.narratives["ukraine-nazis"].label
    assert len(cat.narratives) == len(builtin.narratives) + 1


@pytest.mark.parametrize("text, line, words", [
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: [x]\n    colour: red\n", 6, "`colour`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n", 2, "`examples`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: []\n", 5, "`examples`"),
    ("narratives:\n  - id: Bad_Id\n    label: A\n    description: d\n    examples: [x]\n", 2, "`id`"),
    ("narratives:\n  - id: a\n    label: A\n    description: d\n    examples: [x]\n"
     "  - id: a\n    label: B\n    description: d\n    examples: [y]\n", 6, "already defined"),
    ("narratives:\n  - id: a\n    label: [unclosed\n    description: d\n", None, "not valid YAML"),
    ("stories: []\n", 1, "`narratives`"),
])
def test_bad_file_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    msg = error_of(path)
    found = re.match(rf"{re.escape(str(path))}:(\d+): ", msg)
    assert found, msg
    if line is not None:
        assert int(found.group(1)) == line, msg
    assert words in msg


def test_cli_rejects_bad_narratives_file(tmp_path):
    bad = write(tmp_path, "narratives:\n  - id: a\n    label: A\n")
    art = write(tmp_path, "A short article about nothing in particular.\n", "a.txt")
    result = CliRunner().invoke(cli, ["analyze", str(art), "--disable", "parse", "--narratives", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2" in result.output and "--narratives" in result.output


# --- matching -----------------------------------------------------------------------------------

def test_clear_sentences_match_their_narrative(builtin):
    assert "us-supports-terrorists-syria" in carried(
        builtin, "The Pentagon keeps arming the jihadists of al-Nusra and rescues their commanders from the Syrian army.")
    assert "chemical-attacks-staged" in carried(
        builtin, "The so-called gas attack in the town was staged by the militants to provoke Western missile strikes.")
    assert "nato-encircles-russia" in carried(
        builtin, "NATO keeps moving its bases and missiles right up to the borders of Russia.")


def test_neutral_and_rebuttal_sentences_do_not_match(builtin):
    assert carried(builtin, "The foreign ministers of both countries will meet in Geneva on Thursday.") == set()
    assert carried(builtin, "The claim that the White Helmets staged the rescue videos has been debunked.") == set()


def test_user_narrative_is_scored_by_the_shared_model(tmp_path, cache):
    m = Matcher(load_catalogue((str(write(tmp_path, USER)),)))
    assert "moon-landing-faked" in carried(m, "Everybody knows the Apollo pictures of the Moon were shot in a film studio.")


# --- the stage ----------------------------------------------------------------------------------

ARTICLE = """\
Washington Shields Its Jihadists Again

The US-led coalition has once again protected the terrorists in Syria: American helicopters evacuated ISIS commanders from the besieged town before the Syrian army could reach them.

The weather in Damascus was mild on Tuesday, and the markets were open as usual.

Western media, of course, will never report any of this to their readers.
"""


@pytest.fixture(scope="module")
def pipeline(cache):
    return Pipeline(order=["clean", "parse", "narratives"])


def test_stage_finds_narratives_with_honest_evidence(pipeline):
    doc = analyze(ARTICLE, pipeline=pipeline)
    assert doc.problems() == []
    found = {n.id: n for n in doc.narratives}
    assert "us-supports-terrorists-syria" in found
    sentences = {(s.start, s.end) for s in doc.sentences}
    for n in doc.narratives:
        assert 0 < n.score <= 1
        for ev in n.evidence:
            assert (ev.start, ev.end) in sentences  # evidence is whole sentences of the document
            assert doc.text[ev.start:ev.end].strip() == doc.text[ev.start:ev.end]
    evidence = " ".join(doc.text[e.start:e.end] for e in found["us-supports-terrorists-syria"].evidence)
    assert "evacuated ISIS commanders" in evidence
    assert all("weather" not in doc.text[e.start:e.end] for n in doc.narratives for e in n.evidence)
    record = doc.to_dict()
    assert record["narratives"][0]["evidence"][0]["text"] == doc.text[record["narratives"][0]["evidence"][0]["start"]:
                                                                      record["narratives"][0]["evidence"][0]["end"]]


def test_stage_without_parse_finds_nothing(cache):
    doc = analyze(ARTICLE, pipeline=Pipeline(order=["clean", "narratives"]))
    assert doc.narratives == []
