"""The CLI starts without loading spaCy, DuckDB or Dask: `onrecord --help` and parser errors are instant."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "duckdb", "dask", "distributed", "trafilatura", "torch")


@pytest.mark.parametrize(
    ("code", "expected_loaded"),
    [
        ("import onrecord.cli as c; c.build_parser()", ()),
        ("import onrecord.api", ()),
        ("import onrecord; onrecord.Report", ()),
        ("import onrecord.api as a; a.preload()", ("spacy",)),
    ],
)
def test_heavy_modules_load_only_when_needed(code: str, expected_loaded: tuple[str, ...]) -> None:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(out.stdout.split())
    for name in expected_loaded:
        assert name in loaded
    unexpected = loaded - set(expected_loaded) - {"torch"}  # thinc imports torch when it is installed
    assert not unexpected, f"{code!r} loaded {sorted(unexpected)}"
