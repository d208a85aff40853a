#!/usr/bin/env python3
"""Write src/mail/widths.c — the columns a code point takes in plain text
(East Asian Wide and Fullwidth: 2; combining marks, enclosing marks, format
characters and conjoining Hangul vowels and finals: 0) — from Debian's
unicode-data (/usr/share/unicode). Run it again when Unicode moves on:
    python3 tools/gen-widths.py > src/mail/widths.c
tests/unit/test_mail.c checks the table against the installed files."""
import re
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"

def merge(points):
    ranges = []
    for cp in sorted(points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges

version = "?"
wide = set()
# unassigned code points of these blocks are W by default (UAX #11)
for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
               (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)):
    wide.update(range(lo, hi + 1))
with open(f"{UCD}/EastAsianWidth.txt", encoding="utf-8") as f:
    for line in f:
        m = re.match(r"# EastAsianWidth-([\d.]+)\.txt", line)
        if m:
            version = m.group(1)
        m = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\w+)", line)
        if not m:
            continue
        lo = int(m.group(1), 16)
        hi = int(m.group(2), 16) if m.group(2) else lo
        if m.group(3) in ("W", "F"):
            wide.update(range(lo, hi + 1))
        else:
            wide.difference_update(range(lo, hi + 1))

zero = set(range(0x1160, 0x1200)) | set(range(0xD7B0, 0xD800))   # Hangul medial vowels, finals
with open(f"{UCD}/UnicodeData.txt", encoding="utf-8") as f:
    first = None
    for line in f:
        fields = line.split(";")
        cp, name, cat = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", First>"):
            first = cp
            continue
        lo = first if name.endswith(", Last>") else cp
        first = None
        if cat in ("Mn", "Me", "Cf") and lo != 0xAD:   # the soft hyphen shows
            zero.update(range(lo, cp + 1))
zero -= wide

def table(name, ranges):
    out = [f"static const struct width_range {name}[] = {{"]
    row = []
    for lo, hi in ranges:
        row.append(f"{{0x{lo:04X}, 0x{hi:04X}}},")
        if len(row) == 4:
            out.append("    " + " ".join(row))
            row = []
    if row:
        out.append("    " + " ".join(row))
    out.append("};")
    return "\n".join(out)

print(f"""/* widths.c — how many columns a code point takes in plain text, from
 * Unicode {version} (East Asian Width: W and F are two columns; general
 * categories Mn, Me, Cf and conjoining Hangul vowels and finals none).
 * Written by tools/gen-widths.py from Debian's unicode-data; do not edit. */
#include "mail-private.h"

struct width_range {{
    uint32_t first, last;
}};

{table("wide", merge(wide))}

{table("zero", merge(zero))}

static int in_table(const struct width_range *t, size_t n, uint32_t cp)
{{
    size_t lo = 0, hi = n;
    while (lo < hi) {{
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[mid].first)
            hi = mid;
        else if (cp > t[mid].last)
            lo = mid + 1;
        else
            return 1;
    }}
    return 0;
}}

int mail_char_columns(uint32_t cp)
{{
    if (in_table(wide, sizeof wide / sizeof *wide, cp))
        return 2;
    return in_table(zero, sizeof zero / sizeof *zero, cp) ? 0 : 1;
}}""")
