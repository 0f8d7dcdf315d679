"""Attributions inside attributions (``onrecord.pipeline.quotes.nested``): speech reported inside
another source's report gets an attribution of its own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord.pipeline import load
from onrecord.pipeline.quotes.nested import NestedQuotes
from onrecord.pipeline.types import RawAttribution


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load(mode="rules")


def _reported(nlp: Language, text: str, source: str, cue: str, content: str) -> list[tuple[str, str, str]]:
    """What :meth:`NestedQuotes.find_reported` adds inside the one report given."""
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        if getattr(proc, "name", "") == "onrecord":
            break
        doc = proc(doc)
    at = text.index
    outer = RawAttribution(
        cue=(at(cue), at(cue) + len(cue)),
        content=[(at(content), at(content) + len(content))],
        source=(at(source), at(source) + len(source)),
    )
    found = NestedQuotes(nlp).find_reported(doc, [outer])
    return [
        (text[a.source[0] : a.source[1]], text[a.cue[0] : a.cue[1]], text[a.content[0][0] : a.content[0][1]])
        for a in found
        if a.source and a.cue
    ]


@pytest.mark.parametrize(
    ("text", "outer", "expected"),
    [
        (
            "Afterward, Vance said he had relayed to the adviser that the loan might be approved, Price testified.",
            "Afterward, Vance said he had relayed to the adviser that the loan might be approved",
            [("Vance", "said", "he had relayed to the adviser that the loan might be approved")],
        ),
        (
            "The ministry said Ortiz had told the mayor that the bridge was unsafe, Price testified.",
            "The ministry said Ortiz had told the mayor that the bridge was unsafe",
            [("Ortiz", "told", "that the bridge was unsafe")],  # named: Ortiz; "the ministry" is not
        ),
        # the clause stops where the outer content does
        (
            "The ward was closed, and the Brightwell Clinic said it had traced everyone exposed, Price testified.",
            "The ward was closed, and the Brightwell Clinic said it had traced everyone exposed",
            [("the Brightwell Clinic", "said", "it had traced everyone exposed")],
        ),
        # words quoted of a mind are the reporter's: no attribution of the mind's own
        (
            'Vance said Oslo had concluded the plan was "not, on its face, unlawful", Price testified.',
            'Vance said Oslo had concluded the plan was "not, on its face, unlawful"',
            [("Vance", "said", 'Oslo had concluded the plan was "not, on its face, unlawful"')],
        ),
        # people named by what they are report too, even where the parse took "after" for a
        # preposition and their noun for its object
        (
            "He was arrested after employees of a car dealership said he tried to steal a van, Price testified.",
            "He was arrested after employees of a car dealership said he tried to steal a van",
            [("employees of a car dealership", "said", "he tried to steal a van")],
        ),
        (
            "The mayor said residents told her that the water was brown, Price testified.",
            "The mayor said residents told her that the water was brown",
            [
                ("The mayor", "said", "residents told her that the water was brown"),
                ("residents", "told", "that the water was brown"),
            ],
        ),
        # the "by X" of a passive speech verb is its speaker
        (
            "The union said workers were told by Norvane to sign the new contract by Monday, Price testified.",
            "The union said workers were told by Norvane to sign the new contract by Monday",
            [("Norvane", "told", "to sign the new contract by Monday")],
        ),
        # a subject that is no one in particular, or the outer source itself, adds nothing
        (
            "Afterward, someone said the loan might be approved soon, Price testified.",
            "Afterward, someone said the loan might be approved soon",
            [],
        ),
    ],
)
def test_speech_reported_inside_a_report(
    nlp: Language, text: str, outer: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _reported(nlp, text, "Price", "testified", outer) == expected
