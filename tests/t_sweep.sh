# t_sweep.sh — wc-sweep: attractors and regimes over grids, hysteresis against wc-cont's
# folds, the wc72 cycle against wc-psd and crossings, shard invariance, bad input.
. "$(dirname "$0")/lib.sh"

# defaults at I_E = 0: bistable, from the default starts
wc-sweep --grid I_E=0 --no-version > one.tsv
check "defaults, I_E = 0: two fixed points (regime bistable)" sh -c \
    "grep -v '^#' one.tsv | awk -F'\t' '{ n++; k += \$4 } END { exit !(n == 2 && k == 0) }' && grep -q '^## regime.1 bistable' one.tsv && test \$(grep -v '^#' one.tsv | cut -f14 | sort -u) = 1"

# hysteresis: the bistable window brackets wc-cont's folds and contains 0
wc-sweep --grid I_E=-1:1:0.01 --continue-state both --no-version > hyst.tsv
wc-cont --param I_E --range -2:6 --what special > sp.tsv
py "hysteresis up and down: the states differ exactly between the folds wc-cont finds" '
import numpy as np
rows = np.array([[float(v) for v in l.split()] for l in open("hyst.tsv") if l.strip() and not l.startswith("#")])
up = rows[rows[:, 2] == 0]; down = rows[rows[:, 2] == 1]
up = up[np.argsort(up[:, 1])]; down = down[np.argsort(down[:, 1])]
assert (up[:, 1] == down[:, 1]).all()
differ = abs(up[:, 8] - down[:, 8]) > 0.1          # rE_mean: rest on the way up, active on the way down
folds = sorted(float(l.split("\t")[4]) for l in open("sp.tsv") if l.startswith("fold\t"))
ie = up[:, 1]
inside = (ie > folds[0] + 0.011) & (ie < folds[1] - 0.011)
outside = (ie < folds[0] - 0.011) | (ie > folds[1] + 0.011)
assert differ[inside].all() and not differ[outside].any(), (folds, ie[differ])
assert differ[np.argmin(abs(ie))], "I_E = 0 is bistable"
'

# wc72 at I_E = 1.25: a cycle whose frequency is wc-psd's peak of a long run, and the crossings'
wc-sweep -x wc72 --grid I_E=1.25 --no-version > lc.tsv
wc-run -x wc72 -T 21000 --skip 1000 -Ou -o lc.wcb
wc-psd --vars rE --nperseg 65536 --peak --no-header lc.wcb > peak.tsv
py "wc72: one cycle; its frequency = wc-psd peak (to the PSD bin) and = the crossing period of a 20 s run (2e-5)" '
import numpy as np, subprocess
rows = [l.split("\t") for l in open("lc.tsv") if not l.startswith("#") and l.strip()]
assert len(rows) == 1 and float(rows[0][3]) == 1, rows
period, freq = float(rows[0][11]), float(rows[0][12])
peak = float(open("peak.tsv").read().split()[1])
assert abs(freq - peak) <= 10000 / 65536, (freq, peak)
out = subprocess.run(["wc-view", "-Ot", "--no-header", "lc.wcb"], capture_output=True, text=True, check=True).stdout
d = np.array([[float(v) for v in l.split()] for l in out.split("\n") if l])
t, x = d[:, 0], d[:, 1]; m = (x.max() + x.min()) / 2
up = np.nonzero((x[:-1] < m) & (x[1:] >= m))[0]
tc = t[up] + (m - x[up]) / (x[up + 1] - x[up]) * (t[up + 1] - t[up])
assert abs(np.diff(tc).mean() / period - 1) < 2e-5, (np.diff(tc).mean(), period)   # 1 s observed vs 20 s
'

# shards merged equal the unsharded run, byte for byte, whatever the threads, with noise too
for noise in "" "--noise-E 0.01 --no-early-stop -T 200 --transient 100"; do
    tag=${noise:+noisy}; tag=${tag:-plain}
    wc-sweep --grid I_E=-0.6:0.4/9 --grid wEE=11:13/4 --ics 3 $noise --no-version -t 1 -Ou -o all.wcb
    wc-sweep --grid I_E=-0.6:0.4/9 --grid wEE=11:13/4 --ics 3 $noise --no-version -t 2 -Ou -o all2.wcb
    same "$tag: threads 1 and 2 give the same bytes" all.wcb all2.wcb
    for n in 1 2 3 7; do
        parts=""
        for k in $(seq 0 $((n - 1))); do
            wc-sweep --grid I_E=-0.6:0.4/9 --grid wEE=11:13/4 --ics 3 $noise --no-version -t $((k % 2 + 1)) --shard $k/$n -Ou -o part$k.wcb
            parts="part$k.wcb $parts"
        done
        wc-sweep --merge $parts --no-version -Ou -o merged.wcb
        same "$tag: $n shards merged = the unsharded run" all.wcb merged.wcb
    done
done
check "--count prints the number of grid points" sh -c "test \$(wc-sweep --grid I_E=0:5.5:0.05 --grid wEE=8:20:0.5 --count) = 2640"
wc-sweep --grid I_E=0:1/4 --ics 2 --no-version --shard 0/2 -Ou -o p0.wcb
wc-sweep --grid I_E=0:1/5 --ics 2 --no-version --shard 1/2 -Ou -o p1.wcb
fails "merge refuses parts of different grids" 1 "wc-sweep: --merge:" wc-sweep --merge p0.wcb p1.wcb
fails "merge refuses a missing part" 1 "wc-sweep: --merge:" wc-sweep --merge p0.wcb
check "--hash prints the grid.hash of the part's header, whatever the shard" sh -c "
    test \"\$(wc-sweep --grid I_E=0:1/5 --ics 2 --shard 1/2 --hash)\" = \"\$(wc-view -H p1.wcb | sed -n 's/^## grid.hash //p')\" &&
    test \"\$(wc-sweep --grid I_E=0:1/5 --ics 2 --hash)\" = \"\$(wc-view -H p1.wcb | sed -n 's/^## grid.hash //p')\" &&
    test \"\$(wc-sweep --grid I_E=0:1/5 --ics 3 --hash)\" != \"\$(wc-view -H p1.wcb | sed -n 's/^## grid.hash //p')\""

# bad input
fails "no grid" 2 "no grid" wc-sweep
fails "an empty grid (arange with no points)" 2 "--grid:" wc-sweep --grid I_E=1:0:0.1
fails "a step of 0" 2 "the step is 0" wc-sweep --grid I_E=0:1:0
fails "an unknown parameter" 2 "--grid:" wc-sweep --grid foo=0:1/3
fails "a grid over the cap without --force" 2 "more than 10000000" wc-sweep --grid I_E=0:1/5000 --grid wEE=0:1/5000
fails "shard K >= N" 2 "--shard:" wc-sweep --grid I_E=0:1/3 --shard 3/3
fails "a malformed shard" 2 "--shard:" wc-sweep --grid I_E=0:1/3 --shard 1-3
fails "--continue-state on a 2-D grid" 2 "--continue-state walks a 1-D grid" wc-sweep --grid I_E=0:1/3 --grid wEE=1:2/2 --continue-state up
fails "a full disk" 1 "wc-sweep: /dev/full" wc-sweep --grid I_E=0 -o /dev/full
check "--help on stdout, exit 0" sh -c "wc-sweep --help | grep -q '^Usage: wc-sweep'"
