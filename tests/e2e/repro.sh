# Reproducible output: without SOURCE_DATE_EPOCH two runs give the same bytes
# (the dates come from the releases, not the clock), and so do a second build
# of the program in another folder (BULLETIN_OTHER, built by make check), a
# run from another working folder with absolute paths, and another
# environment; nothing of the build folder, the time, the process or memory
# addresses reaches the file.
. tests/lib.sh
: "${BULLETIN_OTHER:?set BULLETIN_OTHER to a second build of bulletin}"
week=$(ls "$CORPUS"/releases/2019-W27/*.md)
unset SOURCE_DATE_EPOCH
render() {   # BINARY OUT: the week and an example with its image
    "$1" -q --root "$ROOT" -o "$2" $week 2>"$T/err" || fail "render $2" "$(head -c 300 "$T/err")"
}
render "$BULLETIN" "$T/a.pdf"
sleep 1   # a clock that leaked into the file would now differ
render "$BULLETIN" "$T/b.pdf"
check "two runs, same bytes" cmp "$T/a.pdf" "$T/b.pdf"
render "$BULLETIN_OTHER" "$T/c.pdf"
check "another build folder ($(dirname "$BULLETIN_OTHER")), same bytes" cmp "$T/a.pdf" "$T/c.pdf"
(cd "$T" && env -i PATH="$PATH" HOME=/nonexistent LANG=C TZ=Pacific/Chatham "$BULLETIN" -q \
    --root "$ROOT" -o "$T/d.pdf" $week) 2>"$T/err"
check "another folder, time zone and environment, same bytes" cmp "$T/a.pdf" "$T/d.pdf"
"$BULLETIN" -q --root . -o "$T/e1.pdf" examples/*.md 2>/dev/null
"$BULLETIN_OTHER" -q --root . -o "$T/e2.pdf" examples/*.md 2>/dev/null
check "the examples (an image) from both builds, same bytes" cmp "$T/e1.pdf" "$T/e2.pdf"
