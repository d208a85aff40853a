#!/bin/sh
# make bench: time, peak memory, pages per second and bytes per page for a
# weekly bulletin and the 520-release yearly volume of ../shared/corpus/bench.
# (Manifests are not read by bulletin yet: the release lists are expanded here.)
set -eu
bin=${1:-build/bulletin}
shared=$(cd "$(dirname "$0")/../../shared" && pwd)
root=$(cd "$shared/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1577750400

# releases of a weekly manifest, as paths
week_releases() {
    dir=$(dirname "$1")
    sed -n 's/^  - \(.*\.md\)$/\1/p' "$1" | while read -r r; do echo "$dir/$r"; done
}

measure() {
    label=$1; shift
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" -q --root "$root" -o "$out/b.pdf" "$@"
    read -r secs kib <"$out/time"
    pages=$(pdfinfo "$out/b.pdf" | sed -n 's/^Pages: *//p')
    bytes=$(stat -c %s "$out/b.pdf")
    awk -v l="$label" -v n=$# -v s="$secs" -v k="$kib" -v p="$pages" -v b="$bytes" 'BEGIN {
        printf "%-28s %4d releases %5d pages %7.2f s %8.1f pages/s %7.1f MiB peak %8.0f bytes/page\n",
               l, n, p, s, (s > 0 ? p / s : 0), k / 1024, b / p }'
}

week=$(week_releases "$shared/corpus/bulletins/2019-W25.yaml")
measure "weekly bulletin (2019-W25)" $week
all=""
for m in $(sed -n 's/^  - \(.*\.yaml\)$/\1/p' "$shared/corpus/bench/2019-volume.yaml"); do
    all="$all $(week_releases "$shared/corpus/bench/$m")"
done
measure "yearly volume (bench)" $all

# Line breaking: the yearly volume broken first fit and total fit (with
# hyphenation, the default), each timed alone, then the word spacing of every
# corpus release rendered alone at the default style (shared/tools/spacing.py).
line_breaking() {
    sed 's/^line-breaking: total-fit/line-breaking: first-fit/' styles/print.yaml >"$out/ff.yaml"
    for how in first-fit total-fit; do
        style=styles/print.yaml
        [ "$how" = first-fit ] && style="$out/ff.yaml"
        /usr/bin/time -f '%e' -o "$out/time" "$bin" -q -s "$style" --root "$root" -o "$out/b.pdf" "$@"
        printf "%-28s %7.2f s\n" "yearly volume, $how" "$(cat "$out/time")"
    done
    for lang in en ko; do
        for r in "$shared"/corpus/releases/*/*-"$lang".md; do
            "$bin" -q --root "$root" -o "$out/s-$(basename "$r" .md).pdf" "$r"
        done
        printf "%-28s %s\n" "spacing, $lang (print)" "$(python3 "$shared/tools/spacing.py" "$out"/s-*-"$lang".pdf)"
    done
}
line_breaking $all
