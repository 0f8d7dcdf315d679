"""Reading the text around a cue (:mod:`onrecord.pipeline.speakers.context`), on parses given by
hand, so each case holds whatever the model would make of it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.pipeline.speakers.context import cue_subject
from onrecord.pipeline.speakers.narrator import addressed_narrator, first_person_owner


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "subject"),
    [
        # a footnote mark the parse made a second subject is not the subject: "[39] Lind argues …"
        (
            ["[", "39", "]", "Lind", "argues", "that", "taste", "is", "learned", "."],
            [4, 4, 4, 4, 4, 7, 7, 4, 7, 4],
            ["dep", "nsubj", "dep", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "acomp", "punct"],
            ["X", "NUM", "PUNCT", "PROPN", "VERB", "SCONJ", "NOUN", "AUX", "ADJ", "PUNCT"],
            "Lind",
        ),
        # a subject alone stays, even a number ("12 said no")
        (
            ["12", "said", "no", "."],
            [1, 1, 1, 1],
            ["nsubj", "ROOT", "dobj", "punct"],
            ["NUM", "VERB", "INTJ", "PUNCT"],
            "12",
        ),
    ],
)
def test_cue_subject(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], subject: str
) -> None:
    doc = _doc(words, heads, deps, pos)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    found = cue_subject(doc, (verb.idx, verb.idx + len(verb)))
    assert found is not None and found.text == subject


def _people(text: str, names: list[str]) -> list[tuple[str, list[tuple[int, int]], bool]]:
    """(key, mentions, quoted only) for ``names`` as :func:`addressed_narrator` takes them."""
    out = []
    for name in names:
        mentions, at = [], text.find(name)
        while at >= 0:
            mentions.append((at, at + len(name)))
            at = text.find(name, at + 1)
        quoted = all(text.count("“", 0, lo) > text.count("”", 0, lo) for lo, _ in mentions)
        out.append((name.lower(), mentions, quoted))
    return out


NARRATED = "I walked in. I sat down. I waited. I looked up. I sighed.\n\n"


@pytest.mark.parametrize(
    ("text", "names", "narrator"),
    [
        # a name others address, never used outside quotation marks, is the narrator's
        (NARRATED + "“Tomas,” my mother says, tired.\n\nCara cries.", ["Tomas", "Cara"], "tomas"),
        # one monologue addressing someone counts once; the narrator's reply counts twice
        (
            NARRATED
            + "“Ivo? Hi. It’s Lena. Ivo, the heat is off, Ivo.”\n\n“Tomas, this never happened before.”"
            "\n\n“No,” I said.",
            ["Ivo", "Tomas"],
            "tomas",
        ),
        # a name used in the narration is someone else
        (NARRATED + "“Cara, stop!” I say. Cara stops.", ["Cara"], None),
        # too little first person: not narrated
        ("I think so.\n\n“Tomas,” she said.", ["Tomas"], None),
        # two names addressed alike: nothing says which
        (NARRATED + "“Tomas,” she said.\n\n“Ivo,” he said.", ["Tomas", "Ivo"], None),
    ],
)
def test_addressed_narrator(text: str, names: list[str], narrator: str | None) -> None:
    first_person = sum(1 for w in text.replace("“", " ").split() if w == "I")
    assert addressed_narrator(text, _people(text, names), first_person) == narrator


@pytest.mark.parametrize(
    ("text", "names", "owner"),
    [
        # a letter's "I" is the one who signs it
        (
            "Dear Jean:\n\nI am fixing up my new home.\n\nLove and faithful feelings,\n\nMara",
            ["Mara"],
            "mara",
        ),
        # no greeting, no letter: a last line alone says nothing
        ("I am fixing up my new home.\n\nSee you soon,\n\nMara", ["Mara"], None),
        # a text introduced as someone's remarks
        (
            "Mayor Ida Voss spoke on Monday. Below are the Mayor's remarks:\n\nI thank you all.",
            ["Ida Voss"],
            "ida voss",
        ),
    ],
)
def test_first_person_owner(text: str, names: list[str], owner: str | None) -> None:
    people = [(n.lower(), n, text.index(n)) for n in names]
    assert first_person_owner(text, people) == owner
