# t_bad.sh — the bad-input catalogue: every case of tests/bad/cases.tsv (inputs made by
# tests/bad/setup.sh) exits with its code and says one thing: its first stderr line starts
# with the case's message, and that line is all (a usage error, exit 2, adds the one
# standard "Try 'PROG --help'" line).  Nothing goes to stdout, and the directory is as it
# was: no -o file, no temporary file, an existing file untouched.  A crash, a hang (30 s)
# or a sanitizer report fails the case.
. "$(dirname "$0")/lib.sh"

mkdir in && cd in || exit 1
if ! . "$WC_TOP/tests/bad/setup.sh" > ../setup.log 2>&1; then
    notok "tests/bad/setup.sh makes the inputs" "$(tail -3 ../setup.log)"
    exit 0
fi
ok "tests/bad/setup.sh makes the inputs"

# root reads a file of mode 000 anyway: that case is skipped, not passed
unreadable_skip=
[ -r unreadable.tsv ] && unreadable_skip="running as uid $(id -u), which reads a file of mode 000 anyway"

# every file with its inode, size, time and mode (a directory's own time changes when a
# temporary file comes and goes: only what is in it counts)
snapshot() { find . -mindepth 1 \( -type d -printf '%p/\n' \) -o -printf '%p %i %s %T@ %m\n'; }
before=$(snapshot)
n=0 bad=0
while IFS=$'\t' read -r name code msg cmd; do
    case $name in '' | '#'*) continue ;; esac
    n=$((n + 1))
    prog=${msg%%:*}
    label="$prog: $name"
    if [[ $cmd == *unreadable* && -n $unreadable_skip ]]; then
        skip "$label" "$unreadable_skip"
        continue
    fi
    timeout 30 bash -c "$cmd" < /dev/null > ../case.out 2> ../case.err
    rc=$?
    mapfile -t err < ../case.err
    first=${err[0]-} lines=${#err[@]}
    why=
    if [ $rc -eq 124 ]; then why="hangs (killed after 30 s)"
    elif [ $rc -ne "$code" ]; then why="exit $rc, not $code"
    elif [[ $first != "$msg"* ]]; then why="first stderr line is not '$msg...'"
    elif [ "$code" -eq 2 ] && { [ "$lines" -ne 2 ] || [ "${err[1]}" != "Try '$prog --help' for more information." ]; }; then
        why="$lines stderr lines, not the message and the --help hint"
    elif [ "$code" -ne 2 ] && [ "$lines" -ne 1 ]; then why="$lines stderr lines, not 1"
    elif [ -s ../case.out ]; then why="$(wc -c < ../case.out) bytes on stdout"
    elif [ "$(snapshot)" != "$before" ]; then why="files left or changed: $(diff <(echo "$before") <(snapshot) | grep '^[<>]' | head -3 | tr '\n' ' ')"
    fi
    if [ -z "$why" ]; then ok "$label"
    else
        notok "$label" "$why; $cmd; stderr: $(head -c 300 ../case.err | tr '\n' '|')"
        bad=$((bad + 1))
    fi
done < "$WC_TOP/tests/bad/cases.tsv"
check "the catalogue has at least 60 cases ($n)" test "$n" -ge 60
