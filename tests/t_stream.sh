# t_stream.sh — the wc-stream format through the tools: lossless round trips between
# the four encodings, gzip compatibility, npy for numpy, plain tables, wc-view options.
. "$(dirname "$0")/lib.sh"

wc-run --no-version -x wc72 -T 50 --stim 'E:sine(0.5,40)' -Ot > ref.tsv
wc-run --no-version -x wc72 -T 50 --stim 'E:sine(0.5,40)' -Ob > ref.wcb.gz
wc-run --no-version -x wc72 -T 50 --stim 'E:sine(0.5,40)' -Ou > ref.wcb
wc-run --no-version -x wc72 -T 50 --stim 'E:sine(0.5,40)' -Oz > ref.tsv.gz

wc-view --no-version -Ou ref.tsv | wc-view --no-version -Ot > rt1.tsv
same "TSV -> binary -> TSV is byte-identical" ref.tsv rt1.tsv
wc-view --no-version -Ob ref.tsv | wc-view --no-version -Oz | wc-view --no-version -Ot > rt2.tsv
same "TSV -> gzip binary -> gzip TSV -> TSV is byte-identical" ref.tsv rt2.tsv
zcat ref.wcb.gz | wc-view --no-version -Ot > rt3.tsv
same "-Ob | zcat | wc-view -Ot equals -Ot" ref.tsv rt3.tsv
check "gzip -t passes on -Ob output" gzip -t ref.wcb.gz
check "gzip -t passes on -Oz output" gzip -t ref.tsv.gz
check "zcat of -Oz output is the TSV" sh -c 'zcat ref.tsv.gz | cmp -s - ref.tsv'
check "binary header is readable text (head/grep work)" sh -c 'head -c 4096 ref.wcb | grep -aq "^## param.wEE 16$"'
same "raw binary = gunzipped -Ob" ref.wcb <(zcat ref.wcb.gz)
for f in ref.tsv ref.wcb.gz ref.wcb ref.tsv.gz; do
    wc-view --no-version "$f" > v.tsv
    same "wc-view reads $f" ref.tsv v.tsv
done
check "binary is 8 bytes per value" sh -c 'hdr=$(grep -abo "^# t" ref.wcb | head -1 | cut -d: -f1); n=$(grep "^## nrows" ref.tsv | cut -d" " -f3); size=$(stat -c %s ref.wcb); test $((size - hdr - 10)) -eq $((n * 3 * 8))'

# npy for numpy users
wc-run --no-version -x wc72 -T 50 --stim 'E:sine(0.5,40)' -o run.npy
wc-view ref.wcb -On > piped.npy
py "numpy.load reads -o run.npy and it equals the TSV bit for bit" '
import numpy, sys
a = numpy.load(sys.argv[1]); b = numpy.load(sys.argv[2])
t = numpy.loadtxt(sys.argv[3], comments="#")
assert a.shape == t.shape == b.shape, (a.shape, t.shape)
assert a.dtype == numpy.float64
assert (a == t).all() and (b == t).all()
' run.npy piped.npy ref.tsv
py "numpy reads the binary stream after its header" '
import numpy, sys
raw = open(sys.argv[1], "rb").read()
body = raw[raw.index(b"\n# t") + 1:]; body = body[body.index(b"\n") + 1:]
a = numpy.frombuffer(body, "<f8").reshape(-1, 3)
t = numpy.loadtxt(sys.argv[2], comments="#")
assert (a == t).all()
' ref.wcb ref.tsv

# shortest round-trip numbers
py "TSV numbers are the shortest that read back exactly" '
import sys
for line in open(sys.argv[1]):
    if line.startswith("#"): continue
    for f in line.split():
        x = float(f)
        assert repr(x) == f or float(f) == x and len(f) <= len(repr(x)), (f, repr(x))
' ref.tsv
check "t column is decimal (0.1 steps print as 0.1, 0.2, ...)" sh -c "awk '!/^#/ {print \$1}' ref.tsv | head -4 | tr '\n' ' ' | grep -qx '0 0.1 0.2 0.3 '"

# plain tables in
printf 'a,b\n1,2\n3,4\n' > p.csv
check "CSV with a names line" sh -c 'wc-view --no-version p.csv | grep -qx "# a	b"'
printf '1 2 3\n4 5 6\n\n7 8 9\n' > p.txt
check "headerless table: columns c1..cN, blank lines skipped" sh -c 'test "$(wc-view --no-version p.txt | grep -c -v "^#")" -eq 3 && wc-view p.txt | grep -qx "# c1	c2	c3"'
printf '# x\ty\n1\t2\n' > p.vnl
check "vnlog names line" sh -c 'wc-view --no-version -c y p.vnl | tail -1 | grep -qx 2'

# wc-view options
check "-H prints the header only" sh -c 'wc-view -H ref.wcb.gz | tail -1 | grep -qx "# t	rE	rI"'
check "--no-header prints rows only" sh -c '! wc-view --no-header ref.wcb | grep -q "^#"'
check "-c selects and orders columns" sh -c 'wc-view -c rI,t ref.wcb | grep -qx "# rI	t"'
check "--tmin/--tmax window" sh -c 'test "$(wc-view --tmin 10 --tmax 20 --no-header ref.wcb | wc -l)" -eq 101'
check "--every decimates" sh -c 'test "$(wc-view --every 10 --no-header ref.wcb | wc -l)" -eq 51'
check "filtered output drops nrows" sh -c '! wc-view --every 10 ref.wcb | grep -q "^## nrows"'
check "provenance: wc-view appends its cmd line to wc-run's" sh -c 'wc-run -T 1 | wc-view | grep -c "^## cmd" | grep -qx 2'
check "-o infers the type from the name" sh -c 'wc-view --no-version ref.tsv -o x.wcb.gz && gzip -t x.wcb.gz && wc-view --no-version x.wcb.gz | cmp -s - ref.tsv'
check "--precision 6" sh -c 'wc-view --precision 6 --no-header ref.wcb | sed -n 2p | grep -qE "^0.1	[0-9.e-]{1,12}	"'
check "binary to a terminal is refused" sh -c 'script -qec "wc-run -Ou" /dev/null | grep -q "not writing binary to a terminal"'

# -o through a symbolic link fills the file it names; /dev/stdout is written in place
printf 'old\n' > real.tsv && ln -s real.tsv link.tsv
wc-run --no-version -T 1 -o link.tsv
check "-o via a symlink writes the target, keeps the link" sh -c 'test -L link.tsv && grep -q "^## wc-stream" real.tsv'
wc-run --no-version -T 1 -o /dev/stdout > viaout.tsv
check "-o /dev/stdout writes to standard output" grep -q "^## wc-stream" viaout.tsv

# wc-view --every K multiplies the header's every, so the sampling interval stays right
check "wc-view --every 10 records every 30 after wc-run --every 3" \
    bash -c 'wc-run -T 10 --every 3 -O t | wc-view --every 10 | grep -qx "## every 30"'

# .npy in everywhere: every tool that reads a stream reads the .npy files wckit writes
# (column names from the comment after the dict) and any 2-D float64/float32 C-order
# array (columns c1..cN)
wc-run --no-version -n 3 -T 200 --noise-E 0.01 -s 2 -o run.npy
wc-run --no-version -n 3 -T 200 --noise-E 0.01 -s 2 -o run.tsv
py "numpy.load reads wckit's .npy, whose dict carries the column names as a comment" '
import numpy as np, sys
a = np.load("run.npy"); t = np.loadtxt("run.tsv")
assert a.shape == (2001, 7) and np.array_equal(a, t), (a.shape, t.shape)
head = open("run.npy", "rb").read(256).decode("latin1")
assert "# wckit columns: t rE0 rE1 rE2 rI0 rI1 rI2" in head, head'
check "wc-view x.npy: the same rows and names as the TSV run" sh -c 'wc-view --no-version run.npy | grep -v "^##" > a.txt && grep -v "^##" run.tsv | cmp -s - a.txt'
check "wc-stats x.npy" sh -c 'wc-stats --no-version run.npy | grep -q "^rE1	2001	"'
check "wc-fc x.npy equals wc-fc on the TSV run" sh -c 'wc-fc --no-version run.npy | grep -v "^##" > f1 && wc-fc --no-version run.tsv | grep -v "^##" > f2 && cmp -s f1 f2'
check "wc-psd x.npy: the sampling interval from its t column" sh -c 'wc-psd --no-version --nperseg 256 run.npy | grep -v "^##" > p1 && wc-psd --no-version --nperseg 256 run.tsv | grep -v "^##" > p2 && cmp -s p1 p2'
"$PYTHON" -c '
import numpy as np
rng = np.random.default_rng(1)
np.save("f8.npy", rng.standard_normal((500, 4)))
np.save("f4.npy", rng.standard_normal((500, 4)).astype(np.float32))
np.save("v.npy", np.arange(5.0))
np.save("fo.npy", np.asfortranarray(rng.standard_normal((5, 3))))
np.save("c16.npy", np.zeros((2, 2), complex))
np.save("i8.npy", np.arange(6).reshape(3, 2))'
py "a numpy.save float64 array: columns c1..c4, values exact" '
import numpy as np, subprocess
out = subprocess.run(["wc-view", "--no-version", "f8.npy"], capture_output=True, text=True, check=True).stdout.splitlines()
assert out[-501] == "# c1\tc2\tc3\tc4", out[:3]
x = np.array([[float(v) for v in l.split("\t")] for l in out[-500:]])
assert np.array_equal(x, np.load("f8.npy"))'
py "a float32 array reads as the doubles it holds; wc-fc equals numpy.corrcoef" '
import numpy as np, subprocess
out = subprocess.run(["wc-fc", "--no-version", "--vars", "c1,c2,c3,c4", "f4.npy"], capture_output=True, text=True, check=True).stdout
m = np.array([[float(v) for v in l.split("\t")] for l in out.splitlines() if not l.startswith("#")])
ref = np.corrcoef(np.load("f4.npy").astype(float).T)
assert np.abs(m - ref).max() < 1e-12, np.abs(m - ref).max()'
check "a 1-D array is one column" sh -c 'test "$(wc-view --no-header v.npy | tr "\n" " ")" = "0 1 2 3 4 "'
check "an integer array reads as doubles" sh -c 'test "$(wc-view --no-header i8.npy | tail -1)" = "4	5"'
fails "a Fortran-order array is refused" 1 "wc-view: fo.npy: npy array in Fortran order cannot be read row by row" wc-view fo.npy
fails "a complex array is refused, its dtype named cleanly" 1 "wc-view: c16.npy: npy dtype '<c16' is not supported (" wc-view c16.npy
head -c 150 f8.npy > cut.npy
fails "an .npy cut short" 1 "wc-view: cut.npy: truncated input" wc-view cut.npy
check "an .npy on stdin" sh -c 'wc-view --no-header < f8.npy | wc -l | grep -qx 500'
