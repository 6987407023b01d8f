#!/usr/bin/env python3
"""Render every Ragel machine of the project as SVG, with names.

    diagrams.py --out gen/diagrams spec/a.rl spec/b.rl ...

For each machine spec in each file, `ragel -V -p -S NAME` writes Graphviz
dot.  Ragel labels edges with alphabet values; a state chart over named
events defines its events as `EV_NAME = N;`, so numbers and ranges on edges
are mapped back to those names.  Entry points (`en_*`, one per label a chart
enters by name) give states their names.  Then `dot -Tsvg`, and an
index.html lists every diagram with the spec it comes from.
"""
import argparse
import html
import os
import re
import subprocess
import sys

MACHINE_RE = re.compile(r"^\s*machine\s+(\w+)\s*;", re.M)
INCLUDE_RE = re.compile(r'^\s*include\s+(?:\w+\s+)?"([^"]+)"\s*;', re.M)
EVENT_RE = re.compile(r"(?<![\w.])([A-Z][A-Z0-9_]*)\s*=\s*(\d+)\s*;")
EDGE_RE = re.compile(r'^(\s*)(\S+) -> (\S+) \[ label = "(.*)" \];$')
ENTRY_RE = re.compile(r'^\s*en_(\d+) -> (\d+) \[ label = "(.*)" \];$')
# Rendering a byte grammar with thousands of states takes dot minutes and
# shows nothing a reader can follow; such machines are listed, not drawn.
MAX_STATES = 1200


def events_of(text):
    names = {}
    for name, value in EVENT_RE.findall(text):
        names.setdefault(int(value), []).append(name)
    return names


def rename_symbols(symbols, events):
    """'1, 3..4' -> 'EV_A, EV_C, EV_D' where every value has a name."""
    out = []
    for part in symbols.split(", "):
        m = re.fullmatch(r"(-?\d+)(?:\.\.(-?\d+))?", part)
        if not m:
            out.append(part)
            continue
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if all(v in events for v in range(lo, hi + 1)) and hi - lo < 64:
            for v in range(lo, hi + 1):
                out.append("/".join(events[v]))
        else:
            out.append(part)
    return ", ".join(out)


def name_dot(dot, events):
    # A state chart's labels are entry points named <instance>_<label>
    # (main_calling); the bare instance name marks only the start.
    state_names = {}
    for line in dot.splitlines():
        m = ENTRY_RE.match(line)
        if m:
            name = m.group(3)
            if name.startswith("main_"):
                name = name[len("main_"):]
            elif name == "main":
                continue
            state_names.setdefault(m.group(2), []).append(name)
    out = []
    for line in dot.splitlines():
        m = EDGE_RE.match(line)
        if m and not m.group(2).startswith(("en_", "ENTRY", "eof_")) and events:
            indent, src, dst, label = m.groups()
            sym, sep, acts = label.partition(" / ")
            sym = rename_symbols(sym, events)
            # DEF is every other symbol: for an event chart, the events a
            # state does not expect.
            sym = "(other)" if sym == "DEF" else sym
            label = sym + sep + acts
            line = '%s%s -> %s [ label = "%s" ];' % (indent, src, dst, label)
        out.append(line)
        if line.strip() == "node [ shape = circle ];":
            for state, names in sorted(state_names.items()):
                out.append('\t%s [ label = "%s\\n%s" ];'
                           % (state, state, "\\n".join(names)))
    return "\n".join(out) + "\n"


def render(path, machine, outdir):
    base = machine  # machine names are unique across spec/
    # Events may come from fragments the spec includes (_x_events.rl).
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for inc in INCLUDE_RE.findall(text):
        inc_path = os.path.join(os.path.dirname(path), inc)
        if os.path.exists(inc_path):
            with open(inc_path, encoding="utf-8", errors="replace") as f:
                text += f.read()
    events = events_of(text)
    # -p prints bytes as characters: right for a byte grammar, wrong for
    # an event chart, whose edges are numbers mapped to names below.
    cmd = ["ragel", "-V", "-S", machine, "-I", os.path.dirname(path), path]
    if not events:
        cmd.insert(2, "-p")
    dot = subprocess.run(cmd, capture_output=True, text=True)
    if dot.returncode != 0:
        return base, None, dot.stderr.strip().splitlines()[:1]
    named = name_dot(dot.stdout, events)
    states = len(re.findall(r"^\t\d+;$", named, re.M))
    with open(os.path.join(outdir, base + ".dot"), "w") as f:
        f.write(named)
    if states > MAX_STATES:
        return base, None, ["%d states: too large to draw (dot kept)" % states]
    svg = subprocess.run(["dot", "-Tsvg", "-o",
                          os.path.join(outdir, base + ".svg")],
                         input=named, text=True, capture_output=True)
    if svg.returncode != 0:
        return base, None, svg.stderr.strip().splitlines()[:1]
    return base, base + ".svg", ["%d states" % states]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("specs", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows, failed = [], 0
    for path in args.specs:
        with open(path, encoding="utf-8", errors="replace") as f:
            machines = list(dict.fromkeys(MACHINE_RE.findall(f.read())))
        for machine in machines:
            base, svg, notes = render(path, machine, args.out)
            print("diagram: %s (%s) %s" % (machine, path,
                                           svg or "not drawn: " + "; ".join(notes)))
            if svg is None and not notes[0].endswith("(dot kept)"):
                failed += 1
            rows.append((machine, path, svg, notes))
    with open(os.path.join(args.out, "index.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                "<title>sipphone state machines</title>"
                "<style>body{font-family:sans-serif} img{max-width:100%;"
                "border:1px solid #ccc} section{margin-bottom:2em}</style>"
                "</head><body>\n<h1>sipphone machines</h1>\n"
                "<p>Generated by <code>make diagrams</code> from "
                "<code>spec/</code>; never edit.</p>\n"
                "<p id=\"status\">loading</p>\n"
                # What a test browser reads back: images that really drew.
                "<script>window.addEventListener('load', function () {"
                "var imgs = document.querySelectorAll('img.diagram'), ok = 0;"
                "imgs.forEach(function (i) {"
                " if (i.complete && i.naturalWidth > 0) ok++; });"
                "document.body.setAttribute('data-rendered',"
                " ok + '/' + imgs.length);"
                "document.getElementById('status').textContent ="
                " ok + ' of ' + imgs.length + ' diagrams rendered';"
                "});</script>\n<ul>\n")
        for machine, path, svg, notes in rows:
            f.write('<li><a href="#%s">%s</a> — <code>%s</code></li>\n'
                    % (html.escape(machine), html.escape(machine),
                       html.escape(path)))
        f.write("</ul>\n")
        for machine, path, svg, notes in rows:
            f.write('<section id="%s"><h2>%s</h2><p>from <code>%s</code>; %s</p>\n'
                    % (html.escape(machine), html.escape(machine),
                       html.escape(path), html.escape("; ".join(notes))))
            if svg:
                f.write('<img class="diagram" src="%s" alt="%s">\n'
                        % (html.escape(svg), html.escape(machine)))
            f.write("</section>\n")
        f.write("</body></html>\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
