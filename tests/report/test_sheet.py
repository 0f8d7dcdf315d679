"""The quote sheet: one row per attribution, every quote whole, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from onrecord.errors import MissingDependencyError, UsageError
from onrecord.models import Article, Attribution, Report, Span
from onrecord.report import SHEET_FORMATS, render
from onrecord.report.sheet import (
    COLUMNS,
    CsvSheet,
    XlsxSheet,
    csv_cell,
    neutralise,
    render_csv,
    sheet_rows,
    xlsx_cell,
)
from tests.report.fixtures import sheet_report

HOSTILE = '=HYPERLINK("http://evil.example", "click, here")\nsecond line, with "quotes"'
"""A quote a spreadsheet would run as a formula, with every character CSV must quote."""


def _span(text: str, sub: str, after: int = 0) -> Span:
    i = text.index(sub, after)
    return Span.of(text, i, i + len(sub))


def _rows(report: Report) -> list[dict[str, Any]]:
    return [dict(zip(COLUMNS, row, strict=True)) for row in sheet_rows(report)]


def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# -- the cells of each attribution ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (
            0,
            {
                "article_source": "news/a.txt",
                "attribution": "A1",
                "sentence": 1,
                "kind": "direct",
                "quote": "We will not move it",
                "speaker": "Anna Petrosyan",
                "role": "Minister of Defence",
                "organization": "Ministry of Defence",
                "speaker_type": "person",
                "source_text": "Minister Anna Petrosyan",
                "source_type": "named",
                "hearsay": False,
                "cue": "said",
                "confidence": 0.912,
                "speaker_confidence": 0.8,
                "needs_review": None,
                "start": 1,
                "end": 20,
            },
        ),
        (
            1,
            {
                "sentence": 2,
                "quote": "The base stays … and that is final.",
                "source_text": "she",
                "needs_review": "pronoun resolved across a sentence; two people share this surname",
                "speaker_confidence": 0.6,
            },
        ),
        (
            2,
            {
                "sentence": 3,
                "kind": "indirect",
                "quote": "that talks would go on",
                "speaker": None,
                "role": None,
                "speaker_type": None,
                "source_text": "Officials",
                "source_type": "vague",
                "hearsay": True,
                "cue": "reportedly said",
                "speaker_confidence": None,
            },
        ),
    ],
)
def test_attribution_cells(index: int, expected: dict[str, Any]) -> None:
    report = sheet_report()
    row = _rows(report)[index]
    assert {k: row[k] for k in expected} == expected
    assert row["article_id"] == report.article.id


def test_offsets_cover_the_content_from_first_to_last_part() -> None:
    report = sheet_report()
    text = report.article.text
    for row, a in zip(_rows(report), report.attributions, strict=True):
        parts = a.content_spans()
        assert (row["start"], row["end"]) == (parts[0].start, parts[-1].end)
        assert text[row["start"] : row["end"]].startswith(parts[0].text)
        assert text[row["start"] : row["end"]].endswith(parts[-1].text)


def test_an_article_without_attributions_has_no_rows() -> None:
    assert sheet_rows(Report(article=Article(text="The sky is blue."))) == []
    assert _parse(render_csv(Report(article=Article(text="The sky is blue.")))) == [list(COLUMNS)]


def test_an_attribution_without_content_leaves_quote_and_offsets_empty() -> None:
    text = "Officials said so."
    report = Report(article=Article(text=text), attributions=[Attribution(id="A1", cue=_span(text, "said"))])
    row = _rows(report)[0]
    assert (row["quote"], row["start"], row["end"], row["sentence"]) == (None, None, None, None)


# -- formula injection -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 555", "'+31 20 555"),
        ("-2 degrees", "'-2 degrees"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("plain words", "plain words"),
        (" =not first", " =not first"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), (True, "true"), (False, "false"), (0.5, 0.5), (7, 7), ("=x", "'=x"), ("x", "x")],
)
def test_csv_cell(value: Any, expected: Any) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (0.5, 0.5),
        ("=x", "'=x"),
        ("bell\x07 and nul\x00", "bell\ufffd and nul\ufffd"),
    ],
)
def test_xlsx_cell(value: Any, expected: Any) -> None:
    assert xlsx_cell(value) == expected


# -- CSV -------------------------------------------------------------------------------------------


def test_a_hostile_quote_round_trips_through_csv_reader() -> None:
    report = sheet_report(HOSTILE)
    out = render_csv(report)
    rows = _parse(out)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + len(report.attributions)
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["quote"] == "'" + HOSTILE  # whole, newline and all, and never a formula
    assert first["quote"][1:] == report.attributions[0].content_text()
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_every_quote_whole_however_long() -> None:
    long = " ".join(["a very long quotation that goes on"] * 200)
    rows = _parse(render_csv(sheet_report(long)))
    assert rows[1][COLUMNS.index("quote")] == long


def test_header_once_for_many_reports() -> None:
    reports = [sheet_report(path="a.txt"), sheet_report("Another thing", path="b.txt")]
    rows = _parse(render_csv(reports))
    assert [r for r in rows if r == list(COLUMNS)] == [list(COLUMNS)]
    assert [r[1] for r in rows[1:]] == ["a.txt"] * 3 + ["b.txt"] * 3


def test_csv_sheet_streams_header_first_then_each_report() -> None:
    buf = io.StringIO(newline="")
    sheet = CsvSheet(buf)
    assert _parse(buf.getvalue()) == [list(COLUMNS)]  # before any report
    assert sheet.add(sheet_report(path="a.txt")) == 3
    assert len(_parse(buf.getvalue())) == 4  # written at once, not at the end
    sheet.add(sheet_report(path="b.txt"))
    sheet.close()
    assert len(_parse(buf.getvalue())) == 7


@pytest.mark.parametrize(("fmt", "works"), [("csv", True), ("xlsx", False)])
def test_render(fmt: str, works: bool) -> None:
    assert fmt in SHEET_FORMATS
    if works:
        assert render(sheet_report(), fmt) == render_csv(sheet_report())
    else:
        with pytest.raises(UsageError, match="XlsxSheet"):
            render(sheet_report(), fmt)


# -- the seed article ------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def test_seed_sheet_has_every_gold_attribution_whole(seed_report: Report, seed_gold: dict[str, Any]) -> None:
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in _parse(render_csv(seed_report))[1:]]
    assert len(rows) == len(seed_report.attributions)
    for row, a in zip(rows, seed_report.attributions, strict=True):
        assert row["quote"] == neutralise(a.content_text())  # never cut
    for g in seed_gold["attributions"]:
        found = [
            r
            for r in rows
            if _norm(g["content"]) in _norm(r["quote"])
            and _norm(r["speaker"]) == _norm(g["speaker"])
            and _norm(r["role"]) == _norm(g.get("role") or "")
            and r["kind"] == g["kind"]
            and r["source_type"] == g["source_type"]
        ]
        assert found, f"gold {g} not in the sheet"


# -- xlsx ------------------------------------------------------------------------------------------


def test_xlsx_holds_the_same_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    report = sheet_report(HOSTILE + "\x0b")
    path = tmp_path / "quotes.xlsx"
    sheet = XlsxSheet(path)
    assert sheet.add(report) == 3
    sheet.close()
    ws = openpyxl.load_workbook(path)["quotes"]
    got = list(ws.iter_rows(values_only=True))
    assert list(got[0]) == list(COLUMNS)
    assert [list(r) for r in got[1:]] == [[xlsx_cell(c) for c in row] for row in sheet_rows(report)]
    quote = ws.cell(row=2, column=COLUMNS.index("quote") + 1)
    assert quote.data_type == "s" and quote.value == "'" + HOSTILE + "\ufffd"
    assert ws.freeze_panes == "A2"


def test_xlsx_without_openpyxl_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    with pytest.raises(MissingDependencyError, match=r"pip install openpyxl.*--format csv"):
        XlsxSheet(tmp_path / "quotes.xlsx")
    assert not (tmp_path / "quotes.xlsx").exists()
