"""The statement filter: every attribution carries how likely it reports speech, writing or
belief; the statements-only view keeps the likely ones."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.settings import STATEMENT_THRESHOLD
from onrecord.views import statements_only


def _score(text: str) -> float:
    report = analyze(text)
    assert report.attributions, f"no attribution in {text!r}"
    scores = [a.statement for a in report.attributions]
    assert all(s is not None and 0.0 <= s <= 1.0 for s in scores)
    return max(s for s in scores if s is not None)


@pytest.mark.parametrize(
    "text",
    [
        "The company said it would cut 2,000 jobs.",
        "“We will win this,” the coach said after the game.",
        "The minister told reporters that the talks had failed.",
        "According to the police, the driver was not injured.",
    ],
)
def test_statements_score_high(text: str) -> None:
    assert _score(text) >= STATEMENT_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "The settlements are widely seen as illegal.",
        "The council voted for the plan on Tuesday.",
    ],
)
def test_non_statements_score_low(text: str) -> None:
    assert _score(text) < STATEMENT_THRESHOLD


@pytest.mark.parametrize(
    ("statement", "action"),
    [
        (
            "The company said it shelved its plans.",
            "The company shelved its plans for an initial public offering.",
        ),
        ("The council said it backed the plan.", "The council voted for the plan on Tuesday."),
    ],
)
def test_a_statement_outscores_an_action(statement: str, action: str) -> None:
    assert _score(statement) > _score(action)


def test_statements_only_view_keeps_ids_sentences_and_summary_consistent() -> None:
    text = (
        "The council voted for the plan on Tuesday. "
        "“It is a good day for the city,” the mayor said. "
        "The settlements are widely seen as illegal."
    )
    full = analyze(text)
    view = statements_only(full)
    assert 0 < len(view.attributions) < len(full.attributions)
    kept = {a.id for a in view.attributions}
    assert all(set(s.attributions) <= kept for s in view.sentences)
    assert view.summary.attributions == len(view.attributions)
    assert view.summary.genre == full.summary.genre
    assert {a.speaker.id for a in view.attributions if a.speaker} >= {s.id for s in view.speakers}
