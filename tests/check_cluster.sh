# check_cluster.sh — make check-cluster: the Slurm engine for real, on a throw-away
# single-node cluster in a temporary directory (pipelines/slurm/slurm-local.sh).  A
# 4-task array of wc-sweep and the merge job after it give the unsharded run byte for
# byte; a resumed run computes only the missing shards; a failed shard cancels the merge
# and is reported; everything is shut down by PID, also when a check fails or the test is
# interrupted, and no process is left.  Not part of make check: it needs slurm-wlm and
# munge (make deps) and starts daemons.  Ends with "N passed, N failed".
. "$(dirname "$0")/lib.sh"
S=$WC_TOP/pipelines/slurm
npass=0 nfail=0
ok() { echo "ok - $1"; npass=$((npass + 1)); }
notok() { echo "not ok - $1${2:+: $2}"; nfail=$((nfail + 1)); }
ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
T0=$(ms)

C=$TMP/cluster
cleanup() {
    [ -d "$C" ] && bash "$S/slurm-local.sh" down "$C" >/dev/null 2>&1
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$TMP"   # munged's socket needs o+x on every directory above it (mktemp -d: 0700)

for c in sbatch slurmctld slurmd munged parallel; do
    command -v $c >/dev/null || { notok "$c is installed" "run 'make deps'"; echo "$npass passed, $nfail failed"; exit 1; }
done

# the refusals of up, before any daemon starts
mkdir -m 700 closed
fails "up refuses a directory whose parent lacks o+x, naming it" 1 "and $TMP/closed is drwx------" \
    bash "$S/slurm-local.sh" up "$TMP/closed/c"

# up: on a free port pair (another cluster, another run of this test, may hold 16817)
port=''
for p in 16817 17817 18817 19817 20817 21817 22817 23817; do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((p + 1))") 2>/dev/null || { port=$p; break; }
done
export SLURM_LOCAL_PORT=${port:-16817}
t=$(ms)
if env_line=$(bash "$S/slurm-local.sh" up "$C" 2>up.err); then
    eval "$env_line"
    ok "slurm-local.sh up: munged, slurmctld, slurmd, node idle ($(( $(ms) - t )) ms, port $SLURM_LOCAL_PORT)"
else
    notok "slurm-local.sh up" "$(cat up.err)"
    echo "$npass passed, $nfail failed"
    exit 1
fi
check "... it printed export SLURM_CONF=$C/slurm.conf" test "$env_line" = "export SLURM_CONF=$C/slurm.conf"
if command -v ss >/dev/null; then
    ss -ltn > ss.out
    check "... slurmctld and slurmd listen on 127.0.0.1 only" sh -c \
        "grep -q ' 127.0.0.1:$SLURM_LOCAL_PORT ' ss.out && grep -q ' 127.0.0.1:$((SLURM_LOCAL_PORT + 1)) ' ss.out &&
         ! grep -qE ' (0.0.0.0|\*|\[::\]):($SLURM_LOCAL_PORT|$((SLURM_LOCAL_PORT + 1))) ' ss.out"
fi
fails "... a second up in the same directory is refused" 1 "a cluster is already running in $C" \
    bash "$S/slurm-local.sh" up "$C"
fails "... and so is another directory on the same port" 1 "port $SLURM_LOCAL_PORT busy" \
    bash "$S/slurm-local.sh" up "$TMP/other"

# a 4-task array of wc-sweep and the merge job: the unsharded run, byte for byte
G="--grid I_E=-1:3/41 --grid wEE=8:20/21 --noise-E 0.005 --no-early-stop -T 100 --transient 50 --ics 2 -s 3 --no-version"
wc-sweep $G -Ou -o whole.wcb
t=$(ms)
bash "$S/run.sh" -n 4 -o merged.wcb run $G > run1.out 2>&1
rc=$?
check "run.sh -n 4: the array of 4 and the merge job succeed ($(( $(ms) - t )) ms)" test $rc = 0
same "... the merge = the unsharded run, byte for byte" merged.wcb whole.wcb
check "... each of the 4 tasks computed its part, as an array task" sh -c \
    'test $(cat run/logs/*_[0-3].out | grep -c "sweep.sbatch: part [0-3]/4: computed") = 4'
check "... the merge job says so" sh -c 'grep -q "merge.sbatch: 4 parts of .* merged into .*merged.wcb" run/logs/merge_*.out'
check "... the report: 4 computed, 0 kept" grep -q 'done in [0-9]* ms: 4 shards computed, 0 kept' run1.out
check "... no job left in the queue" test -z "$(squeue -h -o %i)"

# resumed: part 1 gone, part 2 a killed task's .tmp; parts 0 and 3 kept untouched
rm run/part-1.wcb
head -c 5000 run/part-2.wcb > run/part-2.wcb.tmp && rm run/part-2.wcb
rm merged.wcb
touch mark
t=$(ms)
bash "$S/run.sh" -n 4 -o merged.wcb run $G > run2.out 2>&1
rc=$?
check "resumed run.sh succeeds ($(( $(ms) - t )) ms)" test $rc = 0
check "... submitting only the 2 missing shards" grep -q '4 shards (grid.hash [0-9a-f]*): 2 to compute (array job [0-9]*), 2 kept' run2.out
check "... parts 0 and 3 untouched, no .tmp left" \
    test "$(find run -name 'part-*' -newer mark | sort | tr '\n' ' ')" = "run/part-1.wcb run/part-2.wcb "
same "... the merge = the unsharded run" merged.wcb whole.wcb

# a failing shard: reported with its log, the merge cancelled rather than left pending
cat > flaky <<'EOF'
#!/bin/sh
case " $* " in *" --shard 2/4 "*) echo "flaky: shard 2 fails" >&2; exit 3 ;; esac
exec wc-sweep "$@"
EOF
chmod +x flaky
t=$(ms)
WC_TOOL=$TMP/flaky bash "$S/run.sh" -n 4 -o bad.wcb bad $G > run3.out 2>&1
rc=$?
check "a failing shard: run.sh exits 1 ($(( $(ms) - t )) ms)" test $rc = 1
check "... naming it, with its log's last lines" sh -c \
    "grep -q 'shard 2/4 FAILED' run3.out && grep -q 'flaky: shard 2 fails' run3.out && grep -q '1 of 4 shards failed; no merge' run3.out"
check "... the merge job cancelled, not pending for ever; no output" sh -c 'test -z "$(squeue -h -o %i)" && test ! -e bad.wcb'
bash "$S/run.sh" -n 4 -o bad.wcb bad $G > run4.out 2>&1
check "... run again with a working tool: only shard 2 computed, merge = the unsharded run" sh -c \
    "grep -q ': 1 to compute (array job [0-9]*), 3 kept' run4.out && cmp bad.wcb whole.wcb"

# by hand, as the README shows: a dense array, then the merge with afterok
mkdir hand
jid=$(sbatch --parsable --array=0-3 --output="$TMP/hand/%A_%a.out" "$S/sweep.sbatch" "$TMP/hand" $G)
sbatch --parsable --dependency=afterok:$jid --kill-on-invalid-dep=yes --output="$TMP/hand/merge.out" \
    "$S/merge.sbatch" "$TMP/hand" 4 "$TMP/hand.wcb" --no-version > mid
t=$(ms)
while [ -n "$(squeue -h -o %i)" ] && [ $(( $(ms) - t )) -lt 30000 ]; do sleep 0.1; done
same "sbatch --array=0-3 sweep.sbatch, then merge.sbatch afterok: the unsharded run" hand.wcb whole.wcb

# down, with a job still running: cancelled; nothing of the cluster left
job="sleep 60.$$"   # a name no other process has
sbatch --output=/dev/null --wrap "$job" > /dev/null
t=$(ms)
while ! pgrep -fx "$job" >/dev/null && [ $(( $(ms) - t )) -lt 10000 ]; do sleep 0.1; done
check "... a job is running" pgrep -fx "$job"
t=$(ms)
bash "$S/slurm-local.sh" down "$C" > down.out 2>&1
rc=$?
check "slurm-local.sh down, with that job running ($(( $(ms) - t )) ms)" test $rc = 0
left=$(  # live processes naming the cluster's directory, and slurmstepds holding a file in it
    for f in $(grep -laF "$C" /proc/[0-9]*/cmdline 2>/dev/null); do
        p=${f#/proc/}; p=${p%/cmdline}
        s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        s=${s##*) }; [ "${s%% *}" = Z ] || echo "$p"
    done
    for p in $(pgrep -x slurmstepd); do
        find "/proc/$p/fd" -maxdepth 1 -lname "$C/*" 2>/dev/null | grep -q . && echo "$p"
    done)
check "... no process of the cluster left (daemons, slurmstepd)" test -z "$left"
check "... the job gone too" sh -c "! pgrep -fx '$job'"
check "... in $(( $(ms) - T0 )) ms in all (< 60 s)" test $(( $(ms) - T0 )) -lt 60000
echo "$npass passed, $nfail failed"
[ $nfail -eq 0 ]
