"""The Dask engine: partitions analysed on Dask workers, written as Parquet shards, merged by one writer.

Each partition (a group of small files, or a record range of a big JSONL file) is one task. The
task skips content hashes already stored (the set is broadcast once), analyses the rest and writes
one Parquet file per table (the store's schema) to ``shard_dir/part-NNNNNN/``, renamed into
place with a ``_SUCCESS`` marker only when complete: a re-run skips finished partitions. As each
task finishes, the client merges its shard into the DuckDB store (skipping stored hashes again),
in partition order, so that the store is the one a local run of the same inputs writes.
The shard folder must be reachable from the workers and the client (a shared file system on a
real cluster); shards can also be queried in place with DuckDB ``read_parquet``.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from onrecord.batch.options import IngestOptions
from onrecord.batch.sources import Partition, partitions, shard_name
from onrecord.batch.stats import IngestStats
from onrecord.batch.work import analyse_chunk, one_thread_per_worker
from onrecord.errors import OnrecordError, UsageError
from onrecord.ingest.common import internal_error
from onrecord.models import Article
from onrecord.store import Rows, Store, empty_rows, error_row
from onrecord.store.schema import to_arrow

Progress = Callable[[IngestStats], None]


def _extend(rows: Rows, more: Rows) -> None:
    for table, new in more.items():
        rows[table].extend(new)


def analyse_partition(
    part: Partition, shard_dir: str, skip: frozenset[str], options: IngestOptions
) -> dict[str, Any]:
    """Analyse one partition into a Parquet shard; returns its counts. Runs on a Dask worker."""
    one_thread_per_worker()
    out = Path(shard_dir) / shard_name(part)
    done = out / "_SUCCESS"
    if done.exists():
        return dict(json.loads(done.read_text()), reused=True)
    rows = empty_rows()
    skipped = 0
    batch: list[Article] = []
    for item in islice(options.read(part.inputs), part.start, part.stop):
        if not isinstance(item, Article):
            rows["errors"].append(error_row(item))
        elif item.id in skip:
            skipped += 1
        else:
            batch.append(item)
            if len(batch) >= options.batch_size:
                _extend(rows, analyse_chunk(batch, options.model, options.mode))
                batch = []
    _extend(rows, analyse_chunk(batch, options.model, options.mode))
    for i, r in enumerate(rows["articles"]):
        r["seq"] = part.index * 1_000_000 + i
    tmp = Path(shard_dir) / f".{shard_name(part)}.{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    for table, table_rows in rows.items():
        pq.write_table(to_arrow(table, table_rows), tmp / f"{table}.parquet")
    counts = {
        "partition": part.index,
        "articles": len(rows["articles"]),
        "errors": len(rows["errors"]),
        "skipped": skipped,
        "words": sum(r["n_words"] for r in rows["articles"]),
    }
    (tmp / "_SUCCESS").write_text(json.dumps(counts))
    try:
        os.replace(tmp, out)
    except OSError:  # another attempt finished first: keep its shard
        shutil.rmtree(tmp, ignore_errors=True)
    return counts


def _partition_failed(store: Store, part: Partition, exc: BaseException, stats: IngestStats) -> None:
    """Store one error for each input of a partition whose task failed, and count them as done."""
    rows = empty_rows()
    for source in part.sources:
        where = f"{source}:{part.start + 1}-{part.stop}" if part.stop is not None else source
        rows["errors"].append(error_row(internal_error(where, exc, "analysing"), "analyse"))
    result = store.write(rows)
    stats.errors += result.errors
    stats.done += part.records if part.records is not None else len(part.inputs)


def _merge(store: Store, shard_dir: Path, counts: dict[str, Any], stats: IngestStats) -> None:
    result = store.merge_partition(shard_dir / f"part-{counts['partition']:06d}")
    stats.written += result.written
    stats.skipped += counts["skipped"] + result.skipped
    stats.errors += result.errors
    stats.words += counts["words"]
    stats.done += counts["articles"] + counts["errors"] + counts["skipped"]


def run_dask(
    sources: Sequence[str],
    store: Store,
    options: IngestOptions,
    *,
    scheduler: str | None,
    workers: int,
    shard_dir: Path,
    keep_shards: bool,
    stats: IngestStats,
    on_progress: Progress | None = None,
) -> IngestStats:
    """Analyse ``sources`` on Dask workers and merge their shards into ``store`` in input order.

    Shards are merged in partition order (a finished one waits for those before it), so the
    store gets the rows, the ``seq`` numbers and the quote clusters a local run gives.
    """
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise UsageError("--engine dask needs dask[distributed]: pip install 'dask[distributed]'") from exc
    dist: Any = distributed  # untyped library
    parts = partitions(sources, size=options.partition_size)
    if all(p.records is not None for p in parts):
        stats.total = sum(p.records or 0 for p in parts)
    skip = frozenset(r[0] for r in store.con.execute("SELECT id FROM articles").fetchall())
    shard_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = dist.Client(scheduler)
    else:
        cluster = dist.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=workers > 1, dashboard_address=None
        )
        client = dist.Client(cluster)
    try:
        [skip_f] = client.scatter([skip], broadcast=True)  # a list of one: scatter splits collections
        futures = [
            client.submit(analyse_partition, p, str(shard_dir), skip_f, options, pure=False) for p in parts
        ]
        part_of = {fut.key: p for fut, p in zip(futures, parts, strict=True)}
        finished: dict[int, dict[str, Any] | BaseException] = {}
        next_index = 0
        for fut in dist.as_completed(futures):
            part = part_of[fut.key]
            try:
                finished[part.index] = fut.result()
            except OnrecordError:  # a missing model, a bad setting: nothing can be analysed
                raise
            except Exception as exc:  # a bug of ours in one partition: its error, not the run's
                finished[part.index] = exc
            fut.release()
            while next_index in finished:
                outcome = finished.pop(next_index)
                if isinstance(outcome, BaseException):
                    _partition_failed(store, parts[next_index], outcome, stats)
                else:
                    _merge(store, shard_dir, outcome, stats)
                next_index += 1
                if on_progress:
                    on_progress(stats)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not keep_shards:
        shutil.rmtree(shard_dir, ignore_errors=True)
    return stats
