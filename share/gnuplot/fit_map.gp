# fit_map.gp — the FC fit over (k, speed): wc-explore's grid, wc-fit's search drawn on it.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='fit_map.png'" fit_map.gp
# DATA holds grid.tsv (wc-explore: index k speed seed status samples fc_mean [fc_corr] sc_corr),
# path.tsv (wc-fit: index phase seed k speed objective [fc_corr] sc_corr failed; one row
# per evaluation, in order) and score.txt: the score fitted (fc_corr, or sc_corr without an
# empirical FC).
w = 1800; h = 720
load dir_gp."/wckit.gp"
score = system("cat ".dir."/score.txt")
# a column's number from a table's "# " line
col(file, name) = int(system(sprintf("awk -F'\t' '/^# / { sub(/^# /, \"\"); for (i = 1; i <= NF; i++) if ($i == \"%s\") print i; exit }' %s", name, file)))
G = dir."/grid.tsv"; P = dir."/path.tsv"
gs = col(G, score); gm = col(G, "fc_mean")
ps = col(P, score); po = col(P, "objective")
n = int(system(sprintf("grep -vc '^#' %s", P)))
# the best evaluation: the least objective (wc-fit's own choice, the first of the least)
stats P u po nooutput
omin = STATS_min
stats P u (column(po) == omin ? $1 : NaN) nooutput
ibest = int(STATS_min)
kbest = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == %d { print $4 }' %s", ibest, P)))
vbest = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == %d { print $5 }' %s", ibest, P)))
sbest = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == %d { print $%d }' %s", ibest, ps, P)))
stats G u gs nooutput
gmax = STATS_max
stats G u 2 nooutput
dk = (STATS_max - STATS_min) / 9; klo = STATS_min - dk / 2; khi = STATS_max + dk / 2
stats G u 3 nooutput
dv = (STATS_max - STATS_min) / 9; vlo = STATS_min - dv / 2; vhi = STATS_max + dv / 2
target = (score eq "fc_corr" ? "the empirical FC" : "the structural connectivity (no empirical FC)")
set multiplot title sprintf("Fitting the network's FC to %s over (k, speed): wc-explore's grid, wc-fit's search", target) font font_title
unset grid
set border 15
set tics out nomirror
set xlabel "global coupling k"
set ylabel "conduction speed (m/s)"
set xrange [klo:khi]; set yrange [vlo:vhi]
set tmargin at screen 0.85; set bmargin at screen 0.2
# A: the score over the grid, the fit's evaluations in order, its best
set lmargin at screen 0.05; set rmargin at screen 0.32
set title sprintf("%s on a 10 x 10 grid; wc-fit's %d evaluations\nbest: k = %.2f, v = %.1f m/s, %s = %.3f (evaluation %d)", \
                  score, n, kbest, vbest, score, sbest, ibest) noenhanced
set palette defined (0 "#fff7ec", 0.25 "#fdd49e", 0.5 "#fc8d59", 0.75 "#d7301f", 1 "#7f0000")
set cbrange [0:gmax]
set cblabel score noenhanced
set colorbox user origin screen 0.33, 0.2 size screen 0.01, 0.65
set key at screen 0.185, 0.02 center bottom horizontal maxrows 1 noopaque samplen 1.5 width -1 font font_panel
plot G u 2:3:gs w image notitle, \
     P u 4:($2 == 0 ? $5 : NaN) w lp lw 1 lc rgb "#1f3a93" pt 6 ps 1.1 * scale dt 3 t "global (CRS2)", \
     P u 4:($2 == 1 ? $5 : NaN) w lp lw 2 lc rgb "#000000" pt 7 ps 0.9 * scale t "local (BOBYQA)", \
     P u 4:($1 == 0 ? $5 : NaN) w p pt 4 ps 2.2 * scale lw 2 lc rgb "#1f3a93" t "start", \
     P u 4:($1 == ibest ? $5 : NaN) w p pt 3 ps 3.5 * scale lw 3 lc rgb "#000000" t "best"
# B: the mean FC over the grid: where the network leaves its rest state
set lmargin at screen 0.44; set rmargin at screen 0.68
set title "the mean FC over the grid (fc_mean): high where\nthe network left its rest state during the run" noenhanced
set palette defined (0 "#f7fbff", 0.3 "#9ecae1", 0.6 "#4292c6", 1 "#08306b")
set cbrange [0:1]
set cblabel "fc_mean" noenhanced
set colorbox user origin screen 0.69, 0.2 size screen 0.01, 0.65
unset key
plot G u 2:3:gm w image notitle, \
     P u 4:($1 == ibest ? $5 : NaN) w p pt 3 ps 3.5 * scale lw 3 lc rgb "#c0392b" notitle
# C: every evaluation's score, in order
set lmargin at screen 0.82; set rmargin at screen 0.985
set title sprintf("each evaluation's %s, in order\n(the grid's largest: %.3f)", score, gmax) noenhanced
set xlabel "evaluation"
set ylabel score noenhanced
set autoscale
set xrange [-1:n]
set yrange [*:gmax + 0.08]
set grid
set key at screen 0.9, 0.02 center bottom horizontal maxrows 1 noopaque samplen 1.5 width -1 font font_panel
plot gmax w l dt 2 lc rgb "#7f0000" t "grid's largest", \
     P u 1:($2 == 0 ? column(ps) : NaN) w p pt 6 ps 1.1 * scale lc rgb "#1f3a93" t "global", \
     P u 1:($2 == 1 ? column(ps) : NaN) w lp pt 7 ps 0.9 * scale lc rgb "#000000" t "local", \
     P u 1:($1 == ibest ? column(ps) : NaN) w p pt 3 ps 3 * scale lw 3 lc rgb "#000000" notitle
unset multiplot
