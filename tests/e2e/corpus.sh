# Every release of the corpus renders alone (exit 0) and is PDF/A-2a
# (pdfa-check) and PDF/UA-1 (pdfa11y, text fidelity included: --source) with
# 0 failed; one render per file serves both checkers. The styles take turns
# (release i in style i mod 3), so that each style renders a third of the
# releases alone, Korean and English; every release in every style is checked
# in one PDF (pdfa.sh) and in its weekly bulletin (bulletin.sh).
. tests/lib.sh
set -- print digest archive
i=0
for r in "$CORPUS"/releases/*/*.md; do
    eval "style=\${$((i % 3 + 1))}"
    i=$((i + 1))
    name="$(basename "$r" .md) -s $style"
    renders "render $name" -q -s "$style" --root "$ROOT" -o "$T/r.pdf" "$r" &&
        conforms "$name" "$T/r.pdf" "$r"
done
check "every corpus release rendered alone ($i)" test "$i" -eq "$(cat "$CORPUS"/bulletins/2019-W*.yaml | grep -c '^  - .*\.md$')"
