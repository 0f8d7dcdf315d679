"""The local engine end to end: real files in, a real DuckDB store out."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.batch import IngestStats, ingest
from onrecord.batch.sources import estimate_total, partitions
from onrecord.errors import ModelNotFoundError, UsageError
from onrecord.store import Store
from tests.batch.corpus import PROVENANCE, synthetic, write_corpus

TABLES = ("articles", "attributions", "speakers", "sentences", "quotes", "errors")


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        return {t: s.count(t) for t in TABLES}


def test_ingest_resume_and_errors(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", synthetic(12))
    db = tmp_path / "c.duckdb"
    seen: list[IngestStats] = []
    stats = ingest(
        [str(corpus), str(tmp_path / "missing.txt")],
        db,
        workers=1,
        mode="rules",
        batch_size=5,
        on_progress=lambda s: seen.append(s),
    )
    assert (stats.written, stats.skipped, stats.errors, stats.total) == (12, 0, 1, 13)
    assert len(seen) >= 3 and seen[-1].done == 13
    first = counts(db)
    assert first["articles"] == 12 and first["errors"] == 1 and first["attributions"] >= 12
    again = ingest([str(corpus)], db, workers=1, mode="rules")
    assert (again.written, again.skipped) == (0, 12)
    assert counts(db) == first


def test_two_workers_match_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", PROVENANCE + synthetic(6))
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([str(corpus)], one, workers=1, mode="rules", batch_size=3)
    stats = ingest([str(corpus)], two, workers=2, mode="rules", batch_size=3)
    assert stats.written == 10
    assert counts(one) == counts(two)
    q = "SELECT quote_id, cluster_id FROM quotes ORDER BY 1"
    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()


def test_missing_model_stops_the_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", synthetic(2))
    with pytest.raises(ModelNotFoundError):
        ingest([str(corpus)], tmp_path / "c.duckdb", workers=1, model="no_such_spacy_model")


@pytest.mark.parametrize(
    "kwargs", [{"engine": "spark"}, {"workers": 0}, {"batch_size": 0}, {"scheduler": "tcp://127.0.0.1:1"}]
)
def test_usage_errors(tmp_path: Path, kwargs: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        ingest([str(tmp_path)], tmp_path / "c.duckdb", **kwargs)  # type: ignore[arg-type]


def test_estimate_and_partitions(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", synthetic(5))
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text("".join(f'{{"text": "t{i}"}}\n' for i in range(7)))
    assert estimate_total([str(corpus), str(jsonl)]) == 12
    (tmp_path / "x.warc.gz").write_bytes(b"")
    assert estimate_total([str(tmp_path / "x.warc.gz")]) is None  # WARC records are not counted
    assert estimate_total([str(tmp_path / "missing.warc.gz")]) == 1  # its one error
    parts = partitions([str(corpus), str(jsonl)], size=3)
    assert [(len(p.inputs), p.start, p.stop, p.records) for p in parts] == [
        (3, 0, None, 3),
        (2, 0, None, 2),
        (1, 0, 3, 3),
        (1, 3, 6, 3),
        (1, 6, 7, 1),
    ]
    assert [p.index for p in parts] == [0, 1, 2, 3, 4]
    with pytest.raises(UsageError):
        partitions(["-"])


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_inputs_fail_alone(tmp_path: Path, workers: int) -> None:
    from tests.batch.hostile import write_hostile

    bad = write_hostile(tmp_path / "in")
    db = tmp_path / "c.duckdb"
    stats = ingest([str(tmp_path / "in")], db, workers=workers, mode="rules", batch_size=2)
    assert (stats.written, stats.errors) == (5, bad)
    with Store(db, read_only=True) as s:
        reasons = sorted(r[0] for r in s.con.execute("SELECT reason FROM errors").fetchall())
    assert reasons[0].startswith("JSON nested more than") and "more than the 1,000,000" in reasons[1]
