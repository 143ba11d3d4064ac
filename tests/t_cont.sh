# t_cont.sh — wc-cont: equilibrium branches, folds and Hopf points checked against
# wc-nullcline and wc-run, the first Lyapunov coefficient against an independent
# computation, output forms, bad input.
. "$(dirname "$0")/lib.sh"

wc-cont --param I_E --range -2:6 > br.tsv
wc-cont --param I_E --range -2:6 --what special > sp.tsv
check "defaults: one branch from I_E = -2 to 6" sh -c "grep -q '^## branches 1$' br.tsv && test \$(grep -v '^#' br.tsv | head -1 | cut -f2) = -2 && test \$(tail -1 br.tsv | cut -f2) = 6"
py "every branch point is an equilibrium and its stability is its eigenvalues' (numpy)" '
import numpy as np
d = np.array([[float(v) for v in l.split()] for l in open("br.tsv") if l.strip() and not l.startswith("#")])
L = lambda x: 1 / (1 + np.exp(-x)); F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
IE, rE, rI = d[:, 1], d[:, 2], d[:, 3]
fE = -rE + (1 - rE) * F(12 * rE - 4 * rI + IE, 1.2, 2.8); fI = -rI + (1 - rI) * F(13 * rE - 11 * rI, 1.0, 4.0)
assert max(abs(fE).max(), abs(fI).max()) < 1e-11
h = 1e-6
for row in d[::25]:
    _, ie, x, y = row[:4]
    f = lambda x, y: np.array([-x + (1 - x) * F(12 * x - 4 * y + ie, 1.2, 2.8), -y + (1 - y) * F(13 * x - 11 * y, 1.0, 4.0)])
    J = np.column_stack([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])
    ev = np.linalg.eigvals(J)
    assert (row[4] == 1) == (ev.real.max() < 0), (row, ev)
    assert np.allclose(sorted(ev.real), sorted([row[5], row[7]]), atol=1e-7), (ev, row)
'
check "the folds bound the bistable window: -0.51097 < I_E < 0.28335" sh -c \
    "awk -F'\t' '\$1 == \"fold\" { printf \"%.5f\n\", \$5 }' sp.tsv | sort -n | tr '\n' ' ' | grep -qx -- '-0.51097 0.28335 '"

# wc72: one Hopf, supercritical; wc-run confirms it on either side
wc-cont -x wc72 --param I_E --range -2:6 --what special > sp72.tsv
check "wc72: one Hopf point, supercritical, with its frequency" sh -c \
    "awk -F'\t' '\$1 == \"hopf\" { print \$2 }' sp72.tsv | grep -qx supercritical"
read -r hopf omega l1 < <(awk -F'\t' '$1 == "hopf" { print $5, $8, $10 }' sp72.tsv)
py "wc72 Hopf: below it a small cycle, period -> 2 pi/omega, amplitude ~ sqrt(distance); above it the equilibrium attracts" '
import numpy as np, subprocess, sys
hopf, omega = float(sys.argv[1]), float(sys.argv[2])
def run(ie, T=3000):
    out = subprocess.run(["wc-run", "-x", "wc72", "-p", "I_E=%r,rE0=0.25,rI0=0.2" % ie, "--method", "rk4", "--dt", "0.005",
                          "-T", str(T), "--skip", str(T - 100), "--no-version"], capture_output=True, text=True, check=True).stdout
    d = np.array([[float(v) for v in l.split()] for l in out.split("\n") if l and not l.startswith("#")])
    t, x = d[:, 0], d[:, 1]
    m = x.mean(); up = np.nonzero((x[:-1] < m) & (x[1:] >= m))[0]
    tc = t[up] + (m - x[up]) / (x[up + 1] - x[up]) * (t[up + 1] - t[up])
    return (x.max() - x.min()) / 2, np.diff(tc).mean() if len(tc) > 2 else np.nan
a1, p1 = run(hopf - 0.004); a2, p2 = run(hopf - 0.001)
assert abs(a1 / a2 - 2) < 0.2, (a1, a2)                       # amplitude ~ sqrt(hopf - I_E)
assert abs(p2 / (2 * np.pi / omega) - 1) < 2e-3, (p2, 2 * np.pi / omega)
assert abs(p2 - 2 * np.pi / omega) < abs(p1 - 2 * np.pi / omega), (p1, p2)
a3, _ = run(hopf + 0.05)
assert a3 < 1e-6, a3
' "$hopf" "$omega"
py "the first Lyapunov coefficient: the same from numpy finite differences (Kuznetsov), and the same sign as Guckenheimer-Holmes" '
import numpy as np, sys
ie, rE, rI, l1 = (float(v) for v in sys.argv[1:5])
L = lambda x: 1 / (1 + np.exp(-x)); F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
def f(z):
    x, y = z
    return np.array([-x + (1 - x) * F(16 * x - 12 * y + ie, 1.3, 4.0), -y + (1 - y) * F(15 * x - 3 * y, 2.0, 3.7)])
z0 = np.array([rE, rI]); h = 1e-3
def D1(u): return (f(z0 + h * u) - f(z0 - h * u)) / (2 * h)
A = np.column_stack([D1(np.array([1.0, 0])), D1(np.array([0, 1.0]))])
# directional derivatives of a smooth real function, extended to complex vectors by multilinearity
def B(u, v):
    g = lambda a, b: (f(z0 + h * (a + b)) - f(z0 + h * (a - b)) - f(z0 - h * (a - b)) + f(z0 - h * (a + b))) / (4 * h * h)
    return g(u.real, v.real) - g(u.imag, v.imag) + 1j * (g(u.real, v.imag) + g(u.imag, v.real))
def C3(a, b, c):   # real third derivative: differences of B along c, Richardson-extrapolated
    g = lambda s: (f(z0 + s + h * (a + b)) - f(z0 + s + h * (a - b)) - f(z0 + s - h * (a - b)) + f(z0 + s - h * (a + b))) / (4 * h * h)
    d3 = lambda H: (g(H * c) - g(-H * c)) / (2 * H)
    return (4 * d3(1e-3) - d3(2e-3)) / 3
def C(u, v, w):
    out = 0
    for m in range(8):
        a = u.imag if m & 1 else u.real; b = v.imag if m & 2 else v.real; c = w.imag if m & 4 else w.real
        out = out + (1j ** bin(m).count("1")) * C3(a, b, c)
    return out
ev, V = np.linalg.eig(A); k = np.argmax(ev.imag); om = ev[k].imag; q = V[:, k] / np.linalg.norm(V[:, k])
evt, W = np.linalg.eig(A.T); kt = np.argmin(evt.imag); p = W[:, kt]; p = p / np.conj(np.vdot(p, q))
dot = lambda a, b: np.vdot(a, b)
s = np.linalg.solve(A, B(q, q.conj()).real)
r = np.linalg.solve(2j * om * np.eye(2) - A, B(q, q))
mine = (dot(p, C(q, q, q.conj())) - 2 * dot(p, B(q, s.astype(complex))) + dot(p, B(q.conj(), r))).real / (2 * om)
assert abs(mine - l1) < 1e-3 * abs(l1), (mine, l1)
# Guckenheimer-Holmes (3.4.11) in coordinates where A = [[0, -om], [om, 0]]: its sign is that of l1
P = np.column_stack([q.imag, q.real]); Pi = np.linalg.inv(P)
g2 = lambda w: Pi @ f(z0 + P @ w)
def d(i, *ax):
    hh = 2e-3; e = np.eye(2)
    if len(ax) == 0: return g2(np.zeros(2))[i]
    a, rest = ax[0], ax[1:]
    return (d_at(i, hh * e[a], rest) - d_at(i, -hh * e[a], rest)) / (2 * hh)
def d_at(i, off, ax):
    hh = 2e-3; e = np.eye(2)
    if len(ax) == 0: return g2(off)[i]
    a, rest = ax[0], ax[1:]
    return (d_at(i, off + hh * e[a], rest) - d_at(i, off - hh * e[a], rest)) / (2 * hh)
fxxx, fxyy, gxxy, gyyy = d(0, 0, 0, 0), d(0, 0, 1, 1), d(1, 0, 0, 1), d(1, 1, 1, 1)
fxy, fxx, fyy, gxy, gxx, gyy = d(0, 0, 1), d(0, 0, 0), d(0, 1, 1), d(1, 0, 1), d(1, 0, 0), d(1, 1, 1)
a = (fxxx + fxyy + gxxy + gyyy) / 16 + (fxy * (fxx + fyy) - gxy * (gxx + gyy) - fxx * gxx + fyy * gyy) / (16 * om)
assert np.sign(a) == np.sign(l1), (a, l1)
' "$hopf" $(awk -F'\t' '$1 == "hopf" { print $6, $7 }' sp72.tsv) "$l1"


# limit cycles: wc72's branch against wc-run (period, extremes), multipliers
wc-cont -x wc72 --param I_E --range 0:3 --what cycles > cyc.tsv
py "wc72 cycles: at three parameters the period and rE extremes equal a long wc-run (rk4, dt 0.002) to 1e-3" '
import numpy as np, subprocess
d = np.array([[float(v) for v in l.split()] for l in open("cyc.tsv") if l.strip() and not l.startswith("#")])
short = d[:, 2] <= 10    # up to 10 ms: beyond, the cycle passes so near the saddle that the multipliers come from Liouville
assert short.sum() > 20 and (abs(d[short, 8] - 1) < 1e-6).all() and (d[:, 10] == 1).all(), "trivial multiplier 1, all stable"
for target in (1.8, 1.5, 1.2):
    row = d[np.argmin(abs(d[:, 1] - target))]
    ie, T, lo, hi = row[1], row[2], row[4], row[5]
    out = subprocess.run(["wc-run", "-x", "wc72", "-p", "I_E=%r,rE0=%r,rI0=0.1" % (ie, (lo + hi) / 2), "--method", "rk4",
                          "--dt", "0.002", "-T", "300", "--skip", "200", "--no-version"], capture_output=True, text=True,
                         check=True).stdout
    x = np.array([[float(v) for v in l.split()] for l in out.split("\n") if l and not l.startswith("#")])
    t, e = x[:, 0], x[:, 1]; m = (e.max() + e.min()) / 2
    up = np.nonzero((e[:-1] < m) & (e[1:] >= m))[0]
    tc = t[up] + (m - e[up]) / (e[up + 1] - e[up]) * (t[up + 1] - t[up])
    per = np.diff(tc).mean()
    assert abs(per / T - 1) < 1e-3 and abs(e.max() / hi - 1) < 1e-3 and abs(e.min() / lo - 1) < 1e-3, (ie, per, T, e.min(), lo, e.max(), hi)
'
# the subcritical preset: a fold of cycles, and a stable cycle next to a stable rest state
wc-cont -x subcritical --param I_E --range 0:1.5 --cycles --what special > spsub.tsv
check "subcritical: a subcritical Hopf point and a fold of cycles beyond it" sh -c \
    "grep -q '^hopf	subcritical	equilibria	0	0.5305' spsub.tsv && grep -q '^fold-of-cycles	-	cycles	0	0.727' spsub.tsv"
wc-cont -x subcritical --param I_E --range 0:1.5 --what profiles --profile-points 4 > prof.tsv
wc-cont -x subcritical --param I_E --range 0:1.5 --what cycles > cycsub.tsv
py "subcritical: on the stable cycle nearest I_E = 0.71 wc-run stays on a cycle of its period; from rest it stays at rest" '
import numpy as np, subprocess
c = np.array([[float(v) for v in l.split()] for l in open("cycsub.tsv") if l.strip() and not l.startswith("#")])
p = np.array([[float(v) for v in l.split()] for l in open("prof.tsv") if l.strip() and not l.startswith("#")])
stable = c[(c[:, 0] == 0) & (c[:, 10] == 1)]
k = np.argmin(abs(stable[:, 1] - 0.71)); ie, T = stable[k, 1], stable[k, 2]
i = int(np.nonzero((c[:, 0] == 0) & (c[:, 1] == ie))[0][0])
start = p[(p[:, 0] == 0) & (p[:, 1] == i)][0]
def run(rE0, rI0):
    out = subprocess.run(["wc-run", "-x", "subcritical", "-p", "I_E=%r,rE0=%r,rI0=%r" % (ie, rE0, rI0), "--method", "rk4",
                          "--dt", "0.005", "-T", "400", "--skip", "300", "--no-version"], capture_output=True, text=True, check=True).stdout
    e = np.array([float(l.split()[1]) for l in out.split("\n") if l and not l.startswith("#")])
    return e.max() - e.min()
assert run(0.0, 0.0) < 1e-9, "rest"
assert run(start[5], start[6]) > 0.1, ("a large cycle", ie, start)
'
# two parameters: the fold curve through the defaults' folds ends at a cusp; wc72's
# Bogdanov-Takens points have a double zero eigenvalue; its Bautin points in (I_E, a_I) l1 = 0
wc-cont --param I_E --range -2:6 --param2 wEE --range2 5:30 --what special > sp2.tsv
wc-cont --param I_E --range -2:6 --param2 wEE --range2 5:30 --what curves > cv2.tsv
check "defaults, (I_E, wEE): one fold curve (two halves), one cusp" sh -c \
    "grep -q '^## curves 2$' cv2.tsv && test \$(grep -c '^cusp' sp2.tsv) = 1"
py "the fold curve: at wEE = 10 and 12 a one-parameter run finds folds where the curve is (1e-5, on chords)" '
import numpy as np, subprocess
d = np.array([[float(v) for v in l.split()] for l in open("cv2.tsv") if l.strip() and not l.startswith("#")])
for w in (10.0, 12.0):
    out = subprocess.run(["wc-cont", "-p", "wEE=%r" % w, "--param", "I_E", "--range", "-2:6", "--what", "special"],
                         capture_output=True, text=True, check=True).stdout
    folds = sorted(float(l.split("\t")[4]) for l in out.split("\n") if l.startswith("fold\t"))
    cross = []
    for c in np.unique(d[:, 0]):
        b = d[d[:, 0] == c]
        for p, q in zip(b[:-1], b[1:]):
            if (p[3] - w) * (q[3] - w) <= 0 and p[3] != q[3]:
                cross.append(p[2] + (w - p[3]) / (q[3] - p[3]) * (q[2] - p[2]))
    cross = sorted(set(round(x, 9) for x in cross))      # both halves start at the same point
    assert len(folds) == 2 and len(cross) == 2, (folds, cross)
    assert np.allclose(cross, folds, atol=1e-5), (cross, folds)   # chords between curve points
'
wc-cont -x wc72 --param I_E --range -2:6 --param2 a_I --range2 0.3:5 --what special > spb.tsv
py "wc72 in (I_E, a_I): at each Bogdanov-Takens point tr J = det J = 0, at each Bautin point l1 = 0 (numpy)" '
import numpy as np
rows = [l.rstrip("\n").split("\t") for l in open("spb.tsv") if not l.startswith("#")]
L = lambda x: 1 / (1 + np.exp(-x)); F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
kinds = [r[0] for r in rows]
assert kinds.count("bautin") == 2 and kinds.count("bogdanov-takens") == 2, kinds
for r in rows:
    if r[0] != "bogdanov-takens": continue
    ie, ai, x, y = (float(v) for v in r[4:8])
    f = lambda x, y: np.array([-x + (1 - x) * F(16 * x - 12 * y + ie, 1.3, 4.0), -y + (1 - y) * F(15 * x - 3 * y, ai, 3.7)])
    h = 1e-6
    J = np.column_stack([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])
    assert abs(np.trace(J)) < 1e-7 and abs(np.linalg.det(J)) < 1e-7 and abs(f(x, y)).max() < 1e-12, (r, J)
for r in rows:
    if r[0] == "bautin": assert abs(float(r[10])) < 1e-9, r
'

# output forms
check "-Ou: a binary stream whose columns name the parameter" sh -c "wc-cont --param wEE --range 5:20 -Ou | wc-view -Ot | grep -q '^# branch	wEE	rE	rI	stable'"
check "the special points are text: -Ob refused" sh -c "! wc-cont --param I_E --range -2:6 --what special -Ob 2>/dev/null"
check "--start finds branches from inner values too (no duplicates)" sh -c \
    "test \$(wc-cont --param I_E --range -2:6 --start 0 | grep -c '^## branches 1$') = 1"

# ends: the window, max-points (exit 0, with a warning), bad input (exit 2)
wc-cont --param I_E --range -2:6 --rE -0.1:0.2 > win.tsv 2> win.err
check "a branch that leaves the window ends there, with a warning naming where" sh -c \
    "grep -q 'left the window at I_E = ' win.err && awk -F'\t' '!/^#/ && NF > 1 && \$3 > 0.2 + 1e-12 { exit 1 }' win.tsv"
fails "an unknown parameter" 2 "wc-cont: --param: 'foo' is not a model parameter" wc-cont --param foo --range 0:1
fails "a value given to --param" 2 "--param names the parameter to continue; set values with -p I_E=1" wc-cont --param I_E=1 --range 0:1
fails "no --range" 2 "--range LO:HI is required" wc-cont --param I_E
fails "--range LO >= HI" 2 "LO must be below HI" wc-cont --param I_E --range 2:1
fails "a range outside the parameter's own" 2 "--range: tau_E must be > 0" wc-cont --param tau_E --range -1:2
fails "--param2 equal to --param" 2 "--param2 must differ" wc-cont --param I_E --range 0:1 --param2 I_E --range2 0:1
fails "--what curves without --param2" 2 "--what curves needs --param2" wc-cont --param I_E --range 0:1 --what curves
fails "--range2 not holding the base value" 2 "does not hold wEE = 12" wc-cont --param I_E --range 0:1 --param2 wEE --range2 13:20
fails "a full disk" 1 "wc-cont: /dev/full" wc-cont --param I_E --range 0:1 -o /dev/full
check "--help on stdout, exit 0" sh -c "wc-cont --help | grep -q '^Usage: wc-cont'"
