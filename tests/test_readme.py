"""The README is checked: its two set-up commands exist and every command it shows is real."""

from __future__ import annotations

import re

import pytest

import onrecord
from onrecord.cli import build_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_are_there() -> None:
    assert "bash scripts/setup.sh && .venv/bin/onrecord analyze examples/kopyrkin-interview.txt" in README
    assert "\nbash scripts/test.sh\n" in README
    assert (REPO / "scripts" / "setup.sh").exists() and (REPO / "scripts" / "test.sh").exists()
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert (REPO / "examples" / "kopyrkin-interview.txt").exists()


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)  # type: ignore[arg-type]


CODE = "\n".join(re.findall(r"```(?:bash)?\n(.*?)```", README, re.S))


@pytest.mark.parametrize(
    "command", sorted(set(re.findall(r"^(?:\.venv/bin/)?onrecord ([a-z]+)", CODE, re.M)))
)
def test_every_command_shown_exists(command: str) -> None:
    assert command in _subcommands(), f"README shows `onrecord {command}` but the CLI has no such command"


def test_use_from_spacy_runs_as_shown() -> None:
    """The "Use from spaCy" lines, run as a spaCy user would: a fresh process, no onrecord import
    before ``add_pipe``; the Report they end with is analyze's."""
    import subprocess
    import sys

    section = README.split("### Use from spaCy", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the README's 'Use from spaCy' section shows no Python"
    script = code.group(1) + "\nimport onrecord\nassert report == onrecord.analyze(doc.text)\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "CUE said" in proc.stdout and "Sergey Kopyrkin" in proc.stdout


def test_the_layout_names_every_package() -> None:
    """Every package under src/onrecord (and every sub-package of the pipeline) is in the Layout."""
    layout = README.split("## Layout", 1)[1]
    src = REPO / "src" / "onrecord"
    for pkg in sorted(p for p in src.iterdir() if (p / "__init__.py").exists()):
        assert f"  {pkg.name}/" in layout, f"README's Layout does not name src/onrecord/{pkg.name}/"
    for sub in sorted(p for p in (src / "pipeline").iterdir() if (p / "__init__.py").exists()):
        if sub.name not in ("lexicons", "models"):
            assert f"  {sub.name}/" in layout, f"README's Layout does not name pipeline/{sub.name}/"


def test_the_seed_verdict_is_the_one_shown() -> None:
    """The verdict quoted under "What it finds in the seed article" is what analyze says now."""
    verdict = onrecord.analyze(
        (REPO / "examples" / "kopyrkin-interview.txt").read_text(encoding="utf-8")
    ).summary.verdict
    assert f"> {verdict}\n" in README
