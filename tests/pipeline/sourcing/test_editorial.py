"""The author's own voice: editorial sentences and the article's genre."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.models import Article

OPINION = (
    "Congress should stop pretending this is normal. The president's excuses are absurd. "
    "Why would anyone trust a White House that lies this easily? "
    "The hearings begin on Tuesday. Make no mistake: this will not end well for the party."
)
NEWS = (
    "The hearings begin on Tuesday, the committee said. Three witnesses will testify on Monday, "
    "officials said. “We expect a long day,” said Rep. Anna Berg, a Democrat from Ohio. "
    "The White House did not respond to a request for comment."
)


def _labels(text: str) -> dict[str, str]:
    return {s.span.text: s.sourcing for s in analyze(text).sentences}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Congress should stop pretending this is normal.", "editorial"),
        ("Why would anyone trust a White House that lies this easily?", "editorial"),
        ("Make no mistake: this will not end well for the party.", "editorial"),
        ("The hearings begin on Tuesday.", "assertion"),
    ],
)
def test_editorial_sentences_of_an_opinion_piece(sentence: str, expected: str) -> None:
    assert _labels(OPINION)[sentence] == expected


def test_a_news_report_has_no_editorial_sentence() -> None:
    assert "editorial" not in _labels(NEWS).values()


@pytest.mark.parametrize(
    ("text", "url", "genre"),
    [
        (OPINION, None, "opinion"),
        (NEWS, None, "news"),
        (NEWS, "https://example.com/opinion/2019/11/hearings.html", "opinion"),
        (NEWS, "https://www.theguardian.com/commentisfree/2019/nov/18/x", "opinion"),
        (NEWS, "https://example.com/analysis/hearings", "analysis"),
        (
            "Q: Why did you run?\nA: Because nobody else would.\nQ: Again?\nA: Maybe.\nQ: When?\nA: Next year.",
            None,
            "interview",
        ),
        (
            "10:32 am The polls open.\n\n11:05 am Turnout is high, officials said.\n\n"
            "11:40 am A queue forms in Leeds.\n\n12:15 pm Polling stations report delays.",
            None,
            "live blog",
        ),
        (
            "FOR IMMEDIATE RELEASE\nAcme Corp. today announced a new plant in Ohio.\nMedia contact: press@acme.example",
            None,
            "press release",
        ),
    ],
)
def test_genre(text: str, url: str | None, genre: str) -> None:
    assert analyze(Article(text=text, url=url)).summary.genre == genre
