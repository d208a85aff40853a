#!/usr/bin/python3
"""mail_check.py MESSAGE.eml PDF MANIFEST.yaml EXPECT.json: what bulletin's
message must be, read with Python's email package (policy.default) and the
PDF with pikepdf. Prints one "PASS name" / "FAIL name: why" line per check.

EXPECT.json: {"from": [name, addr], "to": [[name, addr], ...], "cc": [...],
"bcc": [...], "reply-to": [name, addr] or null, "date": "...", "filename": "..."}
(a name null: none).

- the wire: ASCII only, LF line ends, every line at most 78 characters;
- no defect on the message, any part or any header;
- the headers: the addresses with their display names, Subject (the
  manifest's title), Date, Message-ID (the sender's domain), MIME-Version,
  Content-Language;
- the structure: multipart/mixed holding multipart/alternative (text/plain
  format=flowed, then text/html, both UTF-8) and application/pdf, an
  attachment with the expected file name (ASCII name= and RFC 2231 filename*
  when it is not ASCII), whose bytes are the PDF's;
- both parts: every release title; in the plain part each release's page as
  the PDF labels the page its outline entry goes to, lines of at most 72
  columns (a Hangul syllable two) broken at spaces only;
- the HTML: lang on <html> and on each release, one h1, an h2 per release
  (in the release's language), no table, image, script or colour.
"""
import email, json, os, re, sys, unicodedata
from email import policy
from html.parser import HTMLParser
import pikepdf
import bulletin_check as bc   # report (and its count of failures), the manifest's YAML
from bulletin_check import report, yaml_list, yaml_value


def front_matter(path, key):
    """A key of a release's front matter (simple YAML, as the corpus writes it)."""
    fm = open(path, encoding="utf-8").read().split("---", 2)[1]
    m = re.search(r'^%s:\s*"?(.*?)"?\s*$' % key, fm, re.M)
    return m.group(1).replace('\\"', '"') if m else None


def releases(manifest, *keys):
    """For each release of the manifest, in order, the values of keys."""
    base = os.path.dirname(manifest)
    return [tuple(front_matter(os.path.join(base, r), k) for k in keys)
            for r in yaml_list(manifest, "releases")]


def columns(s):
    n = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n


def unflow(text):
    """format=flowed text with its soft breaks joined (RFC 3676 §4.2)."""
    out, cur = [], ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]   # stuffed
        cur += line
        if not line.endswith(" "):
            out.append(cur)
            cur = ""
    return "\n".join(out + ([cur] if cur else []))


class Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.h2, self.html_lang, self.styles = [], [], [], None, []
        self.text = ""
        self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "style" in a:
            self.styles.append(a["style"])
        self.tags.append(tag)
        if tag not in ("meta", "br", "hr", "img", "input", "link"):
            self.stack.append((tag, a.get("lang")))
        if tag == "h2":
            lang = next((l for t, l in reversed(self.stack) if l), None)
            self.cur = [lang, ""]
            self.h2.append(self.cur)

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "h2":
            self.cur = None

    def handle_data(self, data):
        self.text += data
        if self.cur is not None:
            self.cur[1] += data


def main():
    eml, pdf_path, manifest, expect_path = sys.argv[1:5]
    want = json.load(open(expect_path, encoding="utf-8"))
    raw = open(eml, "rb").read()
    lines = raw.split(b"\n")
    report("the wire: ASCII only", all(b < 128 for b in raw))
    report("the wire: LF line ends, no CR", b"\r" not in raw)
    long_lines = [i + 1 for i, l in enumerate(lines) if len(l) > 78]
    report("the wire: every line at most 78 characters", not long_lines,
           "lines %s" % long_lines[:5])

    msg = email.message_from_bytes(raw, policy=policy.default)
    defects = []
    for part in msg.walk():
        defects += [(part.get_content_type(), d) for d in part.defects]
        for k, v in part.items():
            defects += [(k, d) for d in getattr(v, "defects", ())]
    report("no defect on the message, its parts or their headers", not defects, str(defects[:3]))

    def addresses(name):
        h = msg[name]
        return [[a.display_name or None, a.addr_spec] for a in h.addresses] if h else []

    report("From: the sender with the display name", addresses("From") == [want["from"]],
           "%s" % addresses("From"))
    for key in ("to", "cc", "bcc"):
        report("%s: every address with its display name" % key.capitalize(),
               addresses(key.capitalize()) == want[key], "%s" % addresses(key.capitalize()))
    rt = [want["reply-to"]] if want.get("reply-to") else []
    report("Reply-To", addresses("Reply-To") == rt, "%s" % addresses("Reply-To"))
    title = yaml_value(manifest, "title")
    report("Subject: the bulletin's title", msg["Subject"] == title, repr(msg["Subject"]))
    report("Date: the document's instant", msg["Date"] == want["date"], repr(msg["Date"]))
    domain = want["from"][1].split("@")[1]
    report("Message-ID: from a hash, at the sender's domain",
           re.fullmatch(r"<[a-z2-7]{13,26}@%s>" % re.escape(domain), msg["Message-ID"] or "")
           is not None, repr(msg["Message-ID"]))
    report("MIME-Version 1.0, Content-Language the bulletin's",
           msg["MIME-Version"] == "1.0" and msg["Content-Language"] == yaml_value(manifest, "lang"))

    types = [p.get_content_type() for p in msg.walk()]
    report("structure: mixed (alternative (plain, html), pdf)",
           types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                     "application/pdf"], str(types))
    parts = list(msg.walk())
    if len(parts) != 5:
        return
    plain_part, html_part, pdf_part = parts[2], parts[3], parts[4]
    report("text parts: UTF-8, the plain one format=flowed",
           plain_part.get_content_charset() == "utf-8" and
           html_part.get_content_charset() == "utf-8" and
           plain_part["Content-Type"].params.get("format") == "flowed")
    report("the PDF: an attachment named %s" % want["filename"],
           pdf_part.get_content_disposition() == "attachment" and
           pdf_part.get_filename() == want["filename"], repr(pdf_part.get_filename()))
    if not want["filename"].isascii():
        name = pdf_part["Content-Type"].params.get("name", "")
        disposition = dict(pdf_part.raw_items())["Content-Disposition"]
        report("a name that is not ASCII: an ASCII name= and an RFC 2231 filename*",
               name.isascii() and name.endswith(".pdf") and "filename*" in disposition,
               repr(name))
    pdf = open(pdf_path, "rb").read()
    report("the PDF: the attachment's bytes are the file's", pdf_part.get_content() == pdf,
           "%d bytes, want %d" % (len(pdf_part.get_content()), len(pdf)))

    plain = plain_part.get_content()
    html = html_part.get_content()
    flowed = unflow(plain)
    rels = releases(manifest, "title", "lang")
    missing = [t for t, _ in rels if t not in flowed.split("\n")]
    report("plain: every release title, in its language, on a line of its own",
           not missing, "missing %s" % missing[:2])
    report("html: every release title", all(t in html for t, _ in rels))

    wide = []
    for line in plain.split("\n"):
        body = line[:-1] if line.endswith(" ") else line
        if columns(body) > 72 and " " in body.strip():
            wide.append(line)
    report("plain: lines of at most 72 columns (a Hangul syllable two)", not wide,
           repr(wide[:2]))
    subtitles = [s for s, in releases(manifest, "subtitle") if s]
    missing = [s for s in subtitles if s not in flowed.split("\n")]
    report("plain: broken at spaces only (the subtitles, joined again, whole)",
           subtitles and not missing and "  " not in flowed, "missing %s" % missing[:1])

    # each release's page: the label of the page its outline entry goes to
    doc = pikepdf.open(pdf_path)
    index = {pg.obj.objgen: i for i, pg in enumerate(doc.pages)}
    labels = [pg.label for pg in doc.pages]
    with doc.open_outline() as outline:
        kids = list(list(outline.root)[0].children)[1:]
        starts = []
        for k in kids:
            d = k.destination if k.destination is not None else k.action.get("/D")
            starts.append(labels[index[d[0].objgen]])
    words = "Page %s of the attached PDF" if yaml_value(manifest, "lang") == "en" else None
    if words:
        got = re.findall(r"^Page (\S+) of the attached PDF$", flowed, re.M)
        report("plain: each release's page, as the PDF labels it", got == starts,
               "got %s, want %s" % (got, starts))
        got = re.findall(r">Page (\S+) of the attached PDF<", html)
        report("html: each release's page, as the PDF labels it", got == starts,
               "got %s, want %s" % (got, starts))

    h = Html()
    h.feed(html)
    report("html: lang on <html>", h.html_lang == yaml_value(manifest, "lang"))
    report("html: one h1, an h2 per release", h.tags.count("h1") == 1 and
           len(h.h2) == len(rels), "h1 %d, h2 %d" % (h.tags.count("h1"), len(h.h2)))
    report("html: each release's h2 in the release's language",
           [[l, t] for l, t in h.h2] == [[l, t] for t, l in rels], str(h.h2[:2]))
    report("html: no table, image, script, style sheet or colour",
           not {"table", "img", "script", "style", "font", "center"} & set(h.tags) and
           not any("color" in s or "background" in s for s in h.styles))


main()
sys.exit(1 if bc.fails else 0)
