#!/usr/bin/env bash
# check_valgrind.sh — the tool tests with every tool under valgrind's memcheck
# (make check-valgrind).  Each tool is replaced by a script that runs it under valgrind,
# one log per process; the tests run as usual (their own checks must pass), then the logs
# are read: any memory error fails, and so does a definitely lost block in a process
# that ended normally or on an error (wc_die notes "wckit: error exit N" in the log, to
# count them); only a process killed by a signal is excused.  valgrind cannot run
# AVX-512: the tools run with WC_SIMD=avx2 (unless a test sets it), the AVX2 kernels.
# Arguments: the tests to run (default: the list below).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
real=$WC_BIN
command -v valgrind >/dev/null || { echo "check-valgrind: valgrind is not installed (make deps)"; exit 1; }
vbin=$real/valgrind
logs=$vbin/logs
rm -rf "$vbin" && mkdir -p "$logs"
for t in "$real"/wc-*; do
    [ -x "$t" ] || continue
    printf '#!/bin/sh\nexport WC_SIMD="${WC_SIMD:-avx2}"\nexec valgrind -q --leak-check=full --show-leak-kinds=definite --log-file=%s/%%p.log %s "$@"\n' \
        "$logs" "$t" > "$vbin/${t##*/}"
    chmod +x "$vbin/${t##*/}"
done
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(t_bad t_errors t_stats t_stream t_run t_conn t_fc t_psd t_nullcline t_bold)
have=()
for t in "${tests[@]}"; do [ -f "$here/$t.sh" ] && have+=("$t"); done
WC_BIN=$vbin WC_UNDER_VALGRIND=1 bash "$here/run.sh" "${have[@]}"
rc=$?
n=0 bad=0 leaks=0 errexits=0 killed=0
for f in "$logs"/*.log; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    grep -q 'wckit: error exit' "$f" && errexits=$((errexits + 1))
    # memory errors: any record that is not about a leak or an exit note
    if grep -qE '^==[0-9]+== (Invalid|Conditional jump|Use of uninitialised|Syscall param|Mismatched|Source and destination overlap|Argument .* of function)' "$f"; then
        bad=$((bad + 1)); echo "valgrind: memory error, log $f:"; head -20 "$f" | sed 's/^/    /'
    fi
    # a process killed by a signal had no chance to free; any other end, normal or on
    # an error, must leave no block unreachable
    if grep -q 'Process terminating with default action' "$f"; then killed=$((killed + 1))
    elif grep -q 'definitely lost in loss record' "$f"; then
        leaks=$((leaks + 1)); echo "valgrind: a block definitely lost, log $f:"; head -20 "$f" | sed 's/^/    /'
    fi
done
echo "valgrind: $n processes of the tools, $bad with memory errors, $leaks with blocks definitely lost ($errexits ended on an error, $killed killed by a signal)"
[ $rc -eq 0 ] && [ $bad -eq 0 ] && [ $leaks -eq 0 ] && [ $n -gt 0 ]
