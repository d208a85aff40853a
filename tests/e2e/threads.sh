# Pages written on a thread of their own (-j 2 and more) give the very bytes
# of -j 1, for a volume (cover, contents, parts, footnotes, images, links) and
# for a style whose running heads show the count of body pages ({pages}: they
# come after every page, in a second content stream of each page); the result
# conforms and the folios read "n / N". -j wants a number of threads.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1577750400
vol="$T/vol.yaml"   # a volume of three bench weeks, its manifests reached from $T
{ printf 'title: "Three weeks"\nissue: 2019\ndate: 2019-12-31\nlang: ko\nbulletins:\n'
  for w in 2019-W24 2019-W25 2019-W26; do printf '  - %s/bench/%s.yaml\n' "$(realpath --relative-to="$T" "$CORPUS")" "$w"; done
} >"$vol"
for j in 1 2 3; do
    renders "volume -j $j" -q -j $j --root "$ROOT" -o "$T/v$j.pdf" "$vol"
done
check "a volume, -j 2: the bytes of -j 1" cmp "$T/v1.pdf" "$T/v2.pdf"
check "a volume, -j 3: the bytes of -j 1" cmp "$T/v1.pdf" "$T/v3.pdf"
conforms "volume -j 2" "$T/v2.pdf"

# running heads that need the count of body pages
sed 's|^  recto: {right: "{page}"}|  recto: {right: "{page} / {pages}"}|' styles/print.yaml >"$T/pages.yaml"
check "the style shows {pages}" grep -q '{page} / {pages}' "$T/pages.yaml"
for j in 1 2; do
    renders "{pages} -j $j" -q -j $j -s "$T/pages.yaml" --root "$ROOT" -o "$T/p$j.pdf" "$vol"
done
check "{pages}, -j 2: the bytes of -j 1" cmp "$T/p1.pdf" "$T/p2.pdf"
conforms "{pages}" "$T/p1.pdf"
check "every folio reads n / N, N the count of body pages" /usr/bin/python3 -c "
import pikepdf, re, subprocess, sys
pdf = pikepdf.open(sys.argv[1])
nums = pdf.Root.PageLabels.Nums
front = int(nums[2]) if len(nums) > 2 else 0   # where the arabic numbers start
body = len(pdf.pages) - front
text = subprocess.run(['pdftotext', sys.argv[1], '-'], capture_output=True, text=True).stdout
folios = [(int(a), int(b)) for a, b in re.findall(r'^(\\d+) / (\\d+)$', text, re.M)]
assert folios, 'no folio n / N'
assert all(b == body and 1 <= a <= body for a, b in folios), (folios[:5], body)
" "$T/p1.pdf"
check "pages carry their running heads in a second content stream" /usr/bin/python3 -c "
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
assert any(isinstance(p.obj.Contents, pikepdf.Array) and len(p.obj.Contents) == 2 for p in pdf.pages)
" "$T/p1.pdf"

# the option
expect_usage() {
    "$BULLETIN" -j "$1" --root "$ROOT" -o "$T/x.pdf" "$vol" >/dev/null 2>"$T/uerr"
    rc=$?
    if [ "$rc" -eq 2 ] && grep -q -- "-j wants a number" "$T/uerr"; then pass "-j $1: a usage error"
    else fail "-j $1: a usage error" "exit $rc: $(head -c 200 "$T/uerr")"; fi
}
expect_usage 0
expect_usage two
expect_usage 2x
