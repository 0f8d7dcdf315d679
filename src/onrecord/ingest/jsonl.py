"""JSON Lines files (``.jsonl``, ``.ndjson``, ``.jsonl.gz``): one article per line, streamed.

Each line is a JSON object holding the article in ``text`` (or the field named by
``text_field``) as plain text, or in ``html`` as an HTML page (main text extracted as for HTML
files). Optional fields: ``url``, ``title``, ``date`` (or ``published``), ``author``/``authors``,
``site``, ``language``; they override what the HTML extraction found. ``id`` is accepted and
ignored: an Article's id is always the hash of its text. Blank lines are skipped; every other
line yields an Article or an error naming ``path:line`` (1-based).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.ingest.common import (
    GZIP_ERRORS,
    MAX_ARTICLE_BYTES,
    MAX_JSON_DEPTH,
    error,
    gzip_reason,
    human_size,
    internal_error,
    json_too_deep,
)
from onrecord.ingest.html import article_from_html
from onrecord.models import Article, IngestErrorRecord, Origin, replace_surrogates

Item = Article | IngestErrorRecord


def _opt_str(obj: dict[str, Any], *names: str) -> str | None:
    for name in names:
        v = obj.get(name)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, int | float) and not isinstance(v, bool):
            return str(v)
    return None


def _authors(obj: dict[str, Any]) -> list[str] | None:
    v = obj.get("authors", obj.get("author"))
    if isinstance(v, str) and v.strip():
        return [a.strip() for a in v.split(";") if a.strip()]
    if isinstance(v, list):
        return [a.strip() for a in v if isinstance(a, str) and a.strip()]
    return None


def _clean(value: Any) -> Any:
    """The decoded JSON with lone surrogates (``"\\ud800"`` escapes) replaced by U+FFFD in every
    key and string, so nothing downstream meets text it cannot encode. Depth is bounded before
    decoding (:data:`MAX_JSON_DEPTH`), so the recursion is too."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {replace_surrogates(k): _clean(v) for k, v in value.items()}
    return value


def decode_line(line: bytes, where: str) -> Any:
    """One JSONL line decoded (surrogates replaced), or an error record naming ``where``."""
    if json_too_deep(line):
        return error(
            where,
            f"JSON nested more than {MAX_JSON_DEPTH} arrays/objects deep; an article record is "
            'a flat object like {"text": "..."}',
        )
    try:
        # the line ending separates records: inside an unclosed string it is not the error
        return _clean(json.loads(line.rstrip(b"\r\n")))
    except UnicodeDecodeError as exc:
        return error(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start} of the line)")
    except json.JSONDecodeError as exc:
        # json says "Invalid control character at" with the position left to us
        return error(where, f"not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
    except RecursionError:  # the depth scan should have caught it; never let it stop the file
        return error(where, "JSON nested too deeply to decode")


def record_to_item(obj: Any, *, source: str, origin: Origin, text_field: str = "text") -> Item:
    """One decoded JSONL record as an Article or an error."""
    if not isinstance(obj, dict):
        return error(
            source,
            f'a JSON {type(obj).__name__}, not an object; each line must be an object like {{"text": "..."}}',
        )
    url = _opt_str(obj, "url")
    text = obj.get(text_field)
    html = obj.get("html")
    if text is not None and not isinstance(text, str):
        return error(source, f"field {text_field!r} is a {type(text).__name__}, not a string")
    if text is None and html is None:
        fields = ", ".join(sorted(obj)) or "none"
        hint = "" if text_field != "text" else "; name another field with --text-field"
        return error(source, f"no {text_field!r} or 'html' field (fields: {fields}){hint}")
    if text is not None:
        if not text.strip():
            return error(source, f"field {text_field!r} is empty")
        art: Item = Article(text=text, origin=origin)
    elif not isinstance(html, str):
        return error(source, f"field 'html' is a {type(html).__name__}, not a string")
    else:
        art = article_from_html(html, source=source, origin=origin, url=url)
        if isinstance(art, IngestErrorRecord):
            return art
    updates: dict[str, Any] = {}
    for attr, names in (
        ("url", ("url",)),
        ("title", ("title",)),
        ("published", ("date", "published")),
        ("site", ("site", "sitename")),
        ("language", ("language", "lang")),
    ):
        val = _opt_str(obj, *names)
        if val is not None:
            updates[attr] = val
    authors = _authors(obj)
    if authors is not None:
        updates["authors"] = authors
    return Article.model_validate(art.model_dump() | updates) if updates else art


def _lines(fh: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) with None for lines over the size limit (skipped unread)."""
    number = 0
    while True:
        line = fh.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = fh.readline(1024 * 1024)
            yield number, None
            continue
        yield number, line


def _item(line: bytes, where: str, origin: Origin, text_field: str) -> Item:
    """One line's article or error; an unexpected exception is this line's error, not the file's."""
    try:
        obj = decode_line(line, where)
        if isinstance(obj, IngestErrorRecord):
            return obj
        return record_to_item(obj, source=where, origin=origin, text_field=text_field)
    except Exception as exc:
        return internal_error(where, exc, "reading")


def read_file(path: Path, source: str, *, text_field: str = "text") -> Iterator[Item]:
    try:
        fh: BinaryIO = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
    except OSError as exc:
        yield error(source, f"cannot read: {exc.strerror or exc}")
        return
    seen = 0
    number = 0
    with fh:
        try:
            for number, line in _lines(fh):
                where = f"{source}:{number}"
                if line is None:
                    yield error(
                        where, f"line longer than the {human_size(MAX_ARTICLE_BYTES)} limit for one article"
                    )
                    continue
                if not line.strip():
                    continue
                seen += 1
                yield _item(line, where, Origin(path=source, jsonl_line=number), text_field)
        except GZIP_ERRORS as exc:
            yield error(f"{source}:{number + 1}", gzip_reason(exc))
            return
        except OSError as exc:
            yield error(source, f"cannot read: {exc.strerror or exc}")
            return
    if seen == 0:
        yield error(source, "empty JSONL file (no records)")
