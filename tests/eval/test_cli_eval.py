"""``onrecord eval`` through the real console entry point, on corpora written to tmp_path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.eval import evaluate, read_corpus
from tests.conftest import shared_path

ONRECORD = [sys.executable, "-m", "onrecord"]

TEXT = "Officials said that the plan was dead.\n\n“It is over,” she said, “for now.”\n"
ANN_A = (
    "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 37\tthat the plan was dead\n"
    "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tContent 41 51;65 72\tIt is over for now\nT6\tSource 54 57\tshe\nT7\tCue 58 62\tsaid\n"
    "T8\tAttribution 58 62\tsaid\nE2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
)
ANN_B = "T1\tSource 0 9\tOfficials\n"  # a second annotator's file: not used


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ONRECORD, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    split = tmp_path / "gold" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc_one.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "doc_one_aaaa.ann").write_text(ANN_A, encoding="utf-8")
    (split / "attributions" / "doc_one_bbbb.ann").write_text(ANN_B, encoding="utf-8")
    return tmp_path / "gold"


def test_first_annotator_file_is_read(corpus: Path) -> None:
    docs = list(read_corpus(corpus, "dev"))
    assert [d.name for d in docs] == ["doc_one"]
    assert len(docs[0].spans["content"]) == 2 and len(docs[0].attributions) == 2


@pytest.mark.parametrize("mode", ["rules", "fast"])
def test_eval_json(corpus: Path, mode: str) -> None:
    res = run("eval", str(corpus), "--split", "dev", "--format", "json", "--mode", mode)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["documents"] == 1 and out["mode"] == mode
    for part in ("token", "exact_span"):
        assert set(out[part]) == {"source", "cue", "content"}
        for role in out[part].values():
            assert 0.0 <= role["f1"] <= 1.0 and role["n_gold"] >= 2
    assert out["relation"]["n_gold"] == 2
    assert out["token"]["content"]["n_gold"] == 10


def test_eval_text(corpus: Path) -> None:
    res = run("eval", str(corpus / "dev"), "--mode", "rules")
    assert res.returncode == 0, res.stderr
    assert "token F1" in res.stdout and "exact F1" in res.stdout and "relation recall" in res.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["eval", "{corpus}"], "--split with one of: dev"),
        (["eval", "{corpus}", "--split", "test"], "expected text/ and attributions/"),
        (["eval", "{corpus}/nowhere"], "expected text/ and attributions/"),
        (["eval", "{corpus}", "--split", "dev", "--limit", "0"], "--limit"),
        (["eval", "{corpus}", "--split", "dev", "--mode", "slow"], "invalid choice"),
    ],
)
def test_eval_usage_errors(corpus: Path, args: list[str], needle: str) -> None:
    res = run(*[a.format(corpus=corpus) for a in args])
    assert res.returncode == 2
    assert needle in res.stderr


def test_eval_polnear_dev_slice() -> None:
    root = shared_path("polnear")
    result = evaluate(root, "dev", limit=3)
    d = result.as_dict()
    assert d["documents"] == 3 and d["words"] > 300
    assert d["relation"]["n_gold"] > 10
    assert result.token["content"].f1 > 0.5
