"""Scaling of `onrecord ingest`: 1 vs 2 local workers, and a Dask LocalCluster with 2 workers.

Each run ingests the same PolNeAR texts into a fresh store. Two rates are printed: end to end
(including starting workers and loading the pipeline in each), and steady state (articles between
the first and the last commit, over that time: the start-up cost left out). Efficiency is
rate(N workers) / (N x rate(1 worker)).

    .venv/bin/python bench/scaling.py --limit 80 [--mode fast|accurate|rules]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import polnear_files


def one(files: list[Path], db: Path, mode: str, **kw: object) -> tuple[float, float]:
    from onrecord.batch import IngestStats, ingest

    marks: list[tuple[float, int]] = []

    def progress(s: IngestStats) -> None:
        marks.append((time.perf_counter(), s.done))

    t = time.perf_counter()
    stats = ingest([str(f) for f in files], db, mode=mode, on_progress=progress, **kw)  # type: ignore[arg-type]
    total = time.perf_counter() - t
    steady = 0.0
    if len(marks) >= 2 and marks[-1][0] > marks[0][0]:
        steady = (marks[-1][1] - marks[0][1]) / (marks[-1][0] - marks[0][0])
    return stats.done / total, steady


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=80, help="articles (default 80)")
    ap.add_argument("--texts", type=Path, help="folder of .txt articles (default: PolNeAR train)")
    ap.add_argument("--mode", default="fast")
    ap.add_argument("--batch-size", type=int, default=8, help="articles per task (default 8)")
    args = ap.parse_args()
    files = polnear_files(args.limit, args.texts)
    print(f"{len(files)} articles, mode {args.mode}, batch size {args.batch_size}")
    runs = [
        ("local, 1 worker", 1, {"workers": 1, "batch_size": args.batch_size}),
        ("local, 2 workers", 2, {"workers": 2, "batch_size": args.batch_size}),
        (
            "dask LocalCluster, 2 workers",
            2,
            {"engine": "dask", "workers": 2, "partition_size": args.batch_size},
        ),
    ]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, n, kw) in enumerate(runs):
            e2e, steady = one(files, Path(tmp) / f"run{i}.duckdb", args.mode, **kw)
            results.append((name, n, e2e, steady))
    base_e2e, base_steady = results[0][2], results[0][3]
    print(f"{'run':30} {'end-to-end art/s':>17} {'efficiency':>10} {'steady art/s':>13} {'efficiency':>10}")
    for name, n, e2e, steady in results:
        eff1 = e2e / (n * base_e2e) if base_e2e else 0.0
        eff2 = steady / (n * base_steady) if base_steady else 0.0
        print(f"{name:30} {e2e:17.2f} {eff1:10.2f} {steady:13.2f} {eff2:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
