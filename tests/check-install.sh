#!/bin/sh
# `meson install` puts the programs, the desktop integration files, the
# Spanish catalog and the manual pages where a desktop and man look for them.
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null 2>&1
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$dest$prefix"
n=0
echo "1..10"
for f in bin/coachbook bin/coachbook-cli \
         share/applications/io.github.coachbook.Coachbook.desktop \
         share/metainfo/io.github.coachbook.Coachbook.metainfo.xml \
         share/glib-2.0/schemas/io.github.coachbook.Coachbook.gschema.xml \
         share/icons/hicolor/scalable/apps/io.github.coachbook.Coachbook.svg \
         share/icons/hicolor/symbolic/apps/io.github.coachbook.Coachbook-symbolic.svg \
         share/locale/es/LC_MESSAGES/coachbook.mo \
         share/man/man1/coachbook.1 share/man/man1/coachbook-cli.1; do
  n=$((n + 1))
  if [ -e "$root/$f" ]; then echo "ok $n - $f"; else echo "not ok $n - $f is not installed"; fi
done
