# wckit.gp — the house style of wckit's figures; every pipeline script loads it.
# Call with the output file in `out`: gnuplot -e "out='fig.png'" script.gp
# Size: set `w` and `h` (pixels) before loading to change the default 1200 x 800.
# `scale` (e.g. 0.6, for the README's gallery) shrinks the picture and its fonts.
if (!exists("w")) w = 1200
if (!exists("h")) h = 800
if (!exists("scale")) scale = 1
set terminal pngcairo size w * scale, h * scale font sprintf("DejaVu Sans,%g", 12 * scale) enhanced linewidth 1.5 * scale
set output out
# fonts for multiplot titles and small print, scaled with the picture
font_title = sprintf(",%g", 14 * scale)
font_panel = sprintf(",%g", 12 * scale)
font_small = sprintf(",%g", 10 * scale)
set border 3 lw 1
set tics nomirror out
set grid lc rgb "#dddddd" lw 1
set key top right noopaque samplen 2 spacing 1.1
# colours: E red, I blue, then a qualitative set for many traces
cE = "#c0392b"
cI = "#2471a3"
set linetype 1 lc rgb cE lw 2
set linetype 2 lc rgb cI lw 2
set linetype 3 lc rgb "#229954" lw 2
set linetype 4 lc rgb "#b9770e" lw 2
set linetype 5 lc rgb "#7d3c98" lw 2
set linetype 6 lc rgb "#17a589" lw 2
set linetype 7 lc rgb "#5d6d7e" lw 2
set linetype 8 lc rgb "#d35400" lw 2
