"""The HTML report's attributions table: one row per attribution with the quote whole, its speaker,
role, cue, kind, source type and review flags; select filters (speaker, kind, source type) and
sortable headers that the report's one script (``assets/report.js``) drives.

Each row (``id="row-A3"``) links to its place in the article (``href="#a-A3"``, the first content span
of the attribution) when it has one; the span's popup links back to the row. Every value goes through
:func:`html.escape`, attributes included.
"""

from __future__ import annotations

from html import escape

from onrecord.models import Attribution, Report
from onrecord.report.common import speaker_label

COLUMNS: tuple[str, ...] = ("id", "quote", "speaker", "role", "cue", "kind", "source type", "review")


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def speaker_key(a: Attribution) -> str:
    """What the speaker filter matches on: the resolved speaker's id, else the phrase as written."""
    if a.speaker is not None:
        return "s:" + a.speaker.id
    return "u:" + (a.source.text if a.source else "")


def quote_text(a: Attribution) -> str:
    """The quote whole, never clipped; in quotation marks when the kind is direct."""
    text = a.content_text()
    return f"\u201c{text}\u201d" if a.kind == "direct" and text else text


def _role(a: Attribution) -> str:
    sp = a.speaker
    return ", ".join(x for x in ((sp.role, sp.organization) if sp else ()) if x)


def _row(a: Attribution, linked: bool) -> str:
    aid = _e(a.id)
    ident = f'<a href="#a-{aid}" title="show in the article">{aid}</a>' if linked else aid
    review = "; ".join(a.needs_review)
    flag = f'<span class="flag">{_e(review)}</span>' if review else ""
    kind = a.kind + (" · hearsay" if a.hearsay else "")
    return (
        f'<tr id="row-{aid}" data-speaker="{_e(speaker_key(a))}" data-kind="{_e(a.kind)}" '
        f'data-type="{_e(a.source_type)}">'
        f'<td class="aid">{ident}</td><td class="q">{_e(quote_text(a))}</td>'
        f'<td><button type="button" class="who" data-speaker="{_e(speaker_key(a))}" '
        f'title="highlight this speaker\u2019s quotes">{_e(speaker_label(a))}</button></td>'
        f"<td>{_e(_role(a))}</td><td>{_e(a.cue.text if a.cue else '')}</td>"
        f"<td>{_e(kind)}</td><td>{_e(a.source_type)}</td><td>{flag}</td></tr>"
    )


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{_e(v)}">{_e(t)}</option>' for v, t in options)
    return (
        f'<label>{_e(label)} <select id="f-{name}" data-filter="{name}">'
        f'<option value="">all</option>{opts}</select></label>'
    )


def attributions_table(report: Report, linked: set[str]) -> str:
    """The attributions section; ``linked`` holds the ids that have an anchor in the article."""
    atts = report.attributions
    if not atts:
        return (
            '<section class="card"><h2>Attributions</h2><p class="none">No attributions found.</p></section>'
        )
    speakers: dict[str, str] = {}
    for a in atts:
        speakers.setdefault(speaker_key(a), speaker_label(a))
    kinds = sorted({a.kind for a in atts})
    types = sorted({a.source_type for a in atts})
    filters = (
        _select("speaker", "speaker", sorted(speakers.items(), key=lambda kv: kv[1].lower()))
        + _select("kind", "kind", [(k, k) for k in kinds])
        + _select("type", "source type", [(t, t) for t in types])
        + f'<span class="quiet" id="shown">{len(atts)} of {len(atts)} shown</span>'
    )
    head = "".join(
        f'<th aria-sort="none"><button type="button" class="sort" data-col="{n}">{_e(c)}</button></th>'
        for n, c in enumerate(COLUMNS)
    )
    body = "".join(_row(a, a.id in linked) for a in atts)
    return (
        '<section class="card" id="attributions-table"><h2>Attributions</h2>'
        f'<div class="filters">{filters}</div>'
        f'<div class="scroll"><table class="atts"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></section>"
    )
