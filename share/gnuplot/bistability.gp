# bistability.gp — one bistable node: its phase plane (nullclines, fixed points by stability,
# the saddle's separatrix) with trajectories from three starts, their time series, and the
# basins of a 40 x 40 grid of starts with the separatrix over them.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='bistability.png'" bistability.gp
# DATA holds folds.tsv (wc-cont --param I_E --what special: the folds that bound the bistable
# window), nc.tsv, fp.tsv and sep.tsv (wc-nullcline: nullclines, fixed points, separatrix), traj_a.tsv traj_b.tsv traj_c.tsv (wc-run: t rE rI, each from its start),
# and cells.tsv, attractors.tsv and boundary.tsv (wc-basin: cells, attractors, boundary).
w = 1500; h = 1150
load dir_gp."/wckit.gp"
# a header line's value, a table's column (by name) where the first column is `key`
hdr(file, name) = system(sprintf("sed -n 's/^## %s //p' %s/%s", name, dir, file))
cell(file, key, name) = system(sprintf("awk -F'\t' '/^# / { sub(/^# /, \"\"); for (i = 1; i <= NF; i++) c[$i] = i; next } /^#/ || !NF { next } $1 == \"%s\" { print $c[\"%s\"] }' %s/%s", key, name, dir, file))
IE = hdr("fp.tsv", "param.I_E")
wEE = hdr("fp.tsv", "param.wEE")
method = hdr("cells.tsv", "integrator")
dt = hdr("cells.tsv", "dt")
npts = hdr("cells.tsv", "grid.points")
nbnd = system(sprintf("grep -v '^#' %s/boundary.tsv | grep -c .", dir))
# the three starts, their colours, and where each run ends (its last row)
ics = "a b c"
cic(k) = word("#1a5276 #117864 #7d3c98", k)
traj(k) = dir."/traj_".word(ics, k).".tsv"
start(k, col) = real(system(sprintf("awk '!/^#/ && NF { print $%d; exit }' %s", col, traj(k))))
end(k, col) = real(system(sprintf("awk '!/^#/ && NF { v = $%d } END { print v }' %s", col, traj(k))))
icname(k) = sprintf("(%.2f, %.2f)", start(k, 2), start(k, 3))
icend(k) = sprintf("(%.3f, %.3f)", abs(end(k, 2)) < 5e-4 ? 0 : end(k, 2), abs(end(k, 3)) < 5e-4 ? 0 : end(k, 3))
# the fixed points (fp.tsv rows: kind rE rI stable ...)
fp = dir."/fp.tsv"
# the folds' I_E, in order
folds = system(sprintf("awk -F'\t' '$1 == \"fold\" { print $5 }' %s/folds.tsv | sort -g | tr '\n' ' '", dir))
set multiplot title sprintf("Bistability of one node: the defaults (Wilson and Cowan 1972, w_{EE} = %s) at I_E = %s, two stable states and a saddle\n(bistable for %.5f < I_E < %.5f, between the folds of the equilibria: wc-cont)", wEE, IE, real(word(folds, 1)), real(word(folds, 2))) font font_title

# A: phase plane
set origin 0, 0.38; set size 0.5, 0.56
fplist = system(sprintf("awk -F'\t' '!/^#/ && NF { printf \"%%s%%s (%%.3f, %%.3f)\", n++ ? \", \" : \"\", $1, $2 + 0, $3 + 0 }' %s", fp))
set title sprintf("phase plane (wc-nullcline) and runs from three starts (wc-run, %s at dt %s ms)\nfixed points: %s", hdr("traj_a.tsv", "integrator"), hdr("traj_a.tsv", "dt"), fplist) font font_small
set xlabel "r_E"
set ylabel "r_I"
set xrange [-0.05:1]
set yrange [-0.05:0.8]
set key top right font font_small spacing 1.0 opaque box lc rgb "#cccccc"
plot dir."/nc.tsv" u 3:($1 == 0 ? $4 : NaN) w l lt 1 t "dr_E/dt = 0", \
     "" u 3:($1 == 1 ? $4 : NaN) w l lt 2 t "dr_I/dt = 0", \
     dir."/sep.tsv" u 3:4 w l lw 2.5 dt 2 lc rgb "#000000" t "separatrix (saddle's stable manifold)", \
     for [k = 1:3] traj(k) u 2:3 w l lw 2.5 lc rgb cic(k) t sprintf("%s → %s", icname(k), icend(k)), \
     for [k = 1:3] traj(k) every ::0::0 u 2:3 w p pt 9 ps 2 * scale lc rgb cic(k) notitle, \
     fp u 2:($4 == 1 ? $3 : NaN) w p pt 7 ps 1.8 * scale lc rgb "#000000" t "stable fixed point", \
     fp u 2:($4 == 0 ? $3 : NaN) w p pt 6 ps 1.8 * scale lw 2 lc rgb "#000000" t "unstable fixed point (saddle)", \
     NaN w p pt 9 ps 2 * scale lc rgb "#000000" t "start"

# B: basins
set origin 0.5, 0.38; set size 0.5, 0.56
n0 = cell("attractors.tsv", "0", "count"); n2 = cell("attractors.tsv", "2", "count")
set title sprintf("basins of %s starts (wc-basin, %s at dt %s ms): %s to rest, %s to the active state;\n%s boundary points (refined 10 times) on the separatrix", npts, method, dt, n0, n2, nbnd) font font_small
set palette defined (0 "#aed6f1", 1 "#ffffff", 2 "#f5b7b1")
set cbrange [0:2]
unset colorbox
set xrange [-0.05:1.0]
set yrange [-0.05:0.8]
set xlabel "r_E(0)"
set ylabel "r_I(0)"
set key top right font font_small spacing 1.0 opaque box lc rgb "#cccccc"
plot dir."/cells.tsv" u 2:3:4 w image notitle, \
     NaN w boxes fs solid lc rgb "#aed6f1" t "→ rest", \
     NaN w boxes fs solid lc rgb "#f5b7b1" t "→ active state", \
     dir."/boundary.tsv" u 2:3 w p pt 6 ps 1.1 * scale lw 1.5 lc rgb "#d35400" t "basin boundary (wc-basin)", \
     dir."/sep.tsv" u 3:4 w l lw 1.5 lc rgb "#000000" t "separatrix (wc-nullcline)", \
     for [k = 1:3] traj(k) every ::0::0 u 2:3 w p pt 9 ps 2 * scale lc rgb cic(k) notitle, \
     fp u 2:($4 == 1 ? $3 : NaN) w p pt 7 ps 1.8 * scale lc rgb "#000000" notitle, \
     fp u 2:($4 == 0 ? $3 : NaN) w p pt 6 ps 1.8 * scale lw 2 lc rgb "#000000" notitle

# C: time series
set origin 0, 0; set size 1, 0.38
set title "time series of the three runs: r_E solid, r_I dashed" font font_panel
set xlabel "t (ms)"
set ylabel "activity"
set xrange [0:*]
set autoscale xfixmax
set yrange [-0.02:0.66]
set key top right font font_small spacing 1.0 noopaque nobox maxrows 3
plot for [k = 1:3] traj(k) u 1:2 w l lw 2.5 lc rgb cic(k) t sprintf("r_E from %s", icname(k)), \
     for [k = 1:3] traj(k) u 1:3 w l lw 2 dt 2 lc rgb cic(k) t sprintf("r_I from %s", icname(k))
unset multiplot
