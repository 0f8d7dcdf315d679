"""Reading inputs into Articles: every input yields an Article or an error record naming it.

``read(sources)`` is the one entry point: paths (files, directories, globs), ``-`` for stdin,
and ``http(s)://`` URLs when ``fetch_urls`` is set. Formats: ``.txt`` (exact UTF-8 text),
``.html``/``.htm``/``.html.gz`` (main text extracted, see :mod:`onrecord.ingest.html`),
``.jsonl`` (one article a line), ``.warc``/``.warc.gz`` (HTML responses). Reading is not
analysing: this package never imports the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from onrecord.ingest import html, jsonl, txt, url, warc
from onrecord.ingest.common import MAX_ARTICLE_BYTES, internal_error
from onrecord.ingest.paths import Input, Missing, expand
from onrecord.models import Article, IngestErrorRecord

Item = Article | IngestErrorRecord

__all__ = ["MAX_ARTICLE_BYTES", "Input", "Item", "inputs", "read", "read_inputs"]


def _read_input(inp: Input, *, text_field: str, fetch_urls: bool, allow_private: bool) -> Iterator[Item]:
    if inp.kind == "stdin":
        yield txt.read_stdin()
    elif inp.kind == "url":
        yield url.read_url(inp.source, fetch_urls=fetch_urls, allow_private=allow_private)
    elif inp.path is None:  # pragma: no cover - expand() always sets a path for files
        yield IngestErrorRecord(source=inp.source, reason="no path")
    elif inp.kind == "txt":
        yield txt.read_file(inp.path, inp.source)
    elif inp.kind == "html":
        yield html.read_file(inp.path, inp.source)
    elif inp.kind == "jsonl":
        yield from jsonl.read_file(inp.path, inp.source, text_field=text_field)
    else:
        yield from warc.read_file(inp.path, inp.source)


def inputs(sources: Iterable[str]) -> Iterator[Input | IngestErrorRecord]:
    """The inputs ``sources`` name, in reading order, or an error record for each that names none.

    The one input expander of onrecord: :func:`read` and both batch engines (which count and
    partition these before reading) use it, so all of them skip and report the same inputs.
    """
    for src in sources:
        try:
            for inp in expand(src):
                yield (
                    IngestErrorRecord(source=inp.source, reason=inp.reason)
                    if isinstance(inp, Missing)
                    else inp
                )
        except Exception as exc:  # expanding the source failed (e.g. an unreadable directory)
            yield internal_error(src, exc, "reading")


def read_inputs(
    found: Iterable[Input | IngestErrorRecord],
    *,
    text_field: str = "text",
    fetch_urls: bool = False,
    allow_private: bool = False,
) -> Iterator[Item]:
    """Read inputs made by :func:`inputs`; an error record among them is passed through."""
    for inp in found:
        if isinstance(inp, IngestErrorRecord):
            yield inp
            continue
        try:
            yield from _read_input(
                inp, text_field=text_field, fetch_urls=fetch_urls, allow_private=allow_private
            )
        except (OSError, ValueError) as exc:  # last line of defence: one bad input never stops the rest
            yield IngestErrorRecord(source=inp.source, reason=f"unreadable: {exc}")
        except Exception as exc:
            yield internal_error(inp.source, exc, "reading")


def read(
    sources: Iterable[str],
    *,
    text_field: str = "text",
    fetch_urls: bool = False,
    allow_private: bool = False,
) -> Iterator[Item]:
    """Yield an Article or an IngestErrorRecord for every input found under ``sources``.

    Lazy and streaming: JSONL and WARC files are read record by record. Nothing raises for a
    bad input; each problem comes out as an :class:`IngestErrorRecord` whose ``source`` names
    the input (``path``, ``path:line`` for JSONL, ``path@offset`` for WARC, the URL). An
    exception no reader expected (a bug of ours) is that input's error too, an "internal error",
    and reading goes on with the next input.
    """
    return read_inputs(
        inputs(sources), text_field=text_field, fetch_urls=fetch_urls, allow_private=allow_private
    )
