# t_net.sh — wc-run's network mode (wc-model(7), NETWORKS): delays read exactly the value written
# s steps earlier (checked by replaying each node's coupling as a stimulus file into a
# lone node), thread and seed reproducibility, noise, history, options and bad inputs.
# The comparison with an independent numpy implementation is t_net_ref.sh.
. "$(dirname "$0")/lib.sh"

# data rows of a stream as plain TSV
rows() { wc-view --no-header "$@"; }

# ---- delays by hand: 2 and 3 nodes, every delay rule ---------------------------------
# Node 2 gets a pulse; node 1 listens to node 2, node 0 to nodes 1 and 2.  Weights are
# powers of two, so the coupling sum has one rounding, the same in Python as in C.
# Lengths give tau/dt = 2.5 exactly at v = 2, dt = 0.1: ceil 3, round 2 (half to even),
# linear halfway between 2 and 3; and 0.8 mm gives 4 steps.
cat > C3.tsv <<'EOF'
0 1 0.5
0 0 0.25
0 0 0
EOF
cat > D3.tsv <<'EOF'
0 0.5 0.8
0.5 0 0.5
0.8 0.5 0
EOF
printf '0 1\n0 0\n' > C2.tsv
printf '0 0.5\n0.5 0\n' > D2.tsv
common="-T 20 --coupling additive --history const:0.03 --stim E[2]:pulse(0.5,1.5,3) -O t --no-version"
for delay in ceil round linear; do
    wc-run --conn C3.tsv --dist D3.tsv --delay $delay $common > net3_$delay.tsv
done
wc-run --conn C3.tsv $common > net3_zero.tsv
# 10, 20 and 40 steps: taps summed a sub-block of 8, of 16 and a whole block at a time
printf '0 2 4\n2 0 8\n4 8 0\n' > D3long.tsv
wc-run --conn C3.tsv --dist D3long.tsv $common > net3_long.tsv
wc-run --conn C2.tsv --dist D2.tsv -T 20 --coupling additive --history const:0.03 \
    --stim 'E[1]:pulse(0.5,1.5,3)' -O t --no-version > net2_ceil.tsv

# drive_K.tsv: the coupling node K must have read at each step, from the recorded rows
"$PYTHON" - <<'EOF'
import math
import numpy as np
dt, v, h0 = 0.1, 2.0, 0.03
assert (0.5 / v) / dt == 2.5 and math.ceil((0.8 / v) / dt) == 4
def lags(rule, length):
    x = (length / v) / dt
    if rule == "zero": return [(0, 1.0)]
    if rule == "ceil": return [(math.ceil(x), 1.0)]
    if rule == "round": return [(int(np.rint(x)), 1.0)]
    s0 = math.floor(x); f = x - s0
    return [(s0, 1 - f), (s0 + 1, f)] if f > 0 else [(s0, 1.0)]
def drives(name, C, D, rule):
    r = np.loadtxt(name, comments="#")[:, 1:]          # rE rows, row m = state at t_m
    steps = len(r) - 1
    H = lambda j, m: r[m, j] if m >= 1 else h0          # the initial state is never read
    for i in range(len(C)):
        out = []
        for n in range(steps):
            acc = 0.0
            for j in range(len(C)):
                if C[i][j] == 0: continue
                for s, frac in lags(rule if rule != "zero" else "zero", D[i][j]):
                    acc += (C[i][j] * frac) * H(j, n - s)
            out.append(acc)
        with open(f"{name[:-4]}_drive{i}.tsv", "w") as f:
            f.write("".join(repr(x) + "\n" for x in out))
C3 = [[0, 1, 0.5], [0, 0, 0.25], [0, 0, 0]]
D3 = [[0, 0.5, 0.8], [0.5, 0, 0.5], [0.8, 0.5, 0]]
for rule in ("ceil", "round", "linear", "zero"):
    drives(f"net3_{rule}.tsv", C3, D3, rule)
drives("net3_long.tsv", C3, [[0, 2, 4], [2, 0, 8], [4, 8, 0]], "ceil")
drives("net2_ceil.tsv", [[0, 1], [0, 0]], [[0, 0.5], [0.5, 0]], "ceil")
EOF

# replay: a lone node driven by the file must follow the network node exactly
replay() {  # NAME NETFILE NODE [extra stimulus]
    local name=$1 net=$2 node=$3; shift 3
    wc-run -T 20 --vars rE --stim "E:file(${net%.tsv}_drive$node.tsv)" "$@" -O t --no-version > lone.tsv
    py "$name" '
import sys, numpy as np
net = np.loadtxt(sys.argv[1], comments="#")[:, 1 + int(sys.argv[2])]
lone = np.loadtxt("lone.tsv", comments="#")[:, 1]
assert net.std() > 1e-3, "node does not move: weak test"
d = np.abs(net - lone).max()
assert d == 0, f"max difference {d}"' "$net" "$node"
}
for delay in ceil round linear zero; do
    replay "3 nodes, $delay delays: node 0 reads nodes 1 and 2 as written s steps before" net3_$delay.tsv 0
    replay "3 nodes, $delay delays: node 1 reads node 2 as written s steps before" net3_$delay.tsv 1
done
replay "2 nodes, ceil: node 0 reads node 1 three steps back" net2_ceil.tsv 0
replay "3 nodes, delays of 10 and 20 steps (two tap classes) into node 0" net3_long.tsv 0
replay "3 nodes, a delay of 40 steps into node 1" net3_long.tsv 1
py "delay rules differ where they should (ceil 3, round 2, linear 2.5 steps)" '
import numpy as np
a, b, c = (np.loadtxt(f"net3_{r}.tsv", comments="#")[:, 1] for r in ("ceil", "round", "linear"))
assert np.abs(a - b).max() > 1e-6 and np.abs(a - c).max() > 1e-6 and np.abs(b - c).max() > 1e-6'

# ---- reproducibility ----------------------------------------------------------------
"$PYTHON" - <<'EOF'
import numpy as np
rng = np.random.default_rng(3)
N = 300
pos = rng.uniform(0, 1, (N, 3)) * [140, 170, 120]
D = np.sqrt(((pos[:, None] - pos[None]) ** 2).sum(-1))
C = np.exp(-D / 15) * (rng.uniform(size=(N, N)) < 0.3)
np.fill_diagonal(C, 0)
C /= C.sum(1).max()
np.savetxt("C300.tsv", C, delimiter="\t")
np.savetxt("D300.tsv", D, delimiter="\t")
EOF
net300="--conn C300.tsv --dist D300.tsv --speed 3 -T 50 --noise-E 0.01 --noise-I 0.01 -p I_E=0.5 -O u --no-version"
wc-run $net300 -t 1 -s 7 -o t1.wcb
wc-run $net300 -t 2 -s 7 -o t2.wcb
wc-run $net300 -t 2 -s 8 -o s8.wcb
same "300 nodes with noise: identical bytes on 1 and 2 threads" t1.wcb t2.wcb
if cmp -s t1.wcb s8.wcb; then notok "another seed gives another run"; else ok "another seed gives another run"; fi
WC_SIMD=avx2 wc-run $net300 -t 1 -s 7 -o avx2.wcb
py "the AVX2 code agrees with the widest to 1e-12" '
import numpy as np, subprocess
a, b = (np.loadtxt(subprocess.run(["wc-view", "--no-header", f], capture_output=True, text=True).stdout.splitlines()) for f in ("t1.wcb", "avx2.wcb"))
assert np.abs(a - b).max() < 1e-12, np.abs(a - b).max()'

# the order of every coupling sum does not depend on the run's length (a run shorter
# than a block has a short block): weights that are not powers of two, lags of 1-20 steps
"$PYTHON" - <<'EOF'
import numpy as np
rng = np.random.default_rng(11)
N = 60
C = rng.uniform(0, 1, (N, N)); np.fill_diagonal(C, 0)
D = rng.uniform(0.1, 4, (N, N))
np.savetxt("C60.tsv", C); np.savetxt("D60.tsv", D)
EOF
wc-run --conn C60.tsv --dist D60.tsv -k 0.05 -p I_E=0.5 -T 0.5 -O t --no-version | rows > short.txt
wc-run --conn C60.tsv --dist D60.tsv -k 0.05 -p I_E=0.5 -T 20 -O t --no-version | rows | head -6 > long.txt
same "a short run equals the start of a long one, bit for bit" short.txt long.txt

# k = 0 with noise: node i is the lone node with noise index i; node 0 = wc-run alone
wc-run --conn C300.tsv --dist D300.tsv -k 0 -T 50 --noise-E 0.01 --noise-I 0.01 -s 7 -O t --no-version > k0.tsv
wc-run -T 50 --noise-E 0.01 --noise-I 0.01 -s 7 --vars rE -O t --no-version > alone.tsv
py "k = 0 with noise: node 0 equals a lone node with the same seed" '
import numpy as np
a = np.loadtxt("k0.tsv", comments="#"); b = np.loadtxt("alone.tsv", comments="#")
assert np.abs(a[:, 1] - b[:, 1]).max() == 0
assert np.abs(a[:, 2] - a[:, 1]).max() > 0, "nodes share noise"'

# a network with k = 0 is N independent nodes, with the same noise draws as -n N (the
# OU statistics themselves are checked in test_model)
wc-run --conn C300.tsv -k 0 -T 400 --skip 100 --every 50 --noise-E 0.05 -s 1 -O t --no-version > calm.tsv
wc-run -n 300 -T 400 --skip 100 --every 50 --noise-E 0.05 -s 1 --vars rE -O t --no-version > calm_n.tsv
py "noise: a k = 0 network equals -n N independent nodes" '
import numpy as np
a = np.loadtxt("calm.tsv", comments="#")[:, 1:]; b = np.loadtxt("calm_n.tsv", comments="#")[:, 1:]
assert a.shape == (61, 300) and a.std() > 0
assert np.abs(a - b).max() == 0'

# ---- history ----------------------------------------------------------------------
printf '# t\trE0\trE1\n' > hist.tsv
for k in 1 2 3 4 5 6; do printf '%s\t0.03\t0.03\n' "$k" >> hist.tsv; done
wc-run --conn C2.tsv --dist D2.tsv -T 5 --history hist.tsv -O t --no-version | rows > hfile.txt
wc-run --conn C2.tsv --dist D2.tsv -T 5 --history const:0.03 -O t --no-version | rows > hconst.txt
same "--history FILE of constant rows equals const:X" hfile.txt hconst.txt
fails "--history FILE shorter than the longest delay" 1 "2 rows, but the longest delay needs 4" \
    wc-run --conn C2.tsv --dist D2.tsv --history <(printf '0 0\n0 0\n')
wc-run --conn C2.tsv --dist D2.tsv -T 5 -s 1 -O t --no-version | rows > u1.txt
wc-run --conn C2.tsv --dist D2.tsv -T 5 -s 2 -O t --no-version | rows > u2.txt
if cmp -s u1.txt u2.txt; then notok "uniform history depends on the seed"; else ok "uniform history depends on the seed"; fi
fails "--history uniform with LO > HI" 2 "expected uniform:LO:HI" wc-run --conn C2.tsv --history uniform:1:0
# fuzz_history: the values LO + (HI - LO) u were infinite
fails "--history uniform:-1e308:1e308" 2 "HI - LO is too large" wc-run --conn C2.tsv --history uniform:-1e308:1e308

# ---- options -------------------------------------------------------------------------
printf '0.5 1\n0 0.5\n' > Cself.tsv
wc-run --conn Cself.tsv -T 5 --history const:0.1 -p I_E=1 -O t --no-version | rows > noself.txt
wc-run --conn Cself.tsv -T 5 --history const:0.1 -p I_E=1 --self --coupling additive -O t --no-version | rows > self.txt
wc-run --conn Cself.tsv -T 5 --history const:0.1 -p I_E=1 --no-self --coupling additive -O t --no-version | rows > noself_add.txt
if cmp -s self.txt noself_add.txt; then notok "--self keeps the diagonal"; else ok "--self keeps the diagonal"; fi
wc-run --conn C300.tsv -k 0 -T 30 --stim 'E[0-9]:pulse(5,10,3)' -O t --no-version > sub.tsv
py "a stimulus on E[0-9] moves nodes 0-9 only" '
import numpy as np
a = np.loadtxt("sub.tsv", comments="#")[:, 1:]
assert (a[:, :10].max(0) > 0.1).all() and a[:, 10:].max() < 1e-12'
check "a network records t rE0 .. rE{N-1} unless --vars says otherwise" \
    bash -c 'wc-run --conn C2.tsv -T 1 -H | grep -qx "## columns t rE0 rE1" ||
             wc-run --conn C2.tsv -T 1 -O t | grep -q "^# t	rE0	rE1$"'
check "--vars rE,rI adds rI0 .. rI{N-1}" \
    bash -c 'wc-run --conn C2.tsv -T 1 --vars rE,rI -O t | grep -q "^# t	rE0	rE1	rI0	rI1$"'
check "header records the network" \
    bash -c 'wc-run --conn C3.tsv --dist D3.tsv -T 1 -O t | grep -q "^## lags 3..4$"'
check "wc-run --conn | head ends quietly" bash -c 'wc-run --conn C300.tsv -T 1000 -O t | head -3 >/dev/null 2>err && ! [ -s err ]'

# ---- TVB zips and the shipped hcp80: lengths and region labels come with the weights ----
HCP=$WC_TOP/share/data/hcp80
gzip -dc "$HCP/Cmat.tsv.gz" > hC.tsv && gzip -dc "$HCP/Dmat.tsv.gz" > hD.tsv && cp "$HCP/regions.tsv" regions.tsv
"$PYTHON" - <<'EOF'
import bz2, zipfile
W = open("hC.tsv", "rb").read(); D = open("hD.tsv", "rb").read()
names = [l.split("\t")[2] for l in open("regions.tsv").read().splitlines()[1:]]
cen = lambda ns: "".join("%s 1.5 -2 3\n" % n for n in ns).encode()
def z(name, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(name, "w", method) as f:
        for k, v in members.items():
            f.writestr(k, v)
z("tvb.zip", {"weights.txt": W, "tract_lengths.txt": D, "centres.txt": cen(names)})
z("tvb_bz.zip", {"conn/%s.txt.bz2" % k: bz2.compress(v)
                 for k, v in [("weights", W), ("tract_lengths", D), ("centres", cen(names))]}, zipfile.ZIP_STORED)
z("dup.zip", {"weights.txt": W, "tract_lengths.txt": D, "centres.txt": cen(["x"] * 80)})   # labels not unique
z("nocen.zip", {"weights.txt": W, "tract_lengths.txt": D})
z("nolen.zip", {"weights.txt": W})
z("nw.zip", {"x/tract_lengths.txt": D})
z("badcen.zip", {"weights.txt": W, "centres.txt.bz2": bz2.compress(cen(names))[:-30]})   # truncated bzip2
EOF
netrun() { wc-run -T 60 --noise-E 0.01 -s 3 -O t --no-version "$@"; }
netrun --conn hC.tsv --dist hD.tsv | rows > ref.txt
netrun --conn hC.tsv | rows > ref0.txt
netrun --conn tvb.zip > tvb.tsv
netrun --conn hcp80 > h80.tsv
rows tvb.tsv > tvb.txt
rows h80.tsv > h80.txt
netrun --conn tvb_bz.zip | rows > tvb_bz.txt
netrun --conn hcp80 --no-dist | rows > h80_nodist.txt
netrun --conn nolen.zip | rows > nolen.txt
same "--conn z.zip equals --conn Cmat --dist Dmat bit for bit" tvb.txt ref.txt
same "--conn z.zip with bzip2 members in a folder: the same" tvb_bz.txt ref.txt
same "--conn hcp80 equals --conn Cmat --dist Dmat bit for bit" h80.txt ref.txt
same "--no-dist: no delays, as --conn Cmat alone" h80_nodist.txt ref0.txt
same "a zip without tract_lengths: no delays" nolen.txt ref0.txt
fails "--dist given: it wins over tract_lengths" 1 "D3.tsv: the lengths are 3 x 3 but the weights 80 x 80" \
    wc-run --conn tvb.zip --dist D3.tsv
check "the header names the lengths taken" sh -c 'grep -qx "## dist tvb.zip:tract_lengths" tvb.tsv && grep -qx "## dist hcp80:Dmat" h80.tsv'
check "columns: t and the region labels (centres.txt, regions.tsv)" sh -c \
    'want="# t	$(tail -n +2 regions.tsv | cut -f3 | paste -s -d "	")"; test "$(grep "^# t" tvb.tsv)" = "$want" && test "$(grep "^# t" h80.tsv)" = "$want"'
check "labels not unique: columns rE0 .." sh -c 'wc-run --conn dup.zip -T 1 -O t | grep -q "^# t	rE0	rE1	"'
check "no centres.txt: columns rE0 .." sh -c 'wc-run --conn nocen.zip -T 1 -O t | grep -q "^# t	rE0	rE1	"'
# the first line of regions.tsv is scanned once for a name column (it was once per field)
mkdir -p widedir && printf '0 1\n1 0\n' > widedir/Cmat.tsv
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "x "; print "" }' > widedir/regions.tsv
check "a regions.tsv of 10^5 fields on its first line reads at once" timeout 10 wc-run --conn widedir -T 1
check "--vars rE,rI: numbered columns rE0 .. rI79" sh -c 'wc-run --conn hcp80 -T 1 --vars rE,rI -O t | grep "^# t" | grep -q "	rE0	.*	rI79$"'
wc-fc h80.tsv -On -o h80fc.npy
py "wc-fc takes every labelled column of a run on hcp80" '
import numpy as np
x = np.loadtxt("h80.txt")[:, 1:]; got = np.load("h80fc.npy")
assert got.shape == (80, 80) and abs(got - np.corrcoef(x.T)).max() < 1e-12'
fails "a zip without weights" 1 "wc-run: nw.zip: no member weights.txt" wc-run --conn nw.zip
# fuzz_tvbzip: a bzip2 member that fails to decompress was freed twice on the labels' path
fails "a zip with truncated bzip2 centres: an error, no double free" 1 \
    "wc-run: badcen.zip: centres.txt.bz2: bzip2 data truncated" wc-run --conn badcen.zip -T 1
fails "--dist and --no-dist" 2 "use either --dist or --no-dist" wc-run --conn hcp80 --dist hD.tsv --no-dist

# ---- bad inputs --------------------------------------------------------------------
printf '0 1 2\n1 0 2\n' > nonsq.tsv
printf '0 nan\n1 0\n' > nan.tsv
printf '0 inf\n1 0\n' > inf.tsv
printf '0 -1\n1 0\n' > neg.tsv
: > empty.tsv
fails "non-square weights" 1 "nonsq.tsv: not square" wc-run --conn nonsq.tsv
fails "NaN weight" 1 "nan.tsv:" wc-run --conn nan.tsv
fails "infinite weight" 1 "inf.tsv:" wc-run --conn inf.tsv
fails "negative length" 1 "neg.tsv: length (0, 1) is negative" wc-run --conn C2.tsv --dist neg.tsv
fails "--conn and --dist of different sizes" 1 "D3.tsv: the lengths are 3 x 3 but the weights 2 x 2" wc-run --conn C2.tsv --dist D3.tsv
fails "empty connectome" 1 "empty.tsv:" wc-run --conn empty.tsv
fails "missing connectome" 1 "nosuch.tsv: cannot open" wc-run --conn nosuch.tsv
fails "--dist without --conn" 2 "--dist needs --conn" wc-run --dist D2.tsv
# a network that blows up (forward Euler at 1.5 ms, linear delays: taps read this block's
# history) stops at the same node and step on 1 and 2 threads, and the step before is
# fine.  The dynamics are chaotic, so where it stops depends on the vector kernel: the
# node and step are read from the message, not pinned.
wc-conn gen -n 80 -s 1 -o gC.tsv --dist-out gD.tsv
unstable=(--conn gC.tsv --dist gD.tsv --delay linear --method euler --dt 1.5 -k 10 --noise-E 0.01)
# before it blows up: every class of taps and stepwise ones whose lag + 1 (3) does not divide
# the shortest class (8 steps): the threads' waits must fall before each class's sums
wc-run "${unstable[@]}" -t 1 -T 150 --no-version -o early1.tsv
for k in 1 2 3; do wc-run "${unstable[@]}" -t 2 -T 150 --no-version -o early2.tsv; cmp -s early1.tsv early2.tsv || break; done
same "... its first 100 steps: the same bytes on 1 and 2 threads (3 runs)" early1.tsv early2.tsv
wc-run "${unstable[@]}" -t 1 -T 3000 -o blow1.tsv 2> blow1.err; rc1=$?
wc-run "${unstable[@]}" -t 2 -T 3000 -o blow2.tsv 2> blow2.err
check "network blow-up: exit 1, the node and the step named, no file left" \
    sh -c "test $rc1 -eq 1 && grep -q 'the run blew up: rE of node [0-9]* .* at step [0-9]* (t = [0-9.]* ms)' blow1.err && test ! -e blow1.tsv"
same "... the same message on 1 and 2 threads" blow1.err blow2.err
tb=$(sed -n 's/.*(t = \([0-9.]*\) ms).*/\1/p' blow1.err)
wc-run "${unstable[@]}" -t 2 -T "$(awk -v t="${tb:-0}" 'BEGIN { print t - 1.5 }')" | rows | tail -1 > before.txt
check "... and every state one step before is within the bound (t = ${tb:-?} - 1.5)" \
    awk -v t="${tb:-0}" '{ if ($1 != t - 1.5) exit 1; for (i = 2; i <= NF; i++) if ($i > 1e6 || $i < -1e6) exit 1 }' before.txt
fails "--history without --conn" 2 "wc-run: --history needs --conn" wc-run --history const:0.1
fails "--speed without --conn" 2 "wc-run: --speed needs --conn" wc-run --speed 5
fails "-k without --conn" 2 "wc-run: --coupling-strength needs --conn" wc-run -k 2
fails "--delay without --conn" 2 "wc-run: --delay needs --conn" wc-run --delay round
fails "--coupling without --conn" 2 "wc-run: --coupling needs --conn" wc-run --coupling additive
fails "--self without --conn" 2 "wc-run: --self needs --conn" wc-run --self
fails "--no-self without --conn" 2 "wc-run: --no-self needs --conn" wc-run -n 3 --no-self
fails "--nodes with --conn" 2 "--nodes" wc-run --conn C2.tsv -n 3
fails "--speed 0" 2 "--speed" wc-run --conn C2.tsv --dist D2.tsv --speed 0
fails "unknown --delay" 2 "--delay: 'nearest' is not ceil, round or linear" wc-run --conn C2.tsv --delay nearest
fails "unknown --coupling" 2 "--coupling: 'linear' is not diffusive or additive" wc-run --conn C2.tsv --coupling linear
fails "--stim beyond the network" 2 "--stim" wc-run --conn C2.tsv --stim 'E[5]:const(1)'
printf '# I_E\n0.1\n0.2\n0.3\n' > p3.tsv
fails "--params rows must match the network" 1 "p3.tsv: 3 rows for a network of 2 nodes" wc-run --conn C2.tsv --params p3.tsv
printf '0 1e12\n1e12 0\n' > far.tsv
fails "a delay beyond 2^28 steps" 1 "far.tsv: a delay of 5e+11 ms is 5e+12 steps of 0.1 ms: more than 268435455" \
    wc-run --conn C2.tsv --dist far.tsv
wc-run --conn nan.tsv -o left.wcb 2>/dev/null
check "no output file left behind on a bad connectome" test ! -e left.wcb
