"""Markdown report: verdict, sourcing shares, speakers, anonymous and vague sources, markers, attributions,
and the article sentence by sentence with its label.

Article text and metadata are escaped for Markdown and for the HTML a Markdown viewer may pass through
(``<`` ``>`` ``&``), so nothing in an article can become a link, an image or markup.
"""

from __future__ import annotations

import re

from onrecord.models import MARKER_TYPES, SOURCING_LABELS, Report
from onrecord.report.common import (
    LABEL_HELP,
    MARKER_HELP,
    act_label,
    clip,
    display_title,
    review_note,
    share,
    speaker_label,
)
from onrecord.summary import speaker_rows, unnamed_sources

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # enough for inline text: no emphasis, code, links or cells
_ENTITY_AMP = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # an "&" that would start a character reference


def md(text: str | None) -> str:
    """Text safe inside Markdown (and a table cell): one line, specials backslash-escaped, HTML escaped
    ("<", ">", and "&" where it would start a character reference; "A&E" stays readable)."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _ENTITY_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(report: Report) -> str:
    art = report.article
    s = report.summary
    out: list[str] = [f"# {md(display_title(report))}", ""]
    meta = [md(x) for x in (art.site, art.published, ", ".join(art.authors) or None) if x]
    if art.url:
        meta.append("`" + " ".join(art.url.replace("`", "").split()) + "`")
    if s.genre:
        meta.append(f"genre: {md(s.genre)}")
    if meta:
        out += [" · ".join(meta), ""]
    out += [f"> **{md(s.verdict)}**", ""]
    if s.not_analysed:  # nothing was read: the verdict says why
        return "\n".join(out)

    out += [
        "## Sentences by sourcing",
        "",
        _row("label", "sentences", "share", "meaning"),
        _row("---", "---:", "---:", "---"),
    ]
    for label in SOURCING_LABELS:
        n = s.sourcing.get(label, 0)
        out.append(_row(f"**{label}**", str(n), share(n, s.sentences), md(LABEL_HELP[label])))
    out += ["", f"{s.sentences} sentences, {s.attributions} attributions, {s.words_quoted} words quoted.", ""]

    rows = speaker_rows(report)
    out += ["## Speakers", ""]
    if rows:
        out += [
            _row("name", "role", "organisation", "attributions", "words quoted", "first mention"),
            _row("---", "---", "---", "---:", "---:", "---"),
        ]
        for r in rows:
            out.append(
                _row(
                    f"**{md(r.name)}**",
                    md(r.role) or "–",
                    md(r.organization) or "–",
                    str(r.attributions),
                    str(r.words_quoted),
                    md(clip(r.first_mention, 60)),
                )
            )
    else:
        out.append("No speakers found.")
    out.append("")

    unnamed = unnamed_sources(report)
    out += ["## Anonymous and vague sources", ""]
    if unnamed:
        for u in unnamed:
            cue = f" ({md(u.cue)})" if u.cue else ""
            out.append(f"- **{u.type}**: {md(u.source)}{cue}: “{md(clip(u.content, 120))}”")
    else:
        out.append("None.")
    out.append("")

    out += ["## Hedges, hearsay, private context and editorial colour", ""]
    if report.markers:
        for mtype in MARKER_TYPES:
            items = [m for m in report.markers if m.type == mtype]
            if items:
                out.append(
                    f"- **{md(MARKER_HELP[mtype])}** ({len(items)}): "
                    + "; ".join(f"“{md(m.span.text)}”" for m in items)
                )
    else:
        out.append("None.")
    out.append("")

    if report.attributions:
        out += [
            "## Attributions",
            "",
            _row("id", "speaker", "source", "kind", "cue", "content"),
            _row("---", "---", "---", "---", "---", "---"),
        ]
        for a in report.attributions:
            who = speaker_label(a)
            note = review_note(a)
            if note:
                who += f" ({note})"
            src = (
                a.source_type
                + (" + hearsay" if a.hearsay else "")
                + (f" via {md(clip(a.via.text, 40))}" if a.via else "")
            )
            out.append(
                _row(
                    a.id,
                    md(who),
                    src,
                    act_label(a),
                    md(a.cue.text if a.cue else "–"),
                    md(clip(a.content_text(), 100)),
                )
            )
        out.append("")

    out += ["## Sentence by sentence", ""]
    for sent in report.sentences:
        out.append(f"{sent.index + 1}. `{sent.sourcing}` {md(sent.span.text)}")
    return "\n".join(out) + "\n"
