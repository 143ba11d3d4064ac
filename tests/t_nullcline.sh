# t_nullcline.sh — wc-nullcline: fixed points against an independent root finder and
# against simulation (wc-run), nullclines, field, separatrices, bad input.
. "$(dirname "$0")/lib.sh"

# the defaults at I_E = 0: bistable (the picture the reference tutorial failed to show)
wc-nullcline --what fixed > fp.tsv
check "defaults: stable rest, saddle, stable active state" sh -c \
    "grep -v '^#' fp.tsv | cut -f1 | tr '\n' ' ' | grep -qx 'stable-node saddle stable-node '"
py "fixed points equal an independent solution (inverse sigmoid + scipy brentq), |f| < 1e-12" '
import numpy as np
from scipy.optimize import brentq
rows = [l.rstrip("\n").split("\t") for l in open("fp.tsv") if not l.startswith("#")]
got = np.array([[float(v) for v in r[1:3]] for r in rows])
f = np.array([[float(v) for v in r[-2:]] for r in rows])
assert np.abs(f).max() < 1e-12, f
aE, aI, thE, thI, wEE, wEI, wIE, wII = 1.2, 1.0, 2.8, 4.0, 12, 4, 13, 11
L = lambda x: 1 / (1 + np.exp(-x))
F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
Finv = lambda y, a, th: th + np.log((y + L(-a * th)) / (1 - y - L(-a * th))) / a
rI_of = lambda rE: (wEE * rE - Finv(rE / (1 - rE), aE, thE)) / wEI     # the E-nullcline
g = lambda rE: -rI_of(rE) + (1 - rI_of(rE)) * F(wIE * rE - wII * rI_of(rE), aI, thI)
lo = -L(-aE * thE) / (1 - L(-aE * thE)) + 1e-12; hi = (1 - L(-aE * thE)) / (2 - L(-aE * thE)) - 1e-12
xs = np.linspace(lo, hi, 20001); ys = g(xs)
roots = [brentq(g, a, b, xtol=1e-15) for a, b, ya, yb in zip(xs, xs[1:], ys, ys[1:]) if ya * yb < 0]
want = np.array([[r, rI_of(r)] for r in roots])
assert want.shape == got.shape, (want, got)
assert np.allclose(got, want, atol=1e-11), (got, want)
'

# a long run started next to each stable fixed point converges to it; a run started next
# to the saddle along its unstable eigenvector leaves it (to a different state each way)
final() { wc-run -p "$1" --method rk4 --dt 0.01 -T "${2:-300}" --no-version | tail -1; }
ok_conv=1
while IFS=$'\t' read -r kind rE rI stable rest; do
    [ "$stable" = 1 ] || continue
    last=$(final "rE0=$(awk -v x="$rE" 'BEGIN { print x + 2e-3 }'),rI0=$(awk -v x="$rI" 'BEGIN { print x - 1e-3 }')")
    approx "$(echo "$last" | cut -f2)" "$rE" 1e-9 && approx "$(echo "$last" | cut -f3)" "$rI" 1e-9 || ok_conv=0
done < <(grep -v '^#' fp.tsv)
check "runs started next to the stable fixed points converge to them (1e-9)" test $ok_conv = 1
read -r rE rI v1E v1I < <(awk -F'\t' '$1 == "saddle" { print $2, $3, $11, $12 }' fp.tsv)
up=$(final "rE0=$(awk -v a="$rE" -v v="$v1E" 'BEGIN { print a + 1e-4 * v }'),rI0=$(awk -v a="$rI" -v v="$v1I" 'BEGIN { print a + 1e-4 * v }')")
down=$(final "rE0=$(awk -v a="$rE" -v v="$v1E" 'BEGIN { print a - 1e-4 * v }'),rI0=$(awk -v a="$rI" -v v="$v1I" 'BEGIN { print a - 1e-4 * v }')")
check "the saddle: along +v1 the run leaves for the active state" approx "$(echo "$up" | cut -f2)" 0.46246487316 1e-8
check "the saddle: along -v1 it leaves for rest" approx "$(echo "$down" | cut -f2)" 0 1e-8

# the separatrix divides the basins: just either side of its points, runs part ways
wc-nullcline --what separatrix > sep.tsv
check "separatrix: two branches from the one saddle" sh -c "grep -v '^#' sep.tsv | awk 'NF == 4 { print \$1, \$2 }' | sort -u | wc -l | grep -qx 2"
py "separatrix: starts either side of it go to different attractors (wc-run)" '
import numpy as np, subprocess
d = np.array([[float(v) for v in l.split()] for l in open("sep.tsv") if l.strip() and not l.startswith("#")])
for branch in (0, 1):
    b = d[d[:, 1] == branch]
    i = len(b) // 2
    p, q = b[i, 2:], b[i + 1, 2:]
    t = (q - p) / np.linalg.norm(q - p); n = np.array([-t[1], t[0]])
    ends = []
    for s in (1, -1):
        x = p + s * 2e-3 * n
        out = subprocess.run(["wc-run", "-p", "rE0=%r,rI0=%r" % (x[0], x[1]), "--method", "rk4", "--dt", "0.01", "-T", "300"],
                             capture_output=True, text=True, check=True).stdout.strip().split("\n")[-1].split()
        ends.append(float(out[1]))
    assert abs(ends[0] - ends[1]) > 0.4, (branch, ends)
'

# the fixed-point count changes exactly at the folds wc-cont reports
wc-cont --param I_E --range -2:6 --what special > sp.tsv
count() { wc-nullcline --what fixed -p "I_E=$1" | grep -vc '^#'; }
ok_fold=1
for par in $(awk -F'\t' '$1 == "fold" { print $5 }' sp.tsv); do
    a=$(count "$(awk -v p="$par" 'BEGIN { printf "%.17g", p - 1e-6 }')")
    b=$(count "$(awk -v p="$par" 'BEGIN { printf "%.17g", p + 1e-6 }')")
    [ $((a - b)) = 2 ] || [ $((b - a)) = 2 ] || ok_fold=0
done
check "the fixed-point count changes by two across each fold wc-cont reports" test $ok_fold = 1
check "two folds at the defaults" sh -c "grep -c '^fold' sp.tsv | grep -qx 2"

# nullclines: gnuplot blocks, binary too, every point on its nullcline
wc-nullcline > nc.tsv
check "nullclines: one block per branch, two blank lines between" sh -c \
    "test \$(awk 'BEGIN { b = 0 } /^\$/ { e++; next } { if (e == 2) b++; e = 0 } END { print b + 1 }' nc.tsv) = \
     \$((\$(sed -n 's/^## branches.E //p' nc.tsv) + \$(sed -n 's/^## branches.I //p' nc.tsv)))"
check "nullclines: -Ou writes a stream wc-view reads" sh -c "wc-nullcline -Ou | wc-view -Ot | grep -vc '^#' | grep -qx \$(grep -v '^#' nc.tsv | grep -c .)"
py "nullcline points satisfy their equation (|f| < 1e-12)" '
import numpy as np
d = np.array([[float(v) for v in l.split()] for l in open("nc.tsv") if l.strip() and not l.startswith("#")])
L = lambda x: 1 / (1 + np.exp(-x)); F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
rE, rI = d[:, 2], d[:, 3]
fE = -rE + (1 - rE) * F(12 * rE - 4 * rI, 1.2, 2.8); fI = -rI + (1 - rI) * F(13 * rE - 11 * rI, 1.0, 4.0)
res = np.where(d[:, 0] == 0, fE, fI)
assert np.abs(res).max() < 1e-12, np.abs(res).max()
'

# the vector field: NX x NY rows, arrows of 0.8 cells
wc-nullcline --field 40,30 --rE 0:1 --rI 0:0.6 > field.tsv
check "--field 40,30: 1200 rows" sh -c "grep -v '^#' field.tsv | grep -c . | grep -qx 1200"
py "field: (drE, drI) is the model's right-hand side, arrows 0.8 cells long" '
import numpy as np
d = np.array([[float(v) for v in l.split()] for l in open("field.tsv") if l.strip() and not l.startswith("#")])
L = lambda x: 1 / (1 + np.exp(-x)); F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
rE, rI = d[:, 0], d[:, 1]
assert np.allclose(d[:, 2], -rE + (1 - rE) * F(12 * rE - 4 * rI, 1.2, 2.8), atol=1e-15)
assert np.allclose(d[:, 3], -rI + (1 - rI) * F(13 * rE - 11 * rI, 1.0, 4.0), atol=1e-15)
m = d[:, 4] > 0      # no arrow where the flow stops (the rest state at the origin)
assert np.allclose(np.hypot(d[m, 5] / (1 / 39), d[m, 6] / (0.6 / 29)), 0.8) and (d[~m, 5:] == 0).all()
'

# one attractor for the reference tutorial's first parameter set (its "bistability" demo)
check "tutorial1: one fixed point, stable" sh -c "wc-nullcline -x tutorial1 --what fixed | grep -v '^#' | cut -f1 | tr '\n' ' ' | grep -qx 'stable-node '"

# bad input
fails "an empty --rE window" 2 "wc-nullcline: --rE: range '1:0': LO must be below HI" wc-nullcline --rE 1:0
fails "--rE with a step" 2 "expected LO:HI" wc-nullcline --rE 0:1:0.1
fails "an unknown --what" 2 "--what: 'foo' is not" wc-nullcline --what foo
fails "an unknown parameter" 2 "unknown parameter 'foo'" wc-nullcline -p foo=1
fails "--field 1" 2 "--field" wc-nullcline --field 1
fails "--field with --what fixed" 2 "--field goes with --what field" wc-nullcline --what fixed --field 10
fails "the fixed-point table is text" 2 "use -Ot or -Oz" wc-nullcline --what fixed -Ob
fails "a full disk" 1 "wc-nullcline: /dev/full" wc-nullcline -o /dev/full
check "--help on stdout, exit 0" sh -c "wc-nullcline --help | grep -q '^Usage: wc-nullcline'"
