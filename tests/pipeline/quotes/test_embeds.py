"""Posts embedded in a page: the paragraph before "— Name (@handle) Date" is the poster's own words
(cases written for this test)."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.pipeline.quotes.embeds import (
    credit_at,
    credited_excerpts,
    embedded_posts,
    handle_follows,
    without_inner,
)
from onrecord.pipeline.types import RawAttribution
from tests.pipeline.speakers.test_speaker_patterns import attribution_of

POST = (
    "The campaign drew mockery online.\n\n"
    "Yes this is real and the county paid for it: https://t.co/Ab12Cd pic.twitter.com/Xy9\n\n"
    "— Lena Ortiz 🌻 (@lenaortiz) March 3, 2021\n\n"
    "The county defended the campaign."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the paragraph before the signature, less its links; the display name less its emoji
        (POST, [("Yes this is real and the county paid for it", "Lena Ortiz")]),
        # two posts one after the other: each its own paragraph
        (
            "Fans replied.\n\nWhat a night!\n\n— Club Rovers (@rovers) May 1, 2020\n\n"
            "Thank you all.\n\n— Sam Dale (@samdale) May 1, 2020",
            [("What a night!", "Club Rovers"), ("Thank you all.", "Sam Dale")],
        ),
        # a dash before a name in running text is no post
        ("He said it was over — Sam Dale agreed (in part) on Monday.", []),
    ],
)
def test_embedded_posts(text: str, expected: list[tuple[str, str]]) -> None:
    got = []
    for a in embedded_posts(text):
        assert a.source is not None and a.kind == "direct"
        (lo, hi), (s, e) = a.content[0], a.source
        got.append((text[lo:hi], text[s:e]))
    assert got == expected


def test_what_the_layers_made_of_a_post_gives_way() -> None:
    posts = embedded_posts(POST)
    lo = POST.index("the county paid")
    inner = RawAttribution(cue=None, content=[(lo, lo + 15)], source=None, kind="direct", confidence=0.5)
    outside_lo = POST.index("The county defended")
    outside = RawAttribution(
        cue=(outside_lo + 11, outside_lo + 19),
        content=[(outside_lo + 20, outside_lo + 32)],
        source=(outside_lo, outside_lo + 10),
        kind="indirect",
        confidence=0.9,
    )
    assert without_inner([inner, outside], posts) == [outside]


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("— tall glass of tea 🍵 (@tea) May 1", len("— tall glass of tea"), True),
        ("— Sam Dale (in part) said", len("— Sam Dale"), False),
    ],
)
def test_handle_follows(text: str, end: int, expected: bool) -> None:
    assert handle_follows(text, end) is expected


@pytest.mark.parametrize(
    ("snippet", "speaker"),
    [
        ("Yes this is real and the county paid for it", "Lena Ortiz"),
        ("Nothing to see here, folks", "tall glass of tea"),  # a display name that is no name
    ],
)
def test_the_poster_is_the_speaker(snippet: str, speaker: str) -> None:
    text = POST + "\n\nNothing to see here, folks.\n\n— tall glass of tea 🍵 (@tea) March 4, 2021"
    a = attribution_of(analyze(text), snippet)
    assert a.speaker is not None and a.speaker.name == speaker
    assert not a.speaker.role  # the links before the signature are no role


ROUNDUP = (
    "The new phone is out. Here is what the first reviews say:\n\n"
    "Battery Life Is The Big Story\n\n"
    "The battery lasted two full days in our tests. Charging is quick.\n\n"
    "It is the first phone in years that I did not charge every night.\n\n"
    "[ Daily Gadget ]\n\n"
    "The camera struggles at night, and the price is steep for what you get.\n\n"
    "[ Phone Arena ]\n\n"
    "Prices start at $499."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each paragraph back to the heading is the credited site's; the intro ending in a colon is not
        (
            ROUNDUP,
            [
                ("The battery lasted two full days in our tests. Charging is quick.", "Daily Gadget"),
                ("It is the first phone in years that I did not charge every night.", "Daily Gadget"),
                ("The camera struggles at night, and the price is steep for what you get.", "Phone Arena"),
            ],
        ),
        # reviews in quotation marks signed with a dash and a masked name: the words inside the marks
        (
            "Guests left reviews.\n\n“Great show, great seats.”\n\n– Ann**\n\n“Loved every minute!”\n\n– Bo K.",
            [("Great show, great seats.", "Ann**"), ("Loved every minute!", "Bo K.")],
        ),
        # one bracketed line is as likely a caption or a photo credit: nothing
        ("The mayor spoke at length.\n\n[ City Hall ]\n\nThe council met later.", []),
        # a sentence in brackets is no credit
        ("Rain fell.\n\n[ Updated at noon. More later. ]\n\nWind.\n\n[ See below: maps ]", []),
    ],
)
def test_credited_excerpts(text: str, expected: list[tuple[str, str]]) -> None:
    got = []
    for a in credited_excerpts(text):
        assert a.source is not None and a.kind == "direct"
        (lo, hi), (s, e) = a.content[0], a.source
        got.append((text[lo:hi], text[s:e]))
    assert got == expected


@pytest.mark.parametrize(
    ("text", "lo", "hi", "expected"),
    [
        ("Words.\n\n[ The Verge ]\n", 10, 19, True),
        ("Words.\n\n— Governor Kristi Noem (@kn) May 1, 2020\n", 10, 30, False),  # a post's signature
        ("He said [ The Verge ] was right.", 10, 19, False),  # not alone on its line
    ],
)
def test_credit_at(text: str, lo: int, hi: int, expected: bool) -> None:
    assert credit_at(text, lo, hi) is expected


@pytest.mark.parametrize(
    ("snippet", "speaker"),
    [
        ("The battery lasted two full days", "Daily Gadget"),
        ("It is the first phone in years", "Daily Gadget"),
        ("The camera struggles at night", "Phone Arena"),
    ],
)
def test_the_credited_site_is_the_speaker(snippet: str, speaker: str) -> None:
    a = attribution_of(analyze(ROUNDUP), snippet)
    assert a.kind == "direct" and a.speaker is not None and a.speaker.name == speaker
