#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package the way `build-aux/dev deb` does (from a copy of
# the tree, without running the suite inside it) and looks at what it holds:
# the files and their modes, the dependencies from shlibs, lintian, and the
# programs and data of an extracted tree. Nothing is written into the source
# tree or beside it.
#
# Usage: check-deb.sh SOURCE-ROOT
set -u

top=$(cd "${1:?usage: check-deb.sh SOURCE-ROOT}" && pwd)
for tool in dpkg-buildpackage dh lintian dpkg-deb desktop-file-validate appstreamcli man; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is missing (build-aux/dev test and build-aux/dev deb install it)"
    exit 0
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8 LANGUAGE=
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  [ $# -gt 1 ] && [ -s "$2" ] && sed 's/^/# /' "$2" | tail -n 40
  return 0
}
check () {  # check NAME COMMAND... (output of a failure is shown)
  local name=$1; shift
  if "$@" >"$tmp/log" 2>&1; then ok "$name"; else not_ok "$name" "$tmp/log"; fi
}
tree_state () {
  if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$top" status --porcelain --untracked-files=all
  fi
  ls -1 "$top/.." | grep -E '^coachbook[-_].*\.(deb|changes|buildinfo)$' || true
}

version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
moduledir="usr/lib/$multiarch/coachbook"
tree_state >"$tmp/state-before"

# A whole package build; the suite's tests are left out (nocheck), and so is
# the debug symbols package.
start=$(date +%s)
if DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" "$top/build-aux/build-deb" "$tmp/out" >"$tmp/build.log" 2>&1; then
  ok "dpkg-buildpackage builds the package ($(( $(date +%s) - start )) s)"
else
  not_ok "dpkg-buildpackage builds the package" "$tmp/build.log"
  echo "Bail out! no package to look at"
  exit 1
fi
deb="$tmp/out/coachbook_${version}_${arch}.deb"
check "the package is coachbook_${version}_${arch}.deb" test -f "$deb"
tree_state >"$tmp/state-after"
check "the source tree and its parent are left as they were" diff -u "$tmp/state-before" "$tmp/state-after"

# Contents: path, mode and owner of every file.
dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }' >"$tmp/contents"
expect () {  # expect MODE PATH
  if grep -qxF -e "$1 root/root ./$2" "$tmp/contents"; then
    ok "the package installs /$2 as $1 root/root"
  else
    echo "# wanted $1 root/root ./$2; found: $(grep -F -e "./$2" "$tmp/contents" || echo nothing)"
    not_ok "the package installs /$2 as $1 root/root"
  fi
}
expect -rwxr-xr-x usr/bin/coachbook
expect -rwxr-xr-x usr/bin/coachbook-cli
expect -rw-r--r-- "$moduledir/coachbook-pdf.so"
expect -rw-r--r-- "$moduledir/coachbook-talk.so"
expect -rw-r--r-- usr/share/applications/io.github.coachbook.Coachbook.desktop
expect -rw-r--r-- usr/share/metainfo/io.github.coachbook.Coachbook.metainfo.xml
expect -rw-r--r-- usr/share/glib-2.0/schemas/io.github.coachbook.Coachbook.gschema.xml
expect -rw-r--r-- usr/share/icons/hicolor/scalable/apps/io.github.coachbook.Coachbook.svg
expect -rw-r--r-- usr/share/icons/hicolor/symbolic/apps/io.github.coachbook.Coachbook-symbolic.svg
expect -rw-r--r-- usr/share/locale/es/LC_MESSAGES/coachbook.mo
expect -rw-r--r-- usr/share/man/man1/coachbook.1.gz
expect -rw-r--r-- usr/share/man/man1/coachbook-cli.1.gz
expect -rw-r--r-- usr/share/doc/coachbook/copyright
expect -rw-r--r-- usr/share/doc/coachbook/changelog.gz
check "nothing else: no tests, no compiled schemas, nothing outside /usr" \
  sh -c "grep -v '^d' '$tmp/contents' | awk '{ print \$3 }' | grep -vxE '\./usr/(bin/coachbook(-cli)?|lib/$multiarch/coachbook/coachbook-(pdf|talk)\.so|share/(applications|metainfo|glib-2\.0/schemas|icons/hicolor/(scalable|symbolic)/apps|locale/[a-z_A-Z]+/LC_MESSAGES|man/man1|doc/coachbook|lintian/overrides)/[^/]+)' && exit 1 || exit 0"
check "every folder is drwxr-xr-x root/root" \
  sh -c "grep '^d' '$tmp/contents' | grep -v '^drwxr-xr-x root/root ' && exit 1 || exit 0"

# Control fields: dependencies come from shlibs.
dpkg-deb -f "$deb" Depends >"$tmp/depends"
for lib in libgtk-4-1 libadwaita-1-0 libglib2.0-0 libsqlite3-0 libxml2 libcairo2 libc6; do
  if grep -qE "(^|, )$lib( |,|$)" "$tmp/depends"; then ok "Depends names $lib"; else not_ok "Depends names $lib" "$tmp/depends"; fi
done
check "Depends has no unsubstituted variable" sh -c "! grep -F '\${' '$tmp/depends'"

# lintian: no error or warning; the overrides are all still needed.
lintian --info --display-info --fail-on error,warning "$tmp/out/coachbook_${version}_${arch}.changes" >"$tmp/lintian" 2>&1
rc=$?
sed 's/^/# lintian: /' "$tmp/lintian" | grep -v '^# lintian: N:' | grep -v 'root privileges' || true
if [ $rc -eq 0 ] && ! grep -qE '^[EW]: ' "$tmp/lintian"; then ok "lintian finds no error or warning"; else not_ok "lintian finds no error or warning"; fi
if grep -q 'unused-override' "$tmp/lintian"; then not_ok "every lintian override is used"; else ok "every lintian override is used"; fi

# The extracted tree.
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
check "every library the programs need is found" \
  sh -c "! ldd '$root/usr/bin/coachbook' '$root/usr/bin/coachbook-cli' '$root/$moduledir/coachbook-pdf.so' | grep -F 'not found'"
check "coachbook-cli does not link cairo (only its PDF module does)" \
  sh -c "! ldd '$root/usr/bin/coachbook-cli' | grep -F libcairo && ldd '$root/$moduledir/coachbook-pdf.so' | grep -qF libcairo"
if [ "$("$root/usr/bin/coachbook-cli" --version 2>&1)" = "coachbook-cli $version" ]; then
  ok "coachbook-cli --version says $version"
else
  not_ok "coachbook-cli --version says $version"
fi
if [ "$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/usr/bin/coachbook" --version 2>&1)" = "Coachbook $version" ]; then
  ok "coachbook --version says $version"
else
  not_ok "coachbook --version says $version"
fi
db="$tmp/cb.db"
check "coachbook-cli generate fills a new database" "$root/usr/bin/coachbook-cli" --db "$db" generate --records 200 --seed 3
"$root/usr/bin/coachbook-cli" --db "$db" stats >"$tmp/stats" 2>&1
if grep -qE '^observation +[1-9]' "$tmp/stats"; then ok "coachbook-cli stats counts the observations"; else not_ok "coachbook-cli stats counts the observations" "$tmp/stats"; fi
check "coachbook-cli check passes" "$root/usr/bin/coachbook-cli" --db "$db" check
check "coachbook-cli csv writes the coaching log" sh -c "'$root/usr/bin/coachbook-cli' --db '$db' csv coaching_log -o - | head -1 | grep -q ."
eng=$(sqlite3 "$db" "SELECT r.uuid FROM records r JOIN k_engagement k ON k.id = r.id LIMIT 1" 2>/dev/null || true)
check "coachbook-cli delivered writes a PDF with the packaged module" \
  sh -c "COACHBOOK_MODULEDIR='$root/$moduledir' '$root/usr/bin/coachbook-cli' --db '$db' delivered '$eng' -o '$tmp/delivered.pdf' && grep -q '^%PDF' '$tmp/delivered.pdf'"
"$root/usr/bin/coachbook-cli" --db "$db" delivered "$eng" -o "$tmp/nomodule.pdf" >/dev/null 2>"$tmp/nomodule"
if grep -qxF "coachbook-cli: Cannot write PDFs: “/$moduledir/coachbook-pdf.so” is missing or damaged; reinstall Coachbook." "$tmp/nomodule"; then
  ok "coachbook-cli looks for its PDF module in /$moduledir"
else
  not_ok "coachbook-cli looks for its PDF module in /$moduledir" "$tmp/nomodule"
fi
check "coachbook-cli backup writes a backup" "$root/usr/bin/coachbook-cli" --db "$db" backup "$tmp/backup.db"
check "coachbook-cli reads the backup" "$root/usr/bin/coachbook-cli" --db "$tmp/backup.db" check

desktop="$root/usr/share/applications/io.github.coachbook.Coachbook.desktop"
check "the desktop file is valid" desktop-file-validate "$desktop"
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -1)
check "the desktop file starts an installed program ($exec_line)" test -x "$root/usr/bin/${exec_line%% *}"
icon=$(sed -n 's/^Icon=//p' "$desktop" | head -1)
check "the desktop file's icon ($icon) is installed" test -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg"
check "the desktop file has Spanish" grep -q '^Comment\[es\]=' "$desktop"
check "the metainfo is valid (appstreamcli --strict)" appstreamcli validate --no-net --strict "$root/usr/share/metainfo/io.github.coachbook.Coachbook.metainfo.xml"
check "the installed tree passes appstreamcli validate-tree" appstreamcli validate-tree --no-net "$root"
check "the schema compiles" glib-compile-schemas --strict --dry-run "$root/usr/share/glib-2.0/schemas"
spanish=$(LC_ALL=C.UTF-8 LANGUAGE=es TEXTDOMAINDIR="$root/usr/share/locale" gettext -d coachbook "Commands:
" 2>&1)
if [ -n "$spanish" ] && [ "$spanish" != "Commands:" ]; then
  ok "the Spanish catalog translates coachbook-cli ($spanish)"
else
  not_ok "the Spanish catalog translates coachbook-cli (got: $spanish)"
fi
for page in coachbook coachbook-cli; do
  MANWIDTH=80 man --warnings -E UTF-8 -l "$root/usr/share/man/man1/$page.1.gz" >"$tmp/man" 2>"$tmp/man-err"
  if [ -s "$tmp/man-err" ] || ! grep -q "^NAME" "$tmp/man"; then
    not_ok "man $page renders without warnings" "$tmp/man-err"
  else
    ok "man $page renders without warnings"
  fi
done

echo "1..$n"
[ $failed -eq 0 ]
