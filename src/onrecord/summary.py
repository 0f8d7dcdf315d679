"""Summary counts, the tables the renderers show, and the one-line verdict, computed from the model alone.

Nothing here reads text the pipeline did not put in the :class:`~onrecord.models.Report`; the verdict is
worded from the numbers only (:func:`verdict`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from onrecord.models import SOURCING_LABELS, Attribution, Report, Summary

QUOTED_KINDS = ("direct", "mixed")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class SpeakerRow:
    """One row of the speakers table."""

    id: str
    name: str
    role: str | None
    organization: str | None
    type: str
    attributions: int
    words_quoted: int
    first_mention: str
    first_offset: int | None


@dataclass(frozen=True)
class UnnamedSource:
    """An anonymous or vague source: from an attribution, or a sentence with an impersonal source."""

    source: str
    type: str
    cue: str | None
    content: str
    sentence: int | None
    attribution: str | None


def words_quoted(attributions: list[Attribution]) -> int:
    """Words of direct and mixed content (the quoted words)."""
    return sum(len(s.text.split()) for a in attributions if a.kind in QUOTED_KINDS for s in a.content_spans())


def source_key(a: Attribution) -> str:
    """One key per distinct source: the speaker, or the source phrase."""
    if a.speaker is not None:
        return a.speaker.id
    return (a.source.text if a.source else a.id).lower()


def speaker_rows(report: Report) -> list[SpeakerRow]:
    """The speakers table: every speaker with its attributions, quoted words and first mention."""
    rows = []
    for sp in report.speakers:
        atts = [a for a in report.attributions if a.speaker is not None and a.speaker.id == sp.id]
        first = min(sp.mentions, key=lambda m: m.start) if sp.mentions else None
        rows.append(
            SpeakerRow(
                id=sp.id,
                name=sp.name,
                role=sp.role,
                organization=sp.organization,
                type=sp.type,
                attributions=len(atts),
                words_quoted=words_quoted(atts),
                first_mention=first.text if first else "",
                first_offset=first.start if first else None,
            )
        )
    return rows


def unnamed_sources(report: Report) -> list[UnnamedSource]:
    """Anonymous and vague sources, in text order: attributions first-hand, plus sentences labelled
    anonymous / vague that hold no such attribution (impersonal sourcing: "it is believed …")."""
    out: list[UnnamedSource] = []
    covered: set[int] = set()
    for a in report.attributions:
        if a.source_type not in ("anonymous", "vague"):
            continue
        name = a.source.text if a.source else (a.speaker.name if a.speaker else "(unnamed)")
        out.append(
            UnnamedSource(
                source=name,
                type=a.source_type,
                cue=a.cue.text if a.cue else None,
                content=a.content_text(),
                sentence=a.sentence,
                attribution=a.id,
            )
        )
        if a.sentence is not None:
            covered.add(a.sentence)
    for s in report.sentences:
        if s.sourcing in ("anonymous", "vague") and s.index not in covered:
            out.append(UnnamedSource("(impersonal)", s.sourcing, None, s.span.text, s.index, None))
    out.sort(key=lambda u: u.sentence if u.sentence is not None else -1)
    return out


def shares(summary: Summary) -> dict[str, float]:
    """Share of sentences per sourcing label (0..1)."""
    total = max(1, summary.sentences)
    return {label: summary.sourcing.get(label, 0) / total for label in SOURCING_LABELS}


def verdict(report: Report, sourcing: Counter[str], markers: Counter[str]) -> str:
    """ "5 on-record quotes from 3 named sources; 1 anonymous and 2 vague sources; …" from the numbers."""
    named = [a for a in report.attributions if a.source_type == "named"]
    on_record = [a for a in named if a.kind in QUOTED_KINDS]
    named_sources = {source_key(a) for a in (on_record or named)}
    anonymous = {source_key(a) for a in report.attributions if a.source_type == "anonymous"}
    vague = {source_key(a) for a in report.attributions if a.source_type == "vague"}
    n_anon = len(anonymous) + sum(
        1 for s in report.sentences if s.sourcing == "anonymous" and not s.attributions
    )
    n_vague = len(vague) + sum(1 for s in report.sentences if s.sourcing == "vague" and not s.attributions)
    parts: list[str] = []
    if on_record:
        parts.append(
            f"{_plural(len(on_record), 'on-record quote')} from {_plural(len(named_sources), 'named source')}"
        )
    elif named:
        parts.append(
            f"no direct quotes; {_plural(len(named), 'attribution')} to {_plural(len(named_sources), 'named source')}"
        )
    else:
        parts.append("no on-record quotes")
    if n_anon and n_vague:
        parts.append(f"{n_anon} anonymous and {_plural(n_vague, 'vague source')}")
    elif n_anon or n_vague:
        parts.append(_plural(n_anon, "anonymous source") if n_anon else _plural(n_vague, "vague source"))
    else:
        parts.append("no anonymous or vague sources")
    hearsay = len(
        {s.index for s in report.sentences if s.sourcing == "hearsay"}
        | {a.sentence for a in report.attributions if a.hearsay and a.sentence is not None}
    )
    if hearsay:
        parts.append(_plural(hearsay, "second-hand (hearsay) report"))
    parts.append(_plural(sourcing.get("assertion", 0), "unsourced assertion"))
    if markers.get("hedge", 0):
        parts.append(_plural(markers["hedge"], "hedge"))
    parts.append(_plural(markers.get("editorial", 0), "passage") + " of editorial colour")
    return "; ".join(parts) + "."


def summarize(report: Report, genre: str | None = None, not_analysed: str | None = None) -> Summary:
    """Counts by label, kind and type, and a verdict worded from those numbers only; ``genre`` is
    the pipeline's guess and ``not_analysed`` why the text was not analysed (each kept from
    ``report.summary`` when not given)."""
    skipped = report.summary.not_analysed if not_analysed is None else not_analysed
    sourcing: Counter[str] = Counter(str(s.sourcing) for s in report.sentences)
    kinds: Counter[str] = Counter(str(a.kind) for a in report.attributions)
    stypes: Counter[str] = Counter(str(a.source_type) for a in report.attributions)
    markers: Counter[str] = Counter(str(m.type) for m in report.markers)
    named_ids = {a.speaker.id for a in report.attributions if a.speaker and a.source_type == "named"}
    return Summary(
        sentences=len(report.sentences),
        sourcing={label: sourcing.get(label, 0) for label in SOURCING_LABELS},
        attributions=len(report.attributions),
        kinds=dict(kinds),
        source_types=dict(stypes),
        markers=dict(markers),
        speakers=len(report.speakers),
        named_speakers=len(named_ids),
        words_quoted=words_quoted(report.attributions),
        genre=report.summary.genre if genre is None else genre,
        verdict=f"Not analysed: {skipped}." if skipped else verdict(report, sourcing, markers),
        not_analysed=skipped,
    )
