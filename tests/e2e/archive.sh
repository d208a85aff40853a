# The archive: the 2019 volume in the archive style carries its sources —
# each release's Markdown, its images and the manifests — as PDF/A-3
# associated files, and can render itself again: what pdfdetach lists and a
# PDF library extracts are the input files byte for byte, and rendering the
# extracted files (laid out in their folders, same style, same machine) gives
# the same PDF byte for byte. Print and digest stay PDF/A-2a without files.
. tests/lib.sh
unset SOURCE_DATE_EPOCH   # the document's own instant: the newest date of its inputs
vol="$CORPUS/bulletins/2019.yaml"
PY=/usr/bin/python3

renders "archive: the 2019 volume renders" -s archive --root "$CORPUS" -o "$T/a.pdf" "$vol" || exit 0
conforms "archive volume" "$T/a.pdf"
check "archive: pdfa-check reads it as PDF/A-3A (pdfaid:part 3)" \
    sh -c "'$PDFACHECK' '$T/a.pdf' 2>&1 | grep -q 'as PDF/A-3A'"

# what the volume was made from: its manifests, the releases they list, the images those show
{
    echo bulletins/2019.yaml
    for w in $(sed -n 's/^  - \(.*\.yaml\)$/\1/p' "$vol"); do
        echo "bulletins/$w"
        for r in $(sed -n 's/^  - \.\.\/\(.*\.md\)$/\1/p' "$CORPUS/bulletins/$w"); do
            echo "$r"
            sed -n 's/.*](\.\.\/\.\.\/\(images\/[^) ]*\)).*/\1/p' "$CORPUS/$r"
        done
    done
} | sort -u >"$T/want"
pdfdetach -list "$T/a.pdf" | sed -n 's/^[0-9]*: //p' | sort >"$T/listed"
check "archive: pdfdetach -list lists every manifest, release and image, once ($(wc -l <"$T/want") files)" \
    cmp "$T/want" "$T/listed"

# extract every file by its /UF into a fresh folder; each is its input, byte for byte
mkdir -p "$T/rt"
cat >"$T/extract.py" <<'EOF'
import os, sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
for name, spec in pdf.attachments.items():
    path = os.path.join(sys.argv[2], spec.filename)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(spec.get_file().read_bytes())
EOF
check "archive: every file extracts (pikepdf)" $PY "$T/extract.py" "$T/a.pdf" "$T/rt"
bad=""
while read -r f; do cmp -s "$T/rt/$f" "$CORPUS/$f" || bad="$bad $f"; done <"$T/want"
if [ -z "$bad" ]; then pass "archive: the extracted files are the inputs, byte for byte"
else fail "archive: the extracted files are the inputs, byte for byte" "differ:$bad"; fi
n=$(grep -n '^releases/2019-W25/2019-06-19-korea-canada-jcm-ko.md$' "$T/listed" | cut -d: -f1)
pdfdetach -list "$T/a.pdf" | grep -q "^$n: releases/2019-W25/2019-06-19-korea-canada-jcm-ko.md$" &&
    pdfdetach -save "$n" -o "$T/one.md" "$T/a.pdf" &&
    check "archive: pdfdetach -save gives a release back unchanged" \
        cmp "$T/one.md" "$CORPUS/releases/2019-W25/2019-06-19-korea-canada-jcm-ko.md"

# the associated files: each release's Markdown (and images) on its Sect, the manifests on the catalog
cat >"$T/assoc.py" <<'EOF'
import sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
root, bad = pdf.Root, []
def kids(e):
    k = e.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]
def walk(e, out):
    for k in kids(e):
        if isinstance(k, pikepdf.Dictionary) and k.get("/S") is not None:
            if k.S == "/Sect" and "/AF" in k:
                out.append(k)
            walk(k, out)
    return out
sects = walk(root.StructTreeRoot, [])
def check_spec(fs, mime, where):
    ef = fs.EF.F
    if fs.get("/AFRelationship") != "/Source": bad.append(where + ": not /Source")
    if str(fs.F) != str(fs.UF) or not str(fs.UF): bad.append(where + ": /F and /UF")
    if str(ef.Subtype)[1:] != mime: bad.append(where + ": %s is not %s" % (ef.Subtype, mime))
    if "/ModDate" not in ef.Params or int(ef.Params.Size) != len(ef.read_bytes()):
        bad.append(where + ": /Params")
    if not str(fs.get("/Desc", "")): bad.append(where + ": no /Desc")
for s in sects:
    check_spec(s.AF[0], "text/markdown", "Sect %s" % s.AF[0].UF)
    for fs in list(s.AF)[1:]:
        check_spec(fs, "image/png" if str(fs.UF).endswith(".png") else "image/jpeg", str(fs.UF))
for fs in root.AF:
    check_spec(fs, "application/yaml", str(fs.UF))
print("%d releases, %d manifests" % (len(sects), len(root.AF)))
if len(sects) != int(sys.argv[2]) or len(root.AF) != int(sys.argv[3]): bad.append("counts")
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
nrel=$(grep -c '\.md$' "$T/want")
nman=$(grep -c '\.yaml$' "$T/want")
check "archive: each release's Markdown (and images) on its Sect's /AF, the manifests on the catalog's, each /Source with its MIME type, /Params and /Desc" \
    $PY "$T/assoc.py" "$T/a.pdf" "$nrel" "$nman"

# the archive renders itself again: the extracted files, same style, same bytes
# (their dates are the extraction's, not the inputs': /ModDate is the document's instant)
renders "archive: the extracted volume renders" -s archive --root "$T/rt" -o "$T/b.pdf" \
    "$T/rt/bulletins/2019.yaml" &&
    check "archive: rendering the extracted files gives the same PDF, byte for byte" \
        cmp "$T/a.pdf" "$T/b.pdf"

# the example bulletin too: its manifest names the cover's logo, carried with it
renders "archive: the example bulletin renders" -s archive --root "$ROOT" -o "$T/ex.pdf" \
    "$ROOT/examples/bulletin.yaml" &&
    pdfdetach -list "$T/ex.pdf" | grep -q ': examples/images/msit-logo.png$' &&
    mkdir -p "$T/ex" && $PY "$T/extract.py" "$T/ex.pdf" "$T/ex" &&
    renders "archive: the extracted example renders" -s archive --root "$T/ex" -o "$T/ex2.pdf" \
        "$T/ex/examples/bulletin.yaml" &&
    check "archive: the example bulletin, its logo carried, renders itself again byte for byte" \
        cmp "$T/ex.pdf" "$T/ex2.pdf"

# without images (sources.images: false) the images are not carried; the round
# trip then needs them beside the extracted files
printf 'sources: {embed: true, images: false}\n' >"$T/noimages.yaml"
renders "archive: sources without images" -s "$T/noimages.yaml" --root "$CORPUS" -o "$T/c.pdf" "$vol"
if pdfdetach -list "$T/c.pdf" | grep -q 'images/'; then
    fail "archive: sources.images false carries no image" "$(pdfdetach -list "$T/c.pdf" | grep images/ | head -2)"
else
    pass "archive: sources.images false carries no image"
fi

# print and digest stay PDF/A-2a and carry nothing
for style in print digest; do
    renders "archive: the volume in $style" -s "$style" --root "$CORPUS" -o "$T/$style.pdf" "$vol" || continue
    if pdfdetach -list "$T/$style.pdf" | grep -q '^0 embedded files' &&
        "$PDFACHECK" "$T/$style.pdf" 2>&1 | grep -q 'as PDF/A-2A'; then
        pass "archive: $style stays PDF/A-2a, no embedded files"
    else
        fail "archive: $style stays PDF/A-2a, no embedded files" "$(pdfdetach -list "$T/$style.pdf" | head -1)"
    fi
done
