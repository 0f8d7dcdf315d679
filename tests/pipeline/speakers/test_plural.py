from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc, Token

from onrecord.pipeline import load
from onrecord.pipeline.speakers.mentions import Who
from onrecord.pipeline.speakers.plural import joint_subject_before, plural_people_before, short_org_names


def _they(text: str) -> tuple[Doc, Token]:
    """The text parsed, and its last "they"."""
    doc = load()(text)
    return doc, [t for t in doc if t.lower_ == "they"][-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mayor Lena Ortiz and leaders of the council met. They said no.",
            "Mayor Lena Ortiz and leaders of the council",
        ),
        ("Lena Ortiz or her deputy met the press. They said no.", None),  # "or": not both of them
        ("The nurses and the doctors met. They said no.", None),  # no person named: a group
        ('"Lena Ortiz and Tom Berg came," she said. They said no.', None),  # inside a quotation
    ],
)
def test_joint_subject_before(text: str, expected: str | None) -> None:
    doc, they = _they(text)
    quotes = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    found = joint_subject_before(doc, they, 0, lambda c: any(a <= c < b for a, b in quotes))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The probe let astronomers map the rings. They found ice.", "astronomers"),
        ("She joined a network of physicians. They found ice.", None),  # inside a prepositional phrase
    ],
)
def test_plural_people_before(text: str, expected: str | None) -> None:
    doc, they = _they(text)
    found = plural_people_before(doc, they, 0, lambda c: False, frozenset({"astronomer", "physician"}))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # a short form of one longer name that also speaks is that organisation
        (["The San Francisco Chronicle", "The Chronicle"], {"org:the chronicle": "San Francisco Chronicle"}),
        (
            ["Russian Foreign Ministry", "the Foreign Ministry"],
            {"org:the foreign ministry": "Russian Foreign Ministry"},
        ),
        # two longer names fit: nothing says which
        (["The New York Times", "The Financial Times", "The Times"], {}),
        # no longer name: nothing to join
        (["The Chronicle", "Reuters"], {}),
    ],
)
def test_short_org_names(names: list[str], expected: dict[str, str]) -> None:
    orgs = [Who("org:" + n.lower(), n.removeprefix("The "), "organization") for n in names]
    assert {k: w.name for k, w in short_org_names(orgs).items()} == expected
