"""The quote sheet: one row per attribution, every quote whole, as CSV or an Excel workbook.

:data:`COLUMNS` is the one definition of the sheet, shared by ``onrecord analyze --format csv``
(reports as they are analysed) and ``onrecord export --sheet`` (reports rebuilt from a store).
:func:`sheet_rows` is a pure function over a :class:`~onrecord.models.Report`; :class:`CsvSheet`
and :class:`XlsxSheet` write those rows, one report at a time, so a corpus streams.

Article text is untrusted, and a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula: every such text cell gets a leading apostrophe
(the OWASP advice against CSV injection). Excel workbooks need ``openpyxl`` (an optional
package, ``pip install openpyxl``); CSV needs only the standard library.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from onrecord.errors import MissingDependencyError, UsageError
from onrecord.models import Attribution, Report

Cell = str | int | float | bool | None

COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_source",
    "attribution",
    "sentence",
    "kind",
    "act",
    "quote",
    "speaker",
    "role",
    "organization",
    "speaker_type",
    "source_text",
    "source_type",
    "hearsay",
    "via",
    "cue",
    "confidence",
    "statement",
    "speaker_confidence",
    "needs_review",
    "start",
    "end",
)
"""The sheet's columns, in order (documented in README.md, "The quote sheet")."""

QUOTE_SEP = " … "
"""Between the parts of a quote split around its cue (as in ``Attribution.content_text``)."""

REVIEW_SEP = "; "

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def attribution_row(report: Report, a: Attribution) -> tuple[Cell, ...]:
    """One attribution of ``report`` as the sheet's cells (typed: text, numbers, booleans, None).

    ``sentence`` counts from 1 (the report's ``sentence`` index plus one); ``quote`` is the whole
    content; ``start``/``end`` are the content's character offsets into the article text, from
    its first part's start to its last part's end.
    """
    spans = a.content_spans()
    sp = a.speaker
    return (
        report.article.id,
        report.article.source_label(),
        a.id,
        a.sentence + 1 if a.sentence is not None else None,
        a.kind,
        a.act,
        a.content_text(QUOTE_SEP) if spans else None,
        sp.name if sp else None,
        sp.role if sp else None,
        sp.organization if sp else None,
        sp.type if sp else None,
        a.source.text if a.source else None,
        a.source_type,
        a.hearsay,
        a.via.text if a.via else None,
        a.cue.text if a.cue else None,
        round(a.confidence, 3),
        round(a.statement, 3) if a.statement is not None else None,
        round(a.speaker_confidence, 3) if a.speaker_confidence is not None else None,
        REVIEW_SEP.join(a.needs_review) or None,
        spans[0].start if spans else None,
        spans[-1].end if spans else None,
    )


def sheet_rows(report: Report) -> list[tuple[Cell, ...]]:
    """Every attribution of ``report``, in the report's order, as rows of :data:`COLUMNS`."""
    return [attribution_row(report, a) for a in report.attributions]


def neutralise(text: str) -> str:
    """``text`` made safe to put in a spreadsheet cell: a leading apostrophe when it would start
    a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return); otherwise unchanged."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_cell(value: Cell) -> str | int | float:
    """A cell as written to CSV: text neutralised, booleans ``true``/``false``, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return value


class Sheet(Protocol):
    """A quote sheet being written: ``add`` one report's rows at a time, then ``close``."""

    def add(self, report: Report) -> int: ...

    def close(self) -> None: ...


class CsvSheet:
    """Writes the sheet as CSV to ``stream`` (open it with ``newline=""``): the header once, at
    once, then each added report's rows, flushed, so a long run can be read as it goes. The
    stream stays the caller's to close."""

    def __init__(self, stream: IO[str], *, header: bool = True) -> None:
        self._stream = stream
        self._writer = csv.writer(stream)
        if header:
            self._writer.writerow(COLUMNS)
            stream.flush()

    def add(self, report: Report) -> int:
        rows = sheet_rows(report)
        self._writer.writerows([csv_cell(c) for c in row] for row in rows)
        self._stream.flush()
        return len(rows)

    def close(self) -> None:
        self._stream.flush()


def render_csv(reports: Report | Iterable[Report]) -> str:
    """The quote sheet of one report or several, as CSV text with its header."""
    import io

    buf = io.StringIO(newline="")
    sheet = CsvSheet(buf)
    for report in [reports] if isinstance(reports, Report) else reports:
        sheet.add(report)
    return buf.getvalue()


# characters XML 1.0 cannot hold (so neither can an .xlsx file): replaced one for one
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_WIDTHS = {"quote": 80, "speaker": 24, "role": 30, "organization": 24, "source_text": 24, "needs_review": 30}


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingDependencyError(
            "the xlsx format needs the openpyxl package, which is not installed: "
            "`pip install openpyxl` (or `pip install 'onrecord[sheet]'`), or use --format csv"
        ) from exc
    return openpyxl


def xlsx_cell(value: Cell) -> str | int | float | bool | None:
    """A cell as written to a workbook: text neutralised and cleared of characters XML cannot
    hold; numbers and booleans as such; None an empty cell."""
    if isinstance(value, str):
        return neutralise(_XML_ILLEGAL.sub("\ufffd", value))
    return value


class XlsxSheet:
    """Writes the sheet as an Excel workbook at ``path`` (saved by :meth:`close`): one sheet
    "quotes", the header row frozen, rows streamed through openpyxl's write-only mode.

    Raises :class:`~onrecord.errors.MissingDependencyError` at once when openpyxl is missing.
    """

    def __init__(self, path: str | Path) -> None:
        openpyxl = _openpyxl()
        self.path = Path(path)
        self._book = openpyxl.Workbook(write_only=True)
        self._ws = self._book.create_sheet("quotes")
        self._ws.freeze_panes = "A2"
        letters = openpyxl.utils.get_column_letter
        for i, name in enumerate(COLUMNS, 1):
            self._ws.column_dimensions[letters(i)].width = _WIDTHS.get(name, 12)
        self._ws.append(list(COLUMNS))
        self._closed = False

    def add(self, report: Report) -> int:
        rows = sheet_rows(report)
        for row in rows:
            self._ws.append([xlsx_cell(c) for c in row])
        return len(rows)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._book.save(self.path)
            except OSError as exc:
                raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
