"""Quotation marks that are not quotations: titles, terms and headings are never speech."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.pipeline.quotes.marks import find_quotes
from onrecord.pipeline.quotes.use import is_speech


def _first(text: str) -> bool:
    return is_speech(text, find_quotes(text)[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Teachers played “We’re Not Gonna Take It” from the steps.", False),
        ("She starred in the film “A Quiet Place” last year.", False),
        ("The so-called “reset” with Moscow failed.", False),
        ("The disease is often called “bird fancier’s lung” by doctors.", False),
        ("6. “The Gordon problem”\n\nMorrison testified that he had concerns.", False),
        ("“My fears have been realized”\n\nMorrison said, “My fears have been realized.”", True),
        ("“We will not go back,” she said.", True),
        ("He called the plan “a disaster for the city and its people.”", True),
    ],
)
def test_is_speech(text: str, expected: bool) -> None:
    assert _first(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Teachers played “We’re Not Gonna Take It” from the Statehouse steps.",
        "6. “The Gordon problem”\n\nMorrison testified on Tuesday.",
    ],
)
def test_a_title_or_heading_is_no_attribution(text: str) -> None:
    report = analyze(text)
    quoted = text[text.index("“") + 1 : text.index("”")]
    assert not any(quoted in a.content_text() for a in report.attributions)
