"""Reading the text around a cue (:mod:`onrecord.pipeline.speakers.context`), on parses given by
hand, so each case holds whatever the model would make of it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.pipeline.speakers.context import cue_subject


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
