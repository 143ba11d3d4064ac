# t_pipelines.sh — every analysis of pipelines/ runs from a clean output directory and
# passes its own check (figures are PNGs, data files have their columns); the network
# analysis runs on the shipped hcp80 and, with CONN=synthetic, on a generated connectome.
. "$(dirname "$0")/lib.sh"
P=$WC_TOP/pipelines
check "make -C pipelines -j2 all check (every figure and data file)" \
    make -s -C "$P" -j2 all check BIN="$WC_BIN" OUT="$TMP/out"
check "the network analysis on a synthetic connectome (CONN=synthetic): SC panel" \
    bash -c "make -s -C '$P' network BIN='$WC_BIN' OUT='$TMP/syn' CONN=synthetic >/dev/null &&
             bash '$P/check.sh' '$TMP/syn/network/network.png' '$TMP/syn/network/pairs.tsv=x,sim' &&
             grep -qx 'structural connectivity' '$TMP/syn/network/label.txt' &&
             test -s '$TMP/syn/network/synth_conn.tsv'"
py "network: fc_corr in summary.tsv equals numpy on fc.tsv and the shipped hcp80 FC" '
import numpy as np, sys
top = sys.argv[1]
sim = np.loadtxt(top + "/out/network/fc.tsv", comments="#")
emp = np.loadtxt(sys.argv[2] + "/share/data/hcp80/FC.tsv.gz")
iu = np.triu_indices(len(sim), 1)
r = np.corrcoef(sim[iu], emp[iu])[0, 1]
names, values = [l.lstrip("# ").rstrip("\n").split("\t") for l in open(top + "/out/network/summary.tsv")
                 if not l.startswith("##")]
row = dict(zip(names, map(float, values)))
assert abs(row["fc_corr"] - r) < 1e-12, (row, r)' "$TMP" "$WC_TOP"
py "bistability: two basins of 1600 starts whose refined boundary lies on the separatrix (within its bracket + 1e-4)" '
import numpy as np, sys
d = sys.argv[1] + "/out/bistability/"
rows = lambda f: [l.split() for l in open(d + f) if l.strip() and not l.startswith("#")]
a = np.array(rows("attractors.tsv"), float)
assert a.shape[0] == 2 and a[:, 2].sum() == 1600, a
b = np.array(rows("boundary.tsv"), float)
s = np.array(rows("sep.tsv"), float)
segs = [(s[i, 2:4], s[i + 1, 2:4]) for i in range(len(s) - 1) if s[i, 1] == s[i + 1, 1]]
def dist(p):
    best = np.inf
    for u, v in segs:
        t = np.clip(np.dot(p - u, v - u) / max(np.dot(v - u, v - u), 1e-300), 0, 1)
        best = min(best, np.hypot(*(p - u - t * (v - u))))
    return best
dd = np.array([dist(p) for p in b[:, 1:3]])
assert len(b) > 20 and (dd < b[:, 3] + 1e-4).all(), (len(b), dd.max())' "$TMP"
check "naming other inputs (hcp80 after the synthetic connectome) redoes the network" \
    bash -c "make -s -C '$P' network BIN='$WC_BIN' OUT='$TMP/syn' >/dev/null &&
             grep -qx 'empirical FC' '$TMP/syn/network/label.txt'"
check "shipped names as inputs: CONN=hcp80 (lengths and labels come with it), FCEMP=hcp80:FC" \
    bash -c "make -s -C '$P' network BIN='$WC_BIN' OUT='$TMP/names' CONN=hcp80 DIST= FCEMP=hcp80:FC >/dev/null &&
             grep -qx '## dist hcp80:Dmat' <(wc-view -H '$TMP/names/network/net.wcb') &&
             grep -q '^# t	Precentral_L	' '$TMP/names/network/traces.tsv'"
check "make -C pipelines does nothing more when nothing changed" \
    bash -c "! make -n -C '$P' all BIN='$WC_BIN' OUT='$TMP/out' | grep -q 'wc-\|gnuplot'"
