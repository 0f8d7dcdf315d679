"""Stored articles read back as Reports: the same quote sheet as the reports that were stored."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from onrecord.models import Article, Origin, Report
from onrecord.report.sheet import render_csv, sheet_rows
from onrecord.store import Store, empty_rows, report_rows, stored_reports
from tests.report.fixtures import sheet_report

REPORTS = [
    ("news/a.txt", None, "We will not move it"),
    ("feed.jsonl", 3, '=cmd|"/c calc", she said\nthen, "more"'),
    (None, None, "Nothing changes"),
]


def _reports() -> list[Report]:
    out = []
    for path, line, quote in REPORTS:
        r = sheet_report(quote, path=path)
        r.article.origin = Origin(path=path, jsonl_line=line)
        out.append(r)
    out.append(Report(article=Article(text="An article with no attributions at all.")))
    return out


def _store(db: Path, reports: list[Report]) -> None:
    rows = empty_rows()
    for r in reports:
        report_rows(r, rows)
    with Store(db) as store:
        store.write(rows)


def test_the_stored_sheet_is_the_analysed_sheet(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    reports = _reports()
    _store(db, reports)
    with Store(db, read_only=True) as store:
        back = list(stored_reports(store.con, batch_size=2))  # several batches
    assert [r.article.id for r in back] == [r.article.id for r in reports]
    assert [r.article.source_label() for r in back] == [r.article.source_label() for r in reports]
    assert [sheet_rows(r) for r in back] == [sheet_rows(r) for r in reports]
    assert render_csv(back) == render_csv(reports)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["A1"], ["A1"]),
        (["A2", "A1"], ["A1", "A2"]),
        (["A10", "A9", "A11", "A1"], ["A1", "A9", "A10", "A11"]),
    ],
)
def test_attributions_come_back_in_report_order(tmp_path: Path, ids: list[str], expected: list[str]) -> None:
    base = sheet_report()
    report = base.model_copy(
        update={"attributions": [base.attributions[0].model_copy(update={"id": i}) for i in ids]}
    )
    _store(tmp_path / "s.duckdb", [report])
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        (back,) = stored_reports(store.con)
    assert [a.id for a in back.attributions] == expected


def test_a_store_from_before_the_review_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _store(db, _reports()[:1])
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE attributions DROP COLUMN speaker_confidence")
    con.execute("ALTER TABLE attributions DROP COLUMN needs_review")
    con.close()
    with Store(db, read_only=True) as store:  # read as it is: the two cells empty
        (back,) = stored_reports(store.con)
    assert [(a.speaker_confidence, a.needs_review) for a in back.attributions] == [(None, [])] * 3
    with Store(db) as store:  # opened for writing: the columns are added
        cols = {r[0] for r in store.con.execute("DESCRIBE attributions").fetchall()}
        assert {"speaker_confidence", "needs_review"} <= cols
        store.write(report_rows(sheet_report("A later quote", path="later.txt")))
    with Store(db, read_only=True) as store:
        later = list(stored_reports(store.con))[1]
    assert later.attributions[1].needs_review == sheet_report().attributions[1].needs_review
