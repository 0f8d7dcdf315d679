"""The quote sheet from the command line: ``analyze --format csv|xlsx`` and ``export --sheet``."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.report.sheet import COLUMNS, render_csv
from onrecord.store import Store, empty_rows, report_rows
from tests.report.fixtures import sheet_report

ONRECORD = [sys.executable, "-m", "onrecord"]

ARTICLES = {
    "a.txt": "“We will win, whatever it takes,” the mayor said.",
    "b.txt": "“=1+1, and more,” the mayor said.",
    "c.txt": "",  # empty: an error line, never a row
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command, its output as written (CSV rows end in \\r\\n: no newline translation)."""
    res = subprocess.run([*ONRECORD, *args], capture_output=True, timeout=300)
    return subprocess.CompletedProcess(res.args, res.returncode, res.stdout.decode(), res.stderr.decode())


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def without_openpyxl(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as where openpyxl is not installed."""
    code = "import sys; sys.modules['openpyxl'] = None; from onrecord.cli import main; raise SystemExit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def parse(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(COLUMNS)
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_streams_as_one_csv_with_one_header(corpus: Path) -> None:
    res = run("analyze", str(corpus), "--format", "csv", "--mode", "rules")
    assert res.returncode == 1, res.stderr  # c.txt failed, the rest came out
    assert res.stdout.count(",".join(COLUMNS)) == 1
    rows = parse(res.stdout)
    assert {r["article_source"] for r in rows} == {str(corpus / "a.txt"), str(corpus / "b.txt")}
    quotes = {r["quote"] for r in rows}
    assert "We will win, whatever it takes" in quotes
    assert "'=1+1, and more" in quotes  # never a formula
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    assert res.stderr.strip() == f"onrecord: {corpus / 'c.txt'}: empty file (0 bytes)"


@pytest.mark.parametrize(("suffix", "fmt"), [(".csv", []), (".xlsx", []), (".csv", ["--format", "csv"])])
def test_the_output_file_says_the_format(corpus: Path, tmp_path: Path, suffix: str, fmt: list[str]) -> None:
    if suffix == ".xlsx":
        openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / f"quotes{suffix}"
    res = run("analyze", str(corpus / "a.txt"), "--mode", "rules", "-o", str(out), *fmt)
    assert res.returncode == 0, res.stderr
    if suffix == ".csv":
        (row,) = parse(read(out))
    else:
        got = list(openpyxl.load_workbook(out)["quotes"].iter_rows(values_only=True))
        assert list(got[0]) == list(COLUMNS)
        (row,) = [dict(zip(COLUMNS, r, strict=True)) for r in got[1:]]
    assert row["quote"] == "We will win, whatever it takes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "--format xlsx needs -o FILE.xlsx"),
        (["--format", "xlsx", "-o", "{dir}"], "writes one workbook"),
    ],
)
def test_xlsx_usage_errors(corpus: Path, tmp_path: Path, args: list[str], message: str) -> None:
    res = run("analyze", str(corpus / "a.txt"), *(a.format(dir=tmp_path) for a in args))
    assert res.returncode == 2 and message in res.stderr and "Traceback" not in res.stderr


def test_xlsx_without_openpyxl_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    res = without_openpyxl("analyze", str(corpus / "a.txt"), "-o", str(tmp_path / "q.xlsx"))
    assert res.returncode == 2
    assert "pip install openpyxl" in res.stderr and "--format csv" in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "q.xlsx").exists()


# -- export --sheet: a real store ------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    reports = [sheet_report(path="a.txt"), sheet_report('=1+1, "x"\ny', path="b.txt")]
    rows = empty_rows()
    for r in reports:
        report_rows(r, rows)
    with Store(db) as s:
        s.write(rows)
    return db, render_csv(reports)


def test_export_sheet_is_the_analyze_sheet(store: tuple[Path, str], tmp_path: Path) -> None:
    db, expected = store
    res = run("export", "--db", str(db), "--sheet")
    assert res.returncode == 0, res.stderr
    assert res.stdout == expected
    out = tmp_path / "quotes.csv"
    assert run("export", "--db", str(db), "--sheet", "-o", str(out)).returncode == 0
    assert read(out) == expected


def test_export_sheet_as_xlsx(store: tuple[Path, str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    db, expected = store
    out = tmp_path / "quotes.xlsx"
    res = run("export", "--db", str(db), "--sheet", "-o", str(out))
    assert res.returncode == 0, res.stderr
    got = list(openpyxl.load_workbook(out)["quotes"].iter_rows(values_only=True))
    assert len(got) == len(parse(expected)) + 1
    assert got[4][COLUMNS.index("quote")] == '\'=1+1, "x"\ny'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "export needs DIR"),
        (["--sheet", "out"], "use -o FILE"),
        (["out", "--format", "xlsx"], "xlsx is for --sheet"),
        (["out", "-o", "x.csv"], "-o is for --sheet"),
        (["--sheet", "--format", "parquet"], "csv or xlsx, not parquet"),
        (["--sheet", "--format", "xlsx"], "needs -o FILE.xlsx"),
    ],
)
def test_export_usage_errors(store: tuple[Path, str], args: list[str], message: str) -> None:
    res = run("export", "--db", str(store[0]), *args)
    assert res.returncode == 2, res.stderr
    assert message in res.stderr and "Traceback" not in res.stderr


def test_export_sheet_of_a_missing_store(tmp_path: Path) -> None:
    res = run("export", "--db", str(tmp_path / "none.duckdb"), "--sheet")
    assert res.returncode == 1 and "no store at" in res.stderr and res.stdout == ""
