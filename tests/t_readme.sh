# t_readme.sh — the README's pipeline example runs as written and makes its figure.
. "$(dirname "$0")/lib.sh"
awk '/^## A pipeline/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme.sh
check "README pipeline example runs" bash -e -o pipefail readme.sh
check "README pipeline example makes pulse.png" test -s pulse.png

awk '/^## A network/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme_net.sh
check "README network example runs" bash -e -o pipefail readme_net.sh
check "README network example writes 60001 rows of t and the 80 regions of hcp80" \
    bash -c 'wc-view -H net.wcb | grep -q "^## nrows 60001$" && wc-view -H net.wcb | grep -q "^# t	Precentral_L	.*	Temporal_Inf_R$"'

awk '/^## Phase plane and bifurcations/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme_phase.sh
bash -e -o pipefail readme_phase.sh > readme_phase.out 2> readme_phase.err
check "README phase-plane example runs and makes phase.png" test $? = 0 -a -s phase.png
check "... its comments say what it prints: three fixed points, two folds, basins of 483 and 1117 starts" sh -c \
    "grep -c '^stable-node\|^saddle' readme_phase.out | grep -qx 3 && grep -c '^fold' readme_phase.out | grep -qx 2 && grep -qx '0	0	483	0.301875' readme_phase.out && grep -qx '2	0	1117	0.698125' readme_phase.out"

# the gallery's limit-cycle caption: its command gives the frequency it quotes
cap=$(grep -o 'peak at [0-9.]* Hz from `[^`]*`' "$WC_TOP/README.md" | head -1)
hz=$(echo "$cap" | sed 's/peak at \([0-9.]*\) Hz.*/\1/')
cmd=$(echo "$cap" | sed 's/.*from `\(.*\)`/\1/; s/\\|/|/g')
got=$(bash -o pipefail -c "$cmd" 2>caption.err | awk -F'\t' '$1 == "rE" { printf "%.1f", $2 }')
check "README limit-cycle caption: '$cmd' gives ${hz:-?} Hz (got ${got:-nothing})" test -n "$hz" -a "$got" = "$hz"
check "... with no warning" test ! -s caption.err

# the gallery's bistability caption: its command gives the basin counts it quotes
cap=$(grep -o '[0-9]* to rest and [0-9]* to the active state from `[^`]*`' "$WC_TOP/README.md" | head -1)
want=$(echo "$cap" | sed 's/^\([0-9]*\) to rest and \([0-9]*\) to .*/\1 \2/')
cmd=$(echo "$cap" | sed 's/.*from `\(.*\)`/\1/')
got=$(bash -o pipefail -c "$cmd" 2>caption2.err | awk -F'\t' '!/^#/ && NF { n[$1] = $3 } END { print n[0], n[2] }')
check "README bistability caption: '$cmd' gives ${want:-?} starts to rest and to the active state (got ${got:-nothing})" \
    test -n "$cap" -a "$got" = "$want"
check "... with no warning" test ! -s caption2.err

# make demo (the README's first command): three pipelines, each its command then one line
start=$(date +%s%N)
bash "$WC_TOP/share/demo.sh" > demo.out 2> demo.err
rc=$?
end=$(date +%s%N)
check "demo runs (exit $rc), quietly" test $rc -eq 0 -a ! -s demo.err
check "... in a few seconds (< 10 s on a loaded machine; about 1 s here)" test $(( (end - start) / 1000000 )) -lt 10000
check "... three commands, each followed by one line of result" \
    awk '/^\$ / { n++; getline r; if (r ~ /^[#$]/ || r == "") exit 1 } END { exit !(n == 3) }' demo.out
check "... the pulse response's metrics, the limit cycle's frequency, the network's FC fit" \
    sh -c 'grep -q "^rE peaks at 0.489.*settles at 0.462" demo.out && grep -qx "rE oscillates at 115.4 Hz" demo.out && grep -q "^FC of 80 nodes .*correlation" demo.out'
check "... no screen of zeros" test "$(grep -vc '^[#$]' demo.out)" -eq 3
sed -n 's/^\$ //p' demo.out > demo.cmds
awk '/^\$ / { getline r; print r }' demo.out > demo.want
check "... each command, run again, prints the line shown" \
    bash -c 'while IFS= read -r c; do bash -e -o pipefail -c "$c"; done < demo.cmds | diff - demo.want'
check "make demo runs share/demo.sh" sh -c "make -s -n -C '$WC_TOP' demo | grep -q 'share/demo.sh'"
