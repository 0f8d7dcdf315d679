"""Shared helpers of the corpus benchmarks: where the PolNeAR texts are, and synthetic articles."""

from __future__ import annotations

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
