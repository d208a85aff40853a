#!/usr/bin/python3
"""bulletin_check.py FILE.pdf MANIFEST.yaml [--two-sided]: what a bulletin or
volume must be, read from the PDF with pikepdf and pdftotext. Prints one
"PASS name" / "FAIL name: why" line per check (tests/run.sh counts them).

- page labels run i, ii, ... then 1, 2, ... (roman front matter, arabic body);
- the outline: the document title, then Contents and the releases (a volume:
  the weekly bulletins, then their releases) in manifest order, with the
  titles of the releases' front matter, then the index when there is one,
  its initials below it;
- every contents entry's printed page number is the label of the page its
  link goes to;
- the index (an Index element): every release once, and every entry's
  printed page number is the label of the page its link goes to;
- two-sided: every release (and the index) starts on an odd (right-hand) page;
- heading levels by shape: one H1 (the cover's); a bulletin's release titles
  H2; a volume's weekly bulletins Parts opening with an H2, their releases H3;
  the index a Sect opening with an H2.
"""
import os, re, subprocess, sys
import pikepdf

fails = 0


def report(name, ok, why=""):
    global fails
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    fails += not ok


def yaml_list(path, key):
    """The entries of a manifest's list (the manifests are simple YAML)."""
    out, inside = [], False
    for line in open(path, encoding="utf-8"):
        if re.match(r"^%s:\s*$" % key, line):
            inside = True
        elif inside and re.match(r"^\s+-\s+", line):
            out.append(re.sub(r"^\s+-\s+", "", line).strip().strip('"'))
        elif inside and line.strip():
            inside = False
    return out


def yaml_value(path, key):
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^%s:\s*"?(.*?)"?\s*$' % key, line)
        if m:
            return m.group(1)
    return None


def release_title(path):
    text = open(path, encoding="utf-8").read()
    fm = text.split("---", 2)[1]
    m = re.search(r'^title:\s*"?(.*?)"?\s*$', fm, re.M)
    return m.group(1).replace('\\"', '"')


def expected_outline(manifest):
    """[(title, [children])] below the document title."""
    base = os.path.dirname(manifest)
    weeks = yaml_list(manifest, "bulletins")
    if weeks:
        out = []
        for w in weeks:
            wp = os.path.join(base, w)
            rels = [release_title(os.path.join(os.path.dirname(wp), r))
                    for r in yaml_list(wp, "releases")]
            out.append((yaml_value(wp, "title"), rels))
        return out, True
    return [(release_title(os.path.join(base, r)), None)
            for r in yaml_list(manifest, "releases")], False


def kids_of(e):
    k = e.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def struct_type(e):
    return str(e.S)[1:] if isinstance(e, pikepdf.Dictionary) and e.get("/S") is not None else None


def elements(e, want):
    """Every structure element of type want below e, in tree order."""
    out = []
    for k in kids_of(e):
        t = struct_type(k)
        if t is None:
            continue
        if t == want:
            out.append(k)
        out += elements(k, want)
    return out


def page_words(pdf_path, i, cache):
    """pdftotext's words on page i (0-based): (xMin, yMin, xMax, yMax, text)."""
    if i not in cache:
        xml = subprocess.run(["pdftotext", "-bbox", "-f", str(i + 1), "-l", str(i + 1),
                              pdf_path, "-"], capture_output=True, text=True).stdout
        cache[i] = [(float(m[0]), float(m[1]), float(m[2]), float(m[3]), m[4]) for m in
                    re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                               r'yMax="([\d.]+)">([^<]*)</word>', xml)]
    return cache[i]


def words_in(words, rect, height):
    x0, y0, x1, y1 = [float(v) for v in rect]
    return [w for w in words if w[0] >= x0 - 1 and w[2] <= x1 + 1
            and height - w[3] >= y0 - 2 and height - w[1] <= y1 + 2]


def link_dest(a):
    dest = a.get("/Dest")
    if dest is None and a.get("/A") is not None:
        dest = a.A.get("/D")
    return dest


def main():
    pdf_path, manifest = sys.argv[1], sys.argv[2]
    two_sided = "--two-sided" in sys.argv
    pdf = pikepdf.open(pdf_path)
    index = {pg.obj.objgen: i for i, pg in enumerate(pdf.pages)}
    labels = [pg.label for pg in pdf.pages]

    # labels: roman, then arabic from 1
    roman = 0
    while roman < len(labels) and re.fullmatch(r"[ivxlcdm]+", labels[roman]):
        roman += 1
    arabic = labels[roman:]
    report("page labels: roman front matter, then 1, 2, 3...",
           roman >= 2 and arabic == [str(i + 1) for i in range(len(arabic))],
           "labels %s" % labels[:roman + 3])

    def dest_page(item):
        d = item.destination
        if d is None and item.action is not None:
            d = item.action.get("/D")
        return index.get(d[0].objgen) if d is not None else None

    indexes = elements(pdf.Root.StructTreeRoot, "Index")

    # the outline, in manifest order
    want, volume = expected_outline(manifest)
    with pdf.open_outline() as outline:
        top = list(outline.root)
        ok = len(top) == 1 and top[0].title == yaml_value(manifest, "title")
        kids = list(top[0].children) if top else []
        got = [k.title for k in kids]
        titles = [t for t, _ in want]
        report("outline: the document title, then Contents and the %s in manifest order%s"
               % ("weekly bulletins" if volume else "releases", ", then the index" if indexes else ""),
               ok and len(got) == len(titles) + 1 + len(indexes) and got[1:len(titles) + 1] == titles,
               "got %s" % got[:4])
        if indexes:
            initials = [c.title for c in kids[-1].children]
            report("outline: the index's initials below it (%s)" % " ".join(initials),
                   len(initials) == len(elements(indexes[0], "H3")), "got %s" % initials[:5])
        starts = []
        if volume:
            sub_ok = True
            for k, (_, rels) in zip(kids[1:], want):
                sub = [c.title for c in k.children]
                sub_ok &= sub == rels
                starts += [dest_page(c) for c in k.children]
            report("outline: each weekly bulletin's releases in its manifest's order", sub_ok,
                   "mismatch")
        else:
            starts = [dest_page(k) for k in kids[1:]]   # the releases, and the index

    # contents: the printed number is the label of the link's page
    bad, seen = [], 0
    for i, pg in enumerate(pdf.pages):
        if not re.fullmatch(r"[ivxlcdm]+", labels[i]):
            break
        annots = pg.obj.get("/Annots") or []
        words = None
        for a in annots:
            dest = a.get("/Dest")
            if dest is None and a.get("/A") is not None:
                dest = a.A.get("/D")
            if dest is None:
                continue
            target = index.get(dest[0].objgen)
            if words is None:
                xml = subprocess.run(["pdftotext", "-bbox", "-f", str(i + 1), "-l", str(i + 1),
                                      pdf_path, "-"], capture_output=True, text=True).stdout
                words = [(float(m[0]), float(m[1]), float(m[2]), float(m[3]), m[4]) for m in
                         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                    r'yMax="([\d.]+)">([^<]*)</word>', xml)]
            x0, y0, x1, y1 = [float(v) for v in a.Rect]
            h = float(pg.mediabox[3])
            inside = [w for w in words if w[0] >= x0 - 1 and w[2] <= x1 + 1
                      and h - w[3] >= y0 - 2 and h - w[1] <= y1 + 2]
            if not inside or x1 < float(pg.mediabox[2]) / 2:
                continue   # a line of a wrapped title: the number is on the last
            number = max(inside, key=lambda w: w[2])[4]
            if not re.fullmatch(r"\d+", number):
                continue
            seen += 1
            if target is None or labels[target] != number:
                bad.append("%s -> %s" % (number, labels[target] if target is not None else None))
    report("contents: every printed page number is the label of its link's page (%d entries)"
           % seen, seen >= len(starts) and not bad, "; ".join(bad[:5]) or "%d entries" % seen)

    # the index: every release once; each entry's number (on its link's last
    # line, at the right of its column) is the label of the link's page
    if indexes:
        annot_page = {}
        for i, pg in enumerate(pdf.pages):
            for a in pg.obj.get("/Annots") or []:
                annot_page[a.objgen] = i
        links = elements(indexes[0], "Link")
        bad, cache = [], {}
        for link in links:
            objrs = [k.Obj for k in kids_of(link)
                     if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            if not objrs:
                bad.append("a Link without its annotation")
                continue
            last = objrs[-1]
            i = annot_page.get(last.objgen)
            dest = link_dest(last)
            target = index.get(dest[0].objgen) if dest is not None else None
            if i is None or target is None:
                bad.append("a link without a page or a target")
                continue
            inside = words_in(page_words(pdf_path, i, cache), last.Rect, float(pdf.pages[i].mediabox[3]))
            number = max(inside, key=lambda w: w[2])[4] if inside else None
            if number != labels[target]:
                bad.append("%s -> %s" % (number, labels[target]))
        nrel = sum(len(r) for _, r in want) if volume else len(want)
        report("index: every release has an entry (%d of %d)" % (len(links), nrel),
               len(links) == nrel, "%d entries for %d releases" % (len(links), nrel))
        report("index: every printed page number is the label of its link's page (%d entries)"
               % len(links), links and not bad, "; ".join(bad[:5]))

    if two_sided:
        odd = [labels[p] for p in starts if p is None or int(labels[p]) % 2 == 0]
        report("two-sided: every release%s starts on an odd page" % (" and the index" if indexes and not volume else ""),
               starts and not odd, "even: %s" % odd[:5])

    # heading levels by the document's shape
    levels = {"H1": 0}
    problems = []

    def walk(e, parent_type):
        if not isinstance(e, pikepdf.Dictionary) or e.get("/S") is None:
            return
        t = str(e.S)[1:]
        if t == "H1":
            levels["H1"] += 1
        first_h = next((str(k.S)[1:] for k in kids_of(e)
                        if isinstance(k, pikepdf.Dictionary) and k.get("/S") is not None
                        and re.fullmatch(r"H\d", str(k.S)[1:])), None)
        is_index = any(struct_type(k) == "Index" for k in kids_of(e))
        if t == "Sect" and first_h != ("H3" if volume and not is_index else "H2"):
            problems.append("%s title %s" % ("index" if is_index else "release", first_h))
        if t == "Part" and first_h != "H2":
            problems.append("weekly bulletin title %s" % first_h)
        for k in kids_of(e):
            walk(k, t)

    for k in kids_of(pdf.Root.StructTreeRoot):
        walk(k, None)
    parts = sum(1 for _ in re.finditer(r"^\s*Part\b", subprocess.run(
        ["pdfinfo", "-struct", pdf_path], capture_output=True, text=True).stdout, re.M))
    report("headings: one H1, release titles H%d%s%s" % (3 if volume else 2,
           ", weekly bulletins Parts with an H2" if volume else "", ", the index an H2" if indexes else ""),
           levels["H1"] == 1 and not problems and (parts == len(want) if volume else parts == 0),
           "H1 x%d, Parts %d, %s" % (levels["H1"], parts, problems[:3]))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
