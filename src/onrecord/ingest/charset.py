"""Decoding HTML bytes to text: BOM, declared charset (HTTP header, ``<meta>``), UTF-8, then detection.

Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares (text in a legacy
encoding is practically never valid UTF-8 unless it is plain ASCII, while pages that declare
ISO-8859-1 but are UTF-8 are common). Otherwise a declared charset is used if the bytes decode
cleanly with it, then charset detection.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)

# WHATWG: these labels mean windows-1252 in practice.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "x-user-defined": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "utf8": "utf-8",
}


def _normalise(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset named in an HTTP Content-Type header value, if any."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset declared by a ``<meta charset>`` or ``http-equiv`` tag in the first 4 KiB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode HTML bytes; returns ``(text, encoding used)``. Never raises on bad bytes.

    Order: byte-order mark; UTF-8 if the bytes are valid UTF-8; the ``declared`` charset (e.g.
    from the HTTP header) and the ``<meta>`` charset, each only if the bytes decode cleanly with it; charset
    detection (charset-normalizer); finally UTF-8 with U+FFFD replacement characters.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace"), enc
    candidates: list[str | None] = ["utf-8", _normalise(declared), _normalise(meta_charset(data))]
    seen: set[str] = set()
    for cand in candidates:
        if cand is None or cand in seen:
            continue
        seen.add(cand)
        try:
            return data.decode(cand), cand
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _detect(data)
    if detected is not None:
        return data.decode(detected, "replace"), detected
    return data.decode("utf-8", "replace"), "utf-8"


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring windows-1252 (the web's legacy default) on near ties."""
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:200_000]))
    except Exception:  # pragma: no cover - detection is best effort
        return None
    if not matches:
        return None
    best = matches[0]
    for m in matches:
        if _normalise(m.encoding) == "cp1252" and m.chaos <= best.chaos + 0.02:
            return "cp1252"
    return _normalise(best.encoding)
