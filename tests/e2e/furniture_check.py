#!/usr/bin/python3
"""furniture_check.py FILE.pdf MANIFEST.yaml STYLE.yaml: the running header
and footer of a bulletin or volume, read from the PDF's Pagination artifacts
(pikepdf: the content streams, the fonts' ToUnicode maps and widths) against
the style sheet's templates. Prints one "PASS name" / "FAIL name: why" line
per check (tests/run.sh counts them).

- no furniture on the cover and on blank pages;
- every other page shows its label exactly once in its header and footer;
- each header and footer shows what its template in the style says, slot by
  slot (left at the frame's left edge, center centred, right at its right
  edge), on verso and recto pages: titles, dates, the page's label, the count
  of body pages; no header where a release, the contents or the index open
  (the index's pages: the document's title, the index's own heading).

The style is read as bulletin reads it: styles/print.yaml (the defaults
written out), then the sheet; a side of the header or footer that the sheet
sets replaces the default's three slots (styles/README.md).
"""
import datetime, os, re, sys
import pikepdf
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bulletin_check import elements, release_title, yaml_list, yaml_value  # noqa: E402

fails = 0
MM = 72 / 25.4
PAGE_SIZES = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "letter": (215.9, 279.4)}
CONTENTS = {"en": "Contents", "ko": "차례"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS_KO = "월화수목금토일"   # Monday first, as datetime.weekday() counts


def report(name, ok, why=""):
    global fails
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    fails += not ok


# ---- the style ---------------------------------------------------------------

def merge(dst, src, path=()):
    for k, v in (src or {}).items():
        if path in (("header",), ("footer",)) and k in ("verso", "recto"):
            dst[k] = {} if v is None or v == "none" else dict(v)   # a side is set whole
        elif isinstance(v, dict) and isinstance(dst.get(k), dict):
            merge(dst[k], v, path + (k,))
        else:
            dst[k] = v


def load_style(sheet):
    here = os.path.dirname(os.path.abspath(__file__))
    st = yaml.safe_load(open(os.path.join(here, "..", "..", "styles", "print.yaml"),
                             encoding="utf-8"))
    merge(st, yaml.safe_load(open(sheet, encoding="utf-8")))
    return st


def page_geometry(st):
    size = st["page"]["size"]
    w, h = PAGE_SIZES[size] if isinstance(size, str) else size
    m = st["page"]["margins"]
    return w * MM, m["inner"] * MM, m["outer"] * MM, bool(st["page"]["two-sided"])


# ---- what the manifest says ---------------------------------------------------

def front_matter(path):
    text = open(path, encoding="utf-8").read()
    fm = yaml.safe_load(text.split("---", 2)[1])
    return {"title": release_title(path), "date": str(fm["date"]), "lang": fm["lang"]}


def display_date(date, lang):
    d = datetime.date.fromisoformat(date)
    if lang.split("-")[0] == "ko":
        return "%d. %d. %d.(%s)" % (d.year, d.month, d.day, DAYS_KO[d.weekday()])
    if lang.split("-")[0] == "en":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    return date


def releases_of(manifest):
    """[(release front matter, weekly bulletin title or None)] in manifest order."""
    base = os.path.dirname(manifest)
    weeks = yaml_list(manifest, "bulletins")
    if not weeks:
        return [(front_matter(os.path.join(base, r)), None)
                for r in yaml_list(manifest, "releases")]
    out = []
    for w in weeks:
        wp = os.path.join(base, w)
        out += [(front_matter(os.path.join(os.path.dirname(wp), r)), yaml_value(wp, "title"))
                for r in yaml_list(wp, "releases")]
    return out


# ---- what the PDF shows ------------------------------------------------------

class Font:
    """A Type 0 font's codes to text (ToUnicode) and widths (/W, /DW)."""

    def __init__(self, obj):
        self.text, self.widths, self.dw = {}, {}, 1000
        cmap = obj.get("/ToUnicode")
        if cmap is not None:
            self.read_cmap(cmap.read_bytes().decode("latin-1"))
        desc = obj.get("/DescendantFonts")
        if desc is not None:
            d = desc[0]
            self.dw = float(d.get("/DW", 1000))
            w = list(d.get("/W", []))
            i = 0
            while i < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], pikepdf.Array):
                    for k, v in enumerate(w[i + 1]):
                        self.widths[first + k] = float(v)
                    i += 2
                else:
                    for c in range(first, int(w[i + 1]) + 1):
                        self.widths[c] = float(w[i + 2])
                    i += 3

    @staticmethod
    def utf16(hexs):
        return bytes.fromhex(hexs).decode("utf-16-be")

    def read_cmap(self, s):
        for block in re.findall(r"beginbfchar(.*?)endbfchar", s, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.text[int(src, 16)] = self.utf16(dst)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", s, re.S):
            for lo, hi, dst in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                base = int(dst, 16)
                for k, c in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    self.text[c] = chr(base + k)


class Piece:
    """Text of one artifact kind drawn left to right on one baseline."""

    def __init__(self, kind, x, y):
        self.kind, self.x0, self.x1, self.y, self.text = kind, x, x, y, ""


def furniture(page, fonts):
    """The page's Pagination artifacts as [Piece]; and whether it shows any
    tagged content (MCID) at all."""
    res = page.obj.get("/Resources")
    fdict = res.get("/Font") if res is not None else None
    stack, pieces, tagged = [], [], False
    font, size, x, y, hscale = None, 0, 0, 0, 1
    actual = None   # (text, depth) of an open /ActualText span inside an artifact
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            kind = None
            if tag == "/Artifact" and isinstance(props, pikepdf.Dictionary) \
                    and str(props.get("/Type")) == "/Pagination":
                kind = str(props.get("/Subtype", "/Header"))[1:]
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                tagged = True
            inherited = stack[-1] if stack else None
            stack.append(kind or inherited)
            if stack[-1] and isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                actual = [str(props.ActualText), len(stack), False]
        elif op == "EMC":
            if actual and actual[1] == len(stack):
                actual = None
            if stack:
                stack.pop()
        elif op == "Tf":
            ref = operands[0]
            if ref not in fonts:
                fonts[ref] = Font(fdict[ref])
            font, size = fonts[ref], float(operands[1])
        elif op == "Tz":
            hscale = float(operands[0]) / 100
        elif op == "BT":   # the text matrix starts as the identity
            x, y = 0, 0
        elif op == "Tm":
            x, y = float(operands[4]), float(operands[5])
        elif op == "Td":
            x, y = x + float(operands[0]), y + float(operands[1])
        elif op in ("TJ", "Tj") and stack and stack[-1] and font:
            items = operands[0] if op == "TJ" else [operands[0]]
            text, adv = "", 0.0
            for it in items:
                if not isinstance(it, pikepdf.String):
                    adv -= float(it) / 1000 * size * hscale
                    continue
                raw = bytes(it)
                for i in range(0, len(raw) - 1, 2):
                    code = raw[i] << 8 | raw[i + 1]
                    text += font.text.get(code, "\ufffd")
                    adv += font.widths.get(code, font.dw) / 1000 * size * hscale
            if actual:
                text = "" if actual[2] else actual[0]
                actual[2] = True
            last = pieces[-1] if pieces else None
            if last and last.kind == stack[-1] and abs(last.y - y) < 0.01 \
                    and abs(last.x1 - x) < 0.5:
                last.text += text
                last.x1 = x + adv
            else:
                p = Piece(stack[-1], x, y)
                p.text, p.x1 = text, x + adv
                pieces.append(p)
    return pieces, tagged


def roman_value(s):
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    n = 0
    for a, b in zip(s, s[1:] + " "):
        n += -vals[a] if vals.get(b, 0) > vals[a] else vals[a]
    return n


# ---- the checks --------------------------------------------------------------

def expand(template, fields):
    if not template or template == "none":
        return ""
    return re.sub(r"\{([a-z.]+)\}", lambda m: fields.get(m.group(1)) or "", template)


def shows(actual, want):
    """actual is want, or want cut with an ellipsis to fit."""
    if actual == want:
        return True
    return actual.endswith("…") and len(actual) > 1 and want.startswith(actual[:-1].rstrip())


def without_fields(text, values):
    """text with the (maybe cut) values of the fields other than the page's taken out."""
    for v in sorted((v for v in values if v), key=len, reverse=True):
        if v in text:
            text = text.replace(v, " ")
        elif text.endswith("…") and v.startswith(text[:-1].rstrip()):
            text = " "
    return text


def main():
    pdf_path, manifest, sheet = sys.argv[1:4]
    st = load_style(sheet)
    page_w, inner, outer, two_sided = page_geometry(st)
    frame_w = page_w - inner - outer
    pdf = pikepdf.open(pdf_path)
    index = {pg.obj.objgen: i for i, pg in enumerate(pdf.pages)}
    labels = [pg.label for pg in pdf.pages]
    body_pages = sum(1 for lb in labels if re.fullmatch(r"\d+", lb))
    doc_title = yaml_value(manifest, "title")
    lang = yaml_value(manifest, "lang") or "en"

    def dest_page(item):
        d = item.destination
        if d is None and item.action is not None:
            d = item.action.get("/D")
        return index.get(d[0].objgen) if d is not None else None

    with pdf.open_outline() as outline:
        kids = list(list(outline.root)[0].children)
        contents_at = dest_page(kids[0])
        index_at = index_title = None
        if elements(pdf.Root.StructTreeRoot, "Index"):   # the index: the outline's last entry
            index_at, index_title = dest_page(kids[-1]), kids[-1].title
            kids = kids[:-1]
        volume = bool(yaml_list(manifest, "bulletins"))
        starts = [dest_page(c) for k in kids[1:] for c in (k.children if volume else [k])]
    rels = releases_of(manifest)
    if len(starts) != len(rels) or None in starts or contents_at is None:
        report("furniture: the outline leads to every release", False,
               "%d starts for %d releases" % (len(starts), len(rels)))
        return 1

    fonts, once, templ, empty = {}, [], [], []
    checked = 0
    for i, pg in enumerate(pdf.pages):
        pieces, tagged = furniture(pg, fonts)
        label = labels[i]
        if i < contents_at or not tagged:   # the cover, blank pages
            if pieces:
                empty.append("%s: %s" % (label, [p.text for p in pieces][:3]))
            continue
        checked += 1
        number = int(label) if label.isdigit() else roman_value(label)
        side = "verso" if two_sided and number % 2 == 0 else "recto"
        left = outer if side == "verso" else inner
        rel = None
        in_index = index_at is not None and i >= index_at
        if label.isdigit() and not in_index:
            rel = max((k for k, s in enumerate(starts) if s <= i), default=None)
        meta, part = rels[rel] if rel is not None else (None, None)
        section = index_title if in_index else CONTENTS.get(lang.split("-")[0])
        fields = {
            "document.title": doc_title,
            "bulletin.title": part or doc_title,
            "release.title": meta["title"] if meta else section,
            "release.date": display_date(meta["date"], meta["lang"]) if meta else "",
            "page": label,
            "pages": str(body_pages),
        }
        # the label once, the words of the side's other fields aside
        shown = " ".join(str(t) for part in ("header", "footer")
                         for t in st[part][side].values() if t)
        others = [v for k, v in fields.items() if k != "page" and "{%s}" % k in shown]
        n = sum(len(re.findall(r"(?<!\w)%s(?!\w)" % re.escape(label), without_fields(p.text, others)))
                for p in pieces)
        if n != 1:
            once.append("%s: %d times in %s" % (label, n, [p.text for p in pieces]))
        # each slot as its template says
        opening = i == contents_at or i in starts or i == index_at
        for kind in ("Header", "Footer"):
            spec = st[kind.lower()][side]
            want = {slot: expand(spec.get(slot), fields) for slot in ("left", "center", "right")}
            if kind == "Header" and opening:
                want = {}
            got = {}
            for p in (p for p in pieces if p.kind == kind):
                if abs(p.x0 - left) < 0.5:
                    got["left"] = p.text
                elif abs(p.x1 - (left + frame_w)) < 0.5:
                    got["right"] = p.text
                elif abs((p.x0 + p.x1) / 2 - (left + frame_w / 2)) < 0.5:
                    got["center"] = p.text
                else:
                    got["x=%.1f" % p.x0] = p.text
            want = {k: v for k, v in want.items() if v}
            if set(got) != set(want) or not all(shows(got[k], want[k]) for k in want):
                templ.append("%s %s %s: got %s, want %s" % (label, side, kind.lower(), got, want))

    name = os.path.basename(sheet)
    report("furniture (%s): none on the cover and blank pages" % name, not empty,
           "; ".join(empty[:3]))
    report("furniture (%s): each of %d pages shows its label exactly once" % (name, checked),
           checked > 0 and not once, "; ".join(once[:3]))
    report("furniture (%s): each header and footer shows what its template says, verso and "
           "recto" % name, checked > 0 and not templ, "; ".join(templ[:3]))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
