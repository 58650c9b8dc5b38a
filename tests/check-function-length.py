#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on a C function longer than a limit.

Usage: check-function-length.py SOURCE_ROOT MAX_LINES FOLDER...

A function is a line starting with a name and "(" at column 0 (GNU
style: the return type is on the line before) up to the "}" at column 0
that closes it. Prints TAP.
"""

import os
import re
import sys

START = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def functions(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    name = None
    start = 0
    for i, line in enumerate(lines):
        m = START.match(line)
        if m and not line.rstrip().endswith(";"):
            name, start = m.group(1), i
        elif line.startswith("}") and name is not None:
            yield name, i - start + 1
            name = None


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, limit, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    long = []
    for folder in folders:
        for top, _, files in os.walk(os.path.join(root, folder)):
            for f in sorted(files):
                if not f.endswith(".c"):
                    continue
                p = os.path.join(top, f)
                for name, n in functions(p):
                    if n > limit:
                        long.append(f"{os.path.relpath(p, root)}: {name} has {n} lines")
    print("1..1")
    if long:
        print(f"not ok 1 - no function over {limit} lines in {' '.join(folders)}")
        for line in sorted(long):
            print(f"# {line}")
        return 1
    print(f"ok 1 - no function over {limit} lines in {' '.join(folders)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
