"""The small model's entity mistakes corrected by general rules (:mod:`onrecord.pipeline.speakers.entities`):
``(text, the entity's words, the label or canonical name expected)``, cases written for this test."""

from __future__ import annotations

import pytest

from tests.pipeline.speakers.helpers import entities, entity


@pytest.mark.parametrize(
    ("text", "words", "label"),
    [
        # an all-capital name the model calls a place is an organisation, unless it is a country
        ("Engineers at NASA tested the engine. NASA said the test went well.", "NASA", "ORG"),
        ("Troops from the UK arrived in the capital on Monday.", "UK", "GPE"),
        # one word with a "who" clause is a person, unless the text uses it as a place
        (
            "Prices fell.\n\nTommy — who only goes by his first name online — retired at 51.",
            "Tommy",
            "PERSON",
        ),
        ("The final was played in France. France, who beat Spain, lifted the cup.", "France", "GPE"),
        # … and so is one set off after a word for a person
        ("The actor said his wife, Kimberly, had been ill for weeks.", "Kimberly", "PERSON"),
        # a name the model takes for a place is a person when the text gives it a family, an act
        # only people do, or a "she" that takes it up; a country keeps its label
        ("Betty still loved Santa. Santa's first wife had died centuries ago.", "Santa", "PERSON"),
        ("Putin spoke on Monday. Russia will not accept the plan. He said talks were over.", "Russia", "GPE"),
        # a capitalised name right after a lowercase organisation noun
        (
            "The doctors, members of a new group Nurses for Clean Air, offered help.",
            "Nurses for Clean Air",
            "ORG",
        ),
    ],
)
def test_label(text: str, words: str, label: str) -> None:
    assert entity(text, words).label == label


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a common noun capitalised because it opens the sentence is no name, when the text writes
        # it in lower case elsewhere
        (
            'Rep. Dana Hollis toured the border.\n\nBorder agents "say the flow is rising," she said.',
            "Border",
        ),
    ],
)
def test_sentence_opening_common_noun_is_no_entity(text: str, words: str) -> None:
    _, ents = entities(text)
    assert words not in [text[e.start : e.end] for e in ents]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # a position abbreviation before a name is not part of it; initials as a first name are
        ("Rams LB John Carter said the team was ready.", "John Carter"),
        ("Jets QB Mike Walsh said on Monday that he was ready.", "Mike Walsh"),
    ],
)
def test_person_name(text: str, canonical: str) -> None:
    _, ents = entities(text)
    assert canonical in [e.canonical for e in ents if e.label == "PERSON"]
