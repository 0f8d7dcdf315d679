from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from onrecord.ingest import MAX_ARTICLE_BYTES, read
from onrecord.ingest.txt import read_stdin
from onrecord.models import Article, IngestErrorRecord


def _one(path: Path) -> Article | IngestErrorRecord:
    items = list(read([str(path)]))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"He said it.", "He said it."),
        (b"  leading and trailing spaces  \n\n", "  leading and trailing spaces  \n\n"),
        (b"Windows\r\nline\r\nendings\r\n", "Windows\r\nline\r\nendings\r\n"),
        (b"\xef\xbb\xbfBOM dropped, nothing else", "BOM dropped, nothing else"),
        ("“Curly” — quotes\u00a0and\ttabs".encode(), "“Curly” — quotes\u00a0and\ttabs"),
        ("decomposed e\u0301 stays decomposed".encode(), "decomposed e\u0301 stays decomposed"),
    ],
)
def test_txt_text_is_exact(tmp_path: Path, data: bytes, expected: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    art = _one(p)
    assert isinstance(art, Article)
    assert art.text == expected
    assert art.origin.path == str(p)
    assert art.id and len(art.id) == 16


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same words.", encoding="utf-8")
    a, b = read([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file (0 bytes)"),
        (b"   \n\t\n", "only whitespace"),
        (b"caf\xe9 au lait", "not valid UTF-8: byte 0xe9 at byte offset 3 (line 1)"),
        (b"line one\nline two \xff", "byte 0xff at byte offset 18 (line 2)"),
        (b"\xef\xbb\xbfok\xc3", "byte 0xc3 at byte offset 5"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image"),
        (b"%PDF-1.7\n%binary", "looks like a PDF document"),
        (b"text\x00with a NUL", "NUL byte at byte offset 4"),
        (b"\xff\xfeU\x00T\x00F\x00", "UTF-16"),
    ],
)
def test_txt_bad_inputs(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    err = _one(p)
    assert isinstance(err, IngestErrorRecord)
    assert err.source == str(p)
    assert reason in err.reason


def test_50_mb_text_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    chunk = b"All work and no play makes Jack a dull boy. " * 1000
    with p.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    (tmp_path / "small.txt").write_text("After the big one.", encoding="utf-8")
    tracemalloc.start()
    items = list(read([str(p), str(tmp_path / "small.txt")]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(items[0], IngestErrorRecord)
    assert "too large (50.0 MiB, over the 10.0 MiB limit for one article)" in items[0].reason
    assert isinstance(items[1], Article)  # the rest still comes out
    assert peak < MAX_ARTICLE_BYTES // 4


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * MAX_ARTICLE_BYTES)
    art = _one(p)
    assert isinstance(art, Article) and len(art.text) == MAX_ARTICLE_BYTES


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Plain text from a pipe.\n", "Plain text from a pipe.\n"),
        (b"\xef\xbb\xbfWith BOM", "With BOM"),
    ],
)
def test_stdin_text(data: bytes, expected: str) -> None:
    art = read_stdin(io.BytesIO(data))
    assert isinstance(art, Article)
    assert art.text == expected
    assert art.origin.path == "-"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"bad \xff byte", "byte offset 4"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too large"),
    ],
)
def test_stdin_errors(data: bytes, reason: str) -> None:
    err = read_stdin(io.BytesIO(data))
    assert isinstance(err, IngestErrorRecord)
    assert err.source == "-"
    assert reason in err.reason


def test_stdin_html_is_extracted() -> None:
    from tests.ingest.helpers import article_html

    art = read_stdin(io.BytesIO(article_html().encode()))
    assert isinstance(art, Article)
    assert art.title == "Council closes harbour bridge"
    assert "<p>" not in art.text and "harbour bridge" in art.text
