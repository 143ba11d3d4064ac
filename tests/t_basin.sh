# t_basin.sh — wc-basin: the defaults' two basins against wc-run and wc-nullcline, the
# boundary against the separatrix, shard invariance, bad input.
. "$(dirname "$0")/lib.sh"

wc-basin --no-version > cells.tsv
wc-basin --what attractors --no-version > attr.tsv
check "defaults, I_E = 0: 40 x 40 = 1600 cells" sh -c "test \$(grep -vc '^#' cells.tsv) = 1600"
py "two fixed-point attractors, their counts add to 1600, each where a long wc-run from inside its basin ends (1e-9)" '
import numpy as np, subprocess
a = np.array([[float(v) for v in l.split()] for l in open("attr.tsv") if l.strip() and not l.startswith("#")])
assert a.shape[0] == 2 and (a[:, 1] == 0).all() and a[:, 2].sum() == 1600, a
c = np.array([[float(v) for v in l.split()] for l in open("cells.tsv") if l.strip() and not l.startswith("#")])
for lab in (0, 2):       # the labels are the fixed points of wc-nullcline --what fixed: rest, saddle, active
    cell = c[c[:, 3] == lab][len(c[c[:, 3] == lab]) // 2]
    out = subprocess.run(["wc-run", "-p", "rE0=%r,rI0=%r" % (cell[1], cell[2]), "--method", "expeuler", "-T", "3000", "--no-version"],
                         capture_output=True, text=True, check=True).stdout.strip().split("\n")[-1].split()
    got = np.array([float(out[1]), float(out[2])])
    att = a[a[:, 0] == lab][0, 4:6]
    assert np.allclose(got, att, atol=1e-9), (lab, got, att)
assert set(np.unique(c[:, 3])) == {0, 2}
'
wc-nullcline --what separatrix --rE 0:1 --rI 0:0.8 > sep.tsv
# the ODE's separatrix: the basins of exp-Euler at dt 0.1 (a map) differ from it by up to 0.016
wc-basin --what boundary --refine 10 --method rk4 --dt 0.02 --no-version > bnd.tsv
py "the refined basin boundary (rk4, dt 0.02) lies on the separatrix of wc-nullcline (within its bracket + 1e-3)" '
import numpy as np
b = np.array([[float(v) for v in l.split()] for l in open("bnd.tsv") if l.strip() and not l.startswith("#")])
s = np.array([[float(v) for v in l.split()] for l in open("sep.tsv") if l.strip() and not l.startswith("#")])[:, 2:4]
d = np.array([np.min(np.hypot(s[:, 0] - x, s[:, 1] - y)) for x, y in b[:, 1:3]])
assert len(b) > 20 and (d < b[:, 3] + 1e-3).all(), (len(b), d.max())
'

# shards
wc-basin --rE 0:1/12 --rI 0:0.8/10 --no-version -Ou -o all.wcb
for n in 1 2 3 7; do
    parts=""
    for k in $(seq 0 $((n - 1))); do
        wc-basin --rE 0:1/12 --rI 0:0.8/10 --no-version --shard $k/$n -Ou -o part$k.wcb
        parts="$parts part$k.wcb"
    done
    wc-basin --merge $parts --no-version -Ou -o merged.wcb
    same "$n shards merged = the unsharded run" all.wcb merged.wcb
    check "--hash prints the grid.hash of the output ($n shards)" sh -c "
        test \"\$(wc-basin --rE 0:1/12 --rI 0:0.8/10 --hash)\" = \"\$(wc-view -H merged.wcb | sed -n 's/^## grid.hash //p')\""
done

# bad input
fails "an empty --rE range" 2 "--rE:" wc-basin --rE 1:0:0.1
fails "a step of 0" 2 "the step is 0" wc-basin --rE 0:1:0
fails "--refine without --what boundary" 2 "--refine goes with --what boundary" wc-basin --refine 3
fails "shard K >= N" 2 "--shard:" wc-basin --shard 2/2
fails "noise has no basins" 2 "without noise" wc-basin -p sigma_E=0.1
fails "a full disk" 1 "wc-basin: /dev/full" wc-basin --rE 0:1/3 --rI 0:1/3 -o /dev/full
check "--help on stdout, exit 0" sh -c "wc-basin --help | grep -q '^Usage: wc-basin'"
