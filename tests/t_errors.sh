# t_errors.sh — bad input: each case pins the exit code (2 usage, 1 data/runtime) and
# the first line of the message; no output file is left behind.
. "$(dirname "$0")/lib.sh"

fails "unknown option" 2 "wc-run: unrecognized option '--frobnicate'" wc-run --frobnicate
check "unknown option: two lines, the second the --help hint" sh -c "wc-run --frobnicate 2> two.err; test \"\$(wc -l < two.err)\" -eq 2 && sed -n 2p two.err | grep -q \"Try 'wc-run --help'\""
fails "unknown short option, named as wc-run" 2 "wc-run: invalid option -- 'j'" wc-run -j
fails "missing option argument" 2 "wc-run: option '--dt' requires an argument" wc-run --dt
fails "-o with an empty name" 2 "wc-run: -o: empty file name" wc-run -o ''
fails "a duration of more than 2^53 steps" 2 "wc-run: --duration 1e+20 at --dt 0.1 is more than 2^53 steps" wc-run -T 1e20
fails "a tiny dt" 2 "is more than 2^53 steps" wc-run --dt 1e-320 -T 1
fails "--dt abc" 2 "wc-run: --dt: not a number: 'abc'" wc-run --dt abc
fails "--dt -1" 2 "wc-run: --dt must be > 0" wc-run --dt -1
fails "--dt 0" 2 "wc-run: --dt must be > 0" wc-run --dt 0
fails "-T nan" 2 "wc-run: --duration:" wc-run -T nan
fails "-n 0" 2 "wc-run: --nodes must be between 1" wc-run -n 0
fails "-n 2x" 2 "wc-run: --nodes:" wc-run -n 2x
fails "unknown parameter name" 2 "wc-run: unknown parameter 'wXY'" wc-run -p wXY=1
fails "parameter out of range" 2 "wc-run: tau_I must be > 0" wc-run -p tau_I=0
fails "malformed stimulus" 2 "wc-run: --stim: expected pulse(...)" wc-run --stim 'E:pulse(1,2,3'
fails "unknown stimulus" 2 "wc-run: --stim: unknown stimulus 'pulsar'" wc-run --stim 'E:pulsar(1,2,3)'
fails "stimulus arity" 2 "wc-run: --stim: pulse() takes 3 arguments, got 2" wc-run --stim 'E:pulse(1,2)'
fails "sine arity" 2 "wc-run: --stim: sine() takes 2 or 3 arguments, got 1" wc-run --stim 'I:sine(1)'
fails "stimulus population" 2 "wc-run: --stim: stimulus 'X:const(1)' must start with E or I" wc-run --stim 'X:const(1)'
fails "stimulus node out of range" 2 "wc-run: --stim: stimulus 'E[5]:const(1)' names node 5" wc-run -n 2 --stim 'E[5]:const(1)'
fails "stimulus file missing" 1 "wc-run: stimulus file 'nosuch.tsv': cannot open: No such file" wc-run --stim 'E:file(nosuch.tsv)'
fails "pulse with T1 < T0" 2 "wc-run: --stim: pulse needs T1 > T0 in 'E:pulse(110,100,2)'" wc-run --stim 'E:pulse(110,100,2)'
printf '# t\ta\n0\t1\n5\tnan\n' > nanstim.tsv
fails "NaN in a stimulus file" 1 "wc-run: stimulus file 'nanstim.tsv': row 2: value nan is not finite" wc-run --stim 'E:file(nanstim.tsv,a)'
printf '# t\ta\n0\t1\n5\tinf\n' > infstim.tsv
fails "inf in a stimulus file" 1 "wc-run: stimulus file 'infstim.tsv': row 2: value inf is not finite" wc-run --stim 'E:file(infstim.tsv,a)'
fails "unknown preset" 2 "wc-run: -x: unknown preset 'nosuch'" wc-run -x nosuch
fails "unknown method" 2 "wc-run: --method: unknown method 'rk5'" wc-run --method rk5
fails "unknown convention" 2 "wc-run: --convention:" wc-run --convention xyz
fails "bad -O" 2 "wc-run: -O: unknown output type 'q'" wc-run -Oq
fails "missing params table" 1 "wc-run: nosuch.tsv: cannot open" wc-run --params nosuch.tsv
printf 'wEE\tfoo\n1\t2\n' > badcol.tsv
fails "params table with an unknown column" 1 "wc-run: badcol.tsv: column 'foo' is not a parameter" wc-run --params badcol.tsv
printf 'tau_E\n1\n-2\n' > badval.tsv
fails "params table with a bad value" 1 "wc-run: badval.tsv: row 2: tau_E must be > 0" wc-run --params badval.tsv
printf 'wEE\n1\nabc\n' > badnum.tsv
fails "params table with a non-number" 1 "wc-run: badnum.tsv: line 3" wc-run --params badnum.tsv
fails "--nodes and --params together" 2 "wc-run: use either --nodes or --params" wc-run -n 2 --params badnum.tsv
fails "missing parameter file" 1 "wc-run: cannot open 'nosuch.params'" wc-run --param-file nosuch.params

# write errors and pipes
fails "writing to /dev/full" 1 "wc-run: /dev/full: write error" wc-run -T 10 -o /dev/full
fails "stdout on /dev/full" 1 "wc-run: stdout: write error" sh -c 'wc-run -T 10 > /dev/full'
fails "wc-view to /dev/full" 1 "wc-view: stdout: write error" sh -c 'wc-run -T 10 | wc-view > /dev/full'
start=$(date +%s%N)
wc-run -T 1e6 2>head.err | head -1 > head.out
end=$(date +%s%N)
check "wc-run -T 1e6 | head -1 ends quietly" sh -c 'test ! -s head.err && grep -qx "## wc-stream 1 tsv" head.out'
check "... and fast (< 5 s on a loaded machine; about 10 ms here)" test $(( (end - start) / 1000000 )) -lt 5000
check "| head ends quietly even when SIGPIPE was ignored" bash -c "trap '' PIPE; wc-run -T 1e6 2> ign.err | head -1 > /dev/null; test ! -s ign.err"
fails "cannot create output" 1 "wc-run: nodir/x.tsv:" wc-run -o nodir/x.tsv
mkdir out && wc-run -T 10 --stim 'E:file(badnum.tsv)' -o out/x.tsv 2>/dev/null
check "no half-written file after a failure" sh -c 'test -z "$(ls out)"'

# corrupt and hostile streams
wc-run -T 10 -Ou > good.wcb
head -c -5 good.wcb > trunc.wcb
fails "truncated binary (partial row)" 1 "wc-view: trunc.wcb: truncated input" wc-view trunc.wcb
head -c -24 good.wcb > short.wcb
fails "binary missing whole rows (nrows)" 1 "wc-view: short.wcb: truncated input: header promises 101 rows" wc-view short.wcb
wc-run -T 10 -Ob > good.wcb.gz
head -c -20 good.wcb.gz > trunc.wcb.gz
fails "truncated gzip" 1 "wc-view: trunc.wcb.gz:" wc-view trunc.wcb.gz
printf '## wc-stream 1 f64le\n## nrows 99999999999999999999\n# t\n' > absurd.wcb
fails "header claiming absurd sizes" 1 "wc-view: absurd.wcb: absurd nrows" wc-view absurd.wcb
printf '## wc-stream 7 f64le\n# t\n' > v7.wcb
fails "unsupported version" 1 "wc-view: v7.wcb: unsupported wc-stream version 7" wc-view v7.wcb
{ echo '## wc-stream 1 tsv'; head -c 1100000 /dev/zero | tr '\0' 'x' | fold -w 100 | sed 's/^/## k /'; } > big.tsv
fails "header larger than 1 MiB" 1 "wc-view: big.tsv: header: over the limit of 1048576 bytes (--limit header=N raises it)" wc-view big.tsv
awk 'BEGIN { print "## wc-stream 1 tsv"; s = sprintf("%100s", ""); gsub(/ /, "x", s)
            for (i = 0; i < 11000; i++) print "## k" i " " s; print "# t"; print 0 }' > big2.tsv
check "--limit header=2M reads a header of 1.1 MB" wc-view --limit header=2M big2.tsv
printf '# t\tx\n0\t1\n1\tabc\n' > nn.tsv
fails "non-numeric TSV cell" 1 "wc-view: nn.tsv: line 3, field 2: not a number: 'abc'" wc-view nn.tsv
printf '# t\tx\n0\t1\n1\n' > short.tsv
fails "short TSV row" 1 "wc-view: short.tsv: line 3: expected 2 fields, found 1" wc-view short.tsv
fails "missing input file" 1 "wc-view: nosuch.wcb: cannot open" wc-view nosuch.wcb
fails "wc-view unknown column" 2 "wc-view: good.wcb: no column 'rX'" wc-view -c rX good.wcb
fails "wc-stats binary output refused" 2 "wc-stats: -O: the statistics table is text" wc-stats -Ob good.wcb
fails "wc-stats binary output by name refused" 2 "wc-stats: -O: the statistics table is text" wc-stats -o s.wcb good.wcb
fails "wc-stats --latency-frac outside [0,1]" 2 "wc-stats: --latency-frac must be between 0 and 1" wc-stats --latency-frac -1 good.wcb
"$PYTHON" -c "open('huge.npy', 'wb').write(b'\x93NUMPY\x01\x00v\x00' + (\"{'descr': '<f8', 'fortran_order': False, 'shape': (40000, 40000), }\".ljust(117) + '\\n').encode())"
fails "a connectome over the nodes limit" 1 "wc-run: huge.npy: npy shape: over the limit of 32768 nodes (--limit nodes=N raises it)" wc-run --conn huge.npy -T 1
fails "--limit nodes=64k lets it through to the next check, before any allocation" 1 "wc-conn: huge.npy: npy data truncated: 0 of 12800000000 bytes" wc-conn info --limit nodes=64k huge.npy
fails "--limit beyond its ceiling" 2 "wc-conn: --limit: limit 'nodes=1G': N must be a whole number from 1 to 131072" wc-conn info --limit nodes=1G huge.npy
fails "too many columns for a header" 1 "wc-run: stdout: header of 140001 columns: over the limit of 1048576 bytes" wc-run -n 70000 -T 0
head -c 200 /dev/urandom | tr -d '\n' > junk.bin; printf '\0\n' >> junk.bin
fails "binary junk is not a table" 1 "wc-view: junk.bin: line 1: NUL byte in text" wc-view junk.bin
printf 'wEE=abc\n' > bad.params
fails "broken preset file is a data error" 1 "wc-run: preset ./bad.params: line 1: bad value for wEE" wc-run -x ./bad.params
fails "wc-stats on a truncated stream" 1 "wc-stats: trunc.wcb: truncated input" wc-stats trunc.wcb

# no input while standard input is a terminal: the usage, at once (tests/tty_stdin.py gives
# the tool a pseudo-terminal as stdin; skipped where none can be had)
tty_usage() {  # NAME COMMAND...
    local name=$1 rc; shift
    "$PYTHON" "$WC_TOP/tests/tty_stdin.py" "$@" > tty.why 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then ok "$name"
    elif [ $rc -eq 77 ]; then skip "$name" "$(head -1 tty.why)"
    else notok "$name" "$(head -c 300 tty.why)"; fi
}
tty_usage "wc-view with stdin a terminal: usage, exit 2" wc-view
tty_usage "wc-stats with stdin a terminal: usage, exit 2" wc-stats
tty_usage "wc-fc with stdin a terminal: usage, exit 2" wc-fc
tty_usage "wc-psd with stdin a terminal: usage, exit 2" wc-psd --peak
tty_usage "wc-view - with stdin a terminal: usage, exit 2" wc-view -
tty_usage "wc-conn info - with stdin a terminal: usage, exit 2" wc-conn info -
tty_usage "wc-conn norm - with stdin a terminal: usage, exit 2" wc-conn norm -
check "a pipe on stdin is still read" sh -c 'wc-run -T 1 | wc-view --no-header | grep -q "^1	"'
# A message is one line whatever it quotes: the tools' own messages make control
# characters '?' as libwc's do (a file name with a newline and an escape sequence).
nl_name=$(printf 'no\nsuch\033[31m.tsv')
for t in wc-view wc-stats wc-fc wc-psd wc-bold; do
    check "$t: a file name with a newline and an escape gives one line" sh -c '"$1" "$2" 2> ctl.err; test $? -eq 1 && test "$(wc -l < ctl.err)" -eq 1 && grep -q "no?such?\[31m.tsv: cannot open" ctl.err' sh "$t" "$nl_name"
done
check "wc-run --conn: the same, through a tool's own message" sh -c '"$1" --conn "$2" 2> ctl.err; test $? -eq 1 && test "$(wc -l < ctl.err)" -eq 1' sh wc-run "$nl_name"
check "wc-run: an unexpected argument with a newline: two lines, the message and the hint" sh -c 'wc-run "$1" 2> ctl.err; test $? -eq 2 && test "$(wc -l < ctl.err)" -eq 2 && grep -q "^wc-run: unexpected argument .a?b.$" ctl.err' sh "$(printf 'a\nb')"
