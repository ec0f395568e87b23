"""Stop 52 (tidy52): the cue words the cleaner kept in its code, now tables of the cue file (data/cues/en.yaml):
`inline_widgets` (a bookshop's box and a live blog's buttons glued into a line) and `page_author` (a byline, a bio
box's heading). An emptied or malformed table is a CueFileError at file:line; the tables still cut and name the same
made-up lines. Texts made up here."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from spinscope.clean.cues import CueFileError, cues_for, load_cue_file
from spinscope.clean.lines import paragraph_spans, split_lines
from spinscope.clean.segment import segment
from spinscope.model import Document, Source

EN = resources.files("spinscope").joinpath("data/cues/en.yaml").read_text(encoding="utf-8")


def _line_of(text: str, key: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(key))


def _with_table(key: str, replacement: list[str], base: str = EN) -> str:
    """A cue file's text with its top-level table `key` written anew (the comments over the next table kept)."""
    lines = base.split("\n")
    start = _line_of(base, key + ":")
    end = start
    while end < len(lines) and (not lines[end] or lines[end].startswith((" ", "#"))):
        end += 1
    while lines[end - 1].startswith("#") or not lines[end - 1]:
        end -= 1
    return "\n".join(lines[:start - 1] + replacement + lines[end:])


def _write(tmp_path, text: str):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("table", [["inline_widgets: []"], ["inline_widgets: Best Price"], ["inline_widgets:"]])
def test_an_emptied_widget_table_names_its_line(tmp_path, table):
    text = _with_table("inline_widgets", table)
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, 'inline_widgets:')}: field `inline_widgets`"):
        load_cue_file(_write(tmp_path, text))


def test_a_bad_widget_pattern_names_its_own_line(tmp_path):
    text = _with_table("inline_widgets", ["inline_widgets:", "  - 'Order Now'", "  # a broken one", "  - 'Sale (ends'"])
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, '  - ' + chr(39) + 'Sale')}: "
                                           r"inline_widgets\[1\]: bad regular expression"):
        load_cue_file(_write(tmp_path, text))
    text = _with_table("inline_widgets", ["inline_widgets:", "  - 'Order Now'", "  - 12"])
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, '  - 12')}: inline_widgets\[1\]: a regular"):
        load_cue_file(_write(tmp_path, text))


def test_a_malformed_author_table_names_its_line(tmp_path):
    text = _with_table("page_author", ["page_author:", "  by_line:", "    - '^by (?P<name>\\w+ \\w+)'"])
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, 'page_author:')}: field "
                                           r"`page_author.about_heading`"):
        load_cue_file(_write(tmp_path, text))
    text = _with_table("page_author", ["page_author:", "  by_line:", "    - '^by (\\w+ \\w+)'",
                                       "  about_heading:", "    - '^about (?P<name>\\w+)'"])
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, 'page_author:') + 2}: "
                                           r"page_author.by_line\[0\]: needs a named group"):
        load_cue_file(_write(tmp_path, text))
    text = _with_table("page_author", ["page_author: []"])
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, 'page_author:')}: field `page_author`"):
        load_cue_file(_write(tmp_path, text))


def test_the_english_file_must_keep_its_tables():
    from spinscope.clean.cues import english_cues

    assert english_cues(EN).inline_widgets == cues_for("en").inline_widgets
    for key in ("inline_widgets", "page_author"):
        with pytest.raises(CueFileError, match=rf"cues/en\.yaml:1: field `{key}`: required"):
            english_cues(_with_table(key, []))


# made-up lines: a sentence, a bookshop box glued into it, and more prose; a live blog's head and buttons
SHOP = ("The harbour master wrote a long memoir about tides. A Guide to Small Harbo... Lena Moss Best Price: $9.95 "
        "Buy New $12.00 (as of 06:00 EDT - Details) It sold well in the town.")
LIVE = ("7 postsGet LivefyreFAQSign in2 people listeningNewest | OldestKai Berg 3ptsmoderatorFeaturedJune 2, 2019 "
        "8:41PMFerry Fares Rise Again")


def test_the_packaged_widget_table_cuts_the_same_made_up_lines():
    widgets = cues_for("en").inline_widgets
    assert len(widgets) == 2 and all(w.pattern.flags & re.IGNORECASE == 0 for w in widgets)  # case-sensitive
    got = [line.text for line in split_lines(SHOP, widgets=widgets)]
    assert got == ["The harbour master wrote a long memoir about tides.",
                   "A Guide to Small Harbo... Lena Moss Best Price: $9.95 Buy New $12.00 (as of 06:00 EDT - Details)",
                   "It sold well in the town."]
    got = [line.text for line in split_lines(LIVE, widgets=widgets)]
    assert got == ["7 postsGet LivefyreFAQSign in2 people listeningNewest | OldestKai Berg 3ptsmoderatorFeaturedJune 2, "
                   "2019 8:41PM", "Ferry Fares Rise Again"]
    # the same words in other letters are prose, as before (the table is case-sensitive)
    assert len(split_lines(SHOP.replace("Best Price", "best price"), widgets=widgets)) == 1
    # what a line split with no table of its own cuts, and the parser's paragraphs: the English table's
    assert [line.text for line in split_lines(SHOP)] == [line.text for line in split_lines(SHOP, widgets=widgets)]
    assert paragraph_spans(SHOP, 0, len(SHOP)) == [(0, 51), (52, len(SHOP))]  # (the box ends no sentence)
    assert paragraph_spans(SHOP, 0, len(SHOP), widgets=()) == [(0, len(SHOP))]
    assert cues_for("ru").inline_widgets == widgets  # (ru.yaml has none: the English file's)


def test_a_cue_files_own_tables_are_the_ones_used(tmp_path):
    text = _with_table("inline_widgets", ["inline_widgets:", "  - 'Order Now for \\$\\d+'"])
    text = _with_table("page_author", ["page_author:", "  by_line:", "    - '^reported by (?P<name>[A-Z]\\w+ [A-Z]\\w+)'",
                                       "  about_heading:", "    - '^meet (?P<name>[A-Z]\\w+ [A-Z]\\w+)$'"], text)
    cues = load_cue_file(_write(tmp_path, text))
    line = "Boats were late again today. Order Now for $5 The ferry came at noon."
    assert [x.text for x in split_lines(line, widgets=cues.inline_widgets)] == [
        "Boats were late again today.", "Order Now for $5", "The ferry came at noon."]
    assert len(split_lines(SHOP, widgets=cues.inline_widgets)) == 1  # the English box is not in this table
    story = ("The council met on Tuesday to talk about the new ferry pier. Members said the cost was too high and "
             "asked the mayor to find cheaper builders before the winter comes.\n\n"
             "The mayor said she would look again at the numbers and report back next month.\n\n")
    bio = "Tove Lind writes about boats, tides and the town's small harbour for a weekly paper."
    for heading, cue_file, is_bio in (("Meet Tove Lind", cues, True), ("About Tove Lind", cues, False),
                                      ("About Tove Lind", cues_for("en"), True)):
        doc = Document(text=story + heading + "\n\n" + bio, source=Source())
        segment(doc, cue_file)
        bios = [doc.text[b.start:b.end] for b in doc.boilerplate if b.kind == "author_bio"]
        assert (bios == [heading + "\n\n" + bio]) is is_bio, (heading, bios)


def _particles(text: str, replacement: str) -> str:
    old = next(line for line in text.split("\n") if line.startswith("  name_particles:"))
    return text.replace(old, replacement)


@pytest.mark.parametrize("replacement, message", [
    ("  name_particles: []", "field `comments.name_particles`: a list of words"),
    ("  name_particles: van", "field `comments.name_particles`: a list of words"),
    ("  name_particles: [van, 3]", r"comments.name_particles\[1\]: a word"),
])
def test_an_emptied_or_malformed_particle_list_names_its_line(tmp_path, replacement, message):
    text = _particles(EN, replacement)
    with pytest.raises(CueFileError, match=rf"mine\.yaml:{_line_of(text, '  name_particles:')}: {message}"):
        load_cue_file(_write(tmp_path, text))


def test_the_particle_list_still_reads_the_same_made_up_name_lines(tmp_path):
    from spinscope.clean.comments import _bare_name

    def named(line: str, cues) -> bool:
        return _bare_name(split_lines(line)[0], cues) is not None

    english = cues_for("en")
    assert named("Lotte van Oord", english) and named("Omar bin Zayed", english) and named("Lotte Oord", english)
    assert not named("Lotte ter Horst", english) and not named("Lotte went home", english)
    mine = load_cue_file(_write(tmp_path, _particles(EN, "  name_particles: [ter]")))
    assert named("Lotte ter Horst", mine) and not named("Lotte van Oord", mine) and named("Lotte Oord", mine)
    assert cues_for("ru").name_word is english.name_word
