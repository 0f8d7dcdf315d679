"""What act an attribution reports, and the chain it reached the reader through."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.models import Attribution


def _main(text: str) -> Attribution:
    """The attribution whose content is longest (the one the sentence is about)."""
    report = analyze(text)
    assert report.attributions, f"no attribution in {text!r}"
    return max(report.attributions, key=lambda a: len(a.content_text()))


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The minister said that the talks had failed.", "speech"),
        ("“We will not go,” she told reporters.", "speech"),
        ("The senator wrote that the bill was flawed.", "writing"),
        ("The company said in a statement that it regretted the decision.", "writing"),
        ("A report by the agency found that emissions rose by 4 percent.", "writing"),
        ("He tweeted that the deal was dead.", "writing"),
        ("Officials believe the attack was planned for months.", "belief"),
        ("The mayor wants the council to approve the budget by June.", "belief"),
        ("Analysts fear that prices will keep rising.", "belief"),
    ],
)
def test_act(text: str, act: str) -> None:
    assert _main(text).act == act


@pytest.mark.parametrize(
    ("text", "via"),
    [
        ("The minister told Reuters that the talks had failed.", "Reuters"),
        ("“We will not go,” she said in an interview with CBS News.", "CBS News"),
        ("Smith told the Washington Post that he was innocent.", "the Washington Post"),
        (
            "Peskov was quoted by the Interfax news agency as saying the deal was off.",
            "the Interfax news agency",
        ),
        ("The spokesman told Polygraph.info the claims are false.", "Polygraph.info"),
        (
            "The lawyer said in an email to The Associated Press that his client was innocent.",
            "The Associated Press",
        ),
        ("The minister told reporters that the talks had failed.", None),
        ("The minister told his wife that the talks had failed.", None),
    ],
)
def test_via_outlet(text: str, via: str | None) -> None:
    vias = {a.via.text for a in analyze(text).attributions if a.via}
    assert vias == ({via} if via else set())


@pytest.mark.parametrize(
    ("text", "hearsay"),
    [
        ("South Africa said Mugabe had told President Zuma that he would resign.", True),
        ("A source who had spoken to people inside the compound said the hostages were alive.", True),
        ("People familiar with his thinking said he would run again.", True),
        ("The minister said the talks had failed.", False),
        ("He said he believed the talks had failed.", False),
    ],
)
def test_second_hand(text: str, hearsay: bool) -> None:
    assert _main(text).hearsay is hearsay


def test_an_interview_continues_through_its_outlet() -> None:
    text = (
        "Anna Berg, the mayor, told the BBC that the plant would reopen. "
        "Berg said the workers would be paid in full."
    )
    report = analyze(text)
    later = next(a for a in report.attributions if "workers" in a.content_text())
    assert later.via is not None and later.via.text == "the BBC"
