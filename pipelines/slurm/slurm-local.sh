#!/usr/bin/env bash
# slurm-local.sh — a throw-away single-node Slurm cluster on loopback, to run and test
# pipelines/slurm on one machine (make check-cluster does).  Every file it uses lives
# under DIR: the munge key and socket, slurm.conf, state, spool, logs, pid files.
# Nothing under /etc, /run or /var is read or written, and the daemons listen on
# 127.0.0.1 only.
#
#   slurm-local.sh up DIR      start munged, slurmctld and slurmd, wait until the node is
#                              idle, print "export SLURM_CONF=DIR/slurm.conf" (for eval)
#   slurm-local.sh down DIR    stop them by PID: jobs cancelled first, then the daemons,
#                              any slurmstepd left behind with its job, munged last
#   slurm-local.sh selftest    up, a 4-task array, down, in a temporary directory, timed
#
# Environment: SLURM_LOCAL_PORT, slurmctld's port [16817] (slurmd takes the next one,
# srun PORT+83 to PORT+182), so that two clusters can run side by side;
# SLURM_LOCAL_CPUS, the node's CPUs [nproc].
# Needs the Debian packages slurm-wlm and munge (make deps).  Written from, and for, the
# measurements and pitfalls in the project's distributed.md: the numbers in comments
# below (pitfall N) refer to its list.
set -euo pipefail
prog=slurm-local.sh
NODE=localnode
PARTITION=local

die() { echo "$prog: $*" >&2; exit 1; }
usage() {
    echo "usage: $prog up DIR | down DIR | selftest" >&2
    exit 2
}
# Milliseconds, from bash's clock: forks cost about 10 ms each here, so the loops below
# read /proc with builtins only.
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

need() {  # COMMAND...: each on PATH, or one line saying what to install
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || die "$c not found: install slurm-wlm and munge ('make deps')"
    done
}

# alive PID: the process exists and is not a zombie.  PID 1 here reaps orphans a second
# or more late, and kill -0 succeeds on a zombie (pitfall 10).
alive() {
    local s
    { read -r s < "/proc/$1/stat"; } 2>/dev/null || return 1
    s=${s##*) }
    [ "${s%% *}" != Z ]
}

# pid_of FILE NAME: the PID in FILE if that process is alive and is NAME; a stale pid
# file (a PID reused by another program) is never trusted.
pid_of() {
    local pid='' comm=''
    { read -r pid < "$1"; } 2>/dev/null || return 0
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 0
    { read -r comm < "/proc/$pid/comm"; } 2>/dev/null || return 0
    [ "$comm" = "$2" ] && echo "$pid"
    return 0
}

# stop SIGNAL PID...: send SIGNAL, wait up to 10 s for each to exit, then KILL what is left.
stop() {
    local sig=$1 p t0
    shift
    [ $# -gt 0 ] || return 0
    kill "-$sig" "$@" 2>/dev/null || true
    t0=$(now_ms)
    for p in "$@"; do
        while alive "$p" && [ $(( $(now_ms) - t0 )) -lt 10000 ]; do sleep 0.02; done
        if alive "$p"; then
            echo "$prog: process $p ignored $sig for 10 s: killed" >&2
            kill -KILL "$p" 2>/dev/null || true
        fi
    done
}

# port_busy PORT: something listens on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Every directory above DIR needs o+x, or munged refuses its socket (pitfall 1).
check_ancestors() {
    local p=$1 perm
    while p=$(dirname "$p"); [ "$p" != / ]; do
        perm=$(stat -c %A "$p")
        case ${perm:9:1} in
        x | t) ;;
        *) die "munged needs o+x on every directory above its socket, and $p is $perm (chmod o+x $p, or use another DIR)" ;;
        esac
    done
}

# The daemons of the cluster in DIR, read before anything is signalled: they delete their
# own pid files while exiting (pitfall 11).
read_pids() {
    CTLD=$(pid_of "$1/run/slurmctld.pid" slurmctld)
    SLURMD=$(pid_of "$1/run/slurmd.pid" slurmd)
    MUNGED=$(pid_of "$1/munge/munged.pid" munged)
}

write_conf() {  # DIR PORT CPUS USER
    local d=$1 port=$2 cpus=$3 user=$4
    cat > "$d/slurm.conf" <<EOF
# written by $prog up: a single-node cluster on loopback, every file under $d
ClusterName=wclocal
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SrunPortRange=$((port + 83))-$((port + 182))
# bind 127.0.0.1, not 0.0.0.0; NoInAddrAny alone leaves slurmctld on 0.0.0.0 (pitfall 4)
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/munge.socket
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/run/slurmctld.pid
SlurmdPidFile=$d/run/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
# no cgroups: linuxproc tracks a job's processes by parentage
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
# cores only: with memory too, one task's default request takes the node (pitfall 8)
SelectTypeParameters=CR_Core
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
ReturnToService=2
SchedulerType=sched/backfill
# the default waits 3 s between waves of an array (pitfall 8)
SchedulerParameters=batch_sched_delay=0
MinJobAge=300
# else "Configured MailProg is invalid"
MailProg=/bin/true
# the host is not called $NODE: slurmd -N $NODE (pitfall 3)
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus State=UNKNOWN
PartitionName=$PARTITION Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

# start_daemon NAME LOG COMMAND...: a daemon that forks; its start-up errors in one line.
start_daemon() {
    local name=$1 log=$2; shift 2
    if ! "$@" > "$log.start" 2>&1; then
        fail_up "$name did not start: $(grep -v '^$' "$log.start" | tail -1) (see $log)"
    fi
}

fail_up() {  # MESSAGE: stop what up started, then fail
    down "$DIR" >/dev/null 2>&1 || true
    die "$*"
}

up() {
    [ $# -eq 1 ] && [ -n "$1" ] || usage
    need munged mungekey munge unmunge slurmctld slurmd sinfo squeue scancel sbatch
    mkdir -p "$1" || die "cannot create $1"
    DIR=$(cd "$1" && pwd -P)
    local port=${SLURM_LOCAL_PORT:-16817} cpus=${SLURM_LOCAL_CPUS:-$(nproc)} p state t0
    [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65000 ] ||
        die "SLURM_LOCAL_PORT must be a port from 1024 to 65000, not '$port'"
    [[ $cpus =~ ^[1-9][0-9]*$ ]] || die "SLURM_LOCAL_CPUS must be a whole number >= 1, not '$cpus'"
    check_ancestors "$DIR"   # DIR and DIR/munge themselves are made 755 below
    read_pids "$DIR"
    [ -z "$CTLD$SLURMD$MUNGED" ] || die "a cluster is already running in $DIR (run: $prog down $DIR)"
    for p in "$port" $((port + 1)); do
        port_busy "$p" && die "port $p busy (another cluster? set SLURM_LOCAL_PORT, e.g. $((port + 1000)))"
    done
    mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool" "$DIR/run" "$DIR/log"
    chmod 755 "$DIR" "$DIR/munge"   # mktemp -d makes 0700 (pitfall 1)
    t0=$(now_ms)

    rm -f "$DIR/munge/munge.key"
    mungekey --create --keyfile="$DIR/munge/munge.key" --bits=1024 ||
        die "mungekey could not create $DIR/munge/munge.key"
    start_daemon munged "$DIR/munge/munged.log" munged --socket="$DIR/munge/munge.socket" \
        --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munge/munged.pid" \
        --log-file="$DIR/munge/munged.log" --seed-file="$DIR/munge/munged.seed"
    munge -n -S "$DIR/munge/munge.socket" | unmunge -S "$DIR/munge/munge.socket" >/dev/null 2>&1 ||
        fail_up "munged runs but does not answer on $DIR/munge/munge.socket (see $DIR/munge/munged.log)"

    write_conf "$DIR" "$port" "$cpus" "$(id -un)"
    # Without SLURM_CONF the client commands try a DNS "configless" lookup (pitfall 2).
    export SLURM_CONF=$DIR/slurm.conf
    start_daemon slurmctld "$DIR/log/slurmctld.log" slurmctld -f "$SLURM_CONF"
    start_daemon slurmd "$DIR/log/slurmd.log" slurmd -f "$SLURM_CONF" -N "$NODE"

    while :; do   # idle, typically in 0.1 s (at worst about 1 s)
        state=$(sinfo -h -N -o %t 2>/dev/null || true)
        case $state in
        idle) break ;;
        drain* | drng* | inval* | fail*)
            fail_up "node $NODE is $state: $(sinfo -h -N -o %E 2>/dev/null) (see $DIR/log/slurmd.log)" ;;
        esac
        [ $(( $(now_ms) - t0 )) -lt 20000 ] ||
            fail_up "node $NODE not idle after 20 s (state '${state:-none}'; see $DIR/log/slurmctld.log and slurmd.log)"
        sleep 0.05
    done
    echo "$prog: cluster up in $DIR in $(( $(now_ms) - t0 )) ms (slurmctld on 127.0.0.1:$port)" >&2
    echo "export SLURM_CONF=$SLURM_CONF"
}

# The slurmstepd processes that hold a file under DIR open: their own log, their spool
# sockets.  A stepd outlives slurmd (pitfall 9) and is found this way even when
# slurmctld and slurmd are gone.
stepds_in() {
    local p comm
    for p in /proc/[0-9]*; do
        comm=''
        { read -r comm < "$p/comm"; } 2>/dev/null
        [ "$comm" = slurmstepd ] || continue
        find "$p/fd" -maxdepth 1 -lname "$1/*" 2>/dev/null | grep -q . && echo "${p#/proc/}"
    done
    return 0
}

# children PID: the processes whose parent is PID.
children() {
    local p s state ppid
    for p in /proc/[0-9]*; do
        { read -r s < "$p/stat"; } 2>/dev/null || continue
        read -r state ppid _ <<< "${s##*) }"
        [ "$ppid" = "$1" ] && echo "${p#/proc/}"
    done
    return 0
}

down() {
    [ $# -eq 1 ] && [ -n "$1" ] || usage
    [ -d "$1" ] || die "no such directory: $1"
    local dir t0 n=0 s c pg st
    dir=$(cd "$1" && pwd -P)
    t0=$(now_ms)
    read_pids "$dir"
    if [ -n "$CTLD" ] && [ -f "$dir/slurm.conf" ]; then   # cancel every job, wait until none is left
        export SLURM_CONF=$dir/slurm.conf
        scancel --partition="$PARTITION" 2>/dev/null || true
        while [ -n "$(squeue -h -o %i 2>/dev/null)" ] && [ $(( $(now_ms) - t0 )) -lt 10000 ]; do sleep 0.05; done
    fi
    stop TERM $SLURMD $CTLD
    for s in $(stepds_in "$dir"); do   # a job slurmd left running: its processes, then the stepd
        for c in $(children "$s"); do
            pg=''
            { read -r st < "/proc/$c/stat"; } 2>/dev/null && read -r _ _ pg _ <<< "${st##*) }"
            [ "$pg" = "$c" ] && kill -TERM -- "-$pg" 2>/dev/null || true
            stop TERM "$c"
        done
        stop KILL "$s"   # it ignores TERM while it retries to reach slurmd
        n=$((n + 1))
    done
    stop TERM $MUNGED
    echo "$prog: cluster in $dir down in $(( $(now_ms) - t0 )) ms ($n slurmstepd left over, stopped)" >&2
}

# leftovers DIR: the processes of a cluster in DIR still there (daemons, stepds).
leftovers() {
    local f p
    for f in $(grep -laF "$1" /proc/[0-9]*/cmdline 2>/dev/null); do
        p=${f#/proc/}; p=${p%/cmdline}
        alive "$p" && echo "$p"   # not grep itself, gone by now
    done
    stepds_in "$1"
}

selftest() {
    need munged slurmctld slurmd sbatch squeue srun
    local t fails=0 t0 ms jid i out
    t=$(mktemp -d "${TMPDIR:-/tmp}/slurm-local.XXXXXX")
    chmod 755 "$t"
    trap 'down "'"$t"'" 2>/dev/null; rm -rf "'"$t"'"' EXIT
    result() {  # OK NAME
        if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fails=$((fails + 1)); fi
    }
    t0=$(now_ms)
    if ! out=$(up "$t/cluster"); then result 1 "up"; return 1; fi
    eval "$out"
    result 0 "up ($(( $(now_ms) - t0 )) ms)"
    mkdir -p "$t/job"
    printf '#!/bin/sh\necho "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" > part-$SLURM_ARRAY_TASK_ID.txt\n' > "$t/job/job.sh"
    t0=$(now_ms)
    jid=$(cd "$t/job" && sbatch --parsable --array=0-3 --output="$t/job/%A_%a.out" job.sh)
    while [ -n "$(squeue -h -j "$jid" -o %i 2>/dev/null)" ]; do sleep 0.1; done
    ms=$(( $(now_ms) - t0 ))
    for i in 0 1 2 3; do [ "$(cat "$t/job/part-$i.txt" 2>/dev/null)" = "$i/4" ] || break; done
    result $([ "$i/$(cat "$t/job/part-3.txt" 2>/dev/null)" = "3/3/4" ] && echo 0 || echo 1) \
        "a 4-task array ran each task with its index and count ($ms ms, squeue polled every 0.1 s)"
    t0=$(now_ms)
    [ "$(srun -n4 --overcommit sh -c 'echo $SLURM_PROCID' 2>/dev/null | sort | tr '\n' ' ')" = "0 1 2 3 " ]
    result $? "srun -n4 --overcommit ($(( $(now_ms) - t0 )) ms)"
    (sbatch --parsable --output=/dev/null --wrap 'sleep 60' >/dev/null)   # left running at down
    t0=$(now_ms)
    down "$t/cluster"
    result $? "down, a running job cancelled ($(( $(now_ms) - t0 )) ms)"
    [ -z "$(leftovers "$t/cluster")" ]
    result $? "no process of the cluster left"
    [ $fails -eq 0 ]
}

case ${1:-} in
up) shift; up "$@" ;;
down) shift; down "$@" ;;
selftest) shift; [ $# -eq 0 ] || usage; selftest ;;
*) usage ;;
esac
