# limit_cycle.gp — the 1972 limit cycle (preset wc72): its oscillation and spectrum (peak
# marked), its phase plane (nullclines, the fixed point, the cycle), and the bifurcation
# diagrams over I_E of wc72 (supercritical Hopf) and of the preset subcritical (subcritical
# Hopf, fold of cycles): wc-cont's branches with wc-sweep's simulated attractors as points.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='limit_cycle.png'" limit_cycle.gp
# DATA holds trace.tsv (t rE rI), psd.tsv (f rE rI), peak.tsv (wc-psd --peak),
# nullclines.tsv and fixed.tsv (wc-nullcline), profiles.tsv (wc-cont --what profiles: its
# last block the cycle at the preset's I_E), and for P in wc72 sub: P_branch.tsv,
# P_special.tsv, P_cycles.tsv (wc-cont), P_sweep.tsv (wc-sweep, rk4), and
# wc72_expeuler.tsv (wc-sweep, the default step), wc72_hysteresis.tsv (--continue-state both).
w = 1900; h = 1250
load dir_gp."/wckit.gp"
fpeak = real(system(sprintf("awk -F'\t' '$1 == \"rE\" { print $2 }' %s/peak.tsv", dir)))
ppeak = real(system(sprintf("awk -F'\t' '$1 == \"rE\" { print $3 }' %s/peak.tsv", dir)))
# the parameter (column 5) of a special point: the k-th of its type
special(p, type, k) = real(system(sprintf("awk -F'\t' '$1 == \"%s\" && ++n == %d { print $5 }' %s/%s_special.tsv", type, k, dir, p)))
# the last block of profiles.tsv: the cycle at the preset's I_E
stats dir."/profiles.tsv" u 4 nooutput
last = STATS_blocks - 1
# its first and last samples, to close the curve
stats dir."/profiles.tsv" index last u 6 nooutput
n = STATS_records - 1
stats dir."/profiles.tsv" index last every ::0::0 u 6 nooutput
cyc_x0 = STATS_min
stats dir."/profiles.tsv" index last every ::0::0 u 7 nooutput
cyc_y0 = STATS_min
stats dir."/profiles.tsv" index last every ::n::n u 6 nooutput
cyc_x1 = STATS_min
stats dir."/profiles.tsv" index last every ::n::n u 7 nooutput
cyc_y1 = STATS_min
# where wc72's cycles end: the smallest I_E of the cycle branch
stats dir."/wc72_cycles.tsv" u 2 nooutput
cyc_end = STATS_min
cgrey = "#b0b0b0"
ccyc = "#229954"
ceul = "#b9770e"
set multiplot title "Wilson and Cowan's 1972 limit cycle (preset wc72): spectrum, phase plane, bifurcations (wc-run, wc-psd, wc-nullcline, wc-cont, wc-sweep)" font font_title

# the panels: two rows of three, and a strip at the bottom for the diagrams' key
pw = 1.0 / 3
set size pw, 0.43
# A: the oscillation
set origin 0, 0.53
set title "the oscillation (wc-run -x wc72, last 100 ms)" font font_panel
set xlabel "t (ms)"
set ylabel "activity"
stats dir."/trace.tsv" u 1 nooutput
set xrange [STATS_max - 100:STATS_max]
set yrange [0:0.4]
set key top right
plot dir."/trace.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"

# B: the spectrum
set origin pw, 0.53
set title sprintf("power spectral density (Welch): peak at %.2f Hz, and its harmonics", fpeak) font font_panel
set xlabel "f (Hz)"
set ylabel "PSD (1/Hz)"
set logscale y
set format y "10^{%L}"
set xrange [0:600]
set yrange [1e-22:1]
set arrow 1 from fpeak, graph 0 to fpeak, graph 1 nohead dt 2 lc rgb "#555555"
set label 1 sprintf("%.2f Hz", fpeak) at fpeak, ppeak offset 1, 0 left
plot dir."/psd.tsv" u 1:3 w l lt 2 lw 4 t "r_I", "" u 1:2 w l lt 1 t "r_E"
unset arrow 1
unset label 1
unset logscale y
set format y "%g"

# C: the phase plane at I_E = 1.25
set origin 2 * pw, 0.53
set title "phase plane at I_E = 1.25 (wc-nullcline): the run of the first\npanel (exp-Euler, dt = 0.1 ms) and the equations' cycle (wc-cont)" font font_panel
set xlabel "r_E"
set ylabel "r_I"
set xrange [0:0.4]
set yrange [0:0.4]
set key top left
set arrow 2 from cyc_x1, cyc_y1 to cyc_x0, cyc_y0 nohead lc rgb "#000000" lw 2.5
plot dir."/nullclines.tsv" u 3:($1 == 0 ? $4 : NaN) w l lt 1 t "E-nullcline", \
     "" u 3:($1 == 1 ? $4 : NaN) w l lt 2 t "I-nullcline", \
     dir."/trace.tsv" u 2:3 w l lc rgb ceul lw 1.5 t "wc-run trace (115 Hz)", \
     dir."/profiles.tsv" index last u 6:7 w l lc rgb "#000000" lw 2.5 t "wc-cont cycle (200 Hz)", \
     dir."/fixed.tsv" u 2:($4 > 0 ? $3 : NaN) w p pt 7 ps 1.8 lc rgb "#000000" t "stable fixed point", \
     "" u 2:($4 > 0 ? NaN : $3) w p pt 6 ps 1.8 lw 2 lc rgb "#000000" t "unstable fixed point"
unset arrow 2

# the bifurcation diagrams, over I_E: equilibria (stable thick grey, unstable dashed), the
# cycles' extremes of rE (stable solid green, unstable dashed), special points, and the
# simulated attractors; no keys: the strip at the bottom holds one for all three
set xlabel "I_E"
set ylabel "r_E"
unset key
cnot = "#5d6d7e"
csim = "#0b5345"
bif(p) = sprintf("plot '%s/%s_branch.tsv' u 2:($5 > 0 ? $3 : NaN) w l lc rgb cgrey lw 6, \
     '' u 2:($5 > 0 ? NaN : $3) w l dt 2 lc rgb '#000000' lw 1.5, \
     '%s/%s_cycles.tsv' u 2:($11 > 0 ? $5 : NaN) w l lc rgb ccyc lw 2.5, '' u 2:($11 > 0 ? $6 : NaN) w l lc rgb ccyc lw 2.5, \
     '' u 2:($11 > 0 ? NaN : $5) w l dt 2 lc rgb ccyc lw 2, '' u 2:($11 > 0 ? NaN : $6) w l dt 2 lc rgb ccyc lw 2, ", dir, p, dir, p)
marks(p) = sprintf("'%s/%s_special.tsv' u 5:(strcol(1) eq 'fold' ? $6 : NaN) w p pt 13 ps 1.6 lc rgb '#000000', \
     '' u 5:(strcol(1) eq 'hopf' ? $6 : NaN) w p pt 5 ps 1.4 lc rgb '#7d3c98', \
     '' u 5:(strcol(1) eq 'fold-of-cycles' ? $6 : NaN) w p pt 9 ps 1.8 lc rgb ccyc", dir, p)
sims(p) = sprintf(", '%s/%s_sweep.tsv' u 2:($4 == 0 ? $8 : NaN) w p pt 7 ps 0.5 lc rgb '#000000', \
     '' u 2:($4 == 1 ? $6 : NaN) w p pt 7 ps 0.6 lc rgb csim, '' u 2:($4 == 1 ? $7 : NaN) w p pt 7 ps 0.6 lc rgb csim, \
     '' u 2:($4 == 2 ? $6 : NaN) w p pt 6 ps 0.8 lc rgb cnot, '' u 2:($4 == 2 ? $7 : NaN) w p pt 6 ps 0.8 lc rgb cnot", dir, p)
set size pw, 0.41
set origin 0, 0.09

# D: wc72 over I_E
set title sprintf("wc72: folds at %.3f and %.3f, a supercritical Hopf point at %.3f;\nits stable cycles end on the saddle; simulated: rk4 and the default step", \
    special("wc72", "fold", 2), special("wc72", "fold", 1), special("wc72", "hopf", 1)) font font_panel
set xrange [0:3]
set yrange [0:0.45]
set xtics 0.5
eval bif("wc72").marks("wc72").sims("wc72").sprintf(", '%s/wc72_expeuler.tsv' u 2:($4 == 1 ? $6 : NaN) w p pt 1 ps 0.7 lc rgb ceul, \
     '' u 2:($4 == 1 ? $7 : NaN) w p pt 1 ps 0.7 lc rgb ceul", dir)

# E: the window of wc72 where rest and cycle coexist
set origin pw, 0.09
set title "wc72 by the upper fold: rest and cycle coexist between the\ncycles' end and the fold (hysteresis walks, rk4, --continue-state both)" font font_panel
set xrange [1.04:1.12]
set yrange [0:0.27]
set xtics 0.02
set label 2 sprintf("cycles end\non the saddle\nat %.4f\n(period → ∞)", cyc_end) at cyc_end, 0.14 left offset 0.7, 0 font font_small
set label 3 sprintf("fold at %.4f", special("wc72", "fold", 1)) at special("wc72", "fold", 1), 0.03 left offset 0.5, 0 font font_small
eval bif("wc72").marks("wc72").sprintf(", '%s/wc72_hysteresis.tsv' u 2:($3 == 0 ? $7 : NaN) w lp lt 1 lw 1 pt 8 ps 0.6, \
     '' u 2:($3 == 0 ? $8 : NaN) w lp lt 1 lw 1 pt 8 ps 0.6, \
     '' u 2:($3 == 1 ? $7 : NaN) w lp lt 2 lw 1 pt 10 ps 0.6, '' u 2:($3 == 1 ? $8 : NaN) w lp lt 2 lw 1 pt 10 ps 0.6", dir)
unset label 2
unset label 3

# F: the preset subcritical over I_E
set origin 2 * pw, 0.09
set title sprintf("the preset subcritical: a subcritical Hopf point at %.3f, its unstable\ncycles turn stable at the fold of cycles at %.4f (64 starts per I_E)", \
    special("sub", "hopf", 1), special("sub", "fold-of-cycles", 1)) font font_panel
set xrange [0.45:1.1]
set yrange [0:0.52]
set xtics 0.1
eval bif("sub").marks("sub").sims("sub")

# the key of the diagrams: a plot of nothing but its key, across the bottom
set origin 0, 0
set size 1, 0.08
unset title
unset border
unset tics
unset xlabel
unset ylabel
unset grid
set xrange [0:1]
set yrange [0:1]
set key center center horizontal maxrows 2 width 1 font font_panel samplen 2
plot NaN w l lc rgb cgrey lw 6 t "stable equilibria (wc-cont)", NaN w l dt 2 lc rgb "#000000" lw 1.5 t "unstable equilibria", \
     NaN w l lc rgb ccyc lw 2.5 t "stable cycles, min and max", NaN w l dt 2 lc rgb ccyc lw 2 t "unstable cycles", \
     NaN w p pt 13 ps 1.6 lc rgb "#000000" t "fold (LP)", NaN w p pt 5 ps 1.4 lc rgb "#7d3c98" t "Hopf (H)", \
     NaN w p pt 9 ps 1.8 lc rgb ccyc t "fold of cycles (LPC)", \
     NaN w p pt 7 ps 0.6 lc rgb "#000000" t "wc-sweep, rk4: fixed points", NaN w p pt 7 ps 0.8 lc rgb csim t "cycles (min, max)", \
     NaN w p pt 6 ps 0.8 lc rgb cnot t "not settled in 0.7 s", NaN w p pt 1 ps 1 lc rgb ceul t "exp-Euler, dt = 0.1: cycles", \
     NaN w lp lt 1 lw 1 pt 8 t "walk up", NaN w lp lt 2 lw 1 pt 10 t "walk down"
unset multiplot
