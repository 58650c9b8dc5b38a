#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual pages say what the programs do: every command of
# `coachbook-cli --help` has an entry in coachbook-cli(1) with each of the
# options of `coachbook-cli COMMAND --help`, and no more; the global options
# and those of `coachbook --help` are described; man renders both pages
# without a warning.
#
# Usage: check-manpages.py COACHBOOK-CLI COACHBOOK CLI-PAGE APP-PAGE
import os
import re
import shutil
import subprocess
import sys

cli, app, cli_page, app_page = sys.argv[1:5]
env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", NO_AT_BRIDGE="1")
env.pop("DISPLAY", None)
env.pop("WAYLAND_DISPLAY", None)
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"Bail out! {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def plain(roff):
    """Roff source with escapes of hyphens and fonts taken out."""
    text = roff.replace("\\-", "-").replace("\\&", "")
    return re.sub(r"\\f[BIRP]", "", text)


def sections(roff):
    out, name = {}, None
    for line in roff.splitlines():
        m = re.match(r'\.SH\s+"?([^"]+)"?\s*$', line)
        if m:
            name = m.group(1).strip()
            out[name] = []
        elif name is not None:
            out[name].append(line)
    return out


def long_options(text):
    return set(re.findall(r"(?<![\w-])--([a-z][a-z-]*)", text))


def help_options(text):
    """Long options of a GOption help, without the help ones."""
    opts = set()
    for line in text.splitlines():
        m = re.match(r"\s+(?:-\w, )?--([a-z][a-z-]*)", line)
        if m and not m.group(1).startswith("help"):
            opts.add(m.group(1))
    return opts


cli_roff = open(cli_page, encoding="utf-8").read()
app_roff = open(app_page, encoding="utf-8").read()

# Commands: "  name ARGS   Description" lines under "Commands:".
usage = run(cli, "--help")
block = usage.split("Commands:", 1)[1].split("\n\n", 1)[0]
help_commands = [l.split()[0] for l in block.splitlines() if l.strip()]
check(len(help_commands) >= 10, "coachbook-cli --help lists its commands", repr(help_commands))

cli_sections = sections(cli_roff)
entries, current = {}, None
lines = cli_sections.get("COMMANDS", [])
for i, line in enumerate(lines):
    m = re.match(r"\\fB([a-z]+)\\fR", line)
    if m and i > 0 and lines[i - 1] == ".TP":
        current = m.group(1)
        entries[current] = []
    if current is not None:
        entries[current].append(line)
page_commands = list(entries)
check(page_commands == help_commands,
      "coachbook-cli(1) has the commands of --help, in the same order",
      f"help: {help_commands}\npage: {page_commands}")

for command in help_commands:
    body = plain("\n".join(entries.get(command, [])))
    want = help_options(run(cli, command, "--help"))
    have = long_options(body) - {"db"}
    check(want == have, f"coachbook-cli(1) {command}: options as in '{command} --help'",
          f"help: {sorted(want)}\npage: {sorted(have)}")
    for short, long_ in re.findall(r"^\s+-(\w), --([a-z-]+)", run(cli, command, "--help"), re.M):
        if long_ != "help":
            check(f"-{short}, --{long_}" in body, f"coachbook-cli(1) {command}: -{short} goes with --{long_}")

options = plain("\n".join(cli_sections.get("OPTIONS", [])))
want = long_options(usage.split("Options:", 1)[1])
check(want and want <= long_options(options), "coachbook-cli(1) describes the global options",
      f"help: {sorted(want)}\npage: {sorted(long_options(options))}")

app_help = run(app, "--help")
want = help_options(app_help.split("Application Options:", 1)[1])
have = long_options(plain("\n".join(sections(app_roff).get("OPTIONS", []))))
check(want and want <= have, "coachbook(1) describes the options of coachbook --help",
      f"help: {sorted(want)}\npage: {sorted(have)}")

version = run(cli, "--version").split()[-1]
for page, roff in ((cli_page, cli_roff), (app_page, app_roff)):
    name = os.path.basename(page)
    th = re.search(r'^\.TH \S+ 1 "[^"]+" "Coachbook ([^"]+)"', roff, re.M)
    check(th and th.group(1) == version, f"{name} is of version {version}",
          th.group(0) if th else "no .TH line")
    if shutil.which("man"):
        p = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", page],
                           capture_output=True, text=True,
                           env=dict(env, MANWIDTH="80", MAN_KEEP_FORMATTING=""))
        check(p.returncode == 0 and p.stderr.strip() == "", f"{name} renders without warnings",
              p.stderr.strip())

print(f"1..{len(results)}")
for n, (ok, name, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok and detail:
        for d in detail.splitlines():
            print(f"# {d}")
