"""HTML pages: main-text extraction (the one function the benchmark measures) and ``.html``/``.htm``/``.html.gz`` files.

:func:`extract` is used for every HTML input (files, JSONL ``html`` fields, WARC records, fetched
URLs) and by ``bench/extraction.py``. It runs trafilatura twice on one parsed tree:

1. ``favor_precision=True, include_comments=False`` -- the main text, trimmed of boilerplate;
2. the balanced default (``include_comments=False``) -- used instead when the precise pass kept
   less than :data:`PRECISION_MIN_SHARE` of it (the precise pass then threw the article away);
3. if both leave less than :data:`MIN_TEXT_CHARS` characters, trafilatura's ``baseline()``
   (embedded JSON-LD ``articleBody``, ``<article>``, all paragraphs) when it finds more.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.ingest.charset import decode_html
from onrecord.ingest.common import (
    GZIP_ERRORS,
    MAX_ARTICLE_BYTES,
    error,
    gzip_reason,
    read_bounded,
    sniff_binary,
    too_big,
)
from onrecord.models import Article, IngestErrorRecord, Origin

#: The precise pass is kept unless it is shorter than this share of the balanced pass.
PRECISION_MIN_SHARE = 0.2
#: Below this many characters the extraction counts as "too little" and the baseline is tried.
MIN_TEXT_CHARS = 200

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
# dates from the page's markup only, not guessed from any year in the text (a "© 2024" footer)
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Extracted:
    """The main text of a page and its metadata, as found."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    method: str = "trafilatura-precision"
    encoding: str | None = None


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML document (used to sniff standard input)."""
    return bool(_HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def _as_document(html: str) -> str:
    head = html[:2000].lower()
    if "<html" in head or "<body" in head or "<!doctype" in head:
        return html
    return f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _language(tree: Any, found: Any) -> str | None:
    lang = _str(found) or _str(tree.get("lang")) or _str(tree.get("xml:lang"))
    if lang is None:
        metas = tree.xpath(
            '//meta[translate(@http-equiv,"CONTENTLANGUAGE","contentlanguage")="content-language"]/@content'
        )
        lang = _str(metas[0]) if metas else None
    if lang is None or not _LANG.match(lang):
        return None
    return lang.replace("_", "-").split("-")[0].lower()


def extract(html: str | bytes, *, url: str | None = None, charset: str | None = None) -> Extracted | None:
    """Main text and metadata of an HTML page, or None if no text could be found.

    ``html`` may be bytes (decoded with :func:`onrecord.ingest.charset.decode_html`, ``charset``
    being the charset the HTTP header declared, if any) or already-decoded text.
    """
    import trafilatura

    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html, charset)
    tree = trafilatura.load_html(_as_document(html))
    if tree is None:
        return None
    common: dict[str, Any] = {"url": url, "include_comments": False}
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, favor_precision=True, date_extraction_params=_DATE_PARAMS, **common
    )
    precise = str(getattr(doc, "text", None) or "")
    balanced = trafilatura.extract(tree, **common) or ""
    text, method = precise, "trafilatura-precision"
    if not precise or len(precise) < PRECISION_MIN_SHARE * len(balanced):
        text, method = balanced, "trafilatura"
    if len(text.strip()) < MIN_TEXT_CHARS:
        _, base, _ = trafilatura.baseline(tree)
        if len(base.strip()) > len(text.strip()):
            text, method = base, "baseline"
    text = text.strip()
    if not text:
        return None
    meta = (
        doc
        if doc is not None
        else trafilatura.extract_metadata(tree, default_url=url, date_config=_DATE_PARAMS)
    )
    author = _str(getattr(meta, "author", None))
    return Extracted(
        text=text,
        title=_str(getattr(meta, "title", None)),
        authors=[a.strip() for a in author.split(";") if a.strip()] if author else [],
        published=_str(getattr(meta, "date", None)),
        site=_str(getattr(meta, "sitename", None)) or _str(getattr(meta, "hostname", None)),
        url=_str(getattr(meta, "url", None)) or url,
        language=_language(tree, getattr(meta, "language", None)),
        method=method,
        encoding=encoding,
    )


def article_from_html(
    data: bytes | str,
    *,
    source: str,
    origin: Origin,
    url: str | None = None,
    charset: str | None = None,
    published: str | None = None,
) -> Article | IngestErrorRecord:
    """An Article from one HTML page, or an error record naming ``source``.

    ``published`` is the date used when the page itself states none (e.g. the WARC-Date).
    """
    if isinstance(data, bytes):
        if not data.strip():
            return error(source, "empty HTML (no bytes besides whitespace)")
        why = sniff_binary(data)
        if why:
            return error(source, why)
    elif not data.strip():
        return error(source, "empty HTML (no characters besides whitespace)")
    try:
        ex = extract(data, url=url, charset=charset)
    except Exception as exc:  # third-party parsing of hostile input: report it, never stop the run
        return error(source, f"could not extract text from the HTML ({type(exc).__name__}: {exc})")
    if ex is None:
        return error(
            source, "no main text found in the HTML (trafilatura and its baseline extractor found nothing)"
        )
    return Article(
        text=ex.text,
        title=ex.title,
        url=ex.url or url,
        site=ex.site,
        authors=ex.authors,
        published=ex.published or published,
        language=ex.language,
        origin=origin,
    )


def read_file(path: Path, source: str) -> Article | IngestErrorRecord:
    """One ``.html``/``.htm``/``.html.gz`` file."""
    try:
        size = path.stat().st_size
        if size == 0:
            return error(source, "empty file (0 bytes)")
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = read_bounded(fh)  # type: ignore[arg-type]
        else:
            if size > MAX_ARTICLE_BYTES:
                return error(source, too_big(size))
            data = path.read_bytes()
    except GZIP_ERRORS as exc:
        return error(source, gzip_reason(exc))
    except OSError as exc:
        return error(source, f"cannot read: {exc.strerror or exc}")
    if data is None:
        return error(source, too_big() + " (after decompression)")
    return article_from_html(data, source=source, origin=Origin(path=source))
