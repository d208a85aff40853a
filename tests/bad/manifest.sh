# Bad manifests: each problem gives one message at the manifest's own
# file:line:col (a release's own errors at the release's), exit 1, nothing
# written and an older PDF untouched; every problem of a run is reported.
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
mkdir -p rel sub
release() {   # release FILE TITLE
    printf -- '---\ntitle: "%s"\ndate: 2019-06-19\nlang: en\n---\n\nSome text.\n' "$2" >"$1"
}
release rel/a.md "Release A"
release rel/b.md "Release B"
head='title: "Weekly"\nissue: 25\ndate: 2019-06-21\nlang: en\n'
week() {   # week FILE ENTRIES... (written as given, one per line)
    f=$1; shift
    { printf "$head"; printf 'releases:\n'; for e in "$@"; do printf '  - %s\n' "$e"; done; } >"$f"
}
# only the lines of stderr that are errors
errors() { grep -c ': error: ' stderr; }

week good.yaml rel/a.md rel/b.md
cp old.pdf out.pdf
if "$BULLETIN" -q --root "$T" -o out.pdf good.yaml 2>stderr; then pass "a good manifest renders"
else fail "a good manifest renders" "$(head -c 300 stderr)"; fi

week missing.yaml rel/a.md rel/nothere.md
expect "missing release" 1 "^missing\.yaml:7:5: error: cannot read release 'rel/nothere\.md': No such file" missing.yaml

printf "$head"'releases:\n  - rel/a.md\n  - ""\n  -\n' >emptyentry.yaml
expect "empty entries" 1 '^emptyentry\.yaml:7:5: error: empty entry' emptyentry.yaml
check "empty entries: one message each" test "$(errors)" -eq 2

: >rel/empty.md
week emptyfile.yaml rel/a.md rel/empty.md
expect "empty release file: the release's own error" 1 '^rel/empty\.md:1:1: error: file is empty' emptyfile.yaml

mkfifo rel/fifo.md
week fifo.yaml rel/fifo.md
expect "unreadable entry (not a regular file)" 1 "^fifo\.yaml:6:5: error: cannot read release 'rel/fifo\.md': not a regular file" fifo.yaml

mkdir -p rel/folder.md
week folder.yaml rel/folder.md
expect "a folder" 1 "^folder\.yaml:6:5: error: release 'rel/folder\.md' is a folder" folder.yaml

week dup.yaml rel/a.md rel/b.md ./rel/a.md
expect "duplicate entry" 1 "^dup\.yaml:8:5: error: '\./rel/a\.md' is listed twice \(first at line 6\)" dup.yaml
check "duplicate: one message" test "$(errors)" -eq 1

week outside.yaml rel/a.md ../../etc/passwd.md
expect "entry outside the root" 1 "^outside\.yaml:7:5: error: release path leaves the root folder" outside.yaml

week absolute.yaml "$T/rel/a.md"
expect "absolute entry" 1 "^absolute\.yaml:6:5: error: release path '.*' is absolute; write it relative to the manifest" absolute.yaml

week url.yaml https://example.com/a.md
expect "URL entry: never fetched" 1 "^url\.yaml:6:5: error: releases are not fetched" url.yaml

ln -s /etc/hostname rel/link.md
week symlink.yaml rel/link.md
expect "entry leaving the root through a symbolic link" 1 "^symlink\.yaml:6:5: error: release path leaves the root folder" symlink.yaml

week nested.yaml rel/a.md good.yaml
expect "a bulletin listing a bulletin" 1 "^nested\.yaml:7:5: error: a weekly bulletin lists releases \(\.md files\), not manifests" nested.yaml

vol='title: "Year"\nissue: 2019\ndate: 2019-12-31\nlang: ko\nbulletins:\n'
printf "$vol"'  - good.yaml\n  - rel/a.md\n' >volrel.yaml
expect "a volume listing a release" 1 "^volrel\.yaml:7:5: error: a volume lists weekly bulletins \(\.yaml manifests\), not releases" volrel.yaml

printf "$vol"'  - good.yaml\n  - self.yaml\n' >self.yaml
expect "a manifest listing itself" 1 "^self\.yaml:7:5: error: the manifest lists itself" self.yaml

printf "$vol"'  - loop-b.yaml\n' >loop-a.yaml
printf "$vol"'  - loop-a.yaml\n' >loop-b.yaml
expect "manifests in a loop (a volume listing a volume)" 1 "^loop-a\.yaml:6:5: error: 'loop-b\.yaml' is a volume; a volume lists weekly bulletins, not other volumes" loop-a.yaml
check "a loop: one message" test "$(errors)" -eq 1

printf 'title: "T"\nissue: 25\ndate: 2019-06-31\nlang: en\nreleases: rel/a.md\ncolour: blue\n' >typed.yaml
expect "wrong types: a date that is not a day" 1 "^typed\.yaml:3:7: error: date '2019-06-31' is not a real date" typed.yaml
expect "wrong types: releases not a list" 1 "^typed\.yaml:5:11: error: 'releases' must be a list of paths" typed.yaml
check "unknown key: a warning" grep -q "^typed\.yaml:6:1: warning: unknown manifest key 'colour'" stderr

printf 'title: [a, b]\ndate: 2019-06-21\nreleases:\n  - rel/a.md\n' >keys.yaml
expect "a title that is a list" 1 "^keys\.yaml:1:8: error: 'title' must be a string, not a list" keys.yaml
expect "missing keys" 1 "^keys\.yaml:1:1: error: manifest has no 'issue'" keys.yaml
check "missing keys: lang too" grep -q "^keys\.yaml:1:1: error: manifest has no 'lang'" stderr

printf "$head"'releases: []\n' >nothing.yaml
expect "an empty list" 1 "^nothing\.yaml:5:11: error: 'releases' lists nothing" nothing.yaml

printf "$head" >nolist.yaml
expect "no releases nor bulletins" 1 "^nolist\.yaml:1:1: error: manifest has no 'releases' \(a weekly bulletin\) or 'bulletins'" nolist.yaml

printf 'title: "unclosed\nissue: 1\n' >syntax.yaml
expect "YAML syntax error" 1 '^syntax\.yaml:[0-9]+:[0-9]+: error: ' syntax.yaml

: >blank.yaml
expect "empty manifest" 1 '^blank\.yaml:1:1: error: file is empty' blank.yaml

printf -- '---\ntitle: "Bad date"\ndate: 2019-02-30\nlang: en\n---\n\nText.\n' >rel/baddate.md
week relerr.yaml rel/a.md rel/baddate.md
expect "a release's own error at the release's position" 1 '^rel/baddate\.md:3:7: error: date' relerr.yaml

printf "$head"'style: nosuchstyle\nreleases:\n  - rel/a.md\n' >style.yaml
expect "an unknown style named in the manifest" 1 "^style\.yaml:5:8: error: no style named 'nosuchstyle'" style.yaml

# the cover's logo: found inside the root like the releases, checked like any image
mkdir -p images
cp "$CORPUS/images/msit-logo.png" images/logo.png
logo() {   # logo FILE PUBLISHER-LINE LOGO-VALUE: a weekly bulletin with a logo
    { printf "$head"; [ -n "$2" ] && printf '%s\n' "$2"; printf 'logo: %s\nreleases:\n  - rel/a.md\n' "$3"; } >"$1"
}
logo logo.yaml 'publisher: "Press Office"' images/logo.png
cp old.pdf out.pdf
if "$BULLETIN" --root "$T" -o out.pdf logo.yaml 2>stderr && ! [ -s stderr ] &&
   [ "$(pdfimages -list out.pdf | awk '$3 == "image"' | wc -l)" -eq 1 ]; then pass "a logo renders, without a word"
else fail "a logo renders, without a word" "$(head -c 300 stderr)"; fi
logo nopub.yaml '' images/logo.png
if "$BULLETIN" --root "$T" -o out.pdf nopub.yaml 2>stderr &&
   grep -q "^nopub\.yaml:5:7: warning: the logo has no alt text without a 'publisher'" stderr &&
   [ "$(pdfinfo -struct out.pdf | grep -c Figure)" -eq 0 ] &&
   [ "$(pdfimages -list out.pdf | awk '$3 == "image"' | wc -l)" -eq 1 ]; then
    pass "a logo without a publisher: drawn as decoration (no Figure), with a warning"
else fail "a logo without a publisher: drawn as decoration (no Figure), with a warning" "$(head -c 300 stderr)"; fi
logo nologo.yaml 'publisher: "P"' images/none.png
expect "missing logo" 1 "^nologo\.yaml:6:7: error: cannot read logo 'images/none\.png': No such file" nologo.yaml
logo outlogo.yaml 'publisher: "P"' ../../etc/logo.png
expect "logo outside the root" 1 "^outlogo\.yaml:6:7: error: logo path leaves the root folder" outlogo.yaml
logo abslogo.yaml 'publisher: "P"' "$T/images/logo.png"
expect "absolute logo" 1 "^abslogo\.yaml:6:7: error: logo path '.*' is absolute; write it relative to the manifest" abslogo.yaml
logo urllogo.yaml 'publisher: "P"' https://example.com/logo.png
expect "logo URL: never fetched" 1 "^urllogo\.yaml:6:7: error: logos are not fetched" urllogo.yaml
printf 'not an image\n' >images/text.png
logo badlogo.yaml 'publisher: "P"' images/text.png
expect "a logo that is no image" 1 "^badlogo\.yaml:6:7: error: cannot use logo 'images/text\.png': " badlogo.yaml
head -c 3000 images/logo.png >images/cut.png
logo cutlogo.yaml 'publisher: "P"' images/cut.png
expect "a cut logo" 1 "^cutlogo\.yaml:6:7: error: cannot use logo 'images/cut\.png': " cutlogo.yaml
logo listlogo.yaml 'publisher: "P"' '[a.png, b.png]'
expect "a logo that is a list" 1 "^listlogo\.yaml:6:7: error: 'logo' must be a string, not a list" listlogo.yaml
logo alllogo.yaml 'publisher: "P"' images/none.png
printf '  - rel/missing-2.md\n' >>alllogo.yaml
expect "a bad logo and a missing release: both reported" 1 "^alllogo\.yaml:6:7: error: cannot read logo" alllogo.yaml
check "a bad logo and a missing release: 2 errors" test "$(errors)" -eq 2
printf "$vol"'  - logo.yaml\n' >vollogo.yaml
cp old.pdf out.pdf
if "$BULLETIN" --root "$T" -o out.pdf vollogo.yaml 2>stderr &&
   grep -q "^logo\.yaml:6:7: warning: a weekly bulletin's logo is not used inside a volume" stderr; then
    pass "a weekly bulletin's logo inside a volume: a warning"
else fail "a weekly bulletin's logo inside a volume: a warning" "$(head -c 300 stderr)"; fi

# every problem of the run at once, across the volume and its weeks
week week-a.yaml rel/a.md rel/missing-1.md
week week-b.yaml rel/b.md rel/b.md rel/baddate.md
printf "$vol"'  - week-a.yaml\n  - week-b.yaml\n  - missing-week.yaml\n' >all.yaml
expect "all problems in one run" 1 "^week-a\.yaml:7:5: error: cannot read release 'rel/missing-1\.md'" all.yaml
check "all problems in one run: 4 errors" sh -c "[ $(errors) -eq 4 ] && grep -q '^week-b\.yaml:7:5: error: .*listed twice' stderr && grep -q '^rel/baddate\.md:3:7: error:' stderr && grep -q '^all\.yaml:8:5: error: cannot read bulletin' stderr"

# usage errors (exit 2)
expect "a manifest with .md files" 2 'a manifest and \.md files on one command line' good.yaml rel/a.md
expect "two manifests" 2 'one manifest at a time' good.yaml good.yaml

# the default output name: the manifest's, with .pdf, in the current folder
mkdir -p outdir && cd outdir
if "$BULLETIN" -q --root "$T" ../good.yaml 2>../stderr && [ -s good.pdf ]; then pass "default output: the manifest's name with .pdf"
else fail "default output: the manifest's name with .pdf" "$(ls) $(head -c 200 ../stderr)"; fi
