# The e-mail edition stays small: the digest of 2019-W25 (-s digest) is at
# most 200 KB (204,800 bytes), its objects packed in object streams behind a
# cross-reference stream, every stream but the XMP deflated, each font
# program without the tables a CIDFont does not read; and it is as valid,
# accessible and reproducible as before: qpdf --check, pdfa-check, pdfa11y
# with the week's releases as sources, -j 1 and -j 2 the same bytes.
. tests/lib.sh
week="$CORPUS/bulletins/2019-W25.yaml"
for j in 1 2; do
    renders "the W25 digest, -j $j" -q -j $j -s digest --root "$CORPUS" -o "$T/w25-$j.pdf" "$week" || exit 0
done
pdf="$T/w25-1.pdf"
size=$(wc -c <"$pdf")
if [ "$size" -le 204800 ]; then pass "the W25 digest is at most 200 KB ($size bytes)"
else fail "the W25 digest is at most 200 KB" "$size bytes"; fi
check "the W25 digest, -j 2: the bytes of -j 1" cmp "$pdf" "$T/w25-2.pdf"
# the third level's bullet (■) comes from NanumMyeongjo, which the digest
# embeds anyway: no face of Noto Serif CJK for one glyph (▪ was its alone)
check "no Noto Serif CJK face for a list bullet" sh -c "! pdffonts '$pdf' | grep -q 'NotoSerifCJK'"
check "qpdf --check: no errors" sh -c "qpdf --check '$pdf' | grep -q 'No syntax or stream encoding errors found'"
check "every object but the streams in an object stream; a cross-reference stream, no table" /usr/bin/python3 -c "
import pikepdf, re, subprocess, sys
f = sys.argv[1]
raw = open(f, 'rb').read()
at = int(raw[raw.rindex(b'startxref') + 9:].split()[0])
assert re.match(rb'\d+ 0 obj', raw[at:]) and b'/Type /XRef' in raw[at:at + 400], 'startxref: no xref stream'
assert b'\ntrailer' not in raw and b'\nxref\n' not in raw, 'a classic cross-reference table'
assert raw.endswith(b'%%EOF\n')
xr = subprocess.run(['qpdf', '--show-xref', f], capture_output=True, text=True, check=True).stdout
pdf = pikepdf.open(f)
loose = [n for n in re.findall(r'^(\d+)/0: uncompressed', xr, re.M)
         if not isinstance(pdf.get_object(int(n), 0), pikepdf.Stream)]
assert not loose, 'not packed: ' + ' '.join(loose[:10])
packed = len(re.findall(r'compressed; stream = ', xr))
assert packed > 500, packed
t = pdf.trailer
assert '/Encrypt' not in t and t.Type == '/XRef'
assert len(t.ID) == 2 and all(len(bytes(i)) == 16 for i in t.ID) and t.ID[0] == t.ID[1]
" "$pdf"
check "every stream deflated but the XMP, which stays readable" /usr/bin/python3 -c "
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
for o in pdf.objects:
    if isinstance(o, pikepdf.Stream) and o.get('/Type') not in ('/Metadata', '/ObjStm', '/XRef'):
        fl = o.get('/Filter')
        fl = [str(x) for x in fl] if isinstance(fl, pikepdf.Array) else [str(fl)]
        assert fl in (['/FlateDecode'], ['/DCTDecode']), (o.objgen, fl)
meta = pdf.Root.Metadata
assert '/Filter' not in meta and b'pdfaid:part' in meta.read_raw_bytes()
" "$pdf"
check "TrueType programs: no 'cmap', 'name' or 'post'; every font embedded and subset" /usr/bin/python3 -c "
import io, pikepdf, sys
from fontTools.ttLib import TTFont
pdf = pikepdf.open(sys.argv[1])
n = 0
for page in pdf.pages:
    for name, f in page.Resources.Font.items():
        d = f.DescendantFonts[0].FontDescriptor
        assert str(f.BaseFont)[7] == '+', f.BaseFont
        if '/FontFile2' in d:
            tables = set(TTFont(io.BytesIO(d.FontFile2.read_bytes())).reader.tables)
            assert not tables & {'cmap', 'name', 'post'}, (f.BaseFont, tables)
            assert {'glyf', 'loca', 'hmtx', 'head', 'hhea', 'maxp'} <= tables, (f.BaseFont, tables)
            n += 1
        else:
            assert '/FontFile3' in d, f.BaseFont
assert n >= 4, n
" "$pdf"
sources=$(sed -n 's|^  - \.\./\(releases/.*\.md\)$|\1|p' "$week")
check "the week's releases found in the manifest" [ "$(echo "$sources" | wc -l)" -eq 7 ]
# shellcheck disable=SC2046 # one word a release
conforms "W25 digest" "$pdf" $(echo "$sources" | sed "s|^|$CORPUS/|")
