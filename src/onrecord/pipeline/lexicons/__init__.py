"""Word lists and patterns as data files; ``load(name)`` reads one (cached)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str) -> frozenset[str]:
    """Entries of ``lexicons/NAME.txt``: one per line, lower-cased, ``#`` starts a comment."""
    raw = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    items = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(i for i in items if i)


@cache
def load_table(name: str, columns: int = 2) -> dict[str, tuple[str, ...]]:
    """Rows of ``lexicons/NAME.txt`` that have ``columns`` words: first word -> the others
    ("he m sg" -> ("m", "sg")); lower-cased like :func:`load`."""
    rows = (line.split() for line in load(name))
    return {r[0]: tuple(r[1:]) for r in rows if len(r) == columns}


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Like :func:`load` but keeps file order (for pattern lists where order matters)."""
    raw = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    items = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return tuple(i for i in items if i)


@cache
def first_person(*, singular: bool = False, possessive: bool = True) -> frozenset[str]:
    """First-person pronouns of ``first_person.txt``: all of them, or only the singular ones
    (``singular``), or those that are no possessive (``possessive=False``: "i", "me", "we", "us")."""
    return frozenset(
        w
        for w, (number, case) in load_table("first_person", 3).items()
        if (number == "sg" or not singular) and (possessive or case != "possessive")
    )


def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech, thought, belief or intention: ``cue_verbs`` (the list the
    learned tagger's features were trained with, which stays as it was) and ``cue_verbs_late``."""
    return load("cue_verbs") | load("cue_verbs_late")


@cache
def person_words() -> frozenset[str]:
    """Lemmas of nouns for a person: ``person_nouns`` and the titles of ``titles``."""
    return load("person_nouns") | load("titles")
