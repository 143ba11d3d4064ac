#!/usr/bin/env bash
# bench/run.sh — performance targets of wckit, measured as ratios against baselines run
# in the same script (absolute times on shared machines are not comparable).
# Usage: make bench   (or WC_BIN=build PYTHON=/usr/bin/python3 bash bench/run.sh)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export WC_BIN=${WC_BIN:-$here/../build}
PYTHON=${PYTHON:-/usr/bin/python3}
exec "$PYTHON" "$here/bench.py" "$@"
