"""Summary counts, tables and the verdict, computed from a Report built directly from the model."""

from __future__ import annotations

import pytest

from onrecord.models import Article, Report, Sentence, Span
from onrecord.summary import shares, speaker_rows, summarize, unnamed_sources, verdict
from tests.report.fixtures import build_report


def test_counts() -> None:
    report = build_report()
    s = summarize(report)
    assert s.sentences == 3
    assert s.sourcing["named"] == 2 and s.sourcing["anonymous"] == 1 and s.sourcing["assertion"] == 0
    assert s.attributions == 3
    assert s.kinds == {"indirect": 2, "direct": 1}
    assert s.source_types == {"named": 2, "anonymous": 1}
    assert s.markers == {"editorial": 1, "hearsay": 1, "hedge": 1}
    assert s.named_speakers == 1
    assert s.words_quoted == len(["We", "will", "not", "move", "it", ","])
    assert abs(sum(shares(s).values()) - 1.0) < 1e-9


def test_verdict_from_numbers() -> None:
    assert summarize(build_report()).verdict == (
        "1 on-record quote from 1 named source; 1 anonymous source; 1 second-hand (hearsay) report; "
        "0 unsourced assertions; 1 hedge; 1 passage of editorial colour."
    )


def _bare(labels: list[str]) -> Report:
    text = " ".join(f"Sentence {i}." for i in range(len(labels)))
    sents, pos = [], 0
    for i, label in enumerate(labels):
        piece = f"Sentence {i}."
        sents.append(Sentence(index=i, span=Span.of(text, pos, pos + len(piece)), sourcing=label))  # type: ignore[arg-type]
        pos += len(piece) + 1
    return Report(article=Article(text=text), sentences=sents)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (
            [],
            "no on-record quotes; no anonymous or vague sources; 0 unsourced assertions; 0 passages of editorial colour.",
        ),
        (
            ["assertion"] * 9,
            "no on-record quotes; no anonymous or vague sources; 9 unsourced assertions; 0 passages of editorial colour.",
        ),
        (
            ["vague", "assertion"],
            "no on-record quotes; 1 vague source; 1 unsourced assertion; 0 passages of editorial colour.",
        ),
        (
            ["anonymous", "vague", "vague"],
            "no on-record quotes; 1 anonymous and 2 vague sources; 0 unsourced assertions; 0 passages of editorial colour.",
        ),
        (
            ["hearsay", "editorial"],
            "no on-record quotes; no anonymous or vague sources; 1 second-hand (hearsay) report; 0 unsourced assertions; 0 passages of editorial colour.",
        ),
    ],
)
def test_verdict_table(labels: list[str], expected: str) -> None:
    assert summarize(_bare(labels)).verdict == expected


def test_verdict_counts_distinct_sources() -> None:
    report = build_report()
    # both named attributions come from one speaker
    from collections import Counter

    text = verdict(
        report, Counter(s.sourcing for s in report.sentences), Counter(m.type for m in report.markers)
    )
    assert "from 1 named source" in text


def test_speaker_rows() -> None:
    rows = speaker_rows(build_report())
    anna = rows[0]
    assert (anna.name, anna.role, anna.attributions) == ("Anna  Petrosyan", "Minister ", 2)
    assert anna.words_quoted == 6
    assert anna.first_mention.startswith("Minister Anna")
    assert rows[1].type == "anonymous"


def test_unnamed_sources() -> None:
    rows = unnamed_sources(build_report())
    assert [(u.type, u.source, u.cue) for u in rows] == [
        ("anonymous", "Sources close to the ministry", "confirmed")
    ]
    bare = unnamed_sources(_bare(["vague"]))
    assert bare[0].source == "(impersonal)" and bare[0].attribution is None
