#!/usr/bin/env bash
# Install onrecord into ./.venv (created if missing). `--test` adds the test tools and,
# where possible, Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
        || echo "setup: could not install chromium; browser tests will skip" >&2
    else
      echo "setup: /usr/bin/chromium missing and not root; browser tests will skip" >&2
    fi
  fi
else
  .venv/bin/python -m pip install -q -e .
fi
