# t_pipelines.sh — every analysis of pipelines/ runs from a clean output directory and
# passes its own check (figures are PNGs, data files have their columns); the network
# analysis also runs on the synthetic connectome when the shared data are absent.
. "$(dirname "$0")/lib.sh"
P=$WC_TOP/pipelines
check "make -C pipelines -j2 all check (every figure and data file)" \
    make -s -C "$P" -j2 all check BIN="$WC_BIN" OUT="$TMP/out" SHARED="$WC_SHARED"
check "the network analysis without shared data: synthetic connectome, SC panel" \
    bash -c "make -s -C '$P' network BIN='$WC_BIN' OUT='$TMP/syn' SHARED=/nonexistent >/dev/null &&
             bash '$P/check.sh' '$TMP/syn/network/network.png' '$TMP/syn/network/pairs.tsv=x,sim' &&
             grep -qx 'structural connectivity' '$TMP/syn/network/label.txt' &&
             test -s '$TMP/syn/network/synth_conn.tsv'"
if [ -f "$WC_SHARED/hcp80/FC.tsv" ]; then
    py "network: fc_corr in summary.tsv equals numpy on fc.tsv and hcp80 FC.tsv" '
import numpy as np, sys
top = sys.argv[1]
sim = np.loadtxt(top + "/out/network/fc.tsv", comments="#")
emp = np.loadtxt(sys.argv[2] + "/hcp80/FC.tsv")
iu = np.triu_indices(len(sim), 1)
r = np.corrcoef(sim[iu], emp[iu])[0, 1]
names, values = [l.lstrip("# ").rstrip("\n").split("\t") for l in open(top + "/out/network/summary.tsv")
                 if not l.startswith("##")]
row = dict(zip(names, map(float, values)))
assert abs(row["fc_corr"] - r) < 1e-12, (row, r)' "$TMP" "$WC_SHARED"
    check "naming other inputs (hcp80 after the synthetic connectome) redoes the network" \
        bash -c "make -s -C '$P' network BIN='$WC_BIN' OUT='$TMP/syn' SHARED='$WC_SHARED' >/dev/null &&
                 grep -qx 'empirical FC' '$TMP/syn/network/label.txt'"
else
    skip "network fit against hcp80 FC" "no shared data at $WC_SHARED"
fi
check "make -C pipelines does nothing more when nothing changed" \
    bash -c "! make -n -C '$P' all BIN='$WC_BIN' OUT='$TMP/out' SHARED='$WC_SHARED' | grep -q 'wc-\|gnuplot'"
