"""``onrecord eval GOLD [--split NAME]``: score the engine against gold annotation.

GOLD is a BRAT corpus folder (PolNeAR layout: spans and relations), a GUM quote gold file (or its
folder), or a folder of onrecord's real-news judgement files (with ``--articles``): speakers,
judged attributions (genuine or spurious) or judged sentences (editorial, hearsay chains).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from onrecord.errors import InputError, UsageError
from onrecord.settings import DEFAULT_MODEL, MODES


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="evaluate attributions (BRAT corpus) or speakers (quote gold) against gold annotation",
        description=(
            "With a BRAT corpus (GOLD/[SPLIT/]text/*.txt and attributions/*.ann): token-level and "
            "exact-span precision/recall/F1 for source, cue and content, and relation recall/precision. "
            "With a quote->speaker gold file (GUM's gold.json, or a folder of real-news gold files "
            "and --articles): quotes found, speaker right / wrong / unresolved, end-to-end and role accuracy."
        ),
    )
    p.add_argument(
        "gold_dir", metavar="GOLD", help="BRAT corpus folder, GUM gold.json, or real-news gold folder"
    )
    p.add_argument(
        "--split", default=None, metavar="NAME", help="sub-folder (BRAT) or split field (real news)"
    )
    p.add_argument(
        "--articles",
        default=None,
        metavar="FILE",
        help='real-news gold: the JSON file {ID: {"articleBody": TEXT}} holding the article texts',
    )
    p.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="output format (default text)"
    )
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to use (default {DEFAULT_MODEL})")
    p.add_argument(
        "--mode", choices=MODES, default="fast", help="engine mode: fast (default), accurate or rules"
    )
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N documents")
    p.add_argument(
        "--errors", action="store_true", help="real-news gold: list every item not judged right (text format)"
    )
    p.add_argument(
        "--statements",
        action="store_true",
        help="real-news gold: score the statements-only view (as `onrecord analyze --statements`)",
    )
    p.set_defaults(run=run)


def _is_speaker_gold(path: Path) -> bool:
    if path.is_file():
        return path.suffix == ".json"
    return path.is_dir() and ((path / "gold.json").is_file() or any(path.glob("*.json")))


def _judged_kind(path: Path) -> str | None:
    from onrecord.eval.realnews import gold_kind

    kind = gold_kind(path)
    return kind if kind in ("attributions", "sourcing") else None


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit takes a positive number of documents, e.g. --limit 10")
    try:
        judged = _judged_kind(Path(args.gold_dir))
        if judged is not None or _is_speaker_gold(Path(args.gold_dir)):
            from onrecord.eval.judged_run import evaluate_judged
            from onrecord.eval.speaker_run import evaluate_speakers

            kw: dict[str, Any] = {
                "articles": args.articles,
                "split": args.split,
                "model": args.model,
                "mode": args.mode,
                "limit": args.limit,
                "statements": args.statements,
            }
            res = (
                evaluate_judged(judged, args.gold_dir, **kw)
                if judged is not None
                else evaluate_speakers(args.gold_dir, **kw)
            )
            print(res.to_json() if args.format == "json" else res.format_text(errors=args.errors))
            return 0
        from onrecord.eval import evaluate

        result = evaluate(args.gold_dir, args.split, model=args.model, mode=args.mode, limit=args.limit)
    except InputError as exc:
        raise UsageError(f"{exc.source}: {exc.reason}") from exc
    print(result.to_json() if args.format == "json" else result.format_text())
    return 0
