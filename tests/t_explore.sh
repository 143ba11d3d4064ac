# t_explore.sh — wc-explore: shard and thread invariance (byte for byte), every score of a
# point equal to the pipeline run by hand for it (wc-run | wc-fc, wc-run | wc-bold |
# wc-fc), the saved FC, memory independent of the duration, and bad input refused
# before any work.  Short runs of the shipped hcp80 (80 nodes).
. "$(dirname "$0")/lib.sh"

# row INDEX COLUMN FILE: a cell of a wc-explore TSV, columns by name
row() { awk -v i="$1" -v c="$2" -F'\t' '/^# index/ { sub(/^# /, ""); for (k = 1; k <= NF; k++) col[$k] = k; next }
        /^#/ { next } $1 == i { print $(col[c]) }' "$3"; }

G="--grid k=0.5:1.5/3 --grid sigma=0.005:0.01/2 -T 300 --transient 100 --no-version"

# ---- shards and threads ----
wc-explore $G -t 1 -Ou -o all.wcb
wc-explore $G -t 2 -Ou -o all2.wcb
same "threads 1 and 2 give the same bytes" all.wcb all2.wcb
for n in 1 2 3; do
    parts=""
    for k in $(seq 0 $((n - 1))); do
        wc-explore $G -t $((k % 2 + 1)) --shard $k/$n -Ou -o part$k.wcb
        parts="part$k.wcb $parts"
    done
    wc-explore --merge $parts --no-version -Ou -o merged.wcb
    same "$n shards merged = the unsharded run" all.wcb merged.wcb
done
check "--count prints the number of grid points" sh -c "test \$(wc-explore --grid k=0:2/11 --grid speed=1:10/10 --count) = 110"
wc-explore --grid k=0:1/4 -T 100 -q --no-version --shard 0/2 -Ou -o p0.wcb
wc-explore --grid k=0:1/5 -T 100 -q --no-version --shard 1/2 -Ou -o p1.wcb
fails "merge refuses parts of different grids" 1 "wc-explore: --merge:" wc-explore --merge p0.wcb p1.wcb
# the hash covers the empirical FC's contents, not only its name
awk 'BEGIN { for (i = 0; i < 80; i++) { for (j = 0; j < 80; j++) printf "%s%g", j ? " " : "", i == j ? 1 : 0.1; print "" } }' > emp.txt
wc-explore --grid k=0:1/4 -T 100 -q --no-version --fc-emp emp.txt --shard 0/2 -Ou -o e0.wcb
sed -i '1s/^1 /0.9 /' emp.txt
wc-explore --grid k=0:1/4 -T 100 -q --no-version --fc-emp emp.txt --shard 1/2 -Ou -o e1.wcb
fails "merge refuses shards scored against different empirical FCs of the same name" 1 "wc-explore: --merge:" \
    wc-explore --merge e0.wcb e1.wcb
check "--hash prints the grid.hash of the part's header" sh -c "
    test \"\$(wc-explore --grid k=0:1/4 -T 100 --fc-emp emp.txt --hash)\" = \"\$(wc-view -H e1.wcb | sed -n 's/^## grid.hash //p')\""

# ---- a point's scores = the pipeline by hand, with the seed of its row ----
wc-explore --grid k=0.8:1.2/2 --grid speed=3 --sigma 0.01 -T 2000 --transient 500 --window 200 --step 100 \
    --no-version -Ot > raw.tsv
seed=$(row 1 seed raw.tsv)
wc-run --conn hcp80 -k 1.2 --speed 3 --noise-E 0.01 --noise-I 0.01 -s "$seed" -T 2000 --skip 500 -Ou -o run1.wcb
wc-fc --compare hcp80:FC --sc hcp80 --window 200 --step 100 --summary run1.wcb > hand.tsv
check "raw rE: fc_mean, fc_corr, sc_corr, fcd_mean = wc-run | wc-fc --summary, exactly" sh -c "
    test \"\$(awk 'NR == 2 { print \$3, \$6, \$7, \$5 }' hand.tsv)\" = \"$(row 1 fc_mean raw.tsv) $(row 1 fc_corr raw.tsv) $(row 1 sc_corr raw.tsv) $(row 1 fcd_mean raw.tsv)\" &&
    test \"\$(awk 'NR == 2 { print \$2, \$4 }' hand.tsv)\" = \"$(row 1 samples raw.tsv) $(row 1 windows raw.tsv)\""
# the FCD fit: an empirical FCD matrix from another run (wc-fc --window writes it)
wc-run --conn hcp80 --noise-E 0.01 --noise-I 0.01 -s 99 -T 2000 --skip 500 -Ou | wc-fc --window 200 --step 100 -Ot -o fcd_emp.tsv
wc-explore --grid k=1.2 --grid speed=3 --sigma 0.01 -T 2000 --transient 500 --window 200 --step 100 \
    --fcd-emp fcd_emp.tsv --no-version -Ot > ks.tsv
seed=$(row 0 seed ks.tsv)
wc-run --conn hcp80 -k 1.2 --speed 3 --noise-E 0.01 --noise-I 0.01 -s "$seed" -T 2000 --skip 500 -Ou |
    wc-fc --compare-fcd fcd_emp.tsv --window 200 --step 100 --summary > hand_ks.tsv
check "fcd_ks = wc-fc --compare-fcd's ks, exactly" sh -c "test \"\$(awk 'NR == 2 { print \$NF }' hand_ks.tsv)\" = $(row 0 fcd_ks ks.tsv)"

# through BOLD: wc-run | wc-bold | wc-fc
if [ -x "$WC_BIN/wc-bold" ]; then
    wc-explore --grid k=1 --grid speed=2:6/2 --sigma 0.01 -T 20000 --transient 5000 --bold --tr 0.72 \
        --window 10samples --step 2samples --no-version -Ot > bold.tsv
    seed=$(row 1 seed bold.tsv)
    wc-run --conn hcp80 -k 1 --speed 6 --noise-E 0.01 --noise-I 0.01 -s "$seed" -T 20000 -Ou |
        wc-bold --tr 0.72 --skip 5 -Ou | wc-fc --compare hcp80:FC --sc hcp80 --window 10samples --step 2samples --summary > hand_bold.tsv
    check "BOLD: samples, fc_mean, fc_corr, sc_corr, fcd_mean = wc-run | wc-bold | wc-fc, exactly" sh -c "
        test \"\$(awk 'NR == 2 { print \$2, \$3, \$6, \$7, \$5 }' hand_bold.tsv)\" = \"$(row 1 samples bold.tsv) $(row 1 fc_mean bold.tsv) $(row 1 fc_corr bold.tsv) $(row 1 sc_corr bold.tsv) $(row 1 fcd_mean bold.tsv)\""
else
    skip "BOLD scores = wc-run | wc-bold | wc-fc" "no wc-bold in $WC_BIN"
fi

# --save-fc: the point's FC = wc-fc's matrix of the same run
wc-explore --grid k=1.2 --grid speed=3 --sigma 0.01 -T 2000 --transient 500 --save-fc fcdir --no-version -Ot > saved.tsv
seed=$(row 0 seed saved.tsv)
wc-run --conn hcp80 -k 1.2 --speed 3 --noise-E 0.01 --noise-I 0.01 -s "$seed" -T 2000 --skip 500 -Ou | wc-fc -Ot -o fc_hand.tsv
py "--save-fc writes the point's FC (= wc-fc's matrix)" '
import numpy as np
a = np.load("fcdir/fc_0.npy")
b = np.array([[float(v) for v in l.split()] for l in open("fc_hand.tsv") if l.strip() and not l.startswith("#")])
assert a.shape == (80, 80) and b.shape == (80, 80), (a.shape, b.shape)
assert (a == b).all(), abs(a - b).max()
'

# memory: the same peak RSS for 1 s and 10 s simulated (one thread)
rss() { wc-explore --grid k=1 --sigma 0.01 -T "$1" -t 1 -v --no-version -o /dev/null 2>&1 | sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p'; }
r1=$(rss 1000); r10=$(rss 10000)
check "peak RSS does not grow with the duration ($r1 MB for 1 s, $r10 MB for 10 s; < 30 MB)" \
    awk -v a="$r1" -v b="$r10" 'BEGIN { exit !(a != "" && b - a < 2 && b < 30) }'

# ---- bad input: refused before any work (-T 1e9 would run for hours) ----
fails "no grid" 2 "no grid" wc-explore
fails "an unknown grid parameter" 2 "unknown parameter 'foo'" timeout 10 wc-explore --grid foo=0:1/3 -T 1e9
fails "a negative speed on the grid" 2 "speed must be > 0" timeout 10 wc-explore --grid speed=-1:1/3 -T 1e9
fails "sigma with an axis on sigma_E" 2 "sigma sets sigma_E" timeout 10 wc-explore --grid sigma=0:1/2 --grid sigma_E=0:1/2 -T 1e9
printf '1\t0.5\n0.5\t1\n' > fc2.tsv
fails "an empirical FC of the wrong size" 1 "--fc-emp: fc2.tsv is 2 x 2, but the network has 80 nodes" \
    timeout 10 wc-explore --grid k=1 --fc-emp fc2.tsv -T 1e9
fails "TR shorter than dt" 2 "--tr 0.0001 s is shorter than --dt 0.5 ms" timeout 10 wc-explore --grid k=1 --bold --tr 0.0001 --dt 0.5 -T 1e9
fails "--fcd-emp without --window" 2 "--fcd-emp needs --window" wc-explore --grid k=1 --fcd-emp fcd_emp.tsv
fails "a transient as long as the run" 2 "not longer than --transient" wc-explore --grid k=1 -T 100 --transient 100
fails "a missing connectome" 1 "nosuch.tsv" timeout 10 wc-explore --grid k=1 --conn nosuch.tsv -T 1e9
check "--help on stdout, exit 0" sh -c "wc-explore --help | grep -q '^Usage: wc-explore'"
