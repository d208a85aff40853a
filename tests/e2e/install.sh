# make install (PREFIX, DESTDIR): the installed program finds its font sets and
# styles beside its bin/ and renders.
. tests/lib.sh
b=$(dirname "$BULLETIN")
if make -s install B="$b" DESTDIR="$T/inst" PREFIX=/usr >"$T/log" 2>&1; then
    pass "make install into DESTDIR"
else
    fail "make install into DESTDIR" "$(tail -n 3 "$T/log" | tr '\n' ' ')"
fi
check "installed: program, font sets, styles, man page" sh -c "test -x '$T/inst/usr/bin/bulletin' && test -f '$T/inst/usr/share/bulletin/fonts/myeongjo.fontset' && test -f '$T/inst/usr/share/bulletin/styles/digest.yaml' && test -f '$T/inst/usr/share/man/man1/bulletin.1'"
en="$CORPUS/releases/2019-W25/2019-06-18-5g-plus-review-en.md"
check "the installed program renders with -s digest" "$T/inst/usr/bin/bulletin" -q -s digest --root "$ROOT" -o "$T/i.pdf" "$en"
