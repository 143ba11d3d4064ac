# single_node.gp — one Wilson–Cowan node: OU-driven activity, and the tutorial's two
# parameter sets next to the 1972 limit cycle.
# gnuplot -e "dir='DATA'; out='single_node.png'" single_node.gp
# DATA holds noise.tsv, tutorial1.tsv, tutorial2.tsv, wc72.tsv (t rE rI, wc-run TSV).
w = 1400; h = 900
load dir_gp."/wckit.gp"
set multiplot title "One Wilson–Cowan node (wc-run)" font font_title
set xlabel "t (ms)"
set ylabel "activity"
set origin 0, 0.5; set size 1, 0.45
set title "Default parameters with OU noise on E and I (σ = 0.01, τ = 10 ms): fluctuations about the rest state"
plot dir."/noise.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
set size 0.333, 0.45
set origin 0, 0
set xrange [0:20]
set yrange [-0.05:1.05]
set title "tutorial set 1, from r_E = r_I = 1:\ndecays to rest"
plot dir."/tutorial1.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
set origin 0.333, 0
set title "tutorial set 2, from r_E = r_I = 1:\ndecays to rest"
unset ylabel
plot dir."/tutorial2.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
set origin 0.666, 0
set title "Wilson and Cowan 1972 (preset wc72):\na limit cycle, about 115 Hz"
set xrange [0:100]
set yrange [0:0.45]
plot dir."/wc72.tsv" u 1:2 w l lt 1 t "r_E", "" u 1:3 w l lt 2 t "r_I"
unset multiplot
