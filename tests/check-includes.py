#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on an include circle between modules, or on GTK where it must not be.

Usage: check-includes.py SOURCE_ROOT [FOLDER...]

FOLDERs (such as src/core) limit the check to their files; without
any, every file under src is checked.

A module is a name's .c and .h (src/app/cb-window.c and cb-window.h are
one). Module A uses module B when A's .c or .h has `#include "B.h"`. A
circle is a set of modules that reach each other through such uses (a
strongly connected component of more than one module): none may exist.
Files in src/core, src/report, src/app/common and every *-logic.c may
not include GTK, libadwaita or GDK. Prints TAP.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
GTK = ("gtk/", "adwaita.h", "gdk/", "gsk/")


def modules(root, folders):
    mods = {}
    for top, _, files in (w for f in folders for w in os.walk(os.path.join(root, f))):
        for f in files:
            if f.endswith((".c", ".h")):
                name = f[:-2]
                # a class's -private.h belongs to it (STYLE: up to three files)
                if name.endswith("-private"):
                    name = name[: -len("-private")]
                mods.setdefault(name, []).append(os.path.join(top, f))
    return mods


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    folders = sys.argv[2:] or ["src"]
    for f in folders:
        if not os.path.isdir(os.path.join(root, f)):
            print(f"check-includes.py: no folder {f} in {root}", file=sys.stderr)
            return 2
    mods = modules(root, folders)
    uses = {m: set() for m in mods}
    gtk_bad = []
    for m, paths in mods.items():
        for p in paths:
            with open(p, encoding="utf-8") as fh:
                text = fh.read()
            rel = os.path.relpath(p, root)
            pure = (rel.startswith(("src/core/", "src/report/", "src/app/common/"))
                    or os.path.basename(p).endswith("-logic.c") or os.path.basename(p).endswith("-logic.h"))
            for kind, name in INCLUDE.findall(text):
                base = os.path.basename(name)[:-2] if name.endswith(".h") else None
                if base is not None and base.endswith("-private"):
                    base = base[: -len("-private")]
                if kind == '"' and base in mods and base != m:
                    uses[m].add(base)
                if pure and name.startswith(GTK):
                    gtk_bad.append(f"{rel} includes <{name}>")

    # Tarjan's strongly connected components
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in uses[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    for v in sorted(uses):
        if v not in index:
            visit(v)

    print("1..2")
    if sccs:
        print("not ok 1 - no include circle between modules")
        for c in sccs:
            print(f"# circle of {len(c)}: {' '.join(c)}")
    else:
        print("ok 1 - no include circle between modules")
    if gtk_bad:
        print("not ok 2 - no GTK in core, report, common and logic files")
        for b in gtk_bad:
            print(f"# {b}")
    else:
        print("ok 2 - no GTK in core, report, common and logic files")
    return 1 if sccs or gtk_bad else 0


if __name__ == "__main__":
    sys.exit(main())
