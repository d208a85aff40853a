# A release that is one long paragraph, made here: 300 kB of one letter (no
# break opportunity: every line ends at a last-resort break, R7.2) and 300 kB
# of English sentences (hyphenated), each past the size from which a paragraph
# is set in windows of its text (src/text/window.c). Each renders, its text
# whole and once, and pdfa11y, pdfa-check and qpdf find nothing wrong (the
# English one with pdfa11y's text fidelity: a 300 kB "word" of one letter
# split over lines without hyphens is not one a reader's software can find).
# How long they take is make bench's business.
. tests/lib.sh
front() { printf -- '---\ntitle: "%s"\ndate: 2019-06-17\nlang: en\n---\n\n' "$1"; }
{ front "One word"; awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%s", sprintf("%100s", ""); print "" }' | tr ' ' x; } >"$T/word.md"
{ front "One paragraph"
  awk 'BEGIN { s = "The ministry announced on Monday that the programme, which supports universities specialising in software education, would be extended to thirty-five institutions by 2025, with internationalisation and interdisciplinary research. "
      for (n = 0; n + length(s) <= 300000; n += length(s)) printf "%s", s; print "" }'
} >"$T/para.md"

if renders "one 300 kB word renders" -q -o "$T/word.pdf" "$T/word.md"; then
    pass "one 300 kB word renders"
    letters=$(pdftotext "$T/word.pdf" - | tr -cd x | wc -c)
    check "its 300,000 letters all shown, once ($letters)" test "$letters" -eq 300000
    check "pdfa11y word" "$PDFA11Y" "$T/word.pdf"
    check "pdfa-check word" "$PDFACHECK" "$T/word.pdf"
    check "qpdf --check word" qpdf --check "$T/word.pdf"
fi
if renders "a 300 kB paragraph renders" -q -o "$T/para.pdf" "$T/para.md"; then
    pass "a 300 kB paragraph renders"
    want=$(grep -o 'interdisciplinary' "$T/para.md" | wc -l)
    words=$(pdftotext "$T/para.pdf" - | tr -d ' \n' | grep -o 'interdisciplinary' | wc -l)
    check "its $want sentences all shown, once ($words)" test "$words" -eq "$want"
    conforms "paragraph" "$T/para.pdf" "$T/para.md"
    check "qpdf --check paragraph" qpdf --check "$T/para.pdf"
fi
