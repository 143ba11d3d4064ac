# t_faults.sh — every tool under faults of its surroundings: output to a full device
# (/dev/full: exit 1, one line) and into a pipe whose reader has gone (| head -c 10,
# | true: no message, SIGPIPE's status is fine); a file size limit reached in the middle
# of -o FILE (ulimit -f: exit 1, one line, no FILE or the previous one untouched);
# SIGINT and SIGTERM during a long run (exit 130 / 143, no -o file, no FILE.XXXXXX
# temporary left), a sharded wc-sweep among them; and a reader whose producer is killed
# mid-stream (exit 1, one line saying the input is truncated).
. "$(dirname "$0")/lib.sh"

# ---- inputs ----
wc-run --no-version -T 200 -n 20 --noise-E 0.05 -Ou -o in.wcb      # 20 nodes x (rE, rI), 2001 rows
wc-run --no-version -T 5000 -n 4 --noise-E 0.05 -Ou -o slow.wcb    # 4 nodes, 50001 rows (5 s at 0.1 ms)
printf '0\t1\t2\t1\n1\t0\t1\t2\n2\t1\t0\t1\n1\t2\t1\t0\n' > c4.txt

# A small job per tool, writing a few kB at least (more than the ulimit below), with
# no warning on stderr.
declare -A job=(
    [wc-run]="wc-run -T 100"
    [wc-view]="wc-view in.wcb"
    [wc-stats]="wc-stats in.wcb"
    [wc-conn]="wc-conn gen -n 40 -F text"
    [wc-fc]="wc-fc --vars rE in.wcb"
    [wc-psd]="wc-psd in.wcb"
    [wc-nullcline]="wc-nullcline"
    [wc-cont]="wc-cont --param I_E --range -2:6"
    [wc-sweep]="wc-sweep --grid I_E=0:1/60 -T 100 --transient 100"
    [wc-basin]="wc-basin --rE 0:1/12 --rI 0:1/12 -T 100 --transient 100"
    [wc-bold]="wc-bold --tr 0.01 slow.wcb"
    [wc-explore]="wc-explore --conn c4.txt --fc-emp c4.txt --grid k=0:1/30 -T 50 --sigma 0.01"
    [wc-fit]="wc-fit --conn c4.txt --fc-emp c4.txt --fit k=0:1 --maxeval 30 -T 50 --sigma 0.01 -t 1"
)
tools=(wc-run wc-view wc-stats wc-conn wc-fc wc-psd wc-nullcline wc-cont wc-sweep wc-basin wc-bold wc-explore wc-fit)
# into a pipe: the tools that stream write more than the pipe holds (1 MiB), so that
# | head -c 10 closes it while they write
declare -A pipejob
for t in "${tools[@]}"; do pipejob[$t]=${job[$t]}; done
pipejob[wc-run]="wc-run -T 1e4"
pipejob[wc-view]="wc-view slow.wcb"
pipejob[wc-bold]="wc-bold --tr 0.0001 slow.wcb"

# one_line NAME CODE PREFIX FILE: the run's status was CODE and FILE (its stderr) is one
# line starting with PREFIX.
one_line() {
    local name=$1 code=$2 prefix=$3 err=$4 rc=$5
    if [ "$rc" -eq "$code" ] && [ "$(wc -l < "$err")" -eq 1 ] && [[ $(head -1 "$err") == "$prefix"* ]]; then ok "$name"
    else notok "$name" "exit $rc (want $code), stderr: $(head -c 300 "$err" | tr '\n' '|')"; fi
}

# ---- a full device and a closed pipe ----
for t in "${tools[@]}"; do
    ${job[$t]} > /dev/full 2> full.err
    one_line "$t > /dev/full: exit 1, one line" 1 "$t: stdout: write error: No space left on device" full.err $?
    ${job[$t]} -o /dev/full 2> full.err
    one_line "$t -o /dev/full: exit 1, one line" 1 "$t: /dev/full: write error: No space left on device" full.err $?
    readers=("head -c 10" "true")
    [[ " wc-run wc-view wc-fit " == *" $t "* ]] && readers+=("true, SIGPIPE ignored")   # (reset by wc_cli_init)
    for reader in "${readers[@]}"; do
        if [[ $reader == *ignored ]]; then (trap '' PIPE; exec ${pipejob[$t]}) 2> pipe.err | true
        else ${pipejob[$t]} 2> pipe.err | $reader > /dev/null; fi
        rc=${PIPESTATUS[0]}
        if { [ $rc -eq 0 ] || [ $rc -eq 141 ]; } && [ ! -s pipe.err ]; then ok "$t | $reader: ends quietly (exit $rc)"
        else notok "$t | $reader: ends quietly" "exit $rc, stderr: $(head -c 300 pipe.err | tr '\n' '|')"; fi
    done
done

# ---- the file size limit reached while writing -o FILE (ulimit -f, in 1 kB blocks) ----
# stderr goes through a pipe to a file written outside the limit
mkdir fs
k=0
for t in "${tools[@]}"; do
    k=$((k + 1))
    for prev in "" "an old file"; do
        [ -z "$prev" ] && [ $((k % 2)) -eq 0 ] && continue   # (each tool one way, wc-run both)
        [ -n "$prev" ] && [ $((k % 2)) -eq 1 ] && [ "$t" != wc-run ] && continue
        rm -f fs/*
        [ -n "$prev" ] && echo "$prev" > fs/out.tsv
        ( ulimit -f 2; ${job[$t]} -o fs/out.tsv ) 2>&1 | cat > fs.err
        rc=${PIPESTATUS[0]}
        left=$(ls fs | tr '\n' ' ')
        if [ -z "$prev" ]; then want="" what="no file left"; else want="out.tsv " what="the old file untouched"; fi
        if [ "$left" = "$want" ] && { [ -z "$prev" ] || [ "$(cat fs/out.tsv)" = "$prev" ]; }; then
            one_line "$t: ulimit -f 2 reached in -o FILE: exit 1, one line, $what" 1 "$t: fs/out.tsv: write error: File too large" fs.err "$rc"
        else
            notok "$t: ulimit -f 2 reached in -o FILE: $what" "left: '$left', exit $rc, stderr: $(head -c 200 fs.err | tr '\n' '|')"
        fi
    done
done

# ---- SIGINT and SIGTERM during a long run ----
# A long job per tool (seconds to minutes), killed once it writes its temporary file, or
# after 0.3 s when it writes only at the end; it must still be running then.
declare -A long=(
    [wc-run]="wc-run -T 1e7"
    [wc-view]="wc-view -Ob <(wc-run -T 1e7 -Ou)"
    [wc-stats]="wc-stats <(wc-run -T 1e7 -Ou)"
    [wc-conn]="wc-conn gen -n 5000"
    [wc-fc]="wc-fc <(wc-run -T 1e7 -Ou -n 3 --noise-E 0.01)"
    [wc-psd]="wc-psd <(wc-run -T 1e7 -Ou)"
    [wc-nullcline]="wc-nullcline --network --conn hcp80 -k 0:5/2000"
    [wc-cont]="wc-cont -x wc72 --param I_E --range -2:6 --what cycles --ntst 400"
    [wc-sweep]="wc-sweep --grid I_E=0:1/20000 --no-early-stop"
    ["wc-sweep --shard"]="wc-sweep --grid I_E=0:1/20000 --no-early-stop --shard 1/3"
    [wc-basin]="wc-basin --rE 0:1/300 --rI 0:1/300 --no-early-stop"
    [wc-bold]="wc-bold <(wc-run -T 1e7 -Ou)"
    [wc-explore]="wc-explore --grid k=0:1/40 -T 5000 --sigma 0.01 --save-fc fcs"
    [wc-fit]="wc-fit --fit k=0:2 --maxeval 40 -T 5000 --sigma 0.01"
)
streams=" wc-run wc-view wc-bold wc-explore wc-fit "   # these write as they go: a temporary is there

# caught PID SIG: until the process catches SIG (its /proc status), 10 s at most
caught() {
    local i mask bit=$(( 1 << ($(kill -l "$2") - 1) ))
    for i in $(seq 1 200); do
        mask=$(awk '$1 == "SigCgt:" { print $2 }' /proc/$1/status 2> /dev/null)
        [ -n "$mask" ] && [ $(( 0x$mask & bit )) -ne 0 ] && return 0
        sleep 0.05
    done
    return 1
}

# ended PID: until the process has ended (then reap it: $?), 10 s at most, else kill it
ended() {
    local i
    for i in $(seq 1 200); do kill -0 "$1" 2> /dev/null || break; sleep 0.05; done
    kill -0 "$1" 2> /dev/null && { kill -KILL "$1"; wait "$1"; return 200; }
    wait "$1"
}

# killed TOOL SIG DIR: run TOOL's long job in DIR with -o out.tsv, send SIG once the job
# catches it and has written its temporary (or run 0.3 s, for the tools that write only at
# the end), check.  SIGINT is reset first, as a terminal's ^C finds it: a background job
# of a shell without job control ignores it (and the tools leave it so).
killed() {
    local t=$1 sig=$2 d=$3 code prev="" i rc
    [ "$sig" = INT ] && code=130 || code=143
    mkdir "$d" && cd "$d" || return
    [ "$sig" = TERM ] && prev="the previous run's output" && echo "$prev" > out.tsv
    eval "(trap - INT; exec ${long[$t]} -o out.tsv) 2> ../$d.err &"
    local pid=$! what="after 0.3 s"
    caught $pid $sig
    if [[ $streams == *" $t "* ]]; then
        for i in $(seq 1 200); do compgen -G 'out.tsv.??????' > /dev/null && break; sleep 0.05; done
        what="while writing out.tsv.XXXXXX"
    else
        sleep 0.3
    fi
    local alive=1
    kill -0 $pid 2> /dev/null || alive=0
    kill -$sig $pid 2> /dev/null
    ended $pid
    rc=$?
    local left
    left=$(find . -name 'out.tsv*' -o -name '*.??????' | sort | tr '\n' ' ')
    cd ..
    local name="$t: SIG$sig $what: exit $code, ${prev:+the old out.tsv untouched, }no temporary left"
    if [ $alive -eq 0 ]; then notok "$name" "it ended before the signal (exit $rc): make its job longer"
    elif [ $rc -eq 200 ]; then notok "$name" "still running 10 s after the signal"
    elif [ $rc -ne $code ]; then notok "$name" "exit $rc, stderr: $(head -c 200 $d.err | tr '\n' '|')"
    elif [ -n "$prev" ] && { [ "$left" != "./out.tsv " ] || [ "$(cat $d/out.tsv)" != "$prev" ]; }; then notok "$name" "left: $left"
    elif [ -z "$prev" ] && [ -n "$left" ]; then notok "$name" "left: $left"
    elif [ -s $d.err ]; then notok "$name" "stderr: $(head -c 200 $d.err | tr '\n' '|')"
    else ok "$name"; fi
}
k=0
for t in "${tools[@]:0:9}" "wc-sweep --shard" "${tools[@]:9}"; do
    k=$((k + 1))
    killed "$t" INT s$k.int &
    killed "$t" TERM s$k.term &
    [ $((k % 4)) -eq 0 ] && wait   # four tools at a time
done
wait

# a signal ignored on entry stays ignored (nohup: SIGHUP; a background job: SIGINT)
for sig in HUP INT; do
    (trap '' $sig; exec wc-run -T 1e7 -o ign.tsv) 2> ign.err &
    pid=$!
    for i in $(seq 1 200); do compgen -G 'ign.tsv.??????' > /dev/null && break; sleep 0.05; done
    kill -$sig $pid
    sleep 0.2
    alive=0
    kill -0 $pid 2> /dev/null && alive=1
    kill -TERM $pid
    ended $pid
    rc=$?
    check "SIG$sig ignored on entry (as nohup, a background job): still ignored; then SIGTERM: exit $rc, nothing left" \
        test $alive = 1 -a $rc = 143 -a -z "$(ls ign.tsv* 2> /dev/null)"
done

# a sharded grid whose second part is killed: only the complete first part is left, and a
# merge says which part is missing
mkdir shards && cd shards
wc-sweep --grid I_E=0:1/6 -T 20 --transient 20 --shard 0/2 -Ou -o part0.wcb
wc-sweep --grid I_E=0:1/6 -T 20 --transient 20 --no-early-stop --dt 1e-5 --shard 1/2 -Ou -o part1.wcb 2> /dev/null &
pid=$!
caught $pid TERM
sleep 0.3
kill -TERM $pid
ended $pid
rc=$?
cd ..
check "a killed shard (exit $rc): only the complete part is left" test "$rc" -eq 143 -a "$(ls shards)" = part0.wcb
wc-sweep --merge shards/part0.wcb 2> merge.err
one_line "... and --merge says the other is missing" 1 "wc-sweep: --merge: shard 1/2 is missing" merge.err $?

# ---- a producer killed mid-stream ----
# wait_written PID BYTES: until the process has written BYTES (its /proc io count), 10 s at most
wait_written() {
    local i w
    for i in $(seq 1 200); do
        w=$(awk '$1 == "wchar:" { print $2 }' /proc/$1/io 2> /dev/null)
        [ -n "$w" ] && [ "$w" -ge "$2" ] && return 0
        sleep 0.05
    done
    return 1
}
for fr in view:u view:b view:t stats:t fc:u psd:b bold:t; do   # each reader, each format
    r=wc-${fr%:*} fmt=${fr#*:}
    mkfifo feed
    wc-run -T 1e7 -n 3 --noise-E 0.01 -O$fmt -o feed 2> /dev/null &
    p=$!
    $r -o killed.out < feed > /dev/null 2> killed.err &
    c=$!
    wait_written $p 300000
    kill -KILL $p
    wait $p 2> /dev/null   # (bash's "Killed" line goes there)
    wait $c
    rc=$?
    rm -f feed
    first=$(head -1 killed.err)
    if [ $rc -eq 1 ] && [ "$(wc -l < killed.err)" -eq 1 ] && [ ! -e killed.out ] &&
        [[ $first == "$r: stdin: truncated input"* || $first == "$r: stdin: corrupt or truncated gzip data"* ]]; then
        ok "$r reading -O$fmt from a producer killed mid-stream: exit 1, '$first'"
    else
        notok "$r reading -O$fmt from a producer killed mid-stream" "exit $rc, stderr: $(head -c 300 killed.err | tr '\n' '|'), $(ls killed.out 2> /dev/null)"
    fi
    rm -f killed.out
done
