"""The ``onrecord`` command: a thin client of the library.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``.
Exit codes: 0 ok, 1 some inputs failed (the rest still printed), 2 usage.
Errors print as one line; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from onrecord import __version__
from onrecord.errors import OnrecordError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _modules() -> list[ModuleType]:
    from onrecord.cli import analyze, corpus, evaluate, extract, schema, serve

    return [analyze, extract, schema, evaluate, corpus, serve]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"onrecord: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="onrecord", description="Who said this, in what capacity, and on whose authority?")
    parser.add_argument("--version", action="version", version=f"onrecord {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in _modules():
        mod.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except UsageError as exc:
        if args.debug:
            raise
        print(f"onrecord: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OnrecordError as exc:
        if args.debug:
            raise
        print(f"onrecord: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        print("onrecord: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
