# t_bold.sh — wc-bold: the impulse response, the steady state, an independent numpy
# implementation to 1e-10, FC on BOLD against numpy, bad input.
. "$(dirname "$0")/lib.sh"

# an impulse: 100 ms of input 1 at t = 1 s, dt = 1 ms, 40 s
awk 'BEGIN { print "## dt 1"; print "# t\tx"; for (k = 0; k < 40000; k++) printf "%d\t%d\n", k, (k >= 1000 && k < 1100) }' > imp.tsv
wc-bold --vars x --tr 0.05 imp.tsv > hrf.tsv
awk 'BEGIN { print "## dt 1"; print "# t\tx"; for (k = 0; k < 40000; k++) printf "%d\t%d\n", k, (k >= 1000 && k < 5000) }' > block.tsv
wc-bold --vars x --tr 0.05 block.tsv > blk.tsv
# With these standard parameters the flow is a damped oscillator (omega0 = sqrt(gamma) = 0.64
# rad/s, damping kappa/(2 omega0) = 0.51) whose impulse response peaks 1.9 s after the
# impulse; volume and deoxyhaemoglobin lag it by about the transit time tau = 0.98 s.
py "the impulse response peaks 2.5-4 s after a brief impulse (3.1 s), 4-6 s after the onset of a 4 s block (4.9 s), and undershoots below 0" '
import numpy as np
for f, lo, hi in (("hrf.tsv", 2.5, 4), ("blk.tsv", 4, 6)):
    d = np.array([[float(v) for v in l.split()] for l in open(f) if l.strip() and not l.startswith("#")])
    t, y = d[:, 0], d[:, 1]
    k = np.argmax(y)
    assert lo <= t[k] - 1.0 <= hi, (f, t[k] - 1.0)
    assert y[k:].min() < -0.05 * y[k], (f, y[k], y[k:].min())
'
# a constant input: the analytic steady state
awk 'BEGIN { print "## dt 1"; print "# t\tx"; for (k = 0; k < 200000; k++) printf "%d\t0.5\n", k }' > const.tsv
wc-bold --vars x --tr 10 const.tsv > ss.tsv
py "a constant input reaches the analytic steady state (1e-9)" '
import numpy as np
y = float(open("ss.tsv").read().strip().split("\n")[-1].split()[1])
kappa, gamma, tau, alpha, rho, V0 = 0.65, 0.41, 0.98, 0.32, 0.34, 0.02
f = 1 + 0.5 / gamma; v = f ** alpha; q = v * (1 - (1 - rho) ** (1 / f)) / rho
want = V0 * (7 * rho * (1 - q) + 2 * (1 - q / v) + (2 * rho - 0.2) * (1 - v))
assert abs(y - want) < 1e-9, (y, want)
'
# an independent straightforward implementation on a wc-run network trace (every step)
wc-run -n 3 -T 3000 --noise-E 0.05 --noise-I 0.05 -s 3 --vars rE -Ou -o act.wcb
wc-bold --tr 0.0001 act.wcb > b.tsv
wc-view -Ot --no-header act.wcb > act.tsv
py "wc-bold equals a plain numpy loop of the same equations on the same input (1e-10)" '
import numpy as np
x = np.loadtxt("act.tsv")[:, 1:]
kappa, gamma, tau, alpha, rho, V0 = 0.65, 0.41, 0.98, 0.32, 0.34, 0.02
k1, k2, k3 = 7 * rho, 2.0, 2 * rho - 0.2
dt = 1e-4
s = np.zeros(3); f = np.ones(3); v = np.ones(3); q = np.ones(3); out = [np.zeros(3)]
for z in x[:-1]:
    E = 1 - (1 - rho) ** (1 / f)
    s, f, v, q = (s + dt * (z - kappa * s - gamma * (f - 1)), f + dt * s, v + dt * (f - v ** (1 / alpha)) / tau,
                  q + dt * (f * E / rho - v ** (1 / alpha) * q / v) / tau)
    out.append(V0 * (k1 * (1 - q) + k2 * (1 - q / v) + k3 * (1 - v)))
want = np.array(out)[1:]
got = np.array([[float(v) for v in l.split()] for l in open("b.tsv") if l.strip() and not l.startswith("#")])[:, 1:]
n = min(len(got), len(want))
assert n > 29000 and np.abs(got[:n] - want[:n]).max() < 1e-10, (n, np.abs(got[:n] - want[:n]).max())
'
check "the output is in seconds: unit.t s, TR in the header" sh -c "grep -q '^## unit.t s$' b.tsv && grep -q '^## tr 0.0001$' b.tsv"
# FC of BOLD: wc-fc on wc-bold's output equals numpy.corrcoef of the same BOLD
wc-run --conn hcp80 -T 20000 --noise-E 0.01 --noise-I 0.01 -s 1 --every 10 -Ou | wc-bold --tr 0.72 --skip 5 -o bold.tsv
wc-fc bold.tsv > fc.tsv
py "FC on BOLD equals numpy.corrcoef (1e-12)" '
import numpy as np
b = np.array([[float(v) for v in l.split()] for l in open("bold.tsv") if l.strip() and not l.startswith("#")])[:, 1:]
fc = np.array([[float(v) for v in l.split()] for l in open("fc.tsv") if l.strip() and not l.startswith("#")])
assert b.shape == (21, 80) or b.shape[1] == 80, b.shape
assert np.allclose(fc, np.corrcoef(b.T), atol=1e-12, rtol=0), np.abs(fc - np.corrcoef(b.T)).max()
'
# bad input
fails "TR shorter than the input's step" 2 "--tr 0.0001 s is shorter than the input's sampling interval (1 ms)" wc-bold --vars x --tr 0.0001 imp.tsv
fails "no sampling interval" 1 "unknown sampling interval" sh -c "printf '# a\n1\n2\n' | wc-bold"
fails "an input that breaks the model" 1 "left its domain" sh -c "awk 'BEGIN { print \"## dt 1\"; print \"# x\"; for (k = 0; k < 5000; k++) print -1000 }' | wc-bold --tr 0.001"
fails "a full disk" 1 "wc-bold: /dev/full" wc-bold --vars x -o /dev/full imp.tsv
check "--help on stdout, exit 0" sh -c "wc-bold --help | grep -q '^Usage: wc-bold'"
