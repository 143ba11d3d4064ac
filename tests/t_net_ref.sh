# t_net_ref.sh — wc-run's network mode (--conn, wc-model(7), NETWORKS) against tests/netref.py, an
# independent plain-numpy re-computation, to 1e-12 (max abs difference) over 1000 steps:
# hcp80 at v = 2 m/s for diffusive/additive x ceil/round/linear with a random history
# file; a synthetic 200-node network (exponential distance rule, asymmetric, 30 % of the
# weights zero); zero delays; k = 0 (every node = a lone wc-run node, exactly); --self.
# netref itself is first checked against the single-node wc-run, a ring-buffer
# implementation written the way wc-model(7), NETWORKS, History describes it, and a hand-written 2-node
# case; and the cases are shown to be sensitive to the usual indexing mistakes.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
NETREF=$here/netref.py
export PYTHONPATH=$here${PYTHONPATH:+:$PYTHONPATH}
# hcp80 as shipped (share/data), unpacked to text for netref; gw80 only in $WC_SHARED
HCP=$TMP/hcp80
mkdir -p "$HCP" && for m in Cmat Dmat; do gzip -dc "$WC_TOP/share/data/hcp80/$m.tsv.gz" > "$HCP/$m.tsv"; done
GW=${WC_SHARED:-/nonexistent}/gw80

# -- the network files: synthetic 200-node network, histories ---------------------------
"$PYTHON" - "$HCP" <<'EOF' || notok "test inputs built"
import os, sys
import numpy as np
import netref

rng = np.random.default_rng(20260501)
N = 200
pos = rng.uniform(0, 1, (N, 3)) * [140.0, 170.0, 120.0]          # mm
D = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1))   # Euclidean lengths
C = np.exp(-0.05 * D) * rng.uniform(0.5, 1.5, (N, N))             # EDR, asymmetric
C[rng.uniform(size=(N, N)) < 0.3] = 0.0
np.fill_diagonal(C, 0.0)
C /= C.sum(axis=1).mean() / 2.0                                    # mean row sum 2
# tortuous (asymmetric) lengths: catches a transposed D
Dt = D * rng.uniform(1.0, 1.4, (N, N))
np.fill_diagonal(Dt, 0.0)
Cs = C.copy()
np.fill_diagonal(Cs, rng.uniform(0.2, 0.8, N))                     # for --self


def save(name, M, header=True):
    with open(name, "w") as f:
        if header:
            f.write("# " + "\t".join(f"rE{j}" for j in range(M.shape[1])) + "\n")
        for row in M:
            f.write("\t".join(repr(float(x)) for x in row) + "\n")


save("syn_C.tsv", C, header=False)
save("syn_D.tsv", D, header=False)
save("syn_Dt.tsv", Dt, header=False)
save("syn_Cs.tsv", Cs, header=False)


def hist(name, D, speed, dt, delay, n, extra=0, header=True):
    # rows = max_s + 1, max_s computed as netref does (tau = D/v, then tau/dt)
    L = netref.history_len(D, speed, dt, delay) if D is not None else 1
    save(name, rng.uniform(0.0, 0.05, (L + extra, n)), header)


for delay in ("ceil", "round", "linear"):
    hist(f"syn_H_{delay}.tsv", D, 2.0, 0.1, delay, N)
hist("syn_Ht_round.tsv", Dt, 2.0, 0.1, "round", N)
hist("syn_H_lin_v37_dt05.tsv", D, 3.7, 0.05, "linear", N)
hist("syn_H0.tsv", None, 2.0, 0.1, "ceil", N)
hist("syn_H0_80.tsv", None, 2.0, 0.1, "ceil", 80)
hcp = sys.argv[1]
if os.path.exists(os.path.join(hcp, "Dmat.tsv")):
    Dh = netref.load_matrix(os.path.join(hcp, "Dmat.tsv"))
    for delay in ("ceil", "round", "linear"):
        hist(f"hcp_H_{delay}.tsv", Dh, 2.0, 0.1, delay, 80)
    hist("hcp_H_extra_plain.tsv", Dh, 2.0, 0.1, "ceil", 80, extra=7, header=False)
EOF

# -- netref checked on its own ----------------------------------------------------------
for pe in 'I_E=0.5' 'I_E=1,rE0=0.3,rI0=0.1,r=0.8'; do
    wc-run --no-version -T 100 -p "$pe" > lone.tsv
    py "netref: a node with k = 0 equals single-node wc-run to 1e-13 ($pe)" '
import sys, numpy as np, netref
out = netref.read_tsv(sys.argv[1])
p = netref.parse_params([sys.argv[2]])
C = netref.load_matrix("syn_C.tsv")[:20, :20]
D = netref.load_matrix("syn_D.tsv")[:20, :20]
t, rE, rI = netref.simulate(C, D, 2.0, 0.0, "diffusive", "ceil", 0.02, 1000, 0.1, p)
assert rE.std() > 0.01
for j in range(20):
    msg = netref.compare(np.column_stack([out[:, :1], out[:, 1:2], out[:, 2:3]]), t, rE[:, j:j+1], rI[:, j:j+1], 1e-13)
    assert msg is None, msg
' lone.tsv "$pe"
done

py "netref = a ring-buffer implementation of wc-model(7), NETWORKS (3 delay modes x 2 couplings, to 1e-14)" '
import math, numpy as np, netref
rng = np.random.default_rng(3)
N, steps, dt, v = 9, 400, 0.1, 2.0
C = rng.uniform(0, 1, (N, N)) * (rng.uniform(size=(N, N)) < 0.7)
D = rng.uniform(0, 12, (N, N))
D[0, 1] = 2 * v * dt * 3     # exactly 6 steps: ceil = round = floor, f = 0 in linear
D[2, 3] = v * dt * 4.5       # a half step: round to even (4)
D[4, 5] = 0.0                # a zero delay off the diagonal

def phi(z): return 1 + z/2 + z*z/6 if abs(z) <= 1e-8 else math.expm1(z)/z
for delay in ("ceil", "round", "linear"):
    L = netref.history_len(D, v, dt, delay)
    hist = rng.uniform(0, 0.05, (L, N))
    for coupling in ("diffusive", "additive"):
        k = 2.5; IE0 = 0.6 if coupling == "diffusive" else 0.0
        t, rE, rI = netref.simulate(C, D, v, k, coupling, delay, hist, steps, dt, {"I_E": IE0})
        # one ring per source node, L slots, slot ptr-1 holds the newest value
        ring = [list(hist[:, j]) for j in range(N)]
        ptr = 0
        e = [0.0] * N; i_ = [0.0] * N
        worst = 0.0
        for n in range(steps):
            c = []
            for i in range(N):
                acc = 0.0
                for j in range(N):
                    if i == j or C[i, j] == 0: continue
                    x = (D[i, j] / v) / dt
                    if delay == "ceil": val = ring[j][(ptr - 1 - math.ceil(x)) % L]
                    elif delay == "round": val = ring[j][(ptr - 1 - round(x)) % L]
                    else:
                        s0 = math.floor(x); f = x - s0
                        val = (1 - f) * ring[j][(ptr - 1 - s0) % L] + (f * ring[j][(ptr - 2 - s0) % L] if f else 0.0)
                    acc += C[i, j] * (val - e[i] if coupling == "diffusive" else val)
                c.append(k * acc)
            new = []
            for i in range(N):
                IE = IE0 + c[i]
                sE = 1/(1+math.exp(-1.2*(12*e[i] - 4*i_[i] + IE - 2.8))); FE = sE - 1/(1+math.exp(1.2*2.8))
                sI = 1/(1+math.exp(-1.0*(13*e[i] - 11*i_[i] - 4.0))); FI = sI - 1/(1+math.exp(4.0))
                fE = -e[i] + (1 - e[i])*FE; fI = -i_[i] + (1 - i_[i])*FI
                JE = -1 - FE + (1 - e[i])*1.2*sE*(1-sE)*12
                JI = -1 - FI - (1 - i_[i])*sI*(1-sI)*11
                new.append((e[i] + dt*phi(dt*JE)*fE, i_[i] + dt*phi(dt*JI)*fI))
            e = [a for a, b in new]; i_ = [b for a, b in new]
            for j in range(N): ring[j][ptr] = e[j]
            ptr = (ptr + 1) % L
            worst = max(worst, max(abs(e[j] - rE[n+1, j]) for j in range(N)), max(abs(i_[j] - rI[n+1, j]) for j in range(N)))
        assert worst <= 1e-14, (delay, coupling, worst)
        assert rE[100:].std(0).max() > 1e-3, (delay, coupling)
'

py "netref: hand-written 2-node chain (0 <- 1, lag 3, additive, history 0.3)" '
import math, numpy as np, netref
dt, v = 0.1, 1.0
C = np.array([[0.0, 0.8], [0.0, 0.0]])
D = np.array([[0.0, 0.25], [7.0, 0.0]])      # tau = 0.25 ms -> ceil(2.5) = 3 steps
t, rE, rI = netref.simulate(C, D, v, 1.5, "additive", "ceil", 0.3, 200, dt, {"I_E": 0.2})
_, e1, i1 = netref.single_node(200, dt, {"I_E": 0.2})
assert np.array_equal(rE[:, 1], e1) and np.array_equal(rI[:, 1], i1)
def phi(z): return 1 + z/2 + z*z/6 if abs(z) <= 1e-8 else math.expm1(z)/z
e = i = 0.0
for n in range(200):
    src = 0.3 if n - 3 <= 0 else e1[n - 3]      # H_1[n - 3]; H_1[m] = rE_1(t_m) for m >= 1
    IE = 0.2 + 1.5 * 0.8 * src
    sE = 1/(1+math.exp(-1.2*(12*e - 4*i + IE - 2.8))); FE = sE - 1/(1+math.exp(1.2*2.8))
    sI = 1/(1+math.exp(-(13*e - 11*i - 4.0))); FI = sI - 1/(1+math.exp(4.0))
    JE = -1 - FE + (1 - e)*1.2*sE*(1-sE)*12; JI = -1 - FI - (1 - i)*sI*(1-sI)*11
    e, i = e + dt*phi(dt*JE)*(-e + (1 - e)*FE), i + dt*phi(dt*JI)*(-i + (1 - i)*FI)
    assert abs(e - rE[n+1, 0]) <= 1e-15 and abs(i - rI[n+1, 0]) <= 1e-15, n
assert abs(rE[:, 0] - e1).max() > 1e-3
'

# The cases below would catch these mistakes: each changes the result by far more than
# the 1e-12 tolerance.
py "sensitivity: off-by-one lag, transposed C or D, initial state read as history" '
import numpy as np, netref
C = netref.load_matrix("syn_C.tsv"); D = netref.load_matrix("syn_Dt.tsv")
H = netref.load_matrix("syn_Ht_round.tsv")
args = dict(speed=2.0, k=2.0, coupling="diffusive", delay="round", steps=1000, dt=0.1, params={"I_E": 0.5})
_, ref, _ = netref.simulate(C, D, history=H, **args)
def far(name, **kw):
    a = dict(args, history=H); a.update(kw)
    d = np.abs(netref.simulate(a.pop("C", C), a.pop("D", D), **a)[1] - ref).max()
    assert d > 1e-8, (name, d)
far("lag + 1", D=D + 2.0 * 0.1, history=np.vstack([H[:1], H]))
far("C transposed", C=C.T)
far("D transposed", D=D.T)
H0 = H.copy(); H0[-1] = 0.0
far("rE(0) in place of H[0]", history=H0)
far("diffusive/additive", coupling="additive")
_, z, _ = netref.simulate(C, None, history=0.3, **args)
_, z0, _ = netref.simulate(C, None, history=0.0, **args)
assert np.abs(z - z0).max() > 1e-8
'

# -- wc-run --conn ------------------------------------------------------------------------
if ! wc-run --help 2>/dev/null | grep -q -- '--conn'; then
    skip "wc-run network mode" "wc-run has no --conn yet"
    exit 0
fi

# netcase NAME T DT ARGS...: wc-run -T T --dt DT ARGS against netref with the same ARGS.
netcase() {
    local name=$1 T=$2 dt=$3; shift 3
    local steps
    steps=$(awk -v T="$T" -v d="$dt" 'BEGIN { printf "%d", T / d + 0.5 }')
    if ! wc-run --no-version -T "$T" --dt "$dt" --vars rE,rI "$@" > net.tsv 2> net.err; then
        notok "$name" "wc-run failed: $(head -c 300 net.err)"; return 1
    fi
    check "$name" "$PYTHON" "$NETREF" --compare net.tsv --tol 1e-12 --steps "$steps" --dt "$dt" "$@"
}

# -- hcp80, v = 2 m/s ---------------------------------------------------------------------
{
    hc=(--conn "$HCP/Cmat.tsv" --dist "$HCP/Dmat.tsv" --speed 2)
    for delay in ceil round linear; do
        for coupling in diffusive additive; do
            netcase "hcp80 $coupling $delay k=1 = netref to 1e-12" 100 0.1 \
                "${hc[@]}" -k 1 --coupling $coupling --delay $delay --history hcp_H_$delay.tsv
        done
        netcase "hcp80 diffusive $delay k=2 I_E=0.5 = netref to 1e-12" 100 0.1 \
            "${hc[@]}" -k 2 --coupling diffusive --delay $delay --history hcp_H_$delay.tsv -p I_E=0.5
        netcase "hcp80 additive $delay k=4 = netref to 1e-12" 100 0.1 \
            "${hc[@]}" -k 4 --coupling additive --delay $delay --history hcp_H_$delay.tsv
    done
    netcase "hcp80 diffusive ceil, 3000 steps (every lag reaches simulated history)" 300 0.1 \
        "${hc[@]}" -k 2 --coupling diffusive --delay ceil --history hcp_H_ceil.tsv -p I_E=0.5
    netcase "hcp80: history file without header and 7 extra old rows (last row = H[0])" 100 0.1 \
        "${hc[@]}" -k 2 --coupling diffusive --delay ceil --history hcp_H_extra_plain.tsv -p I_E=0.5
    netcase "hcp80 zero delays (no --dist), history file" 100 0.1 \
        --conn "$HCP/Cmat.tsv" -k 2 --coupling diffusive --history syn_H0_80.tsv -p I_E=0.5
}
if [ -f "$GW/Cmat.tsv" ] && [ -f "$GW/Dmat.tsv" ]; then
    netcase "gw80 (asymmetric C and D, zero weights) diffusive ceil const history" 100 0.1 \
        --conn "$GW/Cmat.tsv" --dist "$GW/Dmat.tsv" --speed 2 -k 2 --coupling diffusive \
        --delay ceil --history const:0.04 -p I_E=0.5
else
    skip "gw80" "no $GW/Cmat.tsv and Dmat.tsv (set WC_SHARED)"
fi

# -- synthetic 200 nodes -----------------------------------------------------------------
sy=(--conn syn_C.tsv --dist syn_D.tsv --speed 2)
for delay in ceil round linear; do
    netcase "syn200 diffusive $delay k=1 = netref to 1e-12" 100 0.1 \
        "${sy[@]}" -k 1 --coupling diffusive --delay $delay --history syn_H_$delay.tsv
    netcase "syn200 additive $delay k=4 = netref to 1e-12" 100 0.1 \
        "${sy[@]}" -k 4 --coupling additive --delay $delay --history syn_H_$delay.tsv
done
if netcase "syn200 diffusive linear k=2 I_E=0.5 = netref to 1e-12" 100 0.1 \
        "${sy[@]}" -k 2 --coupling diffusive --delay linear --history syn_H_linear.tsv -p I_E=0.5; then
    py "syn200 I_E=0.5 k=2: dynamics nontrivial (after 30 ms, sd of rE > 0.05 on some nodes, > 0.01 on 20)" '
import sys, numpy as np, netref
x = netref.read_tsv(sys.argv[1])[300:, 1:201]
sd = x.std(axis=0)
assert sd.max() > 0.05 and (sd > 0.01).sum() >= 20, (sd.max(), (sd > 0.01).sum())
' net.tsv
fi
netcase "syn200 asymmetric lengths, round" 100 0.1 \
    --conn syn_C.tsv --dist syn_Dt.tsv --speed 2 -k 2 --coupling diffusive --delay round --history syn_Ht_round.tsv -p I_E=0.5
netcase "syn200 linear, v = 3.7, dt = 0.05 (2000 steps)" 100 0.05 \
    --conn syn_C.tsv --dist syn_D.tsv --speed 3.7 -k 2 --coupling diffusive --delay linear --history syn_H_lin_v37_dt05.tsv -p I_E=0.5
netcase "syn200 const history" 100 0.1 "${sy[@]}" -k 4 --coupling additive --delay ceil --history const:0.03

# -- zero delays: the current state is read (pseudo-history H[0] at step 0) -------------
netcase "zero delays, diffusive, const history" 100 0.1 --conn syn_C.tsv -k 2 --coupling diffusive --history const:0.3 -p I_E=0.5
netcase "zero delays, additive, history file (one row)" 100 0.1 --conn syn_C.tsv -k 4 --coupling additive --history syn_H0.tsv

# -- --self ------------------------------------------------------------------------------
netcase "diagonal of C ignored without --self" 100 0.1 \
    --conn syn_Cs.tsv --dist syn_D.tsv --speed 2 -k 2 --coupling diffusive --delay ceil --history syn_H_ceil.tsv -p I_E=0.5
netcase "--self keeps the diagonal (zero lag)" 100 0.1 \
    --conn syn_Cs.tsv --dist syn_D.tsv --speed 2 -k 2 --coupling additive --delay ceil --history syn_H_ceil.tsv --self

# -- --vars rE: t and N columns --------------------------------------------------------
wc-run --no-version -T 100 "${sy[@]}" -k 2 --coupling diffusive --history syn_H_ceil.tsv -p I_E=0.5 --vars rE > vE.tsv
check "--vars rE: 201 columns, 1001 rows" awk -F'\t' '!/^#/ { n++; if (NF != 201) exit 1 } END { exit !(n == 1001) }' vE.tsv
check "--vars rE = netref" "$PYTHON" "$NETREF" --compare vE.tsv --steps 1000 "${sy[@]}" -k 2 --coupling diffusive --history syn_H_ceil.tsv -p I_E=0.5

# -- k = 0: every node is a lone node, bit for bit ---------------------------------------
wc-run --no-version -T 100 -p I_E=0.5 --vars rE,rI > lone.tsv
for coupling in diffusive additive; do
    wc-run --no-version -T 100 "${sy[@]}" -k 0 --coupling $coupling --delay linear --history syn_H_linear.tsv \
        -p I_E=0.5 --vars rE,rI > k0.tsv
    py "k = 0 ($coupling): each of the 200 nodes equals single-node wc-run exactly" '
import sys, numpy as np, netref
a = netref.read_tsv(sys.argv[1]); b = netref.read_tsv(sys.argv[2])
assert a.shape == (1001, 401), a.shape
assert b[:, 1].std() > 0.01
for j in range(200):
    dE = np.abs(a[:, 1 + j] - b[:, 1]).max(); dI = np.abs(a[:, 201 + j] - b[:, 2]).max()
    assert dE == 0 and dI == 0, (j, dE, dI)
assert np.array_equal(a[:, 0], b[:, 0])
' k0.tsv lone.tsv
done
