from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.helpers import PARAGRAPHS, article_html, three_pages, write_warc


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "onrecord", "extract", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def _lines(out: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.decode().splitlines()]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("  “Exact,” she said.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "From JSONL.", "url": "https://x.org/c", "title": "C"}) + "\n{broken\n",
        encoding="utf-8",
    )
    write_warc(tmp_path / "d.warc.gz", three_pages(), gz=True)
    return tmp_path


def test_extract_everything_with_one_bad_line(inputs: Path) -> None:
    res = _run(str(inputs))
    assert res.returncode == 1
    rows = _lines(res.stdout)
    paths = [str(r["path"]) for r in rows]
    assert paths[:3] == [str(inputs / "a.txt"), str(inputs / "b.html"), f"{inputs / 'c.jsonl'}:1"]
    assert len(rows) == 6 and all(p.startswith(f"{inputs / 'd.warc.gz'}@") for p in paths[3:])
    assert rows[0]["text"] == "  “Exact,” she said.\n"
    html_row = rows[1]
    assert PARAGRAPHS[0] in str(html_row["text"])
    assert (html_row["title"], html_row["authors"], html_row["date"], html_row["site"]) == (
        "Council closes harbour bridge",
        ["Jane Doe"],
        "2024-03-05",
        "The Harbour Times",
    )
    assert rows[2]["url"] == "https://x.org/c" and rows[2]["title"] == "C"
    assert rows[3]["url"] == "https://news.example.org/0"
    assert res.stderr.decode().splitlines() == [
        f"onrecord: {inputs / 'c.jsonl'}:2: not valid JSON: Expecting property name enclosed in double quotes at column 2"
    ]


def test_extract_ok_exit_0_and_json_format(inputs: Path) -> None:
    res = _run("--format", "json", str(inputs / "a.txt"), str(inputs / "b.html"))
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert [r["path"] for r in rows] == [str(inputs / "a.txt"), str(inputs / "b.html")]
    assert set(rows[0]) >= {"path", "text", "title", "url", "date", "authors", "site"}
    assert res.stderr == b""


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Piped text, kept exactly.  \n", "Piped text, kept exactly.  \n"),
        (article_html().encode(), PARAGRAPHS[0]),
    ],
)
def test_extract_stdin(data: bytes, text: str) -> None:
    res = _run("-", stdin=data)
    assert res.returncode == 0, res.stderr
    (row,) = _lines(res.stdout)
    assert row["path"] == "-"
    assert text in str(row["text"])


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        (
            ["missing.txt", "nothing-*.html", "http://127.0.0.1:9/x"],
            [
                "onrecord: missing.txt: no such file or directory",
                "onrecord: nothing-*.html: no files match this pattern",
                "onrecord: http://127.0.0.1:9/x: URLs are only fetched when asked: pass --fetch",
            ],
        ),
        (
            ["--fetch", "http://127.0.0.1:9/x"],
            [
                "onrecord: http://127.0.0.1:9/x: refused: 127.0.0.1 resolves to a loopback address 127.0.0.1; pass --allow-private"
            ],
        ),
    ],
)
def test_extract_errors_still_print_the_rest(inputs: Path, args: list[str], messages: list[str]) -> None:
    res = _run(*args, str(inputs / "a.txt"))
    assert res.returncode == 1
    lines = res.stderr.decode().splitlines()
    assert len(lines) == len(messages)
    for line, message in zip(lines, messages, strict=True):
        assert line.startswith(message)
    assert [r["path"] for r in _lines(res.stdout)] == [str(inputs / "a.txt")]


def test_extract_usage_error() -> None:
    res = _run()
    assert res.returncode == 2
    assert b"usage:" in res.stderr


def test_extract_console_script(inputs: Path) -> None:
    script = Path(sys.executable).with_name("onrecord")
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    res = subprocess.run(
        [str(script), "extract", str(inputs / "a.txt")], capture_output=True, timeout=120, check=False
    )
    assert res.returncode == 0 and _lines(res.stdout)[0]["text"] == "  “Exact,” she said.\n"
