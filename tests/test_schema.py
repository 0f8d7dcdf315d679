"""The checked-in JSON Schema is the model's, and real output validates against it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from onrecord.models import Report, report_json_schema
from tests.conftest import REPO

SCHEMA_FILE = REPO / "src" / "onrecord" / "schema" / "report.schema.json"


def test_checked_in_schema_matches_the_model() -> None:
    checked_in = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert checked_in == report_json_schema(), (
        "schema drifted: regenerate with `onrecord schema > src/onrecord/schema/report.schema.json`"
    )


def test_onrecord_schema_command_prints_it() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "onrecord", "schema"], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == report_json_schema()


def _check_offsets(data: dict) -> int:  # type: ignore[type-arg]
    report = Report.model_validate(data)
    text = report.article.text
    spans = report.iter_spans()
    for span in spans:
        assert text[span.start : span.end] == span.text
    return len(spans)


def test_seed_analysis_is_schema_valid_with_exact_offsets(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "onrecord",
            "analyze",
            str(REPO / "examples" / "kopyrkin-interview.txt"),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out)
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert _check_offsets(data) > 20
    assert data["article"]["text"] == (REPO / "examples" / "kopyrkin-interview.txt").read_text(
        encoding="utf-8"
    )
