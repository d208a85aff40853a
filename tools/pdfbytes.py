#!/usr/bin/python3
"""pdfbytes.py FILE.pdf — where a PDF's bytes go, by kind of object.

One line per kind (fonts by face: program, ToUnicode, dictionaries; content
streams; images; structure elements; the rest of the structure tree;
annotations; outline; pages; metadata; output intent; the cross-reference
table or stream), largest first: bytes in the file, share, objects. An object
written as itself counts its span in the file; objects packed in an object
stream share out that stream's bytes by the length of each one's text, whose
sum before deflation is shown too. Read-only (pikepdf and qpdf --show-xref)."""
import re
import subprocess
import sys
from collections import defaultdict

import pikepdf


def xref_of(path):
    """{object number: offset} and {object number: object stream}."""
    out = subprocess.run(['qpdf', '--show-xref', path], capture_output=True, text=True,
                         check=True).stdout
    loose, packed = {}, {}
    for num, off in re.findall(r'^(\d+)/0: uncompressed; offset = (\d+)', out, re.M):
        loose[int(num)] = int(off)
    for num, stm in re.findall(r'^(\d+)/0: compressed; stream = (\d+)', out, re.M):
        packed[int(num)] = int(stm)
    return loose, packed


def kinds_of(pdf):
    """{object number: kind}, from the catalog down."""
    kind = {}

    def mark(obj, k):
        if obj is not None and obj.is_indirect:
            kind.setdefault(obj.objgen[0], k)

    root = pdf.Root
    mark(root, 'catalog')
    mark(pdf.trailer.get('/Info'), 'info')
    mark(root.get('/Pages'), 'page tree')
    mark(root.get('/Metadata'), 'XMP metadata')
    for oi in root.get('/OutputIntents', []):
        mark(oi, 'output intent + ICC profile')
        mark(oi.get('/DestOutputProfile'), 'output intent + ICC profile')
    for page in pdf.pages:
        p = page.obj
        mark(p, 'page dictionaries')
        contents = p.get('/Contents')
        for s in (contents if isinstance(contents, pikepdf.Array) else [contents]):
            mark(s, 'content streams')
        for a in p.get('/Annots', []):
            mark(a, 'annotations')
        res = p.get('/Resources')
        if res is None:
            continue
        mark(res, 'resources')
        for key in ('/Font', '/XObject'):
            mark(res.get(key), 'resources')
        for _, font in res.get('/Font', {}).items():
            face = 'font ' + str(font.get('/BaseFont', '?')).split('+')[-1]
            mark(font, face + ' (dictionaries)')
            mark(font.get('/ToUnicode'), face + ' (ToUnicode)')
            for cid in font.get('/DescendantFonts', []):
                mark(cid, face + ' (dictionaries)')
                desc = cid.get('/FontDescriptor')
                mark(desc, face + ' (dictionaries)')
                for key in ('/FontFile', '/FontFile2', '/FontFile3'):
                    mark(desc.get(key) if desc is not None else None, face + ' (program)')
        for _, x in res.get('/XObject', {}).items():
            mark(x, 'images')
            mark(x.get('/SMask'), 'images')
    # what the tree reaches that is not marked yet
    reach(root.get('/Outlines'), 'outline', kind)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get('/Type') == '/StructElem':
            kind.setdefault(obj.objgen[0], 'structure elements')
    reach(root.get('/StructTreeRoot'), 'structure tree: root, ParentTree, IDTree', kind)
    return kind


def reach(obj, k, kind):
    """Mark k on every indirect object reachable from obj that has no kind yet."""
    stack, seen = [obj], set()
    while stack:
        x = stack.pop()
        if not isinstance(x, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
            continue
        if x.is_indirect:
            n = x.objgen[0]
            if n in seen or (n in kind and kind[n] != k):
                continue
            seen.add(n)
            kind[n] = k
        if isinstance(x, pikepdf.Array):
            stack.extend(x)
        else:
            d = x.stream_dict if isinstance(x, pikepdf.Stream) else x
            stack.extend(d[key] for key in d.keys())


def main(path):
    raw = open(path, 'rb').read()
    pdf = pikepdf.open(path)
    loose, packed = xref_of(path)
    startxref = int(raw[raw.rindex(b'startxref') + 9:].split()[0])
    kind = kinds_of(pdf)
    total, count, before = defaultdict(float), defaultdict(int), defaultdict(int)
    order = sorted(loose.items(), key=lambda kv: kv[1])
    stms = set(packed.values())
    classic = raw[startxref:startxref + 4] == b'xref'
    span = {}
    for i, (num, off) in enumerate(order):   # spans, up to the next object or the table
        end = order[i + 1][1] if i + 1 < len(order) else (startxref if classic else len(raw))
        span[num] = end - off
        if num in stms:
            continue
        obj = pdf.get_object(num, 0)
        k = kind.get(num)
        if k is None:
            k = 'cross-reference stream' if isinstance(obj, pikepdf.Stream) and \
                obj.get('/Type') == '/XRef' else 'other'
        total[k] += end - off
        count[k] += 1
    for stm in stms:   # an object stream's bytes, shared out by its members' text
        s = pdf.get_object(stm, 0)
        data, first = s.read_bytes(), int(s.First)
        head = data[:first].split()
        pairs = [(int(head[i]), int(head[i + 1])) for i in range(0, len(head), 2)]
        lens = {}
        for i, (num, off) in enumerate(pairs):
            end = pairs[i + 1][1] if i + 1 < len(pairs) else len(data) - first
            lens[num] = end - off + len(head[2 * i]) + len(head[2 * i + 1]) + 2
        for num, n in lens.items():
            k = kind.get(num, 'other')
            total[k] += span[stm] * n / sum(lens.values())
            count[k] += 1
            before[k] += n
    if classic:
        total['cross-reference table and trailer'] += len(raw) - startxref
        count['cross-reference table and trailer'] += 1
    total['header'] += min(loose.values())
    print(f'{path}: {len(raw)} bytes, {len(loose) + len(packed)} objects, '
          f'{len(packed)} of them in {len(stms)} object streams')
    for k in sorted(total, key=lambda k: -total[k]):
        note = f'  ({before[k]} bytes before deflation)' if before[k] else ''
        print(f'{total[k]:10.0f} {100 * total[k] / len(raw):5.1f}% {count[k]:6d}  {k}{note}')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__.split('\n')[0])
    main(sys.argv[1])
