#!/usr/bin/env bash
# Install everything and run the whole check: ruff, mypy, then the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check src tests bench train
.venv/bin/ruff format --check --quiet src tests bench train || echo "test.sh: ruff format differences (not failing)" >&2
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
