#!/usr/bin/env bash
# tests/run.sh — the wckit test suite: C unit tests for lib/, then the shell tests
# tests/t_*.sh for the tools.  Every check prints "ok - NAME" or "not ok - NAME";
# the last line is "N passed, N failed" and the exit status is 1 if anything failed.
# Environment: WC_BIN (directory of the built tools and tests), PYTHON (Debian python3);
# defaults in tests/env.sh.
# Arguments: test names (t_stats, test_fc, tests/t_stats.sh ...) run only those; none,
# every test.  make check T="t_stats test_fc" passes them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
unset WC_TOP   # always this checkout (env.sh would keep one inherited)
. "$here/env.sh"
out=$here/out/$(basename "$WC_BIN")   # one directory per build: check and check SANITIZE=1 may run at once
rm -rf "$out" && mkdir -p "$out"
pass=0 fail=0 skip=0

want=()   # the names asked for, without directory or .sh
for arg in "$@"; do
    arg=${arg##*/}
    want+=("${arg%.sh}")
done

chosen() {  # NAME: is this test asked for (all are when none is named)?
    [ ${#want[@]} -eq 0 ] && return 0
    local w
    for w in "${want[@]}"; do [ "$w" = "$1" ] && return 0; done
    return 1
}

for w in ${want[@]+"${want[@]}"}; do   # a name that is no test is a failure, not a silent pass
    if [ ! -x "$WC_BIN/tests/$w" ] && [ ! -f "$here/$w.sh" ]; then
        echo "$w: no such test (tests/$w.sh, or $WC_BIN/tests/$w from tests/unit/$w.c)"
        fail=$((fail + 1))
    fi
done

count() {  # count ok / not ok lines of one test program's output
    local log=$1
    local p f s
    p=$(grep -c '^ok - ' "$log")
    f=$(grep -c '^not ok - ' "$log")
    s=$(grep -c '^skip - ' "$log")
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
    grep -E '^(not ok|skip) - ' "$log" | sed 's/^/    /'
}

run_one() {  # NAME COMMAND...: run a test program, count its lines, flag crashes
    local name=$1; shift
    local log=$out/$name.log
    "$@" >"$log" 2>&1
    local rc=$?
    if [ ! -f "$log" ]; then   # removed under us (another run of the suite on this build)
        echo "$name: its log $log vanished; is another run of the suite using $WC_BIN?"
        fail=$((fail + 1))
        return
    fi
    printf '%-28s %s ok, %s not ok\n' "$name" "$(grep -c '^ok - ' "$log")" "$(grep -c '^not ok - ' "$log")"
    count "$log"
    if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$log"; then
        echo "    $name exited with status $rc without a failing check:"; tail -5 "$log" | sed 's/^/    | /'
        fail=$((fail + 1))
    fi
}

for t in "$WC_BIN"/tests/test_*; do
    [ -x "$t" ] && chosen "$(basename "$t")" || continue
    run_one "$(basename "$t")" "$t"
done
# the model tests once more on each narrower vector kernel the CPU can run
for simd in avx2 sse2; do
    [ -x "$WC_BIN/tests/test_model" ] && chosen test_model || break
    run_one "test_model[$simd]" env WC_SIMD=$simd "$WC_BIN/tests/test_model"
done
for t in "$here"/t_*.sh; do
    [ -f "$t" ] && chosen "$(basename "$t" .sh)" || continue
    run_one "$(basename "$t" .sh)" bash "$t"
done
[ $skip -gt 0 ] && echo "($skip checks skipped; see the skip lines above)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
