#!/usr/bin/python3
"""pdfsame.py A.pdf B.pdf — do two PDFs show and tag the same thing, whatever
their bytes? For a change that is meant to move only how things are stored
(streams compressed otherwise, objects renumbered, resources renamed): page by
page the decoded content (font and image names replaced by what they name),
the fonts each page uses (program, ToUnicode, /W), its images' data, its link
annotations (box, target page, URI, /Contents, /StructParent) and
/StructParents; then the structure tree (types, properties, MCIDs with their
pages, OBJRs), the outline (titles, levels, pages) and the page labels.
Exit 0 when all are the same; else the first differences are printed."""
import hashlib
import re
import sys

import pikepdf

sys.setrecursionlimit(100000)


def digest(b):
    return hashlib.md5(b).hexdigest()[:12]


def stream_bytes(x):
    try:
        return x.read_bytes()
    except Exception:   # DCT and the like: as stored
        return x.read_raw_bytes()


def pages(pdf):
    index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    out = []
    for p in pdf.pages:
        c = p.obj.get('/Contents')
        if c is None:
            data = b''
        elif isinstance(c, pikepdf.Array):
            data = b''.join(x.read_bytes() for x in c)
        else:
            data = c.read_bytes()
        res = p.obj.get('/Resources', pikepdf.Dictionary())
        names, fonts = {}, {}
        for k, f in (res.Font.items() if '/Font' in res else []):
            d = f.DescendantFonts[0]
            fd = d.FontDescriptor
            ff = fd.FontFile2 if '/FontFile2' in fd else fd.FontFile3
            names[k[1:]] = str(f.BaseFont)
            fonts[str(f.BaseFont)] = (digest(ff.read_bytes()), digest(f.ToUnicode.read_bytes()),
                                      repr(d.W))
        for k, x in (res.XObject.items() if '/XObject' in res else []):
            names[k[1:]] = 'image-' + digest(stream_bytes(x))
        used = set(m.decode() for m in re.findall(rb'/([A-Za-z0-9]+) [0-9.]+ Tf', data))
        data = re.sub(rb'/([A-Za-z0-9]+)( [0-9.]+ Tf| Do)',
                      lambda m: b'/' + names.get(m.group(1).decode(), m.group(1).decode()).encode()
                      + m.group(2), data)
        annots = []
        for a in p.obj.get('/Annots', []):
            dest = a.get('/Dest')
            d = None if dest is None else (index.get(dest[0].objgen),
                                           repr([dest[k] for k in range(1, len(dest))]))
            annots.append((repr(a.Rect), d, str(a.A.URI) if '/A' in a else None,
                           str(a.get('/Contents')), int(a.get('/StructParent', -1))))
        out.append((digest(data), {names.get(u): fonts.get(names.get(u)) for u in used}, annots,
                    int(p.obj.get('/StructParents', -1))))
    return out, index


def tree(pdf, index):
    out = []

    def walk(e, pg, depth):
        if isinstance(e, int) or (isinstance(e, pikepdf.Object)
                                  and e._type_code == pikepdf.ObjectType.integer):
            out.append((depth, 'mcid', pg, int(e)))
            return
        if '/Type' in e and e.Type == '/MCR':
            out.append((depth, 'mcr', index.get(e.Pg.objgen), int(e.MCID)))
            return
        if '/Type' in e and e.Type == '/OBJR':
            out.append((depth, 'objr', index.get(e.Pg.objgen), repr(e.Obj.Rect)))
            return
        p = index.get(e.Pg.objgen) if '/Pg' in e else pg
        props = tuple((k, repr(e[k])) for k in ('/Lang', '/Alt', '/ActualText', '/A', '/ID') if k in e)
        out.append((depth, str(e.S), props, '/Pg' in e and p))
        k = e.get('/K')
        for x in (k if isinstance(k, pikepdf.Array) else [] if k is None else [k]):
            walk(x, p, depth + 1)

    root = pdf.Root.get('/StructTreeRoot')
    for x in (root.K if root is not None else []):
        walk(x, None, 0)
    outline = []

    def owalk(o, depth):
        while o is not None:
            dest = o.get('/Dest')
            outline.append((depth, str(o.Title), index.get(dest[0].objgen) if dest is not None else None))
            if '/First' in o:
                owalk(o.First, depth + 1)
            o = o.get('/Next')

    if '/Outlines' in pdf.Root and '/First' in pdf.Root.Outlines:
        owalk(pdf.Root.Outlines.First, 0)
    return out, outline, repr(pdf.Root.get('/PageLabels'))


def main():
    a, b = pikepdf.open(sys.argv[1]), pikepdf.open(sys.argv[2])
    (pa, ia), (pb, ib) = pages(a), pages(b)
    bad = 0
    if len(pa) != len(pb):
        print(f'pages: {len(pa)} and {len(pb)}')
        bad += 1
    for i, (x, y) in enumerate(zip(pa, pb)):
        if x != y:
            bad += 1
            if bad <= 3:
                print(f'page {i + 1}: content {x[0] == y[0]}, fonts {x[1] == y[1]}, '
                      f'links {x[2] == y[2]}, StructParents {x[3]} and {y[3]}')
    ta, tb = tree(a, ia), tree(b, ib)
    for what, x, y in (('structure tree', ta[0], tb[0]), ('outline', ta[1], tb[1]),
                       ('page labels', ta[2], tb[2])):
        if x != y:
            bad += 1
            first = next((i for i, (u, v) in enumerate(zip(x, y)) if u != v), min(len(x), len(y)))
            print(f'{what}: differs at entry {first}')
    print(f'{len(pa)} pages, {len(ta[0])} structure entries: '
          + ('the same' if not bad else f'{bad} difference(s)'))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
