# t_parallel.sh — the grid tools' shards under GNU parallel, the engine make check runs:
# 4 shards, 2 at a time, merged, byte for byte the unsharded run (with noise too); the
# resumable form (pipelines/slurm/sweep.sbatch --shard K/N) computes only missing shards
# after a killed run; the README's parallel and make -j recipes run as written.
# (Slurm: tests/check_cluster.sh, make check-cluster.)
. "$(dirname "$0")/lib.sh"
S=$WC_TOP/pipelines/slurm
export PARALLEL_HOME=$TMP/.parallel   # not ~/.parallel
if ! command -v parallel >/dev/null; then
    skip "GNU parallel" "parallel is not installed (make deps installs it)"
    exit 0
fi

# 1. parallel -k -j2 over 4 shards, merged = one run (no noise, and with noise: the noise of a
#    trajectory is drawn by its global index, whatever the shard)
G1="--grid I_E=-1:3/41 --grid wEE=8:20/21"
G2="--grid I_E=-0.6:0.4/9 --grid wEE=11:13/4 --ics 3 --noise-E 0.01 --no-early-stop -T 200 --transient 100 -s 7"
for tag in plain noisy; do
    [ $tag = plain ] && G=$G1 || G=$G2
    mkdir $tag && cd $tag
    wc-sweep $G --no-version -Ou -o whole.wcb
    check "$tag: parallel --will-cite -k -j2 runs 4 shards" \
        parallel --will-cite -k -j2 wc-sweep $G --no-version --shard {}/4 -Ou -o part{}.wcb ::: 0 1 2 3
    wc-sweep --merge part0.wcb part1.wcb part2.wcb part3.wcb --no-version -Ou -o merged.wcb
    same "$tag: merged parts = the unsharded run, byte for byte" merged.wcb whole.wcb
    cd "$TMP"
done

# 2. resuming: sweep.sbatch --shard K/N under parallel; a wrapper counts the shards computed
cat > counted <<EOF
#!/bin/sh
case " \$* " in *" -Ou -o "*) echo "\$*" >> "$TMP/calls" ;; esac
exec wc-sweep "\$@"
EOF
chmod +x counted
export WC_TOOL=$TMP/counted
G="$G1 --what regimes --no-version"
wc-sweep $G -Ou -o whole.wcb
mkdir out
shards() { parallel --will-cite -j2 "$S/sweep.sbatch" --shard {}/4 out $G ::: 0 1 2 3; }
computed() { grep -o 'shard [0-9]*/4' calls 2>/dev/null | sort | tr '\n' ' '; }
check "sweep.sbatch --shard K/4 under parallel: 4 parts" shards
check "... each computed once" test "$(computed)" = "shard 0/4 shard 1/4 shard 2/4 shard 3/4 "
check "... no .tmp left" test -z "$(ls out/*.tmp 2>/dev/null)"

# a killed run: part 1 never written, part 2 a .tmp cut short (the task was killed while
# writing it); part 3 kept as it was
: > calls
rm out/part-1.wcb
head -c 3000 out/part-2.wcb > out/part-2.wcb.tmp && rm out/part-2.wcb
touch -d '-1 min' out/part-0.wcb out/part-3.wcb
touch mark
check "resumed: the same command succeeds" shards
check "... computes only the missing shards 1 and 2" test "$(computed)" = "shard 1/4 shard 2/4 "
check "... leaves the complete parts 0 and 3 untouched" \
    test "$(find out -name 'part-*.wcb' -newer mark | sort | tr '\n' ' ')" = "out/part-1.wcb out/part-2.wcb "
check "... and no .tmp" test -z "$(ls out/*.tmp 2>/dev/null)"
check "merge.sbatch of the resumed parts" "$S/merge.sbatch" out 4 merged.wcb --no-version -Ou
same "... = the unsharded run, byte for byte" merged.wcb whole.wcb

# a part of other options (another grid hash) is computed again; a complete run, nothing
wc-sweep $G --tol 1e-8 --shard 3/4 -Ou -o out/part-3.wcb
: > calls
shards > resume.out 2>&1
check "a part of other options (another grid.hash) is computed again, alone" test "$(computed)" = "shard 3/4 "
check "... saying why" grep -q 'part 3/4: .* is of another run (grid.hash [0-9a-f]* shard 3/4, not [0-9a-f]* 3/4)' resume.out
: > calls
shards > resume.out 2>&1
check "all parts there: nothing computed, each kept" \
    sh -c "test ! -s calls && test \$(grep -c 'kept out/part-' resume.out) = 4"
"$S/merge.sbatch" out 4 merged.wcb --no-version -Ou
same "... and the merge = the unsharded run" merged.wcb whole.wcb

# a failing shard: parallel's status counts it, no part and no .tmp are left, the merge
# refuses to run without it
cat > flaky <<'EOF'
#!/bin/sh
case " $* " in *" --shard 2/4 "*) echo "flaky: no" >&2; exit 3 ;; esac
exec wc-sweep "$@"
EOF
chmod +x flaky
rm -rf out && mkdir out
WC_TOOL=$TMP/flaky parallel --will-cite -j2 "$S/sweep.sbatch" --shard {}/4 out $G ::: 0 1 2 3 > flaky.out 2>&1
rc=$?
check "a failing shard: parallel exits 1 (one job failed), sweep.sbatch says which" \
    sh -c "test $rc = 1 && grep -q 'part 2/4: .*flaky failed (exit 3)' flaky.out"
check "... no part-2.wcb, no .tmp" test ! -e out/part-2.wcb -a ! -e out/part-2.wcb.tmp
fails "... merge.sbatch refuses: 1 of 4 parts missing" 1 "1 of 4 parts missing in out (shards 2)" \
    "$S/merge.sbatch" out 4 merged.wcb
check "... the same command without the fault finishes it" shards
"$S/merge.sbatch" out 4 merged.wcb --no-version -Ou
same "... = the unsharded run" merged.wcb whole.wcb
unset WC_TOOL

# the tool is a variable: the same scripts shard wc-basin (and wc-explore)
mkdir basin
WC_TOOL=wc-basin parallel --will-cite -j2 "$S/sweep.sbatch" --shard {}/3 basin --no-version ::: 0 1 2 2>/dev/null &&
    WC_TOOL=wc-basin "$S/merge.sbatch" basin 3 basin.wcb --no-version -Ou 2>/dev/null
wc-basin --no-version -Ou -o basin1.wcb
same "WC_TOOL=wc-basin: sweep.sbatch and merge.sbatch shard wc-basin, merged = one run" basin.wcb basin1.wcb

fails "sweep.sbatch outside an array without --shard: usage error" 2 "no shard: submit as a job array" \
    "$S/sweep.sbatch" out $G
fails "sweep.sbatch with -o: usage error" 2 "give no '-o'" "$S/sweep.sbatch" --shard 0/4 out $G -o x.wcb

# 3. the README's recipes as written: GNU parallel, resuming with sweep.sbatch, make -j
R=$S/README.md
block() {  # HEADING N LANG: the Nth ```LANG block after the line "HEADING"
    awk -v h="$1" -v n="$2" -v l="$3" '$0 == h { f = 1; next } f && $0 == "```" l { if (++k == n) on = 1; next }
        on && /^```/ { exit } on' "$R"
}
mkdir readme && cd readme
{ block "## GNU parallel" 1 sh; echo "S=$S"; block "## GNU parallel" 2 sh | grep -v '^S='; } > parallel.sh
check "README: the GNU parallel recipe runs (its cmp included) and the resumable one" \
    bash -e -o pipefail parallel.sh
check "... both give the unsharded map" sh -c 'cmp map.tsv whole.tsv && wc-view --no-version map.wcb | cmp - whole.tsv'
mkdir mk && cd mk
block "## make -j" 1 make > Makefile
check "README: the make -j recipe runs" make -s -j2 map.wcb
check "... and gives the unsharded map" sh -c 'wc-view --no-version map.wcb | cmp - ../whole.tsv'
rm part-2.wcb
check "... remaking after a part was lost redoes only that part" \
    sh -c "make -j2 -n map.wcb | grep -c 'shard' | grep -qx 1 && make -s -j2 map.wcb && wc-view --no-version map.wcb | cmp - ../whole.tsv"
cd "$TMP"
