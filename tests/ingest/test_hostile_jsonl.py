"""Hostile JSONL lines fail alone: deep nesting is refused before decoding, lone surrogates become
U+FFFD, and the good lines around them all come out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.ingest.common import MAX_JSON_DEPTH, json_too_deep
from onrecord.models import Article, IngestErrorRecord

GOOD = json.dumps({"text": "“We are ready,” the minister said."})


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"[" * 5000 + b"]" * 5000, True),
        (b'{"a":' * 3000 + b"1" + b"}" * 3000, True),
        (b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH, False),
        (b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1), True),
        (b'{"text": "' + b"[[[[{{{{" * 1000 + b'"}', False),  # brackets inside a string
        (b'{"text": "\\"' + b"[" * 1000 + b'"}', False),  # after an escaped quote, still in the string
        (b'{"t": "\\\\", "x": ' + b"[" * 100 + b"]" * 100 + b"}", True),  # an escaped backslash ends
        (b"[]" * 10_000, False),  # many brackets, shallow
        (b"", False),
    ],
)
def test_json_too_deep(line: bytes, expected: bool) -> None:
    assert json_too_deep(line) is expected


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("[" * 5000 + "]" * 5000, "nested more than 64"),
        ('{"text": ' + "[" * 3000 + "]" * 3000 + "}", "nested more than 64"),
        ('{"text": "He said \\ud800 it."}', "He said \ufffd it."),
        ('{"text": "x \\udc00\\ud800 y", "title": "t\\udfff", "authors": ["A\\ud801"]}', "x \ufffd\ufffd y"),
        ('{"text": "an emoji \\ud83d\\ude00 stays"}', "an emoji \U0001f600 stays"),
        ('{"html": "<p>\\ud800</p>"}', "\ufffd"),  # through the HTML extractor too
    ],
)
def test_bad_line_fails_alone(tmp_path: Path, bad_line: str, expected: str) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([GOOD, bad_line, GOOD.replace("ready", "set")]) + "\n", encoding="utf-8")
    items = list(read([str(p)]))
    assert len(items) == 3
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    bad = items[1]
    if isinstance(bad, IngestErrorRecord):
        assert bad.source == f"{p}:2" and expected in bad.reason
    else:
        assert bad.text == expected
        assert bad.model_dump_json()  # encodable, so it can be written and analysed
        assert all(c < "\ud800" or c > "\udfff" for c in (bad.title or "") + "".join(bad.authors))
