# Hostile images: each refused with its one message at the image's
# file:line:col (what is wrong, what to do), exit 1, no PDF written and an
# older one left untouched; sources that are not files are never fetched or
# read; JPEG data in a .png is used as the JPEG it is, with a warning.
. tests/lib.sh
MKIMAGE="${TESTBIN:?}/mkimage"
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf

# refuse NAME SOURCE MESSAGE: a release showing SOURCE at 7:1 gives exactly
# "r.md:7:1: error: MESSAGE", exit 1, and leaves out.pdf as it was
refuse() {
    name=$1 src=$2 want="r.md:7:1: error: $3"
    printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![A picture](%s)\n' "$src" >r.md
    cp old.pdf out.pdf
    "$BULLETIN" --root "$T" -o out.pdf r.md >stdout 2>stderr
    rc=$?
    if [ $rc -ne 1 ]; then fail "$name" "exit $rc, want 1: $(head -c 300 stderr)"; return; fi
    if ! grep -q -x -F -- "$want" stderr; then fail "$name" "want '$want', got: $(head -c 400 stderr)"; return; fi
    if [ "$(wc -l <stderr)" -ne 1 ]; then fail "$name" "more than one message: $(head -c 400 stderr)"; return; fi
    if ! cmp -s out.pdf old.pdf; then fail "$name" "output file changed"; return; fi
    if ls | grep -q '\.tmp'; then fail "$name" "temporary file left: $(ls)"; return; fi
    pass "$name"
}

png_header() {   # W H > stdout: signature + IHDR (8-bit RGB) with a right CRC
    python3 -c "
import struct, sys, zlib
body = b'IHDR' + struct.pack('>IIBBBBB', $1, $2, 8, 2, 0, 0, 0)
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + body + struct.pack('>I', zlib.crc32(body)))"
}

refuse "missing image" nothere.png "cannot read image 'nothere.png': No such file or directory"

: >zero.png
refuse "zero bytes" zero.png "cannot use image 'zero.png': the file is empty (0 bytes); export the image again"

head -c 3000 "$CORPUS/images/msit-logo.png" >cut.png
refuse "truncated PNG" cut.png "cannot use image 'cut.png': damaged PNG: the chunk at byte 33 runs past the end of the file (truncated?); export the image again"

"$MKIMAGE" jpeg-rgb whole.jpg 64 48 && head -c $(($(wc -c <whole.jpg) - 50)) whole.jpg >cut.jpg   # inside the scan
refuse "truncated JPEG" cut.jpg "cannot use image 'cut.jpg': damaged JPEG: the file ends early, with no end-of-image marker (truncated?); export the image again"

printf 'this is not a PNG\n' >fake.png
refuse "a text file named .png" fake.png "cannot use image 'fake.png': it is a text file; only PNG and JPEG images can be used: name a PNG or JPEG file"

png_header 30000 30000 >huge.png
refuse "a PNG header claiming 30000 x 30000" huge.png "cannot use image 'huge.png': it is 30000 x 30000 pixels, over the limit of 20000 pixels a side; scale it down"
printf '\377\330\377\300\000\013\010\116\040\116\040\001\001\021\000\377\331' >huge.jpg
refuse "a JPEG header claiming 20000 x 20000" huge.jpg "cannot use image 'huge.jpg': it is 20000 x 20000 pixels, over the limit of 20000 pixels a side and 50 megapixels; scale it down"

printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n' >logo.svg
refuse "SVG" logo.svg "cannot use image 'logo.svg': it is an SVG image; only PNG and JPEG images can be used: export it as PNG"
printf 'GIF89a\001\000\001\000\000\000\000;' >anim.gif
refuse "GIF" anim.gif "cannot use image 'anim.gif': it is a GIF image; only PNG and JPEG images can be used: convert it to PNG"
printf 'RIFF\032\000\000\000WEBPVP8 \016\000\000\000' >photo.webp
refuse "WebP" photo.webp "cannot use image 'photo.webp': it is a WebP image; only PNG and JPEG images can be used: convert it to PNG or JPEG"
printf 'II*\000\010\000\000\000\000\000' >scan.tif
refuse "TIFF" scan.tif "cannot use image 'scan.tif': it is a TIFF image; only PNG and JPEG images can be used: convert it to PNG or JPEG"
printf 'BM\072\000\000\000\000\000\000\000\066\000\000\000' >paint.bmp
refuse "BMP" paint.bmp "cannot use image 'paint.bmp': it is a BMP image; only PNG and JPEG images can be used: convert it to PNG"

for src in https://example.org/chart.png http://example.org/chart.png //example.org/chart.png \
           file:///etc/passwd 'data:image/png;base64,iVBORw0KGgo=' 'javascript:alert(1)'; do
    refuse "not fetched or read: $src" "$src" "images are not fetched: '$src' (use a file below the root folder)"
done
refuse "absolute path" /etc/passwd "image path '/etc/passwd' is absolute; write it relative to the release"
refuse "a path out of the root" ../../etc/passwd "image path leaves the root folder: '../../etc/passwd'"

# damage only a decode finds is reported by the PDF stage, at the figure, the same way
python3 -c "
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
ihdr = struct.pack('>IIBBBBB', 4, 4, 8, 0, 0, 0, 0)
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', b'\x78\x9c\xff\xff\xff\xff') + chunk(b'IEND', b''))" >zbad.png
refuse "right CRCs around corrupt image data" zbad.png "cannot use image 'zbad.png': damaged PNG: the compressed image data is corrupt"
"$MKIMAGE" jpeg-cmyk cmyk.jpg 64 48
python3 -c "
d = bytearray(open('cmyk.jpg', 'rb').read()); i = d.find(b'\xff\xc4')
d[i + 5:i + 21] = b'\x20' * 16   # Huffman code counts that cannot be
open('badhuff.jpg', 'wb').write(d)"
refuse "a CMYK JPEG with a broken Huffman table (found converting it)" badhuff.jpg "cannot use image 'badhuff.jpg': damaged JPEG: Bogus Huffman table definition"

# JPEG data in a .png: used as the JPEG it is, with a warning
cp whole.jpg photo.png
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\n![A picture](photo.png)\n' >r.md
"$BULLETIN" --root "$T" -o named.pdf r.md 2>stderr
check "JPEG data in a .png: a warning, and embedded as the JPEG it is" sh -c "grep -q -x -F \"r.md:7:1: warning: image 'photo.png' holds JPEG data; it is used as the JPEG it is (rename the file to match)\" stderr && pdfimages -list named.pdf | grep -q -E ' 64 +48 +rgb +3 +8 +jpeg '"
cp old.pdf out.pdf
"$BULLETIN" --strict --root "$T" -o out.pdf r.md 2>stderr
rc=$?
check "JPEG data in a .png with --strict: refused, nothing written" sh -c "[ $rc -eq 1 ] && cmp -s out.pdf old.pdf && grep -q 'warning: image .photo.png. holds JPEG data' stderr"
