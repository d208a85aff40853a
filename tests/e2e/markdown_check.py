#!/usr/bin/python3
"""markdown_check.py STYLE FILE.pdf: what the week of tests/corpus/markdown must
read as, from `pdfinfo -struct-text` (the structure tree a screen reader
follows) and `pdftotext` (the page's text). Prints one "PASS name" / "FAIL
name: why" line per check (tests/run.sh counts them).

- Korean dates that begin a list item or a paragraph are text: each such
  item is one LI of a bullet list whose body is one P reading exactly as the
  source; the paragraphs are P outside any list; no list holds another;
- the real lists are lists: 1. 2. 3. (Decimal, labels "1." "2." "3.") and the
  English timeline numbered 2019. 2020. 2021.;
- a table cell with <br> reads as two lines on the page, and in the
  structure as its two lines' text with a space between (a hard break reads
  as a space, not as nothing: "Certified valuers", not "Certifiedvaluers");
- the code block's line is there as written.
"""
import re, subprocess, sys

style, pdf = sys.argv[1], sys.argv[2]
fails = 0


def report(name, ok, why=""):
    global fails
    name = "%s (%s)" % (name, style)
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
    fails += not ok


class Elem:
    def __init__(self, tag, depth, parent):
        self.tag, self.depth, self.parent = tag, depth, parent
        self.kids, self.text, self.attrs = [], [], []

    def all_text(self):
        return "".join(self.text) + "".join(k.all_text() for k in self.kids)

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def ancestors(self):
        p = self.parent
        while p:
            yield p
            p = p.parent


def struct_tree(path):
    """The structure tree as `pdfinfo -struct-text` prints it: two spaces a level."""
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True,
                         check=True).stdout
    root = Elem("root", -1, None)
    stack = [root]
    for line in out.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        while len(stack) > 1 and stack[-1].depth >= depth:
            stack.pop()
        if body.startswith('"'):
            stack[-1].text.append(body[1:-1] if body.endswith('"') else body[1:])
        elif body.startswith("/"):
            stack[-1].attrs.append(body)
        else:
            e = Elem(re.split(r"[ :(]", body, 1)[0], depth, stack[-1])
            stack[-1].kids.append(e)
            stack.append(e)
    return root


root = struct_tree(pdf)
elems = list(root.walk())
paras = {}
for e in elems:
    if e.tag == "P":
        paras.setdefault(e.all_text(), []).append(e)


def in_list(e):
    return any(a.tag == "L" for a in e.ancestors())


def list_of(e):
    return next((a for a in e.ancestors() if a.tag == "L"), None)


items = ["2001. 1. 16. 제정(법률 제6353호)", "2013. 3. 23. 전부개정(법률 제11690호)",
         "2019. 6. 24.(월) 시행령 제정안 관계부처 협의 완료", "2019. 6. 관계기관 의견 조회"]
for text in items:
    ps = paras.get(text, [])
    ok = len(ps) == 1 and ps[0].parent.tag == "LBody" and list_of(ps[0]) is not None
    if ok:
        lst = list_of(ps[0])
        labels = [k.all_text() for li in lst.kids if li.tag == "LI" for k in li.kids if k.tag == "Lbl"]
        ok = labels == ["•"] * 4 and "/ListNumbering /Disc" in lst.attrs
    report("a date in a list item is the item's text: " + text, ok,
           "found %d P, in %s" % (len(ps), [p.parent.tag for p in ps]))

for text in ["2019. 7. 2.(화) 10:00, 정부서울청사 브리핑실에서 제정안의 주요 내용을 설명하였다.",
             "2019. 6. 현재 데이터 거래소 3곳, 데이터 가치 평가기관 후보 12곳이 사전 신청을 마쳤다."]:
    ps = paras.get(text, [])
    report("a paragraph that starts with a date is a paragraph: " + text[:14],
           len(ps) == 1 and not in_list(ps[0]), "found %d P" % len(ps))

nested = [e for e in elems if e.tag == "L" and in_list(e)]
report("no list inside a list", not nested, "%d nested L" % len(nested))
notes = [e for e in elems if e.tag == "Note" and "2019. 7. 2. 개설된" in e.all_text()]
report("a footnote that starts with a date is text",
       len(notes) == 1 and not any(e.tag == "L" for e in notes[0].walk()), "%d notes" % len(notes))


def list_with(first_body):
    for e in elems:
        if e.tag == "L":
            lis = [k for k in e.kids if k.tag == "LI"]
            bodies = [k.all_text() for li in lis for k in li.kids if k.tag == "LBody"]
            if bodies and bodies[0] == first_body:
                labels = [k.all_text() for li in lis for k in li.kids if k.tag == "Lbl"]
                return e, labels, bodies
    return None, [], []


lst, labels, bodies = list_with("데이터 거래 표준계약서 도입")
report("1. 2. 3. stay a numbered list", lst is not None and labels == ["1.", "2.", "3."] and
       "/ListNumbering /Decimal" in lst.attrs and bodies[2] == "데이터 산업 실태조사 주기(매년) 명시",
       "labels %s" % labels)
lst, labels, bodies = list_with("Budget review of the data voucher programme")
report("a list at 2019. followed by words stays a list",
       lst is not None and labels == ["2019.", "2020.", "2021."], "labels %s" % labels)
lst, labels, bodies = list_with("A standard contract for data transactions")
report("the English 1. 2. 3. stay a numbered list", labels == ["1.", "2.", "3."], "labels %s" % labels)

# the page's text: each <br> cell on two lines, one after the other
text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
lines = [l.strip() for l in text.splitlines()]


def two_lines(a, b):
    return any(lines[i] == a and lines[i + 1] == b for i in range(len(lines) - 1))


for a, b in [("2019. 7. 2.", "2019. 8. 12."), ("입법예고 기간", "(40일)"), ("서울", "대전"),
             ("2019", "(draft)"), ("Data exchanges", "and buyers"), ("Certified", "valuers")]:
    report("a cell with <br> reads as two lines: %s / %s" % (a, b), two_lines(a, b),
           "not two lines in a row in pdftotext")
cells = [e.all_text() for e in elems if e.tag == "TD"]
for text in ("Certified valuers", "2019 (draft)", "Data exchanges and buyers"):
    report("a cell with <br> reads as its lines' text with a space between: %s" % text,
           text in cells, "cells %s" % cells)
report("the code block's line as written", '{"total": 1342, "name": "x"}' in lines,
       "not a line of pdftotext")
sys.exit(1 if fails else 0)
