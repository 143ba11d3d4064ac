# transient.gp — input-driven transient responses of one node (the reference's 3 x 3
# panel): for a pulse, a step and a ramp on E, the input, the E/I response with the
# metrics wc-stats computed, and the phase portrait (start o, end ■).
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='transient.png'" transient.gp
# DATA holds KIND_input.tsv (t I), KIND.tsv (t rE rI) and metrics.tsv for KIND in
# pulse step ramp.
w = 1500; h = 1150
load dir_gp."/wckit.gp"
kinds = "pulse step ramp"
names = "'pulse: 2 for 100 < t < 110 ms' 'step: 1 for t > 200 ms' 'ramp: min(t/500 ms, 2) for t > 0'"
# one metric from metrics.tsv (columns: input population peak t_peak latency steady overshoot)
# overshoots of -1e-13 % print as 0, not -0.0
tidy(x) = abs(x) < 0.05 ? 0 : x
metric(kind, pop, col) = real(system(sprintf("awk -F'\t' '$1 == \"%s\" && $2 == \"%s\" { print $%d }' %s/metrics.tsv", kind, pop, col, dir)))
set multiplot layout 3, 3 title "Transient responses of one node to inputs on E (wc-run, metrics by wc-stats)" font font_title
do for [k = 1:3] {
    kind = word(kinds, k)
    set xlabel "t (ms)"
    set ylabel "input to E"
    set title word(names, k)
    set key top left
    plot dir."/".kind."_input.tsv" u 1:2 w l lt 3 t "I_E(t)"
    set ylabel "activity"
    set title sprintf("E: peak %.3f at %.1f ms, latency %.1f ms, steady %.3f, overshoot %.1f %%\nI: peak %.3f at %.1f ms, latency %.1f ms, steady %.3f, overshoot %.1f %%", \
        metric(kind, "rE", 3), metric(kind, "rE", 4), metric(kind, "rE", 5), metric(kind, "rE", 6), tidy(metric(kind, "rE", 7)), \
        metric(kind, "rI", 3), metric(kind, "rI", 4), metric(kind, "rI", 5), metric(kind, "rI", 6), tidy(metric(kind, "rI", 7))) font font_small
    set key bottom right
    plot dir."/".kind.".tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
    set xlabel "r_E"
    set ylabel "r_I"
    set title "phase portrait" font font_panel
    set key top left
    stats dir."/".kind.".tsv" u 2 nooutput
    last = STATS_records - 1
    plot dir."/".kind.".tsv" u 2:3 w l lt 7 t "trajectory", \
         "" every ::0::0 u 2:3 w p pt 7 ps 1.8 lc rgb "#229954" t "start", \
         "" every ::last::last u 2:3 w p pt 5 ps 1.8 lc rgb "#000000" t "end"
}
unset multiplot
