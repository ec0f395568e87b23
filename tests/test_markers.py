"""The `markers` stage: lexicon matching with context rules, scores, and the comment-thread summary."""
from __future__ import annotations

import spinscope
from spinscope.model import Document
from spinscope.pipeline import DEFAULT_ORDER, Pipeline
from spinscope.spin.markers import find_markers, lexicon, thread_summary

from .conftest import cleaned_document


def doc_of(body: str, comments: list[tuple[str, str]] = ()) -> Document:
    """A cleaned document of one body paragraph and comments, its markers found."""
    doc = cleaned_document([body], comments)
    doc.markers = find_markers(doc)
    return doc


def found(doc: Document) -> list[tuple[str, str]]:
    for m in doc.markers:
        assert doc.text[m.start:m.end] == doc.span_text(m) and m.end > m.start
    return [(m.kind, doc.span_text(m)) for m in doc.markers]


def test_stage_order_and_no_spacy_needed():
    assert DEFAULT_ORDER.index("markers") > DEFAULT_ORDER.index("clean")
    doc = spinscope.analyze("Title here\n\nThe attack was a false flag, the blogger wrote, run by globalists.\n",
                            disable=["parse"])
    assert ("conspiracy", "false flag") in found(doc) and ("conspiracy", "globalists") in found(doc)
    assert doc.problems() == []


def test_case_insensitive_on_word_boundaries():
    doc = doc_of("THE DEEP STATE did it. Idiotic trolleys and a trolley problem are not insults. You idiot.")
    assert found(doc) == [("conspiracy", "DEEP STATE"), ("insult", "idiot")]


def test_staged_only_near_attack_words():
    assert found(doc_of("The chemical attack in the town was staged, he claimed.")) == [("conspiracy", "staged")]
    assert found(doc_of("The orchestra staged a gala concert in the capital.")) == []
    assert found(doc_of("They will stage another false attack soon.")) == [("conspiracy", "stage another false")]
    assert found(doc_of("The talks moved to the next stage.")) == []


def test_banker_alone_is_not_a_marker():
    assert found(doc_of("The banker said interest rates would stay low.")) == []
    assert found(doc_of("He blamed Jewish families and their bankers for the war.")) == [("hate", "bankers")]


def test_rothschild_only_in_a_conspiratorial_frame():
    assert found(doc_of("The Rothschild archive in London opened a new reading room.")) == []
    assert [k for k, _ in found(doc_of("The Rothschilds control every central bank."))] == ["hate"]


def test_the_zionists_control_trope_but_not_a_political_aim():
    """Stop 34: "The zionists in Washington will never let it win. They control everything." had no marker (the
    Zionist entry needs a demonizing word within 40 characters)."""
    got = found(doc_of("The zionists in that city will never let the country win. They control everything."))
    assert [k for k, _ in got] == ["hate"]
    assert [k for k, _ in found(doc_of("The media is controlled by Zionists, he wrote."))] == ["hate"]
    assert found(doc_of("Zionist groups seek control of the settlement council, the paper reported.")) == []
    assert found(doc_of("Zionists in the 1920s ran farms and schools in the valley.")) == []


def test_echo_parentheses_and_smileys():
    assert found(doc_of("Ask (((them))) who owns the news.")) == [("hate", "(((them)))")]
    assert found(doc_of("Such a nice article :)))")) == []


def test_violence_calls():
    kinds = [k for k, _ in found(doc_of("Nuke them all. The traitors should be hanged."))]
    assert kinds == ["violence", "violence"]
    assert found(doc_of("The report said the strike killed them all instantly.")) == []


def test_news_and_science_prose_is_not_hostile():
    # Each sentence below was a false alarm on real articles (markers on neutral news, docs/spin.md).
    quiet = [
        "They recognize worms and parasites by a small molecule in the gut.",
        "In the study, rats use these same receptors to find food.",
        "The thieves found a chink in the bank's software and got in.",
        "Anna Moskal, the project manager, signed the contract.",
        "Officers said the soldier had tried to shoot somebody and kill them.",
        "Boil the broth long enough to kill all the germs.",
        "The message about a gang initiation was deemed a hoax by the police.",
        "Militants dug tunnels under the border to stage attacks on the villages.",
        "Sending (((hugs))) to everyone in the group tonight.",
    ]
    for text in quiet:
        assert found(doc_of(text)) == [], text


def test_dehumanisation_needs_a_group_called_so():
    assert [k for k, _ in found(doc_of("They are animals and they should be treated as such."))] == ["hate"]
    assert [k for k, _ in found(doc_of("We are dealing with these animals every day."))] == ["hate"]
    assert [k for k, _ in found(doc_of("The Kurds are rats, he wrote."))] == ["hate"]
    assert [k for k, _ in found(doc_of("Expect them to stage a series of big events before the vote."))] == ["conspiracy"]
    assert [k for k, _ in found(doc_of("Those chinks will pay, a reader wrote."))] == ["hate"]


def test_target_group_raises_the_score():
    plain = doc_of("What a bunch of idiots in that office.").markers[0]
    aimed = doc_of("The Kurds are idiots.").markers[0]
    assert aimed.score > plain.score


def test_one_marker_per_stretch_and_kind():
    doc = doc_of("Those jew banksters again.")
    assert sorted(found(doc)) == [("conspiracy", "banksters"), ("hate", "jew banksters")]


def test_comment_ids_and_thread_summary():
    doc = doc_of("Officials met on Monday to discuss the ceasefire.",
                 [("Ann", "The deep state staged the gas attack."),
                  ("Bob", "Good report, thanks."),
                  ("Ann", "You are all morons."),
                  ("Cy", "Kill them all.")])
    assert [m.comment for m in doc.markers] == ["c1", "c1", "c3", "c4"]
    s = thread_summary(doc)
    assert s["comments"] == 4 and s["authors"] == 3
    assert s["hostile_comments"] == 3 and s["hostile_share"] == 0.75
    assert s["comments_by_kind"] == {"hate": 0, "conspiracy": 1, "violence": 1, "insult": 1}
    assert s["active_authors"][0] == {"author": "Ann", "comments": 2}
    assert s["hostile_authors"][0]["author"] == "Ann" and s["hostile_authors"][0]["hostile_comments"] == 2
    assert s["body_markers"] == 0
    assert {"term": "deep state", "kind": "conspiracy", "count": 1} in s["top_terms"]
    assert s["dated_comments"] == 0 and s["first_posted"] is None and s["by_day"] == []
    for c, day in zip(doc.comments, ["2016-10-07", "2016-10-06", "2016-10-07", None]):
        c.posted = day
    dated = thread_summary(doc)
    assert (dated["dated_comments"], dated["first_posted"], dated["last_posted"]) == (3, "2016-10-06", "2016-10-07")
    assert dated["by_day"] == [{"day": "2016-10-06", "comments": 1, "hostile_comments": 0},
                               {"day": "2016-10-07", "comments": 2, "hostile_comments": 2}]
    doc.thread = s  # what the markers stage writes
    rec = doc.to_dict()
    assert rec["thread"] == s and rec["markers"][0]["comment"] == "c1"


def test_empty_thread_summary():
    s = thread_summary(Document(text="Nothing here."))
    assert s["comments"] == 0 and s["hostile_share"] == 0.0 and s["hostile_authors"] == []


def test_pipeline_on_a_scraped_thread():
    text = ("Ceasefire Talks Resume\n\nDiplomats met in Geneva on Monday.\n\n\n"
            "  • Mark_T\n\n    The whole thing is a hoax run by the NWO.\n\n"
            "    • Lena\n\n      Thanks for the summary.\n")
    doc = Pipeline(stages=["clean", "markers"])(spinscope.ingest.read_text(text))
    assert {(k, t) for k, t in found(doc)} == {("conspiracy", "hoax"), ("conspiracy", "NWO")}
    assert all(m.comment is not None for m in doc.markers)
    assert doc.problems() == []


def test_lexicon_entries_are_valid():
    lex = lexicon()
    assert {r.kind for r in lex.rules} == {"hate", "conspiracy", "violence", "insult"}
    assert all(0 < r.weight <= 1 and (r.patterns or r.tokens) for r in lex.rules)


def test_gold_offsets_still_hold(shared):
    """Gold files of markers and labels point at their own words in the reader's text."""
    import yaml

    from spinscope.ingest import read

    from .conftest import ROOT
    for path in sorted((ROOT / "bench" / "gold").glob("*/*.yaml")):
        if path.parent.name not in ("markers", "labels"):
            continue
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        ref = gold["doc"]
        file = shared / ref[len("shared/"):] if ref.startswith("shared/") else ROOT / ref
        text = next(iter(read([file]))).text
        for item in gold.get("markers") or gold.get("labels") or []:
            assert text[item["start"]:item["end"]] == item.get("term", item.get("text")), (path.name, item)


def test_the_fast_paths_find_what_every_rule_finds():
    """The prefilters (each pattern's anchor strings, the token patterns' first words) skip only regions
    where no rule could match: with them off, the same markers."""
    import dataclasses

    from spinscope.spin.markers import _anchors, _first_words

    lex = lexicon()
    assert lex.token_words and sum(a is not None for r in lex.anchors for a in r) > 0.9 * len(lex.anchors)
    slow = dataclasses.replace(lex, anchors=None, token_words=None)
    bodies = ["Nuke them all, I say. They should all be hanged, the traitors.",
              "May the globalists rot. Wake up, sheeple: it was staged.",
              "The council met on Tuesday to discuss the budget and the new bridge.",
              "KILL 'EM ALL shouted one commenter; another replied that the Zionists control the media."]
    for body in bodies:
        doc = cleaned_document([body], [("c1", body.upper()), ("c2", "Plain words only.")])
        assert find_markers(doc, lex) == find_markers(doc, slow)
    assert any(find_markers(cleaned_document([b], []), lex) for b in bodies)
    optional_first = dataclasses.replace(lex.rules[0], tokens=([{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}],))
    assert _first_words([optional_first]) is None  # a pattern that may start anywhere: no prefilter
    assert _anchors(r"\b(?:should|must)\s+(?:all\s+)?be\s+(?:hanged|shot)\b") == {"should", "must"}
    assert _anchors(r"\bstag(?:e|es|ing)\s+a\b") == {"stag"}
    assert _anchors(r"(?:x|\w+)y") == {"y"} and _anchors(r"(?:x|\w+)\s") is None


def test_a_presidents_new_world_order_is_no_conspiracy_cue():
    """Fresh-eyes audit (stop 26): a column on the GOP's history names the elder Bush's New World Order;
    the conspiracy cue stays where nobody of that history stands near."""
    assert found(doc_of("In the nineties the party sold Bush's New World Order to the voters.")) == []
    assert found(doc_of("Bush's new world order speech of 1990 is history.")) == []
    assert found(doc_of("The bankers of the new world order want us chipped.")) == [("conspiracy", "new world order")]


def test_a_death_to_chant_is_its_words_only():
    """Fresh-eyes audit (stop 28): the span of a "death to" chant was "Death to A", one letter into the
    next word; it is the words (sentence written for this test). "sentenced to death" is no chant."""
    doc = doc_of("The crowd chanted Death to Europe outside, and a judge sentenced a man to death.")
    assert found(doc) == [("violence", "Death to")]


def test_a_region_with_a_first_word_but_no_pattern_next_to_it_is_not_tokenized():
    """Round 17 (docs/speed.md): "gas prices", "the bombing", "shoot for the stars" hold a token pattern's
    first word but not its second one next to it: no blank tokenizer runs over them (it did on main)."""
    from spinscope.spin.markers import _may_match_tokens

    lex = lexicon()
    for text in ("Gas prices rose and all of the bombing stopped.", "Shoot for the stars, them all said.",
                 "They hang out. Them? All gone.", "A kill-them-all attitude"):
        assert not _may_match_tokens(lex, text, 0, len(text)), text
    for text in ("kill them all", "Nuke 'em", "GAS THEM ALL", "(slaughter them all)", "bomb all of them"):
        assert _may_match_tokens(lex, text, 0, len(text)), text


def test_the_token_regex_finds_every_place_a_token_pattern_matches():
    """The token patterns' text prefilter misses no match of the blank tokenizer's Matcher: every pattern
    word, in lower, upper and title case, after and before letters, digits, punctuation and the tokenizer's
    special cases ("yall" -> "y" "all"), joined by nothing, one or two spaces, hyphens or newlines."""
    import dataclasses
    import itertools

    lex = lexicon()
    nlp, matcher = lex.matcher
    assert lex.token_regex is not None
    firsts = sorted(lex.token_words)
    seconds = ["them", "em", "'em", "all", "yall", "y'all", "of"]
    edges = ["", " ", "y", "x", "5", "(", "'", "\"", "-", "/", ".", "é", "\n"]
    checked = matched = 0
    for f, s, sep, pre, post in itertools.product(firsts, seconds, ["", " ", "  ", "-", "\n"], edges, edges):
        for text in (f"{pre}{f}{sep}{s}{post}", f"{pre}{f.upper()}{sep}{s.upper()}{post} of them",
                     f"{pre}{f.title()}{sep}{s}{post}all"):
            hit = bool(matcher(nlp.make_doc(text)))
            found = lex.token_regex.search(text.lower()) is not None
            assert found or not hit, text
            checked, matched = checked + 1, matched + hit
    assert matched > 100 and checked > matched * 3
    slow = dataclasses.replace(lex, token_regex=None)
    for body in ("Gas them all, one said; the gas prices are high.", "Yall should nuke yall. KILL 'EM ALL!"):
        doc = cleaned_document([body], [("c1", body.upper())])
        assert find_markers(doc, lex) == find_markers(doc, slow)
