# Every release of the corpus renders alone (exit 0) in each style and is
# PDF/A-2a (pdfa-check) and PDF/UA-1 (pdfa11y, text fidelity included:
# --source) with 0 failed; one render per file serves both checkers.
. tests/lib.sh
for style in print digest archive; do
    for r in "$CORPUS"/releases/*/*.md; do
        name="$(basename "$r" .md) -s $style"
        renders "render $name" -q -s "$style" --root "$ROOT" -o "$T/r.pdf" "$r" &&
            conforms "$name" "$T/r.pdf" "$r"
    done
done
