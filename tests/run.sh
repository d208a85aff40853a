#!/bin/sh
# Run every test: unit binaries in $TESTBIN, then tests/e2e/*.sh and tests/bad/*.sh,
# JOBS at a time (default: the number of cores), the slowest first; results are
# printed in the usual order. Each test prints "PASS name" / "FAIL name" lines; a
# program that exits non-zero without a FAIL line (a crash), or prints no result
# at all, counts as one failure.
# Ends "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
: "${BULLETIN:?set BULLETIN to the binary under test}"
: "${TESTBIN:?set TESTBIN to the unit test folder}"
CORPUS=$(pwd)/tests/corpus TOOLS=$(pwd)/tests/tools
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
export BULLETIN CORPUS TOOLS
TMPROOT=$(mktemp -d)
export TMPROOT
trap 'rm -rf "$TMPROOT"' EXIT

# the tests, one per line: NAME<TAB>COMMAND...
list="$TMPROOT/list"
: >"$list"
for t in "$TESTBIN"/test_*; do
    [ -x "$t" ] && printf '%s\t%s\n' "$(basename "$t")" "$t" >>"$list"
done
for t in tests/e2e/*.sh tests/bad/*.sh; do
    [ -f "$t" ] && printf '%s\tsh %s\n' "$t" "$t" >>"$list"
done

# run them: line i's output in $TMPROOT/i.out, .err, .rc (slowest known first)
n=$(wc -l <"$list")
awk -F'\t' '{ print ($1 ~ /corpus|bulletin|limits|images|pdfa|test_pdf|hostile|oom/ ? 0 : 1), NR }' "$list" |
    sort -k1,1n -k2,2n | cut -d' ' -f2 |
    xargs -P "$JOBS" -I{} sh -c '
        cmd=$(sed -n "{}p" "$1" | cut -f2-)
        start=$(date +%s%N)
        $cmd >"$TMPROOT/{}.out" 2>"$TMPROOT/{}.err"; echo $? >"$TMPROOT/{}.rc"
        echo $(( ($(date +%s%N) - start) / 1000000 )) >"$TMPROOT/{}.ms"' sh "$list"

pass=0 fail=0
i=0
while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    name=$(sed -n "${i}p" "$list" | cut -f1)
    out="$TMPROOT/$i.out" err="$TMPROOT/$i.err"
    rc=$(cat "$TMPROOT/$i.rc" 2>/dev/null || echo 127)
    p=$(grep -c '^PASS ' "$out" 2>/dev/null)
    f=$(grep -c '^FAIL ' "$out" 2>/dev/null)
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (exit $rc)"
        tail -n 20 "$err" | sed 's/^/    /'
        f=1
    elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (no result: it printed no PASS or FAIL line)"
        tail -n 20 "$err" | sed 's/^/    /'
        f=1
    fi
    grep -v '^PASS ' "$out" | sed 's/^/  /' | sed 's/^  FAIL /FAIL /'
    [ "$f" -gt 0 ] && [ -s "$err" ] && tail -n 10 "$err" | sed 's/^/    /'
    pass=$((pass + p)); fail=$((fail + f))
    ms=$(cat "$TMPROOT/$i.ms" 2>/dev/null || echo 0)
    printf '  %s: %d passed, %d failed (%d.%d s)\n' "$name" "$p" "$f" $((ms / 1000)) $((ms % 1000 / 100))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
