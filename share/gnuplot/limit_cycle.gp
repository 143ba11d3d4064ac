# limit_cycle.gp — the spectrum of the 1972 limit cycle (preset wc72), its peak marked.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='limit_cycle.png'" limit_cycle.gp
# DATA holds trace.tsv (t rE rI), psd.tsv (f rE rI) and peak.tsv (wc-psd --peak).
w = 1400; h = 600
load dir_gp."/wckit.gp"
fpeak = real(system(sprintf("awk -F'\t' '$1 == \"rE\" { print $2 }' %s/peak.tsv", dir)))
ppeak = real(system(sprintf("awk -F'\t' '$1 == \"rE\" { print $3 }' %s/peak.tsv", dir)))
set multiplot layout 1, 2 title "Wilson and Cowan's 1972 limit cycle (wc-run -x wc72 | wc-psd)" font font_title
set title "the oscillation (last 100 ms)"
set xlabel "t (ms)"
set ylabel "activity"
stats dir."/trace.tsv" u 1 nooutput
set xrange [STATS_max - 100:STATS_max]
plot dir."/trace.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
set title sprintf("power spectral density (Welch): peak at %.2f Hz, and its harmonics", fpeak)
set xlabel "f (Hz)"
set ylabel "PSD (1/Hz)"
set logscale y
set format y "10^{%L}"
set xrange [0:600]
set yrange [1e-22:1]
set arrow from fpeak, graph 0 to fpeak, graph 1 nohead dt 2 lc rgb "#555555"
set label sprintf("%.2f Hz", fpeak) at fpeak, ppeak offset 1, 0 left
plot dir."/psd.tsv" u 1:3 w l lt 2 lw 4 t "r_I", "" u 1:2 w l lt 1 t "r_E"
unset multiplot
