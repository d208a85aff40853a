# The digest as an e-mail message (--mail), read by real mail software:
# Python's email (tests/e2e/mail_check.py: headers, structure, bodies, the
# attachment's bytes, no defect), mblaze (mshow lists the parts and extracts
# the very PDF), tidy (the HTML part), and an SMTP server (aiosmtpd) that
# msmtp -t delivers it to: every To, Cc and Bcc address in the envelope, no
# Bcc header in what arrived, the PDF intact. Two runs, -j 1 and -j 2 give
# the same bytes; a failure leaves the old PDF and message as they were; the
# command line's addresses replace the manifest's.
. tests/lib.sh
unset SOURCE_DATE_EPOCH
export MBLAZE="$T/mblaze"   # mblaze's own state, not the user's
mkdir -p "$MBLAZE" && : >"$MBLAZE/seq"
CHECKER="/usr/bin/python3 tests/e2e/mail_check.py"

# the W25 bulletin with a mail: block, its releases reached from $T
rel=$(realpath --relative-to="$T" "$CORPUS/bulletins")
sed "s|^  - \.\./|  - $rel/../|" "$CORPUS/bulletins/2019-W25.yaml" >"$T/week.yaml"
cat >>"$T/week.yaml" <<'EOF'
mail:
  from: "주 캐나다 대사관 <ottawa@example.go.kr>"
  to:
    - press@example.go.kr
    - '"Smith, John" <john@example.org>'
  cc: ["Korean Cultural Centre <kcc@example.org>", John Q. Public <jqp@example.org>,
       '"Kim, 철수" <kim@example.org>']
  bcc: [archive@example.go.kr, "정책홍보팀 <policy@example.go.kr>"]
  reply-to: Spokesperson's Office <spokesperson@example.go.kr>
EOF
cat >"$T/expect.json" <<'EOF'
{"from": ["주 캐나다 대사관", "ottawa@example.go.kr"],
 "to": [[null, "press@example.go.kr"], ["Smith, John", "john@example.org"]],
 "cc": [["Korean Cultural Centre", "kcc@example.org"], ["John Q. Public", "jqp@example.org"],
        ["Kim, 철수", "kim@example.org"]],
 "bcc": [[null, "archive@example.go.kr"], ["정책홍보팀", "policy@example.go.kr"]],
 "reply-to": ["Spokesperson's Office", "spokesperson@example.go.kr"],
 "date": "Fri, 21 Jun 2019 00:00:00 +0000", "filename": "week.pdf"}
EOF
mkdir -p "$T/a" "$T/b" "$T/j1" "$T/j2"
renders "the W25 digest and its message" -q -s digest --root "$ROOT" -o "$T/a/week.pdf" \
    --mail "$T/a/week.eml" "$T/week.yaml" || exit 0
$CHECKER "$T/a/week.eml" "$T/a/week.pdf" "$T/week.yaml" "$T/expect.json"
check "the PDF written with the message conforms: pdfa-check" "$PDFACHECK" "$T/a/week.pdf"

# mblaze: the parts, and the attachment extracted is the PDF
mshow -t "$T/a/week.eml" >"$T/parts" 2>&1
check "mshow -t lists the parts" grep -q 'text/plain.*' "$T/parts"
check "mshow -t: mixed, alternative, plain, html, the PDF by name" /usr/bin/python3 -c "
import re, sys
t = [re.sub(r'^\s*\d+: ', '', l).split()[0] for l in open(sys.argv[1]) if re.match(r'^\s*\d+:', l)]
sys.exit(t != ['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/html', 'application/pdf'])
" "$T/parts"
check "mshow -t names the attachment" grep -q 'application/pdf .*name="week.pdf"' "$T/parts"
mkdir -p "$T/x" && (cd "$T/x" && mshow -x "$T/a/week.eml" >/dev/null 2>&1)
check "mshow -x extracts the very PDF" cmp "$T/x/week.pdf" "$T/a/week.pdf"
mshow -O "$T/a/week.eml" 5 >"$T/x/five.pdf" 2>/dev/null
check "mshow -O 5 writes the very PDF" cmp "$T/x/five.pdf" "$T/a/week.pdf"
mshow -O "$T/a/week.eml" 4 >"$T/week.html" 2>/dev/null
mshow -O "$T/a/week.eml" 3 >"$T/week.txt" 2>/dev/null
check "tidy -errors: the HTML part has none" tidy -errors -q "$T/week.html"
for t in $(sed -n 's/^  - \(.*\.md\)$/\1/p' "$T/week.yaml"); do
    title=$(sed -n 's/^title: *"\(.*\)"$/\1/p' "$T/$t" | head -n 1)
    grep -qF "$title" "$T/week.html" || fail "mshow: both parts hold every title" "html lacks $title"
done
check "mshow: the plain part as a reader sees it starts with the title" \
    grep -q '^MSIT Weekly Press Releases — Issue 25, 2019$' "$T/week.txt"

# the same bytes: two runs (another second), -j 1 and -j 2
sleep 1
renders "a second run" -q -s digest --root "$ROOT" -o "$T/b/week.pdf" --mail "$T/b/week.eml" \
    "$T/week.yaml" && check "two runs: the same message, byte for byte" cmp "$T/a/week.eml" "$T/b/week.eml"
for j in 1 2; do
    renders "-j $j" -q -j $j -s digest --root "$ROOT" -o "$T/j$j/week.pdf" --mail "$T/j$j/week.eml" \
        "$T/week.yaml"
done
check "-j 1 and -j 2: the same message" cmp "$T/j1/week.eml" "$T/j2/week.eml"
check "-j 2: the same as the first run" cmp "$T/j2/week.eml" "$T/a/week.eml"

# delivered over SMTP with msmtp -t
rm -f "$T/got".*
/usr/bin/python3 tests/e2e/smtp_sink.py "$T/got" 30 &
sink=$!
i=0
while [ ! -s "$T/got.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$T/got.port" ]; then
    printf 'defaults\nsyslog off\n' >"$T/msmtprc" && chmod 600 "$T/msmtprc"
    check "msmtp -t sends it to the local server" msmtp -C "$T/msmtprc" --host=127.0.0.1 \
        --port="$(cat "$T/got.port")" --auth=off --tls=off --from=ottawa@example.go.kr -t \
        <"$T/a/week.eml"
    i=0
    while [ ! -s "$T/got.json" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    check "delivered: every To, Cc and Bcc address in the envelope" /usr/bin/python3 -c "
import json, sys
e = json.load(open(sys.argv[1]))
want = ['press@example.go.kr', 'john@example.org', 'kcc@example.org', 'jqp@example.org',
        'kim@example.org', 'archive@example.go.kr', 'policy@example.go.kr']
sys.exit(sorted(e['to']) != sorted(want) or e['from'] != 'ottawa@example.go.kr')
" "$T/got.json"
    check "delivered: no Bcc header" /usr/bin/python3 -c "
import email, sys
from email import policy
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
sys.exit(m['Bcc'] is not None or m['To'] is None or 'Smith, John' not in str(m['To']))
" "$T/got.eml"
    check "delivered: the PDF intact" /usr/bin/python3 -c "
import email, sys
from email import policy
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
pdf = [p for p in m.walk() if p.get_content_type() == 'application/pdf'][0]
sys.exit(pdf.get_content() != open(sys.argv[2], 'rb').read())
" "$T/got.eml" "$T/a/week.pdf"
else
    fail "an SMTP server on 127.0.0.1" "smtp_sink.py did not start (python3-aiosmtpd: make deps)"
fi
kill "$sink" 2>/dev/null
wait "$sink" 2>/dev/null

# a Korean file name: an ASCII name= for old readers, filename* for the rest
mkdir -p "$T/k"
name="제25호 주간 보도자료 모음.pdf"
renders "a Korean file name" -q -s digest --root "$ROOT" -o "$T/k/$name" --mail "$T/k/week.eml" \
    "$T/week.yaml" && {
    sed "s|\"filename\": \"week.pdf\"|\"filename\": \"$name\"|" "$T/expect.json" >"$T/expect-k.json"
    $CHECKER "$T/k/week.eml" "$T/k/$name" "$T/week.yaml" "$T/expect-k.json" |
        grep -E 'filename|name=|attachment|ASCII' | sed 's/^\(PASS\|FAIL\) /\1 Korean file name: /'
    mkdir -p "$T/kx" && (cd "$T/kx" && mshow -x "$T/k/week.eml" >/dev/null 2>&1)
    check "mshow -x: the Korean file name, the very PDF" cmp "$T/kx/$name" "$T/k/$name"
}

# the command line over the manifest: its recipients replace all of the block's
renders "--mail-from, --mail-to over the block" -q -s digest --root "$ROOT" -o "$T/c.pdf" \
    --mail "$T/c.eml" --mail-from "Test <test@example.org>" --mail-to me@example.org \
    "$T/week.yaml" && check "the options' sender and only their recipient" /usr/bin/python3 -c "
import email, sys
from email import policy
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
sys.exit(str(m['From']) != 'Test <test@example.org>' or str(m['To']) != 'me@example.org'
         or m['Cc'] is not None or m['Bcc'] is not None or m['Reply-To'] is None)
" "$T/c.eml"
renders "releases alone, the addresses as options" -q --root "$ROOT" -o "$T/r.pdf" --mail "$T/r.eml" \
    --mail-from a@example.org --mail-to b@example.org --mail-cc c@example.org \
    "$CORPUS"/releases/2019-W25/2019-06-18-5g-plus-review-en.md &&
    check "releases alone: a message too" grep -q '^Cc: c@example.org$' "$T/r.eml"

# failures: nothing half-written, both old files as they were
cd "$T" || exit 1
printf 'old pdf\n' >old.pdf && printf 'old eml\n' >old.eml
both_old() {   # NAME EXIT PATTERN ARGS...: the exit, the message, both files untouched
    name=$1 want=$2 pattern=$3; shift 3
    cp old.pdf out.pdf && cp old.eml out.eml
    "$BULLETIN" -q --root "$ROOT" "$@" >stdout 2>stderr
    rc=$?
    if [ "$rc" -ne "$want" ]; then fail "$name" "exit $rc, want $want: $(head -c 300 stderr)"; return; fi
    if ! grep -q -E -- "$pattern" stderr; then fail "$name" "stderr lacks /$pattern/: $(head -c 300 stderr)"; return; fi
    if ! cmp -s out.pdf old.pdf || ! cmp -s out.eml old.eml; then fail "$name" "an old file changed"; return; fi
    if ls | grep -q '\.tmp'; then fail "$name" "temporary file left: $(ls | grep tmp)"; return; fi
    pass "$name"
}
both_old "the message's folder missing: the PDF not replaced either" 3 "cannot create a temporary file beside nofolder/x.eml" \
    -s digest -o out.pdf --mail nofolder/x.eml week.yaml
both_old "the message a folder" 2 "the message 'a' is a folder" -o out.pdf --mail a week.yaml
both_old "the message the PDF itself" 2 "names the PDF itself" -o out.pdf --mail out.pdf week.yaml
both_old "the message one of the inputs" 2 "is one of the inputs" -o out.pdf --mail week.yaml week.yaml
both_old "--mail-to without --mail" 2 "^bulletin: error: --mail-to needs --mail FILE.eml" -o out.pdf \
    --mail-to a@example.org week.yaml
both_old "a bad --mail-to: a usage error" 2 "^bulletin: error: --mail-to: not an e-mail address \(RFC 5322\): 'nobody' has no '@'" \
    -o out.pdf --mail out.eml --mail-to nobody week.yaml
both_old "a line feed in --mail-from" 2 "^bulletin: error: --mail-from: not an e-mail address \(RFC 5322\): a line feed" \
    -o out.pdf --mail out.eml --mail-from "$(printf 'a@example.org\nBcc: x@example.org')" week.yaml
both_old "--mail with no mail: block and no addresses says what to add" 2 \
    "^bulletin: error: --mail: the message has no sender and no recipient: add a 'mail:' block to the manifest \(from:, to:\) or give --mail-from ADDR and --mail-to ADDR" \
    -o out.pdf --mail out.eml "$CORPUS"/releases/2019-W25/2019-06-18-5g-plus-review-en.md
both_old "--mail with a sender but no recipient" 2 "has no recipient: .* give --mail-to ADDR" \
    -o out.pdf --mail out.eml --mail-from a@example.org "$CORPUS"/releases/2019-W25/2019-06-18-5g-plus-review-en.md
printf -- '---\ntitle: "W"\ndate: 2019-06-19\nlang: en\nunknown: 1\n---\n\nText.\n' >warn.md
both_old "--strict with a warning: neither written" 1 "treated as errors" --strict -o out.pdf \
    --mail out.eml --mail-from a@example.org --mail-to b@example.org warn.md
