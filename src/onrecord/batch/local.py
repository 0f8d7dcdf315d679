"""The local engine: one reader, a pool of analysis processes, one writer.

Inputs stream from :func:`onrecord.ingest.inputs` (the expander the Dask engine uses too), read
with the run's :class:`~onrecord.batch.options.IngestOptions`, in chunks; each chunk's content hashes are looked
up in the store first (stored articles are never analysed again); the rest go to worker processes
that load the pipeline once and send back table rows; the single writer commits each chunk in one
transaction. At most ``2 * workers`` chunks are in flight, so memory stays flat.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from onrecord.batch.options import IngestOptions
from onrecord.batch.stats import IngestStats
from onrecord.batch.work import analyse_chunk, warm_up
from onrecord.ingest import Item, inputs
from onrecord.models import Article, IngestErrorRecord
from onrecord.store import Rows, Store, empty_rows, error_row

Progress = Callable[[IngestStats], None]


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _commit(store: Store, rows: Rows, stats: IngestStats, skipped: int, n_items: int) -> None:
    result = store.write(rows)
    stats.written += result.written
    stats.skipped += skipped + result.skipped
    stats.errors += result.errors
    stats.words += sum(r["n_words"] for r in rows["articles"])
    stats.done += n_items


def run_local(
    sources: Sequence[str],
    store: Store,
    options: IngestOptions,
    *,
    workers: int,
    stats: IngestStats,
    on_progress: Progress | None = None,
) -> IngestStats:
    """Read ``sources`` here, analyse them on ``workers`` processes and write them to ``store``."""
    model, mode = options.model, options.mode
    items = options.read(inputs(sources))
    pool = None
    if workers > 1:
        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=warm_up, initargs=(model, mode))
    pending: deque[tuple[AsyncResult[Rows] | Rows, list[dict[str, Any]], int, int]] = deque()

    def drain(limit: int) -> None:
        while len(pending) > limit:
            job, errors, skipped, n_items = pending.popleft()
            rows = job.get() if isinstance(job, AsyncResult) else job
            rows["errors"].extend(errors)
            _commit(store, rows, stats, skipped, n_items)
            if on_progress:
                on_progress(stats)

    try:
        for chunk in chunks(items, options.batch_size):
            errors = [error_row(i) for i in chunk if isinstance(i, IngestErrorRecord)]
            arts = [i for i in chunk if isinstance(i, Article)]
            stored = store.stored_ids(a.id for a in arts)
            todo = [a for a in arts if a.id not in stored]
            job: AsyncResult[Rows] | Rows
            if not todo:
                job = empty_rows()
            elif pool is None:
                job = analyse_chunk(todo, model, mode)
            else:
                job = pool.apply_async(analyse_chunk, (todo, model, mode))
            pending.append((job, errors, len(arts) - len(todo), len(chunk)))
            drain(2 * workers if pool is not None else 0)
        drain(0)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return stats
