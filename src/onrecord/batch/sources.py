"""Inputs as units of work: estimating how many articles they hold (for the progress ETA), and
cutting them into partitions for Dask workers.

Both start from :func:`onrecord.ingest.inputs`, the expander :func:`onrecord.ingest.read` uses,
so the local and the Dask engine see the same inputs: the same files skipped in a directory walk
(unknown extensions, hidden files), the same error for a source that names nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import UsageError
from onrecord.ingest import Input, inputs
from onrecord.models import IngestErrorRecord

Found = Input | IngestErrorRecord


@dataclass(frozen=True)
class Partition:
    """A slice of the inputs: records ``start``..``stop`` (None: to the end) of reading ``inputs``."""

    index: int
    inputs: tuple[Found, ...]
    start: int = 0
    stop: int | None = None
    records: int | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """How each input is named (in errors and in the store's ``source`` column)."""
        return tuple(i.source for i in self.inputs)


def _count_lines(path: Path) -> int:
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (0 if last == b"\n" else 1)


def records_in(found: Found) -> int | None:
    """How many articles an input holds, if that can be told cheaply (None for WARC archives and
    standard input). A compressed JSONL file counts as one: it is read whole by one task."""
    if isinstance(found, IngestErrorRecord):
        return 1
    if found.kind in ("warc", "stdin"):
        return None
    if (
        found.kind == "jsonl"
        and found.path is not None
        and found.path.name.lower().endswith((".jsonl", ".ndjson"))
    ):
        try:
            return _count_lines(found.path)
        except OSError:
            return 1
    return 1


def estimate_total(sources: Iterable[str], *, max_files: int = 1_000_000) -> int | None:
    """The number of articles the sources should yield (None when it cannot be told)."""
    total = 0
    for i, found in enumerate(inputs(sources)):
        n = records_in(found)
        if n is None or i >= max_files:
            return None
        total += n
    return total


def partitions(sources: Iterable[str], *, size: int = 200) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` articles: small files grouped, big JSONL split."""
    parts: list[Partition] = []
    group: list[Found] = []

    def flush() -> None:
        if group:
            parts.append(Partition(len(parts), tuple(group), records=len(group)))
            group.clear()

    for found in inputs(sources):
        if isinstance(found, Input) and found.kind == "stdin":
            raise UsageError("standard input cannot be spread over Dask workers; write it to a file first")
        n = records_in(found)
        if n is None or n > 1:
            flush()
            if n is None:
                parts.append(Partition(len(parts), (found,)))
                continue
            for start in range(0, n, size):
                stop = min(start + size, n)
                parts.append(Partition(len(parts), (found,), start, stop, stop - start))
            continue
        group.append(found)
        if len(group) >= size:
            flush()
    flush()
    return parts


def shard_name(part: Partition) -> str:
    return f"part-{part.index:06d}"


def default_shard_dir(db: str | Path) -> Path:
    return Path(str(db) + ".shards")
