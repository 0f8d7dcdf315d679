"""``onrecord serve``: run the web app (loopback by default)."""

from __future__ import annotations

import argparse
from typing import Any

from onrecord.api import DEFAULT_MODEL, preload


def add_parser(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the web app (paste an article, get the report)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline (default {DEFAULT_MODEL})")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from onrecord.web import create_app

    preload(args.model)  # fail fast, before the server starts, if the model is missing
    uvicorn.run(create_app(args.model), host=args.host, port=args.port, log_level="info")
    return 0
