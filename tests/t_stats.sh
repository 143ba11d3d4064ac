# t_stats.sh — wc-stats against numpy on the same data.
. "$(dirname "$0")/lib.sh"

"$PYTHON" -c '
import numpy as np
rng = np.random.default_rng(5)
t = np.arange(2000) * 0.5
a = np.cumsum(rng.normal(size=2000)) + 1e3     # random walk with a large offset
b = np.sin(t / 30) * np.exp(-t / 400) + 0.2
c = np.minimum(t / 300, 2.0)                   # ramp: many running maxima
with open("data.tsv", "w") as f:
    f.write("# t\ta\tb\tc\n")
    for row in zip(t, a, b, c):
        f.write("\t".join(repr(float(x)) for x in row) + "\n")
'
wc-stats data.tsv > s.tsv
wc-stats --steady-n 37 --latency-frac 0.5 -c c,b data.tsv > s2.tsv
py "wc-stats equals numpy (min max mean sd t_max latency steady overshoot)" '
import numpy as np, sys
d = np.loadtxt("data.tsv", comments="#")
def stats(x, t, k, frac):
    i = int(np.argmax(x)); peak = x[i]
    above = np.nonzero(x > frac * peak)[0]
    steady = x[-k:].mean()
    return [len(x), x.min(), peak, x.mean(), x.std(), t[i], t[above[0]] if len(above) else np.nan,
            steady, (peak - steady) / steady * 100]
def table(path):
    rows = {}
    for line in open(path):
        if line.startswith("#"): continue
        f = line.rstrip("\n").split("\t"); rows[f[0]] = [float(v) for v in f[1:]]
    return rows
s = table("s.tsv"); s2 = table("s2.tsv")
assert list(s) == ["a", "b", "c"] and list(s2) == ["c", "b"], (list(s), list(s2))
for j, name in enumerate("abc"):
    want = stats(d[:, j + 1], d[:, 0], 100, 0.1)
    assert np.allclose(s[name], want, rtol=1e-12, atol=1e-12), (name, s[name], want)
for j, name in [(3, "c"), (2, "b")]:
    want = stats(d[:, j], d[:, 0], 37, 0.5)
    assert np.allclose(s2[name], want, rtol=1e-12, atol=1e-12), (name, s2[name], want)
'
printf '# t\tx\n0\t1\n1\tnan\n2\t3\n' > nan.tsv
check "NaN samples are ignored" sh -c 'wc-stats --no-header nan.tsv | grep -q "^x	2	1	3	2	1	"'
check "wc-stats keeps the input provenance and adds its cmd" sh -c 'wc-run -T 5 | wc-stats | grep -c "^## cmd" | grep -qx 2'
check "wc-stats -Oz is gzip" sh -c 'wc-run -T 5 | wc-stats -Oz | gzip -t'
check "wc-stats from a binary stream" sh -c 'wc-run -T 5 -Ou | wc-stats --no-header | cut -f1 | tr "\n" " " | grep -qx "rE rI "'
long=$(printf 'wEE=12%.0s,' $(seq 1500))
wc-run -T 1 -p "${long%,}" | wc-stats > longhdr.tsv
check "wc-stats keeps long header lines whole" sh -c 'grep -c "^## date" longhdr.tsv | grep -qx 2 && ! grep -q "[^#]## date" longhdr.tsv'

# values near the largest double: the steady state is finite, as the mean is (issue 9)
printf '# t\tx\n' > big.tsv; for i in $(seq 0 199); do printf '%d\t1.5e308\n' $i; done >> big.tsv
wc-stats -c x big.tsv > big.out 2>&1
check "steady state of 1.5e308 values is finite" test "$(field big.out x steady)" = "1.5e+308"
