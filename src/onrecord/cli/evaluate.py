"""``onrecord eval GOLD_DIR [--split NAME]``: score the attribution engine against a BRAT gold corpus."""

from __future__ import annotations

import argparse
from typing import Any

from onrecord.errors import InputError, UsageError
from onrecord.settings import DEFAULT_MODEL, MODES


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="evaluate attributions against a BRAT gold corpus",
        description=(
            "Run the engine over GOLD_DIR/[SPLIT/]text/*.txt and score it against "
            "GOLD_DIR/[SPLIT/]attributions/*.ann: token-level and exact-span precision/recall/F1 "
            "for source, cue and content, and relation recall/precision."
        ),
    )
    p.add_argument(
        "gold_dir", metavar="GOLD_DIR", help="corpus folder (holding text/ and attributions/, or splits)"
    )
    p.add_argument("--split", default=None, metavar="NAME", help="sub-folder of GOLD_DIR to use (e.g. dev)")
    p.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="output format (default text)"
    )
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to use (default {DEFAULT_MODEL})")
    p.add_argument("--mode", choices=MODES, default="fast", help="engine mode: fast (default), accurate or rules")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N documents")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from onrecord.eval import evaluate

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit takes a positive number of documents, e.g. --limit 10")
    try:
        result = evaluate(args.gold_dir, args.split, model=args.model, mode=args.mode, limit=args.limit)
    except InputError as exc:
        raise UsageError(f"{exc.source}: {exc.reason}") from exc
    print(result.to_json() if args.format == "json" else result.format_text())
    return 0
