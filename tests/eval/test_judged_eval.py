"""Judged attributions (genuine or spurious) and judged sentences (editorial, hearsay): matching,
the CLI, and the evaluation gate on the hand-judged real-news sets where ../shared is present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.eval.attributions import JudgedItem, match
from onrecord.eval.judged_run import evaluate_judged
from onrecord.eval.realnews import gold_kind
from onrecord.models import Attribution, Span
from tests.conftest import REPO, shared_path

REALNEWS = REPO / "tests" / "data" / "realnews"
TEXT = "Berg said the plant would reopen. The firm shelved its plans. “It is over,” she added."


def _attribution(cue: tuple[int, int] | None, content: tuple[int, int]) -> Attribution:
    return Attribution(
        id="A1",
        cue=Span.of(TEXT, *cue) if cue else None,
        content=Span.of(TEXT, *content),
    )


ITEMS = [
    JudgedItem(cue=(5, 9), content=(10, 32), verdict="genuine", act="speech", why=None),
    JudgedItem(cue=(43, 50), content=(51, 60), verdict="spurious", act=None, why="action"),
    JudgedItem(cue=None, content=(62, 72), verdict="genuine", act="speech", why=None),
]


@pytest.mark.parametrize(
    ("cue", "content", "expected"),
    [
        ((5, 9), (10, 32), 0),  # same cue
        ((5, 14), (15, 32), 0),  # a wider cue that overlaps the judged one
        ((43, 50), (51, 60), 1),
        (None, (62, 72), 2),  # no cue: by content start
        (None, (63, 70), 2),  # no cue: by content overlap
        ((34, 37), (38, 42), None),  # nothing judged there
    ],
)
def test_match(cue: tuple[int, int] | None, content: tuple[int, int], expected: int | None) -> None:
    got = match(_attribution(cue, content), ITEMS)
    assert (ITEMS.index(got) if got is not None else None) == expected


def test_gold_kind_tells_the_judged_sets_apart() -> None:
    assert gold_kind(REALNEWS / "speakers") == "speakers"
    assert gold_kind(REALNEWS / "attributions") == "attributions"
    assert gold_kind(REALNEWS / "sourcing") == "sourcing"
    assert gold_kind(REPO / "src") is None


def _tiny(tmp_path: Path) -> tuple[Path, Path]:
    text = "Anna Berg said the plant would reopen. Why would anyone believe her? She is always wrong."
    (tmp_path / "articles.json").write_text(json.dumps({"doc1": {"articleBody": text}}), encoding="utf-8")
    att = tmp_path / "attributions"
    att.mkdir()
    cue = text.index("said")
    att.joinpath("doc1.json").write_text(
        json.dumps(
            {
                "article": "doc1",
                "split": "dev",
                "items": [
                    {
                        "cue": [cue, cue + 4, "said"],
                        "content": [cue + 5, cue + 34, "the plant"],
                        "verdict": "genuine",
                        "act": "speech",
                        "why": None,
                        "note": None,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    src = tmp_path / "sourcing"
    src.mkdir()
    src.joinpath("doc1.json").write_text(
        json.dumps(
            {
                "article": "doc1",
                "split": "dev",
                "genre": "opinion",
                "sentences": 3,
                "editorial": [{"snippet": "Why would anyone believe her?"}],
                "hearsay": [],
            }
        ),
        encoding="utf-8",
    )
    return att, src


def test_judged_attributions_and_sentences_score(tmp_path: Path) -> None:
    att, src = _tiny(tmp_path)
    a = evaluate_judged("attributions", att, articles=tmp_path / "articles.json").scores.as_dict()
    assert a["genuine"] == 1 and a["spurious"] == 0 and a["genuine_kept"] == 1.0
    run = evaluate_judged("sourcing", src, articles=tmp_path / "articles.json").scores
    s = run.as_dict()
    assert s["editorial_gold"] == 1 and s["hearsay_chains"] == 0
    # --errors lists each editorial sentence missed and each one labelled editorial wrongly
    assert sum(1 for _, what, _ in run.missed if what == "editorial") == run.editorial["fn"]
    assert sum(1 for _, what, _ in run.missed if what == "not-edit") == run.editorial["fp"]


def test_cli_dispatches_by_folder(tmp_path: Path) -> None:
    att, src = _tiny(tmp_path)
    for folder, key in ((att, "attributions"), (src, "sourcing")):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "onrecord",
                "eval",
                str(folder),
                "--articles",
                str(tmp_path / "articles.json"),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert key in json.loads(out.stdout)


def test_a_snippet_not_in_the_article_is_named(tmp_path: Path) -> None:
    _, src = _tiny(tmp_path)
    src.joinpath("doc1.json").write_text(
        json.dumps(
            {"article": "doc1", "split": "dev", "editorial": [{"snippet": "not there"}], "hearsay": []}
        ),
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "onrecord", "eval", str(src), "--articles", str(tmp_path / "articles.json")],
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "not there" in out.stderr and "doc1.json" in out.stderr


def test_gate_on_real_news_dev() -> None:
    """Floors a change may not go below (fast mode, dev split; measured figures in the README)."""
    articles = shared_path("article-extraction", "ground-truth.json")
    full = evaluate_judged(
        "attributions", REALNEWS / "attributions", articles=articles, split="dev"
    ).scores.as_dict()
    view = evaluate_judged(
        "attributions", REALNEWS / "attributions", articles=articles, split="dev", statements=True
    ).scores.as_dict()
    assert full["unjudged"] <= 0.05 * full["predicted"], "re-judge new predictions (GUIDE-attributions.md)"
    assert full["spurious_share"] <= 0.17 and full["genuine_kept"] >= 0.85
    assert view["spurious_share"] <= 0.08 and view["genuine_kept"] >= 0.79
    assert full["act_accuracy"] >= 0.85
    s = evaluate_judged("sourcing", REALNEWS / "sourcing", articles=articles, split="dev").scores.as_dict()
    assert s["hearsay_recall"] >= 0.65
    assert s["editorial_precision"] >= 0.6 and s["editorial_recall"] >= 0.38
