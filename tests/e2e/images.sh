# Images as a reader sees them: every kind renders the right way up and in
# the right colours (found on the rendered page: the test pictures show red top
# left, green top right, blue bottom left, yellow bottom right), CMYK never
# reaches the PDF, 16 bits stay 16, PNGs pass through, a decorative image is an
# artifact, a panorama fits the column, and digest holds every image to 110 dpi.
. tests/lib.sh
MKIMAGE="${TESTBIN:?}/mkimage"
cd "$T" || exit 1
export SOURCE_DATE_EPOCH=1561075200
printf 'page:\n  two-sided: false\n' >onesided.yaml

# the quadrants of the test picture on a rendered page: "ok", or what is wrong
cat >probe.py <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
magic, dims, maxval, pixels = data.split(b'\n', 3)
w, h = map(int, dims.split())
want = sys.argv[2] if len(sys.argv) > 2 else 'rgby'
kinds = {'r': lambda r, g, b: r > 180 and g < 90 and b < 90,
         'g': lambda r, g, b: g > 150 and r < 100 and b < 110,
         'b': lambda r, g, b: b > 170 and r < 100 and g < 120,
         'y': lambda r, g, b: r > 190 and g > 170 and b < 100,
         'l': lambda r, g, b: b > 200 and 100 <= r <= 190 and 100 <= g <= 200}  # light blue
found = {}
for y in range(h):
    row = pixels[y * w * 3:(y + 1) * w * 3]
    for x in range(w):
        r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
        for k in want:
            if kinds[k](r, g, b):
                n, sx, sy = found.get(k, (0, 0, 0))
                found[k] = (n + 1, sx + x, sy + y)
missing = [k for k in want if found.get(k, (0,))[0] < 20]
if missing:
    sys.exit('colours missing: %s (found %s)' % (missing, {k: v[0] for k, v in found.items()}))
c = {k: (v[1] / v[0], v[2] / v[0]) for k, v in found.items()}
tl, tr, bl, br = want[0], want[1], want[2], want[3]
ok = (c[tl][0] < c[tr][0] and c[bl][0] < c[br][0] and c[tl][1] < c[bl][1] and c[tr][1] < c[br][1])
print('ok' if ok else 'quadrants misplaced: %s' % {k: (round(v[0]), round(v[1])) for k, v in c.items()})
EOF

# render KIND W H [ORIENTATION [EXT]]: one release showing the image, on page 1
render() {
    kind=$1; ext=${5:-${kind%%-*}}; [ "$ext" = jpeg ] && ext=jpg
    img="$kind-${4:-1}.$ext"
    "$MKIMAGE" "$kind" "$img" "$2" "$3" "${4:-1}" || return 1
    printf -- '---\ntitle: "Image"\ndate: 2019-06-19\nlang: en\n---\n\n![A test picture in four colours](%s)\n' "$img" >"r-$kind.md"
    "$BULLETIN" -q --root "$T" -s onesided.yaml -o "r-$kind.pdf" "r-$kind.md" 2>err
}

looks_right() {   # NAME PDF [COLOURS]
    rm -f pg-1.ppm
    pdftoppm -r 40 -f 1 -l 1 "$2" pg || return 1
    seen=$(python3 probe.py pg-1.ppm "${3:-rgby}" 2>&1)
    echo "$seen"
    [ "$seen" = ok ]
}

for k in png-rgb png-rgb16 png-rgba png-palette png-interlaced jpeg-rgb jpeg-progressive jpeg-cmyk jpeg-ycck; do
    if render "$k" 240 160; then
        check "$k renders the right way round in the right colours" looks_right "$k" "r-$k.pdf"
    else
        fail "$k renders" "$(head -c 300 err)"
    fi
done
render png-palette-trns 240 160 && check "palette with transparency: a half-transparent quadrant over white" looks_right p "r-png-palette-trns.pdf" rgly
pdfimages -list r-png-palette-trns.pdf >list
check "palette with transparency: colour and a soft mask" sh -c "grep -q ' image .* rgb ' list && grep -q ' smask ' list"

for o in 1 2 3 4 5 6 7 8; do
    if render jpeg-rgb 240 160 "$o"; then
        check "EXIF orientation $o drawn upright" looks_right "o$o" r-jpeg-rgb.pdf
        pdfimages -list r-jpeg-rgb.pdf >list
        # stored turned (160 x 240 for 5..8), passed through as its DCT bytes
        check "EXIF orientation $o: the JPEG passes through" sh -c "grep -q -E ' image +$([ $o -ge 5 ] && echo '160 +240' || echo '240 +160') +rgb +3 +8 +jpeg ' list"
    else
        fail "EXIF orientation $o renders" "$(head -c 300 err)"
    fi
done

render jpeg-cmyk 240 160
qpdf --qdf --object-streams=disable r-jpeg-cmyk.pdf qdf.pdf
check "CMYK JPEG: converted to RGB, no DeviceCMYK in the file" sh -c "pdfimages -list r-jpeg-cmyk.pdf | grep -q -E ' rgb +3 +8 +jpeg ' && ! grep -a -q DeviceCMYK qdf.pdf"

render png-rgb16 240 160
check "16-bit PNG: kept at 16 bits" sh -c "pdfimages -list r-png-rgb16.pdf | grep -q -E ' rgb +3 +16 +image '"
render png-gray16 240 160
check "16-bit grey PNG: kept at 16 bits" sh -c "pdfimages -list r-png-gray16.pdf | grep -q -E ' gray +1 +16 +image '"

# a PNG without alpha goes in as its own compressed data: the stream's bytes
# are the file's IDAT bytes
render png-rgb 240 160
check "PNG without alpha: its IDAT bytes, not decoded and deflated again" python3 -c "
import sys, zlib
png = open('png-rgb-1.png', 'rb').read(); i, idat = 8, b''
while i < len(png):
    n = int.from_bytes(png[i:i + 4], 'big')
    if png[i + 4:i + 8] == b'IDAT': idat += png[i + 8:i + 8 + n]
    i += 12 + n
sys.exit(0 if idat in open('r-png-rgb.pdf', 'rb').read() else 1)"

# a panorama fits the column (A4 less 25 + 20 mm: 467.7 pt), its pixels kept
render png-rgb 12000 300
pdfimages -list r-png-rgb.pdf >list
check "12000 x 300 panorama: scaled to the column, every pixel kept" sh -c "grep -q -E ' image +12000 +300 +rgb .* 1847 +1847 ' list"

# no alt text: drawn, as an artifact, with a warning
"$MKIMAGE" png-rgb deco.png 120 80
printf -- '---\ntitle: "Decoration"\ndate: 2019-06-19\nlang: en\n---\n\nText before.\n\n![](deco.png)\n\n![ ](deco.png)\n' >deco.md
"$BULLETIN" --root "$T" -o deco.pdf deco.md 2>err
check "empty and blank alt text: a warning each, at the image" sh -c "[ \$(grep -c -x -F 'deco.md:9:1: warning: image has no alt text, so it is drawn as decoration that screen readers skip; describe it in ![...] if it carries information' err) -eq 1 ] && grep -q '^deco.md:11:1: warning: image has no alt text' err"
pdfinfo -struct deco.pdf >struct 2>&1
check "decorative image: drawn, embedded once, no Figure element" sh -c "[ \$(pdfimages -list deco.pdf | tail -n +3 | wc -l) -eq 2 ] && [ \$(pdfimages -list deco.pdf | awk 'NR > 2 {print \$11}' | sort -u | wc -l) -eq 1 ] && ! grep -q Figure struct && grep -q '^ *P' struct"
check "decorative image: pdfa11y" "$PDFA11Y" deco.pdf --source deco.md
qpdf --qdf --object-streams=disable deco.pdf qdf.pdf
check "decorative image: drawn inside an artifact" sh -c "grep -a -B1 ' Do Q' qdf.pdf | grep -q '^/Artifact'"

# PDF/A: 0 failed — no DeviceCMYK, bad bits or /Interpolate, every colour
# covered by the sRGB output intent.
pdfa_images_clean() {
    "$PDFACHECK" "$1" >pdfa 2>&1
}
kinds=""
for k in png-gray16 png-rgba png-palette-trns png-interlaced png-gray1 jpeg-gray jpeg-cmyk jpeg-ycck jpeg-progressive; do
    "$MKIMAGE" "$k" "all-$k" 90 60 && kinds="$kinds\n![A picture: $k](all-$k)\n"
done
printf -- "---\ntitle: \"Every kind\"\ndate: 2019-06-19\nlang: en\n---\n$kinds" >kinds.md
for s in print digest; do
    if renders "every kind of image renders in $s" -q --root "$T" -s $s -o "kinds-$s.pdf" kinds.md; then
        check "every kind of image, $s: pdfa-check" pdfa_images_clean "kinds-$s.pdf"
        check "every kind of image, $s: pdfa11y and qpdf" sh -c "'$PDFA11Y' 'kinds-$s.pdf' --source kinds.md && qpdf --check 'kinds-$s.pdf'"
    fi
done

# a whole week with images: clean, accessible, the image rules of PDF/A met
week=$(ls "$CORPUS"/releases/2019-W24/*.md)
for s in print digest; do
    if renders "week 24 $s renders" -q --root "$ROOT" -s $s -o "w24-$s.pdf" $week; then
        check "week 24 $s: qpdf --check" qpdf --check "w24-$s.pdf"
        check "week 24 $s: pdfa11y" "$PDFA11Y" "w24-$s.pdf" --source $week
        check "week 24 $s: pdfa-check" pdfa_images_clean "w24-$s.pdf"
    fi
done
pdfimages -list w24-print.pdf >print.list
pdfimages -list w24-digest.pdf >digest.list
check "print: images at full resolution (the 3000 x 2000 photo whole)" grep -q -E ' 3000 +2000 +rgb +3 +8 +jpeg ' print.list
check "digest: no image above 110 dpi, photographs still JPEG" sh -c "awk 'NR > 2 && (\$13 > 110 || \$14 > 110) {bad = 1} END {exit bad}' digest.list && grep -q ' jpeg ' digest.list && [ \$(wc -l <digest.list) -eq \$(wc -l <print.list) ]"
check "digest: smaller than print" sh -c "[ \$(wc -c <w24-digest.pdf) -lt \$(wc -c <w24-print.pdf) ]"
# the images bulletin encodes (downsampled, re-encoded) are the same bytes every time
"$BULLETIN" -q --root "$ROOT" -s digest -o w24-digest-again.pdf $week 2>/dev/null
check "digest: the same bytes on a second run" cmp w24-digest.pdf w24-digest-again.pdf
