#!/bin/sh
# `meson install` puts the programs, coachbook-cli's PDF module, the desktop
# integration files, the Spanish catalog and the manual pages where a
# desktop, the program and man look for them.
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null 2>&1
option () {
  meson introspect "$build" --buildoptions |
    python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]][0])' "$1"
}
prefix=$(option prefix)
libdir=$(option libdir)
root="$dest$prefix"
n=0
echo "1..13"
for f in bin/coachbook bin/coachbook-cli "$libdir/coachbook/coachbook-pdf.so" "$libdir/coachbook/coachbook-talk.so" \
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
# The installed program finds its module without COACHBOOK_MODULEDIR: it
# looks where it was installed to (here under DESTDIR, so it must name
# exactly that folder when the module is missing).
n=$((n + 1))
msg=$(env -u COACHBOOK_MODULEDIR LC_ALL=C.UTF-8 LANGUAGE= "$root/bin/coachbook-cli" --db "$dest/none.db" delivered x -o "$dest/x.pdf" 2>&1 || true)
case $msg in
  *"“$prefix/$libdir/coachbook/coachbook-pdf.so”"*) echo "ok $n - coachbook-cli looks for its module in $prefix/$libdir/coachbook" ;;
  *) echo "not ok $n - coachbook-cli looks for its module in $prefix/$libdir/coachbook (said: $msg)" ;;
esac
