from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.ingest.html import extract, looks_like_html
from onrecord.models import Article, IngestErrorRecord
from tests.conftest import shared_path
from tests.ingest.helpers import PARAGRAPHS, article_html


def _one(path: Path) -> Article | IngestErrorRecord:
    items = list(read([str(path)]))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz", "page.htm.gz"])
def test_html_file_text_and_metadata(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    data = article_html().encode()
    p.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    art = _one(p)
    assert isinstance(art, Article)
    for para in PARAGRAPHS:
        assert para in art.text
    assert "All rights reserved" not in art.text and "Sport" not in art.text
    assert art.title == "Council closes harbour bridge"
    assert art.authors == ["Jane Doe"]
    assert art.published == "2024-03-05"
    assert art.site == "The Harbour Times"
    assert art.language == "en"
    assert art.origin.path == str(p)


def test_legacy_charset_page(tmp_path: Path) -> None:
    p = tmp_path / "latin.html"
    p.write_bytes(
        article_html(
            paragraphs=[*PARAGRAPHS, "Le café était fermé, a dit le maire."], charset="windows-1252"
        ).encode("cp1252")
    )
    art = _one(p)
    assert isinstance(art, Article)
    assert "Le café était fermé" in art.text and "\ufffd" not in art.text
    assert "“We cannot take any risks" in art.text


def test_page_without_metadata(tmp_path: Path) -> None:
    p = tmp_path / "bare.html"
    p.write_text(article_html(author=None, date=None, site=None), encoding="utf-8")
    art = _one(p)
    assert isinstance(art, Article)
    assert art.authors == [] and art.published is None  # no date guessed from the footer's year


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty file (0 bytes)"),
        ("blank.html", b"  \n ", "empty HTML"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image"),
        ("nul.html", b"<html>\x00\x00\x00", "NUL byte"),
        ("nothing.html", b"<html><head><title>x</title></head><body></body></html>", "no main text found"),
        ("fake.html.gz", b"<html>not gzip</html>", "corrupt gzip data"),
    ],
)
def test_bad_html_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    err = _one(p)
    assert isinstance(err, IngestErrorRecord)
    assert err.source == str(p)
    assert reason in err.reason


def test_truncated_html_gz(tmp_path: Path) -> None:
    whole = gzip.compress(article_html().encode())
    (tmp_path / "a_cut.html.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "b_ok.html.gz").write_bytes(whole)
    items = list(read([str(tmp_path)]))
    assert isinstance(items[0], IngestErrorRecord)
    assert "truncated gzip data" in items[0].reason
    assert isinstance(items[1], Article)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"  \n<html lang='en'>", True),
        (b"<!-- c --><head><title>", True),
        (b"\xef\xbb\xbf<!doctype HTML>", True),
        (b"He wrote <b>bold</b> things.", False),
        (b"Plain text.", False),
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_html_fragment_is_wrapped() -> None:
    ex = extract("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    assert ex is not None and PARAGRAPHS[0] in ex.text


def test_shared_benchmark_pages_extract() -> None:
    pages = sorted(shared_path("article-extraction", "html").glob("*.html.gz"))[:3]
    items = list(read([str(p) for p in pages]))
    assert len(items) == 3
    for item in items:
        assert isinstance(item, Article), item
        assert len(item.text) > 300 and item.title
