# tests/lib.sh — helpers for the shell tests (sourced).  Each check prints one
# "ok - NAME" / "not ok - NAME" line; tests/run.sh counts them.  A test file also runs
# on its own, from any directory: bash tests/t_stats.sh (defaults in tests/env.sh).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
PATH=$WC_BIN:$PATH
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wckit-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1${2:+: $2}"; }
skip() { echo "skip - $1: $2"; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
    local name=$1; shift
    if "$@" >"$TMP/.out" 2>"$TMP/.err"; then ok "$name"; else notok "$name" "$(head -c 300 "$TMP/.err")"; fi
}

# fails NAME CODE MESSAGE COMMAND...: passes when COMMAND exits with CODE and the first
# stderr line contains MESSAGE.
fails() {
    local name=$1 code=$2 msg=$3; shift 3
    "$@" >"$TMP/.out" 2>"$TMP/.err"
    local rc=$? first
    first=$(head -1 "$TMP/.err")
    if [ $rc -eq "$code" ] && [[ "$first" == *"$msg"* ]]; then ok "$name"
    else notok "$name" "exit $rc (want $code), stderr: $first"; fi
}

# same NAME FILE1 FILE2: byte-identical files.
same() {
    if cmp -s "$2" "$3"; then ok "$1"; else notok "$1" "$2 and $3 differ"; fi
}

# py NAME SCRIPT [ARGS]: run a Python check (Debian python3 with numpy/scipy); it
# exits 0 on success and prints the reason otherwise.
py() {
    local name=$1 script=$2; shift 2
    if "$PYTHON" -c "$script" "$@" >"$TMP/.pyout" 2>&1; then ok "$name"
    else notok "$name" "$(tail -3 "$TMP/.pyout" | tr '\n' ' ')"; fi
}

# field FILE ROWNAME COLNAME: a cell of a wc-stats table (rows by column name).
field() {
    awk -v r="$2" -v c="$3" -F'\t' '/^# column/ { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
        /^#/ { next } $1 == r { print $(col[c]) }' "$1"
}

# approx A B TOL: |A - B| <= TOL
approx() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
