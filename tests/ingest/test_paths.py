from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.ingest.paths import Input, Missing, expand, kind_of
from onrecord.models import Article, IngestErrorRecord


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "txt"),
        ("A.TXT", "txt"),
        ("page.html", "html"),
        ("page.htm", "html"),
        ("page.html.gz", "html"),
        ("x.jsonl", "jsonl"),
        ("x.jsonl.gz", "jsonl"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("photo.png", None),
        ("notes.md", None),
        ("archive.gz", None),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


def _tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Alpha.", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Beta.", encoding="utf-8")
    (root / "sub" / "deeper" / "c.txt").write_text("Gamma.", encoding="utf-8")
    (root / "sub" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "notes.md").write_text("skipped in directories", encoding="utf-8")
    (root / ".hidden" / "d.txt").write_text("hidden", encoding="utf-8")


def test_directory_is_recursive_and_skips_other_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read([str(tmp_path)]))
    assert [i.text for i in items if isinstance(i, Article)] == ["Alpha.", "Beta.", "Gamma."]
    assert not [i for i in items if isinstance(i, IngestErrorRecord)]


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        ("*.txt", ["Alpha."]),
        ("**/*.txt", ["Alpha.", "Beta.", "Gamma."]),
        ("sub/*.txt", ["Beta."]),
        ("notes.*", ["skipped in directories"]),  # a file the user names is read, whatever its extension
    ],
)
def test_globs(tmp_path: Path, pattern: str, texts: list[str]) -> None:
    _tree(tmp_path)
    items = list(read([str(tmp_path / pattern)]))
    assert [i.text for i in items if isinstance(i, Article)] == texts


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("missing.txt", "no such file or directory"),
        ("nothing-*.txt", "no files match this pattern"),
        ("empty-dir", "directory holds no readable inputs"),
    ],
)
def test_missing_inputs(tmp_path: Path, source: str, reason: str) -> None:
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "empty-dir" / "x.png").write_bytes(b"\x89PNG")
    (tmp_path / "ok.txt").write_text("ok", encoding="utf-8")
    items = list(read([str(tmp_path / source), str(tmp_path / "ok.txt")]))
    assert isinstance(items[-1], Article)
    assert isinstance(items[0], IngestErrorRecord)
    assert items[0].source == str(tmp_path / source)
    assert reason in items[0].reason


def test_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Still read.", encoding="utf-8")
    items = list(read([str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt")]))
    assert isinstance(items[0], IngestErrorRecord)
    assert isinstance(items[1], Article) and items[1].text == "Still read."


@pytest.mark.parametrize(
    ("source", "expected"),
    [("-", Input("stdin", "-")), ("https://example.org/a", Input("url", "https://example.org/a"))],
)
def test_expand_special_sources(source: str, expected: Input) -> None:
    assert list(expand(source)) == [expected]


def test_expand_explicit_unknown_extension_reads_as_text(tmp_path: Path) -> None:
    p = tmp_path / "README"
    p.write_text("x", encoding="utf-8")
    assert list(expand(str(p))) == [Input("txt", str(p), p)]
    assert list(expand(str(tmp_path / "zz"))) == [Missing(str(tmp_path / "zz"), "no such file or directory")]
