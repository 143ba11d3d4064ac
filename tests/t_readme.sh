# t_readme.sh — the README's pipeline example runs as written and makes its figure.
. "$(dirname "$0")/lib.sh"
awk '/^## A pipeline/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme.sh
check "README pipeline example runs" bash -e -o pipefail readme.sh
check "README pipeline example makes pulse.png" test -s pulse.png

awk '/^## A network/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme_net.sh
check "README network example runs" bash -e -o pipefail readme_net.sh
check "README network example writes 60001 rows of t and the 80 regions of hcp80" \
    bash -c 'wc-view -H net.wcb | grep -q "^## nrows 60001$" && wc-view -H net.wcb | grep -q "^# t	Precentral_L	.*	Temporal_Inf_R$"'
