"""Where the commands write a quote sheet (``analyze --format csv|xlsx``, ``export --sheet``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onrecord.errors import UsageError
from onrecord.report.sheet import CsvSheet, Sheet, XlsxSheet


@contextmanager
def open_sheet(fmt: str, out_path: Path | None) -> Iterator[Sheet]:
    """A sheet writer for ``fmt`` writing to ``out_path`` (standard output for CSV when None);
    closed (the workbook saved, with the rows added so far) however the block ends."""
    if fmt == "xlsx":
        if out_path is None or out_path.is_dir():
            raise UsageError(
                "--format xlsx needs -o FILE.xlsx (a workbook is not written to a terminal or a pipe)"
            )
        sheet: Sheet = XlsxSheet(out_path)
        try:
            yield sheet
        finally:
            sheet.close()
        return
    if fmt != "csv":
        raise UsageError(f"the quote sheet is written as csv or xlsx, not {fmt!r}")
    if out_path is None:
        sheet = CsvSheet(sys.stdout)
        try:
            yield sheet
        finally:
            sheet.close()
        return
    try:
        stream = open(out_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {out_path}: {exc.strerror or exc}") from exc
    try:
        sheet = CsvSheet(stream)
        yield sheet
        sheet.close()
    finally:
        stream.close()
