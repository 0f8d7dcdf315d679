from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

import onrecord
from onrecord.pipeline import load
from onrecord.pipeline.spaces import LONGEST_CHUNK, SPACES, plain_spaces
from onrecord.pipeline.types import doc_text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # no-break spaces between words: one token per word, no whitespace tokens
        (
            "Trump and his team are\u00a0“rapidly\u00a0learning",
            ["Trump", "and", "his", "team", "are", "“", "rapidly", "learning"],
        ),
        # thin and narrow no-break spaces, a tab
        ("50\u2009000 people\u202fsaid\tso", ["50", "000", "people", "said", "so"]),
        # plain text is tokenized as before; a paragraph break stays a whitespace token
        ("He said so.\n\nShe agreed.", ["He", "said", "so", ".", "\n\n", "She", "agreed", "."]),
    ],
)
def test_unicode_spaces_are_tokenized_as_plain_spaces(text: str, tokens: list[str]) -> None:
    doc = load(mode="rules")(text)
    assert [t.text for t in doc] == tokens
    assert doc_text(doc) == text  # the article as given, for offsets and quoting


@given(st.text(alphabet=st.sampled_from([*SPACES, "a", " ", "\n", "“"]), max_size=40))
def test_plain_spaces_keeps_every_offset(text: str) -> None:
    out = plain_spaces(text)
    assert len(out) == len(text)
    assert all(a == b or (a in SPACES and b == " ") for a, b in zip(text, out, strict=True))


def test_a_report_quotes_the_article_with_its_no_break_spaces() -> None:
    text = "“We\u00a0will\u00a0win\u00a0this\u00a0election,” the\u00a0mayor said on Tuesday."
    report = onrecord.analyze(text)
    assert report.article.text == text
    (att,) = report.attributions
    content = att.content if isinstance(att.content, list) else [att.content]
    assert [c.text for c in content if c is not None] == ["We\u00a0will\u00a0win\u00a0this\u00a0election"]
    assert att.speaker is not None and "mayor" in (att.speaker.name or att.speaker.role or "")
    for span in report.iter_spans():
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Lt. Col. Anna Berg spoke.", "Lt."),
        ("Lt. Col. Anna Berg spoke.", "Col."),
        ("Capt. Ray Hu left.", "Capt."),
    ],
)
def test_abbreviated_titles_are_one_token(text: str, token: str) -> None:
    assert token in [t.text for t in load()(text)]


@pytest.mark.parametrize(
    "text",
    [
        "“" * 3000,  # quotation marks in a row: spaCy alone takes seconds (square of the length)
        "He said ”." * 600 + " and left.",
        "See https://example.com/" + "a-b" * 400 + " for more.\n\nShe agreed.",
        "x" * 257 + " " + "y" * 256 + "  z" * 3,
    ],
)
def test_long_stretches_without_spaces_keep_the_text_and_its_whitespace(text: str) -> None:
    doc = load(mode="rules").make_doc(text)
    assert doc.text == text
    assert all(len(t.text) <= LONGEST_CHUNK for t in doc)


@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "“", ".", "-"]), max_size=40),
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "“", ".", "-"]), max_size=40),
    st.integers(min_value=0, max_value=LONGEST_CHUNK * 2),
)
def test_pieces_give_the_tokens_spacy_gives_around_a_long_stretch(
    before: str, after: str, extra: int
) -> None:
    """Cut into pieces, a long word comes back as spaCy's one token would, and every token around
    it, with its whitespace, is spaCy's own."""
    tokenizer = load(mode="rules").tokenizer
    text = before + " " + "w" * (LONGEST_CHUNK + 1 + extra) + " " + after
    ours = tokenizer(text)
    spacys = Tokenizer.__call__(tokenizer, text)  # one piece: fast for letters
    merged: list[tuple[str, str]] = []
    for t in ours:
        if merged and set(t.text) == {"w"} and set(merged[-1][0]) == {"w"} and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + t.text, t.whitespace_)
        else:
            merged.append((t.text, t.whitespace_))
    assert merged == [(t.text, t.whitespace_) for t in spacys]
