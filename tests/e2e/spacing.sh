# Word spacing of justified lines, as tests/tools/spacing.py measures it,
# on every corpus release rendered alone (one PDF each), in each shipped
# style, the releases grouped by language (*-en.md, *-ko.md). The bar is the
# goal of issue 6, with no exception: no very loose line, at most 10 % loose
# lines in English and 15 % in Korean, and no line the renderer itself
# reports as very loose or overfull. spacing.py's own line is printed.
. tests/lib.sh
for style in styles/*.yaml; do
    s=$(basename "$style" .yaml)
    for lang in en ko; do
        bar=10
        [ "$lang" = ko ] && bar=15
        out="$T/$s-$lang"
        mkdir -p "$out"
        : >"$out.err"
        for r in "$CORPUS"/releases/*/*-"$lang".md; do
            if ! "$BULLETIN" -s "$style" --root "$ROOT" -o "$out/$(basename "$r" .md).pdf" "$r" \
                    2>>"$out.err"; then
                fail "spacing: render $(basename "$r") in $s" "$(tail -n 3 "$out.err" | tr '\n' ' ')"
            fi
        done
        reported=$(grep -c 'warning: \(very loose\|overfull\) line' "$out.err")
        line=$(python3 "$TOOLS/spacing.py" "$out"/*.pdf)
        # "justified N, loose N (P%), very loose N (P%), worst R, hyphenated ends N"
        justified=$(echo "$line" | sed -n 's/^justified \([0-9]*\),.*/\1/p')
        loose=$(echo "$line" | sed -n 's/.*, loose \([0-9]*\) .*/\1/p')
        very=$(echo "$line" | sed -n 's/.*very loose \([0-9]*\) .*/\1/p')
        name="spacing $s $lang: $line (bar: no very loose line, at most $bar % loose"
        if [ -z "$justified" ] || [ "$justified" -eq 0 ]; then
            fail "$name)" "no justified line measured"
        elif [ $((loose * 100)) -gt $((bar * justified)) ]; then
            fail "$name)" "more than $bar % loose lines"
        elif [ "$very" -gt 0 ]; then
            fail "$name)" "$very very loose"
        elif [ "$reported" -gt 0 ]; then
            fail "$name)" "$(grep 'warning: \(very loose\|overfull\) line' "$out.err" | head -n 3 | tr '\n' ' ')"
        else
            pass "$name)"
        fi
    done
done
