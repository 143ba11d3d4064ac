# network_ref.gp — the reference tutorial's network figure, reproduced: the FC image of the
# whole run and r_E of every fifth node from t = 0 (its initial transient included), and that
# transient drawn again on its own time scale.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='network_ref.png'" network_ref.gp
# DATA holds fc.tsv (N x N, wc-fc: its header keeps the run's lags and fc.dt),
# traces.tsv (t and the rE of nodes 0, 5, 10 ..., every 1 ms), transient.tsv (the same
# columns at every step over the first 200 ms or so) and summary.tsv (t_from n samples fc_mean
# [fc_corr] sc_corr: one row for the FC of the whole run, one for the FC after the
# transient, as the network figure computes it).
w = 1500; h = 1100
load dir_gp."/wckit.gp"
# summary.tsv: the value of a column in row 1 (the whole run) or row 2 (after the transient)
field(name, row) = system(sprintf("awk -F'\t' '/^# / { sub(/^# /, \"\"); for (i = 1; i <= NF; i++) c[$i] = i; next } /^#/ { next } { if (++k == %d) print $c[\"%s\"] }' %s/summary.tsv", row, name, dir))
has_emp = system(sprintf("grep -c '^# .*fc_corr' %s/summary.tsv", dir)) + 0
rname = has_emp ? "fc_corr" : "sc_corr"
rlabel = has_emp ? "empirical FC" : "connectome"
t_late = real(field("t_from", 2))
# the longest delay: the pseudo-history (Uniform[0, 0.05), as the reference) is read until then
hdr(key) = system(sprintf("sed -n 's/^## %s //p' %s/fc.tsv", key, dir))
lags = hdr("lags")
lagmax = real(lags[strstrt(lags, "..") + 2:])
dt = real(hdr("fc.dt"))
ntr = int(system(sprintf("sed -n 's/^# //p' %s/traces.tsv | awk -F'\t' '{ print NF - 1 }'", dir)))
n = real(field("n", 1))
# the reference draws the matrix with matplotlib's plasma map and the traces in its default
# colour cycle (tab10) at alpha 0.8: the same here (#33: 20 % transparent)
set palette defined (0 "#0d0887", 1 "#46039f", 2 "#7201a8", 3 "#9c179e", 4 "#bd3786", \
                     5 "#d8576b", 6 "#ed7953", 7 "#fb9f3a", 8 "#fdca26", 9 "#f0f921")
tab10 = "1f77b4 ff7f0e 2ca02c d62728 9467bd 8c564b e377c2 7f7f7f bcbd22 17becf"
colour(k) = "#33".word(tab10, (k - 1) % 10 + 1)
set multiplot title sprintf("The reference tutorial's network figure at its settings: %d nodes, k = 1, v = 2 m/s, OU σ = 0.01, 6 s at dt = 0.1 ms (wc-run --conn | wc-fc)", n) font font_title
# A: the FC image, as the reference draws it: the whole run, colours from its minimum to its maximum
set origin 0, 0.43; set size 0.4, 0.52
set title sprintf("FC of the whole run (%s samples, from t = %g ms)\nmean %.3f off the diagonal; against the %s: r = %.3f", \
    field("samples", 1), real(field("t_from", 1)), real(field("fc_mean", 1)), rlabel, real(field(rname, 1))) font font_panel
set xlabel "node j"
set ylabel "node i"
set size ratio -1
set xrange [-0.5:n - 0.5]
set yrange [n - 0.5:-0.5]   # row 0 at the top, as imshow
set autoscale cbfix   # from the minimum to the maximum, as imshow
set cblabel "correlation"
unset grid
plot dir."/fc.tsv" matrix w image notitle
set size noratio
set grid
set autoscale xy
# B: the 16 traces over the whole run (the reference's x axis is the step number, t / dt)
set origin 0.4, 0.43; set size 0.6, 0.52
set title sprintf("r_E of nodes 0, 5, 10, ... (%d traces), from t = 0: the whole run, every 1 ms\n(the reference draws every step, against the step number, t / %g ms)", ntr, dt)
set xlabel "t (ms)"
set ylabel "activity"
set xrange [0:*]
plot for [k = 2:ntr + 1] dir."/traces.tsv" u 1:k w l lw 1 lc rgb colour(k - 1) notitle
# C: the transient, while the nodes read the random pseudo-history, at every step
set origin 0, 0; set size 1, 0.43
stats dir."/transient.tsv" u 1 nooutput
tzoom = STATS_max
set title sprintf("the first %g ms: the pseudo-history before t = 0 (Uniform[0, 0.05), as the reference's) kicks every node up; it is read until the longest delay, %g ms.\nAfter the transient (t ≥ %g ms, as the network figure) the FC's mean is %.4f and r = %.3f: the whole-run FC above is the transient's.", \
    tzoom, lagmax * dt, t_late, real(field("fc_mean", 2)), real(field(rname, 2)))
set xrange [0:tzoom]
set arrow 1 from lagmax * dt, graph 0 to lagmax * dt, graph 1 nohead dt 2 lc rgb "#555555"
set label 1 sprintf("longest delay, %g ms", lagmax * dt) at lagmax * dt, graph 0.92 offset 0.7, 0 left font font_small
plot for [k = 2:ntr + 1] dir."/transient.tsv" u 1:k w l lw 1.5 lc rgb colour(k - 1) notitle
unset multiplot
