from __future__ import annotations

import pytest
from pydantic import ValidationError

from onrecord.models import Article, Attribution, Report, Span, article_id


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("Hello world", 0, 5), ("Russia’s base", 0, 8), ("", 0, 0), ("x\ny", 1, 3)],
)
def test_span_of_keeps_offset_rule(text: str, start: int, end: int) -> None:
    span = Span.of(text, start, end)
    assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("start", "end", "text", "problem"),
    [(5, 2, "", "before its start"), (0, 3, "ab", "cover 3")],
)
def test_span_rejects_inconsistent_offsets(start: int, end: int, text: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Span(start=start, end=end, text=text)


def test_article_id_is_a_stable_content_hash() -> None:
    a, b = Article(text="same"), Article(text="same")
    assert a.id == b.id == article_id("same")
    assert Article(text="other").id != a.id


def test_content_may_be_one_span_or_a_list() -> None:
    text = "‘A,’ he said, ‘B.’"
    one = Attribution(id="A1", content=Span.of(text, 1, 2))
    two = Attribution(id="A2", content=[Span.of(text, 1, 2), Span.of(text, 15, 17)])
    assert [s.text for s in one.content_spans()] == ["A"]
    assert [s.text for s in two.content_spans()] == ["A", "B."]
    assert Attribution(id="A3").content_spans() == []


def test_report_json_round_trip() -> None:
    report = Report(article=Article(text="He said so."))
    again = Report.from_json(report.to_json())
    assert again == report


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Article.model_validate({"text": "x", "bogus": 1})
