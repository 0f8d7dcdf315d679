"""Terminal report with rich (placeholder, replaced by the sourcing-report issue)."""

from __future__ import annotations

from rich.console import Console

from onrecord.models import Report


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]{report.article.title or report.article.id}[/bold]")
    for a in report.attributions:
        who = a.speaker.name if a.speaker else "?"
        console.print(f"- {who} ({a.kind}, {a.source_type}): {a.content_text()}", markup=False)
    console.print(report.summary.verdict, markup=False)


def render_text(report: Report) -> str:
    console = Console(record=True, width=100, file=open("/dev/null", "w"))  # noqa: SIM115
    print_report(report, console)
    return console.export_text()
