# bifurcation.gp — the bifurcation diagram of one node over I_E (default parameters): the
# reference's (min and max of rE over a run from rest, transient included) next to the
# attractors (settled, from several starts), the hysteresis walks and the equilibrium
# branches of wc-cont, stable solid and unstable dashed, with their folds (LP) and Hopf points.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='bifurcation.png'" bifurcation.gp
# DATA holds raw.tsv (wc-sweep --raw), settled.tsv (wc-sweep), hysteresis.tsv
# (wc-sweep --continue-state both), branch.tsv and special.tsv (wc-cont).
w = 1900; h = 650
load dir_gp."/wckit.gp"
# how many special points of a type wc-cont found
count(type) = int(system(sprintf("grep -c '^%s\t' %s/special.tsv", type, dir)))
nfold = count("fold")
nhopf = count("hopf")
cgrey = "#b0b0b0"
cpts = "#229954"
ncyc = int(system(sprintf("awk -F'\t' '!/^#/ && $4 == 1' %s/settled.tsv | wc -l", dir)))
set multiplot layout 1, 3 title "Bifurcation diagram over I_E, default parameters (Wilson and Cowan 1972)" font font_title
set xlabel "I_E"
set ylabel "r_E"
set xrange [-1:5.5]
set yrange [-0.05:0.55]
set xtics 1
# the folds and Hopf points of wc-cont, marked and labelled (LP, H); cycles drawn if any
specials = dir."/special.tsv"
set title "the reference's diagram: each I_E once from rest,\nmin and max of r_E over 1 s, transient included (wc-sweep --raw)" font font_panel
set key at graph 1, graph 0.62 right
set label 1 "the min: r_E after the first step (0.1 ms) from rest,\non no branch: the transient, not an attractor" at 5.4, 0.16 right font font_small tc rgb cI
plot dir."/branch.tsv" u 2:($5 > 0 ? $3 : NaN) w l lc rgb cgrey lw 6 t "stable equilibria (wc-cont)", \
     dir."/raw.tsv" u 2:7 w p pt 7 ps 0.9 lc rgb cE t "max over the run", \
     "" u 2:6 w p pt 6 ps 0.9 lc rgb cI t "min over the run"
unset label 1
set title sprintf("the attractors: 6 starts per I_E, transient discarded (wc-sweep);\nequilibria (wc-cont): %d folds (LP), %s", \
    nfold, nhopf == 0 ? "no Hopf point" : sprintf("%d Hopf points (H)", nhopf)) font font_panel
set key at graph 1, graph 0.03 right bottom
plot dir."/branch.tsv" u 2:($5 > 0 ? $3 : NaN) w l lc rgb cgrey lw 6 t "stable equilibria (wc-cont)", \
     "" u 2:($5 > 0 ? NaN : $3) w l dt 2 lc rgb "#000000" lw 1.5 t "unstable (saddles)", \
     dir."/settled.tsv" u 2:($4 == 0 ? $8 : NaN) w p pt 7 ps 0.5 lc rgb "#000000" t "fixed points (wc-sweep)", \
     "" u 2:($4 == 1 ? $6 : NaN) w p pt 7 ps 0.5 lc rgb cpts t (ncyc > 0 ? "cycles (min, max)" : ""), \
     "" u 2:($4 == 1 ? $7 : NaN) w p pt 7 ps 0.5 lc rgb cpts notitle, \
     specials u 5:(strcol(1) eq "fold" ? $6 : NaN) w p pt 13 ps 1.8 lc rgb "#000000" notitle, \
     "" u 5:(strcol(1) eq "fold" ? $6 : NaN):(sprintf("LP %.3f", $5)) w labels left offset 1, 0 font font_small notitle, \
     "" u 5:(strcol(1) eq "hopf" ? $6 : NaN) w p pt 5 ps 1.5 lc rgb "#7d3c98" notitle, \
     "" u 5:(strcol(1) eq "hopf" ? $6 : NaN):(sprintf("H %.3f", $5)) w labels left offset 1, 0 font font_small notitle
set title "hysteresis: I_E walked up from rest, then back down, each point\nstarting where the last one ended (wc-sweep --continue-state both)" font font_panel
set xrange [-1:1]
set xtics 0.25
set key at graph 0.02, graph 0.97 left top Left reverse
plot dir."/branch.tsv" u 2:($5 > 0 ? $3 : NaN) w l lc rgb cgrey lw 6 t "stable equilibria", \
     "" u 2:($5 > 0 ? NaN : $3) w l dt 2 lc rgb "#000000" lw 1.5 t "unstable", \
     dir."/hysteresis.tsv" u 2:($3 == 0 ? $9 : NaN) w lp lt 1 lw 1.5 pt 8 ps 1.1 t "walk up", \
     "" u 2:($3 == 1 ? $9 : NaN) w lp lt 2 lw 1.5 pt 10 ps 1.1 t "walk down", \
     specials u 5:(strcol(1) eq "fold" ? $6 : NaN) w p pt 13 ps 1.8 lc rgb "#000000" notitle, \
     "" u 5:(strcol(1) eq "fold" ? $6 : NaN):(sprintf("LP %.3f", $5)) w labels left offset 1, 0 font font_small notitle
unset multiplot
