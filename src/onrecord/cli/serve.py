"""``onrecord serve``: run the web app (loopback by default), with its limits as options."""

from __future__ import annotations

import argparse
from typing import Any

from onrecord.api import DEFAULT_MODEL, preload


def add_parser(sub: Any) -> None:
    from onrecord.settings import DEFAULT_WEB_LIMITS as LIM

    p = sub.add_parser("serve", help="run the web app (paste, upload or link an article, get the report)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline (default {DEFAULT_MODEL})")
    p.add_argument(
        "--db",
        help="also serve the corpus explorer over this store (read-only; the paste form moves to /analyze)",
    )
    p.add_argument("--max-body-bytes", type=int, default=LIM.max_body_bytes, help="413 above this")
    p.add_argument("--max-chars", type=int, default=LIM.max_chars, help="longest article text (413 above)")
    p.add_argument(
        "--max-concurrent",
        type=int,
        default=LIM.max_concurrent,
        help="analyses at once, one worker process each (default %(default)s)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=LIM.wait_s,
        help="seconds a request waits for a free analysis, then 503 (default %(default)s)",
    )
    p.add_argument(
        "--max-queued",
        type=int,
        default=LIM.max_queued,
        help="requests waiting for a free analysis at most; more get 503 at once (default %(default)s)",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch links to loopback and private addresses (for tests; never on a shared host)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from onrecord.errors import UsageError
    from onrecord.settings import WebLimits
    from onrecord.web import create_app

    if (
        min(args.max_body_bytes, args.max_chars, args.max_concurrent) < 1
        or min(args.wait, args.max_queued) < 0
    ):
        raise UsageError(
            "--max-body-bytes, --max-chars and --max-concurrent must be at least 1, --wait and "
            "--max-queued 0 or more"
        )
    limits = WebLimits(args.max_body_bytes, args.max_chars, args.max_concurrent, args.wait, args.max_queued)
    preload(args.model)  # fail fast, before the server starts, if the model is missing
    app = create_app(
        args.model, limits, db=args.db, allow_private=args.allow_private
    )  # a missing or foreign store fails here
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
