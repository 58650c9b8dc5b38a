#!/bin/sh
# Core never depends on GTK: no GTK or libadwaita include in src/core,
# and with core's own compile flags a GTK include does not even build.
set -eu
src=$1
cc=${CC:-cc}
echo "1..2"
# (gdk-pixbuf is not GTK: core decodes photos with it)
if grep -rnE '#include *<(gtk|gdk/|gdk[^-]|adwaita)' "$src/src/core"; then
  echo "not ok 1 - src/core includes GTK"
else
  echo "ok 1 - src/core has no GTK include"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <gtk/gtk.h>\nint main (void) { return 0; }\n' > "$tmp/probe.c"
# shellcheck disable=SC2046
if $cc -c "$tmp/probe.c" -o "$tmp/probe.o" $(pkg-config --cflags glib-2.0 gio-2.0 sqlite3 libxml-2.0 gdk-pixbuf-2.0) 2>/dev/null; then
  echo "not ok 2 - a GTK include builds with core's flags"
else
  echo "ok 2 - a GTK include fails to build with core's flags"
fi
