"""Property tests: on arbitrary text every span the pipeline produces is valid."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope.clean.segment import segment
from spinscope.model import Document

# Lines that steer the cleaner into its branches, mixed with arbitrary text.
CUE_LINES = ["Support Eastwind", "0 $", "2,500 $", "Notify of", "Leave a Reply", "Newest Most Voted",
             "View all comments", "  • Someone", "    • Another one", "Jane says:", "March 3, 2024 at 4:12 pm",
             "Reply", "Related", "Tags: a, b", "About the author", "© 2024 Outlet", "in ,", "“", "\t\t",
             "Would love your thoughts, please comment.x", "Home » World", "\u00a0", "\u2028", "\r",
             "A Headline Of Some Length Here", "This is a sentence of an ordinary article paragraph."]

lines = st.one_of(st.text(max_size=80), st.sampled_from(CUE_LINES))
texts = st.lists(lines, max_size=40).map("\n".join) | st.text(max_size=400)


def assert_honest(doc: Document) -> None:
    assert doc.problems() == []
    owned = sorted([(s.start, s.end, "body") for s in doc.body]
                   + [(b.start, b.end, "boilerplate") for b in doc.boilerplate]
                   + [(c.start, c.end, "comment") for c in doc.comments if not c.empty])
    for (s1, e1, k1), (s2, e2, k2) in zip(owned, owned[1:]):
        assert e1 <= s2, f"{k1} {s1}..{e1} overlaps {k2} {s2}..{e2}"
    if doc.title:
        assert all(not (doc.title.start < e and s < doc.title.end) for s, e, _ in owned)
    record = doc.to_dict()
    for b in record["boilerplate"]:
        assert b["text"] == doc.text[b["start"]:b["end"]]
    for c in record["comments"]:
        assert c["text"] == doc.text[c["start"]:c["end"]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_cleaning_spans_are_valid(text):
    doc = Document(text=text)
    segment(doc)
    assert_honest(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parsed_sentences_stay_inside_their_segment(text):
    from spinscope.pipeline import Pipeline

    doc = Pipeline()(Document(text=text))
    assert_honest(doc)
    pieces = [(s.start, s.end) for s in doc.body] + [(c.start, c.end) for c in doc.comments]
    if doc.title:
        pieces.append((doc.title.start, doc.title.end))
    if not doc.body and not doc.comments and not doc.title:
        pieces.append((0, len(text)))
    for sent in doc.sentences:
        assert doc.text[sent.start:sent.end].strip() == doc.text[sent.start:sent.end]
        assert any(s <= sent.start and sent.end <= e for s, e in pieces), sent
