"""RSS / Atom: one Document per item, title first, metadata from item and channel."""
from __future__ import annotations

from spinscope.ingest import read
from spinscope.ingest.base import Failure
from spinscope.model import Document

from .ingest_samples import ATOM, EN_PARAS, OUTLET, RSS, TITLE


def test_rss_items(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = read(path)
    assert first.text == TITLE + "\n\n" + "\n\n".join(EN_PARAS)  # content:encoded beats the teaser
    assert first.hints["title"].of(first.text) == TITLE
    assert [s.of(first.text) for s in first.hints["body"]] == EN_PARAS
    assert first.hints["comments"] is None
    assert "alert" not in first.text
    assert first.source.url == "https://courier.example/news/harbour-bridge"
    assert first.source.outlet == OUTLET
    assert first.source.published == "2024-03-14"
    assert first.source.language == "en"
    assert first.source.path == f"{path}#1"
    # an escaped-HTML description becomes paragraphs too
    assert second.text == ("Library opening hours cut\n\nThe central library will close at 5 pm "
                           "on weekdays.\n\nStaff were told on Friday.")
    assert second.source.published == "2024-03-15"


def test_atom_entry(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.text == ("Neuer Radweg eröffnet\n\nDer Radweg an der Au ist seit Mittwoch offen."
                        "\n\nEr ist vier Kilometer lang.")
    assert doc.source.outlet == "Valbrunner Bote"
    assert doc.source.url == "https://bote.example/radweg"
    assert doc.source.published == "2024-05-01"
    assert doc.source.language == "de"


def test_feed_that_is_not_a_feed(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><item><title>Cut off", encoding="utf-8")
    results = list(read(path))
    # feedparser salvages what it can; whatever it does, no traceback and a clear outcome
    assert results and all(isinstance(r, (Document, Failure)) for r in results)
    path2 = tmp_path / "empty.rss"
    path2.write_text("<?xml version='1.0'?><rss><channel><title>X</title></channel></rss>")
    (fail,) = read(path2)
    assert fail.reason == "feed has no items"
    path3 = tmp_path / "junk.rss"
    path3.write_text("this is not xml < at all >")
    (fail,) = read(path3)
    assert isinstance(fail, Failure) and fail.reason.startswith("not a readable RSS/Atom feed")
