"""What every renderer shares: label names, colours and descriptions, and text segmentation at span boundaries."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from onrecord.models import MARKER_TYPES, SOURCING_LABELS, Attribution, Report

LABEL_HELP: dict[str, str] = {
    "named": "an on-record, named person or organisation is the source",
    "anonymous": "an unnamed individual source (\u201ca senior official\u201d, \u201csources close to\u2026\u201d)",
    "vague": "a generic or impersonal source (\u201csome analysts\u201d, \u201cit is believed\u201d)",
    "hearsay": "reported second-hand (\u201creportedly\u201d, \u201cis said to\u201d)",
    "assertion": "the author states it, no source given",
    "editorial": "evaluation or narrative colour, no information",
    "background": "scene-setting: headings, bylines, transitions",
}
MARKER_HELP: dict[str, str] = {
    "hedge": "hedge: the author signals uncertainty",
    "hearsay": "hearsay: second-hand report",
    "private_context": "private context the reader cannot check",
    "editorial": "editorial colour",
}
# rich styles for the terminal
LABEL_STYLE: dict[str, str] = {
    "named": "bold green",
    "anonymous": "bold red",
    "vague": "bold dark_orange",
    "hearsay": "bold magenta",
    "assertion": "bold blue",
    "editorial": "bold deep_pink3",
    "background": "dim",
}
MARKER_STYLE: dict[str, str] = {
    "hedge": "yellow",
    "hearsay": "magenta",
    "private_context": "cyan",
    "editorial": "deep_pink3",
}
ROLES: tuple[str, ...] = ("content", "cue", "source")

assert set(LABEL_HELP) == set(SOURCING_LABELS) and set(MARKER_HELP) == set(MARKER_TYPES)


def display_title(report: Report) -> str:
    """The article's title, else the name of the file it came from, else its id."""
    art = report.article
    if art.title:
        return art.title
    if art.origin.path:
        return art.origin.path.replace("\\", "/").rsplit("/", 1)[-1]
    return f"Article {art.id}"


def share(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "0%"


def speaker_label(a: Attribution) -> str:
    """Who an attribution is to, for a reader: the resolved speaker's name; else the source phrase
    as written, marked unresolved ("“he” (unresolved)"); else "–"."""
    if a.speaker is not None:
        return a.speaker.name
    if a.source is not None:
        return f"“{a.source.text}” (unresolved)"
    return "–"


def review_note(a: Attribution) -> str:
    """Why a reader should check this speaker, for every renderer: "check: two people share this
    name" (empty when nothing is in doubt)."""
    return "check: " + "; ".join(a.needs_review) if a.needs_review else ""


def clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


@dataclass
class Segment:
    """A stretch of the text where the same set of spans is active."""

    start: int
    end: int
    sentence: int | None = None
    label: str | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)  # role -> attribution ids
    markers: set[str] = field(default_factory=set)
    sentence_start: bool = False


def segments(report: Report) -> list[Segment]:
    """The article text cut at every span boundary (sentences, attribution parts, markers), so that
    overlapping spans render as flat, non-overlapping segments with every active type."""
    text = report.article.text
    n = len(text)
    bounds = {0, n}
    for s in report.sentences:
        bounds.update((s.span.start, s.span.end))
    for a in report.attributions:
        for sp in (a.source, a.cue, *a.content_spans()):
            if sp is not None:
                bounds.update((sp.start, sp.end))
    for m in report.markers:
        bounds.update((m.span.start, m.span.end))
    cuts = sorted(b for b in bounds if 0 <= b <= n)
    starts = {s.span.start: s for s in report.sentences}
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(cuts):
        if hi <= lo:
            continue
        seg = Segment(lo, hi)
        for s in report.sentences:
            if s.span.start <= lo and hi <= s.span.end:
                seg.sentence, seg.label = s.index, s.sourcing
                break
        seg.sentence_start = lo in starts
        for a in report.attributions:
            parts = {
                "source": [a.source] if a.source else [],
                "cue": [a.cue] if a.cue else [],
                "content": a.content_spans(),
            }
            for role, spans in parts.items():
                if any(sp.start <= lo and hi <= sp.end for sp in spans):
                    seg.roles.setdefault(role, set()).add(a.id)
        seg.markers = {m.type for m in report.markers if m.span.start <= lo and hi <= m.span.end}
        out.append(seg)
    return out


def act_label(a: Attribution) -> str:
    """The kind of quotation and the act it reports: "direct speech", "indirect belief"."""
    return f"{a.kind} {a.act}" if a.act else a.kind
