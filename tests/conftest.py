"""Shared test fixtures: where the repo and the shared data live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.models import Report

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED_TEXT = REPO / "examples" / "kopyrkin-interview.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test saying why."""
    p = SHARED.joinpath("data", *parts)
    if not p.exists():
        pytest.skip(f"shared data not found at {p} (tests that need ../shared/data skip elsewhere)")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    """What a careful reader gets out of the seed article (../shared/data/seed/gold.json)."""
    data: dict[str, Any] = json.loads(shared_path("seed", "gold.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def seed_report(seed_text: str) -> Report:
    """The seed article analysed with the default settings (shared by every seed test)."""
    import onrecord

    return onrecord.analyze(seed_text)
