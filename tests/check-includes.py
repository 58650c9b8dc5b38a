#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on an include circle between modules, or on GTK where it must not be.

Usage: check-includes.py SOURCE_ROOT [FOLDER...]
       check-includes.py --self-test

FOLDERs (such as src/core) limit the check to their files; without
any, every file under src is checked.

A module is a name's .c and .h (src/app/cb-window.c and cb-window.h are
one). Module A uses module B when A's .c or .h has `#include "B.h"`. A
circle is a set of modules that reach each other through such uses (a
strongly connected component of more than one module): none may exist.
Files in src/core, src/report, src/talk, src/app/common and every
*-logic.c may not include GTK, libadwaita or GDK. Views reach the window
only through its actions: no file in a feature folder of src/app
(src/app/<feature>/) includes cb-window.h, cb-window-private.h or
cb-application.h (WINDOW_EXCEPTIONS lists the files that may, each with
its reason; there are none). Prints TAP.

--self-test runs the check on a temporary tree with a planted violation
of each rule, and on the same tree without them, and fails unless the
first fails and the second passes.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
GTK = ("gtk/", "adwaita.h", "gdk/", "gsk/")
PURE = ("src/core/", "src/report/", "src/talk/", "src/app/common/")
SHELL = ("cb-window.h", "cb-window-private.h", "cb-application.h")
# file (relative to the source root) -> why it may include the shell
WINDOW_EXCEPTIONS = {}


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
    shell_bad = []
    for m, paths in mods.items():
        for p in paths:
            with open(p, encoding="utf-8") as fh:
                text = fh.read()
            rel = os.path.relpath(p, root)
            pure = (rel.startswith(PURE)
                    or os.path.basename(p).endswith("-logic.c") or os.path.basename(p).endswith("-logic.h"))
            for kind, name in INCLUDE.findall(text):
                base = os.path.basename(name)[:-2] if name.endswith(".h") else None
                if base is not None and base.endswith("-private"):
                    base = base[: -len("-private")]
                if kind == '"' and base in mods and base != m:
                    uses[m].add(base)
                if pure and name.startswith(GTK):
                    gtk_bad.append(f"{rel} includes <{name}>")
                in_feature = rel.startswith("src/app/") and rel.count("/") >= 3
                if (kind == '"' and in_feature and os.path.basename(name) in SHELL
                        and rel not in WINDOW_EXCEPTIONS):
                    shell_bad.append(f"{rel} includes \"{name}\"")

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

    print("1..3")
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
        print("ok 2 - no GTK in core, report, talk, common and logic files")
    if shell_bad:
        print("not ok 3 - feature folders reach the window only through its actions")
        for b in shell_bad:
            print(f"# {b}")
    else:
        print("ok 3 - feature folders reach the window only through its actions")
    return 1 if sccs or gtk_bad or shell_bad else 0


def self_test():
    """Plant one violation of each rule in a small tree; each must fail."""
    clean = {
        "src/core/cb-a.h": "#include <glib.h>\n",
        "src/core/cb-a.c": '#include "cb-a.h"\n',
        "src/talk/cb-t.c": "#include <gst/gst.h>\n",
        "src/app/cb-window.h": "#include <gtk/gtk.h>\n",
        "src/app/cb-window.c": '#include "cb-window.h"\n#include "cb-v.h"\n',
        "src/app/records/cb-v.h": "#include <gtk/gtk.h>\n",
        "src/app/records/cb-v.c": '#include "cb-v.h"\n#include "cb-a.h"\n',
    }
    planted = {
        "circle": {"src/core/cb-a.c": '#include "cb-a.h"\n#include "cb-b.h"\n',
                   "src/core/cb-b.h": '#include "cb-a.h"\n'},
        "gtk in talk": {"src/talk/cb-t.c": "#include <gtk/gtk.h>\n"},
        "gtk in logic": {"src/app/records/cb-v-logic.c": "#include <adwaita.h>\n"},
        "window in a feature": {"src/app/records/cb-v.c": '#include "cb-v.h"\n#include "cb-window.h"\n'},
        "window private": {"src/app/records/cb-w.c": '#include "cb-window-private.h"\n'},
        "application": {"src/app/records/cb-w.c": '#include "cb-application.h"\n'},
    }
    failures = 0
    cases = [("clean tree", {}, 0)] + [(n, p, 1) for n, p in planted.items()]
    print(f"1..{len(cases)}")
    for i, (name, extra, want) in enumerate(cases, 1):
        root = tempfile.mkdtemp(prefix="check-includes-")
        try:
            for rel, text in {**clean, **extra}.items():
                os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
                with open(os.path.join(root, rel), "w", encoding="utf-8") as fh:
                    fh.write(text)
            rc = subprocess.run([sys.executable, os.path.abspath(__file__), root, "src"],
                                stdout=subprocess.DEVNULL).returncode
        finally:
            shutil.rmtree(root)
        ok = (rc != 0) == bool(want)
        failures += not ok
        print(f"{'ok' if ok else 'not ok'} {i} - {name}: {'fails' if want else 'passes'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(self_test() if sys.argv[1:] == ["--self-test"] else main())
