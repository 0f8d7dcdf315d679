"""Terminal report with rich: the verdict, coloured sourcing labels, tables of speakers, sources and markers.

All article text goes in as :class:`rich.text.Text` (never as markup), so "[bold]" in an article prints
as it is.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from onrecord.models import MARKER_TYPES, SOURCING_LABELS, Report
from onrecord.report.common import (
    LABEL_HELP,
    LABEL_STYLE,
    MARKER_STYLE,
    act_label,
    clip,
    display_title,
    review_note,
    share,
    speaker_label,
)
from onrecord.summary import speaker_rows, unnamed_sources


def _label(label: str) -> Text:
    return Text(label, style=LABEL_STYLE.get(label, ""))


def _header(report: Report) -> Panel:
    art = report.article
    lines = Text()
    lines.append(display_title(report), style="bold")
    genre = f"genre: {report.summary.genre}" if report.summary.genre else None
    meta = [x for x in (art.site, art.published, ", ".join(art.authors) or None, art.url, genre) if x]
    if meta:
        lines.append("\n" + " \u00b7 ".join(meta), style="dim")
    lines.append("\n\n")
    lines.append(report.summary.verdict or "(no verdict)", style="bold")
    return Panel(lines, title="onrecord", title_align="left", border_style="blue")


def _sourcing_table(report: Report) -> Table:
    s = report.summary
    t = Table(title="Sentences by sourcing", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("label")
    t.add_column("sentences", justify="right")
    t.add_column("share", justify="right")
    t.add_column("", min_width=20)
    t.add_column("meaning", style="dim")
    for label in SOURCING_LABELS:
        n = s.sourcing.get(label, 0)
        bar = "\u2588" * round(20 * n / s.sentences) if s.sentences else ""
        t.add_row(
            _label(label),
            str(n),
            share(n, s.sentences),
            Text(bar, style=LABEL_STYLE[label]),
            LABEL_HELP[label],
        )
    return t


def _speakers_table(report: Report) -> Table:
    t = Table(title="Speakers", box=box.SIMPLE_HEAVY, title_justify="left")
    for col, just in (
        ("name", "left"),
        ("role", "left"),
        ("organisation", "left"),
        ("attributions", "right"),
        ("words quoted", "right"),
        ("first mention", "left"),
    ):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in speaker_rows(report):
        t.add_row(
            Text(r.name, style="bold"),
            Text(r.role or "\u2013"),
            Text(r.organization or "\u2013"),
            str(r.attributions),
            str(r.words_quoted),
            Text(clip(r.first_mention, 50)),
        )
    return t


def _unnamed_table(report: Report) -> Table | None:
    rows = unnamed_sources(report)
    if not rows:
        return None
    t = Table(title="Anonymous and vague sources", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("type")
    t.add_column("source")
    t.add_column("cue")
    t.add_column("what they said")
    for u in rows:
        t.add_row(_label(u.type), Text(u.source), Text(u.cue or "\u2013"), Text(clip(u.content, 70)))
    return t


def _attributions_table(report: Report) -> Table | None:
    if not report.attributions:
        return None
    t = Table(title="Attributions", box=box.SIMPLE_HEAVY, title_justify="left")
    for col in ("id", "speaker", "source", "kind", "cue", "content"):
        t.add_column(col)
    for a in report.attributions:
        who = Text(speaker_label(a))
        note = review_note(a)
        if note:
            who.append(f" ({note})", style="yellow")
        src = _label(a.source_type)
        if a.hearsay:
            src.append(" +hearsay", style=LABEL_STYLE["hearsay"])
        if a.via is not None:
            src.append(f" via {clip(a.via.text, 30)}", style=LABEL_STYLE["hearsay"])
        t.add_row(
            a.id,
            who,
            src,
            act_label(a),
            Text(a.cue.text if a.cue else "\u2013"),
            Text(clip(a.content_text(), 60)),
        )
    return t


def _markers_table(report: Report) -> Table | None:
    if not report.markers:
        return None
    t = Table(
        title="Hedges, hearsay, private context and editorial colour",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
    )
    t.add_column("marker")
    t.add_column("text")
    t.add_column("sentence", justify="right")
    order = {m: i for i, m in enumerate(MARKER_TYPES)}
    for m in sorted(report.markers, key=lambda m: (order[m.type], m.span.start)):
        t.add_row(
            Text(m.type, style=MARKER_STYLE[m.type]),
            Text(clip(m.span.text, 140)),
            str(m.sentence) if m.sentence is not None else "\u2013",
        )
    return t


def _sentences(report: Report) -> Table:
    t = Table(title="Sentence by sentence", box=box.SIMPLE, title_justify="left", show_header=False)
    t.add_column("#", justify="right", style="dim")
    t.add_column("label", no_wrap=True)
    t.add_column("sentence")
    for s in report.sentences:
        t.add_row(str(s.index), _label(s.sourcing), Text(" ".join(s.span.text.split())))
    return t


def print_report(report: Report, console: Console | None = None) -> None:
    """Print the report to ``console`` (a new rich Console on standard output by default)."""
    console = console or Console()
    parts = [
        _header(report),
        _sourcing_table(report),
        _speakers_table(report),
        _unnamed_table(report),
        _markers_table(report),
        _attributions_table(report),
        _sentences(report),
    ]
    console.print(Group(*(p for p in parts if p is not None)))


def render_text(report: Report, *, width: int = 110) -> str:
    """The terminal report as plain text (no colour codes)."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    print_report(report, console)
    return console.export_text()
