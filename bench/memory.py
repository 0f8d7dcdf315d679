"""Peak memory of `onrecord ingest` on 1,000 vs 10,000 synthetic short articles (flat is the goal).

Each size runs in a fresh subprocess (one JSONL file in, a fresh store out, one worker, in
process) and reports its peak RSS (ru_maxrss).

    .venv/bin/python bench/memory.py [--sizes 1000 10000] [--mode fast|accurate|rules]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import synthetic_text


def child(jsonl: str, db: str, mode: str) -> int:
    from onrecord.batch import ingest

    t = time.perf_counter()
    stats = ingest([jsonl], db, workers=1, mode=mode)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"articles": stats.written, "seconds": time.perf_counter() - t, "peak_mib": peak_kib / 1024}
        )
    )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--mode", default="fast")
    ap.add_argument("--child", nargs=2, metavar=("JSONL", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child, args.mode)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            jsonl = Path(tmp) / f"synthetic-{n}.jsonl"
            with jsonl.open("w", encoding="utf-8") as fh:
                for i in range(n):
                    fh.write(json.dumps({"text": synthetic_text(i), "site": f"outlet{i % 7}.example"}) + "\n")
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--mode",
                    args.mode,
                    "--child",
                    str(jsonl),
                    str(Path(tmp) / f"{n}.duckdb"),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append((n, json.loads(out.stdout.strip().splitlines()[-1])))
            print(f"{n} articles: {results[-1][1]}", flush=True)
    print(f"{'articles':>9} {'stored':>7} {'seconds':>8} {'articles/s':>10} {'peak RSS MiB':>13}")
    for n, r in results:
        print(
            f"{n:9} {r['articles']:7} {r['seconds']:8.1f} {r['articles'] / r['seconds']:10.1f} {r['peak_mib']:13.1f}"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(
            f"peak RSS ratio {b[0]} / {a[0]} articles: {b[1]['peak_mib'] / a[1]['peak_mib']:.2f}x (1.00 = flat)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
