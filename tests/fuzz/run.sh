#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS [NAME...] — run the libFuzzer targets build-fuzz/fuzz_NAME
# (all, or those named) for SECONDS each, one after the other; print one line per target:
# its executions, or the crash it found.  make fuzz calls it; tests/t_fuzz_lib.sh too.
# Each target grows its own corpus in OUT/corpus/NAME from the committed seeds
# tests/fuzz/corpus/NAME (never written to) with the dictionary tests/fuzz/NAME.dict if
# there is one; a crash input goes to OUT/crash/NAME-..., its log to OUT/log/NAME.log.
# OUT is $FUZZ_OUT, by default build-fuzz; $FUZZ_FLAGS are more libFuzzer options
# (-max_len=65536, -jobs=2 ...).  Exit status 1 when a target crashed.
# Limits: a single allocation above 256 MB is a finding (no input of a few kilobytes
# deserves one), as is an input that takes more than 10 s.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:?usage: run.sh SECONDS [NAME...]}
shift
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$top"/tests/fuzz/fuzz_*.c; do
        n=${f##*/fuzz_}
        names+=("${n%.c}")
    done
fi
bins=$top/build-fuzz
out=${FUZZ_OUT:-$bins}
mkdir -p "$out/corpus" "$out/crash" "$out/log"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export OPENBLAS_NUM_THREADS=1
status=0 total=0
for n in "${names[@]}"; do
    bin=$bins/fuzz_$n
    [ -x "$bin" ] || { echo "fuzz_$n: not built (make fuzz-build)"; status=1; continue; }
    mkdir -p "$out/corpus/$n"
    seeds=()
    [ -d "$top/tests/fuzz/corpus/$n" ] && seeds=("$top/tests/fuzz/corpus/$n")
    dict=()
    [ -f "$top/tests/fuzz/$n.dict" ] && dict=(-dict="$top/tests/fuzz/$n.dict")
    log=$out/log/$n.log
    "$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 \
        -artifact_prefix="$out/crash/$n-" ${dict[@]+"${dict[@]}"} ${FUZZ_FLAGS:-} "$out/corpus/$n" ${seeds[@]+"${seeds[@]}"} \
        >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    ncorp=$(ls "$out/corpus/$n" | wc -l)
    if [ $rc -ne 0 ]; then
        status=1
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        why=$(grep -a -m1 -E '^==[0-9]+==ERROR|runtime error|fuzz check failed|ERROR: libFuzzer' "$log" | cut -c1-300 | tr -c '[:print:]\n' '?')
        printf 'fuzz_%-12s CRASH after %s executions: %s\n    input: %s (log %s)\n' "$n" "${execs:-?}" \
            "${why:-exit $rc}" "${art:-none}" "$log"
    else
        printf 'fuzz_%-12s %10s executions in %s s, corpus %s\n' "$n" "${execs:-?}" "$secs" "$ncorp"
        total=$((total + ${execs:-0}))
    fi
done
echo "total: $total executions"
exit $status
