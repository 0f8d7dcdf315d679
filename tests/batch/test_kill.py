"""Faults in the store: ``onrecord ingest`` killed with SIGKILL and re-run gives the clean store;
a second ingest on a DB file another one is writing fails clearly and harms nothing.

Real subprocesses of ``python -m onrecord ingest`` on real DuckDB files (the long version, on real
articles and with all engines, is ``bench/kill_trials.py``).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from onrecord.store import ALL_TABLES
from onrecord.store.explorer_index import TABLES as EXPLORER_TABLES
from tests.batch.corpus import synthetic, write_corpus

TABLES = (*ALL_TABLES, *EXPLORER_TABLES)
WALL_CLOCK = {"articles": {"ingested_at"}, "errors": {"seen_at"}}


def ingest_cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "onrecord",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--mode",
        "rules",
        "-q",
        *extra,
    ]


def _norm(v: Any) -> Any:
    return tuple(_norm(x) for x in v) if isinstance(v, list) else v


def store_rows(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every table's rows (as a multiset), without the wall-clock columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c not in WALL_CLOCK.get(table, set()))
            rows = con.execute(f"SELECT {keep} FROM {table}").fetchall()
            out[table] = Counter(tuple(_norm(v) for v in row) for row in rows)
        return out
    finally:
        con.close()


def assert_same_store(clean: Path, other: Path) -> None:
    a, b = store_rows(clean), store_rows(other)
    differ = [t for t in TABLES if a[t] != b[t]]
    assert not differ, f"tables differ from the clean store: {differ}"


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(corpus, clean store)."""
    root = tmp_path_factory.mktemp("kill")
    corpus = write_corpus(root / "in", synthetic(10))
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # one error row too
    db = root / "clean.duckdb"
    proc = subprocess.run(
        ingest_cmd(corpus, db, "--workers", "1", "--batch-size", "1"), capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr  # 1: the empty file is an error
    assert store_rows(db)["articles"].total() == 10
    return corpus, db


def slow_ingest_cmd(corpus: Path, db: Path) -> list[str]:
    """The ingest, one article per transaction with a pause before each (kills land mid-write)."""
    return [
        sys.executable,
        "-c",
        "import sys, time, onrecord.store.db as d; w = d.Store.write; "
        "d.Store.write = lambda s, r: (time.sleep(0.25), w(s, r))[1]; "
        "from onrecord.cli import main; sys.exit(main(sys.argv[1:]))",
        *ingest_cmd(corpus, db, "--workers", "1", "--batch-size", "1")[3:],
    ]


def wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert path.exists(), f"{path} never appeared"


def stored(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    finally:
        con.close()


@pytest.mark.parametrize("trial", [1, 2])
def test_kill_and_rerun_gives_the_clean_store(clean: tuple[Path, Path], tmp_path: Path, trial: int) -> None:
    corpus, clean_db = clean
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(slow_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(db)  # the store is open: the run is reading, analysing, writing
    time.sleep(random.Random(trial).uniform(0.3, 2.0))
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    assert stored(db) < 10  # interrupted (a partial store, maybe empty)
    rerun = subprocess.run(
        ingest_cmd(corpus, db, "--workers", "1", "--batch-size", "1"), capture_output=True, text=True
    )
    assert rerun.returncode == 1, rerun.stderr
    assert "Traceback" not in rerun.stderr
    assert_same_store(clean_db, db)


def test_second_concurrent_ingest_fails_clearly(clean: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, clean_db = clean
    db = tmp_path / "shared.duckdb"
    first = subprocess.Popen(
        slow_ingest_cmd(corpus, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for(db)
        second = subprocess.run(
            ingest_cmd(corpus, db, "--workers", "1"), capture_output=True, text=True, timeout=60
        )
        assert first.poll() is None, "the first ingest ended before the second one tried"
    finally:
        _, err = first.communicate(timeout=60)
    assert second.returncode != 0, second.stderr
    assert "Traceback" not in second.stderr
    msg = second.stderr.lower()
    assert "lock" in msg and "another onrecord ingest" in msg, second.stderr
    assert first.returncode == 1, err
    assert_same_store(clean_db, db)
