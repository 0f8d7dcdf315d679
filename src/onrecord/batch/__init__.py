"""Batch runs: stream inputs, analyse them in parallel, write them to the store.

``ingest(sources, db)`` is the one entry point, with two engines: ``local`` (a process pool on
this machine) and ``dask`` (a Dask cluster; a ``distributed.LocalCluster`` when no scheduler
address is given). Both are resumable: content hashes already in the store are skipped before
analysis, and every transaction holds whole articles. Progress goes to a callback, never printed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from onrecord.batch.options import IngestOptions
from onrecord.batch.sources import default_shard_dir, estimate_total
from onrecord.batch.stats import IngestStats
from onrecord.errors import UsageError
from onrecord.settings import DEFAULT_MODEL, ENGINES
from onrecord.store import DEFAULT_DB, Store

__all__ = ["ENGINES", "IngestOptions", "IngestStats", "default_workers", "ingest"]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def ingest(
    sources: Sequence[str],
    db: str | Path = DEFAULT_DB,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    model: str = DEFAULT_MODEL,
    mode: str = "fast",
    batch_size: int = 32,
    partition_size: int = 200,
    shard_dir: str | Path | None = None,
    keep_shards: bool = False,
    text_field: str = "text",
    fetch_urls: bool = False,
    allow_private: bool = False,
    estimate: bool = True,
    on_progress: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Analyse every input under ``sources`` not yet in the store at ``db`` and store it.

    Both engines expand ``sources`` with :func:`onrecord.ingest.inputs` and read them with the
    same :class:`IngestOptions`, so they store the same rows and errors. URLs are fetched only
    with ``fetch_urls`` (loopback and private addresses only with ``allow_private`` too).
    """
    if engine not in ENGINES:
        raise UsageError(f"--engine is one of {', '.join(ENGINES)}, not {engine!r}")
    n = workers if workers is not None else default_workers()
    if n < 1:
        raise UsageError(f"--workers must be at least 1, not {n}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    options = IngestOptions(
        model=model,
        mode=mode,
        text_field=text_field,
        fetch_urls=fetch_urls,
        allow_private=allow_private,
        batch_size=batch_size,
        partition_size=partition_size,
    )
    stats = IngestStats()
    with Store(db) as store:
        if engine == "dask":
            from onrecord.batch.dask_engine import run_dask

            run_dask(
                sources,
                store,
                options,
                scheduler=scheduler,
                workers=n,
                shard_dir=Path(shard_dir) if shard_dir else default_shard_dir(db),
                keep_shards=keep_shards,
                stats=stats,
                on_progress=on_progress,
            )
        else:
            from onrecord.batch.local import run_local

            if estimate and "-" not in sources:
                stats.total = estimate_total(sources)
            run_local(sources, store, options, workers=n, stats=stats, on_progress=on_progress)
        store.refresh_people()
        store.refresh_explorer()
    return stats
