# t_install.sh — make install / uninstall with DESTDIR and PREFIX; the installed tools
# find their presets, man pages and shipped data; a program of one's own
# (share/examples/example.c) builds against the installed library with nothing but
# pkg-config, as C and as C++, linked statically and dynamically; the shared library
# exports exactly the functions the public headers declare; uninstall removes exactly
# what install wrote.
. "$(dirname "$0")/lib.sh"
root=$TMP/root
usr=$root/usr/local
# files of other packages in the same directories, which uninstall must leave alone
mkdir -p "$usr/lib/pkgconfig" "$usr/include" "$usr/bin" "$usr/share/man/man1"
touch "$usr/lib/libother.so" "$usr/lib/pkgconfig/other.pc" "$usr/include/other.h" "$usr/bin/other" \
    "$usr/share/man/man1/other.1"
( cd "$root" && find . ! -type d | sort ) > before.txt
make -s -C "$WC_TOP" install DESTDIR="$root" PREFIX=/usr/local B="$(basename "$WC_BIN")" > install.log 2>&1
check "make install DESTDIR=... PREFIX=/usr/local" test -x "$usr/bin/wc-run"
check "man pages installed" test -f "$usr/share/man/man1/wc-run.1" -a -f "$usr/share/man/man5/wc-stream.5" -a -f "$usr/share/man/man7/wc-model.7"
check "presets installed" test -f "$usr/share/wckit/presets/wc72.params"
check "installed wc-run finds its presets" sh -c "env -u WCKIT_PRESETS '$usr/bin/wc-run' -x wc72 -T 1 --vars rE | grep -q '^## param.wEE 16$'"
check "the library, its headers, wckit.pc and the example installed" test -f "$usr/lib/libwc.a" -a -L "$usr/lib/libwc.so" \
    -a -f "$usr/include/wckit/wckit.h" -a -f "$usr/lib/pkgconfig/wckit.pc" -a -f "$usr/share/wckit/examples/example.c"
check "shipped data installed (DATADIR/data/hcp80)" test -f "$usr/share/wckit/data/hcp80/Cmat.tsv.gz" -a -f "$usr/share/wckit/data/hcp80/README.md"
check "installed wc-conn finds hcp80 and its lengths" sh -c "env -u WCKIT_DATA '$usr/bin/wc-conn' info --no-version hcp80 | grep -qx 'delay_max_steps	1242'"

# ---- the library as a user sees it ----
pc() { PKG_CONFIG_PATH=$usr/lib/pkgconfig pkg-config --define-variable=prefix="$usr" "$@" wckit; }
check "pkg-config finds wckit, relocated to DESTDIR" sh -c \
    "echo ' $(pc --cflags --libs) ' | grep -q -- ' -I$usr/include .* -L$usr/lib -lwc '"
check "wckit.h includes every installed public header" sh -c "cd '$usr/include/wckit' &&
    for h in wc_*.h; do grep -q \"^#include \\\"\$h\\\"\" wckit.h || { echo \"\$h\" >&2; exit 1; }; done"
hdr_ok() {  # LANG COMPILER...: every installed header alone, and wckit.h, compiles cleanly
    local lang=$1 h; shift
    for h in "$usr"/include/wckit/*.h; do
        printf '#include <wckit/%s>\n#include <wckit/%s>\n' "${h##*/}" "${h##*/}" > "hdr.$lang"
        "$@" $(pc --cflags) -Wall -Wextra -Werror -fsyntax-only "hdr.$lang" || { echo "${h##*/}" >&2; return 1; }
    done
}
check "each public header compiles on its own (twice) as C11" hdr_ok c cc -std=c11 -x c
check "each public header compiles on its own (twice) as C++11" hdr_ok cc c++ -std=c++11 -x c++

ex=$usr/share/wckit/examples/example.c
# a library built with SANITIZE=1 needs its runtime in the program too
case ${WC_BIN%/} in *-san) san="-fsanitize=address,undefined" ;; *) san= ;; esac
libs=$(pc --libs --static)
check "example.c as C, libwc linked statically" cc $san -std=c11 -Wall -Wextra -Werror -o ex_c_static $(pc --cflags) "$ex" ${libs/-lwc/-l:libwc.a}
check "example.c as C, libwc.so" cc $san -std=c11 -Wall -Wextra -Werror -o ex_c_dyn $(pc --cflags) "$ex" $(pc --libs)
check "example.c as C++, libwc linked statically" c++ $san -Wall -Wextra -Werror -o ex_cc_static $(pc --cflags) -x c++ "$ex" -x none \
    ${libs/-lwc/-l:libwc.a}
check "example.c as C++, libwc.so" c++ $san -Wall -Wextra -Werror -o ex_cc_dyn $(pc --cflags) -x c++ "$ex" -x none $(pc --libs)
check "the static builds do not need libwc.so, the dynamic ones do" sh -c \
    "! readelf -d ex_c_static ex_cc_static | grep -q 'NEEDED.*libwc' &&
     readelf -d ex_c_dyn | grep -q 'NEEDED.*\[libwc.so.[0-9]*\]' && readelf -d ex_cc_dyn | grep -q 'NEEDED.*\[libwc.so.[0-9]*\]'"
# what the example prints, from the installed wc-run on the same run
"$usr/bin/wc-run" --stim 'E:pulse(100,110,2)' -T 200 --vars rE | grep -v '^#' |
    awk '$2 > p { p = $2; t = $1 } END { printf "example: %d rows, rE peak %.6f at t = %g ms\n", NR, p, t }' > want.txt
for b in ex_c_static ex_c_dyn ex_cc_static ex_cc_dyn; do
    LD_LIBRARY_PATH=$usr/lib ./$b "$b.wcb" > "$b.txt" 2> "$b.err"
    check "$b runs and prints what wc-run computes: $(cat want.txt)" sh -c "cmp -s $b.txt want.txt && test ! -s $b.err"
done
check "  ... and its stream reads as wc-run's" sh -c \
    "'$usr/bin/wc-view' --no-header ex_c_dyn.wcb | cut -f 1,2 > a.tsv &&
     '$usr/bin/wc-run' --stim 'E:pulse(100,110,2)' -T 200 --vars rE | grep -v '^#' > b.tsv && cmp -s a.tsv b.tsv"
check "libwc.so exports exactly the wc_* functions the public headers declare" sh -c "
    printf '#include <wckit/wckit.h>\n' > all.c && cc $(pc --cflags) -aux-info protos.txt -fsyntax-only all.c &&
    grep '$usr/include/wckit/' protos.txt | grep -v ' static ' | sed 's/ *(.*//; s/.* [*]*//' | sort -u > declared.txt &&
    nm -D --defined-only '$usr/lib/libwc.so' | awk '\$2 != \"T\" || \$3 !~ /^wc_/ { print \"not a wc_ function: \" \$0; exit 1 }
        { print \$3 }' | sort -u > exported.txt && test -s declared.txt && diff declared.txt exported.txt >&2"

make -s -C "$WC_TOP" uninstall DESTDIR="$root" PREFIX=/usr/local B="$(basename "$WC_BIN")" > uninstall.log 2>&1
( cd "$root" && find . ! -type d | sort ) > after.txt
check "make uninstall removes exactly what install wrote (files and links; others' stay)" diff before.txt after.txt

# another PREFIX after the build: wckit.pc names it (it is remade when the directories change)
make -s -C "$WC_TOP" install DESTDIR="$TMP/opt" PREFIX=/opt/wc B="$(basename "$WC_BIN")" > install2.log 2>&1
check "make install PREFIX=/opt/wc writes prefix=/opt/wc into wckit.pc" grep -qx 'prefix=/opt/wc' "$TMP/opt/opt/wc/lib/pkgconfig/wckit.pc"
make -s -C "$WC_TOP" all B="$(basename "$WC_BIN")" > /dev/null 2>&1
check "and the build's own wckit.pc goes back to the default prefix" grep -qx 'prefix=/usr/local' "$WC_BIN/wckit.pc"
