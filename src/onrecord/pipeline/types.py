"""Plain records the pipeline components leave on a ``Doc`` (character offsets into ``doc.text``).

Components communicate through these Doc extensions (registered when this module is imported):

- ``doc._.quotes``: list[:class:`Quote`] (quotation-mark spans, from ``onrecord_quotes``)
- ``doc._.attributions``: list[:class:`RawAttribution`] (from ``onrecord_attribution``)
- ``doc._.speakers``: list[:class:`RawSpeaker`] (from ``onrecord_speakers``; sets ``speaker`` on attributions)
- ``doc._.sentence_labels``: list[str] (one per ``doc.sents``) and ``doc._.markers``: list[:class:`RawMarker`]
  (from ``onrecord_sourcing``)
- ``doc._.entities``: list[:class:`RawEntity`] (corrected entities, from ``onrecord_speakers``)
- ``doc._.genre``: str (the article's genre, from ``onrecord_sourcing``)
- ``doc._.not_analysed``: str (why the ``onrecord`` component ran no step: not English prose; "")

The records themselves (and the codec that serialises them with the Doc) are in
:mod:`onrecord.pipeline.records`, which imports no spaCy.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from onrecord.pipeline.records import (
    Offsets,
    Quote,
    RawAttribution,
    RawEntity,
    RawMarker,
    RawSpeaker,
)

__all__ = [
    "EXTENSIONS",
    "Offsets",
    "Quote",
    "RawAttribution",
    "RawEntity",
    "RawMarker",
    "RawSpeaker",
    "doc_text",
]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from every token on each access."""
    cached = doc.user_data.get("onrecord_text")
    if cached is None:
        cached = doc.text
        doc.user_data["onrecord_text"] = cached
    return str(cached)


EXTENSIONS: dict[str, Any] = {
    "quotes": None,
    "attributions": None,
    "speakers": None,
    "sentence_labels": None,
    "markers": None,
    "entities": None,
    "genre": "",
    "not_analysed": "",
}
"""The Doc extensions onrecord sets, with their defaults."""

for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
