#!/usr/bin/env bash
# share/demo.sh — what wckit is for, in about a second (make demo): three pipelines, each
# printed as the command that runs it and then its one-line result.  The commands are
# the real ones: copied into a shell with the tools on PATH, they print the same line.
# Run from anywhere with the tools on PATH (make demo puts build/ first).
set -eu -o pipefail
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wckit-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"   # files the commands make land here and go at the end

show() {  # WHAT COMMAND: the comment, "$ COMMAND", then what the command prints
    printf '# %s\n$ %s\n' "$1" "$2"
    bash -e -o pipefail -c "$2"
}

show "one node kicked by a 10 ms pulse switches on and stays on (wc-stats' metrics)" \
    "wc-run -T 500 --stim 'E:pulse(100,110,2)' | wc-stats -c rE --no-header --precision 4 | awk '{ print \"rE peaks at \" \$4 \" (t = \" \$7 \" ms), latency \" \$8 \" ms, settles at \" \$9 }'"

show "the Wilson-Cowan 1972 limit cycle: its frequency from the rE spectrum" \
    "wc-run -x wc72 -T 1700 | wc-psd --vars rE --nperseg 16384 --peak --no-header --precision 4 | awk '{ print \"rE oscillates at \" \$2 \" Hz\" }'"

# An 80-node network with delays on the connectome wckit ships (hcp80: its Dmat as the
# lengths), its simulated FC compared with the empirical one (hcp80:FC) and the structure.
show "an 80-node network on the hcp80 connectome (delays from fibre lengths): fit of its FC to the empirical FC" \
    "wc-run --conn hcp80 --noise-E 0.01 --noise-I 0.01 -s 1 -T 6000 -Ou | wc-fc --skip 1000 --compare hcp80:FC --sc hcp80 --summary --no-header --precision 3 | awk '{ print \"FC of 80 nodes over \" \$2 \" samples: correlation \" \$4 \" with the empirical FC, \" \$5 \" with the structure\" }'"
