# t_readme.sh — the README's pipeline example runs as written and makes its figure.
. "$(dirname "$0")/lib.sh"
awk '/^## A pipeline/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme.sh
check "README pipeline example runs" bash -e -o pipefail readme.sh
check "README pipeline example makes pulse.png" test -s pulse.png

awk '/^## A network/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme_net.sh
check "README network example runs" bash -e -o pipefail readme_net.sh
check "README network example writes 60001 rows of t rE0 .. rE79" \
    bash -c 'wc-view -H net.wcb | grep -q "^## nrows 60001$" && wc-view -H net.wcb | grep -q "rE79$"'

# the gallery's limit-cycle caption: its command gives the frequency it quotes
cap=$(grep -o 'peak at [0-9.]* Hz from `[^`]*`' "$WC_TOP/README.md" | head -1)
hz=$(echo "$cap" | sed 's/peak at \([0-9.]*\) Hz.*/\1/')
cmd=$(echo "$cap" | sed 's/.*from `\(.*\)`/\1/; s/\\|/|/g')
got=$(bash -o pipefail -c "$cmd" 2>caption.err | awk -F'\t' '$1 == "rE" { printf "%.1f", $2 }')
check "README limit-cycle caption: '$cmd' gives ${hz:-?} Hz (got ${got:-nothing})" test -n "$hz" -a "$got" = "$hz"
check "... with no warning" test ! -s caption.err
