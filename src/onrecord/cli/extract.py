"""``onrecord extract PATH...``: main text and metadata only, no analysis.

``--format jsonl`` (default) prints one JSON object a line: ``path`` (the input, with
``:line`` for JSONL and ``@offset`` for WARC records), ``text``, ``title``, ``url``, ``date``,
``authors``, ``site``, ``language``, ``id``. ``--format json`` prints one JSON array. Inputs that
fail are reported on stderr as ``onrecord: SOURCE: reason``; the rest are still printed and the
exit code is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from onrecord.cli.errors import report_error
from onrecord.ingest import read
from onrecord.models import Article, IngestErrorRecord


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="print the main text and metadata of articles (no analysis)",
        description="Extract main text and metadata from txt, html, html.gz, jsonl, warc, warc.gz files, "
        "directories, globs, - (stdin) and, with --fetch, http(s) URLs.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="inputs; '-' reads standard input")
    p.add_argument(
        "--format", "-f", choices=("jsonl", "json"), default="jsonl", help="output format (default jsonl)"
    )
    p.add_argument(
        "--text-field", default="text", help="JSONL field holding the article text (default: text)"
    )
    p.add_argument("--fetch", action="store_true", help="allow http(s):// inputs to be fetched")
    p.add_argument("--allow-private", action="store_true", help="allow fetching loopback/private addresses")
    p.set_defaults(run=run)


def record(article: Article) -> dict[str, Any]:
    return {
        "path": article.source_label(),
        "text": article.text,
        "title": article.title,
        "url": article.url,
        "date": article.published,
        "authors": article.authors,
        "site": article.site,
        "language": article.language,
        "id": article.id,
    }


def run(args: argparse.Namespace) -> int:
    failed = 0
    items = read(
        args.paths, text_field=args.text_field, fetch_urls=args.fetch, allow_private=args.allow_private
    )
    out = sys.stdout
    first = True
    if args.format == "json":
        out.write("[")
    for item in items:
        if isinstance(item, IngestErrorRecord):
            failed += 1
            report_error(item, debug=args.debug)
            continue
        line = json.dumps(record(item), ensure_ascii=False)
        if args.format == "json":
            out.write(("\n" if first else ",\n") + line)
        else:
            out.write(line + "\n")
        out.flush()
        first = False
    if args.format == "json":
        out.write("\n]\n" if not first else "]\n")
    return 1 if failed else 0
