#!/usr/bin/env python3
"""skipcheck.py - every class skip in the SIP grammars is exact.

An action that calls sip_skip(p + 1, pe, C) or sip_skip_long(p + 1, pe, C)
(runtime/sip/sip_scan.h: the same end) jumps over a run of class C; one
that calls sip_skip_vis() over a run of SIP_C_VIS; one that calls
sip_find_crlf() over a run of SIP_C_TEXT (to the first CR or LF); one
that calls sip_skip_hostname() over hostname labels and the dots inside
them.  That is what the machine would have done byte by byte only if the
transition's target state loops on every byte of C to itself with no
action, and nothing after the skip in the same transition reads p.
This script compiles each grammar with ragel -x and checks both, for
every transition that carries a skip.

    tools/skipcheck.py [RAGEL] SPEC.rl...     exit 0 if all hold
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def classes(path="runtime/sip/sip_scan.c"):
    """Byte sets of each SIP_C_* class, read from the table itself."""
    src = open(path).read()
    names = dict(re.findall(r"#define (\w) (SIP_C_\w+)", src))
    body = src[src.index("{", src.index("sip_cclass[256]")) + 1:src.index("};")]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    cells = [c.strip() for c in body.split(",") if c.strip()]
    assert len(cells) == 256, len(cells)
    out = {}
    for b, cell in enumerate(cells):
        for letter in cell.split("|"):
            if letter != "0":
                out.setdefault(names[letter], set()).add(b)
    return out


def check(ragel, rl, cls):
    xml = subprocess.run([ragel, "-x", "-I", "spec/sip", rl],
                         check=True, capture_output=True).stdout
    bad, n = [], 0
    for mdef in ET.fromstring(xml).iter("ragel_def"):
        mach = mdef.find("machine")
        skip, dotted = {}, set()
        for a in mach.iter("action"):
            text = "".join(a.itertext())
            if "sip_skip(" in text or "sip_skip_long(" in text:
                skip[a.get("id")] = set().union(
                    *(cls[c] for c in re.findall(r"SIP_C_\w+", text)))
            elif "sip_skip_vis(" in text:
                skip[a.get("id")] = cls["SIP_C_VIS"]
            elif "sip_find_crlf(" in text:
                # The first CR or LF: a run of SIP_C_TEXT bytes.
                skip[a.get("id")] = cls["SIP_C_TEXT"]
            elif "sip_skip_hostname" in text:
                # Label bytes, and a '.' with a label byte after it,
                # from the state inside a hostname label.
                skip[a.get("id")] = cls["SIP_C_LABEL"]
                dotted.add(a.get("id"))
        if not skip:
            continue
        tables = {t.get("id"): t.text.split()
                  for t in mach.iter("action_table")}
        states = {}
        for s in mach.iter("state"):
            tr = {}
            for t in s.iter("t"):
                lo, hi, tgt, act = t.text.split()
                for b in range(int(lo), int(hi) + 1):
                    tr[b] = (tgt, act)
            states[s.get("id")] = (s, tr)

        def loop_ok(act, sk):
            """No action, or only skip SK; for sip_skip_hostname, label
            skips."""
            if act == "x" or tables[act] == [sk]:
                return True
            return sk in dotted and all(
                skip.get(a) == cls["SIP_C_LABEL"] for a in tables[act])

        for sid, (s, tr) in states.items():
            for b, (tgt, act) in tr.items():
                if act == "x":
                    continue
                acts = tables[act]
                hit = [a for a in acts if a in skip]
                if not hit:
                    continue
                n += 1
                where = "%s %s: state %s -> %s" % (
                    rl, mdef.get("name"), sid, tgt)
                if acts[-1] not in skip or len(hit) > 1:
                    bad.append(where + ": skip is not the last action")
                ts, ttr = states[tgt]
                sa = ts.find("state_actions")
                if sa is not None and sa.text.split()[:2] != ["x", "x"]:
                    # to-state or from-state actions run per byte (EOF
                    # actions do not).
                    bad.append(where + ": target has to/from-state actions")
                for c in sorted(skip[hit[0]]):
                    # A loop carrying only this same skip is a loop too.
                    lt, la = ttr.get(c, (None, None))
                    if lt != tgt or not loop_ok(la, hit[0]):
                        bad.append(where + ": target does not loop on %d" % c)
                        break
                if hit[0] in dotted:
                    # '.' then a label byte leads back to the target.
                    dt, da = ttr.get(ord("."), (None, None))
                    if dt is None or da != "x":
                        bad.append(where + ": '.' is not a plain step")
                        continue
                    dtr = states[dt][1]
                    for c in sorted(cls["SIP_C_LABEL"]):
                        lt, la = dtr.get(c, (None, None))
                        if lt != tgt or not loop_ok(la, hit[0]):
                            bad.append(where + ": '.' %d does not return" % c)
                            break
    return n, bad


def main(argv):
    ragel = "ragel"
    if argv and not argv[0].endswith(".rl"):
        ragel, argv = argv[0], argv[1:]
    cls = classes()
    total, bad = 0, []
    for rl in argv:
        n, b = check(ragel, rl, cls)
        total += n
        bad += b
    for b in sorted(set(bad)):
        print(b)
    print("skipcheck: %d skip transitions, %d problems" % (total, len(set(bad))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
