#!/bin/sh
# make bench: wall and CPU time, peak memory, pages, pages per second and
# bytes per page for a weekly bulletin and the yearly bench volume read from
# their manifests (tests/corpus/bench), and the bench volume at 1/4, 1/2
# and 2x its size (volumes of the first weeks, or of each week twice, written
# into the build folder) to show how time and memory grow; the volume again
# with one worker (-j 1). When Typst's Node binding is installed in PEERS
# (make bench-peers does it: default the build folder's peers/), Typst renders
# the same releases (tools/typst-peer.mjs) in the same run, and the ratios
# are printed.
set -eu
bin=$(cd "$(dirname "${1:-build/bulletin}")" && pwd)/$(basename "${1:-build/bulletin}")
peers=${PEERS:-$(dirname "$bin")/peers}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$here/tests/corpus
root=$here   # the corpus and the manifests written into the build folder
work=$(dirname "$bin")/bench
rm -rf "$work" && mkdir -p "$work/twice"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1577750400
bench="$corpus/bench"

# volume NAME WEEKS...: a volume manifest over the given weekly manifests
volume() {
    name=$1; shift
    { printf 'title: "Bench volume (%s)"\nissue: 2019\ndate: 2019-12-31\nlang: ko\nbulletins:\n' "$name"
      for w in "$@"; do printf '  - %s\n' "$w"; done; } >"$work/$name.yaml"
}
weeks=$(sed -n 's/^  - \(.*\.yaml\)$/\1/p' "$bench/2019-volume.yaml")
n=$(echo "$weeks" | wc -l)
rel=$(python3 -c "import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))" "$bench" "$work")
volume quarter $(echo "$weeks" | head -n $((n / 4)) | sed "s|^|$rel/|")
volume half $(echo "$weeks" | head -n $((n / 2)) | sed "s|^|$rel/|")
# twice: every week again, as a copy beside the volume (a manifest may not
# list one file twice); its release paths rewritten to reach the corpus
for w in $weeks; do
    sed "s|^  - \.\./|  - ../$rel/../|" "$bench/$w" >"$work/twice/$w"
done
volume twice $(echo "$weeks" | sed "s|^|$rel/|") $(echo "$weeks" | sed "s|^|twice/|")

printf '%-28s %6s %8s %8s %9s %10s %10s\n' "" pages "wall s" "cpu s" "pages/s" "peak MiB" "bytes/page"
# measure LABEL NAME COMMAND...: one line; the figures also in $work/NAME
measure() {
    label=$1 name=$2
    shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null
    read -r secs user sys kib <"$work/time"
    pages=$(pdfinfo "$work/b.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    bytes=$(stat -c %s "$work/b.pdf")
    echo "$secs $user $sys $kib" >"$work/m-$name"
    awk -v l="$label" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kib" -v p="$pages" -v b="$bytes" 'BEGIN {
        printf "%-28s %6d %8.2f %8.2f %9.0f %10.1f %10.0f\n", l, p, s, u + y, (s > 0 ? p / s : 0),
               k / 1024, b / p }'
}
measure "weekly bulletin (2019-W25)" week "$bin" -q --root "$root" -o "$work/b.pdf" \
    "$corpus/bulletins/2019-W25.yaml"
measure "bench volume, 1/4" quarter "$bin" -q --root "$root" -o "$work/b.pdf" "$work/quarter.yaml"
measure "bench volume, 1/2" half "$bin" -q --root "$root" -o "$work/b.pdf" "$work/half.yaml"
measure "bench volume (520 releases)" volume "$bin" -q --root "$root" -o "$work/b.pdf" \
    "$bench/2019-volume.yaml"
measure "bench volume, 2x" twice "$bin" -q --root "$root" -o "$work/b.pdf" "$work/twice.yaml"
measure "bench volume, -j 1" volume1 "$bin" -q -j 1 --root "$root" -o "$work/b.pdf" \
    "$bench/2019-volume.yaml"
# memory grows far slower than the work: twice the volume in at most 1.5x
read -r _ _ _ kib_volume <"$work/m-volume"
read -r _ _ _ kib_half <"$work/m-half"
awk -v a="$kib_volume" '{ printf "%-28s %s\n", "memory, 2x / 1x", sprintf("%.2f (%.1f / %.1f MiB)", $4 / a, $4 / 1024, a / 1024) }' "$work/m-twice"
awk -v a="$kib_half" '{ printf "%-28s %s\n", "memory, 2x / 1/2", sprintf("%.2f (4x the work)", $4 / a) }' "$work/m-twice"

# Typst, the same releases in the same run (make bench-peers installs it)
if [ -d "$peers/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
    measure "Typst, bench volume" typst node "$here/tools/typst-peer.mjs" "$bench/2019-volume.yaml" \
        "$work/b.pdf" "$peers"
    awk -v v="$(cat "$work/m-volume")" '{ split(v, b, " ");
        printf "%-28s %.1fx faster (wall), %.1fx less CPU, %.1fx less memory\n", "bulletin against Typst",
               $1 / b[1], ($2 + $3) / (b[2] + b[3]), $4 / b[4] }' "$work/m-typst"
fi

# Line breaking: the bench volume broken first fit and total fit (with
# hyphenation, the default), CPU time each, then the word spacing of every
# corpus release rendered alone at the default style (tests/tools/spacing.py).
sed 's/^line-breaking: total-fit/line-breaking: first-fit/' "$here/styles/print.yaml" >"$work/ff.yaml"
for how in first-fit total-fit; do
    style="$here/styles/print.yaml"
    [ "$how" = first-fit ] && style="$work/ff.yaml"
    /usr/bin/time -f '%U %S' -o "$work/time" "$bin" -q -s "$style" --root "$root" -o "$work/b.pdf" \
        "$bench/2019-volume.yaml"
    read -r user sys <"$work/time"
    awk -v l="bench volume, $how" -v u="$user" -v y="$sys" 'BEGIN { printf "%-28s %6s %8s %8.2f\n", l, "", "", u + y }'
done
for lang in en ko; do
    for r in "$corpus"/releases/*/*-"$lang".md; do
        "$bin" -q --root "$root" -o "$work/s-$(basename "$r" .md).pdf" "$r"
    done
    printf "%-28s %s\n" "spacing, $lang (print)" "$(python3 "$here/tests/tools/spacing.py" "$work"/s-*-"$lang".pdf)"
done

# Bounded memory: a release that is one 2 MB paragraph without a break
# opportunity (set in windows, src/text/window.c), written into the build
# folder — its time, peak memory and memory per MB of input — and a 50 MB
# one, refused before it is read (--max-release-size, default 4 MiB).
front='---\ntitle: "One paragraph"\ndate: 2019-06-17\nlang: en\n---\n\n'
{ printf -- "$front"; head -c 2000000 /dev/zero | tr '\0' x; echo; } >"$work/long.md"
measure "2 MB one-paragraph release" long "$bin" -q -o "$work/b.pdf" "$work/long.md"
read -r _ _ _ kib_long <"$work/m-long"
awk -v k="$kib_long" -v b="$(stat -c %s "$work/long.md")" \
    'BEGIN { printf "%-28s %.1f MiB per MB of input\n", "2 MB paragraph, memory", k / 1024 / (b / 1e6) }'
rm -f "$work/long.md"
{ printf -- "$front"; head -c 50000000 /dev/zero | tr '\0' x; echo; } >"$work/huge.md"
/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" -q -o "$work/huge.pdf" "$work/huge.md" \
    2>"$work/huge.err" && echo "bench: the 50 MB release was not refused" >&2
tail -n 1 "$work/time" >"$work/m-huge"   # after time's "Command exited with non-zero status 1"
read -r secs user sys kib <"$work/m-huge"
awk -v s="$secs" -v k="$kib" -v m="$(head -n 1 "$work/huge.err" | sed 's/^.*error: //' | cut -c1-60)" \
    'BEGIN { printf "%-28s %.2f s, %.1f MiB: %s…\n", "50 MB release refused", s, k / 1024, m }'
[ ! -e "$work/huge.pdf" ] || echo "bench: a PDF was written for the 50 MB release" >&2
rm -f "$work/huge.md" "$work/huge.err"
