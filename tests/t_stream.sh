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
