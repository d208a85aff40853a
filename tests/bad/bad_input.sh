# Bad input: a GCC-style message at the right place, exit 1 (2 for usage),
# no PDF written, and an older PDF at the output path left untouched.
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
good='---\ntitle: "Good"\ndate: 2019-06-19\nlang: en\n---\n\nSome text.\n'


expect "missing file" 1 '^missing\.md:1:1: error: ' missing.md

: >empty.md
expect "empty file" 1 '^empty\.md:1:1: error: ' empty.md

printf '\n\n\n' >blank.md
expect "whitespace-only file" 1 '^blank\.md:[0-9]+:[0-9]+: error: ' blank.md

printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: ko\n---\n\nab\377cd\n' >utf8.md
expect "invalid UTF-8 at its line and column" 1 '^utf8\.md:7:3: error: .*UTF-8' utf8.md

printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n\nNo closing marker.\n' >noclose.md
expect "front matter not closed" 1 '^noclose\.md:[0-9]+:[0-9]+: error: ' noclose.md

printf 'Just text, no front matter.\n' >nofm.md
expect "no front matter" 1 '^nofm\.md:1:1: error: ' nofm.md

printf -- '---\ndate: 2019-06-19\nlang: en\n---\n\nText.\n' >notitle.md
expect "missing title" 1 '^notitle\.md:[0-9]+:[0-9]+: error: .*title' notitle.md

printf -- '---\ntitle: [a, b]\ndate: 2019-06-19\nlang: en\n---\n\nText.\n' >typed.md
expect "mistyped title" 1 '^typed\.md:2:[0-9]+: error: .*title' typed.md

printf -- '---\ntitle: "T"\ndate: 2019-13-45\nlang: en\n---\n\nText.\n' >baddate.md
expect "impossible date" 1 '^baddate\.md:3:[0-9]+: error: .*date' baddate.md

printf -- '---\ntitle: "unclosed\ndate: 2019-06-19\nlang: en\n---\n\nText.\n' >yaml.md
expect "YAML syntax error" 1 '^yaml\.md:[0-9]+:[0-9]+: error: ' yaml.md

printf 'this is not a PNG\n' >fake.png
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\nText.\n\n![A chart](fake.png)\n' >badimg.md
expect "unreadable image" 1 '^badimg\.md:9:[0-9]+: error: ' badimg.md

head -c 3000 "$CORPUS/images/msit-logo.png" >cut.png
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![Cut logo](cut.png)\n' >cutimg.md
expect "truncated PNG (libpng would abort inside libharu)" 1 '^cutimg\.md:7:1: error: .*damaged PNG' cutimg.md

# flip bytes inside the compressed image data
cp "$CORPUS/images/chart-cyber-incidents.png" flip.png
chmod u+w flip.png
printf 'XXXXXXXXXXXXXXXX' | dd of=flip.png bs=1 seek=2000 conv=notrunc 2>/dev/null
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![Damaged chart](flip.png)\n' >flipimg.md
expect "corrupted PNG data" 1 '^flipimg\.md:7:1: error: .*damaged PNG' flipimg.md

printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![A chart](nosuch.png)\n' >noimg.md
expect "missing image" 1 '^noimg\.md:7:[0-9]+: error: ' noimg.md

printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![A chart](../../etc/passwd.png)\n' >escape.md
expect "image path leaving the root" 1 '^escape\.md:7:[0-9]+: error: .*root' escape.md

# a PNG header claiming 100000 x 100000 pixels
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\001\206\240\000\001\206\240\010\002\000\000\000\000\000\000\000' >huge.png
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![Huge](huge.png)\n' >hugeimg.md
expect "image over the pixel limit" 1 '^hugeimg\.md:7:[0-9]+: error: ' hugeimg.md

head -c 4096 /dev/urandom >noise.md 2>/dev/null || dd if=/dev/urandom of=noise.md bs=4096 count=1 2>/dev/null
expect "binary noise" 1 '^noise\.md:[0-9]+:[0-9]+: error: ' noise.md

# one bad file among good ones: nothing is written
printf "%b" "$good" >good.md
expect "one bad release stops the whole run" 1 '^empty\.md:1:1: error: ' good.md empty.md

printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\ncolour: blue\n---\n\nText.\n' >unknown.md
expect "--strict: a warning is an error" 1 '^unknown\.md:5:1: warning: .*colour' --strict unknown.md
cp old.pdf out.pdf
if "$BULLETIN" --root "$T" -o out.pdf unknown.md 2>stderr && grep -q '^unknown\.md:5:1: warning: ' stderr && ! cmp -s out.pdf old.pdf; then
    pass "without --strict the warning is printed and the PDF written"
else fail "without --strict the warning is printed and the PDF written" "$(head -c 300 stderr)"; fi

# a character no font has: a warning at its own column, never a .notdef glyph
printf -- '---\ntitle: "Glyphs"\ndate: 2019-06-19\nlang: ko\n---\n\n웃는 얼굴 \360\237\230\200 표시.\n' >emoji.md
cp old.pdf out.pdf
if "$BULLETIN" --root "$T" -o out.pdf emoji.md 2>stderr && grep -q '^emoji\.md:7:15: warning: no font has U+1F600' stderr &&
   "$PDFA11Y" out.pdf >a11y 2>&1; then
    pass "uncovered character: warning at its column, no .notdef drawn"
else fail "uncovered character: warning at its column, no .notdef drawn" "$(head -c 300 stderr) $(grep ^FAIL a11y)"; fi
expect "uncovered character with --strict" 1 '^emoji\.md:7:15: warning: no font has U\+1F600' --strict emoji.md

cp good.md keep.md
"$BULLETIN" -q --root "$T" -o keep.md keep.md 2>stderr; rc=$?
if [ $rc -eq 2 ] && grep -q 'is one of the inputs' stderr && cmp -s keep.md good.md; then
    pass "an output that names an input is refused, the input untouched"
else fail "an output that names an input is refused, the input untouched" "exit $rc $(head -c 200 stderr)"; fi

expect "no input: usage error" 2 'no input' 
expect "unknown option: usage error" 2 "unknown option" --frobnicate good.md
expect "-o without a value: usage error" 2 "needs a value" good.md -o
expect "missing style sheet" 1 'nostyle\.yaml:1:1: error: ' -s nostyle.yaml good.md

# 2000 block quotes deep: set at the limit's depth, with one warning, the text kept
{ printf "%b" "$good"; i=0; while [ $i -lt 2000 ]; do printf '>'; i=$((i+1)); done; printf ' deep\n'; } >deep.md
cp old.pdf out.pdf
"$BULLETIN" --root "$T" -o out.pdf deep.md 2>stderr; rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c warning stderr)" -eq 1 ] &&
   grep -q '^deep\.md:8:17: warning: lists and block quotes nested more than 16 deep' stderr &&
   pdftotext out.pdf - | grep -q deep; then
    pass "2000 nested block quotes render, clamped, one warning"
else fail "2000 nested block quotes render, clamped, one warning" "exit $rc $(head -c 200 stderr)"; fi

# more parts than libharu writes in one PDF array (a list of 32768 items): it
# renders, the list split into nested lists, and passes pdfa11y (it was "out
# of memory", exit 3, then an input error)
{ printf "%b" "$good"; awk 'BEGIN { for (i = 0; i < 32768; i++) print "- a" }'; } >manyitems.md
"$BULLETIN" -q --root "$T" -o many.pdf manyitems.md 2>stderr; rc=$?
if [ $rc -eq 0 ] && "$PDFA11Y" many.pdf >a11y.txt 2>&1; then pass "a list beyond libharu's array limit renders"
else fail "a list beyond libharu's array limit renders" "exit $rc $(head -c 200 stderr) $(grep '^FAIL' a11y.txt | head -n 2)"; fi
