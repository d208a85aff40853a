#!/bin/sh
# Run every test: unit binaries in $TESTBIN, then tests/e2e/*.sh and tests/bad/*.sh.
# Each prints "PASS name" / "FAIL name" lines; a program that exits non-zero
# without a FAIL line (a crash) counts as one failure. Ends "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
: "${BULLETIN:?set BULLETIN to the binary under test}"
: "${TESTBIN:?set TESTBIN to the unit test folder}"
SHARED=${SHARED:-$(cd .. && pwd)/shared}
export BULLETIN SHARED
TMPROOT=$(mktemp -d)
export TMPROOT
trap 'rm -rf "$TMPROOT"' EXIT
pass=0 fail=0
run_one() {
    name=$1; shift
    out="$TMPROOT/out.txt"
    "$@" >"$out" 2>"$TMPROOT/err.txt"
    rc=$?
    p=$(grep -c '^PASS ' "$out")
    f=$(grep -c '^FAIL ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name (exit $rc)"
        tail -n 20 "$TMPROOT/err.txt" | sed 's/^/    /'
        f=1
    fi
    grep -v '^PASS ' "$out" | sed 's/^/  /' | sed 's/^  FAIL /FAIL /'
    [ "$f" -gt 0 ] && [ -s "$TMPROOT/err.txt" ] && tail -n 10 "$TMPROOT/err.txt" | sed 's/^/    /'
    pass=$((pass + p)); fail=$((fail + f))
    echo "$name: $p passed, $f failed" | sed 's/^/  /'
}
for t in "$TESTBIN"/test_*; do
    [ -x "$t" ] && run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh tests/bad/*.sh; do
    [ -f "$t" ] && run_one "$t" sh "$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
