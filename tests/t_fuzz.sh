# t_fuzz.sh — hostile input: mutated and truncated streams (all four encodings) never
# crash, hang or leak a sanitizer report; each either reads or fails with exit 1 and a
# one-line "wc-view: ..." message.  Fixed seed, so failures reproduce.
. "$(dirname "$0")/lib.sh"

wc-run --no-version -x wc72 -T 3 -Ot > base.tsv
wc-run --no-version -x wc72 -T 3 -Ou > base.wcb
wc-run --no-version -x wc72 -T 3 -Ob > base.wcb.gz
wc-run --no-version -x wc72 -T 3 -Oz > base.tsv.gz
"$PYTHON" - <<'PY'
import random
rng = random.Random(2026)
for name in ["base.tsv", "base.wcb", "base.wcb.gz", "base.tsv.gz"]:
    data = open(name, "rb").read()
    for k in range(40):
        b = bytearray(data)
        kind = k % 4
        if kind == 0:                      # flip a few bytes
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 1:                    # truncate anywhere
            b = b[:rng.randrange(len(b))]
        elif kind == 2:                    # flip bytes inside the header
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(min(len(b), 700))] = rng.randrange(256)
        else:                              # splice random bytes in
            at = rng.randrange(len(b))
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        open("m_%s_%02d" % (name, k), "wb").write(bytes(b))
PY
bad=0 n=0
for f in m_*; do
    n=$((n + 1))
    timeout 10 wc-view "$f" > /dev/null 2> err.txt
    rc=$?
    if [ $rc -ne 0 ] && { [ $rc -ne 1 ] || ! head -1 err.txt | grep -q "^wc-view: $f: " || [ "$(wc -l < err.txt)" -ne 1 ]; }; then
        bad=$((bad + 1)); echo "# $f: exit $rc: $(head -c 200 err.txt)"
    fi
done
check "$n mutated streams: each reads or fails cleanly (exit 1, one line)" test $bad -eq 0
