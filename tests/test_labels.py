"""The `labels` stage: naming choices from the catalogue, linked to actors by the parse and the entities."""
from __future__ import annotations

import json

import pytest

from spinscope.errors import ConfigError
from click.testing import CliRunner

from spinscope.cli import cli
from spinscope.model import Document, Source
from spinscope.pipeline import DEFAULT_ORDER, Pipeline
from spinscope.report import render
from spinscope.spin.labels import catalogue, naming_table

from .conftest import cleaned_document

pytestmark = pytest.mark.slow


def make_doc(paragraphs: list[str], comments: list[tuple[str, str]] = (), outlet: str | None = None) -> Document:
    """A cleaned document without a title: body paragraphs and comments, from `outlet`."""
    return cleaned_document(paragraphs, comments, source=Source(outlet=outlet))


@pytest.fixture(scope="module")
def run():
    pipeline = Pipeline(stages=["parse", "entities", "labels"])
    return pipeline


def labels_of(doc: Document, surface: str):
    """(label, actor, rule) of every label whose span is `surface`; actor is the KB id or name."""
    ents = {e.id: e for e in doc.entities}
    out = []
    for lab in doc.labels:
        assert doc.text[lab.start:lab.end] == doc.span_text(lab)
        if doc.text[lab.start:lab.end] == surface:
            ent = ents.get(lab.entity)
            out.append((lab.label, (ent.kb_id or ent.name) if ent else None, lab.rule))
    return out


def test_stage_runs_after_entities():
    assert DEFAULT_ORDER.index("labels") > DEFAULT_ORDER.index("entities")


def test_apposition_links_the_group(run):
    doc = run(make_doc(["The Nusra Front, a terrorist group, shelled the market on Monday."]))
    assert labels_of(doc, "terrorist group") == [("terrorist", "al-nusra-front", "apposition")]
    assert doc.problems() == []


def test_terrorists_next_to_a_kb_group_link_to_it(run):
    doc = run(make_doc(["The army said it would keep fighting the terrorists – ISIS and its allies."]))
    (label, actor, rule), = labels_of(doc, "terrorists")
    assert (label, actor) == ("terrorist", "isis")


def test_predicate_links_the_subject(run):
    doc = run(make_doc(["The minister told reporters that the SDF are terrorists."]))
    assert labels_of(doc, "terrorists") == [("terrorist", "sdf", "predicate")]


def test_of_phrase_links_its_object(run):
    doc = run(make_doc(["The militants of the Syrian Democratic Forces opened fire on the convoy."]))
    assert labels_of(doc, "militants") == [("militant", "sdf", "of")]


def test_modifier_and_compound(run):
    doc = run(make_doc(["Witnesses said Syrian rebels left the town after the talks.",
                        "The Assad regime rejected the plan."]))
    assert labels_of(doc, "rebels") == [("rebel", "syria", "compound")]
    (label, actor, rule), = labels_of(doc, "regime")
    assert label == "regime" and actor in ("bashar-al-assad", "syrian-government")


def test_backed_gives_the_backer_a_proxy_label(run):
    doc = run(make_doc(["Local officials said US-backed militants had blocked the road."]))
    assert labels_of(doc, "militants") == [("militant (proxy)", "united-states", "proxy")]


def test_liberated_from_links_both_sides(run):
    doc = run(make_doc(["The Syrian Arab Army liberated Palmyra from ISIS in March."]))
    got = labels_of(doc, "liberated")
    assert ("liberated", "syrian-arab-army", "verb") in got
    assert ("occupier (liberated from)", "isis", "verb") in got


def test_no_actor_in_reach_is_none(run):
    doc = run(make_doc(["Rebels shelled the outskirts of the village at dawn."]))
    assert labels_of(doc, "Rebels") == [("rebel", None, None)]
    lab = doc.labels[0]
    assert lab.confidence == 0.0


def test_fallback_needs_a_definite_label_and_is_less_sure(run):
    doc = run(make_doc(["Moscow wants al-Nusra Front destroyed. Washington keeps protecting the terrorist group."]))
    lab = next(x for x in doc.labels if doc.span_text(x) == "terrorist group")
    ent = next(e for e in doc.entities if e.id == lab.entity)
    assert ent.kb_id == "al-nusra-front" and lab.rule.startswith("fallback") and lab.confidence < 0.6


def test_regime_change_is_not_a_label_and_longest_form_wins(run):
    doc = run(make_doc(["They call it regime change. Damascus has a legitimate government, he said."]))
    assert labels_of(doc, "regime") == []
    assert [x[0] for x in labels_of(doc, "legitimate government")] == ["legitimate government"]
    assert labels_of(doc, "government") == []


def test_hyphen_glued_word_is_not_the_label(run):
    doc = run(make_doc(["The pro-opposition monitor counted the dead."]))
    assert all(doc.span_text(x) != "opposition" for x in doc.labels)


def test_naming_table_compares_outlets(run):
    a = run(make_doc(["The SDF are terrorists. The terrorists of the SDF shelled a school."], outlet="A"))
    b = run(make_doc(["The militants of the SDF shelled a school."], [("Reader", "The SDF are terrorists.")],
                     outlet="B"))
    rows = naming_table([a, b])
    assert {"outlet": "A", "doc_id": a.doc_id, "actor": "sdf", "label": "terrorist", "category": "delegitimizing",
            "count": 2} in rows
    assert [(r["label"], r["count"]) for r in rows if r["outlet"] == "B"] == [("militant", 1)]
    with_comments = naming_table([b], comments=True)
    assert sorted(r["label"] for r in with_comments) == ["militant", "terrorist"]


def test_catalogue_is_data():
    cat = catalogue()
    assert cat.forms["terrorists"].category == "delegitimizing"
    assert cat.forms["moderate opposition"].category == "legitimizing"
    assert cat.verbs["liberate"].from_label
    assert cat.forms["regime change"] is None


def test_labels_need_the_parse_and_the_entities():
    with pytest.raises(ConfigError, match="'labels' requires 'parses'.*'parse' is not in the pipeline"):
        Pipeline(stages=["clean", "labels"])


def test_record_report_and_cli(run, tmp_path):
    doc = run(make_doc(["The SDF are terrorists, the minister said."]))
    rec = doc.to_dict()["labels"]
    assert rec[0]["text"] == "terrorists" and rec[0]["label"] == "terrorist" and rec[0]["rule"] == "predicate"
    from rich.console import Console
    console = Console(record=True, width=120)
    console.print(render(doc, ["parse", "entities", "labels"]))
    shown = console.export_text()
    assert "sdf" in shown and "terrorist ×1" in shown
    path = tmp_path / "a.txt"
    path.write_text("SDF Accused\n\nThe minister said the SDF are terrorists.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["naming", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert any(r["actor"] == "sdf" and r["label"] == "terrorist" for r in rows)


def test_verbs_of_territorial_change_need_ground(run):
    """Fresh-eyes audit (stop 24): freeing people, capturing figures and occupying an office are no
    territorial change, so they carry no liberated / captured / occupied label."""
    doc = run(make_doc([
        "The kidnappers freed two hostages near the border on Monday.",
        "The new database captures crimes that never reach the courts.",
        "The governor hopes to occupy the White House one day.",
        "Government troops liberated the village of Kafr Nabl and captured the nearby airport.",
    ]))
    assert labels_of(doc, "freed") == []
    assert labels_of(doc, "captures") == []
    assert labels_of(doc, "occupy") == []
    assert [x[0] for x in labels_of(doc, "liberated")] == ["liberated"]
    assert [x[0] for x in labels_of(doc, "captured")] == ["captured"]


def test_freed_money_is_no_ground(run):
    """Fresh-eyes audit (stop 25): aid or funds that are "freed" or "seized" are no territory."""
    doc = run(make_doc([
        "The envoy hinted that the aid might be freed if the inquiry went ahead.",
        "Customs officers seized the assets of the firm on Monday.",
    ]))
    assert labels_of(doc, "freed") == []
    assert labels_of(doc, "seized") == []


def test_a_verb_of_territorial_change_needs_an_object_that_is_ground(run):
    """Fresh-eyes audit (stop 34): a birthday post's "grab the proverbial bull", an advert's "FREE Domain
    for Life" and a column's "the story was seized on by all sides" were occupied / liberated / captured."""
    doc = run(make_doc([
        "At forty I was ready to grab the proverbial bull by the horns.",
        "Reseller Hosting with Unlimited Domains FREE Domain for Life FREE Admin Control Panel",
        "The scandal, which was instantly seized on by all sides, shook the paper.",
        "The militia seized half of the rebel-held districts and grabbed the land around the dam.",
    ]))
    assert labels_of(doc, "grab") == []
    assert labels_of(doc, "FREE") == []
    assert [x[0] for x in labels_of(doc, "seized")] == ["captured"]  # the districts, not the scandal
    assert [x[0] for x in labels_of(doc, "grabbed")] == ["occupied"]


def test_a_denied_predicate_gives_no_label(run):
    """"Assad is not a terrorist": the outlet denies the label; counting it would invert its naming."""
    doc = run(make_doc(["Syrian president Bashar al-Assad is not a terrorist, he is the lawful president.",
                        "The SDF were never terrorists, the envoy said."]))
    assert labels_of(doc, "terrorist") == [("terrorist", None, None)]  # the word, given to no one
    assert labels_of(doc, "terrorists") == [("terrorist", None, None)]
    doc = run(make_doc(["The SDF are terrorists, the minister said."]))
    assert labels_of(doc, "terrorists") == [("terrorist", "sdf", "predicate")]
    doc = run(make_doc(["The SDF are not the only terrorists in the region, the minister said."]))
    assert labels_of(doc, "terrorists") == [("terrorist", "sdf", "predicate")]


def test_a_definite_label_goes_back_to_the_actor_named_with_that_word(run):
    """Stop 34: "the coalition" after "the US-led coalition" went to the nearest international body before it
    (the Security Council asked to condemn "the crimes of the coalition"); "the government" after "government
    forces" is not the forces."""
    doc = run(make_doc(["Airstrikes by the US-led coalition killed 20 civilians in the town, the ministry said.",
                        "The ministry asked the UN Security Council to stop the crimes of the coalition."]))
    assert labels_of(doc, "coalition")[-1] == ("coalition", "cjtf-oir", "antecedent")
    forces = run(make_doc(["Syrian government forces took the hill on Monday.",
                           "Rebels said the government would never hold it."]))
    assert labels_of(forces, "government")[-1][1] != "syrian-armed-forces"


def test_a_naming_word_used_as_a_verb_is_no_label(run):
    # realworld38: "I used to rebel against these norms" gave the neutral label "rebel" (to no one)
    doc = run(make_doc(["I used to rebel against these norms. They will rebel if pushed. The rebels shelled the "
                        "town."]))
    got = [doc.text[x.start:x.end] for x in doc.labels]
    assert got == ["rebels"], got
