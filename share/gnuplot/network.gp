# network.gp — the brain network: FC image, sample traces, spectra, and the fit of the
# simulated FC to the empirical one (or to the structural connectome without one).
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='network.png'" network.gp
# DATA holds fc.tsv (N x N), traces.tsv (t rE0..), psd.tsv (f psd), summary.tsv
# (wc-fc --summary) and pairs.tsv (x sim: empirical FC or SC against simulated FC, i < j),
# and label.txt: what x is ("empirical FC" or "structural connectivity").
w = 1500; h = 1150
load dir_gp."/wckit.gp"
field(name) = system(sprintf("awk -F'\t' '/^# / { sub(/^# /, \"\"); for (i = 1; i <= NF; i++) c[$i] = i; next } /^#/ { next } { print $c[\"%s\"] }' %s/summary.tsv", name, dir))
xname = system("cat ".dir."/label.txt")
r = real(field(xname eq "empirical FC" ? "fc_corr" : "sc_corr"))
set multiplot layout 2, 2 title sprintf("Brain network: %s nodes, k = 1, v = 2 m/s, OU noise σ = 0.01, 6 s (wc-run --conn | wc-fc, wc-psd)", field("n")) font font_title
# A: FC image, coloured by the largest off-diagonal |FC| (the diagonal, 1, saturates)
stats dir."/pairs.tsv" u 2 nooutput
m = (abs(STATS_min) > STATS_max ? abs(STATS_min) : STATS_max)
n = real(field("n"))
set title sprintf("functional connectivity (Pearson, t > 1 s); off-diagonal |FC| ≤ %.2f", m)
set xlabel "node j"
set ylabel "node i"
set size ratio -1
set xrange [-0.5:n - 0.5]
set yrange [-0.5:n - 0.5]
set palette defined (-1 "#2166ac", 0 "#f7f7f7", 1 "#b2182b")
set cbrange [-m:m]
set cblabel "correlation"
unset grid
plot dir."/fc.tsv" matrix w image notitle
set size noratio
set grid
set autoscale xy
# B: traces
set title "r_E of four nodes, the last second"
set xlabel "t (ms)"
set ylabel "activity"
set key top right horizontal
set offsets 0, 0, graph 0.25, 0
plot for [k = 2:5] dir."/traces.tsv" u 1:k w l lt k - 1 t sprintf("node %d", k - 2)
set offsets 0, 0, 0, 0
# C: spectra
set title "power spectral density, mean over the nodes (Welch, 0.8 s segments)"
set xlabel "f (Hz)"
set ylabel "PSD (1/Hz)"
set logscale y
set format y "10^{%L}"
set xrange [0:200]
plot dir."/psd.tsv" u 1:2 w l lt 1 t "r_E, mean of the nodes"
unset logscale y
set format y "%g"
set xrange [*:*]
# D: fit
set title sprintf("%s against simulated FC (node pairs i < j): r = %.3f", xname, r)
set xlabel xname
set ylabel "simulated FC"
set key off
plot dir."/pairs.tsv" u 1:2 w p pt 7 ps 0.4 lc rgb "#2471a3" notitle
unset multiplot
