# Block features seen from the PDF: task lists (a ballot box as the label, its
# state spoken through /ActualText) and a long table (its header repeated on
# every page it continues on), each passing the accessibility checker.
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
