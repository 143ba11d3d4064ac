# t_fc.sh — wc-fc against numpy/scipy: FC on random data, on network runs (the shipped
# hcp80, compared with its FC and SC by name) and on the hcp80 BOLD file
# ($WC_SHARED/hcp80, not shipped: skipped when absent); constant channels, a large
# offset, --cov, --fisher-z, --skip/--every, FCD windows and their histogram, the fit
# measures (--compare, --sc, --compare-fcd, --compare-ts), stdin, header and formats,
# memory independent of the run's length, and bad input.
. "$(dirname "$0")/lib.sh"

HCP=${WC_SHARED:-}/hcp80

# ---- random data: a t column and 6 correlated channels, 3000 samples (6 blocks) ----
"$PYTHON" -c '
import numpy as np
rng = np.random.default_rng(7)
T, n = 3000, 6
z = rng.normal(size=(T, n)); c = rng.normal(size=T)
x = z + np.outer(c, np.linspace(0, 2, n)) + np.cumsum(rng.normal(size=(T, n)), 0) * 0.05
t = np.arange(T) * 0.25
with open("rand.tsv", "w") as f:
    f.write("# t\ta0\ta1\ta2\ta3\ta4\ta5\n")
    for k in range(T):
        f.write("\t".join(repr(float(v)) for v in [t[k], *x[k]]) + "\n")
# the same with an offset of 1e6 (unit variance), and a constant channel
with open("offset.tsv", "w") as f:
    f.write("# a\tb\tc\n")
    y = rng.normal(size=(5000, 3)); y[:, 1] += 0.7 * y[:, 0]
    for k in range(5000):
        f.write("\t".join(repr(float(1e6 + v)) for v in y[k]) + "\n")
with open("const.tsv", "w") as f:
    f.write("# a\tk\tb\n")
    for k in range(1000):
        f.write(f"{rng.normal()!r}\t{0.1 + 0.2!r}\t{rng.normal()!r}\n")
'
wc-fc rand.tsv > fc.tsv
wc-fc --vars a3,a0,a5 -On -o sel.npy rand.tsv
wc-fc --cov -On -o cov.npy rand.tsv
wc-fc --fisher-z -On -o z.npy rand.tsv
wc-fc --skip 100 --every 3 -On -o se.npy rand.tsv
wc-fc --summary --no-header rand.tsv > sum.txt
PYHEAD='
import numpy as np, sys
def table(path):
    return np.loadtxt(path, comments="#", ndmin=2)
def names(path):
    return [l[2:].rstrip("\n").split("\t") for l in open(path) if l.startswith("# ")][-1]
x = table("rand.tsv")[:, 1:]
'
py "FC equals numpy.corrcoef (random data, 3000 samples)" "$PYHEAD"'
got = table("fc.tsv"); want = np.corrcoef(x.T)
assert got.shape == (6, 6) and abs(got - want).max() < 1e-12, abs(got - want).max()
assert names("fc.tsv") == ["a%d" % k for k in range(6)], names("fc.tsv")
assert (got == got.T).all() and (np.diag(got) == 1).all()
'
py "--vars selects and orders the channels" "$PYHEAD"'
want = np.corrcoef(x[:, [3, 0, 5]].T)
assert abs(np.load("sel.npy") - want).max() < 1e-12
'
py "--cov equals numpy.cov (ddof 1)" "$PYHEAD"'
got = np.load("cov.npy"); want = np.cov(x.T)
assert np.allclose(got, want, rtol=1e-12, atol=0), abs(got / want - 1).max()
'
py "--fisher-z equals arctanh off the diagonal, 0 on it" "$PYHEAD"'
got = np.load("z.npy"); want = np.arctanh(np.corrcoef(x.T)); np.fill_diagonal(want, 0)
assert abs(got - want).max() < 1e-12, abs(got - want).max()
'
py "--skip 100 (ms, t step 0.25) --every 3 equal numpy on x[400::3]" "$PYHEAD"'
assert abs(np.load("se.npy") - np.corrcoef(x[400::3].T)).max() < 1e-12
'
py "--summary: n, samples, mean of the upper triangle" "$PYHEAD"'
n, T, m = open("sum.txt").read().split("\t")
c = np.corrcoef(x.T)
assert n == "6" and T == "3000" and abs(float(m) - c[np.triu_indices(6, 1)].mean()) < 1e-12, (n, T, m)
'
wc-fc offset.tsv > off.tsv
py "offset 1e6, unit variance: accurate to 1e-9" '
import numpy as np
x = np.loadtxt("offset.tsv"); got = np.loadtxt("off.tsv")
want = np.corrcoef((x - 1e6).T)      # exact: the subtraction of 1e6 loses nothing
assert abs(got - want).max() < 1e-9, abs(got - want).max()
# a one-pass sum of squares would be off by about 1e12 * 2^-52 * 5000 / 5000 = 2e-4
'
wc-fc const.tsv > const_fc.tsv
wc-fc --fisher-z const.tsv > const_z.tsv
wc-fc --cov const.tsv > const_cov.tsv
py "a constant channel: 0 off the diagonal, 1 on it (z: 0; cov: 0), never NaN" '
import numpy as np
x = np.loadtxt("const.tsv"); c = np.loadtxt("const_fc.tsv"); z = np.loadtxt("const_z.tsv"); v = np.loadtxt("const_cov.tsv")
assert not np.isnan(c).any() and not np.isnan(z).any() and not np.isnan(v).any()
assert (c[1] == [0, 1, 0]).all() and (c[:, 1] == [0, 1, 0]).all(), c
assert (z[1] == 0).all() and (v[1] == 0).all() and (v[:, 1] == 0).all()
assert abs(c[0, 2] - np.corrcoef(x[:, 0], x[:, 2])[0, 1]) < 1e-12
'

# ---- a network run ----
wc-conn gen -n 12 -s 3 -o C12.tsv --dist-out D12.tsv
wc-run --conn C12.tsv --dist D12.tsv --noise-E 0.01 --noise-I 0.01 -T 500 -s 2 -Ob -o net.wcb.gz
wc-fc --no-version net.wcb.gz > netfc.tsv
wc-fc --no-version - < net.wcb.gz > netfc_stdin.tsv
wc-view net.wcb.gz -o net.tsv
py "network run: FC of rE0..rE11 equals numpy.corrcoef" '
import numpy as np
x = np.loadtxt("net.tsv", comments="#")
head = [l for l in open("net.tsv") if l.startswith("# ")][-1][2:].split()
idx = [head.index("rE%d" % k) for k in range(12)]
got = np.loadtxt("netfc.tsv")
assert abs(got - np.corrcoef(x[:, idx].T)).max() < 1e-12, abs(got - np.corrcoef(x[:, idx].T)).max()
'
same "streaming from stdin equals the file" netfc.tsv netfc_stdin.tsv
wc-conn gen -n 40 -s 5 -o C40.npy --dist-out D40.npy
wc-run --conn C40.npy --dist D40.npy --noise-E 0.01 -T 400 -Ou -o net40.wcb
for t in 1 2 3 4; do wc-fc --no-version -t $t --cov -Ou -o t$t.wcb net40.wcb; done
check "1, 2, 3 or 4 threads: the same bytes (40 channels, 4001 samples)" sh -c \
    'cmp -s t1.wcb t2.wcb && cmp -s t1.wcb t3.wcb && cmp -s t1.wcb t4.wcb && wc-fc --no-version -t 2 --cov -Ou - < net40.wcb | cmp -s - t1.wcb'
check "the header keeps the run's provenance and adds wc-fc's" sh -c \
    'wc-fc net.wcb.gz | grep -c "^## cmd" | grep -qx 2 && wc-fc net.wcb.gz | grep -q "^## param.wEE 12$" &&
     wc-fc net.wcb.gz | grep -q "^## fc.kind corr$" && wc-fc net.wcb.gz | grep -q "^## fc.samples 5001$" &&
     ! wc-fc net.wcb.gz | grep -q "^## nrows"'
check "columns named after the input's, in --vars order" sh -c 'wc-fc --vars rE3,rE1,t net.wcb.gz | grep "^# " | grep -qx "# rE3	rE1	t"'
check "the FC reads back as a matrix (wc-conn info: n 12, symmetric)" sh -c \
    'wc-fc net.wcb.gz -o m.wcb && wc-conn info m.wcb | grep -qx "n	12" && wc-conn info m.wcb | grep -qx "symmetric	1"'
check "binary output equals TSV output" sh -c \
    'wc-fc --no-version -Ou net.wcb.gz | wc-view --no-version > a.tsv && wc-fc --no-version net.wcb.gz | wc-view --no-version > b.tsv && cmp -s a.tsv b.tsv'
if command -v gnuplot >/dev/null; then
    check "gnuplot draws the TSV output with 'matrix with image'" \
        gnuplot -e "set term dumb; set out 'plot.txt'; plot 'netfc.tsv' matrix with image"
else
    skip "gnuplot matrix with image" "gnuplot not installed"
fi

# ---- FCD ----
"$PYTHON" -c '
import numpy as np
rng = np.random.default_rng(11)
T, n = 700, 8
x = rng.normal(size=(T, n)) + np.outer(np.sin(np.arange(T) / 40), np.linspace(0.2, 2, n)) * rng.normal(size=(T, 1))
np.savetxt("fcd_in.tsv", x, delimiter="\t", fmt="%.17g", header="\t".join("c%d" % k for k in range(n)), comments="# ")
y = rng.normal(size=(500, n)) + rng.normal(size=(500, 1))
np.savetxt("emp_ts.tsv", y.T, delimiter="\t", fmt="%.17g")      # channels in rows
'
wc-fc --window 60samples --step 7samples -On -o fcd.npy fcd_in.tsv
wc-fc --dt 2 --window 120 --step 14ms -On -o fcd_ms.npy fcd_in.tsv
wc-fc --window 60samples --step 7samples --fcd-hist 20 fcd_in.tsv > hist.tsv
wc-fc --window 60samples --step 7samples -Ot -o fcd.tsv fcd_in.tsv
wc-fc --transpose --window 60samples --step 7samples -o emp_fcd.tsv emp_ts.tsv
wc-fc --transpose -o emp_fc.tsv emp_ts.tsv
wc-fc --window 60samples --step 7samples --compare-fcd emp_fcd.tsv --compare emp_fc.tsv --summary fcd_in.tsv > ks1.txt
wc-fc --window 60samples --step 7samples --compare-ts emp_ts.tsv --compare-transpose --summary fcd_in.tsv > ks2.txt
PYFCD='
import numpy as np
from scipy.stats import ks_2samp
x = np.loadtxt("fcd_in.tsv"); n = x.shape[1]; iu = np.triu_indices(n, 1)
def fcd(x, W, S):
    tri = [np.corrcoef(x[s:s + W].T)[iu] for s in range(0, len(x) - W + 1, S)]
    return np.corrcoef(np.array(tri))
def summary(path):
    lines = open(path).read().splitlines()
    return dict(zip(lines[0][2:].split("\t"), map(float, lines[1].split("\t"))))
'
py "FCD equals numpy on the same windows (every start 0, S, 2S ... that fits)" "$PYFCD"'
want = fcd(x, 60, 7); got = np.load("fcd.npy")
assert got.shape == want.shape == (92, 92), (got.shape, want.shape)
assert abs(got - want).max() < 1e-12, abs(got - want).max()
'
py "FCD windows in ms (--dt 2: 120 ms = 60 samples, 14ms = 7) as in samples" "$PYFCD"'
assert (np.load("fcd_ms.npy") == np.load("fcd.npy")).all()
'
py "--fcd-hist: the histogram of the FCD upper triangle on [-1, 1]" "$PYFCD"'
h = np.loadtxt("hist.tsv"); f = fcd(x, 60, 7)[np.triu_indices(92, 1)]
cnt, edges = np.histogram(f, bins=20, range=(-1, 1))
assert (h[:, 1] == cnt).all(), (h[:, 1], cnt)
assert np.allclose(h[:, 0], (edges[1:] + edges[:-1]) / 2, atol=1e-15) and abs(h[:, 2].sum() * 0.1 - 1) < 1e-12
'
check "FCD header: windows, samples per window and step, columns w0.." sh -c \
    'grep -q "^## fcd.windows 92$" fcd.tsv && grep -q "^## fcd.window-samples 60$" fcd.tsv && grep -q "^## fcd.step-samples 7$" fcd.tsv && grep -q "^# w0	w1	" fcd.tsv'
py "--compare-fcd: KS distance as scipy ks_2samp; --compare: matrix correlation" "$PYFCD"'
y = np.loadtxt("emp_ts.tsv").T
s = summary("ks1.txt")
want_ks = ks_2samp(fcd(x, 60, 7)[np.triu_indices(92, 1)], fcd(y, 60, 7)[np.triu_indices(63, 1)]).statistic
want_fc = np.corrcoef(np.corrcoef(x.T)[iu], np.corrcoef(y.T)[iu])[0, 1]
assert abs(s["ks"] - want_ks) < 1e-12 and abs(s["fc_corr"] - want_fc) < 1e-12, (s, want_ks, want_fc)
assert s["windows"] == 92 and s["n"] == 8 and s["samples"] == 700
'
py "--compare-ts: the same numbers from the time series itself" '
a = open("ks1.txt").read().splitlines(); b = open("ks2.txt").read().splitlines()
assert a == b, (a, b)
'

# ---- hcp80: the BOLD file, its FC, the connectome ----
if [ -f "$HCP/BOLD_101309.tsv" ] && [ -f "$HCP/FC_101309.tsv" ]; then
    B=$HCP/BOLD_101309.tsv
    wc-fc --transpose "$B" -On -o bold_fc.npy
    wc-fc --transpose --compare "$HCP/FC_101309.tsv" --sc "$HCP/Cmat.tsv" --summary "$B" > s101309.txt
    wc-fc --transpose --compare "$HCP/FC.tsv" --summary --no-header "$B" > sgroup.txt
    wc-fc --transpose --dt 720 --window 60s --step 7.2s -On -o bold_fcd.npy "$B"
    py "hcp80 BOLD (80 x 1200, --transpose): FC equals numpy.corrcoef and FC_101309.tsv" "
import numpy as np
x = np.loadtxt('$B'); got = np.load('bold_fc.npy')
assert abs(got - np.corrcoef(x)).max() < 1e-12 and abs(got - np.loadtxt('$HCP/FC_101309.tsv')).max() < 1e-12
"
    py "hcp80: fc_corr vs FC_101309 and FC.tsv, sc_corr vs Cmat, as numpy" "
import numpy as np
x = np.loadtxt('$B'); fc = np.corrcoef(x); iu = np.triu_indices(80, 1)
mc = lambda a, b: np.corrcoef(a[iu], b[iu])[0, 1]
l = open('s101309.txt').read().splitlines(); s = dict(zip(l[0][2:].split('\t'), map(float, l[1].split('\t'))))
assert abs(s['fc_corr'] - mc(fc, np.loadtxt('$HCP/FC_101309.tsv'))) < 1e-12 and s['fc_corr'] > 0.999999
assert abs(s['sc_corr'] - mc(fc, np.loadtxt('$HCP/Cmat.tsv'))) < 1e-12
g = open('sgroup.txt').read().split('\t')
assert abs(float(g[3]) - mc(fc, np.loadtxt('$HCP/FC.tsv'))) < 1e-12, (g, mc(fc, np.loadtxt('$HCP/FC.tsv')))
"
    py "hcp80: FCD with TR 720 ms, 60 s windows (83 volumes), 7.2 s steps (10), as numpy" "
import numpy as np
x = np.loadtxt('$B'); iu = np.triu_indices(80, 1)
tri = np.array([np.corrcoef(x[:, s:s + 83])[iu] for s in range(0, 1200 - 83 + 1, 10)])
got = np.load('bold_fcd.npy'); want = np.corrcoef(tri)
assert got.shape == want.shape and abs(got - want).max() < 1e-12, abs(got - want).max()
"
else
    skip "hcp80 BOLD tests" "$HCP/BOLD_101309.tsv absent (set WC_SHARED)"
fi

# ---- a network on the shipped hcp80, compared with its FC and SC by name ----
wc-run --conn hcp80 --noise-E 0.01 --noise-I 0.01 -T 300 -s 4 -o hcp_run.wcb
wc-fc hcp_run.wcb -On -o hcp_run_fc.npy
wc-view hcp_run.wcb --no-header -On -o hcp_run.npy
wc-fc --compare hcp80:FC --sc hcp80 --summary hcp_run.wcb > hcp_run_sum.txt
py "hcp80 network run: FC equals numpy.corrcoef; fc_corr with hcp80:FC, sc_corr with hcp80 as numpy" "
import numpy as np
x = np.load('hcp_run.npy')[:, 1:]; got = np.load('hcp_run_fc.npy'); want = np.corrcoef(x.T)
assert got.shape == (80, 80) and abs(got - want).max() < 1e-12, abs(got - want).max()
iu = np.triu_indices(80, 1); mc = lambda a, b: np.corrcoef(a[iu], b[iu])[0, 1]
l = [r for r in open('hcp_run_sum.txt').read().splitlines() if not r.startswith('##')]
s = dict(zip(l[0][2:].split('\t'), map(float, l[1].split('\t'))))
top = '$WC_TOP/share/data/hcp80/'
assert abs(s['fc_corr'] - mc(got, np.loadtxt(top + 'FC.tsv.gz'))) < 1e-12, s
assert abs(s['sc_corr'] - mc(got, np.loadtxt(top + 'Cmat.tsv.gz'))) < 1e-12, s
"

# ---- memory: does not grow with the run's length ----
if [ -x /usr/bin/time ]; then
    for T in 6000 60000; do
        for t in 1 2; do
            wc-run -n 80 --noise-E 0.01 -T $T -Ou | /usr/bin/time -f %M -o rss$T.$t wc-fc -t $t -o fc$T.$t.tsv
        done
    done
    check "peak RSS, 1 thread: 6e5 samples x 80 channels no more than 6e4 (+512 kB): $(cat rss6000.1) kB, $(cat rss60000.1) kB" \
        test "$(cat rss60000.1)" -le $(( $(cat rss6000.1) + 512 ))
    # with threads the peak varies by a few 100 kB from run to run (buffers, OpenBLAS's per-thread memory)
    check "peak RSS, 2 threads: 6e5 no more than 6e4 (+2 MB): $(cat rss6000.2) kB, $(cat rss60000.2) kB" \
        test "$(cat rss60000.2)" -le $(( $(cat rss6000.2) + 2048 ))
    grep -v "^#" fc60000.2.tsv > fc60000.2.tsv.rows
    check "... and the FCs came out whole (80 rows), the same with 1 and 2 threads" sh -c \
        'test "$(grep -vc "^#" fc6000.1.tsv)" = 80 && test "$(grep -vc "^#" fc60000.1.tsv)" = 80 &&
         grep -q "^## fc.samples 600001$" fc60000.1.tsv && grep -v "^#" fc60000.1.tsv | cmp -s - fc60000.2.tsv.rows'
else
    skip "peak RSS" "/usr/bin/time not installed"
fi

# ---- bad input: one line on stderr, exit 1, no output file ----
one_line() {  # NAME MESSAGE COMMAND...: exit 1, one stderr line containing MESSAGE, no out.tsv
    local name=$1 msg=$2; shift 2
    rm -f out.tsv
    "$@" > /dev/null 2> one.err
    local rc=$?
    if [ $rc -eq 1 ] && [ "$(wc -l < one.err)" -eq 1 ] && grep -qF -- "$msg" one.err && [ ! -e out.tsv ]; then ok "$name"
    else notok "$name" "exit $rc: $(head -c 300 one.err)"; fi
}
printf '# a\tb\n1\t2\n' > one.tsv
printf '# a\tb\n1\t2\n3\tx\n5\t4\n' > cell.tsv
printf '# a\tb\n1\t2\n1\t2\n1\t2\n' > flat.tsv
one_line "fewer than 2 samples" "wc-fc: one.tsv: 1 sample: at least 2 are needed" wc-fc one.tsv -o out.tsv
one_line "nothing left after --skip" "wc-fc: rand.tsv: 0 samples after --skip: at least 2 are needed" wc-fc --skip 1e6 rand.tsv -o out.tsv
one_line "a non-numeric cell" "wc-fc: cell.tsv:" wc-fc cell.tsv -o out.tsv
one_line "every channel constant" "wc-fc: flat.tsv: every channel is constant (zero variance)" wc-fc flat.tsv -o out.tsv
check "... but their covariance is 0" sh -c 'wc-fc --cov --no-version flat.tsv | grep -v "^#" | tr "\n" " " | grep -qx "0	0 0	0 "'
one_line "a window longer than the run" "wc-fc: fcd_in.tsv: --window is 800 samples, longer than the 700 samples read" \
    wc-fc --window 800samples --step 1samples fcd_in.tsv -o out.tsv
one_line "room for one window only" "wc-fc: fcd_in.tsv: 1 complete window: at least 2 are needed" \
    wc-fc --window 600samples --step 200samples fcd_in.tsv -o out.tsv
one_line "FCD of 2 channels" "wc-fc: one.tsv: FCD needs at least 3 channels" wc-fc --window 2samples --step 1samples one.tsv -o out.tsv
one_line "--compare of another size" "wc-fc: C12.tsv: 12 x 12, but the FC is 6 x 6 (--compare)" wc-fc --compare C12.tsv rand.tsv -o out.tsv
one_line "--sc of another size" "wc-fc: C12.tsv: 12 x 12, but the FC is 8 x 8 (--sc)" wc-fc --sc C12.tsv --summary fcd_in.tsv -o out.tsv
one_line "--compare not a matrix" "wc-fc: emp_ts.tsv:" wc-fc --compare emp_ts.tsv fcd_in.tsv -o out.tsv
one_line "--compare-ts with other channels" "wc-fc: rand.tsv: 6 channels, but the input has 8" \
    wc-fc --compare-ts rand.tsv fcd_in.tsv -o out.tsv
one_line "a missing input" "wc-fc: nosuch.tsv:" wc-fc nosuch.tsv -o out.tsv
one_line "a ragged transposed table" "wc-fc: ragged.tsv:" sh -c 'printf "1 2 3\n4 5\n" > ragged.tsv; wc-fc --transpose ragged.tsv -o out.tsv'
fails "writing to /dev/full" 1 "wc-fc: /dev/full: write error" wc-fc rand.tsv -o /dev/full
fails "stdout on /dev/full" 1 "wc-fc: stdout: write error" sh -c 'wc-fc rand.tsv > /dev/full'

# ---- usage errors: exit 2 ----
fails "--cov with --fisher-z" 2 "wc-fc: --cov and --fisher-z exclude each other" wc-fc --cov --fisher-z rand.tsv
fails "--window without --step" 2 "wc-fc: --window needs --step" wc-fc --window 10 rand.tsv
fails "--fcd-hist without --window" 2 "wc-fc: --fcd-hist needs --window" wc-fc --fcd-hist 10 rand.tsv
fails "an unknown channel" 2 "wc-fc: rand.tsv: --vars: no column 'zz'" wc-fc --vars zz rand.tsv
fails "ms without a sampling interval" 2 "wc-fc: fcd_in.tsv: --window in ms needs the sampling interval" \
    wc-fc --window 100 --step 10 fcd_in.tsv
fails "a bad span" 2 "wc-fc: --skip:" wc-fc --skip 10minutes rand.tsv
fails "a binary summary" 2 "wc-fc: -O: the summary is text" wc-fc --summary -Ob rand.tsv
fails "a window of one sample" 2 "wc-fc: rand.tsv: --window is 1 samples; at least 2 are needed" \
    wc-fc --window 1samples --step 1samples rand.tsv

# regressions found in review
printf '# a\tb\n1\t2\nnan\t3\n2\t5\n' > nan2.tsv
fails "a NaN channel is an error, not a constant" 1 "channel 1 has NaN or infinite values" wc-fc nan2.tsv
printf '# a\tb\tc\n1\t2\t0\ninf\t3\t1\n2\t5\t1\n4\t1\t0\n' > inf3.tsv
fails "an infinite value inside an FCD window is an error" 1 "NaN or infinite" wc-fc --window 2samples --step 1samples inf3.tsv
printf '# t\ta\tb\n0\t1\t2\n1\tx\t3\n2\t3\t4\n' > badt.tsv
fails "a bad cell among the rows read for dt is reported as such" 1 "line 3, field 2: not a number" wc-fc --skip 5 badt.tsv
wc-run -n 3 -T 20 --noise-E 0.01 -Ou -o three.wcb
check "the FC matrix's header has no dt or every (its rows are channels), and wc-psd refuses it" \
    bash -c '! wc-fc three.wcb | grep -q "^## \(dt\|every\) " && wc-fc three.wcb | grep -q "^## fc.dt 0.1$" &&
             ! wc-fc three.wcb | wc-psd --nperseg 2 2>/dev/null'
printf '# a\tb\n1\t2\n2\t1\n3\t5\n' > two.tsv
printf '1 0.5\n0.5 1\n' > fc22.tsv
fails "--compare on 2 channels warns that the fit is nan" 0 "a correlation of upper triangles needs at least 3" wc-fc --compare fc22.tsv --summary two.tsv

# issue 9: t that does not increase (a step of -1 was taken for an error with no message)
for ts in '4 3 2' '4 2 0'; do
    set -- $ts
    fails "t $1, $2, $3: t is not increasing" 1 "wc-fc: stdin: t is not increasing ($1, then $2)" \
        sh -c "printf '# t\ta\tb\n$1\t1\t2\n$2\t2\t1\n$3\t3\t5\n' | wc-fc"
done
printf '# t\ta\tb\tc\n0\t1\t2\t0\n1\t3\t1\t1\n2\t3\t-inf\t2\n3\t4\t5\t1\n' > inf4.tsv
fails "a NaN or infinite value names the channel and the sample" 1 \
    "wc-fc: inf4.tsv: channel 2 has NaN or infinite values: b is -inf in sample 3" wc-fc inf4.tsv

# issue 9: --transpose on a wc-stream (or a table with a t column) would take t for a sample
wc-run -T 5 -o tr5.wcb
fails "--transpose on a wc-stream is refused" 1 \
    "wc-fc: tr5.wcb: a wc-stream has samples in its rows, not channels: --transpose is for plain tables" wc-fc --transpose tr5.wcb
fails "--transpose on a table with a t column is refused" 1 "wc-fc: stdin: a table with a t column has samples in its rows" \
    sh -c "printf '# t\ta\tb\n0\t1\t2\n1\t2\t3\n' | wc-fc --transpose"
fails "--compare-transpose on a wc-stream is refused" 1 "wc-fc: tr5.wcb: a wc-stream has samples in its rows" \
    wc-fc --window 2samples --step 1samples --compare-ts tr5.wcb --compare-transpose --summary fcd_in.tsv
