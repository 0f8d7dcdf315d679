"""The Dask engine on a real distributed.LocalCluster on loopback (threads: fast, no network)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from onrecord.batch import ingest
from onrecord.store import Store
from tests.batch.corpus import PROVENANCE, synthetic, write_corpus
from tests.batch.test_local import counts

distributed = pytest.importorskip("distributed")


def test_dask_matches_local_and_resumes(tmp_path: Path, scheduler: str) -> None:
    corpus = write_corpus(tmp_path / "in", PROVENANCE + synthetic(5))
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([str(corpus)], local, workers=1, mode="rules")
    shards = tmp_path / "shards"
    stats = ingest(
        [str(corpus), str(tmp_path / "missing.txt")],
        dask,
        engine="dask",
        scheduler=scheduler,
        mode="rules",
        partition_size=3,
        shard_dir=shards,
        keep_shards=True,
    )
    assert (stats.written, stats.errors, stats.total) == (9, 1, 10)
    assert counts(dask) == dict(counts(local), errors=1)
    # the shards have the store's schema and can be queried in place
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{shards}/*/articles.parquet')").fetchall()[0][0]
    assert n == 9
    with Store(local, read_only=True) as a, Store(dask, read_only=True) as b:
        q = "SELECT count(DISTINCT cluster_id) FROM quotes"
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()
    again = ingest([str(corpus)], dask, engine="dask", scheduler=scheduler, mode="rules", partition_size=3)
    assert (again.written, again.skipped) == (0, 9)
    assert counts(dask) == dict(counts(local), errors=1)


def test_dask_own_local_cluster(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", synthetic(3))
    db = tmp_path / "c.duckdb"
    stats = ingest([str(corpus)], db, engine="dask", workers=1, mode="rules")
    assert stats.written == 3
    assert not Path(str(db) + ".shards").exists()  # merged and removed


def test_dask_bad_inputs_fail_alone(tmp_path: Path, scheduler: str) -> None:
    from tests.batch.hostile import write_hostile

    bad = write_hostile(tmp_path / "in")
    stats = ingest(
        [str(tmp_path / "in")],
        tmp_path / "d.duckdb",
        engine="dask",
        scheduler=scheduler,
        mode="rules",
        partition_size=2,
        shard_dir=tmp_path / "shards",
    )
    assert (stats.written, stats.errors) == (5, bad)
