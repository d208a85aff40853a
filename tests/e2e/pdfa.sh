# PDF/A-2a and PDF/UA-1 at once on the documents users make: every release
# of the corpus in one PDF, the examples and the
# example bulletin (its manifest), in each style; both checkers report 0
# failed. One render per file serves both. The example bulletin's cover:
# its logo a Figure with the publisher's name as /Alt, the band an artifact,
# placed and coloured as the style says (tests/e2e/cover_check.py). (The
# corpus's weekly and yearly manifests: tests/e2e/bulletin.sh.)
. tests/lib.sh
render_and_check() {   # NAME STYLE ROOT SOURCES...
    name=$1 style=$2 root=$3; shift 3
    renders "render $name -s $style" -q -s "$style" --root "$root" -o "$T/d.pdf" "$@" &&
        conforms "$name -s $style" "$T/d.pdf" "$@"
}
for style in print digest archive; do
    render_and_check "every corpus release" "$style" "$ROOT" $(ls "$CORPUS"/releases/*/*.md)
    render_and_check "examples" "$style" . examples/*.md
    renders "render example bulletin -s $style" -q -s "$style" --root . -o "$T/e.pdf" \
            examples/bulletin.yaml || continue
    conforms "example bulletin -s $style" "$T/e.pdf" examples/*.md
    /usr/bin/python3 tests/e2e/cover_check.py "$T/e.pdf" examples/bulletin.yaml \
        "styles/$style.yaml" | sed "s/^\(PASS\|FAIL\) /\1 example bulletin -s $style: /"
done
