# Inputs past libharu's array limit (32,767 entries), made here rather than
# committed: 10,000 links in one paragraph (10,000 annotations: a ParentTree
# with /Kids), one footnote referenced 500 times, a 2,000-row table and a
# 1,000-page document each render and pass pdfa11y, and pdfa-check but for the
# 1,000 pages (qpdf --check there). pdfa11y's text-fidelity pass (--source)
# runs on the smaller two only: on the larger ones it takes minutes.
. tests/lib.sh
front() { printf -- '---\ntitle: "%s"\ndate: 2019-06-%s\nlang: en\n---\n\n' "$1" "$2"; }
{ front "Ten thousand links" 20
  awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "[link %d](https://example.org/%d) ", i, i; print "" }'
} >"$T/links.md"
{ front "One note, 500 references" 21
  awk 'BEGIN { for (i = 1; i <= 500; i++) printf "Claim %d.[^a] ", i; print "\n\n[^a]: The one note." }'
} >"$T/notes.md"
{ front "A 2,000-row table" 22
  printf '| n | square | name |\n|---|---|---|\n'
  awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "| %d | %d | row %d |\n", i, i * i, i }'
} >"$T/table.md"
{ front "A thousand pages" 23
  awk 'BEGIN { for (i = 1; i <= 2300; i++) { printf "## Part %d\n\n", i
      for (j = 0; j < 12; j++) printf "Paragraph %d.%d: the quick brown fox jumps over the lazy dog, again and again, to fill the page.\n\n", i, j } }'
} >"$T/pages.md"

for f in links notes table pages; do
    renders "render $f" -q --root "$T" -o "$T/$f.pdf" "$T/$f.md" || continue
    pass "render $f"
    case $f in
    notes|table) conforms "$f" "$T/$f.pdf" "$T/$f.md" ;;
    links) conforms "$f" "$T/$f.pdf" ;;
    # a thousand pages of the same paragraphs: pdfa11y (structure tree,
    # ParentTree, marked content on every page) and qpdf; pdfa-check, which
    # takes 20 s on it, finds nothing the other documents do not show
    *) check "pdfa11y $f" "$PDFA11Y" "$T/$f.pdf"
       check "qpdf --check $f" qpdf --check "$T/$f.pdf" ;;
    esac
done
kids=$(/usr/bin/python3 -c 'import pikepdf, sys
t = pikepdf.open(sys.argv[1]).Root.StructTreeRoot.ParentTree
print(len(t.get("/Kids", [])), len(t.get("/Nums", [])))' "$T/links.pdf" 2>&1)
check "10,000 links: the ParentTree is a number tree with /Kids, no /Nums at its root ($kids)" \
    sh -c "[ '${kids% *}' -gt 1 ] && [ '${kids#* }' -eq 0 ]"
pages=$(pdfinfo "$T/pages.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "the long document has at least 1,000 pages ($pages)" test "${pages:-0}" -ge 1000
