"""HTML report (placeholder)."""

from __future__ import annotations

from html import escape

from onrecord.models import Report


def render_html(report: Report) -> str:
    return f"<!doctype html><meta charset=utf-8><title>{escape(report.article.title or '')}</title><pre>{escape(report.article.text)}</pre>"
