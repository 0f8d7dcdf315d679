"""Renderers of a Report: terminal text, Markdown, HTML and JSON, and the quote sheet (CSV, xlsx).
They know the model, never the pipeline."""

from __future__ import annotations

from onrecord.models import Report

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "md", "html")
"""Formats of the whole report."""
SHEET_FORMATS: tuple[str, ...] = ("csv", "xlsx")
"""Formats of the quote sheet (one row per attribution, :mod:`onrecord.report.sheet`)."""

__all__ = ["FORMATS", "SHEET_FORMATS", "render"]


def render(report: Report, fmt: str) -> str:
    """The report as a string in format ``fmt`` (one of :data:`FORMATS`, or ``csv`` for its quote sheet)."""
    if fmt in ("json", "jsonl"):
        return report.to_json(indent=2 if fmt == "json" else None)
    if fmt == "md":
        from onrecord.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from onrecord.report.html import render_html

        return render_html(report)
    if fmt == "text":
        from onrecord.report.terminal import render_text

        return render_text(report)
    if fmt == "csv":
        from onrecord.report.sheet import render_csv

        return render_csv(report)
    from onrecord.errors import UsageError

    if fmt == "xlsx":
        raise UsageError("an xlsx workbook is not a string: write it with onrecord.report.sheet.XlsxSheet")
    raise UsageError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
