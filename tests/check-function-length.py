#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on a C function longer than a limit, or a C file.

Usage: check-function-length.py SOURCE_ROOT MAX_LINES FOLDER...
       check-function-length.py --files SOURCE_ROOT MAX_LINES FOLDER... [--except PATH...]

A function is a line starting with a name and "(" at column 0 (GNU
style: the return type is on the line before) up to the "}" at column 0
that closes it. With --files, every .c file under the FOLDERs is held to
MAX_LINES lines instead, but the PATHs after --except (from SOURCE_ROOT:
data generation, more table than code); a longer file is split by job,
with a private header. Prints TAP.
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


def c_files(root, folders):
    for folder in folders:
        for top, _, files in os.walk(os.path.join(root, folder)):
            for f in sorted(files):
                if f.endswith(".c"):
                    yield os.path.join(top, f)


def long_functions(root, limit, folders):
    for p in c_files(root, folders):
        for name, n in functions(p):
            if n > limit:
                yield f"{os.path.relpath(p, root)}: {name} has {n} lines"


def long_files(root, limit, folders, exempt):
    for p in c_files(root, folders):
        rel = os.path.normpath(os.path.relpath(p, root))
        if rel in exempt:
            continue
        with open(p, encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        if n > limit:
            yield f"{rel} has {n} lines"
    for rel in exempt:
        if not os.path.isfile(os.path.join(root, rel)):
            yield f"{rel} is excepted but is not there"


def main():
    args = sys.argv[1:]
    files = bool(args) and args[0] == "--files"
    exempt = []
    if files:
        args = args[1:]
        if "--except" in args:
            at = args.index("--except")
            exempt = [os.path.normpath(p) for p in args[at + 1:]]
            args = args[:at]
    if len(args) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, limit, folders = args[0], int(args[1]), args[2:]
    if files:
        what = f"no .c file over {limit} lines in {' '.join(folders)}"
        long = list(long_files(root, limit, folders, exempt))
    else:
        what = f"no function over {limit} lines in {' '.join(folders)}"
        long = list(long_functions(root, limit, folders))
    print("1..1")
    if long:
        print(f"not ok 1 - {what}")
        for line in sorted(long):
            print(f"# {line}")
        return 1
    print(f"ok 1 - {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
