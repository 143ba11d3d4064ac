# bold.gp — the brain network through BOLD: at two couplings, the FC of the BOLD signal and
# the FC of the neural activity (rE) next to the empirical FC, with their correlations.
# gnuplot -e "dir='DATA'; dir_gp='share/gnuplot'; out='bold.png'" bold.gp
# DATA holds fc_neural_kK.tsv and fc_bold_kK.tsv (N x N, wc-fc) for the two couplings K,
# summary.tsv (k signal n samples fc_mean [fc_corr] sc_corr, one row per coupling and
# signal), traces.tsv (t in s and the BOLD of four regions at the second coupling), x.tsv
# (the empirical FC, or the connectome without one), label.txt (what x.tsv is) and
# source.txt (the file x.tsv comes from).
w = 1800; h = 1150
load dir_gp."/wckit.gp"
# summary.tsv: column `name` of the row of coupling k and signal s
field(name, k, s) = system(sprintf("awk -F'\t' '/^# / { sub(/^# /, \"\"); for (i = 1; i <= NF; i++) c[$i] = i; next } /^#/ { next } $1 == \"%s\" && $2 == \"%s\" { print $c[\"%s\"] }' %s/summary.tsv", k, s, name, dir))
ks = system(sprintf("awk -F'\t' '!/^#/ && !seen[$1]++ { printf \"%%s \", $1 }' %s/summary.tsv", dir))
xname = system("cat ".dir."/label.txt")
rname = (xname eq "empirical FC" ? "fc_corr" : "sc_corr")
n = real(field("n", word(ks, 1), "neural"))
# the BOLD header: its TR, skip (wc-bold's, after wc-run's) and the run's length
hdr(key) = system(sprintf("sed -n 's/^## %s //p' %s/traces.tsv | tail -n 1", key, dir))
tr = real(hdr("tr"))
skip = real(hdr("skip"))
dur = real(hdr("duration")) / 1000
dt = real(hdr("duration")) / real(hdr("steps"))
# x.tsv's origin: the last two parts of its path (hcp80/FC.tsv.gz)
src = system(sprintf("awk -F/ '{ print (NF > 1 ? $(NF - 1) \"/\" : \"\") $NF }' %s/source.txt", dir))
set multiplot layout 2, 3 title sprintf("Brain network through BOLD: %d nodes, v = 2 m/s, OU σ = 0.01, %g s at dt = %g ms; Balloon–Windkessel BOLD at TR = %g s, FC over t = %g .. %g s (wc-run --conn | wc-bold | wc-fc)", n, dur, dt, tr, skip, dur) font font_title
set palette defined (-1 "#2166ac", 0 "#f7f7f7", 1 "#b2182b")
set cblabel "correlation"
set xlabel "node j"
set ylabel "node i"
set size ratio -1
unset grid
# an FC image coloured by its largest off-diagonal |FC| (the diagonal, 1, saturates);
# row 0 at the top, as a matrix is printed
m = 1
fcimage(f) = sprintf("set autoscale xy; stats '%s' matrix u ($1 == $2 ? 1/0 : abs($3)) nooutput; m = STATS_max; set cbrange [-m:m]; set xrange [-0.5:n - 0.5]; set yrange [n - 0.5:-0.5]", f)
do for [i = 1:2] {
    k = word(ks, i)
    do for [s in "neural bold"] {
        f = sprintf("%s/fc_%s_k%s.tsv", dir, s, k)
        eval fcimage(f)
        set title sprintf("%s FC, k = %s (%s samples)\n%s: r = %.3f; mean %.3f; |FC| ≤ %.2f", \
            s eq "bold" ? "BOLD" : "neural (r_E)", k, field("samples", k, s), xname, \
            real(field(rname, k, s)), real(field("fc_mean", k, s)), m) font font_panel enhanced
        plot f matrix w image notitle
    }
    if (i == 1) {
        eval fcimage(dir."/x.tsv")
        set title sprintf("%s (%s)\n|FC| ≤ %.2f off the diagonal", xname, src, m) noenhanced
        if (xname ne "empirical FC") {
            set title sprintf("%s (%s; no empirical FC given)\nlargest weight %.2f", xname, src, m) noenhanced
            set cblabel "weight"
        }
        plot dir."/x.tsv" matrix w image notitle
        set cblabel "correlation"
    }
}
# the BOLD signal itself, at the stronger coupling, its last 100 s
set size noratio
set grid
set autoscale xy
set xrange [dur - 100:dur]
set title sprintf("BOLD of regions 0 .. 3, k = %s, the last 100 s (a sample every %g s)", word(ks, 2), tr)
set xlabel "t (s)"
set ylabel "BOLD (10^{-6})"
set key outside right top vertical
plot for [c = 2:5] dir."/traces.tsv" u 1:(column(c) * 1e6) w lp lt c - 1 lw 1 pt int(word("7 5 9 11", c - 1)) ps 0.4 t sprintf("region %d", c - 2)
unset multiplot
