"""The records onrecord's components leave on a Doc, and their msgpack codec; imports no spaCy.

:func:`msgpack_encode` and :func:`msgpack_decode` are srsly msgpack hooks, declared as entry
points, so the records serialise with the Doc (``Doc.to_bytes``, ``DocBin(store_user_data=True)``,
the Docs ``nlp.pipe(n_process=...)`` sends between processes) and a process that never imported
onrecord reads them back as these classes. spaCy itself packs msgpack while it is being imported,
so this module must not import spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

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


_TAG = "__onrecord__"
_RECORDS: dict[str, type] = {c.__name__: c for c in (Quote, RawSpeaker, RawAttribution, RawMarker, RawEntity)}
_OFFSET_FIELDS = {"inner", "cue", "source", "via"}  # one (start, end) pair or None
_OFFSET_LISTS = {"content", "mentions"}  # lists of pairs
_LISTS = {"needs_review"}


def msgpack_encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack encoder: an onrecord record as a tagged dict of its fields."""
    name = type(obj).__name__
    if _RECORDS.get(name) is type(obj):
        out: dict[str, Any] = {_TAG: name}
        for f in fields(obj):  # type: ignore[arg-type]
            out[f.name] = getattr(obj, f.name)
        return out
    return obj if chain is None else chain(obj)


def msgpack_decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack decoder: the record :func:`msgpack_encode` wrote (offsets back to tuples)."""
    if isinstance(obj, dict) and _TAG in obj:
        cls = _RECORDS[obj[_TAG]]
        values = {}
        for key, value in obj.items():
            if key == _TAG:
                continue
            if key in _OFFSET_FIELDS and value is not None:
                value = (int(value[0]), int(value[1]))
            elif key in _OFFSET_LISTS:
                value = [(int(lo), int(hi)) for lo, hi in value]
            elif key in _LISTS:
                value = list(value)  # DocBin reads arrays as tuples
            values[key] = value
        _register_extensions()
        return cls(**values)
    return obj if chain is None else chain(obj)


def _register_extensions() -> None:
    """Reading a record back means a Doc is being read: let ``doc._.attributions`` and the rest work."""
    import onrecord.pipeline.types  # noqa: F401  (registers the Doc extensions)


def _register_codec() -> None:
    import srsly

    srsly.msgpack_encoders.register("onrecord", func=msgpack_encode)
    srsly.msgpack_decoders.register("onrecord", func=msgpack_decode)


_register_codec()  # also declared as entry points, for processes that never import onrecord
