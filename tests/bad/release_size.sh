# A release larger than the limit (--max-release-size, default 4 MiB) is
# refused at its first line before it is read: exit 1, nothing written, an
# older PDF untouched — named on the command line, in a manifest, or read
# through a pipe (which stat cannot size: the read stops past the limit).
# The files are made here; the one over the default is sparse (17 MiB that
# take no disk and, refused from its size alone, are never read).
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
front='---\ntitle: "Long"\ndate: 2019-06-19\nlang: en\n---\n\n'
{ printf -- "$front"; awk 'BEGIN { for (i = 0; i < 1000; i++) printf "word%d ", i; print "" }'; } >big.md

expect "over --max-release-size 4k" 1 \
    '^big\.md:1:1: error: the release is [0-9.]+ KiB, more than the 4\.0 KiB a release may be \(--max-release-size' \
    --max-release-size 4k big.md

cat big.md | expect "over the limit through a pipe" 1 \
    '^/dev/stdin:1:1: error: the release is more than the 4\.0 KiB a release may be' \
    --max-release-size 4k /dev/stdin

printf 'title: "Weekly"\nissue: 25\ndate: 2019-06-21\nlang: en\nreleases:\n  - big.md\n' >week.yaml
expect "over the limit in a manifest" 1 '^big\.md:1:1: error: the release is .* more than the 4\.0 KiB' \
    --max-release-size 4k week.yaml

truncate -s 17M sparse.md
expect "over the default 4 MiB, refused unread" 1 \
    '^sparse\.md:1:1: error: the release is 17\.0 MiB, more than the 4\.0 MiB a release may be' sparse.md

for bad in 12x 0 k 4G -1; do
    expect "--max-release-size $bad is a usage error" 2 "^bulletin: error: --max-release-size wants a size" \
        --max-release-size "$bad" big.md
done

cp old.pdf out.pdf
if "$BULLETIN" -q --root "$T" -o out.pdf --max-release-size 1M big.md 2>stderr && ! cmp -s out.pdf old.pdf
then pass "under --max-release-size 1M it renders"
else fail "under --max-release-size 1M it renders" "$(head -c 300 stderr)"; fi
