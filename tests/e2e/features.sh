# Block features seen from the PDF: task lists (a ballot box as the label, its
# state spoken through /ActualText) and a long table (its header repeated on
# every page it continues on), each passing the accessibility checker; code
# in a Korean release in one monospaced face.
. tests/lib.sh
cd "$T" || exit 1
{ printf -- '---\ntitle: "Tasks"\ndate: 2019-06-19\nlang: en\n---\n\n'
  printf -- '- [ ] Draft the plan\n- [x] Consult the press office\n'; } >tasks.md
if renders "task list renders" -q --root "$T" -o tasks.pdf tasks.md; then
    check "task list: ballot boxes drawn" sh -c "pdftotext tasks.pdf - | grep -q '☐ Draft the plan' && pdftotext tasks.pdf - | grep -q '☒ Consult the press office'"
    check "task list: the state spoken as the label's /ActualText" /usr/bin/python3 -c '
import pikepdf, sys
pdf = pikepdf.open("tasks.pdf")
said = []
def walk(e):
    if isinstance(e, pikepdf.Array):
        for k in e: walk(k)
    elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/Lbl" and "/ActualText" in e: said.append(str(e.ActualText))
        if "/K" in e: walk(e.K)
walk(pdf.Root.StructTreeRoot.K)
sys.exit(0 if said == ["not checked", "checked"] else "labels: %s" % said)'
    check "task list: pdfa11y 0 failed" "$PDFA11Y" tasks.pdf --source tasks.md
fi

{ printf -- '---\ntitle: "Long table"\ndate: 2019-06-19\nlang: en\n---\n\n| Region | Sites |\n|---|---:|\n'
  i=1; while [ $i -le 120 ]; do printf '| Region %d | %d |\n' $i $((i * 7)); i=$((i + 1)); done; } >table.md
if renders "long table renders" -q --root "$T" -o table.pdf table.md; then
    pages=$(pdfinfo table.pdf | sed -n 's/^Pages: *//p')
    heads=$(pdftotext -layout table.pdf - | grep -c 'Region  *Sites')
    check "long table: the header row on each of its $pages pages" test "$heads" -eq "$pages" -a "$pages" -ge 3
    check "long table: tagged once (one TH row in the structure)" sh -c "[ \$(pdfinfo -struct table.pdf | grep -c -E '^ *TH(:| |$)') -eq 2 ]"
    check "long table: pdfa11y 0 failed" "$PDFA11Y" table.pdf --source table.md
fi

# Code in a Korean release: the letters, digits and punctuation of a code
# line from one monospaced face (the mono chain's first), Hangul from the
# next; read from the content stream's /Code marked content and the fonts'
# ToUnicode maps.
{ printf -- '---\ntitle: "코드 예시"\ndate: 2019-06-19\nlang: ko\n---\n\n'
  printf -- '□ 합계는 `total = 1342`이다.\n\n```\n{\n  "total": 1342,\n  "지역": [1, 2]\n}\n```\n'; } >code-ko.md
if renders "Korean code renders" -q --root "$T" -o code-ko.pdf code-ko.md; then
    check "Korean code: one face for its ASCII (pdffonts lists it)" sh -c "pdffonts code-ko.pdf | grep -q DejaVuSansMono"
    check "Korean code: every ASCII glyph of /Code from DejaVu Sans Mono, Hangul from NanumGothicCoding" /usr/bin/python3 -c '
import re, sys, pikepdf
pdf = pikepdf.open("code-ko.pdf")
page = pdf.pages[0]
fonts = page.Resources.Font
def cmap(f):
    m = {}
    s = f.ToUnicode.read_bytes().decode("latin-1")
    for src, dst in re.findall(r"<([0-9A-F]{4})>\s*<([0-9A-F]+)>", s):
        m[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    return m
maps, faces, depth, font = {}, {}, [], None
for ops, op in pikepdf.parse_content_stream(page):
    op = str(op)
    if op in ("BDC", "BMC"):
        depth.append(str(ops[0]) == "/Code" or (depth[-1] if depth else False))
    elif op == "EMC":
        depth.pop()
    elif op == "Tf":
        font = ops[0]
        maps.setdefault(font, cmap(fonts[font]))
    elif op == "TJ" and depth and depth[-1]:
        for s in ops[0]:
            if isinstance(s, pikepdf.String):
                raw = bytes(s)
                for i in range(0, len(raw), 2):
                    ch = maps[font].get(raw[i] << 8 | raw[i + 1], "?")
                    kind = "ascii" if ch < "\x80" else "hangul"
                    faces.setdefault(kind, set()).add(str(fonts[font].BaseFont).split("+")[-1])
ok = faces.get("ascii") == {"DejaVuSansMono"} and len(faces.get("hangul", ())) == 1 \
     and "NanumGothicCoding" in next(iter(faces["hangul"]))
sys.exit(0 if ok else "faces in /Code: %s" % faces)'
fi
