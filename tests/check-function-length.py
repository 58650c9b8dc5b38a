#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on a C function longer than a limit, or a C file.

Usage: check-function-length.py SOURCE_ROOT MAX_LINES FOLDER...
       check-function-length.py --files SOURCE_ROOT MAX_LINES FOLDER... [--except PATH...]
       check-function-length.py --self-test

A function is a body in braces at the file's top level whose head (the
text since the last top-level ";" or "}") ends in a parameter list and
has no "=": `foo (void)` under its return type (GNU style) as well as
`static void foo (void)` on one line. It runs from the line of its name
to the "}" that matches its "{", braces counted outside strings,
character constants, comments and preprocessor lines, so a static table
inside it whose "}" is at column 0 does not end it. With --files, every .c file under the FOLDERs is held to
MAX_LINES lines instead, but the PATHs after --except (from SOURCE_ROOT:
data generation, more table than code); a longer file is split by job,
with a private header. Prints TAP.
"""

import os
import re
import sys
import tempfile

HEAD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*"
                  r"(?:G_GNUC_[A-Z_]+\s*(?:\([^()]*\))?\s*)*$")


def code_only(text):
    """The text with comments, strings, character constants and
    preprocessor lines blanked (newlines kept, so lines still count)."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if line_start and c == "#":
            # a preprocessor line, with its continuations
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        line_start = c == "\n"
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    with open(path, encoding="utf-8") as fh:
        code = code_only(fh.read())
    depth = 0
    head_at = 0      # where the current top-level head starts
    body = None      # (name, line of the name) of the function being read
    for i, c in enumerate(code):
        if c == "{":
            if depth == 0:
                head = code[head_at:i]
                m = HEAD.search(head)
                if m and "=" not in head[: m.start()] + head[m.start():m.start(1)]:
                    body = (m.group(1), code.count("\n", 0, head_at + m.start(1)))
                else:
                    body = None
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
            if depth == 0:
                if body is not None:
                    yield body[0], code.count("\n", 0, i) - body[1] + 1
                    body = None
                head_at = i + 1
        elif c == ";" and depth == 0:
            head_at = i + 1


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


def self_test():
    """Planted functions, each with the length it must be found with."""
    filler = "  x++;\n" * 10
    source = (
        '#include "config.h"\n'                                   # 1
        "static const int table[] = {\n  1,\n};\n"                  # 2-4
        "static void one_line (void)\n{\n" + filler + "}\n"        # 5-17
        "void with_args (int x, char *y)\n{\n" + filler + "}\n"   # 18-30
        "static gboolean\ngnu_style (int a,\n           int b)\n{\n"  # 31-
        "  static const char *words[] = {\n    \"a\",\n"
        "};\n"                                                     # a "}" at column 0
        + filler +
        "  const char *s = \"}\";\n  char c = '}';\n"
        "  /* } */\n  // }\n"
        "#define BRACE }\n"
        "  return 0;\n}\n"
        "G_DEFINE_FINAL_TYPE (CbThing, cb_thing, G_TYPE_OBJECT)\n\n"
        "static int\nafter_macro (void)\n{\n  return 1;\n}\n"
        "struct _CbOther\n{\n  int a;\n};\n"
    )
    want = {"one_line": 13, "with_args": 13, "gnu_style": 23, "after_macro": 4}
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as fh:
        fh.write(source)
    try:
        found = dict(functions(fh.name))
    finally:
        os.unlink(fh.name)
    print(f"1..{len(want) + 1}")
    bad = 0
    for i, (name, n) in enumerate(want.items(), 1):
        ok = found.get(name) == n
        bad += not ok
        print(f"{'ok' if ok else 'not ok'} {i} - {name}: {n} lines (found {found.get(name)})")
    extra = sorted(set(found) - set(want))
    bad += bool(extra)
    print(f"{'not ok' if extra else 'ok'} {len(want) + 1} - nothing else is a function"
          + (f" ({', '.join(extra)})" if extra else ""))
    return 1 if bad else 0


def main():
    args = sys.argv[1:]
    if args == ["--self-test"]:
        return self_test()
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
