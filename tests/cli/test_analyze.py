"""The analyze command through the real console entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_TEXT

ONRECORD = [sys.executable, "-m", "onrecord"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ONRECORD, *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_version() -> None:
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith("onrecord ")


@pytest.mark.parametrize("args", [[], ["analyze"], ["analyze", "x.txt", "--format", "pdf"], ["nope"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    res = run(*args)
    assert res.returncode == 2, res.stderr


def test_many_inputs_as_jsonl_with_paths_and_failures(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("“We will win,” the mayor said.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("The council said that taxes would rise.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    res = run("analyze", str(a), str(missing), str(b), "--format", "jsonl")
    assert res.returncode == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(a), str(b)]
    assert all("attributions" in line for line in lines)
    assert str(missing) in res.stderr
    assert "Traceback" not in res.stderr


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    res = run("analyze", "-", "-o", str(out), "--format", "json", stdin="“Yes,” she said.")
    assert res.returncode == 0, res.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["article"]["text"] == "“Yes,” she said."


@pytest.mark.parametrize(("fmt", "needle"), [("md", "Kopyrkin"), ("html", "<html"), ("text", "Kopyrkin")])
def test_seed_in_every_readable_format(fmt: str, needle: str, tmp_path: Path) -> None:
    res = run("analyze", str(SEED_TEXT), "--format", fmt)
    assert res.returncode == 0, res.stderr
    assert needle in res.stdout


@pytest.mark.parametrize(("extra", "shown"), [((), False), (("--sentences",), True)])
def test_sentence_view_only_with_the_flag(extra: tuple[str, ...], shown: bool) -> None:
    res = run("analyze", str(SEED_TEXT), "--format", "text", *extra)
    assert res.returncode == 0, res.stderr
    assert "Attributions (" in res.stdout and ("Sentence by sentence" in res.stdout) == shown


def test_bad_model_is_one_clear_line() -> None:
    res = run("analyze", str(SEED_TEXT), "--model", "no_such_pipeline_xyz", "--format", "json")
    assert res.returncode != 0
    assert "no_such_pipeline_xyz" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize(("debug", "traceback_shown"), [([], False), (["--debug"], True)])
def test_each_bad_input_fails_alone(tmp_path: Path, debug: list[str], traceback_shown: bool) -> None:
    from tests.batch.hostile import GOOD, write_hostile

    write_hostile(tmp_path / "in")
    res = run(*debug, "analyze", str(tmp_path / "in"), "--format", "jsonl")
    assert res.returncode == 1, res.stderr
    texts = [json.loads(line)["article"]["text"] for line in res.stdout.splitlines()]
    assert [t for t in texts if t in GOOD] == GOOD
    assert "The mayor said \ufffd nothing." in texts
    errors = [line for line in res.stderr.splitlines() if line.startswith("onrecord: ")]
    assert len(errors) == 2
    assert f"{tmp_path / 'in' / 'a.jsonl'}:2: JSON nested more than" in errors[0]
    assert "b-long.txt: the text is 1,100,000 characters, more than the 1,000,000" in errors[1]
    assert "please report" not in errors[1]  # too long is the input's problem, not a bug of ours
    assert traceback_shown or "Traceback" not in res.stderr
