"""Person names the small model missed or cut (:mod:`onrecord.pipeline.speakers.missed_names`), and
the entity fixes that go with them: ``(text, the name's words, what the entity should be)``, cases
written for this test."""

from __future__ import annotations

import pytest

from onrecord.pipeline.speakers.missed_names import surname_words
from tests.pipeline.speakers.helpers import entity


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a name the model did not tag, described as a person by an apposition
        (
            "Analysts were split.\n\nEswar Pradhan, a trade professor at Cornell, said the talks had stalled.",
            "Eswar Pradhan",
        ),
        # a name tagged as an organisation, with a title word in compound before it
        (
            "Cuts will come this week, said The Lark Company’s recently named executive chair Marcelo "
            "Quiroz in an email.",
            "Marcelo Quiroz",
        ),
    ],
)
def test_a_described_name_is_a_person(text: str, words: str) -> None:
    assert entity(text, words).label == "PERSON"


def test_a_surname_after_a_generational_suffix_is_the_full_name() -> None:
    text = 'Thomas Reed Jr., the district attorney, filed the case. "It is clear," Reed said.'
    assert entity(text, "Reed").canonical == "Thomas Reed Jr."


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("James P. Kennedy Jr.", ["james", "p.", "kennedy"]),
        ("Martin Luther King III", ["martin", "luther", "king"]),
        ("Jr.", ["jr."]),  # never empty
    ],
)
def test_surname_words(name: str, words: list[str]) -> None:
    assert surname_words(name) == words


def test_a_surname_the_tagger_took_for_a_common_noun_is_the_person() -> None:
    text = (
        "The deal could start a trend, says John Petrides, portfolio manager at a fund. "
        '"I would expect more acquisitions like this going forward," Petrides said.'
    )
    assert entity(text, "Petrides").canonical == "John Petrides"


@pytest.mark.parametrize(
    ("text", "words", "canonical"),
    [
        # a surname that is also a common noun, opening a paragraph as the subject
        (
            "Derek Hammers studies trade at the institute.\n\nHammers, who advises officials, said the "
            "talks would resume.",
            "Hammers",
            "Derek Hammers",
        ),
    ],
)
def test_a_surname_opening_a_sentence_is_the_person(text: str, words: str, canonical: str) -> None:
    assert entity(text, words).canonical == canonical
