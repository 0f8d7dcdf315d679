"""Lone surrogates are replaced where text enters the model, one character for one."""

from __future__ import annotations

import pytest

from onrecord.models import Article, IngestErrorRecord, Origin, replace_surrogates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a\ud800b", "a\ufffdb"),
        ("\udc00", "\ufffd"),
        ("\ud83d\ude00", "\ufffd\ufffd"),  # a pair as two code points is not UTF-8 either
        ("\U0001f600 ok", "\U0001f600 ok"),
    ],
)
def test_replace_surrogates(text: str, expected: str) -> None:
    assert replace_surrogates(text) == expected
    assert len(replace_surrogates(text)) == len(text)


def test_models_never_hold_surrogates() -> None:
    art = Article(text="said \ud800", title="\udcff", authors=["\ud801"], origin=Origin(path="bad\udcff.txt"))
    assert art.model_dump_json()
    assert art.text == "said \ufffd" and art.origin.path == "bad\ufffd.txt"
    err = IngestErrorRecord(source="x\udcff", reason="r\ud800")
    assert err.model_dump_json() and err.traceback is None
