# t_psd.sh — wc-psd against scipy.signal.welch on the same data, and its oracles: a sine
# peaks at its bin, Parseval, the frequency axis from dt, streaming equals files, memory
# that does not grow with the input, and the error paths.
. "$(dirname "$0")/lib.sh"

# Python prelude: read a wc-stream TSV (or the --peak table) into names and rows.
PRE='
import numpy as np, sys
from scipy import signal
def stream(path):
    names, rows, keys = None, [], {}
    for line in open(path):
        if line.startswith("## "):
            k, _, v = line[3:].rstrip("\n").partition(" "); keys[k] = v
        elif line.startswith("# "): names = line[2:].rstrip("\n").split("\t")
        elif not line.startswith("#") and line.strip(): rows.append(line.rstrip("\n").split("\t"))
    return names, rows, keys
def table(path):
    names, rows, keys = stream(path)
    return names, np.array(rows, dtype=float).reshape(len(rows), -1), keys
def close(a, b, rtol=1e-10, what=""):
    # relative per bin; bins that detrending empties (the mean) are measured against the column peak
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape, (what, a.shape, b.shape)
    tol = rtol * np.abs(b) + 1e-13 * np.abs(b).max(axis=0)
    bad = np.abs(a - b) > tol
    assert not bad.any(), (what, np.argwhere(bad)[:3], a[bad][:3], b[bad][:3])
'

# Random data with an offset and a drift, four channels, a t column at 2 ms (500 Hz).
"$PYTHON" -c '
import numpy as np
rng = np.random.default_rng(4)
T = 5000
t = np.arange(T) * 2.0
x = rng.normal(size=(T, 4)) + np.array([0.0, 10.0, -3.0, 1e3]) + np.outer(t, [0, 1e-3, 0, -2e-3])
x[:, 2] += np.sin(2 * np.pi * 37.0 * t / 1000)
with open("rand.tsv", "w") as f:
    f.write("# t\ta\tb\tc\td\n")
    for tt, row in zip(t, x):
        f.write(repr(float(tt)) + "\t" + "\t".join(repr(float(v)) for v in row) + "\n")
'

# combos: options for wc-psd | the same for scipy (window, nperseg, noverlap, detrend)
combos='--nperseg 256|hann,256,128,constant
--window hamming --nperseg 100 --overlap 0.25 --detrend linear|hamming,100,25,linear
--window boxcar --nperseg 128 --overlap 0 --detrend none|boxcar,128,0,False
--nperseg 255 --overlap 0.75 --detrend linear|hann,255,191,linear
--window hamming --nperseg 64 --overlap 0.9 --detrend constant|hamming,64,57,constant
--window boxcar --nperseg 1000 --overlap 0.5 --detrend linear|boxcar,1000,500,linear'
i=0
while IFS='|' read -r opts ref; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    wc-psd $opts rand.tsv > "c$i.tsv" 2> "c$i.err"
    py "scipy.signal.welch equals wc-psd $opts" "$PRE"'
names, got, keys = table(sys.argv[1])
w, n, nov, det = sys.argv[2].split(",")
det = False if det == "False" else det
d = np.loadtxt("rand.tsv")
f, p = signal.welch(d[:, 1:], fs=500.0, window=w, nperseg=int(n), noverlap=int(nov), detrend=det, axis=0)
assert names == ["f", "a", "b", "c", "d"], names
assert int(keys["psd.noverlap"]) == int(nov) and keys["psd.fs"] == "500", keys
close(got[:, 0], f, 1e-13, "f")
close(got[:, 1:], p, 1e-10, "psd")
' "c$i.tsv" "$ref"
done <<< "$combos"

# a network of 3 nodes from small matrices, 2 s at dt = 0.1 ms: fs = 10 kHz
printf '0 1 0.5\n1 0 2\n0.5 2 0\n' > C.txt
printf '0 20 40\n20 0 10\n40 10 0\n' > D.txt
wc-run --conn C.txt --dist D.txt --noise-E 0.01 -T 2000 -s 3 -Ou -o net.wcb
wc-psd --nperseg 1024 --detrend linear net.wcb > net.psd
wc-view --no-header -c rE0,rE1,rE2 net.wcb > net.tsv
py "a wc-run network: wc-psd equals scipy (fs 10 kHz, nperseg 1024, linear)" "$PRE"'
names, got, keys = table("net.psd")
x = np.loadtxt("net.tsv")
f, p = signal.welch(x, fs=10000.0, nperseg=1024, detrend="linear", axis=0)
assert names == ["f", "rE0", "rE1", "rE2"] and keys["psd.segments"] == str((20001 - 1024) // 512 + 1), (names, keys)
close(got[:, 0], f, 1e-13, "f"); close(got[:, 1:], p, 1e-10, "psd")
'

# hcp80 BOLD: regions in rows, TR 0.72 s
bold=${WC_SHARED:-}/hcp80/BOLD_101309.tsv
if [ -n "${WC_SHARED:-}" ] && [ -f "$bold" ]; then
    wc-psd --transpose --dt 720 --nperseg 128 "$bold" > bold.psd
    py "hcp80 BOLD (--transpose --dt 720): wc-psd equals scipy, 80 regions" "$PRE"'
names, got, keys = table("bold.psd")
x = np.loadtxt(sys.argv[1])
f, p = signal.welch(x, fs=1000 / 720, nperseg=128, axis=1)
assert names[1:] == ["ch%d" % i for i in range(80)], names[:3]
close(got[:, 0], f, 1e-13, "f"); close(got[:, 1:], p.T, 1e-10, "psd")
' "$bold"
else
    skip "hcp80 BOLD against scipy" "no \$WC_SHARED/hcp80/BOLD_101309.tsv"
fi

# a pure sine of f0 = 123.4 Hz sampled at 1 kHz: bins are 1000/256 Hz apart, the nearest
# is bin 32 = 125 Hz
"$PYTHON" -c '
import numpy as np
t = np.arange(20000)
np.savetxt("sine.tsv", np.c_[t, 3 * np.sin(2 * np.pi * 123.4 * t / 1000)], delimiter="\t", header="t\tx", comments="# ")
'
wc-psd --no-header sine.tsv > sine.psd
check "a sine of 123.4 Hz peaks at the nearest bin, 125 Hz (stream)" sh -c \
    'sort -t "	" -k2,2g sine.psd | tail -1 | cut -f1 | grep -qx 125'
check "a sine of 123.4 Hz peaks at 125 Hz (--peak)" sh -c \
    'wc-psd --peak --no-header sine.tsv | cut -f1,2 | grep -qx "x	125"'

# Parseval: the integral of the density is the variance (white noise, default options)
"$PYTHON" -c '
import numpy as np
x = np.random.default_rng(9).normal(2.0, 1.5, 200000)
np.savetxt("white.tsv", x, header="x", comments="# ")
'
py "Parseval: sum(psd) * df is the variance within 1 %" "$PRE"'
import subprocess
out = subprocess.run(["wc-psd", "--dt", "0.25", "white.tsv"], capture_output=True, text=True, check=True).stdout
open("white.psd", "w").write(out)
names, got, keys = table("white.psd")
df = got[1, 0] - got[0, 0]
v = np.loadtxt("white.tsv").var()
s = got[:, 1].sum() * df
assert abs(s / v - 1) < 0.01, (s, v)
assert df == 4000 / 256, df
'
check "band powers add up to the integral of the bands (--peak vs the stream)" sh -c '
    wc-psd --dt 4 --nperseg 500 white.tsv > w4.psd &&
    wc-psd --dt 4 --nperseg 500 --peak --no-header white.tsv > w4.peak &&
    awk -F"\t" "!/^#/ { d = \$1 - f0; f0 = \$1; if (\$1 >= 8 && \$1 < 13) a += \$2 } END { printf \"%.10e\n\", a * 0.5 }" w4.psd > a.sum &&
    awk -F"\t" "{ printf \"%.10e\n\", \$6 }" w4.peak | cmp - a.sum'

# the frequency axis: dt = 0.1 ms is fs = 10 kHz, up to 5000 Hz
wc-run -T 100 --vars rE --noise-E 0.01 -Ou | wc-psd > fast.psd
check "dt 0.1 ms: psd.fs 10000 and f up to 5000 Hz" sh -c \
    'grep -qx "## psd.fs 10000" fast.psd && tail -1 fast.psd | cut -f1 | grep -qx 5000 && grep -qx "## unit.f Hz" fast.psd'
check "wc-run --every 10: fs = 1 kHz" sh -c \
    'wc-run -T 1000 --every 10 --vars rE --noise-E 0.01 | wc-psd | grep -qx "## psd.fs 1000"'
check "--fmax cuts rows: f <= 1000" sh -c \
    'wc-run -T 100 --vars rE --noise-E 0.01 -Ou | wc-psd --fmax 1000 --no-header > fmax.psd &&
     [ "$(wc -l < fmax.psd)" -eq 26 ] && tail -1 fmax.psd | cut -f1 | grep -qx 976.5625'

# streaming: stdin equals a file, binary equals text
wc-run -n 4 --vars rE --noise-E 0.01 -T 300 --no-version -Ou -o run4.wcb
wc-view --no-version -Ot run4.wcb > run4.tsv
wc-psd --no-version run4.wcb > f1.psd
wc-psd --no-version < run4.wcb > f2.psd
wc-psd --no-version - < run4.tsv > f3.psd
cat run4.wcb | wc-psd --no-version > f4.psd
same "stdin equals the file" f1.psd f2.psd
same "TSV input equals binary input" f1.psd f3.psd
same "a pipe equals the file" f1.psd f4.psd
check "the result is the same bits every run (FFTW_ESTIMATE)" sh -c 'wc-psd --no-version run4.wcb | cmp -s - f1.psd'
check "-Ou output reads back as the same numbers" sh -c 'wc-psd --no-version -Ou run4.wcb | wc-view --no-version | cmp -s - f1.psd'

# --mean, --skip and --vars
py "--mean is the mean of the channels' spectra" "$PRE"'
import subprocess
subprocess.run("wc-psd --mean run4.wcb > m.psd", shell=True, check=True)
n1, a, _ = table("f1.psd"); n2, m, k = table("m.psd")
assert n2 == ["f", "psd"] and k["psd.mean"] == "4", (n2, k)
close(m[:, 1], a[:, 1:].mean(axis=1), 1e-13, "mean")
'
py "--skip 100 drops the first 100 ms (as scipy on t >= 100)" "$PRE"'
import subprocess
subprocess.run("wc-psd --skip 100 --vars rE1,rE3 run4.wcb > s.psd", shell=True, check=True)
names, got, keys = table("s.psd")
d = np.loadtxt("run4.tsv")
x = d[d[:, 0] >= 100 - 1e-9][:, [2, 4]]
f, p = signal.welch(x, fs=10000.0, nperseg=256, axis=0)
assert names == ["f", "rE1", "rE3"] and int(keys["psd.samples"]) == len(x) == 2001, (names, keys, len(x))
close(got[:, 1:], p, 1e-10, "psd")
'
check "default channels: rE0..rE3 of a network, not rI" sh -c \
    'wc-run -n 2 -T 50 | wc-psd | grep -qx "# f	rE0	rE1"'
check "keeps the input's provenance and adds its own cmd" sh -c \
    'grep -c "^## cmd" fast.psd | grep -qx 2 && grep -q "^## cmd wc-psd\$" fast.psd && grep -q "^## param.sigma_E 0.01\$" fast.psd'
check "--peak table: one row per channel with band columns" sh -c \
    'wc-psd --peak run4.wcb | grep -v "^##" | head -1 | grep -qx "# column	f_peak	p_peak	delta	theta	alpha	beta	gamma"'

# memory does not grow with the input: 80 channels, 6e4 vs 6e5 samples through a pipe
rss() { wc-run -n 80 --vars rE --noise-E 0.01 -T "$1" -Ou | wc-psd -v -o /dev/null 2>&1 | grep -o 'peak RSS [0-9.]*' | cut -d' ' -f3; }
small=$(rss 6000); big=$(rss 60000)
if [ -n "$small" ] && [ -n "$big" ] && approx "$big" "$small" 2; then ok "peak RSS does not grow with T: $small MB (6e4 samples), $big MB (6e5)"
else notok "peak RSS does not grow with T" "$small MB vs $big MB"; fi

# bad input: one line, exit 1 (data) or 2 (usage), no output file left behind
head -c 0 /dev/null > empty.tsv
wc-run -T 10 -Ou -o short.wcb
printf '# t\tx\n0\t1\n1\tabc\n2\t3\n' > bad.tsv
printf '1 2\n3 4\n5 6\n' > bare.tsv
fails "fewer samples than --nperseg" 1 "wc-psd: short.wcb: fewer samples (101) than --nperseg (256)" wc-psd short.wcb -o out1.tsv
check "  ... leaves no output file" test ! -e out1.tsv
fails "zero-length input" 1 "wc-psd: empty.tsv:" wc-psd empty.tsv -o out2.tsv
check "  ... leaves no output file" test ! -e out2.tsv
fails "a header but no rows" 1 "wc-psd: stdin: no samples" sh -c 'printf "## wc-stream 1 tsv\n## dt 0.1\n# t\tx\n" | wc-psd'
fails "a non-numeric cell" 1 "wc-psd: bad.tsv: " wc-psd --nperseg 2 bad.tsv -o out3.tsv
check "  ... leaves no output file" test ! -e out3.tsv
fails "sampling interval unknown" 1 "sampling interval unknown" wc-psd --nperseg 2 bare.tsv
check "  ... --dt gives it" sh -c 'wc-psd --nperseg 2 --dt 1 bare.tsv | grep -qx "## psd.fs 1000"'
fails "unknown --window" 2 "wc-psd: --window: unknown window 'hanning'" wc-psd --window hanning run4.wcb
fails "unknown --detrend" 2 "wc-psd: --detrend: unknown type 'quadratic'" wc-psd --detrend quadratic run4.wcb
fails "--overlap 1" 2 "wc-psd: --overlap must be >= 0 and < 1" wc-psd --overlap 1 run4.wcb
fails "--overlap 50 (samples, not a fraction)" 2 "wc-psd: --overlap must be" wc-psd --overlap 50 run4.wcb
fails "--nperseg 1" 2 "wc-psd: --nperseg must be between 2" wc-psd --nperseg 1 run4.wcb
fails "--dt 0" 2 "wc-psd: --dt must be > 0" wc-psd --dt 0 run4.wcb
fails "unknown --vars" 2 "wc-psd: run4.wcb: --vars: no column 'rX'" wc-psd --vars rX run4.wcb
fails "--peak with binary output" 2 "wc-psd: -O: the --peak table" wc-psd --peak -Ob run4.wcb
fails "a missing file" 1 "wc-psd: nosuch.wcb: " wc-psd nosuch.wcb
fails "--skip past the end" 1 "wc-psd: run4.wcb: no samples after --skip" wc-psd --skip 1e6 run4.wcb
fails "a truncated stream" 1 "wc-psd: stdin: truncated" sh -c 'head -c 20000 run4.wcb | wc-psd'
fails "/dev/full as -o" 1 "wc-psd: /dev/full: " wc-psd run4.wcb -o /dev/full
fails "/dev/full as stdout" 1 "wc-psd: " sh -c 'wc-psd run4.wcb > /dev/full'
fails "/dev/full for --peak" 1 "wc-psd: " sh -c 'wc-psd --peak run4.wcb > /dev/full'

# regressions found in review
printf "## wc-stream 1 tsv\n## dt 1\n## unit.$(printf 'x%.0s' $(seq 400)) ms\n# a\n1\n2\n3\n" > longkey.tsv
check "a header key of 400 characters does not hang wc-psd" timeout 10 wc-psd --nperseg 2 longkey.tsv
wc-run -n 4 -T 100 -Ou -o four.wcb
fails "--nperseg far beyond the input: an error after reading, no huge allocation" 1 \
    "fewer samples (1001) than --nperseg (16777216)" timeout 20 wc-psd --nperseg 16777216 four.wcb
printf '# t\ta\n0\t1\n1\tx\n2\t3\n' > badt.tsv
fails "a bad cell among the rows read for dt is reported as such" 1 "line 3, field 2: not a number" wc-psd --nperseg 2 badt.tsv
check "the spectrum's header has no dt or every of the input (its rows are frequencies)" \
    bash -c 'wc-psd --nperseg 64 four.wcb | grep -q "^## psd.fs 10000$" && ! wc-psd --nperseg 64 four.wcb | grep -q "^## \(dt\|every\) "'
wc-run -T 200 -Ou -o short.wcb
fails "--peak warns about bands narrower than the bins" 0 "no frequency bin in bands delta theta alpha beta at 39.0625 Hz spacing" \
    wc-psd --peak --vars rE short.wcb

# --peak is a text table: binary output refused (the shared text-table check)
fails "binary --peak table refused" 2 "wc-psd: -O: the --peak table is text; use -Ot or -Oz" wc-psd --peak -Ou sine.tsv

# issue 9: t that does not increase (a step of -1 was taken for an error with no message)
for ts in '4 3 2' '4 2 0' '1 1 2'; do
    set -- $ts
    fails "t $1, $2, $3: t is not increasing" 1 "wc-psd: stdin: t is not increasing ($1, then $2)" \
        sh -c "printf '# t\ta\n$1\t1\n$2\t2\n$3\t3\n' | wc-psd --nperseg 2"
done

# issue 9: NaN or infinite input is an error naming the channel and the sample, not a NaN spectrum
printf '# t\ta\tb\n0\t1\t2\n1\t3\tnan\n2\t3\t1\n3\t4\t5\n' > nan.tsv
fails "a NaN value: one line naming channel and sample" 1 \
    "wc-psd: nan.tsv: channel 2 has NaN or infinite values: b is nan in sample 2" wc-psd --nperseg 2 nan.tsv -o out4.tsv
check "  ... leaves no output file" test ! -e out4.tsv
check "  ... and says it on one line" sh -c 'wc-psd --nperseg 2 nan.tsv 2>&1 >/dev/null | wc -l | grep -qx 1'
fails "an infinite value, transposed" 1 "wc-psd: stdin: channel 2 has NaN or infinite values: ch1 is inf in sample 2" \
    sh -c "printf '1 2 3\n4 inf 6\n' | wc-psd --transpose --dt 1 --nperseg 2"
fails "-inf past the first segment" 1 "channel 1 has NaN or infinite values: a is -inf in sample 5" \
    sh -c "printf '# a\n1\n2\n3\n4\n-inf\n5\n' | wc-psd --dt 1 --nperseg 2"

# issue 9: --transpose on a wc-stream would take t for a sample
fails "--transpose on a wc-stream is refused" 1 \
    "wc-psd: stdin: a wc-stream has samples in its rows, not channels: --transpose is for plain tables" \
    sh -c 'wc-run -T 5 | wc-psd --transpose --dt 1 --nperseg 2'
check "a NaN in the samples --skip drops is not looked at" \
    sh -c "printf '# t\ta\n0\tnan\n1\t1\n2\t3\n3\t2\n' | wc-psd --skip 1 --nperseg 2 >/dev/null"
