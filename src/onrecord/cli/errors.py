"""How the commands report one input that failed: a line on stderr, the traceback under ``--debug``."""

from __future__ import annotations

import sys

from onrecord.models import IngestErrorRecord


def report_error(item: IngestErrorRecord, *, debug: bool = False) -> None:
    """``onrecord: SOURCE: reason`` on stderr; with ``debug``, an internal error's traceback after it."""
    print(f"onrecord: {item.source}: {item.reason}", file=sys.stderr, flush=True)
    if debug and item.traceback:
        sys.stderr.write(item.traceback)
        sys.stderr.flush()
