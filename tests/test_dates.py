"""iso_date: one date form for every reader, partial dates left alone."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from spinscope.dates import iso_date


@pytest.mark.parametrize("value, expected", [
    ("2024-03-14", "2024-03-14"),
    ("2024-03-14T23:30:00-05:00", "2024-03-14"),
    ("Thu, 14 Mar 2024 09:30:00 GMT", "2024-03-14"),
    ("March 14, 2024", "2024-03-14"),
    ("14 March 2024", "2024-03-14"),
    (dt.datetime(2024, 3, 14, 9, 30), "2024-03-14"),
    (dt.date(2024, 3, 14), "2024-03-14"),
    (time.strptime("2024-03-14", "%Y-%m-%d"), "2024-03-14"),
    (1710408600, "2024-03-14"),  # epoch seconds
    (1710408600000, "2024-03-14"),  # epoch milliseconds
    ("2024", None),  # a year alone is not a publication date
    ("March 2024", None),
    ("2024-02-30", None),
    ("sometime in spring", None),
    ("", None),
    (None, None),
    (True, None),
    (-5, None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_a_relative_date_in_a_dated_comment_counts_from_its_posting_day():
    # comments now carry the day the page gives them (stop 33); "tomorrow" in a comment posted March 5 is
    # March 6, whatever the article's date (stop-34 audit: a recipe blog's thread); an undated comment's
    # "today" stays unresolved
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    body = ("The bakery on Main Street opened its doors again after the long repairs to its old roof. "
            "The owners said the first loaves sold out within the hour.\n\n"
            "They plan to add a second oven before the winter.\n\n")
    thread = ("Comments\n\nAnna Smith says:\n\nMarch 5, 2014 at 6:02 am\n\nI will go there tomorrow with my sister.\n\n"
              "Bob Jones says:\n\nMarch 9, 2014 at 7:15 pm\n\nWent today, lovely bread.\n\n"
              "Carl Weber says:\n\nGoing back today for the rye.\n\n")
    doc = Pipeline(stages=["clean", "dates"])(Document(text=body + thread, source=Source(published="2014-03-04")))
    got = [(doc.text[d.start:d.end], d.value, d.anchor) for d in doc.dates]
    assert got == [("tomorrow", "2014-03-06", "posted"), ("today", "2014-03-09", "posted"), ("today", None, None)]


def test_stop44_a_car_s_model_year_is_no_date():
    # realworld42/43: "2013 Suzuki Kizashi", "All-new 2020 Sentra"; the brief's "the 2014 Camry", "a 2012 Ford";
    # "In 2012 Ford recalled ..." keeps its year
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    text = ("The 2014 Camry is a safe car, and he drove a 2012 Ford to the game. His all-new 2020 Sentra broke down. "
            "In 2012 Ford recalled the trucks.\n")
    doc = Pipeline(stages=["clean", "parse", "dates"])(Document(text=text, source=Source(published="2016-05-04")))
    got = [(doc.text[d.start:d.end], d.start) for d in doc.dates]
    assert got == [("2012", doc.text.index("In 2012") + 3)], got


def test_stop45_a_car_s_model_year_by_its_shape_is_no_date():
    # kb44's left list: "a 2019 F-250" was a date (no list held the model); by shape now: a model code, a pickup's
    # load class, a vehicle noun right after the name or in apposition. Guards: "in 2020", a G-20 summit's year, a
    # year before a name and a vehicle noun further on ("His 2016 Trump campaign ... car dealers") stay dates
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    pipe = Pipeline(stages=["clean", "parse", "dates"])
    for text in ("He bought a 2019 F-250 from a dealer.", "She traded her old 2017 Sierra 2500 for a smaller one.",
                 "My 2018 CX-5 sedan needs new tires."):
        doc = pipe(Document(text=text + "\n", source=Source(published="2020-05-04")))
        assert [doc.text[d.start:d.end] for d in doc.dates] == [], text
    for text, year in (("He bought a truck from a dealer in 2020.", "2020"),
                       ("The 2018 G-20 summit was held in 2018 in Buenos Aires.", "2018"),
                       ("His 2016 Trump campaign visit drew a crowd of car dealers.", "2016"),
                       ("In 2019 Ford sold more trucks.", "2019")):
        doc = pipe(Document(text=text + "\n", source=Source(published="2020-05-04")))
        assert year in [doc.text[d.start:d.end] for d in doc.dates], text


def test_stop46_a_listed_model_after_an_owner_s_year_is_no_date():
    # kb45's left list: "the 2015 Outback" (no model code, no vehicle noun after it) was a year where spaCy tags it
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    pipe = Pipeline(stages=["clean", "parse", "dates"])
    for text in ("My neighbor's 2015 Outback was recalled last year.", "They sold their 2015 Outback in 2019."):
        doc = pipe(Document(text=text + "\n", source=Source(published="2020-05-04")))
        assert "2015" not in [doc.text[d.start:d.end] for d in doc.dates], text
    # guards: the year of a place's event stays a date
    for text, year in (("The 2012 Colorado shooting was recalled in 2015.", "2015"),
                       ("They drove through the Outback in 2015.", "2015")):
        doc = pipe(Document(text=text + "\n", source=Source(published="2020-05-04")))
        assert year in [doc.text[d.start:d.end] for d in doc.dates], text


def test_a_dotted_date_is_read_day_first_realworld52():
    # realworld52 (a state outlet's live page and briefing page): "16.06.2022" and "20.04.2022" in the text were no
    # dates; a dotted date is day first, as the cleaner reads a date line ("05.06.2022" is 5 June)
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    pipe = Pipeline(stages=["clean", "parse", "dates"])
    doc = pipe(Document(text="The talks began on 16.06.2022 and the next round opens on 05.07.2022 in the city.\n",
                        source=Source()))
    assert [(doc.text[d.start:d.end], d.value, d.granularity) for d in doc.dates] == [
        ("16.06.2022", "2022-06-16", "day"), ("05.07.2022", "2022-07-05", "day")]
    # guards: a version number is no date, nor a dotted date with its day out of range
    doc = pipe(Document(text="Version 1.2.2022.5 shipped on time, and 45.13.2022 is no day.\n", source=Source()))
    assert [d for d in doc.dates if d.value and d.value.startswith("2022-")] == []


def test_a_live_pages_post_stamp_dates_the_page_realworld52():
    # realworld52 (a state outlet's live page): the stamp "22:33 GMT 16.06.2022" over a post was body, so "on Thursday"
    # in the post took the weekday of a photo caption's date of the year before; the stamp is a date line now, the
    # page's date, and the post's Thursday is that day
    from spinscope import Pipeline
    from spinscope.model import Document, Source
    pipe = Pipeline(stages=["clean", "parse", "dates"])
    doc = pipe(Document(text="Live: the talks on the harbour go on\n\n"
                             "The harbour talks opened in February and went on all spring in the old town hall.\n\n"
                             "22:33 GMT 16.06.2022\n"
                             "Mayor Says Deal Is Close\n"
                             "The mayor told the local radio on Thursday that a deal on the harbour was close.\n",
                        source=Source()))
    assert "dateline" in {b.kind for b in doc.boilerplate}
    days = {doc.text[d.start:d.end]: d.value for d in doc.dates}
    assert days["Thursday"] == "2022-06-16" and days["February"] == "2022-02", days
