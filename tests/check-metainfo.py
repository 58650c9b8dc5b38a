#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# What appstreamcli does not check in the AppStream metainfo: the newest
# release is this version, on the date of debian/changelog and the manual
# pages, and has notes; every screenshot is a file of docs/screenshots
# under the project's own address; every keyword has a Spanish
# translation; <provides> names exactly the programs that are installed;
# the content rating is OARS.
#
# Usage: check-metainfo.py SOURCE-ROOT BUILD-ROOT MERGED-METAINFO VERSION
import email.utils
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

src, build, metainfo, version = sys.argv[1:5]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


root = ET.parse(metainfo).getroot()

# Releases
releases = root.findall("releases/release")
check(releases, "there are releases")
newest = releases[0] if releases else ET.Element("release")
check(newest.get("version") == version, f"the newest release is {version}",
      f"metainfo: {newest.get('version')}")
for r in releases:
    notes = r.findall("description/p") + r.findall("description/ul/li")
    english = [n for n in notes if n.get(XML_LANG) is None]
    check(re.fullmatch(r"\d{4}-\d\d-\d\d", r.get("date") or ""), f"release {r.get('version')} has a date")
    check(english, f"release {r.get('version')} has notes")
    check(any(n.get(XML_LANG) == "es" for n in notes), f"release {r.get('version')} has Spanish notes")

changelog = open(os.path.join(src, "debian", "changelog"), encoding="utf-8").read()
head = re.match(r"coachbook \(([^)]+)\)", changelog)
check(head and head.group(1) == version, f"debian/changelog starts with {version}",
      head.group(0) if head else "")
trailer = re.search(r"^ -- .*?>  (.+)$", changelog, re.M)
deb_date = email.utils.parsedate_to_datetime(trailer.group(1)).date().isoformat() if trailer else None
check(deb_date == newest.get("date"), "debian/changelog and the metainfo give one release date",
      f"changelog: {deb_date}, metainfo: {newest.get('date')}")
for page in ("coachbook.1.in", "coachbook-cli.1.in"):
    roff = open(os.path.join(src, "data", page), encoding="utf-8").read()
    th = re.search(r'^\.TH \S+ 1 "([^"]+)"', roff, re.M)
    check(th and th.group(1) == newest.get("date"), f"{page} is dated with the release",
          th.group(0) if th else "")

# Screenshots
homepage = (root.findtext("url[@type='homepage']") or "").rstrip("/")
m = re.fullmatch(r"https://github\.com/([^/]+/[^/]+)", homepage)
check(m, "the homepage is a repository address", homepage)
prefix = f"https://raw.githubusercontent.com/{m.group(1)}/main/" if m else "?"
shots = root.findall("screenshots/screenshot")
check(len(shots) >= 3, "there are screenshots")
check(len([s for s in shots if s.get("type") == "default"]) == 1, "exactly one screenshot is the default")
for s in shots:
    url = s.findtext("image") or ""
    path = url[len(prefix):] if url.startswith(prefix) else None
    check(path and path.startswith("docs/screenshots/") and os.path.isfile(os.path.join(src, path)),
          f"screenshot {url} is a file of this repository")
    check(s.find("caption") is not None and any(c.get(XML_LANG) == "es" for c in s.findall("caption")),
          f"screenshot {os.path.basename(url)} has a caption in English and Spanish")

# Keywords
keywords = root.findall("keywords/keyword")
english = [k.text for k in keywords if k.get(XML_LANG) is None]
spanish = [k.text for k in keywords if k.get(XML_LANG) == "es"]
check(len(english) >= 5, "there are English keywords", repr(english))
check(len(spanish) == len(english), "every keyword has a Spanish translation",
      f"English: {english}\nSpanish: {spanish}")

# Provides: the installed programs
installed = json.loads(subprocess.run(["meson", "introspect", build, "--installed"],
                                      capture_output=True, text=True, check=True).stdout)
programs = sorted(os.path.basename(d) for d in installed.values()
                  if os.path.basename(os.path.dirname(d)) == "bin")
provided = sorted(b.text for b in root.findall("provides/binary"))
check(provided == programs and programs, "<provides> names the installed programs",
      f"provides: {provided}\ninstalled: {programs}")
launchable = root.findtext("launchable[@type='desktop-id']")
check(any(os.path.basename(d) == launchable and "applications" in d for d in installed.values()),
      "the launchable is the installed desktop file", launchable or "")

# Content rating
rating = root.find("content_rating")
check(rating is not None and rating.get("type") == "oars-1.1", "the content rating is OARS 1.1")

print(f"1..{len(results)}")
for n, (ok, name, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok and detail:
        for d in detail.splitlines():
            print(f"# {d}")
