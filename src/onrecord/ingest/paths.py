"""Turning the sources given on a command line into concrete inputs.

A source is ``-`` (standard input), an ``http(s)://`` URL, a file, a directory (searched
recursively, in sorted order, for files with a known extension; others are skipped silently,
as are hidden files and folders) or a glob pattern (``*``, ``?``, ``[...]``, ``**``).
A file named explicitly (or matched by a glob) with an unknown extension is read as plain text.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["txt", "html", "jsonl", "warc", "stdin", "url"]

#: Extension (lower case, longest first) -> reader.
EXTENSIONS: tuple[tuple[str, Kind], ...] = (
    (".html.gz", "html"),
    (".htm.gz", "html"),
    (".warc.gz", "warc"),
    (".jsonl.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".jsonl", "jsonl"),
    (".warc", "warc"),
    (".xhtml", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".text", "txt"),
    (".txt", "txt"),
)


@dataclass(frozen=True)
class Input:
    kind: Kind
    source: str  # how the input is named in errors and origins
    path: Path | None = None


@dataclass(frozen=True)
class Missing:
    source: str
    reason: str


def kind_of(path: Path) -> Kind | None:
    name = path.name.lower()
    for ext, kind in EXTENSIONS:
        if name.endswith(ext):
            return kind
    return None


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _directory(root: Path) -> Iterator[Input]:
    for p in _walk(root):
        kind = kind_of(p)
        if kind is not None and p.is_file():
            yield Input(kind, str(p), p)


def expand(source: str) -> Iterator[Input | Missing]:
    """The inputs one source names, or a Missing record saying why there are none."""
    if source == "-":
        yield Input("stdin", "-")
        return
    if source.lower().startswith(("http://", "https://")):
        yield Input("url", source)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        found = False
        for item in _directory(path):
            found = True
            yield item
        if not found:
            known = ", ".join(sorted({e for e, _ in EXTENSIONS}))
            yield Missing(source, f"directory holds no readable inputs (looked for {known})")
        return
    if path.exists():
        if not path.is_file():
            yield Missing(source, "not a regular file or directory")
            return
        yield Input(kind_of(path) or "txt", source, path)
        return
    if any(ch in source for ch in "*?["):
        matches = sorted(glob.glob(os.path.expanduser(source), recursive=True))
        if not matches:
            yield Missing(source, "no files match this pattern")
            return
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                yield from _directory(mp)
            elif mp.is_file():
                yield Input(kind_of(mp) or "txt", m, mp)
        return
    yield Missing(source, "no such file or directory")
