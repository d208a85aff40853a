# Hostile input end to end: text that aborted the renderer inside
# libunibreak (U+FFFF, flag emoji), controls, old Hangul, raw HTML, other
# encodings; one character of every assigned Unicode block; inputs of absurd
# size. Each renders (exit 0, never a signal) to a PDF that pdfa11y passes, or
# is refused with its message; big inputs are generated here, not committed.
. tests/lib.sh
cd "$T" || exit 1
fm() { printf -- '---\ntitle: "%s"\ndate: 2019-06-19\nlang: %s\n---\n\n' "$1" "$2"; }

# render NAME FILE PATTERN: exit 0, stderr matches PATTERN ('' for none), the
# PDF passes pdfa11y (qpdf --check alone when CHECKER=qpdf: the big inputs)
CHECKER=pdfa11y
render() {
    name=$1 file=$2 pattern=$3
    "$BULLETIN" --root "$T" -o out.pdf "$file" >stdout 2>stderr
    rc=$?
    if [ $rc -ne 0 ]; then fail "$name" "exit $rc: $(head -c 300 stderr)"; return 1; fi
    if [ -n "$pattern" ] && ! grep -q -E -- "$pattern" stderr; then
        fail "$name" "stderr lacks /$pattern/: $(head -c 300 stderr)"; return 1; fi
    if [ $CHECKER = qpdf ]; then
        if ! qpdf --check out.pdf >a11y 2>&1; then fail "$name" "qpdf: $(tail -n 3 a11y)"; return 1; fi
    elif ! "$PDFA11Y" out.pdf >a11y 2>&1; then fail "$name" "pdfa11y: $(grep ^FAIL a11y | head -3)"; return 1; fi
    pass "$name"
}

# ---- what aborted inside libunibreak, and its neighbours -----------------
{ fm "Flags" en; printf 'Flags \360\237\207\260\360\237\207\267 and \360\237\207\250\360\237\207\246 in text.\n'; } >flags.md
render "flag emoji (regional indicators) render" flags.md 'no font has U\+1F1F0'
{ fm "FFFF" ko; printf '\357\277\277시작과 중간\357\277\277 &#xFFFF; &#65534; 끝.\n'; } >ffff.md
render "U+FFFF raw and as entities: dropped with one warning" ffff.md '^ffff\.md:7:1: warning: noncharacter U\+FFFF dropped \(and 1 more'
{ fm "Controls" en; printf 'C0 \001\002\033[2J and C1 \302\205\302\233 controls, DEL \177.\n'; } >controls.md
render "C0 and C1 controls: dropped at their columns" controls.md '^controls\.md:7:4: warning: control character U\+0001 dropped'
grep -q '^controls\.md:7:18: warning: C1 control character U+0085 replaced by a space' stderr &&
    ! grep -q "$(printf '\033')" stderr && pass "C1 warning at its column; no raw ESC in the messages" ||
    fail "C1 warning at its column; no raw ESC in the messages" "$(head -c 300 stderr)"
{ fm "옛한글" ko; printf '\341\204\222\341\206\236\341\206\253\352\270\200 \341\204\200\341\205\241\341\206\250 \352\245\240\341\205\265 글자와 \360\220\214\260\360\220\214\261 Gothic, \352\246\262 Javanese.\n'; } >jamo.md
render "conjoining old-Hangul jamo and rare scripts" jamo.md ''
{ fm "HTML" en; printf '<div class="x">\nBlock <b>bold</b> &amp; &#x1F1F0;&#xFFFF;\n</div>\n\n<script>alert(1)</script>\n\nAfter.\n'; } >html.md
render "raw HTML blocks with hostile entities" html.md '^html\.md:7:1: warning: raw HTML is not rendered'
if pdftotext out.pdf - | grep -q alert; then fail "script content never shown" "alert() in the text"; else pass "script content never shown"; fi
{ fm "Marks" en; printf 'Woman technologist \360\237\221\251\342\200\215\360\237\222\273, a\342\200\214b, soft\302\255hyphen, line\342\200\250sep, para\342\200\251sep, pua \356\200\200, bom\357\273\277x, Hello \327\251\327\234\327\225\327\235 world.\n'; } >marks.md
render "ZWJ sequences, ZWNJ, soft hyphens, separators, private use, RTL" marks.md 'byte-order mark U\+FEFF dropped'
if pdftotext out.pdf - | tr -d '\n' | grep -q 'Hello.*world'; then pass "text around a right-to-left run stays in order"
else fail "text around a right-to-left run stays in order" "$(pdftotext out.pdf - | head -c 200)"; fi

# ---- encodings, line ends ------------------------------------------------------
printf '\377\376-\000-\000-\000\n\000t\000i\000t\000l\000e\000' >utf16le.md
printf '\000-\000-\000-\000\n\000t\000i\000t\000l\000e' >utf16be.md
for f in utf16le utf16be; do
    enc=$(echo $f | sed 's/utf16/UTF-16/; s/le$/LE/; s/be$/BE/')
    "$BULLETIN" --root "$T" -o out.pdf $f.md 2>stderr; rc=$?
    if [ $rc -eq 1 ] && grep -q "^$f\.md:1:1: error: file is $enc; save it as UTF-8\$" stderr; then pass "$enc: refused, naming the encoding"
    else fail "$enc: refused, naming the encoding" "exit $rc $(head -c 200 stderr)"; fi
done
{ printf '\357\273\277'; fm "BOM CRLF" en | sed 's/$/\r/'; printf 'One\r\ntwo\rthree.\r\n'; } >crlf.md
render "BOM, CRLF and lone CR" crlf.md ''
if pdftotext out.pdf - | grep -q 'One two three\.'; then pass "CR and CRLF are line ends"; else fail "CR and CRLF are line ends" "$(pdftotext out.pdf - | head -c 200)"; fi

# ---- one character of every assigned Unicode block (Debian's unicode-data) ----
# each block's first code point that UnicodeData.txt assigns, controls,
# surrogates and spaces aside; a glyph no font has is a warning, never .notdef
if [ ! -r /usr/share/unicode/Blocks.txt ] || [ ! -r /usr/share/unicode/UnicodeData.txt ]; then
    fail "every Unicode block" "no /usr/share/unicode (make deps installs unicode-data)"
else
    { fm "Every block" en; printf 'x'; LC_ALL=C awk -F';' '
        function hex(s,   i, v) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1; return v }
        function utf8(cp) {
            if (cp < 128) return sprintf("%c", cp)
            if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
            if (cp < 65536) return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
            return sprintf("%c%c%c%c", 240 + int(cp / 262144), 128 + int(cp / 4096) % 64, 128 + int(cp / 64) % 64, 128 + cp % 64)
        }
        FNR == 1 { file++ }
        file == 1 && /^[0-9A-F]/ { split($1, r, /\.\./); nb++; lo[nb] = hex(r[1]); hi[nb] = hex(r[2]); next }
        file == 2 { cp = hex($1)
            if ($3 == "Cc" || $3 == "Cs" || $3 == "Cn" || $3 == "Zs") next
            while (b < nb && hi[b] < cp) b++
            if (lo[b] <= cp && cp <= hi[b] && !(b in seen)) { seen[b] = 1; n++; printf " %s", utf8(cp) } }
        END { printf "\n"; print n > "blocks.count" }' /usr/share/unicode/Blocks.txt /usr/share/unicode/UnicodeData.txt; } >blocks.md
    blocks=$(cat blocks.count)
    if [ "$blocks" -gt 300 ] && render "one character of each of the $blocks assigned Unicode blocks" blocks.md ''; then
        if grep -v -q 'no font has U+' stderr; then fail "every block: only 'no font has' warnings" "$(grep -v 'no font has' stderr | head -3)"
        else pass "every block: only 'no font has' warnings"; fi
    elif [ "$blocks" -le 300 ]; then fail "every Unicode block" "only $blocks blocks found"; fi
fi

# ---- absurd sizes (times measured by hand, not asserted) ------------------------
CHECKER=qpdf
{ fm "200 KB paragraph" en; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "word%d lorem ", i; print "" }'; } >para.md
render "a 200 KB paragraph" para.md ''
{ fm "Long words" en; awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "x"; print s "\n\nhttps://example.com/" s "\n\n[link](https://example.com/" s ")" }'; } >word.md
render "a 5,000-character word, URL and link address" word.md ''
{ fm "10,000 links" en; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "[link %d](https://example.com/%d) ", i, i; print "" }'; } >links.md
if render "10,000 links" links.md ''; then
    n=$(pdfinfo -url out.pdf 2>/dev/null | awk '/https:\/\/example.com\// { print $NF }' | sort -u | wc -l)
    [ "$n" -eq 10000 ] && pass "10,000 links: every one is a link annotation" || fail "10,000 links: every one is a link annotation" "$n"
fi
{ fm "40 columns" en; awk 'BEGIN { for (c = 0; c < 40; c++) printf "| head %d ", c; print "|"; for (c = 0; c < 40; c++) printf "|---"; print "|"
    for (r = 0; r < 20; r++) { for (c = 0; c < 40; c++) printf "| r%dc%d ", r, c; print "|" } }'; } >cols.md
render "a 40-column table" cols.md ''
{ fm "2,000 rows" en; echo "| n | name | value |"; echo "|---|---|--:|"; awk 'BEGIN { for (i = 0; i < 2000; i++) printf "| %d | row %d | %d.00 |\n", i, i, i * 7 }'; } >rows.md
if render "a 2,000-row table" rows.md ''; then
    pdftotext out.pdf - | grep -q 'row 1999' && pass "2,000 rows: the last row is there" || fail "2,000 rows: the last row is there" ""
fi
{ fm "Footnotes" en; awk 'BEGIN { for (i = 0; i < 500; i++) printf "mark[^n] "; print "\n\n[^n]: The note."; print "Undefined[^none]. Twice[^t].\n\n[^t]: one\n[^t]: two" }'; } >notes.md
render "a footnote referred to 500 times, an undefined and a doubled one" notes.md 'footnote \[\^t\] is defined twice'
{ fm "60 deep" en; awk 'BEGIN { p = ""; for (i = 0; i < 60; i++) { printf "%s%s item %d\n", p, (i % 2 ? ">" : "-"), i; p = p (i % 2 ? "> " : "  ") } }'; } >deep.md
if render "lists and block quotes 60 deep" deep.md '^deep\.md:23:33: warning: lists and block quotes nested more than 16 deep'; then
    [ "$(grep -c 'nested more than' stderr)" -eq 1 ] && pdftotext out.pdf - | grep -q 'item 59' &&
        pass "60 deep: one warning, the deepest item drawn" || fail "60 deep: one warning, the deepest item drawn" ""
fi
