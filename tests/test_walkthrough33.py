"""What a third new analyst met (stop 33): ingest formats as they come (feeds, archives, odd tables), reader-comment
threads on real pages, and the corpus features."""
from __future__ import annotations

from spinscope.ingest import read_html
from spinscope.pipeline import Pipeline

ARTICLE = "".join(f"<p>{s}</p>" for s in (
    "The harbour board met on Thursday evening to settle the quarrel over ferry fees for island residents.",
    "Members voted by seven to four to freeze the fees until the spring, after a long and noisy debate.",
    "The chair said the board would publish the accounts of the ferry service before the next meeting.",
    "Residents of the northern island had asked for the freeze in a petition signed by nine hundred people."))
DATELINE_PAGE = f"""<html><head><title>Ferry fees frozen until spring</title></head><body>
<div class="entry"><h1>Ferry fees frozen until spring</h1>
<div class="comments_datetime_new"><p><span class="posted-and-updated">Posted: 08/09/2012 4:03 pm Updated:
08/09/2012 4:25 pm</span></p></div>
<div class="entry_body">{ARTICLE}</div></div></body></html>"""


def test_a_pages_own_dateline_is_no_reader_comment():
    """A HuffPost page of the Dragnet set: its "Posted: DATE Updated: DATE" block (class `comments_datetime`) came out
    as a comment by nobody, the page's only comment. It is the article's dateline: no comment, a dateline line."""
    doc = Pipeline(stages=["clean"])(read_html(DATELINE_PAGE))
    assert doc.comments == []
    lines = {doc.text[b.start:b.end]: b.kind for b in doc.boilerplate}
    assert any(k == "dateline" and t.startswith("Posted: 08/09/2012") for t, k in lines.items()), lines
    assert "The harbour board met on Thursday" in doc.text
