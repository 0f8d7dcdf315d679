"""A self-contained HTML page: summary, speakers and sources on top, then the attributions table (every
quote whole with its speaker, role, cue, kind, source type and review flags; filterable, sortable, each
row linked to its first content span and back), then the article with every span highlighted (quote
content / cue / source, hedges, hearsay, private context, colour) and each sentence's sourcing label as
a margin mark that a checkbox switches off. Hovering or clicking a quote shows its speaker, role and cue
below it; clicking a speaker in the table highlights their quotes in the article.

No external assets: CSS and a little JS are inline (``report/assets/``). Every piece of article text and
metadata goes through :func:`html.escape`; the attribution data for the popup is JSON with ``<``, ``>``
and ``&`` escaped, and the script fills the popup with ``textContent`` only.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from onrecord.models import MARKER_TYPES, SOURCING_LABELS, Report
from onrecord.report.common import (
    LABEL_HELP,
    MARKER_HELP,
    Segment,
    clip,
    display_title,
    review_note,
    segments,
    share,
    speaker_label,
)
from onrecord.report.html_table import attributions_table
from onrecord.summary import speaker_rows, unnamed_sources


def e(text: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return escape("" if text is None else str(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("onrecord.report").joinpath("assets", name).read_text(encoding="utf-8")


def _json_for_script(data: object) -> str:
    raw = json.dumps(data, ensure_ascii=False)
    return (
        raw.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _header(report: Report) -> str:
    art = report.article
    title = display_title(report)
    meta = [e(x) for x in (art.site, art.published, ", ".join(art.authors) or None) if x]
    href = _safe_url(art.url)
    if href:
        meta.append(f'<a href="{e(href)}" rel="noopener noreferrer nofollow">{e(clip(href, 70))}</a>')
    elif art.url:
        meta.append(e(art.url))
    if report.summary.genre:
        meta.append(e(f"genre: {report.summary.genre}"))
    return (
        f'<header><p class="brand">onrecord &middot; sourcing report</p><h1>{e(title)}</h1>'
        f'<p class="meta">{" &middot; ".join(meta)}</p>'
        f'<p class="verdict">{e(report.summary.verdict)}</p></header>'
    )


def _summary(report: Report) -> str:
    s = report.summary
    bar = "".join(
        f'<span class="seg l-{label}" style="flex:{s.sourcing.get(label, 0)}" title="{e(label)}: {s.sourcing.get(label, 0)}"></span>'
        for label in SOURCING_LABELS
        if s.sourcing.get(label, 0)
    )
    rows = "".join(
        f'<tr><td><span class="pill l-{label}">{label}</span></td><td class="num">{s.sourcing.get(label, 0)}</td>'
        f'<td class="num">{share(s.sourcing.get(label, 0), s.sentences)}</td><td class="help">{e(LABEL_HELP[label])}</td></tr>'
        for label in SOURCING_LABELS
    )
    facts = (
        f"<li><b>{s.sentences}</b> sentences</li><li><b>{s.attributions}</b> attributions</li>"
        f"<li><b>{s.named_speakers}</b> named speakers</li><li><b>{s.words_quoted}</b> words quoted</li>"
        + "".join(f"<li><b>{s.markers.get(m, 0)}</b> {e(m.replace('_', ' '))}</li>" for m in MARKER_TYPES)
    )
    return (
        '<section class="card"><h2>Sourcing of sentences</h2>'
        f'<div class="bar">{bar}</div><ul class="facts">{facts}</ul>'
        f'<table class="labels"><thead><tr><th>label</th><th class="num">sentences</th><th class="num">share</th><th>meaning</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _speakers(report: Report) -> str:
    rows = speaker_rows(report)
    if not rows:
        return '<section class="card"><h2>Speakers</h2><p class="none">No speakers found.</p></section>'
    body = "".join(
        f"<tr><td><b>{e(r.name)}</b></td><td>{e(r.role or '–')}</td><td>{e(r.organization or '–')}</td>"
        f'<td class="num">{r.attributions}</td><td class="num">{r.words_quoted}</td><td class="quiet">{e(clip(r.first_mention, 60))}</td></tr>'
        for r in rows
    )
    return (
        '<section class="card"><h2>Speakers</h2><table><thead><tr><th>name</th><th>role</th><th>organisation</th>'
        '<th class="num">attributions</th><th class="num">words quoted</th><th>first mention</th></tr></thead>'
        f"<tbody>{body}</tbody></table></section>"
    )


def _sources_and_markers(report: Report) -> str:
    unnamed = unnamed_sources(report)
    items = "".join(
        f'<li><span class="pill l-{e(u.type)}">{e(u.type)}</span> <b>{e(u.source)}</b>'
        + (f' <span class="quiet">({e(u.cue)})</span>' if u.cue else "")
        + (f'<br><span class="quiet">&ldquo;{e(clip(u.content, 140))}&rdquo;</span>' if u.content else "")
        + "</li>"
        for u in unnamed
    )
    left = f'<ul class="list">{items}</ul>' if items else '<p class="none">None.</p>'
    groups = []
    for mtype in MARKER_TYPES:
        ms = [m for m in report.markers if m.type == mtype]
        if ms:
            chips = "".join(f'<span class="chip m-{mtype}">{e(clip(m.span.text, 140))}</span>' for m in ms)
            groups.append(
                f'<div class="mgroup"><h3>{e(MARKER_HELP[mtype])} <span class="quiet">({len(ms)})</span></h3>{chips}</div>'
            )
    right = "".join(groups) or '<p class="none">None.</p>'
    return (
        '<div class="two"><section class="card"><h2>Anonymous and vague sources</h2>'
        f'{left}</section><section class="card"><h2>Hedges, hearsay and colour</h2>{right}</section></div>'
    )


def _legend() -> str:
    labels = "".join(
        f'<span class="pill l-{x}" title="{e(LABEL_HELP[x])}">{x}</span>' for x in SOURCING_LABELS
    )
    spans = (
        '<span class="r-content">quoted content</span> <span class="r-cue">cue</span> '
        '<span class="r-source">source</span> '
        + " ".join(f'<span class="m-{m}">{e(m.replace("_", " "))}</span>' for m in MARKER_TYPES)
    )
    toggle = (
        '<label class="toggle"><input type="checkbox" id="show-labels" checked> show sentence labels</label>'
    )
    return (
        f'<div class="legend"><div><b>Sentence labels</b> {labels}</div><div><b>Spans</b> {spans}</div>'
        f"<div>{toggle}</div></div>"
    )


def _sort_key(i: str) -> int:
    return int(i[1:]) if i[1:].isdigit() else 0


def anchors(segs: list[Segment]) -> dict[int, list[str]]:
    """Segment index -> ids of the attributions anchored there: the first segment of each
    attribution's content (else of its cue or source), so a table row can link to its place."""
    first: dict[str, int] = {}
    for role in ("content", "cue", "source"):
        for n, seg in enumerate(segs):
            for i in seg.roles.get(role, ()):
                first.setdefault(i, n)
    out: dict[int, list[str]] = {}
    for i, n in first.items():
        out.setdefault(n, []).append(i)
    return {n: sorted(ids, key=_sort_key) for n, ids in out.items()}


def _segment_html(text: str, seg: Segment, anchored: list[str]) -> str:
    classes = [f"r-{role}" for role in ("content", "cue", "source") if role in seg.roles]
    classes += [f"m-{m}" for m in sorted(seg.markers)]
    ids = sorted({i for ids in seg.roles.values() for i in ids}, key=_sort_key)
    body = e(text[seg.start : seg.end])
    # one element carries one id: further attributions anchored here get an empty marker span
    extra = "".join(f'<span class="anchor" id="a-{e(i)}"></span>' for i in anchored[1:])
    if not classes and not ids:
        return extra + body
    attrs = f' id="a-{e(anchored[0])}"' if anchored else ""
    attrs += f' class="{e(" ".join(classes))}"' if classes else ""
    if ids:
        attrs += f' data-a="{e(" ".join(ids))}" tabindex="0"'
    return f"{extra}<span{attrs}>{body}</span>"


def _article(report: Report, segs: list[Segment]) -> str:
    text = report.article.text
    parts: list[str] = []
    open_sentence = False
    anchored = anchors(segs)
    for n, seg in enumerate(segs):
        if (seg.sentence_start or (seg.label is None and open_sentence)) and open_sentence:
            parts.append("</span>")
            open_sentence = False
        if seg.sentence_start and seg.label is not None:
            parts.append(
                f'<span class="sent l-{e(seg.label)}" data-label="{e(seg.label)}">'
                f'<span class="tag l-{e(seg.label)}" aria-hidden="true">{e(seg.label)}</span>'
            )
            open_sentence = True
        parts.append(_segment_html(text, seg, anchored.get(n, [])))
    if open_sentence:
        parts.append("</span>")
    return (
        '<section class="card article"><h2>The article, annotated</h2>'
        + _legend()
        + f'<div class="text">{"".join(parts)}</div></section>'
    )


def _popup_data(report: Report) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = {}
    for a in report.attributions:
        sp = a.speaker
        data[a.id] = {
            "speaker": speaker_label(a),
            "role": sp.role if sp else None,
            "organization": sp.organization if sp else None,
            "source": a.source.text if a.source else None,
            "source_type": a.source_type,
            "hearsay": a.hearsay,
            "via": a.via.text if a.via else None,
            "kind": a.kind,
            "act": a.act,
            "cue": a.cue.text if a.cue else None,
            "content": a.content_text(),
            "review": review_note(a),
        }
    return data


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    title = display_title(report)
    segs = segments(report)
    linked = {i for ids in anchors(segs).values() for i in ids}
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{e(title)} · onrecord</title><style>{_asset('report.css')}</style></head><body><main>"
        + _header(report)
        + (
            ""  # nothing was read: the verdict says why, the text follows as it is
            if report.summary.not_analysed
            else _summary(report)
            + _speakers(report)
            + _sources_and_markers(report)
            + attributions_table(report, linked)
        )
        + _article(report, segs)
        + '<footer class="quiet">'
        + e(
            f"onrecord {report.engine.onrecord} · {report.engine.model} · {report.engine.mode}"
            if report.engine
            else "onrecord"
        )
        + "</footer></main>"
        '<div id="pop" role="tooltip" hidden></div>'
        f'<script type="application/json" id="attributions">{_json_for_script(_popup_data(report))}</script>'
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )
