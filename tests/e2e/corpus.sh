# Every release of the corpus renders alone (exit 0) and passes the
# accessibility checker with 0 failed, text fidelity included (--source).
. tests/lib.sh
for r in "$SHARED"/corpus/releases/*/*.md; do
    name=$(basename "$r" .md)
    if ! "$BULLETIN" -q --root "$ROOT" -o "$T/r.pdf" "$r" 2>"$T/err"; then
        fail "render $name" "$(head -c 300 "$T/err")"
        continue
    fi
    if "$PDFA11Y" "$T/r.pdf" --source "$r" >"$T/a11y" 2>&1; then
        pass "pdfa11y $name"
    else
        fail "pdfa11y $name" "$(grep '^FAIL' "$T/a11y" | head -n 3 | tr '\n' ' ') $(tail -n 1 "$T/a11y")"
    fi
done
