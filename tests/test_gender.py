"""One person-gender function for the quotes and events stages (stop 50, kb50: extract/entities/gender.py)."""
from spinscope.extract.entities.gender import entity_gender
from spinscope.extract.entities.roles import vocabulary
from spinscope.extract.events import parties
from spinscope.extract.quotes import speakers
from spinscope.model import Entity, Span


def test_the_kb_then_the_titles_then_a_one_sex_given_name():
    # the KB's gender first (Maria Zakharova: f), whatever the titles say
    assert entity_gender(Entity("e1", "Maria Zakharova", "person", kb_id="maria-zakharova")) == "f"
    assert entity_gender(Entity("e1", "Maria Zakharova", "person", kb_id="maria-zakharova"), titles=["Mr. "]) == "f"
    # no KB gender: the titles beside the mentions ("Ms. Quint", "the board's chairwoman") ...
    quint = Entity("e2", "Robin Quint", "person")
    assert entity_gender(quint, titles=["Ms. ", "", "Quint"]) == "f"
    assert entity_gender(quint, titles=["", "the board's chairwoman", "Quint"]) == "f"
    # ... not a title papers also write of women ("spokesman"), and two that disagree say nothing
    assert entity_gender(quint, titles=["spokesman "]) is None
    assert entity_gender(quint, titles=["Mr. ", "Ms. "]) is None
    # no title: a given name borne by one sex only, of a full name
    assert entity_gender(Entity("e3", "Walter Quint", "person")) == "m"
    assert entity_gender(Entity("e3", "Walter Quint", "person"), titles=["", ""]) == "m"
    assert entity_gender(Entity("e4", "Walter", "person")) is None
    assert entity_gender(Entity("e5", "Walter Quint Holdings", "organization")) is None


def test_both_stages_read_the_one_function():
    # the events stage's person_gender is the shared function without titles (and None for a non-person)
    assert parties.person_gender(Entity("e3", "Rachel Quint", "person")) == "f"
    assert parties.person_gender(Entity("e6", "Rachel Quint", "organization")) is None
    assert parties.entity_gender is entity_gender and speakers.entity_gender is entity_gender
    # the quotes stage reads the titles beside each mention and hands them to it
    text = "Ms. Quint spoke, and Robin Quint, the board's chairwoman, left."

    class Index:
        class doc:
            pass
    Index.doc.text = text
    ent = Entity("e2", "Robin Quint", "person", mentions=[Span(4, 9), Span(21, 32)])
    resolver = speakers.SpeakerResolver(Index, None, None, vocabulary(), None)
    titles = resolver._titles_beside(ent)
    assert "Ms. " in titles and "the board's chairwoman" in titles, titles
    assert resolver._gender(ent) == "f"
