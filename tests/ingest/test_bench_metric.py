"""The extraction benchmark's metric (bench/extraction.py), checked on small tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extraction", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("gold", "pred", "counts"),
    [
        ("a b c d e", "a b c d e", (2, 0, 0)),
        ("a b c d e", "", (0, 0, 2)),
        ("", "a b c d", (0, 1, 0)),
        ("one two", "one two", (1, 0, 0)),  # shorter than 4 words: one shingle
        ("a b c d e", "a, b; c d! x", (1, 1, 1)),  # punctuation is not a token
        ("a b c d a b c d", "a b c d", (1, 0, 4)),  # shingles are a multiset
    ],
)
def test_tp_fp_fn(bench: ModuleType, gold: str, pred: str, counts: tuple[int, int, int]) -> None:
    assert bench.tp_fp_fn(gold, pred) == counts


def test_macro_scores(bench: ModuleType) -> None:
    gold = {"p1": "a b c d e", "p2": "f g h i j", "p3": "k l m n o"}
    pred = {"p1": "a b c d e", "p2": "", "p3": "k l m n o z y x w"}
    res = bench.evaluate(gold, pred)
    # precision over the pages with a prediction: (1 + 2/6) / 2; recall over all three: (1 + 0 + 1) / 3
    p, r = (1 + 2 / 6) / 2, 2 / 3
    assert res["precision"] == pytest.approx(p)
    assert res["recall"] == pytest.approx(r)
    assert res["f1"] == pytest.approx(2 * p * r / (p + r))
