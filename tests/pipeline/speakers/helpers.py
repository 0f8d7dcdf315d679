"""Helpers for the speaker-step tests: the corrected entities of a text, and one of them by its words."""

from __future__ import annotations

from onrecord.pipeline import load
from onrecord.pipeline.types import RawEntity


def entities(text: str) -> tuple[str, list[RawEntity]]:
    doc = load()(text)
    return text, list(doc._.entities or [])


def entity(text: str, words: str) -> RawEntity:
    text, ents = entities(text)
    found = [e for e in ents if text[e.start : e.end] == words]
    assert found, f"no entity {words!r} in {[(text[e.start : e.end], e.label) for e in ents]}"
    return found[0]
