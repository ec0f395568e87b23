"""Real-page failure kinds, on scrapes written for these tests (fictional blogs and shops):
signed comment threads, comment text above the first author line, vote counters, report menus,
and page furniture inside the body (sister-site blocks, bios, CAPTCHA and form text, shop adverts)."""
from __future__ import annotations

from spinscope.clean.segment import segment
from spinscope.ingest.html import pruned_text
from spinscope.model import Document, Span

from .test_clean import clean, kinds


def comment_texts(doc: Document) -> list[str]:
    return [doc.text[c.start:c.end] for c in doc.comments]


SPORTS_BLOG = """\
Harbour Hawks Camp Opens Thursday

The Hawks open their training camp on Thursday with three new linebackers and a quarterback who has not thrown a pass in anger since October.

Coach Lena Ortiz said the first week would be about conditioning rather than the playbook.

48 comments

Finally some football. I have been refreshing this page since six this morning.
by TideWatcher on Mar 14, 2011 7:02 AM EDT reply actions

Conditioning first is the right call after last year's injuries.
Nobody wants another hamstring in week one.
by Gull Island on Mar 14, 2011 7:26 AM EDT up reply actions 3 recs

Agreed with the above.
by Keelhaul on Mar 14, 2011 8:03 AM EDT via mobile reply actions
"""


def test_signatures_on_date_with_action_links_make_a_thread():
    doc = clean(SPORTS_BLOG)
    assert doc.body_text.endswith("rather than the playbook.")
    assert [c.author for c in doc.comments] == ["TideWatcher", "Gull Island", "Keelhaul"]
    assert comment_texts(doc)[1] == ("Conditioning first is the right call after last year's injuries.\n"
                                     "Nobody wants another hamstring in week one.")
    assert all(s.startswith("by ") for s in kinds(doc)["comment_meta"])


CROSSFIT_LOG = """\
Sunday Workout: The Long Run

Run ten miles, then 150 pull-ups, split as you like. Post your time to the comments.

Comments

Brutal but fair. Finished in two hours flat and my hands are done.
Comment #1 - Posted by: Marta K at November 10, 2012 5:39 PM

Scaled the pull-ups to ring rows and still hated every minute of it.
Comment #2 - Posted by: Dev at November 10, 2012 5:55 PM
"""


def test_numbered_posted_by_signatures():
    doc = clean(CROSSFIT_LOG)
    assert "Brutal" not in doc.body_text
    assert [c.author for c in doc.comments] == ["Marta K", "Dev"]
    assert comment_texts(doc)[0].startswith("Brutal but fair.")


NEWS_WITH_SCORES = """\
Port Authority Approves Night Ferries

The board voted five to two on Tuesday to run ferries after midnight from the spring, a year after a petition gathered twelve thousand names.

The first ferry would leave the north quay at half past twelve and the last at three.

Reader comments

Night ferries will help shift workers at the hospital more than anyone, and it is about time somebody noticed them.

Ravi Shah 12 pts

The cost estimate looks too low to me; fuel alone will eat most of it.

- spam
- offensive
- off topic

Dana Whitlock 3 pts

Good news for the bakeries on the quay, who open at four.
"""


def test_prose_above_the_first_author_is_a_comment_not_furniture():
    doc = clean(NEWS_WITH_SCORES)
    texts = comment_texts(doc)
    assert texts[0].startswith("Night ferries will help shift workers")
    assert not any("Night ferries" in b for b in kinds(doc).get("comment_ui", []))
    # the vote counter marks the author line; the report menu is not a list of authors
    assert [c.author for c in doc.comments] == [None, "Ravi Shah", "Dana Whitlock"]
    assert texts[1].startswith("The cost estimate")
    assert {"spam", "offensive", "off topic"} <= {line.strip("- ") for b in kinds(doc)["comment_ui"]
                                                   for line in b.split("\n")}


FURNITURE_IN_BODY = """\
Why the Old Mill Bakery Still Uses Wood Fires

Editor's note: This story was first published in our spring print edition and has been updated.

The bakery on Mill Lane has lit the same oven every morning since 1952, and the owners say the taste would suffer with gas.

Buy New $12.99

Best Price: $8.50

Buy The Wood-Fired Loaf at Northshelf Books

The flour comes from a farm eleven miles away, milled once a week.

Also on Riverside Daily:
Council approves new cycle lanes
Flood barrier tested ahead of winter

About the author: Tom Reyes writes about food and small businesses for the Riverside Daily and bakes badly at home.

Please enter the security code shown in the image below.

Comments are moderated and will appear after approval. Allowed HTML tags: <a> <b> <i>.

Leave a Reply
"""


def test_page_furniture_leaves_the_body_under_its_kind():
    doc = clean(FURNITURE_IN_BODY)
    found = kinds(doc)
    text = doc.body_text
    assert text.startswith("Editor's note: This story was first published")  # part of the article
    assert "flour comes from a farm" in text and "since 1952" in text
    for gone in ("Buy New", "Best Price", "Northshelf", "Also on", "cycle lanes", "About the author",
                 "security code", "moderated"):
        assert gone not in text, gone
    adverts = [line for b in found["advertisement"] for line in b.split("\n") if line]  # neighbours merge
    assert adverts == ["Buy New $12.99", "Best Price: $8.50", "Buy The Wood-Fired Loaf at Northshelf Books"]
    assert any(b.startswith("Also on Riverside Daily:") for b in found["related"])
    assert any("Flood barrier" in b for b in found["related"])
    assert found["author_bio"][0].startswith("About the author: Tom Reyes")
    prompts = " ".join(found["comment_prompt"])
    assert "security code" in prompts and "Allowed HTML tags" in prompts


def test_shop_and_sister_site_cues_leave_prose_alone():
    doc = clean("""\
    Shoppers Return to the High Street

    Many shoppers said they would rather buy bread at the market than at the supermarket, because it tastes better.

    The best price, one trader said, is the one a customer comes back for.

    Also on Tuesday, the council said parking would stay free until March.
    """)
    assert "rather buy bread at the market" in doc.body_text
    assert "The best price, one trader said" in doc.body_text
    assert "Also on Tuesday" in doc.body_text
    assert doc.comments == []


def read_without_comments(parts: list[str]) -> Document:
    """A document as an HTML reader that split off no comments leaves it (title, then main text), cleaned."""
    spans, pos = [], 0
    for p in parts:
        spans.append(Span(pos, pos + len(p)))
        pos += len(p) + 2
    doc = Document(text="\n\n".join(parts), hints={"title": spans[0], "body": spans[1:], "comments": None})
    segment(doc)
    assert doc.problems() == []
    return doc


def test_thread_under_the_main_text_when_the_reader_found_none():
    # an HTML reader that split off no comments leaves a thread it could not see in the main text
    parts = ["Quay Works Finish Early",
             "The harbour wall repairs finished two weeks early and under budget, the port said on Friday.",
             "Comments",
             "Great news for the fishing boats, who lost half of October to the works.",
             "Posted by: Ines at October 3, 2012 9:14 AM",
             "Under budget is a first for this council.",
             "Posted by: Joe Marr at October 3, 2012 10:02 AM"]
    doc = read_without_comments(parts)
    assert doc.body_text == parts[1]
    assert [c.author for c in doc.comments] == ["Ines", "Joe Marr"]


def test_list_in_main_text_is_not_taken_for_a_thread():
    parts = ["Three Ways to Fix the Bus Timetable",
             "The transport group sent the council three proposals on Monday.",
             "- Route 4", "Run it every ten minutes at rush hour, not every twenty.",
             "- Route 9", "Extend it to the hospital, which has no direct bus at night."]
    doc = read_without_comments(parts)
    assert doc.comments == []
    assert doc.body_text.endswith("no direct bus at night.")


def test_pruned_text_is_what_the_comment_pruning_removed():
    article = "The harbour wall repairs finished two weeks early and under budget, the port said."
    with_comments = "\n".join([
        "Quay works finish early",
        article + " Comments Great news for the fishing boats. Comment #1 - Posted by: Ines at Oct 3, 2012",
        "Under budget is a first for this council, and I have lived here forty years.",
        "Posted by: Joe Marr at October 3, 2012 10:02 AM",
    ])
    without = "Quay works finish early\n" + article + " |"
    out = pruned_text(with_comments, without)
    assert out[0].startswith("Comments Great news")
    assert not any("harbour wall" in line for line in out)
    assert out[-1].startswith("Posted by: Joe Marr")
    # a few words beside the article are a widget, not a thread
    assert pruned_text(without + "\nShare this", without) == []


def test_text_after_the_last_signature_in_a_section_far_down_the_text():
    # the section's lines are numbered from the top of the text; its labels from the section
    filler = "\n\n".join(f"Paragraph {n} of the report on the harbour works, with enough words to be prose." for n in range(8))
    doc = clean(f"""\
Harbour Works Report

{filler}

Comments

Good to see the quay open again after all these months.

Posted by: Ines at October 3, 2012 9:14 AM

Under budget is a first for this council, surely.

Posted by: Joe Marr at October 3, 2012 10:02 AM

Will the night buses run past the quay again now?
""")
    assert [c.author for c in doc.comments] == ["Ines", "Joe Marr", None]  # the last one is unsigned
    assert doc.text[doc.comments[-1].start:doc.comments[-1].end].startswith("Will the night buses")


def test_a_bookshop_widget_inside_a_paragraph_is_cut_out():
    """Fresh-eyes audit (stop 26): a shop widget (a title cut to 22 characters and "...", the author, the
    prices) glued to the end or the start of a paragraph leaves the body; the prose around it stays."""
    doc = clean("""\
    Why the Embassy Matters

    The envoy stayed in the embassy for seven years. “Nobody came to help,” he said. A Short History of Exi... Ana Q. Writer Best Price: $4.10 Buy New $9.99 (as of 07:15 EDT - Details)

    Rivers and Roads: A Tr... Tom Ortiz Best Price: $2.00 Buy New $5.50 (as of 11:00 EDT - Details) Officials in the capital never answered his letters.

    The best price, one trader said, is the one a customer comes back for.
    """)
    text = doc.body_text
    assert "“Nobody came to help,” he said." in text and "Officials in the capital never answered" in text
    assert "Best Price" not in text and "Buy New" not in text and "Ana Q. Writer" not in text
    assert "The best price, one trader said" in text
    adverts = [line for b in kinds(doc)["advertisement"] for line in b.split("\n") if line]
    assert adverts == ["A Short History of Exi... Ana Q. Writer Best Price: $4.10 Buy New $9.99 (as of 07:15 EDT - Details)",
                       "Rivers and Roads: A Tr... Tom Ortiz Best Price: $2.00 Buy New $5.50 (as of 11:00 EDT - Details)"]


def test_a_membership_plea_after_the_story_is_support():
    """Fresh-eyes audit (stop 26): "If you liked this piece, ... join/donate" closes many partisan pages."""
    doc = clean("""\
    The Long Hearing

    The committee met for nine hours and heard four witnesses, none of whom had met the president.

    If you enjoyed this piece, we have an offer for you: become a member of Harbour Review Plus. Members read without ads and join our monthly calls with the editors.

    No one pays me to write these columns. If you found them useful, please consider the donate button on the right.
    """)
    assert doc.body_text.rstrip().endswith("none of whom had met the president.")
    assert "Harbour Review Plus" in " ".join(kinds(doc)["support"])
