"""Quotation marks of every convention: find_quotes and link_paragraph_quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.pipeline.quotes.marks import find_quotes, link_paragraph_quotes


def inners(text: str) -> list[str]:
    return [text[q.inner[0] : q.inner[1]] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ("He said 'we will win' today.", ["we will win"]),
        ("Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
        ("Il a dit « nous gagnerons » hier.", ["nous gagnerons"]),
        ("Er sagte »wir gewinnen« heute.", ["wir gewinnen"]),
        ("Er sagte „wir gewinnen“ heute.", ["wir gewinnen"]),
        ("Er sagte „wir gewinnen” heute.", ["wir gewinnen"]),
        # ’ is also the apostrophe
        ("‘Russia’s presence is important,’ he said.", ["Russia’s presence is important,"]),
        (
            "He met the officials’ aides. ‘We talk to the officials’ staff daily,’ she said.",
            ["We talk to the officials’ staff daily,"],
        ),
        ("‘It’s the bosses’ call, not ours,’ she said.", ["It’s the bosses’ call, not ours,"]),
        ("Don't worry, it's 'fine' now.", ["fine"]),
        ("In the ’90s he said ‘yes, sir’ often.", ["yes, sir"]),
        # nested
        ("“He told me ‘no way’ twice,” she said.", ["He told me ‘no way’ twice,", "no way"]),
        ("\"He told me 'no way' twice,\" she said.", ["He told me 'no way' twice,", "no way"]),
        # split around the cue
        ("‘A is true,’ he said, his voice steady, ‘B is too.’", ["A is true,", "B is too."]),
        # a paragraph that mixes curly and straight marks closes with the mark it has
        ('“We will see," she said.', ["We will see,"]),
        ('"We will see,” she said.', ["We will see,"]),
        ('“Not ‘linked’ at all," she said.', ["Not ‘linked’ at all,", "linked"]),
        ('He said “yes” and "no" twice.', ["yes", "no"]),
        # a straight mark set off by a stray space still opens
        ('"I run it," he told Cook. " You guys did well."', ["I run it,", "You guys did well."]),
        # no quotes, empty, only marks
        ("No quotes here.", []),
        ("", []),
        ("“”", []),
        ("Rock ’n’ roll is here.", []),
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert inners(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opening mark never closed: the quote runs to the paragraph's end, closed=False
        ("“We will fight on the beaches\nHe left.", [("We will fight on the beaches", False)]),
        ("He said “this is open. And more", [("this is open. And more", False)]),
        # unbalanced closing mark: ignored
        ("He left.” Then “she came” back.", [("she came", True)]),
        # a closer for the outer quote also closes an unclosed inner one
        ("“He said ‘never to me.” Then", [("He said ‘never to me.", True)]),
        # a closer looks a few open quotes down, not through thousands (time linear in the text)
        ("“A ‘b “c ‘d” e", [("A ‘b “c ‘d” e", False), ("c ‘d", True)]),
        ("“" * 5000 + "x”", [("“" * 4999 + "x”", False), ("x", True)]),
        ("“" + "‘a " * 12 + "x”", [("‘a " * 12 + "x”", False)]),
    ],
)
def test_unbalanced_recovers_per_paragraph(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(text[q.inner[0] : q.inner[1]], q.closed) for q in find_quotes(text)] == expected


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # multi-paragraph convention: open quote left unclosed, the next paragraph reopens it
        (
            "“First we talk.\n“Then we act.\n“Then we win,” he said.",
            [["First we talk.", "Then we act.", "Then we win,"]],
        ),
        ("“One.” he said.\n“Two.”", [["One."], ["Two."]]),
        ("“Open para\n\nplain text “closed here” now.", [["Open para"], ["closed here"]]),
    ],
)
def test_link_paragraph_quotes(text: str, groups: list[list[str]]) -> None:
    linked = link_paragraph_quotes(text, find_quotes(text))
    assert [[text[q.inner[0] : q.inner[1]] for q in g] for g in linked] == groups


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ’‘“”„«»\"'\n.,s")), max_size=80) | st.text(max_size=60))
def test_find_quotes_never_raises_and_spans_stay_inside(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.inner[0] <= q.inner[1] <= q.end <= len(text)
