# t_install.sh — make install / uninstall with DESTDIR and PREFIX; the installed tools
# find their presets, man pages and shipped data.
. "$(dirname "$0")/lib.sh"
root=$TMP/root
make -s -C "$WC_TOP" install DESTDIR="$root" PREFIX=/usr/local B="$(basename "$WC_BIN")" > install.log 2>&1
check "make install DESTDIR=... PREFIX=/usr/local" test -x "$root/usr/local/bin/wc-run"
check "man pages installed" test -f "$root/usr/local/share/man/man1/wc-run.1" -a -f "$root/usr/local/share/man/man5/wc-stream.5" -a -f "$root/usr/local/share/man/man7/wc-model.7"
check "presets installed" test -f "$root/usr/local/share/wckit/presets/wc72.params"
check "installed wc-run finds its presets" sh -c "env -u WCKIT_PRESETS '$root/usr/local/bin/wc-run' -x wc72 -T 1 --vars rE | grep -q '^## param.wEE 16$'"
check "shipped data installed (DATADIR/data/hcp80)" test -f "$root/usr/local/share/wckit/data/hcp80/Cmat.tsv.gz" -a -f "$root/usr/local/share/wckit/data/hcp80/README.md"
check "installed wc-conn finds hcp80 and its lengths" sh -c "env -u WCKIT_DATA '$root/usr/local/bin/wc-conn' info --no-version hcp80 | grep -qx 'delay_max_steps	1242'"
make -s -C "$WC_TOP" uninstall DESTDIR="$root" PREFIX=/usr/local B="$(basename "$WC_BIN")" > uninstall.log 2>&1
check "make uninstall removes everything" test -z "$(find "$root" -type f)"
