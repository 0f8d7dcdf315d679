"""Plain records the pipeline components leave on a ``Doc`` (character offsets into ``doc.text``).

Components communicate through these, set as Doc extensions in :mod:`onrecord.pipeline.registry`:

- ``doc._.quotes``: list[:class:`Quote`] (quotation-mark spans, from ``onrecord_quotes``)
- ``doc._.attributions``: list[:class:`RawAttribution`] (from ``onrecord_attribution``)
- ``doc._.speakers``: list[:class:`RawSpeaker`] (from ``onrecord_speakers``; sets ``speaker`` on attributions)
- ``doc._.sentence_labels``: list[str] (one per ``doc.sents``) and ``doc._.markers``: list[:class:`RawMarker`]
  (from ``onrecord_sourcing``)
- ``doc._.entities``: list[:class:`RawEntity`] (corrected entities, from ``onrecord_speakers``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Offsets = tuple[int, int]


@dataclass(slots=True)
class Quote:
    """Text between quotation marks. ``start``/``end`` include the marks; ``inner`` excludes them."""

    start: int
    end: int
    inner: Offsets
    closed: bool = True


@dataclass(slots=True)
class RawSpeaker:
    id: str
    name: str
    role: str | None = None
    organization: str | None = None
    type: str = "unknown"
    mentions: list[Offsets] = field(default_factory=list)


@dataclass(slots=True)
class RawAttribution:
    cue: Offsets | None
    content: list[Offsets]
    source: Offsets | None = None
    kind: str = "indirect"
    confidence: float = 1.0
    hearsay: bool = False
    act: str | None = None
    statement: float | None = None
    via: Offsets | None = None
    speaker_id: str | None = None
    source_type: str = "none"
    speaker_confidence: float | None = None
    needs_review: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RawMarker:
    start: int
    end: int
    type: str


@dataclass(slots=True)
class RawEntity:
    start: int
    end: int
    label: str
    canonical: str | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from every token on each access."""
    cached = doc.user_data.get("onrecord_text")
    if cached is None:
        cached = doc.text
        doc.user_data["onrecord_text"] = cached
    return str(cached)
