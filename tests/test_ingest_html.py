"""The HTML reader: main text, metadata, hints, the comment thread, and hostile markup."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from spinscope.ingest import read, read_html
from spinscope.ingest.base import Failure, ReadError
from spinscope.pipeline import Pipeline
from spinscope.ingest.html import document_from_html

from .ingest_samples import EN_PARAS, OUTLET, PLAIN_HTML, RU_TEXT, TITLE, WORDPRESS_HTML, \
    WPDISCUZ_HTML, html_page


def _check_hints(doc):
    """Every hint span is in range and the parts do not overlap, in title/body/comments order."""
    h = doc.hints
    spans = ([h["title"]] if h["title"] else []) + list(h["body"]) + \
        ([h["comments"]] if h["comments"] else [])
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end].strip() == doc.text[s.start:s.end]


def test_wordpress_article_text_metadata_and_hints():
    doc = document_from_html(WORDPRESS_HTML, url="https://courier.example/news/harbour-bridge")
    _check_hints(doc)
    assert doc.hints["title"].of(doc.text) == TITLE
    assert doc.text.startswith(TITLE + "\n\n")
    assert [s.of(doc.text) for s in doc.hints["body"]] == EN_PARAS
    assert doc.source.title == TITLE
    assert doc.source.outlet == OUTLET
    assert doc.source.published == "2024-03-14"
    assert doc.source.url == "https://courier.example/news/harbour-bridge"
    assert doc.source.language == "en"
    # page furniture stays out
    assert "All rights reserved" not in doc.text and "Leave a Reply" not in doc.text


def test_wordpress_comment_tree():
    doc = document_from_html(WORDPRESS_HTML)
    tree = doc.hints["comment_tree"]
    assert [c["author"] for c in tree] == ["Janet Pike", "Quay Street Watch", "Sam Okafor"]
    assert [c["parent_index"] for c in tree] == [None, 0, None]
    assert [c["span"].of(doc.text) for c in tree] == [
        "Nine months and still no plan for the traders.\nThe council should publish the steel contract.",
        "The steel shortage is real, to be fair to them.",
        "Open the footbridge sooner, please!",
    ]
    for c in tree:
        assert c["author_span"].of(doc.text) == c["author"]
        assert c["author_span"].end < c["span"].start  # author line, then the text
    section = doc.hints["comments"]
    assert section.start == tree[0]["author_span"].start and section.end == len(doc.text)
    # the comments are not repeated in the body, and reply links / "says:" are left out
    body = "\n".join(s.of(doc.text) for s in doc.hints["body"])
    assert "Nine months" not in body
    assert "Reply" not in section.of(doc.text) and "says:" not in section.of(doc.text)


def test_wpdiscuz_comment_tree():
    doc = document_from_html(WPDISCUZ_HTML)
    _check_hints(doc)
    tree = doc.hints["comment_tree"]
    assert [(c["author"], c["span"].of(doc.text), c["parent_index"]) for c in tree] == [
        ("Priya N.", "Who signed off on the original timetable?", None),
        ("Harbour Resident", "Nobody, apparently.", 0),
    ]
    assert "2 days ago" not in doc.text


def test_generic_comment_markup():
    page = html_page(TITLE, EN_PARAS).replace("</article>", """</article>
      <section id="reader-comments"><div class="comment" id="c1"><span class="comment-author">Lee</span>
      <div class="comment-text">Good reporting on the bridge.</div></div>
      <div class="comment" id="c2"><span class="comment-author">Ana</span>
      <div class="comment-text">Agreed, and thanks.</div></div></section>""")
    doc = document_from_html(page)
    tree = doc.hints["comment_tree"]
    assert [(c["author"], c["span"].of(doc.text)) for c in tree] == [
        ("Lee", "Good reporting on the bridge."), ("Ana", "Agreed, and thanks.")]


def test_page_without_comments():
    doc = document_from_html(PLAIN_HTML)
    _check_hints(doc)
    assert doc.hints["comments"] is None
    assert "comment_tree" not in doc.hints
    assert doc.source.language == "fr"
    assert [s.of(doc.text) for s in doc.hints["body"]] == EN_PARAS


def test_bytes_with_legacy_charset():
    page = html_page("Ремонт моста", [RU_TEXT.strip()] * 3, charset="windows-1251")
    doc = document_from_html(page.encode("cp1251"), path="ru.html")
    assert doc.source.title == "Ремонт моста"
    assert RU_TEXT.strip() in doc.text
    assert doc.source.path == "ru.html"


def test_read_html_is_document_from_html():
    assert read_html is document_from_html


@pytest.mark.parametrize("garbage", [
    "<html><body><p>Unclosed <b>bold <i>and italic <div>" + " ".join(EN_PARAS),
    "<<<>>>< <p <div class=\"\"\"> &&&; &#xFFFFFFFF; </html></html>",
    "<html><body></body></html>",
    "<html>" + "<div>" * 5000 + "deep" + "</div>" * 10,
    "just some words, no markup at all",
    "\x00\x01<html>\x02",
    "",
])
def test_malformed_html_never_tracebacks(garbage):
    try:
        doc = document_from_html(garbage)
    except ReadError as e:
        assert str(e) in ("no article text found in HTML", "empty file") or str(e).startswith(
            ("unparsable HTML", "HTML extraction failed"))
    else:
        assert doc.text.strip()
        _check_hints(doc)


def test_unclosed_tags_keep_the_text():
    page = "<html><head><title>Vote delayed</title></head><body><article><p>" + \
        "<p>".join(EN_PARAS)  # nothing is ever closed
    doc = document_from_html(page)
    assert "shortage of steel" in doc.text


def test_html_file_failures_are_reported(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "nothing.html").write_text("<html><body><script>var x = 1;</script></body></html>")
    out = {r.input.rsplit("/", 1)[-1]: r for r in read(tmp_path)}
    assert isinstance(out["empty.html"], Failure) and out["empty.html"].reason == "empty file"
    assert isinstance(out["nothing.html"], Failure)
    assert out["nothing.html"].reason == "no article text found in HTML"


_PIECES = ["<html>", "<body>", "<p>", "</p>", "<div class='comment'>", "</div>", "<ol class=",
           "'comment-list'>", "<li class='comment'>", "<b class='fn'>", "</b>", "<!--", "-->",
           "<script>", "</script>", "&amp;", "&#0;", "<", ">", "\"", "'", "=", "\x00", "é",
           "Council", "said", " ", "\n", "<h1>", "</h1>", "<title>", "<meta charset='x'>",
           "<?xml version='1.0'?>", "<![CDATA[", "]]>"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_random_markup_never_tracebacks(pieces):
    page = "".join(pieces)
    try:
        doc = document_from_html(page)
    except ReadError:
        return
    _check_hints(doc)
    for c in doc.hints.get("comment_tree", []):
        assert c["span"].of(doc.text).strip()


def test_flat_comments_from_trafilatura():
    page = html_page(TITLE, EN_PARAS).replace("</article>", """</article>
      <section id="comments"><h2>Comments</h2><p>Great article about the bridge, thanks.</p>
      <p>I disagree with the council here.</p></section>""")
    doc = document_from_html(page)
    _check_hints(doc)
    assert "comment_tree" not in doc.hints
    section = doc.hints["comments"].of(doc.text)
    assert section.endswith("Great article about the bridge, thanks.\n\nI disagree with the council here.")
    assert [s.of(doc.text) for s in doc.hints["body"]] == EN_PARAS


def test_commentbody_markup_and_its_reply_form():
    """Fresh-eyes audit (stop 24): comments marked `commentbody` (author `c_author`, text `c_text`),
    and the reply form in the same dress, which is no comment."""
    page = html_page(TITLE, EN_PARAS).replace("</article>", """</article>
      <div class="discussion"><div class="p-comment commentbody" id="c1"><div class="c_author"><a>Lee</a></div>
      <div class="c_text"><p>Good reporting on the bridge.</p></div></div>
      <div class="p-comment commentbody" id="c2"><div class="c_author"><a>Ana</a></div>
      <div class="c_text"><p>Agreed, and thanks.</p></div></div>
      <div class="commentbody"><div class="c_author"><a>Leave a Comment:</a></div>
      <div class="c_text"><form method="post"><p>Name:</p><input name="n"><textarea name="t"></textarea></form></div></div>
      </div>""")
    doc = document_from_html(page)
    tree = doc.hints["comment_tree"]
    assert [(c["author"], c["span"].of(doc.text)) for c in tree] == [
        ("Lee", "Good reporting on the bridge."), ("Ana", "Agreed, and thanks.")]


def test_site_name_after_the_title_is_dropped():
    from spinscope.ingest.html import title_without_site

    assert title_without_site("Ceasefire Holds in the North | Example Herald", "Example Herald") == \
        "Ceasefire Holds in the North"
    assert title_without_site("Ceasefire Holds - Day Two", "Example Herald") == "Ceasefire Holds - Day Two"
    assert title_without_site("Example Herald", "Example Herald") == "Example Herald"
    assert title_without_site(None, "Example Herald") is None


def test_disqus_static_thread_and_its_policy_note():
    """Fresh-eyes audit (stop 25): the static copy of a Disqus thread (`dsq-comments`, author in
    `dsq-author-user-N`, text in `dsq-comment-message`, replies in a nested list); the comment policy
    above it is no comment."""
    page = html_page(TITLE, EN_PARAS).replace("</article>", """</article>
      <div id="comments"><p class="disclaimer">Please keep the discussion civil; moderators read every post.</p>
      <div id="disqus_thread"><ul id="dsq-comments">
        <li id="dsq-comment-11"><div id="dsq-comment-header-11" class="dsq-comment-header">
          <cite id="dsq-cite-11">http://example.org/lee <span id="dsq-author-user-11">Lee Park</span></cite></div>
          <div id="dsq-comment-body-11" class="dsq-comment-body">
          <div id="dsq-comment-message-11" class="dsq-comment-message"><p>The bridge vote was close.</p></div></div>
          <ul class="children"><li id="dsq-comment-12"><div id="dsq-comment-header-12" class="dsq-comment-header">
            <cite id="dsq-cite-12"><span id="dsq-author-user-12">Ana</span></cite></div>
            <div id="dsq-comment-body-12" class="dsq-comment-body">
            <div id="dsq-comment-message-12" class="dsq-comment-message"><p>Closer than the polls said.</p></div></div>
          </li></ul></li>
      </ul></div></div>""")
    doc = document_from_html(page)
    _check_hints(doc)
    tree = doc.hints["comment_tree"]
    assert [(c["author"], c["span"].of(doc.text), c["parent_index"]) for c in tree] == [
        ("Lee Park", "The bridge vote was close.", None), ("Ana", "Closer than the polls said.", 0)]


def _thread(markup: str) -> list[tuple]:
    page = html_page(TITLE, EN_PARAS).replace("</article>", "</article>" + markup)
    doc = document_from_html(page)
    _check_hints(doc)
    return [(c["author"], c["span"].of(doc.text), c["parent_index"]) for c in doc.hints["comment_tree"]]


def test_definition_list_threads_take_the_author_from_the_dt():
    """Dragnet dev (stop 27): a thread as a definition list, the author in a <dt> heading each
    comment and the text in the <dd> that also holds the replies (the Thesis theme), or the
    author line "NAME said..." (Blogger); the "{ 2 comments }" line above it is no comment."""
    thesis = _thread("""<div id="comments"><div class="comments_intro"><p>{ 2 comments }</p></div>
      <dl id="comment_list">
        <dt class="comment depth-1" id="comment-1"><span class="comment_num">1</span>
          <span class="comment_author"><a class="url" href="http://example.org">Lee Park</a></span>
          <span class="comment_time">May 3, 2012 at 9:41 pm</span></dt>
        <dd class="comment depth-1"><div class="format_text"><p>The bridge vote was close.</p>
          <p class="reply"><a class="comment-reply-link">Reply</a></p></div>
          <dl class="children">
            <dt class="comment depth-2" id="comment-2"><span class="comment_author">Ana</span>
              <span class="comment_time">May 4, 2012 at 7:02 am</span></dt>
            <dd class="comment depth-2"><div class="format_text"><p>Closer than the polls said.</p></div></dd>
          </dl></dd>
      </dl></div>""")
    assert thesis == [("Lee Park", "The bridge vote was close.", None), ("Ana", "Closer than the polls said.", 0)]
    blogger = _thread("""<div class="comments"><h4>2 comments:</h4><dl id="comments-block">
      <dt class="comment-author" id="c1"><a href="http://example.org/p/1">Chibs</a> said...</dt>
      <dd class="comment-body"><p>Already sent my share to the shelter.</p></dd>
      <dd class="comment-footer"><span class="comment-timestamp">November 2, 2012 at 8:14 PM</span></dd>
      <dt class="comment-author" id="c2"><a href="http://example.org/p/2">Ro Chan</a> said...</dt>
      <dd class="comment-body"><p>Thanks for the reminder.</p></dd>
      </dl></div>""")
    assert blogger == [("Chibs", "Already sent my share to the shelter.", None),
                       ("Ro Chan", "Thanks for the reminder.", None)]


def test_comment_authors_signed_below_or_beside_the_text():
    """Dragnet dev (stop 27): a footer "Posted by: NAME | DATE" (TypePad), a signature "DATE | NAME"
    (Squarespace), a "by NAME on DATE" line (SB Nation), a header "NAME says:" (WooThemes): the name
    is the author, the rest is no text."""
    typepad = _thread("""<div class="comments"><div class="comments-content">
      <div class="comment comment-odd" id="c1"><div class="comment-content"><p>Sorry I missed the sale.</p></div>
      <p class="comment-footer">Posted by: <a href="http://example.org">Curtain Tree</a> |
        <a href="#c1">June 08, 2012 at 02:29 PM</a></p></div>
      <div class="comment comment-even" id="c2"><div class="comment-content"><p>Next year, then.</p></div>
      <p class="comment-footer">Posted by: Walt | June 09, 2012 at 10:02 AM</p></div></div></div>""")
    assert typepad == [("Curtain Tree", "Sorry I missed the sale.", None), ("Walt", "Next year, then.", None)]
    squarespace = _thread("""<div class="journal-comment-area"><h3>Reader Comments (1)</h3>
      <div class="comment-wrapper"><div class="comment" id="comment19"><div class="body">Have you tried a
      house swap?<br/>It worked for us.</div>
      <div class="signature">October 22, 2012 | <a href="/contributor/1">Maggie</a></div></div></div></div>""")
    assert squarespace == [("Maggie", "Have you tried a house swap?\nIt worked for us.", None)]
    sbnation = _thread("""<div class="comment_master_list"><div class="citem">
      <div class="comment cpic" id="ci1"><div class="cbody"><p>Camp opens at nine.</p></div>
      <p class="by">by <a href="/users/Busy">BusyBee</a> on <span class="time">Aug 9, 2012 10:19 AM EDT</span>
      <a class="reply_link">reply</a></p></div></div></div>""")
    assert sbnation == [("BusyBee", "Camp opens at nine.", None)]
    woo = _thread("""<ol class="commentlist"><li class="comment depth-1" id="li-comment-7">
      <div class="comment-container"><div class="comment-head"><span class="date">17. Jul, 2012 / </span>
      <span class="name">Debra says: </span></div>
      <div class="comment-entry" id="comment-7"><p>Sprinkles on everything.</p></div></div></li></ol>""")
    assert woo == [("Debra", "Sprinkles on everything.", None)]


def test_comment_author_heading_and_wrappers():
    """Dragnet dev (stop 27): a heading "NAME On DATE" names the author (a comment's own title,
    "LOL", does not); a comment body wrapped in a `comment-meta` block is still its text; a
    `bypostauthor` class on the whole comment does not make its text the author."""
    heading = _thread("""<div class="commentlist">
      <div class="comment depth-1" id="c1"><div class="comment-text">
        <h4><a class="url" href="http://example.org">Lora Lee</a> <span>On Thursday, November 1 at 2:57 pm</span></h4>
        <p>Too funny!</p></div></div>
      <div class="comment depth-1" id="c2"><div class="comment-text">
        <h4>Carolyn <span>On Friday, November 2 at 10:44 am</span></h4><p>Same here.</p></div></div>
      <div class="comment depth-1" id="c3"><div class="comment-text"><h4>LOL</h4><p>Not me.</p></div></div>
      </div>""")
    assert heading == [("Lora Lee", "Too funny!", None), ("Carolyn", "Same here.", None),
                       (None, "LOL\nNot me.", None)]
    wrapped = _thread("""<ol class="commentlist"><li class="comment depth-1" id="li-comment-1"><div id="comment-1">
      <div class="comment-author vcard"><a class="view_profile" href="/u/1">Profile</a></div>
      <div class="comment-meta commentmetadata comment_text"><div class="comment_date">11.05.12 at 5:02 pm</div>
      <div class="comment_author">Alf Burro</div><div class="comment-body"><p>To be fair, the phrase is odd.</p></div>
      </div></div></li></ol>""")
    assert wrapped == [("Alf Burro", "To be fair, the phrase is odd.", None)]
    host = _thread("""<ol class="commentlist"><li class="comment bypostauthor depth-1" id="comment-1">
      <div class="comment-container bypostauthor"><div class="comment-author vcard"><span class="authorname">
      <a class="url" href="http://example.org">danah</a></span></div>
      <div class="comment-meta commentmetadata"><a href="#comment-1">September 28th, 2012 at 10:11 am</a></div>
      <p>Thank you all for the comments.</p></div></li></ol>""")
    assert host == [("danah", "Thank you all for the comments.", None)]


def _stamps(markup: str) -> list[tuple]:
    page = html_page(TITLE, EN_PARAS).replace("</article>", "</article>" + markup)
    doc = Pipeline(stages=["clean"])(document_from_html(page))
    assert doc.problems() == []
    meta = [b.of(doc.text) for b in doc.boilerplate if b.kind == "comment_meta"]
    return [(c.author, c.posted_span.of(doc.text) if c.posted_span else None, c.posted) for c in doc.comments], meta


def test_comment_timestamps_are_laid_out_and_dated():
    """A comment's timestamp stands on its own line under the author (filed as `comment_meta`, so the
    comment's text stays the reader's words) and gives `posted`: from `<time datetime>` when the
    markup has it, else from the date the page prints; a date whose day and month could be swapped
    gives none; a date the reader writes in the comment is not its timestamp."""
    wordpress, meta = _stamps("""<ol class="commentlist">
      <li class="comment" id="comment-1"><div class="comment-author vcard"><cite class="fn">Mara Quill</cite> says:</div>
      <div class="comment-meta commentmetadata"><a href="#comment-1">June 8, 2012 at 3:14 pm</a> Edit</div>
      <div class="comment-content"><p>On May 2, 2011 they said the opposite.</p></div>
      <ul class="children"><li class="comment" id="comment-2"><div class="comment-author vcard"><cite class="fn">Obed Lark</cite></div>
      <div class="comment-meta"><time datetime="2012-06-10T09:00:00+00:00">2 days later</time></div>
      <div class="comment-content"><p>They did not.</p></div></li></ul></li>
      <li class="comment" id="comment-3"><div class="comment-author vcard"><cite class="fn">Ines Varro</cite></div>
      <div class="comment-meta"><span class="comment-date">06/08/2012</span></div>
      <div class="comment-content"><p>Both of you, calm down.</p></div></li>
      <li class="comment" id="comment-4"><div class="comment-author vcard"><cite class="fn">Tobi Renn</cite></div>
      <div class="comment-content"><p>First time here, no date on me.</p></div></li></ol>""")
    assert wordpress == [("Mara Quill", "June 8, 2012 at 3:14 pm", "2012-06-08"),
                         ("Obed Lark", "2 days later", "2012-06-10"),
                         ("Ines Varro", "06/08/2012", None),
                         ("Tobi Renn", None, None)]
    assert meta == ["June 8, 2012 at 3:14 pm", "2 days later", "06/08/2012"]
    footer, _ = _stamps("""<div class="comments-content"><div class="comment" id="c1">
      <div class="comment-content"><p>The ferry never made a profit.</p></div>
      <div class="comment-footer">Posted by: Curtain Tree | 13/05/2013 at 02:29 PM</div></div></div>""")
    assert footer == [("Curtain Tree", "13/05/2013 at 02:29 PM", "2013-05-13")]


def test_stated_dates_name_one_day_or_none():
    from spinscope.dates import stated_date

    assert stated_date("Fri, 8 Jun 2012 15:14 UTC") == "2012-06-08"
    assert stated_date("September 28th, 2012 at 10:11 am") == "2012-09-28"
    assert stated_date("05/13/13") == "2013-05-13" and stated_date("13.05.2013") == "2013-05-13"
    assert stated_date("11.05.12 at 5:02 pm") is None and stated_date("06/08/2012") is None
    assert stated_date("Nov 06 2012 | 3:15 pm") == "2012-11-06"
    assert stated_date("2 years ago") is None and stated_date("June 2012") is None


def test_comment_author_names_from_their_lines():
    from spinscope.ingest.comments import author_name

    assert author_name("Posted by: Curtain Tree | June 08, 2012 at 02:29 PM", loose=True) == "Curtain Tree"
    assert author_name("Chibs said...") == "Chibs"
    assert author_name("by BusyBee on Aug 9, 2012 10:19 AM EDT reply", loose=True) == "BusyBee"
    assert author_name("Marklive Follow") == "Marklive"
    # a numbered thread (stop 33): the number before the name, the date after a dash
    assert author_name("7. quayside - 14 March, 2013") == "quayside"
    assert author_name("Jo-Ann Pike - March 14, 2013") == "Jo-Ann Pike"
    # a pingback's title with its site after a bar is kept whole (no date after the bar)
    assert author_name("A bit at sea | K.M.Lockwood") == "A bit at sea | K.M.Lockwood"
    assert author_name("Profile") is None and author_name("12") is None
    assert author_name("Anonymous") == "Anonymous"
    assert author_name("Re: (Score:3, Insightful)", loose=True, heading=True) is None
    assert author_name("this is a whole sentence of comment text and not a name at all", loose=True) is None


def test_a_title_loses_the_site_section_and_its_domain():
    """Fresh-eyes audit (stop 27): "Headline | Section | Site.com" (a blog section of a larger site) keeps
    only the headline; a dash inside the headline stays (titles written for this test)."""
    from spinscope.ingest.html import title_without_site

    assert title_without_site("Minister Fired After Audit | Front Line | Example.com", "Front Line") == \
        "Minister Fired After Audit"
    assert title_without_site("Minister Fired - Day Two | Example.com", "Example Herald") == "Minister Fired - Day Two"
    assert title_without_site("Minister Fired - Day Two", "Example Herald") == "Minister Fired - Day Two"


def test_a_title_whose_headline_the_page_repeats_loses_its_blog_and_site():
    """Fresh-eyes audit (stop 28): a page title "Headline | Blog | Site" over a first block "Headline" is the
    headline, and that block is not body twice; a curly apostrophe in the block matches a straight one in
    the title (titles written for this test)."""
    from spinscope.ingest.assemble import TextBuilder, lay_out

    b = TextBuilder()
    hints = lay_out(b, "Power Cuts in the Capital | Field Notes | Example Ideas",
                    ["Power Cuts in the Capital", "The lights went out again on Tuesday."])
    text = b.text()
    assert hints["title"].of(text) == "Power Cuts in the Capital"
    assert [s.of(text) for s in hints["body"]] == ["The lights went out again on Tuesday."]
    b = TextBuilder()
    hints = lay_out(b, "Someone Must Win Tonight or We're Lost", ["Someone Must Win Tonight or We’re Lost", "Text."])
    assert [s.of(b.text()) for s in hints["body"]] == ["Text."]
    b = TextBuilder()  # stop 35: a date line, then the headline again: the repeat goes, the date stays
    hints = lay_out(b, "Power Cuts in the Capital", ["August 9, 2012", "Power Cuts in the Capital", "Text."])
    assert [s.of(b.text()) for s in hints["body"]] == ["August 9, 2012", "Text."]
    b = TextBuilder()  # stop 35: the headline worded again over the body ("NAME: ..."): it goes
    hints = lay_out(b, "Town drops Pike fraud inquiry", ["Anna Pike: Town drops fraud inquiry", "Text."])
    assert [s.of(b.text()) for s in hints["body"]] == ["Text."]
    b = TextBuilder()  # but a first sentence holding the title's words stays
    hints = lay_out(b, "Town drops Pike fraud inquiry", ["The town drops the Pike fraud inquiry.", "Text."])
    assert len(hints["body"]) == 2
    b = TextBuilder()  # a short first block that is no headline stays
    hints = lay_out(b, "Power Cuts | Field Notes", ["Power Cuts", "Text."])
    assert hints["title"].of(b.text()) == "Power Cuts | Field Notes" and len(hints["body"]) == 2


def test_a_section_name_and_the_headline_or_a_longer_headline_over_the_body_go():
    """realworld36: a review site's body opened "Review", then the headline again; a tabloid's with a longer
    headline ("Fisher diagnosed ... making him third local to ...") under a shorter title (texts written here)."""
    from spinscope.ingest.assemble import TextBuilder, lay_out

    b = TextBuilder()
    hints = lay_out(b, "New tablet review: the screen is enough", ["Review", "New tablet review: the screen is enough",
                                                                  "Welcome to the new tablet."])
    assert [s.of(b.text()) for s in hints["body"]] == ["Welcome to the new tablet."]
    b = TextBuilder()
    hints = lay_out(b, "Fisher in Lakeside diagnosed with rare fever after eating a trout",
                    ["Fisher diagnosed with rare fever after eating a trout making him second Lakeside local to catch it",
                     "A FISHER who caught and ate a trout has been hit by the fever."])
    assert [s.of(b.text()) for s in hints["body"]] == ["A FISHER who caught and ate a trout has been hit by the fever."]
    b = TextBuilder()  # a section name over a first paragraph that is no headline stays
    hints = lay_out(b, "New tablet review", ["Review", "Welcome to the new tablet.", "More."])
    assert len(hints["body"]) == 3
    b = TextBuilder()  # a lede that ends a sentence stays, however many of the title's words it holds
    hints = lay_out(b, "Fisher in Lakeside diagnosed with rare fever after eating a trout",
                    ["Fisher diagnosed with rare fever after eating a trout, his doctors said.", "Text."])
    assert len(hints["body"]) == 2


_SITE_PAGE = """<html><head><title>{title}</title>{og}</head><body>
<div id="header"><h1><a href="http://harbourkitchen.com" title="Harbour Kitchen">Harbour Kitchen</a></h1></div>
<div class="post"><h2 class="title">{h2}</h2>
<p>I have wanted to bake these buns with cardamom for weeks now, and the cold weather finally gave me the excuse
to spend a whole Sunday morning in the kitchen with the radio on and flour everywhere.</p>
<p>The dough needs two rises, so start early. Roll it thin, spread the butter and sugar, and roll it up tightly
before you cut it into twelve even pieces and leave them to rise again under a towel.</p>
<p>Bake them for twenty minutes until golden, then brush them with warm syrup and eat them while they are warm,
preferably with a strong coffee and the Sunday papers.</p></div></body></html>"""


@pytest.mark.parametrize("title, og, h2, want", [
    # a masthead link as the title: the page title less the site name
    ("Harbour Kitchen &#8211; Cardamom Buns for a Cold Sunday", "", "Comments", "Cardamom Buns for a Cold Sunday"),
    # an og:title that is the site's name, a page title "HEADLINE by www.site.com"
    ("Cardamom Buns for a Cold Sunday by www.harbourkitchen.com",
     '<meta property="og:title" content="HarbourKitchen.com" />', "About", "Cardamom Buns for a Cold Sunday"),
    # stop 35: "HEADLINE · SECTION TAGLINE · SITE" under a masthead title (a trade site's page)
    ("Cardamom Buns for a Cold Sunday &middot; Baking &amp; Breakfast News &middot; Harbour Kitchen", "", "Comments",
     "Cardamom Buns for a Cold Sunday"),
    # realworld36: a blog theme's "  &raquo; HEADLINE  :site" (a separator first, the site's name glued to a colon)
    ("  &raquo; Cardamom Buns for a Cold Sunday  :harbourkitchen", "", "Comments", "Cardamom Buns for a Cold Sunday"),
])
def test_a_title_that_is_only_the_sites_name_gives_way_to_the_page_title(title, og, h2, want):
    """Fresh-eyes audit (stop 34): three blog pages were titled "Joy the Baker", "TheHostingNews.com" and
    "About" (the masthead, the og:title, a sidebar heading) though their <title> held the headline."""
    doc = document_from_html(_SITE_PAGE.format(title=title, og=og, h2=h2), url="http://harbourkitchen.com/2012/10/buns/")
    assert doc.source.title == want
    assert doc.text.startswith(want + "\n\n")


def test_a_comment_authors_date_right_after_the_name_is_no_part_of_it():
    # stop-35 audit: a WordPress theme prints "<cite>NAME</cite><br><small><strong>Aug 08, 2012</strong>
    # @ 16:44:30</small>" in one author element; the name was "NAME Aug 08, 2012 @ 16:44:30"
    from spinscope.ingest.comments import author_name

    assert author_name("Jane Rivers Aug 08, 2012 @ 16:44:30") == "Jane Rivers"
    assert author_name("lakeside_fan 9 March 2013 8:14PM") == "lakeside_fan"
    assert author_name("Tom B. 10/31/2012") == "Tom B."
    assert author_name("May Lin") == "May Lin"  # a month as a given name, no date after it


_INFO_LINE_THREAD = """<html><head><title>Soup for a Storm</title></head><body>
<div class="post"><h1>Soup for a Storm</h1>
<p>When the storm warnings come, I make a big pot of barley soup and a loaf of bread, and we wait it out at home
with candles, board games and far too much food for three people and a dog.</p>
<p>The soup keeps for days in a cold pantry, and the bread is better on the second day, toasted over the stove
if the power goes out, with butter and a little salt.</p>
<p>Stay safe out there, everyone, and let me know what you cook when the wind picks up.</p></div>
<div class="section comments" id="comments"><h3>2 responses to Soup for a Storm</h3>
<ol class="comments">
<li><div class="comment even depth-1" id="comment-11"><div class="inner">
<p class="info">On March 3, 2013 at 2:35am, <cite><a href="http://example.org" class="url">Marta</a></cite> said...</p>
<p>Lovely soup. Good luck with the storm!</p><p>Cheers, Marta</p></div></div></li>
<li><div class="comment odd depth-1" id="comment-12"><div class="inner">
<p class="info">On March 3, 2013 at 9:53am, <cite>lakegirl</cite> said...</p>
<p>It has been raining here since Saturday night. I will try the bread.</p></div></div></li>
</ol></div></body></html>"""


def test_a_comment_header_paragraph_around_the_name_gives_the_date_and_is_no_text():
    # realworld36: a theme's "<p class="info">On DATE at TIME, <cite>NAME</cite> said...</p>" stayed in each
    # comment's text (less the name) and gave no `posted` date, so "since Saturday night" was not resolved
    doc = Pipeline(stages=["clean"])(document_from_html(_INFO_LINE_THREAD, url="http://example.org/2013/03/soup/"))
    got = [(c.author, str(c.posted), doc.text[c.start:c.end]) for c in doc.comments]
    assert got == [("Marta", "2013-03-03", "Lovely soup. Good luck with the storm!\nCheers, Marta"),
                   ("lakegirl", "2013-03-03", "It has been raining here since Saturday night. I will try the bread.")], got


def test_a_readers_date_that_contradicts_the_printed_weekday_is_read_the_other_way():
    # realworld36: a sports site prints "Monday, 11.05.2012 / 9:04 PM / News"; the HTML reader's date was
    # 2012-05-11 (a Friday), so every "Monday" of the story was 7 May, not 5 November
    from spinscope.dates import weekday_checked

    page = "Club set to relocate Monday, 11.05.2012 / 9:04 PM / News The Example Press RIVERTOWN - The club"
    assert weekday_checked("2012-05-11", page) == "2012-11-05"
    assert weekday_checked("2012-11-05", page) == "2012-11-05"
    assert weekday_checked("2012-05-11", "Friday, 11.05.2012") == "2012-05-11"
    assert weekday_checked("2012-05-11", "no weekday: 11.05.2012") == "2012-05-11"
    assert weekday_checked("2012-03-03", "Monday, 03.03.2012") == "2012-03-03"  # the same either way
    page = f"""<html><head><title>Club set to relocate</title></head><body><div class="date">Monday, 11.05.2012 / 9:04 PM</div>
    <h1>Club set to relocate</h1><p>{'The club is on the verge of relocating to Rivertown for next season. ' * 6}</p>
    <p>{'The city approved an agreement on Monday, the mayor said in a statement to reporters. ' * 5}</p></body></html>"""
    doc = document_from_html(page, url="http://example.org/news.htm?id=1")
    assert doc.source.published in (None, "2012-11-05"), doc.source.published


_HEADING_PAGE = """<html><head><title>{title}</title></head><body>
<h1 id="banner-header"><a href="/">Harbour Notes</a></h1>
<div class="entry"><h3 class="entry-header">{heading}</h3>
{badge}
<p>The council met on Tuesday to talk about the new bridge over the river. Members said the cost was too high and
asked the mayor to find cheaper builders before the winter comes, and the mayor agreed to look again.</p>
<p>The mayor said she would look again at the numbers and report back to the council next month, when the budget
for the coming year is set and the builders have sent their second offers.</p></div></body></html>"""


@pytest.mark.parametrize("title, heading", [
    ("Harbour Notes: Council asks for cheaper bridge builders", "Council asks for cheaper bridge builders"),
    ("Harbour Notes - Harbour Notes - Council asks for cheaper bridge builders - 20% Savings",
     "Council asks for cheaper bridge builders - 20% Savings"),
    ("Council asks for cheaper bridge builders - Harbour Notes", "Council asks for cheaper bridge builders"),
])
def test_a_page_title_part_that_is_a_heading_of_the_page_is_the_title(title, heading):
    # realworld37: blog pages titled "Web Ink Now: HEADLINE", "High Scalability - High Scalability - HEADLINE" and
    # (the extractor taking the site's part) "Virtual Geek", whose headline stands in an <h3> or <h2> of the page
    doc = document_from_html(_HEADING_PAGE.format(title=title, heading=heading, badge=""))
    assert doc.source.title == heading
    assert doc.text.startswith(heading + "\n\nThe council met")


def test_a_date_badge_over_the_headline_goes_with_it():
    # realworld37: a blog theme's badge "Wednesday" / "Oct242012" and the headline again opened the body
    page = _HEADING_PAGE.replace('<h3 class="entry-header">{heading}</h3>', "").format(
        title="Harbour Notes - Harbour Notes - Council asks for cheaper bridge builders",
        badge="<div class='date'><p>Wednesday</p><p>Oct242012</p></div><h2>Council asks for cheaper bridge builders</h2>")
    doc = document_from_html(page)
    assert doc.text.startswith("Council asks for cheaper bridge builders\n\nThe council met"), doc.text[:200]


_SUMMARY_PAGE = """<html><head><title>Council asks for cheaper bridge builders</title>
<meta name="description" content="The harbour council has asked the mayor to find cheaper builders for the new bridge, after members said the cost was far too high for the town.">
</head><body><h1>Council asks for cheaper bridge builders</h1>
<div class="share">Share</div>
<div class="article__summary summary">The harbour council has asked the mayor to find cheaper builders for the new
bridge, after members said the cost was far too high for the town.</div>
<div class="article__text">
<p>The council met on Tuesday to talk about the new bridge over the river. Members said the cost was too high and
asked the mayor to find cheaper builders before the winter comes, and the mayor agreed to look again.</p>
<p>The mayor said she would look again at the numbers and report back to the council next month, when the budget
for the coming year is set and the builders have sent their second offers.</p>
<p>Builders from three towns have already said they would bid again, a spokesman for the council said on Wednesday,
and the first offers are expected before the end of the month.</p></div></body></html>"""


def test_a_standfirst_the_page_prints_over_the_story_opens_the_body():
    # realworld37: an RT story's two-sentence lead (its "article__summary", also the meta description) was lost
    from spinscope.ingest.html import _summary_left_out

    doc = document_from_html(_SUMMARY_PAGE)
    assert doc.text.startswith("Council asks for cheaper bridge builders\n\nThe harbour council has asked the mayor"), doc.text[:200]
    assert doc.text.count("The harbour council has asked") == 1
    lead = "A lead of the story, fifteen words or more, which the page prints before its text."
    assert _summary_left_out((lead, lead, "Headline"), ["A paragraph the page never printed after the lead."],
                             "Headline") is None
    after = lead + " A paragraph the page printed after the lead."
    assert _summary_left_out((lead, after, "Headline"), ["A paragraph the page printed after the lead."], "Headline") == 0
    assert _summary_left_out((lead, after, "A blog about things"), ["A paragraph the page printed after the lead."],
                             "Headline") is None  # no headline over it: the site's description of itself


_SIGNATURE_THREAD = """<html><head><title>Cheaper bridges</title></head><body>
<div class="post"><h1>Cheaper bridges</h1>
<p>The council met on Tuesday to talk about the new bridge over the river. Members said the cost was too high and
asked the mayor to find cheaper builders before the winter comes, and the mayor agreed to look again.</p>
<p>The mayor said she would look again at the numbers and report back to the council next month, when the budget
for the coming year is set and the builders have sent their second offers.</p></div>
<div class="comments" id="comments"><h3 class="caption">Reader Comments (2)</h3>
<div class="comment-wrapper"><div class="comment" id="comment1"><div class="body"><p>Two builders from my town would
bid again, I am sure of it.</p></div>
<div class="signature">October 24, 2012 | <a href="/contributor/1" title="Unregistered Commenter">Chris</a></div></div></div>
<div class="comment-wrapper"><div class="comment" id="comment2"><div class="body"><p>The cost is fine, the bridge
is needed before winter.</p></div>
<div class="signature">October 25, 2012 | <a href="/contributor/2" title="Unregistered Commenter">Ben Lake</a></div></div></div>
</div></body></html>"""


def test_a_comments_signature_line_gives_its_date():
    # realworld37: a Squarespace thread prints "DATE | NAME" in a "signature" under each comment; no `posted` date
    doc = Pipeline(stages=["clean"])(document_from_html(_SIGNATURE_THREAD, url="http://example.org/2012/10/bridges"))
    got = [(c.author, str(c.posted)) for c in doc.comments]
    assert got == [("Chris", "2012-10-24"), ("Ben Lake", "2012-10-25")], got


def test_a_rating_widgets_line_closing_a_comment_is_no_text():
    """realworld38: a WordPress thread ends every comment with its rating widget's "Rate This:  0  0"."""
    got = _thread("""<ol class="commentlist"><li class="comment depth-1" id="li-comment-7">
      <div class="comment-container"><div class="comment-head"><span class="name">Debra says: </span></div>
      <div class="comment-entry" id="comment-7"><p>Sprinkles on everything.</p><p>Rate This:  1  0</p></div></div></li>
      <li class="comment depth-1" id="li-comment-8">
      <div class="comment-container"><div class="comment-head"><span class="name">Walt says: </span></div>
      <div class="comment-entry" id="comment-8"><p>Rate this bakery, I said.</p><p>Rate This</p></div></div></li></ol>""")
    assert got == [("Debra", "Sprinkles on everything.", None), ("Walt", "Rate this bakery, I said.", None)]


def test_a_staff_replys_bold_name_in_its_user_block_is_the_author():
    """realworld38 (a stop-37 leftover): a recipe site's staff replies have no user-name link, only "<b>NAME</b> is an
    Assistant Editor of SITE." in their user block; they had no author."""
    got = _thread("""<div class="comments">
      <div class="comment clearfix" id="reply"><div class="user clearfix"><div class="user_info">
        <a href="/users/1_pat" class="username">pat</a><span class="date">added 1 day ago</span></div></div>
        <p class="comment_text">I baked it twice this week.</p></div>
      <div class="comment clearfix" id="reply"><div class="user clearfix"><div class="user_info">
        <p class="specialist"><b>Kenza</b> is an Assistant Editor of <a href="http://example.org">Bakery52</a>.</p>
        <span class="date">added about 9 hours ago</span></div></div>
        <p class="comment_text">Thank you, your recipes spoke for themselves!</p></div></div>""")
    assert got == [("pat", "I baked it twice this week.", None),
                   ("Kenza", "Thank you, your recipes spoke for themselves!", None)], got


def test_the_sites_name_opening_the_body_goes_with_it_when_a_heading_is_the_title(monkeypatch):
    """realworld38 (a stop-37 leftover): on a sidebar-only blog page the extractor takes the masthead's word for the
    title and opens the text with it; once the post's heading is the title, that word stayed as the body's first
    line ("copyranter")."""
    from types import SimpleNamespace
    import spinscope.ingest.html as html_mod
    body = ("harbournotes\n\nSEND ME TIPS: harbournotes(at)example(dot)org\n\nThe best harbour blogger in the "
            "world, now writing about bridges, ferries and councils every week since the old ferry sank.")
    fake = SimpleNamespace(text=body, title="harbournotes", sitename="harbournotes", comments="", date=None,
                           url="http://harbournotes.example.org/2012/11/top6.html")
    monkeypatch.setattr(html_mod, "_extract", lambda tree, url, prune, comments: fake)
    page = ("<html><head><title>harbournotes: The top 6 bridge posts from the last two weeks.</title></head><body>"
            "<h1 id='blog-title'><a href='/'>harbournotes</a></h1><h3 class='post-title'>The top 6 bridge posts from "
            "the last two weeks.</h3><p>SEND ME TIPS: harbournotes(at)example(dot)org</p></body></html>")
    doc = document_from_html(page, url=fake.url)
    assert doc.source.title == "The top 6 bridge posts from the last two weeks."
    assert doc.text.startswith("The top 6 bridge posts from the last two weeks.\n\nSEND ME TIPS"), doc.text[:120]


_FORM_TITLE_PAGE = """<html><head><title>  Why Harbour Towns Need Their Ferries | The Harbour Review </title></head><body>
<div id="header"><h1><a href="http://harbourreview.com" title="The Harbour Review"><img src="logo.png"/></a></h1></div>
<div class="post"><h2><a href="http://harbourreview.com/2012/11/ferries/" rel="bookmark">Why Harbour Towns Need Their Ferries</a></h2>
<p>Every winter the ferry from the mainland is the only way to bring fuel, food and doctors to the island towns,
and every winter the county asks whether it can afford to keep the boats running for so few passengers.</p>
<p>The answer, say the harbour masters, is that the towns would empty within a decade without the boats, and that
the cost of moving three thousand people to the mainland would be far higher than the fuel.</p>
<p>The county will vote on the ferry budget in the spring, after a survey of the island households.</p></div>
<div id="respond"><h3 id="reply-title">Leave a Reply <small><a href="#respond">Cancel reply</a></small></h3>
<form><p>Your email address will not be published.</p></form></div></body></html>"""


def test_the_comment_forms_heading_is_no_title():
    # realworld39: a blog page was titled "Leave a Reply Cancel reply" (its comment form's `<h3 id=reply-title>`)
    doc = document_from_html(_FORM_TITLE_PAGE, url="http://harbourreview.com/2012/11/ferries/")
    assert doc.source.title == "Why Harbour Towns Need Their Ferries"
    assert doc.text.startswith("Why Harbour Towns Need Their Ferries\n\nEvery winter")


def _gallery_page(cls: str, prose: bool = False) -> str:
    slides = "".join(
        f'<div><div class="photoBox"><img src="p{n}.jpg" alt="Slide {n}"/><cite>The mayor greets voters at stop '
        f'number {n} of the bus tour along the coast on Saturday.</cite></div></div>' for n in range(1, 9))
    extra = ("<p>" + " ".join(["The tour went on into the night along the harbour road and past the mills."] * 5)
             + "</p>") if prose else ""
    return f"""<html><head><title>The Mayor's Last Tour</title></head><body><div class="story">
<h1>The Mayor's Last Tour</h1>
<p>The mayor spent the last weekend of the campaign on a bus, stopping in every town along the coast to shake
hands and promise that the ferry service would survive another year of budget cuts and storms.</p>
<p>Her rival stayed in the city, where the polls showed him ahead among the voters who decide most elections.</p>
<div class="{cls}">{slides}{extra}</div>
<p>On Tuesday night the count began, and by midnight the mayor had conceded in a short speech at the town hall,
thanking the volunteers who had driven the bus for three days.</p>
<p>She said she would stay on the harbour board and keep fighting for the ferry until the next election.</p>
</div></body></html>"""


def test_a_photo_gallerys_captions_are_no_body():
    # realworld39: a news story held its 177-photo gallery (a `cnnGalleryContainer`) as 177 body paragraphs
    doc = document_from_html(_gallery_page("storyGalleryContainer"), url="http://example.com/2012/11/tour/")
    assert "bus tour along the coast" not in doc.text
    assert "conceded in a short speech" in doc.text and "Her rival stayed" in doc.text
    # a box named a gallery that holds prose is no photo gallery: its text stays
    doc = document_from_html(_gallery_page("storyGalleryContainer", prose=True), url="http://example.com/2012/11/tour/")
    assert "past the mills" in doc.text


def test_a_gallery_pages_main_box_keeps_its_captions():
    # realworld39 checks: a "Day in pictures" page (`<div class="photo-gallery" id="main-content">`) is its captions
    page = _gallery_page("storyGalleryContainer").replace('<div class="story">', '<div class="photo-gallery" id="main-content">')
    doc = document_from_html(page, url="http://example.com/2012/11/tour/")
    assert "bus tour along the coast" in doc.text


def test_the_gallery_box_words_are_cues_of_every_language():
    # review of stop 39: the photo-gallery class words were a regex in ingest/html.py; they are cues now
    # (data/cues/*.yaml `galleries`), the same words for every language (class names are the sites' markup)
    from spinscope.clean.cues import cues_for

    for language in ("en", "ru"):
        cues = cues_for(language)
        assert cues.gallery_box.search("cnnGalleryContainer") and cues.gallery_box.search("photo-slideshow")
        assert cues.gallery_main.search("main-content") and not cues.gallery_box.search("story-body")


def test_a_tables_repeated_footer_and_a_struck_word_read_once_and_apart():
    # realworld40: a stats table's `<tfoot>` repeating its `<thead>` printed the header row twice; a blog's
    # "<s>Gangnam</s> vegan style" read "Gangnamvegan style" on a line of its own
    head = "<tr><th>Pos</th><th>Player</th><th>Plays</th></tr>"
    page = f"""<html><head><title>Snap counts of the week</title></head><body><div class="entry-content">
<h1>Snap counts of the week</h1>
<p>Below, we look at the snap counts of the harbour team's defense in its game against the mill town's team on
Sunday, a game it won by a field goal in the last minute after a long drive.</p>
<table><thead>{head}</thead><tfoot>{head}</tfoot><tbody><tr><td>DL</td><td>Lars Ogden</td><td>63</td></tr>
<tr><td>LB</td><td>Joe Shore</td><td>74</td></tr></tbody></table>
<p>The line had eleven hits on the quarterback, and the linebackers stopped the run all afternoon long.</p>
<p>So, there you are -- root to blossom cooking, <s>Gangnam</s> vegan style, as the harbour team likes it.</p>
</div></body></html>"""
    doc = document_from_html(page, url="http://example.com/2019/11/snaps/")
    assert doc.text.count("Player") == 1, doc.text
    assert "cooking, Gangnam vegan style" in doc.text, doc.text


_STORY_PARAS = """<p>The harbour board voted on Tuesday to keep the winter ferry running for another year, after a long
meeting in which the island towns asked for a second boat and the county asked for a smaller budget.</p>
<p>The board's chair said the vote was close and that the county would look at the numbers again in the spring.</p>
<p>Fishermen on the island said they were relieved, and that a town without a ferry in winter would soon empty.</p>"""


def test_a_blog_widgets_heading_is_no_title():
    # realworld41: a Blogger post was titled "Translate" (its sidebar widget's `<h2 class='title'>`); the page's
    # `<title>` gives the headline (the site's name after it trimmed)
    page = f"""<html><head><title>Ferry Vote: Winter Service Stays for Another Year - Harbour Notes</title><meta content="Harbour Notes" property="og:site_name"/></head><body>
<div class="sidebar"><div class="widget"><h2 class='title'>Translate</h2><div id="google_translate_element"></div></div></div>
<div class="post"><div class="post-body">{_STORY_PARAS}</div></div></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://harbournotes.blogspot.com/2012/10/ferry-vote.html"))
    assert doc.text[doc.title.start:doc.title.end] == "Ferry Vote: Winter Service Stays for Another Year", doc.text[:200]


def test_a_pop_up_card_inside_a_paragraph_is_no_text():
    # realworld41: The Hill's person card (a photo, the name and three headlines, hidden in the sentence) read
    # "South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down ... MORE (R) is defending ..."
    card = ('<span class="rollover-people"><a class="rollover-people-link" href="/people/ann-wold">Ann Wold</a>'
            '<span class="rollover-people-block"><span class="rollover-block"><span><img src="wold.jpg" alt="">'
            '<a class="name" href="/people/ann-wold">Ann Marie Wold</a><a href="/a/1">Harbour chair backs the ferry</a> '
            '<a href="/a/2">Island towns ask for a second boat</a><a class="more" href="/people/ann-wold">MORE</a>'
            '</span></span></span></span>')
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="story">
<h1>Ferry Vote Keeps Winter Service</h1><p>Harbour chair {card} (D) is defending the board's vote to keep the winter
ferry running for another year, a vote the county opposed.</p>{_STORY_PARAS}
<p>A <span class="tooltip">short note</span> on the budget follows next week.</p></div></body></html>"""
    doc = document_from_html(page, url="http://example.com/2012/11/ferry/")
    assert "Harbour chair Ann Wold (D) is defending the board's vote" in " ".join(doc.text.split()), doc.text[:300]
    assert "Island towns ask" not in doc.text and "MORE" not in doc.text
    assert "A short note on the budget" in doc.text  # a tooltip without an image or links stays


def test_a_leaderboard_of_other_stories_comments_is_no_thread():
    # realworld41: the Wall Street Journal's "Most Recommended" box (five truncated comments under other stories,
    # `commentLeaderboard`) was read as the page's five comments
    items = "".join(f'<li><span>{n}.</span><h2><a href="/article/{n}#comments">&ldquo;The council never {w}...;&rdquo;</a>'
                    f'</h2><div class="leaderboardData"><cite>- Reader {n}</cite><small>20{n} Recommendations</small></div></li>'
                    for n, w in enumerate(["listens", "learns", "pays", "stops", "wins"], 1))
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="story">
<h1>Ferry Vote Keeps Winter Service</h1>{_STORY_PARAS}</div>
<div id="mostRecommendations"><div id="leaderboard" class="headlineSummary mostPopular commentLeaderboard">
<h3>Most Recommended</h3><ul class="listItems">{items}</ul></div></div></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://example.com/2012/11/ferry/"))
    assert doc.comments == [] and "Most Recommended" not in doc.text, doc.text


def test_a_comment_list_sorted_in_a_tab_box_gives_the_comments_texts():
    # realworld42 (a stop-40 leftover, a car site): `ol.comments > div#Posted_Order > li#comment-ID`, each li a byline
    # paragraph ("<span class="user-nick">NAME</span> Posted: DATE") over a `comment-content` box; the thread was read
    # as five bylines, the texts lost
    items = "".join(f'<li id="comment-10{n}" class="level-0 thread"><p class="byline"><span class="user-nick">'
                    f'<a href="/user/{n}">Reader {n}</a></span> Posted: 11/6/2012 7:2{n}am PST</p>'
                    f'<div class="comment-content">The ferry {w} every winter, I take it to work.</div>'
                    f'<div class="reply-vote"><div class="reply">Post Reply</div></div></li>'
                    for n, w in enumerate(["runs late", "stops twice", "is full"], 1))
    page = html_page(TITLE, EN_PARAS).replace("</article>", f"""</article>
      <div class="comments"><span class="commentCount">Comments (3)</span><ol class='comments'>
      <div id="Posted_Order">{items}</div></ol></div>""")
    doc = document_from_html(page)
    tree = doc.hints["comment_tree"]
    assert [(c["author"], c["span"].of(doc.text)) for c in tree] == [
        ("Reader 1", "The ferry runs late every winter, I take it to work."),
        ("Reader 2", "The ferry stops twice every winter, I take it to work."),
        ("Reader 3", "The ferry is full every winter, I take it to work.")]


def test_a_photos_caption_paragraph_in_the_photos_box_is_no_body():
    # realworld42 (a stop-40 leftover, a car site): `<div class="image_wrapper"><img><p>2013 Suzuki Kizashi</p></div>`
    # opened the body (and its model year was read as a date); a paragraph of prose beside a photo stays
    story = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="story">
<h1>Ferry Vote Keeps Winter Service</h1><div class="image_wrapper"><img src="/ferry.jpg" width="640"><p>2011 Harbour Queen ferry</p></div>
{_STORY_PARAS}<div class="photo"><img src="/dock.jpg"><p>The dock was rebuilt in 2010.</p></div></div></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(story, url="http://example.com/2012/11/ferry/"))
    assert "Harbour Queen" not in doc.body_text, doc.body_text
    assert "The dock was rebuilt in 2010." in doc.body_text


def test_a_comments_user_line_names_it_not_the_footers_posted_on():
    # realworld42 (Android Central): `div.comment` with `p.user` ("<a>NAME</a> <span>says:</span>") over the text and a
    # `comment-footer` "Posted on DATE": every author was "Posted"
    items = "".join(f'<div class="comment comment-published"><div class="comment-header"><p class="user">'
                    f'<a href="/users/{n}" title="View user profile.">{n}</a> <span>says:</span></p></div>'
                    f'<div class="comment-body"><p>The ferry {w} and I take it every winter.</p></div>'
                    f'<div class="comment-footer"><ul><li class="time">Posted on <span><a href="#c">Nov 06 2012 | 3:15 pm'
                    f'</a> - 1 hour ago</span></li></ul></div></div>' for n, w in [("harbourfan7", "runs late"), ("Ed 115", "is full")])
    page = html_page(TITLE, EN_PARAS).replace("</article>", f"""</article>
      <div id="comments" class="comments comment-wrapper"><h3>There are 2 comments.</h3>{items}</div>""")
    doc = document_from_html(page)
    assert [c["author"] for c in doc.hints["comment_tree"]] == ["harbourfan7", "Ed 115"]


def test_a_database_profile_box_inside_the_story_is_no_body():
    # realworld42 (TechCrunch): `div.module-crunchbase` inside the story, the company's profile ("Kinvey (pronounced
    # ...) is the first Backend as a Service ...") read as the story's last paragraphs
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="story">
<h1>Ferry Vote Keeps Winter Service</h1>{_STORY_PARAS}<div class="module-crunchbase"><h2>Crunchbase</h2>
<div class="info"><span>Company:</span> <a href="/company/harbour-ferries">Harbour Ferries</a></div><div class="body-copy">
<p>Harbour Ferries (pronounced like it is written) is the first ferry company that makes it ridiculously easy for
islanders to cross the bay in winter, with boats every hour and a cafe on board.</p></div></div></div></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://example.com/2012/11/ferry/"))
    assert "pronounced" not in doc.text and doc.body_text.endswith("would soon empty."), doc.body_text


def test_a_photos_title_over_the_headlines_repeat_goes_with_it():
    # realworld42 (a fashion blog): the body opened on the gallery's title "Paul and Joe Fall 2012 Runway Collection",
    # then the headline again; a first paragraph that ends a sentence stays
    from spinscope.ingest.assemble import TextBuilder, lay_out

    title = "Look to Steal: The Harbour Coat for Less"
    b = TextBuilder()
    hints = lay_out(b, title, ["Harbour Ferries Fall 2012 Deck Collection", title, "The art of dressing for the ferry."])
    assert [s.of(b.text()) for s in hints["body"]] == ["The art of dressing for the ferry."]
    b = TextBuilder()
    hints = lay_out(b, title, ["The coat came back this fall in the harbour shops.", title, "More."])
    assert len(hints["body"]) == 3


_LEAD = ("The harbour board voted on Tuesday to keep the winter ferry running for another year, after a long meeting "
         "in which the island towns asked for a second boat.")


@pytest.mark.parametrize("hide", ['class="story-snippet hidden"', 'style="display: none"', "hidden",
                                  'aria-hidden="true"', 'class="visually-hidden"', 'class="sr-only"', 'class="hide"'])
def test_a_hidden_copy_of_the_lead_is_no_body(hide):
    # realworld43: a paywalled story keeps a hidden copy of its lead (the Wall Street Journal's
    # `div.artSnippetTop ... hidden` beside the shown one, Barron's reprint notice and e-mail form messages); the
    # extractor read it as body, the lead twice
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><article class="story">
<h1>Ferry Vote Keeps Winter Service</h1><div {hide}><p>{_LEAD}</p><p>Subscribe to read the whole story.</p></div>
{_STORY_PARAS}</article></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://example.com/2012/11/ferry/"))
    assert doc.text.count("voted on Tuesday") == 1 and "Subscribe to read" not in doc.text, doc.text
    assert doc.body_text.endswith("would soon empty."), doc.body_text


@pytest.mark.parametrize("cls", ["field--label-hidden", "hidden-xs", "overflow-hidden"])
def test_a_class_that_only_names_hidden_keeps_its_text(cls):
    # realworld43: a whole class token hides; "field--label-hidden" (a Drupal body field whose label is hidden),
    # "hidden-xs" (hidden on phones only) do not
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><article class="story">
<h1>Ferry Vote Keeps Winter Service</h1><div class="{cls}">{_STORY_PARAS}</div></article></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://example.com/2012/11/ferry/"))
    assert "voted on Tuesday" in doc.body_text and doc.body_text.endswith("would soon empty."), doc.body_text


def test_a_story_the_page_shows_by_script_stays():
    # realworld43: a blog's post in a `display:none` box shown by script (Dragnet dev pages) holds more words than
    # the rest of the page: it stays
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="nav"><a href="/">Home</a></div>
<div class="post" style="display:none;"><h1>Ferry Vote Keeps Winter Service</h1>{_STORY_PARAS}</div></body></html>"""
    doc = Pipeline(stages=["clean"])(document_from_html(page, url="http://example.com/2012/11/ferry/"))
    assert "voted on Tuesday" in doc.body_text, doc.text


def test_a_line_break_in_the_pages_source_is_a_space():
    # realworld43: a guest post pasted from a word processor, `<span>... for cycling\nchiefs to decide ...`: every
    # source line was a paragraph ("cycling" / "chiefs" apart, a statement cut at the break); `<br>` and `pre` keep
    # their breaks
    lines = _STORY_PARAS.replace("<p>", "<div><span>").replace("</p>", "</span></div>")
    page = f"""<html><head><title>Ferry Vote Keeps Winter Service</title></head><body><div class="post">
<h1>Ferry Vote Keeps Winter Service</h1>{lines}<div>The ferry timetable:<br>Monday 9am<br>Friday 5pm</div>
<pre>Boat   Seats
Queen  120</pre></div></body></html>"""
    doc = document_from_html(page, url="http://example.com/2012/11/ferry/")
    assert "after a long meeting in which" in doc.text, doc.text
    assert "Monday 9am\nFriday 5pm" in doc.text.replace("\n\n", "\n"), doc.text


def test_a_section_name_before_the_bar_gives_way_to_the_headline_the_body_repeats():
    # realworld43 (the Wall Street Journal): the title "Opinion | Is Football Violence a Crime?" over a body opening on
    # "Is Football Violence a Crime?": the headline is the title, its repeat no body
    from spinscope.ingest.assemble import TextBuilder, lay_out

    b = TextBuilder()
    hints = lay_out(b, "Opinion | Is the Ferry Vote Legal?", ["Is the Ferry Vote Legal?", "The board met on Tuesday."])
    assert hints["title"].of(b.text()) == "Is the Ferry Vote Legal?"
    assert [s.of(b.text()) for s in hints["body"]] == ["The board met on Tuesday."]


def test_comment_list_items_opened_by_a_bold_name():
    """realworld51b (a Domino blog, Dragnet dev): each comment in its own `ol.commentlist`, a `li` opened by its
    number and the commenter's name in bold, the date in a `commentmetadata` line, then the text; read as one
    comment per item with its author, not the first item's paragraphs as comments without authors."""
    got = _thread("""<div class="commentsblock"><h3>Post a Comment</h3>
      <ol class="commentlist"><li class="commentpost"><strong>1&nbsp;
      Wendel Ostrik</strong>&nbsp;<a href="http://ostrik.example">http://ostrik.example</a>&nbsp;|
      <small class="commentmetadata">10/29/2012 5:14:46 PM</small>
      <p><p>Hello Mara,</p> <p>the form does not open for me.</p> <p>Cheers, Wendel</p></p></li></ol>
      <ol class="commentlist"><li class="authorpost"><strong>2&nbsp;
      Mara Quill</strong>&nbsp;<a href="http://quill.example">http://quill.example</a>&nbsp;|
      <small class="commentmetadata">10/29/2012 6:02:10 PM</small>
      <br/><br/><p><p>@1 - fixed now, thank you.</p></p></li></ol>
      <ol class="commentlist"><li class="commentpost"><strong>3&nbsp;
      tomas b</strong>&nbsp;&nbsp;| <small class="commentmetadata">11/6/2012 3:07:08 AM</small>
      <p><p>Nice write-up.</p></p></li></ol></div>""")
    assert got == [("Wendel Ostrik", "Hello Mara,\nthe form does not open for me.\nCheers, Wendel", None),
                   ("Mara Quill", "@1 - fixed now, thank you.", None),
                   ("tomas b", "Nice write-up.", None)]


def test_comment_list_bold_inside_the_text_is_no_author():
    """Same stays (realworld51b): a bold word inside a list item's sentence, or a bold word that follows text, names
    no commenter; a list item with an author element keeps that author."""
    from spinscope.ingest.comments import find_comment_tree
    from spinscope.ingest.html import load_html
    page = html_page(TITLE, EN_PARAS).replace("</article>", """</article>
      <ul class="comment-tips"><li>Please keep it <b>civil</b> and on topic.</li>
      <li>Read the <strong>rules</strong> first.</li></ul>""")
    assert find_comment_tree(load_html(page)) is None
    kept = _thread("""<ul class="comments"><li><span class="author">Ilse Barrow</span>
      <p>The ferry was late again.</p></li></ul>""")
    assert kept == [("Ilse Barrow", "The ferry was late again.", None)]


def test_a_definition_list_comment_keeps_its_own_stamp_not_its_replys():
    """realworld51b (an SEO blog on the Thesis theme, Dragnet dev): the `dd` of a comment also holds its replies' `dt`
    lines, so the comment took its first reply's time and date; the `dt` heading the comment is read first now. A
    comment with no reply keeps its stamp (same stays)."""
    got, meta = _stamps("""<div id="comments"><dl id="comment_list">
        <dt class="comment depth-1" id="comment-1"><span class="comment_author"><a class="url" href="http://example.org">Pia Lund</a></span>
          <span class="comment_time">May 3, 2012 at 11:41 pm</span></dt>
        <dd class="comment depth-1"><div class="format_text"><p>The ferry timetable changed again.</p></div>
          <dl class="children">
            <dt class="comment depth-2" id="comment-2"><span class="comment_author">Olek Varga</span>
              <span class="comment_time">May 4, 2012 at 7:02 am</span></dt>
            <dd class="comment depth-2"><div class="format_text"><p>It did, twice this month.</p></div></dd>
          </dl></dd>
        <dt class="comment depth-1" id="comment-3"><span class="comment_author">Rui Sato</span>
          <span class="comment_time">May 5, 2012 at 8:15 am</span></dt>
        <dd class="comment depth-1"><div class="format_text"><p>The old one was better.</p></div></dd>
      </dl></div>""")
    assert got == [("Pia Lund", "May 3, 2012 at 11:41 pm", "2012-05-03"),
                   ("Olek Varga", "May 4, 2012 at 7:02 am", "2012-05-04"),
                   ("Rui Sato", "May 5, 2012 at 8:15 am", "2012-05-05")]
    assert meta == ["May 3, 2012 at 11:41 pm", "May 4, 2012 at 7:02 am", "May 5, 2012 at 8:15 am"]
