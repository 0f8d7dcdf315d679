"""``onrecord ingest / query / export`` through the real entry point, in real subprocesses."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord.store import Store
from tests.batch.corpus import PROVENANCE, STATEMENT, synthetic, write_corpus

ONRECORD = [sys.executable, "-m", "onrecord"]
TABLES = (
    "articles",
    "attributions",
    "speakers",
    "sentences",
    "markers",
    "quotes",
    "quote_bands",
    "errors",
    "people",
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ONRECORD, *args], capture_output=True, text=True, timeout=600)


def snapshot(db: Path) -> dict[str, object]:
    with Store(db, read_only=True) as s:
        out: dict[str, object] = {t: s.count(t) for t in TABLES}
        q = s.con.execute
        out["dup_articles"] = q("SELECT count(*) - count(DISTINCT id) FROM articles").fetchall()[0][0]
        out["dup_attributions"] = q(
            "SELECT count(*) - count(DISTINCT (article_id, id)) FROM attributions"
        ).fetchall()[0][0]
        out["dup_sentences"] = q(
            "SELECT count(*) - count(DISTINCT (article_id, idx)) FROM sentences"
        ).fetchall()[0][0]
        out["seq"] = q("SELECT min(seq), max(seq), count(DISTINCT seq) FROM articles").fetchall()
        out["clusters"] = q("SELECT quote_id, cluster_id FROM quotes ORDER BY 1").fetchall()
        out["ids"] = q("SELECT id FROM articles ORDER BY id").fetchall()
    return out


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", synthetic(300))
    missing = str(tmp_path / "missing.txt")
    common = ["--workers", "1", "--mode", "rules", "--batch-size", "5", "--quiet"]
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [*ONRECORD, "ingest", str(corpus), missing, "--db", str(killed), *common],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if " stored," in line and (stored := int(line.split(": ")[2].split(" stored")[0])) >= 20:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 20 <= stored < 300, "the run must be killed in the middle"
    partial = snapshot(killed)
    assert 20 <= partial["articles"] < 300  # type: ignore[operator]
    assert partial["dup_articles"] == 0

    resumed = run("ingest", str(corpus), missing, "--db", str(killed), *common)
    assert resumed.returncode == 1, resumed.stderr  # the missing input is an error
    assert f"skipped {partial['articles']} already stored" in resumed.stderr

    clean = tmp_path / "clean.duckdb"
    res = run("ingest", str(corpus), missing, "--db", str(clean), *common)
    assert res.returncode == 1, res.stderr
    after, reference = snapshot(killed), snapshot(clean)
    assert after == reference
    assert after["articles"] == 300 and after["errors"] == 1
    assert after["dup_attributions"] == after["dup_sentences"] == 0


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    corpus = write_corpus(root / "in", PROVENANCE)
    db = root / "c.duckdb"
    res = run("ingest", str(corpus), "--db", str(db), "--workers", "1", "--mode", "rules")
    assert res.returncode == 0, res.stderr
    assert "stored 4 new articles" in res.stderr
    return db


def test_query_speakers_json(db: Path) -> None:
    res = run("query", "--db", str(db), "speakers", "--format", "json")
    assert res.returncode == 0, res.stderr
    people = {p["name"]: p for p in json.loads(res.stdout)}
    assert (
        people["Nikol Pashinyan"]["quotes"] == 3
    )  # "Nikol Pashinyan", "Pashinyan", "Armenian PM Nikol Pashinyan"
    assert "Ilham Aliyev" in people


@pytest.mark.parametrize(("speaker", "n"), [("Pashinyan", 3), ("Aliyev", 1), ("Nobody", 0)])
def test_query_quotes_by_speaker_csv(db: Path, speaker: str, n: int) -> None:
    res = run("query", "--db", str(db), "quotes", "--speaker", speaker, "--kind", "direct", "-f", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == n


def test_query_provenance_json(db: Path) -> None:
    res = run("query", "--db", str(db), "provenance", STATEMENT, "--format", "json")
    assert res.returncode == 0, res.stderr
    [cluster] = json.loads(res.stdout)
    assert cluster["articles"] == 4 and cluster["earliest"]["source"].endswith("a00000.txt")
    kinds = sorted(tuple(v["kinds"]) for v in cluster["variants"])
    assert kinds == [(), ("exact", "different speaker credited"), ("misquote",), ("trimmed",)]


@pytest.mark.parametrize("what", [["sources", "--by", "month"], ["provenance"], ["sql", "SELECT 42 AS x"]])
def test_query_tables(db: Path, what: list[str]) -> None:
    res = run("query", "--db", str(db), *what)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip()


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export(db: Path, tmp_path: Path, fmt: str) -> None:
    res = run("export", "--db", str(db), "--format", fmt, str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / f"articles.{fmt}").stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["query", "sql"], 2),
        (["export", "--format", "xlsx", "out"], 2),
    ],
)
def test_usage_errors(db: Path, args: list[str], code: int) -> None:
    res = run(*args[:1], "--db", str(db), *args[1:])
    assert res.returncode == code, res.stderr


def test_query_missing_store(tmp_path: Path) -> None:
    res = run("query", "--db", str(tmp_path / "none.duckdb"), "speakers")
    assert res.returncode == 1 and "onrecord ingest" in res.stderr
