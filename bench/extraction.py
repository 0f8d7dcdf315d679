"""Article-extraction benchmark: plain trafilatura vs onrecord's extractor, 4-gram shingle F1.

Data: ``../shared/data/article-extraction/`` (181 pages ``html/<id>.html.gz`` and
``ground-truth.json`` with each page's ``articleBody``), from the Zyte article-extraction-benchmark.

Metric, as that benchmark's ``evaluate.py`` computes it: each text is tokenised into words
(``\\w+``), every run of 4 consecutive words is a shingle (a text shorter than 4 words is one
shingle; an empty text has none), and shingles are compared as multisets: TP = shared
shingles, FP = predicted only, FN = gold only. Per page, precision = TP/(TP+FP) and recall =
TP/(TP+FN) (1.0 when FP = FN = 0; 0.0 when TP = 0). Precision is averaged over the pages with
a non-empty prediction, recall over the pages with a non-empty gold text, and
F1 = 2PR/(P+R) of those two macro averages. The mean of per-page F1 is printed too.

Run: ``.venv/bin/python bench/extraction.py [--data DIR] [--floor 0.965] [--worst N]``.
Exits 1 if onrecord's F1 falls below ``--floor``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from onrecord.ingest.html import extract

TOKEN = re.compile(r"\w+", re.UNICODE)
DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "article-extraction"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def tp_fp_fn(gold: str, pred: str) -> tuple[int, int, int]:
    g, p = shingles(gold), shingles(pred)
    return sum((g & p).values()), sum((p - g).values()), sum((g - p).values())


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def evaluate(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float | dict[str, float]]:
    counts = {k: tp_fp_fn(gold[k], pred.get(k, "")) for k in gold}
    p = statistics.mean(precision(*c) for c in counts.values() if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts.values() if c[0] + c[2] > 0)
    per_page = {}
    for k, c in counts.items():
        pp, rr = precision(*c), recall(*c)
        per_page[k] = 0.0 if pp + rr == 0 else 2 * pp * rr / (pp + rr)
    return {
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "precision": p,
        "recall": r,
        "page_f1": statistics.mean(per_page.values()),
        "pages": per_page,
    }


def _trafilatura_default(html: bytes) -> str:
    # what the benchmark's own trafilatura runner does: read the page as UTF-8, default options
    return trafilatura.extract(html.decode("utf-8", "replace")) or ""


def _onrecord(html: bytes) -> str:
    ex = extract(html)
    return ex.text if ex is not None else ""


def run(data: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, float]]:
    gold_json = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {k: v.get("articleBody") or "" for k, v in gold_json.items()}
    pages = {k: gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()) for k in sorted(gold)}
    systems: dict[str, Callable[[bytes], str]] = {
        "trafilatura default": _trafilatura_default,
        "onrecord": _onrecord,
    }
    preds: dict[str, dict[str, str]] = {}
    secs: dict[str, float] = {}
    for name, fn in systems.items():
        t0 = time.perf_counter()
        preds[name] = {k: fn(html) for k, html in pages.items()}
        secs[name] = time.perf_counter() - t0
    return gold, preds, secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="article-extraction folder (default ../shared/...)"
    )
    ap.add_argument("--floor", type=float, default=0.965, help="fail (exit 1) if onrecord's F1 is below this")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where onrecord scores lowest")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(
            f"extraction bench: no benchmark data at {args.data} (ground-truth.json missing); pass --data DIR"
        )
        return 2
    gold, preds, secs = run(args.data)
    results = {name: evaluate(gold, p) for name, p in preds.items()}
    print(f"article-extraction benchmark: {len(gold)} pages, 4-gram shingle F1 (macro P/R over pages)")
    print(f"{'system':<22}{'F1':>8}{'P':>8}{'R':>8}{'page F1':>9}{'seconds':>9}")
    for name, res in results.items():
        print(
            f"{name:<22}{res['f1']:>8.4f}{res['precision']:>8.4f}{res['recall']:>8.4f}{res['page_f1']:>9.4f}{secs[name]:>9.1f}"
        )
    ours = results["onrecord"]
    base = results["trafilatura default"]
    print(f"onrecord - trafilatura default: {float(ours['f1']) - float(base['f1']):+.4f} F1")  # type: ignore[arg-type]
    if args.worst:
        pages = ours["pages"]
        assert isinstance(pages, dict)
        for k in sorted(pages, key=pages.__getitem__)[: args.worst]:
            print(
                f"  {k[:16]}  F1 {pages[k]:.3f}  gold {len(gold[k])} chars, ours {len(preds['onrecord'][k])}"
            )
    ok = float(ours["f1"]) >= args.floor  # type: ignore[arg-type]
    print(f"floor {args.floor}: {'ok' if ok else 'BELOW FLOOR'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
