#!/usr/bin/env bash
# check.sh — the pipelines' own test: each argument is either a figure (PNG) that must
# exist and be a non-empty PNG, or FILE=COLUMNS (comma-separated) whose column line
# must be exactly these names.  Called by `make -C pipelines check`.
set -u
fail=0
for arg in "$@"; do
    if [[ $arg == *=* ]]; then
        file=${arg%%=*} want=${arg#*=}
        case $file in   # a text table's first "# " line; a binary stream's through wc-view
        *.tsv) got=$(grep -m1 '^# ' "$file" 2>/dev/null | sed 's/^# //' | tr '\t' ',') ;;
        *) got=$(wc-view -H "$file" 2>/dev/null | sed -n 's/^# //p' | tr '\t' ',') ;;
        esac
        if [ "$got" != "$want" ]; then echo "check: $file: columns '$got', want '$want'" >&2; fail=1; fi
    else
        magic=$(head -c 8 "$arg" 2>/dev/null | od -An -tx1 | tr -d ' \n')
        if [ "$magic" != 89504e470d0a1a0a ] || [ ! -s "$arg" ]; then echo "check: $arg: missing or not a PNG" >&2; fail=1; fi
    fi
done
[ $fail -eq 0 ] && echo "pipelines check: $# figures and data files as expected"
exit $fail
