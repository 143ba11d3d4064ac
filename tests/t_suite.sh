# t_suite.sh — the test suite itself: a test file runs on its own from any directory
# with no environment set, and tests/run.sh runs only the tests it is given.
. "$(dirname "$0")/lib.sh"

if [ -x "$WC_TOP/build/wc-stats" ]; then
    check "bash tests/t_stats.sh runs from / with nothing set (defaults in tests/env.sh)" sh -c \
        "cd / && env -u WC_BIN -u WC_TOP -u WC_SHARED -u PYTHON -u LC_ALL -u OPENBLAS_NUM_THREADS \
             bash '$WC_TOP/tests/t_stats.sh' > '$TMP/alone.log' 2>&1 &&
         grep -q '^ok - ' '$TMP/alone.log' && ! grep -q '^not ok' '$TMP/alone.log'"
else
    skip "a test file on its own" "no $WC_TOP/build (the default WC_BIN) to run it with"
fi

# run.sh writes its logs next to itself: a copy, so that this suite's own logs stay
mkdir copy && cp -r "$WC_TOP/tests" copy/
bash copy/tests/run.sh t_stats test_series.sh > some.log 2>&1
check "run.sh t_stats test_series: those two only" \
    sh -c "grep -v '^    ' some.log | cut -d' ' -f1 | tr '\n' ' ' | grep -qx 'test_series t_stats [0-9]* '"
check "  ... and the 'N passed, 0 failed' line last" sh -c "tail -1 some.log | grep -qx '[1-9][0-9]* passed, 0 failed'"
bash copy/tests/run.sh t_nosuch > none.log 2>&1
check "run.sh with a name that is no test fails" test $? -eq 1
check "  ... saying so, and counting it" sh -c "grep -q '^t_nosuch: no such test' none.log && tail -1 none.log | grep -qx '0 passed, 1 failed'"
