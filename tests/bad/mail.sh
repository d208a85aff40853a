# Bad mail: blocks in a manifest: each problem an error at the value that
# has it (file:line:col), exit 1, and neither the PDF nor the message written
# (older ones left as they were); every problem of a block in one run. A
# mail: block is checked whether or not --mail is given.
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
printf 'old message\n' >old.eml
mkdir -p rel
printf -- '---\ntitle: "Release A"\ndate: 2019-06-19\nlang: en\n---\n\nSome text.\n' >rel/a.md
head='title: "Weekly"\nissue: 25\ndate: 2019-06-21\nlang: en\nreleases:\n  - rel/a.md\n'
week() {   # week FILE LINES...: the manifest with these lines after its head (line 7 on)
    f=$1; shift
    { printf "$head"; for l in "$@"; do printf '%s\n' "$l"; done; } >"$f"
}
errors() { grep -c ': error: ' stderr; }
# mail NAME EXIT PATTERN ARGS...: expect, with --mail out.eml over an old one
mail() {
    cp old.eml out.eml
    expect "$@" --mail out.eml --mail-from x@example.org --mail-to y@example.org
    cmp -s out.eml old.eml || fail "$1: the message" "an old message changed"
}

week good.yaml 'mail:' '  from: "주 캐나다 대사관 <ottawa@example.go.kr>"' '  to: [a@example.org]'
cp old.pdf out.pdf
if "$BULLETIN" -q --root "$T" -o out.pdf good.yaml 2>stderr; then pass "a good mail block renders (no --mail)"
else fail "a good mail block renders (no --mail)" "$(head -c 300 stderr)"; fi

week nofrom.yaml 'mail:' '  to: a@example.org'
mail "no from" 1 "^nofrom\.yaml:7:1: error: 'mail' has no 'from': add the sender's address" nofrom.yaml

week noto.yaml 'mail:' '  from: a@example.org' '  reply-to: b@example.org'
mail "no recipient" 1 "^noto\.yaml:7:1: error: 'mail' names no recipient: add 'to' \(or 'cc', 'bcc'\)" noto.yaml

week emptyto.yaml 'mail:' '  from: a@example.org' '  to: []'
mail "an empty list" 1 "^emptyto\.yaml:9:7: error: 'to' lists nothing" emptyto.yaml

week badto.yaml 'mail:' '  from: a@example.org' '  to:' '    - b@example.org' '    - nobody'
mail "not an address, in a list" 1 "^badto\.yaml:11:7: error: 'nobody' is not an e-mail address \(RFC 5322\): 'nobody' has no '@'" badto.yaml

week comma.yaml 'mail:' '  from: Smith, John <j@example.org>' '  to: b@example.org'
mail "a comma outside quotes" 1 "^comma\.yaml:8:9: error: 'Smith, John <j@example.org>' is not an e-mail address \(RFC 5322\): ',' in a display name must be inside double quotes" comma.yaml

week lf.yaml 'mail:' '  from: a@example.org' '  to: "b@example.org\nBcc: victim@example.org"'
mail "a line feed smuggled in (a YAML escape)" 1 "^lf\.yaml:9:7: error: .* is not an e-mail address \(RFC 5322\): a line feed \(U\+000A\) in an address" lf.yaml

week cr.yaml 'mail:' '  from: "Office\r <a@example.org>"' '  to: b@example.org'
mail "a carriage return in a display name" 1 "^cr\.yaml:8:9: error: .* a carriage return \(U\+000D\)" cr.yaml

week ctl.yaml 'mail:' '  from: a@example.org' '  cc: "Name\x1b[31m <c@example.org>"' '  to: b@example.org'
mail "a control character" 1 "^ctl\.yaml:9:7: error: .* a control character \(U\+001B\)" ctl.yaml

week block.yaml 'mail:' '  from: a@example.org' '  to: |' '    b@example.org' '    c@example.org'
mail "a block scalar of lines" 1 "^block\.yaml:9:7: error: .* a line feed" block.yaml

week fromlist.yaml 'mail:' '  from: [a@example.org, b@example.org]' '  to: c@example.org'
mail "from: a list" 1 "^fromlist\.yaml:8:9: error: 'from' must be one address, not a list" fromlist.yaml

week unknown.yaml 'mail:' '  from: a@example.org' '  to: b@example.org' '  reply_to: c@example.org'
mail "an unknown key, the nearest named" 1 "^unknown\.yaml:10:3: error: unknown key 'reply_to' in 'mail'; did you mean 'reply-to'\? \(from, to, cc, bcc, reply-to\)" unknown.yaml
week tie.yaml 'mail:' '  from: a@example.org' '  to: b@example.org' '  bc: c@example.org'
mail "an unknown key as near to two: no guess" 1 "^tie\.yaml:10:3: error: unknown key 'bc' in 'mail' \(from, to, cc, bcc, reply-to\)" tie.yaml

week twice.yaml 'mail:' '  from: a@example.org' '  to: b@example.org' '  to: c@example.org'
mail "a key given twice" 1 "^twice\.yaml:10:3: error: 'to' given twice in 'mail'" twice.yaml

week scalar.yaml 'mail: a@example.org'
mail "mail: not a mapping" 1 "^scalar\.yaml:7:7: error: 'mail' must be a mapping of from, to, cc, bcc and reply-to, not a string" scalar.yaml

week literal.yaml 'mail:' '  from: a@[192.0.2.1]' '  to: b@example.org'
mail "an address literal" 1 "^literal\.yaml:8:9: error: .* address literals" literal.yaml

week idn.yaml 'mail:' '  from: a@example.org' '  to: b@한국.kr'
mail "a domain not in its xn-- form" 1 "^idn\.yaml:9:7: error: .* write it in its xn-- form" idn.yaml

week many.yaml 'mail:' '  to: [nobody, "a@b.org (c)"]' '  cc: "<x@y.org"'
mail "every problem of a block in one run" 1 "^many\.yaml:8:8: error: 'nobody'" many.yaml
check "every problem: four errors (two addresses, an unclosed '<', no from)" test "$(errors)" -eq 4

week dup.yaml 'mail:' '  from: a@example.org' '  to: [b@example.org, c@example.org]' '  bcc: b@example.org'
cp old.pdf out.pdf
"$BULLETIN" --root "$T" -o out.pdf dup.yaml 2>stderr
check "a recipient named twice: a warning at the second" \
    grep -q "^dup\.yaml:10:8: warning: b@example.org is already a recipient (in 'to')" stderr
