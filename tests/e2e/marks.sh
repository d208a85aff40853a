# Marks the font positions by GPOS are drawn where HarfBuzz puts them: x with
# U+0308 U+0304 (HarfBuzz composes ẍ and sets the macron over the diaeresis,
# left and up), q and ɛ with U+0303 (their tildes moved), and the glyph after
# each back on the pen. marks_check.py follows the content stream and
# compares each glyph's place with hb-shape's own advances and offsets. They
# read as written (pdfa11y --source): a mark's glyph reads as its mark, the
# base's as the rest of the cluster, not each as the whole.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1561075200
printf -- '---\ntitle: "Marks"\ndate: 2019-06-19\nlang: en\n---\n\nA macron over a diaeresis: x\314\210\314\204, a tilde: q\314\203. Open e: \311\233\314\203.\n' >"$T/marks.md"
renders "marks" -q --root "$T" -o "$T/marks.pdf" "$T/marks.md" || exit 0
serif=$(fc-match -f '%{file}' 'Noto Serif')   # the print style's Latin face (fonts/myeongjo.fontset)
/usr/bin/python3 tests/e2e/marks_check.py "$T/marks.pdf" "$serif" \
    "$(printf 'x\314\210\314\204,')" "$(printf 'q\314\203.')" "$(printf '\311\233\314\203.')"
conforms "marks" "$T/marks.pdf" "$T/marks.md"
