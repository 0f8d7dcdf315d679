"""WARC files (``.warc``, ``.warc.gz``), streamed record by record with warcio.

Only HTTP ``response`` records (and ``resource`` records) with a 2xx status and an HTML body
become articles; request, metadata, revisit, warcinfo records and non-HTML responses (images,
scripts, ...) are skipped silently. Each article's origin holds the path, the record's byte
offset (``path@offset`` names it in errors), its WARC-Record-ID and WARC-Target-URI; its date
is the page's own, else the WARC-Date.

Damage is reported, never fatal: a record whose body ends early yields an error; a record that
cannot be parsed yields an error and reading resumes at the next record boundary found (the
next gzip member in ``.warc.gz``, the next ``WARC/1.x`` line in ``.warc``); a file cut short
yields the records before the cut, then one error at the offset where the damage starts.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.ingest.charset import charset_from_content_type
from onrecord.ingest.common import MAX_ARTICLE_BYTES, error, too_big
from onrecord.ingest.html import article_from_html, looks_like_html
from onrecord.models import Article, IngestErrorRecord, Origin

Item = Article | IngestErrorRecord

_GZ_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20


def _find_next(fh: BinaryIO, start: int, gz: bool) -> int | None:
    """Offset of the next record boundary at or after ``start``, or None. In ``.warc.gz`` the gzip
    magic bytes also occur inside members (stored data, e.g. a record holding gzip bytes): a
    boundary is only where gzip data starts that decompresses. Resuming at a false one would make
    warcio read the following members as uncompressed bytes and swallow the records in them."""
    while True:
        found = _find_marker(fh, start, gz)
        if found is None or not gz or _inflates(fh, found):
            return found
        start = found + 1


def _inflates(fh: BinaryIO, at: int) -> bool:
    """Whether gzip data starting at ``at`` decompresses (its first 64 KiB of output, at most)."""
    fh.seek(at)
    try:
        zlib.decompressobj(31).decompress(fh.read(1 << 16), 1 << 16)
    except zlib.error:
        return False
    return True


def _find_marker(fh: BinaryIO, start: int, gz: bool) -> int | None:
    marker = _GZ_MAGIC if gz else b"\n" + _WARC_MAGIC
    pos = start
    tail = b""
    while True:
        fh.seek(pos)
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        buf = tail + chunk
        i = buf.find(marker)
        if i >= 0:
            found = pos - len(tail) + i
            return found if gz else found + 1
        tail = buf[-len(marker) :]
        pos += len(chunk)


def _skip_blank(fh: BinaryIO, pos: int) -> int:
    fh.seek(pos)
    gap = fh.read(64)
    return pos + len(gap) - len(gap.lstrip(b"\r\n"))


def _gzip_member_complete(fh: BinaryIO, start: int, end: int) -> bool:
    fh.seek(start)
    d = zlib.decompressobj(31)
    remaining = end - start
    while remaining > 0 and not d.eof:
        chunk = fh.read(min(remaining, _SCAN_CHUNK))
        if not chunk:
            break
        remaining -= len(chunk)
        try:
            d.decompress(chunk, 0)
        except zlib.error:
            return False
    return d.eof


def _record(rec: Any, *, source: str, offset_of: Any) -> tuple[str, Item | None]:
    """(what happened, item): item is None for skipped records."""
    rtype = rec.rec_type
    if rtype not in ("response", "resource"):
        return rtype or "unknown", None
    if rtype == "response":
        if rec.http_headers is None:
            return "non-HTTP response", None
        status = rec.http_headers.get_statuscode() or ""
        ctype = rec.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return f"HTTP {status or '?'}", None
    else:
        ctype = rec.rec_headers.get_header("Content-Type") or ""
    stream = rec.content_stream()
    body = stream.read(MAX_ARTICLE_BYTES + 1)
    if ctype and "html" not in ctype.lower():
        return "not HTML", None
    if not ctype and not looks_like_html(body):
        return "not HTML", None
    big = len(body) > MAX_ARTICLE_BYTES
    while rec.raw_stream.read(_SCAN_CHUNK):
        pass
    truncated = getattr(rec.raw_stream, "limit", 0) > 0
    offset = offset_of()
    where = f"{source}@{offset}"
    if truncated:
        return "error", error(
            where, "truncated WARC record: the record ends before its Content-Length says it should"
        )
    if big:
        return "error", error(where, too_big())
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    return "html", article_from_html(
        body,
        source=where,
        origin=Origin(
            path=source,
            url=uri,
            warc_offset=offset,
            warc_record_id=rec.rec_headers.get_header("WARC-Record-ID"),
        ),
        url=uri,
        charset=charset_from_content_type(ctype),
        published=rec.rec_headers.get_header("WARC-Date"),
    )


def read_file(path: Path, source: str) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        size = path.stat().st_size
        fh: BinaryIO = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield error(source, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        head = fh.read(16)
        if not head:
            yield error(source, "empty file (0 bytes)")
            return
        gz = head.startswith(_GZ_MAGIC)
        if not gz and not head.startswith(_WARC_MAGIC):
            yield error(source, f"not a WARC file: it starts with {head[:8]!r}, not 'WARC/1.' or gzip data")
            return
        skipped: Counter[str] = Counter()
        articles = errors = 0
        pos = 0
        while pos < size:
            fh.seek(pos)
            it = ArchiveIterator(fh)
            last_end = pos
            last_start = pos
            failure: str | None = None
            reported = -1  # offset of a record already reported as an error
            lost_at: int | None = None  # where warcio lost the record boundaries
            try:
                for rec in it:
                    kind, item = _record(rec, source=source, offset_of=it.get_record_offset)
                    start = it.get_record_offset()  # absolute: warcio counts from the file start
                    if start < last_end or it.get_record_length() <= 0:
                        # warcio lost the record boundaries (a Content-Length that does not match
                        # the data): the records it finds from here on have wrong offsets, and
                        # resuming before them would read them twice. Resume after this one.
                        lost_at = start
                        break
                    last_start, last_end = start, start + it.get_record_length()
                    if item is None:
                        skipped[kind] += 1
                        continue
                    if isinstance(item, Article):
                        articles += 1
                    else:
                        errors += 1
                        reported = last_start
                    yield item
            except Exception as exc:  # warcio raises many types on damaged input
                detail = "".join(c if " " <= c < "\x7f" else "?" for c in str(exc)[:100])
                failure = f"{type(exc).__name__}: {detail}".strip()
                bad_at = max(last_end, pos)
            else:
                bad_at = last_end
            if lost_at is not None:
                failure = "record boundaries lost: a damaged header or a Content-Length that does not match the data"
                bad_at = max(lost_at, last_end, pos)
            if not gz and bad_at > pos:
                bad_at = _skip_blank(fh, bad_at)  # records end with CRLF CRLF
            if (
                failure is None
                and gz
                and reported != last_start
                and last_end > last_start
                and not _gzip_member_complete(fh, last_start, last_end)
            ):
                errors += 1
                yield error(
                    f"{source}@{last_start}", "truncated gzip member: the file ends inside this record"
                )
                break
            if failure is None and bad_at >= size:
                break
            nxt = _find_next(fh, bad_at + 1, gz)
            errors += 1
            what = (
                f"corrupt or truncated WARC record ({failure})"
                if failure
                else "truncated or unreadable WARC data"
            )
            if nxt is None:
                yield error(
                    f"{source}@{bad_at}",
                    f"{what}; nothing readable after it ({size - bad_at} bytes to the end of the file)",
                )
                break
            yield error(f"{source}@{bad_at}", f"{what}; skipped to the next record at byte {nxt}")
            pos = nxt
        if articles == 0 and errors == 0:
            seen = ", ".join(f"{n} {k}" for k, n in skipped.most_common()) or "no records"
            yield error(source, f"no HTML response records in this WARC ({seen})")
