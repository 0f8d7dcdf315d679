"""Shared helpers of the benchmarks: where the PolNeAR texts and the real articles are, synthetic
articles, percentiles."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO / ".." / "shared" / "data" / "polnear" / "train" / "text"


def polnear_files(limit: int, folder: Path | None = None) -> list[Path]:
    root = (folder or POLNEAR).resolve()
    if not root.is_dir():
        sys.exit(f"no PolNeAR texts at {root}: pass --texts DIR (a folder of .txt articles)")
    files = sorted(root.glob("*.txt"))
    return files[:limit] if limit > 0 else files


def synthetic_text(i: int) -> str:
    return (
        f'Mayor Jane Doe said on Tuesday: "Bridge number {i} will reopen in the spring, after repairs." '
        f"Officials said the works cost {i} million dollars, according to sources familiar with the plan. "
        f"Critics reportedly called it a waste. The council will vote on the budget next month."
    )


def rewarm(model: str, mode: str, warm: list[str]) -> None:
    """Forget the words earlier runs taught the pipeline (its memo table of token attributes)
    and warm it up on ``warm`` only, so every timed run starts as a long run on other text would."""
    from onrecord.api import analyze_many
    from onrecord.pipeline import load

    nlp = load(model, mode)
    if "onrecord_token_attrs" in nlp.pipe_names:
        nlp.get_pipe("onrecord_token_attrs").cache.clear()
    list(analyze_many(warm, model=model, mode=mode))


EXTRACTION = REPO / ".." / "shared" / "data" / "article-extraction"


def extraction_articles(folder: Path | None = None) -> list[dict[str, str]]:
    """The real articles of the article-extraction benchmark (``ground-truth.json``): each
    ``articleBody`` with its page's ``url``, read where they lie (never copied into the repo)."""
    truth = (folder or EXTRACTION).resolve() / "ground-truth.json"
    if not truth.is_file():
        sys.exit(f"no real articles at {truth}: pass --articles DIR (a folder with ground-truth.json)")
    gold = json.loads(truth.read_text(encoding="utf-8"))
    return [
        {"text": g["articleBody"], "url": g.get("url") or ""} for g in gold.values() if g.get("articleBody")
    ]


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0-100) of ``values``, nearest rank; NaN when there are none."""
    if not values:
        return float("nan")
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, math.ceil(p / 100 * len(ranked)) - 1))]
