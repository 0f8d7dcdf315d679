"""Shared pieces of ingest: size limits, binary sniffing, bounded reads."""

from __future__ import annotations

import gzip
import re
import traceback
import zlib
from typing import BinaryIO

from onrecord.models import IngestErrorRecord

#: Largest input accepted as ONE article (a text file, an HTML page, a JSONL line, a WARC
#: record body, a fetched URL), in bytes. A news article is a few tens of kilobytes; anything
#: over this is refused with a clear error before it is read into memory (files are checked
#: with ``stat``; streams and gzip members are read at most this many bytes plus one).
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

#: Deepest nesting of arrays and objects accepted in one JSON record (a JSONL line). An article
#: record is an object of strings, a list of authors at most; a line nested thousands deep would
#: exhaust the recursion of the JSON decoder, so it is refused before decoding.
MAX_JSON_DEPTH = 64

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b", "gzip-compressed data (name it .gz, e.g. page.html.gz or crawl.warc.gz)"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF (audio/video/webp) file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


def error(source: str, reason: str) -> IngestErrorRecord:
    return IngestErrorRecord(source=source, reason=reason)


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def too_big(size: int | None = None) -> str:
    got = f"{human_size(size)}, " if size is not None else ""
    return (
        f"too large ({got}over the {human_size(MAX_ARTICLE_BYTES)} limit for one article); "
        "split it into articles, e.g. a JSONL file with one article a line"
    )


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` looks like a binary file rather than text or HTML, or None if it does not."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"looks like {what}, not text"
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"contains a NUL byte at byte offset {nul}: looks like a binary file, not text"
    return None


def read_bounded(stream: BinaryIO, limit: int = MAX_ARTICLE_BYTES) -> bytes | None:
    """Read the whole stream if it holds at most ``limit`` bytes, else None (reads limit + 1 at most)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        return None
    return data


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_too_deep(line: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest more than ``limit`` deep in the JSON text ``line`` (brackets
    inside strings not counted), found by a scan that never recurses. Cheap for ordinary lines:
    only a line holding more than ``limit`` opening brackets is scanned at all."""
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    for m in _BRACKET.finditer(_JSON_STRING.sub(b'""', line)):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def internal_error(source: str, exc: BaseException, doing: str) -> IngestErrorRecord:
    """The error record of an input whose ``doing`` ("reading", "analysis") raised an exception
    onrecord did not expect: a bug of ours, reported as such, never a crash of the whole run."""
    detail = " ".join(str(exc).split())[:200]
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return IngestErrorRecord(
        source=source,
        reason=f"internal error while {doing} ({what}); this is a bug in onrecord, please report it "
        "with the input (--debug shows the traceback)",
    ).with_traceback("".join(traceback.format_exception(exc)))


GZIP_ERRORS: tuple[type[BaseException], ...] = (EOFError, gzip.BadGzipFile, zlib.error)


def gzip_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip data (the file ends before the compressed stream does)"
    return f"corrupt gzip data ({exc})"
