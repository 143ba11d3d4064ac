#!/usr/bin/env bash
# run.sh — a sharded wckit grid run on Slurm: the job array of sweep.sbatch, the merge
# job of merge.sbatch after it, a wait, and a report.
#
#   run.sh [-n N] [-o OUT] [-O TYPE] [--no-wait] OUTDIR OPTIONS...
#   run.sh -n 16 -o map.wcb runs/map --grid I_E=-1:3/201 --grid wEE=8:20/201 --what regimes
#
# OPTIONS are the tool's (no -o, -O or --shard).  N shards [the grid's points, at most 8];
# the parts go to OUTDIR/part-K.wcb, the logs to OUTDIR/logs, the merge to OUT
# [OUTDIR/merged.wcb].  --no-version in OPTIONS goes to the merge too (then OUT is byte
# for byte the unsharded run's); -O TYPE is the merge's output type.
#
# Resuming: only the shards whose part is missing, or is of another grid, options or N,
# are submitted (as a sparse array with sweep.sbatch --shards N); the others are kept.
# So after a Ctrl-C (which cancels the jobs), a node failure or a failed task, the same
# command computes what is left and merges.
#
# Waiting: squeue is polled every 0.1 s (sbatch --wait polls after 2 s and then every
# 8 s or so: a small array takes 10 s that way).  --no-wait prints the job ids and returns.
# Exit status: 0 when OUT is written; 1 when a task or the merge failed (the failed
# shards are named with their logs' last lines); 2 on a usage error.
# Environment: WC_TOOL, the grid tool [wc-sweep]; SLURM_CONF as for any Slurm command;
# SBATCH_* variables reach sbatch (SBATCH_PARTITION, SBATCH_TIMELIMIT ...).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
me=run.sh
export WC_TOOL=${WC_TOOL:-wc-sweep}   # the grid tool (wc-sweep, wc-basin, wc-explore)
TOOL=$WC_TOOL
VIEW=${WC_VIEW:-wc-view}               # reads a part's header

die() { echo "$me: $1" >&2; exit "${2:-1}"; }
usage() { die "usage: $me [-n N] [-o OUT] [-O TYPE] [--no-wait] OUTDIR OPTIONS..." 2; }
say() { echo "$me: $*" >&2; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

n='' out='' otype='' wait=1
while [ $# -gt 0 ]; do
    case $1 in
    -n) [ $# -ge 2 ] || usage; n=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    -O) [ $# -ge 2 ] || usage; otype=$2; shift 2 ;;
    --no-wait) wait=0; shift ;;
    -h | --help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) usage ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || usage
dir=$1
shift
merge_opts=()
for a in "$@"; do [ "$a" = --no-version ] && merge_opts+=(--no-version); done
[ -z "$otype" ] || merge_opts+=(-O "$otype")

command -v sbatch >/dev/null && command -v squeue >/dev/null ||
    die "sbatch and squeue not found: install Slurm's client (Debian: slurm-client), or use GNU parallel (README.md)"
[ -n "${SLURM_CONF:-}" ] || [ -e /etc/slurm/slurm.conf ] ||
    die "SLURM_CONF is not set and there is no /etc/slurm/slurm.conf (a local cluster: eval \"\$($here/slurm-local.sh up DIR)\")"
command -v "$TOOL" >/dev/null || die "$TOOL not found (put wckit's tools on PATH, or set WC_TOOL)"

mkdir -p "$dir/logs"
dir=$(cd "$dir" && pwd)
out=${out:-$dir/merged.wcb}
case $out in /*) ;; *) out=$PWD/$out ;; esac   # the jobs may start elsewhere

m=$("$TOOL" "$@" --count) || die "$TOOL $* --count failed" 2
if [ -z "$n" ]; then n=$((m < 8 ? m : 8)); fi
[[ $n =~ ^[1-9][0-9]*$ ]] || die "-n must be a whole number >= 1, not '$n'" 2
[ "$n" -le 1001 ] || die "$n shards: Slurm's MaxArraySize is 1001 by default (coarser shards are cheaper anyway)" 2

# The grid hash of these options, once, for the parts already there and for every task.
hash=$("$TOOL" "$@" --hash) && [ -n "$hash" ] || die "$TOOL $* --hash failed" 2
export WC_GRID_HASH=$hash

# Which shards to compute: a part is kept when its header has this hash and shard K/N.
todo=()
for ((k = 0; k < n; k++)); do
    p=$dir/part-$k.wcb
    rm -f "$p.tmp"   # a killed task's
    if [ -e "$p" ] && [ "$("$VIEW" -H "$p" 2>/dev/null | grep -cxF -e "## grid.hash $hash" -e "## grid.shard $k/$n")" = 2 ]; then
        continue
    fi
    todo+=("$k")
done

# "0 1 2 5 7 8" -> "0-2,5,7-8"
ranges() {
    local s='' a=$1 b=$1 x
    shift
    for x in "$@" ''; do
        if [ -n "$x" ] && [ "$x" -eq $((b + 1)) ]; then b=$x; continue; fi
        s+=${s:+,}$a; [ "$b" = "$a" ] || s+=-$b
        a=$x b=$x
    done
    echo "$s"
}

t0=$(now_ms)
jid=''
if [ ${#todo[@]} -gt 0 ]; then
    jid=$(sbatch --parsable --array="$(ranges "${todo[@]}")" --job-name="${TOOL##*/}" \
        --output="$dir/logs/%A_%a.out" "$here/sweep.sbatch" --shards "$n" "$dir" "$@") ||
        die "sbatch of the array failed"
    jid=${jid%%;*}
fi
mid=$(sbatch --parsable ${jid:+--dependency=afterok:$jid} --kill-on-invalid-dep=yes \
    --job-name="${TOOL##*/}-merge" --output="$dir/logs/merge_%j.out" \
    "$here/merge.sbatch" "$dir" "$n" "$out" ${merge_opts[@]+"${merge_opts[@]}"}) || {
    [ -z "$jid" ] || scancel "$jid"
    die "sbatch of the merge job failed"
}
mid=${mid%%;*}
say "$TOOL: $m points in $n shards (grid.hash $hash): ${#todo[@]} to compute${jid:+ (array job $jid)}, $((n - ${#todo[@]})) kept; merge job $mid"
if [ $wait = 0 ]; then
    echo "${jid:+$jid }$mid"
    exit 0
fi

# Ctrl-C: cancel the jobs; the parts written so far stay for the next run.
trap 'scancel ${jid:+"$jid"} "$mid" 2>/dev/null; say "interrupted: jobs cancelled; run again to compute the missing shards"; exit 130' INT TERM

fails=0
while :; do
    if q=$(squeue -h -j"${jid:+$jid,}$mid" -o %i 2>&1); then
        fails=0
        [ -n "$q" ] || break
    else
        case $q in *"Invalid job id"*) break ;; esac   # gone from the controller already
        fails=$((fails + 1))
        [ $fails -lt 50 ] || die "squeue fails: $q"
    fi
    sleep 0.1
done
trap - INT TERM
ms=$(( $(now_ms) - t0 ))

# The report: the state of each task and of the merge (scontrol knows them for MinJobAge).
state() { scontrol show job -o "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }
bad=()
if [ -n "$jid" ]; then
    for k in "${todo[@]}"; do
        s=$(state "${jid}_$k")
        [ "$s" = COMPLETED ] || bad+=("$k:${s:-unknown}")
    done
fi
if [ ${#bad[@]} -gt 0 ]; then
    for b in "${bad[@]}"; do
        k=${b%%:*}
        say "shard $k/$n ${b#*:}; its log $dir/logs/${jid}_$k.out ends:"
        tail -3 "$dir/logs/${jid}_$k.out" 2>/dev/null | sed 's/^/    /' >&2
    done
    scancel "$mid" 2>/dev/null || true
    die "${#bad[@]} of ${#todo[@]} shards failed; no merge (run again: only the missing shards are computed)"
fi
s=$(state "$mid")
if [ "$s" != COMPLETED ] || [ ! -e "$out" ]; then
    tail -3 "$dir/logs/merge_$mid.out" 2>/dev/null | sed 's/^/    /' >&2
    die "the merge job $mid is ${s:-gone} (log $dir/logs/merge_$mid.out)"
fi
say "done in $ms ms: ${#todo[@]} shards computed, $((n - ${#todo[@]})) kept, merged into $out"
