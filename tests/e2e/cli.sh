# The command line: help, version, style sheets by name, the default output
# name, --title, -v, and the exit codes the README documents.
. tests/lib.sh
ko="$CORPUS/releases/2019-W25/2019-06-19-korea-canada-jcm-ko.md"
en="$CORPUS/releases/2019-W25/2019-06-18-5g-plus-review-en.md"

"$BULLETIN" --help >"$T/help" 2>&1; rc=$?
check "--help exits 0 and documents the exit codes" sh -c "[ $rc -eq 0 ] && grep -q 'exit status' '$T/help' && grep -q '3 system error' '$T/help'"
check "--version" sh -c "'$BULLETIN' --version | grep -q '^bulletin [0-9]'"

for s in print digest; do
    renders "-s $s renders an accessible PDF" -q -s "$s" --root "$ROOT" -o "$T/$s.pdf" "$ko" "$en" &&
        check "-s $s renders an accessible PDF" "$PDFA11Y" "$T/$s.pdf" --source "$ko" "$en"
done
# print is two-sided (each release on a right-hand page), digest is not
p=$(pdfinfo "$T/print.pdf" | sed -n 's/^Pages: *//p'); d=$(pdfinfo "$T/digest.pdf" | sed -n 's/^Pages: *//p')
check "digest (one-sided) has no more pages than print (two-sided)" test "$d" -le "$p"
# print shows a link's URL on paper after its text; digest leaves it to the link
sv="$CORPUS/releases/2019-W25/2019-06-21-ict-startups-silicon-valley-en.md"
"$BULLETIN" -q -s print --root "$ROOT" -o "$T/sv-print.pdf" "$sv" 2>/dev/null
"$BULLETIN" -q -s digest --root "$ROOT" -o "$T/sv-digest.pdf" "$sv" 2>/dev/null
check "print: the URL is printed after the link text" sh -c "pdftotext '$T/sv-print.pdf' - | tr -d '\n' | grep -q 'NIPA programme page (https://www.example.go.kr/nipa/k-global-sv)'"
check "digest: the link text alone, the URL in the link" sh -c "! pdftotext '$T/sv-digest.pdf' - | grep -q 'nipa/k-global-sv' && pdfinfo -url '$T/sv-digest.pdf' | grep -q 'https://www.example.go.kr/nipa/k-global-sv'"

(cd "$T" && "$BULLETIN" -q --root "$ROOT" "$en") 2>"$T/err"
check "default output: the first input's name with .pdf, in the current folder" test -s "$T/2019-06-18-5g-plus-review-en.pdf"

"$BULLETIN" -q --root "$ROOT" --title "Weekly bulletin 25" -o "$T/t.pdf" "$ko" "$en" 2>/dev/null
check "--title sets the document title" sh -c "pdfinfo '$T/t.pdf' | grep -q '^Title: *Weekly bulletin 25\$'"
check "without --title the first release's title is the document's" sh -c "pdfinfo '$T/print.pdf' | grep -q '^Title: *한-캐나다'"
check "catalog /Lang is the first release's language" sh -c "'$PDFA11Y' '$T/print.pdf' | grep -q \"11-001 catalog /Lang 'ko'\""

"$BULLETIN" -v --root "$ROOT" -o "$T/v.pdf" "$en" 2>"$T/verbose"
check "-v reports pages and the shaping cache" grep -q 'shaping cache' "$T/verbose"
"$BULLETIN" -q --root "$ROOT" -o "$T/q.pdf" "$en" 2>"$T/quiet"
check "-q prints nothing for a clean release" test ! -s "$T/quiet"

# without SOURCE_DATE_EPOCH every date is the newest release date, never the clock
(unset SOURCE_DATE_EPOCH; "$BULLETIN" -q --root "$ROOT" -o "$T/d1.pdf" "$en" "$ko" 2>/dev/null)
check "without SOURCE_DATE_EPOCH the dates are the newest release's (2019-06-19)" sh -c "pdfinfo -rawdates '$T/d1.pdf' | grep -q '^CreationDate: *D:20190619000000Z\$' && pdfinfo -rawdates '$T/d1.pdf' | grep -q '^ModDate: *D:20190619000000Z\$' && pdfinfo -meta '$T/d1.pdf' | grep -q '<xmp:MetadataDate>2019-06-19T00:00:00Z<'"
SOURCE_DATE_EPOCH=1561161600 "$BULLETIN" -q --root "$ROOT" -o "$T/d2.pdf" "$en" "$ko" 2>/dev/null
check "SOURCE_DATE_EPOCH sets every date" sh -c "pdfinfo -rawdates '$T/d2.pdf' | grep -q '^CreationDate: *D:20190622000000Z\$' && pdfinfo -meta '$T/d2.pdf' | grep -c '2019-06-22T00:00:00Z' | grep -qx 3"
SOURCE_DATE_EPOCH=yesterday "$BULLETIN" -q --root "$ROOT" -o "$T/e.pdf" "$en" 2>"$T/err"; rc=$?
check "a bad SOURCE_DATE_EPOCH is a usage error" sh -c "[ $rc -eq 2 ] && grep -q SOURCE_DATE_EPOCH '$T/err' && [ ! -e '$T/e.pdf' ]"
"$BULLETIN" -q --root "$T/nonexistent" -o "$T/e.pdf" "$en" 2>"$T/err"; rc=$?
check "a --root that is not a folder is a usage error" sh -c "[ $rc -eq 2 ] && [ ! -e '$T/e.pdf' ]"
"$BULLETIN" -q --root "$ROOT" -o "$T/no-such-dir/out.pdf" "$en" 2>"$T/err"; rc=$?
check "an output folder that does not exist is a system error (3)" sh -c "[ $rc -eq 3 ] && grep -q 'error' '$T/err'"
BULLETIN_FONTS="$T/no-fonts" "$BULLETIN" -q --root "$ROOT" -o "$T/f.pdf" "$en" 2>"$T/err"; rc=$?
check "no usable font: one clear system error (3), nothing written" sh -c "[ $rc -eq 3 ] && [ \$(wc -l <'$T/err') -eq 1 ] && grep -q 'no font of .* is installed' '$T/err' && [ ! -e '$T/f.pdf' ]"
