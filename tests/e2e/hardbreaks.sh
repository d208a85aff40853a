# A hard break — a backslash or two spaces at the end of a line, <br> —
# ends the line on the page and reads as a space in the structure a reader
# follows (the line's last run ends in a space glyph of no width), in English,
# Korean and code: "Certified valuers", never "Certifiedvaluers". The text
# still reads as its Markdown (pdfa11y --source).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1561075200
cat >"$T/br.md" <<'MD'
---
title: "Hard breaks"
date: 2019-06-19
lang: en
---

Certified\
valuers and more  
text, then<br>a tag.

우주 탐사의 시작\
달을 향한 도전

```
int x;
int y;
```
MD
renders "hard breaks" -q --root "$T" -o "$T/br.pdf" "$T/br.md" || exit 0
pdfinfo -struct-text "$T/br.pdf" >"$T/struct" 2>&1
# the structure's strings in order, each as pdfinfo quotes it, joined as they are
joined=$(sed -n 's/^ *"\(.*\)"$/\1/p' "$T/struct" | tr -d '\n')
has() { case "$joined" in *"$1"*) return 0;; esac; return 1; }
check "backslash, two spaces and <br>: each reads as a space" has "Certified valuers and more text, then a tag."
check "a hard break in Korean reads as a space" has "우주 탐사의 시작 달을 향한 도전"
check "a code block's lines read apart" has "int x; int y;"
pdftotext "$T/br.pdf" "$T/br.txt"
check "on the page each hard break ends a line" sh -c "grep -qx 'Certified' '$T/br.txt' && grep -qx 'valuers and more' '$T/br.txt' && grep -qx 'text, then' '$T/br.txt' && grep -qx 'a tag.' '$T/br.txt'"
conforms "hard breaks" "$T/br.pdf" "$T/br.md"
