"""Speaker scoring (``onrecord eval`` on quote -> speaker gold): matching rules, both gold formats,
and the evaluation gate on the GUM and hand-judged real-news sets where ../shared is present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.eval.speaker_run import evaluate_speakers
from onrecord.eval.speakers import name_matches, read_gold, role_matches
from tests.conftest import REPO, shared_path

REALNEWS = REPO / "tests" / "data" / "realnews" / "speakers"


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Jonathan Stan", ["Jonathan M. Stan"], True),
        ("Mr. Volker", ["Kurt Volker", "Volker"], True),
        ("the Jordanian government", ["Jordanian government"], True),
        ("Volker", ["Kurt Volker"], False),
        ("Hosting Cook", ["Tim Cook", "Cook"], False),
    ],
)
def test_name_matches(predicted: str, gold: list[str], expected: bool) -> None:
    assert name_matches(predicted, gold) is expected


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Russian Ambassador to Armenia", "ambassador", True),
        ("senior military analyst at Stratfor", "senior military analyst", True),
        ("official", "spokeswoman", False),
        (None, "senator", False),
    ],
)
def test_role_matches(predicted: str | None, gold: str, expected: bool) -> None:
    assert role_matches(predicted, gold) is expected


def _gum_gold(tmp_path: Path) -> Path:
    text = 'Anna Berg visited the plant. "We will reopen it," Berg said.\n'
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d1.txt").write_text(text, encoding="utf-8")
    start = text.index("We will")
    quote = {
        "start": start,
        "end": start + len("We will reopen it,"),
        "text": "We will reopen it,",
        "speaker": "Anna Berg",
        "speaker_aliases": ["Berg"],
        "speaker_named": True,
        "evaluable": True,
    }
    gold = {"docs": [{"id": "d1", "genre": "news", "file": "docs/d1.txt", "quotes": [quote]}]}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_gum_format_through_the_cli(tmp_path: Path) -> None:
    folder = _gum_gold(tmp_path)
    res = subprocess.run(
        [sys.executable, "-m", "onrecord", "eval", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)["speakers"]
    assert out["quotes"] == 1 and out["right"] == 1 and out["end_to_end"] == 1.0


def test_realnews_needs_the_article_texts(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"article": "x", "quotes": []}), encoding="utf-8")
    with pytest.raises(InputError, match="--articles"):
        read_gold(tmp_path)


def test_realnews_snippet_must_be_in_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"article": "x", "quotes": [{"snippet": "not there", "speaker": None}]}), encoding="utf-8"
    )
    texts = tmp_path / "texts" / "bodies.json"
    texts.parent.mkdir()
    texts.write_text(json.dumps({"x": {"articleBody": "Some text."}}), encoding="utf-8")
    with pytest.raises(InputError, match="snippet not in the article text"):
        read_gold(tmp_path, articles=texts)


def test_every_realnews_snippet_is_found_once() -> None:
    bodies = json.loads(shared_path("article-extraction", "ground-truth.json").read_text(encoding="utf-8"))
    files = sorted(REALNEWS.glob("*.json"))
    assert len(files) >= 50
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        body = bodies[d["article"]]["articleBody"]
        for q in d["quotes"]:
            assert body.count(q["snippet"]) >= 1, (f.name, q["snippet"])


# The gate: the figures this session measured, a little below, so that a change that makes
# speakers worse fails the build (the held-out half of the real-news set is not gated here).
GATES = [
    ("gum", "train-news", 0.93),
    # 80 dev articles since 2026-12-03 (0.817: the 10 last added are aggregator pages and opinion
    # with many vague sources, 0.395 when added); the 52 before them: 0.856
    ("realnews", "dev", 0.80),
]


@pytest.mark.parametrize(("kind", "part", "floor"), GATES)
def test_speaker_accuracy_gate(kind: str, part: str, floor: float) -> None:
    if kind == "gum":
        result = evaluate_speakers(shared_path("gum", "quotes", part))
    else:
        texts = shared_path("article-extraction", "ground-truth.json")
        result = evaluate_speakers(REALNEWS, articles=texts, split=part)
    figures = result.scores.as_dict()
    assert figures["end_to_end"] >= floor, figures
