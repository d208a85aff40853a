#!/bin/sh
# The allocation-failure sweep (make oom; a strided part in make check,
# tests/e2e/oom.sh): every allocation of a bulletin run made to fail in turn
# (tests/oom/forksweep.c, preloaded), each end classified, then summed up
# and judged by tests/oom/summary.py.
#
#   sh tests/oom/sweep.sh [-s STRIDE] [-p PHASE] [-a] [-F] [-f K] [-j JOBS] [-o FOLDER] [CASE...]
#
# CASE: bulletin — tests/corpus/oom/oom.yaml, a weekly bulletin with its
#                  cover, written with its e-mail message (--mail);
#       releases — the same two releases on the command line, in the
#                  digest style (a style sheet read); fontconfig's own
#                  allocations (the bulk of start-up, the same code and
#                  configuration as the bulletin's) are passed over unless
#                  -F is given: the bulletin case sweeps them.
# (default: both). -f K: in the bulletin case, of fontconfig's own
# allocations (nine in ten of a run: it parses its configuration, all before
# the start-up marker) only every K-th, the first included; every other N
# still swept (make oom: -f 25). -s/-p: only N with N % STRIDE == PHASE; -a: only N after
# the start-up marker; -j: sweeps side by side (default: the processors);
# -o: where reports go (default: a temporary folder, removed). Environment:
# BULLETIN (default build/bulletin), SHIM (default build/oom/forksweep.so),
# CORPUS (default tests/corpus), OOMSWEEP_TIMEOUT. Exit 0 when every N ended
# as it should.
set -u
cd "$(dirname "$0")/../.." || exit 2
stride=1 phase=0 after=0 full=0 fcstride=0 jobs=$(nproc 2>/dev/null || echo 1) out=""
while getopts s:p:aFf:j:o: opt; do
    case $opt in
    f) fcstride=$OPTARG ;;
    s) stride=$OPTARG ;;
    p) phase=$OPTARG ;;
    a) after=1 ;;
    F) full=1 ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- bulletin releases
BULLETIN=$(realpath "${BULLETIN:-build/bulletin}")
SHIM=$(realpath "${SHIM:-build/oom/forksweep.so}")
CORPUS=$(realpath "${CORPUS:-tests/corpus}")
[ -x "$BULLETIN" ] && [ -f "$SHIM" ] || { echo "sweep: build bulletin and the shim first (make oom)" >&2; exit 2; }
if [ -z "$out" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
out=$(realpath "$out")
export SOURCE_DATE_EPOCH=1561075200
# An ASan build (make asan runs this through tests/e2e/oom.sh) accepts a
# preloaded library that is not its runtime; what AddressSanitizer,
# LeakSanitizer and UBSan find ends a child with an exit of its own (86, 87),
# never taken for the program's; fontconfig's own leaks on the paths it
# survives are not ours (tests/oom/lsan.supp).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(realpath tests/oom/lsan.supp):print_suppressions=0"

# fontconfig's configuration as it is, with a cache folder of the sweep's
# first in $1: where a child that rescans the fonts (it lost an allocation
# while loading a cache) writes, emptied after it — never the system's.
SYSTEM_FONTS_CONF=${FONTCONFIG_FILE:-/etc/fonts/fonts.conf}
fonts_conf() {
    mkdir -p "$1/fccache" "$1/xdg"
    cat >"$1/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>$1/fccache</cachedir>
  <include ignore_missing="yes">$SYSTEM_FONTS_CONF</include>
</fontconfig>
EOF
}
system_caches() {
    ls -l --time-style=full-iso /var/cache/fontconfig "$HOME/.cache/fontconfig" 2>/dev/null
}

status=0
system_caches >"$out/caches.before"
for case in "$@"; do
    case $case in
    bulletin)
        outputs=out.pdf:out.eml skip="" skipstride=0
        [ "$fcstride" -gt 0 ] && skip=libfontconfig skipstride=$fcstride
        set -- --root "$CORPUS" -o out.pdf --mail out.eml "$CORPUS/oom/oom.yaml" ;;
    releases)
        outputs=out.pdf skip=libfontconfig skipstride=0
        [ "$full" -eq 1 ] && skip=""
        set -- --root "$CORPUS" -s digest -o out.pdf "$CORPUS/oom/ko.md" "$CORPUS/oom/en.md" ;;
    *)  echo "sweep: no case '$case' (bulletin, releases)" >&2; exit 2 ;;
    esac
    W="$out/$case"
    rm -rf "$W"
    mkdir -p "$W/ref"
    # the reference: the same run with nothing failing
    fonts_conf "$W"
    if ! (cd "$W/ref" && FONTCONFIG_FILE="$W/fonts.conf" XDG_CACHE_HOME="$W/xdg" \
          "$BULLETIN" -j 1 "$@") >"$W/ref.err" 2>&1; then
        echo "sweep: $case: the run fails with nothing failing:"; cat "$W/ref.err"
        status=1
        continue
    fi
    if [ -s "$W/ref.err" ]; then
        echo "sweep: $case: the run has messages with nothing failing:"; cat "$W/ref.err"
        status=1
        continue
    fi
    refs=$(echo "$outputs" | tr ':' '\n' | sed "s|^|$W/ref/|" | paste -sd: -)
    start=$(date +%s)
    j=0
    while [ "$j" -lt "$jobs" ]; do
        S="$W/slice$j"
        mkdir -p "$S/run" "$S/scratch" "$S/tmp"
        fonts_conf "$S"
        for o in $(echo "$outputs" | tr ':' ' '); do printf 'an older %s\n' "$o" >"$S/run/$o"; done
        (cd "$S/run" && env TMPDIR="$S/tmp" FONTCONFIG_FILE="$S/fonts.conf" XDG_CACHE_HOME="$S/xdg" \
            LD_PRELOAD="$SHIM" OOMSWEEP_REPORT="$S/report" OOMSWEEP_SCRUB="$S/fccache:$S/xdg" \
            OOMSWEEP_OUTPUTS="$outputs" OOMSWEEP_REFS="$refs" OOMSWEEP_SCRATCH="$S/scratch" \
            OOMSWEEP_STRIDE="$stride" OOMSWEEP_PHASE="$phase" OOMSWEEP_AFTER="$after" OOMSWEEP_SKIP="$skip" \
            OOMSWEEP_SKIP_STRIDE="$skipstride" \
            OOMSWEEP_SLICE="$j/$jobs" "$BULLETIN" -j 1 "$@" >"$S/stdout" 2>"$S/stderr"
         echo $? >"$S/rc") &
        j=$((j + 1))
    done
    wait
    seconds=$(($(date +%s) - start))
    # each sweep's own run (nothing failed in it) must have ended well too
    j=0
    while [ "$j" -lt "$jobs" ]; do
        S="$W/slice$j"
        if [ "$(cat "$S/rc")" != 0 ] || [ -s "$S/stderr" ]; then
            echo "sweep: $case: slice $j's own run ended $(cat "$S/rc"):"; head -5 "$S/stderr"
            status=1
        fi
        j=$((j + 1))
    done
    cat "$W"/slice*/report >"$W/report"
    python3 tests/oom/summary.py --case "$case" --seconds "$seconds" --bulletin "$BULLETIN" --skip "$skip" \
        $(for k in "$W"/slice*/scratch; do echo "--kept $k"; done) "$W/report" || status=1
done
system_caches >"$out/caches.after"
if ! cmp -s "$out/caches.before" "$out/caches.after"; then
    echo "note: fontconfig's caches outside the sweep changed while it ran (another program's, or the sweep's):"
    diff "$out/caches.before" "$out/caches.after" | grep '^[<>]' | awk '{ print "    " $1 " " $NF }' | head -5
fi
exit $status
