# t_conn.sh — wc-conn: info/norm/threshold against numpy, bit-exact round trips through
# every format (the shipped hcp80 and a generated connectome), braintools msgpack files
# written by python3-msgpack, TVB zips written by python3's zipfile and bz2 (plain and
# bzip2 members, in a folder), the shipped names (hcp80, hcp80:Dmat, hcp80:FC), gen's
# promises, bad input and usage errors, and a mutated-file loop (run under ASan by make
# check SANITIZE=1).
. "$(dirname "$0")/lib.sh"

HCP=$WC_TOP/share/data/hcp80
wc-conn gen -n 80 -o gen.npy --dist-out gend.npy
gzip -dc "$HCP/Cmat.tsv.gz" > C.tsv && gzip -dc "$HCP/Dmat.tsv.gz" > D.tsv && gzip -dc "$HCP/FC.tsv.gz" > FC.tsv

# ---- info against numpy ----
wc-conn info --no-version --dist D.tsv --speed 2 --dt 0.1 C.tsv > info.tsv
py "info equals numpy (edges, density, weights, row sums, symmetry, lengths, delays)" '
import numpy as np
C = np.loadtxt("C.tsv"); D = np.loadtxt("D.tsv"); n = len(C)
kv = dict(l.rstrip("\n").split("\t") for l in open("info.tsv") if not l.startswith("#"))
off = ~np.eye(n, dtype=bool); e = off & (C != 0)
want = {"n": n, "edges": e.sum(), "density": e.sum() / (n * (n - 1)), "weight_min": C[e].min(),
        "weight_max": C[e].max(), "weight_mean": C[e].mean(), "negative": (C[e] < 0).sum(),
        "rowsum_min": (C * off).sum(1).min(), "rowsum_max": (C * off).sum(1).max(),
        "symmetric": int((C == C.T).all()), "asymmetry_max": abs(C - C.T).max(), "diag_nonzero": (np.diag(C) != 0).sum(),
        "speed": 2, "dt": 0.1, "length_min_mm": D[e].min(), "length_max_mm": D[e].max(), "length_mean_mm": D[e].mean(),
        "delay_min_ms": D[e].min() / 2, "delay_max_ms": D[e].max() / 2,
        "delay_min_steps": np.ceil(D[e].min() / 2 / 0.1), "delay_max_steps": np.ceil(D[e].max() / 2 / 0.1)}
assert set(kv) == set(want), set(kv) ^ set(want)
for k, v in want.items():
    assert np.isclose(float(kv[k]), v, rtol=1e-12, atol=0), (k, kv[k], v)
'
check "hcp80: delays at 2 m/s span 35..1242 steps of 0.1 ms" sh -c \
    'grep -qx "delay_min_steps	35" info.tsv && grep -qx "delay_max_steps	1242" info.tsv'
check "info reads stdin (text)" sh -c 'wc-conn info --no-version - < C.tsv | grep -qx "n	80"'
check "info -Oz is gzip" sh -c 'wc-conn info -Oz C.tsv | gzip -t'

# ---- norm and threshold against numpy ----
wc-conn norm --by rowsum C.tsv -o rs.npy
wc-conn norm --by max D.tsv -o mx.npy
wc-conn threshold --keep 0.1 C.tsv -o k10.npy
wc-conn threshold --min 0.05 C.tsv -o m05.npy
py "norm and threshold equal numpy" '
import numpy as np
C = np.loadtxt("C.tsv"); D = np.loadtxt("D.tsv"); off = ~np.eye(len(C), dtype=bool)
# numpy sums pairwise, we in order: the last bit may differ
assert np.allclose(np.load("rs.npy"), C / C.sum(1, keepdims=True), rtol=1e-14, atol=0)
assert np.allclose(np.load("rs.npy").sum(1), 1, rtol=1e-13, atol=0)
assert np.array_equal(np.load("mx.npy"), D / abs(D).max())
w = np.sort(abs(C[off & (C != 0)]))[::-1]; k = int(np.ceil(0.1 * len(w))); cut = w[k - 1]
want = np.where(off & (abs(C) < cut), 0, C)
got = np.load("k10.npy")
assert np.array_equal(got, want) and ((got != 0) & off).sum() >= k
assert np.array_equal(np.load("m05.npy"), np.where(off & (abs(C) < 0.05), 0, C))
'
check "threshold keeps a symmetric matrix symmetric" sh -c \
    'wc-conn info --no-version k10.npy | grep -qx "symmetric	1"'

# ---- round trips: text -> npy -> msgpack -> stream -> csv -> text, bit for bit ----
roundtrip() {  # NAME FILE
    local name=$1 f=$2
    wc-conn convert "$f" -o "$name.0.npy" &&
        wc-conn convert "$name.0.npy" -o "$name.1.msgpack:$name" &&
        wc-conn convert "$name.1.msgpack:$name" -Ob -o "$name.2.wcb.gz" &&
        wc-conn convert "$name.2.wcb.gz" -F csv -o "$name.3.csv" &&
        wc-conn convert "$name.3.csv" -o "$name.4.txt" &&
        wc-conn convert "$name.4.txt" -Ou -o "$name.5.wcb" &&
        wc-conn convert "$name.5.wcb" -Ot -o "$name.6.tsv.gz" &&
        wc-conn convert "$name.6.tsv.gz" -F msgpack -o "$name.7.msgpack" &&
        wc-conn convert "$name.7.msgpack" -o "$name.8.npy" &&
        cmp "$name.0.npy" "$name.8.npy" && cmp "$name.4.txt" <(wc-conn convert "$name.8.npy")
}
check "hcp80 Cmat: text, npy, msgpack, stream, csv round trip bit for bit" roundtrip C C.tsv
check "hcp80 Dmat: the same round trip" roundtrip D D.tsv
check "generated C: the same round trip" roundtrip G gen.npy
py "numpy reads our .npy as the text's values exactly" '
import numpy as np
assert np.array_equal(np.load("C.0.npy"), np.loadtxt("C.tsv")) and np.array_equal(np.load("D.8.npy"), np.loadtxt("D.tsv"))
'

# ---- braintools msgpack written by python3-msgpack ----
"$PYTHON" - <<'PY'
import msgpack, numpy as np
E = msgpack.ExtType
pk = lambda a, dt=None: E(1, msgpack.packb([list(a.shape), dt or a.dtype.name, a.tobytes()]))
C = np.loadtxt("C.tsv"); D = np.loadtxt("D.tsv")
w = lambda name, obj: open(name, "wb").write(msgpack.packb(obj))
w("hcp.msgpack", {"Cmat": pk(C), "Dmat": pk(D)})
w("f32.msgpack", {"Cmat": pk(C.astype(np.float32))})
w("cx.msgpack", {"Cmat": pk(C.astype(np.complex64))})
w("big.msgpack", {"Cmat": E(1, msgpack.packb([[90, 90], "float64", C.tobytes()]))})
w("ns.msgpack", {"Cmat": pk(C[:, :79].copy())})
w("nan.msgpack", {"Cmat": pk(np.where(np.eye(len(C)) > 0, np.nan, C))})
np.save("C32.npy", C.astype(np.float32))
np.save("Cf.npy", np.asfortranarray(C))
np.save("ns.npy", C[:79])
b = open("C32.npy", "rb").read(); open("short.npy", "wb").write(b[:len(b) // 2])
inf = C.copy(); inf[3, 4] = np.inf; np.savetxt("inf.txt", inf)
PY
check "msgpack FILE:Cmat from python equals the text" sh -c 'wc-conn convert hcp.msgpack:Cmat | cmp - C.4.txt'
check "msgpack FILE:Dmat" sh -c 'wc-conn convert hcp.msgpack:Dmat -o hd.npy && cmp hd.npy D.0.npy'
check "msgpack info --dist with two keys of one file" sh -c \
    'wc-conn info --no-version --dist hcp.msgpack:Dmat hcp.msgpack:Cmat | diff - info.tsv'
check "Fortran-order npy equals C order" sh -c 'wc-conn convert Cf.npy -o cf2.npy && cmp cf2.npy C.0.npy'
py "float32 msgpack and npy widen to the same doubles" '
import numpy as np, subprocess
for f in ["f32.msgpack", "C32.npy"]:
    subprocess.run(["wc-conn", "convert", f, "-o", f + ".out.npy"], check=True)
    assert np.array_equal(np.load(f + ".out.npy"), np.loadtxt("C.tsv").astype(np.float32).astype(float)), f
'
wc-conn gen -n 80 --seed 3 -o both.msgpack:Cmat --dist-out both.msgpack:Dmat
py "gen writes a braintools file with Cmat and Dmat that msgpack reads" '
import msgpack, numpy as np, subprocess
d = msgpack.unpackb(open("both.msgpack", "rb").read())
assert list(d) == ["Cmat", "Dmat"], list(d)
for k, v in d.items():
    shape, dtype, raw = msgpack.unpackb(v.data)
    assert v.code == 1 and shape == [80, 80] and dtype == "float64" and len(raw) == 80 * 80 * 8
    a = np.frombuffer(raw).reshape(shape)
    assert (np.diag(a) == 0).all() and (a == a.T).all()
'

# ---- TVB zips, written by python3's zipfile and bz2 ----
cp "$HCP/regions.tsv" regions.tsv
"$PYTHON" - <<'PY'
import bz2, zipfile
W = open("C.tsv", "rb").read(); D = open("D.tsv", "rb").read()
names = [l.split("\t")[2] for l in open("regions.tsv").read().splitlines()[1:]]
cen = "".join("%s %d.5 %d.25 -%d\n" % (n, i, i, i) for i, n in enumerate(names)).encode()
def z(name, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(name, "w", method) as f:
        for k, v in members.items():
            f.writestr(k, v)
z("z_plain.zip", {"weights.txt": W, "tract_lengths.txt": D, "centres.txt": cen})
z("z_bz.zip", {"connectivity_80/": b"", "connectivity_80/weights.txt.bz2": bz2.compress(W),
               "connectivity_80/tract_lengths.txt.bz2": bz2.compress(D),
               "connectivity_80/centres.txt.bz2": bz2.compress(cen)}, zipfile.ZIP_STORED)
z("nw.zip", {"tract_lengths.txt": D, "centres.txt": cen})
bad = bytearray(bz2.compress(W)); bad[200] ^= 0xff
z("badbz.zip", {"weights.txt.bz2": bytes(bad)})
z("shortbz.zip", {"weights.txt.bz2": bz2.compress(W)[:-40]})
rows = W.splitlines(keepends=True)
z("nszip.zip", {"weights.txt": b"".join(rows[:79])})
z("nszip2.zip", {"weights.txt": W, "tract_lengths.txt": b"".join(l.split(b"\t", 1)[1] for l in D.splitlines(keepends=True)[:79])})
nan = list(rows); f = nan[2].split(b"\t"); f[5] = b"nan"; nan[2] = b"\t".join(f)
z("nanzip.zip", {"weights.txt": b"".join(nan)})
z("two.zip", {"a/weights.txt": W, "b/weights.txt.bz2": bz2.compress(W)})
open("cut.zip", "wb").write(open("z_plain.zip", "rb").read()[:3000])
PY
py "zip weights and tract_lengths (plain, and bzip2 in a folder) equal the text files exactly" '
import numpy as np, subprocess
C = np.loadtxt("C.tsv"); D = np.loadtxt("D.tsv")
for z in ["z_plain.zip", "z_bz.zip"]:
    for src, want in [(z, C), (z + ":weights", C), (z + ":tract_lengths", D), (z + ":tract_lengths.txt", D)]:
        out = src.replace(":", "_") + ".npy"
        subprocess.run(["wc-conn", "convert", src, "-o", out], check=True)
        assert np.array_equal(np.load(out), want), src
'
check "info of a zip: its tract_lengths as --dist" sh -c 'wc-conn info --no-version z_bz.zip | diff - info.tsv'
check "info of a zip with --dist: the given lengths" sh -c \
    'wc-conn info --no-version --dist gend.npy z_plain.zip | grep -qx "length_max_mm	$(wc-conn info --no-version --dist gend.npy C.tsv | sed -n "s/^length_max_mm	//p")"'

# ---- the shipped connectome: hcp80, hcp80:Dmat, hcp80:FC ----
py "hcp80, hcp80:Cmat, hcp80:Dmat, hcp80:FC are the shipped gzipped matrices" '
import numpy as np, subprocess
for src, f in [("hcp80", "C.tsv"), ("hcp80:Cmat", "C.tsv"), ("hcp80:Dmat", "D.tsv"), ("hcp80:FC", "FC.tsv")]:
    out = src.replace(":", "_") + ".npy"
    subprocess.run(["wc-conn", "convert", src, "-o", out], check=True)
    assert np.array_equal(np.load(out), np.loadtxt(f)), src
'
check "info hcp80: its Dmat as --dist" sh -c 'wc-conn info --no-version hcp80 | diff - info.tsv'
check "a file named hcp80 in the working directory comes first" sh -c \
    'mkdir -p own && cd own && cp ../gen.npy hcp80 && wc-conn info --no-version hcp80 | grep -qx "weight_max	1"'
check "WCKIT_DATA names another data directory" sh -c \
    'mkdir -p data/mini && cp gen.npy data/mini/Cmat.npy && WCKIT_DATA=$PWD/data wc-conn info --no-version mini | grep -qx "weight_max	1"'
check "a directory of Cmat/Dmat files reads as a connectome" sh -c \
    'mkdir -p mydir && cp gen.npy mydir/Cmat.npy && cp gend.npy mydir/Dmat.npy &&
     wc-conn info --no-version mydir | grep -q "^length_max_mm" && wc-conn convert mydir:Dmat -o md.npy && cmp md.npy gend.npy'

# ---- bad input: one line, exit 1 ----
: > empty.txt
printf '0 1 2\n3 4 5\n' > ns.txt
one_line() {  # NAME MESSAGE COMMAND...: exit 1, one stderr line containing MESSAGE
    local name=$1 msg=$2; shift 2
    "$@" > /dev/null 2> one.err
    local rc=$?
    if [ $rc -eq 1 ] && [ "$(wc -l < one.err)" -eq 1 ] && grep -qF -- "$msg" one.err; then ok "$name"
    else notok "$name" "exit $rc: $(head -c 300 one.err)"; fi
}
one_line "msgpack without the key" "wc-conn: hcp.msgpack:Wmat: no key 'Wmat' (keys: Cmat, Dmat)" wc-conn info hcp.msgpack:Wmat
one_line "msgpack with two arrays and no key" "wc-conn: hcp.msgpack: 2 arrays in the map (keys: Cmat, Dmat): choose one as FILE:KEY" wc-conn info hcp.msgpack
one_line "unsupported dtype" "wc-conn: cx.msgpack: key 'Cmat': dtype 'complex64' is not supported" wc-conn info cx.msgpack
one_line "msgpack shape larger than its data" "wc-conn: big.msgpack: key 'Cmat': shape (90, 90) of float64 needs 64800 bytes, the data has 51200" wc-conn info big.msgpack
one_line "npy claiming a shape larger than the file" "wc-conn: short.npy: npy data truncated" wc-conn info short.npy
one_line "non-square npy" "wc-conn: ns.npy: not square: npy shape (79, 80)" wc-conn info ns.npy
one_line "non-square msgpack" "wc-conn: ns.msgpack: key 'Cmat': not square: shape (80, 79)" wc-conn info ns.msgpack
one_line "non-square text" "wc-conn: ns.txt: not square: 2 rows of 3 columns" wc-conn convert ns.txt
one_line "NaN in msgpack" "wc-conn: nan.msgpack: entry (0, 0) is not finite" wc-conn info nan.msgpack
one_line "inf in text" "wc-conn: inf.txt: entry (3, 4) is not finite" wc-conn norm inf.txt
one_line "empty file" "wc-conn: empty.txt: empty input" wc-conn info empty.txt
# a line of 32768 values (64 KB) is no 32768 x 32768 matrix, and asks for no 8 GB at once
# (under a 1 GB address-space limit; not under ASan, whose shadow memory needs more)
awk 'BEGIN { for (i = 0; i < 32768; i++) printf "1 "; print "" }' > wide.txt
case ${WC_BIN%/} in
    *-san) skip "a wide first line allocates as the rows come" "ulimit -v and ASan do not mix" ;;
    *) one_line "a wide first line allocates as the rows come" "wc-conn: wide.txt: not square: 1 rows of 32768 columns" \
           sh -c 'ulimit -v 1000000 && exec wc-conn info wide.txt' ;;
esac
one_line "missing file" "wc-conn: nosuch.npy: cannot open: No such file or directory" wc-conn info nosuch.npy
one_line "--dist of another size" "wc-conn: ns.txt: not square" wc-conn info --dist ns.txt C.tsv
one_line "zip without weights" "wc-conn: nw.zip: no member weights.txt (nor weights.txt.bz2) in the zip (members: tract_lengths.txt, centres.txt)" wc-conn info nw.zip
one_line "zip with corrupt bzip2 weights" "wc-conn: badbz.zip: weights.txt.bz2: bzip2 data corrupt" wc-conn info badbz.zip
one_line "zip with truncated bzip2 weights" "wc-conn: shortbz.zip: weights.txt.bz2: bzip2 data truncated" wc-conn info shortbz.zip
one_line "zip with non-square weights" "wc-conn: nszip.zip: weights.txt: not square: 79 rows of 80 columns" wc-conn info nszip.zip
one_line "zip with NaN weights" "wc-conn: nanzip.zip: entry (2, 5) is not finite" wc-conn convert nanzip.zip
one_line "zip with two weights members" "wc-conn: two.zip: two members for 'weights': a/weights.txt and b/weights.txt.bz2" wc-conn info two.zip
one_line "truncated zip" "wc-conn: cut.zip: not a readable zip archive" wc-conn info cut.zip
one_line "zip member that is not there" "wc-conn: z_plain.zip:areas: no member areas.txt" wc-conn info z_plain.zip:areas
one_line "zip with tract_lengths of another size" "the lengths are 79 x 79 but the weights 80 x 80" wc-conn info nszip2.zip
one_line "shipped connectome without that matrix" "wc-conn: hcp80:Lmat: no matrix 'Lmat' in hcp80 (it has: " wc-conn info hcp80:Lmat
one_line "no file and no shipped data of that name" "wc-conn: hcp81: cannot open: No such file or directory" wc-conn info hcp81
one_line "--dist of another size (square)" "wc-conn: hd2.tsv: the lengths are 2 x 2 but the weights 80 x 80" sh -c 'printf "0 1\n1 0\n" > hd2.tsv; wc-conn info --dist hd2.tsv C.tsv'
one_line "norm max of zeros" "every weight is 0" sh -c 'printf "0 0\n0 0\n" > z.txt; wc-conn norm z.txt'
one_line "convert to /dev/full" "wc-conn: /dev/full: write error" wc-conn convert C.tsv -F npy -o /dev/full
one_line "msgpack to /dev/full" "wc-conn: /dev/full: write error" wc-conn convert C.tsv -F msgpack -o /dev/full
one_line "stdout on /dev/full" "write error" sh -c 'wc-conn convert C.tsv > /dev/full'
one_line "msgpack onto a text file" "wc-conn: ns.txt: exists and is not a msgpack map" wc-conn convert C.tsv -F msgpack -o ns.txt
check "... which is left as it was" sh -c 'printf "0 1 2\n3 4 5\n" | cmp - ns.txt'
check "no output and no temporary file after a failed convert" sh -c \
    '! wc-conn convert short.npy -o out.npy 2>/dev/null && ! ls out.npy* 2>/dev/null'

# ---- usage errors: exit 2 ----
fails "no command" 2 "wc-conn: no command" wc-conn
fails "unknown command" 2 "wc-conn: unknown command 'frob'" wc-conn frob x
fails "option before the command" 2 "wc-conn: the command comes first" wc-conn -v info C.tsv
fails "an option of another command" 2 "wc-conn: --keep is not an option of 'info'" wc-conn info --keep 0.5 C.tsv
fails "threshold without --keep or --min" 2 "wc-conn: threshold: give --keep F or --min W" wc-conn threshold C.tsv
fails "threshold with both" 2 "wc-conn: threshold: give --keep F or --min W" wc-conn threshold --keep 0.5 --min 1 C.tsv
fails "--keep out of range" 2 "wc-conn: --keep must be between 0 and 1" wc-conn threshold --keep 1.5 C.tsv
fails "--by unknown" 2 "wc-conn: --by: 'sum' is not max, rowsum or none" wc-conn norm --by sum C.tsv
fails "gen without -n" 2 "wc-conn: gen: give the number of nodes with -n N" wc-conn gen
fails "gen -n 1" 2 "wc-conn: --nodes must be between 2" wc-conn gen -n 1
fails "gen with a file argument" 2 "wc-conn: 'gen' takes no file argument (got 1)" wc-conn gen -n 4 C.tsv
fails "two inputs" 2 "wc-conn: 'convert' takes one connectome file (got 2)" wc-conn convert C.tsv D.tsv
fails "unknown -F" 2 "wc-conn: -F: unknown format 'hdf5'" wc-conn convert -F hdf5 C.tsv
fails "-o name without a format" 2 "wc-conn: -o out.dat: cannot tell the format from the name; use -F" wc-conn convert C.tsv -o out.dat
fails "-O and -F disagree" 2 "wc-conn: -Ob writes stream, but -F says npy" wc-conn convert -Ob -F npy C.tsv
fails "binary -O for info" 2 "wc-conn: -O: the info table is text" wc-conn info -Ob C.tsv
fails "unknown option" 2 "wc-conn: unrecognized option '--frob'" wc-conn info --frob C.tsv
check "--help on stdout, exit 0" sh -c 'wc-conn --help | grep -q "^Usage: wc-conn COMMAND" && wc-conn info --help | grep -q threshold'
check "--version" sh -c 'wc-conn --version | grep -q "^wc-conn (wckit)"'
check "--version lists libzip and bzip2" sh -c 'wc-conn --version | grep -q "^libzip 1" && wc-conn --version | grep -q "^bzip2 1"'

# ---- gen ----
wc-conn gen -n 80 -o g1.npy --dist-out g1d.npy
check "gen: the same seed gives the same bytes" sh -c 'cmp g1.npy gen.npy && cmp g1d.npy gend.npy'
check "gen: another seed, another connectome" sh -c 'wc-conn gen -n 80 --seed 1 -o g2.npy && ! cmp -s g2.npy gen.npy'
check "gen: text output reads back as the npy" sh -c 'wc-conn gen -n 80 | wc-conn convert - -o g3.npy && cmp g3.npy gen.npy'
wc-conn info --no-version --dist gend.npy gen.npy > ginfo.tsv
py "gen -n 80: symmetric, max 1, zero diagonal, delays in the range of hcp80 (3.4-124 ms)" '
import numpy as np
kv = dict(l.rstrip("\n").split("\t") for l in open("ginfo.tsv") if not l.startswith("#"))
C = np.load("gen.npy"); D = np.load("gend.npy")
assert kv["symmetric"] == "1" and kv["diag_nonzero"] == "0" and float(kv["weight_max"]) == 1, kv
assert 2 <= float(kv["delay_min_ms"]) <= 10 and 50 <= float(kv["delay_max_ms"]) <= 130, kv
off = ~np.eye(80, dtype=bool)
assert np.allclose(C[off], np.exp(-(D[off] - D[off].min()) / 10), rtol=1e-14, atol=0)
'
check "gen --density 0.2 keeps about a fifth of the edges" sh -c \
    'wc-conn gen -n 80 --density 0.2 | wc-conn info --no-version - | awk -F"\t" "\$1 == \"edges\" { exit !(\$2 >= 1264 && \$2 <= 1280) }"'
check "gen -n 1000 is quick (< 5 s)" sh -c 'timeout 5 wc-conn gen -n 1000 -o g1000.npy --dist-out g1000d.npy'

# ---- mutated files: each reads or fails cleanly (exit 1, one line) ----
"$PYTHON" - <<'PY'
import random
rng = random.Random(2027)
for name in ["hcp.msgpack", "C.0.npy", "f32.msgpack", "z_plain.zip", "z_bz.zip"]:
    data = open(name, "rb").read()
    for k in range(40):
        b = bytearray(data)
        kind = k % 4
        if kind == 0:
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 1:
            b = b[:rng.randrange(len(b))]
        elif kind == 2:                      # the heads, where the lengths are
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(min(len(b), 140))] = rng.randrange(256)
        else:
            at = rng.randrange(len(b))
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        ext = "." + name.split(".")[-1]
        open("mut_%s_%02d%s" % (name.split(".")[0], k, ext), "wb").write(bytes(b))
PY
bad=0 n=0
for f in mut_*; do
    n=$((n + 1))
    key=$(case $f in mut_hcp_*) echo ":Cmat" ;; esac)
    timeout 10 wc-conn info "$f$key" > /dev/null 2> err.txt
    rc=$?
    if [ $rc -ne 0 ] && { [ $rc -ne 1 ] || ! head -1 err.txt | grep -q "^wc-conn: $f" || [ "$(wc -l < err.txt)" -ne 1 ]; }; then
        bad=$((bad + 1)); echo "# $f: exit $rc: $(head -c 200 err.txt)"
    fi
done
check "$n mutated npy, msgpack and zip files: each reads or fails cleanly (exit 1, one line)" test $bad -eq 0
