"""The terminal report: every quote whole (wrapped, never cut) at 80 and 160 columns; the
sentence-by-sentence view only when asked for."""

from __future__ import annotations

import pytest

from onrecord.models import Article, Attribution, Report, Span, Speaker
from onrecord.report.terminal import render_text


def _flat(text: str) -> str:
    """The output with the panel's and the list's line breaks and indents taken out."""
    return " ".join(text.split())


@pytest.mark.parametrize("width", [80, 160])
def test_every_quote_whole(seed_report: Report, width: int) -> None:
    out = _flat(render_text(seed_report, width=width))
    for a in seed_report.attributions:
        content = _flat(a.content_text())
        if content:
            assert content in out, (width, a.id)
        assert f"{a.id} " in out


@pytest.mark.parametrize("width", [80, 160])
def test_direct_quotes_in_quotation_marks_with_sentence_numbers(seed_report: Report, width: int) -> None:
    out = _flat(render_text(seed_report, width=width))
    direct = next(a for a in seed_report.attributions if a.kind == "direct")
    assert f"“{_flat(direct.content_text())}”" in out
    assert direct.sentence is not None and f"s.{direct.sentence + 1}" in out


def test_sentences_only_when_asked(seed_report: Report) -> None:
    assert "Sentence by sentence" not in render_text(seed_report)
    assert "Sentence by sentence" in render_text(seed_report, sentences=True)


def test_the_sourcing_meanings_need_room(seed_report: Report) -> None:
    assert "an on-record, named" in render_text(seed_report, width=160)
    assert "an on-record, named" not in render_text(seed_report, width=80)


@pytest.mark.parametrize(
    ("role", "organization", "head"),
    [
        (
            "equity strategist at Miller Tabak",
            "Miller Tabak",
            "Ann Lee — equity strategist at Miller Tabak ·",
        ),
        ("spokeswoman", "Miller Tabak", "Ann Lee — spokeswoman, Miller Tabak ·"),
    ],
)
def test_the_organisation_is_not_repeated_after_a_role_that_names_it(
    role: str, organization: str, head: str
) -> None:
    text = '"Stocks will rise," said Ann Lee.'
    speaker = Speaker(id="S1", name="Ann Lee", role=role, organization=organization, type="person")
    a = Attribution(
        id="A1", content=Span.of(text, 1, 18), speaker=speaker, kind="direct", source_type="named"
    )
    report = Report(article=Article(text=text), attributions=[a], speakers=[speaker])
    assert head in _flat(render_text(report, width=160))
