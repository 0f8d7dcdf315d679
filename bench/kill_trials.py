"""Kill -9 trials of ``onrecord ingest``: a killed run, re-run to completion, must give the clean store.

Builds (once) a corpus of real articles (the first N texts of the polnear dev set, a JSONL file of
a few more, a couple of bad inputs), makes one clean store per engine setting, then for each trial
starts the same ingest into a fresh database, sends SIGKILL to it after a seeded random delay
(10-90 % of the clean run's duration), kills what is left of its process group, re-runs the same
command to completion and compares the store with the clean one table by table (every table of
``onrecord.store.ALL_TABLES`` and of the explorer index), ignoring only the wall-clock columns.

Tables are first compared exactly. A table that differs is compared again with the names that
may depend on order replaced by what they name (``seq``/``rank`` dropped, a ``cluster_id`` replaced
by the smallest quote id of its cluster): equal then is a naming difference only, otherwise a
real inconsistency (a row missing, doubled or changed; a cluster split or merged).

    .venv/bin/python bench/kill_trials.py --trials-local 10 --trials-workers2 5 --trials-dask 5
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from onrecord.store import ALL_TABLES
from onrecord.store.explorer_index import TABLES as EXPLORER_TABLES

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
TABLES: tuple[str, ...] = (*ALL_TABLES, *EXPLORER_TABLES)
WALL_CLOCK = {"articles": ("ingested_at",), "errors": ("seen_at",)}
ORDER_NAMES = ("seq", "rank")  # numbers that follow the order articles were stored in


def build_corpus(folder: Path, n_txt: int, n_jsonl: int) -> Path:
    """The corpus folder (made once): real texts, one JSONL file, bad inputs."""
    if (folder / ".done").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(TEXTS.glob("*.txt"))
    if len(files) < n_txt + n_jsonl:
        raise SystemExit(f"need {n_txt + n_jsonl} texts under {TEXTS}, found {len(files)}")
    for f in files[:n_txt]:
        shutil.copy(f, folder / f.name)
    with open(folder / "more.jsonl", "w", encoding="utf-8") as fh:
        for f in files[n_txt : n_txt + n_jsonl]:
            fh.write(json.dumps({"title": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n")
        fh.write('{"text": "a broken line\n')  # bad: not JSON
        fh.write(json.dumps({"body": "no text field"}) + "\n")  # bad: no text
    (folder / "empty.txt").write_text("", encoding="utf-8")  # bad: empty
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)  # bad: not text
    (folder / ".done").write_text("", encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Setting:
    name: str
    flags: tuple[str, ...]


def command(corpus: Path, db: Path, setting: Setting, mode: str) -> list[str]:
    exe = ROOT / ".venv" / "bin" / "onrecord"
    prog = [str(exe)] if exe.exists() else [sys.executable, "-m", "onrecord"]
    return [*prog, "ingest", str(corpus), "--db", str(db), "--mode", mode, "-q", *setting.flags]


def fresh(db: Path) -> None:
    for p in (db, Path(f"{db}.wal"), Path(f"{db}.shards")):
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def run(cmd: list[str]) -> tuple[int, float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return proc.returncode, time.perf_counter() - t0, proc.stderr[-400:]


def kill_after(cmd: list[str], delay: float) -> tuple[int, int]:
    """Start ``cmd``, SIGKILL it after ``delay`` s; returns (its exit status, orphans then killed)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        rc = proc.wait(timeout=delay)  # finished before the kill
        return rc, 0
    except subprocess.TimeoutExpired:
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.5)
    orphans = 0
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            if os.getpgid(int(pid_dir.name)) == proc.pid:
                orphans += 1
        except OSError:
            continue
    if orphans:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.5)
    return proc.returncode, orphans


def _norm(value: Any) -> Any:
    return tuple(_norm(v) for v in value) if isinstance(value, list) else value


def table_rows(con: duckdb.DuckDBPyConnection, table: str, canonical: bool) -> Counter[tuple[Any, ...]]:
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    drop = set(WALL_CLOCK.get(table, ()))
    if canonical:
        drop |= set(ORDER_NAMES)
    keep = [c for c in cols if c not in drop]
    if canonical and "cluster_id" in keep:
        # a cluster is named by its founding quote, which can depend on order: name it by its members
        sel = ", ".join("cn.canon" if c == "cluster_id" else f't."{c}"' for c in keep)
        query = (
            f"SELECT {sel} FROM {table} t LEFT JOIN (SELECT cluster_id AS cid, min(quote_id) AS canon "
            "FROM quotes GROUP BY 1) cn ON cn.cid = t.cluster_id"
        )
    else:
        quoted = ", ".join(f'"{c}"' for c in keep)
        query = f"SELECT {quoted} FROM {table}"
    if canonical and table == "meta":
        query += " WHERE key NOT LIKE '%_seq'"
    return Counter(tuple(_norm(v) for v in row) for row in con.execute(query).fetchall())


def compare(clean: Path, other: Path) -> str:
    """'equal', 'equal up to seq/cluster names (T, ...)', or what differs table by table."""
    a = duckdb.connect(str(clean), read_only=True)
    b = duckdb.connect(str(other), read_only=True)
    try:
        renamed, differ = [], []
        for table in TABLES:
            if table_rows(a, table, False) == table_rows(b, table, False):
                continue
            ca, cb = table_rows(a, table, True), table_rows(b, table, True)
            if ca == cb:
                renamed.append(table)
            else:
                only_a, only_b = sum((ca - cb).values()), sum((cb - ca).values())
                differ.append(f"{table}(-{only_a}/+{only_b} of {sum(ca.values())})")
    finally:
        a.close()
        b.close()
    if differ:
        return "DIFFER: " + " ".join(differ)
    return f"equal up to order names ({', '.join(renamed)})" if renamed else "equal"


def stored_at_kill(db: Path) -> int:
    """Articles in the killed run's store (-1: no readable store yet)."""
    if not db.exists():
        return -1
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return -1
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
    except duckdb.Error:
        return -1
    finally:
        con.close()


def shard_leftovers(db: Path) -> int:
    shards = Path(f"{db}.shards")
    return sum(1 for p in shards.rglob("*") if p.is_file()) if shards.exists() else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials-local", type=int, default=10)
    ap.add_argument("--trials-workers2", type=int, default=5)
    ap.add_argument("--trials-dask", type=int, default=5)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--n-txt", type=int, default=48)
    ap.add_argument("--n-jsonl", type=int, default=6)
    ap.add_argument("--mode", default="rules")
    ap.add_argument("--batch-size", type=int, default=8, help="articles per transaction (more kill points)")
    ap.add_argument("--partition-size", type=int, default=8, help="articles per Dask shard")
    ap.add_argument("--work", type=Path, default=Path("/tmp/onrecord-kill-trials"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    corpus = build_corpus(args.work / "corpus", args.n_txt, args.n_jsonl)
    batch = ("--batch-size", str(args.batch_size))
    settings = [
        (Setting("local", ("--workers", "1", *batch)), args.trials_local),
        (Setting("workers2", ("--workers", "2", *batch)), args.trials_workers2),
        (
            Setting(
                "dask",
                ("--engine", "dask", "--workers", "2", *batch, "--partition-size", str(args.partition_size)),
            ),
            args.trials_dask,
        ),
    ]
    rows: list[tuple[str, int, float, int, int, str, str, int, int]] = []
    cleans: dict[str, Path] = {}
    for setting, n in settings:
        if n <= 0:
            continue
        clean = args.work / f"clean-{setting.name}.duckdb"
        fresh(clean)
        cmd = command(corpus, clean, setting, args.mode)
        rc_clean, took, err = run(cmd)
        if rc_clean not in (0, 1):
            raise SystemExit(f"clean {setting.name} run failed ({rc_clean}): {err}")
        cleans[setting.name] = clean
        print(f"clean {setting.name}: {took:.1f}s, exit {rc_clean}", flush=True)
        for trial in range(1, n + 1):
            db = args.work / f"trial-{setting.name}-{trial}.duckdb"
            fresh(db)
            tcmd = command(corpus, db, setting, args.mode)
            delay = rng.uniform(0.1, 0.9) * took
            killed_rc, orphans = kill_after(tcmd, delay)
            at_kill, shards_at_kill = stored_at_kill(db), shard_leftovers(db)
            rc, _, err = run(tcmd)
            ok = "yes" if rc == rc_clean else f"NO ({rc}: {err.strip().splitlines()[-1:]})"
            verdict = compare(clean, db)
            note = "" if killed_rc == -signal.SIGKILL else f" [finished before kill, exit {killed_rc}]"
            rows.append(
                (
                    setting.name,
                    trial,
                    delay,
                    at_kill,
                    shards_at_kill,
                    ok,
                    verdict + note,
                    orphans,
                    shard_leftovers(db),
                )
            )
            print(f"  {setting.name} #{trial}: killed after {delay:.1f}s -> {verdict}{note}", flush=True)
            fresh(db)
    names = list(cleans)
    for other in names[1:]:
        print(f"clean {names[0]} vs clean {other}: {compare(cleans[names[0]], cleans[other])}")
    head = ("engine", "trial", "killed s", "stored", "shards", "orphans", "rerun ok", "leftover", "tables")
    print("\n{:<9} {:>5} {:>8} {:>6} {:>6} {:>7} {:<8} {:>8}  {}".format(*head))
    for name, trial, delay, at_kill, shards_at, ok, verdict, orphans, left in rows:
        print(
            f"{name:<9} {trial:>5} {delay:>8.1f} {at_kill:>6} {shards_at:>6} {orphans:>7} "
            f"{ok:<8} {left:>8}  {verdict}"
        )
    print("(stored/shards: articles in the store and shard files when killed, -1: no store yet;")
    print(
        " orphans: worker processes alive after the kill, then killed; leftover: shard files after the re-run)"
    )
    n_equal = sum(1 for r in rows if r[6].startswith("equal"))
    print(f"\n{n_equal}/{len(rows)} re-run stores equal to the clean one")
    return 0 if n_equal == len(rows) and all(r[5] == "yes" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
