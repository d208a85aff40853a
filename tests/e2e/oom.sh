# The allocation-failure sweep, a strided part of it (make oom runs it all):
# every OOM_STRIDE-th allocation of rendering the small bulletin of
# tests/corpus/oom (cover, logo, message) and of its releases on the command
# line made to fail in turn (tests/oom/forksweep.c preloaded). Each must end
# with exit 3 and the one message "out of memory", or write the same bytes;
# no crash but a library's during start-up, no file left, no old output
# changed. Under make asan the same runs are AddressSanitizer's, UBSan's and
# LeakSanitizer's too. One PASS line per case, a FAIL line per kind of bad end.
. tests/lib.sh
SHIM="$T/forksweep.so"
if ! cc -std=gnu17 -O2 -shared -fPIC -o "$SHIM" tests/oom/forksweep.c -ldl 2>"$T/cc.err"; then
    fail "build the allocation-failing shim" "$(head -c 300 "$T/cc.err")"
    exit 0
fi
BULLETIN="$BULLETIN" SHIM="$SHIM" CORPUS="$CORPUS" \
    sh tests/oom/sweep.sh -s "${OOM_STRIDE:-151}" -j 1 -o "$T/sweep" bulletin releases >"$T/out" 2>&1
rc=$?
# the summary's PASS and FAIL lines are this test's; the rest is shown indented
sed 's/^\(PASS\|FAIL\) /\1 oom: /' "$T/out"
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL' "$T/out"; then
    fail "the sweep ran" "exit $rc: $(tail -n 3 "$T/out" | tr '\n' ' ')"
fi
