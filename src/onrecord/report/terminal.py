"""Terminal report with rich: the verdict, the sourcing table, every attribution as a readable item
(speaker, role, cue, kind, source type; the quote whole and wrapped, never cut), the speakers and
markers; the sentence-by-sentence view on request.

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

from onrecord.models import MARKER_TYPES, SOURCING_LABELS, Attribution, Report
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
from onrecord.summary import speaker_rows


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


def _sourcing_table(report: Report, width: int) -> Table:
    """Sentences per sourcing label, with what each label means when there is room (100 columns)."""
    s = report.summary
    wide = width >= 100
    t = Table(title="Sentences by sourcing", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("label")
    t.add_column("sentences", justify="right")
    t.add_column("share", justify="right")
    t.add_column("", min_width=20)
    if wide:
        t.add_column("meaning", style="dim")
    for label in SOURCING_LABELS:
        n = s.sourcing.get(label, 0)
        bar = "\u2588" * round(20 * n / s.sentences) if s.sentences else ""
        cells: list[Text | str] = [
            _label(label),
            str(n),
            share(n, s.sentences),
            Text(bar, style=LABEL_STYLE[label]),
        ]
        t.add_row(*cells, *([LABEL_HELP[label]] if wide else []))
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


def _quote(a: Attribution) -> Text:
    """The content whole, in quotation marks when direct (rich wraps it, never cuts it)."""
    content = " ".join(a.content_text().split())
    if not content:
        return Text("(no content)", style="dim")
    return Text(f"\u201c{content}\u201d" if a.kind == "direct" else content)


def _attribution_item(a: Attribution) -> Table:
    head = Text()
    head.append(speaker_label(a), style="bold")
    if a.speaker is not None and a.speaker.role:
        head.append(f" \u2014 {a.speaker.role}")
    if (
        a.speaker is not None
        and a.speaker.organization
        and a.speaker.organization not in (a.speaker.role or "")
    ):
        head.append(f", {a.speaker.organization}")  # not again when the role names it
    head.append(" \u00b7 ", style="dim")
    head.append(a.cue.text if a.cue else "(no cue)", style="italic")
    head.append(f" \u00b7 {act_label(a)} \u00b7 ", style="dim")
    head.append_text(_label(a.source_type))
    if a.hearsay:
        head.append(" hearsay", style=LABEL_STYLE["hearsay"])
    if a.via is not None:
        head.append(f" via {' '.join(a.via.text.split())}", style=LABEL_STYLE["hearsay"])
    note = review_note(a)
    if note:
        head.append(f"  \u26a0 {note}", style="yellow")
    where = Text(a.id, style="bold")
    if a.sentence is not None:
        where.append(f"\ns.{a.sentence + 1}", style="dim")
    t = Table.grid(padding=(0, 1))
    t.add_column(width=5, no_wrap=True)
    t.add_column(ratio=1)
    t.add_row(where, Group(head, _quote(a)))
    return t


def _attributions(report: Report) -> Group | None:
    """Every attribution as a readable item: speaker — role, cue, kind, source; the quote whole."""
    if not report.attributions:
        return None
    items: list[Text | Table] = [Text(f"Attributions ({len(report.attributions)})", style="bold italic")]
    for a in report.attributions:
        items.append(_attribution_item(a))
        items.append(Text(""))
    return Group(*items)


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


def print_report(report: Report, console: Console | None = None, *, sentences: bool = False) -> None:
    """Print the report to ``console`` (a new rich Console on standard output by default): the
    verdict, the sourcing table, every attribution with its quote whole, the speakers and markers;
    the sentence-by-sentence view too with ``sentences``."""
    console = console or Console()
    if report.summary.not_analysed:  # nothing was read: the verdict says why
        console.print(_header(report))
        return
    parts = [
        _header(report),
        _sourcing_table(report, console.width),
        _attributions(report),
        _speakers_table(report),
        _markers_table(report),
        _sentences(report) if sentences else None,
    ]
    console.print(Group(*(p for p in parts if p is not None)))


def render_text(report: Report, *, width: int = 110, sentences: bool = False) -> str:
    """The terminal report as plain text (no colour codes)."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    print_report(report, console, sentences=sentences)
    return console.export_text()
