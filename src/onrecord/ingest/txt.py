"""Plain-text files and standard input.

``Article.text`` is the input exactly as read: the bytes decoded as strict UTF-8, a leading
UTF-8 byte-order mark dropped, nothing else touched (no stripping, no newline or Unicode
normalisation), so span offsets point into the file as it is. Invalid UTF-8 is an error that
names the byte offset (no guessing: a wrong guess would silently change the text analysed).
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import BinaryIO

from onrecord.ingest.common import MAX_ARTICLE_BYTES, error, read_bounded, sniff_binary, too_big
from onrecord.models import Article, IngestErrorRecord, Origin


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 with a leading BOM dropped; raises UnicodeDecodeError."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data.decode("utf-8")


def utf8_problem(exc: UnicodeDecodeError, data: bytes) -> str:
    bad = data[exc.start : exc.start + 1].hex()
    line = data.count(b"\n", 0, exc.start) + 1
    return (
        f"not valid UTF-8: byte 0x{bad} at byte offset {exc.start} (line {line}); "
        "onrecord reads text files as UTF-8 -- convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
    )


def article_from_bytes(data: bytes, *, source: str, origin: Origin) -> Article | IngestErrorRecord:
    if not data:
        return error(source, "empty file (0 bytes)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return error(
            source,
            "UTF-16 text (byte-order mark); onrecord reads UTF-8 -- convert it: iconv -f UTF-16 -t UTF-8",
        )
    why = sniff_binary(data)
    if why:
        return error(source, why)
    offset = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = decode_utf8(data)
    except UnicodeDecodeError as exc:
        exc.start += offset
        return error(source, utf8_problem(exc, data))
    if not text.strip():
        return error(source, f"no text: the input holds only whitespace ({len(data)} bytes)")
    return Article(text=text, origin=origin)


def read_file(path: Path, source: str) -> Article | IngestErrorRecord:
    """One text file; refused unread if over :data:`MAX_ARTICLE_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return error(source, too_big(size))
        data = path.read_bytes()
    except OSError as exc:
        return error(source, f"cannot read: {exc.strerror or exc}")
    return article_from_bytes(data, source=source, origin=Origin(path=source))


def read_stdin(stream: BinaryIO | None = None) -> Article | IngestErrorRecord:
    """Standard input: plain text, or HTML if it starts like an HTML document."""
    from onrecord.ingest.html import article_from_html, looks_like_html

    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = read_bounded(stream)
    except OSError as exc:
        return error("-", f"cannot read standard input: {exc}")
    if data is None:
        return error("-", too_big())
    if not data:
        return error("-", "empty input (standard input held 0 bytes)")
    if looks_like_html(data):
        return article_from_html(data, source="-", origin=Origin(path="-"))
    return article_from_bytes(data, source="-", origin=Origin(path="-"))
