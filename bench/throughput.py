"""Throughput of `onrecord ingest` vs plain spaCy `nlp.pipe` and spaCy + textacy direct_quotations.

All runs use the same spaCy model over the same PolNeAR train texts, in one process, one after the
other, pipelines loaded (and warmed) before timing. Ratios are speed relative to plain nlp.pipe
(> 1.0 is faster).

    .venv/bin/python bench/throughput.py --limit 100 [--mode fast|accurate|rules]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import polnear_files, rewarm


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=100, help="articles (default 100; 0 = all 840)")
    ap.add_argument("--texts", type=Path, help="folder of .txt articles (default: PolNeAR train)")
    ap.add_argument("--mode", default="fast", help="onrecord analysis mode (default fast)")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    import spacy

    from onrecord.api import DEFAULT_MODEL, analyze_many
    from onrecord.batch import ingest

    files = polnear_files(args.limit, args.texts)
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    print(f"{n} articles, {words} words, model {DEFAULT_MODEL}, onrecord mode {args.mode}")

    # pipelines loaded and warmed up on 20 other articles first, as in a long run
    warm = [f.read_text(encoding="utf-8") for f in polnear_files(len(files) + 20, args.texts)[len(files) :]]
    nlp = spacy.load(DEFAULT_MODEL)
    list(nlp.pipe(warm or texts[:3]))
    rewarm(DEFAULT_MODEL, args.mode, warm or texts[:3])
    rows: list[tuple[str, float]] = []
    rows.append(("spaCy nlp.pipe (plain)", timed(lambda: list(nlp.pipe(texts, batch_size=args.batch_size)))))
    try:
        from textacy.extract.triples import direct_quotations

        bailed = 0

        def textacy_run() -> None:
            nonlocal bailed
            for doc in nlp.pipe(texts, batch_size=args.batch_size):
                try:
                    list(direct_quotations(doc))
                except ValueError:  # textacy bails out on unbalanced quotation marks
                    bailed += 1

        rows.append(("spaCy + textacy direct_quotations", timed(textacy_run)))
        print(f"(textacy bailed out on {bailed} of {n} articles: unbalanced quotation marks)")
    except ImportError:
        print("textacy is not installed (pip install textacy): baseline skipped")
    rows.append(
        (
            "onrecord analyze_many (no store)",
            timed(lambda: list(analyze_many(texts, mode=args.mode, batch_size=args.batch_size))),
        )
    )
    rewarm(DEFAULT_MODEL, args.mode, warm or texts[:3])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        rows.append(
            (
                "onrecord ingest --workers 1 (DuckDB)",
                timed(
                    lambda: ingest(
                        [str(f) for f in files], db, workers=1, mode=args.mode, batch_size=args.batch_size
                    )
                ),
            )
        )
    base = rows[0][1]
    print(f"{'run':38} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'speed vs nlp.pipe':>18}")
    for name, secs in rows:
        print(f"{name:38} {secs:8.2f} {n / secs:11.1f} {words / secs:9.0f} {base / secs:17.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
