#!/usr/bin/env bash
# tests/fuzz/make-corpus.sh — (re)make the seed corpora tests/fuzz/corpus/NAME/ from the
# tools (build/, or WC_BIN) and python3 (numpy, msgpack, zipfile, bz2): small inputs of
# every kind each parser reads, much as the test suite makes them.  The seeds are
# committed (keep them small: tens of kilobytes in all); run this after a format change.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${WC_BIN:-$top/build}
PATH=$bin:$PATH
c=$top/tests/fuzz/corpus
rm -rf "$c"
mkdir -p "$c"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
seed() {  # NAME FILE...: copy the files into corpus NAME
    local n=$1; shift
    mkdir -p "$c/$n"
    for f in "$@"; do cp "$f" "$c/$n/$(basename "$f")"; done
}

# ---- streams and tables (fuzz_stream, fuzz_stream_gz, fuzz_series, fuzz_params) ----
run="wc-run --no-version -x wc72 -T 0.5 --every 2"
$run -Ot > run.tsv; $run -Ou > run.wcb; $run -Ob > run.wcb.gz; $run -Oz > run.tsv.gz; $run -On > run.npy
wc-run --no-version -T 0.5 --every 2 --conn hcp80 --vars rE -p I_E=1 -Ot | cut -f1-5 > net.tsv
wc-run --no-version -T 0.3 -n 2 -Ot > nodes.tsv
printf 'a,b,c\n1,2,3\n4,5,6\n' > table.csv
printf '"x","y"\r\n1.5,-2\r\n3e-3,inf\r\n' > quoted.csv
printf '#!/usr/bin/vnlog\n## dt 0.5\n## every 2\n# t rE rI\n0 0.1 0.2\n1 0.3 0.4\n\n2 nan 0.5\n' > vnlog.tsv
printf '# comment that is not names\n1 2\n3 4\n' > hashnum.tsv
printf '\xef\xbb\xbft\tx\n0\t1\n' > bom.tsv
printf '## wc-stream 1 tsv\n## nrows 2\n## dt 0.1\n# t\trE\n0\t1\n0.1\t2\n' > nrows.tsv
printf 'tau_E,wEE,I_E\n1,12,0.5\n2,16,1.25\n' > ptable.csv
printf '## wc-stream 1 tsv\n## param.wEE 16\n## param.I_E 1.25\n## param.tau_E 2\n# t\trE\n0\t0\n' > phdr.tsv
"${PYTHON:-/usr/bin/python3}" - <<'PY'
import numpy as np
np.save("f32.npy", np.arange(6, dtype=np.float32).reshape(3, 2))
np.save("i16.npy", np.array([[1, -2], [3, 4]], dtype=np.int16))
np.save("u8.npy", np.arange(4, dtype=np.uint8))
np.save("b1.npy", np.array([True, False, True]))
np.save("fort.npy", np.asfortranarray(np.arange(4.0).reshape(1, 4)))
PY
streams="run.tsv run.wcb run.wcb.gz run.tsv.gz run.npy net.tsv nodes.tsv table.csv quoted.csv vnlog.tsv
         hashnum.tsv bom.tsv nrows.tsv f32.npy i16.npy u8.npy b1.npy fort.npy"
seed stream $streams
seed series run.tsv run.wcb.gz run.npy net.tsv nodes.tsv vnlog.tsv table.csv hashnum.tsv bom.tsv
gzip -dc run.wcb.gz > run.wcb.raw
seed stream_gz run.tsv run.wcb.raw net.tsv vnlog.tsv quoted.csv run.npy
# ---- parameters ----
cp "$top/share/presets/wc72.params" "$top/share/presets/tutorial1.params" .
printf 'wEE=16,wEI=12\n' > list.txt
printf 'convention=brainmass, wEI = 3 ,wIE=4\n# comment\nrE0=0.1\n' > conv.params
seed params wc72.params tutorial1.params list.txt conv.params ptable.csv phdr.tsv nrows.tsv
# ---- connectomes ----
wc-conn gen -n 4 -s 1 -o g.tsv --dist-out gd.tsv
wc-conn convert g.tsv -F csv -o g.csv
wc-conn convert g.tsv -o g.npy
wc-conn convert g.tsv -o g.msgpack:Cmat
wc-conn convert g.tsv -Ob -o g.wcb.gz
wc-conn convert g.tsv -Ot -o g.stream.tsv -F stream
gzip -c g.tsv > g.tsv.gz
"${PYTHON:-/usr/bin/python3}" - <<'PY'
import msgpack, numpy as np, zipfile, bz2
C = np.loadtxt("g.tsv")
E = msgpack.ExtType
pk = lambda a: E(1, msgpack.packb([list(a.shape), a.dtype.name, a.tobytes()]))
w = lambda name, obj: open(name, "wb").write(msgpack.packb(obj))
w("two.msgpack", {"Cmat": pk(C), "Dmat": pk(C.astype(np.float32))})
w("nested.msgpack", {"params": {"0": pk(C.astype(np.int32)), "w": pk(C)}})
w("bare.msgpack", pk(C))
open("nested.key", "wb").write(b":params/w\n" + open("nested.msgpack", "rb").read())
open("dmat.key", "wb").write(b":Dmat\n" + open("two.msgpack", "rb").read())
np.save("gf.npy", np.asfortranarray(C))
np.save("gi.npy", (C * 10).astype(np.int64))
txt = lambda a: "\n".join(" ".join("%g" % x for x in r) for r in a).encode() + b"\n"
with zipfile.ZipFile("tvb.zip", "w") as z:
    z.writestr("weights.txt", txt(C))
    z.writestr("tract_lengths.txt", txt(C * 20))
    z.writestr("centres.txt", b"L1 0 0 0\nL2 1 0 0\nR1 0 1 0\nR2 1 1 0\n")
with zipfile.ZipFile("tvbbz.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("conn/weights.txt.bz2", bz2.compress(txt(C)))
    z.writestr("conn/centres.txt", b"# label x y z\nA 0 0 0\nB 1 0 0\nC 0 1 0\nD 1 1 0\n")
PY
seed matfile g.tsv g.csv g.npy g.msgpack g.wcb.gz g.stream.tsv g.tsv.gz two.msgpack bare.msgpack nested.key \
     dmat.key gf.npy gi.npy
seed npy g.npy gf.npy gi.npy f32.npy i16.npy u8.npy b1.npy run.npy
for f in "$c"/npy/*; do tail -c +7 "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done   # the target adds the magic
seed msgpack g.msgpack two.msgpack nested.msgpack bare.msgpack
seed tvbzip tvb.zip tvbbz.zip
cp "$top/share/data/hcp80/regions.tsv" hcp_regions.tsv
head -5 hcp_regions.tsv > regions.tsv
printf 'L1 0 0 0\nL2 1 0 0\n\n# skip\nR1 0 1 0\n' > centres.txt
printf 'index\tlabel\themi\n0\tA\tL\n1\tB\tR\n' > labelcol.tsv
seed labels regions.tsv centres.txt labelcol.tsv
# ---- grammars, one per line or one per file ----
mk() {  # NAME FILE TEXT: a seed file holding TEXT
    mkdir -p "$c/$1"
    printf '%s' "$3" > "$c/$1/$2"
}
n=0
for s in 1e-3 -0 0x1p-3 nan -inf 12k 3M -2G 9007199254740993 1e308 4.9e-324 ' 1' '1 ' 0.1 123456789012345678; do
    mk num "n$((n += 1))" "$s"
done
n=0
for s in 0:1 0:5.5:0.05 1:0:-0.25 0:1/11 2.5 -1e3:1e3/3 '0:1:2:3'; do mk range "r$((n += 1))" "$s"; done
mk grid axes1 $'I_E=0:1/4\nwEE=11:13:0.5\nshard 1/3\n'
mk grid extras $'k=0:2/5\nspeed=1:10/3\nsigma=0.01\nshard 0/1\n'
mk grid bm $'wEI=1:2/2\nwIE=3\n'
n=0
for s in 'E:pulse(100,110,2)' 'I:step(200,1)' 'E:ramp(0,1000,0,2)' 'I:sine(0.5,10)' 'E:sine(1,40,1.57)' \
         'E:const(1)' 'E[0-3,7]:pulse(1,2,3)' 'I[2]:const(-1)'; do
    mk stim "s$((n += 1))" "$s"$'\n'
done
mk stim file1 $'E:file(%F)\n'"$(cat run.tsv)"
mk stim file2 $'E[0,1]:file(%F,rI)\n'"$(cat vnlog.tsv)"
mk stim file3 $'I:file(%F,2)\n1 2\n3 4\n'
mk history uniform 'uniform'
mk history uniform2 'uniform:0.1:0.2'
mk history const 'const:0.3'
mk history file1 $'%F\n'"$(cat net.tsv)"
mk history file2 $'%F\n# t rE0 rE1\n0 0.1 0.2\n1 0.2 0.3\n2 0.3 0.4\n'
mk history file3 $'%F\n## wc-stream 1 tsv\n# rE\n0.5\n0.25\n'
# ---- sharded runs (fuzz_merge): parts separated by "~~part~~" lines ----
for k in 0 1 2; do wc-sweep --grid I_E=0:1/4 --grid wEE=12:13/2 -T 5 --no-version --shard $k/3 -Ot -o p$k.tsv; done
{ cat p0.tsv; echo '~~part~~'; cat p1.tsv; echo '~~part~~'; cat p2.tsv; } > merge3
{ cat p2.tsv; echo '~~part~~'; cat p0.tsv; echo '~~part~~'; cat p1.tsv; } > merge3r
wc-sweep --grid I_E=0:1/3 -T 5 --no-version --shard 0/1 -Ou -o one.wcb
mkdir -p "$c/merge"
cp merge3 merge3r one.wcb "$c/merge/"
du -sh "$c"; ls "$c" | while read -r d; do echo "$d: $(ls "$c/$d" | wc -l) seeds, $(du -sk "$c/$d" | cut -f1) KB"; done
