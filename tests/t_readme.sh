# t_readme.sh — the README's pipeline example runs as written and makes its figure.
. "$(dirname "$0")/lib.sh"
awk '/^## A pipeline/ { f = 1 } f && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$WC_TOP/README.md" > readme.sh
check "README pipeline example runs" bash -e -o pipefail readme.sh
check "README pipeline example makes pulse.png" test -s pulse.png
