# tests/t_man.sh — the manual pages: every page lints cleanly with groff, every long
# option of a tool's --help is in its page, every tool has a page, and every EXAMPLES
# block (.EX/.EE) runs.  A block is turned back from roff into plain text (\- \e \(aq
# \(dq ...), then run as one bash script with "set -e -o pipefail" in a fresh empty
# directory with the built tools first on PATH; blocks may use only files they make.
# Run: WC_BIN=build bash tests/t_man.sh (tests/run.sh sets WC_TOP and the rest).
here=$(cd "$(dirname "$0")" && pwd)
WC_TOP=${WC_TOP:-$(cd "$here/.." && pwd)}
WC_BIN=${WC_BIN:-$WC_TOP/build}
case $WC_BIN in /*) ;; *) WC_BIN=$PWD/$WC_BIN ;; esac
. "$here/lib.sh"
MAN=$WC_TOP/man
# Seconds a block may take before it counts as a failure (the pages aim at ~2 s).
EX_TIMEOUT=${EX_TIMEOUT:-30}

pages=$(ls "$MAN"/*.[1-8] 2>/dev/null)
if [ -z "$pages" ]; then
    notok "man pages" "no pages in $MAN"
    exit 0
fi

# lint PAGE: groff with all warnings prints nothing.
lint() {
    local page=$1 name msgs
    name=$(basename "$page")
    if ! command -v groff >/dev/null; then
        skip "man $name: groff -man -ww -z" "groff is not installed (Debian: groff-base)"
        return
    fi
    msgs=$(groff -man -ww -z "$page" 2>&1)
    if [ $? -eq 0 ] && [ -z "$msgs" ]; then ok "man $name: groff -man -ww -z is clean"
    else notok "man $name: groff -man -ww -z" "$(printf '%s' "$msgs" | head -3 | tr '\n' ' ')"; fi
}

# Page text with roff's \- turned into -, for looking up option names.
plain_dashes() { sed 's/\\-/-/g' "$1"; }

# help_options PAGE: every long option printed by TOOL --help appears in PAGE.
help_options() {
    local page=$1 name tool help missing="" opt
    name=$(basename "$page")
    tool=${name%.1}
    if [ ! -x "$WC_BIN/$tool" ]; then
        notok "man $name: options of $tool --help" "$WC_BIN/$tool not built"
        return
    fi
    if ! help=$("$WC_BIN/$tool" --help 2>&1); then
        notok "man $name: options of $tool --help" "$tool --help failed"
        return
    fi
    local text
    text=$(plain_dashes "$page")
    for opt in $(printf '%s\n' "$help" | grep -oE -- '--[A-Za-z][A-Za-z0-9-]*' | sort -u); do
        printf '%s\n' "$text" | grep -qE -- "${opt}([^A-Za-z0-9-]|\$)" || missing="$missing $opt"
    done
    if [ -z "$missing" ]; then ok "man $name: documents every option of $tool --help"
    else notok "man $name: options of $tool --help" "missing:$missing"; fi
}

# extract_examples PAGE DIR: write the .EX/.EE blocks of the EXAMPLES section to
# DIR/1.sh, DIR/2.sh ... as plain text; prints the number of blocks.
extract_examples() {
    local page=$1 dir=$2
    awk -v dir="$dir" '
        /^\.SH/ { inex = ($0 ~ /^\.SH +"?EXAMPLES"?[ \t]*$/); next }
        !inex { next }
        /^\.EX/ { n++; f = dir "/" n ".sh"; printf "" > f; inblock = 1; next }
        /^\.EE/ { if (inblock) close(f); inblock = 0; next }
        inblock { print >> f }
        END { print n + 0 }' "$page"
    local f
    for f in "$dir"/*.sh; do
        [ -f "$f" ] || continue
        # \e first (to a placeholder), so every backslash left starts an escape
        sed -i -e 's/\\e/\x01/g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' \
            -e 's/\\(ti/~/g' -e 's/\\(ha/^/g' -e 's/\\(ga/`/g' -e 's/\\(rs/\x01/g' \
            -e 's/\\&//g' -e 's/\\f[BIRP]//g' -e 's/\\f(CW//g' -e 's/\\ / /g' \
            -e 's/\x01/\\/g' "$f"
    done
}

# Section 3 examples build programs on the installed library: install it once, under
# $TMP/inst, and point pkg-config (sysroot) and the loader there.  Under SANITIZE=1
# the library is instrumented, so the programs are too.
lib_env=()
install_lib() {
    [ ${#lib_env[@]} -gt 0 ] && return 0
    local root=$TMP/inst cc=cc
    make -s -C "$WC_TOP" install DESTDIR="$root" B="$(basename "$WC_BIN")" >"$TMP/inst.log" 2>&1 || return 1
    case $(basename "$WC_BIN") in *san*) cc="cc -fsanitize=address,undefined" ;; esac
    lib_env=(PKG_CONFIG_SYSROOT_DIR="$root" PKG_CONFIG_PATH="$root/usr/local/lib/pkgconfig"
             LD_LIBRARY_PATH="$root/usr/local/lib" CC="$cc")
}

# run_examples PAGE: one check per EXAMPLES block.
run_examples() {
    local page=$1 name dir n k f work rc t0 t1
    name=$(basename "$page")
    dir=$TMP/ex-$name
    mkdir -p "$dir"
    n=$(extract_examples "$page" "$dir")
    if [ "$n" -eq 0 ]; then
        notok "man $name: examples" "no .EX/.EE block in EXAMPLES"
        return
    fi
    local env=()
    case $name in *.3)
        if ! install_lib; then notok "man $name: examples" "make install failed: $(tail -2 "$TMP/inst.log")"; return; fi
        env=("${lib_env[@]}") ;;
    esac
    for k in $(seq 1 "$n"); do
        f=$dir/$k.sh
        if ! awk 'NF { exit !/^#/ }' "$f"; then
            notok "man $name: example $k" "does not start with a # comment line"
            continue
        fi
        work=$(mktemp -d "$TMP/run.XXXXXX")
        { echo 'set -e -o pipefail'; cat "$f"; } >"$work.sh"
        t0=$(date +%s.%N)
        (cd "$work" && env ${env[@]+"${env[@]}"} PATH="$WC_BIN:$PATH" timeout "$EX_TIMEOUT" bash "$work.sh") \
            >"$work.out" 2>"$work.err" </dev/null
        rc=$?
        t1=$(date +%s.%N)
        local secs
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
        if [ $rc -eq 0 ]; then ok "man $name: example $k runs (${secs} s)"
        elif [ $rc -eq 124 ]; then notok "man $name: example $k" "timed out after $EX_TIMEOUT s"
        else notok "man $name: example $k" "exit $rc: $(tail -3 "$work.err" | tr '\n' ' ' | head -c 300)"; fi
    done
}

# Every tool has a section-1 page.
for src in "$WC_TOP"/tools/wc-*.c; do
    [ -f "$src" ] || continue
    tool=$(basename "$src" .c)
    if [ -f "$MAN/$tool.1" ]; then ok "man $tool.1 exists"; else notok "man $tool.1 exists" "no page for $tool"; fi
done

for page in $pages; do
    lint "$page"
    case $page in *.1) help_options "$page" ;; esac
    run_examples "$page"
done

# Comments point at the pages' sections ("wc-model(7), NETWORKS"), which exist; never at
# the model's markdown notes, a file that is not in this repository.
py "comments name man page sections that exist, not the absent model notes" '
import glob, os, re, sys
top = sys.argv[1]
files = [f for d in ("lib", "tools", "tests", "bench", "pipelines", "share")
         for f in glob.glob(os.path.join(top, d, "**", "*"), recursive=True) if os.path.isfile(f)]
bad = []
ref = re.compile(r"(wc-[a-z]+)\(([1-8])\), ((?:[A-Z][A-Z]+(?: [A-Z]+)*(?:, | and )?)+)")
for f in files:
    try: text = open(f, encoding="utf-8").read()
    except (UnicodeDecodeError, OSError): continue
    if "model" + ".md" in text: bad.append(f + ": model" + ".md")
    for page, sec, names in ref.findall(text):
        path = os.path.join(top, "man", page + "." + sec)
        heads = set(re.findall(r"^\.SH (.+)$", open(path).read(), re.M)) if os.path.exists(path) else set()
        for name in re.split(r", | and ", names.strip(", ")):
            if name not in heads: bad.append("%s: %s(%s) has no section %s" % (f, page, sec, name))
assert not bad, bad
' "$WC_TOP"
