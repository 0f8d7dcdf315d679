"""The role and organisation of a source the article does not name, from its own words
(:mod:`onrecord.pipeline.speakers.unnamed`); cases written for this test."""

from __future__ import annotations

import pytest

from onrecord import analyze


@pytest.mark.parametrize(
    ("text", "name", "role", "organization"),
    [
        # officials of a body named after a person are not that person
        (
            "The sanctions will stay, Obama administration officials said.",
            "Obama administration officials",
            None,
            "Obama administration",
        ),
        (
            "Trump campaign officials said the poll was fake.",
            "Trump campaign officials",
            None,
            "Trump campaign",
        ),
        # a role with its adjective, the body after a preposition or as the owner
        ("A senior official at the Treasury said the plan was dead.", None, "senior official", "Treasury"),
        (
            "A spokesperson for the World Bank said the talks would resume.",
            None,
            "spokesperson",
            "World Bank",
        ),
        (
            "New York's chief medical examiner concluded it was suicide.",
            None,
            "chief medical examiner",
            "New York",
        ),
        ("A White House spokesman said the meeting was over.", None, "spokesman", "White House"),
        (
            "Sources close to the Russian Foreign Ministry said the stance was firm.",
            None,
            None,  # "sources" and "officials" say no more than the name
            "Russian Foreign Ministry",
        ),
        # with no body named, the words are the name already: no role ("an official", a person's lawyer)
        ("An official said the talks had failed.", None, None, None),
        ("Tom Morrison was charged. Morrison's lawyer said he would appeal.", None, None, None),
        # a nationality is no body
        ("Armenian officials have privately expressed concerns.", "Armenian officials", None, None),
        # a vague group with no body named: its words are its name, no role
        ("Some analysts said the plan would fail.", None, None, None),
    ],
)
def test_an_unnamed_source_has_the_role_and_body_its_words_give(
    text: str, name: str | None, role: str | None, organization: str | None
) -> None:
    (a,) = [a for a in analyze(text).attributions if a.speaker is not None][:1]
    assert a.speaker is not None
    assert a.speaker.type in ("anonymous", "group")
    if name is not None:
        assert a.speaker.name == name
    assert (a.speaker.role, a.speaker.organization) == (role, organization)
