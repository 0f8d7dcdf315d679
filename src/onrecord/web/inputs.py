"""What the web app analyses: pasted text or HTML, an uploaded file, or a link, as Articles.

Every reader is :mod:`onrecord.ingest`'s: pasted text that starts like an HTML document is
extracted as the CLI does for standard input (:func:`~onrecord.ingest.html.looks_like_html`);
uploads are read by their extension as ``onrecord analyze`` reads files (``.txt``, ``.html``,
``.htm``, ``.html.gz``, ``.jsonl``, ``.jsonl.gz``; an unknown extension is sniffed); a link is
fetched by :func:`onrecord.ingest.url.fetch`, with its refusal of loopback, private, link-local
and reserved addresses after DNS resolution and on every redirect (unless ``allow_private``).

A problem raises :class:`Problem`: an HTTP status and a message naming what was wrong and what
would have worked (400 blank or unreadable input, 413 too large, 415 binary data, 502 a link
that could not be fetched).
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path, PurePosixPath

from onrecord.ingest import url as fetcher
from onrecord.ingest.charset import charset_from_content_type
from onrecord.ingest.common import GZIP_ERRORS, gzip_reason, read_bounded, sniff_binary, too_big
from onrecord.ingest.html import article_from_html, looks_like_html
from onrecord.ingest.jsonl import decode_line, record_to_item
from onrecord.ingest.paths import kind_of
from onrecord.ingest.txt import article_from_bytes
from onrecord.models import Article, IngestErrorRecord, Origin
from onrecord.settings import MODES

Item = Article | IngestErrorRecord

#: Most articles one upload (a JSONL file) may hold: the page is for a few; a corpus goes to
#: ``onrecord analyze`` or ``onrecord ingest``.
MAX_UPLOAD_ARTICLES = 20

TAKES = (
    "paste an article's text or HTML, upload a .txt, .html, .html.gz or .jsonl file, or give an http(s) link"
)
UPLOADS = ".txt, .html, .htm, .html.gz, .jsonl or .jsonl.gz"


class Problem(Exception):
    """Input the web app cannot analyse: ``status`` and a ``detail`` that says what would work."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def check_mode(mode: str | None) -> str:
    mode = (mode or "fast").strip() or "fast"
    if mode not in MODES:
        raise Problem(400, f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    return mode


def _article(item: Item) -> Article:
    if isinstance(item, IngestErrorRecord):
        raise Problem(400, f"{item.source}: {item.reason}")
    return item


def from_text(text: str, *, title: str | None = None, url: str | None = None) -> Article:
    """Pasted text, or pasted HTML (detected as the CLI detects it on standard input)."""
    if not text.strip():
        raise Problem(400, f"the article text is empty (or only whitespace); {TAKES}")
    if looks_like_html(text.encode("utf-8", "replace")):
        art = _article(article_from_html(text, source="the pasted HTML", origin=Origin(url=url), url=url))
    else:
        art = Article(text=text, url=url)
    return _with(art, title=title, url=url)


def from_html(html: str, *, title: str | None = None, url: str | None = None) -> Article:
    """An HTML page given as a string (the API's ``html`` field): its main text extracted."""
    if not html.strip():
        raise Problem(400, f"the HTML is empty (or only whitespace); {TAKES}")
    art = _article(article_from_html(html, source="the HTML", origin=Origin(url=url), url=url))
    return _with(art, title=title, url=url)


def is_multi(filename: str | None) -> bool:
    """Whether an upload of this name holds several articles (JSONL)."""
    return kind_of(Path(upload_name(filename))) == "jsonl"


def _with(art: Article, *, title: str | None, url: str | None) -> Article:
    updates = {k: v for k, v in (("title", title), ("url", url)) if v}
    return art.model_copy(update=updates) if updates else art


def upload_name(filename: str | None) -> str:
    """The file's own name, without any folder a browser sent along, at most 200 characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name.strip()
    return name[:200] or "upload"


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = read_bounded(fh)  # type: ignore[arg-type]
    except GZIP_ERRORS as exc:
        raise Problem(400, f"{name}: {gzip_reason(exc)}; upload the file whole, or uncompressed") from exc
    if out is None:
        raise Problem(413, f"{name}: {too_big()} (after decompression)")
    return out


def _binary(name: str, data: bytes) -> None:
    why = sniff_binary(data)
    if why:
        raise Problem(415, f"{name} {why}; upload a {UPLOADS} file")


def from_upload(filename: str | None, data: bytes, *, title: str | None = None) -> list[Item]:
    """The article(s) of one uploaded file: one for text and HTML, one per line for JSONL (an
    unreadable line is that line's error record); raises :class:`Problem` for an unusable file."""
    name = upload_name(filename)
    if not data:
        raise Problem(400, f"{name} is empty (0 bytes); {TAKES}")
    kind = kind_of(Path(name))
    if kind == "warc":
        raise Problem(
            400, f"{name}: WARC files are read by the command line (onrecord analyze {name}); {TAKES}"
        )
    if name.lower().endswith(".gz"):
        if kind is None:
            raise Problem(
                415, f"{name} is gzip-compressed data of unknown kind; name it .html.gz or .jsonl.gz"
            )
        data = _gunzip(data, name)
    _binary(name, data)
    if kind is None:
        kind = "html" if looks_like_html(data) else "txt"
    origin = Origin(path=name)
    if kind == "jsonl":
        return _jsonl(name, data)
    if kind == "html":
        item = article_from_html(data, source=name, origin=origin)
    else:
        item = article_from_bytes(data, source=name, origin=origin)
    return [_with(_article(item), title=title, url=None)]


def _jsonl(name: str, data: bytes) -> list[Item]:
    items: list[Item] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        if len(items) == MAX_UPLOAD_ARTICLES:
            raise Problem(
                413,
                f"{name} holds more than {MAX_UPLOAD_ARTICLES} articles; the web page takes a few at a "
                f"time: split the file, or run onrecord analyze {name} for a corpus",
            )
        where = f"{name}:{number}"
        obj = decode_line(line, where)
        if isinstance(obj, IngestErrorRecord):
            items.append(obj)
            continue
        items.append(record_to_item(obj, source=where, origin=Origin(path=name, jsonl_line=number)))
    if not items:
        raise Problem(400, f'{name} holds no records; a JSONL file has one {{"text": "..."}} object a line')
    if all(isinstance(i, IngestErrorRecord) for i in items):
        shown = "; ".join(f"{i.source}: {i.reason}" for i in items[:3] if isinstance(i, IngestErrorRecord))
        raise Problem(400, f"no article could be read from {name}: {shown}")
    return items


def from_link(link: str, *, allow_private: bool, title: str | None = None) -> Article:
    """The page at an ``http(s)://`` link, fetched as ``onrecord ingest --fetch`` fetches it."""
    link = link.strip()
    if not fetcher.is_url(link):
        raise Problem(400, f"only http:// and https:// links are fetched, not {link[:200]!r}; {TAKES}")
    try:
        final, body, ctype = fetcher.fetch(link, allow_private=allow_private)
    except fetcher.FetchRefused as exc:
        reason = str(exc)
        if reason.startswith("refused: "):
            why = reason.removeprefix("refused: ").removesuffix("; pass --allow-private to fetch it anyway")
            raise Problem(
                400,
                f"link refused: {why}; this server fetches only public addresses (its operator can "
                "start it with --allow-private); paste the page's HTML or upload it instead",
            ) from exc
        if reason.startswith("not an http(s) URL"):
            raise Problem(
                400, f"link refused: it redirects to what is {reason}; paste the page's HTML instead"
            ) from exc
        raise Problem(
            502, f"could not fetch {link[:200]}: {reason}; check the link, or paste the page's HTML instead"
        ) from exc
    kind = ctype.split(";")[0].strip().lower()
    origin = Origin(url=final)
    if kind == "text/plain":
        item = article_from_bytes(body, source=link, origin=origin)
    elif kind and "html" not in kind:
        raise Problem(
            415, f"{link[:200]} serves {kind!r}, not HTML or plain text; give the link of an article page"
        )
    else:
        item = article_from_html(
            body, source=link, origin=origin, url=final, charset=charset_from_content_type(ctype)
        )
    return _with(_article(item), title=title, url=final if kind == "text/plain" else None)
