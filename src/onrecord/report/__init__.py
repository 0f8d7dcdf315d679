"""Renderers of a Report: terminal text, Markdown, HTML and JSON. They know the model, never the pipeline."""

from __future__ import annotations

from onrecord.models import Report

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "md", "html")

__all__ = ["FORMATS", "render"]


def render(report: Report, fmt: str) -> str:
    """The report as a string in format ``fmt`` (one of :data:`FORMATS`)."""
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
    from onrecord.errors import UsageError

    raise UsageError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
