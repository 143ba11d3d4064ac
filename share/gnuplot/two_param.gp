# two_param.gp — the two-parameter diagram of one node in (I_E, wEE): wc-cont's fold and Hopf
# curves with their cusp, Bogdanov-Takens and Bautin points, over wc-sweep's regime maps.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='two_param.png'" two_param.gp
# DATA holds curves.tsv (wc-cont --what curves), special.tsv (wc-cont --what special) and
# three wc-sweep --what regimes maps: map.tsv (the whole plane), zoom.tsv (around the Hopf
# curve), map_expeuler.tsv (the whole plane with the exponential Euler).
w = 1800; h = 760
load dir_gp."/wckit.gp"
# the preset's own point (share/presets/subcritical.params), the regimes' names from the
# maps' header lines
preset_I = 0.71; preset_w = 23.5
regime(i) = system(sprintf("sed -n 's/^## regime.%d //p' %s/map.tsv", i, dir))
# regimes: 0 fixed .. 7 other (wc-sweep(1)), one colour each
array rc[8] = ["#ffffff", "#f5b041", "#d35400", "#5dade2", "#a569bd", "#6c3483", "#1a5276", "#9a9a9a"]
set palette maxcolors 8
set palette defined (0 rc[1], 1 rc[2], 2 rc[3], 3 rc[4], 4 rc[5], 5 rc[6], 6 rc[7], 7 rc[8])
set cbrange [-0.5:7.5]
unset colorbox
unset grid
set border 15
set tics out nomirror
set xlabel "I_E"
set ylabel "w_{EE}"
cfold = "#000000"; chopf = "#c0392b"; csad = "#566573"
# the curves: folds, Hopf (supercritical l1 < 0 solid, subcritical l1 > 0 dashed), neutral
# saddles (a Hopf curve past a Bogdanov-Takens point, omega = 0); codimension-two points
C = dir."/curves.tsv"; S = dir."/special.tsv"
curves = "C u 3:($2 == 0 ? $4 : NaN) w l lw 2 lc rgb cfold notitle, " . \
         "C u 3:($2 == 1 && $7 > 0 && $8 < 0 ? $4 : NaN) w l lw 3 lc rgb chopf notitle, " . \
         "C u 3:($2 == 1 && $7 > 0 && $8 > 0 ? $4 : NaN) w l lw 3 dt (6, 3) lc rgb chopf notitle, " . \
         "C u 3:($2 == 1 && $7 == 0 ? $4 : NaN) w l lw 1 dt 3 lc rgb csad notitle, " . \
         "S u 5:(strcol(1) eq 'cusp' ? $6 : NaN) w p pt 5 ps 1.6 * scale lc rgb '#000000' notitle, " . \
         "S u 5:(strcol(1) eq 'bogdanov-takens' ? $6 : NaN) w p pt 9 ps 2 * scale lc rgb '#1e8449' notitle, " . \
         "S u 5:(strcol(1) eq 'bautin' ? $6 : NaN) w p pt 7 ps 1.8 * scale lc rgb '#1f3a93' notitle, " . \
         "'+' u (preset_I):(preset_w) every ::0::0 w p pt 2 ps 2 * scale lw 2 lc rgb '#000000' notitle"
top = 0.88; bot = 0.24
set multiplot title "Two parameters (preset subcritical): wc-cont's bifurcation curves over wc-sweep's regimes (40 starts per point)" font font_title
set tmargin at screen top; set bmargin at screen bot
# A: the whole plane, rk4
set lmargin at screen 0.05; set rmargin at screen 0.34
set title "the whole plane (wc-sweep --method rk4, dt 0.1)"
set xrange [-2:4.5]; set yrange [13:30]
set object 1 rect from 0.35, 17 to 1.25, 25 front fs empty border lc rgb "#1f3a93" lw 1.5 dt 2
plot dir."/map.tsv" u 2:3:4 w image notitle, @curves, \
     S u 5:(strcol(1) eq "cusp" ? $6 : NaN):("cusp") w labels offset 0, -1.2 font font_small notitle
unset object 1
# B: the corner of the Hopf curve, rk4
set lmargin at screen 0.385; set rmargin at screen 0.675
set title "around the Hopf curve (the dashed box in A)"
set xrange [0.35:1.25]; set yrange [17:25]
plot dir."/zoom.tsv" u 2:3:4 w image notitle, @curves, \
     S u 5:(strcol(1) eq "bogdanov-takens" ? $6 : NaN):("BT") w labels offset 0, -1.3 font font_small notitle, \
     S u 5:(strcol(1) eq "bautin" ? $6 : NaN):("Bautin") w labels right offset -1.5, 0 font font_small notitle
# C: the whole plane, the exponential Euler at dt 0.1 (wc-sweep's default)
set lmargin at screen 0.72; set rmargin at screen 0.99
set title "the exponential Euler at dt 0.1 (wc-sweep's default):\ncycles where rk4 and wc-cont find a stable focus"
set xrange [-2:4.5]; set yrange [13:30]
plot dir."/map_expeuler.tsv" u 2:3:4 w image notitle, @curves
# the key: regimes (colours) and curves, in two rows under the panels
unset title; unset border; unset tics; unset xlabel; unset ylabel
set lmargin at screen 0.02; set rmargin at screen 0.98; set tmargin at screen 0.16; set bmargin at screen 0.01
set xrange [0:1]; set yrange [0:1]
set key at screen 0.5, 0.15 center top horizontal maxcols 9 maxrows 2 reverse Left width 0 samplen 2.5 font font_panel
plot for [i = 0:7] NaN w boxes fs solid 1 border lc rgb "#777777" lc rgb rc[i + 1] t regime(i), \
     NaN w l lw 2 lc rgb cfold t "fold (LP)", NaN w l lw 3 lc rgb chopf t "Hopf, supercritical", \
     NaN w l lw 3 dt (6, 3) lc rgb chopf t "Hopf, subcritical", NaN w l lw 1 dt 3 lc rgb csad t "neutral saddles", \
     NaN w p pt 5 ps 1.6 * scale lc rgb "#000000" t "cusp", NaN w p pt 9 ps 2 * scale lc rgb "#1e8449" t "Bogdanov-Takens", \
     NaN w p pt 7 ps 1.8 * scale lc rgb "#1f3a93" t "Bautin", NaN w p pt 2 ps 2 * scale lw 2 lc rgb "#000000" t "preset (0.71, 23.5)"
unset multiplot
