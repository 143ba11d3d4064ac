# transient.gp — input-driven transient responses of one node (the reference's 3 x 3
# panel): for a pulse, a step and a ramp on E, the input, the E/I response with the
# metrics wc-stats computed, and the phase portrait (start ▲, end □) on the phase plane of
# wc-nullcline: the nullclines and fixed points with no input, and at the input's level.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='transient.png'" transient.gp
# DATA holds KIND_input.tsv (t I), KIND.tsv (t rE rI), nc_KIND.tsv and fp_KIND.tsv
# (wc-nullcline's nullclines and fixed points at the input's level, read from their
# param.I_E line) for KIND in pulse step ramp, nc_none.tsv and fp_none.tsv (no input), and
# metrics.tsv.
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
    set title word(names, k) font font_panel
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
    level = system(sprintf("sed -n 's/^## param.I_E //p' %s/nc_%s.tsv", dir, kind))
    set title sprintf("phase plane: nullclines at I_E = 0 (solid), %s (dashed);\n● stable, ○ unstable fixed points at I_E = 0 (black), %s (orange)", level, level) font font_small
    stats dir."/".kind.".tsv" u 2 nooutput
    last = STATS_records - 1
    # the key in the empty corner under the E-nullcline's hump
    set key at first 0.3, first 0.335 top right font font_small spacing 0.9
    set xrange [-0.03:0.55]
    set yrange [-0.03:0.34]
    nc0 = dir."/nc_none.tsv"; ncx = dir."/nc_".kind.".tsv"
    fp0 = dir."/fp_none.tsv"; fpx = dir."/fp_".kind.".tsv"
    plot nc0 u 3:($1 == 0 ? $4 : NaN) w l lt 1 lw 1.5 t "dr_E/dt = 0", \
         ncx u 3:($1 == 0 ? $4 : NaN) w l lt 1 lw 1.5 dt 2 notitle, \
         nc0 u 3:($1 == 1 ? $4 : NaN) w l lt 2 lw 1.5 t "dr_I/dt = 0", \
         dir."/".kind.".tsv" u 2:3 w l lt 7 lw 2.5 t "trajectory", \
         fp0 u 2:($4 == 1 ? $3 : NaN) w p pt 7 ps 1.4 * scale lc rgb "#000000" notitle, \
         fp0 u 2:($4 == 0 ? $3 : NaN) w p pt 6 ps 1.4 * scale lw 2 lc rgb "#000000" notitle, \
         fpx u 2:($4 == 1 ? $3 : NaN) w p pt 7 ps 1.4 * scale lc rgb "#d35400" notitle, \
         fpx u 2:($4 == 0 ? $3 : NaN) w p pt 6 ps 1.4 * scale lw 2 lc rgb "#d35400" notitle, \
         dir."/".kind.".tsv" every ::0::0 u 2:3 w p pt 9 ps 2 * scale lc rgb "#229954" t "start", \
         "" every ::last::last u 2:3 w p pt 4 ps 2.4 * scale lw 2 lc rgb "#7d3c98" t "end"
    set autoscale xy
    set key default; set key noopaque samplen 2 spacing 1.1
}
unset multiplot
