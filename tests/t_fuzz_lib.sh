# t_fuzz_lib.sh — libwc's parsers under libFuzzer (tests/fuzz/README): the targets built
# with clang under ASan and UBSan (make fuzz-build, in build-fuzz/), every input of
# tests/fuzz/regress/NAME/ (the crashes found so far, fixed) replayed through its target,
# then each target run for FUZZ_CHECK_TIME seconds (2) from its committed seeds, its
# executions reported.  Skipped when clang or libFuzzer is not installed.
. "$(dirname "$0")/lib.sh"
secs=${FUZZ_CHECK_TIME:-2}
if [ -n "${WC_SANITIZED:-}" ]; then   # the targets are the same build-fuzz/ binaries, with ASan of their own
    skip "fuzz targets" "run once, by the plain suite (make check)"
    exit 0
fi
probe='int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }'
if ! command -v clang > /dev/null || ! echo "$probe" | clang -fsanitize=fuzzer -x c -o probe - 2> /dev/null; then
    skip "fuzz targets" "clang/libFuzzer not installed (Debian: clang libclang-rt-14-dev; make deps)"
    exit 0
fi
# one build at a time: make check and make check SANITIZE=1 may run together
mkdir -p "$WC_TOP/build-fuzz"
if ! MAKEFLAGS= flock "$WC_TOP/build-fuzz/.lock" make -s -j2 -C "$WC_TOP" fuzz-build > build.log 2>&1; then
    notok "fuzz targets build" "$(grep -m3 -E 'error|Error' build.log)"
    exit 0
fi
ok "fuzz targets build (build-fuzz/)"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 OPENBLAS_NUM_THREADS=1
for d in "$WC_TOP"/tests/fuzz/regress/*/; do
    n=$(basename "$d")
    set -- "$d"*
    [ -e "$1" ] || continue
    if "$WC_TOP/build-fuzz/fuzz_$n" -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=10 "$@" > "replay_$n.log" 2>&1
    then ok "regress/$n: $# crash input(s) found so far replay through fuzz_$n cleanly"
    else notok "regress/$n: a crash input fails again" "$(grep -a -m1 -E '^Running:|ERROR|runtime error|fuzz check' "replay_$n.log" | tr -c '[:print:]\n' '?')"
    fi
done
FUZZ_OUT=$TMP/fuzz bash "$WC_TOP/tests/fuzz/run.sh" "$secs" > run.txt 2>&1
while read -r name what rest; do
    case $name in
        fuzz_*) if [ "$what" = CRASH ]; then
                    mkdir -p "$WC_TOP/build-fuzz/crash"
                    cp "$TMP"/fuzz/crash/* "$WC_TOP/build-fuzz/crash/" 2> /dev/null
                    notok "$name: no crash in $secs s" "$rest (input kept in build-fuzz/crash/)"
                else
                    ok "$name: $what executions in $secs s, no crash"
                fi ;;
    esac
done < run.txt
