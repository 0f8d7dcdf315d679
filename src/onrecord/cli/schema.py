"""``onrecord schema``: print the JSON Schema of the Report model."""

from __future__ import annotations

import argparse
import json
from typing import Any

from onrecord.models import report_json_schema


def add_parser(sub: Any) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the report JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(report_json_schema(), indent=2, ensure_ascii=False))
    return 0
