# tests/bad/setup.sh — writes the malformed inputs of tests/bad/cases.tsv into the current
# directory (sourced by tests/t_bad.sh, with the tools on PATH and $PYTHON set).  Small
# files, made here rather than committed so that each one says how it is broken.

# ---- good inputs, the bad ones' starting points ----
wc-run --no-version -T 10 -Ou -o good.wcb
wc-run --no-version -T 10 -Ob -o good.wcb.gz
wc-run --no-version -T 10 -Ot -o good.tsv
printf '0 1 2\n1 0 1\n2 1 0\n' > c3.txt                  # a connectome of 3 nodes
printf '0\t1\t2\t1\n1\t0\t1\t2\n2\t1\t0\t1\n1\t2\t1\t0\n' > c4.txt
printf '# t\ta\tb\n' > noisy.tsv                         # two channels, 400 samples at 1 ms
awk 'BEGIN { for (i = 0; i < 400; i++) printf "%d\t%.6f\t%.6f\n", i, sin(i * 0.3), cos(i * 0.17) }' >> noisy.tsv

# ---- files that are no data ----
: > empty.tsv
mkdir -p adir
printf '# t\tx\n0\t1\n' > unreadable.tsv && chmod 000 unreadable.tsv
head -c 64 /dev/urandom | tr -d '\n' > junk.bin && printf '\0\n' >> junk.bin

# ---- streams ----
head -c -20 good.wcb.gz > trunc.wcb.gz                   # gzip cut short
$PYTHON -c '
import sys
b = bytearray(open("good.wcb.gz", "rb").read())
for i in range(200, 260): b[i] ^= 0x5a                  # compressed bytes corrupted
open("corrupt.wcb.gz", "wb").write(b)'
head -c -5 good.wcb > partial.wcb                        # a partial last row
head -c -24 good.wcb > short.wcb                         # one row short of "## nrows"
printf '## wc-stream 1 f64le\n## dt 0.1\n' > nocols.wcb  # a header without its column line
printf '## wc-stream 1 tsv\n## dt 0.1\n0\t1\n' > nocols.tsv
printf '## wc-stream 1 tsv\n# t\tx\ty\n0\t1\t2\n1\t2\t3\n2\t3\t4\t5\n' > grow.tsv    # a column more at line 5
printf '# t\tx\ty\n0\t1\t2\n1\t2\n' > shrink.tsv                                      # a column fewer at line 3
printf '## wc-stream 1 tsv\n## nrows 2\n# t\tx\n0\t1\n1\t2\n2\t3\n' > extra.tsv        # more rows than promised
grep -v '^## nrows' good.tsv | head -c -3 > cutline.tsv  # a last line cut inside a number
printf '## wc-stream 1 f64le\n## nrows 99999999999999999999\n# t\n' > absurd.wcb
printf '## wc-stream 1 f64le\n## nrows -5\n# t\n' > negrows.wcb
printf '## wc-stream 7 f64le\n# t\n' > v7.wcb
printf '## wc-stream 1 f32le\n# t\n' > f32.wcb
{ echo '## wc-stream 1 tsv'; printf '# c0'; seq 1 200000 | sed 's/^/\tc/' | tr -d '\n'; echo; } > wide.tsv  # 200001 columns: 1.3 MB of header
printf '# t\tx\n0\t1\n1\tabc\n' > notnum.tsv
printf '# t\tx\n0\t1\n1\t1e309\n' > e309.tsv
printf '# t\tx\n0\t1\n1\tnan\n2\t3\n' > nan.tsv
printf '# t\tx\n0\t1\n1\tinf\n2\t3\n' > inf.tsv
awk 'BEGIN { print "# t\tx"; for (i = 0; i < 300; i++) print i "\t" (i % 2 ? "-1e308" : "1e308") }' > big.tsv   # +-1e308
printf '# t\tx\ty\n0\t1\t2\nnan\t2\t3\n2\t3\t1\n' > tnan.tsv
printf '# t\tx\ty\n1\t1\t2\n1\t2\t3\n2\t3\t1\n' > tsame.tsv
printf '# x\ty\n1\t2\n2\t3\n3\t1\n' > not.tsv             # no t column, no dt
printf '# t\tx\ty\n0\t1\t2\n' > onerow.tsv

# ---- npy (written byte by byte: no numpy needed for bad ones) ----
$PYTHON - <<'PY'
import struct
def npy(path, descr, shape, data=b"", ver=1, header=None):
    h = header if header is not None else "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    pre = 10 if ver == 1 else 12
    h += " " * ((-(pre + len(h) + 1)) % 64) + "\n"
    size = struct.pack("<H", len(h)) if ver == 1 else struct.pack("<I", len(h))
    open(path, "wb").write(b"\x93NUMPY" + bytes([ver, 0]) + size + h.encode("latin1") + data)
m3 = struct.pack("<9d", 0, 1, 2, 1, 0, 1, 2, 1, 0)
npy("be.npy", ">f8", "(3, 3)", struct.pack(">9d", 0, 1, 2, 1, 0, 1, 2, 1, 0))   # big-endian
npy("obj.npy", "|O", "(3, 3)", b"\x80\x04" + b"x" * 40)                          # Python objects
npy("f4.npy", "<f4", "(3, 3)", struct.pack("<9f", 0, 1, 2, 1, 0, 1, 2, 1, 0))    # float32: read
npy("rows2e40.npy", "<f8", "(1099511627776, 3)", m3)                            # 2^40 rows claimed
npy("huge.npy", "<f8", "(4294967296, 4294967296)", m3)
npy("d3.npy", "<f8", "(3, 3, 1)", m3)
npy("negshape.npy", "<f8", "(-3, 3)", m3)
npy("trunc.npy", "<f8", "(3, 3)", m3[:40])
npy("nonsq.npy", "<f8", "(2, 3)", m3[:48])
npy("v9.npy", "<f8", "(3, 3)", m3, ver=9)
npy("nodescr.npy", "", "", m3, header="{'fortran_order': False, 'shape': (3, 3), }")
PY

# ---- connectomes ----
printf '0 1 2\n1 0 1\n' > nonsq.txt
printf '0 1\n1 0 3\n' > ragged.txt
printf '0 nan 1\n1 0 1\n1 1 0\n' > nanw.txt
printf '0 inf 1\n1 0 1\n1 1 0\n' > infw.txt
printf '0 -1 2\n1 0 1\n2 1 0\n' > negd.txt               # a negative fibre length
printf '0 -1 2 1\n1 0 1 2\n2 1 0 1\n1 2 1 0\n' > negd4.txt
printf '0 0 0\n0 0 0\n0 0 0\n' > zero.txt
printf '# just a comment\n' > comment.txt                # names, no rows
printf '0 1\n1 0\n' > c2.txt
$PYTHON -c '
import msgpack
open("conn.msgpack", "wb").write(msgpack.packb({"W": [[0, 1, 2], [1, 0, 1], [2, 1, 0]]}))
open("bad.msgpack", "wb").write(msgpack.packb({"W": [[0, 1, 2], [1, 0, 1], [2, 1, 0]]})[:-9])
open("str.msgpack", "wb").write(msgpack.packb({"W": [["a", "b"], ["c", "d"]]}))'
printf 'PK\003\004 not really a zip' > broken.zip

# ---- parameters, stimuli, histories ----
printf 'wEE=abc\n' > badval.params
printf 'wEE 12\n' > noeq.params
printf 'frob=1\n' > unknown.params
printf 'tau_E\n1\n-2\n' > negtau.tsv
printf 'wEE\tfoo\n1\t2\n' > badcol.tsv
printf '# t\tdrive\n0\t1\n5\tnan\n' > nanstim.tsv
printf '# t\tdrive\n0\t1\n5\t2\n3\t1\n' > backstim.tsv
printf '0.1 0.1\n0.2 0.2\n' > hist2.txt                   # a history of 2 nodes (not 3)

# ---- shards ----
wc-sweep --no-version --grid I_E=0:1/4 --ics 2 --shard 0/2 -T 20 --transient 20 -Ou -o p0.wcb
wc-sweep --no-version --grid I_E=0:1/5 --ics 2 --shard 1/2 -T 20 --transient 20 -Ou -o p1other.wcb
wc-sweep --no-version --grid I_E=0:1/4 --ics 2 --shard 1/2 -T 20 --transient 20 -Ou -o p1.wcb
head -c -10 p1.wcb > p1cut.wcb
wc-basin --no-version --rE 0:1/4 --rI 0:1/4 --shard 0/2 -Ou -o b0.wcb

# ---- fits ----
wc-fit --no-version --conn c4.txt --fc-emp c4.txt --fit k=0:1 --maxeval 3 -T 50 --sigma 0.01 --no-timing -t 1 -q -o fit.tsv
