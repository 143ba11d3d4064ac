# tests/env.sh — the environment every test runs in (sourced by tests/run.sh and, for a
# test file run on its own, by tests/lib.sh): defaults for what is not set.
_wc_tests=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export WC_TOP=${WC_TOP:-$(cd "$_wc_tests/.." && pwd)}
export WC_BIN=${WC_BIN:-$WC_TOP/build}
case $WC_BIN in /*) ;; *) WC_BIN=$PWD/$WC_BIN ;; esac   # the tests cd elsewhere
export PYTHON=${PYTHON:-/usr/bin/python3}
export WC_SHARED=${WC_SHARED:-$WC_TOP/../shared/data}
export OPENBLAS_NUM_THREADS=1
export LC_ALL=C
unset WCKIT_DATA   # the tools find the shipped data (share/data) next to themselves
unset _wc_tests
