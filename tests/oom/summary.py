#!/usr/bin/env python3
"""summary.py — sums up and judges an allocation-failure sweep's report
(tests/oom/forksweep.c writes it, tests/oom/sweep.sh calls this).

Each N must have ended `same` (exit 0, the reference's bytes: the failure
was survived) or `oom` (exit 3, the one message), with no file left and no
old output changed; a crash or a hang is tolerated only inside a library
and only before the start-up marker. Prints the outcomes by phase, the tolerated
crashes by library, what was survived by design (by module and function),
and every bad end grouped by where it starts (bulletin's frames resolved
with addr2line). Exit 1 when there is a bad end.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

GOOD = ("same", "oom")
COLUMNS = ("same", "oom", "crash", "different", "exit1", "message", "silent", "hang", "other")
FRAME = re.compile(r"(\S+?)\+0x([0-9a-f]+)(?:\(([^)]*)\))?")


def frames(text):
    """[(module, offset, symbol or None)] of a chain of frames."""
    return [(m.group(1), int(m.group(2), 16), m.group(3)) for m in FRAME.finditer(text)]


class Symbols:
    """bulletin's offsets to 'function file:line', resolved in one addr2line call."""

    def __init__(self, binary):
        self.binary, self.names = binary, {}

    def resolve(self, offsets):
        todo = sorted(set(o for o in offsets if o not in self.names))
        if not todo or not self.binary:
            return
        try:
            out = subprocess.run(["addr2line", "-f", "-C", "-e", self.binary] +
                                 ["0x%x" % (o - 1) for o in todo],
                                 capture_output=True, text=True, check=True).stdout.split("\n")
        except (OSError, subprocess.CalledProcessError):
            return
        for i, o in enumerate(todo):
            fn, where = out[2 * i], out[2 * i + 1]
            where = re.sub(r" \(discriminator \d+\)", "", where)
            self.names[o] = "%s %s" % (fn, where.split("/src/")[-1])

    def name(self, frame):
        module, offset, symbol = frame
        if module == "bulletin":
            return self.names.get(offset, "bulletin+0x%x" % offset)
        return "%s(%s)" % (module, symbol.split("+")[0]) if symbol else module


def where_from(site, symbols):
    """The failed allocation's first frame in bulletin (its caller there), or
    the first library frame with a symbol."""
    for f in site:
        if f[0] == "bulletin":
            return symbols.name(f)
    for f in site:
        if f[2] and not f[0].startswith("libc.so"):
            return symbols.name(f)
    return symbols.name(site[0]) if site else "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", default="")
    ap.add_argument("--seconds", type=int, default=0)
    ap.add_argument("--bulletin", default="")
    ap.add_argument("--skip", default="")
    ap.add_argument("--kept", action="append", default=[],
                    help="folders holding the messages kept (N.err)")
    ap.add_argument("report")
    a = ap.parse_args()

    rows, trailers = [], set()
    with open(a.report, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                trailers.add(line)
                continue
            p = line.split("\t")
            if len(p) < 7:
                continue
            outcome = {"exit86": "asan", "exit87": "ubsan"}.get(p[2], p[2])   # their exit codes (sweep.sh)
            rows.append({"n": int(p[0]), "phase": p[1], "outcome": outcome, "flags": p[3],
                         "us": int(p[4]), "detail": p[5], "site": frames(p[6])})
    rows.sort(key=lambda r: r["n"])
    symbols = Symbols(a.bulletin)
    symbols.resolve(f[1] for r in rows for f in r["site"] + frames(r["detail"])
                    if f[0] == "bulletin")

    ok = True
    allocs = startup = "?"
    if len(set(re.sub(r" children \d+", "", t) for t in trailers)) != 1:
        print("FAIL the sweeps' runs differ:", "; ".join(sorted(trailers)) or "no trailer")
        ok = False
    for t in sorted(trailers)[:1]:
        m = re.search(r"allocations (\d+) startup (-?\d+) children \d+ other-threads (\d+)"
                      r"(?: skipped (\d+))?", t)
        if m:
            allocs, startup = m.group(1), m.group(2)
            if m.group(3) != "0":
                print("note: %s allocations on other threads were never made to fail" % m.group(3))
            if m.group(4) and m.group(4) != "0":
                print("note: %s allocations inside %s passed over (another case sweeps them)"
                      % (m.group(4), a.skip or "skipped modules"))

    def verdict(r):
        if r["flags"] != "-":
            return "bad"
        if r["outcome"] in GOOD:
            return "good"
        if r["outcome"] in ("crash", "hang") and r["phase"] == "start":
            culprit = frames(r["detail"])[:1]
            if culprit and culprit[0][0] not in ("bulletin", "?"):
                return "tolerated"
        return "bad"

    table = collections.Counter()
    for r in rows:
        col = r["outcome"] if r["outcome"] in COLUMNS else "other"
        table[(r["phase"], col)] += 1
        if r["flags"] != "-":
            table[(r["phase"], "flagged")] += 1
    minutes = "%d min %02d s" % divmod(a.seconds, 60)
    print("sweep %s: %d runs, %s allocations (%s before start-up), %s" %
          (a.case, len(rows), allocs, startup, minutes))
    cols = COLUMNS + ("flagged",)
    print("  %-6s" % "" + "".join("%10s" % c for c in cols))
    for phase in ("start", "run"):
        print("  %-6s" % phase + "".join("%10d" % table[(phase, c)] for c in cols))

    tolerated = collections.Counter()
    survived = collections.Counter()
    bad = collections.OrderedDict()
    for r in rows:
        v = verdict(r)
        if v == "tolerated":
            tolerated[r["outcome"] + " in " + frames(r["detail"])[0][0]] += 1
        elif v == "good" and r["outcome"] == "same":
            survived[where_from(r["site"], symbols)] += 1
        elif v == "bad":
            if r["outcome"] in ("crash", "hang"):
                culprit = frames(r["detail"])[:1]
                key = (r["outcome"], r["phase"], symbols.name(culprit[0]) if culprit else "?")
            else:
                key = (r["outcome"] + ("" if r["flags"] == "-" else " " + r["flags"]),
                       r["phase"], where_from(r["site"], symbols))
            bad.setdefault(key, []).append(r)
    if tolerated:
        print("  tolerated (a library's crash or hang before start-up): " +
              ", ".join("%s %d" % kv for kv in tolerated.most_common()))
    if survived:
        print("  survived by design (the same bytes), by the failed allocation's caller:")
        for where, n in survived.most_common(25):
            print("    %6d  %s" % (n, where))
        if len(survived) > 25:
            print("    %6d  in %d other places" % (sum(n for _, n in survived.most_common()[25:]),
                                                   len(survived) - 25))
    for (outcome, phase, where), rs in bad.items():
        ok = False
        r = rs[0]
        chain = " <- ".join(symbols.name(f) for f in r["site"][:6])
        print("FAIL %s %s (%d): %s" % (outcome, phase, len(rs), where))
        print("    e.g. N=%d%s" % (r["n"], "" if r["detail"] == "-" else ": " + r["detail"][:300]))
        print("    allocation: %s" % chain)
        if a.kept:
            kept = [os.path.join(d, "%d.err" % x["n"]) for x in rs for d in a.kept]
            kept = [k for k in kept if os.path.exists(k)]
            if kept:
                print("    messages: %s" % kept[0])
    if ok:
        print("PASS sweep %s: every N ended as it should" % a.case)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
