"""Summary counts and the one-line verdict of a report, computed from the model alone."""

from __future__ import annotations

from collections import Counter

from onrecord.models import SOURCING_LABELS, Report, Summary


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summarize(report: Report) -> Summary:
    """Counts by label, kind and type, and a verdict worded from those numbers only."""
    sourcing = Counter(s.sourcing for s in report.sentences)
    kinds = Counter(a.kind for a in report.attributions)
    stypes = Counter(a.source_type for a in report.attributions)
    markers = Counter(m.type for m in report.markers)
    named_ids = {a.speaker.id for a in report.attributions if a.speaker and a.source_type == "named"}
    words = sum(
        len(s.text.split()) for a in report.attributions if a.kind in ("direct", "mixed") for s in a.content_spans()
    )
    on_record = sum(1 for a in report.attributions if a.source_type == "named" and a.kind in ("direct", "mixed"))
    parts = [
        f"{_plural(on_record, 'on-record quote')} from {_plural(len(named_ids), 'named source')}",
        f"{_plural(stypes.get('anonymous', 0), 'anonymous source')} and {_plural(stypes.get('vague', 0), 'vague source')}",
        _plural(sourcing.get("hearsay", 0), "hearsay sentence"),
        _plural(sourcing.get("assertion", 0), "unsourced assertion"),
        _plural(markers.get("editorial", 0), "passage") + " of editorial colour",
    ]
    return Summary(
        sentences=len(report.sentences),
        sourcing={label: sourcing.get(label, 0) for label in SOURCING_LABELS},
        attributions=len(report.attributions),
        kinds=dict(kinds),
        source_types=dict(stypes),
        markers=dict(markers),
        speakers=len(report.speakers),
        named_speakers=len(named_ids),
        words_quoted=words,
        verdict="; ".join(parts) + ".",
    )
