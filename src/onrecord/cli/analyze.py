"""``onrecord analyze PATH...``: analyse articles and print a report per article."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from onrecord.api import analyze
from onrecord.cli.errors import report_error
from onrecord.errors import InputError, OnrecordError, UsageError
from onrecord.ingest import read
from onrecord.ingest.common import internal_error
from onrecord.ingest.paths import kind_of
from onrecord.models import Article, IngestErrorRecord, Report
from onrecord.report import FORMATS, SHEET_FORMATS, render
from onrecord.report.sheet import Sheet
from onrecord.settings import DEFAULT_MODEL, MODES, STATEMENT_THRESHOLD

EXT = {"html": ".html", "md": ".md", "json": ".json", "text": ".txt", "jsonl": ".jsonl", "csv": ".csv"}
BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".jsonl": "jsonl",
    ".txt": "text",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
"""The format an output file's suffix asks for, when --format is not given."""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles: quotes, speakers, sourcing",
        description="Analyse articles (txt, html, html.gz, jsonl, warc, warc.gz, directories, globs, - for stdin, URLs).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="inputs; '-' reads standard input")
    p.add_argument(
        "--format",
        "-f",
        choices=(*FORMATS, *SHEET_FORMATS),
        default=None,
        help="output format (default: text on a terminal, json for one input otherwise, jsonl for many); "
        "csv and xlsx: the quote sheet, one row per attribution (xlsx needs openpyxl and -o FILE)",
    )
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to use (default {DEFAULT_MODEL})")
    p.add_argument(
        "--mode",
        choices=MODES,
        default="fast",
        help="engine: fast (default), accurate (encoder taggers, slower) or rules (rule layer alone)",
    )
    p.add_argument("-o", "--output", help="write to this file (or directory, for html/md of many inputs)")
    p.add_argument(
        "--text-field", default="text", help="JSONL field holding the article text (default: text)"
    )
    p.add_argument(
        "--statements",
        action="store_true",
        help="statements only: leave out attributions unlikely to report speech, writing or belief "
        f"(statement score below {STATEMENT_THRESHOLD}: actions, the author's own voice, page furniture)",
    )
    p.add_argument(
        "--sentences",
        action="store_true",
        help="text format: also show every sentence with its sourcing label",
    )
    p.add_argument("--fetch", action="store_true", help="allow http(s):// inputs to be fetched")
    p.add_argument("--allow-private", action="store_true", help="allow fetching loopback/private addresses")
    p.set_defaults(run=run)


def _default_format(out: IO[str], many: bool) -> str:
    if out.isatty():
        return "text"
    return "jsonl" if many else "json"


def run(args: argparse.Namespace) -> int:
    many = len(args.paths) > 1 or any(_is_multi(p) for p in args.paths)
    out_path = Path(args.output) if args.output else None
    per_file_dir = out_path if out_path is not None and out_path.is_dir() else None
    fmt = args.format or (
        "text" if out_path is None and sys.stdout.isatty() else ("jsonl" if many else "json")
    )
    if out_path is not None and args.format is None:
        fmt = BY_SUFFIX.get(out_path.suffix.lower(), "jsonl" if many else "json")
    if fmt == "xlsx" and per_file_dir is not None:
        raise UsageError("--format xlsx writes one workbook: give -o FILE.xlsx, not a directory")
    failed = 0
    reports: list[tuple[str, Report]] = []
    stream: IO[str] | None = None
    sheet: Sheet | None = None
    with ExitStack() as outputs:
        if per_file_dir is None and fmt in SHEET_FORMATS:
            from onrecord.cli.sheets import open_sheet

            sheet = outputs.enter_context(open_sheet(fmt, out_path))
        elif per_file_dir is None and fmt == "jsonl":
            stream = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
            if stream is not sys.stdout:
                outputs.callback(stream.close)
        for item in read(
            args.paths, text_field=args.text_field, fetch_urls=args.fetch, allow_private=args.allow_private
        ):
            if isinstance(item, Article):
                try:
                    _one(item, args, fmt, per_file_dir, stream, sheet, reports)
                    continue
                except InputError as exc:  # this article cannot be analysed as it is ("too long")
                    item = IngestErrorRecord(source=exc.source, reason=exc.reason)
                except (OnrecordError, BrokenPipeError):  # a missing model, a closed pipe: the run's end
                    raise
                except Exception as exc:  # one article's failure is its own: the rest still come out
                    item = internal_error(item.source_label(), exc, "analysing")
            failed += 1
            report_error(item, debug=args.debug)
    if reports:
        _emit(reports, fmt, out_path, sentences=args.sentences)
    return 1 if failed else 0


def _one(
    article: Article,
    args: argparse.Namespace,
    fmt: str,
    per_file_dir: Path | None,
    stream: IO[str] | None,
    sheet: Sheet | None,
    reports: list[tuple[str, Report]],
) -> None:
    """Analyse one article and write its report (or keep it for the end); raises what fails."""
    report = analyze(article, model=args.model, mode=args.mode)
    if args.statements:
        from onrecord.views import statements_only

        report = statements_only(report)
    label = article.source_label()
    if per_file_dir is not None:
        path = per_file_dir / f"{report.article.id}{EXT[fmt]}"
        path.write_text(render(report, fmt), encoding="utf-8", newline="" if fmt == "csv" else None)
    elif sheet is not None:
        sheet.add(report)
    elif stream is not None:
        line = json.dumps({"path": label}, ensure_ascii=False)[:-1] + ", " + report.to_json()[1:] + "\n"
        stream.write(line)
        stream.flush()
    else:
        reports.append((label, report))


def _emit(
    reports: list[tuple[str, Report]], fmt: str, out_path: Path | None, *, sentences: bool = False
) -> None:
    if fmt == "json":
        if len(reports) == 1:
            text = reports[0][1].to_json(indent=2)
        else:
            text = "[" + ",\n".join(r.to_json(indent=2) for _, r in reports) + "]"
    elif fmt == "text":
        from onrecord.report.terminal import render_text

        text = "\n\n".join(render_text(r, sentences=sentences) for _, r in reports)
    elif fmt == "html":
        if len(reports) > 1 and out_path is not None:
            raise UsageError("html output of several articles needs -o DIRECTORY (one page per article)")
        text = "\n".join(render(r, fmt) for _, r in reports)
    elif fmt == "text" and out_path is None:
        _print_text([r for _, r in reports], sentences)
        return
    else:
        text = "\n\n".join(render(r, fmt) for _, r in reports)
    if out_path is not None:
        out_path.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def _print_text(reports: list[Report], sentences: bool) -> None:
    """The terminal reports; on a terminal, through a pager when longer than the screen."""
    from rich.console import Console

    from onrecord.report.terminal import print_report

    console = Console()
    if not console.is_terminal:
        for r in reports:
            print_report(r, console, sentences=sentences)
        return
    with console.capture() as captured:
        for r in reports:
            print_report(r, console, sentences=sentences)
    shown = captured.get()
    if shown.count("\n") <= console.height:
        console.file.write(shown)
        return
    with console.pager(styles=True):
        console.file.write(shown)


def _is_multi(path: str) -> bool:
    """Whether one input can hold several articles (a directory, a glob, a JSONL or WARC file)."""
    p = Path(path)
    return p.is_dir() or any(ch in path for ch in "*?[") or kind_of(p) in ("jsonl", "warc")
