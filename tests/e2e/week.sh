# A whole week in one PDF: accessible, fonts embedded and subset, a clean
# file, and byte-identical output for the same SOURCE_DATE_EPOCH.
. tests/lib.sh
week=$(ls "$CORPUS"/releases/2019-W25/*.md)
export SOURCE_DATE_EPOCH=1561075200
renders "render week 25" -q --root "$ROOT" -o "$T/w25.pdf" $week || exit 0
pass "render week 25"
check "pdfa11y week 25" "$PDFA11Y" "$T/w25.pdf" --source $week
check "qpdf --check week 25" qpdf --check "$T/w25.pdf"
pdffonts "$T/w25.pdf" >"$T/fonts" 2>&1
# rows after the two header lines: columns emb sub uni are "yes yes yes"
if [ "$(tail -n +3 "$T/fonts" | wc -l)" -gt 0 ] &&
   ! tail -n +3 "$T/fonts" | grep -v -E ' yes +yes +yes +[0-9]+ +[0-9]+ *$' | grep -q .; then
    pass "pdffonts: every font embedded, subset, with ToUnicode"
else
    fail "pdffonts: every font embedded, subset, with ToUnicode" "$(cat "$T/fonts" | tr '\n' '|')"
fi
if tail -n +3 "$T/fonts" | awk '{print $1}' | grep -v -q -E '^[A-Z]{6}\+'; then
    fail "pdffonts: subset tags" "a font name without ABCDEF+"
else
    pass "pdffonts: subset tags"
fi
"$BULLETIN" -q --root "$ROOT" -o "$T/w25b.pdf" $week 2>/dev/null
check "same SOURCE_DATE_EPOCH, same bytes" cmp "$T/w25.pdf" "$T/w25b.pdf"
SOURCE_DATE_EPOCH=1561161600 "$BULLETIN" -q --root "$ROOT" -o "$T/w25c.pdf" $week 2>/dev/null
if cmp -s "$T/w25.pdf" "$T/w25c.pdf"; then fail "another epoch, other bytes" "identical"; else pass "another epoch, other bytes"; fi
# what a reader's software sees
pdfinfo "$T/w25.pdf" >"$T/info" 2>&1
check "pdfinfo: tagged PDF 1.7" sh -c "grep -q '^Tagged: *yes' '$T/info' && grep -q '^PDF version: *1.7' '$T/info'"
pdftotext "$T/w25.pdf" "$T/w25.txt"
check "pdftotext gives back Korean text exactly" grep -q '과학기술정보통신부' "$T/w25.txt"
check "pdftotext gives back the symbols" sh -c "grep -q '□' '$T/w25.txt' && grep -q '※' '$T/w25.txt' && grep -q '「' '$T/w25.txt'"
pdfinfo -struct "$T/w25.pdf" >"$T/struct" 2>&1
check "structure: Sect, H1, Table, TH, Figure, L, Link, Note" sh -c "for t in Sect H1 Table TH Figure L LI Lbl LBody Link Note; do grep -q \"^ *\$t\\b\" '$T/struct' || { echo missing \$t; exit 1; }; done"
# the previous output survives a failed run
cp "$T/w25.pdf" "$T/keep.pdf"
printf -- '---\ntitle: x\n---\n' >"$T/broken.md"
"$BULLETIN" -q --root "$ROOT" -o "$T/w25.pdf" $week "$T/broken.md" 2>/dev/null
check "failed run leaves the old output untouched" cmp "$T/w25.pdf" "$T/keep.pdf"
check "no temporary files left behind" sh -c "! ls '$T' | grep -q tmp"

