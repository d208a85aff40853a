# Markdown as a Korean press office writes it (tests/corpus/markdown: a week of
# one Korean and one English release): Korean dates that begin list items and
# paragraphs are text, real numbered lists stay lists, <br> in table cells
# breaks the line, in every shipped style, without a warning; the PDF passes
# pdfa11y (with the sources' text) and pdfa-check. What the structure and the
# page's text must show is in markdown_check.py.
. tests/lib.sh
week="$CORPUS/markdown/week.yaml"
sources="$CORPUS/markdown/2019-07-02-data-act-ko.md $CORPUS/markdown/2019-07-03-data-economy-en.md"
for style in print digest archive; do
    pdf="$T/markdown-$style.pdf"
    renders "render the markdown week ($style)" --root "$ROOT" -s "$style" -o "$pdf" "$week" || continue
    check "no message ($style)" test ! -s "$T/err"
    # shellcheck disable=SC2086
    conforms "markdown week ($style)" "$pdf" $sources
    /usr/bin/python3 tests/e2e/markdown_check.py "$style" "$pdf"
done
