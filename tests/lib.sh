# tests/lib.sh — helpers for the shell tests: each check prints one
# "PASS name" or "FAIL name: why" line, which tests/run.sh counts.
: "${BULLETIN:?}" "${SHARED:?}"
T=$(mktemp -d "${TMPROOT:-/tmp}/t.XXXXXX")
ROOT=$(cd "$SHARED/.." && pwd)
PDFA11Y="$SHARED/tools/pdfa11y/pdfa11y"
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# check NAME COMMAND...: PASS when the command exits 0
check() { name=$1; shift; if "$@" >"$T/check.out" 2>&1; then pass "$name"; else fail "$name" "$(tail -n 5 "$T/check.out" | tr '\n' ' ')"; fi; }
