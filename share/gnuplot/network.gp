# network.gp — the brain network: FC image, sample traces, spectra, and the fit of the
# simulated FC to the empirical one (or to the structural connectome without one).
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='network.png'" network.gp
# Also: skip_ms (FC and spectra leave out t < skip_ms) and nperseg (Welch segment, samples
# at 10 kHz).
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
set title sprintf("functional connectivity (Pearson, t > %g s); off-diagonal |FC| ≤ %.2f", skip_ms / 1000.0, m)
set xlabel "node j"
set ylabel "node i"
set size ratio -1
set xrange [-0.5:n - 0.5]
set yrange [n - 0.5:-0.5]   # row 0 at the top, as a matrix is printed
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
set key outside right top vertical
plot for [k = 2:5] dir."/traces.tsv" u 1:k w l lt k - 1 t sprintf("node %d", k - 2)
set key inside top right
# C: spectra
set title sprintf("power spectral density, mean over the nodes (Welch, %g s segments)", nperseg / 10000.0)
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
