"""Markdown report (placeholder)."""

from __future__ import annotations

from onrecord.models import Report


def render_markdown(report: Report) -> str:
    lines = [f"# {report.article.title or report.article.id}", "", report.summary.verdict, ""]
    for a in report.attributions:
        who = a.speaker.name if a.speaker else "?"
        lines.append(f"- **{who}** ({a.kind}): {a.content_text()}")
    return "\n".join(lines)
