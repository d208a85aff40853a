# tests/lib.sh — helpers for the shell tests: each check prints one
# "PASS name" or "FAIL name: why" line, which tests/run.sh counts.
: "${BULLETIN:?}"
T=$(mktemp -d "${TMPROOT:-/tmp}/t.XXXXXX")
# the project's top (tests run from there): --root for the test corpus
ROOT=$(pwd)
CORPUS=${CORPUS:-$ROOT/tests/corpus}   # releases, images, weekly and yearly manifests, bench/
TOOLS=${TOOLS:-$ROOT/tests/tools}      # the checkers (tests/tools/README.md says where they came from)
PDFA11Y="$TOOLS/pdfa11y/pdfa11y"
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# check NAME COMMAND...: PASS when the command exits 0
check() { name=$1; shift; if "$@" >"$T/check.out" 2>&1; then pass "$name"; else fail "$name" "$(tail -n 5 "$T/check.out" | tr '\n' ' ')"; fi; }
# renders NAME ARGS...: run bulletin with ARGS, its stderr in $T/err; when it
# fails, FAIL NAME with the start of that stderr, and return 1
renders() {
    renders_name=$1; shift
    "$BULLETIN" "$@" 2>"$T/err" && return 0
    fail "$renders_name" "$(head -c 300 "$T/err")"
    return 1
}
# expect NAME EXIT PATTERN ARGS...: run bulletin in the current folder with
# --root $T -o out.pdf over an old out.pdf; check the exit code, an stderr
# line matching PATTERN, the old output untouched and no temporary file left.
expect() {
    name=$1 want=$2 pattern=$3; shift 3
    cp old.pdf out.pdf
    "$BULLETIN" --root "$T" -o out.pdf "$@" >stdout 2>stderr
    rc=$?
    if [ "$rc" -ne "$want" ]; then fail "$name" "exit $rc, want $want: $(head -c 300 stderr)"; return; fi
    if ! grep -q -E -- "$pattern" stderr; then fail "$name" "stderr lacks /$pattern/: $(head -c 300 stderr)"; return; fi
    if ! cmp -s out.pdf old.pdf; then fail "$name" "output file changed"; return; fi
    if ls | grep -q '\.tmp'; then fail "$name" "temporary file left: $(ls)"; return; fi
    pass "$name"
}
PDFACHECK="$TOOLS/pdfa-check/pdfa-check"
# conforms NAME PDF [SOURCE.md...]: pdfa-check (PDF/A-2a) and pdfa11y (PDF/UA-1,
# with text fidelity when sources are given) both report 0 failed.
conforms() {
    name=$1 pdf=$2; shift 2
    if "$PDFACHECK" "$pdf" >"$T/pdfa" 2>&1; then pass "pdfa-check $name"
    else fail "pdfa-check $name" "$(grep '^FAIL' "$T/pdfa" | head -n 3 | cut -c1-200 | tr '\n' ' ') $(tail -n 1 "$T/pdfa")"; fi
    if [ $# -gt 0 ]; then set -- --source "$@"; fi
    if "$PDFA11Y" "$pdf" "$@" >"$T/a11y" 2>&1; then pass "pdfa11y $name"
    else fail "pdfa11y $name" "$(grep '^FAIL' "$T/a11y" | head -n 3 | cut -c1-200 | tr '\n' ' ') $(tail -n 1 "$T/a11y")"; fi
}
