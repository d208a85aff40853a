#!/usr/bin/python3
"""marks_check.py FILE.pdf FONT TEXT...: each TEXT, shaped by HarfBuzz itself
(hb-shape, at 1000 units to the em) in the font file FONT, is drawn in the
PDF where HarfBuzz places its glyphs: in the pages' content streams (text
state followed through BT, Td, Tf, Ts, Tz and TJ; advances from the fonts'
/W) the run of those glyph ids is found, and each glyph's origin, from the
first's, is where HarfBuzz's advances and x/y offsets (a mark over its base,
GPOS) put it, within 0.01 pt. Prints one PASS/FAIL line per TEXT."""
import json, subprocess, sys
import pikepdf

pdf_path, font_file, texts = sys.argv[1], sys.argv[2], sys.argv[3:]


def widths(font):
    """A Type 0 font's glyph widths (thousandths of an em) from /W and /DW."""
    cid = font.DescendantFonts[0]
    dw = float(cid.get("/DW", 1000))
    w, arr, i = {}, list(cid.get("/W", [])), 0
    while i < len(arr):
        first = int(arr[i])
        if isinstance(arr[i + 1], pikepdf.Array):
            for k, v in enumerate(arr[i + 1]):
                w[first + k] = float(v)
            i += 2
        else:
            for c in range(first, int(arr[i + 1]) + 1):
                w[c] = float(arr[i + 2])
            i += 3
    return lambda code: w.get(code, dw)


def shown_glyphs(pdf):
    """Every glyph shown, in order: (glyph id, x, y of its origin in points,
    font size, horizontal scale)."""
    out = []
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        x = y = lx = ly = 0.0
        size, rise, th, width = 0.0, 0.0, 1.0, None
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BT":
                x = y = lx = ly = 0.0
            elif op == "Td":
                lx += float(operands[0])
                ly += float(operands[1])
                x, y = lx, ly
            elif op == "Tf":
                width = widths(fonts[str(operands[0])])
                size = float(operands[1])
            elif op == "Ts":
                rise = float(operands[0])
            elif op == "Tz":
                th = float(operands[0]) / 100
            elif op == "TJ":
                for e in operands[0]:
                    if isinstance(e, pikepdf.String):
                        b = bytes(e)
                        for k in range(0, len(b) - 1, 2):
                            code = b[k] << 8 | b[k + 1]
                            out.append((code, x, y + rise, size, th))
                            x += width(code) / 1000 * size * th
                    else:
                        x -= float(e) / 1000 * size * th
    return out


shown = shown_glyphs(pikepdf.open(pdf_path))
ids = [g[0] for g in shown]
fails = 0
for text in texts:
    hb = json.loads(subprocess.run(["hb-shape", "--no-glyph-names", "--font-size=1000",
                                    "--output-format=json", font_file, text],
                                   capture_output=True, text=True, check=True).stdout)
    want = [g["g"] for g in hb]
    name = "drawn where HarfBuzz places them: %r, glyphs %s" % (text, want)
    at = next((i for i in range(len(ids) - len(want) + 1) if ids[i:i + len(want)] == want), None)
    if at is None:
        print("FAIL %s: not shown in a row" % name)
        fails += 1
        continue
    _, x0, y0, size, th = shown[at]
    pen, worst, where = 0.0, 0.0, ""
    for i, g in enumerate(hb):
        _, x, y, _, _ = shown[at + i]
        want_x = (pen + g["dx"] - hb[0]["dx"]) / 1000 * size * th
        want_y = (g["dy"] - hb[0]["dy"]) / 1000 * size
        off = max(abs(x - x0 - want_x), abs(y - y0 - want_y))
        if off > worst:
            worst, where = off, "glyph %d at (%.2f, %.2f), HarfBuzz (%.2f, %.2f)" % (
                g["g"], x - x0, y - y0, want_x, want_y)
        pen += g["ax"]
    if worst <= 0.01:
        print("PASS %s" % name)
    else:
        print("FAIL %s: %s" % (name, where))
        fails += 1
sys.exit(1 if fails else 0)
