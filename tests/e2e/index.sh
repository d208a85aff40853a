# The index by department on volumes made for it in the test's folder:
# releases without any department, and 200 departments of every kind of
# name (Korean with plain and tense initials, Latin with accents, digits,
# signs, Hanja). Each renders in the archive style, is PDF/A-3a and PDF/UA-1
# (pdfa-check, pdfa11y), and has the shape bulletin_check.py checks — every
# release in the index once, every printed page number its link's page label;
# a weekly bulletin gets an index when its style asks (index.bulletin).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1561075200
CHECKER="/usr/bin/python3 $ROOT/tests/e2e/bulletin_check.py"
cd "$T" || exit 1

# release FILE LANG TITLE DEPARTMENT(or -): a short release
release() {
    { printf -- '---\ntitle: "%s"\ndate: 2019-06-%02d\nlang: %s\n' "$3" $((17 + ${5:-0} % 5)) "$2"
      [ "$4" = - ] || printf 'department: "%s"\n' "$4"
      printf -- '---\n\n'
      if [ "$2" = ko ]; then printf '□ 과학기술정보통신부는 %s 관련 계획을 밝혔다.\n' "$3"
      else printf 'The ministry announced its plans on %s.\n' "$3"; fi; } >"$1"
}
# volume NAME WEEKS: manifests NAME.yaml over NAME-wN.yaml, N = 1..WEEKS
volume() {
    { printf 'title: "%s"\nissue: 2019\ndate: 2019-12-31\nlang: ko\nbulletins:\n' "$1"
      w=1; while [ $w -le "$2" ]; do printf '  - %s-w%d.yaml\n' "$1" $w; w=$((w + 1)); done; } >"$1.yaml"
}
week() {   # week NAME N RELEASES...
    name=$1 n=$2; shift 2
    { printf 'title: "%s week %d"\nissue: %d\ndate: 2019-06-21\nlang: ko\nreleases:\n' "$name" "$n" "$n"
      for r in "$@"; do printf '  - %s\n' "$r"; done; } >"$name-w$n.yaml"
}
# shape NAME.pdf NAME.yaml: bulletin_check's lines, prefixed
shape() {
    $CHECKER "$1" "$2" --two-sided | sed "s/^\(PASS\|FAIL\) /\1 $3: /"
}

# 1. no release names a department: one heading of their own ("부서 미기재")
mkdir -p none
release none/a.md ko "첫째 보도자료" - 0
release none/b.md en "Second release" - 1
release none/c.md ko "셋째 보도자료" - 2
release none/d.md en "Fourth release" - 3
week none 1 none/a.md none/b.md
week none 2 none/c.md none/d.md
volume none 2
if renders "index: a volume without departments renders" -s archive --root "$T" -o none.pdf none.yaml; then
    conforms "volume without departments" none.pdf
    shape none.pdf none.yaml "no departments"
    n=$(pdftotext none.pdf - | grep -c '^부서 미기재$')
    if [ "$n" -eq 1 ]; then pass "index: releases without a department under their own heading"
    else fail "index: releases without a department under their own heading" "found $n times"; fi
fi

# 2. 200 departments, every kind of name
mkdir -p many
syll="가 까 나 다 따 라 마 바 빠 사 싸 아 자 짜 차 카 타 파 하"
latin="Alpha Éclair Ørsted Bureau Zulu Ïle Quantum Yacht"
i=0 files=""
while [ $i -lt 200 ]; do
    case $((i % 5)) in
    0|1) set -- $syll; shift $((i % 19)); d="$1미래전략과 $i" lang=ko ;;
    2) set -- $latin; shift $((i % 8)); d="$1 Office $i" lang=en ;;
    3) case $((i % 3)) in 0) d="5G 전략팀 $i" ;; 1) d="(재)정보통신진흥원 $i" ;; *) d="漢字課 $i" ;; esac; lang=ko ;;
    *) set -- $syll; shift $((i % 19)); d="  $1 정책관  $i " lang=ko ;;
    esac
    release "many/r$i.md" $lang "Release $i" "$d" $i
    files="$files many/r$i.md"
    i=$((i + 1))
done
set -- $files
week many 1 $(echo "$@" | tr ' ' '\n' | sed -n '1,50p')
week many 2 $(echo "$@" | tr ' ' '\n' | sed -n '51,100p')
week many 3 $(echo "$@" | tr ' ' '\n' | sed -n '101,150p')
week many 4 $(echo "$@" | tr ' ' '\n' | sed -n '151,200p')
volume many 4
if renders "index: a volume of 200 departments renders" -s archive --root "$T" -o many.pdf many.yaml; then
    conforms "volume of 200 departments" many.pdf
    shape many.pdf many.yaml "200 departments"
    cat >initials.py <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
with pdf.open_outline() as o:
    index = list(list(o.root)[0].children)[-1]
    print(" ".join(c.title for c in index.children))
    print(sum(len(list(c.children)) for c in index.children))
PY
    /usr/bin/python3 initials.py many.pdf >initials
    got=$(head -n 1 initials) ndept=$(tail -n 1 initials)
    want="0–9 ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ 漢 A B E I O Q Y Z"
    if [ "$got" = "$want" ] && [ "$ndept" -eq 200 ]; then
        pass "index: 200 departments under their initials, tense consonants with plain ones, accents folded"
    else
        fail "index: 200 departments under their initials, tense consonants with plain ones, accents folded" \
            "initials '$got', $ndept departments"
    fi
fi

# 3. a weekly bulletin: an index only when its style asks
printf 'index: {bulletin: true}\n' >with-index.yaml
if renders "index: a weekly bulletin with index.bulletin" -s with-index.yaml --root "$CORPUS" \
        -o week.pdf "$CORPUS/bulletins/2019-W25.yaml"; then
    conforms "weekly bulletin with an index" week.pdf
    shape week.pdf "$CORPUS/bulletins/2019-W25.yaml" "weekly bulletin with an index"
    /usr/bin/python3 "$ROOT/tests/e2e/furniture_check.py" week.pdf "$CORPUS/bulletins/2019-W25.yaml" \
        with-index.yaml | sed "s/^\(PASS\|FAIL\) /\1 weekly bulletin with an index: /"
fi
if renders "index: a weekly bulletin by default" --root "$CORPUS" -o plain.pdf "$CORPUS/bulletins/2019-W25.yaml" &&
        ! pdftotext plain.pdf - | grep -q 'Index by department'; then
    pass "index: none in a weekly bulletin by default"
else
    fail "index: none in a weekly bulletin by default" "an index was made"
fi
