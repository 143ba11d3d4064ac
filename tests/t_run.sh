# t_run.sh — wc-run end to end: defaults, exactness against an independent
# re-computation, the reference's transient responses, presets, conventions, noise,
# reproducibility, parameter tables, recording options.
. "$(dirname "$0")/lib.sh"

# -- defaults ---------------------------------------------------------------------------
wc-run > def.tsv
check "runs with no arguments" test -s def.tsv
check "default columns t rE rI" grep -qx $'# t\trE\trI' def.tsv
check "first row is the initial state at t = 0" awk '!/^#/ { exit !($1 == 0 && $2 == 0 && $3 == 0) }' def.tsv
check "1001 rows for 100 ms at dt 0.1" test "$(grep -vc '^#' def.tsv)" -eq 1001
check "header records parameters, seed and dt" grep -q '^## param.wEE 12$' def.tsv
check "header records the command line" grep -q '^## cmd wc-run$' def.tsv
check "--help on stdout, exit 0" sh -c 'wc-run --help | grep -q "Usage: wc-run"'
check "-h is --help" sh -c 'wc-run -h | grep -q "Usage: wc-run"'
check "--version lists the libraries" sh -c 'wc-run --version | grep -q "^zlib 1" && wc-run --version | grep -q "^sleef 3" && wc-run --version | grep -q "^libwc .*simd"'

# -- exp-Euler equals a straightforward re-computation of wc-model(7), INTEGRATORS (pure Python) ------
wc-run --no-version -T 300 --stim 'E:pulse(100,110,2)' --stim 'I:sine(0.3,20)' -p r=0.8,tau_I=2 > ee.tsv
py "exp-Euler trajectory = independent re-computation to 1e-13" '
import math, sys
rows = [list(map(float, l.split("\t"))) for l in open(sys.argv[1]) if not l.startswith("#")]
tau_E, tau_I, a_E, a_I, th_E, th_I = 1.0, 2.0, 1.2, 1.0, 2.8, 4.0
wEE, wEI, wIE, wII, r, dt = 12.0, 4.0, 13.0, 11.0, 0.8, 0.1
def phi(z): return 1 + z/2 + z*z/6 if abs(z) <= 1e-8 else math.expm1(z)/z
rE = rI = 0.0; worst = 0.0
for n in range(len(rows) - 1):
    t = n / 10
    IE = 2.0 if 100 < t < 110 else 0.0
    II = 0.3 * math.sin(2 * math.pi * 20 * t / 1000)
    sE = 1/(1+math.exp(-a_E*(wEE*rE - wEI*rI + IE - th_E))); FE = sE - 1/(1+math.exp(a_E*th_E))
    sI = 1/(1+math.exp(-a_I*(wIE*rE - wII*rI + II - th_I))); FI = sI - 1/(1+math.exp(a_I*th_I))
    fE = (-rE + (1 - r*rE)*FE)/tau_E; fI = (-rI + (1 - r*rI)*FI)/tau_I
    JE = (-1 - r*FE + (1 - r*rE)*a_E*sE*(1-sE)*wEE)/tau_E
    JI = (-1 - r*FI - (1 - r*rI)*a_I*sI*(1-sI)*wII)/tau_I
    rE, rI = rE + dt*phi(dt*JE)*fE, rI + dt*phi(dt*JI)*fI
    worst = max(worst, abs(rE - rows[n+1][1]), abs(rI - rows[n+1][2]), abs(rows[n+1][0] - (n+1)/10))
assert worst <= 1e-13, worst
assert max(r[1] for r in rows) > 0.3
' ee.tsv

# -- the reference transient responses (wc-model(7), TRANSIENT METRICS), asserted with wc-stats -------------
wc-run -T 500 --stim 'E:pulse(100,110,2)' > pulse.tsv
wc-stats pulse.tsv > pulse.stats
wc-stats --tmax 100 pulse.tsv > pre.stats
check "pulse: at rest before the pulse" approx "$(field pre.stats rE max)" 0 1e-15
check "pulse: switches to the active state and stays (bistable)" approx "$(field pulse.stats rE steady)" 0.4625 0.001
check "pulse: latency just after the pulse onset" approx "$(field pulse.stats rE latency)" 100.3 0.25
wc-run -T 500 --stim 'E:step(200,1)' | wc-stats > step.stats
check "step of 1.0 at 200 ms: active at the end" awk -v s="$(field step.stats rE steady)" 'BEGIN { exit !(s > 0.4) }'
check "step: nothing happens before 200 ms" approx "$(field step.stats rE latency)" 200.3 0.5
wc-run -T 1000 --stim 'E:ramp(0,500,0,2)' | wc-stats > ramp.stats
check "ramp: active at the end" awk -v s="$(field ramp.stats rE steady)" 'BEGIN { exit !(s > 0.4) }'
wc-run -T 120 --stim 'E:pulse(100,110,2)' --every 1 | awk '!/^#/ && $1 >= 99.9 && $1 <= 100.3 { print $1, $2 }' > edge.txt
check "pulse edge: t=100 and t=100.1 rows unaffected, t=100.2 moved (input at t_n, strict t0 < t)" \
    awk 'NR==1 && $2!=0 {exit 1} NR==2 && $2!=0 {exit 1} NR==3 && $1==100.1 && $2!=0 {exit 1} NR==4 && $2==0 {exit 1}' edge.txt

# -- presets -----------------------------------------------------------------------------
wc-run -x wc72 -T 400 --skip 100 --vars rE | wc-stats > wc72.stats
check "wc72 oscillates (sd of rE > 0.05)" awk -v s="$(field wc72.stats rE sd)" 'BEGIN { exit !(s > 0.05) }'
wc-run -x wc72 -T 300 --skip 100 --vars rE | grep -v '^#' > wc72.tsv
py "wc72 limit cycle near 115 Hz" '
import sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if not l.startswith("#")]
m = sum(r[1] for r in rows) / len(rows)
ups = [rows[i][0] for i in range(1, len(rows)) if rows[i-1][1] < m <= rows[i][1]]
f = 1000 * (len(ups) - 1) / (ups[-1] - ups[0])
assert 100 < f < 130, f
' wc72.tsv
for x in tutorial1 tutorial2; do
    wc-run -x $x -T 200 | wc-stats > $x.stats
    check "$x starts at rE = rI = 1" approx "$(field $x.stats rE max)" 1 1e-12
    check "$x decays to rest" awk -v s="$(field $x.stats rE steady)" 'BEGIN { exit !(s < 1e-3) }'
done
check "--list-presets names them" sh -c 'wc-run --list-presets | grep -q "^wc72 "'

# -- the brainmass naming convention -----------------------------------------------------
wc-run --no-version -T 50 -p rE0=1,rI0=1 --convention brainmass -p wEE=10,wEI=12,wIE=8,wII=3 > bm.tsv
wc-run --no-version -T 50 -p rE0=1,rI0=1 -p wEE=10,wEI=8,wIE=12,wII=3 > wc.tsv
check "brainmass wEI/wIE read swapped" sh -c "grep -v '^## cmd' bm.tsv | cmp -s - wc.tsv"
check "header keeps our naming" grep -q '^## param.wIE 12$' bm.tsv

# -- noise and reproducibility -----------------------------------------------------------
wc-run --no-version -n 16 -T 200 --noise-E 0.01 --noise-I 0.01 -s 42 -t 1 -Ou > a1.wcb
wc-run --no-version -n 16 -T 200 --noise-E 0.01 --noise-I 0.01 -s 42 -t 2 -Ou > a2.wcb
wc-run --no-version -n 16 -T 200 --noise-E 0.01 --noise-I 0.01 -s 42 -t 1 -Ou > a3.wcb
wc-run --no-version -n 16 -T 200 --noise-E 0.01 --noise-I 0.01 -s 43 -t 1 -Ou > b.wcb
same "same seed, same bytes" a1.wcb a3.wcb
same "1 and 2 threads give the same bytes" a1.wcb a2.wcb
check "different seeds differ" sh -c '! cmp -s a1.wcb b.wcb'
wc-run --no-version -n 1000 -T 20 --noise-E 0.01 -s 7 -t 1 -Ou > c1.wcb
wc-run --no-version -n 1000 -T 20 --noise-E 0.01 -s 7 -t 2 -Ou > c2.wcb
same "1000 nodes: 1 and 2 threads identical" c1.wcb c2.wcb
wc-run --no-version -n 4 -T 50 --noise-E 0.01 -s 1 --vars rE -Ot > n4.tsv
check "noisy nodes differ from each other" awk '!/^#/ && $2 != $3 { d = 1 } END { exit !d }' n4.tsv
WC_SIMD=sse2 wc-run --no-version -x wc72 -T 100 > sse2.tsv
wc-run --no-version -x wc72 -T 100 > avx.tsv
py "SSE2 and AVX2 kernels agree to 1e-13" '
import sys
a = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
b = [l.split() for l in open(sys.argv[2]) if not l.startswith("#")]
assert len(a) == len(b)
assert max(abs(float(x) - float(y)) for r, s in zip(a, b) for x, y in zip(r, s)) <= 1e-13
' sse2.tsv avx.tsv

# -- parameter tables --------------------------------------------------------------------
printf 'rE0\tI_E\n0\t0\n0.5\t0\n0.1\t1.5\n' > tab.tsv
wc-run --no-version --params tab.tsv -T 30 --vars rE > tab.out
check "--params: one column per row" grep -qx $'# t\trE0\trE1\trE2' tab.out
wc-run --no-version -p rE0=0.1,I_E=1.5 -T 30 --vars rE > single.out
check "--params row 3 equals a single-node run" bash -c "diff <(awk '!/^#/ {print \$1, \$4}' tab.out) <(awk '!/^#/ {print \$1, \$2}' single.out)"
seq 0 0.25 1 | awk 'BEGIN { print "rE0" } { print }' | wc-run --params - -T 10 --every 100 --no-version > seq.out
check "--params from a pipe (seq | awk)" grep -qx $'# t\trE0\trE1\trE2\trE3\trE4\trI0\trI1\trI2\trI3\trI4' seq.out
check "--params columns omitted from param.* keys" sh -c '! grep -q "^## param.rE0" seq.out'

# -- recording options -------------------------------------------------------------------
check "--every 10: 101 rows" test "$(wc-run --every 10 | grep -vc '^#')" -eq 101
check "--skip 50: first row at t = 50" sh -c "wc-run --skip 50 | awk '!/^#/ { print \$1; exit }' | grep -qx 50"
check "--skip 50 --every 7: rows on the global 7-step grid" sh -c "wc-run --skip 50 --every 7 | awk '!/^#/ { print \$1; exit }' | grep -qx 50.4"
check "--vars rI" grep -qx $'# t\trI' <(wc-run --vars rI)
check "nrows matches the rows written" sh -c 'wc-run --skip 33.3 --every 3 -T 77 > r.tsv; n=$(grep "^## nrows" r.tsv | cut -d" " -f3); test "$(grep -vc "^#" r.tsv)" -eq "$n"'

# -- stimulus from a file ----------------------------------------------------------------
awk 'BEGIN { print "# t\tdrive"; for (i = 0; i <= 3000; i++) { t = i / 10; print t "\t" ((t > 100 && t < 110) ? 2 : 0) } }' > drive.tsv
wc-run --no-version -T 300 --stim 'E:file(drive.tsv,drive)' | grep -v '^## stim' > f1.tsv
wc-run --no-version -T 300 --stim 'E:pulse(100,110,2)' | grep -v '^## stim' > f2.tsv
same "E:file() drive equals the same pulse" f1.tsv f2.tsv
wc-run --no-version -n 3 -T 50 --stim 'E[1]:const(1.5)' --vars rE > sub.tsv
check "node subset: only node 1 driven" awk '!/^#/ { last = $0 } END { split(last, f, "\t"); exit !(f[2] == 0 && f[3] > 0.1 && f[4] == 0) }' sub.tsv

# -- progress on a terminal --------------------------------------------------------------
# (a run of a few seconds; under valgrind, 50 times slower, a shorter one lasts as long)
long_T=6e5
[ -n "${WC_UNDER_VALGRIND:-}" ] && long_T=2e4
script -qec "wc-run -n 64 -T $long_T --every 100000 -Ou -o /dev/null" /dev/null > tty.out 2>&1
check "progress shown on a terminal for a long run" grep -q 'wc-run: .*%  [0-9]* of [0-9]* steps, .*/s, .* s left' tty.out
wc-run -n 64 -T $long_T --every 100000 -Ou -o /dev/null 2> notty.err
check "no progress when stderr is not a terminal" test ! -s notty.err

# -- runs that blow up stop at once (|r| > 1e6 or not finite) ------------------------------
blowup() {  # NAME MESSAGE ARGS...: exit 1, one line naming the step, suggesting --dt/--method, no file left
    local name=$1 msg=$2; shift 2
    wc-run "$@" -o blown.tsv 2> blown.err
    local rc=$?
    if [ $rc -eq 1 ] && [ "$(wc -l < blown.err)" -eq 1 ] && grep -qF "wc-run: the run blew up: $msg" blown.err \
        && grep -q 'try a smaller --dt .* or another --method' blown.err && [ ! -e blown.tsv ]; then ok "$name"
    else notok "$name" "exit $rc: $(head -c 300 blown.err)"; fi
}
blowup "rk4 at dt 5 on wc72: stops at step 4" "rE reached -1.52293e+06 at step 4 (t = 20 ms), beyond the bound |r| <= 1e6" \
    -x wc72 --method rk4 --dt 5 -p rE0=0.5,rI0=0.1 -T 1000
blowup "euler at dt 3: stops at step 13 on rI" "rI reached 2.63772e+06 at step 13 (t = 39 ms)" \
    --method euler --dt 3 -p rE0=0.9,wEE=50 -T 300
blowup "wEE=1e308: NaN at the first step" "rE became nan at step 1 (t = 0.1 ms)" -p wEE=1e308 -T 0.3
check "no NaN row reaches stdout" sh -c '! wc-run -p wEE=1e308 -T 0.3 2>/dev/null | grep -qi nan'
check "the last good rows stay within the bound (rk4 at dt 5, -T 15)" \
    sh -c 'wc-run -x wc72 --method rk4 --dt 5 -p rE0=0.5,rI0=0.1 -T 15 | awk "!/^#/ { for (i = 2; i <= NF; i++) if (\$i > 1e6 || \$i < -1e6) exit 1 }"'
# node 1234 of 1600 is kicked into the unstable regime at 600 ms: the blow-up is found in
# a later block (128 steps here), at the same step on 1 and 2 threads and with --every 7
big=(-n 1600 --method euler --dt 3 -p wEE=50 --stim 'E[1234]:pulse(600,700,5)')
blowup "-n 1600: names the node and the exact step in a later block" "rE of node 1234 reached 1.3141e+06 at step 214 (t = 642 ms)" "${big[@]}" -T 1500 -t 1
blowup "... the same on 2 threads" "rE of node 1234 reached 1.3141e+06 at step 214 (t = 642 ms)" "${big[@]}" -T 1500 -t 2
blowup "... and with --every 7" "rE of node 1234 reached 1.3141e+06 at step 214 (t = 642 ms)" "${big[@]}" -T 1500 --every 7
wc-run "${big[@]}" -T 639 -Ou | wc-view --no-header -c rE1234 | tail -1 > step213.txt
check "... and step 213 is still within the bound" awk '{ exit !($1 < 1e6 && $1 > -1e6) }' step213.txt
printf '0 1 0\n1 0 1\n0 1 0\n' > C3.tsv
printf 'wEE\n12\n1e308\n12\n' > wee3.tsv
blowup "a network names the node" "rE of node 1 became inf at step 1 (t = 0.1 ms)" --conn C3.tsv --params wee3.tsv -T 1
fails "an initial state beyond the bound is a usage error" 2 "wc-run: rE0 must be within +-1e6 (got 2e+06)" wc-run -p rE0=2e6
printf 'rI0\n0\n-1e7\n' > far0.tsv
fails "... and a data error in a --params table" 1 "wc-run: far0.tsv: row 2: rI0 must be within +-1e6" wc-run --params far0.tsv

# -- the parameter table -----------------------------------------------------------------
wc-run --list-params > params.tsv
check "--list-params: TSV with a header line of column names" sh -c 'head -1 params.tsv | grep -qx "$(printf "name\tdefault\tunit\trange\tmeaning")"'
check "--list-params: every parameter, 5 fields each" awk -F'\t' 'NF != 5 { exit 1 } END { exit !(NR == 21) }' params.tsv
check "--list-params: tau_E is 1 ms, > 0" grep -qx $'tau_E\t1\tms\t> 0\ttime constant of E' params.tsv
check "--list-params: wEE 12, dimensionless, >= 0" grep -q $'^wEE\t12\t1\t>= 0\t' params.tsv
check "--list-params: the defaults are those a run records" sh -c \
    'wc-run -T 0 | sed -n "s/^## param\.\([^ ]*\) \(.*\)/\1\t\2/p" > rec.txt; cut -f 1,2 params.tsv | tail -n +2 | diff - rec.txt'
check "units of parameters in the header (unit.tau_E ms, unit.noise_tau ms)" \
    sh -c 'wc-run -T 0 > u.tsv && grep -qx "## unit.tau_E ms" u.tsv && grep -qx "## unit.noise_tau ms" u.tsv && grep -qx "## unit.t ms" u.tsv && ! grep -q "^## unit.wEE" u.tsv'
check "a parameter's unit goes with its param line through wc-stats" sh -c 'wc-run -T 20 | wc-stats | grep -qx "## unit.tau_I ms"'
