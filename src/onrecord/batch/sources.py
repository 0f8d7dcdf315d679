"""Inputs as units of work: expanding sources into files, estimating how many articles they hold
(for the progress ETA), and cutting them into partitions for Dask workers.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import UsageError

_URL = ("http://", "https://")
_MULTI_RECORD = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True)
class Partition:
    """A slice of the inputs: records ``start``..``stop`` (None: to the end) of ``read(paths)``."""

    index: int
    paths: tuple[str, ...]
    start: int = 0
    stop: int | None = None
    records: int | None = None


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Every file (or URL) named by ``sources``: directories walked, globs expanded, sorted."""
    for src in sources:
        if src == "-" or src.startswith(_URL):
            yield src
        elif os.path.isdir(src):
            for root, dirs, files in os.walk(src):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        elif any(ch in src for ch in "*?[") and not os.path.exists(src):
            yield from sorted(p for p in glob.glob(src, recursive=True) if os.path.isfile(p))
        else:
            yield src


def _count_lines(path: str) -> int:
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (0 if last == b"\n" else 1)


def records_in(path: str) -> int | None:
    """How many articles a file holds, if that can be told cheaply (None for WARC archives)."""
    lower = path.lower()
    if lower.endswith(_MULTI_RECORD):
        return None
    if lower.endswith((".jsonl", ".ndjson")):
        try:
            return _count_lines(path)
        except OSError:
            return 1
    return 1


def estimate_total(sources: Iterable[str], *, max_files: int = 1_000_000) -> int | None:
    """The number of articles the sources should yield (None when it cannot be told)."""
    total = 0
    for i, path in enumerate(expand(sources)):
        if path == "-" or i >= max_files:
            return None
        n = records_in(path) if not path.startswith(_URL) else 1
        if n is None:
            return None
        total += n
    return total


def partitions(sources: Iterable[str], *, size: int = 200) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` articles: small files grouped, big JSONL split."""
    parts: list[Partition] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            parts.append(Partition(len(parts), tuple(group), records=len(group)))
            group.clear()

    for path in expand(sources):
        if path == "-":
            raise UsageError("standard input cannot be spread over Dask workers; write it to a file first")
        n = 1 if path.startswith(_URL) else records_in(path)
        if n is None or n > 1:
            flush()
            if n is None:
                parts.append(Partition(len(parts), (path,)))
                continue
            for start in range(0, n, size):
                stop = min(start + size, n)
                parts.append(Partition(len(parts), (path,), start, stop, stop - start))
            continue
        group.append(path)
        if len(group) >= size:
            flush()
    flush()
    return parts


def shard_name(part: Partition) -> str:
    return f"part-{part.index:06d}"


def default_shard_dir(db: str | Path) -> Path:
    return Path(str(db) + ".shards")
