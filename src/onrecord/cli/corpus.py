"""``onrecord ingest`` / ``export`` / ``query``: the corpus store from the command line.

``ingest SOURCES --db corpus.duckdb`` analyses and stores (resumable, parallel, or on Dask);
``export --db … --format parquet|jsonl|csv DIR`` writes the tables out, ``export --db … --sheet
[-o FILE.csv|FILE.xlsx]`` the quote sheet (as ``analyze --format csv``); ``query --db …
speakers|quotes|sources|provenance|sql`` reads them, as a table, CSV or JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.errors import StoreError, UsageError
from onrecord.settings import DEFAULT_DB, DEFAULT_MODEL, ENGINES, EXPORT_FORMATS, MODES

if TYPE_CHECKING:  # the store and the batch runner load when a subcommand runs, not at start-up
    from onrecord.batch import IngestStats
    from onrecord.store import Result, Store

QUERIES = ("speakers", "quotes", "sources", "provenance", "sql")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="analyse many articles into a corpus store (DuckDB), resumably",
        description="Analyse inputs (files, directories, globs, JSONL, WARC) into a DuckDB store. "
        "Articles are keyed by content hash: re-running skips what is stored, so an interrupted run resumes.",
    )
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="inputs: files, directories, globs, '-' for stdin"
    )
    _db(p)
    p.add_argument(
        "--workers", "-j", type=int, default=None, help="analysis processes (default: the core count)"
    )
    p.add_argument(
        "--engine", choices=ENGINES, default="local", help="local process pool (default) or a Dask cluster"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline (default {DEFAULT_MODEL})")
    p.add_argument(
        "--mode", choices=MODES, default="fast", help="engine mode: fast (default), accurate or rules"
    )
    p.add_argument(
        "--batch-size", type=int, default=32, help="articles per transaction / worker task (default 32)"
    )
    p.add_argument("--partition-size", type=int, default=200, help="articles per Dask task (default 200)")
    p.add_argument(
        "--shard-dir", help="Dask Parquet shard folder (default: DB.shards, shared by all workers)"
    )
    p.add_argument(
        "--keep-shards", action="store_true", help="keep the Dask Parquet shards after merging them"
    )
    p.add_argument(
        "--text-field", default="text", help="JSONL field holding the article text (default: text)"
    )
    p.add_argument("--fetch", action="store_true", help="allow http(s):// inputs to be fetched")
    p.add_argument("--allow-private", action="store_true", help="allow fetching loopback/private addresses")
    p.add_argument("--quiet", "-q", action="store_true", help="plain log lines instead of a progress bar")
    p.set_defaults(run=run_ingest)

    e = sub.add_parser(
        "export",
        help="write the store's tables as parquet, jsonl or csv files, or its quote sheet",
        description="Write every table to DIR (one file each), or with --sheet the quote sheet: one row "
        "per attribution of every stored article, the columns of `onrecord analyze --format csv`.",
    )
    _db(e)
    e.add_argument(
        "--format",
        "-f",
        choices=(*EXPORT_FORMATS, "xlsx"),
        default=None,
        help="tables: parquet (default), jsonl or csv; --sheet: csv (default) or xlsx (needs openpyxl)",
    )
    e.add_argument("--sheet", action="store_true", help="write the quote sheet instead of the tables")
    e.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="--sheet: write to FILE (default standard output; xlsx needs it)",
    )
    e.add_argument("dir", metavar="DIR", nargs="?", help="output folder for the tables (one file per table)")
    e.set_defaults(run=run_export)

    q = sub.add_parser(
        "query",
        help="query the corpus store: speakers, quotes, sources, provenance, sql",
        description="speakers: most-quoted people; quotes [--speaker NAME]; sources [--by outlet|month]: "
        "share of anonymous/vague sourcing; provenance [QUOTE]: quote clusters; sql 'SELECT …'.",
    )
    _db(q)
    q.add_argument("what", choices=QUERIES, help="what to query")
    q.add_argument("text", nargs="?", help="the SQL (sql) or the quote text (provenance)")
    q.add_argument("--speaker", help="quotes: only this speaker (matches canonical names and mentions)")
    q.add_argument("--kind", choices=("direct", "indirect", "mixed"), help="quotes: only this kind")
    q.add_argument(
        "--by", choices=("outlet", "month"), default="outlet", help="sources: group by (default outlet)"
    )
    q.add_argument("--limit", type=int, default=50, help="rows at most (default 50)")
    q.add_argument(
        "--format", "-f", choices=("table", "csv", "json"), default="table", help="output (default table)"
    )
    q.set_defaults(run=run_query)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the DuckDB store (default ./{DEFAULT_DB})")


# -- ingest ------------------------------------------------------------------------------------


def _line(s: IngestStats) -> str:
    total = f"/{s.total}" if s.total is not None else ""
    eta = f", eta {s.eta:.0f}s" if s.eta is not None else ""
    return (
        f"onrecord: {s.done}{total} inputs: {s.written} stored, {s.skipped} skipped, {s.errors} errors, "
        f"{s.rate:.1f} articles/s{eta}"
    )


def run_ingest(args: argparse.Namespace) -> int:
    from onrecord.batch import ingest

    kwargs: dict[str, Any] = dict(
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        model=args.model,
        mode=args.mode,
        batch_size=args.batch_size,
        partition_size=args.partition_size,
        shard_dir=args.shard_dir,
        keep_shards=args.keep_shards,
        text_field=args.text_field,
        fetch_urls=args.fetch,
        allow_private=args.allow_private,
    )
    if args.quiet or not sys.stderr.isatty():
        stats = ingest(
            args.sources,
            args.db,
            on_progress=lambda s: print(_line(s), file=sys.stderr, flush=True),
            **kwargs,
        )
    else:
        stats = _ingest_with_bar(args, kwargs)
    print(
        f"onrecord: stored {stats.written} new articles ({stats.words} words), skipped {stats.skipped} already "
        f"stored, {stats.errors} errors, in {stats.elapsed:.1f}s ({stats.rate:.1f} articles/s) -> {args.db}",
        file=sys.stderr,
    )
    return 1 if stats.errors else 0


def _ingest_with_bar(args: argparse.Namespace, kwargs: dict[str, Any]) -> IngestStats:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from onrecord.batch import ingest

    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
    with progress:
        task = progress.add_task("ingest", total=None, rate=0.0, errors=0)
        start = time.monotonic()

        def update(s: IngestStats) -> None:
            progress.update(
                task,
                completed=s.done,
                total=s.total,
                rate=s.done / max(1e-9, time.monotonic() - start),
                errors=s.errors,
            )

        return ingest(args.sources, args.db, on_progress=update, **kwargs)


# -- export ------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from onrecord.store import Store, export

    if args.sheet:
        return _export_sheet(args)
    if args.dir is None:
        raise UsageError("export needs DIR, the folder for the table files (or --sheet for the quote sheet)")
    if args.output is not None:
        raise UsageError("-o is for --sheet; the tables are written to DIR")
    if args.format == "xlsx":
        raise UsageError("xlsx is for --sheet; the tables are written as parquet, jsonl or csv")
    with Store(args.db, read_only=True) as store:
        files = export(store.con, args.dir, args.format or "parquet")
    for f in files:
        print(f)
    return 0


def _export_sheet(args: argparse.Namespace) -> int:
    from onrecord.cli.sheets import open_sheet
    from onrecord.store import Store, stored_reports

    if args.dir is not None:
        raise UsageError(f"--sheet writes one file: use -o FILE, not {args.dir!r}")
    out = Path(args.output) if args.output else None
    fmt = args.format or ("xlsx" if out is not None and out.suffix.lower() == ".xlsx" else "csv")
    if fmt not in ("csv", "xlsx"):
        raise UsageError(f"the quote sheet is written as csv or xlsx, not {fmt}")
    with Store(args.db, read_only=True) as store, open_sheet(fmt, out) as sheet:
        for report in stored_reports(store.con):
            sheet.add(report)
    return 0


# -- query -------------------------------------------------------------------------------------


def _open_for_query(db: str) -> Store:
    from onrecord.store import Store

    store = Store(db, read_only=True)
    if not store.people_stale():
        return store
    store.close()
    try:
        with Store(db) as writable:
            writable.refresh_people()
    except StoreError:
        pass  # another process is writing: answer from the people table as it is
    return Store(db, read_only=True)


def run_query(args: argparse.Namespace) -> int:
    from onrecord.store import find_clusters, quotes, sources, speakers, sql, top_clusters

    if args.what == "sql" and not args.text:
        raise UsageError('query sql needs the SQL, e.g. onrecord query sql "SELECT count(*) FROM articles"')
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    with _open_for_query(args.db) as store:
        con = store.con
        if args.what == "provenance":
            clusters = (
                find_clusters(con, args.text, limit=args.limit)
                if args.text
                else top_clusters(con, limit=args.limit)
            )
            _emit_provenance(clusters, args.format, args.text)
            return 0
        if args.what == "speakers":
            result = speakers(con, name=args.speaker, limit=args.limit)
        elif args.what == "quotes":
            result = quotes(con, speaker=args.speaker, kind=args.kind, limit=args.limit)
        elif args.what == "sources":
            result = sources(con, by=args.by)
        else:
            result = sql(con, args.text)
        _emit(result, args.format, title=args.what)
    return 0


def _emit(result: Result, fmt: str, *, title: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(result.records(), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        w.writerows(result.rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for c in result.columns:
            table.add_column(c, overflow="fold")
        for row in result.rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


def _emit_provenance(clusters: list[dict[str, Any]], fmt: str, text: str | None) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(clusters, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["cluster_id", "earliest", "outlet", "published", "speaker", "kinds", "text", "diff"])
        for c in clusters:
            for v in c["variants"]:
                w.writerow(
                    [
                        c["cluster_id"],
                        v["earliest"],
                        v["outlet"],
                        v["published"],
                        v["speaker"],
                        "; ".join(v["kinds"]),
                        v["text"],
                        v["diff_text"],
                    ]
                )
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not clusters:
        console.print(
            f"no quote cluster matches {text!r}" if text else "no quote appears in more than one article"
        )
        return
    for c in clusters:
        e = c["earliest"]
        table = Table(title=f"“{c['text']}” — {c['speaker'] or 'unattributed'}", title_justify="left")
        for col in ("outlet", "published", "speaker", "variant", "difference from the earliest"):
            table.add_column(col, overflow="fold")
        for v in c["variants"]:
            table.add_row(
                v["outlet"] or "(unknown)",
                v["published"] or "",
                v["speaker"] or "",
                "earliest" if v["earliest"] else ", ".join(v["kinds"]),
                v["diff_text"],
            )
        console.print(table)
        console.print(
            f"  cluster {c['cluster_id']}: {c['articles']} articles, outlets {', '.join(c['outlets'])}; "
            f"earliest: {e['outlet'] or e['source']} {e['published'] or '(undated; first ingested)'}\n"
        )
