# Bulletins and volumes from their manifests: every weekly manifest of the
# corpus and the 2019 volume in each shipped style, and the 520-release bench
# volume. Each renders, is PDF/A-2a (pdfa-check) and PDF/UA-1 (pdfa11y, with
# the releases as --source; the bench volume: pdfa11y alone, pdfa-check takes
# most of a minute on it), and has the shape tests/e2e/bulletin_check.py
# checks: labels, outline order, contents numbers, right-hand starts, heading
# levels; and the furniture tests/e2e/furniture_check.py checks against the
# style's templates: every page's label once, each header and footer as its
# template says, verso and recto.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1561075200
CHECKER="/usr/bin/python3 tests/e2e/bulletin_check.py"
FURNITURE="/usr/bin/python3 tests/e2e/furniture_check.py"

# the releases a weekly manifest lists, as paths
releases_of() {
    dir=$(dirname "$1")
    sed -n 's/^  - \(.*\.md\)$/\1/p' "$1" | while read -r r; do echo "$dir/$r"; done
}

# render NAME MANIFEST STYLE: renders into $T/NAME.pdf; prints the checks
render() {
    name=$1 manifest=$2 style=$3
    renders "render $name" -s "$style" --root "$ROOT" -o "$T/$name.pdf" "$manifest" || return 1
    if grep -q 'link target is not in the layout' "$T/err"; then   # a footnote or contents link lost its target
        fail "render $name: every internal link has its target" "$(grep -m 2 'link target' "$T/err")"
    fi
    sided=""
    [ "$style" = digest ] || sided=--two-sided
    $CHECKER "$T/$name.pdf" "$manifest" $sided | sed "s/^\(PASS\|FAIL\) /\1 $name: /"
    [ "$name" = bench ] ||   # its thousand pages add nothing the 2019 volume does not show
        $FURNITURE "$T/$name.pdf" "$manifest" "styles/$style.yaml" | sed "s/^\(PASS\|FAIL\) /\1 $name: /"
}

for m in "$CORPUS"/bulletins/2019-W*.yaml; do
    week=$(basename "$m" .yaml)
    for style in print digest archive; do
        render "$week-$style" "$m" "$style" || continue
        conforms "$week-$style (text of every release)" "$T/$week-$style.pdf" $(releases_of "$m")
    done
done

vol="$CORPUS/bulletins/2019.yaml"
all=""
for w in $(sed -n 's/^  - \(.*\.yaml\)$/\1/p' "$vol"); do
    all="$all $(releases_of "$CORPUS/bulletins/$w")"
done
for style in print digest archive; do
    render "2019-$style" "$vol" "$style" &&
        conforms "2019-$style (text of every release)" "$T/2019-$style.pdf" $all
done

render bench "$CORPUS/bench/2019-volume.yaml" archive &&
    check "bench volume: pdfa11y 0 failed" "$PDFA11Y" "$T/bench.pdf"
