from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.models import Article, IngestErrorRecord
from tests.ingest.helpers import PARAGRAPHS, article_html


def _write(path: Path, lines: list[str | bytes]) -> None:
    data = b"\n".join(ln if isinstance(ln, bytes) else ln.encode() for ln in lines) + b"\n"
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def test_jsonl_records_and_errors(tmp_path: Path) -> None:
    p = tmp_path / "articles.jsonl"
    _write(
        p,
        [
            json.dumps(
                {
                    "id": "a1",
                    "text": "  First article, exact.  ",
                    "url": "https://x.org/1",
                    "title": "One",
                    "date": "2024-01-02",
                }
            ),
            "{not json",
            json.dumps({"body": "no text field"}),
            "",
            json.dumps({"html": article_html(), "url": "https://x.org/2"}),
            json.dumps(["a", "list"]),
            json.dumps({"text": 42}),
            json.dumps({"text": "   "}),
            b'{"text": "bad \xff byte"}',
            json.dumps({"text": "Last one.", "authors": ["A. Writer", "B. Writer"], "site": "X News"}),
        ],
    )
    items = list(read([str(p)]))
    got = [(i.source if isinstance(i, IngestErrorRecord) else i.origin.jsonl_line) for i in items]
    assert got == [1, f"{p}:2", f"{p}:3", 5, f"{p}:6", f"{p}:7", f"{p}:8", f"{p}:9", 10]
    first, html_art, last = (i for i in items if isinstance(i, Article))
    assert first.text == "  First article, exact.  "
    assert (first.url, first.title, first.published) == ("https://x.org/1", "One", "2024-01-02")
    assert first.origin.path == str(p)
    assert PARAGRAPHS[1] in html_art.text and html_art.title == "Council closes harbour bridge"
    assert html_art.url == "https://x.org/2" and html_art.authors == ["Jane Doe"]
    assert last.authors == ["A. Writer", "B. Writer"] and last.site == "X News"
    reasons = {i.source.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, IngestErrorRecord)}
    assert "not valid JSON" in reasons["2"]
    assert "no 'text' or 'html' field (fields: body)" in reasons["3"] and "--text-field" in reasons["3"]
    assert "not an object" in reasons["6"]
    assert "is a int, not a string" in reasons["7"]
    assert "is empty" in reasons["8"]
    assert "not valid UTF-8" in reasons["9"]


@pytest.mark.parametrize(
    ("record", "field", "text"),
    [
        ({"content": "From another field."}, "content", "From another field."),
        ({"content": "Wins.", "text": "Ignored."}, "content", "Wins."),
        ({"text": "Default field."}, "text", "Default field."),
    ],
)
def test_text_field(tmp_path: Path, record: dict[str, str], field: str, text: str) -> None:
    p = tmp_path / "x.jsonl"
    _write(p, [json.dumps(record)])
    (art,) = read([str(p)], text_field=field)
    assert isinstance(art, Article) and art.text == text


def test_empty_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "empty.jsonl"
    p.write_bytes(b"\n\n")
    (err,) = read([str(p)])
    assert isinstance(err, IngestErrorRecord) and "no records" in err.reason


def test_truncated_jsonl_gz(tmp_path: Path) -> None:
    p = tmp_path / "many.jsonl.gz"
    lines = [
        json.dumps({"text": f"Article number {i}. " + "filler words " * 40 + f"id{i}"}) for i in range(200)
    ]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    p.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(read([str(p)]))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestErrorRecord)]
    assert len(arts) > 10 and len(errs) == 1
    assert items[-1] is errs[0] and "truncated gzip" in errs[0].reason
    assert errs[0].source.startswith(f"{p}:")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "tab\there"}', "not valid JSON: Invalid control character at column 14"),
        ('{"text": "cut', "not valid JSON: Unterminated string starting at column 10"),
    ],
)
def test_bad_json_says_where_once(tmp_path: Path, line: str, reason: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    (item,) = list(read([str(p)]))
    assert isinstance(item, IngestErrorRecord) and item.reason == reason
