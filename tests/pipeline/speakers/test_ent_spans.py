"""Words trimmed from an entity that are not part of the name (:mod:`onrecord.pipeline.speakers.ent_spans`):
``(text, a snippet of the quotation, the speaker's name expected)``, cases written for this test."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.pipeline import load
from onrecord.pipeline.speakers.ent_spans import Ent, public_body
from tests.pipeline.speakers.test_speaker_patterns import attribution_of


@pytest.mark.parametrize(
    ("text", "snippet", "name"),
    [
        # a capitalised word for someone's work before a name describes them
        ("Physicist Mara Lindqvist said the result was surprising.", "the result", "Mara Lindqvist"),
        ("Novelist Tomas Ardel said he had finished the book.", "he had finished", "Tomas Ardel"),
        ('Developer Brightgate called the game "a flagship title."', "a flagship title.", "Brightgate"),
        # a word for a business, when the rest is named so elsewhere
        ("Publisher Harlow said it would appeal. Harlow has 40 staff.", "it would appeal", "Harlow"),
        # a word that is part of the name, or a rank or kin word, stays
        ("Studio Kanemori said the film was finished.", "the film was finished", "Studio Kanemori"),
        ("Police Scotland said the road was closed.", "the road was closed", "Police Scotland"),
        ("Mother Agnes said the convent would stay open.", "the convent", "Mother Agnes"),
    ],
)
def test_descriptor_is_not_the_name(text: str, snippet: str, name: str) -> None:
    a = attribution_of(analyze(text), snippet)
    assert a.speaker is not None and a.speaker.name == name


def test_descriptor_becomes_the_role() -> None:
    a = attribution_of(analyze("Physicist Mara Lindqvist said the result was surprising."), "the result")
    assert a.speaker is not None and (a.speaker.role or "").lower() == "physicist"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The Ohio State Attorney General (OSAG) is investigating Brightwell.", "OSAG", True),
        ("The Ohio State Attorney General (OSAG) is investigating Brightwell.", "Brightwell", False),
        ("The Ministry of Finance denied it.", "Ministry of Finance", True),
        ("Brightwell Holdings (BWH) denied it.", "BWH", False),
    ],
)
def test_public_body(text: str, name: str, expected: bool) -> None:
    doc = load()(text)
    start = next(t.i for t in doc if text.startswith(name, t.idx))
    end = next(t.i + 1 for t in doc if t.idx + len(t) == text.index(name) + len(name))
    assert public_body(doc, Ent(start, end, "ORG")) is expected
