"""Roles read off the text around a name (pipeline/speakers/roles.py): titles before it,
appositions and relative clauses after it, "is a …", and the two together. Each case is written for
this test. ``(text, the speaker's name, the role a careful reader gives)``."""

from __future__ import annotations

import pytest

from onrecord import analyze
from onrecord.eval.speakers import role_matches
from onrecord.models import Speaker

ROLE_CASES = [
    # an apposition after the name is the role, with its organisation
    (
        'Mark Ellis, a senior fellow at the Carver Institute, said the plan "cannot work."',
        "Mark Ellis",
        "senior fellow at the Carver Institute",
    ),
    # a common noun in compound before the name
    ('"It was the hardest verdict so far," said host Tom Baron.', "Tom Baron", "host"),
    # what the text says the person is
    (
        'Nina Hollis is the CEO of Brightline. "We saw it coming," Hollis said.',
        "Nina Hollis",
        "CEO of Brightline",
    ),
    # an abbreviated title, spelled out
    ('"Heads needed to roll," said Sen. Carl Mendez.', "Carl Mendez", "Senator"),
    # the description that a speaker is linked by becomes the role when no other is given
    (
        'Jon Dale was voted off the show on Monday. "It hurts," said the actor.',
        "Jon Dale",
        "actor",
    ),
    # a title of one word before the name and an office in apposition after it: both
    (
        '"We cannot wait," said Sen. Dora Keel (D-OR), chair of the Senate Energy Committee, on Monday.',
        "Dora Keel",
        "Senator, chair of the Senate Energy Committee",
    ),
    # a title and a description that is no office: the title alone
    (
        'Ambassador Lars Hult, the most quoted guest of the week, said "nothing has changed."',
        "Lars Hult",
        "Ambassador",
    ),
    # abbreviated military ranks kept whole and spelled out
    ('"Orders were clear," Lt. Col. Anton Berg told the panel.', "Anton Berg", "Lieutenant Colonel"),
    ('"We held the line," said Capt. Mia Sorn.', "Mia Sorn", "Captain"),
    # a body's possessive and its title before the name
    ("Last week, NASA's Administrator Paul Drake said the launch would slip.", "Paul Drake", "Administrator"),
    # titles joined by "and" or commas
    (
        '"Sales were strong," chairman, CEO and president Rita Vance said in the release.',
        "Rita Vance",
        "chairman, CEO and president",
    ),
    (
        "Acme founder and former CEO Tom Reyes said he had done nothing wrong.",
        "Tom Reyes",
        "Acme founder and former CEO",
    ),
    # a hyphenated title word
    ("“Rain is rare there,” study co-author Lena Marsh said.", "Lena Marsh", "co-author"),
    # a lower-case noun for a person right before the name, which the parse leaves apart
    (
        "It changed after the historian Ada Quist explained the letters to me.",
        "Ada Quist",
        "historian",
    ),
    # a sports position abbreviation
    ('"He should be suspended," Lions QB Dan Marlow said.', "Dan Marlow", "Lions QB"),
    # the apposition stops where a comma sets off another apposition or clause
    (
        "Ian Cole, president of Fern & Oak, a Denver design agency, said the ads had failed.",
        "Ian Cole",
        "president of Fern & Oak",
    ),
    (
        'The mayor, Anna Vardan, said "the roads will be ready."',
        "Anna Vardan",
        "mayor",
    ),
    # a restrictive clause is kept only when the role would be a bare word without it
    (
        "Prices will fall, said Omar Haddad, a professor of economics at Leeds who has studied oil.",
        "Omar Haddad",
        "professor of economics at Leeds",
    ),
    (
        "The man who drove the truck, Carl Dunne, told the court he was sorry.",
        "Carl Dunne",
        "man who drove the truck",
    ),
    # a description before the name in apposition
    ("“He read before he could walk,” said his aunt, Rosa Lind.", "Rosa Lind", "aunt"),
    # "one of …"
    (
        '"You knew it at once," said Beth Moor, one of his editors at Talon.',
        "Beth Moor",
        "one of his editors at Talon",
    ),
    # relative clauses that say what someone is or does
    (
        '"We will appeal," said Jason Ruiz, who represents the two guards.',
        "Jason Ruiz",
        "represents the two guards",
    ),
    (
        "Dr. Ronald Price, who was then serving as the governor's physician, said the tests were normal.",
        "Ronald Price",
        "governor's physician",
    ),
    # what the article says someone is: a title or an occupation
    (
        'Ray Dunn directed the first film. Dunn was a producer on the sequel. "It was fun," Dunn said.',
        "Ray Dunn",
        "producer on the sequel",
    ),
    # a title or apposition wins over a relative clause met first
    (
        'Kim Park, who runs a bakery, spoke first. Later Kim Park, the council treasurer, said "we are broke."',
        "Kim Park",
        "council treasurer",
    ),
    # a generational suffix is not the surname: "Reed" is "Thomas Reed Jr."
    (
        'Thomas Reed Jr., the district attorney, filed the case. "It is clear," Reed said.',
        "Thomas Reed Jr.",
        "district attorney",
    ),
    # a description set off before the name, the parse leaving the name outside it
    ('According to his aunt, Rosa Kemp, "He was reading at three."', "Rosa Kemp", "aunt"),
    # a capitalised title set off before the name
    ("The Prime Minister, Alan Pryce, said the deal was done.", "Alan Pryce", "Prime Minister"),
    # an apposition of a title and a company's name, with no article
    (
        "Ron Galt, President Velmex North America, says the deal is done.",
        "Ron Galt",
        "President Velmex North America",
    ),
]


def _speakers(text: str) -> dict[str, Speaker]:
    return {s.name: s for s in analyze(text).speakers}


@pytest.mark.parametrize(("text", "name", "role"), ROLE_CASES)
def test_role(text: str, name: str, role: str) -> None:
    people = _speakers(text)
    assert name in people, people
    assert people[name].role == role


NOT_A_ROLE = [
    # a copula inside a quotation is what the speaker says, not what the article says
    ('"Dale Hart is a liar," said Mona Fitch, a city councillor.', "Dale Hart"),
    # the thing of a clause whose subject is the name is no role
    ('The lawsuit Sam Ortiz filed says he was harmed. "It was bad," Ortiz said.', "Sam Ortiz"),
    # a phrase before a comma that is no word for a person
    ("In the capital, Lena Ross said the city was ready.", "Lena Ross"),
]


@pytest.mark.parametrize(("text", "name"), NOT_A_ROLE)
def test_no_role(text: str, name: str) -> None:
    person = _speakers(text).get(name)
    assert person is None or person.role is None, person


@pytest.mark.parametrize(
    ("predicted", "gold", "matches"),
    [
        ("Representative", "Rep. (D-Minn.)", True),  # an abbreviated title is the title in full
        ("Senator, chair of the Senate Energy Committee", "chair of the energy committee", True),
        ("official", "spokeswoman", False),
        (None, "mayor", False),
    ],
)
def test_role_matches(predicted: str | None, gold: str, matches: bool) -> None:
    assert role_matches(predicted, gold) is matches


def test_the_body_after_a_title_is_the_organisation() -> None:
    person = _speakers("Ron Galt, President Velmex North America, says the deal is done.")["Ron Galt"]
    assert person.organization == "Velmex North America"
