"""The memoised attribute ruler + lemmatizer gives every token what the original pair gives."""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy
from spacy.language import Language

from onrecord.pipeline import DEFAULT_MODEL, load, token_attrs
from tests.conftest import shared_path


@lru_cache(maxsize=2)
def _pipeline(memoised: bool) -> Language:
    nlp = spacy.load(DEFAULT_MODEL)
    if memoised:
        token_attrs.replace_in(nlp)
    return nlp


def _attrs(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in nlp(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Russian Ambassador to Armenia Sergey Kopyrkin said the base was staying.",
        "Y'all gonna see it. There is a man who ain't here. Let's go! C'mon, I gotta run.",
        "“We are not leaving,” he told reporters.\n\n  Officials have privately expressed doubts.",
        "She was quick to clarify: the talks were never frozen, according to the ministry.",
        "Gon na be late , y' all . There were 3 ships and there's a 4th .",
        "",
        "\n\n\n",
    ],
)
def test_same_attributes_as_the_original_components(text: str) -> None:
    memo = _pipeline(True)
    assert _attrs(memo, text) == _attrs(_pipeline(False), text)
    assert _attrs(memo, text) == _attrs(memo, text)  # the second time from the table


def test_same_attributes_on_real_news() -> None:
    folder = shared_path("polnear", "dev", "text")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:8]]
    memo, orig = _pipeline(True), _pipeline(False)
    for a, b in zip(memo.pipe(texts), orig.pipe(texts), strict=True):
        assert [(t.pos, t.tag, t.dep, t.morph.key, t.lemma) for t in a] == [
            (t.pos, t.tag, t.dep, t.morph.key, t.lemma) for t in b
        ]


def test_the_analysis_pipeline_uses_it() -> None:
    names = load().pipe_names
    assert "onrecord_token_attrs" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
