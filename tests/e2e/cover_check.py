#!/usr/bin/python3
"""cover_check.py FILE.pdf MANIFEST.yaml STYLE.yaml: the cover's identity,
read from the PDF with pikepdf against the manifest and the style sheet.
Prints one "PASS name" / "FAIL name: why" line per check.

- the manifest's logo is a Figure of the cover whose /Alt is the publisher's
  name, drawn on the first page (an image XObject inside its marked content)
  with its /BBox; its ink (the picture without the transparent margins of
  its soft mask) cover.logo-height high and at the frame's left or right
  edge as cover.logo-align says;
- the band: an artifact filling the page's width from its top edge,
  cover.band high, in cover.accent (none when cover.band is 0);
- the rule above the cover's list in cover.accent.
"""
import os, re, sys
import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bulletin_check import yaml_value  # noqa: E402
from furniture_check import load_style, page_geometry  # noqa: E402

fails = 0


def report(name, ok, why=""):
    global fails
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    fails += not ok


def rgb(hexcolour):
    v = int(str(hexcolour).lstrip("#"), 16)
    return tuple(round(((v >> s) & 255) / 255, 3) for s in (16, 8, 0))


def kids(e):
    k = e.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def figures(e, out):
    if isinstance(e, pikepdf.Dictionary) and e.get("/S") is not None:
        if e.S == "/Figure":
            out.append(e)
        for k in kids(e):
            figures(k, out)
    return out


def ink(image):
    """The box of an image XObject's pixels its soft mask does not hide:
    (x0, y0, x1, y1) in pixels from the top left, x1 and y1 past the last,
    and its (width, height)."""
    w, h = int(image.Width), int(image.Height)
    if "/SMask" not in image:
        return 0, 0, w, h, (w, h)
    alpha = image.SMask.read_bytes()   # one byte a pixel, rows from the top
    rows = [y for y in range(h) if any(alpha[y * w:(y + 1) * w])]
    cols = [x for x in range(w) if any(alpha[y * w + x] for y in rows)]
    return cols[0], rows[0], cols[-1] + 1, rows[-1] + 1, (w, h)


def main():
    pdf_path, manifest, sheet = sys.argv[1:4]
    st = load_style(sheet)
    cover = st["cover"]
    page_w, inner, outer, _ = page_geometry(st)
    pdf = pikepdf.open(pdf_path)
    first = pdf.pages[0]
    page_h = float(first.mediabox[3])
    publisher = yaml_value(manifest, "publisher")
    accent = rgb(cover["accent"])

    # what the first page draws: images per MCID, filled and stroked boxes per artifact
    mcid_images, fills, strokes = {}, [], []
    stack, colour, stroke_colour, cm = [], None, None, None
    for operands, op in pikepdf.parse_content_stream(first):
        op = str(op)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props \
                else None
            stack.append((str(operands[0]), mcid))
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "rg":
            colour = tuple(round(float(v), 3) for v in operands)
        elif op == "RG":
            stroke_colour = tuple(round(float(v), 3) for v in operands)
        elif op == "cm":
            cm = [float(v) for v in operands]
        elif op == "Do" and stack and stack[-1][1] is not None:
            mcid_images[stack[-1][1]] = (cm, operands[0])
        elif op == "re" and stack and stack[-1][0] == "/Artifact":
            fills.append(([float(v) for v in operands], colour))
        elif op == "S" and stack and stack[-1][0] == "/Artifact":
            strokes.append(stroke_colour)

    # the logo: a Figure with the publisher's name, on the first page
    figs = []
    for k in kids(pdf.Root.StructTreeRoot):
        figures(k, figs)
    logo = [f for f in figs if str(f.get("/Alt", "")) == publisher]
    ok, why = len(logo) == 1, "Figures' /Alt: %s" % [str(f.get("/Alt", "")) for f in figs][:4]
    if ok:
        f = logo[0]
        mcids = [int(k) if not isinstance(k, pikepdf.Dictionary) else int(k.MCID)
                 for k in kids(f)]
        pg = f.get("/Pg")
        box = [float(v) for v in f.A.BBox] if "/A" in f and "/BBox" in f.A else None
        drawn = [mcid_images[m] for m in mcids if m in mcid_images]
        left = inner   # the cover is a right-hand page
        right = page_w - outer
        h = cover["logo-height"]
        ok = pg is not None and pg.objgen == first.obj.objgen and len(drawn) == 1 and box
        why = "page %s, drawn %s, BBox %s" % (pg.objgen if pg is not None else None, drawn, box)
        if ok:
            (a, _, _, d, e, f), name = drawn[0]
            x0, y0, x1, y1, px = ink(first.Resources.XObject[name])
            # the ink (the picture without its transparent margins) is placed and sized
            ix0, ix1, ih = e + a * x0 / px[0], e + a * x1 / px[0], d * (y1 - y0) / px[1]
            tol = a / px[0] + 0.01   # a pixel of the image as embedded
            at = abs(ix0 - left) < tol if cover["logo-align"] == "left" \
                else abs(ix1 - right) < tol
            ok = abs(ih - h) < tol and at and abs(box[3] - box[1] - d) < 0.01
            why = "ink %.2f..%.2f, %.2f high (frame %.2f..%.2f, %s, %s high)" \
                % (ix0, ix1, ih, left, right, cover["logo-align"], h)
    report("cover: the logo is a Figure with the publisher's name as /Alt, drawn on the cover "
           "as the style places it", ok, why)

    # the band: an artifact across the top edge, in the accent
    band = [(r, c) for r, c in fills if abs(r[0]) < 0.01 and abs(r[2] - page_w) < 0.01
            and abs(r[1] + r[3] - page_h) < 0.01]
    if cover["band"] > 0:
        ok = len(band) == 1 and abs(band[0][0][3] - cover["band"]) < 0.01 and band[0][1] == accent
    else:
        ok = not band
    report("cover: the band (%spt) an artifact in the accent colour" % cover["band"], ok,
           "bands %s, accent %s" % (band, accent))
    report("cover: the rule above the list in the accent colour", accent in strokes,
           "stroked in %s, accent %s" % (strokes, accent))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
