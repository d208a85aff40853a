# Output that cannot be written: a full disk, an unwritable or missing folder,
# a folder or an input named as the output. Each: the documented exit code, a
# clear message, no partial file, no temporary file, an older PDF untouched.
# The full disk and the unwritable folder come from an LD_PRELOAD shim built
# here (tests/shim/failwrite.c), so they run as root and without mounting.
. tests/lib.sh
SHIM="$T/failwrite.so"
if ! cc -shared -fPIC -O1 -o "$SHIM" tests/shim/failwrite.c -ldl 2>"$T/cc.err"; then
    fail "build the write-failing shim" "$(head -c 300 "$T/cc.err")"
    exit 0
fi
# an ASan build must accept a preloaded library that is not ASan's runtime
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
cd "$T" || exit 1
mkdir out
printf -- '---\ntitle: "Good"\ndate: 2019-06-19\nlang: en\n---\n\nSome text.\n' >good.md
# a release big enough that the PDF is written in several pieces (its objects
# packed in object streams, it is still about twice the 64 KiB of one write)
{ printf -- '---\ntitle: "Big"\ndate: 2019-06-19\nlang: ko\n---\n\n'
  awk 'BEGIN { for (i = 0; i < 1600; i++) printf "문단 %d: 한국어 본문과 English text together.\n\n", i }'; } >big.md
printf 'old pdf bytes\n' >old.pdf
export SOURCE_DATE_EPOCH=1560902400
"$BULLETIN" -q --root "$T" -o full.pdf big.md
size=$(wc -c <full.pdf)
check "the big PDF takes more than one 64 KiB write" [ "$size" -gt 100000 ]

# run NAME WANT PATTERN [VAR=VALUE...] -- ARGS: exit code, message, out/out.pdf
# untouched, no temporary file left in out/
run() {
    name=$1 want=$2 pattern=$3; shift 3
    env_args=""
    while [ "$1" != "--" ]; do env_args="$env_args $1"; shift; done
    shift
    cp old.pdf out/out.pdf
    env $env_args "$BULLETIN" -q --root "$T" "$@" >stdout 2>stderr
    rc=$?
    if [ "$rc" -ne "$want" ]; then fail "$name" "exit $rc, want $want: $(head -c 300 stderr)"; return; fi
    if ! grep -q -E -- "$pattern" stderr; then fail "$name" "stderr lacks /$pattern/: $(head -c 300 stderr)"; return; fi
    if ! cmp -s out/out.pdf old.pdf; then fail "$name" "the older PDF changed"; return; fi
    if ls out | grep -q '\.tmp'; then fail "$name" "temporary file left: $(ls out)"; return; fi
    pass "$name"
}

run "full disk after 64 KiB: exit 3, the older PDF untouched" 3 \
    '^bulletin: error: cannot write out/out\.pdf: No space left on device; the file there was left as it was$' \
    LD_PRELOAD="$SHIM" FAILWRITE_AFTER=65536 -- -o out/out.pdf big.md
run "full disk at the first byte" 3 'cannot write out/out\.pdf: No space left on device' \
    LD_PRELOAD="$SHIM" FAILWRITE_AFTER=0 -- -o out/out.pdf good.md
run "full disk in the last bytes (libharu's fclose went unchecked)" 3 'No space left on device' \
    LD_PRELOAD="$SHIM" FAILWRITE_AFTER=$((size - 10)) -- -o out/out.pdf big.md
run "flushing to disk fails: exit 3" 3 '^bulletin: error: cannot flush out/out\.pdf to disk: Input/output error' \
    LD_PRELOAD="$SHIM" FAILWRITE_FSYNC=1 -- -o out/out.pdf good.md
run "an unwritable folder: exit 3" 3 \
    '^bulletin: error: cannot create a temporary file beside out/out\.pdf: Permission denied \(is the folder there and writable\?\)$' \
    LD_PRELOAD="$SHIM" FAILWRITE_CREATE=1 -- -o out/out.pdf good.md
run "a missing folder: exit 3" 3 'cannot create a temporary file beside out/none/out\.pdf: No such file or directory' \
    -- -o out/none/out.pdf good.md
run "a file where a folder should be: exit 3" 3 'cannot create a temporary file beside out/out\.pdf/x\.pdf: Not a directory' \
    -- -o out/out.pdf/x.pdf good.md
run "a folder as the output: usage error" 2 "^bulletin: error: the output 'out' is a folder: name a file" \
    -- -o out good.md
cp good.md out/in.md
run "the output names the input: usage error" 2 "the output 'out/in\.md' is one of the inputs" \
    -- -o out/in.md out/in.md
check "... and the input is untouched" cmp -s out/in.md good.md
printf 'page:\n  size: A5\n' >out/style.yaml
cp out/style.yaml style.keep
run "the output names the style sheet: usage error" 2 "the output 'out/style\.yaml' is one of the inputs" \
    -- -s out/style.yaml -o out/style.yaml good.md
check "... and the style sheet is untouched" cmp -s out/style.yaml style.keep
# and the shim itself does what it says: without a failure set, the PDF is written
cp old.pdf out/out.pdf
if env LD_PRELOAD="$SHIM" "$BULLETIN" -q --root "$T" -o out/out.pdf big.md 2>stderr && cmp -s out/out.pdf full.pdf; then
    pass "with the shim loaded and nothing failing, the same PDF is written"
else fail "with the shim loaded and nothing failing, the same PDF is written" "$(head -c 300 stderr)"; fi
